//! Fuzzes the date finder: metadata values (`parse_date`), an article's opening lines
//! (`date_in_text`) and the dates a body mentions (`dates_mentioned`), over any bytes read as
//! UTF-8 with replacement characters. Never panics; every date given is a real `YYYY-MM-DD`
//! (from metadata, in 1900–2200); mentions lie inside the text on char boundaries, in order and
//! not overlapping.

#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_core::analysis::dates::{date_in_text, dates_mentioned, parse_date};
use triangulate_fuzz::{check_span, is_iso_date};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(date) = parse_date(&text) {
        assert!(is_iso_date(&date), "{text:?} gave {date:?}");
        let year: i32 = date[..4].parse().unwrap();
        assert!((1900..=2200).contains(&year), "{text:?} gave {date:?}");
    }
    if let Some(date) = date_in_text(&text, Some(2025)) {
        assert!(
            is_iso_date(&date),
            "{text:?} gave {date:?} from its opening lines"
        );
    }
    let mut previous_end = 0;
    for m in dates_mentioned(&text, Some(2025)) {
        check_span(&text, m.start, m.end, "date mention");
        assert!(
            m.start >= previous_end,
            "{m:?} overlaps the mention before it"
        );
        previous_end = m.end;
        if let Some(date) = &m.date {
            assert!(is_iso_date(date), "{m:?} in {text:?} is YYYY-MM-DD");
        }
    }
});
