//! Reference raters: ratings lists published by others (Media Bias/Fact Check, NewsGuard, Ad
//! Fontes, academic lists), imported from CSV or TSV and shown beside the desk's own grades as a
//! rater apart. A list never enters the combined grade, the spread, the agreement statistic or
//! the disagreement queue; an analyst who agrees records a rating of their own with the list's
//! row as its evidence (`Library::adopt_reference`).
//!
//! - [`parse`]: a file to rows, each column's role recognised or given by hand.
//! - [`scale`]: which side of reliability a published value is on, for the filter "desk grade
//!   and reference disagree" only.
//! - This module: importing a file ([`import_file`]) and matching rows to outlets
//!   ([`Matching`]): by hand first, then by domain (the hosts of the outlet's articles, and the
//!   domains the registry of sources gives its name), then by a section of its site, then by
//!   name and alias. Matching is read, not stored, so a row no outlet matches today is found by
//!   the next import of that outlet's articles.

pub mod parse;
pub mod scale;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::analysis::sources::{Registry, name_key};
use crate::error::{Error, Result};
use crate::jobs::Progress;
use crate::library::{ColumnRole, EntryKey, Library, ReferenceEntry, ReferenceList, Undo};
use crate::model::{Id, OutletReference, OutletReferenceEntry, OutletSummary};
use crate::ratings::Grade;

pub use parse::{ParsedList, column_names, parse_list};
pub use scale::{Band, band_of};

/// How to import a list.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The list's name; a list of that name already here gets a new version.
    pub name: String,
    /// The date the publisher gives this version, YYYY-MM-DD.
    pub published: Option<String>,
    /// Column roles given by hand, by column name.
    pub roles: Vec<(String, ColumnRole)>,
    /// Who imports it.
    pub analyst: String,
}

/// What importing a list did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportedList {
    pub list_id: Id,
    pub name: String,
    pub version: String,
    /// The other versions of the list kept (older ones).
    pub earlier_versions: usize,
    pub rows: usize,
    pub columns: Vec<crate::library::ReferenceColumn>,
    /// Rows left out, each with why.
    pub skipped: Vec<String>,
    /// Outlets given more than once with different values.
    pub conflicting: Vec<String>,
    /// Outlets of the library the list rates, by how they were found: by domain (or a
    /// section of the outlet's site), by name, by an analyst's hand match carried over from
    /// the version before.
    pub matched_outlets: usize,
    pub matched_by_domain: usize,
    pub matched_by_name: usize,
    pub matched_by_hand: usize,
    /// Rows no outlet of the library matches (kept: a later import may bring their outlets).
    pub unmatched_rows: usize,
    #[serde(skip)]
    pub undo: Undo,
}

/// Reads a list from a file and stores it as a new version, in one transaction. `progress`
/// hears the stage and the rows stored; Cancel before the write leaves nothing and returns
/// `None`.
pub fn import_file(
    library: &mut Library,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Option<ImportedList>> {
    progress.set_stage("Reading the list");
    let bytes = std::fs::read(path)
        .map_err(|e| Error::Invalid(format!("{} cannot be read: {e}", path.display())))?;
    let text = crate::import::decode::decode(&bytes).text;
    let mut parsed = parse_list(&text, &options.name, &options.roles)
        .map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    parsed.list.published = match options.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| Error::Invalid(format!("{d:?} is no date: give it as YYYY-MM-DD")))?
                .to_string(),
        ),
    };
    parsed.list.imported_by = options.analyst.clone();
    parsed.list.file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if progress.is_cancelled() {
        return Ok(None);
    }
    progress.set_stage("Saving the list");
    progress.set_total(parsed.list.entries.len() as u64);
    let mut done = 0usize;
    let (list_id, undo) = library.add_reference_list(&parsed.list, |n| {
        progress.advance((n - done) as u64);
        done = n;
    })?;
    progress.set_stage("Matching outlets");
    let matching = Matching::read(library)?;
    let lists = library.reference_lists()?;
    let list = lists
        .iter()
        .find(|l| l.id == list_id)
        .ok_or_else(|| Error::NotFound(format!("no reference list {list_id}")))?;
    let (mut by_domain, mut by_name, mut by_hand) = (0, 0, 0);
    for refs in matching.by_outlet.values() {
        for r in refs.iter().filter(|r| r.list_id == list_id) {
            match r.matched_by.as_str() {
                "name" => by_name += 1,
                "analyst" => by_hand += 1,
                _ => by_domain += 1,
            }
        }
    }
    Ok(Some(ImportedList {
        list_id,
        name: list.name.clone(),
        version: list.date().to_string(),
        earlier_versions: lists
            .iter()
            .filter(|l| l.name == list.name && l.id != list_id)
            .count(),
        rows: parsed.list.entries.len(),
        columns: parsed.list.columns,
        skipped: parsed.skipped,
        conflicting: parsed.conflicting,
        matched_outlets: by_domain + by_name + by_hand,
        matched_by_domain: by_domain,
        matched_by_name: by_name,
        matched_by_hand: by_hand,
        unmatched_rows: matching.unmatched(library, list_id)?.len(),
        undo,
    }))
}

/// Every outlet's rows in the current versions of the lists, read once.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// By outlet, one per list that rates it.
    pub by_outlet: HashMap<Id, Vec<OutletReference>>,
    /// The rows some outlet matches, with the outlets.
    pub matched: HashMap<Id, Vec<Id>>,
    /// The rows matched by hand to no outlet.
    pub no_outlet: HashSet<Id>,
}

/// How a row was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum How {
    Analyst,
    Domain,
    Section,
    Name,
}

impl How {
    fn word(self) -> &'static str {
        match self {
            How::Analyst => "analyst",
            How::Domain => "domain",
            How::Section => "section",
            How::Name => "name",
        }
    }
}

impl Matching {
    /// Matches every outlet of the library against the current versions of its lists.
    pub fn read(library: &Library) -> Result<Matching> {
        let outlets = library.outlet_list()?;
        Matching::for_outlets(library, &outlets)
    }

    /// Matches `outlets` against the current versions of the library's lists.
    pub fn for_outlets(library: &Library, outlets: &[OutletSummary]) -> Result<Matching> {
        let lists: HashMap<Id, ReferenceList> = library
            .reference_lists()?
            .into_iter()
            .filter(|l| l.current)
            .map(|l| (l.id, l))
            .collect();
        let mut matching = Matching::default();
        if lists.is_empty() {
            return Ok(matching);
        }
        let registry = Registry::built_in();
        let hosts = library.outlet_hosts()?;
        let hands = library.reference_hand_matches()?;
        let by_hand: HashMap<Id, Option<Id>> = hands.iter().map(|h| (h.entry, h.outlet)).collect();
        matching.no_outlet = hands
            .iter()
            .filter(|h| h.outlet.is_none())
            .map(|h| h.entry)
            .collect();
        let mut hand_rows: HashMap<Id, Vec<Id>> = HashMap::new();
        for h in &hands {
            if let Some(o) = h.outlet {
                hand_rows.entry(o).or_default().push(h.entry);
            }
        }
        for outlet in outlets {
            let keys = OutletKeys::of(outlet, hosts.get(&outlet.id), registry);
            let mut found: Vec<(How, ReferenceEntry)> = Vec::new();
            for entry in hand_rows.get(&outlet.id).into_iter().flatten() {
                if let Some(e) = library.reference_entry(*entry)? {
                    found.push((How::Analyst, e));
                }
            }
            let automatic = [
                (How::Domain, EntryKey::Domain, &keys.domains_and_above),
                (How::Section, EntryKey::Parent, &keys.domains),
                (How::Name, EntryKey::NameKey, &keys.names),
                (How::Name, EntryKey::SiteKey, &keys.compact_names),
            ];
            for (how, key, values) in automatic {
                for e in library.reference_entries_with(key, values)? {
                    if !by_hand.contains_key(&e.id) {
                        found.push((how, e));
                    }
                }
            }
            // Per list, the rows found the best way.
            let mut per_list: HashMap<Id, (How, Vec<ReferenceEntry>)> = HashMap::new();
            for (how, e) in found {
                if !lists.contains_key(&e.list_id) {
                    continue;
                }
                let slot = per_list.entry(e.list_id).or_insert((how, Vec::new()));
                if how < slot.0 {
                    *slot = (how, Vec::new());
                }
                if how == slot.0 && !slot.1.iter().any(|x| x.id == e.id) {
                    slot.1.push(e);
                }
            }
            let mut refs: Vec<OutletReference> = Vec::new();
            for (list_id, (how, mut entries)) in per_list {
                let Some(list) = lists.get(&list_id) else {
                    continue;
                };
                entries.sort_by_key(|e| e.line);
                for e in &entries {
                    matching.matched.entry(e.id).or_default().push(outlet.id);
                }
                refs.push(outlet_reference(list, how, &entries, outlet));
            }
            refs.sort_by_key(|r| r.list.to_lowercase());
            if !refs.is_empty() {
                matching.by_outlet.insert(outlet.id, refs);
            }
        }
        Ok(matching)
    }

    /// The rows of a version that no outlet matches and no analyst set aside, in the file's order.
    pub fn unmatched(&self, library: &Library, list: Id) -> Result<Vec<ReferenceEntry>> {
        Ok(library
            .reference_entries(list)?
            .into_iter()
            .filter(|e| !self.matched.contains_key(&e.id) && !self.no_outlet.contains(&e.id))
            .collect())
    }
}

/// Fills each outlet's `references` from the current versions of the library's lists.
pub fn attach(library: &Library, outlets: &mut [OutletSummary]) -> Result<()> {
    let mut matching = Matching::for_outlets(library, outlets)?;
    for o in outlets.iter_mut() {
        o.references = matching.by_outlet.remove(&o.id).unwrap_or_default();
    }
    Ok(())
}

/// What an outlet is known by: the hosts of its articles and the registry's domains for it
/// (`domains`, and each with the domains above it), and its names folded (`names`, and without
/// spaces, as a domain's label would spell them).
struct OutletKeys {
    domains: Vec<String>,
    domains_and_above: Vec<String>,
    names: Vec<String>,
    compact_names: Vec<String>,
}

impl OutletKeys {
    fn of(outlet: &OutletSummary, hosts: Option<&Vec<String>>, registry: &Registry) -> OutletKeys {
        let mut domains: Vec<String> = hosts.cloned().unwrap_or_default();
        let mut names: Vec<String> = std::iter::once(&outlet.name)
            .chain(&outlet.aliases)
            .cloned()
            .collect();
        let mut sources = Vec::new();
        for n in &names {
            sources.extend(registry.by_name(n));
        }
        for h in &domains {
            sources.extend(registry.by_host(h));
        }
        for s in sources {
            domains.extend(s.domains.iter().map(|d| d.to_lowercase()));
            names.push(s.name.clone());
            names.extend(s.aliases.iter().cloned());
        }
        domains.sort();
        domains.dedup();
        let mut above: Vec<String> = Vec::new();
        for d in &domains {
            let mut rest = d.as_str();
            loop {
                above.push(rest.to_string());
                match rest.split_once('.') {
                    Some((_, shorter)) if shorter.contains('.') => rest = shorter,
                    _ => break,
                }
            }
        }
        above.sort();
        above.dedup();
        let mut names: Vec<String> = names
            .iter()
            .map(|n| name_key(n))
            .filter(|k| !k.is_empty())
            .collect();
        names.sort();
        names.dedup();
        let mut compact: Vec<String> = names
            .iter()
            .map(|n| n.replace(' ', ""))
            .filter(|n| n.chars().count() >= 3)
            .collect();
        compact.sort();
        compact.dedup();
        OutletKeys {
            domains,
            domains_and_above: above,
            names,
            compact_names: compact,
        }
    }
}

fn outlet_reference(
    list: &ReferenceList,
    how: How,
    entries: &[ReferenceEntry],
    outlet: &OutletSummary,
) -> OutletReference {
    let entries: Vec<OutletReferenceEntry> = entries
        .iter()
        .map(|e| OutletReferenceEntry {
            id: e.id,
            line: e.line,
            row: e.label(),
            domain: e.domain.clone(),
            link: e.link.clone(),
            values: list
                .rating_columns()
                .map(|c| {
                    (
                        c.name.clone(),
                        e.ratings.get(&c.name).cloned().unwrap_or_default(),
                    )
                })
                .collect(),
        })
        .collect();
    let conflicting = entries.windows(2).any(|w| w[0].values != w[1].values);
    let disagreement = outlet
        .combined_grade
        .as_deref()
        .and_then(|g| g.parse::<Grade>().ok())
        .and_then(|grade| disagreement(grade, list, &entries));
    OutletReference {
        list: list.name.clone(),
        list_id: list.id,
        version: list.date().to_string(),
        matched_by: how.word().to_string(),
        entries,
        conflicting,
        disagreement,
    }
}

/// Why the desk's grade and a list's reliability values are at opposite ends, if they are.
fn disagreement(
    grade: Grade,
    list: &ReferenceList,
    entries: &[OutletReferenceEntry],
) -> Option<String> {
    let desk = Band::of_grade(grade);
    let opposed: Vec<String> = list
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Reliability)
        .flat_map(|c| {
            entries.iter().filter_map(move |e| {
                let value = e.values.iter().find(|(k, _)| *k == c.name)?.1.clone();
                desk.opposes(band_of(&value, c.scale))
                    .then(|| format!("{}: {value}", c.name))
            })
        })
        .collect();
    if opposed.is_empty() {
        return None;
    }
    let side = match desk {
        Band::High => "reliable",
        _ => "unreliable",
    };
    Some(format!(
        "the desk's {} is on the {side} side; {} says {}",
        grade.letter(),
        list.name,
        opposed.join(", ")
    ))
}
