//! The framing lexicon: actor groups with all their names, and loaded words, euphemisms and
//! hedges. The built-in lexicon is `assets/lexicon.toml`.

use serde::Deserialize;

use super::Token;
use super::matcher::Matcher;
use crate::error::{Error, Result};

/// The lexicon shipped with the program, as text: what "Reset to default" puts back.
pub const DEFAULT_LEXICON: &str = include_str!("../../../../assets/lexicon.toml");

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
    #[serde(default)]
    generic: Terms,
    #[serde(default)]
    source: Vec<Group>,
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

/// A category of words that colour a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TermCategory {
    /// Words that judge rather than describe: thugs, liberated, massacre.
    Loaded,
    /// Words that soften: neutralised, collateral damage.
    Euphemism,
    /// Words that distance the outlet from a claim: reportedly, allegedly.
    Hedge,
    /// Labels that name no particular group: terrorists, militants, rebels.
    Generic,
}

impl TermCategory {
    /// The word shown in tables and legends.
    pub fn label(self) -> &'static str {
        match self {
            TermCategory::Loaded => "loaded",
            TermCategory::Euphemism => "euphemism",
            TermCategory::Hedge => "hedge",
            TermCategory::Generic => "generic label",
        }
    }
}

/// A lexicon term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMention {
    pub category: TermCategory,
    pub start: usize,
    pub end: usize,
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
    /// Labels that name no particular group ("terrorists", "militants").
    pub generic: Vec<String>,
    /// Sources and their other names ("SOHR" is the Syrian Observatory for Human Rights).
    pub sources: Vec<Group>,
    actor_matcher: Matcher,
    term_matcher: Matcher,
    source_matcher: Matcher,
}

const CATEGORIES: [TermCategory; 4] = [
    TermCategory::Loaded,
    TermCategory::Euphemism,
    TermCategory::Hedge,
    TermCategory::Generic,
];

impl Lexicon {
    /// The built-in lexicon.
    pub fn built_in() -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON).unwrap_or_default()
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
        let mut term_matcher = Matcher::default();
        let lists = [
            &file.loaded.terms,
            &file.euphemism.terms,
            &file.hedge.terms,
            &file.generic.terms,
        ];
        for (i, list) in lists.into_iter().enumerate() {
            for term in list {
                term_matcher.add(term, i);
            }
        }
        let mut source_matcher = Matcher::default();
        for (i, group) in file.source.iter().enumerate() {
            source_matcher.add(&group.name, i);
            for term in &group.terms {
                source_matcher.add(term, i);
            }
        }
        Ok(Lexicon {
            actors: file.actor,
            loaded: file.loaded.terms,
            euphemisms: file.euphemism.terms,
            hedges: file.hedge.terms,
            generic: file.generic.terms,
            sources: file.source,
            actor_matcher,
            term_matcher,
            source_matcher,
        })
    }

    /// Loaded words, euphemisms, hedges and generic labels in a text, left to right. Where two
    /// terms start at one word, the longer wins.
    pub fn find_terms(&self, text: &str, tokens: &[Token]) -> Vec<TermMention> {
        let mut out: Vec<TermMention> = Vec::new();
        for m in self.term_matcher.find(text, tokens) {
            let Some(&category) = CATEGORIES.get(m.target) else {
                continue;
            };
            if out.last().is_some_and(|prev| prev.end > m.start) {
                continue;
            }
            out.push(TermMention {
                category,
                start: m.start,
                end: m.end,
            });
        }
        out
    }

    /// The actor group whose name `phrase` is, in full ("HTS" → "Hayat Tahrir al-Sham").
    pub fn actor_named(&self, phrase: &str) -> Option<&str> {
        let tokens = super::tokens(phrase);
        let (first, last) = (tokens.first()?, tokens.last()?);
        self.actor_matcher
            .find(phrase, &tokens)
            .into_iter()
            .find(|m| m.start == first.start && m.end == last.end)
            .and_then(|m| self.actors.get(m.target))
            .map(|g| g.name.as_str())
    }

    /// The lexicon's name for a source named in `phrase` ("SOHR" → "Syrian Observatory for
    /// Human Rights"), when the phrase names one of its sources.
    pub fn source_name(&self, phrase: &str) -> Option<&str> {
        let tokens = super::tokens(phrase);
        self.source_matcher
            .find(phrase, &tokens)
            .first()
            .and_then(|m| self.sources.get(m.target))
            .map(|g| g.name.as_str())
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
        let l = Lexicon::parse(DEFAULT_LEXICON).expect("assets/lexicon.toml parses");
        assert!(l.actors.iter().any(|g| g.name == "Islamic State"));
        assert!(l.loaded.contains(&"thugs".to_string()));
        assert!(l.hedges.contains(&"reportedly".to_string()));
        assert!(l.generic.contains(&"militants".to_string()));
        assert!(l.sources.iter().any(|g| g.name.contains("SANA")));
    }

    #[test]
    fn terms_are_found_by_category() {
        let l = Lexicon::built_in();
        let text = "The thugs were reportedly neutralized by the army, militants said.";
        let found: Vec<(TermCategory, &str)> = l
            .find_terms(text, &tokens(text))
            .into_iter()
            .map(|m| (m.category, &text[m.start..m.end]))
            .collect();
        assert_eq!(
            found,
            [
                (TermCategory::Loaded, "thugs"),
                (TermCategory::Hedge, "reportedly"),
                (TermCategory::Euphemism, "neutralized"),
                (TermCategory::Generic, "militants"),
            ]
        );
    }

    #[test]
    fn a_sources_other_names_lead_to_its_name() {
        let l = Lexicon::built_in();
        assert_eq!(
            l.source_name("the UK-based SOHR"),
            Some("Syrian Observatory for Human Rights")
        );
        assert_eq!(l.source_name("local sources"), None);
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
