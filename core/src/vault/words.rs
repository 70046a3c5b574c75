//! Words the worker asked summaries always to remove: one they saw slip through a preview (a
//! nickname, a street, a workplace), remembered in the vault, sealed like any record, so the
//! next summary removes it too. Kept folded, as the scrubber compares words.

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::{Error, Result};
use crate::id::RecordId;
use crate::store::{Table, Write};

use super::Vault;
use super::records::HasId;

/// Longest word or phrase remembered, in characters.
pub const MAX_WORD_CHARS: usize = 80;

#[derive(Serialize, Deserialize)]
struct WordRecord {
    #[serde(skip)]
    id: RecordId,
    word: String,
}

impl Drop for WordRecord {
    fn drop(&mut self) {
        self.word.zeroize();
    }
}

impl HasId for WordRecord {
    fn set_id(&mut self, id: RecordId) {
        self.id = id;
    }
}

/// A word as remembered: folded word by word as the scrubber reads notes.
fn normalize(word: &str) -> Result<String> {
    if word.trim().chars().count() > MAX_WORD_CHARS {
        return Err(Error::invalid("word", "too_long").with("max", MAX_WORD_CHARS));
    }
    let folded = crate::summary::scrub::fold_words(word);
    if folded.is_empty() {
        return Err(Error::invalid("word", "missing_field"));
    }
    Ok(folded)
}

impl Vault {
    fn word_records(&mut self) -> Result<Vec<WordRecord>> {
        self.open_all(Table::Words)
    }

    /// The words summaries always remove, sorted.
    pub fn removed_words(&mut self) -> Result<Vec<String>> {
        // Folded again on reading, so a word kept by an older fold still matches.
        let mut out: Vec<String> = self
            .word_records()?
            .iter()
            .filter_map(|w| normalize(&w.word).ok())
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Remembers `word` for every summary from now on; remembering it twice keeps one.
    pub fn remember_removed_word(&mut self, word: &str) -> Result<()> {
        let word = normalize(word)?;
        if self
            .word_records()?
            .iter()
            .any(|w| normalize(&w.word).is_ok_and(|old| old == word))
        {
            return Ok(());
        }
        let id = RecordId::random();
        let write = self.seal_record(Table::Words, id, &WordRecord { id, word })?;
        self.store.write(&[write])
    }

    /// Forgets `word`: summaries weigh it again like any other.
    pub fn forget_removed_word(&mut self, word: &str) -> Result<()> {
        let word = normalize(word)?;
        let writes: Vec<Write> = self
            .word_records()?
            .iter()
            .filter(|w| normalize(&w.word).is_ok_and(|old| old == word))
            .map(|w| Write::Delete {
                table: Table::Words,
                id: w.id,
            })
            .collect();
        if writes.is_empty() {
            return Ok(());
        }
        self.store.write(&writes)
    }
}
