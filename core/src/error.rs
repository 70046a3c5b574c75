//! The errors every Tandem operation can return.
//!
//! Errors are data: a kind, and for refused input the field at fault, a message key and its
//! parameters. Each front door turns them into words with [`crate::i18n`], in its own audience's
//! terms: the app says what to do in a peer worker's words, the command line names the JSON
//! field and the codes it accepts. `Display` gives the command line's English sentence, for logs
//! and tests. No error ever carries entry text, what was typed, or key material.

use std::borrow::Cow;
use std::path::PathBuf;

/// Everything that can go wrong in the core, one variant per thing a person or a front end can
/// act on.
#[derive(Debug)]
pub enum Error {
    /// The passphrase did not unlock the vault. The same message is used whatever the cause, so
    /// the answer leaks nothing about the file.
    WrongPassphrase,
    /// The recovery key is well formed but does not unlock this vault.
    WrongRecoveryKey,
    /// The recovery key was mistyped (its checksum or length is off).
    MalformedRecoveryKey(String),
    /// There is no file at the vault path.
    NoVault(PathBuf),
    /// A file exists but is not a Tandem vault. It was not changed.
    NotAVault { path: PathBuf, reason: String },
    /// Creating a vault would replace an existing file.
    AlreadyExists(PathBuf),
    /// The vault file is damaged in a way that stops it from opening.
    Damaged { detail: String },
    /// The vault was written by a newer Tandem.
    TooNew { found: i64, supported: i64 },
    /// Input was refused: `field` names where (a JSON field, or an option such as `--from`),
    /// `problem` says what is wrong as a message key and parameters.
    Invalid { field: String, problem: Problem },
    /// The passphrase or age key given for an encrypted summary does not open it; the file is
    /// named.
    WrongSummaryKey(String),
    /// No entry or person has that id.
    NotFound { what: &'static str, id: String },
    /// An id prefix matches more than one record.
    AmbiguousId(String),
    /// The disk is full; nothing was saved and nothing stored was changed.
    DiskFull,
    /// Another program holds the vault (for example the app while the CLI writes).
    Busy,
    /// Reading or writing a file failed.
    Io {
        context: String,
        source: std::io::Error,
    },
    /// An unexpected storage failure.
    Storage(String),
}

/// The command line's English sentence (see [`crate::i18n::cli_message`]).
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::cli_message(crate::i18n::Language::En, self))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// What is wrong with refused input: a message key (`out_of_range`) and its parameters
/// (`min`, `max`, `allowed`…). Parameters are limits, codes and counts, never what was typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub key: Cow<'static, str>,
    pub params: Vec<(&'static str, String)>,
}

impl Problem {
    /// The value of parameter `name`, if set.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Longest field name an error repeats: a JSON key is what was typed, so a pasted paragraph used
/// as a key is cut short rather than echoed.
const MAX_FIELD_CHARS: usize = 40;

impl Error {
    /// A stable, machine-readable name for the error, for front ends that branch on it.
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

    /// Input refused on `field` for the reason `key` (a message key of the catalogues'
    /// `problem.` and `cli.problem.` families); add parameters with [`Error::with`].
    pub fn invalid(field: impl Into<String>, key: impl Into<Cow<'static, str>>) -> Self {
        let mut field: String = field.into();
        if field.chars().count() > MAX_FIELD_CHARS {
            field = field.chars().take(MAX_FIELD_CHARS).chain(['…']).collect();
        }
        Error::Invalid {
            field,
            problem: Problem {
                key: key.into(),
                params: Vec::new(),
            },
        }
    }

    /// Adds a parameter to an input error (`min`, `max`, `allowed`…); other errors are returned
    /// unchanged.
    pub fn with(mut self, name: &'static str, value: impl std::fmt::Display) -> Self {
        if let Error::Invalid { problem, .. } = &mut self {
            problem.params.push((name, value.to_string()));
        }
        self
    }

    /// The field an input error names, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } if !field.is_empty() => Some(field),
            _ => None,
        }
    }

    /// The message key of an input error, if any.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Invalid { problem, .. } => Some(problem),
            _ => None,
        }
    }

    /// Prefixes the field of an input error, e.g. with a line number during import.
    pub fn in_context(self, prefix: &str) -> Self {
        match self {
            Error::Invalid { field, problem } => Error::Invalid {
                field: if field.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}: {field}")
                },
                problem,
            },
            other => other,
        }
    }

    /// Renames the field of an input error (the core's `age_recipient` is the command line's
    /// `--age-recipient`).
    pub fn map_field(self, f: impl FnOnce(&str) -> String) -> Self {
        match self {
            Error::Invalid { field, problem } => Error::Invalid {
                field: f(&field),
                problem,
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
