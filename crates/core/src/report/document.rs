//! A report's document assembled from a library: the comparison with where each article came
//! from, each analyst's current rating (grade and rationale) of each outlet in it, and the
//! analysts' tags and notes on the incident, the articles and the outlets.

use super::{
    Annotations, NotedPassage, OutletRating, Provenance, ReportDocument, ReportNote, WorkingLayer,
};
use crate::compare::Comparison;
use crate::error::Result;
use crate::library::Library;
use crate::model::{Id, Target};

/// A comparison ready to export, prepared by `prepared_by` at `prepared_at` (RFC 3339).
pub fn report_document(
    library: &Library,
    comparison: Comparison,
    prepared_by: &str,
    prepared_at: &str,
) -> Result<ReportDocument> {
    let mut provenance = Vec::with_capacity(comparison.reports.len());
    // The outlets' ids and names, each once, in the reports' order.
    let mut outlet_ids: Vec<(Id, String)> = Vec::new();
    for r in &comparison.reports {
        let stored = library.provenance(r.article_id)?.unwrap_or_default();
        if let Some(id) = stored.outlet_id
            && !outlet_ids.iter().any(|(o, _)| *o == id)
        {
            outlet_ids.push((id, r.outlet.clone()));
        }
        provenance.push(Provenance {
            article_id: r.article_id,
            source_path: stored.source_path,
            imported_at: stored.imported_at,
            content_hash: stored.content_hash,
        });
    }
    let mut ratings = Vec::new();
    for outlet in super::distinct_outlets(&comparison.reports) {
        for r in library.current_ratings_of(outlet)? {
            ratings.push(OutletRating {
                outlet: outlet.to_string(),
                analyst: r.analyst,
                grade: r.grade,
                rationale: r.rationale,
                rated_at: r.created_at,
            });
        }
    }
    let working = working_layer(library, &comparison, &outlet_ids)?;
    Ok(ReportDocument {
        comparison,
        provenance,
        ratings,
        prepared_by: prepared_by.to_string(),
        prepared_at: prepared_at.to_string(),
        working,
    })
}

/// The tags and notes on the incident compared (when it is one), on each report and on each
/// of `outlets`; each note on a passage located in its article's full text (the text its span
/// counts in), or, if the library has none, in the report's body.
fn working_layer(
    library: &Library,
    comparison: &Comparison,
    outlets: &[(Id, String)],
) -> Result<WorkingLayer> {
    let incident = match comparison.incident.id {
        Some(id) => Some(annotations(
            library,
            Target::Incident(id),
            &comparison.incident.title,
            None,
        )?)
        .filter(|a| !a.is_empty()),
        None => None,
    };
    let mut reports = Vec::new();
    for r in &comparison.reports {
        let text = library.full_text(r.article_id)?;
        let text = text.as_deref().unwrap_or(&r.body);
        let a = annotations(
            library,
            Target::Article(r.article_id),
            &r.headline,
            Some(text),
        )?;
        if !a.is_empty() {
            reports.push(a);
        }
    }
    let mut kept = Vec::new();
    for (id, name) in outlets {
        let a = annotations(library, Target::Outlet(*id), name, None)?;
        if !a.is_empty() {
            kept.push(a);
        }
    }
    Ok(WorkingLayer {
        incident,
        reports,
        outlets: kept,
    })
}

/// The tags and notes on `target`, shown as `label`; `text` is the article's text its passage
/// notes are found in.
fn annotations(
    library: &Library,
    target: Target,
    label: &str,
    text: Option<&str>,
) -> Result<Annotations> {
    let notes = library
        .notes_of(target)?
        .into_iter()
        .map(|n| {
            let passage = (n.span.is_some() || n.quote.is_some())
                .then(|| NotedPassage::locate(text.unwrap_or(""), n.span, n.quote.as_deref()));
            ReportNote {
                author: n.author,
                created_at: n.created_at,
                edited_at: n.edited_at,
                text: n.text,
                passage,
            }
        })
        .collect();
    Ok(Annotations {
        target,
        label: label.to_string(),
        tags: library.tags_of(target)?,
        notes,
    })
}
