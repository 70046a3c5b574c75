//! Runs scenarios one after the other in one process, each in a task of its own with a deadline,
//! so that a panicking or hung scenario fails alone (its `App` is dropped, which closes the app)
//! and the others still run.

use std::future::Future;
use std::pin::Pin;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The longest one scenario may take, start-up included. A full flow takes seconds; this only
/// stops a hang from holding CI for its whole budget.
const SCENARIO_DEADLINE: Duration = Duration::from_secs(180);

/// A named scenario. Build one with [`scenario!`](crate::scenario).
pub struct Scenario {
    pub name: &'static str,
    pub run: fn() -> Pin<Box<dyn Future<Output = ()> + Send>>,
}

/// `scenario!(first_run)` names the async function `first_run` (no arguments) as a scenario.
#[macro_export]
macro_rules! scenario {
    ($($path:ident)::+) => {
        $crate::Scenario {
            name: stringify!($($path)::+),
            run: || Box::pin($($path)::+()),
        }
    };
}

/// Runs the scenarios whose name contains one of the command line's words (all of them when
/// there is none; words starting with `-` are ignored), prints one line each and a closing
/// `e2e: N passed, N failed`, and fails if any failed.
pub fn run(scenarios: &[Scenario]) -> ExitCode {
    crate::require_display();
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let chosen: Vec<&Scenario> = scenarios
        .iter()
        .filter(|s| filters.is_empty() || filters.iter().any(|f| s.name.contains(f.as_str())))
        .collect();
    if chosen.is_empty() {
        println!("no scenario matches {filters:?}");
        return ExitCode::FAILURE;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");

    println!("\nrunning {} end-to-end scenario(s)", chosen.len());
    let started = Instant::now();
    let mut failed = Vec::new();
    for scenario in &chosen {
        println!("scenario {} ...", scenario.name);
        let begun = Instant::now();
        let outcome = runtime.block_on(async {
            tokio::spawn(tokio::time::timeout(SCENARIO_DEADLINE, (scenario.run)())).await
        });
        let took = begun.elapsed().as_secs_f32();
        match outcome {
            Ok(Ok(())) => println!("scenario {} ... ok ({took:.1} s)", scenario.name),
            Ok(Err(_)) => {
                println!(
                    "scenario {} ... FAILED: still running after {} s",
                    scenario.name,
                    SCENARIO_DEADLINE.as_secs()
                );
                failed.push(scenario.name);
            }
            // The panic's message was printed by the panic hook when it happened.
            Err(_) => {
                println!("scenario {} ... FAILED ({took:.1} s)", scenario.name);
                failed.push(scenario.name);
            }
        }
    }
    if !failed.is_empty() {
        println!("\nfailed: {}", failed.join(", "));
    }
    println!(
        "\nend-to-end scenarios took {:.1} s",
        started.elapsed().as_secs_f32()
    );
    println!(
        "e2e: {} passed, {} failed",
        chosen.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
