//! The Import log view: the articles whose outlet nothing named (to assign at once), each import
//! run with its counts, and every file that could not be read, with why.

use egui_extras::{Column, TableBuilder};

use super::command::{Command, Written};
use super::context::ViewContext;
use super::widgets::{Cached, empty_state, read_error};
use triangulate_core::library::{ArticleQuery, UNKNOWN_OUTLET};
use triangulate_core::model::{ArticleRow, ImportBatch};

/// What the Import log remembers between frames.
#[derive(Default)]
pub struct ImportLogState {
    batches: Cached<(), Vec<ImportBatch>>,
    /// The articles of no known outlet.
    unknown: Cached<(), Vec<ArticleRow>>,
    /// The outlet typed for them.
    outlet: String,
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
        let unknown = self.unknown.get(ctx.generation, &(), || {
            library.articles(&ArticleQuery {
                outlet: Some(UNKNOWN_OUTLET.to_string()),
                ..Default::default()
            })
        });
        match unknown {
            Ok(articles) if !articles.is_empty() => {
                no_outlet(ui, ctx, articles, &mut self.outlet);
                ui.separator();
            }
            Ok(_) => {}
            Err(e) => read_error(ui, e),
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
                    batch
                        .started_at
                        .get(..16)
                        .unwrap_or(&batch.started_at)
                        .replace('T', " "),
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

/// The articles whose outlet nothing named, with a field to give them all one outlet at once.
fn no_outlet(
    ui: &mut egui::Ui,
    ctx: &mut ViewContext,
    articles: &[ArticleRow],
    outlet: &mut String,
) {
    let n = articles.len();
    ui.label(format!(
        "{n} {} no outlet: nothing in the {} or {} folder named one.",
        if n == 1 {
            "article has"
        } else {
            "articles have"
        },
        if n == 1 { "file" } else { "files" },
        if n == 1 { "its" } else { "their" },
    ));
    ui.horizontal(|ui| {
        let label = ui.label("Outlet for them");
        ui.add(
            egui::TextEdit::singleline(outlet)
                .hint_text("outlet name")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        let name = outlet.trim().to_string();
        let can = !name.is_empty() && ctx.read_only.is_none();
        let button = ui
            .add_enabled(can, egui::Button::new(format!("Assign all {n}")))
            .on_disabled_hover_text("Type the outlet's name first.");
        if button.clicked() {
            let ids: Vec<_> = articles.iter().map(|a| a.id).collect();
            outlet.clear();
            ctx.send(Command::edit("assign the outlet", move |library| {
                let moved = library.assign_outlet(&ids, &name)?;
                Ok(Written::done().say(format!(
                    "{moved} {} assigned to {name}.",
                    if moved == 1 { "article" } else { "articles" }
                )))
            }));
        }
    });
    egui::CollapsingHeader::new(format!("The {n} articles"))
        .id_salt("no-outlet-articles")
        .show(ui, |ui| {
            for a in articles.iter().take(200) {
                ui.label(&a.title);
            }
            if n > 200 {
                ui.weak(format!("and {} more", n - 200));
            }
        });
}
