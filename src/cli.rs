//! The command line: one function per command of DESIGN.md's contract. Results go to stdout (one
//! JSON document with `--json`), errors to stderr with a non-zero exit.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::import::{self, ImportOptions};
use crate::jobs::Progress;
use crate::library::{self, ArticleQuery, Library};

/// Triangulate: a workbench for judging news sources.
#[derive(Debug, Parser)]
#[command(name = "triangulate", version, about, long_about = None)]
pub struct Cli {
    /// The library file (default: library.sqlite in the platform's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub library: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

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
    /// Show one article: its cleaned body, its raw text, and what cleaning removed.
    Article {
        id: i64,
        #[arg(long)]
        json: bool,
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
    },
    /// Write a note on an article, an outlet or an incident, or on a passage of an article.
    Note {
        /// What the note is on: article, outlet or incident.
        on: crate::model::TargetKind,
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
        on: crate::model::TargetKind,
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
        incident: Option<crate::model::Id>,
        /// Compare these articles instead (ids, comma-separated; 2 to 12).
        #[arg(long, value_delimiter = ',', conflicts_with = "incident")]
        articles: Vec<crate::model::Id>,
        #[arg(long)]
        json: bool,
    },
    /// Export the comparison of an incident's reports as a report to hand on.
    Report {
        /// The incident.
        #[arg(required_unless_present = "articles")]
        incident: Option<crate::model::Id>,
        /// Report on these articles instead (ids, comma-separated; 2 to 12).
        #[arg(long, value_delimiter = ',', conflicts_with = "incident")]
        articles: Vec<crate::model::Id>,
        /// html, md, csv or json.
        #[arg(long, default_value = "html")]
        format: String,
        /// The file to write (default: standard output).
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
    /// What destructive edits removed (deleted articles and ratings, merged outlets and
    /// incidents), kept until the trash is emptied.
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
    /// The disagreement queue: outlets whose current grades by two analysts are two or more
    /// steps apart (A–E; F is no opinion), articles whose credibility marks are (1–5; 6 is no
    /// opinion), with both analysts' rationales; resolved ones are left out.
    Disagreements {
        #[arg(long)]
        json: bool,
    },
    /// Record the resolution of a disagreement; both analysts' ratings stay as they were.
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
        /// or mark by the resolving analyst.
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
        incident: crate::model::Id,
        /// Record the suggestion for this article (one of the incident's reports).
        #[arg(long, value_name = "ARTICLE", requires = "analyst")]
        accept: Option<crate::model::Id>,
        /// Who accepts the suggestion.
        #[arg(long)]
        analyst: Option<String>,
        #[arg(long)]
        json: bool,
    },
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
}

/// The trash.
#[derive(Debug, Subcommand)]
pub enum TrashAction {
    /// Put back what a trash entry holds.
    Restore { entry: i64 },
    /// Remove everything in the trash for good.
    Empty,
}

/// What `main` should do after parsing.
pub enum Outcome {
    /// Open the desktop app on this library (`None`: the default one).
    OpenApp(Option<PathBuf>),
    /// A command ran; exit with this code.
    Exit(i32),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let Some(command) = cli.command else {
        return Ok(Outcome::OpenApp(cli.library));
    };
    let library_path = match cli.library {
        Some(path) => path,
        None => library::default_library_path()?,
    };
    let open = || -> anyhow::Result<Library> {
        Library::open(&library_path).with_context(|| "opening the library".to_string())
    };
    // Commands that only read work beside another Triangulate that is writing the library.
    let read = || -> anyhow::Result<Library> {
        Library::open_or_read_only(&library_path).with_context(|| "opening the library".to_string())
    };
    match command {
        Command::Open { path } => Ok(Outcome::OpenApp(Some(path))),
        Command::Import {
            paths,
            outlet,
            json,
        } => import(open()?, &paths, outlet, json),
        Command::Articles {
            outlet,
            tag,
            collection,
            limit,
            json,
        } => {
            let library = read()?;
            if tag.is_some() || collection.is_some() {
                filtered_articles(&library, outlet, tag, collection, limit, json)
            } else {
                articles(&library, outlet, limit, json)
            }
        }
        Command::Article { id, json } => article(&read()?, id, json),
        Command::Search {
            query,
            limit,
            tag,
            json,
        } => search(&read()?, &query, limit, tag, json),
        Command::Outlets { tag, json, axes } => outlets(&read()?, tag, json, &axes),
        Command::Note {
            on,
            target,
            text,
            quote,
            analyst: who,
        } => note(open()?, on, &target, &text, quote, &analyst(who)),
        Command::Notes {
            search,
            limit,
            json,
        } => notes(&read()?, search, limit, json),
        Command::Tag {
            on,
            targets,
            tag,
            remove,
            analyst: who,
        } => tag_things(open()?, on, &targets, &tag, remove, &analyst(who)),
        Command::Tags { json } => tags(&read()?, json),
        Command::Collection { action } => collection(open()?, action),
        Command::Collections { json } => collections(&read()?, json),
        Command::Outlet { action } => outlet(open()?, action),
        Command::Rate {
            outlet,
            grade,
            analyst,
            criteria,
            note,
            evidence,
        } => rate(
            open()?,
            &outlet,
            &grade,
            &analyst,
            &criteria,
            note,
            evidence,
        ),
        Command::Assess {
            article,
            credibility,
            analyst,
            note,
        } => {
            let mut library = open()?;
            library.add_assessment(article, &analyst, credibility, &note)?;
            let meaning = crate::ratings::credibility_meaning(credibility).unwrap_or_default();
            println!("Article {article} marked {credibility} ({meaning}) by {analyst}.");
            Ok(Outcome::Exit(0))
        }
        Command::Ratings { action } => ratings(open()?, action),
        Command::Link { rebuild, json } => link(open()?, rebuild, json),
        Command::Suggestions { json } => suggestions(&read()?, json),
        Command::Suggestion { action } => suggestion(open()?, action),
        Command::Incidents { tag, json } => incidents(&read()?, tag, json),
        Command::Incident { action } => incident(open()?, action),
        Command::Place { action } => place(open()?, action),
        Command::Compare {
            incident,
            articles,
            json,
        } => compare(&read()?, incident, &articles, json),
        Command::Report {
            incident,
            articles,
            format,
            out,
            analyst: who,
        } => report(&read()?, incident, &articles, &format, out, analyst(who)),
        Command::EvaluateLinks { truth, json } => evaluate_links(&read()?, &truth, json),
        Command::Check { json } => check(&read()?, json),
        Command::Delete {
            articles,
            analyst: who,
        } => {
            let (n, undo) = open()?.delete_articles(&articles, &analyst(who))?;
            println!(
                "Deleted {n} article(s) ({}); `triangulate trash` lists them, `trash restore` brings them back.",
                undo.label
            );
            Ok(Outcome::Exit(0))
        }
        Command::Trash { action, json } => trash(&library_path, action, json),
        Command::Backup { out, json } => backup(&read()?, out, json),
        Command::Synth {
            articles,
            outlets,
            incidents,
            words,
            seed,
            json,
        } => {
            let spec = crate::library::synth::SynthSpec {
                articles,
                outlets,
                incidents,
                words,
                seed,
            };
            let summary = open()?.generate_synthetic(&spec, &Progress::new())?;
            if json {
                print_json(&summary)?;
            } else {
                println!(
                    "{} synthetic articles, {} outlets, {} incidents, {} ratings.",
                    summary.articles, summary.outlets, summary.incidents, summary.ratings
                );
            }
            Ok(Outcome::Exit(0))
        }
        Command::Disagreements { json } => disagreements(&read()?, json),
        Command::Resolve {
            kind,
            id,
            analyst,
            note,
            grade,
        } => resolve(open()?, &kind, &id, &analyst, note, grade),
        Command::Axis { action } => axis(open()?, action),
        Command::Axes { json } => axes(&read()?, json),
        Command::Corroboration {
            incident,
            accept,
            analyst,
            json,
        } => {
            // Only recording a mark writes: listing works beside a writing app.
            let library = if accept.is_some() { open()? } else { read()? };
            corroboration(library, incident, accept, analyst, json)
        }
    }
}

fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn import(
    mut library: Library,
    paths: &[PathBuf],
    outlet: Option<String>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let progress = Progress::new();
    let report = import::import_paths(&mut library, paths, &ImportOptions { outlet }, &progress)?;
    if json {
        print_json(&report)?;
    } else {
        println!(
            "{} files seen, {} imported, {} already in the library, {} problems",
            report.files_seen,
            report.imported,
            report.skipped_duplicates,
            report.problems.len()
        );
        for p in &report.problems {
            println!("  problem: {}: {}", p.path, p.reason);
        }
    }
    Ok(Outcome::Exit(0))
}

fn articles(
    library: &Library,
    outlet: Option<String>,
    limit: Option<usize>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let rows = library.articles(&ArticleQuery {
        outlet,
        limit,
        offset: 0,
    })?;
    print_article_rows(&rows, json)
}

fn article(library: &Library, id: i64, json: bool) -> anyhow::Result<Outcome> {
    let Some(a) = library.article(id)? else {
        bail!("no article {id} in {}", library.path().display());
    };
    let target = crate::model::Target::Article(id);
    let (tags, notes) = (library.tags_of(target)?, library.notes_of(target)?);
    let copies = library.copies_of(id)?;
    if json {
        #[derive(Serialize)]
        struct WithNotes<'a> {
            #[serde(flatten)]
            article: &'a crate::model::Article,
            tags: Vec<String>,
            notes: Vec<library::Note>,
            copies: Vec<crate::model::CopyOf>,
        }
        print_json(&WithNotes {
            article: &a,
            tags,
            notes,
            copies,
        })?;
    } else {
        println!(
            "{}\n{} · {} · {}",
            a.title,
            a.outlet,
            a.published.as_deref().unwrap_or("undated"),
            a.source_path
        );
        println!("\n{}\n", a.body);
        for span in &a.removed {
            println!("[removed: {}] {}", span.reason, span.text.trim());
        }
        if !tags.is_empty() {
            println!("\nTags: {}", tags.join(", "));
        }
        for n in &notes {
            print_note(n);
        }
        for c in &copies {
            println!(
                "[{} of article {}, {:.2}] {} · {}",
                c.kind.replace('_', " "),
                c.article.id,
                c.similarity,
                c.article.outlet,
                c.article.title
            );
        }
    }
    Ok(Outcome::Exit(0))
}

fn print_note(n: &library::Note) {
    let on = match &n.quote {
        Some(q) => format!(" on “{}”", truncate(q.trim(), 60)),
        None => String::new(),
    };
    println!(
        "[note {} by {}, {}{on}] {}",
        n.id,
        n.author,
        n.created_at.get(..10).unwrap_or(&n.created_at),
        n.text
    );
}

/// Articles under a tag or collection (and outlet), newest first.
fn filtered_articles(
    library: &Library,
    outlet: Option<String>,
    tag: Option<String>,
    collection: Option<String>,
    limit: Option<usize>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let mut filter = library::ArticleFilter::default();
    let mut search = String::new();
    if let Some(name) = &collection {
        let Some(c) = library.collection_named(name)? else {
            bail!("no collection named “{name}” (see `triangulate collections`)");
        };
        match c.filter {
            Some(saved) => {
                filter = saved.filter;
                search = saved.search;
            }
            None => filter.collection = Some(c.id),
        }
    }
    if let Some(name) = &outlet {
        filter.outlet = Some(
            library
                .outlet_id(name)?
                .with_context(|| format!("no outlet named “{name}”"))?,
        );
    }
    if let Some(name) = &tag {
        filter.tag = Some(tag_id(library, name)?);
    }
    let limit = limit.unwrap_or(1_000);
    let rows: Vec<crate::model::ArticleRow> = if search.trim().is_empty() {
        library
            .article_page(&filter, library::ArticleOrder::default(), None, 0, limit)?
            .into_iter()
            .map(|(row, _)| row)
            .collect()
    } else {
        let hits = library.search_articles(&search, &filter, limit)?;
        let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
        library.article_rows(&ids)?
    };
    print_article_rows(&rows, json)
}

/// Article rows as `articles` prints them: one JSON document, or a line each.
fn print_article_rows(rows: &[crate::model::ArticleRow], json: bool) -> anyhow::Result<Outcome> {
    if json {
        print_json(&rows)?;
    } else {
        for a in rows {
            println!(
                "{:>6}  {:<10}  {:<24}  {:>5}w  {}",
                a.id,
                a.published.as_deref().unwrap_or("—"),
                truncate(&a.outlet, 24),
                a.word_count,
                a.title
            );
        }
    }
    Ok(Outcome::Exit(0))
}

fn tag_id(library: &Library, name: &str) -> anyhow::Result<crate::model::Id> {
    library
        .tag_id(name)?
        .with_context(|| format!("no tag named “{name}” (see `triangulate tags`)"))
}

/// The ids of things of `kind` named on the command line: numbers, or outlet names.
fn target_ids(
    library: &Library,
    kind: crate::model::TargetKind,
    names: &[String],
) -> anyhow::Result<Vec<crate::model::Id>> {
    names
        .iter()
        .map(|name| match kind {
            crate::model::TargetKind::Outlet => library
                .outlet_id(name)?
                .with_context(|| format!("no outlet named “{name}”")),
            _ => name
                .trim()
                .trim_start_matches('#')
                .parse()
                .with_context(|| format!("“{name}” is not an {} id", kind.word())),
        })
        .collect()
}

fn note(
    mut library: Library,
    on: crate::model::TargetKind,
    target: &str,
    text: &str,
    quote: Option<String>,
    analyst: &str,
) -> anyhow::Result<Outcome> {
    let id = target_ids(&library, on, &[target.to_string()])?[0];
    let target = on.with(id);
    let span = match &quote {
        None => None,
        Some(words) => {
            let crate::model::Target::Article(article) = target else {
                bail!(
                    "--quote marks a passage of an article; this note is on an {}",
                    on.word()
                );
            };
            let a = library
                .article(article)?
                .with_context(|| format!("no article {article}"))?;
            let start = a
                .full_text
                .find(words.as_str())
                .with_context(|| format!("“{words}” is not in article {article}'s text"))?;
            Some((start, start + words.len()))
        }
    };
    let id = library.add_note(&library::NewNote {
        target,
        span,
        author: analyst.to_string(),
        text: text.to_string(),
    })?;
    println!("note {id} written on {} {}", on.word(), target.id());
    Ok(Outcome::Exit(0))
}

fn notes(
    library: &Library,
    search: Option<String>,
    limit: usize,
    json: bool,
) -> anyhow::Result<Outcome> {
    match search {
        Some(query) => {
            let hits = library.search_notes(&query, limit)?;
            if json {
                print_json(&hits)?;
            } else {
                for h in &hits {
                    println!(
                        "{:>5}  {} {} “{}” — {}\n       {}",
                        h.note.id,
                        h.note.target.kind().word(),
                        h.note.target.id(),
                        truncate(&h.note.target_label, 40),
                        h.note.author,
                        h.snippet.replace('\n', " ")
                    );
                }
            }
        }
        None => {
            let all = library.all_notes(limit)?;
            if json {
                print_json(&all)?;
            } else {
                for n in &all {
                    print!(
                        "{} {} “{}”: ",
                        n.target.kind().word(),
                        n.target.id(),
                        truncate(&n.target_label, 40)
                    );
                    print_note(n);
                }
            }
        }
    }
    Ok(Outcome::Exit(0))
}

fn tag_things(
    mut library: Library,
    on: crate::model::TargetKind,
    targets: &[String],
    tag: &str,
    remove: bool,
    analyst: &str,
) -> anyhow::Result<Outcome> {
    let ids = target_ids(&library, on, targets)?;
    if remove {
        let (n, _) = library.untag(on, &ids, tag, analyst)?;
        println!("took “{tag}” off {n} (kept in the trash)");
    } else {
        let (n, _) = library.tag(on, &ids, tag, analyst)?;
        println!("tagged {n} “{tag}” ({} already carried it)", ids.len() - n);
    }
    Ok(Outcome::Exit(0))
}

fn tags(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let all = library.tags()?;
    if json {
        print_json(&all)?;
    } else {
        for t in &all {
            println!(
                "{:<32} {:>6} articles {:>4} outlets {:>5} incidents",
                t.name, t.articles, t.outlets, t.incidents
            );
        }
    }
    Ok(Outcome::Exit(0))
}

fn collection(mut library: Library, action: CollectionAction) -> anyhow::Result<Outcome> {
    let named = |library: &Library, name: &str| -> anyhow::Result<library::Collection> {
        library.collection_named(name)?.with_context(|| {
            format!("no collection named “{name}” (see `triangulate collections`)")
        })
    };
    match action {
        CollectionAction::New {
            name,
            articles,
            search,
            tag,
            outlet,
            analyst: who,
        } => {
            let who = analyst(who);
            let saved = if search.is_some() || tag.is_some() || outlet.is_some() {
                if !articles.is_empty() {
                    bail!("a collection is a saved filter or a hand-picked set, not both");
                }
                let mut filter = library::ArticleFilter::default();
                if let Some(t) = &tag {
                    filter.tag = Some(tag_id(&library, t)?);
                }
                if let Some(o) = &outlet {
                    filter.outlet = Some(
                        library
                            .outlet_id(o)?
                            .with_context(|| format!("no outlet named “{o}”"))?,
                    );
                }
                Some(library::SavedFilter {
                    filter,
                    search: search.unwrap_or_default(),
                })
            } else {
                None
            };
            let id = library.create_collection(&name, saved.as_ref(), &who)?;
            if !articles.is_empty() {
                library.add_to_collection(id, &articles, &who)?;
            }
            println!("collection {id} “{name}” made");
        }
        CollectionAction::Add {
            name,
            articles,
            analyst: who,
        } => {
            let c = named(&library, &name)?;
            let (n, _) = library.add_to_collection(c.id, &articles, &analyst(who))?;
            println!("added {n} to “{}”", c.name);
        }
        CollectionAction::Remove {
            name,
            articles,
            analyst: who,
        } => {
            let c = named(&library, &name)?;
            let (n, _) = library.remove_from_collection(c.id, &articles, &analyst(who))?;
            println!("took {n} out of “{}” (kept in the trash)", c.name);
        }
        CollectionAction::Delete { name, analyst: who } => {
            let c = named(&library, &name)?;
            library.delete_collection(c.id, &analyst(who))?;
            println!("deleted “{}” (kept in the trash)", c.name);
        }
    }
    Ok(Outcome::Exit(0))
}

fn collections(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let all = library.collections()?;
    if json {
        print_json(&all)?;
    } else {
        for c in &all {
            let what = match &c.filter {
                Some(_) => "saved filter".to_string(),
                None => format!("{} articles", c.articles),
            };
            println!("{:>4}  {:<32} {what}  ({})", c.id, c.name, c.created_by);
        }
    }
    Ok(Outcome::Exit(0))
}

fn search(
    library: &Library,
    query: &str,
    limit: usize,
    tag: Option<String>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let filter = library::ArticleFilter {
        tag: tag.map(|t| tag_id(library, &t)).transpose()?,
        ..Default::default()
    };
    let hits = library.search_articles(query, &filter, limit)?;
    if json {
        print_json(&hits)?;
    } else {
        for h in hits {
            println!("{:>6}  {}  ({})", h.id, h.title, h.outlet);
            if !h.snippet.is_empty() {
                println!("        {}", h.snippet.replace('\n', " "));
            }
            if let Some(note) = &h.note {
                println!("        note: {}", note.replace('\n', " "));
            }
        }
    }
    Ok(Outcome::Exit(0))
}

fn outlets(
    library: &Library,
    tag: Option<String>,
    json: bool,
    filters: &[String],
) -> anyhow::Result<Outcome> {
    let mut outlets = outlets_with_axes(library, filters)?;
    if let Some(t) = tag {
        let keep = library.tagged(crate::model::TargetKind::Outlet, tag_id(library, &t)?)?;
        outlets.retain(|o| keep.contains(&o.id));
    }
    if json {
        print_json(&outlets)?;
    } else {
        for o in outlets {
            let grades: Vec<String> = o
                .ratings
                .iter()
                .map(|(who, g)| format!("{who}: {g}"))
                .collect();
            println!(
                "{:<32} {:>5} articles  combined {}  spread {}  {}",
                o.name,
                o.article_count,
                o.combined_grade.as_deref().unwrap_or("-"),
                o.spread.map_or_else(|| "-".to_string(), |s| s.to_string()),
                grades.join(", ")
            );
            if !o.axes.is_empty() {
                let values: Vec<String> = o.axes.iter().map(|(k, v)| format!("{k}={v}")).collect();
                println!("{:<32} {}", "", values.join("  "));
            }
        }
        match library.rating_agreement()? {
            Some(alpha) => {
                println!("Agreement between analysts (Krippendorff's alpha, ordinal): {alpha:.2}")
            }
            None => println!("Agreement between analysts: not enough overlapping ratings yet"),
        }
    }
    Ok(Outcome::Exit(0))
}

fn outlet(mut library: Library, action: OutletAction) -> anyhow::Result<Outcome> {
    match action {
        OutletAction::Merge { into, from } => {
            let (keep, other) = (find_outlet(&library, &into)?, find_outlet(&library, &from)?);
            library.merge_outlets(keep, &[other], &analyst(None))?;
            println!("Merged {from:?} into {into:?}; {from:?} is now an alias.");
        }
        OutletAction::Assign { outlet, articles } => {
            let changed = library.assign_outlet(&articles, &outlet)?;
            println!("{changed} articles assigned to {outlet:?}.");
        }
    }
    Ok(Outcome::Exit(0))
}

fn trash(
    path: &std::path::Path,
    action: Option<TrashAction>,
    json: bool,
) -> anyhow::Result<Outcome> {
    match action {
        None => {
            let entries = Library::open_or_read_only(path)?.trash()?;
            if json {
                print_json(&entries)?;
            } else if entries.is_empty() {
                println!("The trash is empty.");
            } else {
                for e in &entries {
                    println!(
                        "{:>5}  {}  {}{}",
                        e.id,
                        e.deleted_at.get(..16).unwrap_or(&e.deleted_at),
                        e.label,
                        if e.deleted_by.is_empty() {
                            String::new()
                        } else {
                            format!(" (by {})", e.deleted_by)
                        }
                    );
                }
            }
        }
        Some(TrashAction::Restore { entry }) => {
            let restored = Library::open(path)?.restore_trash(entry)?;
            if json {
                print_json(&restored)?;
            } else {
                println!("Undid {}: {} put back.", restored.label, restored.restored);
                for why in &restored.skipped {
                    println!("  not put back: {why}");
                }
            }
        }
        Some(TrashAction::Empty) => {
            let n = Library::open(path)?.empty_trash()?;
            println!("Emptied the trash ({n} entries removed for good).");
        }
    }
    Ok(Outcome::Exit(0))
}

fn backup(library: &Library, out: Option<PathBuf>, json: bool) -> anyhow::Result<Outcome> {
    let dest = out.unwrap_or_else(|| library::backup::backup_name(library.path(), "backup"));
    let report = library
        .backup_to(&dest, &Progress::new())
        .with_context(|| format!("backing up to {}", dest.display()))?;
    if json {
        print_json(&report)?;
    } else {
        println!(
            "Backed up {} articles to {} ({} bytes). To restore it, close Triangulate and copy it over the library file.",
            report.articles,
            report.path.display(),
            report.bytes
        );
    }
    Ok(Outcome::Exit(0))
}

fn find_outlet(library: &Library, name: &str) -> anyhow::Result<i64> {
    library
        .outlet_id(name)?
        .with_context(|| format!("no outlet called {name:?}; see `triangulate outlets`"))
}

fn rate(
    mut library: Library,
    outlet: &str,
    grade: &str,
    analyst: &str,
    criteria: &[String],
    rationale: String,
    evidence: Vec<i64>,
) -> anyhow::Result<Outcome> {
    let outlet_id = find_outlet(&library, outlet)?;
    let (known, problem) = crate::ratings::criteria_for(library.path());
    if let Some(problem) = problem {
        eprintln!("warning: {problem}");
    }
    let mut answers = Vec::new();
    for c in criteria {
        let (key, value) = c.split_once('=').with_context(|| {
            format!("--criterion {c:?}: write KEY=VALUE, e.g. corrects_errors=yes")
        })?;
        if !known.iter().any(|k| k.key == key) {
            let keys: Vec<&str> = known.iter().map(|k| k.key.as_str()).collect();
            bail!(
                "unknown criterion {key:?}; the criteria are {}",
                keys.join(", ")
            );
        }
        answers.push(crate::ratings::CriterionAnswer {
            key: key.to_string(),
            value: value.parse()?,
            note: String::new(),
        });
    }
    let grade: crate::ratings::Grade = grade.parse()?;
    library.add_rating(&crate::ratings::NewRating {
        outlet_id,
        analyst: analyst.to_string(),
        grade: Some(grade),
        rationale,
        criteria: answers,
        evidence,
    })?;
    println!("{outlet} rated {grade} ({}) by {analyst}.", grade.meaning());
    Ok(Outcome::Exit(0))
}

fn ratings(mut library: Library, action: RatingsAction) -> anyhow::Result<Outcome> {
    match action {
        RatingsAction::Export { file } => {
            let export = library.export_ratings()?;
            let text = serde_json::to_string_pretty(&export)?;
            std::fs::write(&file, text).with_context(|| format!("writing {}", file.display()))?;
            println!(
                "{} ratings and {} credibility marks written to {}.",
                export.ratings.len(),
                export.assessments.len(),
                file.display()
            );
        }
        RatingsAction::Import { file, json } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let parsed: crate::library::RatingsFile = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a Triangulate ratings file", file.display()))?;
            let report = library.import_ratings(&parsed)?;
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "{} ratings and {} credibility marks added; {} already in the library.",
                    report.ratings_added, report.assessments_added, report.already_present
                );
                if !report.outlets_created.is_empty() {
                    println!("New outlets: {}", report.outlets_created.join(", "));
                }
                if report.articles_missing > 0 {
                    println!(
                        "{} evidence or assessed articles are not in this library.",
                        report.articles_missing
                    );
                }
            }
        }
        RatingsAction::History { outlet, json } => {
            let id = find_outlet(&library, &outlet)?;
            let history = library.rating_history(id)?;
            if json {
                print_json(&history)?;
            } else {
                let (criteria, _) = crate::ratings::criteria_for(library.path());
                let mut last: std::collections::HashMap<&str, &crate::ratings::Rating> =
                    Default::default();
                for r in &history {
                    let changes = match last.get(r.analyst.as_str()) {
                        Some(before) => crate::ratings::diff(before, r, &criteria).join("; "),
                        None => "first rating".to_string(),
                    };
                    println!("{}  {}  {}  {}", r.created_at, r.analyst, r.grade, changes);
                    last.insert(&r.analyst, r);
                }
            }
        }
    }
    Ok(Outcome::Exit(0))
}

fn link(mut library: Library, rebuild: bool, json: bool) -> anyhow::Result<Outcome> {
    let report = crate::linking::link_library(
        &mut library,
        &crate::linking::LinkOptions { rebuild },
        &Progress::new(),
    )?;
    if json {
        print_json(&serde_json::json!({
            "exact_copies": report.exact_copies,
            "near_copies": report.near_copies,
            "incident_suggestions": report.incident_suggestions,
            "new_articles": report.new_articles,
            "queue": report.suggestions,
        }))?;
        return Ok(Outcome::Exit(0));
    }
    println!(
        "Analysed {} new articles. {} exact copies, {} near copies, {} incident suggestions ({} new in the queue).",
        report.new_articles,
        report.exact_copies.len(),
        report.near_copies.len(),
        report.incident_suggestions.len(),
        report.suggestions.added
    );
    for [a, b] in &report.exact_copies {
        println!("  exact     {a} = {b}");
    }
    for n in &report.near_copies {
        println!(
            "  near      {} ~ {}  similarity {:.2}",
            n.a, n.b, n.similarity
        );
    }
    for s in &report.incident_suggestions {
        let ids: Vec<String> = s.articles.iter().map(i64::to_string).collect();
        println!("  incident  {}  score {:.2}", ids.join(", "), s.score);
        for e in &s.evidence {
            println!("              {e}");
        }
    }
    Ok(Outcome::Exit(0))
}

/// The analyst named on the command line, else $TRIANGULATE_ANALYST, else the user's name.
fn analyst(named: Option<String>) -> String {
    named
        .or_else(|| std::env::var("TRIANGULATE_ANALYST").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "analyst".to_string())
}

fn suggestions(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let queue = library.open_suggestions()?;
    if json {
        print_json(&queue)?;
        return Ok(Outcome::Exit(0));
    }
    if queue.is_empty() {
        println!("No open suggestions. Run `triangulate link` after importing.");
    }
    for s in &queue {
        let rows = library.article_rows(&s.articles)?;
        println!(
            "#{}  {}  score {:.2}",
            s.id,
            s.kind.replace('_', " "),
            s.score
        );
        for r in rows {
            println!(
                "    {:>6}  {}  {}  {}",
                r.id,
                r.published.as_deref().unwrap_or("-"),
                truncate(&r.outlet, 24),
                truncate(&r.title, 70)
            );
        }
        for e in &s.evidence {
            println!("    - {e}");
        }
    }
    Ok(Outcome::Exit(0))
}

fn suggestion(mut library: Library, action: SuggestionAction) -> anyhow::Result<Outcome> {
    match action {
        SuggestionAction::Accept {
            n,
            analyst: who,
            only,
        } => {
            let only = (!only.is_empty()).then_some(only.as_slice());
            let decision = library.accept_suggestion(n, &analyst(who), only)?;
            match decision.incident {
                Some(incident) => println!("Accepted suggestion {n}: incident {incident}."),
                None => println!("Accepted suggestion {n}."),
            }
        }
        SuggestionAction::Reject { n, analyst: who } => {
            library.reject_suggestion(n, &analyst(who))?;
            println!("Rejected suggestion {n}; its articles will not be suggested together again.");
        }
    }
    Ok(Outcome::Exit(0))
}

fn incidents(library: &Library, tag: Option<String>, json: bool) -> anyhow::Result<Outcome> {
    let tag = tag.map(|t| tag_id(library, &t)).transpose()?;
    let list = library.incident_page("", tag, 0, usize::MAX)?;
    if json {
        print_json(&list)?;
        return Ok(Outcome::Exit(0));
    }
    for i in &list {
        println!(
            "{:>5}  {}  {:<18}  {:>3} reports, {:>2} outlets  {}",
            i.id,
            i.date.as_deref().unwrap_or("    -     "),
            truncate(i.place.as_deref().unwrap_or("-"), 18),
            i.report_count,
            i.outlet_count,
            i.title
        );
    }
    Ok(Outcome::Exit(0))
}

/// The comparison of an incident, or of hand-picked articles under a plain header.
fn comparison_of(
    library: &Library,
    incident: Option<crate::model::Id>,
    articles: &[crate::model::Id],
) -> anyhow::Result<crate::compare::Comparison> {
    Ok(match incident {
        Some(id) => library.compare_incident(id)?,
        None => {
            if articles.len() < 2 {
                bail!("compare needs an incident or at least two articles (--articles 3,7)");
            }
            let header = crate::compare::IncidentHeader {
                title: "Hand-picked articles".to_string(),
                ..Default::default()
            };
            library.compare_articles(header, articles)?
        }
    })
}

fn report(
    library: &Library,
    incident: Option<crate::model::Id>,
    articles: &[crate::model::Id],
    format: &str,
    out: Option<PathBuf>,
    analyst: String,
) -> anyhow::Result<Outcome> {
    use crate::report::{Format, render};
    let format = Format::parse(format)?;
    let comparison = comparison_of(library, incident, articles)?;
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let doc = library.report_document(comparison, &analyst, &now)?;
    let text = render(&doc, format)?;
    match out {
        Some(path) => {
            std::fs::write(&path, text)
                .with_context(|| format!("writing the report to {}", path.display()))?;
            eprintln!("Wrote {}.", path.display());
        }
        None => print!("{text}"),
    }
    Ok(Outcome::Exit(0))
}

fn compare(
    library: &Library,
    incident: Option<crate::model::Id>,
    articles: &[crate::model::Id],
    json: bool,
) -> anyhow::Result<Outcome> {
    use crate::compare::GENERIC;
    let comparison = comparison_of(library, incident, articles)?;
    if json {
        print_json(&comparison)?;
        return Ok(Outcome::Exit(0));
    }
    let i = &comparison.incident;
    println!(
        "{}  ({}, {})",
        i.title,
        i.date.as_deref().unwrap_or("no date"),
        i.place.as_deref().unwrap_or("no place")
    );
    println!();
    for (n, r) in comparison.reports.iter().enumerate() {
        println!(
            "[{}] {} ({})  {}  {}",
            n + 1,
            r.outlet,
            r.grade.as_deref().unwrap_or("not rated"),
            r.published.as_deref().unwrap_or("no date"),
            r.headline
        );
    }
    println!();
    for row in &comparison.facts {
        let mark = if row.disagreement { "  ≠" } else { "" };
        println!("{}{mark}", row.fact);
        for (n, cell) in row.cells.iter().enumerate() {
            let mut shown = cell.main.clone().unwrap_or_else(|| "—".to_string());
            if !cell.also.is_empty() {
                shown.push_str(&format!("  (also {})", cell.also.join("; ")));
            }
            println!("  [{}] {shown}", n + 1);
        }
    }
    println!();
    for (n, r) in comparison.reports.iter().enumerate() {
        let names: Vec<String> = r
            .actor_names
            .iter()
            .map(|a| {
                let group = if a.group == GENERIC {
                    "generic label"
                } else {
                    &a.group
                };
                format!("{} ×{} ({group})", a.name, a.count)
            })
            .collect();
        let loaded: Vec<&str> = r.loaded_terms.iter().map(|t| t.text.as_str()).collect();
        let hedges: Vec<&str> = r.hedges.iter().map(|t| t.text.as_str()).collect();
        println!("[{}] {}: {} words", n + 1, r.outlet, r.word_count);
        println!("  names:   {}", or_none(&names.join(", ")));
        println!("  loaded:  {}", or_none(&loaded.join(", ")));
        println!("  hedges:  {}", or_none(&hedges.join(", ")));
        println!(
            "  passages: {} shared with other reports, {} found only here",
            r.shared_passages.len(),
            r.unique_passages.len()
        );
    }
    Ok(Outcome::Exit(0))
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "none" } else { s }
}

fn incident(mut library: Library, action: IncidentAction) -> anyhow::Result<Outcome> {
    use crate::model::IncidentFields;
    match action {
        IncidentAction::New {
            title,
            date,
            place,
            articles,
            analyst: who,
        } => {
            let fields = IncidentFields {
                title,
                date,
                place,
                summary: String::new(),
            };
            let (id, _) =
                library.create_incident(&fields, &articles, &analyst(who), "added by hand")?;
            println!("Created incident {id} with {} reports.", articles.len());
        }
        IncidentAction::Add {
            id,
            articles,
            analyst: who,
        } => {
            library.add_to_incident(id, &articles, &analyst(who), "added by hand")?;
            println!("Incident {id}: added {} reports.", articles.len());
        }
        IncidentAction::Remove { id, articles } => {
            let (removed, _) = library.remove_from_incident(id, &articles)?;
            println!("Incident {id}: removed {removed} reports.");
        }
        IncidentAction::Merge {
            keep,
            other,
            analyst: who,
        } => {
            library.merge_incidents(keep, other, &analyst(who))?;
            println!("Merged incident {other} into {keep}.");
        }
        IncidentAction::Show { id, json } => {
            let Some(detail) = library.incident(id)? else {
                bail!("no incident {id}");
            };
            if json {
                print_json(&detail)?;
            } else {
                println!("Incident {}: {}", detail.id, detail.title);
                println!(
                    "  date {}  place {}",
                    detail.date.as_deref().unwrap_or("-"),
                    detail.place.as_deref().unwrap_or("-")
                );
                for r in &detail.reports {
                    println!(
                        "  {:>6}  {}  {}  {}  ({} by {})",
                        r.article.id,
                        r.article.published.as_deref().unwrap_or("-"),
                        truncate(&r.article.outlet, 24),
                        truncate(&r.article.title, 60),
                        r.reason,
                        r.linked_by
                    );
                }
            }
        }
    }
    Ok(Outcome::Exit(0))
}

fn place(mut library: Library, action: PlaceAction) -> anyhow::Result<Outcome> {
    match action {
        PlaceAction::Add { name, also } => {
            let gazetteer = crate::analysis::Gazetteer::with_additions(&library.place_names()?);
            let shown = gazetteer.canonical(&name).unwrap_or(&name).to_string();
            let added = library.add_place_names(&shown, &also)?;
            println!(
                "{shown}: {added} names added. Run `triangulate link --rebuild` to link existing articles with them."
            );
        }
        PlaceAction::List { json } => {
            let names = library.place_names()?;
            if json {
                print_json(&names)?;
            } else {
                for (place, name) in names {
                    println!("{place}\t{name}");
                }
            }
        }
    }
    Ok(Outcome::Exit(0))
}

/// The labelled groups of a truth file.
#[derive(serde::Deserialize)]
struct Truth {
    same_event_groups: Vec<Vec<String>>,
}

fn evaluate_links(
    library: &Library,
    truth: &std::path::Path,
    json: bool,
) -> anyhow::Result<Outcome> {
    use crate::linking::evaluate;
    let text =
        std::fs::read_to_string(truth).with_context(|| format!("reading {}", truth.display()))?;
    let truth: Truth = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a truth file with same_event_groups",
            truth.display()
        )
    })?;
    let by_name = library.articles_by_path_suffix()?;
    let find = |name: &String| -> Option<i64> {
        let wanted = name.replace('\\', "/");
        by_name
            .iter()
            .find(|(path, _)| path == &wanted || path.ends_with(&format!("/{wanted}")))
            .map(|(_, id)| *id)
    };
    let mut missing = 0;
    let labelled: Vec<Vec<i64>> = truth
        .same_event_groups
        .iter()
        .map(|g| {
            g.iter()
                .filter_map(|name| {
                    let id = find(name);
                    missing += usize::from(id.is_none());
                    id
                })
                .collect()
        })
        .collect();
    let mut predicted: Vec<Vec<i64>> = library
        .open_suggestions()?
        .into_iter()
        .filter(|s| s.kind == crate::library::SAME_INCIDENT)
        .map(|s| s.articles)
        .collect();
    for i in library.incidents()? {
        if let Some(detail) = library.incident(i.id)? {
            predicted.push(detail.reports.iter().map(|r| r.article.id).collect());
        }
    }
    let scores = evaluate::pairwise(&evaluate::merge_overlapping(predicted), &labelled);
    if json {
        print_json(&serde_json::json!({"scores": scores, "labelled_articles_missing": missing}))?;
    } else {
        if missing > 0 {
            eprintln!("warning: {missing} labelled articles are not in the library");
        }
        println!(
            "pairs: {} labelled, {} predicted, {} correct\nprecision {:.3}  recall {:.3}  F1 {:.3}",
            scores.true_pairs,
            scores.predicted_pairs,
            scores.correct_pairs,
            scores.precision,
            scores.recall,
            scores.f1
        );
    }
    Ok(Outcome::Exit(0))
}

fn check(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let report = library.check()?;
    if json {
        print_json(&report)?;
    } else if report.is_sound() {
        println!(
            "{}: sound (schema {}, {} articles)",
            library.path().display(),
            report.schema_version,
            report.articles
        );
    } else {
        for p in &report.problems {
            eprintln!("{p}");
        }
    }
    Ok(Outcome::Exit(if report.is_sound() { 0 } else { 1 }))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Every outlet, or those whose axes hold each `NAME=VALUE` of `filters`.
fn outlets_with_axes(
    library: &Library,
    filters: &[String],
) -> anyhow::Result<Vec<crate::model::OutletSummary>> {
    use crate::ratings::axes;
    let mut wanted = Vec::new();
    if !filters.is_empty() {
        let known = library.axes()?;
        for f in filters {
            let (name, value) = axes::parse_assignment(f)?;
            let Some(axis) = known.iter().find(|a| a.name.eq_ignore_ascii_case(&name)) else {
                let names: Vec<&str> = known.iter().map(|a| a.name.as_str()).collect();
                bail!(
                    "no axis called {name:?}; the axes are: {}",
                    if names.is_empty() {
                        "none yet (`triangulate axis add`)".to_string()
                    } else {
                        names.join(", ")
                    }
                );
            };
            wanted.push((axis.name.clone(), axis.check(&value)?));
        }
    }
    Ok(library
        .outlets()?
        .into_iter()
        .filter(|o| {
            wanted
                .iter()
                .all(|(name, value)| axes::matches(&o.axes, name, value))
        })
        .collect())
}

fn disagreements(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    use crate::ratings::disagreement::SubjectKind;
    let queue = library.disagreements()?;
    if json {
        print_json(&queue)?;
        return Ok(Outcome::Exit(0));
    }
    if queue.is_empty() {
        println!("No disagreements waiting: no two analysts' current grades are two steps apart.");
    }
    for d in &queue {
        match d.subject.kind {
            SubjectKind::Outlet => println!("outlet {}  {}", d.subject.id, d.title),
            SubjectKind::Article => {
                println!("article {}  {}  ({})", d.subject.id, d.title, d.outlet)
            }
        }
        for p in &d.pairs {
            println!("  {} steps apart", p.steps);
            for side in [&p.a, &p.b] {
                println!(
                    "    {:<16} {} ({})  {}  {}",
                    side.analyst,
                    side.grade,
                    side.meaning,
                    side.created_at.get(..16).unwrap_or(&side.created_at),
                    if side.rationale.is_empty() {
                        "(no rationale)"
                    } else {
                        &side.rationale
                    }
                );
            }
        }
        if let Some(r) = &d.last_resolution {
            println!(
                "  resolved before by {} ({}), graded again since",
                r.resolved_by,
                r.created_at.get(..10).unwrap_or(&r.created_at)
            );
        }
    }
    Ok(Outcome::Exit(0))
}

fn resolve(
    mut library: Library,
    kind: &str,
    id: &str,
    analyst: &str,
    note: String,
    grade: Option<String>,
) -> anyhow::Result<Outcome> {
    use crate::ratings::disagreement::{NewResolution, Subject, SubjectKind};
    let kind: SubjectKind = kind.parse()?;
    let id = match kind {
        SubjectKind::Outlet => match library.outlet_id(id)? {
            Some(found) => found,
            None => id
                .trim()
                .parse()
                .with_context(|| format!("no outlet called {id:?}; see `triangulate outlets`"))?,
        },
        SubjectKind::Article => id
            .trim()
            .parse()
            .with_context(|| format!("{id:?} is not an article id"))?,
    };
    let resolution = NewResolution {
        subject: Subject { kind, id },
        resolved_by: analyst.to_string(),
        note,
        grade,
    };
    let n = library.resolve_disagreement(&resolution)?;
    println!(
        "Resolution {n} recorded for {} {id} by {}; both analysts' ratings are kept.",
        kind.word(),
        analyst.trim()
    );
    Ok(Outcome::Exit(0))
}

fn axis(mut library: Library, action: AxisAction) -> anyhow::Result<Outcome> {
    use crate::ratings::axes::{self, NewAxis};
    match action {
        AxisAction::Add {
            name,
            kind,
            choices,
            analyst: who,
        } => {
            let axis = NewAxis {
                name,
                kind: kind.parse()?,
                choices,
                created_by: analyst(who),
            };
            library.add_axis(&axis)?;
            println!("Axis {:?} ({}) defined.", axis.name.trim(), axis.kind);
        }
        AxisAction::Set {
            outlet,
            values,
            analyst,
        } => {
            let id = find_outlet(&library, &outlet)?;
            let values = values
                .iter()
                .map(|v| axes::parse_assignment(v))
                .collect::<crate::Result<Vec<_>>>()?;
            let n = library.set_axis_values(id, &analyst, &values)?;
            println!("{outlet}: {n} axis values recorded by {}.", analyst.trim());
        }
    }
    Ok(Outcome::Exit(0))
}

fn axes(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    use crate::ratings::axes::AxisKind;
    let list = library.axes()?;
    if json {
        print_json(&list)?;
        return Ok(Outcome::Exit(0));
    }
    if list.is_empty() {
        println!("No axes yet: `triangulate axis add NAME --kind yes-no|choice|text` defines one.");
    }
    for a in &list {
        if a.kind == AxisKind::Choice {
            println!("{}  ({}: {})", a.name, a.kind, a.choices.join(", "));
        } else {
            println!("{}  ({})", a.name, a.kind);
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate corroboration`: the suggestions of an incident's reports, or, with `--accept`,
/// one of them recorded as the analyst's mark (appended; no earlier mark changes).
fn corroboration(
    mut library: Library,
    incident: crate::model::Id,
    accept: Option<crate::model::Id>,
    analyst: Option<String>,
    json: bool,
) -> anyhow::Result<Outcome> {
    let comparison = library.compare_incident(incident)?;
    if let Some(article) = accept {
        let analyst = analyst.map(|a| a.trim().to_string()).unwrap_or_default();
        if analyst.is_empty() {
            bail!("name who accepts the suggestion: --analyst NAME");
        }
        let Some(found) = comparison
            .corroboration
            .iter()
            .find(|c| c.article_id == article)
        else {
            bail!(
                "article {article} is not among the reports of incident {incident} that Compare holds"
            );
        };
        let Some(mark) = found.suggested else {
            bail!(
                "article {article} has no suggestion to accept ({}); record a grade of your own with `triangulate assess {article} --credibility N --analyst NAME`",
                found.explanation
            );
        };
        let note = format!(
            "Accepted the suggested credibility {mark}: {}",
            found.explanation
        );
        let id = library.add_assessment(article, &analyst, mark, &note)?;
        if json {
            print_json(&serde_json::json!({
                "recorded": {
                    "assessment_id": id,
                    "article_id": article,
                    "analyst": analyst,
                    "credibility": mark,
                    "note": note,
                }
            }))?;
        } else {
            let meaning = crate::ratings::credibility_meaning(mark).unwrap_or_default();
            println!("Article {article} marked {mark} ({meaning}) by {analyst}: {note}");
        }
        return Ok(Outcome::Exit(0));
    }
    if json {
        print_json(&serde_json::json!({
            "incident": comparison.incident,
            "reports": comparison.corroboration,
        }))?;
        return Ok(Outcome::Exit(0));
    }
    println!("{}", comparison.incident.title);
    for c in &comparison.corroboration {
        let suggested = match c.suggested {
            Some(m) => format!(
                "suggests {m} ({})",
                crate::ratings::credibility_meaning(m).unwrap_or_default()
            ),
            None => "no suggestion".to_string(),
        };
        println!();
        println!("article {} · {} · {suggested}", c.article_id, c.outlet);
        println!("  {}", c.explanation);
        for a in &c.assessments {
            println!(
                "  marked {} by {} ({})",
                a.credibility, a.analyst, a.created_at
            );
        }
    }
    Ok(Outcome::Exit(0))
}
