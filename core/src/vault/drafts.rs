//! Drafts: a form the worker has started and not yet saved or discarded, sealed in the vault
//! like any record, so it survives leaving the screen, locking and closing the app, and never
//! sits in the webview's storage or anywhere else in the clear.
//!
//! A draft is known by what it is for: `new:KIND` for a new entry of that kind, `edit:ID` for
//! changes to an entry. Each has at most one draft; saving again replaces it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::store::{Table, Write};
use crate::vocab::Kind;

use super::records::HasId;
use super::{Vault, now_utc};

/// Largest draft kept, in bytes of JSON: a whole entry at its longest, with room to spare.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// A draft as stored: what it is for, the form's fields as JSON text (wiped on drop), and when
/// it was last saved.
#[derive(Serialize, Deserialize)]
struct DraftRecord {
    #[serde(skip)]
    id: RecordId,
    key: String,
    fields: String,
    #[serde(with = "chrono::serde::ts_microseconds")]
    saved_at: DateTime<Utc>,
}

impl Drop for DraftRecord {
    fn drop(&mut self) {
        self.fields.zeroize();
    }
}

impl HasId for DraftRecord {
    fn set_id(&mut self, id: RecordId) {
        self.id = id;
    }
}

/// A draft waiting to be finished, as the journal lists it: what it is for, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftInfo {
    pub key: String,
    pub kind: Kind,
    /// The entry being changed, for a draft of changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    pub saved_at: DateTime<Utc>,
}

/// Checks a draft's key and says what it is for: the kind of a new entry, or the entry edited.
fn parse_key(key: &str) -> Result<(Option<Kind>, Option<RecordId>)> {
    let bad = || Error::invalid("draft", "unknown_value").with("allowed", "new:KIND, edit:ID");
    match key.split_once(':') {
        Some(("new", kind)) => Ok((Some(Kind::from_code(kind).ok_or_else(bad)?), None)),
        Some(("edit", id)) => Ok((None, Some(RecordId::from_hex(id).ok_or_else(bad)?))),
        _ => Err(bad()),
    }
}

impl Vault {
    fn draft_records(&mut self) -> Result<Vec<DraftRecord>> {
        self.open_all(Table::Drafts)
    }

    /// Keeps `fields` (the form as the worker left it) as the draft `key`, replacing any
    /// earlier one. The write is durable before this returns.
    pub fn save_draft(&mut self, key: &str, fields: &Map<String, Value>) -> Result<()> {
        parse_key(key)?;
        let text = Zeroizing::new(serde_json::to_string(fields).expect("JSON always serializes"));
        if text.len() > MAX_DRAFT_BYTES {
            return Err(Error::invalid("draft", "too_long").with("max", MAX_DRAFT_BYTES));
        }
        let id = self
            .draft_records()?
            .into_iter()
            .find(|d| d.key == key)
            .map(|d| d.id)
            .unwrap_or_else(RecordId::random);
        let record = DraftRecord {
            id,
            key: key.to_string(),
            fields: text.to_string(),
            saved_at: now_utc(),
        };
        let write = self.seal_record(Table::Drafts, id, &record)?;
        self.store.write(&[write])
    }

    /// The draft `key`'s fields, if there is one.
    pub fn draft(&mut self, key: &str) -> Result<Option<Map<String, Value>>> {
        parse_key(key)?;
        let Some(found) = self.draft_records()?.into_iter().find(|d| d.key == key) else {
            return Ok(None);
        };
        Ok(serde_json::from_str(&found.fields).ok())
    }

    /// Every draft waiting, newest first.
    pub fn drafts(&mut self) -> Result<Vec<DraftInfo>> {
        let mut out: Vec<DraftInfo> = self
            .draft_records()?
            .into_iter()
            .filter_map(|d| {
                let (kind, entry) = parse_key(&d.key).ok()?;
                let kind = match (kind, entry) {
                    (Some(kind), _) => kind,
                    (None, Some(id)) => self.entry(&id).ok()?.kind(),
                    _ => return None,
                };
                Some(DraftInfo {
                    key: d.key.clone(),
                    kind,
                    entry: entry.map(|id| id.to_hex()),
                    saved_at: d.saved_at,
                })
            })
            .collect();
        out.sort_by_key(|d| std::cmp::Reverse(d.saved_at));
        Ok(out)
    }

    /// The rows holding the draft `key`.
    pub(super) fn draft_rows(&mut self, key: &str) -> Result<Vec<RecordId>> {
        Ok(self
            .draft_records()?
            .into_iter()
            .filter(|d| d.key == key)
            .map(|d| d.id)
            .collect())
    }

    /// Forgets the draft `key` (after its entry is saved, or when the worker discards it). Its
    /// row is deleted, so SQLite overwrites the freed space.
    pub fn discard_draft(&mut self, key: &str) -> Result<()> {
        parse_key(key)?;
        let ids = self.draft_rows(key)?;
        if ids.is_empty() {
            return Ok(());
        }
        let writes: Vec<Write> = ids
            .into_iter()
            .map(|id| Write::Delete {
                table: Table::Drafts,
                id,
            })
            .collect();
        self.store.write(&writes)
    }
}
