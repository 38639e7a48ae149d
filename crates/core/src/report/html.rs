//! The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts and
//! nothing fetched, so it opens in any browser, prints to PDF and travels as one file.
//!
//! Everything is built with maud's `html!`, which escapes every string spliced into it: article
//! text, outlet names, analysts' words and file paths reach the page only escaped. The one
//! `PreEscaped` is this file's own stylesheet. Bodies are cut only at the comparison's byte spans
//! (checked to be on character boundaries) and at paragraph breaks, so no text is lost or split
//! inside a character. Nothing here reads the clock or iterates a hash map: the same document
//! gives the same bytes.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{
    Annotations, NotedPassage, OutletRating, PassageFound, ReportDocument, ReportNote,
    distinct_outlets, fact_shown, missing_groups, plural, readable_time, tally, title,
};
use crate::analysis::TermCategory;
use crate::analysis::claims::ClaimKind;
use crate::compare::{ClaimItem, Comparison, GENERIC, Highlight, HighlightKind, Report};
use crate::model::{Id, Target};
use crate::ratings::Grade;

/// The report as HTML.
pub fn render(doc: &ReportDocument) -> String {
    let c = &doc.comparison;
    let mut page = html! {
        (DOCTYPE)
        "\n"
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title(doc)) }
                style { (PreEscaped(CSS)) }
            }
            "\n"
            body {
                (header(doc))
                nav.contents aria-label="Contents" {
                    a href="#outlets" { "Outlets" }
                    a href="#side-by-side" { "Side by side" }
                    a href="#claims" { "Claims" }
                    a href="#corroboration" { "Corroboration" }
                    a href="#missing" { "Missing facts" }
                    @if !doc.working.is_empty() { a href="#notes" { "Notes and tags" } }
                    a href="#texts" { "Texts" }
                    a href="#charts" { "Charts" }
                    a href="#provenance" { "Provenance" }
                }
                "\n"
                "\n"
                (outlets(doc))
                (side_by_side(c))
                (claims_table(c))
                (corroboration(c))
                (missing(c))
                (working(doc))
                (texts(c))
                (charts(c))
                (provenance(doc))
            }
            "\n"
        }
    }
    .into_string();
    page.push('\n');
    page
}

/// This file's stylesheet: constant text, the only thing on the page not escaped.
const CSS: &str = r#"
:root { --ink: #1d1f23; --muted: #5d6470; --rule: #d5d9e0; --shade: #f4f5f7; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto;
  max-width: 1200px; padding: 1.5rem; }
h1, h2, h3, th, nav, .badge, figcaption, .note, .legend, .muted, table, .tag, .by { font-family: system-ui,
  -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.muted, .prepared { color: var(--muted); }
.incident-facts span { margin-right: 1.5rem; }
nav.contents { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: 1rem 0;
  padding: .4rem .6rem; background: var(--shade); font-size: .9rem; }
nav.contents a { color: #1f4e8c; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; vertical-align: top;
  text-align: left; min-width: 6rem; overflow-wrap: normal; word-break: normal; hyphens: manual; }
thead th { background: var(--shade); }
tbody th { background: #fafbfc; min-width: 9rem; width: 11rem; }
.wide thead th, .wide td { min-width: 12rem; }
ul.cell { margin: 0; padding-left: 1rem; }
.scroll { overflow-x: auto; max-width: 100%; }
.wide { table-layout: auto; }
.kind, .count { color: var(--muted); }
.badge { display: inline-block; min-width: 1.6rem; padding: 0 .35rem; border-radius: .3rem;
  color: #fff; font-weight: 700; text-align: center; }
.g-a { background: #1e7b3a; } .g-b { background: #5a9e3c; } .g-c { background: #b89a1c; }
.g-d { background: #d0701f; } .g-e { background: #b3261e; } .g-none { background: #8a8f98; }
.outlet { margin-bottom: 1rem; }
.outlet h3 .badge { margin-left: .5rem; }
.meaning { margin-left: .4rem; color: var(--muted); font-size: .85rem; font-family: system-ui,
  sans-serif; }
tr.differs > * { background: #fdecea; }
.flag { display: inline-block; margin-left: .4rem; color: #b3261e; font-weight: 700; }
.also { color: var(--muted); }
.set-apart { border-left: 3px solid var(--muted); padding-left: .7rem; font-size: .9rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1rem; font-size: .85rem; margin: .5rem 0; }
mark { padding: 0 .1rem; border-radius: .15rem; color: inherit; }
mark.k-number { background: #ffd8a8; border-bottom: 2px solid #d9480f; }
mark.k-attribution { background: #d0ebff; border-bottom: 2px dashed #1c7ed6; }
mark.k-actor { background: #e5dbff; border-bottom: 2px dotted #6741d9; }
mark.k-loaded { background: #ffc9c9; border-bottom: 2px double #c92a2a; }
mark.k-hedge { background: #fff3bf; border-bottom: 1px solid #a08a00; }
mark.k-place { background: #d3f9d8; border-bottom: 2px solid #2b8a3e; }
details.text { border-top: 1px solid var(--rule); margin-top: .6rem; padding-top: .2rem; }
.text .headline { font-weight: 700; font-size: 1.05rem; margin: .4rem 0; }
.body p { white-space: pre-line; margin: 0 0 .7rem; }
.passage.shared { background: #eef3fb; box-shadow: inset 0 -1px 0 #9fb6d9; }
.passage.unique { background: #f7f1e4; box-shadow: inset 0 -1px 0 #d2b67a; }
.note { font-size: .7rem; font-style: normal; color: var(--muted); border: 1px solid var(--rule);
  border-radius: .2rem; padding: 0 .25rem; margin-right: .25rem; background: #fff;
  white-space: nowrap; }
.annotated { margin-bottom: 1rem; }
.tag { display: inline-block; margin: 0 .3rem .2rem 0; padding: 0 .45rem; font-size: .8rem;
  border: 1px solid var(--rule); border-radius: .8rem; background: var(--shade); }
.analyst-note { border-left: 3px solid var(--rule); padding-left: .7rem; margin: .6rem 0; }
.analyst-note .by { margin: 0; font-size: .85rem; color: var(--muted); }
.analyst-note .said { margin: .2rem 0; white-space: pre-line; }
blockquote.noted { margin: .3rem 0; font-style: italic; }
mark.noted { background: #fff0a8; border-bottom: 2px solid #e0b000; font-style: normal; }
figure { margin: 1rem 0; }
figcaption { font-size: .85rem; color: var(--muted); margin-bottom: .3rem; }
svg { max-width: 100%; height: auto; font-family: system-ui, sans-serif; }
code { font-size: .8rem; overflow-wrap: anywhere; }
details.text > summary { cursor: pointer; list-style-position: outside; margin-left: 1rem; }
details.text > summary h3 { display: inline; }
details.text > summary .headline { margin: .2rem 0 .4rem; }
details.text[open] > summary { margin-bottom: .4rem; }
td.group { background: #fafbfc; }
@media (max-width: 40rem) {
  body { padding: .75rem; font-size: 14px; }
}
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  nav.contents { display: none; }
  .scroll { overflow: visible; }
  .wide thead th, .wide td { min-width: 0; }
  details.text > summary { list-style: none; margin-left: 0; }
  details.text > summary::-webkit-details-marker { display: none; }
  details.text::details-content { content-visibility: visible; display: block; }
  details.text:not([open]) > .body { display: block; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, .outlet, figure, .legend, .note, .analyst-note { break-inside: avoid;
    page-break-inside: avoid; }
  h2, h3, .headline { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 14mm; }
}
"#;

fn header(doc: &ReportDocument) -> Markup {
    let incident = &doc.comparison.incident;
    let reports = &doc.comparison.reports;
    let outlet_count = distinct_outlets(reports).len();
    let prepared_by = match doc.prepared_by.trim() {
        "" => "an unnamed analyst",
        who => who,
    };
    html! {
        header {
            h1 { (title(doc)) }
            @if incident.date.is_some() || incident.place.is_some() {
                p.incident-facts {
                    @if let Some(date) = &incident.date {
                        span { "Date: " strong { (time_of(date)) } }
                    }
                    @if let Some(place) = &incident.place {
                        span { "Place: " strong { (place) } }
                    }
                }
            }
            @if !incident.summary.trim().is_empty() {
                p.summary { (incident.summary.trim()) }
            }
            p.muted {
                (reports.len()) " " (plural(reports.len(), "report", "reports")) " from "
                (outlet_count) " " (plural(outlet_count, "outlet", "outlets")) "."
            }
            p.prepared {
                "Prepared by " strong { (prepared_by) } " on "
                time datetime=(doc.prepared_at) { (readable_time(&doc.prepared_at)) } "."
            }
        }
        "\n"
    }
}

fn outlets(doc: &ReportDocument) -> Markup {
    let reports = &doc.comparison.reports;
    html! {
        section #outlets {
            h2 { "Outlets" }
            "\n"
            p.muted {
                "Each outlet's combined grade (A completely reliable … E unreliable; F cannot be \
                 judged), and each analyst's current grade with the rationale they gave."
            }
            @for outlet in distinct_outlets(reports) {
                @let grade = reports.iter().find(|r| r.outlet == outlet).and_then(|r| r.grade.as_deref());
                @let ratings: Vec<&OutletRating> = doc.ratings.iter().filter(|r| r.outlet == outlet).collect();
                div.outlet {
                    h3 { (outlet) " " (grade_badge(grade)) }
                    @if ratings.is_empty() {
                        p.muted { "No analyst has rated this outlet." }
                    } @else {
                        div.scroll { table {
                            thead { tr { th { "Analyst" } th { "Grade" } th { "Rated" } th { "Rationale" } } }
                            tbody {
                                @for r in ratings {
                                    tr {
                                        td { (r.analyst) }
                                        td { (grade_badge(Some(&r.grade))) }
                                        td { (time_of(&r.rated_at)) }
                                        td { (r.rationale) }
                                    }
                                    "\n"
                                }
                            }
                        } }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// A time as a reader reads it, the stored form kept in `datetime`.
fn time_of(stored: &str) -> Markup {
    html! { time datetime=(stored) { (readable_time(stored)) } }
}

/// A report's publication date as a reader reads it, or "no date".
fn published(r: &Report) -> Markup {
    html! {
        @match r.published.as_deref() {
            Some(p) => (time_of(p)),
            None => "no date",
        }
    }
}

/// A grade as a coloured badge with its meaning: A green through E red, F and none grey.
fn grade_badge(grade: Option<&str>) -> Markup {
    let parsed = grade.and_then(|g| g.parse::<Grade>().ok());
    let (class, letter, meaning) = match (parsed, grade) {
        (Some(g), _) => (grade_class(g), g.letter(), g.meaning()),
        // A grade this build does not know is shown as written, grey.
        (None, Some(raw)) => ("g-none", raw, ""),
        (None, None) => ("g-none", "–", "not rated"),
    };
    html! {
        span.badge.(class) title=(meaning) { (letter) }
        @if !meaning.is_empty() { span.meaning { (meaning) } }
    }
}

fn grade_class(grade: Grade) -> &'static str {
    match grade {
        Grade::A => "g-a",
        Grade::B => "g-b",
        Grade::C => "g-c",
        Grade::D => "g-d",
        Grade::E => "g-e",
        Grade::F => "g-none",
    }
}

fn side_by_side(c: &Comparison) -> Markup {
    let reports = &c.reports;
    // Every actor group any report names, in name order, then the generic labels.
    let groups: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| r.actor_names.iter().map(|n| n.group.as_str()))
        .filter(|g| *g != GENERIC)
        .collect();
    let has_generic = reports
        .iter()
        .any(|r| r.actor_names.iter().any(|n| n.group == GENERIC));
    let mut group_rows: Vec<(String, &str)> = groups
        .into_iter()
        .map(|g| (format!("Names for {g}"), g))
        .collect();
    if has_generic {
        group_rows.push(("Generic labels".to_string(), GENERIC));
    }
    html! {
        section #side-by-side {
            h2 { "Side by side" }
            "\n"
            div.scroll {
                table.wide {
                    thead {
                        tr {
                            th { "" }
                            @for r in reports {
                                th {
                                    (r.outlet) " " (grade_badge_short(r.grade.as_deref()))
                                    br;
                                    span.muted { (published(r)) }
                                    br;
                                    em { (r.headline) }
                                }
                            }
                        }
                        "\n"
                    }
                    "\n"
                    tbody {
                        tr {
                            th { "Lead" }
                            @for r in reports { td { (r.lead_text()) } }
                        }
                        "\n"
                        tr {
                            th { "Numbers claimed" }
                            @for r in reports { td { (claims_list(&r.claims)) } }
                        }
                        "\n"
                        tr {
                            th { "Sources cited" }
                            @for r in reports {
                                td { (tally_list(tally(r.attributions.iter().map(|a| a.source.as_str())))) }
                            }
                        }
                        "\n"
                        @for (heading, group) in &group_rows {
                            tr {
                                th { (heading) }
                                @for r in reports {
                                    td {
                                        (tally_list(r.actor_names.iter().filter(|n| n.group == *group).map(|n| (n.name.clone(), n.count)).collect()))
                                    }
                                }
                            }
                            "\n"
                        }
                        tr {
                            th { "Loaded terms" }
                            @for r in reports {
                                td {
                                    (tally_list(tally(r.loaded_terms.iter().map(|t| match t.category {
                                        TermCategory::Euphemism => euphemism_label(&t.text),
                                        _ => t.text.clone(),
                                    }).collect::<Vec<_>>().iter().map(String::as_str))))
                                }
                            }
                        }
                        "\n"
                        tr {
                            th { "Hedges" }
                            @for r in reports {
                                td { (tally_list(tally(r.hedges.iter().map(|t| t.text.as_str())))) }
                            }
                        }
                        "\n"
                        tr {
                            th { "Word count" }
                            @for r in reports { td { (r.word_count) } }
                        }
                        "\n"
                    }
                }
            }
        }
        "\n"
    }
}

fn euphemism_label(text: &str) -> String {
    format!("{text} (euphemism)")
}

/// A grade's letter alone, for column headings.
fn grade_badge_short(grade: Option<&str>) -> Markup {
    let parsed = grade.and_then(|g| g.parse::<Grade>().ok());
    let (class, letter, meaning) = match (parsed, grade) {
        (Some(g), _) => (grade_class(g), g.letter(), g.meaning()),
        (None, Some(raw)) => ("g-none", raw, ""),
        (None, None) => ("g-none", "–", "not rated"),
    };
    html! { span.badge.(class) title=(meaning) { (letter) } }
}

fn claims_list(claims: &[ClaimItem]) -> Markup {
    html! {
        @if claims.is_empty() {
            span.muted { "—" }
        } @else {
            ul.cell {
                @for c in claims {
                    li {
                        strong { (c.number_text()) }
                        @if let Some(what) = &c.what { " " (what) }
                        " " span.kind { "(" (c.kind.label()) ")" }
                    }
                }
            }
        }
    }
}

fn tally_list(items: Vec<(String, usize)>) -> Markup {
    html! {
        @if items.is_empty() {
            span.muted { "—" }
        } @else {
            ul.cell {
                @for (name, count) in &items {
                    li {
                        (name)
                        @if *count > 1 { " " span.count { "×" (count) } }
                    }
                }
            }
        }
    }
}

fn claims_table(c: &Comparison) -> Markup {
    html! {
        section #claims {
            h2 { "Claims" }
            "\n"
            p.muted {
                "What each report states of each fact: its first figure in bold, other figures it \
                 gives below. Rows marked ≠ are facts the reports state differently."
            }
            div.scroll {
                table.wide {
                    thead {
                        tr {
                            th { "Fact" }
                            @for r in &c.reports { th { (r.outlet) } }
                        }
                        "\n"
                    }
                    "\n"
                    tbody {
                        @for row in &c.facts {
                            tr class=[row.disagreement.then_some("differs")] {
                                th {
                                    (row.fact)
                                    @if row.disagreement { span.flag { "≠ differs" } }
                                }
                                @for cell in &row.cells {
                                    td {
                                        @match &cell.main {
                                            Some(main) => strong { (fact_shown(&row.fact, main)) },
                                            None => span.muted { "—" },
                                        }
                                        @for also in &cell.also {
                                            br;
                                            span.also { (also) }
                                        }
                                    }
                                }
                            }
                            "\n"
                        }
                    }
                }
            }
        }
        "\n"
    }
}

/// A credibility mark with its meaning: "1 confirmed by other sources".
fn mark(mark: u8) -> Markup {
    html! {
        strong { (mark) }
        @if let Some(meaning) = crate::ratings::credibility_meaning(mark) {
            " " span.meaning { (meaning) }
        }
    }
}

fn corroboration(c: &Comparison) -> Markup {
    html! {
        section #corroboration {
            h2 { "Corroboration" }
            "\n"
            p.muted {
                "The information credibility the program suggests for each report: 1 (confirmed by \
                 other sources) when at least two independent sources give the same figure. Copies \
                 of one text, reports of one outlet and reports citing one origin count once. \
                 Beside it, each analyst's current mark: a suggestion is recorded only when an \
                 analyst accepts it."
            }
            div.scroll {
                table {
                    thead {
                        tr { th { "Report" } th { "Suggested" } th { "Why" } th { "Analysts' marks" } }
                        "\n"
                    }
                    "\n"
                    tbody {
                        @for s in &c.corroboration {
                            tr {
                                th { (s.outlet) br; span.muted { "article " (s.article_id) } }
                                td {
                                    @match s.suggested {
                                        Some(m) => (mark(m)),
                                        None => span.muted { "none" },
                                    }
                                }
                                td { (s.explanation) }
                                td {
                                    @if s.assessments.is_empty() {
                                        span.muted { "not marked" }
                                    } @else {
                                        ul.cell {
                                            @for a in &s.assessments {
                                                li { (a.analyst) ": " (mark(a.credibility)) }
                                            }
                                        }
                                    }
                                }
                            }
                            "\n"
                        }
                    }
                }
            }
        }
        "\n"
    }
}

fn missing(c: &Comparison) -> Markup {
    html! {
        section #missing {
            h2 { "Facts missing from each report" }
            "\n"
            p.muted {
                "For each report, the figures, actors, places and sources other reports carry and \
                 it does not, with the outlets that carry each."
            }
            @for m in &c.missing_facts {
                div.outlet {
                    h3 { (m.outlet) " " span.muted { "article " (m.article_id) } }
                    @if m.facts.is_empty() {
                        p.muted { "Nothing: every figure, actor, place and source the others give is here too." }
                    } @else {
                        div.scroll { table {
                            thead {
                                tr { th { "Kind" } th { "This report gives instead" } th { "Fact" } th { "Carried by" } }
                            }
                            tbody {
                                @for g in missing_groups(&m.facts) {
                                    @for (i, f) in g.facts.iter().enumerate() {
                                        tr {
                                            @if i == 0 {
                                                @let rows = g.facts.len().to_string();
                                                td.group rowspan=(rows) { (g.kind) }
                                                td.group rowspan=(rows) {
                                                    @match g.instead {
                                                        Some(instead) => (instead),
                                                        None => span.muted { "nothing" },
                                                    }
                                                }
                                            }
                                            td { (f.fact) }
                                            td {
                                                @for (i, s) in f.carried_by.iter().enumerate() {
                                                    @if i > 0 { ", " }
                                                    (s.outlet)
                                                }
                                            }
                                        }
                                        "\n"
                                    }
                                }
                            }
                        } }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The analysts' tags and notes on the incident, its reports and their outlets; nothing when
/// none of them carries any.
fn working(doc: &ReportDocument) -> Markup {
    let w = &doc.working;
    html! {
        @if !w.is_empty() {
            section #notes {
                h2 { "Notes and tags" }
                "\n"
                p.muted {
                    "The analysts' tags and notes on the incident, on its reports and on their \
                     outlets, as the library held them when this report was prepared. A note on a \
                     passage shows it marked among the words around it in the article."
                }
                @for a in w.all() {
                    div.annotated {
                        h3 { (annotated_heading(doc, a)) }
                        @if !a.tags.is_empty() {
                            p.tags {
                                span.muted { "Tags: " }
                                @for tag in &a.tags { span.tag { (tag) } }
                            }
                        }
                        @for n in &a.notes { (analyst_note(n)) }
                    }
                    "\n"
                }
            }
            "\n"
        }
    }
}

/// What a set of tags and notes is on: "Incident: …", "OUTLET: headline article N", "Outlet: …".
fn annotated_heading(doc: &ReportDocument, a: &Annotations) -> Markup {
    html! {
        @match a.target {
            Target::Incident(_) => { "Incident: " (a.label) },
            Target::Article(id) => {
                @if let Some(r) = doc.comparison.reports.iter().find(|r| r.article_id == id) {
                    (r.outlet) ": "
                }
                (a.label) " " span.muted { "article " (id) }
            },
            Target::Outlet(_) => { "Outlet: " (a.label) },
        }
    }
}

/// One note: who wrote it and when, the passage it marks, and what it says.
fn analyst_note(n: &ReportNote) -> Markup {
    html! {
        div.analyst-note {
            p.by {
                strong { (n.author) } ", "
                time datetime=(n.created_at) { (readable_time(&n.created_at)) }
                @if let Some(edited) = &n.edited_at {
                    " (edited " time datetime=(edited) { (readable_time(edited)) } ")"
                }
            }
            @if let Some(p) = &n.passage { (noted_passage(p)) }
            p.said { (n.text) }
        }
    }
}

/// A noted passage in `<mark>` among the words around it; the words alone when it is no longer
/// in the text.
fn noted_passage(p: &NotedPassage) -> Markup {
    html! {
        @match p.found {
            PassageFound::NotFound => {
                @if p.text.trim().is_empty() {
                    p.muted { "On a passage no longer found in the article's text." }
                } @else {
                    p.muted { "On a passage no longer found in the article's text; the words it marked:" }
                    blockquote.noted { mark.noted { (p.text) } }
                }
            },
            found => {
                blockquote.noted {
                    @if p.more_before { "… " }
                    (p.before) mark.noted { (p.text) } (p.after)
                    @if p.more_after { " …" }
                }
                @if found == PassageFound::Quote {
                    p.muted { "Found by its words: the place stored with the note no longer holds them." }
                }
            },
        }
    }
}

fn texts(c: &Comparison) -> Markup {
    html! {
        section #texts {
            h2 { "Texts" }
            "\n"
            p.muted { "Each report's full text, folded: click a headline to open it. Printed, every text is open." }
            div.legend {
                @for kind in HighlightKind::ALL {
                    span { mark.(kind_class(kind)) { (kind.label()) } }
                }
                span { span.passage.shared { "shared passage" } }
                span { span.passage.unique { "passage in one report only" } }
            }
            "\n"
            @for (index, r) in c.reports.iter().enumerate() {
                details.text id=(format!("text-{}", index + 1)) {
                    summary {
                        h3 {
                            (r.outlet) " " (grade_badge_short(r.grade.as_deref()))
                            " " span.muted { (published(r)) }
                        }
                        p.headline { (r.headline) }
                    }
                    div.body id=(format!("body-{}", index + 1)) { (body(r, &c.reports)) }
                    @if !r.set_apart.is_empty() {
                        div.set-apart {
                            p.muted { "Set apart at import: not the report's own text, and nothing in it counted." }
                            ul {
                                @for item in &r.set_apart {
                                    li { strong { (item.why()) } ": " (item.text) }
                                }
                            }
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

fn kind_class(kind: HighlightKind) -> &'static str {
    match kind {
        HighlightKind::Number => "k-number",
        HighlightKind::Attribution => "k-attribution",
        HighlightKind::Actor => "k-actor",
        HighlightKind::Loaded => "k-loaded",
        HighlightKind::Hedge => "k-hedge",
        HighlightKind::Place => "k-place",
    }
}

/// A passage to mark in a body: shared with the outlets named, or (no names) unique.
struct Marked {
    start: usize,
    end: usize,
    also_in: Option<Vec<String>>,
}

/// A body as paragraphs, its shared and unique passages marked and its highlights in `<mark>`.
fn body(report: &Report, reports: &[Report]) -> Markup {
    let text = report.body.as_str();
    let valid = |start: usize, end: usize| {
        start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    let outlet_of = |id: Id| -> String {
        reports
            .iter()
            .find(|r| r.article_id == id)
            .map(|r| r.outlet.clone())
            .unwrap_or_else(|| format!("article {id}"))
    };
    let mut passages: Vec<Marked> = report
        .shared_passages
        .iter()
        .map(|p| {
            let mut names: Vec<String> = Vec::new();
            for name in p.with.iter().map(|&id| outlet_of(id)) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            Marked {
                start: p.start,
                end: p.end,
                also_in: Some(names),
            }
        })
        .chain(report.unique_passages.iter().map(|p| Marked {
            start: p.start,
            end: p.end,
            also_in: None,
        }))
        .filter(|p| valid(p.start, p.end))
        .collect();
    passages.sort_by_key(|p| (p.start, p.end));
    let mut kept: Vec<Marked> = Vec::new();
    for p in passages {
        if kept.last().is_none_or(|prev| p.start >= prev.end) {
            kept.push(p);
        }
    }
    let highlights: Vec<Highlight> = report
        .highlights()
        .into_iter()
        .filter(|h| valid(h.start, h.end))
        .collect();
    html! {
        @for (ps, pe) in paragraphs(text) {
            p {
                @for (rs, re, passage) in regions(ps, pe, &kept) {
                    @match passage {
                        None => (pieces(text, rs, re, &highlights)),
                        Some(m) => {
                            @let class = if m.also_in.is_some() { "shared" } else { "unique" };
                            @let note = match &m.also_in {
                                Some(names) => format!("also in: {}", names.join(", ")),
                                None => "only in this report".to_string(),
                            };
                            span.passage.(class) title=(note) {
                                @if rs == m.start { span.note { (note) } }
                                (pieces(text, rs, re, &highlights))
                            }
                        }
                    }
                }
            }
            "\n"
        }
    }
}

/// The byte ranges of a text's paragraphs: runs of non-blank lines, without their trailing
/// whitespace.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut at = 0;
    for line in text.split('\n') {
        let start = at;
        at += line.len() + 1;
        let trimmed = line.trim_end();
        if trimmed.trim_start().is_empty() {
            out.extend(current.take());
            continue;
        }
        let end = start + trimmed.len();
        current = Some(match current {
            Some((s, _)) => (s, end),
            None => (start + (trimmed.len() - trimmed.trim_start().len()), end),
        });
    }
    out.extend(current);
    out
}

/// `[start, end)` cut at the passages' edges: each piece with the passage it lies in, if any.
fn regions(start: usize, end: usize, passages: &[Marked]) -> Vec<(usize, usize, Option<&Marked>)> {
    let mut out = Vec::new();
    let mut at = start;
    for p in passages.iter().filter(|p| p.end > start && p.start < end) {
        let (s, e) = (p.start.max(start), p.end.min(end));
        if s > at {
            out.push((at, s, None));
        }
        out.push((s, e, Some(p)));
        at = e;
    }
    if at < end {
        out.push((at, end, None));
    }
    out
}

/// `[start, end)` of the text with the highlights inside it marked.
fn pieces(text: &str, start: usize, end: usize, highlights: &[Highlight]) -> Markup {
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or_default();
    let mut parts: Vec<(Option<HighlightKind>, &str)> = Vec::new();
    let mut at = start;
    for h in highlights.iter().filter(|h| h.end > start && h.start < end) {
        let (s, e) = (h.start.max(start), h.end.min(end));
        if s > at {
            parts.push((None, slice(at, s)));
        }
        parts.push((Some(h.kind), slice(s, e)));
        at = e;
    }
    if at < end {
        parts.push((None, slice(at, end)));
    }
    html! {
        @for (kind, part) in parts {
            @match kind {
                Some(kind) => mark.(kind_class(kind)) title=(kind.label()) { (part) },
                None => (part),
            }
        }
    }
}

fn charts(c: &Comparison) -> Markup {
    html! {
        section #charts {
            h2 { "Charts" }
            "\n"
            (timeline(&c.reports))
            (casualty_bars(c))
        }
        "\n"
    }
}

const CHART_WIDTH: f64 = 760.0;
const LABEL_RIGHT: f64 = 200.0;
const PLOT_LEFT: f64 = 215.0;
const PLOT_RIGHT: f64 = 700.0;

/// Coordinates with one decimal: the same document gives the same digits.
fn num(x: f64) -> String {
    format!("{x:.1}")
}

/// An outlet name short enough for a chart's label column.
fn short_label(name: &str) -> String {
    const MAX: usize = 30;
    if name.chars().count() <= MAX {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

/// A publication date as days since the common era (fractional with a time of day).
fn day_number(published: &str) -> Option<f64> {
    let date = NaiveDate::parse_from_str(published.get(..10)?, "%Y-%m-%d").ok()?;
    let time = published
        .get(11..16)
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .map(|t| f64::from(t.num_seconds_from_midnight()) / 86_400.0)
        .unwrap_or(0.0);
    Some(f64::from(date.num_days_from_ce()) + time)
}

fn timeline(reports: &[Report]) -> Markup {
    const TOP: f64 = 34.0;
    const ROW: f64 = 26.0;
    let days: Vec<Option<f64>> = reports
        .iter()
        .map(|r| r.published.as_deref().and_then(day_number))
        .collect();
    let known: Vec<f64> = days.iter().flatten().copied().collect();
    let Some(first) = known.iter().copied().reduce(f64::min) else {
        return html! {
            figure {
                figcaption { "Publication dates" }
                p.muted { "No report has a publication date." }
            }
            "\n"
        };
    };
    let last = known.iter().copied().fold(first, f64::max);
    // A day either side, so one date (or one day) still has room.
    let (low, high) = (first.floor() - 1.0, last.floor() + 2.0);
    let x = |d: f64| PLOT_LEFT + (d - low) / (high - low) * (PLOT_RIGHT - PLOT_LEFT);
    let span_days = (high - low) as i64;
    let step = (span_days / 8).max(1);
    let ticks: Vec<(f64, String)> = (0..=span_days)
        .step_by(usize::try_from(step).unwrap_or(1))
        .filter_map(|k| {
            let d = low + k as f64;
            let date = NaiveDate::from_num_days_from_ce_opt(d as i32)?;
            Some((x(d), date.format("%d %b").to_string()))
        })
        .collect();
    let height = TOP + ROW * reports.len() as f64 + 10.0;
    let first_label = NaiveDate::from_num_days_from_ce_opt(first as i32)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let last_label = NaiveDate::from_num_days_from_ce_opt(last as i32)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    html! {
        figure {
            figcaption {
                "Publication dates, " (first_label)
                @if last_label != first_label { " to " (last_label) }
            }
            svg.timeline viewBox=(format!("0 0 {} {}", num(CHART_WIDTH), num(height)))
                width=(num(CHART_WIDTH)) height=(num(height)) role="img"
                aria-label="Timeline of publication dates by outlet" {
                title { "Timeline of publication dates by outlet" }
                @for (tx, label) in &ticks {
                    "\n"
                    line x1=(num(*tx)) y1=(num(TOP - 12.0)) x2=(num(*tx)) y2=(num(height - 6.0))
                        stroke="#e3e6eb" stroke-width="1" {}
                    text x=(num(*tx)) y=(num(TOP - 16.0)) font-size="10" text-anchor="middle"
                        fill="#5d6470" { (label) }
                }
                @for (i, (r, day)) in reports.iter().zip(&days).enumerate() {
                    "\n"
                    @let y = TOP + ROW * i as f64 + ROW / 2.0;
                    text x=(num(LABEL_RIGHT)) y=(num(y + 4.0)) font-size="12" text-anchor="end"
                        fill="#1d1f23" { (short_label(&r.outlet)) }
                    line x1=(num(PLOT_LEFT)) y1=(num(y)) x2=(num(PLOT_RIGHT)) y2=(num(y))
                        stroke="#d5d9e0" stroke-width="1" {}
                    @match day {
                        Some(d) => {
                            circle cx=(num(x(*d))) cy=(num(y)) r="5" fill="#1f4e8c" {
                                title { (r.outlet) ": " (readable_time(r.published.as_deref().unwrap_or_default())) }
                            }
                            text x=(num(x(*d) + 8.0)) y=(num(y + 4.0)) font-size="10" fill="#5d6470" {
                                (readable_time(r.published.as_deref().unwrap_or_default()))
                            }
                        }
                        None => {
                            text x=(num(PLOT_LEFT + 4.0)) y=(num(y + 4.0)) font-size="10"
                                fill="#8a8f98" { "no date" }
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

/// A report's main figure for a kind: the first claim the facts table counts for it.
fn main_figure(c: &Comparison, kind: ClaimKind, report: usize) -> Option<&ClaimItem> {
    let row = c.facts.iter().find(|f| f.fact == kind.label())?;
    let claim = *row.cells.get(report)?.claims.first()?;
    c.reports.get(report)?.claims.get(claim)
}

fn casualty_bars(c: &Comparison) -> Markup {
    const TOP: f64 = 36.0;
    const ROW: f64 = 40.0;
    const BAR: f64 = 12.0;
    let kinds = [
        (ClaimKind::Killed, "#b3261e", "#e8a7a2"),
        (ClaimKind::Wounded, "#d0701f", "#f0c49a"),
    ];
    let figures: Vec<[Option<&ClaimItem>; 2]> = (0..c.reports.len())
        .map(|r| kinds.map(|(kind, _, _)| main_figure(c, kind, r)))
        .collect();
    let max = figures
        .iter()
        .flatten()
        .flatten()
        .map(|claim| claim.high.unwrap_or(claim.number).max(claim.number))
        .max()
        .unwrap_or(0);
    if max == 0 {
        return html! {
            figure {
                figcaption { "Killed and wounded" }
                p.muted { "No report gives a figure for killed or wounded." }
            }
            "\n"
        };
    }
    // Room on the right for the longest label ("at least 1,000").
    let plot_right = PLOT_RIGHT - 40.0;
    let x = |v: u64| PLOT_LEFT + v as f64 / max as f64 * (plot_right - PLOT_LEFT);
    let height = TOP + ROW * c.reports.len() as f64 + 6.0;
    html! {
        figure {
            figcaption {
                "Killed and wounded: each report's main figure (its first for each, as in the \
                 claims table); a lighter bar runs to the top of a range"
            }
            svg.bars viewBox=(format!("0 0 {} {}", num(CHART_WIDTH), num(height)))
                width=(num(CHART_WIDTH)) height=(num(height)) role="img"
                aria-label="Killed and wounded figures by report" {
                title { "Killed and wounded figures by report" }
                "\n"
                @for (k, (kind, color, _)) in kinds.iter().enumerate() {
                    @let lx = PLOT_LEFT + 110.0 * k as f64;
                    rect x=(num(lx)) y="8" width="12" height="12" fill=(color) {}
                    text x=(num(lx + 17.0)) y="18" font-size="11" fill="#1d1f23" { (kind.label()) }
                }
                line x1=(num(PLOT_LEFT)) y1=(num(TOP - 4.0)) x2=(num(PLOT_LEFT)) y2=(num(height - 4.0))
                    stroke="#8a8f98" stroke-width="1" {}
                @for (i, (r, pair)) in c.reports.iter().zip(&figures).enumerate() {
                    "\n"
                    @let y = TOP + ROW * i as f64;
                    text x=(num(LABEL_RIGHT)) y=(num(y + BAR + 4.0)) font-size="12"
                        text-anchor="end" fill="#1d1f23" { (short_label(&r.outlet)) }
                    @for (k, figure) in pair.iter().enumerate() {
                        @let (kind, color, light) = kinds[k];
                        @let by = y + 2.0 + (BAR + 2.0) * k as f64;
                        @match figure {
                            Some(claim) => {
                                @if let Some(high) = claim.high.filter(|h| *h > claim.number) {
                                    rect x=(num(x(claim.number))) y=(num(by))
                                        width=(num(x(high) - x(claim.number))) height=(num(BAR))
                                        fill=(light) {}
                                }
                                rect x=(num(PLOT_LEFT)) y=(num(by))
                                    width=(num(x(claim.number) - PLOT_LEFT)) height=(num(BAR)) fill=(color) {
                                    title { (r.outlet) ", " (kind.label()) ": " (claim.number_text()) }
                                }
                                text x=(num(x(claim.high.unwrap_or(claim.number).max(claim.number)) + 4.0))
                                    y=(num(by + BAR - 2.0)) font-size="10" fill="#1d1f23" {
                                    (claim.number_text())
                                }
                            }
                            None => {
                                text x=(num(PLOT_LEFT + 4.0)) y=(num(by + BAR - 2.0)) font-size="10"
                                    fill="#8a8f98" { "no " (kind.label()) " figure" }
                            }
                        }
                    }
                }
            }
            "\n"
        }
        "\n"
    }
}

fn provenance(doc: &ReportDocument) -> Markup {
    html! {
        section #provenance {
            h2 { "Provenance" }
            "\n"
            p.muted { "Where each article came from in the library." }
            div.scroll {
                table {
                    thead {
                        tr {
                            th { "Outlet" } th { "Article" } th { "File" } th { "Imported" }
                            th { "Content hash" }
                        }
                        "\n"
                    }
                    "\n"
                    tbody {
                        @for r in &doc.comparison.reports {
                            @let p = doc.provenance.iter().find(|p| p.article_id == r.article_id);
                            tr {
                                td { (r.outlet) }
                                td { (r.article_id) }
                                @match p {
                                    Some(p) => {
                                        td { code { (p.source_path) } }
                                        td { (time_of(&p.imported_at)) }
                                        td { code { (p.content_hash) } }
                                    }
                                    None => {
                                        td.muted colspan="3" { "not recorded" }
                                    }
                                }
                            }
                            "\n"
                        }
                    }
                }
            }
        }
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_runs_of_non_blank_lines_without_their_edges() {
        let text = "  First line\nsecond line  \n\n \n\nThird é\n";
        let ranges = paragraphs(text);
        let got: Vec<&str> = ranges.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, ["First line\nsecond line", "Third é"]);
    }

    #[test]
    fn a_region_list_covers_the_paragraph_exactly() {
        let passages = [
            Marked {
                start: 2,
                end: 5,
                also_in: None,
            },
            Marked {
                start: 8,
                end: 20,
                also_in: Some(vec![]),
            },
        ];
        let got: Vec<(usize, usize, bool)> = regions(0, 10, &passages)
            .into_iter()
            .map(|(s, e, p)| (s, e, p.is_some()))
            .collect();
        assert_eq!(
            got,
            [(0, 2, false), (2, 5, true), (5, 8, false), (8, 10, true)]
        );
    }
}
