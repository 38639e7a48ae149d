//! Matching a real ratings list to a library of real articles: Media Bias/Fact Check's list of
//! 1,066 outlets (`../shared/data/mbfc-outlets`, Baly et al. 2018) against a library of BASIL's
//! Fox News, New York Times and HuffPost articles and FA-KES's 15 outlets. Skipped when the data
//! is absent. `cargo test --test integration reference_real -- --nocapture` prints the table the
//! README gives.

use std::collections::BTreeMap;

use triangulate_core::jobs::Progress;
use triangulate_core::reference::{self, ImportOptions, Matching};

use crate::common;
use crate::real_data::data;

/// The list's rows whose outlets the library holds, found by hand (the list's domain, the
/// library outlet named so, how a reader would tell): the list does not rate the New York Times,
/// Reuters (its news.trust.org is the Thomson Reuters Foundation) or eleven of FA-KES's outlets.
const HELD: &[(&str, &[&str])] = &[
    ("foxnews.com", &["Fox News", "FOX"]),
    ("highline.huffingtonpost.com", &["HuffPost", "HPO"]),
    ("sputniknews.com", &["sputnik"]),
    ("dailysabah.com", &["dailysabah"]),
    ("alaraby.co.uk", &["alaraby"]),
    ("jordantimes.com", &["jordantimes"]),
];

#[test]
fn the_mbfc_list_finds_the_outlets_a_library_of_basil_and_fa_kes_holds_and_no_other() {
    let list = data().join("mbfc-outlets/corpus.tsv");
    if !list.exists()
        || !data().join("basil-2010-2014").exists()
        || !data().join("fa-kes-dev").exists()
    {
        eprintln!("skipped: ../shared/data is absent");
        return;
    }
    let (_dir, _path, mut library) = common::temp_library();
    for corpus in ["basil-2010-2014", "fa-kes-dev"] {
        triangulate_core::import::import_paths(
            &mut library,
            &[data().join(corpus)],
            &Default::default(),
            &Progress::new(),
        )
        .expect("the corpus imports");
    }
    let started = std::time::Instant::now();
    let imported = reference::import_file(
        &mut library,
        &list,
        &ImportOptions {
            name: "MBFC".into(),
            analyst: "tester".into(),
            ..ImportOptions::default()
        },
        &Progress::new(),
    )
    .expect("the list imports")
    .expect("not cancelled");
    let took = started.elapsed();
    assert_eq!(imported.rows, 1066, "skipped: {:?}", imported.skipped);

    let outlets = library.outlet_list().unwrap();
    let matching = Matching::read(&library).unwrap();
    let mut found: BTreeMap<String, (String, String)> = BTreeMap::new();
    for o in &outlets {
        for r in matching.by_outlet.get(&o.id).into_iter().flatten() {
            let rows: Vec<String> = r.entries.iter().map(|e| e.row.clone()).collect();
            found.insert(o.name.clone(), (rows.join(", "), r.matched_by.clone()));
        }
    }
    println!(
        "MBFC list: {} rows imported in {:.0} ms; {} library outlets, {} matched",
        imported.rows,
        took.as_secs_f64() * 1000.0,
        outlets.len(),
        found.len()
    );
    for (outlet, (row, how)) in &found {
        println!("  {outlet:<14} {row:<30} by {how}");
    }
    let mut rows_found = 0;
    for (row, names) in HELD {
        let hit = names
            .iter()
            .any(|n| found.get(*n).is_some_and(|(r, _)| r == row));
        rows_found += usize::from(hit);
        println!("  held: {row:<30} {}", if hit { "found" } else { "MISSED" });
    }
    println!(
        "rows held by the library: {}, found: {rows_found}",
        HELD.len()
    );
    let expected: Vec<&str> = HELD
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    let wrong: Vec<&String> = found
        .keys()
        .filter(|name| !expected.contains(&name.as_str()))
        .collect();
    assert!(
        wrong.is_empty(),
        "outlets matched to rows that are not theirs: {wrong:?}"
    );
    assert_eq!(rows_found, HELD.len(), "{found:?}");
}
