//! Facts missing from one report: for each report of an incident, the figures, actors, places and
//! sources the other reports carry and it does not, each with the outlets that carry it. What an
//! outlet leaves out is framing as much as what it says: a state broadcaster that never names the
//! monitor every other outlet cites, a blog that drops the wounded.
//!
//! Facts are compared as the comparison's facts table compares them: figures by kind and number
//! (or range), actors by lexicon group, places by gazetteer name, sources by their normalised name
//! (case and a leading article ignored). A figure another report gives is missing from this one
//! even when this one gives another figure of the same kind; that figure is noted beside it, so a
//! reader tells an omission from a disagreement. Pure: reports in, lists out.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::corroboration::{SourceRef, figure_text, is_vague, origin_key};
use super::{GENERIC, Report};

/// What kind of fact is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactCategory {
    Figure,
    Actor,
    Place,
    Source,
}

impl FactCategory {
    /// The word shown in tables: "figure", "actor", "place", "source".
    pub fn label(self) -> &'static str {
        match self {
            FactCategory::Figure => "figure",
            FactCategory::Actor => "actor",
            FactCategory::Place => "place",
            FactCategory::Source => "source",
        }
    }
}

/// One fact other reports carry and this one does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingFact {
    pub category: FactCategory,
    /// As shown: "23 killed", "Crescent Front", "Qasr al-Nahr", "Qadira Conflict Observatory".
    pub fact: String,
    /// The reports that carry it, in the comparison's order.
    pub carried_by: Vec<SourceRef>,
    /// For a figure: what this report gives instead for the same kind ("19 killed").
    pub instead: Option<String>,
}

/// What one report leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingFacts {
    pub article_id: crate::model::Id,
    pub outlet: String,
    /// Figures first (by kind and number), then actors, places and sources.
    pub facts: Vec<MissingFact>,
}

/// One fact as compared, and as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    category: FactCategory,
    /// How facts are matched; orders figures by kind and number.
    key: String,
    shown: String,
}

/// A report's facts, each once.
fn facts_of(report: &Report) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut add = |f: Fact| {
        if !out
            .iter()
            .any(|g| g.category == f.category && g.key == f.key)
        {
            out.push(f);
        }
    };
    for c in &report.claims {
        let vague = is_vague(c.qualifier.as_deref());
        let shown = if vague {
            format!("{} {}", c.number_text(), c.kind.label())
        } else {
            figure_text(c.kind, c.number, c.high, c.part())
        };
        add(Fact {
            category: FactCategory::Figure,
            // Zero-padded so that keys sort by kind, then number.
            key: format!(
                "{:02}:{:020}:{:020}:{}:{}",
                c.kind as u8,
                c.number,
                c.high.unwrap_or(0),
                c.part().unwrap_or(""),
                if vague {
                    c.qualifier.as_deref().unwrap_or("")
                } else {
                    ""
                }
            ),
            shown,
        });
    }
    for n in report.actor_names.iter().filter(|n| n.group != GENERIC) {
        add(Fact {
            category: FactCategory::Actor,
            key: n.group.to_lowercase(),
            shown: n.group.clone(),
        });
    }
    for p in report.places.iter().filter(|p| !p.broad) {
        add(Fact {
            category: FactCategory::Place,
            key: p.place.to_lowercase(),
            shown: p.shown(),
        });
    }
    for a in &report.attributions {
        let key = origin_key(&a.source);
        if !key.is_empty() {
            add(Fact {
                category: FactCategory::Source,
                key,
                shown: a.source.clone(),
            });
        }
    }
    out
}

/// For each report, in the comparison's order: the facts the others carry and it does not.
pub fn missing_facts(reports: &[Report]) -> Vec<MissingFacts> {
    let all: Vec<Vec<Fact>> = reports.iter().map(facts_of).collect();
    // Every fact any report carries, once, in the order figures, actors, places, sources.
    let mut union: Vec<&Fact> = Vec::new();
    let mut seen: HashSet<(FactCategory, &str)> = HashSet::new();
    for f in all.iter().flatten() {
        if seen.insert((f.category, f.key.as_str())) {
            union.push(f);
        }
    }
    // Stable: actors, places and sources keep the order they were first met in.
    union.sort_by(|a, b| {
        a.category.cmp(&b.category).then_with(|| {
            if a.category == FactCategory::Figure {
                a.key.cmp(&b.key)
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    // Each report's facts as a set, so that asking whether it carries one is a lookup.
    let sets: Vec<HashSet<(FactCategory, &str)>> = all
        .iter()
        .map(|facts| facts.iter().map(|f| (f.category, f.key.as_str())).collect())
        .collect();
    let has = |r: usize, f: &Fact| sets[r].contains(&(f.category, f.key.as_str()));
    // Each report's figures by kind (the key's first two characters), as shown.
    let figures_by_kind: Vec<HashMap<&str, Vec<&str>>> = all
        .iter()
        .map(|facts| {
            let mut by_kind: HashMap<&str, Vec<&str>> = HashMap::new();
            for f in facts.iter().filter(|f| f.category == FactCategory::Figure) {
                if let Some(kind) = f.key.get(..2) {
                    by_kind.entry(kind).or_default().push(f.shown.as_str());
                }
            }
            by_kind
        })
        .collect();
    reports
        .iter()
        .enumerate()
        .map(|(r, report)| {
            let facts = union
                .iter()
                .filter(|f| !has(r, f))
                .map(|f| {
                    let carried_by = reports
                        .iter()
                        .enumerate()
                        .filter(|(other, _)| has(*other, f))
                        .map(|(_, other)| SourceRef {
                            article_id: other.article_id,
                            outlet: other.outlet.clone(),
                        })
                        .collect();
                    let instead = (f.category == FactCategory::Figure)
                        .then(|| f.key.get(..2).and_then(|kind| figures_by_kind[r].get(kind)))
                        .flatten()
                        .map(|shown| shown.join(", "));
                    MissingFact {
                        category: f.category,
                        fact: f.shown.clone(),
                        carried_by,
                        instead,
                    }
                })
                .collect();
            MissingFacts {
                article_id: report.article_id,
                outlet: report.outlet.clone(),
                facts,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{IncidentHeader, ReportInput, compare};

    fn input(id: crate::model::Id, outlet: &str, body: &str) -> ReportInput {
        ReportInput {
            article_id: id,
            outlet: outlet.into(),
            grade: None,
            headline: format!("{outlet} headline"),
            published: Some("2025-03-14".into()),
            body: body.into(),
            set_apart: Vec::new(),
        }
    }

    fn missing() -> Vec<MissingFacts> {
        compare(
            IncidentHeader::default(),
            &[
                input(
                    1,
                    "Wire",
                    "Shelling killed at least 19 people and wounded 40 in Qasr al-Nahr on \
                     Friday, according to the Qadira Conflict Observatory.",
                ),
                input(
                    2,
                    "State TV",
                    "Four citizens were martyred when terrorists fired mortars, a military \
                     source said.",
                ),
            ],
            &crate::library::world::sample_lexicon(),
            &crate::library::world::sample_gazetteer(),
        )
        .missing_facts
    }

    #[test]
    fn a_report_misses_the_figures_places_and_sources_only_the_other_gives() {
        let m = missing();
        let state: Vec<(FactCategory, &str)> = m[1]
            .facts
            .iter()
            .map(|f| (f.category, f.fact.as_str()))
            .collect();
        assert!(
            state.contains(&(FactCategory::Figure, "40 wounded")),
            "{state:?}"
        );
        assert!(
            state.contains(&(FactCategory::Place, "Qasr al-Nahr")),
            "{state:?}"
        );
        assert!(
            state.contains(&(FactCategory::Source, "Qadira Conflict Observatory")),
            "{state:?}"
        );
        let wounded = m[1].facts.iter().find(|f| f.fact == "40 wounded").unwrap();
        assert_eq!(wounded.carried_by[0].outlet, "Wire");
        assert_eq!(wounded.instead, None);
    }

    #[test]
    fn a_different_figure_of_the_same_kind_is_noted_as_given_instead() {
        let m = missing();
        let killed = m[1].facts.iter().find(|f| f.fact == "19 killed").unwrap();
        assert_eq!(killed.instead.as_deref(), Some("4 killed"));
        // Nothing the report itself carries is listed as missing from it.
        assert!(!m[0].facts.iter().any(|f| f.fact == "19 killed"));
    }
}
