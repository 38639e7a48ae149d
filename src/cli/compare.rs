//! How the reports of one incident, or hand-picked articles, frame the event: `compare` prints
//! the comparison (with `--json`, its model), and `report` renders it as a document to hand on.

use std::path::PathBuf;

use anyhow::{Context, bail};
use triangulate_core::library::Library;

use super::Outcome;
use super::common::print_json;

/// `triangulate compare`: the reports, the facts each gives (≠ where they differ), and each
/// report's names for the actors, loaded words, hedges and passages.
pub(super) fn compare(
    library: &Library,
    incident: Option<triangulate_core::model::Id>,
    articles: &[triangulate_core::model::Id],
    json: bool,
) -> anyhow::Result<Outcome> {
    use triangulate_core::compare::ActorName;
    let comparison = comparison_of(library, incident, articles)?;
    if json {
        print_json(&comparison)?;
        return Ok(Outcome::Exit(0));
    }
    let i = &comparison.incident;
    println!(
        "{}  ({}, {})",
        i.title,
        i.date.as_deref().unwrap_or("no date"),
        i.place.as_deref().unwrap_or("no place")
    );
    println!();
    for (n, r) in comparison.reports.iter().enumerate() {
        println!(
            "[{}] {} ({})  {}  {}",
            n + 1,
            r.outlet,
            r.grade.as_deref().unwrap_or("not rated"),
            r.published.as_deref().unwrap_or("no date"),
            r.headline
        );
    }
    if comparison.reports_left_out > 0 {
        println!(
            "({} later reports left out: Compare holds at most {} reports)",
            comparison.reports_left_out,
            triangulate_core::compare::MAX_REPORTS
        );
    }
    println!();
    for row in &comparison.facts {
        let mark = if row.disagreement { "  ≠" } else { "" };
        println!("{}{mark}", row.fact);
        for (n, cell) in row.cells.iter().enumerate() {
            let mut shown = cell.main.clone().unwrap_or_else(|| "—".to_string());
            if !cell.also.is_empty() {
                shown.push_str(&format!("  (also {})", cell.also.join("; ")));
            }
            println!("  [{}] {shown}", n + 1);
        }
    }
    println!();
    for (n, r) in comparison.reports.iter().enumerate() {
        let names: Vec<String> = r.actor_names.iter().map(ActorName::shown).collect();
        let loaded: Vec<&str> = r.loaded_terms.iter().map(|t| t.text.as_str()).collect();
        let hedges: Vec<&str> = r.hedges.iter().map(|t| t.text.as_str()).collect();
        println!("[{}] {}: {} words", n + 1, r.outlet, r.word_count);
        println!("  names:   {}", or_none(&names.join(", ")));
        println!("  loaded:  {}", or_none(&loaded.join(", ")));
        println!("  hedges:  {}", or_none(&hedges.join(", ")));
        println!(
            "  passages: {} shared with other reports, {} found only here",
            r.shared_passages.len(),
            r.unique_passages.len()
        );
        let apart: Vec<String> = r.set_apart.iter().map(|s| s.why()).collect();
        println!("  set apart at import: {}", or_none(&apart.join(", ")));
    }
    Ok(Outcome::Exit(0))
}

/// `s`, or "none" when it is empty.
fn or_none(s: &str) -> &str {
    if s.is_empty() { "none" } else { s }
}

/// `triangulate report`: the comparison rendered as `format`, written to `out` or stdout. A PDF
/// is written to a file only: its bytes would garble a terminal.
pub(super) fn report(
    library: &Library,
    incident: Option<triangulate_core::model::Id>,
    articles: &[triangulate_core::model::Id],
    format: &str,
    out: Option<PathBuf>,
    analyst: String,
) -> anyhow::Result<Outcome> {
    use triangulate_core::report::{Format, export, render, report_document};
    let format = Format::parse(format)?;
    if !format.is_text() && out.is_none() {
        bail!(
            "a PDF report is written to a file, not to the terminal: add --out FILE \
             (e.g. --out report.pdf)"
        );
    }
    let comparison = comparison_of(library, incident, articles)?;
    match out {
        Some(path) => {
            export(library, comparison, &analyst, format, &path)
                .with_context(|| format!("writing the report to {}", path.display()))?;
            eprintln!("Wrote {}.", path.display());
        }
        None => {
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            let doc = report_document(library, comparison, &analyst, &now)?;
            print!("{}", render(&doc, format)?);
        }
    }
    Ok(Outcome::Exit(0))
}

/// The comparison of an incident, or of hand-picked articles under a plain header.
fn comparison_of(
    library: &Library,
    incident: Option<triangulate_core::model::Id>,
    articles: &[triangulate_core::model::Id],
) -> anyhow::Result<triangulate_core::compare::Comparison> {
    Ok(match incident {
        Some(id) => triangulate_core::compare::compare_incident(library, id)?,
        None => {
            if articles.len() < 2 {
                bail!("compare needs an incident or at least two articles (--articles 3,7)");
            }
            let header = triangulate_core::compare::IncidentHeader {
                title: "Hand-picked articles".to_string(),
                ..Default::default()
            };
            triangulate_core::compare::compare_articles(library, header, articles)?
        }
    })
}
