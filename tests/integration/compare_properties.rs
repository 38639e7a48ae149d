//! Properties of the comparison for any text: it never panics, and every span it reports (claims,
//! sources, names, terms, places, dates, passages, highlights) lies inside the report's body on
//! character boundaries, so the views and reports can cut the body at it.

use proptest::prelude::*;
use triangulate_core::analysis::{Gazetteer, Lexicon};
use triangulate_core::compare::{IncidentHeader, Report, ReportInput, compare};

fn input(id: i64, body: String) -> ReportInput {
    ReportInput {
        article_id: id,
        outlet: format!("Outlet {id}"),
        grade: None,
        headline: String::new(),
        published: Some("2025-03-14".into()),
        body,
        set_apart: Vec::new(),
    }
}

fn check_span(r: &Report, what: &str, start: usize, end: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        start <= end && end <= r.body.len(),
        "{what} {start}..{end} outside the body"
    );
    prop_assert!(
        r.body.is_char_boundary(start) && r.body.is_char_boundary(end),
        "{what} {start}..{end} cuts a character"
    );
    Ok(())
}

/// Words news prose is made of, with the ones the extractors look for, in any order.
fn prose() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("killed".to_string()),
        Just("at least".to_string()),
        Just("19".to_string()),
        Just("dozens".to_string()),
        Just("150-200".to_string()),
        Just("according to".to_string()),
        Just("said".to_string()),
        Just("he".to_string()),
        Just("the Observatory".to_string()),
        Just("(SOHR)".to_string()),
        Just("Daesh".to_string()),
        Just("Qasr al-Nahr".to_string()),
        Just("14 March 2025".to_string()),
        Just("- ".to_string()),
        Just(":\n".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("“".to_string()),
        Just("Дейр-эз-Зор".to_string()),
        Just("ранены".to_string()),
        "\\PC{1,12}",
    ];
    prop::collection::vec(word, 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_compares_without_panic_and_with_sound_spans(a in prose(), b in prose()) {
        let lexicon = Lexicon::built_in();
        let gazetteer = Gazetteer::built_in();
        let c = compare(
            IncidentHeader::default(),
            &[input(1, a), input(2, b)],
            &lexicon,
            &gazetteer,
        );
        for r in &c.reports {
            check_span(r, "lead", r.lead.0, r.lead.1)?;
            for x in &r.claims { check_span(r, "claim", x.start, x.end)?; }
            for x in &r.attributions { check_span(r, "attribution", x.start, x.end)?; }
            for x in &r.actor_mentions { check_span(r, "actor", x.start, x.end)?; }
            for x in r.loaded_terms.iter().chain(&r.hedges) { check_span(r, "term", x.start, x.end)?; }
            for x in &r.places { check_span(r, "place", x.start, x.end)?; }
            for x in &r.dates { check_span(r, "date", x.start, x.end)?; }
            for x in r.shared_passages.iter().chain(&r.unique_passages) {
                check_span(r, "passage", x.start, x.end)?;
            }
            let mut last_end = 0;
            for h in r.highlights() {
                check_span(r, "highlight", h.start, h.end)?;
                prop_assert!(h.start >= last_end, "highlights overlap");
                last_end = h.end;
            }
        }
    }
}
