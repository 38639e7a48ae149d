//! What the comparison of reports needs from storage: the articles with their outlets' combined
//! grades, the incident's header, the library's own framing lexicon, and each analyst's current
//! credibility mark of each report (shown beside the suggested one, never replaced by it); and
//! what a report adds: provenance, ratings, and the analysts' tags and notes on what it covers.

use rusqlite::{OptionalExtension, params};

use super::Library;
use crate::analysis::{Gazetteer, Lexicon};
use crate::compare::corroboration::HumanAssessment;
use crate::compare::{Comparison, IncidentHeader, MAX_REPORTS, ReportInput, compare};
use crate::error::{Error, Result};
use crate::model::{Id, Target};
use crate::ratings::{Grade, combined_grade};
use crate::report::{
    Annotations, NotedPassage, OutletRating, Provenance, ReportDocument, ReportNote, WorkingLayer,
};

/// The lexicon shipped with the program, as text: what "Reset to default" puts back.
pub const DEFAULT_LEXICON: &str = include_str!("../../assets/lexicon.toml");

impl Library {
    /// The library's framing lexicon: the analyst's edited copy, else the shipped one.
    pub fn lexicon(&self) -> Result<Lexicon> {
        match self.lexicon_text()? {
            Some(text) => Lexicon::parse(&text),
            None => Ok(Lexicon::built_in()),
        }
    }

    /// The analyst's edited lexicon text; `None` when the library uses the shipped one.
    pub fn lexicon_text(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT text FROM library_lexicon WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Saves an edited lexicon for this library, after checking that it parses; `None` goes back
    /// to the shipped lexicon. Returns the text that was in force before, for undo.
    pub fn set_lexicon_text(&mut self, text: Option<&str>, by: &str) -> Result<Option<String>> {
        if let Some(text) = text {
            Lexicon::parse(text)?;
        }
        let tx = self.conn.transaction()?;
        let before: Option<String> = tx
            .query_row("SELECT text FROM library_lexicon WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?;
        match text {
            Some(text) => {
                tx.execute(
                    "INSERT INTO library_lexicon (id, text, edited_by, edited_at)
                     VALUES (1, ?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                     ON CONFLICT (id) DO UPDATE SET text = excluded.text,
                        edited_by = excluded.edited_by, edited_at = excluded.edited_at",
                    params![text, by],
                )?;
            }
            None => {
                tx.execute("DELETE FROM library_lexicon WHERE id = 1", [])?;
            }
        }
        tx.commit()?;
        Ok(before)
    }

    /// The gazetteer: the shipped places with the library's added names.
    pub fn gazetteer(&self) -> Result<Gazetteer> {
        Ok(Gazetteer::with_additions(&self.place_names()?))
    }

    /// The listed articles as reports to compare, in the order asked, each with its outlet's
    /// combined grade. Ids that do not exist are an error naming them.
    pub fn report_inputs(&self, ids: &[Id]) -> Result<Vec<ReportInput>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, o.id, o.name, a.title, a.published, a.body
             FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for &id in ids {
            let row = stmt
                .query_row([id], |r| {
                    Ok((
                        r.get::<_, Id>(0)?,
                        r.get::<_, Id>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                })
                .optional()?;
            match row {
                Some((article_id, outlet_id, outlet, headline, published, body)) => {
                    out.push(ReportInput {
                        article_id,
                        grade: self.outlet_combined_grade(outlet_id)?,
                        outlet,
                        headline,
                        published,
                        body,
                    })
                }
                None => missing.push(id.to_string()),
            }
        }
        if !missing.is_empty() {
            return Err(Error::Invalid(format!(
                "no article with id {}",
                missing.join(", ")
            )));
        }
        Ok(out)
    }

    /// The combined grade of one outlet's current ratings (median, F excluded).
    fn outlet_combined_grade(&self, outlet: Id) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT grade FROM ratings r
             WHERE outlet_id = ?1
               AND id = (SELECT id FROM ratings r2
                         WHERE r2.outlet_id = r.outlet_id AND r2.analyst = r.analyst
                         ORDER BY created_at DESC, id DESC LIMIT 1)",
        )?;
        let grades: Vec<Grade> = stmt
            .query_map([outlet], |r| r.get::<_, String>(0))?
            .filter_map(|g| g.ok().and_then(|g| g.parse().ok()))
            .collect();
        Ok(combined_grade(&grades).map(|g| g.letter().to_string()))
    }

    /// The comparison of an incident's reports (the first [`MAX_REPORTS`], earliest first).
    pub fn compare_incident(&self, incident: Id) -> Result<Comparison> {
        let detail = self
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
        self.compare_articles(header, &ids)
    }

    /// A comparison ready to export: with where each article came from, each analyst's
    /// current rating (grade and rationale) of each outlet in it, and the analysts' tags and
    /// notes on the incident, the articles and the outlets.
    pub fn report_document(
        &self,
        comparison: Comparison,
        prepared_by: &str,
        prepared_at: &str,
    ) -> Result<ReportDocument> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_path, imported_at, content_hash, outlet_id FROM articles WHERE id = ?1",
        )?;
        let mut provenance = Vec::with_capacity(comparison.reports.len());
        // The outlets' ids and names, each once, in the reports' order.
        let mut outlet_ids: Vec<(Id, String)> = Vec::new();
        for r in &comparison.reports {
            let (source_path, imported_at, content_hash, outlet_id) = stmt
                .query_row([r.article_id], |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get::<_, Option<Id>>(3)?,
                    ))
                })
                .optional()?
                .unwrap_or_default();
            if let Some(id) = outlet_id
                && !outlet_ids.iter().any(|(o, _)| *o == id)
            {
                outlet_ids.push((id, r.outlet.clone()));
            }
            provenance.push(Provenance {
                article_id: r.article_id,
                source_path,
                imported_at,
                content_hash,
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.analyst, r.grade, r.rationale, r.created_at
             FROM ratings r JOIN outlets o ON o.id = r.outlet_id
             WHERE o.name = ?1
               AND r.id = (SELECT id FROM ratings r2
                           WHERE r2.outlet_id = r.outlet_id AND r2.analyst = r.analyst
                           ORDER BY created_at DESC, id DESC LIMIT 1)
             ORDER BY r.analyst",
        )?;
        let mut ratings = Vec::new();
        let mut outlets: Vec<&str> = Vec::new();
        for r in &comparison.reports {
            if !outlets.contains(&r.outlet.as_str()) {
                outlets.push(&r.outlet);
            }
        }
        for outlet in outlets {
            let rows = stmt.query_map([outlet], |row| {
                Ok(OutletRating {
                    outlet: outlet.to_string(),
                    analyst: row.get(0)?,
                    grade: row.get(1)?,
                    rationale: row.get(2)?,
                    rated_at: row.get(3)?,
                })
            })?;
            for row in rows {
                ratings.push(row?);
            }
        }
        let working = self.working_layer(&comparison, &outlet_ids)?;
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
        &self,
        comparison: &Comparison,
        outlets: &[(Id, String)],
    ) -> Result<WorkingLayer> {
        let incident = match comparison.incident.id {
            Some(id) => {
                Some(self.annotations(Target::Incident(id), &comparison.incident.title, None)?)
                    .filter(|a| !a.is_empty())
            }
            None => None,
        };
        let mut full_text = self
            .conn
            .prepare_cached("SELECT full_text FROM article_full_texts WHERE article_id = ?1")?;
        let mut reports = Vec::new();
        for r in &comparison.reports {
            let text: Option<String> = full_text
                .query_row([r.article_id], |row| row.get(0))
                .optional()?;
            let text = text.as_deref().unwrap_or(&r.body);
            let a = self.annotations(Target::Article(r.article_id), &r.headline, Some(text))?;
            if !a.is_empty() {
                reports.push(a);
            }
        }
        let mut kept = Vec::new();
        for (id, name) in outlets {
            let a = self.annotations(Target::Outlet(*id), name, None)?;
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

    /// The tags and notes on `target`, shown as `label`; `text` is the article's text its
    /// passage notes are found in.
    fn annotations(&self, target: Target, label: &str, text: Option<&str>) -> Result<Annotations> {
        let notes = self
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
            tags: self.tags_of(target)?,
            notes,
        })
    }

    /// The comparison of hand-picked articles under a header (an incident's or a made-up one).
    pub fn compare_articles(&self, header: IncidentHeader, ids: &[Id]) -> Result<Comparison> {
        if ids.len() > MAX_REPORTS {
            return Err(Error::Invalid(format!(
                "{} articles picked; a comparison holds at most {MAX_REPORTS}",
                ids.len()
            )));
        }
        let inputs = self.report_inputs(ids)?;
        let mut comparison = compare(header, &inputs, &self.lexicon()?, &self.gazetteer()?);
        self.fill_assessments(&mut comparison)?;
        Ok(comparison)
    }

    /// Puts each analyst's current mark of each report beside its suggested credibility.
    pub fn fill_assessments(&self, comparison: &mut Comparison) -> Result<()> {
        for c in &mut comparison.corroboration {
            c.assessments = self
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
}
