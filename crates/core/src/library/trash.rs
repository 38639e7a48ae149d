//! The trash (`db/0007_trash.sql`): destructive edits keep what they took away until the analyst
//! empties it. Deleting articles, ratings, an empty outlet or a reference list, merging outlets,
//! and deleting or merging incidents
//! each write one entry in the same transaction as the edit, holding the rows as they were; the
//! [`Undo`] they return points at it, and restoring the entry (Edit > Undo, Edit > Trash,
//! `triangulate trash restore`) puts the rows back under their old ids when those are free.
//!
//! Derived rows are not kept: full-text index entries and outlets' counts are rebuilt on restore,
//! and linking features are recomputed by the next `link` (a restored article has none, so it
//! counts as new).

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::references::{self, ExportedReferenceList};
use super::undo::{self, CollectionRecord, NoteRecord, TagRecord, Undo};
use super::{Library, clock, corrections, store};
use crate::error::{Error, Result};
use crate::model::{ArticleCorrection, Id, Target};

/// One entry of the trash, as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrashEntry {
    pub id: Id,
    pub kind: String,
    /// What the edit was: "delete 3 articles", "merge Dawn Wire into Dawn News".
    pub label: String,
    /// How many things it holds (articles, ratings, outlets, incidents).
    pub items: i64,
    pub deleted_by: String,
    pub deleted_at: String,
}

/// What restoring an entry put back.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Restored {
    pub label: String,
    pub restored: usize,
    /// Things that could not go back, each with why ("article 12: imported again since").
    pub skipped: Vec<String>,
}

/// What an entry holds.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Payload {
    Articles {
        articles: Vec<ArticleRecord>,
    },
    Ratings {
        ratings: Vec<RatingRecord>,
    },
    OutletMerge {
        keep: Id,
        outlets: Vec<OutletRecord>,
    },
    Incidents {
        undo: Undo,
        /// The incidents the edit removed (the others in `undo` were changed, not removed).
        #[serde(default)]
        deleted: Vec<Id>,
    },
    Notes {
        notes: Vec<NoteRecord>,
    },
    /// Tags taken off things.
    Tags {
        links: Vec<(Target, TagRecord)>,
    },
    Collection {
        collection: CollectionRecord,
    },
    /// An outlet deleted with no article on it.
    Outlet {
        outlet: DeletedOutlet,
    },
    /// Versions of a reference list, with their rows and hand matches.
    Reference {
        lists: Vec<ExportedReferenceList>,
    },
}

impl Payload {
    fn kind(&self) -> &'static str {
        match self {
            Payload::Articles { .. } => "articles",
            Payload::Ratings { .. } => "ratings",
            Payload::OutletMerge { .. } => "outlet_merge",
            Payload::Incidents { .. } => "incidents",
            Payload::Notes { .. } => "notes",
            Payload::Tags { .. } => "tags",
            Payload::Collection { .. } => "collection",
            Payload::Outlet { .. } => "outlet",
            Payload::Reference { .. } => "reference",
        }
    }
}

/// A deleted article with everything that hung on it and is the analyst's or the import's work.
#[derive(Debug, Serialize, Deserialize)]
struct ArticleRecord {
    id: Id,
    outlet: String,
    outlet_is_guess: bool,
    /// Every column of `articles` but `id` and `outlet_id`, by name.
    columns: HashMap<String, serde_json::Value>,
    full_text: String,
    raw: Option<String>,
    /// (start, end, reason, restored)
    spans: Vec<(i64, i64, String, bool)>,
    /// (incident, linked_by, reason, linked_at)
    incidents: Vec<(Id, String, String, String)>,
    /// (analyst, credibility, note, created_at, uid)
    assessments: Vec<(String, i64, String, String, Option<String>)>,
    /// Ratings that cite the article as evidence.
    evidence_for: Vec<Id>,
    /// (other article, rejected_by, rejected_at): pairs the analyst said are not one incident.
    rejections: Vec<(Id, String, String)>,
    #[serde(default)]
    notes: Vec<NoteRecord>,
    #[serde(default)]
    tags: Vec<TagRecord>,
    /// (collection, added_by, added_at)
    #[serde(default)]
    collections: Vec<(Id, String, String)>,
    /// The analysts' corrections of its title, date and outlet (absent from entries made before
    /// corrections).
    #[serde(default)]
    corrections: Vec<ArticleCorrection>,
}

/// The columns of `articles` kept by name (all but `id` and `outlet_id`, and but `date_source`,
/// `text_head` and `text_tail`: db/0012 moved the first to `published_source`, and the article's
/// full text is kept whole). Entries made before db/0013 have no title or outlet source: they
/// come back without one.
const ARTICLE_COLUMNS: &[&str] = &[
    "published",
    "published_source",
    "word_count",
    "language",
    "encoding",
    "format",
    "batch_id",
    "imported_at",
    "content_hash",
    "text_hash",
    "source_path",
    "url",
    "author",
    "title",
    "body",
    "title_source",
    "outlet_source",
];

/// A deleted rating with its criteria and evidence.
#[derive(Debug, Serialize, Deserialize)]
struct RatingRecord {
    id: Id,
    outlet: String,
    analyst: String,
    grade: String,
    rationale: String,
    created_at: String,
    uid: Option<String>,
    /// (key, value, note)
    criteria: Vec<(String, String, String)>,
    evidence: Vec<Id>,
}

/// An outlet's own row, as the trash keeps it for a merged or a deleted outlet.
#[derive(Debug, Serialize, Deserialize)]
struct OutletRow {
    id: Id,
    name: String,
    name_is_guess: bool,
    domain: Option<String>,
    country: Option<String>,
    language: Option<String>,
    kind: Option<String>,
    notes: String,
    created_at: String,
}

impl OutletRow {
    fn read(tx: &Transaction, id: Id) -> Result<OutletRow> {
        tx.query_row(
            "SELECT name, name_is_guess, domain, country, language, kind, notes, created_at
             FROM outlets WHERE id = ?1",
            [id],
            |r| {
                Ok(OutletRow {
                    id,
                    name: r.get(0)?,
                    name_is_guess: r.get(1)?,
                    domain: r.get(2)?,
                    country: r.get(3)?,
                    language: r.get(4)?,
                    kind: r.get(5)?,
                    notes: r.get(6)?,
                    created_at: r.get(7)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no outlet {id}")))
    }

    /// Inserts the row again, under its old id where no outlet took it since; the id it got.
    fn insert(&self, tx: &Transaction) -> Result<Id> {
        let id = (!taken(tx, "SELECT 1 FROM outlets WHERE id = ?1", self.id)?).then_some(self.id);
        tx.execute(
            "INSERT INTO outlets(id, name, name_is_guess, domain, country, language, kind, notes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                id,
                self.name,
                self.name_is_guess,
                self.domain,
                self.country,
                self.language,
                self.kind,
                self.notes,
                self.created_at
            ],
        )?;
        Ok(tx.last_insert_rowid())
    }
}

/// An outlet merged into another: its row and what moved from it.
#[derive(Debug, Serialize, Deserialize)]
struct OutletRecord {
    #[serde(flatten)]
    row: OutletRow,
    aliases: Vec<String>,
    articles: Vec<Id>,
    ratings: Vec<Id>,
    /// Values of the analysts' axes recorded for it (absent from entries made before axes).
    #[serde(default)]
    axis_values: Vec<Id>,
    /// Resolutions of disagreements about it.
    #[serde(default)]
    resolutions: Vec<Id>,
    /// Whether the kept outlet already had this outlet's name as an alias before the merge.
    name_was_alias: bool,
    /// Its notes (moved to the kept outlet) and tags (put on the kept outlet where missing).
    #[serde(default)]
    note_records: Vec<NoteRecord>,
    #[serde(default)]
    tags: Vec<TagRecord>,
}

/// An outlet deleted when no article was left on it, with everything the analysts recorded on
/// it (which the deletion removes with it).
#[derive(Debug, Serialize, Deserialize)]
struct DeletedOutlet {
    #[serde(flatten)]
    row: OutletRow,
    aliases: Vec<String>,
    ratings: Vec<RatingRecord>,
    /// (axis, analyst, value, created_at, uid)
    axis_values: Vec<(Id, String, String, String, String)>,
    /// (resolved_by, note, grade, created_at, uid)
    resolutions: Vec<(String, String, Option<String>, String, String)>,
    note_records: Vec<NoteRecord>,
    tags: Vec<TagRecord>,
}

impl Library {
    /// The trash, latest first.
    pub fn trash(&self) -> Result<Vec<TrashEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, label, items, deleted_by, deleted_at FROM trash ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TrashEntry {
                id: r.get(0)?,
                kind: r.get(1)?,
                label: r.get(2)?,
                items: r.get(3)?,
                deleted_by: r.get(4)?,
                deleted_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes articles, keeping them in the trash. Returns the undo of the deletion (which
    /// restores them) and how many were deleted; ids that are not articles are ignored.
    pub fn delete_articles(&mut self, ids: &[Id], by: &str) -> Result<(usize, Undo)> {
        let tx = self.conn.transaction()?;
        let mut records = Vec::new();
        for &id in ids {
            if let Some(record) = article_record(&tx, id)? {
                records.push(record);
            }
        }
        if records.is_empty() {
            return Err(Error::NotFound(
                "none of those articles is in the library".into(),
            ));
        }
        let mut delete = tx.prepare_cached("DELETE FROM articles WHERE id = ?1")?;
        for record in &records {
            delete.execute([record.id])?;
        }
        drop(delete);
        let n = records.len();
        let label = match &records[..] {
            [one] => format!("delete article “{}”", title_of(one)),
            _ => format!("delete {n} articles"),
        };
        let undo = put(&tx, &label, n, by, &Payload::Articles { articles: records })?;
        tx.commit()?;
        Ok((n, undo))
    }

    /// Deletes ratings (a mistaken grade), keeping them in the trash.
    pub fn delete_ratings(&mut self, ids: &[Id], by: &str) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let mut records = Vec::new();
        for &id in ids {
            let record = rating_record(&tx, id)?
                .ok_or_else(|| Error::NotFound(format!("no rating {id}")))?;
            records.push(record);
        }
        if records.is_empty() {
            return Err(Error::Invalid("no rating to delete".into()));
        }
        for record in &records {
            tx.execute("DELETE FROM ratings WHERE id = ?1", [record.id])?;
        }
        let label = match &records[..] {
            [one] => format!(
                "delete {}'s grade {} of {}",
                one.analyst, one.grade, one.outlet
            ),
            _ => format!("delete {} ratings", records.len()),
        };
        let undo = put(
            &tx,
            &label,
            records.len(),
            by,
            &Payload::Ratings { ratings: records },
        )?;
        tx.commit()?;
        Ok(undo)
    }

    /// Merges outlets `others` into `keep`: their articles and ratings move to `keep`, their names
    /// and aliases become aliases of `keep`, and they are removed — all in one transaction, kept in
    /// the trash so that the merge can be undone.
    pub fn merge_outlets(&mut self, keep: Id, others: &[Id], by: &str) -> Result<Undo> {
        if others.contains(&keep) {
            return Err(Error::Invalid("cannot merge an outlet into itself".into()));
        }
        if others.is_empty() {
            return Err(Error::Invalid("no outlet to merge".into()));
        }
        let tx = self.conn.transaction()?;
        let keep_name = outlet_name(&tx, keep)?;
        let mut records = Vec::new();
        for &other in others {
            let record = outlet_record(&tx, other, keep)?;
            for sql in [
                "UPDATE articles SET outlet_id = ?1 WHERE outlet_id = ?2",
                "UPDATE outlet_aliases SET outlet_id = ?1 WHERE outlet_id = ?2",
                "UPDATE ratings SET outlet_id = ?1 WHERE outlet_id = ?2",
                "UPDATE notes SET outlet_id = ?1 WHERE outlet_id = ?2",
                "UPDATE axis_values SET outlet_id = ?1 WHERE outlet_id = ?2",
                "UPDATE resolutions SET outlet_id = ?1 WHERE outlet_id = ?2",
            ] {
                tx.execute(sql, [keep, other])?;
            }
            undo::restore_tags(&tx, Target::Outlet(keep), &record.tags)?;
            tx.execute("DELETE FROM outlets WHERE id = ?1", [other])?;
            tx.execute(
                "INSERT OR IGNORE INTO outlet_aliases(outlet_id, alias) VALUES (?1, ?2)",
                params![keep, record.row.name],
            )?;
            records.push(record);
        }
        let label = match &records[..] {
            [one] => format!("merge {} into {keep_name}", one.row.name),
            _ => format!("merge {} outlets into {keep_name}", records.len()),
        };
        let undo = put(
            &tx,
            &label,
            records.len(),
            by,
            &Payload::OutletMerge {
                keep,
                outlets: records,
            },
        )?;
        tx.commit()?;
        Ok(undo)
    }

    /// Deletes an outlet that has no articles, keeping it in the trash with its aliases, ratings,
    /// axis values, resolutions, notes and tags, in one transaction. An outlet with articles is
    /// refused, saying how many and how to move them.
    pub fn delete_outlet(&mut self, id: Id, by: &str) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let name = outlet_name(&tx, id)?;
        let articles: i64 = tx.query_row(
            "SELECT count(*) FROM articles WHERE outlet_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if articles > 0 {
            return Err(Error::Invalid(format!(
                "“{name}” has {} and cannot be deleted: only an outlet with no articles can. Move \
                 them to another outlet first (`triangulate outlet assign OTHER ID…`, or Assign \
                 outlet on the articles picked in the Library view), or merge “{name}” into another \
                 outlet (`triangulate outlet merge OTHER \"{name}\"`, or Merge into… on its page)",
                if articles == 1 {
                    "1 article".to_string()
                } else {
                    format!("{articles} articles")
                }
            )));
        }
        let record = deleted_outlet(&tx, id)?;
        tx.execute("DELETE FROM outlets WHERE id = ?1", [id])?;
        let label = match record.ratings.len() {
            0 => format!("delete outlet {name}"),
            n => format!(
                "delete outlet {name} with its {}",
                if n == 1 {
                    "rating".to_string()
                } else {
                    format!("{n} ratings")
                }
            ),
        };
        let undo = put(&tx, &label, 1, by, &Payload::Outlet { outlet: record })?;
        tx.commit()?;
        Ok(undo)
    }

    /// Deletes a list to the trash: one version, or every version of the list when `version` is
    /// `None`. Ratings adopted from it keep their copy of the row.
    pub fn delete_reference_list(
        &mut self,
        name: &str,
        version: Option<Id>,
        by: &str,
    ) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let ids: Vec<(Id, String)> = {
            let mut stmt = tx.prepare_cached(
                "SELECT id, name FROM reference_lists WHERE name = ?1 ORDER BY id",
            )?;
            let rows = stmt.query_map([name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let ids: Vec<(Id, String)> = match version {
            None => ids,
            Some(v) => ids.into_iter().filter(|(id, _)| *id == v).collect(),
        };
        let Some((_, stored_name)) = ids.first().cloned() else {
            return Err(Error::NotFound(match version {
                None => format!("no reference list called {name:?}"),
                Some(v) => format!("{name:?} has no version {v}"),
            }));
        };
        let mut lists = Vec::new();
        let mut rows = 0;
        for (id, _) in &ids {
            let list = references::export_list(&tx, *id)?;
            rows += list.entries.len();
            lists.push(list);
            tx.execute("DELETE FROM reference_lists WHERE id = ?1", [id])?;
        }
        let label = match (version, lists.len()) {
            (Some(_), _) => format!("delete a version of reference list {stored_name}"),
            (None, 1) => format!("delete reference list {stored_name}"),
            (None, n) => format!("delete reference list {stored_name} ({n} versions)"),
        };
        let undo = put(&tx, &label, rows, by, &Payload::Reference { lists })?;
        tx.commit()?;
        Ok(undo)
    }

    /// Puts back what a trash entry holds and removes the entry, in one transaction.
    pub fn restore_trash(&mut self, entry: Id) -> Result<Restored> {
        let tx = self.conn.transaction()?;
        let (label, payload): (String, String) = tx
            .query_row(
                "SELECT label, payload FROM trash WHERE id = ?1",
                [entry],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no trash entry {entry}")))?;
        let payload: Payload = serde_json::from_str(&payload)
            .map_err(|e| Error::Invalid(format!("trash entry {entry} cannot be read: {e}")))?;
        let mut restored = Restored {
            label,
            ..Restored::default()
        };
        match payload {
            Payload::Articles { articles } => {
                let mut added: HashMap<Id, i64> = HashMap::new();
                for record in articles {
                    match restore_article(&tx, &record)? {
                        Ok(outlet) => {
                            restored.restored += 1;
                            *added.entry(outlet).or_default() += 1;
                        }
                        Err(why) => restored.skipped.push(why),
                    }
                }
                let mut count = tx.prepare_cached(
                    "UPDATE outlets SET article_count = article_count + ?2 WHERE id = ?1",
                )?;
                for (outlet, n) in added {
                    count.execute(params![outlet, n])?;
                }
            }
            Payload::Ratings { ratings } => {
                for record in ratings {
                    match restore_rating(&tx, &record)? {
                        Ok(()) => restored.restored += 1,
                        Err(why) => restored.skipped.push(why),
                    }
                }
            }
            Payload::OutletMerge { keep, outlets } => {
                for record in outlets {
                    match restore_outlet(&tx, keep, &record)? {
                        Ok(()) => restored.restored += 1,
                        Err(why) => restored.skipped.push(why),
                    }
                }
            }
            Payload::Incidents { mut undo, deleted } => {
                // A removed incident's id may belong to a newer incident by now: the removed
                // one then comes back under a new id rather than over the newer one.
                for record in undo.incidents.iter_mut() {
                    if deleted.contains(&record.id)
                        && taken(&tx, "SELECT 1 FROM incidents WHERE id = ?1", record.id)?
                    {
                        tx.execute(
                            "INSERT INTO incidents(title, created_at) VALUES (?1, ?2)",
                            params![record.fields.title, record.created_at],
                        )?;
                        record.id = tx.last_insert_rowid();
                    }
                }
                undo::apply(&tx, &undo)?;
                restored.restored = deleted.len();
            }
            Payload::Notes { notes } => {
                for record in notes {
                    if undo::restore_note(&tx, &record, record.target)? {
                        restored.restored += 1;
                    } else {
                        restored.skipped.push(format!(
                            "a note by {}: the {} it was on is gone",
                            record.author,
                            record.target.kind().word()
                        ));
                    }
                }
            }
            Payload::Tags { links } => {
                for (target, tag) in links {
                    if undo::restore_tags(&tx, target, std::slice::from_ref(&tag))? > 0 {
                        restored.restored += 1;
                    } else {
                        restored.skipped.push(format!(
                            "tag “{}” on {} {}: it is gone or tagged again",
                            tag.0,
                            target.kind().word(),
                            target.id()
                        ));
                    }
                }
            }
            Payload::Collection { collection } => {
                restored.restored = undo::restore_collection(&tx, &collection)?;
            }
            Payload::Outlet { outlet } => match restore_deleted_outlet(&tx, &outlet)? {
                Ok(()) => restored.restored = 1,
                Err(why) => restored.skipped.push(why),
            },
            Payload::Reference { lists } => {
                for list in lists {
                    let known: bool = tx
                        .query_row(
                            "SELECT 1 FROM reference_lists WHERE uid = ?1",
                            [&list.uid],
                            |_| Ok(()),
                        )
                        .optional()?
                        .is_some();
                    if known {
                        restored.skipped.push(format!(
                            "reference list {} of {}: imported again since",
                            list.name,
                            list.published
                                .as_deref()
                                .unwrap_or(list.imported_at.get(..10).unwrap_or_default())
                        ));
                        continue;
                    }
                    references::insert_list(&tx, &list, &[], &mut |_| {})?;
                    restored.restored += list.entries.len();
                }
            }
        }
        tx.execute("DELETE FROM trash WHERE id = ?1", [entry])?;
        tx.commit()?;
        Ok(restored)
    }

    /// Empties the trash for good; returns how many entries went.
    pub fn empty_trash(&mut self) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM trash", [])?;
        tx.commit()?;
        Ok(n)
    }
}

/// Keeps deleted notes in the trash; returns the undo that restores them.
pub(super) fn keep_notes(
    tx: &Transaction,
    label: &str,
    records: Vec<NoteRecord>,
    by: &str,
) -> Result<Undo> {
    let n = records.len();
    put(tx, label, n, by, &Payload::Notes { notes: records })
}

/// Keeps tags taken off things in the trash; returns the undo that puts them back.
pub(super) fn keep_tags(
    tx: &Transaction,
    label: &str,
    links: Vec<(Target, TagRecord)>,
    by: &str,
) -> Result<Undo> {
    let n = links.len();
    put(tx, label, n, by, &Payload::Tags { links })
}

/// Keeps a deleted collection, or articles taken out of one, in the trash.
pub(super) fn keep_collection(
    tx: &Transaction,
    label: &str,
    collection: CollectionRecord,
    by: &str,
) -> Result<Undo> {
    let n = if collection.whole {
        1
    } else {
        collection.members.len()
    };
    put(tx, label, n, by, &Payload::Collection { collection })
}

/// Keeps the undo of an incidents edit that removed the incidents `deleted` in the trash;
/// returns the undo that restores the entry.
pub(super) fn keep_incidents(
    tx: &Transaction,
    undo: Undo,
    deleted: &[Id],
    by: &str,
) -> Result<Undo> {
    let label = undo.label.clone();
    let payload = Payload::Incidents {
        undo,
        deleted: deleted.to_vec(),
    };
    put(tx, &label, deleted.len(), by, &payload)
}

fn put(tx: &Transaction, label: &str, items: usize, by: &str, payload: &Payload) -> Result<Undo> {
    let json = serde_json::to_string(payload)
        .map_err(|e| Error::Invalid(format!("cannot keep {label} in the trash: {e}")))?;
    tx.execute(
        "INSERT INTO trash(kind, label, items, deleted_by, payload, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![payload.kind(), label, items as i64, by, json, clock::now()],
    )?;
    Ok(Undo {
        label: label.to_string(),
        trash: Some(tx.last_insert_rowid()),
        ..Undo::default()
    })
}

fn title_of(record: &ArticleRecord) -> String {
    let title = record
        .columns
        .get("title")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let mut short: String = title.chars().take(60).collect();
    if short.len() < title.len() {
        short.push('…');
    }
    short
}

fn sql_value(value: rusqlite::types::ValueRef) -> serde_json::Value {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned().into(),
    }
}

fn json_value(value: Option<&serde_json::Value>) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match value {
        Some(serde_json::Value::String(s)) => Value::Text(s.clone()),
        Some(serde_json::Value::Number(n)) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        Some(serde_json::Value::Bool(b)) => Value::Integer(i64::from(*b)),
        _ => Value::Null,
    }
}

fn article_record(tx: &Transaction, id: Id) -> Result<Option<ArticleRecord>> {
    let row = tx
        .prepare_cached(
            "SELECT o.name, o.name_is_guess, t.full_text, t.raw,
                    a.published, a.published_source, a.word_count, a.language, a.encoding, a.format,
                    a.batch_id, a.imported_at, a.content_hash, a.text_hash, a.source_path, a.url,
                    a.author, a.title, a.body, a.title_source, a.outlet_source
             FROM articles a JOIN outlets o ON o.id = a.outlet_id
             LEFT JOIN article_full_texts t ON t.article_id = a.id
             WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            let mut columns = HashMap::new();
            for (i, name) in ARTICLE_COLUMNS.iter().enumerate() {
                columns.insert(name.to_string(), sql_value(r.get_ref(4 + i)?));
            }
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                columns,
            ))
        })
        .optional()?;
    let Some((outlet, outlet_is_guess, full_text, raw, columns)) = row else {
        return Ok(None);
    };
    let rows = |sql: &str| -> Result<rusqlite::CachedStatement<'_>> { Ok(tx.prepare_cached(sql)?) };
    let spans = rows(
        "SELECT start, end, reason, restored FROM removed_spans WHERE article_id = ?1 ORDER BY id",
    )?
    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
    .collect::<rusqlite::Result<_>>()?;
    let incidents = rows(
        "SELECT incident_id, linked_by, reason, linked_at FROM incident_articles WHERE article_id = ?1",
    )?
    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
    .collect::<rusqlite::Result<_>>()?;
    let assessments = rows(
        "SELECT analyst, credibility, note, created_at, uid FROM assessments
         WHERE article_id = ?1 ORDER BY id",
    )?
    .query_map([id], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })?
    .collect::<rusqlite::Result<_>>()?;
    let evidence_for = rows("SELECT rating_id FROM rating_evidence WHERE article_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let rejections = rows(
        "SELECT CASE WHEN a = ?1 THEN b ELSE a END, rejected_by, rejected_at
         FROM link_rejections WHERE a = ?1 OR b = ?1",
    )?
    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    .collect::<rusqlite::Result<_>>()?;
    let body = columns
        .get("body")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    Ok(Some(ArticleRecord {
        id,
        outlet,
        outlet_is_guess,
        columns,
        full_text: full_text.unwrap_or(body),
        raw,
        spans,
        incidents,
        assessments,
        evidence_for,
        rejections,
        notes: undo::note_records(tx, "SELECT id FROM notes WHERE article_id = ?1", id)?,
        tags: undo::tag_records(tx, Target::Article(id))?,
        collections: undo::memberships(tx, id)?,
        corrections: corrections::corrections(tx, id)?,
    }))
}

/// Whether a row with this id exists in `table` (one of ours, never user text).
fn taken(tx: &Transaction, sql: &'static str, id: Id) -> Result<bool> {
    Ok(tx
        .prepare_cached(sql)?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Restores one article; `Ok(Err(why))` when it cannot go back. Returns its outlet's id.
fn restore_article(tx: &Transaction, record: &ArticleRecord) -> Result<Result<Id, String>> {
    let hash = json_value(record.columns.get("content_hash"));
    let already: Option<Id> = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([&hash], |r| r.get(0))
        .optional()?;
    if let Some(other) = already {
        return Ok(Err(format!(
            "“{}” is in the library again (article {other}, imported since)",
            title_of(record)
        )));
    }
    let outlet = store::resolve_outlet(tx, &record.outlet, record.outlet_is_guess)?;
    // The old id when it is free, so that links to it elsewhere (reports, notes) still hold.
    let id = if taken(tx, "SELECT 1 FROM articles WHERE id = ?1", record.id)? {
        None
    } else {
        Some(record.id)
    };
    let mut values: Vec<rusqlite::types::Value> = vec![
        id.map_or(
            rusqlite::types::Value::Null,
            rusqlite::types::Value::Integer,
        ),
        rusqlite::types::Value::Integer(outlet),
    ];
    values.extend(
        ARTICLE_COLUMNS
            .iter()
            .map(|c| json_value(record.columns.get(*c))),
    );
    // Entries made before db/0012 kept the date's source as `date_source`, if any.
    if values[2 + 1] == rusqlite::types::Value::Null {
        let old = json_value(record.columns.get("date_source"));
        values[2 + 1] = match (&values[2], old) {
            (rusqlite::types::Value::Null, _) => rusqlite::types::Value::Text("none".into()),
            (_, rusqlite::types::Value::Text(source)) => rusqlite::types::Value::Text(source),
            _ => rusqlite::types::Value::Text("text".into()),
        };
    }
    // The address's host, which outlets' hosts count (db/0017).
    let host = match json_value(record.columns.get("url")) {
        rusqlite::types::Value::Text(url) => crate::text::site_of(&url),
        _ => None,
    };
    values.push(
        host.clone()
            .map_or(rusqlite::types::Value::Null, rusqlite::types::Value::Text),
    );
    // The batch may have been removed since.
    if let rusqlite::types::Value::Integer(batch) = values[2 + 6]
        && !taken(tx, "SELECT 1 FROM import_batches WHERE id = ?1", batch)?
    {
        values[2 + 6] = rusqlite::types::Value::Null;
    }
    tx.prepare_cached(
        "INSERT INTO articles(id, outlet_id, published, published_source, word_count, language, encoding,
                              format, batch_id, imported_at, content_hash, text_hash, source_path,
                              url, author, title, body, title_source, outlet_source, host)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20)",
    )?
    .execute(rusqlite::params_from_iter(values.iter()))?;
    let id = tx.last_insert_rowid();
    if let Some(host) = host {
        store::add_outlet_hosts(tx, &HashMap::from([((outlet, host), 1)]))?;
    }
    let title = json_value(record.columns.get("title"));
    let body = json_value(record.columns.get("body"));
    tx.prepare_cached("INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![id, title, body])?;
    // A restored article is linked again (its linking state went with it).
    tx.prepare_cached("INSERT OR IGNORE INTO link_pending(article_id) VALUES (?1)")?
        .execute([id])?;
    tx.prepare_cached("INSERT INTO article_texts(article_id, full_text, raw) VALUES (?1, ?2, ?3)")?
        .execute(params![id, record.full_text, record.raw])?;
    let mut span = tx.prepare_cached(
        "INSERT INTO removed_spans(article_id, start, end, reason, restored) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (start, end, reason, restored) in &record.spans {
        span.execute(params![id, start, end, reason, restored])?;
    }
    let mut member = tx.prepare_cached(
        "INSERT OR IGNORE INTO incident_articles(incident_id, article_id, linked_by, reason, linked_at)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM incidents WHERE id = ?1)",
    )?;
    for (incident, by, reason, at) in &record.incidents {
        member.execute(params![incident, id, by, reason, at])?;
    }
    let mut assessment = tx.prepare_cached(
        "INSERT OR IGNORE INTO assessments(article_id, analyst, credibility, note, created_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (analyst, credibility, note, at, uid) in &record.assessments {
        assessment.execute(params![id, analyst, credibility, note, at, uid])?;
    }
    let mut evidence = tx.prepare_cached(
        "INSERT OR IGNORE INTO rating_evidence(rating_id, article_id)
         SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM ratings WHERE id = ?1)",
    )?;
    for rating in &record.evidence_for {
        evidence.execute(params![rating, id])?;
    }
    let mut rejection = tx.prepare_cached(
        "INSERT OR IGNORE INTO link_rejections(a, b, rejected_by, rejected_at)
         SELECT min(?1, ?2), max(?1, ?2), ?3, ?4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)",
    )?;
    for (other, by, at) in &record.rejections {
        rejection.execute(params![id, other, by, at])?;
    }
    for note in &record.notes {
        undo::restore_note(tx, note, Target::Article(id))?;
    }
    undo::restore_tags(tx, Target::Article(id), &record.tags)?;
    let mut member = tx.prepare_cached(
        "INSERT OR IGNORE INTO collection_articles(collection_id, article_id, added_by, added_at)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM collections WHERE id = ?1)",
    )?;
    for (collection, by, at) in &record.collections {
        member.execute(params![collection, id, by, at])?;
    }
    let mut correction = tx.prepare_cached(
        "INSERT INTO article_corrections(id, article_id, field, old_value, new_value, old_source,
                                         analyst, corrected_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for c in &record.corrections {
        let free = !taken(tx, "SELECT 1 FROM article_corrections WHERE id = ?1", c.id)?;
        correction.execute(params![
            free.then_some(c.id),
            id,
            c.field,
            c.before,
            c.after,
            c.before_source,
            c.analyst,
            c.corrected_at
        ])?;
    }
    Ok(Ok(outlet))
}

fn rating_record(tx: &Transaction, id: Id) -> Result<Option<RatingRecord>> {
    let row = tx
        .prepare_cached(
            "SELECT o.name, r.analyst, r.grade, r.rationale, r.created_at, r.uid
             FROM ratings r JOIN outlets o ON o.id = r.outlet_id WHERE r.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(RatingRecord {
                id,
                outlet: r.get(0)?,
                analyst: r.get(1)?,
                grade: r.get(2)?,
                rationale: r.get(3)?,
                created_at: r.get(4)?,
                uid: r.get(5)?,
                criteria: Vec::new(),
                evidence: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut record) = row else {
        return Ok(None);
    };
    record.criteria = tx
        .prepare_cached("SELECT key, value, note FROM rating_criteria WHERE rating_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    record.evidence = tx
        .prepare_cached("SELECT article_id FROM rating_evidence WHERE rating_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(record))
}

fn restore_rating(tx: &Transaction, record: &RatingRecord) -> Result<Result<(), String>> {
    // The outlet may have been merged into another since: its name is then that one's alias.
    let Some(outlet) = store::find_outlet(tx, &record.outlet)? else {
        return Ok(Err(format!(
            "{}'s grade {} of {}: the outlet is no longer in the library",
            record.analyst, record.grade, record.outlet
        )));
    };
    if let Some(uid) = &record.uid
        && tx
            .prepare_cached("SELECT 1 FROM ratings WHERE uid = ?1")?
            .query_row([uid], |_| Ok(()))
            .optional()?
            .is_some()
    {
        return Ok(Err(format!(
            "{}'s grade {} of {} is in the library again (imported since)",
            record.analyst, record.grade, record.outlet
        )));
    }
    let id = (!taken(tx, "SELECT 1 FROM ratings WHERE id = ?1", record.id)?).then_some(record.id);
    tx.prepare_cached(
        "INSERT INTO ratings(id, outlet_id, analyst, grade, rationale, created_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        outlet,
        record.analyst,
        record.grade,
        record.rationale,
        record.created_at,
        record.uid
    ])?;
    let id = tx.last_insert_rowid();
    let mut criterion = tx.prepare_cached(
        "INSERT INTO rating_criteria(rating_id, key, value, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (key, value, note) in &record.criteria {
        criterion.execute(params![id, key, value, note])?;
    }
    let mut evidence = tx.prepare_cached(
        "INSERT OR IGNORE INTO rating_evidence(rating_id, article_id)
         SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)",
    )?;
    for article in &record.evidence {
        evidence.execute(params![id, article])?;
    }
    Ok(Ok(()))
}

fn outlet_name(tx: &Transaction, id: Id) -> Result<String> {
    tx.query_row("SELECT name FROM outlets WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no outlet {id}")))
}

fn outlet_record(tx: &Transaction, id: Id, keep: Id) -> Result<OutletRecord> {
    let mut record = OutletRecord {
        row: OutletRow::read(tx, id)?,
        aliases: Vec::new(),
        articles: Vec::new(),
        ratings: Vec::new(),
        axis_values: Vec::new(),
        resolutions: Vec::new(),
        name_was_alias: false,
        note_records: Vec::new(),
        tags: Vec::new(),
    };
    let list = |sql: &str| -> Result<Vec<rusqlite::types::Value>> {
        Ok(tx
            .prepare_cached(sql)?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    };
    let text = |v: rusqlite::types::Value| match v {
        rusqlite::types::Value::Text(s) => s,
        _ => String::new(),
    };
    let int = |v: rusqlite::types::Value| match v {
        rusqlite::types::Value::Integer(i) => i,
        _ => 0,
    };
    record.aliases = list("SELECT alias FROM outlet_aliases WHERE outlet_id = ?1")?
        .into_iter()
        .map(text)
        .collect();
    record.articles = list("SELECT id FROM articles WHERE outlet_id = ?1")?
        .into_iter()
        .map(int)
        .collect();
    record.ratings = list("SELECT id FROM ratings WHERE outlet_id = ?1")?
        .into_iter()
        .map(int)
        .collect();
    record.note_records = undo::note_records(tx, "SELECT id FROM notes WHERE outlet_id = ?1", id)?;
    record.tags = undo::tag_records(tx, Target::Outlet(id))?;
    record.axis_values = list("SELECT id FROM axis_values WHERE outlet_id = ?1")?
        .into_iter()
        .map(int)
        .collect();
    record.resolutions = list("SELECT id FROM resolutions WHERE outlet_id = ?1")?
        .into_iter()
        .map(int)
        .collect();
    record.name_was_alias = tx
        .query_row(
            "SELECT 1 FROM outlet_aliases WHERE outlet_id = ?1 AND alias = ?2",
            params![keep, record.row.name],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    Ok(record)
}

fn restore_outlet(tx: &Transaction, keep: Id, record: &OutletRecord) -> Result<Result<(), String>> {
    if !record.name_was_alias {
        tx.execute(
            "DELETE FROM outlet_aliases WHERE outlet_id = ?1 AND alias = ?2",
            params![keep, record.row.name],
        )?;
    }
    if store::find_outlet(tx, &record.row.name)?.is_some() {
        return Ok(Err(format!(
            "{}: another outlet has that name now",
            record.row.name
        )));
    }
    let id = record.row.insert(tx)?;
    // Only what is still on the kept outlet moves back: an article reassigned since stays put.
    let mut article =
        tx.prepare_cached("UPDATE articles SET outlet_id = ?1 WHERE id = ?2 AND outlet_id = ?3")?;
    for a in &record.articles {
        article.execute(params![id, a, keep])?;
    }
    let mut alias = tx.prepare_cached(
        "UPDATE outlet_aliases SET outlet_id = ?1 WHERE alias = ?2 AND outlet_id = ?3",
    )?;
    for a in &record.aliases {
        alias.execute(params![id, a, keep])?;
    }
    let mut rating =
        tx.prepare_cached("UPDATE ratings SET outlet_id = ?1 WHERE id = ?2 AND outlet_id = ?3")?;
    for r in &record.ratings {
        rating.execute(params![id, r, keep])?;
    }
    for note in &record.note_records {
        undo::restore_note(tx, note, Target::Outlet(id))?;
    }
    undo::restore_tags(tx, Target::Outlet(id), &record.tags)?;
    let mut value = tx
        .prepare_cached("UPDATE axis_values SET outlet_id = ?1 WHERE id = ?2 AND outlet_id = ?3")?;
    for v in &record.axis_values {
        value.execute(params![id, v, keep])?;
    }
    let mut resolution = tx
        .prepare_cached("UPDATE resolutions SET outlet_id = ?1 WHERE id = ?2 AND outlet_id = ?3")?;
    for r in &record.resolutions {
        resolution.execute(params![id, r, keep])?;
    }
    Ok(Ok(()))
}

/// What deleting the (empty) outlet `id` takes away with it.
fn deleted_outlet(tx: &Transaction, id: Id) -> Result<DeletedOutlet> {
    let mut record = DeletedOutlet {
        row: OutletRow::read(tx, id)?,
        aliases: Vec::new(),
        ratings: Vec::new(),
        axis_values: Vec::new(),
        resolutions: Vec::new(),
        note_records: Vec::new(),
        tags: Vec::new(),
    };
    record.aliases = tx
        .prepare_cached("SELECT alias FROM outlet_aliases WHERE outlet_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let ratings: Vec<Id> = tx
        .prepare_cached("SELECT id FROM ratings WHERE outlet_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for rating in ratings {
        if let Some(r) = rating_record(tx, rating)? {
            record.ratings.push(r);
        }
    }
    record.axis_values = tx
        .prepare_cached(
            "SELECT axis_id, analyst, value, created_at, uid FROM axis_values
             WHERE outlet_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    record.resolutions = tx
        .prepare_cached(
            "SELECT resolved_by, note, grade, created_at, uid FROM resolutions
             WHERE outlet_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    record.note_records = undo::note_records(tx, "SELECT id FROM notes WHERE outlet_id = ?1", id)?;
    record.tags = undo::tag_records(tx, Target::Outlet(id))?;
    Ok(record)
}

/// Puts a deleted outlet back with what it had; `Ok(Err(why))` when its name belongs to another
/// outlet now. Aliases taken by another outlet since stay with that one.
fn restore_deleted_outlet(tx: &Transaction, record: &DeletedOutlet) -> Result<Result<(), String>> {
    if let Some(other) = store::find_outlet(tx, &record.row.name)? {
        let owner = outlet_name(tx, other)?;
        return Ok(Err(format!(
            "outlet {}: the name is {} now",
            record.row.name,
            if owner.eq_ignore_ascii_case(&record.row.name) {
                "another outlet's".to_string()
            } else {
                format!("an alias of {owner}")
            }
        )));
    }
    let id = record.row.insert(tx)?;
    for alias in &record.aliases {
        if store::find_outlet(tx, alias)?.is_none() {
            tx.execute(
                "INSERT INTO outlet_aliases(outlet_id, alias) VALUES (?1, ?2)",
                params![id, alias],
            )?;
        }
    }
    for rating in &record.ratings {
        // The outlet is found by its name again, so each comes back unless imported since.
        let _ = restore_rating(tx, rating)?;
    }
    let mut value = tx.prepare_cached(
        "INSERT OR IGNORE INTO axis_values(axis_id, outlet_id, analyst, value, created_at, uid)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM axes WHERE id = ?1)",
    )?;
    for (axis, analyst, v, at, uid) in &record.axis_values {
        value.execute(params![axis, id, analyst, v, at, uid])?;
    }
    let mut resolution = tx.prepare_cached(
        "INSERT OR IGNORE INTO resolutions(outlet_id, resolved_by, note, grade, created_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (by, note, grade, at, uid) in &record.resolutions {
        resolution.execute(params![id, by, note, grade, at, uid])?;
    }
    for note in &record.note_records {
        undo::restore_note(tx, note, Target::Outlet(id))?;
    }
    undo::restore_tags(tx, Target::Outlet(id), &record.tags)?;
    Ok(Ok(()))
}
