//! Nothing lost: the trash and undo of destructive edits, backups (on demand and before a
//! migration), one writer per library across processes, and `check` finding articles that are
//! not whole.

use std::process::Command;

use rusqlite::Connection;
use triangulate_core::Library;
use triangulate_core::error::Error;
use triangulate_core::jobs::Progress;
use triangulate_core::library::{ArticleQuery, latest_version, lock};
use triangulate_core::model::Id;
use triangulate_core::ratings::{Answer, CriterionAnswer, Grade, NewRating};

use crate::common;

/// Everything about an article that restoring must bring back.
fn whole(library: &Library, id: Id) -> String {
    let a = library.article(id).unwrap().expect("the article is there");
    format!(
        "{}|{}|{}|{:?}|{}|{}|{:?}|{:?}|{:?}",
        a.title,
        a.outlet,
        a.body,
        a.published,
        a.full_text,
        a.content_hash,
        a.removed
            .iter()
            .map(|s| (s.start, s.end, s.reason.clone(), s.restored))
            .collect::<Vec<_>>(),
        library.incidents_of_article(id).unwrap(),
        library
            .current_assessments(id)
            .unwrap()
            .iter()
            .map(|m| (m.analyst.clone(), m.credibility))
            .collect::<Vec<_>>(),
    )
}

/// An article of the sample that cleaning cut something from.
fn article_with_cuts(library: &Library) -> Id {
    library
        .articles(&ArticleQuery::default())
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .find(|id| !library.article(*id).unwrap().unwrap().removed.is_empty())
        .expect("the sample has an article with removed spans")
}

#[test]
fn deleted_articles_wait_in_the_trash_and_come_back_whole() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let cut = article_with_cuts(&library);
    let other = library
        .articles(&ArticleQuery::default())
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .find(|id| *id != cut)
        .unwrap();
    let incident = common::make_incident(&mut library, "Convoy hit", "2024-03-02", &[cut, other]);
    library
        .add_assessment(cut, "ana", 2, "two sources")
        .unwrap();
    let before = library.counts().unwrap();
    let (cut_before, other_before) = (whole(&library, cut), whole(&library, other));
    let title = library.article(cut).unwrap().unwrap().title;
    let hits_before = library.search(&format!("\"{title}\""), 5).unwrap().len();
    assert!(hits_before > 0);

    let (n, undo) = library.delete_articles(&[cut, other], "ana").unwrap();
    assert_eq!(n, 2);
    assert_eq!(undo.label, "delete 2 articles");
    assert!(library.article(cut).unwrap().is_none());
    assert_eq!(library.counts().unwrap().articles, before.articles - 2);
    assert_eq!(
        library.search(&format!("\"{title}\""), 5).unwrap().len(),
        hits_before - 1,
        "the full-text index forgot it"
    );
    assert!(
        library
            .incident(incident)
            .unwrap()
            .unwrap()
            .reports
            .is_empty()
    );
    let trash = library.trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!((trash[0].kind.as_str(), trash[0].items), ("articles", 2));
    assert_eq!(trash[0].deleted_by, "ana");
    assert!(library.check().unwrap().is_sound());

    library.undo(&undo).unwrap();
    assert_eq!(
        whole(&library, cut),
        cut_before,
        "same id, text, cuts, incident, marks"
    );
    assert_eq!(whole(&library, other), other_before);
    assert_eq!(library.counts().unwrap().articles, before.articles);
    assert_eq!(
        library.search(&format!("\"{title}\""), 5).unwrap().len(),
        hits_before
    );
    assert!(
        library.trash().unwrap().is_empty(),
        "restoring takes it out of the trash"
    );
    let report = library.check().unwrap();
    assert!(report.is_sound(), "{:?}", report.problems);
}

#[test]
fn an_article_imported_again_is_not_restored_twice() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let id = article_with_cuts(&library);
    let count = library.counts().unwrap().articles;
    library.delete_articles(&[id], "ana").unwrap();
    // The same folder again brings the deleted article back as a new import.
    triangulate_core::import::import_paths(
        &mut library,
        &[common::sample_dir()],
        &Default::default(),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(library.counts().unwrap().articles, count);
    let entry = library.trash().unwrap()[0].id;
    let restored = library.restore_trash(entry).unwrap();
    assert_eq!(restored.restored, 0);
    assert_eq!(restored.skipped.len(), 1);
    assert!(
        restored.skipped[0].contains("imported since"),
        "{:?}",
        restored.skipped
    );
    assert_eq!(library.counts().unwrap().articles, count);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn merging_outlets_can_be_undone_with_articles_ratings_and_aliases() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let outlets = library.outlets().unwrap();
    let (keep, other) = (&outlets[0], &outlets[1]);
    library
        .add_rating(&NewRating {
            outlet_id: other.id,
            analyst: "ana".into(),
            grade: Some(Grade::D),
            rationale: "state outlet".into(),
            criteria: vec![],
            evidence: vec![],
        })
        .unwrap();
    let before: Vec<_> = library
        .outlets()
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.name, o.aliases, o.article_count, o.ratings))
        .collect();

    let undo = library.merge_outlets(keep.id, &[other.id], "ana").unwrap();
    assert_eq!(
        undo.label,
        format!("merge {} into {}", other.name, keep.name)
    );
    assert_eq!(library.outlet_id(&other.name).unwrap(), Some(keep.id));
    library.undo(&undo).unwrap();

    let after: Vec<_> = library
        .outlets()
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.name, o.aliases, o.article_count, o.ratings))
        .collect();
    assert_eq!(
        after, before,
        "ids, names, aliases, counts and ratings as before"
    );
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn a_deleted_rating_comes_back_with_its_criteria() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let outlet = library.outlets().unwrap()[0].id;
    let evidence = library.articles(&ArticleQuery::default()).unwrap()[0].id;
    let id = library
        .add_rating(&NewRating {
            outlet_id: outlet,
            analyst: "ben".into(),
            grade: Some(Grade::B),
            rationale: "checked against the wire".into(),
            criteria: vec![CriterionAnswer {
                key: "corrections".into(),
                value: Answer::Yes,
                note: "publishes corrections".into(),
            }],
            evidence: vec![evidence],
        })
        .unwrap();
    let history = library.rating_history(outlet).unwrap();
    let undo = library.delete_ratings(&[id], "ben").unwrap();
    assert!(
        library
            .rating_history(outlet)
            .unwrap()
            .iter()
            .all(|r| r.id != id)
    );
    library.undo(&undo).unwrap();
    assert_eq!(library.rating_history(outlet).unwrap(), history);
    assert!(library.delete_ratings(&[id + 1000], "ben").is_err());
}

#[test]
fn merged_and_deleted_incidents_are_kept_until_the_trash_is_emptied() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let ids: Vec<Id> = library
        .articles(&ArticleQuery::default())
        .unwrap()
        .iter()
        .take(3)
        .map(|r| r.id)
        .collect();
    let a = common::make_incident(&mut library, "Market strike", "2024-03-02", &ids[..2]);
    let b = common::make_incident(&mut library, "Market shelling", "2024-03-02", &ids[2..]);
    library.merge_incidents(a, b, "ana").unwrap();
    // A newer incident may take the merged one's id; restoring must not overwrite it.
    let c = common::make_incident(&mut library, "Bridge", "2024-03-05", &ids[..1]);
    let d = common::make_incident(&mut library, "Checkpoint", "2024-03-06", &ids[1..2]);
    library.delete_incident(d, "ana").unwrap();
    let trash = library.trash().unwrap();
    assert_eq!(
        trash.iter().map(|e| e.label.as_str()).collect::<Vec<_>>(),
        ["delete incident", "merge incidents"],
        "latest first"
    );
    // Restoring the merge from the trash (not through Undo) separates them again.
    library.restore_trash(trash[1].id).unwrap();
    let titles = |library: &Library| -> Vec<(String, i64)> {
        let mut all: Vec<_> = library
            .incidents()
            .unwrap()
            .into_iter()
            .map(|i| (i.title, i.report_count))
            .collect();
        all.sort();
        all
    };
    assert_eq!(
        titles(&library),
        [
            ("Bridge".to_string(), 1i64),
            ("Market shelling".to_string(), 1),
            ("Market strike".to_string(), 2)
        ]
    );
    assert_eq!(library.incident(c).unwrap().unwrap().title, "Bridge");
    assert_eq!(library.empty_trash().unwrap(), 1);
    assert!(library.trash().unwrap().is_empty());
    assert_eq!(
        titles(&library).len(),
        3,
        "the deleted one is gone for good"
    );
}

#[test]
fn a_backup_is_a_whole_library_and_a_cancelled_one_leaves_nothing() {
    let (dir, path, library, _) = common::sample_library();
    let dest = dir.path().join("copy.sqlite");
    let report = library.backup_to(&dest, &Progress::new()).unwrap();
    assert!(report.bytes > 0);
    let copy = Library::open(&dest).unwrap();
    assert_eq!(copy.counts().unwrap(), library.counts().unwrap());
    assert!(copy.check().unwrap().is_sound());

    let cancelled = Progress::new();
    cancelled.cancel();
    let dest2 = dir.path().join("cancelled.sqlite");
    assert!(library.backup_to(&dest2, &cancelled).is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("cancelled"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let err = library.backup_to(&path, &Progress::new()).unwrap_err();
    assert!(err.to_string().contains("the library itself"), "{err}");
}

#[test]
fn a_migration_first_backs_up_the_library_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    // The version before the latest (numbers need not be contiguous).
    let older = triangulate_core::library::MIGRATIONS
        [triangulate_core::library::MIGRATIONS.len() - 2]
        .version;
    drop(Library::open_at_version(&path, older).unwrap());
    let library = Library::open(&path).unwrap();
    assert_eq!(library.schema_version().unwrap(), latest_version());
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("old-before-schema-{}-", latest_version()))
        })
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let conn = Connection::open(&backups[0]).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, older);
    // A library that is already current is not backed up again.
    drop(library);
    drop(Library::open(&path).unwrap());
    let n = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-schema")
        })
        .count();
    assert_eq!(n, 1);
}

#[test]
fn a_second_process_cannot_write_while_the_first_has_the_library_open() {
    let (_dir, path, library, _) = common::sample_library();
    let articles = library.counts().unwrap().articles;
    let run = |args: &[&str]| {
        Command::new(common::binary())
            .args(args)
            .arg("--library")
            .arg(&path)
            .output()
            .unwrap()
    };
    // This process holds the library: another one may read it, not write it.
    let import = run(&["import", common::sample_dir().to_str().unwrap()]);
    assert!(!import.status.success());
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(
        stderr.contains("open for writing in another Triangulate")
            && stderr.contains(&format!("process {}", std::process::id())),
        "{stderr}"
    );
    let delete = run(&["delete", "1"]);
    assert!(!delete.status.success());
    let listed = run(&["articles", "--json"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len() as i64, articles);
    let check = run(&["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let backup = run(&["backup", "--json"]);
    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );

    // Once it lets go, the other process writes.
    drop(library);
    assert!(run(&["delete", "1"]).status.success());
    let trash = run(&["trash", "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&trash.stdout).unwrap();
    let entry = entries[0]["id"].as_i64().unwrap().to_string();
    assert!(run(&["trash", "restore", &entry]).status.success());
    assert_eq!(
        Library::open(&path).unwrap().counts().unwrap().articles,
        articles
    );
}

#[test]
fn within_one_process_writers_share_the_lock_and_a_foreign_lock_refuses() {
    let (_dir, path, library, _) = common::sample_library();
    // The app's background jobs open their own connections beside the window's.
    let second = Library::open(&path).unwrap();
    assert!(second.read_only().is_none());
    drop((library, second));
    // A lock held through another open file (as another process holds it).
    let held = std::fs::File::create(lock::lock_path(&path)).unwrap();
    held.try_lock().unwrap();
    let err = Library::open(&path).err().expect("refused while locked");
    assert!(matches!(err, Error::InUse { .. }), "{err}");
    let reader = Library::open_or_read_only(&path).unwrap();
    assert!(reader.read_only().unwrap().contains("another Triangulate"));
    assert!(reader.check().unwrap().is_sound());
    drop(held);
    assert!(Library::open(&path).is_ok());
}

#[test]
fn check_finds_an_article_whose_cut_span_went_missing() {
    let (_dir, path, library, _) = common::sample_library();
    let id = article_with_cuts(&library);
    drop(library);
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "DELETE FROM removed_spans WHERE id = (SELECT min(id) FROM removed_spans WHERE article_id = ?1 AND restored = 0)",
        [id],
    )
    .unwrap();
    drop(conn);
    let report = Library::open(&path).unwrap().check().unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("not their text minus the removed spans")
                && p.contains(&id.to_string())),
        "{:?}",
        report.problems
    );
}
