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

use chrono::{DateTime, Local, SubsecRound, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use crate::crypto::{self, KdfParams, RecoveryKey, SALT_LEN, SecretKey};
use crate::entry::{AgendaState, Details, Entry, EntryDraft};
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::{Person, PersonDraft};
use crate::search::{self, Query};
use crate::store::{
    KeySlot, PASSPHRASE_SLOT, RECORD_FORMAT, RECOVERY_SLOT, RawRecord, SlotKdf, Store, Table, Write,
};
use crate::summary::output::AgeTo;
use crate::summary::record::{ExportRecord, Format};
use crate::vocab::Kind;

mod cache;
mod pipeline;
mod reader;

use cache::{EntryCache, aliases, order_key, search_pieces};
use pipeline::{InOrder, PIPELINE_CHUNK, cores, person_for};
pub use reader::{Deleted, Filter, FilterText, Reader, entry_json, person_json};

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

/// Where a vault lives when nobody says otherwise: `vault.tandem` in the platform's data folder
/// for Tandem (`~/.local/share/tandem` on Linux). Front doors let `--vault` or `TANDEM_VAULT`
/// override it.
pub fn default_path() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("org", "Tandem", "Tandem")
        .map(|d| d.data_dir().join("vault.tandem"))
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

/// Unwraps the data key from the slot `secret` opens. A wrong secret gives the one error for
/// its kind and reads nothing else.
fn unwrap_data_key(store: &Store, secret: &Secret) -> Result<SecretKey> {
    let (slot_name, wrong) = match secret {
        Secret::Passphrase(_) => (PASSPHRASE_SLOT, Error::WrongPassphrase),
        Secret::Recovery(_) => (RECOVERY_SLOT, Error::WrongRecoveryKey),
    };
    let slot = store.slot(slot_name)?;
    let kek = match (secret, slot.kdf) {
        (Secret::Passphrase(p), SlotKdf::Argon2id(params)) => {
            crypto::derive_from_passphrase(p.as_bytes(), &slot.salt, params)?
        }
        (Secret::Recovery(r), SlotKdf::HkdfSha256) => crypto::derive_from_recovery(r, &slot.salt),
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
    if slot.key_id != DATA_KEY_ID {
        return Err(Error::Damaged {
            detail: format!("its data key has an unknown id {}", slot.key_id),
        });
    }
    Ok(SecretKey::from_bytes(bytes))
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
        let key = unwrap_data_key(&store, &secret)?;
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

    /// Checks that `passphrase` is this vault's current one, without changing anything. The app
    /// asks for it again before a passphrase change or a new recovery key, so nobody who finds
    /// the app unlocked can take the vault over.
    pub fn confirm_passphrase(&self, passphrase: &str) -> Result<()> {
        unwrap_data_key(&self.store, &Secret::Passphrase(passphrase)).map(drop)
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
                Table::Exports => "export record",
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

    /// A supervision summary of the period in `options` (see [`crate::summary`]).
    pub fn summary(
        &mut self,
        options: &crate::summary::document::Options,
    ) -> Result<crate::summary::document::Summary> {
        let filter = Filter {
            from: Some(options.from),
            to: Some(options.to),
            ..Filter::default()
        };
        let reader = self.reader()?;
        let entries: Vec<&Entry> = reader.list(&filter).collect();
        crate::summary::document::build(entries.iter().copied(), reader.people(), options)
    }

    /// Builds the summary for `options`, writes it to `out` as `format` (a report in `language`;
    /// encrypted with age when
    /// `to` is given) via a temporary file, fsync and rename, and records the export in the
    /// vault. If the record cannot be saved, the file is removed again: no summary leaves
    /// without a trace in the vault.
    pub fn export_summary(
        &mut self,
        options: &crate::summary::document::Options,
        format: Format,
        language: crate::i18n::Language,
        to: Option<&AgeTo>,
        out: &Path,
    ) -> Result<(crate::summary::document::Summary, ExportRecord)> {
        if would_replace_vault_files(out, self.path()) {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} is your vault or a file it needs; choose another name",
                    out.display()
                ),
            ));
        }
        let summary = self.summary(options)?;
        let contents = crate::summary::output::render(&summary, format, language, to)?;
        crate::summary::output::write_file(out, &contents)?;
        let record = ExportRecord::new(&summary, options, format, language, to, out, &contents);
        let saved = self
            .seal_record(Table::Exports, record.id, &record)
            .and_then(|w| self.store.write(&[w]));
        if let Err(e) = saved {
            let _ = std::fs::remove_file(out);
            return Err(e);
        }
        Ok((summary, record))
    }

    /// Every summary saved from this vault, newest first. Unreadable records are reported in
    /// [`Vault::damaged`] and left out.
    pub fn exports(&mut self) -> Result<Vec<ExportRecord>> {
        let raws = self.store.records(Table::Exports)?;
        // Each call reports what it finds now, not again what an earlier call found.
        self.damaged.retain(|d| d.what != "export record");
        let mut records = Vec::with_capacity(raws.len());
        for raw in &raws {
            match Self::open_record::<ExportRecord>(
                self.store.vault_id(),
                &self.key,
                Table::Exports,
                raw,
            ) {
                Some(r) => records.push(r),
                None => self.damaged.push(Self::damaged_record(Table::Exports, raw)),
            }
        }
        records.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
        Ok(records)
    }

    /// Checks a typed filter and resolves it against this vault. Error fields are named with
    /// `prefix` before them (`--` for the command line's flags, nothing for the app's form).
    pub fn filter(&self, text: &FilterText, prefix: &str) -> Result<Filter> {
        let kind = text
            .kind
            .as_deref()
            .map(|code| {
                Kind::from_code(code).ok_or_else(|| {
                    Error::invalid(
                        format!("{prefix}kind"),
                        format!("unknown kind `{code}`; allowed: {}", Kind::codes()),
                    )
                })
            })
            .transpose()?;
        let day = |field: &str, value: &Option<String>| {
            value
                .as_deref()
                .map(|d| crate::entry::parse_date(&format!("{prefix}{field}"), d))
                .transpose()
        };
        let (from, to) = (day("from", &text.from)?, day("to", &text.to)?);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(Error::invalid(
                format!("{prefix}to"),
                format!("{t} is before {prefix}from {f}"),
            ));
        }
        let person = text
            .person
            .as_deref()
            .map(|name| {
                self.find_person(name).map(|p| p.id).ok_or_else(|| {
                    Error::invalid(
                        format!("{prefix}person"),
                        format!("nobody called `{name}` is in your people list"),
                    )
                })
            })
            .transpose()?;
        let agenda = text
            .agenda
            .as_deref()
            .map(|code| AgendaState::parse(&format!("{prefix}agenda"), code))
            .transpose()?;
        Ok(Filter {
            kind,
            from,
            to,
            tag: text.tag.clone(),
            person,
            agenda,
            deleted: if text.deleted {
                Deleted::Only
            } else {
                Deleted::Hide
            },
        })
    }

    /// The person whose alias or name is `typed` (any case).
    pub fn find_person(&self, typed: &str) -> Option<&Person> {
        crate::person::lookup(self.people.iter(), typed)
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

/// True when writing `out` would replace the vault at `vault`, one of SQLite's files beside it,
/// or the app's settings: a save dialog can point anywhere, and a rename over the vault would
/// leave the open vault writing to a file that no longer has a name.
fn would_replace_vault_files(out: &Path, vault: &Path) -> bool {
    fn place(p: &Path) -> Option<std::path::PathBuf> {
        if let Ok(full) = p.canonicalize() {
            return Some(full);
        }
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    }
    let (Some(out), Some(vault)) = (place(out), place(vault)) else {
        return false;
    };
    let Some(name) = vault.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    let guarded = [
        name.clone(),
        format!("{name}-wal"),
        format!("{name}-shm"),
        format!("{name}-journal"),
        "settings.json".to_string(),
    ];
    out.parent() == vault.parent()
        && out
            .file_name()
            .is_some_and(|n| guarded.iter().any(|g| n.to_string_lossy() == *g))
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

impl HasId for ExportRecord {
    fn set_id(&mut self, id: RecordId) {
        self.id = id;
    }
}

impl HasId for Person {
    fn set_id(&mut self, id: RecordId) {
        self.id = id;
    }
}

#[cfg(test)]
mod tests;
