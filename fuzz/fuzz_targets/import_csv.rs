//! Fuzzes the importer on `.csv` files: CSV exports (a header row naming the columns, one article a
//! row). Any bytes, decoded and parsed as `triangulate import` would: parsing never panics, the
//! file gives an article or a problem, removed spans lie inside the full text on char boundaries,
//! the body is the full text minus those spans, and a published date is a real `YYYY-MM-DD`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| triangulate_fuzz::check_import("csv", data));
