//! Same incident, different words: scores pairs of articles from their dates, places, casualty
//! figures, actors, names, the years they name and TF-IDF similarity, then groups them along
//! their strongest pairs. Every score comes with readable evidence.
//!
//! The score is a logistic function of those signals with weights set by hand and checked on the
//! sample library, BASIL and the ECB+ development half (see README): text similarity carries most
//! of it, closeness in time pulls reports of one event together and pushes same-theme reports
//! months apart away, shared places and equal figures add to it, different places take from it.
//! A missing date is no evidence either way; a date found only in the text counts half; an
//! undated report that names another year than the other's is another event.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::features::{Features, Weights};
use crate::analysis::numbers::Role;
use crate::model::{Id, IncidentFields};

/// Above this the engine thinks two reports (or a group) report one incident.
pub const LIKELY: f64 = 0.5;
/// Pairs scoring under this are not kept.
pub const KEEP: f64 = 0.2;
/// Two groups joined by a likely pair become one when their reports' pairs average at least
/// this: reports of one event written apart score low against some of the others (short items,
/// different angles) and are held by the rest.
const JOIN: f64 = 0.35;
/// One report joins a group through a likely pair to one of its reports when its pairs with the
/// group average at least what a kept pair scores, and no pair sets it apart: a short item or a
/// follow-up weeks later is held by its strongest link, not by the average.
const JOIN_ONE: f64 = KEEP;
/// A pair scoring under this that the evidence sets apart (days or years apart, different
/// places) tells of two incidents: no group holds both, whatever links them through others (no
/// chaining through weak pairs). A low score alone is no such evidence: a one-sentence item and
/// a long report of one event share few words.
const DIFFERENT: f64 = 0.03;
/// How much text similarity (TF-IDF cosine, 0 to 1) counts in a pair's log-odds: the most of
/// any evidence: two reports with a similarity of 0.4 and no other evidence either way are an
/// even bet; names, places, figures and dates move them from there.
const SIMILARITY_WEIGHT: f64 = 8.5;
/// An unknown date is no evidence, but the rest of the evidence must carry the pair, and more
/// of it than two reports of one day need.
const UNDATED: f64 = -0.25;
/// How much two dates close together count when one was found only in the running text, beside
/// two the pages state.
const TEXT_DATE_WEIGHT: f64 = 0.5;
/// Places this close (in kilometres) are near enough to be one incident's, told apart in
/// reports by which town or which district each names.
const NEAR_KM: f64 = 50.0;

/// Where the world gazetteer puts each of an article's places it knows: (the place's index in
/// the article's places, the world's place).
fn located(places: &[String]) -> Vec<(usize, u32)> {
    let Some(world) = crate::analysis::world::World::get() else {
        return Vec::new();
    };
    places
        .iter()
        .enumerate()
        .filter_map(|(i, name)| Some((i, world.best_by_name(name)?)))
        .collect()
}

/// Of two reports' located places, the two that lie nearest each other, with the distance.
fn nearest(a: &[(usize, u32)], b: &[(usize, u32)]) -> Option<(usize, usize, f64)> {
    let world = crate::analysis::world::World::get()?;
    a.iter()
        .flat_map(|(pa, wa)| {
            b.iter()
                .filter_map(move |(pb, wb)| Some((*pa, *pb, world.distance_km(*wa, *wb)?)))
        })
        .min_by(|x, y| x.2.total_cmp(&y.2))
}

/// Largest group the engine suggests.
const MAX_GROUP: usize = 60;

/// The articles being scored or grouped, with what scoring needs precomputed.
pub struct Corpus {
    pub ids: Vec<Id>,
    /// Weighed ([`Weights::weigh`]): vectors and name weights filled.
    pub features: Vec<Features>,
    days: Vec<Option<i64>>,
    /// Each article's places the world gazetteer locates, found once ([`located`]).
    located: Vec<Vec<(usize, u32)>>,
}

/// A pair's score and the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub score: f64,
    pub similarity: f64,
    pub evidence: Vec<String>,
}

impl Corpus {
    /// A corpus of articles weighed against each other alone (for tests and small sets).
    pub fn new(ids: Vec<Id>, mut features: Vec<Features>) -> Corpus {
        let weights = Weights::of(&features);
        features.iter_mut().for_each(|f| weights.weigh(f));
        Corpus::weighed(ids, features)
    }

    /// A corpus of articles already weighed against the library.
    pub fn weighed(ids: Vec<Id>, features: Vec<Features>) -> Corpus {
        let days = features.iter().map(Features::day).collect();
        let located = features.par_iter().map(|f| located(&f.places)).collect();
        Corpus {
            ids,
            features,
            days,
            located,
        }
    }

    /// Lets go of the corpus, keeping its articles' features.
    pub fn into_features(self) -> Vec<Features> {
        self.features
    }

    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// TF-IDF cosine similarity of two articles' content words.
    pub fn similarity(&self, i: usize, j: usize) -> f64 {
        cosine(&self.features[i].vector, &self.features[j].vector)
    }

    /// Days between two articles' dates, when both have one.
    pub fn gap(&self, i: usize, j: usize) -> Option<i64> {
        Some((self.days[i]? - self.days[j]?).abs())
    }

    /// Whether the evidence sets two reports apart: dates more than a week apart, years named
    /// that do not meet, or places named on both sides none of which is shared or near.
    pub fn contradicted(&self, i: usize, j: usize) -> bool {
        let (a, b) = (&self.features[i], &self.features[j]);
        let apart_in_time = match self.gap(i, j) {
            Some(days) if a.date_stated && b.date_stated => days > 30,
            Some(days) => days > 90,
            None => {
                let (ya, yb) = (self.years(i), self.years(j));
                !ya.is_empty() && !yb.is_empty() && !ya.iter().any(|y| yb.contains(y))
            }
        };
        apart_in_time
            || (!a.places.is_empty()
                && !b.places.is_empty()
                && !a.places.iter().any(|p| b.places.contains(p))
                && nearest(&self.located[i], &self.located[j])
                    .is_none_or(|(_, _, km)| km > NEAR_KM))
    }

    /// The years an article tells of: its date's, or where it has none, those its text names
    /// most.
    fn years(&self, i: usize) -> Vec<u16> {
        let f = &self.features[i];
        match self.days[i] {
            Some(_) => f
                .date
                .as_deref()
                .and_then(|d| d.get(..4)?.parse().ok())
                .into_iter()
                .collect(),
            None => f.years.clone(),
        }
    }

    /// Scores a pair, with evidence.
    pub fn score(&self, i: usize, j: usize) -> Scored {
        self.assess(i, j, true)
    }

    /// A pair's score alone, without writing its evidence: for the many candidates most of
    /// which are dropped.
    pub fn value(&self, i: usize, j: usize) -> f64 {
        self.assess(i, j, false).score
    }

    fn assess(&self, i: usize, j: usize, explain: bool) -> Scored {
        let (a, b) = (&self.features[i], &self.features[j]);
        let similarity = self.similarity(i, j);
        let mut evidence = Vec::new();
        let mut say = |line: &dyn Fn() -> String| {
            if explain {
                evidence.push(line());
            }
        };
        let mut z = -3.4 + SIMILARITY_WEIGHT * similarity;

        let shared_places: Vec<&String> =
            a.places.iter().filter(|p| b.places.contains(p)).collect();
        if !shared_places.is_empty() {
            z += 1.5;
            say(&|| format!("both name {}", list(&shared_places, 3)));
        } else if let Some((pa, pb, km)) =
            nearest(&self.located[i], &self.located[j]).filter(|(_, _, km)| *km <= NEAR_KM)
        {
            // Two names of places a short drive apart: the same front, if not the same town.
            z += 0.6;
            say(&|| format!("{} and {}, {km:.0} km apart", a.places[pa], b.places[pb]));
        } else if !a.places.is_empty() && !b.places.is_empty() {
            z -= 1.2;
            say(&|| {
                format!(
                    "they name different places ({}; {})",
                    list(&a.places.iter().collect::<Vec<_>>(), 2),
                    list(&b.places.iter().collect::<Vec<_>>(), 2)
                )
            });
        }

        let (same, differ) = compare_figures(&a.figures, &b.figures);
        z += 1.0 * same.len().min(2) as f64;
        if !same.is_empty() {
            let said: Vec<String> = same
                .iter()
                .map(|(r, v)| format!("{v} {}", r.label()))
                .collect();
            say(&|| format!("both report {}", said.join(" and ")));
        } else if !differ.is_empty() {
            z -= 0.3;
        }
        for (role, x, y) in &differ {
            say(&|| format!("figures differ: {x} vs {y} {}", role.label()));
        }

        let shared_actors: Vec<&String> =
            a.actors.iter().filter(|g| b.actors.contains(g)).collect();
        if !shared_actors.is_empty() {
            z += 0.3;
            say(&|| format!("both name {}", list(&shared_actors, 2)));
        }

        let (overlap, shared_names) = self.name_overlap(a, b);
        z += 2.5 * overlap;
        if !shared_names.is_empty() {
            let shown: Vec<&String> = shared_names.iter().collect();
            say(&|| format!("both mention {}", list(&shown, 3)));
        }

        let gap = self.gap(i, j);
        match gap {
            Some(days) => {
                // A date found only in the running text may be another day's (the day of the
                // event it tells of, a day before or after it, a court date weeks later): both
                // closeness and distance count for less than with dates the pages state, and
                // only months apart set two reports apart.
                let stated = a.date_stated && b.date_stated;
                z += if stated {
                    match days {
                        0 => 1.5,
                        1 => 1.2,
                        2..=3 => 0.6,
                        4..=7 => -0.5,
                        8..=30 => -1.5,
                        31..=60 => -3.0,
                        _ => -5.0,
                    }
                } else {
                    match days {
                        0 => 1.5 * TEXT_DATE_WEIGHT,
                        1 => 1.2 * TEXT_DATE_WEIGHT,
                        2..=3 => 0.6 * TEXT_DATE_WEIGHT,
                        4..=30 => -0.5,
                        31..=90 => -2.0,
                        _ => -5.0,
                    }
                };
                let found = if stated {
                    ""
                } else {
                    " (a date found in the text)"
                };
                say(&|| match days {
                    0 => format!("published the same day{found}"),
                    1 => format!("published 1 day apart{found}"),
                    d => format!("published {d} days apart{found}"),
                });
            }
            None => {
                // An unknown date is no evidence either way; the other evidence must carry the
                // pair, and more of it than for two reports of one day. What the texts say of
                // their time still counts: the years they name.
                z += UNDATED;
                let (ya, yb) = (self.years(i), self.years(j));
                if !ya.is_empty() && !yb.is_empty() {
                    if ya[0] == yb[0] {
                        z += 0.5;
                        say(&|| format!("both name {} as their year", ya[0]));
                    } else if !ya.iter().any(|y| yb.contains(y)) {
                        z -= 2.0;
                        say(&|| format!("they tell of different years ({}; {})", ya[0], yb[0]));
                    }
                }
            }
        }
        say(&|| format!("text similarity {similarity:.2}"));

        Scored {
            score: 1.0 / (1.0 + (-z).exp()),
            similarity,
            evidence,
        }
    }

    /// Share of the rarer article's name weight that the other shares (0 to 1), and the shared
    /// names as written in the evidence (most distinctive first).
    fn name_overlap(&self, a: &Features, b: &Features) -> (f64, Vec<String>) {
        let total = |f: &Features| f.name_weights.iter().map(|w| f64::from(*w)).sum::<f64>();
        let b_names: HashSet<&String> = b.names.iter().map(|(w, _)| w).collect();
        let mut shared: Vec<(&String, f64)> = a
            .names
            .iter()
            .zip(&a.name_weights)
            .filter(|((w, _), _)| b_names.contains(w))
            .map(|((w, _), weight)| (w, f64::from(*weight)))
            .collect();
        let smaller = total(a).min(total(b));
        if smaller <= 0.0 {
            return (0.0, Vec::new());
        }
        let overlap = (shared.iter().map(|(_, w)| w).sum::<f64>() / smaller).min(1.0);
        shared.sort_by(|x, y| y.1.total_cmp(&x.1));
        let shown = shared.iter().map(|(w, _)| capitalise(w)).collect();
        (overlap, shown)
    }
}

/// Cosine of two unit vectors sorted by key.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut x, mut y, mut dot) = (0, 0, 0.0f32);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                dot += a[x].1 * b[y].1;
                x += 1;
                y += 1;
            }
        }
    }
    f64::from(dot).clamp(0.0, 1.0)
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn list(items: &[&String], max: usize) -> String {
    let shown: Vec<&str> = items.iter().take(max).map(|s| s.as_str()).collect();
    let mut out = shown.join(", ");
    if items.len() > max {
        out.push_str(&format!(" and {} more", items.len() - max));
    }
    out
}

/// Figures both reports give, and roles where they differ: (role, first's, second's).
type SameAndDiffering = (Vec<(Role, u32)>, Vec<(Role, u32, u32)>);

/// Figures both give (same role, same number), and roles where they differ (largest of each).
fn compare_figures(a: &[(Role, u32)], b: &[(Role, u32)]) -> SameAndDiffering {
    let mut same = Vec::new();
    let mut differ = Vec::new();
    for role in [Role::Killed, Role::Wounded, Role::Captured] {
        let xs: Vec<u32> = a
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, v)| *v)
            .collect();
        let ys: Vec<u32> = b
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, v)| *v)
            .collect();
        if xs.is_empty() || ys.is_empty() {
            continue;
        }
        match xs.iter().filter(|x| ys.contains(x)).max() {
            Some(v) => same.push((role, *v)),
            None => differ.push((
                role,
                xs.iter().copied().max().unwrap_or(0),
                ys.iter().copied().max().unwrap_or(0),
            )),
        }
    }
    (same, differ)
}

/// What the analyst has decided, as grouping needs it.
#[derive(Debug, Default)]
pub struct Decisions {
    /// Incidents of each article.
    pub membership: HashMap<Id, Vec<Id>>,
    /// Pairs never to put together.
    pub rejected: HashSet<(Id, Id)>,
}

/// A group the engine suggests.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Sorted article ids.
    pub articles: Vec<Id>,
    pub score: f64,
    pub evidence: Vec<String>,
    pub proposal: IncidentFields,
}

/// Groups articles along the likely pairs, strongest first: two groups join when their reports'
/// pairs average [`JOIN`] and none of them is below [`DIFFERENT`]. A group scores its average
/// pair, but never more than the weakest likely pair it was joined by. Returns the groups that
/// add something to what the analyst has decided. `pairs` are (i, j, score) in corpus indexes.
pub fn group(corpus: &Corpus, pairs: &[(usize, usize, f64)], decisions: &Decisions) -> Vec<Group> {
    let incident_of = |i: usize| -> Option<Id> {
        decisions
            .membership
            .get(&corpus.ids[i])
            .and_then(|v| v.first().copied())
    };
    let rejected = |i: usize, j: usize| {
        let (a, b) = (corpus.ids[i], corpus.ids[j]);
        decisions.rejected.contains(&(a.min(b), a.max(b)))
    };
    let mut known: HashMap<(usize, usize), f64> = HashMap::new();
    for &(i, j, s) in pairs {
        known.insert((i.min(j), i.max(j)), s);
    }
    let pair_score = |i: usize, j: usize, known: &mut HashMap<(usize, usize), f64>| -> f64 {
        if rejected(i, j) {
            return 0.0;
        }
        if let (Some(x), Some(y)) = (incident_of(i), incident_of(j)) {
            return if x == y { 1.0 } else { 0.0 };
        }
        *known
            .entry((i.min(j), i.max(j)))
            .or_insert_with(|| corpus.score(i, j).score)
    };

    // Start from the incidents the analyst made, then merge along likely pairs, best first.
    let mut cluster_of: HashMap<usize, usize> = HashMap::new();
    let mut clusters: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut by_incident: BTreeMap<Id, usize> = BTreeMap::new();
    let mut edges: Vec<(usize, usize, f64)> = pairs
        .iter()
        .copied()
        .filter(|(_, _, s)| *s >= LIKELY)
        .collect();
    let mut involved: Vec<usize> = edges.iter().flat_map(|(i, j, _)| [*i, *j]).collect();
    involved.sort_unstable();
    involved.dedup();
    for &i in &involved {
        let root = match incident_of(i) {
            Some(incident) => *by_incident.entry(incident).or_insert(i),
            None => i,
        };
        cluster_of.insert(i, root);
        clusters.entry(root).or_default().push(i);
    }
    edges.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    // Each cluster's weakest link it was joined by: no suggestion scores above it.
    let mut weakest: HashMap<usize, f64> = HashMap::new();
    let mut refused: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    for (i, j, edge) in edges {
        let (ci, cj) = (cluster_of[&i], cluster_of[&j]);
        if ci == cj {
            continue;
        }
        let (a, b) = (&clusters[&ci], &clusters[&cj]);
        // Clusters only grow: two that were refused at these sizes are refused again.
        let state = (ci, a.len(), cj, b.len());
        if a.len() + b.len() > MAX_GROUP || refused.contains(&state) {
            continue;
        }
        let (a, b) = (a.clone(), b.clone());
        let mut total = 0.0;
        let mut blocked = false;
        for &x in &a {
            for &y in &b {
                let s = pair_score(x, y, &mut known);
                blocked |= rejected(x, y)
                    || matches!((incident_of(x), incident_of(y)), (Some(p), Some(q)) if p != q)
                    || (s < DIFFERENT && corpus.contradicted(x, y));
                total += s;
            }
        }
        let bar = if a.len().min(b.len()) == 1 {
            JOIN_ONE
        } else {
            JOIN
        };
        if blocked || total / ((a.len() * b.len()) as f64) < bar {
            refused.insert(state);
            refused.insert((cj, b.len(), ci, a.len()));
            continue;
        }
        for &y in &b {
            cluster_of.insert(y, ci);
        }
        let joined = edge
            .min(weakest.get(&ci).copied().unwrap_or(1.0))
            .min(weakest.get(&cj).copied().unwrap_or(1.0));
        weakest.insert(ci, joined);
        let moved = clusters.remove(&cj).unwrap_or_default();
        clusters.entry(ci).or_default().extend(moved);
    }

    let mut out = Vec::new();
    for (root, members) in clusters {
        // The incident most members belong to; members of other incidents are decided already.
        let mut counts: BTreeMap<Id, usize> = BTreeMap::new();
        for &m in &members {
            if let Some(x) = incident_of(m) {
                *counts.entry(x).or_default() += 1;
            }
        }
        let main = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(id, _)| *id);
        let members: Vec<usize> = members
            .into_iter()
            .filter(|&m| incident_of(m).is_none() || incident_of(m) == main)
            .collect();
        let new: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| incident_of(m).is_none())
            .collect();
        if members.len() < 2 || new.is_empty() {
            continue;
        }
        let mut scores = Vec::new();
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if incident_of(a).is_none() || incident_of(b).is_none() {
                    scores.push(pair_score(a, b, &mut known));
                }
            }
        }
        let average = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
        let score = average.min(weakest.get(&root).copied().unwrap_or(1.0));
        let mut articles: Vec<Id> = members.iter().map(|&m| corpus.ids[m]).collect();
        articles.sort_unstable();
        out.push(Group {
            articles,
            score,
            evidence: group_evidence(corpus, &members),
            proposal: proposal(corpus, &members),
        });
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.articles.cmp(&b.articles))
    });
    out
}

fn share(count: usize, of: usize) -> String {
    if count == of {
        if of == 2 {
            "both".into()
        } else {
            format!("all {of}")
        }
    } else {
        format!("{count} of {of}")
    }
}

/// Evidence for a group: what its members have in common, and where they disagree.
pub fn group_evidence(corpus: &Corpus, members: &[usize]) -> Vec<String> {
    let n = members.len();
    let mut evidence = Vec::new();
    let tally = |items: Vec<&String>, verb: &str, evidence: &mut Vec<String>| {
        let mut counts: BTreeMap<&String, usize> = BTreeMap::new();
        for item in items {
            *counts.entry(item).or_default() += 1;
        }
        let mut common: Vec<(&String, usize)> =
            counts.into_iter().filter(|(_, c)| *c >= 2).collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (item, c) in common.into_iter().take(3) {
            evidence.push(format!("{} {verb} {item}", share(c, n)));
        }
    };
    let places: Vec<&String> = members
        .iter()
        .flat_map(|&m| corpus.features[m].places.iter())
        .collect();
    tally(places, "name", &mut evidence);
    let actors: Vec<&String> = members
        .iter()
        .flat_map(|&m| corpus.features[m].actors.iter())
        .collect();
    tally(actors, "name", &mut evidence);

    for role in [Role::Killed, Role::Wounded] {
        let mut said: BTreeMap<u32, usize> = BTreeMap::new();
        let mut sets: Vec<HashSet<u32>> = Vec::new();
        for &m in members {
            let values: HashSet<u32> = corpus.features[m]
                .figures
                .iter()
                .filter(|(r, _)| *r == role)
                .map(|(_, v)| *v)
                .collect();
            for &v in &values {
                *said.entry(v).or_default() += 1;
            }
            if !values.is_empty() {
                sets.push(values);
            }
        }
        // Figures differ only where two reports share none: two texts that both say 3 and 20
        // agree.
        let disagree = sets
            .iter()
            .enumerate()
            .any(|(i, a)| sets[i + 1..].iter().any(|b| a.is_disjoint(b)));
        if let Some((v, c)) = said
            .iter()
            .filter(|(_, c)| **c >= 2)
            .max_by_key(|(v, c)| (**c, **v))
        {
            evidence.push(format!("{} report {v} {}", share(*c, n), role.label()));
        }
        if disagree {
            let values: Vec<String> = said.keys().map(u32::to_string).collect();
            evidence.push(format!(
                "{} figures differ: {}",
                role.label(),
                values.join(", ")
            ));
        }
    }

    let days: Vec<i64> = members.iter().filter_map(|&m| corpus.days[m]).collect();
    if let (Some(lo), Some(hi)) = (days.iter().min(), days.iter().max()) {
        evidence.push(match hi - lo {
            0 => format!("{} published the same day", share(days.len(), n)),
            1 => format!("{} published within 1 day", share(days.len(), n)),
            d => format!("{} published within {d} days", share(days.len(), n)),
        });
    }
    let mut total = 0.0;
    let mut count = 0;
    for (x, &a) in members.iter().enumerate() {
        for &b in &members[x + 1..] {
            total += corpus.similarity(a, b);
            count += 1;
        }
    }
    if count > 0 {
        let label = if count == 1 {
            "text similarity"
        } else {
            "average text similarity"
        };
        evidence.push(format!("{label} {:.2}", total / count as f64));
    }
    evidence
}

/// The incident accepting a group would create: the earliest report's headline, the date most
/// reports give, the place most of them name.
pub fn proposal(corpus: &Corpus, members: &[usize]) -> IncidentFields {
    let earliest = members
        .iter()
        .copied()
        .min_by_key(|&m| (corpus.days[m].unwrap_or(i64::MAX), corpus.ids[m]));
    let mut dates: BTreeMap<&str, usize> = BTreeMap::new();
    // A report's places are ranked, most named first: the place a report names most weighs
    // most ("Deir ez-Zor" six times over "Damascus" in a dateline), in steps of 1, 1/2, 1/3…
    // scaled to whole numbers so that ties still go alphabetically.
    let mut places: BTreeMap<&str, usize> = BTreeMap::new();
    for &m in members {
        if let Some(d) = corpus.features[m].date.as_deref() {
            *dates.entry(d).or_default() += 1;
        }
        for (rank, p) in corpus.features[m].places.iter().enumerate() {
            *places.entry(p.as_str()).or_default() += 2520 / (rank + 1);
        }
    }
    // BTreeMap order makes ties go to the earliest date and the first place alphabetically.
    let mode = |m: BTreeMap<&str, usize>| {
        m.into_iter()
            .fold(None::<(&str, usize)>, |best, (k, c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ => Some((k, c)),
            })
            .map(|(k, _)| k.to_string())
    };
    IncidentFields {
        title: earliest
            .map(|m| corpus.features[m].title.clone())
            .unwrap_or_default(),
        date: mode(dates),
        place: mode(places),
        summary: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linking::features::extract;

    fn corpus(articles: &[(&str, &str, &str)]) -> Corpus {
        let (g, l) = (
            crate::library::world::sample_gazetteer(),
            crate::library::world::sample_lexicon(),
        );
        let features = articles
            .iter()
            .map(|(t, b, d)| Features {
                date_stated: true,
                ..extract(t, b, Some(d), &g, &l)
            })
            .collect();
        Corpus::new((1..=articles.len() as Id).collect(), features)
    }

    const A: (&str, &str, &str) = (
        "Shelling kills 19 in Qasr al-Nahr market",
        "Artillery shells struck the crowded market district of Qasr al-Nahr on Friday morning, killing 19 civilians and wounding dozens, residents and a hospital doctor said. Stalls burned for hours.",
        "2025-03-14",
    );
    const B: (&str, &str, &str) = (
        "Massacre in Kasr el-Nahr",
        "Regime artillery pounded the souk of Kasr el-Nahr at dawn on Friday. Local activists counted 19 dead, among them children, and said the hospital was overwhelmed with wounded.",
        "2025-03-15",
    );
    const C: (&str, &str, &str) = (
        "Rockets hit Qasr an-Nahr school",
        "Rockets struck a school in Qasr an-Nahr, killing 8 pupils and a teacher, in the second attack on the town this year, residents said. The market was closed.",
        "2025-10-09",
    );

    #[test]
    fn reports_of_one_event_score_high_with_evidence() {
        let c = corpus(&[A, B]);
        let s = c.score(0, 1);
        assert!(s.score > 0.8, "{s:?}");
        assert!(
            s.evidence.contains(&"both name Qasr al-Nahr".to_string()),
            "{s:?}"
        );
        assert!(
            s.evidence.contains(&"both report 19 killed".to_string()),
            "{s:?}"
        );
        assert!(
            s.evidence.contains(&"published 1 day apart".to_string()),
            "{s:?}"
        );
    }

    #[test]
    fn places_a_short_drive_apart_are_evidence_with_their_distance() {
        let mayadin = (
            "Strike on Mayadin market",
            "An air strike hit the market in Mayadin on Friday, killing 7 people, residents said.",
            "2025-03-14",
        );
        let deir = (
            "Strikes near Deir ez-Zor",
            "Warplanes struck the eastern countryside of Deir ez-Zor on Friday, killing 7 people.",
            "2025-03-14",
        );
        let c = corpus(&[mayadin, deir]);
        let s = c.score(0, 1);
        let near = s
            .evidence
            .iter()
            .find(|e| e.ends_with("km apart"))
            .unwrap_or_else(|| panic!("{s:?}"));
        assert!(
            near.contains("Mayadin") && near.contains("Deir ez-Zor"),
            "{near}"
        );
        assert!(
            !s.evidence
                .iter()
                .any(|e| e.starts_with("they name different places")),
            "{s:?}"
        );
    }

    #[test]
    fn the_proposed_place_is_the_one_the_reports_name_most() {
        // Both datelines say Damascus; both reports tell of Deir ez-Zor, again and again.
        let body = "DAMASCUS - Shelling hit Deir ez-Zor on Friday. In Deir ez-Zor the market \
                    burned, and Deir ez-Zor's hospital took the wounded.";
        let c = corpus(&[
            ("Shelling in the east", body, "2025-03-14"),
            ("Market burns", body, "2025-03-14"),
        ]);
        assert_eq!(proposal(&c, &[0, 1]).place.as_deref(), Some("Deir ez-Zor"));
    }

    #[test]
    fn undated_reports_that_name_different_years_are_told_apart() {
        let (g, l) = (
            crate::library::world::sample_gazetteer(),
            crate::library::world::sample_lexicon(),
        );
        let quake = |year: u32| {
            extract(
                "Earthquake shakes the valley",
                &format!(
                    "A strong earthquake struck the valley towns in March {year}, destroying \
                     homes and the old bridge, officials said. Rescue teams searched the rubble."
                ),
                None,
                &g,
                &l,
            )
        };
        let same = Corpus::new(vec![1, 2], vec![quake(2008), quake(2008)]).score(0, 1);
        let apart = Corpus::new(vec![1, 2], vec![quake(2008), quake(2011)]).score(0, 1);
        assert!(
            same.evidence
                .contains(&"both name 2008 as their year".to_string()),
            "{same:?}"
        );
        assert!(
            apart
                .evidence
                .contains(&"they tell of different years (2008; 2011)".to_string()),
            "{apart:?}"
        );
        assert!(same.score > apart.score, "{same:?} {apart:?}");
        // An unknown date says nothing of its own.
        assert!(
            !same.evidence.iter().any(|e| e.contains("no date")),
            "{same:?}"
        );
    }

    #[test]
    fn a_group_scores_no_higher_than_the_weakest_pair_that_joined_it() {
        let c = corpus(&[A, B, A]);
        // A strong pair and a merely likely one: the group holds all three at the weaker.
        let pairs = vec![(0, 2, 0.95), (0, 1, 0.6), (1, 2, 0.6)];
        let groups = group(&c, &pairs, &Decisions::default());
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].articles, vec![1, 2, 3]);
        assert!(groups[0].score <= 0.6, "{}", groups[0].score);
    }

    #[test]
    fn one_report_joins_a_group_through_its_strongest_link_unless_a_pair_sets_it_apart() {
        let c = corpus(&[A, B, A, B]);
        // Three reports held together, and a fourth (a short item) likely with one of them and
        // weak with the others: its pairs average under what two groups need, and it joins.
        let pairs = vec![
            (0, 1, 0.9),
            (0, 2, 0.9),
            (1, 2, 0.9),
            (0, 3, 0.7),
            (1, 3, 0.1),
            (2, 3, 0.1),
        ];
        let groups = group(&c, &pairs, &Decisions::default());
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].articles, vec![1, 2, 3, 4]);

        // The same, but the fourth is a report of months later: one pair under DIFFERENT with
        // that evidence keeps it out.
        let c = corpus(&[A, B, A, C]);
        let pairs = vec![
            (0, 1, 0.9),
            (0, 2, 0.9),
            (1, 2, 0.9),
            (0, 3, 0.7),
            (1, 3, 0.6),
            (2, 3, 0.01),
        ];
        let groups = group(&c, &pairs, &Decisions::default());
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].articles, vec![1, 2, 3]);
    }

    #[test]
    fn the_same_place_months_apart_is_another_incident() {
        let c = corpus(&[A, C]);
        let s = c.score(0, 1);
        assert!(s.score < 0.2, "{s:?}");
    }

    #[test]
    fn groups_form_and_respect_rejections() {
        let c = corpus(&[A, B, C]);
        let pairs: Vec<(usize, usize, f64)> = [(0, 1), (0, 2), (1, 2)]
            .into_iter()
            .map(|(i, j)| (i, j, c.score(i, j).score))
            .collect();
        let groups = group(&c, &pairs, &Decisions::default());
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].articles, vec![1, 2]);
        assert_eq!(groups[0].proposal.place.as_deref(), Some("Qasr al-Nahr"));
        assert_eq!(groups[0].proposal.date.as_deref(), Some("2025-03-14"));

        let decisions = Decisions {
            rejected: [(1, 2)].into_iter().collect(),
            ..Decisions::default()
        };
        assert!(group(&c, &pairs, &decisions).is_empty());
    }

    #[test]
    fn an_article_joins_the_incident_its_partner_is_in() {
        let c = corpus(&[A, B]);
        let pairs = vec![(0, 1, c.score(0, 1).score)];
        let decisions = Decisions {
            membership: [(1, vec![7])].into_iter().collect(),
            ..Decisions::default()
        };
        let groups = group(&c, &pairs, &decisions);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].articles, vec![1, 2]);
        let both_in = Decisions {
            membership: [(1, vec![7]), (2, vec![7])].into_iter().collect(),
            ..Decisions::default()
        };
        assert!(group(&c, &pairs, &both_in).is_empty());
    }
}
