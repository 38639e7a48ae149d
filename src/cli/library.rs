//! Commands on the library file as a whole: `check` its integrity, `backup` it while it may be
//! in use, and `synth`, which fills an empty library with a synthetic one for benchmarks and for
//! trying the program at scale. (`open` names a library for the app; `run` answers it.)

use std::path::PathBuf;

use anyhow::Context;
use triangulate_core::jobs::Progress;
use triangulate_core::library::synth::SynthSpec;
use triangulate_core::library::{self, Library};

use super::Outcome;
use super::common::print_json;

/// `triangulate check`: exit 0 when the library is sound, else 1 with the problems on stderr.
pub(super) fn check(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let report = library.check()?;
    if json {
        print_json(&report)?;
    } else if report.is_sound() {
        println!(
            "{}: sound (schema {}, {} articles)",
            library.path().display(),
            report.schema_version,
            report.articles
        );
    } else {
        for p in &report.problems {
            eprintln!("{p}");
        }
    }
    Ok(Outcome::Exit(if report.is_sound() { 0 } else { 1 }))
}

/// `triangulate backup`: SQLite's online backup to `out`, else to a dated file beside the library.
pub(super) fn backup(
    library: &Library,
    out: Option<PathBuf>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let dest = out.unwrap_or_else(|| library::backup::backup_name(library.path(), "backup"));
    let report = library
        .backup_to(&dest, &Progress::new())
        .with_context(|| format!("backing up to {}", dest.display()))?;
    if json {
        print_json(&report)?;
    } else {
        println!(
            "Backed up {} articles to {} ({} bytes). To restore it, close Triangulate and copy it over the library file.",
            report.articles,
            report.path.display(),
            report.bytes
        );
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate synth`: fills an empty library with `spec`'s synthetic articles, outlets,
/// incidents and ratings.
pub(super) fn synth(mut library: Library, spec: &SynthSpec, json: bool) -> anyhow::Result<Outcome> {
    let summary = library.generate_synthetic(spec, &Progress::new())?;
    if json {
        print_json(&summary)?;
    } else {
        println!(
            "{} synthetic articles, {} outlets, {} incidents, {} ratings.",
            summary.articles, summary.outlets, summary.incidents, summary.ratings
        );
    }
    Ok(Outcome::Exit(0))
}
