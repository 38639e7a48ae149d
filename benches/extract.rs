//! Article extraction from real saved pages, scored side by side with the Python tools people
//! use for the same job.
//!
//! The pages are Mozilla Readability's test pages in `../shared/data/readability-test-pages`: each
//! folder holds `source.html` (the page as saved), `expected.html` (the article) and
//! `expected-metadata.json` (`title`, `siteName`, `publishedTime`). Triangulate's side is the
//! import itself (`import::parse_bytes` on the page as a `.html` file: decoding, extraction,
//! cleaning); its body is the cleaned body an analyst reads. The peers, trafilatura and
//! readability-lxml, run in the same run through `scripts/extract_peers.py` when python3 has them
//! (`pip install trafilatura readability-lxml`).
//!
//! The body metric is issue 22's: text split into `\w+` tokens (Unicode, case kept), 4-token
//! shingles, multiset true positives, false positives and false negatives per page; a page's
//! precision is TP/(TP+FP), its recall TP/(TP+FN); precision is the mean over the pages a tool
//! gave output for, recall the mean over all pages, F1 = 2PR/(P+R) of the two means. Title,
//! outlet and date accuracy count the pages whose expected metadata has a value: a title is right
//! when equal after white space is squashed to the expected one, or to the expected one with its
//! site's name taken off (Readability keeps "How to Build a Terrarium | eHow" whole, where issue
//! 22 asks for titles with no site name left in them: a last segment of at most five words after
//! " | ", " - ", " – ", " — " or " :: " is the site's name); an outlet is right when equal
//! ignoring case, a date when its `YYYY-MM-DD` is the expected one's first ten characters.
//!
//! `cargo bench --bench extract`. `EXTRACT_PAGES=1` also prints each page's body F1 per tool;
//! `EXTRACT_EXTRA=a.jsonl:b.jsonl` scores more tools from files in the script's output form (how
//! the Rust extraction crates were compared before one was chosen). Skipped, with a note, where
//! `../shared/data` is absent. Nothing from the pages is written anywhere.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use triangulate_core::import::{ImportOptions, NOT_AN_ARTICLE, Origin, SourceFile, parse_bytes};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages_dir = pages_dir();
    if !pages_dir.is_dir() {
        println!("skipped: {} not found", pages_dir.display());
        return;
    }
    let pages = page_folders(&pages_dir);
    let expected: Vec<Expected> = pages.iter().map(|p| Expected::read(p)).collect();

    let mut tools = vec![triangulate(&pages)];
    tools.extend(python_peers(root, &pages_dir));
    if let Ok(extra) = std::env::var("EXTRACT_EXTRA") {
        for file in extra.split(':').filter(|f| !f.is_empty()) {
            match std::fs::read_to_string(file) {
                Ok(lines) => tools.extend(tools_from_json_lines(&lines)),
                Err(e) => println!("EXTRACT_EXTRA: cannot read {file}: {e}"),
            }
        }
    }

    let names = page_names(&pages);
    let scores: Vec<Score> = tools
        .iter()
        .map(|t| Score::of(t, &names, &expected))
        .collect();
    print_table(&tools, &scores, &expected);
    if std::env::var_os("EXTRACT_PAGES").is_some() {
        print_pages(&tools, &scores, &names);
    }
    if std::env::var_os("EXTRACT_MISSES").is_some() {
        print_misses(&tools[0], &names, &expected);
    }
}

/// Each page where a tool's title, outlet or date is not the expected one: what it gave and what
/// was expected, for finding the general rule a miss points at.
fn print_misses(tool: &Tool, names: &[String], expected: &[Expected]) {
    let empty = Output::default();
    for (name, want) in names.iter().zip(expected) {
        let got = tool.outputs.get(name).unwrap_or(&empty);
        let fields: [(&str, &Option<String>, &Option<String>, Same); 3] = [
            ("title", &want.title, &got.title, same_title),
            ("outlet", &want.outlet, &got.outlet, same_outlet),
            ("date", &want.date, &got.date, same_date),
        ];
        for (field, want, got, same) in fields {
            let Some(want) = want else { continue };
            if !got.as_deref().is_some_and(|g| same(g, want)) {
                println!("{name:<40.40} {field:<6} got {got:?}, expected {want:?}");
            }
        }
    }
}

/// Where the pages are: `../shared/data/readability-test-pages/pages` from the project root.
pub fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/readability-test-pages/pages")
}

/// Triangulate's body precision, recall and F1 on the pages in `pages_dir`, scored as the bench
/// scores them (the quality floor test, `tests/integration/extract_quality.rs`, reads this).
pub fn triangulate_body_scores(pages_dir: &Path) -> (f64, f64, f64) {
    let pages = page_folders(pages_dir);
    let expected: Vec<Expected> = pages.iter().map(|p| Expected::read(p)).collect();
    let score = Score::of(&triangulate(&pages), &page_names(&pages), &expected);
    (score.precision, score.recall, score.f1())
}

/// The page folders that hold a saved page and its expected article, in name order.
/// Each page's name: its folder's.
fn page_names(pages: &[PathBuf]) -> Vec<String> {
    pages
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn page_folders(dir: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    pages.retain(|p| p.join("source.html").is_file() && p.join("expected.html").is_file());
    pages.sort();
    pages
}

/// What a tool gave for one page.
#[derive(Debug, Default)]
struct Output {
    text: String,
    title: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
}

/// One tool's outputs by page name, and its total extraction time.
struct Tool {
    name: String,
    seconds: Option<f64>,
    outputs: HashMap<String, Output>,
}

/// What a page should give.
struct Expected {
    text: String,
    title: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
}

impl Expected {
    fn read(page: &Path) -> Expected {
        let html = std::fs::read_to_string(page.join("expected.html")).unwrap_or_default();
        let meta: serde_json::Value = std::fs::read_to_string(page.join("expected-metadata.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let field = |key: &str| {
            meta.get(key)
                .and_then(|v| v.as_str())
                .map(squash)
                .filter(|s| !s.is_empty())
        };
        Expected {
            text: html_text(&html),
            title: field("title"),
            outlet: field("siteName"),
            date: field("publishedTime").and_then(|d| iso_day(&d)),
        }
    }
}

/// Triangulate's import of each page as a `.html` file in a folder named after the page.
fn triangulate(pages: &[PathBuf]) -> Tool {
    let mut outputs = HashMap::new();
    let mut seconds = 0.0;
    for page in pages {
        let name = page
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let path = page.join("source.html");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let file = SourceFile {
            path,
            origin: Origin::Disk,
            sidecar_outlet: None,
            folder: Some(name.clone()),
            site_line: None,
        };
        let start = Instant::now();
        let (articles, problems) = parse_bytes(&file, &bytes, &ImportOptions::default());
        seconds += start.elapsed().as_secs_f64();
        // Every page here is an article: a note that one may not be is a false alarm.
        for p in problems
            .iter()
            .filter(|p| p.reason.starts_with(NOT_AN_ARTICLE))
        {
            println!("noted as maybe not an article: {name}: {}", p.reason);
        }
        let output = articles
            .into_iter()
            .next()
            .map(|a| Output {
                text: a.body,
                title: Some(a.title),
                // An outlet named after the folder is the importer's guess, not the page's.
                outlet: (!a.outlet_is_guess).then_some(a.outlet),
                date: a.published,
            })
            .unwrap_or_default();
        outputs.insert(name, output);
    }
    Tool {
        name: "triangulate".into(),
        seconds: Some(seconds),
        outputs,
    }
}

/// The Python tools, run by `scripts/extract_peers.py`; none where python3 or the script fails.
fn python_peers(root: &Path, pages_dir: &Path) -> Vec<Tool> {
    let script = root.join("scripts/extract_peers.py");
    let run = Command::new("python3").arg(&script).arg(pages_dir).output();
    match run {
        Ok(out) if out.status.success() => {
            let note = String::from_utf8_lossy(&out.stderr);
            if !note.trim().is_empty() {
                println!("{}: {}", script.display(), note.trim());
            }
            tools_from_json_lines(&String::from_utf8_lossy(&out.stdout))
        }
        Ok(out) => {
            println!(
                "peers not measured: {} failed: {}",
                script.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            );
            Vec::new()
        }
        Err(e) => {
            println!("peers not measured: cannot run python3: {e}");
            Vec::new()
        }
    }
}

/// Tools from lines `{"tool", "page", "text" | "html", "title", "outlet", "date"}` and
/// `{"tool", "seconds"}`, in the order the tools first appear.
fn tools_from_json_lines(lines: &str) -> Vec<Tool> {
    let mut tools: Vec<Tool> = Vec::new();
    for line in lines.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(name) = v.get("tool").and_then(|t| t.as_str()) else {
            continue;
        };
        let at = match tools.iter().position(|t| t.name == name) {
            Some(at) => at,
            None => {
                tools.push(Tool {
                    name: name.to_string(),
                    seconds: None,
                    outputs: HashMap::new(),
                });
                tools.len() - 1
            }
        };
        let tool = &mut tools[at];
        let text_of = |key: &str| v.get(key).and_then(|s| s.as_str()).map(str::to_string);
        if let Some(seconds) = v.get("seconds").and_then(|s| s.as_f64()) {
            tool.seconds = Some(seconds);
            continue;
        }
        let Some(page) = text_of("page") else {
            continue;
        };
        let text = match (text_of("text"), text_of("html")) {
            (Some(text), _) => text,
            (None, Some(html)) => html_text(&html),
            (None, None) => String::new(),
        };
        tool.outputs.insert(
            page,
            Output {
                text,
                title: text_of("title"),
                outlet: text_of("outlet"),
                date: text_of("date").and_then(|d| iso_day(&d)),
            },
        );
    }
    tools
}

/// A tool's figures over all pages.
struct Score {
    precision: f64,
    recall: f64,
    with_output: usize,
    recall_pages: usize,
    titles: (usize, usize),
    outlets: (usize, usize),
    dates: (usize, usize),
    /// Body F1 per page name, for `EXTRACT_PAGES`.
    pages: BTreeMap<String, Option<f64>>,
}

impl Score {
    fn of(tool: &Tool, names: &[String], expected: &[Expected]) -> Score {
        let (mut precisions, mut recalls) = (Vec::new(), Vec::new());
        let (mut titles, mut outlets, mut dates) = ((0, 0), (0, 0), (0, 0));
        let mut pages = BTreeMap::new();
        let empty = Output::default();
        for (name, want) in names.iter().zip(expected) {
            let got = tool.outputs.get(name).unwrap_or(&empty);
            let (tp, fp, fn_) = overlap(&shingles(&got.text), &shingles(&want.text));
            let precision = (tp + fp > 0).then(|| tp as f64 / (tp + fp) as f64);
            let recall = (tp + fn_ > 0).then(|| tp as f64 / (tp + fn_) as f64);
            precisions.extend(precision);
            recalls.extend(recall);
            pages.insert(
                name.clone(),
                match (precision, recall) {
                    (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
                    (Some(_), Some(_)) | (None, Some(_)) => Some(0.0),
                    _ => None,
                },
            );
            tally(&mut titles, &want.title, &got.title, same_title);
            tally(&mut outlets, &want.outlet, &got.outlet, same_outlet);
            tally(&mut dates, &want.date, &got.date, same_date);
        }
        Score {
            precision: mean(&precisions),
            recall: mean(&recalls),
            with_output: precisions.len(),
            recall_pages: recalls.len(),
            titles,
            outlets,
            dates,
            pages,
        }
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision, self.recall);
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Counts a page where `want` has a value: (right, pages).
fn tally(
    count: &mut (usize, usize),
    want: &Option<String>,
    got: &Option<String>,
    same: impl Fn(&str, &str) -> bool,
) {
    if let Some(want) = want {
        count.1 += 1;
        if got.as_deref().is_some_and(|g| same(g, want)) {
            count.0 += 1;
        }
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

fn print_table(tools: &[Tool], scores: &[Score], expected: &[Expected]) {
    let with = |f: fn(&Expected) -> bool| expected.iter().filter(|e| f(e)).count();
    println!(
        "{} pages ({} with a title, {} with a site name, {} with a date in their metadata)",
        expected.len(),
        with(|e| e.title.is_some()),
        with(|e| e.outlet.is_some()),
        with(|e| e.date.is_some()),
    );
    println!(
        "| {:<22} | {:>9} | {:>6} | {:>5} | {:>12} | {:>6} | {:>6} | {:>5} | {:>7} |",
        "tool", "precision", "recall", "F1", "output pages", "title", "outlet", "date", "seconds"
    );
    println!(
        "|{:-<24}|{:->11}|{:->8}|{:->7}|{:->14}|{:->8}|{:->8}|{:->7}|{:->9}|",
        "", "", "", "", "", "", "", "", ""
    );
    let share = |(right, of): (usize, usize)| {
        if right == 0 && of > 0 {
            // A tool that never gives this value reads as a dash, not a score of nothing.
            "-".to_string()
        } else {
            format!("{:.2}", right as f64 / of.max(1) as f64)
        }
    };
    for (tool, s) in tools.iter().zip(scores) {
        println!(
            "| {:<22} | {:>9.3} | {:>6.3} | {:>5.3} | {:>12} | {:>6} | {:>6} | {:>5} | {:>7} |",
            tool.name,
            s.precision,
            s.recall,
            s.f1(),
            format!("{}/{}", s.with_output, s.recall_pages),
            share(s.titles),
            share(s.outlets),
            share(s.dates),
            tool.seconds.map_or("-".into(), |t| format!("{t:.2}")),
        );
    }
}

fn print_pages(tools: &[Tool], scores: &[Score], names: &[String]) {
    print!("{:<48}", "page (body F1)");
    for tool in tools {
        print!(" {:>14.14}", tool.name);
    }
    println!();
    for name in names {
        print!("{name:<48.48}");
        for s in scores {
            match s.pages.get(name).copied().flatten() {
                Some(f1) => print!(" {f1:>14.3}"),
                None => print!(" {:>14}", "-"),
            }
        }
        println!();
    }
}

/// The `\w+` tokens of a text: runs of letters, digits (any script) and underscores.
fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The text's 4-token shingles, counted; a text of one to three tokens is one shingle.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens = tokens(text);
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    for window in tokens.windows(4.min(tokens.len())) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Multiset true positives, false positives and false negatives of `got` against `want`.
fn overlap(
    got: &HashMap<Vec<&str>, usize>,
    want: &HashMap<Vec<&str>, usize>,
) -> (usize, usize, usize) {
    let tp: usize = got
        .iter()
        .map(|(s, n)| (*n).min(want.get(s).copied().unwrap_or(0)))
        .sum();
    let got_total: usize = got.values().sum();
    let want_total: usize = want.values().sum();
    (tp, got_total - tp, want_total - tp)
}

/// The text of an article's HTML as the pages' `expected.html` writes it (serialized by a DOM:
/// only `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&nbsp;` and numeric references): tags dropped, block
/// tags read as line breaks so that paragraphs do not run together, comments and the insides of
/// `script` and `style` skipped.
fn html_text(html: &str) -> String {
    const INLINE: &[&str] = &[
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&unescape(&rest[..open]));
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let (tag, end) = match rest.find('>') {
            Some(close) => (&rest[1..close], close + 1),
            None => (&rest[1..], rest.len()),
        };
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[end..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&close)
                .map_or("", |at| &rest[at..]);
            continue;
        }
        if !INLINE.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    out.push_str(&unescape(rest));
    out
}

fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &rest[1..end]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => e
                .strip_prefix("#x")
                .or_else(|| e.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (decoded, entity) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `YYYY-MM-DD` a date value starts with, if it does.
fn iso_day(value: &str) -> Option<String> {
    let day = value.trim().get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| day.to_string())
}

/// Runs of white space as single spaces, trimmed.
/// How a tool's value is compared with the expected one.
type Same = fn(&str, &str) -> bool;

/// An outlet is right when equal ignoring case.
fn same_outlet(got: &str, want: &str) -> bool {
    squash(got).to_lowercase() == want.to_lowercase()
}

/// A date is right when its `YYYY-MM-DD` is the expected one's.
fn same_date(got: &str, want: &str) -> bool {
    got == want
}

/// Whether a tool's title is the expected one, or the expected one without a site's name after
/// a separator at its end.
fn same_title(got: &str, want: &str) -> bool {
    let got = squash(got);
    if got == want {
        return true;
    }
    [" | ", " - ", " – ", " — ", " :: "].iter().any(|sep| {
        want.rsplit_once(sep)
            .is_some_and(|(title, site)| title == got && site.split_whitespace().count() <= 5)
    })
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
