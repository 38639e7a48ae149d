//! An article's full text (before cleaning) is kept once (db/0010): a text file whose cleaning
//! only cut around the body stores the head and tail beside the body instead of a second copy.
//! Whichever way it is stored, the analyst gets the same full text back, through restoring spans,
//! deleting and undoing, and the integrity check.

use crate::common;

use std::path::{Path, PathBuf};

use triangulate_core::Library;
use triangulate_core::import::clean::reason;
use triangulate_core::import::{ImportOptions, import_paths};
use triangulate_core::jobs::Progress;
use triangulate_core::model::{Article, Id};

const HEADLINE_ONLY: &str = "Ferry service to Varnholm suspended after pier collapse\n\n\
The harbour authority in Kessmar suspended the ferry to Varnholm on Monday after part of the \
northern pier gave way overnight, the port's director said.\n\n\
No one was hurt, according to the authority. Engineers from the regional council were due to \
inspect the remaining moorings before any sailing resumes.\n";

const CAPTION_INSIDE: &str = "Grain convoy reaches Oblast Tervin\n\n\
A convoy of forty lorries carrying grain reached Tervin on Thursday, the relief coordinator said.\n\n\
PHOTO/AFP - Lorries wait at the Tervin checkpoint\n\n\
The coordinator said a second convoy would leave the depot at Saltry within a week if the road \
stays open.\n";

fn import(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, Library, Vec<Article>) {
    let (dir, path, mut library) = common::temp_library();
    let folder = dir.path().join("Kessmar Courier");
    std::fs::create_dir(&folder).expect("a folder");
    for (name, text) in files {
        std::fs::write(folder.join(name), text).expect("a file");
    }
    let report = import_paths(
        &mut library,
        &[folder],
        &ImportOptions::default(),
        &Progress::new(),
    )
    .expect("the import runs");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let articles = report
        .articles
        .iter()
        .map(|a| library.article(a.id).unwrap().expect("stored"))
        .collect();
    (dir, path, library, articles)
}

/// How many `article_texts` rows the article has (0 when its full text is kept around its body).
fn text_rows(path: &Path, id: Id) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("the library opens");
    conn.query_row(
        "SELECT count(*) FROM article_texts WHERE article_id = ?1",
        [id],
        |r| r.get(0),
    )
    .expect("a count")
}

#[test]
fn a_text_file_cut_only_at_the_top_is_stored_once_and_read_back_whole() {
    let (_dir, path, library, articles) = import(&[("pier.txt", HEADLINE_ONLY)]);
    let article = &articles[0];
    assert_eq!(article.full_text, HEADLINE_ONLY);
    assert!(!article.body.contains("Ferry service"), "{}", article.body);
    assert!(
        article
            .removed
            .iter()
            .any(|s| s.reason == reason::HEADLINE && s.text.starts_with("Ferry service")),
        "{:?}",
        article.removed
    );
    assert_eq!(text_rows(&path, article.id), 0, "no second copy");
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn a_text_with_a_cut_inside_keeps_its_full_text_row() {
    let (_dir, path, library, articles) = import(&[("convoy.txt", CAPTION_INSIDE)]);
    let article = &articles[0];
    assert!(!article.body.contains("PHOTO/AFP"), "{}", article.body);
    assert_eq!(article.full_text, CAPTION_INSIDE);
    assert_eq!(text_rows(&path, article.id), 1);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn restoring_the_headline_keeps_the_full_text_and_can_be_cut_again() {
    let (_dir, path, mut library, articles) = import(&[("pier.txt", HEADLINE_ONLY)]);
    let article = &articles[0];
    let headline = article
        .removed
        .iter()
        .find(|s| s.reason == reason::HEADLINE)
        .expect("the headline was cut");

    library.set_span_restored(headline.id, true).unwrap();
    let restored = library.article(article.id).unwrap().unwrap();
    assert!(
        restored.body.starts_with("Ferry service"),
        "{}",
        restored.body
    );
    assert_eq!(
        restored.full_text, HEADLINE_ONLY,
        "the full text never changes"
    );
    assert_eq!(
        text_rows(&path, article.id),
        1,
        "kept whole once the body changed"
    );
    assert!(library.check().unwrap().is_sound());

    library.set_span_restored(headline.id, false).unwrap();
    let cut_again = library.article(article.id).unwrap().unwrap();
    assert_eq!(cut_again.body, article.body);
    assert_eq!(cut_again.full_text, HEADLINE_ONLY);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn a_deleted_article_comes_back_with_its_full_text() {
    let (_dir, _path, mut library, articles) = import(&[("pier.txt", HEADLINE_ONLY)]);
    let (deleted, undo) = library
        .delete_articles(&[articles[0].id], "tester")
        .unwrap();
    assert_eq!(deleted, 1);
    library.undo(&undo).unwrap();
    let back = common::article_id(&library, &articles[0].outlet, &articles[0].title);
    let back = library.article(back).unwrap().unwrap();
    assert_eq!(back.full_text, HEADLINE_ONLY);
    assert_eq!(back.body, articles[0].body);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn an_article_left_without_any_full_text_is_reported_by_the_check() {
    let (_dir, path, library, articles) = import(&[("pier.txt", HEADLINE_ONLY)]);
    {
        let conn = rusqlite::Connection::open(&path).expect("the library opens");
        conn.execute(
            "UPDATE articles SET text_head = NULL WHERE id = ?1",
            [articles[0].id],
        )
        .expect("an update");
    }
    let report = library.check().unwrap();
    assert!(
        report.problems.iter().any(|p| p.contains("no full text")),
        "{:?}",
        report.problems
    );
}
