//! UI tests of the app's own path field, offered when the system's file dialog cannot open (on
//! Linux with no desktop portal, where the dialog comes back with nothing as if cancelled): the
//! field says why, Tab completes a path from its folder's entries, a path that cannot be used is
//! refused with why, and the import, the opening of a library and the export of a report go on.

use std::path::PathBuf;

use crate::common;
use crate::small_windows::harness_sized;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, article_id, notice, sample_library_file, temp_library};
use triangulate::app::{Dialogs, TriangulateApp};
use triangulate_core::Library;

const SEP: char = std::path::MAIN_SEPARATOR;

/// File dialogs that cannot open, as on a desktop without a portal.
pub(crate) struct NoPortal;

impl Dialogs for NoPortal {
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
    fn unavailable(&self) -> Option<String> {
        Some("no desktop portal answered".into())
    }
}

/// The app on the library at `path`, in a window of 1400×900, with file dialogs that cannot
/// open.
pub(crate) fn app(path: &std::path::Path) -> Harness<'static, TriangulateApp> {
    harness_sized(path, NoPortal, egui::vec2(1400.0, 900.0))
}

/// Types `text` over what the path field holds.
fn type_path(harness: &mut Harness<'static, TriangulateApp>, text: &str) {
    harness.get_by_label("Path").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label("Path").type_text(text);
    harness.run();
}

fn field(harness: &Harness<'static, TriangulateApp>) -> String {
    harness.get_by_label("Path").value().unwrap_or_default()
}

#[test]
fn import_folder_without_a_portal_says_so_and_imports_the_folder_typed_with_tab_completion() {
    let (dir, path) = sample_library_file();
    let folder = dir.path().join("incoming-reports");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("harbour-fire.txt"),
        "Fire at the Port Veyra grain silo\n\nA fire broke out at the grain silo of Port Veyra on \
         Tuesday night, the harbour authority said. Two workers were treated for smoke, and the \
         silo's western wing was destroyed before crews put the fire out by morning.\n",
    )
    .unwrap();
    let mut harness = app(&path);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    harness.run();
    harness.get_by_label_contains("could not open (no desktop portal answered)");

    type_path(&mut harness, &format!("{}{SEP}inco", dir.path().display()));
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert_eq!(field(&harness), format!("{}{SEP}", folder.display()));
    assert!(
        harness.get_by_label("Path").is_focused(),
        "Tab stays in the field"
    );

    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("Start import").click();
    harness.step();
    harness.state_mut().wait_for_job();
    harness.run();
    let banner = notice(&harness);
    assert!(banner.starts_with("Imported 1 article"), "banner: {banner}");
    assert!(harness.query_by_label("Path").is_none(), "the field closed");
}

#[test]
fn a_cancelled_dialog_opens_no_path_field() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_sized(&path, ScriptedDialogs::default(), egui::vec2(1400.0, 900.0));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    harness.run();
    assert!(harness.query_by_label("Path").is_none());
    assert!(harness.query_by_label_contains("could not open").is_none());
}

#[test]
fn open_library_without_a_portal_refuses_a_missing_file_and_opens_the_one_typed() {
    let (_dir, path) = sample_library_file();
    let (other_dir, other, library) = temp_library();
    drop(library);
    let mut harness = app(&path);
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::Button, "Open library… Ctrl+O")
        .next()
        .expect("File > Open library…")
        .click();
    harness.run();
    harness.get_by_label_contains("could not open");

    let missing = other_dir.path().join("nowhere.sqlite");
    type_path(&mut harness, &missing.display().to_string());
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run();
    harness.get_by_label_contains("There is no file");
    assert_eq!(harness.state().library().unwrap().path(), path.as_path());

    type_path(&mut harness, &other.display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().library().unwrap().path(), other.as_path());
    assert!(harness.query_by_label("Path").is_none());
}

#[test]
fn export_report_without_a_portal_writes_the_report_where_typed() {
    let (dir, path) = sample_library_file();
    let mut library = Library::open(&path).unwrap();
    let articles = [
        article_id(&library, "Meridian Wire", "Shelling kills at least 19"),
        article_id(
            &library,
            "Qadira Conflict Observatory",
            "23 civilians killed",
        ),
    ];
    common::make_incident(
        &mut library,
        "Shelling of the market",
        "2025-03-14",
        &articles,
    );
    drop(library);
    let mut harness = app(&path);
    harness
        .get_by_role_and_label(Role::Button, "Compare")
        .click();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export report…").click();
    harness.run();
    assert!(
        field(&harness).ends_with("shelling-of-the-market.html"),
        "the field suggests the report's name: {}",
        field(&harness)
    );
    let gone = dir.path().join("no-such-folder").join("report.md");
    type_path(&mut harness, &gone.display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("There is no folder");

    let out = dir.path().join("market.md");
    type_path(&mut harness, &out.display().to_string());
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
    let text = std::fs::read_to_string(&out).expect("the report is written");
    assert!(
        text.starts_with("# Comparison of reports: Shelling of the market"),
        "{text}"
    );
    assert!(notice(&harness).starts_with("Report written to"));
}
