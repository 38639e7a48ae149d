//! The first run: the analyst's name, asked once, and the "Start here" panel, which explains the
//! five steps of the work (import, fix outlets, link, compare, rate) with a button to each view.
//! The panel stays until closed and opens again from Help > Start here.
//!
//! A first run is a run with no saved settings: eframe's storage had none, so
//! [`first_run_settings`] stand in, with the name prompt and the panel pending and the name
//! defaulting to the user's login name. Settings saved by earlier versions have neither pending
//! ([`FirstRun`]'s default): an analyst who already works with Triangulate is not greeted again.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::command::Command;
use super::{Dialogs, Settings, TriangulateApp, View};

/// What the first run still has to show; saved with the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FirstRun {
    /// The name prompt has not been answered yet.
    pub ask_name: bool,
    /// The Start here panel is open.
    pub show_start: bool,
}

/// The settings of a run with none saved: the name prompt and the Start here panel pending, and
/// the user's login name as the analyst's until they give another.
pub fn first_run_settings() -> Settings {
    Settings {
        analyst: login_name(),
        first_run: FirstRun {
            ask_name: true,
            show_start: true,
        },
        ..Settings::default()
    }
}

/// The name the operating system knows the user by, or "" when it says none.
fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_default()
}

/// The five steps of the work: a title, what to do, and the views that do it.
const STEPS: [(&str, &str, &[View]); 5] = [
    (
        "Import",
        "Bring in folders of saved articles (File > Import folder…, Ctrl+I, or drop them on the window). Triangulate keeps the text, cuts what is not the article, and lists every file it could not read in the Import log. On a first run the library holds the sample: invented outlets reporting invented incidents, rated by two sample analysts.",
        &[View::Library, View::ImportLog],
    ),
    (
        "Fix outlets",
        "Check that each article sits under the right outlet: merge two names of one outlet, and assign articles filed under the wrong one.",
        &[View::Outlets],
    ),
    (
        "Link",
        "Linking runs after each import and proposes copies and reports of the same incident, with its evidence. Accept or reject each suggestion; accepted ones become incidents.",
        &[View::Suggestions, View::Incidents],
    ),
    (
        "Compare",
        "Put an incident's reports side by side: the figures each claims, whom each cites, the names each gives the parties, and what only one of them says. Export the comparison as a report.",
        &[View::Compare],
    ),
    (
        "Rate",
        "Grade each outlet's reliability A–F with the checklist and your reasons, on its page in Outlets. Where two analysts' grades are two steps or more apart, the outlet waits in Disagreements.",
        &[View::Disagreements],
    ),
];

/// The label of the button that shows `view` from the Start here panel.
pub fn go_to_label(view: View) -> String {
    format!("Go to {}", view.label())
}

impl TriangulateApp {
    /// The app as [`TriangulateApp::new`] starts it, without eframe: `saved` is what the last run
    /// stored (`None` on a first run), and the library at `path` is filled with the sample when
    /// it does not exist yet, as the default library is. What the first-run UI tests drive.
    pub fn starting(
        saved: Option<Settings>,
        path: &Path,
        dialogs: Box<dyn Dialogs>,
    ) -> TriangulateApp {
        let mut app =
            TriangulateApp::with_settings(saved.unwrap_or_else(first_run_settings), dialogs);
        app.open_library(path, true);
        app
    }

    /// The name prompt, then the Start here panel, while the first run has them pending.
    pub(super) fn first_run_windows(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.settings.first_run.ask_name {
            self.name_prompt(ctx);
        }
        if self.settings.first_run.show_start {
            self.start_here(ctx, commands);
        }
    }

    /// Asks the analyst's name once, over everything else; the login name is offered.
    fn name_prompt(&mut self, ctx: &egui::Context) {
        let mut done = false;
        let modal = egui::Modal::new(egui::Id::unique("first-run-name")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Welcome to Triangulate");
            ui.add_space(4.0);
            ui.label(
                "Your name goes with every rating, credibility mark and decision you record, so that several analysts can share one library and see who judged what.",
            );
            ui.add_space(6.0);
            let label = ui.label("Your name");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.settings.analyst)
                        .hint_text("as your colleagues know you")
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                done = true;
            }
            ui.label(
                egui::RichText::new("You can change it later in Edit > Preferences….").weak(),
            );
            ui.add_space(6.0);
            done |= ui.button("Continue").clicked();
        });
        // Closing the prompt keeps the name it shows, as Continue does: it is asked once.
        if done || modal.should_close() {
            self.settings.analyst = self.settings.analyst.trim().to_string();
            self.settings.first_run.ask_name = false;
        }
    }

    /// The five steps, each with a button to its views, until closed.
    fn start_here(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let mut open = true;
        let mut close = false;
        egui::Window::new("Start here")
            .open(&mut open)
            .collapsible(true)
            .resizable(false)
            .default_width(380.0)
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(ctx.content_rect().right_top() + egui::vec2(-16.0, 40.0))
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() - 160.0)
                    .show(ui, |ui| {
                        ui.label("Five steps make up the work, each in its own view:");
                        for (n, (title, what, views)) in STEPS.iter().enumerate() {
                            ui.add_space(8.0);
                            ui.strong(format!("{}. {title}", n + 1));
                            ui.label(*what);
                            ui.horizontal_wrapped(|ui| {
                                if n == 0 && ui.button("Import folder…").clicked() {
                                    commands.push(Command::ChooseFolders);
                                }
                                for &view in *views {
                                    if ui.button(go_to_label(view)).clicked() {
                                        commands.push(Command::Show(view));
                                    }
                                }
                            });
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    close = ui.button("Close").clicked();
                    ui.label(egui::RichText::new("Help > Start here opens it again.").weak());
                });
            });
        if !open || close {
            self.settings.first_run.show_start = false;
        }
    }
}
