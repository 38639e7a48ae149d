//! Exported reports on a temporary library with the sample: golden files for HTML, Markdown, CSV
//! and JSON (`tests/snapshots/`), text from articles coming out inert, the same bytes on re-export
//! but for the timestamp, and `triangulate report` writing the file.

use crate::common;

use triangulate::Library;
use triangulate::compare::{IncidentHeader, ReportInput, compare};
use triangulate::report::{Format, ReportDocument, render};

/// The sample's March shelling as an incident, exported by "tester" at a fixed time, with the
/// machine-specific parts of provenance (where the repository is, when it was imported) fixed.
fn march_shelling_document(prepared_at: &str) -> ReportDocument {
    let (_dir, _path, mut library, _) = common::sample_library();
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
    let incident =
        common::make_incident(&mut library, "Shelling of Qasr al-Nahr", "2025-03-14", &ids);
    let comparison = library.compare_incident(incident).unwrap();
    let mut doc = library
        .report_document(comparison, "tester", prepared_at)
        .unwrap();
    let root = common::sample_dir().to_string_lossy().replace('\\', "/");
    for p in &mut doc.provenance {
        p.source_path = p
            .source_path
            .replace('\\', "/")
            .replace(&root, "assets/sample");
        p.imported_at = "2026-01-01T00:00:00Z".into();
    }
    doc
}

#[test]
fn the_sample_incident_renders_as_in_the_golden_files() {
    let doc = march_shelling_document("2026-01-02T03:04:05Z");
    insta::assert_snapshot!("march_shelling_md", render(&doc, Format::Markdown).unwrap());
    insta::assert_snapshot!("march_shelling_csv", render(&doc, Format::Csv).unwrap());
    insta::assert_snapshot!("march_shelling_json", render(&doc, Format::Json).unwrap());
    insta::assert_snapshot!("march_shelling_html", render(&doc, Format::Html).unwrap());
}

#[test]
fn re_exporting_gives_the_same_bytes_but_for_the_timestamp() {
    let a = march_shelling_document("2026-01-02T03:04:05Z");
    let b = march_shelling_document("2026-02-03T04:05:06Z");
    for format in Format::ALL {
        let first = render(&a, format).unwrap();
        let second = render(&b, format)
            .unwrap()
            .replace("2026-02-03T04:05:06Z", "2026-01-02T03:04:05Z");
        assert_eq!(first, second, "{format:?}");
    }
}

/// A report on two invented articles whose text tries to be markup.
fn hostile_document() -> ReportDocument {
    let input = |id, headline: &str, body: &str| ReportInput {
        article_id: id,
        outlet: "Outlet <i>One</i> | *Two*".into(),
        grade: None,
        headline: headline.into(),
        published: Some("2025-03-14".into()),
        body: body.into(),
    };
    let comparison = compare(
        IncidentHeader {
            title: "Raid on <b>Tell Hamra</b>".into(),
            ..Default::default()
        },
        &[
            input(
                1,
                "<script>alert(1)</script> kills 7",
                "Shelling killed 7 people, [click](http://evil.example) **now** # not a heading | x.",
            ),
            input(
                2,
                "Second, \"quoted\" report",
                "A raid killed 9 people,\nsaid \"witnesses\", on Friday.",
            ),
        ],
        &triangulate::analysis::Lexicon::built_in(),
        &triangulate::analysis::Gazetteer::built_in(),
    );
    ReportDocument {
        comparison,
        provenance: Vec::new(),
        ratings: Vec::new(),
        prepared_by: "<img src=x onerror=alert(1)>".into(),
        prepared_at: "2026-01-02T03:04:05Z".into(),
    }
}

#[test]
fn article_text_comes_out_inert_in_markdown() {
    let md = render(&hostile_document(), Format::Markdown).unwrap();
    assert!(!md.contains("<script>") && !md.contains("<img") && !md.contains("<b>"));
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(!md.contains("[click](http"), "no live link: {md}");
    assert!(!md.contains("**now**"), "no live emphasis: {md}");
    // Every table row still has as many cells as the header: no "|" from the text splits one.
    for line in md.lines().filter(|l| l.starts_with("| **")) {
        let cells = line.matches(" |").count();
        assert_eq!(cells, 3, "{line}");
    }
}

#[test]
fn article_text_stays_inside_its_csv_cells() {
    let csv_text = render(&hostile_document(), Format::Csv).unwrap();
    let tables: Vec<&str> = csv_text.split("\n\n").collect();
    let [claims, reports, corroboration, missing] = tables[..] else {
        panic!("four tables: {csv_text}");
    };
    let mut rows = csv::Reader::from_reader(reports.as_bytes());
    let headlines: Vec<String> = rows
        .records()
        .map(|r| r.unwrap().get(4).unwrap().to_string())
        .collect();
    assert_eq!(
        headlines,
        [
            "<script>alert(1)</script> kills 7",
            "Second, \"quoted\" report"
        ]
    );
    for table in [claims, corroboration, missing] {
        assert!(
            csv::Reader::from_reader(table.as_bytes())
                .records()
                .all(|r| r.is_ok())
        );
    }
}

#[test]
fn the_report_command_writes_each_format() {
    let (dir, path) = common::sample_library_file();
    let ids = {
        let library = Library::open(&path).unwrap();
        vec![
            common::article_id(&library, "Meridian Wire", "Shelling kills at least 19"),
            common::article_id(
                &library,
                "Qadira National Broadcasting",
                "Four citizens martyred",
            ),
        ]
    };
    let incident = common::make_incident(
        &mut Library::open(&path).unwrap(),
        "Shelling",
        "2025-03-14",
        &ids,
    );
    for format in ["html", "md", "csv", "json"] {
        let out = dir.path().join(format!("report.{format}"));
        let status = std::process::Command::new(common::binary())
            .args([
                "--library",
                path.to_str().unwrap(),
                "report",
                &incident.to_string(),
            ])
            .args([
                "--format",
                format,
                "--analyst",
                "tester",
                "--out",
                out.to_str().unwrap(),
            ])
            .status()
            .unwrap();
        assert!(status.success(), "{format}");
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("Meridian Wire"), "{format}");
    }
    let bad = std::process::Command::new(common::binary())
        .args([
            "--library",
            path.to_str().unwrap(),
            "report",
            &incident.to_string(),
        ])
        .args(["--format", "pdf"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown report format"));
}
