//! What a view asks of the app. Views do not change the app or write the library themselves: they
//! send a [`Command`] through their [`ViewContext`](super::context::ViewContext), and the app
//! applies it in one place ([`TriangulateApp::apply`](super::TriangulateApp)) once the view has
//! drawn. A write of the library is an [`Edit`]: a named write whose closure the applier runs
//! through the app's write path (refused on a read-only library, "Could not {what}: …" when it
//! fails) and which returns what it did ([`Written`]): the undo it made, which the applier keeps
//! for Edit > Undo, the line for the banner, and what to do once it succeeded.

use std::path::PathBuf;

use triangulate_core::library::{Library, Undo};
use triangulate_core::model::Id;

use super::compare::Target;
use super::dialogs::Purpose;
use super::{Notice, View, Views};

/// A change of the view states, made by the applier (once an edit succeeded, when an edit's
/// [`Written::then`] carries it).
pub type ViewUpdate = Box<dyn FnOnce(&mut Views)>;

/// The write an [`Edit`] runs on the open library.
pub type Write = Box<dyn FnOnce(&mut Library) -> triangulate_core::Result<Written>>;

/// Something a view (or the menu, a shortcut, a window) wants done.
pub enum Command {
    /// Write to the library, keep the undo the write made, and say what was done.
    Edit(Edit),
    /// Take back the latest edit (Edit > Undo).
    Undo,
    /// Put a trash entry back; Edit > Undo forgets the undo that would do the same.
    RestoreTrash(Id),
    /// Empty the trash for good; Edit > Undo forgets the undos that need what was in it.
    EmptyTrash,
    /// Open (or create) the library at this path.
    OpenLibrary(PathBuf),
    /// Ask which library to open, and open it (File > Open library…).
    ChooseLibrary,
    /// Ask where to make a new library, and make it (File > New library…).
    ChooseNewLibrary,
    /// Ask for folders of articles to import (File > Import folder…).
    ChooseFolders,
    /// Ask for article files to import (File > Import files…).
    ChooseFiles,
    /// Ask what outlet to give these files and folders, then import them.
    RequestImport(Vec<PathBuf>),
    /// Import files and folders in the background.
    StartImport {
        /// The files and folders.
        paths: Vec<PathBuf>,
        /// The outlet for articles that do not name one.
        outlet: Option<String>,
    },
    /// Look for links among the articles not linked yet, in the background.
    FindLinks,
    /// Ask where, and copy the library there in the background.
    BackUp,
    /// Ask where, and write every rating to a file.
    ExportRatings,
    /// Ask for a ratings file, and add what it holds.
    ImportRatings,
    /// Ask for a reference list (a rater's published ratings of outlets), and show what it holds
    /// before importing it (File > Import reference ratings…).
    ImportReferenceList,
    /// Import a reference list in the background, as the import window set it up.
    StartReferenceImport {
        /// The file.
        path: PathBuf,
        /// Its name, date and the column roles the analyst chose.
        options: Box<triangulate_core::reference::ImportOptions>,
    },
    /// What a background job wrote: its undo joins Edit > Undo, and its notice shows.
    JobWritten(Box<Written>),
    /// Ask where, and write the comparison Compare shows as a report.
    ExportReport,
    /// Show a view.
    Show(View),
    /// Compare an incident's reports, or hand-picked articles, in Compare.
    Compare(Target),
    /// Open an incident's page in the Incidents view.
    OpenIncident(Id),
    /// Open an article in the Library view's reader.
    OpenArticle(Id),
    /// Show a message in the banner.
    Notify(Notice),
    /// Set the analyst's name (a form's "Analyst" field).
    SetAnalyst(String),
    /// Change the view states.
    UpdateViews(ViewUpdate),
    /// A path typed in the app's own path field (the native dialog could not open): the command
    /// that asked for it runs again and takes it.
    PathChosen(Purpose, PathBuf),
}

impl Command {
    /// An edit of the library: `write` runs on it; on failure the banner says "Could not {what}: …".
    pub fn edit(
        what: impl Into<String>,
        write: impl FnOnce(&mut Library) -> triangulate_core::Result<Written> + 'static,
    ) -> Command {
        Command::Edit(Edit {
            what: what.into(),
            write: Box::new(write),
        })
    }

    /// A change of the view states.
    pub fn update_views(update: impl FnOnce(&mut Views) + 'static) -> Command {
        Command::UpdateViews(Box::new(update))
    }

    /// A message for the banner.
    pub fn inform(text: impl Into<String>) -> Command {
        Command::Notify(Notice {
            text: text.into(),
            is_error: false,
        })
    }
}

/// A named write of the library.
pub struct Edit {
    /// What the write does, as the banner says it on failure: "Could not {what}: …".
    pub what: String,
    /// The write; what it returns is applied only when it succeeds.
    pub write: Write,
}

/// What a write did: the undo it made, what to say, and what to do next.
#[derive(Default)]
pub struct Written {
    /// Taken back by Edit > Undo; `None` for writes that cannot be undone.
    pub undo: Option<Undo>,
    /// The banner line saying what was done.
    pub notice: Option<String>,
    /// Commands applied after the write, in order (a form cleared, another view opened).
    pub then: Vec<Command>,
}

impl Written {
    /// A write that made no undo and says nothing (yet).
    pub fn done() -> Written {
        Written::default()
    }

    /// With the undo the write made.
    pub fn undo(mut self, undo: Undo) -> Written {
        self.undo = Some(undo);
        self
    }

    /// With the banner line saying what was done.
    pub fn say(mut self, text: impl Into<String>) -> Written {
        self.notice = Some(text.into());
        self
    }

    /// With a command to apply once the write is done.
    pub fn then(mut self, command: Command) -> Written {
        self.then.push(command);
        self
    }

    /// With a change of the view states to make once the write is done.
    pub fn then_update(self, update: impl FnOnce(&mut Views) + 'static) -> Written {
        self.then(Command::update_views(update))
    }
}
