//! The command line as scripts use it: `import --json`, `articles`, `article --json`, `search`,
//! `check`, and errors on stderr with a non-zero exit.

use crate::common;

#[test]
fn import_json_reports_every_sample_file_imported_or_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    let out = common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    for key in [
        "files_seen",
        "imported",
        "skipped_duplicates",
        "problems",
        "articles",
    ] {
        assert!(out.get(key).is_some(), "missing {key} in {out}");
    }
    let expected = common::expected();
    let n_articles = expected["articles"].as_array().unwrap().len();
    let articles = out["articles"].as_array().unwrap();
    assert_eq!(articles.len(), n_articles);
    for a in articles {
        for key in ["id", "path", "title", "outlet"] {
            assert!(a.get(key).is_some(), "missing {key} in {a}");
        }
    }
    let problems = out["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("truncated.json")
    );
    assert!(!problems[0]["reason"].as_str().unwrap().is_empty());
    // Every article file is accounted for: imported (json arrays count once per file) or a problem.
    let files: std::collections::BTreeSet<String> = expected["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a["path"]
                .as_str()
                .unwrap()
                .split('#')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        out["files_seen"].as_u64().unwrap() as usize,
        files.len() + 1
    );
    assert_eq!(out["imported"].as_u64().unwrap() as usize, n_articles);
}

#[test]
fn article_json_has_body_raw_and_removed_spans() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    let imported = common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    let id = imported["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["path"]
                .as_str()
                .unwrap()
                .ends_with("regime-massacre-qasr-nahr.txt")
        })
        .expect("the blog post with comments")["id"]
        .as_i64()
        .unwrap();
    let article = common::json(&common::run(
        &library,
        &["article", &id.to_string(), "--json"],
    ));
    for key in [
        "title",
        "outlet",
        "published",
        "language",
        "body",
        "raw",
        "removed",
    ] {
        assert!(article.get(key).is_some(), "missing {key}");
    }
    let removed = article["removed"].as_array().unwrap();
    assert!(
        removed
            .iter()
            .any(|s| s["reason"] == "reader comments" && !s["text"].as_str().unwrap().is_empty())
    );
}

#[test]
fn articles_lists_and_filters_by_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    let all = common::json(&common::run(&library, &["articles", "--json"]));
    let wire = common::json(&common::run(
        &library,
        &["articles", "--outlet", "Meridian Wire", "--json"],
    ));
    let n_wire = wire.as_array().unwrap().len();
    assert!(n_wire >= 5 && n_wire < all.as_array().unwrap().len());
    assert!(
        wire.as_array()
            .unwrap()
            .iter()
            .all(|a| a["outlet"] == "Meridian Wire")
    );
}

#[test]
fn search_finds_articles_by_words_with_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    let hits = common::json(&common::run(
        &library,
        &["search", "convoy ambush", "--json"],
    ));
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits[0]["snippet"].as_str().unwrap().contains('['));
}

#[test]
fn check_exits_zero_on_a_sound_library() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let out = common::run(&library, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("sound"));
}

#[test]
fn a_missing_article_is_an_error_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let out = common::run(&library, &["article", "999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article 999"));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_library_that_is_not_sqlite_is_an_error_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    std::fs::write(&library, b"plain text, not a database, long enough to have a header of its own; plain text, not a database").unwrap();
    let out = common::run(&library, &["articles"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Triangulate library"));
    assert!(std::fs::read(&library).unwrap().starts_with(b"plain text"));
}

#[test]
fn link_then_accept_a_suggestion_then_list_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    let linked = common::json(&common::run(&library, &["link", "--json"]));
    for key in ["exact_copies", "near_copies", "incident_suggestions"] {
        assert!(linked[key].is_array(), "{key} missing: {linked}");
    }
    let groups = linked["incident_suggestions"].as_array().unwrap();
    assert!(groups.len() >= 5, "{linked}");
    for g in groups {
        let score = g["score"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&score), "{g}");
        assert!(!g["evidence"].as_array().unwrap().is_empty(), "{g}");
        assert!(g["articles"].as_array().unwrap().len() >= 2, "{g}");
    }
    // Linking again analyses nothing new.
    let again = common::json(&common::run(&library, &["link", "--json"]));
    assert_eq!(again["new_articles"], 0);

    let queue = common::json(&common::run(&library, &["suggestions", "--json"]));
    let first = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "same_incident")
        .unwrap();
    let n = first["id"].as_i64().unwrap().to_string();
    let out = common::run(&library, &["suggestion", "accept", &n, "--analyst", "mira"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let incidents = common::json(&common::run(&library, &["incidents", "--json"]));
    assert_eq!(incidents.as_array().unwrap().len(), 1);
    assert_eq!(
        incidents[0]["report_count"].as_u64().unwrap() as usize,
        first["articles"].as_array().unwrap().len()
    );
    // Deciding twice is an error with a reason.
    let twice = common::run(&library, &["suggestion", "reject", &n]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already accepted"));
}

#[test]
fn incidents_are_made_and_merged_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    let ok = |args: &[&str]| {
        let out = common::run(&library, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&[
        "incident",
        "new",
        "--title",
        "Market shelling",
        "--date",
        "2025-03-14",
        "--articles",
        "1,2",
    ]);
    ok(&["incident", "new", "--title", "Duplicate", "--articles", "3"]);
    ok(&["incident", "add", "2", "4"]);
    ok(&["incident", "merge", "1", "2"]);
    let shown = common::json(&common::run(&library, &["incident", "show", "1", "--json"]));
    let mut ids: Vec<i64> = shown["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["article"]["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(
        common::json(&common::run(&library, &["incidents", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let bad = common::run(
        &library,
        &["incident", "new", "--title", "X", "--date", "March 14"],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
}

#[test]
fn evaluate_links_scores_the_library_against_labelled_groups() {
    // A library made from the sample, which knows the sample's invented world.
    let (dir, library) = common::sample_library_file();
    common::json(&common::run(&library, &["link", "--json"]));
    let groups: Vec<Vec<String>> = common::expected_incidents()
        .into_iter()
        .map(|(_, paths)| paths.into_iter().filter(|p| !p.contains('#')).collect())
        .collect();
    let truth = dir.path().join("truth.json");
    std::fs::write(
        &truth,
        serde_json::json!({ "same_event_groups": groups }).to_string(),
    )
    .unwrap();
    let out = common::json(&common::run(
        &library,
        &["evaluate-links", truth.to_str().unwrap(), "--json"],
    ));
    assert_eq!(out["labelled_articles_missing"], 0, "{out}");
    assert!(out["scores"]["f1"].as_f64().unwrap() > 0.9, "{out}");
    assert_eq!(out["scores"]["precision"].as_f64().unwrap(), 1.0, "{out}");
}

#[test]
fn compare_json_gives_each_report_its_claims_sources_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("x.sqlite");
    let sample = common::sample_dir();
    common::json(&common::run(
        &library,
        &["import", sample.to_str().unwrap(), "--json"],
    ));
    let out = common::run(
        &library,
        &[
            "incident",
            "new",
            "--title",
            "Shelling",
            "--articles",
            "1,2,3",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = common::json(&common::run(&library, &["compare", "1", "--json"]));
    assert_eq!(c["incident"]["title"], "Shelling");
    let reports = c["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    for r in reports {
        for key in [
            "article_id",
            "outlet",
            "grade",
            "headline",
            "published",
            "claims",
            "attributions",
            "actor_names",
            "loaded_terms",
            "hedges",
            "shared_passages",
            "unique_passages",
        ] {
            assert!(r.get(key).is_some(), "report has {key}: {r}");
        }
        for claim in r["claims"].as_array().unwrap() {
            for key in [
                "kind",
                "number",
                "what",
                "qualifier",
                "text",
                "start",
                "end",
            ] {
                assert!(claim.get(key).is_some(), "claim has {key}: {claim}");
            }
        }
    }
    // The same from hand-picked articles, and the readable form marks disagreements.
    let picked = common::json(&common::run(
        &library,
        &["compare", "--articles", "1,2", "--json"],
    ));
    assert_eq!(picked["reports"].as_array().unwrap().len(), 2);
    let text = common::run(&library, &["compare", "1"]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("killed"));

    let missing = common::run(&library, &["compare", "77"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no incident with id 77"));
}
