//! `triangulate sample`: a new library filled with the sample as the app's first run fills the
//! default one, so that every view has something to show (outlets graded by two analysts, one
//! disagreement, an accepted incident, open suggestions), and a library that already holds
//! articles refused with nothing added.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::common;

/// A new library filled by `triangulate sample --json`, and what the command printed.
fn sampled() -> (tempfile::TempDir, PathBuf, serde_json::Value) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("first.sqlite");
    let summary = common::json(&common::run(&path, &["sample", "--json"]));
    (dir, path, summary)
}

/// The JSON a command prints about the library at `path`.
fn ask(path: &std::path::Path, args: &[&str]) -> serde_json::Value {
    common::json(&common::run(path, args))
}

#[test]
fn the_sample_rates_every_outlet_by_two_analysts_who_disagree_once() {
    let (_dir, path, summary) = sampled();
    let outlets = ask(&path, &["outlets", "--json"]);
    let outlets = outlets.as_array().expect("a list of outlets");
    let expected = common::expected();
    let names = expected["outlets"]
        .as_array()
        .expect("the sample's outlets");
    assert_eq!(outlets.len(), names.len(), "{outlets:#?}");
    let mut analysts = BTreeSet::new();
    for outlet in outlets {
        let raters: BTreeSet<&str> = outlet["ratings"]
            .as_array()
            .expect("current ratings")
            .iter()
            .map(|r| r[0].as_str().expect("an analyst"))
            .collect();
        assert_eq!(raters.len(), 2, "{} is rated by {raters:?}", outlet["name"]);
        analysts.extend(raters);
    }
    assert_eq!(analysts.len(), 2, "{analysts:?}");
    assert!(
        analysts.iter().all(|a| a.contains("sample")),
        "the sample's analysts say they are the sample's: {analysts:?}"
    );
    assert_eq!(summary["ratings"], 2 * names.len());

    let queue = ask(&path, &["disagreements", "--json"]);
    let queue = queue.as_array().expect("a list of disagreements");
    assert_eq!(queue.len(), 1, "{queue:#?}");
    assert_eq!(queue[0]["title"], "Qadira Conflict Observatory");
    assert_eq!(summary["disagreements"], 1);
}

#[test]
fn the_sample_has_one_incident_accepted_from_linking_and_suggestions_left_open() {
    let (_dir, path, summary) = sampled();
    let incidents = ask(&path, &["incidents", "--json"]);
    let incidents = incidents.as_array().expect("a list of incidents");
    assert_eq!(incidents.len(), 1, "{incidents:#?}");
    let id = incidents[0]["id"].as_i64().expect("an incident id");
    assert_eq!(summary["incident"], id);

    let library = triangulate_core::Library::open(&path).expect("the library opens");
    let incident = library
        .incident(id)
        .expect("the incident reads")
        .expect("the incident exists");
    assert!(incident.reports.len() >= 4, "{:#?}", incident.reports);
    for report in &incident.reports {
        assert_eq!(report.linked_by, "Rana (sample)");
        assert!(
            report.reason.starts_with("accepted suggestion"),
            "{}",
            report.reason
        );
    }
    // The accepted reports come from one of the sample's incidents, not two.
    let paths: BTreeSet<String> = library
        .articles_by_path_suffix()
        .expect("paths")
        .into_iter()
        .filter(|(_, a)| incident.reports.iter().any(|r| r.article.id == *a))
        .map(|(p, _)| p)
        .collect();
    assert!(
        common::expected_incidents().iter().any(|(_, files)| paths
            .iter()
            .all(|p| files.iter().any(|f| p.ends_with(f.as_str())))),
        "{paths:#?}"
    );
    drop(library);

    let open = ask(&path, &["suggestions", "--json"]);
    let open = open.as_array().expect("a list of suggestions");
    assert!(!open.is_empty(), "no suggestion left open");
    assert_eq!(summary["open_suggestions"], open.len());

    let compared = ask(&path, &["compare", &id.to_string(), "--json"]);
    assert_eq!(
        compared["reports"].as_array().map(Vec::len),
        Some(incident.reports.len())
    );
}

#[test]
fn the_sample_is_refused_by_a_library_that_holds_articles() {
    let (_dir, path, _) = sampled();
    let before = ask(&path, &["outlets", "--json"]);

    let again = common::run(&path, &["sample"]);
    assert!(!again.status.success(), "a second sample was accepted");
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("already holds"), "{stderr}");
    assert!(stderr.contains("new, empty library"), "{stderr}");
    assert_eq!(
        ask(&path, &["outlets", "--json"]),
        before,
        "refusing changed the library"
    );

    // A library of the analyst's own articles gets neither the sample's articles nor its ratings.
    let (_own, own_path, library) = common::temp_library();
    drop(library);
    let folder = own_path.with_file_name("own");
    std::fs::create_dir(&folder).expect("a folder");
    std::fs::write(
        folder.join("note.txt"),
        "A headline of my own\n\nA report written for this test, about nothing in the sample.\n",
    )
    .expect("a file");
    common::json(&common::run(
        &own_path,
        &["import", folder.to_str().expect("a UTF-8 path"), "--json"],
    ));
    let refused = common::run(&own_path, &["sample"]);
    assert!(!refused.status.success());
    let articles = ask(&own_path, &["articles", "--json"]);
    assert_eq!(articles.as_array().map(Vec::len), Some(1), "{articles:#?}");
    let outlets = ask(&own_path, &["outlets", "--json"]);
    assert!(
        outlets
            .as_array()
            .expect("outlets")
            .iter()
            .all(|o| o["ratings"].as_array().is_some_and(Vec::is_empty)),
        "{outlets:#?}"
    );
}
