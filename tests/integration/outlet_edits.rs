//! Correcting outlets and the ratings shown for them, on temporary sample libraries: renaming an
//! outlet (the old name stays an alias, a name another outlet holds is refused), deleting an
//! emptied outlet to the trash and restoring it, through the core and the command line; an
//! agreed grade recorded for each analyst in the disagreement, with their own rationales kept
//! beside it in a report; the agreement figure withheld until enough outlets have two grades.

use crate::common::{self, rate};

use triangulate_core::Library;
use triangulate_core::model::Id;
use triangulate_core::ratings::Grade;
use triangulate_core::ratings::disagreement::{NewResolution, Subject, SubjectKind};

fn outlet(library: &Library, name: &str) -> Id {
    library.outlet_id(name).unwrap().expect("the outlet")
}

fn summary(library: &Library, id: Id) -> triangulate_core::model::OutletSummary {
    library
        .outlet_list()
        .unwrap()
        .into_iter()
        .find(|o| o.id == id)
        .expect("the outlet is listed")
}

/// Moves every article of `from` to the outlet called `to`.
fn empty(library: &mut Library, from: &str, to: &str) {
    let ids: Vec<Id> = library
        .articles(&triangulate_core::library::ArticleQuery {
            outlet: Some(from.into()),
            limit: Some(1_000),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert!(!ids.is_empty());
    library.assign_outlet(&ids, to).unwrap();
}

#[test]
fn a_renamed_outlet_keeps_its_old_name_as_an_alias_and_the_rename_undoes() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let wire = outlet(&library, "Meridian Wire");
    let before = summary(&library, wire).article_count;
    let undo = library.rename_outlet(wire, "Meridian News Agency").unwrap();
    let renamed = summary(&library, wire);
    assert_eq!(renamed.name, "Meridian News Agency");
    assert!(renamed.aliases.contains(&"Meridian Wire".to_string()));
    assert_eq!(renamed.article_count, before, "its articles stay with it");
    assert_eq!(
        library.outlet_id("Meridian Wire").unwrap(),
        Some(wire),
        "the old name still finds it (imports, ratings files, the command line)"
    );
    library.undo(&undo).unwrap();
    let back = summary(&library, wire);
    assert_eq!(back.name, "Meridian Wire");
    assert!(!back.aliases.contains(&"Meridian Wire".to_string()));
    assert_eq!(library.outlet_id("Meridian News Agency").unwrap(), None);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn renaming_to_another_outlets_name_or_alias_is_refused_pointing_at_merge() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let wire = outlet(&library, "Meridian Wire");
    let blog = outlet(&library, "Red Dunes Blog");
    let err = library
        .rename_outlet(wire, "red dunes blog")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("another outlet") && err.contains("outlet merge"),
        "{err}"
    );
    library.rename_outlet(blog, "Red Dunes").unwrap();
    let err = library
        .rename_outlet(wire, "Red Dunes Blog")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("an alias of “Red Dunes”") && err.contains("merge"),
        "{err}"
    );
    assert_eq!(
        summary(&library, wire).name,
        "Meridian Wire",
        "nothing changed"
    );
    // One of its own aliases, or its own name in other letters, is a rename like any other.
    library.rename_outlet(blog, "Red Dunes Blog").unwrap();
    let blog_now = summary(&library, blog);
    assert_eq!(blog_now.name, "Red Dunes Blog");
    assert_eq!(blog_now.aliases, vec!["Red Dunes".to_string()]);
    library.rename_outlet(wire, "MERIDIAN WIRE").unwrap();
    assert!(summary(&library, wire).aliases.is_empty());
}

#[test]
fn an_outlet_with_articles_is_not_deleted_and_the_error_says_how_many_and_what_to_do() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let wire = outlet(&library, "Meridian Wire");
    let n = summary(&library, wire).article_count;
    let err = library.delete_outlet(wire, "ana").unwrap_err().to_string();
    assert!(err.contains(&format!("has {n} articles")), "{err}");
    assert!(
        err.contains("outlet assign") && err.contains("outlet merge"),
        "{err}"
    );
    assert_eq!(library.outlet_id("Meridian Wire").unwrap(), Some(wire));
}

#[test]
fn an_emptied_outlet_goes_to_the_trash_with_its_ratings_and_comes_back_whole() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(
        &mut library,
        "The Valley Courier",
        "ana",
        "C",
        "Local paper, few sources.",
    );
    let courier = outlet(&library, "The Valley Courier");
    library.rename_outlet(courier, "Valley Courier").unwrap();
    empty(&mut library, "Valley Courier", "Meridian Wire");
    assert_eq!(summary(&library, courier).article_count, 0);

    let undo = library.delete_outlet(courier, "ana").unwrap();
    assert_eq!(library.outlet_id("The Valley Courier").unwrap(), None);
    assert_eq!(library.outlet_id("Valley Courier").unwrap(), None);
    let trash = library.trash().unwrap();
    assert_eq!(trash[0].kind, "outlet");
    assert!(
        trash[0].label.contains("Valley Courier with its rating"),
        "{trash:?}"
    );
    assert!(library.check().unwrap().is_sound());

    let restored = library.restore_trash(undo.trash().unwrap()).unwrap();
    assert_eq!(restored.restored, 1, "{restored:?}");
    let back = summary(&library, courier);
    assert_eq!(back.name, "Valley Courier");
    assert_eq!(back.aliases, vec!["The Valley Courier".to_string()]);
    assert_eq!(back.ratings, vec![("ana".to_string(), "C".to_string())]);
    assert_eq!(
        library.rating_history(courier).unwrap()[0].rationale,
        "Local paper, few sources."
    );
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn the_command_line_renames_and_deletes_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("desk.sqlite");
    let sample = common::sample_dir();
    assert!(
        common::run(&lib, &["import", sample.to_str().unwrap()])
            .status
            .success()
    );

    let renamed = common::json(&common::run(
        &lib,
        &[
            "outlet",
            "rename",
            "The Valley Courier",
            "Valley Courier Daily",
            "--json",
        ],
    ));
    assert_eq!(renamed["name"], "Valley Courier Daily");
    assert_eq!(renamed["aliases"][0], "The Valley Courier");

    let taken = common::run(
        &lib,
        &["outlet", "rename", "Meridian Wire", "The Valley Courier"],
    );
    assert!(!taken.status.success());
    let err = String::from_utf8_lossy(&taken.stderr);
    assert!(err.contains("outlet merge"), "{err}");

    let full = common::run(&lib, &["outlet", "delete", "The Valley Courier"]);
    assert!(!full.status.success());
    let err = String::from_utf8_lossy(&full.stderr);
    assert!(
        err.contains("articles") && err.contains("outlet assign"),
        "{err}"
    );

    let articles = common::json(&common::run(
        &lib,
        &["articles", "--outlet", "The Valley Courier", "--json"],
    ));
    let ids: Vec<String> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].to_string())
        .collect();
    let mut assign = vec!["outlet", "assign", "Meridian Wire"];
    assign.extend(ids.iter().map(String::as_str));
    assert!(common::run(&lib, &assign).status.success());

    let entry = common::json(&common::run(
        &lib,
        &[
            "outlet",
            "delete",
            "The Valley Courier",
            "--analyst",
            "ana",
            "--json",
        ],
    ));
    assert_eq!(entry["kind"], "outlet");
    assert_eq!(entry["deleted_by"], "ana");
    let outlets = common::json(&common::run(&lib, &["outlets", "--json"]));
    assert!(
        outlets
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["name"] != "Valley Courier Daily")
    );
    let id = entry["id"].to_string();
    assert!(
        common::run(&lib, &["trash", "restore", &id])
            .status
            .success()
    );
    let outlets = common::json(&common::run(&lib, &["outlets", "--json"]));
    assert!(
        outlets
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["name"] == "Valley Courier Daily")
    );
}

#[test]
fn an_agreed_grade_becomes_each_analysts_rating_and_reports_keep_their_own_rationales() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(
        &mut library,
        "Meridian Wire",
        "ana",
        "B",
        "Names its sources.",
    );
    rate(
        &mut library,
        "Meridian Wire",
        "omar",
        "D",
        "Repeats ministry figures unchecked.",
    );
    let wire = outlet(&library, "Meridian Wire");
    let resolution = library
        .resolve_disagreement(&NewResolution {
            subject: Subject {
                kind: SubjectKind::Outlet,
                id: wire,
            },
            resolved_by: "lead".into(),
            note: "Checked five reports together.".into(),
            grade: Some("C".into()),
        })
        .unwrap();

    let current = summary(&library, wire).ratings;
    assert_eq!(
        current,
        vec![
            ("ana".to_string(), "C".to_string()),
            ("omar".to_string(), "C".to_string())
        ],
        "both analysts in the disagreement now hold the agreed grade, and the resolver rated nothing"
    );
    let history = library.rating_history(wire).unwrap();
    assert_eq!(
        history.len(),
        4,
        "both earlier ratings kept, one agreed rating each"
    );
    for analyst in ["ana", "omar"] {
        let latest = history.iter().rev().find(|r| r.analyst == analyst).unwrap();
        assert_eq!(latest.grade, Grade::C);
        assert!(
            latest
                .rationale
                .contains(&format!("Agreed in resolution {resolution}")),
            "{}",
            latest.rationale
        );
    }

    let agreed = library.agreed_grades(wire).unwrap();
    assert_eq!(agreed.len(), 2);
    assert_eq!(agreed[1].1.own_grade.as_deref(), Some("D"));

    // The report shows each analyst's own rationale beside the agreed grade.
    let article = common::article_id(&library, "Meridian Wire", "Shelling kills at least 19");
    let incident = common::make_incident(&mut library, "Shelling", "2025-03-14", &[article]);
    let comparison = triangulate_core::compare::compare_incident(&library, incident).unwrap();
    let doc = triangulate_core::report::report_document(
        &library,
        comparison,
        "tester",
        "2026-12-07T12:00:00Z",
    )
    .unwrap();
    let rationales: Vec<(&str, &str, &str)> = doc
        .ratings
        .iter()
        .map(|r| (r.analyst.as_str(), r.grade.as_str(), r.rationale.as_str()))
        .collect();
    assert_eq!(rationales.len(), 2, "{rationales:?}");
    let (_, grade, ana) = rationales[0];
    assert_eq!(grade, "C");
    assert!(ana.starts_with("Names its sources. (own grade B)"), "{ana}");
    assert!(
        ana.contains(&format!("Agreed in resolution {resolution}")),
        "{ana}"
    );
    let (_, _, omar) = rationales[1];
    assert!(
        omar.starts_with("Repeats ministry figures unchecked. (own grade D)"),
        "{omar}"
    );
    let markdown =
        triangulate_core::report::render(&doc, triangulate_core::report::Format::Markdown).unwrap();
    assert!(markdown.contains("Names its sources."), "{markdown}");
    assert!(markdown.contains("Repeats ministry figures unchecked."));
}

#[test]
fn agreement_is_withheld_until_three_outlets_have_two_analysts_grades() {
    let (_dir, _path, mut library, _) = common::sample_library();
    rate(&mut library, "Meridian Wire", "ana", "B", "");
    rate(&mut library, "Meridian Wire", "omar", "D", "");
    let one = library.rating_agreement_detail().unwrap();
    assert_eq!((one.alpha, one.outlets, one.needed()), (None, 1, 2));
    assert!(
        one.describe().contains("not enough ratings") && one.describe().contains("3 are needed"),
        "{}",
        one.describe()
    );
    for outlet in ["Red Dunes Blog", "Qadira Conflict Observatory"] {
        rate(&mut library, outlet, "ana", "E", "");
        rate(&mut library, outlet, "omar", "E", "");
    }
    let three = library.rating_agreement_detail().unwrap();
    assert_eq!(three.outlets, 3);
    assert!(three.alpha.is_some(), "{three:?}");
    assert!(three.describe().starts_with("α = "), "{}", three.describe());
}
