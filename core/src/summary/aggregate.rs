//! The counts a summary is built from, for one period, before anything is suppressed: entries
//! per kind, contact minutes, how contacts happened and what they touched, what made moments
//! meaningful, boundary issues open and resolved, and the worker's wellbeing by ISO week. Dates
//! never appear finer than the week.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::suppress::{Published, suppress};
use crate::entry::{Details, Entry};
use crate::id::RecordId;
use crate::vocab;

/// The ISO week a day falls in, as `2026-W48`: the finest date a summary shows.
pub fn iso_week(day: NaiveDate) -> String {
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The Monday that starts the ISO week `code` (`2026-W10`), as [`iso_week`] writes weeks, so a
/// week can be worded as people read it ("week of 2 March 2026"); `None` for anything else.
pub fn week_monday(code: &str) -> Option<NaiveDate> {
    let (year, week) = code.split_once("-W")?;
    let (year, week) = (year.parse().ok()?, week.parse().ok()?);
    NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)
}

/// One distribution: a count for every code of a vocabulary, in the vocabulary's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub codes: Vec<&'static str>,
    pub counts: Vec<u64>,
}

impl Counts {
    fn new(codes: &[&'static str]) -> Counts {
        Counts {
            codes: codes.to_vec(),
            counts: vec![0; codes.len()],
        }
    }

    fn add(&mut self, code: &str) {
        if let Some(i) = self.codes.iter().position(|c| *c == code) {
            self.counts[i] += 1;
        }
    }

    /// The distribution as it may be published at threshold `k`.
    pub fn publish(&self, k: u64) -> PublishedCounts {
        PublishedCounts {
            codes: self.codes.clone(),
            published: suppress(&self.counts, k),
        }
    }
}

/// A distribution after suppression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedCounts {
    pub codes: Vec<&'static str>,
    #[serde(flatten)]
    pub published: Published,
}

/// The worker's wellbeing over one ISO week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WellbeingWeek {
    pub week: String,
    pub check_ins: u64,
    pub mood: Option<f64>,
    pub energy: Option<f64>,
    pub stress: Option<f64>,
}

/// Everything counted over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregates {
    pub first_week: String,
    pub last_week: String,
    pub entries_by_kind: Counts,
    pub contact_minutes: u64,
    /// Distinct people named in the period's entries.
    pub people: u64,
    /// Contact distributions, by field: mode, setting, format, domains, activities, referral.
    pub contacts: BTreeMap<&'static str, Counts>,
    pub moment_themes: Counts,
    pub moment_values: Counts,
    pub boundaries_open: Counts,
    pub boundaries_resolved: Counts,
    pub wellbeing: Vec<WellbeingWeek>,
}

fn codes(field: &str) -> Vec<&'static str> {
    vocab::fields()
        .into_iter()
        .find(|(f, _)| *f == field)
        .map(|(_, c)| c)
        .unwrap_or_default()
}

/// The contact fields a summary counts, in the order a report shows them.
pub const CONTACT_FIELDS: [&str; 6] = [
    "mode",
    "setting",
    "format",
    "domains",
    "activities",
    "referral",
];

/// Counts the entries that are not deleted and fall within `from..=to` (each in its own day).
pub fn aggregate<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    from: NaiveDate,
    to: NaiveDate,
) -> Aggregates {
    let mut by_kind = Counts::new(&codes("kind"));
    let mut contacts: BTreeMap<&'static str, Counts> = CONTACT_FIELDS
        .iter()
        .map(|f| (*f, Counts::new(&codes(f))))
        .collect();
    let mut themes = Counts::new(&codes("themes"));
    let mut values = Counts::new(&codes("values"));
    let mut open = Counts::new(&codes("category"));
    let mut resolved = Counts::new(&codes("category"));
    let mut minutes = 0u64;
    let mut people: BTreeSet<RecordId> = BTreeSet::new();
    let mut weeks: BTreeMap<String, (u64, [(f64, u64); 3])> = BTreeMap::new();

    for e in entries {
        let day = e.occurred_at.date_naive();
        if e.is_deleted() || day < from || day > to {
            continue;
        }
        by_kind.add(e.kind().code());
        people.extend(e.person);
        match &e.details {
            Details::Contact(c) => {
                minutes += u64::from(c.duration_min.unwrap_or(0));
                let one = |counts: &mut BTreeMap<_, Counts>, f: &str, code: Option<&str>| {
                    if let (Some(code), Some(c)) = (code, counts.get_mut(f)) {
                        c.add(code);
                    }
                };
                one(&mut contacts, "mode", c.mode.map(|v| v.code()));
                one(&mut contacts, "setting", c.setting.map(|v| v.code()));
                one(&mut contacts, "format", c.format.map(|v| v.code()));
                one(&mut contacts, "referral", c.referral.map(|v| v.code()));
                for d in &c.domains {
                    one(&mut contacts, "domains", Some(d.code()));
                }
                for a in &c.activities {
                    one(&mut contacts, "activities", Some(a.code()));
                }
            }
            Details::Moment(m) => {
                m.themes.iter().for_each(|t| themes.add(t.code()));
                m.values.iter().for_each(|v| values.add(v.code()));
            }
            Details::Boundary(b) => {
                if b.resolved {
                    resolved.add(b.category.code());
                } else {
                    open.add(b.category.code());
                }
            }
            Details::Wellbeing(w) => {
                let week = weeks.entry(iso_week(day)).or_default();
                week.0 += 1;
                for (slot, value) in week.1.iter_mut().zip([w.mood, w.energy, w.stress]) {
                    if let Some(v) = value {
                        slot.0 += f64::from(v);
                        slot.1 += 1;
                    }
                }
            }
        }
    }
    let avg = |(sum, n): (f64, u64)| (n > 0).then(|| (sum / n as f64 * 10.0).round() / 10.0);
    Aggregates {
        first_week: iso_week(from),
        last_week: iso_week(to),
        entries_by_kind: by_kind,
        contact_minutes: minutes,
        people: people.len() as u64,
        contacts,
        moment_themes: themes,
        moment_values: values,
        boundaries_open: open,
        boundaries_resolved: resolved,
        wellbeing: weeks
            .into_iter()
            .map(|(week, (check_ins, [m, e, s]))| WellbeingWeek {
                week,
                check_ins,
                mood: avg(m),
                energy: avg(e),
                stress: avg(s),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::EntryDraft;
    use crate::vocab::Kind;

    fn entry(kind: Kind, json: &str) -> Entry {
        let d = EntryDraft::from_json(json, Some(kind), false).unwrap();
        Entry {
            id: RecordId::random(),
            occurred_at: d.occurred_at.unwrap(),
            text: d.text.clone(),
            person: None,
            tags: vec![],
            share: d.share,
            agenda: d.agenda.unwrap_or(false),
            discussed: d.discussed.unwrap_or(false),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            deleted_at: None,
            details: d.details.clone(),
        }
    }

    #[test]
    fn a_week_code_leads_back_to_its_monday() {
        for day in [(2026, 3, 4), (2027, 1, 1), (2020, 12, 31), (2026, 12, 28)] {
            let day = NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap();
            let monday = week_monday(&iso_week(day)).unwrap();
            assert_eq!(monday.weekday(), chrono::Weekday::Mon);
            assert!(monday <= day && (day - monday).num_days() < 7, "{day}");
        }
        assert_eq!(week_monday("2026-W10"), NaiveDate::from_ymd_opt(2026, 3, 2));
        for bad in ["", "2026", "2026-W", "2026-W54", "W10", "2026-10-01"] {
            assert_eq!(week_monday(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_period_is_counted_by_kind_field_and_iso_week_only() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let entries = vec![
            entry(
                Kind::Contact,
                r#"{"occurred_at": "2026-11-02 10:00", "duration_min": 30, "mode": "phone", "domains": ["housing", "income"]}"#,
            ),
            entry(
                Kind::Contact,
                r#"{"occurred_at": "2026-11-03 10:00", "duration_min": 15, "mode": "phone"}"#,
            ),
            entry(
                Kind::Boundary,
                r#"{"occurred_at": "2026-11-04 10:00", "category": "gifts_or_money", "resolved": true}"#,
            ),
            entry(
                Kind::Wellbeing,
                r#"{"occurred_at": "2026-11-09 09:00", "mood": 2, "stress": 4}"#,
            ),
            entry(
                Kind::Wellbeing,
                r#"{"occurred_at": "2026-11-10 09:00", "mood": 3}"#,
            ),
            // Outside the period.
            entry(
                Kind::Contact,
                r#"{"occurred_at": "2026-10-30 10:00", "duration_min": 99}"#,
            ),
        ];
        let a = aggregate(&entries, day(1), day(15));
        assert_eq!(a.entries_by_kind.counts, vec![2, 0, 1, 2]);
        assert_eq!(a.contact_minutes, 45);
        let mode = &a.contacts["mode"];
        assert_eq!(
            mode.counts[mode.codes.iter().position(|c| *c == "phone").unwrap()],
            2
        );
        assert_eq!(a.boundaries_resolved.counts.iter().sum::<u64>(), 1);
        assert_eq!(a.wellbeing.len(), 1);
        assert_eq!(a.wellbeing[0].week, "2026-W46");
        assert_eq!(a.wellbeing[0].mood, Some(2.5));
        assert_eq!(a.wellbeing[0].stress, Some(4.0));
        assert_eq!(
            (a.first_week.as_str(), a.last_week.as_str()),
            ("2026-W44", "2026-W46")
        );
        // No day finer than a week reaches the output.
        let json = serde_json::to_string(&a).unwrap();
        assert!(!json.contains("2026-11-"), "{json}");
        // Published at k = 5, the two phone contacts are withheld along with a complement.
        let p = mode.publish(5);
        assert!(
            p.published
                .cells
                .iter()
                .all(|c| c.is_none() || c == &Some(0))
        );
    }
}
