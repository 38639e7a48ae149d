//! Fuzzes the claim extractor ("at least 19 civilians killed", "150-200 fighters"): any bytes,
//! read as UTF-8 with replacement characters, then tokenised and searched for claims. Never
//! panics; every claim's span lies inside the text on char boundaries and is not empty.

#![no_main]

use libfuzzer_sys::fuzz_target;
use triangulate_core::analysis::{claims::claims, tokens};
use triangulate_fuzz::check_span;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tokens = tokens(&text);
    for claim in claims(&text, &tokens) {
        check_span(&text, claim.start, claim.end, claim.kind.label());
        assert!(claim.start < claim.end, "claim {claim:?} has an empty span");
    }
});
