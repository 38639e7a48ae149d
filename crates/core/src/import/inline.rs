//! Furniture inside the text's own paragraphs. A page flattened into one paragraph (a CSV export,
//! a scraped dataset, a copy and paste) keeps its furniture in the flow of the text, where no
//! line rule sees it: at the top a date stamp ("Fri Sep 27 2013", "Posted on April 4 2017 by
//! …", "Last Update: …"), a byline, and the headline again; at the end the wire's credits
//! ("Reporting by …; Editing by …"), a source line ("(Source: …)", "Source … and agencies", "—
//! REUTERS"), tags and site links, and an editor's sign-off code ("Manar/Mazen", "SHISHI").
//!
//! Each is a span of the text with its reason, as the line rules give. Every span is short and
//! bounded, and none is taken when nothing of the paragraph would be left.

use super::reason;
use crate::analysis::{dates, fold_word};
use crate::text;

/// How far into a paragraph its top furniture may reach, in bytes.
const TOP_BYTES: usize = 400;
/// How far from a paragraph's end its closing furniture may begin, in bytes.
const END_BYTES: usize = 400;
/// Words of a sign-off after the last sentence, at most.
const SIGN_OFF_WORDS: usize = 8;

/// The furniture at the top of the paragraph `first` of `text` and at the end of the paragraph
/// `last` (the same one in a flattened page), as byte ranges with reasons; `title` is the
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
    let words = |(s, e): (usize, usize)| text.get(s..e).map_or(0, text::word_count);
    let whole = words(first) + if last == first { 0 } else { words(last) };
    let taken: usize = out.iter().map(|(s, e, _)| words((*s, *e))).sum();
    if taken >= whole {
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
    let mut limit = end.min(start + TOP_BYTES);
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

/// Words that may stand in a date stamp besides the date itself and the day of the week.
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
];

/// A word of a date or a time: digits and separators ("24.08.2013", "21:09", "2017").
fn numeric(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | ':' | '+'))
}

/// How many of `words` make a date stamp at their start ("Fri Sep 27 2013", "Posted on April 4
/// 2017 by", "Saturday 17 September 2016 21:09", "Last updated at Apr 232017", "PUBLISHED
/// FRIDAY, MARCH 8, 2013 AT 12:46 PM / UPDATED AT 12:48 PM"): words of dates, times, zones and
/// labels only, holding a full date. After the year, a number is a time, or a day after a month
/// ("updated July 29, 2009"), never a count ("Sun 05 Jul 2015 22 dead in …" is the headline's).
/// A stamp is a stamp only where a sentence cannot go on from it: "On February 29, 2012, AMD
/// announced" is the lead's first words.
fn stamp(text: &str, words: &[Word<'_>]) -> Option<usize> {
    let bare_of = |w: &Word<'_>| w.text.trim_end_matches([',', ':', '|', ';']).to_lowercase();
    let mut n = 0;
    let mut year_seen = false;
    let mut dated = false;
    while let Some(w) = words.get(n) {
        let bare = bare_of(w);
        let month = dates::month_number(&bare).is_some();
        let after_month =
            |back: usize| n >= back && dates::month_number(&bare_of(&words[n - back])).is_some();
        let ok = month
            || dates::is_weekday(&bare)
            || STAMP_WORDS.contains(&bare.as_str())
            || TIME_WORDS.contains(&bare.as_str())
            || bare.starts_with("utc")
            || bare.starts_with("gmt")
            || if year_seen {
                // A time ("21:09", "03.31", "2037 UTC+3"), or a date's day and year again.
                (numeric(&bare) && (bare.contains(':') || bare.contains('.')))
                    || (bare.len() == 4
                        && bare.chars().all(|c| c.is_ascii_digit())
                        && words.get(n + 1).is_some_and(|next| {
                            let next = bare_of(next);
                            TIME_WORDS.contains(&next.as_str())
                                || next.starts_with("utc")
                                || next.starts_with("gmt")
                        }))
                    || (numeric(&bare)
                        && ((after_month(1) && bare.len() <= 2)
                            || (after_month(2) && bare.len() == 4)))
                    || bare == "by"
            } else {
                numeric(&bare)
            };
        if !ok {
            break;
        }
        n += 1;
        if bare == "by" {
            break;
        }
        if !year_seen && numeric(&bare) && date_in(&text[words[0].start..w.end]).is_some() {
            year_seen = true;
            dated = true;
        }
    }
    if !dated {
        return None;
    }
    // A stamp that ends on a label ("… on") is no stamp: take back to the last date or time.
    while n > 0 {
        let last = bare_of(&words[n - 1]);
        if numeric(&last)
            || last == "by"
            || TIME_WORDS.contains(&last.as_str())
            || last.starts_with("utc")
            || last.starts_with("gmt")
        {
            break;
        }
        n -= 1;
    }
    // Where the paragraph goes on, it goes on as a new sentence (a headline, a lead): not after
    // a comma, and not with a word in lower case.
    let ends_on_comma = words[n - 1].text.ends_with(',');
    let next_lower = words
        .get(n)
        .is_some_and(|w| w.text.chars().next().is_some_and(char::is_lowercase));
    if n > 0 && words.get(n).is_some() && (ends_on_comma || next_lower) {
        return None;
    }
    (n > 0).then_some(n)
}

/// A clock's words: "PM", "a.m.", the zones news sites print.
const TIME_WORDS: &[&str] = &[
    "am", "pm", "a.m.", "p.m.", "a.", "p.", "m.", "a.m", "p.m", "et", "pt", "ct", "mt", "edt",
    "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "bst", "cet", "cest", "eet", "eest", "msk",
    "ist", "aest", "aedt", "ast", "wib", "/", "@", "—", "–",
];

/// A full date in a stamp's words, as the text writes it or with the day and the year run
/// together ("Apr 232017").
fn date_in(span: &str) -> Option<String> {
    let cleaned: String = span
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', ':', '|', ';']).to_lowercase();
            !(STAMP_WORDS.contains(&w.as_str()) || dates::is_weekday(&w))
                || dates::month_number(&w).is_some()
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
    // The headline again stands apart from the lead: a lead that only opens with the headline's
    // words ("Quake kills five in Iran, officials said", "… in Iran on Monday") goes on with
    // its sentence, which is the article's.
    let goes_on = words[n - 1].text.ends_with([',', ';'])
        || words
            .get(n)
            .and_then(|w| w.text.chars().find(|c| c.is_alphanumeric()))
            .is_some_and(char::is_lowercase);
    (n < words.len() && !goes_on).then_some(n)
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
    // "U.N." and "the U.S. Surgeon General." end on abbreviations, not on a sentence and a
    // sign-off: the sentence's last word is no initial, title or abbreviation.
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let before = inner[..stop]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    if before.contains('.')
        || (before.chars().next().is_some_and(char::is_uppercase) && before.chars().count() <= 3)
    {
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
    fn a_lead_that_opens_with_the_headlines_words_is_kept_whole() {
        let title = "Shelling kills four in Tel Amra";
        for text in [
            "Shelling kills four in Tel Amra, the civil defence said on Monday.",
            "Shelling kills four in Tel Amra on Monday, the civil defence said.",
        ] {
            assert!(cut(text, title).is_empty(), "{text}");
        }
        // The headline then a lead of its own, or a dateline: the headline is set apart.
        for text in [
            format!("{title} {LEAD}"),
            format!("{title} TEL AMRA (Example Wire) - {LEAD}"),
        ] {
            let found = cut(&text, title);
            assert_eq!(found[0], (title.to_string(), reason::REPEATED_HEADLINE));
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
    fn a_stamp_line_is_taken_whole_and_a_leads_date_is_not_a_stamp() {
        let whole = |t: &str| {
            let text = format!("{t}\n\n{LEAD}");
            let first = (0, t.len());
            let last = (t.len() + 2, text.len());
            furniture(&text, first, last, "Unrelated headline words here")
                .into_iter()
                .map(|(s, e, _)| text[s..e].to_string())
                .collect::<Vec<_>>()
        };
        for line in [
            "Published: Tuesday, Aug. 2 2011 7:08 p. m. MDT",
            "PUBLISHED FRIDAY, MARCH 8, 2013 AT 12:46 PM / UPDATED AT 12:48 PM",
            "3 July 2013 Last updated at 13:38 GMT",
            "on July 13, 2009 at 10:50 AM, updated July 29, 2009 at 12:16 PM",
        ] {
            assert_eq!(whole(line), [line], "{line}");
        }
        let lead = "On February 29, 2012, the company announced a deal to buy a maker of servers.";
        assert!(cut(lead, "Company buys server maker").is_empty());
        let lead = "August 2011 was the month the talks broke down, officials said.";
        assert!(cut(lead, "Talks broke down").is_empty());
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
        // An abbreviation is no sentence's end.
        let text = "He was named a candidate for U.S. Surgeon General.";
        assert!(cut(text, "Market reopens").is_empty());
    }

    proptest::proptest! {
        /// Any paragraph, in any script and punctuation: furniture is found without a panic,
        /// inside the paragraph, on character boundaries, and never the whole of it.
        #[test]
        fn furniture_stays_inside_the_paragraph(
            words in proptest::collection::vec(
                "(Fri|Sep|27|2013|by|Reporting|Tags|Source|agencies|-AFP|U\\.N\\.|”|“|\\.|[a-zé]{1,6}|[A-ZА-Я][a-zа-я]{1,6}|[0-9]{1,6}|السلام)",
                1..40,
            ),
            title in "[A-Za-z ]{0,30}",
        ) {
            let text = words.join(" ");
            let whole = (0, text.len());
            for (s, e, _) in furniture(&text, whole, whole, &title) {
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                proptest::prop_assert!(e - s < text.len());
            }
        }
    }
}
