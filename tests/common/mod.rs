//! Helpers shared by the integration and UI tests: temporary libraries and the sample's manifest.
//! Only the core here, so the integration tests link no window; the UI harness is in tests/ui.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use triangulate_core::Library;
use triangulate_core::jobs::Progress;

/// The sample folder shipped in assets/.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample")
}

/// The sample's manifest: which file is which article, incident and copy.
pub fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(sample_dir().join("expected.json"))
        .expect("expected.json is readable");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// The sample's incidents as expected.json lists them: (key, article paths relative to the
/// sample folder; `posts.json#0` names the first article of a JSON array).
pub fn expected_incidents() -> Vec<(String, Vec<String>)> {
    expected()["incidents"]
        .as_array()
        .expect("incidents in expected.json")
        .iter()
        .map(|i| {
            let key = i["key"].as_str().expect("an incident key").to_string();
            let paths = i["articles"]
                .as_array()
                .expect("an incident's articles")
                .iter()
                .map(|p| p.as_str().expect("an article path").to_string())
                .collect();
            (key, paths)
        })
        .collect()
}

/// The ids of an incident's reports.
pub fn incident_members(
    library: &Library,
    incident: triangulate_core::model::Id,
) -> Vec<triangulate_core::model::Id> {
    library
        .incident(incident)
        .expect("the incident reads")
        .expect("the incident exists")
        .reports
        .iter()
        .map(|r| r.article.id)
        .collect()
}

/// A new, empty library in a temporary folder (kept alive by the returned guard).
pub fn temp_library() -> (tempfile::TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite");
    let library = Library::open(&path).expect("a new library opens");
    (dir, path, library)
}

/// A temporary library with the sample folder imported from disk, and the sample's invented
/// world (its actors, sources and places) as a library made from the sample has it.
pub fn sample_library() -> (
    tempfile::TempDir,
    PathBuf,
    Library,
    triangulate_core::import::ImportReport,
) {
    let (dir, path, mut library) = temp_library();
    let report = triangulate_core::import::import_paths(
        &mut library,
        &[sample_dir()],
        &Default::default(),
        &Progress::new(),
    )
    .expect("the sample imports");
    triangulate_core::sample::add_world(&mut library).expect("the sample's world is added");
    (dir, path, library, report)
}

/// Runs the binary under test on the library at `library` with `args`.
pub fn run(library: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(binary())
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The one JSON document a successful command printed.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// The path of the binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_triangulate")
}

/// A temporary library file with the sample articles loaded.
pub fn sample_library_file() -> (tempfile::TempDir, PathBuf) {
    let (dir, path, mut library) = temp_library();
    triangulate_core::sample::load_sample(&mut library, &Progress::new())
        .expect("the sample loads");
    (dir, path)
}

/// The id of the article of `outlet` whose title starts with `title`.
pub fn article_id(library: &Library, outlet: &str, title: &str) -> triangulate_core::model::Id {
    library
        .articles(&Default::default())
        .expect("articles")
        .into_iter()
        .find(|a| a.outlet == outlet && a.title.starts_with(title))
        .unwrap_or_else(|| panic!("no article of {outlet} titled {title:?}"))
        .id
}

/// A same-incident suggestion of `articles` as the engine would store it, proposing an incident
/// titled `title`.
pub fn same_incident(
    articles: &[triangulate_core::model::Id],
    score: f64,
    title: &str,
) -> triangulate_core::library::NewSuggestion {
    let mut articles = articles.to_vec();
    articles.sort_unstable();
    triangulate_core::library::NewSuggestion {
        kind: "same_incident".into(),
        articles,
        score,
        evidence: vec![
            "both name Qasr al-Nahr".into(),
            "published within a day of each other".into(),
        ],
        proposal: Some(triangulate_core::model::IncidentFields {
            title: title.into(),
            date: Some("2025-03-14".into()),
            place: Some("Qasr al-Nahr".into()),
            summary: String::new(),
        }),
    }
}

/// Puts `suggestions` in the queue of the library at `path`, as a linking run would.
pub fn seed_suggestions(path: &Path, suggestions: &[triangulate_core::library::NewSuggestion]) {
    let mut library = Library::open(path).expect("the library opens");
    let mut kinds: Vec<&str> = suggestions.iter().map(|s| s.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    library
        .refresh_suggestions(&kinds, suggestions, None)
        .expect("the suggestions are stored");
}

/// Makes an incident at Qasr al-Nahr by hand, linked by "ana", as the tests' analyst would.
pub fn make_incident(
    library: &mut Library,
    title: &str,
    date: &str,
    articles: &[triangulate_core::model::Id],
) -> triangulate_core::model::Id {
    library
        .create_incident(
            &triangulate_core::model::IncidentFields {
                title: title.into(),
                date: Some(date.into()),
                place: Some("Qasr al-Nahr".into()),
                summary: String::new(),
            },
            articles,
            "ana",
            "by hand",
        )
        .expect("the incident is made")
        .0
}

/// The corroboration fixtures: invented outlets' reports of one invented convoy ambush.
pub fn corroboration_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corroboration")
}

/// A temporary library with the corroboration fixtures imported (and no linking run).
pub fn corroboration_library() -> (tempfile::TempDir, PathBuf, Library) {
    let (dir, path, mut library) = temp_library();
    let report = triangulate_core::import::import_paths(
        &mut library,
        &[corroboration_fixtures()],
        &Default::default(),
        &Progress::new(),
    )
    .expect("the corroboration fixtures import");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // The fixtures report an incident of the sample's invented world.
    triangulate_core::sample::add_world(&mut library).expect("the sample's world is added");
    (dir, path, library)
}

/// The id of the one article of `outlet`.
pub fn outlet_article(library: &Library, outlet: &str) -> triangulate_core::model::Id {
    let found: Vec<_> = library
        .articles(&Default::default())
        .expect("articles")
        .into_iter()
        .filter(|a| a.outlet == outlet)
        .collect();
    assert_eq!(found.len(), 1, "one article of {outlet}");
    found[0].id
}

/// One text compared on its own, as the Compare view reads a report: its claims, sources and
/// names.
pub fn report_alone(
    body: String,
    lexicon: &triangulate_core::analysis::Lexicon,
    gazetteer: &triangulate_core::analysis::Gazetteer,
) -> triangulate_core::compare::Report {
    use triangulate_core::compare::{IncidentHeader, ReportInput, compare};
    let input = ReportInput {
        article_id: 1,
        outlet: String::new(),
        grade: None,
        headline: String::new(),
        published: None,
        body,
        set_apart: Vec::new(),
    };
    compare(IncidentHeader::default(), &[input], lexicon, gazetteer)
        .reports
        .into_iter()
        .next()
        .expect("a comparison of one text has its report")
}

/// Records `analyst`'s grade of the outlet called `outlet`, with a rationale.
pub fn rate(library: &mut Library, outlet: &str, analyst: &str, grade: &str, rationale: &str) {
    let outlet_id = library.outlet_id(outlet).unwrap().expect("a sample outlet");
    library
        .add_rating(&triangulate_core::ratings::NewRating {
            outlet_id,
            analyst: analyst.into(),
            grade: Some(grade.parse().unwrap()),
            rationale: rationale.into(),
            ..Default::default()
        })
        .unwrap();
}

/// Makes three of the sample's reports of the March shelling of Qasr al-Nahr, those the report
/// goldens show, one incident; returns its id.
pub fn march_shelling_incident(library: &mut Library) -> triangulate_core::model::Id {
    let mut ids: Vec<_> = library
        .articles_by_path_suffix()
        .unwrap()
        .into_iter()
        .filter(|(p, _)| {
            p.contains("qasr-al-nahr-shelling.txt")
                || p.contains("kasr-el-nahr-terrorist-mortar-attack")
                || p.contains("2025-03-14-qasr-an-nahr-shelling")
        })
        .map(|(_, id)| id)
        .collect();
    ids.sort_unstable();
    make_incident(library, "Shelling of Qasr al-Nahr", "2025-03-14", &ids)
}
