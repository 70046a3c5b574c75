//! Reading the unlocked vault: filters, listings, search, and entries as JSON.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::cache::{EntryCache, order_key};
use crate::entry::{AgendaState, Boundary, Contact, Details, Entry, Moment, Wellbeing};
use crate::i18n::Language;
use crate::id::RecordId;
use crate::person::Person;
use crate::search::Query;
use crate::vocab::Kind;
use crate::when::When;
use zeroize::Zeroize;

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
        let slots = self.entries.index(self.people).search(&query);
        // A common word hits a good share of the journal: walking the timeline's order once
        // then beats sorting the hits. A rare one is quicker sorted.
        if slots.len() * 16 > self.entries.order.len() {
            let mut hit = vec![false; self.entries.slots.len()];
            for &slot in &slots {
                hit[slot as usize] = true;
            }
            return self
                .entries
                .order
                .iter()
                .filter(|&&slot| hit[slot as usize])
                .map(|&slot| self.entries.entry_at(slot))
                .filter(|e| filter.matches(e))
                .collect();
        }
        let mut hits: Vec<&Entry> = slots
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
    /// `entry` ready to show, with its person and, given `words`, when it happened in words.
    pub fn view(&self, entry: &Entry, words: Option<(Language, NaiveDate)>) -> EntryView {
        EntryView::new(entry, entry.person.and_then(|p| self.person(&p)), words)
    }

    /// alias in place of their id.
    pub fn to_json(&self, entry: &Entry) -> Value {
        entry_json(entry, entry.person.and_then(|p| self.person(&p)))
    }
}

/// An entry as the front doors show it: the shape `add` takes, plus its id, timestamps and place
/// on the agenda, with the person's alias in place of their id, and optionally when it happened
/// as words in the reader's language.
#[derive(Debug, Serialize)]
pub struct EntryShape<'a> {
    pub id: String,
    pub kind: Kind,
    pub occurred_at: String,
    pub text: &'a str,
    pub person: Option<&'a str>,
    pub tags: &'a [String],
    pub share: bool,
    pub agenda: bool,
    pub discussed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agenda_state: Option<&'static str>,
    #[serde(flatten)]
    pub details: FlatDetails<'a>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<When>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marks: Option<Marks>,
}

/// Where a search matched an entry's words, its person's alias and each tag, as `(start, end)`
/// UTF-16 offsets (see [`crate::search::marks`]), so the UI marks them without matching again.
#[derive(Debug, Clone, Serialize)]
pub struct Marks {
    pub text: Vec<(usize, usize)>,
    pub person: Vec<(usize, usize)>,
    pub tags: Vec<Vec<(usize, usize)>>,
}

/// A kind's own fields, flattened beside the common ones.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum FlatDetails<'a> {
    Contact(&'a Contact),
    Moment(&'a Moment),
    Boundary(&'a Boundary),
    Wellbeing(&'a Wellbeing),
}

impl<'a> EntryShape<'a> {
    /// `entry` with `person` (its person's alias, if any) for showing; with `words`, also when
    /// it happened in that language as read on that day.
    pub fn new(
        entry: &'a Entry,
        person: Option<&'a str>,
        words: Option<(Language, NaiveDate)>,
    ) -> Self {
        EntryShape {
            id: entry.id.to_hex(),
            kind: entry.kind(),
            occurred_at: entry.occurred_at.to_rfc3339(),
            text: &entry.text,
            person,
            tags: &entry.tags,
            share: entry.share,
            agenda: entry.agenda,
            discussed: entry.discussed,
            agenda_state: entry.agenda_state().map(AgendaState::code),
            details: match &entry.details {
                Details::Contact(c) => FlatDetails::Contact(c),
                Details::Moment(m) => FlatDetails::Moment(m),
                Details::Boundary(b) => FlatDetails::Boundary(b),
                Details::Wellbeing(w) => FlatDetails::Wellbeing(w),
            },
            created_at: entry.created_at.to_rfc3339(),
            updated_at: entry.updated_at.to_rfc3339(),
            deleted_at: entry.deleted_at.map(|d| d.to_rfc3339()),
            when: words.map(|(lang, today)| When::of(lang, entry.occurred_at, today)),
            marks: None,
        }
    }
}

/// An entry to show, owned so it can leave the vault's lock: a copy of the entry (wiped on
/// drop, as every entry is), its person's alias and when it happened in words. It serializes
/// as [`EntryShape`].
#[derive(Debug, Clone)]
pub struct EntryView {
    entry: Entry,
    person: Option<String>,
    when: Option<When>,
    marks: Option<Marks>,
}

impl EntryView {
    pub fn new(
        entry: &Entry,
        person: Option<&Person>,
        words: Option<(Language, NaiveDate)>,
    ) -> Self {
        EntryView {
            entry: entry.clone(),
            person: person.map(|p| p.alias.clone()),
            when: words.map(|(lang, today)| When::of(lang, entry.occurred_at, today)),
            marks: None,
        }
    }

    /// The entry with where `query` matched it marked.
    pub fn marked(mut self, query: &Query) -> Self {
        self.marks = Some(Marks {
            text: crate::search::marks(query, &self.entry.text),
            person: self
                .person
                .as_deref()
                .map(|p| crate::search::marks(query, p))
                .unwrap_or_default(),
            tags: self
                .entry
                .tags
                .iter()
                .map(|t| crate::search::marks(query, t))
                .collect(),
        });
        self
    }

    /// The entry shown.
    pub fn entry(&self) -> &Entry {
        &self.entry
    }
}

impl Drop for EntryView {
    fn drop(&mut self) {
        self.person.zeroize();
    }
}

impl Serialize for EntryView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut shape = EntryShape::new(&self.entry, self.person.as_deref(), None);
        shape.when = self.when.clone();
        shape.marks = self.marks.clone();
        shape.serialize(s)
    }
}

/// An entry as flat JSON (see [`EntryShape`]), for the command line's `--json`.
pub fn entry_json(entry: &Entry, person: Option<&Person>) -> Value {
    serde_json::to_value(EntryShape::new(
        entry,
        person.map(|p| p.alias.as_str()),
        None,
    ))
    .expect("an entry always serializes")
}

/// A person as the app's people screen shows them: id, alias and the optional private fields,
/// owned so they can leave the vault's lock, and wiped on drop.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub id: String,
    pub alias: String,
    pub name: Option<String>,
    pub details: Option<String>,
}

impl PersonView {
    pub fn new(person: &Person) -> Self {
        PersonView {
            id: person.id.to_hex(),
            alias: person.alias.clone(),
            name: person.name.clone(),
            details: person.details.clone(),
        }
    }
}

impl Drop for PersonView {
    fn drop(&mut self) {
        self.alias.zeroize();
        self.name.zeroize();
        self.details.zeroize();
    }
}

/// A person as JSON (see [`PersonView`]).
pub fn person_json(person: &Person) -> Value {
    serde_json::to_value(PersonView::new(person)).expect("a person always serializes")
}
