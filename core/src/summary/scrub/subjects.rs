//! The grammar that says a word is someone: the subject of what only a person does ("will
//! said", "Modeste a trouvé"), two names joined before a plural verb, a first name and a last
//! name side by side. Each reads the words around one word of a [`Reader`].

use super::cues::*;
use super::names::{Reader, nameness};
use super::text::Token;
use super::words::inflected;

impl Reader<'_> {
    /// Whether word `i` is the subject of what only a person does, at the start of a clause:
    /// "will said", "summer wants", "faith relapsed", "pierre only speaks", "Patience a
    /// accouché", "bienvenu a son audience", "hope and her bf were", "blanche la dame aux
    /// pigeons". An everyday noun there would need an article ("the summer was"), so a word
    /// that is also a first name is one.
    pub(super) fn person_subject(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let starts = self.clause_start(i);
        // "j'ai dit": an elided word is a pronoun or an article's noun.
        if !starts
            || t.own_start != t.start
            || in_set(&PRONOUNS_SET, &t.folded)
            || in_set(&ADVERBS_SET, &t.folded)
        {
            return false;
        }
        let mut j = i + 1;
        while j < i + 3 && self.tokens.get(j).is_some() && in_set(&ADVERBS_SET, self.folded(j)) {
            j += 1;
        }
        if self.after(j - 1).is_none() {
            return false;
        }
        let next = self.folded(j);
        // "mars a été dur": a month "is" and "has", but only a person says or wants.
        let calendar = in_set(&CALENDAR_SET, &t.folded);
        in_set(&ANIMATE_SET, next)
            || (!calendar && self.has(j)
                && self.english != Some(true)
                && (self.participle(j + 1) || matches!(self.folded(j + 1), "son" | "sa" | "ses")))
            // "hope and her bf were", "Victoire pis ses 2 enfants sont": with someone's own.
            || (!calendar
                && matches!(next, "and" | "et" | "pis")
                && matches!(
                    self.folded(j + 1),
                    "his" | "her" | "their" | "son" | "sa" | "ses"
                ))
            || (matches!(next, "the" | "la" | "le")
                && in_set(&PERSON_NOUNS_SET, self.folded(j + 1)))
            // "Parveen mom of 3": someone, then who they are to others.
            || (is_relation(next)
                && matches!(self.folded(j + 1), "of" | "de" | "to")
                && nameness(&self.lex[i], &t.folded) >= 0.0
                && !in_set(&ARTICLES_SET, &t.folded)
                && !in_set(&PERSON_NOUNS_SET, &t.folded))
            // "Mercy got her status card", "X lost his id": with their own things.
            || (!calendar
                && matches!(
                    next,
                    "got" | "has" | "had" | "lost" | "found" | "needs" | "needed" | "left"
                        | "forgot" | "missed" | "took" | "signed" | "picked" | "filled"
                )
                && matches!(self.folded(j + 1), "her" | "his" | "their"))
            // "Crystal getting her license back", "tyler taking his meds": doing something
            // with their own things.
            || (!calendar
                && self.english != Some(false)
                && next.len() > 5
                && next.ends_with("ing")
                && matches!(self.folded(j + 1), "her" | "his" | "their"))
            // "Sunny got barred", "Ray is out of detox", "Patience from the tenants".
            || (!calendar && next == "got" && in_set(&PERSON_PASSIVES_SET, self.folded(j + 1)))
            || (!calendar
                && matches!(next, "is" | "was")
                && in_set(&PERSON_STATES_SET, self.folded(j + 1)))
            // "Patience from the tenants association", "will from insite": from a place,
            // not "from my chair".
            || (next == "from"
                && !calendar
                && self.tokens.get(j + 1).is_some_and(|n| {
                    n.alphabetic
                        && !matches!(n.folded.as_str(), "my" | "his" | "her" | "their" | "a" | "an")
                }))
            // "Grant at the pharmacy says", "Joy at the front desk let me", "Tom on the night
            // desk said": where someone is, then what only a person does, in one clause.
            || (!calendar
                && matches!(next, "at" | "on")
                && (j + 2..=j + 8).any(|k| {
                    self.tokens.get(k).is_some_and(|o| {
                        (in_set(&ANIMATE_SET, &o.folded)
                            || matches!(
                                o.folded.as_str(),
                                "let" | "lets" | "dropped" | "gave" | "gives" | "helped" | "helps"
                                    | "sent" | "brought" | "booked"
                            ))
                            && !self.text[self.tokens[j].end..o.start].contains([',', '.', ';', '!', '?'])
                            && !in_set(&PRONOUNS_SET, self.folded(k - 1))
                    })
                }))
            // "Espoir Ilunga a 20 ans": someone has an age.
            || (self.english != Some(true) && self.has(j) && self.age_after(j))
            // "Sylvain à l'accueil nous a prêté la salle": where someone is, in French, for a
            // word more a name than a word.
            || (self.english != Some(true)
                && !in_set(&BEFORE_A_SET, &t.folded)
                && self.lex[i].first >= 20.0
                && nameness(&self.lex[i], &t.folded) >= 0.0
                && self.tokens.get(j).is_some_and(|n| {
                    let raw = self.text[n.own_start..n.own_end].to_lowercase();
                    // "Honoré de l'église congolaise", "Victor du centre de jour".
                    let of_the = matches!(raw.as_str(), "du" | "des")
                        || (raw == "de"
                            // "Clémence de la juge": "de la" only after a name more than a
                            // word.
                            && nameness(&self.lex[i], &t.folded) >= 1.0
                            && self.tokens.get(j + 1).is_some_and(|l| {
                                l.own_start != l.start || l.folded == "la"
                            }));
                    raw == "à" || raw == "au" || of_the
                }))
            || self.pair_subject(i)
    }

    /// Whether word `i` starts a sentence or a clause: after a full stop, a comma, or "and",
    /// "but", "pis".
    pub(super) fn clause_start(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let after_comma = i > 0
            && self.text[self.tokens[i - 1].end..t.start]
                .trim()
                .ends_with([',', ';', ':']);
        t.sentence_start
            || after_comma
            || self.before(i).is_some_and(|b| in_set(&CLAUSE_JOINS_SET, b))
    }

    /// Whether word `j` is a verb in the plural: "sont", "are", or a French one ending in
    /// "-ent" ("dorment", "restent").
    fn plural(&self, j: usize) -> bool {
        let w = self.folded(j);
        in_set(&PLURAL_VERBS_SET, w)
            || (w.ends_with("ent")
                && w.chars().count() >= 5
                && self.lex.get(j).is_some_and(|l| l.ordinary && l.fr > 0.0))
    }

    /// Whether word `i` is one of two first names joined at the start of a clause, before a
    /// verb in the plural: "aimé pis désiré sont jumeaux", "grace and will were fighting".
    pub(super) fn pair_subject(&self, i: usize) -> bool {
        let joins = |j: usize| matches!(self.folded(j), "and" | "et" | "pis" | "&" | "n");
        let plural = |j: usize| self.plural(j);
        let first = |j: usize| self.lex.get(j).is_some_and(|l| l.first >= 1.0);
        let starts = |j: usize| self.clause_start(j);
        let pair = |a: usize| {
            starts(a)
                && joins(a + 1)
                && first(a)
                && first(a + 2)
                && plural(a + 3)
                && !in_set(&PRONOUNS_SET, self.folded(a))
                && !in_set(&PRONOUNS_SET, self.folded(a + 2))
        };
        pair(i) || (i >= 2 && pair(i - 2))
    }

    /// Whether words `i` and `i + 1` are a first name and a last name: the first a name more
    /// than a word, the second a last name, an unknown word, or an initial ("sarah k").
    pub(super) fn full_name(&self, i: usize) -> bool {
        let (Some(a), Some(b)) = (self.tokens.get(i), self.tokens.get(i + 1)) else {
            return false;
        };
        if !a.alphabetic || !b.alphabetic || !self.text[a.end..b.start].trim().is_empty() {
            return false;
        }
        let (la, lb) = (&self.lex[i], &self.lex[i + 1]);
        let (na, nb) = (nameness(la, &a.folded), nameness(lb, &b.folded));
        // Written alike, both in capitals or both capitalised: "MATHIEU CÔTÉ", "Sylvain Lavoie".
        let shape = |t: &Token| {
            let raw = &self.text[t.own_start..t.own_end];
            (raw.chars().all(|c| !c.is_lowercase()), t.titlecase)
        };
        let alike = shape(a) == shape(b) && (shape(a).0 || a.titlecase);
        // A last name strong on its own lifts a first name that is also a word: "sylvain
        // lavoie"; so does a capitalised word no list holds after a capitalised first name:
        // "Félicité Mbala", "Espoir Ilunga".
        let unknown_last = alike
            && a.titlecase
            && lb.word_zipf() == 0.0
            && !lb.is_name()
            && b.folded.chars().count() >= 3;
        // "Nyabol Deng": a capitalised word no list holds before a last name.
        let unknown_first = alike
            && a.titlecase
            && la.word_zipf() == 0.0
            && !la.is_name()
            && a.folded.chars().count() >= 4
            && lb.last >= 10.0;
        if unknown_first {
            return true;
        }
        let first = la.first >= 1.0
            && a.folded.chars().count() >= 3
            && (na >= 1.0
                || (na >= 0.0 && lb.last >= 10.0 && nb >= 2.0)
                || (unknown_last && la.first >= 10.0));
        // A common last name that is also a word, written like the first name beside it.
        // Away from a sentence's start, capitals alike say more: "obit for Lyle Cardinal".
        let last_needed = if a.sentence_start { 100.0 } else { 30.0 };
        let word_last = alike
            && na >= 1.0
            && la.first >= 100.0
            && lb.last >= last_needed
            && lb.word_zipf() < 6.0
            && !in_set(&AFTER_SET, &b.folded)
            && !in_set(&FR_AFTER_SET, &b.folded)
            && !in_set(&BEFORE_SET, &b.folded)
            && !in_set(&ARTICLES_SET, &b.folded);
        let last = (lb.last >= 1.0 && nameness(lb, &b.folded) >= 1.0)
            || (!lb.ordinary && lb.word_zipf() < 3.5 && b.folded.chars().count() >= 3)
            || (lb.word_zipf() == 0.0 && b.folded.chars().count() >= 4 && !inflected(&b.folded))
            || (b.folded.chars().count() == 1
                && (!matches!(b.folded.as_str(), "a" | "i" | "y" | "u" | "o" | "n" | "w" | "r" | "b" | "c")
                    // "Dawn W came by": a capital initial after a capitalised name.
                    || (a.titlecase
                        && self.text[b.own_start..b.own_end].chars().all(char::is_uppercase)
                        && !matches!(b.folded.as_str(), "a" | "i"))))
            || word_last;
        // A single letter after a first name is an initial ("sarah k"), not a "k" for "ok".
        first
            && last
            && !in_set(&ABBREVIATIONS_SET, &a.folded)
            && (b.folded.chars().count() == 1 || !in_set(&ABBREVIATIONS_SET, &b.folded))
    }

    /// Whether word `j` is French "has" or "is" ("a", "est", "avait", "était"), not the
    /// preposition "à" that folds like it.
    pub(super) fn has(&self, j: usize) -> bool {
        self.tokens.get(j).is_some_and(|t| {
            let raw = self.text[t.own_start..t.own_end].to_lowercase();
            matches!(raw.as_str(), "a" | "est" | "avait" | "était" | "etait")
        })
    }

    /// Whether word `j` reads as a French past participle or what follows "a" for a person:
    /// "trouvé", "eu", "pas", "encore", "besoin".
    pub(super) fn participle(&self, j: usize) -> bool {
        let Some(t) = self.tokens.get(j) else {
            return false;
        };
        let raw = &self.text[t.own_start..t.own_end];
        // "perdu", "grandi", "pris", "écrit": French participles end so, if they are words.
        let ending = ["u", "i", "is", "it", "ert", "int"]
            .iter()
            .any(|e| t.folded.ends_with(e))
            && t.folded.chars().count() >= 4
            && self.lex.get(j).is_some_and(|l| l.ordinary && l.fr > 0.0);
        raw.ends_with(['é', 'É']) || in_set(&FR_PARTICIPLES_SET, &t.folded) || ending
    }
}
