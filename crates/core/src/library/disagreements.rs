//! Storage of the disagreement queue: each analyst's current grade of every outlet and current
//! mark of every article, with rationales, handed to `ratings::disagreement` to find the pairs
//! two or more steps apart; and resolutions, recorded in their own append-only table so that
//! both analysts' histories stay as they were. An agreed grade is recorded as a new rating (or
//! mark) of each analyst in the disagreement, whose rationale names the resolution; their earlier
//! ratings, with their own rationales, stay in their histories (and reports show them beside the
//! agreed grade: `Library::current_ratings`).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Library;
use super::clock::now;
use super::ratings::{assessment_uid, insert_rating, rating_uid};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::ratings::disagreement::{
    self, Disagreement, NewResolution, Position, Resolution, Subject, SubjectKind,
};
use crate::ratings::{Grade, credibility_meaning};

/// A resolution in a ratings file: the outlet by name, or the article by content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedResolution {
    pub uid: String,
    pub kind: SubjectKind,
    /// The outlet's name (when `kind` is outlet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The article's content hash (when `kind` is article).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    pub resolved_by: String,
    pub note: String,
    #[serde(default)]
    pub grade: Option<String>,
    pub created_at: String,
}

fn resolution_uid(kind: SubjectKind, target: &str, by: &str, at: &str, note: &str) -> String {
    crate::text::hash_parts(&["resolution", kind.word(), target, by, at, note])
}

/// The subject's name (outlet name, or article title) and, for an article, its outlet and content
/// hash; `NotFound` when there is no such outlet or article.
fn subject_names(conn: &Connection, subject: Subject) -> Result<(String, String, Option<String>)> {
    let found = match subject.kind {
        SubjectKind::Outlet => conn
            .prepare_cached("SELECT name, name, NULL FROM outlets WHERE id = ?1")?
            .query_row([subject.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
        SubjectKind::Article => conn
            .prepare_cached(
                "SELECT a.title, o.name, a.content_hash FROM articles a
                 JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1",
            )?
            .query_row([subject.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?,
    };
    found.ok_or_else(|| Error::NotFound(format!("no {} {}", subject.kind.word(), subject.id)))
}

fn read_resolution(subject: Subject, r: &rusqlite::Row) -> rusqlite::Result<Resolution> {
    Ok(Resolution {
        id: r.get(0)?,
        subject,
        resolved_by: r.get(1)?,
        note: r.get(2)?,
        grade: r.get(3)?,
        created_at: r.get(4)?,
    })
}

/// Every resolution of a subject, oldest first. An article's are found by its content hash.
fn subject_resolutions(
    conn: &Connection,
    subject: Subject,
    hash: Option<&str>,
) -> Result<Vec<Resolution>> {
    let rows = match subject.kind {
        SubjectKind::Outlet => conn
            .prepare_cached(
                "SELECT id, resolved_by, note, grade, created_at FROM resolutions
                 WHERE outlet_id = ?1 ORDER BY created_at, id",
            )?
            .query_map([subject.id], |r| read_resolution(subject, r))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        SubjectKind::Article => conn
            .prepare_cached(
                "SELECT id, resolved_by, note, grade, created_at FROM resolutions
                 WHERE article_hash = ?1 ORDER BY created_at, id",
            )?
            .query_map([hash.unwrap_or_default()], |r| read_resolution(subject, r))?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    Ok(rows)
}

/// One subject's current positions, as the queue reads them.
struct Gathered {
    title: String,
    outlet: String,
    hash: Option<String>,
    positions: Vec<Position>,
}

/// Every analyst's current grade of every outlet rated by two or more (or current credibility
/// mark of every article marked by two or more), by subject id; `only` limits it to one subject.
fn positions(
    conn: &Connection,
    kind: SubjectKind,
    only: Option<Id>,
) -> Result<BTreeMap<Id, Gathered>> {
    // One row shape for both kinds: id, title, outlet, content hash, analyst, grade, rationale,
    // time.
    let mut stmt = conn.prepare_cached(match kind {
        SubjectKind::Outlet => {
            "SELECT r.outlet_id, o.name, o.name, NULL, r.analyst, r.grade, r.rationale, r.created_at
             FROM current_ratings r JOIN outlets o ON o.id = r.outlet_id
             WHERE (?1 IS NULL OR r.outlet_id = ?1)
             ORDER BY r.outlet_id, r.analyst"
        }
        SubjectKind::Article => {
            "SELECT s.article_id, a.title, o.name, a.content_hash, s.analyst,
                    CAST(s.credibility AS TEXT), s.note, s.created_at
             FROM current_assessments s JOIN articles a ON a.id = s.article_id
             JOIN outlets o ON o.id = a.outlet_id
             WHERE (?1 IS NULL OR s.article_id = ?1)
             ORDER BY s.article_id, s.analyst"
        }
    })?;
    let mut out: BTreeMap<Id, Gathered> = BTreeMap::new();
    for row in stmt.query_map([only], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })? {
        let (id, title, outlet, hash, analyst, grade, rationale, created_at) = row?;
        let entry = out.entry(id).or_insert_with(|| Gathered {
            title,
            outlet,
            hash,
            positions: Vec::new(),
        });
        entry.positions.push(Position {
            meaning: disagreement::meaning(kind, &grade).to_string(),
            analyst,
            grade,
            rationale,
            created_at,
        });
    }
    out.retain(|_, g| g.positions.len() >= 2);
    Ok(out)
}

/// The queue items among gathered subjects of one kind.
fn open_items(
    conn: &Connection,
    kind: SubjectKind,
    gathered: BTreeMap<Id, Gathered>,
) -> Result<Vec<Disagreement>> {
    let mut out = Vec::new();
    for (id, g) in gathered {
        let subject = Subject { kind, id };
        let last = subject_resolutions(conn, subject, g.hash.as_deref())?.pop();
        let pairs = disagreement::open_pairs(
            kind,
            &g.positions,
            last.as_ref().map(|r| r.created_at.as_str()),
        );
        if !pairs.is_empty() {
            out.push(Disagreement {
                subject,
                title: g.title,
                outlet: g.outlet,
                pairs,
                last_resolution: last,
            });
        }
    }
    Ok(out)
}

/// The queue items of one subject (empty when it has no open disagreement).
fn subject_items(conn: &Connection, subject: Subject) -> Result<Vec<Disagreement>> {
    open_items(
        conn,
        subject.kind,
        positions(conn, subject.kind, Some(subject.id))?,
    )
}

impl Library {
    /// The disagreement queue: outlets whose current grades by two analysts are two or more steps
    /// apart on A–E, then articles whose current credibility marks are on 1–5 (F and 6 are no
    /// opinion: see `ratings::disagreement`), leaving out pairs a later resolution covers. Widest
    /// gap first within each kind, then by name.
    pub fn disagreements(&self) -> Result<Vec<Disagreement>> {
        let mut outlets = open_items(
            &self.conn,
            SubjectKind::Outlet,
            positions(&self.conn, SubjectKind::Outlet, None)?,
        )?;
        let mut articles = open_items(
            &self.conn,
            SubjectKind::Article,
            positions(&self.conn, SubjectKind::Article, None)?,
        )?;
        for list in [&mut outlets, &mut articles] {
            list.sort_by(|a, b| {
                b.steps()
                    .cmp(&a.steps())
                    .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
                    .then(a.subject.cmp(&b.subject))
            });
        }
        outlets.extend(articles);
        Ok(outlets)
    }

    /// Every resolution recorded for an outlet or article, oldest first.
    pub fn resolutions(&self, subject: Subject) -> Result<Vec<Resolution>> {
        let (_, _, hash) = subject_names(&self.conn, subject)?;
        subject_resolutions(&self.conn, subject, hash.as_deref())
    }

    /// Records the resolution of an open disagreement, in one transaction; no rating or mark is
    /// changed. With an agreed grade, it is also recorded as a new rating (or mark) of each
    /// analyst in the disagreement (each analyst of its open pairs), at the same time as the
    /// resolution and with a rationale naming it, so that every one of them now holds the agreed
    /// grade; their earlier ratings stay in their histories. The resolver, when not one of them,
    /// records no grade of their own. A subject with no open disagreement is refused (nothing to
    /// resolve).
    pub fn resolve_disagreement(&mut self, new: &NewResolution) -> Result<Id> {
        let by = new.resolved_by.trim();
        if by.is_empty() {
            return Err(Error::Invalid(
                "set your analyst name (Preferences, or --analyst) before recording a resolution"
                    .into(),
            ));
        }
        let note = new.note.trim();
        if note.is_empty() {
            return Err(Error::Invalid(
                "a resolution needs a note saying what was decided and why".into(),
            ));
        }
        let kind = new.subject.kind;
        let grade = disagreement::parse_agreed(kind, new.grade.as_deref().unwrap_or(""))?;
        let tx = self.conn.transaction()?;
        let (title, _, hash) = subject_names(&tx, new.subject)?;
        let items = subject_items(&tx, new.subject)?;
        if items.is_empty() {
            return Err(Error::Invalid(format!(
                "{} {} ({title}) has no open disagreement: nothing to resolve",
                kind.word(),
                new.subject.id
            )));
        }
        let created_at = now();
        let target = hash.clone().unwrap_or_else(|| title.clone());
        let uid = resolution_uid(kind, &target, by, &created_at, note);
        let outlet_id = (kind == SubjectKind::Outlet).then_some(new.subject.id);
        tx.execute(
            "INSERT INTO resolutions(outlet_id, article_hash, resolved_by, note, grade, created_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![outlet_id, hash, by, note, grade, created_at, uid],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(grade) = &grade {
            let why =
                format!("Agreed in resolution {id} of the disagreement (recorded by {by}): {note}");
            let mut analysts: Vec<&str> = items
                .iter()
                .flat_map(|d| &d.pairs)
                .flat_map(|p| [p.a.analyst.as_str(), p.b.analyst.as_str()])
                .collect();
            analysts.sort_unstable();
            analysts.dedup();
            for analyst in analysts {
                record_agreed(&tx, new.subject, &target, analyst, grade, &why, &created_at)?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// Every resolution, for a ratings file.
    pub(super) fn export_resolutions(&self) -> Result<Vec<ExportedResolution>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.uid, o.name, r.article_hash, r.resolved_by, r.note, r.grade, r.created_at
             FROM resolutions r LEFT JOIN outlets o ON o.id = r.outlet_id
             ORDER BY r.created_at, r.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let outlet: Option<String> = r.get(1)?;
            Ok(ExportedResolution {
                uid: r.get(0)?,
                kind: if outlet.is_some() {
                    SubjectKind::Outlet
                } else {
                    SubjectKind::Article
                },
                outlet,
                article: r.get(2)?,
                resolved_by: r.get(3)?,
                note: r.get(4)?,
                grade: r.get(5)?,
                created_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Records an agreed grade as analyst `by`'s rating (outlet) or mark (article).
fn record_agreed(
    tx: &Transaction<'_>,
    subject: Subject,
    target: &str,
    by: &str,
    grade: &str,
    why: &str,
    created_at: &str,
) -> Result<()> {
    match subject.kind {
        SubjectKind::Outlet => {
            let grade: Grade = grade.parse()?;
            let uid = rating_uid(target, by, created_at, grade, why);
            insert_rating(tx, subject.id, by, grade, why, created_at, &uid, &[], &[])?;
        }
        SubjectKind::Article => {
            let mark: u8 = grade
                .parse()
                .ok()
                .filter(|m| credibility_meaning(*m).is_some())
                .ok_or_else(|| Error::Invalid(format!("{grade:?} is not a mark 1–6")))?;
            let uid = assessment_uid(target, by, created_at, mark, why);
            tx.execute(
                "INSERT INTO assessments(article_id, analyst, credibility, note, created_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![subject.id, by, mark, why, created_at, uid],
            )?;
        }
    }
    Ok(())
}

/// Adds the resolutions of a ratings file this library has not seen (by uid), inside the ratings
/// import's transaction. Returns (added, already present, outlets created). An article's
/// resolution is kept by content hash even when the article is not in this library.
pub(super) fn import_resolutions(
    tx: &Transaction<'_>,
    resolutions: &[ExportedResolution],
) -> Result<(usize, usize, Vec<String>)> {
    let (mut added, mut present, mut created) = (0, 0, Vec::new());
    for r in resolutions {
        let known = tx
            .prepare_cached("SELECT 1 FROM resolutions WHERE uid = ?1")?
            .query_row([&r.uid], |_| Ok(()))
            .optional()?
            .is_some();
        if known {
            present += 1;
            continue;
        }
        let grade = disagreement::parse_agreed(r.kind, r.grade.as_deref().unwrap_or(""))?;
        let (outlet, article) = match (r.kind, &r.outlet, &r.article) {
            (SubjectKind::Outlet, Some(name), _) => {
                let id = match super::store::find_outlet(tx, name)? {
                    Some(id) => id,
                    None => {
                        created.push(name.clone());
                        super::store::resolve_outlet(tx, name, false)?
                    }
                };
                (Some(id), None)
            }
            (SubjectKind::Article, _, Some(hash)) => (None, Some(hash.clone())),
            _ => {
                return Err(Error::Invalid(format!(
                    "resolution {} names no {}",
                    r.uid,
                    r.kind.word()
                )));
            }
        };
        tx.execute(
            "INSERT INTO resolutions(outlet_id, article_hash, resolved_by, note, grade, created_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![outlet, article, r.resolved_by, r.note, grade, r.created_at, r.uid],
        )?;
        added += 1;
    }
    Ok((added, present, created))
}
