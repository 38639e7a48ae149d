//! Import: files and folders in, clean articles out, nothing lost.
//!
//! The pipeline: discover files (recursively, honouring `.ignore` files, reporting unreadable
//! folders and symlink loops), read and decode each one, extract its articles by format, clean
//! them, and store them in chunks, each chunk one transaction. Parsing runs on all cores; storing
//! runs on the calling thread. A file that cannot be read becomes a problem row, never an error
//! of the whole import.

pub mod clean;
pub mod decode;
pub mod formats;
mod inline;
mod pipeline;
pub mod reason;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::dates;
use crate::analysis::sources::Registry;
use crate::error::Result;
use crate::jobs::Progress;
use crate::library::{Library, NewArticle};
use crate::model::{Id, ImportProblem};
use crate::text;
use formats::{Extracted, Format};

/// Files larger than this are reported, not read: no article is 64 MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Sidecar files naming the outlet of the articles in their folder and below.
pub const SIDECARS: &[&str] = &["outlet.txt", "outlet.toml"];

/// How files in a batch are stored: about this many per transaction. Larger chunks let the
/// full-text index build bigger segments (fewer merges); smaller ones lose less work to a crash.
const CHUNK: usize = 2048;

/// Files are parsed in batches of this many, each handed to the writer as soon as it is parsed.
const BATCH: usize = 128;

/// Choices the analyst makes for one import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The outlet for articles whose files and folders do not name one.
    pub outlet: Option<String>,
    /// The day of the import: no publication date is later (a later one is a typo or a
    /// scheduled page, not when the article appeared).
    pub today: chrono::NaiveDate,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            outlet: None,
            today: crate::library::clock::today(),
        }
    }
}

/// One imported article, as `triangulate import --json` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedArticle {
    pub id: Id,
    pub path: String,
    pub title: String,
    pub outlet: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    #[serde(skip)]
    pub batch: Id,
    pub files_seen: usize,
    pub imported: usize,
    pub skipped_duplicates: usize,
    pub problems: Vec<ImportProblem>,
    pub articles: Vec<ImportedArticle>,
    pub cancelled: bool,
}

/// Where a file's bytes come from: the disk, or the binary (the embedded sample).
#[derive(Debug, Clone)]
pub enum Origin {
    Disk,
    Memory(&'static [u8]),
}

/// A file to import, with what its folder says about its outlet.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub origin: Origin,
    /// The outlet named by an `outlet.txt`/`outlet.toml` in the file's folder or above it.
    pub sidecar_outlet: Option<String>,
    /// The name of the file's folder: the outlet's name when nothing better is known.
    pub folder: Option<String>,
    /// A first line that heads most of the first text files of this file's folder: a site's
    /// name ("The Daily Example" above each headline), not a headline. Found by [`discover`].
    pub site_line: Option<String>,
}

/// Imports files and folders (recursively) into the library.
pub fn import_paths(
    library: &mut Library,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &Progress,
) -> Result<ImportReport> {
    progress.set_stage("Finding files");
    let (files, problems) = discover(paths);
    let roots: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    import_sources(library, &roots, files, problems, options, progress)
}

/// What parsing one file gives: its articles, and its problems.
type Parsed = (Vec<NewArticle>, Vec<ImportProblem>);

/// Imports the given files; `problems` are ones found while discovering them.
pub fn import_sources(
    library: &mut Library,
    roots: &[String],
    files: Vec<SourceFile>,
    problems: Vec<ImportProblem>,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<ImportReport> {
    let batch = library.start_batch(roots)?;
    let mut report = ImportReport {
        batch,
        files_seen: files.len() + problems.len(),
        ..ImportReport::default()
    };
    progress.set_total(files.len() as u64);
    progress.set_stage("Importing");
    // Discovery problems are stored with the first chunk.
    let mut pending_problems = problems;
    // Parsing (all cores, below the writer's priority) runs ahead of storing (this thread) by up
    // to `pipeline::IN_FLIGHT_BYTES` of parsed articles: the writer starts as soon as the first
    // batch is parsed, and parsing goes on through the writer's commits (see `pipeline`). A chunk
    // of about `CHUNK` articles is one transaction, filled as batches arrive. A file counts as
    // done once stored. Batches parsed but not stored when Cancel comes are dropped; what was
    // stored is committed, whole articles only.
    let in_flight = pipeline::InFlight::new(pipeline::IN_FLIGHT_BYTES);
    let pool = pipeline::parse_pool();
    let result = std::thread::scope(|scope| -> Result<()> {
        let (parsed_tx, parsed_rx) = std::sync::mpsc::channel::<(Vec<Parsed>, usize)>();
        let (files, in_flight, pool) = (&files, &in_flight, &pool);
        scope.spawn(move || {
            for batch in files.chunks(BATCH) {
                if progress.is_cancelled() {
                    break;
                }
                let parse = || -> Vec<Parsed> {
                    batch
                        .par_iter()
                        .map(|file| parse_source(file, options))
                        .collect()
                };
                let parsed = match pool {
                    Some(pool) => pool.install(parse),
                    None => parse(),
                };
                let bytes = parsed.iter().map(|(a, _)| pipeline::held_bytes(a)).sum();
                if !in_flight.reserve(bytes) || parsed_tx.send((parsed, bytes)).is_err() {
                    break; // the writer has stopped: cancelled, or storing failed
                }
            }
        });
        let _close = pipeline::CloseOnDrop(in_flight);
        let mut writer = library.import_writer(batch, CHUNK);
        for (parsed, bytes) in parsed_rx {
            if progress.is_cancelled() {
                break;
            }
            let files_done = parsed.len() as u64;
            let mut articles = Vec::new();
            for (a, p) in parsed {
                articles.extend(a);
                pending_problems.extend(p);
            }
            let outcome = writer.store(&articles, &pending_problems)?;
            in_flight.release(bytes);
            progress.advance(files_done);
            report.imported += outcome.stored.len();
            report.skipped_duplicates += outcome.duplicates.len();
            report.problems.append(&mut pending_problems);
            for (index, id) in outcome.stored {
                let a = &articles[index];
                let outlet = outcome
                    .outlets_decided
                    .get(&index)
                    .map_or_else(|| a.outlet.clone(), Clone::clone);
                report.articles.push(ImportedArticle {
                    id,
                    path: a.source_path.clone(),
                    title: a.title.clone(),
                    outlet,
                });
            }
        }
        report.cancelled = progress.is_cancelled();
        if !pending_problems.is_empty() && !report.cancelled {
            writer.store(&[], &pending_problems)?;
            report.problems.append(&mut pending_problems);
        }
        writer.commit()
    });
    let status = match (&result, report.cancelled) {
        (Err(_), _) => "failed",
        (Ok(()), true) => "cancelled",
        (Ok(()), false) => "finished",
    };
    library.finish_batch(batch, status, report.files_seen)?;
    result.map(|()| report)
}

/// Finds the files under `paths`, with problems for paths that cannot be walked.
pub fn discover(paths: &[PathBuf]) -> (Vec<SourceFile>, Vec<ImportProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut sidecars: HashMap<PathBuf, Option<String>> = HashMap::new();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                problems.push(problem(root, io_reason(&e)));
                continue;
            }
        };
        let mut found = Vec::new();
        if meta.is_file() {
            found.push(root.clone());
        } else {
            let walker = ignore::WalkBuilder::new(root)
                .standard_filters(false)
                .hidden(true)
                .ignore(true)
                .parents(false)
                .follow_links(true)
                .build();
            for entry in walker {
                match entry {
                    Ok(entry) => {
                        if entry.file_type().is_some_and(|t| t.is_file())
                            && !SIDECARS.contains(&entry.file_name().to_string_lossy().as_ref())
                        {
                            found.push(entry.into_path());
                        }
                    }
                    Err(e) => problems.push(walk_problem(root, &e)),
                }
            }
            found.sort();
        }
        for path in found {
            let dir = path.parent().unwrap_or(Path::new(""));
            let sidecar_outlet = sidecar_outlet(dir, root, &mut sidecars);
            let folder = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .filter(|n| !n.is_empty());
            files.push(SourceFile {
                path,
                origin: Origin::Disk,
                sidecar_outlet,
                folder,
                site_line: None,
            });
        }
    }
    mark_site_lines(&mut files);
    (files, problems)
}

/// Text files a folder must hold for a first line they share to be taken as a site's name.
const SITE_LINE_MIN_FILES: usize = 3;
/// How many of a folder's text files are read to find a shared first line.
const SITE_LINE_SAMPLE: usize = 5;

/// Sets [`SourceFile::site_line`] for the text files of each folder whose first few text files
/// (up to [`SITE_LINE_SAMPLE`], in name order) mostly begin with the same line, in at least
/// [`SITE_LINE_MIN_FILES`] of them: a headline does not repeat across a folder's articles, a
/// site's name heading each copied page does. Only those few files' first kilobyte is read
/// here, so a folder of thousands costs no more than one of five; a file whose first line is
/// not that line keeps it as its headline (cleaning compares them).
fn mark_site_lines(files: &mut [SourceFile]) {
    let mut by_folder: HashMap<&Path, Vec<usize>> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        if format_of(&file.path) == Ok(Format::Text) {
            let dir = file.path.parent().unwrap_or(Path::new(""));
            by_folder.entry(dir).or_default().push(i);
        }
    }
    let mut marks: Vec<(Vec<usize>, String)> = Vec::new();
    for indices in by_folder.into_values() {
        if indices.len() < SITE_LINE_MIN_FILES {
            continue;
        }
        let sample = &indices[..indices.len().min(SITE_LINE_SAMPLE)];
        let mut counts: HashMap<String, usize> = HashMap::new();
        for line in sample.iter().filter_map(|&i| first_line_of(&files[i].path)) {
            *counts.entry(line).or_default() += 1;
        }
        let shared = counts
            .into_iter()
            .filter(|(_, n)| *n >= SITE_LINE_MIN_FILES && *n * 2 > sample.len())
            .max_by_key(|(_, n)| *n)
            .map(|(line, _)| line);
        if let Some(line) = shared {
            marks.push((indices, line));
        }
    }
    for (indices, line) in marks {
        for i in indices {
            files[i].site_line = Some(line.clone());
        }
    }
}

/// The first non-empty line of a file's first kilobyte, trimmed; `None` when unreadable or
/// longer than a site's name is (80 characters).
fn first_line_of(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .ok()?
        .take(1024)
        .read_to_end(&mut head)
        .ok()?;
    let text = decode::decode(&head).text;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    (line.chars().count() <= 80 && text.lines().count() > 1).then(|| line.to_string())
}

/// The outlet named by a sidecar in `dir` or a folder above it, up to the import root.
fn sidecar_outlet(
    dir: &Path,
    root: &Path,
    cache: &mut HashMap<PathBuf, Option<String>>,
) -> Option<String> {
    if let Some(found) = cache.get(dir) {
        return found.clone();
    }
    let mut found = SIDECARS.iter().find_map(|name| {
        std::fs::read(dir.join(name))
            .ok()
            .and_then(|b| outlet_from_sidecar(name, &b))
    });
    if found.is_none()
        && dir != root
        && dir.starts_with(root)
        && let Some(parent) = dir.parent()
    {
        found = sidecar_outlet(parent, root, cache);
    }
    cache.insert(dir.to_path_buf(), found.clone());
    found
}

/// The outlet a sidecar file names: the first line of `outlet.txt`, or `name = "…"` in `outlet.toml`.
pub fn outlet_from_sidecar(file_name: &str, bytes: &[u8]) -> Option<String> {
    let text = decode::decode(bytes).text;
    let name = if file_name.ends_with(".toml") {
        let table: toml::Table = text.parse().ok()?;
        table.get("name")?.as_str()?.trim().to_string()
    } else {
        text.lines()
            .map(str::trim)
            .find(|l| !l.is_empty())?
            .to_string()
    };
    (!name.is_empty()).then_some(name)
}

fn problem(path: &Path, reason: impl Into<String>) -> ImportProblem {
    ImportProblem {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            "not found (it may have been moved or deleted during import)".into()
        }
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

fn walk_problem(root: &Path, e: &ignore::Error) -> ImportProblem {
    fn innermost(e: &ignore::Error) -> (Option<PathBuf>, String) {
        match e {
            ignore::Error::WithPath { path, err } => {
                let (_, reason) = innermost(err);
                (Some(path.clone()), reason)
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                innermost(err)
            }
            ignore::Error::Loop { child, ancestor } => (
                Some(child.clone()),
                format!("symbolic link loop: leads back to {}", ancestor.display()),
            ),
            ignore::Error::Io(io) => (None, io_reason(io)),
            other => (None, other.to_string()),
        }
    }
    let (path, reason) = innermost(e);
    problem(path.as_deref().unwrap_or(root), reason)
}

/// Reads, decodes, extracts and cleans one file.
fn parse_source(
    file: &SourceFile,
    options: &ImportOptions,
) -> (Vec<NewArticle>, Vec<ImportProblem>) {
    if let Err(reason) = format_of(&file.path) {
        return (Vec::new(), vec![problem(&file.path, reason)]);
    }
    match read_source(file) {
        // parse_bytes is fuzzed and property-tested never to panic; should a bug slip through,
        // it costs this file (a problem row), not the whole import.
        Ok(bytes) => std::panic::catch_unwind(|| parse_bytes(file, &bytes, options))
        .unwrap_or_else(|panic| {
            let what = crate::jobs::panic_message(panic.as_ref());
            let reason = format!(
                "Triangulate hit an internal error reading this file ({what}); the rest of the import went on. Please report it with the file"
            );
            (Vec::new(), vec![problem(&file.path, reason)])
        }),
        Err(reason) => (Vec::new(), vec![problem(&file.path, reason)]),
    }
}

fn format_of(path: &Path) -> Result<Format, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    Format::from_extension(&ext).ok_or_else(|| {
        let what = if ext.is_empty() {
            "a file without an extension".to_string()
        } else {
            format!(".{ext}")
        };
        format!(
            "skipped: {what} is not a format Triangulate reads ({})",
            formats::KNOWN_EXTENSIONS
        )
    })
}

/// Decodes, extracts and cleans the bytes of one file: the articles it holds, and a problem for
/// the file or for each record that could not be read. Never panics, whatever the bytes.
pub fn parse_bytes(
    file: &SourceFile,
    bytes: &[u8],
    options: &ImportOptions,
) -> (Vec<NewArticle>, Vec<ImportProblem>) {
    let display = file.path.display().to_string();
    let fail = |reason: String| {
        (
            Vec::new(),
            vec![ImportProblem {
                path: display.clone(),
                reason,
            }],
        )
    };
    let format = match format_of(&file.path) {
        Ok(format) => format,
        Err(reason) => return fail(reason),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail("empty file".into());
    }
    let decoded = decode::decode(bytes);
    if decode::looks_binary(&decoded.text) {
        return fail("binary file, not text".into());
    }
    let (extracted, record_problems) = match formats::extract(format, &decoded.text) {
        Ok(found) => found,
        Err(reason) => return fail(reason),
    };
    let mut problems: Vec<ImportProblem> = record_problems
        .into_iter()
        .map(|(locator, reason)| ImportProblem {
            path: format!("{display}{locator}"),
            reason,
        })
        .collect();
    let mut articles = Vec::new();
    for e in extracted {
        let path = format!("{display}{}", e.locator);
        let not_article = e.not_article.clone();
        match build_article(e, file, format, decoded.encoding, options, path.clone()) {
            Some(article) => {
                articles.push(article);
                // Imported all the same: the analyst decides, told why it may be no article.
                if let Some(why) = not_article {
                    problems.push(ImportProblem {
                        path,
                        reason: format!("{NOT_AN_ARTICLE}: {why}"),
                    });
                }
            }
            None => problems.push(ImportProblem {
                path,
                reason: "no article text".into(),
            }),
        }
    }
    (articles, problems)
}

/// How an import problem starts for a page that was imported but may not be an article.
pub const NOT_AN_ARTICLE: &str = "imported, but may not be an article";

fn read_source(file: &SourceFile) -> Result<Vec<u8>, String> {
    match file.origin {
        Origin::Memory(bytes) => Ok(bytes.to_vec()),
        Origin::Disk => {
            use std::io::Read;
            // One open, its size from the open file, then one read. The file's time is never
            // an article's date: a copy or a download changes it.
            let mut opened = std::fs::File::open(&file.path).map_err(|e| io_reason(&e))?;
            let meta = opened.metadata().map_err(|e| io_reason(&e))?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(format!(
                    "file is {} MB, over the {} MB limit for an article file",
                    meta.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ));
            }
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
            opened.read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
            Ok(bytes)
        }
    }
}

fn build_article(
    e: Extracted,
    file: &SourceFile,
    format: Format,
    encoding: &str,
    options: &ImportOptions,
    source_path: String,
) -> Option<NewArticle> {
    // A text file's first line that is a site's name (shared by its folder's text files, or
    // naming a source the registry knows) is its outlet, not its headline.
    let registry = Registry::built_in();
    let site_line = (format == Format::Text && e.title.is_none())
        .then(|| e.text.lines().map(str::trim).find(|l| !l.is_empty()))
        .flatten()
        .filter(|line| file.site_line.as_deref() == Some(*line) || names_a_site(registry, line));
    let cleaned = clean::clean(e.title.as_deref(), &e.text, &e.removed, site_line);
    if cleaned.body.trim().is_empty() {
        return None;
    }
    let title_source = match (&e.title, cleaned.title.is_empty()) {
        (Some(_), _) if e.title_from_heading => "heading",
        (Some(_), _) => "metadata",
        (None, false) => "heading",
        (None, true) => "text",
    };
    let title = if cleaned.title.is_empty() {
        first_words(&cleaned.body, 12)
    } else {
        cleaned.title
    };
    let host = e.url.as_deref().and_then(crate::text::site_of);
    // Each way of naming the outlet, with the source recorded for it (db/0013), in the order
    // they are tried: what the file states, its folder's sidecar, the analyst's option at
    // import, a text file's site line, the page's address (named through the registry of
    // sources, else the site itself), a folder named after a source the registry knows.
    let stated = [
        (e.outlet.clone(), "metadata"),
        (file.sidecar_outlet.clone(), "sidecar"),
        (options.outlet.clone(), "import"),
    ]
    .into_iter()
    .find_map(|(name, source)| Some((name.filter(|o| !o.trim().is_empty())?, source)));
    let folder = file
        .folder
        .clone()
        .unwrap_or_else(|| crate::library::UNKNOWN_OUTLET.into());
    // The content hash keeps the outlet name earlier versions gave an article (as stated, or the
    // folder's when nothing named one), so re-importing a folder after an upgrade adds nothing.
    let hashed_outlet = stated
        .as_ref()
        .map_or_else(|| folder.clone(), |(name, _)| name.clone());
    let stated = stated.map(|(name, source)| {
        // An outlet stated as the address of a source the registry knows ("bbc.co.uk", as some
        // corpora give it) takes the registry's name; any other name is tidied.
        let name = match crate::text::web_address(&name).and_then(|h| registry.by_host(&h)) {
            Some(known) => known.name.clone(),
            None => tidy_outlet(&name, host.as_deref()),
        };
        (name, source)
    });
    let site_line_outlet = site_line
        .filter(|_| {
            cleaned
                .removed
                .iter()
                .any(|r| r.2 == clean::reason::SITE_NAME)
        })
        .map(|line| (site_name(registry, line), "first line"));
    let site = host.as_deref().map(|host| match registry.by_host(host) {
        Some(known) => (known.name.clone(), "registry"),
        None => (host.to_string(), "address"),
    });
    let folder_outlet = file
        .folder
        .as_deref()
        .and_then(|f| registry.by_name(f))
        .map(|known| (known.name.clone(), "folder"));
    // Nothing named it: the writer decides from the folder's name (an outlet the library already
    // has by that name, or none: `UNKNOWN_OUTLET`), and records the source.
    let (outlet, outlet_is_guess, outlet_source) =
        match stated.or(site_line_outlet).or(site).or(folder_outlet) {
            Some((name, source)) => (name, false, Some(source)),
            None => (folder, true, None),
        };
    // Captions, credits, comments and appended stories cannot date the article; the headline
    // and date lines cleaning set aside can.
    let skip: Vec<(usize, usize)> = cleaned
        .removed
        .iter()
        .filter(|(_, _, why)| {
            ![
                clean::reason::HEADLINE,
                clean::reason::REPEATED_HEADLINE,
                clean::reason::DATE_LINE,
            ]
            .contains(&why.as_str())
        })
        .map(|(s, e, _)| (*s, *e))
        .collect();
    let (published, date_source) = match dates::publication_date(&dates::DateEvidence {
        metadata: e.published.as_deref(),
        url: e.url.as_deref(),
        text: &e.text,
        skip: &skip,
        today: options.today,
    }) {
        Some((date, source)) => (Some(date), Some(source.as_str())),
        None => (None, None),
    };
    let language = detect_language(&cleaned.body);
    let content_hash = text::hash_parts(&[
        &hashed_outlet,
        &title,
        published.as_deref().unwrap_or_default(),
        e.url.as_deref().unwrap_or_default(),
        e.hashed.as_deref().unwrap_or(&e.text),
    ]);
    let (folded, word_count) = text::fold_counting(&cleaned.body);
    let text_hash = text::hash_parts(&[&folded]);
    Some(NewArticle {
        word_count,
        outlet,
        outlet_is_guess,
        title,
        body: cleaned.body,
        raw: e.raw.filter(|raw| *raw != e.text),
        full_text: e.text,
        removed: cleaned.removed,
        kept: cleaned.suspected,
        source_path,
        content_hash,
        text_hash,
        published,
        date_source,
        title_source: Some(title_source),
        outlet_source,
        url: e.url,
        author: e.author,
        language,
        encoding: Some(encoding.to_string()),
        format: format.name(),
    })
}

/// Whether a text file's first line names a site: a source the registry knows by that name
/// ("Reuters", "Аль-Джазира" where listed) or a bare web address ("www.example.com").
fn names_a_site(registry: &Registry, line: &str) -> bool {
    line.split_whitespace().count() <= 6
        && (registry.by_name(line).is_some() || crate::text::web_address(line).is_some())
}

/// The outlet a site line names: the registry's name for it, else the line (an address's
/// host).
fn site_name(registry: &Registry, line: &str) -> String {
    if let Some(source) = registry.by_name(line) {
        return source.name.clone();
    }
    match crate::text::web_address(line) {
        Some(host) => registry
            .by_host(&host)
            .map_or(host, |source| source.name.clone()),
        None => line.to_string(),
    }
}

/// Separators between a site's name and its tagline.
const TAGLINE: &[&str] = &[" - ", " | ", " – ", " — ", ": "];

/// A site's name as a page states it, without a tagline: "Aktuálně.cz - Víte, co se právě děje"
/// is "Aktuálně.cz". Of the parts around a separator, the one the page's address is named after
/// is the name ("Breaking news | The Daily Example" at dailyexample.com); with no address to
/// tell, the first part when it is short and the rest reads as a tagline (three words or more).
fn tidy_outlet(stated: &str, host: Option<&str>) -> String {
    let mut name = stated.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(sep) = TAGLINE.iter().find(|sep| name.contains(**sep)) {
        let parts: Vec<&str> = name.split(sep).map(str::trim).collect();
        let label = host.and_then(site_label);
        let named = label.and_then(|label| {
            parts.iter().find(|part| {
                let letters = letters_of(part);
                !letters.is_empty() && (letters.contains(&label) || label.contains(&letters))
            })
        });
        let words = |s: &str| s.split_whitespace().count();
        let chosen = named.copied().or_else(|| {
            let rest = parts[1..].join(" ");
            (words(parts[0]) <= 4 && words(&rest) >= 3).then_some(parts[0])
        });
        if let Some(chosen) = chosen {
            name = chosen.to_string();
        }
    }
    name
}

/// The name-like label of a host, as letters: "aktualne" of "www.aktualne.cz", "dailyexample"
/// of "news.dailyexample.co.uk". `None` where it is too short to tell a name by.
pub(crate) fn site_label(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').collect();
    // The label before the public suffix: the suffix is the last label, or the last two where
    // the one before the last is a generic second level ("co.uk", "com.au", "gov.ua").
    const SECOND_LEVEL: &[&str] = &[
        "co", "com", "org", "net", "gov", "edu", "ac", "gob", "mil", "or", "ne", "go", "info",
    ];
    let n = labels.len();
    let second_level = n >= 3 && SECOND_LEVEL.contains(&labels[n - 2]);
    let index = if second_level {
        n.checked_sub(3)?
    } else {
        n.checked_sub(2)?
    };
    let label = letters_of(labels.get(index)?);
    (label.len() >= 3).then_some(label)
}

/// A name's letters and digits, lower case and without accents: "aktualnecz" of "Aktuálně.cz".
fn letters_of(name: &str) -> String {
    crate::analysis::tokens(name)
        .into_iter()
        .map(|t| t.folded)
        .collect()
}

/// Languages the detector chooses among: those of the news that analysts of this kind read.
/// Limiting whatlang to them makes detection three times faster (measured) and avoids confusing
/// news prose with rarely seen languages of the same script.
const LANGUAGES: &[whatlang::Lang] = {
    use whatlang::Lang::*;
    &[
        Eng, Fra, Deu, Spa, Por, Ita, Nld, Pol, Tur, Ces, Ron, Hun, Swe, Ind, Vie, Rus, Ukr, Bul,
        Srp, Ara, Pes, Urd, Heb, Ell, Cmn, Jpn, Kor, Hin, Tha, Kat, Hye,
    ]
};

static DETECTOR: std::sync::LazyLock<whatlang::Detector> =
    std::sync::LazyLock::new(|| whatlang::Detector::with_allowlist(LANGUAGES.to_vec()));

/// The body's language as an ISO 639-1 code where one exists ("en", "ru"), else ISO 639-3.
pub fn detect_language(body: &str) -> Option<String> {
    // Fewer than five words are too little to tell a language by.
    text::words(body).nth(4)?;
    // The first ~50 words tell the language of news prose reliably; detection time grows with
    // the sample, so the rest is not read.
    let end = body.char_indices().nth(320).map_or(body.len(), |(i, _)| i);
    let info = DETECTOR.detect(&body[..end])?;
    let code = info.lang().code();
    Some(
        isolang::Language::from_639_3(code)
            .and_then(|l| l.to_639_1())
            .unwrap_or(code)
            .to_string(),
    )
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_name_loses_its_tagline() {
        let tidy = |name: &str, host: Option<&str>| tidy_outlet(name, host);
        assert_eq!(
            tidy(
                "Aktuálně.cz - Víte, co se právě děje",
                Some("zpravy.aktualne.cz")
            ),
            "Aktuálně.cz"
        );
        assert_eq!(
            tidy(
                "Breaking news from the valley | The Daily Example",
                Some("dailyexample.com")
            ),
            "The Daily Example"
        );
        assert_eq!(
            tidy("Daily Example: news you can trust", None),
            "Daily Example"
        );
        assert_eq!(tidy("Example  Media, Inc.", None), "Example Media, Inc.");
        // Nothing to tell a tagline by: the name stays whole.
        assert_eq!(
            tidy("Arts & Letters - Daily", None),
            "Arts & Letters - Daily"
        );
        assert_eq!(
            tidy("The Example Times", Some("example.co.uk")),
            "The Example Times"
        );
    }

    #[test]
    fn a_site_label_is_the_name_before_the_public_suffix() {
        assert_eq!(site_label("www.aktualne.cz").as_deref(), Some("aktualne"));
        assert_eq!(
            site_label("news.dailyexample.co.uk").as_deref(),
            Some("dailyexample")
        );
        assert_eq!(site_label("example.com").as_deref(), Some("example"));
        assert_eq!(site_label("news.bbc.com").as_deref(), Some("bbc"));
        assert_eq!(site_label("x.com"), None);
        assert_eq!(site_label("localhost"), None);
    }
}
