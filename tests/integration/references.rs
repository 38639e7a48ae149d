//! Reference lists through the command line, on temporary libraries: ratings lists published by
//! others imported from small invented CSV and TSV files (invented outlets, `.example` domains)
//! beside articles imported with an address and an outlet. Matching by the host of an outlet's
//! articles (a subdomain too), by name and alias, by hand; rows kept for outlets not yet in the
//! library; versions, the trash, the ratings file; a list never in the desk's combined grade,
//! spread or agreement unless an analyst adopts a row as their own rating; the filter "desk
//! grade and reference disagree"; bad input refused on stderr. And the real MBFC list of
//! `../shared/data`, when it is there.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::common;

/// A temporary folder with a library in it.
struct Desk {
    dir: tempfile::TempDir,
    library: PathBuf,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().expect("temp dir");
        let library = dir.path().join("desk.sqlite");
        Desk { dir, library }
    }

    /// Runs the binary on this library.
    fn run(&self, args: &[&str]) -> Output {
        common::run(&self.library, args)
    }

    /// Runs a command that must succeed; its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a command that must fail, printing nothing on stdout; its stderr.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(out.stdout.is_empty(), "errors go to stderr only");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !stderr.trim().is_empty(),
            "{args:?} fails without saying why"
        );
        stderr
    }

    /// Runs a `--json` command; its document.
    fn json(&self, args: &[&str]) -> Value {
        common::json(&self.run(args))
    }

    /// Writes a file in the desk's folder.
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("the file is written");
        path
    }

    /// Imports invented articles, each (outlet, address, headline), as a JSON-lines export.
    fn articles(&self, name: &str, articles: &[(&str, &str, &str)]) {
        let lines: Vec<String> = articles
            .iter()
            .map(|(outlet, url, title)| {
                serde_json::json!({
                    "title": title,
                    "text": format!(
                        "{title}. Officials in the town said on Monday that the work would take \
                         about two weeks, and residents were asked to use the old road in the \
                         meantime. The council will meet again on Friday to hear what the \
                         engineers found."
                    ),
                    "site": outlet,
                    "date": "2025-08-11",
                    "url": url,
                })
                .to_string()
            })
            .collect();
        let path = self.file(name, &(lines.join("\n") + "\n"));
        let imported = self.json(&["import", path_str(&path), "--json"]);
        assert_eq!(
            imported["imported"].as_u64(),
            Some(articles.len() as u64),
            "{imported}"
        );
    }

    /// Imports a list file; the `--json` answer.
    fn import_list(&self, path: &Path, name: &str, extra: &[&str]) -> Value {
        let mut args = vec![
            "reference",
            "import",
            path_str(path),
            "--name",
            name,
            "--json",
        ];
        args.extend_from_slice(extra);
        self.json(&args)
    }

    /// `outlets --json`, by outlet name.
    fn outlets(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["outlets", "--json"];
        args.extend_from_slice(extra);
        self.json(&args)
            .as_array()
            .expect("outlets --json is a list")
            .clone()
    }

    fn outlet(&self, name: &str) -> Value {
        self.outlets(&[])
            .into_iter()
            .find(|o| o["name"] == name)
            .unwrap_or_else(|| panic!("no outlet {name}"))
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

/// The reference of `list` on an outlet as `outlets --json` gives it.
fn reference<'a>(outlet: &'a Value, list: &str) -> Option<&'a Value> {
    outlet["references"]
        .as_array()
        .expect("references")
        .iter()
        .find(|r| r["list"] == list)
}

/// The published values of a reference's first row, in the file's order.
fn values(reference: &Value) -> Vec<String> {
    reference["entries"][0]["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|pair| pair[1].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Three invented outlets: one whose articles come from a subdomain, one from its own domain,
/// one whose articles give no address.
fn desk_with_outlets() -> Desk {
    let desk = Desk::new();
    desk.articles(
        "feed.jsonl",
        &[
            (
                "Wendle Courier",
                "https://news.wendle-courier.example/harbour-bridge-closed",
                "Harbour bridge closed for repairs",
            ),
            (
                "Oxley Farmer",
                "https://www.oxleyfarmer.example/grain-prices",
                "Grain prices rise after a poor harvest",
            ),
            (
                "Harbour Ledger",
                "",
                "Ferry timetable changes for the winter",
            ),
        ],
    );
    desk
}

/// An invented list in MBFC's layout (tab-separated): address, domain, the rater's page, fact,
/// bias.
const TSV_LIST: &str = "source_url\tsource_url_normalized\tref\tfact\tbias\n\
    https://www.wendle-courier.example/\twendle-courier.example\thttps://rater.example/wendle/\thigh\tleft-center\n\
    http://oxleyfarmer.example/\toxleyfarmer.example\thttps://rater.example/oxley/\tmixed\tright\n\
    https://lost-gazette.example/\tlost-gazette.example\thttps://rater.example/lost/\tlow\tright\n\
    http://farm-weekly.example/\tfarm-weekly.example\thttps://rater.example/farm-weekly/\tlow\tcenter\n";

/// An invented list naming outlets (comma-separated): a name, no domain, a reliability and a
/// leaning.
const CSV_LIST: &str = "Outlet,Reliability,Leaning\n\
    The Harbour Ledger,generally reliable,centre\n\
    Gull Island Times,unreliable,right\n";

#[test]
fn a_list_matches_outlets_by_the_host_of_their_articles_a_subdomain_and_by_name_and_alias() {
    let desk = desk_with_outlets();
    // The Harbour Ledger's new name leaves its old one an alias, which the list uses.
    desk.ok(&[
        "outlet",
        "rename",
        "Harbour Ledger",
        "Ledger of the Harbour",
    ]);
    let tsv = desk.file("rater.tsv", TSV_LIST);
    let imported = desk.import_list(&tsv, "Rater", &["--date", "2025-03-01"]);
    assert_eq!(imported["rows"], 4);
    assert_eq!(imported["version"], "2025-03-01");
    assert_eq!(imported["matched_by_domain"], 2, "{imported}");
    assert_eq!(imported["unmatched_rows"], 2, "{imported}");
    let csv = desk.file("names.csv", CSV_LIST);
    let imported = desk.import_list(&csv, "Names", &[]);
    assert_eq!(imported["matched_by_name"], 1, "{imported}");
    assert_eq!(imported["matched_by_domain"], 0, "{imported}");

    let wendle = desk.outlet("Wendle Courier");
    let rater = reference(&wendle, "Rater")
        .expect("news.wendle-courier.example is the list's wendle-courier.example");
    assert_eq!(rater["matched_by"], "domain");
    assert_eq!(rater["version"], "2025-03-01");
    assert_eq!(values(rater), ["high", "left-center"]);
    assert_eq!(rater["entries"][0]["link"], "https://rater.example/wendle/");

    let oxley = desk.outlet("Oxley Farmer");
    let rater = reference(&oxley, "Rater").expect("www.oxleyfarmer.example is oxleyfarmer.example");
    assert_eq!(rater["matched_by"], "domain");
    assert_eq!(values(rater), ["mixed", "right"]);
    assert!(
        reference(&oxley, "Names").is_none(),
        "no name of the list is Oxley Farmer's"
    );

    let ledger = desk.outlet("Ledger of the Harbour");
    let names = reference(&ledger, "Names").expect("\"The Harbour Ledger\" is the outlet's alias");
    assert_eq!(names["matched_by"], "name");
    assert_eq!(values(names), ["generally reliable", "centre"]);
    assert!(reference(&ledger, "Rater").is_none());

    // The text listing shows each list's values beside the grades, with how they were found.
    let text = desk.ok(&["outlets"]);
    assert!(
        text.contains("Rater: high · left-center (domain)"),
        "{text}"
    );
    assert!(
        text.contains("Names: generally reliable · centre (name)"),
        "{text}"
    );
}

#[test]
fn the_import_says_what_it_read_what_it_skipped_and_what_it_matched() {
    let desk = desk_with_outlets();
    let list = desk.file(
        "rater.tsv",
        &format!("{TSV_LIST}\t\thttps://rater.example/nobody/\thigh\tleft\n"),
    );
    let out = desk.run(&[
        "reference",
        "import",
        path_str(&list),
        "--name",
        "Rater",
        "--analyst",
        "Ines",
    ]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "no progress lines when stderr is not a terminal: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Imported reference list Rater",
        "4 rows.",
        "source_url_normalized  domain",
        "ref                    link",
        "fact                   reliability",
        "bias                   rating",
        "source_url             ignore",
        "Skipped 1 row:",
        "line 6: no outlet name or domain",
        "Matches 2 outlets of the library: 2 by domain, 0 by name.",
        "No outlet of the library matches 2 rows yet",
        "reference show Rater --unmatched",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let listed = desk.ok(&["reference", "list"]);
    assert!(listed.contains("Rater  (matches 2 outlets)"), "{listed}");
    assert!(listed.contains("current  imported by Ines"), "{listed}");
}

#[test]
fn rows_no_outlet_matches_are_kept_and_found_by_a_later_import_of_their_articles() {
    let desk = desk_with_outlets();
    let tsv = desk.file("rater.tsv", TSV_LIST);
    desk.import_list(&tsv, "Rater", &[]);
    let unmatched = desk.json(&["reference", "show", "Rater", "--unmatched", "--json"]);
    let domains: Vec<&str> = unmatched["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["domain"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["lost-gazette.example", "farm-weekly.example"]);
    let text = desk.ok(&["reference", "show", "Rater", "--unmatched"]);
    assert!(
        text.contains("line      4  lost-gazette.example  low · right"),
        "{text}"
    );

    desk.articles(
        "later.jsonl",
        &[(
            "Lost Gazette",
            "https://lost-gazette.example/2025/08/quarry-reopens",
            "Quarry reopens after a year",
        )],
    );
    let gazette = desk.outlet("Lost Gazette");
    let rater = reference(&gazette, "Rater").expect("the new outlet's articles match the kept row");
    assert_eq!(rater["matched_by"], "domain");
    assert_eq!(values(rater), ["low", "right"]);
    let unmatched = desk.json(&["reference", "show", "Rater", "--unmatched", "--json"]);
    assert_eq!(unmatched["unmatched"].as_array().unwrap().len(), 1);
    let matched = desk.json(&["reference", "show", "Rater", "--json"]);
    let outlets: Vec<&str> = matched["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["outlet"].as_str().unwrap())
        .collect();
    assert_eq!(outlets, ["Lost Gazette", "Oxley Farmer", "Wendle Courier"]);
    assert_eq!(matched["matched"][0]["rows"][0]["line"], 4);
}

#[test]
fn a_row_matched_by_hand_wins_and_a_row_set_aside_is_no_outlet() {
    let desk = desk_with_outlets();
    let tsv = desk.file("rater.tsv", TSV_LIST);
    desk.import_list(&tsv, "Rater", &[]);
    // farm-weekly.example (line 5) is, the analyst knows, the Harbour Ledger's farming site.
    let said = desk.ok(&[
        "reference",
        "match",
        "Rater",
        "5",
        "Harbour Ledger",
        "--analyst",
        "Ines",
    ]);
    assert!(said.contains("matched by Ines to Harbour Ledger"), "{said}");
    let ledger = desk.outlet("Harbour Ledger");
    let rater = reference(&ledger, "Rater").expect("the hand match");
    assert_eq!(rater["matched_by"], "analyst");
    assert_eq!(values(rater), ["low", "center"]);

    // The analyst says the row the domain matched (line 2) is not the Wendle Courier.
    desk.ok(&["reference", "match", "Rater", "2", "--none"]);
    assert!(
        reference(&desk.outlet("Wendle Courier"), "Rater").is_none(),
        "a row set aside matches no outlet"
    );
    let shown = desk.json(&["reference", "show", "Rater", "--unmatched", "--json"]);
    assert_eq!(shown["set_aside"], 1);
    let lines: Vec<i64> = shown["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_i64().unwrap())
        .collect();
    assert_eq!(
        lines,
        [4],
        "set aside and hand-matched rows are not unmatched"
    );

    // Taking the hand matches off gives the rows back to matching.
    desk.ok(&["reference", "match", "Rater", "2", "--clear"]);
    desk.ok(&["reference", "match", "Rater", "5", "--clear"]);
    assert_eq!(
        reference(&desk.outlet("Wendle Courier"), "Rater").unwrap()["matched_by"],
        "domain"
    );
    assert!(reference(&desk.outlet("Harbour Ledger"), "Rater").is_none());

    let missing = desk.fails(&["reference", "match", "Rater", "40", "Harbour Ledger"]);
    assert!(missing.contains("no row at line 40"), "{missing}");
    let no_outlet = desk.fails(&["reference", "match", "Rater", "5", "Nobody Weekly"]);
    assert!(no_outlet.contains("no outlet called"), "{no_outlet}");
}

#[test]
fn a_newer_version_is_added_beside_the_old_and_the_same_file_twice_is_refused() {
    let desk = desk_with_outlets();
    let first = desk.file("rater-2024.tsv", TSV_LIST);
    desk.import_list(&first, "Rater", &["--date", "2024-05-01"]);
    let again = desk.fails(&["reference", "import", path_str(&first), "--name", "Rater"]);
    assert!(again.contains("already in the library"), "{again}");

    let newer = desk.file(
        "rater-2025.tsv",
        &TSV_LIST.replace("high\tleft-center", "mixed\tleft-center"),
    );
    let imported = desk.import_list(&newer, "Rater", &["--date", "2025-05-01"]);
    assert_eq!(imported["earlier_versions"], 1);

    let lists = desk.json(&["reference", "list", "--json"]);
    let lists = lists.as_array().unwrap();
    assert_eq!(lists.len(), 1, "one list, two versions: {lists:?}");
    let versions = lists[0]["versions"].as_array().unwrap();
    let dated: Vec<(&str, bool, &str)> = versions
        .iter()
        .map(|v| {
            (
                v["published"].as_str().unwrap(),
                v["current"].as_bool().unwrap(),
                v["file"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dated,
        [
            ("2024-05-01", false, "rater-2024.tsv"),
            ("2025-05-01", true, "rater-2025.tsv")
        ]
    );
    assert_eq!(lists[0]["matched_outlets"], 2);
    let rater = desk.outlet("Wendle Courier");
    let rater = reference(&rater, "Rater").unwrap();
    assert_eq!(
        rater["version"], "2025-05-01",
        "the current version is shown"
    );
    assert_eq!(values(rater), ["mixed", "left-center"]);
    let text = desk.ok(&["reference", "list"]);
    assert!(text.contains("older"), "{text}");
}

#[test]
fn a_deleted_list_goes_to_the_trash_and_trash_restore_brings_it_back() {
    let desk = desk_with_outlets();
    let tsv = desk.file("rater.tsv", TSV_LIST);
    desk.import_list(&tsv, "Rater", &[]);
    desk.ok(&["reference", "match", "Rater", "5", "Harbour Ledger"]);
    let said = desk.ok(&["reference", "delete", "Rater", "--analyst", "Ines"]);
    assert!(said.contains("delete reference list Rater"), "{said}");
    let entry = desk.json(&["trash", "--json"])[0].clone();
    assert_eq!(entry["kind"], "reference");
    assert_eq!(entry["deleted_by"], "Ines");
    let id = entry["id"].to_string();
    assert!(
        said.contains(&format!("triangulate trash restore {id}")),
        "{said}"
    );
    assert_eq!(
        desk.json(&["reference", "list", "--json"]),
        serde_json::json!([])
    );
    assert!(reference(&desk.outlet("Wendle Courier"), "Rater").is_none());

    desk.ok(&["trash", "restore", &id]);
    let lists = desk.json(&["reference", "list", "--json"]);
    assert_eq!(lists[0]["versions"][0]["entries"], 4);
    assert_eq!(
        reference(&desk.outlet("Wendle Courier"), "Rater").unwrap()["matched_by"],
        "domain"
    );
    assert_eq!(
        reference(&desk.outlet("Harbour Ledger"), "Rater").unwrap()["matched_by"],
        "analyst",
        "the hand match comes back with the list"
    );
    let unknown = desk.fails(&["reference", "delete", "Nobody's List"]);
    assert!(unknown.contains("no reference list"), "{unknown}");
}

/// The desk's own judgement as `outlets` gives it: each outlet's grades, combined grade and
/// spread, and the agreement line.
fn desk_judgement(desk: &Desk) -> (Vec<(Value, Value, Value, Value)>, String) {
    let outlets = desk
        .outlets(&[])
        .into_iter()
        .map(|o| {
            (
                o["name"].clone(),
                o["ratings"].clone(),
                o["combined_grade"].clone(),
                o["spread"].clone(),
            )
        })
        .collect();
    let text = desk.ok(&["outlets"]);
    let agreement = text
        .lines()
        .find(|l| l.starts_with("Agreement between analysts"))
        .expect("the agreement line")
        .to_string();
    (outlets, agreement)
}

#[test]
fn a_list_never_changes_the_combined_grade_the_spread_agreement_or_the_disagreement_queue() {
    let desk = desk_with_outlets();
    for (outlet, analyst, grade) in [
        ("Wendle Courier", "Ines", "B"),
        ("Wendle Courier", "Tomas", "D"),
        ("Oxley Farmer", "Ines", "A"),
        ("Oxley Farmer", "Tomas", "B"),
        ("Harbour Ledger", "Ines", "C"),
        ("Harbour Ledger", "Tomas", "C"),
    ] {
        desk.ok(&["rate", outlet, "--grade", grade, "--analyst", analyst]);
    }
    let before = desk_judgement(&desk);
    let queue_before = desk.json(&["disagreements", "--json"]);
    // The list says the opposite of the desk everywhere.
    let list = desk.file(
        "contrary.csv",
        "domain,name,trust\n\
         wendle-courier.example,,very low\n\
         oxleyfarmer.example,,very low\n\
         ,Harbour Ledger,very high\n",
    );
    let imported = desk.import_list(&list, "Contrary", &[]);
    assert_eq!(imported["matched_outlets"], 3, "{imported}");
    let after = desk_judgement(&desk);
    assert_eq!(before, after);
    assert_eq!(queue_before, desk.json(&["disagreements", "--json"]));
    assert!(
        desk.outlets(&[])
            .iter()
            .all(|o| reference(o, "Contrary").is_some()),
        "the list is shown, beside the grades"
    );
}

#[test]
fn adopting_a_row_records_the_analysts_own_rating_with_the_list_as_its_evidence() {
    let desk = desk_with_outlets();
    let tsv = desk.file("rater.tsv", TSV_LIST);
    desk.import_list(&tsv, "Rater", &["--date", "2025-03-01"]);
    let said = desk.ok(&[
        "reference",
        "adopt",
        "Wendle Courier",
        "--list",
        "Rater",
        "--grade",
        "B",
        "--analyst",
        "Ines",
        "--note",
        "Agrees with our reading of its corrections.",
    ]);
    assert!(said.contains("rated B"), "{said}");
    assert!(
        said.contains("Rater (2025-03-01): wendle-courier.example"),
        "{said}"
    );
    let wendle = desk.outlet("Wendle Courier");
    assert_eq!(wendle["ratings"], serde_json::json!([["Ines", "B"]]));
    assert_eq!(wendle["combined_grade"], "B", "adopted, it is Ines's grade");

    let history = desk.ok(&["ratings", "history", "Wendle Courier"]);
    assert!(
        history.contains("adopted from Rater (2025-03-01): wendle-courier.example"),
        "{history}"
    );
    let file = desk.dir.path().join("ratings.json");
    desk.ok(&["ratings", "export", path_str(&file)]);
    let exported: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let rating = &exported["ratings"][0];
    assert_eq!(rating["analyst"], "Ines");
    assert_eq!(
        rating["rationale"],
        "Agrees with our reading of its corrections."
    );
    assert_eq!(rating["reference"]["list"], "Rater");
    assert_eq!(rating["reference"]["version"], "2025-03-01");
    assert_eq!(
        rating["reference"]["ratings"][0],
        serde_json::json!(["fact", "high"]),
        "the list's values, in its file's order"
    );

    // No row of the list is the Harbour Ledger's: say so, and let --line pick one.
    let none = desk.fails(&[
        "reference",
        "adopt",
        "Harbour Ledger",
        "--list",
        "Rater",
        "--grade",
        "D",
        "--analyst",
        "Ines",
    ]);
    assert!(none.contains("--line"), "{none}");
    desk.ok(&[
        "reference",
        "adopt",
        "Harbour Ledger",
        "--list",
        "Rater",
        "--grade",
        "D",
        "--analyst",
        "Ines",
        "--line",
        "5",
    ]);
    assert_eq!(
        desk.outlet("Harbour Ledger")["ratings"],
        serde_json::json!([["Ines", "D"]])
    );
}

#[test]
fn an_outlet_given_twice_with_different_values_is_kept_and_shown_as_conflicting() {
    let desk = desk_with_outlets();
    let list = desk.file(
        "twice.csv",
        "website,factual,bias\n\
         oxleyfarmer.example,high,right\n\
         wendle-courier.example,mixed,left\n\
         oxleyfarmer.example,low,right\n",
    );
    let imported = desk.import_list(&list, "Twice", &[]);
    assert_eq!(imported["rows"], 3, "both rows are kept");
    assert_eq!(
        imported["conflicting"],
        serde_json::json!(["oxleyfarmer.example (lines 2, 4)"])
    );
    let oxley = desk.outlet("Oxley Farmer");
    let twice = reference(&oxley, "Twice").unwrap();
    assert_eq!(twice["conflicting"], true);
    assert_eq!(twice["entries"].as_array().unwrap().len(), 2);
    let text = desk.ok(&["outlets"]);
    assert!(
        text.contains("Twice: high · right ≠ low · right (domain)"),
        "{text}"
    );

    // Adopting needs the analyst to say which row.
    let which = desk.fails(&[
        "reference",
        "adopt",
        "Oxley Farmer",
        "--list",
        "Twice",
        "--grade",
        "C",
        "--analyst",
        "Ines",
    ]);
    assert!(
        which.contains("line 2") && which.contains("line 4") && which.contains("--line"),
        "{which}"
    );
    desk.ok(&[
        "reference",
        "adopt",
        "Oxley Farmer",
        "--list",
        "Twice",
        "--grade",
        "C",
        "--analyst",
        "Ines",
        "--line",
        "4",
    ]);
    let history = desk.ok(&["ratings", "history", "Oxley Farmer"]);
    assert!(
        history.contains("fact: low") || history.contains("factual: low"),
        "{history}"
    );
}

#[test]
fn reference_disagrees_keeps_outlets_whose_desk_grade_and_a_list_are_at_opposite_ends() {
    let desk = desk_with_outlets();
    let list = desk.file(
        "rater.csv",
        "website,factual\n\
         wendle-courier.example,low\n\
         oxleyfarmer.example,high\n",
    );
    desk.import_list(&list, "Rater", &[]);
    desk.ok(&[
        "rate",
        "Wendle Courier",
        "--grade",
        "B",
        "--analyst",
        "Ines",
    ]);
    desk.ok(&["rate", "Oxley Farmer", "--grade", "B", "--analyst", "Ines"]);
    desk.ok(&[
        "rate",
        "Harbour Ledger",
        "--grade",
        "E",
        "--analyst",
        "Ines",
    ]);

    let flagged = desk.outlets(&["--reference-disagrees"]);
    let names: Vec<&str> = flagged
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Wendle Courier"], "B against high is agreement");
    let why = reference(&flagged[0], "Rater").unwrap()["disagreement"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(why.contains("factual: low"), "{why}");
    let text = desk.ok(&["outlets", "--reference-disagrees"]);
    assert!(text.contains("Wendle Courier"), "{text}");
    assert!(!text.contains("Oxley Farmer"), "{text}");
    assert!(text.contains("disagree: the desk's B"), "{text}");

    desk.ok(&[
        "rate",
        "Wendle Courier",
        "--grade",
        "C",
        "--analyst",
        "Ines",
    ]);
    assert!(
        desk.outlets(&["--reference-disagrees"]).is_empty(),
        "C is next to low, not opposite"
    );
    let text = desk.ok(&["outlets", "--reference-disagrees"]);
    assert!(
        text.contains("No outlet's desk grade and reference list are at opposite ends"),
        "{text}"
    );
}

#[test]
fn the_ratings_file_carries_a_list_its_hand_matches_and_adopted_evidence_into_another_library() {
    let desk = desk_with_outlets();
    let tsv = desk.file("rater.tsv", TSV_LIST);
    desk.import_list(&tsv, "Rater", &["--date", "2025-03-01"]);
    desk.ok(&["reference", "match", "Rater", "5", "Harbour Ledger"]);
    desk.ok(&[
        "reference",
        "adopt",
        "Oxley Farmer",
        "--list",
        "Rater",
        "--grade",
        "C",
        "--analyst",
        "Ines",
    ]);
    let file = desk.dir.path().join("ratings.json");
    let said = desk.ok(&["ratings", "export", path_str(&file)]);
    assert!(said.contains("1 version of reference lists"), "{said}");

    let other = desk_with_outlets();
    let said = other.ok(&["ratings", "import", path_str(&file)]);
    assert!(
        said.contains("1 version of reference lists added"),
        "{said}"
    );
    let lists = other.json(&["reference", "list", "--json"]);
    assert_eq!(lists[0]["name"], "Rater");
    assert_eq!(lists[0]["versions"][0]["published"], "2025-03-01");
    assert_eq!(lists[0]["matched_outlets"], 3);
    let ledger = other.outlet("Harbour Ledger");
    assert_eq!(
        reference(&ledger, "Rater").unwrap()["matched_by"],
        "analyst"
    );
    let history = other.ok(&["ratings", "history", "Oxley Farmer"]);
    assert!(
        history.contains("adopted from Rater (2025-03-01)"),
        "{history}"
    );
    // Importing the file again adds nothing.
    let again = other.json(&["ratings", "import", path_str(&file), "--json"]);
    assert_eq!(again["reference_lists_added"], 0);
}

#[test]
fn a_file_naming_no_outlet_an_empty_file_and_bad_flags_are_refused_on_stderr() {
    let desk = desk_with_outlets();
    let no_outlet = desk.file("scores.csv", "fact,bias\nhigh,left\nlow,right\n");
    let empty = desk.file("empty.tsv", "");
    let header_only = desk.file("header.csv", "domain,fact\n");
    let good = desk.file("rater.tsv", TSV_LIST);
    let import = |path: &Path, extra: &[&str]| {
        let mut args = vec!["reference", "import", path_str(path), "--name", "Rater"];
        args.extend_from_slice(extra);
        desk.fails(&args)
    };
    let why = import(&no_outlet, &[]);
    assert!(
        why.contains("no column names the outlets") && why.contains("--map"),
        "{why}"
    );
    let why = import(&empty, &[]);
    assert!(why.contains("empty"), "{why}");
    let why = import(&header_only, &[]);
    assert!(why.contains("no rows"), "{why}");
    let why = import(&good, &["--map", "rank=rating"]);
    assert!(why.contains("no column \"rank\""), "{why}");
    let why = import(&good, &["--map", "fact=grade"]);
    assert!(
        why.contains("\"grade\" is no column role") && why.contains("reliability"),
        "{why}"
    );
    let why = import(&good, &["--map", "fact"]);
    assert!(why.contains("COLUMN=ROLE"), "{why}");
    let why = import(&good, &["--date", "1 May 2025"]);
    assert!(why.contains("YYYY-MM-DD"), "{why}");
    let why = import(&desk.dir.path().join("missing.csv"), &[]);
    assert!(why.contains("missing.csv"), "{why}");
    assert_eq!(
        desk.json(&["reference", "list", "--json"]),
        serde_json::json!([]),
        "nothing was stored"
    );
    let why = desk.fails(&["reference", "show", "Rater"]);
    assert!(why.contains("no reference list called"), "{why}");

    // Mapped by hand, the file that named no outlet reads.
    let named = desk.file("named.csv", "who,fact\nWendle Courier,high\n");
    let imported = desk.import_list(&named, "Named", &["--map", "who=name"]);
    assert_eq!(imported["matched_by_name"], 1, "{imported}");
}

#[test]
fn a_list_of_100000_rows_imports_whole_and_matches_its_outlet() {
    let desk = desk_with_outlets();
    let mut text = String::from("outlet\twebsite\tfactuality\tbias\n");
    for i in 0..99_999 {
        let fact = ["high", "mixed", "low"][i % 3];
        text.push_str(&format!("Outlet {i}\tsite-{i}.example\t{fact}\tcenter\n"));
    }
    text.push_str("Wendle Courier\twendle-courier.example\tlow\tleft\n");
    let list = desk.file("long.tsv", &text);
    let imported = desk.import_list(&list, "Long", &[]);
    assert_eq!(imported["rows"], 100_000);
    assert_eq!(
        imported["matched_by_domain"], 1,
        "{:?}",
        imported["matched_by_domain"]
    );
    assert_eq!(imported["unmatched_rows"], 99_999);
    let wendle = desk.outlet("Wendle Courier");
    assert_eq!(values(reference(&wendle, "Long").unwrap()), ["low", "left"]);
}

#[test]
fn outlets_says_1_article_and_2_articles() {
    let desk = desk_with_outlets();
    desk.articles(
        "more.jsonl",
        &[(
            "Oxley Farmer",
            "https://www.oxleyfarmer.example/market-day",
            "Market day moves to Thursday",
        )],
    );
    let text = desk.ok(&["outlets"]);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {text}"))
            .to_string()
    };
    assert!(line("Wendle Courier").contains(" 1 article "), "{text}");
    assert!(!text.contains("1 articles"), "{text}");
    assert!(line("Oxley Farmer").contains(" 2 articles "), "{text}");
}

/// Media Bias/Fact Check's list as `../shared/data` holds it, when it is there.
fn mbfc() -> Option<PathBuf> {
    let path = crate::real_data::data().join("mbfc-outlets/corpus.tsv");
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipped: {} is not here", path.display());
        None
    }
}

#[test]
fn the_mbfc_list_reads_fact_as_reliability_bias_as_a_rating_and_the_normalized_url_as_domain() {
    let Some(path) = mbfc() else { return };
    let desk = Desk::new();
    let imported = desk.import_list(&path, "MBFC", &["--date", "2018-05-01"]);
    let roles: Vec<(String, String)> = imported["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let role = |name: &str| {
        roles
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.as_str())
            .unwrap_or("missing")
    };
    assert_eq!(role("fact"), "reliability");
    assert_eq!(role("bias"), "rating");
    assert_eq!(role("source_url_normalized"), "domain");
    assert_eq!(role("ref"), "link");
    assert_eq!(role("source_url"), "ignore");
    // Every row of the file is stored: a domain cell that is no address ("itv.com-news") is
    // read from the address beside it.
    let rows = imported["rows"].as_u64().unwrap() as usize;
    assert_eq!(rows, 1_066, "{imported}");
    let lists = desk.json(&["reference", "list", "--json"]);
    assert_eq!(
        lists[0]["versions"][0]["entries"].as_u64(),
        Some(rows as u64)
    );
}
