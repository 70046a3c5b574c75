//! The command-line contract: commands, options and their help, with examples.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::KindArg;

const AFTER_HELP: &str = "\
Passphrases come from TANDEM_PASSPHRASE (and TANDEM_NEW_PASSPHRASE for passwd); otherwise
Tandem asks on the terminal. With --recovery, the recovery key comes from TANDEM_RECOVERY_KEY
or the terminal.

Examples:
  tandem init
  tandem add contact --json '{\"person\": \"J.\", \"duration_min\": 20, \"mode\": \"phone\"}'
  echo '{\"text\": \"Felt heard today\", \"themes\": [\"getting_it\"]}' | tandem add moment
  tandem list --kind boundary --from 2026-11-01
  tandem search \"food bank\"
  tandem --recovery passwd";

/// Tandem: an encrypted journal for peer support work, on your own device.
#[derive(Debug, Parser)]
#[command(name = "tandem", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// The vault file [default: your data folder, e.g. ~/.local/share/tandem/vault.tandem]
    #[arg(long, global = true, env = "TANDEM_VAULT", value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Unlock with the recovery key instead of the passphrase
    #[arg(long, global = true)]
    pub recovery: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault and show its recovery key, once
    #[command(
        after_help = "Example:\n  TANDEM_PASSPHRASE='a long passphrase' tandem --vault work.tandem init"
    )]
    Init,

    /// Add an entry; prints its id
    #[command(after_help = "\
The JSON holds the entry's fields: occurred_at, text, person (a name or alias; new ones join
your people list; a wellbeing check-in names nobody), tags, share, agenda (bring it to
supervision), and the kind's own fields. Unknown fields and values are refused with the allowed
ones listed.

Examples:
  tandem add contact --json '{\"person\": \"J.\", \"duration_min\": 30, \"mode\": \"in_person\",
      \"setting\": \"community\", \"domains\": [\"housing\"], \"activities\": [\"listening\"]}'
  tandem add boundary --json '{\"category\": \"out_of_hours_contact\", \"intensity\": 3,
      \"bring_to_supervision\": true}'
  tandem add wellbeing --json '{\"mood\": 4, \"energy\": 2, \"stress\": 3, \"sleep_hours\": 6.5}'
  echo '{\"text\": \"We laughed about the bus\", \"themes\": [\"relatedness\"]}' | tandem add moment")]
    Add {
        #[arg(help = help::kinds("The kind of entry"))]
        kind: KindArg,
        /// The entry as JSON; read from standard input when absent
        #[arg(long, value_name = "JSON")]
        json: Option<String>,
    },

    /// Import entries from a JSON Lines file, all or nothing
    #[command(after_help = "\
Each line is one entry with a \"kind\" field. If any line is wrong, nothing is imported and the
error names the line.

Example:
  tandem import entries.jsonl")]
    Import {
        /// The .jsonl file
        file: PathBuf,
    },

    /// List entries, newest first
    #[command(
        after_help = "Examples:\n  tandem list --kind contact --from 2026-11-01 --to 2026-11-30\n  tandem list --tag outreach --json"
    )]
    List(ListArgs),

    /// Show one entry
    #[command(after_help = "Example:\n  tandem show 3f9a  (any unique start of the id)")]
    Show {
        /// The entry's id, or its first few characters
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },

    /// Search every text field; words match the start of words, in any case, with or without accents
    #[command(
        after_help = "Examples:\n  tandem search hous        (finds housing, House…)\n  tandem search '\"food bank\" walk' --kind contact"
    )]
    Search {
        /// Words to find; \"quote\" a phrase
        query: String,
        #[command(flatten)]
        filters: ListArgs,
    },

    /// Move an entry to the bin (or remove it for good with --purge)
    #[command(after_help = "Example:\n  tandem delete 3f9a")]
    Delete {
        /// The entry's id, or its first few characters
        id: String,
        /// Remove it from the vault for good
        #[arg(long)]
        purge: bool,
    },

    /// Bring an entry back from the bin
    Restore {
        /// The entry's id, or its first few characters
        id: String,
    },

    /// Change the passphrase (the recovery key keeps working)
    #[command(
        after_help = "Examples:\n  tandem passwd\n  tandem --recovery passwd   (forgot the passphrase: unlock with the recovery key)"
    )]
    Passwd,

    /// Write an anonymized supervision summary of a period (HTML or JSON)
    #[command(after_help = "\
Only counts, your supervision agenda, and the words of entries you chose to share leave your
vault. Every summary saved is recorded in the vault (see `tandem exports`). Names and identifiers are removed, people become Person A, B…, dates
become weeks, and counts under --k are withheld.

Examples:
  tandem export --from 2026-11-01 --to 2026-11-30 --out november.html
  tandem export --from 2026-10-01 --to 2026-12-31 --out q4.json --format json --k 10
  tandem export --from 2026-11-01 --to 2026-11-30 --out counts.html --without words,wellbeing
  tandem export --from 2026-11-01 --to 2026-11-30 --out nov.html.age --age-recipient age1…
  (open it with `age -d -i key.txt nov.html.age` or `rage -d -i key.txt nov.html.age`)")]
    Export(ExportArgs),

    /// The supervision agenda: entries to bring to your next supervision
    #[command(after_help = "\
Boundary issues marked \"bring to supervision\" are on the agenda, and so is any entry you add.
Mark items discussed after supervision; they stay in your journal.
Examples:
  tandem agenda
  tandem agenda add 3f9a
  tandem agenda done 3f9a
  tandem agenda --discussed")]
    Agenda {
        #[command(subcommand)]
        command: Option<AgendaCommand>,
        /// List the items already discussed instead
        #[arg(long)]
        discussed: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List the supervision summaries saved from this vault
    #[command(
        after_help = "Each line: when it was saved, the period, the format and encryption, the file, and its SHA-256\n(compare with `sha256sum FILE`)."
    )]
    Exports {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// List the people you support, or add one
    People {
        #[command(subcommand)]
        command: Option<PeopleCommand>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgendaCommand {
    /// Put an entry on the agenda
    Add {
        /// The entry's id, or its first few characters
        id: String,
    },
    /// Mark an item discussed in supervision
    Done {
        /// The entry's id, or its first few characters
        id: String,
    },
    /// Take an entry off the agenda (a boundary issue stops being marked for supervision)
    Remove {
        /// The entry's id, or its first few characters
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Add someone to your people list
    #[command(after_help = "Example:\n  tandem people add J.R. --name 'Jordan Rivers'")]
    Add {
        /// What Tandem shows: initials or a nickname
        alias: String,
        /// Their real name, kept only in your vault and never exported
        #[arg(long)]
        name: Option<String>,
        /// Other private details, kept only in your vault
        #[arg(long)]
        details: Option<String>,
    },
}

// `tandem export`'s options, gathered so its function takes them as one. A plain comment: a doc
// comment here would become clap's help text for the command.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// First day of the period (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day of the period (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// Where to save the summary
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, value_name = "FORMAT", help = help::formats())]
    pub format: Option<String>,
    #[arg(long, value_name = "PARTS", value_delimiter = ',', help = help::parts())]
    pub without: Vec<String>,
    #[arg(long, value_name = "LANG", help = help::languages())]
    pub language: Option<String>,
    #[arg(long, value_name = "N", default_value_t = tandem_core::summary::suppress::DEFAULT_K, help = help::k())]
    pub k: u64,
    /// Encrypt the file with age for the holder of this age public key (age1…)
    #[arg(long, value_name = "KEY", conflicts_with = "age_passphrase")]
    pub age_recipient: Option<String>,
    /// Encrypt the file with age under a passphrase (TANDEM_AGE_PASSPHRASE, else asked twice)
    #[arg(long)]
    pub age_passphrase: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, help = help::kinds("Only this kind"))]
    pub kind: Option<KindArg>,
    /// From this day (YYYY-MM-DD), included
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Up to this day (YYYY-MM-DD), included
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only entries with this tag
    #[arg(long)]
    pub tag: Option<String>,
    /// Only entries about this person (alias or name)
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long, value_name = "STATE", help = help::agenda_states())]
    pub agenda: Option<String>,
    /// Show the bin: deleted entries only
    #[arg(long)]
    pub deleted: bool,
    /// At most this many entries
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

/// Help lines whose choices, defaults and limits are the core's, so `--help` never disagrees
/// with what the core accepts.
mod help {
    use tandem_core::entry::AgendaState;
    use tandem_core::i18n::Language;
    use tandem_core::summary::document::Include;
    use tandem_core::summary::record::Format;
    use tandem_core::summary::suppress::MIN_K;
    use tandem_core::vocab::Kind;

    pub fn kinds(lead: &str) -> String {
        format!("{lead}: {}", Kind::codes())
    }

    pub fn formats() -> String {
        let all: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
        format!(
            "The file's format: {} (html is a printable report) [default: {}]",
            all.join(", "),
            Format::default().extension()
        )
    }

    pub fn parts() -> String {
        format!(
            "Leave parts out, comma-separated: any of {} (words: those of entries you shared)",
            Include::PARTS.join(", ")
        )
    }

    pub fn languages() -> String {
        let all: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        format!(
            "The report's language: {} [default: the app's language setting, else {}]",
            all.join(", "),
            Language::default().code()
        )
    }

    pub fn k() -> String {
        format!("Withhold any count describing fewer than N people or entries (at least {MIN_K})")
    }

    pub fn agenda_states() -> String {
        let all: Vec<&str> = AgendaState::ALL.iter().map(|a| a.code()).collect();
        format!(
            "Only entries on the supervision agenda: {}",
            all.join(" or ")
        )
    }
}

/// Prints a usage error as one line (help and version go to stdout as usual).
pub fn report_usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let rendered = e.render().to_string();
    let mut parts: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("For more information") && !l.starts_with("Usage:")
        })
        .collect();
    if let Some(first) = parts.first_mut() {
        *first = first.trim_start_matches("error: ");
    }
    eprintln!("tandem: {} (see tandem --help)", parts.join("; "));
    ExitCode::from(2)
}
