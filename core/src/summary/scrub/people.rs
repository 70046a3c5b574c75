//! The worker's own people, in every spelling a note may give them: alias and real name whole
//! or in part, each part of a hyphenated or compound name ("Marie-Ève" as "marie eve", "mev";
//! "Jean-François" as "jf", "françois", "jean-fran"), nicknames and short forms (Robert as
//! "rob", "bobby"), initials of the real name ("RT", "r.t."), a possessive, and one typo in a
//! name of five letters or more ("tremblya"). Their private details are matched as phrases
//! ("tim hortons on main"), and single words only where the word is itself a name or a rare
//! word ("tamsin", "moosonee"), so an ordinary word in a note is never taken for a detail.

// A fast hash: the lists are looked up for every word of every note, and hold no secret
// an attacker could pick collisions against.
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

use super::cues;
use super::lexicon;
use super::names;
use super::spelling::{
    common_word, is_common, one_edit_any, one_typo, parts, pet_form_of, same_word,
};
use super::text::{Token, fold_plain, tokens};
use crate::person::Person;

/// English given names and their short forms (PyPI `nicknames` 1.0.1, Apache-2.0; see
/// core/data/lexicon/SOURCES.md), kept where the short form starts like the name or is one of
/// the classic exceptions, so "robert" gives "rob", "bob", "bobby" but not "hob".
static NICKNAMES: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    const CLASSIC: &[&str] = &[
        "bob", "bobby", "bill", "billy", "dick", "ted", "teddy", "ned", "jack", "hank", "peggy",
        "polly", "sally", "molly", "patsy", "nancy", "daisy", "betty", "bess", "liz", "beth",
        "sasha", "chuck", "jim", "jimmy", "kate", "kathy", "jenny", "tony", "mike", "mo", "moe",
    ];
    let mut map: HashMap<&str, Vec<&str>> = HashMap::default();
    for line in include_str!("nicknames.tsv").lines() {
        if let Some((formal, short)) = line.split_once('\t')
            && (short.chars().next() == formal.chars().next() || CLASSIC.contains(&short))
        {
            map.entry(formal).or_default().push(short);
        }
    }
    // Short forms the table lacks: Arabic given names and their common spellings.
    for (formal, shorts) in [
        (
            "mohammed",
            &[
                "mo", "moe", "momo", "mohamed", "muhammad", "mohammad", "mohamad", "hamoudi",
            ][..],
        ),
        ("muhammad", &["mo", "moe", "mohammed", "mohamed"][..]),
        ("abdullah", &["abdul", "abdi"][..]),
    ] {
        map.entry(formal).or_default().extend_from_slice(shorts);
    }
    map
});

/// Words before an ordinary word that make it that word, not a name: "the sky", "la rose".
static DETERMINERS: LazyLock<HashSet<&str>> =
    LazyLock::new(|| DETERMINER_LIST.iter().copied().collect());

const DETERMINER_LIST: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "our", "their",
    "le", "la", "les", "un", "une", "du", "des", "ce", "cette", "ces", "mon", "ma", "ton", "ta",
    "son", "sa", "notre", "votre", "leur", "some", "any", "no",
];

/// Little words that join a phrase and say nothing alone.
const LINKS: &[&str] = &[
    "the", "a", "an", "at", "on", "in", "of", "to", "near", "by", "for", "with", "and", "le", "la",
    "les", "l", "de", "du", "des", "d", "au", "aux", "a", "chez", "pres", "et", "sur",
];

/// Byte ranges of a text.
pub type Ranges = Vec<(usize, usize)>;

/// A person of the people list, as the scrubber looks for them.
pub struct Known {
    /// Runs of words that name them: "marie eve", "nguyen thi lan", "ti loup".
    sequences: Vec<Vec<String>>,
    /// The worker's own word for them, which names them wherever it stands as a name.
    alias: String,
    /// Single words that name them: parts, joined compounds, nicknames.
    singles: HashSet<String>,
    /// Their initials: "rt", "jfb", "jf".
    initials: HashSet<String>,
    /// Their initials that are everyday words ("so", "me"), found only in capitals beside a
    /// person's cue.
    everyday_initials: HashSet<String>,
    /// Hyphenated given names, for cut-short spellings ("jean-fran").
    compounds: Vec<(String, String)>,
    /// Words of their private details that identify on their own: names, rare words.
    detail_words: HashSet<String>,
    /// Names given in their details after a relation ("daughter Mai"), found after one.
    detail_named: HashSet<String>,
    /// Details said in one word ("pregnant"), found in a note that names them.
    detail_alone: HashSet<String>,
    /// Every word of their details.
    detail_vocabulary: HashSet<String>,
    /// Words of their alias and name written with accents, folded to their own spelling
    /// ("meme" → "mémé"): accents may be left off, but "même" is another word.
    accented: HashMap<String, String>,
    /// Their private details, clause by clause, for phrases of two words or more; each word
    /// with whether it carries meaning of its own (a capital, a name, a rare word).
    detail_clauses: Vec<Vec<(String, bool)>>,
}

impl Known {
    pub fn new(p: &Person) -> Known {
        let mut sequences = Vec::new();
        let mut singles = HashSet::default();
        let mut initials: HashSet<String> = HashSet::default();
        let mut compounds = Vec::new();
        let mut accented = HashMap::default();
        for (source, is_alias) in
            std::iter::once((p.alias.as_str(), true)).chain(p.name.as_deref().map(|n| (n, false)))
        {
            let words = parts(source);
            for piece in source.split(|c: char| !c.is_alphanumeric()) {
                if !piece.is_ascii() {
                    accented.insert(fold_plain(piece), lower_nfc(piece));
                }
            }
            // Every run of two words or more: "marie eve" of "Marie-Ève Gagnon".
            for len in 2..=words.len() {
                // "de la" of "Rodrigo De la Cruz" is no one: a run of little words is skipped.
                for run in words
                    .windows(len)
                    .filter(|run| !run.iter().all(|w| LINKS.contains(&w.as_str())))
                {
                    sequences.push(run.to_vec());
                    singles.insert(run.concat());
                }
            }
            for w in &words {
                // A letter alone is an initial, and "dr" a title: only whole phrases hold them.
                let whole_alias = is_alias && words.len() == 1;
                if (w.chars().count() >= 3 || whole_alias) && !cues::is_title(w) {
                    singles.insert(w.clone());
                }
                if let Some(shorts) = NICKNAMES.get(w.as_str()) {
                    singles.extend(shorts.iter().map(|s| s.to_string()));
                }
            }
            for piece in source.split_whitespace() {
                // "O'Dea", "D'Amico": the name as one word too.
                if piece.contains(['\'', '’']) {
                    let joined = fold_plain(piece.trim_matches(|c: char| !c.is_alphanumeric()));
                    if joined.chars().count() >= 3 {
                        singles.insert(joined);
                    }
                }
                if let Some((a, b)) = piece.split_once('-') {
                    let (a, b) = (fold_plain(a), fold_plain(b));
                    if let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) {
                        initials.insert([x, y].iter().collect());
                        compounds.push((a, b));
                    }
                }
            }
            if !is_alias && words.len() > 1 {
                // "ab", "abw" for Aaliyah Brooks-Whitehorse; "rt" for Robert Tremblay.
                let letters: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
                for n in 2..=letters.len() {
                    initials.insert(letters[..n].iter().collect());
                }
                initials.insert([letters[0], letters[letters.len() - 1]].iter().collect());
            }
        }
        let mut detail_words = HashSet::default();
        let mut detail_named = HashSet::default();
        let mut detail_alone = HashSet::default();
        let mut detail_clauses: Vec<Vec<(String, bool)>> = Vec::new();
        if let Some(details) = p.details.as_deref() {
            for clause in details.split([';', ',', '\n', '(', ')']) {
                let toks = tokens(clause);
                let mut marked = Vec::new();
                for t in &toks {
                    let lex = lexicon::lookup(&t.folded);
                    let raw = &clause[t.own_start..t.own_end];
                    let acronym = raw.chars().count() >= 3 && raw.chars().all(|c| c.is_uppercase());
                    let capital = t.titlecase && !lex.ordinary;
                    let rare = lex.word_zipf() == 0.0
                        && t.folded.chars().count() >= 5
                        && t.alphabetic
                        && !t.folded.contains('-');
                    let name = !lex.ordinary && lex.name_weight() >= 1.0;
                    if acronym || capital || rare || name {
                        detail_words.insert(t.folded.clone());
                    }
                    let z = lex.word_zipf();
                    marked.push(
                        t.titlecase
                            || acronym
                            || (!lex.ordinary && lex.name_weight() >= 1.0)
                            || (z > 0.0 && z < 3.5)
                            || (z == 0.0 && !t.folded.contains('-')),
                    );
                }
                // A name given after a relation ("dog named Diesel", "daughter Mai"), even an
                // everyday word: found in a note after a relation too, or with a capital.
                for pair in toks.windows(2) {
                    // Not a little word: "her aunt's in Malvern" names no one "in".
                    let named =
                        pair[1].titlecase || lexicon::lookup(&pair[1].folded).word_zipf() < 5.0;
                    if (cues::is_relation(&pair[0].folded) || pair[0].folded == "named")
                        && named
                        && !LINKS.contains(&pair[1].folded.as_str())
                    {
                        detail_named.insert(pair[1].folded.clone());
                    }
                }
                // A detail said in one word ("pregnant", "diabetic") gives them away in a note
                // that names them.
                let content: Vec<&Token> = toks
                    .iter()
                    .filter(|t| t.alphabetic && !LINKS.contains(&t.folded.as_str()))
                    .collect();
                if let [word] = content[..]
                    && word.folded.chars().count() >= 5
                    && lexicon::lookup(&word.folded).word_zipf() < 4.8
                {
                    detail_alone.insert(word.folded.clone());
                }
                detail_clauses.push(toks.into_iter().map(|t| t.folded).zip(marked).collect());
            }
        }
        // The alias as written ("ti-loup"), for a typo in it.
        let alias = fold_plain(&p.alias);
        if alias.chars().count() >= 5 {
            singles.insert(alias.clone());
        }
        // Initials that are the most everyday words ("me", "so") name them only in capitals
        // where a person would be: "met up w/ SO", not "SO tired" nor "lend ME money".
        let (everyday_initials, initials): (HashSet<String>, HashSet<String>) = initials
            .into_iter()
            .partition(|i| lexicon::lookup(i).word_zipf() >= 5.5);
        Known {
            accented,
            alias,
            sequences,
            singles,
            initials,
            everyday_initials,
            compounds,
            detail_words,
            detail_named,
            detail_alone,
            detail_vocabulary: detail_clauses
                .iter()
                .flatten()
                .map(|(w, _)| w.clone())
                .collect(),
            detail_clauses,
        }
    }

    /// Whether token `i` names this person on its own.
    fn names(&self, reader: &names::Reader, i: usize) -> bool {
        let (text, toks) = (reader.text, reader.tokens);
        let t = &toks[i];
        let w = t.folded.as_str();
        let upper = || {
            text[t.own_start..t.own_end]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
        };
        let after_determiner = || {
            i > 0
                && DETERMINERS.contains(toks[i - 1].folded.as_str())
                && text[toks[i - 1].end..t.start].trim().is_empty()
        };
        // An everyday word read as the word by what is around it, with nothing saying a
        // person is there: "Hope it goes ok", "grâce à l'équipe", "tout rose".
        let word_reading = || {
            let next = toks.get(i + 1).map(|n| &text[n.own_start..n.own_end]);
            let prev = i.checked_sub(1).map(|b| toks[b].folded.as_str());
            let thing_after = next.is_some_and(|n| {
                matches!(
                    n.to_lowercase().as_str(),
                    "it" | "you"
                        | "u"
                        | "so"
                        | "that"
                        | "this"
                        | "everyone"
                        | "everything"
                        | "period"
                        | "à"
                )
            });
            let thing_before = prev.is_some_and(|p| {
                matches!(
                    p,
                    "tout" | "toute" | "tres" | "very" | "so" | "too" | "plus"
                )
            });
            (thing_after || thing_before)
                && reader.hints(i) - if reader.capital(i) { 1.0 } else { 0.0 } < 1.0
        };
        // "même" is not Mémé, though both fold to "meme": an accent left off is theirs, another
        // accent in its place is another word.
        if let Some(own) = self.accented.get(w)
            && reader.lex(i).ordinary
            && other_accents(&lower_nfc(&text[t.own_start..t.own_end]), own)
        {
            return false;
        }
        // Their alias is theirs: only an article before it, or words that read it as a word,
        // make it one ("the sky").
        let ordinary = reader.lex(i).ordinary;
        if w == self.alias {
            return !((common_word(reader.lex(i), w) && after_determiner())
                || (ordinary && word_reading()));
        }
        if self.singles.contains(w) && ordinary && word_reading() {
            return false;
        }
        if self.singles.contains(w) {
            // An everyday word names them only where a person would be: "sky came by", not
            // "the sky was grey" nor "the phone bill".
            if !common_word(reader.lex(i), w) {
                return true;
            }
            // A capital says little of a holiday's word: "New Year's Eve". A word all in
            // capitals is written so on purpose: "OLIVE wrote me".
            let hints = reader.hints(i) - if reader.capital(i) { 1.0 } else { 0.0 };
            let capital = reader.capital(i) || (upper() && w.chars().count() >= 3);
            let capital = capital && !cues::is_calendar(w);
            return !after_determiner()
                && !word_reading()
                && (w.len() > 2 || upper())
                && (capital || hints >= 1.0);
        }
        // "Paddie" for Paddy; "ravens twin" for Raven's twin.
        if self.singles.iter().any(|s| pet_form_of(w, s)) {
            return true;
        }
        // Not "Tims" for Tim Hortons, "dawns", "robs": a name of four letters or more, and a
        // word no dictionary holds.
        if let Some(stem) = w.strip_suffix('s')
            && (stem == self.alias || self.singles.contains(stem))
            && stem.chars().count() >= 4
            && !reader.lex(i).ordinary
            && reader.lex(i).word_zipf() < 3.0
            && toks
                .get(i + 1)
                .is_some_and(|n| n.alphabetic && !cues::ANIMATE_SET.contains(n.folded.as_str()))
        {
            return true;
        }
        if self.everyday_initials.contains(w) {
            let capital = if reader.capital(i) { 1.0 } else { 0.0 };
            return upper() && reader.hints(i) - capital >= 1.0;
        }
        if w.len() <= 4 {
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            if self.initials.contains(&letters)
                && letters.len() == w.chars().filter(|c| *c != '-' && *c != '.').count()
            {
                // "everybody ok": what phones type is never someone's initials in lower case.
                return upper()
                    || !(is_common(&letters)
                        || cues::is_title(&letters)
                        || cues::is_abbreviation(&letters));
            }
        }
        if let Some((head, tail)) = w.split_once('-')
            && tail.chars().count() >= 3
            && self.compounds.iter().any(|(a, b)| {
                a == head
                    && (b.starts_with(tail)
                            // "Nkoulou-Ebgo": one letter off in the second part.
                            || (tail.chars().count() >= 4 && one_edit_any(tail, b)))
            })
        {
            return true;
        }
        // One letter wrong in a word no dictionary holds: not "login" for Logan. The word is
        // weighed before it is compared with every name.
        w.len() >= 5
            && t.alphabetic
            && !reader.lex(i).ordinary
            && !common_word(reader.lex(i), w)
            && self.singles.iter().any(|s| one_typo(w, s))
    }

    /// The byte ranges of `text` that name this person, and those that give away their
    /// private details.
    pub fn find(&self, reader: &names::Reader) -> (Ranges, Ranges) {
        let toks = reader.tokens;
        let mut person = Vec::new();
        let mut detail = Vec::new();
        let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
        let mut i = 0;
        while i < toks.len() {
            // The longest run of words first: "nguyen thi lan" as one.
            let starts = |s: &&Vec<String>| {
                s.len() <= folded.len() - i && s.iter().zip(&folded[i..]).all(|(a, b)| a == b)
            };
            if let Some(seq) = self
                .sequences
                .iter()
                .filter(|s| s[0] == folded[i])
                .filter(starts)
                .max_by_key(|s| s.len())
            {
                let last = i + seq.len() - 1;
                person.push((toks[i].own_start, toks[last].own_end));
                i = last + 1;
                continue;
            }
            if self.names(reader, i) {
                person.push((toks[i].own_start, toks[i].own_end));
            }
            i += 1;
        }
        // Details: runs of two words or more found in one clause, with something in them that
        // is not an everyday word; and the words that identify on their own.
        // Most words of a note are in none of their details: passed over at once, by a look
        // in one set (a little word may stand for another: "sur" for "on").
        let maybe = |w: &str| w.len() <= 4 || self.detail_vocabulary.contains(w);
        for clause in &self.detail_clauses {
            let mut i = 0;
            while i < toks.len() {
                if !maybe(folded[i]) || !clause.iter().any(|(w, _)| same_word(w, folded[i])) {
                    i += 1;
                    continue;
                }
                let mut best = 0;
                let mut content = 0;
                for start in 0..clause.len() {
                    let n = clause[start..]
                        .iter()
                        .zip(&folded[i..])
                        .take_while(|((a, _), b)| same_word(a, b))
                        .count();
                    if n > best {
                        best = n;
                        content = clause[start..start + n].iter().filter(|(_, m)| *m).count();
                    }
                }
                if best >= 2 && content >= 1 {
                    // Little words at the ends ("at the", "on") stay, and so does a relation.
                    let mut s = i;
                    let mut e = i + best - 1;
                    // A relation before the name stays too: "sister [detail]".
                    while s < e && (LINKS.contains(&folded[s]) || cues::is_relation(folded[s])) {
                        s += 1;
                    }
                    while e > s && LINKS.contains(&folded[e]) {
                        e -= 1;
                    }
                    detail.push((toks[s].own_start, toks[e].own_end));
                    i += best;
                } else {
                    i += 1;
                }
            }
        }
        for (i, t) in toks.iter().enumerate() {
            let after_relation = i > 0 && cues::is_relation(&toks[i - 1].folded);
            // A name from the details a few words from the person it belongs to: "le chat de
            // priya, biscuit, est malade".
            let near_person = || {
                person.iter().any(|(s, e)| {
                    let words_between = |from: usize, to: usize| {
                        toks.iter()
                            .filter(|o| o.start >= from && o.end <= to)
                            .count()
                    };
                    (*e <= t.start && words_between(*e, t.start) <= 4)
                        || (t.end <= *s && words_between(t.end, *s) <= 4)
                })
            };
            // "dort au bord du canal avec biscuit": after a word that takes a companion.
            let after_with = i > 0 && cues::takes_someone(&toks[i - 1].folded);
            let named = self.detail_named.contains(&t.folded)
                && (after_relation
                    || after_with
                    || near_person()
                    || (t.titlecase && !t.sentence_start));
            let alone = self.detail_alone.contains(&t.folded) && !person.is_empty();
            if (self.detail_words.contains(&t.folded) || named || alone) && !self.names(reader, i) {
                detail.push((t.own_start, t.own_end));
            }
        }
        (person, detail)
    }
}

#[cfg(test)]
#[path = "people_tests.rs"]
mod tests;

/// `word` in lower case, its accents composed, to be compared letter by letter.
fn lower_nfc(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfc().flat_map(char::to_lowercase).collect()
}

/// Whether `typed` carries an accented letter where `own` has another accented letter:
/// "même" against "mémé", not "meme" nor "mémé".
fn other_accents(typed: &str, own: &str) -> bool {
    typed.chars().count() == own.chars().count()
        && typed
            .chars()
            .zip(own.chars())
            .any(|(a, b)| a != b && !a.is_ascii() && !b.is_ascii())
}
