//! The ratings exchange file: every rating and credibility mark of a library, portable between
//! libraries and analysts, with the analysts' axes and their values, resolutions of
//! disagreements, the working layer (notes, tags, collections) and reference lists. Things are named by what
//! identifies them in any library (outlets by name, articles by content hash), and every row by a
//! uid, so importing appends what is new and a re-import adds nothing. Each part is read and
//! written by the module that keeps it (ratings, axes, disagreements); this module assembles the
//! file and imports it in one transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Library;
use super::axes::{ExportedAxis, ExportedAxisValue};
use super::clock::now;
use super::disagreements::ExportedResolution;
use super::notes::{SavedFilter, all_notes_in_order, tag_name};
use super::ratings::{assessment_uid, insert_rating, rating_uid};
use super::references::{ExportedReferenceList, ReferenceEvidence, import_lists, insert_evidence};
use super::undo::{TagRecord, columns, restore_tags};
use crate::error::{Error, Result};
use crate::model::{Id, Target, TargetKind};
use crate::ratings::{CriterionAnswer, Grade};

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
    /// Reference lists, every version with its rows and hand matches (version 3).
    #[serde(default)]
    pub references: Vec<ExportedReferenceList>,
}

/// The ratings file version this build writes; it reads this one and every one before.
pub const RATINGS_VERSION: u32 = 3;

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
    /// The reference list's row the rating was adopted from (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferenceEvidence>,
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
    /// Versions of reference lists added.
    pub reference_lists_added: usize,
}

impl Library {
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
                reference: self.rating_reference(id)?,
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
        let (notes, tags, collections) = export_working(&self.conn)?;
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
            references: self.export_reference_lists()?,
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
            let id = insert_rating(
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
            if let Some(reference) = &r.reference {
                insert_evidence(&tx, id, reference)?;
            }
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
        report.working = import_working(&tx, &file.notes, &file.tags, &file.collections)?;
        let axes = super::axes::import_axes(&tx, &file.axes, &file.axis_values)?;
        report.axes_added = axes.axes_added;
        report.axis_values_added = axes.values_added;
        report.axis_values_skipped = axes.values_skipped;
        report.already_present += axes.already_present;
        let (added, present, created) =
            super::disagreements::import_resolutions(&tx, &file.resolutions)?;
        report.resolutions_added = added;
        report.reference_lists_added = import_lists(&tx, &file.references)?;
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

/// Tag names by the things of one kind that carry them: what an export writes.
fn all_tag_links(tx: &rusqlite::Connection) -> Result<Vec<(Target, TagRecord)>> {
    let mut out = Vec::new();
    for (kind, sql) in [
        (
            TargetKind::Article,
            "SELECT x.article_id, t.name, x.tagged_by, x.tagged_at FROM article_tags x
             JOIN tags t ON t.id = x.tag_id ORDER BY x.tagged_at, t.name, x.article_id",
        ),
        (
            TargetKind::Outlet,
            "SELECT x.outlet_id, t.name, x.tagged_by, x.tagged_at FROM outlet_tags x
             JOIN tags t ON t.id = x.tag_id ORDER BY x.tagged_at, t.name, x.outlet_id",
        ),
        (
            TargetKind::Incident,
            "SELECT x.incident_id, t.name, x.tagged_by, x.tagged_at FROM incident_tags x
             JOIN tags t ON t.id = x.tag_id ORDER BY x.tagged_at, t.name, x.incident_id",
        ),
    ] {
        let mut stmt = tx.prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((kind.with(r.get(0)?), (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// A thing a note or tag is on, as a ratings file names it: by what identifies it in any library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportedTarget {
    /// An article, by content hash.
    Article { hash: String },
    /// An outlet, by name.
    Outlet { name: String },
    /// An incident, by title and its articles' content hashes.
    Incident {
        title: String,
        articles: Vec<String>,
    },
}

/// A note in a ratings file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedNote {
    pub uid: String,
    pub on: ExportedTarget,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(usize, usize)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    pub author: String,
    pub text: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_at: Option<String>,
}

/// A tag on one thing in a ratings file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedTag {
    pub tag: String,
    pub on: ExportedTarget,
    pub tagged_by: String,
    pub tagged_at: String,
}

/// A collection in a ratings file: a saved filter (as JSON; its outlet, incident, tag and
/// collection ids are this library's) or a hand-picked set of articles by content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedCollection {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<SavedFilter>,
    #[serde(default)]
    pub articles: Vec<String>,
    pub created_by: String,
    pub created_at: String,
}

/// What importing the working layer of a ratings file did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WorkingImport {
    pub notes_added: usize,
    pub tags_added: usize,
    pub collections_added: usize,
    /// Notes and tags on things this library does not have (articles, incidents).
    pub targets_missing: usize,
}

/// How a thing is named in a ratings file.
fn exported_target(conn: &rusqlite::Connection, target: Target) -> Result<Option<ExportedTarget>> {
    Ok(match target {
        Target::Article(id) => conn
            .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .map(|hash| ExportedTarget::Article { hash }),
        Target::Outlet(id) => conn
            .prepare_cached("SELECT name FROM outlets WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .map(|name| ExportedTarget::Outlet { name }),
        Target::Incident(id) => {
            let title: Option<String> = conn
                .prepare_cached("SELECT title FROM incidents WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            match title {
                None => None,
                Some(title) => {
                    let articles = conn
                        .prepare_cached(
                            "SELECT a.content_hash FROM incident_articles ia
                             JOIN articles a ON a.id = ia.article_id
                             WHERE ia.incident_id = ?1 ORDER BY a.content_hash",
                        )?
                        .query_map([id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    Some(ExportedTarget::Incident { title, articles })
                }
            }
        }
    })
}

/// The local thing a ratings file names, if this library has it. An outlet it does not have is
/// created (as ratings do); an incident is the one holding most of its articles, a title match
/// breaking ties.
fn local_target(tx: &Transaction, on: &ExportedTarget) -> Result<Option<Target>> {
    Ok(match on {
        ExportedTarget::Article { hash } => tx
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?
            .map(Target::Article),
        ExportedTarget::Outlet { name } => {
            let id = match super::store::find_outlet(tx, name)? {
                Some(id) => id,
                None => super::store::resolve_outlet(tx, name, false)?,
            };
            Some(Target::Outlet(id))
        }
        ExportedTarget::Incident { title, articles } => {
            let hashes = serde_json::to_string(articles).unwrap_or_else(|_| "[]".into());
            tx.prepare_cached(
                "SELECT ia.incident_id FROM incident_articles ia
                 JOIN articles a ON a.id = ia.article_id
                 JOIN incidents i ON i.id = ia.incident_id
                 WHERE a.content_hash IN (SELECT value FROM json_each(?1))
                 GROUP BY ia.incident_id
                 ORDER BY count(*) DESC, i.title = ?2 DESC, ia.incident_id
                 LIMIT 1",
            )?
            .query_row(params![hashes, title], |r| r.get(0))
            .optional()?
            .map(Target::Incident)
        }
    })
}

/// The working layer of a library, as a ratings file carries it.
fn export_working(
    conn: &rusqlite::Connection,
) -> Result<(Vec<ExportedNote>, Vec<ExportedTag>, Vec<ExportedCollection>)> {
    let mut notes = Vec::new();
    for n in all_notes_in_order(conn)? {
        if let Some(on) = exported_target(conn, n.target)? {
            notes.push(ExportedNote {
                uid: n.uid,
                on,
                span: n.span,
                quote: n.quote,
                author: n.author,
                text: n.text,
                created_at: n.created_at,
                edited_at: n.edited_at,
            });
        }
    }
    let mut tags = Vec::new();
    for (target, (tag, tagged_by, tagged_at)) in all_tag_links(conn)? {
        if let Some(on) = exported_target(conn, target)? {
            tags.push(ExportedTag {
                tag,
                on,
                tagged_by,
                tagged_at,
            });
        }
    }
    let mut collections = Vec::new();
    let rows: Vec<(Id, String, Option<String>, String, String)> = conn
        .prepare_cached(
            "SELECT id, name, filter, created_by, created_at FROM collections ORDER BY name",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name, filter, created_by, created_at) in rows {
        let articles = conn
            .prepare_cached(
                "SELECT a.content_hash FROM collection_articles c JOIN articles a ON a.id = c.article_id
                 WHERE c.collection_id = ?1 ORDER BY a.content_hash",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        collections.push(ExportedCollection {
            name,
            filter: filter.and_then(|f| serde_json::from_str(&f).ok()),
            articles,
            created_by,
            created_at,
        });
    }
    Ok((notes, tags, collections))
}

/// Adds what a ratings file's working layer holds and this library lacks, inside the import's
/// transaction. Notes are known by uid, tags by (tag, thing), collections by name (a collection
/// of the same name gains the file's articles).
fn import_working(
    tx: &Transaction,
    notes: &[ExportedNote],
    tags: &[ExportedTag],
    collections: &[ExportedCollection],
) -> Result<WorkingImport> {
    let mut report = WorkingImport::default();
    for n in notes {
        let known = tx
            .prepare_cached("SELECT 1 FROM notes WHERE uid = ?1")?
            .query_row([&n.uid], |_| Ok(()))
            .optional()?
            .is_some();
        if known {
            continue;
        }
        let Some(target) = local_target(tx, &n.on)? else {
            report.targets_missing += 1;
            continue;
        };
        let (article, outlet, incident) = columns(target);
        let span = match (target, n.span) {
            (Target::Article(_), Some((s, e))) if s < e => Some((s as i64, e as i64)),
            _ => None,
        };
        tx.execute(
            "INSERT INTO notes(uid, article_id, outlet_id, incident_id, span_start, span_end,
                               quote, author, text, created_at, edited_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                n.uid,
                article,
                outlet,
                incident,
                span.map(|s| s.0),
                span.map(|s| s.1),
                span.and(n.quote.clone()),
                n.author,
                n.text,
                n.created_at,
                n.edited_at
            ],
        )?;
        report.notes_added += 1;
    }
    for t in tags {
        let Some(target) = local_target(tx, &t.on)? else {
            report.targets_missing += 1;
            continue;
        };
        let name = tag_name(&t.tag)?;
        report.tags_added += restore_tags(
            tx,
            target,
            &[(name, t.tagged_by.clone(), t.tagged_at.clone())],
        )?;
    }
    for c in collections {
        let existing: Option<(Id, Option<String>)> = tx
            .prepare_cached("SELECT id, filter FROM collections WHERE name = ?1")?
            .query_row([&c.name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let id = match existing {
            Some((id, _)) => id,
            None => {
                let filter = c
                    .filter
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| Error::Invalid(format!("collection {}: {e}", c.name)))?;
                tx.execute(
                    "INSERT INTO collections(name, filter, created_by, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![c.name, filter, c.created_by, c.created_at],
                )?;
                report.collections_added += 1;
                tx.last_insert_rowid()
            }
        };
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO collection_articles(collection_id, article_id, added_by, added_at)
             SELECT ?1, id, ?3, ?4 FROM articles WHERE content_hash = ?2",
        )?;
        let at = now();
        for hash in &c.articles {
            insert.execute(params![id, hash, c.created_by, at])?;
        }
    }
    Ok(report)
}
