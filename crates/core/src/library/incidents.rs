//! Incidents and the analyst's decisions on link suggestions. Every edit runs in one transaction
//! and returns an [`Undo`] that puts back exactly what it changed.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{OptionalExtension, Transaction, params};

use super::clock::now;
use super::undo::{self, IncidentRecord, SuggestionRecord, Undo};
use super::{Library, article_row, trash};
use crate::error::{Error, Result};
use crate::model::{
    ArticleRow, CopyOf, Id, IncidentDetail, IncidentFields, IncidentReport, SuggestionRow,
};

/// What accepting or rejecting a suggestion did.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The incident the articles now belong to (accepting), if any.
    pub incident: Option<Id>,
    pub undo: Undo,
}

/// Suggestion kinds, as stored.
pub const SAME_INCIDENT: &str = "same_incident";

impl Library {
    /// One incident with its reports (earliest first); `None` when there is no such incident.
    pub fn incident(&self, id: Id) -> Result<Option<IncidentDetail>> {
        let Some((fields, created_at)) = incident_fields(&self.conn, id)? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, o.name, a.published, a.word_count, a.language,
                    ia.linked_by, ia.reason, ia.linked_at
             FROM incident_articles ia
             JOIN articles a ON a.id = ia.article_id
             JOIN outlets o ON o.id = a.outlet_id
             WHERE ia.incident_id = ?1
             ORDER BY a.published IS NULL, a.published, a.id",
        )?;
        let reports = stmt
            .query_map([id], |r| {
                Ok(IncidentReport {
                    article: article_row(r)?,
                    linked_by: r.get(6)?,
                    reason: r.get(7)?,
                    linked_at: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(IncidentDetail {
            id,
            title: fields.title,
            date: fields.date,
            place: fields.place,
            summary: fields.summary,
            created_at,
            reports,
        }))
    }

    /// The listed articles as table rows, in the order asked; ids that do not exist are left out.
    pub fn article_rows(&self, ids: &[Id]) -> Result<Vec<ArticleRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, o.name, a.published, a.word_count, a.language
             FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = stmt.query_row([id], article_row).optional()?;
            out.extend(row);
        }
        Ok(out)
    }

    /// The incidents an article belongs to.
    pub fn incidents_of_article(&self, article: Id) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT incident_id FROM incident_articles WHERE article_id = ?1 ORDER BY incident_id",
        )?;
        let rows = stmt.query_map([article], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Creates an incident holding `articles`, linked by `by` for `reason`.
    pub fn create_incident(
        &mut self,
        fields: &IncidentFields,
        articles: &[Id],
        by: &str,
        reason: &str,
    ) -> Result<(Id, Undo)> {
        let fields = checked(fields)?;
        let tx = self.conn.transaction()?;
        let id = insert_incident(&tx, &fields)?;
        link_articles(&tx, id, articles, by, reason)?;
        tx.commit()?;
        let undo = Undo {
            label: "create incident".into(),
            created: vec![id],
            ..Undo::default()
        };
        Ok((id, undo))
    }

    /// Adds articles to an incident (those already in it stay as they were).
    pub fn add_to_incident(
        &mut self,
        incident: Id,
        articles: &[Id],
        by: &str,
        reason: &str,
    ) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[incident])?;
        link_articles(&tx, incident, articles, by, reason)?;
        tx.commit()?;
        Ok(undo_of("add reports to incident", before))
    }

    /// Takes articles out of an incident. Returns how many were in it, and the undo.
    pub fn remove_from_incident(&mut self, incident: Id, articles: &[Id]) -> Result<(usize, Undo)> {
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[incident])?;
        let mut removed = 0;
        {
            let mut delete = tx.prepare_cached(
                "DELETE FROM incident_articles WHERE incident_id = ?1 AND article_id = ?2",
            )?;
            for article in articles {
                removed += delete.execute(params![incident, article])?;
            }
        }
        tx.commit()?;
        Ok((removed, undo_of("remove reports from incident", before)))
    }

    /// Moves reports from one incident to another.
    pub fn move_reports(&mut self, articles: &[Id], from: Id, to: Id, by: &str) -> Result<Undo> {
        if from == to {
            return Err(Error::Invalid(
                "a report cannot move to the incident it is in".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[from, to])?;
        let reason = format!("moved from incident {from}");
        unlink_articles(&tx, from, articles)?;
        link_articles(&tx, to, articles, by, &reason)?;
        tx.commit()?;
        Ok(undo_of("move reports", before))
    }

    /// Merges incident `other` into `keep`: its reports join `keep` and it is removed.
    pub fn merge_incidents(&mut self, keep: Id, other: Id, by: &str) -> Result<Undo> {
        if keep == other {
            return Err(Error::Invalid(
                "cannot merge an incident into itself".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[keep, other])?;
        tx.execute(
            "INSERT OR IGNORE INTO incident_articles(incident_id, article_id, linked_by, reason,
                                                     linked_at)
             SELECT ?1, article_id, ?3, 'merged from incident ' || ?2, ?4
             FROM incident_articles WHERE incident_id = ?2",
            params![keep, other, by, now()],
        )?;
        // Its notes and tags go with its reports (undo moves the notes back by their uids).
        tx.execute(
            "UPDATE notes SET incident_id = ?1 WHERE incident_id = ?2",
            params![keep, other],
        )?;
        if let Some(merged) = before.iter().find(|r| r.id == other) {
            undo::restore_tags(&tx, crate::model::Target::Incident(keep), &merged.tags)?;
        }
        tx.execute("DELETE FROM incidents WHERE id = ?1", [other])?;
        // The merged incident is gone: keep it in the trash until the analyst empties it.
        let undo = trash::keep_incidents(&tx, undo_of("merge incidents", before), &[other], by)?;
        tx.commit()?;
        Ok(undo)
    }

    /// Splits `articles` off `incident` into a new incident with `fields`.
    pub fn split_incident(
        &mut self,
        incident: Id,
        articles: &[Id],
        fields: &IncidentFields,
        by: &str,
    ) -> Result<(Id, Undo)> {
        let fields = checked(fields)?;
        if articles.is_empty() {
            return Err(Error::Invalid("choose the reports to split off".into()));
        }
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[incident])?;
        let new = insert_incident(&tx, &fields)?;
        let reason = format!("split from incident {incident}");
        unlink_articles(&tx, incident, articles)?;
        link_articles(&tx, new, articles, by, &reason)?;
        tx.commit()?;
        let mut undo = undo_of("split incident", before);
        undo.created.push(new);
        Ok((new, undo))
    }

    /// Changes an incident's title, date, place and summary.
    pub fn edit_incident(&mut self, incident: Id, fields: &IncidentFields) -> Result<Undo> {
        let fields = checked(fields)?;
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[incident])?;
        tx.execute(
            "UPDATE incidents SET title = ?2, date = ?3, place = ?4, summary = ?5 WHERE id = ?1",
            params![
                incident,
                fields.title,
                fields.date,
                fields.place,
                fields.summary
            ],
        )?;
        tx.commit()?;
        Ok(undo_of("edit incident", before))
    }

    /// Deletes an incident (its articles stay in the library; the incident stays in the trash).
    pub fn delete_incident(&mut self, incident: Id, by: &str) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let before = snapshot(&tx, &[incident])?;
        tx.execute("DELETE FROM incidents WHERE id = ?1", [incident])?;
        let undo = trash::keep_incidents(&tx, undo_of("delete incident", before), &[incident], by)?;
        tx.commit()?;
        Ok(undo)
    }

    /// Suggestions waiting for a decision, best first.
    pub fn open_suggestions(&self) -> Result<Vec<SuggestionRow>> {
        self.suggestions_where("suggested", None)
    }

    /// One suggestion, whatever its status.
    pub fn suggestion(&self, id: Id) -> Result<Option<SuggestionRow>> {
        Ok(self.suggestions_where("", Some(id))?.into_iter().next())
    }

    /// A suggestion still waiting for a decision; an error saying why otherwise.
    fn undecided_suggestion(&self, id: Id) -> Result<SuggestionRow> {
        let suggestion = self
            .suggestion(id)?
            .ok_or_else(|| Error::NotFound(format!("no suggestion {id}")))?;
        if suggestion.status != "suggested" {
            return Err(Error::Invalid(format!(
                "suggestion {id} was already {}",
                suggestion.status
            )));
        }
        Ok(suggestion)
    }

    fn suggestions_where(&self, status: &str, id: Option<Id>) -> Result<Vec<SuggestionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.kind, s.score, s.status, s.evidence,
                    (SELECT group_concat(article_id) FROM
                        (SELECT article_id FROM suggestion_articles sa
                         WHERE sa.suggestion_id = s.id ORDER BY article_id)),
                    s.proposal
             FROM suggestions s
             WHERE (?1 = '' OR s.status = ?1) AND (?2 IS NULL OR s.id = ?2)
             ORDER BY s.score DESC, s.id",
        )?;
        let rows: Vec<SuggestionRow> = stmt
            .query_map(params![status, id], |r| {
                let evidence: String = r.get(4)?;
                let members: Option<String> = r.get(5)?;
                let proposal: Option<String> = r.get(6)?;
                Ok(SuggestionRow {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    score: r.get(2)?,
                    status: r.get(3)?,
                    evidence: serde_json::from_str(&evidence).unwrap_or_default(),
                    articles: members
                        .unwrap_or_default()
                        .split(',')
                        .filter_map(|s| s.parse().ok())
                        .collect(),
                    incident: None,
                    proposal: proposal.and_then(|p| serde_json::from_str(&p).ok()),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = rows;
        for row in &mut out {
            row.incident = main_incident(&self.conn, &row.articles)?;
        }
        Ok(out)
    }

    /// Accepts a suggestion. For a same-incident suggestion the articles join the incident most
    /// of them already belong to, or a new one made from the suggestion's proposal; for a copy,
    /// the copy joins its original's incident when it has one. `only` accepts part of the
    /// suggestion: the articles left out are remembered as not belonging with the others.
    pub fn accept_suggestion(
        &mut self,
        id: Id,
        analyst: &str,
        only: Option<&[Id]>,
    ) -> Result<Decision> {
        let suggestion = self.undecided_suggestion(id)?;
        let members: Vec<Id> = match only {
            Some(only) => {
                if let Some(stray) = only.iter().find(|a| !suggestion.articles.contains(a)) {
                    return Err(Error::Invalid(format!(
                        "article {stray} is not part of suggestion {id}"
                    )));
                }
                suggestion
                    .articles
                    .iter()
                    .copied()
                    .filter(|a| only.contains(a))
                    .collect()
            }
            None => suggestion.articles.clone(),
        };
        if members.len() < 2 {
            return Err(Error::Invalid(
                "accepting a suggestion needs at least two of its articles".into(),
            ));
        }
        let left_out: Vec<Id> = suggestion
            .articles
            .iter()
            .copied()
            .filter(|a| !members.contains(a))
            .collect();
        let reason = format!(
            "accepted suggestion {id} ({}, score {:.2})",
            suggestion.kind.replace('_', " "),
            suggestion.score
        );

        let tx = self.conn.transaction()?;
        let target = main_incident(&tx, &members)?;
        let mut before = match target {
            Some(incident) => snapshot(&tx, &[incident])?,
            None => Vec::new(),
        };
        let mut created = Vec::new();
        let incident = match target {
            Some(incident) => {
                link_articles(&tx, incident, &members, analyst, &reason)?;
                Some(incident)
            }
            None if suggestion.kind == SAME_INCIDENT => {
                let proposal: Option<String> = tx.query_row(
                    "SELECT proposal FROM suggestions WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                let fields = proposal
                    .and_then(|p| serde_json::from_str::<IncidentFields>(&p).ok())
                    .filter(|f| !f.title.trim().is_empty())
                    .unwrap_or_else(|| IncidentFields {
                        title: format!("Incident of suggestion {id}"),
                        ..IncidentFields::default()
                    });
                let new = insert_incident(&tx, &checked(&fields)?)?;
                link_articles(&tx, new, &members, analyst, &reason)?;
                created.push(new);
                Some(new)
            }
            None => None,
        };
        let record = decide(
            &tx,
            id,
            "accepted",
            analyst,
            &pairs_across(&left_out, &members),
        )?;
        tx.commit()?;
        before.retain(|r| !created.contains(&r.id));
        Ok(Decision {
            incident,
            undo: Undo {
                label: "accept suggestion".into(),
                trash: None,
                created,
                incidents: before,
                suggestions: vec![record],
                ..Undo::default()
            },
        })
    }

    /// Rejects a suggestion: its articles are remembered as not belonging together and are not
    /// suggested together again.
    pub fn reject_suggestion(&mut self, id: Id, analyst: &str) -> Result<Decision> {
        let suggestion = self.undecided_suggestion(id)?;
        let members = &suggestion.articles;
        let mut pairs = Vec::new();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                pairs.push((*a.min(b), *a.max(b)));
            }
        }
        let tx = self.conn.transaction()?;
        let record = decide(&tx, id, "rejected", analyst, &pairs)?;
        tx.commit()?;
        Ok(Decision {
            incident: None,
            undo: Undo {
                label: "reject suggestion".into(),
                suggestions: vec![record],
                ..Undo::default()
            },
        })
    }
}

impl Library {
    /// The copies of `article` that linking found (exact, then near, earliest first), without
    /// those the analyst said are not copies.
    pub fn copies_of(&self, article: Id) -> Result<Vec<CopyOf>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, o.name, a.published, a.word_count, a.language, p.kind, p.score
             FROM (SELECT l.b AS other, l.kind, l.score FROM link_pairs l
                   WHERE l.a = ?1 AND l.kind IN ('exact_copy', 'near_copy')
                     AND NOT EXISTS (SELECT 1 FROM link_rejections r WHERE r.a = l.a AND r.b = l.b)
                   UNION ALL
                   SELECT l.a, l.kind, l.score FROM link_pairs l
                   WHERE l.b = ?1 AND l.kind IN ('exact_copy', 'near_copy')
                     AND NOT EXISTS (SELECT 1 FROM link_rejections r WHERE r.a = l.a AND r.b = l.b)) p
             JOIN articles a ON a.id = p.other JOIN outlets o ON o.id = a.outlet_id
             ORDER BY p.kind, a.published IS NULL, a.published, a.id",
        )?;
        let rows = stmt.query_map([article], |r| {
            Ok(CopyOf {
                article: article_row(r)?,
                kind: r.get(6)?,
                similarity: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that `article` and `other` are not copies of each other (as rejecting their copy
    /// suggestion does, which this also does when one is waiting): linking stops suggesting them
    /// together, as copies or as one incident, and the reader stops listing them as copies.
    pub fn mark_not_copy(&mut self, article: Id, other: Id, analyst: &str) -> Result<Undo> {
        if article == other {
            return Err(Error::Invalid(
                "an article is not compared with itself".into(),
            ));
        }
        let pair = (article.min(other), article.max(other));
        let tx = self.conn.transaction()?;
        let waiting: Option<Id> = tx
            .query_row(
                "SELECT id FROM suggestions
                 WHERE kind IN ('exact_copy', 'near_copy') AND status = 'suggested'
                   AND members_key = ?1",
                [super::links::members_key(&[pair.0, pair.1])],
                |r| r.get(0),
            )
            .optional()?;
        let mut undo = Undo {
            label: "mark not a copy".into(),
            ..Undo::default()
        };
        match waiting {
            Some(id) => undo
                .suggestions
                .push(decide(&tx, id, "rejected", analyst, &[pair])?),
            None => undo.rejected_pairs = reject_pairs(&tx, &[pair], analyst)?,
        }
        tx.commit()?;
        Ok(undo)
    }
}

/// Records pairs of articles (smaller id first) the analyst said are not linked; returns those
/// not recorded before, which are what an undo takes back.
fn reject_pairs(tx: &Transaction, pairs: &[(Id, Id)], analyst: &str) -> Result<Vec<(Id, Id)>> {
    let mut added = Vec::new();
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO link_rejections(a, b, rejected_by, rejected_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let at = now();
    for (a, b) in pairs {
        if insert.execute(params![a, b, analyst, at])? > 0 {
            added.push((*a, *b));
        }
    }
    Ok(added)
}

/// Marks a suggestion decided and records rejected pairs; returns how to undo it.
fn decide(
    tx: &Transaction,
    id: Id,
    status: &str,
    analyst: &str,
    rejected: &[(Id, Id)],
) -> Result<SuggestionRecord> {
    let (old_status, decided_by, decided_at) = tx.query_row(
        "SELECT status, decided_by, decided_at FROM suggestions WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    tx.execute(
        "UPDATE suggestions SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1",
        params![id, status, analyst, now()],
    )?;
    let added = reject_pairs(tx, rejected, analyst)?;
    Ok(SuggestionRecord {
        id,
        status: old_status,
        decided_by,
        decided_at,
        rejected_pairs: added,
    })
}

/// Every pair of one article from `left` and one from `right`, smaller id first.
fn pairs_across(left: &[Id], right: &[Id]) -> Vec<(Id, Id)> {
    let mut out = BTreeSet::new();
    for a in left {
        for b in right {
            if a != b {
                out.insert((*a.min(b), *a.max(b)));
            }
        }
    }
    out.into_iter().collect()
}

/// The incident most of these articles belong to (ties: the oldest incident).
fn main_incident(conn: &rusqlite::Connection, articles: &[Id]) -> Result<Option<Id>> {
    let mut counts: HashMap<Id, usize> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT incident_id FROM incident_articles WHERE article_id = ?1")?;
    for article in articles {
        for incident in stmt.query_map([article], |r| r.get::<_, Id>(0))? {
            *counts.entry(incident?).or_default() += 1;
        }
    }
    Ok(counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(id, _)| id))
}

/// The fields with the title trimmed and the date checked (YYYY-MM-DD, or none).
fn checked(fields: &IncidentFields) -> Result<IncidentFields> {
    let title = fields.title.trim();
    if title.is_empty() {
        return Err(Error::Invalid("an incident needs a title".into()));
    }
    let blank_to_none = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let date = blank_to_none(&fields.date);
    if let Some(date) = &date
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        return Err(Error::Invalid(format!(
            "the date {date:?} is not a date like 2025-03-14"
        )));
    }
    Ok(IncidentFields {
        title: title.to_string(),
        date,
        place: blank_to_none(&fields.place),
        summary: fields.summary.trim().to_string(),
    })
}

fn insert_incident(tx: &Transaction, fields: &IncidentFields) -> Result<Id> {
    tx.execute(
        "INSERT INTO incidents(title, date, place, summary, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![fields.title, fields.date, fields.place, fields.summary, now()],
    )?;
    Ok(tx.last_insert_rowid())
}

fn link_articles(
    tx: &Transaction,
    incident: Id,
    articles: &[Id],
    by: &str,
    reason: &str,
) -> Result<()> {
    if incident_fields(tx, incident)?.is_none() {
        return Err(Error::NotFound(format!("no incident {incident}")));
    }
    let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO incident_articles(incident_id, article_id, linked_by, reason,
                                                 linked_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let at = now();
    for article in articles {
        if !exists.exists([article])? {
            return Err(Error::NotFound(format!("no article {article}")));
        }
        insert.execute(params![incident, article, by, reason, at])?;
    }
    Ok(())
}

/// Takes articles out of an incident; fails (and the caller's transaction is dropped) when one
/// is not in it.
fn unlink_articles(tx: &Transaction, incident: Id, articles: &[Id]) -> Result<()> {
    let mut delete = tx.prepare_cached(
        "DELETE FROM incident_articles WHERE incident_id = ?1 AND article_id = ?2",
    )?;
    for article in articles {
        if delete.execute(params![incident, article])? == 0 {
            return Err(Error::NotFound(format!(
                "article {article} is not in incident {incident}"
            )));
        }
    }
    Ok(())
}

fn incident_fields(
    conn: &rusqlite::Connection,
    id: Id,
) -> Result<Option<(IncidentFields, String)>> {
    Ok(conn
        .query_row(
            "SELECT title, date, place, summary, created_at FROM incidents WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    IncidentFields {
                        title: r.get(0)?,
                        date: r.get(1)?,
                        place: r.get(2)?,
                        summary: r.get(3)?,
                    },
                    r.get(4)?,
                ))
            },
        )
        .optional()?)
}

/// The incidents as they are now, for undo. Fails when one does not exist.
fn snapshot(tx: &Transaction, ids: &[Id]) -> Result<Vec<IncidentRecord>> {
    let mut out = Vec::new();
    for &id in ids {
        let (fields, created_at) =
            incident_fields(tx, id)?.ok_or_else(|| Error::NotFound(format!("no incident {id}")))?;
        let mut stmt = tx.prepare_cached(
            "SELECT article_id, linked_by, reason, linked_at FROM incident_articles
             WHERE incident_id = ?1 ORDER BY article_id",
        )?;
        let members = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(IncidentRecord {
            id,
            fields,
            created_at,
            members,
            notes: undo::note_records(tx, "SELECT id FROM notes WHERE incident_id = ?1", id)?,
            tags: undo::tag_records(tx, crate::model::Target::Incident(id))?,
        });
    }
    Ok(out)
}

fn undo_of(label: &str, before: Vec<IncidentRecord>) -> Undo {
    Undo {
        label: label.into(),
        incidents: before,
        ..Undo::default()
    }
}
