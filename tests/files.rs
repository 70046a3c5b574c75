//! Files that are not vaults, and vaults someone tampered with, met through the CLI.

use rusqlite::Connection;

use crate::{Env, files_in};

#[test]
fn empty_truncated_and_foreign_files_are_refused_and_left_untouched() {
    let good = Env::with_vault();
    good.add("moment", r#"{"text":"something"}"#);
    let whole = good.vault_bytes();

    let env = Env::empty();
    let sqlite = env.dir.path().join("other.db");
    Connection::open(&sqlite)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let foreign_db = std::fs::read(&sqlite).unwrap();
    std::fs::remove_file(&sqlite).unwrap();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("empty", vec![], "the file is empty"),
        (
            "notes",
            b"my shopping list\n".repeat(500),
            "it is not a database file",
        ),
        (
            "foreign",
            foreign_db,
            "it is a database made by another program",
        ),
        ("truncated", whole[..whole.len() / 2].to_vec(), "damaged"),
    ];
    for (name, bytes, reason) in cases {
        std::fs::write(&env.vault, &bytes).unwrap();
        let before = files_in(env.dir.path());
        for args in [
            &["list"][..],
            &["add", "moment", "--json", r#"{"text":"x"}"#],
            &["init"],
        ] {
            let err = env.fail(args);
            let expected = if args == ["init"] {
                "already exists"
            } else {
                reason
            };
            assert!(err.contains(expected), "{name} {args:?}: {err}");
            assert_eq!(std::fs::read(&env.vault).unwrap(), bytes, "{name} changed");
            assert_eq!(
                files_in(env.dir.path()),
                before,
                "{name}: files left behind"
            );
        }
    }
}

#[test]
fn a_damaged_record_is_reported_and_list_still_shows_the_rest() {
    let env = Env::with_vault();
    let ids: Vec<String> = (0..3)
        .map(|i| env.add("moment", &format!(r#"{{"text":"moment {i}"}}"#)))
        .collect();
    {
        // Appending with || also turns the blob into text: both the content and the column type
        // are wrong, and neither may stop the other entries from loading.
        let conn = Connection::open(&env.vault).unwrap();
        conn.execute(
            "UPDATE entries SET ciphertext = CAST(ciphertext AS BLOB) || x'00' WHERE id = ?1",
            [hex(&ids[1])],
        )
        .unwrap();
    }
    let out = env.run(&["list"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stdout.contains(&ids[0][..8]) && stdout.contains(&ids[2][..8]),
        "{stdout}"
    );
    assert!(!stdout.contains(&ids[1][..8]));
    assert!(stderr.contains("could not be decrypted"), "{stderr}");
    assert!(stderr.contains(&ids[1]), "{stderr}");
    let err = env.fail(&["show", &ids[1]]);
    assert!(err.contains("cannot be decrypted"), "{err}");
}

fn hex(id: &str) -> Vec<u8> {
    (0..id.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&id[i..i + 2], 16).unwrap())
        .collect()
}
