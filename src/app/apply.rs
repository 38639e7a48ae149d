//! Where commands are carried out: [`TriangulateApp::apply`] is the one place the library is
//! written (through [`TriangulateApp::write`]), the one place an undo joins the Edit > Undo stack,
//! and where the file dialogs are asked. Views, the menu, shortcuts and windows only send
//! [`Command`]s.

use std::path::PathBuf;

use triangulate_core::library::{self, Library, Undo};

use super::command::{Command, Edit, Written};
use super::dialogs::Purpose;
use super::{Notice, TriangulateApp, View};

/// How many edits Edit > Undo can take back.
const UNDO_DEPTH: usize = 100;

impl TriangulateApp {
    /// Carries out `commands` in order.
    pub(super) fn apply_all(&mut self, commands: &mut Vec<Command>) {
        for command in std::mem::take(commands) {
            self.apply(command);
        }
    }

    /// Carries out one command.
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::Edit(edit) => self.edit(edit),
            Command::Undo => self.undo_last(),
            Command::RestoreTrash(entry) => {
                self.apply(Command::edit("restore from the trash", move |l| {
                    let restored = l.restore_trash(entry)?;
                    let mut text =
                        format!("Undid {}: {} put back.", restored.label, restored.restored);
                    if !restored.skipped.is_empty() {
                        text.push_str(&format!(" Not put back: {}.", restored.skipped.join("; ")));
                    }
                    Ok(Written::done().say(text))
                }));
                // Edit > Undo no longer has this one to take back.
                self.undo.retain(|u| u.trash() != Some(entry));
            }
            Command::EmptyTrash => {
                self.apply(Command::edit("empty the trash", |l| {
                    let n = l.empty_trash()?;
                    Ok(Written::done()
                        .say(format!("Emptied the trash ({n} entries removed for good).")))
                }));
                self.undo.retain(|u| u.trash().is_none());
            }
            Command::OpenLibrary(path) => self.open_library(&path, false),
            Command::ChooseLibrary => {
                if let Some(path) = self.ask_one(Purpose::OpenLibrary) {
                    self.apply(Command::OpenLibrary(path));
                }
            }
            Command::ChooseNewLibrary => {
                if let Some(path) = self.ask_one(Purpose::NewLibrary) {
                    if path.exists() {
                        self.fail(format!(
                            "{} already exists; use Open library… to open it.",
                            path.display()
                        ));
                    } else {
                        self.apply(Command::OpenLibrary(path));
                    }
                }
            }
            Command::ChooseFolders => {
                if let Some(folders) = self.ask(Purpose::ImportFolders) {
                    self.request_import(folders);
                }
            }
            Command::ChooseFiles => {
                if let Some(files) = self.ask(Purpose::ImportFiles) {
                    self.request_import(files);
                }
            }
            Command::RequestImport(paths) => self.request_import(paths),
            Command::StartImport { paths, outlet } => self.start_import(paths, outlet),
            Command::FindLinks => self.find_links(None),
            Command::BackUp => self.back_up(),
            Command::ExportRatings => self.export_ratings(),
            Command::ImportRatings => self.import_ratings(),
            Command::ImportReferenceList => self.choose_reference_list(),
            Command::StartReferenceImport { path, options } => {
                self.start_reference_import(path, *options)
            }
            Command::JobWritten(written) => {
                let Written { undo, notice, then } = *written;
                if let Some(undo) = undo {
                    self.push_undo(undo);
                }
                if let Some(text) = notice {
                    self.inform(text);
                }
                self.library_changed();
                for command in then {
                    self.apply(command);
                }
            }
            Command::ExportReport => self.export_report(),
            Command::Show(view) => self.settings.view = view,
            Command::Compare(target) => {
                self.views.compare.open(target);
                self.settings.view = View::Compare;
            }
            Command::OpenIncident(incident) => self.views.incidents.open(incident),
            Command::OpenArticle(article) => self.views.library.open(article),
            Command::Notify(notice) => self.notice = Some(notice),
            Command::SetAnalyst(name) => self.settings.analyst = name,
            Command::UpdateViews(update) => update(&mut self.views),
            Command::PathChosen(purpose, path) => {
                let asked = self.files.answered(purpose, path);
                self.apply(asked);
            }
        }
    }

    /// The paths the analyst chooses for `purpose`: the native dialog's, or, when it cannot
    /// open, `None` while the app's own path field asks (and the command runs again with its
    /// path).
    pub(super) fn ask(&mut self, purpose: Purpose) -> Option<Vec<PathBuf>> {
        self.files.ask(self.dialogs.as_ref(), purpose)
    }

    /// The one path the analyst chooses for `purpose` (see [`TriangulateApp::ask`]).
    pub(super) fn ask_one(&mut self, purpose: Purpose) -> Option<PathBuf> {
        self.files.ask_one(self.dialogs.as_ref(), purpose)
    }

    /// Runs an edit's write; when it succeeds, keeps its undo, says what it did and applies what
    /// follows it.
    fn edit(&mut self, Edit { what, write }: Edit) {
        let Some(Written { undo, notice, then }) = self.write(&what, write) else {
            return;
        };
        if let Some(undo) = undo {
            self.push_undo(undo);
        }
        if let Some(text) = notice {
            self.inform(text);
        }
        for command in then {
            self.apply(command);
        }
    }

    /// Runs a write on the open library. A failure is shown as "Could not {what}: …"; either way
    /// the views re-read. Returns what the write returned when it succeeded.
    fn write<T>(
        &mut self,
        what: &str,
        write: impl FnOnce(&mut Library) -> triangulate_core::Result<T>,
    ) -> Option<T> {
        if let Some(why) = self.read_only() {
            self.fail(format!("Could not {what}: {why}. Nothing was changed."));
            return None;
        }
        let result = self.library.as_mut().map(write);
        let done = match result {
            Some(Ok(value)) => Some(value),
            Some(Err(e)) => {
                self.fail(format!("Could not {what}: {e}"));
                None
            }
            None => None,
        };
        self.library_changed();
        done
    }

    /// Keeps an edit's undo for Edit > Undo.
    fn push_undo(&mut self, undo: Undo) {
        if self.undo.len() == UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.undo.push(undo);
    }

    /// Takes back the latest edit of incidents or suggestions.
    pub fn undo_last(&mut self) {
        let Some(undo) = self.undo.pop() else {
            return;
        };
        let what = format!("undo {}", undo.label);
        if self.write(&what, |library| library.undo(&undo)).is_some() {
            self.inform(format!("Undid {}.", undo.label));
        } else if undo.trash().is_none_or(|entry| {
            self.library
                .as_ref()
                .and_then(|l| l.trash().ok())
                .is_some_and(|trash| trash.iter().any(|e| e.id == entry))
        }) {
            // Nothing changed (the undo is one transaction): keep it to try again, unless
            // what it would restore has left the trash.
            self.undo.push(undo);
        }
    }

    /// Call after any write: refreshes the counts and makes every view re-read.
    pub(super) fn library_changed(&mut self) {
        self.generation += 1;
        if let Some(library) = &self.library {
            match library.counts() {
                Ok(counts) => self.counts = counts,
                Err(e) => {
                    self.notice = Some(Notice {
                        text: format!("Could not read the library: {e}"),
                        is_error: true,
                    })
                }
            }
        }
    }

    /// Shows an error in the banner.
    pub(super) fn fail(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    /// Shows a message in the banner.
    pub(super) fn inform(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    /// Writes the comparison Compare shows as a report, in the format the file name's extension
    /// asks for (HTML when it names none).
    fn export_report(&mut self) {
        let Some(comparison) = self.views.compare.shown().cloned() else {
            return;
        };
        let name = format!("{}.html", report_name(&comparison.incident.title));
        let Some(path) = self.ask_one(Purpose::SaveReport(name)) else {
            return;
        };
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .map(triangulate_core::report::Format::parse)
            .unwrap_or(Ok(triangulate_core::report::Format::Html));
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let analyst = if self.settings.analyst.trim().is_empty() {
            "analyst".to_string()
        } else {
            self.settings.analyst.clone()
        };
        let written = format.and_then(|format| {
            triangulate_core::report::export(library, comparison, &analyst, format, &path)
        });
        match written {
            Ok(()) => self.inform(format!("Report written to {}", path.display())),
            Err(e) => self.fail(format!("Could not export the report: {e}")),
        }
    }

    /// File > Export ratings…: every rating and credibility mark, as JSON, where the analyst says.
    fn export_ratings(&mut self) {
        if self.library.is_none() {
            return;
        }
        let Some(path) = self.ask_one(Purpose::SaveRatings) else {
            return;
        };
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let written = library
            .export_ratings()
            .map_err(anyhow::Error::from)
            .and_then(|file| Ok((serde_json::to_string_pretty(&file)?, file.ratings.len())))
            .and_then(|(text, n)| {
                std::fs::write(&path, text)?;
                Ok(n)
            });
        match written {
            Ok(n) => self.inform(format!("{n} ratings written to {}.", path.display())),
            Err(e) => self.fail(format!(
                "Could not export the ratings to {}: {e:#}",
                path.display()
            )),
        }
    }

    /// File > Import ratings…: adds the ratings and marks of a file another analyst exported.
    fn import_ratings(&mut self) {
        let Some(path) = self.ask_one(Purpose::OpenRatings) else {
            return;
        };
        let file = std::fs::read_to_string(&path)
            .map_err(anyhow::Error::from)
            .and_then(|text| Ok(serde_json::from_str::<library::RatingsFile>(&text)?));
        let file = match file {
            Ok(file) => file,
            Err(e) => return self.fail(format!("Could not import {}: {e:#}", path.display())),
        };
        let what = format!("import {}", path.display());
        self.apply(Command::edit(what, move |l| {
            let r = l.import_ratings(&file)?;
            let lists = match r.reference_lists_added {
                0 => String::new(),
                1 => " 1 version of a reference list added.".to_string(),
                n => format!(" {n} versions of reference lists added."),
            };
            Ok(Written::done().say(format!(
                "{} ratings and {} credibility marks added from {}; {} were already here.{lists}",
                r.ratings_added,
                r.assessments_added,
                path.display(),
                r.already_present
            )))
        }));
    }
}

impl TriangulateApp {
    /// File > Import reference ratings…: asks for the file, reads it, and opens the window that
    /// shows how its columns read before the import starts.
    fn choose_reference_list(&mut self) {
        if self.library.is_none() {
            return;
        }
        let Some(path) = self.ask_one(Purpose::OpenReferenceList) else {
            return;
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = triangulate_core::import::decode::decode(&bytes).text;
                let existing = self
                    .library
                    .as_ref()
                    .and_then(|l| l.reference_lists().ok())
                    .unwrap_or_default();
                self.views.references.import =
                    Some(super::references::ImportForm::new(path, text, &existing));
            }
            Err(e) => self.fail(format!("Could not read {}: {e}", path.display())),
        }
    }
}

/// A report's file name (without extension) from its incident's title: its first eight words,
/// lower case, joined by dashes; "report" when the title has no word.
fn report_name(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "report".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::NoDialogs;

    fn app_on_a_new_library() -> (tempfile::TempDir, TriangulateApp) {
        let dir = tempfile::tempdir().unwrap();
        let app =
            TriangulateApp::for_library(&dir.path().join("library.sqlite"), Box::new(NoDialogs));
        assert!(app.library().is_some());
        (dir, app)
    }

    #[test]
    fn a_successful_edit_keeps_its_undo_says_what_it_did_and_then_updates_the_views() {
        let (_dir, mut app) = app_on_a_new_library();
        let generation = app.generation;
        app.apply(Command::edit("do the thing", |_| {
            let mut undo = Undo::default();
            undo.label = "the thing".into();
            Ok(Written::done()
                .undo(undo)
                .say("Did the thing.")
                .then_update(|v| v.library.search = "afterwards".into()))
        }));
        assert_eq!(app.undo_label(), Some("the thing"));
        assert_eq!(
            app.notice().map(|n| n.text.as_str()),
            Some("Did the thing.")
        );
        assert_eq!(app.views.library.search, "afterwards");
        assert!(app.generation > generation, "the views re-read");
    }

    #[test]
    fn a_failed_edit_says_what_could_not_be_done_and_keeps_no_undo() {
        let (_dir, mut app) = app_on_a_new_library();
        app.apply(Command::edit("do the thing", |_| {
            Err(triangulate_core::Error::ReadOnly("a test".into()))
        }));
        let notice = app.notice().cloned().unwrap();
        assert!(notice.is_error);
        assert!(
            notice.text.starts_with("Could not do the thing: "),
            "{}",
            notice.text
        );
        assert_eq!(app.undo_label(), None);
    }
}
