//! How common a word is as a first name, a last name, and a word of everyday English and
//! French: the lexicon `core/build.rs` builds from `core/data/lexicon/` (sources and licences in
//! its SOURCES.md), embedded as one `fst` map and read in place.

use std::sync::LazyLock;

static MAP: LazyLock<fst::Map<&'static [u8]>> = LazyLock::new(|| {
    fst::Map::new(&include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"))[..])
        .expect("the lexicon built by build.rs")
});

/// What the lexicon knows of one folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Lex {
    /// People per million with it as a first name (1: listed without counts; 0: never).
    pub first: f32,
    /// The same as a last name.
    pub last: f32,
    /// Zipf frequency in everyday English: 7 for "the", 3 for a word met once a million words,
    /// 0 when it is not among the 60,000 most frequent.
    pub en: f32,
    /// The same in French.
    pub fr: f32,
    /// A spelling dictionary writes it in lower case: an ordinary word ("rose", "hunter"),
    /// whatever else it is. A name no dictionary writes in lower case ("tyler", "fatima") is
    /// frequent only because people are.
    pub ordinary: bool,
    /// Which dictionaries write it in lower case: English (bit 0), French (bit 1).
    pub ordinary_in: u8,
    /// How many thousand people live in a town of that name in Canada, France, Belgium,
    /// Switzerland, the United Kingdom or Haiti (the largest, if several); 0 when none of at
    /// least 1,000 is.
    pub place: u16,
}

impl Lex {
    /// The lexicon's view for a note written in English (`Some(true)`) or French
    /// (`Some(false)`): the other language's frequency and dictionary set aside, so "grace" in
    /// an English note is not weighed as the French "grâce".
    ///
    /// A word ordinary only in the other language ("deal" in a French note, "toque" in an
    /// English one) is a borrowed word, and keeps both.
    pub fn in_language(mut self, english: Option<bool>) -> Lex {
        let (mine, other) = match english {
            Some(true) => (1, 2),
            Some(false) => (2, 1),
            None => return self,
        };
        if self.ordinary_in & other != 0 && self.ordinary_in & mine == 0 {
            return self;
        }
        self.ordinary = self.ordinary_in & mine != 0;
        if mine == 1 {
            self.fr = 0.0;
        } else {
            self.en = 0.0;
        }
        self
    }
}

impl Lex {
    /// Known as a name at all.
    pub fn is_name(&self) -> bool {
        self.first > 0.0 || self.last > 0.0
    }

    /// The larger of its two name weights.
    pub fn name_weight(&self) -> f32 {
        self.first.max(self.last)
    }

    /// The larger of its two word frequencies.
    pub fn word_zipf(&self) -> f32 {
        self.en.max(self.fr)
    }
}

/// A word's skeleton: its consonants, each run of one written once ("tommorow" and
/// "tomorrow" are both "tmrw", "defintely" and "definitely" "dfntly"). Typos keep it.
pub fn skeleton(folded: &str) -> String {
    let mut out = String::new();
    for c in folded
        .chars()
        .filter(|c| c.is_alphabetic() && !"aeiouy".contains(*c))
    {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether a word no list holds is an everyday word mistyped: its first letters and skeleton are
/// those of a word
/// of everyday English or French. Names are not in the set, only words a dictionary writes in
/// lower case and met at least once in 30,000 words.
pub fn mistyped_word(folded: &str) -> bool {
    static SKELETONS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        use fst::Streamer;
        let mut out = std::collections::HashSet::new();
        let mut stream = MAP.stream();
        while let Some((key, v)) = stream.next() {
            let ordinary = (v >> 48) & 3 != 0;
            let zipf = ((v >> 32) & 0xff).max((v >> 40) & 0xff) as f32 / 10.0;
            let named = (v & 0xffff) >= 10 || ((v >> 16) & 0xffff) >= 10;
            if ordinary
                && zipf >= 3.5
                && !named
                && key.len() >= 5
                && let Ok(word) = std::str::from_utf8(key)
            {
                let s = skeleton(word);
                if s.chars().count() >= 4 {
                    out.insert(typo_key(word, &s));
                }
            }
        }
        out
    });
    folded.chars().count() >= 6 && SKELETONS.contains(&typo_key(folded, &skeleton(folded)))
}

/// A typo keeps a word's first two letters and its skeleton: "tommorow" and "tomorrow" are
/// both "to" + "tmrw"; "parveen" ("pa" + "prvn") is not "proven" ("pr" + "prvn").
fn typo_key(word: &str, skeleton: &str) -> String {
    word.chars()
        .take(2)
        .chain(['/'])
        .chain(skeleton.chars())
        .collect()
}

/// Whether `folded` is the first word of a town of several words ("sioux" of "sioux
/// lookout"): the lexicon's keys with a space, read once.
pub fn starts_a_town(folded: &str) -> bool {
    static FIRST_WORDS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        use fst::Streamer;
        let mut out = std::collections::HashSet::new();
        let mut stream = MAP.stream();
        while let Some((key, v)) = stream.next() {
            if (v >> 50) & 0xfff != 0
                && let Ok(key) = std::str::from_utf8(key)
                && let Some((first, _)) = key.split_once(' ')
            {
                out.insert(first.to_string());
            }
        }
        out
    });
    FIRST_WORDS.contains(folded)
}

/// What the lexicon knows of `folded` (lower case, accents removed).
pub fn lookup(folded: &str) -> Lex {
    match MAP.get(folded) {
        None => Lex::default(),
        Some(v) => Lex {
            first: (v & 0xffff) as f32 / 10.0,
            last: ((v >> 16) & 0xffff) as f32 / 10.0,
            en: ((v >> 32) & 0xff) as f32 / 10.0,
            fr: ((v >> 40) & 0xff) as f32 / 10.0,
            ordinary: (v >> 48) & 3 != 0,
            ordinary_in: ((v >> 48) & 3) as u8,
            place: ((v >> 50) & 0xfff) as u16,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_words_are_weighed_from_the_embedded_lists() {
        let darnell = lookup("darnell");
        assert!(
            darnell.first > 10.0 && darnell.word_zipf() < 3.0,
            "{darnell:?}"
        );
        let the = lookup("the");
        // Curated lists hold odd entries ("the" is in one): only counts say how common a name is.
        assert!(
            the.name_weight() <= 1.0 && the.ordinary && the.en > 7.0,
            "{the:?}"
        );
        // A name that is also a word is both, and the numbers say how much of each.
        let sky = lookup("sky");
        assert!(sky.first > 0.0 && sky.en > 4.0, "{sky:?}");
        // Keys are folded: French accents are gone.
        assert!(lookup("helene").first > 0.0);
        assert!(lookup("tremblay").last > 0.0);
        assert_eq!(lookup("qzxv"), Lex::default());
        // Towns, by how many live there, names of several words included.
        assert!((1..10).contains(&lookup("wawa").place));
        assert!((1..10).contains(&lookup("sioux lookout").place));
        assert!(lookup("toronto").place > 1000);
    }
}
