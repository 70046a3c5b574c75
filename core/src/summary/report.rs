//! One report model: a summary (or a team overview) worded in a language, section by section,
//! ready to draw. The HTML report, the app's preview of what will leave and the supervisor's
//! view in the app are all drawn from it, so each says exactly what the others say: the same
//! sentences, the same tables, the same weeks in words, in the same order.
//!
//! The model is built from what a file holds (a [`Received`]), never from the worker's richer
//! state: the worker's preview is made by reading their summary back as its file will be read.

use serde::Serialize;

use super::aggregate::{CONTACT_FIELDS, week_monday};
use super::document::{Include, Summary};
use super::received::{Dist, Received, Team};
use crate::i18n::{Language, label, t};
use crate::when;

/// A summary in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The language it is written in (`en`, `fr`).
    pub lang: &'static str,
    /// What a browser tab or a saved page calls it.
    pub doc_title: String,
    pub title: String,
    /// The weeks it covers and the k it withholds under.
    pub period: String,
    /// What it holds and what was left out, so an empty part is not read as "none".
    pub statement: Statement,
    pub sections: Vec<Section>,
}

/// The sentences that say what a report holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub heading: Option<String>,
    pub lines: Vec<String>,
}

/// A part of the report under its heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// What a section holds, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A sentence saying something is missing, empty or left out.
    Note {
        text: String,
    },
    /// One figure with its name ("Contact minutes: 240").
    Figure {
        label: String,
        value: Cell,
    },
    /// The supervision agenda.
    Agenda {
        items: Vec<AgendaLine>,
    },
    Table(Table),
    /// Entries shared in the worker's words.
    Quotes {
        items: Vec<Quote>,
    },
}

/// A table. A distribution's counts carry a bar each (see [`Cell::bar`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub total: Option<Row>,
}

/// A row: what it is about, then its cells.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub head: String,
    pub cells: Vec<Cell>,
}

/// A value as shown. A withheld count says so in words and is never drawn as zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    pub withheld: bool,
    /// For a bar: the count as a share of the table's largest, from 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bar: Option<f64>,
}

/// An agenda item: what it is about, its week, and the worker's words if they shared them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaLine {
    pub title: String,
    pub week: String,
    pub text: Option<String>,
}

/// A shared entry: its kind, week and pseudonym on one line, then its words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub meta: String,
    pub text: String,
}

/// The distributions in the order a reader meets them, each with the vocabulary that labels
/// its codes. Contact fields follow [`CONTACT_FIELDS`].
fn distributions(tables: &super::received::Tables) -> Vec<(String, &'static str, &Dist)> {
    let mut out = vec![(
        "entries_by_kind".to_string(),
        "kind",
        &tables.entries_by_kind,
    )];
    for field in CONTACT_FIELDS {
        if let Some(d) = tables.contacts.get(field) {
            out.push((format!("contacts.{field}"), field, d));
        }
    }
    out.extend([
        ("moment_themes".to_string(), "themes", &tables.moment_themes),
        ("moment_values".to_string(), "values", &tables.moment_values),
        (
            "boundaries_open".to_string(),
            "category",
            &tables.boundaries_open,
        ),
        (
            "boundaries_resolved".to_string(),
            "category",
            &tables.boundaries_resolved,
        ),
    ]);
    out
}

/// Words for one language: weeks, counts and averages as its readers write them.
struct Words(Language);

impl Words {
    fn t(&self, key: &str) -> String {
        t(self.0, key, &[])
    }

    fn with(&self, key: &str, params: &[(&str, String)]) -> String {
        t(self.0, key, params)
    }

    /// "week of 2 November 2026"; the code itself for a week no calendar has.
    fn week(&self, code: &str) -> String {
        week_monday(code).map_or_else(|| code.to_string(), |m| when::week_of(self.0, m))
    }

    fn count(&self, n: Option<u64>) -> Cell {
        match n {
            Some(n) => Cell {
                text: n.to_string(),
                withheld: false,
                bar: None,
            },
            None => Cell {
                text: self.t("summary.withheld_cell"),
                withheld: true,
                bar: None,
            },
        }
    }

    /// An average to one decimal, with the language's decimal mark ("3.5", "3,5"); a dash when
    /// there is none.
    fn average(&self, v: Option<f64>) -> Cell {
        let text = match v {
            Some(v) => {
                let s = format!("{v:.1}");
                match self.0 {
                    Language::Fr => s.replace('.', ","),
                    Language::En => s,
                }
            }
            None => "–".to_string(),
        };
        Cell {
            text,
            withheld: false,
            bar: None,
        }
    }

    fn period(&self, first: &str, last: &str, k: u64) -> String {
        self.with(
            "summary.period_weeks",
            &[
                ("first", self.week(first)),
                ("last", self.week(last)),
                ("k", k.to_string()),
            ],
        )
    }

    /// A distribution's table, or nothing when it counted nothing.
    fn table(&self, path: &str, field: &str, d: &Dist) -> Option<Table> {
        let shown: Vec<(&String, Option<u64>)> = d
            .codes
            .iter()
            .zip(&d.cells)
            .filter(|(_, c)| **c != Some(0))
            .map(|(code, c)| (code, *c))
            .collect();
        if shown.is_empty() {
            return None;
        }
        let max = shown.iter().filter_map(|r| r.1).max().unwrap_or(1).max(1) as f64;
        Some(Table {
            caption: self.t(&format!("summary.dist.{path}")),
            columns: vec![self.t("summary.what"), self.t("summary.count")],
            rows: shown
                .into_iter()
                .map(|(code, n)| Row {
                    head: label(self.0, field, code),
                    cells: vec![Cell {
                        bar: n.map(|n| n as f64 / max),
                        ..self.count(n)
                    }],
                })
                .collect(),
            total: Some(Row {
                head: self.t("summary.total"),
                cells: vec![self.count(d.total)],
            }),
        })
    }

    /// The counts: contact minutes, then every distribution that counted something.
    fn counts(&self, tables: &super::received::Tables) -> Section {
        let mut blocks = vec![Block::Figure {
            label: self.t("summary.contact_minutes"),
            value: self.count(tables.contact_minutes),
        }];
        let dists: Vec<Block> = distributions(tables)
            .into_iter()
            .filter_map(|(path, field, d)| self.table(&path, field, d))
            .map(Block::Table)
            .collect();
        if dists.is_empty() {
            blocks.push(Block::Note {
                text: self.t("report.none"),
            });
        }
        blocks.extend(dists);
        Section {
            heading: self.t("summary.counts"),
            blocks,
        }
    }

    fn wellbeing_columns(&self, team: bool) -> Vec<String> {
        let mut columns = vec![
            self.t("summary.week"),
            self.t("field.mood"),
            self.t("field.energy"),
            self.t("field.stress"),
        ];
        if team {
            columns.push(self.t("summary.team_workers"));
        }
        columns
    }

    fn wellbeing(&self, rows: Vec<Row>, team: bool, left_out: bool) -> Section {
        let block = if left_out {
            Block::Note {
                text: self.t(if team {
                    "summary.team_wellbeing_left_out"
                } else {
                    "summary.wellbeing_left_out"
                }),
            }
        } else if rows.is_empty() {
            Block::Note {
                text: self.t("report.no_wellbeing"),
            }
        } else {
            Block::Table(Table {
                caption: self.t("summary.wellbeing"),
                columns: self.wellbeing_columns(team),
                rows,
                total: None,
            })
        };
        Section {
            heading: self.t("summary.wellbeing"),
            blocks: vec![block],
        }
    }
}

impl Report {
    /// A worker's summary as its file will read: it is read back the way a supervisor reads
    /// it, then worded.
    pub fn of_summary(summary: &Summary, lang: Language) -> Report {
        Report::of_received(&Received::of(summary), lang)
    }

    /// A summary read from a file, in `lang`.
    pub fn of_received(s: &Received, lang: Language) -> Report {
        let w = Words(lang);
        let words_shared =
            s.narratives.len() + s.agenda.iter().filter(|a| a.text.is_some()).count();
        let mut lines = vec![
            w.with(
                "summary.contains_counts",
                &[("n", s.withheld.suppressed_cells.to_string())],
            ),
            w.with(
                "summary.contains_words",
                &[
                    ("n", words_shared.to_string()),
                    (
                        "removed",
                        // Checked small on reading; saturating all the same.
                        s.withheld
                            .removed
                            .values()
                            .fold(0u64, |a, b| a.saturating_add(*b))
                            .to_string(),
                    ),
                    ("unshared", s.withheld.unshared_entries.to_string()),
                ],
            ),
            w.t("summary.contains_people"),
        ];
        let included = [s.included.words, s.included.agenda, s.included.wellbeing];
        let left_out: Vec<String> = Include::PARTS
            .iter()
            .zip(included)
            .filter(|(_, included)| !included)
            .map(|(part, _)| w.t(&format!("summary.part.{part}")))
            .collect();
        if !left_out.is_empty() {
            lines.push(w.with("summary.left_out", &[("parts", left_out.join(", "))]));
        }

        let mut sections = Vec::new();
        if !s.agenda.is_empty() {
            sections.push(Section {
                heading: w.t("summary.agenda"),
                blocks: vec![Block::Agenda {
                    items: s
                        .agenda
                        .iter()
                        .map(|a| AgendaLine {
                            title: match &a.category {
                                Some(c) => label(lang, "category", c),
                                None => label(lang, "kind", &a.kind),
                            },
                            week: w.week(&a.week),
                            text: a.text.clone(),
                        })
                        .collect(),
                }],
            });
        }
        sections.push(w.counts(&s.tables));
        let rows = s
            .wellbeing
            .iter()
            .map(|r| Row {
                head: w.week(&r.week),
                cells: vec![w.average(r.mood), w.average(r.energy), w.average(r.stress)],
            })
            .collect();
        sections.push(w.wellbeing(rows, false, !s.included.wellbeing));
        if !s.narratives.is_empty() {
            sections.push(Section {
                heading: w.t("summary.narratives"),
                blocks: vec![Block::Quotes {
                    items: s
                        .narratives
                        .iter()
                        .map(|n| {
                            let mut meta = vec![label(lang, "kind", &n.kind), w.week(&n.week)];
                            meta.extend(n.person.clone());
                            Quote {
                                meta: meta.join(" · "),
                                text: n.text.clone(),
                            }
                        })
                        .collect(),
                }],
            });
        }
        Report {
            lang: lang.code(),
            doc_title: w.with(
                "report.doc_title",
                &[
                    ("first", w.week(&s.first_week)),
                    ("last", w.week(&s.last_week)),
                ],
            ),
            title: w.t("summary.title"),
            period: w.period(&s.first_week, &s.last_week, s.k),
            statement: Statement {
                heading: Some(w.t("summary.contains")),
                lines,
            },
            sections,
        }
    }

    /// A team overview, in `lang`: what the summaries publish, added up.
    pub fn of_team(team: &Team, lang: Language) -> Report {
        let w = Words(lang);
        let title = w.with("received.team", &[("n", team.summaries.to_string())]);
        let rows = team
            .wellbeing
            .iter()
            .map(|r| Row {
                head: w.week(&r.week),
                cells: vec![
                    w.average(r.mood),
                    w.average(r.energy),
                    w.average(r.stress),
                    w.count(Some(r.summaries as u64)),
                ],
            })
            .collect();
        Report {
            lang: lang.code(),
            doc_title: title.clone(),
            title,
            period: w.period(&team.first_week, &team.last_week, team.k),
            statement: Statement {
                heading: None,
                lines: [
                    w.with(
                        "summary.team_statement",
                        &[("n", team.summaries.to_string()), ("k", team.k.to_string())],
                    ),
                    w.with(
                        "summary.team_agenda",
                        &[
                            ("n", team.agenda_items.to_string()),
                            ("shared", team.shared_entries.to_string()),
                        ],
                    ),
                ]
                .into_iter()
                .chain(
                    Include::PARTS
                        .iter()
                        .zip(team.left_out)
                        .filter(|(_, n)| *n > 0)
                        .map(|(part, n)| {
                            w.with(
                                "summary.team_left_out",
                                &[
                                    ("n", n.to_string()),
                                    ("total", team.summaries.to_string()),
                                    ("part", w.t(&format!("summary.part.{part}"))),
                                ],
                            )
                        }),
                )
                .collect(),
            },
            sections: vec![
                w.counts(&team.tables),
                w.wellbeing(rows, true, team.left_out[2] == team.summaries),
            ],
        }
    }

    /// Every sentence, label and value it shows, in reading order: what a reader of any
    /// rendering of it must find.
    pub fn words(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.period.as_str()];
        out.extend(self.statement.heading.as_deref());
        out.extend(self.statement.lines.iter().map(String::as_str));
        for section in &self.sections {
            out.push(&section.heading);
            for block in &section.blocks {
                match block {
                    Block::Note { text } => out.push(text),
                    Block::Figure { label, value } => out.extend([label.as_str(), &value.text]),
                    Block::Agenda { items } => {
                        for a in items {
                            out.extend([a.title.as_str(), &a.week]);
                            out.extend(a.text.as_deref());
                        }
                    }
                    Block::Table(table) => {
                        out.push(&table.caption);
                        out.extend(table.columns.iter().map(String::as_str));
                        for row in table.rows.iter().chain(&table.total) {
                            out.push(&row.head);
                            out.extend(row.cells.iter().map(|c| c.text.as_str()));
                        }
                    }
                    Block::Quotes { items } => {
                        for q in items {
                            out.extend([q.meta.as_str(), &q.text]);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::entry::EntryDraft;
    use crate::summary::document::{Include, Options};
    use crate::summary::output;
    use crate::summary::received::{read, team};
    use crate::vault::Vault;
    use crate::vocab::Kind;

    /// A November with contacts, a shared moment, a boundary issue on the agenda and two weeks
    /// of check-ins, summarised at k = 2 so small counts still show.
    fn november(include: Include) -> Summary {
        let dir = tempfile::tempdir().unwrap();
        let (mut vault, _) =
            Vault::create(&dir.path().join("v.tandem"), "a long enough passphrase").unwrap();
        let add = |vault: &mut Vault, kind: Kind, json: &str| {
            vault
                .add_entry(EntryDraft::from_json(json, Some(kind), false).unwrap())
                .unwrap();
        };
        for day in [2, 3, 4] {
            add(
                &mut vault,
                Kind::Contact,
                &format!(
                    r#"{{"occurred_at": "2026-11-0{day} 10:00", "mode": "phone", "duration_min": 20, "text": "a call"}}"#
                ),
            );
        }
        add(
            &mut vault,
            Kind::Moment,
            r#"{"occurred_at": "2026-11-05 12:00", "share": true, "themes": ["trust"], "text": "We laughed about the bus & the rain"}"#,
        );
        add(
            &mut vault,
            Kind::Boundary,
            r#"{"occurred_at": "2026-11-06 12:00", "category": "gifts_or_money", "bring_to_supervision": true, "text": "offered money"}"#,
        );
        for day in ["02", "03", "09", "10"] {
            add(
                &mut vault,
                Kind::Wellbeing,
                &format!(
                    r#"{{"occurred_at": "2026-11-{day} 20:00", "mood": 3, "energy": 4, "stress": 2}}"#
                ),
            );
        }
        let mut options = Options::new(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        );
        options.k = 2;
        options.include = include;
        vault.summary(&options).unwrap()
    }

    #[test]
    fn the_preview_is_exactly_what_the_saved_file_reads_as() {
        let without_wellbeing = Include {
            wellbeing: false,
            ..Include::default()
        };
        for include in [Include::default(), without_wellbeing] {
            let summary = november(include);
            let file = output::json(&summary);
            let opened = read("november.json", file.as_bytes(), None).unwrap();
            for lang in Language::ALL.iter().copied() {
                let preview = Report::of_summary(&summary, lang);
                assert_eq!(preview, Report::of_received(&opened, lang));
                let html = output::html(&summary, lang);
                for word in preview.words() {
                    assert!(
                        html.contains(&output::esc(word)),
                        "the report lacks {word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_part_left_out_is_said_in_the_preview_and_the_file() {
        let summary = november(Include {
            wellbeing: false,
            ..Include::default()
        });
        let report = Report::of_summary(&summary, Language::En);
        let words = report.words();
        assert!(words.contains(&"Left out by the worker: wellbeing averages."));
        assert!(words.contains(&"Not included by the worker."));
        assert!(!words.iter().any(|w| w.contains("W45")), "{words:?}");
    }

    #[test]
    fn weeks_and_averages_are_written_as_the_language_writes_them() {
        let summary = november(Include::default());
        let en = Report::of_summary(&summary, Language::En);
        let fr = Report::of_summary(&summary, Language::Fr);
        assert!(
            en.period.contains("week of 26 October 2026"),
            "{}",
            en.period
        );
        assert!(
            fr.period.contains("semaine du 26 octobre 2026"),
            "{}",
            fr.period
        );
        let wellbeing = |r: &Report| match &r.sections[2].blocks[0] {
            Block::Table(t) => t.rows[0].clone(),
            other => panic!("no wellbeing table: {other:?}"),
        };
        assert_eq!(wellbeing(&en).head, "week of 2 November 2026");
        assert_eq!(wellbeing(&en).cells[0].text, "3.0");
        assert_eq!(wellbeing(&fr).cells[0].text, "3,0");
        // The agenda names the boundary issue's kind of trouble, not its code.
        assert!(en.words().contains(&"Gifts or money"), "{:?}", en.words());
    }

    #[test]
    fn a_withheld_count_is_worded_and_never_drawn_as_a_bar() {
        let summary = november(Include::default());
        let mut received = Received::of(&summary);
        received.tables.entries_by_kind.cells[1] = None;
        let report = Report::of_received(&received, Language::En);
        let Block::Table(kinds) = &report.sections[1].blocks[1] else {
            panic!("no table of kinds");
        };
        let moment = kinds
            .rows
            .iter()
            .find(|r| r.head == "Meaningful moment")
            .unwrap();
        assert_eq!(moment.cells[0].text, "withheld");
        assert!(moment.cells[0].withheld && moment.cells[0].bar.is_none());
    }

    #[test]
    fn a_team_overview_counts_the_summaries_behind_each_week() {
        let one = Received::of(&november(Include::default()));
        let report = Report::of_team(&team(&[one.clone(), one]).unwrap(), Language::En);
        assert_eq!(report.title, "Team overview of 2 summaries");
        let Block::Table(weeks) = &report.sections[1].blocks[0] else {
            panic!("no wellbeing table");
        };
        assert_eq!(weeks.columns.last().unwrap(), "Summaries");
        assert_eq!(weeks.rows[0].cells.last().unwrap().text, "2");
    }

    #[test]
    fn a_team_overview_says_which_parts_some_workers_left_out() {
        let all = Received::of(&november(Include::default()));
        let mut without = Received::of(&november(Include {
            wellbeing: false,
            ..Include::default()
        }));
        without.wellbeing.clear();
        let some = Report::of_team(&team(&[all, without.clone()]).unwrap(), Language::En);
        assert!(
            some.statement
                .lines
                .contains(&"Left out of 1 of the 2 summaries: wellbeing averages.".to_string()),
            "{:?}",
            some.statement
        );
        let none = Report::of_team(&team(&[without.clone(), without]).unwrap(), Language::En);
        assert!(
            none.words()
                .contains(&"Not included in any of the summaries.")
        );
    }
}
