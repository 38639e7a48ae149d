//! The Claims tab: the facts each report states, one row per fact, the ones the reports disagree
//! on marked and their cells coloured by value, so that cells of one colour say the same.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

use super::columns::{COLUMN_WIDTH, cell, columns, grade_badge_or_nothing, labelled_row, none};
use crate::app::widgets::date_or_dash;
use triangulate_core::compare::{Comparison, FactRow, Report};

/// Red: the marker of a fact the reports disagree on.
const DIFFERS: Color32 = Color32::from_rgb(215, 70, 60);

/// Soft fills for the values of a fact: cells of one colour say the same.
const VALUE_FILLS: [Color32; 6] = [
    Color32::from_rgba_premultiplied(40, 70, 110, 90),
    Color32::from_rgba_premultiplied(110, 60, 20, 90),
    Color32::from_rgba_premultiplied(40, 90, 45, 90),
    Color32::from_rgba_premultiplied(100, 35, 90, 90),
    Color32::from_rgba_premultiplied(95, 85, 20, 90),
    Color32::from_rgba_premultiplied(25, 90, 90, 90),
];

/// What a cell says of its fact, as compared for agreement: the first figure (low and high) for
/// number facts, the value shown for the others.
fn value_key(row: &FactRow, column: usize, report: &Report) -> Option<String> {
    let cell = row.cells.get(column)?;
    match cell.claims.first().and_then(|&i| report.claims.get(i)) {
        Some(claim) => Some(format!("{}-{:?}", claim.number, claim.high)),
        None => cell.main.clone(),
    }
}

/// The fact's name, and "≠ differs" where the reports disagree.
fn fact_heading(ui: &egui::Ui, row: &FactRow) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.append(
        &row.fact,
        0.0,
        TextFormat {
            font_id: FontId::proportional(14.0),
            color: ui.visuals().strong_text_color(),
            ..Default::default()
        },
    );
    if row.disagreement {
        job.append(
            "  ≠ differs",
            0.0,
            TextFormat {
                font_id: FontId::proportional(14.0),
                color: DIFFERS,
                ..Default::default()
            },
        );
    }
    job
}
/// Draws the tab.
pub(super) fn show(ui: &mut egui::Ui, comparison: &Comparison) {
    let differ = comparison.facts.iter().filter(|f| f.disagreement).count();
    let summary = match differ {
        0 => "The reports state no fact differently.".to_string(),
        n => format!(
            "{} (marked ≠): cells of one colour give the same value. Each report's first figure is its main one; the rest follow under “also”.",
            if n == 1 {
                "1 fact differs".to_string()
            } else {
                format!("{n} facts differ")
            }
        ),
    };
    ui.label(RichText::new(summary).weak());
    ui.add_space(4.0);
    columns(
        ui,
        "compare-claims",
        |ui| {
            let heading = |ui: &mut egui::Ui| {
                ui.strong("Fact");
            };
            labelled_row(ui, 0, heading, |ui| {
                for report in &comparison.reports {
                    cell(ui, COLUMN_WIDTH, |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(&report.outlet).strong());
                            grade_badge_or_nothing(ui, report);
                        });
                        ui.label(RichText::new(date_or_dash(report.published.as_deref())).weak());
                    });
                }
            });
        },
        |ui| {
            for (n, row) in comparison.facts.iter().enumerate() {
                labelled_row(
                    ui,
                    n + 1,
                    |ui| fact_label(ui, row),
                    |ui| fact_cells(ui, row, &comparison.reports),
                );
            }
        },
    );
}

/// The fact's name, pinned at the left of its row.
fn fact_label(ui: &mut egui::Ui, row: &FactRow) {
    let heading = fact_heading(ui, row);
    let response = ui.label(heading);
    if row.disagreement {
        response.on_hover_text("The reports that state this fact state it differently.");
    }
}

/// What each report says of the fact.
fn fact_cells(ui: &mut egui::Ui, row: &FactRow, reports: &[Report]) {
    let mut keys: Vec<String> = Vec::new();
    for (column, report) in reports.iter().enumerate() {
        let fact = row.cells.get(column);
        let key = value_key(row, column, report);
        let fill = match (&key, row.disagreement) {
            (Some(key), true) => {
                let n = keys.iter().position(|k| k == key).unwrap_or_else(|| {
                    keys.push(key.clone());
                    keys.len() - 1
                });
                VALUE_FILLS[n % VALUE_FILLS.len()]
            }
            _ => Color32::TRANSPARENT,
        };
        cell(ui, COLUMN_WIDTH, |ui| {
            let Some(fact) = fact.filter(|f| f.main.is_some()) else {
                return none(ui);
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(4, 2))
                .corner_radius(3.0)
                .show(ui, |ui| {
                    let main = fact.main.as_deref().unwrap_or_default();
                    let text = if row.disagreement {
                        RichText::new(main).strong()
                    } else {
                        RichText::new(main)
                    };
                    let response = ui.label(text);
                    let quotes: Vec<String> = fact
                        .claims
                        .iter()
                        .filter_map(|&i| report.claims.get(i))
                        .map(|c| format!("“{}”", c.text))
                        .collect();
                    if !quotes.is_empty() {
                        response.on_hover_text(quotes.join("\n"));
                    }
                    if !fact.also.is_empty() {
                        let also = RichText::new(format!("also {}", fact.also.join("; "))).small();
                        // On a tinted cell weak text would not read.
                        ui.label(if fill == Color32::TRANSPARENT {
                            also.weak()
                        } else {
                            also
                        });
                    }
                });
        });
    }
}
