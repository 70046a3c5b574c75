//! `tandem`: the command line over tandem-core.
//!
//! A front door only: it reads arguments, passphrases and files, calls one core operation, and
//! prints the result. Every rule about entries, keys and the vault lives in the core. Errors leave
//! as one line on stderr and a non-zero exit code.
//!
//! As in ripgrep, `main` parses the arguments and `run` hands each command to a function of its
//! own, which takes only what it needs and writes its answer to the standard output it is given.

#![forbid(unsafe_code)]

mod args;
mod output;
mod secrets;

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use tandem_core::entry::EntryDraft;
use tandem_core::i18n::{self, Language};
use tandem_core::settings::Settings;
use tandem_core::vault::FilterText;
use tandem_core::{Error, Kind, PersonDraft, Vault};

use args::{AgendaCommand, Cli, Command, ExportArgs, ListArgs, PeopleCommand};

/// Largest JSON document `add` reads, so a runaway pipe cannot fill memory.
const MAX_ENTRY_JSON: u64 = 1 << 20;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return args::report_usage_error(e),
    };
    // Rust's standard output is line-buffered, so each line still reaches a terminal or a pipe
    // as soon as it is written; the final flush only matters for a line without its newline.
    let mut out = io::stdout().lock();
    match run(&cli, &mut out).and_then(|()| out.flush().map_err(Failure::from)) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader stopped reading (`tandem list | head -1`): it has all it asked for, so this
        // is a normal end, not an error worth a word.
        Err(Failure::Stdout(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Stdout(e)) => {
            eprintln!("tandem: cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
        Err(Failure::Tandem(e)) => {
            eprintln!("tandem: {}", i18n::cli_message(language(&cli), &e));
            ExitCode::FAILURE
        }
    }
}

/// The language the app's settings beside the vault choose; English without them. The command
/// line speaks the worker's language as the app does.
fn language(cli: &Cli) -> Language {
    vault_path(cli)
        .ok()
        .and_then(|p| Settings::load(&Settings::path_for(&p)).ok())
        .map(|s| s.language())
        .unwrap_or_default()
}

/// Why a command stopped. Standard output failing is kept apart from everything else because a
/// closed pipe is not a failure at all, and so that no other error can pass for one.
enum Failure {
    /// The core, a file or an argument said no.
    Tandem(Error),
    /// Writing the answer to standard output failed.
    Stdout(io::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Tandem(e)
    }
}

/// Only writes to standard output return a bare `io::Error` in this crate: reading a file or
/// standard input becomes an `Error::Io` with its context where it happens.
impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Stdout(e)
    }
}

type Outcome = Result<(), Failure>;

/// Hands the command to its function.
fn run(cli: &Cli, out: &mut impl Write) -> Outcome {
    let path = vault_path(cli)?;
    match &cli.command {
        Command::Init => init(&path, out),
        Command::Add { kind, json } => cmd_add(cli, &path, kind.0, json.as_deref(), out),
        Command::Import { file } => cmd_import(cli, &path, file, out),
        Command::List(list) => cmd_list(cli, &path, list, out),
        Command::Search { query, filters } => cmd_search(cli, &path, query, filters, out),
        Command::Export(export) => cmd_export(cli, &path, export, out),
        Command::Show { id, json } => cmd_show(cli, &path, id, *json, out),
        Command::Delete { id, purge } => cmd_delete(cli, &path, id, *purge, out),
        Command::Restore { id } => cmd_restore(cli, &path, id, out),
        Command::Passwd => cmd_passwd(cli, &path, out),
        Command::Agenda {
            command,
            discussed,
            json,
        } => cmd_agenda(cli, &path, command.as_ref(), *discussed, *json, out),
        Command::Exports { json } => cmd_exports(cli, &path, *json, out),
        Command::People { command, json } => cmd_people(cli, &path, command.as_ref(), *json, out),
    }
}

/// The vault path: `--vault`, else `TANDEM_VAULT` (both handled by clap), else the platform's
/// data directory.
fn vault_path(cli: &Cli) -> Result<PathBuf, Error> {
    if let Some(p) = &cli.vault {
        return Ok(p.clone());
    }
    tandem_core::vault::default_path().ok_or_else(|| Error::invalid("--vault", "no_home_folder"))
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
/// Only the field is touched, so the rest of the refusal passes through whatever it holds.
fn as_flag(mut e: Error) -> Error {
    if let Error::Invalid { field, .. } = &mut e {
        *field = format!("--{}", field.replace('_', "-"));
    }
    e
}

/// The noun that goes with a count of `n`.
fn noun<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn init(path: &Path, out: &mut impl Write) -> Outcome {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::AlreadyExists(path.to_path_buf()).into());
    }
    let passphrase = secrets::new_passphrase("TANDEM_PASSPHRASE", "Choose a passphrase: ")?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            context: format!("cannot create the folder {}", dir.display()),
            source,
        })?;
    }
    let (vault, recovery) = Vault::create(path, &passphrase)?;
    output::recovery_key(out, vault.path(), &recovery)?;
    vault.lock();
    Ok(())
}

fn cmd_add(
    cli: &Cli,
    path: &Path,
    kind: Kind,
    json: Option<&str>,
    out: &mut impl Write,
) -> Outcome {
    let text = match json {
        Some(j) => j.to_string(),
        None => read_stdin_json()?,
    };
    // Check the entry before asking for the passphrase: a typo costs no key derivation.
    let draft = EntryDraft::from_json(&text, Some(kind), false)?;
    let mut vault = unlock(cli, path)?;
    let id = vault.add_entry(draft)?;
    writeln!(out, "{id}")?;
    Ok(())
}

fn cmd_import(cli: &Cli, path: &Path, file: &Path, out: &mut impl Write) -> Outcome {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        context: format!("cannot read {}", file.display()),
        source,
    })?;
    let mut vault = unlock(cli, path)?;
    let ids = vault.import_jsonl(&text)?;
    let n = ids.len();
    writeln!(out, "Imported {n} {}.", noun(n as u64, "entry", "entries"))?;
    Ok(())
}

fn cmd_list(cli: &Cli, path: &Path, list: &ListArgs, out: &mut impl Write) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let filter = vault.filter(&filter_text(list), "--")?;
    let reader = vault.reader()?;
    let entries: Vec<_> = reader
        .list(&filter)
        .take(list.limit.unwrap_or(usize::MAX))
        .collect();
    output::entries(out, &entries, |id| reader.person(id), list.json)?;
    output::warn_damaged(vault.damaged());
    Ok(())
}

fn cmd_search(
    cli: &Cli,
    path: &Path,
    query: &str,
    filters: &ListArgs,
    out: &mut impl Write,
) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let filter = vault.filter(&filter_text(filters), "--")?;
    // One pass over the file that keeps only the matches: faster, and far lighter on memory,
    // than loading every entry for a single search.
    let mut hits = vault.search_entries(query, &filter)?;
    hits.truncate(filters.limit.unwrap_or(usize::MAX));
    let hits: Vec<&tandem_core::Entry> = hits.iter().collect();
    output::entries(out, &hits, |id| vault.person(id), filters.json)?;
    output::warn_damaged(vault.damaged());
    Ok(())
}

fn cmd_export(cli: &Cli, path: &Path, export: &ExportArgs, out: &mut impl Write) -> Outcome {
    use tandem_core::i18n::Language;
    use tandem_core::summary::document::{Include, Options};
    use tandem_core::summary::{output::AgeTo, record::Format};
    let mut options = Options::new(
        tandem_core::entry::parse_date("--from", &export.from)?,
        tandem_core::entry::parse_date("--to", &export.to)?,
    );
    options.k = export.k;
    options.include = Include::without(export.without.iter().map(String::as_str), "--without")?;
    // Who can open the file is settled before the vault is unlocked.
    let age_to = match (&export.age_recipient, export.age_passphrase) {
        (Some(key), _) => Some(AgeTo::Recipient(key.clone())),
        (None, true) => Some(AgeTo::Passphrase(secrets::new_passphrase(
            "TANDEM_AGE_PASSPHRASE",
            "Passphrase for the summary file: ",
        )?)),
        (None, false) => None,
    };
    if let Some(to) = &age_to {
        to.check().map_err(as_flag)?;
    }
    // Without --format, the core's default: the printable report.
    let format = match &export.format {
        Some(f) => Format::parse("--format", f)?,
        None => Format::default(),
    };
    // Without --language, a report is in the language chosen in the app's settings.
    let language = match &export.language {
        Some(code) => Language::parse("--language", code)?,
        None => {
            tandem_core::settings::Settings::load(&tandem_core::settings::Settings::path_for(path))
                .ok()
                .and_then(|s| Language::parse("", &s.language).ok())
                .unwrap_or_default()
        }
    };
    let mut vault = unlock(cli, path)?;
    let (summary, _) = vault
        .export_summary(&options, format, language, age_to.as_ref(), &export.out)
        .map_err(as_flag)?;
    let (shared, flagged) = (summary.narratives.len(), summary.flagged.len());
    let withheld = summary.withheld.suppressed_cells;
    writeln!(
        out,
        "Saved the summary to {}: {shared} shared {}, {flagged} possible {} removed, {withheld} \
         small {} withheld.",
        export.out.display(),
        noun(shared as u64, "entry", "entries"),
        noun(flagged as u64, "name", "names"),
        noun(withheld, "count", "counts"),
    )?;
    Ok(())
}

fn cmd_show(cli: &Cli, path: &Path, id: &str, json: bool, out: &mut impl Write) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let id = vault.resolve_entry_id(id)?;
    let entry = vault.entry(&id)?;
    let person = entry.person.and_then(|p| vault.person(&p));
    output::entry_detail(out, &entry, person, json)?;
    Ok(())
}

fn cmd_delete(cli: &Cli, path: &Path, id: &str, purge: bool, out: &mut impl Write) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let id = vault.resolve_entry_id(id)?;
    if purge {
        vault.purge_entry(&id)?;
        writeln!(out, "Removed entry {id} for good.")?;
    } else {
        vault.delete_entry(&id)?;
        writeln!(
            out,
            "Moved entry {id} to the bin. Undo with: tandem restore {id}"
        )?;
    }
    Ok(())
}

fn cmd_restore(cli: &Cli, path: &Path, id: &str, out: &mut impl Write) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let id = vault.resolve_entry_id(id)?;
    vault.restore_entry(&id)?;
    writeln!(out, "Restored entry {id}.")?;
    Ok(())
}

fn cmd_passwd(cli: &Cli, path: &Path, out: &mut impl Write) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let new = secrets::new_passphrase("TANDEM_NEW_PASSPHRASE", "New passphrase: ")?;
    vault.change_passphrase(&new)?;
    writeln!(out, "Passphrase changed. Your recovery key still works.")?;
    Ok(())
}

fn cmd_agenda(
    cli: &Cli,
    path: &Path,
    command: Option<&AgendaCommand>,
    discussed: bool,
    json: bool,
    out: &mut impl Write,
) -> Outcome {
    use tandem_core::entry::AgendaState;
    let mut vault = unlock(cli, path)?;
    let (id, state, done) = match command {
        None => {
            let filter = vault.filter(
                &FilterText {
                    agenda: Some(if discussed { "discussed" } else { "queued" }.into()),
                    ..FilterText::default()
                },
                "--",
            )?;
            let reader = vault.reader()?;
            // An agenda reads in the order things happened.
            let mut items: Vec<_> = reader.list(&filter).collect();
            items.reverse();
            output::entries(out, &items, |id| reader.person(id), json)?;
            output::warn_damaged(vault.damaged());
            return Ok(());
        }
        Some(AgendaCommand::Add { id }) => (id, Some(AgendaState::Queued), "on the agenda"),
        Some(AgendaCommand::Done { id }) => (id, Some(AgendaState::Discussed), "marked discussed"),
        Some(AgendaCommand::Remove { id }) => (id, None, "off the agenda"),
    };
    let id = vault.resolve_entry_id(id)?;
    vault.set_agenda(&id, state)?;
    writeln!(out, "{} {done}", &id.to_hex()[..8])?;
    Ok(())
}

fn cmd_exports(cli: &Cli, path: &Path, json: bool, out: &mut impl Write) -> Outcome {
    let mut vault = unlock(cli, path)?;
    let records = vault.exports()?;
    output::exports(out, &records, json)?;
    output::warn_damaged(vault.damaged());
    Ok(())
}

fn cmd_people(
    cli: &Cli,
    path: &Path,
    command: Option<&PeopleCommand>,
    json: bool,
    out: &mut impl Write,
) -> Outcome {
    let mut vault = unlock(cli, path)?;
    match command {
        None => {
            output::people(out, vault.people(), json)?;
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
            writeln!(out, "{id}")?;
        }
    }
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
        return Err(Error::invalid("", "entry_too_large").with("max", MAX_ENTRY_JSON >> 20));
    }
    if text.trim().is_empty() {
        return Err(Error::invalid("", "no_entry_given"));
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
