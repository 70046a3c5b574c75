//! `tandem`: the command line over tandem-core.
//!
//! A front door only: it reads arguments, passphrases and files, calls one core operation, and
//! prints the result. Every rule about entries, keys and the vault lives in the core. Errors leave
//! as one line on stderr and a non-zero exit code.

#![forbid(unsafe_code)]

mod args;
mod output;
mod secrets;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use tandem_core::entry::EntryDraft;
use tandem_core::vault::FilterText;
use tandem_core::{Error, Kind, PersonDraft, Vault};

use args::{AgendaCommand, Cli, Command, ListArgs, PeopleCommand};

/// Largest JSON document `add` reads, so a runaway pipe cannot fill memory.
const MAX_ENTRY_JSON: u64 = 1 << 20;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return args::report_usage_error(e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tandem: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The vault path: `--vault`, else `TANDEM_VAULT` (both handled by clap), else the platform's
/// data directory.
fn vault_path(cli: &Cli) -> Result<PathBuf, Error> {
    if let Some(p) = &cli.vault {
        return Ok(p.clone());
    }
    tandem_core::vault::default_path().ok_or_else(|| {
        Error::invalid(
            "--vault",
            "no home folder found for the default vault; pass --vault PATH",
        )
    })
}

fn unlock(cli: &Cli, path: &Path) -> Result<Vault, Error> {
    if !path.exists() {
        return Err(Error::NoVault(path.to_path_buf()));
    }
    if cli.recovery {
        let key = secrets::recovery_key()?;
        Vault::open_with_recovery(path, &key)
    } else {
        let passphrase = secrets::passphrase("TANDEM_PASSPHRASE", "Passphrase: ")?;
        Vault::open(path, &passphrase)
    }
}

/// The core names options as fields (`age_recipient`); on the command line they are flags.
fn as_flag(e: Error) -> Error {
    match e {
        Error::Invalid { field, message } => Error::Invalid {
            field: format!("--{}", field.replace('_', "-")),
            message,
        },
        other => other,
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let path = vault_path(&cli)?;
    match &cli.command {
        Command::Init => init(&path),
        Command::Add { kind, json } => {
            let text = match json {
                Some(j) => j.clone(),
                None => read_stdin_json()?,
            };
            // Check the entry before asking for the passphrase: a typo costs no key derivation.
            let draft = EntryDraft::from_json(&text, Some(kind.0), false)?;
            let mut vault = unlock(&cli, &path)?;
            let id = vault.add_entry(draft)?;
            println!("{id}");
            Ok(())
        }
        Command::Import { file } => {
            let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
                context: format!("cannot read {}", file.display()),
                source,
            })?;
            let mut vault = unlock(&cli, &path)?;
            let ids = vault.import_jsonl(&text)?;
            println!(
                "Imported {} {}.",
                ids.len(),
                if ids.len() == 1 { "entry" } else { "entries" }
            );
            Ok(())
        }
        Command::List(list) => {
            let mut vault = unlock(&cli, &path)?;
            let filter = vault.filter(&filter_text(list), "--")?;
            let reader = vault.reader()?;
            let entries: Vec<_> = reader
                .list(&filter)
                .take(list.limit.unwrap_or(usize::MAX))
                .collect();
            output::entries(&entries, |id| reader.person(id), list.json);
            output::warn_damaged(vault.damaged());
            Ok(())
        }
        Command::Search { query, filters } => {
            let mut vault = unlock(&cli, &path)?;
            let filter = vault.filter(&filter_text(filters), "--")?;
            // One pass over the file that keeps only the matches: faster, and far lighter on
            // memory, than loading every entry for a single search.
            let mut hits = vault.search_entries(query, &filter)?;
            hits.truncate(filters.limit.unwrap_or(usize::MAX));
            let hits: Vec<&tandem_core::Entry> = hits.iter().collect();
            output::entries(&hits, |id| vault.person(id), filters.json);
            output::warn_damaged(vault.damaged());
            Ok(())
        }
        Command::Export {
            from,
            to,
            out,
            format,
            without,
            language,
            k,
            age_recipient,
            age_passphrase,
        } => {
            use tandem_core::i18n::Language;
            use tandem_core::summary::document::{Include, Options};
            use tandem_core::summary::{output, record::Format};
            let mut options = Options::new(
                tandem_core::entry::parse_date("--from", from)?,
                tandem_core::entry::parse_date("--to", to)?,
            );
            options.k = *k;
            options.include = Include::without(without.iter().map(String::as_str), "--without")?;
            // Who can open the file is settled before the vault is unlocked.
            let age_to = match (age_recipient, age_passphrase) {
                (Some(key), _) => Some(output::AgeTo::Recipient(key.clone())),
                (None, true) => Some(output::AgeTo::Passphrase(secrets::new_passphrase(
                    "TANDEM_AGE_PASSPHRASE",
                    "Passphrase for the summary file: ",
                )?)),
                (None, false) => None,
            };
            if let Some(to) = &age_to {
                to.check().map_err(as_flag)?;
            }
            let format = Format::parse("--format", format)?;
            // Without --language, a report is in the language chosen in the app's settings.
            let language = match language {
                Some(code) => Language::parse("--language", code)?,
                None => tandem_core::settings::Settings::load(
                    &tandem_core::settings::Settings::path_for(&path),
                )
                .ok()
                .and_then(|s| Language::parse("", &s.language).ok())
                .unwrap_or_default(),
            };
            let mut vault = unlock(&cli, &path)?;
            let (summary, _) = vault
                .export_summary(&options, format, language, age_to.as_ref(), out)
                .map_err(as_flag)?;
            println!(
                "Saved the summary to {}: {} shared {}, {} possible {} removed, {} small {} withheld.",
                out.display(),
                summary.narratives.len(),
                if summary.narratives.len() == 1 {
                    "entry"
                } else {
                    "entries"
                },
                summary.flagged.len(),
                if summary.flagged.len() == 1 {
                    "name"
                } else {
                    "names"
                },
                summary.withheld.suppressed_cells,
                if summary.withheld.suppressed_cells == 1 {
                    "count"
                } else {
                    "counts"
                },
            );
            Ok(())
        }
        Command::Show { id, json } => {
            let mut vault = unlock(&cli, &path)?;
            let id = vault.resolve_entry_id(id)?;
            let entry = vault.entry(&id)?;
            let person = entry.person.and_then(|p| vault.person(&p));
            output::entry_detail(&entry, person, *json);
            Ok(())
        }
        Command::Delete { id, purge } => {
            let mut vault = unlock(&cli, &path)?;
            let id = vault.resolve_entry_id(id)?;
            if *purge {
                vault.purge_entry(&id)?;
                println!("Removed entry {id} for good.");
            } else {
                vault.delete_entry(&id)?;
                println!("Moved entry {id} to the bin. Undo with: tandem restore {id}");
            }
            Ok(())
        }
        Command::Restore { id } => {
            let mut vault = unlock(&cli, &path)?;
            let id = vault.resolve_entry_id(id)?;
            vault.restore_entry(&id)?;
            println!("Restored entry {id}.");
            Ok(())
        }
        Command::Passwd => {
            let mut vault = unlock(&cli, &path)?;
            let new = secrets::new_passphrase("TANDEM_NEW_PASSPHRASE", "New passphrase: ")?;
            vault.change_passphrase(&new)?;
            println!("Passphrase changed. Your recovery key still works.");
            Ok(())
        }
        Command::Agenda {
            command,
            discussed,
            json,
        } => {
            use tandem_core::entry::AgendaState;
            let mut vault = unlock(&cli, &path)?;
            let (id, state, done) = match command {
                None => {
                    let filter = vault.filter(
                        &FilterText {
                            agenda: Some(if *discussed { "discussed" } else { "queued" }.into()),
                            ..FilterText::default()
                        },
                        "--",
                    )?;
                    let reader = vault.reader()?;
                    // An agenda reads in the order things happened.
                    let mut items: Vec<_> = reader.list(&filter).collect();
                    items.reverse();
                    output::entries(&items, |id| reader.person(id), *json);
                    output::warn_damaged(vault.damaged());
                    return Ok(());
                }
                Some(AgendaCommand::Add { id }) => (id, Some(AgendaState::Queued), "on the agenda"),
                Some(AgendaCommand::Done { id }) => {
                    (id, Some(AgendaState::Discussed), "marked discussed")
                }
                Some(AgendaCommand::Remove { id }) => (id, None, "off the agenda"),
            };
            let id = vault.resolve_entry_id(id)?;
            vault.set_agenda(&id, state)?;
            println!("{} {done}", &id.to_hex()[..8]);
            Ok(())
        }
        Command::Exports { json } => {
            let mut vault = unlock(&cli, &path)?;
            let records = vault.exports()?;
            output::exports(&records, *json);
            output::warn_damaged(vault.damaged());
            Ok(())
        }
        Command::People { command, json } => {
            let mut vault = unlock(&cli, &path)?;
            match command {
                None => {
                    output::people(vault.people(), *json);
                    output::warn_damaged(vault.damaged());
                }
                Some(PeopleCommand::Add {
                    alias,
                    name,
                    details,
                }) => {
                    let id = vault.add_person(PersonDraft {
                        alias: alias.clone(),
                        name: name.clone(),
                        details: details.clone(),
                    })?;
                    println!("{id}");
                }
            }
            Ok(())
        }
    }
}

fn init(path: &Path) -> Result<(), Error> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::AlreadyExists(path.to_path_buf()));
    }
    let passphrase = secrets::new_passphrase("TANDEM_PASSPHRASE", "Choose a passphrase: ")?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            context: format!("cannot create the folder {}", dir.display()),
            source,
        })?;
    }
    let (vault, recovery) = Vault::create(path, &passphrase)?;
    output::recovery_key(vault.path(), &recovery);
    vault.lock();
    Ok(())
}

fn read_stdin_json() -> Result<String, Error> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("Type the entry as JSON, then press Ctrl-D (or pass it with --json).");
    }
    let mut text = String::new();
    stdin
        .lock()
        .take(MAX_ENTRY_JSON + 1)
        .read_to_string(&mut text)
        .map_err(|source| Error::Io {
            context: "cannot read the entry from standard input".into(),
            source,
        })?;
    if text.len() as u64 > MAX_ENTRY_JSON {
        return Err(Error::invalid(
            "",
            format!("the entry is larger than {} MiB", MAX_ENTRY_JSON >> 20),
        ));
    }
    if text.trim().is_empty() {
        return Err(Error::invalid(
            "",
            "no entry given: pass JSON with --json or on standard input",
        ));
    }
    Ok(text)
}

/// The listing flags as typed; the core checks and resolves them.
fn filter_text(list: &ListArgs) -> FilterText {
    FilterText {
        kind: list.kind.map(|k| k.0.code().to_string()),
        from: list.from.clone(),
        to: list.to.clone(),
        tag: list.tag.clone(),
        person: list.person.clone(),
        agenda: list.agenda.clone(),
        deleted: list.deleted,
    }
}

/// Parses a kind for clap, with the core's list of allowed kinds in the error.
#[derive(Debug, Clone, Copy)]
pub struct KindArg(pub Kind);

impl std::str::FromStr for KindArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::from_code(s)
            .map(KindArg)
            .ok_or_else(|| format!("allowed: {}", Kind::codes()))
    }
}
