//! De-identification of free text for supervision summaries.
//!
//! One pass finds spans to replace, then one rewrite applies them, so the rules never see each
//! other's replacements. In order of precedence:
//! 1. structured identifiers (emails, links and bare domains, social handles, phone numbers,
//!    street addresses, postal and ZIP codes, long digit runs such as health-card, SIN or SSN
//!    numbers, full dates) become a bracketed class name, e.g. `[phone]`;
//! 2. anyone in the worker's people list, by alias or real name, whole or in part, in any case,
//!    with a possessive or a title before it, becomes their pseudonym in this summary
//!    ("Person A"); identifying words from their private details are removed too;
//! 3. named institutions, employers, small towns and places, street corners (`places`),
//!    claimed with the identifiers, before known people;
//! 4. other words that name someone, weighed against the lexicon of names and everyday words
//!    and read in their sentence (`names`, `subjects`): "met w darnell", "dr patel", "will
//!    said", "K.M.". A capital at the start of a sentence says nothing. They are flagged with
//!    why; the worker may keep a flagged word after review; unreviewed (the command line),
//!    every flagged word is removed as `[name]`.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;

use crate::person::Person;

#[doc(hidden)]
mod ages;
pub mod corpus;
mod cues;
#[cfg(test)]
mod eval;
mod gazetteer;
mod identifiers;
pub mod lexicon;
mod model;
mod names;
mod people;
mod places;
mod scrubbed;
mod spelled;
mod spelling;
mod structured;
mod subjects;
mod text;
mod words;

pub use model::name_features;
pub use names::Why;
pub use scrubbed::{Class, Flag, Scrubbed, Span};
use scrubbed::{context_end, context_start};
pub use text::fold_words;
use text::{fold, fold_with_origin, words};

/// A built-in pattern. Word boundaries are ASCII ones: a Unicode `\b` makes the regex
/// engine give up its fast automaton on any text with an accent, which French notes all have,
/// and every pattern here bounds digits or ASCII words.
pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("a valid built-in pattern")
}

use cues::is_title;

struct Known {
    pseudonym: String,
    /// Whole aliases and names, folded, as they may appear with their punctuation ("J.B.").
    phrases: Vec<String>,
    /// Every other spelling of them, and their private details.
    variants: people::Known,
}

/// Removes identifying text, knowing the worker's people list.
pub struct Scrubber {
    known: Vec<Known>,
    /// Words and phrases the worker asked always to remove, folded, word by word.
    remove: Vec<Vec<String>>,
    /// Whether the learned model gives its second opinion (`model`).
    learned: bool,
}

impl Scrubber {
    /// A scrubber for these people, each with the pseudonym this summary gives them.
    pub fn new(people: &[(String, &Person)]) -> Scrubber {
        let known = people
            .iter()
            .map(|(pseudonym, p)| {
                let mut phrases = vec![fold(&p.alias)];
                phrases.extend(p.name.as_deref().map(fold));
                Known {
                    pseudonym: pseudonym.clone(),
                    phrases: phrases.into_iter().filter(|p| !p.is_empty()).collect(),
                    variants: people::Known::new(p),
                }
            })
            .collect();
        Scrubber {
            known,
            remove: Vec::new(),
            learned: true,
        }
    }

    /// The same scrubber without the learned model: the rules alone, as the model's training
    /// measures what it adds to them.
    #[doc(hidden)]
    pub fn by_rules_alone(mut self) -> Scrubber {
        self.learned = false;
        self
    }

    /// The same scrubber, also removing `words` (words or phrases, folded) wherever they are.
    pub fn removing<'a>(mut self, words: impl IntoIterator<Item = &'a String>) -> Scrubber {
        self.remove = words
            .into_iter()
            .map(|w| w.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        self
    }

    /// Scrubs `text`. Flagged words in `keep` (folded, as [`Scrubbed::flagged`] lists them) stay;
    /// every other flagged word is removed.
    pub fn scrub(&self, text: &str, keep: &BTreeSet<String>) -> Scrubbed {
        let mut spans: Vec<(usize, usize, Class, String)> = Vec::new();
        // A span is taken only where nothing was taken before it.
        let claim = |spans: &mut Vec<_>, s: usize, e: usize, class: Class, with: String| {
            if s >= e
                || spans
                    .iter()
                    .any(|x: &(usize, usize, Class, String)| s < x.1 && x.0 < e)
            {
                return false;
            }
            spans.push((s, e, class, with));
            true
        };
        // Where a span cannot be taken whole, the parts of it nothing else took are: a name
        // half inside something else still goes.
        let claim_rest = |spans: &mut Vec<(usize, usize, Class, String)>,
                          s: usize,
                          e: usize,
                          class: Class,
                          with: String| {
            let mut taken: Vec<(usize, usize)> = spans
                .iter()
                .filter(|x| s < x.1 && x.0 < e)
                .map(|x| (x.0, x.1))
                .collect();
            taken.sort();
            let mut gaps = Vec::new();
            let mut at = s;
            for (ts, te) in taken.into_iter().chain([(e, e)]) {
                if ts > at {
                    gaps.push((at, ts.min(e)));
                }
                at = at.max(te);
            }
            for (gs, ge) in gaps {
                let piece = &text[gs..ge];
                let lead = piece.len()
                    - piece
                        .trim_start_matches(|c: char| !c.is_alphanumeric())
                        .len();
                let trail =
                    piece.len() - piece.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
                if gs + lead < ge - trail {
                    spans.push((gs + lead, ge - trail, class, with.clone()));
                }
            }
        };

        // Identifiers and named places, from every finder at once. Identifiers that overlap
        // are removed as one ("AI 756" and "756.1234.5678.97"), under the longer one's class;
        // a named place gives way to them.
        let toks = text::tokens(text);
        let mut found_ids = structured::find(text);
        let reader = names::Reader::new(text, &toks);
        found_ids.extend(identifiers::find(text, &toks));
        found_ids.extend(places::find(&reader));
        places::join_addresses(text, &mut found_ids);
        // Identifiers first, then named places: a place's name read too far ("the housing
        // office, rsandhu…") never takes an email's start.
        let named_place = |c: &Class| matches!(c, Class::Institution | Class::Place);
        for (s, e, class) in structured::unite(found_ids.iter().filter(|f| !named_place(&f.2))) {
            claim(&mut spans, s, e, class, class.placeholder().into());
        }
        for (s, e, class) in found_ids.iter().filter(|f| named_place(&f.2)) {
            if !claim(&mut spans, *s, *e, *class, class.placeholder().into()) {
                claim_rest(&mut spans, *s, *e, *class, class.placeholder().into());
            }
        }

        // What the worker asked always to remove.
        for phrase in &self.remove {
            for i in 0..toks.len() {
                let run = toks[i..].iter().take(phrase.len());
                if run.len() == phrase.len() && run.zip(phrase).all(|(t, w)| &t.folded == w) {
                    let last = &toks[i + phrase.len() - 1];
                    claim(
                        &mut spans,
                        toks[i].own_start,
                        last.own_end,
                        Class::LikelyName,
                        Class::LikelyName.placeholder().into(),
                    );
                }
            }
        }

        let found = words(text);
        let folded: Vec<String> = found.iter().map(|(s, e)| fold(&text[*s..*e])).collect();
        let (lower, origin) = fold_with_origin(text);

        // Whole aliases and names first, so "J.B." goes as one.
        for k in &self.known {
            for phrase in &k.phrases {
                // Words and runs of words are the variants' to weigh ("the sky" is not Sky);
                // only punctuation ("J.B.") is looked for here.
                if phrase.chars().count() < 2
                    || phrase
                        .chars()
                        .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '-')
                {
                    continue;
                }
                for (fs, _) in lower.match_indices(phrase.as_str()) {
                    let fe = fs + phrase.len();
                    // Only matches that begin and end on whole characters of the original.
                    let starts = fs == 0 || origin[fs - 1] != origin[fs];
                    let ends = fe == lower.len() || origin[fe - 1] != origin[fe];
                    if !starts || !ends {
                        continue;
                    }
                    let s = origin[fs];
                    let e = if fe == lower.len() {
                        text.len()
                    } else {
                        origin[fe]
                    };
                    let bounded = !text[..s]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        && !text[e..].chars().next().is_some_and(char::is_alphanumeric);
                    if bounded {
                        claim(&mut spans, s, e, Class::KnownPerson, k.pseudonym.clone());
                    }
                }
            }
        }

        let mut flagged = BTreeSet::new();
        // Where a known person was found, even inside something else: never offered for review.
        let mut person_at: Vec<(usize, usize)> = Vec::new();
        for k in &self.known {
            let (person, detail) = k.variants.find(&reader);
            for (s, e) in person {
                // A title before the name goes with it: "Mr. Brooks" becomes "Person A".
                let i = found.iter().position(|w| w.0 <= s && s < w.1).unwrap_or(0);
                let start = title_before(text, &found, &folded, i).unwrap_or(s);
                person_at.push((s, e));
                if !claim(
                    &mut spans,
                    start,
                    e,
                    Class::KnownPerson,
                    k.pseudonym.clone(),
                ) {
                    claim_rest(&mut spans, s, e, Class::KnownPerson, k.pseudonym.clone());
                }
            }
            for (s, e) in detail {
                // A detail's phrase takes in a place found inside it: "tim hortons on main"
                // whole, not "[place name] on main". If anything else is inside it, what
                // nothing took is taken as the detail, and the places stay.
                let inside = |x: &(usize, usize, Class, String)| {
                    s <= x.0 && x.1 <= e && matches!(x.2, Class::Institution | Class::Place)
                };
                let others = spans.iter().any(|x| s < x.1 && x.0 < e && !inside(x));
                if !others {
                    spans.retain(|x| !inside(x));
                }
                claim_rest(
                    &mut spans,
                    s,
                    e,
                    Class::PrivateDetail,
                    Class::PrivateDetail.placeholder().into(),
                );
            }
        }

        // Initials with dots ("K.M.") before the words they are made of.
        for (s, e) in names::dotted_initials(text) {
            claim(
                &mut spans,
                s,
                e,
                Class::LikelyName,
                Class::LikelyName.placeholder().into(),
            );
        }

        // Names nobody listed, weighed word by word with what surrounds them.
        let mut named = vec![false; toks.len()];
        for i in 0..toks.len() {
            named[i] = reader.likely_name(i, &named).is_some();
        }
        // A second look, for the first of a pair: "jacques and luc"; from the end, so a list
        // is found back to its start ("Aimé, Patience, Ngalula pis Bilal").
        for i in (0..toks.len()).rev() {
            named[i] = named[i] || reader.listed_before(i, &named);
        }
        // The learned second opinion (`model`), on the words nothing else has taken.
        let taken = |t: &text::Token| {
            spans.iter().any(|x| t.own_start < x.1 && x.0 < t.own_end)
                || person_at
                    .iter()
                    .any(|(s, e)| t.own_start < *e && *s < t.own_end)
        };
        let free: Vec<bool> = toks.iter().map(|t| !taken(t)).collect();
        let (learned, somewhere) = if self.learned {
            model::second_opinion(&reader, &mut named, &free)
        } else {
            (vec![false; toks.len()], vec![false; toks.len()])
        };
        names::join_particles(&reader, &mut named, &free);
        let mut flags = Vec::new();
        let mut flag_at = Vec::new();
        for i in (0..toks.len()).filter(|i| named[*i]) {
            let t = &toks[i];
            let word = t.folded.clone();
            // A word already removed as something else (a known person, an address) is not
            // the worker's to review, nor is one that names a known person.
            if !free[i] {
                continue;
            }
            flag_at.push((t.own_start, t.own_end));
            flags.push(Flag {
                word: word.clone(),
                why: learned[i]
                    .then_some(Why::Learned)
                    .or_else(|| reader.likely_name(i, &named))
                    .unwrap_or(if reader.listed_before(i, &named) {
                        Why::List
                    } else {
                        Why::NameList
                    }),
                // Filled in below, once everything else removed is known.
                before: String::new(),
                found: text[t.own_start..t.own_end].to_string(),
                after: String::new(),
            });
            if keep.contains(&word) {
                flagged.insert(word);
                continue;
            }
            flagged.insert(word);
            // A word of a place's or a service's name is replaced as one; a person's name takes
            // the title before it.
            let class = if somewhere[i] {
                Class::Institution
            } else {
                Class::LikelyName
            };
            // `toks` are `found`, word for word.
            let start = title_before(text, &found, &folded, i)
                .filter(|_| !somewhere[i])
                .unwrap_or(t.own_start);
            if !claim(
                &mut spans,
                start,
                t.own_end,
                class,
                class.placeholder().into(),
            ) {
                claim(
                    &mut spans,
                    t.own_start,
                    t.own_end,
                    class,
                    class.placeholder().into(),
                );
            }
        }

        spans.sort_by_key(|s| s.0);
        // The words around a flagged word, as the summary would have them: everything else
        // removed shows as what replaces it ("Walked with Person A…"), so the review never
        // shows more than the worker's own word in question.
        let shown = |from: usize, to: usize, word: (usize, usize)| {
            let mut out = String::new();
            let mut at = from;
            // The span that replaces the word itself (with a title before it) is the word's.
            for (s, e, _, with) in spans
                .iter()
                .filter(|x| x.0 < to && from < x.1 && !(x.0 <= word.0 && word.1 <= x.1))
            {
                if *s >= at {
                    out.push_str(&text[at..*s]);
                }
                out.push_str(with);
                at = (*e).min(to).max(at);
            }
            out.push_str(&text[at.min(to)..to]);
            out
        };
        for (flag, (s, e)) in flags.iter_mut().zip(&flag_at) {
            let from = context_start(text, *s, 60);
            let to = context_end(text, *e, 60);
            flag.before = format!(
                "{}{}",
                if from > 0 { "…" } else { "" },
                shown(from, *s, (*s, *e))
            );
            flag.after = format!(
                "{}{}",
                shown(*e, to, (*s, *e)),
                if to < text.len() { "…" } else { "" }
            );
        }
        let removed_spans = spans
            .iter()
            .map(|(start, end, class, _)| Span {
                start: *start,
                end: *end,
                class: *class,
            })
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut removed = BTreeMap::new();
        let mut at = 0;
        let mut last: Option<String> = None;
        for (s, e, class, with) in spans {
            let between = &text[at..s];
            // "Jordan Rivers" is one person: two replacements side by side become one.
            if last.as_deref() == Some(with.as_str()) && between.trim().is_empty() {
                at = e;
                continue;
            }
            out.push_str(between);
            out.push_str(&with);
            *removed.entry(class).or_insert(0) += 1;
            last = Some(with);
            at = e;
        }
        out.push_str(&text[at..]);
        Scrubbed {
            text: out,
            removed,
            flagged,
            spans: removed_spans,
            flags,
        }
    }
}

/// The start of a title ("Dr.", "Mrs") just before word `i`, if there is one.
fn title_before(
    text: &str,
    found: &[(usize, usize)],
    folded: &[String],
    i: usize,
) -> Option<usize> {
    let prev = i.checked_sub(1)?;
    let (ps, pe) = found[prev];
    let gap = &text[pe..found[i].0];
    let word = folded[prev].as_str();
    // "Father Ambrose", "Soeur Marie": a religious title, written with its capital, is part
    // of the name ("her sister Maria" keeps the relation).
    let religious = cues::in_set(&cues::RELIGIOUS_TITLES_SET, word)
        && text[ps..].starts_with(char::is_uppercase);
    // Québec's "Me Tremblay" (maître), written so; and how people are nicknamed: "Big Steve",
    // "gros Mike".
    let maitre = word == "me" && text[ps..].starts_with("Me");
    let nickname = cues::in_set(&cues::NICKNAME_PREFIXES_SET, word);
    ((is_title(word) || religious || maitre || nickname)
        && gap.trim_start_matches('.').trim().is_empty())
    .then_some(ps)
}

#[cfg(test)]
mod tests;
