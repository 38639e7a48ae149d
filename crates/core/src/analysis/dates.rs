//! Publication dates: from metadata strings in the many forms exports use, and from an article's
//! opening lines ("Updated 28 May 2018", "24 November 2017", "2017-11-24", "September 5").
//! Dates are kept as `YYYY-MM-DD`.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    // Russian, genitive (as dates are written) and nominative.
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    // French.
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
];

fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

const MONTH_ALT: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").expect("valid regex")
});
static US: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").expect("valid regex"));
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+({MONTH_ALT})\.?,?\s+(\d{{4}})\b"
    ))
    .expect("valid regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .expect("valid regex")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b({MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    ))
    .expect("valid regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(\d{{1,2}})\s+({MONTH_ALT})\b")).expect("valid regex")
});

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

/// A date from a metadata value: RFC 3339 and ISO dates, `M/D/YYYY` (as US exports write them),
/// `D Month YYYY`, `Month D, YYYY`, RFC 2822. `None` when no full date is found.
pub fn parse_date(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(value) {
        // Through `ymd` like every other form: RFC 2822 reads a 3-digit year as 1900 + year.
        use chrono::Datelike;
        let date = t.date_naive();
        return ymd(date.year(), date.month(), date.day());
    }
    first_full_date(value)
}

/// The first full date (with a year) in `text`, by position.
fn first_full_date(text: &str) -> Option<String> {
    // Every full date has a four-digit year; most lines have none, and the month patterns are
    // costly to run.
    if !has_four_digits(text) {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    let mut consider = |at: usize, date: Option<String>| {
        if let Some(date) = date
            && best.as_ref().is_none_or(|(b, _)| at < *b)
        {
            best = Some((at, date));
        }
    };
    if let Some(c) = ISO.captures(text) {
        let at = c.get(0).map_or(0, |m| m.start());
        consider(at, ymd(num(&c[1]), num(&c[2]) as u32, num(&c[3]) as u32));
    }
    if let Some(c) = US.captures(text) {
        let at = c.get(0).map_or(0, |m| m.start());
        consider(at, ymd(num(&c[3]), num(&c[1]) as u32, num(&c[2]) as u32));
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        let at = c.get(0).map_or(0, |m| m.start());
        consider(
            at,
            month(&c[2]).and_then(|m| ymd(num(&c[3]), m, num(&c[1]) as u32)),
        );
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        let at = c.get(0).map_or(0, |m| m.start());
        consider(
            at,
            month(&c[1]).and_then(|m| ymd(num(&c[3]), m, num(&c[2]) as u32)),
        );
    }
    best.map(|(_, d)| d)
}

fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

fn num(s: &str) -> i32 {
    s.parse().unwrap_or(0)
}

/// The publication date written in an article's opening lines. A date without a year
/// ("September 5") takes `fallback_year` (the file's modification year) when one is given.
pub fn date_in_text(text: &str, fallback_year: Option<i32>) -> Option<String> {
    // The dateline sits near the top; a date deep in the body is usually about something else.
    let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
    // At most 1,500 bytes, cut back to a character boundary (not the whole head when the cut
    // falls inside a character).
    let mut end = head.len().min(1_500);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let head = &head[..end];
    if let Some(date) = first_full_date(head) {
        return Some(date);
    }
    let year = fallback_year?;
    if let Some(c) = MONTH_DAY.captures(head) {
        return month(&c[1]).and_then(|m| ymd(year, m, num(&c[2]) as u32));
    }
    if let Some(c) = DAY_MONTH.captures(head) {
        return month(&c[2]).and_then(|m| ymd(year, m, num(&c[1]) as u32));
    }
    None
}

/// A date a text mentions: its span and, when it can be placed, the day it names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DateMention {
    /// `YYYY-MM-DD`, when the text (or `year` for "14 March") pins the day.
    pub date: Option<String>,
    pub start: usize,
    pub end: usize,
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:on|last|this|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
        .expect("valid regex")
});

/// Every date a text mentions, in order: full dates, a day and month (placed in `year` when
/// given), and "on Friday"-style weekdays (left unplaced). Overlapping forms count once.
pub fn dates_mentioned(text: &str, year: Option<i32>) -> Vec<DateMention> {
    let mut found: Vec<DateMention> = Vec::new();
    let mut add = |m: regex::Match, date: Option<String>| {
        found.push(DateMention {
            date,
            start: m.start(),
            end: m.end(),
        });
    };
    for c in ISO.captures_iter(text) {
        if let Some(m) = c.get(0) {
            add(m, ymd(num(&c[1]), num(&c[2]) as u32, num(&c[3]) as u32));
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        if let Some(m) = c.get(0) {
            add(
                m,
                month(&c[2]).and_then(|mo| ymd(num(&c[3]), mo, num(&c[1]) as u32)),
            );
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        if let Some(m) = c.get(0) {
            add(
                m,
                month(&c[1]).and_then(|mo| ymd(num(&c[3]), mo, num(&c[2]) as u32)),
            );
        }
    }
    for c in DAY_MONTH.captures_iter(text) {
        if let Some(m) = c.get(0) {
            add(
                m,
                year.and_then(|y| month(&c[2]).and_then(|mo| ymd(y, mo, num(&c[1]) as u32))),
            );
        }
    }
    for c in MONTH_DAY.captures_iter(text) {
        if let Some(m) = c.get(0) {
            add(
                m,
                year.and_then(|y| month(&c[1]).and_then(|mo| ymd(y, mo, num(&c[2]) as u32))),
            );
        }
    }
    for m in WEEKDAY.find_iter(text) {
        add(m, None);
    }
    // Longest first at each start, then drop what overlaps an earlier mention.
    found.sort_by_key(|d| (d.start, std::cmp::Reverse(d.end)));
    let mut out: Vec<DateMention> = Vec::new();
    for d in found {
        if out.last().is_none_or(|prev| d.start >= prev.end) {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_mentioned_in_a_body_are_found_and_placed() {
        let text =
            "On 14 March 2025 shells fell; by March 16 the toll rose. Officials met on Friday.";
        let spans: Vec<&str> = dates_mentioned(text, Some(2025))
            .iter()
            .map(|d| &text[d.start..d.end])
            .collect();
        assert_eq!(spans, ["14 March 2025", "March 16", "on Friday"]);
        let dates: Vec<Option<String>> = dates_mentioned(text, Some(2025))
            .into_iter()
            .map(|d| d.date)
            .collect();
        assert_eq!(
            dates,
            [
                Some("2025-03-14".to_string()),
                Some("2025-03-16".to_string()),
                None
            ]
        );
    }

    #[test]
    fn metadata_dates_in_common_forms() {
        assert_eq!(
            parse_date("2025-03-14T08:30:00Z").as_deref(),
            Some("2025-03-14")
        );
        assert_eq!(parse_date("3/14/2025").as_deref(), Some("2025-03-14"));
        assert_eq!(parse_date("14 March 2025").as_deref(), Some("2025-03-14"));
        assert_eq!(parse_date("March 14, 2025").as_deref(), Some("2025-03-14"));
        assert_eq!(
            parse_date("Fri, 14 Mar 2025 08:30:00 +0000").as_deref(),
            Some("2025-03-14")
        );
        assert_eq!(parse_date("14 марта 2025").as_deref(), Some("2025-03-14"));
        assert_eq!(parse_date("not a date"), None);
        assert_eq!(parse_date("Mon, 6 Jan 492 00:00 GMT"), None, "year 2392");
        assert_eq!(parse_date("2/30/2025"), None);
    }

    #[test]
    fn dates_found_in_the_opening_lines() {
        assert_eq!(
            date_in_text("Headline\nUpdated 28 May 2018\nBody", None).as_deref(),
            Some("2018-05-28")
        );
        assert_eq!(
            date_in_text("Headline\nBEIRUT, 24 November 2017 — text", None).as_deref(),
            Some("2017-11-24")
        );
        assert_eq!(
            date_in_text("Headline\nPublished: 2017-11-24\n", None).as_deref(),
            Some("2017-11-24")
        );
        assert_eq!(
            date_in_text("Headline\nSeptember 5 — text", Some(2017)).as_deref(),
            Some("2017-09-05")
        );
        assert_eq!(date_in_text("Headline\nSeptember 5 — text", None), None);
        assert_eq!(date_in_text("No date here at all.", Some(2020)), None);
    }
}
