//! Checks of the harness itself against the real webview, so that a scenario's failure means the
//! app is at fault, not a helper that silently does nothing.

use serde_json::json;
use std::time::Duration;
use tandem_e2e::{App, DESKTOP, Key, PHONE, poll};

/// Typing, reading back, keys and chords reach the page; sizes reach the viewport; a wait for a
/// missing element fails and names it; axe runs and reports a violation put there on purpose.
pub async fn helpers_work() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = App::start(dir.path()).await;
    let input = "form[data-action=create] input[name=passphrase]";

    app.type_into(input, "first words").await;
    app.type_into(input, "correct horse").await;
    assert_eq!(
        app.value(input).await,
        "correct horse",
        "type_into replaces"
    );

    // A listener of the test's own records which keys the page receives, with their modifiers
    // (the modifiers' own key presses are left out).
    app.js(
        "window.__keys = []; document.addEventListener('keydown', (e) => { \
         if (!['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) \
         window.__keys.push((e.ctrlKey ? 'Ctrl+' : '') + e.key); });",
        vec![],
    )
    .await;
    app.press(Key::End).await;
    app.chord(Key::Control, "l").await;
    let keys = poll(Duration::from_secs(5), || async {
        let keys = app.js("return window.__keys;", vec![]).await;
        (keys == json!(["End", "Ctrl+l"])).then_some(())
    })
    .await;
    assert!(
        keys.is_some(),
        "the page received {} instead of End then Ctrl+l",
        app.js("return window.__keys;", vec![]).await
    );
    app.wait_focused(input).await;

    for size in [PHONE, DESKTOP] {
        app.set_size(size).await;
        let viewport = app
            .js("return [window.innerWidth, window.innerHeight];", vec![])
            .await;
        assert_eq!(viewport, json!([size.width, size.height]));
    }

    let missing = app
        .try_wait_for("#no-such-element", Duration::from_millis(300))
        .await;
    let error = missing.expect_err("a missing element is reported");
    assert!(error.contains("#no-such-element"), "{error}");

    // An input with no label is a critical violation (axe rule "label").
    app.js(
        "const i = document.createElement('input'); i.id = 'unlabelled'; \
         document.body.append(i);",
        vec![],
    )
    .await;
    let report = app.try_axe("a page with an unlabelled input").await;
    let report = report.expect_err("axe reports the unlabelled input");
    assert!(
        report.contains("label (critical)") && report.contains("#unlabelled"),
        "{report}"
    );
    app.js("document.getElementById('unlabelled').remove();", vec![])
        .await;
    app.wait_gone("#unlabelled").await;
    app.stop().await;
}
