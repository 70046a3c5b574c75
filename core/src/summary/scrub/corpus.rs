//! The labelled corpora's format (`core/tests/data/scrub/`), read the same way by the
//! evaluation, the benchmark and the names model's training: one note per line, `#` lines are
//! comments, every identifying span marked `[[class:text]]`; beside them, the worker's people
//! list as JSON. Not for the app: it reads only test data.

use crate::person::Person;

/// One note of a corpus: its text as typed, and its marked spans (byte ranges, class).
pub struct Note {
    pub text: String,
    pub spans: Vec<(usize, usize, String)>,
}

/// The notes of a corpus file, marks taken out and kept as spans.
///
/// # Panics
/// On a mark that is not closed or has no class: a corpus is test data, fixed by hand.
pub fn parse(corpus: &str) -> Vec<Note> {
    let mut notes = Vec::new();
    for line in corpus.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut rest = line;
        while let Some(open) = rest.find("[[") {
            text.push_str(&rest[..open]);
            let inner = &rest[open + 2..];
            let close = inner.find("]]").expect("every [[ is closed");
            let (class, words) = inner[..close].split_once(':').expect("[[class:text]]");
            let start = text.len();
            text.push_str(words);
            spans.push((start, text.len(), class.to_string()));
            rest = &inner[close + 2..];
        }
        text.push_str(rest);
        notes.push(Note { text, spans });
    }
    notes
}

/// A corpus's people list: `[{"alias", "name", "details"}]`.
///
/// # Panics
/// On JSON not of that shape.
pub fn people_of(json: &str) -> Vec<Person> {
    #[derive(serde::Deserialize)]
    struct Entry {
        alias: String,
        name: Option<String>,
        details: Option<String>,
    }
    let list: Vec<Entry> = serde_json::from_str(json).expect("a people list");
    list.into_iter()
        .map(|e| Person {
            id: crate::RecordId::random(),
            alias: e.alias,
            name: e.name,
            details: e.details,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        })
        .collect()
}
