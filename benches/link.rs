//! `triangulate link`, as users run it, against datasketch's MinHashLSH, measured in one run on
//! the same corpus.
//!
//! The corpus is `../shared/bench/gen_corpus.py`'s (N articles of ~400 words in 50 outlet folders,
//! with planted near copies, ~10% of words changed, listed in truth.json). It is imported once
//! with `triangulate import` (not measured); each run then times the built binary's
//! `triangulate --library COPY link --json`, process start included, on a fresh copy of that
//! library, so every article is new to linking, as after a user's import. The peer is
//! `../shared/bench/datasketch_baseline.py` (128 permutations, word 3-shingles, threshold 0.5;
//! `pip install datasketch`), timed as a whole process too (Python start included; its own
//! `total=` is printed beside). The two take turns, three runs each, and each side's best run
//! counts, with that run's peak memory (the child's maximum resident set, from `wait4`). Prints
//! both times, their ratio, and the recall and precision of the near copies `link` reported
//! against the planted pairs.
//!
//! `cargo bench --bench link` (N = 20,000); `TRIANGULATE_BENCH_N=100000 cargo bench --bench link`
//! for the larger corpus. With `TRIANGULATE_LINK_BASE=FILE` naming a library that was linked
//! before (made with `triangulate synth --articles 1000000 --outlets 5000 --incidents 100000`,
//! then `triangulate link` once), a copy of it also gets 1,000 generated articles imported and
//! one `link` is timed: new articles against a large library. `TRIANGULATE_LINK_ONLY_BASE=1` runs
//! that case alone. Skipped, with a note, where ../shared/bench or python3 is absent.

// The binary's allocator (src/main.rs), as benches/import.rs has; this process itself does little.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;
mod measure;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use triangulate_core::library::{ArticleFilter, Library};

use measure::{Measured, peak_text, run_measured};

/// Runs of each side, taken in turns.
const RUNS: usize = 3;

/// Articles imported into the copy of the large library.
const NEW_ARTICLES: usize = 1_000;

fn main() {
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&work).expect("target/bench-data can be made");
    let only_base = std::env::var("TRIANGULATE_LINK_ONLY_BASE").is_ok_and(|v| v == "1");
    let base = std::env::var_os("TRIANGULATE_LINK_BASE").map(PathBuf::from);

    // Every measured run comes before the reports, which open libraries in this process: a
    // child's peak memory as the kernel reports it is at least what this process had resident
    // when it started the child (the child begins as a copy of it), so this process stays small
    // until nothing more is measured.
    let corpus_runs = if only_base {
        None
    } else {
        measure_corpus(&work)
    };
    let base_run = match base {
        Some(base) if base.is_file() => measure_base(&base, &work),
        Some(base) => {
            println!(
                "TRIANGULATE_LINK_BASE: {} is not a file; that case is skipped",
                base.display()
            );
            None
        }
        None if only_base => {
            println!("TRIANGULATE_LINK_ONLY_BASE=1 but TRIANGULATE_LINK_BASE is not set");
            None
        }
        None => None,
    };

    if let Some(runs) = &corpus_runs {
        report_corpus(runs);
    }
    if let Some(run) = &base_run {
        report_base(run);
    }
}

/// The generated corpus, its imported library, and each side's best run.
struct CorpusRuns {
    n: usize,
    corpus: PathBuf,
    /// The library the corpus was imported into; every run linked a copy of it, so its article
    /// ids are the runs' ids.
    imported: PathBuf,
    ours: Measured,
    /// `None` where the peer could not run (datasketch not installed).
    peer: Option<Measured>,
}

/// The copy of the large library and its one measured `link`.
struct BaseRun {
    library: PathBuf,
    link: Measured,
}

/// Imports the corpus, then runs `link` on copies of the library and the peer in turns.
fn measure_corpus(work: &Path) -> Option<CorpusRuns> {
    let n = common::size();
    let (shared, corpus) = common::corpus(n)?;
    let imported = work.join(format!("link-{n}-imported.sqlite"));
    remove_library(&imported);
    import_corpus(&imported, &corpus);
    let run_library = work.join(format!("link-{n}-run.sqlite"));

    let mut ours: Option<Measured> = None;
    let mut peer: Option<Measured> = None;
    let mut peer_can_run = true;
    for run in 0..RUNS {
        copy_library(&imported, &run_library);
        let link = run_measured(&mut link_command(&run_library));
        assert!(
            link.success,
            "triangulate link failed on {} (its error is above)",
            run_library.display()
        );
        println!(
            "  run {run}: triangulate {:.2} s, {}",
            link.seconds,
            peak_text(link.peak_mb)
        );
        ours = Some(faster(ours, link));

        // Once the peer has failed (datasketch missing) it would only fail again.
        if peer_can_run {
            let measured = run_measured(
                Command::new("python3")
                    .arg(shared.join("datasketch_baseline.py"))
                    .arg(&corpus),
            );
            if measured.success {
                println!(
                    "  run {run}: datasketch {:.2} s, {}",
                    measured.seconds,
                    peak_text(measured.peak_mb)
                );
                peer = Some(faster(peer, measured));
            } else {
                peer_can_run = false;
            }
        }
    }
    Some(CorpusRuns {
        n,
        corpus,
        imported,
        ours: ours.expect("RUNS is at least 1"),
        peer,
    })
}

/// Imports 1,000 generated articles into a copy of the large library, then times one `link`.
fn measure_base(base: &Path, work: &Path) -> Option<BaseRun> {
    let (_, corpus) = common::corpus(NEW_ARTICLES)?;
    let library = work.join("link-base-run.sqlite");
    copy_library(base, &library);
    import_corpus(&library, &corpus);
    let link = run_measured(&mut link_command(&library));
    assert!(
        link.success,
        "triangulate link failed on {} (its error is above)",
        library.display()
    );
    Some(BaseRun { library, link })
}

/// Prints the corpus case: both sides' best runs, and how well `link`'s near copies match the
/// planted pairs.
fn report_corpus(runs: &CorpusRuns) {
    let link: serde_json::Value =
        serde_json::from_str(&runs.ours.stdout).expect("link --json prints one JSON object");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(runs.corpus.join("truth.json")).expect("truth.json is readable"),
    )
    .expect("truth.json is JSON");
    let planted: HashSet<(String, String)> = truth["near_copy_pairs"]
        .as_array()
        .expect("truth.json lists near_copy_pairs")
        .iter()
        .map(|pair| {
            let path = |i: usize| {
                pair[i]
                    .as_str()
                    .expect("a planted pair is two paths")
                    .to_string()
            };
            ordered(path(0), path(1))
        })
        .collect();

    // Articles by id, named as truth.json names them: "outlet_07/00123.txt".
    let library = Library::open(&runs.imported).expect("the imported library opens");
    let names: HashMap<i64, String> = library
        .articles_by_path_suffix()
        .expect("the library's source paths can be read")
        .into_iter()
        .map(|(path, id)| (id, last_two_components(&path).to_string()))
        .collect();
    drop(library);

    let reported: HashSet<(String, String)> = link["near_copies"]
        .as_array()
        .expect("link --json lists near_copies")
        .iter()
        .map(|copy| {
            let name = |side: &str| {
                let id = copy[side]
                    .as_i64()
                    .expect("a near copy names two article ids");
                names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| format!("article {id}"))
            };
            ordered(name("a"), name("b"))
        })
        .collect();
    let hits = planted.intersection(&reported).count();
    let exact_copies = link["exact_copies"].as_array().map_or(0, Vec::len);
    let suggestions = link["incident_suggestions"].as_array().map_or(0, Vec::len);

    let ours = &runs.ours;
    println!("articles: {}", runs.n);
    if names.len() != runs.n {
        println!("  ({} of them in the library)", names.len());
    }
    println!(
        "triangulate link (after import), best of {RUNS}: {:.2} s, {}",
        ours.seconds,
        peak_text(ours.peak_mb)
    );
    println!(
        "  near copies: recall {hits}/{} = {:.3}, precision {hits}/{} = {:.3}, exact copies {exact_copies}",
        planted.len(),
        hits as f64 / planted.len().max(1) as f64,
        reported.len(),
        hits as f64 / reported.len().max(1) as f64,
    );
    println!("  same-incident suggestions: {suggestions}");

    let Some(peer) = &runs.peer else {
        println!("datasketch: not run (pip install datasketch)");
        return;
    };
    let total = peer_number(&peer.stdout, "total")
        .map_or_else(|| "?".to_string(), |seconds| format!("{seconds:.1} s"));
    let recall = peer_number(&peer.stdout, "recall")
        .map_or_else(|| "?".to_string(), |recall| format!("{recall:.3}"));
    println!(
        "datasketch MinHashLSH, best of {RUNS}: {:.1} s wall (script's own total {total}), {}, recall {recall}",
        peer.seconds,
        peak_text(peer.peak_mb)
    );
    let ratio = peer.seconds / ours.seconds;
    if ratio >= 1.0 {
        println!("ratio: {ratio:.1}x faster than datasketch");
    } else {
        println!("ratio: {:.1}x slower than datasketch", 1.0 / ratio);
    }
}

/// Prints the large-library case.
fn report_base(run: &BaseRun) {
    let link: serde_json::Value =
        serde_json::from_str(&run.link.stdout).expect("link --json prints one JSON object");
    let new = link["new_articles"]
        .as_u64()
        .expect("link --json reports new_articles");
    let library = Library::open(&run.library).expect("the copy of the large library opens");
    let total = library
        .count_articles(&ArticleFilter::default())
        .expect("the library's articles can be counted");
    drop(library);
    println!(
        "{} new articles linked against a library of {} articles: {:.2} s, {}",
        thousands(new),
        thousands(total.saturating_sub(new)),
        run.link.seconds,
        peak_text(run.link.peak_mb)
    );
}

/// `triangulate --library LIBRARY link --json`, with the binary Cargo built for this bench.
fn link_command(library: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_triangulate"));
    command
        .arg("--library")
        .arg(library)
        .args(["link", "--json"]);
    command
}

/// Imports the corpus folder into the library with `triangulate import` (not measured; the time
/// is printed for information).
fn import_corpus(library: &Path, corpus: &Path) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_triangulate"))
        .arg("--library")
        .arg(library)
        .arg("import")
        .arg(corpus)
        .stderr(Stdio::inherit())
        .output()
        .expect("triangulate import starts");
    // The exit status is not the test: a file that is not an article (truth.json) is a problem
    // reported beside the others. The library must be there, though.
    assert!(
        library.is_file(),
        "triangulate import left no library at {}",
        library.display()
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    println!(
        "import (not measured): {:.1} s; {}",
        start.elapsed().as_secs_f64(),
        summary.lines().next().unwrap_or_default()
    );
}

/// The faster of the best run so far and this one.
fn faster(best: Option<Measured>, run: Measured) -> Measured {
    match best {
        Some(best) if best.seconds <= run.seconds => best,
        _ => run,
    }
}

/// A `key=value` number of the peer's one line (`total=17.5s`, `recall=0.818`).
fn peer_number(stdout: &str, key: &str) -> Option<f64> {
    stdout
        .split_whitespace()
        .find_map(|word| word.strip_prefix(key)?.strip_prefix('='))
        .and_then(|value| value.trim_end_matches('s').parse().ok())
}

/// The pair in a fixed order, so that (a, b) and (b, a) are one pair.
fn ordered(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

/// "outlet_07/00123.txt" of ".../corpus-20000/outlet_07/00123.txt": how truth.json names a file.
fn last_two_components(path: &str) -> &str {
    match path.rmatch_indices('/').nth(1) {
        Some((slash, _)) => &path[slash + 1..],
        None => path,
    }
}

/// The library file and SQLite's files beside it: `FILE-wal`, `FILE-shm`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a library and the files beside it, where they exist.
fn remove_library(path: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(with_suffix(path, suffix));
    }
}

/// Copies a closed library to `to`, with its WAL and shared-memory files where it has them,
/// replacing whatever was at `to`.
fn copy_library(from: &Path, to: &Path) {
    remove_library(to);
    for suffix in ["", "-wal", "-shm"] {
        let source = with_suffix(from, suffix);
        if suffix.is_empty() || source.exists() {
            std::fs::copy(&source, with_suffix(to, suffix))
                .unwrap_or_else(|e| panic!("copying {} failed: {e}", source.display()));
        }
    }
}

/// 1234567 as "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
