//! The worker's own list of the people they support.
//!
//! The app shows an alias or initials; a real name and other details are optional, stored only
//! inside the encrypted vault, and never exported. Later, the export scrubber uses this list to
//! remove every name it knows.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::id::RecordId;

/// Longest alias or name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest private details note, in characters.
pub const MAX_DETAILS_CHARS: usize = 5_000;

/// Someone the worker supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Not stored inside the record: the row's id is, and the associated data binds the two.
    #[serde(skip)]
    pub id: RecordId,
    /// What the app shows: initials, a nickname, an alias.
    pub alias: String,
    /// Their real name, if the worker wants it kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Other private details (how to reach them, context).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Drop for Person {
    fn drop(&mut self) {
        self.alias.zeroize();
        self.name.zeroize();
        self.details.zeroize();
    }
}

impl Person {
    /// True when `typed` is this person's alias or name, ignoring case and surrounding spaces.
    pub fn answers_to(&self, typed: &str) -> bool {
        self.has_alias(typed) || self.has_name(typed)
    }

    fn has_alias(&self, typed: &str) -> bool {
        self.alias.to_lowercase() == typed.trim().to_lowercase()
    }

    fn has_name(&self, typed: &str) -> bool {
        let typed = typed.trim().to_lowercase();
        self.name.as_deref().map(str::to_lowercase).as_deref() == Some(typed.as_str())
    }
}

/// The person `typed` refers to. An alias wins over a real name, so one person's alias is never
/// taken for someone else whose real name happens to be the same word.
pub fn lookup<'a, I>(people: I, typed: &str) -> Option<&'a Person>
where
    I: Iterator<Item = &'a Person> + Clone,
{
    people
        .clone()
        .find(|p| p.has_alias(typed))
        .or_else(|| people.into_iter().find(|p| p.has_name(typed)))
}

/// A new person or an edit, checked but not yet saved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonDraft {
    pub alias: String,
    pub name: Option<String>,
    pub details: Option<String>,
}

impl Drop for PersonDraft {
    fn drop(&mut self) {
        self.alias.zeroize();
        self.name.zeroize();
        self.details.zeroize();
    }
}

impl PersonDraft {
    /// A draft with only an alias.
    pub fn alias(alias: impl Into<String>) -> Self {
        PersonDraft {
            alias: alias.into(),
            name: None,
            details: None,
        }
    }

    /// Trims the fields and checks their limits.
    pub fn validate(&mut self) -> Result<()> {
        self.alias = self.alias.trim().to_string();
        if self.alias.is_empty() {
            return Err(Error::invalid("alias", "alias_needed"));
        }
        if self.alias.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid("alias", "too_long").with("max", MAX_NAME_CHARS));
        }
        for (field, value, max) in [
            ("name", &mut self.name, MAX_NAME_CHARS),
            ("details", &mut self.details, MAX_DETAILS_CHARS),
        ] {
            if let Some(v) = value.as_mut() {
                let t = v.trim();
                if t.is_empty() {
                    *value = None;
                } else if t.chars().count() > max {
                    return Err(Error::invalid(field, "too_long").with("max", max));
                } else {
                    *v = t.to_string();
                }
            }
        }
        Ok(())
    }
}
