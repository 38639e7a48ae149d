//! Storage of reference lists (`db/0017_reference_lists.sql`): ratings of outlets published by
//! others (Media Bias/Fact Check, NewsGuard, an academic list), kept as published, each import a
//! dated version; the analysts' matches of a list's rows to outlets made by hand; ratings adopted
//! from a list with the row as their evidence; and the web hosts of each outlet's articles, which
//! matching by domain reads. Matching itself (domains, the registry of sources, names) is the
//! `reference` engine's: storage knows no registry.
//!
//! Nothing here is read by the combined grade, the spread, the agreement statistic or the
//! disagreement queue: those read `ratings` alone.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Library;
use super::clock::now;
use super::undo::{HandMatchRecord, Undo, put_hand_match};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::ratings::NewRating;

/// What a column of a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnRole {
    /// The outlet's name.
    Name,
    /// The outlet's web address or domain.
    Domain,
    /// The rater's own page about the outlet.
    Link,
    /// A published rating of the outlet's reliability or factuality: shown, and compared with
    /// the desk's grade by the "desk and reference disagree" filter.
    Reliability,
    /// Any other published rating (bias, leaning, ownership…): shown, never compared.
    Rating,
    /// Not kept.
    Ignore,
}

impl ColumnRole {
    /// Every role, as `--map COLUMN=ROLE` and the import dialog name them.
    pub const ALL: [ColumnRole; 6] = [
        ColumnRole::Name,
        ColumnRole::Domain,
        ColumnRole::Link,
        ColumnRole::Reliability,
        ColumnRole::Rating,
        ColumnRole::Ignore,
    ];

    /// The role's word.
    pub fn word(self) -> &'static str {
        match self {
            ColumnRole::Name => "name",
            ColumnRole::Domain => "domain",
            ColumnRole::Link => "link",
            ColumnRole::Reliability => "reliability",
            ColumnRole::Rating => "rating",
            ColumnRole::Ignore => "ignore",
        }
    }

    /// Whether the column holds a published rating.
    pub fn is_rating(self) -> bool {
        matches!(self, ColumnRole::Reliability | ColumnRole::Rating)
    }
}

impl std::fmt::Display for ColumnRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

impl std::str::FromStr for ColumnRole {
    type Err = Error;
    fn from_str(s: &str) -> Result<ColumnRole> {
        ColumnRole::ALL
            .into_iter()
            .find(|r| r.word().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{s:?} is no column role; the roles are: {}",
                    ColumnRole::ALL.map(ColumnRole::word).join(", ")
                ))
            })
    }
}

/// A column of a list, in the file's order, with what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceColumn {
    pub name: String,
    pub role: ColumnRole,
    /// For a reliability column of numbers, the top of its scale (1, 5, 10 or 100), read from
    /// the highest value it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u32>,
}

/// A row of a list to store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewReferenceEntry {
    /// The row's line in the file (the header is line 1).
    pub line: i64,
    pub name: Option<String>,
    /// The host, lower case, without "www." ("dailysabah.com").
    pub domain: Option<String>,
    pub link: Option<String>,
    /// The name's words folded, a leading "the" aside: what matching by name compares.
    pub name_key: Option<String>,
    /// The domain's name-like label ("dailysabah").
    pub site_key: Option<String>,
    /// The domain one label up, when it has three or more ("huffingtonpost.com" of
    /// "highline.huffingtonpost.com").
    pub parent: Option<String>,
    /// Each rating column's published value, by column name.
    pub ratings: BTreeMap<String, String>,
}

/// A version of a list to store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewReferenceList {
    pub name: String,
    /// The date the publisher gives the list, YYYY-MM-DD.
    pub published: Option<String>,
    /// The file's name.
    pub file: String,
    pub imported_by: String,
    pub columns: Vec<ReferenceColumn>,
    pub entries: Vec<NewReferenceEntry>,
}

impl NewReferenceList {
    /// The version's identity: its name and rows (not when or by whom it was imported).
    pub fn uid(&self) -> String {
        let rows = serde_json::to_string(&(&self.columns, &self.entries)).unwrap_or_default();
        crate::text::hash_parts(&[&self.name.trim().to_lowercase(), &rows])
    }
}

/// A stored version of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceList {
    pub id: Id,
    pub name: String,
    pub published: Option<String>,
    pub imported_at: String,
    pub imported_by: String,
    pub file: String,
    pub columns: Vec<ReferenceColumn>,
    pub entries: i64,
    /// Whether it is its list's current version: the one imported last (a version restored
    /// from the trash or brought by a ratings file keeps the time it was first imported).
    pub current: bool,
}

impl ReferenceList {
    /// The version's date as shown: the publisher's date, else the day it was imported.
    pub fn date(&self) -> &str {
        match &self.published {
            Some(d) => d,
            None => self.imported_at.get(..10).unwrap_or(&self.imported_at),
        }
    }

    /// The names of its rating columns, in the file's order.
    pub fn rating_columns(&self) -> impl Iterator<Item = &ReferenceColumn> {
        self.columns.iter().filter(|c| c.role.is_rating())
    }
}

/// A stored row of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceEntry {
    pub id: Id,
    pub list_id: Id,
    pub line: i64,
    pub name: Option<String>,
    pub domain: Option<String>,
    pub link: Option<String>,
    pub ratings: BTreeMap<String, String>,
}

impl ReferenceEntry {
    /// How the row names its outlet: its name, else its domain, else its line.
    pub fn label(&self) -> String {
        match (&self.name, &self.domain) {
            (Some(n), Some(d)) => format!("{n} ({d})"),
            (Some(n), None) => n.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => format!("line {}", self.line),
        }
    }

    /// Its published values in the order of `list`'s columns: "high · left-center".
    pub fn values(&self, list: &ReferenceList) -> String {
        list.rating_columns()
            .filter_map(|c| self.ratings.get(&c.name))
            .filter(|v| !v.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Which key of rows matching looks up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKey {
    Domain,
    Parent,
    NameKey,
    SiteKey,
}

/// An analyst's match of a row to an outlet (`None`: the row is no outlet of this library).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandMatch {
    pub entry: Id,
    pub outlet: Option<Id>,
    pub matched_by: String,
    pub matched_at: String,
}

/// A list's row as the evidence of a rating adopted from it: a copy, which outlives the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceEvidence {
    /// The list's name.
    pub list: String,
    /// The version's date.
    pub version: String,
    /// The row as the list names its outlet.
    pub entry: String,
    /// Its published values, (column, value) in the file's order.
    pub ratings: Vec<(String, String)>,
}

impl ReferenceEvidence {
    /// "MBFC (2018-05-01): foxnews.com — fact: mixed, bias: right".
    pub fn describe(&self) -> String {
        let values: Vec<String> = self
            .ratings
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        format!(
            "{} ({}): {} — {}",
            self.list,
            self.version,
            self.entry,
            values.join(", ")
        )
    }
}

/// A whole version as the trash and the exchange file keep it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedReferenceList {
    pub uid: String,
    pub name: String,
    pub published: Option<String>,
    pub imported_at: String,
    pub imported_by: String,
    pub file: String,
    pub columns: Vec<ReferenceColumn>,
    pub entries: Vec<NewReferenceEntry>,
    /// Hand matches, by the row's line and the outlet's name (`None`: no outlet).
    #[serde(default)]
    pub matches: Vec<ExportedHandMatch>,
}

/// A hand match as the trash and the exchange file keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedHandMatch {
    pub line: i64,
    pub outlet: Option<String>,
    pub matched_by: String,
    pub matched_at: String,
}

/// How many rows go in between two reports of progress on import.
const PROGRESS_EVERY: usize = 2_000;

impl Library {
    /// Stores a version of a list in one transaction; `progress` hears how many rows are stored
    /// so far. The same version imported again (same name and rows) is refused, saying when it
    /// was imported. Returns the new version's id and its undo (which removes it).
    pub fn add_reference_list(
        &mut self,
        list: &NewReferenceList,
        mut progress: impl FnMut(usize),
    ) -> Result<(Id, Undo)> {
        let name = list.name.trim();
        if name.is_empty() {
            return Err(Error::Invalid(
                "give the list a name (--name), such as the rater's: MBFC, NewsGuard".into(),
            ));
        }
        let uid = list.uid();
        let tx = self.conn.transaction()?;
        let id = insert_list(
            &tx,
            &ExportedReferenceList {
                uid,
                name: name.to_string(),
                published: list.published.clone(),
                imported_at: now(),
                imported_by: list.imported_by.trim().to_string(),
                file: list.file.clone(),
                columns: list.columns.clone(),
                entries: Vec::new(),
                matches: Vec::new(),
            },
            &list.entries,
            &mut progress,
        )?;
        // The analysts' hand matches of the version before carry over to the rows of this one
        // that name the same outlet (same domain and name).
        // From the few hand matches to the rows, through the indexes of domains and names.
        tx.execute(
            "INSERT OR IGNORE INTO reference_matches(entry_id, outlet_id, matched_by, matched_at)
             SELECT new.id, m.outlet_id, m.matched_by, m.matched_at
             FROM reference_matches m
             CROSS JOIN reference_entries old ON old.id = m.entry_id
             CROSS JOIN reference_entries new
               ON new.domain = old.domain AND new.name_key IS old.name_key AND new.list_id = ?1
             WHERE old.list_id = (SELECT id FROM reference_lists WHERE name = ?2 AND id <> ?1
                                 ORDER BY imported_at DESC, id DESC LIMIT 1)
               AND old.domain IS NOT NULL",
            params![id, name],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO reference_matches(entry_id, outlet_id, matched_by, matched_at)
             SELECT new.id, m.outlet_id, m.matched_by, m.matched_at
             FROM reference_matches m
             CROSS JOIN reference_entries old ON old.id = m.entry_id
             CROSS JOIN reference_entries new
               ON new.name_key = old.name_key AND new.domain IS NULL AND new.list_id = ?1
             WHERE old.list_id = (SELECT id FROM reference_lists WHERE name = ?2 AND id <> ?1
                                 ORDER BY imported_at DESC, id DESC LIMIT 1)
               AND old.domain IS NULL",
            params![id, name],
        )?;
        tx.commit()?;
        let undo = Undo {
            label: format!("import reference list {name}"),
            reference_lists_added: vec![id],
            ..Undo::default()
        };
        Ok((id, undo))
    }

    /// Every version of every list, by name and then oldest import first, each saying whether it
    /// is its list's current version.
    pub fn reference_lists(&self) -> Result<Vec<ReferenceList>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.name, l.published, l.imported_at, l.imported_by, l.file, l.columns,
                    l.entries,
                    l.id IN (SELECT id FROM current_reference_lists)
             FROM reference_lists l ORDER BY l.name COLLATE NOCASE, l.imported_at, l.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let columns: String = r.get(6)?;
            Ok(ReferenceList {
                id: r.get(0)?,
                name: r.get(1)?,
                published: r.get(2)?,
                imported_at: r.get(3)?,
                imported_by: r.get(4)?,
                file: r.get(5)?,
                columns: serde_json::from_str(&columns).unwrap_or_default(),
                entries: r.get(7)?,
                current: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The rows of one version, in the file's order.
    pub fn reference_entries(&self, list: Id) -> Result<Vec<ReferenceEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, list_id, line, name, domain, link, ratings FROM reference_entries
             WHERE list_id = ?1 ORDER BY line",
        )?;
        let rows = stmt.query_map([list], entry_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One row.
    pub fn reference_entry(&self, entry: Id) -> Result<Option<ReferenceEntry>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, list_id, line, name, domain, link, ratings FROM reference_entries
                 WHERE id = ?1",
            )?
            .query_row([entry], entry_row)
            .optional()?)
    }

    /// The rows of the current versions whose `key` is one of `values`.
    pub fn reference_entries_with(
        &self,
        key: EntryKey,
        values: &[String],
    ) -> Result<Vec<ReferenceEntry>> {
        let sql = match key {
            EntryKey::Domain => {
                "SELECT e.id, e.list_id, e.line, e.name, e.domain, e.link, e.ratings
                 FROM reference_entries e WHERE e.domain = ?1
                   AND e.list_id IN (SELECT id FROM current_reference_lists)"
            }
            EntryKey::Parent => {
                "SELECT e.id, e.list_id, e.line, e.name, e.domain, e.link, e.ratings
                 FROM reference_entries e WHERE e.parent = ?1
                   AND e.list_id IN (SELECT id FROM current_reference_lists)"
            }
            EntryKey::NameKey => {
                "SELECT e.id, e.list_id, e.line, e.name, e.domain, e.link, e.ratings
                 FROM reference_entries e WHERE e.name_key = ?1
                   AND e.list_id IN (SELECT id FROM current_reference_lists)"
            }
            EntryKey::SiteKey => {
                "SELECT e.id, e.list_id, e.line, e.name, e.domain, e.link, e.ratings
                 FROM reference_entries e WHERE e.site_key = ?1
                   AND e.list_id IN (SELECT id FROM current_reference_lists)"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut out = Vec::new();
        for value in values {
            if value.is_empty() {
                continue;
            }
            for row in stmt.query_map([value], entry_row)? {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// The analysts' matches of rows of the current versions.
    pub fn reference_hand_matches(&self) -> Result<Vec<HandMatch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.entry_id, m.outlet_id, m.matched_by, m.matched_at
             FROM reference_matches m JOIN reference_entries e ON e.id = m.entry_id
             WHERE e.list_id IN (SELECT id FROM current_reference_lists)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(HandMatch {
                entry: r.get(0)?,
                outlet: r.get(1)?,
                matched_by: r.get(2)?,
                matched_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Matches a row to an outlet by hand (`None`: the row is no outlet of this library), which
    /// wins over matching by domain and name; `clear` takes the hand match off instead, leaving
    /// the row to matching again. Undoable.
    pub fn match_reference_entry(
        &mut self,
        entry: Id,
        outlet: Option<Id>,
        clear: bool,
        by: &str,
    ) -> Result<Undo> {
        let tx = self.conn.transaction()?;
        let label: Option<String> = tx
            .query_row(
                "SELECT coalesce(name, domain, 'line ' || line) FROM reference_entries WHERE id = ?1",
                [entry],
                |r| r.get(0),
            )
            .optional()?;
        let label = label.ok_or_else(|| Error::NotFound(format!("no reference row {entry}")))?;
        if let Some(o) = outlet {
            let known: bool = tx
                .query_row("SELECT 1 FROM outlets WHERE id = ?1", [o], |_| Ok(()))
                .optional()?
                .is_some();
            if !known {
                return Err(Error::NotFound(format!("no outlet {o}")));
            }
        }
        let before = hand_match(&tx, entry)?;
        if clear {
            tx.execute("DELETE FROM reference_matches WHERE entry_id = ?1", [entry])?;
        } else {
            put_hand_match(&tx, entry, outlet, by.trim(), &now())?;
        }
        tx.commit()?;
        Ok(Undo {
            label: if clear {
                format!("unmatch {label}")
            } else {
                format!("match {label}")
            },
            reference_matches: vec![(entry, before)],
            ..Undo::default()
        })
    }

    /// Records an analyst's rating adopted from a list's row: theirs, with the row (as it is now)
    /// as its evidence. The list itself stays a rater apart.
    pub fn adopt_reference(&mut self, rating: &NewRating, entry: Id) -> Result<Id> {
        let row = self
            .reference_entry(entry)?
            .ok_or_else(|| Error::NotFound(format!("no reference row {entry}")))?;
        let list = self
            .reference_lists()?
            .into_iter()
            .find(|l| l.id == row.list_id)
            .ok_or_else(|| Error::NotFound(format!("no reference list {}", row.list_id)))?;
        let evidence = ReferenceEvidence {
            list: list.name.clone(),
            version: list.date().to_string(),
            entry: row.label(),
            ratings: list
                .rating_columns()
                .filter_map(|c| Some((c.name.clone(), row.ratings.get(&c.name)?.clone())))
                .collect(),
        };
        let tx = self.conn.transaction()?;
        let id = super::ratings::add_rating_in(&tx, rating)?;
        insert_evidence(&tx, id, &evidence)?;
        tx.commit()?;
        Ok(id)
    }

    /// The list's row a rating was adopted from, if it was.
    pub fn rating_reference(&self, rating: Id) -> Result<Option<ReferenceEvidence>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT list, version, entry, ratings FROM rating_references WHERE rating_id = ?1",
            )?
            .query_row([rating], |r| {
                let ratings: String = r.get(3)?;
                Ok(ReferenceEvidence {
                    list: r.get(0)?,
                    version: r.get(1)?,
                    entry: r.get(2)?,
                    ratings: serde_json::from_str(&ratings).unwrap_or_default(),
                })
            })
            .optional()?)
    }

    /// The web hosts of each outlet's articles, and the domain an outlet was given, by outlet.
    pub fn outlet_hosts(&self) -> Result<HashMap<Id, Vec<String>>> {
        let mut out: HashMap<Id, Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT outlet_id, host FROM outlet_hosts
             UNION SELECT id, lower(domain) FROM outlets WHERE domain IS NOT NULL AND domain <> ''",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (outlet, host) = row?;
            out.entry(outlet).or_default().push(host);
        }
        Ok(out)
    }

    /// Every version of every list as the exchange file carries them, with their hand matches.
    pub fn export_reference_lists(&self) -> Result<Vec<ExportedReferenceList>> {
        let ids: Vec<Id> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id FROM reference_lists ORDER BY id")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter()
            .map(|id| export_list(&self.conn, id))
            .collect()
    }
}

fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReferenceEntry> {
    let ratings: String = r.get(6)?;
    Ok(ReferenceEntry {
        id: r.get(0)?,
        list_id: r.get(1)?,
        line: r.get(2)?,
        name: r.get(3)?,
        domain: r.get(4)?,
        link: r.get(5)?,
        ratings: serde_json::from_str(&ratings).unwrap_or_default(),
    })
}

fn hand_match(tx: &rusqlite::Connection, entry: Id) -> Result<Option<HandMatchRecord>> {
    Ok(tx
        .prepare_cached(
            "SELECT outlet_id, matched_by, matched_at FROM reference_matches WHERE entry_id = ?1",
        )?
        .query_row([entry], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// Inserts a version and its rows (`entries`, else `list.entries`) and its hand matches (by
/// outlet name; a name this library lacks is skipped). Returns its id.
pub(super) fn insert_list(
    tx: &Transaction,
    list: &ExportedReferenceList,
    entries: &[NewReferenceEntry],
    progress: &mut dyn FnMut(usize),
) -> Result<Id> {
    let entries = if entries.is_empty() {
        &list.entries[..]
    } else {
        entries
    };
    let existing: Option<(String, String)> = tx
        .query_row(
            "SELECT name, imported_at FROM reference_lists WHERE uid = ?1",
            [&list.uid],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((name, at)) = existing {
        return Err(Error::Invalid(format!(
            "this list is already in the library: reference list {name}, imported {}; \
             a newer version of it is a file with other rows",
            at.get(..10).unwrap_or(&at)
        )));
    }
    let columns = serde_json::to_string(&list.columns)
        .map_err(|e| Error::Invalid(format!("reference list columns: {e}")))?;
    tx.execute(
        "INSERT INTO reference_lists(name, published, imported_at, imported_by, file, uid, columns,
                                     entries)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            list.name,
            list.published,
            list.imported_at,
            list.imported_by,
            list.file,
            list.uid,
            columns,
            entries.len() as i64
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached(
        "INSERT INTO reference_entries(list_id, line, name, domain, link, name_key, site_key,
                                       parent, ratings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut by_line: HashMap<i64, Id> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let ratings = serde_json::to_string(&e.ratings)
            .map_err(|err| Error::Invalid(format!("reference list row {}: {err}", e.line)))?;
        insert.execute(params![
            id, e.line, e.name, e.domain, e.link, e.name_key, e.site_key, e.parent, ratings
        ])?;
        by_line.insert(e.line, tx.last_insert_rowid());
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(i + 1);
        }
    }
    progress(entries.len());
    for m in &list.matches {
        let Some(entry) = by_line.get(&m.line) else {
            continue;
        };
        let outlet = match &m.outlet {
            None => None,
            Some(name) => match super::store::find_outlet(tx, name)? {
                Some(o) => Some(o),
                None => continue,
            },
        };
        put_hand_match(tx, *entry, outlet, &m.matched_by, &m.matched_at)?;
    }
    Ok(id)
}

/// A stored version whole, as the trash and the exchange file keep it.
pub(super) fn export_list(conn: &rusqlite::Connection, id: Id) -> Result<ExportedReferenceList> {
    let (uid, name, published, imported_at, imported_by, file, columns): (
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
    ) = conn
        .query_row(
            "SELECT uid, name, published, imported_at, imported_by, file, columns
             FROM reference_lists WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no reference list {id}")))?;
    let mut stmt = conn.prepare_cached(
        "SELECT line, name, domain, link, name_key, site_key, parent, ratings
         FROM reference_entries WHERE list_id = ?1 ORDER BY line",
    )?;
    let entries = stmt
        .query_map([id], |r| {
            let ratings: String = r.get(7)?;
            Ok(NewReferenceEntry {
                line: r.get(0)?,
                name: r.get(1)?,
                domain: r.get(2)?,
                link: r.get(3)?,
                name_key: r.get(4)?,
                site_key: r.get(5)?,
                parent: r.get(6)?,
                ratings: serde_json::from_str(&ratings).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT e.line, o.name, m.matched_by, m.matched_at
         FROM reference_matches m JOIN reference_entries e ON e.id = m.entry_id
         LEFT JOIN outlets o ON o.id = m.outlet_id
         WHERE e.list_id = ?1 ORDER BY e.line",
    )?;
    let matches = stmt
        .query_map([id], |r| {
            Ok(ExportedHandMatch {
                line: r.get(0)?,
                outlet: r.get(1)?,
                matched_by: r.get(2)?,
                matched_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ExportedReferenceList {
        uid,
        name,
        published,
        imported_at,
        imported_by,
        file,
        columns: serde_json::from_str(&columns).unwrap_or_default(),
        entries,
        matches,
    })
}

/// Keeps a rating's evidence from a list.
pub(super) fn insert_evidence(
    tx: &rusqlite::Connection,
    rating: Id,
    evidence: &ReferenceEvidence,
) -> Result<()> {
    let ratings = serde_json::to_string(&evidence.ratings)
        .map_err(|e| Error::Invalid(format!("reference evidence: {e}")))?;
    tx.execute(
        "INSERT OR REPLACE INTO rating_references(rating_id, list, version, entry, ratings)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            rating,
            evidence.list,
            evidence.version,
            evidence.entry,
            ratings
        ],
    )?;
    Ok(())
}

/// Imports versions from an exchange file that this library does not have (by uid). Returns
/// how many were added.
pub(super) fn import_lists(tx: &Transaction, lists: &[ExportedReferenceList]) -> Result<usize> {
    let mut added = 0;
    for list in lists {
        let known: bool = tx
            .query_row(
                "SELECT 1 FROM reference_lists WHERE uid = ?1",
                [&list.uid],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if known {
            continue;
        }
        insert_list(tx, list, &[], &mut |_| {})?;
        added += 1;
    }
    Ok(added)
}

/// The migration step of db/0017: the host of every stored article's address, and each outlet's
/// hosts with how many articles come from each.
pub(super) fn hosts_of_stored_articles(tx: &Transaction) -> Result<()> {
    let mut hosts: HashMap<(Id, String), i64> = HashMap::new();
    let mut updates: Vec<(Id, String)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT id, outlet_id, url FROM articles WHERE url IS NOT NULL AND url <> ''",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let url: String = r.get(2)?;
            if let Some(host) = crate::text::site_of(&url) {
                *hosts.entry((r.get(1)?, host.clone())).or_default() += 1;
                updates.push((r.get(0)?, host));
            }
        }
    }
    let mut set = tx.prepare("UPDATE articles SET host = ?2 WHERE id = ?1")?;
    for (id, host) in updates {
        set.execute(params![id, host])?;
    }
    super::store::add_outlet_hosts(tx, &hosts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: i64, domain: &str, fact: &str) -> NewReferenceEntry {
        NewReferenceEntry {
            line,
            domain: Some(domain.to_string()),
            ratings: BTreeMap::from([("fact".to_string(), fact.to_string())]),
            ..NewReferenceEntry::default()
        }
    }

    fn list(rows: Vec<NewReferenceEntry>) -> NewReferenceList {
        NewReferenceList {
            name: "Rater".into(),
            file: "rater.tsv".into(),
            imported_by: "ana".into(),
            columns: vec![
                ReferenceColumn {
                    name: "domain".into(),
                    role: ColumnRole::Domain,
                    scale: None,
                },
                ReferenceColumn {
                    name: "fact".into(),
                    role: ColumnRole::Reliability,
                    scale: None,
                },
            ],
            entries: rows,
            ..NewReferenceList::default()
        }
    }

    fn outlet(library: &Library, name: &str) -> Id {
        library
            .conn
            .execute("INSERT OR IGNORE INTO outlets(name) VALUES (?1)", [name])
            .expect("outlet");
        library.outlet_id(name).expect("reads").expect("is there")
    }

    #[test]
    fn versions_keep_the_old_carry_hand_matches_go_to_the_trash_and_come_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut library = Library::open(dir.path().join("l.sqlite")).expect("opens");
        let daily = outlet(&library, "Example Daily");
        let (first, _) = library
            .add_reference_list(
                &list(vec![
                    row(2, "daily.example", "high"),
                    row(3, "other.example", "low"),
                ]),
                |_| {},
            )
            .expect("stores");
        let again = library.add_reference_list(
            &list(vec![
                row(2, "daily.example", "high"),
                row(3, "other.example", "low"),
            ]),
            |_| {},
        );
        assert!(again.is_err(), "the same list twice is refused");
        let entries = library.reference_entries(first).expect("reads");
        library
            .match_reference_entry(entries[0].id, Some(daily), false, "ana")
            .expect("matches");
        let undo = library
            .match_reference_entry(entries[1].id, None, false, "ana")
            .expect("sets aside");
        library.undo(&undo).expect("undoes");
        assert_eq!(library.reference_hand_matches().expect("reads").len(), 1);

        let (second, import_undo) = library
            .add_reference_list(
                &list(vec![
                    row(2, "daily.example", "mixed"),
                    row(3, "new.example", "low"),
                ]),
                |_| {},
            )
            .expect("a newer version");
        let lists = library.reference_lists().expect("reads");
        assert_eq!(lists.len(), 2);
        assert!(lists.iter().any(|l| l.id == first && !l.current));
        assert!(lists.iter().any(|l| l.id == second && l.current));
        let hands = library.reference_hand_matches().expect("reads");
        assert_eq!(
            hands.len(),
            1,
            "the hand match carried over to the new version"
        );
        assert_eq!(hands[0].outlet, Some(daily));

        library.undo(&import_undo).expect("undoes the import");
        assert_eq!(library.reference_lists().expect("reads").len(), 1);

        let deleted = library
            .delete_reference_list("rater", None, "ana")
            .expect("deletes");
        assert!(library.reference_lists().expect("reads").is_empty());
        let trash = deleted.trash().expect("in the trash");
        let restored = library.restore_trash(trash).expect("restores");
        assert_eq!(restored.restored, 2);
        let lists = library.reference_lists().expect("reads");
        assert_eq!(lists.len(), 1);
        assert_eq!(
            library.reference_hand_matches().expect("reads").len(),
            1,
            "with its hand match"
        );

        // An older version restored from the trash does not displace the newer one.
        let older = lists[0].id;
        let (newer, _) = library
            .add_reference_list(&list(vec![row(2, "daily.example", "low")]), |_| {})
            .expect("a newer version");
        let deleted = library
            .delete_reference_list("Rater", Some(older), "ana")
            .expect("deletes the older");
        library
            .restore_trash(deleted.trash().expect("in the trash"))
            .expect("restores");
        let current: Vec<Id> = library
            .reference_lists()
            .expect("reads")
            .into_iter()
            .filter(|l| l.current)
            .map(|l| l.id)
            .collect();
        assert_eq!(current, vec![newer]);
    }
}
