//! The crash loop: a child process saves entries as fast as it can and is killed with SIGKILL,
//! over and over. After every kill the vault must open, and at the end every entry whose save
//! the child had confirmed must be there.
//!
//! The child is this same binary, started with `TANDEM_CRASH_CHILD_VAULT` set. It prints each
//! entry's id only after `add_entry` has returned, that is after the transaction committed; the
//! parent kills it after reading a varying number of ids, so the kill lands at a different point
//! of a save each time. No sleeps: the parent waits on the child's output.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use tandem_core::entry::EntryDraft;
use tandem_core::{Filter, Kind, Vault};

const PASS: &str = "crash loop passphrase";
const TEST_NAME: &str = "crash_loop_loses_no_confirmed_entry";

fn main() {
    if let Ok(path) = std::env::var("TANDEM_CRASH_CHILD_VAULT") {
        child(Path::new(&path));
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--list") {
        println!("{TEST_NAME}: test");
        return;
    }
    // Honour a name filter the way libtest does, so `cargo test some_other_test` skips this.
    if let Some(filter) = args.iter().find(|a| !a.starts_with('-'))
        && !TEST_NAME.contains(filter.as_str())
    {
        println!("running 0 tests (filtered out {TEST_NAME})");
        return;
    }
    let rounds: usize = std::env::var("TANDEM_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    parent(rounds);
    println!("test {TEST_NAME} ... ok");
}

/// Opens the vault (proving it opens after the last kill) and saves entries until killed.
fn child(path: &Path) {
    let mut vault = Vault::open(path, PASS).expect("the vault opens after a crash");
    let mut out = std::io::stdout().lock();
    writeln!(out, "open").unwrap();
    out.flush().unwrap();
    let pid = std::process::id();
    for n in 0u64.. {
        let mut draft = EntryDraft::from_json(
            &format!(
                r#"{{"text":"crash {pid}-{n}: {}","tags":["crash"],"mode":"phone"}}"#,
                "a sentence of ordinary length about the day. ".repeat((n % 5) as usize)
            ),
            Some(Kind::Contact),
            false,
        )
        .unwrap();
        // Every seventh save also creates a person, so two tables change in one transaction.
        if n % 7 == 0 {
            draft.person = Some(format!("person {pid}-{n}"));
        }
        let id = vault.add_entry(draft).expect("save");
        writeln!(out, "{id}").unwrap();
        out.flush().unwrap();
    }
}

/// A small xorshift generator: the kill points only need to vary, not to be unpredictable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn parent(rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.tandem");
    Vault::create(&path, PASS).unwrap().0.lock();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("crash loop: {rounds} rounds, seed {seed}");
    let mut rng = Rng(seed);
    let mut confirmed: Vec<String> = Vec::new();
    let exe = std::env::current_exe().unwrap();

    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .env("TANDEM_CRASH_CHILD_VAULT", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        match lines.next() {
            Some(Ok(l)) if l == "open" => {}
            other => {
                let _ = child.kill();
                let out = child.wait_with_output().unwrap();
                panic!(
                    "round {round}: the vault did not open after the previous kill ({other:?}): {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
        }
        // Kill after 0 to 3 confirmed saves: with 0 the kill may land during the first write.
        let wanted = rng.next() % 4;
        for _ in 0..wanted {
            match lines.next() {
                Some(Ok(id)) => confirmed.push(id),
                other => panic!("round {round}: child stopped early: {other:?}"),
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix: no destructors, no flush, no checkpoint.
        child.wait().unwrap();
        // Ids the child printed before dying were confirmed too.
        for id in lines.map_while(Result::ok) {
            confirmed.push(id);
        }
    }

    let mut vault = Vault::open(&path, PASS).expect("the vault opens after the last kill");
    let reader = vault.reader().unwrap();
    let present: std::collections::HashSet<String> = reader
        .list(&Filter::default())
        .map(|e| e.id.to_hex())
        .collect();
    let lost: Vec<&String> = confirmed
        .iter()
        .filter(|id| !present.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} confirmed entries lost after {rounds} kills: {lost:?}",
        lost.len()
    );
    assert!(vault.damaged().is_empty(), "damaged: {:?}", vault.damaged());
    println!(
        "crash loop: {rounds} kills, {} confirmed saves, {} entries in the vault, none lost",
        confirmed.len(),
        present.len()
    );
}
