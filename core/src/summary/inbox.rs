//! The supervisor's inbox: summary files opened read-only, each with where it stands (open,
//! waiting for its key, unreadable), and the team overview of those that opened. It needs no
//! vault and never writes the files it reads; a front door only chooses the paths and keys.

use std::path::PathBuf;

use serde::Serialize;

use super::received::{self, Received};
use super::report::Report;
use crate::error::{Error, Result};
use crate::i18n::Language;

/// The summary files a supervisor has opened, in the order they were opened. Dropping it (or
/// [`ReceivedFiles::clear`]) drops everything they decrypted.
#[derive(Debug, Default)]
pub struct ReceivedFiles {
    files: Vec<ReceivedFile>,
}

/// A summary file the supervisor opened, and what came of reading it.
#[derive(Debug)]
struct ReceivedFile {
    /// Where it was read from: what tells two files apart.
    path: PathBuf,
    /// Its contents, kept so an encrypted file can be opened once its key is given, and so the
    /// same contents under another name are recognised.
    bytes: Vec<u8>,
    state: FileState,
    summary: Option<Received>,
    problem: Option<Error>,
}

impl ReceivedFile {
    fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

/// Where an opened file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileState {
    Open,
    /// Encrypted: waiting for a passphrase or key, or given one that did not open it.
    NeedsKey,
    Unreadable,
}

/// Why a file did not open, as a front door shows it: the error's stable kind and its
/// sentence. It serialises as `{ kind, message }`, the shape every error reaches the app's UI
/// in, so the UI reads a file's problem the way it reads any other error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub kind: &'static str,
    pub message: String,
}

impl Problem {
    /// `e` worded by `word` (the app's or the command line's words, in a language).
    pub fn new(e: &Error, word: &dyn Fn(&Error) -> String) -> Self {
        Problem {
            kind: e.kind(),
            message: word(e),
        }
    }
}

/// One opened file as a front door sees it.
#[derive(Debug, Serialize)]
pub struct FileView {
    /// The file's path, which a front door hands back to give it a key.
    pub id: String,
    /// Its file name, with its folder's name when another open file has the same name.
    pub name: String,
    pub state: FileState,
    pub summary: Option<Received>,
    pub problem: Option<Problem>,
}

/// The supervisor's view: each opened file, and the team overview of those that are open.
#[derive(Debug, Serialize)]
pub struct Inbox {
    pub files: Vec<FileView>,
    pub team: Option<received::Team>,
}

/// One opened file in words, for a reader: its summary as a [`Report`].
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub id: String,
    pub name: String,
    pub state: FileState,
    pub report: Option<Report>,
    pub problem: Option<Problem>,
}

/// The supervisor's view in words: each file's report and the team overview's.
#[derive(Debug, Serialize)]
pub struct InboxReport {
    pub files: Vec<FileReport>,
    pub team: Option<Report>,
}

impl Inbox {
    /// Every summary and the team overview worded in `lang`, as the app shows them.
    pub fn in_words(self, lang: Language) -> InboxReport {
        InboxReport {
            files: self
                .files
                .into_iter()
                .map(|f| FileReport {
                    report: f.summary.as_ref().map(|s| Report::of_received(s, lang)),
                    id: f.id,
                    name: f.name,
                    state: f.state,
                    problem: f.problem,
                })
                .collect(),
            team: self.team.as_ref().map(|t| Report::of_team(t, lang)),
        }
    }
}

impl ReceivedFiles {
    /// An empty inbox.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens the summary files at `paths` (JSON or age) read-only, beside any already open, and
    /// answers the new view. A file opened again replaces its earlier copy; the same contents
    /// under another name are counted once. A file over [`received::MAX_BYTES`] is refused
    /// from its size alone, before a byte of it is read. A file that cannot be read at all
    /// stops the call with its error; the files before it stay open.
    pub fn open_paths(
        &mut self,
        paths: impl IntoIterator<Item = PathBuf>,
        word: &dyn Fn(&Error) -> String,
    ) -> Result<Inbox> {
        for path in paths {
            let io = |source| Error::Io {
                context: format!("cannot read {}", path.display()),
                source,
            };
            let size = std::fs::metadata(&path).map_err(io)?.len();
            self.files.retain(|f| f.path != path);
            if size > received::MAX_BYTES {
                let name = path.display().to_string();
                self.files.push(ReceivedFile {
                    problem: Some(received::too_large(&name)),
                    path,
                    bytes: Vec::new(),
                    state: FileState::Unreadable,
                    summary: None,
                });
                continue;
            }
            let bytes = std::fs::read(&path).map_err(io)?;
            if self.files.iter().any(|f| f.bytes == bytes) {
                continue;
            }
            self.files.push(read_file(path, bytes, None));
        }
        Ok(self.view(word))
    }

    /// Opens the encrypted file `id` (a path the view gave) with a passphrase or an age secret
    /// key, and answers the new view. A key that does not open it leaves it waiting, with the
    /// reason.
    pub fn open_with_key(
        &mut self,
        id: &str,
        key: &str,
        word: &dyn Fn(&Error) -> String,
    ) -> Result<Inbox> {
        let file = self
            .files
            .iter_mut()
            .find(|f| f.path.display().to_string() == id)
            .ok_or_else(|| Error::invalid("id", "not_open"))?;
        let bytes = std::mem::take(&mut file.bytes);
        let path = std::mem::take(&mut file.path);
        *file = read_file(path, bytes, Some(key));
        Ok(self.view(word))
    }

    /// True when no file is open.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Closes every file, dropping what was decrypted.
    pub fn clear(&mut self) {
        self.files.clear();
    }

    /// Each opened file, its problem worded by `word`, and the team overview once more than
    /// one is open.
    pub fn view(&self, word: &dyn Fn(&Error) -> String) -> Inbox {
        let files = &self.files;
        let open: Vec<Received> = files.iter().filter_map(|f| f.summary.clone()).collect();
        Inbox {
            files: files
                .iter()
                .map(|f| {
                    let name = f.file_name();
                    let clash = files.iter().filter(|o| o.file_name() == name).count() > 1;
                    let folder = f
                        .path
                        .parent()
                        .and_then(|p| p.file_name())
                        .map(|n| n.to_string_lossy().into_owned());
                    FileView {
                        id: f.path.display().to_string(),
                        name: match (clash, folder) {
                            (true, Some(folder)) => format!("{name} ({folder})"),
                            _ => name,
                        },
                        state: f.state,
                        summary: f.summary.clone(),
                        problem: f.problem.as_ref().map(|e| Problem::new(e, word)),
                    }
                })
                .collect(),
            team: (open.len() > 1).then(|| received::team(&open)).flatten(),
        }
    }
}

fn read_file(path: PathBuf, bytes: Vec<u8>, key: Option<&str>) -> ReceivedFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let (state, summary, problem) = match received::read(&name, &bytes, key) {
        Ok(summary) => (FileState::Open, Some(summary), None),
        // An encrypted file without a key is not a problem yet: it waits for its key. With a
        // key that does not open it, it still waits, and says why.
        Err(Error::Invalid { field, .. }) if field == "key" && key.is_none() => {
            (FileState::NeedsKey, None, None)
        }
        Err(e) => {
            // A wrong or malformed key leaves the file waiting for a better one.
            let key_problem = matches!(&e, Error::WrongSummaryKey(_))
                || matches!(&e, Error::Invalid { field, .. } if field == "key");
            let state = if key_problem {
                FileState::NeedsKey
            } else {
                FileState::Unreadable
            };
            (state, None, Some(e))
        }
    };
    ReceivedFile {
        path,
        bytes,
        state,
        summary,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use chrono::NaiveDate;
    use zeroize::Zeroizing;

    use super::*;

    /// Problems as the command line words them, in English.
    fn cli(e: &Error) -> String {
        crate::i18n::cli_message(crate::i18n::Language::En, e)
    }
    use crate::summary::document::{self, Options};
    use crate::summary::output::{self, AgeTo};

    const KEY: &str = "for my supervisor";

    /// A real summary file's JSON, as a worker's Tandem writes it (a quiet November: no
    /// entries).
    fn summary_json() -> Vec<u8> {
        summary_of_month(11)
    }

    fn summary_of_month(month: u32) -> Vec<u8> {
        let options = Options::new(
            NaiveDate::from_ymd_opt(2026, month, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, month, 28).unwrap(),
        );
        let summary = document::build(std::iter::empty(), &[], &options).unwrap();
        output::json(&summary).into_bytes()
    }

    /// The same summary encrypted with age under [`KEY`].
    fn summary_age() -> Vec<u8> {
        let to = AgeTo::Passphrase(Zeroizing::new(KEY.into()));
        output::encrypt(&summary_json(), &to).unwrap()
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn states(inbox: &Inbox) -> Vec<FileState> {
        inbox.files.iter().map(|f| f.state).collect()
    }

    #[test]
    fn a_broken_file_is_unreadable_and_says_why_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let broken = write(dir.path(), "broken.json", b"{ not json");
        let mut files = ReceivedFiles::new();
        let inbox = files.open_paths([broken], &cli).unwrap();
        assert_eq!(states(&inbox), [FileState::Unreadable]);
        let problem = inbox.files[0].problem.as_ref().unwrap();
        assert_eq!(problem.kind, "invalid");
        assert!(problem.message.starts_with("broken.json:"), "{problem:?}");
        assert!(inbox.files[0].summary.is_none());
    }

    #[test]
    fn a_plain_summary_opens_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let plain = write(dir.path(), "nov.json", &summary_json());
        let inbox = ReceivedFiles::new().open_paths([plain], &cli).unwrap();
        assert_eq!(states(&inbox), [FileState::Open]);
        assert!(inbox.files[0].summary.is_some() && inbox.files[0].problem.is_none());
    }

    #[test]
    fn an_age_file_waits_for_its_key_and_a_wrong_key_keeps_it_waiting_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let sealed = write(dir.path(), "nov.json.age", &summary_age());
        let mut files = ReceivedFiles::new();
        let inbox = files.open_paths([sealed], &cli).unwrap();
        // Waiting for a key is not a problem yet.
        assert_eq!(states(&inbox), [FileState::NeedsKey]);
        assert!(inbox.files[0].problem.is_none());
        let id = inbox.files[0].id.clone();

        let wrong = files
            .open_with_key(&id, "not the passphrase", &cli)
            .unwrap();
        assert_eq!(states(&wrong), [FileState::NeedsKey]);
        let problem = wrong.files[0].problem.as_ref().unwrap();
        assert_eq!(problem.kind, "wrong_summary_key");
        assert!(problem.message.contains("does not open"), "{problem:?}");

        let open = files.open_with_key(&id, KEY, &cli).unwrap();
        assert_eq!(states(&open), [FileState::Open]);
        assert!(open.files[0].summary.is_some() && open.files[0].problem.is_none());
    }

    #[test]
    fn two_open_summaries_make_a_team_overview_and_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let oct = write(dir.path(), "oct.json", &summary_of_month(10));
        let nov = write(dir.path(), "nov.json", &summary_of_month(11));
        let mut files = ReceivedFiles::new();
        assert!(files.open_paths([oct], &cli).unwrap().team.is_none());
        assert!(files.open_paths([nov], &cli).unwrap().team.is_some());
    }

    #[test]
    fn a_key_for_a_file_that_is_not_open_is_refused() {
        let e = ReceivedFiles::new()
            .open_with_key("/nowhere/nov.json.age", KEY, &cli)
            .unwrap_err();
        assert_eq!(e.kind(), "invalid");
    }

    #[test]
    fn the_same_bytes_under_another_name_count_once_and_a_path_opened_again_replaces_its_copy() {
        let dir = tempfile::tempdir().unwrap();
        let first = write(dir.path(), "nov.json.age", &summary_age());
        let copy = dir.path().join("the-same.json.age");
        std::fs::copy(&first, &copy).unwrap();
        let mut files = ReceivedFiles::new();
        let inbox = files.open_paths([first.clone(), copy], &cli).unwrap();
        assert_eq!(inbox.files.len(), 1);
        assert_eq!(inbox.files[0].name, "nov.json.age");

        // The file changed on disk and is opened again: the new contents replace the old.
        std::fs::write(&first, b"{ not json").unwrap();
        let inbox = files.open_paths([first], &cli).unwrap();
        assert_eq!(states(&inbox), [FileState::Unreadable]);
    }

    #[test]
    fn files_with_the_same_name_are_told_apart_by_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["alex", "sam"] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
        }
        let a = write(&dir.path().join("alex"), "nov.json", &summary_json());
        let b = write(&dir.path().join("sam"), "nov.json", b"{ not json");
        let inbox = ReceivedFiles::new().open_paths([a, b], &cli).unwrap();
        let names: Vec<&str> = inbox.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["nov.json (alex)", "nov.json (sam)"]);
    }

    #[test]
    fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let huge = dir.path().join("huge.json");
        // A sparse file: its size is over the cap without writing 16 MiB.
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(received::MAX_BYTES + 1)
            .unwrap();
        let mut files = ReceivedFiles::new();
        let inbox = files.open_paths([huge], &cli).unwrap();
        assert_eq!(states(&inbox), [FileState::Unreadable]);
        let problem = inbox.files[0].problem.as_ref().unwrap();
        assert!(problem.message.contains("too large"), "{problem:?}");
        // Nothing of it was read into memory.
        assert!(files.files[0].bytes.is_empty());
    }

    #[test]
    fn a_missing_file_stops_the_call_and_the_files_before_it_stay_open() {
        let dir = tempfile::tempdir().unwrap();
        let plain = write(dir.path(), "nov.json", &summary_json());
        let mut files = ReceivedFiles::new();
        let e = files
            .open_paths([plain, dir.path().join("gone.json")], &cli)
            .unwrap_err();
        assert_eq!(e.kind(), "io");
        assert_eq!(states(&files.view(&cli)), [FileState::Open]);
        files.clear();
        assert!(files.view(&cli).files.is_empty());
    }

    #[test]
    fn a_problem_crosses_as_kind_and_message_only() {
        let problem = Problem::new(&Error::WrongSummaryKey("nov.json.age".into()), &cli);
        assert_eq!(
            serde_json::to_value(&problem).unwrap(),
            serde_json::json!({
                "kind": "wrong_summary_key",
                "message": "that passphrase or key does not open nov.json.age"
            })
        );
    }
}
