//! The project's task runner: `cargo xtask setup | run | test | bench`.
//!
//! Everything a fresh Debian machine needs is installed here (system packages with apt-get, tools
//! with cargo, pip or npm), so the README's two commands and CI need nothing done by hand.

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
/// The end-to-end tests run the app on a virtual display (`xvfb-run`, which needs `xauth`) and
/// drive its webview through WebKitGTK's WebDriver server (`WebKitWebDriver`); `xdotool` finds
/// and answers the native file dialogs, which WebDriver cannot reach.
const PACKAGES_E2E: &[&str] = &["xvfb", "xauth", "webkit2gtk-driver", "xdotool"];
/// Where the end-to-end tests live, relative to the workspace root; their axe-core comes from
/// npm into `node_modules` there.
const E2E_DIR: &str = "tests/e2e";
/// The virtual display the end-to-end tests run on: as large as the largest size they check.
const XVFB_SCREEN: &str = "-screen 0 1280x800x24";

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
                 setup [build|e2e|bench]\n                      \
                 install what building and every test need; build: only what building\n                      \
                 needs; e2e, bench: that and what the end-to-end tests or benchmarks need\n  \
                 run [ARGS…]          build and open the app on your vault; with ARGS, run the\n                      \
                 `tandem` command line instead (e.g. `run list`)\n  \
                 test                 formatting, lints and every test\n  \
                 bench [--quick | --whole-process | --app]\n                      \
                 in-process (criterion) and whole-process benchmarks; --quick: 1,000 entries\n                      \
                 only and no criterion; --whole-process: skip criterion; --app: the app's\n                      \
                 start-up, unlock at 100,000 entries, memory and binary size"
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

/// With no argument, installs what building and every test need; `build` only what building
/// needs; `e2e` or `bench` add what those need to what building needs.
pub fn setup(what: &[&str]) -> Result {
    let e2e = what.is_empty() || what.contains(&"e2e");
    if e2e {
        // One apt-get run for both lists: each run starts with a slow `apt-get update`.
        apt_install(&[PACKAGES_BUILD, PACKAGES_E2E].concat())?;
        setup_e2e()?;
    } else {
        apt_install(PACKAGES_BUILD)?;
    }
    if what.contains(&"bench") {
        apt_install(PACKAGES_BENCH)?;
        bench::install_jrnl()?;
    }
    Ok(())
}

/// What the end-to-end tests need besides Debian packages: tauri-driver (the WebDriver server
/// that starts the app and hands its webview to WebKitWebDriver) and axe-core from npm, pinned
/// by `tests/e2e/package-lock.json`.
fn setup_e2e() -> Result {
    if find_program("npm").is_none() {
        apt_install(&["nodejs", "npm"])?;
    }
    // rage: the standard command-line age tool the export tests open encrypted summaries with.
    if find_program("rage").is_none() || find_program("rage-keygen").is_none() {
        sh(cargo().args(["install", "rage", "--locked"]))?;
    }
    if find_program("tauri-driver").is_none() {
        sh(cargo().args(["install", "tauri-driver", "--locked", "--version", "^2"]))?;
    }
    // `npm ci` installs exactly the lock file's versions, and only when the lock file matches
    // package.json. `--prefix` rather than a working directory, because `sh` runs every command
    // from the workspace root.
    sh(Command::new("npm").args([
        "ci",
        "--prefix",
        E2E_DIR,
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ]))
}

/// Finds a program on `PATH`, or in cargo's bin folder, where `cargo install` puts it even when
/// that folder is not on `PATH` (the end-to-end harness looks there too).
fn find_program(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// Builds the release CLI and opens the default vault: creates it first if there is none (the
/// passphrase is asked on the terminal), then lists the latest entries. With arguments, passes
/// them to `tandem` instead.
fn run(args: &[String]) -> Result {
    setup(&["build"])?;
    if !args.is_empty() {
        // `./x run ARGS`: the command line, on the same default vault.
        sh(cargo().args(["build", "--release", "--locked", "-p", "tandem-cli"]))?;
        let mut tandem = Command::new(root().join("target/release/tandem"));
        return sh(tandem.current_dir(root()).args(args));
    }
    // `./x run`: the app, which offers to create the vault at the default location on first run.
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(
            "the app needs a desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set); \
             on a machine without one, `./x run list` and the other `tandem` commands work"
                .into(),
        );
    }
    sh(cargo().args(["build", "--release", "--locked", "-p", "tandem-app"]))?;
    let vault = tandem_core::vault::default_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "vault.tandem".into());
    eprintln!("Opening Tandem on {vault} (set TANDEM_VAULT to use another vault).");
    sh(Command::new(root().join("target/release/tandem-app")).current_dir(root()))
}

/// Formatting, lints, and every test (unit, integration, crash loop, end to end).
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
    // The end-to-end tests need a display and a built app, so they run on their own below.
    sh(cargo().args(["test", "--workspace", "--locked", "--exclude", "tandem-e2e"]))?;
    sh(cargo().args(["build", "--locked", "-p", "tandem-app"]))?;
    // `-a` picks a free display number, so a desktop session or another run is left alone.
    let mut e2e = Command::new("xvfb-run");
    e2e.args(["-a", "-s", XVFB_SCREEN])
        .arg(cargo().get_program())
        .args(["test", "--locked", "-p", "tandem-e2e"]);
    sh(&mut e2e)?;
    eprintln!("\nAll checks and tests passed.");
    Ok(())
}
