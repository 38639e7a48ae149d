//! Properties of the importer's pure parts, for any input: parsing never panics, every removed span
//! lies inside the text on character boundaries, the body is the text minus the spans, every file
//! gives an article or a problem; the front-matter parser returns a suffix of its input; dates
//! found are real `YYYY-MM-DD` dates.

use std::path::PathBuf;

use proptest::prelude::*;
use triangulate_core::analysis::dates;
use triangulate_core::import::{ImportOptions, Origin, SourceFile, formats, parse_bytes};

const EXTENSIONS: &[&str] = &["txt", "md", "html", "json", "jsonl", "csv"];

fn source(ext: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from(format!("fuzz/input.{ext}")),
        origin: Origin::Disk,
        sidecar_outlet: None,
        folder: Some("fuzz".into()),
        site_line: None,
    }
}

/// Parses `bytes` as a file with extension `ext` and checks what comes back.
fn parse_and_check(ext: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let (articles, problems) = parse_bytes(&source(ext), bytes, &ImportOptions::default());
    prop_assert!(
        !articles.is_empty() || !problems.is_empty(),
        "a .{ext} file gives an article or a problem, never nothing"
    );
    for p in &problems {
        prop_assert!(!p.reason.trim().is_empty(), "a problem has a reason");
        prop_assert!(p.path.starts_with("fuzz/input."), "{}", p.path);
    }
    for a in &articles {
        let text = &a.full_text;
        for (start, end, reason) in &a.removed {
            prop_assert!(
                start <= end && *end <= text.len(),
                "span {start}..{end} ({reason}) inside a text of {} bytes",
                text.len()
            );
            prop_assert!(
                text.is_char_boundary(*start) && text.is_char_boundary(*end),
                "span {start}..{end} ({reason}) on char boundaries of {text:?}"
            );
            prop_assert!(!reason.is_empty());
        }
        let spans: Vec<(usize, usize)> = a.removed.iter().map(|(s, e, _)| (*s, *e)).collect();
        prop_assert_eq!(&a.body, &triangulate_core::text::cut_spans(text, &spans));
        prop_assert!(!a.body.trim().is_empty(), "an article has a body");
        prop_assert!(!a.title.is_empty(), "an article has a title");
        prop_assert!(!a.outlet.is_empty(), "an article has an outlet");
        prop_assert_eq!(
            a.format,
            formats::Format::from_extension(ext).unwrap().name()
        );
        if let Some(date) = &a.published {
            prop_assert!(is_iso_date(date), "published {date:?} is YYYY-MM-DD");
        }
    }
    Ok(())
}

fn is_iso_date(date: &str) -> bool {
    date.len() == 10
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .is_ok_and(|d| d.format("%Y-%m-%d").to_string() == date)
}

fn extension() -> impl Strategy<Value = &'static str> {
    prop::sample::select(EXTENSIONS)
}

/// Pieces of the formats Triangulate reads and the clutter it cleans, so that generated text
/// reaches front matter, JSON records, CSV rows, HTML blocks and every cleaning rule.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "---\n",
    "...\n",
    "title: ",
    "outlet: ",
    "published: ",
    "url: ",
    ":",
    "\"",
    "'",
    ",",
    "{",
    "}",
    "[",
    "]",
    "\"text\": ",
    "\"title\": ",
    "\"headline\": ",
    "\"datePublished\": ",
    "article_title,article_content,source,date\n",
    "headline,text,publisher,published\n",
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<nav>",
    "</nav>",
    "<figcaption>",
    "</figcaption>",
    "<script>",
    "</script>",
    "<div class=\"share\">",
    "</div>",
    "<h1>",
    "</h1>",
    "<meta property=\"og:site_name\" content=\"X\">",
    "<meta property=\"article:published_time\" content=\"2025-03-14\">",
    "# ",
    "Share this:",
    "Facebook",
    "PHOTO: ",
    "1 / 4",
    "Comments (2)",
    "Reply",
    "2 hours ago",
    "user_1",
    "Latest posts by ",
    "Bio",
    "You must be logged in",
    "March 15, 2025 at 9:14 pm",
    "14 March 2025",
    "3/14/2025",
    "2/30/2025",
    "12 марта 2025",
    "18 avril 2025",
    "September 5",
    "BEIRUT — ",
    "é",
    "ё",
    "ß",
    "\u{feff}",
    "\u{200b}",
    "\u{fffd}",
    "🙂",
    "Ω",
    "—",
    "’",
    "The council met on Tuesday to approve the budget for the water network. ",
    "Residents said the river rose overnight and flooded the lower streets of the town. ",
    "Valley Rovers win the cup after extra time",
];

fn structured_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,12}",
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_under_every_extension_never_panic_and_keep_spans_consistent(
        ext in extension(),
        bytes in prop::collection::vec(any::<u8>(), 0..4096),
    ) {
        parse_and_check(ext, &bytes)?;
    }

    #[test]
    fn arbitrary_utf8_text_under_every_extension_keeps_spans_consistent(
        ext in extension(),
        text in "\\PC{0,600}",
    ) {
        parse_and_check(ext, text.as_bytes())?;
    }

    #[test]
    fn text_made_of_format_pieces_and_clutter_keeps_spans_consistent(
        ext in extension(),
        text in structured_text(),
    ) {
        parse_and_check(ext, text.as_bytes())?;
    }

    #[test]
    fn format_pieces_in_legacy_and_utf16_encodings_keep_spans_consistent(
        ext in extension(),
        text in structured_text(),
        encoding in prop::sample::select(vec![
            encoding_rs::UTF_16LE, encoding_rs::UTF_16BE, encoding_rs::WINDOWS_1251,
            encoding_rs::KOI8_R, encoding_rs::WINDOWS_1252,
        ]),
    ) {
        let mut bytes = Vec::new();
        if encoding == encoding_rs::UTF_16LE {
            bytes.extend([0xFF, 0xFE]);
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        } else if encoding == encoding_rs::UTF_16BE {
            bytes.extend([0xFE, 0xFF]);
            bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        } else {
            bytes.extend(encoding.encode(&text).0.iter());
        }
        parse_and_check(ext, &bytes)?;
    }

    #[test]
    fn front_matter_never_panics_and_returns_a_suffix_of_its_input(
        text in prop_oneof![
            "\\PC{0,300}",
            structured_text(),
            structured_text().prop_map(|t| format!("---\n{t}")),
        ],
    ) {
        let (fields, body) = formats::front_matter(&text);
        prop_assert!(text.ends_with(body), "{body:?} is a suffix of {text:?}");
        if !fields.is_empty() {
            prop_assert!(text.starts_with("---\n"));
            prop_assert!(body.len() < text.len());
        }
        for (key, _) in &fields {
            prop_assert_eq!(key, &key.to_lowercase());
        }
    }

    #[test]
    fn parse_date_never_panics_and_only_gives_valid_dates(
        text in prop_oneof![
            "\\PC{0,60}",
            "[0-9]{1,5}[-/. ][0-9]{1,3}[-/. ][0-9]{1,5}([T ][0-9:]{0,8}Z?)?",
            "[0-9]{1,3}(st|nd|rd|th)? (March|Sept\\.|mai|марта|février|May|dec) [0-9]{1,5}",
            "(January|Feb\\.?|мая|août) [0-9]{1,3},? [0-9]{1,5}",
            "(Mon|Fri|Sun), [0-9]{1,2} (Jan|Mar|Dec) [0-9]{1,6} [0-9]{2}:[0-9]{2}(:[0-9]{2})? ([+-][0-9]{4}|GMT|UT|EST)",
        ],
    ) {
        if let Some(date) = dates::parse_date(&text) {
            prop_assert!(is_iso_date(&date), "{text:?} gave {date:?}");
            let year: i32 = date[..4].parse().unwrap();
            prop_assert!((1900..=2200).contains(&year), "{text:?} gave {date:?}");
        }
        if let Some(date) = dates::date_in_text(&text, Some(2025)) {
            prop_assert!(is_iso_date(&date), "{text:?} gave {date:?} from text");
        }
    }
}

#[test]
fn an_rfc_2822_date_outside_the_plausible_years_is_not_a_date() {
    // Metadata dates from other forms are kept to 1900–2200; mail-style dates are no exception.
    assert_eq!(dates::parse_date("Fri, 14 Mar 0099 08:30:00 +0000"), None);
    // RFC 2822 reads a 3-digit year as 1900 + year: this would be 2392.
    assert_eq!(dates::parse_date("Mon, 6 Jan 492 00:00 GMT"), None);
    assert_eq!(dates::parse_date("Sat, 14 Mar 20250 08:30:00 +0000"), None);
    assert_eq!(
        dates::parse_date("Fri, 14 Mar 2025 08:30:00 +0000").as_deref(),
        Some("2025-03-14")
    );
}

#[test]
fn files_with_no_records_are_reported_rather_than_silently_empty() {
    for (ext, bytes) in [
        ("csv", &b"headline,text,publisher,published\n"[..]),
        ("csv", &b"headline,text\r\n\r\n"[..]),
        ("jsonl", &b"\xEF\xBB\xBF"[..]),
        ("jsonl", &b"\xEF\xBB\xBF\n\n"[..]),
    ] {
        let (articles, problems) = parse_bytes(&source(ext), bytes, &ImportOptions::default());
        assert!(articles.is_empty());
        assert_eq!(problems.len(), 1, ".{ext} {bytes:?}: {problems:?}");
        assert!(
            problems[0].reason.contains("no articles"),
            "{}",
            problems[0].reason
        );
    }
}

#[test]
fn a_date_beyond_the_opening_lines_is_not_the_dateline_in_any_script() {
    // The dateline is looked for in the first 1,500 bytes; a date after them is about something
    // else. Cyrillic letters are two bytes each, so byte 1,500 can fall inside one.
    for letter in ["b", "б"] {
        for lead in ["T\n", "Tt\n"] {
            let text = format!(
                "{lead}{}\n12 марта 2025 and March 12, 2025\n",
                letter.repeat(1_600)
            );
            assert_eq!(
                dates::date_in_text(&text, None),
                None,
                "letter {letter:?}, lead {lead:?}"
            );
        }
    }
    let near = "Headline\nМосква, 12 марта 2025\nТекст.";
    assert_eq!(
        dates::date_in_text(near, None).as_deref(),
        Some("2025-03-12")
    );
}
