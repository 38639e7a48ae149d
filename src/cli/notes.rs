//! The analyst's working layer, as `app/notes.rs` is the app's: `note` and `notes` (on articles,
//! outlets, incidents, or passages of articles), `tag` and `tags`, and `collection` and
//! `collections` (saved filters and hand-picked sets of articles).

use anyhow::{Context, bail};
use triangulate_core::library::{self, Library};

use super::Outcome;
use super::args::CollectionAction;
use super::common::{analyst, print_json, tag_id, truncate};

/// `triangulate note`: a note by `analyst` on an article, outlet or incident, or on the first
/// occurrence of `quote` in an article's text.
pub(super) fn note(
    mut library: Library,
    on: triangulate_core::model::TargetKind,
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
            let triangulate_core::model::Target::Article(article) = target else {
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

/// `triangulate notes`: the newest notes, or those matching `search`, with what each is on.
pub(super) fn notes(
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

/// One note as a line: its id, who wrote it on what day, the passage it marks, its text.
pub(super) fn print_note(n: &library::Note) {
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

/// The ids of things of `kind` named on the command line: numbers, or outlet names.
fn target_ids(
    library: &Library,
    kind: triangulate_core::model::TargetKind,
    names: &[String],
) -> anyhow::Result<Vec<triangulate_core::model::Id>> {
    names
        .iter()
        .map(|name| match kind {
            triangulate_core::model::TargetKind::Outlet => library
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

/// `triangulate tag`: puts `tag` on the targets, or with `remove` takes it off (to the trash).
pub(super) fn tag_things(
    mut library: Library,
    on: triangulate_core::model::TargetKind,
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

/// `triangulate tags`: every tag, with how many articles, outlets and incidents carry it.
pub(super) fn tags(library: &Library, json: bool) -> anyhow::Result<Outcome> {
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

/// `triangulate collection new|add|remove|delete`.
pub(super) fn collection(
    mut library: Library,
    action: CollectionAction,
) -> anyhow::Result<Outcome> {
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

/// `triangulate collections`: each collection, a saved filter or a set of so many articles.
pub(super) fn collections(library: &Library, json: bool) -> anyhow::Result<Outcome> {
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
