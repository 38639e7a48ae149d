//! The gazetteer: places and their other spellings, so that reports naming Deir ez-Zor, Deir
//! Ezzor and Dayr az-Zawr are known to name one place. The built-in list is
//! `assets/gazetteer.toml`, spellings checked by hand, with the world gazetteer of GeoNames'
//! places behind it ([`super::world`]); a library adds its own names
//! (`Library::add_place_names`), which win over both.

use serde::Deserialize;

use super::Token;
use super::matcher::Matcher;
use super::world::{PlaceKind, World};
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
    /// ISO 3166-1 code of its country, where the entry gives one.
    #[serde(default)]
    country: Option<String>,
    /// "country", "region" or "place" (the default).
    #[serde(default)]
    kind: Option<String>,
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    /// The name the place is shown under.
    pub place: String,
    pub start: usize,
    pub end: usize,
    /// The place in the world gazetteer, where it is one: where it lies.
    pub world: Option<u32>,
    /// The ISO 3166-1 code of its country, where known.
    pub country: Option<String>,
    /// A country or a region: too broad to place an incident, so linking, corroboration and
    /// missing facts leave it out.
    pub broad: bool,
}

impl PlaceMention {
    /// The ISO 3166-1 code of the place's country, where known.
    pub fn country(&self) -> Option<String> {
        self.country.clone()
    }
}

/// What is known of a place beside its names: from the hand list, and from the world
/// gazetteer's place of that name (found once, when the place is added).
#[derive(Debug, Clone, Default)]
struct PlaceFacts {
    country: Option<String>,
    broad: bool,
    world: Option<u32>,
}

/// Places and all their names, ready to find in texts.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<String>,
    /// The hand list's country and kind of each place, by index (none for a library's own).
    facts: Vec<PlaceFacts>,
    matcher: Matcher,
    /// Whether the world gazetteer's places are found too (the built-in gazetteer and a
    /// library's; not a gazetteer parsed from a file alone).
    world: bool,
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
        let mut g = Gazetteer::parse(BUILT_IN).unwrap_or_default();
        g.world = true;
        for index in 0..g.places.len() {
            g.locate(index);
        }
        g
    }

    /// Gives the place at `index` the world gazetteer's place of its name: where it lies, and
    /// its country and kind where the hand list does not say them.
    fn locate(&mut self, index: usize) {
        let Some(world) = World::get().filter(|_| self.world) else {
            return;
        };
        let (Some(name), Some(facts)) = (self.places.get(index), self.facts.get_mut(index)) else {
            return;
        };
        let Some(at) = world.best_by_name(name) else {
            return;
        };
        let Some(place) = world.place(at) else {
            return;
        };
        facts.world = Some(at);
        facts.country = facts
            .country
            .take()
            .or_else(|| Some(place.country_code().to_string()));
        facts.broad |= place.kind != PlaceKind::Place;
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
            g.facts.push(PlaceFacts {
                // "ZZ" marks a region of several countries: it has none.
                country: entry.country.clone().filter(|c| c != "ZZ"),
                broad: matches!(entry.kind.as_deref(), Some("country" | "region")),
                world: None,
            });
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
            self.facts.push(PlaceFacts::default());
            self.matcher.add(place, self.places.len() - 1);
            self.locate(self.places.len() - 1);
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

    /// The places named in a text, in order: those of the hand list and the library's own
    /// names first (each with the world gazetteer's place of that name, for its country), then
    /// the world gazetteer's where no such name covers the words.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<PlaceMention> {
        let world = World::get().filter(|_| self.world);
        let mut found: Vec<PlaceMention> = self
            .matcher
            .find(text, tokens)
            .into_iter()
            .filter_map(|m| {
                let place = self.places.get(m.target)?.clone();
                let facts = self.facts.get(m.target).cloned().unwrap_or_default();
                let start =
                    self.start_as_a_place(text, tokens, m.start, m.end, m.target, &facts)?;
                Some(PlaceMention {
                    world: facts.world,
                    country: facts.country,
                    broad: facts.broad,
                    place,
                    start,
                    end: m.end,
                })
            })
            .collect();
        if let Some(world) = world {
            let covered: Vec<(usize, usize)> = found.iter().map(|p| (p.start, p.end)).collect();
            let (mentions, names) = world.find_with_names(text, tokens);
            found.extend(
                mentions
                    .into_iter()
                    .filter(|m| !covered.iter().any(|&(s, e)| m.start < e && s < m.end))
                    .filter_map(|m| {
                        let p = world.place(m.place)?;
                        Some(PlaceMention {
                            place: world.name(m.place).to_string(),
                            start: m.start,
                            end: m.end,
                            world: Some(m.place),
                            country: Some(p.country_code().to_string()),
                            broad: p.kind != PlaceKind::Place,
                        })
                    }),
            );
            found.sort_by_key(|p| (p.start, p.end));
            found.extend(self.cued(world, text, tokens, &found, &names));
            found.sort_by_key(|p| (p.start, p.end));
        }
        found
    }

    /// Where the hand list's match from byte `start` to `end` begins as a place, if it is one
    /// as the text writes it: the whole match, or, where words in lower case begin it
    /// ("eastern Ghouta", "occupied Golan"), the rest of it when that is a name of the same
    /// place.
    fn start_as_a_place(
        &self,
        text: &str,
        tokens: &[Token],
        start: usize,
        end: usize,
        target: usize,
        facts: &PlaceFacts,
    ) -> Option<usize> {
        let written =
            |from: usize| super::world::written_as_a_place(text, tokens, from, end, facts.broad);
        if written(start) {
            return Some(start);
        }
        let first = tokens.partition_point(|t| t.start < start);
        let rest = tokens[first..]
            .iter()
            .take_while(|t| t.end <= end)
            .skip(1)
            .find(|t| super::capitalised(t.text(text)))?;
        let preceding_lower = tokens[first..]
            .iter()
            .take_while(|t| t.start < rest.start)
            .all(|t| t.text(text).chars().next().is_some_and(char::is_lowercase));
        (preceding_lower
            && self.place_index(text.get(rest.start..end)?) == Some(target)
            && written(rest.start))
        .then_some(rest.start)
    }

    /// The places the report itself calls places ([`super::cued`]) that no name found covers,
    /// in the country most of the report's places are in (where one is), or a US state for a
    /// party–state tag.
    fn cued(
        &self,
        world: &World,
        text: &str,
        tokens: &[Token],
        found: &[PlaceMention],
        names: &[(usize, usize)],
    ) -> Vec<PlaceMention> {
        let mut taken = vec![false; tokens.len()];
        for p in found {
            for (i, t) in tokens.iter().enumerate() {
                if t.start < p.end && p.start < t.end {
                    taken[i] = true;
                }
            }
        }
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for p in found {
            if let Some(c) = p.country.as_deref() {
                *counts.entry(c).or_default() += 1;
            }
        }
        let most = counts.values().copied().max().unwrap_or(0);
        let mut leaders = counts.iter().filter(|(_, n)| **n == most);
        let country = match (leaders.next(), leaders.next()) {
            (Some((c, n)), None) if *n >= 2 => Some(c.to_string()),
            _ => None,
        };
        // "Mediterranean" after "Mediterranean Sea" is that sea's short name, no place of its own.
        let shortens_a_place = |name: &str| {
            found.iter().any(|p| {
                text.get(p.start..p.end)
                    .and_then(|f| f.strip_prefix(name))
                    .is_some_and(|rest| rest.starts_with(' '))
            })
        };
        super::cued::places(text, tokens, &taken, names)
            .into_iter()
            .filter(|c| !shortens_a_place(&text[tokens[c.first].start..tokens[c.last].end]))
            .map(|c| {
                let (start, end) = (tokens[c.first].start, tokens[c.last].end);
                let at = c.state.and_then(|s| world.best_by_name(s));
                PlaceMention {
                    place: match c.state {
                        Some(state) => state.to_string(),
                        None => text[start..end].to_string(),
                    },
                    start,
                    end,
                    world: at,
                    country: match c.state {
                        Some(_) => Some("US".to_string()),
                        None => country.clone(),
                    },
                    broad: c.broad,
                }
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

    fn shown(text: &str) -> Vec<(String, Option<String>)> {
        Gazetteer::built_in()
            .find(text, &tokens(text))
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.country))
            .collect()
    }

    #[test]
    fn places_the_report_calls_places_take_the_reports_country() {
        let found = shown(
            "Shelling in Aleppo\nShells hit al-Jamilia neighborhood in Aleppo, Syria, and the \
             village of Deir Sharqi. Residents of Deir Sharqi fled.",
        );
        let sy = Some("SY".to_string());
        for name in ["al-Jamilia", "Deir Sharqi"] {
            assert!(
                found.contains(&(name.to_string(), sy.clone())),
                "{name}: {found:?}"
            );
        }
        assert_eq!(
            found.iter().filter(|(n, _)| n == "Deir Sharqi").count(),
            2,
            "{found:?}"
        );
    }

    #[test]
    fn an_office_after_a_place_keeps_it_and_an_organisation_around_it_does_not() {
        let found = shown(
            "Endorsement\nArizona Sheriff Joe Arpaio endorsed Texas Governor Rick Perry. A \
             professor at Aleppo University and the University of Denver said Activists in \
             Damascus said the US-led coalition struck, citing the Jordan Times.",
        );
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        for name in ["Arizona", "Texas", "Damascus"] {
            assert!(names.contains(&name), "{name}: {names:?}");
        }
        for name in ["Aleppo", "Denver", "US", "Jordan", "University"] {
            assert!(!names.contains(&name), "{name}: {names:?}");
        }
    }

    #[test]
    fn a_place_written_with_an_abbreviation_is_found() {
        let found = shown("Flights left Miami for Ft. Myers and St. Louis on Sunday.");
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"Ft. Myers") && names.contains(&"St. Louis"),
            "{names:?}"
        );
    }

    #[test]
    fn a_region_after_a_word_in_lower_case_is_found() {
        let found = shown("Activists in eastern Ghouta said Israel held the occupied Golan.");
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            names.contains(&"Ghouta") && names.contains(&"Golan"),
            "{names:?}"
        );
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
