//! Undo: what an edit returns so that it can be taken back, the records it keeps of what it
//! changed (incidents with their members, suggestions' decisions, notes, tags, collections,
//! articles' corrections, outlets' names), and how each record is read from the library and put back. [`apply`]
//! puts back every part of an [`Undo`]; an edit that removed things keeps them in the trash
//! instead (`trash.rs`), and its undo restores that entry (`Library::undo`). The edits live with
//! what they edit (incidents, notes, corrections, outlets, trash); they depend on this module, and it on
//! none of them (only on `store` for finding an outlet by name, and it puts back reference lists'
//! hand matches itself).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::clock::now;
use crate::error::{Error, Result};
use crate::model::{Id, IncidentFields, Target, TargetKind};

/// How to put back what an edit of incidents or suggestions changed: the incidents and
/// suggestions it touched, as they were before, and the incidents it created. Returned by every
/// such edit; `Library::undo` applies it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Undo {
    /// What the edit was, for the Edit menu ("Undo merge incidents").
    pub label: String,
    /// The trash entry that holds what the edit removed (`library::trash`): undoing restores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) trash: Option<Id>,
    pub(super) created: Vec<Id>,
    pub(super) incidents: Vec<IncidentRecord>,
    pub(super) suggestions: Vec<SuggestionRecord>,
    /// Notes the edit added (undo deletes them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) added_notes: Vec<Id>,
    /// Notes the edit changed: (note, old text, old edited_at).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) note_texts: Vec<(Id, String, Option<String>)>,
    /// Tags the edit put on: (kind, tag, thing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) tagged: Vec<(TargetKind, Id, Id)>,
    /// Articles the edit added to collections: (collection, article).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) collected: Vec<(Id, Id)>,
    /// Pairs of articles the edit said are not copies (and not one incident), outside any
    /// suggestion's decision: undo takes the rejection back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) rejected_pairs: Vec<(Id, Id)>,
    /// Articles the edit corrected (`corrections.rs`), with what they said before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) corrections: Vec<CorrectionRecord>,
    /// Outlets the edit renamed (`outlets.rs`), with what they were called before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) renames: Vec<RenameRecord>,
    /// Reference lists' versions the edit imported (`references.rs`): undo removes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) reference_lists_added: Vec<Id>,
    /// Rows of reference lists the edit matched by hand, each with its hand match before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) reference_matches: Vec<(Id, Option<HandMatchRecord>)>,
}

impl Undo {
    /// The trash entry that holds what the edit removed, if it removed anything: undoing the edit
    /// restores that entry, and emptying the trash makes the undo impossible.
    pub fn trash(&self) -> Option<Id> {
        self.trash
    }
}

/// A reference list's row's hand match, as saved for undo: (outlet, by, at); the outlet `None`
/// where the row was set aside as no outlet.
pub(super) type HandMatchRecord = (Option<Id>, String, String);

/// An article's correction, as saved for undo: the rows it added to `article_corrections` and
/// the values it replaced (each `None` where the edit left that field alone).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct CorrectionRecord {
    pub article: Id,
    pub rows: Vec<Id>,
    pub title: Option<String>,
    /// The date before and where it came from (`published_source`).
    pub date: Option<(Option<String>, String)>,
    /// The outlet before: its id and name (the name finds it again if it was merged since).
    pub outlet: Option<(Id, String)>,
    /// Whether the correction removed the outlet before, a guess left with nothing on it (as
    /// `assign_outlet` does): undo makes it again, as a guess.
    #[serde(default)]
    pub outlet_removed: bool,
    /// The outlet the correction made: undo removes it again while nothing else is on it.
    pub created_outlet: Option<Id>,
}

/// An outlet's rename, as saved for undo.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct RenameRecord {
    pub outlet: Id,
    pub before: String,
    pub before_is_guess: bool,
    pub after: String,
    /// Whether the rename made the old name an alias (undo takes it off again).
    pub alias_added: bool,
    /// Whether the new name was one of the outlet's aliases (undo makes it one again).
    pub alias_removed: bool,
}

/// An incident row and its memberships, as saved for undo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct IncidentRecord {
    pub id: Id,
    pub fields: IncidentFields,
    pub created_at: String,
    /// (article, linked_by, reason, linked_at)
    pub members: Vec<(Id, String, String, String)>,
    /// Its notes and tags, so that a deleted incident comes back with them.
    #[serde(default)]
    pub notes: Vec<NoteRecord>,
    #[serde(default)]
    pub tags: Vec<TagRecord>,
}

/// A suggestion's decision, as saved for undo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct SuggestionRecord {
    pub id: Id,
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// Pairs the decision added to the rejected pairs.
    pub rejected_pairs: Vec<(Id, Id)>,
}

/// A note as the trash and undo keep it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct NoteRecord {
    pub id: Id,
    pub uid: String,
    pub target: Target,
    pub span: Option<(i64, i64)>,
    pub quote: Option<String>,
    pub author: String,
    pub text: String,
    pub created_at: String,
    pub edited_at: Option<String>,
}

/// A tag on one thing, as the trash and undo keep it: (tag name, tagged_by, tagged_at).
pub(super) type TagRecord = (String, String, String);

/// A collection as the trash keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct CollectionRecord {
    pub id: Id,
    pub name: String,
    pub filter: Option<String>,
    pub created_by: String,
    pub created_at: String,
    /// (article, added_by, added_at)
    pub members: Vec<(Id, String, String)>,
    /// Whether the collection itself was deleted (else only these members were taken out).
    pub whole: bool,
}

/// Puts back what an edit changed, inside the caller's transaction: the incidents it created go,
/// the incidents and suggestions it touched come back as they were, the pairs it rejected are
/// taken back, and so are the notes, tags and collection members it added. Members whose article
/// has been deleted since stay out. (An edit that kept what it removed in the trash is undone by
/// restoring that entry: `Library::undo`.)
pub(super) fn apply(tx: &Transaction, undo: &Undo) -> Result<()> {
    for id in &undo.created {
        tx.execute("DELETE FROM incidents WHERE id = ?1", [id])?;
    }
    for record in &undo.incidents {
        let f = &record.fields;
        tx.execute(
            "INSERT INTO incidents(id, title, date, place, summary, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET title = excluded.title, date = excluded.date,
                place = excluded.place, summary = excluded.summary",
            params![
                record.id,
                f.title,
                f.date,
                f.place,
                f.summary,
                record.created_at
            ],
        )?;
        tx.execute(
            "DELETE FROM incident_articles WHERE incident_id = ?1",
            [record.id],
        )?;
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO incident_articles
                (incident_id, article_id, linked_by, reason, linked_at)
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)",
        )?;
        for (article, by, reason, at) in &record.members {
            insert.execute(params![record.id, article, by, reason, at])?;
        }
        let target = Target::Incident(record.id);
        for note in &record.notes {
            restore_note(tx, note, target)?;
        }
        restore_tags(tx, target, &record.tags)?;
    }
    for s in &undo.suggestions {
        tx.execute(
            "UPDATE suggestions SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1",
            params![s.id, s.status, s.decided_by, s.decided_at],
        )?;
    }
    // The pairs a decision rejected, and those rejected outside any suggestion.
    let rejected = undo.suggestions.iter().flat_map(|s| &s.rejected_pairs);
    for (a, b) in rejected.chain(&undo.rejected_pairs) {
        tx.execute(
            "DELETE FROM link_rejections WHERE a = ?1 AND b = ?2",
            params![a, b],
        )?;
    }
    undo_additions(tx, undo)?;
    undo_corrections(tx, &undo.corrections)?;
    undo_renames(tx, &undo.renames)?;
    restore_hand_matches(tx, &undo.reference_matches)?;
    remove_lists(tx, &undo.reference_lists_added)?;
    Ok(())
}

/// Gives renamed outlets their names back, latest first. An outlet renamed again since, or
/// gone, is left as it is.
fn undo_renames(tx: &Transaction, renames: &[RenameRecord]) -> Result<()> {
    for r in renames.iter().rev() {
        let back = tx.execute(
            "UPDATE outlets SET name = ?2, name_is_guess = ?3 WHERE id = ?1 AND name = ?4",
            params![r.outlet, r.before, r.before_is_guess, r.after],
        )?;
        if back == 0 {
            continue;
        }
        if r.alias_added {
            tx.execute(
                "DELETE FROM outlet_aliases WHERE outlet_id = ?1 AND alias = ?2",
                params![r.outlet, r.before],
            )?;
        }
        if r.alias_removed {
            tx.execute(
                "INSERT OR IGNORE INTO outlet_aliases(outlet_id, alias) VALUES (?1, ?2)",
                params![r.outlet, r.after],
            )?;
        }
    }
    Ok(())
}

/// Puts back what corrections replaced, latest first, and removes their rows. A correction whose
/// rows are gone (the article was deleted since, and its corrections went to the trash with it;
/// or it came back from the trash under another id) has nothing here to put back.
fn undo_corrections(tx: &Transaction, corrections: &[CorrectionRecord]) -> Result<()> {
    for c in corrections.iter().rev() {
        let mut ours = 0;
        for row in &c.rows {
            ours += tx.execute(
                "DELETE FROM article_corrections WHERE id = ?1 AND article_id = ?2",
                params![row, c.article],
            )?;
        }
        if ours == 0 {
            continue;
        }
        if let Some(title) = &c.title {
            tx.execute(
                "UPDATE articles SET title = ?2 WHERE id = ?1",
                params![c.article, title],
            )?;
        }
        if let Some((date, source)) = &c.date {
            tx.execute(
                "UPDATE articles SET published = ?2, published_source = ?3 WHERE id = ?1",
                params![c.article, date, source],
            )?;
        }
        if let Some((outlet, name)) = &c.outlet {
            let outlet = if exists(tx, Target::Outlet(*outlet))? {
                *outlet
            } else {
                super::store::resolve_outlet(tx, name, c.outlet_removed)?
            };
            // The count follows by trigger (db/0006).
            tx.execute(
                "UPDATE articles SET outlet_id = ?2 WHERE id = ?1",
                params![c.article, outlet],
            )?;
        }
        if let Some(created) = c.created_outlet {
            tx.execute(DELETE_EMPTY_OUTLET, [created])?;
        }
    }
    Ok(())
}

/// Deletes outlet `?1` when nothing is on it: no article, alias, rating, axis value,
/// resolution, note or tag (`execute` then counts 1).
pub(super) const DELETE_EMPTY_OUTLET: &str = "DELETE FROM outlets WHERE id = ?1
   AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.outlet_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM outlet_aliases x WHERE x.outlet_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.outlet_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM axis_values v WHERE v.outlet_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM resolutions s WHERE s.outlet_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.outlet_id = ?1)
   AND NOT EXISTS (SELECT 1 FROM outlet_tags t WHERE t.outlet_id = ?1)";

/// Undoes additions: notes added, tags put on, articles added to collections.
fn undo_additions(tx: &Transaction, undo: &Undo) -> Result<()> {
    for id in &undo.added_notes {
        tx.execute("DELETE FROM notes WHERE id = ?1", [id])?;
    }
    for (id, text, edited_at) in &undo.note_texts {
        tx.execute(
            "UPDATE notes SET text = ?2, edited_at = ?3 WHERE id = ?1",
            params![id, text, edited_at],
        )?;
    }
    for &(kind, tag, id) in &undo.tagged {
        delete_tag_link(tx, tag, kind.with(id))?;
    }
    for (collection, article) in &undo.collected {
        tx.execute(
            "DELETE FROM collection_articles WHERE collection_id = ?1 AND article_id = ?2",
            params![collection, article],
        )?;
    }
    Ok(())
}

/// Whether `target` exists.
pub(super) fn exists(tx: &Transaction, target: Target) -> Result<bool> {
    let sql = match target.kind() {
        TargetKind::Article => "SELECT 1 FROM articles WHERE id = ?1",
        TargetKind::Outlet => "SELECT 1 FROM outlets WHERE id = ?1",
        TargetKind::Incident => "SELECT 1 FROM incidents WHERE id = ?1",
    };
    Ok(tx
        .prepare_cached(sql)?
        .query_row([target.id()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The note's three target columns (article, outlet, incident), one of them set.
pub(super) fn columns(target: Target) -> (Option<Id>, Option<Id>, Option<Id>) {
    match target {
        Target::Article(id) => (Some(id), None, None),
        Target::Outlet(id) => (None, Some(id), None),
        Target::Incident(id) => (None, None, Some(id)),
    }
}

/// The id of tag `name`, created if new.
pub(super) fn ensure_tag(tx: &Transaction, name: &str) -> Result<Id> {
    tx.execute(
        "INSERT OR IGNORE INTO tags(name, created_at) VALUES (?1, ?2)",
        params![name, now()],
    )?;
    Ok(tx.query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0))?)
}

pub(super) fn delete_tag_link(tx: &Transaction, tag_id: Id, target: Target) -> Result<()> {
    let sql = match target.kind() {
        TargetKind::Article => "DELETE FROM article_tags WHERE tag_id = ?1 AND article_id = ?2",
        TargetKind::Outlet => "DELETE FROM outlet_tags WHERE tag_id = ?1 AND outlet_id = ?2",
        TargetKind::Incident => "DELETE FROM incident_tags WHERE tag_id = ?1 AND incident_id = ?2",
    };
    tx.prepare_cached(sql)?
        .execute(params![tag_id, target.id()])?;
    Ok(())
}

/// Every tag on `target`, as kept.
pub(super) fn tag_records(tx: &Transaction, target: Target) -> Result<Vec<TagRecord>> {
    let sql = match target.kind() {
        TargetKind::Article => {
            "SELECT t.name, x.tagged_by, x.tagged_at FROM article_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.article_id = ?1 ORDER BY t.name"
        }
        TargetKind::Outlet => {
            "SELECT t.name, x.tagged_by, x.tagged_at FROM outlet_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.outlet_id = ?1 ORDER BY t.name"
        }
        TargetKind::Incident => {
            "SELECT t.name, x.tagged_by, x.tagged_at FROM incident_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.incident_id = ?1 ORDER BY t.name"
        }
    };
    Ok(tx
        .prepare_cached(sql)?
        .query_map([target.id()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Puts tags back on `target` (the tags are made again if they were deleted since).
pub(super) fn restore_tags(tx: &Transaction, target: Target, tags: &[TagRecord]) -> Result<usize> {
    let sql = match target.kind() {
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
    };
    let mut n = 0;
    for (name, by, at) in tags {
        let tag = ensure_tag(tx, name)?;
        n += tx
            .prepare_cached(sql)?
            .execute(params![tag, target.id(), by, at])?;
    }
    Ok(n)
}

/// The notes a query of note ids (taking one parameter) finds, as kept.
pub(super) fn note_records(
    tx: &Transaction,
    ids_sql: &'static str,
    param: Id,
) -> Result<Vec<NoteRecord>> {
    let ids: Vec<Id> = tx
        .prepare_cached(ids_sql)?
        .query_map([param], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT id, uid, article_id, outlet_id, incident_id, span_start, span_end, quote, author,
                text, created_at, edited_at
         FROM notes WHERE id = ?1",
    )?;
    let mut out = Vec::new();
    for id in ids {
        out.push(stmt.query_row([id], |r| {
            let target = Target::from_columns(r.get(2)?, r.get(3)?, r.get(4)?);
            let span = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<i64>>(6)?) {
                (Some(s), Some(e)) => Some((s.max(0), e.max(0))),
                _ => None,
            };
            Ok(NoteRecord {
                id: r.get(0)?,
                uid: r.get(1)?,
                target,
                span,
                quote: r.get(7)?,
                author: r.get(8)?,
                text: r.get(9)?,
                created_at: r.get(10)?,
                edited_at: r.get(11)?,
            })
        })?);
    }
    Ok(out)
}

/// Puts a kept note back on `target` (its own, or the thing that replaced it): under its old id
/// when free; a note with its uid that is still there (moved by a merge) moves to `target`.
pub(super) fn restore_note(tx: &Transaction, record: &NoteRecord, target: Target) -> Result<bool> {
    if !exists(tx, target)? {
        return Ok(false);
    }
    let (article, outlet, incident) = columns(target);
    let moved = tx.execute(
        "UPDATE notes SET article_id = ?2, outlet_id = ?3, incident_id = ?4 WHERE uid = ?1",
        params![record.uid, article, outlet, incident],
    )?;
    if moved > 0 {
        return Ok(true);
    }
    let free = tx
        .query_row("SELECT 1 FROM notes WHERE id = ?1", [record.id], |_| Ok(()))
        .optional()?
        .is_none();
    tx.execute(
        "INSERT INTO notes(id, uid, article_id, outlet_id, incident_id, span_start, span_end,
                           quote, author, text, created_at, edited_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            free.then_some(record.id),
            record.uid,
            article,
            outlet,
            incident,
            record.span.map(|s| s.0),
            record.span.map(|s| s.1),
            record.quote,
            record.author,
            record.text,
            record.created_at,
            record.edited_at
        ],
    )?;
    Ok(true)
}

pub(super) fn collection_row(tx: &Transaction, id: Id) -> Result<(String, Option<String>)> {
    tx.query_row(
        "SELECT name, filter FROM collections WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("no collection {id}")))
}

pub(super) fn collection_record(tx: &Transaction, id: Id, whole: bool) -> Result<CollectionRecord> {
    let (name, filter, created_by, created_at) = tx
        .query_row(
            "SELECT name, filter, created_by, created_at FROM collections WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no collection {id}")))?;
    let members = tx
        .prepare_cached(
            "SELECT article_id, added_by, added_at FROM collection_articles
             WHERE collection_id = ?1 ORDER BY article_id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(CollectionRecord {
        id,
        name,
        filter,
        created_by,
        created_at,
        members,
        whole,
    })
}

/// Puts a kept collection (or the members taken out of it) back; returns how many articles went
/// back in. A deleted collection whose name another has taken since comes back as "NAME (restored)".
pub(super) fn restore_collection(tx: &Transaction, record: &CollectionRecord) -> Result<usize> {
    let mut id = record.id;
    if record.whole {
        let mut name = record.name.clone();
        let name_taken = |name: &str| -> Result<bool> {
            Ok(tx
                .query_row("SELECT 1 FROM collections WHERE name = ?1", [name], |_| {
                    Ok(())
                })
                .optional()?
                .is_some())
        };
        if name_taken(&name)? {
            name = format!("{} (restored)", record.name);
        }
        let free = tx
            .query_row("SELECT 1 FROM collections WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .is_none();
        tx.execute(
            "INSERT INTO collections(id, name, filter, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                free.then_some(id),
                name,
                record.filter,
                record.created_by,
                record.created_at
            ],
        )?;
        id = tx.last_insert_rowid();
    } else {
        collection_row(tx, id)?;
    }
    let mut n = 0;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO collection_articles(collection_id, article_id, added_by, added_at)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?2)",
    )?;
    for (a, by, at) in &record.members {
        n += insert.execute(params![id, a, by, at])?;
    }
    Ok(n)
}

/// The collections article `id` is in, as kept: (collection, added_by, added_at).
pub(super) fn memberships(tx: &Transaction, id: Id) -> Result<Vec<(Id, String, String)>> {
    Ok(tx
        .prepare_cached(
            "SELECT collection_id, added_by, added_at FROM collection_articles WHERE article_id = ?1",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Puts back rows' hand matches as they were before an edit (`undo::apply`).
fn restore_hand_matches(tx: &Transaction, matches: &[(Id, Option<HandMatchRecord>)]) -> Result<()> {
    for (entry, before) in matches.iter().rev() {
        match before {
            None => {
                tx.execute("DELETE FROM reference_matches WHERE entry_id = ?1", [entry])?;
            }
            Some((outlet, by, at)) => put_hand_match(tx, *entry, *outlet, by, at)?,
        }
    }
    Ok(())
}

/// Removes lists an edit added (`undo::apply`).
fn remove_lists(tx: &Transaction, lists: &[Id]) -> Result<()> {
    for id in lists {
        tx.execute("DELETE FROM reference_lists WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Records a row's hand match (the outlet `None`: set aside), replacing any before; nothing when
/// the row or the outlet is gone.
pub(super) fn put_hand_match(
    tx: &rusqlite::Connection,
    entry: Id,
    outlet: Option<Id>,
    by: &str,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO reference_matches(entry_id, outlet_id, matched_by, matched_at)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM reference_entries WHERE id = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM outlets WHERE id = ?2))
         ON CONFLICT(entry_id) DO UPDATE SET outlet_id = excluded.outlet_id,
            matched_by = excluded.matched_by, matched_at = excluded.matched_at",
    )?
    .execute(params![entry, outlet, by, at])?;
    Ok(())
}
