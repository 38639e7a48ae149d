//! The Missing facts tab: for each report, the figures, actors, places and sources the other
//! reports carry and it does not.

use egui::RichText;

use super::columns::{COLUMN_WIDTH, aligned_row, cell, columns, report_heading};
use triangulate_core::compare::Comparison;
use triangulate_core::compare::missing::MissingFacts;

/// The facts a report leaves out, one line each with who carries it.
pub(super) fn missing_list(ui: &mut egui::Ui, missing: Option<&MissingFacts>) {
    let Some(missing) = missing.filter(|m| !m.facts.is_empty()) else {
        ui.label(
            RichText::new(
                "Nothing: every figure, actor, place and source the others give is here too.",
            )
            .weak(),
        );
        return;
    };
    for f in &missing.facts {
        let by: Vec<&str> = f.carried_by.iter().map(|s| s.outlet.as_str()).collect();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(format!("{}:", f.category.label())).weak());
            ui.label(RichText::new(&f.fact).strong());
            ui.label(RichText::new(format!("in {}", by.join(", "))).weak());
            if let Some(instead) = &f.instead {
                ui.label(RichText::new(format!("(this report: {instead})")).italics());
            }
        });
    }
}

/// The Missing facts tab: one column per report, what the others carry and it does not.
pub(super) fn show(ui: &mut egui::Ui, comparison: &Comparison) {
    ui.label(
        RichText::new(
            "For each report, the figures, actors, places and sources the other reports carry and it does not, with the outlets that carry each; a figure this report gives differently is noted beside it.",
        )
        .weak(),
    );
    ui.add_space(4.0);
    columns(
        ui,
        "compare-missing",
        |ui| {
            aligned_row(ui, 0, |ui| {
                for report in &comparison.reports {
                    cell(ui, COLUMN_WIDTH, |ui| report_heading(ui, report));
                }
            });
        },
        |ui| {
            aligned_row(ui, 1, |ui| {
                for report in &comparison.reports {
                    let missing = comparison
                        .missing_facts
                        .iter()
                        .find(|m| m.article_id == report.article_id);
                    cell(ui, COLUMN_WIDTH, |ui| missing_list(ui, missing));
                }
            });
        },
    );
}
