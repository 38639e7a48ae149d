//! Near copies' signatures. Exact copies share the hash of their folded body (computed at
//! import). Near copies (syndication, reposts with edits) are found by `linking::run` with the
//! MinHash signatures and LSH band keys made here over word 3-shingles, and confirmed on the
//! exact Jaccard similarity of the candidates' shingle sets, so a reported pair's similarity is
//! exact, never an estimate.
//!
//! The MinHash core is a few lines written here rather than taken from a crate: it needs nothing
//! but a multiply-shift hash family, and owning it keeps signatures stable across versions (they
//! are meant to be stored).

use serde::Serialize;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::similarity::{jaccard, shingles};

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
}
