//! Crash safety: a `triangulate import` killed (SIGKILL) at any moment leaves a library that passes
//! `triangulate check`, holds whole articles only, never loses what an earlier run stored and never
//! stores one twice; running the import again to the end gives the library an uninterrupted import
//! gives. The same for a killed `triangulate link`.
//!
//! The kill times are pseudo-random, from a seeded xorshift. The seed and every delay are printed;
//! `TRIANGULATE_CRASH_SEED=<seed>` replays a run's delays (as the same fractions of the full
//! import's time, which is measured anew on each run).
#![cfg(unix)]

use crate::common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use triangulate_core::Library;
use triangulate_core::library::ArticleQuery;

/// Article files the import test writes: a full chunk of the import (it stores 2,048 files in one
/// transaction) and three quarters of a second, so that about 40% of the import's time lies
/// between its two commits, where a kill leaves part of the set stored.
const IMPORT_FILES: usize = 3_600;
/// Article files the linking test writes: linking compares every pair of similar reports, and
/// the generated reports are all alike, so a few hundred take seconds in a debug build.
const LINK_FILES: usize = 200;
/// Imports killed on the way (each followed by a check and a look at the library).
const IMPORT_KILLS: usize = 10;
/// Linking runs killed on the way.
const LINK_KILLS: usize = 5;
/// The two tests time commands and kill them after a share of that time: run together, each
/// would slow the other's commands after the other had timed its own.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The seed of the kill delays when `TRIANGULATE_CRASH_SEED` does not name one. Its delays are
/// 80%, 5%, 70%, 46%, 92%, 57%, 30%, 99%, 96% and 9% of the full time: the first lands between
/// the import's two commits unless the machine's speed changes much between runs (and one of the
/// next six does if it changes by less than half), the rest cover the start, the parsing, the
/// commits and the end.
const DEFAULT_SEED: u64 = 1122;

// ---------------------------------------------------------------------------------------------
// A small deterministic generator.

/// Marsaglia's xorshift64: small, seedable, and the same on every platform.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        // Spread small seeds over the bits; xorshift's state must not be zero.
        let mixed = seed.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        XorShift(if mixed == 0 {
            0x2545_f491_4f6c_dd1d
        } else {
            mixed
        })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A fraction in `[0, 1)`, the same for a seed whatever it is later multiplied by.
    fn fraction(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn crash_seed() -> u64 {
    std::env::var("TRIANGULATE_CRASH_SEED")
        .ok()
        .and_then(|s| {
            let s = s.trim();
            s.strip_prefix("0x")
                .map_or_else(|| s.parse().ok(), |hex| u64::from_str_radix(hex, 16).ok())
        })
        .unwrap_or(DEFAULT_SEED)
}

// ---------------------------------------------------------------------------------------------
// The article folder: invented outlets reporting invented incidents.

/// Folders of the generated corpus, with the outlet their `outlet.txt` names (none: the folder
/// inherits its parent's sidecar, or has none and its name is the outlet's guess).
const DESKS: &[(&str, Option<&str>)] = &[
    ("ashby-courier", Some("The Ashby Courier")),
    ("brannock-star", Some("Brannock Evening Star")),
    ("carrow-gazette", Some("Carrow Valley Gazette")),
    ("dunmere-wire", Some("Dunmere Wire Service")),
    ("dunmere-wire/regional", None),
    ("loose-clippings", None),
];

const PLACES: &[&str] = &[
    "Ashby",
    "Brannock",
    "Carrow",
    "Dunmere",
    "Eastwick Fen",
    "Harrowgate Mill",
    "Lowmoor",
    "Quillan Bay",
    "Stenwick",
    "Tarrow Ford",
    "Vellacott",
    "Wyndle Cross",
];

/// (headline phrase, sentence phrase) of an incident.
const EVENTS: &[(&str, &str)] = &[
    (
        "Footbridge over canal collapses",
        "a footbridge over the canal collapsed",
    ),
    (
        "Grain silo fire burns overnight",
        "a grain silo caught fire",
    ),
    (
        "Ferry runs aground near harbour mouth",
        "a ferry ran aground near the harbour mouth",
    ),
    (
        "Tram depot flooded after storm",
        "the tram depot flooded after the storm",
    ),
    (
        "Gas leak closes market hall",
        "a gas leak closed the market hall",
    ),
    (
        "Landslip blocks valley road",
        "a landslip blocked the valley road",
    ),
    (
        "Power cut darkens old quarter",
        "a power cut darkened the old quarter",
    ),
    (
        "Chemical spill shuts ring road",
        "a chemical spill shut the ring road",
    ),
    (
        "Scaffolding falls onto busy street",
        "scaffolding fell onto a busy street",
    ),
    (
        "Water tower cracks and leaks",
        "the old water tower cracked and began to leak",
    ),
];

const ACTORS: &[&str] = &[
    "the fire brigade",
    "the harbour master",
    "council engineers",
    "the county police",
    "the coastguard",
    "volunteers from the rowing club",
    "the ambulance service",
    "the water board",
];

const OFFICIALS: &[&str] = &[
    "Mayor Idris Penhallow",
    "Chief Officer Marta Lindqvist",
    "Councillor Bram Oduya",
    "Station Manager Ffion Castell",
    "Inspector Tobias Raine",
    "Harbour Master Oona Kettleby",
];

const AUTHORS: &[&str] = &[
    "Elsie Marwood",
    "Kofi Adjaye-Bright",
    "Rhiannon Tesh",
    "Piet van Duren",
    "Saoirse Callan",
    "Hamish Ardle",
];

const STREETS: &[&str] = &[
    "Chandler Row",
    "Kiln Lane",
    "the Parade",
    "Ropewalk Street",
    "Mill Hill",
    "Foundry Way",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
];

const DETAILS: &[&str] = &[
    "a loud crack followed by a cloud of dust",
    "thick smoke drifting across the rooftops",
    "water pouring down the steps of the underpass",
    "a smell like rotten eggs near the bus shelter",
    "sirens for most of the afternoon",
    "crowds gathering behind the police tape",
];

/// One sentence of an article's body.
fn sentence(rng: &mut XorShift, place: &str, event: &str) -> String {
    let n = rng.below(40) + 2;
    let m = rng.below(9) + 1;
    match rng.below(8) {
        0 => format!(
            "According to {}, {n} people were moved from homes near the scene and {m} were treated for minor injuries.",
            rng.pick(ACTORS)
        ),
        1 => format!(
            "{} told reporters that {n} crews had been sent to {place} and that the area would stay closed until {}.",
            rng.pick(OFFICIALS),
            rng.pick(&[
                "Monday",
                "Tuesday",
                "Thursday",
                "the weekend",
                "further notice"
            ])
        ),
        2 => format!(
            "Witnesses on {} described {}, and several shops there closed early.",
            rng.pick(STREETS),
            rng.pick(DETAILS)
        ),
        3 => format!(
            "Residents of {place} said they had warned the council about the problem for {m} years before {event}."
        ),
        4 => format!(
            "An inquiry into why {event} is due to report by the end of {}, {} said.",
            rng.pick(MONTHS),
            rng.pick(OFFICIALS)
        ),
        5 => format!(
            "Traffic was diverted through {} for about {n} hours while {} inspected the site.",
            rng.pick(STREETS),
            rng.pick(ACTORS)
        ),
        6 => format!(
            "Insurers estimated the damage at {n} thousand pounds, though {} cautioned that the figure could rise.",
            rng.pick(ACTORS)
        ),
        _ => format!(
            "It was the {} such incident in {place} this year, and local groups have called a public meeting for {}.",
            ["second", "third", "fourth", "fifth"][m as usize % 4],
            rng.pick(&["Friday evening", "next week", "the end of the month"])
        ),
    }
}

/// The paragraphs of article `i`: about 150 to 300 words, ending in a sentence only it has.
fn paragraphs(rng: &mut XorShift, i: usize, place: &str, event: &str) -> Vec<String> {
    let sentences = 6 + rng.below(4) as usize;
    let mut out = Vec::new();
    let mut current = format!(
        "Officials in {place} confirmed on the morning of the {} that {event}.",
        ["first", "second", "third", "fourth", "fifth"][i % 5]
    );
    for s in 0..sentences {
        current.push(' ');
        current.push_str(&sentence(rng, place, event));
        if s % 4 == 3 {
            out.push(std::mem::take(&mut current));
            current = sentence(rng, place, event);
        }
    }
    current.push_str(&format!(
        " The newsroom logged this account as report {i} of its {place} file."
    ));
    out.push(current);
    out
}

/// Writes the corpus under `root`; returns the folder to import.
fn write_corpus(root: &Path, files: usize) -> PathBuf {
    let corpus = root.join("corpus");
    for (folder, outlet) in DESKS {
        let dir = corpus.join(folder);
        std::fs::create_dir_all(&dir).expect("corpus folder");
        if let Some(outlet) = outlet {
            std::fs::write(dir.join("outlet.txt"), format!("{outlet}\n")).expect("sidecar");
        }
    }
    for i in 0..files {
        let mut rng = XorShift::new(i as u64);
        let (folder, outlet) = DESKS[i % DESKS.len()];
        let outlet = outlet.unwrap_or("Dunmere Wire Service");
        let place = PLACES[(i / DESKS.len()) % PLACES.len()];
        let (headline, event) = EVENTS[(i / 7) % EVENTS.len()];
        let month = 1 + i % 9;
        let day = 1 + (i / 3) % 28;
        let title = format!("{headline} in {place}");
        let author = rng.pick(AUTHORS);
        let paras = paragraphs(&mut rng, i, place, event);
        let caption = format!(
            "PHOTO/AFP - {} at the scene in {place} on {day} {}",
            rng.pick(ACTORS),
            MONTHS[month - 1]
        );
        let dir = corpus.join(folder);
        let (name, text) = match i % 10 {
            7 => {
                // Markdown with front matter, the headline repeated as a heading.
                let mut text = format!(
                    "---\ntitle: {title}\npublished: 2025-{month:02}-{day:02}\n\
                     url: https://{slug}.example/news/{i}\nauthor: {author}\n---\n\n# {title}\n\n",
                    slug = folder.replace('/', "-"),
                );
                for (k, p) in paras.iter().enumerate() {
                    text.push_str(p);
                    text.push_str("\n\n");
                    if k == 0 && i % 4 == 3 {
                        text.push_str(&caption);
                        text.push_str("\n\n");
                    }
                }
                (format!("story-{i:05}.md"), text)
            }
            9 => {
                // A saved web page: navigation, a figure caption and a footer around the article.
                let mut text = format!(
                    "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
                     <title>{title} | {outlet}</title>\
                     <meta property=\"og:site_name\" content=\"{outlet}\">\
                     <meta property=\"article:published_time\" content=\"2025-{month:02}-{day:02}T09:30:00Z\">\
                     <meta name=\"author\" content=\"{author}\"></head>\n<body>\
                     <nav><a href=\"/\">Home</a> <a href=\"/local\">Local news</a> <a href=\"/weather\">Weather</a></nav>\n\
                     <article><h1>{title}</h1>\n"
                );
                for (k, p) in paras.iter().enumerate() {
                    text.push_str(&format!("<p>{p}</p>\n"));
                    if k == 0 {
                        text.push_str(&format!(
                            "<figure><img src=\"scene-{i}.jpg\" alt=\"\"><figcaption>{caption}</figcaption></figure>\n"
                        ));
                    }
                }
                text.push_str(&format!(
                    "</article>\n<footer>All rights reserved by {outlet}. Page {i}.</footer></body></html>\n"
                ));
                (format!("page-{i:05}.html"), text)
            }
            _ => {
                // Plain text: the headline first, then what the cleaner cuts in some of them.
                let mut text = format!("{title}\n\n");
                if i % 3 == 0 {
                    text.push_str(&format!("{title}\n\n"));
                }
                if i % 2 == 0 {
                    text.push_str(&format!(
                        "{}, {day} {} 2025\n\n",
                        place.to_uppercase(),
                        MONTHS[month - 1]
                    ));
                }
                for (k, p) in paras.iter().enumerate() {
                    text.push_str(p);
                    text.push_str("\n\n");
                    if k == 0 && i % 4 == 1 {
                        text.push_str(&caption);
                        text.push_str("\n\n");
                    }
                }
                if i % 5 == 2 {
                    text.push_str(&format!("Share this:\nLatest posts by {author}\n"));
                }
                (format!("report-{i:05}.txt"), text)
            }
        };
        std::fs::write(dir.join(name), text).expect("article written");
    }
    corpus
}

// ---------------------------------------------------------------------------------------------
// Running the binary.

fn triangulate(args: &[&str], library: &Path) -> Command {
    let mut command = Command::new(common::binary());
    command.args(args).arg("--library").arg(library);
    command
}

fn run(args: &[&str], library: &Path) -> Output {
    triangulate(args, library)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn json(output: &Output, what: &str) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{what} failed ({}): stderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{what} printed no JSON document: {e}"))
}

/// Starts `args` on `library`, kills it after `delay` unless it ended first, and reaps it.
/// Returns whether it was killed, and how it ended.
fn kill_after(args: &[&str], library: &Path, delay: Duration) -> (bool, ExitStatus) {
    let mut child = triangulate(args, library)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let until = Instant::now() + delay;
    let killed = loop {
        if child.try_wait().expect("the child's state reads").is_some() {
            break false;
        }
        let now = Instant::now();
        if now >= until {
            child.kill().expect("SIGKILL is sent");
            break true;
        }
        std::thread::sleep((until - now).min(Duration::from_millis(5)));
    };
    let status = child.wait().expect("the child is reaped");
    (killed, status)
}

/// Starts `args` on `library` (a new file) and kills it as soon as a reader sees articles in it:
/// right after the first commit. Returns how many articles the reader saw.
fn kill_at_first_commit(args: &[&str], library: &Path) -> usize {
    let mut child = triangulate(args, library)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let seen = loop {
        if child.try_wait().expect("the child's state reads").is_some() {
            break 0;
        }
        // Not there yet, or not migrated yet: look again.
        let count = triangulate_core::Library::open_read_only(library)
            .and_then(|l| l.counts())
            .map_or(0, |c| c.articles as usize);
        if count > 0 {
            child.kill().expect("SIGKILL is sent");
            break count;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    child.wait().expect("the child is reaped");
    seen
}

/// `triangulate check` must pass; `context` says which kill it follows, for the failure message.
fn assert_check_passes(library: &Path, context: &str) {
    let out = run(&["check"], library);
    assert!(
        out.status.success(),
        "triangulate check failed ({}) {context}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Reading a library.

/// What one stored article is, as far as these tests compare libraries.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stored {
    title: String,
    outlet: String,
    source_path: String,
    word_count: i64,
    /// What cleaning cut: byte ranges of the full text, and why.
    removed: Vec<(usize, usize, String)>,
}

/// Every article of the library at `path` by content hash, each checked to be whole: a title, a
/// body, its text, removed spans inside the text and the body equal to the text without them.
/// Fails on two articles with one content hash or one source file.
fn read_library(path: &Path, context: &str) -> BTreeMap<String, Stored> {
    let library = Library::open(path).expect("the library opens");
    let rows = library
        .articles(&ArticleQuery::default())
        .expect("articles list");
    let mut by_hash = BTreeMap::new();
    let mut paths = HashSet::new();
    for row in rows {
        let a = library
            .article(row.id)
            .expect("an article reads")
            .unwrap_or_else(|| panic!("listed article {} is not whole {context}", row.id));
        assert!(
            !a.title.trim().is_empty(),
            "article {} has no title {context}",
            a.id
        );
        assert!(
            !a.body.trim().is_empty(),
            "article {} has no body {context}",
            a.id
        );
        assert!(
            !a.full_text.trim().is_empty(),
            "article {} has no full text {context}",
            a.id
        );
        assert!(
            !a.content_hash.is_empty(),
            "article {} has no content hash {context}",
            a.id
        );
        let mut cuts = Vec::new();
        for span in &a.removed {
            assert!(
                span.start < span.end && a.full_text.get(span.start..span.end).is_some(),
                "article {} has span {}..{} outside its {} bytes of text {context}",
                a.id,
                span.start,
                span.end,
                a.full_text.len()
            );
            if !span.restored {
                cuts.push((span.start, span.end));
            }
        }
        assert_eq!(
            a.body,
            triangulate_core::text::cut_spans(&a.full_text, &cuts),
            "article {}'s body is not its text without its removed spans {context}",
            a.id
        );
        assert!(
            paths.insert(a.source_path.clone()),
            "{} is stored twice {context}",
            a.source_path
        );
        let stored = Stored {
            title: a.title,
            outlet: a.outlet,
            source_path: a.source_path,
            word_count: a.word_count,
            removed: a
                .removed
                .into_iter()
                .map(|span| (span.start, span.end, span.reason))
                .collect(),
        };
        if let Some(other) = by_hash.insert(a.content_hash.clone(), stored) {
            panic!(
                "content hash {} is stored twice ({other:?}) {context}",
                a.content_hash
            );
        }
    }
    by_hash
}

/// The open suggestions of the library at `path`: kind and the source files of their articles.
fn suggestion_queue(path: &Path) -> BTreeSet<(String, Vec<String>)> {
    let library = Library::open(path).expect("the library opens");
    library
        .open_suggestions()
        .expect("suggestions read")
        .into_iter()
        .map(|s| {
            let mut files: Vec<String> = s
                .articles
                .iter()
                .map(|&id| {
                    library
                        .article(id)
                        .expect("an article reads")
                        .expect("a suggested article exists")
                        .source_path
                })
                .collect();
            files.sort();
            (s.kind, files)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn an_import_killed_at_any_moment_leaves_a_sound_library_and_a_rerun_completes_it() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let input = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(input.path(), IMPORT_FILES);
    let written = started.elapsed();
    let corpus_arg = corpus.to_str().expect("a UTF-8 temp path");
    let libraries = tempfile::tempdir().expect("temp dir");
    let whole = libraries.path().join("whole.sqlite");
    let killed = libraries.path().join("killed.sqlite");

    // One uninterrupted import: how long it takes, and what it stores.
    let clock = Instant::now();
    let out = run(&["import", corpus_arg, "--json"], &whole);
    let full_time = clock.elapsed();
    let report = json(&out, "the uninterrupted import");
    let n = report["imported"].as_u64().expect("imported is a count") as usize;
    assert_eq!(
        report["problems"].as_array().map(Vec::len),
        Some(0),
        "the generated corpus imports without problems: {:#}",
        report["problems"]
    );
    assert_eq!(n, IMPORT_FILES, "every generated file is one article");
    let expected = read_library(&whole, "after the uninterrupted import");
    assert_eq!(expected.len(), n);
    let words = {
        // The cleaner cut something from the articles, so removed spans are part of what is stored.
        let reasons: BTreeSet<&str> = expected
            .values()
            .flat_map(|a| a.removed.iter().map(|(_, _, why)| why.as_str()))
            .collect();
        for reason in ["headline repeated", "image caption", "author bio widget"] {
            assert!(
                reasons.contains(reason),
                "no span cut as {reason:?}: {reasons:?}"
            );
        }
        let mut words: Vec<i64> = expected.values().map(|a| a.word_count).collect();
        words.sort_unstable();
        let spans: usize = expected.values().map(|a| a.removed.len()).sum();
        println!("crash_safety import: {spans} removed spans stored, cut as {reasons:?}");
        (words[0], words[words.len() / 2], words[words.len() - 1])
    };
    assert_check_passes(&whole, "after the uninterrupted import");

    let seed = crash_seed();
    println!(
        "crash_safety import: seed {seed} (TRIANGULATE_CRASH_SEED={seed} replays it); the full \
         import of {IMPORT_FILES} files (written in {written:?}) took {full_time:?} and stored {n} \
         articles of {} to {} words (median {})",
        words.0, words.2, words.1
    );
    let mut rng = XorShift::new(seed);
    let mut previous = 0;
    let mut mid_import = 0;
    for round in 0..IMPORT_KILLS {
        let fraction = rng.fraction();
        let delay = full_time.mul_f64(fraction);
        let (was_killed, status) = kill_after(&["import", corpus_arg], &killed, delay);
        let context = format!(
            "after kill {round} (seed {seed}, delay {delay:?} = {:.1}% of the full import's {full_time:?})",
            100.0 * fraction
        );
        assert!(
            was_killed || status.success(),
            "the import ended on its own but failed ({status}) {context}"
        );
        if !killed.exists() {
            println!(
                "  kill {round}: delay {delay:?} ({:.1}% of T): killed before the library file was made",
                100.0 * fraction
            );
            continue;
        }
        let clock = Instant::now();
        assert_check_passes(&killed, &context);
        let stored = read_library(&killed, &context);
        let count = stored.len();
        println!(
            "  kill {round}: delay {delay:?} ({:.1}% of T): {}, {count} of {n} articles stored \
             (checked in {:?})",
            100.0 * fraction,
            if was_killed {
                "killed"
            } else {
                "finished first"
            },
            clock.elapsed()
        );
        assert!(
            count >= previous,
            "the library lost articles: {previous} before, {count} {context}"
        );
        assert!(
            was_killed || count == n,
            "an import that ended on its own left {count} of {n} articles {context}"
        );
        for (hash, article) in &stored {
            assert_eq!(
                expected.get(hash),
                Some(article),
                "an article the uninterrupted import did not store {context}"
            );
        }
        if count > 0 && count < n {
            mid_import += 1;
        }
        previous = count;
    }
    println!("crash_safety import: {mid_import} of {IMPORT_KILLS} kills landed mid-import");
    // However fast or slow the machine is today: one more import, on a fresh library, killed the
    // moment its first chunk is committed, lands between its commits.
    let fresh = libraries.path().join("observed.sqlite");
    let count = kill_at_first_commit(&["import", corpus_arg], &fresh);
    let context = format!("after a kill at the first commit ({count} of {n} stored)");
    assert_check_passes(&fresh, &context);
    let stored = read_library(&fresh, &context);
    assert!(stored.len() >= count, "{context}: {} stored", stored.len());
    for (hash, article) in &stored {
        assert_eq!(expected.get(hash), Some(article), "{context}");
    }
    if count > 0 && count < n {
        mid_import += 1;
    }
    assert!(
        mid_import >= 1,
        "no kill landed mid-import (seed {seed}, full import {full_time:?}): the test tested \
         nothing. The killed imports ran much faster or slower than the timed one, or the seed's \
         delays all fell before the first commit or after the last; try the default seed"
    );

    // The import run to the end completes the set.
    let out = run(&["import", corpus_arg, "--json"], &killed);
    let finish = json(&out, "the import after the kills");
    assert_eq!(
        finish["imported"].as_u64(),
        Some((n - previous) as u64),
        "the last import stores what the killed ones did not"
    );
    let stored = read_library(&killed, "after the completing import");
    assert_eq!(stored.len(), n);
    assert_eq!(
        stored, expected,
        "the killed-and-completed library differs from the uninterrupted one"
    );
    assert_check_passes(&killed, "after the completing import");

    // And once more: nothing new.
    let out = run(&["import", corpus_arg, "--json"], &killed);
    let again = json(&out, "the repeated import");
    assert_eq!(again["imported"].as_u64(), Some(0), "a re-run adds nothing");
    assert_eq!(again["skipped_duplicates"].as_u64(), Some(n as u64));
    assert_eq!(read_library(&killed, "after the repeated import").len(), n);
    println!("crash_safety import: done in {:?}", started.elapsed());
}

#[test]
fn a_link_run_killed_at_any_moment_leaves_a_sound_library_and_a_rerun_completes_it() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let started = Instant::now();
    let input = tempfile::tempdir().expect("temp dir");
    let corpus = write_corpus(input.path(), LINK_FILES);
    let corpus_arg = corpus.to_str().expect("a UTF-8 temp path");
    let libraries = tempfile::tempdir().expect("temp dir");
    let whole = libraries.path().join("whole.sqlite");
    let killed = libraries.path().join("killed.sqlite");
    for library in [&whole, &killed] {
        let out = run(&["import", corpus_arg], library);
        assert!(
            out.status.success(),
            "import: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    let clock = Instant::now();
    let out = run(&["link", "--json"], &whole);
    let full_time = clock.elapsed();
    let report = json(&out, "the uninterrupted link run");
    let expected = suggestion_queue(&whole);
    let seed = crash_seed();
    println!(
        "crash_safety link: seed {seed}; the full link run of {LINK_FILES} articles took \
         {full_time:?}: {} exact copies, {} near copies, {} incident suggestions, {} open \
         suggestions",
        report["exact_copies"].as_array().map_or(0, Vec::len),
        report["near_copies"].as_array().map_or(0, Vec::len),
        report["incident_suggestions"]
            .as_array()
            .map_or(0, Vec::len),
        expected.len()
    );

    // Every other run relinks from scratch, so that each killed run has the whole work to do, not
    // only what the runs before it left.
    let mut rng = XorShift::new(seed);
    let mut mid_run = 0;
    let mut between = 0;
    for round in 0..LINK_KILLS {
        let fraction = rng.fraction();
        let delay = full_time.mul_f64(fraction);
        let args: &[&str] = if round % 2 == 0 {
            &["link"]
        } else {
            &["link", "--rebuild"]
        };
        let (was_killed, status) = kill_after(args, &killed, delay);
        let context = format!(
            "after link kill {round} (`{}`, seed {seed}, delay {delay:?} = {:.1}% of the full run's {full_time:?})",
            args.join(" "),
            100.0 * fraction
        );
        assert!(
            was_killed || status.success(),
            "the link run ended on its own but failed ({status}) {context}"
        );
        assert_check_passes(&killed, &context);
        let stored = read_library(&killed, &context);
        assert_eq!(
            stored.len(),
            LINK_FILES,
            "a link run changes no article {context}"
        );
        // Linking stores its results in one transaction and the queue in a second: after a kill
        // the library has neither, both, or the results without the queue.
        let pending = Library::open(&killed)
            .expect("the library opens")
            .articles_to_link(triangulate_core::linking::features::VERSION)
            .expect("the articles to link read")
            .len();
        let queue = suggestion_queue(&killed);
        println!(
            "  link kill {round}: `{}` delay {delay:?} ({:.1}% of T): {}, {} of {LINK_FILES} \
             articles linked, {} open suggestions",
            args.join(" "),
            100.0 * fraction,
            if was_killed {
                "killed"
            } else {
                "finished first"
            },
            LINK_FILES - pending,
            queue.len()
        );
        if !was_killed {
            assert_eq!(
                queue, expected,
                "a link run that ended on its own left another queue {context}"
            );
        }
        if was_killed {
            mid_run += 1;
        }
        if was_killed && pending == 0 && queue != expected {
            between += 1;
        }
    }
    println!(
        "crash_safety link: {mid_run} of {LINK_KILLS} runs killed, {between} after storing the \
         links and before the queue"
    );
    assert!(mid_run >= 1, "no link run was killed before it ended");

    let out = run(&["link", "--json"], &killed);
    json(&out, "the link run after the kills");
    assert_check_passes(&killed, "after the completing link run");
    assert_eq!(
        suggestion_queue(&killed),
        expected,
        "the queue after killed and completed link runs differs from an uninterrupted run's"
    );
    println!("crash_safety link: done in {:?}", started.elapsed());
}
