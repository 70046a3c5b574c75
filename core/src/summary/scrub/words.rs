//! What one word is, read alone or beside its neighbours: an inflection of an everyday word,
//! a compound name, an everyday word in disguise (mistyped, run together, capitals in the
//! plural), a possessive typed without its apostrophe, an age right after it, an article
//! before it.

use super::cues::*;
use super::lexicon::{self, Lex};
use super::names::{Reader, nameness};

/// An inflection of a known everyday word that the frequency lists lack: "superviseure",
/// "intervenantes".
pub(super) fn inflected(word: &str) -> bool {
    ["es", "e", "s", "x"].iter().any(|end| {
        word.strip_suffix(end)
            .is_some_and(|stem| stem.chars().count() >= 3 && lexicon::lookup(stem).ordinary)
    })
}

/// What the lexicon knows of a word, of a word it holds without the hyphen ("co-workers"), and
/// of a compound name it does not hold by the names it is made of: "amber-lynn", "ti-jean" are
/// first names as "lynn" and "jean" are.
pub(super) fn compound_lookup(folded: &str) -> Lex {
    let lex = lexicon::lookup(folded);
    if lex != Lex::default() || !folded.contains('-') {
        return lex;
    }
    // "x-ray" is no name, nor "M-A" a word: every part has two letters or more ("ti-jean").
    if folded.split('-').any(|p| p.chars().count() < 2) {
        return lex;
    }
    // A word some write with a hyphen and dictionaries without: "co-workers", "re-entry"; not
    // a compound name whose parts are names ("Rose-Bud" is someone, not a rosebud).
    let joined = lexicon::lookup(&folded.replace('-', ""));
    if joined.ordinary && !folded.split('-').all(|p| lexicon::lookup(p).first >= 1.0) {
        return joined;
    }
    let parts: Vec<Lex> = folded
        .split('-')
        .filter(|p| p.chars().count() > 2)
        .map(lexicon::lookup)
        .collect();
    let names: Vec<&str> = folded
        .split('-')
        .filter(|p| p.chars().count() > 2)
        .collect();
    // Every part a first name ("sage-femme" is no name: "femme" is none), one of them a name
    // at least as much as a word ("marie-soleil", "amber-lynn").
    let named = parts.iter().all(|l| l.first >= 1.0)
        && names.iter().zip(&parts).any(|(p, l)| nameness(l, p) >= 0.5);
    // Led by a common first name: "marie-soleil" is as common as "marie-ève" might be.
    let led = parts.first().is_some_and(|l| l.first >= 50.0);
    if parts.is_empty() || !named {
        return lex;
    }
    // As common as its leading name when that is a common one, else as its rarest part.
    let rarest = parts.iter().map(|p| p.first).fold(f32::MAX, f32::min);
    Lex {
        first: if led { parts[0].first } else { rarest },
        ..Lex::default()
    }
}

impl Reader<'_> {
    /// Whether a word no list holds is an everyday one all the same: mistyped ("tommorow"),
    /// two words run together ("heatstroke", "windchill"), or capitals in the plural ("3
    /// ODs").
    pub(super) fn everyday_in_disguise(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let w = t.folded.as_str();
        let raw = &self.text[t.own_start..t.own_end];
        // "for IRCC": four capitals or fewer that no list holds are an acronym, unless the
        // word does what people do ("WAPUN is from", "KM said").
        let says = self.after(i).is_some_and(|n| in_set(&ANIMATE_SET, n));
        let acronym = (2..=4).contains(&raw.chars().count())
            && raw.chars().all(|c| c.is_uppercase())
            && !says;
        let plural_capitals = raw.len() >= 3
            && raw.ends_with('s')
            && raw[..raw.len() - 1].chars().all(|c| c.is_ascii_uppercase());
        // Not "Starblanket said", "see Bigstone", "Dr littlechild": a capital, a person's verb
        // or a title keeps a surname made of two words.
        let says = self.after(i).is_some_and(|n| in_set(&ANIMATE_SET, n));
        let compound = w.is_ascii()
            && !t.titlecase
            && !says
            && !self.before(i).is_some_and(|b| in_set(&TITLES_SET, b))
            && w.len() >= 7
            && (3..=w.len() - 3).any(|k| {
                let (a, b) = w.split_at(k);
                let (la, lb) = (lexicon::lookup(a), lexicon::lookup(b));
                la.ordinary && lb.ordinary && la.word_zipf() >= 3.5 && lb.word_zipf() >= 3.5
            });
        acronym || plural_capitals || compound || lexicon::mistyped_word(w)
    }

    /// Whether word `i` is a name with an "s" for "'s", as phones type it: "kikis insta",
    /// "wades truck". The word itself is no word; without its "s", it is a first name.
    pub(super) fn possessive_without_apostrophe(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let Some(stem) = t.folded.strip_suffix('s') else {
            return false;
        };
        let lex = &self.lex[i];
        let stem_lex = lexicon::lookup(stem);
        stem.chars().count() >= 3
            && lex.word_zipf() < 2.5
            && !lex.is_name()
            && stem_lex.first >= 3.0
            && nameness(&stem_lex, stem) >= 0.0
            && self
                .after(i)
                .is_some_and(|n| !in_set(&AFTER_SET, n) && !in_set(&ANIMATE_SET, n))
    }

    /// Whether word `i` follows an article or a possessive. The French "à" folds like the
    /// article "a" and is not one: "l'ex à Nathalie", "parlé à JM".
    pub(super) fn after_article(&self, i: usize) -> bool {
        let a_grave = i > 0
            && self.text[self.tokens[i - 1].own_start..self.tokens[i - 1].own_end]
                .eq_ignore_ascii_case("à");
        self.before(i).is_some_and(|b| in_set(&ARTICLES_SET, b)) && !a_grave
    }

    /// Whether an age follows word `i`: "16 yo", ", 61 ans", "17a", "turned 18".
    pub(super) fn age_after(&self, i: usize) -> bool {
        let Some(next) = self.after(i) else {
            return false;
        };
        let number = |w: &str| w.parse::<u32>().is_ok_and(|n| (1..=110).contains(&n));
        let unit = |j: usize| {
            matches!(
                self.folded(j),
                "yo" | "y" | "yrs" | "years" | "year" | "ans" | "an"
            )
        };
        // "rocky is only 19,": an age said with "is", ending the clause.
        let said_with_is = matches!(next, "is" | "was" | "est") && {
            let mut j = i + 2;
            if matches!(
                self.folded(j),
                "only" | "just" | "barely" | "like" | "juste"
            ) {
                j += 1;
            }
            number(self.folded(j))
                && self.tokens.get(j).is_some_and(|t| {
                    self.text[t.own_end..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_none_or(|c| ",.;!?".contains(c))
                })
        };
        said_with_is
            || (number(next) && unit(i + 2))
            || (next.len() >= 2 && next.ends_with('a') && number(&next[..next.len() - 1]))
            || (matches!(next, "turned" | "turns" | "turning") && number(self.folded(i + 2)))
    }
}
