//! The Texts tab: the full texts side by side, what the analysis found highlighted (each kind
//! switched on and off in the legend), the passages other reports share filled, a bar beside what
//! only one report carries, and a tooltip saying what the pointer is over. The texts can scroll
//! together.

use std::collections::{HashMap, HashSet};

use egui::text::{CCursor, LayoutJob};
use egui::{Color32, FontId, RichText, Stroke, TextFormat};

use super::columns::grade_badge_or_nothing;
use crate::app::widgets::{date_or_dash, plural};
use triangulate_core::compare::{Comparison, HighlightKind, Report};
use triangulate_core::model::Id;

/// Full texts are no narrower than this; more reports scroll sideways.
const TEXT_WIDTH: f32 = 320.0;

/// Amber: the bar beside passages only one report carries.
const UNIQUE: Color32 = Color32::from_rgb(225, 150, 30);

/// The Texts tab's choices.
#[derive(Default)]
pub(super) struct TextsState {
    /// Highlight kinds the analyst switched off in the legend.
    hidden: HashSet<HighlightKind>,
    hide_shared: bool,
    hide_unique: bool,
    scroll_together: bool,
    sync: ScrollSync,
}

impl TextsState {
    /// Another set of reports is compared: the columns scroll from their tops.
    pub(super) fn restart(&mut self) {
        self.sync = ScrollSync::default();
    }
}

/// Draws the tab: the legend, then the texts.
pub(super) fn show(ui: &mut egui::Ui, state: &mut TextsState, comparison: &Comparison) {
    legend(ui, state, comparison);
    let shown = Shown {
        hidden: &state.hidden,
        shared: !state.hide_shared,
        unique: !state.hide_unique,
    };
    texts(
        ui,
        comparison,
        &shown,
        state.scroll_together,
        &mut state.sync,
    );
}

/// Keeps the full texts scrolled in step: one position, as a fraction of each column's scrollable
/// height, followed by every column; the column the analyst scrolls moves it.
#[derive(Default)]
struct ScrollSync {
    fraction: f32,
    /// Per column (article): the offset it ended the last frame at, and how far it can scroll.
    columns: HashMap<Id, (f32, f32)>,
}

/// The legend's choices in the Texts tab.
struct Shown<'a> {
    hidden: &'a HashSet<HighlightKind>,
    shared: bool,
    unique: bool,
}

/// The colour of a kind of highlight in the Texts tab.
fn highlight_color(kind: HighlightKind) -> Color32 {
    match kind {
        HighlightKind::Number => Color32::from_rgb(235, 140, 30),
        HighlightKind::Attribution => Color32::from_rgb(70, 140, 235),
        HighlightKind::Actor => Color32::from_rgb(170, 100, 225),
        HighlightKind::Loaded => Color32::from_rgb(225, 60, 60),
        HighlightKind::Hedge => Color32::from_rgb(30, 175, 175),
        HighlightKind::Place => Color32::from_rgb(80, 170, 70),
    }
}

/// The light fill of highlighted words.
fn highlight_fill(kind: HighlightKind) -> Color32 {
    highlight_color(kind).gamma_multiply(0.35)
}

/// The faint fill of passages other reports carry too.
fn shared_fill() -> Color32 {
    Color32::from_rgb(120, 140, 175).gamma_multiply(0.22)
}

/// What to highlight, and whether the texts scroll together.
fn legend(ui: &mut egui::Ui, view: &mut TextsState, comparison: &Comparison) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Highlight:");
        for kind in HighlightKind::ALL {
            let mut on = !view.hidden.contains(&kind);
            let text = RichText::new(kind.label())
                .background_color(highlight_fill(kind))
                .underline();
            if ui.checkbox(&mut on, text).changed() {
                if on {
                    view.hidden.remove(&kind);
                } else {
                    view.hidden.insert(kind);
                }
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let mut shared = !view.hide_shared;
        if ui
            .checkbox(
                &mut shared,
                RichText::new("shared with other reports").background_color(shared_fill()),
            )
            .on_hover_text("Sentences other reports carry too; point at one to see which.")
            .changed()
        {
            view.hide_shared = !shared;
        }
        let mut unique = !view.hide_unique;
        if ui
            .checkbox(
                &mut unique,
                RichText::new("only in this report — what the others omit").color(UNIQUE),
            )
            .on_hover_text("Marked by a bar in the margin.")
            .changed()
        {
            view.hide_unique = !unique;
        }
        ui.separator();
        if ui
            .checkbox(&mut view.scroll_together, "Scroll together")
            .on_hover_text("Scrolling one text scrolls the others to the same place, in proportion to their length.")
            .changed()
            && view.scroll_together
        {
            // Start from where the first text stands.
            let first = comparison
                .reports
                .first()
                .and_then(|r| view.sync.columns.get(&r.article_id));
            view.sync.fraction = match first {
                Some((offset, max)) if *max > 0.0 => offset / max,
                _ => 0.0,
            };
        }
    });
}

/// The body with highlights and passage fills as one block of text.
fn marked_body(ui: &egui::Ui, report: &Report, shown: &Shown, width: f32) -> LayoutJob {
    let body = &report.body;
    let highlights: Vec<_> = report
        .highlights()
        .into_iter()
        .filter(|h| !shown.hidden.contains(&h.kind))
        .collect();
    let mut cuts: Vec<usize> = vec![0, body.len()];
    for h in &highlights {
        cuts.extend([h.start, h.end]);
    }
    if shown.shared {
        for p in &report.shared_passages {
            cuts.extend([p.start, p.end]);
        }
    }
    cuts.retain(|&c| c <= body.len() && body.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    let plain = TextFormat {
        font_id: FontId::proportional(14.0),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(text) = body.get(start..end) else {
            continue;
        };
        let mut format = plain.clone();
        if shown.shared
            && report
                .shared_passages
                .iter()
                .any(|p| p.start <= start && end <= p.end)
        {
            format.background = shared_fill();
        }
        if let Some(h) = highlights.iter().find(|h| h.start <= start && end <= h.end) {
            format.background = highlight_fill(h.kind);
            format.underline = Stroke::new(1.5, highlight_color(h.kind));
        }
        job.append(text, 0.0, format);
    }
    job.wrap.max_width = width;
    job
}

/// The character index of a byte offset of `text`.
fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or_else(|| text.chars().count(), |s| s.chars().count())
}

/// What the pointer is over in a report's text, for the tooltip.
fn hover_text(
    report: &Report,
    byte: usize,
    outlets: &HashMap<Id, &str>,
    others: usize,
) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    if let Some(h) = report
        .highlights()
        .into_iter()
        .find(|h| h.start <= byte && byte < h.end)
    {
        lines.push(format!("{} (highlighted)", h.kind.label()));
    }
    if let Some(p) = report.passage_at(byte) {
        if p.with.is_empty() {
            lines.push(format!(
                "Only in this report: none of the other {} carries this passage.",
                plural(others, "report")
            ));
        } else {
            let names: Vec<&str> = p
                .with
                .iter()
                .map(|id| {
                    outlets
                        .get(id)
                        .copied()
                        .unwrap_or("a report no longer here")
                })
                .collect();
            lines.push(format!("Also in: {}", names.join(", ")));
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The texts side by side, each in its own scroll area.
fn texts(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    shown: &Shown,
    together: bool,
    sync: &mut ScrollSync,
) {
    let outlets: HashMap<Id, &str> = comparison
        .reports
        .iter()
        .map(|r| (r.article_id, r.outlet.as_str()))
        .collect();
    let others = comparison.reports.len().saturating_sub(1);
    let n = comparison.reports.len().max(1) as f32;
    let spacing = ui.spacing().item_spacing.x;
    let width = ((ui.available_width() - spacing * (n - 1.0)) / n - 4.0).max(TEXT_WIDTH);
    let height = ui.available_height();
    let mut moved: Option<f32> = None;
    egui::ScrollArea::horizontal()
        .id_salt("compare-texts")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for report in &comparison.reports {
                    ui.allocate_ui_with_layout(
                        egui::vec2(width, height),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(width);
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(&report.outlet).strong());
                                grade_badge_or_nothing(ui, report);
                                ui.label(
                                    RichText::new(date_or_dash(report.published.as_deref())).weak(),
                                );
                            });
                            set_apart(ui, report);
                            let id = report.article_id;
                            let before = sync.columns.get(&id).copied();
                            let mut start = before.map(|(offset, _)| offset);
                            let mut area = egui::ScrollArea::vertical()
                                .id_salt(("compare-text", id))
                                .auto_shrink([false, false]);
                            if together && let Some((offset, max)) = before {
                                let want = (sync.fraction * max).clamp(0.0, max);
                                if (offset - want).abs() > 0.5 {
                                    area = area.vertical_scroll_offset(want);
                                    start = Some(want);
                                }
                            }
                            let out = area.show(ui, |ui| {
                                text_block(ui, report, shown, &outlets, others);
                            });
                            let offset = out.state.clamped_offset().y;
                            let max = (out.content_size.y - out.inner_rect.height()).max(0.0);
                            if together
                                && moved.is_none()
                                && max > 0.0
                                && start.is_some_and(|s| (offset - s).abs() > 0.5)
                            {
                                moved = Some(offset / max);
                            }
                            sync.columns.insert(id, (offset, max));
                        },
                    );
                }
            });
        });
    if let Some(fraction) = moved {
        sync.fraction = fraction.clamp(0.0, 1.0);
        ui.ctx().request_repaint();
    }
}

/// Characters of a set-apart passage shown in the list; the whole passage is in its tooltip.
const SET_APART_SHOWN: usize = 200;

/// What the import set apart from a report (captions, credits, date lines, widgets, appended
/// stories), folded under the report's name: not the report's own text, and not counted.
fn set_apart(ui: &mut egui::Ui, report: &Report) {
    if report.set_apart.is_empty() {
        return;
    }
    let cut = report.set_apart.iter().filter(|s| !s.kept).count();
    let kept = report.set_apart.len() - cut;
    let mut title = format!("Set apart at import: {}", plural(cut, "passage"));
    if kept > 0 {
        title.push_str(&format!(", {kept} kept but suspected"));
    }
    egui::CollapsingHeader::new(title)
        .id_salt(("compare-set-apart", report.article_id))
        .show(ui, |ui| {
            ui.label(
                RichText::new(
                    "Not the report's own text: nothing in a passage set apart is counted for its \
                     figures, sources or places. A passage kept but suspected is still read; \
                     confirm or restore it in the reader.",
                )
                .weak()
                .small(),
            );
            for item in &report.set_apart {
                ui.label(RichText::new(item.why()).strong());
                let shown: String = item.text.chars().take(SET_APART_SHOWN).collect();
                let more = item.text.chars().nth(SET_APART_SHOWN).is_some();
                let response = ui.label(if more { format!("{shown}…") } else { shown });
                if more {
                    response.on_hover_text(&item.text);
                }
            }
        });
}

/// One report's text: the marked body, a bar beside each passage no other report carries, and
/// a tooltip saying what the pointer is over.
fn text_block(
    ui: &mut egui::Ui,
    report: &Report,
    shown: &Shown,
    outlets: &HashMap<Id, &str>,
    others: usize,
) {
    egui::Frame::new()
        .inner_margin(egui::Margin {
            left: 10,
            right: 6,
            top: 2,
            bottom: 2,
        })
        .show(ui, |ui| {
            let job = marked_body(ui, report, shown, ui.available_width());
            let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
            let response = ui.add(egui::Label::new(galley.clone()));
            let origin = response.rect.left_top();
            if shown.unique {
                for p in &report.unique_passages {
                    let top =
                        galley.pos_from_cursor(CCursor::new(char_index(&report.body, p.start)));
                    let bottom =
                        galley.pos_from_cursor(CCursor::new(char_index(&report.body, p.end)));
                    let x = origin.x - 6.0;
                    ui.painter().line_segment(
                        [
                            egui::pos2(x, origin.y + top.top()),
                            egui::pos2(x, origin.y + bottom.bottom()),
                        ],
                        Stroke::new(3.0, UNIQUE),
                    );
                }
            }
            if let Some(pointer) = response.hover_pos() {
                let at = galley.cursor_from_pos(pointer - origin).index.0;
                let byte = report
                    .body
                    .char_indices()
                    .nth(at)
                    .map_or(report.body.len(), |(b, _)| b);
                if let Some(text) = hover_text(report, byte, outlets, others) {
                    response.on_hover_text_at_pointer(text);
                }
            }
        });
}
