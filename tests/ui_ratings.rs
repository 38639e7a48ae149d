//! UI tests of the rating workflow through egui_kittest: rate an outlet with the form, see it in
//! the history and the list; mark an article's credibility from the reader.

mod common;

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::app::{Dialogs, TriangulateApp};

struct NoDialogs;

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

fn sample_harness() -> (tempfile::TempDir, Harness<'static, TriangulateApp>) {
    let (dir, path, mut library) = common::temp_library();
    triangulate::sample::load_sample(&mut library, &triangulate::jobs::Progress::new()).unwrap();
    drop(library);
    let app = TriangulateApp::for_library(&path, Box::new(NoDialogs));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TriangulateApp| app.ui(ui), app);
    harness.run();
    (dir, harness)
}

#[test]
fn an_analyst_rates_an_outlet_with_the_form_and_sees_it_in_the_history() {
    let (_dir, mut harness) = sample_harness();
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
        "ana",
        "the name is remembered for the next rating"
    );
}

#[test]
fn the_outlets_view_shows_agreement_once_two_analysts_have_rated() {
    let (dir, path, mut library) = common::temp_library();
    triangulate::sample::load_sample(&mut library, &triangulate::jobs::Progress::new()).unwrap();
    for (outlet, a, b) in [
        ("Meridian Wire", "A", "B"),
        ("Red Dunes Blog", "E", "D"),
        ("Qadira Conflict Observatory", "B", "B"),
    ] {
        let id = library.outlet_id(outlet).unwrap().unwrap();
        for (who, g) in [("ana", a), ("omar", b)] {
            library
                .add_rating(&triangulate::ratings::NewRating {
                    outlet_id: id,
                    analyst: who.into(),
                    grade: Some(g.parse().unwrap()),
                    ..Default::default()
                })
                .unwrap();
        }
    }
    drop(library);
    let app = TriangulateApp::for_library(&path, Box::new(NoDialogs));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut TriangulateApp| app.ui(ui), app);
    harness.run();
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
    let (_dir, mut harness) = sample_harness();
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
