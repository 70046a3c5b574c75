//! Places known by name: the towns of the lexicon's gazetteer (small ones are removed, big
//! cities kept), and the lists of `places.txt` (employers, well-known services,
//! neighbourhoods, the words that make a name an institution or a place).

use std::sync::LazyLock;

// A fast hash: the lists are looked up for every word of every note, and hold no secret an
// attacker could pick collisions against.
use foldhash::{HashMap, HashSet};

use super::Class;
use super::places::PLACE_BEFORE;

/// A town this small points at the few who live there; a bigger one says little.
const SMALL_PLACE: u16 = 100;

/// Towns of the gazetteer small enough to point at someone: "wawa", "sioux lookout", "from
/// timmins". A town whose name is also a word or a name is one only where a place is named
/// ("from", "in", "à"), and one whose every word is everyday ("la chambre", "deep river") only
/// written with a capital there too.
pub(super) fn small_places(reader: &super::names::Reader) -> Vec<(usize, usize, Class)> {
    let (text, toks) = (reader.text, reader.tokens);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let before = i.checked_sub(1).map(|b| toks[b].folded.as_str());
        let after_place_word = before.is_some_and(|b| PLACE_BEFORE.contains(&b) || b == "in");
        let after_article = before.is_some_and(|b| super::cues::ARTICLES_SET.contains(b));
        let mut taken = 0;
        // Names of towns start with a word of their own, not with "the" or "and": such words
        // are most of a note, and are passed over without a look at the gazetteer.
        if reader.lex(i).word_zipf() >= 6.0
            && !matches!(toks[i].folded.as_str(), "la" | "le" | "les")
        {
            i += 1;
            continue;
        }
        // Towns of several words are tried only from a word one of them starts with.
        let longest = if super::lexicon::starts_a_town(&toks[i].folded) {
            3
        } else {
            1
        };
        for len in (1..=longest).rev() {
            let Some(run) = toks.get(i..i + len) else {
                continue;
            };
            let spaced = run.windows(2).all(|w| {
                text[w[0].own_end..w[1].start]
                    .chars()
                    .all(char::is_whitespace)
            });
            if !spaced || !run.iter().all(|t| t.alphabetic) {
                continue;
            }
            let lex = if len == 1 {
                *reader.lex(i)
            } else {
                let key: Vec<&str> = run.iter().map(|t| t.folded.as_str()).collect();
                super::lexicon::lookup(&key.join(" "))
            };
            if !(1..SMALL_PLACE).contains(&lex.place) {
                continue;
            }
            let found = if len == 1 {
                let word = reader.lex(i);
                let t = &toks[i];
                (!word.ordinary
                    && word.word_zipf() < 3.0
                    && word.name_weight() < 20.0
                    && t.folded.chars().count() >= 4
                    && !after_article)
                    || (after_place_word
                        && !word.ordinary
                        && word.word_zipf() < 4.0
                        && t.folded.chars().count() >= 3)
            } else {
                let everyday = (0..len).all(|k| reader.lex(i + k).word_zipf() >= 4.0);
                let article_first = matches!(run[0].folded.as_str(), "la" | "le" | "les");
                if everyday || article_first {
                    after_place_word && run[0].titlecase
                } else {
                    !after_article
                }
            };
            if found && !super::cues::is_abbreviation(&toks[i].folded) {
                out.push((run[0].own_start, run[len - 1].own_end, Class::Place));
                taken = len;
                break;
            }
        }
        i += taken.max(1);
    }
    out
}

/// What a word makes of the name on its `side` ("after_name": "humber college";
/// "before_name": "parc lafontaine"), from `places.txt`.
pub(super) fn keyword(word: &str, side: &str) -> Option<Class> {
    // Looked up for every word of every note: the four lists are found once.
    static LISTS: LazyLock<[(&'static HashSet<&'static str>, &'static str, Class); 4]> =
        LazyLock::new(|| {
            [
                (
                    &SECTIONS["institution_after_name"],
                    "after_name",
                    Class::Institution,
                ),
                (&SECTIONS["place_after_name"], "after_name", Class::Place),
                (
                    &SECTIONS["institution_before_name"],
                    "before_name",
                    Class::Institution,
                ),
                (&SECTIONS["place_before_name"], "before_name", Class::Place),
            ]
        });
    LISTS
        .iter()
        .find(|(list, s, _)| *s == side && list.contains(word))
        .map(|(_, _, class)| *class)
}

/// Whether a word, written with its capital, makes an institution of the capitalised words
/// before it ("Southwest Crisis Services"), from `places.txt`.
pub(super) fn capitalised_keyword(word: &str) -> bool {
    SECTIONS["institution_after_capitals"].contains(word)
}

/// Whether a word only says what kind of service one is ("mental", "social"), from
/// `places.txt`.
pub(super) fn generic_service_word(word: &str) -> bool {
    SECTIONS["generic_service_words"].contains(word)
}

/// The first word of every listed name, so most words of a note are passed over at once.
static LISTED_FIRST: LazyLock<HashSet<String>> = LazyLock::new(|| {
    LISTED
        .0
        .keys()
        .map(|n| n.split(' ').next().unwrap_or("").to_string())
        .collect()
});

/// The lists of `places.txt`.
static SECTIONS: LazyLock<HashMap<&'static str, HashSet<&'static str>>> =
    LazyLock::new(|| super::cues::sections(include_str!("places.txt")));

/// The employers, services and neighbourhoods of `places.txt`, each folded word by word as
/// notes are read, and the most words any has.
static LISTED: LazyLock<(HashMap<String, Class>, usize)> = LazyLock::new(|| {
    let lists = &*SECTIONS;
    let names: HashMap<String, Class> = [
        ("employers", Class::Institution),
        ("services", Class::Institution),
        ("neighbourhoods", Class::Place),
    ]
    .iter()
    .flat_map(|(s, class)| {
        lists[s]
            .iter()
            .map(move |n| (super::text::fold_words(n), *class))
    })
    .filter(|(n, _)| !n.is_empty())
    .collect();
    let longest = names
        .keys()
        .map(|n| n.split(' ').count())
        .max()
        .unwrap_or(1);
    (names, longest)
});

/// Employers and services named in a note, by the words of their names: "shift at walmart",
/// "les restos du cœur ouvrent", "the 519 has a group".
pub(super) fn listed(reader: &super::names::Reader) -> Vec<(usize, usize, Class)> {
    let (text, toks) = (reader.text, reader.tokens);
    let (names, longest) = &*LISTED;
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if !LISTED_FIRST.contains(&toks[i].folded) {
            continue;
        }
        let mut key = String::new();
        for (k, t) in toks[i..].iter().take(*longest).enumerate() {
            // A name's words follow each other with nothing but spaces or a hyphen between.
            if k > 0 {
                let gap = &text[toks[i + k - 1].own_end..t.start];
                if !gap.chars().all(char::is_whitespace) {
                    break;
                }
                key.push(' ');
            }
            key.push_str(&t.folded);
            if let Some(class) = names.get(&key) {
                out.push((toks[i].own_start, t.own_end, *class));
            }
        }
    }
    out
}
