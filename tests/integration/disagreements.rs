//! The disagreement queue on a hand-built two-analyst library (the sample's outlets and articles,
//! graded by "ana" and "omar"): which outlets and articles are listed, how F and 6 are treated,
//! what a resolution does to the queue and to both histories, and how resolutions travel in
//! ratings files and through the command line.

use crate::common::{self, rate};

use triangulate_core::Library;
use triangulate_core::model::Id;
use triangulate_core::ratings::Grade;
use triangulate_core::ratings::disagreement::{
    Disagreement, NewResolution, Subject, SubjectKind, grade_steps,
};

fn outlet(library: &Library, name: &str) -> Subject {
    Subject {
        kind: SubjectKind::Outlet,
        id: library.outlet_id(name).unwrap().unwrap(),
    }
}

fn article(id: Id) -> Subject {
    Subject {
        kind: SubjectKind::Article,
        id,
    }
}

fn listed(library: &Library) -> Vec<(SubjectKind, String)> {
    library
        .disagreements()
        .unwrap()
        .into_iter()
        .map(|d| (d.subject.kind, d.title))
        .collect()
}

fn item(library: &Library, subject: Subject) -> Option<Disagreement> {
    library
        .disagreements()
        .unwrap()
        .into_iter()
        .find(|d| d.subject == subject)
}

fn resolve(library: &mut Library, subject: Subject, note: &str, grade: Option<&str>) -> Id {
    library
        .resolve_disagreement(&NewResolution {
            subject,
            resolved_by: "lead".into(),
            note: note.into(),
            grade: grade.map(str::to_string),
        })
        .unwrap()
}

/// Two articles of one sample outlet.
fn two_articles(report: &triangulate_core::import::ImportReport) -> (Id, Id) {
    let ids: Vec<Id> = report
        .articles
        .iter()
        .filter(|a| a.outlet == "Qadira National Broadcasting")
        .map(|a| a.id)
        .collect();
    (ids[0], ids[1])
}

#[test]
fn outlets_one_step_apart_are_not_listed_and_two_or_more_steps_apart_are() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(
        &mut library,
        "Meridian Wire",
        "ana",
        "A",
        "corrects promptly",
    );
    rate(&mut library, "Meridian Wire", "omar", "B", "mostly");
    rate(&mut library, "Red Dunes Blog", "ana", "C", "");
    rate(&mut library, "Red Dunes Blog", "omar", "E", "");
    rate(&mut library, "Qadira National Broadcasting", "ana", "B", "");
    rate(
        &mut library,
        "Qadira National Broadcasting",
        "omar",
        "E",
        "",
    );
    assert_eq!(
        listed(&library),
        [
            (SubjectKind::Outlet, "Qadira National Broadcasting".into()),
            (SubjectKind::Outlet, "Red Dunes Blog".into()),
        ],
        "three steps apart first, then two; one step apart is not listed"
    );
    let blog = item(&library, outlet(&library, "Red Dunes Blog")).unwrap();
    assert_eq!(blog.pairs.len(), 1);
    assert_eq!(blog.pairs[0].steps, 2);
}

#[test]
fn a_grade_of_f_is_no_opinion_and_never_a_disagreement() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "");
    rate(
        &mut library,
        "Meridian Wire",
        "omar",
        "F",
        "too new to judge",
    );
    rate(&mut library, "Red Dunes Blog", "ana", "F", "");
    rate(&mut library, "Red Dunes Blog", "omar", "F", "");
    assert!(listed(&library).is_empty());
    assert_eq!(grade_steps(Grade::A, Grade::F), None);
    // F and E are not "one step apart" either: an analyst who leaves F for E can disagree.
    rate(&mut library, "Meridian Wire", "omar", "E", "looked again");
    assert_eq!(
        listed(&library),
        [(SubjectKind::Outlet, "Meridian Wire".into())]
    );
}

#[test]
fn only_each_analysts_current_grade_counts() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "first look");
    rate(&mut library, "Meridian Wire", "omar", "D", "");
    assert_eq!(listed(&library).len(), 1);
    rate(
        &mut library,
        "Meridian Wire",
        "ana",
        "C",
        "after reading more",
    );
    assert!(
        listed(&library).is_empty(),
        "ana's earlier A no longer counts"
    );
}

#[test]
fn articles_whose_marks_are_two_apart_are_listed_and_six_is_no_opinion() {
    let (_dir, _path, mut library, report) = common::sample_library();
    let (first, second) = two_articles(&report);
    library
        .add_assessment(first, "ana", 2, "matches the monitor")
        .unwrap();
    library
        .add_assessment(first, "omar", 3, "one source")
        .unwrap();
    library.add_assessment(second, "ana", 1, "").unwrap();
    library.add_assessment(second, "omar", 6, "").unwrap();
    assert!(listed(&library).is_empty(), "one step, and 6 against 1");
    library
        .add_assessment(first, "omar", 4, "contradicted by two outlets")
        .unwrap();
    let queue = library.disagreements().unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].subject, article(first));
    assert_eq!(queue[0].outlet, "Qadira National Broadcasting");
    assert_eq!(queue[0].pairs[0].steps, 2);
}

#[test]
fn each_item_carries_both_analysts_grades_and_rationales() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(
        &mut library,
        "Meridian Wire",
        "ana",
        "A",
        "Names its sources; corrected the Qasr toll.",
    );
    rate(
        &mut library,
        "Meridian Wire",
        "omar",
        "D",
        "Repeats ministry figures unchecked.",
    );
    let d = item(&library, outlet(&library, "Meridian Wire")).unwrap();
    let pair = &d.pairs[0];
    assert_eq!(
        (pair.a.analyst.as_str(), pair.a.grade.as_str()),
        ("ana", "A")
    );
    assert_eq!(
        (pair.b.analyst.as_str(), pair.b.grade.as_str()),
        ("omar", "D")
    );
    assert_eq!(
        pair.a.rationale,
        "Names its sources; corrected the Qasr toll."
    );
    assert_eq!(pair.b.rationale, "Repeats ministry figures unchecked.");
    assert_eq!(pair.b.meaning, "not usually reliable");
    assert_eq!(pair.steps, 3);
}

#[test]
fn a_resolution_removes_the_item_and_keeps_both_histories() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "reliable");
    rate(&mut library, "Meridian Wire", "omar", "D", "not reliable");
    let wire = outlet(&library, "Meridian Wire");
    resolve(
        &mut library,
        wire,
        "Discussed: the grades stand, the difference is noted.",
        None,
    );
    assert!(item(&library, wire).is_none());
    let history = library.rating_history(wire.id).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|r| (r.analyst.as_str(), r.grade))
            .collect::<Vec<_>>(),
        [("ana", Grade::A), ("omar", Grade::D)],
        "no rating is added or changed without an agreed grade"
    );
    let resolutions = library.resolutions(wire).unwrap();
    assert_eq!(resolutions.len(), 1);
    assert_eq!(resolutions[0].resolved_by, "lead");
    assert_eq!(resolutions[0].grade, None);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn an_agreed_grade_is_a_new_rating_of_each_analyst_in_the_disagreement_naming_the_resolution() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "reliable");
    rate(&mut library, "Meridian Wire", "omar", "D", "not reliable");
    let wire = outlet(&library, "Meridian Wire");
    let n = resolve(&mut library, wire, "Met and agreed on B.", Some("b"));
    assert!(item(&library, wire).is_none());
    let history = library.rating_history(wire.id).unwrap();
    assert_eq!(
        history.len(),
        4,
        "both ratings kept, one added for each analyst"
    );
    for (agreed, analyst) in history[2..].iter().zip(["ana", "omar"]) {
        assert_eq!((agreed.analyst.as_str(), agreed.grade), (analyst, Grade::B));
        assert!(
            agreed.rationale.contains(&format!("resolution {n}"))
                && agreed.rationale.contains("Met and agreed on B."),
            "{}",
            agreed.rationale
        );
    }
    assert_eq!(
        library.resolutions(wire).unwrap()[0].grade.as_deref(),
        Some("B")
    );
    assert!(
        library
            .disagreements()
            .unwrap()
            .iter()
            .all(|d| d.subject != wire),
        "both analysts now hold the agreed grade"
    );
}

#[test]
fn a_later_rating_brings_the_item_back_when_the_analysts_are_still_apart() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "reliable");
    rate(&mut library, "Meridian Wire", "omar", "D", "not reliable");
    let wire = outlet(&library, "Meridian Wire");
    resolve(&mut library, wire, "Discussed.", None);
    rate(&mut library, "Meridian Wire", "omar", "C", "closer now");
    let back = item(&library, wire).expect("omar rated again and is still two steps away");
    assert_eq!(back.pairs[0].b.grade, "C");
    assert_eq!(
        back.last_resolution.map(|r| r.note).as_deref(),
        Some("Discussed.")
    );
    rate(&mut library, "Meridian Wire", "ana", "B", "");
    assert!(
        item(&library, wire).is_none(),
        "one step apart is not a disagreement"
    );
}

#[test]
fn an_articles_disagreement_is_resolved_and_comes_back_the_same_way() {
    let (_dir, _path, mut library, report) = common::sample_library();
    let (first, _) = two_articles(&report);
    library
        .add_assessment(first, "ana", 1, "confirmed")
        .unwrap();
    library
        .add_assessment(first, "omar", 5, "improbable")
        .unwrap();
    resolve(
        &mut library,
        article(first),
        "Agreed: possibly true.",
        Some("3"),
    );
    assert!(item(&library, article(first)).is_none());
    let marks = library.current_assessments(first).unwrap();
    assert_eq!(
        marks
            .iter()
            .map(|a| (a.analyst.as_str(), a.credibility))
            .collect::<Vec<_>>(),
        [("ana", 3), ("omar", 3)],
        "each analyst in the disagreement holds the agreed mark"
    );
    library.add_assessment(first, "ana", 1, "").unwrap();
    assert!(item(&library, article(first)).is_some());
}

#[test]
fn resolving_needs_a_note_a_name_a_valid_grade_and_an_open_disagreement() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "");
    rate(&mut library, "Meridian Wire", "omar", "D", "");
    rate(&mut library, "Red Dunes Blog", "ana", "D", "");
    let wire = outlet(&library, "Meridian Wire");
    let attempt = |library: &mut Library, subject, by: &str, note: &str, grade: Option<&str>| {
        library
            .resolve_disagreement(&NewResolution {
                subject,
                resolved_by: by.into(),
                note: note.into(),
                grade: grade.map(str::to_string),
            })
            .unwrap_err()
            .to_string()
    };
    assert!(attempt(&mut library, wire, "lead", " ", None).contains("note"));
    assert!(attempt(&mut library, wire, "", "ok", None).contains("analyst name"));
    assert!(attempt(&mut library, wire, "lead", "ok", Some("7")).contains("not a grade"));
    let blog = outlet(&library, "Red Dunes Blog");
    assert!(attempt(&mut library, blog, "lead", "ok", None).contains("no open disagreement"));
    let missing = Subject {
        kind: SubjectKind::Outlet,
        id: 999_999,
    };
    assert!(attempt(&mut library, missing, "lead", "ok", None).contains("no outlet"));
    assert!(library.resolutions(wire).unwrap().is_empty());
}

#[test]
fn resolutions_are_append_only() {
    let (_dir, path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "A", "");
    rate(&mut library, "Meridian Wire", "omar", "D", "");
    let wire = outlet(&library, "Meridian Wire");
    resolve(&mut library, wire, "Discussed.", None);
    drop(library);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute("UPDATE resolutions SET note = 'rewritten'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn merging_outlets_keeps_their_resolutions_and_undo_puts_them_back() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Red Dunes Blog", "ana", "A", "");
    rate(&mut library, "Red Dunes Blog", "omar", "E", "");
    let blog = outlet(&library, "Red Dunes Blog");
    resolve(&mut library, blog, "Discussed.", None);
    let wire = outlet(&library, "Meridian Wire");
    let undo = library.merge_outlets(wire.id, &[blog.id], "ana").unwrap();
    assert_eq!(library.resolutions(wire).unwrap().len(), 1);
    library.undo(&undo).unwrap();
    let blog = outlet(&library, "Red Dunes Blog");
    assert_eq!(library.resolutions(blog).unwrap().len(), 1);
    assert!(library.resolutions(wire).unwrap().is_empty());
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn resolutions_survive_a_ratings_export_and_reimport_into_another_library() {
    let (_dir_a, _path_a, mut mine, report) = common::sample_library();
    let (_dir_b, _path_b, mut theirs, _) = common::sample_library();
    rate(&mut mine, "Meridian Wire", "ana", "A", "reliable");
    rate(&mut mine, "Meridian Wire", "omar", "D", "not reliable");
    let (first, _) = two_articles(&report);
    mine.add_assessment(first, "ana", 1, "").unwrap();
    mine.add_assessment(first, "omar", 4, "").unwrap();
    let wire = outlet(&mine, "Meridian Wire");
    resolve(&mut mine, wire, "Agreed on C.", Some("C"));
    resolve(&mut mine, article(first), "Discussed.", None);
    let file = mine.export_ratings().unwrap();
    assert_eq!(file.version, triangulate_core::library::RATINGS_VERSION);
    assert_eq!(file.resolutions.len(), 2);
    let json = serde_json::to_string(&file).unwrap();
    let file: triangulate_core::library::RatingsFile = serde_json::from_str(&json).unwrap();

    assert!(theirs.disagreements().unwrap().is_empty());
    let first_import = theirs.import_ratings(&file).unwrap();
    assert_eq!(first_import.resolutions_added, 2);
    assert_eq!(first_import.ratings_added, 4);
    assert!(
        theirs.disagreements().unwrap().is_empty(),
        "the imported resolutions cover the imported disagreements"
    );
    let wire = outlet(&theirs, "Meridian Wire");
    assert_eq!(theirs.resolutions(wire).unwrap()[0].note, "Agreed on C.");
    assert_eq!(theirs.rating_history(wire.id).unwrap().len(), 4);

    let again = theirs.import_ratings(&file).unwrap();
    assert_eq!(
        (again.resolutions_added, again.ratings_added),
        (0, 0),
        "a re-import adds nothing"
    );
    assert_eq!(theirs.resolutions(wire).unwrap().len(), 1);
}

#[test]
fn the_command_line_lists_disagreements_and_records_a_resolution() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("desk.sqlite");
    let run = |args: &[&str]| {
        let out = Command::new(common::binary())
            .arg("--library")
            .arg(&lib)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let sample = common::sample_dir();
    assert!(run(&["import", sample.to_str().unwrap()]).0);
    for (who, grade, note) in [
        ("ana", "B", "names sources"),
        ("omar", "E", "copies state TV"),
    ] {
        let (ok, _, err) = run(&[
            "rate",
            "Red Dunes Blog",
            "--grade",
            grade,
            "--analyst",
            who,
            "--note",
            note,
        ]);
        assert!(ok, "{err}");
    }
    let (ok, out, _) = run(&["disagreements", "--json"]);
    assert!(ok);
    let queue: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["subject"]["kind"], "outlet");
    assert_eq!(queue[0]["title"], "Red Dunes Blog");
    assert_eq!(queue[0]["pairs"][0]["steps"], 3);
    assert_eq!(queue[0]["pairs"][0]["a"]["rationale"], "names sources");
    assert_eq!(queue[0]["pairs"][0]["b"]["rationale"], "copies state TV");

    let (ok, out, err) = run(&[
        "resolve",
        "outlet",
        "Red Dunes Blog",
        "--analyst",
        "lead",
        "--note",
        "Agreed on D after checking five posts.",
        "--grade",
        "D",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Resolution"), "{out}");
    let (_, out, _) = run(&["disagreements", "--json"]);
    assert_eq!(out.trim(), "[]");
    let (_, history, _) = run(&["ratings", "history", "Red Dunes Blog"]);
    assert_eq!(history.lines().count(), 4, "{history}");

    let (ok, _, err) = run(&[
        "resolve",
        "outlet",
        "Red Dunes Blog",
        "--analyst",
        "lead",
        "--note",
        "again",
    ]);
    assert!(!ok);
    assert!(err.contains("no open disagreement"), "{err}");
}
