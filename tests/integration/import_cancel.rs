//! Cancelling an import: it stops between parsed batches and commits what it stored, so the library
//! keeps whole articles only, stays sound, records the batch as cancelled, and a second import
//! finishes the set without copies. A chunk the writer never commits leaves nothing. The progress
//! bar counts what was stored.

use crate::common;

use std::path::{Path, PathBuf};

use triangulate_core::Library;
use triangulate_core::import::clean::reason;
use triangulate_core::import::{ImportOptions, ImportReport, import_paths};
use triangulate_core::jobs::Progress;
use triangulate_core::library::{ArticleQuery, NewArticle};

const ARTICLES: usize = 3_000;

const PLACES: &[&str] = &[
    "Ashby",
    "Brannock",
    "Carrow",
    "Dunmere",
    "Eastfield",
    "Greyhaven",
    "Harlow",
    "Lowmoor",
];
const EVENTS: &[&str] = &[
    "a water main burst under the high street",
    "the council approved a new bus route",
    "a fire broke out in a disused warehouse",
    "the river rose above its banks after heavy rain",
    "a school reopened after repairs to its roof",
];

/// Writes `ARTICLES` small, distinct articles into `dir/wire`.
fn write_articles(dir: &Path) -> PathBuf {
    let wire = dir.join("wire");
    std::fs::create_dir(&wire).expect("wire folder");
    for i in 0..ARTICLES {
        let place = PLACES[i % PLACES.len()];
        let event = EVENTS[i % EVENTS.len()];
        let text = format!(
            "Bulletin {i}: {place} residents report that {event}\n\
             {place}, {day} March 2025\n\n\
             Residents of {place} said on the morning of bulletin {i} that {event}, and local \
             officials promised a full account by the end of the week. Reference number {i} was \
             given to the report, which neighbours say is the {ordinal} of its kind this year.\n",
            day = i % 28 + 1,
            ordinal = i % 7 + 2,
        );
        std::fs::write(wire.join(format!("bulletin-{i:05}.txt")), text).expect("article written");
    }
    wire
}

#[test]
fn cancelling_mid_import_leaves_whole_articles_and_a_second_run_completes_the_set() {
    let input = tempfile::tempdir().expect("temp dir");
    let wire = write_articles(input.path());
    let (_library_dir, _path, library) = common::temp_library();

    let progress = Progress::new();
    let theirs = progress.clone();
    let paths = vec![wire.clone()];
    let job = std::thread::spawn(move || {
        let mut library = library;
        let report = import_paths(&mut library, &paths, &ImportOptions::default(), &theirs);
        (library, report)
    });
    let started = std::time::Instant::now();
    loop {
        if progress.snapshot().done > 0 {
            progress.cancel();
            break;
        }
        assert!(
            !job.is_finished(),
            "the import finished before any progress was seen"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(120),
            "no progress in two minutes"
        );
        std::thread::yield_now();
    }
    let (mut library, first) = job.join().expect("the import thread does not panic");
    let first: ImportReport = first.expect("a cancelled import is not an error");

    assert!(first.cancelled, "the report says it was cancelled");
    assert!(
        first.imported < ARTICLES,
        "cancel stopped the import early: {} of {ARTICLES}",
        first.imported
    );
    assert!(first.problems.is_empty(), "{:#?}", first.problems);
    assert!(progress.snapshot().cancelled);
    assert_eq!(
        progress.snapshot().done as usize,
        first.imported,
        "the progress bar counts files stored, not files parsed ahead of the writer"
    );

    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:#?}", check.problems);
    let stored = library.articles(&ArticleQuery::default()).unwrap();
    assert_eq!(
        stored.len(),
        first.imported,
        "what the report counts is what is stored"
    );
    for row in &stored {
        let a = library
            .article(row.id)
            .unwrap()
            .expect("listed article reads");
        assert!(!a.body.trim().is_empty(), "article {} has a body", a.id);
        assert!(a.title.starts_with("Bulletin "), "{}", a.title);
        assert!(row.word_count > 0);
    }
    let batches = library.import_batches().unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].status, "cancelled");
    assert_eq!(batches[0].imported as usize, first.imported);

    let second = import_paths(
        &mut library,
        &[wire],
        &ImportOptions::default(),
        &Progress::new(),
    )
    .expect("the second import runs");
    assert!(!second.cancelled);
    assert!(second.problems.is_empty(), "{:#?}", second.problems);
    assert_eq!(second.skipped_duplicates, first.imported);
    assert_eq!(second.imported, ARTICLES - first.imported);
    assert_eq!(library.counts().unwrap().articles as usize, ARTICLES);
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:#?}", check.problems);
    assert_eq!(check.articles as usize, ARTICLES);
    let batches = library.import_batches().unwrap();
    assert_eq!(batches[0].status, "finished");
}

#[test]
fn cancelling_before_any_work_imports_nothing_and_records_the_batch_as_cancelled() {
    let input = tempfile::tempdir().expect("temp dir");
    let folder = input.path().join("desk");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..5 {
        std::fs::write(
            folder.join(format!("note-{i}.txt")),
            format!(
                "Note {i} from the desk\n\nA short report numbered {i} about the harbour works."
            ),
        )
        .unwrap();
    }
    let (_library_dir, _path, mut library): (_, _, Library) = common::temp_library();
    let progress = Progress::new();
    progress.cancel();
    let report = import_paths(
        &mut library,
        std::slice::from_ref(&folder),
        &ImportOptions::default(),
        &progress,
    )
    .expect("a cancelled import is not an error");
    assert!(report.cancelled);
    assert_eq!(report.imported, 0);
    assert!(report.articles.is_empty());
    assert_eq!(progress.snapshot().done, 0, "no file was parsed");
    assert_eq!(library.counts().unwrap().articles, 0);
    let batches = library.import_batches().unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].status, "cancelled");
    assert!(batches[0].finished_at.is_some(), "the batch is closed");
    assert_eq!(batches[0].imported, 0);
    assert!(library.check().unwrap().is_sound());
}

/// A small article for the writer, distinct by `i`.
fn bulletin(i: usize) -> NewArticle {
    let body = format!("Residents of Ashby reported bulletin {i} to the council this morning.");
    let title = format!("Bulletin {i}");
    NewArticle {
        outlet: "Ashby Wire".into(),
        full_text: format!("{title}\n\n{body}"),
        removed: vec![(0, title.len() + 1, reason::HEADLINE.into())],
        title,
        word_count: body.split_whitespace().count(),
        body,
        source_path: format!("bulletin-{i}.txt"),
        content_hash: format!("content-{i}"),
        text_hash: format!("text-{i}"),
        format: "txt",
        ..NewArticle::default()
    }
}

/// The writer's chunk is one transaction across the batches stored into it: a chunk dropped
/// before its commit (an error part-way through, a panic) leaves none of its batches, one that
/// reached its size was committed, and an explicit commit keeps the rest.
#[test]
fn a_chunk_is_all_or_nothing_across_the_batches_stored_into_it() {
    let (_dir, _path, mut library) = common::temp_library();
    let batch = library.start_batch(&["wire".into()]).unwrap();
    {
        let mut writer = library.import_writer(batch, 100);
        writer.store(&[bulletin(0), bulletin(1)], &[]).unwrap();
        writer.store(&[bulletin(2)], &[]).unwrap();
    }
    assert_eq!(
        library.counts().unwrap().articles,
        0,
        "an uncommitted chunk leaves nothing"
    );
    {
        let mut writer = library.import_writer(batch, 2);
        let first = writer.store(&[bulletin(0), bulletin(1)], &[]).unwrap();
        assert_eq!(first.stored.len(), 2);
        writer.store(&[bulletin(2)], &[]).unwrap();
    }
    assert_eq!(
        library.counts().unwrap().articles,
        2,
        "the chunk that reached its size was committed; the next one, left open, was not"
    );
    {
        let mut writer = library.import_writer(batch, 100);
        let again = writer.store(&[bulletin(1), bulletin(2)], &[]).unwrap();
        assert_eq!(
            again.duplicates,
            [0],
            "bulletin 1 is already in the library"
        );
        writer.commit().unwrap();
    }
    assert_eq!(library.counts().unwrap().articles, 3);
    let check = library.check().unwrap();
    assert!(check.is_sound(), "{:#?}", check.problems);
}
