//! Bad input: every file or folder that cannot be imported becomes a problem row with a reason the
//! analyst can act on, and never stops the rest of the import. Each scenario puts one good article
//! beside the bad input and checks that the good one IS imported, and that the library is sound.

use crate::common;

use std::path::{Path, PathBuf};

use triangulate_core::Library;
use triangulate_core::import::{
    ImportOptions, ImportReport, discover, import_paths, import_sources,
};
use triangulate_core::jobs::Progress;
use triangulate_core::library::ArticleQuery;
use triangulate_core::model::{Article, ImportProblem};

/// Writes a good, ordinary article called `name` into `dir`.
fn good_article(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let stem = name.trim_end_matches(".txt");
    std::fs::write(
        &path,
        format!(
            "Council reopens the {stem} library after repairs\n\
             Greyhaven, 2 June 2025\n\n\
             The council reopened the {stem} branch library on Monday after three months of repairs \
             to its roof, which leaked during the winter storms. Readers returned to find new shelves \
             and a children's corner, the librarian said.\n"
        ),
    )
    .expect("the good article is written");
    path
}

/// A folder of articles to import, with a good article in it, and an empty library beside it.
struct Scenario {
    _input: tempfile::TempDir,
    dir: PathBuf,
    _library_dir: tempfile::TempDir,
    library: Library,
}

fn scenario() -> Scenario {
    let input = tempfile::tempdir().expect("temp dir");
    // A folder with an ordinary name: the outlet guess and the walker see "desk", not ".tmpXXXX".
    let dir = input.path().join("desk");
    std::fs::create_dir(&dir).expect("desk folder");
    good_article(&dir, "good.txt");
    let (library_dir, _path, library) = common::temp_library();
    Scenario {
        _input: input,
        dir,
        _library_dir: library_dir,
        library,
    }
}

impl Scenario {
    fn import(&mut self, paths: &[PathBuf]) -> ImportReport {
        let report = import_paths(
            &mut self.library,
            paths,
            &ImportOptions::default(),
            &Progress::new(),
        )
        .expect("an import with bad files still finishes");
        self.assert_good_one_imported_and_sound(&report);
        report
    }

    fn import_dir(&mut self) -> ImportReport {
        let dir = self.dir.clone();
        self.import(&[dir])
    }

    fn assert_good_one_imported_and_sound(&self, report: &ImportReport) {
        assert!(
            report
                .articles
                .iter()
                .any(|a| a.path.ends_with("good.txt") && a.title.contains("library after repairs")),
            "the good article beside the bad input is imported: {:#?}\nproblems: {:#?}",
            report.articles,
            report.problems
        );
        assert!(!report.cancelled);
        let check = self.library.check().expect("check runs");
        assert!(check.is_sound(), "{:#?}", check.problems);
        let batch = &self.library.import_batches().expect("batches")[0];
        assert_eq!(batch.status, "finished");
        assert_eq!(
            batch.problems, report.problems,
            "the problems are stored with the batch"
        );
    }
}

/// The one problem reported for a path ending in `name`.
fn problem_for<'a>(report: &'a ImportReport, name: &str) -> &'a ImportProblem {
    let found: Vec<&ImportProblem> = report
        .problems
        .iter()
        .filter(|p| p.path.ends_with(name))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one problem for {name}: {:#?}",
        report.problems
    );
    found[0]
}

/// Deterministic noise (xorshift), so a failure can be reproduced.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn an_empty_file_is_reported_as_empty() {
    let mut s = scenario();
    std::fs::write(s.dir.join("empty.txt"), b"").unwrap();
    let report = s.import_dir();
    assert_eq!(problem_for(&report, "empty.txt").reason, "empty file");
    assert_eq!(report.imported, 1);
}

#[test]
fn a_file_of_only_white_space_is_reported_as_empty() {
    let mut s = scenario();
    std::fs::write(s.dir.join("blank.txt"), b"  \n\t\r\n   \n\n").unwrap();
    std::fs::write(s.dir.join("blank.md"), b"\n\n\n").unwrap();
    let report = s.import_dir();
    assert_eq!(problem_for(&report, "blank.txt").reason, "empty file");
    assert_eq!(problem_for(&report, "blank.md").reason, "empty file");
    assert_eq!(report.imported, 1);
}

#[test]
fn binary_files_named_txt_are_reported_as_binary() {
    let mut s = scenario();
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00".to_vec();
    png.extend(noise(8_192, 0x9E37_79B9_7F4A_7C15));
    std::fs::write(s.dir.join("photo.txt"), &png).unwrap();
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend(noise(8_192, 0xD1B5_4A32_D192_ED03));
    std::fs::write(s.dir.join("archive.txt"), &zip).unwrap();
    // Noise with no NUL bytes at all is still not text.
    let no_nul: Vec<u8> = noise(8_192, 0x2545_F491_4F6C_DD1D)
        .into_iter()
        .map(|b| b.max(1))
        .collect();
    std::fs::write(s.dir.join("noise.txt"), &no_nul).unwrap();
    let report = s.import_dir();
    for name in ["photo.txt", "archive.txt", "noise.txt"] {
        assert_eq!(
            problem_for(&report, name).reason,
            "binary file, not text",
            "{name}"
        );
    }
    assert_eq!(report.imported, 1, "{:#?}", report.articles);
}

#[test]
fn a_file_that_is_not_valid_utf8_is_imported_through_a_legacy_encoding_guess() {
    let mut s = scenario();
    // Written on an old Windows machine: cp1252 en dash, e-acute and curly quotes.
    let bytes = b"Flood barrier at Morrow Quay passes its first test\n\
        Morrow Quay, 9 January 2025\n\n\
        The new flood barrier at Morrow Quay held back the highest tide of the winter on Thursday \x96 \
        the first real test since it was built. The caf\xe9 owners on the quay said the street stayed \
        dry for the first time in years, and the harbour master called it \x93a good day\x94.\n";
    assert!(String::from_utf8(bytes.to_vec()).is_err());
    std::fs::write(s.dir.join("legacy.txt"), bytes).unwrap();
    let report = s.import_dir();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.imported, 2);
    let id = report
        .articles
        .iter()
        .find(|a| a.path.ends_with("legacy.txt"))
        .expect("the legacy file is imported")
        .id;
    let a = s.library.article(id).unwrap().unwrap();
    assert_eq!(
        a.title,
        "Flood barrier at Morrow Quay passes its first test"
    );
    assert!(!a.body.trim().is_empty());
    assert!(
        a.body
            .contains("held back the highest tide of the winter on Thursday – the first"),
        "{}",
        a.body
    );
    assert!(a.body.contains("café"), "{}", a.body);
    assert_ne!(a.encoding.as_deref(), Some("UTF-8"));
    assert!(!a.body.contains('\u{fffd}'), "{}", a.body);
}

#[test]
fn a_file_over_the_size_limit_is_reported_with_the_limit_and_not_read() {
    let mut s = scenario();
    let big = std::fs::File::create(s.dir.join("huge.txt")).unwrap();
    big.set_len(100 * 1024 * 1024).unwrap(); // sparse: fast, and no disk used
    drop(big);
    let report = s.import_dir();
    let reason = &problem_for(&report, "huge.txt").reason;
    assert!(reason.contains("100 MB"), "{reason}");
    assert!(
        reason.contains(&format!(
            "{} MB limit",
            triangulate_core::import::MAX_FILE_BYTES / (1024 * 1024)
        )),
        "{reason}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_and_the_walk_goes_on() {
    let mut s = scenario();
    let nested = s.dir.join("nested");
    std::fs::create_dir(&nested).unwrap();
    good_article(&nested, "inner.txt");
    std::os::unix::fs::symlink("..", nested.join("up")).unwrap();
    let report = s.import_dir();
    let loops: Vec<&ImportProblem> = report
        .problems
        .iter()
        .filter(|p| p.reason.contains("loop"))
        .collect();
    assert_eq!(loops.len(), 1, "{:#?}", report.problems);
    assert!(loops[0].path.ends_with("up"), "{:?}", loops[0]);
    assert!(
        report
            .articles
            .iter()
            .any(|a| a.path.ends_with("inner.txt")),
        "files beside the loop are imported: {:#?}",
        report.articles
    );
    assert_eq!(report.imported, 2, "the loop does not import files twice");
}

#[test]
fn a_file_that_vanishes_during_import_is_reported_as_moved_or_deleted() {
    let mut s = scenario();
    let doomed = good_article(&s.dir, "doomed.txt");
    let roots = vec![s.dir.display().to_string()];
    let (files, problems) = discover(std::slice::from_ref(&s.dir));
    assert_eq!(files.len(), 2);
    std::fs::remove_file(&doomed).unwrap();
    let report = import_sources(
        &mut s.library,
        &roots,
        files,
        problems,
        &ImportOptions::default(),
        &Progress::new(),
    )
    .unwrap();
    s.assert_good_one_imported_and_sound(&report);
    let reason = &problem_for(&report, "doomed.txt").reason;
    assert!(reason.contains("not found"), "{reason}");
    assert!(reason.contains("moved or deleted"), "{reason}");
    assert_eq!(report.files_seen, 2);
}

#[cfg(unix)]
#[test]
fn a_folder_without_permission_is_reported_and_the_rest_imported() {
    use std::os::unix::fs::PermissionsExt;
    let mut s = scenario();
    let locked = s.dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    good_article(&locked, "secret.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Root (or a capability like CAP_DAC_OVERRIDE) reads it anyway: nothing to test.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("note: running with permission to read a mode-000 folder; skipping this test");
        return;
    }
    let report = s.import_dir();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let found: Vec<&ImportProblem> = report
        .problems
        .iter()
        .filter(|p| p.reason.contains("permission denied"))
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", report.problems);
    assert!(found[0].path.contains("locked"), "{:?}", found[0]);
    assert_eq!(report.imported, 1);
}

#[cfg(unix)]
#[test]
fn a_file_without_permission_is_reported_and_the_rest_imported() {
    use std::os::unix::fs::PermissionsExt;
    let mut s = scenario();
    let locked = good_article(&s.dir, "private.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
        eprintln!("note: running with permission to read a mode-000 file; skipping this test");
        return;
    }
    let report = s.import_dir();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(
        problem_for(&report, "private.txt").reason,
        "permission denied"
    );
    assert_eq!(report.imported, 1);
}

#[test]
fn a_path_that_does_not_exist_is_reported_and_the_other_paths_imported() {
    let mut s = scenario();
    let missing = s.dir.with_file_name("no-such-folder");
    let report = s.import(&[s.dir.clone(), missing]);
    let reason = &problem_for(&report, "no-such-folder").reason;
    assert!(reason.contains("not found"), "{reason}");
    assert_eq!(report.imported, 1);
}

#[test]
fn json_that_is_valid_but_not_an_article_says_what_it_holds() {
    let mut s = scenario();
    std::fs::write(
        s.dir.join("settings.json"),
        r#"{"theme": "dark", "columns": ["title", "outlet"], "version": 3}"#,
    )
    .unwrap();
    std::fs::write(s.dir.join("numbers.json"), "[1, 2, 3]").unwrap();
    std::fs::write(s.dir.join("quote.json"), r#""just a string""#).unwrap();
    std::fs::write(s.dir.join("none.json"), "[]").unwrap();
    let report = s.import_dir();
    let reason = &problem_for(&report, "settings.json").reason;
    assert!(reason.starts_with("no article text"), "{reason}");
    for field in ["theme", "columns", "version"] {
        assert!(reason.contains(field), "the reason names {field}: {reason}");
    }
    for i in 0..3 {
        assert_eq!(
            problem_for(&report, &format!("numbers.json#{i}")).reason,
            "not a JSON object"
        );
    }
    assert!(
        problem_for(&report, "quote.json")
            .reason
            .contains("neither an article object nor an array")
    );
    assert!(
        problem_for(&report, "none.json")
            .reason
            .contains("empty JSON array")
    );
    assert_eq!(report.imported, 1);
}

#[test]
fn a_csv_without_a_text_column_names_the_columns_it_has() {
    let mut s = scenario();
    std::fs::write(
        s.dir.join("spreadsheet.csv"),
        "id,headline,published,shares\n1,Bridge closed,2025-06-01,40\n",
    )
    .unwrap();
    let report = s.import_dir();
    let reason = &problem_for(&report, "spreadsheet.csv").reason;
    assert!(
        reason.contains("no column holds the article text"),
        "{reason}"
    );
    assert!(
        reason.contains("id, headline, published, shares"),
        "{reason}"
    );
}

#[test]
fn every_kind_of_bad_input_in_one_folder_still_imports_the_good_article() {
    let mut s = scenario();
    std::fs::write(s.dir.join("empty.txt"), b"").unwrap();
    std::fs::write(s.dir.join("blank.txt"), b"\n \n").unwrap();
    std::fs::write(
        s.dir.join("photo.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d",
    )
    .unwrap();
    std::fs::write(s.dir.join("truncated.json"), br#"{"title": "Half a rec"#).unwrap();
    std::fs::write(s.dir.join("nobody.csv"), "a,b\n1,2\n").unwrap();
    std::fs::write(s.dir.join("scan.pdf"), b"%PDF-1.7").unwrap();
    let report = s.import_dir();
    assert_eq!(report.imported, 1);
    assert_eq!(report.problems.len(), 6, "{:#?}", report.problems);
    assert_eq!(report.files_seen, 7);
    assert!(
        problem_for(&report, "truncated.json")
            .reason
            .starts_with("invalid JSON")
    );
    assert!(
        problem_for(&report, "scan.pdf")
            .reason
            .starts_with("skipped:")
    );
}

/// Every article in the library, in full.
fn everything(library: &Library) -> Vec<Article> {
    library
        .articles(&ArticleQuery::default())
        .unwrap()
        .into_iter()
        .map(|row| library.article(row.id).unwrap().unwrap())
        .collect()
}

#[test]
fn an_import_with_problems_changes_nothing_already_in_the_library() {
    let mut s = scenario();
    good_article(&s.dir, "second.txt");
    std::fs::write(
        s.dir.join("third.md"),
        "---\ntitle: Ferry timetable changes from Monday\noutlet: Greyhaven Herald\n\
         published: 2025-06-03\n---\nThe island ferry will leave half an hour earlier from Monday, \
         the operator said, to catch the morning tide through the narrows.\n",
    )
    .unwrap();
    let first = s.import_dir();
    assert_eq!(first.imported, 3, "{:#?}", first.problems);
    let before = everything(&s.library);
    let counts_before = s.library.counts().unwrap();

    // A second folder full of trouble, with one more good article and a copy of one already stored.
    let bad = s.dir.with_file_name("bad");
    std::fs::create_dir(&bad).unwrap();
    good_article(&bad, "good.txt");
    std::fs::copy(s.dir.join("third.md"), bad.join("third.md")).unwrap();
    std::fs::write(bad.join("empty.txt"), b"").unwrap();
    std::fs::write(bad.join("photo.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0d").unwrap();
    std::fs::write(bad.join("truncated.json"), br#"[{"text": "cut off"#).unwrap();
    std::fs::write(bad.join("nobody.csv"), "a,b\n1,2\n").unwrap();
    let huge = std::fs::File::create(bad.join("huge.txt")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    drop(huge);
    let second = s.import(&[bad.clone(), bad.join("missing")]);
    assert_eq!(second.problems.len(), 6, "{:#?}", second.problems);
    assert_eq!(
        second.skipped_duplicates, 1,
        "the copied Markdown file is already stored"
    );

    let after = everything(&s.library);
    for old in &before {
        let now = after
            .iter()
            .find(|a| a.id == old.id)
            .unwrap_or_else(|| panic!("article {} is still there", old.id));
        assert_eq!(now, old, "article {} is unchanged", old.id);
    }
    assert_eq!(after.len(), before.len() + second.imported);
    let counts_after = s.library.counts().unwrap();
    assert_eq!(
        counts_after.problems,
        counts_before.problems + second.problems.len() as i64
    );
    let batches = s.library.import_batches().unwrap();
    assert_eq!(batches.len(), 2);
    assert!(
        batches[1].problems.is_empty(),
        "the first batch's record is untouched"
    );
}
