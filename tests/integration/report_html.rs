//! The HTML report on hand-written reports of an invented incident: text from articles, outlets
//! and analysts comes out as visible, inert text; the page fetches nothing; each body comes out
//! whole between its highlights; the golden file pins the page (`tests/snapshots/`); and the same
//! document gives the same bytes.

use triangulate_core::compare::{IncidentHeader, ReportInput, compare};
use triangulate_core::report::{OutletRating, Provenance, ReportDocument, html};

const HOSTILE_HEADLINE: &str = "<script>alert(1)</script> <b>bold</b> claims & \"quotes\" 'single' # *stars* _under_ [link](x) | `tick`";

const HOSTILE_BODY: &str = "WADI SARAB — <script>alert(1)</script> At least 12 people were killed \
and 30 wounded when Northern Shield Forces shelled the market in Wadi Sarab on Tuesday, \
according to the civil defence. <b>bold</b> & \"quoted\" 'single' text.\n\n\
# Not a heading *not emphasis* _nor this_ [not a link](javascript:alert(1)) | not | a table | \
`not code` <img src=x onerror=alert('img')> survivors allegedly said the thugs fired from the hills.\n\n\
The market had reopened only a week earlier after months of closure, traders said, and most of \
the stalls were run by families displaced from the villages to the north.";

const WIRE_BODY: &str = "WADI SARAB, May 6 (Meridian Wire) — Shelling killed 9 people and \
wounded 21 at a market in Wadi Sarab on Tuesday, local officials said, blaming Northern Shield \
Forces.\n\n\
The market had reopened only a week earlier after months of closure, traders said, and most of \
the stalls were run by families displaced from the villages to the north.\n\n\
The Northern Shield denied firing on the town and said the Crescent Front had stored weapons \
near the market, a claim that could not be independently verified.";

const STATE_BODY: &str = "Separatist gangs reportedly shelled Wadi Sarab on Wednesday, killing \
4 citizens, the national army said in a statement.\n\n\
The army said its units had neutralised the mortar crews responsible for the barbaric attack and \
that the town was calm, a claim residents disputed in telephone calls with local journalists.";

fn inputs() -> Vec<ReportInput> {
    vec![
        ReportInput {
            article_id: 11,
            outlet: "The <b>Sandpiper</b> & Co".into(),
            grade: Some("D".into()),
            headline: HOSTILE_HEADLINE.into(),
            published: Some("2025-05-06".into()),
            body: HOSTILE_BODY.into(),
            set_apart: Vec::new(),
        },
        ReportInput {
            article_id: 12,
            outlet: "Meridian Wire".into(),
            grade: Some("B".into()),
            headline: "Shelling kills 9 at Wadi Sarab market".into(),
            published: Some("2025-05-06T14:30:00Z".into()),
            body: WIRE_BODY.into(),
            set_apart: Vec::new(),
        },
        ReportInput {
            article_id: 13,
            outlet: "Qadira State Television".into(),
            grade: None,
            headline: "Army neutralises mortar crews after attack on Wadi Sarab".into(),
            published: Some("2025-05-08".into()),
            body: STATE_BODY.into(),
            set_apart: Vec::new(),
        },
    ]
}

fn document(prepared_at: &str) -> ReportDocument {
    let incident = IncidentHeader {
        id: Some(5),
        title: "Shelling of Wadi Sarab market <i>again</i>".into(),
        date: Some("2025-05-06".into()),
        place: Some("Wadi Sarab".into()),
        summary: "Reports differ on the toll & on who fired: <script>x</script>".into(),
    };
    let comparison = compare(
        incident,
        &inputs(),
        &triangulate_core::library::world::sample_lexicon(),
        &triangulate_core::library::world::sample_gazetteer(),
    );
    let provenance = comparison
        .reports
        .iter()
        .map(|r| Provenance {
            article_id: r.article_id,
            source_path: format!("articles/<{}>&.txt", r.article_id),
            imported_at: "2025-06-01T09:00:00Z".into(),
            content_hash: format!("{:064x}", r.article_id),
        })
        .collect();
    let ratings = vec![
        OutletRating {
            outlet: "Meridian Wire".into(),
            analyst: "dana".into(),
            grade: "B".into(),
            rationale: "Corrects errors openly; names its sources.".into(),
            rated_at: "2025-04-02T10:00:00Z".into(),
        },
        OutletRating {
            outlet: "The <b>Sandpiper</b> & Co".into(),
            analyst: "<script>alert('analyst')</script>".into(),
            grade: "E".into(),
            rationale: "<a href=\"https://example.invalid\">see</a> & repeats rumours".into(),
            rated_at: "2025-04-03T10:00:00Z".into(),
        },
    ];
    ReportDocument {
        comparison,
        provenance,
        ratings,
        prepared_by: "tester <tester@example.invalid>".into(),
        prepared_at: prepared_at.into(),
        working: Default::default(),
    }
}

const PREPARED_AT: &str = "2025-06-02T08:00:00Z";

/// The text inside the element that starts at `marker`, up to the next `</div>`, with notes
/// (`<span class="note">…</span>`) and tags removed and entities decoded.
fn body_text(page: &str, marker: &str) -> String {
    let start = page
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in the page"));
    let rest = &page[start + marker.len()..];
    let inner = &rest[..rest.find("</div>").unwrap()];
    let mut text = String::new();
    let mut rest = inner;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with("<span class=\"note\">") {
            let end = rest.find("</span>").unwrap();
            rest = &rest[end + "</span>".len()..];
        } else {
            // A paragraph's edge separates words, as the blank line did in the body.
            if rest.starts_with("<p") || rest.starts_with("</p") {
                text.push('\n');
            }
            let end = rest.find('>').unwrap();
            rest = &rest[end + 1..];
        }
    }
    text.push_str(rest);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

#[test]
fn text_from_articles_outlets_and_analysts_comes_out_as_inert_visible_text() {
    let page = html::render(&document(PREPARED_AT));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert('img')&gt;"));
    // The hostile outlet name is escaped in the headings and in the charts' labels.
    assert!(page.contains("The &lt;b&gt;Sandpiper&lt;/b&gt; &amp; Co"));
    assert!(page.contains("&lt;script&gt;alert('analyst')&lt;/script&gt;"));
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "a script element got through");
    assert!(!lower.contains("<b>bold"));
    assert!(!lower.contains("<img"));
    assert!(!lower.contains("<i>again"));
    assert!(!lower.contains("<a href=\"https"));
    // Markdown means nothing in HTML: the characters are there as they were written.
    assert!(
        page.contains(
            "# Not a heading *not emphasis* _nor this_ [not a link](javascript:alert(1))"
        )
    );
    assert!(page.contains("| not | a table | `not code`"));
    assert!(!lower.contains("<em>not emphasis"));
}

#[test]
fn the_page_fetches_nothing_and_runs_nothing() {
    let page = html::render(&document(PREPARED_AT));
    let lower = page.to_lowercase();
    // The only URL on the page is inside an analyst's rationale, escaped, as text.
    let escaped_rationale = "&lt;a href=&quot;https://example.invalid&quot;&gt;see&lt;/a&gt;";
    assert!(page.contains(escaped_rationale));
    let without = lower.replace(escaped_rationale, "");
    assert!(!without.contains("http://"), "an http reference");
    assert!(!without.contains("https://"), "an https reference");
    // Every tag of the page (escaped text holds no raw `<` or `>`).
    let tags: Vec<&str> = without
        .split('<')
        .skip(1)
        .filter_map(|t| t.split('>').next())
        .collect();
    for tag in &tags {
        for forbidden in ["script", "link", "iframe", "img", "object", "embed"] {
            assert!(!tag.starts_with(forbidden), "a <{tag}> tag");
        }
        for attribute in ["src=", "url(", "@import"] {
            assert!(!tag.contains(attribute), "{attribute:?} in <{tag}>");
        }
        // No event handlers: no attribute named on….
        for token in tag.split_whitespace() {
            if let Some((name, _)) = token.split_once('=') {
                assert!(
                    !(name.starts_with("on") && name.chars().all(|c| c.is_ascii_alphabetic())),
                    "an event handler in <{tag}>"
                );
            }
        }
    }
    assert!(!without.contains("url("), "a stylesheet reference");
    // Links are to the page's own sections only.
    for (at, _) in page.match_indices("href=\"") {
        assert!(page[at + 6..].starts_with('#'), "{}", &page[at..at + 40]);
    }
}

#[test]
fn each_body_comes_out_whole_between_its_marks() {
    let page = html::render(&document(PREPARED_AT));
    for (n, input) in inputs().iter().enumerate() {
        let shown = body_text(
            &page,
            &format!("<div class=\"body\" id=\"body-{}\">", n + 1),
        );
        assert_eq!(words(&shown), words(&input.body), "report {}", n + 1);
    }
}

#[test]
fn the_page_shows_what_the_comparison_found() {
    let doc = document(PREPARED_AT);
    let page = html::render(&doc);
    // Header: incident, who prepared it and when.
    assert!(page.contains("<title>Comparison of reports: Shelling of Wadi Sarab market &lt;i&gt;again&lt;/i&gt;</title>"));
    assert!(page.contains("Prepared by <strong>tester &lt;tester@example.invalid&gt;</strong> on <time datetime=\"2025-06-02T08:00:00Z\">"));
    // Grades: D orange, B green, none grey, and the analysts' rationale.
    assert!(page.contains("<span class=\"badge g-d\" title=\"not usually reliable\">D</span>"));
    assert!(page.contains("<span class=\"badge g-b\" title=\"usually reliable\">B</span>"));
    assert!(page.contains("<span class=\"badge g-none\" title=\"not rated\">"));
    assert!(page.contains("Corrects errors openly; names its sources."));
    // The killed row differs (12, 9, 4) and is marked.
    let killed = doc
        .comparison
        .facts
        .iter()
        .find(|f| f.fact == "killed")
        .expect("a killed row");
    assert!(killed.disagreement);
    assert!(page.contains("<tr class=\"differs\"><th>killed<span class=\"flag\">≠ differs</span>"));
    // Highlights of every kind the bodies have, and the legend.
    for class in ["k-number", "k-actor", "k-place", "k-hedge", "k-loaded"] {
        assert!(
            page.contains(&format!("<mark class=\"{class}\"")),
            "{class}"
        );
    }
    // The paragraph the hostile report shares with the wire, and one only in the state report.
    assert!(page.contains("also in: Meridian Wire"), "a shared passage");
    assert!(page.contains("only in this report"), "a unique passage");
    // Charts: both SVGs, one row per outlet, the wire's figure as a bar label.
    assert_eq!(page.matches("<svg ").count(), 2);
    assert!(page.contains(">The &lt;b&gt;Sandpiper&lt;/b&gt; &amp; Co</text>"));
    assert!(page.contains(">9</text>"));
    // Provenance, with the path escaped.
    assert!(page.contains("<code>articles/&lt;12&gt;&amp;.txt</code>"));
    assert!(page.contains(&format!("{:064x}", 13)));
}

#[test]
fn the_html_report_matches_its_golden_file() {
    let page = html::render(&document(PREPARED_AT));
    insta::assert_snapshot!("report_html_wadi_sarab", page);
}

#[test]
fn rendering_the_same_document_twice_gives_the_same_bytes() {
    let first = html::render(&document(PREPARED_AT));
    let second = html::render(&document(PREPARED_AT));
    assert_eq!(first.as_bytes(), second.as_bytes());
    // Another export of the same incident differs in its timestamp only.
    let later = html::render(&document("2025-07-01T12:30:00Z"));
    assert_ne!(first, later);
    assert_eq!(
        later
            .replace("2025-07-01T12:30:00Z", PREPARED_AT)
            .replace("1 Jul 2025, 12:30 UTC", "2 Jun 2025, 08:00 UTC"),
        first
    );
}

#[test]
fn times_read_as_people_read_them_with_the_stored_form_kept_for_machines() {
    let page = html::render(&document(PREPARED_AT));
    assert!(page.contains("<time datetime=\"2025-06-02T08:00:00Z\">2 Jun 2025, 08:00 UTC</time>"));
    // An analyst's rating and an article's import.
    assert!(page.contains("<time datetime=\"2025-04-02T10:00:00Z\">2 Apr 2025, 10:00 UTC</time>"));
    assert!(page.contains("<time datetime=\"2025-06-01T09:00:00Z\">1 Jun 2025, 09:00 UTC</time>"));
    // A publication date, with and without a time.
    assert!(page.contains("<time datetime=\"2025-05-06T14:30:00Z\">6 May 2025, 14:30 UTC</time>"));
    assert!(page.contains("<time datetime=\"2025-05-08\">8 May 2025</time>"));
    assert!(
        !page.contains(">2025-06-01T09:00:00Z<"),
        "an ISO time shown as text"
    );
}

/// The page's stylesheet, and the rule for `selector` in it.
fn css_rule<'a>(page: &'a str, selector: &str) -> &'a str {
    let css = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    let at = css
        .find(&format!("\n{selector} {{"))
        .unwrap_or_else(|| panic!("a rule for {selector}"));
    let rule = &css[at..];
    &rule[..rule.find('}').unwrap()]
}

#[test]
fn words_are_never_broken_inside_and_wide_tables_scroll_sideways() {
    let page = html::render(&document(PREPARED_AT));
    // Table cells wrap at spaces only, and keep a width a word fits in.
    let cells = css_rule(&page, "th, td");
    assert!(cells.contains("overflow-wrap: normal"), "{cells}");
    assert!(cells.contains("word-break: normal"), "{cells}");
    assert!(cells.contains("min-width:"), "{cells}");
    assert!(!page.contains("break-all"));
    assert!(!page.contains("overflow-wrap: anywhere;\n}"));
    // Every table sits in a box that scrolls sideways on a narrow screen.
    let tables = page.matches("<table").count();
    assert!(tables >= 6, "{tables} tables");
    assert_eq!(
        page.matches("<div class=\"scroll\"><table").count(),
        tables,
        "every table in a scrolling box"
    );
    assert!(css_rule(&page, ".scroll").contains("overflow-x: auto"));
}

#[test]
fn full_texts_are_folded_under_their_headlines_and_printed_open() {
    let doc = document(PREPARED_AT);
    let page = html::render(&doc);
    for n in 0..doc.comparison.reports.len() {
        let start = page
            .find(&format!("<details class=\"text\" id=\"text-{}\">", n + 1))
            .unwrap_or_else(|| panic!("report {} folded, closed", n + 1));
        let fold = &page[start..];
        let fold = &fold[..fold.find("</details>").unwrap()];
        let summary = &fold[..fold.find("</summary>").expect("a summary")];
        assert!(summary.starts_with(&format!(
            "<details class=\"text\" id=\"text-{}\"><summary>",
            n + 1
        )));
        assert!(
            summary.contains("class=\"headline\""),
            "the headline shows folded"
        );
        assert!(
            fold.contains(&format!("<div class=\"body\" id=\"body-{}\">", n + 1)),
            "the body is inside the fold"
        );
    }
    let print = &page[page.find("@media print").unwrap()..];
    assert!(print.contains("details.text::details-content { content-visibility: visible;"));
}
