//! UI tests of reference lists (ratings published by others): File > Import reference ratings…
//! through the file dialog or the app's own path field, the import window's columns and preview,
//! the list's column in Outlets and the filter "Desk grade and reference disagree", adopting a
//! list's row as the analyst's own rating, matching a row by hand in the Reference lists window,
//! and deleting a list to the trash. The lists are invented, with example.* domains.

use std::path::{Path, PathBuf};

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::safety::menu;
use common::{ScriptedDialogs, harness_for, notice, rate, sample_library_file};
use triangulate::app::TriangulateApp;
use triangulate_core::Library;
use triangulate_core::jobs::Progress;
use triangulate_core::reference::{self, ImportOptions};

/// An invented rater's list: two of the sample's outlets, and one the library does not hold.
const LIST: &str = "outlet\tdomain\tfactuality\tbias\n\
Meridian Wire\tmeridianwire.example\thigh\tleast biased\n\
Red Dunes Blog\treddunes.example\tlow\tright\n\
Harbour Gazette\tharbourgazette.example\tmixed\tleft-center\n";

/// Writes the list as `desk-check.tsv` in `dir`.
fn list_file(dir: &Path) -> PathBuf {
    let file = dir.join("desk-check.tsv");
    std::fs::write(&file, LIST).unwrap();
    file
}

/// The sample library with the list imported as "desk-check" and Red Dunes Blog rated B by ana
/// (the list says its factuality is low).
fn library_with_list() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = sample_library_file();
    let mut library = Library::open(&path).unwrap();
    rate(
        &mut library,
        "Red Dunes Blog",
        "ana",
        "B",
        "Cites its sources.",
    );
    rate(&mut library, "Meridian Wire", "ana", "B", "Named sources.");
    reference::import_file(
        &mut library,
        &list_file(dir.path()),
        &ImportOptions {
            name: "desk-check".into(),
            published: Some("2026-05-01".into()),
            analyst: "ana".into(),
            ..Default::default()
        },
        &Progress::new(),
    )
    .unwrap()
    .expect("not cancelled");
    drop(library);
    (dir, path)
}

/// Clicks the import window's Import and waits for the import's job to end.
fn import_from_window(harness: &mut Harness<'static, TriangulateApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    harness.run();
    harness.state_mut().wait_for_job();
    harness.run();
}

fn show(harness: &mut Harness<'static, TriangulateApp>, view: &str) {
    harness.get_by_role_and_label(Role::Button, view).click();
    harness.run();
}

fn lists(harness: &Harness<'static, TriangulateApp>) -> Vec<String> {
    let library = harness.state().library().unwrap();
    library
        .reference_lists()
        .unwrap()
        .into_iter()
        .map(|l| l.name)
        .collect()
}

#[test]
fn a_list_imported_through_the_dialog_shows_as_a_column_of_outlets_and_undo_removes_it() {
    let (dir, path) = sample_library_file();
    let dialogs = ScriptedDialogs {
        reference: Some(list_file(dir.path())),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    harness.state_mut().settings.analyst = "ana".into();
    menu(&mut harness, "File", "Import reference ratings…");
    harness.get_by_label_contains("desk-check.tsv");
    assert_eq!(
        harness.get_by_label("List name").value().as_deref(),
        Some("desk-check"),
        "the file's stem names the list"
    );
    harness.get_by_label("Preview: 3 rows");
    harness.get_by_label("least biased");
    import_from_window(&mut harness);
    let text = notice(&harness);
    assert!(
        text.starts_with("Imported reference list desk-check") && text.contains("3 rows"),
        "{text}"
    );
    assert!(text.contains("2 outlets of the library matched"), "{text}");
    assert!(text.contains("1 row matches no outlet"), "{text}");
    assert_eq!(
        harness.state().undo_label(),
        Some("import reference list desk-check")
    );

    show(&mut harness, "Outlets");
    harness.get_by_label("desk-check");
    harness.get_by_label("high · least biased");
    harness.get_by_label("low · right");

    harness.state_mut().undo_last();
    harness.run();
    assert!(lists(&harness).is_empty(), "Edit > Undo removes the list");
    assert!(harness.query_by_label("high · least biased").is_none());
}

#[test]
fn a_file_with_no_outlet_column_says_so_in_the_window_until_a_column_is_given_that_role() {
    let (dir, path) = sample_library_file();
    let file = dir.path().join("verdicts.csv");
    std::fs::write(
        &file,
        "who,factuality\nMeridian Wire,high\nRed Dunes Blog,low\n",
    )
    .unwrap();
    let dialogs = ScriptedDialogs {
        reference: Some(file),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    menu(&mut harness, "File", "Import reference ratings…");
    harness.get_by_label_contains("no column names the outlets");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "Import")
            .accesskit_node()
            .is_disabled(),
        "nothing to import until a column names the outlets"
    );
    harness.get_by_role_and_label(Role::ComboBox, "who").click();
    harness.run();
    harness.get_by_label("name").click();
    harness.run();
    harness.get_by_label("Preview: 2 rows");
    assert!(
        harness
            .query_by_label_contains("no column names the outlets")
            .is_none()
    );
    import_from_window(&mut harness);
    assert_eq!(lists(&harness), ["verdicts"], "{}", notice(&harness));
    let list = harness
        .state()
        .library()
        .unwrap()
        .reference_lists()
        .unwrap()
        .remove(0);
    assert_eq!(
        list.columns[0].role,
        triangulate_core::library::ColumnRole::Name,
        "the role chosen in the window is the one the import used"
    );
}

#[test]
fn without_a_portal_the_path_typed_opens_the_import_window() {
    let (dir, path) = sample_library_file();
    let file = list_file(dir.path());
    let mut harness = crate::dialogs::app(&path);
    menu(&mut harness, "File", "Import reference ratings…");
    harness.get_by_label_contains("could not open (no desktop portal answered)");
    harness.get_by_label("Path").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("Path")
        .type_text(&file.display().to_string());
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run();
    harness.get_by_label("Preview: 3 rows");
}

#[test]
fn the_disagreement_filter_lists_the_outlet_whose_desk_grade_the_list_contradicts() {
    let (_dir, path) = library_with_list();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    show(&mut harness, "Outlets");
    harness.get_by_label("Meridian Wire");
    harness
        .get_by_label("Desk grade and reference disagree")
        .click();
    harness.run();
    harness.get_by_label("Red Dunes Blog");
    harness.get_by_label_contains(
        "the desk's B is on the reliable side; desk-check says factuality: low",
    );
    harness.get_by_label("1 of 7 outlets shown: the filters above leave out the others.");
    assert!(
        harness.query_by_label("Meridian Wire").is_none(),
        "the list agrees with the desk on Meridian Wire"
    );
    let outlets = harness.state().library().unwrap().outlet_list().unwrap();
    let blog = outlets.iter().find(|o| o.name == "Red Dunes Blog").unwrap();
    assert_eq!(
        blog.combined_grade.as_deref(),
        Some("B"),
        "the list never changes the desk's combined grade"
    );
}

#[test]
fn adopting_a_lists_row_records_the_analysts_own_rating_with_the_row_as_evidence() {
    let (_dir, path) = library_with_list();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = "omar".into();
    show(&mut harness, "Outlets");
    harness.get_by_label("Red Dunes Blog").click();
    harness.run();
    harness.get_by_label("Row: Red Dunes Blog (reddunes.example)");
    harness.get_by_label("factuality: low, bias: right");
    harness.get_by_label("Adopt as my rating…").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("Adopted rationale").value().as_deref(),
        Some(
            "Adopted from desk-check (2026-05-01): Red Dunes Blog (reddunes.example) — factuality: low, bias: right"
        )
    );
    harness
        .get_all_by_label("D")
        .next()
        .expect("the adopt form's grades come first")
        .click();
    harness.run();
    harness.get_by_label("Save adopted rating").click();
    harness.run();
    let text = notice(&harness);
    assert!(
        text.starts_with("Rating D saved for Red Dunes Blog by omar"),
        "{text}"
    );
    harness.get_by_label_contains("omar · D — first rating · adopted from desk-check");
    let library = harness.state().library().unwrap();
    let blog = library.outlet_id("Red Dunes Blog").unwrap().unwrap();
    let history = library.rating_history(blog).unwrap();
    let adopted = history.iter().find(|r| r.analyst == "omar").unwrap();
    let evidence = library.rating_reference(adopted.id).unwrap().unwrap();
    assert_eq!(evidence.list, "desk-check");
}

#[test]
fn an_unmatched_row_is_matched_to_an_outlet_by_hand_in_the_reference_lists_window() {
    let (_dir, path) = library_with_list();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    show(&mut harness, "Lexicon");
    menu(&mut harness, "File", "Reference lists…");
    harness.get_by_label("Unmatched rows").click();
    harness.run();
    harness.get_by_label_contains("no outlet matches: 1");
    harness.get_by_label("Harbour Gazette (harbourgazette.example) — mixed · left-center");
    harness.get_by_label("Match to outlet…").click();
    harness.run();
    harness.get_by_label("Find the outlet").click();
    harness.get_by_label("Find the outlet").type_text("valley");
    harness.run();
    harness.get_by_label("The Valley Courier").click();
    harness.run();
    harness.get_by_label("Match to The Valley Courier").click();
    harness.run();
    let text = notice(&harness);
    assert!(
        text.contains(
            "Harbour Gazette (harbourgazette.example) matched to The Valley Courier by hand"
        ),
        "{text}"
    );
    harness.get_by_label_contains("no outlet matches: 0");
    harness.get_by_label("Close window").click();
    harness.run();

    show(&mut harness, "Outlets");
    harness.get_by_label("mixed · left-center");
    harness.get_by_label("The Valley Courier").click();
    harness.run();
    harness.get_by_label_contains("matched by hand");
    harness.get_by_label("Undo match").click();
    harness.run();
    assert!(harness.query_by_label("mixed · left-center").is_none());
}

#[test]
fn deleting_a_list_puts_it_in_the_trash_and_undo_brings_it_back() {
    let (_dir, path) = library_with_list();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    show(&mut harness, "Outlets");
    harness.get_by_label("Reference lists…").click();
    harness.run();
    harness.get_by_label("2026-05-01");
    harness.get_by_label("Delete list").click();
    harness.run();
    let text = notice(&harness);
    assert!(
        text.starts_with("Reference list desk-check moved to the trash"),
        "{text}"
    );
    assert!(lists(&harness).is_empty());
    assert_eq!(
        harness.state().library().unwrap().trash().unwrap().len(),
        1,
        "the list is in the trash"
    );
    assert!(
        harness.query_by_label("desk-check").is_none(),
        "its column is gone"
    );
    harness.state_mut().undo_last();
    harness.run();
    assert_eq!(lists(&harness), ["desk-check"]);
    harness.get_by_label("high · least biased");
}

#[test]
fn a_long_list_is_previewed_from_its_first_lines_and_imported_whole_with_the_roles_shown() {
    let (dir, path) = sample_library_file();
    let file = dir.path().join("long-list.csv");
    let mut text = String::from("publication,site,verdict\n");
    for n in 0..12_000 {
        text.push_str(&format!("Invented Outlet {n},outlet{n}.example,reliable\n"));
    }
    text.push_str("Meridian Wire,meridianwire.example,unreliable\n");
    std::fs::write(&file, text).unwrap();
    let dialogs = ScriptedDialogs {
        reference: Some(file),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    menu(&mut harness, "File", "Import reference ratings…");
    harness.get_by_label("Preview: 12,001 rows (the first 4,999 read to recognise the columns)");
    import_from_window(&mut harness);
    let text = notice(&harness);
    assert!(text.contains("12,001 rows"), "{text}");
    assert!(text.contains("1 outlet of the library matched"), "{text}");
    let library = harness.state().library().unwrap();
    let list = library.reference_lists().unwrap().remove(0);
    let roles: Vec<String> = list.columns.iter().map(|c| c.role.to_string()).collect();
    assert_eq!(roles, ["name", "domain", "reliability"]);
}

#[test]
fn an_outlet_the_list_gives_twice_with_different_values_is_marked_conflicting() {
    let (dir, path) = sample_library_file();
    let file = dir.path().join("twice.tsv");
    std::fs::write(
        &file,
        "outlet\tfactuality\nMeridian Wire\thigh\nMeridian Wire\tlow\n",
    )
    .unwrap();
    let mut library = Library::open(&path).unwrap();
    reference::import_file(
        &mut library,
        &file,
        &ImportOptions {
            name: "twice".into(),
            analyst: "ana".into(),
            ..Default::default()
        },
        &Progress::new(),
    )
    .unwrap()
    .unwrap();
    drop(library);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    show(&mut harness, "Outlets");
    harness.get_by_label("high ≠ low (conflicting)");
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label_contains("gives this outlet more than once, with different values");
    assert_eq!(
        harness.get_all_by_label("Row: Meridian Wire").count(),
        2,
        "both rows are shown"
    );
}

#[test]
fn a_row_set_aside_from_the_outlet_page_is_listed_in_the_window_and_put_back_from_there() {
    let (_dir, path) = library_with_list();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    show(&mut harness, "Outlets");
    harness.get_by_label("high · least biased");
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label("Not this outlet").click();
    harness.run();
    let text = notice(&harness);
    assert!(
        text.contains("Meridian Wire (meridianwire.example) no longer matched to Meridian Wire"),
        "{text}"
    );
    assert!(harness.query_by_label("high · least biased").is_none());

    harness.get_by_label("Reference lists…").click();
    harness.run();
    harness.get_by_label("Unmatched rows").click();
    harness.run();
    harness
        .get_by_label("Also the 1 row set aside as no outlet of this library")
        .click();
    harness.run();
    harness.get_by_label("(set aside)");
    harness.get_by_label("Put back").click();
    harness.run();
    let text = notice(&harness);
    assert!(text.contains("put back to be matched"), "{text}");
    harness.get_by_label("high · least biased");
}

#[test]
fn a_newer_file_of_a_list_is_named_as_its_new_version_with_one_click_and_the_old_is_kept() {
    let (dir, path) = library_with_list();
    let newer = dir.path().join("rater-export-june.tsv");
    std::fs::write(
        &newer,
        LIST.replace("high\tleast biased", "mixed\tleast biased"),
    )
    .unwrap();
    let dialogs = ScriptedDialogs {
        reference: Some(newer),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    harness.state_mut().settings.analyst = "ana".into();
    menu(&mut harness, "File", "Import reference ratings…");
    harness.get_by_label("Or a newer version of:");
    harness
        .get_by_role_and_label(Role::Button, "desk-check")
        .click();
    harness.run();
    assert_eq!(
        harness.get_by_label("List name").value().as_deref(),
        Some("desk-check")
    );
    harness.get_by_label_contains("is added as a new version of it");
    import_from_window(&mut harness);
    assert_eq!(
        lists(&harness),
        vec!["desk-check", "desk-check"],
        "two versions"
    );
    show(&mut harness, "Outlets");
    harness.get_by_label("mixed · least biased");
}
