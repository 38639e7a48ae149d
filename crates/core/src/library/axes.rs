//! Storage of the analyst's own rating axes (`ratings::axes`): defining an axis, recording its
//! values for outlets (append-only, by analyst and time, like ratings), the current value of
//! each axis per outlet, and the axes' part of the ratings exchange file.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::Library;
use super::clock::now;
use crate::error::{Error, Result};
use crate::model::Id;
use crate::ratings::axes::{Axis, AxisKind, AxisValue, NewAxis};

/// An axis in a ratings file: known by its name in every library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAxis {
    pub name: String,
    pub kind: AxisKind,
    #[serde(default)]
    pub choices: Vec<String>,
    #[serde(default)]
    pub created_by: String,
    pub created_at: String,
}

/// A value of an axis in a ratings file: the outlet and the axis by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedAxisValue {
    pub uid: String,
    pub outlet: String,
    pub axis: String,
    pub analyst: String,
    pub value: String,
    pub created_at: String,
}

fn value_uid(outlet: &str, axis: &str, analyst: &str, created_at: &str, value: &str) -> String {
    crate::text::hash_parts(&["axis", outlet, axis, analyst, created_at, value])
}

fn read_axis(r: &rusqlite::Row) -> rusqlite::Result<(Id, String, String, String, String, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

/// Every axis, by name.
fn all_axes(conn: &Connection) -> Result<Vec<Axis>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, kind, choices, created_by, created_at FROM axes ORDER BY name",
    )?;
    let rows = stmt.query_map([], read_axis)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, kind, choices, created_by, created_at) = row?;
        out.push(Axis {
            id,
            name,
            kind: kind.parse()?,
            choices: serde_json::from_str(&choices).unwrap_or_default(),
            created_by,
            created_at,
        });
    }
    Ok(out)
}

/// The axis called `name` (in any case).
fn axis_named(conn: &Connection, name: &str) -> Result<Option<Axis>> {
    let found = conn
        .prepare_cached(
            "SELECT id, name, kind, choices, created_by, created_at FROM axes WHERE name = ?1",
        )?
        .query_row([name.trim()], read_axis)
        .optional()?;
    let Some((id, name, kind, choices, created_by, created_at)) = found else {
        return Ok(None);
    };
    Ok(Some(Axis {
        id,
        name,
        kind: kind.parse()?,
        choices: serde_json::from_str(&choices).unwrap_or_default(),
        created_by,
        created_at,
    }))
}

fn insert_axis(tx: &Transaction<'_>, axis: &NewAxis, created_at: &str) -> Result<Id> {
    let choices =
        serde_json::to_string(&axis.choices).map_err(|e| Error::Invalid(e.to_string()))?;
    tx.execute(
        "INSERT INTO axes(name, kind, choices, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            axis.name,
            axis.kind.word(),
            choices,
            axis.created_by,
            created_at
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The latest value of `axis` for `outlet`, if any was recorded.
fn current_value(tx: &Transaction<'_>, outlet: Id, axis: Id) -> Result<Option<String>> {
    Ok(tx
        .prepare_cached(
            "SELECT value FROM current_axis_values WHERE outlet_id = ?1 AND axis_id = ?2",
        )?
        .query_row(params![outlet, axis], |r| r.get(0))
        .optional()?)
}

impl Library {
    /// Every axis the analysts defined, by name.
    pub fn axes(&self) -> Result<Vec<Axis>> {
        all_axes(&self.conn)
    }

    /// Defines a new axis; its name must be new (in any case).
    pub fn add_axis(&mut self, axis: &NewAxis) -> Result<Id> {
        let axis = axis.checked()?;
        let tx = self.conn.transaction()?;
        if let Some(existing) = axis_named(&tx, &axis.name)? {
            return Err(Error::Invalid(format!(
                "there is already an axis called {:?} ({})",
                existing.name, existing.kind
            )));
        }
        let id = insert_axis(&tx, &axis, &now())?;
        tx.commit()?;
        Ok(id)
    }

    /// Records values of axes (by name) for an outlet, by `analyst`, in one transaction. Values
    /// equal to the current one are not recorded again. Returns how many were recorded.
    pub fn set_axis_values(
        &mut self,
        outlet: Id,
        analyst: &str,
        values: &[(String, String)],
    ) -> Result<usize> {
        let analyst = analyst.trim();
        if analyst.is_empty() {
            return Err(Error::Invalid(
                "set your analyst name (Preferences, or --analyst) before setting axes".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let outlet_name: String = tx
            .query_row("SELECT name FROM outlets WHERE id = ?1", [outlet], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no outlet {outlet}")))?;
        let created_at = now();
        let mut recorded = 0;
        for (name, value) in values {
            let axis = axis_named(&tx, name)?.ok_or_else(|| {
                Error::NotFound(format!(
                    "no axis called {name:?}; define it first (`triangulate axis add`)"
                ))
            })?;
            let value = axis.check(value)?;
            let current = current_value(&tx, outlet, axis.id)?;
            if current.as_deref().unwrap_or("") == value {
                continue;
            }
            let uid = value_uid(&outlet_name, &axis.name, analyst, &created_at, &value);
            tx.execute(
                "INSERT INTO axis_values(axis_id, outlet_id, analyst, value, created_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![axis.id, outlet, analyst, value, created_at, uid],
            )?;
            recorded += 1;
        }
        tx.commit()?;
        Ok(recorded)
    }

    /// Every value recorded for an outlet's axes, oldest first.
    pub fn axis_history(&self, outlet: Id) -> Result<Vec<AxisValue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, v.outlet_id, a.name, v.analyst, v.value, v.created_at
             FROM axis_values v JOIN axes a ON a.id = v.axis_id
             WHERE v.outlet_id = ?1 ORDER BY v.created_at, v.id",
        )?;
        let rows = stmt.query_map([outlet], |r| {
            Ok(AxisValue {
                id: r.get(0)?,
                outlet_id: r.get(1)?,
                axis: r.get(2)?,
                analyst: r.get(3)?,
                value: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current (latest) non-empty value of each axis, by outlet and axis name.
    pub(super) fn current_axis_values(&self) -> Result<HashMap<Id, BTreeMap<String, String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.outlet_id, a.name, v.value
             FROM current_axis_values v JOIN axes a ON a.id = v.axis_id",
        )?;
        let mut out: HashMap<Id, BTreeMap<String, String>> = HashMap::new();
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (outlet, axis, value) = row?;
            if !value.is_empty() {
                out.entry(outlet).or_default().insert(axis, value);
            }
        }
        Ok(out)
    }

    /// The axes and every value recorded, for a ratings file.
    pub(super) fn export_axes(&self) -> Result<(Vec<ExportedAxis>, Vec<ExportedAxisValue>)> {
        let axes = all_axes(&self.conn)?
            .into_iter()
            .map(|a| ExportedAxis {
                name: a.name,
                kind: a.kind,
                choices: a.choices,
                created_by: a.created_by,
                created_at: a.created_at,
            })
            .collect();
        let mut stmt = self.conn.prepare(
            "SELECT v.uid, o.name, a.name, v.analyst, v.value, v.created_at
             FROM axis_values v JOIN axes a ON a.id = v.axis_id JOIN outlets o ON o.id = v.outlet_id
             ORDER BY v.created_at, v.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ExportedAxisValue {
                uid: r.get(0)?,
                outlet: r.get(1)?,
                axis: r.get(2)?,
                analyst: r.get(3)?,
                value: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?;
        Ok((axes, rows.collect::<rusqlite::Result<_>>()?))
    }
}

/// What importing the axes of a ratings file did.
#[derive(Debug, Default)]
pub(super) struct AxesImport {
    pub axes_added: usize,
    pub values_added: usize,
    pub already_present: usize,
    /// Values this library could not take (an axis it does not know, or a value its axis of
    /// that name does not allow).
    pub values_skipped: usize,
    pub outlets_created: Vec<String>,
}

/// Adds the axes this library does not have (by name) and the values it has not seen (by uid),
/// inside the ratings import's transaction.
pub(super) fn import_axes(
    tx: &Transaction<'_>,
    axes: &[ExportedAxis],
    values: &[ExportedAxisValue],
) -> Result<AxesImport> {
    let mut report = AxesImport::default();
    for a in axes {
        if axis_named(tx, &a.name)?.is_some() {
            continue;
        }
        let new = NewAxis {
            name: a.name.clone(),
            kind: a.kind,
            choices: a.choices.clone(),
            created_by: a.created_by.clone(),
        }
        .checked()?;
        insert_axis(tx, &new, &a.created_at)?;
        report.axes_added += 1;
    }
    for v in values {
        let known = tx
            .prepare_cached("SELECT 1 FROM axis_values WHERE uid = ?1")?
            .query_row([&v.uid], |_| Ok(()))
            .optional()?
            .is_some();
        if known {
            report.already_present += 1;
            continue;
        }
        let Some(axis) = axis_named(tx, &v.axis)? else {
            report.values_skipped += 1;
            continue;
        };
        let Ok(value) = axis.check(&v.value) else {
            report.values_skipped += 1;
            continue;
        };
        let outlet = match super::store::find_outlet(tx, &v.outlet)? {
            Some(id) => id,
            None => {
                report.outlets_created.push(v.outlet.clone());
                super::store::resolve_outlet(tx, &v.outlet, false)?
            }
        };
        tx.execute(
            "INSERT INTO axis_values(axis_id, outlet_id, analyst, value, created_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![axis.id, outlet, v.analyst, value, v.created_at, v.uid],
        )?;
        report.values_added += 1;
    }
    Ok(report)
}
