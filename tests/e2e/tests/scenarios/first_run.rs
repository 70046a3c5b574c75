//! The first start: no vault yet, so the app offers to create one.

use tandem_e2e::{App, SIZES};

/// With an empty vault folder the app shows the form that creates a vault, it passes axe at
/// every size, and it is photographed at every size.
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
    app.stop().await;
}
