//! Which side of reliability a published value is on, for one purpose only: the filter "desk
//! grade and reference disagree", which lists outlets worth a second look. Values are never
//! converted into the desk's grades; they are shown as published.
//!
//! Words: the scales raters publish in English (Media Bias/Fact Check's very high … very low,
//! NewsGuard's green and red, "generally reliable", "questionable"). Numbers: on the column's own
//! scale (1, 5, 10 or 100, read from its highest value), the top 40% high, the bottom 40% low.

use crate::ratings::Grade;

/// A side of reliability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Low,
    Mixed,
    High,
    /// Not a value this program reads as reliability ("satire", "left-center").
    Unknown,
}

impl Band {
    /// The band's word: "high", "mixed", "low".
    pub fn word(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Mixed => "mixed",
            Band::High => "high",
            Band::Unknown => "unknown",
        }
    }

    /// The side a desk grade is on: A and B reliable, C fairly, D and E not; F (cannot be
    /// judged) none.
    pub fn of_grade(grade: Grade) -> Band {
        match grade {
            Grade::A | Grade::B => Band::High,
            Grade::C => Band::Mixed,
            Grade::D | Grade::E => Band::Low,
            Grade::F => Band::Unknown,
        }
    }

    fn step(self) -> Option<i32> {
        match self {
            Band::Low => Some(0),
            Band::Mixed => Some(1),
            Band::High => Some(2),
            Band::Unknown => None,
        }
    }

    /// Whether two bands are at opposite ends (high against low): a disagreement worth a
    /// second look. Next to each other (high and mixed) is not.
    pub fn opposes(self, other: Band) -> bool {
        matches!((self.step(), other.step()), (Some(a), Some(b)) if (a - b).abs() == 2)
    }
}

const HIGH: &[&str] = &[
    "high",
    "very high",
    "highly factual",
    "mostly factual",
    "reliable",
    "generally reliable",
    "very reliable",
    "trustworthy",
    "trusted",
    "credible",
    "generally credible",
    "green",
    "pass",
    "good",
    "very good",
    "excellent",
    "accurate",
];

const MIXED: &[&str] = &[
    "mixed",
    "medium",
    "moderate",
    "fair",
    "partly",
    "partly reliable",
    "somewhat reliable",
    "no consensus",
    "additional considerations apply",
    "yellow",
    "amber",
    "orange",
    "average",
];

const LOW: &[&str] = &[
    "low",
    "very low",
    "unreliable",
    "generally unreliable",
    "not reliable",
    "not credible",
    "untrustworthy",
    "questionable",
    "red",
    "fail",
    "poor",
    "very poor",
    "bad",
    "fake",
    "fake news",
    "deprecated",
    "blacklisted",
    "conspiracy",
    "conspiracy pseudoscience",
];

/// The band of a published value: a word of a known scale, or a number on `scale` (the top of
/// the column's scale; `None` when the column is not numbers).
pub fn band_of(value: &str, scale: Option<u32>) -> Band {
    let folded: String = value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c == '-' || c == '_' || c == '/' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        return Band::Unknown;
    }
    if let (Some(top), Ok(n)) = (scale, folded.trim_end_matches('%').parse::<f64>()) {
        let share = n / f64::from(top.max(1));
        return if share >= 0.6 {
            Band::High
        } else if share < 0.4 {
            Band::Low
        } else {
            Band::Mixed
        };
    }
    let factual = folded
        .trim_end_matches(" factual reporting")
        .trim_end_matches(" factuality")
        .trim_end_matches(" credibility")
        .trim_end_matches(" reliability");
    for (words, band) in [(LOW, Band::Low), (MIXED, Band::Mixed), (HIGH, Band::High)] {
        if words.contains(&factual) {
            return band;
        }
    }
    Band::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_words_and_numbers_fall_on_their_side() {
        assert_eq!(band_of("High", None), Band::High);
        assert_eq!(band_of("very-low", None), Band::Low);
        assert_eq!(band_of("MIXED", None), Band::Mixed);
        assert_eq!(band_of("Mostly Factual", None), Band::High);
        assert_eq!(band_of("Generally unreliable", None), Band::Low);
        assert_eq!(band_of("low factual reporting", None), Band::Low);
        assert_eq!(band_of("left-center", None), Band::Unknown);
        assert_eq!(band_of("satire", None), Band::Unknown);
        assert_eq!(band_of("87.5", Some(100)), Band::High);
        assert_eq!(band_of("42", Some(100)), Band::Mixed);
        assert_eq!(band_of("2", Some(5)), Band::Mixed);
        assert_eq!(band_of("1", Some(5)), Band::Low);
        assert_eq!(band_of("87.5", None), Band::Unknown);
    }

    #[test]
    fn only_opposite_ends_disagree() {
        assert!(Band::of_grade(Grade::B).opposes(Band::Low));
        assert!(Band::of_grade(Grade::E).opposes(Band::High));
        assert!(!Band::of_grade(Grade::B).opposes(Band::Mixed));
        assert!(!Band::of_grade(Grade::C).opposes(Band::Low));
        assert!(!Band::of_grade(Grade::F).opposes(Band::Low));
        assert!(!Band::High.opposes(Band::Unknown));
    }
}
