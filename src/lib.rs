//! Triangulate: a workbench for judging news sources.
//!
//! The core (everything here but [`app`]) knows nothing of egui: storage ([`library`]), import
//! ([`import`]), background work ([`jobs`]) and the embedded sample ([`sample`]). The desktop app
//! ([`app`]) and the command line ([`cli`]) are thin front ends over it.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod compare;
pub mod error;
pub mod import;
pub mod jobs;
pub mod library;
pub mod linking;
pub mod model;
pub mod pager;
pub mod ratings;
pub mod report;
pub mod sample;
pub mod text;

pub use error::{Error, Result};
pub use library::Library;
