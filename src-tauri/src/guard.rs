//! The lock guard: the shell, not the page, decides when to lock. A thread looks once a second
//! at how long the worker has been idle (the page only reports activity) and whether the
//! window is hidden, and drops everything decrypted when either says so, then tells the page.
//! A stalled or frozen page cannot stop it, and the first-run screen showing a new recovery
//! key counts as holding secrets, because the vault behind it is unlocked.

use std::time::Duration;

use tauri::{AppHandle, Manager, Runtime};

use crate::AppState;

/// How often the guard looks. A lock is at most this late.
const TICK: Duration = Duration::from_secs(1);

/// What the page is sent when the shell has locked: it clears itself and shows the unlock
/// screen. A fixed script, never built from data.
const LOCKED_SCRIPT: &str = "window.dispatchEvent(new Event('tandem-locked'))";

/// How long the worker may be idle before the vault locks. Debug builds let
/// `TANDEM_TEST_IDLE_SECONDS` shorten it, so the end-to-end tests need not wait a minute.
fn idle_limit(state: &AppState) -> Duration {
    if cfg!(debug_assertions)
        && let Some(secs) = std::env::var("TANDEM_TEST_IDLE_SECONDS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
    {
        return Duration::from_secs(secs);
    }
    Duration::from_secs(u64::from(state.settings().auto_lock_minutes) * 60)
}

/// True when the main window cannot be seen: minimised or hidden.
fn hidden<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.get_webview_window("main")
        .is_some_and(|w| w.is_minimized().unwrap_or(false) || !w.is_visible().unwrap_or(true))
}

/// Locks now and tells the page.
pub fn lock_now<R: Runtime>(app: &AppHandle<R>) {
    app.state::<AppState>().lock_all();
    if let Some(w) = app.get_webview_window("main") {
        // If the page is stalled, the script runs when it wakes; the secrets are gone already.
        let _ = w.eval(LOCKED_SCRIPT);
    }
}

/// Starts the guard for the app's lifetime.
pub fn watch<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(TICK);
            let state = app.state::<AppState>();
            if !state.holds_secrets() {
                continue;
            }
            let idle = state
                .last_activity
                .lock()
                .map(|t| t.elapsed())
                .unwrap_or(Duration::MAX);
            let hide_locks = state.settings().lock_when_hidden;
            if idle >= idle_limit(&state) || (hide_locks && hidden(&app)) {
                lock_now(&app);
            }
        }
    });
}
