//! What comparison and reports read from storage, as stored rows: the library's framing lexicon
//! and gazetteer additions, articles as reports with their outlets' current grades, where each
//! article came from, the analysts' current ratings with their rationales, and full texts.
//! Assembling a comparison is `compare::assemble`'s job and a report's `report::document`'s:
//! storage knows neither.

use rusqlite::{OptionalExtension, params};

use super::Library;
use super::clock::now;
use super::ratings::{AgreedGrade, agreed_grade};
use crate::analysis::{Gazetteer, Lexicon};
use crate::error::{Error, Result};
use crate::model::{Id, SUSPECTED_REASON, SetApart};
use crate::ratings::Grade;

/// An article as a report to compare: its outlet and the outlet's analysts' current grades.
#[derive(Debug, Clone)]
pub struct ReportSource {
    pub article_id: Id,
    pub outlet_id: Id,
    pub outlet: String,
    pub headline: String,
    pub published: Option<String>,
    pub body: String,
    /// Each analyst's current grade of the outlet.
    pub grades: Vec<Grade>,
    /// What the import set apart from the text, in the order of the text: the spans cut and not
    /// put back, and the spans kept as suspected.
    pub set_apart: Vec<SetApart>,
}

/// Where an article came from: the file, when it was imported, and the hash of its text.
#[derive(Debug, Clone, Default)]
pub struct ArticleProvenance {
    pub source_path: String,
    pub imported_at: String,
    pub content_hash: String,
    pub outlet_id: Option<Id>,
}

/// One analyst's current rating of an outlet, with its rationale.
#[derive(Debug, Clone)]
pub struct CurrentRating {
    pub analyst: String,
    pub grade: String,
    /// The rationale as a report shows it: the analyst's own; for a grade agreed in a resolution,
    /// the analyst's own rationale and grade before it, then the resolution's
    /// ([`AgreedGrade::rationale_beside`]).
    pub rationale: String,
    pub created_at: String,
    /// When the grade was agreed in a resolution: which, and the analyst's own grade before it.
    pub agreed: Option<AgreedGrade>,
}

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
                     VALUES (1, ?1, ?2, ?3)
                     ON CONFLICT (id) DO UPDATE SET text = excluded.text,
                        edited_by = excluded.edited_by, edited_at = excluded.edited_at",
                    params![text, by, now()],
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

    /// Names of organisations the library's latest `articles` reports cite or tell of acting
    /// that its lexicon, the registry of sources and the gazetteer do not know and that the
    /// analysts did not ignore: candidates to add to the lexicon, most reports first (at most
    /// `limit`).
    pub fn unlisted_names(
        &self,
        articles: usize,
        limit: usize,
    ) -> Result<Vec<crate::analysis::candidates::UnlistedName>> {
        let lexicon = self.lexicon()?;
        let gazetteer = self.gazetteer()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM articles ORDER BY id DESC LIMIT ?1")?;
        let bodies: Vec<String> = stmt
            .query_map([articles as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(crate::analysis::candidates::unlisted_names(
            bodies.iter().map(String::as_str),
            &lexicon,
            &gazetteer,
            &lexicon.ignored,
            limit,
        ))
    }

    /// The listed articles as reports, in the order asked, each with its outlet's current
    /// grades. Ids that do not exist are an error naming them.
    pub fn report_sources(&self, ids: &[Id]) -> Result<Vec<ReportSource>> {
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
                    out.push(ReportSource {
                        article_id,
                        grades: self.outlet_grades(outlet_id)?,
                        outlet_id,
                        outlet,
                        headline,
                        published,
                        body,
                        set_apart: self.set_apart(article_id)?,
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

    /// The passages the import set apart from an article's text (see [`ReportSource::set_apart`]):
    /// a span cut and not put back, or one kept as suspected (its reason starts
    /// [`SUSPECTED_REASON`], which is left off here). A span the analyst put back is the report's text.
    fn set_apart(&self, article: Id) -> Result<Vec<SetApart>> {
        let full_text: Option<String> = self
            .conn
            .query_row(
                "SELECT full_text FROM article_full_texts WHERE article_id = ?1",
                [article],
                |r| r.get(0),
            )
            .optional()?;
        let Some(full_text) = full_text else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT reason, restored, start, end FROM removed_spans
             WHERE article_id = ?1 ORDER BY start",
        )?;
        let rows = stmt.query_map([article], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (reason, restored, start, end) = row?;
            let suspected = reason.strip_prefix(SUSPECTED_REASON);
            if restored && suspected.is_none() {
                continue;
            }
            let (start, end) = (start.max(0) as usize, end.max(0) as usize);
            out.push(SetApart {
                reason: suspected.unwrap_or(&reason).to_string(),
                text: full_text
                    .get(start..end)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                kept: suspected.is_some(),
            });
        }
        Ok(out)
    }

    /// Each analyst's current grade of one outlet.
    fn outlet_grades(&self, outlet: Id) -> Result<Vec<Grade>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT grade FROM current_ratings WHERE outlet_id = ?1")?;
        let grades = stmt
            .query_map([outlet], |r| r.get::<_, String>(0))?
            .filter_map(|g| g.ok().and_then(|g| g.parse().ok()))
            .collect();
        Ok(grades)
    }

    /// Where an article came from; `None` when there is no such article.
    pub fn provenance(&self, article: Id) -> Result<Option<ArticleProvenance>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_path, imported_at, content_hash, outlet_id FROM articles WHERE id = ?1",
        )?;
        Ok(stmt
            .query_row([article], |row| {
                Ok(ArticleProvenance {
                    source_path: row.get(0)?,
                    imported_at: row.get(1)?,
                    content_hash: row.get(2)?,
                    outlet_id: row.get(3)?,
                })
            })
            .optional()?)
    }

    /// Each analyst's current rating of the outlet named `outlet`, by analyst; a grade agreed in
    /// a resolution with the analyst's own rationale before it.
    pub fn current_ratings_of(&self, outlet: &str) -> Result<Vec<CurrentRating>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.analyst, r.grade, r.rationale, r.created_at, r.outlet_id
             FROM current_ratings r JOIN outlets o ON o.id = r.outlet_id
             WHERE o.name = ?1
             ORDER BY r.analyst",
        )?;
        let rows = stmt
            .query_map([outlet], |row| {
                Ok((
                    CurrentRating {
                        analyst: row.get(0)?,
                        grade: row.get(1)?,
                        rationale: row.get(2)?,
                        created_at: row.get(3)?,
                        agreed: None,
                    },
                    row.get::<_, Id>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (mut rating, outlet_id) in rows {
            rating.agreed = agreed_grade(
                &self.conn,
                outlet_id,
                &rating.analyst,
                &rating.created_at,
                &rating.grade,
            )?;
            if let Some(agreed) = &rating.agreed {
                rating.rationale = agreed.rationale_beside(&rating.rationale);
            }
            out.push(rating);
        }
        Ok(out)
    }

    /// An article's full text as imported (the text its spans and passage notes count in);
    /// `None` when the library has none for it.
    pub fn full_text(&self, article: Id) -> Result<Option<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT full_text FROM article_full_texts WHERE article_id = ?1")?;
        Ok(stmt.query_row([article], |row| row.get(0)).optional()?)
    }
}
