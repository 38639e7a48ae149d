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
    /// Where the date came from (`metadata`, `address`, `dateline`, `text`, `analyst`), as
    /// [`date_source_note`] words it; `None` where no date was found or the library predates
    /// sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
}

/// How the stored reason of a span the import kept as suspected begins (the rule's reason
/// follows): the span is stored as put back, and the text stays in the body until the analyst
/// confirms the cut.
pub const SUSPECTED_REASON: &str = "suspected, kept: ";

/// A passage of an article that is not the report's own text (an image caption, a credit, a
/// date line, share widgets, a story appended after the article), as Compare shows it apart: the
/// import's reason and the passage. Nothing in it is counted for the report's figures, sources
/// or places. `kept` marks a passage a rule would have cut but left in the text because it would
/// have taken most of the article: it is still read, and the analyst decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetApart {
    pub reason: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept: bool,
}

impl SetApart {
    /// Why it is apart, as Compare and reports word it: "image caption", or "kept, suspected:
    /// reader comments" for a passage left in the text.
    pub fn why(&self) -> String {
        if self.kept {
            format!("kept in the text, suspected: {}", self.reason)
        } else {
            self.reason.clone()
        }
    }
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
    /// Where `published` came from: `metadata`, `address`, `dateline`, `text` (found in the
    /// text: a guess) or `analyst` (a correction); `None` when the article has no date, written
    /// `"none"` in JSON so that every article carries one.
    #[serde(with = "none_as_word")]
    pub date_source: Option<String>,
    /// Where the import read the title (db/0013): `metadata`, `heading` (the page's h1, a text
    /// file's first line) or `text` (the body's first words); `None` for articles imported
    /// before sources were recorded. An analyst's correction is in `corrections`.
    #[serde(default)]
    pub title_source: Option<String>,
    /// Where the outlet came from (db/0013): `metadata`, `sidecar`, `import`, `first line`,
    /// `registry`, `address`, `folder`, `analyst` or `none`; `None` when not recorded.
    #[serde(default)]
    pub outlet_source: Option<String>,
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
    /// The analysts' corrections of its title, date and outlet, oldest first.
    #[serde(default)]
    pub corrections: Vec<ArticleCorrection>,
}

impl Article {
    /// The latest correction of `field` ("title", "date" or "outlet"), if an analyst made one:
    /// the value the article shows for that field is then the analyst's.
    pub fn corrected(&self, field: &str) -> Option<&ArticleCorrection> {
        self.corrections.iter().rev().find(|c| c.field == field)
    }

    /// How the outlet was found when neither the file nor the analyst (a sidecar, the import's
    /// outlet, a correction) named it: "from the page's address, through the registry of
    /// sources", for the analyst to check.
    pub fn outlet_found_note(&self) -> Option<&'static str> {
        let source = self.outlet_source.as_deref();
        let named = matches!(
            source,
            Some("metadata" | "sidecar" | "import" | "analyst" | "none")
        );
        if self.corrected("outlet").is_some() || named {
            return None;
        }
        outlet_source_note(source)
    }
}

/// What a date's source says beside the date, for a reader: "found in text — a guess", "from the
/// dateline"…; `None` for a date from the file's metadata, which needs no word, and for no date.
pub fn date_source_note(source: Option<&str>) -> Option<&'static str> {
    match source? {
        "address" => Some("from the address"),
        "dateline" => Some("from the dateline"),
        "text" => Some("found in text — a guess"),
        "analyst" => Some("set by an analyst"),
        _ => None,
    }
}

/// How an article's outlet was found, for a reader: "named by the page", "from the page's
/// address, through the registry of sources"…; `None` where not recorded or nothing named it.
pub fn outlet_source_note(source: Option<&str>) -> Option<&'static str> {
    match source? {
        "metadata" => Some("named by the file itself"),
        "sidecar" => Some("named by the outlet file in its folder"),
        "import" => Some("given at import"),
        "first line" => Some("the site's name on the file's first line"),
        "registry" => Some("from the page's address, through the registry of sources"),
        "address" => Some("the site of the page's address: no outlet name was found"),
        "folder" => Some("the folder's name, an outlet already known"),
        "analyst" => Some("assigned by an analyst"),
        _ => None,
    }
}

/// An analyst's correction of what the import read, as asked for: each field given replaces
/// the article's, each one left `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The title; not empty.
    pub title: Option<String>,
    /// The publication date, `YYYY-MM-DD`, not after today. Its source becomes `analyst`.
    pub date: Option<String>,
    /// The outlet's name or alias; a name no outlet has makes a new outlet.
    pub outlet: Option<String>,
}

/// One field an analyst corrected, as the article keeps it: what it was before, what it became,
/// who changed it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCorrection {
    pub id: Id,
    /// `title`, `date` or `outlet`.
    pub field: String,
    /// The value before; `None` for a date the article did not have.
    pub before: Option<String>,
    pub after: String,
    /// For a date: where the date before came from (`metadata`, `text`, … or `none`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_source: Option<String>,
    pub analyst: String,
    /// When (UTC, RFC 3339).
    pub corrected_at: String,
}

/// `Option<String>` written as the string, or `"none"` for `None` (and read back the same way).
mod none_as_word {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(value.as_deref().unwrap_or("none"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.filter(|s| s != "none"))
    }
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
    /// The median of the current grades, F excluded (see `ratings::combined_grade`).
    pub combined_grade: Option<String>,
    /// Steps between the best and worst current grade: how much the analysts disagree.
    pub spread: Option<u32>,
    /// Figures computed from the library, shown beside the human grades and never instead of them.
    pub signals: OutletSignals,
    /// The current value of each of the analyst's own axes that has one, by axis name.
    #[serde(default)]
    pub axes: std::collections::BTreeMap<String, String>,
    /// The tags on the outlet, by name.
    #[serde(default)]
    pub tags: Vec<String>,
    /// What reference lists publish about it, one per list: a rater apart, never part of the
    /// combined grade, the spread or agreement. Filled by `reference::attach` (the command
    /// line's `outlets` and the Outlets view); empty as `Library::outlets` returns it.
    #[serde(default)]
    pub references: Vec<OutletReference>,
}

/// What one reference list publishes about an outlet, and how its row was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletReference {
    /// The list's name ("MBFC").
    pub list: String,
    /// The current version's id and date (the publisher's, else the day it was imported).
    pub list_id: Id,
    pub version: String,
    /// How the row was found: `analyst` (matched by hand), `domain` (the outlet's articles or
    /// the registry of sources give the row's domain), `section` (the row rates a section of the
    /// outlet's site, "highline.huffingtonpost.com"), or `name` (the row's name, or its
    /// domain's, is the outlet's name or an alias).
    pub matched_by: String,
    /// The rows found that way: one, or more when the list gives the outlet more than once.
    pub entries: Vec<OutletReferenceEntry>,
    /// The rows give different values.
    pub conflicting: bool,
    /// Why the desk's combined grade and the list disagree, when they are at opposite ends
    /// ("the desk's B is on the reliable side; fact: low").
    pub disagreement: Option<String>,
}

/// A row of a reference list found for an outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletReferenceEntry {
    pub id: Id,
    /// The row's line in the list's file (the header is line 1).
    pub line: i64,
    /// The row as the list names its outlet: its name, its domain, or both.
    pub row: String,
    pub domain: Option<String>,
    /// The rater's page about the outlet.
    pub link: Option<String>,
    /// Each rating column's published value, in the file's order: (column, value).
    pub values: Vec<(String, String)>,
}

impl OutletReferenceEntry {
    /// Its values as shown: "high · left-center".
    pub fn shown(&self) -> String {
        self.values
            .iter()
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

impl OutletReference {
    /// Its values as shown: one row's, or each row's apart with "≠" where they conflict.
    pub fn shown(&self) -> String {
        let mut shown: Vec<String> = self
            .entries
            .iter()
            .map(OutletReferenceEntry::shown)
            .collect();
        shown.dedup();
        shown.join(" ≠ ")
    }
}

/// Signals computed from the library about one outlet. `None` where the library does not hold
/// what the signal needs yet (claims and lexicon matches come with framing comparison).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletSignals {
    pub articles: i64,
    /// Incidents it reported.
    pub incidents: i64,
    /// Incidents where its report is the earliest.
    pub first_to_report: i64,
    /// Its articles whose text is an exact copy of an earlier article of another outlet.
    pub copies_of_other_outlets: i64,
    /// Share of its articles in incidents whose casualty figures match the other outlets'.
    pub figures_match_share: Option<f64>,
    /// Loaded terms per 1,000 words.
    pub loaded_per_1000_words: Option<f64>,
    /// Share of its sentences that attribute a claim to a source.
    pub attributed_sentence_share: Option<f64>,
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
    /// The tags on the incident, by name.
    #[serde(default)]
    pub tags: Vec<String>,
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
    /// The incident accepting it extends: the one most of its articles already belong to.
    pub incident: Option<Id>,
    /// What accepting it creates when none of its articles is in an incident yet.
    pub proposal: Option<IncidentFields>,
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

/// An incident with its reports, as the incident page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentDetail {
    pub id: Id,
    pub title: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub summary: String,
    pub created_at: String,
    pub reports: Vec<IncidentReport>,
}

/// One report of an incident: the article and who linked it, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentReport {
    pub article: ArticleRow,
    pub linked_by: String,
    pub reason: String,
    pub linked_at: String,
}

/// The editable fields of an incident.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentFields {
    pub title: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub summary: String,
}

/// Another article whose text is a copy of an article's: what the reader lists under "Copies".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopyOf {
    pub article: ArticleRow,
    /// "exact_copy" or "near_copy".
    pub kind: String,
    /// Word 3-shingle Jaccard similarity (1 for an exact copy).
    pub similarity: f64,
}

/// What a note or a tag is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target {
    Article(Id),
    Outlet(Id),
    Incident(Id),
}

/// The kinds of thing a note or tag can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Article,
    Outlet,
    Incident,
}

impl TargetKind {
    /// The word for one of these things.
    pub fn word(self) -> &'static str {
        match self {
            TargetKind::Article => "article",
            TargetKind::Outlet => "outlet",
            TargetKind::Incident => "incident",
        }
    }

    /// The noun for `n` of these things: "1 article", "3 articles".
    pub fn noun(self, n: usize) -> &'static str {
        match (self, n) {
            (TargetKind::Article, 1) => "article",
            (TargetKind::Article, _) => "articles",
            (TargetKind::Outlet, 1) => "outlet",
            (TargetKind::Outlet, _) => "outlets",
            (TargetKind::Incident, 1) => "incident",
            (TargetKind::Incident, _) => "incidents",
        }
    }

    /// This kind's target with id `id`.
    pub fn with(self, id: Id) -> Target {
        match self {
            TargetKind::Article => Target::Article(id),
            TargetKind::Outlet => Target::Outlet(id),
            TargetKind::Incident => Target::Incident(id),
        }
    }
}

impl Target {
    /// The thing a row names by three columns, one of them set (article, outlet, incident); a
    /// row with none (which the schema's CHECK refuses) reads as article 0, found nowhere.
    pub fn from_columns(article: Option<Id>, outlet: Option<Id>, incident: Option<Id>) -> Target {
        match (article, outlet, incident) {
            (Some(a), _, _) => Target::Article(a),
            (_, Some(o), _) => Target::Outlet(o),
            (_, _, Some(i)) => Target::Incident(i),
            _ => Target::Article(0),
        }
    }

    /// Which kind of thing it is.
    pub fn kind(self) -> TargetKind {
        match self {
            Target::Article(_) => TargetKind::Article,
            Target::Outlet(_) => TargetKind::Outlet,
            Target::Incident(_) => TargetKind::Incident,
        }
    }

    /// Its id among its kind.
    pub fn id(self) -> Id {
        match self {
            Target::Article(id) | Target::Outlet(id) | Target::Incident(id) => id,
        }
    }
}
