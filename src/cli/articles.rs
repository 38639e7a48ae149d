//! The library's articles: `articles` (newest first, of an outlet, a tag or a collection),
//! `article ID` (the cleaned body, the raw text and what cleaning removed, where its date came
//! from and its corrections, with its tags, notes and copies), `article edit ID` (an analyst's
//! correction of its title, date or outlet) and `search` (full text, ranked, with snippets).

use anyhow::{Context, bail};
use serde::Serialize;
use triangulate_core::library::{self, ArticleQuery, Library};
use triangulate_core::model::{Article, ArticleCorrection, Correction, date_source_note};

use super::Outcome;
use super::common::{print_json, tag_id, truncate};
use super::notes::print_note;

/// `triangulate articles`: newest first; through the library's filters when a tag or a
/// collection is named, else through its plain article query.
pub(super) fn articles(
    library: &Library,
    outlet: Option<String>,
    tag: Option<String>,
    collection: Option<String>,
    limit: Option<usize>,
    json: bool,
) -> anyhow::Result<Outcome> {
    if tag.is_some() || collection.is_some() {
        filtered_articles(library, outlet, tag, collection, limit, json)
    } else {
        queried_articles(library, outlet, limit, json)
    }
}

/// Articles of one outlet, or of all, newest first.
fn queried_articles(
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
    let rows: Vec<triangulate_core::model::ArticleRow> = if search.trim().is_empty() {
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
fn print_article_rows(
    rows: &[triangulate_core::model::ArticleRow],
    json: bool,
) -> anyhow::Result<Outcome> {
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

/// `triangulate article ID`: its text, what cleaning removed, its tags, notes and copies.
pub(super) fn article(library: &Library, id: i64, json: bool) -> anyhow::Result<Outcome> {
    let Some(a) = library.article(id)? else {
        bail!("no article {id} in {}", library.path().display());
    };
    let target = triangulate_core::model::Target::Article(id);
    let (tags, notes) = (library.tags_of(target)?, library.notes_of(target)?);
    let copies = library.copies_of(id)?;
    if json {
        #[derive(Serialize)]
        struct WithNotes<'a> {
            #[serde(flatten)]
            article: &'a triangulate_core::model::Article,
            tags: Vec<String>,
            notes: Vec<library::Note>,
            copies: Vec<triangulate_core::model::CopyOf>,
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
            dated(&a),
            a.source_path
        );
        if let Some(note) = a.outlet_found_note() {
            println!("outlet: {note}");
        }
        for c in &a.corrections {
            println!("{}", correction_line(c));
        }
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

/// `triangulate article edit ID`: corrects the article's title, date or outlet as `analyst`,
/// and says what changed (or, with `--json`, prints the article as `article ID --json` does).
pub(super) fn edit_article(
    mut library: Library,
    id: i64,
    correction: &Correction,
    analyst: &str,
    json: bool,
) -> anyhow::Result<Outcome> {
    if correction == &Correction::default() {
        bail!("nothing to correct: give --title, --date or --outlet");
    }
    let before = library.corrections_of(id)?.len();
    library
        .correct_article(id, correction, analyst)
        .with_context(|| format!("correcting article {id}"))?;
    if json {
        return article(&library, id, true);
    }
    let made = library.corrections_of(id)?;
    println!("Corrected article {id} (by {analyst}):");
    for c in made.iter().skip(before) {
        println!("  {}", correction_line(c));
    }
    Ok(Outcome::Exit(0))
}

/// The article's date with where it came from: "2025-03-14 (found in text — a guess)", or
/// "undated".
fn dated(a: &Article) -> String {
    match (&a.published, date_source_note(a.date_source.as_deref())) {
        (None, _) => "undated".to_string(),
        (Some(date), None) => date.clone(),
        (Some(date), Some(note)) => format!("{date} ({note})"),
    }
}

/// One correction as a line: "date corrected by ana on 2026-12-06: 2026-05-12 (text) → 2025-05-12".
fn correction_line(c: &ArticleCorrection) -> String {
    let before = match (&c.before, &c.before_source) {
        (None, _) => "none".to_string(),
        (Some(b), Some(source)) => format!("{b} ({source})"),
        (Some(b), None) => format!("“{b}”"),
    };
    let after = if c.field == "date" {
        c.after.clone()
    } else {
        format!("“{}”", c.after)
    };
    format!(
        "{} corrected by {} on {}: {before} → {after}",
        c.field,
        c.analyst,
        c.corrected_at.get(..10).unwrap_or(&c.corrected_at)
    )
}

/// `triangulate search`: articles whose text or notes match `query`, best first, with snippets.
pub(super) fn search(
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
