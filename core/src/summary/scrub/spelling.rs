//! How a known person's name may be spelled in a note, and how little words of their details
//! may be said: the same little word in English and French, a name's parts, whether a word is
//! everyday enough to need a person's context, one letter wrong.

use super::cues;
use super::lexicon;
use super::names;
use super::text::fold_plain;

/// Whether two little words of a detail say the same in English and French: a detail written
/// "works at Tim Hortons on Main" is met in a note as "au tim hortons sur main".
pub(super) fn same_word(a: &str, b: &str) -> bool {
    const ALIKE: &[&[&str]] = &[
        &["at", "au", "a", "chez"],
        &["on", "sur"],
        &["near", "pres"],
        &["of", "de", "du", "d"],
        &["the", "le", "la", "les", "l"],
        &["and", "et"],
        &["in", "dans", "en"],
    ];
    // Called for every word of a note against every word of every detail: the little words
    // are short, and most pairs are told apart by length alone.
    a == b
        || (a.len() <= 4
            && b.len() <= 4
            && ALIKE.iter().any(|set| set.contains(&a) && set.contains(&b)))
}

/// The words of `text`, folded, split at spaces, hyphens, dots and apostrophes.
pub(super) fn parts(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "-.,'’_".contains(c))
        .map(fold_plain)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Everyday enough that it must look like a name to be one: "bill", "sky", "ma".
pub(super) fn is_common(word: &str) -> bool {
    common_word(&lexicon::lookup(word), word)
}

/// [`is_common`] for a word already looked up.
pub(super) fn common_word(lex: &lexicon::Lex, word: &str) -> bool {
    let lex = *lex;
    // A word met less than once in 3,000 words ("kawa") is a name before it is a word.
    cues::is_calendar(word)
        || lex.ordinary && names::nameness(&lex, word) < 1.5 && lex.word_zipf() >= 3.5
        || lex.word_zipf() >= 5.5
}

/// The same short form spelled another way: "paddie" for "paddy", "jonny" for "jonnie",
/// "mikey" for "mikie". Pet names end in -y, -ie, -ey or -i alike.
pub(super) fn pet_form_of(word: &str, name: &str) -> bool {
    fn stem(w: &str) -> Option<&str> {
        ["ie", "ey", "y", "i"]
            .iter()
            .find_map(|end| w.strip_suffix(end))
            .filter(|s| s.chars().count() >= 2)
    }
    // The spelling first: it is asked of every word against every known name, and the
    // lexicon only of the few that share a stem.
    let same_stem = word != name
        && word.chars().count() >= 4
        && stem(word).is_some_and(|a| a.chars().count() >= 3 && stem(name) == Some(a));
    // Not "Barrie" (a town) for Barry, nor "smoky" for Smokey: no word and no place.
    same_stem && !is_common(word) && {
        let lex = lexicon::lookup(word);
        !lex.ordinary && lex.place == 0
    }
}

/// One edit apart (a letter added, dropped, changed, or two swapped), for names of five
/// letters or more.
pub(super) fn one_typo(a: &str, b: &str) -> bool {
    // Most pairs differ in length by more than one: refused before anything is copied.
    if a.len().abs_diff(b.len()) > 4 || a == b {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return one_edit(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    one_edit(&a, &b)
}

/// One edit apart, for parts of four letters or more.
pub(super) fn one_edit_any(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len().min(b.len()) >= 4 && a.len().abs_diff(b.len()) <= 1 && edit_of_one(&a, &b)
}

pub(super) fn one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a == b || a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    edit_of_one(a, b)
}

/// Whether `a` and `b`, of lengths at most one apart, differ by one letter added, dropped,
/// changed, or two swapped.
pub(super) fn edit_of_one<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Greater => ra[1..] == *rb,
        std::cmp::Ordering::Less => *ra == rb[1..],
    }
}
