//! How errors cross to the UI: `{ kind, message }`. The kind is stable for the UI to branch on
//! and translate; the message is the core's plain-language sentence. Nothing else leaves Rust.

use serde::Serialize;

/// An error as the web UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UiError {
    pub kind: &'static str,
    pub message: String,
}

impl UiError {
    /// The request needs an unlocked vault.
    pub fn locked() -> Self {
        UiError {
            kind: "locked",
            message: "The vault is locked.".into(),
        }
    }
}

impl From<tandem_core::Error> for UiError {
    fn from(e: tandem_core::Error) -> Self {
        UiError {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}
