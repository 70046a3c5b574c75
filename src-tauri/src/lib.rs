//! tandem-app: the Tauri 2 shell around tandem-core.
//!
//! Each command in [`commands`] turns one request from the web UI into one core call and its
//! answer back; no domain rule lives here. Keys and the unlocked vault stay in this process,
//! never in the webview. Errors cross to the UI as `{ kind, message }` ([`UiError`]).

#![forbid(unsafe_code)]

#[cfg(test)]
mod catalogue_tests;
pub mod commands;
mod error;
pub mod supervision;

use std::path::PathBuf;
use std::sync::Mutex;

use tandem_core::Vault;
use tandem_core::summary::inbox::ReceivedFiles;

pub use error::UiError;

/// What the shell holds: where the vault is and, while unlocked, the vault itself.
pub struct AppState {
    path: PathBuf,
    vault: Mutex<Option<Vault>>,
    /// Summaries opened in the supervisor's view; they need no vault.
    received: Mutex<ReceivedFiles>,
    dialogs: supervision::Dialogs,
}

impl AppState {
    /// State for the vault at `path`, locked, choosing files through `dialogs`.
    pub fn new(path: PathBuf, dialogs: supervision::Dialogs) -> Self {
        AppState {
            path,
            vault: Mutex::new(None),
            received: Mutex::new(ReceivedFiles::new()),
            dialogs,
        }
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
/// same app on Tauri's mock runtime.
pub fn build<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::vault_status,
            commands::create_vault,
            commands::unlock,
            commands::unlock_with_recovery,
            commands::lock,
            commands::list_entries,
            commands::search_entries,
            commands::add_entry,
            commands::delete_entry,
            commands::restore_entry,
            commands::get_entry,
            commands::update_entry,
            commands::list_people,
            commands::add_person,
            commands::update_person,
            commands::change_passphrase,
            commands::new_recovery_key,
            commands::vocabularies,
            commands::get_settings,
            commands::save_settings,
            supervision::set_agenda,
            supervision::preview_summary,
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
mod tests {
    use serde_json::{Value, json};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
    use tauri::webview::InvokeRequest;
    use tauri::{WebviewWindow, WebviewWindowBuilder};

    use super::*;

    fn app(path: PathBuf) -> tauri::App<MockRuntime> {
        let answers = path.with_file_name("dialog-answers");
        build(
            mock_builder(),
            AppState::new(path, supervision::Dialogs::answered_from(answers)),
        )
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime")
    }

    fn window(app: &tauri::App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
        WebviewWindowBuilder::new(app, label, Default::default())
            .build()
            .unwrap()
    }

    fn call(w: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            w,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    #[test]
    fn errors_cross_as_kind_and_message_only() {
        let e = UiError::from(tandem_core::Error::WrongPassphrase);
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"kind": "wrong_passphrase", "message": "wrong passphrase"})
        );
        let e = UiError::from(tandem_core::Error::invalid("mood", "9 is out of range"));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"kind": "invalid", "message": "mood: 9 is out of range"})
        );
        assert_eq!(
            serde_json::to_value(UiError::locked()).unwrap(),
            json!({"kind": "locked", "message": "The vault is locked."})
        );
    }

    #[test]
    fn a_worker_creates_writes_locks_and_unlocks_through_the_commands() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path().join("v.tandem"));
        let main = window(&app, "main");

        let status = call(&main, "vault_status", json!({})).unwrap();
        assert_eq!(status, json!({"exists": false, "unlocked": false}));
        let key = call(
            &main,
            "create_vault",
            json!({"passphrase": "a long passphrase"}),
        )
        .unwrap();
        assert_eq!(key.as_str().unwrap().len(), 44);

        let id = call(
            &main,
            "add_entry",
            json!({"kind": "moment", "entry": {"text": "we laughed", "themes": ["relatedness"]}}),
        )
        .unwrap();
        let page = call(
            &main,
            "list_entries",
            json!({"filter": {}, "offset": 0, "limit": 50}),
        )
        .unwrap();
        assert_eq!(page["entries"][0]["id"], id);
        assert_eq!(page["entries"][0]["text"], "we laughed");
        assert_eq!(page["more"], false);

        let bad = call(
            &main,
            "add_entry",
            json!({"kind": "wellbeing", "entry": {"mood": 9}}),
        );
        assert_eq!(
            bad,
            Err(json!({"kind": "invalid", "message": "mood: 9 is out of range; allowed: 1 to 5"}))
        );

        call(&main, "lock", json!({})).unwrap();
        let locked = call(
            &main,
            "list_entries",
            json!({"filter": {}, "offset": 0, "limit": 5}),
        );
        assert_eq!(
            locked,
            Err(json!({"kind": "locked", "message": "The vault is locked."}))
        );
        let wrong = call(&main, "unlock", json!({"passphrase": "not it"}));
        assert_eq!(
            wrong,
            Err(json!({"kind": "wrong_passphrase", "message": "wrong passphrase"}))
        );
        call(&main, "unlock", json!({"passphrase": "a long passphrase"})).unwrap();
        let hits = call(
            &main,
            "search_entries",
            json!({"query": "laugh", "filter": {}, "limit": 10}),
        )
        .unwrap();
        assert_eq!(hits["entries"][0]["id"], id);
    }

    #[test]
    fn people_edits_settings_and_key_changes_go_through_the_commands() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path().join("v.tandem"));
        let main = window(&app, "main");
        call(
            &main,
            "create_vault",
            json!({"passphrase": "first passphrase"}),
        )
        .unwrap();

        let pid = call(
            &main,
            "add_person",
            json!({"person": {"alias": "JB", "details": "likes tea"}}),
        )
        .unwrap();
        let same = call(&main, "add_person", json!({"person": {"alias": "jb"}})).unwrap_err();
        assert_eq!(same["kind"], "invalid");
        call(
            &main,
            "update_person",
            json!({"id": pid, "person": {"alias": "J.B.", "name": null, "details": "likes tea"}}),
        )
        .unwrap();
        let people = call(&main, "list_people", json!({})).unwrap();
        assert_eq!(
            people,
            json!([{"id": pid, "alias": "J.B.", "name": null, "details": "likes tea"}])
        );

        let id = call(
            &main,
            "add_entry",
            json!({"kind": "contact", "entry": {"text": "coffee", "person": "J.B.", "mode": "phone"}}),
        )
        .unwrap();
        call(
            &main,
            "update_entry",
            json!({"id": id, "kind": "contact", "entry": {"text": "coffee and a walk", "person": "J.B.", "mode": "in_person"}}),
        )
        .unwrap();
        let entry = call(&main, "get_entry", json!({"id": id})).unwrap();
        assert_eq!(entry["text"], "coffee and a walk");
        assert_eq!(entry["mode"], "in_person");
        assert_eq!(entry["person"], "J.B.");
        let wrong_kind = call(
            &main,
            "update_entry",
            json!({"id": id, "kind": "moment", "entry": {"text": "x"}}),
        )
        .unwrap_err();
        assert_eq!(wrong_kind["kind"], "invalid");

        let vocab = call(&main, "vocabularies", json!({})).unwrap();
        assert_eq!(
            vocab["kind"],
            json!(["contact", "moment", "boundary", "wellbeing"])
        );

        assert_eq!(
            call(&main, "get_settings", json!({})).unwrap()["language"],
            "en"
        );
        let french = json!({"language": "fr", "theme": "dark", "auto_lock_minutes": 1, "lock_when_hidden": true});
        call(&main, "save_settings", json!({"settings": french})).unwrap();
        assert_eq!(call(&main, "get_settings", json!({})).unwrap(), french);
        let bad = call(
            &main,
            "save_settings",
            json!({"settings": {"language": "xx"}}),
        )
        .unwrap_err();
        assert_eq!(bad["kind"], "invalid");

        let refused = call(
            &main,
            "change_passphrase",
            json!({"current": "not the one", "newPassphrase": "second passphrase"}),
        )
        .unwrap_err();
        assert_eq!(refused["kind"], "wrong_passphrase");
        call(
            &main,
            "change_passphrase",
            json!({"current": "first passphrase", "newPassphrase": "second passphrase"}),
        )
        .unwrap();
        let key = call(
            &main,
            "new_recovery_key",
            json!({"current": "second passphrase"}),
        )
        .unwrap();
        call(&main, "lock", json!({})).unwrap();
        assert_eq!(
            call(&main, "unlock", json!({"passphrase": "first passphrase"})).unwrap_err()["kind"],
            "wrong_passphrase"
        );
        call(&main, "unlock_with_recovery", json!({"recoveryKey": key})).unwrap();
        assert_eq!(
            call(
                &main,
                "list_entries",
                json!({"filter": {}, "offset": 0, "limit": 5})
            )
            .unwrap()["entries"][0]["id"],
            id
        );
    }

    #[test]
    fn every_command_in_build_rs_is_granted_to_the_main_window_and_nothing_more() {
        let build = include_str!("../build.rs");
        let listed: Vec<String> = build
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with('"') && l.ends_with("\","))
            .map(|l| {
                format!(
                    "allow-{}",
                    l.trim_matches(|c| c == '"' || c == ',').replace('_', "-")
                )
            })
            .collect();
        let capability: Value =
            serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
        assert_eq!(capability["windows"], json!(["main"]));
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        assert_eq!(granted, listed);
    }

    #[test]
    fn only_the_main_window_may_call_the_commands() {
        let dir = tempfile::tempdir().unwrap();
        let app = app(dir.path().join("v.tandem"));
        let other = window(&app, "other");
        assert!(call(&other, "vault_status", json!({})).is_err());
    }

    #[test]
    fn a_worker_prepares_and_saves_a_summary_and_a_supervisor_opens_it_without_a_vault() {
        let dir = tempfile::tempdir().unwrap();
        let answers = dir.path().join("dialog-answers");
        std::fs::create_dir(&answers).unwrap();
        let app = app(dir.path().join("v.tandem"));
        let main = window(&app, "main");
        call(
            &main,
            "create_vault",
            json!({"passphrase": "a long passphrase"}),
        )
        .unwrap();
        for day in 2..=6 {
            call(
                &main,
                "add_entry",
                json!({"kind": "contact", "entry": {
                    "occurred_at": format!("2026-11-0{day}T10:00:00-05:00"),
                    "mode": "phone", "share": true,
                    "text": "Talked with Marguerite about the move"}}),
            )
            .unwrap();
        }
        let flagged = call(
            &main,
            "add_entry",
            json!({"kind": "boundary", "entry": {
                "occurred_at": "2026-11-09T10:00:00-05:00",
                "category": "gifts_or_money", "bring_to_supervision": true}}),
        )
        .unwrap();
        let queued = call(
            &main,
            "list_entries",
            json!({"filter": {"agenda": "queued"}, "offset": 0, "limit": 50}),
        )
        .unwrap();
        assert_eq!(queued["entries"][0]["id"], flagged);

        let request = json!({"from": "2026-11-01", "to": "2026-11-30", "k": 5, "keep": []});
        let preview = call(&main, "preview_summary", json!({"request": request})).unwrap();
        assert_eq!(preview["flagged"], json!(["marguerite"]));
        assert_eq!(
            preview["summary"]["narratives"][0]["text"],
            "Talked with [name] about the move"
        );
        assert_eq!(
            preview["summary"]["agenda"][0]["category"],
            "gifts_or_money"
        );
        let kept =
            json!({"from": "2026-11-01", "to": "2026-11-30", "k": 5, "keep": ["Marguerite"]});
        let preview = call(&main, "preview_summary", json!({"request": kept})).unwrap();
        assert_eq!(
            preview["summary"]["narratives"][0]["text"],
            "Talked with Marguerite about the move"
        );

        call(
            &main,
            "set_agenda",
            json!({"id": flagged, "agenda": "discussed"}),
        )
        .unwrap();
        let record = call(
            &main,
            "save_summary",
            json!({"request": request, "format": "json", "language": "en",
                   "protect": {"to": "passphrase", "passphrase": "for my supervisor"}}),
        )
        .unwrap();
        let saved = answers.join("supervision-summary-2026-11-01-to-2026-11-30.json.age");
        assert_eq!(record["path"], saved.display().to_string());
        assert_eq!(record["encryption"], json!({"to": "passphrase"}));
        let listed = call(&main, "list_exports", json!({})).unwrap();
        assert_eq!(listed[0]["sha256"], record["sha256"]);
        let bad = call(
            &main,
            "save_summary",
            json!({"request": request, "format": "pdf", "language": "en", "protect": {"to": "nobody"}}),
        );
        assert_eq!(bad.unwrap_err()["kind"], "invalid");
        for (protect, field) in [
            (
                json!({"to": "passphrase", "passphrase": "short"}),
                "age_passphrase",
            ),
            (
                json!({"to": "recipient", "key": "age1nope"}),
                "age_recipient",
            ),
        ] {
            let refused = call(
                &main,
                "save_summary",
                json!({"request": request, "format": "html", "language": "en", "protect": protect}),
            )
            .unwrap_err();
            assert!(
                refused["message"].as_str().unwrap().starts_with(field),
                "{refused}"
            );
        }
        assert_eq!(
            call(&main, "list_exports", json!({}))
                .unwrap()
                .as_array()
                .unwrap()
                .len(),
            1,
            "a refused save leaves no record"
        );
        assert_eq!(
            std::fs::read_dir(&answers).unwrap().count(),
            1,
            "nor a file"
        );

        // The supervisor's side works while the vault is locked.
        call(&main, "lock", json!({})).unwrap();
        std::fs::write(answers.join("broken.json"), "{ not json").unwrap();
        // The same file under another name is counted once.
        std::fs::copy(&saved, answers.join("the-same.json.age")).unwrap();
        let inbox = call(&main, "open_summaries", json!({})).unwrap();
        let states: Vec<&str> = inbox["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["state"].as_str().unwrap())
            .collect();
        assert_eq!(states, ["unreadable", "needs_key"]);
        assert!(
            inbox["files"][0]["problem"]["message"]
                .as_str()
                .unwrap()
                .starts_with("broken.json:")
        );
        assert_eq!(
            inbox["files"][1]["name"],
            "supervision-summary-2026-11-01-to-2026-11-30.json.age"
        );
        let id = inbox["files"][1]["id"].as_str().unwrap().to_string();
        let wrong = call(
            &main,
            "open_summary_with_key",
            json!({"id": id, "key": "nope"}),
        )
        .unwrap();
        assert_eq!(wrong["files"][1]["state"], "needs_key");
        assert!(
            wrong["files"][1]["problem"]["message"]
                .as_str()
                .unwrap()
                .contains("does not open")
        );
        let open = call(
            &main,
            "open_summary_with_key",
            json!({"id": id, "key": "for my supervisor"}),
        )
        .unwrap();
        assert_eq!(open["files"][1]["state"], "open");
        let summary = &open["files"][1]["summary"];
        assert_eq!(summary["entries_by_kind"]["total"], 6);
        // Marked discussed before saving, the boundary issue is not on the summary's agenda.
        assert_eq!(summary["agenda"], json!([]));
        assert_eq!(
            summary["narratives"][0]["text"],
            "Talked with [name] about the move"
        );
    }
}
