//! Integration tests: the real `tandem` binary on real vault files in temporary folders.
//! (The crash loop lives in crash.rs, which needs its own main.)

// The command-line contract: what each command prints, exit codes, one-line errors.
mod cli;
// `tandem export`: anonymized supervision summaries.
mod export;
// Files that are not vaults, tampered vaults and damaged records, met through the CLI.
mod files;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

pub const PASS: &str = "correct horse battery staple";

/// A temporary folder with a vault path in it, and helpers to run `tandem` against it.
pub struct Env {
    pub dir: TempDir,
    pub vault: PathBuf,
}

impl Env {
    /// A folder with no vault yet.
    pub fn empty() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("journal.tandem");
        Env { dir, vault }
    }

    /// A folder with a fresh vault made by `tandem init`.
    pub fn with_vault() -> Env {
        let env = Env::empty();
        env.ok(&["init"]);
        env
    }

    /// `tandem` with the vault and passphrase set, and nothing inherited that could change its
    /// behaviour.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_tandem"));
        c.env("TANDEM_VAULT", &self.vault)
            .env("TANDEM_PASSPHRASE", PASS)
            .env("TZ", "UTC")
            .env_remove("TANDEM_NEW_PASSPHRASE")
            .env_remove("TANDEM_RECOVERY_KEY")
            .stdin(Stdio::null());
        c
    }

    pub fn run_with(&self, mut cmd: Command, args: &[&str], stdin: Option<&str>) -> Output {
        cmd.args(args);
        if stdin.is_some() {
            cmd.stdin(Stdio::piped());
        }
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(input) = stdin {
            // tandem may stop reading early (an oversized entry): a broken pipe is its answer,
            // not a test failure.
            let mut pipe = child.stdin.take().unwrap();
            if let Err(e) = pipe.write_all(input.as_bytes()) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
            }
        }
        child.wait_with_output().unwrap()
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(self.cmd(), args, None)
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        check_ok(self.run(args), args)
    }

    /// Runs and expects failure with exactly one line on stderr; returns that line.
    pub fn fail(&self, args: &[&str]) -> String {
        check_fail(self.run(args), args)
    }

    /// Adds an entry and returns its id.
    pub fn add(&self, kind: &str, json: &str) -> String {
        self.ok(&["add", kind, "--json", json]).trim().to_string()
    }

    pub fn vault_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.vault).unwrap()
    }
}

pub fn check_ok(out: Output, args: &[&str]) -> String {
    assert!(
        out.status.success(),
        "tandem {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn check_fail(out: Output, args: &[&str]) -> String {
    assert!(
        !out.status.success(),
        "tandem {args:?} should have failed; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.lines().count(),
        1,
        "errors are one line; tandem {args:?} printed: {err}"
    );
    assert!(err.starts_with("tandem: "), "{err}");
    err.trim_end().to_string()
}

pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
