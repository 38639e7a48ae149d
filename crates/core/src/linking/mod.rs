//! Linking reports: exact copies, near copies and reports of the same incident. The engine is
//! pure; [`run`] reads what it needs from the library and stores what it found, and the analyst's
//! decisions live in the library (see `library::incidents`).

pub mod copies;
pub mod evaluate;
pub mod features;
pub mod incidents;
pub mod run;

pub use copies::NearCopy;
pub use run::{
    CopyFamily, IncidentSuggestion, LinkOptions, LinkReport, MAX_CANDIDATES, copy_families,
    link_library,
};
