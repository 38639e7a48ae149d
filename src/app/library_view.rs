//! The Library view: every article of a library of any size in a table that reads only the rows
//! it shows (through [`ArticlePager`]: a page at a time, by keyset), sorted by a click on a column
//! header and narrowed by filters; a search box backed by the full-text index, its hits ranked
//! with the matched words highlighted; and a reader beside the table showing the selected article
//! with what cleaning removed struck through, each cut restorable.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};
use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::notes::{
    Drafts, WorkingEdit, batch_tag_field, highlight, notes_section, tag_picker, tags_row,
};
use super::widgets::{Cached, date_or_dash, empty_state, read_error, shorten, thousands};
use triangulate_core::compare::MAX_REPORTS;
use triangulate_core::library::{
    ArticleFilter, ArticleOrder, Assessment, Collection, GradeFilter, Library, Note, SavedFilter,
    SortKey, TagSummary,
};
use triangulate_core::model::{Article, CopyOf, Id, Target, TargetKind};
use triangulate_core::pager::{ArticlePager, Listing, PAGE, SEARCH_LIMIT};
use triangulate_core::ratings::Grade;

/// The most rows one Shift-click selects.
const MAX_RANGE: usize = 10_000;
/// The height of a row while browsing: one line.
const ROW_HEIGHT: f32 = 22.0;
/// The height of a search hit: its title, and the passage that matched below it.
const HIT_HEIGHT: f32 = 40.0;
/// How long a count or search runs before a spinner says so.
const SPINNER_AFTER: Duration = Duration::from_millis(300);

/// What the Library view remembers between frames.
#[derive(Default)]
pub struct LibraryViewState {
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
    /// read at: see [`Table::articles`].
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
}

/// The filters as the analyst set them. Text that does not read (a date that is not one, an
/// incident that is not a number) is shown in the error colour and left out of the listing.
#[derive(Default)]
struct Filters {
    outlet: Option<(Id, String)>,
    language: Option<String>,
    from: String,
    to: String,
    incident: String,
    grade: Option<GradeFilter>,
    tag: Option<(Id, String)>,
    /// A hand-picked collection (a saved filter sets the other fields instead).
    collection: Option<(Id, String)>,
}

impl Filters {
    /// The filters a saved collection sets, as the analyst would have set them.
    fn from_saved(library: &Library, filter: &ArticleFilter) -> Filters {
        let outlet = filter.outlet.and_then(|id| {
            library
                .outlet_names()
                .ok()?
                .into_iter()
                .find(|(o, _)| *o == id)
        });
        let tag = filter.tag.and_then(|id| {
            library
                .tags()
                .ok()?
                .into_iter()
                .find(|t| t.id == id)
                .map(|t| (t.id, t.name))
        });
        Filters {
            outlet,
            language: filter.language.clone(),
            from: filter.from.clone().unwrap_or_default(),
            to: filter.to.clone().unwrap_or_default(),
            incident: filter.incident.map(|i| i.to_string()).unwrap_or_default(),
            grade: filter.grade,
            tag,
            collection: None,
        }
    }

    /// The filter the listing applies: only the fields that read.
    fn to_filter(&self) -> ArticleFilter {
        ArticleFilter {
            outlet: self.outlet.as_ref().map(|(id, _)| *id),
            language: self.language.clone(),
            from: date_bound(&self.from),
            to: date_bound(&self.to),
            incident: incident_number(&self.incident),
            grade: self.grade,
            tag: self.tag.as_ref().map(|(id, _)| *id),
            collection: self.collection.as_ref().map(|(id, _)| *id),
        }
    }

    /// Whether anything is set or typed, read or not: when "Clear filters" is offered.
    fn any_set(&self) -> bool {
        self.outlet.is_some()
            || self.language.is_some()
            || self.grade.is_some()
            || self.tag.is_some()
            || self.collection.is_some()
            || [&self.from, &self.to, &self.incident]
                .iter()
                .any(|t| !t.trim().is_empty())
    }
}

/// A date bound as the filter takes it, if `text` is one.
fn date_bound(text: &str) -> Option<String> {
    let text = text.trim();
    is_date_prefix(text).then(|| text.to_string())
}

/// Whether `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a month and day that can be.
fn is_date_prefix(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let within = |s: &str, max: u32| s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    match text.split('-').collect::<Vec<_>>().as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && within(m, 12),
        [y, m, d] => digits(y, 4) && digits(m, 2) && within(m, 12) && digits(d, 2) && within(d, 31),
        _ => false,
    }
}

/// The incident number in `text` ("12" or "#12"), if it is one.
fn incident_number(text: &str) -> Option<Id> {
    let text = text.trim();
    let text = text.strip_prefix('#').unwrap_or(text);
    text.parse::<Id>().ok().filter(|n| *n > 0)
}

/// What the reader shows beside an article: its tags, notes and copies.
type ReaderWorking = (Vec<String>, Vec<Note>, Vec<CopyOf>);

enum Action {
    /// A row clicked: its article and index, with the modifiers held.
    Select(Id, usize, egui::Modifiers),
    SetRestored(Id, bool),
    AssignOutlet(Vec<Id>, String),
    Assess(Id, u8),
    Compare(Vec<Id>),
    /// Delete these articles (to the trash).
    Delete(Vec<Id>),
    /// Tags, notes, collections.
    Working(WorkingEdit),
    /// Save the filters and search as a collection, or make an empty hand-picked one.
    NewCollection(String, Option<SavedFilter>),
    /// Open another article in the reader (a copy of the open one).
    Open(Id),
    /// The open article and this one are not copies of each other.
    NotCopy(Id, Id),
}

pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    let generation = app.generation;
    let total = app.counts.articles.max(0) as u64;
    let state = &mut app.library_view;
    let mut action = None;

    ui.heading("Library");
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut state.search)
                .hint_text("words in titles and text")
                .desired_width(320.0),
        )
        .labelled_by(label.id);
        if !state.search.is_empty() && ui.small_button("Clear").clicked() {
            state.search.clear();
        }
    });
    filters_row(ui, library, generation, state);
    ui.horizontal(|ui| {
        let label = ui.label("New collection");
        ui.add(
            egui::TextEdit::singleline(&mut state.collection_name)
                .hint_text("name")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        let name = state.collection_name.trim().to_string();
        let saves_filter = state.filters.any_set() || !state.search.trim().is_empty();
        let (button, hover) = if saves_filter {
            (
                "Save filters as collection",
                "Keep these filters and search words under a name, to apply again in one click.",
            )
        } else {
            (
                "Make hand-picked collection",
                "An empty set: select articles and use “Add to collection”.",
            )
        };
        if ui
            .add_enabled(!name.is_empty(), egui::Button::new(button))
            .on_hover_text(hover)
            .clicked()
        {
            let saved = saves_filter.then(|| SavedFilter {
                filter: ArticleFilter {
                    collection: None,
                    ..state.filters.to_filter()
                },
                search: state.search.trim().to_string(),
            });
            action = Some(Action::NewCollection(name, saved));
        }
    });
    ui.add_space(4.0);

    let listing = Listing {
        filter: state.filters.to_filter(),
        order: state.order,
        search: state.search.trim().to_string(),
    };
    // A new listing starts at its top; so does the first frame on a library, whose table would
    // otherwise keep the scroll offset egui saved from the last session.
    let fresh = state
        .pager
        .as_ref()
        .is_none_or(|p| p.path() != library.path());
    let to_top = fresh || state.listing != listing;
    if to_top {
        state.listing = listing.clone();
    }
    if to_top || state.reach.0 != generation {
        state.reach = (generation, 0);
    }
    let pager = pager_for(&mut state.pager, library, ui.ctx());
    pager.set_listing(generation, &listing);
    pager.poll();
    if !pager.is_search() && pager.len().is_none() {
        // A listing shorter than a page ends on the first page: knowing so now shows an empty
        // library (or filter) at once, without waiting for the count.
        pager.row(library, 0);
    }

    if !state.marked.is_empty() {
        ui.horizontal(|ui| {
            ui.label(format!("{} selected", state.marked.len()));
            let label = ui.label("Assign outlet");
            ui.add(
                egui::TextEdit::singleline(&mut state.assign_to)
                    .hint_text("outlet name")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            let ready = !state.assign_to.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Assign")).clicked() {
                action = Some(Action::AssignOutlet(
                    state.marked.iter().copied().collect(),
                    state.assign_to.trim().to_string(),
                ));
            }
            let n = state.marked.len();
            let comparable = (2..=MAX_REPORTS).contains(&n);
            if ui
                .add_enabled(comparable, egui::Button::new("Compare selected"))
                .on_hover_text("Open the selected articles side by side in Compare.")
                .on_disabled_hover_text(format!(
                    "Select 2 to {MAX_REPORTS} articles (Ctrl-click, Shift-click) to compare them."
                ))
                .clicked()
            {
                action = Some(Action::Compare(state.marked.iter().copied().collect()));
            }
            let delete = ui
                .button("Delete selected")
                .on_hover_text("Delete (Del). They go to the trash: Edit > Undo (Ctrl+Z) or Edit > Trash… brings them back.")
                .clicked();
            // The Delete key, unless a text field is taking the keys.
            let key = !ui.ctx().egui_wants_keyboard_input()
                && ui.input(|i| i.key_pressed(egui::Key::Delete));
            if delete || key {
                action = Some(Action::Delete(state.marked.iter().copied().collect()));
            }
            if ui.small_button("Clear selection").clicked() {
                state.marked.clear();
            }
        });
        ui.horizontal_wrapped(|ui| {
            let marked: Vec<Id> = state.marked.iter().copied().collect();
            if let Some(edit) = batch_tag_field(
                ui,
                "batch-tag",
                TargetKind::Article,
                &state.marked,
                &mut state.batch_tag,
            ) {
                action = Some(Action::Working(edit));
            }
            ui.add_space(8.0);
            let sets: Vec<(Id, String)> = match state
                .collections
                .get(generation, &(), || library.collections())
            {
                Ok(all) => all
                    .iter()
                    .filter(|c| c.filter.is_none())
                    .map(|c| (c.id, c.name.clone()))
                    .collect(),
                Err(_) => Vec::new(),
            };
            let label = ui.label("Add to collection");
            egui::ComboBox::from_id_salt("add-to-collection")
                .selected_text("choose…")
                .show_ui(ui, |ui| {
                    if sets.is_empty() {
                        ui.label("No hand-picked collection yet: make one with “New collection”.");
                    }
                    for (id, name) in &sets {
                        if ui.selectable_label(false, name).clicked() {
                            action =
                                Some(Action::Working(WorkingEdit::Collect(*id, marked.clone())));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }

    if let Some(selected) = state.selected {
        let article = state.article.get(
            generation,
            &Some(selected),
            || -> triangulate_core::Result<_> {
                Ok((
                    library.article(selected)?,
                    library.current_assessments(selected)?,
                ))
            },
        );
        egui::Panel::right("reader")
            .resizable(true)
            .default_size(ui.available_width() * 0.5)
            .min_size(280.0)
            .show(ui, |ui| match article {
                Ok((Some(article), marks)) => {
                    credibility(ui, article.id, marks, &mut state.mark, &mut action);
                    let target = Target::Article(article.id);
                    let working = state.working.get(
                        generation,
                        &Some(article.id),
                        || -> triangulate_core::Result<_> {
                            Ok((
                                library.tags_of(target)?,
                                library.notes_of(target)?,
                                library.copies_of(article.id)?,
                            ))
                        },
                    );
                    let (tags, notes, copies) = match working {
                        Ok((tags, notes, copies)) => {
                            (tags.as_slice(), notes.as_slice(), copies.as_slice())
                        }
                        Err(e) => {
                            read_error(ui, e);
                            (&[][..], &[][..], &[][..])
                        }
                    };
                    let mut edit = None;
                    tags_row(ui, target, tags, &mut state.drafts, &mut edit);
                    let passage = state
                        .passage
                        .filter(|(id, _, _)| *id == article.id)
                        .and_then(|(_, s, e)| Some((s, e, article.full_text.get(s..e)?)));
                    egui::CollapsingHeader::new(format!("Notes ({})", notes.len()))
                        .id_salt(("notes", article.id))
                        .default_open(true)
                        .show(ui, |ui| {
                            notes_section(ui, target, notes, passage, &mut state.drafts, &mut edit)
                        });
                    copies_section(ui, article.id, copies, &mut action);
                    ui.separator();
                    if let Some(edit) = edit {
                        action = Some(Action::Working(edit));
                    }
                    let selected = reader(ui, article, notes, &mut state.hide_removed, &mut action);
                    if let Some((s, e)) = selected {
                        state.passage = Some((article.id, s, e));
                    }
                }
                Ok((None, _)) => empty_state(ui, "This article is no longer in the library."),
                Err(e) => read_error(ui, e),
            });
    }

    // The listing takes the room the reader leaves: its own central panel, so that its rows
    // neither draw nor take clicks under the reader.
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            if let Some(e) = pager.error() {
                read_error(ui, e);
            }
            if pager.is_empty() {
                if pager.is_search() {
                    if listing.filter.is_empty() {
                        empty_state(ui, "No article matches.");
                    } else {
                        empty_state(
                            ui,
                            "No article matches. Clear the filters to search the whole library.",
                        );
                    }
                } else if listing.filter.is_empty() {
                    empty_state(
                        ui,
                        "The library is empty. Import a folder of articles with File > Import folder… (Ctrl+I), or drop files on this window.",
                    );
                } else {
                    empty_state(ui, "No article matches the filters.");
                }
            } else {
                count_line(
                    ui,
                    pager,
                    !listing.filter.is_empty(),
                    total,
                    &mut state.waiting_since,
                );
                let known = pager.len();
                let table = Table {
                    library,
                    marked: &state.marked,
                    to_top,
                };
                if pager.is_search() {
                    if known.is_some() {
                        table.hits(ui, pager, &mut action);
                    }
                } else {
                    table.articles(ui, pager, &mut state.order, &mut state.reach.1, &mut action);
                }
                if pager.len() != known {
                    // A page read while drawing showed where the listing ends: lay the table out again.
                    ui.ctx().request_repaint();
                }
            }
        });

    match action {
        Some(Action::Compare(ids)) => {
            app.compare_view.open_articles(ids);
            app.settings.view = super::View::Compare;
        }
        Some(Action::Select(id, index, modifiers)) => {
            let view = &mut app.library_view;
            let mut range = Vec::new();
            let mut longer = None;
            if modifiers.shift
                && let Some((from, anchor)) = view.anchor
                && let (Some(pager), Some(library)) = (view.pager.as_mut(), app.library.as_ref())
                // The anchor counts only while its row still shows the article clicked.
                && pager.row(library, from).map(|r| r.article.id) == Some(anchor)
            {
                let (lo, hi) = (from.min(index), from.max(index));
                range = pager.ids(library, lo..hi + 1, MAX_RANGE);
                if hi + 1 - lo > MAX_RANGE {
                    longer = Some(hi + 1 - lo);
                }
            }
            select(view, id, index, modifiers, &range);
            if let Some(n) = longer {
                app.inform(format!(
                    "Selected the first {} of the {} rows in the range: a range selects at most {}.",
                    thousands(MAX_RANGE as u64),
                    thousands(n as u64),
                    thousands(MAX_RANGE as u64),
                ));
            }
        }
        Some(Action::Assess(article, mark)) => {
            let analyst = app.settings.analyst.trim().to_string();
            if app
                .write("save the mark", |l| {
                    l.add_assessment(article, &analyst, mark, "")
                })
                .is_some()
            {
                app.inform(format!(
                    "Marked {mark} ({}) by {analyst}.",
                    triangulate_core::ratings::credibility_meaning(mark).unwrap_or_default()
                ));
            }
            app.library_view.mark = None;
        }
        Some(Action::AssignOutlet(ids, outlet)) => {
            if let Some(n) = app.write("assign the outlet", |l| l.assign_outlet(&ids, &outlet)) {
                app.inform(format!("{n} articles assigned to {outlet}."));
                app.library_view.marked.clear();
                app.library_view.assign_to.clear();
            }
        }
        Some(Action::Delete(ids)) => {
            let analyst = app.analyst();
            if let Some((n, undo)) =
                app.write("delete the articles", |l| l.delete_articles(&ids, &analyst))
            {
                let what = if n == 1 {
                    "Deleted 1 article".to_string()
                } else {
                    format!("Deleted {} articles", thousands(n as u64))
                };
                app.inform(format!(
                    "{what}. Edit > Undo (Ctrl+Z) or Edit > Trash… brings them back."
                ));
                app.push_undo(undo);
                let view = &mut app.library_view;
                view.marked.clear();
                if view.selected.is_some_and(|id| ids.contains(&id)) {
                    view.selected = None;
                }
            }
        }
        Some(Action::Working(edit)) => {
            app.apply_working(edit);
        }
        Some(Action::Open(id)) => {
            let view = &mut app.library_view;
            view.selected = Some(id);
            view.marked = BTreeSet::from([id]);
        }
        Some(Action::NotCopy(article, other)) => {
            let analyst = app.analyst();
            if let Some(undo) = app.write("mark not a copy", |l| {
                l.mark_not_copy(article, other, &analyst)
            }) {
                app.inform(format!(
                    "Articles {article} and {other} are not copies: linking will not suggest them together again. Edit > Undo takes it back."
                ));
                app.push_undo(undo);
            }
        }
        Some(Action::NewCollection(name, saved)) => {
            let analyst = app.analyst();
            if app
                .write("make the collection", |l| {
                    l.create_collection(&name, saved.as_ref(), &analyst)
                })
                .is_some()
            {
                app.inform(format!("Collection “{name}” made."));
                app.library_view.collection_name.clear();
            }
        }
        Some(Action::SetRestored(span, restored)) => {
            app.write("change the article", |l| {
                l.set_span_restored(span, restored)
            });
        }
        None => {}
    }
}

impl TriangulateApp {
    /// Waits until the Library view's background count or search is in, and takes it: UI tests
    /// call it between frames, since those results come from another thread.
    pub fn wait_for_library_view(&mut self) {
        if let Some(pager) = self.library_view.pager.as_mut() {
            pager.wait();
            pager.poll();
        }
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

/// The open article's copies (the count where the article is): each opens in the reader, and
/// "Not a copy" records the analyst's decision that two texts linking matched are different
/// reports.
fn copies_section(ui: &mut egui::Ui, article: Id, copies: &[CopyOf], action: &mut Option<Action>) {
    let title = match copies.len() {
        0 => "No copies in the library".to_string(),
        1 => "1 copy in the library".to_string(),
        n => format!("{n} copies in the library"),
    };
    if copies.is_empty() {
        ui.label(RichText::new(title).weak())
            .on_hover_text("Linking (Edit > Find links) finds exact and near copies of a text.");
        return;
    }
    egui::CollapsingHeader::new(title)
        .id_salt(("copies", article))
        .default_open(false)
        .show(ui, |ui| {
            for c in copies {
                ui.horizontal_wrapped(|ui| {
                    let how = if c.kind == triangulate_core::linking::run::EXACT_COPY {
                        "exact copy".to_string()
                    } else {
                        format!("near copy, {:.0}% alike", c.similarity * 100.0)
                    };
                    ui.label(RichText::new(how).small().weak());
                    ui.label(format!(
                        "{} · {}",
                        c.article.outlet,
                        date_or_dash(c.article.published.as_deref())
                    ));
                    if ui
                        .link(&c.article.title)
                        .on_hover_text("Open it in the reader")
                        .clicked()
                    {
                        *action = Some(Action::Open(c.article.id));
                    }
                    if ui
                        .small_button("Not a copy")
                        .on_hover_text(
                            "These are different reports: linking stops suggesting them together (as copies or as one incident).",
                        )
                        .clicked()
                    {
                        *action = Some(Action::NotCopy(article, c.article.id));
                    }
                });
            }
        });
}

/// Applies a click on a row: a plain click picks one article, Ctrl (Cmd) toggles one, Shift
/// adds the rows from the last click to this one.
fn select(
    state: &mut LibraryViewState,
    id: Id,
    index: usize,
    modifiers: egui::Modifiers,
    range: &[Id],
) {
    state.selected = Some(id);
    if modifiers.shift && !range.is_empty() {
        state.marked.extend(range);
        return;
    }
    if modifiers.command {
        if !state.marked.remove(&id) {
            state.marked.insert(id);
        }
    } else {
        state.marked = BTreeSet::from([id]);
    }
    state.anchor = Some((index, id));
}

/// The line above the table: how many rows, or that they are still being counted or searched.
/// `waiting_since` is when the wait began: the spinner shows only once it has lasted
/// [`SPINNER_AFTER`], so a quick answer does not flicker (and a test's frames, which come faster
/// than real time, settle).
fn count_line(
    ui: &mut egui::Ui,
    pager: &ArticlePager,
    filtered: bool,
    total: u64,
    waiting_since: &mut Option<Instant>,
) {
    let busy = pager.is_busy();
    if !busy {
        *waiting_since = None;
    }
    // Whether the background work has gone on long enough to show a spinner for it.
    let mut long = |ui: &egui::Ui| {
        let waited = waiting_since.get_or_insert_with(Instant::now).elapsed();
        if waited < SPINNER_AFTER {
            ui.ctx().request_repaint_after(SPINNER_AFTER - waited);
        }
        waited >= SPINNER_AFTER
    };
    ui.horizontal(|ui| match pager.len() {
        None if busy => {
            if long(ui) {
                spinner(ui);
            }
            let doing = if pager.is_search() {
                "Searching…"
            } else {
                "Counting…"
            };
            ui.label(RichText::new(doing).weak());
        }
        None => {}
        Some(n) => {
            let ranked_among = pager.ranked_among().filter(|_| pager.is_search());
            let text = match ranked_among {
                // More matched than a search ranks: say so, once.
                Some(among) => format!(
                    "The best {} of the {} newest matches, best first (more match): add words or filters to rank them all",
                    thousands(n as u64),
                    thousands(among as u64)
                ),
                None if pager.is_search() => matches_text(n),
                None => articles_text(n as u64, filtered, total),
            };
            ui.label(RichText::new(text).weak());
            if busy && !pager.is_search() && long(ui) {
                spinner(ui);
                ui.label(RichText::new("preparing to jump anywhere in the list").weak())
                    .on_hover_text(
                        "Rows far below those read so far show … until this is done; \
                         scrolling reads the rows it reaches at once.",
                    );
            }
        }
    });
}

/// A spinner like egui's, but asking for its next frame in 50 ms rather than at once: it turns
/// as smoothly, and a test harness that steps until nothing asks for an immediate frame settles.
fn spinner(ui: &mut egui::Ui) {
    let size = ui.spacing().interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::accesskit::Role::ProgressIndicator));
    if !ui.is_rect_visible(rect) {
        return;
    }
    ui.ctx().request_repaint_after(Duration::from_millis(50));
    let radius = rect.height() * 0.5 - 2.0;
    let time = ui.input(|i| i.time);
    let start = time * std::f64::consts::TAU;
    let end = start + 240f64.to_radians() * time.sin();
    let points: Vec<egui::Pos2> = (0..16)
        .map(|i| {
            let angle = start + (end - start) * f64::from(i) / 16.0;
            let (sin, cos) = angle.sin_cos();
            rect.center() + radius * egui::vec2(cos as f32, sin as f32)
        })
        .collect();
    let color = ui.visuals().strong_text_color();
    ui.painter()
        .add(egui::Shape::line(points, egui::Stroke::new(3.0, color)));
}

/// "37 articles", or under filters "5 of 37 articles".
fn articles_text(n: u64, filtered: bool, total: u64) -> String {
    let noun = if n == 1 && !filtered {
        "article"
    } else {
        "articles"
    };
    if filtered && total >= n {
        format!("{} of {} {noun}", thousands(n), thousands(total))
    } else if filtered {
        format!("{} {noun} match the filters", thousands(n))
    } else {
        format!("{} {noun}", thousands(n))
    }
}

/// "12 matches, best first"; at the search's limit, that only the best are shown.
fn matches_text(n: usize) -> String {
    if n >= SEARCH_LIMIT {
        format!(
            "The best {} matches, best first: add words or filters to narrow the search",
            thousands(n as u64)
        )
    } else if n == 1 {
        "1 match".to_string()
    } else {
        format!("{} matches, best first", thousands(n as u64))
    }
}

/// Collections: choosing a saved filter sets the filters and search it saved; choosing a
/// hand-picked set lists its articles. "New collection" saves the filters and search in force
/// (or, with none, makes an empty set to add selected articles to).
fn collection_picker(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
) {
    let label = ui.label("Collection");
    let shown = state
        .filters
        .collection
        .as_ref()
        .map_or_else(|| "All articles".to_string(), |(_, name)| name.clone());
    let mut chosen: Option<Collection> = None;
    let mut cleared = false;
    egui::ComboBox::from_id_salt("collection-filter")
        .selected_text(shown)
        .width(140.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(state.filters.collection.is_none(), "All articles")
                .clicked()
            {
                cleared = true;
            }
            match state
                .collections
                .get(generation, &(), || library.collections())
            {
                Ok(all) => {
                    for c in all {
                        let what = match &c.filter {
                            Some(_) => format!("{} (saved filter)", c.name),
                            None => format!("{} ({})", c.name, thousands(c.articles.max(0) as u64)),
                        };
                        if ui.selectable_label(false, what).clicked() {
                            chosen = Some(c.clone());
                        }
                    }
                }
                Err(e) => read_error(ui, e),
            }
        })
        .response
        .labelled_by(label.id);
    if cleared {
        state.filters.collection = None;
    }
    if let Some(c) = chosen {
        match c.filter {
            Some(saved) => {
                state.filters = Filters::from_saved(library, &saved.filter);
                state.search = saved.search;
            }
            None => state.filters.collection = Some((c.id, c.name)),
        }
    }
}

/// The filters under the search box: outlet, language, date range, incident and rating.
fn filters_row(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
) {
    ui.horizontal_wrapped(|ui| {
        outlet_picker(ui, library, generation, state);
        ui.add_space(6.0);

        let label = ui.label("Language");
        let filter = &mut state.filters.language;
        let shown = filter
            .as_deref()
            .map_or("Any language".into(), language_name);
        egui::ComboBox::from_id_salt("language-filter")
            .selected_text(shown)
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(filter, None, "Any language");
                match state.languages.get(generation, &(), || library.languages()) {
                    Ok(codes) => {
                        for code in codes {
                            ui.selectable_value(filter, Some(code.clone()), language_name(code));
                        }
                    }
                    Err(e) => read_error(ui, e),
                }
            })
            .response
            .labelled_by(label.id);
        ui.add_space(6.0);

        date_field(ui, "From", &mut state.filters.from);
        date_field(ui, "To", &mut state.filters.to);
        ui.add_space(6.0);

        let text = &mut state.filters.incident;
        let reads = text.trim().is_empty() || incident_number(text).is_some();
        checked_field(
            ui,
            "Incident",
            text,
            ("no.", 44.0),
            reads,
            "Not an incident number: ignored.",
        );
        ui.add_space(6.0);

        let label = ui.label("Rating");
        let grade = &mut state.filters.grade;
        let shown = match grade {
            None => "Any rating".to_string(),
            Some(GradeFilter::Grade(g)) => grade_text(*g),
            Some(GradeFilter::Unrated) => "Unrated".to_string(),
        };
        egui::ComboBox::from_id_salt("rating-filter")
            .selected_text(shown)
            .width(150.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(grade, None, "Any rating");
                // F is no opinion: an outlet graded only F counts as unrated.
                for g in Grade::ALL.into_iter().filter(|g| *g != Grade::F) {
                    ui.selectable_value(grade, Some(GradeFilter::Grade(g)), grade_text(g));
                }
                ui.selectable_value(grade, Some(GradeFilter::Unrated), "Unrated")
                    .on_hover_text("Outlets no analyst has graded A to E.");
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The outlet's combined grade: the median of the analysts' grades.");

        ui.add_space(6.0);
        tag_picker(
            ui,
            "tag-filter",
            (library, generation, &mut state.tags),
            |t| t.articles,
            &mut state.filters.tag,
        );
        ui.add_space(6.0);
        collection_picker(ui, library, generation, state);

        if state.filters.any_set() && ui.small_button("Clear filters").clicked() {
            state.filters = Filters::default();
        }
    });
}

/// The outlet filter: a picker whose list narrows as the analyst types, drawing only the names
/// in view (libraries can hold thousands of outlets).
fn outlet_picker(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    state: &mut LibraryViewState,
) {
    let label = ui.label("Outlet");
    let current = state.filters.outlet.as_ref().map(|(id, _)| *id);
    let shown = state
        .filters
        .outlet
        .as_ref()
        .map_or("Any outlet".to_string(), |(_, name)| shorten(name, 26));
    let mut picked = None;
    egui::ComboBox::from_id_salt("outlet-filter")
        .selected_text(shown)
        .width(190.0)
        .height(400.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            ui.horizontal(|ui| {
                let find = ui.label("Find");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.outlet_query)
                            .hint_text("part of a name")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(find.id);
                // Typing goes to the list's filter as soon as the picker opens.
                if ui.memory(|m| m.focused().is_none()) {
                    edit.request_focus();
                }
            });
            if ui
                .selectable_label(current.is_none(), "Any outlet")
                .clicked()
            {
                picked = Some(None);
                ui.close();
            }
            let outlets = match state
                .outlets
                .get(generation, &(), || library.outlet_names())
            {
                Ok(outlets) => outlets,
                Err(e) => {
                    read_error(ui, e);
                    return;
                }
            };
            let query = state.outlet_query.trim().to_lowercase();
            let matching: Vec<&(Id, String)> = outlets
                .iter()
                .filter(|(_, name)| query.is_empty() || name.to_lowercase().contains(&query))
                .collect();
            if matching.is_empty() {
                ui.label(RichText::new("No outlet's name has that in it.").weak());
                return;
            }
            let row_height = ui.spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("outlet-filter-list")
                .max_height(300.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, matching.len(), |ui, rows| {
                    for (id, name) in &matching[rows] {
                        if ui.selectable_label(current == Some(*id), name).clicked() {
                            picked = Some(Some((*id, name.clone())));
                            ui.close();
                        }
                    }
                });
        })
        .response
        .labelled_by(label.id);
    if let Some(outlet) = picked {
        state.filters.outlet = outlet;
        state.outlet_query.clear();
    }
}

/// A date bound of the filters: shown in the error colour, and ignored, until it reads.
fn date_field(ui: &mut egui::Ui, name: &str, text: &mut String) {
    let reads = text.trim().is_empty() || is_date_prefix(text.trim());
    checked_field(
        ui,
        name,
        text,
        ("YYYY-MM-DD", 100.0),
        reads,
        "Not a date: write YYYY, YYYY-MM or YYYY-MM-DD. Ignored until then.",
    );
}

/// A labelled filter field whose text, when it does not `reads`, shows in the error colour with
/// `complaint` on hover. `(hint, width)` shape the empty field.
fn checked_field(
    ui: &mut egui::Ui,
    name: &str,
    text: &mut String,
    (hint, width): (&str, f32),
    reads: bool,
    complaint: &str,
) {
    let label = ui.label(name);
    let mut edit = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .desired_width(width);
    if !reads {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let response = ui.add(edit).labelled_by(label.id);
    if !reads {
        response.on_hover_text(complaint);
    }
}

/// "en (English)"; the bare code when it names no language.
fn language_name(code: &str) -> String {
    isolang::Language::from_639_1(code)
        .or_else(|| isolang::Language::from_639_3(code))
        .map_or_else(|| code.to_string(), |l| format!("{code} ({})", l.to_name()))
}

/// "B usually reliable".
fn grade_text(grade: Grade) -> String {
    format!("{} {}", grade.letter(), grade.meaning())
}

/// The columns a click on a header sorts by, with their names.
const SORTABLE: [(&str, SortKey); 4] = [
    ("Title", SortKey::Title),
    ("Outlet", SortKey::Outlet),
    ("Date", SortKey::Published),
    ("Words", SortKey::Words),
];

/// The order a click on `key`'s header asks for: the other way round when the table is sorted by
/// it already; else titles and outlets A to Z, dates newest first, lengths longest first.
fn next_order(order: ArticleOrder, key: SortKey) -> ArticleOrder {
    if order.key == key {
        ArticleOrder {
            key,
            descending: !order.descending,
        }
    } else {
        ArticleOrder {
            key,
            descending: matches!(key, SortKey::Published | SortKey::Words),
        }
    }
}

/// A column header: its name and ▲ or ▼ when the table is sorted by it (a dim ↕ when not), read
/// as one label ("Title ▲"). The arrows are drawn in the monospace font, which has them.
fn sort_header(
    ui: &mut egui::Ui,
    name: &str,
    key: SortKey,
    order: Option<ArticleOrder>,
) -> egui::Response {
    let sorted = order.filter(|o| o.key == key);
    let arrow = match sorted {
        Some(o) if o.descending => RichText::new("▼").monospace(),
        Some(_) => RichText::new("▲").monospace(),
        None => RichText::new("↕").monospace().weak(),
    };
    let button = egui::Button::new((RichText::new(name).strong(), arrow)).frame(false);
    let Some(order) = order else {
        return ui.add_enabled(false, button).on_disabled_hover_text(
            "Search hits are ranked, best first. Clear the search to sort.",
        );
    };
    let how = match key {
        SortKey::Title => "title",
        SortKey::Outlet => "outlet (within an outlet, newest first)",
        SortKey::Published => "date",
        SortKey::Words => "length in words",
    };
    let hover = if order.key == key {
        format!("Sorted by {how}. Click to reverse.")
    } else {
        format!("Sort by {how}.")
    };
    ui.add(button).on_hover_text(hover)
}

/// What both tables draw with.
struct Table<'a> {
    library: &'a Library,
    marked: &'a BTreeSet<Id>,
    /// Scroll back to the first row (the listing changed).
    to_top: bool,
}

impl Table<'_> {
    fn builder<'u>(&self, ui: &'u mut egui::Ui, id: &str) -> TableBuilder<'u> {
        let mut builder = TableBuilder::new(ui)
            .id_salt(id)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::remainder().at_least(200.0).clip(true))
            .column(Column::initial(170.0).at_least(80.0).clip(true))
            .column(Column::initial(90.0));
        if self.to_top {
            builder = builder.vertical_scroll_offset(0.0);
        }
        builder
    }

    /// The listing, one line per article, drawing only the rows in view.
    ///
    /// Until the pager's background thread has laid its anchors, a row far past every row read
    /// so far (`reach`) could be found only by skipping every row before it, on this thread: on a
    /// large library, seconds with the window frozen. Such rows show "…" until the anchors are in
    /// (the pager wakes the window then); rows reached by scrolling are read at once.
    fn articles(
        &self,
        ui: &mut egui::Ui,
        pager: &mut ArticlePager,
        order: &mut ArticleOrder,
        reach: &mut usize,
        action: &mut Option<Action>,
    ) {
        let mut sort_by = None;
        let rows = pager.rows_to_show();
        self.builder(ui, "articles")
            .column(Column::initial(72.0))
            .header(22.0, |mut header| {
                for (name, key) in SORTABLE {
                    header.col(|ui| {
                        if sort_header(ui, name, key, Some(*order)).clicked() {
                            sort_by = Some(key);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, rows, |mut row| {
                    let index = row.index();
                    let far = pager.is_busy() && index > *reach + 2 * PAGE;
                    let read = if far {
                        None
                    } else {
                        pager.row(self.library, index)
                    };
                    let Some(r) = read else {
                        // Not read yet (far ahead, see above), or the page could not be read
                        // (the error shows above the table).
                        row.col(|ui| {
                            ui.weak("…");
                        });
                        return;
                    };
                    *reach = (*reach).max(index);
                    let r = r.article;
                    row.set_selected(self.marked.contains(&r.id));
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.title).truncate().selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.outlet).truncate().selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(date_or_dash(r.published.as_deref()))
                                .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            // Clear of the scroll bar, which floats over the last column.
                            ui.add_space(14.0);
                            ui.add(
                                egui::Label::new(thousands(r.word_count.max(0) as u64))
                                    .selectable(false),
                            );
                        });
                    });
                    clicked(&row, r.id, index, action);
                });
            });
        if let Some(key) = sort_by {
            *order = next_order(*order, key);
        }
    }

    /// Search hits, best first: each title with the passage that matched under it.
    fn hits(&self, ui: &mut egui::Ui, pager: &mut ArticlePager, action: &mut Option<Action>) {
        let rows = pager.rows_to_show();
        self.builder(ui, "search-hits")
            .header(22.0, |mut header| {
                for (name, key) in &SORTABLE[..3] {
                    header.col(|ui| {
                        sort_header(ui, name, *key, None);
                    });
                }
            })
            .body(|body| {
                body.rows(HIT_HEIGHT, rows, |mut row| {
                    let index = row.index();
                    let Some(hit) = pager.row(self.library, index) else {
                        row.col(|ui| {
                            ui.weak("…");
                        });
                        return;
                    };
                    let r = &hit.article;
                    row.set_selected(self.marked.contains(&r.id));
                    row.col(|ui| {
                        ui.vertical(|ui| {
                            ui.add(egui::Label::new(&r.title).truncate().selectable(false));
                            if let Some(snippet) = &hit.snippet {
                                let job = snippet_text(ui, snippet);
                                ui.add(egui::Label::new(job).truncate().selectable(false));
                            }
                        });
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&r.outlet).truncate().selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(date_or_dash(r.published.as_deref()))
                                .selectable(false),
                        );
                    });
                    clicked(&row, r.id, index, action);
                });
            });
    }
}

/// Records a click on `row` as the action to take after drawing.
fn clicked(row: &egui_extras::TableRow, id: Id, index: usize, action: &mut Option<Action>) {
    let response = row.response();
    if response.clicked() {
        let modifiers = response.ctx.input(|i| i.modifiers);
        *action = Some(Action::Select(id, index, modifiers));
    }
}

/// A snippet's pieces: the text between `[` and `]` is a matched word (`true`), the brackets
/// dropped; line breaks become spaces, so the passage fits one line.
fn snippet_parts(snippet: &str) -> Vec<(String, bool)> {
    let flat = snippet.replace(['\n', '\r'], " ");
    let mut parts = Vec::new();
    let mut rest = flat.as_str();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            break;
        };
        parts.push((rest[..open].to_string(), false));
        parts.push((after[..close].to_string(), true));
        rest = &after[close + 1..];
    }
    parts.push((rest.to_string(), false));
    parts.retain(|(text, _)| !text.is_empty());
    parts
}

/// A snippet as one line of text, the matched words in the strong colour on a highlight.
fn snippet_text(ui: &egui::Ui, snippet: &str) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let visuals = ui.visuals();
    let plain = TextFormat {
        font_id: font.clone(),
        color: visuals.weak_text_color(),
        ..Default::default()
    };
    let highlight = if visuals.dark_mode {
        Color32::from_rgb(100, 84, 20)
    } else {
        Color32::from_rgb(255, 232, 140)
    };
    let matched = TextFormat {
        font_id: font,
        color: visuals.strong_text_color(),
        background: highlight,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    for (text, hit) in snippet_parts(snippet) {
        let format = if hit { &matched } else { &plain };
        job.append(&text, 0.0, format.clone());
    }
    job
}

/// The analysts' information-credibility marks on the open article, and a way to add one's own.
fn credibility(
    ui: &mut egui::Ui,
    article: Id,
    marks: &[Assessment],
    mark: &mut Option<u8>,
    action: &mut Option<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Credibility:");
        if marks.is_empty() {
            ui.label(RichText::new("not marked").weak());
        }
        for m in marks {
            ui.label(format!("{} ({})", m.credibility, m.analyst))
                .on_hover_text(
                    triangulate_core::ratings::credibility_meaning(m.credibility)
                        .unwrap_or_default(),
                );
        }
        ui.separator();
        let label = ui.label("Your mark");
        let text = mark.map_or_else(String::new, |m| {
            format!(
                "{m} {}",
                triangulate_core::ratings::credibility_meaning(m).unwrap_or_default()
            )
        });
        egui::ComboBox::from_id_salt(("mark", article))
            .selected_text(text)
            .show_ui(ui, |ui| {
                for (m, meaning) in triangulate_core::ratings::CREDIBILITY {
                    ui.selectable_value(mark, Some(m), format!("{m} {meaning}"));
                }
            })
            .response
            .labelled_by(label.id);
        if let Some(m) = *mark
            && ui.button("Save mark").clicked()
        {
            *action = Some(Action::Assess(article, m));
        }
    });
    ui.separator();
}

/// The reader: the article's text, with what cleaning cut struck through and the passages notes
/// mark highlighted. Returns the passage the analyst selected (a byte range of `full_text`).
fn reader(
    ui: &mut egui::Ui,
    article: &Article,
    notes: &[Note],
    hide_removed: &mut bool,
    action: &mut Option<Action>,
) -> Option<(usize, usize)> {
    let mut selected = None;
    egui::ScrollArea::vertical()
        .id_salt("reader-scroll")
        .show(ui, |ui| {
            ui.label(RichText::new(&article.title).heading().strong());
            let mut meta = vec![article.outlet.clone()];
            meta.push(match (&article.published, article.date_source.as_deref()) {
                (Some(date), Some("text")) => format!("{date} (found in text)"),
                (Some(date), _) => date.clone(),
                (None, _) => "undated".into(),
            });
            meta.extend(article.language.clone());
            meta.push(format!("{} words", article.word_count));
            ui.label(meta.join(" · "));
            if article.outlet_is_guess {
                ui.label(
                    RichText::new("Outlet guessed from the folder name")
                        .italics()
                        .weak(),
                );
            }
            ui.label(
                RichText::new(format!(
                    "{} · {} · {}",
                    article.source_path,
                    article.format.as_deref().unwrap_or("?"),
                    article.encoding.as_deref().unwrap_or("?")
                ))
                .small()
                .weak(),
            );
            ui.separator();
            let cut = article.removed.iter().filter(|s| !s.restored).count();
            if !article.removed.is_empty() {
                ui.checkbox(
                    hide_removed,
                    format!("Hide what cleaning removed ({cut} cuts)"),
                );
            }
            if *hide_removed {
                ui.label(&article.body);
            } else {
                selected = selectable_text(ui, article, notes);
            }
            if !article.removed.is_empty() {
                ui.add_space(8.0);
                ui.collapsing(
                    format!("Removed by cleaning ({})", article.removed.len()),
                    |ui| {
                        for span in &article.removed {
                            ui.horizontal_wrapped(|ui| {
                                let preview: String = span.text.trim().chars().take(90).collect();
                                let mut text = RichText::new(format!("{}: {preview}", span.reason));
                                if !span.restored {
                                    text = text.strikethrough().weak();
                                }
                                ui.label(text);
                                let (label, restore) = if span.restored {
                                    ("Cut again", false)
                                } else {
                                    ("Restore", true)
                                };
                                if ui.small_button(label).clicked() {
                                    *action = Some(Action::SetRestored(span.id, restore));
                                }
                            });
                        }
                    },
                );
            }
        });
    selected
}

/// The article's full text, selectable (not editable), cut spans struck through and noted
/// passages highlighted; returns the selection when there is one.
fn selectable_text(ui: &mut egui::Ui, article: &Article, notes: &[Note]) -> Option<(usize, usize)> {
    let marks: Vec<(usize, usize)> = notes.iter().filter_map(|n| n.span).collect();
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = marked_text(ui, text.as_str(), &article.removed, &marks);
        job.wrap.max_width = wrap_width;
        ui.painter().layout_job(job)
    };
    let mut text: &str = &article.full_text;
    let output = egui::TextEdit::multiline(&mut text)
        .id_salt(("reader-text", article.id))
        .frame(egui::Frame::NONE)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    let range = output.cursor_range?;
    if range.is_empty() {
        return None;
    }
    let chars = range.as_sorted_char_range();
    let byte = |c: usize| {
        article
            .full_text
            .char_indices()
            .nth(c)
            .map_or(article.full_text.len(), |(b, _)| b)
    };
    let (start, end) = (byte(chars.start.0), byte(chars.end.0));
    article
        .full_text
        .get(start..end)
        .is_some_and(|w| !w.trim().is_empty())
        .then_some((start, end))
}

/// The article's full text with cut spans struck through and dimmed, and the passages notes
/// mark on a highlight.
fn marked_text(
    ui: &egui::Ui,
    text: &str,
    removed: &[triangulate_core::model::RemovedSpan],
    marks: &[(usize, usize)],
) -> LayoutJob {
    let font = FontId::proportional(14.0);
    let normal = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let removed_style = TextFormat {
        font_id: font,
        color: ui.visuals().weak_text_color(),
        strikethrough: egui::Stroke::new(1.0, Color32::from_rgb(200, 90, 90)),
        ..Default::default()
    };
    let cut_style = removed_style;
    let mark_bg = highlight(ui);
    // Every boundary of a cut or a mark splits the text into runs styled by what covers them.
    let cuts: Vec<(usize, usize)> = removed
        .iter()
        .filter(|s| !s.restored)
        .map(|s| (s.start, s.end))
        .collect();
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for &(s, e) in cuts.iter().chain(marks) {
        bounds.extend([s.min(text.len()), e.min(text.len())]);
    }
    bounds.retain(|b| text.is_char_boundary(*b));
    bounds.sort_unstable();
    bounds.dedup();
    let mut job = LayoutJob::default();
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(run) = text.get(start..end) else {
            continue;
        };
        let covered = |spans: &[(usize, usize)]| spans.iter().any(|&(s, e)| s <= start && end <= e);
        let mut format = if covered(&cuts) {
            cut_style.clone()
        } else {
            normal.clone()
        };
        if covered(marks) {
            format.background = mark_bg;
        }
        job.append(run, 0.0, format);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn date_bounds_read_years_months_and_days_only() {
        for good in ["2025", "2025-03", "2025-03-14", " 2025-12-31 "] {
            assert_eq!(date_bound(good).as_deref(), Some(good.trim()), "{good}");
        }
        for bad in [
            "",
            "25",
            "2025-3",
            "2025-13",
            "2025-03-32",
            "2025-03-14-1",
            "March",
        ] {
            assert_eq!(date_bound(bad), None, "{bad}");
        }
    }

    #[test]
    fn incident_numbers_may_carry_a_hash() {
        assert_eq!(incident_number("12"), Some(12));
        assert_eq!(incident_number(" #3 "), Some(3));
        assert_eq!(incident_number("three"), None);
        assert_eq!(incident_number("0"), None);
    }

    #[test]
    fn a_snippet_loses_its_brackets_and_marks_the_words_between_them() {
        let parts = snippet_parts("…the [convoy] was hit near\n[Khan] Zobeira…");
        let text: String = parts.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(text, "…the convoy was hit near Khan Zobeira…");
        let hits: Vec<&str> = parts
            .iter()
            .filter(|(_, hit)| *hit)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(hits, ["convoy", "Khan"]);
        // An unclosed bracket is left as text.
        assert_eq!(snippet_parts("a [b"), [("a [b".to_string(), false)]);
    }

    #[test]
    fn a_header_click_sorts_by_its_column_and_a_second_click_reverses() {
        let by_title = next_order(ArticleOrder::default(), SortKey::Title);
        assert_eq!(by_title.key, SortKey::Title);
        assert!(!by_title.descending);
        assert!(next_order(by_title, SortKey::Title).descending);
        assert!(next_order(by_title, SortKey::Words).descending);
    }

    #[test]
    fn the_count_line_says_how_many_of_the_whole_library_the_filters_keep() {
        assert_eq!(
            articles_text(1_000_000, false, 1_000_000),
            "1,000,000 articles"
        );
        assert_eq!(articles_text(1, false, 1), "1 article");
        assert_eq!(articles_text(5, true, 37), "5 of 37 articles");
        assert_eq!(matches_text(12), "12 matches, best first");
        assert!(matches_text(SEARCH_LIMIT).starts_with("The best 500 matches"));
    }
}
