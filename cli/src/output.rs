//! How results look on the terminal, and as JSON for scripts.
//!
//! Everything meant for standard output is written to the `out` it is given, and every write's
//! error is returned: a reader that goes away (`tandem list | head -1`) must end tandem quietly,
//! which a `println!` cannot do (it panics). Notes for the person at the terminal go to stderr.

use std::io::{self, Write};
use std::path::Path;

use serde_json::Value;
use tandem_core::vault::{DamagedRecord, entry_json};
use tandem_core::{Entry, Person, RecordId, RecoveryKey};

/// Longest first line shown per entry in a listing, in characters.
const PREVIEW_CHARS: usize = 60;

/// Writes entries one per line (id prefix, local time, kind, person, first words), or a JSON
/// array.
pub fn entries<'p>(
    out: &mut impl Write,
    entries: &[&Entry],
    person: impl Fn(&RecordId) -> Option<&'p Person>,
    json: bool,
) -> io::Result<()> {
    if json {
        let all: Vec<Value> = entries
            .iter()
            .map(|e| entry_json(e, e.person.and_then(|p| person(&p))))
            .collect();
        return writeln!(out, "{}", Value::Array(all));
    }
    if entries.is_empty() {
        eprintln!("No entries to show.");
    }
    for e in entries {
        let alias = e
            .person
            .and_then(|p| person(&p))
            .map(|p| p.alias.as_str())
            .unwrap_or("-");
        let first_line = e.text.lines().next().unwrap_or("");
        let mut preview: String = first_line.chars().take(PREVIEW_CHARS).collect();
        if first_line.chars().count() > PREVIEW_CHARS || e.text.lines().nth(1).is_some() {
            preview.push('…');
        }
        writeln!(
            out,
            "{}  {}  {:<9}  {:<10}  {}",
            &e.id.to_hex()[..8],
            e.occurred_at.format("%Y-%m-%d %H:%M"),
            e.kind().code(),
            alias,
            preview
        )?;
    }
    Ok(())
}

/// Writes one entry in full: a field per line, or JSON.
pub fn entry_detail(
    out: &mut impl Write,
    entry: &Entry,
    person: Option<&Person>,
    json: bool,
) -> io::Result<()> {
    let value = entry_json(entry, person);
    if json {
        return writeln!(out, "{value}");
    }
    let Value::Object(map) = value else {
        unreachable!("entry_json returns an object")
    };
    for (key, v) in map {
        let shown = match v {
            Value::Null => continue,
            Value::Array(a) if a.is_empty() => continue,
            Value::String(s) if s.is_empty() => continue,
            Value::String(s) => s,
            Value::Array(a) => a
                .iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect::<Vec<_>>()
                .join(", "),
            other => other.to_string(),
        };
        if key == "text" {
            writeln!(out, "text:\n{shown}")?;
        } else {
            writeln!(out, "{key}: {shown}")?;
        }
    }
    Ok(())
}

/// Writes the people list.
pub fn people(out: &mut impl Write, people: &[Person], json: bool) -> io::Result<()> {
    if json {
        let all: Vec<Value> = people
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p.id.to_hex(), "alias": p.alias, "name": p.name, "details": p.details,
                })
            })
            .collect();
        return writeln!(out, "{}", Value::Array(all));
    }
    for p in people {
        match &p.name {
            Some(name) => writeln!(out, "{}  {}  ({})", &p.id.to_hex()[..8], p.alias, name)?,
            None => writeln!(out, "{}  {}", &p.id.to_hex()[..8], p.alias)?,
        }
    }
    Ok(())
}

/// Tells the worker, on stderr, about records that could not be read.
pub fn warn_damaged(damaged: &[DamagedRecord]) {
    if damaged.is_empty() {
        return;
    }
    let ids: Vec<&str> = damaged.iter().map(|d| d.id.as_str()).collect();
    eprintln!(
        "tandem: warning: {} record(s) could not be decrypted and were set aside, the rest are \
         shown; damaged: {}",
        damaged.len(),
        ids.join(", ")
    );
}

/// Shows the recovery key once, with what it is for and what losing it means.
pub fn recovery_key(out: &mut impl Write, path: &Path, key: &RecoveryKey) -> io::Result<()> {
    writeln!(out, "Created your vault at {}.", path.display())?;
    writeln!(out)?;
    writeln!(out, "Your recovery key (shown only this once):")?;
    writeln!(out)?;
    writeln!(out, "    {}", &*key.display())?;
    writeln!(out)?;
    writeln!(
        out,
        "Write it down or print it, and keep it away from this device."
    )?;
    writeln!(out, "It opens the vault if you forget your passphrase.")?;
    writeln!(
        out,
        "If you lose both the passphrase and this key, nobody can open the vault: not you,"
    )?;
    writeln!(out, "not Tandem, not anyone. There is no reset.")
}

/// Writes the record of saved summaries: one line each, newest first, or JSON.
pub fn exports(
    out: &mut impl Write,
    records: &[tandem_core::summary::record::ExportRecord],
    json: bool,
) -> io::Result<()> {
    use tandem_core::summary::record::Encryption;
    if json {
        let all: Vec<Value> = records.iter().map(|r| r.to_json()).collect();
        return writeln!(out, "{}", Value::Array(all));
    }
    if records.is_empty() {
        eprintln!("No summaries saved yet.");
    }
    for r in records {
        let sealed = match &r.encryption {
            Encryption::None => "not encrypted".to_string(),
            Encryption::Passphrase => "age, passphrase".to_string(),
            Encryption::Recipient { key } => format!("age, to {}…", &key[..key.len().min(12)]),
        };
        writeln!(
            out,
            "{}  {} to {}  {} ({sealed})  {}  sha256 {}",
            r.saved_at
                .with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M"),
            r.from,
            r.to,
            r.format.extension(),
            r.path,
            r.sha256
        )?;
    }
    Ok(())
}
