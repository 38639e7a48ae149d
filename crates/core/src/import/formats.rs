//! Article formats: each turns a decoded file into one or more extracted articles (title, text,
//! metadata). Extraction keeps the text as the file has it; cleaning comes after, in `clean`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::clean::reason;

/// What one format yields per article, before cleaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The headline from metadata, or `None` for text files (the first line is the headline).
    pub title: Option<String>,
    /// The article's text; removed spans will index into it.
    pub text: String,
    /// The source of this article when it differs from `text` (an HTML page, a JSON record).
    pub raw: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Spans extraction already knows are not article text (HTML figure captions).
    pub removed: Vec<(usize, usize, &'static str)>,
    /// Where in a multi-article file this came from ("#3", ":12"); empty for single articles.
    pub locator: String,
    /// What the content hash covers when it is not `text`: a Markdown body with its markup,
    /// as hashed before the markup was dropped, so that a file imported then is not new now.
    pub hashed: Option<String>,
    /// Why the page may not be an article (a front page, a video page), when it looks like one.
    pub not_article: Option<String>,
    /// `title` is the page's `<h1>`, not its metadata.
    pub title_from_heading: bool,
}

/// The file formats Triangulate reads, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
    Csv,
}

impl Format {
    /// The format for a file extension (case-insensitive), or `None` for one Triangulate does not read.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The name stored with each article.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// The extensions listed in the "not a format we read" message.
pub const KNOWN_EXTENSIONS: &str = "txt, md, html, htm, json, jsonl, csv";

/// Records of a multi-article file that could not be read: (locator, reason).
pub type RecordProblems = Vec<(String, String)>;

/// A file's articles, or why none could be read. Per-record failures in a multi-article file come
/// back in the second list as (locator, reason) while the good records are kept.
pub fn extract(format: Format, text: &str) -> Result<(Vec<Extracted>, RecordProblems), String> {
    match format {
        Format::Text => Ok((
            vec![Extracted {
                text: text.to_string(),
                ..Extracted::default()
            }],
            vec![],
        )),
        Format::Markdown => Ok((vec![markdown(text)], vec![])),
        Format::Html => html(text).map(|a| (vec![a], vec![])),
        Format::Json => json(text),
        Format::JsonLines => match json_lines(text) {
            (articles, problems) if articles.is_empty() && problems.is_empty() => {
                Err("no JSON lines in the file: no articles".into())
            }
            found => Ok(found),
        },
        Format::Csv => csv(text),
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown with optional front matter.

/// Splits `---` front matter (simple `key: value` lines) from a Markdown file.
pub fn front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let mut fields = Vec::new();
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return (fields, &rest[at..]);
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            fields.push((key.trim().to_lowercase(), value.to_string()));
        }
    }
    (Vec::new(), text) // no closing line: not front matter after all
}

fn markdown(text: &str) -> Extracted {
    let (fields, body) = front_matter(text);
    let plain = markdown_text(body);
    let changed = plain.trim() != body.trim();
    let mut extracted = Extracted {
        raw: (!fields.is_empty() || changed).then(|| text.to_string()),
        hashed: changed.then(|| body.to_string()),
        text: plain,
        ..Extracted::default()
    };
    for (key, value) in fields {
        if value.is_empty() {
            continue;
        }
        match Field::of(&key) {
            Some(Field::Title) => extracted.title = Some(value),
            Some(Field::Outlet) => extracted.outlet = Some(value),
            Some(Field::Published) => extracted.published = Some(value),
            Some(Field::Url) => extracted.url = Some(value),
            Some(Field::Author) => extracted.author = Some(value),
            Some(Field::Body) | None => {}
        }
    }
    extracted
}

/// A Markdown body as the plain text a reader sees: emphasis, heading marks, link targets,
/// images and HTML dropped (the raw file keeps them); paragraphs and headings apart by a blank
/// line, list items on lines of their own, line breaks within a paragraph kept (cleaning reads
/// lines). Parsed by pulldown-cmark, CommonMark without extensions.
pub fn markdown_text(body: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(body.len());
    let mut in_image = 0usize;
    let end_block = |out: &mut String, gap: &str| {
        let kept = out.trim_end_matches([' ', '\n']).len();
        out.truncate(kept);
        if !out.is_empty() {
            out.push_str(gap);
        }
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // A line of its own (one an image was dropped from leaves none).
            Event::SoftBreak | Event::HardBreak | Event::Start(Tag::Item)
                if !out.is_empty() && !out.ends_with('\n') =>
            {
                out.push('\n');
                if matches!(event, Event::Start(Tag::Item)) {
                    out.push_str("- ");
                }
            }
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_),
            )
            | Event::Rule => end_block(&mut out, "\n\n"),
            _ => {}
        }
    }
    end_block(&mut out, "\n");
    out
}

// ---------------------------------------------------------------------------------------------
// Column and field names.

/// An article field that exports name in many ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Outlet,
    Published,
    Url,
    Author,
}

impl Field {
    /// Recognises a column or field name ("headline", "article_content", "Publisher", …), also
    /// when written in camelCase as JSON exports do ("datePublished", "publishedAt").
    pub fn of(name: &str) -> Option<Field> {
        let name = name.trim();
        Field::of_snake(name).or_else(|| {
            // camelCase to snake_case: an underscore where a lower-case letter meets a capital.
            let mut snake = String::with_capacity(name.len() + 4);
            let mut previous_lower = false;
            for c in name.chars() {
                if c.is_uppercase() && previous_lower {
                    snake.push('_');
                }
                previous_lower = c.is_lowercase();
                snake.push(c);
            }
            (snake.len() != name.len())
                .then(|| Field::of_snake(&snake))
                .flatten()
        })
    }

    fn of_snake(name: &str) -> Option<Field> {
        let name: String = name
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        Some(match name.as_str() {
            "title" | "headline" | "article_title" | "heading" | "name" | "article_headline" => {
                Field::Title
            }
            "body" | "content" | "text" | "article_content" | "article_text" | "article_body"
            | "articlebody" | "full_text" | "story" | "article" => Field::Body,
            "outlet" | "source" | "publisher" | "site" | "site_name" | "media" | "source_name"
            | "outlet_name" | "newspaper" | "publication" | "news_source" => Field::Outlet,
            "published" | "date" | "published_at" | "publish_date" | "publication_date"
            | "pubdate" | "datetime" | "date_published" | "article_date" | "published_time" => {
                Field::Published
            }
            "url" | "link" | "canonical" | "source_url" | "article_url" | "permalink" => Field::Url,
            "author" | "byline" | "authors" | "writer" => Field::Author,
            _ => return None,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// JSON, JSON Lines.

fn json(text: &str) -> Result<(Vec<Extracted>, RecordProblems), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    match value {
        serde_json::Value::Object(map) => json_record(&map, text, "").map(|a| (vec![a], vec![])),
        serde_json::Value::Array(items) => {
            let mut articles = Vec::new();
            let mut problems = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let locator = format!("#{i}");
                match item {
                    serde_json::Value::Object(map) => {
                        let raw = serde_json::to_string_pretty(item).unwrap_or_default();
                        match json_record(map, &raw, &locator) {
                            Ok(a) => articles.push(a),
                            Err(e) => problems.push((locator, e)),
                        }
                    }
                    _ => problems.push((locator, "not a JSON object".to_string())),
                }
            }
            if articles.is_empty() && problems.is_empty() {
                return Err("an empty JSON array: no articles".into());
            }
            Ok((articles, problems))
        }
        _ => Err("JSON is neither an article object nor an array of them".into()),
    }
}

fn json_lines(text: &str) -> (Vec<Extracted>, RecordProblems) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let locator = format!(":{}", n + 1);
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => match json_record(&map, line, &locator) {
                Ok(a) => articles.push(a),
                Err(e) => problems.push((locator, e)),
            },
            Ok(_) => problems.push((locator, "not a JSON object".into())),
            Err(e) => problems.push((locator, format!("invalid JSON: {e}"))),
        }
    }
    (articles, problems)
}

fn json_record(
    map: &serde_json::Map<String, serde_json::Value>,
    raw: &str,
    locator: &str,
) -> Result<Extracted, String> {
    let mut fields = Vec::new();
    for (key, value) in map {
        let value = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            _ => continue,
        };
        fields.push((key.as_str(), value));
    }
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    record(&fields, &keys, Some(raw.to_string()), locator)
}

/// Builds an article from named fields; a record without a body is an error naming the fields seen.
fn record(
    fields: &[(&str, String)],
    keys: &[&str],
    raw: Option<String>,
    locator: &str,
) -> Result<Extracted, String> {
    let mut extracted = Extracted {
        raw,
        locator: locator.to_string(),
        ..Extracted::default()
    };
    let mut body = None;
    for (key, value) in fields {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let slot = match Field::of(key) {
            Some(Field::Title) => &mut extracted.title,
            Some(Field::Body) => &mut body,
            Some(Field::Outlet) => &mut extracted.outlet,
            Some(Field::Published) => &mut extracted.published,
            Some(Field::Url) => &mut extracted.url,
            Some(Field::Author) => &mut extracted.author,
            None => continue,
        };
        if slot.is_none() {
            *slot = Some(crate::import::decode::normalize_newlines(value));
        }
    }
    match body {
        Some(body) => {
            extracted.text = body;
            Ok(extracted)
        }
        None => Err(format!(
            "no article text: none of the fields ({}) is a body (body, content, text, article_content)",
            keys.join(", ")
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// CSV.

fn csv(text: &str) -> Result<(Vec<Extracted>, RecordProblems), String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("unreadable CSV header: {e}"))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    if !headers.iter().any(|h| Field::of(h) == Some(Field::Body)) {
        return Err(format!(
            "no column holds the article text: columns are {}; name one body, content, text or article_content",
            headers.join(", ")
        ));
    }
    let keys: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (n, row) in reader.records().enumerate() {
        // Row numbers as a spreadsheet shows them: the header is row 1.
        let locator = format!(":{}", n + 2);
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                problems.push((locator, format!("unreadable CSV row: {e}")));
                continue;
            }
        };
        let fields: Vec<(&str, String)> = keys
            .iter()
            .zip(row.iter())
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        let raw = serde_json::to_string_pretty(
            &fields
                .iter()
                .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone())))
                .collect::<serde_json::Map<_, _>>(),
        )
        .unwrap_or_default();
        match record(&fields, &keys, Some(raw), &locator) {
            Ok(a) => articles.push(a),
            Err(e) => problems.push((locator, e)),
        }
    }
    if articles.is_empty() && problems.is_empty() {
        return Err(format!(
            "a CSV header ({}) with no rows under it: no articles",
            headers.join(", ")
        ));
    }
    Ok((articles, problems))
}

// ---------------------------------------------------------------------------------------------
// HTML.

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| Selector::parse("*").expect("'*' is a valid selector"))
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static ARTICLE: LazyLock<Selector> = LazyLock::new(|| selector("article"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static LINK: LazyLock<Selector> = LazyLock::new(|| selector("a[href]"));
/// Where a page marks its author's name, most precise first.
static AUTHOR: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    [
        "[itemprop=author] [itemprop=name]",
        "[rel=author]",
        "[itemprop=author]",
    ]
    .iter()
    .map(|css| selector(css))
    .collect()
});
static CONTAINERS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    [
        "article",
        "[itemprop=articleBody]",
        "main",
        "[role=main]",
        "#content",
        ".content",
        "body",
    ]
    .iter()
    .map(|css| selector(css))
    .collect()
});

/// Elements whose text is never article text and not worth keeping as a cut.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "button", "iframe", "svg", "template", "select", "head",
];
/// Page furniture: kept in the text as a cut with this reason, so the analyst can see and restore it.
const FURNITURE: &[(&str, &str)] = &[
    ("nav", reason::NAVIGATION),
    ("menu", reason::NAVIGATION),
    ("footer", reason::NAVIGATION),
    ("aside", reason::NAVIGATION),
    ("form", reason::NAVIGATION),
];
/// Elements that sit inside a line of text rather than making a block of their own.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "dfn", "em", "font", "i", "img", "kbd",
    "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
];
/// Elements whose text is one block (a paragraph) of the article.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "figcaption",
    "dd",
    "dt",
    "td",
    "th",
];

fn html(page: &str) -> Result<Extracted, String> {
    let doc = Html::parse_document(page);
    let mut extracted = Extracted {
        raw: Some(page.to_string()),
        ..Extracted::default()
    };
    let mut og_title = None;
    let mut meta_title = None;
    let mut application_name = None;
    let mut og_type = None;
    for meta in doc.select(&META) {
        let el = meta.value();
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .unwrap_or_default()
            .to_lowercase();
        let Some(content) = el.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let content = Some(content.to_string());
        match key.as_str() {
            "og:title" => og_title = content,
            "title" | "twitter:title" => meta_title = meta_title.or(content),
            "og:site_name" if extracted.outlet.is_none() => extracted.outlet = content,
            "application-name" => application_name = application_name.or(content),
            "article:published_time"
            | "datepublished"
            | "pubdate"
            | "publish-date"
            | "date"
            | "dc.date"
            | "sailthru.date"
            | "parsely-pub-date"
                if extracted.published.is_none() =>
            {
                extracted.published = content
            }
            // article:author is often the author's page: an address is no name.
            "author" | "article:author"
                if extracted.author.is_none()
                    && content.as_deref().is_some_and(|c| !c.contains("://")) =>
            {
                extracted.author = content
            }
            "og:url" if extracted.url.is_none() => extracted.url = content,
            "og:type" => og_type = og_type.or(content),
            _ => {}
        }
    }
    if let Some(link) = doc
        .select(&CANONICAL)
        .next()
        .and_then(|l| l.value().attr("href"))
    {
        extracted.url = Some(link.trim().to_string());
    }
    // The article as Readability finds it (dom_smoothie), then our block, furniture and caption
    // rules inside it; the older container guess where Readability is not used or finds nothing.
    // Readability's article is read in the page where it sits (the element that holds all its
    // paragraphs), so that the short things Readability drops from inside it — a byline with
    // the date, a login prompt, a share bar — come as text the rules cut with a reason the
    // analyst can see and restore, rather than vanishing. Longer blocks Readability dropped
    // (hidden copies, teasers) stay out. Readability's own copy is read where no such element
    // holds about as much text as it found.
    let readable = readable_article(&doc, page);
    let readable_doc = readable.as_ref().map(|r| Html::parse_fragment(&r.content));
    let mut blocks = Vec::new();
    let mut in_page_time = None;
    if let Some(article) = &readable_doc {
        let mut readable_blocks = Vec::new();
        let article_text = squash(&article.root_element().text().collect::<String>()).len();
        // Readability has taken most furniture away already: no rule may cut most of what is left.
        collect_blocks(
            article.root_element(),
            &mut readable_blocks,
            article_text / 2,
            0,
        );
        let in_page = article_element(&doc, article)
            .map(|el| (el, squash(&el.text().collect::<String>()).len()))
            .filter(|(_, text)| {
                (article_text.saturating_mul(4) / 5..=article_text.saturating_mul(3) / 2)
                    .contains(text)
            });
        if let Some((el, _)) = in_page {
            in_page_time = first_time(el);
        }
        match in_page {
            Some((el, text)) => {
                collect_blocks(el, &mut blocks, text / 2, 0);
                let kept: HashSet<&str> = readable_blocks.iter().map(|(t, _)| t.as_str()).collect();
                blocks.retain(|(t, cut)| {
                    cut.is_some() || t.len() <= DROPPED_KEPT_BYTES || kept.contains(t.as_str())
                });
            }
            None => blocks = readable_blocks,
        }
        if blocks.iter().all(|(_, cut)| cut.is_some()) {
            blocks.clear();
        }
    }
    let container = CONTAINERS
        .iter()
        .find_map(|s| doc.select(s).find(|el| has_block_text(el)))
        .or_else(|| doc.select(&CONTAINERS[CONTAINERS.len() - 1]).next());
    let Some(container) = container else {
        return Err("an HTML page with no body".into());
    };
    if blocks.is_empty() {
        collect_blocks(container, &mut blocks, usize::MAX, 0);
        if blocks.iter().all(|(_, cut)| cut.is_some()) {
            let text = squash(&container.text().collect::<String>());
            if !text.is_empty() {
                blocks = vec![(text, None)];
            }
        }
    }
    let h1 = container
        .select(&H1)
        .next()
        .or_else(|| doc.select(&H1).next())
        .map(|h| squash(&h.text().collect::<String>()));
    let page_title = doc
        .select(&TITLE)
        .next()
        .map(|t| squash(&t.text().collect::<String>()));
    // Readability's title first: it reads JSON-LD's headline and takes the site's name off a
    // page title ("… | Free Qadira News"), but keeps a short one whole ("Shelling kills 12 |
    // Daily"); where the page's og:title or h1 is that title without the rest, that is taken.
    // Then the page's own tags.
    let (readable_title, readable_site, readable_date, byline) = match readable {
        Some(r) => (r.title, r.site_name, r.published, r.byline),
        None => (None, None, None, None),
    };
    let trimmed = readable_title.as_ref().and_then(|whole| {
        [og_title.as_ref(), h1.as_ref()]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty() && site_suffix(whole, t))
            .cloned()
    });
    let candidates = [
        trimmed,
        readable_title,
        og_title,
        h1.clone(),
        meta_title,
        page_title,
    ];
    extracted.title = candidates.iter().flatten().find(|t| !t.is_empty()).cloned();
    // From the heading only where no metadata says the same.
    extracted.title_from_heading = h1.is_some()
        && extracted.title == h1
        && !candidates
            .iter()
            .enumerate()
            .any(|(i, t)| i != 3 && t.is_some() && *t == extracted.title);
    // The site's name as Readability reads it (JSON-LD's publisher first, then og:site_name),
    // then the page's og:site_name, then its "application-name", which is sometimes the web
    // app's internal name or the headline: never the headline.
    extracted.outlet = [readable_site, extracted.outlet.take(), application_name]
        .into_iter()
        .flatten()
        .find(|site| Some(site) != extracted.title.as_ref());
    // The date likewise: JSON-LD's datePublished as Readability reads it, then the meta tags,
    // then the first `<time datetime>` in the article (its byline's), or in the page's
    // `<article>` where Readability's article was not found in the page.
    extracted.published = readable_date
        .or(extracted.published.take())
        .or(in_page_time)
        .or_else(|| doc.select(&ARTICLE).next().and_then(first_time));
    // The author as the meta tags give it, else as the page marks its author's name
    // (rel="author", itemprop="author"), else the byline Readability found up to its first
    // comma or separator, where that names someone rather than a date ("By Jane Doe, 14
    // March" is Jane Doe; "Last updated: 7 January 2025" is no one).
    if extracted.author.is_none() {
        let marked = AUTHOR.iter().find_map(|css| {
            doc.select(css)
                .map(|a| squash(&a.text().collect::<String>()))
                .find(|a| !a.is_empty())
        });
        let from_byline = byline.and_then(|b| {
            let name = b
                .split([',', '|', '·', '•'])
                .next()?
                .split(" - ")
                .next()?
                .trim();
            let name = ["By ", "by ", "BY "]
                .iter()
                .find_map(|by| name.strip_prefix(by))
                .unwrap_or(name)
                .trim();
            (!name.is_empty() && !name.contains(':') && !name.chars().any(|c| c.is_ascii_digit()))
                .then(|| name.to_string())
        });
        extracted.author = marked.or(from_byline).filter(|a| a.chars().count() <= 100);
    }
    extracted.not_article = not_an_article(&doc, og_type.as_deref());
    for (text, cut) in blocks {
        if !extracted.text.is_empty() {
            extracted.text.push_str("\n\n");
        }
        let start = extracted.text.len();
        extracted.text.push_str(&text);
        if let Some(why) = cut {
            extracted.removed.push((start, extracted.text.len(), why));
        }
    }
    Ok(extracted)
}

/// Readability's work grows with every element's depth summed over the page and with every
/// text's length times its depth (it reads each element's text for each ancestor it scores, and
/// so does placing its article in the page), and its memory with the elements: a page nested
/// 10,000 deep took 12 s, and 60 MB of 3.5 million small elements 25 s and 2.6 GB, where real
/// pages (up to about 40 levels, some thousands of elements, a few MB of text) take
/// milliseconds. Past these limits the older container guess is used.
const READABLE_MAX_DEPTH: usize = 1_000;
const READABLE_MAX_DEPTH_SUM: u64 = 10_000_000;
const READABLE_MAX_ELEMENTS: usize = 200_000;
const READABLE_MAX_TEXT_DEPTH: u64 = 1_000_000_000;

/// The article of a page as Readability.js finds it, through its Rust port dom_smoothie: the
/// HTML of the article's node, or `None` when the page is too deep to score in time or
/// Readability finds no article. Classes are kept so that the furniture rules can read them.
/// Whether `whole` is `title` followed by a separator and a site's name: "Shelling kills 12 |
/// Daily", "Market hit - The Daily Example".
fn site_suffix(whole: &str, title: &str) -> bool {
    let Some(rest) = whole.strip_prefix(title) else {
        return false;
    };
    [" | ", " - ", " – ", " — ", " :: ", " · ", " / "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
        .is_some_and(|site| !site.trim().is_empty() && site.split_whitespace().count() <= 5)
}

/// What Readability read of a page: its article's HTML, and the title, site name and date it
/// found in the page's metadata (JSON-LD first, then meta tags; the title with the site's name
/// taken off).
struct Readable {
    content: String,
    title: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    byline: Option<String>,
}

fn readable_article(doc: &Html, page: &str) -> Option<Readable> {
    let (mut depth, mut deepest, mut depth_sum, mut elements) = (0usize, 0usize, 0u64, 0usize);
    let mut text_depth = 0u64;
    for edge in doc.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) if node.value().is_text() => {
                let length = node.value().as_text().map_or(0, |t| t.len());
                text_depth = text_depth.saturating_add(length as u64 * depth as u64);
            }
            ego_tree::iter::Edge::Open(node) if node.value().is_element() => {
                elements += 1;
                depth += 1;
                deepest = deepest.max(depth);
                depth_sum += depth as u64;
            }
            ego_tree::iter::Edge::Close(node) if node.value().is_element() => depth -= 1,
            _ => {}
        }
    }
    if deepest > READABLE_MAX_DEPTH
        || depth_sum > READABLE_MAX_DEPTH_SUM
        || elements > READABLE_MAX_ELEMENTS
        || text_depth > READABLE_MAX_TEXT_DEPTH
    {
        return None;
    }
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let article = dom_smoothie::Readability::new(page, None, Some(config))
        .ok()?
        .parse()
        .ok()?;
    let given = |s: Option<String>| s.map(|s| squash(&s)).filter(|s| !s.is_empty());
    Some(Readable {
        content: article.content.to_string(),
        title: given(Some(article.title)),
        site_name: given(article.site_name),
        published: given(article.published_time),
        byline: given(article.byline),
    })
}

/// The `datetime` of the first `<time>` under `el` that has one.
fn first_time(el: ElementRef<'_>) -> Option<String> {
    el.select(&TIME)
        .filter_map(|t| t.value().attr("datetime"))
        .map(str::trim)
        .find(|d| !d.is_empty())
        .map(str::to_string)
}

/// Pages with less running text than this (letters and digits outside links; about 150 words
/// of English, and counted in characters so that Chinese and Japanese, written without spaces,
/// count alike) may not be articles when most of their text is links.
const NOT_ARTICLE_MAX_CHARS: usize = 800;

/// Why a page may not be an article, when it looks like something else: the page calls itself
/// a video, or most of its text is links with little running text besides (a front page, an
/// index, a gallery). Such a page is imported all the same, with the note.
fn not_an_article(doc: &Html, og_type: Option<&str>) -> Option<String> {
    if let Some(kind) = og_type.map(str::to_lowercase)
        && ["video", "music", "profile", "book"]
            .iter()
            .any(|k| kind.starts_with(k))
    {
        return Some(format!("the page calls itself {kind:?}, not an article"));
    }
    let body = doc.select(&CONTAINERS[CONTAINERS.len() - 1]).next()?;
    let all = visible_chars(body);
    let (links, linked) = doc
        .select(&LINK)
        .fold((0usize, 0usize), |(n, w), a| (n + 1, w + visible_chars(a)));
    let running = all.saturating_sub(linked);
    (links >= 20 && running < NOT_ARTICLE_MAX_CHARS && linked > running).then(|| {
        format!(
            "{links} links hold {linked} of its {all} letters, and {running} are running text \
             (a front page, an index or a gallery?)"
        )
    })
}

/// The letters and digits of the text under `el` that a reader sees: not in scripts, styles or
/// templates. One walk over the tree, without recursion (pages nest thousands deep).
fn visible_chars(el: ElementRef<'_>) -> usize {
    let (mut chars, mut hidden) = (0usize, 0usize);
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Element(e) if SKIPPED.contains(&e.name()) => hidden += 1,
                scraper::Node::Text(t) if hidden == 0 => {
                    chars += t.chars().filter(|c| c.is_alphanumeric()).count()
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let scraper::Node::Element(e) = node.value()
                    && SKIPPED.contains(&e.name())
                {
                    hidden -= 1;
                }
            }
        }
    }
    chars
}

/// Blocks Readability dropped from its article that are kept for the rules to read: bylines,
/// prompts and widgets are shorter; hidden copies and teasers are longer.
const DROPPED_KEPT_BYTES: usize = 160;

/// Paragraphs shorter than this do not place the article: "Advertisement" or "Share" appears
/// in many places of a page.
const ANCHOR_MIN_BYTES: usize = 40;

/// The element of `doc` that holds every paragraph of Readability's `article` that occurs once
/// in the page, or `None` when none does.
fn article_element<'a>(doc: &'a Html, article: &Html) -> Option<ElementRef<'a>> {
    let paragraphs = |root: ElementRef<'_>| {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|el| BLOCKS.contains(&el.value().name()))
            .map(|el| (el.id(), squash(&block_text(el, 0))))
            .filter(|(_, text)| text.len() >= ANCHOR_MIN_BYTES)
            .collect::<Vec<_>>()
    };
    let wanted: HashSet<String> = paragraphs(article.root_element())
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let mut found: HashMap<String, Vec<ego_tree::NodeId>> = HashMap::new();
    for (id, text) in paragraphs(doc.root_element()) {
        if wanted.contains(&text) {
            found.entry(text).or_default().push(id);
        }
    }
    let mut anchors = found
        .into_values()
        .filter(|ids| ids.len() == 1)
        .flatten()
        .filter_map(|id| doc.tree.get(id));
    // The lowest common ancestor: the first anchor's ancestors, cut down to those that are
    // also ancestors of each other anchor.
    let first = anchors.next()?;
    let mut chain: Vec<ego_tree::NodeId> = std::iter::once(first)
        .chain(first.ancestors())
        .map(|n| n.id())
        .collect();
    for anchor in anchors {
        let on_chain: HashSet<ego_tree::NodeId> = chain.iter().copied().collect();
        let meet = std::iter::once(anchor)
            .chain(anchor.ancestors())
            .find(|n| on_chain.contains(&n.id()))?;
        let at = chain.iter().position(|id| *id == meet.id())?;
        chain.drain(..at);
    }
    chain
        .first()
        .and_then(|id| doc.tree.get(*id))
        .and_then(ElementRef::wrap)
}

fn has_block_text(el: &ElementRef<'_>) -> bool {
    let mut blocks = Vec::new();
    collect_blocks(*el, &mut blocks, usize::MAX, 0);
    blocks
        .iter()
        .filter(|(_, cut)| cut.is_none())
        .map(|(t, _)| t.len())
        .sum::<usize>()
        >= 80
}

/// How deep the block walk goes: below this, an element's text is one block. Real pages nest
/// about 40 levels; a page nested 10,000 deep must not overflow a parse thread's stack.
const MAX_WALK_DEPTH: usize = 256;

/// The text blocks under `el` in document order. Page furniture (navigation, share bars, related
/// links) and figure captions come as blocks with the reason they are cut, unless the furniture
/// holds more than `most` bytes of text: then it is where the article sits (a page in one big
/// form, a div called "contentWithSidebar") and the walk goes into it. `depth` is how deep `el`
/// lies below where the walk began.
fn collect_blocks(
    el: ElementRef<'_>,
    out: &mut Vec<(String, Option<&'static str>)>,
    most: usize,
    depth: usize,
) {
    if depth >= MAX_WALK_DEPTH {
        let text = squash(&el.text().collect::<String>());
        if !text.is_empty() {
            out.push((text, None));
        }
        return;
    }
    // Text written straight into a container between its elements ("<div>Text <b>bold</b>
    // text<br>more</div>", as blogs write) is a block of its own with the inline elements
    // around it; where a container holds no such text, its inline children stay blocks apart.
    let loose_text = el.children().any(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        _ => false,
    });
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<(String, Option<&'static str>)>| {
        let text = squash(run);
        if !text.is_empty() {
            out.push((text, None));
        }
        run.clear();
    };
    for child in el.children() {
        let Some(child_el) = ElementRef::wrap(child) else {
            if let Node::Text(t) = child.value()
                && loose_text
            {
                run.push_str(t);
            }
            continue;
        };
        let name = child_el.value().name();
        if SKIPPED.contains(&name) {
            continue;
        }
        if loose_text && INLINE.contains(&name) && furniture_by_mark(&child_el).is_none() {
            run.push(' ');
            run.push_str(&block_text(child_el, depth + 1));
            run.push(' ');
            continue;
        }
        flush(&mut run, out);
        let furniture = FURNITURE
            .iter()
            .find(|(tag, _)| *tag == name)
            .map(|(_, why)| *why)
            .or_else(|| furniture_by_mark(&child_el))
            .map(|why| (why, squash(&block_text(child_el, depth + 1))))
            .filter(|(_, text)| text.len() <= most);
        if let Some((why, text)) = furniture {
            if !text.is_empty() {
                out.push((text, Some(why)));
            }
        } else if BLOCKS.contains(&name) {
            let text = squash(&block_text(child_el, depth + 1));
            if !text.is_empty() {
                out.push((text, (name == "figcaption").then_some(reason::CAPTION)));
            }
        } else if child
            .children()
            .any(|c| matches!(c.value(), Node::Element(_)))
        {
            collect_blocks(child_el, out, most, depth + 1);
        } else {
            let text = squash(&child_el.text().collect::<String>());
            if !text.is_empty() && name != "header" {
                out.push((text, None));
            }
        }
    }
    flush(&mut run, out);
}

/// Text of a block, without the text of skipped elements inside it (down to `MAX_WALK_DEPTH`;
/// below that, all of its text).
fn block_text(el: ElementRef<'_>, depth: usize) -> String {
    let mut text = String::new();
    push_block_text(el, depth, &mut text);
    text
}

/// Appends the text of a block to `text`: one buffer for the whole block, so that a block
/// nested in many others is copied once, not once for each level.
fn push_block_text(el: ElementRef<'_>, depth: usize, text: &mut String) {
    if depth >= MAX_WALK_DEPTH {
        text.extend(el.text());
        return;
    }
    for node in el.children() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) if e.name() == "br" => text.push(' '),
            Node::Element(e) if !SKIPPED.contains(&e.name()) => {
                if let Some(child) = ElementRef::wrap(node) {
                    push_block_text(child, depth + 1, text);
                }
            }
            _ => {}
        }
    }
}

/// Page furniture marked by role, class or id: share bars, menus, related links, newsletter boxes.
fn furniture_by_mark(el: &ElementRef<'_>) -> Option<&'static str> {
    let v = el.value();
    if matches!(
        v.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary")
    ) {
        return Some(reason::NAVIGATION);
    }
    let marks = format!(
        "{} {}",
        v.attr("class").unwrap_or_default(),
        v.attr("id").unwrap_or_default()
    );
    // Marks are matched at the start of a word of a class or id ("share-bar", "relatedStories"),
    // not anywhere in one: "evolve-shared-mutable-history" is a section, not a share bar.
    let words = mark_words(&marks);
    let starts = |mark: &str| words.iter().any(|w| w.starts_with(mark));
    if words
        .iter()
        .any(|w| w.starts_with("share") && w != "shared")
        || starts("social")
    {
        return Some(reason::SHARE_WIDGET);
    }
    let most_read = words.windows(2).any(|w| w[0] == "most" && w[1] == "read");
    (most_read
        || [
            "newsletter",
            "breadcrumb",
            "related",
            "mostread",
            "advert",
            "cookie",
            "menu",
            "sidebar",
            "comments",
        ]
        .iter()
        .any(|m| starts(m)))
    .then_some(reason::NAVIGATION)
}

/// The words of class names and ids, lower-cased: split at anything not a letter or digit and
/// where a lower-case letter meets a capital ("relatedStories" is "related", "stories").
fn mark_words(marks: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in marks.chars() {
        if (!c.is_alphanumeric() || (c.is_uppercase() && previous_lower)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase();
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Collapses runs of white space into single spaces and trims.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields_are_read_and_the_body_follows() {
        let (fields, body) =
            front_matter("---\ntitle: \"A: B\"\npublished: 2025-03-14\n---\nBody text\n");
        assert_eq!(
            fields,
            vec![
                ("title".into(), "A: B".into()),
                ("published".into(), "2025-03-14".into())
            ]
        );
        assert_eq!(body, "Body text\n");
    }

    #[test]
    fn a_markdown_body_reads_as_plain_text() {
        let text = markdown_text(
            "# Toll rises\n\nThe monitor counted **23 civilians**, see [the list](http://x.example).\n\
             ![a photo](p.jpg)\nSecond line.\n\n### Breakdown\n\n- Children: 6\n- Women: 4\n",
        );
        assert_eq!(
            text,
            "Toll rises\n\nThe monitor counted 23 civilians, see the list.\nSecond line.\n\n\
             Breakdown\n\n- Children: 6\n- Women: 4\n"
        );
        assert_eq!(markdown_text("Plain words only."), "Plain words only.\n");
        assert_eq!(markdown_text(""), "");
    }

    #[test]
    fn an_unclosed_front_matter_is_body_text() {
        let (fields, body) = front_matter("---\ntitle: x\nno end");
        assert!(fields.is_empty());
        assert_eq!(body, "---\ntitle: x\nno end");
    }

    #[test]
    fn column_names_from_common_exports_are_recognised() {
        assert_eq!(Field::of("article_title"), Some(Field::Title));
        assert_eq!(Field::of("Article Content"), Some(Field::Body));
        assert_eq!(Field::of("source"), Some(Field::Outlet));
        assert_eq!(Field::of("Published"), Some(Field::Published));
        assert_eq!(Field::of("unit_id"), None);
        assert_eq!(Field::of("datePublished"), Some(Field::Published));
        assert_eq!(Field::of("publishedAt"), Some(Field::Published));
        assert_eq!(Field::of("articleBody"), Some(Field::Body));
        assert_eq!(Field::of("pubDate"), Some(Field::Published));
        assert_eq!(Field::of("wordCount"), None);
    }

    #[test]
    fn a_site_name_after_a_separator_is_not_part_of_the_title() {
        assert!(site_suffix(
            "Shelling kills 12 | Daily",
            "Shelling kills 12"
        ));
        assert!(site_suffix("Mozilla - Wikipedia", "Mozilla"));
        assert!(!site_suffix("Shelling kills 12", "Shelling kills 12"));
        assert!(!site_suffix("Hello world: a story", "Hello"));
        assert!(!site_suffix(
            "Market hit - and then the shells came again at night, residents said",
            "Market hit"
        ));
    }

    #[test]
    fn a_page_mostly_of_links_or_calling_itself_a_video_may_not_be_an_article() {
        let mut front = String::from("<html><head><title>The Daily Example</title></head><body>");
        for i in 0..40 {
            front.push_str(&format!(
                "<div class=teaser><a href='/story/{i}'>Convoy ambushed near crossing number {i} \
                 as fighting spreads</a></div>"
            ));
        }
        front.push_str("<p>Welcome to the Daily Example.</p></body></html>");
        let why = html(&front)
            .unwrap()
            .not_article
            .expect("a front page is noted");
        assert!(why.contains("40 links"), "{why}");

        let video = r#"<html><head><meta property="og:type" content="video.other"></head>
            <body><article><h1>Convoy ambushed</h1><p>Watch: a convoy was ambushed near the
            crossing on Friday, killing four drivers, officials said.</p></article></body></html>"#;
        let why = html(video)
            .unwrap()
            .not_article
            .expect("a video page is noted");
        assert!(why.contains("video.other"), "{why}");

        // An article with a menu of links and a short item with a few links are articles.
        let mut article = String::from("<html><body><nav>");
        for i in 0..30 {
            article.push_str(&format!("<a href='/s/{i}'>Section {i}</a>"));
        }
        article.push_str("</nav><article><h1>Convoy ambushed</h1>");
        for _ in 0..4 {
            article.push_str(
                "<p>A supply convoy was ambushed near the river crossing on Friday, killing \
                 four drivers and wounding six, a local official said, as fighting spread.</p>",
            );
        }
        article.push_str("</article></body></html>");
        assert_eq!(html(&article).unwrap().not_article, None);
        let short = r#"<html><body><p>Four drivers were killed when a convoy was ambushed
            near the river crossing, <a href="/x">officials said</a>.</p></body></html>"#;
        assert_eq!(html(short).unwrap().not_article, None);
    }

    #[test]
    fn a_byline_time_dates_a_page_and_a_byline_names_its_author() {
        let page = r#"<html><head><title>Convoy ambushed</title></head><body>
            <aside><time datetime="2019-01-01">Older story</time></aside>
            <article><h1>Convoy ambushed</h1>
            <p class="byline">By <a rel="author">Jane Example</a>,
            <time datetime="2025-03-14T08:30:00Z">14 March</time></p>
            <p>A supply convoy was ambushed near the river crossing on Friday, killing four
            drivers and wounding six, a local official said, as fighting spread along the road
            towards the town, where residents said shelling had gone on all night.</p>
            <p>The army said it had sent reinforcements to the area and opened an inquiry into
            how the convoy had been left without an escort on a road known to be mined.</p>
            </article></body></html>"#;
        let a = html(page).unwrap();
        assert_eq!(a.published.as_deref(), Some("2025-03-14T08:30:00Z"));
        assert_eq!(a.author.as_deref(), Some("Jane Example"));
    }

    #[test]
    fn an_application_name_that_is_the_headline_is_no_outlet() {
        let page = r#"<html><head><title>Convoy ambushed near the river crossing</title>
            <meta name="application-name" content="Convoy ambushed near the river crossing">
            </head><body><article><h1>Convoy ambushed near the river crossing</h1>
            <p>A supply convoy was ambushed near the river crossing on Friday, killing four
            drivers and wounding six, a local official said, as fighting spread along the road.</p>
            <p>The army said it had sent reinforcements to the area and opened an inquiry.</p>
            </article></body></html>"#;
        let a = html(page).unwrap();
        assert_eq!(
            a.title.as_deref(),
            Some("Convoy ambushed near the river crossing")
        );
        assert_eq!(a.outlet, None);
    }

    #[test]
    fn html_pages_give_the_article_without_navigation() {
        let page = r#"<html><head><title>Shelling kills 12 | Daily</title>
            <meta property="og:site_name" content="The Daily Example">
            <meta property="article:published_time" content="2025-03-14T08:30:00Z">
            <link rel="canonical" href="https://daily.example/a/1"></head>
            <body><nav><a>Home</a><a>World</a></nav>
            <article><h1>Shelling kills 12</h1>
            <figure><img src="x.jpg"><figcaption>PHOTO - Smoke over the town</figcaption></figure>
            <p>Twelve people were killed when shells hit the market on Friday, officials said.</p>
            <div class="share-bar"><a>Facebook</a></div>
            <p>The <b>army</b> denied firing.<script>track()</script></p></article>
            <aside>Most read</aside><footer>© Daily</footer></body></html>"#;
        let a = html(page).unwrap();
        assert_eq!(a.title.as_deref(), Some("Shelling kills 12"));
        assert_eq!(a.outlet.as_deref(), Some("The Daily Example"));
        assert_eq!(a.published.as_deref(), Some("2025-03-14T08:30:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://daily.example/a/1"));
        assert!(a.text.contains("Twelve people were killed"));
        assert!(a.text.contains("The army denied firing."));
        assert!(!a.text.contains("track()"), "scripts are dropped");
        for outside in ["Home", "Most read", "© Daily"] {
            assert!(
                !a.text.contains(outside),
                "{outside} is outside the article and stays in raw only"
            );
        }
        let cuts: Vec<(&str, &str)> = a
            .removed
            .iter()
            .map(|&(s, e, why)| (&a.text[s..e], why))
            .collect();
        assert_eq!(
            cuts,
            vec![
                ("PHOTO - Smoke over the town", reason::CAPTION),
                ("Facebook", reason::SHARE_WIDGET)
            ]
        );
    }

    #[test]
    fn a_page_nested_ten_thousand_deep_gives_its_text_without_overflowing_the_stack() {
        let mut page = String::from("<html><body>");
        for i in 0..10_000 {
            page.push_str(if i % 2 == 0 { "<div>" } else { "<span>" });
        }
        page.push_str("<p>Twelve people were killed when shells hit the market on Friday.</p>");
        // A parse thread's stack, not the test thread's.
        let a = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || html(&page))
            .unwrap()
            .join()
            .unwrap()
            .unwrap();
        assert!(a.text.contains("Twelve people were killed"), "{}", a.text);
    }

    #[test]
    fn a_share_mark_is_a_word_of_a_class_not_any_part_of_it() {
        let page = |class: &str| {
            format!("<html><body><div class=\"{class}\"><p>Facebook</p></div></body></html>")
        };
        let doc = Html::parse_document(&page("share-bar"));
        let div = doc.select(&selector("div")).next().unwrap();
        assert_eq!(furniture_by_mark(&div), Some(reason::SHARE_WIDGET));
        let doc = Html::parse_document(&page("evolve-shared-mutable-history"));
        let div = doc.select(&selector("div")).next().unwrap();
        assert_eq!(furniture_by_mark(&div), None);
        let doc = Html::parse_document(&page("relatedStories"));
        let div = doc.select(&selector("div")).next().unwrap();
        assert_eq!(furniture_by_mark(&div), Some(reason::NAVIGATION));
    }

    #[test]
    fn text_written_straight_into_a_container_is_article_text() {
        let page = "<html><head><title>Post</title></head><body><div class=\"post\">\
            The monitor counted <b>23 civilians</b> killed in the shelling of the market.<br>\
            Rescue teams worked through the night, residents said.</div></body></html>";
        let a = html(page).unwrap();
        assert!(
            a.text
                .contains("The monitor counted 23 civilians killed in the shelling of the market."),
            "{}",
            a.text
        );
        assert!(
            a.text.contains("Rescue teams worked through the night"),
            "{}",
            a.text
        );
    }

    #[test]
    fn furniture_marks_on_the_element_that_holds_the_article_do_not_cut_it() {
        let paragraph = "Twelve people were killed when shells hit the market on Friday, \
            officials said, and the army denied firing on the town.";
        let page = format!(
            "<html><head><title>Market</title></head><body><nav><a>Home</a></nav>\
             <div class=\"story\"><div id=\"contentWithSidebar\">{}</div>\
             <p>The council appealed for medicine and for funding to repair the school roof.</p>\
             </div></body></html>",
            format!("<p>{paragraph}</p>").repeat(6)
        );
        let a = html(&page).unwrap();
        assert!(a.text.contains(paragraph), "{}", a.text);
        let cut: usize = a.removed.iter().map(|(s, e, _)| e - s).sum();
        assert!(cut * 2 < a.text.len(), "{:?}", a.removed);
    }

    #[test]
    fn a_json_array_keeps_good_records_and_reports_bad_ones() {
        let (articles, problems) =
            json(r#"[{"headline": "A", "content": "Body A"}, {"title": "B"}, 3]"#).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title.as_deref(), Some("A"));
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0].1.contains("no article text"),
            "{:?}",
            problems[0]
        );
    }

    #[test]
    fn csv_rows_become_articles_by_header_name() {
        let csv_text = "unit_id,article_title,article_content,source,date\r\n1,Title one,\"Body, with comma\",sana,3/14/2025\r\n";
        let (articles, problems) = csv(csv_text).unwrap();
        assert!(problems.is_empty());
        assert_eq!(articles[0].title.as_deref(), Some("Title one"));
        assert_eq!(articles[0].text, "Body, with comma");
        assert_eq!(articles[0].outlet.as_deref(), Some("sana"));
        assert_eq!(articles[0].published.as_deref(), Some("3/14/2025"));
        assert_eq!(articles[0].locator, ":2");
    }

    #[test]
    fn files_without_records_are_errors_not_silence() {
        let err = csv("headline,text\n").unwrap_err();
        assert!(err.contains("no articles"), "{err}");
        let err = extract(Format::JsonLines, "\n\n").unwrap_err();
        assert!(err.contains("no articles"), "{err}");
    }

    #[test]
    fn a_csv_without_a_text_column_says_which_columns_it_has() {
        let err = csv("id,name\n1,x\n").unwrap_err();
        assert!(err.contains("columns are id, name"), "{err}");
    }
}
