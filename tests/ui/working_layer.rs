//! UI tests of the working layer through egui_kittest: tagging several articles, outlets or
//! incidents at once and filtering each list by the tag; notes written in the reader and on the
//! outlet and incident pages.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, harness_for, sample_library_file};
use triangulate::app::TriangulateApp;
use triangulate_core::Library;
use triangulate_core::library::{ArticleFilter, ArticleOrder};
use triangulate_core::model::{ArticleRow, Target};

fn newest(path: &std::path::Path, n: usize) -> Vec<ArticleRow> {
    Library::open(path)
        .expect("opens")
        .article_page(
            &ArticleFilter::default(),
            ArticleOrder::default(),
            None,
            0,
            n,
        )
        .expect("a page")
        .into_iter()
        .map(|(row, _)| row)
        .collect()
}

fn settle(harness: &mut Harness<'static, TriangulateApp>) {
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
}

#[test]
fn three_articles_tagged_at_once_are_what_the_tag_filter_keeps() {
    let (_dir, path) = sample_library_file();
    let rows = newest(&path, 3);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    // Select the newest three: click the first, Shift-click the third.
    harness.get_by_label(&rows[0].title).click();
    harness.run();
    harness
        .get_by_label(&rows[2].title)
        .click_modifiers(egui::Modifiers::SHIFT);
    harness.run();
    harness.get_by_label("3 selected");

    // The batch bar's tag field (the reader has its own "New tag" field: the first is the bar's).
    harness
        .get_all_by_role_and_label(Role::TextInput, "New tag")
        .next()
        .expect("a tag field for the selection")
        .click();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::TextInput, "New tag")
        .next()
        .expect("the field")
        .type_text("needs check");
    harness.run();
    harness
        .get_all_by_label("Add tag")
        .next()
        .expect("an Add tag button")
        .click();
    settle(&mut harness);
    harness.get_by_label_contains("Tagged 3 articles “needs check”");

    // Every one of the three carries it in the library.
    let library = Library::open(&path).expect("opens");
    for row in &rows {
        assert_eq!(
            library.tags_of(Target::Article(row.id)).expect("reads"),
            vec!["needs check".to_string()],
            "{}",
            row.title
        );
    }
    drop(library);

    // Filtering by the tag keeps exactly those three.
    harness.get_by_role_and_label(Role::ComboBox, "Tag").click();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::Button, "needs check (3)")
        .next()
        .expect("the tag is offered with its count")
        .click();
    settle(&mut harness);
    harness.get_by_label_contains("3 of 37 articles");
    for row in &rows {
        assert!(
            harness.query_all_by_label(&row.title).next().is_some(),
            "{} is listed",
            row.title
        );
    }
    let fourth = &newest(&path, 4)[3];
    assert!(
        harness.query_all_by_label(&fourth.title).next().is_none(),
        "an untagged article is not listed"
    );
}

#[test]
fn a_note_written_in_the_reader_is_listed_with_its_author() {
    let (_dir, path) = sample_library_file();
    let rows = newest(&path, 1);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.get_by_label(&rows[0].title).click();
    harness.run();
    harness.get_by_label("New note").click();
    harness.run();
    harness
        .get_by_label("New note")
        .type_text("The toll here matches the monitor's");
    harness.run();
    harness.get_by_label("Add note").click();
    settle(&mut harness);
    let library = Library::open(&path).expect("opens");
    let notes = library
        .notes_of(Target::Article(rows[0].id))
        .expect("reads");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "The toll here matches the monitor's");
    harness.get_by_label_contains("Note added");
    harness.get_by_label("The toll here matches the monitor's");
}

/// Types `text` into the first field of `role` labelled `label` (the batch bar's comes first).
fn type_into_first(
    harness: &mut Harness<'static, TriangulateApp>,
    role: Role,
    label: &str,
    text: &str,
) {
    for typing in [false, true] {
        let field = harness
            .get_all_by_role_and_label(role, label)
            .next()
            .expect("a field");
        if typing {
            field.type_text(text);
        } else {
            field.click();
        }
        harness.run();
    }
}

#[test]
fn two_outlets_tagged_at_once_are_what_the_outlets_tag_filter_keeps_and_a_page_takes_notes() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Outlets")
        .click();
    harness.run();
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness
        .get_by_label("Qadira National Broadcasting")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run();
    harness.get_by_label("Tag the 2 picked outlets:");
    type_into_first(&mut harness, Role::TextInput, "New tag", "state media");
    harness.get_by_label("Add tag").click();
    harness.run();
    harness.get_by_label_contains("Tagged 2 outlets “state media”");

    // The tag filter keeps the two.
    harness.get_by_role_and_label(Role::ComboBox, "Tag").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "state media")
        .click();
    harness.run();
    assert!(harness.query_by_label("Red Dunes Blog").is_none());
    harness.get_by_label("Meridian Wire");

    // One outlet's page: its tag, and a note written there.
    harness.get_by_label("Meridian Wire").click();
    harness.run();
    harness.get_by_label("state media ×");
    type_into_first(
        &mut harness,
        Role::MultilineTextInput,
        "New note",
        "Wire copy reaches three outlets",
    );
    harness.get_by_label("Add note").click();
    harness.run();
    harness.get_by_label_contains("Note added");
    harness.get_by_label("Wire copy reaches three outlets");
    let library = Library::open(&path).expect("opens");
    let wire = library
        .outlet_list()
        .expect("reads")
        .into_iter()
        .find(|o| o.name == "Meridian Wire")
        .expect("the wire");
    assert_eq!(wire.tags, vec!["state media".to_string()]);
    let notes = library.notes_of(Target::Outlet(wire.id)).expect("reads");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Wire copy reaches three outlets");
}

#[test]
fn incidents_picked_with_ctrl_click_are_tagged_at_once_and_filtered_by_the_tag() {
    let (_dir, path) = sample_library_file();
    let mut library = Library::open(&path).expect("opens");
    let ids: Vec<_> = newest(&path, 3).iter().map(|r| r.id).collect();
    let first = common::make_incident(&mut library, "Convoy ambush", "2031-01-01", &ids[..1]);
    let second = common::make_incident(&mut library, "Bridge strike", "2031-01-02", &ids[1..2]);
    let third = common::make_incident(&mut library, "Depot fire", "2031-01-03", &ids[2..]);
    drop(library);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Incidents")
        .click();
    harness.run();
    harness.get_by_label("Convoy ambush").click();
    harness.run();
    harness
        .query_all_by_label("Bridge strike")
        .next()
        .expect("listed")
        .click_modifiers(egui::Modifiers::COMMAND);
    harness.run();
    harness.get_by_label("Tag the 2 picked incidents:");
    type_into_first(&mut harness, Role::TextInput, "New tag", "verified");
    harness
        .get_all_by_label("Add tag")
        .next()
        .expect("the bar's button")
        .click();
    harness.run();
    harness.get_by_label_contains("Tagged 2 incidents “verified”");
    let library = Library::open(&path).expect("opens");
    for (id, tags) in [(first, 1), (second, 1), (third, 0)] {
        assert_eq!(
            library.tags_of(Target::Incident(id)).expect("reads").len(),
            tags
        );
    }
    drop(library);

    harness.get_by_role_and_label(Role::ComboBox, "Tag").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "verified (2)")
        .click();
    harness.run();
    harness.get_by_label("2 incidents");
    assert!(harness.query_by_label("Depot fire").is_none());

    // The open incident's page shows its tag and takes a note.
    harness.get_by_label("verified ×");
    type_into_first(
        &mut harness,
        Role::MultilineTextInput,
        "New note",
        "Two outlets only; wait for the monitor",
    );
    harness
        .get_all_by_label("Add note")
        .next()
        .expect("button")
        .click();
    harness.run();
    let library = Library::open(&path).expect("opens");
    let notes = library.notes_of(Target::Incident(first)).expect("reads");
    assert_eq!(notes.len(), 1);
}

#[test]
fn the_reader_counts_an_articles_copies_and_not_a_copy_takes_one_out() {
    let (_dir, path) = sample_library_file();
    let mut library = Library::open(&path).expect("opens");
    triangulate_core::linking::link_library(
        &mut library,
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .expect("linking runs");
    let wire = common::article_id(
        &library,
        "Meridian Wire",
        "Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr",
    );
    let before = library.copies_of(wire).expect("reads");
    assert!(before.len() >= 2, "{before:?}");
    drop(library);

    let mut harness = harness_for(&path, ScriptedDialogs::default());
    // The wire's articles only: the forum's repost of the story has the same title.
    harness
        .get_by_role_and_label(Role::ComboBox, "Outlet")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Meridian Wire")
        .click();
    settle(&mut harness);
    harness
        .query_all_by_label("Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr")
        .next()
        .expect("listed")
        .click();
    harness.run();
    let header = format!("{} copies in the library", before.len());
    harness.get_by_label(&header).click();
    harness.run();
    harness
        .get_all_by_label("Not a copy")
        .next()
        .expect("a Not a copy button per copy")
        .click();
    harness.run();
    harness.get_by_label_contains("are not copies");
    let after = Library::open(&path)
        .expect("opens")
        .copies_of(wire)
        .expect("reads");
    assert_eq!(after.len(), before.len() - 1);
    assert_eq!(after[..], before[1..]);
    let shown = match after.len() {
        1 => "1 copy in the library".to_string(),
        n => format!("{n} copies in the library"),
    };
    harness.get_by_label(&shown);
}
