//! UI tests of what keeps the analyst's work safe: deleting articles in the Library view and taking
//! it back with Edit > Undo or from Edit > Trash…, the read-only banner when another Triangulate
//! holds the library, and File > Back up library….

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::app::TriangulateApp;
use triangulate_core::library::{ArticleQuery, lock};

use crate::common::{ScriptedDialogs, harness_for, notice, sample_library_file};

fn article_count(harness: &Harness<'static, TriangulateApp>) -> usize {
    harness
        .state()
        .library()
        .unwrap()
        .articles(&ArticleQuery::default())
        .unwrap()
        .len()
}

/// Opens a menu and clicks the entry whose label holds `entry`.
pub(crate) fn menu(harness: &mut Harness<'static, TriangulateApp>, menu: &str, entry: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    harness
        .query_all(
            egui_kittest::kittest::by()
                .role(Role::Button)
                .label_contains(entry),
        )
        .next()
        .unwrap_or_else(|| panic!("{menu} > {entry}"))
        .click();
    harness.run();
}

const TITLE: &str = "Two civilians martyred in terrorist rocket attack on Kasr el-Nahr";

#[test]
fn a_deleted_article_comes_back_with_edit_undo() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    let before = article_count(&harness);
    harness.get_by_label(TITLE).click();
    harness.run();
    harness.get_by_label("Delete selected").click();
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    assert_eq!(article_count(&harness), before - 1);
    assert!(
        notice(&harness).starts_with("Deleted 1 article."),
        "{}",
        notice(&harness)
    );
    assert!(harness.query_by_label(TITLE).is_none(), "the row is gone");

    // Long titles are cut short in labels.
    menu(
        &mut harness,
        "Edit",
        "Undo delete article “Two civilians martyred",
    );
    harness.state_mut().wait_for_library_view();
    harness.run();
    assert_eq!(article_count(&harness), before);
    assert!(notice(&harness).starts_with("Undid delete article"));
    harness.get_by_label(TITLE);
}

#[test]
fn the_trash_window_restores_and_empties() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    let before = article_count(&harness);
    harness.get_by_label(TITLE).click();
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert_eq!(
        article_count(&harness),
        before - 1,
        "the Delete key deletes"
    );

    menu(&mut harness, "Edit", "Trash…");
    harness.get_by_label_contains("delete article “Two civilians martyred");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(article_count(&harness), before);
    harness.get_by_label("The trash is empty.");
    // Undo has nothing left to take back for it.
    harness.get_by_label("Edit").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Undo delete article")
            .next()
            .is_none()
    );
    harness.key_press(egui::Key::Escape);
    harness.run();

    // Delete again, then empty the trash: two clicks, the second one says it is for good.
    harness.get_by_label(TITLE).click();
    harness.run();
    harness.get_by_label("Delete selected").click();
    harness.run();
    harness.get_by_label("Empty trash…").click();
    harness.run();
    harness.get_by_label("Emptying cannot be undone.");
    harness.get_by_label("Empty for good").click();
    harness.run();
    harness.get_by_label("The trash is empty.");
    assert_eq!(article_count(&harness), before - 1);
}

#[test]
fn a_library_another_triangulate_is_writing_opens_read_only_with_a_banner() {
    let (_dir, path) = sample_library_file();
    // Held through its own open file, as another process holds it.
    let held = std::fs::File::create(lock::lock_path(&path)).unwrap();
    held.try_lock().unwrap();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.get_by_label_contains("Read-only:");
    harness.get_by_label_contains("open for writing in another Triangulate");
    let before = article_count(&harness);
    // Reading works; a write is refused with a message and changes nothing.
    harness.get_by_label(TITLE).click();
    harness.run();
    harness.get_by_label_contains("Removed by cleaning");
    harness.get_by_label("Delete selected").click();
    harness.run();
    assert!(
        notice(&harness).starts_with("Could not delete the articles:"),
        "{}",
        notice(&harness)
    );
    assert_eq!(article_count(&harness), before);
    drop(held);
}

#[test]
fn back_up_library_writes_a_copy_in_the_background() {
    let (dir, path) = sample_library_file();
    let out = dir.path().join("copy.sqlite");
    let dialogs = ScriptedDialogs {
        backup: Some(out.clone()),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    menu(&mut harness, "File", "Back up library…");
    harness.state_mut().wait_for_job();
    harness.run();
    assert!(
        notice(&harness).starts_with("Backed up "),
        "{}",
        notice(&harness)
    );
    let copy = triangulate_core::Library::open(&out).unwrap();
    assert_eq!(
        copy.counts().unwrap(),
        harness.state().library().unwrap().counts().unwrap()
    );
}
