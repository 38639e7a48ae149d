//! The Import log view: each import run with its counts, and every file that could not be read,
//! with why.

use egui_extras::{Column, TableBuilder};

use super::context::ViewContext;
use super::widgets::{Cached, empty_state, read_error};
use triangulate_core::model::ImportBatch;

/// What the Import log remembers between frames.
#[derive(Default)]
pub struct ImportLogState {
    batches: Cached<(), Vec<ImportBatch>>,
}

impl ImportLogState {
    /// Draws the view: each import with its counts, the problems of each in a table.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let library = ctx.library;
        ui.heading("Import log");
        let batches = match self
            .batches
            .get(ctx.generation, &(), || library.import_batches())
        {
            Ok(batches) => batches,
            Err(e) => return read_error(ui, e),
        };
        if batches.is_empty() {
            return empty_state(ui, "Nothing imported yet.");
        }
        let problems: usize = batches.iter().map(|b| b.problems.len()).sum();
        ui.label(format!(
            "{} imports, {problems} files with problems",
            batches.len()
        ));
        egui::ScrollArea::vertical()
        .id_salt("import-log")
        .show(ui, |ui| {
            for batch in batches {
                let header = format!(
                    "Import {} · {} · {} · {} files, {} imported, {} already present, {} problems",
                    batch.id,
                    batch.started_at.replace('T', " ").trim_end_matches('Z'),
                    batch.status,
                    batch.files_seen,
                    batch.imported,
                    batch.skipped_duplicates,
                    batch.problems.len()
                );
                egui::CollapsingHeader::new(header)
                    .id_salt(("batch", batch.id))
                    .default_open(!batch.problems.is_empty())
                    .show(ui, |ui| {
                        ui.label(egui::RichText::new(batch.roots.join(", ")).weak());
                        if batch.problems.is_empty() {
                            ui.label("Every file was read.");
                            return;
                        }
                        TableBuilder::new(ui)
                            .id_salt(("problems", batch.id))
                            .striped(true)
                            .vscroll(false)
                            .column(Column::initial(420.0).clip(true))
                            .column(Column::remainder())
                            .header(20.0, |mut header| {
                                header.col(|ui| {
                                    ui.strong("File");
                                });
                                header.col(|ui| {
                                    ui.strong("Problem");
                                });
                            })
                            .body(|mut body| {
                                for p in &batch.problems {
                                    body.row(20.0, |mut row| {
                                        row.col(|ui| {
                                            ui.label(&p.path).on_hover_text(&p.path);
                                        });
                                        row.col(|ui| {
                                            ui.label(&p.reason);
                                        });
                                    });
                                }
                            });
                    });
            }
        });
    }
}
