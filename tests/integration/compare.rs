//! Comparing an incident's reports on a temporary library with the sample imported: the facts
//! table marks the conflicting tolls, each report lists its sources and the names it uses,
//! syndicated text is shared, near copies get a word diff, and the library's own lexicon changes
//! what is found.

use crate::common;

use triangulate_core::Library;
use triangulate_core::compare::{Comparison, IncidentHeader};
use triangulate_core::model::{Id, IncidentFields};

/// The article ids of one of the sample's incidents, by its key in expected.json.
fn incident_articles(library: &Library, key: &str) -> Vec<Id> {
    let (_, paths) = common::expected_incidents()
        .into_iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("{key} is in expected.json"));
    let by_path = library.articles_by_path_suffix().unwrap();
    paths
        .iter()
        .map(|p| {
            by_path
                .iter()
                .find(|(path, _)| path.ends_with(p.as_str()))
                .map(|(_, id)| *id)
                .unwrap_or_else(|| panic!("{p} imported"))
        })
        .collect()
}

fn march_shelling() -> (tempfile::TempDir, Library, Comparison) {
    let (dir, _path, mut library, _) = common::sample_library();
    let ids = incident_articles(&library, "qasr-shelling-march");
    let fields = IncidentFields {
        title: "Shelling of Qasr al-Nahr market".into(),
        date: Some("2025-03-14".into()),
        place: Some("Qasr al-Nahr".into()),
        summary: String::new(),
    };
    let (incident, _) = library
        .create_incident(&fields, &ids, "tester", "by hand")
        .unwrap();
    let comparison = triangulate_core::compare::compare_incident(&library, incident).unwrap();
    (dir, library, comparison)
}

fn report<'c>(c: &'c Comparison, outlet: &str) -> &'c triangulate_core::compare::Report {
    c.reports
        .iter()
        .find(|r| r.outlet == outlet)
        .unwrap_or_else(|| panic!("a report from {outlet}"))
}

#[test]
fn the_march_shelling_reports_disagree_on_the_death_toll() {
    let (_dir, _library, c) = march_shelling();
    assert_eq!(c.incident.title, "Shelling of Qasr al-Nahr market");
    assert_eq!(c.reports.len(), 7);
    let killed = c.facts.iter().find(|f| f.fact == "killed").unwrap();
    assert!(killed.disagreement, "{killed:?}");
    let mains: Vec<Option<&str>> = killed.cells.iter().map(|c| c.main.as_deref()).collect();
    assert!(mains.contains(&Some("at least 19 people")), "{mains:?}");
    assert!(mains.contains(&Some("4 citizens")), "{mains:?}");
    // Every report names the town, under whatever spelling: no disagreement on the place.
    let place = c.facts.iter().find(|f| f.fact == "place").unwrap();
    assert!(
        place
            .cells
            .iter()
            .all(|cell| cell.main.as_deref() == Some("Qasr al-Nahr")),
        "{place:?}"
    );
}

#[test]
fn each_report_lists_whom_it_cites_and_what_it_calls_the_actors() {
    let (_dir, _library, c) = march_shelling();
    let wire = report(&c, "Meridian Wire");
    let sources: Vec<&str> = wire
        .attributions
        .iter()
        .map(|a| a.source.as_str())
        .collect();
    assert!(
        sources.contains(&"Qadira Conflict Observatory"),
        "{sources:?}"
    );
    assert!(sources.contains(&"Yusuf Barakat"), "{sources:?}");
    let state = report(&c, "Qadira National Broadcasting");
    let names: Vec<(&str, &str)> = state
        .actor_names
        .iter()
        .map(|n| (n.name.as_str(), n.group.as_str()))
        .collect();
    assert!(
        names.contains(&("Hilalist terrorists", "Crescent Front")),
        "{names:?}"
    );
    let loaded: Vec<&str> = state.loaded_terms.iter().map(|t| t.text.as_str()).collect();
    assert!(
        loaded.contains(&"bloodthirsty") && loaded.contains(&"thugs"),
        "{loaded:?}"
    );
    // Every span points at its words in the body.
    for r in &c.reports {
        for claim in &r.claims {
            assert_eq!(&r.body[claim.start..claim.end], claim.text);
        }
        for a in &r.attributions {
            assert_eq!(&r.body[a.start..a.end], a.text);
        }
    }
}

#[test]
fn syndicated_text_is_shared_and_near_copies_get_a_word_diff() {
    let (_dir, library, c) = march_shelling();
    let wire = report(&c, "Meridian Wire");
    let courier = report(&c, "The Valley Courier");
    assert!(
        wire.shared_passages
            .iter()
            .any(|p| p.with.contains(&courier.article_id)),
        "the Courier reprints the wire story"
    );
    // The state broadcaster's account shares nothing with the wire's.
    let state = report(&c, "Qadira National Broadcasting");
    assert!(
        state
            .shared_passages
            .iter()
            .all(|p| !p.with.contains(&wire.article_id))
    );
    assert!(!state.unique_passages.is_empty());
    assert!(c.diff.is_none(), "seven reports have no pairwise diff");

    let pair = triangulate_core::compare::compare_articles(
        &library,
        IncidentHeader::default(),
        &[wire.article_id, courier.article_id],
    )
    .unwrap();
    let diff = pair.diff.expect("two near copies get a diff");
    assert!(
        diff.iter()
            .any(|p| p.side != triangulate_core::analysis::similarity::DiffSide::Both)
    );
}

#[test]
fn the_librarys_own_lexicon_changes_what_is_found_and_can_be_reset() {
    let (_dir, mut library, c) = march_shelling();
    let wire_id = report(&c, "Meridian Wire").article_id;
    let before = triangulate_core::compare::compare_articles(
        &library,
        IncidentHeader::default(),
        &[wire_id],
    )
    .unwrap();
    assert!(before.reports[0].loaded_terms.is_empty());

    let mut text = library
        .lexicon_text()
        .unwrap()
        .unwrap_or_else(|| triangulate_core::analysis::lexicon::DEFAULT_LEXICON.to_string());
    text = text.replace("[loaded]\nterms = [", "[loaded]\nterms = [\"sow chaos\", ");
    library.set_lexicon_text(Some(&text), "tester").unwrap();
    let after = triangulate_core::compare::compare_articles(
        &library,
        IncidentHeader::default(),
        &[wire_id],
    )
    .unwrap();
    let loaded: Vec<&str> = after.reports[0]
        .loaded_terms
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(loaded, ["sow chaos"]);

    // A lexicon that does not parse is refused and the saved one stays.
    assert!(
        library
            .set_lexicon_text(Some("[[actor]\nname ="), "tester")
            .is_err()
    );
    assert_eq!(library.lexicon_text().unwrap().as_deref(), Some(&*text));

    library.set_lexicon_text(None, "tester").unwrap();
    assert_eq!(library.lexicon_text().unwrap(), None);
}

#[test]
fn unknown_articles_and_too_many_reports_are_refused() {
    let (_dir, _path, library, _) = common::sample_library();
    let err = triangulate_core::compare::compare_articles(
        &library,
        IncidentHeader::default(),
        &[1, 99_999],
    )
    .unwrap_err();
    assert!(err.to_string().contains("99999"), "{err}");
    let many: Vec<Id> = (1..=13).collect();
    let err =
        triangulate_core::compare::compare_articles(&library, IncidentHeader::default(), &many)
            .unwrap_err();
    assert!(err.to_string().contains("at most 12"), "{err}");
    assert!(triangulate_core::compare::compare_incident(&library, 4242).is_err());
}

/// A saved page of an invented outlet: a caption under its photo names a figure and a place the
/// report's own text does not, and its share buttons sit under the article.
const PAGE_WITH_CAPTION: &str = r#"<!doctype html>
<html><head><title>Shelling hits the river market of Tel Amra</title>
<meta property="og:site_name" content="Example Valley Post"></head>
<body><article>
<h1>Shelling hits the river market of Tel amra</h1>
<p>TEL AMRA — Shells struck the river market of Tel Amra on Tuesday morning, killing 4 people
and wounding 12, the town's civil defence said. Residents said the fire came from the hills to
the west of the town, where the front line has held since the spring.</p>
<figure><img src="market.jpg" alt=""><figcaption>Photo: 30 people were wounded in Bab Sharqi in a
strike last year.</figcaption></figure>
<p>The civil defence said its teams pulled two survivors from a collapsed building near the market
and that the search went on into the afternoon. Traders said most stalls had been destroyed.</p>
<p>Share this: Facebook Twitter Email</p>
</article></body></html>
"#;

#[test]
fn what_the_import_set_apart_is_shown_apart_with_why_and_not_counted() {
    let (dir, _path, mut library) = common::temp_library();
    let page = dir.path().join("pages/tel-amra.html");
    std::fs::create_dir_all(page.parent().unwrap()).unwrap();
    std::fs::write(&page, PAGE_WITH_CAPTION).unwrap();
    let report = triangulate_core::import::import_paths(
        &mut library,
        &[page],
        &triangulate_core::import::ImportOptions::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    assert_eq!(report.imported, 1, "{:?}", report.problems);
    let id = report.articles[0].id;
    let c = triangulate_core::compare::compare_articles(&library, IncidentHeader::default(), &[id])
        .unwrap();
    let r = &c.reports[0];

    let caption = r
        .set_apart
        .iter()
        .find(|s| s.reason == "image caption")
        .unwrap_or_else(|| panic!("the caption is set apart: {:?}", r.set_apart));
    assert!(caption.text.contains("Bab Sharqi"), "{caption:?}");
    assert!(!caption.kept);
    assert!(
        r.set_apart
            .iter()
            .any(|s| s.reason == "share widget" && s.text.contains("Facebook")),
        "{:?}",
        r.set_apart
    );
    // The headline is the report's headline, not a passage set apart.
    assert!(r.set_apart.iter().all(|s| !s.reason.contains("headline")));
    // Nothing in the caption is counted: its 30 wounded and its place are not the report's.
    let numbers: Vec<u64> = r.claims.iter().map(|c| c.number).collect();
    assert!(numbers.contains(&4) && numbers.contains(&12), "{numbers:?}");
    assert!(!numbers.contains(&30), "{numbers:?}");
    assert!(!r.body.contains("Bab Sharqi"));
}
