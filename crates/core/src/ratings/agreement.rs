//! Krippendorff's alpha: how consistently analysts grade the same outlets, corrected for chance.
//! Written by hand because no maintained crate computes the ordinal form; the computation follows
//! Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", with its coincidence matrix,
//! and is tested against the worked example there.

use std::collections::BTreeMap;

/// How far apart two values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Any two different values disagree equally.
    Nominal,
    /// Values are ranked; the distance counts how many values lie between them.
    Ordinal,
    /// Values are numbers on an interval scale.
    Interval,
}

/// Krippendorff's alpha for `units`, each the values that the coders who coded it gave (missing
/// codes left out). Units with fewer than two values carry no information and are skipped.
/// `None` when there is nothing to compare or no variation at all.
pub fn alpha(units: &[Vec<u32>], metric: Metric) -> Option<f64> {
    // Coincidence matrix over the values that occur.
    let mut coincidences: BTreeMap<(u32, u32), f64> = BTreeMap::new();
    for unit in units.iter().filter(|u| u.len() >= 2) {
        let weight = 1.0 / (unit.len() as f64 - 1.0);
        for (i, c) in unit.iter().enumerate() {
            for (j, k) in unit.iter().enumerate() {
                if i != j {
                    *coincidences.entry((*c, *k)).or_insert(0.0) += weight;
                }
            }
        }
    }
    let mut marginals: BTreeMap<u32, f64> = BTreeMap::new();
    for ((c, _), o) in &coincidences {
        *marginals.entry(*c).or_insert(0.0) += o;
    }
    let n: f64 = marginals.values().sum();
    if n <= 1.0 {
        return None;
    }
    let values: Vec<u32> = marginals.keys().copied().collect();
    let delta2 = |c: u32, k: u32| -> f64 {
        match metric {
            Metric::Nominal => f64::from(u8::from(c != k)),
            Metric::Interval => (f64::from(c) - f64::from(k)).powi(2),
            Metric::Ordinal => {
                let (lo, hi) = (c.min(k), c.max(k));
                let between: f64 = values
                    .iter()
                    .filter(|g| **g >= lo && **g <= hi)
                    .map(|g| marginals[g])
                    .sum();
                (between - (marginals[&lo] + marginals[&hi]) / 2.0).powi(2)
            }
        }
    };
    let observed: f64 = coincidences
        .iter()
        .map(|((c, k), o)| o * delta2(*c, *k))
        .sum();
    let mut expected = 0.0;
    for c in &values {
        for k in &values {
            expected += marginals[c] * marginals[k] * delta2(*c, *k);
        }
    }
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Krippendorff (2011), section C: four observers, twelve units, values 1–5, some missing.
    fn example() -> Vec<Vec<u32>> {
        let rows: [[Option<u32>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        (0..12)
            .map(|u| rows.iter().filter_map(|r| r[u]).collect())
            .collect()
    }

    #[test]
    fn the_published_example_gives_the_published_alphas() {
        let units = example();
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        assert_eq!(alpha(&units, Metric::Nominal).map(round), Some(0.743));
        assert_eq!(alpha(&units, Metric::Ordinal).map(round), Some(0.815));
        assert_eq!(alpha(&units, Metric::Interval).map(round), Some(0.849));
    }

    #[test]
    fn perfect_agreement_is_one_and_no_pairs_is_none() {
        assert_eq!(
            alpha(&[vec![1, 1], vec![3, 3], vec![2, 2, 2]], Metric::Ordinal),
            Some(1.0)
        );
        assert_eq!(alpha(&[vec![1], vec![2]], Metric::Ordinal), None);
        assert_eq!(
            alpha(&[vec![2, 2], vec![2, 2]], Metric::Ordinal),
            None,
            "no variation: undefined"
        );
    }

    #[test]
    fn systematic_disagreement_is_below_zero() {
        let a = alpha(
            &[vec![1, 5], vec![5, 1], vec![1, 5], vec![5, 1]],
            Metric::Ordinal,
        )
        .unwrap();
        assert!(a < 0.0, "{a}");
    }
}
