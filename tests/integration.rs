//! The integration tests of the core and the command line, in one test binary.
//!
//! Every test binary links the whole program (egui, winit, SQLite), about half a gigabyte
//! with debug information; one binary per file made `cargo test` build 28 of them. The
//! files stay one per subject, as modules of this crate (`autotests = false` in Cargo.toml).

mod common;

mod architecture;
mod axes;
mod browse;
mod cli;
mod compare;
mod compare_properties;
mod corroboration;
mod crash_safety;
mod disagreements;
mod framing;
mod full_text;
mod import_bad_input;
mod import_cancel;
mod import_formats;
mod import_properties;
mod import_sample;
mod incidents;
mod library;
mod linking;
mod ratings;
mod report;
mod report_browser;
mod report_html;
mod safety;
mod working_layer;
