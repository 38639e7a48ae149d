//! Pairwise precision, recall and F1 of suggested incidents against labelled groups: every pair
//! of articles put in one group is a link; a link is right when the labels put the two articles
//! in one group too.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// How well predicted groups match labelled groups, counted over pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PairScores {
    /// Pairs the labels link.
    pub true_pairs: usize,
    /// Pairs the prediction links.
    pub predicted_pairs: usize,
    /// Pairs both link.
    pub correct_pairs: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn pairs<T: Copy + Ord + std::hash::Hash>(groups: &[Vec<T>]) -> HashSet<(T, T)> {
    let mut out = HashSet::new();
    for g in groups {
        for (i, a) in g.iter().enumerate() {
            for b in &g[i + 1..] {
                if a != b {
                    out.insert((*a.min(b), *a.max(b)));
                }
            }
        }
    }
    out
}

/// Scores `predicted` groups against `truth` groups. Items the truth does not label are ignored,
/// so an evaluation can run on a library holding other articles too.
pub fn pairwise<T: Copy + Ord + std::hash::Hash>(
    predicted: &[Vec<T>],
    truth: &[Vec<T>],
) -> PairScores {
    let labelled: HashSet<T> = truth.iter().flatten().copied().collect();
    let predicted: Vec<Vec<T>> = predicted
        .iter()
        .map(|g| g.iter().copied().filter(|x| labelled.contains(x)).collect())
        .collect();
    let (p, t) = (pairs(&predicted), pairs(truth));
    let correct = p.intersection(&t).count();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(correct, p.len()), ratio(correct, t.len()));
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    PairScores {
        true_pairs: t.len(),
        predicted_pairs: p.len(),
        correct_pairs: correct,
        precision,
        recall,
        f1,
    }
}

/// Merges groups that share a member (an article in a suggestion and in an incident).
pub fn merge_overlapping<T: Copy + Ord + std::hash::Hash>(groups: Vec<Vec<T>>) -> Vec<Vec<T>> {
    let mut owner: HashMap<T, usize> = HashMap::new();
    let mut merged: Vec<Vec<T>> = Vec::new();
    for g in groups {
        let hits: Vec<usize> = {
            let mut h: Vec<usize> = g.iter().filter_map(|x| owner.get(x).copied()).collect();
            h.sort_unstable();
            h.dedup();
            h
        };
        let target = match hits.first() {
            Some(&t) => t,
            None => {
                merged.push(Vec::new());
                merged.len() - 1
            }
        };
        for &other in hits.iter().skip(1) {
            let moved = std::mem::take(&mut merged[other]);
            for x in &moved {
                owner.insert(*x, target);
            }
            merged[target].extend(moved);
        }
        for x in g {
            if owner.insert(x, target) != Some(target) {
                merged[target].push(x);
            }
        }
    }
    merged.retain(|g| !g.is_empty());
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_partial_and_empty_predictions() {
        let truth = vec![vec![1, 2, 3], vec![4, 5]];
        assert_eq!(pairwise(&truth.clone(), &truth).f1, 1.0);
        let s = pairwise(&[vec![1, 2], vec![3, 4]], &truth);
        assert_eq!(
            (s.true_pairs, s.predicted_pairs, s.correct_pairs),
            (4, 2, 1)
        );
        assert_eq!(s.precision, 0.5);
        assert_eq!(s.recall, 0.25);
        assert_eq!(pairwise::<i32>(&[], &truth).f1, 0.0);
    }

    #[test]
    fn unlabelled_items_do_not_count() {
        let s = pairwise(&[vec![1, 2, 99]], &[vec![1, 2]]);
        assert_eq!(s.precision, 1.0);
    }

    #[test]
    fn overlapping_groups_merge() {
        let mut m = merge_overlapping(vec![vec![1, 2], vec![3], vec![2, 4], vec![3, 5]]);
        m.iter_mut().for_each(|g| g.sort_unstable());
        assert_eq!(m, vec![vec![1, 2, 4], vec![3, 5]]);
    }
}
