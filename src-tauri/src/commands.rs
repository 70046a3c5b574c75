//! The commands the UI may call. Each translates arguments, makes one core call, and translates
//! the answer; validation, defaults and vocabularies all live in tandem-core.

use serde::Serialize;
use serde_json::Value;
use tandem_core::entry::EntryDraft;
use tandem_core::vault::FilterText;
use tandem_core::{Error, Kind, RecoveryKey, Vault};
use tauri::State;
use zeroize::Zeroizing;

use crate::{AppState, UiError};

type Answer<T> = Result<T, UiError>;

/// Runs `f` on the unlocked vault, or answers "locked".
fn with_vault<T>(state: &AppState, f: impl FnOnce(&mut Vault) -> Answer<T>) -> Answer<T> {
    let mut guard = state.vault.lock().map_err(|_| UiError::locked())?;
    match guard.as_mut() {
        Some(vault) => f(vault),
        None => Err(UiError::locked()),
    }
}

/// Whether a vault exists at the app's path, and whether it is unlocked.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Status {
    pub exists: bool,
    pub unlocked: bool,
}

#[tauri::command]
pub fn vault_status(state: State<'_, AppState>) -> Status {
    Status {
        exists: state.path.exists(),
        unlocked: state.vault.lock().map(|v| v.is_some()).unwrap_or(false),
    }
}

/// Creates the vault and leaves it unlocked. Answers the recovery key, the one time it is ever
/// shown, so the UI can display it once and ask for part of it back.
#[tauri::command(async)]
pub fn create_vault(state: State<'_, AppState>, passphrase: String) -> Answer<String> {
    let passphrase = Zeroizing::new(passphrase);
    if let Some(dir) = state.path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| {
            UiError::from(Error::Io {
                context: format!("cannot create the folder {}", dir.display()),
                source,
            })
        })?;
    }
    let (vault, recovery) = Vault::create(&state.path, &passphrase)?;
    *state.vault.lock().map_err(|_| UiError::locked())? = Some(vault);
    Ok(recovery.display().to_string())
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> Answer<()> {
    let passphrase = Zeroizing::new(passphrase);
    let vault = Vault::open(&state.path, &passphrase)?;
    *state.vault.lock().map_err(|_| UiError::locked())? = Some(vault);
    Ok(())
}

#[tauri::command(async)]
pub fn unlock_with_recovery(state: State<'_, AppState>, recovery_key: String) -> Answer<()> {
    let typed = Zeroizing::new(recovery_key);
    let key = RecoveryKey::parse(&typed)?;
    let vault = Vault::open_with_recovery(&state.path, &key)?;
    *state.vault.lock().map_err(|_| UiError::locked())? = Some(vault);
    Ok(())
}

/// Locks: drops the vault, and with it every key and decrypted entry.
#[tauri::command]
pub fn lock(state: State<'_, AppState>) {
    if let Ok(mut guard) = state.vault.lock() {
        guard.take();
    }
}

/// One page of entries, as flat JSON, and whether more follow.
#[derive(Debug, Serialize)]
pub struct Page {
    pub entries: Vec<Value>,
    pub more: bool,
}

/// The most entries one page may hold, so the UI never receives the whole vault at once.
const MAX_PAGE: usize = 500;

#[tauri::command(async)]
pub fn list_entries(
    state: State<'_, AppState>,
    filter: FilterText,
    offset: usize,
    limit: usize,
) -> Answer<Page> {
    with_vault(&state, |vault| {
        let filter = vault.filter(&filter, "")?;
        let reader = vault.reader()?;
        let limit = limit.min(MAX_PAGE);
        let mut page: Vec<Value> = reader
            .list(&filter)
            .skip(offset)
            .take(limit + 1)
            .map(|e| reader.to_json(e))
            .collect();
        let more = page.len() > limit;
        page.truncate(limit);
        Ok(Page {
            entries: page,
            more,
        })
    })
}

#[tauri::command(async)]
pub fn search_entries(
    state: State<'_, AppState>,
    query: String,
    filter: FilterText,
    limit: usize,
) -> Answer<Page> {
    with_vault(&state, |vault| {
        let filter = vault.filter(&filter, "")?;
        let reader = vault.reader()?;
        let hits = reader.search(&query, &filter);
        let limit = limit.min(MAX_PAGE);
        Ok(Page {
            more: hits.len() > limit,
            entries: hits.iter().take(limit).map(|e| reader.to_json(e)).collect(),
        })
    })
}

/// Saves a new entry of `kind` from the form's fields; answers its id.
#[tauri::command(async)]
pub fn add_entry(state: State<'_, AppState>, kind: String, entry: Value) -> Answer<String> {
    let kind = Kind::from_code(&kind)
        .ok_or_else(|| Error::invalid("kind", format!("allowed: {}", Kind::codes())))?;
    let draft = EntryDraft::from_value(entry, Some(kind), false)?;
    with_vault(&state, |vault| Ok(vault.add_entry(draft)?.to_hex()))
}

#[tauri::command]
pub fn delete_entry(state: State<'_, AppState>, id: String) -> Answer<()> {
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        Ok(vault.delete_entry(&id)?)
    })
}

#[tauri::command]
pub fn restore_entry(state: State<'_, AppState>, id: String) -> Answer<()> {
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        Ok(vault.restore_entry(&id)?)
    })
}
