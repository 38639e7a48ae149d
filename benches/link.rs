//! Near-copy detection against datasketch's MinHashLSH, measured in one run on the same corpus.
//!
//! The corpus is `../shared/bench/gen_corpus.py`'s (N articles of ~400 words with planted near
//! copies, ~10% of words changed, listed in truth.json); the peer is
//! `../shared/bench/datasketch_baseline.py` (128 permutations, word 3-shingles, threshold 0.5;
//! `pip install datasketch`). Prints both times, the ratio, the recall of planted pairs and the
//! number of pairs found that were not planted. Skipped where ../shared/bench is absent.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let n = common::size();
    let Some((shared, corpus)) = common::corpus(n) else {
        return;
    };
    // The corpus as linking sees it: (id, hash of the folded body, body), ids in path order.
    let mut paths = Vec::new();
    for outlet in std::fs::read_dir(&corpus).expect("corpus").flatten() {
        if outlet.path().is_dir() {
            for f in std::fs::read_dir(outlet.path())
                .expect("outlet folder")
                .flatten()
            {
                paths.push(f.path());
            }
        }
    }
    paths.sort();
    let rel = |p: &Path| {
        p.strip_prefix(&corpus)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    };
    let articles: Vec<(i64, String, String)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let body = text
                .split_once('\n')
                .map_or(text.as_str(), |(_, b)| b)
                .to_string();
            (
                i as i64,
                triangulate_core::text::hash_parts(&[&triangulate_core::text::fold(&body)]),
                body,
            )
        })
        .collect();

    let mut best = f64::MAX;
    let mut found = triangulate_core::linking::Copies::default();
    for _ in 0..3 {
        let start = Instant::now();
        found = triangulate_core::linking::find_copies(&articles);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("truth.json")).expect("truth.json"),
    )
    .expect("json");
    let planted: HashSet<(String, String)> = truth["near_copy_pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            let (a, b) = (
                p[0].as_str().unwrap_or_default().to_string(),
                p[1].as_str().unwrap_or_default().to_string(),
            );
            (a.clone().min(b.clone()), a.max(b))
        })
        .collect();
    let reported: HashSet<(String, String)> = found
        .near_copies
        .iter()
        .map(|c| {
            let (a, b) = (rel(&paths[c.a as usize]), rel(&paths[c.b as usize]));
            (a.clone().min(b.clone()), a.max(b))
        })
        .collect();
    let hits = planted.intersection(&reported).count();
    println!("articles: {n}");
    println!(
        "triangulate near copies, best of 3: {best:.2} s ({:.0} articles/s)",
        n as f64 / best
    );
    println!(
        "  recall of planted pairs: {hits}/{} = {:.3}",
        planted.len(),
        hits as f64 / planted.len().max(1) as f64
    );
    println!(
        "  pairs reported that were not planted: {}",
        reported.difference(&planted).count()
    );

    let out = Command::new("python3")
        .arg(shared.join("datasketch_baseline.py"))
        .arg(&corpus)
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            println!("datasketch: {}", text.trim().replace('\n', " | "));
        }
        _ => println!("datasketch: not run (pip install datasketch)"),
    }
}
