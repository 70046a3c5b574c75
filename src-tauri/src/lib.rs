//! tandem-app: the Tauri 2 shell around tandem-core.
//!
//! Each command turns one request from the web UI into one core call and its answer back; no
//! domain rule lives here. Keys and the unlocked vault stay in this process, never in the
//! webview. Errors cross to the UI as data worded in the app's language ([`UiError`]). The shell,
//! not the page, decides when to lock ([`guard`]).

#![forbid(unsafe_code)]

#[cfg(test)]
mod catalogue_tests;
mod command_list;
pub mod commands;
mod error;
pub mod forms;
pub mod guard;
pub mod supervision;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use tandem_core::Vault;
use tandem_core::settings::Settings;
use tandem_core::summary::inbox::ReceivedFiles;
use zeroize::Zeroizing;

pub use command_list::COMMANDS;
pub use error::UiError;

/// What the shell holds: where the vault is and, while unlocked, the vault itself; the
/// summaries a supervisor opened; the settings; and when the worker last did anything.
pub struct AppState {
    path: PathBuf,
    vault: Mutex<Option<Vault>>,
    /// Summaries opened in the supervisor's view; they need no vault.
    received: Mutex<ReceivedFiles>,
    dialogs: supervision::Dialogs,
    settings: Mutex<Settings>,
    last_activity: Mutex<Instant>,
    /// The recovery key last shown, kept only until the worker types a group of it back (see
    /// [`commands::confirm_recovery_group`]) or the app locks, so the page need not keep it to
    /// check what was typed.
    shown_key: Mutex<Option<Zeroizing<String>>>,
}

impl AppState {
    /// State for the vault at `path`, locked, choosing files through `dialogs`, with the
    /// settings beside the vault (the defaults if they cannot be read).
    pub fn new(path: PathBuf, dialogs: supervision::Dialogs) -> Self {
        let settings = Settings::load(&Settings::path_for(&path)).unwrap_or_default();
        AppState {
            path,
            vault: Mutex::new(None),
            received: Mutex::new(ReceivedFiles::new()),
            dialogs,
            settings: Mutex::new(settings),
            last_activity: Mutex::new(Instant::now()),
            shown_key: Mutex::new(None),
        }
    }

    /// The settings as last read or saved.
    pub fn settings(&self) -> Settings {
        self.settings.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn set_settings(&self, settings: Settings) {
        if let Ok(mut s) = self.settings.lock() {
            *s = settings;
        }
    }

    /// `result` with its error worded in the app's language.
    pub(crate) fn answer<T>(&self, result: tandem_core::Result<T>) -> Result<T, UiError> {
        result.map_err(|e| UiError::new(self.settings().language(), &e))
    }

    /// Holds a vault just unlocked or created, and starts the idle clock from now.
    fn hold(&self, vault: Vault) {
        // The clock starts first: the guard must never see a vault just opened with the idle
        // time of the locked screen before it.
        self.touch();
        let mut held = self.vault.lock().unwrap_or_else(|p| p.into_inner());
        *held = Some(vault);
    }

    /// Notes that the worker did something, which holds off the idle lock.
    pub fn touch(&self) {
        if let Ok(mut t) = self.last_activity.lock() {
            *t = Instant::now();
        }
    }

    /// True while anything decrypted is held: an unlocked vault, or opened summaries.
    pub fn holds_secrets(&self) -> bool {
        // A poisoned lock still holds whatever it held: count it as holding secrets, so the
        // guard goes on to drop them.
        let vault = self.vault.lock().map(|v| v.is_some()).unwrap_or(true);
        let received = self.received.lock().map(|r| !r.is_empty()).unwrap_or(true);
        vault || received
    }

    /// Keeps `key`, the recovery key about to be shown, until a group of it is typed back;
    /// answers the copy for the page.
    fn show_key(&self, key: Zeroizing<String>) -> String {
        let shown = key.to_string();
        *self.shown_key.lock().unwrap_or_else(|p| p.into_inner()) = Some(key);
        shown
    }

    /// Drops the vault (every key and decrypted entry with it), every opened summary and the
    /// recovery key last shown, even from a lock poisoned by a panic elsewhere.
    pub fn lock_all(&self) {
        let mut vault = self.vault.lock().unwrap_or_else(|p| p.into_inner());
        vault.take();
        let mut received = self.received.lock().unwrap_or_else(|p| p.into_inner());
        received.clear();
        let mut shown = self.shown_key.lock().unwrap_or_else(|p| p.into_inner());
        shown.take();
    }
}

/// The vault path: `TANDEM_VAULT` if set (the end-to-end tests use it), else the platform's data
/// folder.
pub fn vault_path() -> PathBuf {
    std::env::var_os("TANDEM_VAULT")
        .map(PathBuf::from)
        .or_else(tandem_core::vault::default_path)
        .unwrap_or_else(|| PathBuf::from("vault.tandem"))
}

/// Registers the state and every command on a builder of any runtime, so tests can build the
/// same app on Tauri's mock runtime; starts the lock guard.
pub fn build<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            guard::watch(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::vault_status,
            commands::create_vault,
            commands::unlock,
            commands::unlock_with_recovery,
            commands::lock,
            commands::activity,
            commands::list_entries,
            commands::search_entries,
            commands::add_entry,
            commands::delete_entry,
            commands::restore_entry,
            commands::get_entry,
            commands::update_entry,
            forms::entry_form,
            forms::list_drafts,
            forms::get_draft,
            forms::save_draft,
            forms::discard_draft,
            commands::list_people,
            commands::add_person,
            commands::update_person,
            commands::change_passphrase,
            commands::new_recovery_key,
            commands::confirm_recovery_group,
            forms::vocabularies,
            forms::catalogue,
            forms::get_settings,
            forms::settings_choices,
            forms::save_settings,
            supervision::set_agenda,
            supervision::wizard_defaults,
            supervision::preview_summary,
            supervision::removed_words,
            supervision::remember_removed_word,
            supervision::forget_removed_word,
            supervision::save_summary,
            supervision::list_exports,
            supervision::open_summaries,
            supervision::open_summary_with_key,
            supervision::close_summaries,
        ])
}

/// Starts the app on the default vault. Also the entry point on mobile targets.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    build(
        tauri::Builder::default(),
        AppState::new(vault_path(), supervision::Dialogs::from_env()),
    )
    .run(tauri::generate_context!())
    .expect("Tandem could not start its window");
}

#[cfg(test)]
mod tests;
