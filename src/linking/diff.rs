//! Word-level differences between two texts (two near copies), with the `similar` crate.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

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
