//! One module per part of the app; each public `async fn` is a scenario listed in `e2e.rs`.

pub mod first_run;
pub mod forms;
pub mod harness;
pub mod journey;
pub mod supervision;
