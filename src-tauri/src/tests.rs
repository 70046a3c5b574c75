//! The app's commands driven through Tauri's mock runtime, as the web UI calls them.
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
fn errors_cross_as_data_with_the_field_to_mark_and_words_for_a_peer_worker() {
    use tandem_core::i18n::Language::{En, Fr};
    let e = UiError::new(En, &tandem_core::Error::WrongPassphrase);
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"kind": "wrong_passphrase",
               "message": "That passphrase is not right. Check Caps Lock and try again."})
    );
    let e = UiError::new(
        En,
        &tandem_core::Error::invalid("line 2: category", "required").with("allowed", "a, b"),
    );
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"kind": "invalid", "field": "category", "key": "required",
               "params": [["allowed", "a, b"]],
               "message": "Choose what kind of boundary issue this was."})
    );
    assert_eq!(
        serde_json::to_value(UiError::locked(En)).unwrap(),
        json!({"kind": "locked", "message": "Your journal is locked."})
    );
    assert_eq!(
        UiError::new(Fr, &tandem_core::Error::invalid("category", "required")).message,
        "Choisissez de quel genre de question de limites il s'agit."
    );
}

#[test]
fn a_worker_creates_writes_locks_and_unlocks_through_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path().join("v.tandem"));
    let main = window(&app, "main");

    let status = call(&main, "vault_status", json!({})).unwrap();
    assert_eq!(status, json!({"exists": false, "unlocked": false}));
    let short = call(&main, "create_vault", json!({"passphrase": "short"})).unwrap_err();
    assert_eq!(short["field"], "passphrase");
    assert_eq!(
        short["message"],
        "That passphrase is too short: use at least 8 characters."
    );
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
        Err(
            json!({"kind": "invalid", "field": "mood", "key": "out_of_range",
                   "params": [["min", "1"], ["max", "5"]],
                   "message": "Choose a number from 1 to 5."})
        )
    );
    let empty = call(
        &main,
        "add_entry",
        json!({"kind": "contact", "entry": {"mode": "phone", "setting": "office"}}),
    )
    .unwrap_err();
    assert_eq!(
        empty["key"], "nothing_to_save",
        "defaults alone are not an entry"
    );

    call(&main, "lock", json!({})).unwrap();
    let locked = call(
        &main,
        "list_entries",
        json!({"filter": {}, "offset": 0, "limit": 5}),
    );
    assert_eq!(locked.unwrap_err()["kind"], "locked");
    let wrong = call(&main, "unlock", json!({"passphrase": "not it"}));
    assert_eq!(wrong.unwrap_err()["kind"], "wrong_passphrase");
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
fn the_one_command_list_is_what_is_registered_granted_and_called() {
    use std::collections::BTreeSet;
    let listed: BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(listed.len(), COMMANDS.len(), "a command is listed twice");

    let capability: Value =
        serde_json::from_str(include_str!("../capabilities/main.json")).unwrap();
    assert_eq!(capability["windows"], json!(["main"]));
    let granted: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, expected,
        "capabilities/main.json grants exactly the list"
    );

    let lib = include_str!("lib.rs");
    let handler = &lib[lib.find("generate_handler![").unwrap()..];
    let handler = &handler[..handler.find(']').unwrap()];
    let registered: BTreeSet<String> = handler
        .split(',')
        .filter_map(|p| p.trim().rsplit("::").next())
        .filter(|p| !p.is_empty() && !p.contains('['))
        .map(str::to_string)
        .collect();
    assert_eq!(registered, listed, "lib.rs registers exactly the list");

    let api = include_str!("../../ui/api.js");
    let called: BTreeSet<String> = api
        .split("call('")
        .skip(1)
        .filter_map(|p| p.split('\'').next())
        .map(str::to_string)
        .collect();
    assert_eq!(called, listed, "ui/api.js calls exactly the list");
}

#[test]
fn only_the_main_window_may_call_the_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path().join("v.tandem"));
    let other = window(&app, "other");
    assert!(call(&other, "vault_status", json!({})).is_err());
}

/// The first block of type `kind` in a report as the page receives it; null when there is none.
fn block(report: &Value, kind: &str) -> Value {
    report["sections"]
        .as_array()
        .expect("a report has sections")
        .iter()
        .flat_map(|s| s["blocks"].as_array().unwrap().iter())
        .find(|b| b["type"] == kind)
        .cloned()
        .unwrap_or(Value::Null)
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
    // Each flagged word comes with why, in the app's words, and the words around it.
    let flag = &preview["flags"][0];
    assert_eq!(flag["word"], "marguerite");
    assert_eq!(
        (&flag["before"], &flag["found"], &flag["after"]),
        (
            &json!("Talked with "),
            &json!("Marguerite"),
            &json!(" about the move")
        )
    );
    assert!(flag["why"].as_str().unwrap().contains("name"), "{flag}");
    assert_eq!(preview["flags"].as_array().unwrap().len(), 1);
    // The preview is the report in words: the agenda names the category, never its code.
    let agenda = block(&preview["report"], "agenda");
    assert_eq!(agenda["items"][0]["title"], "Gifts or money");
    assert_eq!(
        block(&preview["report"], "quotes")["items"][0]["text"],
        "Talked with [name] about the move"
    );
    // A word the worker marks is removed from this summary and every one after.
    let removed = call(&main, "remember_removed_word", json!({"word": "the MOVE"})).unwrap();
    assert_eq!(removed, json!(["the move"]));
    let preview = call(&main, "preview_summary", json!({"request": request})).unwrap();
    assert_eq!(
        block(&preview["report"], "quotes")["items"][0]["text"],
        "Talked with [name] about [name]"
    );
    let left = call(&main, "forget_removed_word", json!({"word": "the move"})).unwrap();
    assert_eq!(left, json!([]));
    let empty = call(&main, "remember_removed_word", json!({"word": "  "})).unwrap_err();
    assert_eq!(empty["field"], "word");
    let kept = json!({"from": "2026-11-01", "to": "2026-11-30", "k": 5, "keep": ["Marguerite"]});
    let preview = call(&main, "preview_summary", json!({"request": kept})).unwrap();
    assert_eq!(
        block(&preview["report"], "quotes")["items"][0]["text"],
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
        json!({"request": request, "format": "json",
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
        json!({"request": request, "format": "pdf", "protect": {"to": "nobody"}}),
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
            json!({"request": request, "format": "html", "protect": protect}),
        )
        .unwrap_err();
        assert_eq!(refused["field"], field, "{refused}");
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
    assert_eq!(
        inbox["files"][0]["problem"]["message"],
        "This summary cannot be read: it is damaged or incomplete."
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
            .starts_with("That passphrase or key does not open this summary")
    );
    let open = call(
        &main,
        "open_summary_with_key",
        json!({"id": id, "key": "for my supervisor"}),
    )
    .unwrap();
    assert_eq!(open["files"][1]["state"], "open");
    let report = &open["files"][1]["report"];
    let kinds = block(report, "table");
    assert_eq!(kinds["caption"], "Entries by kind");
    assert_eq!(kinds["total"]["cells"][0]["text"], "6");
    // Marked discussed before saving, the boundary issue is not on the summary's agenda.
    assert_eq!(block(report, "agenda"), Value::Null);
    assert_eq!(
        block(report, "quotes")["items"][0]["text"],
        "Talked with [name] about the move"
    );
}

#[test]
fn forms_defaults_words_and_drafts_come_from_the_core_and_drafts_outlive_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path().join("v.tandem"));
    let main = window(&app, "main");
    call(
        &main,
        "create_vault",
        json!({"passphrase": "a long passphrase"}),
    )
    .unwrap();
    call(
        &main,
        "add_entry",
        json!({"kind": "contact", "entry": {"mode": "video", "setting": "home_visit", "duration_min": 15}}),
    )
    .unwrap();
    let form = call(&main, "entry_form", json!({"kind": "contact"})).unwrap();
    assert_eq!(form["fields"][0]["name"], "occurred_at");
    assert_eq!(form["defaults"]["mode"], "video", "the last contact's mode");
    assert_eq!(form["defaults"]["setting"], "home_visit");
    let form = call(&main, "entry_form", json!({"kind": "boundary"})).unwrap();
    assert_eq!(form["defaults"]["bring_to_supervision"], true);

    let fr = call(&main, "catalogue", json!({"language": "fr"})).unwrap();
    assert_eq!(fr["date.today"], "Aujourd'hui");
    let choices = call(&main, "settings_choices", json!({})).unwrap();
    assert_eq!(choices["languages"], json!(["en", "fr"]));
    assert_eq!(choices["defaults"]["auto_lock_minutes"], 5);

    let half = json!({"text": "We talked about the", "themes": ["trust"]});
    call(
        &main,
        "save_draft",
        json!({"key": "new:moment", "fields": half}),
    )
    .unwrap();
    call(&main, "lock", json!({})).unwrap();
    call(&main, "unlock", json!({"passphrase": "a long passphrase"})).unwrap();
    assert_eq!(
        call(&main, "get_draft", json!({"key": "new:moment"})).unwrap(),
        half
    );
    assert_eq!(
        call(&main, "list_drafts", json!({})).unwrap()[0]["kind"],
        "moment"
    );
    call(
        &main,
        "add_entry",
        json!({"kind": "moment", "entry": {"text": "We talked about the bus"}}),
    )
    .unwrap();
    assert_eq!(
        call(&main, "get_draft", json!({"key": "new:moment"})).unwrap(),
        Value::Null,
        "saving the entry forgets its draft"
    );

    let page = call(
        &main,
        "list_entries",
        json!({"filter": {}, "offset": 0, "limit": 5}),
    )
    .unwrap();
    assert_eq!(page["entries"][0]["when"]["day"], "Today");
    let french = json!({"language": "fr", "theme": "dark", "auto_lock_minutes": 1, "lock_when_hidden": true});
    call(&main, "save_settings", json!({"settings": french})).unwrap();
    let page = call(
        &main,
        "list_entries",
        json!({"filter": {}, "offset": 0, "limit": 5}),
    )
    .unwrap();
    assert_eq!(page["entries"][0]["when"]["day"], "Aujourd'hui");
    let bad = call(
        &main,
        "add_entry",
        json!({"kind": "wellbeing", "entry": {"mood": 9}}),
    );
    assert_eq!(
        bad.unwrap_err()["message"],
        "Choisissez un nombre de 1 à 5."
    );
}

#[test]
fn the_recovery_key_is_checked_by_the_shell_and_forgotten_once_confirmed_or_locked() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path().join("v.tandem"));
    let main = window(&app, "main");
    let confirm = |group: usize, typed: &str| {
        call(
            &main,
            "confirm_recovery_group",
            json!({"group": group, "typed": typed}),
        )
        .unwrap()
    };
    assert_eq!(confirm(1, "ABCD"), false, "no key shown yet");

    let key = call(
        &main,
        "create_vault",
        json!({"passphrase": "a long passphrase"}),
    )
    .unwrap();
    let groups: Vec<String> = key
        .as_str()
        .unwrap()
        .split('-')
        .map(str::to_string)
        .collect();
    let other = groups.iter().find(|g| **g != groups[1]).unwrap();
    assert_eq!(confirm(2, other), false, "another group");
    assert_eq!(confirm(2, "UUUU"), false);
    // Copied by hand: lower case, spaced, O for 0 and L for 1, as a whole key is read.
    let sloppy: String = groups[1]
        .to_lowercase()
        .replace('0', "o")
        .replace('1', "l")
        .chars()
        .flat_map(|c| [c, ' '])
        .collect();
    assert_eq!(confirm(2, &sloppy), true);
    assert_eq!(
        confirm(2, &groups[1]),
        false,
        "once confirmed, the shell no longer holds the key"
    );

    let key = call(
        &main,
        "new_recovery_key",
        json!({"current": "a long passphrase"}),
    )
    .unwrap();
    let third = key.as_str().unwrap().split('-').nth(2).unwrap().to_string();
    call(&main, "lock", json!({})).unwrap();
    assert_eq!(confirm(3, &third), false, "locking drops the key shown");

    call(&main, "unlock", json!({"passphrase": "a long passphrase"})).unwrap();
    let key = call(
        &main,
        "new_recovery_key",
        json!({"current": "a long passphrase"}),
    )
    .unwrap();
    let third = key.as_str().unwrap().split('-').nth(2).unwrap().to_string();
    assert_eq!(confirm(3, &third), true);

    let choices = call(&main, "settings_choices", json!({})).unwrap();
    assert_eq!(
        choices["min_passphrase_chars"],
        tandem_core::vault::MIN_PASSPHRASE_CHARS
    );
}

#[test]
fn summaries_reach_the_page_with_their_weeks_and_dates_in_the_apps_words() {
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
    call(
        &main,
        "add_entry",
        json!({"kind": "moment", "entry": {
            "occurred_at": "2026-03-04T10:00:00+01:00", "share": true, "text": "a good talk"}}),
    )
    .unwrap();

    // k is sent as the wizard's field holds it; what is not a whole number names the field.
    let request = json!({"from": "2026-03-02", "to": "2026-03-15", "k": " 5 "});
    let preview = call(&main, "preview_summary", json!({"request": request})).unwrap();
    assert_eq!(
        preview["report"]["period"],
        "From the week of 2 March 2026 to the week of 9 March 2026. Counts under 5 are withheld."
    );
    assert!(
        block(&preview["report"], "quotes")["items"][0]["meta"]
            .as_str()
            .unwrap()
            .ends_with("week of 2 March 2026"),
        "{preview}"
    );
    for (k, key) in [("five", "expected_whole_number"), ("1", "k_too_small")] {
        let refused = call(
            &main,
            "preview_summary",
            json!({"request": {"from": "2026-03-02", "to": "2026-03-15", "k": k}}),
        )
        .unwrap_err();
        assert_eq!(
            (&refused["field"], &refused["key"]),
            (&json!("k"), &json!(key))
        );
    }
    let missing = call(
        &main,
        "preview_summary",
        json!({"request": {"from": "", "to": "2026-03-15", "k": "5"}}),
    )
    .unwrap_err();
    assert_eq!(missing["field"], "from");

    let french = json!({"language": "fr", "theme": "system", "auto_lock_minutes": 5, "lock_when_hidden": true});
    call(&main, "save_settings", json!({"settings": french})).unwrap();
    let record = call(
        &main,
        "save_summary",
        json!({"request": request, "format": "json", "protect": {"to": "nobody"}}),
    )
    .unwrap();
    assert_eq!(record["from"], "2026-03-02");
    assert_eq!(record["from_label"], "2 mars 2026");
    assert_eq!(record["to_label"], "15 mars 2026");
    let today = chrono::Local::now().date_naive();
    assert_eq!(
        record["saved_label"],
        tandem_core::when::long_date(tandem_core::i18n::Language::Fr, today)
    );
    let listed = call(&main, "list_exports", json!({})).unwrap();
    assert_eq!(listed[0]["id"], record["id"]);
    assert_eq!(listed[0]["from_label"], "2 mars 2026");
    assert_eq!(listed[0]["sha256"], record["sha256"]);

    call(&main, "lock", json!({})).unwrap();
    let inbox = call(&main, "open_summaries", json!({})).unwrap();
    assert_eq!(inbox["files"][0]["state"], "open");
    // The supervisor reads it in the app's language, whatever language the worker saved in.
    let period = inbox["files"][0]["report"]["period"].as_str().unwrap();
    assert!(period.contains("semaine du 9 mars 2026"), "{period}");
}
