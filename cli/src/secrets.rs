//! Reading passphrases and recovery keys: from the environment when set, else from the terminal,
//! never echoed, and wiped from memory after use.

use tandem_core::{Error, RecoveryKey};
use zeroize::Zeroizing;

fn from_env(var: &str) -> Option<Zeroizing<String>> {
    std::env::var(var).ok().map(Zeroizing::new)
}

fn prompt(label: &str, var: &str) -> Result<Zeroizing<String>, Error> {
    rpassword::prompt_password(label)
        .map(Zeroizing::new)
        .map_err(|_| Error::invalid(var, "not_set_no_terminal").with("var", var))
}

/// The passphrase of an existing vault.
pub fn passphrase(var: &str, label: &str) -> Result<Zeroizing<String>, Error> {
    match from_env(var) {
        Some(p) => Ok(p),
        None => prompt(label, var),
    }
}

/// A new passphrase: from the environment, or typed twice on the terminal.
pub fn new_passphrase(var: &str, label: &str) -> Result<Zeroizing<String>, Error> {
    if let Some(p) = from_env(var) {
        return Ok(p);
    }
    let first = prompt(label, var)?;
    // Say so before asking for it again.
    tandem_core::vault::check_passphrase(&first)?;
    let again = prompt("Type it again: ", var)?;
    if *first != *again {
        return Err(Error::invalid("passphrase", "passphrases_differ"));
    }
    Ok(first)
}

/// The recovery key, from TANDEM_RECOVERY_KEY or the terminal.
pub fn recovery_key() -> Result<RecoveryKey, Error> {
    let text = passphrase("TANDEM_RECOVERY_KEY", "Recovery key: ")?;
    RecoveryKey::parse(&text)
}
