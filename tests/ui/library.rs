//! UI tests of the Library view through egui_kittest: sorting by a click on a column header,
//! the filters and the count line, search hits with their matched passage, Shift-click ranges,
//! and a synthetic library larger than the rows a table could hold in memory.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use common::{ScriptedDialogs, harness_for, sample_library_file};
use triangulate::app::TriangulateApp;
use triangulate_core::Library;
use triangulate_core::library::{ArticleFilter, ArticleOrder, SortKey};
use triangulate_core::model::ArticleRow;

/// Every article of the library at `path` in `order`.
fn listing(path: &std::path::Path, order: ArticleOrder) -> Vec<ArticleRow> {
    Library::open(path)
        .unwrap()
        .article_page(&ArticleFilter::default(), order, None, 0, 10_000)
        .unwrap()
        .into_iter()
        .map(|(row, _)| row)
        .collect()
}

/// The top edge of the row showing `title`, if one is in view.
fn row_top(harness: &Harness<'static, TriangulateApp>, title: &str) -> Option<f32> {
    harness
        .query_all_by_label(title)
        .map(|n| n.rect().top())
        .min_by(f32::total_cmp)
}

/// Which of `titles` the topmost row in view shows.
fn first_row(harness: &Harness<'static, TriangulateApp>, titles: &[String]) -> String {
    titles
        .iter()
        .filter_map(|t| row_top(harness, t).map(|top| (top, t)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t.clone())
        .expect("a row in view")
}

/// The count line's text.
fn count_line(harness: &Harness<'static, TriangulateApp>, text: &str) {
    assert!(
        harness.query_by_label(text).is_some(),
        "no count line {text:?}"
    );
}

/// Types `text` into the field labelled `label` and waits for the listing it asks for.
fn type_into(harness: &mut Harness<'static, TriangulateApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
}

/// Opens the picker labelled `label` and clicks its entry `entry`.
fn pick(harness: &mut Harness<'static, TriangulateApp>, label: &str, entry: &str) {
    harness.get_by_role_and_label(Role::ComboBox, label).click();
    harness.run();
    // An open popup can list its entries twice in the accessibility tree (egui's sizing pass).
    harness
        .get_all_by_role_and_label(Role::Button, entry)
        .next()
        .unwrap_or_else(|| panic!("{label} offers {entry:?}"))
        .click();
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
}

#[test]
fn sorting_by_title_puts_the_first_title_on_top_and_a_second_click_reverses() {
    let (_dir, path) = sample_library_file();
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    let newest_first = listing(&path, ArticleOrder::default());
    let titles: Vec<String> = newest_first.iter().map(|a| a.title.clone()).collect();
    assert_eq!(first_row(&harness, &titles), newest_first[0].title);
    harness.get_by_label_contains("Date ▼");

    harness.get_by_label_contains("Title").click();
    harness.run();
    let a_to_z = listing(
        &path,
        ArticleOrder {
            key: SortKey::Title,
            descending: false,
        },
    );
    assert_eq!(first_row(&harness, &titles), a_to_z[0].title);
    let (first, second) = (
        row_top(&harness, &a_to_z[0].title).unwrap(),
        row_top(&harness, &a_to_z[1].title).unwrap(),
    );
    assert!(first < second, "{first} is not above {second}");
    harness.get_by_label("Title ▲");

    harness.get_by_label_contains("Title").click();
    harness.run();
    harness.get_by_label("Title ▼");
    let last = &a_to_z[a_to_z.len() - 1].title;
    assert_eq!(&first_row(&harness, &titles), last);
    assert!(
        row_top(&harness, &a_to_z[0].title)
            .is_none_or(|top| top > row_top(&harness, last).unwrap()),
        "the first title by A to Z is not below the last"
    );
}

#[test]
fn filtering_by_language_narrows_the_count_line_and_clear_filters_widens_it() {
    let (_dir, path) = sample_library_file();
    let library = Library::open(&path).unwrap();
    let total = library.counts().unwrap().articles;
    let russian = library
        .count_articles(&ArticleFilter {
            language: Some("ru".into()),
            ..ArticleFilter::default()
        })
        .unwrap();
    assert!(russian > 0 && (russian as i64) < total);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    count_line(&harness, &format!("{total} articles"));

    pick(&mut harness, "Language", "ru (Russian)");
    count_line(&harness, &format!("{russian} of {total} articles"));

    harness.get_by_label("Clear filters").click();
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    count_line(&harness, &format!("{total} articles"));
    assert!(harness.query_by_label("Clear filters").is_none());
}

#[test]
fn filtering_by_an_outlet_found_by_part_of_its_name_keeps_only_its_articles() {
    let (_dir, path) = sample_library_file();
    let library = Library::open(&path).unwrap();
    let total = library.counts().unwrap().articles;
    let forum = library
        .outlets()
        .unwrap()
        .into_iter()
        .find(|o| o.name == "Sandgrouse Forum")
        .expect("the forum");
    let mut harness = harness_for(&path, ScriptedDialogs::default());

    harness.get_by_label("Outlet").click();
    harness.run();
    harness.get_by_label("Find").type_text("sandg");
    harness.run();
    // Only the forum is left in the picker's list.
    assert!(
        harness
            .query_all_by_role_and_label(Role::Button, "Meridian Wire")
            .next()
            .is_none()
    );
    harness
        .get_all_by_role_and_label(Role::Button, "Sandgrouse Forum")
        .next()
        .expect("the forum in the picker")
        .click();
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    count_line(
        &harness,
        &format!("{} of {total} articles", forum.article_count),
    );
    // Every row shown is the forum's.
    for other in ["Meridian Wire", "Red Dunes Blog", "The Valley Courier"] {
        assert!(harness.query_by_label(other).is_none(), "{other} is listed");
    }
}

#[test]
fn a_date_range_keeps_the_articles_published_within_it_and_a_bad_date_is_ignored() {
    let (_dir, path) = sample_library_file();
    let library = Library::open(&path).unwrap();
    let total = library.counts().unwrap().articles;
    let march = library
        .count_articles(&ArticleFilter {
            from: Some("2025-03".into()),
            to: Some("2025-03".into()),
            ..ArticleFilter::default()
        })
        .unwrap();
    assert!(march > 0);
    let mut harness = harness_for(&path, ScriptedDialogs::default());

    type_into(&mut harness, "From", "2025-03");
    type_into(&mut harness, "To", "2025-03");
    count_line(&harness, &format!("{march} of {total} articles"));

    // A date that does not read is no bound: the listing is the whole library again.
    harness.get_by_label("Clear filters").click();
    harness.run();
    type_into(&mut harness, "From", "2025-13");
    count_line(&harness, &format!("{total} articles"));
    // An incident the library does not have keeps nothing, and the view says so.
    type_into(&mut harness, "Incident", "999");
    harness.get_by_label("No article matches the filters.");
}

#[test]
fn a_search_shows_the_matched_passage_without_brackets_and_a_hit_opens_in_the_reader() {
    let (_dir, path) = sample_library_file();
    let hits = Library::open(&path)
        .unwrap()
        .search_articles("convoy", &ArticleFilter::default(), 500)
        .unwrap();
    assert!(hits.len() > 1);
    let best = &hits[0];
    assert!(best.snippet.contains('['), "{:?}", best.snippet);
    let passage = best
        .snippet
        .replace(['[', ']'], "")
        .replace(['\n', '\r'], " ");
    let mut harness = harness_for(&path, ScriptedDialogs::default());

    harness.get_by_label("Search").click();
    harness.get_by_label("Search").type_text("convoy");
    harness.run();
    harness.state_mut().wait_for_library_view();
    harness.run();
    count_line(&harness, &format!("{} matches, best first", hits.len()));
    harness.get_by_label(&passage);
    // Search hits are ranked: the headers do not sort them.
    assert!(
        harness
            .get_by_label_contains("Title")
            .accesskit_node()
            .is_disabled()
    );

    harness.get_by_label(&passage).click();
    harness.run();
    assert_eq!(harness.state().library_view_selected(), Some(best.id));
    harness.get_by_label_contains("Hide what cleaning removed");
}

#[test]
fn a_shift_click_selects_every_row_between_it_and_the_last_click() {
    let (_dir, path) = sample_library_file();
    let rows = listing(&path, ArticleOrder::default());
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.get_by_label(&rows[1].title).click();
    harness.run();
    harness
        .get_by_label(&rows[5].title)
        .click_modifiers(egui::Modifiers::SHIFT);
    harness.run();
    harness.get_by_label("5 selected");
}

#[test]
fn a_library_of_3000_articles_is_counted_listed_newest_first_and_scrolls_to_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    let mut library = Library::open(&path).unwrap();
    library
        .generate_synthetic(
            &triangulate_core::library::synth::SynthSpec {
                articles: 3000,
                outlets: 40,
                incidents: 50,
                words: 40,
                seed: 3,
            },
            &triangulate_core::jobs::Progress::new(),
        )
        .unwrap();
    let newest = library
        .article_page(
            &ArticleFilter::default(),
            ArticleOrder::default(),
            None,
            0,
            2,
        )
        .unwrap();
    let oldest = library
        .article_page(
            &ArticleFilter::default(),
            ArticleOrder::default(),
            None,
            2999,
            1,
        )
        .unwrap();
    drop(library);

    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().wait_for_library_view();
    harness.run();
    count_line(&harness, "3,000 articles");
    let (first, second) = (&newest[0].0.title, &newest[1].0.title);
    let first_top = row_top(&harness, first).expect("the newest article in view");
    assert!(row_top(&harness, second).is_some_and(|top| top >= first_top));
    assert!(row_top(&harness, &oldest[0].0.title).is_none());

    // Scroll the table far past its end: the last row, read from a page near the end, shows.
    harness.event(egui::Event::PointerMoved(egui::pos2(500.0, 500.0)));
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -200_000.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::NONE,
    });
    // Scrolling is animated over a few frames.
    harness.run_steps(30);
    assert!(
        row_top(&harness, &oldest[0].0.title).is_some(),
        "the oldest article is not in view after scrolling to the end"
    );
    assert!(row_top(&harness, first).is_none());
}

#[test]
fn a_date_found_only_in_the_text_is_marked_a_guess_and_a_missing_one_a_dash() {
    let files = [
        (
            "ferry.txt".to_string(),
            "Ferry aground off Dunmere\n\nA ferry ran aground off Dunmere on 14 March 2025, the \
             coastguard said, and its passengers were taken ashore."
                .to_string(),
        ),
        (
            "curfew.txt".to_string(),
            "Curfew lifted in the old port\n\nThe curfew in the old port was lifted after a week."
                .to_string(),
        ),
    ];
    let (_dir, path) = common::library_of_files("clips", &files);
    let mut harness = harness_for(&path, ScriptedDialogs::default());
    harness.state_mut().wait_for_library_view();
    harness.run();
    let guess = harness.get_by_label("≈ 2025-03-14");
    guess.hover();
    harness.run();
    assert!(
        harness.query_by_label_contains("a guess").is_some(),
        "hovering the date says it is a guess"
    );
    assert!(
        harness.query_by_label("2025-03-14").is_none(),
        "the guessed date is not shown as a plain one"
    );
    // The undated article's row shows a dash where its date would be.
    assert!(harness.query_all_by_label("—").count() >= 1);
}
