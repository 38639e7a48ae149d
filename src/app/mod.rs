//! The desktop app: thin views over the core. State is one struct, [`TriangulateApp`]; each view
//! keeps its own state (all of them in [`Views`]) and draws with a narrow
//! [`ViewContext`](context::ViewContext): the library to read and where to send what it wants
//! done. Views query the library through the core's functions (never SQL) and cache what they
//! read until the library changes. They never write it: they send [`Command`](command::Command)s,
//! which [`TriangulateApp::apply`] carries out in one place ([`apply`]), keeping each edit's
//! [`Undo`](triangulate_core::library::Undo) for Edit > Undo. Long work — imports and linking —
//! runs as a background job ([`jobs`]) with its own connection; the UI thread only draws.
//!
//! Adding a view touches three places here: a variant of [`View`] (with its label), its state in
//! [`Views`] (with its arm in [`Views::reset`]), and its arm in [`TriangulateApp::draw_view`].

mod apply;
mod command;
mod compare;
mod context;
mod dialogs;
mod disagreements;
mod fonts;
mod import_log;
mod incident_picker;
mod incidents;
mod jobs;
mod lexicon;
mod library_view;
mod notes;
mod outlets;
mod paged;
mod references;
mod shell;
mod start;
mod suggestions;
mod trash;
mod widgets;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use triangulate_core::library::{self, Library, Undo};
use triangulate_core::model::LibraryCounts;

use command::Command;
use context::ViewContext;
pub use dialogs::{Dialogs, NativeDialogs, NoDialogs};
pub use jobs::JobOutcome;
use jobs::RunningJob;
pub use start::FirstRun;

/// The views in the left navigation, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum View {
    /// Every article, searched and filtered, with a reader.
    #[default]
    Library,
    /// Outlets, their ratings and axes.
    Outlets,
    /// Ratings and marks two analysts disagree on.
    Disagreements,
    /// Incidents and their reports.
    Incidents,
    /// What linking proposes.
    Suggestions,
    /// An incident's reports side by side.
    Compare,
    /// The framing lexicon.
    Lexicon,
    /// Each import and the files it could not read.
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
    /// The library opened last, opened again at start.
    pub last_library: Option<PathBuf>,
    /// The view shown last.
    pub view: View,
    /// The analyst's name, recorded with every rating, mark and decision.
    pub analyst: String,
    /// The name prompt and the Start here panel, while a first run has them pending.
    pub first_run: FirstRun,
}

/// A message shown in the banner under the menu.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// What it says.
    pub text: String,
    /// Whether it reports a failure (shown in the error colour).
    pub is_error: bool,
}

/// Files and folders the analyst chose to import, waiting for the import dialog's OK.
#[derive(Debug, Clone, Default)]
pub struct PendingImport {
    /// The files and folders.
    pub paths: Vec<PathBuf>,
    /// The outlet for articles whose files and folders do not name one.
    pub outlet: String,
}

/// What every view (and the Trash window) remembers between frames. Opening a library starts
/// them all afresh.
#[derive(Default)]
struct Views {
    library: library_view::LibraryViewState,
    outlets: outlets::OutletsViewState,
    disagreements: disagreements::DisagreementsViewState,
    incidents: incidents::IncidentsViewState,
    suggestions: suggestions::SuggestionsViewState,
    compare: compare::CompareViewState,
    lexicon: lexicon::LexiconState,
    import_log: import_log::ImportLogState,
    trash: trash::TrashWindow,
    /// The Reference lists window, and the import window of a reference list.
    references: references::ReferencesWindow,
}

impl Views {
    /// Starts one view afresh.
    fn reset(&mut self, view: View) {
        match view {
            View::Library => self.library = Default::default(),
            View::Outlets => self.outlets = Default::default(),
            View::Disagreements => self.disagreements = Default::default(),
            View::Incidents => self.incidents = Default::default(),
            View::Suggestions => self.suggestions = Default::default(),
            View::Compare => self.compare = Default::default(),
            View::Lexicon => self.lexicon = Default::default(),
            View::ImportLog => self.import_log = Default::default(),
        }
    }
}

/// The whole app's state.
pub struct TriangulateApp {
    /// What the app remembers between runs.
    pub settings: Settings,
    library: Option<Library>,
    /// Bumped after every write, so views know their cached reads are stale.
    generation: u64,
    counts: LibraryCounts,
    notice: Option<Notice>,
    job: Option<RunningJob>,
    /// Edits that Edit > Undo takes back, latest last.
    undo: Vec<Undo>,
    dialogs: Box<dyn Dialogs>,
    /// The app's own path field, when a native dialog cannot open.
    files: dialogs::FileChooser,
    show_about: bool,
    show_preferences: bool,
    /// The rating checklist of the open library.
    criteria: Vec<triangulate_core::ratings::Criterion>,
    pending_import: Option<PendingImport>,
    views: Views,
}

impl TriangulateApp {
    /// The app as eframe starts it: settings restored, the library given on the command line or
    /// the last one used or the default one (created with the sample articles on first run).
    pub fn new(cc: &eframe::CreationContext<'_>, library: Option<PathBuf>) -> TriangulateApp {
        fonts::add_system_fallback(&cc.egui_ctx);
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_else(start::first_run_settings);
        let explicit = library.is_some();
        let path = library
            .or_else(|| settings.last_library.clone().filter(|p| p.exists()))
            .map(Ok)
            .unwrap_or_else(library::default_library_path);
        let mut app = TriangulateApp::with_settings(settings, Box::new(NativeDialogs::default()));
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
            files: dialogs::FileChooser::default(),
            show_about: false,
            show_preferences: false,
            criteria: triangulate_core::ratings::default_criteria(),
            pending_import: None,
            views: Views::default(),
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
                self.views = Views::default();
                // Undoing an edit of another library would change this one.
                self.undo.clear();
                self.library_changed();
                if is_new && with_sample {
                    self.start_job(
                        "Loading the sample library",
                        path.to_path_buf(),
                        |library, progress| {
                            Ok(JobOutcome::Sample(
                                triangulate_core::sample::fill_new_library(library, progress)?,
                            ))
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
        self.views.library.selected
    }

    /// Waits until the Library view's background count or search is in, and takes it: UI tests
    /// call it between frames, since those results come from another thread.
    pub fn wait_for_library_view(&mut self) {
        self.views.library.wait();
    }

    /// What Edit > Undo would take back ("merge incidents"), if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|u| u.label.as_str())
    }

    /// Why the open library cannot be changed, when it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.library.as_ref().and_then(Library::read_only)
    }

    /// Draws one frame. eframe calls this through [`eframe::App::ui`]; tests call it directly.
    /// What each part sends is applied as soon as that part has drawn, so the parts drawn after
    /// it see the change in the same frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.poll_job();
        if self.job.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        let mut commands = Vec::new();
        TriangulateApp::dropped_files(ui.ctx(), &mut commands);
        TriangulateApp::shortcuts(ui.ctx(), &mut commands);
        self.apply_all(&mut commands);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut commands));
        self.apply_all(&mut commands);
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(150.0)
            .show(ui, |ui| self.navigation(ui, &mut commands));
        self.apply_all(&mut commands);
        egui::CentralPanel::default().show(ui, |ui| {
            self.read_only_banner(ui);
            self.notice_banner(ui);
            if self.library.is_none() {
                ui.heading(self.settings.view.label());
                ui.label("No library is open. Use File > Open library… or File > New library….");
                return;
            }
            self.show_view(ui, &mut commands);
        });
        self.apply_all(&mut commands);
        if let Some((views, mut ctx)) = self.split(&mut commands) {
            views.trash.show(ui.ctx(), &mut ctx);
            views.references.show(ui.ctx(), &mut ctx);
        }
        self.apply_all(&mut commands);
        self.about_window(ui.ctx());
        self.import_window(ui.ctx(), &mut commands);
        self.path_window(ui.ctx(), &mut commands);
        self.apply_all(&mut commands);
        self.preferences_window(ui.ctx());
        self.first_run_windows(ui.ctx(), &mut commands);
        self.apply_all(&mut commands);
    }

    /// Draws the current view and passes on what it sent. A bug that panics in a view is shown
    /// as an error and that view starts afresh, what it sent dropped; the app and the library go
    /// on (every write is a transaction, and views do not write).
    fn show_view(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let view = self.settings.view;
        let mut sent = Vec::new();
        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.draw_view(view, ui, &mut sent)
        }));
        match drawn {
            Ok(()) => commands.append(&mut sent),
            Err(panic) => {
                let what = triangulate_core::jobs::panic_message(panic.as_ref());
                self.views.reset(view);
                self.fail(format!(
                    "The {} view hit an internal error and was reset ({what}). Your library is unchanged; please report this.",
                    view.label()
                ));
            }
        }
    }

    /// Draws `view` with its state and the context.
    fn draw_view(&mut self, view: View, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let Some((views, mut ctx)) = self.split(commands) else {
            return;
        };
        // Incidents and Outlets add the articles picked in the Library view.
        let picked = &views.library.marked;
        match view {
            View::Library => views.library.ui(ui, &mut ctx),
            View::Outlets => views.outlets.ui(ui, &mut ctx, picked),
            View::Disagreements => views.disagreements.ui(ui, &mut ctx),
            View::Incidents => views.incidents.ui(ui, &mut ctx, picked),
            View::Suggestions => views.suggestions.ui(ui, &mut ctx),
            View::Compare => views.compare.ui(ui, &mut ctx),
            View::Lexicon => views.lexicon.ui(ui, &mut ctx),
            View::ImportLog => views.import_log.ui(ui, &mut ctx),
        }
    }

    /// The view states, and the context the views draw with (sending into `commands`); `None`
    /// while no library is open.
    fn split<'a>(
        &'a mut self,
        commands: &'a mut Vec<Command>,
    ) -> Option<(&'a mut Views, ViewContext<'a>)> {
        let linking = self.linking();
        let TriangulateApp {
            library: Some(library),
            views,
            settings,
            generation,
            counts,
            criteria,
            ..
        } = self
        else {
            return None;
        };
        let ctx = ViewContext {
            library,
            generation: *generation,
            counts: *counts,
            analyst: &settings.analyst,
            read_only: library.read_only(),
            criteria,
            linking,
            commands,
        };
        Some((views, ctx))
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

/// The icon of the window and the task bar (`assets/icons/`); none if it cannot be read, which
/// only a broken build could cause.
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/triangulate-256.png"))
        .unwrap_or_default()
}

/// Runs the desktop app until its window closes.
pub fn run(library: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Triangulate")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true)
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "Triangulate",
        options,
        Box::new(move |cc| Ok(Box::new(TriangulateApp::new(cc, library)))),
    )
    .map_err(|e| anyhow::anyhow!("could not start the window: {e}"))
}
