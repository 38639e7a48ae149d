//! UI tests driven through egui_kittest: the app on a temporary library with the sample, clicked
//! through the way an analyst would, asserting what each view shows.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, harness_for, sample_library_file};

#[test]
fn every_navigation_entry_shows_its_view_heading_and_content() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    // What each view must show besides its heading.
    let content = [
        ("Library", "Qasr al-Nahr"),
        ("Outlets", "Meridian Wire"),
        ("Incidents", "No incidents yet"),
        ("Suggestions", "No link suggestions waiting"),
        ("Compare", "Nothing to compare yet"),
        ("Import log", "truncated.json"),
    ];
    for (view, shows) in content {
        harness.get_by_role_and_label(Role::Button, view).click();
        harness.run();
        harness.get_by_role_and_label(Role::Label, view);
        assert!(
            harness.query_all_by_label_contains(shows).next().is_some(),
            "{view} does not show {shows:?}"
        );
    }
}

#[test]
fn the_status_bar_shows_the_library_and_its_counts() {
    let (_dir, path) = sample_library_file();
    let harness = harness_for(&path, ScriptedDialogs::default());
    let articles = harness
        .state()
        .library()
        .unwrap()
        .counts()
        .unwrap()
        .articles;
    harness.get_by_label_contains(&format!("{articles} articles ·"));
    harness.get_by_label_contains("library.sqlite");
}

#[test]
fn selecting_an_article_opens_it_in_the_reader_with_its_cuts() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_label("Two civilians martyred in terrorist rocket attack on Kasr el-Nahr")
        .click();
    harness.run();
    assert!(harness.state().library_view_selected().is_some());
    harness.get_by_label_contains("Removed by cleaning");
    harness.get_by_label_contains("Hide what cleaning removed");
}

#[test]
fn searching_narrows_the_table_to_matching_articles() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    let before = harness.query_all_by_label_contains("Qasr").count();
    harness.get_by_label("Search").click();
    harness.get_by_label("Search").type_text("convoy");
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    harness.get_by_label_contains("matches, best first");
    let after = harness.query_all_by_label_contains("Qasr").count();
    assert!(
        after < before,
        "{after} rows mention Qasr after searching for convoy, {before} before"
    );
}

#[test]
fn importing_a_folder_from_the_menu_runs_in_the_background_and_reports() {
    let (dir, path, library) = common::temp_library();
    drop(library);
    let dialogs = ScriptedDialogs {
        folders: Some(vec![common::sample_dir()]),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    harness.get_by_label_contains("The library is empty");
    harness.get_by_label("File").click();
    harness.run();
    // An open menu lists its entries twice in the accessibility tree (egui's sizing pass).
    harness
        .get_all_by_role_and_label(Role::Button, "Import folder… Ctrl+I")
        .next()
        .expect("File > Import folder…")
        .click();
    harness.run();
    harness.get_by_label_contains("assets/sample");
    harness.get_by_label("Start import").click();
    harness.step();
    harness.state_mut().wait_for_job();
    // The Library view counts the new articles on its own thread: let it see the new library,
    // wait for its count, then draw. (Fixed steps: `run` would wait for the spinner to stop.)
    harness.step();
    harness.state_mut().wait_for_library_view();
    harness.step();
    harness.step();
    let n = common::expected()["articles"].as_array().unwrap().len();
    harness.get_by_label_contains(&format!("Imported {n} articles"));
    harness.get_by_label_contains("1 file had a problem");
    harness.get_by_label_contains(&format!("{n} articles ·"));
    drop(dir);
}

#[test]
fn articles_picked_with_ctrl_click_can_be_assigned_to_another_outlet() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_label("Shells hit school district in Qasr al-Nahr, killing eight")
        .click();
    harness.run();
    harness
        .get_by_label("Two civilians martyred in terrorist rocket attack on Kasr el-Nahr")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run();
    harness.get_by_label_contains("2 selected");
    harness.get_by_label("Assign outlet").click();
    harness
        .get_by_label("Assign outlet")
        .type_text("Pooled Desk");
    harness.run();
    harness.get_by_label("Assign").click();
    harness.run();
    harness.get_by_label_contains("2 articles assigned to Pooled Desk");
    let outlets = harness.state().library().unwrap().outlets().unwrap();
    let pooled = outlets
        .iter()
        .find(|o| o.name == "Pooled Desk")
        .expect("the new outlet");
    assert_eq!(pooled.article_count, 2);
}

#[test]
fn two_outlets_picked_in_the_outlets_view_merge_into_one() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Outlets")
        .click();
    harness.run();
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness
        .get_by_label("Sandgrouse Forum")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run();
    harness.get_by_label_contains("Merge 2 outlets into");
    harness.get_by_label("Merge").click();
    harness.run();
    harness.get_by_label_contains("Merged 1 outlet into Meridian Wire");
    let library = harness.state().library().unwrap();
    let outlets = library.outlets().unwrap();
    assert_eq!(outlets.len(), 6);
    let kept = outlets
        .iter()
        .find(|o| o.aliases.contains(&"Sandgrouse Forum".to_string()))
        .expect("an alias");
    assert_eq!(kept.name, "Meridian Wire");
}
