//! `triangulate sample`: fills a new, empty library with the sample, as the app's first run fills
//! the default library (both call `triangulate_core::sample::fill_new_library`).

use anyhow::anyhow;
use triangulate_core::jobs::Progress;
use triangulate_core::library::Library;

use super::Outcome;
use super::common::print_json;

/// `triangulate sample`: the sample's articles, its analysts' ratings, links, an accepted
/// incident and open suggestions; refused (exit 1, nothing written) when the library already
/// holds articles.
pub(super) fn sample(mut library: Library, json: bool) -> anyhow::Result<Outcome> {
    let summary = triangulate_core::sample::fill_new_library(&mut library, &Progress::new())
        .map_err(|e| match e {
            refused @ triangulate_core::Error::Invalid(_) => anyhow!(
                "{refused}. To try the sample, name a new file: `triangulate sample --library NEW.sqlite`"
            ),
            other => anyhow::Error::new(other).context("filling the library with the sample"),
        })?;
    if json {
        print_json(&summary)?;
        return Ok(Outcome::Exit(0));
    }
    println!(
        "{}: the sample's {} articles from {} outlets, all invented.",
        library.path().display(),
        summary.imported,
        summary.outlets
    );
    if summary.problems > 0 {
        println!(
            "{} of its files could not be read, on purpose: the Import log shows how a problem is reported.",
            summary.problems
        );
    }
    let waiting = match summary.disagreements {
        1 => "one disagreement waits".to_string(),
        n => format!("{n} disagreements wait"),
    };
    println!(
        "{} ratings by {} ({waiting} in `triangulate disagreements`).",
        summary.ratings,
        summary.analysts.join(" and ")
    );
    match summary.incident {
        Some(incident) => println!(
            "Incident {incident} accepted from linking's suggestions (`triangulate compare {incident}`); {} suggestions left open (`triangulate suggestions`).",
            summary.open_suggestions
        ),
        None => println!(
            "{} suggestions open (`triangulate suggestions`).",
            summary.open_suggestions
        ),
    }
    Ok(Outcome::Exit(0))
}
