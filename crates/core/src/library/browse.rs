//! Browsing a library of any size: article listings filtered and sorted, fetched a page at a time
//! by keyset (each page starts after the sort key and id of the row before it, found by an index
//! seek, never by counting rows from the top), counts for the scroll bar, anchors for jumping far,
//! and full-text search under the same filters.
//!
//! The SQL here is put together from constant fragments chosen by which filters are set, so that
//! SQLite sees each condition in a form its indexes serve; [`Sql`] accepts only `&'static str`
//! fragments, and every value is a bound parameter.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::Library;
use crate::error::{Error, Result};
use crate::model::{ArticleRow, Id};
use crate::ratings::Grade;

/// What the listing is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    /// Publication date (undated articles count as earliest), then id.
    #[default]
    Published,
    /// Outlet name, then, within an outlet, newest first.
    Outlet,
    /// Title, ignoring case.
    Title,
    /// Word count.
    Words,
}

/// A sort key and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ArticleOrder {
    pub key: SortKey,
    pub descending: bool,
}

impl Default for ArticleOrder {
    /// Newest first.
    fn default() -> Self {
        ArticleOrder {
            key: SortKey::Published,
            descending: true,
        }
    }
}

/// Outlets by their combined grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeFilter {
    /// Outlets whose combined grade (the median of the analysts' current grades) is this one.
    Grade(Grade),
    /// Outlets no analyst has graded (or graded only F).
    Unrated,
}

/// Which articles a listing or a search keeps. Every field left `None` keeps everything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ArticleFilter {
    pub outlet: Option<Id>,
    pub language: Option<String>,
    /// First day, `YYYY-MM-DD` (or a prefix: `2025`, `2025-03`); undated articles are left out
    /// when either bound is set.
    pub from: Option<String>,
    /// Last day, inclusive; a prefix covers the whole year or month.
    pub to: Option<String>,
    pub incident: Option<Id>,
    pub grade: Option<GradeFilter>,
    /// Articles carrying this tag.
    pub tag: Option<Id>,
    /// Articles in this hand-picked collection.
    pub collection: Option<Id>,
}

impl ArticleFilter {
    /// Whether the filter keeps every article.
    pub fn is_empty(&self) -> bool {
        *self == ArticleFilter::default()
    }
}

/// Matches ranked at most by one search: the most recently added this many.
pub const RANKED_AT_MOST: usize = 2_000;

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// The best hits, best first.
    pub hits: Vec<super::SearchHit>,
    /// `Some(n)` when more than `n` articles matched and only the `n` most recently added were
    /// ranked.
    pub ranked_among: Option<usize>,
}

/// Where a page starts: the sort key and id of the row just before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    key: CursorKey,
    id: Id,
}

#[derive(Debug, Clone, PartialEq)]
enum CursorKey {
    Text(String),
    Int(i64),
    /// Sorting by outlet: the outlet, its name, and the article's day.
    Outlet {
        outlet: Id,
        name: String,
        day: String,
    },
}

/// SQL text from constant fragments, with its bound values in order.
struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new(fragment: &'static str) -> Sql {
        Sql {
            text: fragment.to_string(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, fragment: &'static str) -> &mut Sql {
        self.text.push_str(fragment);
        self
    }

    /// Appends a fragment holding one `?` and binds `value` to it.
    fn bind(&mut self, fragment: &'static str, value: impl Into<Value>) -> &mut Sql {
        debug_assert_eq!(fragment.matches('?').count(), 1);
        self.text.push_str(fragment);
        self.values.push(value.into());
        self
    }
}

/// What a filter's conditions are for: a page in some order (conditions the order's index does
/// not serve are written so that SQLite checks them row by row instead of sorting), or a count.
#[derive(Clone, Copy, PartialEq)]
enum Purpose {
    Page(SortKey),
    Count,
}

const ROW_COLUMNS: &str = "SELECT a.id, a.title, o.name, a.published, a.word_count, a.language";
/// An upper bound for a date prefix: '~' sorts after every digit and '-'.
const DATE_END: char = '~';

impl Library {
    /// Up to `limit` articles in `order` under `filter`, starting `skip` rows after `after` (or
    /// after the start), each with the cursor a following page starts after.
    pub fn article_page(
        &self,
        filter: &ArticleFilter,
        order: ArticleOrder,
        after: Option<&Cursor>,
        skip: usize,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, Cursor)>> {
        let grade_outlets = self.grade_outlets(filter)?;
        let mut rows = self.page_with(filter, &grade_outlets, order, after, skip, limit)?;
        let ids: Vec<Id> = rows.iter().map(|(row, _)| row.id).collect();
        let sources = self.date_sources(&ids)?;
        for (row, _) in &mut rows {
            row.date_source = sources.get(&row.id).cloned();
        }
        Ok(rows)
    }

    /// Where the listed articles' dates came from, for those that have a date and a source.
    /// Read by id for one page of rows: the source is stored after the article's text, so the
    /// queries that sort and filter the table do not read it.
    fn date_sources(&self, ids: &[Id]) -> Result<HashMap<Id, String>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, published_source FROM articles
             WHERE id IN (SELECT value FROM json_each(?1))
               AND published IS NOT NULL AND published_source IS NOT NULL",
        )?;
        let ids = serde_json::to_string(ids).map_err(|e| Error::Invalid(e.to_string()))?;
        let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// [`Library::article_page`] with the grade filter's outlets already found.
    fn page_with(
        &self,
        filter: &ArticleFilter,
        grade_outlets: &Option<String>,
        order: ArticleOrder,
        after: Option<&Cursor>,
        skip: usize,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, Cursor)>> {
        if order.key == SortKey::Outlet {
            return self.page_by_outlet(filter, grade_outlets, order, after, skip, limit);
        }
        if skip > 0 {
            // Skip through the sort index alone, then read the page after the row found.
            let Some(start) = self.cursor_at(filter, grade_outlets, order, after, skip - 1)? else {
                return Ok(Vec::new());
            };
            return self.page_with(filter, grade_outlets, order, Some(&start), 0, limit);
        }
        self.keyed_query(filter, grade_outlets, order, after, 0, limit, false, |r| {
            let row = super::article_row(r)?;
            let key = key_of(order.key, r, 6)?;
            let id = row.id;
            Ok((row, Cursor { key, id }))
        })
    }

    /// The cursor of the row `skip` rows after `after` (the first row after it for 0), if the
    /// listing goes that far. Outside sorting by outlet, read from the sort index alone (no
    /// article rows, no outlets).
    fn cursor_at(
        &self,
        filter: &ArticleFilter,
        grade_outlets: &Option<String>,
        order: ArticleOrder,
        after: Option<&Cursor>,
        skip: usize,
    ) -> Result<Option<Cursor>> {
        if order.key == SortKey::Outlet {
            let row = self.page_by_outlet(filter, grade_outlets, order, after, skip, 1)?;
            return Ok(row.into_iter().next().map(|(_, cursor)| cursor));
        }
        let keys = self.keyed_query(filter, grade_outlets, order, after, skip, 1, true, |r| {
            Ok(Cursor {
                id: r.get(0)?,
                key: key_of(order.key, r, 1)?,
            })
        })?;
        Ok(keys.into_iter().next())
    }

    /// A query in `order` (not by outlet) after `after`: the article rows, or with `keys_only`
    /// just id and sort key, read from the sort index alone.
    #[allow(clippy::too_many_arguments)]
    fn keyed_query<T>(
        &self,
        filter: &ArticleFilter,
        grade_outlets: &Option<String>,
        order: ArticleOrder,
        after: Option<&Cursor>,
        skip: usize,
        limit: usize,
        keys_only: bool,
        read: impl Fn(&rusqlite::Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut sql = if keys_only {
            Sql::new("SELECT a.id")
        } else {
            Sql::new(ROW_COLUMNS)
        };
        sql.push(match order.key {
            SortKey::Published => ", coalesce(a.published, '')",
            SortKey::Title => ", a.title",
            _ => ", a.word_count",
        });
        sql.push(if keys_only {
            " FROM articles a WHERE 1"
        } else {
            " FROM articles a CROSS JOIN outlets o ON o.id = a.outlet_id WHERE 1"
        });
        conditions(&mut sql, filter, grade_outlets, Purpose::Page(order.key));
        if let Some(cursor) = after {
            let key = match &cursor.key {
                CursorKey::Text(t) => Value::Text(t.clone()),
                CursorKey::Int(n) => Value::Integer(*n),
                CursorKey::Outlet { .. } => Value::Null,
            };
            // SQLite seeks an index by a plain bound on its first column, not by a row value:
            // the bound finds the cursor's key, the row value then steps past its id.
            sql.bind(
                match (order.key, order.descending) {
                    (SortKey::Published, false) => " AND coalesce(a.published, '') >= ?",
                    (SortKey::Published, true) => " AND coalesce(a.published, '') <= ?",
                    (SortKey::Title, false) => " AND a.title COLLATE NOCASE >= ?",
                    (SortKey::Title, true) => " AND a.title COLLATE NOCASE <= ?",
                    (_, false) => " AND a.word_count >= ?",
                    (_, true) => " AND a.word_count <= ?",
                },
                key.clone(),
            );
            sql.bind(
                match (order.key, order.descending) {
                    (SortKey::Published, false) => " AND (coalesce(a.published, ''), a.id) > (?",
                    (SortKey::Published, true) => " AND (coalesce(a.published, ''), a.id) < (?",
                    (SortKey::Title, false) => " AND (a.title COLLATE NOCASE, a.id) > (?",
                    (SortKey::Title, true) => " AND (a.title COLLATE NOCASE, a.id) < (?",
                    (_, false) => " AND (a.word_count, a.id) > (?",
                    (_, true) => " AND (a.word_count, a.id) < (?",
                },
                key,
            );
            sql.bind(", ?)", cursor.id);
        }
        sql.push(match (order.key, order.descending) {
            (SortKey::Published, false) => " ORDER BY coalesce(a.published, ''), a.id",
            (SortKey::Published, true) => " ORDER BY coalesce(a.published, '') DESC, a.id DESC",
            (SortKey::Title, false) => " ORDER BY a.title COLLATE NOCASE, a.id",
            (SortKey::Title, true) => " ORDER BY a.title COLLATE NOCASE DESC, a.id DESC",
            (_, false) => " ORDER BY a.word_count, a.id",
            (_, true) => " ORDER BY a.word_count DESC, a.id DESC",
        });
        sql.bind(" LIMIT ?", limit as i64);
        sql.bind(" OFFSET ?", skip as i64);
        record_plan(&self.conn, &sql);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let rows = stmt.query_map(params_from_iter(&sql.values), read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A page sorted by outlet: the rest of the outlet the cursor is in, then the outlets after
    /// it by name, each outlet's articles newest first. Two index seeks, never a scan from the top.
    fn page_by_outlet(
        &self,
        filter: &ArticleFilter,
        grade_outlets: &Option<String>,
        order: ArticleOrder,
        after: Option<&Cursor>,
        skip: usize,
        limit: usize,
    ) -> Result<Vec<(ArticleRow, Cursor)>> {
        let mut rows = Vec::new();
        let mut skip = skip;
        let cursor_outlet = match after.map(|c| (&c.key, c.id)) {
            Some((CursorKey::Outlet { outlet, name, day }, id)) => Some((*outlet, name, day, id)),
            _ => None,
        };
        if let Some((outlet, _, day, id)) = cursor_outlet {
            // The rest of the cursor's outlet.
            let rest = |select: &'static str| {
                let mut sql = Sql::new(select);
                sql.push(" FROM articles a CROSS JOIN outlets o ON o.id = a.outlet_id");
                sql.bind(" WHERE a.outlet_id = ?", outlet);
                conditions(
                    &mut sql,
                    filter,
                    grade_outlets,
                    Purpose::Page(SortKey::Outlet),
                );
                sql.bind(" AND coalesce(a.published, '') <= ?", day.clone());
                sql.bind(" AND (coalesce(a.published, ''), a.id) < (?", day.clone());
                sql.bind(", ?)", id);
                sql
            };
            let left = query_count(&self.conn, &rest("SELECT count(*)"))?;
            let left = left as usize;
            if skip < left {
                let mut sql = rest(
                    "SELECT a.id, a.title, o.name, a.published, a.word_count, a.language, a.outlet_id, o.name, coalesce(a.published, '')",
                );
                sql.push(" ORDER BY coalesce(a.published, '') DESC, a.id DESC");
                sql.bind(" LIMIT ?", limit as i64);
                sql.bind(" OFFSET ?", skip as i64);
                rows = query_rows(&self.conn, &sql, outlet_cursor)?;
                skip = 0;
            } else {
                skip -= left;
            }
        }
        if rows.len() < limit {
            let mut sql = Sql::new(
                "SELECT a.id, a.title, o.name, a.published, a.word_count, a.language, a.outlet_id, o.name, coalesce(a.published, '')
                 FROM outlets o CROSS JOIN articles a ON a.outlet_id = o.id WHERE 1",
            );
            if let Some((_, name, _, _)) = cursor_outlet {
                sql.bind(
                    if order.descending {
                        " AND o.name < ?"
                    } else {
                        " AND o.name > ?"
                    },
                    name.clone(),
                );
            }
            if let Some(outlet) = filter.outlet {
                sql.bind(" AND o.id = ?", outlet);
            }
            conditions(
                &mut sql,
                &ArticleFilter {
                    outlet: None,
                    ..filter.clone()
                },
                grade_outlets,
                Purpose::Page(SortKey::Outlet),
            );
            sql.push(if order.descending {
                " ORDER BY o.name DESC, coalesce(a.published, '') DESC, a.id DESC"
            } else {
                " ORDER BY o.name, coalesce(a.published, '') DESC, a.id DESC"
            });
            sql.bind(" LIMIT ?", (limit - rows.len()) as i64);
            sql.bind(" OFFSET ?", skip as i64);
            rows.extend(query_rows(&self.conn, &sql, outlet_cursor)?);
        }
        Ok(rows)
    }

    /// How many articles the filter keeps.
    pub fn count_articles(&self, filter: &ArticleFilter) -> Result<u64> {
        let grade_outlets = self.grade_outlets(filter)?;
        if filter.is_empty() {
            // Without a WHERE, SQLite counts the smallest index's entries a page at a time.
            return query_count(&self.conn, &Sql::new("SELECT count(*) FROM articles"));
        }
        let mut sql = Sql::new("SELECT count(*) FROM articles a WHERE 1");
        conditions(&mut sql, filter, &grade_outlets, Purpose::Count);
        query_count(&self.conn, &sql)
    }

    /// Cursors every `every` rows of the listing: `anchors[k]` is the cursor row `(k + 1) * every`
    /// starts after. One pass over an index; `cancelled` is asked every few thousand rows, and
    /// `None` is returned when it says stop.
    pub fn article_anchors(
        &self,
        filter: &ArticleFilter,
        order: ArticleOrder,
        every: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<Option<Vec<Cursor>>> {
        let every = every.max(1);
        let grade_outlets = self.grade_outlets(filter)?;
        let mut anchors = Vec::new();
        let mut after: Option<Cursor> = None;
        loop {
            if cancelled() {
                return Ok(None);
            }
            // A page of one row, `every - 1` rows on: its cursor is the next anchor. Each step
            // seeks from the last anchor, so the whole pass reads the index once.
            let next = self.cursor_at(filter, &grade_outlets, order, after.as_ref(), every - 1)?;
            let Some(cursor) = next else {
                return Ok(Some(anchors));
            };
            anchors.push(cursor.clone());
            after = Some(cursor);
        }
    }

    /// Ranked full-text search (FTS5 syntax; plain words must all occur) under `filter`, best
    /// first, with snippets marking the matched words between `[` and `]`. See
    /// [`Library::search_ranked`] for how many matches are ranked.
    pub fn search_articles(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<Vec<super::SearchHit>> {
        Ok(self.search_ranked(query, filter, limit)?.hits)
    }

    /// Ranked full-text search, and whether the ranking was limited: when more than
    /// [`RANKED_AT_MOST`] articles match, only the most recently added that many are ranked
    /// (ranking costs a few microseconds a match, and words found in half a million articles
    /// would take seconds); the analyst is told, and narrows with more words or filters.
    pub fn search_ranked(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<SearchResults> {
        self.search_inner(query, filter, limit, true)
    }

    /// [`Library::search_ranked`] without the snippets (each is left empty): a snippet costs a
    /// fifth of a millisecond, so the Library view shows the ranked hits first and asks
    /// [`Library::snippets`] for theirs after.
    pub fn search_ranked_plain(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
    ) -> Result<SearchResults> {
        self.search_inner(query, filter, limit, false)
    }

    /// The snippets of `query` in the listed articles (matched words between `[` and `]`).
    pub fn snippets(&self, query: &str, ids: &[Id]) -> Result<Vec<(Id, String)>> {
        let fts_query = crate::text::fts_query(query);
        if fts_query.is_empty() || ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts
             WHERE articles_fts MATCH ?1 AND rowid IN (SELECT value FROM json_each(?2))",
        )?;
        let rows = stmt.query_map(params![fts_query, ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn search_inner(
        &self,
        query: &str,
        filter: &ArticleFilter,
        limit: usize,
        with_snippets: bool,
    ) -> Result<SearchResults> {
        let fts_query = crate::text::fts_query(query);
        if fts_query.is_empty() {
            return Ok(SearchResults::default());
        }
        let grade_outlets = self.grade_outlets(filter)?;
        // The oldest of the newest RANKED_AT_MOST matches, found by walking the matches newest
        // first without ranking them.
        let mut sql = Sql::new("SELECT articles_fts.rowid FROM articles_fts");
        if !filter.is_empty() {
            sql.push(" CROSS JOIN articles a ON a.id = articles_fts.rowid");
        }
        sql.bind(" WHERE articles_fts MATCH ?", fts_query.clone());
        conditions(&mut sql, filter, &grade_outlets, Purpose::Count);
        sql.bind(
            " ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?",
            (RANKED_AT_MOST - 1) as i64,
        );
        record_plan(&self.conn, &sql);
        let boundary: Option<Id> = self
            .conn
            .prepare_cached(&sql.text)?
            .query_row(params_from_iter(&sql.values), |r| r.get(0))
            .optional()?;

        let sql = if filter.is_empty() {
            // Ranked and cut to `limit` inside the full-text index; only the hits are joined.
            let mut sql = Sql::new(
                "SELECT a.id, a.title, o.name, a.published, f.snippet, f.rank
                 FROM (SELECT rowid, rank,",
            );
            sql.push(if with_snippets {
                " snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet FROM articles_fts"
            } else {
                " '' AS snippet FROM articles_fts"
            });
            sql.bind(" WHERE articles_fts MATCH ?", fts_query.clone());
            if let Some(boundary) = boundary {
                sql.bind(" AND rowid >= ?", boundary);
            }
            sql.bind(" ORDER BY rank LIMIT ?) f", limit as i64);
            sql.push(
                " CROSS JOIN articles a ON a.id = f.rowid
                  CROSS JOIN outlets o ON o.id = a.outlet_id
                  ORDER BY f.rank",
            );
            sql
        } else {
            let mut sql = Sql::new(if with_snippets {
                "SELECT a.id, a.title, o.name, a.published,
                        snippet(articles_fts, 1, '[', ']', '…', 12), articles_fts.rank"
            } else {
                "SELECT a.id, a.title, o.name, a.published, '', articles_fts.rank"
            });
            sql.push(
                " FROM articles_fts
                 CROSS JOIN articles a ON a.id = articles_fts.rowid
                 CROSS JOIN outlets o ON o.id = a.outlet_id",
            );
            sql.bind(" WHERE articles_fts MATCH ?", fts_query.clone());
            if let Some(boundary) = boundary {
                sql.bind(" AND articles_fts.rowid >= ?", boundary);
            }
            conditions(&mut sql, filter, &grade_outlets, Purpose::Count);
            sql.bind(" ORDER BY articles_fts.rank LIMIT ?", limit as i64);
            sql
        };
        record_plan(&self.conn, &sql);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let hits = stmt.query_map(params_from_iter(&sql.values), |r| {
            Ok(super::SearchHit {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
                date_source: None,
                snippet: r.get(4)?,
                rank: r.get(5)?,
                note: None,
            })
        })?;
        let mut hits: Vec<super::SearchHit> = hits.collect::<rusqlite::Result<_>>()?;
        self.add_note_hits(&fts_query, filter, &grade_outlets, limit, &mut hits)?;
        let ids: Vec<Id> = hits.iter().map(|h| h.id).collect();
        let sources = self.date_sources(&ids)?;
        for hit in &mut hits {
            hit.date_source = sources.get(&hit.id).cloned();
        }
        Ok(SearchResults {
            hits,
            ranked_among: boundary.map(|_| RANKED_AT_MOST),
        })
    }

    /// Adds the articles whose notes match to `hits`: a hit already there gets the note's
    /// snippet; an article found by its notes alone joins the hits at its note's rank. Notes
    /// are few next to articles, so this costs little beside the articles' search.
    fn add_note_hits(
        &self,
        fts_query: &str,
        filter: &ArticleFilter,
        grade_outlets: &Option<String>,
        limit: usize,
        hits: &mut Vec<super::SearchHit>,
    ) -> Result<()> {
        let mut sql = Sql::new(
            "SELECT a.id, a.title, o.name, a.published,
                    snippet(notes_fts, -1, '[', ']', '…', 12), notes_fts.rank
             FROM notes_fts
             CROSS JOIN notes n ON n.id = notes_fts.rowid
             CROSS JOIN articles a ON a.id = n.article_id
             CROSS JOIN outlets o ON o.id = a.outlet_id",
        );
        sql.bind(" WHERE notes_fts MATCH ?", fts_query.to_string());
        conditions(&mut sql, filter, grade_outlets, Purpose::Count);
        sql.bind(" ORDER BY notes_fts.rank LIMIT ?", limit as i64);
        record_plan(&self.conn, &sql);
        let mut stmt = self.conn.prepare_cached(&sql.text)?;
        let found = stmt.query_map(params_from_iter(&sql.values), |r| {
            Ok(super::SearchHit {
                id: r.get(0)?,
                title: r.get(1)?,
                outlet: r.get(2)?,
                published: r.get(3)?,
                date_source: None,
                snippet: String::new(),
                note: Some(r.get(4)?),
                rank: r.get(5)?,
            })
        })?;
        for hit in found {
            let hit = hit?;
            match hits.iter_mut().find(|h| h.id == hit.id) {
                Some(h) => {
                    if h.note.is_none() {
                        h.note = hit.note;
                    }
                }
                None => hits.push(hit),
            }
        }
        hits.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        hits.truncate(limit);
        Ok(())
    }

    /// The languages the library's articles are in, by code. Each is found by one index seek
    /// from the last, so a million articles in four languages cost four seeks.
    pub fn languages(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE l(code) AS (
                 SELECT min(language) FROM articles
                 UNION ALL
                 SELECT (SELECT min(language) FROM articles WHERE language > l.code)
                 FROM l WHERE l.code IS NOT NULL)
             SELECT code FROM l WHERE code IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every outlet's id and name, by name: what an outlet picker offers.
    pub fn outlet_names(&self) -> Result<Vec<(Id, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM outlets ORDER BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The outlets a grade filter keeps, as a JSON array of ids for `json_each`.
    fn grade_outlets(&self, filter: &ArticleFilter) -> Result<Option<String>> {
        let Some(wanted) = filter.grade else {
            return Ok(None);
        };
        let grades = self.current_grades()?;
        let combined = |id: &Id| {
            grades.get(id).and_then(|ratings| {
                let grades: Vec<Grade> =
                    ratings.iter().filter_map(|(_, g)| g.parse().ok()).collect();
                crate::ratings::combined_grade(&grades)
            })
        };
        let ids: Vec<Id> = match wanted {
            GradeFilter::Grade(grade) => grades
                .keys()
                .filter(|id| combined(id) == Some(grade))
                .copied()
                .collect(),
            GradeFilter::Unrated => self
                .outlet_names()?
                .into_iter()
                .map(|(id, _)| id)
                .filter(|id| combined(id).is_none())
                .collect(),
        };
        Ok(Some(
            serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into()),
        ))
    }

    /// The query plans (`EXPLAIN QUERY PLAN`) of every query the Library view makes, each with
    /// its SQL: what tests check for full scans and sorts. Runs each query once.
    #[doc(hidden)]
    pub fn browse_query_plans(&self) -> Result<Plans> {
        RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
        let result = self.run_every_browse_query();
        let plans = RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default();
        result.map(|()| plans)
    }

    fn run_every_browse_query(&self) -> Result<()> {
        let outlet = self.outlet_names()?.first().map(|(id, _)| *id);
        let filters = [
            ArticleFilter::default(),
            ArticleFilter {
                outlet,
                ..ArticleFilter::default()
            },
            ArticleFilter {
                language: Some("en".into()),
                ..ArticleFilter::default()
            },
            ArticleFilter {
                from: Some("2025-03".into()),
                to: Some("2025-04".into()),
                ..ArticleFilter::default()
            },
            ArticleFilter {
                to: Some("2025-04".into()),
                ..ArticleFilter::default()
            },
            ArticleFilter {
                incident: Some(1),
                ..ArticleFilter::default()
            },
            ArticleFilter {
                grade: Some(GradeFilter::Grade(Grade::B)),
                ..ArticleFilter::default()
            },
            ArticleFilter {
                tag: Some(1),
                ..ArticleFilter::default()
            },
            ArticleFilter {
                collection: Some(1),
                ..ArticleFilter::default()
            },
        ];
        for filter in &filters {
            self.count_articles(filter)?;
            self.search_articles("killed people", filter, 100)?;
            for key in [
                SortKey::Published,
                SortKey::Outlet,
                SortKey::Title,
                SortKey::Words,
            ] {
                for descending in [false, true] {
                    let order = ArticleOrder { key, descending };
                    let first = self.article_page(filter, order, None, 0, 2)?;
                    let after = first.last().map(|(_, c)| c.clone());
                    self.article_page(filter, order, after.as_ref(), 0, 50)?;
                    self.article_page(filter, order, after.as_ref(), 500, 50)?;
                }
            }
        }
        Ok(())
    }
}

/// Each query's SQL and the lines of its plan.
type Plans = Vec<(String, Vec<String>)>;

thread_local! {
    /// While `browse_query_plans` runs: the plan of each query, with its SQL.
    static RECORDED: std::cell::RefCell<Option<Plans>> =
        const { std::cell::RefCell::new(None) };
}

/// Records the query plan of `sql` when `browse_query_plans` asked for plans.
fn record_plan(conn: &Connection, sql: &Sql) {
    if RECORDED.with(|r| r.borrow().is_none()) {
        return;
    }
    let plan = crate::library::query_plan(conn, &sql.text, &sql.values)
        .unwrap_or_else(|e| vec![format!("EXPLAIN failed: {e}")]);
    RECORDED.with(|r| {
        if let Some(plans) = r.borrow_mut().as_mut() {
            plans.push((sql.text.clone(), plan));
        }
    });
}

fn query_count(conn: &Connection, sql: &Sql) -> Result<u64> {
    record_plan(conn, sql);
    let n: i64 = conn
        .prepare_cached(&sql.text)?
        .query_row(params_from_iter(&sql.values), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Appends the filter's conditions, in the form that suits `purpose`.
fn conditions(
    sql: &mut Sql,
    filter: &ArticleFilter,
    grade_outlets: &Option<String>,
    purpose: Purpose,
) {
    let sorted_by = match purpose {
        Purpose::Page(key) => Some(key),
        Purpose::Count => None,
    };
    if let Some(outlet) = filter.outlet {
        sql.bind(" AND a.outlet_id = ?", outlet);
    }
    if let Some(language) = &filter.language {
        // Languages are few and large: a page sorted by something else reads its sort index and
        // checks the language (unary + keeps SQLite off the language index and its sort).
        sql.bind(
            match sorted_by {
                None | Some(SortKey::Published) => " AND a.language = ?",
                _ => " AND +a.language = ?",
            },
            language.clone(),
        );
    }
    // A page sorted by something else than the date checks the dates row by row (unary +):
    // a date range may hold most of the library, and sorting it for each page would not do.
    let by_date_index = matches!(sorted_by, None | Some(SortKey::Published));
    if let Some(from) = &filter.from {
        sql.bind(
            if by_date_index {
                " AND coalesce(a.published, '') >= ?"
            } else {
                " AND +coalesce(a.published, '') >= ?"
            },
            from.clone(),
        );
    }
    if let Some(to) = &filter.to {
        if filter.from.is_none() {
            sql.push(if by_date_index {
                " AND coalesce(a.published, '') > ''"
            } else {
                " AND +coalesce(a.published, '') > ''"
            });
        }
        sql.bind(
            if by_date_index {
                " AND coalesce(a.published, '') <= ?"
            } else {
                " AND +coalesce(a.published, '') <= ?"
            },
            format!("{to}{DATE_END}"),
        );
    }
    if let Some(incident) = filter.incident {
        sql.bind(
            " AND a.id IN (SELECT article_id FROM incident_articles WHERE incident_id = ?)",
            incident,
        );
    }
    if let Some(tag) = filter.tag {
        sql.bind(
            " AND a.id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)",
            tag,
        );
    }
    if let Some(collection) = filter.collection {
        sql.bind(
            " AND a.id IN (SELECT article_id FROM collection_articles WHERE collection_id = ?)",
            collection,
        );
    }
    if let Some(outlets) = grade_outlets {
        sql.bind(
            match sorted_by {
                None => " AND a.outlet_id IN (SELECT value FROM json_each(?))",
                Some(_) => " AND +a.outlet_id IN (SELECT value FROM json_each(?))",
            },
            outlets.clone(),
        );
    }
}

/// Runs a page query whose first six columns make an [`ArticleRow`]; `cursor` reads the rest.
fn query_rows(
    conn: &Connection,
    sql: &Sql,
    cursor: impl Fn(&rusqlite::Row, &ArticleRow) -> rusqlite::Result<Cursor>,
) -> Result<Vec<(ArticleRow, Cursor)>> {
    record_plan(conn, sql);
    let mut stmt = conn.prepare_cached(&sql.text)?;
    let rows = stmt.query_map(params_from_iter(&sql.values), |r| {
        let row = super::article_row(r)?;
        let cursor = cursor(r, &row)?;
        Ok((row, cursor))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The sort key of `key` in column `at`.
fn key_of(key: SortKey, r: &rusqlite::Row, at: usize) -> rusqlite::Result<CursorKey> {
    Ok(match key {
        SortKey::Words => CursorKey::Int(r.get(at)?),
        _ => CursorKey::Text(r.get(at)?),
    })
}

fn outlet_cursor(r: &rusqlite::Row, row: &ArticleRow) -> rusqlite::Result<Cursor> {
    Ok(Cursor {
        key: CursorKey::Outlet {
            outlet: r.get(6)?,
            name: r.get(7)?,
            day: r.get(8)?,
        },
        id: row.id,
    })
}
