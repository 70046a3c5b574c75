//! How errors cross to the UI: `{ kind, field, key, params, message }`. The kind is stable for the
//! UI to branch on, the field says which form field to mark, the key and parameters are the
//! core's data, and the message is the core's sentence for them in the app's language (the one
//! the settings name when the command runs), in a peer worker's words. Nothing else leaves Rust,
//! and nothing here repeats what was typed.

use serde::Serialize;
use tandem_core::i18n::{self, Language};

/// An error as the web UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UiError {
    pub kind: &'static str,
    /// The entry field at fault (`category`, not `line 3: category[0]`), for input errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The core's message key, for input errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<(&'static str, String)>,
    pub message: String,
}

impl UiError {
    /// The request needs an unlocked vault.
    pub fn locked(lang: Language) -> Self {
        UiError {
            kind: "locked",
            field: None,
            key: None,
            params: Vec::new(),
            message: i18n::t(lang, "error.locked", &[]),
        }
    }

    /// The core's error `e`, worded in `lang`.
    pub fn new(lang: Language, e: &tandem_core::Error) -> Self {
        let problem = e.problem().cloned();
        UiError {
            kind: e.kind(),
            field: e
                .field()
                .map(|f| i18n::field_root(f).to_string())
                .filter(|f| !f.is_empty()),
            key: problem.as_ref().map(|p| p.key.to_string()),
            params: problem.map(|p| p.params).unwrap_or_default(),
            message: i18n::app_message(lang, e),
        }
    }
}
