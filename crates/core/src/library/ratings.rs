//! Storage of ratings and assessments: append-only rows, the history of an outlet, the current
//! grade of each analyst (and, when it was agreed in a resolution, the analyst's own grade and
//! rationale before it), and the exchange file that lets two analysts merge their ratings.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Library;
use super::clock::now;
use crate::error::{Error, Result};
use crate::model::Id;
use crate::ratings::{Answer, CriterionAnswer, Grade, NewRating, Rating};

/// One analyst's credibility mark on an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Id,
    pub article_id: Id,
    pub analyst: String,
    pub credibility: u8,
    pub note: String,
    pub created_at: String,
}

/// An analyst's current grade of an outlet that was agreed in the resolution of a disagreement
/// (recorded with it, at its time: `disagreements.rs`), with the analyst's own latest grade and
/// rationale before it, which the agreed grade does not make any less theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedGrade {
    /// The resolution's id.
    pub resolution: Id,
    /// The analyst's own grade before it (`None` when they had rated the outlet only through
    /// resolutions).
    pub own_grade: Option<String>,
    /// The rationale of that grade.
    pub own_rationale: String,
}

impl AgreedGrade {
    /// What a report shows as the rationale of an agreed grade whose own rationale is `agreed`:
    /// the analyst's own rationale and grade first, then the resolution's.
    pub fn rationale_beside(&self, agreed: &str) -> String {
        let own = self.own_rationale.trim();
        match (&self.own_grade, own.is_empty()) {
            (None, _) => agreed.to_string(),
            (Some(g), true) => format!("(own grade {g}, no rationale given) — {agreed}"),
            (Some(g), false) => format!("{own} (own grade {g}) — {agreed}"),
        }
    }
}

/// Whether `analyst`'s rating of `outlet` made at `created_at` with `grade` is the grade agreed
/// in a resolution, and if so which and what the analyst's own grade was before it.
pub(super) fn agreed_grade(
    conn: &rusqlite::Connection,
    outlet: Id,
    analyst: &str,
    created_at: &str,
    grade: &str,
) -> Result<Option<AgreedGrade>> {
    let resolution: Option<Id> = conn
        .prepare_cached(
            "SELECT id FROM resolutions WHERE outlet_id = ?1 AND created_at = ?2 AND grade = ?3
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![outlet, created_at, grade], |r| r.get(0))
        .optional()?;
    let Some(resolution) = resolution else {
        return Ok(None);
    };
    let own: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT r.grade, r.rationale FROM ratings r
             WHERE r.outlet_id = ?1 AND r.analyst = ?2 AND r.created_at < ?3
               AND NOT EXISTS (SELECT 1 FROM resolutions s WHERE s.outlet_id = r.outlet_id
                               AND s.created_at = r.created_at AND s.grade = r.grade)
             ORDER BY r.created_at DESC, r.id DESC LIMIT 1",
        )?
        .query_row(params![outlet, analyst, created_at], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(Some(AgreedGrade {
        resolution,
        own_grade: own.as_ref().map(|(g, _)| g.clone()),
        own_rationale: own.map(|(_, r)| r).unwrap_or_default(),
    }))
}

pub(super) fn rating_uid(
    outlet: &str,
    analyst: &str,
    created_at: &str,
    grade: Grade,
    rationale: &str,
) -> String {
    crate::text::hash_parts(&[outlet, analyst, created_at, grade.letter(), rationale])
}

pub(super) fn assessment_uid(
    article_hash: &str,
    analyst: &str,
    created_at: &str,
    credibility: u8,
    note: &str,
) -> String {
    crate::text::hash_parts(&[
        article_hash,
        analyst,
        created_at,
        &credibility.to_string(),
        note,
    ])
}

impl Library {
    /// Adds a rating (append-only) with its criteria and evidence, in one transaction.
    pub fn add_rating(&mut self, rating: &NewRating) -> Result<Id> {
        let tx = self.conn.transaction()?;
        let id = add_rating_in(&tx, rating)?;
        tx.commit()?;
        Ok(id)
    }

    /// The analysts whose current grade of an outlet was agreed in a resolution, each with their
    /// own grade and rationale before it, by analyst.
    pub fn agreed_grades(&self, outlet: Id) -> Result<Vec<(String, AgreedGrade)>> {
        let current: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT analyst, created_at, grade FROM current_ratings WHERE outlet_id = ?1
                 ORDER BY analyst",
            )?
            .query_map([outlet], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (analyst, created_at, grade) in current {
            if let Some(agreed) = agreed_grade(&self.conn, outlet, &analyst, &created_at, &grade)? {
                out.push((analyst, agreed));
            }
        }
        Ok(out)
    }

    /// Every rating of an outlet, oldest first, with criteria and evidence.
    pub fn rating_history(&self, outlet: Id) -> Result<Vec<Rating>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, outlet_id, analyst, grade, rationale, created_at FROM ratings
             WHERE outlet_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([outlet], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, Id>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, outlet_id, analyst, grade, rationale, created_at) = row?;
            out.push(Rating {
                id,
                outlet_id,
                analyst,
                grade: grade.parse()?,
                rationale,
                created_at,
                criteria: self.rating_criteria(id)?,
                evidence: self.rating_evidence(id)?,
            });
        }
        Ok(out)
    }

    pub(super) fn rating_criteria(&self, rating: Id) -> Result<Vec<CriterionAnswer>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, value, note FROM rating_criteria WHERE rating_id = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([rating], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (key, value, note) = row?;
            out.push(CriterionAnswer {
                key,
                value: value.parse()?,
                note,
            });
        }
        Ok(out)
    }

    pub(super) fn rating_evidence(&self, rating: Id) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id FROM rating_evidence WHERE rating_id = ?1 ORDER BY article_id",
        )?;
        let rows = stmt.query_map([rating], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records an analyst's information-credibility mark (1–6) on an article; append-only.
    pub fn add_assessment(
        &mut self,
        article: Id,
        analyst: &str,
        credibility: u8,
        note: &str,
    ) -> Result<Id> {
        if crate::ratings::credibility_meaning(credibility).is_none() {
            return Err(Error::Invalid(format!(
                "{credibility} is not a credibility mark: use 1 (confirmed by other sources) to 6 (cannot be judged)"
            )));
        }
        let analyst = analyst.trim();
        if analyst.is_empty() {
            return Err(Error::Invalid(
                "set your analyst name before marking credibility".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let hash: String = tx
            .query_row(
                "SELECT content_hash FROM articles WHERE id = ?1",
                [article],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no article {article}")))?;
        let created_at = now();
        let uid = assessment_uid(&hash, analyst, &created_at, credibility, note);
        tx.execute(
            "INSERT INTO assessments(article_id, analyst, credibility, note, created_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![article, analyst, credibility, note, created_at, uid],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Each analyst's latest credibility mark on an article.
    pub fn current_assessments(&self, article: Id) -> Result<Vec<Assessment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, article_id, analyst, credibility, note, created_at FROM current_assessments
             WHERE article_id = ?1
             ORDER BY analyst",
        )?;
        let rows = stmt.query_map([article], |r| {
            Ok(Assessment {
                id: r.get(0)?,
                article_id: r.get(1)?,
                analyst: r.get(2)?,
                credibility: r.get(3)?,
                note: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How an outlet's articles are marked: for each mark 1–6, how many current marks (one per
    /// analyst and article) it has.
    pub fn credibility_distribution(&self, outlet: Id) -> Result<[i64; 6]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.credibility, count(*)
             FROM current_assessments s JOIN articles a ON a.id = s.article_id
             WHERE a.outlet_id = ?1
             GROUP BY s.credibility",
        )?;
        let mut out = [0i64; 6];
        for row in stmt.query_map([outlet], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (mark, count) = row?;
            if let Some(slot) = usize::try_from(mark - 1).ok().and_then(|i| out.get_mut(i)) {
                *slot = count;
            }
        }
        Ok(out)
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn insert_rating(
    tx: &Transaction<'_>,
    outlet: Id,
    analyst: &str,
    grade: Grade,
    rationale: &str,
    created_at: &str,
    uid: &str,
    criteria: &[CriterionAnswer],
    evidence: &[Id],
) -> Result<Id> {
    tx.execute(
        "INSERT INTO ratings(outlet_id, analyst, grade, rationale, created_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![outlet, analyst, grade.letter(), rationale, created_at, uid],
    )?;
    let id = tx.last_insert_rowid();
    let mut answer = tx.prepare_cached(
        "INSERT OR REPLACE INTO rating_criteria(rating_id, key, value, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in criteria {
        if c.value == Answer::Unknown && c.note.is_empty() {
            continue; // not answered
        }
        answer.execute(params![id, c.key, c.value.word(), c.note])?;
    }
    let mut cite = tx.prepare_cached(
        "INSERT OR IGNORE INTO rating_evidence(rating_id, article_id) VALUES (?1, ?2)",
    )?;
    for article in evidence {
        cite.execute(params![id, article])?;
    }
    Ok(id)
}

/// Adds a rating with its criteria and evidence inside the caller's transaction.
pub(super) fn add_rating_in(tx: &Transaction<'_>, rating: &NewRating) -> Result<Id> {
    let grade = rating
        .grade
        .ok_or_else(|| Error::Invalid("choose a grade (A to F) before saving the rating".into()))?;
    let analyst = rating.analyst.trim();
    if analyst.is_empty() {
        return Err(Error::Invalid(
            "set your analyst name (Preferences, or --analyst) before rating".into(),
        ));
    }
    let outlet: String = tx
        .query_row(
            "SELECT name FROM outlets WHERE id = ?1",
            [rating.outlet_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no outlet {}", rating.outlet_id)))?;
    let created_at = now();
    let uid = rating_uid(&outlet, analyst, &created_at, grade, &rating.rationale);
    let id = insert_rating(
        tx,
        rating.outlet_id,
        analyst,
        grade,
        &rating.rationale,
        &created_at,
        &uid,
        &rating.criteria,
        &rating.evidence,
    )?;
    Ok(id)
}
