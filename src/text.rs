//! Small text helpers the importer, storage and views share: counting words, folding text for
//! exact-copy comparison, cutting removed spans, and making a safe full-text query.

/// Words in `text`: runs of letters or digits.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

/// The words of `text`: maximal runs of alphanumeric characters (apostrophes inside a word kept).
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]. Written out rather than `split` + `trim_matches` + `filter`: the
/// importer counts and folds every article's words several times, and reading ASCII a byte at a
/// time (decoding a character only where a byte is not ASCII) halves that cost. A property test
/// checks it gives what the `split` form gives.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    /// Whether a word goes on at byte `i`, and the length of the character there.
    fn word_char(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b.is_ascii() {
            return (b.is_ascii_alphanumeric() || b == b'\'', 1);
        }
        match self.text[i..].chars().next() {
            Some(c) => (c.is_alphanumeric() || c == '’', c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        while self.at < len {
            let (is_word, width) = self.word_char(self.at);
            if !is_word {
                self.at += width;
                continue;
            }
            let start = self.at;
            while self.at < len {
                let (is_word, width) = self.word_char(self.at);
                if !is_word {
                    break;
                }
                self.at += width;
            }
            let word = self.text[start..self.at].trim_matches(|c| c == '\'' || c == '’');
            if !word.is_empty() {
                return Some(word);
            }
        }
        None
    }
}

/// Text folded for exact-copy comparison: lower case, words only, single spaces. Two articles
/// whose folded bodies are equal are exact copies whatever their punctuation and line breaks.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// A hex BLAKE3 hash (128 bits, ample for identity) of the given parts, separated so that
/// ("ab", "c") and ("a", "bc") differ.
pub fn hash_parts(parts: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().to_hex()[..32].to_string()
}

/// `text` without the byte ranges in `cuts` (which may overlap and come in any order), with the
/// blank lines a cut leaves behind collapsed.
pub fn cut_spans(text: &str, cuts: &[(usize, usize)]) -> String {
    let mut cuts: Vec<(usize, usize)> = cuts
        .iter()
        .map(|&(s, e)| (s.min(text.len()), e.min(text.len())))
        .filter(|(s, e)| s < e)
        .collect();
    cuts.sort_unstable();
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in cuts {
        if start > at {
            kept.push_str(text.get(at..start).unwrap_or_default());
        }
        at = at.max(end);
    }
    kept.push_str(text.get(at..).unwrap_or_default());
    tidy_blank_lines(&kept)
}

/// Trims lines' trailing spaces, collapses runs of blank lines to one, and trims the ends.
pub fn tidy_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// An FTS5 query from what the analyst typed: each word quoted, so that punctuation and FTS
/// operators in the input cannot make a syntax error; all words must match.
pub fn fts_query(input: &str) -> String {
    words(input)
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form [`words`] replaced, kept to check it against.
    fn words_by_split(text: &str) -> Vec<&str> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn words_are_what_splitting_on_non_word_characters_gives(text in "\\PC{0,80}") {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_by_split(&text));
        }

        #[test]
        fn words_of_apostrophes_and_mixed_scripts_are_what_splitting_gives(
            text in "[a-zA-Zé0-9'’ .,—\\-йЖ١٢\n]{0,60}"
        ) {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_by_split(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_is_the_lower_case_words_joined_by_spaces(text in "\\PC{0,80}") {
            let by_chars: Vec<String> = words_by_split(&text)
                .into_iter()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            proptest::prop_assert_eq!(fold(&text), by_chars.join(" "));
        }
    }

    #[test]
    fn words_keep_inner_apostrophes_and_drop_outer_ones() {
        assert_eq!(
            words("'Tis the rebels’ town — it's Dayr al-Milh's ''").collect::<Vec<_>>(),
            [
                "Tis", "the", "rebels", "town", "it's", "Dayr", "al", "Milh's"
            ]
        );
    }

    #[test]
    fn folding_ignores_case_punctuation_and_line_breaks() {
        assert_eq!(
            fold("At least 35 killed,\r\nOfficials said."),
            "at least 35 killed officials said"
        );
        assert_eq!(
            fold("AT LEAST 35 KILLED — officials said"),
            fold("At least 35 killed; officials said!")
        );
    }

    #[test]
    fn cutting_spans_collapses_the_blank_lines_left_behind() {
        let text = "Title\n\nFirst.\n\nPHOTO - caption\n\nSecond.";
        let start = text.find("PHOTO").unwrap();
        let end = start + "PHOTO - caption\n".len();
        assert_eq!(
            cut_spans(text, &[(0, 7), (start, end)]),
            "First.\n\nSecond."
        );
    }

    #[test]
    fn cutting_spans_tolerates_overlaps_and_out_of_range_ends() {
        assert_eq!(cut_spans("abcdef", &[(1, 3), (2, 4), (5, 99)]), "ae");
    }

    #[test]
    fn an_fts_query_quotes_every_word() {
        assert_eq!(
            fts_query("Deir ez-Zor AND \"x"),
            "\"Deir\" \"ez\" \"Zor\" \"AND\" \"x\""
        );
        assert_eq!(fts_query("  ...  "), "");
    }
}
