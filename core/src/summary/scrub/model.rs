//! A small learned second opinion on names: a logistic regression over what the lexicon knows
//! of a word and of the words around it, trained on the labelled corpora of
//! `core/tests/data/scrub/` (see `train.rs`). The rules of `names` say why a word is a name in
//! words a worker can review; they were written one miss at a time and read only the cues
//! someone thought of. The model weighs every cue at once, so a name the rules never
//! anticipated ("yelling" after an unknown word in capitals, "de" after a first name) is still
//! caught when the evidence adds up. It only adds names the rules missed, above a high bar, and
//! its weights are plain text (`core/data/model/names.tsv`), one feature per line.

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

use super::cues::*;
use super::names::{Reader, nameness};

/// The weights, feature by feature, as trained: for "names someone" and for "names someone or
/// somewhere". A feature absent weighs nothing.
static WEIGHTS: LazyLock<HashMap<&'static str, (f32, f32)>> = LazyLock::new(|| {
    include_str!("../../../data/model/names.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            let feature = cols.next().expect("a feature");
            let mut weight = || {
                cols.next()
                    .and_then(|w| w.parse().ok())
                    .expect("feature<TAB>weight<TAB>weight")
            };
            (feature, (weight(), weight()))
        })
        .fold(HashMap::new(), |mut map, (f, w)| {
            map.insert(f, w);
            map
        })
});

/// How sure the model must be to add a name the rules missed. High on purpose: a plain
/// sentence spoiled costs the summary its meaning.
pub(super) const BAR: f32 = 0.7;

/// How sure the model must be that a word names somewhere (a place, a service) to remove a
/// word the rules left: higher still, as a capital or a hyphen alone makes a word look like a
/// place's ("Co-workers", "St-Jean").
pub(super) const PLACE_BAR: f32 = 0.9;

/// How unlikely a word the rules took for a name must be to name anyone or anywhere for the
/// model to give it back: "fleur" in "à fleur de peau", "officer" after "probation".
pub(super) const VETO: f32 = 0.1;

/// Whether the model looks at word `i` at all: words of letters, two or more.
pub(super) fn considers(r: &Reader, i: usize) -> bool {
    let t = &r.tokens[i];
    t.alphabetic && t.folded.chars().count() >= 2
}

/// Whether a word is so common an everyday word ("the", "avec", "called") that the model is
/// never asked whether it names someone the rules missed: weighing it costs more than the
/// answer could ever change.
pub(super) fn too_common(r: &Reader, i: usize) -> bool {
    let lex = r.lex(i);
    lex.ordinary && lex.word_zipf() >= 5.0
}

/// How a word around the one weighed reads: itself when it is common or a cue, else what kind
/// of word it is, so the weights learn from contexts and not from the corpora's own names.
fn neighbour<'a>(r: &'a Reader, j: Option<usize>) -> &'a str {
    let Some(j) = j.filter(|j| *j < r.tokens.len()) else {
        return "<edge>";
    };
    let t = &r.tokens[j];
    if !t.alphabetic {
        return "<num>";
    }
    let lex = r.lex(j);
    let w = t.folded.as_str();
    let cue = || {
        [
            &*BEFORE_SET,
            &*AFTER_SET,
            &*FR_AFTER_SET,
            &*ANIMATE_SET,
            &*RELATIONS_SET,
            &*TITLES_SET,
            &*ARTICLES_SET,
        ]
        .iter()
        .any(|s| in_set(s, w))
    };
    if lex.word_zipf() >= 3.0 || cue() {
        w
    } else if lex.is_name() && nameness(lex, w) >= 1.0 {
        "<name>"
    } else {
        "<rare>"
    }
}

/// A weight's bucket: the order of magnitude of people per million (or thousands of people),
/// "0" for none.
fn bucket(x: f32) -> i32 {
    if x <= 0.0 {
        -9
    } else {
        (x + 0.1).log10().round().clamp(-1.0, 4.0) as i32
    }
}

/// Hands each feature of word `i` to `each`, as the weights name it. One buffer is written
/// over and over: a summary weighs every word of every entry shared, and a string built for
/// each feature would cost more than the rest of the scrubber.
fn each_feature(r: &Reader, i: usize, mut each: impl FnMut(&str)) {
    use std::fmt::Write;
    let t = &r.tokens[i];
    let lex = r.lex(i);
    let w = t.folded.as_str();
    let raw = &r.text[t.own_start..t.own_end];
    let z = lex.word_zipf().round() as i32;
    let n = nameness(lex, w);
    let caps = raw.chars().count() >= 2 && raw.chars().all(|c| !c.is_lowercase());
    let shape = if caps {
        "caps"
    } else if t.titlecase && t.sentence_start {
        "title-start"
    } else if t.titlecase {
        "title"
    } else if t.sentence_start {
        "lower-start"
    } else {
        "lower"
    };
    let lang = match r.english {
        Some(true) => "en",
        Some(false) => "fr",
        None => "?",
    };
    let prev = neighbour(r, i.checked_sub(1));
    let next = neighbour(r, Some(i + 1));
    let prev2 = neighbour(r, i.checked_sub(2));
    let next2 = neighbour(r, Some(i + 2));
    let gap_before = i
        .checked_sub(1)
        .map_or("", |p| r.text[r.tokens[p].end..t.start].trim());
    let gap_after = r
        .tokens
        .get(i + 1)
        .map_or("<end>", |nx| r.text[t.end..nx.start].trim());
    let hints = ((r.hints(i) * 2.0).round() as i32).min(6);
    let mut buf = String::with_capacity(64);
    let mut emit = |args: std::fmt::Arguments| {
        buf.clear();
        // Writing to a String cannot fail.
        let _ = buf.write_fmt(args);
        each(&buf);
    };
    emit(format_args!("bias"));
    emit(format_args!(
        "nameness={}",
        n.round().clamp(-6.0, 6.0) as i32
    ));
    emit(format_args!("first={}", bucket(lex.first)));
    emit(format_args!("last={}", bucket(lex.last)));
    emit(format_args!("zipf={z}"));
    emit(format_args!("zipf={z}&ordinary={}", lex.ordinary));
    emit(format_args!("place={}", bucket(f32::from(lex.place))));
    emit(format_args!("shape={shape}"));
    emit(format_args!(
        "shape={shape}&nameness={}",
        n.round().clamp(-3.0, 3.0) as i32
    ));
    emit(format_args!("shape={shape}&zipf={z}"));
    emit(format_args!("shape={shape}&ordinary={}", lex.ordinary));
    emit(format_args!("len={}", w.chars().count().min(9)));
    emit(format_args!("lang={lang}&zipf={z}"));
    emit(format_args!("hints={hints}"));
    emit(format_args!("prev={prev}"));
    emit(format_args!("next={next}"));
    emit(format_args!("prev2={prev2}"));
    emit(format_args!("next2={next2}"));
    emit(format_args!("prev={prev}&next={next}"));
    emit(format_args!("prev={prev}&shape={shape}"));
    emit(format_args!("next={next}&shape={shape}"));
    emit(format_args!("gap-before={gap_before}"));
    emit(format_args!("gap-after={gap_after}"));
    if t.possessive {
        emit(format_args!("possessive"));
    }
    if w.contains('-') {
        emit(format_args!("hyphen"));
    }
    if lex.word_zipf() >= 3.0 {
        emit(format_args!("word={w}"));
    }
    let ends = w.char_indices().rev().nth(2).map(|(at, _)| &w[at..]);
    if let Some(end) = ends.filter(|_| w.chars().count() >= 4) {
        emit(format_args!("ends={end}"));
    }
}

/// The features of word `i`, as the weights name them, for training.
pub(super) fn features(r: &Reader, i: usize) -> Vec<String> {
    let mut out = Vec::new();
    each_feature(r, i, |f| out.push(f.to_string()));
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The model's probabilities that word `i` names someone, and that it names someone or
/// somewhere.
pub(super) fn probabilities(r: &Reader, i: usize) -> (f32, f32) {
    let (mut name, mut identifying) = (0.0, 0.0);
    each_feature(r, i, |f| {
        if let Some((n, i)) = WEIGHTS.get(f) {
            name += n;
            identifying += i;
        }
    });
    (sigmoid(name), sigmoid(identifying))
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
