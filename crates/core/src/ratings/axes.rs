//! Rating axes of the analyst's own, beyond reliability: "state-affiliated" yes/no, "party to
//! the conflict", "ownership country" as a choice list or free text. What an axis is, which
//! values it takes, and how a filter `NAME=VALUE` matches an outlet. Pure: axes and their values
//! are stored (append-only, by analyst) in `library`.
//!
//! An axis records a property of an outlet rather than a grade each analyst gives: its current
//! value for an outlet is the latest recorded by anyone, and the history says who recorded what
//! when. The empty value clears the axis for the outlet.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Id;

/// Which values an axis takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AxisKind {
    /// `yes` or `no`.
    YesNo,
    /// One of the axis's own list of choices.
    Choice,
    /// Any text.
    Text,
}

impl AxisKind {
    /// Every kind, in form order.
    pub const ALL: [AxisKind; 3] = [AxisKind::YesNo, AxisKind::Choice, AxisKind::Text];

    /// The stored word.
    pub fn word(self) -> &'static str {
        match self {
            AxisKind::YesNo => "yes_no",
            AxisKind::Choice => "choice",
            AxisKind::Text => "text",
        }
    }

    /// How the kind is shown to the analyst.
    pub fn label(self) -> &'static str {
        match self {
            AxisKind::YesNo => "yes/no",
            AxisKind::Choice => "choice list",
            AxisKind::Text => "free text",
        }
    }
}

impl fmt::Display for AxisKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for AxisKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<AxisKind> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "yes_no" | "yesno" | "yes/no" => Ok(AxisKind::YesNo),
            "choice" => Ok(AxisKind::Choice),
            "text" => Ok(AxisKind::Text),
            other => Err(Error::Invalid(format!(
                "{other:?} is not a kind of axis: use yes-no, choice or text"
            ))),
        }
    }
}

/// An axis as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Axis {
    pub id: Id,
    pub name: String,
    pub kind: AxisKind,
    /// The allowed values of a choice axis, in the order given.
    pub choices: Vec<String>,
    pub created_by: String,
    pub created_at: String,
}

impl Axis {
    /// The values a form offers: yes and no, or the choices; empty for a text axis.
    pub fn options(&self) -> Vec<String> {
        match self.kind {
            AxisKind::YesNo => vec!["yes".into(), "no".into()],
            AxisKind::Choice => self.choices.clone(),
            AxisKind::Text => Vec::new(),
        }
    }

    /// `value` checked against the axis and written the stored way (trimmed; the choice's own
    /// spelling; yes/no in lower case). The empty value, which clears the axis, is always allowed.
    pub fn check(&self, value: &str) -> Result<String> {
        let value = value.trim();
        if value.is_empty() || self.kind == AxisKind::Text {
            return Ok(value.to_string());
        }
        self.options()
            .into_iter()
            .find(|o| o.eq_ignore_ascii_case(value))
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "{value:?} is not a value of the axis {:?}: use {}",
                    self.name,
                    self.options().join(", ")
                ))
            })
    }
}

/// An axis to define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAxis {
    pub name: String,
    pub kind: AxisKind,
    /// The allowed values of a choice axis.
    pub choices: Vec<String>,
    pub created_by: String,
}

impl NewAxis {
    /// The axis checked and tidied: a name without `=` (filters are written `NAME=VALUE`), and
    /// for a choice axis at least one choice, trimmed, without repeats; other kinds none.
    pub fn checked(&self) -> Result<NewAxis> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("an axis needs a name".into()));
        }
        if name.contains('=') {
            return Err(Error::Invalid(format!(
                "{name:?}: an axis name cannot contain '=' (values are set as NAME=VALUE)"
            )));
        }
        let mut choices: Vec<String> = Vec::new();
        if self.kind == AxisKind::Choice {
            for c in self
                .choices
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
            {
                if !choices.iter().any(|k| k.eq_ignore_ascii_case(c)) {
                    choices.push(c.to_string());
                }
            }
            if choices.is_empty() {
                return Err(Error::Invalid(format!(
                    "the choice axis {name:?} needs its choices (e.g. --choices a,b,c)"
                )));
            }
        }
        Ok(NewAxis {
            name: name.to_string(),
            kind: self.kind,
            choices,
            created_by: self.created_by.trim().to_string(),
        })
    }
}

/// A value of an axis for an outlet, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisValue {
    pub id: Id,
    pub outlet_id: Id,
    pub axis: String,
    pub analyst: String,
    /// Empty when the analyst cleared the axis.
    pub value: String,
    pub created_at: String,
}

/// Splits `NAME=VALUE` (as given to `--axis`) into the axis name and the value.
pub fn parse_assignment(text: &str) -> Result<(String, String)> {
    let (name, value) = text.split_once('=').ok_or_else(|| {
        Error::Invalid(format!(
            "{text:?}: write NAME=VALUE, e.g. state-affiliated=yes"
        ))
    })?;
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid(format!(
            "{text:?}: the axis name is missing"
        )));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

/// Whether an outlet whose current axis values are `current` (axis name → value) has `value` on
/// `axis`; names and values match in any case. An empty `value` matches outlets without one.
pub fn matches(current: &BTreeMap<String, String>, axis: &str, value: &str) -> bool {
    let found = current
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(axis.trim()))
        .map_or("", |(_, v)| v.as_str());
    found.eq_ignore_ascii_case(value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(kind: AxisKind, choices: &[&str]) -> Axis {
        Axis {
            id: 1,
            name: "ownership".into(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            created_by: "ana".into(),
            created_at: String::new(),
        }
    }

    #[test]
    fn values_are_checked_against_the_kind_of_axis() {
        let yes_no = axis(AxisKind::YesNo, &[]);
        assert_eq!(yes_no.check(" Yes ").unwrap(), "yes");
        assert_eq!(yes_no.check("").unwrap(), "");
        assert!(
            yes_no
                .check("maybe")
                .unwrap_err()
                .to_string()
                .contains("yes, no")
        );
        let choice = axis(AxisKind::Choice, &["Qadira", "Abroad"]);
        assert_eq!(choice.check("qadira").unwrap(), "Qadira");
        assert!(choice.check("Mars").is_err());
        assert_eq!(
            axis(AxisKind::Text, &[]).check(" anything ").unwrap(),
            "anything"
        );
    }

    #[test]
    fn a_new_axis_needs_a_name_without_equals_and_choices_when_it_is_a_choice() {
        let new = |name: &str, kind, choices: &[&str]| NewAxis {
            name: name.into(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            created_by: "ana".into(),
        };
        assert!(new(" ", AxisKind::Text, &[]).checked().is_err());
        assert!(new("a=b", AxisKind::Text, &[]).checked().is_err());
        assert!(
            new("owner", AxisKind::Choice, &[" ", ""])
                .checked()
                .is_err()
        );
        let ok = new(" owner ", AxisKind::Choice, &["x", " y", "X"])
            .checked()
            .unwrap();
        assert_eq!(ok.name, "owner");
        assert_eq!(ok.choices, ["x", "y"]);
        assert!(
            new("t", AxisKind::Text, &["x"])
                .checked()
                .unwrap()
                .choices
                .is_empty()
        );
    }

    #[test]
    fn kinds_parse_as_typed_on_the_command_line() {
        assert_eq!("yes-no".parse::<AxisKind>().unwrap(), AxisKind::YesNo);
        assert_eq!("Choice".parse::<AxisKind>().unwrap(), AxisKind::Choice);
        assert!("number".parse::<AxisKind>().is_err());
    }

    #[test]
    fn filters_match_names_and_values_in_any_case() {
        let mut current = BTreeMap::new();
        current.insert("State-affiliated".to_string(), "yes".to_string());
        assert!(matches(&current, "state-affiliated", "YES"));
        assert!(!matches(&current, "state-affiliated", "no"));
        assert!(matches(&current, "ownership", ""));
        assert_eq!(
            parse_assignment("state-affiliated = yes").unwrap(),
            ("state-affiliated".to_string(), "yes".to_string())
        );
        assert!(parse_assignment("state-affiliated").is_err());
    }
}
