//! The words around a name that say a person is named there, in English and French: titles,
//! relations, words that take a person before or after them, articles that make a word a thing,
//! what phones type that no dictionary holds, months and holidays, big places. The lists live
//! in `cues.txt`, one `[section]` each with what it is for; each is built into a set once,
//! since every word of every note is looked up in them.

// A fast hash: the lists are looked up for every word of every note, and hold no secret
// an attacker could pick collisions against.
use foldhash::{HashMap, HashSet};
use std::sync::LazyLock;

/// Every list of `cues.txt` by its section's name.
static LISTS: LazyLock<HashMap<&'static str, HashSet<&'static str>>> =
    LazyLock::new(|| sections(include_str!("cues.txt")));

/// The lists of a word-list file: `[section]` lines, then entries separated by commas or line
/// ends; `#` starts a comment line.
pub(super) fn sections(file: &'static str) -> HashMap<&'static str, HashSet<&'static str>> {
    let mut lists: HashMap<&'static str, HashSet<&'static str>> = HashMap::default();
    let mut section = "";
    for line in file.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        let list = lists.entry(section).or_default();
        list.extend(line.split(',').map(str::trim).filter(|w| !w.is_empty()));
    }
    lists
}

fn list(name: &str) -> &'static HashSet<&'static str> {
    LISTS
        .get(name)
        .unwrap_or_else(|| panic!("cues.txt has a [{name}] section"))
}

/// Whether `word` is what people type that no dictionary holds ("tmrw", "naloxone").
pub fn is_abbreviation(word: &str) -> bool {
    ABBREVIATIONS_SET.contains(word)
}

/// Whether `word` is a relation after which a name comes ("sister", "chum", "dog").
pub fn is_relation(word: &str) -> bool {
    RELATIONS_SET.contains(word)
}

/// Whether `word` takes a person after it ("with", "avec", "told").
pub fn takes_someone(word: &str) -> bool {
    BEFORE_SET.contains(word)
}

/// Whether `word` is a month, a day, a season or a holiday.
pub fn is_calendar(word: &str) -> bool {
    CALENDAR_SET.contains(word)
}

/// Whether `word` (lower case) is a day of the week, in English or French, or its short form.
pub fn is_weekday(word: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ];
    DAYS.contains(&word)
}

/// Whether `word` is a title that comes before a name ("dr", "mme").
pub fn is_title(word: &str) -> bool {
    TITLES_SET.contains(word)
}

pub(super) fn in_set(set: &HashSet<&'static str>, word: &str) -> bool {
    set.contains(word)
}

/// Each list as a set, by the name of its section in `cues.txt`.
macro_rules! word_sets {
    ($($set:ident = $section:literal),* $(,)?) => {
        $(pub(super) static $set: LazyLock<&'static HashSet<&'static str>> =
            LazyLock::new(|| list($section));)*
    };
}

word_sets!(
    TITLES_SET = "titles",
    RELIGIOUS_TITLES_SET = "religious_titles",
    NICKNAME_PREFIXES_SET = "nickname_prefixes",
    RELATIONS_SET = "relations",
    NAMED_SET = "named",
    BEFORE_SET = "before",
    AFTER_SET = "after",
    FR_AFTER_SET = "fr_after",
    FR_PARTICIPLES_SET = "fr_participles",
    WEAK_AFTER_SET = "weak_after",
    ABBREVIATIONS_SET = "abbreviations",
    NOT_INITIALS_SET = "not_initials",
    ACRONYMS_SET = "acronyms",
    NOT_PEOPLE_SET = "not_people",
    CALENDAR_SET = "calendar",
    ARTICLES_SET = "articles",
    ANIMATE_SET = "animate",
    ADVERBS_SET = "adverbs",
    CLAUSE_JOINS_SET = "clause_joins",
    PRONOUNS_SET = "pronouns",
    PERSON_NOUNS_SET = "person_nouns",
    PLURAL_VERBS_SET = "plural_verbs",
    PERSON_PASSIVES_SET = "person_passives",
    PERSON_STATES_SET = "person_states",
    BEFORE_A_SET = "before_a",
    NAMED_BY_AREA_SET = "named_by_area",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_of_one_word_is_a_word_notes_are_read_as() {
        // "m'a" is read as "a": an entry the reader never makes can never match.
        for (name, words) in LISTS.iter() {
            for w in words.iter().filter(|w| !w.contains(' ')) {
                let toks = super::super::text::tokens(w);
                assert!(
                    toks.len() == 1 && toks[0].folded == **w,
                    "[{name}] holds {w:?}, read as {:?}",
                    toks.iter().map(|t| &t.folded).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn every_list_is_written_folded_as_the_words_it_is_matched_against() {
        for (name, words) in LISTS.iter() {
            for w in words {
                assert_eq!(
                    super::super::text::fold_plain(w),
                    *w,
                    "[{name}] holds {w:?}, which no folded word can equal"
                );
            }
        }
    }
}
