//! The window around the views: the menu bar, keyboard shortcuts and dropped files, the navigation
//! on the left, the status bar, the banners, and the About, Preferences and Import windows. What
//! they ask of the app they send as [`Command`]s, like the views.

use std::path::PathBuf;

use triangulate_core::library;

use super::command::Command;
use super::jobs::RunningJob;
use super::{TriangulateApp, View, widgets};

impl TriangulateApp {
    /// File, Edit and Help.
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("New library…").shortcut_text("Ctrl+N"))
                    .clicked()
                {
                    commands.push(Command::ChooseNewLibrary);
                }
                if ui
                    .add(egui::Button::new("Open library…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    commands.push(Command::ChooseLibrary);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Import folder…").shortcut_text("Ctrl+I"))
                    .clicked()
                {
                    commands.push(Command::ChooseFolders);
                }
                if ui.button("Import files…").clicked() {
                    commands.push(Command::ChooseFiles);
                }
                ui.separator();
                if ui.button("Export ratings…").clicked() {
                    commands.push(Command::ExportRatings);
                }
                if ui.button("Import ratings…").clicked() {
                    commands.push(Command::ImportRatings);
                }
                if ui
                    .add_enabled(
                        self.library.is_some(),
                        egui::Button::new("Import reference ratings…"),
                    )
                    .on_hover_text("A list of ratings published by others (a CSV or TSV file), shown beside the desk's own grades and never part of them.")
                    .clicked()
                {
                    commands.push(Command::ImportReferenceList);
                }
                if ui
                    .add_enabled(self.library.is_some(), egui::Button::new("Reference lists…"))
                    .clicked()
                {
                    self.views.references.open = true;
                }
                ui.separator();
                let can_export =
                    self.settings.view == View::Compare && self.views.compare.shown().is_some();
                if ui
                    .add_enabled(can_export, egui::Button::new("Export report…"))
                    .on_disabled_hover_text("Open an incident in Compare to export its report.")
                    .clicked()
                {
                    commands.push(Command::ExportReport);
                }
                ui.separator();
                if ui
                    .add_enabled(
                        self.library.is_some() && self.job.is_none(),
                        egui::Button::new("Back up library…"),
                    )
                    .on_hover_text("Copy the library, as it is now, to a file of your choice.")
                    .clicked()
                {
                    commands.push(Command::BackUp);
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Quit").shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = match self.undo_label() {
                    Some(label) => format!("Undo {label}"),
                    None => "Undo".to_string(),
                };
                if ui
                    .add_enabled(
                        !self.undo.is_empty(),
                        egui::Button::new(undo).shortcut_text("Ctrl+Z"),
                    )
                    .on_disabled_hover_text("Nothing to undo: deleting articles and ratings, merging outlets and incidents, edits of incidents and link decisions can be undone.")
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(self.library.is_some(), egui::Button::new("Trash…"))
                    .on_hover_text("What was deleted or merged away, kept until you empty the trash.")
                    .clicked()
                {
                    self.views.trash.open = true;
                }
                ui.separator();
                if ui
                    .add_enabled(
                        self.library.is_some() && !self.linking(),
                        egui::Button::new("Find links").shortcut_text("Ctrl+L"),
                    )
                    .on_hover_text("Look for copies and reports of the same incident among articles not linked yet; they join the Suggestions queue.")
                    .clicked()
                {
                    commands.push(Command::FindLinks);
                }
                ui.separator();
                if ui.button("Preferences…").clicked() {
                    self.show_preferences = true;
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Start here").clicked() {
                    self.settings.first_run.show_start = true;
                }
                if ui.button("About").clicked() {
                    self.show_about = true;
                }
            });
        });
    }

    /// The menu's shortcuts, and Ctrl+1 to Ctrl+8 for the views.
    pub(super) fn shortcuts(ctx: &egui::Context, commands: &mut Vec<Command>) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let pressed = |key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)))
        };
        if pressed(Key::O) {
            commands.push(Command::ChooseLibrary);
        }
        if pressed(Key::N) {
            commands.push(Command::ChooseNewLibrary);
        }
        if pressed(Key::I) {
            commands.push(Command::ChooseFolders);
        }
        if pressed(Key::Q) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if pressed(Key::L) {
            commands.push(Command::FindLinks);
        }
        // In a text field Ctrl+Z undoes typing, as everywhere.
        if !ctx.text_edit_focused() && pressed(Key::Z) {
            commands.push(Command::Undo);
        }
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
        ];
        for (key, view) in digits.into_iter().zip(View::ALL) {
            if pressed(key) {
                commands.push(Command::Show(view));
            }
        }
    }

    /// Files and folders dropped on the window are imported (after asking their outlet).
    pub(super) fn dropped_files(ctx: &egui::Context, commands: &mut Vec<Command>) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            commands.push(Command::RequestImport(dropped));
        }
    }

    /// The views, one button each.
    pub(super) fn navigation(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.add_space(6.0);
        for (n, view) in View::ALL.into_iter().enumerate() {
            let label = view.label();
            let response = ui
                .add_sized(
                    [ui.available_width(), 28.0],
                    egui::Button::selectable(self.settings.view == view, label),
                )
                .on_hover_text(format!("Ctrl+{}", n + 1));
            if response.clicked() {
                commands.push(Command::Show(view));
            }
        }
    }

    /// The library and its counts, the analyst, and the running job with its progress.
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            match &self.library {
                Some(library) => {
                    // A long path gives way (shortened, whole on hover) to what follows it.
                    let path = library.path().display().to_string();
                    let room = (ui.available_width() - 480.0).max(80.0);
                    ui.scope(|ui| {
                        ui.set_max_width(room);
                        ui.add(egui::Label::new(&path).truncate())
                            .on_hover_text(&path);
                    });
                    ui.separator();
                    let c = self.counts;
                    let count = |n: i64, noun: &str| {
                        let n = n.max(0) as u64;
                        let noun = if n == 1 {
                            noun.to_string()
                        } else {
                            format!("{noun}s")
                        };
                        format!("{} {noun}", widgets::thousands(n))
                    };
                    ui.label(format!(
                        "{} · {} · {} · {}",
                        count(c.articles, "article"),
                        count(c.outlets, "outlet"),
                        count(c.incidents, "incident"),
                        count(c.suggestions, "suggestion")
                    ));
                }
                None => {
                    ui.label("No library open");
                }
            }
            ui.separator();
            let who = if self.settings.analyst.trim().is_empty() {
                "no analyst name set"
            } else {
                self.settings.analyst.as_str()
            };
            if ui
                .link(format!("Analyst: {who}"))
                .on_hover_text("Edit > Preferences…")
                .clicked()
            {
                self.show_preferences = true;
            }
            if let Some(RunningJob { job, .. }) = &self.job {
                ui.separator();
                let p = job.progress().snapshot();
                ui.label(job.title());
                let text = if p.total > 0 {
                    format!("{} / {}", p.done, p.total)
                } else {
                    p.stage.clone()
                };
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .desired_width(180.0)
                        .text(text),
                );
                if p.cancelled {
                    ui.label("Cancelling…");
                } else if ui.button("Cancel").clicked() {
                    job.progress().cancel();
                }
            }
        });
    }

    /// The message of the last action, until dismissed or replaced.
    pub(super) fn notice_banner(&mut self, ui: &mut egui::Ui) {
        let Some(notice) = &self.notice else { return };
        let mut dismiss = false;
        let color = if notice.is_error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().text_color()
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            // Wrapped: a long message stays in a small window.
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(color, &notice.text);
                dismiss = ui.small_button("Dismiss").clicked();
            });
        });
        if dismiss {
            self.notice = None;
        }
        ui.add_space(4.0);
    }

    /// Why the library cannot be changed, while it cannot.
    pub(super) fn read_only_banner(&self, ui: &mut egui::Ui) {
        let Some(why) = self.read_only() else { return };
        let text = format!(
            "Read-only: {why}. You can read, search and compare; to make changes, close the other Triangulate and open this library again (File > Open library…)."
        );
        egui::Frame::group(ui.style())
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .show(ui, |ui| {
                ui.colored_label(ui.visuals().warn_fg_color, text);
            });
        ui.add_space(4.0);
    }

    /// Help > About.
    pub(super) fn about_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_about;
        egui::Window::new("About Triangulate")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("Triangulate {}", env!("CARGO_PKG_VERSION")));
                ui.label("A workbench for judging news sources: keep a library of articles, rate outlets, link reports of one incident, and compare how outlets frame it.");
                ui.label(format!("Library schema {}", library::latest_version()));
            });
        self.show_about = open;
    }

    /// Edit > Preferences…: the analyst's name.
    pub(super) fn preferences_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_preferences;
        egui::Window::new("Preferences")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let label = ui.label("Analyst name");
                ui.add(
                    egui::TextEdit::singleline(&mut self.settings.analyst)
                        .hint_text("stored with every rating and mark"),
                )
                .labelled_by(label.id);
                ui.label(
                    egui::RichText::new(
                        "Every rating and credibility mark you make carries this name.",
                    )
                    .weak(),
                );
            });
        self.show_preferences = open;
    }

    /// The outlet for the files chosen to import, and Start import.
    pub(super) fn import_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(pending) = self.pending_import.as_mut() else {
            return;
        };
        let mut go = false;
        let mut cancel = false;
        egui::Window::new("Import articles")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .show(ctx, |ui| {
                for path in pending.paths.iter().take(5) {
                    ui.label(path.display().to_string());
                }
                if pending.paths.len() > 5 {
                    ui.label(format!("and {} more", pending.paths.len() - 5));
                }
                ui.add_space(6.0);
                let label = ui.label("Outlet for articles that do not name one");
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut pending.outlet)
                            .hint_text("empty: the folder's outlet.txt, else its name")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    go = true;
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    go |= ui.button("Start import").clicked();
                    cancel = ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape));
                });
            });
        if cancel {
            self.pending_import = None;
        } else if go && let Some(pending) = self.pending_import.take() {
            let outlet = Some(pending.outlet.trim().to_string()).filter(|o| !o.is_empty());
            commands.push(Command::StartImport {
                paths: pending.paths,
                outlet,
            });
        }
    }
}

impl TriangulateApp {
    /// The app's own path field, when the native file dialog could not open: why, the path (Tab
    /// completes it, the matching entries of its folder listed under it), and the button that
    /// takes it once it is a path the purpose can use.
    pub(super) fn path_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(prompt) = self.files.prompt.as_mut() else {
            return;
        };
        let mut take = false;
        let mut cancel = false;
        // Narrower than the smallest window, wide enough for a path.
        let width = (ctx.content_rect().width() - 60.0).clamp(220.0, 560.0);
        egui::Window::new(prompt.purpose.title())
            .id(egui::Id::unique("path-field-window"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .show(ctx, |ui| {
                ui.set_width(width);
                ui.label(
                    egui::RichText::new(format!(
                        "The system's file dialog could not open ({}). Type the path here instead.",
                        prompt.why
                    ))
                    .color(ui.visuals().warn_fg_color),
                );
                ui.label(
                    egui::RichText::new(
                        "Tab completes a name from the folder's entries, listed below; Enter takes the path.",
                    )
                    .weak(),
                );
                ui.add_space(4.0);
                let id = egui::Id::unique("path-field");
                // Tab completes, rather than leaving the field (which keeps the focus).
                let tab = ui.memory(|m| m.has_focus(id))
                    && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab));
                let completed = tab && prompt.complete();
                let label = ui.label("Path");
                let output = egui::TextEdit::singleline(&mut prompt.text)
                    .id(id)
                    .lock_focus(true)
                    .desired_width(f32::INFINITY)
                    .show(ui);
                let field = output.response.response.clone().labelled_by(label.id);
                if completed {
                    // The cursor goes to the end of what was completed.
                    let mut state = output.state;
                    let end = egui::text::CCursor::new(prompt.text.chars().count());
                    state
                        .cursor
                        .set_char_range(Some(egui::text::CCursorRange::one(end)));
                    state.store(ui.ctx(), id);
                }
                // Before the field takes the focus back: Enter gave it up.
                take |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if !take && ui.memory(|m| m.focused().is_none()) {
                    field.request_focus();
                }
                if field.changed() {
                    prompt.problem = None;
                }

                let mut chosen = None;
                match prompt.suggestions() {
                    Ok(entries) if entries.is_empty() => {
                        ui.label(egui::RichText::new("No entry of this folder starts with that.").weak());
                    }
                    Ok(entries) => {
                        egui::ScrollArea::vertical()
                            .id_salt("path-field-entries")
                            .max_height(150.0)
                            .auto_shrink([false, true])
                            .show(ui, |ui| {
                                for entry in entries.iter().take(500) {
                                    let name = if entry.is_folder {
                                        format!("{}{}", entry.name, std::path::MAIN_SEPARATOR)
                                    } else {
                                        entry.name.clone()
                                    };
                                    if ui.selectable_label(false, name).clicked() {
                                        chosen = Some(entry.clone());
                                    }
                                }
                            });
                    }
                    Err(why) => {
                        ui.label(egui::RichText::new(why).weak());
                    }
                }
                if let Some(entry) = chosen {
                    prompt.choose(&entry);
                    field.request_focus();
                }
                if let Some(problem) = &prompt.problem {
                    ui.colored_label(ui.visuals().error_fg_color, problem);
                }
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    take |= ui.button(prompt.purpose.action()).clicked();
                    cancel = ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape));
                });
            });
        if cancel {
            self.files.prompt = None;
        } else if take {
            match prompt.check() {
                Ok(path) => {
                    commands.push(Command::PathChosen(prompt.purpose.clone(), path));
                    self.files.prompt = None;
                }
                Err(why) => prompt.problem = Some(why),
            }
        }
    }
}
