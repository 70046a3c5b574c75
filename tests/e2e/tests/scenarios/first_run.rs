//! The first start: no vault yet, so the app offers to create one.

use tandem_e2e::{App, SIZES};

/// With an empty vault folder the app shows the form that creates a vault, it passes axe at
/// every size, and it is photographed at every size. The supervisor's view opens from it and
/// leads back to it without creating anything.
pub async fn first_run_screen() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = App::start(dir.path()).await;

    app.wait_for("form[data-action=create]").await;
    app.wait_for("form[data-action=create] input[name=passphrase]")
        .await;
    app.wait_for("form[data-action=create] input[name=again]")
        .await;
    assert!(
        !app.vault().exists(),
        "showing the first-run screen must not create the vault"
    );

    for size in SIZES {
        app.set_size(size).await;
        app.axe(&format!("first run ({})", size.name)).await;
        app.screenshot(&format!("first-run-{}", size.name)).await;
    }

    // A supervisor without a vault of their own can go to the summaries and come back.
    app.click("[data-action=summaries]").await;
    app.wait_for("#summaries-title").await;
    app.click("[data-action=back]").await;
    app.wait_for("form[data-action=create]").await;
    assert!(
        !app.vault().exists(),
        "the supervisor's view created a vault"
    );
    app.stop().await;
}
