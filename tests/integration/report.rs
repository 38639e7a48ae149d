//! Exported reports on a temporary library with the sample: golden files for HTML, Markdown, CSV
//! and JSON (`tests/snapshots/`), text from articles and analysts' notes coming out inert, the
//! analysts' tags and notes in every format (a noted passage marked in its context, even when its
//! stored place no longer fits), the same bytes on re-export but for the timestamp, and
//! `triangulate report` writing the file.

use crate::common;

use triangulate_core::Library;
use triangulate_core::compare::{IncidentHeader, ReportInput, compare};
use triangulate_core::library::NewNote;
use triangulate_core::model::{Id, Target, TargetKind};
use triangulate_core::report::{Format, PassageFound, ReportDocument, render};

/// The words of Meridian Wire's report the golden fixture's passage note marks.
const NOTED_WORDS: &str = "killing at least 19 people and wounding dozens more";

/// The sample's March shelling as an incident, with the analysts' working layer on it: a tag and
/// a note on the incident, a note on a passage of Meridian Wire's report, and a tag and a note on
/// Meridian Wire. Returns the library and the incident.
fn march_shelling() -> (tempfile::TempDir, std::path::PathBuf, Library, Id) {
    let (dir, path, mut library, _) = common::sample_library();
    let incident = common::march_shelling_incident(&mut library);
    library
        .tag(TargetKind::Incident, &[incident], "toll disputed", "ana")
        .unwrap();
    note(
        &mut library,
        Target::Incident(incident),
        None,
        "Ask the hospital for its own count before the brief.",
    );
    let wire = common::article_id(&library, "Meridian Wire", "Shelling kills at least 19");
    note(
        &mut library,
        Target::Article(wire),
        Some(NOTED_WORDS),
        "The only figure from a named medical source.",
    );
    let outlet = library.outlet_id("Meridian Wire").unwrap().unwrap();
    library
        .tag(TargetKind::Outlet, &[outlet], "wire service", "ana")
        .unwrap();
    note(
        &mut library,
        Target::Outlet(outlet),
        None,
        "Says when it could not verify a figure.",
    );
    (dir, path, library, incident)
}

/// Adds a note by "ana"; on an article, on the passage `words` when given.
fn note(library: &mut Library, target: Target, words: Option<&str>, text: &str) -> Id {
    let span = words.map(|w| span_of(library, target.id(), w));
    library
        .add_note(&NewNote {
            target,
            span,
            author: "ana".into(),
            text: text.into(),
        })
        .unwrap()
}

/// The byte range of `words` in article `id`'s full text.
fn span_of(library: &Library, id: Id, words: &str) -> (usize, usize) {
    let full = library.article(id).unwrap().unwrap().full_text;
    let start = full
        .find(words)
        .unwrap_or_else(|| panic!("{words:?} is in article {id}"));
    (start, start + words.len())
}

/// The report of `incident` by "tester" at `prepared_at`, with the machine-specific parts of
/// provenance (where the repository is, when it was imported) and the notes' times fixed.
fn document_of(library: &Library, incident: Id, prepared_at: &str) -> ReportDocument {
    let comparison = triangulate_core::compare::compare_incident(library, incident).unwrap();
    let mut doc =
        triangulate_core::report::report_document(library, comparison, "tester", prepared_at)
            .unwrap();
    let root = common::sample_dir().to_string_lossy().replace('\\', "/");
    for p in &mut doc.provenance {
        p.source_path = p
            .source_path
            .replace('\\', "/")
            .replace(&root, "assets/sample");
        p.imported_at = "2026-01-01T00:00:00Z".into();
    }
    let w = &mut doc.working;
    for a in w
        .incident
        .iter_mut()
        .chain(&mut w.reports)
        .chain(&mut w.outlets)
    {
        for (n, note) in a.notes.iter_mut().enumerate() {
            note.created_at = format!("2026-01-01T10:0{n}:00.000Z");
        }
    }
    doc
}

/// The sample's March shelling as an incident with notes and tags, exported by "tester".
fn march_shelling_document(prepared_at: &str) -> ReportDocument {
    let (_dir, _path, library, incident) = march_shelling();
    document_of(&library, incident, prepared_at)
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
    // The PDF's text is compressed: tests/integration/report_pdf.rs checks it gives the same bytes.
    for format in Format::ALL.into_iter().filter(|f| f.is_text()) {
        let first = render(&a, format).unwrap();
        let second = render(&b, format)
            .unwrap()
            .replace("2026-02-03T04:05:06Z", "2026-01-02T03:04:05Z")
            .replace("3 Feb 2026, 04:05 UTC", "2 Jan 2026, 03:04 UTC");
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
        set_apart: Vec::new(),
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
                "=HYPERLINK(\"http://evil.example\",\"Second\") report",
                "A raid killed 9 people,\nsaid \"witnesses\", on Friday.",
            ),
        ],
        &triangulate_core::library::world::sample_lexicon(),
        &triangulate_core::library::world::sample_gazetteer(),
    );
    ReportDocument {
        comparison,
        provenance: Vec::new(),
        ratings: Vec::new(),
        prepared_by: "<img src=x onerror=alert(1)>".into(),
        prepared_at: "2026-01-02T03:04:05Z".into(),
        working: Default::default(),
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
    let [claims, reports, corroboration, missing, notes] = tables[..] else {
        panic!("five tables: {csv_text}");
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
            // A spreadsheet would run it as a formula: the apostrophe makes it text.
            "'=HYPERLINK(\"http://evil.example\",\"Second\") report"
        ]
    );
    for table in [claims, corroboration, missing, notes] {
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
        .args(["--format", "docx"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown report format"));
}

/// The CSV's tables, split at the blank lines between them.
fn csv_tables(text: &str) -> Vec<Vec<csv::StringRecord>> {
    text.split("\n\n")
        .map(|table| {
            csv::Reader::from_reader(table.as_bytes())
                .records()
                .map(|r| r.expect("every row reads"))
                .collect()
        })
        .collect()
}

#[test]
fn the_incidents_reports_and_outlets_tags_and_notes_are_in_every_format() {
    let doc = march_shelling_document("2026-01-02T03:04:05Z");
    let incident_note = "Ask the hospital for its own count before the brief.";
    let passage_note = "The only figure from a named medical source.";
    let outlet_note = "Says when it could not verify a figure.";

    let html = render(&doc, Format::Html).unwrap();
    assert!(html.contains("<h2>Notes and tags</h2>"), "{html}");
    assert!(html.contains(r##"<a href="#notes">Notes and tags</a>"##));
    for text in [
        incident_note,
        passage_note,
        outlet_note,
        "toll disputed",
        "wire service",
    ] {
        assert!(html.contains(text), "{text} in the HTML");
    }
    assert!(
        html.contains(&format!(r#"<mark class="noted">{NOTED_WORDS}</mark>"#)),
        "the passage is marked: {html}"
    );
    assert!(html.contains("<strong>ana</strong>, <time datetime=\"2026-01-01T10:00:00.000Z\">"));

    let md = render(&doc, Format::Markdown).unwrap();
    assert!(md.contains("## Notes and tags"), "{md}");
    assert!(
        md.contains("### Incident: Shelling of Qasr al-Nahr"),
        "{md}"
    );
    assert!(md.contains("Tags: toll disputed"), "{md}");
    assert!(md.contains("### Outlet: Meridian Wire"), "{md}");
    assert!(md.contains(&format!(
        "- **ana**, 1 Jan 2026, 10:00 UTC: {incident_note}"
    )));
    let quoted = md
        .lines()
        .find(|l| l.contains(&format!("**{NOTED_WORDS}**")))
        .unwrap_or_else(|| panic!("the passage in bold: {md}"));
    assert!(
        quoted.starts_with("  > … ") || quoted.starts_with("  > "),
        "{quoted}"
    );
    assert!(
        quoted.contains("Friday evening,"),
        "with the words before it: {quoted}"
    );

    let tables = csv_tables(&render(&doc, Format::Csv).unwrap());
    assert_eq!(tables.len(), 5);
    let rows: Vec<Vec<&str>> = tables[4].iter().map(|r| r.iter().collect()).collect();
    let find = |entry: &str, text: &str| {
        rows.iter()
            .find(|r| r[3] == entry && r[7] == text)
            .unwrap_or_else(|| panic!("{entry} {text:?} in {rows:?}"))
            .clone()
    };
    assert_eq!(find("tag", "toll disputed")[0], "incident");
    assert_eq!(find("tag", "wire service")[0], "outlet");
    let row = find("note", incident_note);
    assert_eq!(
        (row[0], row[2], row[4]),
        ("incident", "Shelling of Qasr al-Nahr", "ana")
    );
    assert_eq!(row[5], "2026-01-01T10:00:00.000Z");
    let row = find("passage note", passage_note);
    assert_eq!((row[0], row[8]), ("article", NOTED_WORDS));
    assert_eq!(find("note", outlet_note)[2], "Meridian Wire");

    let json: serde_json::Value =
        serde_json::from_str(&render(&doc, Format::Json).unwrap()).unwrap();
    let w = &json["working"];
    assert_eq!(w["incident"]["tags"][0], "toll disputed");
    assert_eq!(w["incident"]["notes"][0]["text"], incident_note);
    assert_eq!(w["incident"]["target"]["kind"], "incident");
    let passage = &w["reports"][0]["notes"][0]["passage"];
    assert_eq!(passage["found"], "span");
    assert_eq!(passage["text"], NOTED_WORDS);
    assert_eq!(w["outlets"][0]["label"], "Meridian Wire");
    assert_eq!(w["outlets"][0]["notes"][0]["author"], "ana");
    let back: ReportDocument = serde_json::from_value(json).unwrap();
    assert_eq!(back.working, doc.working);
}

#[test]
fn a_report_without_tags_or_notes_has_no_notes_section() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let ids = vec![
        common::article_id(&library, "Meridian Wire", "Shelling kills at least 19"),
        common::article_id(
            &library,
            "Qadira National Broadcasting",
            "Four citizens martyred",
        ),
    ];
    let incident = common::make_incident(&mut library, "Shelling", "2025-03-14", &ids);
    let doc = document_of(&library, incident, "2026-01-02T03:04:05Z");
    assert!(doc.working.is_empty());
    assert!(
        !render(&doc, Format::Html)
            .unwrap()
            .contains("Notes and tags")
    );
    assert!(
        !render(&doc, Format::Markdown)
            .unwrap()
            .contains("Notes and tags")
    );
    let tables = csv_tables(&render(&doc, Format::Csv).unwrap());
    assert_eq!(tables.len(), 5, "the notes table is there, empty");
    assert!(tables[4].is_empty());
}

#[test]
fn analysts_notes_and_tags_come_out_inert_in_every_format() {
    let (_dir, _path, mut library, incident) = march_shelling();
    let hostile = "<script>alert(\"note\")</script> **now** [link](http://evil.example) | pipe, \"quoted\", comma\n\n# second paragraph\n=cmd";
    note(&mut library, Target::Incident(incident), None, hostile);
    library
        .tag(TargetKind::Incident, &[incident], "<b>check</b>|*x*", "ana")
        .unwrap();
    let doc = document_of(&library, incident, "2026-01-02T03:04:05Z");

    let html = render(&doc, Format::Html).unwrap();
    assert!(
        !html.contains("<script>") && !html.contains("<b>check"),
        "{html}"
    );
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(html.contains("&lt;b&gt;check&lt;/b&gt;|*x*"), "{html}");

    let md = render(&doc, Format::Markdown).unwrap();
    assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
    assert!(
        md.contains(
            "&lt;script&gt;alert(\"note\")&lt;/script&gt; \\*\\*now\\*\\* \\[link\\](http://evil.example) \\| pipe, \"quoted\", comma \\# second paragraph =cmd"
        ),
        "{md}"
    );
    assert!(
        md.contains("Tags: &lt;b&gt;check&lt;/b&gt;\\|\\*x\\*"),
        "{md}"
    );
    // Every line of the section is a heading, a list item, a quote, a plain line or blank: the
    // note's own line breaks and "#" did not start a heading of their own.
    let section = &md[md.find("## Notes and tags").unwrap()..md.find("## Provenance").unwrap()];
    assert_eq!(section.matches("\n#").count(), 3, "{section}");

    let text = render(&doc, Format::Csv).unwrap();
    let tables = csv_tables(&text);
    assert_eq!(tables.len(), 5, "no blank line inside a cell: {text}");
    let notes: Vec<&str> = tables[4].iter().map(|r| r.get(7).unwrap()).collect();
    assert!(
        notes.contains(
            &"<script>alert(\"note\")</script> **now** [link](http://evil.example) | pipe, \"quoted\", comma\n# second paragraph\n=cmd"
        ),
        "{notes:?}"
    );
    assert!(notes.contains(&"<b>check</b>|*x*"), "{notes:?}");
}

#[test]
fn a_passage_note_whose_stored_place_no_longer_fits_still_renders() {
    let (_dir, path, mut library, incident) = march_shelling();
    let wire = common::article_id(&library, "Meridian Wire", "Shelling kills at least 19");
    let full = library.article(wire).unwrap().unwrap().full_text;
    let moved = note(
        &mut library,
        Target::Article(wire),
        Some("wounding dozens more"),
        "Its place was moved past the end.",
    );
    let lost = note(
        &mut library,
        Target::Article(wire),
        Some("a doctor at the town"),
        "Its place and its words are gone.",
    );
    let split = note(
        &mut library,
        Target::Article(wire),
        Some("Meridian Wire) —"),
        "Its place starts inside a character.",
    );
    // What a library edited by another program, or a bug, could hold.
    let dash = full.find('—').unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    let end = full.len() as i64;
    for (id, start, stop, quote) in [
        (moved, end + 10, end + 40, None),
        (lost, end + 10, end + 40, Some("words no article has")),
        (split, dash as i64 + 1, dash as i64 + 4, None),
    ] {
        db.execute(
            "UPDATE notes SET span_start = ?1, span_end = ?2, quote = coalesce(?3, quote) WHERE id = ?4",
            rusqlite::params![start, stop, quote, id],
        )
        .unwrap();
    }
    drop(db);

    let doc = document_of(&library, incident, "2026-01-02T03:04:05Z");
    let passages: Vec<_> = doc.working.reports[0]
        .notes
        .iter()
        .filter_map(|n| n.passage.as_ref().map(|p| (n.text.as_str(), p)))
        .collect();
    let found = |text: &str| passages.iter().find(|(t, _)| *t == text).unwrap().1;
    assert_eq!(
        found("Its place was moved past the end.").found,
        PassageFound::Quote
    );
    assert_eq!(
        found("Its place was moved past the end.").text,
        "wounding dozens more"
    );
    assert_eq!(
        found("Its place and its words are gone.").found,
        PassageFound::NotFound
    );
    assert_eq!(
        found("Its place starts inside a character.").found,
        PassageFound::Quote
    );
    for format in Format::ALL.into_iter().filter(|f| f.is_text()) {
        let out = render(&doc, format).unwrap();
        assert!(out.contains("words no article has"), "{format:?}");
    }
    let pdf = triangulate_core::report::render_bytes(&doc, Format::Pdf).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let html = render(&doc, Format::Html).unwrap();
    assert!(html.contains(r#"<mark class="noted">wounding dozens more</mark>"#));
    assert!(html.contains("no longer found in the article"));
    let md = render(&doc, Format::Markdown).unwrap();
    assert!(md.contains("**wounding dozens more**"), "{md}");
    assert!(md.contains("found by its words"), "{md}");
}

#[test]
fn what_a_report_gives_instead_of_missing_facts_is_shown_once_not_on_every_row() {
    let doc = march_shelling_document("2026-01-02T03:04:05Z");
    let html = render(&doc, Format::Html).unwrap();
    let md = render(&doc, Format::Markdown).unwrap();
    let mut repeated = 0;
    for m in &doc.comparison.missing_facts {
        let start = html
            .find(&format!(
                "<h3>{} <span class=\"muted\">article {}</span></h3>",
                m.outlet, m.article_id
            ))
            .expect("the report's missing facts");
        let section = &html[start..];
        let section = &section[..section.find("</table>").unwrap_or(section.len())];
        let md_start = md
            .find(&format!("### {} (article {})", m.outlet, m.article_id))
            .expect("the report's missing facts in Markdown");
        let md_section = &md[md_start..];
        let md_section = &md_section[..md_section[4..]
            .find("\n### ")
            .map_or(md_section.len(), |e| e + 4)];
        let mut insteads: Vec<&str> = m
            .facts
            .iter()
            .filter_map(|f| f.instead.as_deref())
            .collect();
        repeated += insteads.len();
        insteads.sort_unstable();
        insteads.dedup();
        repeated -= insteads.len();
        for instead in insteads {
            assert_eq!(
                section.matches(&format!(">{instead}<")).count(),
                1,
                "{instead:?} in {}",
                m.outlet
            );
            assert_eq!(
                md_section.matches(&format!("| {instead} |")).count(),
                1,
                "{instead:?} in {}",
                m.outlet
            );
        }
    }
    assert!(
        repeated > 0,
        "the sample has facts that share what a report gives instead"
    );
}
