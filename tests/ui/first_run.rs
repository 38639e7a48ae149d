//! UI tests of the first run, through egui_kittest: the app starting with no saved settings on a
//! new default library fills it with the sample, asks the analyst's name once, and shows the
//! Start here panel, whose buttons take the analyst to each view and which Help > Start here
//! opens again once closed.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use triangulate::app::{Settings, TriangulateApp, View};

use crate::common::ScriptedDialogs;

/// The app as it starts with `saved` settings (`None`: a first run) on the library at `path`,
/// after the sample has loaded when the library was new.
fn starting(path: &Path, saved: Option<Settings>) -> Harness<'static, TriangulateApp> {
    let app = TriangulateApp::starting(saved, path, Box::new(ScriptedDialogs::default()));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_max_steps(32)
        .build_ui_state(|ui, app: &mut TriangulateApp| app.ui(ui), app);
    harness.state_mut().wait_for_job();
    harness.run();
    harness
}

/// Whether the Start here panel shows (its step buttons are there).
fn start_here_shows(harness: &Harness<'static, TriangulateApp>) -> bool {
    harness.query_by_label("Go to Outlets").is_some()
}

/// Whether the name prompt shows.
fn name_prompt_shows(harness: &Harness<'static, TriangulateApp>) -> bool {
    harness.query_by_label("Welcome to Triangulate").is_some()
}

/// The login name the prompt offers, as the operating system gives it.
fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|n| n.trim().to_string())
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

#[test]
fn the_start_here_panel_shows_on_a_first_run_and_its_buttons_open_each_view() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite");
    let mut harness = starting(&path, None);
    harness.get_by_label("Continue").click();
    harness.run();
    assert!(
        start_here_shows(&harness),
        "no Start here panel on a first run"
    );
    harness.get_by_label_contains("This is the sample library");

    for (button, view) in [
        ("Go to Outlets", View::Outlets),
        ("Go to Suggestions", View::Suggestions),
        ("Go to Incidents", View::Incidents),
        ("Go to Compare", View::Compare),
        ("Go to Disagreements", View::Disagreements),
        ("Go to Import log", View::ImportLog),
        ("Go to Library", View::Library),
    ] {
        harness.get_by_label(button).click();
        harness.run();
        assert_eq!(harness.state().settings.view, view, "after {button}");
        assert!(start_here_shows(&harness), "{button} closed the panel");
        if view == View::Disagreements {
            // The sample's one disagreement waits there.
            harness.get_by_label_contains("Outlet: Qadira Conflict Observatory");
        }
    }

    harness.get_by_label("Close").click();
    harness.run();
    assert!(!start_here_shows(&harness), "Close left the panel open");
    assert!(!harness.state().settings.first_run.show_start);

    harness.get_by_label("Help").click();
    harness.run();
    // An open menu lists its entries twice in the accessibility tree (egui's sizing pass).
    harness
        .get_all_by_role_and_label(Role::Button, "Start here")
        .next()
        .expect("Help > Start here")
        .click();
    harness.run();
    assert!(
        start_here_shows(&harness),
        "Help > Start here did not open it"
    );
}

#[test]
fn the_analysts_name_is_asked_once_offering_the_login_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite");
    let mut harness = starting(&path, None);
    assert!(name_prompt_shows(&harness), "no name prompt on a first run");
    assert_eq!(harness.state().settings.analyst, login_name());

    harness.get_by_label("Your name").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_label("Your name")
        .type_text("  Noor Haddad ");
    harness.run();
    harness.get_by_label("Continue").click();
    harness.run();
    assert!(
        !name_prompt_shows(&harness),
        "the prompt stayed after Continue"
    );
    assert_eq!(harness.state().settings.analyst, "Noor Haddad");
    harness.run();
    assert!(!name_prompt_shows(&harness), "the prompt came back");

    // The next run starts from what this one saved: no prompt, the same name, the same library.
    let saved: Settings = serde_json::from_str(
        &serde_json::to_string(&harness.state().settings).expect("settings serialise"),
    )
    .expect("settings read back");
    drop(harness);
    let harness = starting(&path, Some(saved));
    assert!(!name_prompt_shows(&harness), "the name was asked again");
    assert_eq!(harness.state().settings.analyst, "Noor Haddad");
    assert!(
        harness.state().notice().is_none(),
        "the sample was loaded again: {:?}",
        harness.state().notice()
    );
}

#[test]
fn a_library_opened_for_tests_or_from_older_settings_shows_no_first_run_windows() {
    let (_dir, path) = crate::common::sample_library_file();
    let harness = crate::common::harness_for(&path, ScriptedDialogs::default());
    assert!(!name_prompt_shows(&harness));
    assert!(!start_here_shows(&harness));
    // Settings saved before the first run was asked about read as "already seen".
    let older: Settings =
        serde_json::from_str(r#"{"analyst":"ana","view":"Outlets"}"#).expect("older settings");
    let harness = starting(&path, Some(older));
    assert!(!name_prompt_shows(&harness));
    assert!(!start_here_shows(&harness));
}
