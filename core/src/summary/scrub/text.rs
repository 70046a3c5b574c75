//! Text as the scrubber reads it: words with their byte ranges, folded for comparison (lower
//! case, accents removed, a possessive or a French elision set apart), and where sentences
//! start. Nothing here decides what is identifying.

use unicode_normalization::UnicodeNormalization;

/// Lower case with accents removed, and the typographic apostrophe as the plain one
/// ("O’Brien" as "o'brien").
pub fn fold_plain(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// The letters of `text`, lower case, nothing else: "K.M." is "km", "GSM 0470" is "gsm".
pub fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a word as typed is an acronym in mixed case, not a name: "RdR", "CdC", "PdP" (two
/// capitals or more, short, and ending in one; "LeBlanc" and "DeShawn" end in small letters).
pub fn acronym(word: &str) -> bool {
    let n = word.chars().count();
    (3..=4).contains(&n)
        && word.ends_with(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A word or phrase folded word by word as the scrubber reads notes: "Ti-Loup's" as
/// "ti-loup", "L'Oasis" as "oasis", "Blue Door," as "blue door".
pub fn fold_words(text: &str) -> String {
    tokens(text)
        .into_iter()
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Folds a word for comparison: lower case, accents removed, possessive dropped.
pub fn fold(word: &str) -> String {
    let w = word
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches('\'')
        .trim_end_matches('’');
    fold_plain(w)
}

/// `text` folded character by character (lower case, accents removed), with, for each byte of
/// the result, the byte offset in `text` of the character it came from.
pub fn fold_with_origin(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let before = folded.len();
        for f in std::iter::once(c)
            .nfd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
        {
            folded.push(f);
        }
        origin.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    (folded, origin)
}

/// Words and their byte ranges: letters, digits, apostrophes and hyphens inside a word.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let inner = (c == '\'' || c == '’' || c == '-')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push((s, at));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// French elisions written onto the next word: "l'", "d'", "j'"…
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "t", "s", "n", "c", "qu", "jusqu", "lorsqu",
];

/// One word of a text.
#[derive(Debug, Clone)]
pub struct Token {
    /// Its byte range, possessive included.
    pub start: usize,
    pub end: usize,
    /// Where the word itself starts and ends: after an elision ("l'Hôpital"), before a
    /// possessive ("Bobby's").
    pub own_start: usize,
    pub own_end: usize,
    /// The word itself, folded.
    pub folded: String,
    pub possessive: bool,
    /// Written with a capital and then lower case ("Darnell"), not in capitals ("LOL").
    pub titlecase: bool,
    /// The first word of the text or of a sentence, where a capital says nothing.
    pub sentence_start: bool,
    /// Only letters (no digits).
    pub alphabetic: bool,
}

/// The words of `text`, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut last_end = 0;
    for (start, end) in words(text) {
        let raw = &text[start..end];
        let mut own_start = start;
        if let Some(at) = raw.find(['\'', '’']) {
            let head = fold_plain(&raw[..at]);
            if ELISIONS.contains(&head.as_str()) && at + 1 < raw.len() {
                own_start = start + at + raw[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        let own = &text[own_start..end];
        let lower = own.to_lowercase();
        let possessive = lower.ends_with("'s") || lower.ends_with("’s");
        let own_end = if possessive {
            end - own.chars().rev().take(2).map(char::len_utf8).sum::<usize>()
        } else {
            end
        };
        let word = &text[own_start..own_end];
        let mut chars = word.chars();
        let first_upper = chars.next().is_some_and(char::is_uppercase);
        let rest_lower = word
            .chars()
            .skip(1)
            .filter(|c| c.is_alphabetic())
            .any(char::is_lowercase)
            || word.chars().count() == 1;
        let gap = &text[last_end..start];
        let sentence_start = out.is_empty()
            || gap.contains(['.', '!', '?', '\n', ':', ';', '…'])
            || gap.chars().any(|c| {
                !c.is_ascii()
                    && !c.is_alphanumeric()
                    && !c.is_whitespace()
                    && c != '’'
                    && c != '«'
                    && c != '»'
            });
        out.push(Token {
            start,
            end,
            own_start,
            own_end,
            folded: fold_plain(word),
            possessive,
            titlecase: first_upper && rest_lower,
            sentence_start,
            alphabetic: word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’'),
        });
        last_end = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_know_their_possessive_elision_capital_and_sentence() {
        let t = tokens("Met Bobby's mom. l'Hôpital said hi 🙂 then Darnell came");
        let folded: Vec<&str> = t.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(
            folded,
            [
                "met", "bobby", "mom", "hopital", "said", "hi", "then", "darnell", "came"
            ]
        );
        assert!(t[1].possessive && t[1].titlecase && !t[1].sentence_start);
        assert!(t[3].sentence_start && t[3].titlecase);
        // An emoji ends a thought as a full stop does.
        assert!(t[6].sentence_start);
        assert!(!t[7].sentence_start && t[7].titlecase);
    }
}
