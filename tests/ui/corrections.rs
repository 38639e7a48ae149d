//! UI tests of correcting an article in the Library view's reader: the "Correct…" form found by
//! its labels, a new title and date typed and saved, shown as corrected by the analyst, taken
//! back with Edit > Undo; a date that is not one refused with the form left open; and the same
//! form opened from a row's menu in the table.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use common::{ScriptedDialogs, harness_for, notice, sample_library_file};
use triangulate::app::TriangulateApp;
use triangulate_core::model::{Article, Id};

const TITLE: &str = "Two civilians martyred in terrorist rocket attack on Kasr el-Nahr";
const NEW_TITLE: &str = "Rocket attack on Kasr el-Nahr kills two civilians";

/// What the library holds for article `id`.
fn stored(harness: &Harness<'static, TriangulateApp>, id: Id) -> Article {
    harness
        .state()
        .library()
        .unwrap()
        .article(id)
        .unwrap()
        .unwrap()
}

/// The article open in the reader: its id and what the library holds for it.
fn open_article(harness: &Harness<'static, TriangulateApp>) -> (Id, Article) {
    let id = harness
        .state()
        .library_view_selected()
        .expect("an article open");
    let article = stored(harness, id);
    (id, article)
}

/// The app on the sample, with `TITLE` open in the reader and its "Correct…" form open.
fn correcting() -> (tempfile::TempDir, Harness<'static, TriangulateApp>) {
    let (dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = "omar".into();
    harness.get_by_label(TITLE).click();
    harness.run();
    harness.get_by_label("Correct…").click();
    harness.run();
    (dir, harness)
}

/// Types `text` over what the field labelled `label` holds.
fn type_over(harness: &mut Harness<'static, TriangulateApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Saves the form and waits for the table to read the library again.
fn save(harness: &mut Harness<'static, TriangulateApp>) {
    harness.get_by_label("Save correction").click();
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
}

#[test]
fn an_analyst_corrects_the_title_and_date_in_the_reader_and_edit_undo_takes_it_back() {
    let (_dir, mut harness) = correcting();
    let (id, before) = open_article(&harness);
    assert_eq!(
        harness.get_by_label("Corrected title").value().as_deref(),
        Some(TITLE),
        "the form starts from what the article says"
    );
    type_over(&mut harness, "Corrected title", NEW_TITLE);
    type_over(&mut harness, "Corrected date", "2025-10-08");
    save(&mut harness);

    assert!(
        notice(&harness).starts_with(&format!("Corrected article {id} (by omar)")),
        "{}",
        notice(&harness)
    );
    harness.get_by_label_contains("Title corrected by omar");
    harness.get_by_label_contains("Date corrected by omar");
    harness.get_by_label_contains("2025-10-08 (set by omar)");
    assert!(
        harness.query_all_by_label(NEW_TITLE).next().is_some(),
        "the new title is shown"
    );
    assert!(
        harness.query_by_label("Corrected title").is_none(),
        "the form closes once the correction is written"
    );
    let corrected = stored(&harness, id);
    assert_eq!(corrected.title, NEW_TITLE);
    assert_eq!(corrected.published.as_deref(), Some("2025-10-08"));
    assert_eq!(corrected.date_source.as_deref(), Some("analyst"));
    assert_eq!(corrected.outlet, before.outlet, "the outlet was left alone");
    assert_eq!(corrected.corrections.len(), 2);

    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .query_all(by().role(Role::Button).label_contains("Undo correct"))
        .next()
        .expect("Edit > Undo correct …")
        .click();
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    let undone = stored(&harness, id);
    assert_eq!(undone, before);
    assert!(
        harness
            .query_by_label_contains("corrected by omar")
            .is_none()
    );
    assert!(harness.query_all_by_label(TITLE).next().is_some());
}

#[test]
fn a_date_that_is_not_one_is_refused_and_the_form_stays_open() {
    let (_dir, mut harness) = correcting();
    let (id, before) = open_article(&harness);
    type_over(&mut harness, "Corrected date", "2025-02-30");
    save(&mut harness);
    let said = notice(&harness);
    assert!(
        said.starts_with("Could not correct the article") && said.contains("YYYY-MM-DD"),
        "{said}"
    );
    assert_eq!(
        harness.get_by_label("Corrected date").value().as_deref(),
        Some("2025-02-30"),
        "what was typed stays to be fixed"
    );
    let after = stored(&harness, id);
    assert_eq!(after, before);
}

#[test]
fn a_rows_menu_in_the_table_opens_the_correction_form_and_saves_through_it() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().settings.analyst = "omar".into();
    harness.get_by_label(TITLE).click_secondary();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Edit title, date, outlet…")
        .click();
    harness.run();
    let (id, before) = open_article(&harness);
    assert_eq!(
        before.title, TITLE,
        "the row's article is open in the reader"
    );
    assert_eq!(
        harness.get_by_label("Corrected title").value().as_deref(),
        Some(TITLE),
        "with its correction form open"
    );
    type_over(&mut harness, "Corrected title", NEW_TITLE);
    save(&mut harness);
    assert!(
        notice(&harness).starts_with(&format!("Corrected article {id} (by omar)")),
        "{}",
        notice(&harness)
    );
    assert_eq!(stored(&harness, id).title, NEW_TITLE);
    assert!(
        harness
            .state()
            .undo_label()
            .is_some_and(|l| l.starts_with("correct")),
        "Edit > Undo takes it back"
    );
}
