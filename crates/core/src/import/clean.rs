//! Cleaning: from an article's extracted text, find what is not the article — the headline
//! repeated at the top, photo captions and gallery counters, share and author widgets, login
//! prompts, reader-comment threads, an unrelated story appended at the end — and record each cut
//! as a span with its reason. Nothing is thrown away: the text stays, the spans say what the body
//! leaves out, and the analyst can restore any of them.
//!
//! Rules work on lines, because that is how scraped pages break: every widget, caption and
//! comment header sits on lines of its own.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::dates;
use crate::text;

pub use super::reason;

/// The outcome of cleaning one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub title: String,
    /// Byte ranges of the input text, with reasons, in order.
    pub removed: Vec<(usize, usize, String)>,
    /// What a rule would have cut though it would have left almost nothing of the article: kept
    /// in the body, with a reason starting [`reason::SUSPECTED`], for the analyst to confirm.
    pub suspected: Vec<(usize, usize, String)>,
    pub body: String,
}

#[derive(Debug)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// Cleans `full_text`. `title` is the headline from metadata, if the format had one; otherwise the
/// first non-empty line is the headline, unless it is `site` (a site's name heading a text file),
/// which is then cut and the next line is the headline. `known` are spans extraction already
/// marked.
pub fn clean(
    title: Option<&str>,
    full_text: &str,
    known: &[(usize, usize, &'static str)],
    site: Option<&str>,
) -> Cleaned {
    let lines: Vec<Line<'_>> = {
        let mut at = 0;
        full_text
            .split_inclusive('\n')
            .map(|raw| {
                let line = Line {
                    start: at,
                    end: at + raw.len(),
                    text: raw.trim(),
                };
                at += raw.len();
                line
            })
            .collect()
    };
    let mut cut: Vec<Option<&'static str>> = vec![None; lines.len()];

    // The headline, and its repeats at the top; a site's name above it set aside.
    let mut first = lines.iter().position(|l| !l.text.is_empty());
    if let (None, Some(i), Some(site)) = (title, first, site)
        && lines[i].text == site.trim()
        && let Some(next) = lines[i + 1..].iter().position(|l| !l.text.is_empty())
    {
        cut[i] = Some(reason::SITE_NAME);
        first = Some(i + 1 + next);
    }
    let title = match (title.map(str::trim).filter(|t| !t.is_empty()), first) {
        (Some(t), _) => t.to_string(),
        (None, Some(i)) => {
            cut[i] = Some(reason::HEADLINE);
            heading_text(lines[i].text).to_string()
        }
        (None, None) => String::new(),
    };
    let folded_title = text::fold(&title);
    if !folded_title.is_empty() {
        for (i, line) in lines.iter().enumerate() {
            if line.text.is_empty() || cut[i].is_some() {
                continue;
            }
            if text::folds_to(heading_text(line.text), &folded_title) {
                cut[i] = Some(reason::REPEATED_HEADLINE);
            } else {
                break;
            }
        }
    }

    // A line near the top that only gives the date ("14 March 2025", "Updated 9 October 2025 |
    // 14:20") is metadata, like the headline: the date is kept, the line is not body text.
    for i in lines
        .iter()
        .enumerate()
        .filter(|(i, l)| cut[*i].is_none() && !l.text.is_empty())
        .map(|(i, _)| i)
        .take(3)
        .collect::<Vec<_>>()
    {
        if is_date_line(lines[i].text) {
            cut[i] = Some(reason::DATE_LINE);
        }
    }

    // Reader comments: from their header (or the first user-name + timestamp pair) to the end.
    let comments_at = find_comments(&lines, &cut);
    if let Some(c) = comments_at {
        for (slot, line) in cut[c..].iter_mut().zip(&lines[c..]) {
            *slot = Some(match line_rule(line.text) {
                Some(reason::LOGIN) => reason::LOGIN,
                _ => reason::COMMENTS,
            });
        }
    }
    let body_end = comments_at.unwrap_or(lines.len());

    // Widgets, login prompts, captions, gallery counters.
    mark_bio_blocks(&lines[..body_end], &mut cut);
    for i in 0..body_end {
        if cut[i].is_none() {
            cut[i] = line_rule(lines[i].text);
        }
    }

    // An unrelated story appended after the article.
    if let Some(s) = find_appended_story(&lines[..body_end], &cut) {
        for slot in &mut cut[s..body_end] {
            if slot.is_none() || *slot == Some(reason::CAPTION) {
                *slot = Some(reason::APPENDED_STORY);
            }
        }
    }

    // A short item (a sentence or two, perhaps only the headline again) is still an article:
    // the headline is cut only from a body that has more.
    let body_left = lines
        .iter()
        .zip(&cut)
        .any(|(line, why)| why.is_none() && !line.text.is_empty());
    if !body_left {
        for why in &mut cut {
            if matches!(*why, Some(reason::HEADLINE | reason::REPEATED_HEADLINE)) {
                *why = None;
            }
        }
    }

    // No rule may take most of an article away. When one would cut more than half of the text
    // besides its headline and date lines, its lines stay in the body, marked as suspected for
    // the analyst to confirm: on real pages a misplaced "comments" header or a run of short
    // linked lines took whole articles. (A page's own comment section is left out earlier, by
    // extraction; what reaches this rule as "comments" and outweighs the article is a guess.)
    let keep_rule = suspected_rule(&lines, &cut);

    // Consecutive lines cut for one reason make one span; blank lines between them join it.
    let mut removed: Vec<(usize, usize, String)> = Vec::new();
    let mut suspected: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(why) = cut[i] else {
            i += 1;
            continue;
        };
        let start = lines[i].start;
        let mut end = lines[i].end;
        let mut j = i + 1;
        while j < lines.len() {
            if cut[j] == Some(why) {
                end = lines[j].end;
                j += 1;
            } else if cut[j].is_none() && lines[j].text.is_empty() {
                let next = (j..lines.len()).find(|&k| !lines[k].text.is_empty());
                match next {
                    Some(k) if cut[k] == Some(why) => j = k,
                    _ => break,
                }
            } else {
                break;
            }
        }
        if keep_rule == Some(why) {
            suspected.push((start, end, format!("{}{why}", reason::SUSPECTED)));
        } else {
            removed.push((start, end, why.to_string()));
        }
        i = j;
    }
    // A line extraction already set apart (a caption in <figcaption> that also reads as one) is
    // one span, not two: restoring it in the reader must put it back.
    let words_of = |start: usize, end: usize| match full_text.get(start..end) {
        Some(piece) => (
            start + (piece.len() - piece.trim_start().len()),
            end - (piece.len() - piece.trim_end().len()),
        ),
        None => (start, end),
    };
    let within = |(s, e): (usize, usize), outer: (usize, usize)| outer.0 <= s && e <= outer.1;
    removed.retain(|(s, e, _)| {
        let words = words_of(*s, *e);
        !known.iter().any(|&(ks, ke, _)| within(words, (ks, ke)))
    });
    // Furniture inside the first and last paragraphs left: a flattened page's date stamp,
    // byline and headline at the top, its credits and sign-off at the end.
    let left: Vec<usize> = (0..body_end)
        .filter(|&i| cut[i].is_none() && !lines[i].text.is_empty())
        .collect();
    if let (Some(&first), Some(&last)) = (left.first(), left.last()) {
        let span = |i: usize| words_of(lines[i].start, lines[i].end);
        removed.extend(
            super::inline::furniture(full_text, span(first), span(last), &title)
                .into_iter()
                .map(|(s, e, why)| (s, e, why.to_string())),
        );
    }
    for &(start, end, why) in known {
        let words = words_of(start, end);
        if !removed.iter().any(|(s, e, _)| within(words, (*s, *e))) {
            removed.push((start, end, why.to_string()));
        }
    }
    removed.sort_by_key(|(s, e, _)| (*s, *e));
    let spans: Vec<(usize, usize)> = removed.iter().map(|(s, e, _)| (*s, *e)).collect();
    let body = text::cut_spans(full_text, &spans);
    Cleaned {
        title,
        removed,
        suspected,
        body,
    }
}

/// The rule whose cuts are kept as suspected: the one that cut the most, when that is more than
/// half of the text besides the headline and date lines.
fn suspected_rule(lines: &[Line<'_>], cut: &[Option<&'static str>]) -> Option<&'static str> {
    let aside = |why: Option<&str>| {
        matches!(
            why,
            Some(reason::HEADLINE | reason::REPEATED_HEADLINE | reason::DATE_LINE)
        )
    };
    let mut text_words = 0;
    let mut by_rule: Vec<(&'static str, usize)> = Vec::new();
    for (line, why) in lines.iter().zip(cut) {
        if aside(*why) {
            continue;
        }
        let words = text::word_count(line.text);
        text_words += words;
        if let Some(why) = why {
            match by_rule.iter_mut().find(|(w, _)| w == why) {
                Some((_, n)) => *n += words,
                None => by_rule.push((why, words)),
            }
        }
    }
    by_rule
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| n * 2 > text_words)
        .map(|(why, _)| why)
}

/// A Markdown heading's text without its `#` marks.
fn heading_text(line: &str) -> &str {
    line.trim_start_matches('#').trim()
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    // A caption opens with the word for a picture and a separator ("Photo: …", "PHOTO/AFP - …",
    // "Foto de archivo: …", "Фото: …", "صورة: …"), or with a shouted "… PHOTO" credit. The
    // separator is a colon, slash, bar, bracket or a dash with space after it, so "Credit-rating
    // agency…" and "Photographers were…" are sentences; the shouted form is matched with its
    // case, so "His photo appears…" is a sentence too.
    Regex::new(concat!(
        r"(?i)^\(?(?:photos?|images?|pictures?|file photo|photograph|caption|credits?|video",
        r"|fotos?|foto de archivo|imagen|fotografía|archivfoto|bild|photo d'archive|légende",
        r"|фото|снимок|фотография|иллюстрация|fotoğraf|görsel|صورة|الصورة|صور)",
        r"\s*(?:[:/|)]|[–—-]\s)",
        r"|^(?-i:[A-Z ]*PHOTO\b)"
    ))
    .expect("valid regex")
});
static CREDIT_AT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\((?:photo|image|picture)[^)]{0,40}\)\s*$|(?:photo|image)\s*(?:by|:)\s*[^.]{0,40}/\s*(?:afp|reuters|ap|getty)\S*\s*$")
        .expect("valid regex")
});
static GALLERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,3}\s*/\s*\d{1,3}|\d{1,3}\s+of\s+\d{1,3}|(?:image|photo|slide)\s+\d{1,3}\s+of\s+\d{1,3})$")
        .expect("valid regex")
});
static COMMENTS_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\s+(?:comments?|responses?|replies|thoughts? on\b.*)|comments?\s*(?:\(\d+\))?:?|reader comments?:?|(?:leave|post|add) a (?:comment|reply).*|join the (?:discussion|conversation).*|show comments?|view comments?(?:\s*\(\d+\))?)$")
        .expect("valid regex")
});
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})(?:,?\s*(?:at\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?)?|\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)$"
    ))
    .expect("valid regex")
});
static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Z'.\- ]{2,30}(?:,|\s[—–-]|\s\()").expect("valid regex"));

/// Share, author and login widget lines, matched whole (case-insensitive).
const WIDGET_LINES: &[(&str, &str)] = &[
    ("share this:", reason::SHARE_WIDGET),
    ("share this", reason::SHARE_WIDGET),
    ("share", reason::SHARE_WIDGET),
    ("share on facebook", reason::SHARE_WIDGET),
    ("share on twitter", reason::SHARE_WIDGET),
    ("facebook", reason::SHARE_WIDGET),
    ("twitter", reason::SHARE_WIDGET),
    ("x", reason::SHARE_WIDGET),
    ("whatsapp", reason::SHARE_WIDGET),
    ("telegram", reason::SHARE_WIDGET),
    ("linkedin", reason::SHARE_WIDGET),
    ("reddit", reason::SHARE_WIDGET),
    ("email", reason::SHARE_WIDGET),
    ("e-mail", reason::SHARE_WIDGET),
    ("print", reason::SHARE_WIDGET),
    ("tweet", reason::SHARE_WIDGET),
    ("pinterest", reason::SHARE_WIDGET),
    ("vk", reason::SHARE_WIDGET),
    ("like this:", reason::SHARE_WIDGET),
    ("like loading...", reason::SHARE_WIDGET),
    ("like loading…", reason::SHARE_WIDGET),
    ("more", reason::SHARE_WIDGET),
    (
        "the following two tabs change content below.",
        reason::AUTHOR_BIO,
    ),
    ("bio", reason::AUTHOR_BIO),
    ("latest posts", reason::AUTHOR_BIO),
    ("about the author", reason::AUTHOR_BIO),
];
/// Widget lines matched by how they begin (case-insensitive).
const WIDGET_PREFIXES: &[(&str, &str)] = &[
    ("click to share on", reason::SHARE_WIDGET),
    ("click to email", reason::SHARE_WIDGET),
    ("click to print", reason::SHARE_WIDGET),
    ("share on ", reason::SHARE_WIDGET),
    ("follow us on", reason::SHARE_WIDGET),
    ("subscribe to our", reason::SHARE_WIDGET),
    ("sign up for our newsletter", reason::SHARE_WIDGET),
    ("latest posts by", reason::AUTHOR_BIO),
    ("you must be logged in", reason::LOGIN),
    ("log in to", reason::LOGIN),
    ("login to", reason::LOGIN),
    ("sign in to", reason::LOGIN),
    ("please log in", reason::LOGIN),
    ("please login", reason::LOGIN),
    ("register or log in", reason::LOGIN),
    ("to continue reading, log in", reason::LOGIN),
    // Comment and login prompts in the other languages the importer reads.
    ("dear reader, to leave", reason::LOGIN),
    ("dear readers, to leave", reason::LOGIN),
    ("dear reader, to comment", reason::LOGIN),
    ("pour commenter", reason::LOGIN),
    ("connectez-vous", reason::LOGIN),
    ("para comentar", reason::LOGIN),
    ("inicia sesión", reason::LOGIN),
    ("um zu kommentieren", reason::LOGIN),
    ("melden sie sich an", reason::LOGIN),
    ("чтобы оставить комментарий", reason::LOGIN),
    ("yorum yapmak için", reason::LOGIN),
    ("للتعليق", reason::LOGIN),
];

/// Networks a page's share buttons name.
const SHARE_NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "vk",
    "vkontakte",
    "messenger",
    "viber",
    "tumblr",
    "threads",
    "bluesky",
    "mastodon",
];
/// The other words of a row of share buttons, in the languages the importer reads: "Share this:
/// Facebook Twitter Email", "Partager : Facebook X E-mail", "Compartir en WhatsApp".
const SHARE_WORDS: &[&str] = &[
    "share",
    "this",
    "on",
    "via",
    "email",
    "e",
    "mail",
    "print",
    "tweet",
    "copy",
    "link",
    "url",
    "partager",
    "sur",
    "imprimer",
    "compartir",
    "en",
    "imprimir",
    "teilen",
    "drucken",
    "поделиться",
    "в",
    "печать",
    "مشاركة",
    "شارك",
    "paylaş",
    "yazdır",
];

/// Whether a short line is a row of share buttons: only share words, and a network named.
fn is_share_row(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2
        && words.len() <= 16
        && words.iter().any(|w| SHARE_NETWORKS.contains(w))
        && words
            .iter()
            .all(|w| SHARE_NETWORKS.contains(w) || SHARE_WORDS.contains(w))
}

/// The reason a single line is not article text, if it is one of the known kinds.
fn line_rule(line: &str) -> Option<&'static str> {
    if line.is_empty() {
        return None;
    }
    // Widgets and counters are short lines; paragraphs are checked only for caption openings.
    if line.len() < 200 {
        let lower = line.to_lowercase();
        if let Some((_, why)) = WIDGET_LINES.iter().find(|(w, _)| *w == lower) {
            return Some(why);
        }
        if let Some((_, why)) = WIDGET_PREFIXES.iter().find(|(p, _)| lower.starts_with(p)) {
            return Some(why);
        }
        if is_share_row(&lower) {
            return Some(reason::SHARE_WIDGET);
        }
        if GALLERY.is_match(line) {
            return Some(reason::GALLERY);
        }
        if CREDIT_AT_END.is_match(line) {
            return Some(reason::CAPTION);
        }
    }
    if line.len() < 400 && CAPTION.is_match(line) {
        return Some(reason::CAPTION);
    }
    None
}

/// A short line that is a date and little else: an optional label, the date, a time.
fn is_date_line(line: &str) -> bool {
    line.len() <= 80
        && !line.ends_with(['.', '!', '?'])
        && text::word_count(line) <= 8
        && dates::parse_date(line).is_some()
}

/// Author-bio widgets: from "The following two tabs change content below." or "Bio" through the
/// "Latest posts by …" line, bio text included.
fn mark_bio_blocks(lines: &[Line<'_>], cut: &mut [Option<&'static str>]) {
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].text;
        let opens = [
            "the following two tabs change content below.",
            "bio",
            "about the author",
        ]
        .iter()
        .any(|w| line.eq_ignore_ascii_case(w));
        if opens && cut[i].is_none() {
            let close = (i + 1..lines.len().min(i + 16))
                .find(|&j| lines[j].text.to_lowercase().starts_with("latest posts by"));
            if let Some(mut close) = close {
                // The widget lists the author's latest posts under that line: "Title - 2 March 2025".
                while close + 1 < lines.len()
                    && !lines[close + 1].text.is_empty()
                    && text::word_count(lines[close + 1].text) <= 16
                    && dates::parse_date(lines[close + 1].text).is_some()
                {
                    close += 1;
                }
                for slot in &mut cut[i..=close] {
                    if slot.is_none() {
                        *slot = Some(reason::AUTHOR_BIO);
                    }
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// Where a reader-comment thread starts: a comments header, or a short user-name line followed by a
/// timestamp line, after at least some article text.
fn find_comments(lines: &[Line<'_>], cut: &[Option<&'static str>]) -> Option<usize> {
    // Words before the line, counted only until there are enough: most of an article's words
    // are never read here.
    let mut words_before = 0;
    for (i, line) in lines.iter().enumerate() {
        if cut[i].is_some() || line.text.is_empty() {
            continue;
        }
        if words_before >= 40 {
            if COMMENTS_HEADER.is_match(line.text) {
                return Some(i);
            }
            let next = lines[i + 1..].iter().find(|l| !l.text.is_empty());
            let is_user_line = line.text.len() <= 40
                && line.text.split_whitespace().count() <= 3
                && !line.text.ends_with(['.', '!', '?', ':', '"', '”']);
            if is_user_line && next.is_some_and(|n| TIMESTAMP.is_match(n.text)) {
                return Some(i);
            }
        }
        if words_before < 40 {
            words_before += text::words(line.text).take(40 - words_before).count();
        }
    }
    None
}

/// Where an unrelated story appended to the article starts: a headline-like line followed by a
/// dateline, after which the vocabulary does not match what came before.
fn find_appended_story(lines: &[Line<'_>], cut: &[Option<&'static str>]) -> Option<usize> {
    let kept = |i: usize| cut[i].is_none() && !lines[i].text.is_empty();
    let mut words_before = 0;
    for i in 0..lines.len() {
        if !kept(i) {
            continue;
        }
        let line = lines[i].text;
        let previous_is_break = i == 0 || !kept(i - 1);
        // As in `find_comments`, words are counted only as far as the rule needs them.
        let looks_like_headline = previous_is_break
            && !line.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '»'])
            && line.chars().next().is_some_and(char::is_uppercase)
            && (3..=18).contains(&text::words(line).take(19).count());
        if words_before >= 60 && looks_like_headline {
            let dated = lines[i + 1..]
                .iter()
                .filter(|l| !l.text.is_empty())
                .take(3)
                .any(|l| DATELINE.is_match(l.text) || dates::parse_date(l.text).is_some());
            if dated {
                let before = join_kept(lines, cut, 0, i);
                let after = join_kept(lines, cut, i, lines.len());
                if text::word_count(&after) >= 25 && vocabulary_similarity(&before, &after) < 0.12 {
                    return Some(i);
                }
            }
        }
        if words_before < 60 {
            words_before += text::words(line).take(60 - words_before).count();
        }
    }
    None
}

fn join_kept(lines: &[Line<'_>], cut: &[Option<&'static str>], from: usize, to: usize) -> String {
    (from..to)
        .filter(|&i| cut[i].is_none())
        .map(|i| lines[i].text)
        .collect::<Vec<_>>()
        .join("\n")
}

const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "against",
    "also",
    "been",
    "before",
    "being",
    "between",
    "could",
    "during",
    "each",
    "from",
    "have",
    "having",
    "here",
    "into",
    "more",
    "most",
    "other",
    "over",
    "said",
    "says",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "until",
    "very",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "will",
    "with",
    "would",
    "your",
    "since",
    "told",
    "just",
    "only",
    "still",
    "where",
    "because",
    "around",
    "while",
    "year",
    "years",
    "week",
    "first",
    "last",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Cosine similarity of two texts' content words (4+ letters, stopwords dropped).
pub fn vocabulary_similarity(a: &str, b: &str) -> f64 {
    fn counts(text: &str) -> HashMap<String, f64> {
        let mut counts = HashMap::new();
        for word in text::words(text) {
            if word.chars().count() < 4 || word.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let word = word.to_lowercase();
            if STOPWORDS.contains(&word.as_str()) {
                continue;
            }
            *counts.entry(word).or_insert(0.0) += 1.0;
        }
        counts
    }
    let (a, b) = (counts(a), counts(b));
    let dot: f64 = a.iter().filter_map(|(w, x)| b.get(w).map(|y| x * y)).sum();
    let norm = |m: &HashMap<String, f64>| m.values().map(|x| x * x).sum::<f64>().sqrt();
    let denominator = norm(&a) * norm(&b);
    if denominator == 0.0 {
        0.0
    } else {
        dot / denominator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(c: &Cleaned, text: &str) -> Vec<(String, String)> {
        c.removed
            .iter()
            .map(|(s, e, r)| (text[*s..*e].trim().to_string(), r.clone()))
            .collect()
    }

    const ARTICLE: &str = "Shelling kills 12 in Qasr al-Nahr\nShelling kills 12 in Qasr al-Nahr\n\n14 March 2025\n\n\
QASR AL-NAHR — Twelve civilians were killed on Friday when artillery shells struck the central market of Qasr al-Nahr, \
local officials said, in the deadliest attack on the town this year.\n\n\
PHOTO/AFP - Smoke rises over the market\n\n1 / 4\n\n\
The provincial governor blamed the Crescent Front for the shelling, while the group denied firing on the market. \
Medical workers said dozens of wounded were taken to the town hospital.\n\n\
Share this:\nFacebook\nTwitter\nClick to share on WhatsApp (Opens in new window)\n\n\
The following two tabs change content below.\nBio\nLatest Posts\nJane Roe covers the valley for the paper.\nLatest posts by Jane Roe (see all)\n\n\
You must be logged in to post a comment.\n\n\
Comments (2)\n\ndesert_fox88\nMarch 15, 2025 at 9:14 pm\nThey always blame the other side.\nReply\n";

    #[test]
    fn every_kind_of_clutter_is_cut_with_its_reason() {
        let c = clean(None, ARTICLE, &[], None);
        assert_eq!(c.title, "Shelling kills 12 in Qasr al-Nahr");
        let r = reasons(&c, ARTICLE);
        let has = |reason: &str, starts: &str| {
            r.iter()
                .any(|(t, why)| why == reason && t.starts_with(starts))
        };
        assert!(has(reason::HEADLINE, "Shelling kills 12"), "{r:#?}");
        assert!(
            has(reason::REPEATED_HEADLINE, "Shelling kills 12"),
            "{r:#?}"
        );
        assert!(has(reason::CAPTION, "PHOTO/AFP"), "{r:#?}");
        assert!(has(reason::GALLERY, "1 / 4"), "{r:#?}");
        assert!(has(reason::SHARE_WIDGET, "Share this:"), "{r:#?}");
        assert!(has(reason::AUTHOR_BIO, "The following two tabs"), "{r:#?}");
        assert!(has(reason::LOGIN, "You must be logged in"), "{r:#?}");
        assert!(has(reason::COMMENTS, "Comments (2)"), "{r:#?}");
        assert!(has(reason::DATE_LINE, "14 March 2025"), "{r:#?}");
        assert!(
            c.body.starts_with("QASR AL-NAHR — Twelve civilians"),
            "{}",
            c.body
        );
        assert!(
            c.body.ends_with("taken to the town hospital."),
            "{}",
            c.body
        );
    }

    #[test]
    fn a_row_of_share_buttons_is_a_widget_in_any_language_a_sentence_is_not() {
        for row in [
            "Share this: Facebook Twitter Email",
            "Partager : Facebook X E-mail Imprimer",
            "Compartir en WhatsApp Telegram",
            "Поделиться: VK Telegram",
        ] {
            assert_eq!(line_rule(row), Some(reason::SHARE_WIDGET), "{row}");
        }
        for sentence in [
            "Share prices fell on Twitter news.",
            "Facebook said it removed the posts.",
            "Print this",
        ] {
            assert_ne!(
                line_rule(sentence),
                Some(reason::SHARE_WIDGET),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_caption_extraction_set_apart_is_one_span_not_two() {
        let text = "Market hit\n\nShells struck the market on Tuesday, killing four people.\n\n\
Photo: smoke over the market.\n\nThe search went on into the afternoon, the civil defence said.\n";
        let start = text.find("Photo:").unwrap();
        let end = start + "Photo: smoke over the market.".len();
        let c = clean(None, text, &[(start, end, reason::CAPTION)], None);
        let captions: Vec<_> = c
            .removed
            .iter()
            .filter(|r| r.2 == reason::CAPTION)
            .collect();
        assert_eq!(captions.len(), 1, "{:?}", c.removed);
        assert!(!c.body.contains("smoke"), "{}", c.body);
    }

    #[test]
    fn a_comment_thread_without_a_header_is_found_by_user_and_timestamp() {
        let text = "Headline here\n\nThe council met on Tuesday to approve the budget for the water network, which the mayor said \
would reach every district by the end of next year. Opposition members said the plan was too costly and asked for a \
new review of the contracts before any money is spent.\n\nsam_k\n2 hours ago\nNonsense.\n";
        let c = clean(None, text, &[], None);
        assert!(c.body.ends_with("before any money is spent."), "{}", c.body);
        assert_eq!(
            c.removed.last().map(|r| r.2.as_str()),
            Some(reason::COMMENTS)
        );
    }

    #[test]
    fn an_unrelated_story_appended_at_the_end_is_cut() {
        let text = "Convoy ambushed near Tell Haran\n\nTELL HARAN — Gunmen ambushed a fuel convoy on the desert road near Tell Haran, \
killing six drivers and burning four tankers, a security official said. The convoy was carrying fuel from the northern \
fields to the provincial capital. The Crescent Front claimed the ambush on its channels, saying its fighters had destroyed \
government tankers and seized weapons from the escort.\n\n\
Valley Rovers win the cup after extra time\n\nMarch 3, 2025\n\n\
Valley Rovers lifted the regional football cup on Sunday after a dramatic extra-time winner from their young striker. \
Thousands of supporters celebrated in the stadium as the captain raised the trophy, and the coach praised his players' \
spirit after a difficult season of injuries.\n";
        let c = clean(None, text, &[], None);
        assert!(c.body.ends_with("weapons from the escort."), "{}", c.body);
        assert!(c.removed.iter().any(|r| r.2 == reason::APPENDED_STORY));
    }

    #[test]
    fn a_second_section_on_the_same_story_is_not_cut() {
        let text = "Convoy ambushed near Tell Haran\n\nTELL HARAN — Gunmen ambushed a fuel convoy on the desert road near Tell Haran, \
killing six drivers and burning four tankers, a security official said. The convoy was carrying fuel from the northern \
fields to the provincial capital, and the Crescent Front claimed the ambush.\n\n\
Crescent Front ambush follows convoy attacks\n\nMarch 3, 2025\n\n\
The ambush near Tell Haran is the third attack on a fuel convoy on the desert road this year, and the Crescent Front \
claimed all three attacks on tankers carrying fuel to the provincial capital.\n";
        let c = clean(None, text, &[], None);
        assert!(
            c.body.contains("third attack on a fuel convoy"),
            "{}",
            c.body
        );
        assert!(c.removed.iter().all(|r| r.2 != reason::APPENDED_STORY));
    }

    #[test]
    fn metadata_titles_cut_the_same_headline_from_the_text() {
        let text = "# Market hit\n\nBody text of the report.";
        let c = clean(Some("Market hit"), text, &[], None);
        assert_eq!(c.body, "Body text of the report.");
        assert_eq!(c.removed[0].2, reason::REPEATED_HEADLINE);
    }

    #[test]
    fn a_site_name_heading_a_text_file_is_set_aside_and_the_next_line_is_the_headline() {
        let text = "The Daily Example\n\nMarket hit by shelling\n\nTwelve people were killed.";
        let c = clean(None, text, &[], Some("The Daily Example"));
        assert_eq!(c.title, "Market hit by shelling");
        assert_eq!(c.body, "Twelve people were killed.");
        assert_eq!(c.removed[0].2, reason::SITE_NAME);
        // Any other first line is the headline, as before.
        let c = clean(None, text, &[], Some("Another Site"));
        assert_eq!(c.title, "The Daily Example");
        // A site's name alone above one line leaves that line as the headline and the body.
        let c = clean(
            None,
            "The Daily Example\nTwelve people were killed.",
            &[],
            Some("The Daily Example"),
        );
        assert_eq!(c.title, "Twelve people were killed.");
        assert_eq!(c.body, "Twelve people were killed.");
    }

    #[test]
    fn ordinary_sentences_that_mention_photos_are_kept() {
        let c = clean(
            Some("T"),
            "Photographers were at the scene.\n\nThe share of votes rose.",
            &[],
            None,
        );
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }

    #[test]
    fn a_one_sentence_item_keeps_its_sentence_though_it_is_the_headline_again() {
        let sentence = "Staunton police arrested a woman on murder charges in two 1967 slayings.";
        let c = clean(Some(sentence), sentence, &[], None);
        assert_eq!(c.body, sentence);
        assert!(c.removed.is_empty(), "{:?}", c.removed);
        // With no title given, the one line is both the headline and the body.
        let c = clean(None, &format!("{sentence}\n"), &[], None);
        assert_eq!(c.title, sentence);
        assert_eq!(c.body.trim(), sentence);
    }

    #[test]
    fn the_headline_is_still_cut_from_a_body_that_has_more() {
        let text = "Market hit\n\nShells fell on the market on Friday.";
        let c = clean(Some("Market hit"), text, &[], None);
        assert_eq!(c.body, "Shells fell on the market on Friday.");
    }

    #[test]
    fn caption_and_credit_rules_match_captions_not_sentences_that_mention_them() {
        for sentence in [
            "His photo appears every day on the front of the papers.",
            "Credit-rating agency Fitch Ratings lowered the country's grade on Friday.",
            "Photographers were kept away from the site.",
        ] {
            assert_eq!(line_rule(sentence), None, "{sentence}");
        }
        for caption in [
            "Photo: the market after the strike (AFP)",
            "PHOTO/AFP - Smoke over the market",
            "Foto de archivo: la ciudad vista desde el puerto",
            "Фото: рынок после обстрела",
            "صورة: السوق بعد القصف",
            "Credit: Reuters",
        ] {
            assert_eq!(line_rule(caption), Some(reason::CAPTION), "{caption}");
        }
    }

    #[test]
    fn comment_prompts_are_recognised_in_the_languages_the_importer_reads() {
        for prompt in [
            "Dear reader, to leave comments you need to register.",
            "Pour commenter cet article, connectez-vous.",
            "Para comentar, inicia sesión.",
            "Чтобы оставить комментарий, войдите на сайт.",
        ] {
            assert_eq!(line_rule(prompt), Some(reason::LOGIN), "{prompt}");
        }
    }

    #[test]
    fn a_rule_that_would_leave_almost_nothing_keeps_the_text_as_suspected() {
        // A "comments" link under the standfirst: the comments rule would cut the article.
        let standfirst = "Residents of the market town counted their dead on Saturday after the \
heaviest shelling in months, as both sides blamed each other for the attack and the provincial \
hospital ran short of blood, beds, medicine and fuel for the generators that keep it running.";
        let paragraph = "Shells fell on the crowded market on Friday evening, killing at least \
nineteen people and wounding dozens more, a doctor at the town's only working hospital said, as \
ambulances and private cars ferried the wounded through the night.";
        let article: String = (0..4).map(|_| format!("{paragraph}\n\n")).collect();
        let text = format!("Market hit\n\n{standfirst}\n\nComments\n\n{article}");
        let c = clean(None, &text, &[], None);
        assert!(c.body.contains("killing at least nineteen"), "{}", c.body);
        assert!(
            c.suspected
                .iter()
                .any(|s| s.2 == format!("{}{}", reason::SUSPECTED, reason::COMMENTS)),
            "{:?}",
            c.suspected
        );
        assert!(c.removed.iter().all(|r| r.2 != reason::COMMENTS));
    }

    #[test]
    fn comments_longer_than_the_article_are_kept_as_suspected_and_shorter_ones_cut() {
        let article = "Shells fell on the crowded market on Friday evening, killing at least \
nineteen people and wounding dozens more, a doctor at the town's only working hospital said. \
Ambulances and private cars ferried the wounded to the hospital, where staff appealed for blood \
donors as the toll rose through the night.";
        let comment = "This is terrible news and my thoughts are with every family in the town.";
        let comments: String = (0..12).map(|_| format!("{comment}\n\n")).collect();
        let text = format!("Market hit\n\n{article}\n\n12 comments\n\n{comments}");
        let c = clean(None, &text, &[], None);
        assert_eq!(c.suspected.len(), 1, "{:?}", c.suspected);
        assert!(c.body.contains("thoughts are with"), "{}", c.body);
        // Two comments under the same article are a thread to cut.
        let comments: String = (0..2).map(|_| format!("{comment}\n\n")).collect();
        let text = format!("Market hit\n\n{article}\n\n2 comments\n\n{comments}");
        let c = clean(None, &text, &[], None);
        assert!(c.suspected.is_empty(), "{:?}", c.suspected);
        assert!(!c.body.contains("thoughts are with"), "{}", c.body);
    }
}
