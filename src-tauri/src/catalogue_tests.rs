//! The core's catalogues against the UI's own code and the core's vocabularies: every key the UI
//! names must exist in English and French, and every vocabulary code the core accepts must have a
//! label in both.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui")
}

/// The core's catalogue for `lang`, which the UI receives through the `catalogue` command.
fn catalogue(lang: &str) -> Map<String, Value> {
    let lang = tandem_core::i18n::Language::parse("lang", lang).unwrap();
    tandem_core::i18n::catalogue(lang).clone()
}

fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// Single-quoted literals shaped like catalogue keys (`timeline.title`), as the UI writes them.
fn key_literals(source: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (i, part) in source.split('\'').enumerate() {
        let shaped = part.split('.').count() >= 2
            && part
                .split('.')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        if i % 2 == 1 && shaped {
            keys.insert(part.to_string());
        }
    }
    keys
}

#[test]
fn english_and_french_catalogues_have_the_same_keys_and_no_empty_text() {
    let (en, fr) = (catalogue("en"), catalogue("fr"));
    let en_keys: BTreeSet<_> = en.keys().collect();
    let fr_keys: BTreeSet<_> = fr.keys().collect();
    assert_eq!(
        en_keys.symmetric_difference(&fr_keys).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys in one catalogue only"
    );
    for (lang, cat) in [("en", &en), ("fr", &fr)] {
        for (k, v) in cat {
            assert!(
                v.as_str().is_some_and(|s| !s.trim().is_empty()),
                "{lang}: {k} is empty"
            );
        }
    }
}

#[test]
fn every_vocabulary_code_and_entry_field_has_a_label_in_both_languages() {
    for lang in ["en", "fr"] {
        let cat = catalogue(lang);
        for (field, codes) in tandem_core::vocab::fields() {
            for code in codes {
                assert!(
                    cat.contains_key(&format!("{field}.{code}")),
                    "{lang}: no label for {field}.{code}"
                );
            }
        }
        for kind in tandem_core::Kind::ALL {
            for field in tandem_core::Details::fields(*kind).iter().chain(&[
                "occurred_at",
                "person",
                "text",
                "tags",
                "share",
            ]) {
                assert!(
                    cat.contains_key(&format!("field.{field}")),
                    "{lang}: no label for field.{field}"
                );
            }
        }
        for kind in [
            "wrong_passphrase",
            "wrong_recovery_key",
            "malformed_recovery_key",
            "disk_full",
            "wrong_summary_key",
            "busy",
            "locked",
            "internal",
        ] {
            assert!(
                cat.contains_key(&format!("error.{kind}")),
                "{lang}: error.{kind}"
            );
        }
    }
}

#[test]
fn every_key_the_ui_code_names_is_in_the_catalogues() {
    let en = catalogue("en");
    let mut files = Vec::new();
    js_files(&ui_dir(), &mut files);
    assert!(files.len() >= 8, "the UI's modules were not found");
    let mut missing = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for key in key_literals(&source) {
            if !en.contains_key(&key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys used but not in the catalogues: {missing:#?}"
    );
}
