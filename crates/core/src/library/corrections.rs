//! The analysts' corrections of what the import read: an article's title, publication date and
//! outlet (`db/0012_corrections.sql`). A correction changes the article's row, records each field
//! it changed with the value before, the analyst and the time, and returns the [`Undo`] that puts
//! the values back. The date an analyst gives has the source `analyst`. The import never writes
//! an article that is already in the library (it is keyed by `content_hash`, which a correction
//! leaves alone), so a correction outlives any re-import.

use rusqlite::{Connection, OptionalExtension, params};

use super::undo::{CorrectionRecord, DELETE_EMPTY_OUTLET, Undo};
use super::{Library, clock, store};
use crate::error::{Error, Result};
use crate::model::{ArticleCorrection, Correction, Id};

/// The source of a date an analyst set (`articles.published_source`).
const ANALYST_SOURCE: &str = "analyst";

impl Library {
    /// Corrects article `id`'s title, date or outlet as `analyst`, in one transaction, and
    /// returns the undo that puts back what it said before. Each field changed is kept in the
    /// article's corrections; a date given becomes the article's with the source `analyst`; an
    /// outlet named that is not in the library is made, and an outlet guessed at import that is
    /// left with nothing on it is removed (as [`Library::assign_outlet`] does).
    /// Refused: an empty title or outlet, a date that is not a real `YYYY-MM-DD` or is after
    /// today, no analyst, and a correction that changes nothing.
    pub fn correct_article(
        &mut self,
        id: Id,
        correction: &Correction,
        analyst: &str,
    ) -> Result<Undo> {
        let analyst = analyst.trim();
        if analyst.is_empty() {
            return Err(Error::Invalid(
                "a correction is kept with who made it: give the analyst's name".into(),
            ));
        }
        let title = not_empty(correction.title.as_deref(), "a title cannot be empty")?;
        let outlet = not_empty(correction.outlet.as_deref(), "an outlet needs a name")?;
        let date = correction.date.as_deref().map(valid_date).transpose()?;
        if title.is_none() && date.is_none() && outlet.is_none() {
            return Err(Error::Invalid(
                "nothing to correct: give a title, a date or an outlet".into(),
            ));
        }
        let tx = self.conn.transaction()?;
        let (old_title, old_date, old_source, old_outlet, old_outlet_name): (
            String,
            Option<String>,
            String,
            Id,
            String,
        ) = tx
            .query_row(
                "SELECT a.title, a.published, a.published_source, a.outlet_id, o.name
                 FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no article {id} in the library")))?;
        let now = clock::now();
        let mut record = CorrectionRecord {
            article: id,
            ..CorrectionRecord::default()
        };
        {
            let mut keep = tx.prepare_cached(
                "INSERT INTO article_corrections(article_id, field, old_value, new_value,
                                                 old_source, analyst, corrected_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            if let Some(title) = title.filter(|t| *t != old_title) {
                tx.execute(
                    "UPDATE articles SET title = ?2 WHERE id = ?1",
                    params![id, title],
                )?;
                keep.execute(params![
                    id,
                    "title",
                    old_title,
                    title,
                    None::<String>,
                    analyst,
                    now
                ])?;
                record.rows.push(tx.last_insert_rowid());
                record.title = Some(old_title.clone());
            }
            // The same date confirmed by an analyst is a correction too: it is no longer a guess.
            if let Some(date) = date
                .filter(|d| old_date.as_deref() != Some(d.as_str()) || old_source != ANALYST_SOURCE)
            {
                tx.execute(
                    "UPDATE articles SET published = ?2, published_source = ?3 WHERE id = ?1",
                    params![id, date, ANALYST_SOURCE],
                )?;
                keep.execute(params![
                    id,
                    "date",
                    old_date,
                    date,
                    Some(&old_source),
                    analyst,
                    now
                ])?;
                record.rows.push(tx.last_insert_rowid());
                record.date = Some((old_date.clone(), old_source.clone()));
            }
            if let Some(name) = outlet {
                let found = store::find_outlet(&tx, name)?;
                if found != Some(old_outlet) {
                    let outlet = match found {
                        Some(outlet) => outlet,
                        None => {
                            let made = store::resolve_outlet(&tx, name, false)?;
                            record.created_outlet = Some(made);
                            made
                        }
                    };
                    // The outlets' counts follow by trigger (db/0006).
                    tx.execute(
                        "UPDATE articles SET outlet_id = ?2 WHERE id = ?1",
                        params![id, outlet],
                    )?;
                    let new_name: String =
                        tx.query_row("SELECT name FROM outlets WHERE id = ?1", [outlet], |r| {
                            r.get(0)
                        })?;
                    keep.execute(params![
                        id,
                        "outlet",
                        old_outlet_name,
                        new_name,
                        None::<String>,
                        analyst,
                        now
                    ])?;
                    record.rows.push(tx.last_insert_rowid());
                    record.outlet = Some((old_outlet, old_outlet_name.clone()));
                    // An outlet guessed at import that the correction left with nothing on it
                    // goes, as `assign_outlet` does; undo makes it again.
                    let guess: bool = tx.query_row(
                        "SELECT name_is_guess FROM outlets WHERE id = ?1",
                        [old_outlet],
                        |r| r.get(0),
                    )?;
                    if guess {
                        record.outlet_removed = tx.execute(DELETE_EMPTY_OUTLET, [old_outlet])? > 0;
                    }
                }
            }
        }
        if record.rows.is_empty() {
            return Err(Error::Invalid(format!(
                "article {id} already says that: nothing to correct"
            )));
        }
        tx.commit()?;
        Ok(Undo {
            label: format!("correct “{}”", short(&old_title)),
            corrections: vec![record],
            ..Undo::default()
        })
    }

    /// The corrections of article `id`, oldest first (none for an article never corrected).
    pub fn corrections_of(&self, id: Id) -> Result<Vec<ArticleCorrection>> {
        corrections(&self.conn, id)
    }
}

/// The corrections of article `id`, oldest first.
pub(super) fn corrections(conn: &Connection, id: Id) -> Result<Vec<ArticleCorrection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, field, old_value, new_value, old_source, analyst, corrected_at
         FROM article_corrections WHERE article_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ArticleCorrection {
            id: r.get(0)?,
            field: r.get(1)?,
            before: r.get(2)?,
            after: r.get(3)?,
            before_source: r.get(4)?,
            analyst: r.get(5)?,
            corrected_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `value` trimmed; an error saying `empty` when it is given but blank.
fn not_empty<'a>(value: Option<&'a str>, empty: &str) -> Result<Option<&'a str>> {
    match value.map(str::trim) {
        Some("") => Err(Error::Invalid(empty.to_string())),
        other => Ok(other),
    }
}

/// `date` when it is a real day written `YYYY-MM-DD` and not after today. Today is the latest
/// day anywhere: an analyst east of UTC may be a day ahead of the library's clock.
fn valid_date(date: &str) -> Result<String> {
    let date = date.trim();
    let day = (date.len() == 10)
        .then(|| chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| {
            Error::Invalid(format!(
                "“{date}” is not a date: give the day as YYYY-MM-DD, e.g. 2025-03-14"
            ))
        })?;
    let today = clock::today();
    let latest = today.succ_opt().unwrap_or(today);
    if day > latest {
        return Err(Error::Invalid(format!(
            "{date} is after today ({today}): an article cannot have been published yet"
        )));
    }
    Ok(day.format("%Y-%m-%d").to_string())
}

/// A title cut to 60 characters for a label.
fn short(title: &str) -> String {
    let mut short: String = title.chars().take(60).collect();
    if short.len() < title.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_day_in_the_past_is_a_valid_date() {
        assert_eq!(valid_date(" 2025-03-14 ").unwrap(), "2025-03-14");
        assert_eq!(valid_date("2024-02-29").unwrap(), "2024-02-29");
    }

    #[test]
    fn impossible_or_loosely_written_days_are_refused() {
        for bad in [
            "2025-02-30",
            "2023-02-29",
            "2025-13-01",
            "2025-3-14",
            "14/03/2025",
            "March 14, 2025",
            "",
            "2025-03-14T10:00",
        ] {
            assert!(valid_date(bad).is_err(), "{bad:?} was taken as a date");
        }
    }

    #[test]
    fn a_day_after_today_is_refused() {
        let later = clock::today() + chrono::Days::new(2);
        let err = valid_date(&later.format("%Y-%m-%d").to_string()).unwrap_err();
        assert!(err.to_string().contains("after today"), "{err}");
    }
}
