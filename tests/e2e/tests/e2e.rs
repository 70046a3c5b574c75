//! The end-to-end scenarios: the real app in its real webview, one scenario after the other
//! (see `src/runner.rs`). `cargo xtask test` builds the app and runs this under Xvfb; by hand:
//! `cargo build -p tandem-app && xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p tandem-e2e`,
//! adding `-- NAME` to run only the scenarios whose name contains NAME.
//!
//! To add a scenario: write an `async fn` with no arguments in a module under `scenarios/`, and
//! list it below.

mod scenarios;

use scenarios::*;
use std::process::ExitCode;
use tandem_e2e::{Scenario, scenario};

const SCENARIOS: &[Scenario] = &[
    scenario!(harness::helpers_work),
    scenario!(first_run::first_run_screen),
    scenario!(journey::a_new_worker_keeps_a_journal),
    scenario!(forms::forms_speak_plainly_keep_drafts_and_order_entries),
    scenario!(forms::a_stalled_page_still_locks_on_idle),
    scenario!(supervision::a_worker_brings_a_summary_to_supervision),
    scenario!(supervision::the_native_save_dialog_saves_where_the_worker_chooses),
];

fn main() -> ExitCode {
    tandem_e2e::run(SCENARIOS)
}
