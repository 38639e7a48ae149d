//! Exact and near copies. Exact copies share the hash of their folded body (computed at import).
//! Near copies (syndication, reposts with edits) are found with MinHash signatures over word
//! 3-shingles, LSH banding for candidates, and the exact Jaccard similarity of the candidates'
//! shingle sets to confirm — so a reported pair's similarity is exact, never an estimate.
//!
//! The MinHash core is a few lines written here rather than taken from a crate: it needs nothing
//! but a multiply-shift hash family, and owning it keeps signatures stable across versions (they
//! are meant to be stored).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::similarity::{NEAR_COPY_THRESHOLD, jaccard, shingles};
use crate::model::Id;

/// Hash functions per signature.
pub const PERMUTATIONS: usize = 128;
/// LSH bands of `ROWS` rows (126 of the 128 hash values). 42 bands of 3 rows make a pair with
/// Jaccard 0.57 (an article with a tenth of its words changed) a candidate with probability
/// 0.9998, and one with 0.5 with probability 0.996; every candidate is then confirmed exactly.
pub const BANDS: usize = 42;
const ROWS: usize = 3;

/// A near-copy pair: `a` is the earlier article id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearCopy {
    pub a: Id,
    pub b: Id,
    /// Exact Jaccard similarity of the two articles' word 3-shingles.
    pub similarity: f64,
}

/// What copy detection found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Copies {
    pub exact_copies: Vec<[Id; 2]>,
    pub near_copies: Vec<NearCopy>,
}

/// The fixed hash family: multiply-shift with odd multipliers drawn once from a seeded generator,
/// kept as two arrays (multipliers, increments) so that the signature loop vectorises.
struct Family {
    a: [u64; PERMUTATIONS],
    b: [u64; PERMUTATIONS],
}

fn family() -> &'static Family {
    static FAMILY: std::sync::OnceLock<Family> = std::sync::OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state: u64 = 0x7472_6961_6e67_756c; // "triangul": the family never changes
        let mut next = || {
            // splitmix64
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut family = Family {
            a: [0; PERMUTATIONS],
            b: [0; PERMUTATIONS],
        };
        for k in 0..PERMUTATIONS {
            family.a[k] = next() | 1;
            family.b[k] = next();
        }
        family
    })
}

/// The MinHash signature of a shingle set. Uses AVX2 where the processor has it: the same
/// arithmetic, so the same signature, in fewer instructions.
pub fn signature(shingles: &[u64]) -> [u32; PERMUTATIONS] {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { signature_avx2(shingles) };
    }
    signature_portable(shingles)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn signature_avx2(shingles: &[u64]) -> [u32; PERMUTATIONS] {
    signature_portable(shingles)
}

#[inline(always)]
fn signature_portable(shingles: &[u64]) -> [u32; PERMUTATIONS] {
    let f = family();
    let mut sig = [u32::MAX; PERMUTATIONS];
    for &x in shingles {
        for ((slot, a), b) in sig.iter_mut().zip(&f.a).zip(&f.b) {
            let h = (a.wrapping_mul(x).wrapping_add(*b) >> 32) as u32;
            *slot = (*slot).min(h);
        }
    }
    sig
}

/// The LSH band keys of a signature: one per band.
pub fn band_keys(sig: &[u32; PERMUTATIONS]) -> [u64; BANDS] {
    std::array::from_fn(|band| {
        let rows = &sig[band * ROWS..(band + 1) * ROWS];
        let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
        xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, band as u64)
    })
}

/// Finds exact and near copies among articles given as (id, text hash, body), in id order.
/// Exact copies are not reported again as near copies.
pub fn find_copies(articles: &[(Id, String, String)]) -> Copies {
    let mut copies = Copies::default();
    let mut by_hash: HashMap<&str, Vec<Id>> = HashMap::new();
    for (id, hash, _) in articles {
        by_hash.entry(hash.as_str()).or_default().push(*id);
    }
    let mut exact: HashSet<(Id, Id)> = HashSet::new();
    for ids in by_hash.values().filter(|ids| ids.len() > 1) {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                let pair = (*a.min(b), *a.max(b));
                exact.insert(pair);
                copies.exact_copies.push([pair.0, pair.1]);
            }
        }
    }
    copies.exact_copies.sort_unstable();

    let prepared: Vec<(Id, Vec<u64>, [u32; PERMUTATIONS])> = articles
        .par_iter()
        .map(|(id, _, body)| {
            let set = shingles(body);
            let sig = signature(&set);
            (*id, set, sig)
        })
        .collect();
    // Buckets as one sorted vector of (band key, article): equal keys are neighbours. Band keys
    // are hashed with the band as seed, so one key never stands for two bands.
    let mut keyed: Vec<(u64, u32)> = prepared
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, (_, _, sig))| {
            band_keys(sig)
                .into_iter()
                .map(move |key| (key, index as u32))
        })
        .collect();
    keyed.par_sort_unstable();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    for run in keyed.chunk_by(|x, y| x.0 == y.0).filter(|r| r.len() > 1) {
        for (i, a) in run.iter().enumerate() {
            for b in &run[i + 1..] {
                candidates.push((a.1.min(b.1), a.1.max(b.1)));
            }
        }
    }
    drop(keyed);
    candidates.par_sort_unstable();
    candidates.dedup();
    // The signatures estimate each candidate's Jaccard in 128 comparisons; only candidates that
    // could reach the threshold are confirmed on their shingle sets. The estimate's standard
    // error at 0.5 is 0.044, so the cut at 0.35 loses a true pair about once in 3,000.
    let least_agreeing = (PERMUTATIONS as f64 * (NEAR_COPY_THRESHOLD - 0.15)) as usize;
    let mut near: Vec<NearCopy> = candidates
        .into_par_iter()
        .filter_map(|(i, j)| {
            let (a, b) = (&prepared[i as usize], &prepared[j as usize]);
            let agreeing = a.2.iter().zip(&b.2).filter(|(x, y)| x == y).count();
            if agreeing < least_agreeing {
                return None;
            }
            let pair = (a.0.min(b.0), a.0.max(b.0));
            if exact.contains(&pair) {
                return None;
            }
            let similarity = jaccard(&a.1, &b.1);
            (similarity >= NEAR_COPY_THRESHOLD).then_some(NearCopy {
                a: pair.0,
                b: pair.1,
                similarity,
            })
        })
        .collect();
    near.sort_by_key(|n| (n.a, n.b));
    copies.near_copies = near;
    copies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_identical_disjoint_and_overlapping_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2], &[3, 4]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }

    #[test]
    fn shingles_ignore_case_and_punctuation() {
        assert_eq!(
            shingles("Shells hit the market, officials said."),
            shingles("shells HIT the market officials said")
        );
        assert_eq!(shingles("one two three four").len(), 2);
    }

    #[test]
    fn the_vectorised_signature_is_the_portable_one() {
        let set =
            shingles("Gunmen ambushed a fuel convoy on the desert road near Tell Haran on Friday");
        assert_eq!(signature(&set), signature_portable(&set));
        // The family is fixed: band keys are stored in libraries, so a change here would need a
        // new features::VERSION.
        assert_eq!(signature(&[42])[..3], [3298764136, 4188644375, 1688548482]);
    }

    #[test]
    fn signatures_estimate_jaccard() {
        let a: Vec<u64> = (0..400).collect();
        let b: Vec<u64> = (100..500).collect(); // Jaccard 300/500 = 0.6
        let (sa, sb) = (signature(&a), signature(&b));
        let agree = sa.iter().zip(&sb).filter(|(x, y)| x == y).count() as f64 / PERMUTATIONS as f64;
        assert!((agree - 0.6).abs() < 0.12, "estimate {agree}");
    }

    #[test]
    fn an_edited_repost_is_a_near_copy_and_an_unrelated_text_is_not() {
        let original = "Gunmen ambushed a fuel convoy on the desert road near Tell Haran on Friday, killing six drivers and burning four tankers, a security official said. The convoy was carrying fuel from the northern fields to the provincial capital when it came under fire from both sides of the road. The Crescent Front claimed the ambush on its channels.";
        let repost = "Gunmen ambushed a fuel convoy on the desert road near Tell Haran on Friday, killing six drivers and burning four tankers, a security official told the wire. The convoy was carrying fuel from the northern fields to the provincial capital when it came under heavy fire from both sides of the road. The Crescent Front claimed the ambush.";
        let other = "The council met on Tuesday to approve the budget for the water network, which the mayor said would reach every district by the end of next year, after a public hearing.";
        let articles = vec![
            (1, "h1".to_string(), original.to_string()),
            (2, "h2".to_string(), repost.to_string()),
            (3, "h3".to_string(), other.to_string()),
            (4, "h1".to_string(), original.to_string()),
        ];
        let found = find_copies(&articles);
        assert_eq!(found.exact_copies, vec![[1, 4]]);
        let pairs: Vec<(Id, Id)> = found.near_copies.iter().map(|n| (n.a, n.b)).collect();
        assert_eq!(pairs, vec![(1, 2), (2, 4)]);
        assert!(
            found
                .near_copies
                .iter()
                .all(|n| n.similarity >= NEAR_COPY_THRESHOLD && n.similarity < 1.0)
        );
    }
}
