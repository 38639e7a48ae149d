//! Linking reports: exact copies, near copies and reports of the same incident. The engine is
//! pure; [`run`] reads what it needs from the library and stores what it found, and the analyst's
//! decisions live in the library (see `library::incidents`).

pub mod copies;
pub mod evaluate;
pub mod features;
pub mod incidents;
pub mod run;

pub use copies::{Copies, NearCopy, find_copies};
pub use run::{
    CopyFamily, IncidentSuggestion, LinkOptions, LinkReport, copy_families, link_library,
};
