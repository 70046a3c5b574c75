//! The decrypted entries held in memory while the vault is unlocked, and their search buffer.

use std::collections::HashMap;
use std::sync::OnceLock;

use zeroize::Zeroizing;

use crate::entry::Entry;
use crate::id::RecordId;
use crate::person::Person;
use crate::search::{SearchIndex, build_segment};

/// Entries in memory while the vault is unlocked. Entries sit in numbered slots; the timeline
/// order and the search buffer refer to slots, so neither needs to hash ids.
#[derive(Default)]
pub(super) struct EntryCache {
    pub(super) slots: Vec<Option<Entry>>,
    pub(super) free: Vec<u32>,
    pub(super) slot_of: HashMap<RecordId, u32>,
    /// Slots, newest first.
    pub(super) order: Vec<u32>,
    /// Built on the first search rather than at unlock, so opening the timeline never waits
    /// for it; kept up to date on every save once built.
    pub(super) index: OnceLock<SearchIndex>,
}

/// The order entries are listed in, newest first.
pub(super) type OrderKey = std::cmp::Reverse<(i64, i64, RecordId)>;

/// Sort key for newest first: the later `occurred_at` first; at the same time (entries written
/// within the same minute on a phone share one), the one saved later; the id only breaks ties
/// between records saved in the same microsecond, so the order never changes between listings.
pub(super) fn order_key(entry: &Entry) -> OrderKey {
    std::cmp::Reverse((
        entry.occurred_at.timestamp_micros(),
        entry.created_at.timestamp_micros(),
        entry.id,
    ))
}

impl EntryCache {
    pub(super) fn get(&self, id: &RecordId) -> Option<&Entry> {
        self.slot_of
            .get(id)
            .and_then(|&s| self.slots[s as usize].as_ref())
    }

    pub(super) fn entry_at(&self, slot: u32) -> &Entry {
        self.slots[slot as usize]
            .as_ref()
            .expect("ordered and indexed slots hold entries")
    }

    pub(super) fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub(super) fn position(&self, key: &OrderKey) -> usize {
        self.order
            .partition_point(|&s| order_key(self.entry_at(s)) < *key)
    }

    /// Adds or replaces one entry (a save while unlocked).
    pub(super) fn insert(&mut self, entry: Entry, aliases: &HashMap<RecordId, &str>) {
        let slot = match self.slot_of.get(&entry.id) {
            Some(&slot) => {
                let at = self.position(&order_key(self.entry_at(slot)));
                self.order.remove(at);
                slot
            }
            None => {
                let slot = self.free.pop().unwrap_or(self.slots.len() as u32);
                if slot as usize == self.slots.len() {
                    self.slots.push(None);
                }
                self.slot_of.insert(entry.id, slot);
                slot
            }
        };
        let at = self.position(&order_key(&entry));
        self.order.insert(at, slot);
        if let Some(index) = self.index.get_mut() {
            let mut segment = Zeroizing::new(Vec::with_capacity(512));
            build_segment(search_pieces(&entry, aliases), &mut segment);
            index.append(slot, &segment, &[segment.len() as u32]);
        }
        self.slots[slot as usize] = Some(entry);
    }

    /// The search buffer, built across the cores on first use.
    pub(super) fn index(&self, people: &[Person]) -> &SearchIndex {
        self.index.get_or_init(|| {
            let aliases = aliases(people);
            let numbered: Vec<(u32, &Entry)> = self
                .slots
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.as_ref().map(|e| (i as u32, e)))
                .collect();
            let parts = crate::par::chunks(&numbered, |chunk| {
                let mut hay = Zeroizing::new(Vec::with_capacity(chunk.len() * 400));
                let mut segments = Vec::with_capacity(chunk.len());
                for &(slot, entry) in chunk {
                    let before = hay.len();
                    build_segment(search_pieces(entry, &aliases), &mut hay);
                    segments.push((slot, (hay.len() - before) as u32));
                }
                (hay, segments)
            });
            let bytes = parts.iter().map(|p| p.0.len()).sum();
            let mut index = SearchIndex::with_capacity(bytes, numbered.len());
            for (hay, segments) in parts {
                index.append_slots(&hay, &segments);
            }
            index
        })
    }

    pub(super) fn remove(&mut self, id: &RecordId) {
        if let Some(slot) = self.slot_of.remove(id) {
            let at = self.position(&order_key(self.entry_at(slot)));
            self.order.remove(at);
            if let Some(index) = self.index.get_mut() {
                index.remove(slot);
            }
            self.slots[slot as usize] = None;
            self.free.push(slot);
        }
    }
}

/// Everything search looks at in an entry: its texts, tags, the person's alias and the codes of
/// its vocabularies ("housing" finds housing contacts; `_` separates words for search).
pub(super) fn search_pieces<'a>(
    entry: &'a Entry,
    aliases: &HashMap<RecordId, &'a str>,
) -> impl Iterator<Item = &'a str> {
    let alias = entry.person.and_then(|p| aliases.get(&p).copied());
    std::iter::once(entry.text.as_str())
        .chain(entry.tags.iter().map(String::as_str))
        .chain(alias)
        .chain(entry.details.texts())
        .chain(entry.details.codes())
}

/// Each person's alias by id, for indexing their entries.
pub(super) fn aliases(people: &[Person]) -> HashMap<RecordId, &str> {
    people.iter().map(|p| (p.id, p.alias.as_str())).collect()
}
