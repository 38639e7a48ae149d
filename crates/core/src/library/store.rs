//! The import write path: outlets resolved or created, articles and their removed spans inserted,
//! problems recorded. Runs inside the caller's transaction with cached prepared statements.
//! [`ImportWriter`] keeps one transaction open across an import's batches, a chunk at a time.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::clock;
use crate::error::Result;
use crate::model::{Id, ImportProblem};

/// A parsed, cleaned article ready to be stored.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    pub outlet: String,
    /// Nothing stated the outlet: `outlet` is the name of the folder the file was in, and the
    /// writer decides: the library's outlet of that name (or alias) if it has one, else
    /// [`UNKNOWN_OUTLET`].
    pub outlet_is_guess: bool,
    pub title: String,
    pub body: String,
    pub full_text: String,
    /// The decoded source, when it differs from `full_text`.
    pub raw: Option<String>,
    /// What cleaning cut: byte ranges of `full_text` with their reasons.
    pub removed: Vec<(usize, usize, String)>,
    /// What cleaning suspected but kept in the body, with its reason: stored as restored spans,
    /// so the analyst sees them marked and can cut them.
    pub kept: Vec<(usize, usize, String)>,
    pub source_path: String,
    pub content_hash: String,
    pub text_hash: String,
    pub published: Option<String>,
    /// Where `published` came from: `metadata`, `address`, `dateline` or `text` (db/0012). A
    /// date without one is stored as found in the text (a guess); no date is stored as `none`.
    pub date_source: Option<&'static str>,
    /// Where `title` came from: `metadata`, `heading` or `text` (db/0013); `None`: not recorded.
    pub title_source: Option<&'static str>,
    /// Where `outlet` came from (db/0013): `metadata`, `sidecar`, `import`, `first line`,
    /// `registry` or `address`; for a guess the writer records `folder` or `none`.
    pub outlet_source: Option<&'static str>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub encoding: Option<String>,
    pub format: &'static str,
    pub word_count: usize,
}

/// The outlet of articles whose outlet nothing states: the analyst assigns them.
pub const UNKNOWN_OUTLET: &str = "Unknown outlet";

/// What storing one chunk did.
#[derive(Debug, Clone, Default)]
pub struct StoreOutcome {
    /// For each stored article: its index in the chunk and its new id.
    pub stored: Vec<(usize, Id)>,
    /// For each article whose outlet the writer decided, by its index: that outlet.
    pub outlets_decided: HashMap<usize, String>,
    /// Indices of articles already in the library (same content hash).
    pub duplicates: Vec<usize>,
}

pub(super) fn store_chunk(
    tx: &Connection,
    batch: Id,
    articles: &[NewArticle],
    problems: &[ImportProblem],
) -> Result<StoreOutcome> {
    let mut outcome = StoreOutcome::default();
    let mut outlets: HashMap<String, Id> = HashMap::new();
    let mut added: HashMap<Id, i64> = HashMap::new();
    // The import time, read once for the chunk rather than by the column's default for each row.
    let now = clock::now();
    // The host of each article's address, and the outlets' hosts (db/0017), which a library of
    // an older schema (see `pending_table` below) does not have yet.
    let hosts_table: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outlet_hosts')",
        [],
        |r| r.get(0),
    )?;
    let mut insert = tx.prepare_cached(if hosts_table {
        "INSERT INTO articles(outlet_id, published, published_source, word_count, language, encoding,
                              format, batch_id, content_hash, text_hash, source_path, url, author,
                              title, body, imported_at, text_head, text_tail, title_source,
                              outlet_source, host)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21)
         ON CONFLICT (content_hash) DO NOTHING"
    } else {
        "INSERT INTO articles(outlet_id, published, published_source, word_count, language, encoding,
                              format, batch_id, content_hash, text_hash, source_path, url, author,
                              title, body, imported_at, text_head, text_tail, title_source,
                              outlet_source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20)
         ON CONFLICT (content_hash) DO NOTHING"
    })?;
    let mut hosts: HashMap<(Id, String), i64> = HashMap::new();
    // An article already here by its identity, or the same file's same text stored by an
    // earlier version that read its title, date or outlet otherwise: re-importing a folder after
    // an upgrade adds nothing and makes no outlet. Checked before the outlet is resolved.
    let mut present = tx.prepare_cached(
        "SELECT 1 FROM articles WHERE content_hash = ?1
         UNION ALL
         SELECT 1 FROM articles WHERE text_hash = ?2 AND source_path = ?3
         LIMIT 1",
    )?;
    let mut insert_fts =
        tx.prepare_cached("INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)")?;
    // Linking analyses it at its next run (db/0015). A library of an older schema (which the
    // migration tests fill with this code before migrating) has no such table yet; the migration
    // then marks every article pending.
    let pending_table: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'link_pending')",
        [],
        |r| r.get(0),
    )?;
    let mut pending = pending_table
        .then(|| tx.prepare_cached("INSERT INTO link_pending(article_id) VALUES (?1)"))
        .transpose()?;
    let mut insert_text = tx.prepare_cached(
        "INSERT INTO article_texts(article_id, full_text, raw) VALUES (?1, ?2, ?3)",
    )?;
    let mut insert_span = tx.prepare_cached(
        "INSERT INTO removed_spans(article_id, start, end, reason, restored)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // Outlets by the name an article gives; for articles whose outlet nothing states, by their
    // folder's name, with the outlet that name was found to mean.
    let mut decided: HashMap<String, (Id, String)> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        if present.exists(params![
            article.content_hash,
            article.text_hash,
            article.source_path
        ])? {
            outcome.duplicates.push(index);
            continue;
        }
        let mut outlet_source = article.outlet_source;
        let outlet_id = if article.outlet_is_guess {
            let (id, name) = match decided.get(&article.outlet) {
                Some(known) => known.clone(),
                None => {
                    // A folder named like an outlet the library has (or an alias of one) is
                    // taken as that outlet; any other folder's name says nothing of the outlet.
                    let known = match find_outlet(tx, &article.outlet)? {
                        Some(id) => (id, article.outlet.clone()),
                        None => (
                            resolve_outlet(tx, UNKNOWN_OUTLET, true)?,
                            UNKNOWN_OUTLET.to_string(),
                        ),
                    };
                    decided.insert(article.outlet.clone(), known.clone());
                    known
                }
            };
            outlet_source = Some(if name == UNKNOWN_OUTLET {
                "none"
            } else {
                "folder"
            });
            outcome.outlets_decided.insert(index, name);
            id
        } else {
            match outlets.get(&article.outlet) {
                Some(id) => *id,
                None => {
                    let id = resolve_outlet(tx, &article.outlet, false)?;
                    outlets.insert(article.outlet.clone(), id);
                    id
                }
            }
        };
        // The full text as the text around the body where it is that (db/0010), else a row of
        // its own with the decoded source.
        let around = match article.raw {
            None => crate::text::around(&article.full_text, &article.body),
            Some(_) => None,
        };
        let (head, tail) = around.unzip();
        let host = article.url.as_deref().and_then(crate::text::site_of);
        let values = params![
            outlet_id,
            article.published,
            date_source(article),
            article.word_count as i64,
            article.language,
            article.encoding,
            article.format,
            batch,
            article.content_hash,
            article.text_hash,
            article.source_path,
            article.url,
            article.author,
            article.title,
            article.body,
            now,
            head,
            tail,
            article.title_source,
            outlet_source,
            host,
        ];
        let inserted = if hosts_table {
            insert.execute(values)?
        } else {
            insert.execute(&values[..20])?
        };
        if inserted == 0 {
            outcome.duplicates.push(index);
            continue;
        }
        let id = tx.last_insert_rowid();
        insert_fts.execute(params![id, article.title, article.body])?;
        if let Some(pending) = pending.as_mut() {
            pending.execute([id])?;
        }
        if around.is_none() {
            insert_text.execute(params![id, article.full_text, article.raw])?;
        }
        for (start, end, reason) in &article.removed {
            insert_span.execute(params![id, *start as i64, *end as i64, reason, false])?;
        }
        for (start, end, reason) in &article.kept {
            insert_span.execute(params![id, *start as i64, *end as i64, reason, true])?;
        }
        outcome.stored.push((index, id));
        *added.entry(outlet_id).or_default() += 1;
        if let Some(host) = host.filter(|_| hosts_table) {
            *hosts.entry((outlet_id, host)).or_default() += 1;
        }
    }
    add_outlet_hosts(tx, &hosts)?;
    // Outlets' article counts (db/0006): once per outlet and chunk, not a trigger per article.
    let mut count =
        tx.prepare_cached("UPDATE outlets SET article_count = article_count + ?2 WHERE id = ?1")?;
    for (outlet, n) in added {
        count.execute(params![outlet, n])?;
    }
    let mut insert_problem = tx.prepare_cached(
        "INSERT INTO import_problems(batch_id, path, reason) VALUES (?1, ?2, ?3)",
    )?;
    for problem in problems {
        insert_problem.execute(params![batch, problem.path, problem.reason])?;
    }
    tx.execute(
        "UPDATE import_batches SET imported = imported + ?2,
                                   skipped_duplicates = skipped_duplicates + ?3
         WHERE id = ?1",
        params![
            batch,
            outcome.stored.len() as i64,
            outcome.duplicates.len() as i64
        ],
    )?;
    Ok(outcome)
}

/// Adds articles' hosts to their outlets' (db/0017): once per outlet, host and chunk.
pub(super) fn add_outlet_hosts(tx: &Connection, hosts: &HashMap<(Id, String), i64>) -> Result<()> {
    if hosts.is_empty() {
        return Ok(());
    }
    let mut add = tx.prepare_cached(
        "INSERT INTO outlet_hosts(outlet_id, host, articles) VALUES (?1, ?2, ?3)
         ON CONFLICT(outlet_id, host) DO UPDATE SET articles = articles + excluded.articles",
    )?;
    for ((outlet, host), n) in hosts {
        add.execute(params![outlet, host, n])?;
    }
    Ok(())
}

/// What `articles.published_source` says of a new article's date: its source, `text` for a date
/// of unknown source (the least trusted), `none` for no date.
fn date_source(article: &NewArticle) -> &'static str {
    match (&article.published, article.date_source) {
        (None, _) => "none",
        (Some(_), Some(source)) => source,
        (Some(_), None) => "text",
    }
}

/// The id of the outlet called `name` or with that alias.
pub(super) fn find_outlet(conn: &rusqlite::Connection, name: &str) -> Result<Option<Id>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM outlets WHERE name = ?1
             UNION ALL SELECT outlet_id FROM outlet_aliases WHERE alias = ?1 LIMIT 1",
        )?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// The id of the outlet called `name` (or with that alias), created if there is none.
pub(super) fn resolve_outlet(tx: &Connection, name: &str, is_guess: bool) -> Result<Id> {
    if let Some(id) = find_outlet(tx, name)? {
        return Ok(id);
    }
    tx.prepare_cached("INSERT INTO outlets(name, name_is_guess, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![name, is_guess, clock::now()])?;
    Ok(tx.last_insert_rowid())
}

/// The import's write side: stores parsed batches as they arrive, a transaction per chunk of about
/// `chunk` articles, so the importer can store while later files are still being parsed and each
/// chunk is still all or nothing. The transaction is begun and committed with explicit statements
/// because it spans calls; dropped with a chunk open (an error, a panic), the writer rolls it back.
pub struct ImportWriter<'a> {
    conn: &'a mut Connection,
    batch: Id,
    chunk: usize,
    in_chunk: usize,
}

impl<'a> ImportWriter<'a> {
    pub(super) fn new(conn: &'a mut Connection, batch: Id, chunk: usize) -> Self {
        Self {
            conn,
            batch,
            chunk: chunk.max(1),
            in_chunk: 0,
        }
    }

    /// Stores parsed articles and problems in the open chunk (beginning one if none is open), and
    /// commits the chunk once it holds `chunk` articles.
    pub fn store(
        &mut self,
        articles: &[NewArticle],
        problems: &[ImportProblem],
    ) -> Result<StoreOutcome> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        let outcome = store_chunk(self.conn, self.batch, articles, problems)?;
        self.in_chunk += articles.len();
        if self.in_chunk >= self.chunk {
            self.commit()?;
        }
        Ok(outcome)
    }

    /// Commits the open chunk, if any: everything stored so far is in the library.
    pub fn commit(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        self.in_chunk = 0;
        Ok(())
    }
}

impl Drop for ImportWriter<'_> {
    fn drop(&mut self) {
        if !self.conn.is_autocommit() {
            // Nothing of an unfinished chunk stays; there is no one to tell if this fails, and
            // SQLite rolls back an open transaction when the connection closes anyway.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}
