//! `cargo xtask bench`: the in-process criterion benchmarks, then whole-process `tandem add` and
//! `tandem search` next to jrnl 4.6 with an encrypted journal of the same entries.
//!
//! Data and tools live under target/ (never committed): target/bench/N/ holds the input, the
//! Tandem vault and the jrnl journal for N entries; target/bench-venv holds jrnl.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tandem_core::synth::Corpus;

use crate::{Result, apt_install, cargo, root, sh};

const PASS: &str = "benchmark passphrase";
const JRNL: &str = "jrnl==4.6.*";

fn venv() -> PathBuf {
    root().join("target/bench-venv")
}

/// Installs jrnl 4.6 into a virtualenv under target/.
pub fn install_jrnl() -> Result {
    let python = venv().join("bin/python");
    if !python.exists() {
        sh(Command::new("python3").args(["-m", "venv"]).arg(venv()))?;
    }
    let has_jrnl = Command::new(&python)
        .args([
            "-c",
            "import jrnl, sys; sys.exit(0 if jrnl.__version__.startswith('4.6') else 1)",
        ])
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !has_jrnl {
        sh(Command::new(venv().join("bin/pip")).args(["install", "-q", JRNL]))?;
    }
    Ok(())
}

pub fn run(args: &[String]) -> Result {
    if args.iter().any(|a| a == "--app") {
        return app();
    }
    let quick = args.iter().any(|a| a == "--quick");
    let whole_process_only = args.iter().any(|a| a == "--whole-process");
    apt_install(crate::PACKAGES_BUILD)?;
    apt_install(crate::PACKAGES_BENCH)?;
    install_jrnl()?;
    if !quick && !whole_process_only {
        sh(cargo().args(["bench", "--locked", "-p", "tandem-core"]))?;
    }
    sh(cargo().args(["build", "--release", "--locked", "-p", "tandem-cli"]))?;
    let sizes: &[usize] = if quick {
        &[1_000]
    } else {
        &[1_000, 10_000, 100_000]
    };
    let mut report = String::from(
        "| entries | tool | add (median s) | add peak MB | search (median s) | search peak MB |\n\
         |---:|---|---:|---:|---:|---:|\n",
    );
    let mut unlock_only = Vec::new();
    for &n in sizes {
        let dir = root().join(format!("target/bench/{n}"));
        prepare(&dir, n)?;
        let tandem = Tool::tandem(&dir);
        let jrnl = Tool::jrnl(&dir);
        let runs = if n >= 100_000 { 5 } else { 9 };
        for tool in [&tandem, &jrnl] {
            let runs = if tool.name == "jrnl" && n >= 100_000 {
                3
            } else {
                runs
            };
            let add = measure(runs, || tool.add())?;
            let search = measure(runs, || tool.search())?;
            report.push_str(&format!(
                "| {n} | {} | {:.3} | {:.0} | {:.3} | {:.0} |\n",
                tool.name, add.0, add.1, search.0, search.1
            ));
        }
        unlock_only.push((n, measure(runs, || tandem.people())?));
    }
    report.push_str("\nUnlock only (`tandem people`: start, key derivation, no entries read):\n\n");
    for (n, (secs, mb)) in unlock_only {
        report.push_str(&format!("- {n} entries: {secs:.3} s, {mb:.0} MB\n"));
    }
    let out = root().join("target/bench/whole-process.md");
    std::fs::write(&out, &report).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("{report}\n(written to {})", out.display());
    Ok(())
}

/// The app's benchmark (tests/e2e/src/bin/app-bench.rs): the release build, cold, on a vault of
/// 100,000 entries, under Xvfb; then the binary's size as built and stripped.
fn app() -> Result {
    crate::setup(&["e2e"])?;
    sh(cargo().args([
        "build",
        "--release",
        "--locked",
        "-p",
        "tandem-cli",
        "-p",
        "tandem-app",
    ]))?;
    sh(cargo().args([
        "build",
        "--release",
        "--locked",
        "-p",
        "tandem-e2e",
        "--bin",
        "app-bench",
    ]))?;
    let dir = root().join("target/bench/100000");
    prepare_vault(&dir, 100_000)?;
    let app = root().join("target/release/tandem-app");
    sh(Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(root().join("target/release/app-bench"))
        .arg(&dir)
        .arg("5")
        .env("TANDEM_PASSPHRASE", PASS)
        .env("TANDEM_E2E_APP", &app))?;
    let stripped = root().join("target/bench/tandem-app.stripped");
    sh(Command::new("strip").arg("-o").arg(&stripped).arg(&app))?;
    let mib = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.len() as f64 / 1_048_576.0)
            .unwrap_or(0.0)
    };
    println!(
        "| release binary, as built / stripped | {:.1} MiB / {:.1} MiB |",
        mib(&app),
        mib(&stripped)
    );
    Ok(())
}

/// Builds the input and the Tandem vault for `n` entries, once.
fn prepare_vault(dir: &Path, n: usize) -> Result {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let input = dir.join("input.jsonl");
    if !input.exists() {
        std::fs::write(&input, Corpus::new(42).jsonl(n)).map_err(|e| e.to_string())?;
    }
    let vault = dir.join("vault.tandem");
    if !vault.exists() {
        let tandem = root().join("target/release/tandem");
        let env = |c: &mut Command| {
            c.env("TANDEM_VAULT", &vault)
                .env("TANDEM_PASSPHRASE", PASS)
                .stdout(Stdio::null());
        };
        let mut init = Command::new(&tandem);
        init.arg("init");
        env(&mut init);
        sh(&mut init)?;
        let mut import = Command::new(&tandem);
        import.arg("import").arg(&input);
        env(&mut import);
        sh(&mut import)?;
    }
    Ok(())
}

/// Builds the input, the Tandem vault and the jrnl journal for `n` entries, once.
fn prepare(dir: &Path, n: usize) -> Result {
    prepare_vault(dir, n)?;
    let input = dir.join("input.jsonl");
    if !dir.join("jrnl/jrnl.yaml").exists() {
        sh(Command::new(venv().join("bin/python"))
            .arg(root().join("xtask/bench/jrnl_journal.py"))
            .arg(&input)
            .arg(dir.join("jrnl"))
            .arg(PASS)
            .stdout(Stdio::null()))?;
    }
    Ok(())
}

struct Tool {
    name: &'static str,
    dir: PathBuf,
}

impl Tool {
    fn tandem(dir: &Path) -> Tool {
        Tool {
            name: "tandem",
            dir: dir.to_path_buf(),
        }
    }

    fn jrnl(dir: &Path) -> Tool {
        Tool {
            name: "jrnl 4.6",
            dir: dir.to_path_buf(),
        }
    }

    /// The command under /usr/bin/time, which reports its peak RSS in KiB.
    fn timed(&self, args: &[&str]) -> Command {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "%M", "--"]);
        if self.name == "tandem" {
            c.arg(root().join("target/release/tandem"))
                .env("TANDEM_VAULT", self.dir.join("vault.tandem"))
                .env("TANDEM_PASSPHRASE", PASS);
        } else {
            // `setsid -w` detaches jrnl from any terminal so it reads the password from stdin;
            // the XDG folders and a failing keyring keep it away from the real home folder.
            let j = self.dir.join("jrnl");
            c.args(["setsid", "-w"])
                .arg(venv().join("bin/jrnl"))
                .arg("--config-file")
                .arg(j.join("jrnl.yaml"))
                .env("XDG_DATA_HOME", j.join("xdg-data"))
                .env("XDG_CONFIG_HOME", j.join("xdg-config"))
                .env("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring");
        }
        c.args(args);
        c
    }

    fn add(&self) -> Command {
        if self.name == "tandem" {
            self.timed(&[
                "add",
                "moment",
                "--json",
                r#"{"text":"Benchmark entry about a quokka."}"#,
            ])
        } else {
            self.timed(&["Benchmark entry about a quokka."])
        }
    }

    fn search(&self) -> Command {
        if self.name == "tandem" {
            self.timed(&["search", "quokka"])
        } else {
            self.timed(&["-contains", "quokka"])
        }
    }

    fn people(&self) -> Command {
        self.timed(&["people"])
    }
}

/// Runs a command `runs` times; returns the median wall time (s) and the largest peak RSS (MB).
fn measure(runs: usize, make: impl Fn() -> Command) -> Result<(f64, f64)> {
    let mut times = Vec::new();
    let mut peak: f64 = 0.0;
    for _ in 0..runs {
        let mut cmd = make();
        let start = std::time::Instant::now();
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
        {
            use std::io::Write;
            // jrnl reads its password from stdin; tandem ignores stdin here.
            let mut stdin = child.stdin.take().expect("piped");
            let _ = writeln!(stdin, "{PASS}");
        }
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64());
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            return Err(format!("{cmd:?} failed: {stderr}"));
        }
        let last = stderr.lines().last().unwrap_or_default().trim();
        let kib: f64 = last
            .parse()
            .map_err(|_| format!("unexpected /usr/bin/time output: {last}"))?;
        peak = peak.max(kib / 1024.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], peak))
}
