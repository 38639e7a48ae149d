//! The world gazetteer's budgets (issue 23): loading under 150 ms, finding the places of a
//! 2,000-word report under 2 ms, under 80 MB of memory. Timed through what Compare and linking
//! call, `Gazetteer::built_in()` and `find`, in a fresh process, so the first call pays the
//! load. The report is 2,000 words of real FA-KES articles from `../shared/data` (skipped, with
//! a note, where that is absent).
//!
//! `cargo bench --bench places`.

use std::path::Path;
use std::time::{Duration, Instant};

use triangulate_core::analysis::{Gazetteer, tokens};

const RUNS: usize = 200;

/// The process's resident and peak memory in kB, from /proc (Linux); zeros elsewhere.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let csv =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/fa-kes-dev/fa-kes-dev.csv");
    let Ok(text) = std::fs::read_to_string(&csv) else {
        println!("skipped: {} not found", csv.display());
        return;
    };
    // 2,000 words of article text: the content column of the first rows.
    let mut report = String::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for row in reader.records().flatten() {
        if report.split_whitespace().count() >= 2_000 {
            break;
        }
        report.push_str(row.get(2).unwrap_or_default());
        report.push_str("\n\n");
    }
    let report: String = report.split(' ').take(2_000).collect::<Vec<_>>().join(" ");
    let words = tokens(&report);

    let (rss_before, _) = memory();
    let start = Instant::now();
    let gazetteer = Gazetteer::built_in();
    let first = gazetteer.find(&report, &words);
    let load = start.elapsed();
    let (rss_after, peak) = memory();

    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(gazetteer.find(&report, &words));
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "world gazetteer: first find (load included) {:.1} ms; find in a 2,000-word report: median {:.3} ms, slowest {:.3} ms ({} places found); memory +{} MB resident, {} MB peak",
        load.as_secs_f64() * 1000.0,
        times[RUNS / 2].as_secs_f64() * 1000.0,
        times[RUNS - 1].as_secs_f64() * 1000.0,
        first.len(),
        rss_after.saturating_sub(rss_before) / 1024,
        peak / 1024,
    );
}
