//! A comparison assembled from a library: an incident's reports, or hand-picked articles, read
//! from storage with their outlets' grades, compared under the library's own lexicon and
//! gazetteer, and each analyst's current credibility mark put beside the suggested one.

use super::corroboration::HumanAssessment;
use super::{Comparison, IncidentHeader, MAX_REPORTS, ReportInput, compare};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::Id;
use crate::ratings::combined_grade;

/// The comparison of an incident's reports (the first [`MAX_REPORTS`], earliest first).
pub fn compare_incident(library: &Library, incident: Id) -> Result<Comparison> {
    let detail = library
        .incident(incident)?
        .ok_or_else(|| Error::Invalid(format!("no incident with id {incident}")))?;
    let ids: Vec<Id> = detail
        .reports
        .iter()
        .map(|r| r.article.id)
        .take(MAX_REPORTS)
        .collect();
    let header = IncidentHeader {
        id: Some(detail.id),
        title: detail.title,
        date: detail.date,
        place: detail.place,
        summary: detail.summary,
    };
    compare_articles(library, header, &ids)
}

/// The comparison of hand-picked articles under a header (an incident's or a made-up one).
pub fn compare_articles(
    library: &Library,
    header: IncidentHeader,
    ids: &[Id],
) -> Result<Comparison> {
    if ids.len() > MAX_REPORTS {
        return Err(Error::Invalid(format!(
            "{} articles picked; a comparison holds at most {MAX_REPORTS}",
            ids.len()
        )));
    }
    let inputs: Vec<ReportInput> = library
        .report_sources(ids)?
        .into_iter()
        .map(|s| ReportInput {
            article_id: s.article_id,
            grade: combined_grade(&s.grades).map(|g| g.letter().to_string()),
            outlet: s.outlet,
            headline: s.headline,
            published: s.published,
            body: s.body,
            set_apart: s.set_apart,
        })
        .collect();
    let mut comparison = compare(header, &inputs, &library.lexicon()?, &library.gazetteer()?);
    fill_assessments(library, &mut comparison)?;
    Ok(comparison)
}

/// Puts each analyst's current mark of each report beside its suggested credibility.
pub fn fill_assessments(library: &Library, comparison: &mut Comparison) -> Result<()> {
    for c in &mut comparison.corroboration {
        c.assessments = library
            .current_assessments(c.article_id)?
            .into_iter()
            .map(|a| HumanAssessment {
                analyst: a.analyst,
                credibility: a.credibility,
                note: a.note,
                created_at: a.created_at,
            })
            .collect();
    }
    Ok(())
}
