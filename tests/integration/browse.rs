//! Browsing a library of any size: keyset pages, anchors, counts and filters agree with the
//! plain answer computed by hand; every query the views make uses an index (EXPLAIN QUERY PLAN);
//! searches that match too much say they ranked only the newest matches.

use std::collections::HashMap;

use triangulate_core::Library;
use triangulate_core::jobs::Progress;
use triangulate_core::library::synth::{SynthSpec, vocabulary};
use triangulate_core::library::{
    ArticleFilter, ArticleOrder, GradeFilter, RANKED_AT_MOST, SortKey,
};
use triangulate_core::model::ArticleRow;
use triangulate_core::pager::{ANCHOR_EVERY, ArticlePager, Listing, PAGE};
use triangulate_core::ratings::Grade;

const ARTICLES: usize = 2_600;

fn synthetic(articles: usize) -> (tempfile::TempDir, std::path::PathBuf, Library) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.sqlite");
    let mut library = Library::open(&path).unwrap();
    library
        .generate_synthetic(
            &SynthSpec {
                articles,
                outlets: 40,
                incidents: 60,
                words: 30,
                seed: 11,
            },
            &Progress::new(),
        )
        .unwrap();
    (dir, path, library)
}

const ORDERS: [SortKey; 4] = [
    SortKey::Published,
    SortKey::Outlet,
    SortKey::Title,
    SortKey::Words,
];

/// Every article, with the outlet id, read in one go and sorted in Rust: the answer pages must give.
fn by_hand(library: &Library, filter: &ArticleFilter, order: ArticleOrder) -> Vec<ArticleRow> {
    let outlet_of: HashMap<String, i64> = library
        .outlet_names()
        .unwrap()
        .into_iter()
        .map(|(id, name)| (name, id))
        .collect();
    let everything = library
        .article_page(
            &ArticleFilter::default(),
            ArticleOrder::default(),
            None,
            0,
            usize::MAX >> 1,
        )
        .unwrap();
    let members: Vec<i64> = match filter.incident {
        Some(incident) => library
            .incident(incident)
            .unwrap()
            .unwrap()
            .reports
            .iter()
            .map(|r| r.article.id)
            .collect(),
        None => Vec::new(),
    };
    let grade_outlets: Option<Vec<i64>> = filter.grade.map(|wanted| {
        library
            .outlets()
            .unwrap()
            .into_iter()
            .filter(|o| {
                let grade = o
                    .combined_grade
                    .as_deref()
                    .and_then(|g| g.parse::<Grade>().ok());
                match wanted {
                    GradeFilter::Grade(g) => grade == Some(g),
                    GradeFilter::Unrated => grade.is_none(),
                }
            })
            .map(|o| o.id)
            .collect()
    });
    let day = |r: &ArticleRow| r.published.clone().unwrap_or_default();
    let mut rows: Vec<ArticleRow> = everything
        .into_iter()
        .map(|(r, _)| r)
        .filter(|r| filter.outlet.is_none_or(|o| outlet_of[&r.outlet] == o))
        .filter(|r| filter.language.is_none() || r.language == filter.language)
        .filter(|r| {
            filter
                .from
                .as_ref()
                .is_none_or(|f| !day(r).is_empty() && day(r) >= *f)
        })
        .filter(|r| {
            filter
                .to
                .as_ref()
                .is_none_or(|t| !day(r).is_empty() && day(r) <= format!("{t}~"))
        })
        .filter(|r| filter.incident.is_none() || members.contains(&r.id))
        .filter(|r| {
            grade_outlets
                .as_ref()
                .is_none_or(|ids| ids.contains(&outlet_of[&r.outlet]))
        })
        .collect();
    rows.sort_by(|a, b| {
        let by = match order.key {
            SortKey::Published => (day(a), a.id).cmp(&(day(b), b.id)),
            SortKey::Title => (a.title.to_lowercase(), a.id).cmp(&(b.title.to_lowercase(), b.id)),
            SortKey::Words => (a.word_count, a.id).cmp(&(b.word_count, b.id)),
            SortKey::Outlet => {
                let name = a.outlet.to_lowercase().cmp(&b.outlet.to_lowercase());
                let within = (day(b), b.id).cmp(&(day(a), a.id)); // newest first within
                return if order.descending {
                    name.reverse().then(within)
                } else {
                    name.then(within)
                };
            }
        };
        if order.descending { by.reverse() } else { by }
    });
    rows
}

fn ids(rows: &[ArticleRow]) -> Vec<i64> {
    rows.iter().map(|r| r.id).collect()
}

/// Reads the whole listing page by page, each page after the last row's cursor.
fn paged(library: &Library, filter: &ArticleFilter, order: ArticleOrder, page: usize) -> Vec<i64> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let rows = library
            .article_page(filter, order, after.as_ref(), 0, page)
            .unwrap();
        out.extend(rows.iter().map(|(r, _)| r.id));
        if rows.len() < page {
            return out;
        }
        after = rows.last().map(|(_, c)| c.clone());
    }
}

#[test]
fn keyset_pages_in_every_order_give_every_article_once_in_that_order() {
    let (_dir, _path, library) = synthetic(ARTICLES);
    for key in ORDERS {
        for descending in [false, true] {
            let order = ArticleOrder { key, descending };
            let expected = ids(&by_hand(&library, &ArticleFilter::default(), order));
            assert_eq!(expected.len(), ARTICLES);
            assert_eq!(
                paged(&library, &ArticleFilter::default(), order, 97),
                expected,
                "{order:?}"
            );
        }
    }
}

#[test]
fn every_filter_keeps_what_it_says_in_every_order_and_counts_it() {
    let (_dir, _path, mut library) = synthetic(ARTICLES);
    let outlet = library.outlet_names().unwrap()[3].0;
    let incident = library.incident_page("", None, 0, 1).unwrap()[0].id;
    // Two analysts agree on B for two outlets: the grade filter has something to keep.
    for (id, _) in library.outlet_names().unwrap().into_iter().take(2) {
        for analyst in ["x", "y"] {
            library
                .add_rating(&triangulate_core::ratings::NewRating {
                    outlet_id: id,
                    analyst: analyst.into(),
                    grade: Some(Grade::B),
                    rationale: String::new(),
                    criteria: Vec::new(),
                    evidence: Vec::new(),
                })
                .unwrap();
        }
    }
    let filters = [
        ArticleFilter {
            outlet: Some(outlet),
            ..Default::default()
        },
        ArticleFilter {
            language: Some("ru".into()),
            ..Default::default()
        },
        ArticleFilter {
            from: Some("2025-03".into()),
            to: Some("2025-04-15".into()),
            ..Default::default()
        },
        ArticleFilter {
            to: Some("2025-02".into()),
            ..Default::default()
        },
        ArticleFilter {
            incident: Some(incident),
            ..Default::default()
        },
        ArticleFilter {
            grade: Some(GradeFilter::Grade(Grade::B)),
            ..Default::default()
        },
        ArticleFilter {
            grade: Some(GradeFilter::Unrated),
            language: Some("en".into()),
            ..Default::default()
        },
    ];
    for filter in &filters {
        let count = library.count_articles(filter).unwrap() as usize;
        assert!(count > 0 && count < ARTICLES, "{filter:?} keeps {count}");
        for key in ORDERS {
            for descending in [false, true] {
                let order = ArticleOrder { key, descending };
                let expected = ids(&by_hand(&library, filter, order));
                assert_eq!(expected.len(), count, "{filter:?}");
                assert_eq!(
                    paged(&library, filter, order, 41),
                    expected,
                    "{filter:?} {order:?}"
                );
            }
        }
    }
}

#[test]
fn anchors_and_skips_land_on_the_row_asked_for() {
    let (_dir, _path, library) = synthetic(ARTICLES);
    for key in ORDERS {
        let order = ArticleOrder {
            key,
            descending: true,
        };
        let expected = ids(&by_hand(&library, &ArticleFilter::default(), order));
        let anchors = library
            .article_anchors(&ArticleFilter::default(), order, 500, &|| false)
            .unwrap()
            .unwrap();
        assert_eq!(anchors.len(), ARTICLES / 500, "{order:?}");
        for (k, anchor) in anchors.iter().enumerate() {
            let rows = library
                .article_page(&ArticleFilter::default(), order, Some(anchor), 7, 3)
                .unwrap();
            let start = (k + 1) * 500 + 7;
            let want = &expected[start.min(ARTICLES)..(start + 3).min(ARTICLES)];
            assert_eq!(
                ids(&rows.into_iter().map(|(r, _)| r).collect::<Vec<_>>()),
                want
            );
        }
    }
    assert_eq!(
        library
            .article_anchors(
                &ArticleFilter::default(),
                ArticleOrder::default(),
                500,
                &|| true
            )
            .unwrap(),
        None,
        "a cancelled pass gives nothing"
    );
}

#[test]
fn the_pager_shows_any_row_as_the_listing_has_it_and_counts_in_the_background() {
    let (_dir, path, library) = synthetic(ARTICLES);
    let order = ArticleOrder {
        key: SortKey::Title,
        descending: false,
    };
    let expected = ids(&by_hand(&library, &ArticleFilter::default(), order));
    let mut pager = ArticlePager::new(&path);
    let listing = Listing {
        order,
        ..Listing::default()
    };
    pager.set_listing(0, &listing);
    // Before the count arrives the table shows what it has read and a page more.
    assert!(pager.rows_to_show() >= PAGE);
    pager.wait();
    assert_eq!(pager.len(), Some(ARTICLES));
    // Jumps far and back, as a scroll bar dragged about: each row is the listing's.
    for index in [ARTICLES - 1, 0, ANCHOR_EVERY + 3, 1_999, 250, ARTICLES / 2] {
        let row = pager.row(&library, index).unwrap();
        assert_eq!(row.article.id, expected[index], "row {index}");
    }
    assert!(pager.row(&library, ARTICLES).is_none());
    assert_eq!(pager.ids(&library, 10..20, 100), expected[10..20].to_vec());
    assert_eq!(pager.error(), None);
}

#[test]
fn a_search_matching_more_than_can_be_ranked_says_so_and_ranks_the_newest() {
    let (_dir, _path, library) = synthetic(RANKED_AT_MOST + 600);
    // The first sentence of every synthetic article says "people were killed".
    let common = library
        .search_ranked("people killed", &ArticleFilter::default(), 50)
        .unwrap();
    assert_eq!(common.ranked_among, Some(RANKED_AT_MOST));
    assert_eq!(common.hits.len(), 50);
    let newest: i64 = library.counts().unwrap().articles;
    let oldest_ranked = newest - RANKED_AT_MOST as i64 + 1;
    assert!(common.hits.iter().all(|h| h.id >= oldest_ranked));
    // Rarer words are all ranked.
    let words = vocabulary(11);
    let rare = library
        .search_ranked(&words[4_000], &ArticleFilter::default(), 50)
        .unwrap();
    assert_eq!(rare.ranked_among, None);
    assert!(rare.hits.iter().all(|h| h.snippet.contains('[')));
}

#[test]
fn every_query_of_the_library_outlets_and_incidents_views_uses_an_index() {
    let (_dir, _path, library) = synthetic(400);
    let plans = library.view_query_plans().unwrap();
    assert!(plans.len() > 100, "only {} queries explained", plans.len());
    for (sql, plan) in &plans {
        let sql = sql.split_whitespace().collect::<Vec<_>>().join(" ");
        for step in plan {
            let step = step.trim();
            // A full pass over a table's rows (not an index): the thing a million rows forbid.
            let table_scan = step.starts_with("SCAN ")
                && !step.contains("INDEX")
                && !step.contains("VIRTUAL TABLE")
                && !step.contains("subquery")
                && !step.contains("json_each")
                && !step.contains("CONSTANT ROW")
                // The search's hits, already cut to the page's size inside the index.
                && step != "SCAN f"
                // Finding incidents by part of their title reads the incidents (not articles).
                && !(step == "SCAN i" && sql.contains("instr(lower(i.title)"));
            assert!(!table_scan, "{step}\nin: {sql}");
        }
        // A page after a cursor seeks to it; it never reads the listing from the top.
        if sql.contains(", a.id) <") || sql.contains(", a.id) >") {
            assert!(
                plan.iter().any(|s| s.contains("SEARCH a")),
                "{plan:?}\nin: {sql}"
            );
        }
        // Sorting a temporary copy is only for the few articles of one incident, or of one tag or
        // hand-picked collection (sets the analyst made by hand; SQLite drives the page from
        // the set when its statistics say the set is small).
        if plan.iter().any(|s| s.contains("TEMP B-TREE FOR ORDER BY")) {
            assert!(
                sql.contains("incident_id = ?")
                    || sql.contains("a.outlet_id = ?")
                    || sql.contains("tag_id = ?")
                    || sql.contains("collection_id = ?"),
                "sorts its rows: {plan:?}\nin: {sql}"
            );
        }
    }
}

#[test]
fn outlet_article_counts_follow_imports_moves_and_merges() {
    let (_dir, _path, mut library) = synthetic(300);
    let counted = |library: &Library| -> Vec<(i64, i64, u64)> {
        library
            .outlet_list()
            .unwrap()
            .into_iter()
            .map(|o| {
                let n = library
                    .count_articles(&ArticleFilter {
                        outlet: Some(o.id),
                        ..Default::default()
                    })
                    .unwrap();
                (o.id, o.article_count, n)
            })
            .collect()
    };
    let agree = |library: &Library| {
        for (outlet, kept, counted) in counted(library) {
            assert_eq!(kept as u64, counted, "outlet {outlet}");
        }
        assert!(library.check().unwrap().is_sound());
    };
    agree(&library);
    let moved: Vec<i64> = library
        .article_page(
            &ArticleFilter::default(),
            ArticleOrder::default(),
            None,
            0,
            25,
        )
        .unwrap()
        .into_iter()
        .map(|(r, _)| r.id)
        .collect();
    library.assign_outlet(&moved, "A Brand New Outlet").unwrap();
    agree(&library);
    let names = library.outlet_names().unwrap();
    library
        .merge_outlets(names[0].0, &[names[1].0], "tester")
        .unwrap();
    agree(&library);
    let total: i64 = library
        .outlet_list()
        .unwrap()
        .iter()
        .map(|o| o.article_count)
        .sum();
    assert_eq!(total, 300);
}
