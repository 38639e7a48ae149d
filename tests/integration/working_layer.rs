//! Notes, tags and collections on temporary libraries: written, found by search and filters,
//! undone, kept in the trash with what they were on, and carried by the ratings file into
//! another library.

use triangulate_core::Library;
use triangulate_core::library::{ArticleFilter, ArticleOrder, NewNote, SavedFilter};
use triangulate_core::model::{Id, Target, TargetKind};

use crate::common;

fn ids_of(library: &Library, filter: &ArticleFilter) -> Vec<Id> {
    let mut ids: Vec<Id> = library
        .article_page(filter, ArticleOrder::default(), None, 0, 1_000)
        .expect("a page reads")
        .into_iter()
        .map(|(row, _)| row.id)
        .collect();
    ids.sort_unstable();
    ids
}

fn first_articles(library: &Library, n: usize) -> Vec<Id> {
    let mut ids = ids_of(library, &ArticleFilter::default());
    ids.truncate(n);
    ids
}

fn note_on(target: Target, text: &str) -> NewNote {
    NewNote {
        target,
        span: None,
        author: "ana".into(),
        text: text.into(),
    }
}

#[test]
fn tagging_three_articles_at_once_filters_the_listing_to_them() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let three = first_articles(&library, 3);
    let (n, _) = library
        .tag(TargetKind::Article, &three, "needs check", "ana")
        .expect("tagging works");
    assert_eq!(n, 3);
    // Tagging again adds nothing; the tag's name is matched whatever its case and spacing.
    let (again, _) = library
        .tag(TargetKind::Article, &three, "  Needs   CHECK ", "ana")
        .expect("tagging again works");
    assert_eq!(again, 0);
    let tag = library
        .tag_id("needs check")
        .expect("reads")
        .expect("the tag exists");
    let filter = ArticleFilter {
        tag: Some(tag),
        ..ArticleFilter::default()
    };
    assert_eq!(ids_of(&library, &filter), three);
    assert_eq!(library.count_articles(&filter).expect("counts"), 3);
    let summary = library.tags().expect("tags list");
    assert_eq!(summary.len(), 1);
    assert_eq!(
        (summary[0].name.as_str(), summary[0].articles),
        ("needs check", 3)
    );
}

#[test]
fn search_under_a_tag_keeps_only_tagged_articles() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let all = library
        .search_articles("killed", &ArticleFilter::default(), 100)
        .expect("search");
    assert!(all.len() > 2, "the sample has several reports of killings");
    let two: Vec<Id> = all.iter().take(2).map(|h| h.id).collect();
    library
        .tag(TargetKind::Article, &two, "casualties", "ana")
        .expect("tags");
    let tag = library.tag_id("casualties").expect("reads");
    let hits = library
        .search_articles(
            "killed",
            &ArticleFilter {
                tag,
                ..ArticleFilter::default()
            },
            100,
        )
        .expect("search under the tag");
    let mut found: Vec<Id> = hits.iter().map(|h| h.id).collect();
    found.sort_unstable();
    let mut want = two.clone();
    want.sort_unstable();
    assert_eq!(found, want);
}

#[test]
fn untagging_goes_to_the_trash_and_undo_puts_the_tag_back() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let three = first_articles(&library, 3);
    library
        .tag(TargetKind::Article, &three, "disputed", "ana")
        .expect("tags");
    let (n, undo) = library
        .untag(TargetKind::Article, &three[..2], "disputed", "ana")
        .expect("untags");
    assert_eq!(n, 2);
    assert!(
        library
            .tags_of(Target::Article(three[0]))
            .expect("reads")
            .is_empty()
    );
    assert_eq!(library.trash().expect("trash lists").len(), 1);
    library.undo(&undo).expect("undo");
    assert_eq!(
        library.tags_of(Target::Article(three[0])).expect("reads"),
        vec!["disputed".to_string()]
    );
    assert!(library.trash().expect("trash lists").is_empty());
}

#[test]
fn notes_on_every_kind_of_thing_are_found_by_the_full_text_search() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let article = first_articles(&library, 1)[0];
    let outlet = library.outlet_names().expect("outlets")[0].0;
    let (incident, _) = library
        .create_incident(
            &triangulate_core::model::IncidentFields {
                title: "Shelling of the market".into(),
                date: Some("2025-03-14".into()),
                place: None,
                summary: String::new(),
            },
            &[article],
            "ana",
            "by hand",
        )
        .expect("an incident");
    library
        .add_note(&note_on(
            Target::Article(article),
            "Casualty figure fails the zephyrine audit",
        ))
        .expect("a note on the article");
    library
        .add_note(&note_on(
            Target::Outlet(outlet),
            "Owned by a ministry, per registry",
        ))
        .expect("a note on the outlet");
    library
        .add_note(&note_on(
            Target::Incident(incident),
            "Satellite imagery pending",
        ))
        .expect("a note on the incident");

    let hits = library.search_notes("ministry", 10).expect("note search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].note.target, Target::Outlet(outlet));
    assert!(
        hits[0].snippet.contains("[ministry]"),
        "{}",
        hits[0].snippet
    );
    let hits = library.search_notes("imagery", 10).expect("note search");
    assert_eq!(hits[0].note.target, Target::Incident(incident));

    // The articles' search finds an article by its notes, and says which note matched.
    let hits = library
        .search_articles("zephyrine", &ArticleFilter::default(), 10)
        .expect("article search");
    assert_eq!(hits.len(), 1, "only the annotated article: {hits:?}");
    assert_eq!(hits[0].id, article);
    assert!(
        hits[0]
            .note
            .as_deref()
            .unwrap_or("")
            .contains("[zephyrine]")
    );
}

#[test]
fn a_note_on_a_passage_keeps_its_span_and_words_and_refuses_a_span_outside_the_text() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let id = first_articles(&library, 1)[0];
    let article = library.article(id).expect("reads").expect("exists");
    let word = article
        .full_text
        .split_whitespace()
        .find(|w| w.len() > 5)
        .expect("a long word")
        .to_string();
    let start = article.full_text.find(&word).expect("found");
    let note = library
        .add_note(&NewNote {
            span: Some((start, start + word.len())),
            ..note_on(Target::Article(id), "Check this word")
        })
        .expect("a note on a passage");
    let notes = library.notes_of(Target::Article(id)).expect("reads");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].id, note);
    assert_eq!(notes[0].span, Some((start, start + word.len())));
    assert_eq!(notes[0].quote.as_deref(), Some(word.as_str()));

    let past_the_end = article.full_text.len() + 10;
    let refused = library.add_note(&NewNote {
        span: Some((past_the_end, past_the_end + 4)),
        ..note_on(Target::Article(id), "Nowhere")
    });
    assert!(refused.is_err());
    let on_an_outlet = library.add_note(&NewNote {
        span: Some((0, 4)),
        ..note_on(
            Target::Outlet(library.outlet_names().expect("outlets")[0].0),
            "No",
        )
    });
    assert!(on_an_outlet.is_err(), "only articles have passages");
    assert!(library.check().expect("check runs").is_sound());
}

#[test]
fn a_deleted_article_comes_back_from_the_trash_with_its_notes_tags_and_collections() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let id = first_articles(&library, 1)[0];
    library
        .add_note(&note_on(Target::Article(id), "Keep this one"))
        .expect("note");
    library
        .tag(TargetKind::Article, &[id], "key source", "ana")
        .expect("tag");
    let set = library
        .create_collection("Brief for the desk", None, "ana")
        .expect("a collection");
    library.add_to_collection(set, &[id], "ana").expect("added");

    let (_, undo) = library.delete_articles(&[id], "ana").expect("deleted");
    assert!(
        library
            .notes_of(Target::Article(id))
            .expect("reads")
            .is_empty()
    );
    library.undo(&undo).expect("restored");
    let notes = library.notes_of(Target::Article(id)).expect("reads");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Keep this one");
    assert_eq!(
        library.tags_of(Target::Article(id)).expect("reads"),
        vec!["key source".to_string()]
    );
    let filter = ArticleFilter {
        collection: Some(set),
        ..ArticleFilter::default()
    };
    assert_eq!(ids_of(&library, &filter), vec![id]);
    assert!(library.check().expect("check runs").is_sound());
}

#[test]
fn merging_outlets_moves_notes_and_tags_and_undo_moves_them_back() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let outlets = library.outlet_names().expect("outlets");
    let (keep, other) = (outlets[0].0, outlets[1].0);
    library
        .add_note(&note_on(
            Target::Outlet(other),
            "Reposts wire copy without credit",
        ))
        .expect("note");
    library
        .tag(TargetKind::Outlet, &[other], "aggregator", "ana")
        .expect("tag");
    let undo = library
        .merge_outlets(keep, &[other], "ana")
        .expect("merged");
    assert_eq!(
        library.notes_of(Target::Outlet(keep)).expect("reads").len(),
        1
    );
    assert_eq!(
        library.tags_of(Target::Outlet(keep)).expect("reads"),
        vec!["aggregator".to_string()]
    );
    library.undo(&undo).expect("undone");
    assert!(
        library
            .notes_of(Target::Outlet(keep))
            .expect("reads")
            .is_empty()
    );
    assert_eq!(
        library
            .notes_of(Target::Outlet(other))
            .expect("reads")
            .len(),
        1
    );
    assert_eq!(
        library.tags_of(Target::Outlet(other)).expect("reads"),
        vec!["aggregator".to_string()]
    );
}

#[test]
fn a_deleted_incident_comes_back_with_its_notes_and_tags() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let articles = first_articles(&library, 2);
    let incident = common::make_incident(&mut library, "Ambush", "2025-05-03", &articles);
    library
        .add_note(&note_on(
            Target::Incident(incident),
            "Two versions of the toll",
        ))
        .expect("note");
    library
        .tag(TargetKind::Incident, &[incident], "priority", "ana")
        .expect("tag");
    let undo = library.delete_incident(incident, "ana").expect("deleted");
    library.undo(&undo).expect("undone");
    assert_eq!(
        library
            .notes_of(Target::Incident(incident))
            .expect("reads")
            .len(),
        1
    );
    assert_eq!(
        library.tags_of(Target::Incident(incident)).expect("reads"),
        vec!["priority".to_string()]
    );
}

#[test]
fn the_incident_list_filters_by_tag_and_shows_each_incidents_tags() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let articles = first_articles(&library, 3);
    let mut make =
        |title: &str, date: &str, a: &[Id]| common::make_incident(&mut library, title, date, a);
    let ambush = make("Ambush on the ring road", "2025-05-03", &articles[..1]);
    let market = make("Market shelling", "2025-05-04", &articles[1..2]);
    let depot = make("Depot fire", "2025-05-05", &articles[2..]);
    library
        .tag(TargetKind::Incident, &[ambush, market], "priority", "ana")
        .expect("tagged");
    library
        .tag(TargetKind::Incident, &[market], "casualties", "ana")
        .expect("tagged");
    let priority = library.tag_id("priority").expect("reads").expect("exists");

    assert_eq!(library.count_incidents("", None).expect("counts"), 3);
    assert_eq!(
        library.count_incidents("", Some(priority)).expect("counts"),
        2
    );
    assert_eq!(
        library
            .count_incidents("market", Some(priority))
            .expect("counts"),
        1
    );
    let page = library
        .incident_page("", Some(priority), 0, 10)
        .expect("a page");
    let listed: Vec<(Id, Vec<String>)> = page.into_iter().map(|i| (i.id, i.tags)).collect();
    assert_eq!(
        listed,
        vec![
            (
                market,
                vec!["casualties".to_string(), "priority".to_string()]
            ),
            (ambush, vec!["priority".to_string()]),
        ],
        "newest first, each with its tags in name order"
    );
    let all = library.incidents().expect("all");
    let untagged = all.iter().find(|i| i.id == depot).expect("listed");
    assert!(untagged.tags.is_empty());
}

#[test]
fn a_saved_filter_and_a_hand_picked_set_are_collections() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let outlet = library.outlet_names().expect("outlets")[0].0;
    let saved = SavedFilter {
        filter: ArticleFilter {
            outlet: Some(outlet),
            ..ArticleFilter::default()
        },
        search: "killed".into(),
    };
    let filter_id = library
        .create_collection("Killings by one outlet", Some(&saved), "ana")
        .expect("saved filter");
    let set_id = library
        .create_collection("Hand picked", None, "ana")
        .expect("a set");
    let two = first_articles(&library, 2);
    let (n, undo) = library
        .add_to_collection(set_id, &two, "ana")
        .expect("added");
    assert_eq!(n, 2);
    // A saved filter holds what it finds, not picked articles.
    assert!(library.add_to_collection(filter_id, &two, "ana").is_err());
    // Two collections cannot share a name.
    assert!(
        library
            .create_collection("hand PICKED", None, "ana")
            .is_err()
    );
    let all = library.collections().expect("list");
    assert_eq!(all.len(), 2);
    let kept = all.iter().find(|c| c.id == filter_id).expect("listed");
    assert_eq!(kept.filter.as_ref(), Some(&saved));
    assert_eq!(
        all.iter()
            .find(|c| c.id == set_id)
            .expect("listed")
            .articles,
        2
    );

    library.undo(&undo).expect("undo the adding");
    let set = ArticleFilter {
        collection: Some(set_id),
        ..ArticleFilter::default()
    };
    assert!(ids_of(&library, &set).is_empty());
    let undo = library
        .delete_collection(filter_id, "ana")
        .expect("deleted");
    assert_eq!(library.collections().expect("list").len(), 1);
    library.undo(&undo).expect("restored");
    assert_eq!(library.collections().expect("list").len(), 2);
}

#[test]
fn notes_tags_and_collections_survive_export_and_reimport_into_another_library() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let three = first_articles(&library, 3);
    let outlet = library.outlet_names().expect("outlets")[0].clone();
    let incident = common::make_incident(&mut library, "Ambush", "2025-05-03", &three[..2]);
    let article = library.article(three[0]).expect("reads").expect("exists");
    let word = article
        .full_text
        .split_whitespace()
        .find(|w| w.len() > 4)
        .expect("a word")
        .to_string();
    let start = article.full_text.find(&word).expect("found");
    library
        .add_note(&NewNote {
            span: Some((start, start + word.len())),
            ..note_on(Target::Article(three[0]), "Passage to verify")
        })
        .expect("note");
    library
        .add_note(&note_on(Target::Outlet(outlet.0), "Funded by the ministry"))
        .expect("note");
    library
        .add_note(&note_on(Target::Incident(incident), "Toll disputed"))
        .expect("note");
    library
        .tag(TargetKind::Article, &three, "needs check", "ana")
        .expect("tag");
    library
        .tag(TargetKind::Outlet, &[outlet.0], "state media", "ana")
        .expect("tag");
    library
        .tag(TargetKind::Incident, &[incident], "priority", "ana")
        .expect("tag");
    let set = library
        .create_collection("Brief", None, "ana")
        .expect("collection");
    library
        .add_to_collection(set, &three, "ana")
        .expect("added");

    let file = library.export_ratings().expect("export");
    assert_eq!(file.version, triangulate_core::library::RATINGS_VERSION);
    assert_eq!(file.notes.len(), 3);
    assert_eq!(file.tags.len(), 5);
    let text = serde_json::to_string(&file).expect("the file is JSON");

    // Another library with the same articles and incident, as a colleague's would be.
    let (_dir2, _path2, mut other, _) = common::sample_library();
    common::make_incident(
        &mut other,
        "Ambush (their title)",
        "2025-05-03",
        &three[..2],
    );
    let read: triangulate_core::library::RatingsFile =
        serde_json::from_str(&text).expect("the file reads");
    let report = other.import_ratings(&read).expect("import");
    assert_eq!(report.working.notes_added, 3);
    assert_eq!(report.working.tags_added, 5);
    assert_eq!(report.working.collections_added, 1);
    assert_eq!(report.working.targets_missing, 0);

    let notes = other.notes_of(Target::Article(three[0])).expect("reads");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].quote.as_deref(), Some(word.as_str()));
    assert_eq!(notes[0].span, Some((start, start + word.len())));
    let other_outlet = other.outlet_id(&outlet.1).expect("reads").expect("exists");
    assert_eq!(
        other.tags_of(Target::Outlet(other_outlet)).expect("reads"),
        vec!["state media".to_string()]
    );
    let other_incident = other.incidents().expect("incidents")[0].id;
    assert_eq!(
        other
            .notes_of(Target::Incident(other_incident))
            .expect("reads")
            .len(),
        1
    );
    assert_eq!(
        other
            .tags_of(Target::Incident(other_incident))
            .expect("reads"),
        vec!["priority".to_string()]
    );
    let brief = other
        .collection_named("brief")
        .expect("reads")
        .expect("exists");
    assert_eq!(brief.articles, 3);

    // Importing the same file again adds nothing.
    let again = other.import_ratings(&read).expect("import again");
    assert_eq!(again.working.notes_added, 0);
    assert_eq!(again.working.tags_added, 0);
    assert_eq!(again.working.collections_added, 0);
    assert!(other.check().expect("check runs").is_sound());
}

#[test]
fn a_version_1_ratings_file_without_notes_still_imports() {
    let (_dir, _path, mut library, _) = common::sample_library();
    let old = serde_json::json!({
        "format": "triangulate-ratings",
        "version": 1,
        "ratings": [],
        "assessments": []
    });
    let file: triangulate_core::library::RatingsFile =
        serde_json::from_value(old).expect("an old file reads");
    let report = library.import_ratings(&file).expect("imports");
    assert_eq!(report.working.notes_added, 0);
}

#[test]
fn the_command_line_tags_notes_and_lists_by_tag() {
    let (_dir, path) = common::sample_library_file();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(common::binary())
            .arg("--library")
            .arg(&path)
            .args(args)
            .env("TRIANGULATE_ANALYST", "ana")
            .output()
            .expect("the binary runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    run(&["tag", "article", "1", "2", "3", "--tag", "needs check"]);
    let listed: Vec<serde_json::Value> =
        serde_json::from_str(&run(&["articles", "--tag", "needs check", "--json"])).expect("JSON");
    let mut ids: Vec<i64> = listed
        .iter()
        .map(|a| a["id"].as_i64().expect("id"))
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![1, 2, 3]);
    run(&[
        "note",
        "article",
        "2",
        "--text",
        "Toll contradicts the monitor",
    ]);
    let article: serde_json::Value =
        serde_json::from_str(&run(&["article", "2", "--json"])).expect("JSON");
    assert_eq!(article["tags"][0], "needs check");
    assert_eq!(article["notes"][0]["text"], "Toll contradicts the monitor");
    assert_eq!(article["notes"][0]["author"], "ana");
    let hits: Vec<serde_json::Value> =
        serde_json::from_str(&run(&["search", "contradicts", "--json"])).expect("JSON");
    assert_eq!(hits[0]["id"], 2);
    let tags: Vec<serde_json::Value> =
        serde_json::from_str(&run(&["tags", "--json"])).expect("JSON");
    assert_eq!(tags[0]["articles"], 3);
}

#[test]
fn an_articles_copies_are_listed_and_not_a_copy_takes_one_out_until_undone() {
    let (_dir, _path, mut library, _) = common::sample_library();
    triangulate_core::linking::link_library(
        &mut library,
        &Default::default(),
        &triangulate_core::jobs::Progress::new(),
    )
    .expect("linking runs");
    let wire = common::article_id(
        &library,
        "Meridian Wire",
        "Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr",
    );
    let forum = common::article_id(
        &library,
        "Sandgrouse Forum",
        "Shelling kills at least 19 in Qadiri market town of Qasr al-Nahr",
    );
    let copies = library.copies_of(wire).expect("reads");
    let exact: Vec<Id> = copies
        .iter()
        .filter(|c| c.kind == "exact_copy")
        .map(|c| c.article.id)
        .collect();
    assert_eq!(exact, vec![forum], "{copies:?}");
    assert!(
        library
            .copies_of(forum)
            .expect("reads")
            .iter()
            .any(|c| c.article.id == wire),
        "a copy is listed from both sides"
    );
    let waiting = |library: &Library| {
        library
            .open_suggestions()
            .expect("reads")
            .into_iter()
            .filter(|s| s.kind == "exact_copy" && s.articles.contains(&wire))
            .count()
    };
    assert_eq!(waiting(&library), 1);

    let undo = library.mark_not_copy(forum, wire, "ana").expect("marked");
    assert!(
        library
            .copies_of(wire)
            .expect("reads")
            .iter()
            .all(|c| c.article.id != forum)
    );
    assert_eq!(
        waiting(&library),
        0,
        "the waiting copy suggestion is rejected"
    );
    assert!(
        library
            .rejected_pairs()
            .expect("reads")
            .contains(&(wire.min(forum), wire.max(forum)))
    );

    library.undo(&undo).expect("undone");
    assert!(
        library
            .copies_of(wire)
            .expect("reads")
            .iter()
            .any(|c| c.article.id == forum)
    );
    assert_eq!(waiting(&library), 1);
    assert!(library.rejected_pairs().expect("reads").is_empty());
    assert!(library.mark_not_copy(wire, wire, "ana").is_err());
}
