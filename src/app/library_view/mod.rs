//! The Library view: every article of a library of any size in a table that reads only the rows
//! it shows ([`table`]: through [`ArticlePager`], a page at a time, by keyset), sorted by a click
//! on a column header and narrowed by [`filters`] and [`collections`]; a search box backed by the
//! full-text index, its hits ranked with the matched words highlighted; actions on the selected
//! articles ([`batch`]); and a [`reader`] beside the table showing the selected article with what
//! cleaning removed struck through, each cut restorable, and a form to correct its title, date
//! and outlet. This file holds the view's state, lays the parts out and applies clicks on rows
//! to the selection.

mod batch;
mod collections;
mod filters;
mod reader;
mod table;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use super::command::Command;
use super::context::ViewContext;
use super::notes::Drafts;
use super::widgets::{Cached, thousands};
use filters::Filters;
use reader::ReaderWorking;
use table::{RowAction, RowClick};
use triangulate_core::library::{ArticleOrder, Assessment, Collection, Library, TagSummary};
use triangulate_core::model::{Article, Id};
use triangulate_core::pager::{ArticlePager, Listing};

/// The most rows one Shift-click selects.
const MAX_RANGE: usize = 10_000;
/// Narrower than this, the filters fold into the Filters pop-up.
const FOLD_FILTERS_BELOW: f32 = 900.0;
/// Narrower than this, the reader goes under the table rather than beside it.
const READER_BESIDE_FROM: f32 = 760.0;

/// What the Library view remembers between frames.
#[derive(Default)]
pub struct LibraryViewState {
    /// The words searched for.
    pub search: String,
    filters: Filters,
    order: ArticleOrder,
    /// What the table showed last frame: when it changes, the table goes back to the top.
    listing: Listing,
    /// The rows of the listing, read as the table shows them. Made on the first frame for the
    /// open library (and made anew when the library's file is another).
    pager: Option<ArticlePager>,
    outlets: Cached<(), Vec<(Id, String)>>,
    languages: Cached<(), Vec<String>>,
    /// Typed in the outlet picker to narrow its list.
    outlet_query: String,
    /// When the count or search under way began.
    waiting_since: Option<Instant>,
    /// The furthest row the table has read in this listing, and the library generation it was
    /// read at: see [`table`].
    reach: (u64, usize),
    /// The article open in the reader.
    pub selected: Option<Id>,
    /// Articles picked for a batch action (Ctrl-click to add, Shift-click for a range).
    pub marked: BTreeSet<Id>,
    /// Where a Shift-click range starts: the row last clicked and the article it showed.
    anchor: Option<(usize, Id)>,
    /// The outlet typed into "Assign outlet".
    assign_to: String,
    article: Cached<Option<Id>, (Option<Article>, Vec<Assessment>)>,
    hide_removed: bool,
    /// The credibility mark being chosen for the open article.
    mark: Option<u8>,
    /// The reader's "Correct…" form, while it is open.
    correction: Option<reader::CorrectionDraft>,
    /// The open article's tags, notes and copies.
    working: Cached<Option<Id>, ReaderWorking>,
    /// The tag and note being typed in the reader.
    drafts: Drafts,
    /// The tag typed for the selected articles.
    batch_tag: String,
    /// The passage selected in the reader: byte range of the article's full text, and which.
    passage: Option<(Id, usize, usize)>,
    tags: Cached<(), Vec<TagSummary>>,
    collections: Cached<(), Vec<Collection>>,
    /// The name typed for a new collection.
    collection_name: String,
    /// Whether the Filters pop-up is open (a small window).
    filters_open: bool,
    /// The article the reader showed last frame: another one starts at its top.
    reader_shown: Option<Id>,
}

impl LibraryViewState {
    /// Draws the view: search and filters, the selection's actions, the reader and the table.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let library = ctx.library;
        let generation = ctx.generation;
        let total = ctx.counts.articles.max(0) as u64;

        ui.heading("Library");
        // A small window folds the filters into a pop-up and sets the reader under the table.
        let width = ui.available_width();
        let folded = width < FOLD_FILTERS_BELOW;
        filters::search_row(ui, self, ctx, folded);
        if !folded {
            // Wide again: the pop-up is gone with its button.
            self.filters_open = false;
            filters::filters_row(ui, library, generation, self);
            collections::new_collection_row(ui, self, ctx);
        }
        ui.add_space(4.0);
        if !self.marked.is_empty() {
            batch::bar(ui, self, ctx);
        }
        reader::panel(ui, self, ctx, width < READER_BESIDE_FROM);

        let listing = Listing {
            filter: self.filters.to_filter(),
            order: self.order,
            search: self.search.trim().to_string(),
        };
        // A new listing starts at its top; so does the first frame on a library, whose table
        // would otherwise keep the scroll offset egui saved from the last session.
        let fresh = self
            .pager
            .as_ref()
            .is_none_or(|p| p.path() != library.path());
        let to_top = fresh || self.listing != listing;
        if to_top {
            self.listing = listing.clone();
        }
        if to_top || self.reach.0 != generation {
            self.reach = (generation, 0);
        }
        let pager = pager_for(&mut self.pager, library, ui.ctx());
        pager.set_listing(generation, &listing);
        pager.poll();
        if !pager.is_search() && pager.len().is_none() {
            // A listing shorter than a page ends on the first page: knowing so now shows an empty
            // library (or filter) at once, without waiting for the count.
            pager.row(library, 0);
        }

        // The listing takes the room the reader leaves: its own central panel, so that its rows
        // neither draw nor take clicks under the reader.
        let read_only = ctx.read_only.is_some();
        let action = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                table::show(ui, self, library, (&listing, to_top, read_only), total)
            })
            .inner;
        match action {
            Some(RowAction::Click(click)) => self.click(library, click, ctx),
            // "Edit title, date, outlet…" in a row's menu: the article in the reader with its
            // "Correct…" form open, saved through the same correction as the reader's.
            Some(RowAction::Edit(index, draft)) => {
                let article = draft.article();
                self.select(article, index, egui::Modifiers::NONE, &[]);
                self.correction = Some(draft);
            }
            None => {}
        }
    }

    /// Opens an article in the reader, selected alone.
    pub fn open(&mut self, article: Id) {
        self.selected = Some(article);
        self.marked = BTreeSet::from([article]);
    }

    /// Waits until the background count or search is in, and takes it.
    pub fn wait(&mut self) {
        if let Some(pager) = self.pager.as_mut() {
            pager.wait();
            pager.poll();
        }
    }

    /// Applies a click on a row: a plain click picks one article, Ctrl (Cmd) toggles one, Shift
    /// adds the rows from the last click to this one (at most [`MAX_RANGE`]).
    fn click(&mut self, library: &Library, click: RowClick, ctx: &mut ViewContext) {
        let RowClick {
            article,
            index,
            modifiers,
        } = click;
        let mut range = Vec::new();
        let mut longer = None;
        if modifiers.shift
            && let Some((from, anchor)) = self.anchor
            && let Some(pager) = self.pager.as_mut()
            // The anchor counts only while its row still shows the article clicked.
            && pager.row(library, from).map(|r| r.article.id) == Some(anchor)
        {
            let (lo, hi) = (from.min(index), from.max(index));
            range = pager.ids(library, lo..hi + 1, MAX_RANGE);
            if hi + 1 - lo > MAX_RANGE {
                longer = Some(hi + 1 - lo);
            }
        }
        self.select(article, index, modifiers, &range);
        if let Some(n) = longer {
            ctx.send(Command::inform(format!(
                "Selected the first {} of the {} rows in the range: a range selects at most {}.",
                thousands(MAX_RANGE as u64),
                thousands(n as u64),
                thousands(MAX_RANGE as u64),
            )));
        }
    }

    /// Selects `id` (shown in row `index`) as the modifiers say; `range` holds the articles of a
    /// Shift-click's rows.
    fn select(&mut self, id: Id, index: usize, modifiers: egui::Modifiers, range: &[Id]) {
        self.selected = Some(id);
        if modifiers.shift && !range.is_empty() {
            self.marked.extend(range);
            return;
        }
        if modifiers.command {
            if !self.marked.remove(&id) {
                self.marked.insert(id);
            }
        } else {
            self.marked = BTreeSet::from([id]);
        }
        self.anchor = Some((index, id));
    }
}

/// The pager over `library`, made when there is none or the one there reads another file.
fn pager_for<'a>(
    pager: &'a mut Option<ArticlePager>,
    library: &Library,
    ctx: &egui::Context,
) -> &'a mut ArticlePager {
    if pager.as_ref().is_some_and(|p| p.path() != library.path()) {
        *pager = None;
    }
    pager.get_or_insert_with(|| {
        let mut pager = ArticlePager::new(library.path());
        let ctx = ctx.clone();
        pager.set_waker(Arc::new(move || ctx.request_repaint()));
        pager
    })
}
