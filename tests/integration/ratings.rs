//! Outlet ratings on a temporary library: append-only history, current and combined grades,
//! agreement, credibility marks, and ratings files that merge two analysts' work.

use crate::common;

use triangulate_core::Library;
use triangulate_core::ratings::{Answer, CriterionAnswer, Grade, NewRating};

fn rate(library: &mut Library, outlet: &str, analyst: &str, grade: Grade, rationale: &str) -> i64 {
    let outlet_id = library.outlet_id(outlet).unwrap().expect("a sample outlet");
    library
        .add_rating(&NewRating {
            outlet_id,
            analyst: analyst.into(),
            grade: Some(grade),
            rationale: rationale.into(),
            criteria: vec![CriterionAnswer {
                key: "names_sources".into(),
                value: Answer::Yes,
                note: "cites the ministry by name".into(),
            }],
            evidence: vec![],
        })
        .unwrap()
}

#[test]
fn ratings_are_appended_and_the_latest_per_analyst_is_current() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", Grade::B, "first look");
    rate(
        &mut library,
        "Meridian Wire",
        "ana",
        Grade::A,
        "after checking corrections",
    );
    rate(
        &mut library,
        "Meridian Wire",
        "omar",
        Grade::C,
        "relies on officials",
    );
    let id = library.outlet_id("Meridian Wire").unwrap().unwrap();
    let history = library.rating_history(id).unwrap();
    assert_eq!(
        history.iter().map(|r| r.grade).collect::<Vec<_>>(),
        [Grade::B, Grade::A, Grade::C]
    );
    assert_eq!(history[0].criteria[0].note, "cites the ministry by name");
    let wire = library
        .outlets()
        .unwrap()
        .into_iter()
        .find(|o| o.id == id)
        .unwrap();
    assert_eq!(
        wire.ratings,
        vec![("ana".into(), "A".into()), ("omar".into(), "C".into())]
    );
    assert_eq!(
        wire.combined_grade.as_deref(),
        Some("C"),
        "median of A and C is the worse middle"
    );
    assert_eq!(wire.spread, Some(2));
}

#[test]
fn a_rating_needs_a_grade_and_an_analyst() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let outlet_id = library.outlet_id("Meridian Wire").unwrap().unwrap();
    let no_grade = NewRating {
        outlet_id,
        analyst: "ana".into(),
        ..Default::default()
    };
    assert!(
        library
            .add_rating(&no_grade)
            .unwrap_err()
            .to_string()
            .contains("grade")
    );
    let no_analyst = NewRating {
        outlet_id,
        grade: Some(Grade::B),
        ..Default::default()
    };
    assert!(
        library
            .add_rating(&no_analyst)
            .unwrap_err()
            .to_string()
            .contains("analyst")
    );
}

#[test]
fn agreement_is_high_when_analysts_agree_and_low_when_they_do_not() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let outlets = [
        "Meridian Wire",
        "Qadira National Broadcasting",
        "Red Dunes Blog",
        "Qadira Conflict Observatory",
    ];
    let (ana, omar) = (
        [Grade::A, Grade::E, Grade::D, Grade::B],
        [Grade::A, Grade::E, Grade::D, Grade::B],
    );
    for (i, o) in outlets.iter().enumerate() {
        rate(&mut library, o, "ana", ana[i], "");
        rate(&mut library, o, "omar", omar[i], "");
    }
    assert_eq!(library.rating_agreement().unwrap(), Some(1.0));
    let flipped = [Grade::E, Grade::A, Grade::B, Grade::D];
    for (i, o) in outlets.iter().enumerate() {
        rate(&mut library, o, "omar", flipped[i], "changed my mind");
    }
    assert!(library.rating_agreement().unwrap().unwrap() < 0.0);
}

#[test]
fn credibility_marks_are_counted_per_outlet_with_the_latest_mark_per_analyst() {
    let (_dir, _path, mut library, report) = common::sample_library();
    let qnb: Vec<i64> = report
        .articles
        .iter()
        .filter(|a| a.outlet == "Qadira National Broadcasting")
        .map(|a| a.id)
        .collect();
    library
        .add_assessment(qnb[0], "ana", 5, "contradicted by two outlets")
        .unwrap();
    library
        .add_assessment(qnb[0], "ana", 4, "on reflection, doubtful")
        .unwrap();
    library.add_assessment(qnb[1], "ana", 5, "").unwrap();
    library.add_assessment(qnb[1], "omar", 6, "").unwrap();
    assert!(library.add_assessment(qnb[1], "omar", 7, "").is_err());
    let outlet = library
        .outlet_id("Qadira National Broadcasting")
        .unwrap()
        .unwrap();
    assert_eq!(
        library.credibility_distribution(outlet).unwrap(),
        [0, 0, 0, 1, 1, 1]
    );
    assert_eq!(
        library.current_assessments(qnb[0]).unwrap()[0].credibility,
        4
    );
}

#[test]
fn a_ratings_file_merges_another_analysts_history_and_a_reimport_adds_nothing() {
    let (_dir_a, _path_a, mut mine, report) = common::sample_library();
    let (_dir_b, _path_b, mut theirs, _) = common::sample_library();
    rate(&mut mine, "Meridian Wire", "ana", Grade::B, "mine");
    rate(
        &mut theirs,
        "Meridian Wire",
        "omar",
        Grade::D,
        "theirs, first",
    );
    let evidence = report
        .articles
        .iter()
        .find(|a| a.outlet == "Red Dunes Blog")
        .unwrap()
        .id;
    let blog = theirs.outlet_id("Red Dunes Blog").unwrap().unwrap();
    theirs
        .add_rating(&NewRating {
            outlet_id: blog,
            analyst: "omar".into(),
            grade: Some(Grade::E),
            evidence: vec![evidence],
            ..Default::default()
        })
        .unwrap();
    theirs.add_assessment(evidence, "omar", 5, "").unwrap();
    let file = theirs.export_ratings().unwrap();
    let json = serde_json::to_string(&file).unwrap();
    let file: triangulate_core::library::RatingsFile = serde_json::from_str(&json).unwrap();

    let first = mine.import_ratings(&file).unwrap();
    assert_eq!(
        (
            first.ratings_added,
            first.assessments_added,
            first.already_present
        ),
        (2, 1, 0)
    );
    assert_eq!(
        first.articles_missing, 0,
        "the same sample articles are found by content hash"
    );
    let wire = mine.outlet_id("Meridian Wire").unwrap().unwrap();
    let history = mine.rating_history(wire).unwrap();
    assert_eq!(history.len(), 2, "both analysts' ratings are kept");
    assert!(
        history
            .iter()
            .any(|r| r.analyst == "ana" && r.rationale == "mine")
    );
    let blog_history = mine
        .rating_history(mine.outlet_id("Red Dunes Blog").unwrap().unwrap())
        .unwrap();
    assert_eq!(blog_history[0].evidence.len(), 1);

    let again = mine.import_ratings(&file).unwrap();
    assert_eq!(
        (
            again.ratings_added,
            again.assessments_added,
            again.already_present
        ),
        (0, 0, 3)
    );
    assert!(mine.check().unwrap().is_sound());
}

#[test]
fn the_command_line_rates_and_moves_ratings_between_libraries() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    let run = |lib: &std::path::Path, args: &[&str]| {
        let out = Command::new(common::binary())
            .arg("--library")
            .arg(lib)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let sample = common::sample_dir();
    for lib in [&a, &b] {
        run(lib, &["import", sample.to_str().unwrap()]);
    }
    run(
        &a,
        &[
            "rate",
            "Meridian Wire",
            "--grade",
            "B",
            "--analyst",
            "ana",
            "--criterion",
            "corrects_errors=yes",
            "--note",
            "corrects promptly",
        ],
    );
    let outlets: serde_json::Value =
        serde_json::from_str(&run(&a, &["outlets", "--json"])).unwrap();
    let wire = outlets
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Meridian Wire")
        .unwrap();
    assert_eq!(wire["combined_grade"], "B");
    assert!(wire["signals"]["articles"].as_i64().unwrap() >= 5);

    let file = dir.path().join("ratings.json");
    run(&a, &["ratings", "export", file.to_str().unwrap()]);
    let imported: serde_json::Value = serde_json::from_str(&run(
        &b,
        &["ratings", "import", file.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(imported["ratings_added"], 1);
    let history = run(&b, &["ratings", "history", "Meridian Wire"]);
    assert!(
        history.contains("ana") && history.contains(" B "),
        "{history}"
    );

    let bad = Command::new(common::binary())
        .arg("--library")
        .arg(&a)
        .args([
            "rate",
            "Meridian Wire",
            "--grade",
            "B",
            "--analyst",
            "ana",
            "--criterion",
            "nonsense=yes",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown criterion"));
}

#[test]
fn a_criteria_file_beside_the_library_replaces_the_shipped_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("desk.sqlite");
    let (shipped, problem) = triangulate_core::ratings::criteria_for(&library);
    assert!(problem.is_none());
    assert!(shipped.iter().any(|c| c.key == "corrects_errors"));

    std::fs::write(
        dir.path().join("criteria.toml"),
        "[[criterion]]\nkey = \"state_affiliated\"\nlabel = \"State-affiliated\"\ngood = \"no\"\n",
    )
    .unwrap();
    let (custom, problem) = triangulate_core::ratings::criteria_for(&library);
    assert!(problem.is_none());
    assert_eq!(
        custom.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["state_affiliated"]
    );

    std::fs::write(dir.path().join("criteria.toml"), "[[criterion]]\nkey = 3\n").unwrap();
    let (fallback, problem) = triangulate_core::ratings::criteria_for(&library);
    assert_eq!(
        fallback, shipped,
        "a broken file falls back to the shipped checklist"
    );
    assert!(problem.unwrap().contains("criteria.toml"));
}
