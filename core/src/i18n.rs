//! Every sentence Tandem shows people, in English and French: the catalogues in `core/i18n/`
//! (one JSON object of key to text per language), embedded at compile time. The app's UI asks
//! the shell for its language's catalogue; the command line and the summary report read them
//! here. Errors are turned into words here too, for each audience (see [`app_message`] and
//! [`cli_message`]).

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::error::{Error, Problem, Result};

/// A language Tandem speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    /// Every language there is a catalogue for, in the order the settings offer them.
    pub const ALL: &'static [Language] = &[Language::En, Language::Fr];

    /// Reads `en` or `fr`; `field` names the option in the error.
    pub fn parse(field: &str, text: &str) -> Result<Language> {
        Language::ALL
            .iter()
            .copied()
            .find(|l| l.code() == text.trim())
            .ok_or_else(|| Error::invalid(field, "unknown_value").with("allowed", codes()))
    }

    /// The language's code, as HTML's `lang` wants it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }
}

fn codes() -> String {
    Language::ALL
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse(name: &str, text: &str) -> Map<String, Value> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        _ => panic!("{name} is not a JSON object"),
    }
}

static EN: LazyLock<Map<String, Value>> =
    LazyLock::new(|| parse("en.json", include_str!("../i18n/en.json")));
static FR: LazyLock<Map<String, Value>> =
    LazyLock::new(|| parse("fr.json", include_str!("../i18n/fr.json")));

/// The whole catalogue of `lang`, for the app's UI (which looks its strings up by key).
pub fn catalogue(lang: Language) -> &'static Map<String, Value> {
    match lang {
        Language::En => &EN,
        Language::Fr => &FR,
    }
}

/// The text for `key` in `lang`, English if missing there, `None` if missing in both.
pub fn lookup(lang: Language, key: &str) -> Option<&'static str> {
    catalogue(lang)
        .get(key)
        .or_else(|| EN.get(key))
        .and_then(Value::as_str)
}

fn fill(mut text: String, params: &[(&str, String)]) -> String {
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The text for `key` in `lang` (English if missing there, the key itself if missing in both),
/// with each `{name}` filled from `params`.
pub fn t(lang: Language, key: &str, params: &[(&str, String)]) -> String {
    fill(lookup(lang, key).unwrap_or(key).to_string(), params)
}

/// The label of a vocabulary code (`label(Fr, "mode", "phone")`), falling back to the code.
pub fn label(lang: Language, field: &str, code: &str) -> String {
    lookup(lang, &format!("{field}.{code}"))
        .map(str::to_string)
        .unwrap_or_else(|| code.to_string())
}

/// The entry field an error's field path points into: `line 3: domains[1]` is `domains`.
pub fn field_root(field: &str) -> &str {
    let last = field.rsplit(": ").next().unwrap_or(field);
    last.split(['[', '.']).next().unwrap_or(last)
}

/// A refused input as the command line says it: the field as typed on the command line or in
/// the JSON, then what is allowed, in `lang`.
pub fn cli_invalid(lang: Language, field: &str, problem: &Problem) -> String {
    let key = format!("cli.problem.{}", problem.key);
    // A key with no sentence of its own is read as the sentence itself.
    let text = fill(
        lookup(lang, &key).unwrap_or(&problem.key).to_string(),
        &problem.params,
    );
    if field.is_empty() {
        text
    } else {
        format!("{field}: {text}")
    }
}

/// The parameters a non-input error's sentence may use.
fn error_params(e: &Error) -> Vec<(&'static str, String)> {
    match e {
        Error::MalformedRecoveryKey(detail)
        | Error::Damaged { detail }
        | Error::Storage(detail) => {
            vec![("detail", detail.clone())]
        }
        Error::NoVault(path) | Error::AlreadyExists(path) => {
            vec![("path", path.display().to_string())]
        }
        Error::NotAVault { path, reason } => vec![
            ("path", path.display().to_string()),
            ("reason", reason.clone()),
        ],
        Error::TooNew { found, supported } => vec![
            ("found", found.to_string()),
            ("supported", supported.to_string()),
        ],
        Error::WrongSummaryKey(file) => vec![("file", file.clone())],
        Error::NotFound { id, .. } | Error::AmbiguousId(id) => vec![("id", id.clone())],
        Error::Io { context, source } => {
            vec![("context", context.clone()), ("detail", source.to_string())]
        }
        _ => Vec::new(),
    }
}

/// An error as the command line prints it, in `lang`: input errors name the field and the
/// allowed values; the others say what happened and, where it helps, what to do.
pub fn cli_message(lang: Language, e: &Error) -> String {
    if let Error::Invalid { field, problem } = e {
        return cli_invalid(lang, field, problem);
    }
    let key = match e {
        Error::NotFound { what, .. } => format!("cli.error.not_found.{}", what.replace(' ', "_")),
        _ => format!("cli.error.{}", e.kind()),
    };
    t(lang, &key, &error_params(e))
}

/// An error as the app shows it, in a peer worker's words: never a code, a field name or what
/// was typed. An input error reads the field's own sentence (`problem.required.category`:
/// "Choose what kind of boundary issue this was.") when there is one, else the problem's.
pub fn app_message(lang: Language, e: &Error) -> String {
    match e {
        Error::Invalid { field, problem } => {
            let specific = format!("problem.{}.{}", problem.key, field_root(field));
            let general = format!("problem.{}", problem.key);
            let text = lookup(lang, &specific)
                .or_else(|| lookup(lang, &general))
                .unwrap_or_else(|| lookup(lang, "problem.other").unwrap_or("problem.other"));
            fill(text.to_string(), &problem.params)
        }
        Error::NotFound { what, .. } => {
            let key = format!("error.not_found.{}", what.replace(' ', "_"));
            lookup(lang, &key)
                .or_else(|| lookup(lang, "error.not_found"))
                .unwrap_or("error.not_found")
                .to_string()
        }
        other => t(
            lang,
            &format!("error.{}", other.kind()),
            &error_params(other),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_load_and_fill_their_placeholders() {
        assert_eq!(
            label(Language::Fr, "mode", "phone"),
            t(Language::Fr, "mode.phone", &[])
        );
        assert_ne!(
            label(Language::Fr, "mode", "phone"),
            label(Language::En, "mode", "phone")
        );
        let text = t(
            Language::En,
            "summary.period_weeks",
            &[
                ("first", "2026-W45".into()),
                ("last", "2026-W48".into()),
                ("k", "5".into()),
            ],
        );
        assert!(
            text.contains("2026-W45") && text.contains('5') && !text.contains('{'),
            "{text}"
        );
        assert_eq!(label(Language::En, "mode", "no_such_code"), "no_such_code");
    }

    #[test]
    fn an_unknown_language_is_named_in_the_error_with_the_allowed_ones() {
        let e = Language::parse("--language", "de").unwrap_err().to_string();
        assert!(e.starts_with("--language: ") && e.contains("en, fr"), "{e}");
        assert!(!e.contains("de"), "the typed value is not repeated: {e}");
    }

    #[test]
    fn english_and_french_catalogues_have_the_same_keys_and_no_empty_text() {
        let en: Vec<&String> = EN.keys().collect();
        let fr: Vec<&String> = FR.keys().collect();
        let only_en: Vec<_> = en.iter().filter(|k| !FR.contains_key(**k)).collect();
        let only_fr: Vec<_> = fr.iter().filter(|k| !EN.contains_key(**k)).collect();
        assert!(
            only_en.is_empty() && only_fr.is_empty(),
            "{only_en:?} {only_fr:?}"
        );
        for (lang, cat) in [("en", &*EN), ("fr", &*FR)] {
            for (k, v) in cat {
                assert!(
                    v.as_str().is_some_and(|s| !s.trim().is_empty()),
                    "{lang}: {k} is empty"
                );
            }
        }
    }

    /// Every message key given to `Error::invalid` in the workspace's Rust code.
    fn problem_keys_used() -> std::collections::BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["core/src", "cli/src", "src-tauri/src"] {
            walk(&root.join(dir), &mut files);
        }
        let call = regex::Regex::new(r#"Error::invalid\(\s*[^;]*?,\s*"([^"]*)"\s*\)"#).unwrap();
        let mut keys = std::collections::BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for c in call.captures_iter(&text) {
                keys.insert(c[1].to_string());
            }
        }
        keys
    }

    #[test]
    fn every_problem_the_code_raises_has_words_for_the_app_and_the_command_line() {
        let keys = problem_keys_used();
        assert!(keys.contains("out_of_range") && keys.len() > 30, "{keys:?}");
        for key in keys {
            for lang in Language::ALL {
                let cat = catalogue(*lang);
                assert!(
                    cat.contains_key(&format!("cli.problem.{key}")),
                    "{lang:?}: cli.problem.{key}"
                );
                assert!(
                    cat.contains_key(&format!("problem.{key}")),
                    "{lang:?}: problem.{key}"
                );
            }
        }
    }

    #[test]
    fn the_apps_words_never_show_a_code_a_field_name_or_a_placeholder_left_unfilled() {
        let placeholders = regex::Regex::new(r"\{(\w+)\}").unwrap();
        for lang in Language::ALL {
            for (key, text) in catalogue(*lang) {
                let text = text.as_str().unwrap();
                if key.starts_with("problem.") || key.starts_with("error.") {
                    assert!(!text.contains('_'), "{key}: {text}");
                    for p in placeholders.captures_iter(text) {
                        assert!(
                            ["min", "max", "file"].contains(&&p[1]),
                            "{key} shows {{{}}}, which may hold a code or a path",
                            &p[1]
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn field_roots_strip_lines_and_indexes() {
        assert_eq!(field_root("line 3: domains[1]"), "domains");
        assert_eq!(field_root("mood"), "mood");
        assert_eq!(field_root(""), "");
    }
}
