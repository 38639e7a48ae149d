//! The file dialogs the app asks through, behind a trait so that UI tests can answer them without
//! a window; [`NativeDialogs`] are rfd's.

use std::path::PathBuf;

use triangulate_core::library;

/// Native file dialogs, behind a trait so that tests can answer them.
pub trait Dialogs {
    /// Folders of articles to import; `None` if the analyst cancels.
    fn pick_folders(&self) -> Option<Vec<PathBuf>>;
    /// Article files to import; `None` if the analyst cancels.
    fn pick_article_files(&self) -> Option<Vec<PathBuf>>;
    /// A library to open; `None` if the analyst cancels.
    fn open_library(&self) -> Option<PathBuf>;
    /// Where to make a new library; `None` if the analyst cancels.
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

/// Dialogs that are always cancelled: the app without a window (benchmarks, unit tests).
pub struct NoDialogs;

impl Dialogs for NoDialogs {
    fn pick_folders(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn pick_article_files(&self) -> Option<Vec<PathBuf>> {
        None
    }
    fn open_library(&self) -> Option<PathBuf> {
        None
    }
    fn new_library(&self) -> Option<PathBuf> {
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
