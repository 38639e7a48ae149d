//! UI tests of linking through egui_kittest: deciding suggestions in the Suggestions view (by
//! button and by key), leaving articles out, reading a copy's diff; reshaping incidents in the
//! Incidents view; taking edits back with Edit > Undo and Ctrl+Z; finding links in the background.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use common::{
    ScriptedDialogs, article_id, harness_for, notice, same_incident, sample_library_file,
    seed_suggestions,
};
use triangulate::app::TriangulateApp;
use triangulate_core::Library;
use triangulate_core::library::NewSuggestion;
use triangulate_core::model::{Id, IncidentFields};

const WIRE: &str = "Meridian Wire";
const OBSERVATORY: &str = "Qadira Conflict Observatory";
const COURIER: &str = "The Valley Courier";
const QNB: &str = "Qadira National Broadcasting";

/// The Qasr al-Nahr reports of the wire, the observatory and the courier, in that order.
fn qasr_reports(library: &Library) -> [Id; 3] {
    [
        article_id(library, WIRE, "Shelling kills at least 19"),
        article_id(library, OBSERVATORY, "23 civilians killed"),
        article_id(library, COURIER, "Market town of Qasr al-Nahr mourns"),
    ]
}

/// A sample library with these suggestions queued, its ids, and the app on it.
fn app_with(
    suggestions: impl FnOnce(&Library) -> Vec<NewSuggestion>,
) -> (tempfile::TempDir, Harness<'static, TriangulateApp>) {
    let (dir, path) = sample_library_file();
    let library = Library::open(&path).unwrap();
    let queued = suggestions(&library);
    drop(library);
    seed_suggestions(&path, &queued);
    (dir, harness_for(&path, ScriptedDialogs::default()))
}

fn open_view(harness: &mut Harness<'static, TriangulateApp>, view: &str) {
    harness.get_by_role_and_label(Role::Button, view).click();
    harness.run();
}

fn library<'a>(harness: &'a Harness<'static, TriangulateApp>) -> &'a Library {
    harness.state().library().expect("a library is open")
}

#[test]
fn accepting_a_same_incident_suggestion_makes_an_incident_with_its_reports() {
    let (_dir, mut harness) = app_with(|l| {
        vec![same_incident(
            &qasr_reports(l),
            0.87,
            "Shelling of Qasr al-Nahr market",
        )]
    });
    open_view(&mut harness, "Suggestions");
    harness.get_by_label("Same incident · 87% confident · 3 articles");
    // The queue's entry names the kind, the score and the first headlines.
    harness.get_by_role_and_label(
        Role::Button,
        "Same incident · 87% confident · 3 articles\n23 civilians killed in regime artillery shelling on Qasr an-Nahr\nShelling kills at least 19 in Qadiri market town of Qasr al-Nahr",
    );
    harness.get_by_label_contains("both name Qasr al-Nahr");
    harness.get_by_label(
        "Accept creates a new incident: “Shelling of Qasr al-Nahr market” (2025-03-14, Qasr al-Nahr)",
    );
    harness.get_by_label("Market town of Qasr al-Nahr mourns after deadly shelling");
    harness.get_by_label("Accept A").click();
    harness.run();
    assert!(
        notice(&harness).contains("now has 3 reports"),
        "banner: {}",
        notice(&harness)
    );
    let incidents = library(&harness).incidents().unwrap();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].title, "Shelling of Qasr al-Nahr market");
    assert_eq!(incidents[0].report_count, 3);
    assert!(library(&harness).open_suggestions().unwrap().is_empty());
    harness.get_by_label_contains("No link suggestions waiting");

    // The new incident is open when the analyst turns to Incidents.
    open_view(&mut harness, "Incidents");
    harness.get_by_label("Reports (3)");
    harness.get_by_role_and_label(
        Role::CheckBox,
        "Market town of Qasr al-Nahr mourns after deadly shelling",
    );
    // Its row: three reports from three outlets.
    assert_eq!(harness.query_all_by_label("3").count(), 2);
}

#[test]
fn pressing_r_rejects_the_suggestion_and_shows_the_next() {
    let (_dir, mut harness) = app_with(|l| {
        let [wire, observatory, courier] = qasr_reports(l);
        let qnb = article_id(l, QNB, "Four citizens martyred");
        vec![
            same_incident(&[wire, observatory], 0.92, "First"),
            same_incident(&[courier, qnb], 0.64, "Second"),
        ]
    });
    open_view(&mut harness, "Suggestions");
    harness.get_by_label("Same incident · 92% confident · 2 articles");
    let first = library(&harness).open_suggestions().unwrap()[0].id;
    harness.key_press(egui::Key::R);
    harness.run();
    assert!(notice(&harness).contains(&format!("Rejected suggestion {first}")));
    harness.get_by_label("Same incident · 64% likely · 2 articles");
    harness.get_by_label("Four citizens martyred as Hilalist terrorists shell Kasr el-Nahr");
    let library = library(&harness);
    assert_eq!(
        library.suggestion(first).unwrap().unwrap().status,
        "rejected"
    );
    assert_eq!(library.open_suggestions().unwrap().len(), 1);
    assert!(library.incidents().unwrap().is_empty());
}

#[test]
fn skip_and_the_arrow_keys_move_through_the_queue_without_deciding() {
    let (_dir, mut harness) = app_with(|l| {
        let [wire, observatory, courier] = qasr_reports(l);
        vec![
            same_incident(&[wire, observatory], 0.92, "First"),
            same_incident(&[observatory, courier], 0.64, "Second"),
            same_incident(&[wire, courier], 0.31, "Third"),
        ]
    });
    open_view(&mut harness, "Suggestions");
    harness.get_by_label_contains("92% confident · 2 articles");
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.get_by_label_contains("64% likely · 2 articles");
    harness.get_by_label("Skip S").click();
    harness.run();
    harness.get_by_label_contains("31% possible · 2 articles");
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    harness.get_by_label_contains("64% likely · 2 articles");
    harness.key_press(egui::Key::S);
    harness.run();
    harness.get_by_label_contains("31% possible · 2 articles");
    assert_eq!(library(&harness).open_suggestions().unwrap().len(), 3);
}

#[test]
fn an_unticked_article_is_left_out_when_accepting() {
    let (_dir, mut harness) =
        app_with(|l| vec![same_incident(&qasr_reports(l), 0.87, "Qasr shelling")]);
    let [wire, observatory, courier] = qasr_reports(library(&harness));
    open_view(&mut harness, "Suggestions");
    // Columns run earliest first: the wire (14 March), then the observatory and the courier
    // (15 March, in the order they were stored).
    let mut order = [
        (
            library(&harness).article(wire).unwrap().unwrap().published,
            wire,
        ),
        (
            library(&harness)
                .article(observatory)
                .unwrap()
                .unwrap()
                .published,
            observatory,
        ),
        (
            library(&harness)
                .article(courier)
                .unwrap()
                .unwrap()
                .published,
            courier,
        ),
    ];
    order.sort();
    let left_out = order[1].1;
    harness
        .get_all_by_label("Include")
        .nth(1)
        .expect("an Include box per article")
        .click();
    harness.run();
    harness.get_by_label("Accept A").click();
    harness.run();
    let library = library(&harness);
    let incident = library.incidents().unwrap()[0].id;
    let members = common::incident_members(library, incident);
    assert_eq!(members.len(), 2);
    assert!(!members.contains(&left_out), "{left_out} was unticked");
}

#[test]
fn unticking_all_but_one_article_disables_accept() {
    let (_dir, mut harness) = app_with(|l| vec![same_incident(&qasr_reports(l)[..2], 0.7, "Pair")]);
    open_view(&mut harness, "Suggestions");
    harness.get_all_by_label("Include").next().unwrap().click();
    harness.run();
    harness.get_by_label("Tick at least two articles to accept.");
    harness.key_press(egui::Key::A);
    harness.run();
    assert_eq!(library(&harness).open_suggestions().unwrap().len(), 1);
    assert!(library(&harness).incidents().unwrap().is_empty());
}

#[test]
fn ctrl_z_takes_back_an_accepted_suggestion() {
    let (_dir, mut harness) =
        app_with(|l| vec![same_incident(&qasr_reports(l), 0.87, "Qasr shelling")]);
    open_view(&mut harness, "Suggestions");
    harness.key_press(egui::Key::A);
    harness.run();
    assert_eq!(library(&harness).incidents().unwrap().len(), 1);
    assert_eq!(harness.state().undo_label(), Some("accept suggestion"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(notice(&harness), "Undid accept suggestion.");
    assert!(library(&harness).incidents().unwrap().is_empty());
    assert_eq!(library(&harness).open_suggestions().unwrap().len(), 1);
    harness.get_by_label("Same incident · 87% confident · 3 articles");
    assert_eq!(harness.state().undo_label(), None);
}

#[test]
fn accepting_next_to_an_incident_says_which_incident_it_extends() {
    let (dir, path) = sample_library_file();
    let mut library = Library::open(&path).unwrap();
    let [wire, observatory, courier] = qasr_reports(&library);
    let (existing, _) = library
        .create_incident(
            &IncidentFields {
                title: "Qasr market shelling".into(),
                ..Default::default()
            },
            &[wire, observatory],
            "ana",
            "by hand",
        )
        .unwrap();
    drop(library);
    seed_suggestions(
        &path,
        &[same_incident(
            &[observatory, courier],
            0.9,
            "Unused proposal",
        )],
    );
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Suggestions");
    harness.get_by_label(&format!(
        "Accept adds to incident {existing}: Qasr market shelling"
    ));
    harness.get_by_label("Accept A").click();
    harness.run();
    let library = harness.state().library().unwrap();
    let incidents = library.incidents().unwrap();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].report_count, 3);
    drop(dir);
}

#[test]
fn the_empty_queue_says_how_to_fill_it() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Suggestions");
    harness.get_by_label("Queue (0)");
    harness.get_by_label_contains("run it now with Edit > Find links (Ctrl+L)");
    harness.get_by_label("Copy families").click();
    harness.run();
    harness.get_by_label_contains("No copy families yet");
}

#[test]
fn the_queue_says_when_the_last_run_compared_some_articles_with_only_some_others() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Suggestions");
    assert!(
        harness
            .query_by_label_contains("compared with only some")
            .is_none()
            && harness
                .query_by_label_contains("with only some of the others")
                .is_none(),
        "a run that compared everything says nothing"
    );
    // A run over a flood of copies: 3 of its 5 articles met a text too many others share.
    Library::open(&path).unwrap().record_link_run(5, 3).unwrap();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Suggestions");
    harness.get_by_label_contains("compared 3 of its 5 articles with only some of the others");
}

#[test]
fn a_near_copy_suggestion_shows_the_word_diff_of_the_two_texts() {
    let (_dir, mut harness) = app_with(|l| {
        let mut articles = vec![
            article_id(l, WIRE, "Shelling kills at least 19"),
            article_id(l, COURIER, "Market town of Qasr al-Nahr mourns"),
        ];
        articles.sort_unstable();
        vec![NewSuggestion {
            kind: "near_copy".into(),
            articles,
            score: 0.74,
            evidence: vec!["74% of their word triples are shared".into()],
            proposal: None,
        }]
    });
    let wire = article_id(library(&harness), WIRE, "Shelling kills at least 19");
    let courier = article_id(library(&harness), COURIER, "Market town of Qasr al-Nahr");
    let first = library(&harness).article(wire).unwrap().unwrap().body;
    let second = library(&harness).article(courier).unwrap().unwrap().body;
    let parts = triangulate_core::analysis::similarity::word_diff(&first, &second);
    let words = |side| -> usize {
        parts
            .iter()
            .filter(|p| p.side == side)
            .map(|p| p.text.split_whitespace().count())
            .sum()
    };
    let (only_first, only_second) = (
        words(triangulate_core::analysis::similarity::DiffSide::First),
        words(triangulate_core::analysis::similarity::DiffSide::Second),
    );
    assert!(
        only_first > 0 && only_second > 0,
        "the sample's near copy differs"
    );

    open_view(&mut harness, "Suggestions");
    harness.get_by_label("Near copy · 74% likely · 2 articles");
    harness.get_by_label_contains("neither is in an incident");
    harness.get_by_label("How the texts differ (the earlier first)");
    harness.get_by_label(&format!("{only_first} only in the first"));
    harness.get_by_label(&format!("{only_second} only in the second"));
    // The diff is one block holding the shared words and both sides' own words.
    let changed = parts
        .iter()
        .find(|p| {
            p.side == triangulate_core::analysis::similarity::DiffSide::Second
                && p.text.trim().len() > 3
        })
        .expect("a word only the courier has");
    let block: String = parts.iter().map(|p| p.text.as_str()).collect();
    harness.get_by_label(&block);
    assert!(block.contains(changed.text.as_str()));
    // Copies are decided as a pair: there is nothing to untick.
    assert!(harness.query_all_by_label("Include").next().is_none());
}

#[test]
fn ctrl_l_finds_links_in_the_background_and_reports_in_the_banner() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    harness.step();
    harness.state_mut().wait_for_job();
    harness.run();
    assert!(
        notice(&harness).starts_with("Linking found"),
        "banner: {}",
        notice(&harness)
    );
    assert!(!harness.state().job_running());
}

#[test]
fn importing_a_folder_links_the_new_articles_afterwards() {
    let (dir, path, library) = common::temp_library();
    drop(library);
    let dialogs = ScriptedDialogs {
        folders: Some(vec![common::sample_dir()]),
        ..Default::default()
    };
    let mut harness = harness_for(&path, dialogs);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    harness.run();
    harness.get_by_label("Start import").click();
    harness.step();
    harness.state_mut().wait_for_job();
    harness.run();
    let banner = notice(&harness);
    assert!(banner.starts_with("Imported "), "banner: {banner}");
    assert!(banner.contains("Linking found"), "banner: {banner}");
    drop(dir);
}

/// A sample library with two incidents made by hand: the wire and the observatory in one, the
/// courier and the state broadcaster in the other.
fn app_with_two_incidents() -> (tempfile::TempDir, Harness<'static, TriangulateApp>, [Id; 2]) {
    let (dir, path) = sample_library_file();
    let mut library = Library::open(&path).unwrap();
    let [wire, observatory, courier] = qasr_reports(&library);
    let qnb = article_id(&library, QNB, "Four citizens martyred");
    let mut make = |title: &str, date: &str, articles: &[Id]| {
        common::make_incident(&mut library, title, date, articles)
    };
    let a = make("Market shelling", "2025-03-14", &[wire, observatory]);
    let b = make("Mortar attack", "2025-03-13", &[courier, qnb]);
    drop(library);
    (dir, harness_for(&path, ScriptedDialogs::default()), [a, b])
}

#[test]
fn undo_after_a_merge_restores_both_incidents() {
    let (_dir, mut harness, [a, b]) = app_with_two_incidents();
    open_view(&mut harness, "Incidents");
    harness.get_by_label("Market shelling").click();
    harness.run();
    harness
        .get_by_label("Merge another incident into this")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Mortar attack")
        .click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    assert!(notice(&harness).starts_with("Merged “Mortar attack” into “Market shelling”"));
    let incidents = library(&harness).incidents().unwrap();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].report_count, 4);
    harness.get_by_label("Reports (4)");

    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::Button, "Undo merge incidents Ctrl+Z")
        .next()
        .expect("Edit > Undo merge incidents")
        .click();
    harness.run();
    assert_eq!(notice(&harness), "Undid merge incidents.");
    let library = library(&harness);
    let count = |id| library.incident(id).unwrap().unwrap().reports.len();
    assert_eq!((count(a), count(b)), (2, 2));
    harness.get_by_label("Mortar attack");
    harness.get_by_label("Reports (2)");
}

#[test]
fn editing_an_incidents_title_shows_the_new_title_in_the_list() {
    let (_dir, mut harness, [a, _]) = app_with_two_incidents();
    open_view(&mut harness, "Incidents");
    harness.get_by_label("Market shelling").click();
    harness.run();
    harness.get_by_label("Title").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Title")
        .type_text("Shelling of the grain market");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    assert_eq!(notice(&harness), format!("Saved incident {a}."));
    let detail = library(&harness).incident(a).unwrap().unwrap();
    assert_eq!(detail.title, "Shelling of the grain market");
    assert_eq!(
        detail.date.as_deref(),
        Some("2025-03-14"),
        "the date is kept"
    );
    assert!(
        harness
            .query_all_by_label("Shelling of the grain market")
            .next()
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label("Market shelling")
            .next()
            .is_none()
    );
}

#[test]
fn a_date_that_is_not_a_date_is_refused_in_the_banner() {
    let (_dir, mut harness, [a, _]) = app_with_two_incidents();
    open_view(&mut harness, "Incidents");
    harness.get_by_label("Market shelling").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Date")
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "Date")
        .type_text("14/03/2025");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let banner = harness.state().notice().cloned().expect("a banner");
    assert!(banner.is_error);
    assert!(
        banner.text.starts_with("Could not save the incident"),
        "{}",
        banner.text
    );
    assert!(banner.text.contains("2025-03-14"), "{}", banner.text);
    let detail = library(&harness).incident(a).unwrap().unwrap();
    assert_eq!(detail.date.as_deref(), Some("2025-03-14"));
    assert_eq!(harness.state().undo_label(), None);
}

#[test]
fn ticked_reports_split_off_into_a_new_incident() {
    let (_dir, mut harness, [a, _]) = app_with_two_incidents();
    open_view(&mut harness, "Incidents");
    harness.get_by_label("Market shelling").click();
    harness.run();
    harness
        .get_by_role_and_label(
            Role::CheckBox,
            "23 civilians killed in regime artillery shelling on Qasr an-Nahr",
        )
        .click();
    harness.run();
    harness.get_by_label("1 ticked");
    let field = harness.get_by_label("New incident title");
    field.click();
    field.type_text("Observatory's count");
    harness.run();
    harness.get_by_label("Split off into new incident").click();
    harness.run();
    let library = library(&harness);
    assert_eq!(library.incident(a).unwrap().unwrap().reports.len(), 1);
    let incidents = library.incidents().unwrap();
    let split = incidents
        .iter()
        .find(|i| i.title == "Observatory's count")
        .expect("the new incident");
    assert_eq!(split.report_count, 1);
    assert!(notice(&harness).starts_with("Split 1 report off into incident"));
}

#[test]
fn ticked_reports_move_to_another_incident_and_the_incident_can_be_deleted() {
    let (_dir, mut harness, [a, b]) = app_with_two_incidents();
    open_view(&mut harness, "Incidents");
    harness.get_by_label("Market shelling").click();
    harness.run();
    harness.get_by_label("Tick all").click();
    harness.run();
    harness.get_by_label("Move to incident").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Mortar attack")
        .click();
    harness.run();
    harness.get_by_label("Move").click();
    harness.run();
    assert_eq!(notice(&harness), "Moved 2 reports to “Mortar attack”.");
    assert_eq!(
        library(&harness)
            .incident(b)
            .unwrap()
            .unwrap()
            .reports
            .len(),
        4
    );
    harness.get_by_label("Reports (0)");
    harness.get_by_label("Delete incident").click();
    harness.run();
    assert!(library(&harness).incident(a).unwrap().is_none());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(notice(&harness), "Undid delete incident.");
    assert!(library(&harness).incident(a).unwrap().is_some());
}

#[test]
fn a_new_incident_is_made_with_a_title_and_opens() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Incidents");
    harness.get_by_label_contains("No incidents yet");
    harness.get_by_label("New incident…").click();
    harness.run();
    harness.get_by_label("Create incident").click();
    harness.run();
    assert!(
        library(&harness).incidents().unwrap().is_empty(),
        "no incident without a title"
    );
    let field = harness.get_by_label("Title of the new incident");
    field.click();
    field.type_text("Bridge collapse");
    harness.run();
    harness.get_by_label("Create incident").click();
    harness.run();
    let incidents = library(&harness).incidents().unwrap();
    assert_eq!(incidents.len(), 1);
    assert_eq!(incidents[0].title, "Bridge collapse");
    assert_eq!(incidents[0].report_count, 0);
    harness.get_by_label("Reports (0)");
    assert_eq!(harness.state().undo_label(), Some("create incident"));
}

#[test]
fn the_edit_menu_has_nothing_to_undo_in_a_fresh_session() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.get_by_label("Edit").click();
    harness.run();
    let undo = harness
        .get_all_by_role_and_label(Role::Button, "Undo Ctrl+Z")
        .next()
        .expect("Edit > Undo");
    assert!(undo.accesskit_node().is_disabled());
    harness
        .get_all_by_role_and_label(Role::Button, "Find links Ctrl+L")
        .next()
        .expect("Edit > Find links");
}

#[test]
fn the_copy_families_tab_diffs_two_members_of_a_family() {
    let (_dir, path) = sample_library_file();
    let mut library = Library::open(&path).unwrap();
    triangulate_core::linking::link_library(
        &mut library,
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    drop(library);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    open_view(&mut harness, "Suggestions");
    harness.get_by_label("Copy families").click();
    harness.run();
    harness
        .get_by_label_contains("Original: Shelling kills at least 19")
        .click();
    harness.run();
    harness
        .get_by_label_contains("Market town of Qasr al-Nahr mourns after deadly shelling")
        .click();
    harness.run();
    harness.get_by_label_contains("First: Shelling kills at least 19");
    harness.get_by_label_contains("Second: Market town of Qasr al-Nahr mourns");
    harness.get_by_label_contains("only in the first");
}
