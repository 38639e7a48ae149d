//! Storage of the linking engine's state: per-article features and band keys, scored pairs, the
//! analyst's rejections, and the suggestion queue the engine refreshes.

use std::collections::{HashMap, HashSet};

use rusqlite::params;
use serde::Serialize;

use super::{Library, clock};
use crate::error::Result;
use crate::model::{Id, IncidentFields};

/// What the engine reads of an article it has not seen yet.
#[derive(Debug, Clone)]
pub struct LinkText {
    pub id: Id,
    pub outlet_id: Id,
    pub text_hash: String,
    pub title: String,
    pub body: String,
    pub published: Option<String>,
}

/// A scored pair of articles (`a < b`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkPair {
    pub a: Id,
    pub b: Id,
    pub kind: String,
    pub score: f64,
    pub evidence: Vec<String>,
}

/// A suggestion as the engine makes it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSuggestion {
    pub kind: String,
    /// Sorted article ids.
    pub articles: Vec<Id>,
    pub score: f64,
    pub evidence: Vec<String>,
    /// What accepting it creates when none of its articles is in an incident yet.
    pub proposal: Option<IncidentFields>,
}

/// How a refresh changed the suggestion queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SuggestionsUpdate {
    pub added: usize,
    pub kept: usize,
    /// Open suggestions the engine no longer makes (their articles changed).
    pub dropped: usize,
    /// Suggestions the analyst already decided, not offered again.
    pub already_decided: usize,
}

pub(super) fn members_key(articles: &[Id]) -> String {
    let mut ids = articles.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.iter().map(Id::to_string).collect::<Vec<_>>().join(",")
}

impl Library {
    /// Articles whose linking features are missing or were made by another extractor version.
    pub fn articles_to_link(&self, version: i64) -> Result<Vec<LinkText>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.outlet_id, a.text_hash, a.title, a.body, a.published
             FROM articles a LEFT JOIN link_features f ON f.article_id = a.id
             WHERE f.article_id IS NULL OR f.version != ?1
             ORDER BY a.id",
        )?;
        let rows = stmt.query_map([version], |r| {
            Ok(LinkText {
                id: r.get(0)?,
                outlet_id: r.get(1)?,
                text_hash: r.get(2)?,
                title: r.get(3)?,
                body: r.get(4)?,
                published: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bodies of the listed articles (to confirm near-copy candidates).
    pub fn bodies(&self, ids: &[Id]) -> Result<HashMap<Id, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")?;
        let mut out = HashMap::with_capacity(ids.len());
        for id in ids {
            let body: String = stmt.query_row([id], |r| r.get(0))?;
            out.insert(*id, body);
        }
        Ok(out)
    }

    /// Calls `f` with every stored feature row of this version: (article, outlet, text hash,
    /// band keys, features JSON), in article order. Streams, so a large library is never held
    /// twice in memory.
    pub fn for_each_link_features(
        &self,
        version: i64,
        mut f: impl FnMut(Id, Id, &str, &[u8], &str),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.article_id, a.outlet_id, a.text_hash, f.bands, f.features
             FROM link_features f JOIN articles a ON a.id = f.article_id
             WHERE f.version = ?1 ORDER BY f.article_id",
        )?;
        let mut rows = stmt.query([version])?;
        while let Some(row) = rows.next()? {
            let id: Id = row.get(0)?;
            let outlet: Id = row.get(1)?;
            let conv = rusqlite::Error::from;
            let hash = row.get_ref(2)?.as_str().map_err(conv)?;
            let bands = row.get_ref(3)?.as_blob().map_err(conv)?;
            let features = row.get_ref(4)?.as_str().map_err(conv)?;
            f(id, outlet, hash, bands, features);
        }
        Ok(())
    }

    /// Stores new articles' features and the pairs scored for them, in one transaction.
    pub fn store_link_results(
        &mut self,
        version: i64,
        features: &[(Id, Vec<u8>, String)],
        pairs: &[LinkPair],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO link_features(article_id, version, bands, features)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, bands, json) in features {
                insert.execute(params![id, version, bands, json])?;
            }
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO link_pairs(a, b, kind, score, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for p in pairs {
                let evidence = serde_json::to_string(&p.evidence).unwrap_or_else(|_| "[]".into());
                insert.execute(params![
                    p.a.min(p.b),
                    p.a.max(p.b),
                    p.kind,
                    p.score.clamp(0.0, 1.0),
                    evidence
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every stored pair of one kind.
    pub fn link_pairs(&self, kind: &str) -> Result<Vec<LinkPair>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a, b, kind, score, evidence FROM link_pairs WHERE kind = ?1 ORDER BY a, b",
        )?;
        let rows = stmt.query_map([kind], |r| {
            let evidence: String = r.get(4)?;
            Ok(LinkPair {
                a: r.get(0)?,
                b: r.get(1)?,
                kind: r.get(2)?,
                score: r.get(3)?,
                evidence: serde_json::from_str(&evidence).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Pairs the analyst said do not belong together.
    pub fn rejected_pairs(&self) -> Result<HashSet<(Id, Id)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT a, b FROM link_rejections")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Which incidents each article belongs to.
    pub fn incident_membership(&self) -> Result<HashMap<Id, Vec<Id>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, incident_id FROM incident_articles")?;
        let mut out: HashMap<Id, Vec<Id>> = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?)))? {
            let (article, incident) = row?;
            out.entry(article).or_default().push(incident);
        }
        Ok(out)
    }

    /// Forgets every feature row and scored pair, so the next linking run starts afresh. The
    /// analyst's decisions (incidents, rejections, decided suggestions) stay.
    pub fn clear_link_state(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM link_features", [])?;
        tx.execute("DELETE FROM link_pairs", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the open suggestions of these kinds with `fresh`, in one transaction. A fresh
    /// suggestion with the same articles as an open one updates it in place (its number stays);
    /// one the analyst already decided is not offered again; open ones not made again are dropped.
    pub fn refresh_suggestions(
        &mut self,
        kinds: &[&str],
        fresh: &[NewSuggestion],
    ) -> Result<SuggestionsUpdate> {
        let mut update = SuggestionsUpdate::default();
        let tx = self.conn.transaction()?;
        let mut keep: HashSet<Id> = HashSet::new();
        {
            let mut find = tx.prepare_cached(
                "SELECT id, status FROM suggestions WHERE kind = ?1 AND members_key = ?2",
            )?;
            let mut refresh = tx.prepare_cached(
                "UPDATE suggestions SET score = ?2, evidence = ?3, proposal = ?4 WHERE id = ?1",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO suggestions(kind, members_key, score, evidence, proposal, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut member = tx.prepare_cached(
                "INSERT OR IGNORE INTO suggestion_articles(suggestion_id, article_id) VALUES (?1, ?2)",
            )?;
            let at = clock::now();
            for s in fresh {
                let key = members_key(&s.articles);
                let evidence = serde_json::to_string(&s.evidence).unwrap_or_else(|_| "[]".into());
                let proposal = s
                    .proposal
                    .as_ref()
                    .and_then(|p| serde_json::to_string(p).ok());
                let score = s.score.clamp(0.0, 1.0);
                let existing: Option<(Id, String)> = {
                    let mut rows = find.query(params![s.kind, key])?;
                    match rows.next()? {
                        Some(r) => Some((r.get(0)?, r.get(1)?)),
                        None => None,
                    }
                };
                match existing {
                    Some((id, status)) if status == "suggested" => {
                        refresh.execute(params![id, score, evidence, proposal])?;
                        keep.insert(id);
                        update.kept += 1;
                    }
                    Some(_) => update.already_decided += 1,
                    None => {
                        insert.execute(params![s.kind, key, score, evidence, proposal, at])?;
                        let id = tx.last_insert_rowid();
                        for article in &s.articles {
                            member.execute(params![id, article])?;
                        }
                        keep.insert(id);
                        update.added += 1;
                    }
                }
            }
            let mut open = tx.prepare_cached(
                "SELECT id FROM suggestions WHERE kind = ?1 AND status = 'suggested'",
            )?;
            let mut delete = tx.prepare_cached("DELETE FROM suggestions WHERE id = ?1")?;
            for kind in kinds {
                let ids: Vec<Id> = open
                    .query_map([kind], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for id in ids.into_iter().filter(|id| !keep.contains(id)) {
                    delete.execute([id])?;
                    update.dropped += 1;
                }
            }
        }
        tx.commit()?;
        Ok(update)
    }

    /// Every article's source path (with `/` separators) and id, for matching labelled files.
    pub fn articles_by_path_suffix(&self) -> Result<Vec<(String, Id)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT source_path, id FROM articles ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?.replace('\\', "/"), r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Place names the analyst added: (place, other name).
    pub fn place_names(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT place, name FROM place_names ORDER BY place, name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds other names of a place to the library's gazetteer. Returns how many were new.
    pub fn add_place_names(&mut self, place: &str, names: &[String]) -> Result<usize> {
        let place = place.trim();
        if place.is_empty() {
            return Err(crate::error::Error::Invalid("a place needs a name".into()));
        }
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut insert = tx
                .prepare_cached("INSERT OR IGNORE INTO place_names(place, name) VALUES (?1, ?2)")?;
            added += insert.execute(params![place, place])?;
            for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                added += insert.execute(params![place, name])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }
}
