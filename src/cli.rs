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
    /// Full-text search, ranked, with snippets.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List outlets with their article counts and current ratings.
    Outlets {
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
    /// Find exact and near copies (same-incident suggestions are not built yet).
    Link {
        #[arg(long)]
        json: bool,
    },
    /// Change outlets: merge two spellings of one outlet, or assign articles to an outlet.
    Outlet {
        #[command(subcommand)]
        action: OutletAction,
    },
    /// Check the library's integrity; exit 0 when sound.
    Check {
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
    match command {
        Command::Open { path } => Ok(Outcome::OpenApp(Some(path))),
        Command::Import {
            paths,
            outlet,
            json,
        } => import(open()?, &paths, outlet, json),
        Command::Articles {
            outlet,
            limit,
            json,
        } => articles(&open()?, outlet, limit, json),
        Command::Article { id, json } => article(&open()?, id, json),
        Command::Search { query, limit, json } => search(&open()?, &query, limit, json),
        Command::Outlets { json } => outlets(&open()?, json),
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
        Command::Link { json } => link(&open()?, json),
        Command::Check { json } => check(&open()?, json),
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

fn article(library: &Library, id: i64, json: bool) -> anyhow::Result<Outcome> {
    let Some(a) = library.article(id)? else {
        bail!("no article {id} in {}", library.path().display());
    };
    if json {
        print_json(&a)?;
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
    }
    Ok(Outcome::Exit(0))
}

fn search(library: &Library, query: &str, limit: usize, json: bool) -> anyhow::Result<Outcome> {
    let hits = library.search(query, limit)?;
    if json {
        print_json(&hits)?;
    } else {
        for h in hits {
            println!(
                "{:>6}  {}  ({})\n        {}",
                h.id,
                h.title,
                h.outlet,
                h.snippet.replace('\n', " ")
            );
        }
    }
    Ok(Outcome::Exit(0))
}

fn outlets(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let outlets = library.outlets()?;
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
            library.merge_outlets(keep, &[other])?;
            println!("Merged {from:?} into {into:?}; {from:?} is now an alias.");
        }
        OutletAction::Assign { outlet, articles } => {
            let changed = library.assign_outlet(&articles, &outlet)?;
            println!("{changed} articles assigned to {outlet:?}.");
        }
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

fn link(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let copies = crate::linking::find_copies(&library.linking_texts()?);
    eprintln!("note: same-incident suggestions are not built yet; only copies are linked");
    if json {
        print_json(&serde_json::json!({
            "exact_copies": copies.exact_copies,
            "near_copies": copies.near_copies,
            "incident_suggestions": [],
        }))?;
    } else {
        println!(
            "{} exact copies, {} near copies",
            copies.exact_copies.len(),
            copies.near_copies.len()
        );
        for [a, b] in &copies.exact_copies {
            println!("  exact  {a} = {b}");
        }
        for n in &copies.near_copies {
            println!("  near   {} ~ {}  similarity {:.2}", n.a, n.b, n.similarity);
        }
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
