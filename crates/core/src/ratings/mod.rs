//! Outlet ratings: the Admiralty grades, the criteria checklist, combining several analysts'
//! grades, how much they agree, and what changed between two ratings; the analyst's own rating
//! axes (`axes`) and the disagreements worth discussing (`disagreement`). Pure: storage is in
//! `library`, forms in `app`.

pub mod agreement;
pub mod axes;
pub mod disagreement;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Id;

/// Source reliability on the Admiralty (NATO) scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Grade {
    /// Every grade, best first, with F (cannot be judged) last.
    pub const ALL: [Grade; 6] = [Grade::A, Grade::B, Grade::C, Grade::D, Grade::E, Grade::F];

    /// What the grade means.
    pub fn meaning(self) -> &'static str {
        match self {
            Grade::A => "completely reliable",
            Grade::B => "usually reliable",
            Grade::C => "fairly reliable",
            Grade::D => "not usually reliable",
            Grade::E => "unreliable",
            Grade::F => "reliability cannot be judged",
        }
    }

    /// The grade's letter.
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
            Grade::F => "F",
        }
    }

    /// Position on the reliability scale, 1 (A) to 5 (E); F is not on it.
    pub fn rank(self) -> Option<u32> {
        match self {
            Grade::F => None,
            g => Some(g as u32 + 1),
        }
    }

    fn from_rank(rank: u32) -> Option<Grade> {
        Grade::ALL
            .get(rank.checked_sub(1)? as usize)
            .copied()
            .filter(|g| *g != Grade::F)
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.letter())
    }
}

impl FromStr for Grade {
    type Err = Error;
    fn from_str(s: &str) -> Result<Grade> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(Grade::A),
            "B" => Ok(Grade::B),
            "C" => Ok(Grade::C),
            "D" => Ok(Grade::D),
            "E" => Ok(Grade::E),
            "F" => Ok(Grade::F),
            other => Err(Error::Invalid(format!(
                "{other:?} is not a grade: use A (completely reliable) to E (unreliable), or F (cannot be judged)"
            ))),
        }
    }
}

/// Information credibility of one report on the Admiralty scale, 1 to 6.
pub const CREDIBILITY: [(u8, &str); 6] = [
    (1, "confirmed by other sources"),
    (2, "probably true"),
    (3, "possibly true"),
    (4, "doubtful"),
    (5, "improbable"),
    (6, "truth cannot be judged"),
];

/// The meaning of a credibility mark, or `None` outside 1–6.
pub fn credibility_meaning(mark: u8) -> Option<&'static str> {
    CREDIBILITY
        .iter()
        .find(|(m, _)| *m == mark)
        .map(|(_, s)| *s)
}

/// An answer to one criterion of the checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Yes,
    No,
    Partly,
    Unknown,
}

impl Answer {
    /// Every answer, in form order.
    pub const ALL: [Answer; 4] = [Answer::Yes, Answer::No, Answer::Partly, Answer::Unknown];

    /// The stored word.
    pub fn word(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Partly => "partly",
            Answer::Unknown => "unknown",
        }
    }
}

impl FromStr for Answer {
    type Err = Error;
    fn from_str(s: &str) -> Result<Answer> {
        Answer::ALL
            .into_iter()
            .find(|a| a.word().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{s:?} is not an answer: use yes, no, partly or unknown"
                ))
            })
    }
}

/// One question of the reliability checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    /// The answer that speaks for the outlet.
    pub good: Answer,
}

#[derive(Deserialize)]
struct CriteriaFile {
    criterion: Vec<Criterion>,
}

/// The checklist shipped in `assets/criteria.toml`.
pub fn default_criteria() -> Vec<Criterion> {
    parse_criteria(include_str!("../../../../assets/criteria.toml")).unwrap_or_default()
}

/// The checklist for the library at `library`: `criteria.toml` beside the library file when the
/// analyst has put one there (to add or reword criteria for that library), else the shipped one.
/// A file that does not parse is reported, and the shipped checklist used.
pub fn criteria_for(library: &std::path::Path) -> (Vec<Criterion>, Option<String>) {
    let Some(path) = library.parent().map(|dir| dir.join("criteria.toml")) else {
        return (default_criteria(), None);
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => match parse_criteria(&text) {
            Ok(criteria) => (criteria, None),
            Err(e) => (
                default_criteria(),
                Some(format!(
                    "{}: {e}; using the shipped criteria",
                    path.display()
                )),
            ),
        },
        Err(_) => (default_criteria(), None),
    }
}

/// Reads a criteria file (TOML, `[[criterion]]` tables with key, label, help, good).
pub fn parse_criteria(text: &str) -> Result<Vec<Criterion>> {
    let file: CriteriaFile =
        toml::from_str(text).map_err(|e| Error::Invalid(format!("criteria file: {e}")))?;
    Ok(file.criterion)
}

/// An answered criterion of one rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionAnswer {
    pub key: String,
    pub value: Answer,
    #[serde(default)]
    pub note: String,
}

/// A rating as stored: who graded which outlet how, when, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub id: Id,
    pub outlet_id: Id,
    pub analyst: String,
    pub grade: Grade,
    pub rationale: String,
    pub created_at: String,
    pub criteria: Vec<CriterionAnswer>,
    /// Articles that show the grade is deserved.
    pub evidence: Vec<Id>,
}

/// A rating to add.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewRating {
    pub outlet_id: Id,
    pub analyst: String,
    pub grade: Option<Grade>,
    pub rationale: String,
    pub criteria: Vec<CriterionAnswer>,
    pub evidence: Vec<Id>,
}

/// Several analysts' current grades combined: the median of the grades A–E (F is no opinion).
/// With an even number the worse of the two middle grades is taken, so that a split panel never
/// makes an outlet look better than half its raters think.
pub fn combined_grade(grades: &[Grade]) -> Option<Grade> {
    let mut ranks: Vec<u32> = grades.iter().filter_map(|g| g.rank()).collect();
    if ranks.is_empty() {
        return None;
    }
    ranks.sort_unstable();
    Grade::from_rank(ranks[ranks.len() / 2])
}

/// How the combined grade is made, in a sentence for the analyst.
pub const COMBINING: &str = "The combined grade is the median of the analysts' current grades \
     (A–E; F, cannot be judged, is left out). With an even number of grades the lower of the two \
     middle grades is taken, so that a split panel never makes an outlet look more reliable than \
     half its raters think.";

/// The combined grade with the range it comes from and how it was taken, e.g. "B–D (median of
/// 2: D, the lower of B and D)", "C (median of 3: C)", "B (one grade)"; `None` without a grade
/// on A–E.
pub fn combined_explained(grades: &[Grade]) -> Option<String> {
    let mut graded: Vec<Grade> = grades.iter().copied().filter(|g| *g != Grade::F).collect();
    graded.sort_unstable();
    let combined = combined_grade(&graded)?;
    let (best, worst) = (graded.first()?, graded.last()?);
    let n = graded.len();
    let range = if best == worst {
        best.to_string()
    } else {
        format!("{best}–{worst}")
    };
    let how = match n {
        1 => "one grade".to_string(),
        _ if n.is_multiple_of(2) && graded[n / 2 - 1] != graded[n / 2] => format!(
            "median of {n}: {combined}, the lower of {} and {}",
            graded[n / 2 - 1],
            graded[n / 2]
        ),
        _ => format!("median of {n}: {combined}"),
    };
    let left_out = grades.len() - n;
    let f = match left_out {
        0 => String::new(),
        1 => "; one F (cannot be judged) left out".to_string(),
        k => format!("; {k} F (cannot be judged) left out"),
    };
    Some(format!("{range} ({how}{f})"))
}

/// How many steps lie between the best and the worst current grade (F ignored); 0 when they agree.
pub fn spread(grades: &[Grade]) -> Option<u32> {
    let ranks: Vec<u32> = grades.iter().filter_map(|g| g.rank()).collect();
    Some(ranks.iter().max()? - ranks.iter().min()?)
}

/// How many outlets must be graded on A–E by two or more analysts before the agreement figure
/// is shown. Below it the figure says nothing: over one outlet alpha is 0 whatever the two grades
/// (its only pair is the whole of the expected disagreement), and over two a single pair decides
/// it.
pub const AGREEMENT_MIN_OUTLETS: usize = 3;

/// Library-wide agreement between analysts, and what it rests on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Agreement {
    /// Krippendorff's alpha (ordinal); `None` while fewer than [`AGREEMENT_MIN_OUTLETS`]
    /// outlets are graded by two or more analysts, or when every grade is the same.
    pub alpha: Option<f64>,
    /// Outlets graded on A–E by two or more analysts.
    pub outlets: usize,
}

impl Agreement {
    /// How many more outlets need a second analyst's grade before the figure is shown.
    pub fn needed(&self) -> usize {
        AGREEMENT_MIN_OUTLETS.saturating_sub(self.outlets)
    }

    /// The figure, or why there is none, in a few words for a toolbar: "α = 0.41", "not enough
    /// ratings: 1 outlet rated by two analysts, 3 needed".
    pub fn brief(&self) -> String {
        match self.alpha {
            Some(alpha) => format!("α = {alpha:.2}"),
            None if self.needed() > 0 => format!(
                "not enough ratings: {} rated by two analysts, {AGREEMENT_MIN_OUTLETS} needed",
                if self.outlets == 1 {
                    "1 outlet".to_string()
                } else {
                    format!("{} outlets", self.outlets)
                }
            ),
            None => "not measurable: every grade is the same".to_string(),
        }
    }

    /// The figure, or why there is none and what it needs: "α = 0.41 (5 outlets rated by two or
    /// more analysts)", "not enough ratings: …".
    pub fn describe(&self) -> String {
        let rated = |n: usize| {
            if n == 1 {
                "1 outlet is".to_string()
            } else {
                format!("{n} outlets are")
            }
        };
        match self.alpha {
            Some(alpha) => format!(
                "α = {alpha:.2} ({} outlets rated by two or more analysts)",
                self.outlets
            ),
            None if self.needed() > 0 => format!(
                "not enough ratings: {} rated by two or more analysts, {AGREEMENT_MIN_OUTLETS} \
                 are needed (a second analyst's grade of {} more)",
                rated(self.outlets),
                if self.needed() == 1 {
                    "1 outlet".to_string()
                } else {
                    format!("{} outlets", self.needed())
                }
            ),
            None => format!(
                "not measurable yet: the {} outlets rated by two or more analysts all have the \
                 same grade, so agreement cannot be told from chance",
                self.outlets
            ),
        }
    }
}

/// Library-wide agreement: ordinal Krippendorff's alpha over outlets (units) and analysts
/// (coders), using each analyst's current grade; F counts as missing. No figure until
/// [`AGREEMENT_MIN_OUTLETS`] outlets have two or more grades.
pub fn agreement_of(current: &[Vec<Grade>]) -> Agreement {
    let units: Vec<Vec<u32>> = current
        .iter()
        .map(|grades| grades.iter().filter_map(|g| g.rank()).collect())
        .collect();
    let outlets = units.iter().filter(|u| u.len() >= 2).count();
    let alpha = if outlets >= AGREEMENT_MIN_OUTLETS {
        agreement::alpha(&units, agreement::Metric::Ordinal)
    } else {
        None
    };
    Agreement { alpha, outlets }
}

/// Library-wide agreement's figure alone (see [`agreement_of`]).
pub fn library_agreement(current: &[Vec<Grade>]) -> Option<f64> {
    agreement_of(current).alpha
}

/// What changed from rating `before` to rating `after`, as readable lines.
pub fn diff(before: &Rating, after: &Rating, criteria: &[Criterion]) -> Vec<String> {
    let mut changes = Vec::new();
    if before.grade != after.grade {
        changes.push(format!("grade {} → {}", before.grade, after.grade));
    }
    let label = |key: &str| {
        criteria
            .iter()
            .find(|c| c.key == key)
            .map_or_else(|| key.to_string(), |c| c.label.clone())
    };
    let mut keys: Vec<&str> = before
        .criteria
        .iter()
        .chain(&after.criteria)
        .map(|c| c.key.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let find = |r: &Rating| r.criteria.iter().find(|c| c.key == key).cloned();
        match (find(before), find(after)) {
            (Some(b), Some(a)) if b.value != a.value => changes.push(format!(
                "{}: {} → {}",
                label(key),
                b.value.word(),
                a.value.word()
            )),
            (Some(b), Some(a)) if b.note != a.note => {
                changes.push(format!("{}: note changed", label(key)))
            }
            (None, Some(a)) => changes.push(format!("{}: answered {}", label(key), a.value.word())),
            (Some(_), None) => changes.push(format!("{}: no longer answered", label(key))),
            _ => {}
        }
    }
    if before.rationale != after.rationale {
        changes.push("rationale rewritten".into());
    }
    let added = after
        .evidence
        .iter()
        .filter(|e| !before.evidence.contains(e))
        .count();
    let removed = before
        .evidence
        .iter()
        .filter(|e| !after.evidence.contains(e))
        .count();
    if added > 0 {
        changes.push(format!("{added} evidence articles added"));
    }
    if removed > 0 {
        changes.push(format!("{removed} evidence articles removed"));
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use Grade::*;

    #[test]
    fn the_combined_grade_is_the_median_ignoring_f_and_the_worse_middle_when_even() {
        assert_eq!(combined_grade(&[A, C, E]), Some(C));
        assert_eq!(combined_grade(&[B, C]), Some(C));
        assert_eq!(combined_grade(&[B, F, F]), Some(B));
        assert_eq!(combined_grade(&[F]), None);
        assert_eq!(combined_grade(&[]), None);
    }

    #[test]
    fn the_combined_grade_says_its_range_and_which_middle_grade_it_took() {
        assert_eq!(
            combined_explained(&[B, D]).as_deref(),
            Some("B–D (median of 2: D, the lower of B and D)")
        );
        assert_eq!(
            combined_explained(&[E, A, C]).as_deref(),
            Some("A–E (median of 3: C)")
        );
        assert_eq!(
            combined_explained(&[B, B, F]).as_deref(),
            Some("B (median of 2: B; one F (cannot be judged) left out)")
        );
        assert_eq!(combined_explained(&[C]).as_deref(), Some("C (one grade)"));
        assert_eq!(combined_explained(&[F]), None);
    }

    #[test]
    fn agreement_needs_three_outlets_rated_by_two_analysts() {
        let one = agreement_of(&[vec![B, D], vec![A]]);
        assert_eq!((one.alpha, one.outlets, one.needed()), (None, 1, 2));
        assert!(
            one.describe().starts_with("not enough ratings"),
            "{}",
            one.describe()
        );
        let three = agreement_of(&[vec![A, A], vec![C, D], vec![E, E]]);
        assert!(three.alpha.is_some_and(|a| a > 0.5), "{three:?}");
        let same = agreement_of(&[vec![B, B], vec![B, B], vec![B, B]]);
        assert!(
            same.describe().contains("same grade"),
            "{}",
            same.describe()
        );
    }

    #[test]
    fn spread_counts_steps_between_best_and_worst() {
        assert_eq!(spread(&[B, E, F]), Some(3));
        assert_eq!(spread(&[C, C]), Some(0));
        assert_eq!(spread(&[F]), None);
    }

    #[test]
    fn grades_and_answers_parse_and_say_what_is_wrong() {
        assert_eq!("b".parse::<Grade>().unwrap(), B);
        assert!(
            "G".parse::<Grade>()
                .unwrap_err()
                .to_string()
                .contains("not a grade")
        );
        assert_eq!("Partly".parse::<Answer>().unwrap(), Answer::Partly);
        assert!("maybe".parse::<Answer>().is_err());
    }

    #[test]
    fn the_shipped_criteria_file_parses_with_unique_keys() {
        let criteria = default_criteria();
        assert!(criteria.len() >= 9);
        let mut keys: Vec<&str> = criteria.iter().map(|c| c.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), criteria.len());
    }

    #[test]
    fn a_diff_names_each_change() {
        let criteria = default_criteria();
        let before = Rating {
            id: 1,
            outlet_id: 1,
            analyst: "ana".into(),
            grade: B,
            rationale: "Wire service with a record of corrections.".into(),
            created_at: "2025-01-01T00:00:00Z".into(),
            criteria: vec![CriterionAnswer {
                key: "corrects_errors".into(),
                value: Answer::Yes,
                note: String::new(),
            }],
            evidence: vec![10],
        };
        let after = Rating {
            id: 2,
            grade: C,
            criteria: vec![CriterionAnswer {
                key: "corrects_errors".into(),
                value: Answer::Partly,
                note: String::new(),
            }],
            evidence: vec![10, 11],
            ..before.clone()
        };
        assert_eq!(
            diff(&before, &after, &criteria),
            vec![
                "grade B → C",
                "Corrects errors: yes → partly",
                "1 evidence articles added"
            ]
        );
        assert!(diff(&before, &before, &criteria).is_empty());
    }
}
