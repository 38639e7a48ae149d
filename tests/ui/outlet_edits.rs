//! UI tests of correcting outlets and reading their ratings in the Outlets view, through
//! egui_kittest: renaming and merging from the outlet's page and from the list's context menu,
//! deleting an outlet whose articles went elsewhere; how a combined grade was taken, why there
//! is no agreement figure yet, a rating form that does not move under the pointer, and a form
//! "Analyst" that is the form's own.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

use common::{ScriptedDialogs, harness_for, notice};
use triangulate_core::Library;
use triangulate_core::model::Id;
use triangulate_core::ratings::NewRating;

type Harness = egui_kittest::Harness<'static, triangulate::app::TriangulateApp>;

/// The sample library with `ratings` (outlet, analyst, grade) recorded, and the Outlets view
/// open on it.
fn outlets_view(ratings: &[(&str, &str, &str)]) -> (tempfile::TempDir, Harness) {
    outlets_view_with(ratings, |_| {})
}

fn outlets_view_with(
    ratings: &[(&str, &str, &str)],
    prepare: impl FnOnce(&mut Library),
) -> (tempfile::TempDir, Harness) {
    let (dir, path, mut library) = common::temp_library();
    triangulate_core::sample::load_sample(&mut library, &triangulate_core::jobs::Progress::new())
        .unwrap();
    for (outlet, who, grade) in ratings {
        let outlet_id = library.outlet_id(outlet).unwrap().unwrap();
        library
            .add_rating(&NewRating {
                outlet_id,
                analyst: (*who).into(),
                grade: Some(grade.parse().unwrap()),
                ..Default::default()
            })
            .unwrap();
    }
    prepare(&mut library);
    drop(library);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = "omar".into();
    harness
        .get_by_role_and_label(Role::Button, "Outlets")
        .click();
    harness.run();
    (dir, harness)
}

/// Types `text` over what the field labelled `label` holds.
fn type_over(harness: &mut Harness, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn outlet_names(harness: &Harness) -> Vec<String> {
    harness
        .state()
        .library()
        .unwrap()
        .outlet_list()
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect()
}

/// The widget labelled `label` that is not a plain label (a button, a selectable entry).
fn control<'a>(harness: &'a Harness, label: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by(move |n| n.role() != Role::Label && n.label().as_deref() == Some(label))
}

#[test]
fn an_analyst_renames_an_outlet_on_its_page_and_the_old_name_stays_an_alias() {
    let (_dir, mut harness) = outlets_view(&[]);
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label("Rename…").click();
    harness.run();
    type_over(&mut harness, "New name", "Meridian News Agency");
    harness
        .get_by_role_and_label(Role::Button, "Rename")
        .click();
    harness.run();
    assert!(
        notice(&harness).contains("stays an alias"),
        "{}",
        notice(&harness)
    );
    harness.get_by_label("Also known as: Meridian Wire");
    assert!(outlet_names(&harness).contains(&"Meridian News Agency".to_string()));
}

#[test]
fn the_list_rows_context_menu_renames_merges_and_deletes() {
    let (_dir, mut harness) = outlets_view(&[]);
    harness.get_by_label("Sandgrouse Forum").click_secondary();
    harness.run();
    harness.get_by_label("Open");
    harness.get_by_label("Rename…").click();
    harness.run();
    harness.get_by_label("New name");
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run();

    // Merging from the context menu: pick the outlet to merge into, then merge.
    // (The page of Sandgrouse Forum, open on the right, has its own Merge into…: the menu's is
    // the one over the list, on the left.)
    harness.get_by_label("Free Qadira News").click_secondary();
    harness.run();
    harness
        .get_all_by_label("Merge into…")
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("the context menu's Merge into…")
        .click();
    harness.run();
    harness
        .get_by_label("Find the outlet to merge into")
        .type_text("Sandgrouse");
    harness.run();
    control(&harness, "Sandgrouse Forum").click();
    harness.run();
    harness
        .get_by_label("Merge Free Qadira News into Sandgrouse Forum")
        .click();
    harness.run();
    let names = outlet_names(&harness);
    assert!(
        !names.contains(&"Free Qadira News".to_string()),
        "{names:?}"
    );
    harness.get_by_label_contains("Also known as: Free Qadira News");

    // Delete is there (in the menu and on the open page), but refused while the outlet has
    // articles.
    harness.get_by_label("Red Dunes Blog").click_secondary();
    harness.run();
    harness.get_by_label("Open");
    let deletes: Vec<_> = harness.get_all_by_label("Delete outlet").collect();
    assert_eq!(deletes.len(), 2, "the context menu's and the page's");
    assert!(
        deletes.iter().all(|d| d.accesskit_node().is_disabled()),
        "outlets with articles"
    );
}

#[test]
fn an_outlet_emptied_by_moving_its_articles_shows_delete_and_goes_to_the_trash() {
    let (_dir, mut harness) = outlets_view_with(&[("The Valley Courier", "ana", "C")], |l| {
        let ids: Vec<Id> = l
            .articles(&triangulate_core::library::ArticleQuery {
                outlet: Some("The Valley Courier".into()),
                limit: Some(1_000),
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        l.assign_outlet(&ids, "Meridian Wire").unwrap();
    });
    harness.get_by_label("The Valley Courier").click();
    harness.run();
    harness.get_by_label_contains("No articles are left on this outlet");
    let delete = control(&harness, "Delete outlet");
    assert!(!delete.accesskit_node().is_disabled());
    delete.click();
    harness.run();
    assert!(notice(&harness).contains("Deleted"), "{}", notice(&harness));
    assert!(!outlet_names(&harness).contains(&"The Valley Courier".to_string()));
    let trash = harness.state().library().unwrap().trash().unwrap();
    assert_eq!(trash[0].kind, "outlet");
}

#[test]
fn an_analyst_merges_an_outlet_from_its_page_with_the_outlet_picker() {
    let (_dir, mut harness) = outlets_view(&[]);
    harness.get_by_label("Sandgrouse Forum").click();
    harness.run();
    harness.get_by_label("Merge into…").click();
    harness.run();
    control(&harness, "Red Dunes Blog").click();
    harness.run();
    harness
        .get_by_label("Merge Sandgrouse Forum into Red Dunes Blog")
        .click();
    harness.run();
    assert!(!outlet_names(&harness).contains(&"Sandgrouse Forum".to_string()));
    harness.get_by_label_contains("Also known as: Sandgrouse Forum");
}

#[test]
fn a_combined_grade_of_b_and_d_says_it_is_the_lower_middle_of_the_range() {
    let (_dir, mut harness) = outlets_view(&[
        ("Meridian Wire", "ana", "B"),
        ("Meridian Wire", "omar", "D"),
    ]);
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label("B–D (median of 2: D, the lower of B and D)");
    harness.get_by_label_contains("the lower of the two middle grades is taken");
}

#[test]
fn one_outlet_rated_by_two_analysts_is_not_enough_for_an_agreement_figure() {
    let (_dir, harness) = outlets_view(&[
        ("Meridian Wire", "ana", "B"),
        ("Meridian Wire", "omar", "D"),
    ]);
    harness.get_by_label_contains("Agreement between analysts: not enough ratings");
    harness.get_by_label_contains("1 outlet rated by two analysts, 3 needed");
    assert!(
        harness.query_by_label_contains("α =").is_none(),
        "no figure from one outlet"
    );
}

#[test]
fn picking_a_grade_does_not_move_the_checklist() {
    let (_dir, mut harness) = outlets_view(&[]);
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    let before = harness.get_by_label("Corrects errors").rect();
    harness.get_by_label("B").click();
    harness.run();
    let after = harness.get_by_label("Corrects errors").rect();
    assert_eq!(before, after, "the checklist moved when a grade was picked");
}

#[test]
fn the_rating_forms_analyst_is_the_forms_own_and_says_so() {
    let (_dir, mut harness) = outlets_view(&[]);
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label_contains("Recorded as omar, the app's analyst");
    type_over(&mut harness, "Analyst", "ana");
    assert_eq!(
        harness.state().settings.analyst,
        "omar",
        "typing in the form changed the app's analyst"
    );
    harness.get_by_label_contains("Recorded as ana; the rest of the app records omar.");
    harness.get_by_label("B").click();
    harness.run();
    harness.get_by_label("Save rating").click();
    harness.run();
    assert!(notice(&harness).contains("by ana"), "{}", notice(&harness));
    assert_eq!(harness.state().settings.analyst, "omar");
}
