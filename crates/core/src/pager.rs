//! The rows of a listing of any length, as a table that draws only its visible rows asks for them.
//!
//! [`ArticlePager`] keeps a few pages of rows, fetched on demand by keyset (each page after the
//! cursor of the row before it: one index seek). Counting the rows for the scroll bar, laying
//! anchors every [`ANCHOR_EVERY`] rows (so that dragging the scroll bar anywhere costs one seek
//! and a short skip), and full-text searches run on a background thread with their own read-only
//! connection; the thread is cancelled when the listing changes. No egui here: the Library view
//! draws from it, benchmarks and tests drive it directly.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::library::{ArticleFilter, ArticleOrder, Cursor, Library, SearchResults};
use crate::model::{ArticleRow, Id};

/// Rows fetched per query.
pub const PAGE: usize = 100;
/// Rows between two anchors.
pub const ANCHOR_EVERY: usize = 1_000;
/// Search hits kept, best first.
pub const SEARCH_LIMIT: usize = 500;
/// Search snippets read at a time (about a screenful).
const SNIPPETS_AT_ONCE: usize = 40;
/// Pages kept in memory.
const KEEP_PAGES: usize = 64;

/// One row of the listing: an article, and in a search the text around the match (matched words
/// between `[` and `]`), once the background thread has read it.
#[derive(Debug, Clone)]
pub struct PagerRow {
    pub article: ArticleRow,
    pub snippet: Option<String>,
}

/// What the listing shows: a filter and order, or a search under the filter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    pub filter: ArticleFilter,
    pub order: ArticleOrder,
    /// Words to search for; empty for browsing.
    pub search: String,
}

impl Listing {
    fn is_search(&self) -> bool {
        !self.search.trim().is_empty()
    }
}

/// Something to call when the background thread has news (the app asks egui to repaint).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

struct Page {
    rows: Vec<ArticleRow>,
    /// The cursor of the page's last row, where the next page starts.
    last: Option<Cursor>,
}

enum Message {
    Count(u64),
    Anchors(Vec<Cursor>),
    Hits(SearchResults),
    /// Snippets of hits already sent, best hits first.
    Snippets(Vec<(Id, String)>),
    Failed(String),
}

struct Worker {
    cancel: Arc<AtomicBool>,
    messages: Receiver<Message>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The rows of one listing, fetched as they are shown.
pub struct ArticlePager {
    path: PathBuf,
    listing: Listing,
    /// The library's generation the rows were read at.
    generation: Option<u64>,
    pages: HashMap<usize, Page>,
    recent: VecDeque<usize>,
    count: Option<u64>,
    /// Set when a page came back short: the listing ends there.
    end: Option<usize>,
    anchors: Vec<Cursor>,
    hits: Option<Vec<PagerRow>>,
    /// Set when the search matched more articles than are ranked: see [`crate::library::RANKED_AT_MOST`].
    ranked_among: Option<usize>,
    worker: Option<Worker>,
    error: Option<String>,
    waker: Option<Waker>,
}

impl ArticlePager {
    /// A pager over the library file at `path` (the background thread opens it read-only).
    pub fn new(path: &Path) -> ArticlePager {
        ArticlePager {
            path: path.to_path_buf(),
            listing: Listing::default(),
            generation: None,
            pages: HashMap::new(),
            recent: VecDeque::new(),
            count: None,
            end: None,
            anchors: Vec::new(),
            hits: None,
            ranked_among: None,
            worker: None,
            error: None,
            waker: None,
        }
    }

    /// Sets what to call when background results arrive.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// The library file this pager reads.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Shows `listing` of the library at `generation`; when either changed, forgets the rows
    /// read and starts counting (or searching) anew in the background.
    pub fn set_listing(&mut self, generation: u64, listing: &Listing) {
        if self.generation == Some(generation) && self.listing == *listing {
            return;
        }
        // After a write to the library the same listing keeps its count and anchors until the
        // new ones arrive: most writes (a mark, a rating) move no article, and after an import
        // the old anchors still land near the right rows.
        let same_listing = self.listing == *listing && self.generation.is_some();
        self.generation = Some(generation);
        self.listing = listing.clone();
        self.pages.clear();
        self.recent.clear();
        self.end = None;
        if !same_listing {
            self.count = None;
            self.anchors.clear();
        }
        self.hits = None;
        self.ranked_among = None;
        self.error = None;
        self.worker = Some(self.spawn());
    }

    fn spawn(&self) -> Worker {
        let (send, messages) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let path = self.path.clone();
        let listing = self.listing.clone();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let tell = |message| {
                let _ = send.send(message);
                if let Some(wake) = &waker {
                    wake();
                }
            };
            let result = (|| -> crate::Result<()> {
                let library = Library::open_read_only(&path)?;
                if listing.is_search() {
                    // The ranked hits first, then their snippets a screenful at a time.
                    let found = library.search_ranked_plain(
                        &listing.search,
                        &listing.filter,
                        SEARCH_LIMIT,
                    )?;
                    let ids: Vec<Id> = found.hits.iter().map(|h| h.id).collect();
                    tell(Message::Hits(found));
                    for chunk in ids.chunks(SNIPPETS_AT_ONCE) {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        tell(Message::Snippets(library.snippets(&listing.search, chunk)?));
                    }
                    return Ok(());
                }
                tell(Message::Count(library.count_articles(&listing.filter)?));
                let cancelled = || stop.load(Ordering::Relaxed);
                if let Some(anchors) = library.article_anchors(
                    &listing.filter,
                    listing.order,
                    ANCHOR_EVERY,
                    &cancelled,
                )? {
                    tell(Message::Anchors(anchors));
                }
                Ok(())
            })();
            if let Err(e) = result
                && !stop.load(Ordering::Relaxed)
            {
                tell(Message::Failed(e.to_string()));
            }
        });
        Worker { cancel, messages }
    }

    /// Takes in what the background thread found. Call once per frame; true when something came.
    pub fn poll(&mut self) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        let mut changed = false;
        loop {
            match worker.messages.try_recv() {
                Ok(Message::Count(n)) => self.count = Some(n),
                Ok(Message::Anchors(anchors)) => self.anchors = anchors,
                Ok(Message::Hits(found)) => {
                    self.ranked_among = found.ranked_among;
                    self.hits = Some(
                        found
                            .hits
                            .into_iter()
                            .map(|h| PagerRow {
                                article: ArticleRow {
                                    id: h.id,
                                    title: h.title,
                                    outlet: h.outlet,
                                    published: h.published,
                                    word_count: 0,
                                    language: None,
                                    date_source: h.date_source,
                                },
                                snippet: None,
                            })
                            .collect(),
                    )
                }
                Ok(Message::Snippets(snippets)) => {
                    if let Some(hits) = self.hits.as_mut() {
                        let found: HashMap<Id, String> = snippets.into_iter().collect();
                        for hit in hits.iter_mut() {
                            if let Some(snippet) = found.get(&hit.article.id) {
                                hit.snippet = Some(snippet.clone());
                            }
                        }
                    }
                }
                Ok(Message::Failed(e)) => self.error = Some(e),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.worker = None;
                    break;
                }
            }
            changed = true;
        }
        changed
    }

    /// Whether the background thread is still counting, laying anchors or searching.
    pub fn is_busy(&self) -> bool {
        self.worker.is_some()
    }

    /// The number of rows, once known: the count (or where a short page showed the listing
    /// ends), or the number of search hits.
    pub fn len(&self) -> Option<usize> {
        if self.listing.is_search() {
            return self.hits.as_ref().map(Vec::len);
        }
        self.count.map(|n| n as usize).or(self.end)
    }

    /// Whether the listing is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// How many rows a table should lay out now: the length when known, else the rows read so
    /// far and a page more, so the first screen shows before the count is in.
    pub fn rows_to_show(&self) -> usize {
        self.len().unwrap_or_else(|| {
            let read = self.pages.keys().max().map_or(0, |p| (p + 1) * PAGE);
            read + PAGE
        })
    }

    /// `Some(n)` when the search matched more than `n` articles and ranked the newest `n` only.
    pub fn ranked_among(&self) -> Option<usize> {
        self.ranked_among
    }

    /// Whether the listing is a search.
    pub fn is_search(&self) -> bool {
        self.listing.is_search()
    }

    /// The last error reading the library, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Row `index` of the listing, reading its page when it is not in memory; `None` past the end
    /// (or when reading failed: see [`ArticlePager::error`]).
    pub fn row(&mut self, library: &Library, index: usize) -> Option<PagerRow> {
        if self.listing.is_search() {
            return self.hits.as_ref()?.get(index).cloned();
        }
        let page = index / PAGE;
        if !self.pages.contains_key(&page) {
            self.fetch(library, page);
        }
        self.touch(page);
        let article = self.pages.get(&page)?.rows.get(index % PAGE)?.clone();
        Some(PagerRow {
            article,
            snippet: None,
        })
    }

    /// The ids of the rows in `range` (at most `limit`), reading pages as needed: what a
    /// Shift-click range selects.
    pub fn ids(&mut self, library: &Library, range: Range<usize>, limit: usize) -> Vec<Id> {
        range
            .take(limit)
            .map_while(|i| self.row(library, i).map(|r| r.article.id))
            .collect()
    }

    fn touch(&mut self, page: usize) {
        if self.recent.back() != Some(&page) {
            self.recent.retain(|p| *p != page);
            self.recent.push_back(page);
        }
        while self.recent.len() > KEEP_PAGES {
            if let Some(old) = self.recent.pop_front() {
                self.pages.remove(&old);
            }
        }
    }

    /// Reads page `page`, starting from the nearest known cursor before it: the previous page's
    /// last row, an anchor, or any page read earlier, skipping the rows in between.
    fn fetch(&mut self, library: &Library, page: usize) {
        let start = page * PAGE;
        let mut from: (Option<Cursor>, usize) = (None, 0); // cursor, and the row after it
        let anchor = start / ANCHOR_EVERY;
        if anchor > 0
            && let Some(cursor) = self.anchors.get(anchor - 1)
        {
            from = (Some(cursor.clone()), anchor * ANCHOR_EVERY);
        }
        for (p, read) in &self.pages {
            let after = (p + 1) * PAGE;
            if after <= start
                && after > from.1
                && let Some(cursor) = &read.last
            {
                from = (Some(cursor.clone()), after);
            }
        }
        let (cursor, row) = from;
        match library.article_page(
            &self.listing.filter,
            self.listing.order,
            cursor.as_ref(),
            start - row,
            PAGE,
        ) {
            Ok(rows) => {
                if rows.len() < PAGE {
                    self.end = Some(start + rows.len());
                }
                let last = rows.last().map(|(_, c)| c.clone());
                self.pages.insert(
                    page,
                    Page {
                        rows: rows.into_iter().map(|(r, _)| r).collect(),
                        last,
                    },
                );
            }
            Err(e) => {
                // Kept as an empty page, so a failing read is not retried every frame.
                self.error = Some(e.to_string());
                self.pages.insert(
                    page,
                    Page {
                        rows: Vec::new(),
                        last: None,
                    },
                );
            }
        }
    }

    /// Waits for the background thread to finish: for tests and benchmarks.
    pub fn wait(&mut self) {
        while self.worker.is_some() {
            if !self.poll() {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    }
}
