//! Moving many records at once: streaming rows through decryption on every core, and saving
//! batches with parsing, checking, encryption and writing overlapped.

use chrono::{DateTime, SubsecRound, Utc};

use super::cache::aliases;
use super::records::{crypto_body, open_json, seal_record};
use super::{DamagedRecord, Vault, now_local, now_utc};
use crate::entry::{Entry, EntryDraft};
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::Person;
use crate::store::{RawRecord, Table, Write};

/// Drafts per chunk in the saving pipeline.
pub(super) const PIPELINE_CHUNK: usize = 256;

/// A chunk of entries and their sealed writes, from the encryption workers.
pub(super) type Sealed = (Vec<Entry>, Result<Vec<Write>>);

/// Worker threads to use: one per core, within reason.
pub(super) fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
}

/// Parsed chunks, handed on in their original order whatever order the workers finish in.
pub(super) struct InOrder<T> {
    pub(super) rx: std::sync::mpsc::Receiver<(usize, Result<T>)>,
    pub(super) pending: std::collections::BTreeMap<usize, Result<T>>,
    pub(super) next: usize,
    pub(super) total: usize,
}

impl<T> Iterator for InOrder<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        if self.next == self.total {
            return None;
        }
        loop {
            if let Some(chunk) = self.pending.remove(&self.next) {
                self.next += 1;
                return Some(chunk);
            }
            match self.rx.recv() {
                Ok((i, chunk)) => {
                    self.pending.insert(i, chunk);
                }
                Err(_) => {
                    return Some(Err(Error::Storage("the parsing workers stopped".into())));
                }
            }
        }
    }
}

/// Turns a checked draft into a new entry: resolves its person (creating them if new), and
/// gives it a fresh id or, for a re-imported dump, keeps its own after checking it is unused.
pub(super) fn entry_from_draft(
    mut draft: EntryDraft,
    people: &[Person],
    new_people: &mut Vec<Person>,
    seen: &mut std::collections::HashSet<RecordId>,
    w: &crate::store::TxWriter,
    now: DateTime<Utc>,
) -> Result<Entry> {
    draft.validate()?;
    let person = draft
        .person
        .as_deref()
        .map(|name| person_for(people, name, new_people, now));
    let record = draft.record.take();
    // A fresh id is 128 random bits and cannot collide; only ids carried in from a dump are
    // checked against the vault.
    let id = match &record {
        Some(r) => {
            if !seen.insert(r.id) || w.contains(Table::Entries, &r.id)? {
                return Err(Error::invalid("id", "id_exists").with("id", r.id));
            }
            r.id
        }
        None => RecordId::random(),
    };
    let created_at = record.as_ref().and_then(|r| r.created_at).unwrap_or(now);
    Ok(Entry {
        id,
        occurred_at: draft
            .occurred_at
            .map(|t| t.trunc_subsecs(6))
            .unwrap_or_else(now_local),
        text: std::mem::take(&mut draft.text),
        person,
        tags: std::mem::take(&mut draft.tags),
        share: draft.share,
        agenda: draft.agenda.unwrap_or(false),
        discussed: draft.discussed.unwrap_or(false),
        created_at,
        updated_at: record
            .as_ref()
            .and_then(|r| r.updated_at)
            .unwrap_or(created_at),
        deleted_at: record.as_ref().and_then(|r| r.deleted_at),
        details: draft.details.clone(),
    })
}

/// The id of the person called `name` among `people` and those being added, creating them
/// (alias only) if nobody answers to it.
pub(super) fn person_for(
    people: &[Person],
    name: &str,
    new_people: &mut Vec<Person>,
    now: DateTime<Utc>,
) -> RecordId {
    if let Some(p) = crate::person::lookup(people.iter().chain(new_people.iter()), name) {
        return p.id;
    }
    let person = Person {
        id: RecordId::random(),
        alias: name.trim().to_string(),
        name: None,
        details: None,
        created_at: now,
        updated_at: now,
    };
    let id = person.id;
    new_people.push(person);
    id
}

impl Vault {
    /// Streams every entry row to `visit` on worker threads, one per core, while this thread
    /// reads the next rows from SQLite. `visit` gets each record's id and decrypted JSON and
    /// returns `Err(())` when the JSON is unreadable, `Ok(None)` to skip it, or `Ok(Some(_))`
    /// to keep it. Kept values come back in file order; records that fail to decrypt or parse
    /// are added to the damaged list.
    pub(super) fn scan_entries<R: Send>(
        &mut self,
        visit: impl Fn(RecordId, &[u8]) -> std::result::Result<Option<R>, ()> + Sync,
    ) -> Result<Vec<R>> {
        let vault_id = *self.store.vault_id();
        let key = &self.key;
        let threads = cores();
        type Part<R> = (usize, Vec<R>, Vec<DamagedRecord>);
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<RawRecord>)>(threads * 2);
        let rx = std::sync::Mutex::new(rx);
        let store = &self.store;
        let visit = &visit;
        let (read, mut parts) = std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let rx = &rx;
                    s.spawn(move || {
                        let mut done: Vec<Part<R>> = Vec::new();
                        loop {
                            let next = rx.lock().map(|rx| rx.recv());
                            let Ok(Ok((n, batch))) = next else { break };
                            let mut kept = Vec::new();
                            let mut damaged = Vec::new();
                            for raw in &batch {
                                let opened = open_json(&vault_id, key, Table::Entries, raw);
                                match opened.map(|(id, json)| visit(id, crypto_body(&json))) {
                                    Some(Ok(Some(value))) => kept.push(value),
                                    Some(Ok(None)) => {}
                                    _ => damaged.push(Self::damaged_record(Table::Entries, raw)),
                                }
                            }
                            done.push((n, kept, damaged));
                        }
                        done
                    })
                })
                .collect();
            let mut n = 0;
            let read = store.records_in_batches(Table::Entries, 2048, |batch| {
                // A closed channel means every worker stopped, which only a panic does.
                let _ = tx.send((n, batch));
                n += 1;
            });
            drop(tx);
            let parts: Vec<Part<R>> = workers
                .into_iter()
                .flat_map(|w| w.join().expect("a decryption worker panicked"))
                .collect();
            (read, parts)
        });
        read?;
        parts.sort_unstable_by_key(|p| p.0);
        let mut out = Vec::new();
        for (_, kept, damaged) in parts {
            self.damaged.extend(damaged);
            out.extend(kept);
        }
        Ok(out)
    }

    /// Saves chunks of numbered drafts, arriving in order, in one transaction: all or none.
    ///
    /// Each chunk is checked and turned into entries on this thread (people are resolved here, in
    /// order); with `parallel`, worker threads then serialise, pad and encrypt it while this
    /// thread writes the chunks already sealed, so encryption hides behind SQLite. An error
    /// names `label` and the draft's number ("line 12") and rolls everything back.
    pub(super) fn save_pipeline(
        &mut self,
        chunks: impl Iterator<Item = Result<Vec<(usize, EntryDraft)>>>,
        label: Option<&str>,
        parallel: bool,
    ) -> Result<Vec<RecordId>> {
        let now = now_utc();
        let vault_id = *self.store.vault_id();
        let (store, key, people) = (&mut self.store, &self.key, &self.people);
        let seal_chunk = |chunk: &[Entry]| -> Result<Vec<Write>> {
            chunk
                .iter()
                .map(|e| seal_record(&vault_id, key, Table::Entries, e.id, e))
                .collect()
        };
        let (saved, new_people) = store.write_with(|w| {
            let (job_tx, job_rx) = std::sync::mpsc::channel::<Vec<Entry>>();
            let job_rx = std::sync::Mutex::new(job_rx);
            std::thread::scope(|s| {
                // Owned by this closure, so any early return hangs up on the workers, which then
                // stop, and the scope can end.
                let job_tx = job_tx;
                let (done_tx, done_rx) = std::sync::mpsc::channel::<Sealed>();
                for _ in 0..if parallel { cores() } else { 0 } {
                    let (job_rx, done_tx, seal_chunk) = (&job_rx, done_tx.clone(), &seal_chunk);
                    s.spawn(move || {
                        loop {
                            let job = job_rx.lock().map(|rx| rx.recv());
                            let Ok(Ok(chunk)) = job else { break };
                            let sealed = seal_chunk(&chunk);
                            // The writer hangs up only after an error: then stop as well.
                            if done_tx.send((chunk, sealed)).is_err() {
                                break;
                            }
                        }
                    });
                }
                drop(done_tx);
                let mut saved: Vec<Entry> = Vec::new();
                let mut write = |(chunk, sealed): Sealed| -> Result<()> {
                    w.apply(&sealed?)?;
                    saved.extend(chunk);
                    Ok(())
                };
                let mut new_people = Vec::new();
                let mut seen = std::collections::HashSet::new();
                let mut in_flight = 0usize;
                for chunk in chunks {
                    let mut built = Vec::new();
                    for (n, draft) in chunk? {
                        let entry =
                            entry_from_draft(draft, people, &mut new_people, &mut seen, w, now)
                                .map_err(|e| match label {
                                    Some(label) => e.in_context(&format!("{label} {n}")),
                                    None => e,
                                })?;
                        built.push(entry);
                    }
                    if !parallel {
                        let sealed = seal_chunk(&built);
                        write((built, sealed))?;
                        continue;
                    }
                    job_tx
                        .send(built)
                        .map_err(|_| Error::Storage("the encryption workers stopped".into()))?;
                    in_flight += 1;
                    while let Ok(done) = done_rx.try_recv() {
                        in_flight -= 1;
                        write(done)?;
                    }
                }
                drop(job_tx);
                for _ in 0..in_flight {
                    let done = done_rx
                        .recv()
                        .map_err(|_| Error::Storage("the encryption workers stopped".into()))?;
                    write(done)?;
                }
                for p in &new_people {
                    w.apply(&[seal_record(&vault_id, key, Table::People, p.id, p)?])?;
                }
                Ok((saved, new_people))
            })
        })?;
        let ids = saved.iter().map(|e| e.id).collect();
        self.commit_people(new_people);
        if let Some(cache) = &mut self.entries {
            let aliases = aliases(&self.people);
            for e in saved {
                cache.insert(e, &aliases);
            }
        }
        Ok(ids)
    }
}
