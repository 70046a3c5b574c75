//! Commands for supervision: the agenda, the export wizard's preview and save, the record of
//! saved summaries, and the supervisor's read-only view of received summaries (which needs no
//! vault; its logic is the core's [`tandem_core::summary::inbox`]). Files are chosen in native
//! dialogs opened from here, so the webview never gets file-system access of its own.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tandem_core::Error;
use tandem_core::entry::{AgendaState, parse_date};
use tandem_core::i18n::{self, Language, t};
use tandem_core::summary::document::{Include, Options, WizardDefaults};
use tandem_core::summary::inbox::InboxReport;
use tandem_core::summary::output::AgeTo;
use tandem_core::summary::record::{ExportRecord, Format};
use tandem_core::summary::report::Report;
use tandem_core::when;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use crate::commands::with_vault;
use crate::{AppState, UiError};

type Answer<T> = Result<T, UiError>;

/// Puts an entry on the agenda (`queued`), marks it `discussed`, or takes it off (`null`).
#[tauri::command]
pub fn set_agenda(state: State<'_, AppState>, id: String, agenda: Option<String>) -> Answer<()> {
    let agenda = state.answer(
        agenda
            .as_deref()
            .map(|code| AgendaState::parse("agenda", code))
            .transpose(),
    )?;
    with_vault(&state, |vault| {
        let id = vault.resolve_entry_id(&id)?;
        vault.set_agenda(&id, agenda)
    })
}

/// The wizard's choices: the period, k, and the flagged words the worker keeps.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryRequest {
    from: String,
    to: String,
    k: Whole,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    include: Include,
}

impl SummaryRequest {
    fn options(&self) -> tandem_core::Result<Options> {
        let mut options =
            Options::new(parse_date("from", &self.from)?, parse_date("to", &self.to)?);
        options.k = self.k.value("k")?;
        options.keep = self.keep.iter().map(|w| w.trim().to_lowercase()).collect();
        options.include = self.include;
        Ok(options)
    }
}

/// A whole number as a form sends it: the text typed in its field, which the core's rules then
/// check (a number is taken too, as scripts and tests send it). Text that is not a whole number
/// is refused with the field named, like any other input.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Whole {
    Number(u64),
    Text(String),
}

impl Whole {
    fn value(&self, field: &str) -> tandem_core::Result<u64> {
        match self {
            Whole::Number(n) => Ok(*n),
            Whole::Text(text) => text
                .trim()
                .parse()
                .map_err(|_| Error::invalid(field, "expected_whole_number")),
        }
    }
}

/// What would leave, in the words its file will read as (the same [`Report`] the HTML report
/// is drawn from), and the words that looked like names, for the worker to review (removed
/// unless kept).
#[derive(Debug, Serialize)]
pub struct Preview {
    report: Report,
    flags: Vec<FlagView>,
}

/// A word that looked like a name, as the review step shows it: the word the worker keeps by
/// (`word`), why it was taken for a name in the app's words, and the words around it.
#[derive(Debug, Serialize)]
pub struct FlagView {
    word: String,
    why: String,
    before: String,
    found: String,
    after: String,
}

/// A saved summary's record, with its dates in words for the list of saved summaries: the day
/// it was saved ("Tuesday 1 December 2026") and the period's first and last days
/// ("1 Nov 2026").
#[derive(Debug, Serialize)]
pub struct ExportView {
    id: String,
    #[serde(flatten)]
    record: ExportRecord,
    saved_label: String,
    from_label: String,
    to_label: String,
}

impl ExportView {
    fn new(lang: Language, record: ExportRecord) -> ExportView {
        // The day it was saved where the worker is, not in UTC.
        let saved = record.saved_at.with_timezone(&chrono::Local).date_naive();
        ExportView {
            id: record.id.to_hex(),
            saved_label: when::long_date(lang, saved),
            from_label: when::short_date(lang, record.from),
            to_label: when::short_date(lang, record.to),
            record,
        }
    }
}

/// What the wizard starts with and offers (see [`WizardDefaults`]), for a summary made today.
#[tauri::command]
pub fn wizard_defaults() -> WizardDefaults {
    WizardDefaults::on(chrono::Local::now().date_naive())
}

#[tauri::command(async)]
pub fn preview_summary(state: State<'_, AppState>, request: SummaryRequest) -> Answer<Preview> {
    let options = state.answer(request.options())?;
    let lang = state.settings().language();
    with_vault(&state, |vault| {
        let summary = vault.summary(&options)?;
        Ok(Preview {
            flags: summary
                .flags
                .iter()
                .map(|f| FlagView {
                    word: f.word.clone(),
                    why: t(lang, &format!("review.why.{}", f.why.code()), &[]),
                    before: f.before.clone(),
                    found: f.found.clone(),
                    after: f.after.clone(),
                })
                .collect(),
            report: Report::of_summary(&summary, lang),
        })
    })
}

/// The words the worker asked every summary to remove.
#[tauri::command(async)]
pub fn removed_words(state: State<'_, AppState>) -> Answer<Vec<String>> {
    with_vault(&state, |vault| vault.removed_words())
}

/// Remembers a word (or a few) for every summary to remove, and answers the list.
#[tauri::command(async)]
pub fn remember_removed_word(state: State<'_, AppState>, word: String) -> Answer<Vec<String>> {
    let word = Zeroizing::new(word);
    with_vault(&state, |vault| {
        vault.remember_removed_word(&word)?;
        vault.removed_words()
    })
}

/// Forgets a remembered word, and answers the list.
#[tauri::command(async)]
pub fn forget_removed_word(state: State<'_, AppState>, word: String) -> Answer<Vec<String>> {
    let word = Zeroizing::new(word);
    with_vault(&state, |vault| {
        vault.forget_removed_word(&word)?;
        vault.removed_words()
    })
}

/// Who may open a saved summary. No `Debug`: it may hold a passphrase.
#[derive(Deserialize)]
#[serde(tag = "to", rename_all = "snake_case", deny_unknown_fields)]
pub enum Protect {
    Nobody,
    Passphrase { passphrase: String },
    Recipient { key: String },
}

/// Asks where to save the summary, saves it, and answers the vault's record of it; `null`
/// when the worker closes the dialog without choosing.
#[tauri::command(async)]
pub fn save_summary<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: SummaryRequest,
    format: String,
    protect: Protect,
) -> Answer<Option<ExportView>> {
    // The passphrase is wrapped first, so it is wiped however this call ends.
    let to = match protect {
        Protect::Nobody => None,
        Protect::Passphrase { passphrase } => Some(AgeTo::Passphrase(Zeroizing::new(passphrase))),
        Protect::Recipient { key } => Some(AgeTo::Recipient(key)),
    };
    // Everything the worker typed is checked before the save dialog asks for a file.
    let checked = (|| {
        if let Some(to) = &to {
            to.check()?;
        }
        Ok((request.options()?, Format::parse("format", &format)?))
    })();
    let (options, format) = state.answer(checked)?;
    // The report is written in the app's language, the one its preview was shown in.
    let language = state.settings().language();
    let mut name = format!(
        "supervision-summary-{}-to-{}.{}",
        options.from,
        options.to,
        format.extension()
    );
    if to.is_some() {
        name.push_str(".age");
    }
    let Some(path) = state.dialogs.save(&app, &name, language) else {
        return Ok(None);
    };
    with_vault(&state, |vault| {
        let (_, record) = vault.export_summary(&options, format, language, to.as_ref(), &path)?;
        Ok(Some(ExportView::new(language, record)))
    })
}

/// Every summary saved from this vault, newest first.
#[tauri::command(async)]
pub fn list_exports(state: State<'_, AppState>) -> Answer<Vec<ExportView>> {
    let lang = state.settings().language();
    with_vault(&state, |vault| {
        Ok(vault
            .exports()?
            .into_iter()
            .map(|r| ExportView::new(lang, r))
            .collect())
    })
}

/// Asks for summary files (JSON or age) and opens them read-only, beside any already open. A
/// file opened again replaces its earlier copy; the same contents under another name are
/// counted once.
#[tauri::command(async)]
pub fn open_summaries<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Answer<InboxReport> {
    let lang = state.settings().language();
    let paths = state.dialogs.pick(&app, lang);
    state.touch();
    let mut files = state.received.lock().unwrap_or_else(|p| p.into_inner());
    let word = move |e: &tandem_core::Error| i18n::app_message(lang, e);
    let inbox = state.answer(files.open_paths(paths, &word))?;
    Ok(inbox.in_words(lang))
}

/// Opens the encrypted file `id` (a path the inbox gave) with a passphrase or an age secret key.
#[tauri::command(async)]
pub fn open_summary_with_key(
    state: State<'_, AppState>,
    id: String,
    key: String,
) -> Answer<InboxReport> {
    let key = Zeroizing::new(key);
    let lang = state.settings().language();
    let mut files = state.received.lock().unwrap_or_else(|p| p.into_inner());
    let word = move |e: &tandem_core::Error| i18n::app_message(lang, e);
    let inbox = state.answer(files.open_with_key(&id, &key, &word))?;
    Ok(inbox.in_words(lang))
}

/// Closes every received summary.
#[tauri::command]
pub fn close_summaries(state: State<'_, AppState>) {
    let mut files = state.received.lock().unwrap_or_else(|p| p.into_inner());
    files.clear();
}

/// Where files are chosen: the native dialogs, or, in debug builds when
/// `TANDEM_TEST_DIALOG_DIR` names a folder, that folder without asking (the end-to-end tests
/// cannot click through a GTK dialog). A save then goes to the folder under the suggested name,
/// and an open takes every `.json` and `.age` file in it. Release builds always ask.
pub struct Dialogs {
    answer_from: Option<PathBuf>,
}

impl Dialogs {
    /// Native dialogs, unless this is a debug build and the environment names a test folder.
    pub fn from_env() -> Dialogs {
        Dialogs {
            answer_from: std::env::var_os("TANDEM_TEST_DIALOG_DIR")
                .filter(|_| cfg!(debug_assertions))
                .map(PathBuf::from),
        }
    }

    /// Dialogs answered from `dir`, for tests.
    pub fn answered_from(dir: PathBuf) -> Dialogs {
        Dialogs {
            answer_from: Some(dir),
        }
    }

    fn save<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        suggested: &str,
        language: Language,
    ) -> Option<PathBuf> {
        if let Some(dir) = &self.answer_from {
            return Some(dir.join(suggested));
        }
        app.dialog()
            .file()
            .set_title(t(language, "dialog.save_title", &[]))
            .set_file_name(suggested)
            .blocking_save_file()
            .and_then(|f| f.into_path().ok())
    }

    fn pick<R: Runtime>(&self, app: &AppHandle<R>, language: Language) -> Vec<PathBuf> {
        if let Some(dir) = &self.answer_from {
            let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "age"))
                .collect();
            found.sort();
            return found;
        }
        app.dialog()
            .file()
            .set_title(t(language, "dialog.open_title", &[]))
            .add_filter(t(language, "dialog.filter", &[]), &["json", "age"])
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| f.into_path().ok())
            .collect()
    }
}
