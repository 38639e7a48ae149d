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

/// A month's number from its name or abbreviation, in English, French or Russian ("Sep.", "mai").
pub fn month_number(name: &str) -> Option<u32> {
    month(name)
}

fn month(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

/// Whether a word (lower case) is a day of the week in English, in full or as datelines shorten
/// it ("Fri", "Thurs").
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
        || matches!(
            word,
            "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
        )
}

/// The days of the week in English.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a word (folded: lower case) names a month ("march", "sept", "мая") or a day of the
/// week in English: never a place, though GeoNames has a March and a May.
pub fn is_month_or_weekday(word: &str) -> bool {
    month(word).is_some() || WEEKDAYS.contains(&word)
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

/// Where an article's publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// The file's own metadata: a front-matter, JSON, CSV or page field.
    Metadata,
    /// The article's address: `/2017/09/05/` in its URL.
    Address,
    /// A line near the top that gives the date ("Updated 28 May 2018"), or a wire dateline
    /// ("BEIRUT, 24 November 2017 —").
    Dateline,
    /// A sentence of the lead that says when it happened ("on Friday, 14 March 2025").
    Text,
}

impl DateSource {
    /// The word stored and shown: metadata, address, dateline or text.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Address => "address",
            DateSource::Dateline => "dateline",
            DateSource::Text => "text",
        }
    }
}

/// What an article offers to date it by.
#[derive(Debug, Clone, Copy)]
pub struct DateEvidence<'a> {
    /// The date its metadata states, as written.
    pub metadata: Option<&'a str>,
    /// Its address.
    pub url: Option<&'a str>,
    /// Its full text.
    pub text: &'a str,
    /// Byte spans of the text that cannot date it: captions, credits, comments, appended stories.
    pub skip: &'a [(usize, usize)],
    /// The day of the import: no publication date is later.
    pub today: NaiveDate,
}

static ADDRESS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)").expect("valid regex")
});

/// The publication date of an article and where it was found, or `None` when nothing in the
/// article states it. In order: its metadata, its address, a dateline near the top, a sentence
/// of the lead that says when it happened. Nothing is taken from the clock or the file's time: a
/// date without a year ("September 5", "12 мая") takes its year only from the article's own
/// metadata or address. A date after `today` is not a publication date; a date inside a
/// sentence about something else (a birth, an anniversary) or in a caption is not either.
pub fn publication_date(e: &DateEvidence<'_>) -> Option<(String, DateSource)> {
    let not_future = |date: String| -> Option<String> {
        NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .ok()
            .filter(|d| *d <= e.today)
            .map(|_| date)
    };
    let metadata = e.metadata.and_then(parse_date);
    let address = e.url.and_then(|url| {
        let c = ADDRESS_DATE.captures(url)?;
        ymd(num(&c[1]), num(&c[2]) as u32, num(&c[3]) as u32)
    });
    // The year a date without one is read in: the article's own, from its metadata or address.
    let context_year = metadata
        .as_deref()
        .or(address.as_deref())
        .and_then(|d| d.get(..4))
        .map(num);
    if let Some(date) = metadata.and_then(not_future) {
        return Some((date, DateSource::Metadata));
    }
    if let Some(date) = address.and_then(not_future) {
        return Some((date, DateSource::Address));
    }
    opening_date(e.text, e.skip, context_year, |date| {
        not_future(date.to_string()).is_some()
    })
}

/// The publication date written in an article's opening lines: on a line of its own ("Updated
/// 28 May 2018"), in a wire dateline ("BEIRUT, 24 November 2017 —"), or in a sentence of the lead
/// saying when it happened ("on Friday, 14 March 2025"). A date without a year ("September 5")
/// takes `year`, the year of a dated context in the same article, and is not read without one.
pub fn date_in_text(text: &str, year: Option<i32>) -> Option<String> {
    opening_date(text, &[], year, |_| true).map(|(date, _)| date)
}

/// Words before "on DATE" that make the date something other than the day of the report: "born
/// on", "founded on", "since".
const NOT_THE_DAY: &[&str] = &[
    "born",
    "died",
    "founded",
    "established",
    "married",
    "since",
    "until",
    "till",
    "before",
    "after",
    "anniversary",
    "elected",
    "appointed",
    "sentenced",
    "signed",
    // When the page was saved, not when it appeared: "[downloaded on 2 October 2013]".
    "downloaded",
    "retrieved",
    "accessed",
    "archived",
    "saved",
];

static DATELINE_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    // "BEIRUT, ", "Москва, ", "Deir ez-Zor, ": a place of a few words and a comma, before the date.
    Regex::new(r"^\p{Lu}[\p{L}'.\-]*(?:\s[\p{L}'.\-]+){0,3},\s*$").expect("valid regex")
});

/// The first date of the opening lines that `keep` accepts, with where it was found. Lines
/// without a digit hold no date and are passed over unread; each other line's dates are found
/// once and read for each form in turn.
fn opening_date(
    text: &str,
    skip: &[(usize, usize)],
    year: Option<i32>,
    keep: impl Fn(&str) -> bool,
) -> Option<(String, DateSource)> {
    let mut at = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = at;
        at += raw.len();
        // The dateline sits near the top; a date deep in the body is usually about something else.
        if n >= 12 || start >= 1_500 {
            break;
        }
        let line = raw.trim();
        let skipped = skip.iter().any(|&(s, e)| s < at && start < e);
        if skipped || !line.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // At most the part of the line inside the first 1,500 bytes.
        let room = 1_500 - start;
        let mut end = line.len().min(room);
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let line = &line[..end];
        let mentions = dates_mentioned(line, year);
        let short = line.len() <= 80
            && !line.ends_with(['.', '!', '?'])
            && crate::text::word_count(line) <= 10;
        let first_recalled = mentions
            .first()
            .is_some_and(|m| word_before_on(&line[..m.start]).is_some_and(|w| not_the_day(&w)));
        let found = if short
            && !first_recalled
            && let Some(date) = first_full_date(line).or_else(|| yearless(line, year))
        {
            // On a line of its own.
            Some((date, DateSource::Dateline))
        } else if let Some(date) = wire_dateline(line, &mentions) {
            Some((date, DateSource::Dateline))
        } else {
            on_the_day(line, &mentions).map(|date| (date, DateSource::Text))
        };
        if let Some(found) = found.filter(|(date, _)| keep(date)) {
            return Some(found);
        }
    }
    None
}

/// The date of a wire dateline opening the lead, `mentions` being the line's dates: "BEIRUT,
/// 24 November 2017 — …", "DAMASCUS, Sept 5 (Reuters) - …".
fn wire_dateline(line: &str, mentions: &[DateMention]) -> Option<String> {
    let first = mentions.first()?;
    let date = first.date.clone()?;
    DATELINE_PLACE
        .is_match(&line[..first.start])
        .then_some(date)
}

/// The first day and month without a year in `text`, placed in `year`.
fn yearless(text: &str, year: Option<i32>) -> Option<String> {
    let year = year?;
    let month_day = MONTH_DAY
        .captures(text)
        .and_then(|c| Some((c.get(0)?.start(), month(&c[1])?, num(&c[2]))));
    let day_month = DAY_MONTH
        .captures(text)
        .and_then(|c| Some((c.get(0)?.start(), month(&c[2])?, num(&c[1]))));
    let (_, m, d) = match (month_day, day_month) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    ymd(year, m, d as u32)
}

static ON_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\w+)\s+on\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?$")
        .expect("valid regex")
});

/// A date in a sentence that says it is the day things happened, `mentions` being the line's
/// dates: "on 14 March 2025", "on Friday, March 14, 2025" — not "born on April 22, 1923".
fn on_the_day(line: &str, mentions: &[DateMention]) -> Option<String> {
    mentions.iter().find_map(|m| {
        let date = m.date.as_ref()?;
        let word = word_before_on(&line[..m.start])?;
        (!not_the_day(&word)).then(|| date.clone())
    })
}

/// The word before "on [Weekday,] " that ends `before` (the text before a date), lower-cased.
fn word_before_on(before: &str) -> Option<String> {
    ON_WEEKDAY.captures(before).map(|c| c[1].to_lowercase())
}

/// Whether "WORD on DATE" makes the date the day of something else ("born on", "downloaded on").
fn not_the_day(word: &str) -> bool {
    NOT_THE_DAY.contains(&word)
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

    fn evidence<'a>(
        metadata: Option<&'a str>,
        url: Option<&'a str>,
        text: &'a str,
    ) -> DateEvidence<'a> {
        DateEvidence {
            metadata,
            url,
            text,
            skip: &[],
            today: NaiveDate::from_ymd_opt(2026, 12, 6).expect("a day"),
        }
    }

    fn dated(e: &DateEvidence<'_>) -> Option<(String, &'static str)> {
        publication_date(e).map(|(d, s)| (d, s.as_str()))
    }

    #[test]
    fn a_date_without_a_year_is_never_given_one_from_outside_the_article() {
        let text = "Headline\nSeptember 5 — Troops entered the town.";
        assert_eq!(dated(&evidence(None, None, text)), None);
        let text = "Заголовок\nМосква, 12 мая — Текст сообщения.";
        assert_eq!(dated(&evidence(None, None, text)), None);
    }

    #[test]
    fn metadata_then_address_then_dateline_date_an_article() {
        let text = "Headline\nUpdated 28 May 2018\nBody.";
        assert_eq!(
            dated(&evidence(Some("2018-05-27T10:00:00Z"), None, text)),
            Some(("2018-05-27".into(), "metadata"))
        );
        assert_eq!(
            dated(&evidence(
                None,
                Some("https://example.org/news/2018/05/26/story"),
                text
            )),
            Some(("2018-05-26".into(), "address"))
        );
        assert_eq!(
            dated(&evidence(None, None, text)),
            Some(("2018-05-28".into(), "dateline"))
        );
    }

    #[test]
    fn a_sentence_dates_an_article_only_when_it_says_the_day_things_happened() {
        let lead = "Headline\nShells hit the market on Friday, 14 March 2025, killing 19.";
        assert_eq!(
            dated(&evidence(None, None, lead)),
            Some(("2025-03-14".into(), "text"))
        );
        let recalled = "Headline\nThe general, born on April 22, 1923, led the army.";
        assert_eq!(dated(&evidence(None, None, recalled)), None);
        let in_passing = "Headline\nThe treaty of 5 May 2010 still holds, officials said.";
        assert_eq!(dated(&evidence(None, None, in_passing)), None);
        let saved = "Posted a year ago [downloaded on 2 October 2013]\nThe director said more.";
        assert_eq!(dated(&evidence(None, None, saved)), None);
    }

    #[test]
    fn a_date_after_the_import_is_not_a_publication_date() {
        let text = "Headline\nUpdated 28 May 2031\nBody.";
        assert_eq!(dated(&evidence(Some("2031-01-01"), None, text)), None);
    }

    #[test]
    fn a_caption_does_not_date_an_article() {
        let text = "Headline\nPhoto: the market on 2 March 2017 (AFP)\nUpdated 28 May 2018\n";
        let caption_start = text.find("Photo").expect("caption");
        let caption_end = text.find("Updated").expect("dateline");
        let e = DateEvidence {
            skip: &[(caption_start, caption_end)],
            ..evidence(None, None, text)
        };
        assert_eq!(dated(&e), Some(("2018-05-28".into(), "dateline")));
    }

    #[test]
    fn a_year_from_the_address_places_a_dateline_without_one() {
        assert_eq!(
            opening_date(
                "Headline\nDAMASCUS, Sept 5 (Reuters) - Text.",
                &[],
                Some(2017),
                |_| true
            ),
            Some(("2017-09-05".to_string(), DateSource::Dateline))
        );
    }
}
