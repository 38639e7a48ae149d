//! Rating axes of the analysts' own on temporary libraries: defined once, values checked and
//! kept with their history, the latest current, the outlets listed and filtered by them, and
//! their survival through a ratings export and re-import into a fresh library.

use crate::common;

use triangulate_core::Library;
use triangulate_core::ratings::axes::{AxisKind, NewAxis, matches};

fn define(library: &mut Library, name: &str, kind: AxisKind, choices: &[&str]) {
    library
        .add_axis(&NewAxis {
            name: name.into(),
            kind,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            created_by: "ana".into(),
        })
        .unwrap();
}

fn set(library: &mut Library, outlet: &str, analyst: &str, values: &[(&str, &str)]) -> usize {
    let id = library.outlet_id(outlet).unwrap().expect("a sample outlet");
    let values: Vec<(String, String)> = values
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    library.set_axis_values(id, analyst, &values).unwrap()
}

fn current(library: &Library, outlet: &str) -> Vec<(String, String)> {
    library
        .outlets()
        .unwrap()
        .into_iter()
        .find(|o| o.name == outlet)
        .unwrap()
        .axes
        .into_iter()
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A library with the sample and three axes: state-affiliated (yes/no), ownership (choice),
/// note (text).
fn library_with_axes() -> (tempfile::TempDir, std::path::PathBuf, Library) {
    let (dir, path, mut library, _) = common::sample_library();
    define(&mut library, "state-affiliated", AxisKind::YesNo, &[]);
    define(
        &mut library,
        "ownership",
        AxisKind::Choice,
        &["Qadira", "abroad", "unknown"],
    );
    define(&mut library, "funding note", AxisKind::Text, &[]);
    (dir, path, library)
}

#[test]
fn an_axis_is_defined_once_and_its_values_are_checked_against_its_kind() {
    let (_dir, _path, mut library) = library_with_axes();
    let names: Vec<String> = library
        .axes()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["funding note", "ownership", "state-affiliated"]);
    let again = library
        .add_axis(&NewAxis {
            name: "State-Affiliated".into(),
            kind: AxisKind::Text,
            choices: vec![],
            created_by: "omar".into(),
        })
        .unwrap_err();
    assert!(again.to_string().contains("already an axis"), "{again}");

    let qnb = library
        .outlet_id("Qadira National Broadcasting")
        .unwrap()
        .unwrap();
    let refuse = |library: &mut Library, axis: &str, value: &str| {
        library
            .set_axis_values(qnb, "ana", &[(axis.to_string(), value.to_string())])
            .unwrap_err()
            .to_string()
    };
    assert!(refuse(&mut library, "state-affiliated", "maybe").contains("yes, no"));
    assert!(refuse(&mut library, "ownership", "Mars").contains("Qadira, abroad, unknown"));
    assert!(refuse(&mut library, "party to the conflict", "yes").contains("no axis"));
    assert!(current(&library, "Qadira National Broadcasting").is_empty());
}

#[test]
fn axis_values_keep_their_history_by_analyst_and_the_latest_is_current() {
    let (_dir, _path, mut library) = library_with_axes();
    let outlet = "Qadira National Broadcasting";
    assert_eq!(
        set(
            &mut library,
            outlet,
            "ana",
            &[("state-affiliated", "Yes"), ("ownership", "qadira")]
        ),
        2
    );
    assert_eq!(
        current(&library, outlet),
        pairs(&[("ownership", "Qadira"), ("state-affiliated", "yes")]),
        "values are stored the axis's way"
    );
    assert_eq!(
        set(&mut library, outlet, "omar", &[("state-affiliated", "yes")]),
        0,
        "the current value is not recorded again"
    );
    set(&mut library, outlet, "omar", &[("ownership", "abroad")]);
    set(&mut library, outlet, "ana", &[("state-affiliated", "")]);
    assert_eq!(
        current(&library, outlet),
        pairs(&[("ownership", "abroad")]),
        "the latest value is current, and an empty one clears the axis"
    );
    let id = library.outlet_id(outlet).unwrap().unwrap();
    let history: Vec<(String, String, String)> = library
        .axis_history(id)
        .unwrap()
        .into_iter()
        .map(|v| (v.analyst, v.axis, v.value))
        .collect();
    assert_eq!(
        history,
        [
            ("ana", "state-affiliated", "yes"),
            ("ana", "ownership", "Qadira"),
            ("omar", "ownership", "abroad"),
            ("ana", "state-affiliated", ""),
        ]
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
}

#[test]
fn axis_values_are_append_only() {
    let (_dir, path, mut library) = library_with_axes();
    set(
        &mut library,
        "Meridian Wire",
        "ana",
        &[("state-affiliated", "no")],
    );
    drop(library);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute("UPDATE axis_values SET value = 'yes'", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn the_outlets_can_be_filtered_by_an_axis_value() {
    let (_dir, path, mut library) = library_with_axes();
    set(
        &mut library,
        "Qadira National Broadcasting",
        "ana",
        &[("state-affiliated", "yes")],
    );
    set(
        &mut library,
        "Meridian Wire",
        "ana",
        &[("state-affiliated", "no")],
    );
    let state: Vec<String> = library
        .outlets()
        .unwrap()
        .into_iter()
        .filter(|o| matches(&o.axes, "State-Affiliated", "YES"))
        .map(|o| o.name)
        .collect();
    assert_eq!(state, ["Qadira National Broadcasting"]);
    drop(library);

    let run = |args: &[&str]| {
        std::process::Command::new(common::binary())
            .arg("--library")
            .arg(&path)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["outlets", "--json", "--axis", "state-affiliated=yes"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "Qadira National Broadcasting");
    assert_eq!(listed[0]["axes"]["state-affiliated"], "yes");

    let all = run(&["outlets", "--json"]);
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    let wire = all
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Meridian Wire")
        .unwrap();
    assert_eq!(wire["axes"]["state-affiliated"], "no");

    let unknown = run(&["outlets", "--axis", "party=yes"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no axis called"));
}

#[test]
fn the_command_line_defines_lists_and_sets_axes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("desk.sqlite");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(common::binary())
            .arg("--library")
            .arg(&lib)
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
    run(&["import", common::sample_dir().to_str().unwrap()]);
    run(&["axis", "add", "party to the conflict", "--kind", "yes-no"]);
    run(&[
        "axis",
        "add",
        "ownership",
        "--kind",
        "choice",
        "--choices",
        "Qadira,abroad",
    ]);
    let axes: serde_json::Value = serde_json::from_str(&run(&["axes", "--json"])).unwrap();
    assert_eq!(axes[0]["name"], "ownership");
    assert_eq!(axes[0]["kind"], "choice");
    assert_eq!(axes[0]["choices"], serde_json::json!(["Qadira", "abroad"]));
    assert_eq!(axes[1]["kind"], "yes_no");
    run(&[
        "axis",
        "set",
        "Red Dunes Blog",
        "party to the conflict=yes",
        "ownership=abroad",
        "--analyst",
        "omar",
    ]);
    let listed: serde_json::Value = serde_json::from_str(&run(&[
        "outlets",
        "--json",
        "--axis",
        "party to the conflict=yes",
        "--axis",
        "ownership=abroad",
    ]))
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Red Dunes Blog");
}

#[test]
fn axes_and_their_values_survive_a_ratings_export_and_reimport_into_a_fresh_library() {
    let (_dir, _path, mut mine) = library_with_axes();
    set(
        &mut mine,
        "Qadira National Broadcasting",
        "ana",
        &[("state-affiliated", "yes"), ("ownership", "Qadira")],
    );
    set(
        &mut mine,
        "Qadira National Broadcasting",
        "omar",
        &[("funding note", "ministry budget line")],
    );
    let file = mine.export_ratings().unwrap();
    assert_eq!(file.version, triangulate_core::library::RATINGS_VERSION);
    assert_eq!((file.axes.len(), file.axis_values.len()), (3, 3));
    let json = serde_json::to_string_pretty(&file).unwrap();

    let (_fresh_dir, _fresh_path, mut fresh) = common::temp_library();
    let file: triangulate_core::library::RatingsFile = serde_json::from_str(&json).unwrap();
    let report = fresh.import_ratings(&file).unwrap();
    assert_eq!((report.axes_added, report.axis_values_added), (3, 3));
    assert_eq!(
        report.outlets_created,
        ["Qadira National Broadcasting"],
        "an outlet the fresh library lacked is created for its values"
    );
    let axes = fresh.axes().unwrap();
    let ownership = axes.iter().find(|a| a.name == "ownership").unwrap();
    assert_eq!(ownership.kind, AxisKind::Choice);
    assert_eq!(ownership.choices, ["Qadira", "abroad", "unknown"]);
    assert_eq!(
        current(&fresh, "Qadira National Broadcasting"),
        pairs(&[
            ("funding note", "ministry budget line"),
            ("ownership", "Qadira"),
            ("state-affiliated", "yes"),
        ])
    );
    let id = fresh
        .outlet_id("Qadira National Broadcasting")
        .unwrap()
        .unwrap();
    let history = fresh.axis_history(id).unwrap();
    assert_eq!(history.len(), 3);
    assert!(history.iter().any(|v| v.analyst == "omar"));

    let again = fresh.import_ratings(&file).unwrap();
    assert_eq!((again.axes_added, again.axis_values_added), (0, 0));
    assert_eq!(again.already_present, 3);
    assert_eq!(
        fresh.axis_history(id).unwrap().len(),
        3,
        "nothing added twice"
    );
    assert!(fresh.check().unwrap().is_sound());
}

#[test]
fn a_version_1_ratings_file_still_imports() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let file = r#"{
        "format": "triangulate-ratings",
        "version": 1,
        "ratings": [{
            "uid": "0123456789abcdef0123456789abcdef",
            "outlet": "Meridian Wire",
            "analyst": "ana",
            "grade": "B",
            "rationale": "from an older Triangulate",
            "created_at": "2024-05-01T10:00:00.000000Z",
            "criteria": [],
            "evidence": []
        }],
        "assessments": []
    }"#;
    let file: triangulate_core::library::RatingsFile = serde_json::from_str(file).unwrap();
    assert!(file.axes.is_empty() && file.resolutions.is_empty());
    let report = library.import_ratings(&file).unwrap();
    assert_eq!(report.ratings_added, 1);
    let mut newer = file.clone();
    newer.version = triangulate_core::library::RATINGS_VERSION + 1;
    assert!(library.import_ratings(&newer).is_err());
}

#[test]
fn merging_outlets_moves_their_axis_values_and_undo_moves_them_back() {
    let (_dir, _path, mut library) = library_with_axes();
    set(
        &mut library,
        "Red Dunes Blog",
        "ana",
        &[("ownership", "abroad")],
    );
    let blog = library.outlet_id("Red Dunes Blog").unwrap().unwrap();
    let wire = library.outlet_id("Meridian Wire").unwrap().unwrap();
    let undo = library.merge_outlets(wire, &[blog], "ana").unwrap();
    assert_eq!(
        current(&library, "Meridian Wire"),
        pairs(&[("ownership", "abroad")])
    );
    library.undo(&undo).unwrap();
    assert_eq!(
        current(&library, "Red Dunes Blog"),
        pairs(&[("ownership", "abroad")])
    );
    assert!(current(&library, "Meridian Wire").is_empty());
}
