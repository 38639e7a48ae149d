//! Storage: the library file. Opening and migrating it, every query the views and commands make,
//! and every write, each in a transaction. Only this module knows SQL.

mod axes;
pub mod backup;
mod browse;
pub mod clock;
mod corrections;
mod disagreements;
mod exchange;
mod incidents;
mod links;
pub mod lock;
mod migrations;
mod notes;
mod outlets;
mod ratings;
mod references;
mod reports;
mod store;
pub mod synth;
mod trash;
mod undo;
pub mod world;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

pub use axes::{ExportedAxis, ExportedAxisValue};
pub use browse::{
    ArticleFilter, ArticleOrder, Cursor, GradeFilter, RANKED_AT_MOST, SearchResults, SortKey,
};
pub use disagreements::ExportedResolution;
pub use exchange::{
    ExportedAssessment, ExportedCollection, ExportedNote, ExportedRating, ExportedTag,
    ExportedTarget, RATINGS_FORMAT, RATINGS_VERSION, RatingsFile, RatingsImport, WorkingImport,
};
pub use incidents::{Decision, SAME_INCIDENT};
pub use links::{LinkPair, LinkRun, LinkState, LinkText, NewSuggestion, SuggestionsUpdate};
pub use migrations::{MIGRATIONS, latest_version};
pub use notes::{Collection, NewNote, Note, NoteHit, SavedFilter, TagSummary, tag_name};
pub use ratings::{AgreedGrade, Assessment};
pub use references::{
    ColumnRole, EntryKey, ExportedHandMatch, ExportedReferenceList, HandMatch, NewReferenceEntry,
    NewReferenceList, ReferenceColumn, ReferenceEntry, ReferenceEvidence, ReferenceList,
};
pub use reports::{ArticleProvenance, CurrentRating, ReportSource};
pub use store::{ImportWriter, NewArticle, StoreOutcome, UNKNOWN_OUTLET};
pub use trash::{Restored, TrashEntry};
pub use undo::Undo;

use crate::error::{Error, Result};
use crate::model::{
    Article, ArticleRow, Id, ImportBatch, ImportProblem, IncidentSummary, LibraryCounts,
    OutletSummary, RemovedSpan,
};
use crate::ratings::Grade;

/// An article's table row from a query whose first six columns are id, title, outlet name,
/// published, word count, language.
fn article_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        published: r.get(3)?,
        word_count: r.get(4)?,
        language: r.get(5)?,
        date_source: None,
    })
}

/// The file name of the default library in the platform's data folder.
pub const DEFAULT_FILE_NAME: &str = "library.sqlite";

/// The default library: `library.sqlite` in the platform's data folder
/// (`~/.local/share/triangulate` on Linux, `~/Library/Application Support/org.triangulate.Triangulate`
/// on macOS, `%APPDATA%\triangulate\Triangulate\data` on Windows).
pub fn default_library_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("org", "triangulate", "Triangulate").ok_or_else(|| {
            Error::Invalid(
                "no home folder found to keep the library in; pass --library PATH".into(),
            )
        })?;
    Ok(dirs.data_dir().join(DEFAULT_FILE_NAME))
}

/// An open library: one SQLite file, migrated to this build's schema.
pub struct Library {
    conn: Connection,
    path: PathBuf,
    /// The writer's lock ([`lock`]); `None` when opened read-only.
    _lock: Option<std::sync::Arc<lock::WriterLock>>,
    /// Why the library is read-only, when it is.
    read_only: Option<String>,
}

/// What `check` found. The library is sound when `problems` is empty.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CheckReport {
    pub schema_version: u32,
    pub articles: i64,
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Which articles a listing shows, and in what order.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery {
    pub outlet: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// A ranked full-text hit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchHit {
    pub id: Id,
    pub title: String,
    pub outlet: String,
    pub published: Option<String>,
    /// Where the date came from, as [`ArticleRow::date_source`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    /// Text around the match, with the matched words between `[` and `]`.
    pub snippet: String,
    pub rank: f64,
    /// When the analyst's notes on the article match: the best note's words around the match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// A page of the incidents list (text filter, limit, offset): one walk of `incidents_day`, and
/// the counts read for the page's incidents only.
const INCIDENT_PAGE: &str = "SELECT i.id, i.title, i.date, i.place,
        (SELECT count(*) FROM incident_articles ia WHERE ia.incident_id = i.id),
        (SELECT count(DISTINCT a.outlet_id) FROM incident_articles ia
         JOIN articles a ON a.id = ia.article_id WHERE ia.incident_id = i.id),
        (SELECT json_group_array(name) FROM
            (SELECT t.name FROM incident_tags x JOIN tags t ON t.id = x.tag_id
             WHERE x.incident_id = i.id ORDER BY t.name))
 FROM incidents i
 WHERE (?1 = '' OR instr(lower(i.title), lower(?1)) OR instr(lower(coalesce(i.place, '')), lower(?1)))
   AND (?4 IS NULL OR i.id IN (SELECT incident_id FROM incident_tags WHERE tag_id = ?4))
 ORDER BY coalesce(i.date, '') DESC, i.id DESC
 LIMIT ?2 OFFSET ?3";

const COUNT_INCIDENTS: &str = "SELECT count(*) FROM incidents i
 WHERE (?1 = '' OR instr(lower(i.title), lower(?1)) OR instr(lower(coalesce(i.place, '')), lower(?1)))
   AND (?2 IS NULL OR i.id IN (SELECT incident_id FROM incident_tags WHERE tag_id = ?2))";

/// Outlets by name with their article counts (kept by the import and triggers: `db/0006`).
const OUTLET_LIST: &str =
    "SELECT o.id, o.name, o.name_is_guess, o.article_count FROM outlets o ORDER BY o.name";

impl Library {
    /// Opens the library at `path`, creating it if it does not exist, and brings its schema up to
    /// date. A file that is not a library, is truncated, or is newer than this build is left untouched.
    pub fn open(path: impl AsRef<Path>) -> Result<Library> {
        Self::open_at_version(path, latest_version())
    }

    /// Opens (or creates) a library migrated only up to `version`: how tests make a library as
    /// an older build would have left it.
    #[doc(hidden)]
    pub fn open_at_version(path: impl AsRef<Path>, version: u32) -> Result<Library> {
        let path = path.as_ref().to_path_buf();
        preflight(&path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let lock = lock::acquire(&path)?;
        let mut conn = Connection::open(&path).map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        let found = migrations::current_version(&conn)
            .map_err(|_| Error::NotALibrary { path: path.clone() })?;
        if found > latest_version() {
            return Err(Error::TooNew {
                path,
                found,
                known: latest_version(),
            });
        }
        configure(&conn)?;
        if found >= 1 && found < version {
            // A migration changes the whole file: keep it as it was first.
            let dest = backup::backup_name(&path, &format!("before-schema-{version}"));
            backup::backup_connection(&conn, &path, &dest, &crate::jobs::Progress::new())?;
        }
        migrations::migrate_to(&mut conn, version)?;
        Ok(Library {
            conn,
            path,
            _lock: Some(lock),
            read_only: None,
        })
    }

    /// Opens the library for writing or, when another process is writing it, for reading only
    /// ([`Library::read_only`] then says why): how the app and the reading commands open one.
    pub fn open_or_read_only(path: impl AsRef<Path>) -> Result<Library> {
        match Self::open(path.as_ref()) {
            Err(in_use @ Error::InUse { .. }) => {
                let mut library = Self::open_read_only(path.as_ref())?;
                library.read_only = Some(in_use.to_string());
                Ok(library)
            }
            other => other,
        }
    }

    /// Why the library is open read-only, or `None` when it can be written.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Opens an existing library for reading only: background readers and a second instance.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Library> {
        let path = path.as_ref().to_path_buf();
        preflight(&path)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Open {
            path: path.clone(),
            source,
        })?;
        let found = migrations::current_version(&conn)
            .map_err(|_| Error::NotALibrary { path: path.clone() })?;
        if found != latest_version() {
            return Err(Error::Invalid(format!(
                "{} has schema {found}, this build needs {}; open it for writing first",
                path.display(),
                latest_version()
            )));
        }
        Ok(Library {
            conn,
            path,
            _lock: None,
            read_only: Some("opened for reading".into()),
        })
    }

    /// The library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Puts back what an edit changed, in one transaction. Undoing edits in the reverse order
    /// they were made restores the incidents and suggestions exactly.
    pub fn undo(&mut self, undo: &Undo) -> Result<()> {
        if let Some(entry) = undo.trash {
            self.restore_trash(entry)?;
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        undo::apply(&tx, undo)?;
        tx.commit()?;
        Ok(())
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u32> {
        migrations::current_version(&self.conn)
    }

    /// Counts shown in the status bar.
    pub fn counts(&self) -> Result<LibraryCounts> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(LibraryCounts {
            articles: count("SELECT count(*) FROM articles")?,
            outlets: count("SELECT count(*) FROM outlets")?,
            incidents: count("SELECT count(*) FROM incidents")?,
            suggestions: count("SELECT count(*) FROM suggestions WHERE status = 'suggested'")?,
            problems: count("SELECT count(*) FROM import_problems")?,
        })
    }

    /// Articles, newest first (undated last), optionally of one outlet (by name or alias; none
    /// when there is no such outlet). Read a page at a time by keyset, so `offset` and `limit`
    /// cost what they return, not what they skip.
    pub fn articles(&self, query: &ArticleQuery) -> Result<Vec<ArticleRow>> {
        let outlet = match &query.outlet {
            Some(name) => match self.outlet_id(name)? {
                Some(id) => Some(id),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let filter = ArticleFilter {
            outlet,
            ..ArticleFilter::default()
        };
        let order = ArticleOrder::default();
        let wanted = query.limit.unwrap_or(usize::MAX);
        let mut out = Vec::new();
        let mut after: Option<Cursor> = None;
        let mut skip = query.offset;
        while out.len() < wanted {
            let page = 1_000.min(wanted - out.len());
            let rows = self.article_page(&filter, order, after.as_ref(), skip, page)?;
            skip = 0;
            let done = rows.len() < page;
            after = rows.last().map(|(_, c)| c.clone());
            out.extend(rows.into_iter().map(|(row, _)| row));
            if done {
                break;
            }
        }
        Ok(out)
    }

    /// One article with its texts and removed spans; `None` when there is no such article.
    pub fn article(&self, id: Id) -> Result<Option<Article>> {
        let article = self
            .conn
            .query_row(
                "SELECT a.id, a.title, o.name, o.name_is_guess, a.published, a.published_source,
                        a.language, a.encoding, a.format, a.author, a.url, a.source_path,
                        a.content_hash, a.imported_at, a.word_count, a.body, t.full_text,
                        coalesce(t.raw, t.full_text), a.title_source, a.outlet_source
                 FROM articles a
                 JOIN outlets o ON o.id = a.outlet_id
                 JOIN article_full_texts t ON t.article_id = a.id
                 WHERE a.id = ?1",
                [id],
                |r| {
                    Ok(Article {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        outlet: r.get(2)?,
                        outlet_is_guess: r.get(3)?,
                        published: r.get(4)?,
                        date_source: r
                            .get::<_, Option<String>>(5)?
                            .filter(|source| source != "none"),
                        language: r.get(6)?,
                        encoding: r.get(7)?,
                        format: r.get(8)?,
                        author: r.get(9)?,
                        url: r.get(10)?,
                        source_path: r.get(11)?,
                        content_hash: r.get(12)?,
                        imported_at: r.get(13)?,
                        word_count: r.get(14)?,
                        body: r.get(15)?,
                        full_text: r.get(16)?,
                        raw: r.get(17)?,
                        title_source: r.get(18)?,
                        outlet_source: r.get(19)?,
                        removed: Vec::new(),
                        corrections: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut article) = article else {
            return Ok(None);
        };
        article.removed = self.removed_spans(id, &article.full_text)?;
        article.corrections = corrections::corrections(&self.conn, id)?;
        Ok(Some(article))
    }

    fn removed_spans(&self, article: Id, full_text: &str) -> Result<Vec<RemovedSpan>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, start, end, reason, restored FROM removed_spans
             WHERE article_id = ?1 ORDER BY start",
        )?;
        let spans = stmt.query_map([article], |r| {
            let start: i64 = r.get(1)?;
            let end: i64 = r.get(2)?;
            Ok((
                r.get::<_, Id>(0)?,
                start,
                end,
                r.get::<_, String>(3)?,
                r.get(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for span in spans {
            let (id, start, end, reason, restored) = span?;
            let (start, end) = (start.max(0) as usize, end.max(0) as usize);
            out.push(RemovedSpan {
                id,
                start,
                end,
                reason,
                text: full_text.get(start..end).unwrap_or_default().to_string(),
                restored,
            });
        }
        Ok(out)
    }

    /// Puts a removed span back into the article's body (or cuts it again), in one transaction.
    pub fn set_span_restored(&mut self, span: Id, restored: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        let article: Id = tx
            .query_row(
                "SELECT article_id FROM removed_spans WHERE id = ?1",
                [span],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no removed span {span}")))?;
        tx.execute(
            "UPDATE removed_spans SET restored = ?2 WHERE id = ?1",
            params![span, restored],
        )?;
        // An article whose full text is kept as the text around its body (db/0010) gets it as a
        // row of its own before the body changes.
        tx.execute(
            "INSERT INTO article_texts(article_id, full_text)
             SELECT id, text_head || body || text_tail FROM articles
             WHERE id = ?1 AND text_head IS NOT NULL AND text_tail IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM article_texts WHERE article_id = ?1)",
            [article],
        )?;
        tx.execute(
            "UPDATE articles SET text_head = NULL, text_tail = NULL WHERE id = ?1",
            [article],
        )?;
        let full_text: String = tx.query_row(
            "SELECT full_text FROM article_texts WHERE article_id = ?1",
            [article],
            |r| r.get(0),
        )?;
        let cuts = {
            let mut stmt = tx.prepare(
                "SELECT start, end FROM removed_spans WHERE article_id = ?1 AND restored = 0",
            )?;
            let rows = stmt.query_map([article], |r| {
                Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let body = crate::text::cut_spans(&full_text, &cuts);
        tx.execute(
            "UPDATE articles SET body = ?2, word_count = ?3 WHERE id = ?1",
            params![article, body, crate::text::word_count(&body) as i64],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Ranked full-text search over titles and cleaned bodies. The query uses FTS5 syntax; plain
    /// words match all of them, in any order.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_articles(query, &ArticleFilter::default(), limit)
    }

    /// Every outlet with its aliases, article count, each analyst's current grade and the signals
    /// computed from the whole library (seconds on a million articles: for the command line).
    pub fn outlets(&self) -> Result<Vec<OutletSummary>> {
        self.outlet_summaries(true)
    }

    /// Every outlet with its aliases, article count and each analyst's current grade, without
    /// the signals but the article count (which need the whole library read): what the Outlets
    /// view lists. Its page asks [`Library::outlet_signals`] for the one outlet shown.
    pub fn outlet_list(&self) -> Result<Vec<OutletSummary>> {
        self.outlet_summaries(false)
    }

    /// The signals of one outlet, read through its own articles only.
    pub fn outlet_signals(&self, outlet: Id) -> Result<crate::model::OutletSignals> {
        let count = |sql: &str| -> Result<i64> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row([outlet], |r| r.get(0))?)
        };
        Ok(crate::model::OutletSignals {
            articles: count("SELECT count(*) FROM articles WHERE outlet_id = ?1")?,
            incidents: count(
                "SELECT count(DISTINCT ia.incident_id) FROM articles a
                 JOIN incident_articles ia ON ia.article_id = a.id WHERE a.outlet_id = ?1",
            )?,
            first_to_report: count(
                "SELECT count(*) FROM (SELECT DISTINCT ia.incident_id AS incident FROM articles a
                                       JOIN incident_articles ia ON ia.article_id = a.id
                                       WHERE a.outlet_id = ?1) x
                 WHERE (SELECT b.outlet_id FROM incident_articles ib JOIN articles b ON b.id = ib.article_id
                        WHERE ib.incident_id = x.incident
                        ORDER BY b.published IS NULL, b.published, b.id LIMIT 1) = ?1",
            )?,
            copies_of_other_outlets: count(
                "SELECT count(*) FROM articles a
                 WHERE a.outlet_id = ?1
                   AND EXISTS (SELECT 1 FROM articles b
                               WHERE b.text_hash = a.text_hash AND b.outlet_id != a.outlet_id
                                 AND (coalesce(b.published, '9999') < coalesce(a.published, '9999')
                                      OR (coalesce(b.published, '9999') = coalesce(a.published, '9999') AND b.id < a.id)))",
            )?,
            ..Default::default()
        })
    }

    fn outlet_summaries(&self, with_signals: bool) -> Result<Vec<OutletSummary>> {
        let mut aliases: HashMap<Id, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT outlet_id, alias FROM outlet_aliases ORDER BY alias")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))? {
                let (id, alias) = row?;
                aliases.entry(id).or_default().push(alias);
            }
        }
        let mut tags: HashMap<Id, Vec<String>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT x.outlet_id, t.name FROM outlet_tags x JOIN tags t ON t.id = x.tag_id
                 ORDER BY t.name",
            )?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))? {
                let (id, tag) = row?;
                tags.entry(id).or_default().push(tag);
            }
        }
        let mut ratings = self.current_grades()?;
        let mut axes = self.current_axis_values()?;
        let mut stmt = self.conn.prepare_cached(OUTLET_LIST)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut signals = if with_signals {
            self.all_outlet_signals()?
        } else {
            HashMap::new()
        };
        let mut out = Vec::new();
        for row in rows {
            let (id, name, name_is_guess, article_count) = row?;
            let ratings = ratings.remove(&id).unwrap_or_default();
            let grades: Vec<Grade> = ratings.iter().filter_map(|(_, g)| g.parse().ok()).collect();
            out.push(OutletSummary {
                id,
                name,
                name_is_guess,
                aliases: aliases.remove(&id).unwrap_or_default(),
                article_count,
                combined_grade: crate::ratings::combined_grade(&grades)
                    .map(|g| g.letter().to_string()),
                spread: crate::ratings::spread(&grades),
                ratings,
                signals: signals.remove(&id).unwrap_or(crate::model::OutletSignals {
                    articles: article_count,
                    ..Default::default()
                }),
                axes: axes.remove(&id).unwrap_or_default(),
                tags: tags.remove(&id).unwrap_or_default(),
                references: Vec::new(),
            });
        }
        Ok(out)
    }

    /// Each analyst's current (latest) grade, by outlet, analysts in name order.
    fn current_grades(&self) -> Result<HashMap<Id, Vec<(String, String)>>> {
        let mut grades: HashMap<Id, Vec<(String, String)>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT outlet_id, analyst, grade FROM current_ratings ORDER BY analyst",
        )?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, analyst, grade) = row?;
            grades.entry(id).or_default().push((analyst, grade));
        }
        Ok(grades)
    }

    /// Library-wide agreement of the analysts' current grades: ordinal Krippendorff's alpha over
    /// outlets. `None` until enough outlets are graded by two analysts with some variation
    /// (`ratings::AGREEMENT_MIN_OUTLETS`).
    pub fn rating_agreement(&self) -> Result<Option<f64>> {
        Ok(self.rating_agreement_detail()?.alpha)
    }

    /// Library-wide agreement with what it rests on: how many outlets two or more analysts have
    /// graded, and so how many more it needs before there is a figure.
    pub fn rating_agreement_detail(&self) -> Result<crate::ratings::Agreement> {
        let current: Vec<Vec<Grade>> = self
            .current_grades()?
            .into_values()
            .map(|grades| grades.iter().filter_map(|(_, g)| g.parse().ok()).collect())
            .collect();
        Ok(crate::ratings::agreement_of(&current))
    }

    /// The signals of every outlet that has any, computed in a few grouped queries.
    fn all_outlet_signals(&self) -> Result<HashMap<Id, crate::model::OutletSignals>> {
        let mut out: HashMap<Id, crate::model::OutletSignals> = HashMap::new();
        let mut grouped =
            |sql: &str, set: fn(&mut crate::model::OutletSignals, i64)| -> Result<()> {
                let mut stmt = self.conn.prepare_cached(sql)?;
                for row in stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, i64>(1)?)))? {
                    let (outlet, n) = row?;
                    set(out.entry(outlet).or_default(), n);
                }
                Ok(())
            };
        grouped(
            "SELECT outlet_id, count(*) FROM articles GROUP BY outlet_id",
            |s, n| s.articles = n,
        )?;
        grouped(
            "SELECT a.outlet_id, count(DISTINCT ia.incident_id) FROM incident_articles ia
             JOIN articles a ON a.id = ia.article_id GROUP BY a.outlet_id",
            |s, n| s.incidents = n,
        )?;
        // The earliest report of each incident: by date, undated last, then by id.
        grouped(
            "SELECT outlet_id, count(*) FROM (
                 SELECT (SELECT a.outlet_id FROM incident_articles ia JOIN articles a ON a.id = ia.article_id
                         WHERE ia.incident_id = i.id
                         ORDER BY a.published IS NULL, a.published, a.id LIMIT 1) AS outlet_id
                 FROM incidents i)
             WHERE outlet_id IS NOT NULL GROUP BY outlet_id",
            |s, n| s.first_to_report = n,
        )?;
        grouped(
            "SELECT a.outlet_id, count(*) FROM articles a
             WHERE EXISTS (SELECT 1 FROM articles b
                           WHERE b.text_hash = a.text_hash AND b.outlet_id != a.outlet_id
                             AND (coalesce(b.published, '9999') < coalesce(a.published, '9999')
                                  OR (coalesce(b.published, '9999') = coalesce(a.published, '9999') AND b.id < a.id)))
             GROUP BY a.outlet_id",
            |s, n| s.copies_of_other_outlets = n,
        )?;
        Ok(out)
    }

    /// Every incident with its number of reports and outlets, newest first (undated last). Reads
    /// every incident: for the command line; views page through [`Library::incident_page`].
    pub fn incidents(&self) -> Result<Vec<IncidentSummary>> {
        self.incident_page("", None, 0, usize::MAX)
    }

    /// Incidents newest first (undated last) whose title or place contains `text` (any case;
    /// empty for all) and, with `tag`, that carry that tag; `limit` of them from the
    /// `offset`-th: one index walk over the incidents, and their reports, outlets and tags read
    /// for the page only.
    pub fn incident_page(
        &self,
        text: &str,
        tag: Option<Id>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<IncidentSummary>> {
        let mut stmt = self.conn.prepare_cached(INCIDENT_PAGE)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![text.trim(), limit, offset as i64, tag], |r| {
            let tags: String = r.get(6)?;
            Ok(IncidentSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                place: r.get(3)?,
                report_count: r.get(4)?,
                outlet_count: r.get(5)?,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many incidents [`Library::incident_page`] lists for `text` and `tag`.
    pub fn count_incidents(&self, text: &str, tag: Option<Id>) -> Result<u64> {
        let n: i64 = if text.trim().is_empty() && tag.is_none() {
            self.conn
                .query_row("SELECT count(*) FROM incidents", [], |r| r.get(0))?
        } else {
            self.conn
                .query_row(COUNT_INCIDENTS, params![text.trim(), tag], |r| r.get(0))?
        };
        Ok(n.max(0) as u64)
    }

    /// Import runs, newest first, each with its problems.
    pub fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        let mut problems: HashMap<Id, Vec<ImportProblem>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT batch_id, path, reason FROM import_problems ORDER BY id")?;
            for row in stmt.query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    ImportProblem {
                        path: r.get(1)?,
                        reason: r.get(2)?,
                    },
                ))
            })? {
                let (batch, problem) = row?;
                problems.entry(batch).or_default().push(problem);
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, roots, started_at, finished_at, status, files_seen, imported,
                    skipped_duplicates
             FROM import_batches ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let roots: String = r.get(1)?;
            Ok(ImportBatch {
                id: r.get(0)?,
                roots: serde_json::from_str(&roots).unwrap_or_default(),
                started_at: r.get(2)?,
                finished_at: r.get(3)?,
                status: r.get(4)?,
                files_seen: r.get(5)?,
                imported: r.get(6)?,
                skipped_duplicates: r.get(7)?,
                problems: Vec::new(),
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let mut batch = row?;
            batch.problems = problems.remove(&batch.id).unwrap_or_default();
            out.push(batch);
        }
        Ok(out)
    }

    /// Integrity check: SQLite's own, foreign keys, the full-text index against the articles,
    /// and every removed span inside its article's text.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            schema_version: self.schema_version()?,
            articles: self
                .conn
                .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?,
            problems: Vec::new(),
        };
        if report.schema_version != latest_version() {
            report.problems.push(format!(
                "schema version {} but this build expects {}",
                report.schema_version,
                latest_version()
            ));
        }
        {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
                let line = line?;
                if line != "ok" {
                    report.problems.push(format!("integrity: {line}"));
                }
            }
        }
        {
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let rows = stmt.query_map([], |r| {
                Ok(format!(
                    "foreign key: row {} of {} points to a missing {}",
                    r.get::<_, Option<i64>>(1)?.unwrap_or_default(),
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(2)?
                ))
            })?;
            for row in rows {
                report.problems.push(row?);
            }
        }
        // PRAGMA integrity_check checks FTS5 tables too (SQLite 3.44+); this asks the index
        // itself, which a read-only connection cannot (the command is an INSERT).
        if self.read_only.is_none()
            && let Err(e) = self.conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
        {
            report.problems.push(format!(
                "full-text index out of step with the articles: {e}"
            ));
        }
        if self.read_only.is_none()
            && let Err(e) = self.conn.execute(
                "INSERT INTO notes_fts(notes_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
        {
            report
                .problems
                .push(format!("full-text index out of step with the notes: {e}"));
        }
        let bad_notes: i64 = self.conn.query_row(
            "SELECT count(*) FROM notes n JOIN article_full_texts t ON t.article_id = n.article_id
             WHERE n.span_end > length(CAST(t.full_text AS BLOB))",
            [],
            |r| r.get(0),
        )?;
        if bad_notes > 0 {
            report.problems.push(format!(
                "{bad_notes} notes mark a passage past the end of their article's text"
            ));
        }
        let bad_spans: i64 = self.conn.query_row(
            "SELECT count(*) FROM removed_spans s
             JOIN article_full_texts t ON t.article_id = s.article_id
             WHERE s.start < 0 OR s.end > length(CAST(t.full_text AS BLOB))",
            [],
            |r| r.get(0),
        )?;
        let miscounted: i64 = self.conn.query_row(
            "SELECT count(*) FROM outlets o
             WHERE o.article_count != (SELECT count(*) FROM articles a WHERE a.outlet_id = o.id)",
            [],
            |r| r.get(0),
        )?;
        if miscounted > 0 {
            report.problems.push(format!(
                "{miscounted} outlets have an article count out of step with their articles"
            ));
        }
        let hosts_out_of_step: i64 = self.conn.query_row(
            "SELECT count(*) FROM
               (SELECT outlet_id, host, count(*) AS n FROM articles WHERE host IS NOT NULL
                GROUP BY outlet_id, host) a
             FULL OUTER JOIN outlet_hosts h ON h.outlet_id = a.outlet_id AND h.host = a.host
             WHERE a.n IS NOT h.articles",
            [],
            |r| r.get(0),
        )?;
        if hosts_out_of_step > 0 {
            report.problems.push(format!(
                "{hosts_out_of_step} outlets' web hosts are out of step with their articles"
            ));
        }
        let unsourced: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE (published IS NULL) != (published_source = 'none')",
            [],
            |r| r.get(0),
        )?;
        if unsourced > 0 {
            report.problems.push(format!(
                "{unsourced} articles have a date without its source, or a source without a date"
            ));
        }
        if bad_spans > 0 {
            report.problems.push(format!(
                "{bad_spans} removed spans lie outside their article's text"
            ));
        }
        report.problems.extend(self.incomplete_articles()?);
        Ok(report)
    }

    /// Articles that are not whole: without their text, without hashes, or whose cleaned body
    /// is not their full text minus the removed spans not restored (a span lost or left over).
    /// Reads every article once; the first few of each kind are named.
    fn incomplete_articles(&self) -> Result<Vec<String>> {
        const NAMED: usize = 5;
        let mut missing_text = Vec::new();
        let mut no_hash = Vec::new();
        let mut body_differs = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.body, a.content_hash, a.text_hash, t.full_text,
                    (SELECT json_group_array(json_array(s.start, s.end)) FROM
                       (SELECT start, end FROM removed_spans
                        WHERE article_id = a.id AND restored = 0 ORDER BY start) s)
             FROM articles a JOIN article_full_texts t ON t.article_id = a.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: Id = r.get(0)?;
            let body: String = r.get(1)?;
            let (content, text): (String, String) = (r.get(2)?, r.get(3)?);
            if content.trim().is_empty() || text.trim().is_empty() {
                no_hash.push(id);
            }
            let Some(full_text) = r.get::<_, Option<String>>(4)? else {
                missing_text.push(id);
                continue;
            };
            let spans: Vec<(usize, usize)> =
                serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default();
            if crate::text::cut_spans(&full_text, &spans) != body {
                body_differs.push(id);
            }
        }
        let name = |what: &str, ids: &[Id]| {
            let shown: Vec<String> = ids.iter().take(NAMED).map(Id::to_string).collect();
            let more = if ids.len() > NAMED { ", …" } else { "" };
            format!("{} articles {what} ({}{more})", ids.len(), shown.join(", "))
        };
        let mut out = Vec::new();
        if !missing_text.is_empty() {
            out.push(name("have no full text", &missing_text));
        }
        if !no_hash.is_empty() {
            out.push(name("have no content or text hash", &no_hash));
        }
        if !body_differs.is_empty() {
            out.push(name(
                "have a body that is not their text minus the removed spans",
                &body_differs,
            ));
        }
        Ok(out)
    }

    /// Assigns the given articles to the outlet called `outlet` (created if new, or found by
    /// alias), in one transaction. Outlets guessed from folder names that are left with no
    /// articles are removed. Returns how many articles changed.
    pub fn assign_outlet(&mut self, articles: &[Id], outlet: &str) -> Result<usize> {
        let outlet = outlet.trim();
        if outlet.is_empty() {
            return Err(Error::Invalid("an outlet needs a name".into()));
        }
        let tx = self.conn.transaction()?;
        let outlet_id = store::resolve_outlet(&tx, outlet, false)?;
        let mut changed = 0;
        {
            let mut update = tx.prepare_cached(
                "UPDATE articles SET outlet_id = ?2, outlet_source = 'analyst'
                 WHERE id = ?1 AND outlet_id != ?2",
            )?;
            for id in articles {
                changed += update.execute(params![id, outlet_id])?;
            }
        }
        tx.execute(
            "DELETE FROM outlets WHERE name_is_guess = 1
               AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.outlet_id = outlets.id)
               AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.outlet_id = outlets.id)
               AND NOT EXISTS (SELECT 1 FROM axis_values v WHERE v.outlet_id = outlets.id)
               AND NOT EXISTS (SELECT 1 FROM resolutions s WHERE s.outlet_id = outlets.id)",
            [],
        )?;
        tx.commit()?;
        Ok(changed)
    }

    /// The id of the outlet with this name or alias.
    pub fn outlet_id(&self, name: &str) -> Result<Option<Id>> {
        store::find_outlet(&self.conn, name)
    }

    /// Starts an import batch for the given roots and returns its id.
    pub fn start_batch(&mut self, roots: &[String]) -> Result<Id> {
        let roots = serde_json::to_string(roots).map_err(|e| Error::Invalid(e.to_string()))?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO import_batches(roots, started_at) VALUES (?1, ?2)",
            params![roots, clock::now()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Closes an import batch with its final status and count of files seen.
    pub fn finish_batch(&mut self, batch: Id, status: &str, files_seen: usize) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE import_batches
             SET status = ?2, files_seen = ?3, finished_at = ?4
             WHERE id = ?1",
            params![batch, status, files_seen as i64, clock::now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores parsed articles and problems of one chunk of an import in one transaction: either
    /// all of the chunk is in the library afterwards, or none of it.
    pub fn store_chunk(
        &mut self,
        batch: Id,
        articles: &[NewArticle],
        problems: &[ImportProblem],
    ) -> Result<StoreOutcome> {
        let tx = self.conn.transaction()?;
        let outcome = store::store_chunk(&tx, batch, articles, problems)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// The write side of an import into `batch`, storing batches as they are parsed in
    /// transactions of about `chunk` articles (see [`ImportWriter`]).
    pub fn import_writer(&mut self, batch: Id, chunk: usize) -> ImportWriter<'_> {
        ImportWriter::new(&mut self.conn, batch, chunk)
    }
}

impl Library {
    /// The query plans of the Outlets and Incidents views' list queries and of the Library
    /// view's (see `browse_query_plans`), each with its SQL: what tests check for full scans.
    #[doc(hidden)]
    pub fn view_query_plans(&self) -> Result<Vec<(String, Vec<String>)>> {
        use rusqlite::types::Value;
        let mut plans = self.browse_query_plans()?;
        let text = |t: &str| Value::Text(t.to_string());
        for (sql, values) in [
            (
                INCIDENT_PAGE,
                vec![
                    text(""),
                    Value::Integer(100),
                    Value::Integer(500),
                    Value::Null,
                ],
            ),
            (
                INCIDENT_PAGE,
                vec![
                    text("market"),
                    Value::Integer(100),
                    Value::Integer(0),
                    Value::Null,
                ],
            ),
            (
                INCIDENT_PAGE,
                vec![
                    text(""),
                    Value::Integer(100),
                    Value::Integer(0),
                    Value::Integer(1),
                ],
            ),
            (COUNT_INCIDENTS, vec![text("market"), Value::Null]),
            (COUNT_INCIDENTS, vec![text(""), Value::Integer(1)]),
            (OUTLET_LIST, vec![]),
        ] {
            plans.push((sql.to_string(), query_plan(&self.conn, sql, &values)?));
        }
        Ok(plans)
    }
}

/// The plan SQLite makes for `sql` with these values (`EXPLAIN QUERY PLAN`), one line per step,
/// indented by depth: what tests read to check that a view's queries use indexes.
#[doc(hidden)]
pub fn query_plan(
    conn: &Connection,
    sql: &str,
    values: &[rusqlite::types::Value],
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut depth: HashMap<i64, usize> = HashMap::new();
    let mut out = Vec::new();
    for row in rows {
        let (id, parent, detail) = row?;
        let d = depth.get(&parent).map_or(0, |d| d + 1);
        depth.insert(id, d);
        out.push(format!("{}{detail}", "  ".repeat(d)));
    }
    Ok(out)
}

/// Refuses, without writing, a file that is not a SQLite database or is shorter than its header says.
fn preflight(path: &Path) -> Result<()> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    if read == 0 {
        return Ok(()); // an empty file: SQLite makes a new database in it
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(Error::NotALibrary {
            path: path.to_path_buf(),
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let len = file
        .metadata()
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    // A kill in the middle of a checkpoint leaves page 1 (with the new size) written and the
    // file not yet grown to it; the WAL beside it still holds every page, and SQLite recovers
    // from it. Only a file without a WAL to finish it is truncated.
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let has_wal = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if pages > 0 && len < pages * page_size && !has_wal {
        return Err(Error::NotALibrary {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The page cache a connection keeps, in KiB (see [`configure`]).
pub const PAGE_CACHE_KIB: i64 = 65_536;

impl Library {
    /// Sets this connection's page cache, in KiB: work that reads each page once (linking reads
    /// every new article once) needs less than the full-text merges the default is sized for.
    pub fn set_page_cache(&self, kib: i64) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }
}

fn configure(conn: &Connection) -> Result<()> {
    // A new library's pages are 16 KiB: the full-text index's 8,000-byte leaves (`pgsz`, db/0001)
    // then fit in a page instead of spilling into overflow pages, and article rows of a few KiB
    // share pages. Inserting 20,000 bench articles with their index took 2.4 s instead of 3.1 s
    // (measured with Python's sqlite3 on the same schema). No effect on an existing library.
    conn.pragma_update(None, "page_size", 16_384)?;
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?; // full-text merges stay in memory
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Checkpoint (copy the WAL into the file, with an fsync) every ~64 MiB of WAL instead of every
    // 1,000 pages: an import's chunk commits then rarely wait for one.
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let _pages: i64 = conn.pragma_update_and_check(
        None,
        "wal_autocheckpoint",
        (64 << 20) / page_size.max(512),
        |r| r.get(0),
    )?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}
