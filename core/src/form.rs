//! What an entry form shows for each kind: its fields in order, how each is filled in, the
//! choices and limits the core will accept, and where on a phone-sized screen it sits. The app
//! draws its form and its entry view from this, so neither can offer a field, a choice or a limit
//! the core does not have; the defaults for a new entry come from here too.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::entry::{
    Details, Entry, MAX_DURATION_MIN, MAX_GROUP_SIZE, MAX_PERSON_CHARS, MAX_SHORT_CHARS,
    MAX_SLEEP_HOURS, MAX_TAG_CHARS, MAX_TAGS, MAX_TEXT_CHARS, MIN_GROUP_SIZE,
    NEW_BOUNDARY_TO_SUPERVISION, SCALE, SLEEP_STEP,
};
use crate::i18n::Language;
use crate::vocab::Kind;

/// How a field is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// The day and time it happened.
    When,
    /// Someone from the people list, or a new alias.
    Person,
    /// Free words over several lines.
    Text,
    /// A few words on one line.
    Line,
    /// Tags, separated by commas.
    Tags,
    /// Yes or no.
    Flag,
    /// One of a few choices, shown as chips.
    Choice,
    /// Any of several choices, shown as chips.
    Choices,
    /// One of many choices, in a list.
    Select,
    /// A point on a scale.
    Scale,
    /// A whole number.
    Whole,
    /// A number with halves.
    Decimal,
    /// A calendar day.
    Date,
}

/// Where a field sits: up front, in the supervision choices (always visible, as they decide
/// what may leave the device), or folded under "More details".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Quick,
    Supervision,
    More,
}

/// One field of a kind's form.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The entry's JSON field.
    pub name: &'static str,
    pub input: Input,
    pub place: Place,
    /// The codes a choice may take, in display order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    /// Longest text accepted, in characters (for tags: each tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
    /// Most items (tags).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<usize>,
    pub required: bool,
}

impl Field {
    fn new(name: &'static str, input: Input, place: Place) -> Field {
        let choices = crate::vocab::fields()
            .into_iter()
            .find(|(f, _)| *f == name)
            .map(|(_, codes)| codes)
            .unwrap_or_default();
        let mut field = Field {
            name,
            input,
            place,
            choices,
            min: None,
            max: None,
            step: None,
            max_chars: None,
            max_items: None,
            required: false,
        };
        let range = |lo: f64, hi: f64, step: f64| (Some(lo), Some(hi), Some(step));
        (field.min, field.max, field.step) = match name {
            "duration_min" => range(0.0, f64::from(MAX_DURATION_MIN), 1.0),
            "group_size" => range(f64::from(MIN_GROUP_SIZE), f64::from(MAX_GROUP_SIZE), 1.0),
            "intensity" | "mood" | "energy" | "stress" => {
                range(f64::from(SCALE.0), f64::from(SCALE.1), 1.0)
            }
            "sleep_hours" => range(0.0, f64::from(MAX_SLEEP_HOURS), f64::from(SLEEP_STEP)),
            _ => (None, None, None),
        };
        field.max_chars = match input {
            Input::Text if name == "text" => Some(MAX_TEXT_CHARS),
            Input::Text | Input::Line => Some(MAX_SHORT_CHARS),
            Input::Person => Some(MAX_PERSON_CHARS),
            Input::Tags => Some(MAX_TAG_CHARS),
            _ => None,
        };
        if input == Input::Tags {
            field.max_items = Some(MAX_TAGS);
        }
        field.required = name == "category";
        field
    }
}

/// The form of `kind`: every field the worker may fill in, in order.
pub fn fields(kind: Kind) -> Vec<Field> {
    use Input::*;
    use Place::*;
    let layout: &[(&str, Input, Place)] = match kind {
        Kind::Contact => &[
            ("occurred_at", When, Quick),
            ("person", Person, Quick),
            ("mode", Choice, Quick),
            ("setting", Choice, Quick),
            ("duration_min", Whole, Quick),
            ("text", Text, Quick),
            ("agenda", Flag, Supervision),
            ("share", Flag, Supervision),
            ("format", Choice, More),
            ("group_size", Whole, More),
            ("domains", Choices, More),
            ("activities", Choices, More),
            ("referral", Select, More),
            ("next_step", Line, More),
            ("follow_up_on", Date, More),
            ("collaborative", Flag, More),
            ("tags", Tags, More),
        ],
        Kind::Moment => &[
            ("occurred_at", When, Quick),
            ("person", Person, Quick),
            ("text", Text, Quick),
            ("themes", Choices, Quick),
            ("agenda", Flag, Supervision),
            ("share", Flag, Supervision),
            ("values", Choices, More),
            ("why_it_mattered", Text, More),
            ("tags", Tags, More),
        ],
        // A boundary issue is queued for supervision through its own "bring to supervision".
        Kind::Boundary => &[
            ("occurred_at", When, Quick),
            ("category", Choice, Quick),
            ("intensity", Scale, Quick),
            ("text", Text, Quick),
            ("bring_to_supervision", Flag, Supervision),
            ("share", Flag, Supervision),
            ("person", Person, More),
            ("action", Text, More),
            ("resolved", Flag, More),
            ("tags", Tags, More),
        ],
        Kind::Wellbeing => &[
            ("occurred_at", When, Quick),
            ("mood", Scale, Quick),
            ("energy", Scale, Quick),
            ("stress", Scale, Quick),
            ("text", Text, Quick),
            ("agenda", Flag, Supervision),
            ("share", Flag, Supervision),
            ("sleep_hours", Decimal, More),
            ("triggered", Flag, More),
            ("triggered_by", Line, More),
            ("self_care", Choices, More),
            ("support_used", Line, More),
            ("tags", Tags, More),
        ],
    };
    layout
        .iter()
        .map(|&(name, input, place)| Field::new(name, input, place))
        .collect()
}

/// A day the "when" field offers, worded for the worker ("Today", "Yesterday", "Sunday 29
/// November 2026").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub value: NaiveDate,
    pub label: String,
}

/// How many days back the "when" field offers by name; earlier ones are picked from a calendar.
pub const RECENT_DAYS: i64 = 7;

/// Today and the days before it, newest first, worded in `lang`.
pub fn recent_days(lang: Language, today: NaiveDate) -> Vec<Day> {
    (0..RECENT_DAYS)
        .filter_map(|n| today.checked_sub_signed(chrono::Duration::days(n)))
        .map(|d| Day {
            value: d,
            label: crate::when::day_heading(lang, d, today),
        })
        .collect()
}

/// What a new entry of `kind` starts with: now, a new boundary issue on the agenda, and a
/// contact with the mode and setting of `last_contact` (the worker's most recent one). Only
/// mode and setting carry over: a group format would demand a group size not yet asked for.
pub fn defaults(
    kind: Kind,
    now: DateTime<FixedOffset>,
    last_contact: Option<&Entry>,
) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("occurred_at".into(), Value::String(now.to_rfc3339()));
    match kind {
        Kind::Boundary => {
            out.insert(
                "bring_to_supervision".into(),
                Value::Bool(NEW_BOUNDARY_TO_SUPERVISION),
            );
        }
        Kind::Contact => {
            if let Some(Details::Contact(c)) = last_contact.map(|e| &e.details) {
                if let Some(mode) = c.mode {
                    out.insert("mode".into(), Value::String(mode.code().into()));
                }
                if let Some(setting) = c.setting {
                    out.insert("setting".into(), Value::String(setting.code().into()));
                }
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::COMMON_FIELDS;
    use std::collections::BTreeSet;

    #[test]
    fn each_kinds_form_has_exactly_the_fields_the_core_accepts_for_it() {
        for &kind in Kind::ALL {
            let form: BTreeSet<&str> = fields(kind).iter().map(|f| f.name).collect();
            let mut accepted: BTreeSet<&str> = Details::fields(kind).iter().copied().collect();
            // `kind` is the form itself; `discussed` is marked on the supervision screen; a
            // boundary issue's agenda place is its own "bring to supervision".
            accepted.extend(
                COMMON_FIELDS
                    .iter()
                    .filter(|f| !["kind", "discussed"].contains(f))
                    .filter(|f| crate::entry::takes_common(kind, f)),
            );
            if kind == Kind::Boundary {
                accepted.remove("agenda");
            }
            assert_eq!(form, accepted, "{kind}");
            assert_eq!(
                fields(kind).len(),
                form.len(),
                "{kind}: a field appears twice"
            );
        }
    }

    #[test]
    fn choices_and_limits_come_from_the_vocabularies_and_the_rules() {
        let contact = fields(Kind::Contact);
        let mode = contact.iter().find(|f| f.name == "mode").unwrap();
        assert_eq!(mode.choices[0], "in_person");
        let minutes = contact.iter().find(|f| f.name == "duration_min").unwrap();
        assert_eq!(minutes.max, Some(1440.0));
        let boundary = fields(Kind::Boundary);
        assert!(boundary.iter().any(|f| f.name == "category" && f.required));
        assert!(
            fields(Kind::Wellbeing)
                .iter()
                .any(|f| f.name == "sleep_hours" && f.step == Some(0.5))
        );
    }

    #[test]
    fn the_supervision_choices_are_never_folded_away() {
        for &kind in Kind::ALL {
            for f in fields(kind) {
                if ["share", "agenda", "bring_to_supervision"].contains(&f.name) {
                    assert_eq!(f.place, Place::Supervision, "{kind}: {}", f.name);
                }
            }
        }
    }
}
