//! Storage of the linking engine's state: per-article features and band keys, scored pairs, the
//! analyst's rejections, and the suggestion queue the engine refreshes.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, params};
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
    /// Whether the date was stated by the page, its address, a dateline or an analyst, rather
    /// than found in the running text.
    pub date_stated: bool,
}

/// What a linking round stores for one article.
#[derive(Debug, Clone)]
pub struct LinkState {
    pub id: Id,
    /// The article's date in days from 0001-01-01; 0 when it has none.
    pub day: i64,
    /// The MinHash signature, 4 bytes little-endian per value.
    pub signature: Vec<u8>,
    /// `linking::features::Features`, encoded.
    pub features: Vec<u8>,
    /// The keys it is indexed under.
    pub keys: Vec<i64>,
}

/// An article's stored linking state: (article, signature bytes, features bytes).
pub type StoredState = (Id, Vec<u8>, Vec<u8>);

/// A finished linking run, as the Suggestions view reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRun {
    pub finished_at: String,
    pub articles: usize,
    pub capped: usize,
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
    /// Articles whose linking features are missing or were made by another extractor version,
    /// in id order.
    pub fn articles_to_link(&self, version: i64) -> Result<Vec<Id>> {
        // Features of another extractor: every article is compared with link_features (two
        // scans of narrow indexes), once.
        let stale: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM link_features WHERE version < ?1 OR version > ?1)",
            [version],
            |r| r.get(0),
        )?;
        if stale {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id FROM articles
                 EXCEPT SELECT article_id FROM link_features WHERE version = ?1
                 UNION SELECT article_id FROM link_pending
                 ORDER BY 1",
            )?;
            let rows = stmt.query_map([version], |r| r.get(0))?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id FROM link_pending ORDER BY article_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What linking reads of the listed articles (those that still exist), in the order given.
    pub fn link_texts(&self, ids: &[Id]) -> Result<Vec<LinkText>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, outlet_id, text_hash, title, body, published, published_source
             FROM articles WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut rows = stmt.query([id])?;
            if let Some(r) = rows.next()? {
                let source: String = r.get(6)?;
                out.push(LinkText {
                    id: r.get(0)?,
                    outlet_id: r.get(1)?,
                    text_hash: r.get(2)?,
                    title: r.get(3)?,
                    body: r.get(4)?,
                    published: r.get(5)?,
                    date_stated: !matches!(source.as_str(), "text" | "none"),
                });
            }
        }
        Ok(out)
    }

    /// The bodies of the listed articles (to confirm near-copy candidates).
    pub fn bodies(&self, ids: &[Id]) -> Result<HashMap<Id, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")?;
        let mut out = HashMap::with_capacity(ids.len());
        for id in ids {
            let body: Option<String> = stmt.query_row([id], |r| r.get(0)).optional()?;
            if let Some(body) = body {
                out.insert(*id, body);
            }
        }
        Ok(out)
    }

    /// How many articles hold linking features of this version.
    pub fn linked_count(&self, version: i64) -> Result<usize> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM link_features WHERE version = ?1",
            [version],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Document frequencies of the listed words and names (keys as `linking::features` makes
    /// them) among linked articles; keys no linked article holds are left out.
    pub fn link_term_df(&self, terms: &[i64]) -> Result<HashMap<i64, u32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT df FROM link_terms WHERE term = ?1")?;
        let mut out = HashMap::new();
        for term in terms {
            let df: Option<i64> = stmt.query_row([term], |r| r.get(0)).optional()?;
            if let Some(df) = df {
                out.insert(*term, u32::try_from(df).unwrap_or(u32::MAX));
            }
        }
        Ok(out)
    }

    /// The linked articles indexed under a key whose day lies in `days` (inclusive), and the
    /// undated ones (day 0): (article, day), at most `limit` of them.
    pub fn link_posting(&self, key: i64, days: (i64, i64), limit: usize) -> Result<Vec<(Id, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, day FROM link_keys
             WHERE key = ?1 AND (day = 0 OR day BETWEEN ?2 AND ?3)
             UNION ALL
             SELECT article_id, day FROM link_keys_recent
             WHERE key = ?1 AND (day = 0 OR day BETWEEN ?2 AND ?3)
             LIMIT ?4",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![key, days.0, days.1, limit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Linked articles whose folded text has this hash, earliest first, at most `limit`.
    pub fn linked_with_hash(&self, hash: &str, limit: usize) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM articles a JOIN link_features f ON f.article_id = a.id
             WHERE a.text_hash = ?1 ORDER BY a.id LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![hash, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored linking state of the listed articles that have one of this version.
    pub fn link_state_of(&self, version: i64, ids: &[Id]) -> Result<Vec<StoredState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT signature, features FROM link_features WHERE article_id = ?1 AND version = ?2",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let mut rows = stmt.query(params![id, version])?;
            if let Some(r) = rows.next()? {
                out.push((*id, r.get(0)?, r.get(1)?));
            }
        }
        Ok(out)
    }

    /// Stores one linking round in one transaction: the new articles' state and index keys,
    /// the document frequencies they add, and the pairs scored for them.
    pub fn store_link_round(
        &mut self,
        version: i64,
        articles: &[LinkState],
        df: &[(i64, u32)],
        pairs: &[LinkPair],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut state = tx.prepare_cached(
                "INSERT OR REPLACE INTO link_features(article_id, version, signature, features)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut key = tx.prepare_cached(
                "INSERT OR REPLACE INTO link_keys_recent(key, day, article_id) VALUES (?1, ?2, ?3)",
            )?;
            let mut linked = tx.prepare_cached("DELETE FROM link_pending WHERE article_id = ?1")?;
            for a in articles {
                state.execute(params![a.id, version, a.signature, a.features])?;
                linked.execute([a.id])?;
            }
            // In the index's order, so that the B-tree is written page after page rather than
            // all over.
            let mut rows: Vec<(i64, i64, Id)> = articles
                .iter()
                .flat_map(|a| a.keys.iter().map(move |k| (*k, a.day, a.id)))
                .collect();
            rows.sort_unstable();
            for (k, day, id) in rows {
                key.execute(params![k, day, id])?;
            }
            let mut ungrouped =
                tx.prepare_cached("INSERT OR IGNORE INTO link_ungrouped(article_id) VALUES (?1)")?;
            for a in articles {
                ungrouped.execute([a.id])?;
            }
            let mut term = tx.prepare_cached(
                "INSERT INTO link_terms(term, df) VALUES (?1, ?2)
                 ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            )?;
            for (t, n) in df {
                term.execute(params![t, n])?;
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

    /// Moves the recent index keys into the main index when they are more than `most` rows, in
    /// one transaction, in the index's order. Returns whether it did.
    pub fn settle_link_keys(&mut self, most: usize) -> Result<bool> {
        let recent: i64 =
            self.conn
                .query_row("SELECT count(*) FROM link_keys_recent", [], |r| r.get(0))?;
        if usize::try_from(recent).unwrap_or(0) <= most {
            return Ok(false);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO link_keys(key, day, article_id)
             SELECT key, day, article_id FROM link_keys_recent ORDER BY key, day, article_id",
            [],
        )?;
        tx.execute("DELETE FROM link_keys_recent", [])?;
        tx.commit()?;
        Ok(true)
    }

    /// Linked articles whose suggestions wait to be refreshed.
    pub fn ungrouped_articles(&self) -> Result<Vec<Id>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id FROM link_ungrouped ORDER BY article_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks articles as grouped: the queue now holds what they make.
    pub fn mark_grouped(&mut self, ids: &[Id]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut delete =
                tx.prepare_cached("DELETE FROM link_ungrouped WHERE article_id = ?1")?;
            for id in ids {
                delete.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// An article's stored pairs of one kind scoring at least `min`: (other article, score).
    pub fn link_partners(&self, id: Id, kind: &str, min: f64) -> Result<Vec<(Id, f64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b, score FROM link_pairs WHERE a = ?1 AND kind = ?2 AND score >= ?3
             UNION ALL
             SELECT a, score FROM link_pairs WHERE b = ?1 AND kind = ?2 AND score >= ?3",
        )?;
        let rows = stmt.query_map(params![id, kind, min], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a finished linking run: how many articles it linked and how many of them it
    /// compared with only some of their candidates.
    pub fn record_link_run(&mut self, articles: usize, capped: usize) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO link_runs(finished_at, articles, capped) VALUES (?1, ?2, ?3)",
            params![clock::now(), articles as i64, capped as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The last linking run that left comparisons out, if the last run did: (when, articles
    /// linked, articles compared with only some candidates).
    pub fn last_link_run(&self) -> Result<Option<LinkRun>> {
        Ok(self
            .conn
            .query_row(
                "SELECT finished_at, articles, capped FROM link_runs ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok(LinkRun {
                        finished_at: r.get(0)?,
                        articles: r.get::<_, i64>(1)? as usize,
                        capped: r.get::<_, i64>(2)? as usize,
                    })
                },
            )
            .optional()?)
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
        tx.execute("DELETE FROM link_keys", [])?;
        tx.execute("DELETE FROM link_keys_recent", [])?;
        tx.execute(
            "INSERT OR IGNORE INTO link_pending(article_id) SELECT id FROM articles",
            [],
        )?;
        tx.execute("DELETE FROM link_terms", [])?;
        tx.execute("DELETE FROM link_pairs", [])?;
        tx.execute("DELETE FROM link_ungrouped", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the open suggestions of these kinds with `fresh`, in one transaction. A fresh
    /// suggestion with the same articles as an open one updates it in place (its number stays);
    /// one the analyst already decided is not offered again; open ones not made again are dropped.
    ///
    /// With a `scope`, only open suggestions with an article in it may be dropped: a run that
    /// looked at some articles leaves the suggestions about others as they were.
    pub fn refresh_suggestions(
        &mut self,
        kinds: &[&str],
        fresh: &[NewSuggestion],
        scope: Option<&HashSet<Id>>,
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
            let mut open_about = tx.prepare_cached(
                // CROSS JOIN keeps the article's rows as the outer loop: a lookup per article,
                // not a scan of every open suggestion per article.
                "SELECT s.id FROM suggestion_articles sa
                 CROSS JOIN suggestions s ON s.id = sa.suggestion_id
                 WHERE sa.article_id = ?2 AND s.kind = ?1 AND s.status = 'suggested'",
            )?;
            let mut delete = tx.prepare_cached("DELETE FROM suggestions WHERE id = ?1")?;
            for kind in kinds {
                let mut ids: Vec<Id> = match scope {
                    None => open
                        .query_map([kind], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?,
                    Some(scope) => {
                        let mut ids = Vec::new();
                        for article in scope {
                            for id in open_about.query_map(params![kind, article], |r| r.get(0))? {
                                ids.push(id?);
                            }
                        }
                        ids
                    }
                };
                ids.sort_unstable();
                ids.dedup();
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
