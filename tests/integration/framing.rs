//! Extraction quality: claims with numbers, attributions and actor names found in articles,
//! against hand-marked answers (`tests/fixtures/framing/annotations.json`). The articles are the
//! sample library's reports of three incidents and ten articles written for these tests
//! (`tests/fixtures/framing/articles/`); they were marked by hand before the extractor was run
//! on them. Prints precision and recall per category (`cargo test --test framing -- --nocapture`)
//! and holds each above a floor.

use crate::common;

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use triangulate_core::analysis::fold_word;

#[derive(Deserialize)]
struct Annotations {
    articles: Vec<Annotated>,
}

#[derive(Deserialize)]
struct Annotated {
    file: String,
    claims: Vec<GoldClaim>,
    attributions: Vec<GoldAttribution>,
    actor_names: Vec<GoldName>,
}

#[derive(Deserialize)]
struct GoldClaim {
    number: u64,
    what: String,
}

#[derive(Deserialize)]
struct GoldAttribution {
    source: String,
}

#[derive(Deserialize)]
struct GoldName {
    name: String,
    group: String,
    count: usize,
}

/// True positives, predictions, answers.
#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    hit: usize,
    predicted: usize,
    gold: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.hit += other.hit;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
    fn precision(&self) -> f64 {
        self.hit as f64 / self.predicted.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.hit as f64 / self.gold.max(1) as f64
    }
}

/// Multiset intersection size.
fn overlap<K: std::hash::Hash + Eq>(predicted: Vec<K>, gold: Vec<K>) -> Tally {
    let (p, g) = (predicted.len(), gold.len());
    let mut left: HashMap<K, usize> = HashMap::new();
    for k in gold {
        *left.entry(k).or_default() += 1;
    }
    let mut hit = 0;
    for k in predicted {
        if let Some(n) = left.get_mut(&k).filter(|n| **n > 0) {
            *n -= 1;
            hit += 1;
        }
    }
    Tally {
        hit,
        predicted: p,
        gold: g,
    }
}

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .filter(|w| !matches!(w.as_str(), "a" | "an" | "the" | "s"))
        .collect()
}

/// Sources match when one's words contain the other's ("military source" and "a Syrian military
/// source"); each answer is matched at most once.
fn source_overlap(predicted: &[String], gold: &[String]) -> Tally {
    let mut used = vec![false; gold.len()];
    let mut hit = 0;
    for p in predicted {
        let pw = words(p);
        let found = gold.iter().enumerate().position(|(i, g)| {
            let gw = words(g);
            !used[i]
                && !gw.is_empty()
                && !pw.is_empty()
                && (gw.iter().all(|w| pw.contains(w)) || pw.iter().all(|w| gw.contains(w)))
        });
        if let Some(i) = found {
            used[i] = true;
            hit += 1;
        }
    }
    Tally {
        hit,
        predicted: predicted.len(),
        gold: gold.len(),
    }
}

fn fixture_body(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("fixture article");
    let mut lines = text.lines();
    lines.next();
    lines.collect::<Vec<_>>().join("\n").trim().to_string()
}

#[test]
fn extraction_finds_hand_marked_claims_sources_and_names() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/framing/annotations.json"))
        .expect("annotations");
    let annotations: Annotations = serde_json::from_str(&text).expect("annotations parse");
    let (_dir, _path, library, _) = common::sample_library();
    let by_path = library.articles_by_path_suffix().expect("paths");
    let lexicon = library.lexicon().expect("lexicon");
    let gazetteer = library.gazetteer().expect("gazetteer");

    let (mut claims, mut sources, mut names) =
        (Tally::default(), Tally::default(), Tally::default());
    // The same three, for the sample's articles and for the articles written for these tests.
    let mut by_set: HashMap<&str, [Tally; 3]> = HashMap::new();
    let mut misses: Vec<String> = Vec::new();
    for a in &annotations.articles {
        let body = if a.file.starts_with("assets/sample/") {
            let suffix = a.file.trim_start_matches("assets/sample/");
            let id = by_path
                .iter()
                .find(|(p, _)| p.ends_with(suffix))
                .map(|(_, id)| *id)
                .unwrap_or_else(|| panic!("{} is in the sample", a.file));
            library.article(id).expect("read").expect("article").body
        } else {
            fixture_body(&root.join(&a.file))
        };
        let report = &common::report_alone(body, &lexicon, &gazetteer);

        let predicted: Vec<(u64, String)> = report
            .claims
            .iter()
            .map(|c| (c.number, c.kind.label().to_string()))
            .collect();
        let gold: Vec<(u64, String)> = a
            .claims
            .iter()
            .map(|c| (c.number, c.what.clone()))
            .collect();
        let t = overlap(predicted.clone(), gold.clone());
        if t.hit < t.gold.max(t.predicted) {
            misses.push(format!(
                "{}: claims found {predicted:?}\n   marked {gold:?}",
                a.file
            ));
        }
        claims.add(t);
        let set = if a.file.starts_with("assets/sample/") {
            "sample"
        } else {
            "fixtures"
        };
        by_set.entry(set).or_default()[0].add(t);

        let predicted: Vec<String> = report
            .attributions
            .iter()
            .map(|x| x.source.clone())
            .collect();
        let gold: Vec<String> = a.attributions.iter().map(|x| x.source.clone()).collect();
        let t = source_overlap(&predicted, &gold);
        if t.hit < t.gold.max(t.predicted) {
            misses.push(format!(
                "{}: sources found {predicted:?}\n   marked {gold:?}",
                a.file
            ));
        }
        sources.add(t);
        by_set.entry(set).or_default()[1].add(t);

        let predicted: Vec<(String, String)> = report
            .actor_names
            .iter()
            .flat_map(|n| std::iter::repeat_n((words(&n.name).join(" "), n.group.clone()), n.count))
            .collect();
        let gold: Vec<(String, String)> = a
            .actor_names
            .iter()
            .flat_map(|n| std::iter::repeat_n((words(&n.name).join(" "), n.group.clone()), n.count))
            .collect();
        let t = overlap(predicted.clone(), gold.clone());
        if t.hit < t.gold.max(t.predicted) {
            misses.push(format!(
                "{}: names found {predicted:?}\n   marked {gold:?}",
                a.file
            ));
        }
        names.add(t);
        by_set.entry(set).or_default()[2].add(t);
    }
    for m in &misses {
        println!("{m}");
    }
    println!(
        "{} articles\n{:<13}{:>10}{:>8}{:>8}{:>8}",
        annotations.articles.len(),
        "",
        "precision",
        "recall",
        "found",
        "marked"
    );
    for (label, t) in [
        ("claims", claims),
        ("attributions", sources),
        ("actor names", names),
    ] {
        println!(
            "{label:<13}{:>10.3}{:>8.3}{:>8}{:>8}",
            t.precision(),
            t.recall(),
            t.predicted,
            t.gold
        );
    }
    for (set, [c, s, n]) in &by_set {
        println!(
            "{set}: claims {:.3}/{:.3}, attributions {:.3}/{:.3}, actor names {:.3}/{:.3}",
            c.precision(),
            c.recall(),
            s.precision(),
            s.recall(),
            n.precision(),
            n.recall()
        );
    }
    for ((label, t), (p_floor, r_floor)) in [
        ("claims", claims),
        ("attributions", sources),
        ("actor names", names),
    ]
    .into_iter()
    .zip(FLOORS)
    {
        assert!(
            t.precision() >= p_floor && t.recall() >= r_floor,
            "{label}: precision {:.3}, recall {:.3} (floors {p_floor}, {r_floor})",
            t.precision(),
            t.recall()
        );
    }
}

/// (precision, recall) floors for claims, attributions and actor names: a little under what was
/// measured for the README, so that a change that makes extraction worse fails here. Actor-name
/// precision stands at 0.83: the analysis credits an army's demonym before a military word
/// ("Russian jets") and a bare "soldiers" or "troops" to the forces named nearby, which these
/// articles' marks, written before, do not count as names, where the marks in real articles
/// (`tests/fixtures/mentions/`) do. Precision on those real articles is measured there.
const FLOORS: [(f64, f64); 3] = [(0.84, 0.76), (0.9, 0.71), (0.83, 0.88)];
