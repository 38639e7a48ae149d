//! UI tests of the Lexicon view through egui_kittest: the library's own lexicon is shown and can
//! be reset to the shipped one; an edit that does not read cannot be saved and can be discarded.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

use common::{ScriptedDialogs, sample_library_file};
use triangulate_core::Library;
use triangulate_core::analysis::lexicon::DEFAULT_LEXICON;

/// The app on `path`, drawing characters no bundled font has as boxes: the shipped lexicon has
/// Arabic names (داعش), and egui's bundled fonts have no Arabic glyphs. (The app itself draws
/// boxes too; kittest's default is to fail on them.) Up to 32 frames to settle, as in
/// `common::harness_for`: the names-not-in-the-lexicon reader wakes the UI as it finishes.
fn harness_for(
    path: &std::path::Path,
    dialogs: ScriptedDialogs,
) -> egui_kittest::Harness<'static, triangulate::app::TriangulateApp> {
    let app = triangulate::app::TriangulateApp::for_library(path, Box::new(dialogs));
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(32)
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut triangulate::app::TriangulateApp| app.ui(ui),
            app,
        );
    harness.run();
    harness
}

fn open_lexicon(harness: &mut egui_kittest::Harness<'static, triangulate::app::TriangulateApp>) {
    harness
        .get_by_role_and_label(Role::Button, "Lexicon")
        .click();
    harness.run();
}

#[test]
fn the_librarys_own_lexicon_is_shown_and_can_be_reset() {
    let (_dir, path) = sample_library_file();
    let own = DEFAULT_LEXICON.replace("[loaded]\nterms = [", "[loaded]\nterms = [\"sow chaos\", ");
    Library::open(&path)
        .unwrap()
        .set_lexicon_text(Some(&own), "ana")
        .unwrap();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_lexicon(&mut harness);
    harness.get_by_label("This library uses its own lexicon.");
    let shipped_loaded = triangulate_core::analysis::Lexicon::built_in().loaded.len();
    let summary = format!("{} loaded words", shipped_loaded + 1);
    assert!(
        harness
            .query_all_by_label_contains(&summary)
            .next()
            .is_some(),
        "the summary counts the added word"
    );

    harness.get_by_label("Reset to the shipped lexicon").click();
    harness.run();
    harness.get_by_label("This library uses the lexicon shipped with Triangulate.");
    assert_eq!(
        harness.state().library().unwrap().lexicon_text().unwrap(),
        None
    );
}

#[test]
fn an_edit_that_does_not_read_cannot_be_saved_and_can_be_discarded() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    // A library made from the sample has the sample's lexicon: the shipped one and its world.
    let before = harness.state().library().unwrap().lexicon_text().unwrap();
    assert!(
        before
            .as_deref()
            .is_some_and(|t| t.contains("Crescent Front"))
    );
    open_lexicon(&mut harness);
    assert!(
        harness
            .get_by_label("Save lexicon")
            .accesskit_node()
            .is_disabled()
    );
    let editor = || (Role::MultilineTextInput, "Lexicon file (TOML)");
    // The editor is taller than the window: focus it rather than click its middle.
    harness
        .get_by_role_and_label(editor().0, editor().1)
        .focus();
    harness.run();
    // Select everything and type over it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_role_and_label(editor().0, editor().1)
        .type_text("[[actor]");
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Does not read")
            .next()
            .is_some(),
        "the error is shown"
    );
    assert!(
        harness
            .get_by_label("Save lexicon")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Does not read")
            .next()
            .is_none()
    );
    assert_eq!(
        harness.state().library().unwrap().lexicon_text().unwrap(),
        before,
        "nothing was saved"
    );
}

#[test]
fn a_pack_unticked_and_saved_is_left_out_of_the_librarys_lexicon() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_lexicon(&mut harness);
    for conflict in ["Syria (SY)", "Russia–Ukraine (UA, RU)", "Sudan (SD)"] {
        assert!(
            harness.query_by_label_contains(conflict).is_some(),
            "{conflict} has a box"
        );
    }
    harness.get_by_label("Myanmar (MM)").click();
    harness.run();
    harness.get_by_label("Save lexicon").click();
    harness.run();
    let library = harness.state().library().unwrap();
    let lexicon = library.lexicon().unwrap();
    assert!(
        !lexicon
            .actors
            .iter()
            .any(|a| a.pack.as_deref() == Some("Myanmar")),
        "Myanmar's parties are left out"
    );
    assert!(
        lexicon
            .actors
            .iter()
            .any(|a| a.pack.as_deref() == Some("Syria"))
    );
    assert!(
        library
            .lexicon_text()
            .unwrap()
            .is_some_and(|t| t.contains("off = [\"Myanmar\"]"))
    );
}

#[test]
fn a_name_the_reports_give_that_the_lexicon_lacks_is_offered_and_added_as_a_source() {
    let files: Vec<(String, String)> = (0..3)
        .map(|i| {
            (
                format!("report-{i}.txt"),
                format!(
                    "Convoy hit near the crossing {i}\n\nThe Riverside Monitoring Team said a \
                     convoy was hit near the river crossing on Friday, killing {} drivers.",
                    i + 2
                ),
            )
        })
        .collect();
    let (_dir, path) = crate::common::library_of_files("clips", &files);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_lexicon(&mut harness);
    harness
        .get_by_label_contains("Names not in the lexicon")
        .click();
    let offered = "Riverside Monitoring Team — named 3 times in 3 reports, cited as a source";
    for _ in 0..100 {
        harness.run();
        if harness.query_by_label(offered).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.get_by_label(offered);
    harness.get_by_label("Add as source").click();
    harness.run();
    harness.get_by_label("Save lexicon").click();
    harness.run();
    let lexicon = harness.state().library().unwrap().lexicon().unwrap();
    assert!(
        lexicon
            .sources
            .iter()
            .any(|s| s.name == "Riverside Monitoring Team"),
        "the source is in the library's lexicon"
    );
}
