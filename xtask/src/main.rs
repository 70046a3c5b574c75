//! The project's task runner: `cargo xtask setup | run | test | bench`.
//!
//! Everything a fresh Debian machine needs is installed here (system packages with apt-get, tools
//! with cargo or pip), so the README's two commands and CI need nothing done by hand.

#![forbid(unsafe_code)]

mod bench;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Debian packages each task needs. `rusqlite` builds SQLite from source (a C compiler); the
/// app's webview needs WebKitGTK and GTK (TOOLCHAIN.md); `setsid` (util-linux) runs the
/// no-terminal test; `time` measures peak memory in benchmarks.
const PACKAGES_BUILD: &[&str] = &[
    "build-essential",
    "pkg-config",
    "util-linux",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libsoup-3.0-dev",
    "libjavascriptcoregtk-4.1-dev",
    "libssl-dev",
];
const PACKAGES_BENCH: &[&str] = &["time", "python3-venv"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup(&args[1..].iter().map(String::as_str).collect::<Vec<_>>()),
        Some("run") => run(&args[1..]),
        Some("test") => test(),
        Some("bench") => bench::run(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n\
                 tasks:\n  \
                 setup [build|bench]  install what building (or benchmarking) needs\n  \
                 run [ARGS…]          build tandem and open your vault (ARGS go to tandem)\n  \
                 test                 formatting, lints and every test\n  \
                 bench [--quick | --whole-process]\n                      \
                 in-process (criterion) and whole-process benchmarks; --quick: 1,000 entries\n                      \
                 only and no criterion; --whole-process: skip criterion"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

/// Runs a command in the workspace root, failing with its name if it fails.
pub fn sh(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    eprintln!("$ {}", shown.replace('"', ""));
    let status = cmd
        .current_dir(root())
        .status()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

/// Installs missing Debian packages with apt-get (as root, or through sudo).
pub fn apt_install(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let prefix: &[&str] = if is_root { &[] } else { &["sudo"] };
    let run = |args: &[&str]| {
        let mut full: Vec<&str> = prefix.to_vec();
        full.extend_from_slice(args);
        let mut c = Command::new(full[0]);
        c.args(&full[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        sh(&mut c)
    };
    run(&["apt-get", "update", "-q"])?;
    let mut args = vec!["apt-get", "install", "-y", "-q", "--no-install-recommends"];
    args.extend(&missing);
    run(&args)
}

fn setup(what: &[&str]) -> Result {
    apt_install(PACKAGES_BUILD)?;
    if what.contains(&"bench") {
        apt_install(PACKAGES_BENCH)?;
        bench::install_jrnl()?;
    }
    Ok(())
}

/// Builds the release CLI and opens the default vault: creates it first if there is none (the
/// passphrase is asked on the terminal), then lists the latest entries. With arguments, passes
/// them to `tandem` instead.
fn run(args: &[String]) -> Result {
    setup(&[])?;
    sh(cargo().args(["build", "--release", "--locked", "-p", "tandem-cli"]))?;
    let tandem = root().join("target/release/tandem");
    let tandem_cmd = || {
        let mut c = Command::new(&tandem);
        c.current_dir(root());
        c
    };
    if !args.is_empty() {
        return sh(tandem_cmd().args(args));
    }
    let vault_exists = Command::new(&tandem)
        .args(["list", "--limit", "0"])
        .env("TANDEM_PASSPHRASE", "")
        .output()
        .map(|o| !String::from_utf8_lossy(&o.stderr).contains("no vault at"))
        .unwrap_or(false);
    if !vault_exists {
        eprintln!("No vault yet: let's create one.");
        sh(tandem_cmd().arg("init"))?;
    }
    sh(tandem_cmd().args(["list", "--limit", "20"]))?;
    eprintln!(
        "\nTandem is built at {}. Try `{} --help`.",
        tandem.display(),
        tandem.display()
    );
    Ok(())
}

/// Formatting, lints, and every test (unit, integration, crash loop).
fn test() -> Result {
    setup(&[])?;
    sh(cargo().args(["fmt", "--all", "--", "--check"]))?;
    sh(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    sh(cargo().args(["test", "--workspace", "--locked"]))?;
    eprintln!("\nAll checks and tests passed.");
    Ok(())
}
