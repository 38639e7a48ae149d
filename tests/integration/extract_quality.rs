//! A floor under article extraction from real saved pages: Mozilla Readability's 130 test pages
//! in `../shared/data/readability-test-pages`, scored with `cargo bench --bench extract`'s own
//! metric (the bench file is compiled in here, so the two cannot drift apart). Skipped when
//! `../shared/data` is not there.

#[allow(dead_code)]
#[path = "../../benches/extract.rs"]
mod bench;

/// Body F1 was 0.84 with the container guess alone and 0.961 with Readability's article read
/// by our rules (trafilatura 2.3: 0.933, readability-lxml: 0.966, on the same pages).
#[test]
fn the_body_of_real_saved_pages_scores_at_least_0_95_f1() {
    let pages = bench::pages_dir();
    if !pages.is_dir() {
        eprintln!("skipped: {} is not there", pages.display());
        return;
    }
    let (precision, recall, f1) = bench::triangulate_body_scores(&pages);
    println!("body: precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}");
    assert!(
        f1 >= 0.95,
        "body F1 {f1:.3} (precision {precision:.3}, recall {recall:.3}) fell below 0.95: \
         run `EXTRACT_PAGES=1 cargo bench --bench extract` to see which pages"
    );
}
