//! Renaming an outlet. The old name stays as an alias, so that later imports, ratings files and
//! references by name still find the outlet; a new name that is another outlet's name or alias
//! is refused, since that makes two outlets one, which is a merge (`trash.rs`, which also
//! deletes an empty outlet). Undone through the [`Undo`] it returns.

use rusqlite::{OptionalExtension, params};

use super::undo::{RenameRecord, Undo};
use super::{Library, store};
use crate::error::{Error, Result};
use crate::model::Id;

impl Library {
    /// Renames outlet `id` to `new`, in one transaction: its old name becomes an alias (unless
    /// the two differ only in case), and `new`, if it was one of its aliases, is an alias no
    /// more. The name is then the analyst's, no longer a guess from a folder. Refused when `new`
    /// is empty, is already its name, or names another outlet (merge those instead).
    pub fn rename_outlet(&mut self, id: Id, new: &str) -> Result<Undo> {
        let new = new.trim();
        if new.is_empty() {
            return Err(Error::Invalid("an outlet needs a name".into()));
        }
        let tx = self.conn.transaction()?;
        let (before, before_is_guess): (String, bool) = tx
            .query_row(
                "SELECT name, name_is_guess FROM outlets WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no outlet {id}")))?;
        if before == new {
            return Err(Error::Invalid(format!(
                "the outlet is already called “{new}”"
            )));
        }
        if let Some(other) = store::find_outlet(&tx, new)?
            && other != id
        {
            let owner: String =
                tx.query_row("SELECT name FROM outlets WHERE id = ?1", [other], |r| {
                    r.get(0)
                })?;
            let what = if owner.eq_ignore_ascii_case(new) {
                "the name of another outlet".to_string()
            } else {
                format!("an alias of “{owner}”")
            };
            return Err(Error::Invalid(format!(
                "“{new}” is already {what}: to make “{before}” and “{owner}” one outlet, merge \
                 them (`triangulate outlet merge \"{owner}\" \"{before}\"`, or Merge into… on \
                 the outlet's page)"
            )));
        }
        let alias_removed = tx.execute(
            "DELETE FROM outlet_aliases WHERE outlet_id = ?1 AND alias = ?2",
            params![id, new],
        )? > 0;
        tx.execute(
            "UPDATE outlets SET name = ?2, name_is_guess = 0 WHERE id = ?1",
            params![id, new],
        )?;
        let alias_added = !before.eq_ignore_ascii_case(new)
            && tx.execute(
                "INSERT OR IGNORE INTO outlet_aliases(outlet_id, alias) VALUES (?1, ?2)",
                params![id, before],
            )? > 0;
        tx.commit()?;
        Ok(Undo {
            label: format!("rename {before} to {new}"),
            renames: vec![RenameRecord {
                outlet: id,
                before,
                before_is_guess,
                after: new.to_string(),
                alias_added,
                alias_removed,
            }],
            ..Undo::default()
        })
    }
}
