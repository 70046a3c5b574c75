//! Supervision summaries: what a worker may choose to bring to supervision, built as a pipeline
//! of small passes over the unlocked vault. This module grows pass by pass; [`scrub`] removes
//! identifying text from the narratives a worker chose to share.

pub mod scrub;
pub mod suppress;
