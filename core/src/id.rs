//! Record ids: 128 random bits, shown as 32 lowercase hex digits.
//!
//! Ids are random rather than sequential so that the vault file, where they are the only
//! plaintext next to each ciphertext, reveals nothing about order or time.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::crypto::fill_random;

/// The id of an entry or a person. The default (all zeros) is only a placeholder while a record
/// is read, before the id of its row is filled in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RecordId(pub(crate) [u8; 16]);

impl RecordId {
    /// A fresh random id.
    pub fn random() -> Self {
        let mut b = [0u8; 16];
        fill_random(&mut b);
        RecordId(b)
    }

    /// The id as 32 hex digits.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(32);
        for b in self.0 {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }

    /// Parses 32 hex digits (any case).
    pub fn from_hex(text: &str) -> Option<Self> {
        if text.len() != 32 || !text.is_ascii() {
            return None;
        }
        let mut b = [0u8; 16];
        for (i, byte) in b.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(RecordId(b))
    }

    /// The raw bytes, as stored in the vault.
    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        Some(RecordId(bytes.try_into().ok()?))
    }
}

impl std::fmt::Display for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl std::fmt::Debug for RecordId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecordId({})", self.to_hex())
    }
}

impl Serialize for RecordId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        RecordId::from_hex(&text)
            .ok_or_else(|| serde::de::Error::custom("expected an id of 32 hex digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let id = RecordId::random();
        assert_eq!(RecordId::from_hex(&id.to_hex()), Some(id));
        assert_eq!(RecordId::from_hex(&id.to_hex().to_uppercase()), Some(id));
        assert_eq!(RecordId::from_hex("xyz"), None);
        assert_eq!(RecordId::from_hex("é0000000000000000000000000000000"), None);
    }
}
