//! The Incidents view on a library of 1,500 incidents, through egui_kittest: the list shows how
//! many there are and reads only the rows it draws, "Find incident" narrows it by title or place,
//! a row opens its incident's page, and the page's pickers find an incident by what is typed. And
//! the paging the view reads through, at the library level: every incident once, newest first.

use crate::common;

use std::collections::{HashMap, HashSet};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use common::{ScriptedDialogs, harness_for};
use triangulate::app::TriangulateApp;
use triangulate_core::Library;
use triangulate_core::jobs::Progress;
use triangulate_core::library::synth::SynthSpec;
use triangulate_core::model::IncidentSummary;

/// A temporary library of 2,000 synthetic articles and 1,500 incidents.
fn synthetic_library() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path, mut library) = common::temp_library();
    let spec = SynthSpec {
        articles: 2000,
        outlets: 30,
        incidents: 1500,
        words: 40,
        seed: 5,
    };
    let summary = library
        .generate_synthetic(&spec, &Progress::new())
        .expect("the synthetic library is generated");
    assert_eq!(summary.incidents, 1500);
    drop(library);
    (dir, path)
}

/// The app on a synthetic library, showing Incidents.
fn app_on_incidents() -> (
    tempfile::TempDir,
    Harness<'static, TriangulateApp>,
    Vec<IncidentSummary>,
) {
    let (dir, path) = synthetic_library();
    let all = Library::open(&path).unwrap().incidents().unwrap();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness
        .get_by_role_and_label(Role::Button, "Incidents")
        .click();
    harness.run();
    (dir, harness, all)
}

/// Incidents whose title no other incident has, in list order.
fn unique_titles(all: &[IncidentSummary]) -> Vec<&IncidentSummary> {
    let mut titles: HashMap<&str, usize> = HashMap::new();
    for i in all {
        *titles.entry(i.title.as_str()).or_default() += 1;
    }
    all.iter()
        .filter(|i| titles[i.title.as_str()] == 1)
        .collect()
}

fn library<'a>(harness: &'a Harness<'static, TriangulateApp>) -> &'a Library {
    harness.state().library().expect("a library is open")
}

#[test]
fn the_list_counts_every_incident_with_thousands_separated() {
    let (_dir, harness, _) = app_on_incidents();
    harness.get_by_label("1,500 incidents");
    // Only the rows on screen are drawn (and read).
    let drawn = harness.query_all_by_label_contains("Shelling in").count();
    assert!((10..100).contains(&drawn), "{drawn} rows drawn");
}

#[test]
fn typing_a_place_into_find_incident_narrows_the_list() {
    let (_dir, mut harness, all) = app_on_incidents();
    let place = all[0]
        .place
        .clone()
        .expect("synthetic incidents have a place");
    let expected = library(&harness).count_incidents(&place, None).unwrap();
    assert!(
        (1..1500).contains(&expected),
        "{expected} incidents name {place}"
    );

    harness.get_by_label("Find incident").click();
    harness.run();
    // Any case matches.
    harness
        .get_by_label("Find incident")
        .type_text(&place.to_lowercase());
    harness.run();
    let shown = if expected == 1 {
        "1 incident".to_string()
    } else {
        format!("{expected} incidents")
    };
    harness.get_by_label(&shown);
    assert!(harness.query_by_label("1,500 incidents").is_none());
    // Every row drawn is one of the matches: the other incidents' titles are gone.
    let other = all
        .iter()
        .find(|i| {
            !i.title.to_lowercase().contains(&place.to_lowercase())
                && !i
                    .place
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains(&place.to_lowercase())
        })
        .expect("an incident elsewhere");
    assert!(harness.query_all_by_label(&other.title).next().is_none());

    harness
        .get_by_label("Find incident")
        .type_text(" no such place");
    harness.run();
    harness.get_by_label_contains("No incident's title or place contains");
}

#[test]
fn clicking_a_row_opens_that_incidents_page() {
    let (_dir, mut harness, all) = app_on_incidents();
    // A row on the first screen whose title is its own.
    let target = unique_titles(&all)
        .into_iter()
        .find(|i| all.iter().position(|a| a.id == i.id).unwrap() < 15)
        .expect("an incident near the top with a title of its own");
    harness.get_by_label(&target.title).click();
    harness.run();
    harness.get_by_label_contains(&format!("Incident {} ·", target.id));
    harness.get_by_label(&format!("Reports ({})", target.report_count));
}

#[test]
fn the_merge_picker_finds_an_incident_far_down_the_list_by_its_title() {
    let (_dir, mut harness, all) = app_on_incidents();
    let unique = unique_titles(&all);
    let keep = unique
        .iter()
        .find(|i| all.iter().position(|a| a.id == i.id).unwrap() < 15)
        .copied()
        .expect("an incident near the top with a title of its own");
    // The oldest: far beyond the first 50 the picker lists before anything is typed.
    let other = *unique.last().expect("incidents with titles of their own");
    assert!(all.iter().position(|a| a.id == other.id).unwrap() > 50);
    harness.get_by_label(&keep.title).click();
    harness.run();

    harness
        .get_by_label("Merge another incident into this")
        .click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::Button, &other.title)
            .is_none(),
        "the picker lists only the newest 50 before a filter is typed"
    );
    harness.get_by_label("Find").type_text(&other.title);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, &other.title)
        .click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    let library = library(&harness);
    assert!(library.incident(other.id).unwrap().is_none());
    assert_eq!(library.count_incidents("", None).unwrap(), 1499);
    harness.get_by_label("1,499 incidents");
}

#[test]
fn paging_a_hundred_at_a_time_gives_every_incident_once_newest_first() {
    let (_dir, path) = synthetic_library();
    let library = Library::open(&path).unwrap();
    assert_eq!(library.count_incidents("", None).unwrap(), 1500);
    let mut paged = Vec::new();
    for page in 0.. {
        let rows = library.incident_page("", None, page * 100, 100).unwrap();
        assert!(rows.len() <= 100);
        if rows.is_empty() {
            break;
        }
        paged.extend(rows);
    }
    assert_eq!(paged.len(), 1500);
    let ids: HashSet<_> = paged.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), 1500, "no incident twice");
    for pair in paged.windows(2) {
        let key = |i: &IncidentSummary| (i.date.clone().unwrap_or_default(), i.id);
        assert!(
            key(&pair[0]) > key(&pair[1]),
            "{:?} listed before {:?}",
            key(&pair[0]),
            key(&pair[1])
        );
    }
    // The counts are computed for each page's rows as for the whole list.
    assert_eq!(paged, library.incidents().unwrap());
    assert!(paged.iter().all(|i| i.report_count >= 1));
}

#[test]
fn a_filtered_page_and_count_agree_with_filtering_by_hand() {
    let (_dir, path) = synthetic_library();
    let library = Library::open(&path).unwrap();
    let all = library.incidents().unwrap();
    let place = all[0].place.clone().unwrap();
    let text = place.to_uppercase();
    let by_hand: Vec<_> = all
        .iter()
        .filter(|i| {
            let has = |s: &str| s.to_lowercase().contains(&place.to_lowercase());
            has(&i.title) || i.place.as_deref().is_some_and(has)
        })
        .cloned()
        .collect();
    assert_eq!(
        library.count_incidents(&text, None).unwrap(),
        by_hand.len() as u64
    );
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let rows = library.incident_page(&text, None, offset, 7).unwrap();
        if rows.is_empty() {
            break;
        }
        offset += rows.len();
        paged.extend(rows);
    }
    assert_eq!(paged, by_hand);
}
