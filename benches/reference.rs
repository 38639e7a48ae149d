//! `triangulate reference import`, as users run it: a reference list of 100,000 outlets read,
//! its columns recognised and stored in a library; then `triangulate outlets --json`, which
//! matches every outlet against the list. Each is timed as a whole process, start included, with
//! its peak memory (from `wait4`), on a copy of a library made from the sample. The list is
//! generated here (invented domains and names, the columns a rater publishes: address, domain,
//! the rater's page, factuality, bias); Media Bias/Fact Check's real list of 1,066 outlets
//! (`../shared/data/mbfc-outlets`) is timed too where it is present.
//!
//! `cargo bench --bench reference`; `TRIANGULATE_BENCH_ROWS=N` for another size.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod measure;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use measure::{Measured, peak_text, run_measured};

fn main() {
    let rows: usize = std::env::var("TRIANGULATE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/reference");
    std::fs::create_dir_all(&work).expect("target/bench-data/reference can be made");
    let list = work.join(format!("list-{rows}.tsv"));
    std::fs::write(&list, generated_list(rows)).expect("the list can be written");
    let base = work.join("sample.sqlite");
    if !base.exists() {
        let made = triangulate(&base).arg("sample").output();
        assert!(
            matches!(&made, Ok(o) if o.status.success()),
            "triangulate sample failed: {made:?}"
        );
    }
    let mbfc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/mbfc-outlets/corpus.tsv");
    let mut lists = vec![(format!("generated, {rows} rows"), list)];
    if mbfc.exists() {
        lists.push(("MBFC, 1,066 rows".to_string(), mbfc));
    }
    for (label, file) in lists {
        let library = work.join("copy.sqlite");
        let _ = std::fs::remove_file(&library);
        std::fs::copy(&base, &library).expect("the library can be copied");
        let import = run_measured(
            triangulate(&library)
                .args(["reference", "import"])
                .arg(&file)
                .args(["--name", "Bench", "--json"]),
        );
        report(&format!("reference import ({label})"), &import);
        let imported: serde_json::Value =
            serde_json::from_str(&import.stdout).expect("reference import --json prints JSON");
        println!(
            "  {} rows kept, {} skipped, {} outlets matched",
            imported["rows"],
            imported["skipped"].as_array().map_or(0, Vec::len),
            imported["matched_outlets"]
        );
        let outlets = run_measured(triangulate(&library).args(["outlets", "--json"]));
        report(&format!("outlets --json after it ({label})"), &outlets);
    }
}

fn triangulate(library: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_triangulate"));
    command.arg("--library").arg(library);
    command
}

fn report(what: &str, run: &Measured) {
    assert!(run.success, "{what} failed");
    println!("{what}: {:.2} s, {}", run.seconds, peak_text(run.peak_mb));
}

/// A list of `rows` invented outlets in the shape raters publish.
fn generated_list(rows: usize) -> String {
    const FACT: &[&str] = &["high", "mixed", "low", "very high", "mostly factual"];
    const BIAS: &[&str] = &["left", "left-center", "center", "right-center", "right"];
    let mut out = String::from("source_url\tdomain\tref\tfact\tbias\n");
    for i in 0..rows {
        let _ = writeln!(
            out,
            "https://www.outlet-{i:06}.example/\toutlet-{i:06}.example\thttps://rater.example/outlet-{i:06}/\t{}\t{}",
            FACT[i % FACT.len()],
            BIAS[(i / 7) % BIAS.len()]
        );
    }
    out
}
