//! The sample library's invented world: its actors, sources and places, kept apart from what
//! ships for real use (`assets/sample/world/`), and schema 14's step that takes them out of
//! libraries made before they were (db/0014).

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction, params};

use super::clock;
use crate::analysis::gazetteer::{self, Gazetteer};
use crate::analysis::lexicon::{DEFAULT_LEXICON, Lexicon};
use crate::error::{Error, Result};

/// The sample's invented actors and sources, in the lexicon's form: added to the shipped lexicon
/// in a library made from the sample, and nowhere else.
pub const WORLD_LEXICON: &str = include_str!("../../../../assets/sample/world/lexicon.toml");
/// The sample's invented places, in the gazetteer's form: a sample library's own place names.
pub const WORLD_GAZETTEER: &str = include_str!("../../../../assets/sample/world/gazetteer.toml");
/// Who the lexicon of a library made from the sample is recorded as edited by.
pub const WORLD_EDITOR: &str = "the sample library";
/// The root an import of the sample records: how a library made from the sample is known.
pub const SAMPLE_ROOT: &str = "(sample library)";

/// The lexicon of a library made from the sample: the shipped one, then the sample's world.
pub fn world_lexicon() -> String {
    format!("{DEFAULT_LEXICON}\n{WORLD_LEXICON}")
}

/// The gazetteer of a library made from the sample: the shipped one with the invented places
/// (for reading the sample's reports without a library, as tests and examples do).
pub fn sample_gazetteer() -> Gazetteer {
    let additions: Vec<(String, String)> = gazetteer::entries(WORLD_GAZETTEER)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|(place, names)| {
            std::iter::once(place.clone())
                .chain(names)
                .map(move |name| (place.clone(), name))
        })
        .collect();
    Gazetteer::with_additions(&additions)
}

/// The lexicon of a library made from the sample, parsed (the shipped one where it would not
/// parse: a test checks it does).
pub fn sample_lexicon() -> Lexicon {
    Lexicon::parse(&world_lexicon()).unwrap_or_else(|_| Lexicon::built_in())
}

/// The names of the sample's invented actors and sources.
pub fn world_names() -> Result<HashSet<String>> {
    let value: toml::Table = toml::from_str(WORLD_LEXICON)
        .map_err(|e| Error::Invalid(format!("the sample's lexicon: {e}")))?;
    Ok(["actor", "source"]
        .iter()
        .filter_map(|key| value.get(*key)?.as_array())
        .flatten()
        .filter_map(|entry| entry.get("name")?.as_str().map(str::to_string))
        .collect())
}

/// Schema 14's step: a library made from the sample that reads the shipped lexicon gets the
/// sample's lexicon and places; any other library's edited lexicon loses the invented actors and
/// sources the shipped lexicon used to hold, and says so at its top.
pub(super) fn separate_sample_world(tx: &Transaction) -> Result<()> {
    let is_sample: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM import_batches b, json_each(b.roots) r
                        WHERE json_valid(b.roots) AND r.value = ?1)",
        [SAMPLE_ROOT],
        |r| r.get(0),
    )?;
    let edited: Option<String> = tx
        .query_row("SELECT text FROM library_lexicon WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?;
    match (is_sample, edited) {
        (true, None) => {
            tx.execute(
                "INSERT INTO library_lexicon (id, text, edited_by, edited_at) VALUES (1, ?1, ?2, ?3)",
                params![world_lexicon(), WORLD_EDITOR, clock::now()],
            )?;
            let mut insert = tx
                .prepare_cached("INSERT OR IGNORE INTO place_names(place, name) VALUES (?1, ?2)")?;
            for (place, names) in gazetteer::entries(WORLD_GAZETTEER)? {
                insert.execute(params![place, place])?;
                for name in names {
                    insert.execute(params![place, name])?;
                }
            }
        }
        (false, Some(text)) => {
            let (kept, removed) = without_entries(&text, &world_names()?);
            // Only a text that still reads as a lexicon replaces the analyst's.
            if !removed.is_empty() && Lexicon::parse(&kept).is_ok() {
                let note = format!(
                    "# Triangulate's schema 14 took the sample library's invented entries out of this \
                     lexicon: {}.\n# They belong to the sample library only \
                     (assets/sample/world/).\n\n",
                    removed.join(", ")
                );
                tx.execute(
                    "UPDATE library_lexicon SET text = ?1, edited_by = ?2, edited_at = ?3 WHERE id = 1",
                    params![format!("{note}{kept}"), "Triangulate (schema 14)", clock::now()],
                )?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `text` (a lexicon's TOML) without its `[[actor]]` and `[[source]]` entries named in `names`,
/// and the names it took out, in order. The rest of the text (comments, order, the analyst's own
/// entries) stays as written; comment lines about the sample just above a removed entry go with
/// it.
fn without_entries(text: &str, names: &HashSet<String>) -> (String, Vec<String>) {
    // The text in blocks, each starting at a table header.
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('[')
            && let Some(block) = blocks.last()
            && !block.is_empty()
        {
            blocks.push(Vec::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    let mut removed = Vec::new();
    let mut kept: Vec<Vec<&str>> = Vec::new();
    for block in blocks {
        let header = block.first().map(|l| l.trim()).unwrap_or_default();
        let name = block.iter().find_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "name").then(|| value.trim().trim_matches('"').to_string())
        });
        match name {
            Some(name)
                if (header == "[[actor]]" || header == "[[source]]") && names.contains(&name) =>
            {
                // Comment lines about the sample at the end of the block before go too.
                if let Some(previous) = kept.last_mut() {
                    while previous.last().is_some_and(|l| {
                        let l = l.trim();
                        l.is_empty() || (l.starts_with('#') && l.to_lowercase().contains("sample"))
                    }) {
                        previous.pop();
                    }
                    previous.push("\n");
                }
                removed.push(name);
            }
            _ => kept.push(block),
        }
    }
    let text: String = kept.into_iter().flatten().collect();
    (text, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_world_is_named_and_its_lexicon_parses_with_the_shipped_one() {
        let names = world_names().expect("the sample's lexicon parses");
        assert!(names.contains("Crescent Front"), "{names:?}");
        assert!(names.contains("Qadira Conflict Observatory"), "{names:?}");
        let lexicon = Lexicon::parse(&world_lexicon()).expect("parses");
        assert!(lexicon.actors.iter().any(|a| a.name == "Crescent Front"));
        let shipped = Lexicon::parse(DEFAULT_LEXICON).expect("parses");
        assert!(
            !shipped
                .actors
                .iter()
                .chain(&shipped.sources)
                .any(|g| names.contains(&g.name)),
            "the shipped lexicon holds none of them"
        );
    }

    #[test]
    fn invented_entries_leave_an_edited_lexicon_and_the_rest_stays_as_written() {
        let text = "# My desk's lexicon\n\n[[actor]]\nname = \"Islamic State\"\nterms = [\"ISIS\"]\n\n\
                    # The sample library's invented actors.\n[[actor]]\nname = \"Crescent Front\"\n\
                    terms = [\"CF\"]\n\n[[actor]]\nname = \"Desk actor\"\nterms = [\"DA\"]\n\n\
                    [loaded]\nterms = [\"thugs\"]\n";
        let names: HashSet<String> = ["Crescent Front".to_string()].into();
        let (kept, removed) = without_entries(text, &names);
        assert_eq!(removed, ["Crescent Front"]);
        assert!(!kept.contains("Crescent"), "{kept}");
        assert!(!kept.contains("invented"), "{kept}");
        assert!(kept.starts_with("# My desk's lexicon\n\n[[actor]]\nname = \"Islamic State\""));
        assert!(kept.contains("name = \"Desk actor\""), "{kept}");
        assert!(kept.contains("[loaded]"), "{kept}");
        Lexicon::parse(&kept).expect("still a lexicon");
        let (same, none) = without_entries(&kept, &names);
        assert_eq!((same, none.len()), (kept, 0));
    }
}
