//! Supervision summaries: what a worker may choose to bring to supervision, built as a pipeline
//! of small passes over the unlocked vault, each tested on its own:
//! - [`aggregate`]: the period's counts (per kind, contact minutes, distributions by field,
//!   moment themes and values, boundary issues open and resolved, wellbeing by ISO week);
//! - [`suppress`]: small cells withheld, with complementary cells so none can be worked out;
//! - [`scrub`]: identifying text removed from the narratives a worker chose to share;
//! - [`document`]: the passes assembled into one summary, with the agenda and pseudonyms;
//! - [`output`]: the summary as JSON or a self-contained HTML report, optionally age-encrypted,
//!   written atomically;
//! - [`report`]: one report model, a summary or team overview in words, that the HTML report,
//!   the app's preview and the supervisor's views are all drawn from;
//! - [`record`]: the vault's own record of each summary saved;
//! - [`received`]: the supervisor's side, reading summaries without a vault and combining
//!   several into a team overview that keeps the suppression;
//! - [`inbox`]: the supervisor's open files, each open, waiting for its key or unreadable, and
//!   the team overview of those that opened.

pub mod aggregate;
pub mod document;
pub mod inbox;
pub mod output;
pub mod received;
pub mod record;
pub mod report;
pub mod scrub;
pub mod suppress;
