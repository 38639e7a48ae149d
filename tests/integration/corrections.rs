//! The analyst's corrections of an article's title, date and outlet (`article edit`,
//! `Library::correct_article`): kept with who made them and what the article said before, shown
//! by `article --json` with every article's `date_source`, undone exactly, never overwritten by a
//! re-import, and carried through the trash; a library of schema 11 keeps its dates' sources.

use crate::common;

use rusqlite::Connection;
use triangulate_core::Library;
use triangulate_core::jobs::Progress;
use triangulate_core::model::{Correction, Id};

const SOURCES: &[&str] = &["metadata", "address", "dateline", "text", "analyst", "none"];

/// The first article of the sample library at `library` that has a date, and its JSON.
fn dated_article(library: &std::path::Path) -> (Id, serde_json::Value) {
    let rows = common::json(&common::run(library, &["articles", "--json"]));
    for row in rows.as_array().unwrap() {
        let id = row["id"].as_i64().unwrap();
        let article = common::json(&common::run(
            library,
            &["article", &id.to_string(), "--json"],
        ));
        if article["published"].is_string() {
            return (id, article);
        }
    }
    panic!("no dated article in the sample");
}

fn correction(title: Option<&str>, date: Option<&str>, outlet: Option<&str>) -> Correction {
    Correction {
        title: title.map(String::from),
        date: date.map(String::from),
        outlet: outlet.map(String::from),
    }
}

/// The sample imported from its folder, and one of its dated articles.
fn imported_sample() -> (tempfile::TempDir, std::path::PathBuf, Library, Id) {
    let (dir, path, library, _) = common::sample_library();
    let id = library
        .articles(&Default::default())
        .unwrap()
        .into_iter()
        .find(|a| a.published.is_some())
        .expect("a dated article")
        .id;
    (dir, path, library, id)
}

#[test]
fn article_edit_is_shown_by_article_json_with_who_made_it_and_what_was_there_before() {
    let (_dir, path) = common::sample_library_file();
    let (id, before) = dated_article(&path);
    let out = common::run(
        &path,
        &[
            "article",
            "edit",
            &id.to_string(),
            "--title",
            "Shelling of Qasr an-Nahr kills 23",
            "--date",
            "2025-03-13",
            "--outlet",
            "Qadira Observatory (corrected)",
            "--analyst",
            "ana",
        ],
    );
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Corrected article"), "{stdout}");

    let after = common::json(&common::run(&path, &["article", &id.to_string(), "--json"]));
    assert_eq!(after["title"], "Shelling of Qasr an-Nahr kills 23");
    assert_eq!(after["published"], "2025-03-13");
    assert_eq!(after["date_source"], "analyst");
    assert_eq!(after["outlet"], "Qadira Observatory (corrected)");
    assert_eq!(
        after["content_hash"], before["content_hash"],
        "a correction leaves the article's identity alone"
    );
    assert_eq!(after["body"], before["body"]);
    let corrections = after["corrections"].as_array().expect("corrections");
    let field = |name: &str| {
        corrections
            .iter()
            .find(|c| c["field"] == name)
            .unwrap_or_else(|| panic!("no {name} correction in {corrections:#?}"))
    };
    assert_eq!(field("title")["before"], before["title"]);
    assert_eq!(field("title")["after"], "Shelling of Qasr an-Nahr kills 23");
    assert_eq!(field("date")["before"], before["published"]);
    assert_eq!(field("date")["before_source"], before["date_source"]);
    assert_eq!(field("outlet")["before"], before["outlet"]);
    for c in corrections {
        assert_eq!(c["analyst"], "ana");
        let at = c["corrected_at"].as_str().expect("when");
        assert!(
            chrono::DateTime::parse_from_rfc3339(at).is_ok(),
            "a stored time: {at}"
        );
    }
    let check = common::run(&path, &["check"]);
    assert!(
        check.status.success(),
        "check after a correction: {}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn every_article_carries_a_date_source_and_undated_ones_say_none() {
    let (_dir, path, library, _) = common::sample_library();
    let rows = library.articles(&Default::default()).unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        let article = library.article(row.id).unwrap().unwrap();
        let json = serde_json::to_value(&article).unwrap();
        let source = json["date_source"]
            .as_str()
            .unwrap_or_else(|| panic!("article {} has no date_source: {json}", row.id));
        assert!(SOURCES.contains(&source), "{source}");
        assert_eq!(
            source == "none",
            article.published.is_none(),
            "article {}: date {:?} with source {source}",
            row.id,
            article.published
        );
        assert_eq!(json["corrections"], serde_json::json!([]));
    }
    drop(library);
    // The command line prints the same document.
    let id = rows[0].id;
    let out = common::json(&common::run(&path, &["article", &id.to_string(), "--json"]));
    assert!(SOURCES.contains(&out["date_source"].as_str().unwrap()));
}

#[test]
fn undoing_a_correction_puts_back_the_title_date_source_and_outlet() {
    let (_dir, _path, mut library, id) = imported_sample();
    let before = library.article(id).unwrap().unwrap();
    let outlets = library.counts().unwrap().outlets;
    let undo = library
        .correct_article(
            id,
            &correction(
                Some("A corrected title"),
                Some("2025-01-02"),
                Some("A New Outlet"),
            ),
            "ana",
        )
        .unwrap();
    let corrected = library.article(id).unwrap().unwrap();
    assert_eq!(corrected.outlet, "A New Outlet");
    assert_eq!(library.counts().unwrap().outlets, outlets + 1);
    assert_eq!(corrected.corrections.len(), 3);
    assert!(library.check().unwrap().is_sound());

    library.undo(&undo).unwrap();
    let after = library.article(id).unwrap().unwrap();
    assert_eq!(
        after, before,
        "the article is as it was before the correction"
    );
    assert_eq!(
        library.counts().unwrap().outlets,
        outlets,
        "the outlet the correction made goes with it"
    );
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:?}", check.problems);
}

#[test]
fn two_corrections_undone_latest_first_restore_each_step() {
    let (_dir, _path, mut library, id) = imported_sample();
    let original = library.article(id).unwrap().unwrap();
    let first = library
        .correct_article(id, &correction(Some("First"), None, None), "ana")
        .unwrap();
    let after_first = library.article(id).unwrap().unwrap();
    let second = library
        .correct_article(
            id,
            &correction(Some("Second"), Some("2024-12-31"), None),
            "omar",
        )
        .unwrap();
    let latest = library.article(id).unwrap().unwrap();
    assert_eq!(latest.title, "Second");
    assert_eq!(latest.corrected("title").unwrap().analyst, "omar");
    assert_eq!(
        latest.corrected("title").unwrap().before.as_deref(),
        Some("First")
    );

    library.undo(&second).unwrap();
    assert_eq!(library.article(id).unwrap().unwrap(), after_first);
    library.undo(&first).unwrap();
    assert_eq!(library.article(id).unwrap().unwrap(), original);
}

#[test]
fn reimporting_the_folder_keeps_the_correction() {
    let (_dir, _path, mut library, id) = imported_sample();
    let before = library.article(id).unwrap().unwrap();
    library
        .correct_article(
            id,
            &correction(
                Some("The analyst's title"),
                Some("2025-02-01"),
                Some("Renamed Wire"),
            ),
            "ana",
        )
        .unwrap();
    let corrected = library.article(id).unwrap().unwrap();
    assert_eq!(corrected.content_hash, before.content_hash);

    let report = triangulate_core::import::import_paths(
        &mut library,
        &[common::sample_dir()],
        &Default::default(),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(report.imported, 0, "the same folder adds nothing");
    let after = library.article(id).unwrap().unwrap();
    assert_eq!(after, corrected, "the re-import left the correction alone");
    assert_eq!(after.title, "The analyst's title");
    assert_eq!(after.date_source.as_deref(), Some("analyst"));
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn outlet_counts_follow_a_correction_and_check_passes() {
    let (_dir, _path, mut library, id) = imported_sample();
    let from = library.article(id).unwrap().unwrap().outlet;
    let count = |library: &Library, name: &str| {
        library
            .outlet_list()
            .unwrap()
            .into_iter()
            .find(|o| o.name == name)
            .map(|o| o.article_count)
    };
    let from_before = count(&library, &from).unwrap();
    // Another outlet of the sample, named by an alias-free name.
    let to = library
        .outlet_list()
        .unwrap()
        .into_iter()
        .find(|o| o.name != from)
        .unwrap();
    library
        .correct_article(id, &correction(None, None, Some(&to.name)), "ana")
        .unwrap();
    assert_eq!(count(&library, &from), Some(from_before - 1));
    assert_eq!(count(&library, &to.name), Some(to.article_count + 1));
    assert_eq!(
        library.counts().unwrap().outlets,
        library.outlet_list().unwrap().len() as i64,
        "naming an existing outlet makes none"
    );
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:?}", check.problems);
}

#[test]
fn a_corrected_article_deleted_and_restored_keeps_its_corrections() {
    let (_dir, _path, mut library, id) = imported_sample();
    library
        .correct_article(
            id,
            &correction(Some("Kept through the trash"), Some("2025-04-05"), None),
            "ana",
        )
        .unwrap();
    let corrected = library.article(id).unwrap().unwrap();
    let (n, undo) = library.delete_articles(&[id], "ana").unwrap();
    assert_eq!(n, 1);
    assert!(library.article(id).unwrap().is_none());
    assert!(library.corrections_of(id).unwrap().is_empty());

    let entry = undo.trash().expect("the deletion is in the trash");
    let restored = library.restore_trash(entry).unwrap();
    assert_eq!(restored.restored, 1, "{:?}", restored.skipped);
    let back = library.article(id).unwrap().unwrap();
    assert_eq!(back.title, "Kept through the trash");
    assert_eq!(back.published.as_deref(), Some("2025-04-05"));
    assert_eq!(back.date_source.as_deref(), Some("analyst"));
    assert_eq!(back.corrections, corrected.corrections);
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:?}", check.problems);
}

#[test]
fn corrections_that_are_not_real_are_refused_and_change_nothing() {
    let (_dir, _path, mut library, id) = imported_sample();
    let before = library.article(id).unwrap().unwrap();
    let later = (chrono::Utc::now().date_naive() + chrono::Days::new(3))
        .format("%Y-%m-%d")
        .to_string();
    for (what, c, analyst) in [
        ("an empty title", correction(Some("  "), None, None), "ana"),
        ("an empty outlet", correction(None, None, Some("")), "ana"),
        (
            "no such day",
            correction(None, Some("2025-02-30"), None),
            "ana",
        ),
        ("not ISO", correction(None, Some("3/14/2025"), None), "ana"),
        (
            "a day to come",
            correction(None, Some(later.as_str()), None),
            "ana",
        ),
        ("nothing", correction(None, None, None), "ana"),
        ("no analyst", correction(Some("A title"), None, None), " "),
        (
            "what it already says",
            correction(Some(&before.title), None, Some(&before.outlet)),
            "ana",
        ),
        // A good field beside a bad one is refused with it.
        (
            "a good title with a bad date",
            correction(Some("Fine"), Some("2025-13-01"), None),
            "ana",
        ),
    ] {
        assert!(
            library.correct_article(id, &c, analyst).is_err(),
            "{what} was taken"
        );
    }
    assert!(
        library
            .correct_article(999_999, &correction(Some("x"), None, None), "ana")
            .is_err()
    );
    assert_eq!(library.article(id).unwrap().unwrap(), before);
}

#[test]
fn the_command_line_refuses_a_bad_date_with_the_reason() {
    let (_dir, path) = common::sample_library_file();
    let out = common::run(&path, &["article", "edit", "1", "--date", "2025-02-30"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    let out = common::run(&path, &["article", "edit", "1"]);
    assert!(!out.status.success(), "an edit of nothing is an error");
}

#[test]
fn confirming_a_guessed_date_makes_it_the_analysts() {
    let (_dir, _path, mut library, id) = imported_sample();
    let date = library.article(id).unwrap().unwrap().published.unwrap();
    library
        .correct_article(id, &correction(None, Some(&date), None), "ana")
        .unwrap();
    let after = library.article(id).unwrap().unwrap();
    assert_eq!(after.published.as_deref(), Some(date.as_str()));
    assert_eq!(after.date_source.as_deref(), Some("analyst"));
    assert_eq!(
        after.corrected("date").unwrap().before.as_deref(),
        Some(date.as_str())
    );
    // Confirming it again changes nothing.
    assert!(
        library
            .correct_article(id, &correction(None, Some(&date), None), "omar")
            .is_err()
    );
}

#[test]
fn corrections_cannot_be_changed_after_the_fact() {
    let (_dir, path, mut library, id) = imported_sample();
    library
        .correct_article(id, &correction(Some("Once"), None, None), "ana")
        .unwrap();
    drop(library);
    let conn = Connection::open(&path).unwrap();
    let changed = conn.execute("UPDATE article_corrections SET analyst = 'mallory'", []);
    assert!(changed.is_err(), "corrections are append-only");
}

#[test]
fn a_library_of_schema_11_keeps_where_its_dates_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    drop(Library::open_at_version(&path, 11).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO outlets(id, name, article_count) VALUES (1, 'Old Outlet', 3);
             INSERT INTO articles(id, outlet_id, published, date_source, title, body, source_path,
                                  content_hash, text_hash, word_count)
             VALUES (1, 1, '2024-01-02', 'metadata', 'From metadata', 'One.', 'a.txt', 'h1', 't1', 1),
                    (2, 1, '2024-01-03', 'text', 'Found in text', 'Two.', 'b.txt', 'h2', 't2', 1),
                    (3, 1, NULL, NULL, 'Undated', 'Three.', 'c.txt', 'h3', 't3', 1);
             INSERT INTO article_texts(article_id, full_text)
             VALUES (1, 'One.'), (2, 'Two.'), (3, 'Three.');
             INSERT INTO articles_fts(rowid, title, body)
             VALUES (1, 'From metadata', 'One.'), (2, 'Found in text', 'Two.'), (3, 'Undated', 'Three.');",
        )
        .unwrap();
    }
    let library = Library::open(&path).unwrap();
    let source = |id: Id| library.article(id).unwrap().unwrap().date_source;
    assert_eq!(source(1).as_deref(), Some("metadata"));
    assert_eq!(source(2).as_deref(), Some("text"));
    assert_eq!(source(3), None);
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:?}", check.problems);
    drop(library);
    let conn = Connection::open(&path).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM articles WHERE date_source IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0, "the old column keeps no stale copy");
}

#[test]
fn an_article_trashed_before_corrections_existed_comes_back_with_its_date_source() {
    let (_dir, path, library) = common::temp_library();
    drop(library);
    {
        // A trash entry as schema 11 wrote it: the date's source under `date_source`.
        let payload = serde_json::json!({
            "kind": "articles",
            "articles": [{
                "id": 7,
                "outlet": "Old Outlet",
                "outlet_is_guess": false,
                "columns": {
                    "published": "2024-05-06", "date_source": "text", "word_count": 2,
                    "language": "en", "encoding": "UTF-8", "format": "txt", "batch_id": null,
                    "imported_at": "2024-05-07T10:00:00Z", "content_hash": "old-hash",
                    "text_hash": "old-text", "source_path": "old.txt", "url": null,
                    "author": null, "title": "Trashed long ago", "body": "Old body."
                },
                "full_text": "Old body.",
                "raw": null,
                "spans": [],
                "incidents": [],
                "assessments": [],
                "evidence_for": [],
                "rejections": []
            }]
        });
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO trash(kind, label, items, deleted_by, payload, deleted_at)
             VALUES ('articles', 'delete article', 1, 'ana', ?1, '2024-05-08T00:00:00Z')",
            [payload.to_string()],
        )
        .unwrap();
    }
    let mut library = Library::open(&path).unwrap();
    let entry = library.trash().unwrap()[0].id;
    let restored = library.restore_trash(entry).unwrap();
    assert_eq!(restored.restored, 1, "{:?}", restored.skipped);
    let article = library.article(7).unwrap().unwrap();
    assert_eq!(article.date_source.as_deref(), Some("text"));
    assert!(article.corrections.is_empty());
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:?}", check.problems);
}

#[test]
fn a_guessed_outlet_left_empty_by_corrections_goes_and_undo_brings_it_back() {
    let (_dir, _path, mut library) = common::temp_library();
    let batch = library.start_batch(&["downloads".into()]).unwrap();
    let article = |n: u32| triangulate_core::library::NewArticle {
        outlet: "downloads".into(),
        outlet_is_guess: true,
        title: format!("Article {n}"),
        body: format!("The body of article {n}."),
        full_text: format!("The body of article {n}."),
        source_path: format!("downloads/{n}.txt"),
        content_hash: format!("hash-{n}"),
        text_hash: format!("text-{n}"),
        format: "txt",
        word_count: 5,
        ..Default::default()
    };
    let stored = library
        .store_chunk(batch, &[article(1), article(2)], &[])
        .unwrap();
    let ids: Vec<Id> = stored.stored.iter().map(|(_, id)| *id).collect();
    let guessed = library.article(ids[0]).unwrap().unwrap();
    assert!(guessed.outlet_is_guess);
    let outlets = library.counts().unwrap().outlets;

    library
        .correct_article(ids[0], &correction(None, None, Some("Real Outlet")), "ana")
        .unwrap();
    assert_eq!(
        library.counts().unwrap().outlets,
        outlets + 1,
        "the guess still has an article"
    );
    let undo = library
        .correct_article(ids[1], &correction(None, None, Some("Real Outlet")), "ana")
        .unwrap();
    assert_eq!(
        library.counts().unwrap().outlets,
        outlets,
        "the guess left empty went"
    );
    assert!(library.outlet_id(&guessed.outlet).unwrap().is_none());
    assert!(library.check().unwrap().is_sound());

    library.undo(&undo).unwrap();
    let back = library.article(ids[1]).unwrap().unwrap();
    assert_eq!(back.outlet, guessed.outlet);
    assert!(back.outlet_is_guess, "it comes back as the guess it was");
    assert!(back.corrections.is_empty());
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:?}", check.problems);
}
