//! UI tests of the rating workflow through egui_kittest: rate an outlet with the form, see it in
//! the history and the list; mark an article's credibility from the reader.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, harness_for, sample_library_file};

#[test]
fn an_analyst_rates_an_outlet_with_the_form_and_sees_it_in_the_history() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Outlets")
        .click();
    harness.run();
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label_contains("Rate this outlet");
    harness.get_by_label_contains("Nobody has rated this outlet yet");
    harness.get_by_label("Analyst").click();
    harness.get_by_label("Analyst").type_text("ana");
    harness.run();
    harness.get_by_label("B").click();
    harness.run();
    harness.get_by_label("Rationale").click();
    harness
        .get_by_label("Rationale")
        .type_text("Names its sources; corrected the Qasr toll.");
    harness.run();
    harness.get_by_label("Save rating").click();
    harness.run();
    harness.get_by_label_contains("Rating B saved for Meridian Wire by ana");
    harness.get_by_label_contains("first rating");
    let library = harness.state().library().unwrap();
    let wire = library
        .outlets()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Meridian Wire")
        .unwrap();
    assert_eq!(wire.ratings, vec![("ana".to_string(), "B".to_string())]);
    assert_eq!(
        harness.state().settings.analyst,
        "",
        "the form's name is the form's: the app's analyst (Preferences) is left alone"
    );
}

#[test]
fn the_outlets_view_shows_agreement_once_two_analysts_have_rated() {
    let (dir, path, mut library) = common::temp_library();
    triangulate_core::sample::load_sample(&mut library, &triangulate_core::jobs::Progress::new())
        .unwrap();
    for (outlet, a, b) in [
        ("Meridian Wire", "A", "B"),
        ("Red Dunes Blog", "E", "D"),
        ("Qadira Conflict Observatory", "B", "B"),
    ] {
        let id = library.outlet_id(outlet).unwrap().unwrap();
        for (who, g) in [("ana", a), ("omar", b)] {
            library
                .add_rating(&triangulate_core::ratings::NewRating {
                    outlet_id: id,
                    analyst: who.into(),
                    grade: Some(g.parse().unwrap()),
                    ..Default::default()
                })
                .unwrap();
        }
    }
    drop(library);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Outlets")
        .click();
    harness.run();
    harness.get_by_label_contains("Agreement between analysts: α = 0.");
    harness.get_by_label_contains("A (ana), B (omar)");
    drop(dir);
}

#[test]
fn an_analyst_marks_an_articles_credibility_from_the_reader() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = "omar".into();
    harness
        .get_by_label("Two civilians martyred in terrorist rocket attack on Kasr el-Nahr")
        .click();
    harness.run();
    harness.get_by_label_contains("not marked");
    harness.get_by_label("Your mark").click();
    harness.run();
    harness.get_by_label("5 improbable").click();
    harness.run();
    harness.get_by_label("Save mark").click();
    harness.run();
    harness.get_by_label_contains("Marked 5 (improbable) by omar");
    harness.get_by_label("5 (omar)");
}
