//! Casualty figures: a number and what it counts (killed, wounded, captured), with its qualifier
//! ("at least") and span. Enough for linking ("both report 35 killed"); the Compare view's claims
//! build on it.

use serde::{Deserialize, Serialize};

use super::Token;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Killed,
    Wounded,
    Captured,
}

impl Role {
    /// The word shown in evidence and tables.
    pub fn label(self) -> &'static str {
        match self {
            Role::Killed => "killed",
            Role::Wounded => "wounded",
            Role::Captured => "captured",
        }
    }
}

/// A number a text gives for a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub role: Role,
    pub value: u32,
    /// "at least", "more than", "up to", "about", when the text hedges the number.
    pub qualifier: Option<String>,
    pub start: usize,
    pub end: usize,
}

pub(super) fn role_of(word: &str) -> Option<Role> {
    Some(match word {
        "killed" | "kill" | "killing" | "dead" | "died" | "deaths" | "death" | "toll" | "lives"
        | "martyred" | "martyrs" | "fatalities" | "bodies" | "massacred" | "executed"
        | "погибли" | "погиб" | "погибших" | "убиты" | "убито" | "убили" | "жертв" | "жертвами"
        | "погибло" | "погибшими" => Role::Killed,
        "wounded"
        | "injured"
        | "injuring"
        | "wounding"
        | "injuries"
        | "hurt"
        | "casualties"
        | "ранены"
        | "ранения"
        | "раненых"
        | "ранено"
        | "пострадали"
        | "пострадавших" => Role::Wounded,
        "captured" | "arrested" | "detained" | "abducted" | "kidnapped" | "prisoners"
        | "задержали" | "задержаны" | "захвачены" => Role::Captured,
        _ => return None,
    })
}

pub(super) fn word_value(word: &str) -> Option<u32> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = SMALL.iter().position(|w| *w == word) {
        return Some(i as u32);
    }
    if let Some(i) = TENS.iter().position(|w| *w == word) {
        return Some(20 + 10 * i as u32);
    }
    match word {
        "dozen" => Some(12),
        "hundred" => Some(100),
        "два" | "две" => Some(2),
        "три" => Some(3),
        "четыре" => Some(4),
        "пять" => Some(5),
        "десять" => Some(10),
        _ => None,
    }
}

/// Words after a number that say it is not a head count.
pub(super) fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "km" | "kilometres"
            | "kilometers"
            | "kilometre"
            | "kilometer"
            | "miles"
            | "mile"
            | "m"
            | "metres"
            | "meters"
            | "percent"
            | "per"
            | "hours"
            | "hour"
            | "minutes"
            | "years"
            | "year"
            | "days"
            | "day"
            | "weeks"
            | "months"
            | "am"
            | "pm"
            | "gmt"
            | "utc"
            | "mm"
            | "dollars"
            | "pounds"
            | "tonnes"
            | "tons"
            | "км"
            | "часов"
            | "лет"
            | "года"
    )
}

pub(super) fn is_month(word: &str) -> bool {
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

pub(super) fn qualifier_before(tokens: &[Token], at: usize) -> Option<String> {
    let word = |back: usize| -> &str {
        at.checked_sub(back)
            .and_then(|i| tokens.get(i))
            .map_or("", |t| t.folded.as_str())
    };
    let two = format!("{} {}", word(2), word(1));
    for q in [
        "at least",
        "more than",
        "up to",
        "as many as",
        "less than",
        "fewer than",
    ] {
        if two == q || (q.split(' ').count() == 3 && format!("{} {two}", word(3)) == q) {
            return Some(q.to_string());
        }
    }
    match word(1) {
        "about" | "around" | "nearly" | "almost" | "some" | "approximately" | "roughly"
        | "over" => Some(word(1).to_string()),
        _ => None,
    }
}

/// How far apart two words are, in words; a comma, semicolon, "and", "while" or "but" between
/// them counts as three more, so the nearer word in the same clause wins.
pub(super) fn word_distance(text: &str, tokens: &[Token], from: usize, to: usize) -> usize {
    let (lo, hi) = (from.min(to), from.max(to));
    let crosses = text
        .get(tokens[lo].end..tokens[hi].start)
        .is_some_and(|gap| gap.contains(',') || gap.contains(';'))
        || tokens[lo + 1..hi]
            .iter()
            .any(|t| matches!(t.folded.as_str(), "and" | "while" | "but" | "и"));
    hi - lo + if crosses { 3 } else { 0 }
}

/// The casualty figures in a text, in order.
pub fn figures(text: &str, tokens: &[Token]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let (value, used) = match number_at(text, tokens, i) {
            Some(found) => found,
            None => {
                i += 1;
                continue;
            }
        };
        let last = i + used - 1;
        let next = tokens.get(last + 1).map_or("", |t| t.folded.as_str());
        let prev = i.checked_sub(1).map_or("", |p| tokens[p].folded.as_str());
        let year = t.folded.len() == 4 && (1900..=2100).contains(&value);
        let time = text[..t.start].ends_with(':') || text[tokens[last].end..].starts_with(':');
        if year || time || is_unit(next) || is_month(next) || is_month(prev) || value > 1_000_000 {
            i += used;
            continue;
        }
        // The nearest word naming a role: up to five words after, or three before (not counting
        // a qualifier: "killed at least 19"). A word across "and" or a comma is further away.
        let qualifier = qualifier_before(tokens, i);
        let skipped = qualifier.as_deref().map_or(0, |q| q.split(' ').count());
        let distance = |from: usize, to: usize| word_distance(text, tokens, from, to);
        let after = (last + 1..(last + 6).min(tokens.len()))
            .find_map(|j| role_of(&tokens[j].folded).map(|r| (distance(last, j), r)));
        let before = (i.saturating_sub(3 + skipped)..i)
            .rev()
            .find_map(|j| role_of(&tokens[j].folded).map(|r| (distance(j, i) - skipped, r)));
        let role = match (after, before) {
            (Some((da, ra)), Some((db, rb))) => Some(if db < da { rb } else { ra }),
            (Some((_, r)), None) | (None, Some((_, r))) => Some(r),
            (None, None) => None,
        };
        if let Some(role) = role {
            out.push(Figure {
                role,
                value,
                qualifier,
                start: t.start,
                end: tokens[last].end,
            });
        }
        i += used;
    }
    out
}

/// The number starting at token `i` and how many tokens it spans ("1,200" is two tokens).
pub(super) fn number_at(text: &str, tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = &tokens[i];
    if t.folded.chars().all(|c| c.is_ascii_digit()) {
        let mut value: u64 = t.folded.parse().ok()?;
        let mut used = 1;
        // Thousands separators: "1,200" and "1 200".
        while let Some(next) = tokens.get(i + used) {
            let gap = text.get(tokens[i + used - 1].end..next.start).unwrap_or("");
            if (gap == "," || gap == " " || gap == "\u{a0}")
                && next.folded.len() == 3
                && next.folded.chars().all(|c| c.is_ascii_digit())
                && value < 1000
            {
                value = value * 1000 + next.folded.parse::<u64>().ok()?;
                used += 1;
            } else {
                break;
            }
        }
        return u32::try_from(value).ok().map(|v| (v, used));
    }
    let first = word_value(&t.folded)?;
    // "twenty three", "two hundred"
    if let Some(next) = tokens.get(i + 1) {
        if (20..100).contains(&first)
            && first % 10 == 0
            && let Some(unit) = word_value(&next.folded).filter(|v| *v < 10)
        {
            return Some((first + unit, 2));
        }
        if next.folded == "hundred" && first < 10 {
            return Some((first * 100, 2));
        }
    }
    Some((first, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    fn found(text: &str) -> Vec<(Role, u32, Option<String>)> {
        figures(text, &tokens(text))
            .into_iter()
            .map(|f| (f.role, f.value, f.qualifier))
            .collect()
    }

    #[test]
    fn figures_take_the_role_of_the_nearest_word() {
        assert_eq!(
            found("Shelling killed at least 19 people and wounded 42 others on 14 March 2025."),
            vec![
                (Role::Killed, 19, Some("at least".into())),
                (Role::Wounded, 42, None)
            ]
        );
        assert_eq!(
            found("Seven soldiers were killed and twenty three injured."),
            vec![(Role::Killed, 7, None), (Role::Wounded, 23, None)]
        );
        assert_eq!(
            found("The death toll rose to 1,200."),
            vec![(Role::Killed, 1200, None)]
        );
    }

    #[test]
    fn dates_times_years_and_distances_are_not_figures() {
        assert!(
            found("At 14:30 on 5 August 2025, 12 km from the town, nobody was killed.").is_empty()
        );
    }

    #[test]
    fn russian_reports_count_too() {
        assert_eq!(
            found("погибли 12 мирных жителей, ещё 38 человек получили ранения"),
            vec![(Role::Killed, 12, None), (Role::Wounded, 38, None)]
        );
    }
}
