//! The desktop app: thin views over the core. State is one struct, [`TriangulateApp`]; each view
//! is a function of it in its own file. Views query the library through the core's functions
//! (never SQL) and cache what they read until the library changes. Long work — imports and
//! linking — runs as a [`Job`] on a background thread with its own connection; the UI thread only
//! draws. Edits of incidents and suggestions keep their [`Undo`] on a stack for Edit > Undo.

mod compare;
mod disagreements;
mod fonts;
mod import_log;
mod incidents;
mod lexicon;
mod library_view;
mod notes;
mod outlets;
mod paged;
mod suggestions;
mod trash;
mod widgets;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use triangulate_core::import::{self, ImportOptions, ImportReport};
use triangulate_core::jobs::{Job, Progress};
use triangulate_core::library::Undo;
use triangulate_core::library::{self, Library};
use triangulate_core::linking::{self, LinkOptions, LinkReport};
use triangulate_core::model::LibraryCounts;

/// How many edits Edit > Undo can take back.
const UNDO_DEPTH: usize = 100;

/// The views in the left navigation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum View {
    #[default]
    Library,
    Outlets,
    Disagreements,
    Incidents,
    Suggestions,
    Compare,
    Lexicon,
    ImportLog,
}

impl View {
    /// Every view, in navigation order.
    pub const ALL: [View; 8] = [
        View::Library,
        View::Outlets,
        View::Disagreements,
        View::Incidents,
        View::Suggestions,
        View::Compare,
        View::Lexicon,
        View::ImportLog,
    ];

    /// The label in the navigation and the view's heading.
    pub fn label(self) -> &'static str {
        match self {
            View::Library => "Library",
            View::Outlets => "Outlets",
            View::Disagreements => "Disagreements",
            View::Incidents => "Incidents",
            View::Suggestions => "Suggestions",
            View::Compare => "Compare",
            View::Lexicon => "Lexicon",
            View::ImportLog => "Import log",
        }
    }
}

/// What the app remembers between runs (window size is eframe's own).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    pub last_library: Option<PathBuf>,
    pub view: View,
    pub analyst: String,
}

/// Native file dialogs, behind a trait so that tests can answer them.
pub trait Dialogs {
    fn pick_folders(&self) -> Option<Vec<PathBuf>>;
    fn pick_article_files(&self) -> Option<Vec<PathBuf>>;
    fn open_library(&self) -> Option<PathBuf>;
    fn new_library(&self) -> Option<PathBuf>;
    /// Where to write a ratings file; `None` if the analyst cancels.
    fn save_ratings(&self) -> Option<PathBuf> {
        None
    }
    /// A ratings file to read; `None` if the analyst cancels.
    fn open_ratings(&self) -> Option<PathBuf> {
        None
    }
    /// Where to write a report, suggesting `name`; `None` if the analyst cancels.
    fn save_report(&self, name: &str) -> Option<PathBuf> {
        let _ = name;
        None
    }
    /// Where to write a backup of the library, suggesting `name`; `None` if the analyst cancels.
    fn save_backup(&self, name: &str) -> Option<PathBuf> {
        let _ = name;
        None
    }
}

/// rfd's native dialogs. They are modal: the window waits while one is open, as on every platform.
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn pick_folders(&self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("Import folders of articles")
            .pick_folders()
    }
    fn pick_article_files(&self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .set_title("Import article files")
            .add_filter(
                "Articles",
                &["txt", "md", "html", "htm", "json", "jsonl", "csv"],
            )
            .pick_files()
    }
    fn open_library(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open library")
            .add_filter("Triangulate library", &["sqlite", "db"])
            .pick_file()
    }
    fn new_library(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("New library")
            .set_file_name(library::DEFAULT_FILE_NAME)
            .save_file()
    }
    fn save_ratings(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export ratings")
            .add_filter("Ratings file", &["json"])
            .set_file_name("ratings.json")
            .save_file()
    }
    fn open_ratings(&self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Import ratings")
            .add_filter("Ratings file", &["json"])
            .pick_file()
    }
    fn save_report(&self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Export report")
            .add_filter("Web page (prints to PDF)", &["html"])
            .add_filter("Markdown", &["md"])
            .add_filter("CSV (claims and reports)", &["csv"])
            .add_filter("JSON", &["json"])
            .set_file_name(name)
            .save_file()
    }
    fn save_backup(&self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Back up library")
            .add_filter("Triangulate library", &["sqlite"])
            .set_file_name(name)
            .save_file()
    }
}

/// A message shown in the banner under the menu.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Files and folders the analyst chose to import, waiting for the import dialog's OK.
#[derive(Debug, Clone, Default)]
pub struct PendingImport {
    pub paths: Vec<PathBuf>,
    /// The outlet for articles whose files and folders do not name one.
    pub outlet: String,
}

/// What a background job produced.
pub enum JobOutcome {
    Import(ImportReport),
    Link(LinkReport),
    Backup(triangulate_core::library::backup::BackupReport),
}

/// The background job running now, if any.
struct RunningJob {
    job: Job<anyhow::Result<JobOutcome>>,
    /// Whether it finds links (the Suggestions view says so while its queue is empty).
    links: bool,
    /// The banner text its report is appended to: linking that follows an import reports after
    /// the import's own report.
    follows: Option<String>,
}

/// The whole app's state.
pub struct TriangulateApp {
    pub settings: Settings,
    library: Option<Library>,
    /// Bumped after every write, so views know their cached reads are stale.
    generation: u64,
    counts: LibraryCounts,
    notice: Option<Notice>,
    job: Option<RunningJob>,
    /// Edits of incidents and suggestions that Edit > Undo takes back, latest last.
    undo: Vec<Undo>,
    dialogs: Box<dyn Dialogs>,
    show_about: bool,
    show_preferences: bool,
    trash_window: trash::TrashWindow,
    /// The rating checklist of the open library.
    criteria: Vec<triangulate_core::ratings::Criterion>,
    pending_import: Option<PendingImport>,
    library_view: library_view::LibraryViewState,
    outlets_view: outlets::OutletsViewState,
    disagreements_view: disagreements::DisagreementsViewState,
    incidents_view: incidents::IncidentsViewState,
    suggestions_view: suggestions::SuggestionsViewState,
    compare_view: compare::CompareViewState,
    lexicon: lexicon::LexiconState,
    import_log: import_log::ImportLogState,
}

impl TriangulateApp {
    /// The app as eframe starts it: settings restored, the library given on the command line or
    /// the last one used or the default one (created with the sample articles on first run).
    pub fn new(cc: &eframe::CreationContext<'_>, library: Option<PathBuf>) -> TriangulateApp {
        fonts::add_system_fallback(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let explicit = library.is_some();
        let path = library
            .or_else(|| settings.last_library.clone().filter(|p| p.exists()))
            .map(Ok)
            .unwrap_or_else(library::default_library_path);
        let mut app = TriangulateApp::with_settings(settings, Box::new(NativeDialogs));
        match path {
            // Only the default library starts with the sample; one the analyst names starts empty.
            Ok(path) => app.open_library(&path, !explicit),
            Err(e) => app.fail(format!("{e:#}")),
        }
        app
    }

    /// The app on the library at `path`, without eframe: what UI tests drive.
    pub fn for_library(path: &Path, dialogs: Box<dyn Dialogs>) -> TriangulateApp {
        let mut app = TriangulateApp::with_settings(Settings::default(), dialogs);
        app.open_library(path, false);
        app
    }

    fn with_settings(settings: Settings, dialogs: Box<dyn Dialogs>) -> TriangulateApp {
        TriangulateApp {
            settings,
            library: None,
            generation: 0,
            counts: LibraryCounts::default(),
            notice: None,
            job: None,
            undo: Vec::new(),
            dialogs,
            show_about: false,
            show_preferences: false,
            trash_window: Default::default(),
            criteria: triangulate_core::ratings::default_criteria(),
            pending_import: None,
            library_view: Default::default(),
            outlets_view: Default::default(),
            disagreements_view: Default::default(),
            incidents_view: Default::default(),
            suggestions_view: Default::default(),
            compare_view: Default::default(),
            lexicon: Default::default(),
            import_log: Default::default(),
        }
    }

    /// Opens (or creates) a library; a new one gets the sample articles when `with_sample`.
    pub fn open_library(&mut self, path: &Path, with_sample: bool) {
        if self.job.is_some() {
            self.fail(
                "Wait for the running job to finish (or cancel it) before opening another library.",
            );
            return;
        }
        let is_new = !path.exists();
        // Another Triangulate writing this library: open it read-only, with a banner.
        match Library::open_or_read_only(path) {
            Ok(library) => {
                self.settings.last_library = Some(path.to_path_buf());
                self.library = Some(library);
                let (criteria, problem) = triangulate_core::ratings::criteria_for(path);
                self.criteria = criteria;
                self.notice = problem.map(|text| Notice {
                    text,
                    is_error: true,
                });
                self.library_view = Default::default();
                self.outlets_view = Default::default();
                self.disagreements_view = Default::default();
                self.incidents_view = Default::default();
                self.suggestions_view = Default::default();
                self.compare_view = Default::default();
                self.lexicon = Default::default();
                // Undoing an edit of another library would change this one.
                self.undo.clear();
                self.library_changed();
                self.trash_window = Default::default();
                if is_new && with_sample {
                    self.start_job(
                        "Loading the sample library",
                        path.to_path_buf(),
                        |library, progress| {
                            Ok(JobOutcome::Import(triangulate_core::sample::load_sample(
                                library, progress,
                            )?))
                        },
                    );
                }
            }
            Err(e) => self.fail(format!("Could not open the library: {e}")),
        }
    }

    /// The open library, if any.
    pub fn library(&self) -> Option<&Library> {
        self.library.as_ref()
    }

    /// The banner message, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The article open in the Library view's reader.
    pub fn library_view_selected(&self) -> Option<triangulate_core::model::Id> {
        self.library_view.selected
    }

    /// Whether a background job is running.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    /// What Edit > Undo would take back ("merge incidents"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|u| u.label.as_str())
    }

    /// The name decisions and links are recorded under.
    fn analyst(&self) -> String {
        match self.settings.analyst.trim() {
            "" => "unnamed analyst".to_string(),
            name => name.to_string(),
        }
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

    /// Blocks until the running job (if any) finishes and its result is taken in. For tests and
    /// for shutting down cleanly.
    pub fn wait_for_job(&mut self) {
        while self.job.is_some() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.poll_job();
        }
    }

    /// Writes the comparison Compare shows as a report, in the format the file name's extension
    /// asks for (HTML when it names none).
    fn export_report(&mut self) {
        let Some(comparison) = self.compare_view.shown().cloned() else {
            return;
        };
        let slug: String = comparison
            .incident
            .title
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
        let name = format!("{}.html", if slug.is_empty() { "report" } else { &slug });
        let Some(path) = self.dialogs.save_report(&name) else {
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
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let analyst = if self.settings.analyst.trim().is_empty() {
            "analyst".to_string()
        } else {
            self.settings.analyst.clone()
        };
        let written = format.and_then(|format| {
            let doc =
                triangulate_core::report::report_document(library, comparison, &analyst, &now)?;
            let text = triangulate_core::report::render(&doc, format)?;
            std::fs::write(&path, text).map_err(|source| triangulate_core::Error::Io {
                path: path.clone(),
                source,
            })
        });
        match written {
            Ok(()) => self.inform(format!("Report written to {}", path.display())),
            Err(e) => self.fail(format!("Could not export the report: {e}")),
        }
    }

    fn fail(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    fn inform(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
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

    /// Call after any write: refreshes the counts and makes every view re-read.
    fn library_changed(&mut self) {
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

    /// Asks what outlet to use for the chosen files, then imports them.
    pub fn request_import(&mut self, paths: Vec<PathBuf>) {
        if !paths.is_empty() {
            self.pending_import = Some(PendingImport {
                paths,
                outlet: String::new(),
            });
        }
    }

    /// Starts an import of files or folders in the background.
    pub fn start_import(&mut self, paths: Vec<PathBuf>, outlet: Option<String>) {
        let Some(path) = self.library.as_ref().map(|l| l.path().to_path_buf()) else {
            self.fail("Open a library first (File > Open library…).");
            return;
        };
        if paths.is_empty() {
            return;
        }
        let title = match paths.as_slice() {
            [one] => format!("Importing {}", one.display()),
            many => format!("Importing {} items", many.len()),
        };
        self.start_job(title, path, move |library, progress| {
            Ok(JobOutcome::Import(import::import_paths(
                library,
                &paths,
                &ImportOptions { outlet },
                progress,
            )?))
        });
    }

    /// Starts linking in the background: articles not linked yet are checked against the whole
    /// library and the suggestion queue is refreshed. Its report is appended to `follows`.
    pub fn find_links(&mut self, follows: Option<String>) {
        let Some(path) = self.library.as_ref().map(|l| l.path().to_path_buf()) else {
            self.fail("Open a library first (File > Open library…).");
            return;
        };
        if self.job.as_ref().is_some_and(|j| j.links) {
            self.inform("Linking is already running.");
            return;
        }
        self.start_job("Finding links", path, |library, progress| {
            Ok(JobOutcome::Link(linking::link_library(
                library,
                &LinkOptions::default(),
                progress,
            )?))
        });
        if let Some(job) = self.job.as_mut() {
            job.links = true;
            job.follows = follows;
        }
    }

    /// Whether the running job finds links.
    fn linking(&self) -> bool {
        self.job.as_ref().is_some_and(|j| j.links)
    }

    fn start_job(
        &mut self,
        title: impl Into<String>,
        library_path: PathBuf,
        work: impl FnOnce(&mut Library, &Progress) -> anyhow::Result<JobOutcome> + Send + 'static,
    ) {
        if self.job.is_some() {
            self.fail("Another job is running; wait for it or cancel it first.");
            return;
        }
        if let Some(why) = self.read_only() {
            self.fail(format!("{} is not possible: {why}.", title.into()));
            return;
        }
        // The job writes through its own connection; the UI keeps reading through its own.
        let job = Job::spawn(title, move |progress| {
            let mut library = Library::open(&library_path)?;
            work(&mut library, progress)
        });
        self.job = Some(RunningJob {
            job,
            links: false,
            follows: None,
        });
    }

    fn poll_job(&mut self) {
        let Some(running) = self.job.as_mut() else {
            return;
        };
        let Some(result) = running.job.try_finish() else {
            return;
        };
        let title = running.job.title().to_string();
        let follows = running.follows.take();
        self.job = None;
        match result {
            Ok(Ok(JobOutcome::Import(report))) => {
                let text = import_summary(&report);
                if report.cancelled {
                    self.inform(format!(
                        "{text} Edit > Find links (Ctrl+L) links what was imported."
                    ));
                } else {
                    self.inform(text.clone());
                    // New articles may be copies of, or report the same incident as, others.
                    self.library_changed();
                    self.find_links(Some(text));
                    return;
                }
            }
            Ok(Ok(JobOutcome::Backup(report))) => self.inform(format!(
                "Backed up {} articles to {} ({:.1} MB). To restore, close Triangulate and copy that file over the library, or open it with File > Open library….",
                widgets::thousands(report.articles as u64),
                report.path.display(),
                report.bytes as f64 / 1e6
            )),
            Ok(Ok(JobOutcome::Link(report))) => {
                let text = link_summary(&report);
                match follows {
                    Some(before) => self.inform(format!("{before} {text}")),
                    None => self.inform(text),
                }
            }
            Ok(Err(e)) => {
                let before = follows.map(|b| b + " ").unwrap_or_default();
                self.fail(format!("{before}{title} failed: {e:#}"))
            }
            Err(panic) => self.fail(format!("{title} stopped unexpectedly: {panic}")),
        }
        self.library_changed();
    }

    /// Draws one frame. eframe calls this through [`eframe::App::ui`]; tests call it directly.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.poll_job();
        if self.job.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.handle_dropped_files(ui.ctx());
        self.handle_shortcuts(ui.ctx());

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(150.0)
            .show(ui, |ui| self.navigation(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            self.read_only_banner(ui);
            self.notice_banner(ui);
            if self.library.is_none() {
                ui.heading(self.settings.view.label());
                ui.label("No library is open. Use File > Open library… or File > New library….");
                return;
            }
            self.show_view(ui);
        });
        trash::trash_window(self, ui.ctx());
        self.about_window(ui.ctx());
        self.import_window(ui.ctx());
        self.preferences_window(ui.ctx());
    }

    /// Draws the current view. A bug that panics in a view is shown as an error and that view
    /// starts afresh; the app and the library go on (every write is a transaction, so a panic
    /// mid-write changed nothing).
    fn show_view(&mut self, ui: &mut egui::Ui) {
        let view = self.settings.view;
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match view {
            View::Library => library_view::show(self, ui),
            View::Outlets => outlets::show(self, ui),
            View::Disagreements => disagreements::show(self, ui),
            View::Incidents => incidents::show(self, ui),
            View::Suggestions => suggestions::show(self, ui),
            View::Compare => compare::show(self, ui),
            View::Lexicon => lexicon::show(self, ui),
            View::ImportLog => import_log::show(self, ui),
        }));
        if let Err(panic) = drawn {
            let what = triangulate_core::jobs::panic_message(panic.as_ref());
            match view {
                View::Library => self.library_view = Default::default(),
                View::Outlets => self.outlets_view = Default::default(),
                View::Disagreements => self.disagreements_view = Default::default(),
                View::Incidents => self.incidents_view = Default::default(),
                View::Suggestions => self.suggestions_view = Default::default(),
                View::Compare => self.compare_view = Default::default(),
                View::Lexicon => self.lexicon = Default::default(),
                View::ImportLog => self.import_log = Default::default(),
            }
            self.fail(format!(
                "The {} view hit an internal error and was reset ({what}). Your library is unchanged; please report this.",
                view.label()
            ));
        }
    }

    /// Why the open library cannot be changed, when it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.library.as_ref().and_then(Library::read_only)
    }

    fn read_only_banner(&mut self, ui: &mut egui::Ui) {
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

    fn preferences_window(&mut self, ctx: &egui::Context) {
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

    fn import_window(&mut self, ctx: &egui::Context) {
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
            self.start_import(pending.paths, outlet);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("New library…").shortcut_text("Ctrl+N"))
                    .clicked()
                {
                    self.new_library_dialog();
                }
                if ui
                    .add(egui::Button::new("Open library…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.open_library_dialog();
                }
                ui.separator();
                if ui
                    .add(egui::Button::new("Import folder…").shortcut_text("Ctrl+I"))
                    .clicked()
                {
                    self.import_folder_dialog();
                }
                if ui.button("Import files…").clicked()
                    && let Some(files) = self.dialogs.pick_article_files()
                {
                    self.request_import(files);
                }
                ui.separator();
                if ui.button("Export ratings…").clicked() {
                    self.export_ratings();
                }
                if ui.button("Import ratings…").clicked() {
                    self.import_ratings();
                }
                ui.separator();
                let can_export =
                    self.settings.view == View::Compare && self.compare_view.shown().is_some();
                if ui
                    .add_enabled(can_export, egui::Button::new("Export report…"))
                    .on_disabled_hover_text("Open an incident in Compare to export its report.")
                    .clicked()
                {
                    self.export_report();
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
                    trash::back_up(self);
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
                    self.undo_last();
                }
                if ui
                    .add_enabled(self.library.is_some(), egui::Button::new("Trash…"))
                    .on_hover_text("What was deleted or merged away, kept until you empty the trash.")
                    .clicked()
                {
                    self.trash_window.open = true;
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
                    self.find_links(None);
                }
                ui.separator();
                if ui.button("Preferences…").clicked() {
                    self.show_preferences = true;
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("About").clicked() {
                    self.show_about = true;
                }
            });
        });
    }

    fn export_ratings(&mut self) {
        let Some(library) = self.library.as_ref() else {
            return;
        };
        let Some(path) = self.dialogs.save_ratings() else {
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

    fn import_ratings(&mut self) {
        let Some(path) = self.dialogs.open_ratings() else {
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
        if let Some(r) = self.write(&what, |library| library.import_ratings(&file)) {
            self.inform(format!(
                "{} ratings and {} credibility marks added from {}; {} were already here.",
                r.ratings_added,
                r.assessments_added,
                path.display(),
                r.already_present
            ));
        }
    }

    fn new_library_dialog(&mut self) {
        if let Some(path) = self.dialogs.new_library() {
            if path.exists() {
                self.fail(format!(
                    "{} already exists; use Open library… to open it.",
                    path.display()
                ));
            } else {
                self.open_library(&path, false);
            }
        }
    }

    fn open_library_dialog(&mut self) {
        if let Some(path) = self.dialogs.open_library() {
            self.open_library(&path, false);
        }
    }

    fn import_folder_dialog(&mut self) {
        if let Some(folders) = self.dialogs.pick_folders() {
            self.request_import(folders);
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let pressed = |key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)))
        };
        if pressed(Key::O) {
            self.open_library_dialog();
        }
        if pressed(Key::N) {
            self.new_library_dialog();
        }
        if pressed(Key::I) {
            self.import_folder_dialog();
        }
        if pressed(Key::Q) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if pressed(Key::L) {
            self.find_links(None);
        }
        // In a text field Ctrl+Z undoes typing, as everywhere.
        if !ctx.text_edit_focused() && pressed(Key::Z) {
            self.undo_last();
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
                self.settings.view = view;
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        self.request_import(dropped);
    }

    fn navigation(&mut self, ui: &mut egui::Ui) {
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
                self.settings.view = view;
            }
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            match &self.library {
                Some(library) => {
                    ui.label(library.path().display().to_string());
                    ui.separator();
                    let c = self.counts;
                    ui.label(format!(
                        "{} articles · {} outlets · {} incidents · {} suggestions",
                        widgets::thousands(c.articles.max(0) as u64),
                        widgets::thousands(c.outlets.max(0) as u64),
                        widgets::thousands(c.incidents.max(0) as u64),
                        widgets::thousands(c.suggestions.max(0) as u64)
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

    fn notice_banner(&mut self, ui: &mut egui::Ui) {
        let Some(notice) = &self.notice else { return };
        let mut dismiss = false;
        let color = if notice.is_error {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().text_color()
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(color, &notice.text);
                dismiss = ui.small_button("Dismiss").clicked();
            });
        });
        if dismiss {
            self.notice = None;
        }
        ui.add_space(4.0);
    }

    fn about_window(&mut self, ctx: &egui::Context) {
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
}

impl eframe::App for TriangulateApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        TriangulateApp::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}

/// The banner line of a finished import.
fn import_summary(report: &ImportReport) -> String {
    let verb = if report.cancelled {
        "Cancelled after importing"
    } else {
        "Imported"
    };
    let mut text = format!(
        "{verb} {} articles ({} already in the library).",
        report.imported, report.skipped_duplicates
    );
    match report.problems.len() {
        0 => {}
        1 => text.push_str(" 1 file had a problem: see Import log."),
        n => text.push_str(&format!(" {n} files had problems: see Import log.")),
    }
    text
}

/// The banner line of a finished linking run.
fn link_summary(report: &LinkReport) -> String {
    let found = match report.suggestions.added {
        0 => "no new suggestions".to_string(),
        1 => "1 new suggestion: see Suggestions".to_string(),
        n => format!("{n} new suggestions: see Suggestions"),
    };
    if report.cancelled {
        format!("Linking cancelled; it had found {found}. Edit > Find links (Ctrl+L) goes on.")
    } else {
        format!("Linking found {found}.")
    }
}

/// Runs the desktop app until its window closes.
pub fn run(library: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Triangulate")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Triangulate",
        options,
        Box::new(move |cc| Ok(Box::new(TriangulateApp::new(cc, library)))),
    )
    .map_err(|e| anyhow::anyhow!("could not start the window: {e}"))
}
