//! How alike two texts are: their hashed word 3-shingles and the exact Jaccard similarity of two
//! shingle sets (what near-copy detection and corroboration's "mostly shared" test rest on), and
//! the word-level differences between two texts (two near copies), with the `similar` crate.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::text;

/// Two articles are near copies when their shingle sets' Jaccard similarity is at least this.
pub const NEAR_COPY_THRESHOLD: f64 = 0.5;

/// The hashed word 3-shingles of a text, folded (case and punctuation ignored), deduplicated and
/// sorted.
pub fn shingles(body: &str) -> Vec<u64> {
    // Each word is hashed once; a shingle's hash mixes its three words' hashes in order.
    let mut lower = String::new();
    let words: Vec<u64> = text::words(body)
        .map(|w| {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            xxhash_rust::xxh3::xxh3_64(lower.as_bytes())
        })
        .collect();
    let mix = |a: u64, b: u64, c: u64| {
        let x = a.rotate_left(21) ^ b.rotate_left(42) ^ c;
        // splitmix64's finalizer spreads the bits again after the xor.
        let x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^ (x >> 31)
    };
    let mut out: Vec<u64> = match words.as_slice() {
        [] => Vec::new(),
        [a] => vec![mix(*a, 0, 0)],
        [a, b] => vec![mix(*a, *b, 0)],
        _ => words.windows(3).map(|w| mix(w[0], w[1], w[2])).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, deduplicated shingle sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// Which text a part of a diff comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DiffSide {
    /// In both texts.
    Both,
    /// Only in the first text (removed in the second).
    First,
    /// Only in the second text (added in it).
    Second,
}

/// A run of words (with the whitespace after them) from one or both texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPart {
    pub side: DiffSide,
    pub text: String,
}

/// The word-level diff of `first` against `second`, with neighbouring words of the same side
/// joined into one part. Concatenating the `Both` and `First` parts gives `first` back; the
/// `Both` and `Second` parts give `second`.
pub fn word_diff(first: &str, second: &str) -> Vec<DiffPart> {
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_secs(2))
        .diff_words(first, second);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let side = match change.tag() {
            ChangeTag::Equal => DiffSide::Both,
            ChangeTag::Delete => DiffSide::First,
            ChangeTag::Insert => DiffSide::Second,
        };
        match parts.last_mut() {
            Some(last) if last.side == side => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                side,
                text: change.value().to_string(),
            }),
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(parts: &[DiffPart], keep: DiffSide) -> String {
        parts
            .iter()
            .filter(|p| p.side == DiffSide::Both || p.side == keep)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn a_changed_figure_shows_as_one_removal_and_one_addition() {
        let a = "Shelling killed 19 people in the market on Friday.";
        let b = "Shelling killed 23 people in the market on Friday.";
        let parts = word_diff(a, b);
        let changed: Vec<(DiffSide, &str)> = parts
            .iter()
            .filter(|p| p.side != DiffSide::Both)
            .map(|p| (p.side, p.text.trim()))
            .collect();
        assert_eq!(
            changed,
            vec![(DiffSide::First, "19"), (DiffSide::Second, "23")]
        );
        assert_eq!(side(&parts, DiffSide::First), a);
        assert_eq!(side(&parts, DiffSide::Second), b);
    }

    #[test]
    fn identical_texts_are_one_shared_part() {
        let parts = word_diff("same words here", "same words here");
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].side, DiffSide::Both);
    }
}
