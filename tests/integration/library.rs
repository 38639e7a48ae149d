//! Integration tests of the library file: creating, migrating, refusing what it must not open,
//! and the integrity check.

use crate::common;

use rusqlite::Connection;
use triangulate_core::Error;
use triangulate_core::library::{ArticleQuery, Library, MIGRATIONS, latest_version};

#[test]
fn a_new_library_is_at_the_latest_schema_and_sound() {
    let (_dir, path, library) = common::temp_library();
    assert_eq!(library.schema_version().unwrap(), latest_version());
    assert!(library.check().unwrap().is_sound());
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        page_size, 16_384,
        "a new library has 16 KiB pages, so the full-text index's leaves fit in a page"
    );
}

#[test]
fn every_migration_file_in_db_is_compiled_in_and_numbered_in_order() {
    let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/db"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    on_disk.sort();
    let compiled: Vec<&str> = MIGRATIONS.iter().map(|m| m.name).collect();
    assert_eq!(on_disk, compiled);
    // Versions are 1, 2, 3, … with no gap, and each file is named by its number: a gap would
    // mean a migration lost in a merge.
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version as usize, i + 1, "{}", m.name);
        assert!(m.name.starts_with(&format!("{:04}_", m.version)));
    }
}

#[test]
fn a_library_made_by_an_older_version_opens_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // A library as schema 1 left it, with an article in it.
        let old = Library::open_at_version(&path, 1).unwrap();
        assert_eq!(old.schema_version().unwrap(), 1);
        drop(old);
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO outlets(id, name) VALUES (1, 'Old Outlet');
             INSERT INTO articles(id, outlet_id, title, body, source_path, content_hash, text_hash, word_count)
             VALUES (1, 1, 'Old article', 'Body from an old library.', 'old.txt', 'h1', 't1', 5);
             INSERT INTO article_texts(article_id, full_text) VALUES (1, 'Body from an old library.');
             INSERT INTO articles_fts(rowid, title, body) VALUES (1, 'Old article', 'Body from an old library.');
             INSERT INTO ratings(outlet_id, analyst, grade) VALUES (1, 'ana', 'C');",
        )
        .unwrap();
    }
    let library = Library::open(&path).unwrap();
    assert_eq!(library.schema_version().unwrap(), latest_version());
    let rows = library.articles(&ArticleQuery::default()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].title, "Old article");
    let article = library.article(rows[0].id).unwrap().unwrap();
    assert_eq!(
        article.encoding, None,
        "columns added later are empty for old rows"
    );
    assert_eq!(
        article.full_text, "Body from an old library.",
        "a full text stored whole before db/0010 still reads back"
    );
    assert_eq!(library.search("old library", 10).unwrap().len(), 1);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn a_file_that_is_not_a_library_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    let content = b"These are my notes, not a database. ".repeat(10);
    std::fs::write(&path, &content).unwrap();
    let err = Library::open(&path).err().expect("refused");
    assert!(matches!(err, Error::NotALibrary { .. }), "{err}");
    assert!(err.to_string().contains("left untouched"));
    assert_eq!(std::fs::read(&path).unwrap(), content);
}

#[test]
fn a_truncated_library_is_refused_and_left_untouched() {
    let (dir, path, library) = common::temp_library();
    drop(library);
    // Fold the WAL into the main file so the file on disk is the whole database.
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let whole = std::fs::read(&path).unwrap();
    let cut = &whole[..whole.len() / 2];
    let truncated = dir.path().join("truncated.sqlite");
    std::fs::write(&truncated, cut).unwrap();
    let err = Library::open(&truncated).err().expect("refused");
    assert!(matches!(err, Error::NotALibrary { .. }), "{err}");
    assert_eq!(std::fs::read(&truncated).unwrap(), cut);
}

/// A kill in the middle of a checkpoint leaves the main file with its first page already saying
/// how big the database is, but shorter than that, and the WAL beside it holding every page:
/// SQLite recovers from the WAL, so the library is sound, not truncated.
#[test]
fn a_library_killed_mid_checkpoint_opens_from_its_wal() {
    let (dir, path, library) = common::temp_library();
    drop(library); // closing folds the WAL into the file
    let mut library = Library::open(&path).unwrap();
    triangulate_core::import::import_paths(
        &mut library,
        &[common::sample_dir()],
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    // The files as a kill would leave them: the import's pages are in the WAL only.
    let crashed = dir.path().join("crashed.sqlite");
    std::fs::copy(&path, &crashed).unwrap();
    let mut wal = crashed.clone().into_os_string();
    wal.push("-wal");
    let mut live_wal = path.clone().into_os_string();
    live_wal.push("-wal");
    std::fs::copy(&live_wal, &wal).unwrap();
    // The checkpoint writes page 1 first (with the new size), then the rest: stop after page 1.
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let whole = std::fs::read(&path).unwrap();
    let page = usize::from(u16::from_be_bytes([whole[16], whole[17]]));
    let mut main = std::fs::read(&crashed).unwrap();
    assert!(main.len() < whole.len(), "the import grew the file");
    main[..page].copy_from_slice(&whole[..page]);
    std::fs::write(&crashed, &main).unwrap();
    drop(library);

    let reopened = Library::open(&crashed).expect("a library with its WAL opens");
    assert_eq!(reopened.counts().unwrap().articles, 37);
    assert!(reopened.check().unwrap().is_sound());
}

#[test]
fn a_library_from_a_newer_version_is_refused_and_left_untouched() {
    let (_dir, path, library) = common::temp_library();
    drop(library);
    let future = latest_version() + 7;
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", future)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Library::open(&path).err().expect("refused");
    assert!(
        matches!(err, Error::TooNew { found, .. } if found == future),
        "{err}"
    );
    assert!(err.to_string().contains("newer Triangulate"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn ratings_cannot_be_rewritten() {
    let (_dir, path, library) = common::temp_library();
    drop(library);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO outlets(id, name) VALUES (1, 'X');
         INSERT INTO ratings(outlet_id, analyst, grade) VALUES (1, 'ana', 'B');",
    )
    .unwrap();
    let err = conn
        .execute("UPDATE ratings SET grade = 'A'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn check_finds_a_full_text_index_out_of_step() {
    let (_dir, path, library, _report) = common::sample_library();
    assert!(library.check().unwrap().is_sound());
    drop(library);
    let conn = Connection::open(&path).unwrap();
    // Change an article behind the triggers' back: the index no longer matches.
    conn.execute_batch(
        "DROP TRIGGER articles_fts_update;
         UPDATE articles SET body = 'something else entirely' WHERE id = (SELECT min(id) FROM articles);",
    )
    .unwrap();
    drop(conn);
    let library = Library::open(&path).unwrap();
    let report = library.check().unwrap();
    assert!(!report.is_sound());
    assert!(
        report.problems.iter().any(|p| p.contains("full-text")),
        "{:?}",
        report.problems
    );
}

#[test]
fn assigning_articles_to_an_outlet_moves_them_and_drops_the_emptied_unknown_outlet() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("some-folder");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..3 {
        std::fs::write(
            folder.join(format!("a{i}.txt")),
            format!(
                "Headline {i}\n\nBody number {i} of a report about the valley, long enough to keep."
            ),
        )
        .unwrap();
    }
    let mut library = Library::open(dir.path().join("l.sqlite")).unwrap();
    let report = triangulate_core::import::import_paths(
        &mut library,
        &[folder],
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    // Nothing names the outlet, and no outlet of the library is called "some-folder": the
    // articles' outlet is unknown, not the folder's name.
    let guessed = library.outlets().unwrap();
    assert_eq!(guessed.len(), 1);
    assert!(guessed[0].name_is_guess && guessed[0].name == "Unknown outlet");
    assert!(report.articles.iter().all(|a| a.outlet == "Unknown outlet"));

    let ids: Vec<i64> = report.articles.iter().map(|a| a.id).collect();
    assert_eq!(
        library.assign_outlet(&ids[..2], "Valley Courier").unwrap(),
        2
    );
    let outlets = library.outlets().unwrap();
    assert_eq!(
        outlets
            .iter()
            .map(|o| (o.name.as_str(), o.article_count))
            .collect::<Vec<_>>(),
        [("Unknown outlet", 1), ("Valley Courier", 2)]
    );
    assert!(!outlets[1].name_is_guess);

    library.assign_outlet(&ids[2..], "Valley Courier").unwrap();
    let outlets = library.outlets().unwrap();
    assert_eq!(
        outlets.len(),
        1,
        "the guessed outlet with no articles left is gone: {outlets:?}"
    );
    assert!(library.assign_outlet(&ids, "  ").is_err());
}

#[test]
fn merging_outlets_moves_articles_and_ratings_and_keeps_the_name_as_an_alias() {
    let (_dir, path, library, _report) = common::sample_library();
    drop(library);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO outlets(name) VALUES ('Meridian Wire Service');
         INSERT INTO ratings(outlet_id, analyst, grade, rationale)
           VALUES ((SELECT id FROM outlets WHERE name = 'Meridian Wire Service'), 'ana', 'B', 'wire');",
    )
    .unwrap();
    drop(conn);
    let mut library = Library::open(&path).unwrap();
    let keep = library.outlet_id("Meridian Wire").unwrap().unwrap();
    let other = library.outlet_id("Meridian Wire Service").unwrap().unwrap();
    let before = library
        .articles(&ArticleQuery {
            outlet: Some("Meridian Wire".into()),
            ..Default::default()
        })
        .unwrap()
        .len();
    library.merge_outlets(keep, &[other], "tester").unwrap();

    assert_eq!(
        library.outlet_id("Meridian Wire Service").unwrap(),
        Some(keep),
        "the old name resolves as an alias"
    );
    let merged = library
        .outlets()
        .unwrap()
        .into_iter()
        .find(|o| o.id == keep)
        .unwrap();
    assert_eq!(merged.aliases, vec!["Meridian Wire Service".to_string()]);
    assert_eq!(merged.ratings, vec![("ana".to_string(), "B".to_string())]);
    assert_eq!(merged.article_count as usize, before);
    assert!(library.merge_outlets(keep, &[keep], "tester").is_err());
    assert!(library.check().unwrap().is_sound());
}

/// A library at schema 13 (before the sample's world left the shipped lexicon), made as that
/// version made libraries: the sample's articles with no lexicon of its own when `sample`, else
/// an analyst's edited lexicon holding the invented entries as the shipped one then did.
fn library_at_13(sample: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    use triangulate_core::library::world;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let mut old = Library::open_at_version(&path, 13).unwrap();
    if sample {
        triangulate_core::import::import_sources(
            &mut old,
            &[world::SAMPLE_ROOT.to_string()],
            triangulate_core::sample::sample_files(),
            Vec::new(),
            &Default::default(),
            &triangulate_core::jobs::Progress::new(),
        )
        .unwrap();
    } else {
        let edited = format!(
            "# Our desk's lexicon\n\n[[actor]]\nname = \"Desk actor\"\nterms = [\"Desk actor\"]\n\n{}",
            world::world_lexicon()
        );
        old.set_lexicon_text(Some(&edited), "ana").unwrap();
    }
    drop(old);
    (dir, path)
}

#[test]
fn a_sample_library_made_before_schema_14_keeps_the_sample_world_as_its_own() {
    let (_dir, path) = library_at_13(true);
    let library = Library::open(&path).unwrap();
    let lexicon = library.lexicon().unwrap();
    assert!(
        lexicon.actors.iter().any(|a| a.name == "Crescent Front"),
        "the sample library's lexicon has the invented actors"
    );
    assert!(
        library
            .place_names()
            .unwrap()
            .iter()
            .any(|(place, _)| place == "Qasr al-Nahr"),
        "and its places"
    );
    assert!(
        library
            .gazetteer()
            .unwrap()
            .canonical("Kasr el-Nahr")
            .is_some()
    );
}

#[test]
fn another_library_made_before_schema_14_loses_the_invented_entries_and_is_told() {
    let (_dir, path) = library_at_13(false);
    let library = Library::open(&path).unwrap();
    let text = library.lexicon_text().unwrap().expect("its edited lexicon");
    assert!(
        text.starts_with("# Triangulate's schema 14 took the sample library's invented entries"),
        "{text}"
    );
    assert!(
        text.contains("Crescent Front, Northern Shield Forces"),
        "named: {text}"
    );
    let lexicon = library.lexicon().unwrap();
    assert!(
        lexicon.actors.iter().any(|a| a.name == "Desk actor"),
        "its own entries stay"
    );
    assert!(lexicon.actors.iter().any(|a| a.name == "Islamic State"));
    assert!(
        !lexicon
            .actors
            .iter()
            .chain(&lexicon.sources)
            .any(|g| g.name.contains("Qadir") || g.name == "Crescent Front"),
        "{text}"
    );
    assert!(
        library
            .gazetteer()
            .unwrap()
            .canonical("Kasr el-Nahr")
            .is_none()
    );
}

#[test]
fn a_new_library_knows_no_invented_name_and_one_made_from_the_sample_does() {
    let (_dir, _path, plain) = common::temp_library();
    assert_eq!(plain.lexicon_text().unwrap(), None);
    let lexicon = plain.lexicon().unwrap();
    assert!(!lexicon.actors.iter().any(|a| a.name == "Crescent Front"));
    assert!(plain.gazetteer().unwrap().canonical("Wadi Sarab").is_none());

    let (_dir2, path) = common::sample_library_file();
    let sample = Library::open(&path).unwrap();
    assert!(
        sample
            .lexicon()
            .unwrap()
            .actors
            .iter()
            .any(|a| a.name == "Crescent Front")
    );
    assert_eq!(
        sample.gazetteer().unwrap().canonical("Wadi Sarrab"),
        Some("Wadi Sarab")
    );
}

/// The sample imported by a library at `version`, then opened by this build.
fn sample_at(version: u32) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let mut old = Library::open_at_version(&path, version).unwrap();
    triangulate_core::import::import_sources(
        &mut old,
        &[triangulate_core::library::world::SAMPLE_ROOT.to_string()],
        triangulate_core::sample::sample_files(),
        Vec::new(),
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    drop(old);
    let library = Library::open(&path).unwrap();
    (dir, library)
}

#[test]
fn a_library_made_before_schema_17_learns_its_outlets_web_hosts_as_an_import_now_records_them() {
    let (_old_dir, migrated) = sample_at(16);
    let (_new_dir, fresh) = sample_at(triangulate_core::library::latest_version());
    let hosts = |library: &Library| {
        let names: std::collections::HashMap<_, _> = library
            .outlet_list()
            .unwrap()
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        let mut all: Vec<(String, String)> = library
            .outlet_hosts()
            .unwrap()
            .into_iter()
            .flat_map(|(id, hosts)| {
                let name = names[&id].clone();
                hosts.into_iter().map(move |h| (name.clone(), h))
            })
            .collect();
        all.sort();
        all
    };
    let migrated_hosts = hosts(&migrated);
    assert!(
        !migrated_hosts.is_empty(),
        "the sample's pages state their addresses"
    );
    assert!(
        migrated_hosts.iter().all(|(_, h)| !h.starts_with("www.")),
        "{migrated_hosts:?}"
    );
    assert_eq!(migrated_hosts, hosts(&fresh));
    assert!(migrated.check().unwrap().is_sound());
    assert!(fresh.check().unwrap().is_sound());
}
