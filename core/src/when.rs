//! Dates and times as people read them, in the app's language rather than the machine's
//! locale: "Today", "Yesterday", "Tuesday 1 December 2026" / "mardi 1er décembre 2026",
//! "1 Dec 2026, 14:05" / "1er déc. 2026, 14 h 05". Every word and pattern comes from the
//! catalogues; only the arithmetic is here.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use crate::i18n::{Language, lookup, t};

fn day_number(lang: Language, day: u32) -> String {
    // French writes the first of the month as "1er".
    lookup(lang, &format!("date.ordinal.{day}"))
        .filter(|_| lang != Language::En)
        .map(str::to_string)
        .unwrap_or_else(|| day.to_string())
}

fn month(lang: Language, date: NaiveDate, short: bool) -> String {
    let family = if short { "month_short" } else { "month" };
    t(lang, &format!("date.{family}.{}", date.month()), &[])
}

fn weekday(lang: Language, date: NaiveDate) -> String {
    t(
        lang,
        &format!("date.weekday.{}", date.weekday().number_from_monday()),
        &[],
    )
}

/// A day in full: "Tuesday 1 December 2026".
pub fn long_date(lang: Language, date: NaiveDate) -> String {
    t(
        lang,
        "date.long",
        &[
            ("weekday", weekday(lang, date)),
            ("day", day_number(lang, date.day())),
            ("month", month(lang, date, false)),
            ("year", date.year().to_string()),
        ],
    )
}

/// A day in brief: "1 Dec 2026".
pub fn short_date(lang: Language, date: NaiveDate) -> String {
    t(
        lang,
        "date.short",
        &[
            ("day", day_number(lang, date.day())),
            ("month", month(lang, date, true)),
            ("year", date.year().to_string()),
        ],
    )
}

/// A time of day: "14:05" / "14 h 05".
pub fn time(lang: Language, at: NaiveTime) -> String {
    t(
        lang,
        "date.time",
        &[
            ("hour", format!("{:02}", at.hour())),
            ("minute", format!("{:02}", at.minute())),
        ],
    )
}

/// A day as a heading: "Today", "Yesterday", else the day in full.
pub fn day_heading(lang: Language, date: NaiveDate, today: NaiveDate) -> String {
    if date == today {
        t(lang, "date.today", &[])
    } else if today.pred_opt() == Some(date) {
        t(lang, "date.yesterday", &[])
    } else {
        long_date(lang, date)
    }
}

/// The week starting on `monday`, as people read weeks: "week of 2 March 2026".
pub fn week_of(lang: Language, monday: NaiveDate) -> String {
    t(
        lang,
        "date.week_of",
        &[
            ("day", day_number(lang, monday.day())),
            ("month", month(lang, monday, false)),
            ("year", monday.year().to_string()),
        ],
    )
}

/// When an entry happened, ready to show: its day's heading, its time, and both in one line
/// ("Today, 14:05"; "1 Dec 2026, 14:05"). The entry's own wall-clock time is used, the zone it
/// was written in, as the day filters do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct When {
    pub day: String,
    pub time: String,
    pub label: String,
}

impl When {
    /// `at` as read on `today`, in `lang`.
    pub fn of(lang: Language, at: DateTime<FixedOffset>, today: NaiveDate) -> When {
        let date = at.date_naive();
        let day = day_heading(lang, date, today);
        let clock = time(lang, at.time());
        let near = date == today || today.pred_opt() == Some(date);
        let label = t(
            lang,
            "date.when",
            &[
                (
                    "date",
                    if near {
                        day.clone()
                    } else {
                        short_date(lang, date)
                    },
                ),
                ("time", clock.clone()),
            ],
        );
        When {
            day,
            time: clock,
            label,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn french_reads_as_french_whatever_the_machine_says() {
        let w = When::of(
            Language::Fr,
            at("2026-12-01T14:05:00-05:00"),
            day(2026, 12, 20),
        );
        assert_eq!(w.label, "1er déc. 2026, 14 h 05");
        assert_eq!(w.day, "mardi 1er décembre 2026");
        let w = When::of(
            Language::En,
            at("2026-12-01T14:05:00-05:00"),
            day(2026, 12, 20),
        );
        assert_eq!(w.label, "1 Dec 2026, 14:05");
        assert_eq!(w.day, "Tuesday 1 December 2026");
    }

    #[test]
    fn today_and_yesterday_where_natural() {
        let today = day(2026, 12, 1);
        let w = When::of(Language::En, at("2026-12-01T09:30:00+00:00"), today);
        assert_eq!(
            (w.day.as_str(), w.label.as_str()),
            ("Today", "Today, 09:30")
        );
        let w = When::of(Language::Fr, at("2026-11-30T21:00:00+00:00"), today);
        assert_eq!(w.label, "Hier, 21 h 00");
        assert_eq!(
            week_of(Language::En, day(2026, 3, 2)),
            "week of 2 March 2026"
        );
        assert_eq!(
            week_of(Language::Fr, day(2026, 3, 2)),
            "semaine du 2 mars 2026"
        );
    }
}
