//! The vault: unlocking, the key hierarchy, and every operation on entries and people.
//!
//! Key hierarchy: a passphrase (Argon2id) or the recovery key (HKDF) gives a key-encryption key,
//! which unwraps one random 256-bit data key; the data key seals every record. Changing the
//! passphrase re-wraps the data key and touches nothing else.
//!
//! Entries are decrypted on first use, not at unlock, so a one-off `tandem add` costs the key
//! derivation and one write whatever the vault's size. Once loaded they live in memory, in types
//! that wipe themselves, next to the search buffer; dropping the [`Vault`] (locking) drops all of
//! it, keys included.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, Local, NaiveDate, SubsecRound, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::crypto::{self, KdfParams, RecoveryKey, SALT_LEN, SecretKey};
use crate::entry::{Entry, EntryDraft};
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::{Person, PersonDraft};
use crate::search::{self, Query, SearchIndex, build_segment};
use crate::store::{
    KeySlot, PASSPHRASE_SLOT, RECORD_FORMAT, RECOVERY_SLOT, RawRecord, SlotKdf, Store, Table, Write,
};
use crate::vocab::Kind;

/// Shortest passphrase Tandem accepts, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Shortest id prefix `show` and `delete` accept.
pub const MIN_ID_PREFIX: usize = 4;
/// The data key's id. Stored with every record so a future key rotation can tell keys apart.
const DATA_KEY_ID: u32 = 1;

/// A record that could not be decrypted or read. It is left in the file, untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedRecord {
    /// "entry" or "person".
    pub what: &'static str,
    /// The record's id as stored (hex), or "(malformed id)".
    pub id: String,
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
            && match self.deleted {
                Deleted::Hide => !entry.is_deleted(),
                Deleted::Only => entry.is_deleted(),
                Deleted::Include => true,
            }
    }
}

/// Entries in memory while the vault is unlocked. Entries sit in numbered slots; the timeline
/// order and the search buffer refer to slots, so neither needs to hash ids.
#[derive(Default)]
struct EntryCache {
    slots: Vec<Option<Entry>>,
    free: Vec<u32>,
    slot_of: HashMap<RecordId, u32>,
    /// Slots, newest first.
    order: Vec<u32>,
    /// Built on the first search rather than at unlock, so opening the timeline never waits
    /// for it; kept up to date on every save once built.
    index: OnceLock<SearchIndex>,
}

/// Sort key for newest first: later `occurred_at` first, then the larger id.
fn order_key(entry: &Entry) -> std::cmp::Reverse<(i64, RecordId)> {
    std::cmp::Reverse((entry.occurred_at.timestamp_micros(), entry.id))
}

impl EntryCache {
    fn get(&self, id: &RecordId) -> Option<&Entry> {
        self.slot_of
            .get(id)
            .and_then(|&s| self.slots[s as usize].as_ref())
    }

    fn entry_at(&self, slot: u32) -> &Entry {
        self.slots[slot as usize]
            .as_ref()
            .expect("ordered and indexed slots hold entries")
    }

    fn len(&self) -> usize {
        self.slot_of.len()
    }

    fn position(&self, key: &std::cmp::Reverse<(i64, RecordId)>) -> usize {
        self.order
            .partition_point(|&s| order_key(self.entry_at(s)) < *key)
    }

    /// Adds or replaces one entry (a save while unlocked).
    fn insert(&mut self, entry: Entry, aliases: &HashMap<RecordId, &str>) {
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
    fn index(&self, people: &[Person]) -> &SearchIndex {
        self.index.get_or_init(|| {
            let aliases = aliases(people);
            let numbered: Vec<(u32, &Entry)> = self
                .slots
                .iter()
                .enumerate()
                .filter_map(|(i, e)| e.as_ref().map(|e| (i as u32, e)))
                .collect();
            let parts = par_chunks(&numbered, |chunk| {
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

    fn remove(&mut self, id: &RecordId) {
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
fn search_pieces<'a>(
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

/// Runs `f` over `items` split across the machine's cores; results come back in order.
fn par_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = items.len().div_ceil(threads).max(1);
    if items.len() <= chunk {
        return vec![f(items)];
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}

/// An unlocked vault. Dropping it locks: keys and every decrypted byte are wiped.
pub struct Vault {
    store: Store,
    key: SecretKey,
    people: Vec<Person>,
    entries: Option<EntryCache>,
    damaged: Vec<DamagedRecord>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("path", &self.store.path())
            .finish_non_exhaustive()
    }
}

fn slot_aad(vault_id: &[u8; 16], name: &str, kdf: &SlotKdf, key_id: u32) -> Vec<u8> {
    let mut aad = b"tandem key slot v1".to_vec();
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(name.as_bytes());
    match kdf {
        SlotKdf::Argon2id(p) => {
            aad.extend_from_slice(b"argon2id");
            for v in [p.m_kib, p.t, p.p] {
                aad.extend_from_slice(&v.to_be_bytes());
            }
        }
        SlotKdf::HkdfSha256 => aad.extend_from_slice(b"hkdf-sha256"),
    }
    aad.extend_from_slice(&key_id.to_be_bytes());
    aad
}

/// Associated data of a record: binds the ciphertext to this vault, its table, its row, the key
/// that sealed it and the record format, so it cannot be moved or replayed anywhere else.
fn record_aad(vault_id: &[u8; 16], table: Table, key_id: u32, id: &RecordId) -> [u8; 49] {
    let mut aad = [0u8; 49];
    aad[..10].copy_from_slice(b"tandem rec");
    aad[10..12].copy_from_slice(&RECORD_FORMAT.to_be_bytes());
    aad[12..28].copy_from_slice(vault_id);
    aad[28] = table.tag();
    aad[29..33].copy_from_slice(&key_id.to_be_bytes());
    aad[33..49].copy_from_slice(id.as_bytes());
    aad
}

fn wrap_slot(
    vault_id: &[u8; 16],
    name: &'static str,
    kdf: SlotKdf,
    salt: [u8; SALT_LEN],
    kek: &SecretKey,
    data_key: &SecretKey,
) -> KeySlot {
    let aad = slot_aad(vault_id, name, &kdf, DATA_KEY_ID);
    let (nonce, wrapped) = crypto::seal(kek, &aad, data_key.as_bytes());
    KeySlot {
        name,
        kdf,
        salt,
        key_id: DATA_KEY_ID,
        nonce: nonce.to_vec(),
        wrapped,
    }
}

fn random_salt() -> [u8; SALT_LEN] {
    let mut salt = [0u8; SALT_LEN];
    crypto::fill_random(&mut salt);
    salt
}

fn passphrase_slot(vault_id: &[u8; 16], passphrase: &str, data_key: &SecretKey) -> Result<KeySlot> {
    check_passphrase(passphrase)?;
    let salt = random_salt();
    let params = KdfParams::DEFAULT;
    let kek = crypto::derive_from_passphrase(passphrase.as_bytes(), &salt, params)?;
    Ok(wrap_slot(
        vault_id,
        PASSPHRASE_SLOT,
        SlotKdf::Argon2id(params),
        salt,
        &kek,
        data_key,
    ))
}

fn recovery_slot(vault_id: &[u8; 16], recovery: &RecoveryKey, data_key: &SecretKey) -> KeySlot {
    let salt = random_salt();
    let kek = crypto::derive_from_recovery(recovery, &salt);
    wrap_slot(
        vault_id,
        RECOVERY_SLOT,
        SlotKdf::HkdfSha256,
        salt,
        &kek,
        data_key,
    )
}

/// Checks a new passphrase against the rules (at least [`MIN_PASSPHRASE_CHARS`] characters).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::invalid(
            "passphrase",
            format!("too short; use at least {MIN_PASSPHRASE_CHARS} characters"),
        ));
    }
    Ok(())
}

/// How an unlock was attempted, for the one message each gives when it fails.
enum Secret<'a> {
    Passphrase(&'a str),
    Recovery(&'a RecoveryKey),
}

impl Vault {
    /// Creates a vault at `path` (which must not exist) and returns it unlocked, with the recovery
    /// key to show the worker once.
    pub fn create(path: &Path, passphrase: &str) -> Result<(Vault, RecoveryKey)> {
        check_passphrase(passphrase)?;
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        let mut vault_id = [0u8; 16];
        crypto::fill_random(&mut vault_id);
        let data_key = SecretKey::random();
        let recovery = RecoveryKey::random();
        let slots = [
            passphrase_slot(&vault_id, passphrase, &data_key)?,
            recovery_slot(&vault_id, &recovery, &data_key),
        ];
        let store = Store::create(path, vault_id, &slots)?;
        let vault = Vault {
            store,
            key: data_key,
            people: Vec::new(),
            entries: Some(EntryCache::default()),
            damaged: Vec::new(),
        };
        Ok((vault, recovery))
    }

    /// Unlocks the vault at `path` with its passphrase. A wrong passphrase gives
    /// [`Error::WrongPassphrase`] and writes nothing.
    pub fn open(path: &Path, passphrase: &str) -> Result<Vault> {
        Self::unlock(path, Secret::Passphrase(passphrase))
    }

    /// Unlocks the vault at `path` with its recovery key.
    pub fn open_with_recovery(path: &Path, recovery: &RecoveryKey) -> Result<Vault> {
        Self::unlock(path, Secret::Recovery(recovery))
    }

    fn unlock(path: &Path, secret: Secret) -> Result<Vault> {
        let mut store = Store::open(path)?;
        let (slot_name, wrong) = match secret {
            Secret::Passphrase(_) => (PASSPHRASE_SLOT, Error::WrongPassphrase),
            Secret::Recovery(_) => (RECOVERY_SLOT, Error::WrongRecoveryKey),
        };
        let slot = store.slot(slot_name)?;
        let kek = match (&secret, slot.kdf) {
            (Secret::Passphrase(p), SlotKdf::Argon2id(params)) => {
                crypto::derive_from_passphrase(p.as_bytes(), &slot.salt, params)?
            }
            (Secret::Recovery(r), SlotKdf::HkdfSha256) => {
                crypto::derive_from_recovery(r, &slot.salt)
            }
            _ => {
                return Err(Error::Damaged {
                    detail: format!("its {slot_name} key slot uses the wrong key derivation"),
                });
            }
        };
        let aad = slot_aad(store.vault_id(), slot_name, &slot.kdf, slot.key_id);
        let opened = crypto::open(&kek, &slot.nonce, &aad, &slot.wrapped).ok_or(wrong)?;
        let bytes: [u8; 32] = opened[..].try_into().map_err(|_| Error::Damaged {
            detail: "its data key has the wrong length".into(),
        })?;
        let key = SecretKey::from_bytes(bytes);
        if slot.key_id != DATA_KEY_ID {
            return Err(Error::Damaged {
                detail: format!("its data key has an unknown id {}", slot.key_id),
            });
        }
        store.migrate()?;
        let mut vault = Vault {
            store,
            key,
            people: Vec::new(),
            entries: None,
            damaged: Vec::new(),
        };
        vault.load_people()?;
        Ok(vault)
    }

    /// Re-wraps the data key under a new passphrase. No entry is re-encrypted.
    pub fn change_passphrase(&mut self, new_passphrase: &str) -> Result<()> {
        let slot = passphrase_slot(self.store.vault_id(), new_passphrase, &self.key)?;
        self.store.put_slots(&[slot])
    }

    /// Replaces the recovery key; the old one stops working. Returns the new one to show once.
    pub fn replace_recovery_key(&mut self) -> Result<RecoveryKey> {
        let recovery = RecoveryKey::random();
        let slot = recovery_slot(self.store.vault_id(), &recovery, &self.key);
        self.store.put_slots(&[slot])?;
        Ok(recovery)
    }

    /// The vault file's path.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Locks the vault: the same as dropping it, spelled out where it matters.
    pub fn lock(self) {}

    /// Records that could not be read, found so far. People are checked at unlock, entries when
    /// they are first loaded.
    pub fn damaged(&self) -> &[DamagedRecord] {
        &self.damaged
    }

    // ----- records -----

    fn seal_record<T: Serialize>(&self, table: Table, id: RecordId, value: &T) -> Result<Write> {
        seal_record(self.store.vault_id(), &self.key, table, id, value)
    }

    fn damaged_record(table: Table, raw: &RawRecord) -> DamagedRecord {
        DamagedRecord {
            what: match table {
                Table::Entries => "entry",
                Table::People => "person",
            },
            id: RecordId::from_slice(&raw.id)
                .map(|id| id.to_hex())
                .unwrap_or_else(|| "(malformed id)".into()),
        }
    }

    fn open_record<T: DeserializeOwned + HasId>(
        vault_id: &[u8; 16],
        key: &SecretKey,
        table: Table,
        raw: &RawRecord,
    ) -> Option<T> {
        let (id, padded) = open_json(vault_id, key, table, raw)?;
        let mut value: T = serde_json::from_slice(crypto_body(&padded)).ok()?;
        value.set_id(id);
        Some(value)
    }

    fn load_people(&mut self) -> Result<()> {
        let raws = self.store.records(Table::People)?;
        let mut people = Vec::with_capacity(raws.len());
        for raw in &raws {
            match Self::open_record::<Person>(self.store.vault_id(), &self.key, Table::People, raw)
            {
                Some(p) => people.push(p),
                None => self.damaged.push(Self::damaged_record(Table::People, raw)),
            }
        }
        people.sort_by_key(|p| p.alias.to_lowercase());
        self.people = people;
        Ok(())
    }

    /// Streams every entry row to `visit` on worker threads, one per core, while this thread
    /// reads the next rows from SQLite. `visit` gets each record's id and decrypted JSON and
    /// returns `Err(())` when the JSON is unreadable, `Ok(None)` to skip it, or `Ok(Some(_))`
    /// to keep it. Kept values come back in file order; records that fail to decrypt or parse
    /// are added to the damaged list.
    fn scan_entries<R: Send>(
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
            return Err(Error::invalid(
                "id",
                format!(
                    "`{text}` is not an entry id; give at least {MIN_ID_PREFIX} of its hex digits"
                ),
            ));
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

    /// Saves chunks of numbered drafts, arriving in order, in one transaction: all or none.
    ///
    /// Each chunk is checked and turned into entries on this thread (people are resolved here, in
    /// order); with `parallel`, worker threads then serialise, pad and encrypt it while this
    /// thread writes the chunks already sealed, so encryption hides behind SQLite. An error
    /// names `label` and the draft's number ("line 12") and rolls everything back.
    fn save_pipeline(
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
            return Err(Error::invalid("", "the file holds no entries"));
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
            return Err(Error::invalid(
                "kind",
                format!(
                    "an entry's kind cannot change; this one is a {}",
                    old.kind()
                ),
            ));
        }
        let now = now_utc();
        let mut new_people = Vec::new();
        let person = draft
            .person
            .as_deref()
            .map(|name| person_for(&self.people, name, &mut new_people, now));
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
            created_at: old.created_at,
            updated_at: now,
            deleted_at: old.deleted_at,
            details: draft.details.clone(),
        };
        self.save_entry(entry, new_people)
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
        self.store.write(&[Write::Delete {
            table: Table::Entries,
            id: *id,
        }])?;
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

    // ----- people -----

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
        self.people.iter().find(|p| p.answers_to(typed))
    }

    fn commit_people(&mut self, new_people: Vec<Person>) {
        if new_people.is_empty() {
            return;
        }
        self.people.extend(new_people);
        self.people.sort_by_key(|p| p.alias.to_lowercase());
    }

    /// Adds someone to the people list.
    pub fn add_person(&mut self, mut draft: PersonDraft) -> Result<RecordId> {
        draft.validate()?;
        if let Some(p) = self.find_person(&draft.alias) {
            return Err(Error::invalid(
                "alias",
                format!("someone called {} is already in your people list", p.alias),
            ));
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
            return Err(Error::invalid(
                "alias",
                format!("someone else is already called {}", other.alias),
            ));
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

/// Now, to the microsecond: what records store, so a reloaded entry equals the saved one.
fn now_utc() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// The current local time to the second: what an entry gets when no time is given.
fn now_local() -> DateTime<chrono::FixedOffset> {
    use chrono::Timelike;
    let now = Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Decrypts a raw record after checking its id and key id: the record's id and its padded
/// plaintext, or `None` if anything about it is wrong.
fn open_json(
    vault_id: &[u8; 16],
    key: &SecretKey,
    table: Table,
    raw: &RawRecord,
) -> Option<(RecordId, Zeroizing<Vec<u8>>)> {
    let id = RecordId::from_slice(&raw.id)?;
    let key_id = u32::try_from(raw.key_id)
        .ok()
        .filter(|k| *k == DATA_KEY_ID)?;
    let aad = record_aad(vault_id, table, key_id, &id);
    let padded = crypto::open(key, &raw.nonce, &aad, &raw.ciphertext)?;
    crypto::unpad(&padded)?;
    Some((id, padded))
}

/// The payload inside a padded plaintext already checked by [`open_json`].
fn crypto_body(padded: &[u8]) -> &[u8] {
    crypto::unpad(padded).unwrap_or_default()
}

/// Drafts per chunk in the saving pipeline.
const PIPELINE_CHUNK: usize = 256;

/// A chunk of entries and their sealed writes, from the encryption workers.
type Sealed = (Vec<Entry>, Result<Vec<Write>>);

/// Worker threads to use: one per core, within reason.
fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
}

/// Parsed chunks, handed on in their original order whatever order the workers finish in.
struct InOrder<T> {
    rx: std::sync::mpsc::Receiver<(usize, Result<T>)>,
    pending: std::collections::BTreeMap<usize, Result<T>>,
    next: usize,
    total: usize,
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
fn entry_from_draft(
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
                return Err(Error::invalid(
                    "id",
                    format!("an entry with id {} already exists", r.id),
                ));
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
fn person_for(
    people: &[Person],
    name: &str,
    new_people: &mut Vec<Person>,
    now: DateTime<Utc>,
) -> RecordId {
    if let Some(p) = people
        .iter()
        .chain(new_people.iter())
        .find(|p| p.answers_to(name))
    {
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

/// Serialises, pads and encrypts one record for `table`.
fn seal_record<T: Serialize>(
    vault_id: &[u8; 16],
    key: &SecretKey,
    table: Table,
    id: RecordId,
    value: &T,
) -> Result<Write> {
    let mut json = Zeroizing::new(Vec::with_capacity(1024));
    serde_json::to_writer(&mut *json, value)
        .map_err(|e| Error::Storage(format!("could not encode a record: {e}")))?;
    let padded = crypto::pad(&json);
    let aad = record_aad(vault_id, table, DATA_KEY_ID, &id);
    let (nonce, ciphertext) = crypto::seal(key, &aad, &padded);
    Ok(Write::Put {
        table,
        id,
        key_id: DATA_KEY_ID,
        nonce,
        ciphertext,
    })
}

/// Each person's alias by id, for indexing their entries.
fn aliases(people: &[Person]) -> HashMap<RecordId, &str> {
    people.iter().map(|p| (p.id, p.alias.as_str())).collect()
}

fn not_found(id: &RecordId) -> Error {
    Error::NotFound {
        what: "entry",
        id: id.to_hex(),
    }
}

/// Records whose id comes from the row they were read from.
trait HasId {
    fn set_id(&mut self, id: RecordId);
}

impl HasId for Entry {
    fn set_id(&mut self, id: RecordId) {
        self.id = id;
    }
}

impl HasId for Person {
    fn set_id(&mut self, id: RecordId) {
        self.id = id;
    }
}

/// Read access to the unlocked entries and people.
pub struct Reader<'a> {
    entries: &'a EntryCache,
    people: &'a [Person],
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

#[cfg(test)]
#[path = "vault_tests.rs"]
mod tests;
