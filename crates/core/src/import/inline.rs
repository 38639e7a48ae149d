//! Furniture inside the text's own paragraphs. A page flattened into one paragraph (a CSV export,
//! a scraped dataset, a copy and paste) keeps its furniture in the flow of the text, where no
//! line rule sees it: at the top a date stamp ("Fri Sep 27 2013", "Posted on April 4 2017 by
//! …", "Last Update: …"), a byline, and the headline again; at the end the wire's credits
//! ("Reporting by …; Editing by …"), a source line ("(Source: …)", "Source … and agencies", "—
//! REUTERS"), tags and site links, and an editor's sign-off code ("Manar/Mazen", "SHISHI").
//!
//! Each is a span of the text with its reason, as the line rules give. Every span is short and
//! bounded, and none is taken when nothing of the paragraph would be left.

use super::clean::reason;
use crate::analysis::{dates, fold_word};
use crate::text;

/// How far into a paragraph its top furniture may reach, in bytes.
const TOP_BYTES: usize = 400;
/// How far from a paragraph's end its closing furniture may begin, in bytes.
const END_BYTES: usize = 400;
/// Words of a sign-off after the last sentence, at most.
const SIGN_OFF_WORDS: usize = 8;

/// The furniture at the top of the paragraph `start..end` of `text` (its first) and at the end
/// of the paragraph `last` (its last, which may be the same), with reasons; `title` is the
/// article's headline.
pub fn furniture(
    text: &str,
    first: (usize, usize),
    last: (usize, usize),
    title: &str,
) -> Vec<(usize, usize, &'static str)> {
    let mut out = top(text, first, title);
    let from = out.last().map_or(last.0, |s| s.1.max(last.0));
    if from < last.1 {
        out.extend(end(text, (from, last.1)));
    }
    // Something of the paragraphs must be left: furniture is around an article, not all of it.
    let cut: usize = out.iter().map(|(s, e, _)| e - s).sum();
    let words_left = |(s, e): (usize, usize)| text::word_count(&text[s..e]);
    let whole = words_left(first) + if last == first { 0 } else { words_left(last) };
    let taken: usize = out.iter().map(|(s, e, _)| words_left((*s, *e))).sum();
    if cut == 0 || taken >= whole {
        return Vec::new();
    }
    out
}

/// A word of the text and where it is.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// The whitespace-separated words of `text[range]`, with their offsets in `text`.
fn words_in(text: &str, (start, end): (usize, usize)) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let piece = &text[start..end];
    let mut at = None;
    for (i, c) in piece
        .char_indices()
        .chain(std::iter::once((piece.len(), ' ')))
    {
        match (c.is_whitespace(), at) {
            (true, Some(s)) => {
                out.push(Word {
                    start: start + s,
                    end: start + i,
                    text: &piece[s..i],
                });
                at = None;
            }
            (false, None) => at = Some(i),
            _ => {}
        }
    }
    out
}

/// The top of a paragraph: date stamps, a byline and the headline, in any order, each once.
fn top(text: &str, (start, end): (usize, usize), title: &str) -> Vec<(usize, usize, &'static str)> {
    let limit = end.min(start + TOP_BYTES);
    let mut limit = limit;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let words = words_in(text, (start, limit));
    let title_words: Vec<String> = text::words(title).map(fold_word).collect();
    let mut out: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut i = 0;
    let (mut stamped, mut headlined) = (false, false);
    loop {
        if !stamped && let Some(n) = stamp(text, &words[i..]) {
            let mut to = i + n;
            // "… by Asharq Al-Awsat English": the byline runs to the headline, when it follows,
            // else over the capitalised words after "by".
            if words[to - 1].text.eq_ignore_ascii_case("by") {
                to += byline(&words[to..], &title_words);
            }
            out.push((words[i].start, words[to - 1].end, reason::DATE_LINE));
            stamped = true;
            i = to;
            continue;
        }
        if !headlined && let Some(n) = headline(&words[i..], &title_words) {
            out.push((
                words[i].start,
                words[i + n - 1].end,
                reason::REPEATED_HEADLINE,
            ));
            headlined = true;
            i += n;
            // "… from Syria focus. Mark Felsenthal. President Barack Obama said": a byline of
            // its own after the headline.
            if let Some(n) = byline_sentence(&words[i..]) {
                out.push((words[i].start, words[i + n - 1].end, reason::BYLINE));
                i += n;
            }
            continue;
        }
        break;
    }
    out
}

/// Words that may stand in a date stamp besides the date itself.
const STAMP_WORDS: &[&str] = &[
    "published",
    "posted",
    "on",
    "last",
    "updated",
    "update",
    "at",
    "date",
    "utc",
    "gmt",
    "ksa",
    "-",
    "|",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A word of a date or a time: digits and separators ("24.08.2013", "21:09", "2017").
fn numeric(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | ':' | '+'))
}

/// How many of `words` make a date stamp at their start ("Fri Sep 27 2013", "Posted on April 4
/// 2017 by", "Saturday 17 September 2016 21:09", "Last updated at Apr 232017"): words of dates,
/// times and labels only, holding a full date, and after the year only a time and its zone.
fn stamp(text: &str, words: &[Word<'_>]) -> Option<usize> {
    let mut n = 0;
    let mut year_seen = false;
    let mut dated_at = None;
    while let Some(w) = words.get(n) {
        let bare = w.text.trim_end_matches([',', ':', '|', ';']).to_lowercase();
        let month = dates::month_number(&bare).is_some();
        let ok = if year_seen {
            // After the year, a time ("21:09", "2037 UTC+3"), its zone, or a byline's "by".
            bare.contains(':')
                || bare.starts_with("utc")
                || bare.starts_with("gmt")
                || matches!(bare.as_str(), "ksa" | "-" | "by")
                || (bare.len() == 4
                    && bare.chars().all(|c| c.is_ascii_digit())
                    && words.get(n + 1).is_some_and(|next| {
                        let next = next.text.to_lowercase();
                        next.starts_with("utc") || next.starts_with("gmt")
                    }))
        } else {
            month || numeric(&bare) || STAMP_WORDS.contains(&bare.as_str())
        };
        if !ok {
            break;
        }
        n += 1;
        if bare == "by" {
            break;
        }
        if !year_seen && numeric(&bare) {
            let first = words[0].start;
            let span = &text[first..w.end];
            if let Some(found) = date_in(span) {
                year_seen = true;
                dated_at = Some(found);
            }
        }
    }
    dated_at?;
    // A stamp that ends on a label ("… on") is no stamp: take back to the last date or time.
    while n > 0 {
        let last = words[n - 1].text.to_lowercase();
        let last = last.trim_end_matches([',', ':', '|', ';']);
        if numeric(last) || last == "by" || last.starts_with("utc") || last.starts_with("gmt") {
            break;
        }
        n -= 1;
    }
    (n > 0).then_some(n)
}

/// A full date in a stamp's words, as the text writes it or with the day and the year run
/// together ("Apr 232017").
fn date_in(span: &str) -> Option<String> {
    let cleaned: String = span
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', ':', '|', ';']).to_lowercase();
            !STAMP_WORDS.contains(&w.as_str()) || dates::month_number(&w).is_some()
        })
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(date) = dates::parse_date(&cleaned) {
        return Some(date);
    }
    // "24.08.2013", "15-09-2013": day, month and year in figures.
    let figures: Vec<&str> = cleaned.split(['.', '-', '/']).collect();
    if let [day, month, year] = figures.as_slice()
        && year.len() == 4
        && [day, month, year]
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (d, m) = (day.parse::<u32>().ok()?, month.parse::<u32>().ok()?);
        // Day first, as these stamps write it; a month first where the first cannot be one.
        let (d, m) = if m > 12 { (m, d) } else { (d, m) };
        return dates::parse_date(&format!("{year}-{m:02}-{d:02}"));
    }
    // "Apr 232017": a month, then day and year in one word.
    let mut parts = cleaned.split_whitespace();
    let (month, fused) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || dates::month_number(&month.to_lowercase()).is_none() {
        return None;
    }
    let digits = fused.len();
    if !(5..=6).contains(&digits) || !fused.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (day, year) = fused.split_at(digits - 4);
    dates::parse_date(&format!("{month} {day} {year}"))
}

/// Words of a byline after "by": up to the headline when it follows within a few words, else the
/// capitalised words (and "and") that follow, at most six.
fn byline(words: &[Word<'_>], title: &[String]) -> usize {
    if !title.is_empty()
        && let Some(at) = (1..words.len().min(10)).find(|&k| headline(&words[k..], title).is_some())
    {
        return at;
    }
    words
        .iter()
        .take(6)
        .take_while(|w| w.text.chars().next().is_some_and(char::is_uppercase) || w.text == "and")
        .count()
}

/// How many of `words` are a byline standing as a sentence of its own: two to four capitalised
/// words, the last ending the sentence, and a capitalised word after it.
fn byline_sentence(words: &[Word<'_>]) -> Option<usize> {
    let capitalised = |w: &Word<'_>| {
        w.text.chars().next().is_some_and(char::is_uppercase)
            && !w.text.chars().any(|c| c.is_ascii_digit())
    };
    let n = (2..=4).find(|&n| {
        words.len() > n
            && words[..n].iter().all(capitalised)
            && words[n - 1].text.ends_with('.')
            && words[..n - 1].iter().all(|w| !w.text.ends_with('.'))
            && capitalised(&words[n])
    })?;
    Some(n)
}

/// How many of `words` repeat the headline at their start: every word of the headline, in order
/// (the text's punctuation aside), and something after it.
fn headline(words: &[Word<'_>], title: &[String]) -> Option<usize> {
    if title.len() < 3 {
        return None;
    }
    let mut want = title.iter().peekable();
    let mut n = 0;
    while want.peek().is_some() {
        let w = words.get(n)?;
        let folded: Vec<String> = text::words(w.text).map(fold_word).collect();
        n += 1;
        if folded.is_empty() {
            continue;
        }
        for f in folded {
            if want.next() != Some(&f) {
                return None;
            }
        }
    }
    // A trailing "." standing alone belongs to the headline.
    if words.get(n).is_some_and(|w| w.text == ".") {
        n += 1;
    }
    (n < words.len()).then_some(n)
}

/// The end of a paragraph: credits, a source line, tags and site links, and a sign-off, cut from
/// the first of them to the paragraph's end.
fn end(text: &str, (start, end): (usize, usize)) -> Vec<(usize, usize, &'static str)> {
    let mut from = end.saturating_sub(END_BYTES).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let tail = &text[from..end];
    let mut earliest: Option<(usize, &'static str)> = None;
    let mut take = |at: usize, why: &'static str| {
        if earliest.is_none_or(|(e, _)| at < e) {
            earliest = Some((at, why));
        }
    };
    for (marker, why) in CLOSING {
        if let Some(at) = find_word_start(tail, marker) {
            take(from + at, why);
        }
    }
    // "Source Example World and agencies": the wire line of a site that rewrites agency copy.
    if let Some(at) = agencies_line(tail) {
        take(from + at, reason::SIGN_OFF);
    }
    // "… 11 Tags Aleppo Syria …": a list of tags, and what follows it, with no sentence.
    if let Some(at) = find_word_start(tail, "Tags ")
        && !tail[at..].contains(". ")
    {
        // With the comment count or ellipsis before it ("... 11 Tags").
        let before = tail[..at].trim_end();
        let lead_in = before
            .rsplit(' ')
            .take_while(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.'))
            .map(|w| w.len() + 1)
            .sum::<usize>();
        take(
            from + before.len().saturating_sub(lead_in.saturating_sub(1)),
            reason::NAVIGATION,
        );
    }
    // "… in 2011.-AFP", "… a district of the city. --Reuters", "… said. - REUTERS": a dash and a
    // wire's name end the text.
    if let Some(at) = wire_sign_off(tail) {
        take(from + at, reason::SIGN_OFF);
    }
    // "… the airstrike. Manar al-Freih / Hazem Sabbagh": a few names or a code after the last
    // sentence.
    if let Some(at) = names_after_last_sentence(tail) {
        take(from + at, reason::SIGN_OFF);
    }
    match earliest {
        Some((at, why)) => vec![(at, end, why)],
        None => Vec::new(),
    }
}

/// What opens the furniture at a text's end, matched at a word's start (case kept).
const CLOSING: &[(&str, &str)] = &[
    ("Reporting by ", reason::SIGN_OFF),
    ("Additional reporting by ", reason::SIGN_OFF),
    ("Writing by ", reason::SIGN_OFF),
    ("Editing by ", reason::SIGN_OFF),
    ("Our Standards:", reason::SIGN_OFF),
    ("(Source:", reason::SIGN_OFF),
    ("(Sources:", reason::SIGN_OFF),
    ("This article is an edited translation", reason::SIGN_OFF),
    ("This article was translated", reason::SIGN_OFF),
    ("This article was originally published", reason::SIGN_OFF),
    ("Related News ", reason::NAVIGATION),
    ("Related Articles ", reason::NAVIGATION),
    ("Community standards", reason::NAVIGATION),
    ("Comment via Facebook", reason::NAVIGATION),
    ("Last Update:", reason::DATE_LINE),
    ("Last updated:", reason::DATE_LINE),
];

/// Where "Source … agencies" begins in `tail`: "Source", at most four words, "agencies".
fn agencies_line(tail: &str) -> Option<usize> {
    tail.match_indices("Source ").map(|(at, _)| at).find(|&at| {
        tail[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
            && tail[at..]
                .split_whitespace()
                .take(6)
                .any(|w| w.trim_end_matches('.') == "agencies")
    })
}

/// Where `marker` first begins a word of `text`.
fn find_word_start(text: &str, marker: &str) -> Option<usize> {
    text.match_indices(marker).map(|(at, _)| at).find(|&at| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Wire services whose name closes a text after a dash.
const WIRES: &[&str] = &[
    "reuters", "afp", "ap", "dpa", "xinhua", "anadolu", "sana", "tass", "efe", "ansa", "upi",
];

/// Where a dash and a wire's name end `tail`: "-AFP", "--Reuters", "- REUTERS".
fn wire_sign_off(tail: &str) -> Option<usize> {
    let trimmed = tail.trim_end_matches(['.', ' ', ')']);
    let name_start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let name = trimmed[name_start..].to_lowercase();
    if !WIRES.contains(&name.as_str()) {
        return None;
    }
    let before = trimmed[..name_start].trim_end();
    let dash = before.trim_end_matches(['-', '—', '–']);
    (dash.len() < before.len()).then_some(dash.len())
}

/// Where a sign-off begins after the text's last sentence: at most [`SIGN_OFF_WORDS`] words, no
/// sentence of their own, each a name, a code in capitals, "and", "/" or "al-…"
/// ("Manar/Mazen", "SHISHI", "Youssef Diab Paula Astih and Najla Habriri.").
fn names_after_last_sentence(tail: &str) -> Option<usize> {
    let body = tail.trim_end();
    let inner = body.trim_end_matches('.');
    let (stop, mark) = inner
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '.' | '!' | '?' | '"' | '”'))?;
    let last_stop = stop + mark.len_utf8() - 1;
    let after = &inner[last_stop + 1..];
    // "U.N." is an abbreviation, not a sentence and a sign-off "N.".
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let words: Vec<&str> = after.split_whitespace().collect();
    if words.is_empty() || words.len() > SIGN_OFF_WORDS {
        return None;
    }
    let named = words.iter().all(|w| {
        w.split('/').filter(|p| !p.is_empty()).all(|p| {
            let p = p.strip_prefix("al-").unwrap_or(p);
            p.chars().next().is_some_and(char::is_uppercase)
        }) || matches!(*w, "and" | "/" | "&")
    });
    named.then(|| last_stop + 1 + (after.len() - after.trim_start().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, title: &str) -> Vec<(String, &'static str)> {
        let whole = (0, text.len());
        furniture(text, whole, whole, title)
            .into_iter()
            .map(|(s, e, why)| (text[s..e].to_string(), why))
            .collect()
    }

    const LEAD: &str = "Shells hit the market of Tel Amra on Monday, killing four people, the \
                        civil defence said. The search went on into the night.";

    #[test]
    fn a_date_stamp_and_the_headline_at_the_top_are_set_apart() {
        let title = "Shelling kills four in Tel Amra";
        for (stamp, expected) in [
            ("Fri Sep 27 2013", "Fri Sep 27 2013"),
            (
                "Saturday 17 September 2016 21:09",
                "Saturday 17 September 2016 21:09",
            ),
            (
                "Posted on April 4 2017 by Example Post English",
                "Posted on April 4 2017 by Example Post English",
            ),
            ("Last updated at Apr 232017", "Last updated at Apr 232017"),
            ("24.08.2013", "24.08.2013"),
            ("August 13 2016 2037 UTC+3", "August 13 2016 2037 UTC+3"),
        ] {
            let text = format!("{stamp} {title}. {LEAD}");
            let found = cut(&text, title);
            assert_eq!(found.len(), 2, "{text}: {found:?}");
            assert_eq!(
                found[0],
                (expected.to_string(), reason::DATE_LINE),
                "{text}"
            );
            assert_eq!(found[1].1, reason::REPEATED_HEADLINE, "{text}");
            assert!(found[1].0.starts_with("Shelling kills four"), "{found:?}");
        }
    }

    #[test]
    fn a_figure_after_the_date_is_the_headlines_not_the_stamps() {
        let text = format!("Sun 05 Jul 2015 22 dead in Tel Amra strike. {LEAD}");
        let found = cut(&text, "22 dead in Tel Amra strike");
        assert_eq!(found[0].0, "Sun 05 Jul 2015");
        assert_eq!(found[1].0, "22 dead in Tel Amra strike.");
    }

    #[test]
    fn credits_source_lines_wires_and_sign_offs_at_the_end_are_set_apart() {
        for (ending, expected) in [
            (
                "Reporting by Jane Roe; Editing by John Doe Our Standards:The Trust Principles.",
                "Reporting by Jane Roe; Editing by John Doe Our Standards:The Trust Principles.",
            ),
            (
                "(Source: Example Coalition) Twitter",
                "(Source: Example Coalition) Twitter",
            ),
            ("-AFP", "-AFP"),
            ("--Reuters", "--Reuters"),
            (
                "Manar al-Example / Hazem Example",
                "Manar al-Example / Hazem Example",
            ),
            ("SHISHI", "SHISHI"),
        ] {
            let text = format!("{LEAD} {ending}");
            let found = cut(&text, "Unrelated headline words here");
            assert_eq!(found, [(expected.to_string(), found[0].1)], "{text}");
        }
    }

    #[test]
    fn a_byline_of_its_own_after_the_headline_is_set_apart() {
        let title = "Mayor says market will reopen";
        let text = format!("{title}. Jane Example. {LEAD}");
        let found = cut(&text, title);
        assert_eq!(
            found[1],
            ("Jane Example.".to_string(), reason::BYLINE),
            "{found:?}"
        );
        // A lead's own short sentence is no byline: it has a word in lower case.
        let text = format!("{title}. Shells fell. {LEAD}");
        assert_eq!(cut(&text, title).len(), 1);
    }

    #[test]
    fn tags_and_an_agencies_line_at_the_end_are_set_apart() {
        let text = format!("{LEAD} ... 11 Tags Tel Amra shelling Community standards");
        assert_eq!(
            cut(&text, "Unrelated headline words here"),
            [(
                "... 11 Tags Tel Amra shelling Community standards".to_string(),
                reason::NAVIGATION
            )]
        );
        let text = format!("{LEAD} Source Example World and agencies");
        assert_eq!(
            cut(&text, "Unrelated headline words here"),
            [(
                "Source Example World and agencies".to_string(),
                reason::SIGN_OFF
            )]
        );
    }

    #[test]
    fn the_texts_own_words_stay() {
        // A lead with no stamp or headline, a last sentence ending in a name, a date inside a
        // sentence: nothing is furniture.
        let text = "Shells hit the market on 4 April 2017, killing four people. The governor \
                    blamed the Crescent Front. He was speaking to the Example Post.";
        assert!(cut(text, "Market shelled in Tel Amra").is_empty());
        let text = "April showers fell on the town. The market reopened.";
        assert!(cut(text, "Market reopens").is_empty());
        // A headline with nothing after it is the whole text: it stays.
        assert!(
            cut(
                "Shelling kills four in Tel Amra",
                "Shelling kills four in Tel Amra"
            )
            .is_empty()
        );
        // "Share prices fell" after a last sentence is a sentence, not a sign-off.
        let text = "The market reopened. Prices fell sharply";
        assert!(cut(text, "Market reopens").is_empty());
    }
}
