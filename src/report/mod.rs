//! Comparison reports people can hand on: the same content as the Compare view, with who
//! prepared it and when, each outlet's grades and rationale, and where each article came from.
//! Rendered as self-contained HTML, Markdown, CSV (the claims table and one row per report) or
//! JSON. Every piece of text from an article goes through the format's escaping: HTML through
//! maud's templates, Markdown and CSV through the functions here and the csv crate.

pub mod csv;
pub mod html;
pub mod markdown;

use serde::{Deserialize, Serialize};

use crate::compare::Comparison;
use crate::error::{Error, Result};
use crate::model::Id;

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
}

/// The formats a report is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Csv,
    Json,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Csv, Format::Json];

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The format a name or extension means: html, md/markdown, csv, json.
    pub fn parse(name: &str) -> Result<Format> {
        match name.to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(Error::Invalid(format!(
                "unknown report format {other:?}: use html, md, csv or json"
            ))),
        }
    }
}

/// The report in `format`.
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
    }
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
