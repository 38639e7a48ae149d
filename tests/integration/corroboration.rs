//! Corroboration, suggested, and facts missing from one report, on fixtures written for this
//! project (`tests/fixtures/corroboration/`: invented outlets reporting one invented convoy
//! ambush). A wire story and its copies count as one source; an independent outlet giving the
//! same figure confirms it; two outlets citing one monitor are not independent; the analysts'
//! marks are never changed by a suggestion; and each report lists what the others carry and it
//! does not. No linking run happens: copies are found from the bodies alone.

use crate::common;

use std::process::Command;

use common::{corroboration_library, outlet_article};
use triangulate_core::Library;
use triangulate_core::compare::Comparison;
use triangulate_core::compare::corroboration::{CONFIRMED, Corroboration};
use triangulate_core::compare::missing::FactCategory;
use triangulate_core::model::Id;

const WIRE: &str = "Saltmarsh Wire";
const EXACT_COPY: &str = "Harbour Gazette";
const NEAR_COPY: &str = "Dune Coast Times";
const INDEPENDENT: &str = "Lantern Daily";
const MONITOR_CITER: &str = "Orchard Post";
const SAME_MONITOR: &str = "Kestrel Radio";

/// An incident of the outlets' reports, and its comparison.
fn compare_outlets(library: &mut Library, outlets: &[&str]) -> (Id, Comparison) {
    let ids: Vec<Id> = outlets.iter().map(|o| outlet_article(library, o)).collect();
    let incident = common::make_incident(library, "Ambush on a grain convoy", "2025-11-04", &ids);
    let comparison = triangulate_core::compare::compare_incident(library, incident).unwrap();
    (incident, comparison)
}

fn of<'c>(comparison: &'c Comparison, outlet: &str) -> &'c Corroboration {
    comparison
        .corroboration
        .iter()
        .find(|c| c.outlet == outlet)
        .unwrap_or_else(|| panic!("no suggestion for {outlet}"))
}

#[test]
fn a_wire_story_and_two_copies_of_it_count_as_one_source() {
    let (_dir, _path, mut library) = corroboration_library();
    let (_, comparison) = compare_outlets(&mut library, &[WIRE, EXACT_COPY, NEAR_COPY]);
    assert_eq!(comparison.corroboration.len(), 3);
    for c in &comparison.corroboration {
        assert_eq!(c.suggested, None, "{}: {}", c.outlet, c.explanation);
    }
    let wire = of(&comparison, WIRE);
    let killed = &wire.figures[0];
    assert_eq!(killed.fact, "35 killed");
    assert_eq!(killed.sources.len(), 1, "one source: {killed:?}");
    assert_eq!(killed.not_counted.len(), 2, "{killed:?}");
    assert!(
        wire.explanation
            .contains("Harbour Gazette is an exact copy of Saltmarsh Wire and does not count"),
        "{}",
        wire.explanation
    );
    assert!(
        wire.explanation
            .contains("Dune Coast Times is a near copy of Saltmarsh Wire"),
        "{}",
        wire.explanation
    );
    assert!(
        of(&comparison, EXACT_COPY)
            .explanation
            .starts_with("no suggestion: 35 killed comes from one source only"),
        "{}",
        of(&comparison, EXACT_COPY).explanation
    );
}

#[test]
fn an_independent_outlet_with_the_same_figure_confirms_every_report_of_it() {
    let (_dir, _path, mut library) = corroboration_library();
    let (_, comparison) =
        compare_outlets(&mut library, &[WIRE, EXACT_COPY, NEAR_COPY, INDEPENDENT]);
    for c in &comparison.corroboration {
        assert_eq!(
            c.suggested,
            Some(CONFIRMED),
            "{}: {}",
            c.outlet,
            c.explanation
        );
    }
    let wire = &of(&comparison, WIRE).explanation;
    assert!(
        wire.starts_with(
            "confirmed: 35 killed, reported by Saltmarsh Wire and Lantern Daily independently"
        ),
        "{wire}"
    );
    assert!(
        wire.contains("Harbour Gazette is an exact copy of Saltmarsh Wire and does not count"),
        "{wire}"
    );
    // The copy is confirmed too, and told that it counts with its original.
    let copy = &of(&comparison, EXACT_COPY).explanation;
    assert!(
        copy.contains("this report is an exact copy of Saltmarsh Wire; they count as one source"),
        "{copy}"
    );
}

#[test]
fn two_outlets_citing_the_same_monitor_are_not_independent() {
    let (_dir, _path, mut library) = corroboration_library();
    let (_, comparison) = compare_outlets(&mut library, &[MONITOR_CITER, SAME_MONITOR]);
    for c in &comparison.corroboration {
        assert_eq!(c.suggested, None, "{}: {}", c.outlet, c.explanation);
    }
    let orchard = &of(&comparison, MONITOR_CITER).explanation;
    assert!(
        orchard.contains(
            "Kestrel Radio cites the same origin (Marsh Monitor for Human Rights) as Orchard Post"
        ),
        "{orchard}"
    );
}

#[test]
fn an_outlet_with_its_own_source_confirms_what_two_monitor_citers_report_once() {
    let (_dir, _path, mut library) = corroboration_library();
    let (_, comparison) =
        compare_outlets(&mut library, &[MONITOR_CITER, SAME_MONITOR, INDEPENDENT]);
    let lantern = of(&comparison, INDEPENDENT);
    assert_eq!(
        lantern.suggested,
        Some(CONFIRMED),
        "{}",
        lantern.explanation
    );
    let killed = &lantern.figures[0];
    assert_eq!(killed.sources.len(), 2, "{killed:?}");
    assert_eq!(killed.not_counted.len(), 1, "{killed:?}");
    assert!(
        lantern
            .explanation
            .contains("cites the same origin (Marsh Monitor for Human Rights) as"),
        "{}",
        lantern.explanation
    );
}

#[test]
fn a_human_assessment_is_never_changed_by_the_suggestion() {
    let (_dir, _path, mut library) = corroboration_library();
    let wire = outlet_article(&library, WIRE);
    library
        .add_assessment(wire, "ana", 4, "doubtful: one police officer")
        .unwrap();
    let (incident, comparison) = compare_outlets(&mut library, &[WIRE, INDEPENDENT]);
    let suggestion = of(&comparison, WIRE);
    assert_eq!(suggestion.suggested, Some(CONFIRMED));
    // The analyst's mark is carried beside the suggestion, as it was.
    assert_eq!(suggestion.assessments.len(), 1);
    assert_eq!(suggestion.assessments[0].analyst, "ana");
    assert_eq!(suggestion.assessments[0].credibility, 4);
    // Computing suggestions writes nothing.
    triangulate_core::compare::compare_incident(&library, incident).unwrap();
    assert_eq!(library.export_ratings().unwrap().assessments.len(), 1);
    let current = library.current_assessments(wire).unwrap();
    assert_eq!(
        (current[0].analyst.as_str(), current[0].credibility),
        ("ana", 4)
    );

    // Another analyst accepting it appends a mark of their own; ana's stays.
    library
        .add_assessment(wire, "ben", CONFIRMED, &suggestion.explanation)
        .unwrap();
    let after = triangulate_core::compare::compare_incident(&library, incident).unwrap();
    let marks: Vec<(String, u8)> = of(&after, WIRE)
        .assessments
        .iter()
        .map(|a| (a.analyst.clone(), a.credibility))
        .collect();
    assert_eq!(marks, [("ana".to_string(), 4), ("ben".to_string(), 1)]);
}

#[test]
fn each_report_lists_the_facts_the_others_carry_and_it_lacks() {
    let (_dir, _path, mut library) = corroboration_library();
    let (_, comparison) = compare_outlets(&mut library, &[WIRE, INDEPENDENT, MONITOR_CITER]);
    assert_eq!(comparison.missing_facts.len(), 3);
    let missing = |outlet: &str| {
        comparison
            .missing_facts
            .iter()
            .find(|m| m.outlet == outlet)
            .unwrap()
            .facts
            .iter()
            .map(|f| {
                let by: Vec<&str> = f.carried_by.iter().map(|s| s.outlet.as_str()).collect();
                (f.category, f.fact.clone(), by.join(", "))
            })
            .collect::<Vec<_>>()
    };
    let wire = missing(WIRE);
    assert!(
        wire.contains(&(
            FactCategory::Figure,
            "12 wounded".into(),
            INDEPENDENT.into()
        )),
        "{wire:?}"
    );
    assert!(
        wire.contains(&(
            FactCategory::Source,
            "Marsh Monitor for Human Rights".into(),
            MONITOR_CITER.into()
        )),
        "{wire:?}"
    );
    // The monitor's citer names neither the place nor the group the others name.
    let orchard = missing(MONITOR_CITER);
    assert!(
        orchard.contains(&(
            FactCategory::Place,
            "Hisn al-Qamar".into(),
            "Saltmarsh Wire, Lantern Daily".into()
        )),
        "{orchard:?}"
    );
    assert!(
        orchard.contains(&(
            FactCategory::Actor,
            "Crescent Front".into(),
            "Saltmarsh Wire, Lantern Daily".into()
        )),
        "{orchard:?}"
    );
    // What a report carries is never listed as missing from it.
    assert!(!orchard.iter().any(|(_, fact, _)| fact == "35 killed"));
    assert!(!wire.iter().any(|(_, fact, _)| fact == "Hisn al-Qamar"));
}

#[test]
fn compare_json_carries_the_suggestions_and_missing_facts_beside_the_old_keys() {
    let (dir, path, mut library) = corroboration_library();
    let (incident, _) = compare_outlets(&mut library, &[WIRE, INDEPENDENT]);
    drop(library);
    let out = Command::new(common::binary())
        .current_dir(dir.path())
        .args(["--library"])
        .arg(&path)
        .args(["compare", &incident.to_string(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "incident",
        "reports",
        "facts",
        "corroboration",
        "missing_facts",
    ] {
        assert!(json.get(key).is_some(), "no {key} in {json}");
    }
    assert_eq!(json["corroboration"][0]["suggested"], 1);
    assert!(json["corroboration"][0]["assessments"].is_array());
}

#[test]
fn the_corroboration_command_records_an_accepted_suggestion_and_refuses_a_missing_one() {
    let (dir, path, mut library) = corroboration_library();
    let (incident, _) = compare_outlets(&mut library, &[WIRE, EXACT_COPY]);
    let wire = outlet_article(&library, WIRE);
    library.add_assessment(wire, "ana", 3, "").unwrap();
    drop(library);
    let run = |args: &[&str]| {
        Command::new(common::binary())
            .current_dir(dir.path())
            .arg("--library")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    let incident = incident.to_string();
    let wire_id = wire.to_string();
    // A wire story and its copy only: no suggestion, so nothing to accept.
    let refused = run(&[
        "corroboration",
        &incident,
        "--accept",
        &wire_id,
        "--analyst",
        "ben",
    ]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("has no suggestion to accept"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );

    // With an independent report, the suggestion is recorded as ben's mark.
    let mut library = Library::open(&path).unwrap();
    let lantern = outlet_article(&library, INDEPENDENT);
    library
        .add_to_incident(incident.parse().unwrap(), &[lantern], "ana", "by hand")
        .unwrap();
    drop(library);
    let listed = run(&["corroboration", &incident, "--json"]);
    assert!(listed.status.success());
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let wire_entry = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["article_id"] == wire)
        .unwrap()
        .clone();
    assert_eq!(wire_entry["suggested"], 1);
    let accepted = run(&[
        "corroboration",
        &incident,
        "--accept",
        &wire_id,
        "--analyst",
        "ben",
    ]);
    assert!(
        accepted.status.success(),
        "{}",
        String::from_utf8_lossy(&accepted.stderr)
    );
    let library = Library::open(&path).unwrap();
    let marks: Vec<(String, u8, String)> = library
        .current_assessments(wire)
        .unwrap()
        .into_iter()
        .map(|a| (a.analyst, a.credibility, a.note))
        .collect();
    assert_eq!(marks[0].0, "ana");
    assert_eq!(marks[0].1, 3, "ana's mark stays");
    assert_eq!((marks[1].0.as_str(), marks[1].1), ("ben", 1));
    assert!(
        marks[1].2.contains("confirmed: 35 killed"),
        "{}",
        marks[1].2
    );
}
