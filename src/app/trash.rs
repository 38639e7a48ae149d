//! Edit > Trash…: what destructive edits removed, with Restore for each and Empty trash. (File >
//! Back up library… runs as a background job: see [`jobs`](super::jobs).)

use egui::RichText;

use super::command::Command;
use super::context::ViewContext;
use triangulate_core::library::TrashEntry;

/// The Trash window's state.
#[derive(Default)]
pub struct TrashWindow {
    /// Whether the window shows.
    pub open: bool,
    /// The entries as last read, with the library generation they were read at.
    entries: Option<(u64, Result<Vec<TrashEntry>, String>)>,
    /// "Empty trash" was clicked once; the second click (on "Empty for good") empties it.
    confirm_empty: bool,
}

impl TrashWindow {
    /// Draws the window, while it is open.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut ViewContext) {
        if !self.open {
            return;
        }
        let stale = self
            .entries
            .as_ref()
            .is_none_or(|(read_at, _)| *read_at != ctx.generation);
        if stale {
            let read = ctx.library.trash().map_err(|e| e.to_string());
            self.entries = Some((ctx.generation, read));
        }
        let read_only = ctx.read_only.is_some();
        let mut open = self.open;
        egui::Window::new("Trash")
            .open(&mut open)
            .default_width(560.0)
            .show(egui_ctx, |ui| {
                ui.label(
                    RichText::new(
                        "Deleted articles and ratings, and outlets and incidents merged or deleted, stay here until you empty the trash.",
                    )
                    .weak(),
                );
                ui.add_space(4.0);
                match self.entries.as_ref().map(|(_, e)| e) {
                    Some(Ok(entries)) if entries.is_empty() => {
                        ui.label("The trash is empty.");
                    }
                    Some(Ok(entries)) => {
                        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                            egui::Grid::new("trash entries")
                                .striped(true)
                                .num_columns(3)
                                .show(ui, |ui| {
                                    for e in entries {
                                        let when = e
                                            .deleted_at
                                            .get(..16)
                                            .unwrap_or(&e.deleted_at)
                                            .replace('T', " ");
                                        ui.label(RichText::new(when).weak());
                                        let by = if e.deleted_by.is_empty() {
                                            String::new()
                                        } else {
                                            format!(" · {}", e.deleted_by)
                                        };
                                        ui.label(format!("{}{by}", e.label));
                                        if ui
                                            .add_enabled(!read_only, egui::Button::new("Restore"))
                                            .on_hover_text("Put it back as it was.")
                                            .clicked()
                                        {
                                            ctx.send(Command::RestoreTrash(e.id));
                                        }
                                        ui.end_row();
                                    }
                                });
                        });
                        ui.separator();
                        if self.confirm_empty {
                            ui.horizontal(|ui| {
                                ui.colored_label(
                                    ui.visuals().warn_fg_color,
                                    "Emptying cannot be undone.",
                                );
                                if ui.button("Empty for good").clicked() {
                                    ctx.send(Command::EmptyTrash);
                                    self.confirm_empty = false;
                                }
                                if ui.button("Keep them").clicked() {
                                    self.confirm_empty = false;
                                }
                            });
                        } else if ui
                            .add_enabled(!read_only, egui::Button::new("Empty trash…"))
                            .clicked()
                        {
                            self.confirm_empty = true;
                        }
                    }
                    Some(Err(e)) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    None => {}
                }
            });
        self.open = open;
    }
}
