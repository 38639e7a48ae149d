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

/// The iterator of [`words`]. Written out rather than `split` + `trim_matches` + `filter`, because
/// the importer reads every article's body word by word (folded and counted in one pass): ASCII
/// is read a byte at a time through a table, a character is decoded only where a byte is not
/// ASCII, and the apostrophe trim is skipped for the words that need none. Property tests check
/// it gives what the `split` form gives.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// Which ASCII bytes go on a word: letters, digits and the apostrophe.
const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'\'' as usize;
        b += 1;
    }
    table
};

/// Whether a word goes on at byte `i` of `text` (a character boundary), and the character's length.
#[inline]
fn word_char(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b.is_ascii() => (ASCII_WORD[usize::from(b)], 1),
        _ => match text[i..].chars().next() {
            Some(c) => (c.is_alphanumeric() || c == '’', c.len_utf8()),
            None => (false, 1),
        },
    }
}

/// A run of word characters without the apostrophes at its ends.
#[inline]
fn trim_apostrophes(run: &str) -> &str {
    let bytes = run.as_bytes();
    // Most words neither begin nor end with ' or ’ (E2 80 99), and need no trimming.
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last))
            if first != b'\'' && first != 0xE2 && last != b'\'' && last != 0x99 =>
        {
            run
        }
        _ => run.trim_matches(|c| c == '\'' || c == '’'),
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        let len = text.len();
        let mut i = self.at;
        loop {
            while i < len {
                let (is_word, width) = word_char(text, i);
                if is_word {
                    break;
                }
                i += width;
            }
            if i >= len {
                self.at = len;
                return None;
            }
            let start = i;
            while i < len {
                let (is_word, width) = word_char(text, i);
                if !is_word {
                    break;
                }
                i += width;
            }
            self.at = i;
            let word = trim_apostrophes(&text[start..i]);
            if !word.is_empty() {
                return Some(word);
            }
        }
    }
}

/// Text folded for exact-copy comparison: lower case, words only, single spaces. Two articles
/// whose folded bodies are equal are exact copies whatever their punctuation and line breaks.
pub fn fold(text: &str) -> String {
    fold_counting(text).0
}

/// [`fold`] and [`word_count`] of `text` in one pass over it.
pub fn fold_counting(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    for word in words(text) {
        if count > 0 {
            out.push(' ');
        }
        count += 1;
        if word.is_ascii() {
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    (out, count)
}

/// Whether [`fold`] of `text` is `folded`, reading `text` only as far as the first word that
/// differs (a paragraph is not folded whole to learn that it is not the headline).
pub fn folds_to(text: &str, folded: &str) -> bool {
    let mut expected = folded.split(' ').filter(|w| !w.is_empty());
    for word in words(text) {
        let Some(want) = expected.next() else {
            return false;
        };
        if !word.chars().flat_map(char::to_lowercase).eq(want.chars()) {
            return false;
        }
    }
    expected.next().is_none()
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

/// What comes before and after `part` in `text`, which is then `before + part + after`; `None`
/// when `part` is not found there. Made for a long part (an article's body in its full text): it
/// is looked for by its first few bytes and compared whole at the first four places they appear
/// (a headline often begins like the body it tops). `str::find` would first prepare a searcher
/// over the whole part (measured: 5% of an import, on the writer's thread); four places keep the
/// work linear even in a text of one repeated character, where a part can start almost anywhere.
pub fn around<'a>(text: &'a str, part: &str) -> Option<(&'a str, &'a str)> {
    let mut probe = part.len().min(32);
    while !part.is_char_boundary(probe) {
        probe -= 1;
    }
    let probe = &part[..probe];
    let mut from = 0;
    for _ in 0..4 {
        let at = from + text.get(from..)?.find(probe)?;
        if text[at..].starts_with(part) {
            return Some((&text[..at], &text[at + part.len()..]));
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
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

/// The site of an address, as the import names an outlet the registry of sources does not know, and as matching
/// by domain compares it:
/// `https://www.example.co.uk/news/1` is `example.co.uk`.
pub fn site_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let plausible = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    plausible.then(|| host.to_string())
}

/// The host of a line that is only a web address: "www.example.com", "https://example.org/",
/// not "U.S." or "3.5".
pub fn web_address(line: &str) -> Option<String> {
    if line.contains(char::is_whitespace) {
        return None;
    }
    let with_scheme = if line.contains("://") {
        line.to_string()
    } else {
        format!("http://{line}")
    };
    let host = site_of(&with_scheme)?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_of_an_address_is_its_host_without_www() {
        assert_eq!(
            site_of("https://www.example.co.uk/news/2017/09/05/story").as_deref(),
            Some("example.co.uk")
        );
        assert_eq!(
            site_of("http://user@News.Example.org:8080/a?b#c").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(site_of("/relative/path"), None);
        assert_eq!(site_of("https://localhost/x"), None);
        assert_eq!(site_of("not an address"), None);
    }

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
            proptest::prop_assert_eq!(fold_counting(&text).1, by_chars.len());
        }
    }

    proptest::proptest! {
        #[test]
        fn the_text_around_a_part_gives_the_text_back(
            before in "\\PC{0,20}", part in "\\PC{0,40}", after in "\\PC{0,20}"
        ) {
            let text = format!("{before}{part}{after}");
            if let Some((head, tail)) = around(&text, &part) {
                proptest::prop_assert_eq!(format!("{head}{part}{tail}"), text);
            }
        }

        #[test]
        fn a_short_part_in_the_text_is_always_found(
            before in "\\PC{0,20}", part in "[a-zé ]{0,10}", after in "\\PC{0,20}"
        ) {
            // Its first bytes are all of it, so the first place they appear is a match.
            let text = format!("{before}{part}{after}");
            proptest::prop_assert!(around(&text, &part).is_some());
        }
    }

    proptest::proptest! {
        #[test]
        fn folds_to_is_comparing_folds(a in "[a-zA-Zé' .,\n-]{0,30}", b in "[a-zA-Zé' .,\n-]{0,30}") {
            proptest::prop_assert_eq!(folds_to(&a, &fold(&b)), fold(&a) == fold(&b));
            proptest::prop_assert!(folds_to(&a, &fold(&a)));
        }
    }

    #[test]
    fn a_part_not_in_the_text_has_nothing_around_it() {
        assert_eq!(around("Kessmar harbour", "Varnholm"), None);
        assert_eq!(around("Kessmar harbour", "harbour"), Some(("Kessmar ", "")));
        // The first bytes match early, the whole part only later.
        let long = "the ferry from Kessmar to Varnholm sails at dawn, weather permitting";
        let text = format!("the ferry from Kessmar to Varnholm sails at noon; {long}.");
        assert_eq!(
            around(&text, long),
            Some(("the ferry from Kessmar to Varnholm sails at noon; ", "."))
        );
        // One repeated character: the part's first bytes appear everywhere; four tries, then
        // none (the caller keeps the whole text), instead of a comparison at every place.
        let text = format!("{}b", "a".repeat(200_000));
        let part = format!("{}b", "a".repeat(100_000));
        assert_eq!(around(&text, &part), None);
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
