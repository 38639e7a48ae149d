//! Incidents, the events several reports describe: `incidents` lists them, and
//! `incident new|add|remove|merge|show` makes and changes them by hand (`linking.rs` suggests
//! them).

use anyhow::bail;
use triangulate_core::library::Library;

use super::Outcome;
use super::args::IncidentAction;
use super::common::{analyst, print_json, tag_id, truncate};

/// `triangulate incidents`: newest first, or those carrying `tag`.
pub(super) fn incidents(
    library: &Library,
    tag: Option<String>,
    json: bool,
) -> anyhow::Result<Outcome> {
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

/// `triangulate incident new|add|remove|merge|show`.
pub(super) fn incident(mut library: Library, action: IncidentAction) -> anyhow::Result<Outcome> {
    use triangulate_core::model::IncidentFields;
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
