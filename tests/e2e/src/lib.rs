//! The end-to-end harness: the real `tandem-app` binary in its real webview (WebKitGTK), driven
//! over WebDriver through `tauri-driver` and `WebKitWebDriver`, on a display that `xvfb-run`
//! provides (`cargo xtask test` sets all of this up).
//!
//! A scenario starts an [`App`] on a vault folder of its own, acts through CSS selectors, and
//! checks what a person would see. Every wait polls against a deadline and panics with a message
//! that names what it waited for; nothing sleeps to synchronise.
//!
//! ```no_run
//! use tandem_e2e::{App, Key, SIZES};
//!
//! async fn example() {
//!     let dir = tempfile::tempdir().unwrap();
//!     let app = App::start(dir.path()).await;
//!     app.wait_for("form[data-action=create]").await;
//!     app.type_into("input[name=passphrase]", "correct horse battery").await;
//!     app.chord(Key::Control, "l").await;
//!     for size in SIZES {
//!         app.set_size(size).await;
//!         app.screenshot(&format!("first-run-{}", size.name)).await;
//!     }
//!     app.axe("first run").await;
//!     app.stop().await;
//! }
//! ```

mod runner;

pub use runner::{Scenario, run};
pub use thirtyfour::{Key, TypingData, WebDriver, WebElement};

use serde_json::{Value, json};
use std::future::Future;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};
use thirtyfour::{By, Capabilities};

/// How long a wait for something on screen may take. The app answers in milliseconds; ten
/// seconds leaves room for a loaded two-core machine without letting a broken screen hang a run.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// How often waits look again.
const POLL: Duration = Duration::from_millis(50);

/// Starting the app (GTK, WebKit's web process, the first page) is the slowest step of all.
const START_DEADLINE: Duration = Duration::from_secs(60);

/// A viewport size to check the layout at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Used in screenshot names.
    pub name: &'static str,
    pub width: u32,
    pub height: u32,
}

/// A small phone held upright: the narrowest layout the app must support.
pub const PHONE: Size = Size {
    name: "phone",
    width: 360,
    height: 740,
};

/// A laptop screen.
pub const DESKTOP: Size = Size {
    name: "desktop",
    width: 1280,
    height: 800,
};

/// Every size a screen is checked at, narrowest first.
pub const SIZES: [Size; 2] = [PHONE, DESKTOP];

/// The workspace root: this crate lives at `tests/e2e` below it. Tests run with the crate's own
/// folder as working directory, so every path is resolved from here instead.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tests/e2e sits two levels below the workspace root")
        .to_path_buf()
}

/// Cargo's target folder: `CARGO_TARGET_DIR` when the caller set one, else `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// The debug build of the app, which `cargo build -p tandem-app` makes, unless `TANDEM_E2E_APP`
/// names another build (the app benchmark uses the release build).
pub fn app_binary() -> PathBuf {
    match std::env::var_os("TANDEM_E2E_APP") {
        Some(path) => workspace_root().join(path),
        None => target_dir().join("debug/tandem-app"),
    }
}

/// Panics unless a display is set: without one the app panics in GTK start-up and the WebDriver
/// session hangs instead of failing, so this is checked before anything is started.
pub fn require_display() {
    let display = std::env::var_os("DISPLAY").unwrap_or_default();
    if display.is_empty() {
        panic!(
            "DISPLAY is not set, so the app cannot open a window. Run the end-to-end tests \
             under Xvfb: `xvfb-run -a -s \"-screen 0 1280x800x24\" cargo test -p tandem-e2e`, \
             or `cargo xtask test`, which does that."
        );
    }
}

/// Panics unless the app binary exists and is newer than every source it embeds, so that a
/// scenario never passes or fails against an old build.
fn require_fresh_app() -> PathBuf {
    let binary = app_binary();
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| {
            panic!(
                "{} does not exist: build the app first with `cargo build -p tandem-app` \
                 (`cargo xtask test` does)",
                binary.display()
            )
        });
    let root = workspace_root();
    let sources = [
        "ui",
        "src-tauri/src",
        "src-tauri/capabilities",
        "src-tauri/tauri.conf.json",
        "src-tauri/Cargo.toml",
        "core/src",
    ];
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    for source in sources {
        newest_file(&root.join(source), &mut newest);
    }
    if let Some((changed, path)) = newest
        && changed > built
    {
        panic!(
            "{} is older than {}: rebuild it with `cargo build -p tandem-app` \
             (`cargo xtask test` does). If cargo finds nothing to do, the file is new and cargo \
             does not know the app embeds it: `touch src-tauri/src/lib.rs` and build again.",
            binary.display(),
            path.display()
        );
    }
    binary
}

/// Keeps in `newest` the most recently modified file at or below `path`.
fn newest_file(path: &Path, newest: &mut Option<(SystemTime, PathBuf)>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
            newest_file(&entry.path(), newest);
        }
    } else if let Ok(modified) = meta.modified()
        && newest.as_ref().is_none_or(|(t, _)| modified > *t)
    {
        *newest = Some((modified, path.to_path_buf()));
    }
}

/// Finds `name` on `PATH`, then in cargo's own bin folder, where `cargo install` puts it even
/// when that folder is not on `PATH`.
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

/// A port `p` such that `p` and `p + 1` are both free on the loopback interface, since
/// tauri-driver listens on one and its WebKitWebDriver child on the next.
fn free_port_pair() -> u16 {
    for _ in 0..100 {
        let first = TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
        let port = first.local_addr().expect("a bound port").port();
        if port < u16::MAX && TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("found no two consecutive free ports on 127.0.0.1");
}

/// Sends a bodiless request to the WebDriver server at `port` and returns the response's status
/// code, or `None` when there is no server or no answer within `timeout`. Plain blocking std I/O
/// on purpose: it runs where no async runtime can be relied on (see `Drop for App`).
fn http_status(port: u16, method: &str, path: &str, timeout: Duration) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(timeout)).ok()?;
    stream.set_write_timeout(Some(timeout)).ok()?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\
         Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).ok()?;
    // The status line starts "HTTP/1.1 200".
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..]).ok()?.parse().ok()
}

/// True once the WebDriver server at `port` answers `GET /status` with 200. tauri-driver
/// forwards every request to WebKitWebDriver, so this means both are up.
fn driver_ready(port: u16) -> bool {
    http_status(port, "GET", "/status", Duration::from_secs(2)) == Some(200)
}

/// Polls `check` until it gives `Some`, or gives up after `deadline` and returns `None`.
pub async fn poll<T, F, Fut>(deadline: Duration, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let end = Instant::now() + deadline;
    loop {
        if let Some(value) = check().await {
            return Some(value);
        }
        if Instant::now() >= end {
            return None;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// One running app: its tauri-driver (and so WebKitWebDriver and the app itself) and a WebDriver
/// session on it. Stop it with [`App::stop`]; dropping it (say, when a scenario panics) cleans up
/// too, synchronously.
pub struct App {
    driver: Option<WebDriver>,
    launched: Instant,
    tauri_driver: Option<Child>,
    port: u16,
    vault: PathBuf,
    dialog_dir: PathBuf,
}

impl App {
    /// Starts the app on the vault `vault_dir/vault.tandem` (which need not exist: an empty
    /// folder gives the first-run screen). Its settings file lives beside the vault, so a fresh
    /// folder is a fresh install. File dialogs are answered from [`App::dialog_dir`]. Panics
    /// with the reason if anything is missing or slow.
    pub async fn start(vault_dir: &Path) -> App {
        Self::launch(vault_dir, true, &[]).await
    }

    /// Like [`App::start`], with extra environment variables for the app (its debug-build test
    /// seams, such as `TANDEM_TEST_IDLE_SECONDS`).
    pub async fn start_with_env(vault_dir: &Path, env: &[(&str, &str)]) -> App {
        Self::launch(vault_dir, true, env).await
    }

    /// Like [`App::start`], with the app's real, native file dialogs: find and answer them with
    /// [`App::native_dialog`].
    pub async fn start_with_native_dialogs(vault_dir: &Path) -> App {
        Self::launch(vault_dir, false, &[]).await
    }

    async fn launch(vault_dir: &Path, answer_dialogs: bool, env: &[(&str, &str)]) -> App {
        require_display();
        let binary = require_fresh_app();
        let tauri_driver = find_program("tauri-driver").unwrap_or_else(|| {
            panic!("tauri-driver is not installed: run `cargo xtask setup` (or `cargo install tauri-driver --locked`)")
        });
        if find_program("WebKitWebDriver").is_none() {
            panic!(
                "WebKitWebDriver is not installed: run `cargo xtask setup` (Debian package webkit2gtk-driver)"
            );
        }
        let vault = vault_dir.join("vault.tandem");
        let dialog_dir = vault_dir.join("files");
        std::fs::create_dir_all(&dialog_dir)
            .unwrap_or_else(|e| panic!("could not create {}: {e}", dialog_dir.display()));
        let port = free_port_pair();
        // Environment variables given to tauri-driver reach WebKitWebDriver and, through it, the
        // app, which reads its vault path from TANDEM_VAULT. File dialogs cannot be clicked
        // through over WebDriver, so TANDEM_TEST_DIALOG_DIR answers them from a folder.
        let mut command = Command::new(&tauri_driver);
        command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &(port + 1).to_string()])
            .env("TANDEM_VAULT", &vault)
            .envs(env.iter().copied());
        if answer_dialogs {
            command.env("TANDEM_TEST_DIALOG_DIR", &dialog_dir);
        } else {
            command.env_remove("TANDEM_TEST_DIALOG_DIR");
        }
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {}: {e}", tauri_driver.display()));
        let mut app = App {
            driver: None,
            launched: Instant::now(),
            tauri_driver: Some(child),
            port,
            vault,
            dialog_dir,
        };

        let ready = poll(DEADLINE, || {
            let exited = app
                .tauri_driver
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten());
            async move {
                match exited {
                    Some(status) => Some(Err(status)),
                    None => tokio::task::spawn_blocking(move || driver_ready(port))
                        .await
                        .unwrap_or(false)
                        .then_some(Ok(())),
                }
            }
        })
        .await;
        match ready {
            Some(Ok(())) => {}
            Some(Err(status)) => panic!("tauri-driver exited at start-up ({status})"),
            None => panic!(
                "tauri-driver did not answer on port {port} within {} s",
                DEADLINE.as_secs()
            ),
        }

        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").expect("a string capability");
        caps.set("tauri:options", json!({ "application": binary }))
            .expect("a JSON capability");
        app.launched = Instant::now();
        let session = WebDriver::builder(format!("http://127.0.0.1:{port}"), caps)
            .request_timeout(START_DEADLINE)
            .connect();
        let driver = match tokio::time::timeout(START_DEADLINE, session).await {
            Ok(Ok(driver)) => driver,
            Ok(Err(e)) => panic!("could not open a WebDriver session on the app: {e}"),
            Err(_) => panic!(
                "the app did not open within {} s (is the display working?)",
                START_DEADLINE.as_secs()
            ),
        };
        // axe can take a few seconds on a large page; the WebDriver default is 30 s anyway, but
        // say it here so a slow run fails with a script timeout rather than a hang.
        driver
            .set_script_timeout(Duration::from_secs(30))
            .await
            .expect("set the script timeout");
        app.driver = Some(driver);
        app
    }

    /// When the WebDriver session was requested, which is when WebKitWebDriver starts the app.
    pub fn launched_at(&self) -> Instant {
        self.launched
    }

    /// The WebDriver session, for anything the helpers below do not cover.
    pub fn driver(&self) -> &WebDriver {
        self.driver.as_ref().expect("the session is open")
    }

    /// The vault file this app was started on.
    pub fn vault(&self) -> &Path {
        &self.vault
    }

    /// Waits for a native window titled `title` (a GTK file dialog) to appear on the display,
    /// gives it the keyboard and presses `key` in it (`Escape` cancels), through `xdotool`.
    /// Panics if no such window shows up in time.
    pub async fn native_dialog(&self, title: &str, key: &str) {
        self.answer_native_dialog(title, None, key).await;
    }

    /// Like [`App::native_dialog`], typing `path` over the file name of a save dialog (which
    /// takes a whole path there), then pressing Return.
    pub async fn native_dialog_save_as(&self, title: &str, path: &Path) {
        let path = path.to_str().expect("a UTF-8 path");
        self.answer_native_dialog(title, Some(("ctrl+a", path)), "Return")
            .await;
    }

    async fn answer_native_dialog(&self, title: &str, text: Option<(&str, &str)>, key: &str) {
        let xdotool = find_program("xdotool")
            .unwrap_or_else(|| panic!("xdotool is not installed: run `cargo xtask setup`"));
        let search = || {
            let out = Command::new(&xdotool)
                .args(["search", "--onlyvisible", "--name", title])
                .output()
                .ok()?;
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            text.lines().next().map(str::to_string)
        };
        let window = poll(DEADLINE, || async { search() })
            .await
            .unwrap_or_else(|| {
                panic!(
                    "no native window titled {title:?} appeared within {} s",
                    DEADLINE.as_secs()
                )
            });
        let mut steps = vec![vec!["windowfocus", "--sync", window.as_str()]];
        if let Some((first, text)) = text {
            steps.push(vec!["key", "--clearmodifiers", first]);
            steps.push(vec!["type", "--clearmodifiers", "--delay", "20", text]);
        }
        steps.push(vec!["key", "--clearmodifiers", key]);
        for args in steps {
            let status = Command::new(&xdotool)
                .args(&args)
                .status()
                .unwrap_or_else(|e| panic!("could not run xdotool {args:?}: {e}"));
            assert!(status.success(), "xdotool {args:?} failed ({status})");
        }
    }

    /// The folder that answers the app's file dialogs: a save lands here under its suggested
    /// name, and an open takes every `.json` and `.age` file in it.
    pub fn dialog_dir(&self) -> &Path {
        &self.dialog_dir
    }

    /// Waits until an element matches `css` and returns the first one. On timeout, saves a
    /// screenshot and panics with the selector and the start of the page's HTML.
    pub async fn wait_for(&self, css: &str) -> WebElement {
        match self.try_wait_for(css, DEADLINE).await {
            Ok(element) => element,
            Err(message) => self.fail(&message, css).await,
        }
    }

    /// Like [`App::wait_for`] with a deadline of your choice, and an error instead of a panic.
    pub async fn try_wait_for(&self, css: &str, deadline: Duration) -> Result<WebElement, String> {
        poll(deadline, || async {
            self.driver().find(By::Css(css)).await.ok()
        })
        .await
        .ok_or_else(|| {
            format!(
                "no element matches `{css}` after {:.1} s",
                deadline.as_secs_f32()
            )
        })
    }

    /// Waits until an element matches `css` and its text contains `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> WebElement {
        let found = poll(DEADLINE, || async {
            let element = self.driver().find(By::Css(css)).await.ok()?;
            let text = element.text().await.ok()?;
            text.contains(needle).then_some(element)
        })
        .await;
        match found {
            Some(element) => element,
            None => {
                let shown = self.text_now(css).await;
                let message = format!(
                    "`{css}` did not come to contain {needle:?} within {} s (it shows {shown:?})",
                    DEADLINE.as_secs()
                );
                self.fail(&message, css).await
            }
        }
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let gone = poll(DEADLINE, || async {
            match self.driver().find_all(By::Css(css)).await {
                Ok(found) if found.is_empty() => Some(()),
                _ => None,
            }
        })
        .await;
        if gone.is_none() {
            let message = format!("`{css}` is still shown after {} s", DEADLINE.as_secs());
            self.fail(&message, css).await;
        }
    }

    /// Waits until exactly `n` elements match `css` (say, entries in a list).
    pub async fn wait_count(&self, css: &str, n: usize) -> Vec<WebElement> {
        let found = poll(DEADLINE, || async {
            let all = self.driver().find_all(By::Css(css)).await.ok()?;
            (all.len() == n).then_some(all)
        })
        .await;
        match found {
            Some(all) => all,
            None => {
                let now = self.count(css).await;
                let message = format!(
                    "expected {n} elements matching `{css}`, still {now} after {} s",
                    DEADLINE.as_secs()
                );
                self.fail(&message, css).await
            }
        }
    }

    /// How many elements match `css` right now, without waiting.
    pub async fn count(&self, css: &str) -> usize {
        self.driver()
            .find_all(By::Css(css))
            .await
            .map(|all| all.len())
            .unwrap_or(0)
    }

    /// Replaces the content of the input or text area matching `css` with `text`, typed key by
    /// key as a person would (so input events fire).
    pub async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("could not clear `{css}`: {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("could not type into `{css}`: {e}"));
    }

    /// Clicks the element matching `css` once it is there, first scrolled to the middle of the
    /// screen as a person would scroll to it: WebDriver brings it only to the edge, where the
    /// entry form's sticky Save bar can cover it.
    pub async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.js(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
            vec![element.to_json().expect("an element reference")],
        )
        .await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("could not click `{css}`: {e}"));
    }

    /// The visible text of the element matching `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        element
            .text()
            .await
            .unwrap_or_else(|e| panic!("could not read the text of `{css}`: {e}"))
    }

    /// The current value of the input, select or text area matching `css`.
    pub async fn value(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        element
            .prop("value")
            .await
            .unwrap_or_else(|e| panic!("could not read the value of `{css}`: {e}"))
            .unwrap_or_default()
    }

    /// An attribute of the element matching `css` (`None` when it is absent).
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let element = self.wait_for(css).await;
        element
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("could not read `{name}` of `{css}`: {e}"))
    }

    /// Presses keys on whatever has focus, one after the other: `app.press(Key::Escape)`,
    /// `app.press("abc")`.
    pub async fn press(&self, keys: impl Into<TypingData>) {
        self.driver()
            .action_chain()
            .send_keys(keys)
            .perform()
            .await
            .unwrap_or_else(|e| panic!("could not press keys: {e}"));
    }

    /// Presses `keys` while holding `modifier` on whatever has focus: `app.chord(Key::Control,
    /// "l")` is Ctrl+L.
    pub async fn chord(&self, modifier: Key, keys: impl Into<TypingData>) {
        self.driver()
            .action_chain()
            .key_down(modifier.clone())
            .send_keys(keys)
            .key_up(modifier)
            .perform()
            .await
            .unwrap_or_else(|e| panic!("could not press a chord: {e}"));
    }

    /// Waits until the focused element matches `css`, for checks of where focus lands after a
    /// screen changes.
    pub async fn wait_focused(&self, css: &str) {
        let focused = poll(DEADLINE, || async {
            let matches = self
                .js(
                    "const a = document.activeElement; return !!a && a.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await;
            (matches == json!(true)).then_some(())
        })
        .await;
        if focused.is_none() {
            let active = self
                .js(
                    "const a = document.activeElement; return a ? a.outerHTML.slice(0, 200) : null;",
                    vec![],
                )
                .await;
            let message = format!(
                "focus did not reach `{css}` within {} s; it is on {active}",
                DEADLINE.as_secs()
            );
            self.fail(&message, css).await;
        }
    }

    /// Runs `script` in the page (with `arguments[i]` bound to `args`) and returns its result.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.driver()
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
            .json()
            .clone()
    }

    /// Sizes the window so that the page's viewport is `size`, and waits until the page has the
    /// new size. The window's frame, if the window system draws one, is allowed for.
    pub async fn set_size(&self, size: Size) {
        let viewport = || async {
            let v = self
                .js("return [window.innerWidth, window.innerHeight];", vec![])
                .await;
            (
                v[0].as_i64().unwrap_or(0) as i32,
                v[1].as_i64().unwrap_or(0) as i32,
            )
        };
        let want = (size.width as i32, size.height as i32);
        let mut window = want;
        // Two rounds: the first learns how much bigger the window is than its viewport (a frame,
        // a title bar), the second corrects for it.
        for _ in 0..2 {
            self.driver()
                .set_window_rect(0, 0, window.0 as u32, window.1 as u32)
                .await
                .unwrap_or_else(|e| panic!("could not resize the window to {window:?}: {e}"));
            let settled = poll(Duration::from_secs(2), || async {
                let v = viewport().await;
                (v == want).then_some(v)
            })
            .await;
            if settled.is_some() {
                return;
            }
            let (w, h) = viewport().await;
            window = (window.0 + want.0 - w, window.1 + want.1 - h);
        }
        let got = viewport().await;
        panic!(
            "the viewport is {}×{} instead of {}×{} after resizing (the app's minimum window \
             size, or the Xvfb screen, may be in the way)",
            got.0, got.1, want.0, want.1
        );
    }

    /// Saves a PNG of the window as `target/e2e-screenshots/NAME.png`, and as
    /// `docs/screenshots/NAME.png` too when `TANDEM_UPDATE_SCREENSHOTS=1`. Returns the first path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .driver()
            .screenshot_as_png()
            .await
            .unwrap_or_else(|e| panic!("could not take screenshot {name}: {e}"));
        let file = format!("{}.png", file_name(name));
        let mut folders = vec![target_dir().join("e2e-screenshots")];
        if std::env::var("TANDEM_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
            folders.push(workspace_root().join("docs/screenshots"));
        }
        for folder in &folders {
            std::fs::create_dir_all(folder)
                .unwrap_or_else(|e| panic!("could not create {}: {e}", folder.display()));
            let path = folder.join(&file);
            std::fs::write(&path, &png)
                .unwrap_or_else(|e| panic!("could not write {}: {e}", path.display()));
        }
        folders[0].join(file)
    }

    /// Panics, naming them, if any visible button's label is wider than the button (cut off or
    /// spilling over its neighbours). `screen` names the screen in the message.
    pub async fn assert_buttons_fit(&self, screen: &str) {
        let clipped = self
            .js(
                "return [...document.querySelectorAll('button')]
                   .filter((b) => b.offsetParent && b.scrollWidth > b.clientWidth + 1)
                   .map((b) => b.textContent.trim());",
                vec![],
            )
            .await;
        if clipped != json!([]) {
            let shot = self.screenshot(&format!("FAILED-fit-{screen}")).await;
            panic!(
                "buttons too narrow for their labels on {screen}: {clipped}\n  screenshot: {}",
                shot.display()
            );
        }
    }

    /// Checks the page with axe-core once running transitions have finished, and panics listing every violation of impact
    /// "serious" or "critical" (rule, impact, help and the first elements at fault), after
    /// saving a screenshot. Milder ones are printed, so they are seen without failing the run.
    /// `screen` names the screen in the messages.
    pub async fn axe(&self, screen: &str) {
        if let Err(report) = self.try_axe(screen).await {
            let shot = self.screenshot(&format!("FAILED-axe-{screen}")).await;
            panic!("{report}\n  screenshot: {}", shot.display());
        }
    }

    /// Like [`App::axe`], with the serious and critical violations as an error.
    pub async fn try_axe(&self, screen: &str) -> Result<(), String> {
        let loaded = self.js("return typeof window.axe;", vec![]).await;
        if loaded != json!("object") {
            self.js(&axe_source(), vec![]).await;
            let loaded = self.js("return typeof window.axe;", vec![]).await;
            assert_eq!(loaded, json!("object"), "axe-core did not load in the page");
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            // Colours fade for 120 ms after a theme switch or a hover; axe must judge the
            // settled page, so it starts once every running transition has finished.
            const running = document.getAnimations ? document.getAnimations() : [];
            Promise.all(running.map((a) => a.finished.catch(() => null)))
              .then(() => axe.run(document, { resultTypes: ['violations'] }))
              .then((r) => done({ violations: r.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
                count: v.nodes.length,
              })) }))
              .catch((e) => done({ error: String(e) }));
        "#;
        let result = self
            .driver()
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("axe did not run on {screen}: {e}"))
            .json()
            .clone();
        if let Some(error) = result.get("error") {
            panic!("axe failed on {screen}: {error}");
        }
        let (serious, mild) = axe_report(&result["violations"]);
        for line in &mild {
            eprintln!("  axe, {screen} (not failing): {line}");
        }
        if serious.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "axe found {} serious or critical accessibility violation(s) on {screen}:\n  {}",
                serious.len(),
                serious.join("\n  ")
            ))
        }
    }

    /// Ends the session (which closes the app) and stops tauri-driver.
    pub async fn stop(mut self) {
        if let Some(driver) = self.driver.take()
            && let Err(e) = driver.quit().await
        {
            eprintln!("warning: could not end the WebDriver session cleanly: {e}");
        }
        self.stop_tauri_driver();
    }

    /// Sends SIGTERM to tauri-driver and waits for it. Only on SIGTERM (or SIGINT) does it stop
    /// its WebKitWebDriver child, which would otherwise keep the native port busy; SIGKILL would
    /// leave that child behind, so it is never used.
    fn stop_tauri_driver(&mut self) {
        let Some(mut child) = self.tauri_driver.take() else {
            return;
        };
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        // Wait for the exit itself, on a thread, with a deadline: no polling.
        let pid = child.id();
        let (done, exited) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(child.wait());
        });
        if exited.recv_timeout(DEADLINE).is_err() {
            eprintln!(
                "warning: tauri-driver (pid {pid}) did not stop within {} s of SIGTERM",
                DEADLINE.as_secs()
            );
        }
    }

    /// The text of `css` now, or a note that it is not there, for failure messages.
    async fn text_now(&self, css: &str) -> String {
        match self.driver().find(By::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => "(no such element)".into(),
        }
    }

    /// Panics with `message`, after saving a screenshot and adding the start of the page's HTML,
    /// which together usually tell what the screen showed instead.
    async fn fail(&self, message: &str, css: &str) -> ! {
        let shot = self.screenshot(&format!("FAILED-{css}")).await;
        let html = self
            .js(
                "return document.body ? document.body.outerHTML : '';",
                vec![],
            )
            .await;
        let html = html.as_str().unwrap_or_default();
        let html: String = html.chars().take(2000).collect();
        panic!(
            "{message}\n  screenshot: {}\n  page: {html}",
            shot.display()
        );
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // This runs when a scenario panics or overruns its deadline, on a thread of the runtime
        // that is unwinding it. thirtyfour's own fallback for a session dropped unquit reuses
        // connections tied to that runtime and hung here until its request timeout, so the
        // session is ended with a plain request instead (which closes the app), and thirtyfour
        // is told it is gone.
        if let Some(driver) = self.driver.take() {
            let path = format!("/session/{}", driver.session_id());
            let _ = driver.leak();
            if http_status(self.port, "DELETE", &path, DEADLINE) != Some(200) {
                eprintln!("warning: could not end the WebDriver session {path}");
            }
        }
        self.stop_tauri_driver();
    }
}

/// axe-core's script, installed by `npm ci` in this crate's folder (`cargo xtask setup`).
fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "could not read {}: {e}. Install it with `cargo xtask setup` (it runs `npm ci` in \
             tests/e2e)",
            path.display()
        )
    })
}

/// Splits axe's violations into lines for those that fail a run (impact "serious" or
/// "critical") and lines for the milder ones.
fn axe_report(violations: &Value) -> (Vec<String>, Vec<String>) {
    let mut serious = Vec::new();
    let mut mild = Vec::new();
    for v in violations.as_array().into_iter().flatten() {
        let impact = v["impact"].as_str().unwrap_or("unknown");
        let targets: Vec<&str> = v["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let line = format!(
            "{} ({impact}): {} [{} element(s), first: {}]",
            v["id"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            v["count"],
            targets.join(" | ")
        );
        if matches!(impact, "serious" | "critical") {
            serious.push(line);
        } else {
            mild.push(line);
        }
    }
    (serious, mild)
}

/// A screenshot name as a file name: letters, digits, '-' and '_' kept, anything else '-'.
fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_serious_and_critical_violations_fail() {
        let violations = json!([
            {"id": "color-contrast", "impact": "serious", "help": "Enough contrast",
             "targets": ["button"], "count": 2},
            {"id": "region", "impact": "moderate", "help": "In landmarks",
             "targets": ["p"], "count": 1},
            {"id": "label", "impact": "critical", "help": "Form elements have labels",
             "targets": ["input[name=\"x\"]"], "count": 1},
        ]);
        let (serious, mild) = axe_report(&violations);
        assert_eq!(serious.len(), 2);
        assert!(serious[0].starts_with("color-contrast (serious): Enough contrast"));
        assert!(serious[0].contains("first: button"));
        assert!(serious[1].starts_with("label (critical)"));
        assert_eq!(mild.len(), 1);
        assert!(mild[0].starts_with("region (moderate)"));
    }

    #[test]
    fn screenshot_names_become_plain_file_names() {
        assert_eq!(
            file_name("FAILED-form[data-action=create]"),
            "FAILED-form-data-action-create-"
        );
        assert_eq!(file_name("first-run_phone"), "first-run_phone");
    }

    #[test]
    fn the_workspace_root_holds_the_app() {
        assert!(workspace_root().join("src-tauri/tauri.conf.json").is_file());
    }
}
