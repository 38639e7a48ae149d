//! The sample library imported from disk, checked against its manifest (assets/sample/expected.json):
//! every article found with its outlet, title, date, encoding and language; every messy reality cut
//! with its reason; the broken file reported; re-importing adds nothing.

use crate::common;

use std::collections::HashMap;

use triangulate_core::import::clean::reason;
use triangulate_core::model::Article;

fn by_manifest_path(
    library: &triangulate_core::Library,
    report: &triangulate_core::import::ImportReport,
) -> HashMap<String, Article> {
    let root = common::sample_dir();
    report
        .articles
        .iter()
        .map(|a| {
            let rel = a
                .path
                .strip_prefix(&root.display().to_string())
                .unwrap_or(&a.path);
            let rel = rel.trim_start_matches(['/', '\\']).replace('\\', "/");
            (rel, library.article(a.id).unwrap().unwrap())
        })
        .collect()
}

#[test]
fn every_sample_article_is_imported_and_the_broken_file_reported() {
    let (_dir, _path, library, report) = common::sample_library();
    let expected = common::expected();
    let articles = expected["articles"].as_array().unwrap();
    assert_eq!(
        report.imported,
        articles.len(),
        "problems: {:#?}",
        report.problems
    );
    assert_eq!(report.skipped_duplicates, 0);
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    assert!(report.problems[0].path.ends_with("truncated.json"));
    assert!(
        report.problems[0].reason.contains("invalid JSON"),
        "{}",
        report.problems[0].reason
    );
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn sample_articles_have_their_outlet_title_date_encoding_and_language() {
    let (_dir, _path, library, report) = common::sample_library();
    let imported = by_manifest_path(&library, &report);
    let mut wrong = Vec::new();
    for e in common::expected()["articles"].as_array().unwrap() {
        let path = e["path"].as_str().unwrap();
        let Some(a) = imported.get(path) else {
            wrong.push(format!("{path}: not imported"));
            continue;
        };
        let mut check = |what: &str, got: Option<&str>, want: Option<&str>| {
            if got != want {
                wrong.push(format!("{path}: {what} is {got:?}, expected {want:?}"));
            }
        };
        check("outlet", Some(&a.outlet), e["outlet"].as_str());
        check("title", Some(&a.title), e["title"].as_str());
        check("published", a.published.as_deref(), e["published"].as_str());
        let source = e["date_source"].as_str().filter(|s| *s != "none");
        check("date source", a.date_source.as_deref(), source);
        check("encoding", a.encoding.as_deref(), e["encoding"].as_str());
        check("language", a.language.as_deref(), e["language"].as_str());
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn each_messy_reality_in_the_sample_is_cut_with_its_reason() {
    let (_dir, _path, library, report) = common::sample_library();
    let imported = by_manifest_path(&library, &report);
    let reasons: HashMap<&str, &str> = [
        ("repeated_title", reason::REPEATED_HEADLINE),
        ("caption", reason::CAPTION),
        ("gallery_counter", reason::GALLERY),
        ("comments", reason::COMMENTS),
        ("appended_story", reason::APPENDED_STORY),
        ("author_bio", reason::AUTHOR_BIO),
        ("login_prompt", reason::LOGIN),
        ("share_widget", reason::SHARE_WIDGET),
    ]
    .into_iter()
    .collect();
    let mut missed = Vec::new();
    for e in common::expected()["articles"].as_array().unwrap() {
        let path = e["path"].as_str().unwrap();
        let a = &imported[path];
        for messy in e["messy"].as_array().unwrap() {
            let messy = messy.as_str().unwrap();
            match reasons.get(messy) {
                Some(why) => {
                    if !a.removed.iter().any(|s| s.reason == *why) {
                        missed.push(format!(
                            "{path}: no '{why}' cut; cuts: {:?}",
                            a.removed
                                .iter()
                                .map(|s| (&s.reason, s.text.chars().take(40).collect::<String>()))
                                .collect::<Vec<_>>()
                        ));
                    }
                }
                None if messy == "crlf" => assert!(!a.body.contains('\r'), "{path}"),
                None if messy == "navigation" => {
                    assert!(a.raw.len() > a.full_text.len(), "{path}: raw page kept");
                }
                None => missed.push(format!("{path}: unknown messy tag {messy}")),
            }
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

#[test]
fn cleaning_keeps_every_body_and_cuts_nothing_from_clean_articles() {
    let (_dir, _path, library, report) = common::sample_library();
    let imported = by_manifest_path(&library, &report);
    for e in common::expected()["articles"].as_array().unwrap() {
        let path = e["path"].as_str().unwrap();
        let a = &imported[path];
        assert!(
            a.word_count >= 100,
            "{path}: only {} words left after cleaning:\n{}",
            a.word_count,
            a.body
        );
        let messy = e["messy"].as_array().unwrap();
        let cut_reasons: Vec<&str> = a
            .removed
            .iter()
            .map(|s| s.reason.as_str())
            .filter(|r| {
                ![
                    reason::HEADLINE,
                    reason::REPEATED_HEADLINE,
                    reason::DATE_LINE,
                ]
                .contains(r)
            })
            .collect();
        if messy.is_empty() {
            assert!(
                cut_reasons.is_empty(),
                "{path}: a clean article lost {cut_reasons:?}"
            );
        }
    }
}

#[test]
fn reimporting_the_sample_adds_nothing() {
    let (_dir, _path, mut library, first) = common::sample_library();
    let again = triangulate_core::import::import_paths(
        &mut library,
        &[common::sample_dir()],
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    assert_eq!(again.imported, 0);
    assert_eq!(again.skipped_duplicates, first.imported);
    assert_eq!(library.counts().unwrap().articles as usize, first.imported);
}

#[test]
fn the_embedded_sample_matches_the_sample_folder() {
    let (_dir, _path, mut library) = common::temp_library();
    let report = triangulate_core::sample::load_sample(
        &mut library,
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    assert_eq!(
        report.imported,
        common::expected()["articles"].as_array().unwrap().len()
    );
    assert_eq!(report.problems.len(), 1);
    let outlets = library.outlets().unwrap();
    assert_eq!(
        outlets.len(),
        common::expected()["outlets"].as_array().unwrap().len()
    );
    assert!(outlets.iter().all(|o| !o.name_is_guess), "{outlets:?}");
}

#[test]
fn restoring_a_removed_span_puts_it_back_in_the_body_and_the_index() {
    let (_dir, _path, mut library, report) = common::sample_library();
    let article = report
        .articles
        .iter()
        .map(|a| library.article(a.id).unwrap().unwrap())
        .find(|a| a.removed.iter().any(|s| s.reason == reason::COMMENTS))
        .expect("the sample has an article with comments");
    let span = article
        .removed
        .iter()
        .find(|s| s.reason == reason::COMMENTS)
        .unwrap();
    let probe: String = span
        .text
        .split_whitespace()
        .take(30)
        .collect::<Vec<_>>()
        .join(" ");
    let finds = |library: &triangulate_core::Library| {
        library
            .search(&probe, 100)
            .unwrap()
            .iter()
            .any(|h| h.id == article.id)
    };
    assert!(!article.body.contains(span.text.trim()));
    assert!(!finds(&library), "cut text is not searchable");

    library.set_span_restored(span.id, true).unwrap();
    let restored = library.article(article.id).unwrap().unwrap();
    assert!(
        restored.body.contains(span.text.trim()),
        "restored body:\n{}",
        restored.body
    );
    assert!(restored.word_count > article.word_count);
    assert!(finds(&library), "restored text is searchable");
    assert!(library.check().unwrap().is_sound());

    library.set_span_restored(span.id, false).unwrap();
    let cut_again = library.article(article.id).unwrap().unwrap();
    assert_eq!(cut_again.body, article.body);
    assert!(!finds(&library));
}
