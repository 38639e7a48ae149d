//! UI tests of the app in small windows (900×600 and 700×500): the Library's filters fold into
//! a Filters pop-up, the reader sits under the table, no control leaves the screen, Compare's row
//! labels stay pinned while its columns scroll, and another article opens at its top.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

use common::{ScriptedDialogs, article_id, sample_library_file};
use triangulate::app::{Dialogs, TriangulateApp};
use triangulate_core::Library;

/// The app on `path` in a window of `size`, with `dialogs`, after its first frames.
pub fn harness_sized(
    path: &std::path::Path,
    dialogs: impl Dialogs + 'static,
    size: egui::Vec2,
) -> Harness<'static, TriangulateApp> {
    let app = TriangulateApp::for_library(path, Box::new(dialogs));
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(32)
        .build_ui_state(|ui, app: &mut TriangulateApp| app.ui(ui), app);
    harness.run();
    harness
}

const SMALL: [egui::Vec2; 2] = [egui::vec2(900.0, 600.0), egui::vec2(700.0, 500.0)];

/// The sample's titles that the table shows whole, above `above` (the reader, or the status
/// bar), top row first.
fn titles_in_table(harness: &Harness<'static, TriangulateApp>, above: f32) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = common::expected()["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .filter_map(|title| {
            let mut shown = harness.query_all_by_label(title);
            let rect = shown.next()?.rect();
            (shown.next().is_none() && rect.top() > 60.0 && rect.bottom() < above)
                .then(|| (rect.top(), title.to_string()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, title)| title).collect()
}

/// Scrolls what is under `at` sideways by `by` points, as a trackpad does.
fn scroll_sideways(harness: &mut Harness<'static, TriangulateApp>, at: egui::Pos2, by: f32) {
    harness.hover_at(at);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-by, 0.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
}

/// Fails unless the control's rect lies inside the window.
fn on_screen(
    harness: &Harness<'static, TriangulateApp>,
    size: egui::Vec2,
    rect: egui::Rect,
    what: &str,
) {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    assert!(
        screen.expand(0.5).contains_rect(rect),
        "at {}×{} {what} is off-screen: {rect:?}",
        size.x,
        size.y
    );
    let _ = harness;
}

#[test]
fn a_small_window_folds_the_library_filters_into_a_filters_pop_up() {
    let (_dir, path) = sample_library_file();
    for size in SMALL {
        let mut harness = harness_sized(&path, ScriptedDialogs::default(), size);
        assert!(
            harness.query_by_label("Language").is_none(),
            "the filters are folded away"
        );
        harness
            .get_by_role_and_label(Role::Button, "Filters")
            .click();
        harness.run();
        for label in ["Outlet", "Language", "From", "To", "Rating", "Collection"] {
            let field = harness
                .query_all(by().label(label))
                .find(|n| n.accesskit_node().role() != Role::Label)
                .unwrap_or_else(|| panic!("the pop-up has {label}"));
            on_screen(&harness, size, field.rect(), label);
        }
        harness.get_by_label("From").focus();
        harness.run();
        harness.get_by_label("From").type_text("2025");
        harness.run();
        harness.get_by_label("Done").click();
        harness.run();
        assert!(
            harness.query_by_label("Language").is_none(),
            "Done closes it"
        );
        harness.get_by_role_and_label(Role::Button, "Filters (1)");
    }
    // A wide window keeps them in a row.
    let harness = harness_sized(&path, ScriptedDialogs::default(), egui::vec2(1400.0, 900.0));
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Filters")
            .is_none()
    );
    harness.get_by_label("Language");
}

#[test]
fn in_a_small_window_the_reader_sits_under_the_table_and_every_control_is_on_screen() {
    let (_dir, path) = sample_library_file();
    for size in SMALL {
        let mut harness = harness_sized(&path, ScriptedDialogs::default(), size);
        let rows = titles_in_table(&harness, size.y - 40.0);
        assert!(rows.len() >= 2, "the table shows rows: {rows:?}");
        harness.get_by_label(&rows[0]).click();
        harness.run();
        // The reader's first line under the table: its folded credibility, tags, notes and copies.
        let reader = harness
            .get_by_label_contains("Credibility, tags, notes")
            .rect();
        on_screen(&harness, size, reader, "the reader");
        let rows = titles_in_table(&harness, reader.top());
        assert!(!rows.is_empty(), "the table keeps rows above the reader");
        harness
            .get_by_label(&rows[rows.len() - 1])
            .click_modifiers(egui::Modifiers::COMMAND);
        harness.run();
        let controls = [
            "File",
            "Edit",
            "Help",
            "Search",
            "Filters",
            "Assign outlet",
            "Assign",
            "Compare selected",
            "Delete selected",
            "Clear selection",
            "Add to collection",
        ];
        for label in controls {
            let node = harness
                .query_all(by().label(label))
                .find(|n| n.accesskit_node().role() != Role::Label)
                .unwrap_or_else(|| panic!("{label} is shown"));
            on_screen(&harness, size, node.rect(), label);
        }
        for view in triangulate::app::View::ALL {
            let node = harness.get_by_role_and_label(Role::Button, view.label());
            on_screen(&harness, size, node.rect(), view.label());
        }
        let analyst = harness.get_by_label_contains("Analyst: ");
        on_screen(&harness, size, analyst.rect(), "the analyst");
        let row = harness.get_by_label(&rows[0]).rect();
        assert!(
            reader.top() > row.bottom(),
            "at {size:?} the reader is under the table"
        );
    }
}

#[test]
fn opening_another_article_starts_the_reader_at_its_top() {
    let (_dir, path) = sample_library_file();
    let size = egui::vec2(700.0, 500.0);
    let mut harness = harness_sized(&path, ScriptedDialogs::default(), size);
    let rows = titles_in_table(&harness, size.y - 40.0);
    harness.get_by_label(&rows[0]).click();
    harness.run();
    // The reader's first line under the table: its folded credibility, tags, notes and copies.
    let side = |harness: &Harness<'static, TriangulateApp>| {
        harness
            .get_by_label_contains("Credibility, tags, notes")
            .rect()
    };
    let reader_top = side(&harness).top();
    let top = harness.get_by_label("Correct…").rect().top();
    for _ in 0..3 {
        harness.get_by_label("Correct…").scroll_down();
        harness.run();
    }
    let scrolled = harness.get_by_label("Correct…").rect().top();
    assert!(
        scrolled < top - 100.0,
        "the reader scrolled: {top} → {scrolled}"
    );

    let rows = titles_in_table(&harness, reader_top);
    harness.get_by_label(&rows[0]).click();
    harness.run();
    let opened = side(&harness).top();
    assert!(
        (opened - reader_top).abs() < 1.0,
        "the other article opens at its top: {reader_top} then {opened}"
    );
    harness.get_by_label("Correct…");
}

#[test]
fn compare_keeps_its_row_labels_pinned_while_the_columns_scroll() {
    let (_dir, path) = sample_library_file();
    let library = Library::open(&path).unwrap();
    let articles = [
        article_id(&library, "Meridian Wire", "Shelling kills at least 19"),
        article_id(
            &library,
            "Qadira National Broadcasting",
            "Four citizens martyred",
        ),
        article_id(
            &library,
            "Qadira Conflict Observatory",
            "23 civilians killed",
        ),
        article_id(
            &library,
            "The Valley Courier",
            "Market town of Qasr al-Nahr mourns",
        ),
    ];
    let mut library = library;
    common::make_incident(
        &mut library,
        "Shelling of the market",
        "2025-03-14",
        &articles,
    );
    drop(library);
    let size = egui::vec2(700.0, 500.0);
    let mut harness = harness_sized(&path, ScriptedDialogs::default(), size);
    harness
        .get_by_role_and_label(Role::Button, "Compare")
        .click();
    harness.run();
    let lead = harness.get_by_label("Lead").rect();
    let heading = || {
        harness
            .query_all_by_label("The Valley Courier")
            .map(|n| n.rect())
            .next()
            .expect("the Courier's column")
    };
    let before = heading();
    scroll_sideways(&mut harness, egui::pos2(500.0, lead.center().y), 300.0);
    let after = harness
        .query_all_by_label("The Valley Courier")
        .map(|n| n.rect())
        .next()
        .unwrap();
    assert!(
        after.left() < before.left() - 100.0,
        "the columns scrolled: {before:?} → {after:?}"
    );
    let pinned = harness.get_by_label("Lead").rect();
    assert!(
        (pinned.left() - lead.left()).abs() < 1.0,
        "the row label stays: {lead:?} → {pinned:?}"
    );
    on_screen(&harness, size, pinned, "Lead");
    for tab in [
        "Side by side",
        "Claims",
        "Texts",
        "Charts",
        "Corroboration",
        "Missing facts",
    ] {
        let node = harness.get_by_role_and_label(Role::Button, tab);
        on_screen(&harness, size, node.rect(), tab);
    }
}

#[test]
fn in_a_small_window_every_control_of_the_outlets_view_is_on_screen() {
    let (_dir, path) = sample_library_file();
    for size in SMALL {
        let mut harness = harness_sized(&path, ScriptedDialogs::default(), size);
        harness
            .get_by_role_and_label(Role::Button, "Outlets")
            .click();
        harness.run();
        let mut seen = 0;
        for role in [
            Role::ComboBox,
            Role::Button,
            Role::TextInput,
            Role::CheckBox,
        ] {
            for node in harness.query_all_by_role(role) {
                // Across: rows further down a list are scrolled to, not off-screen.
                let rect = node.rect();
                assert!(
                    rect.left() >= -0.5 && rect.right() <= size.x + 0.5,
                    "at {}×{} {role:?} {:?} is off the side of the window: {rect:?}",
                    size.x,
                    size.y,
                    node.accesskit_node().label()
                );
                seen += 1;
            }
        }
        assert!(seen > 5, "the Outlets view's controls are found ({seen})");
    }
}
