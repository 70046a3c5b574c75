//! Places that say where someone lives, sleeps, works or is treated: named institutions
//! ("humber college", "hôpital notre-dame", "st mike's", "au CHUM"), employers, parks and small
//! places ("moss park", "parc lafontaine", "from kapuskasing"), street corners ("corner of jane
//! and finch", "angle st-laurent et ontario", "at king and dufferin") and addresses written
//! short ("at 401 jarvis", "4500 rue hochelaga app 3", "unit 3"). A generic place ("the
//! shelter", "the legal clinic", "l'hôpital") and a big city stay.

use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer;
use super::lexicon::Lex;
use super::text::Token;
use super::{Class, re};

/// Prepositions after which an unknown word is a place: "from kapuskasing", "à kahnawake".
pub(super) const PLACE_BEFORE: &[&str] = &["in", "from", "to", "near", "a", "de", "vers", "pres"];

/// Words before "st" that make it a saint's name, not a street's abbreviation.
const SAINT_BEFORE: &[&str] = &[
    "at", "to", "from", "in", "the", "a", "au", "de", "la", "le", "l", "near", "visit", "chez",
    "pres", "du",
];

static PATTERNS: LazyLock<Vec<(Class, Regex)>> = LazyLock::new(|| {
    // A street's name: one or two words, hyphens and a "de" allowed ("de maisonneuve").
    // "rue de la chapelle": its type may come first.
    const STREET: &str = r"(?:(?:rue|av|avenue|boul|boulevard|bd|ch|chemin)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+)?)?(?:(?:st|ste|saint|sainte)[.-]\s?)?[\p{L}][\p{L}'’.-]*(?:\s+(?:de\s+)?[\p{L}][\p{L}'’-]*)?";
    vec![
        (
            Class::Address,
            re(&format!(
                r"(?i)\b(?:(?:the\s+)?corner\s+of|coin(?:\s+de)?|angle(?:\s+de)?|intersection\s+of)\s+{STREET}\s+(?:and|&|et|pis|x|/)\s+{STREET}"
            )),
        ),
        // Addresses in French, with the abbreviations people type.
        (
            Class::Address,
            re(
                r"(?i)\b\d{1,5}[a-z]?,?\s+(?:rue|av\.?|avenue|bd\.?|boul\.?|boulevard|ch\.?|chemin|chauss[ée]e|pl\.?|place|all[ée]e|impasse|route|rang|mont[ée]e|quai|cours)\s+(?:(?:de|du|des|de\s+la)\s+)?[\p{L}][\p{L}'’.-]*(?:\s+(?:app|apt|appt|#)\.?\s*\w+|\s+[\p{L}][\p{L}'’-]*(?:\s+(?:app|apt|appt|#)\.?\s*\w+)?)?(?:,?\s+\d{1,2}(?:e|er|ème)\s+(?:gauche|droite|étage|etage))?",
            ),
        ),
        // A street named with its type after a word of place: "on selkirk ave", "near powell
        // st". Its number, when there is one, is found by the patterns before.
        (
            Class::Address,
            re(
                r"(?i)\b(?:on|off|near|at|by)\s+([\p{L}][\p{L}'’-]+\s+(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|cres|crescent|lane|ln|terrace|hwy|highway)\b\.?)",
            ),
        ),
        // European order, the number after the street: "rue de brabant 88", "chaussée de
        // waterloo 212, boîte 3".
        (
            Class::Address,
            re(
                r"(?i)\b(?:rue|chauss[ée]e|avenue|boulevard|quai|chemin|place)\s+(?:(?:de\s+la|de|du|des|d['’])\s*)?[\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*)?\s+\d{1,4}[a-z]?\b(?:,?\s+(?:bo[iî]te|bte)\s+\d{1,4})?",
            ),
        ),
        // Post boxes: "po box 118", "box 412", "c.p. 211", "case postale 12".
        (
            Class::Address,
            re(
                r"(?i)(?:\bp\.?\s?o\.?\s+box|\bbox|\bc\.p\.|\bcp|\bbp|\bcase\s+postale|\bbo[iî]te\s+postale)\s*#?\s*\d{1,5}\b(?:,?\s+succursale\s+[\p{L}][\p{L}'’-]*)?",
            ),
        ),
        // A unit, a room or a building letter.
        (
            Class::Address,
            re(
                r"(?i)\b(?:apt|app|appt|appart|apartment|unit|suite|rm|room|porte|logement|chambre)\.?\s*#?\s*\d{1,4}[a-z]?\b|\bb[âa]t(?:iment)?\.?\s+[A-Z0-9]\b",
            ),
        ),
        // British postcodes: "SW1A 1AA", "m1 1ae".
        (
            Class::PostalCode,
            re(r"(?i)\b[a-z]{1,2}\d[a-z\d]?\s?\d[abd-hjlnp-uw-z]{2}\b"),
        ),
        // "st mike's", "st. james cathedral", "saint-jean-baptiste".
        (
            Class::Institution,
            re(
                r"(?i)\b(?:st|ste|saint|sainte)(?:\.\s?|\s|-)[\p{L}][\p{L}-]*(?:'s|’s)?(?:\s+(?:cathedral|church|hospital|mission|school|college|united|anglican|parish))?",
            ),
        ),
    ]
});

/// A street named with its type after it, as the pattern "on selkirk ave" finds it.
static TYPE_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\s(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|cres|crescent|lane|ln|terrace|hwy|highway)\.?$",
    )
});

/// An address that starts with the street's type, as in Belgium and France.
static EUROPEAN_STREET: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:rue|chauss[ée]e|avenue|boulevard|quai|chemin|place)\s"));

/// The street after word `i` that meets it: "king and dufferin", "bathurst & bloor",
/// "berri/ontario".
fn joined_street<'t>(text: &str, toks: &'t [Token], i: usize) -> Option<&'t Token> {
    let next = toks.get(i + 1)?;
    let gap = text[toks[i].own_end..next.start].trim();
    if matches!(gap, "&" | "/") {
        return Some(next);
    }
    (gap.is_empty() && matches!(next.folded.as_str(), "and" | "et" | "n" | "pis"))
        .then(|| toks.get(i + 2))
        .flatten()
        // "à jeun pis en avance": Québec's "pis" (and then) joins streets only between capitals.
        .filter(|o| next.folded != "pis" || (toks[i].titlecase && o.titlecase))
}

/// Parts of one address found apart ("unit 88" and "88 sherbourne st", "apt 4b" and the
/// "55 elm" after it) become one address, so nothing between them is left.
pub fn join_addresses(text: &str, found: &mut Vec<(usize, usize, Class)>) {
    static UNIT_THEN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        re(r"(?i)^(?:apt|app|appt|appart|apartment|unit|suite|porte|logement)\b.*$")
    });
    static FOUR_DIGIT_POSTAL: LazyLock<Regex> = LazyLock::new(|| re(r"^,?\s+(?:[1-9]\d{3})\b"));
    static NUMBER_AND_STREET: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)^[\s,]+\d{1,5}[a-z]?\s+\p{L}[\p{L}'’-]+"));
    found.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
    let mut joined: Vec<(usize, usize, Class)> = Vec::with_capacity(found.len());
    for &(s, e, class) in found.iter() {
        // A postal code inside or right after an address is part of it: "4385 rue de
        // bordeaux H2H 1Z9".
        if matches!(class, Class::Address | Class::PostalCode)
            && let Some(last) = joined.last_mut()
            && last.2 == Class::Address
            && text[last.1.min(s)..s]
                .chars()
                .all(|c| c.is_whitespace() || c == ',')
        {
            last.1 = last.1.max(e);
            continue;
        }
        joined.push((s, e, class));
    }
    for span in joined.iter_mut() {
        // A Belgian or Swiss postal code after the address: "rue de brabant 88 1030".
        if span.2 == Class::Address
            && let Some(m) = FOUR_DIGIT_POSTAL.find(&text[span.1..])
        {
            span.1 += m.end();
        }
        if span.2 == Class::Address
            && UNIT_THEN_NUMBER.is_match(&text[span.0..span.1])
            && let Some(m) = NUMBER_AND_STREET.find(&text[span.1..])
        {
            span.1 += m.end();
        }
    }
    *found = joined;
}

/// Whether a word could be the proper name in a place's name: a name, a word no list holds,
/// or one written with a capital; not an everyday word like "legal" or "the".
fn proper(t: &Token, lex: &Lex) -> bool {
    if t.folded.chars().count() < 2 || !t.alphabetic {
        return false;
    }
    let everyday = lex.ordinary && super::names::nameness(lex, &t.folded) < 1.0;
    (t.titlecase && !t.sentence_start && lex.word_zipf() < 5.0)
        || (!everyday && (lex.is_name() || lex.word_zipf() < 4.5))
}

/// Every named place in `text`, as (start, end, class).
pub fn find(reader: &super::names::Reader) -> Vec<(usize, usize, Class)> {
    let (text, toks) = (reader.text, reader.tokens);
    let mut out = Vec::new();
    for (class, pattern) in PATTERNS.iter() {
        for (start, end) in super::identifiers::matches(pattern, text) {
            let Some((start, end)) = super::identifiers::whole_word(text, start, end, *class)
            else {
                continue;
            };
            // "appt 3/14", "appt 10:30": an appointment's date or time, not a flat.
            if *class == Class::Address
                && text[end..].starts_with(['/', ':'])
                && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            // "still on the street", "seen by the dr": a street's name is no article.
            if *class == Class::Address && TYPE_AFTER_NAME.is_match(&text[start..end]) {
                let first = super::text::fold_plain(
                    text[start..end].split_whitespace().next().unwrap_or(""),
                );
                if super::cues::ARTICLES_SET.contains(first.as_str())
                    || super::lexicon::lookup(&first).word_zipf() >= 5.5
                {
                    continue;
                }
            }
            // "dans la rue c'est 20 ans": a street's name is no little word.
            if *class == Class::Address && EUROPEAN_STREET.is_match(&text[start..end]) {
                // The words between the street's type and its number: "de brabant", not "de"
                // alone ("une place de 2 semaines").
                let name: Vec<String> = text[start..end]
                    .split_whitespace()
                    .skip(1)
                    .map(super::text::fold_plain)
                    .take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
                    .filter(|w| !matches!(w.as_str(), "de" | "du" | "des" | "la" | "d'"))
                    .collect();
                let first = name.first().cloned().unwrap_or_default();
                if name.is_empty()
                    || super::lexicon::lookup(&first).word_zipf() >= 5.5
                    || first.contains('\'')
                {
                    continue;
                }
            }
            // "la St-Jean" is a holiday.
            if *class == Class::Institution
                && super::cues::is_calendar(&super::text::fold_plain(&text[start..end]))
            {
                continue;
            }
            // "st" after a name is a street ("elm st"), not a saint ("at st mike's").
            if *class == Class::Institution {
                let before = text[..start]
                    .split_whitespace()
                    .next_back()
                    .map(|w| super::text::fold_plain(w.rsplit(['\'', '’']).next().unwrap_or(w)));
                if before.is_some_and(|w| !SAINT_BEFORE.contains(&w.as_str())) {
                    continue;
                }
            }
            out.push((start, end, *class));
        }
    }
    let lex: Vec<&Lex> = (0..toks.len()).map(|i| reader.lex(i)).collect();
    let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
    for (i, t) in toks.iter().enumerate() {
        // "humber college", "moss park": the proper words before the keyword.
        if let Some(class) = gazetteer::keyword(&t.folded, "after_name") {
            let mut s = i;
            while s > 0 && i - s < 2 && proper(&toks[s - 1], lex[s - 1]) {
                s -= 1;
            }
            // "from cross lake", "in split lake": a place's name in everyday words, after a
            // word that says a place follows.
            if s == i
                && class == Class::Place
                && i >= 2
                && toks[i - 1].alphabetic
                && !super::cues::ARTICLES_SET.contains(folded[i - 1])
                && PLACE_BEFORE.contains(&folded[i - 2])
            {
                s = i - 1;
            }
            if s < i {
                out.push((toks[s].own_start, t.own_end, class));
            }
        }
        // "Southwest Crisis Services", "Lady Dunn Health Centre", "NSCC Pictou Campus": a
        // keyword with its capital after words with theirs, whatever they mean as words.
        if i > 0 && t.titlecase && !t.sentence_start && gazetteer::capitalised_keyword(&t.folded) {
            let capital = |o: &Token| {
                o.alphabetic
                    && (o.titlecase
                        || o.folded.chars().count() >= 2 && {
                            let raw = &text[o.own_start..o.own_end];
                            raw.chars().all(|c| !c.is_lowercase())
                        })
                    && !super::cues::ARTICLES_SET.contains(o.folded.as_str())
            };
            // "Viola's Place": a possessive joins too.
            let joined = |j: usize| text[toks[j].end..toks[j + 1].start].trim().is_empty();
            let mut s = i;
            while s > 0 && i - s < 3 && joined(s - 1) && capital(&toks[s - 1]) {
                // A sentence's first word is part of the name only if it could be a name's
                // word: not "Called Crisis Services today".
                if toks[s - 1].sentence_start && !proper(&toks[s - 1], lex[s - 1]) {
                    break;
                }
                s -= 1;
                if toks[s].sentence_start {
                    break;
                }
            }
            // One word of it says which service: "Mental Health", "Social Services" are
            // kinds of service, "Options Community Services" is one.
            let telling = (s..i).any(|k| !gazetteer::generic_service_word(&toks[k].folded));
            if s < i && telling {
                out.push((toks[s].own_start, t.own_end, Class::Institution));
            }
        }
        // "hôpital douglas", "maison du père", "clsc des faubourgs", "parc lafontaine".
        if let Some(class) = gazetteer::keyword(&t.folded, "before_name") {
            let of = |j: usize| matches!(folded.get(j), Some(&("du" | "de" | "des" | "d")));
            let mut e = i + 1;
            if of(e) {
                e += 1;
                // "CLSC de la basse-ville".
                if matches!(folded.get(e), Some(&"la")) {
                    e += 1;
                }
            }
            let mut last = None;
            // A CLSC, a CHSLD, a cégep or a public office is always named after its area or
            // its work, even in everyday words: "le CLSC des faubourgs peut", "l'office
            // d'habitation de l'outaouais", "la gare du midi".
            // "office" and "gare" are English words too: "office closes at 4".
            let named_by_area = super::cues::NAMED_BY_AREA_SET.contains(t.folded.as_str())
                && (reader.english == Some(false)
                    || !matches!(t.folded.as_str(), "office" | "palais" | "gare"));
            // An area's name ends at a verb or a little word: "CPAS fermé le vendredi", "le
            // CLSC pis après".
            let area = |j: usize| {
                let w = folded[j];
                toks[j].alphabetic
                    && lex[j].word_zipf() < 5.0
                    && !reader.participle(j)
                    && !super::cues::CLAUSE_JOINS_SET.contains(w)
                    && !super::cues::is_abbreviation(w)
                    && !super::cues::ARTICLES_SET.contains(w)
                    && !super::cues::PRONOUNS_SET.contains(w)
                    && !super::cues::AFTER_SET.contains(w)
                    && !super::cues::FR_AFTER_SET.contains(w)
                    && !super::cues::is_calendar(w)
            };
            // A name's words follow each other: a comma or a full stop ends it.
            let joined = |e: usize| {
                text[toks[e - 1].own_end..toks[e].start]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '\'' || c == '’')
            };
            // "College of the Rockies", "Hôpital régional de Miramichi", "AMO La Chaloupe":
            // little words, then a word with its capital, go on with the name.
            let capital_after = |e: usize| {
                let mut j = e;
                while j < toks.len()
                    && j <= e + 2
                    && joined(j)
                    && matches!(
                        folded[j],
                        "of" | "the" | "de" | "du" | "des" | "d" | "la" | "le" | "l"
                    )
                {
                    j += 1;
                }
                (j > e && j < toks.len() && joined(j) && toks[j].titlecase && toks[j].alphabetic)
                    .then_some(j)
            };
            let raw = &text[t.own_start..t.own_end];
            let capitalised = t.titlecase || raw.chars().all(|c| !c.is_lowercase());
            if capitalised
                && !of(e)
                && let Some(j) = capital_after(e)
            {
                e = j;
            }
            // "Église évangélique de Mouscron": a word in small letters, when a capitalised
            // name follows it.
            // Only a word that describes, before "de": not a verb ("le CLSC donne le Narcan").
            let described = |e: usize| {
                capitalised
                    && toks[e].alphabetic
                    && !reader.participle(e)
                    && matches!(folded.get(e + 1), Some(&("de" | "du" | "des" | "d")))
                    && capital_after(e + 1).is_some()
            };
            while e < toks.len()
                && e <= i + 5
                && joined(e)
                && (proper(&toks[e], lex[e]) || (named_by_area && area(e)) || described(e))
            {
                last = Some(e);
                e += 1;
                // "de l'outaouais", "de justice de moncton": the name goes on.
                if named_by_area && of(e) && e + 1 < toks.len() && area(e + 1) {
                    e += 1;
                } else if capitalised && let Some(j) = capital_after(e) {
                    e = j;
                }
            }
            if let Some(last) = last {
                out.push((t.own_start, toks[last].own_end, class));
            }
        }
        // An institution in capitals after "at", "au", "to": "au CHUM", "at CAMH".
        let raw = &text[t.own_start..t.own_end];
        if (3..=6).contains(&raw.chars().count())
            && raw.chars().all(char::is_uppercase)
            && i > 0
            && matches!(
                folded[i - 1],
                "at" | "au" | "a" | "to" | "from" | "du" | "de" | "the"
            )
            && lex[i].word_zipf() < 4.0
            && !super::cues::ACRONYMS_SET.contains(t.folded.as_str())
        {
            out.push((t.own_start, t.own_end, Class::Institution));
        }
        // A word no list holds after "from", "in", "à" or an elided "d'": a small place
        // ("from kapuskasing", "elle vient d'obedjiwan").
        let elided_de = matches!(
            super::text::fold_plain(&text[t.start..t.own_start]).as_str(),
            "d'"
        );
        // "on a déneigé": the French "a" is "has", not "à".
        let before_place = i > 0
            && PLACE_BEFORE.contains(&folded[i - 1])
            && &text[toks[i - 1].own_start..toks[i - 1].own_end] != "a";
        if (elided_de || before_place)
            && lex[i].word_zipf() == 0.0
            && !lex[i].is_name()
            && !super::words::inflected(&t.folded)
            && !super::cues::is_abbreviation(&t.folded)
            && t.alphabetic
            && t.folded.chars().count() >= 4
            && !t.folded.contains('-')
        {
            out.push((t.own_start, t.own_end, Class::Place));
        }
        // "at king and dufferin", "près de berri et ontario": two streets meeting.
        if i > 0
            && matches!(
                folded[i - 1],
                "at" | "near" | "by" | "around" | "a" | "pres"
            )
            // "got a birdie and screamed": English's "a" is no "à".
            && (&text[toks[i - 1].own_start..toks[i - 1].own_end] != "a"
                || reader.english == Some(false))
            && let Some((last, other)) =
                joined_street(text, toks, i).map(|o| (i, o)).or_else(|| {
                    // "near Upper James and Mohawk": a street of two words, both capitalised.
                    toks.get(i + 1)
                        .filter(|n| t.titlecase && n.titlecase && n.alphabetic)
                        .and_then(|_| joined_street(text, toks, i + 1))
                        .map(|o| (i + 1, o))
                })
        {
            let streetish = |l: &Lex| !l.ordinary || l.word_zipf() < 3.5;
            // "near Water and Pleasant": two words capitalised mid-sentence and joined are
            // streets' names, whatever they mean as words.
            let capitalised = |o: &Token| {
                o.titlecase
                    && !o.sentence_start
                    && !super::cues::is_calendar(&o.folded)
                    && !super::cues::is_relation(&o.folded)
                    && !super::cues::is_title(&o.folded)
                    && !matches!(o.folded.as_str(), "mom" | "dad" | "mum" | "maman" | "papa")
            };
            let other_lex = reader.lex(
                toks.iter()
                    .position(|o| std::ptr::eq(o, other))
                    .unwrap_or(i),
            );
            // "at Franklin and 50th": a numbered street.
            let numbered = |o: &Token| {
                let f = o.folded.as_str();
                f.len() >= 3
                    && f.starts_with(|c: char| c.is_ascii_digit())
                    && ["st", "nd", "rd", "th", "e"].iter().any(|x| {
                        f.strip_suffix(x)
                            .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit()))
                    })
            };
            let holiday =
                super::cues::is_calendar(&t.folded) || super::cues::is_calendar(&other.folded);
            if t.alphabetic
                && !holiday
                && (other.alphabetic || (capitalised(t) && numbered(other)))
                && ((last == i && (streetish(lex[i]) || streetish(other_lex)))
                    || (capitalised(t) && capitalised(other)))
                && lex[i].word_zipf() < if capitalised(t) { 6.0 } else { 5.5 }
            {
                out.push((t.own_start, other.own_end, Class::Address));
            }
        }
        // "at 401 jarvis": a number and a street name.
        // "a 2 bdrm" is English's "a", not French "à".
        if i > 0
            && matches!(folded[i - 1], "at" | "au" | "a")
            && (&text[toks[i - 1].own_start..toks[i - 1].own_end] != "a"
                || reader.english == Some(false))
            && t.folded.chars().all(|c| c.is_ascii_digit())
            && (1..=5).contains(&t.folded.len())
            && let Some(street) = toks.get(i + 1)
            && proper(street, lex[i + 1])
            && street.alphabetic
        {
            out.push((t.own_start, street.own_end, Class::Address));
        }
    }
    out.extend(gazetteer::small_places(reader));
    out.extend(gazetteer::listed(reader));
    out
}

#[cfg(test)]
#[path = "places_tests.rs"]
mod tests;
