//! Computing a comparison of 12 reports of about 2,000 words each: tokenizing, claims,
//! attributions, actor names, lexicon terms, places, dates, sentence alignment and the facts
//! table. The target is under 50 ms, so the Compare view opens without a spinner.
//!
//! The reports are generated here from invented sentences (numbers, sources, actor names, loaded
//! words), a third of them shared between reports as syndicated wire text would be. Prints the
//! median and the slowest of the runs.

use std::time::{Duration, Instant};

use triangulate_core::compare::{IncidentHeader, ReportInput, compare};

const REPORTS: usize = 12;
const WORDS: usize = 2_000;
const RUNS: usize = 30;

/// A small deterministic generator (xorshift), so every run measures the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() % list.len()]
    }
}

fn sentence(rng: &mut Rng) -> String {
    const SOURCES: &[&str] = &[
        "according to the Syrian Observatory for Human Rights",
        "a military source told QNB",
        "the Defence Ministry said",
        "local sources said",
        "activists reported",
        "witnesses told Meridian Wire",
    ];
    const ACTORS: &[&str] = &[
        "Crescent Front",
        "Hilalist terrorists",
        "government forces",
        "the Northern Shield Forces",
        "Islamic State",
        "Daesh",
        "militants",
        "the regime",
    ];
    const PLACES: &[&str] = &[
        "Qasr al-Nahr",
        "Kasr el-Nahr",
        "Deir ez-Zor",
        "Khan Zubayra",
        "Bir as-Sawda",
        "Hisn al-Qamar",
    ];
    const FILLER: &[&str] = &[
        "Shops along the main street were closed and families gathered outside the hospital",
        "The road to the provincial capital remained cut for most of the day",
        "Aid convoys waited at the checkpoint while officials discussed the route",
        "Residents described a night of heavy shelling and fires in several districts",
        "The brutal attack was condemned by the governor in a televised address",
        "Reportedly the strikes continued until the early hours of the morning",
    ];
    let n = rng.next() % 60 + 2;
    match rng.next() % 4 {
        0 => format!(
            "At least {n} people were killed and {} wounded when {} shelled {}, {}.",
            n * 2,
            rng.pick(ACTORS),
            rng.pick(PLACES),
            rng.pick(SOURCES)
        ),
        1 => format!(
            "{} destroyed {} vehicles near {} on 14 March 2025, {}.",
            rng.pick(ACTORS),
            n % 9 + 1,
            rng.pick(PLACES),
            rng.pick(SOURCES)
        ),
        _ => format!("{} near {}.", rng.pick(FILLER), rng.pick(PLACES)),
    }
}

fn reports() -> Vec<ReportInput> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let wire: Vec<String> = (0..60).map(|_| sentence(&mut rng)).collect();
    (0..REPORTS)
        .map(|r| {
            let mut body = String::new();
            let mut paragraph: usize = 0;
            while body.split_whitespace().count() < WORDS {
                let s = if rng.next().is_multiple_of(3) {
                    wire[rng.next() % wire.len()].clone()
                } else {
                    sentence(&mut rng)
                };
                body.push_str(&s);
                paragraph += 1;
                body.push_str(if paragraph.is_multiple_of(4) {
                    "\n\n"
                } else {
                    " "
                });
            }
            ReportInput {
                article_id: r as i64 + 1,
                outlet: format!("Outlet {r}"),
                grade: None,
                headline: format!("Report {r}"),
                published: Some("2025-03-14".into()),
                body,
                set_apart: Vec::new(),
            }
        })
        .collect()
}

fn main() {
    let inputs = reports();
    // The sentences name the sample's invented actors and places: read as a library made from
    // the sample reads them.
    let lexicon = triangulate_core::library::world::sample_lexicon();
    let gazetteer = triangulate_core::library::world::sample_gazetteer();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut claims = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let c = compare(IncidentHeader::default(), &inputs, &lexicon, &gazetteer);
        times.push(start.elapsed());
        claims = c.reports.iter().map(|r| r.claims.len()).sum::<usize>();
    }
    times.sort();
    // Where the time goes: each stage over all reports, once.
    let stage = |name: &str, f: &dyn Fn(&str, &[triangulate_core::analysis::Token])| {
        let toks: Vec<_> = inputs
            .iter()
            .map(|i| triangulate_core::analysis::tokens(&i.body))
            .collect();
        let start = Instant::now();
        for (i, t) in inputs.iter().zip(&toks) {
            f(&i.body, t);
        }
        println!("  {name}: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    };
    stage("tokens", &|b, _| {
        triangulate_core::analysis::tokens(b);
    });
    stage("claims", &|b, t| {
        triangulate_core::analysis::claims::claims(b, t);
    });
    stage("attributions", &|b, t| {
        triangulate_core::analysis::attributions::attributions(b, t, &lexicon);
    });
    stage("actors", &|b, t| {
        lexicon.find_actors(b, t);
    });
    stage("terms", &|b, t| {
        lexicon.find_terms(b, t);
    });
    stage("places", &|b, t| {
        gazetteer.find(b, t);
    });
    stage("dates", &|b, _| {
        triangulate_core::analysis::dates::dates_mentioned(b, Some(2025));
    });
    let words: usize = inputs
        .iter()
        .map(|i| i.body.split_whitespace().count())
        .sum();
    println!("reports: {REPORTS}, words: {words}, claims found: {claims}");
    println!(
        "compare: median {:.1} ms, slowest {:.1} ms over {RUNS} runs (target < 50 ms)",
        times[RUNS / 2].as_secs_f64() * 1e3,
        times[RUNS - 1].as_secs_f64() * 1e3
    );
}
