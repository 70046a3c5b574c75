//! The commands the UI may call for the vault, its entries and its people. Each translates
//! arguments, makes one core call, and translates the answer; validation, defaults and
//! vocabularies all live in tandem-core.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tandem_core::entry::EntryDraft;
use tandem_core::i18n::Language;
use tandem_core::search::Query;
use tandem_core::vault::{EntryView, FilterText, PersonView};
use tandem_core::{Error, Kind, PersonDraft, RecoveryKey, Vault};
use tauri::State;
use zeroize::Zeroizing;

use crate::{AppState, UiError};

type Answer<T> = Result<T, UiError>;

/// Runs `f` on the unlocked vault, or answers "locked"; its errors are worded in the app's
/// language.
pub(crate) fn with_vault<T>(
    state: &AppState,
    f: impl FnOnce(&mut Vault) -> tandem_core::Result<T>,
) -> Answer<T> {
    let lang = state.settings().language();
    // A lock poisoned by a panic elsewhere still holds the vault: use it rather than refuse.
    let mut guard = state.vault.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_mut() {
        Some(vault) => f(vault).map_err(|e| UiError::new(lang, &e)),
        None => Err(UiError::locked(lang)),
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
        state.answer(std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            context: format!("cannot create the folder {}", dir.display()),
            source,
        }))?;
    }
    let (vault, recovery) = state.answer(Vault::create(&state.path, &passphrase))?;
    state.hold(vault);
    Ok(state.show_key(recovery.display()))
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: String) -> Answer<()> {
    let passphrase = Zeroizing::new(passphrase);
    let vault = state.answer(Vault::open(&state.path, &passphrase))?;
    state.hold(vault);
    Ok(())
}

#[tauri::command(async)]
pub fn unlock_with_recovery(state: State<'_, AppState>, recovery_key: String) -> Answer<()> {
    let typed = Zeroizing::new(recovery_key);
    let vault = state.answer(
        RecoveryKey::parse(&typed).and_then(|key| Vault::open_with_recovery(&state.path, &key)),
    )?;
    state.hold(vault);
    Ok(())
}

/// Locks: drops the vault, and with it every key and decrypted entry, and closes any summary a
/// supervisor opened.
#[tauri::command]
pub fn lock(state: State<'_, AppState>) {
    state.lock_all();
}

/// The page reports that the worker did something (a key, a tap, a scroll), which holds off the
/// idle lock. The shell keeps the clock; see [`crate::guard`].
#[tauri::command]
pub fn activity(state: State<'_, AppState>) {
    state.touch();
}

/// The app's language and today's date: what entries' times are worded against.
pub(crate) fn words(state: &AppState) -> (Language, chrono::NaiveDate) {
    (
        state.settings().language(),
        chrono::Local::now().date_naive(),
    )
}

/// One page of entries and whether more follow.
#[derive(Debug, Serialize)]
pub struct Page {
    pub entries: Vec<EntryView>,
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
        words: (Language, chrono::NaiveDate),
        query: Option<&Query>,
    ) -> Page {
        let limit = limit.min(MAX_PAGE);
        let mut page: Vec<EntryView> = entries
            .take(limit + 1)
            .map(|e| {
                let view = reader.view(e, Some(words));
                match query {
                    Some(q) => view.marked(q),
                    None => view,
                }
            })
            .collect();
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
    let words = words(&state);
    with_vault(&state, |vault| {
        let filter = vault.filter(&filter, "")?;
        let reader = vault.reader()?;
        Ok(Page::of(
            &reader,
            reader.list(&filter).skip(offset),
            limit,
            words,
            None,
        ))
    })
}

#[tauri::command(async)]
pub fn search_entries(
    state: State<'_, AppState>,
    query: String,
    filter: FilterText,
    limit: usize,
) -> Answer<Page> {
    let words = words(&state);
    with_vault(&state, |vault| {
        let filter = vault.filter(&filter, "")?;
        let reader = vault.reader()?;
        let hits = reader.search(&query, &filter);
        let query = Query::parse(&query);
        Ok(Page::of(
            &reader,
            hits.into_iter(),
            limit,
            words,
            Some(&query),
        ))
    })
}

pub(crate) fn kind(code: &str) -> tandem_core::Result<Kind> {
    Kind::from_code(code)
        .ok_or_else(|| Error::invalid("kind", "unknown_value").with("allowed", Kind::codes()))
}

fn draft(kind_code: &str, entry: Map<String, Value>) -> tandem_core::Result<EntryDraft> {
    EntryDraft::from_value(Value::Object(entry), Some(kind(kind_code)?), false)
}

/// Saves a new entry of `kind` from the form's fields and forgets the form's draft; answers
/// the entry's id.
#[tauri::command(async)]
pub fn add_entry(
    state: State<'_, AppState>,
    kind: String,
    entry: Map<String, Value>,
) -> Answer<String> {
    let draft = state.answer(draft(&kind, entry))?;
    with_vault(&state, |vault| {
        let id = vault.add_entry(draft)?;
        // The entry is saved: a draft left behind would only offer it again.
        let _ = vault.discard_draft(&format!("new:{kind}"));
        Ok(id.to_hex())
    })
}

/// One entry, deleted or not.
#[tauri::command]
pub fn get_entry(state: State<'_, AppState>, id: String) -> Answer<EntryView> {
    let words = words(&state);
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        let reader = vault.reader()?;
        let entry = reader.get(&id).ok_or_else(|| Error::NotFound {
            what: "entry",
            id: id.to_hex(),
        })?;
        Ok(reader.view(entry, Some(words)))
    })
}

/// Replaces an entry's fields with the form's (its id, kind and creation time stay) and forgets
/// the form's draft.
#[tauri::command(async)]
pub fn update_entry(
    state: State<'_, AppState>,
    id: String,
    kind: String,
    entry: Map<String, Value>,
) -> Answer<()> {
    let draft = state.answer(draft(&kind, entry))?;
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        vault.update_entry(&id, draft)?;
        let _ = vault.discard_draft(&format!("edit:{}", id.to_hex()));
        Ok(())
    })
}

#[tauri::command]
pub fn delete_entry(state: State<'_, AppState>, id: String) -> Answer<()> {
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        vault.delete_entry(&id)
    })
}

#[tauri::command]
pub fn restore_entry(state: State<'_, AppState>, id: String) -> Answer<()> {
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        vault.restore_entry(&id)
    })
}

/// The people list, sorted by alias, with the private fields for the people screen.
#[tauri::command]
pub fn list_people(state: State<'_, AppState>) -> Answer<Vec<PersonView>> {
    with_vault(&state, |vault| {
        Ok(vault.people().iter().map(PersonView::new).collect())
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
        let id = tandem_core::RecordId::from_hex(&id).ok_or_else(|| Error::NotFound {
            what: "person",
            id: String::new(),
        })?;
        vault.update_person(&id, person.into())
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
        vault.change_passphrase(&new_passphrase)
    })
}

/// Replaces the recovery key after checking the passphrase; answers the new key, shown once.
#[tauri::command(async)]
pub fn new_recovery_key(state: State<'_, AppState>, current: String) -> Answer<String> {
    let current = Zeroizing::new(current);
    let key = with_vault(&state, |vault| {
        vault.confirm_passphrase(&current)?;
        Ok(vault.replace_recovery_key()?.display())
    })?;
    Ok(state.show_key(key))
}

/// Whether `typed` is group `group` (counted from 1) of the recovery key last shown, read the
/// way the core reads a typed key. A match means the worker has the key: the shell forgets it
/// then. With no key shown (already confirmed, or locked since), nothing matches.
#[tauri::command]
pub fn confirm_recovery_group(state: State<'_, AppState>, group: usize, typed: String) -> bool {
    let typed = Zeroizing::new(typed);
    let mut shown = state.shown_key.lock().unwrap_or_else(|p| p.into_inner());
    let matches = shown
        .as_ref()
        .is_some_and(|key| RecoveryKey::group_matches(key, group, &typed));
    if matches {
        shown.take();
    }
    matches
}
