//! Helpers shared by the integration tests: temporary libraries and the sample's manifest.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use triangulate::Library;
use triangulate::jobs::Progress;

/// The sample folder shipped in assets/.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// The sample's manifest: which file is which article, incident and copy.
pub fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(sample_dir().join("expected.json"))
        .expect("expected.json is readable");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// A new, empty library in a temporary folder (kept alive by the returned guard).
pub fn temp_library() -> (tempfile::TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite");
    let library = Library::open(&path).expect("a new library opens");
    (dir, path, library)
}

/// A temporary library with the sample folder imported from disk.
pub fn sample_library() -> (
    tempfile::TempDir,
    PathBuf,
    Library,
    triangulate::import::ImportReport,
) {
    let (dir, path, mut library) = temp_library();
    let report = triangulate::import::import_paths(
        &mut library,
        &[sample_dir()],
        &Default::default(),
        &Progress::new(),
    )
    .expect("the sample imports");
    (dir, path, library, report)
}

/// The path of the binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_triangulate")
}
