//! The layout the aligned tabs share (Side by side, Claims, Missing facts): a column per report
//! under a heading row that stays in place, rows of fixed-width cells aligned at the top.

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
    let fill = if index % 2 == 1 {
        ui.visuals().faint_bg_color
    } else {
        Color32::TRANSPARENT
    };
    egui::Frame::new()
        .fill(fill)
        .inner_margin(egui::Margin::symmetric(4, 6))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing = egui::vec2(14.0, 4.0);
            ui.horizontal_top(add);
        });
}
/// A report's grade as a badge, when its outlet has one.
pub(super) fn grade_badge_or_nothing(ui: &mut egui::Ui, report: &Report) {
    if let Some(grade) = report.grade.as_deref() {
        grade_badge(ui, Some(grade));
    }
}
