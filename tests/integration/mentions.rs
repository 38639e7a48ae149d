//! Places found in real articles, scored against mentions marked by hand before the extractor
//! was run (`tests/fixtures/mentions/marks.json`: 46 articles of FA-KES, ECB+ and BASIL in
//! `../shared/data`, read from there; only references and the mentions' words are kept here).
//! Skipped when `../shared/data` is not there.
//!
//! A marked place is found when a place the gazetteer finds covers its words (the n-th whole-word
//! occurrence the mark names) and, where the gazetteer knows the place's country, in the marked
//! country. A found place is right when it covers a marked place's words. Parties likewise, and
//! by who they are: a marked party is found when a party the lexicon finds in the report's
//! setting (the countries of its places) covers its words and is the party marked (see
//! [`same_party`]); a found party is right when it covers a mark of that party. Generic words
//! ("the rebels", "police") count as the party they stand for in the report.
//! `cargo test --test integration mentions -- --nocapture` prints the figures and the misses.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use triangulate_core::analysis::{Gazetteer, Lexicon, Setting, tokens};

use crate::real_data::{article_text, data, fakes, nth_occurrence};

/// A few words either side of a span, on one line, for the printed misses.
fn around(text: &str, start: usize, end: usize) -> String {
    crate::real_data::around(text, start, end, 30)
}

#[derive(Deserialize)]
struct Marks {
    articles: Vec<MarkedArticle>,
}

#[derive(Deserialize)]
struct MarkedArticle {
    corpus: String,
    #[serde(rename = "ref")]
    reference: String,
    places: Vec<MarkedPlace>,
    parties: Vec<MarkedParty>,
}

#[derive(Deserialize)]
struct MarkedParty {
    text: String,
    occurrence: usize,
    party: String,
    generic: bool,
}

#[derive(Deserialize)]
struct MarkedPlace {
    text: String,
    occurrence: usize,
    country: String,
}

fn marks() -> Option<(Marks, HashMap<String, String>)> {
    if !data().is_dir() {
        eprintln!("skipped: {} is not there", data().display());
        return None;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mentions/marks.json");
    let marks: Marks = serde_json::from_str(
        &std::fs::read_to_string(path).expect("the marks are in the repository"),
    )
    .expect("the marks parse");
    Some((marks, fakes()))
}

/// Each marked article with its text; a mark whose article is missing fails the test.
fn texts<'m>(
    marks: &'m Marks,
    fakes: &HashMap<String, String>,
) -> Vec<(&'m MarkedArticle, String)> {
    marks
        .articles
        .iter()
        .map(|a| match article_text(&a.corpus, &a.reference, fakes) {
            Some(text) => (a, text),
            None => panic!("{} {} is not in ../shared/data", a.corpus, a.reference),
        })
        .collect()
}

/// Counts of marked mentions found and of found mentions marked.
#[derive(Default)]
struct Tally {
    marked: usize,
    found_marked: usize,
    found: usize,
    found_right: usize,
    misses: Vec<String>,
}

impl Tally {
    /// Counts what was found in one article: each found span (with how it is shown) is right
    /// when it covers a marked span.
    fn found(
        &mut self,
        reference: &str,
        text: &str,
        found: &[(usize, usize, String)],
        marked: &[(usize, usize)],
    ) {
        for (start, end, shown) in found {
            self.found += 1;
            if marked.iter().any(|(s, e)| start < e && s < end) {
                self.found_right += 1;
            } else {
                self.misses.push(format!(
                    "{reference}: {:?} found as {shown}, not marked, in “{}”",
                    &text[*start..*end],
                    around(text, *start, *end)
                ));
            }
        }
    }

    fn precision(&self) -> f64 {
        self.found_right as f64 / self.found.max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.found_marked as f64 / self.marked.max(1) as f64
    }

    /// Prints the figures and every miss.
    fn print(&self, what: &str) {
        println!(
            "{what}: precision {:.3} ({}/{}), recall {:.3} ({}/{})",
            self.precision(),
            self.found_right,
            self.found,
            self.recall(),
            self.found_marked,
            self.marked
        );
        for miss in &self.misses {
            println!("  {miss}");
        }
    }
}

#[test]
fn places_in_real_articles_are_found_with_their_countries() {
    let Some((marks, fakes)) = marks() else {
        return;
    };
    let gazetteer = Gazetteer::built_in();
    let mut tally = Tally::default();
    for (article, text) in texts(&marks, &fakes) {
        let places = gazetteer.find(&text, &tokens(&text));
        let spans: Vec<((usize, usize), &MarkedPlace)> = article
            .places
            .iter()
            .filter_map(|m| Some((nth_occurrence(&text, &m.text, m.occurrence)?, m)))
            .collect();
        tally.marked += article.places.len();
        for ((start, end), mark) in &spans {
            let hit = places.iter().find(|p| p.start < *end && *start < p.end);
            match hit {
                Some(p) if p.country().is_none_or(|c| c == mark.country) => tally.found_marked += 1,
                Some(p) => tally.misses.push(format!(
                    "{}: {:?} taken as {} ({:?}), marked {}",
                    article.reference,
                    mark.text,
                    p.place,
                    p.country(),
                    mark.country
                )),
                None => tally.misses.push(format!(
                    "{}: {:?} missed, in “{}”",
                    article.reference,
                    mark.text,
                    around(&text, *start, *end)
                )),
            }
        }
        let found: Vec<(usize, usize, String)> = places
            .iter()
            .map(|p| (p.start, p.end, format!("{} ({:?})", p.place, p.country())))
            .collect();
        let marked: Vec<(usize, usize)> = spans.iter().map(|(span, _)| *span).collect();
        tally.found(&article.reference, &text, &found, &marked);
    }
    tally.print("places");
    assert!(tally.marked >= 200, "{} marks", tally.marked);
    assert!(
        // The target is 0.9 for both; measured 0.963 and 0.970 (README).
        tally.precision() >= 0.94 && tally.recall() >= 0.95,
        "place precision {:.3}, recall {:.3}",
        tally.precision(),
        tally.recall()
    );
}

#[test]
fn parties_in_real_articles_are_found_in_their_context() {
    let Some((marks, fakes)) = marks() else {
        return;
    };
    let gazetteer = Gazetteer::built_in();
    let lexicon = Lexicon::built_in();
    let mut tally = Tally::default();
    let (mut named, mut named_found) = (0, 0);
    for (article, text) in texts(&marks, &fakes) {
        let words = tokens(&text);
        let setting = Setting::of(
            gazetteer
                .find(&text, &words)
                .iter()
                .filter_map(|p| p.country()),
        );
        let parties = lexicon.find_actors_in(&text, &words, &setting);
        let spans: Vec<((usize, usize), &MarkedParty)> = article
            .parties
            .iter()
            .filter_map(|m| Some((nth_occurrence(&text, &m.text, m.occurrence)?, m)))
            .collect();
        tally.marked += article.parties.len();
        for ((start, end), mark) in &spans {
            let here: Vec<&str> = parties
                .iter()
                .filter(|p| p.start < *end && *start < p.end)
                .map(|p| p.group.as_str())
                .collect();
            let hit = here.iter().any(|g| same_party(&mark.party, g));
            if !mark.generic {
                named += 1;
                named_found += usize::from(hit);
            }
            if hit {
                tally.found_marked += 1;
            } else {
                tally.misses.push(format!(
                    "{}: {:?} ({}{}) {}, in “{}”",
                    article.reference,
                    mark.text,
                    mark.party,
                    if mark.generic { ", generic" } else { "" },
                    if here.is_empty() {
                        "missed".to_string()
                    } else {
                        format!("taken as {here:?}")
                    },
                    around(&text, *start, *end)
                ));
            }
        }
        // A found party is right where it covers a mark of the same party.
        for p in &parties {
            tally.found += 1;
            let marked: Vec<&MarkedParty> = spans
                .iter()
                .filter(|((s, e), _)| p.start < *e && *s < p.end)
                .map(|(_, m)| *m)
                .collect();
            if marked.iter().any(|m| same_party(&m.party, &p.group)) {
                tally.found_right += 1;
            } else {
                tally.misses.push(format!(
                    "{}: {:?} found as {}, {}, in “{}”",
                    article.reference,
                    &text[p.start..p.end],
                    p.group,
                    match marked.first() {
                        Some(m) => format!("marked {}", m.party),
                        None => "not marked".to_string(),
                    },
                    around(&text, p.start, p.end)
                ));
            }
        }
    }
    let named_recall = named_found as f64 / named.max(1) as f64;
    tally.print("parties");
    println!("parties named: recall {named_recall:.3} ({named_found}/{named})");
    assert!(tally.marked >= 150, "{} marks", tally.marked);
    // The target is 0.9 for both; measured 0.940 and 0.921, named 0.977 (README).
    assert!(
        tally.precision() >= 0.92 && tally.recall() >= 0.90 && named_recall >= 0.95,
        "party precision {:.3}, recall {:.3}, recall of named parties {named_recall:.3}",
        tally.precision(),
        tally.recall()
    );
}

/// Whether the lexicon's `group` is the party marked as `marked`. The marks name parties as the
/// marker wrote them before any extractor ran; these are the lexicon's names for the same
/// parties where the two differ.
fn same_party(marked: &str, group: &str) -> bool {
    const SAME: &[(&str, &[&str])] = &[
        (
            "Syrian rebels",
            &["Syrian armed opposition", "Free Syrian Army"],
        ),
        (
            "Syrian opposition",
            &["Syrian armed opposition", "Syrian National Coalition"],
        ),
        ("National Defence Forces", &["Syrian government forces"]),
        ("pro-government militias", &["Syrian government forces"]),
        ("Jabhat al-Nusra", &["Hayat Tahrir al-Sham"]),
        ("Jabhat Fateh al-Sham", &["Hayat Tahrir al-Sham"]),
        ("Israeli forces", &["Israel Defense Forces"]),
        ("Indonesian military", &["Indonesian forces"]),
        ("US forces", &["US forces", "American forces"]),
        (
            "Iranian-backed militias",
            &["Iranian-backed militias in Syria"],
        ),
    ];
    marked == group
        || SAME
            .iter()
            .any(|(m, groups)| *m == marked && groups.contains(&group))
}
