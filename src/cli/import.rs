//! `triangulate import`: files and folders (recursively) into the library. A file that cannot be
//! read is a problem reported beside the others, not an error of the whole command.

use std::path::PathBuf;

use triangulate_core::import::{self, ImportOptions};
use triangulate_core::jobs::Progress;
use triangulate_core::library::Library;

use super::Outcome;
use super::common::print_json;

/// `triangulate import`: the files and folders of `paths` into the library; prints how many
/// were imported or already there, and each file that could not be read as a problem.
pub(super) fn import(
    mut library: Library,
    paths: &[PathBuf],
    outlet: Option<String>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let progress = Progress::new();
    let report = import::import_paths(
        &mut library,
        paths,
        &ImportOptions {
            outlet,
            ..Default::default()
        },
        &progress,
    )?;
    if json {
        print_json(&report)?;
    } else {
        println!(
            "{} files seen, {} imported, {} already in the library, {} problems",
            report.files_seen,
            report.imported,
            report.skipped_duplicates,
            report.problems.len()
        );
        for p in &report.problems {
            println!("  problem: {}: {}", p.path, p.reason);
        }
    }
    Ok(Outcome::Exit(0))
}
