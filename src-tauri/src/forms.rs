//! What the UI asks the core for before it draws anything: the words (the catalogue of the
//! app's language), the entry forms with their choices, limits and defaults, the settings and
//! their choices, and the drafts of forms left unfinished. The UI keeps no copy of any of it.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};
use tandem_core::form::{self, Field};
use tandem_core::i18n::{self, Language};
use tandem_core::settings::{Choices, Settings};
use tandem_core::vault::DraftInfo;
use tauri::State;

use crate::commands::{kind, with_vault};
use crate::{AppState, UiError};

type Answer<T> = Result<T, UiError>;

/// The catalogue of `language` (the settings' language when none is named): every sentence the
/// UI shows, by key.
#[tauri::command]
pub fn catalogue(
    state: State<'_, AppState>,
    language: Option<String>,
) -> Answer<&'static Map<String, Value>> {
    let lang = match language {
        Some(code) => state.answer(Language::parse("language", &code))?,
        None => state.settings().language(),
    };
    Ok(i18n::catalogue(lang))
}

/// The codes of every vocabulary, by the entry field that takes them (for the journal's
/// filters).
#[tauri::command]
pub fn vocabularies() -> BTreeMap<&'static str, Vec<&'static str>> {
    tandem_core::vocab::fields().into_iter().collect()
}

/// A kind's form: its fields, what a new entry starts with, and the recent days its "when"
/// offers by name.
#[derive(Debug, Serialize)]
pub struct EntryForm {
    pub fields: Vec<Field>,
    pub defaults: Map<String, Value>,
    pub days: Vec<form::Day>,
}

#[tauri::command]
pub fn entry_form(state: State<'_, AppState>, kind: String) -> Answer<EntryForm> {
    let kind = state.answer(self::kind(&kind))?;
    let (lang, today) = crate::commands::words(&state);
    with_vault(&state, |vault| {
        Ok(EntryForm {
            fields: form::fields(kind),
            defaults: vault.entry_defaults(kind)?,
            days: form::recent_days(lang, today),
        })
    })
}

/// Every form left unfinished, newest first.
#[tauri::command]
pub fn list_drafts(state: State<'_, AppState>) -> Answer<Vec<DraftInfo>> {
    with_vault(&state, |vault| vault.drafts())
}

/// The fields of the draft `key` (`new:KIND` or `edit:ID`), if there is one.
#[tauri::command]
pub fn get_draft(state: State<'_, AppState>, key: String) -> Answer<Option<Map<String, Value>>> {
    with_vault(&state, |vault| vault.draft(&key))
}

/// Keeps the form as the worker left it, sealed in the vault.
#[tauri::command(async)]
pub fn save_draft(
    state: State<'_, AppState>,
    key: String,
    fields: Map<String, Value>,
) -> Answer<()> {
    with_vault(&state, |vault| vault.save_draft(&key, &fields))
}

#[tauri::command]
pub fn discard_draft(state: State<'_, AppState>, key: String) -> Answer<()> {
    with_vault(&state, |vault| vault.discard_draft(&key))
}

/// The app's preferences (language, theme, auto-lock); readable while locked.
#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Answer<Settings> {
    let settings = state.answer(Settings::load(&Settings::path_for(&state.path)))?;
    state.set_settings(settings.clone());
    Ok(settings)
}

/// What each setting may be, and the defaults.
#[tauri::command]
pub fn settings_choices() -> Choices {
    Settings::choices()
}

#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Answer<()> {
    state.answer(settings.save(&Settings::path_for(&state.path)))?;
    state.set_settings(settings);
    Ok(())
}
