//! Reference lists, ratings of outlets published by others (`triangulate reference
//! import|list|show|match|adopt|delete`): a rater apart, shown beside the desk's grades and never
//! in them. Reading a file, matching rows to outlets and storing are the core's
//! (`triangulate_core::reference`, `Library`'s reference methods); these functions find what
//! the user named and print what the core answers.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use serde::Serialize;
use triangulate_core::jobs::Progress;
use triangulate_core::library::{ColumnRole, Library, ReferenceEntry, ReferenceList};
use triangulate_core::model::{Id, OutletReference, OutletReferenceEntry};
use triangulate_core::ratings::{Grade, NewRating};
use triangulate_core::reference::{self, ImportOptions, Matching};

use super::Outcome;
use super::args::ReferenceAction;
use super::common::{LibraryFile, analyst, find_outlet, plural, print_json};

/// How many skipped rows the text output shows before "and N more".
const SKIPPED_SHOWN: usize = 5;

/// `triangulate reference …`: opens the library to write for the commands that write, and to
/// read (beside an app that is writing) for `list` and `show`.
pub(super) fn reference(file: &LibraryFile, action: ReferenceAction) -> anyhow::Result<Outcome> {
    match action {
        ReferenceAction::Import {
            file: list_file,
            name,
            map,
            date,
            analyst: who,
            json,
        } => {
            let options = ImportOptions {
                name,
                published: date,
                roles: roles(&map)?,
                analyst: analyst(who),
            };
            import(file.open()?, &list_file, &options, json)
        }
        ReferenceAction::List { json } => list(&file.read()?, json),
        ReferenceAction::Show {
            name,
            unmatched,
            json,
        } => show(&file.read()?, &name, unmatched, json),
        ReferenceAction::Match {
            name,
            line,
            outlet,
            none,
            clear,
            analyst: who,
        } => match_row(
            file.open()?,
            &name,
            line,
            outlet.as_deref(),
            none,
            clear,
            &analyst(who),
        ),
        ReferenceAction::Adopt {
            outlet,
            list,
            grade,
            analyst,
            note,
            line,
        } => adopt(file.open()?, &outlet, &list, &grade, &analyst, note, line),
        ReferenceAction::Delete {
            name,
            version,
            analyst: who,
            json,
        } => delete(file.open()?, &name, version, &analyst(who), json),
    }
}

/// `--map COLUMN=ROLE` flags as the core takes them.
fn roles(map: &[String]) -> anyhow::Result<Vec<(String, ColumnRole)>> {
    map.iter()
        .map(|m| {
            let (column, role) = m.split_once('=').with_context(|| {
                format!(
                    "--map {m:?}: write COLUMN=ROLE, e.g. --map rating=reliability; the roles are: {}",
                    ColumnRole::ALL.map(ColumnRole::word).join(", ")
                )
            })?;
            let role: ColumnRole = role
                .parse()
                .with_context(|| format!("--map {m:?}"))?;
            Ok((column.trim().to_string(), role))
        })
        .collect()
}

/// `triangulate reference import`: reads and stores the list, then says what it holds and what
/// it matched. Stages go to stderr when it is a terminal (scripts get clean output).
fn import(
    mut library: Library,
    path: &Path,
    options: &ImportOptions,
    json: bool,
) -> anyhow::Result<Outcome> {
    let progress = Progress::new();
    let finished = AtomicBool::new(false);
    let imported = std::thread::scope(|scope| {
        if std::io::stderr().is_terminal() {
            scope.spawn(|| show_stages(&progress, &finished));
        }
        let result = reference::import_file(&mut library, path, options, &progress);
        finished.store(true, Ordering::Relaxed);
        result
    })?;
    let Some(imported) = imported else {
        bail!("the import of {} was cancelled", path.display());
    };
    if json {
        print_json(&imported)?;
        return Ok(Outcome::Exit(0));
    }
    println!(
        "Imported reference list {}, version {} ({}): {}.",
        imported.name,
        imported.version,
        path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into()
        ),
        plural(imported.rows, "row")
    );
    if imported.earlier_versions > 0 {
        println!(
            "It is the current version; {} kept (`triangulate reference list`).",
            plural(imported.earlier_versions, "earlier version")
        );
    }
    println!("Columns:");
    let width = imported
        .columns
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    for c in &imported.columns {
        let scale = c.scale.map(|s| format!(" (on a scale to {s})"));
        println!(
            "  {:<width$}  {}{}",
            c.name,
            c.role,
            scale.unwrap_or_default()
        );
    }
    if !imported.skipped.is_empty() {
        println!("Skipped {}:", plural(imported.skipped.len(), "row"));
        for why in imported.skipped.iter().take(SKIPPED_SHOWN) {
            println!("  {why}");
        }
        if imported.skipped.len() > SKIPPED_SHOWN {
            println!("  … and {} more", imported.skipped.len() - SKIPPED_SHOWN);
        }
    }
    if !imported.conflicting.is_empty() {
        println!(
            "Given more than once with different values (all rows kept, shown as conflicting):"
        );
        for c in &imported.conflicting {
            println!("  {c}");
        }
    }
    println!(
        "Matches {} of the library: {} by domain, {} by name.",
        plural(imported.matched_outlets, "outlet"),
        imported.matched_by_domain,
        imported.matched_by_name
    );
    if imported.unmatched_rows > 0 {
        println!(
            "No outlet of the library matches {} yet (kept: importing their articles matches \
             them). `triangulate reference show {} --unmatched` lists them; `triangulate \
             reference match` matches one by hand.",
            plural(imported.unmatched_rows, "row"),
            quoted(&imported.name)
        );
    }
    Ok(Outcome::Exit(0))
}

/// Prints each stage of the import to stderr as it starts, with the rows to store.
fn show_stages(progress: &Progress, finished: &AtomicBool) {
    let mut last = String::new();
    while !finished.load(Ordering::Relaxed) {
        let now = progress.snapshot();
        if !now.stage.is_empty() && now.stage != last {
            if now.total > 0 && now.done < now.total {
                eprintln!("{} ({} rows)…", now.stage, now.total);
            } else {
                eprintln!("{}…", now.stage);
            }
            last = now.stage;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A list's name as the user would type it in a shell: quoted when it has spaces.
fn quoted(name: &str) -> String {
    if name.chars().any(char::is_whitespace) {
        format!("{name:?}")
    } else {
        name.to_string()
    }
}

/// A list's versions as `reference list --json` gives them.
#[derive(Serialize)]
struct ListSummary {
    name: String,
    /// The outlets of the library its current version matches.
    matched_outlets: usize,
    versions: Vec<ReferenceList>,
}

/// `triangulate reference list`: each list, its versions oldest first, and how many outlets
/// its current version matches.
fn list(library: &Library, json: bool) -> anyhow::Result<Outcome> {
    let matching = Matching::read(library)?;
    let mut lists: Vec<ListSummary> = Vec::new();
    for version in library.reference_lists()? {
        match lists.last_mut() {
            Some(l) if l.name.eq_ignore_ascii_case(&version.name) => l.versions.push(version),
            _ => lists.push(ListSummary {
                name: version.name.clone(),
                matched_outlets: 0,
                versions: vec![version],
            }),
        }
    }
    for l in &mut lists {
        if let Some(current) = l.versions.iter().find(|v| v.current) {
            l.matched_outlets = matching
                .by_outlet
                .values()
                .filter(|refs| refs.iter().any(|r| r.list_id == current.id))
                .count();
        }
    }
    if json {
        print_json(&lists)?;
        return Ok(Outcome::Exit(0));
    }
    if lists.is_empty() {
        println!(
            "No reference lists yet: `triangulate reference import FILE --name NAME` imports one."
        );
    }
    for l in &lists {
        println!(
            "{}  (matches {})",
            l.name,
            plural(l.matched_outlets, "outlet")
        );
        for v in &l.versions {
            println!(
                "  version {:>4}  {}  {:<24} {:>8}  {}{}",
                v.id,
                v.date(),
                v.file,
                plural(v.entries as usize, "row"),
                if v.current { "current" } else { "older" },
                if v.imported_by.is_empty() {
                    String::new()
                } else {
                    format!("  imported by {}", v.imported_by)
                }
            );
        }
    }
    Ok(Outcome::Exit(0))
}

/// The current version of the list called `name`, or an error naming the lists there are.
fn current_version(library: &Library, name: &str) -> anyhow::Result<ReferenceList> {
    let lists = library.reference_lists()?;
    if let Some(found) = lists
        .iter()
        .find(|l| l.current && l.name.eq_ignore_ascii_case(name.trim()))
    {
        return Ok(found.clone());
    }
    let mut names: Vec<&str> = lists.iter().map(|l| l.name.as_str()).collect();
    names.dedup();
    if names.is_empty() {
        bail!(
            "no reference list called {name:?}: there are none yet (`triangulate reference import FILE --name NAME`)"
        );
    }
    bail!(
        "no reference list called {name:?}; the lists are: {}",
        names.join(", ")
    )
}

/// The row of `list` at `line` of its file.
fn row_at(library: &Library, list: &ReferenceList, line: i64) -> anyhow::Result<ReferenceEntry> {
    library
        .reference_entries(list.id)?
        .into_iter()
        .find(|e| e.line == line)
        .with_context(|| {
            format!(
                "{} (version {}) has no row at line {line}; `triangulate reference show {}` and `--unmatched` list its rows with their lines",
                list.name,
                list.date(),
                quoted(&list.name)
            )
        })
}

/// An outlet's rows in a list, as `reference show --json` gives them.
#[derive(Serialize)]
struct MatchedOutlet {
    outlet_id: Id,
    outlet: String,
    /// analyst, domain, section or name (see `OutletReference::matched_by`).
    matched_by: String,
    /// Its values as `outlets` shows them: "mixed · right", "high ≠ low" where rows conflict.
    shown: String,
    conflicting: bool,
    disagreement: Option<String>,
    rows: Vec<OutletReferenceEntry>,
}

impl MatchedOutlet {
    fn new(outlet_id: Id, outlet: &str, r: &OutletReference) -> Self {
        MatchedOutlet {
            outlet_id,
            outlet: outlet.to_string(),
            matched_by: r.matched_by.clone(),
            shown: r.shown(),
            conflicting: r.conflicting,
            disagreement: r.disagreement.clone(),
            rows: r.entries.clone(),
        }
    }
}

/// `reference show --json`: the version, and its matched rows or its unmatched ones.
#[derive(Serialize)]
struct Shown {
    list: ReferenceList,
    #[serde(skip_serializing_if = "Option::is_none")]
    matched: Option<Vec<MatchedOutlet>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unmatched: Option<Vec<ReferenceEntry>>,
    /// Rows an analyst said are no outlet of this library.
    set_aside: usize,
}

/// `triangulate reference show`: the current version's rows matched to outlets, or those no
/// outlet matches.
fn show(library: &Library, name: &str, unmatched: bool, json: bool) -> anyhow::Result<Outcome> {
    let list = current_version(library, name)?;
    let outlets = library.outlet_list()?;
    let matching = Matching::for_outlets(library, &outlets)?;
    let entries = library.reference_entries(list.id)?;
    let set_aside = entries
        .iter()
        .filter(|e| matching.no_outlet.contains(&e.id))
        .count();
    let mut shown = Shown {
        list,
        matched: None,
        unmatched: None,
        set_aside,
    };
    if unmatched {
        shown.unmatched = Some(matching.unmatched(library, shown.list.id)?);
    } else {
        let mut matched: Vec<MatchedOutlet> = outlets
            .iter()
            .filter_map(|o| {
                let r = matching
                    .by_outlet
                    .get(&o.id)?
                    .iter()
                    .find(|r| r.list_id == shown.list.id)?;
                Some(MatchedOutlet::new(o.id, &o.name, r))
            })
            .collect();
        matched.sort_by_key(|m| m.outlet.to_lowercase());
        shown.matched = Some(matched);
    }
    if json {
        print_json(&shown)?;
        return Ok(Outcome::Exit(0));
    }
    let list = &shown.list;
    let columns: Vec<&str> = list.rating_columns().map(|c| c.name.as_str()).collect();
    println!(
        "{}, version {} ({}; {}): {}",
        list.name,
        list.date(),
        list.file,
        plural(list.entries as usize, "row"),
        columns.join(" · ")
    );
    if let Some(rows) = &shown.unmatched {
        if rows.is_empty() {
            println!("Every row matches an outlet of the library or was set aside.");
        } else {
            println!(
                "No outlet of the library matches {}:",
                plural(rows.len(), "row")
            );
        }
        for e in rows {
            println!("  line {:>6}  {}  {}", e.line, e.label(), e.values(list));
        }
        if !rows.is_empty() {
            println!(
                "`triangulate reference match {} LINE OUTLET` matches a row by hand; `--none` sets it aside.",
                quoted(&list.name)
            );
        }
    }
    if let Some(matched) = &shown.matched {
        if matched.is_empty() {
            println!("No outlet of the library matches a row yet; `--unmatched` lists the rows.");
        }
        for m in matched {
            println!(
                "  {:<32} {} ({}){}",
                m.outlet,
                m.shown,
                m.matched_by,
                if m.conflicting { "  conflicting" } else { "" }
            );
            for r in &m.rows {
                println!("  {:<32}   line {}: {}", "", r.line, r.row);
            }
        }
    }
    if shown.set_aside > 0 {
        println!(
            "{} set aside by an analyst as no outlet of this library.",
            plural(shown.set_aside, "row")
        );
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate reference match`: a row matched to an outlet by hand, set aside, or its hand
/// match taken off.
fn match_row(
    mut library: Library,
    name: &str,
    line: i64,
    outlet: Option<&str>,
    none: bool,
    clear: bool,
    by: &str,
) -> anyhow::Result<Outcome> {
    let list = current_version(&library, name)?;
    let row = row_at(&library, &list, line)?;
    let outlet_id = match outlet {
        Some(o) if !none && !clear => Some(find_outlet(&library, o)?),
        _ => None,
    };
    if outlet_id.is_none() && !none && !clear {
        bail!("name the outlet, or give --none (the row is no outlet of this library) or --clear");
    }
    library.match_reference_entry(row.id, outlet_id, clear, by)?;
    let what = format!("{} line {line} ({})", list.name, row.label());
    if clear {
        println!("{what}: the hand match is off; matching by domain and name applies again.");
    } else if none {
        println!("{what}: set aside by {by} as no outlet of this library.");
    } else if let Some(o) = outlet {
        println!("{what} matched by {by} to {o}.");
    }
    Ok(Outcome::Exit(0))
}

/// `triangulate reference adopt`: the analyst's own rating of an outlet, with a row of the
/// list as its evidence.
fn adopt(
    mut library: Library,
    outlet: &str,
    list_name: &str,
    grade: &str,
    analyst: &str,
    rationale: String,
    line: Option<i64>,
) -> anyhow::Result<Outcome> {
    let outlet_id = find_outlet(&library, outlet)?;
    let list = current_version(&library, list_name)?;
    let grade: Grade = grade.parse()?;
    if analyst.trim().is_empty() {
        bail!("name who adopts the rating: --analyst NAME");
    }
    let entry = match line {
        Some(line) => row_at(&library, &list, line)?.id,
        None => matched_row(&library, outlet_id, outlet, &list)?,
    };
    let id = library.adopt_reference(
        &NewRating {
            outlet_id,
            analyst: analyst.trim().to_string(),
            grade: Some(grade),
            rationale,
            ..NewRating::default()
        },
        entry,
    )?;
    let evidence = library
        .rating_reference(id)?
        .context("the adopted rating has no evidence from the list")?;
    println!(
        "{outlet} rated {grade} ({}) by {}, adopted from {}. It is {}'s rating; the list stays a rater apart.",
        grade.meaning(),
        analyst.trim(),
        evidence.describe(),
        analyst.trim()
    );
    Ok(Outcome::Exit(0))
}

/// The one row of `list` matched to the outlet; an error when there is none, or several that
/// give different values, saying how `--line` picks one.
fn matched_row(
    library: &Library,
    outlet_id: Id,
    outlet: &str,
    list: &ReferenceList,
) -> anyhow::Result<Id> {
    let outlets: Vec<_> = library
        .outlet_list()?
        .into_iter()
        .filter(|o| o.id == outlet_id)
        .collect();
    let mut matching = Matching::for_outlets(library, &outlets)?;
    let found = matching
        .by_outlet
        .remove(&outlet_id)
        .unwrap_or_default()
        .into_iter()
        .find(|r| r.list_id == list.id);
    let Some(found) = found else {
        bail!(
            "no row of {} (version {}) is matched to {outlet}: find its row with `triangulate reference show {} --unmatched` and give it with --line N (or match it first with `triangulate reference match`)",
            list.name,
            list.date(),
            quoted(&list.name)
        );
    };
    if found.conflicting {
        let rows: Vec<String> = found
            .entries
            .iter()
            .map(|e| format!("  line {}: {} — {}", e.line, e.row, e.shown()))
            .collect();
        bail!(
            "{} gives {outlet} in {} rows with different values; say which to adopt with --line N:\n{}",
            list.name,
            found.entries.len(),
            rows.join("\n")
        );
    }
    found
        .entries
        .first()
        .map(|e| e.id)
        .context("the matched reference has no row")
}

/// `triangulate reference delete`: the list (or one version) to the trash.
fn delete(
    mut library: Library,
    name: &str,
    version: Option<Id>,
    by: &str,
    json: bool,
) -> anyhow::Result<Outcome> {
    let undo = library.delete_reference_list(name, version, by)?;
    let entry = library
        .trash()?
        .into_iter()
        .find(|e| Some(e.id) == undo.trash())
        .context("the deleted list is not in the trash")?;
    if json {
        print_json(&entry)?;
    } else {
        println!(
            "Deleted: {} ({}; trash entry {}); `triangulate trash restore {}` brings it back. Ratings adopted from it keep their copy of its row.",
            entry.label,
            plural(entry.items as usize, "row"),
            entry.id,
            entry.id
        );
    }
    Ok(Outcome::Exit(0))
}
