//! Assembles a summary from the passes: counts published through suppression, the agenda, and
//! the narratives of shared entries scrubbed, with people as pseudonyms. The result is the JSON
//! document described in docs/summary-schema.md (format `tandem-summary`, version 1).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::aggregate::{PublishedCounts, aggregate, iso_week};
use super::scrub::{Class, Flag, Scrubber};
use super::suppress::{DEFAULT_K, MIN_K};
use crate::entry::{AgendaState, Details, Entry};
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::Person;

/// The version of the document's schema; bumped on any change a reader must know about.
pub const VERSION: u32 = 1;

/// What the worker chose for one summary.
#[derive(Debug, Clone)]
pub struct Options {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub k: u64,
    /// Flagged words the worker reviewed and chose to keep (folded, as flagged).
    pub keep: BTreeSet<String>,
    /// Words and phrases the worker asked always to remove (folded); the vault fills these in
    /// from what it remembers.
    pub remove: BTreeSet<String>,
    /// The parts beyond the counts, each on unless the worker leaves it out.
    pub include: Include,
}

/// The parts of a summary a worker may leave out; the counts are always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Include {
    /// The words of entries marked `share`.
    pub words: bool,
    /// The supervision agenda.
    pub agenda: bool,
    /// Weekly wellbeing averages.
    pub wellbeing: bool,
}

impl Include {
    /// The parts a worker may leave out, by the names options and files use.
    pub const PARTS: [&'static str; 3] = ["words", "agenda", "wellbeing"];

    /// Everything but the named parts (`words`, `agenda`, `wellbeing`); `field` names the
    /// option in the error.
    pub fn without<'a>(parts: impl IntoIterator<Item = &'a str>, field: &str) -> Result<Include> {
        let mut include = Include::default();
        for part in parts {
            match part.trim() {
                "words" => include.words = false,
                "agenda" => include.agenda = false,
                "wellbeing" => include.wellbeing = false,
                _ => {
                    return Err(Error::invalid(field, "unknown_value")
                        .with("allowed", Include::PARTS.join(", ")));
                }
            }
        }
        Ok(include)
    }
}

impl Default for Include {
    fn default() -> Self {
        Include {
            words: true,
            agenda: true,
            wellbeing: true,
        }
    }
}

/// What the summary wizard starts with and offers: the period (the last four weeks, ending
/// `today`), k and its minimum, every part included, and the formats and protections a file
/// may have.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WizardDefaults {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub k: u64,
    pub min_k: u64,
    pub include: Include,
    pub formats: Vec<&'static str>,
    pub protections: Vec<&'static str>,
    pub min_passphrase_chars: usize,
}

/// Days in the wizard's default period: four whole weeks, today included.
pub const DEFAULT_PERIOD_DAYS: i64 = 28;

impl WizardDefaults {
    /// The defaults for a summary prepared on `today`.
    pub fn on(today: NaiveDate) -> WizardDefaults {
        WizardDefaults {
            from: today - chrono::Duration::days(DEFAULT_PERIOD_DAYS - 1),
            to: today,
            k: DEFAULT_K,
            min_k: MIN_K,
            include: Include::default(),
            formats: super::record::Format::ALL
                .iter()
                .map(|f| f.extension())
                .collect(),
            protections: vec!["nobody", "passphrase", "recipient"],
            min_passphrase_chars: crate::vault::MIN_PASSPHRASE_CHARS,
        }
    }
}

impl Options {
    /// A period with the default k and nothing kept.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Options {
        Options {
            from,
            to,
            k: DEFAULT_K,
            keep: BTreeSet::new(),
            remove: BTreeSet::new(),
            include: Include::default(),
        }
    }

    fn check(&self) -> Result<()> {
        if self.to < self.from {
            return Err(Error::invalid("to", "to_before_from"));
        }
        if self.k < MIN_K {
            return Err(Error::invalid("k", "k_too_small").with("min", MIN_K));
        }
        Ok(())
    }
}

/// One shared narrative, as it leaves the device.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Narrative {
    pub week: String,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub text: String,
}

/// An entry the worker wants to bring to supervision: a boundary issue flagged for it, or any
/// entry they added to the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    pub week: String,
    pub kind: &'static str,
    /// A boundary issue's category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'static str>,
    /// The worker's words, only when they shared the entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A week of wellbeing, shown only when it has at least k check-ins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WellbeingRow {
    pub week: String,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    pub stress: Option<f64>,
}

/// What the summary leaves out, so the reader knows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Withheld {
    /// Entries in the period whose words were not shared.
    pub unshared_entries: u64,
    /// Identifying spans removed from shared words, by class.
    pub removed: BTreeMap<Class, usize>,
    /// Counts withheld because they describe fewer than k people or entries (or would reveal one).
    pub suppressed_cells: u64,
    /// Weeks of wellbeing with fewer than k check-ins.
    pub wellbeing_weeks: u64,
}

/// A supervision summary, ready to be written as JSON or HTML.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub format: &'static str,
    pub version: u32,
    pub first_week: String,
    pub last_week: String,
    pub k: u64,
    pub entries_by_kind: PublishedCounts,
    /// Total contact minutes; withheld with the contact count when that is under k.
    pub contact_minutes: Option<u64>,
    pub contacts: BTreeMap<&'static str, PublishedCounts>,
    pub moment_themes: PublishedCounts,
    pub moment_values: PublishedCounts,
    pub boundaries_open: PublishedCounts,
    pub boundaries_resolved: PublishedCounts,
    pub wellbeing: Vec<WellbeingRow>,
    pub agenda: Vec<AgendaItem>,
    pub narratives: Vec<Narrative>,
    pub withheld: Withheld,
    /// The parts the worker chose to include; a part left out is empty above.
    pub included: Include,
    /// Words that looked like names, for the worker's review; never written to a file.
    #[serde(skip)]
    pub flagged: BTreeSet<String>,
    /// The same words, each with why and where it was first found; never written to a file.
    #[serde(skip)]
    pub flags: Vec<Flag>,
}

/// Pseudonyms in order: Person A … Person Z, then Person AA, AB…
fn pseudonym(n: usize) -> String {
    let letter = |i: usize| (b'A' + i as u8) as char;
    if n < 26 {
        format!("Person {}", letter(n))
    } else {
        format!("Person {}{}", letter(n / 26 - 1), letter(n % 26))
    }
}

/// Builds the summary of `entries` for `options`, knowing the worker's `people`.
pub fn build<'a>(
    entries: impl IntoIterator<Item = &'a Entry> + Clone,
    people: &[Person],
    options: &Options,
) -> Result<Summary> {
    options.check()?;
    let k = options.k;
    let in_period: Vec<&Entry> = entries
        .into_iter()
        .filter(|e| {
            let d = e.occurred_at.date_naive();
            !e.is_deleted() && d >= options.from && d <= options.to
        })
        .collect();
    let mut oldest_first = in_period.clone();
    // The same order the journal lists in, oldest first: time, then save order, then id.
    oldest_first.sort_by_key(|e| (e.occurred_at, e.created_at, e.id));

    // Pseudonyms: people in shared entries first, in order of appearance, then everyone else,
    // so the letters a reader sees start at A.
    let mut order: Vec<RecordId> = Vec::new();
    for e in oldest_first.iter().filter(|e| e.share) {
        if let Some(p) = e.person
            && !order.contains(&p)
        {
            order.push(p);
        }
    }
    for p in people {
        if !order.contains(&p.id) {
            order.push(p.id);
        }
    }
    let named: Vec<(String, &Person)> = order
        .iter()
        .filter_map(|id| people.iter().find(|p| p.id == *id))
        .enumerate()
        .map(|(i, p)| (pseudonym(i), p))
        .collect();
    let of = |id: Option<RecordId>| {
        id.and_then(|id| {
            named
                .iter()
                .find(|(_, p)| p.id == id)
                .map(|(n, _)| n.clone())
        })
    };
    let scrubber = Scrubber::new(&named).removing(&options.remove);

    // Whose words leave: scrubbed across the machine's cores, then taken in order.
    let shares = |e: &Entry| options.include.words && e.share && !e.text.trim().is_empty();
    let texts: Vec<&str> = oldest_first
        .iter()
        .filter(|e| shares(e))
        .map(|e| e.text.as_str())
        .collect();
    let scrubbed = crate::par::chunks(&texts, |part| {
        part.iter()
            .map(|t| scrubber.scrub(t, &options.keep))
            .collect::<Vec<_>>()
    });
    let mut scrubbed = scrubbed.into_iter().flatten();

    let mut removed: BTreeMap<Class, usize> = BTreeMap::new();
    let mut flagged = BTreeSet::new();
    let mut flags: Vec<Flag> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut scrub = || {
        let s = scrubbed.next().expect("one scrubbed text per shared entry");
        for (c, n) in s.removed {
            *removed.entry(c).or_insert(0) += n;
        }
        flagged.extend(s.flagged);
        // Each word once, in the first place it was found.
        flags.extend(s.flags.into_iter().filter(|f| seen.insert(f.word.clone())));
        s.text
    };

    let mut narratives = Vec::new();
    let mut agenda = Vec::new();
    let mut unshared = 0;
    for e in &oldest_first {
        let week = iso_week(e.occurred_at.date_naive());
        let words = shares(e);
        if options.include.agenda && e.agenda_state() == Some(AgendaState::Queued) {
            agenda.push(AgendaItem {
                week: week.clone(),
                kind: e.kind().code(),
                category: match &e.details {
                    Details::Boundary(b) => Some(b.category.code()),
                    _ => None,
                },
                text: words.then(&mut scrub),
            });
            continue;
        }
        if words {
            narratives.push(Narrative {
                week,
                kind: e.kind().code(),
                person: of(e.person),
                text: scrub(),
            });
        } else {
            unshared += 1;
        }
    }

    let a = aggregate(in_period.iter().copied(), options.from, options.to);
    let mut suppressed = 0u64;
    let mut publish = |c: &super::aggregate::Counts| {
        let p = c.publish(k);
        suppressed += p.published.cells.iter().filter(|c| c.is_none()).count() as u64;
        p
    };
    let entries_by_kind = publish(&a.entries_by_kind);
    let contacts = a.contacts.iter().map(|(f, c)| (*f, publish(c))).collect();
    let moment_themes = publish(&a.moment_themes);
    let moment_values = publish(&a.moment_values);
    let boundaries_open = publish(&a.boundaries_open);
    let boundaries_resolved = publish(&a.boundaries_resolved);
    let contact_count = a.entries_by_kind.counts[0];
    let weeks = if options.include.wellbeing {
        a.wellbeing
    } else {
        Vec::new()
    };
    let (shown_weeks, thin_weeks): (Vec<_>, Vec<_>) =
        weeks.into_iter().partition(|w| w.check_ins >= k);
    Ok(Summary {
        format: "tandem-summary",
        version: VERSION,
        first_week: a.first_week,
        last_week: a.last_week,
        k,
        entries_by_kind,
        contact_minutes: (contact_count >= k).then_some(a.contact_minutes),
        contacts,
        moment_themes,
        moment_values,
        boundaries_open,
        boundaries_resolved,
        wellbeing: shown_weeks
            .into_iter()
            .map(|w| WellbeingRow {
                week: w.week,
                mood: w.mood,
                energy: w.energy,
                stress: w.stress,
            })
            .collect(),
        agenda,
        narratives,
        included: options.include,
        withheld: Withheld {
            unshared_entries: unshared,
            removed,
            suppressed_cells: suppressed,
            wellbeing_weeks: thin_weeks.len() as u64,
        },
        flagged,
        flags,
    })
}
