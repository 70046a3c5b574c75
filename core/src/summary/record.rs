//! The vault's own record of each summary that left it: when, which period, with which options,
//! where it was saved and the SHA-256 of the file, so a worker can later tell exactly what they
//! gave to whom. Records are encrypted like entries and never leave the vault.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::document::{Include, Options, Summary};
use super::output::AgeTo;
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::id::RecordId;

/// A file format a summary is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The printable report: what a summary is saved as unless the worker says otherwise.
    #[default]
    Html,
    Json,
}

impl Format {
    /// Every format, the default first.
    pub const ALL: &'static [Format] = &[Format::Html, Format::Json];

    /// Reads a format's code (its extension); `field` names the option in the error.
    pub fn parse(field: &str, text: &str) -> Result<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.extension() == text.trim())
            .ok_or_else(|| {
                let allowed: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
                Error::invalid(field, "unknown_value").with("allowed", allowed.join(", "))
            })
    }

    /// The usual file extension, which is also the format's code.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// How a saved summary was encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "to")]
pub enum Encryption {
    /// Not encrypted.
    None,
    /// age, to a passphrase (which is not recorded).
    Passphrase,
    /// age, to this public key.
    Recipient { key: String },
}

impl Encryption {
    /// What a record says about `to`: never the passphrase itself.
    pub fn of(to: Option<&AgeTo>) -> Encryption {
        match to {
            None => Encryption::None,
            Some(AgeTo::Passphrase(_)) => Encryption::Passphrase,
            Some(AgeTo::Recipient(key)) => Encryption::Recipient {
                key: key.trim().to_string(),
            },
        }
    }
}

/// One saved summary, as the vault remembers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRecord {
    #[serde(skip)]
    pub id: RecordId,
    pub saved_at: DateTime<Utc>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub k: u64,
    pub format: Format,
    /// The report's language (the JSON document has none).
    #[serde(default)]
    pub language: Language,
    pub encryption: Encryption,
    /// Flagged words the worker chose to keep.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// The parts included beyond the counts.
    #[serde(default)]
    pub include: Include,
    /// Where the file was saved.
    pub path: String,
    /// SHA-256 of the file as written, in lowercase hex.
    pub sha256: String,
    pub bytes: u64,
    /// How many entries' words, and agenda items, went into it.
    pub shared_entries: u64,
    pub agenda_items: u64,
}

impl ExportRecord {
    /// The record of `contents`, just saved at `path`, made from `summary` with `options`.
    pub fn new(
        summary: &Summary,
        options: &Options,
        format: Format,
        language: Language,
        to: Option<&AgeTo>,
        path: &Path,
        contents: &[u8],
    ) -> ExportRecord {
        ExportRecord {
            id: RecordId::random(),
            saved_at: Utc::now(),
            from: options.from,
            to: options.to,
            k: summary.k,
            format,
            language,
            encryption: Encryption::of(to),
            kept: options.keep.iter().cloned().collect(),
            include: options.include,
            path: path.display().to_string(),
            sha256: sha256_hex(contents),
            bytes: contents.len() as u64,
            shared_entries: summary.narratives.len() as u64
                + summary.agenda.iter().filter(|a| a.text.is_some()).count() as u64,
            agenda_items: summary.agenda.len() as u64,
        }
    }

    /// The record as JSON for front doors, id included.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("id".into(), self.id.to_hex().into());
        }
        value
    }
}

/// SHA-256 of `bytes` in lowercase hex, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_hash_matches_sha256sum() {
        // `printf abc | sha256sum`
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_record_never_holds_the_age_passphrase() {
        let to = AgeTo::Passphrase(zeroize::Zeroizing::new("correct horse battery".into()));
        let json = serde_json::to_string(&Encryption::of(Some(&to))).unwrap();
        assert_eq!(json, r#"{"to":"passphrase"}"#);
    }

    #[test]
    fn an_unknown_format_is_named_in_the_error() {
        let e = Format::parse("--format", "pdf").unwrap_err().to_string();
        assert_eq!(e, "--format: unknown value; allowed: html, json");
    }
}
