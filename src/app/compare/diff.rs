//! The Diff tab, for two reports that are near copies: the words one has and the other lacks.

use crate::app::widgets::{diff_legend, diff_text, empty_state};
use triangulate_core::compare::Comparison;
/// Draws the tab.
pub(super) fn show(ui: &mut egui::Ui, comparison: &Comparison) {
    let (Some(parts), [first, second]) = (&comparison.diff, comparison.reports.as_slice()) else {
        return empty_state(
            ui,
            "A word diff is shown for two reports that are near copies.",
        );
    };
    ui.strong(format!(
        "How the texts differ: {} first, {} second",
        first.outlet, second.outlet
    ));
    diff_legend(ui, parts);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("compare-diff")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(diff_text(ui, parts));
        });
}
