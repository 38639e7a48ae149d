//! Outlets: `outlets` (each with its article count, current grades, combined grade, axis
//! values and what reference lists publish about it; by tag, by axis value, or where the desk
//! and a reference list disagree), `outlet merge|assign|rename|delete`, and the analysts' own
//! rating axes (`axis add|set`, `axes`).

use anyhow::{Context, bail};
use triangulate_core::library::Library;

use super::Outcome;
use super::args::{AxisAction, OutletAction};
use super::common::{analyst, find_outlet, print_json, tag_id};

/// `triangulate outlets`: each outlet with its article count, grades, axis values and
/// reference lists' values, then how far the analysts agree. `reference_disagrees` keeps the
/// outlets whose combined grade and a list are at opposite ends.
pub(super) fn outlets(
    library: &Library,
    tag: Option<String>,
    json: bool,
    filters: &[String],
    reference_disagrees: bool,
) -> anyhow::Result<Outcome> {
    let mut outlets = outlets_with_axes(library, filters)?;
    if let Some(t) = tag {
        let keep = library.tagged(
            triangulate_core::model::TargetKind::Outlet,
            tag_id(library, &t)?,
        )?;
        outlets.retain(|o| keep.contains(&o.id));
    }
    triangulate_core::reference::attach(library, &mut outlets)?;
    if reference_disagrees {
        outlets.retain(|o| o.references.iter().any(|r| r.disagreement.is_some()));
    }
    if json {
        print_json(&outlets)?;
    } else {
        for o in &outlets {
            let grades: Vec<String> = o
                .ratings
                .iter()
                .map(|(who, g)| format!("{who}: {g}"))
                .collect();
            let parsed: Vec<triangulate_core::ratings::Grade> = o
                .ratings
                .iter()
                .filter_map(|(_, g)| g.parse().ok())
                .collect();
            println!(
                "{:<32} {:>5} {:<8}  combined {}  spread {}  {}",
                o.name,
                o.article_count,
                if o.article_count == 1 {
                    "article"
                } else {
                    "articles"
                },
                triangulate_core::ratings::combined_explained(&parsed)
                    .unwrap_or_else(|| "-".to_string()),
                o.spread.map_or_else(|| "-".to_string(), |s| s.to_string()),
                grades.join(", ")
            );
            if !o.axes.is_empty() {
                let values: Vec<String> = o.axes.iter().map(|(k, v)| format!("{k}={v}")).collect();
                println!("{:<32} {}", "", values.join("  "));
            }
            if !o.references.is_empty() {
                let shown: Vec<String> = o
                    .references
                    .iter()
                    .map(|r| format!("{}: {} ({})", r.list, r.shown(), r.matched_by))
                    .collect();
                println!("{:<32} {}", "", shown.join("  "));
            }
            if reference_disagrees {
                for why in o.references.iter().filter_map(|r| r.disagreement.as_ref()) {
                    println!("{:<32} disagree: {why}", "");
                }
            }
        }
        if reference_disagrees && outlets.is_empty() {
            println!(
                "No outlet's desk grade and reference list are at opposite ends (the desk's A or B against a low value, D or E against a high one)."
            );
        }
        let agreement = library.rating_agreement_detail()?;
        println!(
            "Agreement between analysts (Krippendorff's alpha, ordinal): {}",
            agreement.describe()
        );
    }
    Ok(Outcome::Exit(0))
}

/// Every outlet, or those whose axes hold each `NAME=VALUE` of `filters`.
fn outlets_with_axes(
    library: &Library,
    filters: &[String],
) -> anyhow::Result<Vec<triangulate_core::model::OutletSummary>> {
    use triangulate_core::ratings::axes;
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

/// `triangulate outlet merge|assign|rename|delete`.
pub(super) fn outlet(mut library: Library, action: OutletAction) -> anyhow::Result<Outcome> {
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
        OutletAction::Rename { old, new, json } => {
            let id = find_outlet(&library, &old)?;
            library.rename_outlet(id, &new)?;
            let renamed = library
                .outlet_list()?
                .into_iter()
                .find(|o| o.id == id)
                .context("the renamed outlet is not in the library")?;
            if json {
                print_json(&renamed)?;
            } else if renamed.aliases.iter().any(|a| a.eq_ignore_ascii_case(&old)) {
                println!(
                    "Renamed {old:?} to {:?}; {old:?} stays an alias, so imports and references by that name still find it.",
                    renamed.name
                );
            } else {
                println!("Renamed {old:?} to {:?}.", renamed.name);
            }
        }
        OutletAction::Delete {
            name,
            analyst: who,
            json,
        } => {
            let id = find_outlet(&library, &name)?;
            let undo = library.delete_outlet(id, &analyst(who))?;
            let entry = library
                .trash()?
                .into_iter()
                .find(|e| Some(e.id) == undo.trash())
                .context("the deleted outlet is not in the trash")?;
            if json {
                print_json(&entry)?;
            } else {
                println!(
                    "Deleted: {} (trash entry {}); `triangulate trash restore {}` brings it back.",
                    entry.label, entry.id, entry.id
                );
            }
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate axis add|set`: defines an axis, or records an outlet's values (appended).
pub(super) fn axis(mut library: Library, action: AxisAction) -> anyhow::Result<Outcome> {
    use triangulate_core::ratings::axes::{self, NewAxis};
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
                .collect::<triangulate_core::Result<Vec<_>>>()?;
            let n = library.set_axis_values(id, &analyst, &values)?;
            println!("{outlet}: {n} axis values recorded by {}.", analyst.trim());
        }
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate axes`: each axis with its kind, and a choice axis with its values.
pub(super) fn axes(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    use triangulate_core::ratings::axes::AxisKind;
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
