//! Storage of ratings and assessments: append-only rows, the history of an outlet, the current
//! grade of each analyst, and the exchange file that lets two analysts merge their ratings.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Library;
use super::axes::{ExportedAxis, ExportedAxisValue};
use super::disagreements::ExportedResolution;
use super::notes::{ExportedCollection, ExportedNote, ExportedTag, WorkingImport};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::ratings::{Answer, CriterionAnswer, Grade, NewRating, Rating};

/// A ratings file: every rating and assessment of a library, portable between libraries; from
/// version 2 also the analysts' own axes with their values, and resolutions of disagreements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatingsFile {
    pub format: String,
    pub version: u32,
    pub ratings: Vec<ExportedRating>,
    pub assessments: Vec<ExportedAssessment>,
    /// Notes on articles, outlets, incidents and passages (version 2).
    #[serde(default)]
    pub notes: Vec<ExportedNote>,
    /// Tags on articles, outlets and incidents (version 2).
    #[serde(default)]
    pub tags: Vec<ExportedTag>,
    /// Saved filters and hand-picked sets of articles (version 2).
    #[serde(default)]
    pub collections: Vec<ExportedCollection>,
    /// Axis definitions (version 2; absent from version 1 files).
    #[serde(default)]
    pub axes: Vec<ExportedAxis>,
    /// Values of the axes for outlets (version 2).
    #[serde(default)]
    pub axis_values: Vec<ExportedAxisValue>,
    /// Resolutions of disagreements (version 2).
    #[serde(default)]
    pub resolutions: Vec<ExportedResolution>,
}

/// The ratings file version this build writes; it reads this one and every one before.
pub const RATINGS_VERSION: u32 = 2;

/// The kind of file `RatingsFile::format` names.
pub const RATINGS_FORMAT: &str = "triangulate-ratings";

/// A rating in a ratings file: the outlet by name, evidence by content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedRating {
    pub uid: String,
    pub outlet: String,
    pub analyst: String,
    pub grade: Grade,
    pub rationale: String,
    pub created_at: String,
    pub criteria: Vec<CriterionAnswer>,
    /// Content hashes of the evidence articles (the same article has the same hash everywhere).
    pub evidence: Vec<String>,
}

/// An assessment in a ratings file: the article by content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAssessment {
    pub uid: String,
    pub article: String,
    pub analyst: String,
    pub credibility: u8,
    pub note: String,
    pub created_at: String,
}

/// What importing a ratings file did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RatingsImport {
    pub ratings_added: usize,
    pub assessments_added: usize,
    pub already_present: usize,
    /// Outlets the file rates that this library did not have; they were created.
    pub outlets_created: Vec<String>,
    /// Evidence and assessed articles the file names that are not in this library.
    pub articles_missing: usize,
    /// Notes, tags and collections added.
    #[serde(flatten)]
    pub working: WorkingImport,
    /// Axes the file defines that this library did not have (by name).
    pub axes_added: usize,
    pub axis_values_added: usize,
    /// Axis values this library cannot take: their axis is unknown here, or its axis of that
    /// name does not allow the value.
    pub axis_values_skipped: usize,
    pub resolutions_added: usize,
}

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

/// The time a row is recorded, to the microsecond (ratings, marks, axis values, resolutions).
pub(super) fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
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
        let grade = rating.grade.ok_or_else(|| {
            Error::Invalid("choose a grade (A to F) before saving the rating".into())
        })?;
        let analyst = rating.analyst.trim();
        if analyst.is_empty() {
            return Err(Error::Invalid(
                "set your analyst name (Preferences, or --analyst) before rating".into(),
            ));
        }
        let tx = self.conn.transaction()?;
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
            &tx,
            rating.outlet_id,
            analyst,
            grade,
            &rating.rationale,
            &created_at,
            &uid,
            &rating.criteria,
            &rating.evidence,
        )?;
        tx.commit()?;
        Ok(id)
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

    fn rating_criteria(&self, rating: Id) -> Result<Vec<CriterionAnswer>> {
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

    fn rating_evidence(&self, rating: Id) -> Result<Vec<Id>> {
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
            "SELECT id, article_id, analyst, credibility, note, created_at FROM assessments a
             WHERE article_id = ?1 AND id = (SELECT id FROM assessments b
                 WHERE b.article_id = a.article_id AND b.analyst = a.analyst
                 ORDER BY created_at DESC, id DESC LIMIT 1)
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
            "SELECT s.credibility, count(*) FROM assessments s JOIN articles a ON a.id = s.article_id
             WHERE a.outlet_id = ?1 AND s.id = (SELECT id FROM assessments b
                 WHERE b.article_id = s.article_id AND b.analyst = s.analyst
                 ORDER BY created_at DESC, id DESC LIMIT 1)
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

    /// Every rating and assessment, axis and axis value, and resolution as a portable file.
    pub fn export_ratings(&self) -> Result<RatingsFile> {
        let mut ratings = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT r.id, o.name, r.analyst, r.grade, r.rationale, r.created_at, r.uid
             FROM ratings r JOIN outlets o ON o.id = r.outlet_id ORDER BY r.created_at, r.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut hashes = self
            .conn
            .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")?;
        for row in rows {
            let (id, outlet, analyst, grade, rationale, created_at, uid) = row?;
            let grade: Grade = grade.parse()?;
            let mut evidence = Vec::new();
            for article in self.rating_evidence(id)? {
                if let Some(h) = hashes
                    .query_row([article], |r| r.get::<_, String>(0))
                    .optional()?
                {
                    evidence.push(h);
                }
            }
            ratings.push(ExportedRating {
                uid: uid.unwrap_or_else(|| {
                    rating_uid(&outlet, &analyst, &created_at, grade, &rationale)
                }),
                criteria: self.rating_criteria(id)?,
                outlet,
                analyst,
                grade,
                rationale,
                created_at,
                evidence,
            });
        }
        let mut assessments = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT a.content_hash, s.analyst, s.credibility, s.note, s.created_at, s.uid
             FROM assessments s JOIN articles a ON a.id = s.article_id ORDER BY s.created_at, s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        for row in rows {
            let (article, analyst, credibility, note, created_at, uid) = row?;
            assessments.push(ExportedAssessment {
                uid: uid.unwrap_or_else(|| {
                    assessment_uid(&article, &analyst, &created_at, credibility, &note)
                }),
                article,
                analyst,
                credibility,
                note,
                created_at,
            });
        }
        let (notes, tags, collections) = super::notes::export(&self.conn)?;
        let (axes, axis_values) = self.export_axes()?;
        Ok(RatingsFile {
            format: RATINGS_FORMAT.into(),
            version: RATINGS_VERSION,
            ratings,
            assessments,
            notes,
            tags,
            collections,
            axes,
            axis_values,
            resolutions: self.export_resolutions()?,
        })
    }

    /// Appends the ratings and assessments of a file that this library does not have yet, in one
    /// transaction. Nothing is overwritten; importing the same file again adds nothing.
    pub fn import_ratings(&mut self, file: &RatingsFile) -> Result<RatingsImport> {
        if file.format != RATINGS_FORMAT || !(1..=RATINGS_VERSION).contains(&file.version) {
            return Err(Error::Invalid(format!(
                "not a ratings file this version reads (format {:?}, version {})",
                file.format, file.version
            )));
        }
        let mut report = RatingsImport::default();
        let tx = self.conn.transaction()?;
        let mut articles: HashMap<String, Option<Id>> = HashMap::new();
        let mut article_by_hash = |tx: &Transaction<'_>, hash: &str| -> Result<Option<Id>> {
            if let Some(found) = articles.get(hash) {
                return Ok(*found);
            }
            let found = tx
                .query_row(
                    "SELECT id FROM articles WHERE content_hash = ?1",
                    [hash],
                    |r| r.get(0),
                )
                .optional()?;
            articles.insert(hash.to_string(), found);
            Ok(found)
        };
        for r in &file.ratings {
            let known: bool = tx
                .query_row("SELECT 1 FROM ratings WHERE uid = ?1", [&r.uid], |_| Ok(()))
                .optional()?
                .is_some();
            if known {
                report.already_present += 1;
                continue;
            }
            let outlet = match super::store::find_outlet(&tx, &r.outlet)? {
                Some(id) => id,
                None => {
                    report.outlets_created.push(r.outlet.clone());
                    super::store::resolve_outlet(&tx, &r.outlet, false)?
                }
            };
            let mut evidence = Vec::new();
            for hash in &r.evidence {
                match article_by_hash(&tx, hash)? {
                    Some(id) => evidence.push(id),
                    None => report.articles_missing += 1,
                }
            }
            insert_rating(
                &tx,
                outlet,
                &r.analyst,
                r.grade,
                &r.rationale,
                &r.created_at,
                &r.uid,
                &r.criteria,
                &evidence,
            )?;
            report.ratings_added += 1;
        }
        for a in &file.assessments {
            let known: bool = tx
                .query_row("SELECT 1 FROM assessments WHERE uid = ?1", [&a.uid], |_| {
                    Ok(())
                })
                .optional()?
                .is_some();
            if known {
                report.already_present += 1;
                continue;
            }
            let Some(article) = article_by_hash(&tx, &a.article)? else {
                report.articles_missing += 1;
                continue;
            };
            if crate::ratings::credibility_meaning(a.credibility).is_none() {
                return Err(Error::Invalid(format!(
                    "assessment {} has mark {}, not 1–6",
                    a.uid, a.credibility
                )));
            }
            tx.execute(
                "INSERT INTO assessments(article_id, analyst, credibility, note, created_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    article,
                    a.analyst,
                    a.credibility,
                    a.note,
                    a.created_at,
                    a.uid
                ],
            )?;
            report.assessments_added += 1;
        }
        report.working = super::notes::import(&tx, &file.notes, &file.tags, &file.collections)?;
        let axes = super::axes::import_axes(&tx, &file.axes, &file.axis_values)?;
        report.axes_added = axes.axes_added;
        report.axis_values_added = axes.values_added;
        report.axis_values_skipped = axes.values_skipped;
        report.already_present += axes.already_present;
        let (added, present, created) =
            super::disagreements::import_resolutions(&tx, &file.resolutions)?;
        report.resolutions_added = added;
        report.already_present += present;
        for name in axes.outlets_created.into_iter().chain(created) {
            if !report.outlets_created.contains(&name) {
                report.outlets_created.push(name);
            }
        }
        tx.commit()?;
        Ok(report)
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
