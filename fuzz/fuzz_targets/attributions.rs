//! Fuzzes attribution finding ("according to the Observatory", "“…,” said Adnan Rifai") with the
//! built-in lexicon: any bytes, read as UTF-8 with replacement characters, then tokenised.
//! Never panics; every attribution's span lies inside the text on char boundaries, and it names
//! a source.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use triangulate_core::analysis::{Lexicon, attributions::attributions, tokens};
use triangulate_fuzz::check_span;

/// Parsed once: the lexicon is fixed input, not what is fuzzed.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::built_in);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tokens = tokens(&text);
    for a in attributions(&text, &tokens, &LEXICON) {
        check_span(&text, a.start, a.end, &a.source);
        assert!(
            !a.source.trim().is_empty(),
            "attribution {a:?} names a source"
        );
    }
});
