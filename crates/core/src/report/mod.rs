//! Comparison reports people can hand on: the same content as the Compare view, with who
//! prepared it and when, each outlet's grades and rationale, and where each article came from.
//! Rendered as self-contained HTML, Markdown, CSV (the claims table and one row per report),
//! JSON or PDF (A4 pages with the fonts embedded). Every piece of text from an article goes through the format's escaping: HTML through
//! maud's templates, Markdown and CSV through the functions here and the csv crate.
//!
//! The document also carries the analysts' working layer on what it covers — the tags and notes
//! on the incident, on each report and on each outlet — with each note on a passage shown in its
//! context: [`NotedPassage::locate`] finds the passage in the article's text as it is now.

pub mod csv;
mod document;
pub mod html;
pub mod markdown;
pub mod pdf;

use serde::{Deserialize, Serialize};

use std::path::Path;

use crate::compare::missing::MissingFact;
use crate::compare::{Comparison, Report};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{Id, Target};

pub use document::report_document;

/// Where an article in the report came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub article_id: Id,
    pub source_path: String,
    pub imported_at: String,
    pub content_hash: String,
}

/// An analyst's current grade of an outlet, with the rationale they wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletRating {
    pub outlet: String,
    pub analyst: String,
    pub grade: String,
    pub rationale: String,
    pub rated_at: String,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    pub comparison: Comparison,
    /// One per report, in the comparison's order.
    pub provenance: Vec<Provenance>,
    /// The current rating of each analyst for each outlet in the comparison.
    pub ratings: Vec<OutletRating>,
    pub prepared_by: String,
    /// RFC 3339; the only thing that differs between two exports of the same incident.
    pub prepared_at: String,
    /// The analysts' tags and notes on the incident, its reports and their outlets.
    #[serde(default)]
    pub working: WorkingLayer,
}

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Csv,
    Json,
    Pdf,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Pdf,
        Format::Markdown,
        Format::Csv,
        Format::Json,
    ];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Pdf => "pdf",
        }
    }

    /// Whether the format is text (everything but PDF).
    pub fn is_text(self) -> bool {
        self != Format::Pdf
    }

    /// The format a name or extension means: html, md/markdown, csv, json, pdf.
    pub fn parse(name: &str) -> Result<Format> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "pdf" => Ok(Format::Pdf),
            other => Err(Error::Invalid(format!(
                "unknown report format {other:?}: use html, md, csv, json or pdf"
            ))),
        }
    }
}

/// The report in a text `format`. PDF is not text: ask [`render_bytes`] for it.
pub fn render(doc: &ReportDocument, format: Format) -> Result<String> {
    match format {
        Format::Html => Ok(html::render(doc)),
        Format::Markdown => Ok(markdown::render(doc)),
        Format::Csv => csv::render(doc),
        Format::Json => serde_json::to_string_pretty(doc)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| Error::Invalid(format!("report as JSON: {e}"))),
        Format::Pdf => Err(Error::Invalid(
            "a PDF report is not text: write it to a file".into(),
        )),
    }
}

/// The report in `format` as the bytes of its file: UTF-8 for the text formats, a PDF for PDF.
pub fn render_bytes(doc: &ReportDocument, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Pdf => pdf::render(doc),
        text => render(doc, text).map(String::into_bytes),
    }
}

/// Writes the report of `comparison`, prepared by `analyst` now (the library's clock), to `path`
/// in `format`: what File > Export report… and `triangulate report --out` do. Nothing is
/// written when rendering fails; an I/O error names the path.
pub fn export(
    library: &Library,
    comparison: Comparison,
    analyst: &str,
    format: Format,
    path: &Path,
) -> Result<()> {
    let now = crate::library::clock::now();
    let doc = report_document(library, comparison, analyst, &now)?;
    let bytes = render_bytes(&doc, format)?;
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A stored time as a reader reads it: "2026-12-06T19:42:05.142Z" → "6 Dec 2026, 19:42 UTC",
/// "2025-03-14T09:00:00+03:00" → "14 Mar 2025, 09:00 UTC+03:00", "2025-03-14" → "14 Mar 2025".
/// Anything else is given back as it is. The ISO form stays in the JSON and in HTML's
/// `datetime` attributes.
pub fn readable_time(time: &str) -> String {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let t = time.trim();
    let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        let zone = if at.offset().local_minus_utc() == 0 {
            "UTC".to_string()
        } else {
            format!("UTC{}", at.format("%:z"))
        };
        return format!("{}, {} {zone}", day(at.date_naive()), at.format("%H:%M"));
    }
    for layout in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(t, layout) {
            return format!("{}, {}", day(at.date()), at.format("%H:%M"));
        }
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) => day(d),
        Err(_) => time.to_string(),
    }
}

/// A cell of the claims table as a reader reads it: the date row's times through
/// [`readable_time`], every other fact as the comparison states it.
pub fn fact_shown(fact: &str, value: &str) -> String {
    if fact == "date" {
        readable_time(value)
    } else {
        value.to_string()
    }
}

/// A report's missing facts of one kind for which it gives the same thing instead (or nothing):
/// shown once for the group, not on every row.
#[derive(Debug)]
pub struct MissingGroup<'a> {
    /// "figure", "actor", "place", "source".
    pub kind: &'static str,
    /// What the report gives instead, e.g. "19 killed, 23 killed".
    pub instead: Option<&'a str>,
    pub facts: Vec<&'a MissingFact>,
}

/// `facts` grouped by kind and by what the report gives instead, in the order each group is
/// first met.
pub fn missing_groups(facts: &[MissingFact]) -> Vec<MissingGroup<'_>> {
    let mut groups: Vec<MissingGroup<'_>> = Vec::new();
    for f in facts {
        let (kind, instead) = (f.category.label(), f.instead.as_deref());
        match groups
            .iter_mut()
            .find(|g| g.kind == kind && g.instead == instead)
        {
            Some(g) => g.facts.push(f),
            None => groups.push(MissingGroup {
                kind,
                instead,
                facts: vec![f],
            }),
        }
    }
    groups
}

/// The report's title: the incident's, or a plain one for hand-picked articles.
pub fn title(doc: &ReportDocument) -> String {
    let t = doc.comparison.incident.title.trim();
    if t.is_empty() {
        "Comparison of reports".to_string()
    } else {
        format!("Comparison of reports: {t}")
    }
}

/// The analysts' tags and notes on what a report covers, as the library held them when it was
/// prepared. Only things that carry a tag or a note are listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingLayer {
    /// The incident's, when the comparison is of an incident.
    #[serde(default)]
    pub incident: Option<Annotations>,
    /// Each report's (article's), in the comparison's order.
    #[serde(default)]
    pub reports: Vec<Annotations>,
    /// Each outlet's, in the order the reports first name them.
    #[serde(default)]
    pub outlets: Vec<Annotations>,
}

impl WorkingLayer {
    /// Whether nothing in the report carries a tag or a note.
    pub fn is_empty(&self) -> bool {
        self.incident.is_none() && self.reports.is_empty() && self.outlets.is_empty()
    }

    /// Everything listed: the incident's first, then the reports', then the outlets'.
    pub fn all(&self) -> impl Iterator<Item = &Annotations> {
        self.incident
            .iter()
            .chain(&self.reports)
            .chain(&self.outlets)
    }
}

/// The tags and notes on one thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotations {
    pub target: Target,
    /// What it is, as shown: the incident's title, the article's headline, the outlet's name.
    pub label: String,
    /// Tag names, in name order.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Oldest first.
    #[serde(default)]
    pub notes: Vec<ReportNote>,
}

impl Annotations {
    /// Whether it carries neither a tag nor a note.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty() && self.notes.is_empty()
    }
}

/// A note as a report shows it: who wrote it and when, and the passage it marks, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportNote {
    pub author: String,
    pub created_at: String,
    #[serde(default)]
    pub edited_at: Option<String>,
    pub text: String,
    /// For a note on a passage of an article: the passage, found in the article's text.
    #[serde(default)]
    pub passage: Option<NotedPassage>,
}

/// How a noted passage was found in its article's text as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassageFound {
    /// At its stored byte range, which still holds the words it marked.
    Span,
    /// By its words: the stored range no longer fits the text or holds other words.
    Quote,
    /// Not at all: only the words it marked are shown.
    NotFound,
}

/// A passage a note marks, with the words of the article around it: up to [`CONTEXT_WORDS`] on
/// each side, within the passage's paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotedPassage {
    /// The words the note marked when it was written.
    #[serde(default)]
    pub quote: Option<String>,
    /// The byte range of the article's full text stored with the note.
    #[serde(default)]
    pub span: Option<(usize, usize)>,
    pub found: PassageFound,
    /// The words before the passage in its paragraph, at most [`CONTEXT_WORDS`] (empty when it
    /// was not found).
    #[serde(default)]
    pub before: String,
    /// The passage as the text has it now (the quote when it was not found).
    pub text: String,
    /// The words after it in its paragraph, at most [`CONTEXT_WORDS`].
    #[serde(default)]
    pub after: String,
    /// Whether the paragraph goes on before `before` (and after `after`): where to show "…".
    #[serde(default)]
    pub more_before: bool,
    #[serde(default)]
    pub more_after: bool,
}

/// How many words of context a noted passage gets on each side.
pub const CONTEXT_WORDS: usize = 20;

impl NotedPassage {
    /// Finds a noted passage in `text` (the article's full text): at `span` when it lies on
    /// character boundaries inside the text and holds `quote`; else at the occurrence of `quote`
    /// nearest the span's start; else nowhere. Never panics, whatever the span.
    pub fn locate(text: &str, span: Option<(usize, usize)>, quote: Option<&str>) -> NotedPassage {
        let at_span = span.filter(|&(s, e)| {
            s < e
                && text
                    .get(s..e)
                    .is_some_and(|words| quote.is_none_or(|q| q == words))
        });
        let by_quote = || {
            let quote = quote.filter(|q| !q.trim().is_empty())?;
            let near = span.map_or(0, |(s, _)| s);
            [quote, quote.trim()].into_iter().find_map(|q| {
                text.match_indices(q)
                    .map(|(s, _)| s)
                    .min_by_key(|s| s.abs_diff(near))
                    .map(|s| (s, s + q.len()))
            })
        };
        let (found, range) = match at_span {
            Some(range) => (PassageFound::Span, Some(range)),
            None => match by_quote() {
                Some(range) => (PassageFound::Quote, Some(range)),
                None => (PassageFound::NotFound, None),
            },
        };
        let quote_owned = quote.map(str::to_string);
        let Some((start, end)) = range else {
            return NotedPassage {
                text: quote_owned.clone().unwrap_or_default(),
                quote: quote_owned,
                span,
                found,
                before: String::new(),
                after: String::new(),
                more_before: false,
                more_after: false,
            };
        };
        let (from, more_before) = context_start(text, start, CONTEXT_WORDS);
        let (to, more_after) = context_end(text, end, CONTEXT_WORDS);
        NotedPassage {
            quote: quote_owned,
            span,
            found,
            before: text[from..start].trim_start().to_string(),
            text: text[start..end].to_string(),
            after: text[end..to].trim_end().to_string(),
            more_before,
            more_after,
        }
    }
}

/// Where the context before `at` begins: `words` words back, or the start of `at`'s paragraph
/// (after a blank line) or of the text if that comes first; and whether the words ran out first.
fn context_start(text: &str, at: usize, words: usize) -> (usize, bool) {
    let back = text[..at]
        .char_indices()
        .rev()
        .map(|(i, c)| (i + c.len_utf8(), c));
    context_edge(back, words).unwrap_or((0, false))
}

/// Where the context after `at` ends, as [`context_start`] going forward.
fn context_end(text: &str, at: usize, words: usize) -> (usize, bool) {
    let on = text[at..].char_indices().map(|(i, c)| (at + i, c));
    context_edge(on, words).unwrap_or((text.len(), false))
}

/// Walks away from a passage over `chars` (each with the byte offset on the passage's side of
/// it) and stops at the whitespace after the `words`-th word (true) or at a blank line (false);
/// `None` when the text ends first.
fn context_edge(chars: impl Iterator<Item = (usize, char)>, words: usize) -> Option<(usize, bool)> {
    let mut seen = 0;
    let mut in_word = false;
    let mut line_breaks = 0;
    for (edge, c) in chars {
        if !c.is_whitespace() {
            in_word = true;
            line_breaks = 0;
            continue;
        }
        if in_word {
            seen += 1;
            if seen == words {
                return Some((edge, true));
            }
        }
        in_word = false;
        if c == '\n' {
            line_breaks += 1;
            if line_breaks == 2 {
                return Some((edge, false));
            }
        }
    }
    None
}

/// What a set of tags and notes is on, as text: "Incident: …", "OUTLET: label (article N)",
/// "Outlet: …"; `escape` readies text taken from articles for the format (Markdown's cells).
fn annotated_heading(
    doc: &ReportDocument,
    a: &Annotations,
    escape: impl Fn(&str) -> String,
) -> String {
    match a.target {
        Target::Incident(_) => format!("Incident: {}", escape(&a.label)),
        Target::Article(id) => {
            let outlet = doc
                .comparison
                .reports
                .iter()
                .find(|r| r.article_id == id)
                .map(|r| format!("{}: ", escape(&r.outlet)))
                .unwrap_or_default();
            format!("{outlet}{} (article {id})", escape(&a.label))
        }
        Target::Outlet(_) => format!("Outlet: {}", escape(&a.label)),
    }
}

/// Distinct values (case-insensitive) with how often each occurs, in order of first use.
fn tally<S: AsRef<str>>(values: impl Iterator<Item = S>) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for v in values {
        let v = v.as_ref();
        let key = v.to_lowercase();
        match out.iter_mut().find(|(seen, _)| seen.to_lowercase() == key) {
            Some((_, n)) => *n += 1,
            None => out.push((v.to_string(), 1)),
        }
    }
    out
}

/// The outlets of the reports, each once, in the reports' order.
fn distinct_outlets(reports: &[Report]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for r in reports {
        if !out.contains(&r.outlet.as_str()) {
            out.push(&r.outlet);
        }
    }
    out
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod readable_time_tests {
    use super::readable_time;

    #[test]
    fn stored_times_read_as_a_day_month_year_and_minutes() {
        assert_eq!(
            readable_time("2026-12-06T19:42:58.142Z"),
            "6 Dec 2026, 19:42 UTC"
        );
        assert_eq!(
            readable_time("2025-03-14T09:00:00+00:00"),
            "14 Mar 2025, 09:00 UTC"
        );
        assert_eq!(
            readable_time("2025-03-14T09:00:00+03:00"),
            "14 Mar 2025, 09:00 UTC+03:00"
        );
        assert_eq!(readable_time("2025-03-14 09:05:00"), "14 Mar 2025, 09:05");
        assert_eq!(readable_time("2025-03-14"), "14 Mar 2025");
    }

    #[test]
    fn anything_that_is_not_a_time_is_kept_as_written() {
        assert_eq!(readable_time("2025-03-14T09:0é"), "2025-03-14T09:0é");
        assert_eq!(readable_time("spring 2025"), "spring 2025");
        assert_eq!(readable_time(""), "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "One two three. The shelling began at dawn, said Ümit. Four five six.";

    fn range_of(words: &str) -> (usize, usize) {
        let s = TEXT.find(words).unwrap();
        (s, s + words.len())
    }

    #[test]
    fn a_passage_is_found_at_its_span_with_the_words_around_it() {
        let span = range_of("began at dawn");
        let p = NotedPassage::locate(TEXT, Some(span), Some("began at dawn"));
        assert_eq!(p.found, PassageFound::Span);
        assert_eq!(p.text, "began at dawn");
        assert_eq!(p.before, "One two three. The shelling ");
        assert_eq!(p.after, ", said Ümit. Four five six.");
        assert!(!p.more_before && !p.more_after);
    }

    #[test]
    fn context_stops_after_its_count_of_words_and_says_there_is_more() {
        let words: Vec<String> = (0..100).map(|n| format!("w{n}")).collect();
        let text = words.join(" ");
        let s = text.find("w50").unwrap();
        let p = NotedPassage::locate(&text, Some((s, s + 3)), Some("w50"));
        assert_eq!(p.before.split_whitespace().count(), CONTEXT_WORDS);
        assert_eq!(p.after.split_whitespace().count(), CONTEXT_WORDS);
        assert!(p.before.starts_with("w30 ") && p.after.ends_with(" w70"));
        assert!(p.more_before && p.more_after);
    }

    #[test]
    fn context_stays_within_the_passages_paragraph() {
        let text = "Dateline 2025\n\nFirst words of the paragraph, the noted words,\nits last words.\n \nNext paragraph.";
        let s = text.find("the noted words").unwrap();
        let p = NotedPassage::locate(text, Some((s, s + 15)), Some("the noted words"));
        assert_eq!(p.before, "First words of the paragraph, ");
        assert_eq!(p.after, ",\nits last words.");
        assert!(!p.more_before && !p.more_after);
    }

    #[test]
    fn a_span_that_no_longer_fits_falls_back_to_the_quote() {
        let len = TEXT.len();
        // Past the end, inside the "Ü", and on other words.
        let u = TEXT.find('Ü').unwrap();
        for span in [(len + 5, len + 20), (u + 1, u + 4), range_of("Four five")] {
            let p = NotedPassage::locate(TEXT, Some(span), Some("began at dawn"));
            assert_eq!(p.found, PassageFound::Quote, "{span:?}");
            assert_eq!(p.text, "began at dawn");
            assert_eq!(p.span, Some(span));
        }
    }

    #[test]
    fn a_passage_neither_span_nor_quote_finds_shows_its_quote_alone() {
        let p = NotedPassage::locate(TEXT, Some((500, 900)), Some("not in the text"));
        assert_eq!(p.found, PassageFound::NotFound);
        assert_eq!(p.text, "not in the text");
        assert!(p.before.is_empty() && p.after.is_empty());
        let p = NotedPassage::locate(TEXT, Some((9, 3)), None);
        assert_eq!(p.found, PassageFound::NotFound);
        assert_eq!(p.text, "");
    }

    #[test]
    fn of_several_occurrences_the_one_nearest_the_span_is_taken() {
        let text = "dawn raid. Later, another dawn raid. And a third dawn raid.";
        let second = text.match_indices("dawn raid").nth(1).unwrap().0;
        let p = NotedPassage::locate(text, Some((second + 2, 999)), Some("dawn raid"));
        assert_eq!(p.found, PassageFound::Quote);
        assert_eq!(p.before, "dawn raid. Later, another ");
    }

    #[test]
    fn a_document_without_the_working_layer_still_reads() {
        let doc = ReportDocument {
            comparison: crate::compare::compare(
                Default::default(),
                &[],
                &crate::library::world::sample_lexicon(),
                &crate::library::world::sample_gazetteer(),
            ),
            provenance: Vec::new(),
            ratings: Vec::new(),
            prepared_by: "ana".into(),
            prepared_at: "2026-01-02T03:04:05Z".into(),
            working: WorkingLayer::default(),
        };
        let mut json: serde_json::Value =
            serde_json::from_str(&render(&doc, Format::Json).unwrap()).unwrap();
        json.as_object_mut().unwrap().remove("working");
        let back: ReportDocument = serde_json::from_value(json).unwrap();
        assert_eq!(back, doc);
    }
}
