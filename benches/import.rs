//! Import throughput against the floor, measured in one run on the same corpus.
//!
//! The corpus comes from `../shared/bench/gen_corpus.py` (N articles of ~400 words in 50 outlet
//! folders); the floor is `../shared/bench/sqlite_fts5_baseline.py`, a bare Python loop that reads
//! the files and inserts them into SQLite with an FTS5 index. Triangulate's import does the whole
//! job: discovery, decoding with detection, cleaning, language, hashing, storing with spans and the
//! full-text index. The ratio is what the README quotes, since absolute times drift between runs on
//! a shared machine; the two take turns, five runs each, and each side's best run counts.
//!
//! `cargo bench --bench import` (N = 20,000); `TRIANGULATE_BENCH_N=100000 cargo bench --bench import`
//! for the linearity check. Skipped, with a note, where ../shared/bench or python3 is absent.

// The binary's allocator (src/main.rs), so that this measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use triangulate_core::import::{ImportOptions, import_paths};
use triangulate_core::jobs::Progress;
use triangulate_core::library::Library;

fn main() {
    let n = common::size();
    let Some((shared, corpus)) = common::corpus(n) else {
        return;
    };
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");

    // The floor and ours take turns, so that both see the same spells of a shared machine's
    // load; each side's best run counts.
    let (mut floor, mut ours) = (None::<f64>, 0.0_f64);
    for run in 0..RUNS {
        if let Some(rate) = floor_once(&shared, &corpus, &work) {
            println!("  run {run}: floor {:.2} s", n as f64 / rate);
            floor = Some(floor.map_or(rate, |best| best.max(rate)));
        }
        ours = ours.max(our_once(&corpus, &work, n, run));
    }
    println!("articles: {n}");
    match floor {
        Some(floor) => {
            println!("python floor (read + insert + FTS5), best of {RUNS}: {floor:.0} articles/s");
            println!("triangulate import (full pipeline), best of {RUNS}: {ours:.0} articles/s");
            println!("ratio: {:.2}x the floor", ours / floor);
        }
        None => println!(
            "triangulate import (full pipeline): {ours:.0} articles/s (floor not measured)"
        ),
    }
}

/// Runs of each side, taken in turns.
const RUNS: usize = 5;

/// Runs the Python floor once and reads its `import=N/s`.
fn floor_once(shared: &Path, corpus: &Path, work: &Path) -> Option<f64> {
    let db = work.join("floor.sqlite");
    let out = Command::new("python3")
        .arg(shared.join("sqlite_fts5_baseline.py"))
        .arg(corpus)
        .arg(&db)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let _ = std::fs::remove_file(&db);
    text.split_whitespace()
        .find_map(|w| w.strip_prefix("import="))
        .and_then(|v| v.trim_end_matches("/s").parse().ok())
}

/// Imports the corpus into a fresh library, in articles per second.
fn our_once(corpus: &Path, work: &Path, n: usize, run: usize) -> f64 {
    let path: PathBuf = work.join(format!("ours-{run}.sqlite"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let start = Instant::now();
    let mut library = Library::open(&path).expect("a new library");
    let report = import_paths(
        &mut library,
        &[corpus.to_path_buf()],
        &ImportOptions::default(),
        &Progress::new(),
    )
    .expect("the import runs");
    drop(library);
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(
        report.imported + report.skipped_duplicates,
        n,
        "problems: {:?}",
        &report.problems[..report.problems.len().min(3)]
    );
    println!("  run {run}: triangulate {seconds:.2} s");
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    n as f64 / seconds
}
