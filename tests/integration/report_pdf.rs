//! The PDF report, read back as a reader's tools read it: `pdftotext` (poppler-utils) must find
//! the title, every report's outlet, headline and figures, the analysts' names, and text in
//! Cyrillic and Arabic as text. Without pdftotext on PATH those checks are skipped with a note;
//! that the file is a PDF, and that the command line writes it only to a file, are always
//! checked.

use std::path::Path;
use std::process::Command;

use triangulate_core::Library;
use triangulate_core::compare::{IncidentHeader, ReportInput, compare};
use triangulate_core::report::{Format, OutletRating, ReportDocument, render_bytes};

use crate::common;

/// The text `pdftotext` reads from `pdf`, its whitespace folded to single spaces; `None` when
/// pdftotext is not installed.
fn pdf_text(pdf: &Path) -> Option<String> {
    let out = match Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            eprintln!(
                "note: pdftotext (poppler-utils) is not on PATH; the PDF's text is not checked"
            );
            return None;
        }
    };
    assert!(
        out.status.success(),
        "pdftotext reads the report: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(fold(&String::from_utf8_lossy(&out.stdout)))
}

/// `text` with its whitespace folded to single spaces and the direction marks pdftotext puts
/// around right-to-left text taken out.
fn fold(text: &str) -> String {
    text.replace(
        [
            '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
        ],
        "",
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

fn assert_has(text: &str, wanted: &str) {
    let wanted = fold(wanted);
    assert!(
        text.contains(&wanted),
        "the PDF's text has {wanted:?}; it reads:\n{text}"
    );
}

/// Five invented reports of one invented shelling, one in Russian and one naming a party in
/// Arabic.
fn inputs() -> Vec<ReportInput> {
    let report = |id, outlet: &str, grade: Option<&str>, headline: &str, body: &str| ReportInput {
        article_id: id,
        outlet: outlet.into(),
        grade: grade.map(str::to_string),
        headline: headline.into(),
        published: Some("2025-05-06T14:30:00Z".into()),
        body: body.into(),
        set_apart: Vec::new(),
    };
    vec![
        report(
            1,
            "Meridian Wire",
            Some("B"),
            "Shelling kills 9 at Wadi Sarab market",
            "WADI SARAB, May 6 (Meridian Wire) — Shelling killed 9 people and wounded 21 at a \
             market in Wadi Sarab on Tuesday, local officials said, blaming Northern Shield \
             Forces.\n\nThe market had reopened only a week earlier after months of closure.",
        ),
        report(
            2,
            "Qadira State Television",
            None,
            "Army neutralises mortar crews after attack on Wadi Sarab",
            "Separatist gangs reportedly shelled Wadi Sarab on Wednesday, killing 4 citizens, \
             the national army said in a statement.",
        ),
        report(
            3,
            "Вестник Долины",
            Some("D"),
            "Обстрел рынка в Вади-Сараб: погибли 12 человек",
            "ВАДИ-САРАБ — В результате обстрела рынка в Вади-Сараб погибли 12 человек и ещё 30 \
             получили ранения, сообщили местные власти.",
        ),
        report(
            4,
            "Sandgrouse Forum",
            Some("E"),
            "Market attack: the Moon Front (جبهة القمر) blamed",
            "At least 15 people were killed at the market, residents said, and the group known \
             in Arabic as جبهة القمر was blamed by the army.",
        ),
        report(
            5,
            "Valley Courier",
            Some("C"),
            "Dozens hurt as shells hit Wadi Sarab market; toll rises to 11",
            "The toll of Tuesday's shelling of the Wadi Sarab market rose to 11 dead and 40 \
             wounded, the civil defence said on Wednesday.",
        ),
    ]
}

fn document() -> ReportDocument {
    let incident = IncidentHeader {
        id: Some(5),
        title: "Shelling of Wadi Sarab market".into(),
        date: Some("2025-05-06".into()),
        place: Some("Wadi Sarab".into()),
        summary: "Five reports that differ on the toll and on who fired.".into(),
    };
    let comparison = compare(
        incident,
        &inputs(),
        &triangulate_core::library::world::sample_lexicon(),
        &triangulate_core::library::world::sample_gazetteer(),
    );
    ReportDocument {
        comparison,
        provenance: Vec::new(),
        ratings: vec![OutletRating {
            outlet: "Meridian Wire".into(),
            analyst: "Дарья".into(),
            grade: "B".into(),
            rationale: "Corrects errors openly; names its sources.".into(),
            rated_at: "2026-12-06T19:42:00Z".into(),
        }],
        prepared_by: "tester".into(),
        prepared_at: "2026-12-06T19:42:05Z".into(),
        working: Default::default(),
    }
}

/// Whether `text` has letters written right to left.
fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| ('\u{0590}'..='\u{08ff}').contains(&c))
}

/// Every report's outlet, headline and figures (as the claims table writes them). pdftotext
/// gives a line that mixes directions in an order of its own, with direction marks: such a
/// headline is looked for word by word.
fn assert_every_report_is_there(text: &str, doc: &ReportDocument) {
    for r in &doc.comparison.reports {
        assert_has(text, &r.outlet);
        if has_rtl(&r.headline) {
            for word in r.headline.split_whitespace() {
                assert_has(text, word.trim_matches(|c| c == '(' || c == ')'));
            }
        } else {
            assert_has(text, &r.headline);
        }
        for claim in &r.claims {
            assert_has(text, &claim.number_text());
        }
    }
}

#[test]
fn a_pdf_report_of_five_articles_holds_every_headline_and_figure_as_text() {
    let doc = document();
    let bytes = render_bytes(&doc, Format::Pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert!(
        doc.comparison.reports.iter().all(|r| !r.claims.is_empty()),
        "every invented report gives a figure"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let Some(text) = pdf_text(&path) else {
        return;
    };
    assert_has(
        &text,
        "Comparison of reports: Shelling of Wadi Sarab market",
    );
    assert_has(&text, "Prepared by tester on 6 Dec 2026, 19:42 UTC.");
    assert_every_report_is_there(&text, &doc);
    // Cyrillic and Arabic come out as the letters they are.
    assert_has(&text, "Обстрел рынка в Вади-Сараб");
    assert_has(&text, "Дарья");
    // Arabic letters come out joined on the page and as the letters they are in the text. (The
    // name has no lam-alef: poppler reverses the two letters of that ligature, whose ToUnicode
    // entry is right.)
    assert_has(&text, "جبهة القمر");
    // The full texts are in it, open.
    assert_has(&text, "The market had reopened only a week earlier");
}

#[test]
fn the_same_document_gives_the_same_pdf() {
    let doc = document();
    assert_eq!(
        render_bytes(&doc, Format::Pdf).unwrap(),
        render_bytes(&doc, Format::Pdf).unwrap()
    );
}

#[test]
fn the_report_command_writes_the_sample_incident_as_a_pdf() {
    let (dir, path) = common::sample_library_file();
    let incident = common::march_shelling_incident(&mut Library::open(&path).unwrap());
    let out = dir.path().join("shelling.pdf");
    let output = common::run(
        &path,
        &[
            "report",
            &incident.to_string(),
            "--format",
            "pdf",
            "--analyst",
            "tester",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty(), "nothing on standard output");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&out) else {
        return;
    };
    let library = Library::open(&path).unwrap();
    let comparison = triangulate_core::compare::compare_incident(&library, incident).unwrap();
    let doc =
        triangulate_core::report::report_document(&library, comparison, "tester", "2026-01-01")
            .unwrap();
    assert_has(&text, "Comparison of reports: Shelling of Qasr al-Nahr");
    assert_every_report_is_there(&text, &doc);
}

#[test]
fn a_pdf_is_written_only_to_a_file() {
    let (_dir, path) = common::sample_library_file();
    let incident = {
        let mut library = Library::open(&path).unwrap();
        let ids = vec![
            common::article_id(&library, "Meridian Wire", "Shelling kills at least 19"),
            common::article_id(
                &library,
                "Qadira National Broadcasting",
                "Four citizens martyred",
            ),
        ];
        common::make_incident(&mut library, "Shelling", "2025-03-14", &ids)
    };
    let output = common::run(&path, &["report", &incident.to_string(), "--format", "pdf"]);
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "no PDF bytes on the terminal");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("--out FILE"), "{err}");
}
