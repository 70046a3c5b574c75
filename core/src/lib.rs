//! tandem-core: the encrypted journal at the heart of Tandem, with no UI in it.
//!
//! A peer support worker's vault is one SQLite file holding only random ids, nonces,
//! ciphertext and wrapped keys. This crate owns everything about it: the key hierarchy
//! ([`crypto`]), the file ([`store`]), the domain model ([`entry`], [`person`], [`vocab`]), search
//! ([`search`]) and the operations that tie them together ([`vault`]). The command line and the
//! app are thin front doors over [`Vault`]; neither holds keys or domain rules of its own.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![allow(missing_docs)] // Field-level docs are given where a field is not self-explanatory.

pub mod crypto;
pub mod entry;
pub mod error;
pub mod form;
pub mod i18n;
pub mod id;
mod par;
pub mod person;
pub mod search;
pub mod settings;
pub mod store;
pub mod summary;
#[doc(hidden)]
pub mod synth;
pub mod vault;
pub mod vocab;
pub mod when;

pub use crypto::RecoveryKey;
pub use entry::{Details, Entry, EntryDraft};
pub use error::{Error, Result};
pub use id::RecordId;
pub use person::{Person, PersonDraft};
pub use vault::{Deleted, Filter, Reader, Vault};
pub use vocab::Kind;
