//! The people list: looking people up, adding and renaming them, and keeping the list sorted.

use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::{Person, PersonDraft};
use crate::store::Table;

use super::cache::aliases;
use super::{Vault, now_utc};

impl Vault {
    /// The people list, sorted by alias.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The person with this id.
    pub fn person(&self, id: &RecordId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == *id)
    }

    /// The person whose alias or name is `typed` (any case).
    pub fn find_person(&self, typed: &str) -> Option<&Person> {
        crate::person::lookup(self.people.iter(), typed)
    }

    pub(super) fn commit_people(&mut self, new_people: Vec<Person>) {
        if new_people.is_empty() {
            return;
        }
        self.people.extend(new_people);
        self.people.sort_by_key(|p| p.alias.to_lowercase());
    }

    /// Adds someone to the people list.
    pub fn add_person(&mut self, mut draft: PersonDraft) -> Result<RecordId> {
        draft.validate()?;
        if self.find_person(&draft.alias).is_some() {
            return Err(Error::invalid("alias", "alias_taken"));
        }
        let now = now_utc();
        let person = Person {
            id: RecordId::random(),
            alias: std::mem::take(&mut draft.alias),
            name: draft.name.take(),
            details: draft.details.take(),
            created_at: now,
            updated_at: now,
        };
        let id = person.id;
        self.store
            .write(&[self.seal_record(Table::People, id, &person)?])?;
        self.commit_people(vec![person]);
        Ok(id)
    }

    /// Changes a person's alias and private details.
    pub fn update_person(&mut self, id: &RecordId, mut draft: PersonDraft) -> Result<()> {
        draft.validate()?;
        let old = self.person(id).ok_or_else(|| Error::NotFound {
            what: "person",
            id: id.to_hex(),
        })?;
        if let Some(other) = self.find_person(&draft.alias)
            && other.id != *id
        {
            return Err(Error::invalid("alias", "alias_taken"));
        }
        let person = Person {
            id: *id,
            alias: std::mem::take(&mut draft.alias),
            name: draft.name.take(),
            details: draft.details.take(),
            created_at: old.created_at,
            updated_at: now_utc(),
        };
        self.store
            .write(&[self.seal_record(Table::People, *id, &person)?])?;
        self.people.retain(|p| p.id != *id);
        self.commit_people(vec![person]);
        // Entries are found by their person's alias, so re-index that person's entries.
        if let Some(cache) = &mut self.entries {
            let aliases = aliases(&self.people);
            let theirs: Vec<Entry> = cache
                .slots
                .iter()
                .flatten()
                .filter(|e| e.person == Some(*id))
                .cloned()
                .collect();
            for entry in theirs {
                cache.insert(entry, &aliases);
            }
        }
        Ok(())
    }
}
