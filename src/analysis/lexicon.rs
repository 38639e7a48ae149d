//! The framing lexicon: actor groups with all their names, and loaded words, euphemisms and
//! hedges. The built-in lexicon is `assets/lexicon.toml`.

use serde::Deserialize;

use super::Token;
use super::matcher::Matcher;
use crate::error::{Error, Result};

const BUILT_IN: &str = include_str!("../../assets/lexicon.toml");

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    actor: Vec<Group>,
    #[serde(default)]
    loaded: Terms,
    #[serde(default)]
    euphemism: Terms,
    #[serde(default)]
    hedge: Terms,
}

#[derive(Deserialize, Default)]
struct Terms {
    #[serde(default)]
    terms: Vec<String>,
}

/// An actor and every name outlets use for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Group {
    pub name: String,
    pub terms: Vec<String>,
}

/// A lexicon entry found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconMention {
    /// The actor group's name, or the category ("loaded", "euphemism", "hedge").
    pub group: String,
    pub start: usize,
    pub end: usize,
}

/// The lexicon, ready to find in texts.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub actors: Vec<Group>,
    pub loaded: Vec<String>,
    pub euphemisms: Vec<String>,
    pub hedges: Vec<String>,
    actor_matcher: Matcher,
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn built_in() -> Lexicon {
        Lexicon::parse(BUILT_IN).unwrap_or_default()
    }

    /// A lexicon from TOML text.
    pub fn parse(text: &str) -> Result<Lexicon> {
        let file: File =
            toml::from_str(text).map_err(|e| Error::Invalid(format!("lexicon: {e}")))?;
        let mut actor_matcher = Matcher::default();
        for (i, group) in file.actor.iter().enumerate() {
            actor_matcher.add(&group.name, i);
            for term in &group.terms {
                actor_matcher.add(term, i);
            }
        }
        Ok(Lexicon {
            actors: file.actor,
            loaded: file.loaded.terms,
            euphemisms: file.euphemism.terms,
            hedges: file.hedge.terms,
            actor_matcher,
        })
    }

    /// The actor groups named in a text, each mention with its span.
    pub fn find_actors(&self, text: &str, tokens: &[Token]) -> Vec<LexiconMention> {
        self.actor_matcher
            .find(text, tokens)
            .into_iter()
            .filter_map(|m| {
                Some(LexiconMention {
                    group: self.actors.get(m.target)?.name.clone(),
                    start: m.start,
                    end: m.end,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    #[test]
    fn the_built_in_file_parses() {
        let l = Lexicon::parse(BUILT_IN).expect("assets/lexicon.toml parses");
        assert!(l.actors.iter().any(|g| g.name == "Islamic State"));
        assert!(l.loaded.contains(&"thugs".to_string()));
        assert!(l.hedges.contains(&"reportedly".to_string()));
    }

    #[test]
    fn an_actors_names_fold_into_its_group() {
        let l = Lexicon::built_in();
        let text = "Daesh fighters and ISIS said it is over; IS claimed the attack.";
        let groups: Vec<String> = l
            .find_actors(text, &tokens(text))
            .into_iter()
            .map(|m| m.group)
            .collect();
        assert_eq!(groups, ["Islamic State", "Islamic State", "Islamic State"]);
    }
}
