//! The supervisor's side: summaries read without a vault, and a team overview across several
//! workers' summaries.
//!
//! A received summary is checked, not trusted: the format and version are known, every
//! distribution has a cell per code, and no published count is under the summary's own k. The
//! team overview only adds what the files already publish, then applies the suppression rules
//! again at the largest k among them, so it never shows a cell a single summary withheld, nor a
//! small sum, nor a total that would give a withheld cell away.

use std::collections::BTreeMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::document::VERSION;
use super::suppress::MIN_K;
use crate::error::{Error, Result};

/// The largest file read as a summary. A year's summary with every entry shared is well under
/// a megabyte; anything far larger is not one, and is refused before it is read.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What the first bytes of a summary file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A JSON summary, readable as is.
    Json,
    /// An age file (binary or armored): it needs a passphrase or an age secret key.
    Age,
    /// The HTML report, which is read in a browser.
    Html,
    /// Something else.
    Unknown,
}

/// Tells what `bytes` hold from their first bytes.
pub fn file_kind(bytes: &[u8]) -> FileKind {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]);
    let start = start.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with("age-encryption.org/") || start.starts_with("-----BEGIN AGE") {
        FileKind::Age
    } else if start.starts_with('{') {
        FileKind::Json
    } else if start.len() >= 5
        && (start[..5].eq_ignore_ascii_case("<!doc") || start[..5].eq_ignore_ascii_case("<html"))
    {
        FileKind::Html
    } else {
        FileKind::Unknown
    }
}

/// A distribution as published: `cells[i]` counts `codes[i]`, `None` where withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dist {
    pub codes: Vec<String>,
    pub cells: Vec<Option<u64>>,
    pub total: Option<u64>,
}

/// A week of the worker's wellbeing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WellbeingRow {
    pub week: String,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    pub stress: Option<f64>,
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub week: String,
    /// Files written before agenda items had a kind held boundary issues only.
    #[serde(default = "boundary")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

fn boundary() -> String {
    "boundary".into()
}

/// The parts a worker included, read leniently: a part this version does not know is ignored,
/// and a file that predates the field included everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Included {
    pub words: bool,
    pub agenda: bool,
    pub wellbeing: bool,
}

impl Default for Included {
    fn default() -> Self {
        Included {
            words: true,
            agenda: true,
            wellbeing: true,
        }
    }
}

/// The most any count in a summary may be: far beyond a working life of entries, and small
/// enough that adding up a team's files cannot overflow.
const MAX_COUNT: u64 = 1_000_000_000;

/// A shared narrative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Narrative {
    pub week: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub text: String,
}

/// What the summary says it left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Withheld {
    pub unshared_entries: u64,
    pub removed: BTreeMap<String, u64>,
    pub suppressed_cells: u64,
    pub wellbeing_weeks: u64,
}

/// The counts of a summary, or of a team overview: the same fields in both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tables {
    pub entries_by_kind: Dist,
    pub contact_minutes: Option<u64>,
    pub contacts: BTreeMap<String, Dist>,
    pub moment_themes: Dist,
    pub moment_values: Dist,
    pub boundaries_open: Dist,
    pub boundaries_resolved: Dist,
}

impl Tables {
    /// Every distribution, named as in the JSON document.
    fn distributions(&self) -> impl Iterator<Item = (String, &Dist)> {
        [
            ("entries_by_kind".to_string(), &self.entries_by_kind),
            ("moment_themes".to_string(), &self.moment_themes),
            ("moment_values".to_string(), &self.moment_values),
            ("boundaries_open".to_string(), &self.boundaries_open),
            ("boundaries_resolved".to_string(), &self.boundaries_resolved),
        ]
        .into_iter()
        .chain(
            self.contacts
                .iter()
                .map(|(f, d)| (format!("contacts.{f}"), d)),
        )
    }

    /// `all` added up and protected at `k` (see [`combine`]).
    fn combined(all: &[&Tables], k: u64) -> Tables {
        let dist = |get: &dyn Fn(&Tables) -> Option<&Dist>| combine(all.iter().map(|t| get(t)), k);
        let mut contact_fields: Vec<&String> = all.iter().flat_map(|t| t.contacts.keys()).collect();
        contact_fields.sort();
        contact_fields.dedup();
        Tables {
            entries_by_kind: dist(&|t| Some(&t.entries_by_kind)),
            contact_minutes: all
                .iter()
                .map(|t| t.contact_minutes)
                .sum::<Option<u64>>()
                .filter(|m| *m == 0 || *m >= k),
            contacts: contact_fields
                .into_iter()
                .map(|f| (f.clone(), dist(&|t| t.contacts.get(f))))
                .collect(),
            moment_themes: dist(&|t| Some(&t.moment_themes)),
            moment_values: dist(&|t| Some(&t.moment_values)),
            boundaries_open: dist(&|t| Some(&t.boundaries_open)),
            boundaries_resolved: dist(&|t| Some(&t.boundaries_resolved)),
        }
    }
}

/// A summary as a supervisor reads it (schema in docs/summary-schema.md). Unknown fields are
/// ignored, as the schema allows within a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub format: String,
    pub version: u32,
    pub first_week: String,
    pub last_week: String,
    pub k: u64,
    #[serde(flatten)]
    pub tables: Tables,
    pub wellbeing: Vec<WellbeingRow>,
    pub agenda: Vec<AgendaItem>,
    pub narratives: Vec<Narrative>,
    pub withheld: Withheld,
    /// The parts the worker included.
    #[serde(default)]
    pub included: Included,
}

impl Received {
    /// A worker's summary as its JSON file will be read by a supervisor.
    pub fn of(summary: &super::document::Summary) -> Received {
        // Both shapes describe the same document (docs/summary-schema.md); a test reads every
        // kind of summary back, so a drift between them fails there, not here.
        serde_json::from_value(serde_json::to_value(summary).expect("a summary serializes"))
            .expect("a summary reads back as its file")
    }

    fn check(&self, name: &str) -> Result<()> {
        // What is wrong is said for the supervisor who may ask the worker for a new file; the
        // app says it in plain words, the command line adds the detail.
        let bad =
            |detail: String| Err(Error::invalid(name, "summary_altered").with("detail", detail));
        if self.format != "tandem-summary" {
            return Err(Error::invalid(name, "summary_not_tandem"));
        }
        if self.version > VERSION {
            return Err(Error::invalid(name, "summary_too_new")
                .with("found", self.version)
                .with("supported", VERSION));
        }
        if self.version == 0 {
            return bad("its version is 0, which no Tandem writes".into());
        }
        if self.k < MIN_K {
            return bad(format!("its k is {}, under the minimum of {MIN_K}", self.k));
        }
        if self.k > MAX_COUNT
            || self
                .tables
                .contact_minutes
                .is_some_and(|m| m > MAX_COUNT * 60)
        {
            return bad("its numbers are far larger than any journal holds".into());
        }
        let withheld = &self.withheld;
        if [
            withheld.unshared_entries,
            withheld.suppressed_cells,
            withheld.wellbeing_weeks,
        ]
        .iter()
        .chain(withheld.removed.values())
        .any(|n| *n > MAX_COUNT)
        {
            return bad("what it says it withheld is far larger than any journal holds".into());
        }
        // Averages of 1-to-5 scales: anything else was not written by Tandem.
        let (low, high) = crate::entry::SCALE;
        if self
            .wellbeing
            .iter()
            .flat_map(|w| [w.mood, w.energy, w.stress])
            .flatten()
            .any(|v| !v.is_finite() || v < f64::from(low) || v > f64::from(high))
        {
            return bad("a wellbeing average is outside the 1 to 5 scale".into());
        }
        for (field, d) in self.tables.distributions() {
            if d.cells.len() != d.codes.len() {
                return bad(format!(
                    "{field} has {} counts for {} codes",
                    d.cells.len(),
                    d.codes.len()
                ));
            }
            if let Some(c) = d
                .cells
                .iter()
                .flatten()
                .chain(&d.total)
                .find(|c| **c > MAX_COUNT)
            {
                return bad(format!(
                    "{field} shows a count of {c}, more than any journal holds"
                ));
            }
            if let Some(c) = d.cells.iter().flatten().find(|c| **c > 0 && **c < self.k) {
                return bad(format!(
                    "{field} shows a count of {c}, under its own k of {}; the file was changed after it was made",
                    self.k
                ));
            }
        }
        Ok(())
    }
}

/// Reads one summary file's bytes. `name` names the file in errors. An age file needs `key`:
/// an age secret key (`AGE-SECRET-KEY-1…`) or the passphrase it was encrypted with.
pub fn read(name: &str, bytes: &[u8], key: Option<&str>) -> Result<Received> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(name));
    }
    let plain;
    let json: &[u8] = match file_kind(bytes) {
        FileKind::Json => bytes,
        FileKind::Age => {
            let key = key
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .ok_or_else(|| Error::invalid("key", "summary_needs_key").with("file", name))?;
            plain = decrypt(name, bytes, key)?;
            &plain
        }
        FileKind::Html => {
            return Err(Error::invalid(name, "summary_is_report"));
        }
        FileKind::Unknown => {
            return Err(Error::invalid(name, "summary_not_tandem"));
        }
    };
    let received: Received = serde_json::from_slice(json).map_err(|e| {
        Error::invalid(name, "summary_unreadable")
            .with("line", e.line())
            .with("column", e.column())
    })?;
    received.check(name)?;
    Ok(received)
}

/// The error for a file over [`MAX_BYTES`].
pub fn too_large(name: &str) -> Error {
    Error::invalid(name, "summary_too_large").with("max", MAX_BYTES / 1024 / 1024)
}

fn decrypt(name: &str, bytes: &[u8], key: &str) -> Result<zeroize::Zeroizing<Vec<u8>>> {
    let wrong = || Error::WrongSummaryKey(name.to_string());
    let damaged =
        |e: &dyn std::fmt::Display| Error::invalid(name, "summary_damaged").with("detail", e);
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes))
        .map_err(|e| damaged(&e))?;
    let identity: Box<dyn age::Identity> = if key.starts_with("AGE-SECRET-KEY-1") {
        Box::new(
            key.parse::<age::x25519::Identity>()
                .map_err(|_| Error::invalid("key", "age_key_malformed"))?,
        )
    } else {
        Box::new(age::scrypt::Identity::new(
            age::secrecy::SecretString::from(key.to_owned()),
        ))
    };
    let mut reader = decryptor
        .decrypt(std::iter::once(identity.as_ref()))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys
            | age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed => wrong(),
            other => damaged(&other),
        })?;
    let mut out = zeroize::Zeroizing::new(Vec::new());
    // The plaintext is bounded too: an age file can hold far more than it weighs.
    (&mut reader)
        .take(MAX_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| damaged(&e))?;
    if out.len() as u64 > MAX_BYTES {
        return Err(too_large(name));
    }
    Ok(out)
}

/// Several workers' summaries side by side, with only what they publish added up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Team {
    pub summaries: usize,
    pub first_week: String,
    pub last_week: String,
    /// The largest k among the summaries; every combined cell is protected at it.
    pub k: u64,
    #[serde(flatten)]
    pub tables: Tables,
    /// Weekly averages of the summaries' weekly averages, with how many summaries had the week.
    pub wellbeing: Vec<TeamWeek>,
    pub agenda_items: u64,
    pub shared_entries: u64,
    /// For each part a worker may leave out (words, agenda, wellbeing, as
    /// [`Include::PARTS`](super::document::Include::PARTS) names them), how many of the
    /// summaries left it out: a part missing from some files is not a part with nothing in it.
    pub left_out: [usize; 3],
}

/// One week of wellbeing across the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamWeek {
    pub week: String,
    pub summaries: usize,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    pub stress: Option<f64>,
}

/// Combines summaries into a team overview. Empty input gives `None`.
pub fn team(summaries: &[Received]) -> Option<Team> {
    let first = summaries.first()?;
    let k = summaries.iter().map(|s| s.k).max().unwrap_or(first.k);
    let mut weeks: BTreeMap<&str, Vec<&WellbeingRow>> = BTreeMap::new();
    for s in summaries {
        for w in &s.wellbeing {
            weeks.entry(&w.week).or_default().push(w);
        }
    }
    let mean = |rows: &[&WellbeingRow], get: fn(&WellbeingRow) -> Option<f64>| {
        let known: Vec<f64> = rows.iter().filter_map(|r| get(r)).collect();
        (!known.is_empty())
            .then(|| (known.iter().sum::<f64>() / known.len() as f64 * 10.0).round() / 10.0)
    };
    Some(Team {
        summaries: summaries.len(),
        first_week: summaries.iter().map(|s| s.first_week.clone()).min()?,
        last_week: summaries.iter().map(|s| s.last_week.clone()).max()?,
        k,
        tables: Tables::combined(&summaries.iter().map(|s| &s.tables).collect::<Vec<_>>(), k),
        wellbeing: weeks
            .into_iter()
            .map(|(week, rows)| TeamWeek {
                week: week.to_string(),
                summaries: rows.len(),
                mood: mean(&rows, |r| r.mood),
                energy: mean(&rows, |r| r.energy),
                stress: mean(&rows, |r| r.stress),
            })
            .collect(),
        left_out: [
            summaries.iter().filter(|s| !s.included.words).count(),
            summaries.iter().filter(|s| !s.included.agenda).count(),
            summaries.iter().filter(|s| !s.included.wellbeing).count(),
        ],
        agenda_items: summaries.iter().map(|s| s.agenda.len() as u64).sum(),
        shared_entries: summaries
            .iter()
            .map(|s| {
                s.narratives.len() as u64
                    + s.agenda.iter().filter(|a| a.text.is_some()).count() as u64
            })
            .sum(),
    })
}

/// Adds distributions code by code (a summary without a code counts 0 for it; a summary
/// without the distribution leaves every cell unknown), then protects the result at `k`.
fn combine<'a>(dists: impl Iterator<Item = Option<&'a Dist>>, k: u64) -> Dist {
    let dists: Vec<Option<&Dist>> = dists.collect();
    let mut codes: Vec<String> = Vec::new();
    for d in dists.iter().flatten() {
        for c in &d.codes {
            if !codes.contains(c) {
                codes.push(c.clone());
            }
        }
    }
    let mut cells: Vec<Option<u64>> = vec![Some(0); codes.len()];
    let mut total = Some(0u64);
    for d in &dists {
        let Some(d) = d else {
            cells.iter_mut().for_each(|c| *c = None);
            total = None;
            continue;
        };
        for (i, code) in codes.iter().enumerate() {
            let here = match d.codes.iter().position(|c| c == code) {
                Some(j) => d.cells[j],
                None => Some(0),
            };
            cells[i] = cells[i].zip(here).map(|(a, b)| a + b);
        }
        total = total.zip(d.total).map(|(a, b)| a + b);
    }
    let (cells, total) = protect(cells, total, k);
    Dist {
        codes,
        cells,
        total,
    }
}

/// Hides every known cell between 1 and k − 1; then, while the total is shown and the hidden
/// cells could be worked out from it (one hidden cell, or hidden cells summing to their number,
/// so each is 1), hides the smallest known non-zero cell, or else the total.
pub fn protect(
    mut cells: Vec<Option<u64>>,
    mut total: Option<u64>,
    k: u64,
) -> (Vec<Option<u64>>, Option<u64>) {
    for c in cells.iter_mut() {
        if matches!(c, Some(n) if *n > 0 && *n < k) {
            *c = None;
        }
    }
    if matches!(total, Some(t) if t > 0 && t < k) {
        return (cells.iter().map(|c| c.filter(|n| *n == 0)).collect(), None);
    }
    while let Some(t) = total {
        let hidden = cells.iter().filter(|c| c.is_none()).count() as u64;
        if hidden == 0 {
            break;
        }
        let known: u64 = cells.iter().flatten().sum();
        let hidden_sum = t.saturating_sub(known);
        if hidden >= 2 && hidden_sum > hidden {
            break;
        }
        let smallest = cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.filter(|n| *n > 0).map(|n| (n, i)))
            .min();
        match smallest {
            Some((_, i)) => cells[i] = None,
            None => total = None,
        }
    }
    (cells, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dist(cells: &[Option<u64>], total: Option<u64>) -> Dist {
        Dist {
            codes: (0..cells.len()).map(|i| format!("c{i}")).collect(),
            cells: cells.to_vec(),
            total,
        }
    }

    /// A real (empty) summary's JSON, changed by `change`.
    fn altered(change: impl Fn(&mut serde_json::Value)) -> Result<Received> {
        let options = super::super::document::Options::new(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        );
        let summary = super::super::document::build(std::iter::empty(), &[], &options).unwrap();
        let mut value = serde_json::to_value(&summary).unwrap();
        change(&mut value);
        read("s.json", value.to_string().as_bytes(), None)
    }

    #[test]
    fn numbers_no_journal_could_hold_are_refused_not_added_up() {
        assert!(altered(|_| {}).is_ok());
        let huge = altered(|v| {
            v["withheld"]["removed"] = serde_json::json!({"email": u64::MAX, "phone": 1});
        });
        assert_eq!(huge.unwrap_err().problem().unwrap().key, "summary_altered");
        for mood in [f64::from(0u8), 6.0, -7.0] {
            let odd = altered(|v| {
                v["wellbeing"] = serde_json::json!([{"week": "2026-W45", "mood": mood, "energy": null, "stress": null}]);
            });
            assert!(odd.is_err(), "a mood of {mood} was read");
        }
    }

    #[test]
    fn a_team_cell_is_withheld_when_any_summary_withheld_it() {
        let a = dist(&[None, None, Some(7)], Some(10));
        let b = dist(&[Some(5), Some(0), Some(9)], Some(14));
        let d = combine([Some(&a), Some(&b)].into_iter(), 5);
        assert_eq!(d.cells, vec![None, None, Some(16)]);
        assert_eq!(d.total, Some(24));
    }

    #[test]
    fn a_single_unknown_cell_takes_another_or_the_total_with_it() {
        // Summed with k = 2 files, then shown at k = 5: the 3 must go, and so must a partner.
        let (cells, total) = protect(vec![Some(3), Some(8), Some(6)], Some(17), 5);
        assert_eq!(cells, vec![None, Some(8), None]);
        assert_eq!(total, Some(17));
        let (cells, total) = protect(vec![None, Some(0)], Some(6), 5);
        assert_eq!(cells, vec![None, Some(0)]);
        assert_eq!(total, None);
    }

    proptest! {
        /// Whatever the inputs, what the team shows never pins down a hidden cell: shown cells
        /// are 0 or at least k, and with the total shown, at least two cells are hidden and
        /// their sum exceeds their number.
        #[test]
        fn no_hidden_team_cell_can_be_worked_out(
            cells in proptest::collection::vec(proptest::option::weighted(0.8, 0u64..40), 1..8),
            k in 2u64..8,
        ) {
            let total = cells.iter().copied().sum::<Option<u64>>().or(Some(cells.iter().flatten().sum::<u64>() + 3));
            let (shown, total) = protect(cells, total, k);
            for c in shown.iter().flatten() {
                prop_assert!(*c == 0 || *c >= k);
            }
            if let Some(t) = total {
                let hidden = shown.iter().filter(|c| c.is_none()).count() as u64;
                let known: u64 = shown.iter().flatten().sum();
                prop_assert!(hidden == 0 || (hidden >= 2 && t - known > hidden));
            }
        }
    }

    #[test]
    fn files_are_told_apart_by_their_first_bytes() {
        assert_eq!(file_kind(b"  {\"format\":1}"), FileKind::Json);
        assert_eq!(
            file_kind(b"age-encryption.org/v1\n-> X25519"),
            FileKind::Age
        );
        assert_eq!(
            file_kind(b"-----BEGIN AGE ENCRYPTED FILE-----"),
            FileKind::Age
        );
        assert_eq!(file_kind(b"<!DOCTYPE html><html>"), FileKind::Html);
        assert_eq!(file_kind(b"\x89PNG"), FileKind::Unknown);
    }

    #[test]
    fn a_huge_file_is_refused_before_it_is_parsed() {
        let mut huge = b"{".to_vec();
        huge.resize(MAX_BYTES as usize + 1, b' ');
        let e = read("huge.json", &huge, None).unwrap_err().to_string();
        assert!(
            e.starts_with("huge.json:") && e.contains("too large"),
            "{e}"
        );
    }

    #[test]
    fn a_report_or_a_foreign_file_is_refused_with_its_name() {
        let e = read("nov.html", b"<!doctype html>", None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("nov.html:") && e.contains("browser"), "{e}");
        let e = read("x.json", br#"{"format":"other"}"#, None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.json:") && e.contains("line 1"), "{e}");
    }
}
