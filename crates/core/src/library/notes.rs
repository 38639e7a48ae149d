//! The analyst's working layer (`db/0008_notes_tags_collections.sql`): notes on an article, an
//! outlet, an incident or a span of an article's text; tags on all three, applied many at once;
//! and collections of articles, each a saved filter or a hand-picked set.
//!
//! Adding is undone by an [`Undo`] that takes back what was added; taking away (deleting notes,
//! untagging, deleting a collection or taking articles out of one) goes through the trash like
//! every destructive edit. Notes and tags travel in the ratings file (see `ratings.rs`), by
//! the things' portable identities: an article by content hash, an outlet by name, an incident by
//! its title and its articles' hashes.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::clock::now;
use super::undo::{
    TagRecord, Undo, collection_record, collection_row, columns, delete_tag_link, ensure_tag,
    exists, note_records,
};
use super::{Library, trash};
use crate::error::{Error, Result};
use crate::model::{Id, Target, TargetKind};

/// The columns [`note_row`] reads, in its order (a macro, so that queries are whole literals).
macro_rules! note_columns {
    () => {
        "n.id, n.uid, n.article_id, n.outlet_id, n.incident_id, n.span_start, n.span_end, n.quote, n.author, n.text, n.created_at, n.edited_at"
    };
}

/// What a note is on, as shown: the article's or incident's title, the outlet's name.
macro_rules! note_label {
    () => {
        "coalesce((SELECT title FROM articles WHERE id = n.article_id), (SELECT name FROM outlets WHERE id = n.outlet_id), (SELECT title FROM incidents WHERE id = n.incident_id), '')"
    };
}

/// A note as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: Id,
    pub uid: String,
    pub target: Target,
    /// What the note is on, as shown: the article's or incident's title, the outlet's name.
    pub target_label: String,
    /// For a note on a passage: its byte range in the article's `full_text`.
    pub span: Option<(usize, usize)>,
    /// The words the span marked when the note was written.
    pub quote: Option<String>,
    pub author: String,
    pub text: String,
    pub created_at: String,
    pub edited_at: Option<String>,
}

/// A note to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNote {
    pub target: Target,
    /// A byte range of the article's `full_text` (only for an article).
    pub span: Option<(usize, usize)>,
    pub author: String,
    pub text: String,
}

/// A note found by a search, with the matched words between `[` and `]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteHit {
    #[serde(flatten)]
    pub note: Note,
    pub snippet: String,
}

/// A tag and how many things carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagSummary {
    pub id: Id,
    pub name: String,
    pub articles: i64,
    pub outlets: i64,
    pub incidents: i64,
}

/// A collection of articles: a saved filter, or a hand-picked set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collection {
    pub id: Id,
    pub name: String,
    /// The saved filter; `None` for a hand-picked set.
    pub filter: Option<SavedFilter>,
    /// How many articles a hand-picked set holds (0 for a saved filter: it is counted when shown).
    pub articles: i64,
    pub created_by: String,
    pub created_at: String,
}

/// A Library view's filters and search words, as a collection keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFilter {
    #[serde(default)]
    pub filter: super::ArticleFilter,
    /// Full-text search words, empty for none.
    #[serde(default)]
    pub search: String,
}

fn note_row(r: &rusqlite::Row) -> rusqlite::Result<Note> {
    let target = Target::from_columns(r.get(2)?, r.get(3)?, r.get(4)?);
    let span = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<i64>>(6)?) {
        (Some(s), Some(e)) => Some((s.max(0) as usize, e.max(0) as usize)),
        _ => None,
    };
    Ok(Note {
        id: r.get(0)?,
        uid: r.get(1)?,
        target,
        span,
        quote: r.get(7)?,
        author: r.get(8)?,
        text: r.get(9)?,
        created_at: r.get(10)?,
        edited_at: r.get(11)?,
        target_label: r.get(12)?,
    })
}

/// The analyst's name, trimmed, or the error that says to set it.
fn analyst(by: &str) -> Result<&str> {
    let by = by.trim();
    if by.is_empty() {
        return Err(Error::Invalid(
            "set your analyst name (Preferences, or --analyst) first".into(),
        ));
    }
    Ok(by)
}

/// A tag name as kept: trimmed, inner runs of spaces made one; empty is refused.
pub fn tag_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::Invalid("a tag needs a name".into()));
    }
    if name.chars().count() > 80 {
        return Err(Error::Invalid(format!(
            "the tag “{}…” is too long (80 characters at most)",
            name.chars().take(20).collect::<String>()
        )));
    }
    Ok(name)
}

impl Library {
    /// Adds a note, in one transaction; returns its id. A note on a span checks the span against
    /// the article's text and keeps the words it marks.
    pub fn add_note(&mut self, note: &NewNote) -> Result<Id> {
        let author = analyst(&note.author)?;
        let text = note.text.trim();
        if text.is_empty() {
            return Err(Error::Invalid("the note is empty".into()));
        }
        let tx = self.conn.transaction()?;
        if !exists(&tx, note.target)? {
            return Err(Error::NotFound(format!(
                "no {} {}",
                note.target.kind().word(),
                note.target.id()
            )));
        }
        let quote = match (note.span, note.target) {
            (None, _) => None,
            (Some((start, end)), Target::Article(article)) => {
                let full: String = tx.query_row(
                    "SELECT full_text FROM article_full_texts WHERE article_id = ?1",
                    [article],
                    |r| r.get(0),
                )?;
                match full.get(start..end) {
                    Some(words) if start < end && !words.trim().is_empty() => {
                        Some(words.to_string())
                    }
                    _ => {
                        return Err(Error::Invalid(format!(
                            "the passage {start}..{end} is not a piece of article {article}'s text"
                        )));
                    }
                }
            }
            (Some(_), _) => {
                return Err(Error::Invalid(
                    "only a note on an article can mark a passage".into(),
                ));
            }
        };
        let created_at = now();
        let uid = crate::text::hash_parts(&[
            note.target.kind().word(),
            &note.target.id().to_string(),
            author,
            &created_at,
            text,
        ]);
        let (article, outlet, incident) = columns(note.target);
        let span = note.span.map(|(s, e)| (s as i64, e as i64));
        tx.execute(
            "INSERT INTO notes(uid, article_id, outlet_id, incident_id, span_start, span_end,
                               quote, author, text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                uid,
                article,
                outlet,
                incident,
                span.map(|s| s.0),
                span.map(|s| s.1),
                quote,
                author,
                text,
                created_at
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// The undo of adding note `id`: it takes the note away again.
    pub fn undo_of_note(&self, id: Id) -> Undo {
        Undo {
            label: "add note".into(),
            added_notes: vec![id],
            ..Undo::default()
        }
    }

    /// Changes a note's text; the undo puts the old text back.
    pub fn edit_note(&mut self, id: Id, text: &str) -> Result<Undo> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Invalid(
                "the note is empty (delete it instead)".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let (old, edited_at): (String, Option<String>) = tx
            .query_row(
                "SELECT text, edited_at FROM notes WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no note {id}")))?;
        let at = now();
        tx.execute(
            "UPDATE notes SET text = ?2, edited_at = ?3 WHERE id = ?1",
            params![id, text, at],
        )?;
        tx.commit()?;
        Ok(Undo {
            label: "edit note".into(),
            note_texts: vec![(id, old, edited_at)],
            ..Undo::default()
        })
    }

    /// Deletes notes, keeping them in the trash.
    pub fn delete_notes(&mut self, ids: &[Id], by: &str) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let mut records = Vec::new();
        for &id in ids {
            let record = note_records(&tx, "SELECT id FROM notes WHERE id = ?1", id)?
                .pop()
                .ok_or_else(|| Error::NotFound(format!("no note {id}")))?;
            records.push(record);
        }
        if records.is_empty() {
            return Err(Error::Invalid("no note to delete".into()));
        }
        for r in &records {
            tx.execute("DELETE FROM notes WHERE id = ?1", [r.id])?;
        }
        let label = match &records[..] {
            [one] => format!("delete a note by {}", one.author),
            _ => format!("delete {} notes", records.len()),
        };
        let undo = trash::keep_notes(&tx, &label, records, by)?;
        tx.commit()?;
        Ok(undo)
    }

    /// The notes on one thing, oldest first. For an article, notes on its passages too.
    pub fn notes_of(&self, target: Target) -> Result<Vec<Note>> {
        let sql = match target.kind() {
            TargetKind::Article => {
                concat!(
                    "SELECT ",
                    note_columns!(),
                    ", '' FROM notes n WHERE n.article_id = ?1 ORDER BY n.created_at, n.id"
                )
            }
            TargetKind::Outlet => {
                concat!(
                    "SELECT ",
                    note_columns!(),
                    ", '' FROM notes n WHERE n.outlet_id = ?1 ORDER BY n.created_at, n.id"
                )
            }
            TargetKind::Incident => {
                concat!(
                    "SELECT ",
                    note_columns!(),
                    ", '' FROM notes n WHERE n.incident_id = ?1 ORDER BY n.created_at, n.id"
                )
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([target.id()], note_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every note, newest first (at most `limit`), with what each is on.
    pub fn all_notes(&self, limit: usize) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            note_columns!(),
            ", ",
            note_label!(),
            " FROM notes n ORDER BY n.created_at DESC, n.id DESC LIMIT ?1",
        ))?;
        let rows = stmt.query_map([limit as i64], note_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full-text search of the notes (their text and the passages they mark), best first.
    pub fn search_notes(&self, query: &str, limit: usize) -> Result<Vec<NoteHit>> {
        let fts_query = crate::text::fts_query(query);
        if fts_query.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            note_columns!(),
            ", ",
            note_label!(),
            ", snippet(notes_fts, -1, '[', ']', '…', 12)
             FROM notes_fts CROSS JOIN notes n ON n.id = notes_fts.rowid
             WHERE notes_fts MATCH ?1 ORDER BY notes_fts.rank LIMIT ?2",
        ))?;
        let rows = stmt.query_map(params![fts_query, limit as i64], |r| {
            Ok(NoteHit {
                note: note_row(r)?,
                snippet: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts tag `tag` on `ids` (of one kind), creating the tag if it is new. Returns how many
    /// did not carry it yet, and the undo that takes it off them again.
    pub fn tag(
        &mut self,
        kind: TargetKind,
        ids: &[Id],
        tag: &str,
        by: &str,
    ) -> Result<(usize, Undo)> {
        let by = analyst(by)?;
        let name = tag_name(tag)?;
        let tx = self.conn.transaction()?;
        let tag_id = ensure_tag(&tx, &name)?;
        let mut added = Vec::new();
        {
            let mut insert = tx.prepare_cached(match kind {
                TargetKind::Article => {
                    "INSERT OR IGNORE INTO article_tags(tag_id, article_id, tagged_by, tagged_at)
                     SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)"
                }
                TargetKind::Outlet => {
                    "INSERT OR IGNORE INTO outlet_tags(tag_id, outlet_id, tagged_by, tagged_at)
                     SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM outlets WHERE id = ?2)"
                }
                TargetKind::Incident => {
                    "INSERT OR IGNORE INTO incident_tags(tag_id, incident_id, tagged_by, tagged_at)
                     SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM incidents WHERE id = ?2)"
                }
            })?;
            let at = now();
            for &id in ids {
                if insert.execute(params![tag_id, id, by, at])? > 0 {
                    added.push((kind, tag_id, id));
                }
            }
        }
        tx.commit()?;
        let n = added.len();
        let label = format!("tag {n} {} “{name}”", kind.noun(n));
        Ok((
            n,
            Undo {
                label,
                tagged: added,
                ..Undo::default()
            },
        ))
    }

    /// Takes tag `tag` off `ids` (of one kind), keeping what was taken in the trash. Returns how
    /// many carried it.
    pub fn untag(
        &mut self,
        kind: TargetKind,
        ids: &[Id],
        tag: &str,
        by: &str,
    ) -> Result<(usize, Undo)> {
        let name = tag_name(tag)?;
        let tx = self.conn.transaction()?;
        let tag_id: Id = tx
            .query_row("SELECT id FROM tags WHERE name = ?1", [&name], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no tag “{name}”")))?;
        let mut removed: Vec<(Target, TagRecord)> = Vec::new();
        for &id in ids {
            let target = kind.with(id);
            if let Some(record) = tag_link(&tx, tag_id, target)? {
                delete_tag_link(&tx, tag_id, target)?;
                removed.push((target, record));
            }
        }
        let n = removed.len();
        if n == 0 {
            return Err(Error::NotFound(format!(
                "none of those {} is tagged “{name}”",
                kind.noun(2)
            )));
        }
        let label = format!("untag {n} {} “{name}”", kind.noun(n));
        let undo = trash::keep_tags(&tx, &label, removed, by)?;
        tx.commit()?;
        Ok((n, undo))
    }

    /// Every tag, by name, with how many articles, outlets and incidents carry it.
    pub fn tags(&self) -> Result<Vec<TagSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name,
                (SELECT count(*) FROM article_tags WHERE tag_id = t.id),
                (SELECT count(*) FROM outlet_tags WHERE tag_id = t.id),
                (SELECT count(*) FROM incident_tags WHERE tag_id = t.id)
             FROM tags t ORDER BY t.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TagSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                articles: r.get(2)?,
                outlets: r.get(3)?,
                incidents: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the tag named `name` (any case), if there is one.
    pub fn tag_id(&self, name: &str) -> Result<Option<Id>> {
        let name = tag_name(name)?;
        Ok(self
            .conn
            .query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0))
            .optional()?)
    }

    /// The tags on one thing, by name.
    pub fn tags_of(&self, target: Target) -> Result<Vec<String>> {
        Ok(self
            .tags_of_many(target.kind(), &[target.id()])?
            .remove(&target.id())
            .unwrap_or_default())
    }

    /// The tags on each of `ids` (of one kind), by name; things without tags are left out.
    pub fn tags_of_many(&self, kind: TargetKind, ids: &[Id]) -> Result<HashMap<Id, Vec<String>>> {
        let mut out: HashMap<Id, Vec<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(match kind {
            TargetKind::Article => {
                "SELECT x.article_id, t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.article_id IN (SELECT value FROM json_each(?1)) ORDER BY t.name"
            }
            TargetKind::Outlet => {
                "SELECT x.outlet_id, t.name FROM outlet_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.outlet_id IN (SELECT value FROM json_each(?1)) ORDER BY t.name"
            }
            TargetKind::Incident => {
                "SELECT x.incident_id, t.name FROM incident_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.incident_id IN (SELECT value FROM json_each(?1)) ORDER BY t.name"
            }
        })?;
        let rows = stmt.query_map([ids], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, name) = row?;
            out.entry(id).or_default().push(name);
        }
        Ok(out)
    }

    /// The outlets (or incidents, articles) carrying tag `tag`, by id.
    pub fn tagged(&self, kind: TargetKind, tag: Id) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(match kind {
            TargetKind::Article => {
                "SELECT article_id FROM article_tags WHERE tag_id = ?1 ORDER BY article_id"
            }
            TargetKind::Outlet => {
                "SELECT outlet_id FROM outlet_tags WHERE tag_id = ?1 ORDER BY outlet_id"
            }
            TargetKind::Incident => {
                "SELECT incident_id FROM incident_tags WHERE tag_id = ?1 ORDER BY incident_id"
            }
        })?;
        let rows = stmt.query_map([tag], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Makes a collection: a saved filter (`filter`), or an empty hand-picked set (`None`).
    pub fn create_collection(
        &mut self,
        name: &str,
        filter: Option<&SavedFilter>,
        by: &str,
    ) -> Result<Id> {
        let by = analyst(by)?;
        let name =
            tag_name(name).map_err(|_| Error::Invalid("a collection needs a name".into()))?;
        let filter = filter
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::Invalid(format!("cannot keep that filter: {e}")))?;
        let tx = self.conn.transaction()?;
        let taken = tx
            .query_row("SELECT 1 FROM collections WHERE name = ?1", [&name], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if taken {
            return Err(Error::Invalid(format!(
                "there is a collection named “{name}” already"
            )));
        }
        tx.execute(
            "INSERT INTO collections(name, filter, created_by, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![name, filter, by, now()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Every collection, by name.
    pub fn collections(&self) -> Result<Vec<Collection>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.filter, c.created_by, c.created_at,
                (SELECT count(*) FROM collection_articles WHERE collection_id = c.id)
             FROM collections c ORDER BY c.name",
        )?;
        let rows = stmt.query_map([], |r| {
            let filter: Option<String> = r.get(2)?;
            Ok(Collection {
                id: r.get(0)?,
                name: r.get(1)?,
                filter: filter.and_then(|f| serde_json::from_str(&f).ok()),
                created_by: r.get(3)?,
                created_at: r.get(4)?,
                articles: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds articles to a hand-picked collection; returns how many were new to it and the undo.
    pub fn add_to_collection(
        &mut self,
        collection: Id,
        articles: &[Id],
        by: &str,
    ) -> Result<(usize, Undo)> {
        let by = analyst(by)?;
        let tx = self.conn.transaction()?;
        let (name, filter) = collection_row(&tx, collection)?;
        if filter.is_some() {
            return Err(Error::Invalid(format!(
                "“{name}” is a saved filter: it holds what the filter finds, not picked articles"
            )));
        }
        let mut added = Vec::new();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO collection_articles(collection_id, article_id, added_by,
                                                           added_at)
                 SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)",
            )?;
            let at = now();
            for &a in articles {
                if insert.execute(params![collection, a, by, at])? > 0 {
                    added.push((collection, a));
                }
            }
        }
        tx.commit()?;
        let n = added.len();
        Ok((
            n,
            Undo {
                label: format!("add {n} {} to “{name}”", TargetKind::Article.noun(n)),
                collected: added,
                ..Undo::default()
            },
        ))
    }

    /// Takes articles out of a hand-picked collection (kept in the trash).
    pub fn remove_from_collection(
        &mut self,
        collection: Id,
        articles: &[Id],
        by: &str,
    ) -> Result<(usize, Undo)> {
        let tx = self.conn.transaction()?;
        let mut record = collection_record(&tx, collection, false)?;
        record.members.retain(|(a, _, _)| articles.contains(a));
        let n = record.members.len();
        if n == 0 {
            return Err(Error::NotFound(format!(
                "none of those articles is in “{}”",
                record.name
            )));
        }
        for (a, _, _) in &record.members {
            tx.execute(
                "DELETE FROM collection_articles WHERE collection_id = ?1 AND article_id = ?2",
                params![collection, a],
            )?;
        }
        let label = format!(
            "take {n} {} out of “{}”",
            TargetKind::Article.noun(n),
            record.name
        );
        let undo = trash::keep_collection(&tx, &label, record, by)?;
        tx.commit()?;
        Ok((n, undo))
    }

    /// Deletes a collection (the articles stay; the collection stays in the trash).
    pub fn delete_collection(&mut self, collection: Id, by: &str) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let record = collection_record(&tx, collection, true)?;
        tx.execute("DELETE FROM collections WHERE id = ?1", [collection])?;
        let label = format!("delete collection “{}”", record.name);
        let undo = trash::keep_collection(&tx, &label, record, by)?;
        tx.commit()?;
        Ok(undo)
    }

    /// The collection named `name` (any case), if there is one.
    pub fn collection_named(&self, name: &str) -> Result<Option<Collection>> {
        Ok(self
            .collections()?
            .into_iter()
            .find(|c| c.name.to_lowercase() == name.trim().to_lowercase()))
    }
}

/// Tag `tag_id` on `target` as kept: (name, by, at), if it is there.
fn tag_link(tx: &Transaction, tag_id: Id, target: Target) -> Result<Option<TagRecord>> {
    let sql = match target.kind() {
        TargetKind::Article => {
            "SELECT t.name, x.tagged_by, x.tagged_at FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.tag_id = ?1 AND x.article_id = ?2"
        }
        TargetKind::Outlet => {
            "SELECT t.name, x.tagged_by, x.tagged_at FROM outlet_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.tag_id = ?1 AND x.outlet_id = ?2"
        }
        TargetKind::Incident => {
            "SELECT t.name, x.tagged_by, x.tagged_at FROM incident_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.tag_id = ?1 AND x.incident_id = ?2"
        }
    };
    Ok(tx
        .prepare_cached(sql)?
        .query_row(params![tag_id, target.id()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// Every note, oldest first: what a ratings file carries.
pub(super) fn all_notes_in_order(conn: &rusqlite::Connection) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        note_columns!(),
        ", ''
         FROM notes n ORDER BY n.created_at, n.id"
    ))?;
    let rows = stmt.query_map([], note_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
