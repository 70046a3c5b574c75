//! The commands the UI may call. Each translates arguments, makes one core call, and translates
//! the answer; validation, defaults and vocabularies all live in tandem-core.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tandem_core::entry::EntryDraft;
use tandem_core::settings::Settings;
use tandem_core::vault::{FilterText, person_json};
use tandem_core::{Error, Kind, PersonDraft, RecoveryKey, Vault};
use tauri::State;
use zeroize::Zeroizing;

use crate::{AppState, UiError};

type Answer<T> = Result<T, UiError>;

/// Runs `f` on the unlocked vault, or answers "locked".
pub(crate) fn with_vault<T>(
    state: &AppState,
    f: impl FnOnce(&mut Vault) -> Answer<T>,
) -> Answer<T> {
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

impl Page {
    /// At most `limit` (capped at [`MAX_PAGE`]) of `entries` as JSON, and whether more followed.
    fn of<'a>(
        reader: &tandem_core::Reader<'a>,
        entries: impl Iterator<Item = &'a tandem_core::Entry>,
        limit: usize,
    ) -> Page {
        let limit = limit.min(MAX_PAGE);
        let mut page: Vec<Value> = entries.take(limit + 1).map(|e| reader.to_json(e)).collect();
        let more = page.len() > limit;
        page.truncate(limit);
        Page {
            entries: page,
            more,
        }
    }
}

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
        Ok(Page::of(&reader, reader.list(&filter).skip(offset), limit))
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
        Ok(Page::of(&reader, hits.into_iter(), limit))
    })
}

fn draft(kind: &str, entry: Value) -> Answer<EntryDraft> {
    let kind = Kind::from_code(kind)
        .ok_or_else(|| Error::invalid("kind", format!("allowed: {}", Kind::codes())))?;
    Ok(EntryDraft::from_value(entry, Some(kind), false)?)
}

/// Saves a new entry of `kind` from the form's fields; answers its id.
#[tauri::command(async)]
pub fn add_entry(state: State<'_, AppState>, kind: String, entry: Value) -> Answer<String> {
    let draft = draft(&kind, entry)?;
    with_vault(&state, |vault| Ok(vault.add_entry(draft)?.to_hex()))
}

/// One entry as flat JSON, deleted or not.
#[tauri::command]
pub fn get_entry(state: State<'_, AppState>, id: String) -> Answer<Value> {
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        let reader = vault.reader()?;
        let entry = reader.get(&id).ok_or_else(|| Error::NotFound {
            what: "entry",
            id: id.to_hex(),
        })?;
        Ok(reader.to_json(entry))
    })
}

/// Replaces an entry's fields with the form's; its id, kind and creation time stay.
#[tauri::command(async)]
pub fn update_entry(
    state: State<'_, AppState>,
    id: String,
    kind: String,
    entry: Value,
) -> Answer<()> {
    let draft = draft(&kind, entry)?;
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        Ok(vault.update_entry(&id, draft)?)
    })
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

/// The people list, sorted by alias, with the private fields for the people screen.
#[tauri::command]
pub fn list_people(state: State<'_, AppState>) -> Answer<Vec<Value>> {
    with_vault(&state, |vault| {
        Ok(vault.people().iter().map(person_json).collect())
    })
}

/// A person as the form sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonForm {
    alias: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    details: Option<String>,
}

impl From<PersonForm> for PersonDraft {
    fn from(mut form: PersonForm) -> Self {
        PersonDraft {
            alias: std::mem::take(&mut form.alias),
            name: form.name.take(),
            details: form.details.take(),
        }
    }
}

#[tauri::command(async)]
pub fn add_person(state: State<'_, AppState>, person: PersonForm) -> Answer<String> {
    with_vault(&state, |vault| {
        Ok(vault.add_person(person.into())?.to_hex())
    })
}

#[tauri::command(async)]
pub fn update_person(state: State<'_, AppState>, id: String, person: PersonForm) -> Answer<()> {
    with_vault(&state, |vault| {
        let id = tandem_core::RecordId::from_hex(&id)
            .ok_or_else(|| Error::invalid("id", "not a person's id"))?;
        Ok(vault.update_person(&id, person.into())?)
    })
}

/// Changes the passphrase after checking the current one again.
#[tauri::command(async)]
pub fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new_passphrase: String,
) -> Answer<()> {
    let (current, new_passphrase) = (Zeroizing::new(current), Zeroizing::new(new_passphrase));
    with_vault(&state, |vault| {
        vault.confirm_passphrase(&current)?;
        Ok(vault.change_passphrase(&new_passphrase)?)
    })
}

/// Replaces the recovery key after checking the passphrase; answers the new key, shown once.
#[tauri::command(async)]
pub fn new_recovery_key(state: State<'_, AppState>, current: String) -> Answer<String> {
    let current = Zeroizing::new(current);
    with_vault(&state, |vault| {
        vault.confirm_passphrase(&current)?;
        Ok(vault.replace_recovery_key()?.display().to_string())
    })
}

/// The codes of every vocabulary, by the entry field that takes them.
#[tauri::command]
pub fn vocabularies() -> serde_json::Map<String, Value> {
    tandem_core::vocab::fields()
        .into_iter()
        .map(|(field, codes)| (field.to_string(), Value::from(codes)))
        .collect()
}

/// The app's preferences (language, theme, auto-lock); readable while locked.
#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Answer<Settings> {
    Ok(Settings::load(&Settings::path_for(&state.path))?)
}

#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Answer<()> {
    Ok(settings.save(&Settings::path_for(&state.path))?)
}
