//! Names of people nobody put in the people list, found without relying on capitals: how
//! common a word is as a name against how common it is as an everyday English or French word
//! (the lexicon), weighed with what is around it: a title or a relation before it ("dr",
//! "her sister", "sa blonde"), "named", a word that takes a person before it ("with", "told",
//! "avec") or after it ("said", "texted", "a dit"), a possessive, a capital away from the start
//! of a sentence, a list of names. A capital at the start of a sentence says nothing.

use super::cues::*;
use super::lexicon::{self, Lex};
use super::text::Token;
use super::words::{compound_lookup, inflected};

/// Why a word was taken for a name, for the worker's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// After a title: "dr patel", "mme roy".
    Title,
    /// After a relation: "her sister tamsin", "son chum kevin".
    Relation,
    /// After "named", "goes by", "s'appelle".
    Named,
    /// Initials: "K.M.", "km said".
    Initials,
    /// A name in the name lists, in a place people are named.
    NameList,
    /// A word no dictionary holds, in a place people are named.
    Context,
    /// Next to another name in a list: "darnell and keisha".
    List,
    /// What the learned model reads as the name of someone or somewhere, from the words
    /// around it (`model`).
    Learned,
}

impl Why {
    /// Its code, as catalogue keys name it (`review.why.<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Why::Title => "title",
            Why::Relation => "relation",
            Why::Named => "named",
            Why::Initials => "initials",
            Why::NameList => "name_list",
            Why::Context => "context",
            Why::List => "list",
            Why::Learned => "learned",
        }
    }
}

/// Dotted initials: "K.M.", "J.-P.", "r.t." (two or three letters), but not "a.m." or "e.g.".
pub fn dotted_initials(text: &str) -> Vec<(usize, usize)> {
    static PATTERN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\p{L}\.(?:-?\s?\p{L}\.?){1,2}?").expect("a valid pattern")
    });
    PATTERN
        .find_iter(text)
        .filter(|m| {
            let letters = super::text::letters(m.as_str());
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            m.as_str().contains('.')
                && !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
                && !in_set(&NOT_INITIALS_SET, &letters)
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// How much more a word is a name than an everyday word: the log of how many people per
/// million bear it, less, for a word a dictionary also writes in lower case, how far its
/// everyday frequency rises above rare. "darnell", "tyler" and "fatima" score above 2;
/// "autumn", "hunter", "grace" about 1; "hope", "sky", "will" below 0.
pub fn nameness(lex: &Lex, word: &str) -> f32 {
    let weight = (lex.name_weight() + 0.1).log10();
    if lex.ordinary || CALENDAR_SET.contains(word) {
        weight - 1.2 * (lex.word_zipf() - 3.0)
    } else {
        weight + 1.0
    }
}

/// Whether a note is written in English (`Some(true)`), French (`Some(false)`) or cannot be
/// told (`None`), from its little words.
fn language(tokens: &[Token]) -> Option<bool> {
    let (mut en, mut fr) = (0, 0);
    for t in tokens {
        // A word clearly more frequent in one language votes for it; "j'ai", "l'hôpital":
        // an elision is French.
        let lex = lexicon::lookup(&t.folded);
        en += usize::from(lex.en > lex.fr + 1.0);
        fr += usize::from(lex.fr > lex.en + 1.0) + usize::from(t.own_start != t.start);
    }
    match en.cmp(&fr) {
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    }
}

/// The tokens of a text with the lexicon's view of each, ready to weigh.
pub struct Reader<'a> {
    pub tokens: &'a [Token],
    pub text: &'a str,
    pub(super) lex: Vec<Lex>,
    /// Whether the note reads as English (`Some(true)`), French, or cannot be told.
    pub(super) english: Option<bool>,
    /// Each word's hints, weighed once: the rules, each known person and the model all ask.
    hints: Vec<std::cell::OnceCell<f32>>,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        let english = language(tokens);
        Reader {
            tokens,
            text,
            lex: tokens
                .iter()
                .map(|t| compound_lookup(&t.folded).in_language(english))
                .collect(),
            english,
            hints: vec![std::cell::OnceCell::new(); tokens.len()],
        }
    }

    /// What the lexicon knows of word `i`.
    pub fn lex(&self, i: usize) -> &Lex {
        &self.lex[i]
    }

    pub(super) fn folded(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.folded.as_str())
    }

    /// The word before `i` when nothing but spaces (or "w/"'s slash) sits between.
    pub(super) fn before(&self, i: usize) -> Option<&str> {
        let prev = i.checked_sub(1)?;
        let gap = &self.text[self.tokens[prev].end..self.tokens[i].start];
        gap.trim_matches(|c: char| c.is_whitespace() || c == '/' || c == '.' || c == ',')
            .is_empty()
            .then(|| self.folded(prev))
    }

    pub(super) fn after(&self, i: usize) -> Option<&str> {
        let next = self.tokens.get(i + 1)?;
        let gap = &self.text[self.tokens[i].end..next.start];
        gap.trim_matches(|c: char| c.is_whitespace() || c == ',')
            .is_empty()
            .then(|| self.folded(i + 1))
    }

    /// A capital where a sentence does not put one.
    pub fn capital(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.titlecase && !t.sentence_start
    }

    /// Initials written as a short word that is no word, next to a hint ("km said", "told
    /// rk"). Dotted initials ("K.M.") are found by [`dotted_initials`].
    fn initials(&self, i: usize, hints: f32) -> bool {
        let t = &self.tokens[i];
        let letters = t.folded.as_str();
        let raw = &self.text[t.own_start..t.own_end];
        let capitals = raw.chars().all(char::is_uppercase);
        // Letters that are also a unit or an acronym are someone's initials only when they do
        // what only a person does: "km said".
        let says = self.after(i).is_some_and(|w| in_set(&ANIMATE_SET, w));
        (2..=3).contains(&letters.len())
            && t.alphabetic
            && !in_set(&NOT_INITIALS_SET, letters)
            && (says || !in_set(&ABBREVIATIONS_SET, letters))
            && !in_set(&ACRONYMS_SET, letters)
            && !self.after_article(i)
            && (capitals
                || says
                || self.lex[i].word_zipf() < 2.5
                || (!self.lex[i].ordinary && self.lex[i].word_zipf() < 3.5))
            && !letters.chars().any(|c| "aeiouy".contains(c))
            && hints >= 1.0
    }

    /// How strongly the words around `i` say it names a person (without the strong cues).
    pub fn hints(&self, i: usize) -> f32 {
        *self.hints[i].get_or_init(|| self.weigh_hints(i))
    }

    fn weigh_hints(&self, i: usize) -> f32 {
        let t = &self.tokens[i];
        let mut h = 0.0;
        let relation = self.before(i).is_some_and(|w| in_set(&RELATIONS_SET, w))
            && !self.tokens[i - 1].possessive;
        if self.before(i).is_some_and(|w| in_set(&BEFORE_SET, w)) || relation {
            h += 1.0;
        }
        // "à JM", "parlé à Kévin": French "to".
        if i > 0 && &self.text[self.tokens[i - 1].start..self.tokens[i - 1].end] == "à" {
            h += 1.0;
        }
        // "la soeur de bob", "le chum de julie": a relation, then "de".
        if matches!(self.before(i), Some("de" | "d"))
            && i >= 2
            && self.before(i - 1).is_some_and(is_relation)
        {
            h += 1.0;
        }
        match self.after(i) {
            // French tells a person by what follows "a" or "est": "Modeste a trouvé", "Constant
            // est revenu".
            Some("a" | "avait" | "est" | "etait") if self.has(i + 1) && self.participle(i + 2) => {
                h += 1.0
            }
            // "Victor du centre de jour": French "from the".
            // "Claude de Plérin a appelé": a name from a place with its capital.
            Some("de" | "d")
                if t.sentence_start
                    && !self.text[t.own_start..t.own_end]
                        .chars()
                        .all(|c| !c.is_lowercase())
                    && self
                        .tokens
                        .get(i + 2)
                        .is_some_and(|o| o.titlecase && o.alphabetic) =>
            {
                h += 1.0
            }
            // Not "Victoire du jour", "Plat du midi": "du" before a time is a set phrase.
            Some("du")
                if t.sentence_start
                    && !matches!(
                        self.folded(i + 2),
                        "jour" | "mois" | "matin" | "midi" | "soir" | "coup" | "tout" | "moins"
                    ) =>
            {
                h += 1.0
            }
            Some(w) if in_set(&WEAK_AFTER_SET, w) => h += 0.5,
            Some(w)
                if in_set(&AFTER_SET, w) || in_set(&FR_AFTER_SET, w) || in_set(&ANIMATE_SET, w) =>
            {
                h += 1.0
            }
            // An apposition: "hiroshi the retired chef", "ginette la bénévole".
            Some("the" | "la" | "le")
                if t.sentence_start && in_set(&PERSON_NOUNS_SET, self.folded(i + 2)) =>
            {
                h += 1.0
            }
            _ => {}
        }
        // Two names joined ("olive pis grâce", "sunita and deepak") hint at each other.
        let pair = |j: usize| {
            self.tokens.get(j).is_some_and(|o| {
                let lex = &self.lex[j];
                o.alphabetic && lex.is_name() && nameness(lex, &o.folded) >= 1.0
            })
        };
        let joins = |j: usize| {
            matches!(
                self.folded(j),
                "and" | "et" | "pis" | "&" | "n" | "ou" | "or"
            )
        };
        if (joins(i + 1) && pair(i + 2)) || (i >= 2 && joins(i - 1) && pair(i - 2)) {
            h += 0.5;
        }
        if t.possessive || self.possessive_without_apostrophe(i) {
            h += 1.0;
        }
        // "big mike", "lil kay", "gros luc": how people are nicknamed.
        if self
            .before(i)
            .is_some_and(|w| in_set(&NICKNAME_PREFIXES_SET, w))
        {
            h += 1.0;
        }
        // "Nyabol insta @nyabol.d": someone and where they post.
        if self.after(i).is_some_and(|n| {
            matches!(
                n,
                "insta" | "instagram" | "snap" | "snapchat" | "fb" | "tiktok" | "whatsapp"
            )
        }) {
            h += 1.0;
        }
        // "Tsering a 34 ans": someone has an age.
        if self.english != Some(true) && self.has(i + 1) && self.age_after(i + 1) {
            h += 1.0;
        }
        // "her worker at CAS is jen, file…": who someone is, ending the clause.
        let ends_clause = self.text[t.own_end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| ",.;!?".contains(c));
        if matches!(self.before(i), Some("is" | "cest")) && ends_clause {
            h += 1.0;
        }
        // An age right after it: "river 16 yo", "Réjean, 61 ans", "pierre, 17a", "precious
        // turned 18". Things have no age.
        if self.age_after(i) {
            h += 1.0;
        }
        // A word in capitals that no list holds, among words that are not: "WAPUN is from".
        let raw = &self.text[t.own_start..t.own_end];
        if raw.chars().count() >= 4
            && raw.chars().all(|c| !c.is_lowercase())
            && self.lex[i].word_zipf() == 0.0
            && !in_set(&ACRONYMS_SET, &t.folded)
        {
            h += 0.5;
        }
        if self.capital(i) {
            h += 1.0;
        }
        h
    }

    /// Whether word `i`, name-like, comes just before a name found, joined to it: "jacques
    /// and luc", "aimé pis désiré".
    pub fn listed_before(&self, i: usize, names: &[bool]) -> bool {
        let t = &self.tokens[i];
        let lex = &self.lex[i];
        let namelike = t.alphabetic
            && t.folded.chars().count() >= 2
            && !in_set(&ABBREVIATIONS_SET, &t.folded)
            && ((lex.is_name() && nameness(lex, &t.folded) >= 0.0) || lex.word_zipf() == 0.0);
        // In a list with commas, before a name found: "moi, josée, kevin pis marc-andré".
        let comma_list = names.get(i + 1).copied().unwrap_or(false)
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|n| self.text[t.own_end..n.start].trim() == ",")
            && lex.first >= 1.0
            // A capital will do inside a list already under way ("Aimé, Patience, Ngalula"),
            // not for the word that opens a sentence ("So, Kevin came by").
            && (nameness(lex, &t.folded) >= 0.0
                || (t.titlecase
                    && i > 0
                    && self.text[self.tokens[i - 1].own_end..t.start]
                        .trim()
                        .ends_with([',', ':'])));
        // A first name right before a name found: "Tommy Deer retourne".
        // Both capitalised, a first name that is also a word will do: "Espoir Ilunga".
        let next_capital = self.tokens.get(i + 1).map(|n| n.titlecase);
        let both_capitalised = t.titlecase && next_capital == Some(true);
        let first_of = names.get(i + 1).copied().unwrap_or(false)
            && self.after(i).is_some()
            && next_capital == Some(t.titlecase)
            && ((lex.first >= 50.0 && nameness(lex, &t.folded) >= 1.0)
                || (both_capitalised
                    && lex.first >= 1.0
                    && lex.word_zipf() < 5.5
                    && !in_set(&BEFORE_SET, &t.folded)
                    && !in_set(&AFTER_SET, &t.folded)
                    && !in_set(&ANIMATE_SET, &t.folded)));
        first_of
            || comma_list
            || namelike
                && names.get(i + 2).copied().unwrap_or(false)
                && matches!(self.folded(i + 1), "and" | "et" | "pis" | "n" | "or" | "ou")
    }

    /// Whether word `i` names someone, and why. `names` says which words before it were
    /// taken for names, for lists.
    pub fn likely_name(&self, i: usize, names: &[bool]) -> Option<Why> {
        let t = &self.tokens[i];
        let lex = &self.lex[i];
        // "sarah k": a last initial after a first name.
        if i > 0 && t.folded.chars().count() == 1 && self.full_name(i - 1) {
            return Some(Why::NameList);
        }
        if !t.alphabetic || t.folded.chars().count() < 2 {
            return None;
        }
        let w = t.folded.as_str();
        if super::text::acronym(&self.text[t.own_start..t.own_end]) {
            return None;
        }
        // "à Liège": a city of 100,000 people or more is a place, and says little.
        if in_set(&TITLES_SET, w)
            || in_set(&RELATIONS_SET, w)
            || in_set(&ABBREVIATIONS_SET, w)
            || in_set(&NOT_PEOPLE_SET, w)
            || (lex.place >= 100 && lex.first < 10.0 && lex.last < 10.0)
        {
            return None;
        }
        let z = lex.word_zipf();
        let n = nameness(lex, w);
        let hints = self.hints(i);
        if self.initials(i, hints) {
            return Some(Why::Initials);
        }
        let before = self.before(i);
        // The strong cues: a title, a relation, "named". The word itself must not be an
        // everyday verb or function word ("my sister called", "her mom said").
        let plausible = (lex.is_name() && n > -1.5 && z < 5.5) || z < 3.5;
        if before.is_some_and(|b| in_set(&TITLES_SET, b)) && plausible {
            return Some(Why::Title);
        }
        // A title and a name both written with their capitals: "Mme Côté", "M. Lavoie", and
        // Québec's "Me Tremblay" (maître), whatever else the name means as a word.
        let capitalised =
            |k: usize| self.text[self.tokens[k].own_start..].starts_with(char::is_uppercase);
        if i > 0
            && t.titlecase
            && !t.sentence_start
            && capitalised(i - 1)
            && before.is_some_and(|b| in_set(&TITLES_SET, b) || b == "me")
            && (before != Some("me") || self.english != Some(true))
            && lex.is_name()
        {
            return Some(Why::Title);
        }
        // "goes by Ky", but not "ran out by noon".
        let named = before.is_some_and(|b| in_set(&NAMED_SET, b))
            && (before != Some("by")
                || (i >= 2 && matches!(self.folded(i - 2), "goes" | "go" | "went" | "going")));
        if named && plausible && !in_set(&BEFORE_SET, w) {
            return Some(Why::Named);
        }
        // "Mother's Day", "her sister's place": what a relation owns is a thing.
        let owned = i > 0 && self.tokens[i - 1].possessive;
        if before.is_some_and(|b| in_set(&RELATIONS_SET, b))
            && !owned
            && plausible
            && !in_set(&AFTER_SET, w)
            && !in_set(&BEFORE_SET, w)
            && !in_set(&ANIMATE_SET, w)
            && (n >= 1.0
                || (!lex.ordinary && z < 4.0)
                || z < 3.0
                // "his gf summer": a first name that is also a word, but not a verb.
                || (lex.first >= 50.0 && z < 5.5 && !in_set(&FR_AFTER_SET, w)))
        {
            return Some(Why::Relation);
        }
        // A word after an article or a possessive is a thing: "a toque", "his coat".
        if self.after_article(i) {
            return None;
        }
        // "river 16 yo", not "wait 2 years" nor "déjà 3 ans".
        let aged = self.age_after(i)
            && lex.first >= 20.0
            && n >= -0.5
            && !in_set(&ADVERBS_SET, w)
            && !in_set(&PRONOUNS_SET, w);
        // A word written in capitals on purpose counts as a name to try: "LUMIÈRE a crié".
        let all_caps = |k: usize| {
            self.tokens.get(k).is_some_and(|o| {
                let raw = &self.text[o.own_start..o.own_end];
                raw.chars().count() >= 2 && raw.chars().all(|c| !c.is_lowercase())
            })
        };
        // Not "HOUSING CALLED BACK": a whole sentence in capitals is a shout, not a name.
        let shouted = t.folded.chars().count() >= 4 && all_caps(i) && !all_caps(i + 1);
        // A word no list holds doing what people do is someone too: "Parveen mom of 3".
        let unknown = z == 0.0 && !lex.ordinary && t.folded.chars().count() >= 3;
        if (lex.first >= 1.0 || shouted || unknown)
            && z < 6.8
            && (self.person_subject(i) || self.pair_subject(i) || aged)
        {
            return Some(Why::Context);
        }
        if lex.is_name() {
            let counted = lex.name_weight() >= 1.0;
            // A month or a holiday wears a capital anyway: "New Year's Eve", "June is…".
            let hints = if in_set(&CALENDAR_SET, w) && self.capital(i) {
                hints - 1.0
            } else {
                hints
            };
            // A name common enough to be counted, and rare or unknown as a word, needs no
            // other hint: "darnell no show today".
            // "ran out by noon", "see you in june": a day's or a season's word is a name by
            // the lists only with a capital.
            let calendar_word = in_set(&CALENDAR_SET, w) && !t.titlecase;
            let yes = if calendar_word {
                false
            } else if n >= 2.0 {
                hints >= 1.0
                    || (counted
                        && (lex.name_weight() >= 30.0 || (lex.first >= 3.0 && z < 3.0))
                        && !lex.ordinary
                        && !CALENDAR_SET.contains(w))
            } else if n >= 1.0 || (n >= 0.5 && (lex.first >= 50.0 || !lex.ordinary)) {
                hints >= 1.0
            } else if n >= 0.0 {
                hints >= 1.5
            } else {
                hints >= 2.0 && self.capital(i)
            };
            if yes {
                return Some(Why::NameList);
            }
        } else if (z == 0.0 || (z < 3.5 && !lex.ordinary))
            && t.folded.chars().count() >= 3
            // A compound only when a part of it is a first name: "Ti-Guy a eu 18 ans", not
            // "va-et-vient".
            && (!t.folded.contains('-')
                || t.folded
                    .split('-')
                    .all(|p| p.chars().count() <= 2 || lexicon::lookup(p).first >= 1.0))
            && (!inflected(w) || self.possessive_without_apostrophe(i))
            && t.folded.chars().any(|c| "aeiouy".contains(c))
            && !in_set(&ABBREVIATIONS_SET, w)
            && hints >= 1.0
            && !self.everyday_in_disguise(i)
        {
            return Some(Why::Context);
        }
        // A first name and a last name side by side: "sylvain lavoie a eu", "shan vollant".
        if self.full_name(i) || (i > 0 && self.full_name(i - 1)) {
            return Some(Why::NameList);
        }
        // In a list with a name already found: "darnell and keisha", "Kévin, Marie et Léa".
        let joined = |j: usize| {
            names.get(j).copied().unwrap_or(false)
                && matches!(
                    self.folded(j.min(i) + 1),
                    "and" | "et" | "&" | "or" | "ou" | ""
                )
        };
        if (lex.is_name() && n >= 0.0 || z == 0.0) && i >= 2 && joined(i - 2) {
            return Some(Why::List);
        }
        None
    }
}

/// The little words inside a family name: "Le Bihan", "Van den Bossche", "De Souza".
const PARTICLES: &[&str] = &[
    "le", "la", "de", "des", "du", "van", "von", "den", "der", "di", "da", "del", "della", "mac",
    "ter", "ten",
];

/// A family name's particle written with its capital goes with the name around it ("Gwen Le
/// Bihan", "M. Le Bihan", "Van den Bossche au CPAS"), and so does a first initial before a
/// name ("D. Lafferty"). Only words nothing else took (`free`).
pub fn join_particles(reader: &Reader, named: &mut [bool], free: &[bool]) {
    let toks = reader.tokens;
    let raw = |k: usize| &reader.text[toks[k].own_start..toks[k].own_end];
    for i in 0..toks.len() {
        if named[i] || !free[i] {
            continue;
        }
        let w = toks[i].folded.as_str();
        // "D. Lafferty": one capital letter and a dot, then a name.
        if raw(i).len() == 1
            && raw(i).starts_with(|c: char| c.is_ascii_uppercase())
            && reader.text[toks[i].own_end..].starts_with('.')
            && named.get(i + 1).copied().unwrap_or(false)
        {
            named[i] = true;
            continue;
        }
        if !PARTICLES.contains(&w) || !raw(i).starts_with(char::is_uppercase) {
            continue;
        }
        // The name after it, over lower-case particles ("Van den Bossche").
        let mut j = i + 1;
        while j < toks.len() && PARTICLES.contains(&toks[j].folded.as_str()) && j - i < 3 {
            j += 1;
        }
        let before = i > 0
            && (named[i - 1]
                || is_title(&toks[i - 1].folded)
                || (raw(i - 1).len() == 1 && raw(i - 1).starts_with(char::is_uppercase)));
        // At a sentence's start only the particles no sentence opens with as words.
        let opens = toks[i].sentence_start
            && matches!(w, "van" | "von" | "den" | "der" | "di" | "del" | "della");
        if j < toks.len() && named[j] && toks[j].titlecase && (before || opens) {
            named[i..j].copy_from_slice(&free[i..j]);
        }
    }
}

#[cfg(test)]
#[path = "names_tests.rs"]
mod tests;
