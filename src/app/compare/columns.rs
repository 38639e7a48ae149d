//! The layout the aligned tabs share (Side by side, Claims, Missing facts): a column per report
//! under a heading row that stays in place, rows of fixed-width cells aligned at the top, each
//! row's label pinned at the left while the columns scroll sideways under it.

use egui::{Color32, RichText};

use crate::app::outlets::grade_badge;
use crate::app::widgets::date_or_dash;
use triangulate_core::compare::Report;

/// Width of a report's column in the aligned tabs: a readable line, and five fit a laptop screen.
pub(super) const COLUMN_WIDTH: f32 = 260.0;
/// Width of the column naming each row.
pub(super) const ASPECT_WIDTH: f32 = 120.0;

/// A fixed-width cell of an aligned row.
pub(super) fn cell(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(width);
            ui.spacing_mut().item_spacing = egui::vec2(6.0, 4.0);
            add(ui);
        },
    );
}

/// A dash for an empty cell.
pub(super) fn none(ui: &mut egui::Ui) {
    ui.label(RichText::new("—").weak());
}

/// A report's column heading: outlet with its grade, date, headline.
pub(super) fn report_heading(ui: &mut egui::Ui, report: &Report) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&report.outlet).strong());
        match report.grade.as_deref() {
            Some(grade) => grade_badge(ui, Some(grade)),
            None => {
                ui.label(
                    RichText::new(" not rated ")
                        .small()
                        .color(Color32::WHITE)
                        .background_color(Color32::GRAY),
                )
                .on_hover_text("No analyst has rated this outlet yet (Outlets).");
            }
        }
    });
    ui.label(RichText::new(date_or_dash(report.published.as_deref())).weak());
    ui.label(RichText::new(&report.headline).italics());
}

/// Aligned columns: the heading row stays in place while the rows under it scroll; both scroll
/// sideways together when the columns do not fit.
pub(super) fn columns(
    ui: &mut egui::Ui,
    salt: &str,
    heading: impl FnOnce(&mut egui::Ui),
    rows: impl FnOnce(&mut egui::Ui),
) {
    egui::ScrollArea::horizontal()
        .id_salt(salt)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                heading(ui);
                egui::ScrollArea::vertical()
                    .id_salt((salt, "rows"))
                    .auto_shrink([true, false])
                    .show(ui, |ui| {
                        ui.spacing_mut().item_spacing.y = 0.0;
                        rows(ui);
                    });
            });
        });
}

/// One row of cells, aligned at the top, every other row shaded.
pub(super) fn aligned_row(ui: &mut egui::Ui, index: usize, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(row_fill(ui, index))
        .inner_margin(ROW_MARGIN)
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing = egui::vec2(14.0, 4.0);
            ui.horizontal_top(add);
        });
}

/// The margin around a row's cells.
const ROW_MARGIN: egui::Margin = egui::Margin::symmetric(4, 6);

/// Every other row shaded.
fn row_fill(ui: &egui::Ui, index: usize) -> Color32 {
    if index % 2 == 1 {
        ui.visuals().faint_bg_color
    } else {
        Color32::TRANSPARENT
    }
}

/// A row with its label (an [`ASPECT_WIDTH`] cell) then its cells, as [`aligned_row`]; the label
/// stays at the left edge of the view while the cells scroll sideways under it, so that a
/// narrow window still says what each row is. The label is drawn after the cells, over a fill
/// that hides them; its place in the row is as tall as the label was last frame.
pub(super) fn labelled_row(
    ui: &mut egui::Ui,
    index: usize,
    label: impl FnOnce(&mut egui::Ui),
    cells: impl FnOnce(&mut egui::Ui),
) {
    let fill = row_fill(ui, index);
    let height_id = ui.scope_id().with(("row-label-height", index));
    let label_height: f32 = ui.data(|d| d.get_temp(height_id)).unwrap_or(0.0);
    let row = egui::Frame::new()
        .fill(fill)
        .inner_margin(ROW_MARGIN)
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing = egui::vec2(14.0, 4.0);
            ui.horizontal_top(|ui| {
                let (place, _) = ui.allocate_exact_size(
                    egui::vec2(ASPECT_WIDTH, label_height),
                    egui::Sense::hover(),
                );
                cells(ui);
                place.left()
            })
            .inner
        });
    let rect = row.response.rect;
    let margin = f32::from(ROW_MARGIN.left);
    let left = (row.inner - margin).max(ui.clip_rect().left());
    let pinned = egui::Rect::from_min_size(
        egui::pos2(left, rect.top()),
        egui::vec2(ASPECT_WIDTH + 2.0 * margin, rect.height()),
    );
    let painter = ui.painter();
    painter.rect_filled(pinned, 0.0, ui.visuals().panel_fill);
    painter.rect_filled(pinned, 0.0, fill);
    let inner = pinned.shrink2(egui::vec2(margin, f32::from(ROW_MARGIN.top)));
    let mut cell_ui = ui.new_child(
        egui::UiBuilder::new()
            .id_salt(("row-label", index))
            .max_rect(inner)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    cell_ui.set_width(ASPECT_WIDTH);
    cell_ui.spacing_mut().item_spacing = egui::vec2(6.0, 4.0);
    label(&mut cell_ui);
    let height = cell_ui.min_rect().height();
    if (height - label_height).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(height_id, height));
        ui.ctx().request_discard("a row label's height changed");
    }
}
/// A report's grade as a badge, when its outlet has one.
pub(super) fn grade_badge_or_nothing(ui: &mut egui::Ui, report: &Report) {
    if let Some(grade) = report.grade.as_deref() {
        grade_badge(ui, Some(grade));
    }
}
