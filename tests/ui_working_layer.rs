//! UI tests of the working layer in the Library view through egui_kittest: tagging several
//! articles at once and filtering by the tag, writing a note in the reader, and saving the
//! filters as a collection.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, harness_for, sample_library_file};
use triangulate::Library;
use triangulate::app::TriangulateApp;
use triangulate::library::{ArticleFilter, ArticleOrder};
use triangulate::model::{ArticleRow, Target};

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
