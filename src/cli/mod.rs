//! The command line: what `triangulate COMMAND` does. It is a contract (DESIGN.md, "The command
//! line"): tests, benchmarks and users' scripts rely on its commands, flags, output and exit
//! codes. Every command takes `--library PATH` and, where it prints results, `--json` for one
//! JSON document on stdout; errors go to stderr with a non-zero exit. With no command, `main`
//! opens the desktop app.
//!
//! The parts:
//! - `args`: the commands and their flags as clap parses them; their doc comments are the help.
//! - this file: [`Cli`], [`Outcome`], and [`run`], which opens the library as each command needs
//!   it (to write, or to read beside an app that is writing) and calls the command's function.
//! - one file per group of commands, one function per command: `library` (check, backup, synth),
//!   `sample`,
//!   `import`, `articles` (articles, article, article edit, search), `notes` (notes, tags,
//!   collections), `outlets` (outlets, outlet, axes), `ratings` (rate, assess, ratings,
//!   disagreements, resolve, corroboration), `linking` (link, suggestions, evaluate-links),
//!   `incidents`, `compare` (compare, report), `places`, `trash` (delete, trash), `reference`
//!   (reference lists: import, list, show, match, adopt, delete).
//! - `common`: what the commands share: the library file, the analyst's name, JSON output.
//!
//! None of it knows SQL or egui: the commands ask `triangulate_core` and print its answers.

mod args;
mod articles;
mod common;
mod compare;
mod import;
mod incidents;
mod library;
mod linking;
mod notes;
mod outlets;
mod places;
mod ratings;
mod reference;
mod sample;
mod trash;

use std::path::PathBuf;

use clap::Parser;
use triangulate_core::model::Correction;

pub use args::{
    ArticleAction, AxisAction, CollectionAction, Command, IncidentAction, On, OutletAction,
    PlaceAction, RatingsAction, ReferenceAction, SuggestionAction, TrashAction,
};

use articles::{article, articles, edit_article, search};
use common::{LibraryFile, analyst};
use compare::{compare, report};
use import::import;
use incidents::{incident, incidents};
use library::{backup, check, synth};
use linking::{evaluate_links, link, suggestion, suggestions};
use notes::{collection, collections, note, notes, tag_things, tags};
use outlets::{axes, axis, outlet, outlets};
use places::place;
use ratings::{assess, corroboration, disagreements, rate, ratings, resolve};
use reference::reference;
use sample::sample;
use trash::{delete, trash};

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
    let file = LibraryFile::new(cli.library)?;
    match command {
        Command::Open { path } => Ok(Outcome::OpenApp(Some(path))),
        Command::Import {
            paths,
            outlet,
            json,
        } => import(file.open()?, &paths, outlet, json),
        Command::Articles {
            outlet,
            tag,
            collection,
            limit,
            json,
        } => articles(&file.read()?, outlet, tag, collection, limit, json),
        Command::Article { id, json, action } => match (action, id) {
            (
                Some(ArticleAction::Edit {
                    id,
                    title,
                    date,
                    outlet,
                    analyst: who,
                    json,
                }),
                _,
            ) => {
                let correction = Correction {
                    title,
                    date,
                    outlet,
                };
                edit_article(file.open()?, id, &correction, &analyst(who), json)
            }
            (None, Some(id)) => article(&file.read()?, id, json),
            (None, None) => anyhow::bail!("which article? `triangulate article ID`"),
        },
        Command::Search {
            query,
            limit,
            tag,
            json,
        } => search(&file.read()?, &query, limit, tag, json),
        Command::Outlets {
            tag,
            json,
            axes,
            reference_disagrees,
        } => outlets(&file.read()?, tag, json, &axes, reference_disagrees),
        Command::Note {
            on,
            target,
            text,
            quote,
            analyst: who,
        } => note(
            file.open()?,
            on.into(),
            &target,
            &text,
            quote,
            &analyst(who),
        ),
        Command::Notes {
            search,
            limit,
            json,
        } => notes(&file.read()?, search, limit, json),
        Command::Tag {
            on,
            targets,
            tag,
            remove,
            analyst: who,
        } => tag_things(
            file.open()?,
            on.into(),
            &targets,
            &tag,
            remove,
            &analyst(who),
        ),
        Command::Tags { json } => tags(&file.read()?, json),
        Command::Collection { action } => collection(file.open()?, action),
        Command::Collections { json } => collections(&file.read()?, json),
        Command::Outlet { action } => outlet(file.open()?, action),
        Command::Rate {
            outlet,
            grade,
            analyst,
            criteria,
            note,
            evidence,
        } => rate(
            file.open()?,
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
        } => assess(file.open()?, article, credibility, &analyst, &note),
        Command::Ratings { action } => ratings(file.open()?, action),
        Command::Reference { action } => reference(&file, action),
        Command::Link { rebuild, json } => link(file.open()?, rebuild, json),
        Command::Suggestions { json } => suggestions(&file.read()?, json),
        Command::Suggestion { action } => suggestion(file.open()?, action),
        Command::Incidents { tag, json } => incidents(&file.read()?, tag, json),
        Command::Incident { action } => incident(file.open()?, action),
        Command::Place { action } => place(file.open()?, action),
        Command::Compare {
            incident,
            articles,
            json,
        } => compare(&file.read()?, incident, &articles, json),
        Command::Report {
            incident,
            articles,
            format,
            out,
            analyst: who,
        } => report(
            &file.read()?,
            incident,
            &articles,
            &format,
            out,
            analyst(who),
        ),
        Command::EvaluateLinks {
            truth,
            min_score,
            json,
        } => evaluate_links(&file.read()?, &truth, min_score, json),
        Command::Check { json } => check(&file.read()?, json),
        Command::Delete {
            articles,
            analyst: who,
        } => delete(file.open()?, &articles, &analyst(who)),
        Command::Trash { action, json } => trash(file.path(), action, json),
        Command::Backup { out, json } => backup(&file.read()?, out, json),
        Command::Synth {
            articles,
            outlets,
            incidents,
            words,
            seed,
            json,
        } => {
            let spec = triangulate_core::library::synth::SynthSpec {
                articles,
                outlets,
                incidents,
                words,
                seed,
            };
            synth(file.open()?, &spec, json)
        }
        Command::Sample { json } => sample(file.open()?, json),
        Command::Disagreements { json } => disagreements(&file.read()?, json),
        Command::Resolve {
            kind,
            id,
            analyst,
            note,
            grade,
        } => resolve(file.open()?, &kind, &id, &analyst, note, grade),
        Command::Axis { action } => axis(file.open()?, action),
        Command::Axes { json } => axes(&file.read()?, json),
        Command::Corroboration {
            incident,
            accept,
            analyst,
            json,
        } => {
            // Only recording a mark writes: listing works beside a writing app.
            let library = if accept.is_some() {
                file.open()?
            } else {
                file.read()?
            };
            corroboration(library, incident, accept, analyst, json)
        }
    }
}
