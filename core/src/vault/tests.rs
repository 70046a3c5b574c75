//! Behaviour of the vault as a worker (or an attacker with the file) would meet it.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rusqlite::Connection;
use tempfile::TempDir;
use zeroize::Zeroizing;

use super::*;
use crate::vault::FilterText;
use chrono::NaiveDate;

use crate::entry::{Details, Entry, EntryDraft};
use crate::person::PersonDraft;
use crate::vocab::Kind;

const PASS: &str = "a long enough passphrase";

fn new_vault() -> (TempDir, PathBuf, Vault) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.tandem");
    let (vault, _) = Vault::create(&path, PASS).unwrap();
    (dir, path, vault)
}

fn draft(kind: Kind, json: &str) -> EntryDraft {
    EntryDraft::from_json(json, Some(kind), false).unwrap()
}

/// One entry of each kind with every field set, `marker` in every free-text field.
fn every_kind(marker: &str) -> Vec<EntryDraft> {
    vec![
        draft(
            Kind::Contact,
            &format!(
                r#"{{"occurred_at":"2026-11-20T10:00:00-05:00","text":"contact {marker}",
                "person":"P-{marker}","tags":["t-{marker}"],"share":true,"duration_min":45,
                "mode":"in_person","setting":"street_outreach","format":"group","group_size":3,
                "domains":["housing","hiv_sti"],"activities":["accompaniment"],
                "referral":"legal_help","next_step":"next {marker}","follow_up_on":"2026-12-02",
                "collaborative":true}}"#
            ),
        ),
        draft(
            Kind::Moment,
            &format!(
                r#"{{"occurred_at":"2026-11-21T18:30:00+01:00","text":"moment {marker}",
                "themes":["getting_it","trust"],"values":["hopeful","person_driven"],
                "why_it_mattered":"why {marker}"}}"#
            ),
        ),
        draft(
            Kind::Boundary,
            &format!(
                r#"{{"occurred_at":"2026-11-22T08:00:00Z","text":"boundary {marker}",
                "category":"dual_relationship","intensity":4,"action":"action {marker}",
                "bring_to_supervision":true}}"#
            ),
        ),
        draft(
            Kind::Wellbeing,
            &format!(
                r#"{{"occurred_at":"2026-11-23T21:00:00-08:00","text":"wellbeing {marker}",
                "mood":2,"energy":3,"stress":5,"sleep_hours":5.5,"triggered":true,
                "triggered_by":"trigger {marker}","self_care":["outdoors","debrief"],
                "support_used":"support {marker}"}}"#
            ),
        ),
    ]
}

/// Runs SQL on the vault file directly, as someone tampering with it would.
fn tamper(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn entry_ids(path: &Path) -> Vec<Vec<u8>> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT id FROM entries ORDER BY rowid")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The vault file and every SQLite side file next to it, concatenated.
fn all_bytes(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for suffix in ["", "-wal", "-journal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        if let Ok(b) = std::fs::read(PathBuf::from(p)) {
            out.extend(b);
        }
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    memchr::memmem::find(hay, needle.as_bytes()).is_some()
}

fn dir_listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_kind_round_trips_through_a_closed_and_reopened_vault() {
    let (_dir, path, mut vault) = new_vault();
    let drafts = every_kind("x");
    let ids = vault.add_entries(drafts.clone()).unwrap();
    let before: Vec<Entry> = ids.iter().map(|id| vault.entry(id).unwrap()).collect();
    vault.lock();

    let mut vault = Vault::open(&path, PASS).unwrap();
    for (entry, draft) in before.iter().zip(&drafts) {
        let again = vault.entry(&entry.id).unwrap();
        assert_eq!(&again, entry);
        assert_eq!(again.details, draft.details);
        assert_eq!(again.occurred_at, draft.occurred_at.unwrap());
    }
    let reader = vault.reader().unwrap();
    let alias = reader
        .get(&ids[0])
        .unwrap()
        .person
        .and_then(|p| reader.person(&p));
    assert_eq!(alias.unwrap().alias, "P-x");
    assert_eq!(reader.len(), 4);
}

#[test]
fn wrong_passphrase_is_refused_and_writes_nothing() {
    let (dir, path, mut vault) = new_vault();
    vault.add_entries(every_kind("x")).unwrap();
    vault.lock();
    let bytes = std::fs::read(&path).unwrap();
    let listing = dir_listing(dir.path());

    let err = Vault::open(&path, "not the passphrase").unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase));
    assert_eq!(err.to_string(), "wrong passphrase");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(dir_listing(dir.path()), listing);
}

#[test]
fn recovery_key_unlocks_on_its_own_and_a_wrong_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.tandem");
    let (mut vault, recovery) = Vault::create(&path, PASS).unwrap();
    let id = vault.add_entry(every_kind("r").remove(1)).unwrap();
    vault.lock();

    let typed = recovery.display().to_lowercase();
    let vault = Vault::open_with_recovery(&path, &RecoveryKey::parse(&typed).unwrap()).unwrap();
    assert_eq!(vault.entry(&id).unwrap().text, "moment r");
    vault.lock();
    let other = RecoveryKey::random();
    assert!(matches!(
        Vault::open_with_recovery(&path, &other),
        Err(Error::WrongRecoveryKey)
    ));
}

#[test]
fn passphrase_change_keeps_every_entry_and_retires_the_old_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.tandem");
    let (mut vault, recovery) = Vault::create(&path, PASS).unwrap();
    let ids = vault.add_entries(every_kind("p")).unwrap();
    let ciphertexts_before = {
        let conn = Connection::open(&path).unwrap();
        conn.query_row(
            "SELECT group_concat(hex(ciphertext)) FROM entries",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
    };
    vault.change_passphrase("a brand new passphrase").unwrap();
    vault.lock();

    assert!(matches!(
        Vault::open(&path, PASS),
        Err(Error::WrongPassphrase)
    ));
    let vault = Vault::open(&path, "a brand new passphrase").unwrap();
    for id in &ids {
        vault.entry(id).unwrap();
    }
    vault.lock();
    // Re-wrapping only: no record was re-encrypted.
    let conn = Connection::open(&path).unwrap();
    let after: String = conn
        .query_row(
            "SELECT group_concat(hex(ciphertext)) FROM entries",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(after, ciphertexts_before);
    assert!(Vault::open_with_recovery(&path, &recovery).is_ok());
}

#[test]
fn a_new_recovery_key_retires_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.tandem");
    let (mut vault, old) = Vault::create(&path, PASS).unwrap();
    let new = vault.replace_recovery_key().unwrap();
    vault.lock();
    assert!(matches!(
        Vault::open_with_recovery(&path, &old),
        Err(Error::WrongRecoveryKey)
    ));
    assert!(Vault::open_with_recovery(&path, &new).is_ok());
}

#[test]
fn a_canary_in_every_field_never_reaches_the_file_wal_or_journal() {
    let canary = "CanaryZq7xw";
    let (_dir, path, mut vault) = new_vault();
    vault
        .add_person(PersonDraft {
            alias: format!("alias {canary}"),
            name: Some(format!("name {canary}")),
            details: Some(format!("details {canary}")),
        })
        .unwrap();
    let ids = vault.add_entries(every_kind(canary)).unwrap();
    let mut edit = every_kind(&format!("{canary}-edited")).remove(0);
    edit.text = format!("edited {canary}");
    vault.update_entry(&ids[0], edit).unwrap();
    vault.delete_entry(&ids[1]).unwrap();
    let mut half_written = serde_json::Map::new();
    half_written.insert("text".into(), format!("draft {canary}").into());
    vault.save_draft("new:moment", &half_written).unwrap();

    // While the vault is open the WAL holds the recent writes: check it too.
    let open_bytes = all_bytes(&path);
    let closed_bytes = {
        vault.lock();
        all_bytes(&path)
    };
    let kind_and_dates = [
        "contact",
        "moment",
        "boundary",
        "wellbeing",
        "2026-11-2",
        "occurred_at",
        "housing",
        "dual_relationship",
    ];
    for bytes in [&open_bytes, &closed_bytes] {
        assert!(bytes.len() > 4096);
        assert!(!contains(bytes, canary), "canary found in the vault files");
        assert!(!contains(bytes, &canary.to_lowercase()));
        for word in kind_and_dates {
            assert!(!contains(bytes, word), "`{word}` found in plaintext");
        }
    }
}

#[test]
fn record_lengths_are_padded_to_buckets() {
    let (_dir, path, mut vault) = new_vault();
    vault
        .add_entries(vec![
            draft(Kind::Moment, r#"{"text":"a"}"#),
            draft(
                Kind::Moment,
                r#"{"text":"a somewhat longer entry, but not by much"}"#,
            ),
        ])
        .unwrap();
    vault.lock();
    let conn = Connection::open(&path).unwrap();
    let lengths: Vec<i64> = conn
        .prepare("SELECT length(ciphertext) FROM entries")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(lengths[0], lengths[1]);
}

#[test]
fn a_flipped_bit_in_any_record_is_reported_and_the_rest_stay_readable() {
    let (dir, path, mut vault) = new_vault();
    let ids = vault.add_entries(every_kind("f")).unwrap();
    vault.lock();
    for (n, row_id) in entry_ids(&path).iter().enumerate() {
        for column in ["ciphertext", "nonce"] {
            let copy = dir.path().join(format!("copy-{n}-{column}.tandem"));
            std::fs::copy(&path, &copy).unwrap();
            let conn = Connection::open(&copy).unwrap();
            let mut blob: Vec<u8> = conn
                .query_row(
                    &format!("SELECT {column} FROM entries WHERE id = ?1"),
                    [row_id],
                    |r| r.get(0),
                )
                .unwrap();
            let bit = (n * 37) % (blob.len() * 8);
            blob[bit / 8] ^= 1 << (bit % 8);
            conn.execute(
                &format!("UPDATE entries SET {column} = ?1 WHERE id = ?2"),
                rusqlite::params![blob, row_id],
            )
            .unwrap();
            drop(conn);

            let mut vault = Vault::open(&copy, PASS).unwrap();
            let reader = vault.reader().unwrap();
            assert_eq!(reader.len(), 3, "the other entries still load");
            let listed: Vec<RecordId> = reader.list(&Filter::default()).map(|e| e.id).collect();
            assert_eq!(listed.len(), 3);
            let damaged = vault.damaged();
            assert_eq!(damaged.len(), 1);
            let bad = RecordId::from_slice(row_id).unwrap();
            assert_eq!(damaged[0].id, bad.to_hex());
            assert!(ids.contains(&bad));
            assert!(matches!(vault.entry(&bad), Err(Error::NotFound { .. })));
        }
    }
}

#[test]
fn a_ciphertext_copied_onto_another_row_is_refused() {
    let (_dir, path, mut vault) = new_vault();
    let ids = vault.add_entries(every_kind("c")).unwrap();
    vault.lock();
    tamper(
        &path,
        &format!(
            "UPDATE entries SET nonce = (SELECT nonce FROM entries WHERE id = x'{a}'),
                 ciphertext = (SELECT ciphertext FROM entries WHERE id = x'{a}')
             WHERE id = x'{b}'",
            a = ids[0].to_hex(),
            b = ids[1].to_hex()
        ),
    );
    let mut vault = Vault::open(&path, PASS).unwrap();
    assert!(matches!(vault.entry(&ids[1]), Err(Error::Damaged { .. })));
    let reader = vault.reader().unwrap();
    assert!(
        reader.get(&ids[0]).is_some(),
        "the original row is still fine"
    );
    assert!(reader.get(&ids[1]).is_none());
    assert_eq!(vault.damaged().len(), 1);
    assert_eq!(vault.damaged()[0].id, ids[1].to_hex());
}

#[test]
fn an_entry_replayed_into_the_people_table_is_refused() {
    let (_dir, path, mut vault) = new_vault();
    let ids = vault.add_entries(every_kind("t")).unwrap();
    vault.lock();
    tamper(
        &path,
        &format!(
            "INSERT INTO people SELECT * FROM entries WHERE id = x'{}'",
            ids[0].to_hex()
        ),
    );
    let vault = Vault::open(&path, PASS).unwrap();
    assert!(vault.people().iter().all(|p| p.id != ids[0]));
    assert_eq!(vault.damaged()[0].what, "person");
}

#[test]
fn empty_truncated_and_foreign_files_are_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (_vdir, vault_path, mut vault) = new_vault();
    vault.add_entries(every_kind("x")).unwrap();
    vault.lock();
    let whole = std::fs::read(&vault_path).unwrap();

    let foreign_db = dir.path().join("other-app.sqlite");
    Connection::open(&foreign_db)
        .unwrap()
        .execute_batch("CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('hi');")
        .unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("text", b"Dear diary, not a database at all.\n".repeat(300)),
        ("short-header", b"SQLite format 3\0".to_vec()),
        ("foreign-db", std::fs::read(&foreign_db).unwrap()),
        ("truncated-half", whole[..whole.len() / 2].to_vec()),
        ("truncated-header", whole[..1000].to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let listing = dir_listing(dir.path());
        let result = Vault::open(&path, PASS).and_then(|mut v| v.load_entries().map(|_| v));
        match result {
            Ok(_) => panic!("{name}: opened as a vault"),
            Err(e) => assert!(
                matches!(e, Error::NotAVault { .. } | Error::Damaged { .. }),
                "{name}: {e}"
            ),
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
        assert_eq!(
            dir_listing(dir.path()),
            listing,
            "{name}: files left behind"
        );
        assert!(matches!(
            Vault::create(&path, PASS),
            Err(Error::AlreadyExists(_))
        ));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "{name} was overwritten"
        );
    }
}

#[test]
fn creating_a_vault_over_an_existing_vault_is_refused() {
    let (_dir, path, vault) = new_vault();
    vault.lock();
    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        Vault::create(&path, "another passphrase"),
        Err(Error::AlreadyExists(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(Vault::open(&path, PASS).is_ok());
}

#[test]
fn a_vault_from_a_newer_tandem_is_refused_without_changes() {
    let (_dir, path, vault) = new_vault();
    vault.lock();
    tamper(&path, "PRAGMA user_version = 99;");
    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        Vault::open(&path, PASS),
        Err(Error::TooNew { found: 99, .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn hostile_key_derivation_settings_are_refused_before_running() {
    let (_dir, path, vault) = new_vault();
    vault.lock();
    tamper(
        &path,
        "UPDATE key_slots SET m_kib = 4000000000 WHERE name = 'passphrase';",
    );
    let err = Vault::open(&path, PASS).unwrap_err();
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("key-derivation settings"));
}

#[test]
fn a_full_disk_saves_nothing_and_loses_nothing() {
    let (_dir, path, mut vault) = new_vault();
    let kept = vault.add_entries(every_kind("k")).unwrap();
    // Cap the database at its current size: the next write needs new pages and fails like a
    // full disk would.
    let pages: i64 = vault
        .store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    vault
        .store
        .connection()
        .execute_batch(&format!("PRAGMA max_page_count = {pages};"))
        .unwrap();
    let big = draft(
        Kind::Moment,
        &format!(r#"{{"text":"{}"}}"#, "long day. ".repeat(4000)),
    );
    let err = vault.add_entry(big).unwrap_err();
    assert!(matches!(err, Error::DiskFull), "{err}");
    assert_eq!(err.to_string(), "the disk is full; nothing was saved");
    assert_eq!(
        vault.reader().unwrap().len(),
        4,
        "nothing half-saved in memory"
    );
    vault.lock();
    let mut vault = Vault::open(&path, PASS).unwrap();
    let reader = vault.reader().unwrap();
    assert_eq!(reader.len(), 4);
    for id in kept {
        assert!(reader.get(&id).is_some());
    }
}

#[test]
fn import_is_all_or_nothing_and_names_the_bad_line() {
    let (_dir, _path, mut vault) = new_vault();
    let jsonl = "{\"kind\":\"moment\",\"text\":\"one\"}\n\n\
                 {\"kind\":\"contact\",\"mode\":\"phone\",\"duration_min\":5}\n\
                 {\"kind\":\"contact\",\"mode\":\"carrier pigeon\",\"duration_min\":5}\n";
    let err = vault.import_jsonl(jsonl).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 4: mode: unknown value; allowed: in_person"),
        "{err}"
    );
    assert!(vault.reader().unwrap().is_empty());
    let ok = vault
        .import_jsonl(&jsonl.replace("carrier pigeon", "video"))
        .unwrap();
    assert_eq!(ok.len(), 3);
}

#[test]
fn a_dump_style_import_keeps_ids_and_refuses_duplicates() {
    let (_dir, _path, mut vault) = new_vault();
    let line = r#"{"kind":"moment","id":"00112233445566778899aabbccddeeff","text":"kept","created_at":"2025-01-02T03:04:05Z"}"#;
    let ids = vault.import_jsonl(line).unwrap();
    assert_eq!(ids[0].to_hex(), "00112233445566778899aabbccddeeff");
    let entry = vault.entry(&ids[0]).unwrap();
    assert_eq!(entry.created_at.to_rfc3339(), "2025-01-02T03:04:05+00:00");
    let err = vault.import_jsonl(line).unwrap_err();
    assert!(
        err.to_string().starts_with("line 1: id: an entry with id"),
        "{err}"
    );
}

#[test]
fn edits_keep_identity_and_kind() {
    let (_dir, _path, mut vault) = new_vault();
    let id = vault
        .add_entry(draft(Kind::Moment, r#"{"text":"first"}"#))
        .unwrap();
    let created = vault.entry(&id).unwrap().created_at;
    vault
        .update_entry(&id, draft(Kind::Moment, r#"{"text":"second"}"#))
        .unwrap();
    let e = vault.entry(&id).unwrap();
    assert_eq!((e.text.as_str(), e.created_at), ("second", created));
    assert!(e.updated_at >= created);
    let err = vault
        .update_entry(&id, draft(Kind::Contact, r#"{"text":"x"}"#))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("kind: an entry's kind cannot change")
    );
    let hits = vault.reader().unwrap().search("second", &Filter::default());
    assert_eq!(hits.len(), 1);
    assert!(
        vault
            .reader()
            .unwrap()
            .search("first", &Filter::default())
            .is_empty()
    );
}

#[test]
fn delete_restore_and_purge() {
    let (_dir, path, mut vault) = new_vault();
    let id = vault
        .add_entry(draft(Kind::Moment, r#"{"text":"oops"}"#))
        .unwrap();
    vault.delete_entry(&id).unwrap();
    let all = Filter::default();
    let bin = Filter {
        deleted: Deleted::Only,
        ..Default::default()
    };
    assert_eq!(vault.reader().unwrap().list(&all).count(), 0);
    assert_eq!(vault.reader().unwrap().list(&bin).count(), 1);
    assert!(vault.reader().unwrap().search("oops", &all).is_empty());
    vault.restore_entry(&id).unwrap();
    assert_eq!(vault.reader().unwrap().list(&all).count(), 1);
    vault.purge_entry(&id).unwrap();
    vault.lock();
    let mut vault = Vault::open(&path, PASS).unwrap();
    assert!(vault.reader().unwrap().is_empty());
    assert!(matches!(vault.entry(&id), Err(Error::NotFound { .. })));
}

#[test]
fn filters_combine_kind_dates_tags_and_people() {
    let (_dir, _path, mut vault) = new_vault();
    vault.add_entries(every_kind("f")).unwrap();
    let reader = vault.reader().unwrap();
    let count = |f: Filter| reader.list(&f).count();
    let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(count(Filter::default()), 4);
    assert_eq!(
        count(Filter {
            kind: Some(Kind::Boundary),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            from: day("2026-11-21"),
            to: day("2026-11-22"),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            tag: Some("T-F".into()),
            ..Default::default()
        }),
        1
    );
    let newest_first: Vec<Kind> = reader.list(&Filter::default()).map(|e| e.kind()).collect();
    assert_eq!(
        newest_first,
        [Kind::Wellbeing, Kind::Boundary, Kind::Moment, Kind::Contact]
    );
    let person = vault.find_person("p-f").unwrap().id;
    let reader = vault.reader().unwrap();
    let filter = Filter {
        person: Some(person),
        ..Default::default()
    };
    assert_eq!(reader.list(&filter).count(), 1);
}

#[test]
fn search_reaches_every_text_field_the_person_and_vocabulary() {
    let (_dir, _path, mut vault) = new_vault();
    vault.add_entries(every_kind("zz")).unwrap();
    let reader = vault.reader().unwrap();
    let kinds = |q: &str| -> Vec<Kind> {
        reader
            .search(q, &Filter::default())
            .iter()
            .map(|e| e.kind())
            .collect()
    };
    assert_eq!(kinds("next"), [Kind::Contact]);
    assert_eq!(kinds("P-ZZ"), [Kind::Contact]);
    assert_eq!(kinds("t-zz"), [Kind::Contact]);
    assert_eq!(kinds("why"), [Kind::Moment]);
    assert_eq!(kinds("action"), [Kind::Boundary]);
    assert_eq!(kinds("trigger"), [Kind::Wellbeing]);
    assert_eq!(kinds("support zz"), [Kind::Wellbeing]);
    assert_eq!(kinds("housing"), [Kind::Contact]);
    assert_eq!(kinds("zz").len(), 4);
}

#[test]
fn people_are_found_by_alias_or_name_and_created_when_new() {
    let (_dir, _path, mut vault) = new_vault();
    let jr = vault
        .add_person(PersonDraft {
            alias: "J.R.".into(),
            name: Some("Jordan Rivers".into()),
            details: None,
        })
        .unwrap();
    let a = vault
        .add_entry(draft(Kind::Contact, r#"{"person":"jordan rivers"}"#))
        .unwrap();
    let b = vault
        .add_entry(draft(Kind::Contact, r#"{"person":"Sam"}"#))
        .unwrap();
    assert_eq!(vault.entry(&a).unwrap().person, Some(jr));
    let sam = vault.entry(&b).unwrap().person.unwrap();
    assert_eq!(vault.person(&sam).unwrap().alias, "Sam");
    assert_eq!(vault.people().len(), 2);
    let err = vault.add_person(PersonDraft::alias("sam")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "alias: someone in your people list already has that alias or name"
    );
    vault
        .update_person(&sam, PersonDraft::alias("S. (Sammy)"))
        .unwrap();
    assert_eq!(
        vault
            .reader()
            .unwrap()
            .search("sammy", &Filter::default())
            .len(),
        1
    );
}

#[test]
fn id_prefixes_resolve_when_unique() {
    let (_dir, _path, mut vault) = new_vault();
    let id = vault
        .add_entry(draft(Kind::Moment, r#"{"text": "a start"}"#))
        .unwrap();
    let hex = id.to_hex();
    assert_eq!(vault.resolve_entry_id(&hex[..6]).unwrap(), id);
    assert_eq!(vault.resolve_entry_id(&hex.to_uppercase()).unwrap(), id);
    assert!(matches!(
        vault.resolve_entry_id("abc"),
        Err(Error::Invalid { .. })
    ));
    let missing = if hex.starts_with("0000") {
        "ffff"
    } else {
        "0000"
    };
    assert!(matches!(
        vault.resolve_entry_id(missing),
        Err(Error::NotFound { .. })
    ));
}

fn shared_vault() -> &'static std::sync::Mutex<(TempDir, Vault)> {
    static SHARED: std::sync::OnceLock<std::sync::Mutex<(TempDir, Vault)>> =
        std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let (dir, _, vault) = new_vault();
        std::sync::Mutex::new((dir, vault))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever a worker types survives the record format: JSON, padding, encryption and back.
    #[test]
    fn any_text_round_trips_through_the_record_format(
        text in ".{0,600}",
        tags in proptest::collection::vec("[a-zA-Zé0-9 _-]{1,20}", 0..4),
        share in any::<bool>(),
        minutes in 0u32..=1440,
    ) {
        let mut guard = shared_vault().lock().unwrap();
        let vault = &mut guard.1;
        let mut d = EntryDraft::new(Details::Contact(crate::entry::Contact {
            duration_min: Some(minutes),
            ..Default::default()
        }));
        d.text = text.clone();
        d.tags = tags;
        d.share = share;
        let expected_tags = match crate::entry::normalize_tags(d.tags.clone()) {
            Ok(t) => t,
            Err(_) => return Ok(()),
        };
        let id = vault.add_entry(d).unwrap();
        vault.reload_entries().unwrap();
        let e = vault.entry(&id).unwrap();
        prop_assert_eq!(&e.text, &text);
        prop_assert_eq!(&e.tags, &expected_tags);
        prop_assert_eq!(e.share, share);
        prop_assert!(vault.damaged().is_empty());
    }

    /// Padding is reversible for any payload, and the padded length depends only on the bucket.
    #[test]
    fn padding_round_trips_any_payload(payload in proptest::collection::vec(any::<u8>(), 0..5000)) {
        let padded = crypto::pad(&payload);
        prop_assert_eq!(padded.len(), crypto::bucket_len(payload.len()));
        prop_assert_eq!(crypto::unpad(&padded), Some(&payload[..]));
    }
}

#[test]
fn a_large_import_names_the_first_bad_line_even_deep_in_the_file() {
    let (_dir, _path, mut vault) = new_vault();
    let mut lines: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"kind":"moment","text":"line {}"}}"#, i + 1))
        .collect();
    lines[1499] = r#"{"kind":"wellbeing","stress":11}"#.into();
    lines[1799] = r#"{"kind":"moment","txt":"also bad, but later"}"#.into();
    let err = vault.import_jsonl(&lines.join("\n")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1500: stress: out of range; allowed: 1 to 5"
    );
    assert!(vault.reader().unwrap().is_empty(), "nothing was saved");

    // A repeated id is found while saving, after earlier chunks were written: all roll back.
    let id = |n: usize| format!("{n:032x}");
    let mut lines: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"kind":"moment","id":"{}"}}"#, id(i + 1)))
        .collect();
    lines[1899] = format!(r#"{{"kind":"moment","id":"{}"}}"#, id(7));
    let err = vault.import_jsonl(&lines.join("\n")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("line 1900: id: an entry with id"),
        "{err}"
    );
    assert!(vault.reader().unwrap().is_empty(), "nothing was saved");
    vault.reload_entries().unwrap();
    assert!(
        vault.reader().unwrap().is_empty(),
        "nothing reached the file either"
    );

    lines[1899] = format!(r#"{{"kind":"moment","id":"{}","person":"Ana"}}"#, id(1900));
    let ids = vault.import_jsonl(&lines.join("\n")).unwrap();
    assert_eq!(ids.len(), 2000);
    vault.reload_entries().unwrap();
    assert_eq!(vault.reader().unwrap().len(), 2000);
    assert!(vault.find_person("ana").is_some());
}

#[test]
fn a_one_off_search_finds_exactly_what_the_loaded_search_finds() {
    let (_dir, path, mut vault) = new_vault();
    vault.add_entries(every_kind("zz")).unwrap();
    vault
        .add_entry(draft(
            Kind::Moment,
            r#"{"text":"Café avec Élise \\ back\\slash","person":"Zoë","tags":["été"]}"#,
        ))
        .unwrap();
    vault.lock();
    let queries = [
        "zz",
        "next",
        "p-zz",
        "zoe",
        "cafe",
        "elis",
        "ete",
        "housing",
        "in person",
        "trust",
        "\"avec elise\"",
        "back\\slash",
        "nothing-like-this",
        "zz action",
    ];
    let filters = [
        Filter::default(),
        Filter {
            kind: Some(Kind::Contact),
            ..Default::default()
        },
    ];
    let mut loaded = Vault::open(&path, PASS).unwrap();
    let mut fresh = Vault::open(&path, PASS).unwrap();
    for q in queries {
        for f in &filters {
            let want: Vec<RecordId> = loaded
                .reader()
                .unwrap()
                .search(q, f)
                .iter()
                .map(|e| e.id)
                .collect();
            let got: Vec<RecordId> = fresh
                .search_entries(q, f)
                .unwrap()
                .iter()
                .map(|e| e.id)
                .collect();
            assert_eq!(got, want, "query {q:?}");
            assert!(fresh.entries.is_none(), "nothing was kept in memory");
        }
    }
    assert_eq!(
        fresh
            .search_entries("zoe", &Filter::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn typed_filters_are_checked_and_name_the_field_at_fault() {
    let (_dir, _path, mut vault) = new_vault();
    vault.add_entries(every_kind("f")).unwrap();
    let text = |f: &dyn Fn(&mut FilterText)| {
        let mut t = FilterText::default();
        f(&mut t);
        t
    };
    let err = |t: FilterText, prefix: &str| vault.filter(&t, prefix).unwrap_err().to_string();
    assert!(
        err(text(&|t| t.kind = Some("diary".into())), "")
            .starts_with("kind: unknown value; allowed: contact")
    );
    assert!(
        err(text(&|t| t.from = Some("2026-02-30".into())), "--")
            .starts_with("--from: not a date; use YYYY-MM-DD")
    );
    assert_eq!(
        err(
            text(&|t| {
                t.from = Some("2026-11-22".into());
                t.to = Some("2026-11-21".into());
            }),
            ""
        ),
        "to: the end of the period is before its start"
    );
    assert_eq!(
        err(text(&|t| t.person = Some("Nobody".into())), "--"),
        "--person: nobody by that name or alias is in your people list"
    );
    let filter = vault
        .filter(
            &text(&|t| {
                t.kind = Some("contact".into());
                t.person = Some("p-f".into());
                t.from = Some("2026-11-20".into());
            }),
            "",
        )
        .unwrap();
    assert_eq!(vault.reader().unwrap().list(&filter).count(), 1);
}

#[test]
fn an_alias_is_never_taken_for_someone_elses_real_name() {
    let (_dir, _path, mut vault) = new_vault();
    let sam = vault.add_person(PersonDraft::alias("Sam")).unwrap();
    vault
        .add_person(PersonDraft {
            alias: "A.B.".into(),
            name: Some("Sam".into()),
            details: None,
        })
        .unwrap();
    let id = vault
        .add_entry(draft(Kind::Moment, r#"{"person": "sam", "text": "tea"}"#))
        .unwrap();
    assert_eq!(vault.entry(&id).unwrap().person, Some(sam));
    assert_eq!(vault.find_person("SAM").unwrap().id, sam);
    // The real name still finds its person when no alias is that word.
    assert_eq!(vault.find_person("a.b.").unwrap().alias, "A.B.");
}

#[test]
fn a_summary_leaves_out_names_identifiers_unshared_words_and_exact_days() {
    use crate::summary::document::Options;
    let (_dir, _path, mut vault) = new_vault();
    vault
        .add_person(PersonDraft {
            alias: "JB".into(),
            name: Some("Jordan Brooks".into()),
            details: Some("Her sister Tamsin; 14 Elm Street".into()),
        })
        .unwrap();
    let shared = [
        r#"{"occurred_at": "2026-11-02 10:00", "person": "JB", "share": true, "duration_min": 30, "mode": "phone", "text": "Called JB at 416-555-0199; jordan's sister Tamsin says hi."}"#,
        r#"{"occurred_at": "2026-11-03 10:00", "person": "JB", "share": true, "mode": "phone", "text": "Mr. Brooks emailed jb@example.com about 14 Elm Street, M5V 2T6."}"#,
        r#"{"occurred_at": "2026-11-04 10:00", "share": true, "mode": "phone", "text": "Met Devon at the library; his SIN 046 454 286 and birthday 1990-04-12 came up."}"#,
    ];
    for (i, json) in shared.iter().enumerate() {
        vault.add_entry(draft(Kind::Contact, json)).unwrap();
        let unshared = format!(
            r#"{{"occurred_at": "2026-11-0{} 15:00", "mode": "phone", "text": "UNSHARED-CANARY {i}"}}"#,
            i + 2
        );
        vault.add_entry(draft(Kind::Contact, &unshared)).unwrap();
    }
    vault
        .add_entry(draft(
            Kind::Boundary,
            r#"{"occurred_at": "2026-11-05 12:00", "category": "gifts_or_money", "bring_to_supervision": true, "text": "He offered me money"}"#,
        ))
        .unwrap();
    let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let summary = vault.summary(&Options::new(from, to)).unwrap();
    let json = serde_json::to_string(&summary).unwrap();
    for leak in [
        "JB",
        "Jordan",
        "jordan",
        "Brooks",
        "Tamsin",
        "416",
        "example.com",
        "Elm",
        "M5V",
        "046",
        "1990",
        "Devon",
        "UNSHARED",
        "offered me",
        "2026-11-0",
    ] {
        assert!(!json.contains(leak), "{leak} leaked: {json}");
    }
    assert_eq!(summary.narratives.len(), 3);
    assert_eq!(summary.narratives[0].person.as_deref(), Some("Person A"));
    assert!(
        summary.narratives[0]
            .text
            .contains("Person A's sister [detail]"),
        "{}",
        summary.narratives[0].text
    );
    assert_eq!(summary.withheld.unshared_entries, 3);
    assert_eq!(summary.agenda.len(), 1);
    assert_eq!(summary.agenda[0].category, Some("gifts_or_money"));
    assert!(summary.flagged.contains("devon"));
    // One boundary issue is under k; with the total shown, the contacts are its complement.
    assert_eq!(
        summary.entries_by_kind.published.cells,
        vec![None, Some(0), None, Some(0)]
    );
    assert_eq!(summary.entries_by_kind.published.total, Some(7));
    assert_eq!(summary.contact_minutes, Some(30));
    // k below 2 is refused.
    let mut bad = Options::new(from, to);
    bad.k = 1;
    assert!(vault.summary(&bad).unwrap_err().to_string().contains("k:"));
}

#[test]
fn the_agenda_holds_flagged_boundaries_and_added_entries_until_discussed() {
    use crate::entry::AgendaState::{Discussed, Queued};
    use crate::summary::document::Options;
    let (_dir, path, mut vault) = new_vault();
    let flagged = vault
        .add_entry(draft(
            Kind::Boundary,
            r#"{"occurred_at": "2026-11-05 12:00", "category": "social_media", "bring_to_supervision": true}"#,
        ))
        .unwrap();
    let added = vault
        .add_entry(draft(
            Kind::Moment,
            r#"{"occurred_at": "2026-11-06 12:00", "agenda": true, "share": true, "text": "A quiet win"}"#,
        ))
        .unwrap();
    let other = vault
        .add_entry(draft(
            Kind::Contact,
            r#"{"occurred_at": "2026-11-07 12:00", "duration_min": 10}"#,
        ))
        .unwrap();
    let queued = |vault: &mut Vault| -> Vec<RecordId> {
        let f = vault
            .filter(
                &FilterText {
                    agenda: Some("queued".into()),
                    ..FilterText::default()
                },
                "",
            )
            .unwrap();
        let r = vault.reader().unwrap();
        r.list(&f).map(|e| e.id).collect()
    };
    assert_eq!(queued(&mut vault), vec![added, flagged]);

    // An ordinary entry joins the agenda; the discussed one leaves it but is kept as a record.
    vault.set_agenda(&other, Some(Queued)).unwrap();
    vault.set_agenda(&flagged, Some(Discussed)).unwrap();
    assert_eq!(queued(&mut vault), vec![other, added]);
    assert_eq!(
        vault.entry(&flagged).unwrap().agenda_state(),
        Some(Discussed)
    );

    // The summary's agenda is what is still queued, with the words only of shared entries.
    let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let summary = vault.summary(&Options::new(from, to)).unwrap();
    let kinds: Vec<_> = summary
        .agenda
        .iter()
        .map(|a| (a.kind, a.text.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("moment", Some("A quiet win".to_string())),
            ("contact", None)
        ]
    );

    // Left out by the worker, the words and the agenda do not leave; the counts still do.
    let mut without = Options::new(from, to);
    without.include.words = false;
    let summary = vault.summary(&without).unwrap();
    assert!(summary.narratives.is_empty() && summary.agenda.iter().all(|a| a.text.is_none()));
    assert_eq!(summary.withheld.unshared_entries, 1);
    without.include = crate::summary::document::Include {
        agenda: false,
        ..Default::default()
    };
    let summary = vault.summary(&without).unwrap();
    assert!(summary.agenda.is_empty());
    assert_eq!(summary.narratives[0].text, "A quiet win");

    // Taking a flagged boundary off the agenda clears its flag; the marks survive a reopen.
    vault.set_agenda(&flagged, None).unwrap();
    drop(vault);
    let mut vault = Vault::open(&path, PASS).unwrap();
    assert_eq!(vault.entry(&flagged).unwrap().agenda_state(), None);
    assert_eq!(queued(&mut vault), vec![other, added]);
    let bad = vault.filter(
        &FilterText {
            agenda: Some("later".into()),
            ..FilterText::default()
        },
        "--",
    );
    assert!(bad.unwrap_err().to_string().contains("--agenda"));
}

#[test]
fn every_saved_summary_is_recorded_with_its_hash_and_reads_back_for_a_supervisor() {
    use crate::i18n::Language;
    use crate::summary::document::Options;
    use crate::summary::output::AgeTo;
    use crate::summary::received;
    use crate::summary::record::{Encryption, Format, sha256_hex};
    let (dir, path, mut vault) = new_vault();
    for day in 2..9 {
        vault
            .add_entry(draft(
                Kind::Contact,
                &format!(r#"{{"occurred_at": "2026-11-0{day} 10:00", "duration_min": 20, "mode": "phone"}}"#),
            ))
            .unwrap();
    }
    let options = Options::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let plain = dir.path().join("nov.json");
    let (summary, record) = vault
        .export_summary(&options, Format::Json, Language::En, None, &plain)
        .unwrap();
    let bytes = std::fs::read(&plain).unwrap();
    assert_eq!(record.sha256, sha256_hex(&bytes));
    assert_eq!(record.encryption, Encryption::None);

    let sealed = dir.path().join("nov.json.age");
    let to = AgeTo::Passphrase(Zeroizing::new("supervision passphrase".into()));
    vault
        .export_summary(&options, Format::Json, Language::En, Some(&to), &sealed)
        .unwrap();
    // Nothing is ever saved over the vault or the files beside it that it needs.
    let before = std::fs::read(&path).unwrap();
    for name in ["v.tandem", "v.tandem-wal", "settings.json"] {
        let e = vault
            .export_summary(
                &options,
                Format::Json,
                Language::En,
                None,
                &dir.path().join(name),
            )
            .unwrap_err();
        assert!(e.to_string().contains("your vault"), "{name}: {e}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A file that cannot be written leaves no record behind.
    let nowhere = dir.path().join("missing-folder/nov.json");
    assert!(
        vault
            .export_summary(&options, Format::Json, Language::En, None, &nowhere)
            .is_err()
    );

    drop(vault);
    let mut vault = Vault::open(&path, PASS).unwrap();
    let records = vault.exports().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].encryption, Encryption::Passphrase);
    assert_eq!(records[1].id, record.id);
    assert_eq!(records[1].path, plain.display().to_string());
    assert!(
        !String::from_utf8_lossy(&std::fs::read(&path).unwrap()).contains("nov.json"),
        "export records are encrypted in the vault file"
    );

    // The supervisor's side reads both files back, the sealed one only with its passphrase.
    let read = received::read("nov.json", &bytes, None).unwrap();
    assert_eq!(
        read.tables.entries_by_kind.total,
        summary.entries_by_kind.published.total
    );
    let sealed_bytes = std::fs::read(&sealed).unwrap();
    let e = received::read("nov.json.age", &sealed_bytes, None).unwrap_err();
    assert!(e.to_string().contains("is encrypted"), "{e}");
    let e = received::read("nov.json.age", &sealed_bytes, Some("not it")).unwrap_err();
    assert!(e.to_string().contains("does not open"), "{e}");
    let opened = received::read(
        "nov.json.age",
        &sealed_bytes,
        Some("supervision passphrase"),
    )
    .unwrap();
    assert_eq!(opened, read);
    let team = received::team(&[read.clone(), opened]).unwrap();
    assert_eq!(team.tables.entries_by_kind.total, Some(14));
    assert_eq!(team.tables.contact_minutes, Some(280));
}

#[test]
fn a_vault_from_before_export_records_drafts_and_remembered_words_is_upgraded_on_unlock() {
    let (_dir, path, vault) = new_vault();
    drop(vault);
    tamper(
        &path,
        "DROP TABLE exports; DROP TABLE drafts; DROP TABLE words; PRAGMA user_version = 1;",
    );
    // A wrong passphrase changes nothing.
    assert!(Vault::open(&path, "not the passphrase at all").is_err());
    let version = |p: &Path| -> i64 {
        Connection::open(p)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&path), 1);
    let mut vault = Vault::open(&path, PASS).unwrap();
    assert_eq!(version(&path), crate::store::SCHEMA_VERSION);
    assert!(vault.exports().unwrap().is_empty());
    assert!(vault.drafts().unwrap().is_empty());
    assert!(vault.removed_words().unwrap().is_empty());
}

/// Every identifier class of the issue, seeded into shared entries of a vault alongside the
/// people list: neither the JSON nor the HTML summary may carry any of them, nor an unshared
/// entry's words, nor a day.
#[test]
fn a_seeded_corpus_leaves_no_identifier_unshared_word_or_day_in_either_output() {
    use crate::summary::document::Options;
    use crate::summary::output;
    let (_dir, _path, mut vault) = new_vault();
    for (alias, name, details) in [
        ("JB", "Jordan Brooks", "Sister Tamsin; works at Loblaws"),
        (
            "M.T.",
            "Marie Tremblay",
            "Daughter Océane, born in Gatineau",
        ),
    ] {
        vault
            .add_person(PersonDraft {
                alias: alias.into(),
                name: Some(name.into()),
                details: Some(details.into()),
            })
            .unwrap();
    }
    // (text with an identifier, the strings that must not survive)
    let seeded: &[(&str, &[&str])] = &[
        (
            "Jordan emailed me from jordan.b@example.org about the forms.",
            &["jordan.b", "example.org", "Jordan"],
        ),
        (
            "She wrote to M.Tremblay@gmail.com again.",
            &["Tremblay", "gmail"],
        ),
        ("Call him at 416-555-0199 after lunch.", &["416", "0199"]),
        ("Her cell is (613) 555-0142.", &["613", "0142"]),
        (
            "His cousin in London is on +44 20 7946 0958.",
            &["7946", "0958"],
        ),
        ("The shelter line is +1 514 555 0133.", &["514", "0133"]),
        ("Old number 613.555.0101 no longer works.", &["0101"]),
        (
            "He posts at https://facebook.com/jordan.brooks now.",
            &["facebook", "brooks"],
        ),
        (
            "The fundraiser is www.gofundme.com/f/help-jb if you want.",
            &["gofundme", "help-jb"],
        ),
        ("Her art site jbrooksart.ca is lovely.", &["jbrooksart"]),
        ("Follow @jb_draws for the comics.", &["jb_draws"]),
        ("Her friend (@marie.t) commented.", &["marie.t"]),
        ("We met at 14 Elm Street by the bus stop.", &["Elm"]),
        ("Moved to 221B Baker St last month.", &["221B", "Baker"]),
        (
            "The clinic at 1200 rue Sainte-Catherine was full.",
            &["1200", "Sainte-Catherine"],
        ),
        ("Dropped the forms at 55 Queen Ave, apt 4.", &["Queen"]),
        ("Postal code M5V 2T6 on the lease.", &["M5V", "2T6"]),
        ("Her old code was H3B1A7.", &["H3B1A7"]),
        ("The ZIP was 90210 on the letter.", &["90210"]),
        ("His mail goes to 10001-1234 now.", &["10001"]),
        ("Health card 1234-567-890-AB renewed.", &["1234-567", "890"]),
        (
            "SIN 046 454 286 for the application.",
            &["046", "454", "286"],
        ),
        ("SSN 123-45-6789 on the US form.", &["6789"]),
        ("Born 1990-04-12, she said.", &["1990", "04-12"]),
        ("His birthday is 03/15/1988.", &["1988", "03/15"]),
        (
            "Court date is March 3, 1985 in the old file.",
            &["1985", "March 3"],
        ),
        ("Elle est née le 12 juillet 1979.", &["1979", "juillet"]),
        ("We go back on 2026-11-05 for the hearing.", &["2026-11-05"]),
        (
            "JB said jordan's sister Tamsin helps.",
            &["JB", "jordan", "Tamsin"],
        ),
        (
            "JORDAN was loud today; Brooks's mood improved.",
            &["JORDAN", "Brooks"],
        ),
        (
            "Mr. Brooks called the Loblaws manager.",
            &["Brooks", "Loblaws"],
        ),
        (
            "Ms. Tremblay and Marie's daughter Océane came.",
            &["Tremblay", "Marie", "Océane"],
        ),
        ("M.T. will move to Gatineau.", &["M.T.", "Gatineau"]),
        ("marie tremblay signed the lease.", &["marie", "tremblay"]),
        ("Her nephew Darnell drove us.", &["Darnell"]),
    ];
    for (i, (text, _)) in seeded.iter().enumerate() {
        let person = if i % 2 == 0 { "JB" } else { "M.T." };
        vault
            .add_entry(draft(
                Kind::Contact,
                &serde_json::json!({
                    "occurred_at": format!("2026-11-{:02} 10:00", 2 + i % 27),
                    "person": person, "share": true, "mode": "phone", "text": text,
                })
                .to_string(),
            ))
            .unwrap();
        vault
            .add_entry(draft(
                Kind::Moment,
                &serde_json::json!({
                    "occurred_at": format!("2026-11-{:02} 16:00", 2 + i % 27),
                    "text": format!("UNSHARED-CANARY-{i} kept private"),
                })
                .to_string(),
            ))
            .unwrap();
    }
    let options = Options::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let summary = vault.summary(&options).unwrap();
    assert_eq!(summary.narratives.len(), seeded.len());
    let day = regex::Regex::new(r"\b\d{4}-\d{2}-\d{2}\b|\d{1,2}/\d{1,2}/\d{2,4}").unwrap();
    for (format, out) in [
        ("json", output::json(&summary)),
        ("html", output::html(&summary, crate::i18n::Language::En)),
        (
            "html in French",
            output::html(&summary, crate::i18n::Language::Fr),
        ),
    ] {
        for (text, leaks) in seeded {
            for leak in *leaks {
                assert!(
                    !out.contains(leak),
                    "{format}: {leak:?} (from {text:?}) leaked"
                );
            }
        }
        for leak in [
            "UNSHARED-CANARY",
            "kept private",
            "Jordan Brooks",
            "Marie Tremblay",
        ] {
            assert!(!out.contains(leak), "{format}: {leak:?} leaked");
        }
        assert!(
            day.find(&out).is_none(),
            "{format}: a day {:?}",
            day.find(&out)
        );
        // Every sentence was found in the catalogues: no key shows through.
        for key in ["summary.", "report.", "field.", "mode.", "kind."] {
            assert!(!out.contains(key), "{format}: an untranslated {key}… key");
        }
    }
    // Every class was met, and counted for the reader.
    use crate::summary::scrub::Class;
    for class in [
        Class::Email,
        Class::Link,
        Class::Handle,
        Class::Phone,
        Class::Address,
        Class::PostalCode,
        Class::IdNumber,
        Class::Date,
        Class::KnownPerson,
        Class::PrivateDetail,
        Class::LikelyName,
    ] {
        assert!(
            summary.withheld.removed.get(&class).copied().unwrap_or(0) > 0,
            "no {class:?} removed: {:?}",
            summary.withheld.removed
        );
    }
    // Ordinary words around the identifiers stay.
    let json = output::json(&summary);
    for kept in [
        "after lunch",
        "for the comics",
        "by the bus stop",
        "for the hearing",
    ] {
        assert!(json.contains(kept), "{kept:?} was removed");
    }
}

#[test]
fn edits_keep_agenda_marks_unless_the_worker_changes_them() {
    use crate::entry::AgendaState::{Discussed, Queued};
    let (_dir, _path, mut vault) = new_vault();
    let state = |v: &Vault, id: &RecordId| v.entry(id).unwrap().agenda_state();
    let edit = |v: &mut Vault, id: &RecordId, kind: Kind, json: &str| {
        v.update_entry(id, draft(kind, json)).unwrap();
    };

    // A resolved boundary issue is off the agenda even if it was marked for supervision.
    let resolved = vault
        .add_entry(draft(
            Kind::Boundary,
            r#"{"category": "gifts_or_money", "bring_to_supervision": true, "resolved": true}"#,
        ))
        .unwrap();
    assert_eq!(state(&vault, &resolved), None);
    // The worker can still bring it.
    vault.set_agenda(&resolved, Some(Queued)).unwrap();
    assert_eq!(state(&vault, &resolved), Some(Queued));

    // Added from its page, then discussed: an edit that does not mention the agenda keeps both.
    let moment = vault
        .add_entry(draft(Kind::Moment, r#"{"text": "first words"}"#))
        .unwrap();
    vault.set_agenda(&moment, Some(Queued)).unwrap();
    vault.set_agenda(&moment, Some(Discussed)).unwrap();
    edit(
        &mut vault,
        &moment,
        Kind::Moment,
        r#"{"text": "edited words"}"#,
    );
    assert_eq!(state(&vault, &moment), Some(Discussed));
    // Ticking "bring this" again queues it again; unticking takes it off.
    edit(
        &mut vault,
        &moment,
        Kind::Moment,
        r#"{"text": "x", "agenda": true}"#,
    );
    assert_eq!(state(&vault, &moment), Some(Queued));
    edit(
        &mut vault,
        &moment,
        Kind::Moment,
        r#"{"text": "x", "agenda": false}"#,
    );
    assert_eq!(state(&vault, &moment), None);

    // A boundary issue added from its page is marked for supervision, so unticking that in the
    // form takes it off, and ticking it again later starts a fresh item.
    let boundary = vault
        .add_entry(draft(Kind::Boundary, r#"{"category": "social_media"}"#))
        .unwrap();
    vault.set_agenda(&boundary, Some(Queued)).unwrap();
    assert_eq!(state(&vault, &boundary), Some(Queued));
    vault.set_agenda(&boundary, Some(Discussed)).unwrap();
    edit(
        &mut vault,
        &boundary,
        Kind::Boundary,
        r#"{"category": "social_media", "bring_to_supervision": false}"#,
    );
    assert_eq!(state(&vault, &boundary), None);
    edit(
        &mut vault,
        &boundary,
        Kind::Boundary,
        r#"{"category": "social_media", "bring_to_supervision": true}"#,
    );
    assert_eq!(state(&vault, &boundary), Some(Queued));
}

#[test]
fn a_supervisor_reads_older_summaries_and_refuses_impossible_counts() {
    use crate::summary::document::Options;
    use crate::summary::{output, received};
    let (_dir, _path, mut vault) = new_vault();
    vault
        .add_entry(draft(
            Kind::Boundary,
            r#"{"occurred_at": "2026-11-05 12:00", "category": "social_media", "bring_to_supervision": true}"#,
        ))
        .unwrap();
    let options = Options::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let summary = vault.summary(&options).unwrap();
    let mut old: serde_json::Value = serde_json::from_str(&output::json(&summary)).unwrap();
    // As written before agenda items had a kind and before `included` existed.
    old["agenda"][0].as_object_mut().unwrap().remove("kind");
    old.as_object_mut().unwrap().remove("included");
    old["included_later_part"] = serde_json::json!(true);
    let read = received::read("old.json", old.to_string().as_bytes(), None).unwrap();
    assert_eq!(read.agenda[0].kind, "boundary");
    assert!(read.included.words && read.included.agenda && read.included.wellbeing);

    let mut forged = old.clone();
    forged["entries_by_kind"]["total"] = serde_json::json!(u64::MAX);
    let e = received::read("forged.json", forged.to_string().as_bytes(), None).unwrap_err();
    assert!(e.to_string().contains("more than any journal"), "{e}");
}

#[test]
fn entries_written_at_the_same_minute_list_newest_saved_first_before_and_after_unlock() {
    let (_dir, path, mut vault) = new_vault();
    let ids: Vec<RecordId> = (0..10)
        .map(|i| {
            vault
                .add_entry(draft(
                    Kind::Moment,
                    &format!(r#"{{"occurred_at": "2026-11-20 10:00", "text": "note {i}"}}"#),
                ))
                .unwrap()
        })
        .collect();
    let newest_first: Vec<RecordId> = ids.iter().rev().copied().collect();
    let listed = |vault: &mut Vault| -> Vec<RecordId> {
        let filter = Filter::default();
        let reader = vault.reader().unwrap();
        reader.list(&filter).map(|e| e.id).collect()
    };
    assert_eq!(listed(&mut vault), newest_first);
    drop(vault);
    let mut vault = Vault::open(&path, PASS).unwrap();
    assert_eq!(
        listed(&mut vault),
        newest_first,
        "the same order read from the file"
    );
}

#[test]
fn a_draft_survives_locking_is_replaced_by_a_newer_one_and_goes_when_discarded() {
    let (_dir, path, mut vault) = new_vault();
    let fields = |text: &str| {
        let mut m = serde_json::Map::new();
        m.insert("text".into(), text.into());
        m.insert("themes".into(), serde_json::json!(["trust"]));
        m
    };
    assert_eq!(vault.draft("new:moment").unwrap(), None);
    vault
        .save_draft("new:moment", &fields("We talked about"))
        .unwrap();
    vault
        .save_draft("new:moment", &fields("We talked about the bus"))
        .unwrap();
    let id = vault
        .add_entry(draft(Kind::Contact, r#"{"duration_min": 20}"#))
        .unwrap();
    let edit_key = format!("edit:{}", id.to_hex());
    vault.save_draft(&edit_key, &fields("longer")).unwrap();
    drop(vault);

    let mut vault = Vault::open(&path, PASS).unwrap();
    assert_eq!(
        vault.draft("new:moment").unwrap(),
        Some(fields("We talked about the bus")),
        "the newest draft, after locking"
    );
    let waiting = vault.drafts().unwrap();
    assert_eq!(waiting.len(), 2, "one draft per form, not one per save");
    assert_eq!(waiting[0].kind, Kind::Contact);
    assert_eq!(waiting[0].entry.as_deref(), Some(id.to_hex().as_str()));
    vault.discard_draft("new:moment").unwrap();
    assert_eq!(vault.draft("new:moment").unwrap(), None);
    assert_eq!(vault.drafts().unwrap().len(), 1);
    vault.purge_entry(&id).unwrap();
    assert_eq!(
        vault.draft(&edit_key).unwrap(),
        None,
        "an entry removed for good takes its draft of changes with it"
    );
    assert!(vault.save_draft("new:diary", &fields("x")).is_err());
    assert!(vault.draft("somewhere").is_err());
}

#[test]
fn search_hits_come_in_timeline_order_whether_few_or_many() {
    let (_dir, _path, mut vault) = new_vault();
    // 60 entries, saved out of time order; "common" is in most, "rare" in one.
    let drafts: Vec<EntryDraft> = (0..60)
        .map(|i| {
            let day = 1 + (i * 7) % 28;
            let word = if i == 17 {
                "rare"
            } else if i % 5 == 0 {
                "other"
            } else {
                "common"
            };
            draft(
                Kind::Moment,
                &format!(r#"{{"occurred_at":"2026-11-{day:02} 10:00","text":"{word} note {i}"}}"#),
            )
        })
        .collect();
    vault.add_entries(drafts).unwrap();
    let reader = vault.reader().unwrap();
    let all = Filter::default();
    for word in ["common", "rare"] {
        let want: Vec<RecordId> = reader
            .list(&all)
            .filter(|e| e.text.starts_with(word))
            .map(|e| e.id)
            .collect();
        let got: Vec<RecordId> = reader.search(word, &all).iter().map(|e| e.id).collect();
        assert!(!want.is_empty());
        assert_eq!(got, want, "{word}");
    }
}

#[test]
fn editing_an_old_check_in_that_names_someone_keeps_them() {
    let (_dir, _path, mut vault) = new_vault();
    // Check-ins written before they stopped naming anyone come back in a dump with a person.
    let line = r#"{"id":"0123456789abcdef0123456789abcdef","kind":"wellbeing","mood":3,"person":"J.","occurred_at":"2026-11-20T10:00:00-05:00","created_at":"2026-11-20T10:00:00-05:00","updated_at":"2026-11-20T10:00:00-05:00"}"#;
    vault.import_jsonl(line).unwrap();
    let id = RecordId::from_hex("0123456789abcdef0123456789abcdef").unwrap();
    let before = vault.entry(&id).unwrap().person;
    assert!(before.is_some());
    // The app's check-in form sends no person.
    vault
        .update_entry(&id, draft(Kind::Wellbeing, r#"{"mood":4}"#))
        .unwrap();
    let after = vault.entry(&id).unwrap();
    assert_eq!(after.person, before);
    assert!(matches!(&after.details, Details::Wellbeing(w) if w.mood == Some(4)));
}

#[test]
fn a_word_the_worker_marks_is_removed_from_every_summary_until_forgotten() {
    use crate::summary::document::Options;
    let (_dir, path, mut vault) = new_vault();
    vault
        .add_entry(draft(
            Kind::Moment,
            r#"{"occurred_at": "2026-11-02 10:00", "share": true, "text": "we walked to the blue door cafe and talked"}"#,
        ))
        .unwrap();
    let options = Options::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let text = |vault: &mut Vault| vault.summary(&options).unwrap().narratives[0].text.clone();
    assert!(text(&mut vault).contains("blue door cafe"));
    vault.remember_removed_word("  Blue Door ").unwrap();
    vault.remember_removed_word("blue door").unwrap();
    assert_eq!(vault.removed_words().unwrap(), ["blue door"]);
    // Remembered in the vault: a reopened vault still removes it.
    vault.lock();
    let mut vault = Vault::open(&path, PASS).unwrap();
    let scrubbed = text(&mut vault);
    assert!(
        !scrubbed.contains("blue") && scrubbed.contains("cafe"),
        "{scrubbed}"
    );
    vault.forget_removed_word("BLUE door").unwrap();
    assert!(text(&mut vault).contains("blue door cafe"));
    assert_eq!(
        vault.remember_removed_word("   ").unwrap_err().field(),
        Some("word")
    );
}

#[test]
fn each_flagged_word_comes_with_why_and_the_words_around_it() {
    use crate::summary::document::Options;
    let (_dir, _path, mut vault) = new_vault();
    vault
        .add_entry(draft(
            Kind::Contact,
            r#"{"occurred_at": "2026-11-02 10:00", "share": true, "mode": "phone", "text": "met up w/ darnell at the drop in and we talked about housing"}"#,
        ))
        .unwrap();
    let options = Options::new(
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    );
    let summary = vault.summary(&options).unwrap();
    let flag = &summary.flags[0];
    assert_eq!(flag.word, "darnell");
    assert_eq!(flag.found, "darnell");
    assert_eq!(flag.before, "met up w/ ");
    assert!(flag.after.starts_with(" at the drop in"), "{flag:?}");
    assert_eq!(flag.why, crate::summary::scrub::Why::NameList);
}
