//! A small learned second opinion on names: a logistic regression over what the lexicon knows
//! of a word and of the words around it, trained on the labelled corpora of
//! `core/tests/data/scrub/` by `core/examples/train_names.rs`. The rules of `names` say why a
//! word is a name in words a worker can review; they were written one miss at a time and read
//! only the cues someone thought of. The model weighs every cue at once, so a name the rules
//! never anticipated ("yelling" after an unknown word in capitals, "de" after a first name) is
//! still caught when the evidence adds up. On words nothing else has taken, it adds names and
//! names of places the rules missed, above high bars, and gives back a word the rules took on
//! weak evidence when it is sure the word names no one and nowhere. Its weights are plain text
//! (`core/data/model/names.tsv`), one feature per line.

use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt};

use super::cues::*;
use super::names::{Reader, Why, nameness};
use super::text;

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

/// How unlikely a word the rules took for a name on weak evidence must be to name anyone or
/// anywhere for the model to give it back: "jumeau" in "son jumeau", "natel" in "son natel".
/// Strong evidence (a title, "named", initials) is never overruled.
pub(super) const VETO: f32 = 0.1;

/// Whether the model looks at word `i` at all: words of letters, two or more.
pub(super) fn considers(r: &Reader, i: usize) -> bool {
    let t = &r.tokens[i];
    t.alphabetic
        && t.folded.chars().count() >= 2
        && !super::text::acronym(&r.text[t.own_start..t.own_end])
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
    // A name no dictionary writes in lower case is only "a name": the weights learn what
    // surrounds names, never the corpora's own ("kevin", "tremblay"). A dictionary word that is
    // also a name ("olive", "will") is vocabulary, and reads as itself.
    if lex.is_name() && !lex.ordinary && nameness(lex, w) >= 0.0 && !cue() {
        "<name>"
    } else if lex.word_zipf() >= 3.0 || cue() {
        w
    } else {
        "<rare>"
    }
}

/// A weight's bucket: the order of magnitude of people per million (or thousands of people),
/// -9 for none.
fn bucket(x: f32) -> i32 {
    if x <= 0.0 {
        -9
    } else {
        (x + 0.1).log10().round().clamp(-1.0, 4.0) as i32
    }
}

/// Small numbers as text, without the formatting machinery: every number a feature holds is
/// clamped to -9..=9.
fn int(n: i32) -> &'static str {
    const INTS: [&str; 19] = [
        "-9", "-8", "-7", "-6", "-5", "-4", "-3", "-2", "-1", "0", "1", "2", "3", "4", "5", "6",
        "7", "8", "9",
    ];
    INTS[(n.clamp(-9, 9) + 9) as usize]
}

/// The text between two words, as a feature reads it: runs of spaces, tabs and line breaks are
/// one space, so an entry of several lines reads as the one-line notes the model learned
/// from, and no feature ever holds a tab or a line break.
fn gap(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    if text.chars().any(char::is_whitespace) {
        std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Hands each feature of word `i` to `each`, as the weights name them. One buffer is written
/// over and over from borrowed parts: a summary weighs every word of every entry shared, and a
/// string formatted for each feature would cost more than the rest of the scrubber.
fn each_feature(r: &Reader, i: usize, mut each: impl FnMut(&str)) {
    let t = &r.tokens[i];
    let lex = r.lex(i);
    let w = t.folded.as_str();
    let raw = &r.text[t.own_start..t.own_end];
    let z = int(lex.word_zipf().round() as i32);
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
    let ordinary = if lex.ordinary { "true" } else { "false" };
    let prev = neighbour(r, i.checked_sub(1));
    let next = neighbour(r, Some(i + 1));
    let prev2 = neighbour(r, i.checked_sub(2));
    let next2 = neighbour(r, Some(i + 2));
    let gap_before = i
        .checked_sub(1)
        .map_or("<edge>".into(), |p| gap(&r.text[r.tokens[p].end..t.start]));
    let gap_after = r
        .tokens
        .get(i + 1)
        .map_or("<edge>".into(), |nx| gap(&r.text[t.end..nx.start]));
    let hints = int(((r.hints(i) * 2.0).round() as i32).min(6));
    let mut buf = String::with_capacity(64);
    let mut emit = |parts: &[&str]| {
        buf.clear();
        for p in parts {
            buf.push_str(p);
        }
        each(&buf);
    };
    let nameness_wide = int(n.round().clamp(-6.0, 6.0) as i32);
    let nameness_narrow = int(n.round().clamp(-3.0, 3.0) as i32);
    emit(&["bias"]);
    emit(&["nameness=", nameness_wide]);
    emit(&["first=", int(bucket(lex.first))]);
    emit(&["last=", int(bucket(lex.last))]);
    emit(&["zipf=", z]);
    emit(&["zipf=", z, "&ordinary=", ordinary]);
    emit(&["place=", int(bucket(f32::from(lex.place)))]);
    emit(&["shape=", shape]);
    emit(&["shape=", shape, "&nameness=", nameness_narrow]);
    emit(&["shape=", shape, "&zipf=", z]);
    emit(&["shape=", shape, "&ordinary=", ordinary]);
    emit(&["len=", int(w.chars().count().min(9) as i32)]);
    emit(&["lang=", lang, "&zipf=", z]);
    emit(&["hints=", hints]);
    emit(&["prev=", prev]);
    emit(&["next=", next]);
    emit(&["prev2=", prev2]);
    emit(&["next2=", next2]);
    emit(&["prev=", prev, "&next=", next]);
    emit(&["prev=", prev, "&shape=", shape]);
    emit(&["next=", next, "&shape=", shape]);
    emit(&["gap-before=", &gap_before]);
    emit(&["gap-after=", &gap_after]);
    if t.possessive {
        emit(&["possessive"]);
    }
    if w.contains('-') {
        emit(&["hyphen"]);
    }
    // The word itself only when a dictionary holds it: what the weights learn of "fleur",
    // "jumeau" or "olive", never of "kevin".
    if lex.word_zipf() >= 3.0 && (lex.ordinary || !lex.is_name()) {
        emit(&["word=", w]);
    }
    let ends = w.char_indices().rev().nth(2).map(|(at, _)| &w[at..]);
    if let Some(end) = ends.filter(|_| w.chars().count() >= 4) {
        emit(&["ends=", end]);
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

/// The model's second opinion on a text the rules have read: `named` (the words the rules took
/// for names) is changed in place; `free` says which words nothing else (a known person, an
/// identifier, a place) has taken, the only ones it looks at. Gives back which words it added,
/// and which of those name somewhere rather than someone.
pub(super) fn second_opinion(
    r: &Reader,
    named: &mut [bool],
    free: &[bool],
) -> (Vec<bool>, Vec<bool>) {
    let mut learned = vec![false; named.len()];
    let mut somewhere = vec![false; named.len()];
    for i in 0..named.len() {
        if !free[i] || !considers(r, i) || (!named[i] && too_common(r, i)) {
            continue;
        }
        let (name, identifying) = probabilities(r, i);
        if !named[i] && (name >= BAR || identifying >= PLACE_BAR) {
            named[i] = true;
            learned[i] = true;
            somewhere[i] = name < BAR;
        } else if named[i] && identifying < VETO {
            // Strong evidence stands: "dr jade", "named jade", "K.M. said".
            let strong = matches!(
                r.likely_name(i, named),
                Some(Why::Title | Why::Named | Why::Initials)
            );
            if !strong {
                named[i] = false;
            }
        }
    }
    (learned, somewhere)
}

/// The model's features of each word it weighs in `text`: the word's byte range and its
/// features, for training (`core/examples/train_names.rs`).
#[doc(hidden)]
pub fn name_features(text: &str) -> Vec<((usize, usize), Vec<String>)> {
    let toks = text::tokens(text);
    let reader = Reader::new(text, &toks);
    (0..toks.len())
        .filter(|&i| considers(&reader, i))
        .map(|i| ((toks[i].own_start, toks[i].own_end), features(&reader, i)))
        .collect()
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
