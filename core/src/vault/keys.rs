//! The key hierarchy: the key slots that wrap the data key under the passphrase and under the
//! recovery key, the rules a new passphrase must meet, and changing either secret.

use crate::crypto::{self, KdfParams, RecoveryKey, SALT_LEN, SecretKey};
use crate::error::{Error, Result};
use crate::store::{KeySlot, PASSPHRASE_SLOT, RECOVERY_SLOT, SlotKdf, Store};

use super::Vault;

/// Shortest passphrase Tandem accepts, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// The data key's id. Stored with every record so a future key rotation can tell keys apart.
pub(super) const DATA_KEY_ID: u32 = 1;

fn slot_aad(vault_id: &[u8; 16], name: &str, kdf: &SlotKdf, key_id: u32) -> Vec<u8> {
    let mut aad = b"tandem key slot v1".to_vec();
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(name.as_bytes());
    match kdf {
        SlotKdf::Argon2id(p) => {
            aad.extend_from_slice(b"argon2id");
            for v in [p.m_kib, p.t, p.p] {
                aad.extend_from_slice(&v.to_be_bytes());
            }
        }
        SlotKdf::HkdfSha256 => aad.extend_from_slice(b"hkdf-sha256"),
    }
    aad.extend_from_slice(&key_id.to_be_bytes());
    aad
}

fn wrap_slot(
    vault_id: &[u8; 16],
    name: &'static str,
    kdf: SlotKdf,
    salt: [u8; SALT_LEN],
    kek: &SecretKey,
    data_key: &SecretKey,
) -> KeySlot {
    let aad = slot_aad(vault_id, name, &kdf, DATA_KEY_ID);
    let (nonce, wrapped) = crypto::seal(kek, &aad, data_key.as_bytes());
    KeySlot {
        name,
        kdf,
        salt,
        key_id: DATA_KEY_ID,
        nonce: nonce.to_vec(),
        wrapped,
    }
}

fn random_salt() -> [u8; SALT_LEN] {
    let mut salt = [0u8; SALT_LEN];
    crypto::fill_random(&mut salt);
    salt
}

pub(super) fn passphrase_slot(
    vault_id: &[u8; 16],
    passphrase: &str,
    data_key: &SecretKey,
) -> Result<KeySlot> {
    check_passphrase(passphrase)?;
    let salt = random_salt();
    let params = KdfParams::DEFAULT;
    let kek = crypto::derive_from_passphrase(passphrase.as_bytes(), &salt, params)?;
    Ok(wrap_slot(
        vault_id,
        PASSPHRASE_SLOT,
        SlotKdf::Argon2id(params),
        salt,
        &kek,
        data_key,
    ))
}

pub(super) fn recovery_slot(
    vault_id: &[u8; 16],
    recovery: &RecoveryKey,
    data_key: &SecretKey,
) -> KeySlot {
    let salt = random_salt();
    let kek = crypto::derive_from_recovery(recovery, &salt);
    wrap_slot(
        vault_id,
        RECOVERY_SLOT,
        SlotKdf::HkdfSha256,
        salt,
        &kek,
        data_key,
    )
}

/// Checks a new passphrase against the rules (at least [`MIN_PASSPHRASE_CHARS`] characters).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(
            Error::invalid("passphrase", "passphrase_too_short").with("min", MIN_PASSPHRASE_CHARS)
        );
    }
    Ok(())
}

/// How an unlock was attempted, for the one message each gives when it fails.
pub(super) enum Secret<'a> {
    Passphrase(&'a str),
    Recovery(&'a RecoveryKey),
}

/// Unwraps the data key from the slot `secret` opens. A wrong secret gives the one error for
/// its kind and reads nothing else.
pub(super) fn unwrap_data_key(store: &Store, secret: &Secret) -> Result<SecretKey> {
    let (slot_name, wrong) = match secret {
        Secret::Passphrase(_) => (PASSPHRASE_SLOT, Error::WrongPassphrase),
        Secret::Recovery(_) => (RECOVERY_SLOT, Error::WrongRecoveryKey),
    };
    let slot = store.slot(slot_name)?;
    let kek = match (secret, slot.kdf) {
        (Secret::Passphrase(p), SlotKdf::Argon2id(params)) => {
            crypto::derive_from_passphrase(p.as_bytes(), &slot.salt, params)?
        }
        (Secret::Recovery(r), SlotKdf::HkdfSha256) => crypto::derive_from_recovery(r, &slot.salt),
        _ => {
            return Err(Error::Damaged {
                detail: format!("its {slot_name} key slot uses the wrong key derivation"),
            });
        }
    };
    let aad = slot_aad(store.vault_id(), slot_name, &slot.kdf, slot.key_id);
    let opened = crypto::open(&kek, &slot.nonce, &aad, &slot.wrapped).ok_or(wrong)?;
    let bytes: [u8; 32] = opened[..].try_into().map_err(|_| Error::Damaged {
        detail: "its data key has the wrong length".into(),
    })?;
    if slot.key_id != DATA_KEY_ID {
        return Err(Error::Damaged {
            detail: format!("its data key has an unknown id {}", slot.key_id),
        });
    }
    Ok(SecretKey::from_bytes(bytes))
}

impl Vault {
    /// Checks that `passphrase` is this vault's current one, without changing anything. The app
    /// asks for it again before a passphrase change or a new recovery key, so nobody who finds
    /// the app unlocked can take the vault over.
    pub fn confirm_passphrase(&self, passphrase: &str) -> Result<()> {
        unwrap_data_key(&self.store, &Secret::Passphrase(passphrase)).map(drop)
    }

    /// Re-wraps the data key under a new passphrase. No entry is re-encrypted.
    pub fn change_passphrase(&mut self, new_passphrase: &str) -> Result<()> {
        let slot = passphrase_slot(self.store.vault_id(), new_passphrase, &self.key)?;
        self.store.put_slots(&[slot])
    }

    /// Replaces the recovery key; the old one stops working. Returns the new one to show once.
    pub fn replace_recovery_key(&mut self) -> Result<RecoveryKey> {
        let recovery = RecoveryKey::random();
        let slot = recovery_slot(self.store.vault_id(), &recovery, &self.key);
        self.store.put_slots(&[slot])?;
        Ok(recovery)
    }
}
