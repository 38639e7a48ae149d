//! Linking reports: exact copies, near copies and, to come, reports of the same incident.
//! The engine is pure; the library supplies the texts and stores what the analyst decides.

pub mod copies;

pub use copies::{Copies, NearCopy, find_copies};
