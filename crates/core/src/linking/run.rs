//! One linking run over a library: features for articles not seen yet, their copy and
//! same-incident pairs against the whole library, and a refreshed suggestion queue.
//!
//! Incremental: an article's band keys and features are computed once and stored; a run computes
//! them only for articles without them, and scores only pairs with at least one such article.
//! Grouping and the suggestion queue are then rebuilt from the stored pairs, which is cheap.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use super::copies::{self, BANDS, NearCopy};
use super::features::{self, Features};
use super::incidents::{self, Corpus, Decisions, KEEP};
use crate::analysis::similarity::{NEAR_COPY_THRESHOLD, jaccard, shingles};
use crate::error::Result;
use crate::jobs::Progress;
use crate::library::{Library, LinkPair, NewSuggestion, SuggestionsUpdate};
use crate::model::Id;

/// Pair and suggestion kinds, as stored.
pub const EXACT_COPY: &str = "exact_copy";
pub const NEAR_COPY: &str = "near_copy";
pub const SAME_INCIDENT: &str = "same_incident";

/// How to run linking.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkOptions {
    /// Forget stored features and pairs and compute everything again.
    pub rebuild: bool,
}

/// A group of articles the engine thinks report one incident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentSuggestion {
    pub articles: Vec<Id>,
    /// 0 to 1: above 0.5 the engine thinks they report one incident; above 0.8 it is confident.
    pub score: f64,
    pub evidence: Vec<String>,
}

/// What a linking run found (over the whole library, not only the new articles).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LinkReport {
    /// Articles whose features were computed in this run.
    pub new_articles: usize,
    pub exact_copies: Vec<[Id; 2]>,
    pub near_copies: Vec<NearCopy>,
    /// Groups waiting for the analyst (groups already decided are not listed).
    pub incident_suggestions: Vec<IncidentSuggestion>,
    /// How the suggestion queue changed.
    pub suggestions: SuggestionsUpdate,
    pub cancelled: bool,
}

/// An original and its copies (exact and near), as the Suggestions view shows a family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyFamily {
    /// The earliest published member (lowest id when dates are missing or equal).
    pub original: Id,
    /// The other members: (article, "exact_copy" or "near_copy", similarity to the member it was
    /// found with).
    pub copies: Vec<(Id, String, f64)>,
}

/// An article of the run: stored or new.
struct Entry {
    id: Id,
    hash: String,
    bands: Vec<u64>,
    features: Features,
    /// Shingles, for new articles (stored ones are shingled again only when a candidate).
    shingles: Option<Vec<u64>>,
}

fn bands_to_bytes(keys: &[u64]) -> Vec<u8> {
    keys.iter().flat_map(|k| k.to_le_bytes()).collect()
}

fn bands_from_bytes(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect()
}

/// Links the library: new articles are checked against all, and the suggestion queue is
/// refreshed. Cancelling before the new pairs are saved leaves the library as it was.
pub fn link_library(
    library: &mut Library,
    options: &LinkOptions,
    progress: &Progress,
) -> Result<LinkReport> {
    let mut report = LinkReport::default();
    if options.rebuild {
        library.clear_link_state()?;
    }
    progress.set_stage("Reading new articles");
    let fresh_texts = library.articles_to_link(features::VERSION)?;
    report.new_articles = fresh_texts.len();
    progress.set_total(fresh_texts.len() as u64 + 3);

    // The library's own gazetteer and lexicon: the shipped ones with what its analysts added
    // (and, in a library made from the sample, the sample's invented world).
    let gazetteer = library.gazetteer()?;
    let lexicon = library.lexicon()?;

    progress.set_stage("Analysing new articles");
    let fresh: Vec<Option<Entry>> = fresh_texts
        .par_iter()
        .map(|t| {
            if progress.is_cancelled() {
                return None;
            }
            let shingles = shingles(&t.body);
            let bands = copies::band_keys(&copies::signature(&shingles)).to_vec();
            let features = features::extract(
                &t.title,
                &t.body,
                t.published.as_deref(),
                &gazetteer,
                &lexicon,
            );
            progress.advance(1);
            Some(Entry {
                id: t.id,
                hash: t.text_hash.clone(),
                bands,
                features,
                shingles: Some(shingles),
            })
        })
        .collect();
    drop(fresh_texts);
    if progress.is_cancelled() {
        report.cancelled = true;
        return Ok(report);
    }
    let fresh: Vec<Entry> = fresh.into_iter().flatten().collect();
    let fresh_ids: HashSet<Id> = fresh.iter().map(|e| e.id).collect();

    progress.set_stage("Reading the library's linking state");
    let mut entries: Vec<Entry> = Vec::new();
    library.for_each_link_features(features::VERSION, |id, _outlet, hash, bands, json| {
        if fresh_ids.contains(&id) {
            return;
        }
        // A row that does not parse (written by a broken build) is left out of this run.
        if let Ok(features) = serde_json::from_str::<Features>(json) {
            entries.push(Entry {
                id,
                hash: hash.to_string(),
                bands: bands_from_bytes(bands),
                features,
                shingles: None,
            });
        }
    })?;
    entries.extend(fresh);
    entries.sort_by_key(|e| e.id);
    let is_fresh: Vec<bool> = entries.iter().map(|e| fresh_ids.contains(&e.id)).collect();
    progress.advance(1);

    // Copies: exact by hash, near by shared band keys confirmed by exact Jaccard.
    progress.set_stage("Finding copies");
    let mut pairs: Vec<LinkPair> = Vec::new();
    if !fresh_ids.is_empty() {
        pairs.extend(copy_pairs(library, &mut entries, &is_fresh)?);
    }
    progress.advance(1);
    if progress.is_cancelled() {
        report.cancelled = true;
        return Ok(report);
    }

    // What is stored for the new articles: band keys and features.
    let features_rows: Vec<(Id, Vec<u8>, String)> = entries
        .iter()
        .zip(&is_fresh)
        .filter(|(_, fresh)| **fresh)
        .map(|(e, _)| {
            let json = serde_json::to_string(&e.features).unwrap_or_default();
            (e.id, bands_to_bytes(&e.bands), json)
        })
        .collect();

    // Same incident: candidates with at least one new article, scored.
    progress.set_stage("Scoring reports of the same incident");
    let ids: Vec<Id> = entries.iter().map(|e| e.id).collect();
    let corpus = Corpus::new(
        ids,
        entries.into_iter().map(|e| e.features).collect::<Vec<_>>(),
    );
    let candidates = corpus.candidates(&is_fresh);
    let scored: Vec<LinkPair> = candidates
        .par_iter()
        .filter_map(|&(i, j)| {
            let s = corpus.score(i, j);
            (s.score >= KEEP).then(|| LinkPair {
                a: corpus.ids[i],
                b: corpus.ids[j],
                kind: SAME_INCIDENT.into(),
                score: s.score,
                evidence: s.evidence,
            })
        })
        .collect();
    pairs.extend(scored);
    if progress.is_cancelled() {
        report.cancelled = true;
        return Ok(report);
    }

    progress.set_stage("Saving");
    library.store_link_results(features::VERSION, &features_rows, &pairs)?;

    // The queue, from every stored pair and the analyst's decisions.
    let decisions = Decisions {
        membership: library.incident_membership()?,
        rejected: library.rejected_pairs()?,
    };
    let index: HashMap<Id, usize> = corpus
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let incident_pairs: Vec<(usize, usize, f64)> = library
        .link_pairs(SAME_INCIDENT)?
        .into_iter()
        .filter_map(|p| Some((*index.get(&p.a)?, *index.get(&p.b)?, p.score)))
        .collect();
    let groups = incidents::group(&corpus, &incident_pairs, &decisions);
    let mut fresh_suggestions: Vec<NewSuggestion> = Vec::new();
    for kind in [EXACT_COPY, NEAR_COPY] {
        for p in library.link_pairs(kind)? {
            if decisions.rejected.contains(&(p.a, p.b)) {
                continue;
            }
            if kind == EXACT_COPY {
                report.exact_copies.push([p.a, p.b]);
            } else {
                report.near_copies.push(NearCopy {
                    a: p.a,
                    b: p.b,
                    similarity: p.score,
                });
            }
            fresh_suggestions.push(NewSuggestion {
                kind: kind.into(),
                articles: vec![p.a, p.b],
                score: p.score,
                evidence: p.evidence,
                proposal: None,
            });
        }
    }
    for g in groups {
        report.incident_suggestions.push(IncidentSuggestion {
            articles: g.articles.clone(),
            score: g.score,
            evidence: g.evidence.clone(),
        });
        fresh_suggestions.push(NewSuggestion {
            kind: SAME_INCIDENT.into(),
            articles: g.articles,
            score: g.score,
            evidence: g.evidence,
            proposal: Some(g.proposal),
        });
    }
    report.suggestions =
        library.refresh_suggestions(&[EXACT_COPY, NEAR_COPY, SAME_INCIDENT], &fresh_suggestions)?;
    progress.advance(1);
    Ok(report)
}

/// Exact and near copy pairs with at least one fresh article. Fills in the shingles of stored
/// articles that turn out to be candidates.
fn copy_pairs(
    library: &Library,
    entries: &mut [Entry],
    is_fresh: &[bool],
) -> Result<Vec<LinkPair>> {
    let mut out = Vec::new();
    // Exact: the same folded-text hash.
    let mut by_hash: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_hash.entry(e.hash.as_str()).or_default().push(i);
    }
    let mut exact: HashSet<(usize, usize)> = HashSet::new();
    for members in by_hash.values().filter(|m| m.len() > 1) {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if is_fresh[i] || is_fresh[j] {
                    exact.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    for &(i, j) in &exact {
        out.push(LinkPair {
            a: entries[i].id.min(entries[j].id),
            b: entries[i].id.max(entries[j].id),
            kind: EXACT_COPY.into(),
            score: 1.0,
            evidence: vec!["the same text once case, spacing and punctuation are set aside".into()],
        });
    }

    // Near: buckets of the fresh articles' band keys; every article sharing one is a candidate.
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate().filter(|(i, _)| is_fresh[*i]) {
        for (band, key) in e.bands.iter().enumerate().take(BANDS) {
            buckets.entry((band, *key)).or_default().push(i);
        }
    }
    let mut candidates: HashSet<(usize, usize)> = HashSet::new();
    for (j, e) in entries.iter().enumerate() {
        for (band, key) in e.bands.iter().enumerate().take(BANDS) {
            if let Some(fresh) = buckets.get(&(band, *key)) {
                for &i in fresh {
                    if i != j {
                        let pair = (i.min(j), i.max(j));
                        if !exact.contains(&pair) {
                            candidates.insert(pair);
                        }
                    }
                }
            }
        }
    }
    // Shingle the stored candidates' bodies.
    let need: Vec<Id> = candidates
        .iter()
        .flat_map(|&(i, j)| [i, j])
        .filter(|&k| entries[k].shingles.is_none())
        .map(|k| entries[k].id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let bodies = library.bodies(&need)?;
    let shingled: HashMap<Id, Vec<u64>> = bodies
        .par_iter()
        .map(|(id, body)| (*id, shingles(body)))
        .collect();
    for e in entries.iter_mut() {
        if e.shingles.is_none()
            && let Some(s) = shingled.get(&e.id)
        {
            e.shingles = Some(s.clone());
        }
    }
    let near: Vec<LinkPair> = candidates
        .into_par_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (entries[i].shingles.as_ref()?, entries[j].shingles.as_ref()?);
            let similarity = jaccard(a, b);
            (similarity >= NEAR_COPY_THRESHOLD).then(|| LinkPair {
                a: entries[i].id.min(entries[j].id),
                b: entries[i].id.max(entries[j].id),
                kind: NEAR_COPY.into(),
                score: similarity,
                evidence: vec![format!(
                    "{:.0}% of their three-word sequences are shared (Jaccard {similarity:.2})",
                    similarity * 100.0
                )],
            })
        })
        .collect();
    out.extend(near);
    Ok(out)
}

/// Families of copies in the library, from the stored copy pairs the analyst has not rejected.
pub fn copy_families(library: &Library) -> Result<Vec<CopyFamily>> {
    let rejected = library.rejected_pairs()?;
    let mut pairs: Vec<LinkPair> = library.link_pairs(EXACT_COPY)?;
    pairs.extend(library.link_pairs(NEAR_COPY)?);
    pairs.retain(|p| !rejected.contains(&(p.a, p.b)));
    // Union-find over the pairs.
    let mut parent: HashMap<Id, Id> = HashMap::new();
    fn root(parent: &mut HashMap<Id, Id>, x: Id) -> Id {
        let mut r = x;
        while let Some(&p) = parent.get(&r) {
            if p == r {
                break;
            }
            r = p;
        }
        parent.insert(x, r);
        r
    }
    for p in &pairs {
        parent.entry(p.a).or_insert(p.a);
        parent.entry(p.b).or_insert(p.b);
        let (ra, rb) = (root(&mut parent, p.a), root(&mut parent, p.b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut members: HashMap<Id, Vec<Id>> = HashMap::new();
    let ids: Vec<Id> = parent.keys().copied().collect();
    for id in ids {
        let r = root(&mut parent, id);
        members.entry(r).or_default().push(id);
    }
    let mut families = Vec::new();
    for (_, mut ids) in members {
        ids.sort_unstable();
        let rows = library.article_rows(&ids)?;
        let original = rows
            .iter()
            .min_by(|a, b| {
                (a.published.is_none(), &a.published, a.id).cmp(&(
                    b.published.is_none(),
                    &b.published,
                    b.id,
                ))
            })
            .map_or(ids[0], |r| r.id);
        let mut copies: Vec<(Id, String, f64)> = ids
            .iter()
            .filter(|&&id| id != original)
            .map(|&id| {
                // The strongest pair linking this member to the family.
                let best = pairs
                    .iter()
                    .filter(|p| p.a == id || p.b == id)
                    .max_by(|x, y| x.score.total_cmp(&y.score));
                match best {
                    Some(p) => (id, p.kind.clone(), p.score),
                    None => (id, NEAR_COPY.to_string(), 0.0),
                }
            })
            .collect();
        copies.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        families.push(CopyFamily { original, copies });
    }
    families.sort_by_key(|f| f.original);
    Ok(families)
}
