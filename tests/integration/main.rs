//! The integration tests of the core and the command line, in one test binary that links the
//! core alone (no window crates): each file is one subject, a module here. The command line is
//! driven as users drive it, through the built binary (`common::binary`).
//!
//! A folder with a `main.rs` is a test target Cargo finds by itself; a new file here still has
//! to be named below, and `architecture::every_test_file_is_compiled` fails when one is not.

#[path = "../common/mod.rs"]
mod common;

mod architecture;
mod axes;
mod browse;
mod cli;
mod compare;
mod compare_properties;
mod corrections;
mod corroboration;
mod crash_safety;
mod disagreements;
mod extract_quality;
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
mod mentions;
mod outlet_edits;
mod ratings;
mod reading;
mod real_data;
mod reference_real;
mod references;
mod report;
mod report_browser;
mod report_html;
mod report_pdf;
mod safety;
mod sample_first_run;
mod structure;
mod working_layer;
