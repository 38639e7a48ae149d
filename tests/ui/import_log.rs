//! The Import log: articles whose outlet nothing named are listed, and given one outlet at once.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use crate::common::{ScriptedDialogs, harness_for, library_of_files, notice};

#[test]
fn articles_with_no_outlet_are_listed_and_assigned_one_outlet_at_once() {
    let files: Vec<(String, String)> = (0..3)
        .map(|i| {
            (
                format!("report-{i}.txt"),
                format!(
                    "Convoy hit near the river {i}\n\nA convoy was hit near the river crossing on Friday, witnesses said ({i})."
                ),
            )
        })
        .collect();
    let (_dir, path) = library_of_files("downloads", &files);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Import log")
        .click();
    harness.run();
    harness
        .get_by_label("3 articles have no outlet: nothing in the files or their folder named one.");
    harness.get_by_label("Outlet for them").focus();
    harness.run();
    harness
        .get_by_label("Outlet for them")
        .type_text("River Gazette");
    harness.run();
    harness.get_by_label("Assign all 3").click();
    harness.run();
    assert_eq!(notice(&harness), "3 articles assigned to River Gazette.");
    let library = harness.state().library().unwrap();
    let outlets: Vec<(String, i64)> = library
        .outlets()
        .unwrap()
        .into_iter()
        .map(|o| (o.name, o.article_count))
        .collect();
    assert_eq!(outlets, [("River Gazette".to_string(), 3)]);
    assert!(
        harness.query_by_label_contains("have no outlet").is_none(),
        "the list is gone once they have an outlet"
    );
}
