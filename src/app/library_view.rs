//! The Library view: every article in a table (title, outlet, date, words), a search box backed
//! by the full-text index, and a reader beside the table showing the selected article with what
//! cleaning removed struck through, each cut restorable.

use std::collections::BTreeSet;

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};
use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::widgets::{Cached, date_or_dash, empty_state, read_error};
use crate::compare::MAX_REPORTS;
use crate::library::ArticleQuery;
use crate::library::Assessment;
use crate::model::{Article, ArticleRow, Id};

/// What the Library view remembers between frames.
#[derive(Default)]
pub struct LibraryViewState {
    pub search: String,
    rows: Cached<String, Vec<Row>>,
    /// The article open in the reader.
    pub selected: Option<Id>,
    /// Articles picked for a batch action (Ctrl-click to add, Shift-click for a range).
    pub marked: BTreeSet<Id>,
    /// Where a Shift-click range starts.
    anchor: Option<Id>,
    /// The outlet typed into "Assign outlet".
    assign_to: String,
    article: Cached<Option<Id>, (Option<Article>, Vec<Assessment>)>,
    hide_removed: bool,
    /// The credibility mark being chosen for the open article.
    mark: Option<u8>,
}

struct Row {
    article: ArticleRow,
    snippet: Option<String>,
}

enum Action {
    /// A row clicked, with the modifiers held and, for Shift, the rows from the anchor to it.
    Select(Id, egui::Modifiers, Vec<Id>),
    SetRestored(Id, bool),
    AssignOutlet(Vec<Id>, String),
    Assess(Id, u8),
    Compare(Vec<Id>),
}

pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    let generation = app.generation;
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
    ui.add_space(4.0);

    let query = state.search.trim().to_string();
    let rows = state
        .rows
        .get(generation, &query, || -> crate::Result<Vec<Row>> {
            if query.is_empty() {
                Ok(library
                    .articles(&ArticleQuery::default())?
                    .into_iter()
                    .map(|article| Row {
                        article,
                        snippet: None,
                    })
                    .collect())
            } else {
                Ok(library
                    .search(&query, 500)?
                    .into_iter()
                    .map(|h| Row {
                        article: ArticleRow {
                            id: h.id,
                            title: h.title,
                            outlet: h.outlet,
                            published: h.published,
                            word_count: 0,
                            language: None,
                        },
                        snippet: Some(h.snippet),
                    })
                    .collect())
            }
        });
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            read_error(ui, e);
            return;
        }
    };

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
            if ui.small_button("Clear selection").clicked() {
                state.marked.clear();
            }
        });
    }

    if let Some(selected) = state.selected {
        let article = state
            .article
            .get(generation, &Some(selected), || -> crate::Result<_> {
                Ok((
                    library.article(selected)?,
                    library.current_assessments(selected)?,
                ))
            });
        egui::Panel::right("reader")
            .resizable(true)
            .default_size(ui.available_width() * 0.5)
            .min_size(280.0)
            .show(ui, |ui| match article {
                Ok((Some(article), marks)) => {
                    credibility(ui, article.id, marks, &mut state.mark, &mut action);
                    reader(ui, article, &mut state.hide_removed, &mut action)
                }
                Ok((None, _)) => empty_state(ui, "This article is no longer in the library."),
                Err(e) => read_error(ui, e),
            });
    }

    if rows.is_empty() {
        if query.is_empty() {
            empty_state(
                ui,
                "The library is empty. Import a folder of articles with File > Import folder… (Ctrl+I), or drop files on this window.",
            );
        } else {
            empty_state(ui, "No article matches.");
        }
    } else {
        ui.label(
            RichText::new(if query.is_empty() {
                format!("{} articles", rows.len())
            } else {
                format!("{} matches, best first", rows.len())
            })
            .weak(),
        );
        articles_table(ui, rows, &state.marked, state.anchor, &mut action);
    }

    match action {
        Some(Action::Compare(ids)) => {
            app.compare_view.open_articles(ids);
            app.settings.view = super::View::Compare;
        }
        Some(Action::Select(id, modifiers, range)) => {
            select(&mut app.library_view, id, modifiers, &range)
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
                    crate::ratings::credibility_meaning(mark).unwrap_or_default()
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
        Some(Action::SetRestored(span, restored)) => {
            app.write("change the article", |l| {
                l.set_span_restored(span, restored)
            });
        }
        None => {}
    }
}

/// Applies a click on a row: a plain click picks one article, Ctrl (Cmd) toggles one, Shift
/// adds the rows from the last click to this one.
fn select(state: &mut LibraryViewState, id: Id, modifiers: egui::Modifiers, range: &[Id]) {
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
    state.anchor = Some(id);
}

fn articles_table(
    ui: &mut egui::Ui,
    rows: &[Row],
    marked: &BTreeSet<Id>,
    anchor: Option<Id>,
    action: &mut Option<Action>,
) {
    let row_height = 22.0;
    TableBuilder::new(ui)
        .id_salt("articles")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(200.0).clip(true))
        .column(Column::initial(170.0).at_least(80.0).clip(true))
        .column(Column::initial(90.0))
        .column(Column::initial(60.0))
        .header(22.0, |mut header| {
            for title in ["Title", "Outlet", "Date", "Words"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.set_selected(marked.contains(&r.article.id));
                row.col(|ui| {
                    let response = ui.add(
                        egui::Label::new(&r.article.title)
                            .truncate()
                            .selectable(false),
                    );
                    if let Some(snippet) = &r.snippet {
                        response.on_hover_text(snippet.replace(['[', ']'], "\""));
                    }
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(&r.article.outlet)
                            .truncate()
                            .selectable(false),
                    );
                });
                row.col(|ui| {
                    ui.label(date_or_dash(r.article.published.as_deref()));
                });
                row.col(|ui| {
                    if r.snippet.is_none() {
                        ui.label(r.article.word_count.to_string());
                    }
                });
                let response = row.response();
                if response.clicked() {
                    let modifiers = response.ctx.input(|i| i.modifiers);
                    let here = row.index();
                    let range = match rows.iter().position(|x| Some(x.article.id) == anchor) {
                        Some(from) if modifiers.shift => rows[from.min(here)..=from.max(here)]
                            .iter()
                            .map(|x| x.article.id)
                            .collect(),
                        _ => Vec::new(),
                    };
                    *action = Some(Action::Select(r.article.id, modifiers, range));
                }
            });
        });
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
                    crate::ratings::credibility_meaning(m.credibility).unwrap_or_default(),
                );
        }
        ui.separator();
        let label = ui.label("Your mark");
        let text = mark.map_or_else(String::new, |m| {
            format!(
                "{m} {}",
                crate::ratings::credibility_meaning(m).unwrap_or_default()
            )
        });
        egui::ComboBox::from_id_salt(("mark", article))
            .selected_text(text)
            .show_ui(ui, |ui| {
                for (m, meaning) in crate::ratings::CREDIBILITY {
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

fn reader(
    ui: &mut egui::Ui,
    article: &Article,
    hide_removed: &mut bool,
    action: &mut Option<Action>,
) {
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
            if *hide_removed || article.removed.is_empty() {
                ui.label(&article.body);
            } else {
                ui.label(marked_text(ui, article));
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
}

/// The article's full text with cut spans struck through and dimmed.
fn marked_text(ui: &egui::Ui, article: &Article) -> LayoutJob {
    let font = FontId::proportional(14.0);
    let normal = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let removed = TextFormat {
        font_id: font,
        color: ui.visuals().weak_text_color(),
        strikethrough: egui::Stroke::new(1.0, Color32::from_rgb(200, 90, 90)),
        ..Default::default()
    };
    let text = &article.full_text;
    let mut job = LayoutJob::default();
    let mut at = 0;
    let mut cuts: Vec<(usize, usize)> = article
        .removed
        .iter()
        .filter(|s| !s.restored)
        .map(|s| (s.start, s.end))
        .collect();
    cuts.sort_unstable();
    for (start, end) in cuts {
        let (start, end) = (start.max(at).min(text.len()), end.min(text.len()));
        if start >= end {
            continue;
        }
        if let Some(kept) = text.get(at..start) {
            job.append(kept, 0.0, normal.clone());
        }
        if let Some(gone) = text.get(start..end) {
            job.append(gone, 0.0, removed.clone());
        }
        at = end;
    }
    if let Some(rest) = text.get(at..) {
        job.append(rest, 0.0, normal);
    }
    job.wrap.max_width = ui.available_width();
    job
}
