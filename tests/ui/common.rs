//! The UI tests' helpers: the shared ones of tests/common, and the app in a kittest harness with
//! file dialogs that answer as a test says.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "../common/mod.rs"]
mod shared;
pub use shared::*;

/// File dialogs that answer as a test says, without a window.
#[derive(Default, Clone)]
pub struct ScriptedDialogs {
    pub folders: Option<Vec<PathBuf>>,
    /// Where File > Export report… writes.
    pub report: Option<PathBuf>,
    /// Where File > Back up library… writes.
    pub backup: Option<PathBuf>,
    /// The list File > Import reference ratings… reads.
    pub reference: Option<PathBuf>,
}

impl triangulate::app::Dialogs for ScriptedDialogs {
    fn pick_folders(&self) -> Option<Vec<PathBuf>> {
        self.folders.clone()
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
    fn save_report(&self, _name: &str) -> Option<PathBuf> {
        self.report.clone()
    }
    fn save_backup(&self, _name: &str) -> Option<PathBuf> {
        self.backup.clone()
    }
    fn open_reference_list(&self) -> Option<PathBuf> {
        self.reference.clone()
    }
}

/// The app on `path` in a kittest harness the size of a laptop screen, after its first frames.
/// `run` may take up to 32 frames to settle (kittest's default is 4): background readers wake the
/// UI as they finish, and with all UI tests in one process on two cores they finish late.
pub fn harness_for(
    path: &Path,
    dialogs: ScriptedDialogs,
) -> egui_kittest::Harness<'static, triangulate::app::TriangulateApp> {
    let app = triangulate::app::TriangulateApp::for_library(path, Box::new(dialogs));
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(32)
        .build_ui_state(
            |ui, app: &mut triangulate::app::TriangulateApp| app.ui(ui),
            app,
        );
    harness.run();
    harness
}

/// The text of the notice the app shows (after an action, or an error), or "" when none shows.
pub fn notice(
    harness: &egui_kittest::Harness<'static, triangulate::app::TriangulateApp>,
) -> String {
    harness
        .state()
        .notice()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// A new library with the given files (name, contents) imported from one folder called
/// `folder`: the directory that holds both, and the library's path.
pub fn library_of_files(folder: &str, files: &[(String, String)]) -> (tempfile::TempDir, PathBuf) {
    let (dir, path, mut library) = temp_library();
    let folder = dir.path().join(folder);
    std::fs::create_dir(&folder).expect("a folder");
    for (name, contents) in files {
        std::fs::write(folder.join(name), contents).expect("a file");
    }
    triangulate_core::import::import_paths(
        &mut library,
        &[folder],
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .expect("the files import");
    drop(library);
    (dir, path)
}
