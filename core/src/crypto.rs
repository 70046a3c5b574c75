//! Keys, key derivation and the authenticated encryption of records.
//!
//! Everything here is a thin, typed layer over audited crates: Argon2id (`argon2`) turns a
//! passphrase into a key-encryption key, HKDF-SHA256 (`hkdf`) does the same for the
//! high-entropy recovery key, and XChaCha20-Poly1305 (`chacha20poly1305`) seals the data key
//! and every record. No primitive is written by hand.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, Generate, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::Error;

/// Length in bytes of every symmetric key (256 bits).
pub const KEY_LEN: usize = 32;
/// Length in bytes of an XChaCha20-Poly1305 nonce.
pub const NONCE_LEN: usize = 24;
/// Length in bytes of a key-derivation salt.
pub const SALT_LEN: usize = 16;

/// A 256-bit symmetric key that is wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct SecretKey([u8; KEY_LEN]);

impl SecretKey {
    /// A fresh key from the operating system's random source.
    pub fn random() -> Self {
        let mut key = [0u8; KEY_LEN];
        fill_random(&mut key);
        SecretKey(key)
    }

    pub(crate) fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        SecretKey(bytes)
    }

    pub(crate) fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

/// Fills `buf` from the operating system's random source.
///
/// A failing system random source leaves no safe way to continue, so this panics rather than
/// returning predictable bytes.
pub fn fill_random(buf: &mut [u8]) {
    getrandom::fill(buf).expect("the operating system's random source failed");
}

/// Argon2id cost parameters, stored next to each passphrase slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// What new vaults use: 64 MiB, 3 passes, one lane.
    pub const DEFAULT: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };
    /// The weakest parameters a vault may carry; weaker ones are treated as tampering.
    pub const MIN: KdfParams = KdfParams::DEFAULT;
    /// The costliest parameters Tandem will run. A vault that asks for more is refused before any
    /// memory is allocated, so a hostile file cannot exhaust the device.
    pub const MAX: KdfParams = KdfParams {
        m_kib: 1024 * 1024,
        t: 16,
        p: 8,
    };

    /// Checks the parameters against [`KdfParams::MIN`] and [`KdfParams::MAX`].
    pub fn check(&self) -> Result<(), Error> {
        let within = |v: u32, lo: u32, hi: u32| (lo..=hi).contains(&v);
        if within(self.m_kib, Self::MIN.m_kib, Self::MAX.m_kib)
            && within(self.t, Self::MIN.t, Self::MAX.t)
            && within(self.p, Self::MIN.p, Self::MAX.p)
        {
            Ok(())
        } else {
            Err(Error::Damaged {
                detail: format!(
                    "its key-derivation settings ({} KiB, {} passes, {} lanes) are outside the \
                     range Tandem accepts",
                    self.m_kib, self.t, self.p
                ),
            })
        }
    }
}

/// Derives a key-encryption key from a passphrase with Argon2id.
///
/// The parameters are checked against the caps first, so a hostile vault cannot make this
/// allocate more than [`KdfParams::MAX`] allows.
pub fn derive_from_passphrase(
    passphrase: &[u8],
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<SecretKey, Error> {
    params.check()?;
    let argon_params =
        Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN)).map_err(|e| {
            Error::Damaged {
                detail: format!("its key-derivation settings are invalid ({e})"),
            }
        })?;
    let mut out = [0u8; KEY_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params)
        .hash_password_into(passphrase, salt, &mut out)
        .map_err(|e| Error::Damaged {
            detail: format!("key derivation failed ({e})"),
        })?;
    Ok(SecretKey::from_bytes(out))
}

/// Derives a key-encryption key from a recovery key with HKDF-SHA256.
///
/// A recovery key carries 160 random bits, so a slow password hash adds nothing to its strength.
pub fn derive_from_recovery(recovery: &RecoveryKey, salt: &[u8; SALT_LEN]) -> SecretKey {
    let hk = hkdf::Hkdf::<Sha256>::new(Some(salt), &recovery.bytes);
    let mut out = [0u8; KEY_LEN];
    hk.expand(b"tandem recovery key wrap v1", &mut out)
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    SecretKey::from_bytes(out)
}

/// Encrypts `plaintext` under `key`, binding `aad`, with a fresh random nonce.
pub fn seal(key: &SecretKey, aad: &[u8], plaintext: &[u8]) -> ([u8; NONCE_LEN], Vec<u8>) {
    let nonce = XNonce::generate();
    let ciphertext = key
        .cipher()
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .expect("XChaCha20-Poly1305 encryption cannot fail for in-memory buffers");
    (nonce.into(), ciphertext)
}

/// Decrypts and authenticates a sealed message. Any change to the key, nonce, associated data or
/// ciphertext gives `None`.
pub fn open(
    key: &SecretKey,
    nonce: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let nonce: [u8; NONCE_LEN] = nonce.try_into().ok()?;
    key.cipher()
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// Padded sizes are multiples of this, up to [`MEDIUM_LIMIT`]: an entry's length is hidden to
/// within 256 bytes (a few sentences) without doubling the vault's size as powers of two would.
const SMALL_STEP: usize = 256;
/// Above this, sizes round up to a multiple of [`MEDIUM_STEP`].
const MEDIUM_LIMIT: usize = 8 * 1024;
const MEDIUM_STEP: usize = 4 * 1024;
/// Above this, sizes round up to a multiple of [`LARGE_STEP`].
const LARGE_LIMIT: usize = 64 * 1024;
const LARGE_STEP: usize = 64 * 1024;

/// The padded size for a payload of `len` bytes (plus its 4-byte length prefix).
pub fn bucket_len(len: usize) -> usize {
    let need = (len + 4).max(1);
    let step = if need <= MEDIUM_LIMIT {
        SMALL_STEP
    } else if need <= LARGE_LIMIT {
        MEDIUM_STEP
    } else {
        LARGE_STEP
    };
    need.div_ceil(step) * step
}

/// Prefixes `payload` with its length and pads it with zeros to its bucket, so a ciphertext's
/// length says little about the entry inside.
pub fn pad(payload: &[u8]) -> Zeroizing<Vec<u8>> {
    let total = bucket_len(payload.len());
    let mut out = Zeroizing::new(Vec::with_capacity(total));
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(payload);
    out.resize(total, 0);
    out
}

/// Reverses [`pad`]. Returns `None` when the length prefix or the padding is not what `pad`
/// writes.
pub fn unpad(padded: &[u8]) -> Option<&[u8]> {
    let len = u32::from_le_bytes(padded.get(..4)?.try_into().ok()?) as usize;
    let body = padded.get(4..4 + len)?;
    let rest = &padded[4 + len..];
    (rest.iter().all(|&b| b == 0) && padded.len() == bucket_len(len)).then_some(body)
}

/// Crockford's base32 alphabet: no I, L, O or U, so hand-copied keys survive common misreadings.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECOVERY_BYTES: usize = 20;
const RECOVERY_BODY_CHARS: usize = RECOVERY_BYTES * 8 / 5;
const RECOVERY_CHECK_CHARS: usize = 4;

/// The printable recovery key: 160 random bits, written as nine groups of four characters, the
/// last group a checksum that catches copying mistakes.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct RecoveryKey {
    bytes: [u8; RECOVERY_BYTES],
}

impl RecoveryKey {
    /// A fresh random recovery key.
    pub fn random() -> Self {
        let mut bytes = [0u8; RECOVERY_BYTES];
        fill_random(&mut bytes);
        RecoveryKey { bytes }
    }

    /// The key as people copy it: `XXXX-XXXX-…`, nine groups of four.
    pub fn display(&self) -> Zeroizing<String> {
        let mut chars = Zeroizing::new(Vec::with_capacity(RECOVERY_BODY_CHARS + 4));
        encode_base32(&self.bytes, &mut chars);
        chars.extend_from_slice(&checksum_chars(&self.bytes));
        let mut out = Zeroizing::new(String::with_capacity(45));
        for (i, c) in chars.iter().enumerate() {
            if i > 0 && i % GROUP_CHARS == 0 {
                out.push('-');
            }
            out.push(*c as char);
        }
        out
    }

    /// Reads a recovery key as a person typed it: any case, with or without dashes and spaces;
    /// O is read as 0 and I or L as 1.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let symbols = symbols(text).ok_or_else(|| {
            // The character is not repeated: a recovery key is a secret.
            Error::MalformedRecoveryKey("it holds a character recovery keys never use".into())
        })?;
        let expected = RECOVERY_BODY_CHARS + RECOVERY_CHECK_CHARS;
        if symbols.len() != expected {
            return Err(Error::MalformedRecoveryKey(format!(
                "it has {} characters; a recovery key has {expected} (nine groups of four)",
                symbols.len()
            )));
        }
        let mut bytes = [0u8; RECOVERY_BYTES];
        let mut acc: u64 = 0;
        let mut bits = 0;
        let mut n = 0;
        for &v in &symbols[..RECOVERY_BODY_CHARS] {
            acc = (acc << 5) | v as u64;
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                bytes[n] = (acc >> bits) as u8;
                n += 1;
            }
        }
        acc.zeroize();
        let key = RecoveryKey { bytes };
        let check = checksum_chars(&key.bytes);
        let typed: Vec<u8> = symbols[RECOVERY_BODY_CHARS..]
            .iter()
            .map(|&v| CROCKFORD[v as usize])
            .collect();
        if typed != check {
            return Err(Error::MalformedRecoveryKey(
                "its last group does not match the rest; check each character".into(),
            ));
        }
        Ok(key)
    }

    /// Whether `typed` is group `group` (counted from 1, as the worker reads them) of the key
    /// `shown` as [`RecoveryKey::display`] wrote it. `typed` is read as [`RecoveryKey::parse`]
    /// reads a whole key, so a group copied by hand in lower case, with spaces, or with O for 0
    /// still matches; a group that does not exist never does.
    pub fn group_matches(shown: &str, group: usize, typed: &str) -> bool {
        let (Some(shown), Some(typed)) = (symbols(shown), symbols(typed)) else {
            return false;
        };
        let groups = shown.len() / GROUP_CHARS;
        if group == 0 || group > groups || typed.len() != GROUP_CHARS {
            return false;
        }
        let start = (group - 1) * GROUP_CHARS;
        shown[start..start + GROUP_CHARS] == typed[..]
    }
}

/// Characters in each group of a displayed recovery key.
const GROUP_CHARS: usize = 4;

/// The Crockford values of a recovery key, or part of one, as a person typed it: case, dashes
/// and spaces do not matter, O is read as 0 and I or L as 1. `None` when a character is one
/// recovery keys never use. One reading for a whole key and for a group, so both agree.
fn symbols(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut symbols = Zeroizing::new(Vec::with_capacity(RECOVERY_BODY_CHARS + 4));
    for c in text.chars() {
        if c == '-' || c.is_whitespace() {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        symbols.push(CROCKFORD.iter().position(|&a| a as char == c)? as u8);
    }
    Some(symbols)
}

fn encode_base32(bytes: &[u8], out: &mut Vec<u8>) {
    let mut acc: u64 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | b as u64;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(CROCKFORD[((acc >> bits) & 31) as usize]);
        }
    }
    acc.zeroize();
}

fn checksum_chars(bytes: &[u8]) -> Vec<u8> {
    let digest = Sha256::new_with_prefix(b"tandem recovery check")
        .chain_update(bytes)
        .finalize();
    let mut out = Vec::with_capacity(RECOVERY_CHECK_CHARS + 1);
    encode_base32(&digest[..3], &mut out);
    out.truncate(RECOVERY_CHECK_CHARS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_record_opens_only_with_same_key_and_associated_data() {
        let key = SecretKey::random();
        let (nonce, ct) = seal(&key, b"row-1", b"hello");
        assert_eq!(&open(&key, &nonce, b"row-1", &ct).unwrap()[..], b"hello");
        assert!(open(&key, &nonce, b"row-2", &ct).is_none());
        assert!(open(&SecretKey::random(), &nonce, b"row-1", &ct).is_none());
        let mut flipped = ct.clone();
        flipped[0] ^= 1;
        assert!(open(&key, &nonce, b"row-1", &flipped).is_none());
    }

    #[test]
    fn every_seal_uses_a_fresh_nonce() {
        let key = SecretKey::random();
        let (a, _) = seal(&key, b"", b"same");
        let (b, _) = seal(&key, b"", b"same");
        assert_ne!(a, b);
    }

    #[test]
    fn padding_hides_small_length_differences() {
        assert_eq!(pad(b"a").len(), pad(&[7u8; 200]).len());
        assert_eq!(bucket_len(0), 256);
        assert_eq!(bucket_len(300), 512);
        assert_eq!(bucket_len(600), 768);
        assert_eq!(bucket_len(9_000), 12 * 1024);
        assert_eq!(bucket_len(70_000), 128 * 1024);
        let padded = pad(b"entry");
        assert_eq!(unpad(&padded), Some(&b"entry"[..]));
    }

    #[test]
    fn unpad_refuses_a_wrong_length_prefix() {
        let mut padded = pad(b"entry").to_vec();
        padded[1] = 1; // claims 261 bytes in a 256-byte bucket
        assert_eq!(unpad(&padded), None);
        padded[1] = 0;
        padded[0] = 5;
        padded[100] = 1;
        assert_eq!(unpad(&padded), None);
    }

    #[test]
    fn recovery_key_survives_hand_copying() {
        let key = RecoveryKey::random();
        let shown = key.display();
        assert_eq!(shown.len(), 9 * 4 + 8);
        let sloppy = shown.to_lowercase().replace('-', " ").replace('0', "o");
        let back = RecoveryKey::parse(&sloppy).unwrap();
        assert_eq!(back.bytes, key.bytes);
    }

    #[test]
    fn a_group_copied_by_hand_matches_as_the_whole_key_would() {
        let shown = RecoveryKey::random().display();
        let groups: Vec<&str> = shown.split('-').collect();
        for (i, group) in groups.iter().enumerate() {
            assert!(RecoveryKey::group_matches(&shown, i + 1, group));
        }
        // The readings parse allows: lower case, spaces, O for 0, I and L for 1.
        let sloppy = format!(" {} ", groups[2].to_lowercase())
            .replace('0', "o")
            .replace('1', "l");
        assert!(RecoveryKey::group_matches(&shown, 3, &sloppy));
        let spaced: String = groups[4].chars().flat_map(|c| [c, ' ']).collect();
        assert!(RecoveryKey::group_matches(&shown, 5, &spaced));
        // Another group, part of one, one too many characters, a character keys never use, or
        // a group that does not exist: no.
        let other = (1..=9).find(|&n| groups[n - 1] != groups[0]).unwrap();
        assert!(!RecoveryKey::group_matches(&shown, other, groups[0]));
        assert!(!RecoveryKey::group_matches(&shown, 1, &groups[0][..3]));
        assert!(!RecoveryKey::group_matches(
            &shown,
            1,
            &format!("{}0", groups[0])
        ));
        assert!(!RecoveryKey::group_matches(&shown, 1, "UUUU"));
        assert!(!RecoveryKey::group_matches(&shown, 0, groups[0]));
        assert!(!RecoveryKey::group_matches(&shown, 10, groups[0]));
        assert!(!RecoveryKey::group_matches(&shown, 1, ""));
    }

    #[test]
    fn recovery_key_with_a_typo_is_reported_as_such() {
        let shown = RecoveryKey::random().display();
        let mut chars: Vec<char> = shown.chars().collect();
        chars[0] = if chars[0] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        assert!(matches!(
            RecoveryKey::parse(&typo),
            Err(Error::MalformedRecoveryKey(_))
        ));
        assert!(matches!(
            RecoveryKey::parse("ABCD-EFGH"),
            Err(Error::MalformedRecoveryKey(_))
        ));
    }

    #[test]
    fn kdf_parameters_beyond_the_caps_are_refused_before_running() {
        let salt = [0u8; SALT_LEN];
        let hostile = KdfParams {
            m_kib: u32::MAX,
            t: 3,
            p: 1,
        };
        assert!(matches!(
            derive_from_passphrase(b"pw", &salt, hostile),
            Err(Error::Damaged { .. })
        ));
        let weak = KdfParams {
            m_kib: 8,
            t: 1,
            p: 1,
        };
        assert!(derive_from_passphrase(b"pw", &salt, weak).is_err());
    }
}
