//! Supervision summaries from the vault: building one, saving it with its record, and the list
//! of summaries saved so far.

use std::path::Path;

use crate::entry::Entry;
use crate::error::{Error, Result};
use crate::store::Table;
use crate::summary::output::AgeTo;
use crate::summary::record::{ExportRecord, Format};

use super::{Filter, Vault};

impl Vault {
    /// A supervision summary of the period in `options` (see [`crate::summary`]).
    pub fn summary(
        &mut self,
        options: &crate::summary::document::Options,
    ) -> Result<crate::summary::document::Summary> {
        let filter = Filter {
            from: Some(options.from),
            to: Some(options.to),
            ..Filter::default()
        };
        // The words the worker asked always to remove go into every summary.
        let mut options = options.clone();
        options.remove.extend(self.removed_words()?);
        let reader = self.reader()?;
        let entries: Vec<&Entry> = reader.list(&filter).collect();
        crate::summary::document::build(entries.iter().copied(), reader.people(), &options)
    }

    /// Builds the summary for `options`, writes it to `out` as `format` (a report in `language`;
    /// encrypted with age when
    /// `to` is given) via a temporary file, fsync and rename, and records the export in the
    /// vault. If the record cannot be saved, the file is removed again: no summary leaves
    /// without a trace in the vault.
    pub fn export_summary(
        &mut self,
        options: &crate::summary::document::Options,
        format: Format,
        language: crate::i18n::Language,
        to: Option<&AgeTo>,
        out: &Path,
    ) -> Result<(crate::summary::document::Summary, ExportRecord)> {
        if would_replace_vault_files(out, self.path()) {
            return Err(Error::invalid("out", "out_is_vault"));
        }
        let summary = self.summary(options)?;
        let contents = crate::summary::output::render(&summary, format, language, to)?;
        crate::summary::output::write_file(out, &contents)?;
        let record = ExportRecord::new(&summary, options, format, language, to, out, &contents);
        let saved = self
            .seal_record(Table::Exports, record.id, &record)
            .and_then(|w| self.store.write(&[w]));
        if let Err(e) = saved {
            let _ = std::fs::remove_file(out);
            return Err(e);
        }
        Ok((summary, record))
    }

    /// Every summary saved from this vault, newest first. Unreadable records are reported in
    /// [`Vault::damaged`] and left out.
    pub fn exports(&mut self) -> Result<Vec<ExportRecord>> {
        let mut records: Vec<ExportRecord> = self.open_all(Table::Exports)?;
        records.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
        Ok(records)
    }
}

/// True when writing `out` would replace the vault at `vault`, one of SQLite's files beside it,
/// or the app's settings: a save dialog can point anywhere, and a rename over the vault would
/// leave the open vault writing to a file that no longer has a name.
fn would_replace_vault_files(out: &Path, vault: &Path) -> bool {
    fn place(p: &Path) -> Option<std::path::PathBuf> {
        if let Ok(full) = p.canonicalize() {
            return Some(full);
        }
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    }
    let (Some(out), Some(vault)) = (place(out), place(vault)) else {
        return false;
    };
    let Some(name) = vault.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    let guarded = [
        name.clone(),
        format!("{name}-wal"),
        format!("{name}-shm"),
        format!("{name}-journal"),
        "settings.json".to_string(),
    ];
    out.parent() == vault.parent()
        && out
            .file_name()
            .is_some_and(|n| guarded.iter().any(|g| n.to_string_lossy() == *g))
}
