//! The Outlets view: every outlet with its aliases, article count and each analyst's current grade.

use egui_extras::{Column, TableBuilder};

use super::TriangulateApp;
use super::widgets::{Cached, empty_state, read_error};
use crate::model::OutletSummary;

/// What the Outlets view remembers between frames.
#[derive(Default)]
pub struct OutletsViewState {
    outlets: Cached<(), Vec<OutletSummary>>,
}

pub fn show(app: &mut TriangulateApp, ui: &mut egui::Ui) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    ui.heading("Outlets");
    let outlets = match app
        .outlets_view
        .outlets
        .get(app.generation, &(), || library.outlets())
    {
        Ok(outlets) => outlets,
        Err(e) => return read_error(ui, e),
    };
    if outlets.is_empty() {
        return empty_state(ui, "No outlets yet: they appear as articles are imported.");
    }
    ui.label(egui::RichText::new(format!("{} outlets", outlets.len())).weak());
    TableBuilder::new(ui)
        .id_salt("outlets")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(240.0).at_least(120.0).clip(true))
        .column(Column::initial(70.0))
        .column(Column::initial(200.0).clip(true))
        .column(Column::remainder().clip(true))
        .header(22.0, |mut header| {
            for title in ["Outlet", "Articles", "Current grades", "Also known as"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, outlets.len(), |mut row| {
                let o = &outlets[row.index()];
                row.col(|ui| {
                    ui.label(&o.name);
                    if o.name_is_guess {
                        ui.label(egui::RichText::new("(folder name)").weak())
                            .on_hover_text("No metadata or sidecar named this outlet; its name is the folder's.");
                    }
                });
                row.col(|ui| {
                    ui.label(o.article_count.to_string());
                });
                row.col(|ui| {
                    if o.ratings.is_empty() {
                        ui.label(egui::RichText::new("not rated").weak());
                    } else {
                        let grades: Vec<String> = o.ratings.iter().map(|(who, g)| format!("{g} ({who})")).collect();
                        ui.label(grades.join(", "));
                    }
                });
                row.col(|ui| {
                    ui.label(o.aliases.join(", "));
                });
            });
        });
}
