//! UI tests of the Compare view's Corroboration and Missing facts tabs, on the corroboration
//! fixtures: the suggestion with its explanation beside the analysts' marks, Accept suggestion
//! and another grade recorded through the app's write path, a read-only library refusing them,
//! and the facts each report leaves out.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, corroboration_library, harness_for, notice, outlet_article};
use triangulate::app::TriangulateApp;
use triangulate_core::Library;
use triangulate_core::library::lock;
use triangulate_core::model::Id;

/// A library with the wire story, its exact copy and an independent report as one incident, and
/// the app on it with the Corroboration tab open; returns the wire story's id.
fn corroboration_tab(
    analyst: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Id,
    Harness<'static, TriangulateApp>,
) {
    let (dir, path, mut library) = corroboration_library();
    let ids: Vec<Id> = ["Saltmarsh Wire", "Harbour Gazette", "Lantern Daily"]
        .iter()
        .map(|o| outlet_article(&library, o))
        .collect();
    common::make_incident(&mut library, "Ambush on a grain convoy", "2025-11-04", &ids);
    library.add_assessment(ids[0], "ana", 3, "").unwrap();
    drop(library);
    let harness = open_tab(&path, analyst);
    (dir, path, ids[0], harness)
}

fn open_tab(path: &std::path::Path, analyst: &str) -> Harness<'static, TriangulateApp> {
    let mut harness = harness_for(path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = analyst.to_string();
    harness
        .get_by_role_and_label(Role::Button, "Compare")
        .click();
    harness.run();
    harness.get_by_label("Corroboration").click();
    harness.run();
    harness
}

#[test]
fn accept_suggestion_records_credibility_one_beside_the_other_analysts_mark() {
    let (_dir, _path, wire, mut harness) = corroboration_tab("tester");
    // The first report with a suggestion is shown: its explanation and ana's mark.
    harness.get_by_label("1 (confirmed by other sources)");
    harness.get_by_label("35 killed");
    harness.get_by_label_contains(
        "confirmed by 2 independent sources: Saltmarsh Wire (this report), Lantern Daily",
    );
    harness.get_by_label_contains("Harbour Gazette is an exact copy of Saltmarsh Wire");
    harness.get_by_label("ana: 3 (possibly true)");
    assert!(
        harness
            .query_by_label("tester: 1 (confirmed by other sources)")
            .is_none()
    );

    harness.get_by_label("Accept suggestion").click();
    harness.run();

    harness.get_by_label("tester: 1 (confirmed by other sources)");
    harness.get_by_label("ana: 3 (possibly true)");
    let library: &Library = harness.state().library().unwrap();
    let marks: Vec<(String, u8, String)> = library
        .current_assessments(wire)
        .unwrap()
        .into_iter()
        .map(|a| (a.analyst, a.credibility, a.note))
        .collect();
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert_eq!((marks[0].0.as_str(), marks[0].1), ("ana", 3));
    assert_eq!((marks[1].0.as_str(), marks[1].1), ("tester", 1));
    assert!(
        marks[1].2.contains("confirmed: 35 killed"),
        "{}",
        marks[1].2
    );
}

#[test]
fn another_grade_can_be_recorded_instead_of_the_suggestion() {
    let (_dir, _path, wire, mut harness) = corroboration_tab("tester");
    harness.get_by_label("Another grade").click();
    harness.run();
    harness.get_by_label("2 (probably true)").click();
    harness.run();
    harness.get_by_label("Record grade").click();
    harness.run();
    harness.get_by_label("tester: 2 (probably true)");
    let library: &Library = harness.state().library().unwrap();
    let tester = library
        .current_assessments(wire)
        .unwrap()
        .into_iter()
        .find(|a| a.analyst == "tester")
        .expect("tester's mark is recorded");
    assert_eq!(tester.credibility, 2);
    assert!(
        tester.note.contains("the suggestion was 1"),
        "{}",
        tester.note
    );
}

#[test]
fn a_read_only_library_refuses_to_record_a_suggestion() {
    let (_dir, path, wire, _) = corroboration_tab("tester");
    let held = std::fs::File::create(lock::lock_path(&path)).unwrap();
    held.try_lock().unwrap();
    let mut harness = open_tab(&path, "tester");
    harness.get_by_label("Accept suggestion").click();
    harness.run();
    assert!(
        notice(&harness).starts_with("Could not record the credibility mark:"),
        "{}",
        notice(&harness)
    );
    let library: &Library = harness.state().library().unwrap();
    assert_eq!(library.current_assessments(wire).unwrap().len(), 1);
    drop(held);
}

#[test]
fn the_missing_facts_tab_shows_what_each_report_leaves_out() {
    let (_dir, _path, _, mut harness) = corroboration_tab("tester");
    harness.get_by_label("Missing facts").click();
    harness.run();
    // Lantern Daily alone gives the wounded; the wire story and its copy lack it.
    assert_eq!(harness.query_all_by_label("12 wounded").count(), 2);
    assert!(
        harness
            .query_all_by_label_contains("in Lantern Daily")
            .count()
            >= 2
    );
}
