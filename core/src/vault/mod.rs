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
//!
//! The methods are spread over this folder's files by subject, each in its own `impl Vault`:
//! `keys.rs` (key slots and the passphrase rules), `records.rs` (sealing and opening records),
//! `entries.rs`, `people.rs` and `exports.rs` (summaries and their records). This file holds the
//! type itself, creating and unlocking, and what several of them share.

use std::path::Path;

use chrono::{DateTime, Local, SubsecRound, Utc};

use crate::crypto::{self, RecoveryKey, SecretKey};
use crate::entry::AgendaState;
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::Person;
use crate::store::Store;
use crate::vocab::Kind;

mod cache;
mod drafts;
mod entries;
mod exports;
mod keys;
mod people;
mod pipeline;
mod reader;
mod records;
mod words;

use cache::EntryCache;
pub use drafts::{DraftInfo, MAX_DRAFT_BYTES};
pub use entries::MIN_ID_PREFIX;
pub use keys::{MIN_PASSPHRASE_CHARS, check_passphrase};
use keys::{Secret, passphrase_slot, recovery_slot, unwrap_data_key};
pub use reader::{
    Deleted, EntryShape, EntryView, Filter, FilterText, Marks, PersonView, Reader, entry_json,
    person_json,
};

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

/// Where a vault lives when nobody says otherwise: `vault.tandem` in the platform's data folder
/// for Tandem (`~/.local/share/tandem` on Linux). Front doors let `--vault` or `TANDEM_VAULT`
/// override it.
pub fn default_path() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("org", "Tandem", "Tandem")
        .map(|d| d.data_dir().join("vault.tandem"))
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

    /// Checks a typed filter and resolves it against this vault. Error fields are named with
    /// `prefix` before them (`--` for the command line's flags, nothing for the app's form).
    pub fn filter(&self, text: &FilterText, prefix: &str) -> Result<Filter> {
        let kind = text
            .kind
            .as_deref()
            .map(|code| {
                Kind::from_code(code).ok_or_else(|| {
                    Error::invalid(format!("{prefix}kind"), "unknown_value")
                        .with("allowed", Kind::codes())
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
            return Err(Error::invalid(format!("{prefix}to"), "to_before_from"));
        }
        let person = text
            .person
            .as_deref()
            .map(|name| {
                self.find_person(name)
                    .map(|p| p.id)
                    .ok_or_else(|| Error::invalid(format!("{prefix}person"), "unknown_person"))
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

fn not_found(id: &RecordId) -> Error {
    Error::NotFound {
        what: "entry",
        id: id.to_hex(),
    }
}

#[cfg(test)]
mod tests;
