//! UI tests of the Disagreements view and of axes on the Outlets view, through egui_kittest: an
//! analyst opens the queue, reads both rationales side by side, records a resolution and sees the
//! item leave the queue; another adds an axis on the outlet form, sets it, and filters by it.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, harness_for};
use triangulate_core::ratings::NewRating;
use triangulate_core::ratings::disagreement::{Subject, SubjectKind};

/// A sample library where ana and omar grade Meridian Wire three steps apart, with reasons.
fn two_analysts_apart() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path, mut library) = common::temp_library();
    triangulate_core::sample::load_sample(&mut library, &triangulate_core::jobs::Progress::new())
        .unwrap();
    let wire = library.outlet_id("Meridian Wire").unwrap().unwrap();
    for (who, grade, why) in [
        (
            "ana",
            "A",
            "Names its sources; corrected the Qasr toll within hours.",
        ),
        (
            "omar",
            "D",
            "Repeats ministry casualty figures without checking.",
        ),
    ] {
        library
            .add_rating(&NewRating {
                outlet_id: wire,
                analyst: who.into(),
                grade: Some(grade.parse().unwrap()),
                rationale: why.into(),
                ..Default::default()
            })
            .unwrap();
    }
    (dir, path)
}

#[test]
fn an_analyst_resolves_a_disagreement_and_the_item_leaves_the_queue() {
    let (_dir, path) = two_analysts_apart();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Disagreements")
        .click();
    harness.run();
    harness.get_by_label_contains("Outlet: Meridian Wire");
    harness.get_by_label_contains("3 steps apart");
    harness.get_by_label("Names its sources; corrected the Qasr toll within hours.");
    harness.get_by_label("Repeats ministry casualty figures without checking.");

    harness.get_by_label("Analyst").click();
    harness.get_by_label("Analyst").type_text("lead");
    harness.run();
    harness.get_by_label("Resolution note").click();
    harness
        .get_by_label("Resolution note")
        .type_text("Met with both: the corrections outweigh the ministry figures.");
    harness.run();
    harness.get_by_label("Record resolution").click();
    harness.run();

    harness.get_by_label_contains("Resolution recorded for Meridian Wire by lead");
    harness.get_by_label_contains("No disagreements waiting");
    assert!(
        harness
            .query_all_by_label_contains("Outlet: Meridian Wire")
            .next()
            .is_none(),
        "the resolved item is still listed"
    );
    let library = harness.state().library().unwrap();
    let wire = library.outlet_id("Meridian Wire").unwrap().unwrap();
    assert_eq!(
        library.rating_history(wire).unwrap().len(),
        2,
        "both analysts' ratings are kept, none added"
    );
    let subject = Subject {
        kind: SubjectKind::Outlet,
        id: wire,
    };
    assert_eq!(library.resolutions(subject).unwrap().len(), 1);
}

#[test]
fn an_analyst_adds_an_axis_sets_it_on_the_outlet_form_and_filters_the_list_by_it() {
    let (_dir, path) = common::sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = "ana".into();
    harness
        .get_by_role_and_label(Role::Button, "Outlets")
        .click();
    harness.run();
    harness.get_by_label("Qadira National Broadcasting").click();
    harness.run();
    harness.get_by_label("Add axis…").click();
    harness.run();
    harness.get_by_label("Axis name").click();
    harness
        .get_by_label("Axis name")
        .type_text("state-affiliated");
    harness.run();
    harness.get_by_label("Add axis").click();
    harness.run();
    harness.get_by_label_contains("Axis state-affiliated (yes/no) added");

    harness
        .get_by_role_and_label(Role::ComboBox, "state-affiliated")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "yes").click();
    harness.run();
    harness.get_by_label("Save axis values").click();
    harness.run();
    harness.get_by_label_contains("1 axis value recorded for Qadira National Broadcasting by ana");

    harness
        .get_by_role_and_label(Role::ComboBox, "Filter by axis")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "state-affiliated")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "Axis value")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "yes").click();
    harness.run();
    assert!(
        harness.query_all_by_label("Meridian Wire").next().is_none(),
        "an outlet without state-affiliated = yes is still listed"
    );
    assert!(
        harness
            .query_all_by_label("Qadira National Broadcasting")
            .next()
            .is_some(),
        "the state-affiliated outlet is listed (and its page open)"
    );
}
