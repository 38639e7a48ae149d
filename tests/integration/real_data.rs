//! The real corpora of `../shared/data` as the tests that score extraction on them read them:
//! FA-KES's articles by unit id, whole-word occurrences of marked words, context for misses.
//! Nothing here copies their texts into the project.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// `../shared/data`, beside the project.
pub fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data")
}

/// FA-KES's articles by unit id, as title, a line break, content.
pub fn fakes() -> HashMap<String, String> {
    let mut out = HashMap::new();
    let Ok(mut reader) = csv::Reader::from_path(data().join("fa-kes-dev/fa-kes-dev.csv")) else {
        return out;
    };
    for row in reader.records().flatten() {
        let field = |i: usize| row.get(i).unwrap_or_default();
        out.insert(field(0).to_string(), format!("{}\n{}", field(1), field(2)));
    }
    out
}

/// An article's text as the marks count in it: title, a line break, body; FA-KES's from
/// `fakes` (see [`fakes`]), the others' from their JSON file.
pub fn article_text(
    corpus: &str,
    reference: &str,
    fakes: &HashMap<String, String>,
) -> Option<String> {
    if corpus == "fa-kes-dev" {
        return fakes.get(reference).cloned();
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data().join(corpus).join(reference)).ok()?)
            .ok()?;
    Some(format!(
        "{}\n{}",
        json["title"].as_str().unwrap_or_default(),
        json["body"].as_str().unwrap_or_default()
    ))
}

/// The byte span of the n-th (from 1) whole-word, case-sensitive occurrence of `word` in `text`.
pub fn nth_occurrence(text: &str, word: &str, n: usize) -> Option<(usize, usize)> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word)
        .filter(|(at, _)| {
            boundary(text[..*at].chars().next_back())
                && boundary(text[at + word.len()..].chars().next())
        })
        .nth(n.checked_sub(1)?)
        .map(|(at, _)| (at, at + word.len()))
}

/// `chars` characters either side of a span, on one line, for the printed misses.
pub fn around(text: &str, start: usize, end: usize, chars: usize) -> String {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(chars)
        .map_or(0, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| end + i);
    text[from..to].replace('\n', " ")
}
