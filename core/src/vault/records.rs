//! Records on disk: each one's associated data, sealing and opening, and what is reported when
//! a record cannot be read.

use serde::Serialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use crate::crypto::{self, SecretKey};
use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::person::Person;
use crate::store::{RECORD_FORMAT, RawRecord, Table, Write};
use crate::summary::record::ExportRecord;

use super::keys::DATA_KEY_ID;
use super::{DamagedRecord, Vault};

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

/// Decrypts a raw record after checking its id and key id: the record's id and its padded
/// plaintext, or `None` if anything about it is wrong.
pub(super) fn open_json(
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
pub(super) fn crypto_body(padded: &[u8]) -> &[u8] {
    crypto::unpad(padded).unwrap_or_default()
}

/// Serialises, pads and encrypts one record for `table`.
pub(super) fn seal_record<T: Serialize>(
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

/// Records whose id comes from the row they were read from.
pub(super) trait HasId {
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

/// What a record of `table` is called when it is reported damaged.
fn record_name(table: Table) -> &'static str {
    match table {
        Table::Entries => "entry",
        Table::People => "person",
        Table::Exports => "export record",
        Table::Drafts => "draft",
        Table::Words => "word",
    }
}

impl Vault {
    pub(super) fn seal_record<T: Serialize>(
        &self,
        table: Table,
        id: RecordId,
        value: &T,
    ) -> Result<Write> {
        seal_record(self.store.vault_id(), &self.key, table, id, value)
    }

    /// Every record of `table` that opens; those that do not are reported in
    /// [`Vault::damaged`] (each call reports what it finds now, not again what an earlier call
    /// found) and left out.
    pub(super) fn open_all<T: DeserializeOwned + HasId>(&mut self, table: Table) -> Result<Vec<T>> {
        let raws = self.store.records(table)?;
        self.damaged.retain(|d| d.what != record_name(table));
        let mut out = Vec::with_capacity(raws.len());
        for raw in &raws {
            match Self::open_record::<T>(self.store.vault_id(), &self.key, table, raw) {
                Some(r) => out.push(r),
                None => self.damaged.push(Self::damaged_record(table, raw)),
            }
        }
        Ok(out)
    }

    pub(super) fn damaged_record(table: Table, raw: &RawRecord) -> DamagedRecord {
        DamagedRecord {
            what: record_name(table),
            id: RecordId::from_slice(&raw.id)
                .map(|id| id.to_hex())
                .unwrap_or_else(|| "(malformed id)".into()),
        }
    }

    pub(super) fn open_record<T: DeserializeOwned + HasId>(
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

    pub(super) fn load_people(&mut self) -> Result<()> {
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
}
