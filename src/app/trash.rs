//! Edit > Trash…: what destructive edits removed, with Restore for each and Empty trash; and
//! File > Back up library…, which copies the library on a background thread.

use egui::RichText;

use super::{JobOutcome, TriangulateApp};
use triangulate_core::jobs::Job;
use triangulate_core::library::{Library, TrashEntry, backup};
use triangulate_core::model::Id;

/// The Trash window's state.
#[derive(Default)]
pub struct TrashWindow {
    pub open: bool,
    /// The entries as last read, with the library generation they were read at.
    entries: Option<(u64, Result<Vec<TrashEntry>, String>)>,
    /// "Empty trash" was clicked once; the second click (on "Empty for good") empties it.
    confirm_empty: bool,
}

enum Action {
    Restore(Id),
    Empty,
}

pub fn trash_window(app: &mut TriangulateApp, ctx: &egui::Context) {
    if !app.trash_window.open {
        return;
    }
    let generation = app.generation;
    let stale = app
        .trash_window
        .entries
        .as_ref()
        .is_none_or(|(read_at, _)| *read_at != generation);
    if stale && let Some(library) = app.library.as_ref() {
        let read = library.trash().map_err(|e| e.to_string());
        app.trash_window.entries = Some((generation, read));
    }
    let read_only = app.read_only().is_some();
    let state = &mut app.trash_window;
    let mut open = state.open;
    let mut action = None;
    egui::Window::new("Trash")
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(
                    "Deleted articles and ratings, and outlets and incidents merged or deleted, stay here until you empty the trash.",
                )
                .weak(),
            );
            ui.add_space(4.0);
            match state.entries.as_ref().map(|(_, e)| e) {
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
                                        action = Some(Action::Restore(e.id));
                                    }
                                    ui.end_row();
                                }
                            });
                    });
                    ui.separator();
                    if state.confirm_empty {
                        ui.horizontal(|ui| {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                "Emptying cannot be undone.",
                            );
                            if ui.button("Empty for good").clicked() {
                                action = Some(Action::Empty);
                            }
                            if ui.button("Keep them").clicked() {
                                state.confirm_empty = false;
                            }
                        });
                    } else if ui
                        .add_enabled(!read_only, egui::Button::new("Empty trash…"))
                        .clicked()
                    {
                        state.confirm_empty = true;
                    }
                }
                Some(Err(e)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                None => {}
            }
        });
    app.trash_window.open = open;
    match action {
        Some(Action::Restore(entry)) => {
            if let Some(restored) = app.write("restore from the trash", |l| l.restore_trash(entry))
            {
                let mut text = format!("Undid {}: {} put back.", restored.label, restored.restored);
                if !restored.skipped.is_empty() {
                    text.push_str(&format!(" Not put back: {}.", restored.skipped.join("; ")));
                }
                app.inform(text);
            }
            // Edit > Undo no longer has this one to take back.
            app.undo.retain(|u| u.trash() != Some(entry));
        }
        Some(Action::Empty) => {
            if let Some(n) = app.write("empty the trash", Library::empty_trash) {
                app.inform(format!("Emptied the trash ({n} entries removed for good)."));
            }
            app.undo.retain(|u| u.trash().is_none());
            app.trash_window.confirm_empty = false;
        }
        None => {}
    }
}

/// File > Back up library…: asks where, then copies the library on a background thread with
/// progress and Cancel. Works on a library open read-only too.
pub fn back_up(app: &mut TriangulateApp) {
    let Some(library) = app.library.as_ref() else {
        return;
    };
    if app.job.is_some() {
        app.fail("Another job is running; wait for it or cancel it first.");
        return;
    }
    let source = library.path().to_path_buf();
    let suggested = backup::backup_name(&source, "backup");
    let name = suggested
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "library-backup.sqlite".into());
    let Some(dest) = app.dialogs.save_backup(&name) else {
        return;
    };
    let job = Job::spawn("Backing up the library", move |progress| {
        // Its own reading connection: the backup sees one consistent state of the library
        // while the window goes on reading (and, when writable, writing) through its own.
        let library = Library::open_read_only(&source)?;
        Ok(JobOutcome::Backup(library.backup_to(&dest, progress)?))
    });
    app.job = Some(super::RunningJob {
        job,
        links: false,
        follows: None,
    });
}
