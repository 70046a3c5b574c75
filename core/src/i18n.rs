//! The translation catalogues in `ui/i18n/` (strict JSON after `export default`), embedded so the
//! summary report is written in the worker's language. The app's UI reads the same files: every
//! sentence people read, on screen or in a report, is written once, there.

use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A language Tandem speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    /// Reads `en` or `fr`; `field` names the option in the error.
    pub fn parse(field: &str, text: &str) -> Result<Language> {
        match text.trim() {
            "en" => Ok(Language::En),
            "fr" => Ok(Language::Fr),
            other => Err(Error::invalid(
                field,
                format!("unknown language {other:?}; expected en or fr"),
            )),
        }
    }

    /// The language's code, as HTML's `lang` wants it.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }
}

fn parse(name: &str, text: &str) -> Map<String, Value> {
    let body = text
        .split_once("export default ")
        .map(|(_, b)| b.trim_end().trim_end_matches(';'))
        .unwrap_or_else(|| panic!("{name} does not start with `export default`"));
    match serde_json::from_str(body) {
        Ok(Value::Object(map)) => map,
        _ => panic!("{name} is not a JSON object after `export default`"),
    }
}

static EN: LazyLock<Map<String, Value>> =
    LazyLock::new(|| parse("en.js", include_str!("../../ui/i18n/en.js")));
static FR: LazyLock<Map<String, Value>> =
    LazyLock::new(|| parse("fr.js", include_str!("../../ui/i18n/fr.js")));

/// The text for `key` in `lang` (English if missing there, the key itself if missing in both),
/// with each `{name}` filled from `params`.
pub fn t(lang: Language, key: &str, params: &[(&str, String)]) -> String {
    let catalogue = match lang {
        Language::En => &*EN,
        Language::Fr => &*FR,
    };
    let mut text = catalogue
        .get(key)
        .or_else(|| EN.get(key))
        .and_then(Value::as_str)
        .unwrap_or(key)
        .to_string();
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The label of a vocabulary code (`label(Fr, "mode", "phone")`), falling back to the code.
pub fn label(lang: Language, field: &str, code: &str) -> String {
    let key = format!("{field}.{code}");
    let text = t(lang, &key, &[]);
    if text == key { code.to_string() } else { text }
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
            "summary.period",
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
    fn an_unknown_language_is_named_in_the_error() {
        let e = Language::parse("--language", "de").unwrap_err().to_string();
        assert!(e.contains("--language") && e.contains("en or fr"), "{e}");
    }
}
