//! The commands and their flags, as clap parses them. The doc comments are the help texts
//! (`triangulate help`, `triangulate COMMAND --help`), so they speak to the user; a change to a
//! name, a flag or a default here is a change to the contract in DESIGN.md.
//!
//! Types only: what a command does is in the file of its group.

use std::path::PathBuf;

use clap::Subcommand;

/// The commands. With none, the desktop app opens.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the desktop app on another library.
    Open {
        /// The library file to open (created if it does not exist).
        path: PathBuf,
    },
    /// Import article files or folders (recursively).
    Import {
        /// Files or folders to import.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The outlet for articles whose files and folders do not name one.
        #[arg(long)]
        outlet: Option<String>,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// List articles, newest first.
    Articles {
        /// Only this outlet's articles (name or alias).
        #[arg(long)]
        outlet: Option<String>,
        /// Only articles carrying this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Only articles in this collection (a saved filter or a hand-picked set).
        #[arg(long)]
        collection: Option<String>,
        /// At most this many.
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Show one article: its cleaned body, its raw text, what cleaning removed, where its date
    /// came from and the analysts' corrections; or correct it (`article edit ID`).
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    Article {
        /// The article's id.
        #[arg(required = true)]
        id: Option<i64>,
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<ArticleAction>,
    },
    /// Full-text search, ranked, with snippets: articles whose text or whose notes match.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Only articles carrying this tag.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List outlets with their article counts, current ratings and axis values.
    Outlets {
        /// Only outlets carrying this tag.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
        /// Only outlets whose axis NAME currently has VALUE (e.g. state-affiliated=yes; an empty
        /// VALUE lists those without one); repeatable, all must hold.
        #[arg(long = "axis", value_name = "NAME=VALUE")]
        axes: Vec<String>,
        /// Only outlets whose desk grade and a reference list are at opposite ends (the desk
        /// rates A or B and the list says low, or D or E and it says high), with why.
        #[arg(long)]
        reference_disagrees: bool,
    },
    /// Write a note on an article, an outlet or an incident, or on a passage of an article.
    Note {
        /// What the note is on: article, outlet or incident.
        on: On,
        /// The article or incident id, or the outlet's name.
        target: String,
        /// The note.
        #[arg(long)]
        text: String,
        /// Words of the article the note is on (its first occurrence in the text).
        #[arg(long)]
        quote: Option<String>,
        /// Who writes (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// List notes, newest first, or search them.
    Notes {
        /// Full-text search of the notes and the passages they mark.
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Tag articles, outlets or incidents (many at once), or take a tag off them.
    Tag {
        /// What to tag: article, outlet or incident.
        on: On,
        /// Article or incident ids, or outlet names.
        #[arg(required = true)]
        targets: Vec<String>,
        /// The tag.
        #[arg(long)]
        tag: String,
        /// Take the tag off instead (it goes to the trash).
        #[arg(long)]
        remove: bool,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Every tag, with how many articles, outlets and incidents carry it.
    Tags {
        #[arg(long)]
        json: bool,
    },
    /// Collections of articles: saved filters and hand-picked sets.
    Collection {
        #[command(subcommand)]
        action: CollectionAction,
    },
    /// Every collection.
    Collections {
        #[arg(long)]
        json: bool,
    },
    /// Rate an outlet's reliability (Admiralty grade A–F); ratings are never overwritten.
    Rate {
        /// The outlet (name or alias).
        outlet: String,
        /// A (completely reliable) … E (unreliable), F (cannot be judged).
        #[arg(long)]
        grade: String,
        /// Who rates.
        #[arg(long)]
        analyst: String,
        /// A checklist answer, KEY=yes|no|partly|unknown (see assets/criteria.toml); repeatable.
        #[arg(long = "criterion", value_name = "KEY=VALUE")]
        criteria: Vec<String>,
        /// The rationale.
        #[arg(long, default_value = "")]
        note: String,
        /// Articles that show the grade is deserved (ids, comma-separated).
        #[arg(long, value_delimiter = ',')]
        evidence: Vec<i64>,
    },
    /// Mark an article's information credibility (Admiralty 1–6).
    Assess {
        article: i64,
        /// 1 (confirmed by other sources) … 5 (improbable), 6 (cannot be judged).
        #[arg(long)]
        credibility: u8,
        #[arg(long)]
        analyst: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Reference lists: ratings of outlets published by others (Media Bias/Fact Check,
    /// NewsGuard, an academic list), kept as published beside the desk's grades and never in
    /// them. Import a list, see what it matches, match rows by hand, adopt a row as your own
    /// rating, delete a list.
    Reference {
        #[command(subcommand)]
        action: ReferenceAction,
    },
    /// Ratings history, and the ratings file that moves ratings between libraries.
    Ratings {
        #[command(subcommand)]
        action: RatingsAction,
    },
    /// Link reports: find exact copies, near copies and reports of the same incident, and
    /// refresh the suggestion queue. Only articles not linked before are analysed.
    Link {
        /// Forget the stored linking state and analyse every article again.
        #[arg(long)]
        rebuild: bool,
        #[arg(long)]
        json: bool,
    },
    /// The suggestion queue (best first).
    Suggestions {
        #[arg(long)]
        json: bool,
    },
    /// Accept or reject a suggestion.
    Suggestion {
        #[command(subcommand)]
        action: SuggestionAction,
    },
    /// List incidents, newest first.
    Incidents {
        /// Only incidents carrying this tag.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Create, change and show incidents.
    Incident {
        #[command(subcommand)]
        action: IncidentAction,
    },
    /// Compare how the reports of one incident (or hand-picked articles) frame the event: the
    /// numbers each claims, whom each cites, what each calls the actors, loaded words, hedges,
    /// and the passages they share or carry alone.
    Compare {
        /// The incident.
        #[arg(required_unless_present = "articles")]
        incident: Option<triangulate_core::model::Id>,
        /// Compare these articles instead (ids, comma-separated; 2 to 12).
        #[arg(long, value_delimiter = ',', conflicts_with = "incident")]
        articles: Vec<triangulate_core::model::Id>,
        #[arg(long)]
        json: bool,
    },
    /// Export the comparison of an incident's reports as a report to hand on.
    Report {
        /// The incident.
        #[arg(required_unless_present = "articles")]
        incident: Option<triangulate_core::model::Id>,
        /// Report on these articles instead (ids, comma-separated; 2 to 12).
        #[arg(long, value_delimiter = ',', conflicts_with = "incident")]
        articles: Vec<triangulate_core::model::Id>,
        /// html, md, csv, json or pdf (a PDF needs --out).
        #[arg(long, default_value = "html")]
        format: String,
        /// The file to write (default: standard output; a PDF is written to a file only).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Who prepared the report.
        #[arg(long)]
        analyst: Option<String>,
    },
    /// The library's own additions to the gazetteer of place names.
    Place {
        #[command(subcommand)]
        action: PlaceAction,
    },
    /// Pairwise precision, recall and F1 of the library's incidents and open same-incident
    /// suggestions against labelled groups: a JSON file with `same_event_groups`, lists of the
    /// file names (or paths ending so) of articles that report one event.
    EvaluateLinks {
        truth: PathBuf,
        /// Count only suggestions scoring above this (the analyst's incidents always count).
        #[arg(long, default_value_t = 0.5)]
        min_score: f64,
        #[arg(long)]
        json: bool,
    },
    /// Change outlets: merge two spellings of one outlet, or assign articles to an outlet.
    Outlet {
        #[command(subcommand)]
        action: OutletAction,
    },
    /// Delete articles. They go to the trash, from which `trash restore` brings them back.
    Delete {
        /// Article ids.
        #[arg(required = true)]
        articles: Vec<i64>,
        /// Who deletes (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// What destructive edits removed (deleted articles, ratings, outlets and reference lists,
    /// merged outlets and incidents), kept until the trash is emptied.
    Trash {
        #[command(subcommand)]
        action: Option<TrashAction>,
        #[arg(long)]
        json: bool,
    },
    /// Copy the library, while it may be in use, to a new file (SQLite's online backup).
    Backup {
        /// The backup file to write (default: beside the library, named with the date and time).
        out: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Check the library's integrity; exit 0 when sound.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Fill an empty library with synthetic articles, outlets, incidents and ratings (for
    /// benchmarks and trying the program at scale).
    Synth {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 360)]
        outlets: usize,
        #[arg(long, default_value_t = 1_000)]
        incidents: usize,
        /// Mean words per article.
        #[arg(long, default_value_t = 250)]
        words: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Fill a new, empty library with the sample: invented outlets' articles, two sample
    /// analysts' ratings (with one disagreement), an accepted incident and open suggestions, as
    /// the app's first run does. A library that already holds articles is refused.
    Sample {
        #[arg(long)]
        json: bool,
    },
    /// The disagreement queue: outlets whose current grades by two analysts are two or more
    /// steps apart (A–E; F is no opinion), articles whose credibility marks are (1–5; 6 is no
    /// opinion), with both analysts' rationales; resolved ones are left out.
    Disagreements {
        #[arg(long)]
        json: bool,
    },
    /// Record the resolution of a disagreement; both analysts' ratings stay as they were, and an
    /// agreed grade becomes each one's new rating.
    Resolve {
        /// outlet or article.
        kind: String,
        /// The outlet (name, alias or id) or the article (id).
        id: String,
        /// Who resolves.
        #[arg(long)]
        analyst: String,
        /// What was decided and why.
        #[arg(long)]
        note: String,
        /// The agreed grade (A–F for an outlet, 1–6 for an article), recorded as a new rating
        /// or mark of each analyst in the disagreement, naming the resolution.
        #[arg(long)]
        grade: Option<String>,
    },
    /// Define rating axes of your own and set their values for outlets.
    Axis {
        #[command(subcommand)]
        action: AxisAction,
    },
    /// List the rating axes.
    Axes {
        #[arg(long)]
        json: bool,
    },
    /// The information credibility suggested for each report of an incident: 1 (confirmed by
    /// other sources) when independent sources give the same figure, with why, beside the
    /// analysts' current marks. `--accept ARTICLE --analyst NAME` records a suggestion.
    Corroboration {
        /// The incident.
        incident: triangulate_core::model::Id,
        /// Record the suggestion for this article (one of the incident's reports).
        #[arg(long, value_name = "ARTICLE", requires = "analyst")]
        accept: Option<triangulate_core::model::Id>,
        /// Who accepts the suggestion.
        #[arg(long)]
        analyst: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// What a note or tag is on, as the command line names it.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum On {
    Article,
    Outlet,
    Incident,
}

impl From<On> for triangulate_core::model::TargetKind {
    fn from(on: On) -> Self {
        match on {
            On::Article => Self::Article,
            On::Outlet => Self::Outlet,
            On::Incident => Self::Incident,
        }
    }
}

/// Rating axes beyond reliability.
#[derive(Debug, Subcommand)]
pub enum AxisAction {
    /// Define an axis.
    Add {
        /// Its name, e.g. state-affiliated.
        name: String,
        /// yes-no, choice or text.
        #[arg(long)]
        kind: String,
        /// The values of a choice axis (comma-separated).
        #[arg(long, value_delimiter = ',')]
        choices: Vec<String>,
        /// Who defines it (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Set axis values for an outlet (kept with the earlier ones: append-only).
    Set {
        /// The outlet (name or alias).
        outlet: String,
        /// NAME=VALUE; an empty VALUE clears the axis. Repeatable.
        #[arg(required = true, value_name = "NAME=VALUE")]
        values: Vec<String>,
        /// Who sets them.
        #[arg(long)]
        analyst: String,
    },
}

/// Collections of articles.
#[derive(Debug, Subcommand)]
pub enum CollectionAction {
    /// Make a collection: a hand-picked set (with --articles, or empty), or a saved filter
    /// (with --search, --tag or --outlet).
    New {
        name: String,
        /// Articles to put in a hand-picked set (ids, comma-separated).
        #[arg(long, value_delimiter = ',')]
        articles: Vec<i64>,
        /// Saved filter: search words.
        #[arg(long)]
        search: Option<String>,
        /// Saved filter: a tag.
        #[arg(long)]
        tag: Option<String>,
        /// Saved filter: an outlet (name or alias).
        #[arg(long)]
        outlet: Option<String>,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Add articles to a hand-picked set.
    Add {
        name: String,
        #[arg(required = true)]
        articles: Vec<i64>,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Take articles out of a hand-picked set (they go to the trash).
    Remove {
        name: String,
        #[arg(required = true)]
        articles: Vec<i64>,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Delete a collection (the articles stay; the collection goes to the trash).
    Delete {
        name: String,
        #[arg(long)]
        analyst: Option<String>,
    },
}

/// Reference lists.
#[derive(Debug, Subcommand)]
pub enum ReferenceAction {
    /// Import a CSV or TSV list: a column naming each outlet (its name or web domain) and one or
    /// more rating columns, kept as published. A list of a name already here gets a new dated
    /// version; the old one is kept. The same file twice is refused.
    Import {
        /// The list's file (CSV, TSV or semicolon-separated, with a header row).
        file: PathBuf,
        /// The list's name, such as the rater's: MBFC, NewsGuard.
        #[arg(long)]
        name: String,
        /// A column's role where its name does not say it: name, domain, link, reliability
        /// (of reliability or factuality), rating (any other, such as bias) or ignore;
        /// repeatable.
        #[arg(long = "map", value_name = "COLUMN=ROLE")]
        map: Vec<String>,
        /// The date the publisher gives this version (default: today's, as imported).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Who imports it (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
        /// Print what the import did as one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Every list with its versions, and how many outlets the current version matches.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The current version's rows that match outlets, with how each was matched; or, with
    /// --unmatched, the rows no outlet of the library matches.
    Show {
        /// The list's name.
        name: String,
        /// The rows no outlet matches (and no analyst set aside) instead.
        #[arg(long)]
        unmatched: bool,
        #[arg(long)]
        json: bool,
    },
    /// Match a row of the current version, by its line in the file, to an outlet by hand; or
    /// say it is no outlet of this library (--none); or take a hand match off (--clear).
    Match {
        /// The list's name.
        name: String,
        /// The row's line in the file (the header is line 1), as `reference show` gives it.
        line: i64,
        /// The outlet (name or alias).
        #[arg(required_unless_present_any = ["none", "clear"], conflicts_with_all = ["none", "clear"])]
        outlet: Option<String>,
        /// The row is no outlet of this library: matching leaves it alone.
        #[arg(long, conflicts_with = "clear")]
        none: bool,
        /// Take the hand match off: the row is matched by domain and name again.
        #[arg(long)]
        clear: bool,
        /// Who matches (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Record your own rating of an outlet from a list: a rating of yours like any other, with
    /// the list's row (as it is now) as its evidence.
    Adopt {
        /// The outlet (name or alias).
        outlet: String,
        /// The list's name.
        #[arg(long)]
        list: String,
        /// Your grade: A (completely reliable) … E (unreliable), F (cannot be judged).
        #[arg(long)]
        grade: String,
        /// Who rates.
        #[arg(long)]
        analyst: String,
        /// The rationale.
        #[arg(long, default_value = "")]
        note: String,
        /// The row to adopt, by its line in the file, where the list gives the outlet in
        /// several rows or in none that matched.
        #[arg(long)]
        line: Option<i64>,
    },
    /// Delete a list (every version, or one) to the trash; `trash restore` brings it back.
    /// Ratings adopted from it keep their copy of the row.
    Delete {
        /// The list's name.
        name: String,
        /// Only this version (its id, as `reference list` gives it).
        #[arg(long, value_name = "ID")]
        version: Option<triangulate_core::model::Id>,
        /// Who deletes (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
        /// Print the trash entry that holds it, as `trash --json` lists it.
        #[arg(long)]
        json: bool,
    },
}

/// Ratings files and history.
#[derive(Debug, Subcommand)]
pub enum RatingsAction {
    /// Write every rating and credibility mark to a JSON file.
    Export { file: PathBuf },
    /// Append the ratings of a file that this library does not have (never overwrites).
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// An outlet's ratings, oldest first, with what changed each time.
    History {
        outlet: String,
        #[arg(long)]
        json: bool,
    },
}

/// Decisions on suggestions. The analyst defaults to $TRIANGULATE_ANALYST, else the user name.
#[derive(Debug, Subcommand)]
pub enum SuggestionAction {
    /// Accept: the articles join one incident (a new one, or the one most of them are in).
    Accept {
        n: i64,
        #[arg(long)]
        analyst: Option<String>,
        /// Accept only these of its articles (ids, comma-separated); the others are remembered
        /// as not belonging with them.
        #[arg(long, value_delimiter = ',')]
        only: Vec<i64>,
    },
    /// Reject: the articles are not suggested together again.
    Reject {
        n: i64,
        #[arg(long)]
        analyst: Option<String>,
    },
}

/// Changes to incidents.
#[derive(Debug, Subcommand)]
pub enum IncidentAction {
    /// Create an incident.
    New {
        #[arg(long)]
        title: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        place: Option<String>,
        /// Its reports (article ids, comma-separated).
        #[arg(long, value_delimiter = ',')]
        articles: Vec<i64>,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Add articles to an incident.
    Add {
        id: i64,
        #[arg(required = true)]
        articles: Vec<i64>,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Take articles out of an incident.
    Remove {
        id: i64,
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Merge the second incident into the first.
    Merge {
        keep: i64,
        other: i64,
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Show an incident and its reports.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

/// The gazetteer.
#[derive(Debug, Subcommand)]
pub enum PlaceAction {
    /// Add other names of a place (a place the gazetteer knows, by any of its names, or a new one).
    Add {
        name: String,
        /// Another name; repeatable.
        #[arg(long = "also", required = true)]
        also: Vec<String>,
    },
    /// List the names this library added.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// Changes to outlets.
#[derive(Debug, Subcommand)]
pub enum OutletAction {
    /// Merge outlet FROM into INTO: its articles and ratings move, its name becomes an alias.
    Merge {
        /// The outlet that stays (name or alias).
        into: String,
        /// The outlet merged into it (name or alias).
        from: String,
    },
    /// Assign articles to an outlet (created if it does not exist).
    Assign {
        /// The outlet's name.
        outlet: String,
        /// Article ids.
        #[arg(required = true)]
        articles: Vec<i64>,
    },
    /// Rename an outlet. OLD stays its alias, so later imports and references by the old name
    /// still find it. A NEW that is another outlet's name or alias is refused: that is a merge.
    Rename {
        /// The outlet (name or alias).
        old: String,
        /// Its new name.
        new: String,
        /// Print the renamed outlet as `outlets --json` lists it.
        #[arg(long)]
        json: bool,
    },
    /// Delete an outlet with no articles. It goes to the trash with its ratings, axis values,
    /// notes and tags; `trash restore` brings it back.
    Delete {
        /// The outlet (name or alias).
        name: String,
        /// Who deletes (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
        /// Print the trash entry that holds it, as `trash --json` lists it.
        #[arg(long)]
        json: bool,
    },
}

/// Changes to one article.
#[derive(Debug, Subcommand)]
pub enum ArticleAction {
    /// Correct what the import read: the title, the publication date or the outlet. The
    /// correction is kept with who made it and what the article said before; the date's source
    /// becomes "analyst"; importing the file again never overwrites it.
    Edit {
        /// The article's id.
        id: i64,
        /// The title.
        #[arg(long)]
        title: Option<String>,
        /// The publication date, YYYY-MM-DD (not after today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The outlet (name or alias; a new name makes a new outlet).
        #[arg(long)]
        outlet: Option<String>,
        /// Who corrects (default: $TRIANGULATE_ANALYST, else the user name).
        #[arg(long)]
        analyst: Option<String>,
        /// Print the corrected article as `article ID --json` does.
        #[arg(long)]
        json: bool,
    },
}

/// The trash.
#[derive(Debug, Subcommand)]
pub enum TrashAction {
    /// Put back what a trash entry holds.
    Restore { entry: i64 },
    /// Remove everything in the trash for good.
    Empty,
}
