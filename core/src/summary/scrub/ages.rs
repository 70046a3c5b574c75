//! Ages, read with what is around them: the word before and after a number says whether it
//! is someone's age ("he's 16", "Caleb, 19,", "seize ans") or something else ("20 min",
//! "depuis 3 ans", "room 12, 14"). The patterns are `identifiers`'; these are their checks.

use super::Class;
use super::identifiers::word_after;
use super::text::{Token, fold_plain};

/// Words after an age's number that say it is not an age ("is 20 min late", "just 5 bucks").
pub(super) const NOT_AGE_AFTER: &[&str] = &[
    "min", "mins", "minutes", "minute", "hrs", "hours", "hour", "h", "days", "day", "weeks",
    "week", "wks", "months", "month", "times", "time", "bucks", "dollars", "$", "%", "am", "pm",
    "ppl", "people", "km", "mg", "ml", "of", "in", "more", "left", "out", "x", "de", "d'", "years",
    "yrs", "year", "g",
];

/// Words before an age's number that say it is one, with a capital at a sentence's start.
pub(super) const AGE_CUES: &[&str] = &[
    "is", "turned", "turns", "turning", "aged", "age", "just", "almost", "nearly", "barely",
    "maybe", "about", "around", "like", "environ", "genre", "at", "both", "was", "were", "il",
    "elle", "a", "only", "hes", "shes", "theyre", "he's", "she's", "they're",
];

/// Whether "N ans" from `start` to `end` is someone's age, not how long something lasted:
/// "il a 19 ans", "un gars de 19 ans", "Réjean, 61 ans,", "Steph 14 ans traîne" are ages;
/// "4 ans de sobriété", "depuis 3 ans" are not. `next` is the word after, folded.
pub(super) fn years_are_an_age(text: &str, start: usize, end: usize, next: &str) -> bool {
    const HAS: &[&str] = &[
        "a",
        "à",
        "ont",
        "avaient",
        "avait",
        "aura",
        "avoir",
        "eu",
        "de",
        "vers",
        "ses",
        "presque",
        "environ",
        "bientôt",
        "quasiment",
        "fête",
        "fêté",
        "fêter",
        "ans",
        "juste",
        "seulement",
    ];
    const LASTED: &[&str] = &[
        "depuis", "pendant", "durant", "y", "dans", "en", "après", "fait", "passé", "pour", "sur",
        "déjà", "deja", "encore",
    ];
    let before = text[..start].split_whitespace().next_back().unwrap_or("");
    // Set apart by commas, or right after a name.
    let apart = text[..start].trim_end().ends_with(',')
        || before.starts_with(|c: char| c.is_uppercase())
        || text[end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| ",.;)!".contains(c));
    let before = before.to_lowercase();
    let before = before.rsplit(['\'', '’']).next().unwrap_or("");
    let lasted =
        LASTED.contains(&before) || ["de", "d", "sur", "que", "qu", "dans"].contains(&next);
    // "anniversaire de sobriété ce soir, 5 ans": years of sobriety in the same sentence.
    let sentence = text[..start]
        .rsplit(['.', '!', '?', '\n'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let sober = [
        "sobriété",
        "sobriete",
        "abstinence",
        "jeton",
        "clean",
        "sobre",
    ]
    .iter()
    .any(|w| sentence.contains(w));
    HAS.contains(&before) || (apart && !lasted && !sober)
}

/// A number alone, in digits or in words, with no unit ("19", "sixty-three", not "37 ans").
pub(super) fn bare_number(found: &str) -> bool {
    found.chars().all(|c| c.is_ascii_digit())
        || (found.starts_with(|c: char| c.is_alphabetic())
            && !found.to_lowercase().ends_with("ans")
            && found
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == ' '))
}

/// Whether the word before the comma that ends before `at` is someone's: a name in the lexicon
/// no dictionary holds or a word with a capital ("Caleb, 19", "Jordan Hill, 23", "jayden, 15").
pub(super) fn after_someone(text: &str, tokens: &[Token], at: usize) -> bool {
    let comma = text[..at].trim_end().len() - 1;
    tokens
        .iter()
        .rev()
        .find(|t| t.end <= comma)
        .filter(|t| text[t.end..comma].trim().is_empty() && t.alphabetic)
        .is_some_and(|t| {
            // A name no dictionary holds ("jayden"), not a word that is also one ("socks").
            let lex = super::lexicon::lookup(&t.folded);
            t.titlecase || (lex.is_name() && !lex.ordinary)
        })
}

/// Whether a number of 13 to 99 set apart by commas is someone's age though the word before
/// the comma is not their name: "met Hunter Paul at intake, 19, just aged out", "Faith, new,
/// 34, asked", "sharp kid, nineteen" — in a note that names someone with a capital, and not
/// after a thing that is counted or numbered ("room 12, 14", "$20, 40").
pub(super) fn set_apart_in_a_note_about_someone(
    text: &str,
    tokens: &[Token],
    at: usize,
    found: &str,
) -> bool {
    const NUMBERED: &[&str] = &[
        "room", "bus", "route", "unit", "apt", "suite", "page", "line", "exit", "highway", "hwy",
        "gate", "door", "bed", "beds", "site", "ward", "floor", "level", "step", "day", "days",
        "week", "weeks", "month", "months", "year", "years", "grade", "size", "number", "no",
        "kits", "ppl", "people", "times", "calls", "chambre", "lit", "ligne", "porte", "jours",
        "semaines", "mois", "ans", "fois", "appels",
    ];
    let value: u32 = found.parse().unwrap_or(20);
    let comma = text[..at].trim_end().len() - 1;
    let before = text[..comma].split_whitespace().next_back().unwrap_or("");
    let someone = tokens
        .iter()
        .take_while(|t| t.end <= comma)
        .any(|t| t.titlecase && t.alphabetic && super::lexicon::lookup(&t.folded).is_name());
    (13..=99).contains(&value)
        && someone
        && !before.chars().any(|c| c.is_ascii_digit() || c == '$')
        && !NUMBERED
            .contains(&fold_plain(before.trim_matches(|c: char| !c.is_alphanumeric())).as_str())
}

/// An age said again in the same note, in digits: "Rocky is 62 and sleeps in a doorway.
/// 62!!". `found` holds what was found so far; what it already covers is not returned.
pub(super) fn said_again(
    text: &str,
    found: &[(usize, usize, Class)],
) -> Vec<(usize, usize, Class)> {
    let ages: Vec<&str> = found
        .iter()
        .filter(|f| f.2 == Class::Age)
        .map(|&(s, e, _)| {
            let digits = text[s..e].len()
                - text[s..e]
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            &text[s..s + digits]
        })
        .filter(|n| n.len() == 2)
        .collect();
    let mut again = Vec::new();
    for n in ages {
        for (at, _) in text.match_indices(n) {
            let end = at + n.len();
            // Not inside a longer number: "1962", "3.62", "62,5".
            let decimal = text[end..].starts_with(['.', ','])
                && text[end + 1..].starts_with(|c: char| c.is_ascii_digit());
            let alone = !text[..at].ends_with(|c: char| c.is_alphanumeric() || "/.:-".contains(c))
                && !text[end..].starts_with(|c: char| c.is_alphanumeric() || "/:".contains(c))
                && !decimal;
            let unit = NOT_AGE_AFTER.contains(&word_after(text, end).as_str());
            if alone && !unit && !found.iter().any(|&(s, e, _)| s < end && at < e) {
                again.push((at, end, Class::Age));
            }
        }
    }
    again
}
