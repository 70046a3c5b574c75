//! Supervision, both sides: a worker builds the agenda, walks the summary wizard and saves an
//! encrypted summary; then, with the vault locked, their supervisor opens it beside another
//! worker's and reads the team overview.

use std::path::Path;

use chrono::{Duration as Days, Local};
use tandem_core::entry::EntryDraft;
use tandem_core::i18n::Language;
use tandem_core::summary::document::Options;
use tandem_core::summary::record::{Format, sha256_hex};
use tandem_core::{Kind, PersonDraft, Vault};
use tandem_e2e::{App, DESKTOP, Key, PHONE};

const PASSPHRASE: &str = "harbour willow seventeen steps";
const FILE_PASSPHRASE: &str = "for our thursday supervision";
const SHARED: &str = "Walked with Jordan to the clinic; Marguerite from the shelter joined us";
const PRIVATE: &str = "PRIVATE-CANARY about the landlord";
const BOUNDARY: &str = "Offered me a gift card after group";
const MOMENT: &str = "A quiet win at the peer group";

fn entry(vault: &mut Vault, kind: Kind, days_ago: i64, json: serde_json::Value) -> String {
    let when = (Local::now() - Days::days(days_ago)).format("%Y-%m-%d %H:%M");
    let mut value = json;
    value["occurred_at"] = when.to_string().into();
    let draft = EntryDraft::from_value(value, Some(kind), false).expect("a valid seeded entry");
    vault.add_entry(draft).expect("seeded").to_hex()
}

/// A worker's vault with five shared contacts (naming a known person and an unknown name), one
/// private contact, a boundary issue marked for supervision and a shared moment. Answers the
/// boundary's and the moment's ids.
fn seed_worker(path: &Path) -> (String, String) {
    let (mut vault, _) = Vault::create(path, PASSPHRASE).expect("a new vault");
    vault
        .add_person(PersonDraft {
            alias: "JB".into(),
            name: Some("Jordan Brooks".into()),
            details: None,
        })
        .expect("a person");
    for day in 1..=5 {
        let text = SHARED;
        entry(
            &mut vault,
            Kind::Contact,
            day,
            serde_json::json!({"person": "JB", "mode": "in_person", "duration_min": 30, "share": true, "text": text}),
        );
    }
    entry(
        &mut vault,
        Kind::Contact,
        2,
        serde_json::json!({"mode": "phone", "text": PRIVATE}),
    );
    let boundary = entry(
        &mut vault,
        Kind::Boundary,
        3,
        serde_json::json!({"category": "gifts_or_money", "bring_to_supervision": true, "text": BOUNDARY}),
    );
    let moment = entry(
        &mut vault,
        Kind::Moment,
        4,
        serde_json::json!({"themes": ["trust"], "share": true, "text": MOMENT}),
    );
    (boundary, moment)
}

/// Another worker's plain JSON summary of the same weeks, saved where the supervisor will look.
fn seed_colleague(dir: &Path, out: &Path) {
    let (mut vault, _) = Vault::create(&dir.join("colleague.tandem"), PASSPHRASE).expect("a vault");
    for day in 1..=6 {
        entry(
            &mut vault,
            Kind::Contact,
            day,
            serde_json::json!({"mode": "in_person", "duration_min": 20}),
        );
    }
    let today = Local::now().date_naive();
    let options = Options::new(today - Days::days(27), today);
    vault
        .export_summary(&options, Format::Json, Language::En, None, out)
        .expect("the colleague's summary");
}

async fn page_text(app: &App) -> String {
    app.js("return document.body.innerText;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

pub async fn a_worker_brings_a_summary_to_supervision() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (boundary, moment) = seed_worker(&dir.path().join("vault.tandem"));
    let app = App::start(dir.path()).await;
    app.set_size(DESKTOP).await;
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("form[data-action=unlock] button[type=submit]")
        .await;
    app.wait_for("#timeline-title").await;

    // Any entry can join the agenda from its page.
    app.click(&format!("button[data-id=\"{moment}\"]")).await;
    app.wait_for("#entry-title").await;
    app.click("button[data-agenda=queued]").await;
    app.wait_for_text(".toast", "Added to your supervision agenda")
        .await;
    app.wait_for_text(".badge-line", "On the supervision agenda")
        .await;

    // The agenda: the flagged boundary issue and the added moment; one is marked discussed.
    app.click("nav [data-go=supervision]").await;
    app.wait_for("#supervision-title").await;
    app.wait_count(".agenda-list.queued > .agenda-item", 2)
        .await;
    let agenda = app.text(".agenda-list.queued").await;
    assert!(
        agenda.contains(BOUNDARY) && agenda.contains(MOMENT),
        "{agenda}"
    );
    app.click(&format!(
        "button[data-agenda=discussed][data-entry=\"{boundary}\"]"
    ))
    .await;
    app.wait_for_text(
        "section[aria-labelledby=supervision-title] > .status",
        "Marked discussed",
    )
    .await;
    app.wait_count(".agenda-list.queued > .agenda-item", 1)
        .await;
    app.wait_for_text("details.more summary", "Already discussed (1)")
        .await;
    // The pressed button is gone with the redraw; focus lands on the agenda, not the page.
    app.wait_focused("#agenda-title").await;
    app.axe("supervision").await;

    // The wizard: period (the last four weeks by default), what goes in, review, preview.
    app.click("[data-action=wizard]").await;
    app.wait_for("form[data-step-form=period]").await;
    app.type_into("#w-k", "1").await;
    app.click("form[data-step-form=period] button[type=submit]")
        .await;
    app.wait_for_text("form[data-step-form=period] .error", "at least 2")
        .await;
    app.type_into("#w-k", "5").await;
    app.click("form[data-step-form=period] button[type=submit]")
        .await;
    app.wait_for("form[data-step-form=include]").await;
    // The worker keeps their wellbeing to themselves this time.
    app.click("form[data-step-form=include] input[name=wellbeing]")
        .await;
    app.click("form[data-step-form=include] button[type=submit]")
        .await;
    app.wait_for("form[data-step-form=review]").await;
    let review = app.text("form[data-step-form=review]").await;
    // The flagged word in the words around it, with why it was taken for a name.
    let context = app.text(".flag-context").await;
    assert!(
        context.contains("Marguerite from the shelter joined us") && context.contains("("),
        "the unknown name is shown where it was written: {context}"
    );
    assert_eq!(app.text(".flag-context mark").await, "Marguerite");
    assert!(
        review.contains("no scrubber catches everything"),
        "{review}"
    );
    // A word the worker marks is remembered; a tap forgets it again.
    app.type_into("#w-remove", "Quiet Win").await;
    app.click("[data-action=remove-word]").await;
    app.wait_for_text(".removed-words", "quiet win").await;
    app.click(".removed-words button").await;
    app.wait_gone(".removed-words").await;
    assert!(
        !review.to_lowercase().contains("jordan"),
        "known names are removed, not asked about: {review}"
    );
    app.axe("summary review").await;
    app.click("form[data-step-form=review] button[type=submit]")
        .await;
    app.wait_for("tandem-summary-view .summary-view").await;
    let preview = app.text("tandem-summary-view").await;
    for shown in [
        "[name]",
        "Person A",
        MOMENT,
        "Walked with Person A to the clinic",
        "Left out by the worker: wellbeing averages.",
        "Not included by the worker.",
        "week of ",
    ] {
        assert!(
            preview.contains(shown),
            "the preview lacks {shown}: {preview}"
        );
    }
    // "-W" would be an ISO week code, which the report words as a week.
    for hidden in [
        "Marguerite",
        "Jordan",
        "JB",
        "PRIVATE-CANARY",
        BOUNDARY,
        "-W",
    ] {
        assert!(
            !preview.contains(hidden),
            "the preview shows {hidden}: {preview}"
        );
    }
    app.axe("summary preview").await;
    // The screenshots show the wizard's step, not the earlier "added" message over it.
    app.wait_gone(".toast.shown").await;
    for (size, name) in [
        (DESKTOP, "summary-preview-desktop"),
        (PHONE, "summary-preview-phone"),
    ] {
        app.set_size(size).await;
        app.js(
            "document.querySelector('.wizard').scrollIntoView();",
            vec![],
        )
        .await;
        app.assert_buttons_fit(&format!("summary preview at {name}"))
            .await;
        app.screenshot(name).await;
    }
    app.set_size(DESKTOP).await;

    // Confirm: JSON, encrypted with a passphrase; the dialog's answer is the test folder.
    app.click("form[data-step-form=preview] button[type=submit]")
        .await;
    app.wait_for("form[data-step-form=confirm]").await;
    app.click("input[name=format][value=json]").await;
    app.click("input[name=protect][value=passphrase]").await;
    app.wait_for("#w-pass").await;
    // Too short: said plainly, before any file is asked for.
    app.type_into("#w-pass", "short").await;
    app.type_into("#w-pass-again", "short").await;
    app.click("form[data-step-form=confirm] button[type=submit]")
        .await;
    app.wait_for_text(
        "form[data-step-form=confirm] .error",
        "That passphrase is too short",
    )
    .await;
    assert_eq!(
        std::fs::read_dir(app.dialog_dir()).unwrap().count(),
        0,
        "a refused passphrase saved a file"
    );
    app.wait_for("input[name=protect][value=passphrase]:checked")
        .await;
    app.type_into("#w-pass", FILE_PASSPHRASE).await;
    app.type_into("#w-pass-again", "something else entirely")
        .await;
    app.click("form[data-step-form=confirm] button[type=submit]")
        .await;
    app.wait_for_text("form[data-step-form=confirm] .error", "different")
        .await;
    app.type_into("#w-pass-again", FILE_PASSPHRASE).await;
    app.axe("summary confirm").await;
    app.click("form[data-step-form=confirm] button[type=submit]")
        .await;
    app.wait_for_text("#wizard-title", "Summary saved").await;
    let saved: Vec<_> = std::fs::read_dir(app.dialog_dir())
        .expect("the dialog folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let file = std::fs::read(&saved[0]).expect("the saved summary");
    assert!(
        file.starts_with(b"age-encryption.org/v1"),
        "the file is age-encrypted"
    );
    assert!(saved[0].to_string_lossy().ends_with(".json.age"));
    app.click("[data-action=finish]").await;
    app.wait_for_text(".exports", &sha256_hex(&file)).await;

    // The supervisor's side, with the vault locked: both files, one needing its passphrase.
    seed_colleague(dir.path(), &app.dialog_dir().join("worker-b.json"));
    app.chord(Key::Control, "l").await;
    app.wait_for("#unlock-title").await;
    assert!(
        !page_text(&app).await.contains(MOMENT),
        "locking left entry text on screen"
    );
    app.click("[data-action=summaries]").await;
    app.wait_for("#summaries-title").await;
    app.click("[data-action=open]").await;
    app.wait_count("section.received", 2).await;
    app.wait_for("section.received input[name=key]").await;
    app.type_into("section.received input[name=key]", "not the passphrase")
        .await;
    app.click("section.received form button[type=submit]").await;
    app.wait_for_text("section.received form .error", "does not open")
        .await;
    app.type_into("section.received input[name=key]", FILE_PASSPHRASE)
        .await;
    app.click("section.received form button[type=submit]").await;
    app.wait_for_text("#team-title", "Team overview of 2 summaries")
        .await;
    app.wait_count("section.received tandem-summary-view", 2)
        .await;
    let seen = page_text(&app).await;
    assert!(
        seen.contains(MOMENT),
        "the shared moment is in the worker's summary"
    );
    for hidden in ["Marguerite", "Jordan", "PRIVATE-CANARY", BOUNDARY] {
        assert!(!seen.contains(hidden), "the supervisor sees {hidden}");
    }
    app.axe("supervisor view").await;
    app.js("window.scrollTo(0, 0);", vec![]).await;
    app.screenshot("supervisor-view-desktop").await;
    // Ctrl+L closes the summaries as it locks a vault: nothing decrypted stays on screen.
    app.chord(Key::Control, "l").await;
    app.wait_for("#unlock-title").await;
    let after = page_text(&app).await;
    assert!(
        !after.contains(MOMENT) && !after.contains("Team overview"),
        "{after}"
    );
    app.click("[data-action=summaries]").await;
    app.wait_for("#summaries-title").await;
    assert_eq!(
        app.count("section.received").await,
        0,
        "the summaries were kept"
    );
    app.click("[data-action=back]").await;
    app.wait_for("#unlock-title").await;
    app.stop().await;
}

/// The real save dialog, not the test folder: it opens over the app with its title; closing it
/// without choosing saves nothing and records nothing; choosing a path there saves the summary
/// and records it.
pub async fn the_native_save_dialog_saves_where_the_worker_chooses() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    seed_worker(&dir.path().join("vault.tandem"));
    let app = App::start_with_native_dialogs(dir.path()).await;
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("form[data-action=unlock] button[type=submit]")
        .await;
    app.wait_for("#timeline-title").await;
    app.click("nav [data-go=supervision]").await;
    app.click("[data-action=wizard]").await;
    for step in ["period", "include", "review", "preview"] {
        let form = format!("form[data-step-form={step}]");
        app.wait_for(&form).await;
        app.click(&format!("{form} button[type=submit]")).await;
    }
    app.wait_for("form[data-step-form=confirm]").await;
    app.click("form[data-step-form=confirm] button[type=submit]")
        .await;
    app.native_dialog("Save the supervision summary", "Escape")
        .await;
    app.wait_for_text("form[data-step-form=confirm] .error", "Not saved")
        .await;
    app.wait_for_text(".exports-place", "No summary saved yet")
        .await;

    let chosen = dir.path().join("chosen").join("for-thursday.html");
    std::fs::create_dir_all(chosen.parent().unwrap()).expect("a folder to save in");
    app.click("form[data-step-form=confirm] button[type=submit]")
        .await;
    app.native_dialog_save_as("Save the supervision summary", &chosen)
        .await;
    app.wait_for_text("#wizard-title", "Summary saved").await;
    let report = std::fs::read_to_string(&chosen).expect("the summary where it was chosen");
    assert!(report.starts_with("<!doctype html>") && !report.contains("Marguerite"));
    app.click("[data-action=finish]").await;
    app.wait_for_text(".exports-place", "for-thursday.html")
        .await;
    app.stop().await;
}
