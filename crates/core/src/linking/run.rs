//! One linking run over a library: the articles not linked yet are analysed, paired with their
//! candidates among themselves and the linked library, and the suggestions about them refreshed.
//!
//! Incremental and bounded: an article's signature, features and index keys are computed once
//! and stored. A new article finds its candidates by looking up its own keys in the index (its
//! near-copy band keys; its places, rarest words and names within a window of days) and is
//! scored against at most [`MAX_CANDIDATES`] of them, so linking N new articles against a
//! library of M costs about N times a constant, whatever M. Articles are taken in rounds of
//! [`ROUND`], each stored in one transaction, so memory stays bounded however many wait.
//! Grouping then looks again only at the articles the new pairs touch, and the suggestions about
//! them.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use super::copies::{self, NearCopy, PERMUTATIONS};
use super::features::{self, Features, Weights};
use super::incidents::{self, Corpus, Decisions, KEEP, LIKELY};
use crate::analysis::similarity::{NEAR_COPY_THRESHOLD, jaccard, shingles};
use crate::analysis::{Gazetteer, Lexicon};
use crate::error::Result;
use crate::jobs::Progress;
use crate::library::{Library, LinkPair, LinkState, LinkText, NewSuggestion, SuggestionsUpdate};
use crate::model::Id;

/// Pair and suggestion kinds, as stored.
pub const EXACT_COPY: &str = "exact_copy";
pub const NEAR_COPY: &str = "near_copy";
pub const SAME_INCIDENT: &str = "same_incident";

/// Articles analysed and paired together; each round is stored before the next is read. Small
/// rounds keep a run's memory low and cost no time: on the 20,000-article bench corpus, rounds of
/// 5,000 peaked at 248 MB and rounds of 50,000 (one round) at 330 MB, the first a little faster.
const ROUND: usize = 5_000;
/// Articles read from the library at a time within a round.
const CHUNK: usize = 2_000;
/// Articles further apart in time than this are not candidates for one incident.
const WINDOW_DAYS: i64 = 45;
/// A place, word or name more articles than this share (within the window) is too common to
/// make candidates: in a library of a million, a word of one article in two thousand. The bound
/// also bounds what one lookup reads.
const MAX_POSTING: usize = 500;
/// Words per article it is indexed under: its highest weighed.
const KEY_TERMS: usize = 15;
/// Names per article it is indexed under: the rarest it names most.
const KEY_NAMES: usize = 8;
/// Same-incident candidates scored per article: those sharing the most weight of keys.
pub const MAX_CANDIDATES: usize = 40;
/// Near-copy candidates per article: articles sharing a band key, the earliest first.
const MAX_COPY_CANDIDATES: usize = 32;
/// Exact copies an article is paired with: the earliest of its family (so a family of up to
/// four is paired in full, and a flood of copies in at most three pairs per copy).
const COPY_PARTNERS: usize = 3;
/// Articles grouped together at most: those likely pairs reach from one article.
const MAX_COMPONENT: usize = 5_000;
/// Index keys kept apart from the main index, at most, before they are moved into it in bulk
/// (about 60,000 articles' worth): a run's own keys are written where they cost a page each.
const RECENT_KEYS: usize = 4_000_000;
/// Linked articles whose suggestions are refreshed in one transaction.
const GROUPING_BATCH: usize = 10_000;

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

/// What a linking run found about the articles it linked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LinkReport {
    /// Articles linked in this run.
    pub new_articles: usize,
    /// Copy pairs with at least one of them.
    pub exact_copies: Vec<[Id; 2]>,
    pub near_copies: Vec<NearCopy>,
    /// Groups with at least one of them, waiting for the analyst.
    pub incident_suggestions: Vec<IncidentSuggestion>,
    /// How the suggestion queue changed.
    pub suggestions: SuggestionsUpdate,
    /// Of the articles linked, how many were compared with only some of their candidates (a
    /// place, word or band shared by too many articles, or more candidates than are scored).
    pub capped: usize,
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

/// What an index key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Band,
    Place,
    Word,
    Name,
}

/// An index key: a 64-bit hash of what it stands for, apart for each kind.
fn key(kind: Kind, value: &[u8]) -> i64 {
    let seed = match kind {
        Kind::Band => 1,
        Kind::Place => 2,
        Kind::Word => 3,
        Kind::Name => 4,
    };
    xxhash_rust::xxh3::xxh3_64_with_seed(value, seed) as i64
}

/// A name's key in the library's document frequencies, apart from the words'.
fn name_df_key(k: u32) -> i64 {
    (1_i64 << 32) | i64::from(k)
}

/// An article being linked in this round.
struct Fresh {
    id: Id,
    hash: String,
    signature: [u32; PERMUTATIONS],
    features: Features,
    day: i64,
    keys: Vec<(Kind, i64)>,
}

/// Where a candidate is: in this round (its index) or in the linked library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Other {
    Round(u32),
    Stored(Id),
}

/// What one round found.
#[derive(Default)]
struct Round {
    exact: Vec<[Id; 2]>,
    near: Vec<NearCopy>,
    /// Articles linked.
    linked: usize,
    capped: usize,
}

fn signature_bytes(sig: &[u32; PERMUTATIONS]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn signature_from_bytes(bytes: &[u8]) -> Option<[u32; PERMUTATIONS]> {
    if bytes.len() != PERMUTATIONS * 4 {
        return None;
    }
    let mut sig = [0u32; PERMUTATIONS];
    for (slot, c) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
        *slot = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

/// Links the library: articles not linked yet are paired with their candidates, and the
/// suggestions about them refreshed. Each round of articles is stored whole or not at all;
/// cancelling keeps the rounds already stored, and the next run goes on from there.
pub fn link_library(
    library: &mut Library,
    options: &LinkOptions,
    progress: &Progress,
) -> Result<LinkReport> {
    // Linking reads each new article once and writes its keys in order: a small page cache
    // serves it as well as the default's 64 MiB.
    library.set_page_cache(LINK_PAGE_CACHE_KIB)?;
    let linked = link_with(library, options, progress);
    library.set_page_cache(crate::library::PAGE_CACHE_KIB)?;
    linked
}

/// The page cache a linking run keeps, in KiB.
const LINK_PAGE_CACHE_KIB: i64 = 16_384;

fn link_with(
    library: &mut Library,
    options: &LinkOptions,
    progress: &Progress,
) -> Result<LinkReport> {
    let mut report = LinkReport::default();
    if options.rebuild {
        library.clear_link_state()?;
    }
    progress.set_stage("Reading new articles");
    let pending = library.articles_to_link(features::VERSION)?;
    progress.set_total(pending.len() as u64 + 1);

    // The library's own gazetteer and lexicon: the shipped ones with what its analysts added
    // (and, in a library made from the sample, the sample's invented world).
    let gazetteer = library.gazetteer()?;
    let lexicon = library.lexicon()?;

    // The keys of this run's earlier rounds, kept in memory while they are few enough: a run
    // over a library with nothing linked before it then reads no key back from the index.
    let mut earlier: Option<Earlier> =
        (library.linked_count(features::VERSION)? == 0).then(|| Earlier(Vec::new()));
    let rounds = pending.len().div_ceil(ROUND);
    for (n, ids) in pending.chunks(ROUND).enumerate() {
        // No round follows the last to read its keys.
        let keep_keys = n + 1 < rounds;
        match link_round(
            library,
            ids,
            &gazetteer,
            &lexicon,
            progress,
            &mut earlier,
            keep_keys,
        )? {
            Some(round) => {
                report.new_articles += round.linked;
                report.exact_copies.extend(round.exact);
                report.near_copies.extend(round.near);
                report.capped += round.capped;
            }
            None => {
                report.cancelled = true;
                break;
            }
        }
    }
    report.exact_copies.sort_unstable();
    report.near_copies.sort_by_key(|n| (n.a, n.b));

    // The suggestions about every article linked and not grouped yet: this run's, and a killed
    // run's. Even a cancelled run groups the rounds it stored.
    progress.set_stage("Grouping reports of the same incident");
    let linked: Vec<Id> = library.ungrouped_articles()?;
    let decisions = Decisions {
        membership: library.incident_membership()?,
        rejected: library.rejected_pairs()?,
    };
    let mut update = SuggestionsUpdate::default();
    let mut add = |u: SuggestionsUpdate| {
        update.added += u.added;
        update.kept += u.kept;
        update.dropped += u.dropped;
        update.already_decided += u.already_decided;
    };
    // Taken in batches, so that a rebuild of a large library holds one batch at a time.
    let mut grouped: HashSet<Id> = HashSet::new();
    for batch in linked.chunks(GROUPING_BATCH) {
        let scope: HashSet<Id> = batch.iter().copied().collect();
        let copies = copy_suggestions(library, batch, &decisions)?;
        add(library.refresh_suggestions(&[EXACT_COPY, NEAR_COPY], &copies, Some(&scope))?);

        // Each article's incident: the articles likely pairs reach from it, grouped once.
        let mut groups_made = Vec::new();
        let mut scope = scope;
        for id in batch {
            if grouped.contains(id) {
                continue;
            }
            let component = reach(library, *id)?;
            grouped.extend(component.iter().copied());
            scope.extend(component.iter().copied());
            if component.len() >= 2 {
                groups_made.extend(group_component(library, &component, &decisions)?);
            }
        }
        let mut suggestions = Vec::with_capacity(groups_made.len());
        for g in groups_made {
            report.incident_suggestions.push(IncidentSuggestion {
                articles: g.articles.clone(),
                score: g.score,
                evidence: g.evidence.clone(),
            });
            suggestions.push(NewSuggestion {
                kind: SAME_INCIDENT.into(),
                articles: g.articles,
                score: g.score,
                evidence: g.evidence,
                proposal: Some(g.proposal),
            });
        }
        add(library.refresh_suggestions(&[SAME_INCIDENT], &suggestions, Some(&scope))?);
        library.mark_grouped(batch)?;
    }
    report.suggestions = update;
    library.settle_link_keys(RECENT_KEYS)?;
    if report.new_articles > 0 {
        library.record_link_run(report.new_articles, report.capped)?;
    }
    progress.advance(1);
    Ok(report)
}

fn exact_evidence() -> Vec<String> {
    vec!["the same text once case, spacing and punctuation are set aside".into()]
}

fn near_evidence(similarity: f64) -> Vec<String> {
    vec![format!(
        "{:.0}% of their three-word sequences are shared (Jaccard {similarity:.2})",
        similarity * 100.0
    )]
}

fn copy_suggestion(kind: &str, a: Id, b: Id, score: f64, evidence: Vec<String>) -> NewSuggestion {
    NewSuggestion {
        kind: kind.into(),
        articles: vec![a.min(b), a.max(b)],
        score,
        evidence,
        proposal: None,
    }
}

/// The articles likely pairs reach from `start` (itself included), at most [`MAX_COMPONENT`]:
/// the reports grouping must look at together.
fn reach(library: &Library, start: Id) -> Result<Vec<Id>> {
    let mut seen: HashSet<Id> = HashSet::from([start]);
    let mut queue = vec![start];
    while let Some(id) = queue.pop() {
        for (other, _) in library.link_partners(id, SAME_INCIDENT, LIKELY)? {
            if seen.len() >= MAX_COMPONENT {
                break;
            }
            if seen.insert(other) {
                queue.push(other);
            }
        }
    }
    let mut out: Vec<Id> = seen.into_iter().collect();
    out.sort_unstable();
    Ok(out)
}

/// The groups of one component's reports, from their stored pairs.
fn group_component(
    library: &Library,
    component: &[Id],
    decisions: &Decisions,
) -> Result<Vec<incidents::Group>> {
    let corpus = stored_corpus(library, component)?;
    let index: HashMap<Id, usize> = corpus
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for (i, id) in corpus.ids.iter().enumerate() {
        for (other, score) in library.link_partners(*id, SAME_INCIDENT, KEEP)? {
            if let Some(&j) = index.get(&other).filter(|&&j| j > i) {
                pairs.push((i, j, score));
            }
        }
    }
    Ok(incidents::group(&corpus, &pairs, decisions))
}

/// One copy suggestion per article with copies: with the earliest of its exact copies, or else
/// its most alike near copy. Every pair stays stored (the Copy families tab shows them all); the
/// queue asks about each copy once, not about every pair of a flood.
fn copy_suggestions(
    library: &Library,
    articles: &[Id],
    decisions: &Decisions,
) -> Result<Vec<NewSuggestion>> {
    let mut out = Vec::new();
    let mut made: HashSet<(Id, Id)> = HashSet::new();
    for id in articles {
        let open = |other: &Id| {
            let pair = (*id.min(other), *id.max(other));
            !decisions.rejected.contains(&pair)
        };
        let exact = library
            .link_partners(*id, EXACT_COPY, 0.0)?
            .into_iter()
            .filter(|(other, _)| open(other))
            .min_by_key(|(other, _)| *other);
        let best = match exact {
            Some((other, _)) => Some((EXACT_COPY, other, 1.0, exact_evidence())),
            None => library
                .link_partners(*id, NEAR_COPY, 0.0)?
                .into_iter()
                .filter(|(other, _)| open(other))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(other, score)| (NEAR_COPY, other, score, near_evidence(score))),
        };
        if let Some((kind, other, score, evidence)) = best
            && made.insert((*id.min(&other), *id.max(&other)))
        {
            out.push(copy_suggestion(kind, *id, other, score, evidence));
        }
    }
    Ok(out)
}

/// A corpus of linked articles, read from the library (those without state are left out).
fn stored_corpus(library: &Library, ids: &[Id]) -> Result<Corpus> {
    let (ids, features): (Vec<Id>, Vec<Features>) = library
        .link_state_of(features::VERSION, ids)?
        .into_iter()
        .filter_map(|(id, _, bytes)| Some((id, Features::from_bytes(&bytes)?)))
        .unzip();
    Ok(Corpus::weighed(ids, features))
}

/// Analyses one article.
fn analyse(t: &LinkText, gazetteer: &Gazetteer, lexicon: &Lexicon) -> Fresh {
    let signature = copies::signature(&shingles(&t.body));
    let mut features = features::extract(
        &t.title,
        &t.body,
        t.published.as_deref(),
        gazetteer,
        lexicon,
    );
    features.date_stated = t.date_stated;
    let day = features.day().unwrap_or(0);
    Fresh {
        id: t.id,
        hash: t.text_hash.clone(),
        signature,
        features,
        day,
        keys: Vec::new(),
    }
}

/// The keys an article is indexed under: its band keys, places, highest weighed words and
/// rarest names.
fn index_keys(f: &Fresh) -> Vec<(Kind, i64)> {
    let mut keys: Vec<(Kind, i64)> = copies::band_keys(&f.signature)
        .iter()
        .map(|b| (Kind::Band, key(Kind::Band, &b.to_le_bytes())))
        .collect();
    let features = &f.features;
    keys.extend(
        features
            .places
            .iter()
            .map(|p| (Kind::Place, key(Kind::Place, p.as_bytes()))),
    );
    let mut words: Vec<&(u32, f32)> = features.vector.iter().collect();
    words.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    keys.extend(
        words
            .iter()
            .take(KEY_TERMS)
            .map(|(t, _)| (Kind::Word, key(Kind::Word, &t.to_le_bytes()))),
    );
    // Names weighed as words are: rare in the library and named often in the article (a name
    // named once and nowhere else finds nothing).
    let mut names: Vec<(&String, f32)> = features
        .names
        .iter()
        .zip(&features.name_weights)
        .map(|((n, count), w)| (n, w * (1.0 + (*count as f32).ln())))
        .collect();
    names.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    keys.extend(
        names
            .iter()
            .take(KEY_NAMES)
            .map(|(n, _)| (Kind::Name, key(Kind::Name, n.as_bytes()))),
    );
    keys.sort_unstable_by_key(|(_, k)| *k);
    keys.dedup_by_key(|(_, k)| *k);
    keys
}

/// The days a candidate for one incident may have, around an article's own; every day for an
/// undated article.
fn window(day: i64) -> (i64, i64) {
    if day == 0 {
        (1, i64::MAX)
    } else {
        (day - WINDOW_DAYS, day + WINDOW_DAYS)
    }
}

/// The round's own postings: every (key, day, article index in the round), sorted, so that a
/// key's articles are one run ordered by day, undated (day 0) first. Band keys are entered with
/// day 0, so their runs are in article order. One flat vector: a round's million keys, most of
/// them held by one article, cost no allocation each.
struct Postings {
    all: Vec<Posting>,
    /// Where each key's run lies in `all`: a look-up per key and article, instead of two binary
    /// searches of the whole round's keys (which took a sixth of a 20,000-article run).
    runs: foldhash::HashMap<i64, (u32, u32)>,
}

/// (key, day, article index in the round).
type Posting = (i64, i64, u32);

impl Postings {
    fn of(fresh: &[Fresh]) -> Postings {
        let mut all: Vec<Posting> = fresh
            .iter()
            .enumerate()
            .flat_map(|(i, f)| {
                f.keys.iter().map(move |(kind, k)| {
                    let day = if *kind == Kind::Band { 0 } else { f.day };
                    (*k, day, i as u32)
                })
            })
            .collect();
        all.par_sort_unstable();
        let mut runs = foldhash::HashMap::default();
        let mut from = 0;
        for to in 1..=all.len() {
            if to == all.len() || all[to].0 != all[from].0 {
                // A round holds far fewer than 2^32 keys (ROUND articles' worth).
                runs.insert(all[from].0, (from as u32, to as u32));
                from = to;
            }
        }
        Postings { all, runs }
    }

    /// A key's run.
    fn run(&self, key: i64) -> &[Posting] {
        match self.runs.get(&key) {
            Some(&(from, to)) => &self.all[from as usize..to as usize],
            None => &[],
        }
    }

    /// A key's articles: the undated ones and those within `days`.
    fn within(&self, key: i64, days: (i64, i64)) -> (&[Posting], &[Posting]) {
        let list = self.run(key);
        let undated = list.partition_point(|(_, d, _)| *d == 0);
        let from = list.partition_point(|(_, d, _)| *d < days.0.max(1));
        let to = list.partition_point(|(_, d, _)| *d <= days.1);
        (&list[..undated], &list[from.max(undated)..to.max(from)])
    }

    /// A band key's articles, earliest first (index order), at most `limit`.
    fn earliest(&self, key: i64, limit: usize) -> impl Iterator<Item = u32> + '_ {
        self.run(key).iter().take(limit).map(|(_, _, i)| *i)
    }
}

/// Analyses, pairs, scores and stores one round of articles; `None` when cancelled before it
/// was stored.
fn link_round(
    library: &mut Library,
    ids: &[Id],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    progress: &Progress,
    earlier: &mut Option<Earlier>,
    keep_keys: bool,
) -> Result<Option<Round>> {
    progress.set_stage("Analysing new articles");
    let mut fresh: Vec<Fresh> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        if progress.is_cancelled() {
            return Ok(None);
        }
        let texts = library.link_texts(chunk)?;
        fresh.par_extend(texts.par_iter().map(|t| {
            let f = analyse(t, gazetteer, lexicon);
            progress.advance(1);
            f
        }));
    }
    if progress.is_cancelled() {
        return Ok(None);
    }

    // Words and names weighed against the library and this round.
    progress.set_stage("Weighing words against the library");
    let stored = library.linked_count(features::VERSION)?;
    let features_only: Vec<&Features> = fresh.iter().map(|f| &f.features).collect();
    let mut round_df = Weights::default();
    for f in &features_only {
        round_df.count(f);
    }
    let mut weights = round_df.clone();
    weights.articles = stored + fresh.len();
    if stored > 0 {
        let mut terms: Vec<i64> = round_df.term_df.keys().map(|t| i64::from(*t)).collect();
        terms.extend(round_df.name_df.keys().map(|n| name_df_key(*n)));
        for (term, df) in library.link_term_df(&terms)? {
            if term >> 32 == 1 {
                *weights.name_df.entry(term as u32).or_default() += df;
            } else {
                *weights.term_df.entry(term as u32).or_default() += df;
            }
        }
    }
    fresh.par_iter_mut().for_each(|f| {
        weights.weigh(&mut f.features);
        f.keys = index_keys(f);
    });

    // Candidates: exact copies by hash, near copies by band key, one incident by shared keys.
    progress.set_stage("Finding candidates");
    let postings = Postings::of(&fresh);
    let stored_postings = match earlier.as_ref() {
        Some(earlier) => earlier.postings(&fresh),
        None => stored_postings(library, &fresh)?,
    };
    let exact = exact_pairs(library, &fresh, stored > 0)?;
    let total = weights.articles.max(1) as f64;
    let found: Vec<(Vec<Other>, Vec<Other>, bool)> = fresh
        .par_iter()
        .enumerate()
        .map(|(i, f)| candidates(i as u32, f, &postings, &stored_postings, total))
        .collect();
    if progress.is_cancelled() {
        return Ok(None);
    }
    drop(postings);
    drop(stored_postings);
    let capped = found.iter().filter(|(_, _, c)| *c).count();

    // The linked articles among the candidates, read once.
    let mut wanted: Vec<Id> = found
        .iter()
        .flat_map(|(near, incident, _)| near.iter().chain(incident))
        .filter_map(|o| match o {
            Other::Stored(id) => Some(*id),
            Other::Round(_) => None,
        })
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut signatures: HashMap<Id, [u32; PERMUTATIONS]> = HashMap::new();
    let mut stored_ids = Vec::new();
    let mut stored_features = Vec::new();
    for (id, sig, bytes) in library.link_state_of(features::VERSION, &wanted)? {
        let (Some(sig), Some(features)) =
            (signature_from_bytes(&sig), Features::from_bytes(&bytes))
        else {
            continue;
        };
        signatures.insert(id, sig);
        stored_ids.push(id);
        stored_features.push(features);
    }

    // Near copies: candidates whose signatures agree enough, confirmed on their shingles.
    progress.set_stage("Confirming near copies");
    let hashes: HashSet<(Id, Id)> = exact.iter().map(|[a, b]| (*a, *b)).collect();
    let least_agreeing = (PERMUTATIONS as f64 * (NEAR_COPY_THRESHOLD - 0.15)) as usize;
    let mut near_candidates: Vec<(Id, Id)> = Vec::new();
    for (i, (near, _, _)) in found.iter().enumerate() {
        let f = &fresh[i];
        for other in near {
            let (id, sig) = match other {
                Other::Round(j) => (fresh[*j as usize].id, &fresh[*j as usize].signature),
                Other::Stored(id) => match signatures.get(id) {
                    Some(sig) => (*id, sig),
                    None => continue,
                },
            };
            let pair = (f.id.min(id), f.id.max(id));
            let agreeing = f.signature.iter().zip(sig).filter(|(x, y)| x == y).count();
            let same_text = match other {
                Other::Round(j) => fresh[*j as usize].hash == f.hash,
                Other::Stored(_) => hashes.contains(&pair),
            };
            if agreeing >= least_agreeing && !same_text {
                near_candidates.push(pair);
            }
        }
    }
    near_candidates.sort_unstable();
    near_candidates.dedup();
    let mut need: Vec<Id> = near_candidates.iter().flat_map(|(a, b)| [*a, *b]).collect();
    need.sort_unstable();
    need.dedup();
    let bodies = library.bodies(&need)?;
    let shingled: HashMap<Id, Vec<u64>> = bodies
        .par_iter()
        .map(|(id, body)| (*id, shingles(body)))
        .collect();
    drop(bodies);
    let near: Vec<NearCopy> = near_candidates
        .par_iter()
        .filter_map(|(a, b)| {
            let similarity = jaccard(shingled.get(a)?, shingled.get(b)?);
            (similarity >= NEAR_COPY_THRESHOLD).then_some(NearCopy {
                a: *a,
                b: *b,
                similarity,
            })
        })
        .collect();
    drop(shingled);

    // Same incident: every article with its candidates, scored.
    progress.set_stage("Scoring reports of the same incident");
    let round_size = fresh.len();
    let mut states = Vec::with_capacity(round_size);
    let mut ids_all = Vec::with_capacity(round_size + stored_ids.len());
    let mut features_all = Vec::with_capacity(round_size + stored_ids.len());
    for f in fresh {
        states.push(LinkState {
            id: f.id,
            day: f.day,
            signature: signature_bytes(&f.signature),
            // Encoded at saving, as the corpus lets go of each article's features.
            features: Vec::new(),
            keys: f.keys.iter().map(|(_, k)| *k).collect(),
        });
        ids_all.push(f.id);
        features_all.push(f.features);
    }
    let stored_index: HashMap<Id, usize> = stored_ids
        .iter()
        .enumerate()
        .map(|(k, id)| (*id, round_size + k))
        .collect();
    ids_all.extend(stored_ids);
    features_all.extend(stored_features);
    let corpus = Corpus::weighed(ids_all, features_all);
    let mut pairs: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .flat_map(|(i, (_, incident, _))| {
            let stored_index = &stored_index;
            incident.iter().filter_map(move |o| {
                let j = match o {
                    Other::Round(j) => *j as usize,
                    Other::Stored(id) => *stored_index.get(id)?,
                };
                Some((i.min(j), i.max(j)))
            })
        })
        .collect();
    drop(found);
    pairs.sort_unstable();
    pairs.dedup();
    let scored: Vec<LinkPair> = pairs
        .par_iter()
        .filter_map(|&(i, j)| {
            if corpus.value(i, j) < KEEP {
                return None;
            }
            let s = corpus.score(i, j);
            Some(LinkPair {
                a: corpus.ids[i].min(corpus.ids[j]),
                b: corpus.ids[i].max(corpus.ids[j]),
                kind: SAME_INCIDENT.into(),
                score: s.score,
                evidence: s.evidence,
            })
        })
        .collect();
    if progress.is_cancelled() {
        return Ok(None);
    }

    progress.set_stage("Saving");
    drop(pairs);
    for (state, features) in states.iter_mut().zip(corpus.into_features()) {
        state.features = features.to_bytes();
    }
    let mut all_pairs: Vec<LinkPair> = exact
        .iter()
        .map(|[a, b]| LinkPair {
            a: *a,
            b: *b,
            kind: EXACT_COPY.into(),
            score: 1.0,
            evidence: exact_evidence(),
        })
        .collect();
    all_pairs.extend(near.iter().map(|n| LinkPair {
        a: n.a,
        b: n.b,
        kind: NEAR_COPY.into(),
        score: n.similarity,
        evidence: near_evidence(n.similarity),
    }));
    all_pairs.extend(scored);
    let mut df: Vec<(i64, u32)> = round_df
        .term_df
        .iter()
        .map(|(t, n)| (i64::from(*t), *n))
        .collect();
    df.extend(round_df.name_df.iter().map(|(k, n)| (name_df_key(*k), *n)));
    df.sort_unstable();
    library.store_link_round(features::VERSION, &states, &df, &all_pairs)?;
    if let Some(kept) = earlier.as_mut().filter(|_| keep_keys) {
        if kept.0.len() + states.iter().map(|s| s.keys.len()).sum::<usize>() > EARLIER_KEYS {
            *earlier = None;
        } else {
            kept.add(&states);
        }
    }
    Ok(Some(Round {
        exact,
        near,
        linked: states.len(),
        capped,
    }))
}

/// Keys of a run's earlier rounds kept in memory, at most (about 150,000 articles' worth,
/// 110 MB); past that, later rounds read them back from the index.
const EARLIER_KEYS: usize = 10_000_000;

/// The keys of a run's earlier rounds, sorted: (key, day, article).
struct Earlier(Vec<(i64, i64, Id)>);

impl Earlier {
    fn add(&mut self, states: &[LinkState]) {
        let mut new: Vec<(i64, i64, Id)> = states
            .iter()
            .flat_map(|s| s.keys.iter().map(move |k| (*k, s.day, s.id)))
            .collect();
        // The new keys sorted on their own and merged in, where sorting the whole vector again
        // each round grew with the library.
        new.par_sort_unstable();
        merge_sorted(&mut self.0, &new);
    }

    /// The postings of the round's keys among the earlier rounds' articles, as
    /// [`stored_postings`] reads them from the index.
    fn postings(&self, fresh: &[Fresh]) -> StoredPostings {
        let mut out = StoredPostings::default();
        for (k, (kind, lo, hi)) in key_spans(fresh) {
            let from = self.0.partition_point(|(key, _, _)| *key < k);
            let to = from + self.0[from..].partition_point(|(key, _, _)| *key == k);
            let list = self.0[from..to]
                .iter()
                .filter(|(_, day, _)| *day == 0 || (lo..=hi).contains(day))
                .map(|(_, day, id)| (*id, *day));
            let entry = if kind == Kind::Band {
                Some(list.take(MAX_COPY_CANDIDATES).collect())
            } else {
                let list: Vec<(Id, i64)> = list.take(MAX_POSTING + 1).collect();
                (list.len() <= MAX_POSTING).then_some(list)
            };
            out.insert(k, entry);
        }
        out
    }
}

/// Merges `new` (sorted) into `into` (sorted) in place, from the back: one pass, and no more
/// memory than `new` takes.
fn merge_sorted<T: Copy + Ord + Default>(into: &mut Vec<T>, new: &[T]) {
    let (mut i, mut j) = (into.len(), new.len());
    into.resize(i + j, T::default());
    let mut k = into.len();
    while j > 0 {
        k -= 1;
        if i > 0 && into[i - 1] > new[j - 1] {
            into[k] = into[i - 1];
            i -= 1;
        } else {
            into[k] = new[j - 1];
            j -= 1;
        }
    }
}

/// The linked library's postings of the round's keys, read once per key over the days any
/// article of the round could want: key → (article, day), or `None` where too many articles
/// share it.
type StoredPostings = foldhash::HashMap<i64, Option<Vec<(Id, i64)>>>;

/// The round's keys, each with its kind and the span of days its articles' windows cover, in key
/// order.
fn key_spans(fresh: &[Fresh]) -> Vec<(i64, (Kind, i64, i64))> {
    let mut spans: foldhash::HashMap<i64, (Kind, i64, i64)> =
        foldhash::HashMap::with_capacity_and_hasher(
            fresh.iter().map(|f| f.keys.len()).sum(),
            Default::default(),
        );
    for f in fresh {
        let (lo, hi) = window(f.day);
        for (kind, k) in &f.keys {
            let (lo, hi) = if *kind == Kind::Band {
                (1, i64::MAX)
            } else {
                (lo, hi)
            };
            let span = spans.entry(*k).or_insert((*kind, lo, hi));
            span.1 = span.1.min(lo);
            span.2 = span.2.max(hi);
        }
    }
    let mut keys: Vec<(i64, (Kind, i64, i64))> = spans.into_iter().collect();
    keys.sort_unstable_by_key(|(k, _)| *k);
    keys
}

fn stored_postings(library: &Library, fresh: &[Fresh]) -> Result<StoredPostings> {
    let keys = key_spans(fresh);
    let mut out = StoredPostings::with_capacity_and_hasher(keys.len(), Default::default());
    for (k, (kind, lo, hi)) in keys {
        let limit = if kind == Kind::Band {
            MAX_COPY_CANDIDATES
        } else {
            MAX_POSTING + 1
        };
        let list = library.link_posting(k, (lo, hi), limit)?;
        let too_many = kind != Kind::Band && list.len() > MAX_POSTING;
        out.insert(k, (!too_many).then_some(list));
    }
    Ok(out)
}

/// Exact copies with at least one article of the round: each paired with the earliest
/// [`COPY_PARTNERS`] of its family.
fn exact_pairs(library: &Library, fresh: &[Fresh], look_up: bool) -> Result<Vec<[Id; 2]>> {
    let mut families: HashMap<&str, Vec<Id>> = HashMap::new();
    for f in fresh {
        families.entry(f.hash.as_str()).or_default().push(f.id);
    }
    let mut out = Vec::new();
    for (hash, members) in families {
        let mut family: Vec<Id> = if look_up {
            library.linked_with_hash(hash, COPY_PARTNERS)?
        } else {
            Vec::new()
        };
        family.extend(members.iter().copied());
        family.sort_unstable();
        family.dedup();
        for (p, id) in family.iter().enumerate() {
            if members.contains(id) {
                for earlier in &family[..p.min(COPY_PARTNERS)] {
                    out.push([*earlier.min(id), *earlier.max(id)]);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// One article's candidates: (near copies, one incident, whether some were left out).
fn candidates(
    i: u32,
    f: &Fresh,
    postings: &Postings,
    stored: &StoredPostings,
    articles: f64,
) -> (Vec<Other>, Vec<Other>, bool) {
    let mut capped = false;
    // Near copies: the earliest articles sharing a band key, those sharing most bands first.
    let mut bands: foldhash::HashMap<Other, u32> =
        foldhash::HashMap::with_capacity_and_hasher(64, Default::default());
    // One incident: shared keys, their weight and whether a place is among them.
    let mut shared: foldhash::HashMap<Other, (u32, f32, bool)> =
        foldhash::HashMap::with_capacity_and_hasher(256, Default::default());
    let (lo, hi) = window(f.day);
    for (kind, k) in &f.keys {
        if *kind == Kind::Band {
            let round: Vec<u32> = postings.earliest(*k, MAX_COPY_CANDIDATES + 1).collect();
            capped |= round.len() > MAX_COPY_CANDIDATES;
            let from_library = stored.get(k).and_then(Option::as_ref);
            for other in round
                .into_iter()
                .filter(|&j| j != i)
                .map(Other::Round)
                .chain(
                    from_library
                        .into_iter()
                        .flatten()
                        .map(|(id, _)| Other::Stored(*id)),
                )
            {
                *bands.entry(other).or_default() += 1;
            }
            continue;
        }
        let (undated, dated) = postings.within(*k, (lo, hi));
        let from_library = match stored.get(k) {
            Some(None) => {
                capped = true;
                continue;
            }
            Some(Some(list)) => list.as_slice(),
            None => &[],
        };
        let in_window = |d: i64| d == 0 || (lo..=hi).contains(&d);
        let count = undated.len()
            + dated.len()
            + from_library.iter().filter(|(_, d)| in_window(*d)).count();
        if count > MAX_POSTING {
            capped = true;
            continue;
        }
        let weight = (articles / count.max(1) as f64).ln().max(0.1) as f32;
        let is_place = *kind == Kind::Place;
        for other in undated
            .iter()
            .chain(dated)
            .map(|(_, _, j)| *j)
            .filter(|&j| j != i)
            .map(Other::Round)
            .chain(
                from_library
                    .iter()
                    .filter(|(_, d)| in_window(*d))
                    .map(|(id, _)| Other::Stored(*id)),
            )
        {
            let entry = shared.entry(other).or_default();
            entry.0 += 1;
            entry.1 += weight;
            entry.2 |= is_place;
        }
    }
    let mut near: Vec<(Other, u32)> = bands.into_iter().collect();
    near.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    capped |= near.len() > MAX_COPY_CANDIDATES;
    near.truncate(MAX_COPY_CANDIDATES);
    let mut incident: Vec<(Other, f32)> = shared
        .into_iter()
        .filter(|(_, (count, _, place))| *count >= 2 || *place)
        .map(|(o, (_, weight, _))| (o, weight))
        .collect();
    incident.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    capped |= incident.len() > MAX_CANDIDATES;
    incident.truncate(MAX_CANDIDATES);
    (
        near.into_iter().map(|(o, _)| o).collect(),
        incident.into_iter().map(|(o, _)| o).collect(),
        capped,
    )
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
    let mut strongest: HashMap<Id, &LinkPair> = HashMap::new();
    for p in &pairs {
        for id in [p.a, p.b] {
            let best = strongest.entry(id).or_insert(p);
            if p.score > best.score {
                *best = p;
            }
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
            .map(|&id| match strongest.get(&id) {
                // The strongest pair linking this member to the family.
                Some(p) => (id, p.kind.clone(), p.score),
                None => (id, NEAR_COPY.to_string(), 0.0),
            })
            .collect();
        copies.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        families.push(CopyFamily { original, copies });
    }
    families.sort_by_key(|f| f.original);
    Ok(families)
}

#[cfg(test)]
mod tests {
    use super::merge_sorted;
    use proptest::prelude::*;

    proptest! {
        /// Merging a round's sorted keys into the earlier ones is sorting them all.
        #[test]
        fn merging_sorted_keys_is_sorting_them_all(
            mut earlier in proptest::collection::vec(any::<(i64, i64, i64)>(), 0..200),
            mut new in proptest::collection::vec(any::<(i64, i64, i64)>(), 0..200),
        ) {
            earlier.sort_unstable();
            new.sort_unstable();
            let mut all: Vec<_> = earlier.iter().chain(&new).copied().collect();
            all.sort_unstable();
            merge_sorted(&mut earlier, &new);
            prop_assert_eq!(earlier, all);
        }
    }
}
