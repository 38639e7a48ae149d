//! Disagreements between analysts: how many steps lie between two grades, which pairs of
//! analysts' current grades are far enough apart to discuss, and whether a recorded resolution
//! still covers them. Pure: the queue is read and resolutions are stored by `library`.
//!
//! The scales are the Admiralty's. Reliability runs A (1) to E (5); information credibility runs
//! 1 to 5. F ("reliability cannot be judged") and 6 ("truth cannot be judged") are not steps on
//! either scale: they say the analyst has no opinion, as in the combined grade and the agreement
//! figure. A pair in which either analyst gave F (or 6) is therefore never a disagreement: there
//! is no distance to measure, and "I cannot judge" against any grade is not a dispute about the
//! grade. Two current grades [`MIN_STEPS`] or more apart are.
//!
//! A resolution covers a subject (an outlet or an article) as it stood when it was recorded:
//! a pair is resolved when the subject's latest resolution is at least as recent as both
//! analysts' current grades. When either analyst grades again afterwards, the pair is judged
//! afresh and comes back if the two are still [`MIN_STEPS`] apart.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Grade, credibility_meaning};
use crate::error::{Error, Result};
use crate::model::Id;

/// How many steps apart two current grades must be to be listed for discussion.
pub const MIN_STEPS: u32 = 2;

/// What analysts grade: outlets (reliability A–F) or articles (credibility 1–6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SubjectKind {
    Outlet,
    Article,
}

impl SubjectKind {
    /// The word used on the command line and in files.
    pub fn word(self) -> &'static str {
        match self {
            SubjectKind::Outlet => "outlet",
            SubjectKind::Article => "article",
        }
    }
}

impl FromStr for SubjectKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<SubjectKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "outlet" => Ok(SubjectKind::Outlet),
            "article" => Ok(SubjectKind::Article),
            other => Err(Error::Invalid(format!(
                "{other:?} is not something analysts grade: use outlet or article"
            ))),
        }
    }
}

/// One outlet or one article, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Subject {
    pub kind: SubjectKind,
    pub id: Id,
}

/// Steps between two reliability grades on A–E; `None` when either is F (no opinion).
pub fn grade_steps(a: Grade, b: Grade) -> Option<u32> {
    Some(a.rank()?.abs_diff(b.rank()?))
}

/// Position of a credibility mark on the 1–5 scale; `None` for 6 (no opinion) or outside 1–6.
pub fn credibility_rank(mark: u8) -> Option<u32> {
    (1..=5).contains(&mark).then_some(u32::from(mark))
}

/// Steps between two credibility marks on 1–5; `None` when either is 6 (no opinion).
pub fn credibility_steps(a: u8, b: u8) -> Option<u32> {
    Some(credibility_rank(a)?.abs_diff(credibility_rank(b)?))
}

/// An agreed grade for a subject as the analyst typed it, checked and written the stored way:
/// a letter A–F for an outlet, a mark 1–6 for an article. Empty text is no agreed grade.
pub fn parse_agreed(kind: SubjectKind, text: &str) -> Result<Option<String>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match kind {
        SubjectKind::Outlet => Ok(Some(text.parse::<Grade>()?.letter().to_string())),
        SubjectKind::Article => match text
            .parse::<u8>()
            .ok()
            .filter(|m| credibility_meaning(*m).is_some())
        {
            Some(mark) => Ok(Some(mark.to_string())),
            None => Err(Error::Invalid(format!(
                "{text:?} is not a credibility mark: use 1 (confirmed by other sources) to 6 (cannot be judged)"
            ))),
        },
    }
}

/// What a stored grade or mark means ("usually reliable", "doubtful").
pub fn meaning(kind: SubjectKind, grade: &str) -> &'static str {
    match kind {
        SubjectKind::Outlet => grade.parse::<Grade>().map(Grade::meaning).unwrap_or(""),
        SubjectKind::Article => grade
            .parse::<u8>()
            .ok()
            .and_then(credibility_meaning)
            .unwrap_or(""),
    }
}

/// Position of a stored grade or mark on its scale; `None` for F, 6, or what does not parse.
pub fn rank(kind: SubjectKind, grade: &str) -> Option<u32> {
    match kind {
        SubjectKind::Outlet => grade.parse::<Grade>().ok()?.rank(),
        SubjectKind::Article => credibility_rank(grade.parse().ok()?),
    }
}

/// One analyst's current grade (or mark) of a subject, with their rationale (or note).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub analyst: String,
    /// A–F for an outlet, 1–6 for an article.
    pub grade: String,
    /// What the grade means.
    pub meaning: String,
    pub rationale: String,
    pub created_at: String,
}

/// Two analysts whose current grades of one subject are [`MIN_STEPS`] or more apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub a: Position,
    pub b: Position,
    pub steps: u32,
}

/// A resolution as stored: who settled a disagreement, when, why, and the grade agreed if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub id: Id,
    pub subject: Subject,
    pub resolved_by: String,
    pub note: String,
    /// The agreed grade (A–F) or mark (1–6), also recorded as a rating or mark of each analyst
    /// in the disagreement (at the resolution's time).
    pub grade: Option<String>,
    pub created_at: String,
}

/// A resolution to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResolution {
    pub subject: Subject,
    pub resolved_by: String,
    pub note: String,
    /// The agreed grade as typed (see [`parse_agreed`]); empty or `None` for none.
    pub grade: Option<String>,
}

/// An item of the disagreement queue: a subject with its open pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disagreement {
    pub subject: Subject,
    /// The outlet's name, or the article's title.
    pub title: String,
    /// The outlet (of the article).
    pub outlet: String,
    pub pairs: Vec<Pair>,
    /// The latest resolution of the subject, which analysts graded past since.
    pub last_resolution: Option<Resolution>,
}

impl Disagreement {
    /// The widest gap among its pairs.
    pub fn steps(&self) -> u32 {
        self.pairs.iter().map(|p| p.steps).max().unwrap_or(0)
    }
}

/// The pairs among one subject's current grades (one per analyst) that are [`MIN_STEPS`] or more
/// apart and not covered by the subject's latest resolution, recorded at `resolved_at`. Pairs
/// come in the order of `current`.
pub fn open_pairs(kind: SubjectKind, current: &[Position], resolved_at: Option<&str>) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, a) in current.iter().enumerate() {
        for b in &current[i + 1..] {
            let (Some(ra), Some(rb)) = (rank(kind, &a.grade), rank(kind, &b.grade)) else {
                continue;
            };
            let steps = ra.abs_diff(rb);
            if steps < MIN_STEPS {
                continue;
            }
            let latest = a.created_at.as_str().max(b.created_at.as_str());
            if resolved_at.is_some_and(|at| at >= latest) {
                continue;
            }
            out.push(Pair {
                a: a.clone(),
                b: b.clone(),
                steps,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Grade::*;

    fn at(analyst: &str, grade: &str, created_at: &str) -> Position {
        Position {
            analyst: analyst.into(),
            grade: grade.into(),
            meaning: String::new(),
            rationale: String::new(),
            created_at: created_at.into(),
        }
    }

    #[test]
    fn steps_are_counted_on_a_to_e_and_f_is_no_step() {
        assert_eq!(grade_steps(A, C), Some(2));
        assert_eq!(grade_steps(E, B), Some(3));
        assert_eq!(grade_steps(C, C), Some(0));
        assert_eq!(grade_steps(A, F), None);
        assert_eq!(grade_steps(F, F), None);
    }

    #[test]
    fn credibility_steps_are_counted_on_1_to_5_and_6_is_no_step() {
        assert_eq!(credibility_steps(1, 3), Some(2));
        assert_eq!(credibility_steps(5, 4), Some(1));
        assert_eq!(credibility_steps(1, 6), None);
        assert_eq!(credibility_steps(0, 2), None);
    }

    #[test]
    fn only_pairs_two_steps_apart_are_open() {
        let current = [
            at("ana", "A", "2025-01-01"),
            at("lea", "B", "2025-01-01"),
            at("omar", "C", "2025-01-01"),
            at("zed", "F", "2025-01-01"),
        ];
        let pairs = open_pairs(SubjectKind::Outlet, &current, None);
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            (pairs[0].a.analyst.as_str(), pairs[0].b.analyst.as_str()),
            ("ana", "omar")
        );
        assert_eq!(pairs[0].steps, 2);
    }

    #[test]
    fn a_resolution_covers_pairs_until_either_analyst_grades_again() {
        let current = [at("ana", "2", "2025-01-01"), at("omar", "5", "2025-01-02")];
        let kind = SubjectKind::Article;
        assert_eq!(open_pairs(kind, &current, None).len(), 1);
        assert!(open_pairs(kind, &current, Some("2025-01-03")).is_empty());
        assert!(open_pairs(kind, &current, Some("2025-01-02")).is_empty());
        assert_eq!(open_pairs(kind, &current, Some("2025-01-01T12")).len(), 1);
    }

    #[test]
    fn agreed_grades_are_checked_against_the_subjects_scale() {
        assert_eq!(
            parse_agreed(SubjectKind::Outlet, " c ").unwrap().as_deref(),
            Some("C")
        );
        assert_eq!(parse_agreed(SubjectKind::Outlet, "").unwrap(), None);
        assert!(parse_agreed(SubjectKind::Outlet, "3").is_err());
        assert_eq!(
            parse_agreed(SubjectKind::Article, "3").unwrap().as_deref(),
            Some("3")
        );
        assert!(parse_agreed(SubjectKind::Article, "7").is_err());
        assert!(parse_agreed(SubjectKind::Article, "B").is_err());
    }
}
