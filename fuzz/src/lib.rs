//! What the fuzz targets check, shared: the importer's invariants for one file of a given
//! format, and byte spans that must lie inside a text. The same invariants as
//! `tests/import_properties.rs`, asserted (a failed assert is a finding, like a panic).

use std::path::PathBuf;

use triangulate_core::import::{ImportOptions, Origin, SourceFile, formats, parse_bytes};

/// A file named `fuzz/input.{ext}` in a folder `fuzz`, with no sidecar outlet.
pub fn source(ext: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from(format!("fuzz/input.{ext}")),
        origin: Origin::Disk,
        sidecar_outlet: None,
        folder: Some("fuzz".into()),
        site_line: None,
    }
}

/// Parses `bytes` as a `.{ext}` file and checks what comes back: an article or a problem, never
/// nothing; every removed span inside `full_text` on char boundaries; the body is the full text
/// minus the spans; a published date, when present, is a real `YYYY-MM-DD`.
pub fn check_import(ext: &str, bytes: &[u8]) {
    let (articles, problems) = parse_bytes(&source(ext), bytes, &ImportOptions::default());
    assert!(
        !articles.is_empty() || !problems.is_empty(),
        "a .{ext} file gives an article or a problem, never nothing"
    );
    for p in &problems {
        assert!(!p.reason.trim().is_empty(), "a problem has a reason");
    }
    for a in &articles {
        let text = &a.full_text;
        for (start, end, reason) in &a.removed {
            check_span(text, *start, *end, reason);
            assert!(!reason.is_empty(), "span {start}..{end} has a reason");
        }
        let spans: Vec<(usize, usize)> = a.removed.iter().map(|(s, e, _)| (*s, *e)).collect();
        assert_eq!(
            a.body,
            triangulate_core::text::cut_spans(text, &spans),
            "the body is the full text minus the removed spans"
        );
        assert!(!a.body.trim().is_empty(), "an article has a body");
        assert!(!a.title.is_empty(), "an article has a title");
        assert!(!a.outlet.is_empty(), "an article has an outlet");
        assert_eq!(
            Some(a.format),
            formats::Format::from_extension(ext).map(|f| f.name())
        );
        if let Some(date) = &a.published {
            assert!(is_iso_date(date), "published {date:?} is YYYY-MM-DD");
        }
    }
}

/// Asserts that `start..end` lies inside `text`, on character boundaries.
pub fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && end <= text.len(),
        "span {start}..{end} ({what}) inside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "span {start}..{end} ({what}) on char boundaries of {text:?}"
    );
}

/// A real calendar date written `YYYY-MM-DD`.
pub fn is_iso_date(date: &str) -> bool {
    date.len() == 10
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .is_ok_and(|d| d.format("%Y-%m-%d").to_string() == date)
}
