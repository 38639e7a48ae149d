//! Figures and sources read from real reports, scored against marks made by hand before the
//! extractor was run on them (`tests/fixtures/reports/marks-*.json`: 45 articles of FA-KES's
//! development half, three of each of its fifteen outlets, and six of BASIL, read from
//! `../shared/data`; only references and the marked words are kept here). Skipped when
//! `../shared/data` is not there. `cargo test --test integration reading -- --nocapture` prints
//! the figures and every miss.
//!
//! What the analyst sees is what is scored: the Compare view's claims and sources of the article
//! (title, a line break, body). Passages the marks say are not the report's own text (a repeated
//! headline, a date stamp, a caption) are left out of both sides: what is found there is neither
//! right nor wrong, what is marked there is not looked for. Vague quantities ("dozens") are not
//! marked, so claims of them are not counted.
//! - A marked figure is found when a claim covers its words with its value (and a range's end)
//!   and its role (killed, wounded, destroyed, forces…); a claim is right when it so covers a
//!   marked figure. Of the figures found, how many have the marked scope (an incident's count or
//!   a total over a period or a war), and how many totals were taken for an incident's count.
//! - A marked source is found when a source the report lists covers its words and names who the
//!   marks say the information comes from: the organisation (strict), or the organisation or the
//!   person speaking (lenient). A source listed is right when it covers a marked source and names
//!   it so; a source listed over a photo credit is wrong.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::real_data::{article_text, data, fakes, nth_occurrence};

use serde::Deserialize;
use triangulate_core::analysis::{Gazetteer, Lexicon, fold_word};

#[derive(Deserialize)]
pub(crate) struct Marks {
    pub(crate) articles: Vec<Marked>,
}

#[derive(Deserialize)]
pub(crate) struct Marked {
    pub(crate) corpus: String,
    #[serde(rename = "ref")]
    pub(crate) reference: String,
    figures: Vec<MarkedFigure>,
    sources: Vec<MarkedSource>,
    #[serde(default)]
    pub(crate) not_report: Vec<NotReport>,
}

#[derive(Deserialize)]
struct MarkedFigure {
    text: String,
    occurrence: usize,
    value: u64,
    high: Option<u64>,
    role: String,
    scope: String,
    #[serde(default)]
    in_not_report: bool,
}

#[derive(Deserialize)]
struct MarkedSource {
    text: String,
    occurrence: usize,
    source: String,
    speaker: Option<String>,
    kind: String,
    #[serde(default)]
    in_not_report: bool,
}

#[derive(Deserialize)]
pub(crate) struct NotReport {
    pub(crate) text: String,
    pub(crate) occurrence: usize,
}

/// Every marks file, in name order.
pub(crate) fn marks() -> Vec<Marks> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the marks are in the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a marks file reads");
            serde_json::from_str(&text).expect("a marks file parses")
        })
        .collect()
}

/// The article's text as the marks count in it.
fn text_of(m: &Marked, fakes: &HashMap<String, String>) -> String {
    article_text(&m.corpus, &m.reference, fakes)
        .unwrap_or_else(|| panic!("{} {} is not in ../shared/data", m.corpus, m.reference))
}

/// The passages marked as not the report's own text (the marks give their first words): a
/// headline repeated in the body is the headline's length; a passage on a line of its own runs
/// to the line's end; in a body without line breaks (FA-KES), only the words marked (a date
/// stamp, a sign-off code).
fn not_report_spans(text: &str, marked: &[NotReport]) -> Vec<(usize, usize)> {
    let title = text.split('\n').next().unwrap_or_default();
    marked
        .iter()
        .filter_map(|n| {
            let (start, end) = nth_occurrence(text, &n.text, n.occurrence)?;
            if start > 0 && !title.is_empty() && text[start..].starts_with(title) {
                return Some((start, start + title.len()));
            }
            let line_end = text[start..].find('\n').map(|i| start + i);
            Some((start, line_end.filter(|e| e - start < 400).unwrap_or(end)))
        })
        .collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Words folded for comparing names: articles and punctuation aside ("a witness" is the
/// witness Compare shows).
fn key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Counts of one kind of mark: marked and found, found and right.
#[derive(Default)]
struct Tally {
    marked: usize,
    marked_found: usize,
    found: usize,
    found_right: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        self.found_right as f64 / self.found.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.marked_found as f64 / self.marked.max(1) as f64
    }
    fn line(&self, what: &str) -> String {
        format!(
            "{what}: precision {:.3} ({}/{}), recall {:.3} ({}/{})",
            self.precision(),
            self.found_right,
            self.found,
            self.recall(),
            self.marked_found,
            self.marked
        )
    }
}

/// A claim as the Compare view shows it.
struct ReadClaim {
    span: (usize, usize),
    number: u64,
    high: Option<u64>,
    /// The kind's label: "killed", "destroyed"…
    kind: String,
    /// A total over a period or a war.
    total: bool,
}

/// What the Compare view reads in one article.
struct Read {
    claims: Vec<ReadClaim>,
    /// (span, source, the person speaking)
    sources: Vec<((usize, usize), String, Option<String>)>,
}

fn read(text: &str, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Read {
    let report = &crate::common::report_alone(text.to_string(), lexicon, gazetteer);
    Read {
        claims: report
            .claims
            .iter()
            .filter(|c| {
                !matches!(
                    c.qualifier.as_deref(),
                    Some("dozens" | "hundreds" | "thousands")
                )
            })
            .map(|c| ReadClaim {
                span: (c.start, c.end),
                number: c.number,
                high: c.high,
                kind: c.kind.label().to_string(),
                total: c.is_total(),
            })
            .collect(),
        sources: report
            .attributions
            .iter()
            .map(|a| ((a.start, a.end), a.source.clone(), a.speaker.clone()))
            .collect(),
    }
}

#[test]
fn figures_and_sources_of_real_reports_are_read_as_marked() {
    if !data().is_dir() {
        eprintln!("skipped: {} is not there", data().display());
        return;
    }
    let fakes = fakes();
    let lexicon = Lexicon::built_in();
    let gazetteer = Gazetteer::built_in();
    let (mut figures, mut strict, mut lenient) =
        (Tally::default(), Tally::default(), Tally::default());
    let (mut scoped, mut scope_right, mut totals_as_incident, mut totals) = (0, 0, 0, 0);
    let mut misses: Vec<String> = Vec::new();
    let mut articles = 0;
    for marks in marks() {
        for m in &marks.articles {
            articles += 1;
            let text = text_of(m, &fakes);
            let outside = not_report_spans(&text, &m.not_report);
            let in_report = |span: (usize, usize)| !outside.iter().any(|o| overlaps(*o, span));
            let read = read(&text, &lexicon, &gazetteer);
            let context =
                |span: (usize, usize)| crate::real_data::around(&text, span.0, span.1, 40);

            // Figures.
            let marked: Vec<((usize, usize), &MarkedFigure)> = m
                .figures
                .iter()
                .filter(|f| !f.in_not_report)
                .filter_map(|f| Some((nth_occurrence(&text, &f.text, f.occurrence)?, f)))
                .filter(|(span, _)| in_report(*span))
                .collect();
            let same = |c: &ReadClaim, (span, f): &((usize, usize), &MarkedFigure)| {
                overlaps(c.span, *span)
                    && c.number == f.value
                    && c.high == f.high
                    && c.kind == f.role
            };
            for mark in &marked {
                figures.marked += 1;
                let total = mark.1.scope == "cumulative";
                totals += usize::from(total);
                match read.claims.iter().find(|c| same(c, mark)) {
                    Some(c) => {
                        figures.marked_found += 1;
                        scoped += 1;
                        scope_right += usize::from(c.total == total);
                        totals_as_incident += usize::from(total && !c.total);
                        if c.total != total {
                            misses.push(format!(
                                "{}: figure {} ({}) scope {}, read as {}, in “{}”",
                                m.reference,
                                mark.1.text,
                                mark.1.role,
                                mark.1.scope,
                                if c.total { "a total" } else { "an incident's" },
                                context(mark.0)
                            ));
                        }
                    }
                    None => misses.push(format!(
                        "{}: figure {} {} ({}) missed{}, in “{}”",
                        m.reference,
                        mark.1.text,
                        mark.1.role,
                        mark.1.value,
                        read.claims
                            .iter()
                            .find(|c| overlaps(c.span, mark.0))
                            .map(|c| format!(" (read as {} {:?} {})", c.number, c.high, c.kind))
                            .unwrap_or_default(),
                        context(mark.0)
                    )),
                }
            }
            for c in read.claims.iter().filter(|c| in_report(c.span)) {
                figures.found += 1;
                if marked.iter().any(|mark| same(c, mark)) {
                    figures.found_right += 1;
                } else {
                    misses.push(format!(
                        "{}: claim {} {} not marked so, in “{}”",
                        m.reference,
                        c.number,
                        c.kind,
                        context(c.span)
                    ));
                }
            }

            // Sources.
            let marked: Vec<((usize, usize), &MarkedSource)> = m
                .sources
                .iter()
                .filter(|s| !s.in_not_report)
                .filter_map(|s| Some((nth_occurrence(&text, &s.text, s.occurrence)?, s)))
                .filter(|(span, _)| in_report(*span))
                .collect();
            // Names compared as the lexicon and the registry of sources know them: "SANA" is
            // "Syrian Arab News Agency (SANA)", "the Syrian Observatory" the Syrian Observatory
            // for Human Rights, "AFP" Agence France-Presse.
            let registry = triangulate_core::analysis::sources::Registry::built_in();
            let canonical = |name: &str| {
                key(lexicon
                    .source_name(name)
                    .or_else(|| lexicon.actor_named(name))
                    .or_else(|| registry.by_name(name).map(|s| s.name.as_str()))
                    .unwrap_or(name))
            };
            let names = |s: &MarkedSource, found: &str, speaker: Option<&str>, person_too: bool| {
                let found = canonical(found);
                let speaking = speaker.map(canonical);
                let marked_person = s.speaker.as_deref().map(canonical);
                found == canonical(&s.source)
                    || (person_too
                        && marked_person.is_some()
                        && (marked_person.as_ref() == Some(&found) || marked_person == speaking))
            };
            for (tally, person_too) in [(&mut strict, false), (&mut lenient, true)] {
                for (span, s) in marked.iter().filter(|(_, s)| s.kind != "photo credit") {
                    tally.marked += 1;
                    let hit = read.sources.iter().any(|(at, found, speaker)| {
                        overlaps(*at, *span) && names(s, found, speaker.as_deref(), person_too)
                    });
                    tally.marked_found += usize::from(hit);
                    if !hit && !person_too {
                        misses.push(format!(
                            "{}: source {:?} ({}) missed{}, in “{}”",
                            m.reference,
                            s.text,
                            s.source,
                            read.sources
                                .iter()
                                .find(|(at, _, _)| overlaps(*at, *span))
                                .map(|(_, f, _)| format!(" (read as {f:?})"))
                                .unwrap_or_default(),
                            context(*span)
                        ));
                    }
                }
                for (at, found, speaker) in read.sources.iter().filter(|(at, _, _)| in_report(*at))
                {
                    tally.found += 1;
                    let right = marked.iter().any(|(span, s)| {
                        s.kind != "photo credit"
                            && overlaps(*at, *span)
                            && names(s, found, speaker.as_deref(), person_too)
                    });
                    tally.found_right += usize::from(right);
                    if !right && !person_too {
                        misses.push(format!(
                            "{}: source {found:?} not marked so, in “{}”",
                            m.reference,
                            context(*at)
                        ));
                    }
                }
            }
        }
    }
    for miss in &misses {
        println!("  {miss}");
    }
    println!("{articles} articles");
    println!("{}", figures.line("figures"));
    println!(
        "scope: {scope_right} of {scoped} figures found read with their marked scope; \
         {totals_as_incident} of the {totals} marked totals found read as an incident's count"
    );
    println!("{}", strict.line("sources (the organisation)"));
    println!("{}", lenient.line("sources (or the person speaking)"));
    assert!(articles >= 40, "{articles} articles marked");
    // Floors a little under what is measured (the README has the figures), so that a change that
    // reads real reports worse fails here. The targets are 0.9 and 0.85.
    assert!(
        figures.precision() >= FIGURES.0 && figures.recall() >= FIGURES.1,
        "{}",
        figures.line("figures")
    );
    // A total read as an incident's count would be compared as one (4 of 40 on 2026-12-07).
    assert!(
        totals_as_incident <= 4 && scope_right + 4 >= scoped,
        "{totals_as_incident} of {totals} totals read as an incident's count; \
         {scope_right} of {scoped} with their scope"
    );
    assert!(
        lenient.precision() >= SOURCES.0 && lenient.recall() >= SOURCES.1,
        "{}",
        lenient.line("sources")
    );
}

/// (precision, recall) floors for figures and for sources (lenient), a little under today's
/// (figures 0.937/0.908 on 2026-12-07, sources 0.889/0.797 on 2026-12-08): a rule that stops
/// working fails here.
const FIGURES: (f64, f64) = (0.92, 0.89);
const SOURCES: (f64, f64) = (0.88, 0.79);
