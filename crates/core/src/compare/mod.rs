//! The side-by-side model of an incident's reports: for each report, the numbers it claims, whom
//! it cites, what it calls the actors, its loaded words and hedges, the places and dates it
//! names, and which of its sentences other reports share; across reports, a table of facts with
//! disagreements marked; for each report, the credibility its corroboration suggests
//! (`corroboration.rs`) and the facts the others carry and it does not (`missing.rs`). The
//! model is pure, reports in and comparison out; `assemble.rs` reads the reports from a library.
//! The Compare view, the command line and the exported reports all draw from this one model.

pub mod align;
mod assemble;
pub mod corroboration;
pub mod missing;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::analysis::attributions::attributions;
use crate::analysis::claims::{ClaimKind, claims};
use crate::analysis::dates::dates_mentioned;
use crate::analysis::similarity::{DiffPart, word_diff};
use crate::analysis::{Gazetteer, Lexicon, TermCategory, tokens};
use crate::model::{Id, SetApart};

pub use assemble::{compare_articles, compare_incident, fill_assessments};

/// The most reports one comparison holds: more columns than this cannot be read side by side.
pub const MAX_REPORTS: usize = 12;

/// One report to compare: the article and what the library knows of its outlet.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInput {
    pub article_id: Id,
    pub outlet: String,
    /// The outlet's combined reliability grade (A–F), when analysts have rated it.
    pub grade: Option<String>,
    pub headline: String,
    pub published: Option<String>,
    pub body: String,
    /// What the import set apart from the article's text (captions, credits, date lines,
    /// widgets, appended stories), with why.
    pub set_apart: Vec<SetApart>,
}

/// The incident the reports belong to, as the comparison shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IncidentHeader {
    pub id: Option<Id>,
    pub title: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub summary: String,
}

/// A number claim as a report states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimItem {
    /// What it counts: killed, wounded, captured, missing, displaced, destroyed, area, forces,
    /// munitions, people.
    pub kind: ClaimKind,
    pub number: u64,
    /// A range's high end ("150-200").
    pub high: Option<u64>,
    /// Who or what is counted, as the report names them ("Russian soldiers").
    pub what: Option<String>,
    pub qualifier: Option<String>,
    /// The words of the claim in the body.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// One incident's count, or a total over a period or a war ("since 2011"), which is shown
    /// as such and never compared as an incident's figure.
    #[serde(default)]
    pub scope: crate::analysis::claims::Scope,
}

impl ClaimItem {
    /// Who is counted, as comparing figures needs it: see
    /// [`crate::analysis::claims::population_counted`].
    pub fn population(&self) -> Option<&'static str> {
        self.what
            .as_deref()
            .and_then(crate::analysis::claims::population_counted)
    }

    /// Whether it is a total over a period or a war rather than one incident's count.
    pub fn is_total(&self) -> bool {
        self.scope == crate::analysis::claims::Scope::Cumulative
    }

    /// The claim as a table lists it: "at least 19 civilians (killed)", "470000 people (killed,
    /// total)".
    pub fn shown(&self) -> String {
        let what = self
            .what
            .as_deref()
            .map(|w| format!(" {w}"))
            .unwrap_or_default();
        let total = if self.is_total() { ", total" } else { "" };
        format!(
            "{}{what} ({}{total})",
            self.number_text(),
            self.kind.label()
        )
    }

    /// The part of a population counted ("children", "women", "men"), or `None` for a whole
    /// count: see [`crate::analysis::claims::part_counted`].
    pub fn part(&self) -> Option<&'static str> {
        self.what
            .as_deref()
            .and_then(crate::analysis::claims::part_counted)
    }

    /// The number as a reader writes it: "at least 19", "150–200", "dozens".
    pub fn number_text(&self) -> String {
        let value = match self.high {
            Some(high) => format!("{}–{}", self.number, high),
            None => self.number.to_string(),
        };
        match self.qualifier.as_deref() {
            Some(q @ ("dozens" | "hundreds" | "thousands")) => q.to_string(),
            Some(q) => format!("{q} {value}"),
            None => value,
        }
    }
}

/// A source a report cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionItem {
    pub source: String,
    /// The person speaking for the source, where the report names one ("Rami Abdel Rahman"
    /// for the Syrian Observatory for Human Rights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// What kind of source the registry of real sources says it is ("wire", "state media",
    /// "monitor", …), where it knows the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl AttributionItem {
    /// The source as shown: with the person speaking for it and its kind where known
    /// ("Syrian Observatory for Human Rights (Rami Abdel Rahman) · monitor", "Reuters · wire").
    pub fn shown(&self) -> String {
        let source = match &self.speaker {
            Some(speaker) => format!("{} ({speaker})", self.source),
            None => self.source.clone(),
        };
        match &self.kind {
            Some(kind) => format!("{source} · {kind}"),
            None => source,
        }
    }
}

/// One name a report uses for an actor, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorName {
    /// As written (the first spelling seen).
    pub name: String,
    /// The lexicon's actor group, or "generic" for labels that name no group ("terrorists").
    pub group: String,
    pub count: usize,
}

impl ActorName {
    /// "regime ×3 (Syrian government forces)", or "(generic label)" for a label of no group.
    pub fn shown(&self) -> String {
        let group = if self.group == GENERIC {
            "generic label"
        } else {
            &self.group
        };
        format!("{} ×{} ({group})", self.name, self.count)
    }
}

/// A lexicon word in a report: loaded, euphemism or hedge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermItem {
    pub text: String,
    pub category: TermCategory,
    pub start: usize,
    pub end: usize,
}

/// A place a report names, under its gazetteer name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceItem {
    pub place: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The place's country, in English, where the world gazetteer knows the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// A country or a region: too broad to place an incident (no missing fact, no shared
    /// place).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub broad: bool,
}

impl PlaceItem {
    /// The place as shown: with its country ("Mayadin (Syria)"), unless it is the country.
    pub fn shown(&self) -> String {
        match &self.country {
            Some(country) if *country != self.place => format!("{} ({country})", self.place),
            _ => self.place.clone(),
        }
    }
}

/// A date a report mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateItem {
    /// `YYYY-MM-DD` when the day can be placed.
    pub date: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A run of sentences of one report, shared with other reports or found in it alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub start: usize,
    pub end: usize,
    /// The other reports (by article id) that carry the same passage; empty for a unique one.
    pub with: Vec<Id>,
}

/// An actor mention's span (for highlighting); `group` as in [`ActorName`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorMention {
    pub group: String,
    pub start: usize,
    pub end: usize,
}

/// One report, analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub article_id: Id,
    pub outlet: String,
    pub grade: Option<String>,
    pub headline: String,
    pub published: Option<String>,
    pub word_count: usize,
    /// The lead paragraph's span: the first paragraph of at least a dozen words.
    pub lead: (usize, usize),
    pub claims: Vec<ClaimItem>,
    pub attributions: Vec<AttributionItem>,
    pub actor_names: Vec<ActorName>,
    pub actor_mentions: Vec<ActorMention>,
    pub loaded_terms: Vec<TermItem>,
    pub hedges: Vec<TermItem>,
    pub places: Vec<PlaceItem>,
    pub dates: Vec<DateItem>,
    pub shared_passages: Vec<Passage>,
    pub unique_passages: Vec<Passage>,
    pub body: String,
    /// The passages of the article that are not the report's own text, with why (see
    /// [`set_apart`]): shown apart, and nothing in them counted above.
    #[serde(default)]
    pub set_apart: Vec<SetApart>,
}

impl Report {
    /// The lead paragraph's text.
    pub fn lead_text(&self) -> &str {
        self.body.get(self.lead.0..self.lead.1).unwrap_or_default()
    }

    /// Every span to highlight in the body, sorted and without overlaps (where two overlap, the
    /// one that starts first wins; at one start, the longer).
    pub fn highlights(&self) -> Vec<Highlight> {
        let mut all: Vec<Highlight> = Vec::new();
        let mut add = |kind, start, end| all.push(Highlight { kind, start, end });
        for c in &self.claims {
            add(HighlightKind::Number, c.start, c.end);
        }
        for a in &self.attributions {
            add(HighlightKind::Attribution, a.start, a.end);
        }
        for m in &self.actor_mentions {
            add(HighlightKind::Actor, m.start, m.end);
        }
        for t in self.loaded_terms.iter().chain(&self.hedges) {
            let kind = match t.category {
                TermCategory::Hedge => HighlightKind::Hedge,
                _ => HighlightKind::Loaded,
            };
            add(kind, t.start, t.end);
        }
        for p in &self.places {
            add(HighlightKind::Place, p.start, p.end);
        }
        all.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Highlight> = Vec::new();
        for h in all {
            if out.last().is_none_or(|prev| h.start >= prev.end) {
                out.push(h);
            }
        }
        out
    }

    /// Whether the sentence at `at` is shared with another report, unique to this one, or
    /// neither (too short to tell).
    pub fn passage_at(&self, at: usize) -> Option<&Passage> {
        self.shared_passages
            .iter()
            .chain(&self.unique_passages)
            .find(|p| p.start <= at && at < p.end)
    }
}

/// What a highlighted span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HighlightKind {
    Number,
    Attribution,
    Actor,
    Loaded,
    Hedge,
    Place,
}

impl HighlightKind {
    /// Every kind, in the legend's order.
    pub const ALL: [HighlightKind; 6] = [
        HighlightKind::Number,
        HighlightKind::Attribution,
        HighlightKind::Actor,
        HighlightKind::Loaded,
        HighlightKind::Hedge,
        HighlightKind::Place,
    ];

    /// The legend's word.
    pub fn label(self) -> &'static str {
        match self {
            HighlightKind::Number => "numbers",
            HighlightKind::Attribution => "sources",
            HighlightKind::Actor => "actor names",
            HighlightKind::Loaded => "loaded terms",
            HighlightKind::Hedge => "hedges",
            HighlightKind::Place => "places",
        }
    }
}

/// A span of a body to highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    pub kind: HighlightKind,
    pub start: usize,
    pub end: usize,
}

/// One fact across reports: what each says, and whether they disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactRow {
    /// "killed", "wounded", …, "place", "date", "actors", "sources".
    pub fact: String,
    /// One cell per report, in the reports' order.
    pub cells: Vec<FactCell>,
    /// Whether the reports that state this fact state it differently.
    pub disagreement: bool,
}

/// What one report says of a fact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FactCell {
    /// The report's main value (its first statement of the fact), as shown.
    pub main: Option<String>,
    /// Every other value it gives, as shown.
    pub also: Vec<String>,
    /// Indexes into the report's `claims` that state this fact (for number facts).
    pub claims: Vec<usize>,
}

/// The comparison of an incident's reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub incident: IncidentHeader,
    pub reports: Vec<Report>,
    pub facts: Vec<FactRow>,
    /// For each report, in the reports' order: the credibility its corroboration suggests, why,
    /// and the analysts' current marks beside it.
    #[serde(default)]
    pub corroboration: Vec<corroboration::Corroboration>,
    /// For each report, in the reports' order: the facts other reports carry and it does not.
    #[serde(default)]
    pub missing_facts: Vec<missing::MissingFacts>,
    /// For two reports that are near copies of each other: their word-level diff.
    #[serde(skip)]
    pub diff: Option<Vec<DiffPart>>,
    /// Reports past [`MAX_REPORTS`] that the comparison leaves out (the latest ones).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reports_left_out: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Comparison {
    /// Whether there is a word diff to show (two near copies).
    pub fn has_diff(&self) -> bool {
        self.diff.is_some()
    }
}

/// Compares reports. Reports past [`MAX_REPORTS`] are left out (the caller says so).
pub fn compare(
    incident: IncidentHeader,
    inputs: &[ReportInput],
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
) -> Comparison {
    use rayon::prelude::*;
    let reports_left_out = inputs.len().saturating_sub(MAX_REPORTS);
    let inputs = &inputs[..inputs.len().min(MAX_REPORTS)];
    // Each report is analysed on its own: on all cores.
    let (mut reports, prepared): (Vec<Report>, Vec<align::Prepared>) = inputs
        .par_iter()
        .map(|input| {
            let toks = tokens(&input.body);
            let sents = align::sentences(&input.body, &toks);
            (analyse(input, &toks, lexicon, gazetteer), (toks, sents))
        })
        .unzip();
    let shared = align::align(&prepared);
    let ids: Vec<Id> = inputs.iter().map(|i| i.article_id).collect();
    for (r, report) in reports.iter_mut().enumerate() {
        let (toks, sents) = &prepared[r];
        let (shared_p, unique_p) = passages(toks, sents, &shared[r], &ids);
        report.shared_passages = shared_p;
        report.unique_passages = unique_p;
    }
    let facts = facts(&reports);
    let diff = near_copy_diff(&reports);
    let sentences: Vec<Vec<align::SentenceSpan>> = prepared
        .iter()
        .map(|(_, sents)| sents.iter().map(|(span, _)| *span).collect())
        .collect();
    // Independent of each other: on two cores.
    let (corroboration, missing_facts) = rayon::join(
        || corroboration::corroborate(&reports, &sentences),
        || missing::missing_facts(&reports),
    );
    Comparison {
        incident,
        reports,
        facts,
        corroboration,
        missing_facts,
        diff,
        reports_left_out,
    }
}

/// What kind of source the registry of real sources says a cited source is: by its name, or
/// by either part of a name written "Syrian Arab News Agency (SANA)".
fn source_kind(source: &str) -> Option<String> {
    let registry = crate::analysis::sources::Registry::built_in();
    let (before, inside) = match source.split_once(" (") {
        Some((before, rest)) => (Some(before), rest.strip_suffix(')')),
        None => (None, None),
    };
    [Some(source), before, inside]
        .into_iter()
        .flatten()
        .find_map(|name| registry.by_name(name))
        .map(|known| known.kind.clone())
}

fn analyse(
    input: &ReportInput,
    toks: &[crate::analysis::Token],
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
) -> Report {
    let body = &input.body;
    let slice = |s: usize, e: usize| body.get(s..e).unwrap_or_default().to_string();
    let found_places = gazetteer.find(body, toks);
    // The countries the report is about, where its places are: a party's generic words ("the
    // army") are that party's only in a report of its conflict, and a state body cited without
    // its country ("state television said") is the home country's.
    let setting = crate::analysis::Setting::of(found_places.iter().filter_map(|p| p.country()));
    let mut found_attributions = attributions(body, toks, lexicon);
    crate::analysis::attributions::of_home_country(
        &mut found_attributions,
        lexicon,
        setting.home.as_deref(),
    );
    // "according to three residents" counts the sources, not the event.
    let claims: Vec<ClaimItem> = claims(body, toks)
        .into_iter()
        .filter(|c| {
            !found_attributions
                .iter()
                .any(|a| a.start <= c.start && c.end <= a.end)
        })
        .map(|c| ClaimItem {
            kind: c.kind,
            number: c.number,
            high: c.high,
            what: c.who,
            qualifier: c.qualifier,
            text: slice(c.start, c.end),
            start: c.start,
            end: c.end,
            scope: c.scope,
        })
        .collect();
    let attributions: Vec<AttributionItem> = found_attributions
        .into_iter()
        .map(|a| AttributionItem {
            text: slice(a.start, a.end),
            kind: source_kind(&a.source),
            speaker: a.speaker.filter(|s| *s != a.source),
            source: a.source,
            start: a.start,
            end: a.end,
        })
        .collect();
    let mut actor_mentions = actor_mentions(body, toks, lexicon, &setting);
    let mut loaded_terms = Vec::new();
    let mut hedges = Vec::new();
    for t in lexicon.find_terms(body, toks) {
        let item = TermItem {
            text: slice(t.start, t.end),
            category: t.category,
            start: t.start,
            end: t.end,
        };
        match t.category {
            TermCategory::Hedge => hedges.push(item),
            TermCategory::Loaded | TermCategory::Euphemism => loaded_terms.push(item),
            TermCategory::Generic => {
                // "Crescent Front fighters" names the Crescent Front; "the fighters" names nobody.
                let follows_a_name = actor_mentions.iter().any(|m| {
                    m.end <= t.start
                        && body
                            .get(m.end..t.start)
                            .is_some_and(|g| g.trim().is_empty())
                });
                // "the army" where "army" is a party's in this report is that party.
                let inside_a_name = actor_mentions
                    .iter()
                    .any(|m| m.start < t.end && t.start < m.end);
                if !follows_a_name && !inside_a_name {
                    actor_mentions.push(ActorMention {
                        group: GENERIC.to_string(),
                        start: t.start,
                        end: t.end,
                    });
                }
            }
        }
    }
    actor_mentions.sort_by_key(|m| (m.start, m.end));
    let actor_names = name_counts(body, &actor_mentions);
    let places = found_places
        .into_iter()
        .map(|p| PlaceItem {
            text: slice(p.start, p.end),
            country: p.country().and_then(|code| {
                crate::analysis::world::World::get()
                    .and_then(|w| w.country_name(&code))
                    .map(str::to_string)
            }),
            broad: p.broad,
            place: p.place,
            start: p.start,
            end: p.end,
        })
        .collect();
    let year = input
        .published
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let dates = dates_mentioned(body, year)
        .into_iter()
        .map(|d| DateItem {
            text: slice(d.start, d.end),
            date: d.date,
            start: d.start,
            end: d.end,
        })
        .collect();
    Report {
        article_id: input.article_id,
        outlet: input.outlet.clone(),
        grade: input.grade.clone(),
        headline: input.headline.clone(),
        published: input.published.clone(),
        word_count: toks.len(),
        lead: lead(body),
        claims,
        attributions,
        actor_names,
        actor_mentions,
        loaded_terms,
        hedges,
        places,
        dates,
        shared_passages: Vec::new(),
        unique_passages: Vec::new(),
        body: body.clone(),
        set_apart: set_apart(&input.set_apart),
    }
}

/// What Compare shows as set apart from a report: every passage the import set apart, but the
/// headline and the site's name, which the report shows as its headline and outlet.
pub fn set_apart(stored: &[SetApart]) -> Vec<SetApart> {
    use crate::import::clean::reason;
    stored
        .iter()
        .filter(|s| {
            !matches!(
                s.reason.as_str(),
                reason::HEADLINE | reason::REPEATED_HEADLINE | reason::SITE_NAME
            ) && !s.text.is_empty()
        })
        .cloned()
        .collect()
}

/// The actors a body names. A name two groups share ("government forces" is the Syrian and the
/// Qadiri army in the lexicon) goes to the group the report names more often by its own names,
/// else to the group whose own name's words the report uses more ("Syrian", "Qadiri").
fn actor_mentions(
    body: &str,
    toks: &[crate::analysis::Token],
    lexicon: &Lexicon,
    setting: &crate::analysis::Setting,
) -> Vec<ActorMention> {
    let found = lexicon.find_actors_in(body, toks, setting);
    let mut by_span: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for m in found {
        by_span.entry((m.start, m.end)).or_default().push(m.group);
    }
    let mut sure: BTreeMap<&str, usize> = BTreeMap::new();
    for groups in by_span.values() {
        if let [one] = groups.as_slice() {
            *sure.entry(one.as_str()).or_default() += 1;
        }
    }
    // "Syrian" and "Syria", "Qadiri" and "Qadira": the words of a group's name, by their first
    // five letters.
    let word_count = |group: &str| -> usize {
        group
            .split_whitespace()
            .map(crate::analysis::fold_word)
            .filter(|w| w.len() > 4 && !matches!(w.as_str(), "forces" | "government" | "front"))
            .map(|w| {
                let stem: String = w.chars().take(5).collect();
                toks.iter().filter(|t| t.folded.starts_with(&stem)).count()
            })
            .sum()
    };
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    for groups in by_span.values().filter(|g| g.len() > 1) {
        for g in groups {
            counted.entry(g.as_str()).or_insert_with(|| word_count(g));
        }
    }
    by_span
        .iter()
        .map(|(&(start, end), groups)| {
            let group = groups
                .iter()
                .max_by_key(|g| {
                    (
                        sure.get(g.as_str()).copied().unwrap_or(0),
                        counted.get(g.as_str()).copied().unwrap_or(0),
                    )
                })
                .cloned()
                .unwrap_or_default();
            ActorMention { group, start, end }
        })
        .collect()
}

/// The group name of labels that name no particular actor.
pub const GENERIC: &str = "generic";

/// The fact row of the totals reports give over a period or a war ("470,000 killed since
/// 2011"): shown apart from the incident's figures, never compared with them.
pub const TOTALS: &str = "totals over a period or the war";

/// Each distinct name (case-insensitive) per group, with its count, most used first.
fn name_counts(body: &str, mentions: &[ActorMention]) -> Vec<ActorName> {
    let mut counts: BTreeMap<(String, String), (String, usize, usize)> = BTreeMap::new();
    for (order, m) in mentions.iter().enumerate() {
        let written = body.get(m.start..m.end).unwrap_or_default();
        let written = written
            .strip_prefix("the ")
            .or_else(|| written.strip_prefix("The "))
            .unwrap_or(written);
        let key = (m.group.clone(), written.to_lowercase());
        let entry = counts
            .entry(key)
            .or_insert_with(|| (written.to_string(), 0, order));
        entry.1 += 1;
    }
    let mut out: Vec<(usize, ActorName)> = counts
        .into_iter()
        .map(|((group, _), (name, count, order))| (order, ActorName { name, group, count }))
        .collect();
    out.sort_by_key(|(order, n)| (std::cmp::Reverse(n.count), *order));
    out.into_iter().map(|(_, n)| n).collect()
}

/// The first paragraph of at least a dozen words (skipping datelines and bylines).
fn lead(body: &str) -> (usize, usize) {
    let mut at = 0;
    for para in body.split("\n\n") {
        let start = at;
        at += para.len() + 2;
        let trimmed = para.trim();
        if trimmed.split_whitespace().count() >= 12 {
            let offset = para.find(trimmed).unwrap_or(0);
            return (start + offset, start + offset + trimmed.len());
        }
    }
    let end = body.len().min(at.saturating_sub(2));
    (0, end)
}

/// Shared passages (runs of sentences other reports carry, joined while the set of reports stays
/// the same) and unique ones (runs of sentences no other report carries).
fn passages(
    toks: &[crate::analysis::Token],
    sents: &[(align::SentenceSpan, std::ops::Range<usize>)],
    shared: &[Vec<usize>],
    ids: &[Id],
) -> (Vec<Passage>, Vec<Passage>) {
    let mut shared_out: Vec<Passage> = Vec::new();
    let mut unique_out: Vec<Passage> = Vec::new();
    let mut last_shared: Option<usize> = None;
    let mut last_unique: Option<usize> = None;
    for (s, (span, range)) in sents.iter().enumerate() {
        let with: Vec<Id> = shared[s]
            .iter()
            .filter_map(|r| ids.get(*r).copied())
            .collect();
        if !with.is_empty() {
            match shared_out.last_mut() {
                Some(p) if last_shared == Some(s.wrapping_sub(1)) && p.with == with => {
                    p.end = span.end;
                }
                _ => shared_out.push(Passage {
                    start: span.start,
                    end: span.end,
                    with,
                }),
            }
            last_shared = Some(s);
        } else if align::content_word_count(&toks[range.clone()]) >= align::MIN_WORDS {
            match unique_out.last_mut() {
                Some(p) if last_unique == Some(s.wrapping_sub(1)) => p.end = span.end,
                _ => unique_out.push(Passage {
                    start: span.start,
                    end: span.end,
                    with: Vec::new(),
                }),
            }
            last_unique = Some(s);
        }
    }
    (shared_out, unique_out)
}

/// The facts table: one row per kind of number any report claims, then place, date, actors and
/// sources.
fn facts(reports: &[Report]) -> Vec<FactRow> {
    let mut rows = Vec::new();
    // A total over a period or a war is no figure of the incident: its own row, after them.
    for kind in ClaimKind::ALL {
        if !reports
            .iter()
            .any(|r| r.claims.iter().any(|c| c.kind == kind && !c.is_total()))
        {
            continue;
        }
        let cells: Vec<FactCell> = reports
            .iter()
            .map(|r| {
                let mine: Vec<usize> = (0..r.claims.len())
                    .filter(|&i| r.claims[i].kind == kind && !r.claims[i].is_total())
                    .collect();
                let mut shown: Vec<String> = Vec::new();
                for &i in &mine {
                    let c = &r.claims[i];
                    let mut text = c.number_text();
                    if let Some(what) = &c.what {
                        text = format!("{text} {what}");
                    }
                    if !shown.contains(&text) {
                        shown.push(text);
                    }
                }
                let mut shown = shown.into_iter();
                FactCell {
                    main: shown.next(),
                    also: shown.collect(),
                    claims: mine,
                }
            })
            .collect();
        // Reports disagree when their first figures for the fact differ.
        let mains: BTreeSet<(u64, Option<u64>)> = reports
            .iter()
            .zip(&cells)
            .filter_map(|(r, c)| {
                c.claims
                    .first()
                    .map(|&i| (r.claims[i].number, r.claims[i].high))
            })
            .collect();
        rows.push(FactRow {
            fact: kind.label().to_string(),
            cells,
            disagreement: mains.len() > 1,
        });
    }
    let totals = text_row(TOTALS, reports, |r| {
        r.claims
            .iter()
            .filter(|c| c.is_total())
            .map(ClaimItem::shown)
            .collect()
    });
    if totals.cells.iter().any(|c| c.main.is_some()) {
        rows.push(FactRow {
            // Totals of different periods are not a disagreement.
            disagreement: false,
            ..totals
        });
    }
    rows.push(text_row("place", reports, |r| {
        let mut seen: Vec<String> = Vec::new();
        for p in &r.places {
            let shown = p.shown();
            if !seen.contains(&shown) {
                seen.push(shown);
            }
        }
        seen
    }));
    rows.push(text_row("date", reports, |r| {
        r.published.iter().cloned().collect()
    }));
    let mut actors = text_row("actors", reports, |r| {
        let mut groups: Vec<String> = Vec::new();
        for n in &r.actor_names {
            if n.group != GENERIC && !groups.contains(&n.group) {
                groups.push(n.group.clone());
            }
        }
        groups
    });
    // Which actors a report names is framing, not a disagreement of fact.
    actors.disagreement = false;
    rows.push(actors);
    let mut sources = text_row("sources", reports, |r| {
        let mut seen: Vec<String> = Vec::new();
        for a in &r.attributions {
            // "Residents" starting a sentence and "residents" are one source.
            if !seen
                .iter()
                .any(|s| s.to_lowercase() == a.source.to_lowercase())
            {
                seen.push(a.source.clone());
            }
        }
        seen
    });
    sources.disagreement = false;
    rows.push(sources);
    rows
}

fn text_row(fact: &str, reports: &[Report], values: impl Fn(&Report) -> Vec<String>) -> FactRow {
    let cells: Vec<FactCell> = reports
        .iter()
        .map(|r| {
            let mut v = values(r).into_iter();
            FactCell {
                main: v.next(),
                also: v.collect(),
                claims: Vec::new(),
            }
        })
        .collect();
    let mains: BTreeSet<&String> = cells.iter().filter_map(|c| c.main.as_ref()).collect();
    FactRow {
        fact: fact.to_string(),
        disagreement: mains.len() > 1,
        cells,
    }
}

/// Two reports whose sentences are mostly shared are near copies: their word diff.
fn near_copy_diff(reports: &[Report]) -> Option<Vec<DiffPart>> {
    let [a, b] = reports else {
        return None;
    };
    let covered = |r: &Report| -> usize { r.shared_passages.iter().map(|p| p.end - p.start).sum() };
    let share_a = covered(a) as f64 / a.body.len().max(1) as f64;
    let share_b = covered(b) as f64 / b.body.len().max(1) as f64;
    (share_a >= 0.6 && share_b >= 0.6).then(|| word_diff(&a.body, &b.body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(id: Id, outlet: &str, body: &str) -> ReportInput {
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

    fn two_reports() -> Comparison {
        compare(
            IncidentHeader::default(),
            &[
                input(
                    1,
                    "Wire",
                    "Shelling killed at least 19 people in Qasr al-Nahr on Friday, according to \
                     the Qadira Conflict Observatory. Government forces denied firing.",
                ),
                input(
                    2,
                    "State TV",
                    "Four citizens were martyred in Kasr el-Nahr when Hilalist terrorists fired \
                     mortars, a military source said. Government forces denied firing.",
                ),
            ],
            &crate::library::world::sample_lexicon(),
            &crate::library::world::sample_gazetteer(),
        )
    }

    #[test]
    fn the_killed_row_marks_the_disagreement() {
        let c = two_reports();
        let killed = c.facts.iter().find(|f| f.fact == "killed").expect("row");
        assert_eq!(killed.cells[0].main.as_deref(), Some("at least 19 people"));
        assert_eq!(killed.cells[1].main.as_deref(), Some("4 citizens"));
        assert!(killed.disagreement);
        let place = c.facts.iter().find(|f| f.fact == "place").expect("row");
        assert!(!place.disagreement, "both name Qasr al-Nahr: {place:?}");
    }

    #[test]
    fn each_report_lists_its_sources_and_names() {
        let c = two_reports();
        assert_eq!(
            c.reports[0].attributions[0].source,
            "Qadira Conflict Observatory"
        );
        assert_eq!(c.reports[1].attributions[0].source, "military source");
        let names: Vec<&str> = c.reports[1]
            .actor_names
            .iter()
            .map(|n| n.name.as_str())
            .collect();
        assert!(names.contains(&"Hilalist terrorists"), "{names:?}");
    }

    #[test]
    fn a_sentence_both_carry_is_shared_and_the_rest_unique() {
        let c = two_reports();
        let a = &c.reports[0];
        assert_eq!(a.shared_passages.len(), 1);
        assert_eq!(
            &a.body[a.shared_passages[0].start..a.shared_passages[0].end],
            "Government forces denied firing."
        );
        assert_eq!(a.unique_passages.len(), 1);
        assert!(c.diff.is_none());
    }
}
