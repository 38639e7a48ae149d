//! Copy detection on the sample library, checked against the copies its manifest lists: every
//! exact and near copy found, and no pair that is not one.

use crate::common;

use std::collections::{BTreeSet, HashMap};

#[test]
fn the_samples_exact_and_near_copies_are_found_with_no_false_pairs() {
    let (_dir, _path, mut library, report) = common::sample_library();
    let root = common::sample_dir().display().to_string();
    let path_of: HashMap<i64, String> = report
        .articles
        .iter()
        .map(|a| {
            (
                a.id,
                a.path
                    .trim_start_matches(&root)
                    .trim_start_matches(['/', '\\'])
                    .replace('\\', "/"),
            )
        })
        .collect();
    // The one copy detector, as the link command and the app run it.
    let found = triangulate_core::linking::link_library(
        &mut library,
        &triangulate_core::linking::LinkOptions::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .unwrap();
    let pair =
        |a: i64, b: i64| -> BTreeSet<String> { [path_of[&a].clone(), path_of[&b].clone()].into() };
    let exact: BTreeSet<BTreeSet<String>> = found
        .exact_copies
        .iter()
        .map(|[a, b]| pair(*a, *b))
        .collect();
    let near: BTreeSet<BTreeSet<String>> =
        found.near_copies.iter().map(|n| pair(n.a, n.b)).collect();

    let expected = common::expected();
    let want = |kind: &str| -> BTreeSet<BTreeSet<String>> {
        expected["copies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == kind)
            .map(|c| {
                [
                    c["original"].as_str().unwrap().to_string(),
                    c["copy"].as_str().unwrap().to_string(),
                ]
                .into()
            })
            .collect()
    };
    assert_eq!(exact, want("exact"), "exact copies");
    // A near copy of an article is also a near copy of that article's exact copies.
    let mut families = want("near");
    for e in want("exact") {
        let e: Vec<&String> = e.iter().collect();
        for n in want("near") {
            for (x, y) in [(e[0], e[1]), (e[1], e[0])] {
                if n.contains(x) {
                    let other = n.iter().find(|p| *p != x).unwrap().clone();
                    families.insert([y.clone(), other].into());
                }
            }
        }
    }
    assert!(
        want("near").is_subset(&near),
        "every listed near copy is found: {near:#?}"
    );
    assert!(
        near.is_subset(&families),
        "no pair outside the copy families: {near:#?}"
    );
    for n in &found.near_copies {
        assert!(n.similarity >= 0.5 && n.similarity < 1.0, "{n:?}");
    }
}
