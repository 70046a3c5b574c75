//! Identifiers in their usual shapes, one pattern each, most specific first: emails, links and
//! bare domains, social handles, full dates, identity numbers, phone numbers, street addresses,
//! postal and ZIP codes, long digit runs. Shapes as phones type them, and numbers in words,
//! are `identifiers`'.

use std::sync::LazyLock;

use regex::Regex;

use super::{Class, identifiers, re};

/// Structured identifiers, most specific first: an email must win over the domain inside it.
static STRUCTURED: LazyLock<Vec<(Class, Regex)>> = LazyLock::new(|| {
    const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)";
    vec![
        (
            Class::Email,
            re(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b"),
        ),
        (
            Class::Link,
            re(r"(?i)\b(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?]"),
        ),
        (
            Class::Link,
            re(
                r"(?i)\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:com|org|net|ca|us|uk|fr|io|gov|edu|info|co|me|app|ly|tv|be|ch|de|ee|gg|link|page|site|xyz|to)\b(?:/[^\s]*[^\s.,;:!?])?",
            ),
        ),
        // A domain of the endings short links use, with a path after it: "forms.gle/Q8rT2",
        // "gofund.me/3a9f" (not "they/them" after a full stop).
        (
            Class::Link,
            re(
                r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gle|gl|me|ly|io|co|app|link|page|site|to|cc|gg|tv|fm|ai|sh|so|li|do|ws|la)/[^\s]*[^\s.,;:!?]",
            ),
        ),
        // Any domain with a path of four characters or a digit after it, whatever its
        // ending: "chng.it/Xy7Kq2Lb", "meet.jit.si/pairs-acadie" (not "meds.am/pm").
        (
            Class::Link,
            re(
                r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,3}/(?:[^\s]*\d[^\s]*|[^\s]{3,})[^\s.,;:!?]",
            ),
        ),
        (
            Class::Handle,
            re(r"(?:^|[\s(])(@[A-Za-z0-9_][A-Za-z0-9_.]{1,30})"),
        ),
        (
            Class::Date,
            re(&format!(
                r"(?i)\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th|er)?\s+(?:of\s+)?{MONTHS}\.?,?\s+\d{{4}})\b"
            )),
        ),
        // Identity numbers before phones: a SIN (3-3-3), an SSN (3-2-4) or a health card
        // (4-3-3, often with a two-letter version code) would otherwise read as a phone number.
        // The code is joined or in capitals: "… 907 to hold" ends at the number.
        (
            Class::IdNumber,
            re(
                r"\b(?:\d{3}[\s-]\d{3}[\s-]\d{3}|\d{3}-\d{2}-\d{4}|\d{4}[\s-]\d{3}[\s-]\d{3}(?:-[A-Za-z]{2}|\s?[A-Z]{2}|[a-z]{2})?)\b",
            ),
        ),
        // A Swiss AVS number ("756.1234.5678.97"): its dots would otherwise split it into
        // shorter numbers that each look like something else.
        (Class::IdNumber, re(r"\b756\.\d{4}\.\d{4}\.\d{2}\b")),
        // Belgian numbers with the area code before a slash ("0471/23.45.67", "071/30.44.12"),
        // which no other pattern reads as one number.
        (
            Class::Phone,
            re(r"\b0\d{1,3}/(?:\d{2,3}\.\d{2}\.\d{2}|\d{6,7})\b"),
        ),
        (
            Class::Phone,
            re(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\b\d{2,4})(?:[\s.-]?\d{2,4}){2,4}\b"),
        ),
        (
            Class::Address,
            re(
                r"(?i)(?:#\s?\d{1,5}[a-z]?\s?-\s?)?\b\d{1,5}[a-z]?(?:-\d{1,5})?,?\s+(?:[a-z0-9à-ÿ'.-]+\s+){0,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|crescent|cres|terrace|square|sq|parkway|pkwy|highway|hwy)\b\.?(?:\s+(?:north|south|east|west|ne|nw|se|sw|[nsew])\b\.?)?(?:,?\s+(?:apt|apartment|unit|suite|#)\s*\w+)?",
            ),
        ),
        // Prairie addresses, the type before a lettered street ("1105 Ave P S"), and a unit
        // before the number ("304-1521 Kingsway").
        (
            Class::Address,
            re(
                r"(?i)\b\d{1,5}\s+(?:ave|avenue|st|street)\s+[a-z]\b(?:\s+(?:ne|nw|se|sw|[nsew])\b)?|\b\d{1,5}-\d{1,5}\s+(?-i:[A-Z])[\p{L}'-]{2,}",
            ),
        ),
        (
            Class::Address,
            re(
                r"(?i)\b\d{1,5},?\s+(?:rue|avenue|boulevard|chemin|place|allée|impasse|route|grande\s+rue|grand-rue)\s+(?:[a-zà-ÿ'-]+\s?){1,4}(?:,?\s+\d{1,2}(?:e|er|ème)\s+(?:gauche|droite|étage|etage))?",
            ),
        ),
        (
            Class::PostalCode,
            re(r"(?i)\b[abceghj-nprstvxy]\d[abceghj-nprstv-z][ -]?\d[abceghj-nprstv-z]\d\b"),
        ),
        (Class::PostalCode, re(r"\b\d{5}(?:-\d{4})?\b")),
        (
            Class::IdNumber,
            re(r"\b\d(?:[\s-]?\d){5,}(?:-[A-Za-z]{2}|\s?[A-Z]{2}|[a-z]{2})?\b"),
        ),
    ]
});

/// Every identifier in its usual shape in `text`, with its class.
pub(super) fn find(text: &str) -> Vec<(usize, usize, Class)> {
    // Every pattern of these classes holds a digit it cannot match without (numbers in words
    // are `identifiers`'): most entries have none, and skip them at once.
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    let needs_digit = |c: &Class| {
        matches!(
            c,
            Class::Date | Class::IdNumber | Class::Phone | Class::Address | Class::PostalCode
        )
    };
    let mut found = Vec::new();
    for (class, pattern) in STRUCTURED.iter() {
        if !digits && needs_digit(class) {
            continue;
        }
        found.extend(identifiers::matches(pattern, text).filter_map(|(s, e)| {
            let (s, e) = identifiers::whole_word(text, s, e, *class)?;
            // A street's words end where a postal code starts: "Saint-Germain Est G5L 1B3"
            // is cut before the "G".
            // "2 court, 1 hospital": a number and a street's type with no name between is a
            // count.
            if *class == Class::Address && text[s..e].split_whitespace().count() == 2 {
                let first = text[s..e].split_whitespace().next().unwrap_or("");
                if first.chars().all(|c| c.is_ascii_digit() || c == ',') {
                    return None;
                }
            }
            let e = if *class == Class::Address
                && text[e..].starts_with(|c: char| c.is_ascii_digit())
            {
                text[..e]
                    .trim_end_matches(|c: char| !c.is_whitespace())
                    .trim_end()
                    .len()
            } else {
                e
            };
            (e > s).then_some((s, e, *class))
        }));
    }
    found
}

/// Identifiers that overlap, made one: what two finders each saw a part of goes whole ("le 14"
/// and "14.03.1987", a plate "MDPH 035" and the file "035-2024-118842"). The union takes the
/// class of its longest part; where two are as long, of the one found first. An address is
/// never joined (its pattern reads loosely: "482 parked outside Jess's place"): where it
/// overlaps another, the one that starts first stands, then the longer. The spans come back
/// in order of their start.
pub(super) fn unite<'a>(
    found: impl Iterator<Item = &'a (usize, usize, Class)>,
) -> Vec<(usize, usize, Class)> {
    let mut sorted: Vec<(usize, usize, Class)> = found.copied().collect();
    sorted.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut out: Vec<(usize, usize, Class, usize)> = Vec::new();
    for (s, e, class) in sorted {
        match out.last_mut() {
            Some(last) if s < last.1 && (last.2 == Class::Address || class == Class::Address) => {}
            Some(last) if s < last.1 => {
                if e - s > last.3 {
                    last.2 = class;
                    last.3 = e - s;
                }
                last.1 = last.1.max(e);
            }
            _ => out.push((s, e, class, e - s)),
        }
    }
    out.into_iter().map(|(s, e, c, _)| (s, e, c)).collect()
}
