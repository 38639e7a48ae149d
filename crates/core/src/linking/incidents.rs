//! Same incident, different words: scores pairs of articles from their dates, places, casualty
//! figures, actors, names and TF-IDF similarity, then groups them by average linkage. Every score
//! comes with readable evidence.
//!
//! The score is a logistic function of those signals with weights set by hand and checked on the
//! sample library and on BASIL (see README): text similarity carries most of it, closeness in
//! time pulls reports of one event together and pushes same-theme reports months apart away,
//! shared places and equal figures add to it, different places take from it.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::features::Features;
use crate::analysis::numbers::Role;
use crate::model::{Id, IncidentFields};

/// Above this the engine thinks two reports (or a group) report one incident.
pub const LIKELY: f64 = 0.5;
/// Pairs scoring under this are not kept.
pub const KEEP: f64 = 0.2;
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

/// Articles further apart in time than this are not paired unless they share a place.
const WINDOW_DAYS: i64 = 45;
/// Keys (words, places, names) shared by more articles than this do not make candidates.
const MAX_POSTING: usize = 2_000;
/// Words per article used as candidate keys.
const KEY_TERMS: usize = 15;
/// Largest group the engine suggests.
const MAX_GROUP: usize = 60;

/// The articles being linked, with what scoring needs precomputed.
pub struct Corpus {
    pub ids: Vec<Id>,
    pub features: Vec<Features>,
    days: Vec<Option<i64>>,
    /// TF-IDF vectors over word ids, sorted by id, unit length.
    vectors: Vec<Vec<(u32, f32)>>,
    idf_of_name: HashMap<String, f64>,
    vocabulary: HashMap<String, u32>,
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

fn idf(n: usize, df: usize) -> f64 {
    ((n as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0
}

impl Corpus {
    /// Prepares a corpus: document frequencies over all of it, and each article's vector.
    pub fn new(ids: Vec<Id>, features: Vec<Features>) -> Corpus {
        let n = features.len();
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<usize> = Vec::new();
        let mut name_df: HashMap<String, usize> = HashMap::new();
        for f in &features {
            for (w, _) in &f.terms {
                let next = vocabulary.len() as u32;
                let id = *vocabulary.entry(w.clone()).or_insert(next);
                if id as usize == df.len() {
                    df.push(0);
                }
                df[id as usize] += 1;
            }
            for (w, _) in &f.names {
                *name_df.entry(w.clone()).or_default() += 1;
            }
        }
        let vectors = features
            .par_iter()
            .map(|f| {
                let mut v: Vec<(u32, f32)> = f
                    .terms
                    .iter()
                    .filter_map(|(w, tf)| {
                        let id = *vocabulary.get(w)?;
                        let weight = (1.0 + (*tf as f64).ln()) * idf(n, df[id as usize]);
                        Some((id, weight as f32))
                    })
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                v.sort_unstable_by_key(|(id, _)| *id);
                v
            })
            .collect();
        let idf_of_name = name_df.into_iter().map(|(w, d)| (w, idf(n, d))).collect();
        let days = features.iter().map(Features::day).collect();
        let located = features.par_iter().map(|f| located(&f.places)).collect();
        Corpus {
            ids,
            features,
            days,
            vectors,
            idf_of_name,
            vocabulary,
            located,
        }
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
        let (a, b) = (&self.vectors[i], &self.vectors[j]);
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

    /// Days between two articles' dates, when both have one.
    pub fn gap(&self, i: usize, j: usize) -> Option<i64> {
        Some((self.days[i]? - self.days[j]?).abs())
    }

    /// Candidate pairs `(i, j)`, `i < j`, with at least one of them in `fresh`: articles that share
    /// a place, or two of their most distinctive words and names, within the time window.
    pub fn candidates(&self, fresh: &[bool]) -> Vec<(usize, usize)> {
        let n = self.len();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for i in 0..n {
            for key in self.keys(i) {
                postings.entry(key).or_default().push(i);
            }
        }
        let mut shared: HashMap<(usize, usize), (u32, bool)> = HashMap::new();
        for (key, list) in &postings {
            if list.len() < 2 || list.len() > MAX_POSTING {
                continue;
            }
            let is_place = key.starts_with("p:");
            let mut by_day: Vec<(i64, usize)> = list
                .iter()
                .map(|&i| (self.days[i].unwrap_or(i64::MIN), i))
                .collect();
            by_day.sort_unstable();
            for (x, &(day_a, a)) in by_day.iter().enumerate() {
                for &(day_b, b) in &by_day[x + 1..] {
                    let undated = day_a == i64::MIN || day_b == i64::MIN;
                    if !undated && day_b - day_a > WINDOW_DAYS && !is_place {
                        break;
                    }
                    if !(fresh[a] || fresh[b]) {
                        continue;
                    }
                    let entry = shared.entry((a.min(b), a.max(b))).or_default();
                    entry.0 += 1;
                    entry.1 |= is_place;
                }
            }
        }
        let mut out: Vec<(usize, usize)> = shared
            .into_iter()
            .filter(|(_, (count, place))| *count >= 2 || *place)
            .map(|(pair, _)| pair)
            .collect();
        out.sort_unstable();
        out
    }

    /// The keys an article is indexed under: its places, its most distinctive words and names.
    fn keys(&self, i: usize) -> Vec<String> {
        let f = &self.features[i];
        let mut keys: Vec<String> = f.places.iter().map(|p| format!("p:{p}")).collect();
        let mut words: Vec<(u32, f32)> = self.vectors[i].clone();
        words.sort_by(|a, b| b.1.total_cmp(&a.1));
        let by_id: HashMap<u32, &str> = f
            .terms
            .iter()
            .filter_map(|(w, _)| Some((*self.vocabulary.get(w)?, w.as_str())))
            .collect();
        keys.extend(
            words
                .iter()
                .take(KEY_TERMS)
                .filter_map(|(id, _)| by_id.get(id).map(|w| format!("w:{w}"))),
        );
        let mut names: Vec<(&String, f64)> = f
            .names
            .iter()
            .map(|(w, _)| (w, self.idf_of_name.get(w).copied().unwrap_or(0.0)))
            .collect();
        names.sort_by(|a, b| b.1.total_cmp(&a.1));
        keys.extend(names.iter().take(8).map(|(w, _)| format!("n:{w}")));
        keys
    }

    /// Scores a pair, with evidence.
    pub fn score(&self, i: usize, j: usize) -> Scored {
        let (a, b) = (&self.features[i], &self.features[j]);
        let similarity = self.similarity(i, j);
        let mut evidence = Vec::new();
        let mut z = -3.4 + 8.0 * similarity;

        let shared_places: Vec<&String> =
            a.places.iter().filter(|p| b.places.contains(p)).collect();
        if !shared_places.is_empty() {
            z += 1.5;
            evidence.push(format!("both name {}", list(&shared_places, 3)));
        } else if let Some((pa, pb, km)) =
            nearest(&self.located[i], &self.located[j]).filter(|(_, _, km)| *km <= NEAR_KM)
        {
            // Two names of places a short drive apart: the same front, if not the same town.
            z += 0.6;
            evidence.push(format!(
                "{} and {}, {km:.0} km apart",
                a.places[pa], b.places[pb]
            ));
        } else if !a.places.is_empty() && !b.places.is_empty() {
            z -= 1.2;
            evidence.push(format!(
                "they name different places ({}; {})",
                list(&a.places.iter().collect::<Vec<_>>(), 2),
                list(&b.places.iter().collect::<Vec<_>>(), 2)
            ));
        }

        let (same, differ) = compare_figures(&a.figures, &b.figures);
        z += 1.0 * same.len().min(2) as f64;
        if !same.is_empty() {
            let said: Vec<String> = same
                .iter()
                .map(|(r, v)| format!("{v} {}", r.label()))
                .collect();
            evidence.push(format!("both report {}", said.join(" and ")));
        } else if !differ.is_empty() {
            z -= 0.3;
        }
        for (role, x, y) in &differ {
            evidence.push(format!("figures differ: {x} vs {y} {}", role.label()));
        }

        let shared_actors: Vec<&String> =
            a.actors.iter().filter(|g| b.actors.contains(g)).collect();
        if !shared_actors.is_empty() {
            z += 0.3;
            evidence.push(format!("both name {}", list(&shared_actors, 2)));
        }

        let (overlap, shared_names) = self.name_overlap(a, b);
        z += 2.5 * overlap;
        if !shared_names.is_empty() {
            let shown: Vec<&String> = shared_names.iter().collect();
            evidence.push(format!("both mention {}", list(&shown, 3)));
        }

        let gap = self.gap(i, j);
        z += match gap {
            None => -0.5,
            Some(0) => 1.5,
            Some(1) => 1.2,
            Some(2..=3) => 0.6,
            Some(4..=7) => -0.5,
            Some(8..=30) => -2.5,
            Some(_) => -5.0,
        };
        evidence.push(match gap {
            None => "one of them has no date".to_string(),
            Some(0) => "published the same day".to_string(),
            Some(1) => "published 1 day apart".to_string(),
            Some(d) => format!("published {d} days apart"),
        });
        evidence.push(format!("text similarity {similarity:.2}"));

        Scored {
            score: 1.0 / (1.0 + (-z).exp()),
            similarity,
            evidence,
        }
    }

    /// Share of the rarer article's name weight that the other shares (0 to 1), and the shared
    /// names as written in the evidence (most distinctive first).
    fn name_overlap(&self, a: &Features, b: &Features) -> (f64, Vec<String>) {
        let weight = |w: &String| self.idf_of_name.get(w).copied().unwrap_or(1.0);
        let total = |f: &Features| f.names.iter().map(|(w, _)| weight(w)).sum::<f64>();
        let b_names: HashSet<&String> = b.names.iter().map(|(w, _)| w).collect();
        let mut shared: Vec<(&String, f64)> = a
            .names
            .iter()
            .filter(|(w, _)| b_names.contains(w))
            .map(|(w, _)| (w, weight(w)))
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

/// Groups articles by average linkage over the likely pairs, and returns the groups that add
/// something to what the analyst has decided. `pairs` are (i, j, score) in corpus indexes.
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
    for (i, j, _) in edges {
        let (ci, cj) = (cluster_of[&i], cluster_of[&j]);
        if ci == cj {
            continue;
        }
        let (a, b) = (&clusters[&ci], &clusters[&cj]);
        if a.len() + b.len() > MAX_GROUP {
            continue;
        }
        let (a, b) = (a.clone(), b.clone());
        let mut total = 0.0;
        let mut blocked = false;
        for &x in &a {
            for &y in &b {
                let s = pair_score(x, y, &mut known);
                blocked |= rejected(x, y)
                    || matches!((incident_of(x), incident_of(y)), (Some(p), Some(q)) if p != q);
                total += s;
            }
        }
        if blocked || total / ((a.len() * b.len()) as f64) < LIKELY {
            continue;
        }
        for &y in &b {
            cluster_of.insert(y, ci);
        }
        let moved = clusters.remove(&cj).unwrap_or_default();
        clusters.entry(ci).or_default().extend(moved);
    }

    let mut out = Vec::new();
    for members in clusters.into_values() {
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
        let score = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
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
            .map(|(t, b, d)| extract(t, b, Some(d), &g, &l))
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
    fn the_same_place_months_apart_is_another_incident() {
        let c = corpus(&[A, C]);
        let s = c.score(0, 1);
        assert!(s.score < 0.2, "{s:?}");
    }

    #[test]
    fn groups_form_and_respect_rejections() {
        let c = corpus(&[A, B, C]);
        let fresh = vec![true; 3];
        let pairs: Vec<(usize, usize, f64)> = c
            .candidates(&fresh)
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
