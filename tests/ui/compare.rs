//! UI tests of the Compare view through egui_kittest: an incident's reports side by side, the
//! facts they disagree on, the full texts with their legend and scrolling in step, the charts, the
//! word diff of two copies, and the ways in: the Incidents page, the Library's selection, and the
//! empty states.

use crate::common;

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use common::{ScriptedDialogs, article_id, harness_for, sample_library_file};
use triangulate::app::{TriangulateApp, View};
use triangulate_core::Library;
use triangulate_core::model::Id;

const WIRE: &str = "Meridian Wire";
const OBSERVATORY: &str = "Qadira Conflict Observatory";
const COURIER: &str = "The Valley Courier";
const QNB: &str = "Qadira National Broadcasting";
const FREE: &str = "Free Qadira News";
const BLOG: &str = "Red Dunes Blog";

/// The sample's reports of the March shelling of Qasr al-Nahr, one per outlet.
fn march_shelling(library: &Library) -> Vec<Id> {
    vec![
        article_id(library, WIRE, "Shelling kills at least 19"),
        article_id(library, QNB, "Four citizens martyred"),
        article_id(library, OBSERVATORY, "23 civilians killed"),
        article_id(library, FREE, "Kasr al-Nahr massacre"),
        article_id(library, BLOG, "Another regime massacre"),
        article_id(library, COURIER, "Market town of Qasr al-Nahr mourns"),
    ]
}

/// Makes an incident by hand in the library at `path`.
fn make_incident(path: &std::path::Path, title: &str, date: &str, articles: &[Id]) -> Id {
    common::make_incident(&mut Library::open(path).unwrap(), title, date, articles)
}

/// A sample library with the March shelling as an incident, and the app on it.
fn app_with_march_shelling() -> (tempfile::TempDir, Harness<'static, TriangulateApp>, Id) {
    let (dir, path) = sample_library_file();
    let articles = march_shelling(&Library::open(&path).unwrap());
    let incident = make_incident(
        &path,
        "Shelling of Qasr al-Nahr market",
        "2025-03-14",
        &articles,
    );
    (
        dir,
        harness_for(&path, ScriptedDialogs::default()),
        incident,
    )
}

fn open_view(harness: &mut Harness<'static, TriangulateApp>, view: &str) {
    harness.get_by_role_and_label(Role::Button, view).click();
    harness.run();
}

fn library<'a>(harness: &'a Harness<'static, TriangulateApp>) -> &'a Library {
    harness.state().library().expect("a library is open")
}

fn is_checked(harness: &Harness<'static, TriangulateApp>, label: &str) -> bool {
    harness
        .get_by_role_and_label(Role::CheckBox, label)
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

/// What the incident picker shows.
fn chosen_incident(harness: &Harness<'static, TriangulateApp>) -> Option<String> {
    harness
        .get_by_role_and_label(Role::ComboBox, "Incident")
        .value()
}

#[test]
fn compare_shows_a_column_per_report_and_marks_the_killed_figures_that_differ() {
    let (_dir, mut harness, incident) = app_with_march_shelling();
    open_view(&mut harness, "Compare");
    harness.get_by_label("Shelling of Qasr al-Nahr market");
    harness.get_by_label_contains("6 reports from 6 outlets");
    let comparison =
        triangulate_core::compare::compare_incident(library(&harness), incident).unwrap();
    assert_eq!(comparison.reports.len(), 6);
    // Side by side: every outlet heads a column, with its headline under it.
    for report in &comparison.reports {
        assert!(
            harness.query_all_by_label(&report.outlet).next().is_some(),
            "no column for {}",
            report.outlet
        );
        harness.get_by_label(&report.headline);
    }
    harness.get_by_label("Lead");
    harness.get_by_label("Sources cited");
    harness.get_by_label("Names for the actors");

    harness.get_by_label("Claims").click();
    harness.run();
    let killed = comparison
        .facts
        .iter()
        .find(|f| f.fact == "killed")
        .expect("the reports give a death toll");
    assert!(killed.disagreement, "the sample's tolls conflict");
    harness.get_by_label("killed  ≠ differs");
    for cell in &killed.cells {
        if let Some(main) = &cell.main {
            assert!(
                harness.query_all_by_label(main).next().is_some(),
                "the killed row does not show {main}"
            );
        }
    }
    // A fact every report states alike carries no marker.
    let place = comparison.facts.iter().find(|f| f.fact == "place").unwrap();
    assert!(!place.disagreement);
    harness.get_by_label("place");
    assert!(
        harness
            .query_all_by_label("place  ≠ differs")
            .next()
            .is_none()
    );
    // There is no diff of two copies among six reports.
    assert!(harness.query_by_label("Diff").is_none());
}

#[test]
fn the_compare_button_on_an_incident_page_opens_compare_on_that_incident() {
    let (_dir, path) = sample_library_file();
    let library = Library::open(&path).unwrap();
    let wire = article_id(&library, WIRE, "Shelling kills at least 19");
    let observatory = article_id(&library, OBSERVATORY, "23 civilians killed");
    let courier = article_id(&library, COURIER, "Market town of Qasr al-Nahr mourns");
    let qnb = article_id(&library, QNB, "Four citizens martyred");
    drop(library);
    make_incident(&path, "Market shelling", "2025-03-14", &[wire, observatory]);
    make_incident(&path, "Mortar attack", "2025-03-13", &[courier, qnb]);
    let mut harness = harness_for(&path, ScriptedDialogs::default());

    open_view(&mut harness, "Incidents");
    harness.get_by_label("Mortar attack").click();
    harness.run();
    harness.get_by_label("Compare reports").click();
    harness.run();
    assert_eq!(harness.state().settings.view, View::Compare);
    assert_eq!(
        chosen_incident(&harness).as_deref(),
        Some("Mortar attack (2025-03-13, Qasr al-Nahr)")
    );
    harness.get_by_label("Mortar attack");
    harness.get_by_label("Four citizens martyred as Hilalist terrorists shell Kasr el-Nahr");
    harness.get_by_label("Market town of Qasr al-Nahr mourns after deadly shelling");
    assert!(
        harness
            .query_all_by_label("Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr")
            .next()
            .is_none(),
        "the other incident's report is not shown"
    );

    // The picker switches to the other incident.
    harness
        .get_by_role_and_label(Role::ComboBox, "Incident")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Market shelling (2025-03-14, Qasr al-Nahr)")
        .click();
    harness.run();
    assert_eq!(
        chosen_incident(&harness).as_deref(),
        Some("Market shelling (2025-03-14, Qasr al-Nahr)")
    );
    harness.get_by_label("Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr");
    assert!(
        harness
            .query_all_by_label("Market town of Qasr al-Nahr mourns after deadly shelling")
            .next()
            .is_none()
    );
}

#[test]
fn the_texts_tab_has_a_legend_and_scrolls_the_texts_together_when_asked() {
    let (_dir, mut harness, incident) = app_with_march_shelling();
    // Short enough that every text scrolls.
    harness.set_size(egui::vec2(1400.0, 600.0));
    open_view(&mut harness, "Compare");
    harness.get_by_label("Texts").click();
    harness.run();
    for label in [
        "numbers",
        "sources",
        "actor names",
        "loaded terms",
        "hedges",
        "places",
        "shared with other reports",
        "only in this report — what the others omit",
    ] {
        assert!(is_checked(&harness, label), "{label} is shown at first");
    }
    harness
        .get_by_role_and_label(Role::CheckBox, "loaded terms")
        .click();
    harness.run();
    assert!(!is_checked(&harness, "loaded terms"));
    assert!(!is_checked(&harness, "Scroll together"));

    let comparison =
        triangulate_core::compare::compare_incident(library(&harness), incident).unwrap();
    let first = comparison.reports[0].body.clone();
    let second = comparison.reports[1].body.clone();
    let top = |harness: &Harness<'static, TriangulateApp>, body: &str| {
        harness.get_by_label(body).rect().top()
    };

    // Apart: scrolling one text leaves the others where they are.
    let (first_at, second_at) = (top(&harness, &first), top(&harness, &second));
    harness.get_by_label(&first).scroll_down();
    harness.run();
    assert!(
        top(&harness, &first) < first_at - 50.0,
        "the first text scrolled"
    );
    assert_eq!(top(&harness, &second), second_at);

    // Together: the others follow.
    harness
        .get_by_role_and_label(Role::CheckBox, "Scroll together")
        .click();
    harness.run();
    assert!(is_checked(&harness, "Scroll together"));
    harness.get_by_label(&first).scroll_down();
    harness.run();
    assert!(
        top(&harness, &second) < second_at - 50.0,
        "the second text followed: {} then {}",
        second_at,
        top(&harness, &second)
    );
}

#[test]
fn the_charts_tab_plots_dates_and_casualty_figures() {
    let (_dir, mut harness, _) = app_with_march_shelling();
    open_view(&mut harness, "Compare");
    harness.get_by_label("Charts").click();
    harness.run();
    harness.get_by_label("When each outlet published");
    harness.get_by_label("Casualty figures each outlet claims");
    assert!(
        harness
            .query_all_by_label_contains("None of these reports")
            .next()
            .is_none(),
        "the sample's reports carry dates and figures"
    );
}

#[test]
fn with_no_incidents_compare_says_how_to_make_one() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Compare");
    harness.get_by_label_contains("Nothing to compare yet");
    harness.get_by_label_contains("accepting link suggestions");
    assert!(harness.query_by_label("Side by side").is_none());
}

#[test]
fn an_incident_with_one_report_is_not_compared() {
    let (_dir, path) = sample_library_file();
    let wire = article_id(&Library::open(&path).unwrap(), WIRE, "Shelling kills");
    make_incident(&path, "Lone report", "2025-03-14", &[wire]);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Compare");
    harness.get_by_label("Lone report");
    harness.get_by_label_contains("Compare needs at least two reports");
    assert!(harness.query_by_label("Side by side").is_none());
}

#[test]
fn an_incident_of_more_than_twelve_reports_shows_the_first_twelve_and_says_so() {
    let (_dir, path) = sample_library_file();
    let ids: Vec<Id> = Library::open(&path)
        .unwrap()
        .articles(&Default::default())
        .unwrap()
        .iter()
        .take(14)
        .map(|a| a.id)
        .collect();
    make_incident(&path, "Everything at once", "2025-03-14", &ids);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Compare");
    harness.get_by_label_contains("Showing 12 of 14 reports");
}

#[test]
fn articles_selected_in_the_library_open_in_compare_with_their_diff() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    // The wire's story and the forum's repost of it carry the same headline.
    let headline = "Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr";
    harness.get_by_label("Search").click();
    harness
        .get_by_label("Search")
        .type_text("Qadiri market town");
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    let rows: Vec<_> = harness.get_all_by_label(headline).collect();
    assert_eq!(rows.len(), 2);
    rows[0].click();
    harness.run();
    assert!(
        harness
            .get_by_label("Compare selected")
            .accesskit_node()
            .is_disabled(),
        "one article is not enough to compare"
    );
    // The reader beside the table now shows the headline too: take the table's second row.
    let second_row = harness
        .get_all_by_label(headline)
        .filter(|n| n.rect().left() < 400.0)
        .nth(1)
        .expect("two rows in the table");
    second_row.click_modifiers(egui::Modifiers::COMMAND);
    harness.run();
    harness.get_by_label("2 selected");
    harness.get_by_label("Compare selected").click();
    harness.run();
    assert_eq!(harness.state().settings.view, View::Compare);
    assert_eq!(
        chosen_incident(&harness).as_deref(),
        Some("Hand-picked: 2 articles")
    );
    harness.get_by_label("Hand-picked articles");
    harness.get_by_label("Diff").click();
    harness.run();
    harness.get_by_label_contains("How the texts differ: ");
}

/// The sample library with the March shelling made an incident, and the app exporting its
/// comparison through File > Export report… to a file called `name`; the file written and the
/// app, for what it says.
fn export_the_shelling(
    name: &str,
) -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Harness<'static, TriangulateApp>,
) {
    let (dir, path) = sample_library_file();
    let articles = march_shelling(&Library::open(&path).unwrap());
    make_incident(
        &path,
        "Shelling of Qasr al-Nahr market",
        "2025-03-14",
        &articles,
    );
    let out = dir.path().join(name);
    let dialogs = ScriptedDialogs {
        report: Some(out.clone()),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    open_view(&mut harness, "Compare");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export report…").click();
    harness.run();
    (dir, out, harness)
}

#[test]
fn file_export_report_writes_the_comparison_shown() {
    let (_dir, out, _harness) = export_the_shelling("shelling.md");
    let text = std::fs::read_to_string(&out).expect("the report is written");
    assert!(text.starts_with("# Comparison of reports: Shelling of Qasr al-Nahr market"));
    for outlet in [WIRE, QNB, OBSERVATORY] {
        assert!(text.contains(outlet), "{outlet} in the report");
    }
    assert!(text.contains("≠ differs"));
}

#[test]
fn file_export_report_writes_a_pdf_when_the_name_asks_for_one() {
    let (_dir, out, harness) = export_the_shelling("shelling.pdf");
    let bytes = std::fs::read(&out).expect("the report is written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    harness.get_by_label_contains("Report written to");
}

#[test]
fn the_status_bar_counts_one_incident_in_the_singular() {
    let (_dir, _out, harness) = export_the_shelling("shelling.md");
    harness.get_by_label_contains(" · 1 incident · 0 suggestions");
}

#[test]
fn the_texts_tab_shows_what_the_import_set_apart_from_a_report_and_why() {
    let (_dir, mut harness, incident) = app_with_march_shelling();
    open_view(&mut harness, "Compare");
    harness.get_by_label("Texts").click();
    harness.run();
    let comparison =
        triangulate_core::compare::compare_incident(library(&harness), incident).unwrap();
    let with_some = comparison
        .reports
        .iter()
        .filter(|r| !r.set_apart.is_empty())
        .count();
    assert!(
        with_some > 0 && with_some < comparison.reports.len(),
        "the sample's pages set apart date lines and share buttons, and some nothing"
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("Set apart at import")
            .count(),
        with_some,
        "only the reports with something set apart say so"
    );
    // The broadcaster's page: its date line and its share buttons, each with why.
    harness
        .get_by_label("Set apart at import: 2 passages")
        .click();
    harness.run();
    harness.get_by_label("share widget");
    harness.get_by_label(
        "Share this: Facebook Twitter Click to share on WhatsApp (Opens in new window)",
    );
    harness.get_by_label("QNB Homeland Desk · 14 March 2025");
}
