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
                "{:<28} {:>5} articles  {}",
                o.name,
                o.article_count,
                grades.join(", ")
            );
        }
    }
    Ok(Outcome::Exit(0))
}

fn outlet(mut library: Library, action: OutletAction) -> anyhow::Result<Outcome> {
    match action {
        OutletAction::Merge { into, from } => {
            let find = |name: &str| -> anyhow::Result<i64> {
                library.outlet_id(name)?.with_context(|| {
                    format!("no outlet called {name:?}; see `triangulate outlets`")
                })
            };
            let (keep, other) = (find(&into)?, find(&from)?);
            library.merge_outlets(keep, other)?;
            println!("Merged {from:?} into {into:?}; {from:?} is now an alias.");
        }
        OutletAction::Assign { outlet, articles } => {
            let changed = library.assign_outlet(&articles, &outlet)?;
            println!("{changed} articles assigned to {outlet:?}.");
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
