//! The core of Triangulate, a workbench for judging news sources: everything but the window and
//! the command line.
//!
//! Storage sits at the bottom ([`library`]); import ([`import`]), text analysis ([`analysis`]),
//! linking ([`linking`]), comparison ([`compare`]), ratings ([`ratings`]) and reports
//! ([`report`]) sit above it, with background work ([`jobs`]) and the embedded sample
//! ([`sample`]). Nothing here draws: no egui, eframe, winit or rfd is in this crate's dependency
//! tree, so the desktop app and the command line (the `triangulate` crate) are thin front ends
//! over it.

pub mod analysis;
pub mod compare;
pub mod error;
pub mod import;
pub mod jobs;
pub mod library;
pub mod linking;
pub mod model;
pub mod pager;
pub mod ratings;
pub mod reference;
pub mod report;
pub mod sample;
pub mod text;

pub use error::{Error, Result};
pub use library::Library;
