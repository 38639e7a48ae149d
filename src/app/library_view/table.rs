//! The Library view's listing: the articles in a table that reads only the rows it shows (through
//! [`ArticlePager`]), sorted by a click on a column header; or, for a search, the hits ranked best
//! first with the passage that matched under each title; and the line above saying how many.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat};
use egui_extras::{Column, TableBuilder};

use super::LibraryViewState;
use super::reader::CorrectionDraft;
use crate::app::widgets::{dated_cell, empty_state, read_error, thousands};
use triangulate_core::library::{ArticleOrder, Library, SortKey};
use triangulate_core::model::{ArticleRow, Id};
use triangulate_core::pager::{ArticlePager, Listing, PAGE, SEARCH_LIMIT};

/// The height of a row while browsing: one line.
const ROW_HEIGHT: f32 = 22.0;
/// The height of a search hit: its title, and the passage that matched below it.
const HIT_HEIGHT: f32 = 40.0;
/// How long a count or search runs before a spinner says so.
const SPINNER_AFTER: Duration = Duration::from_millis(300);

/// What the analyst did to a row.
pub(super) enum RowAction {
    /// Clicked it.
    Click(RowClick),
    /// Chose "Edit title, date, outlet…" in its menu: its index and the correction form filled.
    Edit(usize, CorrectionDraft),
}

/// A click on a row: its article and index, with the modifiers held.
pub(super) struct RowClick {
    pub(super) article: Id,
    pub(super) index: usize,
    pub(super) modifiers: egui::Modifiers,
}

/// The listing under the filters: the table (or the search hits) with the line saying how many,
/// or why there is nothing to show. `to_top` scrolls back to the first row; `read_only` disables
/// editing from a row's menu. Returns what was done to a row, if anything.
pub(super) fn show(
    ui: &mut egui::Ui,
    state: &mut LibraryViewState,
    library: &Library,
    (listing, to_top, read_only): (&Listing, bool, bool),
    total: u64,
) -> Option<RowAction> {
    let LibraryViewState {
        pager: Some(pager),
        marked,
        order,
        reach,
        waiting_since,
        ..
    } = state
    else {
        return None;
    };
    let mut click = None;
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
        count_line(ui, pager, !listing.filter.is_empty(), total, waiting_since);
        let known = pager.len();
        let table = Table {
            library,
            marked,
            to_top,
            read_only,
        };
        if pager.is_search() {
            if known.is_some() {
                table.hits(ui, pager, &mut click);
            }
        } else {
            table.articles(ui, pager, order, &mut reach.1, &mut click);
        }
        if pager.len() != known {
            // A page read while drawing showed where the listing ends: lay the table out again.
            ui.ctx().request_repaint();
        }
    }
    click
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
    /// The library cannot be changed: a row's menu cannot edit.
    read_only: bool,
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
        click: &mut Option<RowAction>,
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
                        dated_cell(ui, r.published.as_deref(), r.date_source.as_deref());
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
                    self.clicked(&row, &r, index, click);
                });
            });
        if let Some(key) = sort_by {
            *order = next_order(*order, key);
        }
    }

    /// Search hits, best first: each title with the passage that matched under it.
    fn hits(&self, ui: &mut egui::Ui, pager: &mut ArticlePager, click: &mut Option<RowAction>) {
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
                        dated_cell(ui, r.published.as_deref(), r.date_source.as_deref());
                    });
                    self.clicked(&row, r, index, click);
                });
            });
    }
}

impl Table<'_> {
    /// Records a click on `row`, or the choice in its menu (right-click), to take in after
    /// drawing.
    fn clicked(
        &self,
        row: &egui_extras::TableRow,
        article: &ArticleRow,
        index: usize,
        click: &mut Option<RowAction>,
    ) {
        let response = row.response();
        if response.clicked() {
            let modifiers = response.ctx.input(|i| i.modifiers);
            *click = Some(RowAction::Click(RowClick {
                article: article.id,
                index,
                modifiers,
            }));
        }
        response.context_menu(|ui| {
            let edit = ui
                .add_enabled(!self.read_only, egui::Button::new("Edit title, date, outlet…"))
                .on_hover_text(
                    "Correct what the import read: the form opens in the reader, and the correction is kept with your name.",
                )
                .on_disabled_hover_text("The library cannot be changed (read-only).");
            if edit.clicked() {
                *click = Some(RowAction::Edit(index, CorrectionDraft::of_summary(article)));
                ui.close();
            }
            if ui.button("Open in reader").clicked() {
                *click = Some(RowAction::Click(RowClick {
                    article: article.id,
                    index,
                    modifiers: egui::Modifiers::NONE,
                }));
                ui.close();
            }
        });
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

#[cfg(test)]
mod tests {
    use super::*;

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
