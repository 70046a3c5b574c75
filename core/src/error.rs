//! The errors every Tandem operation can return.
//!
//! Messages are written for the person using Tandem: they say what is wrong and, where it helps,
//! what to do. They never contain entry text or key material.

use std::path::PathBuf;

/// Everything that can go wrong in the core, one variant per thing a person or a front end can
/// act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The passphrase did not unlock the vault. The same message is used whatever the cause, so
    /// the answer leaks nothing about the file.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The recovery key is well formed but does not unlock this vault.
    #[error("wrong recovery key")]
    WrongRecoveryKey,
    /// The recovery key was mistyped (its checksum or length is off).
    #[error("that recovery key has a typo: {0}")]
    MalformedRecoveryKey(String),
    /// There is no file at the vault path.
    #[error("no vault at {0} (create one with `tandem init`)")]
    NoVault(PathBuf),
    /// A file exists but is not a Tandem vault. It was not changed.
    #[error("{path} is not a Tandem vault: {reason}; it was left untouched")]
    NotAVault { path: PathBuf, reason: String },
    /// Creating a vault would replace an existing file.
    #[error("a file already exists at {0}; Tandem never creates a vault over an existing file")]
    AlreadyExists(PathBuf),
    /// The vault file is damaged in a way that stops it from opening.
    #[error("the vault is damaged: {detail}")]
    Damaged { detail: String },
    /// The vault was written by a newer Tandem.
    #[error(
        "this vault uses format {found}, newer than this version of Tandem reads (up to \
         {supported}); update Tandem to open it"
    )]
    TooNew { found: i64, supported: i64 },
    /// Input was rejected; `field` names where, `message` says what is allowed.
    #[error("{}", invalid_message(.field, .message))]
    Invalid { field: String, message: String },
    /// The passphrase or age key given for an encrypted summary does not open it; the file is
    /// named.
    #[error("that passphrase or key does not open {0}")]
    WrongSummaryKey(String),
    /// No entry or person has that id.
    #[error("no {what} with id {id}")]
    NotFound { what: &'static str, id: String },
    /// An id prefix matches more than one record.
    #[error("id {0} matches more than one entry; type more of it")]
    AmbiguousId(String),
    /// The disk is full; nothing was saved and nothing stored was changed.
    #[error("the disk is full; nothing was saved")]
    DiskFull,
    /// Another program holds the vault (for example the app while the CLI writes).
    #[error("the vault is busy in another program; try again")]
    Busy,
    /// Reading or writing a file failed.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// An unexpected storage failure.
    #[error("storage error: {0}")]
    Storage(String),
}

fn invalid_message(field: &str, message: &str) -> String {
    if field.is_empty() {
        message.to_string()
    } else {
        format!("{field}: {message}")
    }
}

impl Error {
    /// A stable, machine-readable name for the error, for front ends that map errors to their own
    /// words (the app sends `{ kind, message }` to its UI).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::WrongPassphrase => "wrong_passphrase",
            Error::WrongRecoveryKey => "wrong_recovery_key",
            Error::MalformedRecoveryKey(_) => "malformed_recovery_key",
            Error::NoVault(_) => "no_vault",
            Error::NotAVault { .. } => "not_a_vault",
            Error::AlreadyExists(_) => "already_exists",
            Error::Damaged { .. } => "damaged",
            Error::TooNew { .. } => "too_new",
            Error::Invalid { .. } => "invalid",
            Error::WrongSummaryKey(_) => "wrong_summary_key",
            Error::NotFound { .. } => "not_found",
            Error::AmbiguousId(_) => "ambiguous_id",
            Error::DiskFull => "disk_full",
            Error::Busy => "busy",
            Error::Io { .. } => "io",
            Error::Storage(_) => "storage",
        }
    }

    /// Shorthand for an input error on `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Prefixes the field of an input error, e.g. with a line number during import.
    pub fn in_context(self, prefix: &str) -> Self {
        match self {
            Error::Invalid { field, message } => Error::Invalid {
                field: if field.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}: {field}")
                },
                message,
            },
            other => other,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => Error::Damaged {
                detail: "SQLite reports the file as corrupt".into(),
            },
            _ => Error::Storage(e.to_string()),
        }
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
