// `tandem export`: summaries written to a file, with nothing identifying in them.

use crate::Env;

/// `tandem export` of November 2026 to `out`, with `extra` flags.
fn november<'a>(out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    args
}

/// A new vault with a phone contact on each of November 2nd to the `last`, each with the
/// fields in `extra` (JSON object members, may be empty) and, if given, `text` plus the day.
fn november_contacts(last: u32, extra: &str, text: Option<&str>) -> Env {
    let env = Env::with_vault();
    for day in 2..=last {
        let mut fields =
            format!(r#""mode":"phone","tags":["outreach"],"occurred_at":"2026-11-0{day} 10:00""#);
        if !extra.is_empty() {
            fields.push(',');
            fields.push_str(extra);
        }
        if let Some(text) = text {
            fields.push_str(&format!(r#","text":"{text} {day}""#));
        }
        env.add("contact", &format!("{{{fields}}}"));
    }
    env
}

#[test]
fn export_writes_html_and_json_without_names_unshared_words_or_days() {
    let env = Env::with_vault();
    env.ok(&["people", "add", "J.R.", "--name", "Jordan Rivers"]);
    for day in 2..=8 {
        env.add(
            "contact",
            &format!(
                r#"{{"person":"J.R.","mode":"phone","duration_min":20,"share":true,"occurred_at":"2026-11-0{day} 10:00",
                    "text":"Walked with Jordan to the clinic; call 613-555-0142 if late"}}"#
            ),
        );
    }
    env.add(
        "moment",
        r#"{"text":"NOT-SHARED words about Maria","occurred_at":"2026-11-03 12:00"}"#,
    );
    let dir = tempfile::tempdir().unwrap();
    for format in ["html", "json"] {
        let out = dir.path().join(format!("summary.{format}"));
        let said = env.ok(&november(out.to_str().unwrap(), &["--format", format]));
        assert!(said.contains("7 shared entries"), "{said}");
        let text = std::fs::read_to_string(&out).unwrap();
        for leak in ["Jordan", "J.R.", "613", "NOT-SHARED", "Maria", "2026-11-0"] {
            assert!(!text.contains(leak), "{format}: {leak} leaked");
        }
        assert!(text.contains("Person A"), "{format}");
        assert!(!text.contains("<script"), "{format}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    assert_eq!(json["format"], "tandem-summary");
    assert_eq!(json["version"], 1);
    assert_eq!(json["contact_minutes"], 140);
    // No temporary file is left beside the summary.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn export_refuses_a_small_k_and_a_backwards_period_naming_the_flag() {
    let env = Env::with_vault();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.html");
    let out = out.to_str().unwrap();
    let e = env.fail(&november(out, &["--k", "1"]));
    assert!(e.contains("--k") && e.contains("at least 2"), "{e}");
    let e = env.fail(&[
        "export",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-01",
        "--out",
        out,
    ]);
    assert!(e.contains("--to"), "{e}");
    assert!(!dir.path().join("s.html").exists());
}

/// `rage` (installed by `cargo xtask setup`), found on PATH or in cargo's bin folder.
fn rage_tool(name: &str) -> std::path::PathBuf {
    let mut dirs: Vec<std::path::PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(std::path::PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("{name} is not installed: run `cargo xtask setup`"))
}

#[test]
fn an_age_encrypted_summary_opens_with_the_standard_rage_tool_and_the_supervisors_key() {
    let env = november_contacts(7, r#""share":true"#, Some("We planned the week"));
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("supervisor.txt");
    let made = std::process::Command::new(rage_tool("rage-keygen"))
        .arg("-o")
        .arg(&key)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let public = std::fs::read_to_string(&key)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_string))
        .expect("rage-keygen writes the public key as a comment");
    let out = dir.path().join("summary.json.age");
    env.ok(&[
        "export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        "--age-recipient",
        &public,
    ]);
    let file = std::fs::read(&out).unwrap();
    assert!(file.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&file).contains("planned"));
    let opened = std::process::Command::new(rage_tool("rage"))
        .arg("-d")
        .arg("-i")
        .arg(&key)
        .arg(&out)
        .output()
        .unwrap();
    assert!(opened.status.success(), "{opened:?}");
    let json: serde_json::Value = serde_json::from_slice(&opened.stdout).unwrap();
    assert_eq!(json["format"], "tandem-summary");
    assert_eq!(json["narratives"][0]["text"], "We planned the week 2");

    let e = env.fail(&november(
        dir.path().join("x.age").to_str().unwrap(),
        &["--age-recipient", "age1notakey"],
    ));
    assert!(e.contains("--age-recipient") && e.contains("age1"), "{e}");
    assert!(!dir.path().join("x.age").exists());
}

#[test]
fn every_export_is_listed_with_the_hash_sha256sum_prints() {
    let env = november_contacts(6, "", None);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nov.html");
    env.ok(&november(out.to_str().unwrap(), &["--k", "3"]));
    // A refused export (bad key) leaves no record.
    env.fail(&november(
        dir.path().join("x.age").to_str().unwrap(),
        &["--age-recipient", "age1notakey"],
    ));
    let listed: serde_json::Value = serde_json::from_str(&env.ok(&["exports", "--json"])).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let summed = std::process::Command::new("sha256sum")
        .arg(&out)
        .output()
        .unwrap();
    let summed = String::from_utf8(summed.stdout).unwrap();
    assert_eq!(
        listed[0]["sha256"],
        summed.split_whitespace().next().unwrap()
    );
    assert_eq!(listed[0]["from"], "2026-11-01");
    assert_eq!(listed[0]["k"], 3);
    assert_eq!(listed[0]["format"], "html");
    let text = env.ok(&["exports"]);
    assert!(
        text.contains("2026-11-01 to 2026-11-30") && text.contains("nov.html"),
        "{text}"
    );
}

#[test]
fn the_agenda_lists_what_to_bring_and_forgets_nothing_marked_done() {
    let env = Env::with_vault();
    let flagged = env.add(
        "boundary",
        r#"{"category":"gifts_or_money","bring_to_supervision":true,"occurred_at":"2026-11-03 10:00","text":"Offered a gift card"}"#,
    );
    let moment = env.add(
        "moment",
        r#"{"occurred_at":"2026-11-04 10:00","text":"A breakthrough at group"}"#,
    );
    let agenda = env.ok(&["agenda"]);
    assert!(
        agenda.contains("gift card") && !agenda.contains("breakthrough"),
        "{agenda}"
    );
    env.ok(&["agenda", "add", &moment[..6]]);
    env.ok(&["agenda", "done", &flagged[..6]]);
    let agenda = env.ok(&["agenda"]);
    assert!(
        !agenda.contains("gift card") && agenda.contains("breakthrough"),
        "{agenda}"
    );
    let done = env.ok(&["agenda", "--discussed", "--json"]);
    assert!(done.contains("\"agenda_state\":\"discussed\""), "{done}");
    assert!(
        env.ok(&["list", "--agenda", "queued"])
            .contains("breakthrough")
    );
    let e = env.fail(&["list", "--agenda", "soon"]);
    assert!(e.contains("--agenda") && e.contains("queued"), "{e}");
}

#[test]
fn a_report_is_written_in_the_apps_language_or_the_one_asked_for() {
    let env = november_contacts(6, "", None);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fr.html");
    env.ok(&november(out.to_str().unwrap(), &["--language", "fr"]));
    let french = std::fs::read_to_string(&out).unwrap();
    assert!(french.contains("<html lang=\"fr\">"), "{french}");
    assert!(french.contains("Résumé de supervision") && french.contains("Téléphone"));
    assert!(!french.contains("Supervision summary"));

    // With no --language, the app's setting decides.
    std::fs::write(
        env.vault.with_file_name("settings.json"),
        r#"{"language": "fr", "theme": "system", "auto_lock_minutes": 5, "lock_when_hidden": true}"#,
    )
    .unwrap();
    let out = dir.path().join("default.html");
    env.ok(&november(out.to_str().unwrap(), &[]));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Résumé de supervision")
    );

    let e = env.fail(&november(out.to_str().unwrap(), &["--language", "de"]));
    assert_eq!(
        e, "tandem: --language: valeur inconnue ; valeurs possibles : en, fr",
        "in the language of the app's settings"
    );
}

#[test]
fn export_without_words_keeps_the_counts_and_leaves_shared_words_home() {
    let env = november_contacts(6, r#""share":true,"agenda":true"#, Some("SHARED-WORDS"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("counts.json");
    env.ok(&november(
        out.to_str().unwrap(),
        &["--format", "json", "--without", "words,agenda"],
    ));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["entries_by_kind"]["total"], 5);
    assert_eq!(json["narratives"], serde_json::json!([]));
    assert_eq!(json["agenda"], serde_json::json!([]));
    assert_eq!(json["withheld"]["unshared_entries"], 5);
    assert_eq!(
        json["included"],
        serde_json::json!({"words": false, "agenda": false, "wellbeing": true})
    );
    // The report says what was left out, so an empty part does not read as "nothing".
    let report = dir.path().join("counts.html");
    env.ok(&november(
        report.to_str().unwrap(),
        &["--without", "wellbeing", "--language", "en"],
    ));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("Left out by the worker: wellbeing averages."),
        "{html}"
    );
    assert!(html.contains("Not included by the worker."));
    let e = env.fail(&november(out.to_str().unwrap(), &["--without", "names"]));
    assert!(e.contains("--without") && e.contains("wellbeing"), "{e}");
}
