//! The app's benchmark: start-up, unlock at scale, and memory, measured on the real app in its
//! real webview. `cargo xtask bench --app` builds a vault of 100,000 entries and runs this under
//! Xvfb against the release build; results go in docs/benchmarks.md.
//!
//! Usage: `app-bench VAULT_DIR RUNS` with `TANDEM_PASSPHRASE` set and `TANDEM_E2E_APP` naming
//! the app binary. Each run starts the app cold on `VAULT_DIR/vault.tandem` and records:
//! - first screen: from asking WebKitWebDriver for a session (which launches the app) until the
//!   unlock form is in the page, as seen from outside; and inside the page, from navigation start
//!   to the moment the unlock screen was rendered;
//! - unlock to timeline: inside the page, from the Unlock click to the first page of entries
//!   rendered (key derivation, decrypting every entry, listing, rendering);
//! - memory: resident memory of the app process and of its WebKit processes, idle on the unlock
//!   screen at start, idle with the vault unlocked on the timeline, and idle after locking again.

use std::time::{Duration, Instant};

use tandem_e2e::{App, app_binary, poll};

/// Resident memory in KiB of the app process and, separately, of the WebKit processes it started.
fn memory() -> (u64, u64) {
    let app = app_binary().canonicalize().expect("the app binary");
    let mut app_pids = Vec::new();
    let mut all = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
                .unwrap_or_default()
        };
        let rss: u64 = field("VmRSS:").parse().unwrap_or(0);
        let ppid: u32 = field("PPid:").parse().unwrap_or(0);
        if std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .as_deref()
            == Some(app.as_path())
        {
            app_pids.push((pid, rss));
        }
        all.push((pid, ppid, rss));
    }
    assert_eq!(
        app_pids.len(),
        1,
        "expected exactly one app process running"
    );
    let (pid, rss) = app_pids[0];
    let webkit = all
        .iter()
        .filter(|(_, ppid, _)| *ppid == pid)
        .map(|(_, _, r)| r)
        .sum();
    (rss, webkit)
}

/// Memory once it has stopped changing by more than 1% between samples a second apart.
async fn settled_memory() -> (u64, u64) {
    let mut last = memory();
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = memory();
        let total = |m: (u64, u64)| (m.0 + m.1) as f64;
        if (total(now) - total(last)).abs() <= total(last) * 0.01 {
            return now;
        }
        last = now;
    }
    last
}

async fn mark(app: &App, name: &str) -> f64 {
    let script = format!(
        "const m = performance.getEntriesByName('{name}'); return m.length ? m[m.length - 1].startTime : null;"
    );
    app.js(&script, vec![])
        .await
        .as_f64()
        .unwrap_or_else(|| panic!("no performance mark {name}"))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::PathBuf::from(args.first().expect("usage: app-bench VAULT_DIR RUNS"));
    let runs: usize = args
        .get(1)
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let passphrase = std::env::var("TANDEM_PASSPHRASE").expect("TANDEM_PASSPHRASE");
    let (mut outside, mut inside, mut unlock, mut outside_unlock) =
        (vec![], vec![], vec![], vec![]);
    let mut mem_start = (0, 0);
    let mut mem_locked = (0, 0);
    let mut mem_open = (0, 0);
    for run in 0..runs {
        let app = App::start(&dir).await;
        let found = poll(Duration::from_secs(30), || async {
            app.driver()
                .find(thirtyfour::By::Css("form[data-action=unlock]"))
                .await
                .ok()
                .map(|_| Instant::now())
        })
        .await
        .expect("the unlock screen within 30 s");
        outside.push((found - app.launched_at()).as_secs_f64() * 1000.0);
        inside.push(mark(&app, "tandem:first-screen").await);
        if run == 0 {
            mem_start = settled_memory().await;
        }

        app.type_into("#unlock-passphrase", &passphrase).await;
        let clicked = Instant::now();
        app.click("form[data-action=unlock] button[type=submit]")
            .await;
        app.try_wait_for(".entry-row", Duration::from_secs(30))
            .await
            .expect("the timeline after unlocking");
        outside_unlock.push(clicked.elapsed().as_secs_f64() * 1000.0);
        unlock.push(mark(&app, "tandem:timeline").await - mark(&app, "tandem:unlock").await);
        if run == 0 {
            mem_open = settled_memory().await;
            app.chord(thirtyfour::Key::Control, "l").await;
            app.wait_for("form[data-action=unlock]").await;
            mem_locked = settled_memory().await;
        }
        app.stop().await;
        eprintln!(
            "run {}: first screen {:.0} ms (page {:.0} ms), unlock to timeline {:.0} ms",
            run + 1,
            outside[run],
            inside[run],
            unlock[run]
        );
    }
    let mib = |k: u64| k as f64 / 1024.0;
    println!("| measure | median of {runs} |");
    println!("|---|---|");
    println!(
        "| first screen, from launch (outside, via WebDriver) | {:.0} ms |",
        median(&mut outside)
    );
    println!(
        "| first screen, from page start (inside) | {:.0} ms |",
        median(&mut inside)
    );
    println!(
        "| unlock click to rendered timeline (inside) | {:.0} ms |",
        median(&mut unlock)
    );
    println!(
        "| unlock click to rendered timeline (outside) | {:.0} ms |",
        median(&mut outside_unlock)
    );
    println!(
        "| idle memory on the unlock screen at start: app / WebKit processes | {:.0} MiB / {:.0} MiB |",
        mib(mem_start.0),
        mib(mem_start.1)
    );
    println!(
        "| idle memory, unlocked: app / WebKit processes | {:.0} MiB / {:.0} MiB |",
        mib(mem_open.0),
        mib(mem_open.1)
    );
    println!(
        "| idle memory, locked again: app / WebKit processes | {:.0} MiB / {:.0} MiB |",
        mib(mem_locked.0),
        mib(mem_locked.1)
    );
}
