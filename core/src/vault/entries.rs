//! Entries: loading them into memory, searching, finding one by id, and every change to them
//! (add, import, update, the agenda marks, delete to the bin, restore, purge).

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::SubsecRound;

use crate::entry::{AgendaState, Details, Entry, EntryDraft};
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::Person;
use crate::search::{self, Query};
use crate::store::{Table, Write};
use crate::vocab::Kind;

use super::cache::{EntryCache, aliases, order_key, search_pieces};
use super::pipeline::{InOrder, PIPELINE_CHUNK, cores, person_for};
use super::{Filter, Reader, Vault, not_found, now_utc};

/// Shortest id prefix `show` and `delete` accept.
pub const MIN_ID_PREFIX: usize = 4;

impl Vault {
    /// What a new entry of `kind` starts with in a form (see [`crate::form::defaults`]): now,
    /// and for a contact, the mode and setting of the latest one.
    pub fn entry_defaults(
        &mut self,
        kind: Kind,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        let last_contact = if kind == Kind::Contact {
            let filter = Filter {
                kind: Some(Kind::Contact),
                ..Filter::default()
            };
            self.reader()?.list(&filter).next().cloned()
        } else {
            None
        };
        Ok(crate::form::defaults(
            kind,
            super::now_local(),
            last_contact.as_ref(),
        ))
    }

    /// Decrypts every entry into memory (if not done yet) for lists and search.
    pub fn load_entries(&mut self) -> Result<()> {
        if self.entries.is_some() {
            return Ok(());
        }
        let entries = self.scan_entries(|id, json| {
            let mut entry: Entry = serde_json::from_slice(json).map_err(|_| ())?;
            entry.id = id;
            Ok(Some(entry))
        })?;
        let total = entries.len();
        let mut cache = EntryCache {
            slots: Vec::with_capacity(total),
            free: Vec::new(),
            slot_of: HashMap::with_capacity(total),
            order: Vec::with_capacity(total),
            index: OnceLock::new(),
        };
        for entry in entries {
            cache.slot_of.insert(entry.id, cache.slots.len() as u32);
            cache.slots.push(Some(entry));
        }
        let keys: Vec<_> = cache
            .slots
            .iter()
            .map(|e| order_key(e.as_ref().expect("just loaded")))
            .collect();
        cache.order = (0..cache.slots.len() as u32).collect();
        cache.order.sort_unstable_by_key(|&s| keys[s as usize]);
        self.entries = Some(cache);
        Ok(())
    }

    /// Entries matching `query` and `filter`, newest first, for one-off searches (the command
    /// line). When entries are already in memory this is [`Reader::search`]; otherwise the file
    /// is scanned once and only the matches are kept, so a search never holds the whole vault
    /// in memory nor parses records that cannot match.
    pub fn search_entries(&mut self, query: &str, filter: &Filter) -> Result<Vec<Entry>> {
        if self.entries.is_some() {
            let reader = self.reader()?;
            return Ok(reader.search(query, filter).into_iter().cloned().collect());
        }
        let query = Query::parse(query);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // An entry's JSON holds everything searchable except its person's alias, and escapes
        // backslashes: in those cases skip the quick test rather than miss a match.
        let people = std::mem::take(&mut self.people);
        let alias_may_match = people.iter().any(|p| search::may_match(&query, &p.alias));
        let quick_test = !alias_may_match && query.terms().iter().all(|t| !t.contains('\\'));
        let aliases = aliases(&people);
        let scanned = self.scan_entries(|id, json| {
            if quick_test && !search::may_match(&query, std::str::from_utf8(json).map_err(|_| ())?)
            {
                return Ok(None);
            }
            let mut entry: Entry = serde_json::from_slice(json).map_err(|_| ())?;
            entry.id = id;
            let hit =
                filter.matches(&entry) && search::matches(&query, search_pieces(&entry, &aliases));
            Ok(hit.then_some(entry))
        });
        drop(aliases);
        self.people = people;
        let mut hits = scanned?;
        hits.sort_unstable_by_key(order_key);
        Ok(hits)
    }

    /// Drops the decrypted entries and the search buffer while staying unlocked, to free memory;
    /// they load again on next use.
    pub fn unload_entries(&mut self) {
        self.entries = None;
        self.damaged.retain(|d| d.what != "entry");
    }

    /// Drops the decrypted entries and reads them again from the file, for when another program
    /// (the CLI beside the app) may have changed it.
    pub fn reload_entries(&mut self) -> Result<()> {
        self.unload_entries();
        self.load_entries()
    }

    /// Read access to entries and people, loading entries first if needed.
    pub fn reader(&mut self) -> Result<Reader<'_>> {
        self.load_entries()?;
        Ok(Reader {
            entries: self.entries.as_ref().expect("loaded just above"),
            people: &self.people,
        })
    }

    /// Finds the entry whose id is `text` or starts with it (at least four hex digits).
    pub fn resolve_entry_id(&mut self, text: &str) -> Result<RecordId> {
        let text = text.trim().to_ascii_lowercase();
        if let Some(id) = RecordId::from_hex(&text) {
            return Ok(id);
        }
        if text.len() < MIN_ID_PREFIX || !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::invalid("id", "not_an_id").with("min", MIN_ID_PREFIX));
        }
        let ids: Vec<RecordId> = match &self.entries {
            Some(cache) => cache.slot_of.keys().copied().collect(),
            None => self.store.ids(Table::Entries)?,
        };
        let mut found = ids.into_iter().filter(|id| id.to_hex().starts_with(&text));
        match (found.next(), found.next()) {
            (Some(id), None) => Ok(id),
            (Some(_), Some(_)) => Err(Error::AmbiguousId(text)),
            (None, _) => Err(Error::NotFound {
                what: "entry",
                id: text,
            }),
        }
    }

    /// One entry, from memory if loaded or else straight from the file.
    pub fn entry(&self, id: &RecordId) -> Result<Entry> {
        if let Some(cache) = &self.entries {
            return cache.get(id).cloned().ok_or_else(|| not_found(id));
        }
        let raw = self
            .store
            .record(Table::Entries, id)?
            .ok_or_else(|| not_found(id))?;
        Self::open_record::<Entry>(self.store.vault_id(), &self.key, Table::Entries, &raw)
            .ok_or_else(|| Error::Damaged {
                detail: format!("entry {id} cannot be decrypted; it was set aside"),
            })
    }

    // ----- entry changes -----

    /// Saves a new entry. Returns its id once the write is durable.
    pub fn add_entry(&mut self, draft: EntryDraft) -> Result<RecordId> {
        Ok(self.add_entries(vec![draft])?[0])
    }

    /// Saves several new entries in one transaction: all are saved, or none.
    pub fn add_entries(&mut self, drafts: Vec<EntryDraft>) -> Result<Vec<RecordId>> {
        let label = (drafts.len() > 1).then_some("entry");
        let parallel = drafts.len() > PIPELINE_CHUNK;
        let numbered: Vec<(usize, EntryDraft)> = drafts
            .into_iter()
            .enumerate()
            .map(|(i, d)| (i + 1, d))
            .collect();
        let mut chunks = Vec::new();
        let mut rest = numbered.into_iter().peekable();
        while rest.peek().is_some() {
            chunks.push(Ok(rest.by_ref().take(PIPELINE_CHUNK).collect()));
        }
        self.save_pipeline(chunks.into_iter(), label, parallel)
    }

    /// Reads JSON Lines (one entry per line, each with `"kind"`) and saves them all in one
    /// transaction, or none: the first bad line is named in the error.
    ///
    /// Worker threads parse chunks of lines while this thread checks, and the sealing workers
    /// encrypt, the chunks already parsed.
    pub fn import_jsonl(&mut self, text: &str) -> Result<Vec<RecordId>> {
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (n + 1, l))
            .collect();
        if lines.is_empty() {
            return Err(Error::invalid("", "no_entries_in_file"));
        }
        let parts: Vec<&[(usize, &str)]> = lines.chunks(PIPELINE_CHUNK).collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::channel();
            for _ in 0..cores() {
                let (tx, parts, next) = (tx.clone(), &parts, &next);
                s.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(part) = parts.get(i) else { break };
                        let parsed: Result<Vec<(usize, EntryDraft)>> = part
                            .iter()
                            .map(|&(n, line)| {
                                EntryDraft::from_json(line, None, true)
                                    .map(|d| (n, d))
                                    .map_err(|e| e.in_context(&format!("line {n}")))
                            })
                            .collect();
                        // The saver hangs up only after an error: then stop as well.
                        if tx.send((i, parsed)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            let in_order = InOrder {
                rx,
                pending: std::collections::BTreeMap::new(),
                next: 0,
                total: parts.len(),
            };
            // Parse errors already carry their line; checks made while saving get it here.
            self.save_pipeline(in_order, Some("line"), true)
        })
    }

    /// Replaces an entry's content, keeping its id, kind and creation time.
    pub fn update_entry(&mut self, id: &RecordId, mut draft: EntryDraft) -> Result<()> {
        draft.validate()?;
        let old = self.entry(id)?;
        if old.kind() != draft.details.kind() {
            return Err(Error::invalid("kind", "kind_fixed").with("kind", old.kind()));
        }
        let now = now_utc();
        let mut new_people = Vec::new();
        let person = match draft.person.as_deref() {
            Some(name) => Some(person_for(&self.people, name, &mut new_people, now)),
            // A check-in's form asks about nobody: an older one that names someone keeps them.
            None if old.kind() == crate::vocab::Kind::Wellbeing => old.person,
            None => None,
        };
        let entry = Entry {
            id: *id,
            occurred_at: draft
                .occurred_at
                .map(|t| t.trunc_subsecs(6))
                .unwrap_or(old.occurred_at),
            text: std::mem::take(&mut draft.text),
            person,
            tags: std::mem::take(&mut draft.tags),
            share: draft.share,
            agenda: old.agenda,
            discussed: draft.discussed.unwrap_or(old.discussed),
            created_at: old.created_at,
            updated_at: now,
            deleted_at: old.deleted_at,
            details: draft.details.clone(),
        };
        let mut entry = entry;
        // An edit that does not mention the agenda keeps the entry's place on it. Ticking it
        // queues the entry again (even one already discussed); unticking takes it off.
        let was = old.agenda_state();
        match draft.agenda {
            Some(true) if was != Some(AgendaState::Queued) => {
                entry.agenda = true;
                entry.discussed = false;
            }
            Some(false) if was == Some(AgendaState::Queued) => entry.agenda = false,
            _ => {}
        }
        // Joining the agenda afresh (say, a boundary issue marked for supervision again)
        // starts a new item, not an already discussed one.
        if was.is_none() && entry.agenda_state().is_some() && draft.discussed.is_none() {
            entry.discussed = false;
        }
        self.save_entry(entry, new_people)
    }

    /// Puts an entry on the supervision agenda (`Some(Queued)`), marks it discussed
    /// (`Some(Discussed)`), or takes it off (`None`, which also clears a boundary issue's
    /// "bring to supervision"). Its words and other fields stay as they were.
    pub fn set_agenda(&mut self, id: &RecordId, state: Option<AgendaState>) -> Result<()> {
        let mut entry = self.entry(id)?;
        match state {
            // A boundary issue is queued through its own "bring to supervision", so the form's
            // checkbox and the agenda never disagree.
            Some(AgendaState::Queued) => {
                if let Details::Boundary(b) = &mut entry.details {
                    b.bring_to_supervision = true;
                }
                entry.discussed = false;
                // Anything else (a resolved boundary issue included) is added explicitly.
                if entry.agenda_state() != Some(AgendaState::Queued) {
                    entry.agenda = true;
                }
            }
            Some(AgendaState::Discussed) => {
                if entry.agenda_state().is_none() {
                    entry.agenda = true;
                }
                entry.discussed = true;
            }
            None => {
                entry.agenda = false;
                entry.discussed = false;
                if let Details::Boundary(b) = &mut entry.details {
                    b.bring_to_supervision = false;
                }
            }
        }
        entry.updated_at = now_utc();
        self.save_entry(entry, Vec::new())
    }

    /// Moves an entry to the bin. It stays in the vault, encrypted, until purged.
    pub fn delete_entry(&mut self, id: &RecordId) -> Result<()> {
        let mut entry = self.entry(id)?;
        if entry.deleted_at.is_none() {
            entry.deleted_at = Some(now_utc());
            self.save_entry(entry, Vec::new())?;
        }
        Ok(())
    }

    /// Brings an entry back from the bin.
    pub fn restore_entry(&mut self, id: &RecordId) -> Result<()> {
        let mut entry = self.entry(id)?;
        if entry.deleted_at.is_some() {
            entry.deleted_at = None;
            self.save_entry(entry, Vec::new())?;
        }
        Ok(())
    }

    /// Removes an entry from the vault for good. Its row is deleted and SQLite overwrites the
    /// freed space.
    pub fn purge_entry(&mut self, id: &RecordId) -> Result<()> {
        if !self.store.contains(Table::Entries, id)? {
            return Err(not_found(id));
        }
        // A draft of changes to it goes in the same transaction: removed for good means its
        // words too.
        let mut writes = vec![Write::Delete {
            table: Table::Entries,
            id: *id,
        }];
        writes.extend(
            self.draft_rows(&format!("edit:{}", id.to_hex()))?
                .into_iter()
                .map(|draft| Write::Delete {
                    table: Table::Drafts,
                    id: draft,
                }),
        );
        self.store.write(&writes)?;
        if let Some(cache) = &mut self.entries {
            cache.remove(id);
        }
        self.damaged.retain(|d| d.id != id.to_hex());
        Ok(())
    }

    fn save_entry(&mut self, entry: Entry, new_people: Vec<Person>) -> Result<()> {
        let mut writes = vec![self.seal_record(Table::Entries, entry.id, &entry)?];
        for p in &new_people {
            writes.push(self.seal_record(Table::People, p.id, p)?);
        }
        self.store.write(&writes)?;
        self.commit_people(new_people);
        if let Some(cache) = &mut self.entries {
            cache.insert(entry, &aliases(&self.people));
        }
        Ok(())
    }
}
