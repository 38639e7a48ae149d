//! The gazetteer: places and their other spellings, so that reports naming Deir ez-Zor, Deir
//! Ezzor and Dayr az-Zawr are known to name one place. The built-in list is
//! `assets/gazetteer.toml`; a library adds its own names (`Library::add_place_names`).

use serde::Deserialize;

use super::Token;
use super::matcher::Matcher;
use crate::error::{Error, Result};

const BUILT_IN: &str = include_str!("../../../../assets/gazetteer.toml");

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    place: Vec<PlaceEntry>,
}

#[derive(Deserialize)]
struct PlaceEntry {
    name: String,
    #[serde(default)]
    also: Vec<String>,
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    /// The name the place is shown under.
    pub place: String,
    pub start: usize,
    pub end: usize,
}

/// Places and all their names, ready to find in texts.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<String>,
    matcher: Matcher,
}

fn parse_file(text: &str) -> Result<File> {
    toml::from_str(text).map_err(|e| Error::Invalid(format!("gazetteer: {e}")))
}

/// The places of gazetteer TOML text with their other names, as (place, names): for adding them
/// to a library's own place names.
pub fn entries(text: &str) -> Result<Vec<(String, Vec<String>)>> {
    Ok(parse_file(text)?
        .place
        .into_iter()
        .map(|p| (p.name, p.also))
        .collect())
}

impl Gazetteer {
    /// The built-in gazetteer.
    pub fn built_in() -> Gazetteer {
        // The built-in file is tested; should it ever fail to parse, linking goes on without places.
        Gazetteer::parse(BUILT_IN).unwrap_or_default()
    }

    /// The built-in gazetteer with a library's own names added: (place, other name). A place the
    /// built-in list knows under any of its names gets the new name; others are new places.
    pub fn with_additions(additions: &[(String, String)]) -> Gazetteer {
        let mut g = Gazetteer::built_in();
        for (place, name) in additions {
            g.add(place, name);
        }
        g
    }

    /// A gazetteer from TOML text (`[[place]] name = "…" also = ["…"]`).
    pub fn parse(text: &str) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        for entry in parse_file(text)?.place {
            let index = g.places.len();
            g.places.push(entry.name.clone());
            g.matcher.add(&entry.name, index);
            for name in &entry.also {
                g.matcher.add(name, index);
            }
        }
        Ok(g)
    }

    /// Adds `name` as another name of `place`.
    pub fn add(&mut self, place: &str, name: &str) {
        let index = self.place_index(place).unwrap_or_else(|| {
            self.places.push(place.to_string());
            self.matcher.add(place, self.places.len() - 1);
            self.places.len() - 1
        });
        self.matcher.add(name, index);
    }

    fn place_index(&self, name: &str) -> Option<usize> {
        let tokens = super::tokens(name);
        self.matcher
            .find(name, &tokens)
            .into_iter()
            .find(|m| m.start == 0 && m.end == name.trim_end().len())
            .map(|m| m.target)
    }

    /// The name a place is shown under, for any of its names; `None` for unknown places.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.place_index(name.trim())
            .and_then(|i| self.places.get(i))
            .map(String::as_str)
    }

    /// The places named in a text, in order.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
        self.matcher
            .find(text, tokens)
            .into_iter()
            .filter_map(|m| {
                Some(PlaceMention {
                    place: self.places.get(m.target)?.clone(),
                    start: m.start,
                    end: m.end,
                })
            })
            .collect()
    }

    /// How many places it knows.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether it knows no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    #[test]
    fn the_built_in_file_parses_and_folds_spellings() {
        let g = Gazetteer::parse(BUILT_IN).expect("assets/gazetteer.toml parses");
        assert!(g.len() > 20);
        for name in ["Deir ez-Zor", "Deir Ezzor", "Deir ez-Zore", "Dayr az-Zawr"] {
            assert_eq!(g.canonical(name), Some("Deir ez-Zor"), "{name}");
        }
        assert_eq!(g.canonical("Springfield"), None);
    }

    #[test]
    fn places_are_found_in_text_under_their_shown_name() {
        let g = Gazetteer::built_in();
        let text = "Shelling hit al-Mayadeen, east of Dayr az-Zawr, and Дейр-эз-Зоре.";
        let found: Vec<String> = g
            .find(text, &tokens(text))
            .into_iter()
            .map(|m| m.place)
            .collect();
        assert_eq!(found, ["Mayadin", "Deir ez-Zor", "Deir ez-Zor"]);
    }

    #[test]
    fn a_library_can_add_names() {
        let g = Gazetteer::with_additions(&[
            ("Deir ez-Zor".into(), "Dair Alzour".into()),
            ("Tell Haran".into(), "Tal Haran".into()),
        ]);
        assert_eq!(g.canonical("Dair Alzour"), Some("Deir ez-Zor"));
        assert_eq!(g.canonical("Tal Haran"), Some("Tell Haran"));
    }
}
