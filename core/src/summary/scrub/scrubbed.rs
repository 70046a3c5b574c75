//! What scrubbing gives back: the text with its spans replaced, what each span was, and the
//! words taken for names with their context, for the worker's review.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Why;

/// What a removed span was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Email,
    Link,
    Handle,
    Phone,
    Address,
    PostalCode,
    IdNumber,
    Date,
    Plate,
    CaseNumber,
    Age,
    Institution,
    Place,
    KnownPerson,
    PrivateDetail,
    LikelyName,
}

impl Class {
    /// What the reader sees in place of the removed text.
    pub fn placeholder(self) -> &'static str {
        match self {
            Class::Email => "[email]",
            Class::Link => "[link]",
            Class::Handle => "[handle]",
            Class::Phone => "[phone]",
            Class::Address => "[address]",
            Class::PostalCode => "[postal code]",
            Class::IdNumber => "[number]",
            Class::Date => "[date]",
            Class::Plate => "[plate]",
            Class::CaseNumber => "[file number]",
            Class::Age => "[age]",
            Class::Institution => "[place name]",
            Class::Place => "[place]",
            Class::KnownPerson => "[person]",
            Class::PrivateDetail => "[detail]",
            Class::LikelyName => "[name]",
        }
    }
}

/// The result of scrubbing one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scrubbed {
    pub text: String,
    /// How many spans of each class were removed.
    pub removed: BTreeMap<Class, usize>,
    /// Words that looked like names, whether removed or kept.
    pub flagged: BTreeSet<String>,
    /// What was removed, as byte ranges of the text given, in order.
    pub spans: Vec<Span>,
    /// Each word taken for a name, with why and the words around it, for the worker's review.
    pub flags: Vec<Flag>,
}

/// A word taken for a name, as the worker reviews it: the word (folded, as `keep` takes it),
/// why, and the words around it as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub word: String,
    pub why: Why,
    pub before: String,
    pub found: String,
    pub after: String,
}

/// Where a context of up to `n` characters before byte `at` starts, at a word.
pub(super) fn context_start(text: &str, at: usize, n: usize) -> usize {
    let head = &text[..at];
    let start = head.char_indices().rev().nth(n).map_or(0, |(i, _)| i);
    if start == 0 {
        return 0;
    }
    head[start..]
        .find(char::is_whitespace)
        .map_or(start, |w| start + w)
}

/// Where a context of up to `n` characters after byte `at` ends, at a word.
pub(super) fn context_end(text: &str, at: usize, n: usize) -> usize {
    let tail = &text[at..];
    let Some((end, _)) = tail.char_indices().nth(n) else {
        return text.len();
    };
    at + tail[..end].rfind(char::is_whitespace).unwrap_or(end)
}

/// A removed part of a text: its byte range in the text given and what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub class: Class,
}
