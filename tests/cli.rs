//! The command-line contract of PRODUCT.md, command by command.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use serde_json::Value;

use crate::{Env, PASS, check_fail, check_ok};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn init_shows_the_recovery_key_once_and_never_overwrites() {
    let env = Env::empty();
    let out = env.ok(&["init"]);
    assert!(out.contains("shown only this once"), "{out}");
    assert!(out.contains("nobody can open the vault"), "{out}");
    let key_line = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 44 && l.matches('-').count() == 8)
        .expect("a recovery key of nine groups of four");
    assert!(env.vault.exists());
    let bytes = env.vault_bytes();

    let err = env.fail(&["init"]);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(env.vault_bytes(), bytes);

    // The recovery key works on its own and is never printed again.
    let mut cmd = env.cmd();
    cmd.env_remove("TANDEM_PASSPHRASE")
        .env("TANDEM_RECOVERY_KEY", key_line);
    let listed = check_ok(env.run_with(cmd, &["--recovery", "list"], None), &["list"]);
    assert!(!listed.contains(key_line));
}

#[test]
fn every_kind_can_be_added_listed_shown_and_searched() {
    let env = Env::with_vault();
    let contact = env.add(
        "contact",
        r#"{"person":"J.R.","duration_min":25,"mode":"phone","setting":"community",
            "domains":["housing"],"activities":["listening","resource_linkage"],
            "text":"Talked through the housing forms at the Café","occurred_at":"2026-11-20T10:00:00-05:00"}"#,
    );
    let moment = {
        let out = env.run_with(
            env.cmd(),
            &["add", "moment"],
            Some(r#"{"text":"They laughed at my bus story","themes":["relatedness"],"occurred_at":"2026-11-21 09:00"}"#),
        );
        check_ok(out, &["add", "moment"]).trim().to_string()
    };
    let boundary = env.add(
        "boundary",
        r#"{"category":"out_of_hours_contact","intensity":3,"bring_to_supervision":true,
            "text":"Texted me at midnight","occurred_at":"2026-11-22"}"#,
    );
    let wellbeing = env.add(
        "wellbeing",
        r#"{"mood":4,"energy":2,"stress":3,"sleep_hours":6.5,"occurred_at":"2026-11-23T20:00:00Z"}"#,
    );
    for id in [&contact, &moment, &boundary, &wellbeing] {
        assert_eq!(id.len(), 32, "add prints the full id");
    }

    let list = json(&env.ok(&["list", "--json"]));
    let kinds: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["wellbeing", "boundary", "moment", "contact"]);

    let shown = json(&env.ok(&["show", &contact[..6], "--json"]));
    assert_eq!(shown["person"], "J.R.");
    assert_eq!(shown["duration_min"], 25);
    assert_eq!(shown["occurred_at"], "2026-11-20T10:00:00-05:00");
    assert_eq!(
        shown["activities"],
        serde_json::json!(["listening", "resource_linkage"])
    );

    let text = env.ok(&["show", &boundary]);
    assert!(text.contains("category: out_of_hours_contact"), "{text}");
    assert!(text.contains("Texted me at midnight"), "{text}");

    let hits = json(&env.ok(&["search", "cafe", "--json"]));
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["id"], contact.as_str());
    let hits = env.ok(&["search", "HOUS"]);
    assert!(hits.contains(&contact[..8]), "{hits}");

    let filtered = json(&env.ok(&[
        "list",
        "--kind",
        "contact",
        "--from",
        "2026-11-20",
        "--to",
        "2026-11-20",
        "--json",
    ]));
    assert_eq!(filtered.as_array().unwrap().len(), 1);
    let by_person = json(&env.ok(&["list", "--person", "j.r.", "--json"]));
    assert_eq!(by_person.as_array().unwrap().len(), 1);
    let people = env.ok(&["people"]);
    assert!(people.contains("J.R."), "{people}");
}

#[test]
fn delete_moves_to_the_bin_and_restore_brings_back() {
    let env = Env::with_vault();
    let id = env.add("moment", r#"{"text":"written in the wrong vault"}"#);
    let out = env.ok(&["delete", &id[..8]]);
    assert!(out.contains("tandem restore"), "{out}");
    assert_eq!(env.ok(&["list"]), "");
    assert!(env.ok(&["list", "--deleted"]).contains(&id[..8]));
    env.ok(&["restore", &id]);
    assert!(env.ok(&["list"]).contains(&id[..8]));
    env.ok(&["delete", &id, "--purge"]);
    assert_eq!(env.ok(&["list", "--deleted"]), "");
    let err = env.fail(&["show", &id]);
    assert_eq!(err, format!("tandem: no entry with id {id}"));
}

#[test]
fn a_wrong_passphrase_says_so_and_writes_nothing() {
    let env = Env::with_vault();
    env.add("moment", r#"{"text":"x"}"#);
    let bytes = env.vault_bytes();
    let files = crate::files_in(env.dir.path());
    for args in [
        &["list"][..],
        &["add", "moment", "--json", r#"{"text":"x"}"#],
        &["passwd"],
        &["delete", "abcd"],
    ] {
        let mut cmd = env.cmd();
        cmd.env("TANDEM_PASSPHRASE", "not it at all")
            .env("TANDEM_NEW_PASSPHRASE", "another passphrase");
        let err = check_fail(env.run_with(cmd, args, None), args);
        assert_eq!(err, "tandem: wrong passphrase");
        assert_eq!(env.vault_bytes(), bytes);
        assert_eq!(crate::files_in(env.dir.path()), files);
    }
}

#[test]
fn passwd_keeps_every_entry_and_recovery_can_reset_it() {
    let env = Env::empty();
    let out = env.ok(&["init"]);
    let key = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 44)
        .unwrap()
        .to_string();
    let ids: Vec<String> = (0..5)
        .map(|i| env.add("moment", &format!(r#"{{"text":"entry {i}"}}"#)))
        .collect();

    let mut cmd = env.cmd();
    cmd.env("TANDEM_NEW_PASSPHRASE", "the second passphrase");
    check_ok(env.run_with(cmd, &["passwd"], None), &["passwd"]);
    assert_eq!(env.fail(&["list"]), "tandem: wrong passphrase");
    let mut cmd = env.cmd();
    cmd.env("TANDEM_PASSPHRASE", "the second passphrase");
    let listed = check_ok(env.run_with(cmd, &["list"], None), &["list"]);
    for id in &ids {
        assert!(listed.contains(&id[..8]));
    }

    // Forgotten passphrase: the recovery key sets a new one.
    let mut cmd = env.cmd();
    cmd.env_remove("TANDEM_PASSPHRASE")
        .env("TANDEM_RECOVERY_KEY", &key)
        .env("TANDEM_NEW_PASSPHRASE", "the third passphrase");
    check_ok(
        env.run_with(cmd, &["--recovery", "passwd"], None),
        &["passwd"],
    );
    let mut cmd = env.cmd();
    cmd.env("TANDEM_PASSPHRASE", "the third passphrase");
    let listed = check_ok(env.run_with(cmd, &["list"], None), &["list"]);
    assert_eq!(listed.lines().count(), 5);

    let mut cmd = env.cmd();
    cmd.env("TANDEM_RECOVERY_KEY", key.replace('-', "").to_lowercase());
    check_ok(env.run_with(cmd, &["--recovery", "list"], None), &["list"]);
    let mut typo = key.clone().into_bytes();
    typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
    let mut cmd = env.cmd();
    cmd.env("TANDEM_RECOVERY_KEY", String::from_utf8(typo).unwrap());
    let err = check_fail(env.run_with(cmd, &["--recovery", "list"], None), &["list"]);
    assert!(
        err.starts_with("tandem: that recovery key has a typo"),
        "{err}"
    );
}

#[test]
fn bad_entries_are_refused_with_the_field_and_the_allowed_values() {
    let env = Env::with_vault();
    let cases = [
        (
            r#"{"mode":"bus"}"#,
            "contact",
            "tandem: mode: unknown value; allowed: in_person, phone, video, text_message, online",
        ),
        (
            r#"{"txt":"typo"}"#,
            "moment",
            "tandem: txt: unknown field for a moment entry; allowed: occurred_at, text, person, tags, share, agenda, discussed, themes, values, why_it_mattered",
        ),
        (
            r#"{"category":"other","intensity":7}"#,
            "boundary",
            "tandem: intensity: out of range; allowed: 1 to 5",
        ),
        (
            r#"{"stress":"high"}"#,
            "wellbeing",
            "tandem: stress: wrong type; expected a whole number",
        ),
        (
            r#"{"text": "never closed"#,
            "moment",
            "tandem: not valid JSON (line 1, column 22)",
        ),
        (
            r#"{"occurred_at":"last tuesday"}"#,
            "moment",
            "tandem: occurred_at: not a date-time; use e.g. \"2026-11-24T14:30:00-05:00\", \"2026-11-24 14:30\" or \"2026-11-24\"",
        ),
    ];
    let bytes = env.vault_bytes();
    for (json, kind, expected) in cases {
        let err = env.fail(&["add", kind, "--json", json]);
        assert_eq!(err, expected, "for {json}");
        for typed in ["bus", "high", "last tuesday", "never closed"] {
            assert!(!err.contains(typed), "{err} repeats what was typed");
        }
    }
    assert_eq!(env.vault_bytes(), bytes, "nothing stored after refusals");
    assert_eq!(env.ok(&["list"]), "");

    let err = env.fail(&["add", "diary", "--json", "{}"]);
    assert!(
        err.contains("allowed: contact, moment, boundary, wellbeing"),
        "{err}"
    );
    let err = env.fail(&["list", "--from", "2026-02-30"]);
    assert!(err.contains("--from: not a date; use YYYY-MM-DD"), "{err}");
}

#[test]
fn a_huge_entry_on_stdin_is_refused() {
    let env = Env::with_vault();
    let huge = format!(r#"{{"text":"{}"}}"#, "a".repeat(2 << 20));
    let out = env.run_with(env.cmd(), &["add", "moment"], Some(&huge));
    let err = check_fail(out, &["add"]);
    assert_eq!(err, "tandem: the entry is larger than 1 MiB");
}

#[test]
fn import_is_all_or_nothing_and_names_the_first_bad_line() {
    let env = Env::with_vault();
    let file = env.dir.path().join("entries.jsonl");
    let good = r#"{"kind":"moment","text":"one"}"#;
    let lines = [
        good,
        r#"{"kind":"contact","mode":"phone","duration_min":10}"#,
        "",
        r#"{"kind":"wellbeing","mood":9}"#,
        r#"{"kind":"boundary"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let err = env.fail(&["import", file.to_str().unwrap()]);
    assert_eq!(err, "tandem: line 4: mood: out of range; allowed: 1 to 5");
    assert_eq!(env.ok(&["list"]), "", "nothing was imported");

    std::fs::write(&file, [good, good, good].join("\n")).unwrap();
    assert_eq!(
        env.ok(&["import", file.to_str().unwrap()]),
        "Imported 3 entries.\n"
    );
    assert_eq!(env.ok(&["list"]).lines().count(), 3);

    let err = env.fail(&["import", "/nonexistent/file.jsonl"]);
    assert!(
        err.starts_with("tandem: cannot read /nonexistent/file.jsonl"),
        "{err}"
    );
}

#[test]
fn exit_codes_and_help() {
    let env = Env::with_vault();
    let help = env.ok(&["--help"]);
    assert!(help.contains("Examples:"), "{help}");
    let add_help = env.ok(&["add", "--help"]);
    assert!(
        add_help.contains("tandem add boundary --json"),
        "{add_help}"
    );
    let out = env.run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    let out = env.run(&["show", "ffffffff"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn without_a_passphrase_or_terminal_the_error_says_what_to_set() {
    let env = Env::with_vault();
    // `setsid` detaches tandem from any controlling terminal, as in CI or a cron job.
    let mut cmd = std::process::Command::new("setsid");
    cmd.arg(env!("CARGO_BIN_EXE_tandem"))
        .env("TANDEM_VAULT", &env.vault)
        .env_remove("TANDEM_PASSPHRASE")
        .stdin(std::process::Stdio::null());
    let err = check_fail(env.run_with(cmd, &["list"], None), &["list"]);
    assert_eq!(
        err,
        "tandem: TANDEM_PASSPHRASE: not set, and there is no terminal to ask on; set TANDEM_PASSPHRASE"
    );
    let _ = PASS;
}

#[test]
fn a_missing_vault_points_to_init() {
    let env = Env::empty();
    let err = env.fail(&["list"]);
    assert_eq!(
        err,
        format!(
            "tandem: no vault at {} (create one with `tandem init`)",
            env.vault.display()
        )
    );
    assert!(!env.vault.exists());
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let env = Env::with_vault();
    // Each listed line is about 115 bytes (the text fills its 60-character preview), so 2,000
    // entries are several times a pipe's 64 KiB buffer: tandem is still writing when the
    // reader goes away, as with `tandem list | head -1`.
    let line = r#"{"kind":"moment","text":"A first line long enough to fill the whole preview of a listed entry"}"#;
    let file = env.dir.path().join("many.jsonl");
    std::fs::write(&file, vec![line; 2000].join("\n")).unwrap();
    assert_eq!(
        env.ok(&["import", file.to_str().unwrap()]),
        "Imported 2000 entries.\n"
    );
    assert!(env.ok(&["list"]).len() > 3 * 64 * 1024);

    let mut cmd = env.cmd();
    cmd.arg("list")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.contains("moment"), "{first}");
    // Closing the read end is what `head -1` does when it exits.
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    assert_eq!(stderr, "", "nothing on stderr: no panic, no backtrace");
}

// /dev/full, which refuses every write with "no space left", is Linux's.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_is_one_line_and_a_failure() {
    let env = Env::with_vault();
    env.add("moment", r#"{"text":"x"}"#);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut cmd = env.cmd();
    cmd.arg("list").stdout(full).stderr(Stdio::piped());
    let err = check_fail(cmd.output().unwrap(), &["list"]);
    assert!(
        err.starts_with("tandem: cannot write to standard output: "),
        "{err}"
    );
}

#[test]
fn errors_follow_the_apps_language_and_still_name_the_field_and_codes() {
    let env = Env::with_vault();
    std::fs::write(
        env.dir.path().join("settings.json"),
        r#"{"language": "fr", "theme": "system", "auto_lock_minutes": 5, "lock_when_hidden": true}"#,
    )
    .unwrap();
    let err = env.fail(&["add", "contact", "--json", r#"{"mode":"bus"}"#]);
    assert_eq!(
        err,
        "tandem: mode: valeur inconnue ; valeurs possibles : in_person, phone, video, text_message, online"
    );
    let err = env.fail(&["add", "boundary", "--json", r#"{"text":"x"}"#]);
    assert!(
        err.starts_with("tandem: category: manquant ; valeurs possibles : self_disclosure"),
        "{err}"
    );
}

#[test]
fn search_finds_entries_by_the_words_the_app_shows_for_their_choices() {
    let env = Env::with_vault();
    let work = env.add("contact", r#"{"domains":["employment"],"duration_min":30}"#);
    env.add("contact", r#"{"domains":["housing"],"duration_min":30}"#);
    let boundary = env.add("boundary", r#"{"category":"social_media"}"#);
    for (query, expected) in [
        ("work", &work),
        ("travail", &work),
        ("social media", &boundary),
    ] {
        let found = env.ok(&["search", query, "--json"]);
        let found: serde_json::Value = serde_json::from_str(&found).unwrap();
        let ids: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [expected.trim()], "searching {query}");
    }
}
