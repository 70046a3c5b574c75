//! Entries: the four kinds a peer worker writes, how they are read from JSON and written back.
//!
//! Input is strict: every field must be known for its kind, every vocabulary value must be one of
//! ours and every number in range, and each error names the field and what is allowed. Stored
//! entries use the same types, serialised inside the encrypted record.

use chrono::{
    DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, SubsecRound, TimeZone, Utc,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::vocab::*;

/// Longest narrative, in characters. Far beyond any real entry; stops runaway pastes.
pub const MAX_TEXT_CHARS: usize = 50_000;
/// Longest short text field (next step, action, why it mattered…), in characters.
pub const MAX_SHORT_CHARS: usize = 2_000;
/// Longest person name or alias typed into an entry, in characters.
pub const MAX_PERSON_CHARS: usize = 200;
/// Most hours of sleep a check-in records.
pub const MAX_SLEEP_HOURS: f32 = 24.0;
/// Longest contact, in minutes: a whole day.
pub const MAX_DURATION_MIN: u32 = 24 * 60;
/// Fewest and most people a group contact may count.
pub const MIN_GROUP_SIZE: u32 = 2;
pub const MAX_GROUP_SIZE: u32 = 1000;
/// The 1-to-5 scales: mood, energy, stress and a boundary issue's intensity.
pub const SCALE: (u8, u8) = (1, 5);
/// Hours of sleep go up and down by this much in the form.
pub const SLEEP_STEP: f32 = 0.5;
/// Most tags on one entry.
pub const MAX_TAGS: usize = 30;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 40;

/// Fields every kind has.
pub const COMMON_FIELDS: &[&str] = &[
    "kind",
    "occurred_at",
    "text",
    "person",
    "tags",
    "share",
    "agenda",
    "discussed",
];
/// Whether `kind` takes the common `field`. A check-in is about the worker themself, so it
/// names nobody: `person` is refused on a new one (a dump's records are taken as they were).
pub fn takes_common(kind: Kind, field: &str) -> bool {
    COMMON_FIELDS.contains(&field) && !(kind == Kind::Wellbeing && field == "person")
}

/// The error for a field `kind` does not take, naming the fields it does.
fn unknown_field(kind: Kind, field: &str) -> Error {
    let mut allowed: Vec<&str> = COMMON_FIELDS[1..]
        .iter()
        .copied()
        .filter(|f| takes_common(kind, f))
        .collect();
    allowed.extend_from_slice(Details::fields(kind));
    Error::invalid(field, "unknown_field")
        .with("kind", kind)
        .with("allowed", allowed.join(", "))
}

/// Whether a new boundary issue goes on the supervision agenda when the worker does not say.
pub const NEW_BOUNDARY_TO_SUPERVISION: bool = true;
/// Fields only records (exports and dumps) carry; accepted on import, never on `add`.
pub const RECORD_FIELDS: &[&str] = &["id", "created_at", "updated_at", "deleted_at"];

/// A contact with someone the worker supports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ContactMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<Setting>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ContactFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_size: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Domain>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<ReferralType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub collaborative: bool,
}

/// A meaningful moment, and why it mattered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moment {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<MomentTheme>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<PeerValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why_it_mattered: Option<String>,
}

/// A boundary issue, noted while it is fresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    pub category: BoundaryCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensity: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub bring_to_supervision: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub resolved: bool,
}

/// The worker's own wellbeing check-in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wellbeing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stress: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep_hours: Option<f32>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub triggered: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggered_by: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub self_care: Vec<SelfCare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_used: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a kind adds to the common fields.
///
/// Stored externally tagged (`{"contact": {…}}`): serde reads that shape in one pass, where an
/// internally tagged enum is buffered and read twice, which made unlocking a large vault slower.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Details {
    Contact(Contact),
    Moment(Moment),
    Boundary(Boundary),
    Wellbeing(Wellbeing),
}

impl Details {
    /// The kind of entry these details belong to.
    pub fn kind(&self) -> Kind {
        match self {
            Details::Contact(_) => Kind::Contact,
            Details::Moment(_) => Kind::Moment,
            Details::Boundary(_) => Kind::Boundary,
            Details::Wellbeing(_) => Kind::Wellbeing,
        }
    }

    /// The kind's own fields as a JSON object (what `show --json` prints beside the common ones).
    pub fn fields_json(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(outer)) => match outer.into_iter().next() {
                Some((_, Value::Object(inner))) => inner,
                _ => Map::new(),
            },
            _ => Map::new(),
        }
    }

    /// The fields this kind adds, in the order JSON output uses.
    pub fn fields(kind: Kind) -> &'static [&'static str] {
        match kind {
            Kind::Contact => &[
                "duration_min",
                "mode",
                "setting",
                "format",
                "group_size",
                "domains",
                "activities",
                "referral",
                "next_step",
                "follow_up_on",
                "collaborative",
            ],
            Kind::Moment => &["themes", "values", "why_it_mattered"],
            Kind::Boundary => &[
                "category",
                "intensity",
                "action",
                "bring_to_supervision",
                "resolved",
            ],
            Kind::Wellbeing => &[
                "mood",
                "energy",
                "stress",
                "sleep_hours",
                "triggered",
                "triggered_by",
                "self_care",
                "support_used",
            ],
        }
    }

    /// The free-text fields of these details, for search.
    pub fn texts(&self) -> Vec<&str> {
        fn opt(o: &Option<String>) -> Option<&str> {
            o.as_deref()
        }
        match self {
            Details::Contact(c) => [opt(&c.next_step)].into_iter().flatten().collect(),
            Details::Moment(m) => [opt(&m.why_it_mattered)].into_iter().flatten().collect(),
            Details::Boundary(b) => [opt(&b.action)].into_iter().flatten().collect(),
            Details::Wellbeing(w) => [opt(&w.triggered_by), opt(&w.support_used)]
                .into_iter()
                .flatten()
                .collect(),
        }
    }

    /// The vocabulary codes these details carry, their kind's first, for search ("housing"
    /// finds housing contacts, "boundary" every boundary issue).
    pub fn codes(&self) -> Vec<&'static str> {
        let mut out = vec![self.kind().code()];
        match self {
            Details::Contact(c) => {
                out.extend(c.mode.map(|v| v.code()));
                out.extend(c.setting.map(|v| v.code()));
                out.extend(c.format.map(|v| v.code()));
                out.extend(c.domains.iter().map(|v| v.code()));
                out.extend(c.activities.iter().map(|v| v.code()));
                out.extend(c.referral.map(|v| v.code()));
            }
            Details::Moment(m) => {
                out.extend(m.themes.iter().map(|v| v.code()));
                out.extend(m.values.iter().map(|v| v.code()));
            }
            Details::Boundary(b) => out.push(b.category.code()),
            Details::Wellbeing(w) => out.extend(w.self_care.iter().map(|v| v.code())),
        }
        out
    }

    fn zeroize_text(&mut self) {
        match self {
            Details::Contact(c) => c.next_step.zeroize(),
            Details::Moment(m) => m.why_it_mattered.zeroize(),
            Details::Boundary(b) => b.action.zeroize(),
            Details::Wellbeing(w) => {
                w.triggered_by.zeroize();
                w.support_used.zeroize();
            }
        }
    }

    fn validate(&mut self) -> Result<()> {
        match self {
            Details::Contact(c) => {
                check_range("duration_min", c.duration_min, 0, MAX_DURATION_MIN)?;
                match (c.format, c.group_size) {
                    (Some(ContactFormat::Group), size) => {
                        check_range("group_size", size, MIN_GROUP_SIZE, MAX_GROUP_SIZE)?;
                    }
                    (_, Some(_)) => {
                        return Err(Error::invalid("group_size", "group_size_without_group"));
                    }
                    _ => {}
                }
                dedup(&mut c.domains);
                dedup(&mut c.activities);
                clean_short("next_step", &mut c.next_step)?;
            }
            Details::Moment(m) => {
                dedup(&mut m.themes);
                dedup(&mut m.values);
                clean_short("why_it_mattered", &mut m.why_it_mattered)?;
            }
            Details::Boundary(b) => {
                check_range("intensity", b.intensity, SCALE.0, SCALE.1)?;
                clean_short("action", &mut b.action)?;
            }
            Details::Wellbeing(w) => {
                check_range("mood", w.mood, SCALE.0, SCALE.1)?;
                check_range("energy", w.energy, SCALE.0, SCALE.1)?;
                check_range("stress", w.stress, SCALE.0, SCALE.1)?;
                if let Some(h) = w.sleep_hours
                    && !(0.0..=MAX_SLEEP_HOURS).contains(&h)
                {
                    return Err(Error::invalid("sleep_hours", "out_of_range")
                        .with("min", 0)
                        .with("max", MAX_SLEEP_HOURS));
                }
                clean_short("triggered_by", &mut w.triggered_by)?;
                if w.triggered_by.is_some() && !w.triggered {
                    return Err(Error::invalid(
                        "triggered_by",
                        "triggered_by_without_triggered",
                    ));
                }
                dedup(&mut w.self_care);
                clean_short("support_used", &mut w.support_used)?;
            }
        }
        Ok(())
    }
}

/// Drops repeated vocabulary values, keeping the first of each in the order given.
fn dedup<T: PartialEq + Copy>(v: &mut Vec<T>) {
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    for x in v.drain(..) {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    *v = out;
}

fn check_range<T: PartialOrd + Copy + std::fmt::Display>(
    field: &str,
    value: Option<T>,
    lo: T,
    hi: T,
) -> Result<()> {
    match value {
        Some(v) if v < lo || v > hi => Err(Error::invalid(field, "out_of_range")
            .with("min", lo)
            .with("max", hi)),
        None if field == "group_size" => Err(Error::invalid(field, "group_size_needed")
            .with("min", lo)
            .with("max", hi)),
        _ => Ok(()),
    }
}

/// Trims a short text field, treats an empty one as absent and enforces its length cap.
fn clean_short(field: &str, value: &mut Option<String>) -> Result<()> {
    if let Some(v) = value {
        let trimmed = v.trim();
        if trimmed.is_empty() {
            *value = None;
        } else {
            if trimmed.chars().count() > MAX_SHORT_CHARS {
                return Err(Error::invalid(field, "too_long").with("max", MAX_SHORT_CHARS));
            }
            if trimmed.len() != v.len() {
                *v = trimmed.to_string();
            }
        }
    }
    Ok(())
}

/// One journal entry, as stored (inside its encrypted record) and as held in memory while the
/// vault is unlocked. Its text is wiped from memory when it is dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Not stored inside the record: the row's id is, and the associated data binds the two.
    #[serde(skip)]
    pub id: RecordId,
    #[serde(with = "stamp::local")]
    pub occurred_at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub share: bool,
    /// The worker added this entry to the agenda for their next supervision.
    #[serde(default, skip_serializing_if = "is_false")]
    pub agenda: bool,
    /// Talked through in supervision: off the agenda, kept as a record.
    #[serde(default, skip_serializing_if = "is_false")]
    pub discussed: bool,
    #[serde(with = "stamp::utc")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "stamp::utc")]
    pub updated_at: DateTime<Utc>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::utc_opt"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    pub details: Details,
}

/// Timestamps inside stored records, as integers: reading 100,000 entries at unlock is faster
/// than parsing three date strings each. What people see and type stays RFC 3339.
mod stamp {
    use chrono::{DateTime, FixedOffset, Utc};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    fn from_micros<E: serde::de::Error>(micros: i64) -> Result<DateTime<Utc>, E> {
        DateTime::from_timestamp_micros(micros).ok_or_else(|| E::custom("timestamp out of range"))
    }

    pub mod utc {
        use super::*;
        pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_i64(t.timestamp_micros())
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
            from_micros(i64::deserialize(d)?)
        }
    }

    pub mod utc_opt {
        use super::*;
        pub fn serialize<S: Serializer>(
            t: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_some(&t.timestamp_micros()),
                None => s.serialize_none(),
            }
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            Option::<i64>::deserialize(d)?.map(from_micros).transpose()
        }
    }

    /// A local time with its offset, as `[microseconds since the epoch, offset in seconds]`.
    pub mod local {
        use super::*;
        pub fn serialize<S: Serializer>(
            t: &DateTime<FixedOffset>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            use serde::Serialize;
            (t.timestamp_micros(), t.offset().local_minus_utc()).serialize(s)
        }
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<DateTime<FixedOffset>, D::Error> {
            let (micros, offset) = <(i64, i32)>::deserialize(d)?;
            let offset = FixedOffset::east_opt(offset)
                .ok_or_else(|| D::Error::custom("time zone offset out of range"))?;
            Ok(from_micros(micros)?.with_timezone(&offset))
        }
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.text.zeroize();
        self.tags.zeroize();
        self.details.zeroize_text();
    }
}

impl Entry {
    /// The entry's kind.
    pub fn kind(&self) -> Kind {
        self.details.kind()
    }

    /// True once the entry has been deleted (it stays recoverable until purged).
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// Where the entry stands on the "bring to supervision" agenda: open boundary issues
    /// flagged for supervision and entries the worker added are queued until marked discussed.
    /// A boundary issue the worker has resolved leaves the agenda unless they added it.
    pub fn agenda_state(&self) -> Option<AgendaState> {
        let flagged =
            matches!(&self.details, Details::Boundary(b) if b.bring_to_supervision && !b.resolved);
        match (self.agenda || flagged, self.discussed) {
            (false, _) => None,
            (true, false) => Some(AgendaState::Queued),
            (true, true) => Some(AgendaState::Discussed),
        }
    }
}

/// An entry's place on the supervision agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaState {
    /// To bring to the next supervision.
    Queued,
    /// Already talked through.
    Discussed,
}

impl AgendaState {
    /// Every state, in the order a worker meets them.
    pub const ALL: &'static [AgendaState] = &[AgendaState::Queued, AgendaState::Discussed];

    /// The code used in JSON and filters.
    pub fn code(self) -> &'static str {
        match self {
            AgendaState::Queued => "queued",
            AgendaState::Discussed => "discussed",
        }
    }

    /// Reads a code written by [`AgendaState::code`]; `field` names it in the error.
    pub fn parse(field: &str, code: &str) -> Result<AgendaState> {
        match code.trim() {
            "queued" => Ok(AgendaState::Queued),
            "discussed" => Ok(AgendaState::Discussed),
            _ => {
                let all: Vec<&str> = AgendaState::ALL.iter().map(|a| a.code()).collect();
                Err(Error::invalid(field, "unknown_value").with("allowed", all.join(", ")))
            }
        }
    }
}

/// A new or edited entry, checked but not yet saved. `person` is still the name or alias the
/// worker typed; the vault resolves it against the people list.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryDraft {
    pub occurred_at: Option<DateTime<FixedOffset>>,
    pub text: String,
    pub person: Option<String>,
    pub tags: Vec<String>,
    pub share: bool,
    /// On the agenda or not; `None` leaves an edited entry's place as it was.
    pub agenda: Option<bool>,
    /// Discussed in supervision; `None` leaves it as it was (imports of dumps set it).
    pub discussed: Option<bool>,
    pub details: Details,
    /// Set only by imports of Tandem's own dumps, so a re-import keeps ids and timestamps.
    pub record: Option<RecordFields>,
}

impl Drop for EntryDraft {
    fn drop(&mut self) {
        self.text.zeroize();
        self.person.zeroize();
        self.tags.zeroize();
        self.details.zeroize_text();
    }
}

/// The fields of a stored record, carried through a dump and re-import.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFields {
    pub id: RecordId,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl EntryDraft {
    /// A draft of `details` with every common field empty, happening now.
    pub fn new(details: Details) -> Self {
        EntryDraft {
            occurred_at: None,
            text: String::new(),
            person: None,
            tags: Vec::new(),
            share: false,
            agenda: None,
            discussed: None,
            details,
            record: None,
        }
    }

    /// Reads an entry from JSON text, as `tandem add` and `import` receive it.
    ///
    /// `kind` is the kind named outside the JSON (the `add KIND` argument), if any; the JSON's own
    /// `"kind"` must then agree. `allow_record_fields` admits `id` and the timestamps, which only
    /// Tandem's own dumps carry.
    pub fn from_json(text: &str, kind: Option<Kind>, allow_record_fields: bool) -> Result<Self> {
        let value: Value = serde_json::from_str(text).map_err(json_syntax)?;
        Self::from_value(value, kind, allow_record_fields)
    }

    /// Like [`EntryDraft::from_json`], from an already parsed value.
    pub fn from_value(value: Value, kind: Option<Kind>, allow_record_fields: bool) -> Result<Self> {
        // A kind named outside the JSON means a worker writing one entry now (`add`, the app's
        // form), not lines imported from elsewhere, which keep what they say.
        let named_kind = kind.is_some();
        let Value::Object(mut map) = value else {
            return Err(Error::invalid("", "json_not_object"));
        };
        let kind = match (map.remove("kind"), kind) {
            (None, Some(k)) => k,
            (None, None) => {
                return Err(Error::invalid("kind", "required").with("allowed", Kind::codes()));
            }
            (Some(v), hint) => {
                let code = v.as_str().unwrap_or_default();
                let found = Kind::from_code(code).ok_or_else(|| {
                    Error::invalid("kind", "unknown_value").with("allowed", Kind::codes())
                })?;
                if let Some(h) = hint
                    && h != found
                {
                    return Err(Error::invalid("kind", "kind_disagrees")
                        .with("found", found)
                        .with("expected", h));
                }
                found
            }
        };

        let kind_fields = Details::fields(kind);
        let mut specific = Map::new();
        let mut common = Map::new();
        for (key, value) in map {
            if takes_common(kind, &key)
                || (allow_record_fields
                    && (RECORD_FIELDS.contains(&key.as_str())
                        || COMMON_FIELDS.contains(&key.as_str())))
            {
                common.insert(key, value);
            } else if kind_fields.contains(&key.as_str()) {
                specific.insert(key, value);
            } else {
                return Err(unknown_field(kind, &key));
            }
        }

        let is_record = allow_record_fields && common.contains_key("id");
        // Only a dump's records may carry fields a new entry of their kind may not.
        if let Some(field) = common
            .keys()
            .find(|f| COMMON_FIELDS.contains(&f.as_str()) && !takes_common(kind, f))
            .filter(|_| !is_record)
        {
            return Err(unknown_field(kind, field));
        }
        // Saying what triggered you says you were triggered; only an explicit `false` beside it
        // is a contradiction worth refusing.
        if kind == Kind::Wellbeing
            && !specific.contains_key("triggered")
            && specific
                .get("triggered_by")
                .and_then(Value::as_str)
                .is_some_and(|t| !t.trim().is_empty())
        {
            specific.insert("triggered".into(), Value::Bool(true));
        }
        // A boundary issue noted now is meant for supervision unless the worker says otherwise.
        // Imports, Tandem's own dumps included (they leave `false` out), keep what they say.
        if kind == Kind::Boundary
            && named_kind
            && !is_record
            && !specific.contains_key("bring_to_supervision")
        {
            specific.insert(
                "bring_to_supervision".into(),
                Value::Bool(NEW_BOUNDARY_TO_SUPERVISION),
            );
        }
        let mut details = match kind {
            Kind::Contact => Details::Contact(typed(specific)?),
            Kind::Moment => Details::Moment(typed(specific)?),
            Kind::Boundary => {
                if !specific.contains_key("category") {
                    return Err(Error::invalid("category", "required")
                        .with("allowed", BoundaryCategory::codes()));
                }
                Details::Boundary(typed(specific)?)
            }
            Kind::Wellbeing => Details::Wellbeing(typed(specific)?),
        };
        details.validate()?;

        let mut draft = EntryDraft::new(details);
        let mut record_id = None;
        let mut stamps = [None, None, None];
        for (key, value) in common {
            match key.as_str() {
                "occurred_at" => draft.occurred_at = Some(parse_date_time("occurred_at", &value)?),
                "text" => draft.text = typed_field("text", value)?,
                "person" => {
                    let p: Option<String> = typed_field("person", value)?;
                    draft.person = p.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
                }
                "tags" => draft.tags = typed_field("tags", value)?,
                "share" => draft.share = typed_field("share", value)?,
                "agenda" => draft.agenda = Some(typed_field("agenda", value)?),
                "discussed" => draft.discussed = Some(typed_field("discussed", value)?),
                "id" => {
                    let text: String = typed_field("id", value)?;
                    record_id = Some(
                        RecordId::from_hex(&text)
                            .ok_or_else(|| Error::invalid("id", "not_a_record_id"))?,
                    );
                }
                "created_at" => {
                    stamps[0] = Some(parse_date_time(&key, &value)?.to_utc().trunc_subsecs(6))
                }
                "updated_at" => {
                    stamps[1] = Some(parse_date_time(&key, &value)?.to_utc().trunc_subsecs(6))
                }
                "deleted_at" if value.is_null() => {}
                "deleted_at" => {
                    stamps[2] = Some(parse_date_time(&key, &value)?.to_utc().trunc_subsecs(6))
                }
                _ => unreachable!("only common and record fields reach here"),
            }
        }
        if let Some(id) = record_id {
            draft.record = Some(RecordFields {
                id,
                created_at: stamps[0],
                updated_at: stamps[1],
                deleted_at: stamps[2],
            });
        }
        draft.validate_common()?;
        Ok(draft)
    }

    /// True when the draft holds something the worker wrote or chose beyond the defaults a form
    /// fills in (the time, a contact's mode and setting): an entry without it would only be
    /// counted, never read.
    pub fn has_substance(&self) -> bool {
        if !self.text.trim().is_empty() || self.person.is_some() || !self.tags.is_empty() {
            return true;
        }
        match &self.details {
            // Mode and setting are what the form fills in from the last contact; the format,
            // a group's size and working together are the worker's own choices.
            Details::Contact(c) => {
                c.duration_min.is_some()
                    || c.format.is_some()
                    || c.group_size.is_some()
                    || c.collaborative
                    || !c.domains.is_empty()
                    || !c.activities.is_empty()
                    || c.referral.is_some()
                    || c.next_step.is_some()
                    || c.follow_up_on.is_some()
            }
            Details::Moment(m) => {
                !m.themes.is_empty() || !m.values.is_empty() || m.why_it_mattered.is_some()
            }
            // Its category is required, and naming it is already the record.
            Details::Boundary(_) => true,
            Details::Wellbeing(w) => {
                w.mood.is_some()
                    || w.energy.is_some()
                    || w.stress.is_some()
                    || w.sleep_hours.is_some()
                    || w.triggered
                    || !w.self_care.is_empty()
                    || w.support_used.is_some()
            }
        }
    }

    fn validate_common(&mut self) -> Result<()> {
        // Records from Tandem's own dumps are taken as they were saved.
        if self.record.is_none() && !self.has_substance() {
            return Err(Error::invalid("text", "nothing_to_save"));
        }
        if self.text.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::invalid("text", "too_long").with("max", MAX_TEXT_CHARS));
        }
        if let Some(p) = &self.person
            && p.chars().count() > MAX_PERSON_CHARS
        {
            return Err(Error::invalid("person", "too_long").with("max", MAX_PERSON_CHARS));
        }
        self.tags = normalize_tags(std::mem::take(&mut self.tags))?;
        Ok(())
    }

    /// Checks a draft built in code (the app's forms) the same way JSON input is checked.
    pub fn validate(&mut self) -> Result<()> {
        self.details.validate()?;
        self.validate_common()
    }
}

/// Trims, lowercases and de-duplicates tags, and enforces their limits.
pub fn normalize_tags(tags: Vec<String>) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let t = tag.trim().to_lowercase();
        if t.is_empty() {
            return Err(Error::invalid("tags", "tag_empty"));
        }
        if t.chars().count() > MAX_TAG_CHARS {
            return Err(Error::invalid("tags", "tag_too_long").with("max", MAX_TAG_CHARS));
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Error::invalid("tags", "too_many_tags").with("max", MAX_TAGS));
    }
    Ok(out)
}

fn typed<T: DeserializeOwned>(map: Map<String, Value>) -> Result<T> {
    serde_path_to_error::deserialize(Value::Object(map)).map_err(|e| {
        let field = e.path().to_string();
        let field = if field == "." { String::new() } else { field };
        serde_problem(field, &e.into_inner().to_string())
    })
}

fn typed_field<T: DeserializeOwned>(field: &str, value: Value) -> Result<T> {
    serde_json::from_value(value).map_err(|e| serde_problem(field.to_string(), &e.to_string()))
}

/// JSON that does not parse: where, and serde's description of the syntax (which never quotes
/// the text, unlike its type errors).
fn json_syntax(e: serde_json::Error) -> Error {
    Error::invalid("", "json_syntax")
        .with("line", e.line())
        .with("column", e.column())
}

/// Turns serde's message into one of ours. serde quotes the offending value ("invalid type:
/// string \"…\", expected u32"); only the shape of the problem and what is allowed are kept.
fn serde_problem(field: String, message: &str) -> Error {
    let message = strip_serde_position(message);
    if let Some(rest) = message.strip_prefix("unknown variant ")
        && let Some((_, allowed)) = rest.split_once(", expected ")
    {
        let allowed = allowed
            .trim_start_matches("one of ")
            .replace('`', "")
            .replace(" or ", ", ");
        return Error::invalid(field, "unknown_value").with("allowed", allowed);
    }
    if let Some(missing) = message.strip_prefix("missing field ") {
        let name = missing.trim_matches('`').to_string();
        let field = if field.is_empty() {
            name
        } else {
            format!("{field}.{name}")
        };
        return Error::invalid(field, "required");
    }
    if crate::i18n::field_root(&field) == "follow_up_on" {
        return Error::invalid(field, "not_a_date");
    }
    let expected = message.rsplit(", expected ").next().unwrap_or_default();
    let key = match expected {
        "u8" | "u16" | "u32" | "u64" => "expected_whole_number",
        "f32" | "f64" => "expected_number",
        "a string" => "expected_text",
        "a boolean" => "expected_true_or_false",
        "a sequence" => "expected_list",
        _ => "wrong_type",
    };
    Error::invalid(field, key)
}

pub(crate) fn strip_serde_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Reads a date-time the way people write them: RFC 3339 with its offset kept
/// (`2026-11-24T14:30:00-05:00`), a local date-time (`2026-11-24T14:30` or `2026-11-24 14:30`),
/// or a date alone, taken as noon local time.
pub fn parse_date_time(field: &str, value: &Value) -> Result<DateTime<FixedOffset>> {
    let bad = || Error::invalid(field, "not_a_date_time");
    let text = value.as_str().ok_or_else(bad)?.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(dt);
    }
    let naive = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        // A day and a time typed on a phone: "2026-11-24 14h05", "2026-11-24 1405".
        let (day, time) = text.split_once([' ', 'T'])?;
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        Some(day.and_time(parse_time(time)?))
    })
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(|d| d.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists")))
    })
    .ok_or_else(bad)?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|dt| dt.fixed_offset())
        .ok_or_else(bad)
}

/// Reads a time of day the ways people type one: `14:05`, `9:05`, `14h05`, `14 h 05`, `14.05`,
/// `1405`, `905`, `14h`.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (hour, minute) = match digits.split_once([':', 'h', 'H', '.']) {
        Some((h, m)) => (
            h.to_string(),
            if m.is_empty() {
                "0".into()
            } else {
                m.to_string()
            },
        ),
        None if digits.len() >= 3 && digits.len() <= 4 => {
            let (h, m) = digits.split_at(digits.len() - 2);
            (h.to_string(), m.to_string())
        }
        None if !digits.is_empty() && digits.len() <= 2 => (digits.clone(), "0".into()),
        None => return None,
    };
    if minute.len() > 2
        || !hour
            .chars()
            .chain(minute.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    NaiveTime::from_hms_opt(hour.parse().ok()?, minute.parse().ok()?, 0)
}

/// Reads a calendar date (`2026-11-24`), as `--from` and `--to` take them.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, "not_a_date"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn err(text: &str, kind: Option<Kind>) -> String {
        EntryDraft::from_json(text, kind, false)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn contact_reads_every_field() {
        let d = EntryDraft::from_json(
            r#"{"text":"coffee and a walk","duration_min":45,"mode":"in_person","setting":"community",
                "format":"group","group_size":4,"domains":["housing","income","housing"],
                "activities":["listening"],"referral":"housing_support","next_step":"call Tuesday",
                "follow_up_on":"2026-12-01","collaborative":true,"tags":[" Outreach ","outreach"],
                "person":"J.","share":true,"occurred_at":"2026-11-20T10:00:00-05:00"}"#,
            Some(Kind::Contact),
            false,
        )
        .unwrap();
        let Details::Contact(c) = &d.details else {
            panic!("expected a contact")
        };
        assert_eq!(c.duration_min, Some(45));
        assert_eq!(c.domains, vec![Domain::Housing, Domain::Income]);
        assert_eq!(d.tags, vec!["outreach"]);
        assert_eq!(d.person.as_deref(), Some("J."));
        assert_eq!(d.occurred_at.unwrap().offset().local_minus_utc(), -5 * 3600);
    }

    #[test]
    fn unknown_field_is_named_with_the_allowed_ones() {
        let m = err(r#"{"txt":"hi"}"#, Some(Kind::Moment));
        assert!(
            m.starts_with("txt: unknown field for a moment entry"),
            "{m}"
        );
        assert!(m.contains("why_it_mattered"), "{m}");
    }

    #[test]
    fn an_entry_holding_only_what_the_form_fills_in_is_refused_but_a_choice_is_enough() {
        let empty = err(
            r#"{"mode":"phone","setting":"community","occurred_at":"2026-11-20 10:00"}"#,
            Some(Kind::Contact),
        );
        assert!(empty.starts_with("text: the entry is empty"), "{empty}");
        for chosen in [
            r#"{"mode":"phone","format":"group","group_size":4}"#,
            r#"{"mode":"phone","collaborative":true}"#,
            r#"{"mode":"phone","duration_min":20}"#,
        ] {
            let d = EntryDraft::from_json(chosen, Some(Kind::Contact), false);
            assert!(d.is_ok(), "{chosen}: {:?}", d.err());
        }
        assert!(err(r#"{}"#, Some(Kind::Wellbeing)).contains("empty"));
    }

    #[test]
    fn a_check_in_names_nobody_but_an_old_record_with_a_person_still_imports() {
        let m = err(r#"{"mood":3,"person":"J."}"#, Some(Kind::Wellbeing));
        assert!(
            m.starts_with("person: unknown field for a wellbeing entry"),
            "{m}"
        );
        assert!(!m.contains("person,") && m.contains("mood"), "{m}");
        let record = r#"{"id":"0123456789abcdef0123456789abcdef","kind":"wellbeing","mood":3,"person":"J.",
            "occurred_at":"2026-11-20T10:00:00-05:00","created_at":"2026-11-20T10:00:00-05:00",
            "updated_at":"2026-11-20T10:00:00-05:00"}"#;
        let d = EntryDraft::from_json(record, None, true).unwrap();
        assert_eq!(d.person.as_deref(), Some("J."));
        // A line without an id is a new entry, even in an import.
        let new =
            EntryDraft::from_json(r#"{"kind":"wellbeing","mood":3,"person":"J."}"#, None, true)
                .unwrap_err();
        assert_eq!(new.field(), Some("person"));
    }

    #[test]
    fn bad_vocabulary_value_names_field_and_choices() {
        let m = err(r#"{"mode":"bus"}"#, Some(Kind::Contact));
        assert!(
            m.starts_with("mode: unknown value; allowed: in_person, phone"),
            "{m}"
        );
        let m = err(r#"{"domains":["housing","moon"]}"#, Some(Kind::Contact));
        assert!(
            m.starts_with("domains[1]: unknown value; allowed: housing"),
            "{m}"
        );
        assert!(!m.contains("moon"), "what was typed is never repeated: {m}");
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let m = err(
            r#"{"category":"other","intensity":9}"#,
            Some(Kind::Boundary),
        );
        assert_eq!(m, "intensity: out of range; allowed: 1 to 5");
        let m = err(r#"{"mood":0}"#, Some(Kind::Wellbeing));
        assert_eq!(m, "mood: out of range; allowed: 1 to 5");
        let m = err(r#"{"sleep_hours":30}"#, Some(Kind::Wellbeing));
        assert_eq!(m, "sleep_hours: out of range; allowed: 0 to 24");
        let m = err(r#"{"duration_min":-5}"#, Some(Kind::Contact));
        assert!(m.starts_with("duration_min: "), "{m}");
        let m = err(r#"{"group_size":3}"#, Some(Kind::Contact));
        assert!(m.starts_with("group_size: only group contacts"), "{m}");
    }

    #[test]
    fn boundary_needs_a_category() {
        let m = err(r#"{"text":"x"}"#, Some(Kind::Boundary));
        assert!(
            m.starts_with("category: missing; allowed: self_disclosure"),
            "{m}"
        );
    }

    #[test]
    fn malformed_json_says_where() {
        let m = err("{\"text\": \"unterminated", Some(Kind::Moment));
        assert!(m.starts_with("not valid JSON (line 1, column"), "{m}");
        let m = err("[1,2]", Some(Kind::Moment));
        assert!(m.contains("expected a JSON object"), "{m}");
    }

    #[test]
    fn kind_must_agree_and_be_known() {
        assert!(err(r#"{"kind":"moment"}"#, Some(Kind::Contact)).contains("the JSON says moment"));
        assert!(
            err(r#"{"kind":"diary"}"#, None).starts_with("kind: unknown value; allowed: contact")
        );
        assert!(err(r#"{}"#, None).starts_with("kind: missing; allowed: contact, moment"));
    }

    #[test]
    fn record_fields_only_on_import() {
        let json = r#"{"kind":"moment","id":"00112233445566778899aabbccddeeff"}"#;
        assert!(err(json, None).starts_with("id: unknown field"));
        let d = EntryDraft::from_json(json, None, true).unwrap();
        assert_eq!(
            d.record.as_ref().unwrap().id.to_hex(),
            "00112233445566778899aabbccddeeff"
        );
    }

    #[test]
    fn times_are_read_as_phones_type_them() {
        for (typed, want) in [
            ("14:05", (14, 5)),
            ("9:05", (9, 5)),
            ("14h05", (14, 5)),
            ("14 h 05", (14, 5)),
            ("14.05", (14, 5)),
            ("1405", (14, 5)),
            ("905", (9, 5)),
            ("14h", (14, 0)),
            ("7", (7, 0)),
        ] {
            let t = parse_time(typed).unwrap_or_else(|| panic!("{typed}"));
            assert_eq!((t.hour(), t.minute()), want, "{typed}");
        }
        for nonsense in ["", "25:00", "14:60", "noon", "14:5:3", "123456"] {
            assert_eq!(parse_time(nonsense), None, "{nonsense}");
        }
        let v = Value::String("2026-12-01 14h05".into());
        assert_eq!(
            parse_date_time("occurred_at", &v)
                .unwrap()
                .naive_local()
                .to_string(),
            "2026-12-01 14:05:00"
        );
    }

    #[test]
    fn dates_keep_their_offset_and_refuse_nonsense() {
        let v = Value::String("2026-03-01T09:15:00+01:00".into());
        assert_eq!(
            parse_date_time("occurred_at", &v).unwrap().to_rfc3339(),
            "2026-03-01T09:15:00+01:00"
        );
        let v = Value::String("yesterday".into());
        assert!(
            parse_date_time("occurred_at", &v)
                .unwrap_err()
                .to_string()
                .starts_with("occurred_at: not a date-time; use e.g.")
        );
        assert!(parse_date("--from", "2026-13-01").is_err());
    }

    #[test]
    fn field_lists_match_the_types() {
        let contact = Contact {
            duration_min: Some(1),
            mode: Some(ContactMode::Phone),
            setting: Some(Setting::Office),
            format: Some(ContactFormat::Group),
            group_size: Some(2),
            domains: vec![Domain::Housing],
            activities: vec![Activity::Listening],
            referral: Some(ReferralType::Other),
            next_step: Some("x".into()),
            follow_up_on: NaiveDate::from_ymd_opt(2026, 1, 1),
            collaborative: true,
        };
        let wellbeing = Wellbeing {
            mood: Some(1),
            energy: Some(1),
            stress: Some(1),
            sleep_hours: Some(1.0),
            triggered: true,
            triggered_by: Some("x".into()),
            self_care: vec![SelfCare::Rest],
            support_used: Some("x".into()),
        };
        let moment = Moment {
            themes: vec![MomentTheme::Trust],
            values: vec![PeerValue::Hopeful],
            why_it_mattered: Some("x".into()),
        };
        let boundary = Boundary {
            category: BoundaryCategory::Other,
            intensity: Some(1),
            action: Some("x".into()),
            bring_to_supervision: true,
            resolved: true,
        };
        for details in [
            Details::Contact(contact),
            Details::Moment(moment),
            Details::Boundary(boundary),
            Details::Wellbeing(wellbeing),
        ] {
            let map = details.fields_json();
            let keys: Vec<&str> = map
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "kind")
                .collect();
            let mut expected = Details::fields(details.kind()).to_vec();
            expected.sort();
            let mut keys = keys;
            keys.sort();
            assert_eq!(keys, expected);
        }
    }
}
