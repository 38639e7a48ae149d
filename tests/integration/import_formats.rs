//! Every format and encoding Triangulate reads, imported from fixtures written for this project
//! (tests/fixtures/formats/: invented outlets and incidents): title, outlet, date and where it came
//! from, url, encoding, language, and a body with the article and without the page around it.
//! Also how the outlet is chosen: the file's own metadata, then a sidecar, then the import's
//! option, then (as a guess) the folder's name.

use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use triangulate_core::import::{ImportOptions, ImportReport, import_paths};
use triangulate_core::jobs::Progress;
use triangulate_core::model::Article;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

/// An import of some fixture folders: the report, and each stored article by its path relative
/// to the fixtures folder (with the record's locator for multi-article files, e.g. `x.csv:2`).
struct Imported {
    report: ImportReport,
    articles: HashMap<String, Article>,
    sound: bool,
}

fn relative(path: &str) -> String {
    let root = fixtures().display().to_string();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .trim_start_matches(['/', '\\'])
        .replace('\\', "/")
}

fn import(folders: &[&str], options: &ImportOptions) -> Imported {
    let (_dir, _path, mut library) = common::temp_library();
    let paths: Vec<PathBuf> = folders
        .iter()
        .map(|f| match *f {
            "" => fixtures(),
            f => fixtures().join(f),
        })
        .collect();
    let report =
        import_paths(&mut library, &paths, options, &Progress::new()).expect("the fixtures import");
    let articles = report
        .articles
        .iter()
        .map(|a| {
            let article = library
                .article(a.id)
                .expect("the article reads")
                .expect("the article is stored");
            (relative(&a.path), article)
        })
        .collect();
    let sound = library.check().expect("check runs").is_sound();
    Imported {
        report,
        articles,
        sound,
    }
}

/// All fixture folders, imported once with no options.
static ALL: LazyLock<Imported> = LazyLock::new(|| import(&[""], &ImportOptions::default()));

fn article(path: &str) -> &'static Article {
    ALL.articles.get(path).unwrap_or_else(|| {
        let mut known: Vec<&String> = ALL.articles.keys().collect();
        known.sort();
        panic!(
            "{path} was not imported; imported: {known:#?}; problems: {:#?}",
            ALL.report.problems
        )
    })
}

/// What one fixture article must look like once imported.
struct Expect<'a> {
    path: &'a str,
    title: &'a str,
    outlet: &'a str,
    published: Option<&'a str>,
    date_source: Option<&'a str>,
    url: Option<&'a str>,
    /// Any of these encoding names is right (chardetng names KOI8-R text KOI8-U).
    encoding: &'a [&'a str],
    language: &'a str,
    format: &'a str,
    /// Sentences that must be in the body.
    body_has: &'a [&'a str],
    /// Page furniture that must not be in the body.
    body_lacks: &'a [&'a str],
}

fn check(e: &Expect<'_>) {
    let a = article(e.path);
    let mut wrong = Vec::new();
    let mut same = |what: &str, got: Option<&str>, want: Option<&str>| {
        if got != want {
            wrong.push(format!("{what} is {got:?}, expected {want:?}"));
        }
    };
    same("title", Some(&a.title), Some(e.title));
    same("outlet", Some(&a.outlet), Some(e.outlet));
    same("published", a.published.as_deref(), e.published);
    same("date source", a.date_source.as_deref(), e.date_source);
    same("url", a.url.as_deref(), e.url);
    same("language", a.language.as_deref(), Some(e.language));
    same("format", a.format.as_deref(), Some(e.format));
    if !e
        .encoding
        .contains(&a.encoding.as_deref().unwrap_or_default())
    {
        wrong.push(format!(
            "encoding is {:?}, expected one of {:?}",
            a.encoding, e.encoding
        ));
    }
    if a.outlet_is_guess {
        wrong.push("the outlet is marked as a guess".into());
    }
    for sentence in e.body_has {
        if !a.body.contains(sentence) {
            wrong.push(format!("the body lacks {sentence:?}"));
        }
    }
    for clutter in e.body_lacks {
        if a.body.contains(clutter) {
            wrong.push(format!("the body still has {clutter:?}"));
        }
    }
    if a.body.contains('\r') || a.body.contains('\u{feff}') || a.body.contains('\u{fffd}') {
        wrong.push("the body has a CR, a byte-order mark or a replacement character".into());
    }
    assert!(
        wrong.is_empty(),
        "{}:\n  {}\n--- body ---\n{}",
        e.path,
        wrong.join("\n  "),
        a.body
    );
}

// ---------------------------------------------------------------------------------------------
// Formats.

#[test]
fn the_whole_fixture_folder_imports_soundly_with_only_the_expected_problems() {
    assert!(
        ALL.sound,
        "library check failed after importing the fixtures"
    );
    // 9 text files, 1 Markdown, 2 pages, 1 JSON object, 2 JSON array records, 2 good JSON
    // lines, 2 + 2 CSV rows.
    assert_eq!(
        ALL.report.imported, 21,
        "imported: {:#?}\nproblems: {:#?}",
        ALL.report.articles, ALL.report.problems
    );
    let mut problems: Vec<String> = ALL
        .report
        .problems
        .iter()
        .map(|p| relative(&p.path))
        .collect();
    problems.sort();
    assert_eq!(
        problems,
        vec![
            "exports/river-ports-feed.jsonl:2",
            "unsupported/annual-report.pdf",
            "unsupported/interview-notes.docx",
        ],
        "{:#?}",
        ALL.report.problems
    );
}

#[test]
fn a_utf8_text_file_takes_its_title_from_the_first_line_and_its_date_from_the_dateline() {
    check(&Expect {
        path: "harbour-ledger/ferry-aground.txt",
        title: "Ferry runs aground off Skelmor Point, 40 passengers rescued",
        outlet: "The Harbour Ledger",
        published: Some("2025-02-03"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["UTF-8"],
        language: "en",
        format: "txt",
        body_has: &[
            "all forty passengers and six crew were taken off by lifeboat crews",
            "The operator said it would suspend the crossing",
        ],
        body_lacks: &[
            "Ferry runs aground off Skelmor Point, 40",
            "Share this:",
            "Facebook",
            "Twitter",
        ],
    });
}

#[test]
fn a_utf8_text_file_with_a_byte_order_mark_loses_the_mark_from_its_title() {
    check(&Expect {
        path: "harbour-ledger/sea-wall-vote-bom.txt",
        title: "Harbour council approves new sea wall for Brannock",
        outlet: "The Harbour Ledger",
        published: Some("2025-02-11"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["UTF-8"],
        language: "en",
        format: "txt",
        body_has: &["Councillors approved the plan by nine votes to two."],
        body_lacks: &["approves new sea wall"],
    });
}

#[test]
fn markdown_front_matter_gives_the_title_outlet_date_url_and_author() {
    check(&Expect {
        path: "harbour-ledger/dunmere-curfew.md",
        title: "Night curfew lifted in Dunmere after two weeks",
        outlet: "Northgate Evening Post",
        published: Some("2025-03-21"),
        date_source: Some("metadata"),
        url: Some("https://northgate-post.example/dunmere/curfew-lifted"),
        encoding: &["UTF-8"],
        language: "en",
        format: "md",
        body_has: &[
            "The town council of Dunmere lifted the night curfew on Friday",
            "far more than the clashes themselves.",
        ],
        body_lacks: &[
            "# Night curfew",
            "outlet:",
            "published:",
            "---",
            "**",
            "](https://",
        ],
    });
    let a = article("harbour-ledger/dunmere-curfew.md");
    // The Markdown is read as text (emphasis and link targets dropped); raw keeps the markup.
    assert!(a.body.contains("midnight, the mayor said"), "{}", a.body);
    assert!(a.raw.contains("**night curfew**"), "{}", a.raw);
    assert_eq!(a.author.as_deref(), Some("Ilse Morrow"));
    assert!(
        a.raw.starts_with("---\ntitle:"),
        "raw keeps the front matter: {}",
        a.raw
    );
}

#[test]
fn an_html_page_gives_the_article_without_navigation_scripts_captions_or_footer() {
    check(&Expect {
        path: "exports/pass-road-landslide.html",
        title: "Landslide closes Corrin Pass road for a week",
        outlet: "Coastline Daily Monitor",
        published: Some("2025-06-02"),
        date_source: Some("metadata"),
        url: Some("https://coastline-monitor.example/news/2025/06/02/corrin-pass-landslide"),
        encoding: &["UTF-8"],
        language: "en",
        format: "html",
        body_has: &[
            "A landslide buried two hundred metres of the Corrin Pass road on Sunday night",
            "a bus carrying thirty schoolchildren had crossed the pass",
            "a detour of about ninety minutes.",
        ],
        body_lacks: &[
            "Subscribe today",
            "Weather Desk",
            "Most read",
            "Harbour fees to rise",
            "All rights reserved",
            "Privacy policy",
            "trackPageView",
            "loadAd",
            "Share on Facebook",
            "Mud and rocks cover the road",
            "<p>",
        ],
    });
    let a = article("exports/pass-road-landslide.html");
    assert_eq!(a.author.as_deref(), Some("Tomas Ferreira"));
    assert!(a.raw.contains("<article>"), "raw keeps the page");
    let reasons: Vec<&str> = a.removed.iter().map(|s| s.reason.as_str()).collect();
    assert!(
        reasons.contains(&triangulate_core::import::clean::reason::CAPTION)
            && reasons.contains(&triangulate_core::import::clean::reason::SHARE_WIDGET),
        "the caption and share bar are kept as restorable cuts: {reasons:?}"
    );
}

#[test]
fn an_htm_page_without_an_article_element_drops_menus_sidebars_and_comments() {
    check(&Expect {
        path: "exports/lowmoor-mill-fire.htm",
        title: "Old mill destroyed by fire",
        outlet: "Lowmoor Gazette",
        published: Some("2025-06-10"),
        date_source: Some("metadata"),
        url: Some("https://lowmoor-gazette.example/2025/06/10/old-mill-fire.htm"),
        encoding: &["UTF-8"],
        language: "en",
        format: "html",
        body_has: &[
            "The old wool mill on the Lowmoor canal, empty for more than twenty years",
            "too early to know whether the plan could go ahead.",
        ],
        body_lacks: &[
            "Letters to the editor",
            "Related stories",
            "towpath to be resurfaced",
            "canalwalker",
            "4 Bridge Street",
            "font-family",
        ],
    });
}

#[test]
fn a_json_object_with_schema_org_field_names_is_one_article() {
    check(&Expect {
        path: "exports/eastfield-school-roof.json",
        title: "Eastfield school closed after roof collapse",
        outlet: "Eastfield Record",
        published: Some("2025-07-01"),
        date_source: Some("metadata"),
        url: Some("https://eastfield-record.example/news/school-roof-collapse"),
        encoding: &["UTF-8"],
        language: "en",
        format: "json",
        body_has: &[
            "Part of the sports hall roof at Eastfield Primary School collapsed",
            "classrooms at the community centre from next Monday.",
        ],
        body_lacks: &["\"headline\"", "wordCount", "schools"],
    });
    let a = article("exports/eastfield-school-roof.json");
    assert_eq!(a.author.as_deref(), Some("Nadia Park"));
    assert!(
        a.full_text.contains("fell in.\n\nParents were told"),
        "escaped newlines become paragraphs: {:?}",
        a.full_text
    );
}

#[test]
fn a_json_array_gives_one_article_per_record_with_camel_case_dates() {
    let records = [
        (
            "exports/tidewater-news.json#0",
            "Fishing fleet stays in port as storm nears Tidewater",
            "2025-07-04",
            "https://tidewater-radio.example/news/fleet-stays-in-port",
            "the ferry to Gull Island was cancelled.",
        ),
        (
            "exports/tidewater-news.json#1",
            "Storm brings down power lines across Tidewater",
            "2025-07-05",
            "https://tidewater-radio.example/news/storm-power-lines",
            "About six thousand homes in Tidewater",
        ),
    ];
    for (path, title, published, url, sentence) in records {
        check(&Expect {
            path,
            title,
            outlet: "Tidewater Radio",
            published: Some(published),
            date_source: Some("metadata"),
            url: Some(url),
            encoding: &["UTF-8"],
            language: "en",
            format: "json",
            body_has: &[sentence],
            // The description is a summary, not the article.
            body_lacks: &["Harbour master orders boats", "Thousands of homes without"],
        });
    }
}

#[test]
fn a_json_lines_file_imports_its_good_lines_and_reports_the_broken_one() {
    check(&Expect {
        path: "exports/river-ports-feed.jsonl:1",
        title: "Barge traffic resumes on the Sallow after lock repairs",
        outlet: "River Ports Bulletin",
        published: Some("2025-08-11"),
        date_source: Some("metadata"),
        url: Some("https://river-ports.example/sallow-lock-reopens"),
        encoding: &["UTF-8"],
        language: "en",
        format: "jsonl",
        body_has: &["Barge traffic on the river Sallow resumed on Monday"],
        body_lacks: &["\"site\""],
    });
    check(&Expect {
        path: "exports/river-ports-feed.jsonl:3",
        title: "Grain terminal at Oxley quay to double in size",
        outlet: "River Ports Bulletin",
        published: Some("2025-08-13"),
        date_source: Some("metadata"),
        url: Some("https://river-ports.example/oxley-grain-terminal"),
        encoding: &["UTF-8"],
        language: "en",
        format: "jsonl",
        body_has: &["The grain terminal on Oxley quay will double its storage capacity"],
        body_lacks: &[],
    });
    let broken = ALL
        .report
        .problems
        .iter()
        .find(|p| p.path.ends_with("river-ports-feed.jsonl:2"))
        .expect("the truncated line is reported with its line number");
    assert!(
        broken.reason.starts_with("invalid JSON"),
        "{}",
        broken.reason
    );
}

#[test]
fn a_csv_export_with_article_title_and_article_content_columns_reads_quoted_multiline_fields() {
    check(&Expect {
        path: "exports/media-monitor-export.csv:2",
        title: "Bridge inspections ordered after crack found in Harlow viaduct",
        outlet: "Northline Courier",
        published: Some("2025-07-03"),
        date_source: Some("metadata"),
        url: None,
        encoding: &["UTF-8"],
        language: "en",
        format: "csv",
        body_has: &[
            "Engineers found a crack, about a metre long, in a support of the Harlow viaduct",
            "trains will cross the viaduct at walking pace until the work is done.",
        ],
        body_lacks: &["1041", "Northline Courier", "7/3/2025"],
    });
    check(&Expect {
        path: "exports/media-monitor-export.csv:3",
        title: "Market traders protest new fees in Carrow, again",
        outlet: "Northline Courier",
        published: Some("2025-07-12"),
        date_source: Some("metadata"),
        url: None,
        encoding: &["UTF-8"],
        language: "en",
        format: "csv",
        body_has: &[
            "Traders at the Carrow covered market, about sixty of them, closed their stalls",
            "will drive small traders out of the market.",
        ],
        body_lacks: &["1042"],
    });
    let a = article("exports/media-monitor-export.csv:2");
    assert!(
        a.full_text
            .contains("check on Thursday.\n\nThe regional transport office"),
        "the quoted field keeps its paragraphs, with LF line ends: {:?}",
        a.full_text
    );
}

#[test]
fn a_csv_with_headline_text_publisher_published_columns_is_read_by_header_name() {
    let rows = [
        (
            "exports/press-digest.csv:2",
            "Wind farm off Pellan Head approved after two-year inquiry",
            "2025-09-01",
            "approved on Monday a wind farm of forty turbines off Pellan Head",
        ),
        (
            "exports/press-digest.csv:3",
            "Pellan fishermen lodge appeal against wind farm",
            "2025-09-04",
            "Three fishermen's associations lodged an appeal on Thursday",
        ),
    ];
    for (path, title, published, sentence) in rows {
        check(&Expect {
            path,
            title,
            outlet: "Western Shore Gazette",
            published: Some(published),
            date_source: Some("metadata"),
            url: None,
            encoding: &["UTF-8"],
            language: "en",
            format: "csv",
            body_has: &[sentence],
            body_lacks: &["Western Shore Gazette", "10:30", "16:00"],
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Encodings.

#[test]
fn utf16_little_endian_german_with_a_byte_order_mark_and_crlf_is_decoded() {
    check(&Expect {
        path: "rheinblick/hochwasser-altenfurt.txt",
        title: "Hochwasser in Altenfurt: Deich hält knapp stand",
        outlet: "Rheinblick Tagesblatt",
        published: Some("2025-03-14"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["UTF-16LE"],
        language: "de",
        format: "txt",
        body_has: &[
            "Rund zweihundert Helfer füllten in der Nacht Sandsäcke und sicherten die Straßen",
        ],
        body_lacks: &["Deich hält knapp stand"],
    });
}

#[test]
fn utf16_big_endian_italian_with_a_byte_order_mark_is_decoded() {
    check(&Expect {
        path: "gazzetta-montelupo/frana-strada.txt",
        title: "Frana sulla strada provinciale, isolate tre frazioni di Montelupo",
        outlet: "Gazzetta di Montelupo",
        published: Some("2025-04-09"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["UTF-16BE"],
        language: "it",
        format: "txt",
        body_has: &["Nessuno è rimasto ferito, ma circa quattrocento abitanti sono isolati."],
        body_lacks: &["isolate tre frazioni"],
    });
}

#[test]
fn russian_in_windows_1251_is_detected_and_its_russian_dateline_read() {
    check(&Expect {
        path: "severny-vestnik/most-ozyorsk.txt",
        title: "В Озёрске открыли новый мост через реку Вельму",
        outlet: "Северный вестник",
        published: Some("2025-03-12"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["windows-1251"],
        language: "ru",
        format: "txt",
        body_has: &["Новый мост через реку Вельму открыли в среду после двух лет строительства."],
        body_lacks: &["В Озёрске открыли"],
    });
}

#[test]
fn russian_in_koi8_r_is_detected_and_its_russian_dateline_read() {
    check(&Expect {
        path: "severny-vestnik/pozhar-kamenka.txt",
        title: "Пожар на складе в Каменке: пострадавших нет",
        outlet: "Северный вестник",
        published: Some("2025-04-05"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["KOI8-R", "KOI8-U"],
        language: "ru",
        format: "txt",
        body_has: &["Пожарные справились с огнём к утру, пострадавших нет"],
        body_lacks: &["Пожар на складе в Каменке:"],
    });
}

#[test]
fn french_in_windows_1252_keeps_its_accents_and_french_dateline() {
    check(&Expect {
        path: "courrier-valmont/incendie-foret.txt",
        title: "Les pompiers maîtrisent l’incendie de la forêt de Valmont",
        outlet: "Le Courrier de Valmont",
        published: Some("2025-04-18"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["windows-1252"],
        language: "fr",
        format: "txt",
        body_has: &[
            "Aucune habitation n’a été touchée, a précisé la préfecture.",
            "« le courage et le sang-froid »",
        ],
        body_lacks: &["maîtrisent l’incendie"],
    });
}

#[test]
fn spanish_in_windows_1252_keeps_its_accents_and_inverted_question_mark() {
    check(&Expect {
        path: "heraldo-santaluz/sequia-embalse.txt",
        title: "La sequía deja el embalse de Santaluz al doce por ciento",
        outlet: "El Heraldo de Santaluz",
        published: Some("2025-05-06"),
        date_source: Some("dateline"),
        url: None,
        encoding: &["windows-1252"],
        language: "es",
        format: "txt",
        body_has: &[
            "que abastece a más de cuarenta mil vecinos",
            "¿Cuánto durará la restricción?",
        ],
        body_lacks: &["deja el embalse de Santaluz al doce"],
    });
}

// ---------------------------------------------------------------------------------------------
// Files Triangulate does not read.

#[test]
fn pdf_and_docx_files_are_skipped_with_a_reason_that_says_so() {
    for name in ["annual-report.pdf", "interview-notes.docx"] {
        let problem = ALL
            .report
            .problems
            .iter()
            .find(|p| p.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} is reported: {:#?}", ALL.report.problems));
        assert!(
            problem.reason.starts_with("skipped:"),
            "{name}: {}",
            problem.reason
        );
        let ext = name.rsplit('.').next().unwrap();
        assert!(
            problem.reason.contains(&format!(".{ext}")),
            "the reason names the extension: {}",
            problem.reason
        );
    }
    assert!(
        ALL.report
            .articles
            .iter()
            .all(|a| !a.path.contains("unsupported")),
        "nothing from the unsupported folder is imported"
    );
}

// ---------------------------------------------------------------------------------------------
// Where the outlet comes from.

#[test]
fn a_sidecar_outlet_toml_names_the_outlet_of_the_files_in_its_folder() {
    let a = article("harbour-ledger/ferry-aground.txt");
    assert_eq!(a.outlet, "The Harbour Ledger");
    assert!(!a.outlet_is_guess);
    let a = article("severny-vestnik/most-ozyorsk.txt");
    assert_eq!(
        a.outlet, "Северный вестник",
        "a UTF-8 sidecar names a Cyrillic outlet"
    );
}

#[test]
fn a_file_that_names_its_own_outlet_keeps_it_over_the_sidecar() {
    // harbour-ledger/outlet.toml says "The Harbour Ledger"; the Markdown's front matter disagrees.
    let a = article("harbour-ledger/dunmere-curfew.md");
    assert_eq!(a.outlet, "Northgate Evening Post");
    assert!(!a.outlet_is_guess);
}

#[test]
fn the_import_option_outlet_applies_only_when_neither_file_nor_sidecar_names_one() {
    let options = ImportOptions {
        outlet: Some("Wire Desk Clippings".into()),
        ..Default::default()
    };
    let imported = import(&["loose-clippings", "harbour-ledger"], &options);
    assert!(imported.sound);
    let outlet_of = |path: &str| {
        let a = imported
            .articles
            .get(path)
            .unwrap_or_else(|| panic!("{path} imported: {:#?}", imported.report.problems));
        (a.outlet.as_str(), a.outlet_is_guess)
    };
    assert_eq!(
        outlet_of("loose-clippings/tram-line-opens.txt"),
        ("Wire Desk Clippings", false)
    );
    assert_eq!(
        outlet_of("harbour-ledger/ferry-aground.txt"),
        ("The Harbour Ledger", false),
        "the sidecar beats the option"
    );
    assert_eq!(
        outlet_of("harbour-ledger/dunmere-curfew.md"),
        ("Northgate Evening Post", false),
        "the file's own outlet beats the option"
    );
}

#[test]
fn without_any_outlet_the_outlet_is_unknown_rather_than_the_folders_name() {
    let a = article("loose-clippings/tram-line-opens.txt");
    assert_eq!(a.outlet, "Unknown outlet");
    assert!(
        a.outlet_is_guess,
        "an unknown outlet is for the analyst to set"
    );
    assert_eq!(
        a.title,
        "New tram line opens between Ashby station and the university"
    );
    assert_eq!(a.published.as_deref(), Some("2025-10-14"));
}

#[test]
fn importing_the_fixtures_twice_adds_nothing_the_second_time() {
    let (_dir, _path, mut library) = common::temp_library();
    let paths = [fixtures()];
    let first = import_paths(
        &mut library,
        &paths,
        &ImportOptions::default(),
        &Progress::new(),
    )
    .unwrap();
    let before = library.counts().unwrap();
    let second = import_paths(
        &mut library,
        &paths,
        &ImportOptions::default(),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(second.imported, 0);
    assert_eq!(second.skipped_duplicates, first.imported);
    assert_eq!(library.counts().unwrap().articles, before.articles);
    assert!(library.check().unwrap().is_sound());
}

#[test]
fn a_folder_named_like_an_outlet_of_the_library_gives_its_articles_that_outlet() {
    let (_dir, _path, mut library) = common::temp_library();
    // The library already has an outlet called "loose-clippings": the analyst named one so.
    let first = import_paths(
        &mut library,
        &[fixtures().join("harbour-ledger")],
        &Default::default(),
        &Progress::new(),
    )
    .expect("the first folder imports");
    library
        .assign_outlet(&[first.articles[0].id], "loose-clippings")
        .expect("the outlet is named");
    let report = import_paths(
        &mut library,
        &[fixtures().join("loose-clippings")],
        &Default::default(),
        &Progress::new(),
    )
    .expect("the second folder imports");
    let tram = report
        .articles
        .iter()
        .find(|a| a.path.ends_with("tram-line-opens.txt"))
        .expect("the tram article is imported");
    assert_eq!(tram.outlet, "loose-clippings");
}

/// Writes `files` (name, contents) into `folder` under a new temporary directory and imports
/// that folder into a new library: the report, and each article by file name.
fn import_written(
    folder: &str,
    files: &[(&str, &str)],
) -> (ImportReport, HashMap<String, Article>) {
    let (dir, _path, mut library) = common::temp_library();
    let root = dir.path().join(folder);
    std::fs::create_dir_all(&root).expect("folder");
    for (name, contents) in files {
        std::fs::write(root.join(name), contents).expect("file");
    }
    let report = import_paths(
        &mut library,
        &[root],
        &ImportOptions::default(),
        &Progress::new(),
    )
    .expect("the folder imports");
    let articles = report
        .articles
        .iter()
        .map(|a| {
            let name = Path::new(&a.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let article = library.article(a.id).expect("reads").expect("stored");
            (name, article)
        })
        .collect();
    (report, articles)
}

#[test]
fn a_site_name_heading_each_text_file_of_a_folder_is_its_outlet_not_its_headline() {
    let files = [
        (
            "a.txt",
            "The Harbour Ledger\n\nFerry runs aground off Dunmere\n\nA ferry ran aground off Dunmere on Tuesday, the coastguard said.",
        ),
        (
            "b.txt",
            "The Harbour Ledger\n\nCurfew lifted in the old port\n\nThe curfew in the old port was lifted on Monday after a week.",
        ),
        (
            "c.txt",
            "The Harbour Ledger\n\nTram line opens to the university\n\nThe new tram line opened on Sunday with free rides all day.",
        ),
        (
            "d.txt",
            "Fishermen protest quotas\n\nFishermen blocked the harbour mouth for an hour on Friday.",
        ),
    ];
    let (_report, articles) = import_written("clippings", &files);
    assert_eq!(articles["a.txt"].title, "Ferry runs aground off Dunmere");
    assert_eq!(articles["a.txt"].outlet, "The Harbour Ledger");
    assert!(!articles["a.txt"].outlet_is_guess);
    assert_eq!(articles["c.txt"].title, "Tram line opens to the university");
    assert!(
        articles["a.txt"]
            .removed
            .iter()
            .any(|r| r.reason.starts_with("site name")),
        "the site's name is a cut the analyst can see"
    );
    // A file whose first line is its own headline keeps it.
    assert_eq!(articles["d.txt"].title, "Fishermen protest quotas");
    assert_eq!(articles["d.txt"].outlet, "Unknown outlet");
    // Where each came from is kept (db/0013).
    let source = |name: &str| {
        let a = &articles[name];
        (a.title_source.as_deref(), a.outlet_source.as_deref())
    };
    assert_eq!(source("a.txt"), (Some("heading"), Some("first line")));
    assert_eq!(source("d.txt"), (Some("heading"), Some("none")));
}

#[test]
fn known_sources_name_outlets_from_an_address_a_folder_or_a_first_line() {
    let page = r#"<html><head><title>Ferry runs aground off Dunmere</title>
        <link rel="canonical" href="https://www.reuters.com/world/ferry-aground-2025-03-14/">
        </head><body><article><h1>Ferry runs aground off Dunmere</h1>
        <p>A ferry ran aground off Dunmere on Tuesday, the coastguard said, and all of its
        passengers were taken ashore by lifeboat within the hour.</p></article></body></html>"#;
    let (_report, articles) = import_written(
        "reuters",
        &[
            ("page.html", page),
            (
                "note.txt",
                "Ferry aground\n\nA ferry ran aground off Dunmere on Tuesday.",
            ),
            (
                "copied.txt",
                "www.reuters.com\nFerry aground off Dunmere\nA ferry ran aground on Tuesday.",
            ),
        ],
    );
    // The page states only its address: the registry names its outlet.
    assert_eq!(articles["page.html"].outlet, "Reuters");
    // A text file in a folder named after a known source.
    assert_eq!(articles["note.txt"].outlet, "Reuters");
    assert!(!articles["note.txt"].outlet_is_guess);
    // A text file headed by a known site's address.
    assert_eq!(articles["copied.txt"].outlet, "Reuters");
    assert_eq!(articles["copied.txt"].title, "Ferry aground off Dunmere");
    let outlet_source = |name: &str| articles[name].outlet_source.clone();
    assert_eq!(outlet_source("page.html").as_deref(), Some("registry"));
    assert_eq!(outlet_source("note.txt").as_deref(), Some("folder"));
    assert_eq!(outlet_source("copied.txt").as_deref(), Some("first line"));
    assert_eq!(
        articles["page.html"].outlet_found_note(),
        Some("from the page's address, through the registry of sources")
    );
    assert_eq!(
        articles["page.html"].title_source.as_deref(),
        Some("metadata")
    );
}

#[test]
fn a_front_page_imports_with_a_note_that_it_may_not_be_an_article() {
    let mut front = String::from("<html><head><title>The Harbour Ledger</title></head><body>");
    for i in 0..30 {
        front.push_str(&format!(
            "<h3><a href='/story/{i}'>Ferry news from the harbour, part {i} of the series</a></h3>"
        ));
    }
    front.push_str("</body></html>");
    let (report, articles) = import_written("ledger", &[("front.html", &front)]);
    assert!(articles.contains_key("front.html"), "imported all the same");
    let note = report
        .problems
        .iter()
        .find(|p| p.path.ends_with("front.html"))
        .expect("a note on the page");
    assert!(
        note.reason
            .starts_with(triangulate_core::import::NOT_AN_ARTICLE),
        "{}",
        note.reason
    );
}

#[test]
fn re_importing_a_file_whose_headline_changed_but_not_its_text_adds_nothing() {
    let (dir, _path, mut library) = common::temp_library();
    let root = dir.path().join("clips");
    std::fs::create_dir_all(&root).expect("folder");
    let file = root.join("ferry.txt");
    let body = "A ferry ran aground off Dunmere on Tuesday, the coastguard said.";
    std::fs::write(&file, format!("Ferry aground\n\n{body}")).expect("file");
    let import = |library: &mut triangulate_core::Library| {
        import_paths(
            library,
            std::slice::from_ref(&root),
            &ImportOptions::default(),
            &Progress::new(),
        )
        .expect("imports")
    };
    assert_eq!(import(&mut library).imported, 1);
    // As an upgrade that reads the headline otherwise would: the record's identity changes,
    // the file and its text do not.
    std::fs::write(&file, format!("Ferry runs aground\n\n{body}")).expect("file");
    let again = import(&mut library);
    assert_eq!((again.imported, again.skipped_duplicates), (0, 1));
    assert_eq!(library.counts().expect("counts").articles, 1);
}
