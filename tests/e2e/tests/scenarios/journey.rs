//! A new worker's first session, start to finish, as they would click and type it.

use std::time::Duration;

use tandem_e2e::{App, DESKTOP, Key, PHONE, SIZES};

const PASSPHRASE: &str = "river lantern quietly nine";

// One entry of each kind; each text is unique so the tests can look for it anywhere in the page.
const CONTACT: &str = "Walked with JB to the housing office";
const CONTACT_EDITED: &str = "Walked with JB to the housing office and then the bank";
const MOMENT: &str = "She laughed when I told my own waiting room story";
const BOUNDARY: &str = "Shared more of my story than I meant to";
const WELLBEING: &str = "Tired but steady after a long week";

/// Clicks the chip for `code` in the chips of `field`.
async fn chip(app: &App, field: &str, code: &str) {
    app.click(&format!(
        "fieldset[data-field={field}] input[value=\"{code}\"] + span"
    ))
    .await;
}

async fn page_html(app: &App) -> String {
    app.js("return document.documentElement.outerHTML;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn add(app: &App, kind: &str, fill: impl AsyncFnOnce(&App)) {
    app.click(&format!("[data-new={kind}]")).await;
    app.wait_for(&format!("form.entry-form[data-kind={kind}]"))
        .await;
    fill(app).await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for("#timeline-title").await;
}

/// Creates a vault, confirms the recovery key, adds one entry of each kind, searches, edits,
/// deletes and undoes, locks by shortcut, refuses a wrong passphrase, unlocks, switches to French,
/// locks by idle timeout and opens with the recovery key. Locking must leave no entry text in the
/// page. axe runs on every main screen; screenshots are taken at phone and desktop sizes.
pub async fn a_new_worker_keeps_a_journal() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = App::start(dir.path()).await;

    // First run: strength feedback, then the passphrase twice.
    app.set_size(PHONE).await;
    app.type_into("#new-passphrase", "password1").await;
    app.wait_for("#strength[data-level=weak]").await;
    app.type_into("#new-passphrase", PASSPHRASE).await;
    app.wait_for("#strength[data-level=strong]").await;
    app.type_into("#again-passphrase", "not the same").await;
    app.click("form[data-action=create] button[type=submit]")
        .await;
    app.wait_for_text("form[data-action=create] .error", "not the same")
        .await;
    assert!(
        !app.vault().exists(),
        "mismatched passphrases created a vault"
    );
    app.type_into("#new-passphrase", PASSPHRASE).await;
    app.type_into("#again-passphrase", PASSPHRASE).await;
    app.click("form[data-action=create] button[type=submit]")
        .await;

    // The recovery key, shown once; one group of it must be typed back.
    app.wait_for("#recovery-key").await;
    // Nothing leads away from the key before it is confirmed, not even the supervisor's view.
    app.wait_gone("[data-action=summaries]").await;
    app.axe("recovery key").await;
    let key: String = app
        .text("#recovery-key")
        .await
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    assert_eq!(
        key.len(),
        44,
        "the recovery key is nine groups of four: {key}"
    );
    let n: usize = app
        .attr("#key-part", "data-group")
        .await
        .expect("the group asked for")
        .parse()
        .unwrap();
    app.screenshot("recovery-key-phone").await;
    app.type_into("#key-part", "ZZZZ").await;
    app.click("form[data-action=confirm-key] button[type=submit]")
        .await;
    app.wait_for_text("form[data-action=confirm-key] .error", "not the group")
        .await;
    let group = key.split('-').nth(n - 1).unwrap().to_lowercase();
    app.type_into("#key-part", &group).await;
    app.click("form[data-action=confirm-key] button[type=submit]")
        .await;
    app.wait_for("#timeline-title").await;
    assert!(app.vault().exists());
    app.axe("empty timeline").await;

    // Quick add, one of each kind. A contact needs only a few taps.
    app.click("[data-new=contact]").await;
    app.wait_for("form.entry-form[data-kind=contact]").await;
    app.axe("new contact").await;
    app.screenshot("add-contact-phone").await;
    app.type_into("#f-person", "JB").await;
    chip(&app, "mode", "phone").await;
    chip(&app, "setting", "community").await;
    app.type_into("#f-duration_min", "45").await;
    app.type_into("#f-text", CONTACT).await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for("#timeline-title").await;
    app.wait_for_text(".entry-row", CONTACT).await;

    // The next contact starts with the last one's mode and setting.
    app.click("[data-new=contact]").await;
    app.wait_for("fieldset[data-field=mode] input[value=phone]:checked")
        .await;
    app.wait_for("fieldset[data-field=setting] input[value=community]:checked")
        .await;
    app.click("form.entry-form [data-action=discard]").await;
    app.wait_for("#timeline-title").await;

    add(&app, "moment", async |app| {
        app.type_into("#f-person", "JB").await;
        app.type_into("#f-text", MOMENT).await;
        chip(app, "themes", "relatedness").await;
    })
    .await;
    add(&app, "boundary", async |app| {
        chip(app, "category", "self_disclosure").await;
        chip(app, "intensity", "3").await;
        app.type_into("#f-text", BOUNDARY).await;
    })
    .await;
    // A bad value is refused next to its field, in words, and nothing is saved.
    app.click("[data-new=wellbeing]").await;
    app.wait_for("form.entry-form[data-kind=wellbeing]").await;
    chip(&app, "mood", "4").await;
    app.type_into("#f-text", WELLBEING).await;
    app.click("details.more summary").await;
    app.type_into("#f-sleep_hours", "30").await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for_text(
        "[data-field=sleep_hours] .field-error",
        "Hours of sleep go from 0 to 24.",
    )
    .await;
    app.wait_for("#f-sleep_hours[aria-invalid=true]").await;
    app.wait_focused("#f-sleep_hours").await;
    app.type_into("#f-sleep_hours", "6.5").await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for("#timeline-title").await;
    app.wait_count(".entry-row", 4).await;
    app.wait_for(".day h2").await;
    app.axe("timeline").await;
    for size in SIZES {
        app.set_size(size).await;
        // The navigation once overlapped on phones.
        app.assert_buttons_fit(&format!("timeline at {}", size.name))
            .await;
        app.screenshot(&format!("timeline-{}", size.name)).await;
    }

    // Search marks what matched and keeps only matching entries.
    app.type_into("#search-input", "housing").await;
    app.wait_count(".entry-row", 1).await;
    assert_eq!(app.text(".entry-row mark").await.to_lowercase(), "housing");
    app.screenshot("search-desktop").await;
    let search = app.wait_for("#search-input").await;
    search.clear().await.expect("clear the search box");
    search.click().await.expect("focus the search box");
    app.press(Key::Enter).await;
    app.wait_count(".entry-row", 4).await;

    // Filter by kind.
    app.click("details.filters summary").await;
    app.click("select[name=kind] option[value=boundary]").await;
    app.click("form[data-action=filter] button[type=submit]")
        .await;
    app.wait_count(".entry-row", 1).await;
    app.wait_for_text(".entry-row", BOUNDARY).await;
    app.click("[data-action=clear-filters]").await;
    app.wait_count(".entry-row", 4).await;

    // View and edit.
    app.click(".entry-row.kind-contact").await;
    app.wait_for_text(".entry-text", CONTACT).await;
    app.axe("entry").await;
    app.click("[data-action=edit]").await;
    app.wait_for("form.entry-form[data-kind=contact]").await;
    assert_eq!(app.value("#f-person").await, "JB");
    app.type_into("#f-text", CONTACT_EDITED).await;
    app.click("form.entry-form button[type=submit]").await;
    app.wait_for_text(".entry-text", CONTACT_EDITED).await;
    app.set_size(PHONE).await;
    app.screenshot("entry-phone").await;
    app.set_size(DESKTOP).await;

    // Delete, then undo.
    app.click("[data-action=delete]").await;
    app.wait_for("#timeline-title").await;
    app.wait_count(".entry-row", 3).await;
    app.click(".toast [data-action=toast-action]").await;
    app.wait_count(".entry-row", 4).await;
    app.wait_for_text(".entry-row.kind-contact", CONTACT_EDITED)
        .await;

    // People: JB was added by naming them in an entry.
    app.click("[data-go=people]").await;
    app.wait_for_text("ul.people", "JB").await;
    app.axe("people").await;

    // Lock by shortcut: nothing decrypted is left in the page.
    app.chord(Key::Control, "l").await;
    app.wait_for("form[data-action=unlock]").await;
    let html = page_html(&app).await;
    for text in [CONTACT_EDITED, MOMENT, BOUNDARY, WELLBEING, "JB"] {
        assert!(
            !html.contains(text),
            "{text:?} is still in the page after locking"
        );
    }
    app.axe("unlock").await;

    // A wrong passphrase is refused clearly; the right one opens the journal.
    app.type_into("#unlock-passphrase", "river lantern loudly nine")
        .await;
    app.click("form[data-action=unlock] button[type=submit]")
        .await;
    app.wait_for_text("form[data-action=unlock] .error", "not right")
        .await;
    assert_eq!(
        app.value("#unlock-passphrase").await,
        "",
        "a refused passphrase is not kept in the page"
    );
    app.screenshot("wrong-passphrase-desktop").await;
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("form[data-action=unlock] button[type=submit]")
        .await;
    app.wait_count(".entry-row", 4).await;

    // French, everywhere, and kept after a lock.
    app.click("[data-go=settings]").await;
    app.wait_for("#settings-title").await;
    app.axe("settings").await;
    app.click("#s-language option[value=fr]").await;
    app.wait_for_text("#settings-title", "Réglages").await;
    app.wait_for_text("[data-go=timeline]", "Journal").await;
    app.wait_for_text("[data-action=lock]", "Verrouiller").await;
    assert_eq!(
        app.js("return document.documentElement.lang;", vec![])
            .await
            .as_str(),
        Some("fr")
    );
    for size in SIZES {
        app.set_size(size).await;
        app.screenshot(&format!("settings-fr-{}", size.name)).await;
    }
    app.click("[data-go=timeline]").await;
    app.wait_for_text("[data-new=moment]", "Moment marquant")
        .await;
    app.axe("timeline in French").await;

    // The dark theme keeps every contrast axe checks.
    app.click("[data-go=settings]").await;
    app.click("input[name=theme][value=dark] + span").await;
    app.wait_for("html[data-theme=dark]").await;
    app.click("[data-go=timeline]").await;
    app.wait_count(".entry-row", 4).await;
    app.axe("timeline, dark").await;
    app.set_size(PHONE).await;
    app.screenshot("timeline-dark-phone").await;

    // Lock after one idle minute: the app locks itself with no one touching it.
    app.click("[data-go=settings]").await;
    app.wait_for("#settings-title").await;
    app.click("input[name=auto_lock_minutes][value=\"1\"] + span")
        .await;
    app.wait_for("input[name=auto_lock_minutes][value=\"1\"]:checked")
        .await;
    app.try_wait_for("form[data-action=unlock]", Duration::from_secs(90))
        .await
        .expect("the app locks itself after one idle minute");
    app.wait_for_text("#unlock-title", "Déverrouiller").await;
    let html = page_html(&app).await;
    assert!(
        !html.contains(CONTACT_EDITED),
        "entry text left after idle lock"
    );

    // The recovery key opens the journal and leads to a new passphrase.
    app.click("[data-mode=recovery]").await;
    app.type_into("#recovery-input", &key.to_lowercase()).await;
    app.click("form[data-action=unlock] button[type=submit]")
        .await;
    app.wait_for("#settings-title").await;
    app.wait_for("#s-new").await;
    app.stop().await;
}
