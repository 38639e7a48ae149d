//! Domain types shared by the core and both front ends. Plain data: no storage, no UI.

use serde::{Deserialize, Serialize};

/// Identifier of a row in the library.
pub type Id = i64;

/// An article as listed in tables: what a row of the Library view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRow {
    pub id: Id,
    pub title: String,
    pub outlet: String,
    pub published: Option<String>,
    pub word_count: i64,
    pub language: Option<String>,
}

/// One span that cleaning cut from an article's text, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemovedSpan {
    pub id: Id,
    /// Byte offset into the article's `full_text`.
    pub start: usize,
    pub end: usize,
    pub reason: String,
    pub text: String,
    /// Whether the analyst put this span back into the body.
    pub restored: bool,
}

/// An article with everything the reader and `triangulate article` show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: Id,
    pub title: String,
    pub outlet: String,
    pub outlet_is_guess: bool,
    pub published: Option<String>,
    pub date_source: Option<String>,
    pub language: Option<String>,
    pub encoding: Option<String>,
    pub format: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub source_path: String,
    pub content_hash: String,
    pub imported_at: String,
    pub word_count: i64,
    /// Cleaned text.
    pub body: String,
    /// The text as extracted from the file, before cleaning; spans index into it.
    pub full_text: String,
    /// The decoded file (HTML, JSON, CSV row) where it differs from `full_text`.
    pub raw: String,
    pub removed: Vec<RemovedSpan>,
}

/// An outlet with the figures the Outlets view lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletSummary {
    pub id: Id,
    pub name: String,
    pub name_is_guess: bool,
    pub aliases: Vec<String>,
    pub article_count: i64,
    /// The latest grade of each analyst, as (analyst, grade).
    pub ratings: Vec<(String, String)>,
}

/// An incident with the figures the Incidents view lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentSummary {
    pub id: Id,
    pub title: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub report_count: i64,
    pub outlet_count: i64,
}

/// A link suggestion waiting for the analyst's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestionRow {
    pub id: Id,
    pub kind: String,
    pub score: f64,
    pub status: String,
    pub articles: Vec<Id>,
    pub evidence: Vec<String>,
}

/// One import run, as the Import log lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportBatch {
    pub id: Id,
    pub roots: Vec<String>,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: String,
    pub files_seen: i64,
    pub imported: i64,
    pub skipped_duplicates: i64,
    pub problems: Vec<ImportProblem>,
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub path: String,
    pub reason: String,
}

/// Counts the status bar shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryCounts {
    pub articles: i64,
    pub outlets: i64,
    pub incidents: i64,
    pub suggestions: i64,
    pub problems: i64,
}
