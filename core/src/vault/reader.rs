//! Reading the unlocked vault: filters, listings, search, and entries as JSON.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::cache::{EntryCache, order_key};
use crate::entry::{AgendaState, Entry};
use crate::id::RecordId;
use crate::person::Person;
use crate::search::Query;
use crate::vocab::Kind;

/// A filter as people type it: a kind's code, days as `YYYY-MM-DD`, a tag, and a person's alias
/// or name. Front doors pass this along; [`super::Vault::filter`] checks it and resolves it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FilterText {
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub tag: Option<String>,
    pub person: Option<String>,
    /// `queued` or `discussed`: only entries in that place on the supervision agenda.
    pub agenda: Option<String>,
    /// Show the bin (deleted entries) instead of the journal.
    pub deleted: bool,
}

/// Which entries a listing includes, beyond its other filters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Deleted {
    /// Only entries that are not deleted.
    #[default]
    Hide,
    /// Only deleted entries (the bin).
    Only,
    /// Both.
    Include,
}

/// What to list: every field is optional and they combine with "and".
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<Kind>,
    /// First day included, in each entry's own time zone.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    pub tag: Option<String>,
    pub person: Option<RecordId>,
    pub agenda: Option<AgendaState>,
    pub deleted: Deleted,
}

impl Filter {
    /// True when `entry` passes every part of the filter.
    pub fn matches(&self, entry: &Entry) -> bool {
        let day = entry.occurred_at.date_naive();
        self.kind.is_none_or(|k| entry.kind() == k)
            && self.from.is_none_or(|d| day >= d)
            && self.to.is_none_or(|d| day <= d)
            && self
                .tag
                .as_deref()
                .is_none_or(|t| entry.tags.iter().any(|x| x.eq_ignore_ascii_case(t.trim())))
            && self.person.is_none_or(|p| entry.person == Some(p))
            && self.agenda.is_none_or(|a| entry.agenda_state() == Some(a))
            && match self.deleted {
                Deleted::Hide => !entry.is_deleted(),
                Deleted::Only => entry.is_deleted(),
                Deleted::Include => true,
            }
    }
}

/// Read access to the unlocked entries and people.
pub struct Reader<'a> {
    pub(super) entries: &'a EntryCache,
    pub(super) people: &'a [Person],
}

impl<'a> Reader<'a> {
    /// Number of entries in memory, deleted ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the vault holds no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// The entries passing `filter`, newest first. Lazy, so a page of a long timeline costs only
    /// that page.
    pub fn list(&self, filter: &'a Filter) -> impl Iterator<Item = &'a Entry> + 'a {
        let cache = self.entries;
        cache
            .order
            .iter()
            .map(move |&slot| cache.entry_at(slot))
            .filter(move |e| filter.matches(e))
    }

    /// The entries matching `query` and `filter`, newest first.
    pub fn search(&self, query: &str, filter: &Filter) -> Vec<&'a Entry> {
        let query = Query::parse(query);
        let mut hits: Vec<&Entry> = self
            .entries
            .index(self.people)
            .search(&query)
            .into_iter()
            .map(|slot| self.entries.entry_at(slot))
            .filter(|e| filter.matches(e))
            .collect();
        hits.sort_unstable_by_key(|e| order_key(e));
        hits
    }

    /// The entry with this id.
    pub fn get(&self, id: &RecordId) -> Option<&'a Entry> {
        self.entries.get(id)
    }

    /// The people list.
    pub fn people(&self) -> &'a [Person] {
        self.people
    }

    /// The person with this id.
    pub fn person(&self, id: &RecordId) -> Option<&'a Person> {
        self.people.iter().find(|p| p.id == *id)
    }

    /// An entry as flat JSON, the shape `add` takes plus id and timestamps, with the person's
    /// alias in place of their id.
    pub fn to_json(&self, entry: &Entry) -> Value {
        entry_json(entry, entry.person.and_then(|p| self.person(&p)))
    }
}

/// An entry as flat JSON (see [`Reader::to_json`]).
pub fn entry_json(entry: &Entry, person: Option<&Person>) -> Value {
    let mut map = Map::new();
    map.insert("id".into(), Value::String(entry.id.to_hex()));
    map.insert("kind".into(), Value::String(entry.kind().code().into()));
    map.insert(
        "occurred_at".into(),
        Value::String(entry.occurred_at.to_rfc3339()),
    );
    map.insert("text".into(), Value::String(entry.text.clone()));
    map.insert(
        "person".into(),
        person.map_or(Value::Null, |p| Value::String(p.alias.clone())),
    );
    map.insert(
        "tags".into(),
        Value::Array(entry.tags.iter().cloned().map(Value::String).collect()),
    );
    map.insert("share".into(), Value::Bool(entry.share));
    map.insert("agenda".into(), Value::Bool(entry.agenda));
    map.insert("discussed".into(), Value::Bool(entry.discussed));
    if let Some(state) = entry.agenda_state() {
        map.insert("agenda_state".into(), Value::String(state.code().into()));
    }
    for (k, v) in entry.details.fields_json() {
        map.insert(k, v);
    }
    map.insert(
        "created_at".into(),
        Value::String(entry.created_at.to_rfc3339()),
    );
    map.insert(
        "updated_at".into(),
        Value::String(entry.updated_at.to_rfc3339()),
    );
    if let Some(d) = entry.deleted_at {
        map.insert("deleted_at".into(), Value::String(d.to_rfc3339()));
    }
    Value::Object(map)
}

/// A person as JSON for the app's people list: id, alias and the optional private fields.
pub fn person_json(person: &Person) -> Value {
    serde_json::json!({
        "id": person.id.to_hex(),
        "alias": person.alias,
        "name": person.name,
        "details": person.details,
    })
}
