//! Corroboration, suggested: for each report of an incident, whether the Admiralty information
//! credibility 1 ("confirmed by other sources") fits, and why — or why not.
//!
//! A report's figure (a claim's kind and number or range: "35 killed") is confirmed when at least
//! two independent sources in the comparison report it, the report's own source counting as one.
//! Sources are not independent when
//! - their texts are copies of one original: equal folded text (what `text_hash` hashes), word
//!   3-shingle Jaccard of at least [`NEAR_COPY_THRESHOLD`] (as linking's near copies, computed
//!   here on the bodies so that no linking run is needed), or most of either report made of
//!   sentences the alignment finds in the other;
//! - they are reports of the same outlet;
//! - they cite the same named origin for the figure (the same monitor, the same ministry): the
//!   attribution in the figure's sentence, else any the report makes; an outlet whose own report
//!   is in the comparison is the origin of a report that cites it.
//!
//! Only figures make a suggestion. Places are noted when independent reports name them too, but a
//! shared place is how reports were grouped into one incident in the first place, so it confirms
//! nothing on its own. Unnamed sources ("residents", "a military source") are not taken for one
//! origin: two outlets' witnesses are not the same people.
//!
//! Pure: reports in, suggestions out. Nothing here writes; the analyst's marks are carried next to
//! the suggestion (filled in by `library`) and only the analyst's acceptance records one.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Report, align};
use crate::analysis::claims::ClaimKind;
use crate::analysis::fold_word;
use crate::analysis::similarity::{NEAR_COPY_THRESHOLD, jaccard, shingles};
use crate::model::Id;
use crate::text;

/// The credibility mark suggested when a report's figure is confirmed by other sources.
pub const CONFIRMED: u8 = 1;

/// Independent sources (the report's own included) needed to call a figure confirmed.
pub const MIN_INDEPENDENT: usize = 2;

/// Two reports are one text when sentences shared with the other make up at least this share of
/// either one's body.
pub const MOSTLY_SHARED: f64 = 0.6;

/// An analyst's current credibility mark of a report, shown beside the suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HumanAssessment {
    pub analyst: String,
    /// 1 (confirmed by other sources) … 6 (truth cannot be judged).
    pub credibility: u8,
    pub note: String,
    pub created_at: String,
}

/// A report named in an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub article_id: Id,
    pub outlet: String,
}

/// Why one report is not independent of another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dependence {
    /// The folded texts are equal.
    ExactCopy,
    /// Word 3-shingle Jaccard similarity at or above the near-copy threshold.
    NearCopy { similarity: f64 },
    /// Most of one report is sentences the other carries (`share` of the more covered one).
    SharedSentences { share: f64 },
    /// Copies of one text through a third report.
    SameText,
    /// Two reports of one outlet.
    SameOutlet,
    /// Both cite `origin` for the figure, or one cites the other's outlet.
    SameOrigin { origin: String },
}

/// A report that carries a figure but does not count as a source of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotCounted {
    pub article_id: Id,
    pub outlet: String,
    /// The report it counts with.
    pub depends_on: SourceRef,
    pub dependence: Dependence,
    /// The dependence in words: "Coast News is an exact copy of Wire Agency and does not count".
    pub reason: String,
}

/// One figure of a report and who else reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureSupport {
    /// As a reader says it: "35 killed", "150–200 wounded", "area: 40".
    pub fact: String,
    pub kind: ClaimKind,
    pub number: u64,
    pub high: Option<u64>,
    /// The part of a population counted ("children", "women", "men"); `None` for a whole count.
    /// "4 women" killed and "4 citizens" killed are different figures.
    #[serde(default)]
    pub part: Option<String>,
    /// The independent sources that report it, earliest first: each counts once.
    pub sources: Vec<SourceRef>,
    /// The other reports that give it but depend on one of `sources`.
    pub not_counted: Vec<NotCounted>,
    /// Whether at least [`MIN_INDEPENDENT`] independent sources report it.
    pub confirmed: bool,
}

/// The suggestion for one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corroboration {
    pub article_id: Id,
    pub outlet: String,
    /// [`CONFIRMED`] (1) when a figure of the report is confirmed by an independent source;
    /// `None`: no suggestion (the explanation says why).
    pub suggested: Option<u8>,
    /// Why, in words: "confirmed: 35 killed, reported by Wire Agency and Daily Star
    /// independently; Coast News is an exact copy of Wire Agency and does not count".
    pub explanation: String,
    /// Every figure the report gives, with its support.
    pub figures: Vec<FigureSupport>,
    /// Places (gazetteer names) the report names that an independent report names too.
    pub places: Vec<String>,
    /// Each analyst's current mark of the report; the suggestion never replaces one.
    pub assessments: Vec<HumanAssessment>,
}

/// A figure as compared: kind, number, range's end, the part of a population counted (children,
/// women, men; `None` for a whole count); vague quantities ("dozens") and totals over a period or
/// a war are not figures. Whether the counts are of combatants or civilians is checked apart
/// (see [`Origins::population`]): "23 killed" agrees with "23 civilians killed", not with "23
/// soldiers killed".
type FigureKey = (ClaimKind, u64, Option<u64>, Option<&'static str>);

/// A name folded for comparing origins and outlets: words folded, a leading article dropped.
pub fn origin_key(name: &str) -> String {
    let words: Vec<String> = text::words(name).map(fold_word).collect();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an")),
    );
    words[skip..].join(" ")
}

/// Words for people that name nobody in particular when they stand alone ("Residents said"):
/// two outlets' residents are not one origin.
const UNNAMED_HEADS: &[&str] = &[
    "source",
    "sources",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "eyewitness",
    "eyewitnesses",
    "official",
    "officials",
    "activist",
    "activists",
    "medics",
    "doctors",
    "locals",
    "survivors",
    "villagers",
    "relatives",
    "rescuers",
    "he",
    "she",
    "they",
];

/// Institutions that are one origin even when named in lower case ("the army said", "the
/// ministry said").
const INSTITUTIONS: &[&str] = &[
    "army",
    "ministry",
    "military",
    "government",
    "police",
    "monitor",
    "observatory",
    "agency",
    "command",
    "council",
    "committee",
    "presidency",
];

/// Whether an attribution names a particular origin ("Qadira Conflict Observatory", "Reuters",
/// "the army") rather than unnamed people ("residents", "hospital staff", "a police officer").
/// A capital after the first word marks a name; the first word's capital may only start the
/// sentence, so a single word counts as a name when capitalised and not a word for people.
pub fn is_named_origin(source: &str) -> bool {
    let words: Vec<&str> = text::words(source).collect();
    let Some(last) = words.last() else {
        return false;
    };
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let last = fold_word(last);
    words.iter().skip(1).any(capital)
        || INSTITUTIONS.contains(&last.as_str())
        || (words.len() == 1
            && words.first().is_some_and(capital)
            && !UNNAMED_HEADS.contains(&last.as_str()))
}

/// The figure's text: "35 killed", "6 children killed", "150–200 wounded", "area: 40".
pub fn figure_text(kind: ClaimKind, number: u64, high: Option<u64>, part: Option<&str>) -> String {
    let value = match high {
        Some(h) => format!("{number}–{h}"),
        None => number.to_string(),
    };
    let value = match part {
        Some(part) => format!("{value} {part}"),
        None => value,
    };
    match kind {
        ClaimKind::Killed
        | ClaimKind::Wounded
        | ClaimKind::Captured
        | ClaimKind::Missing
        | ClaimKind::Displaced
        | ClaimKind::Destroyed => format!("{value} {}", kind.label()),
        _ => format!("{}: {value}", kind.label()),
    }
}

/// Whether a claim's number is a vague quantity ("dozens"), which no other report can match.
pub fn is_vague(qualifier: Option<&str>) -> bool {
    matches!(qualifier, Some("dozens" | "hundreds" | "thousands"))
}

/// The text links of every pair of reports: which are copies of which, and how.
fn text_links(reports: &[Report]) -> Vec<Vec<Option<Dependence>>> {
    let n = reports.len();
    let (folded, sets): (Vec<String>, Vec<Vec<u64>>) = reports
        .par_iter()
        .map(|r| (text::fold(&r.body), shingles(&r.body)))
        .unzip();
    // How much of report `a` is sentences it shares with report `b`.
    let covered = |a: &Report, b: Id| -> f64 {
        let bytes: usize = a
            .shared_passages
            .iter()
            .filter(|p| p.with.contains(&b))
            .map(|p| p.end.saturating_sub(p.start))
            .sum();
        bytes as f64 / a.body.len().max(1) as f64
    };
    let mut links = vec![vec![None; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let link = if !folded[i].is_empty() && folded[i] == folded[j] {
                Some(Dependence::ExactCopy)
            } else {
                let similarity = jaccard(&sets[i], &sets[j]);
                if similarity >= NEAR_COPY_THRESHOLD {
                    Some(Dependence::NearCopy { similarity })
                } else {
                    let share = covered(&reports[i], reports[j].article_id)
                        .max(covered(&reports[j], reports[i].article_id));
                    (share >= MOSTLY_SHARED).then_some(Dependence::SharedSentences { share })
                }
            };
            links[i][j] = link.clone();
            links[j][i] = link;
        }
    }
    links
}

/// Copy families: for each report, the smallest index of the reports its text links reach.
fn families(links: &[Vec<Option<Dependence>>]) -> Vec<usize> {
    let n = links.len();
    let mut family: Vec<usize> = (0..n).collect();
    for start in 0..n {
        if family[start] != start {
            continue;
        }
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            for j in 0..n {
                if j > start && family[j] == j && links[i][j].is_some() {
                    family[j] = start;
                    stack.push(j);
                }
            }
        }
    }
    family
}

/// Named origins a report gives: the figure's sentence's attributions, else all the report's.
struct Origins {
    /// The report's outlet, as an origin key.
    outlet: String,
    /// (key, name as written) per figure of the report.
    by_figure: BTreeMap<FigureKey, Vec<(String, String)>>,
    /// Whom the report says each figure counts: "combatants", "civilians", or `None` where it
    /// does not say (or counts a part, which the key holds).
    population: BTreeMap<FigureKey, Option<&'static str>>,
}

impl Origins {
    /// Whether two reports' counts of a figure can be of the same people: unless one says
    /// combatants and the other civilians.
    fn same_people(&self, other: &Origins, figure: &FigureKey) -> bool {
        let of = |o: &Origins| o.population.get(figure).copied().flatten();
        match (of(self), of(other)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

fn origins(report: &Report, sentences: &[align::SentenceSpan]) -> Origins {
    // Each named attribution once: (span, key, name as written).
    let named: Vec<(usize, usize, String, &str)> = report
        .attributions
        .iter()
        .filter(|a| is_named_origin(&a.source))
        .map(|a| (a.start, a.end, origin_key(&a.source), a.source.as_str()))
        .filter(|(_, _, key, _)| !key.is_empty())
        .collect();
    let add = |list: &mut Vec<(String, String)>, key: &str, name: &str| {
        if !list.iter().any(|(k, _)| k == key) {
            list.push((key.to_string(), name.to_string()));
        }
    };
    let mut all: Vec<(String, String)> = Vec::new();
    for (_, _, key, name) in &named {
        add(&mut all, key, name);
    }
    let mut by_figure: BTreeMap<FigureKey, Vec<(String, String)>> = BTreeMap::new();
    let mut population: BTreeMap<FigureKey, Option<&'static str>> = BTreeMap::new();
    for c in report
        .claims
        .iter()
        .filter(|c| !is_vague(c.qualifier.as_deref()) && !c.is_total())
    {
        // Sentences are in text order: the last one starting at or before the claim holds it.
        let at = sentences.partition_point(|s| s.start <= c.start);
        let sentence = at
            .checked_sub(1)
            .and_then(|i| sentences.get(i))
            .filter(|s| c.start < s.end);
        let key = (c.kind, c.number, c.high, c.part());
        population.entry(key).or_insert(c.population());
        let entry = by_figure.entry(key).or_default();
        if let Some(s) = sentence {
            for (_, _, key, name) in named
                .iter()
                .filter(|(start, end, _, _)| *start < s.end && *end > s.start)
            {
                add(entry, key, name);
            }
        }
    }
    for list in by_figure.values_mut() {
        if list.is_empty() {
            list.clone_from(&all);
        }
    }
    Origins {
        outlet: origin_key(&report.outlet),
        by_figure,
        population,
    }
}

/// Whether report `x` depends on report `y` for a figure other than by their texts: the same
/// outlet, or the same named origin (one may be the other's outlet).
fn depends(
    reports: &[Report],
    origins: &[Origins],
    figure: &FigureKey,
    x: usize,
    y: usize,
) -> Option<Dependence> {
    let (outlet_x, outlet_y) = (&origins[x].outlet, &origins[y].outlet);
    if outlet_x == outlet_y {
        return Some(Dependence::SameOutlet);
    }
    let empty = Vec::new();
    let ox = origins[x].by_figure.get(figure).unwrap_or(&empty);
    let oy = origins[y].by_figure.get(figure).unwrap_or(&empty);
    if let Some((_, name)) = ox.iter().find(|(k, _)| oy.iter().any(|(l, _)| l == k)) {
        return Some(Dependence::SameOrigin {
            origin: name.clone(),
        });
    }
    if ox.iter().any(|(k, _)| k == outlet_y) {
        return Some(Dependence::SameOrigin {
            origin: reports[y].outlet.clone(),
        });
    }
    if oy.iter().any(|(k, _)| k == outlet_x) {
        return Some(Dependence::SameOrigin {
            origin: reports[x].outlet.clone(),
        });
    }
    None
}

/// The support of one figure: the independent sources and the reports counted with them.
struct Support {
    sources: Vec<usize>,
    not_counted: Vec<(usize, usize, Dependence)>,
}

fn support(
    reports: &[Report],
    links: &[Vec<Option<Dependence>>],
    family: &[usize],
    origins: &[Origins],
    figure: &FigureKey,
    carriers: &[usize],
) -> Support {
    // Units: the carriers of one copy family; the first (earliest) stands for the others.
    let mut units: Vec<Vec<usize>> = Vec::new();
    let mut not_counted: Vec<(usize, usize, Dependence)> = Vec::new();
    for &c in carriers {
        match units.iter_mut().find(|u| family[u[0]] == family[c]) {
            Some(unit) => {
                let first = unit[0];
                let how = unit
                    .iter()
                    .find_map(|&m| links[c][m].clone().map(|d| (m, d)))
                    .unwrap_or((first, Dependence::SameText));
                not_counted.push((c, how.0, how.1));
                unit.push(c);
            }
            None => units.push(vec![c]),
        }
    }
    // Groups: units that share an outlet or an origin count once.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for unit in units {
        let found = groups.iter_mut().find_map(|g| {
            unit.iter()
                .find_map(|&x| {
                    g.iter()
                        .find_map(|&y| depends(reports, origins, figure, x, y).map(|d| (x, y, d)))
                })
                .map(|found| (g, found))
        });
        match found {
            Some((group, (_, y, dependence))) => {
                // The unit's first report counts with the group; its copies stay with it.
                let first = unit[0];
                let dependence = depends(reports, origins, figure, first, y).unwrap_or(dependence);
                not_counted.push((first, y, dependence));
                group.extend(unit);
            }
            None => groups.push(unit),
        }
    }
    not_counted.sort_by_key(|(who, _, _)| carriers.iter().position(|c| c == who));
    Support {
        sources: groups.iter().map(|g| g[0]).collect(),
        not_counted,
    }
}

/// The dependence in words, `x` seen from the report explained (`this`).
fn reason(reports: &[Report], x: usize, y: usize, dependence: &Dependence, this: usize) -> String {
    let name = |i: usize| reports[i].outlet.clone();
    let subject = if x == this {
        "this report".to_string()
    } else {
        name(x)
    };
    let tail = if x == this {
        "; they count as one source"
    } else {
        " and does not count"
    };
    let y_name = name(y);
    match dependence {
        Dependence::ExactCopy => format!("{subject} is an exact copy of {y_name}{tail}"),
        Dependence::NearCopy { similarity } => format!(
            "{subject} is a near copy of {y_name} ({:.0}% of their word sequences the same){tail}",
            similarity * 100.0
        ),
        Dependence::SharedSentences { share } => format!(
            "{subject} is mostly the same sentences as {y_name} ({:.0}% shared){tail}",
            share * 100.0
        ),
        Dependence::SameText => format!("{subject} copies the same text as {y_name}{tail}"),
        Dependence::SameOutlet => {
            if x == this {
                format!("this report and another report by {y_name} count as one source")
            } else {
                format!("another report by {} does not count separately", name(x))
            }
        }
        Dependence::SameOrigin { origin } => {
            let key = origin_key(origin);
            if key == origin_key(&reports[y].outlet) {
                format!("{subject} cites {y_name}{tail}")
            } else if key == origin_key(&reports[x].outlet) {
                if x == this {
                    format!("{y_name} cites this report's outlet; they count as one source")
                } else if y == this {
                    format!("this report cites {subject}, so {subject} does not count separately")
                } else {
                    format!("{y_name} cites {subject}, so {subject} does not count separately")
                }
            } else {
                format!("{subject} cites the same origin ({origin}) as {y_name}{tail}")
            }
        }
    }
}

/// Parts joined as sentences: each after the first starts with a capital.
fn sentences(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(". ");
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(part);
        }
    }
    out
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The earliest first: by publication date (undated last), then by the comparison's order.
fn chronological(reports: &[Report]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                reports[i].published.is_none(),
                reports[i].published.clone(),
                i,
            )
        };
        key(a).cmp(&key(b))
    });
    order
}

/// For each report, in the comparison's order: the suggested credibility and why, given each
/// report's sentences (as [`align::sentences`] finds them: a figure's origin is the attribution in
/// its sentence). The `assessments` are left empty for the caller that knows the analysts' marks.
pub fn corroborate(
    reports: &[Report],
    sentences: &[Vec<align::SentenceSpan>],
) -> Vec<Corroboration> {
    let links = text_links(reports);
    let family = families(&links);
    let origins: Vec<Origins> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| origins(r, sentences.get(i).map(Vec::as_slice).unwrap_or_default()))
        .collect();
    let order = chronological(reports);
    // Each distinct figure, once, with its support.
    let mut figures: BTreeMap<FigureKey, Support> = BTreeMap::new();
    for o in &origins {
        for key in o.by_figure.keys() {
            if figures.contains_key(key) {
                continue;
            }
            let carriers: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&i| origins[i].by_figure.contains_key(key))
                .collect();
            let found = support(reports, &links, &family, &origins, key, &carriers);
            figures.insert(*key, found);
        }
    }
    let source_ref = |i: usize| SourceRef {
        article_id: reports[i].article_id,
        outlet: reports[i].outlet.clone(),
    };
    (0..reports.len())
        .into_par_iter()
        .map(|this| {
            let report = &reports[this];
            // The report's figures in the order it states them.
            let mut mine: Vec<FigureKey> = Vec::new();
            for c in &report.claims {
                let key = (c.kind, c.number, c.high, c.part());
                if !is_vague(c.qualifier.as_deref()) && !c.is_total() && !mine.contains(&key) {
                    mine.push(key);
                }
            }
            let supports: Vec<FigureSupport> = mine
                .iter()
                .filter_map(|key| {
                    let s = figures.get(key)?;
                    Some(FigureSupport {
                        fact: figure_text(key.0, key.1, key.2, key.3),
                        kind: key.0,
                        number: key.1,
                        high: key.2,
                        part: key.3.map(str::to_string),
                        sources: s.sources.iter().map(|&i| source_ref(i)).collect(),
                        not_counted: s
                            .not_counted
                            .iter()
                            .map(|(x, y, d)| NotCounted {
                                article_id: reports[*x].article_id,
                                outlet: reports[*x].outlet.clone(),
                                depends_on: source_ref(*y),
                                dependence: d.clone(),
                                reason: reason(reports, *x, *y, d, this),
                            })
                            .collect(),
                        // Sources published days apart report different events, and a count
                        // of soldiers confirms no count of civilians.
                        confirmed: s
                            .sources
                            .iter()
                            .filter(|&&i| {
                                dates_agree(reports, this, i)
                                    && origins[this].same_people(&origins[i], key)
                            })
                            .count()
                            >= MIN_INDEPENDENT,
                    })
                })
                .collect();
            let places = shared_places(reports, &family, this);
            let confirmed = supports.iter().any(|f| f.confirmed);
            let explanation = if confirmed {
                confirmed_text(&supports)
            } else {
                unconfirmed_text(reports.len(), &supports, &places)
            };
            Corroboration {
                article_id: report.article_id,
                outlet: report.outlet.clone(),
                suggested: confirmed.then_some(CONFIRMED),
                explanation,
                figures: supports,
                places,
                assessments: Vec::new(),
            }
        })
        .collect()
}

/// Days apart two reports may be published and still confirm each other's figures.
pub const MAX_DAYS_APART: i64 = 3;

/// Whether two reports' publication dates agree (within [`MAX_DAYS_APART`]), or one is undated.
fn dates_agree(reports: &[Report], a: usize, b: usize) -> bool {
    let day = |i: usize| {
        let date = reports[i].published.as_deref()?.get(..10)?;
        chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
    };
    match (day(a), day(b)) {
        (Some(x), Some(y)) => x.signed_duration_since(y).num_days().abs() <= MAX_DAYS_APART,
        _ => true,
    }
}

/// Places the report names that a report of another text and outlet names too.
fn shared_places(reports: &[Report], family: &[usize], this: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let outlet = origin_key(&reports[this].outlet);
    for p in reports[this].places.iter().filter(|p| !p.broad) {
        if out.contains(&p.place) {
            continue;
        }
        let elsewhere = reports.iter().enumerate().any(|(i, r)| {
            i != this
                && family[i] != family[this]
                && origin_key(&r.outlet) != outlet
                && r.places.iter().any(|q| q.place == p.place)
        });
        if elsewhere {
            out.push(p.place.clone());
        }
    }
    out
}

fn confirmed_text(figures: &[FigureSupport]) -> String {
    let parts: Vec<String> = figures
        .iter()
        .filter(|f| f.confirmed)
        .map(|f| {
            let names: Vec<String> = f.sources.iter().map(|s| s.outlet.clone()).collect();
            let mut text = format!(
                "confirmed: {}, reported by {} independently",
                f.fact,
                and_list(&names)
            );
            for n in &f.not_counted {
                text.push_str("; ");
                text.push_str(&n.reason);
            }
            text
        })
        .collect();
    sentences(&parts)
}

fn unconfirmed_text(reports: usize, figures: &[FigureSupport], places: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if reports < 2 {
        parts.push("there is no other report to confirm this one".to_string());
    } else if figures.is_empty() {
        parts.push("this report gives no figure the other reports could confirm".to_string());
    } else {
        let alone: Vec<String> = figures
            .iter()
            .filter(|f| f.not_counted.is_empty())
            .map(|f| f.fact.clone())
            .collect();
        if !alone.is_empty() {
            parts.push(format!("no other report gives {}", and_list(&alone)));
        }
        for f in figures.iter().filter(|f| !f.not_counted.is_empty()) {
            let reasons: Vec<&str> = f.not_counted.iter().map(|n| n.reason.as_str()).collect();
            parts.push(format!(
                "{} comes from one source only: {}",
                f.fact,
                reasons.join("; ")
            ));
        }
    }
    if !places.is_empty() && reports >= 2 {
        parts.push(format!(
            "independent reports name {} too, but a shared place alone does not confirm a report \
             (it is how reports are grouped into one incident)",
            and_list(places)
        ));
    }
    format!("no suggestion: {}", sentences(&parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{IncidentHeader, ReportInput, compare};

    fn input(id: Id, outlet: &str, published: &str, body: &str) -> ReportInput {
        ReportInput {
            article_id: id,
            outlet: outlet.into(),
            grade: None,
            headline: format!("{outlet} headline"),
            published: Some(published.into()),
            body: body.into(),
            set_apart: Vec::new(),
        }
    }

    fn corroboration(inputs: &[ReportInput]) -> Vec<Corroboration> {
        compare(
            IncidentHeader::default(),
            inputs,
            &crate::library::world::sample_lexicon(),
            &crate::library::world::sample_gazetteer(),
        )
        .corroboration
    }

    const WIRE: &str = "Gunmen attacked a checkpoint outside Tell Haran before dawn on Tuesday, \
        killing 12 soldiers, a provincial official told the wire. The attackers fled east in two \
        pickup trucks. The army sent reinforcements from the provincial capital by midday.";

    const OTHER: &str = "Twelve soldiers died? No: the toll is 12 soldiers killed at the Tell \
        Haran checkpoint, residents said. A local doctor counted the bodies at the clinic and \
        said families had begun burials in the afternoon.";

    #[test]
    fn a_figure_given_by_two_independent_outlets_is_confirmed() {
        let found = corroboration(&[
            input(1, "Wire Agency", "2025-05-06", WIRE),
            input(2, "Hill Gazette", "2025-05-06", OTHER),
        ]);
        assert_eq!(
            found[0].suggested,
            Some(CONFIRMED),
            "{}",
            found[0].explanation
        );
        assert_eq!(
            found[1].suggested,
            Some(CONFIRMED),
            "{}",
            found[1].explanation
        );
        assert!(
            found[0]
                .explanation
                .starts_with("confirmed: 12 killed, reported by Wire Agency and Hill Gazette"),
            "{}",
            found[0].explanation
        );
    }

    #[test]
    fn a_part_of_the_dead_does_not_confirm_a_whole_toll_of_the_same_number() {
        // "Four citizens" killed (the whole toll of one report) and "four women" among 23 dead
        // (a part of another's): the same number, not the same figure.
        let found = corroboration(&[
            input(
                1,
                "State TV",
                "2025-03-14",
                "Four citizens were killed when terrorists shelled the market of Tell Haran on \
                 Friday, a military source told the channel.",
            ),
            input(
                2,
                "Valley Monitor",
                "2025-03-15",
                "The monitor documented the deaths of 23 civilians in the shelling of Tell Haran \
                 on Friday, among them 4 women and six children.",
            ),
        ]);
        assert_eq!(found[0].suggested, None, "{}", found[0].explanation);
        let parts: Vec<(String, bool)> = found[1]
            .figures
            .iter()
            .map(|f| (f.fact.clone(), f.confirmed))
            .collect();
        assert!(
            parts.contains(&("4 women killed".to_string(), false)),
            "{parts:?}"
        );
    }

    #[test]
    fn an_exact_copy_is_one_source_with_its_original() {
        let found = corroboration(&[
            input(1, "Wire Agency", "2025-05-06", WIRE),
            input(2, "Coast News", "2025-05-07", WIRE),
        ]);
        assert_eq!(found[0].suggested, None);
        assert!(
            found[0]
                .explanation
                .contains("Coast News is an exact copy of Wire Agency"),
            "{}",
            found[0].explanation
        );
        assert!(
            found[1]
                .explanation
                .contains("this report is an exact copy of Wire Agency"),
            "{}",
            found[1].explanation
        );
    }

    #[test]
    fn two_outlets_citing_one_monitor_are_one_source() {
        let a = "Shelling killed 23 civilians in Qasr al-Nahr, the Qadira Conflict Observatory \
                 said on Friday. Rescue crews searched the ruins of the covered market. The \
                 governor called for calm and promised to rebuild the stalls within a month.";
        let b = "Mourners buried the dead on Saturday. The Qadira Conflict Observatory \
                 reported that 23 civilians were killed. Schools across the district closed \
                 their doors until further notice.";
        let found = corroboration(&[
            input(1, "Daily Star", "2025-03-14", a),
            input(2, "Valley Post", "2025-03-15", b),
        ]);
        assert_eq!(found[0].suggested, None, "{}", found[0].explanation);
        assert!(
            found[0].explanation.contains(
                "Valley Post cites the same origin (Qadira Conflict Observatory) as Daily Star"
            ),
            "{}",
            found[0].explanation
        );
    }

    #[test]
    fn unnamed_sources_are_not_one_origin() {
        assert!(!is_named_origin("residents"));
        assert!(!is_named_origin("a military source"));
        assert!(!is_named_origin("Witnesses"));
        assert!(is_named_origin("Qadira Conflict Observatory"));
        assert!(is_named_origin("Reuters"));
        assert!(is_named_origin("the army"));
        assert!(!is_named_origin("Hospital staff"));
        assert!(!is_named_origin("provincial police officer"));
        assert!(is_named_origin("Defence Ministry"));
        assert_eq!(origin_key("The Valley Courier"), "valley courier");
    }

    #[test]
    fn a_report_citing_another_outlet_in_the_incident_depends_on_it() {
        let a = "Shelling killed 23 civilians in Qasr al-Nahr on Friday. Rescue crews searched \
                 the ruins of the covered market into the night.";
        let b = "At least 23 civilians were killed, according to Qadira Monitor. Schools across \
                 the district closed their doors until further notice.";
        let found = corroboration(&[
            input(1, "Qadira Monitor", "2025-03-14", a),
            input(2, "Valley Post", "2025-03-15", b),
        ]);
        assert_eq!(found[1].suggested, None, "{}", found[1].explanation);
        assert!(
            found[1]
                .explanation
                .contains("this report cites Qadira Monitor"),
            "{}",
            found[1].explanation
        );
    }

    #[test]
    fn a_report_without_figures_gets_no_suggestion_and_says_so() {
        let found = corroboration(&[
            input(1, "Wire Agency", "2025-05-06", WIRE),
            input(
                2,
                "Hill Gazette",
                "2025-05-06",
                "The checkpoint at Tell Haran was attacked before dawn, residents said.",
            ),
        ]);
        assert_eq!(found[1].suggested, None);
        assert!(
            found[1].explanation.contains("gives no figure"),
            "{}",
            found[1].explanation
        );
        assert!(
            found[0]
                .explanation
                .contains("no other report gives 12 killed")
        );
    }

    #[test]
    fn figure_texts_read_as_a_reader_says_them() {
        assert_eq!(figure_text(ClaimKind::Killed, 35, None, None), "35 killed");
        assert_eq!(
            figure_text(ClaimKind::Killed, 6, None, Some("children")),
            "6 children killed"
        );
        assert_eq!(
            figure_text(ClaimKind::Wounded, 150, Some(200), None),
            "150–200 wounded"
        );
        assert_eq!(figure_text(ClaimKind::Area, 40, None, None), "area: 40");
    }
}
