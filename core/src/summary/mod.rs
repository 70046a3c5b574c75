//! Supervision summaries: what a worker may choose to bring to supervision, built as a pipeline
//! of small passes over the unlocked vault, each tested on its own:
//! - [`aggregate`]: the period's counts (per kind, contact minutes, distributions by field,
//!   moment themes and values, boundary issues open and resolved, wellbeing by ISO week);
//! - [`suppress`]: small cells withheld, with complementary cells so none can be worked out;
//! - [`scrub`]: identifying text removed from the narratives a worker chose to share.
//!
//! Still to come (issue 4): the agenda, assembling the document, HTML and JSON output, age
//! encryption, the export record in the vault, and the front doors.

pub mod aggregate;
pub mod document;
pub mod output;
pub mod scrub;
pub mod suppress;
