//! Forms a worker can trust, at phone size, in English and French: the core's words next to the
//! field at fault, Enter that never saves, drafts that outlive leaving and locking, entries in
//! the order they were written, dates in the app's language, and a lock that does not wait for
//! the page.

use std::path::Path;

use tandem_core::Vault;
use tandem_e2e::{App, Key, PHONE};

const PASSPHRASE: &str = "harbour kettle slowly seven";
const HALF: &str = "Half a thought about the bus pass";
const MORE: &str = " and what she said at the stop";

fn seed(dir: &Path) {
    Vault::create(&dir.join("vault.tandem"), PASSPHRASE).expect("a new vault");
}

async fn unlock(app: &App) {
    app.wait_for("#unlock-passphrase").await;
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("form[data-action=unlock] button[type=submit]")
        .await;
    app.wait_for("#timeline-title").await;
}

async fn new_entry(app: &App, kind: &str) {
    app.click(&format!("[data-new={kind}]")).await;
    app.wait_for(&format!("form.entry-form[data-kind={kind}]"))
        .await;
}

/// The text of every error shown in the form, for checking it speaks to people.
async fn errors(app: &App) -> String {
    app.js(
        "return [...document.querySelectorAll('.field-error, .form-error')].map(e => e.textContent).join(' | ');",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn assert_plain_words(app: &App) {
    let shown = errors(app).await;
    for code in ["_", "category", "occurred_at", "nothing_to_save", "text:"] {
        assert!(
            !shown.contains(code),
            "`{code}` shown to the worker: {shown}"
        );
    }
}

async fn entry_texts(app: &App) -> Vec<String> {
    app.js(
        "return [...document.querySelectorAll('.entry-row .summary')].map(e => e.textContent);",
        vec![],
    )
    .await
    .as_array()
    .map(|a| {
        a.iter()
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .collect()
    })
    .unwrap_or_default()
}

pub async fn forms_speak_plainly_keep_drafts_and_order_entries() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    seed(dir.path());
    let app = App::start(dir.path()).await;
    app.set_size(PHONE).await;
    unlock(&app).await;

    // A boundary issue: bring-to-supervision is in sight without opening "More details", and
    // ticked. Saving without a category says what to do, next to the category, which takes the
    // focus; a toast from an earlier save is gone.
    new_entry(&app, "boundary").await;
    app.wait_for("details.more:not([open])").await;
    let shown = app
        .js(
            "const b = document.querySelector('#f-bring_to_supervision'); \
             const s = document.querySelector('#f-share'); \
             return b.checked && b.offsetParent !== null && s.offsetParent !== null;",
            vec![],
        )
        .await;
    assert_eq!(
        shown, true,
        "the supervision choices are visible and a new issue goes to supervision"
    );
    app.type_into("#f-text", "He asked for my number").await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for_text(
        "[data-field=category] .field-error",
        "Choose what kind of boundary issue this was.",
    )
    .await;
    app.wait_focused("fieldset[data-field=category] input")
        .await;
    assert_plain_words(&app).await;
    app.axe("form with an error").await;
    app.screenshot("form-error-phone").await;
    app.click("fieldset[data-field=category] input[value=out_of_hours_contact] + span")
        .await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for("#timeline-title").await;

    // An empty contact (only the mode and setting it starts with) is refused with words, and
    // the "Entry saved." of a moment ago goes with the new message.
    app.wait_for(".toast.shown").await;
    new_entry(&app, "contact").await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for_text("[data-field=text] .field-error", "nothing to save")
        .await;
    let toast = app
        .js(
            "return document.querySelector('.toast.shown') === null;",
            vec![],
        )
        .await;
    assert_eq!(toast, true, "a stale toast stays beside the error");
    assert_plain_words(&app).await;

    // Enter in "Who" moves on; it never saves a contact holding only "K.".
    app.type_into("#f-person", "K.").await;
    app.press(Key::Enter).await;
    app.wait_focused("fieldset[data-field=mode] input").await;
    assert_eq!(app.count("form.entry-form[data-kind=contact]").await, 1);
    app.click("form.entry-form [data-action=discard]").await;
    app.wait_for("#timeline-title").await;
    app.wait_count(".entry-row", 1).await;

    // A half-written moment survives going to People and back, and locking.
    new_entry(&app, "moment").await;
    app.type_into("#f-text", HALF).await;
    app.click("nav [data-go=people]").await;
    app.wait_for("#people-title").await;
    app.click("nav [data-go=timeline]").await;
    app.wait_for(".drafts-card").await;
    app.click(".drafts-card [data-draft='new:moment']").await;
    app.wait_for(".notice").await;
    assert_eq!(app.value("#f-text").await, HALF);
    let field = app.wait_for("#f-text").await;
    field.send_keys(MORE).await.expect("type more");
    app.chord(Key::Control, "l").await;
    unlock(&app).await;
    app.wait_for(".drafts-card").await;
    app.click(".drafts-card [data-draft='new:moment']").await;
    app.wait_for(".notice").await;
    assert_eq!(app.value("#f-text").await, format!("{HALF}{MORE}"));
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for("#timeline-title").await;
    app.wait_gone(".drafts-card").await;

    // Five entries written within a minute list newest first.
    for n in 1..=5 {
        new_entry(&app, "moment").await;
        app.type_into("#f-text", &format!("In order {n}")).await;
        app.click("form.entry-form button[type=submit]").await;
        app.wait_for("#timeline-title").await;
        app.wait_for_text(".entry-row", &format!("In order {n}"))
            .await;
    }
    let texts = entry_texts(&app).await;
    assert_eq!(
        &texts[..5],
        [
            "In order 5",
            "In order 4",
            "In order 3",
            "In order 2",
            "In order 1"
        ],
        "newest first: {texts:?}"
    );

    // In French: the day reads "Aujourd'hui", times "14 h 05", and errors are French words.
    app.click("nav [data-go=settings]").await;
    app.click("#s-language option[value=fr]").await;
    app.wait_for_text("#settings-title", "Réglages").await;
    app.click("nav [data-go=timeline]").await;
    app.wait_for_text(".day h2", "Aujourd'hui").await;
    let time = app.text(".entry-row time").await;
    assert!(time.contains(" h "), "a French time of day: {time}");
    app.click(".entry-row").await;
    app.wait_for_text("p.when", "Aujourd'hui, ").await;
    app.click("nav [data-go=timeline]").await;
    new_entry(&app, "boundary").await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for_text(
        "[data-field=category] .field-error",
        "Choisissez de quel genre de question de limites il s'agit.",
    )
    .await;
    assert_plain_words(&app).await;
    app.screenshot("form-error-fr-phone").await;
    app.stop().await;
}

/// The shell locks on idle even when the page is frozen: the page is kept busy in a loop, so it
/// can neither see the time pass nor run a timer; when it wakes, the vault is already locked
/// and the unlock screen replaces the journal. The idle time is shortened to 3 seconds through
/// the debug build's `TANDEM_TEST_IDLE_SECONDS`.
pub async fn a_stalled_page_still_locks_on_idle() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    seed(dir.path());
    let app = App::start_with_env(dir.path(), &[("TANDEM_TEST_IDLE_SECONDS", "3")]).await;
    unlock(&app).await;
    new_entry(&app, "moment").await;
    app.type_into("#f-text", "Written just before the page froze")
        .await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for("#timeline-title").await;
    // The page's only thread is busy for 8 seconds: no timer, event or message runs meanwhile.
    app.js(
        "const end = Date.now() + 8000; while (Date.now() < end) {} return true;",
        vec![],
    )
    .await;
    app.wait_for("#unlock-passphrase").await;
    let page = app
        .js("return document.documentElement.outerHTML;", vec![])
        .await;
    assert!(
        !page
            .as_str()
            .unwrap_or_default()
            .contains("Written just before"),
        "entry text left after the shell locked"
    );
    app.stop().await;
}
