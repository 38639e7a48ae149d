//! Words with their places in the text, folded for matching. Self-contained (it needs only
//! `unicode-normalization`), so that the build script folds the shipped place names exactly as
//! texts are folded when they are matched (`build.rs` includes this file).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A word of a text: its byte span, and its folded form for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower case, accents and apostrophes removed: "Dar'a" and "Dara" fold alike.
    pub folded: String,
    /// Whether the word starts a sentence (first word, or after . ! ? or a line break).
    pub sentence_start: bool,
    /// A possessive written without its apostrophe ("Syrias civil war"), see [`tokens`].
    pub bare_possessive: bool,
}

impl Token {
    /// The word as written.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or_default()
    }

    /// Whether the word is a possessive, with its apostrophe ("Syria's") or, in a text that
    /// writes none, without ("Syrias"): it names what the word without its "s" names.
    pub fn is_possessive(&self, text: &str) -> bool {
        self.bare_possessive || possessive(self.text(text))
    }
}

/// Whether a word as written begins with a capital.
pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word as written is a possessive ("Syria's").
pub fn possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʿ' | 'ʾ' | '`')
}

/// The words of `text`: runs of letters and digits, apostrophes inside a word kept in the word.
/// Hyphens separate words, so "Deir ez-Zor" is three words, as is "Deir Ez Zor".
///
/// Some archives and corpora strip punctuation, apostrophes with it ("Syrias civil war",
/// "Idlibs countryside"). In a text that writes no apostrophe at all, a capitalised word ending in
/// "s" is taken as a possessive where the text also writes it without the "s", capitalised, as a
/// word of its own: "Syrias" beside "Syria", but not "Hamas" in a report that never writes "Hama".
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = words_of(text);
    if !text.contains(['\'', '’']) {
        mark_bare_possessives(text, &mut out);
    }
    out
}

/// The words themselves, for [`tokens`].
fn words_of(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(token(text, s, i, sentence_start));
            sentence_start = false;
        }
        // A full stop after a single capital ("U.S.") does not end a sentence.
        let after_initial = out
            .last()
            .is_some_and(|t: &Token| t.end == i && t.end - t.start == 1);
        if matches!(c, '!' | '?' | '\n') || (c == '.' && !after_initial) {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, text.len(), sentence_start));
    }
    out
}

fn token(text: &str, start: usize, end: usize, sentence_start: bool) -> Token {
    Token {
        start,
        end,
        folded: fold_word(&text[start..end]),
        sentence_start,
        bare_possessive: false,
    }
}

/// Marks the possessives a text without apostrophes writes without them (see [`tokens`]): a
/// capitalised word of five letters or more ending in "s", whose stem the text also writes
/// capitalised as a word of its own.
fn mark_bare_possessives(text: &str, tokens: &mut [Token]) {
    let names: std::collections::HashSet<&str> = tokens
        .iter()
        .filter(|t| capitalised(t.text(text)))
        .map(|t| t.folded.as_str())
        .collect();
    let marked: Vec<usize> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.folded.len() >= 5
                && capitalised(t.text(text))
                && t.text(text).ends_with('s')
                && t.folded
                    .strip_suffix('s')
                    .is_some_and(|stem| names.contains(stem))
        })
        .map(|(i, _)| i)
        .collect();
    for i in marked {
        tokens[i].bare_possessive = true;
    }
}

/// A word folded for matching: lower case, without accents or apostrophes.
pub fn fold_word(word: &str) -> String {
    // Most words are plain ASCII: no accents to strip, so skip the decomposition.
    if word.is_ascii() {
        return word
            .bytes()
            .filter(|b| !matches!(b, b'\'' | b'`'))
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c) && !is_apostrophe(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Articles that join the parts of a transliterated Arabic name ("Deir ez-Zor", "Tall al-Abyad").
const ARABIC_ARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "an", "az", "ed", "er", "es", "esh", "et", "en",
    "ez", "ul",
];

/// What the spellings of a transliterated Arabic name share: its consonants, once each, without
/// its articles, with q for k and without the "h" of a final "-ah", "-eh" ("Kafranbil", "Kafr
/// Nabl" and "Kafranbel" are all "kfrnbl"; "Tal Hamis" and "Tall Hamis" "tlhms"). `None` for a
/// name in another script, or with fewer than four consonants (too many names share those).
pub fn skeleton<'w>(folded: impl IntoIterator<Item = &'w str>) -> Option<String> {
    let mut out = String::new();
    for word in folded {
        if ARABIC_ARTICLES.contains(&word) {
            continue;
        }
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w');
        let word = match word.as_bytes() {
            [.., v, b'h'] if word.len() > 3 && vowel(*v) => &word[..word.len() - 1],
            _ => word,
        };
        for b in word.bytes().filter(|b| !vowel(*b)) {
            let c = char::from(if b == b'q' { b'k' } else { b });
            if !out.ends_with(c) {
                out.push(c);
            }
        }
    }
    (out.len() >= 4).then_some(out)
}

/// Whether a folded word is an article inside a transliterated Arabic name ("al", "ez").
pub fn arabic_article(word: &str) -> bool {
    ARABIC_ARTICLES.contains(&word)
}

/// Whether a word is written in Cyrillic (whose words take case endings: Дейр-эль-Мельхе).
pub fn is_cyrillic(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_without_apostrophes_writes_possessives_without_them() {
        let text = "Syria said so. Syrias war began in Idlib. Hamas and Texas stayed apart.";
        let possessive: Vec<&str> = tokens(text)
            .iter()
            .filter(|t| t.is_possessive(text))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(possessive, ["Syrias"]);
        // A text that writes apostrophes writes its possessives with them.
        let text = "Syria's war. Syrias is a typo.";
        let possessive: Vec<&str> = tokens(text)
            .iter()
            .filter(|t| t.is_possessive(text))
            .map(|t| t.text(text))
            .collect();
        assert_eq!(possessive, ["Syria's"]);
    }

    #[test]
    fn spellings_of_one_arabic_name_share_a_skeleton() {
        let of = |name: &str| {
            let folded: Vec<String> = tokens(name).into_iter().map(|t| t.folded).collect();
            skeleton(folded.iter().map(String::as_str))
        };
        for (a, b) in [
            ("Kafranbil", "Kafr Nabl"),
            ("Kafarbatna", "Kafr Batna"),
            ("Tal Hamis", "Tall Hamis"),
            ("Nishabiya", "An Nashabiyah"),
            ("Deir ez-Zor", "Dayr az Zawr"),
            ("Sheikh Maqsoud", "Shaykh Maksud"),
        ] {
            assert_eq!(of(a), of(b), "{a} and {b}");
            assert!(of(a).is_some(), "{a}");
        }
        assert_ne!(of("Kafranbil"), of("Kafr Batna"));
        assert_eq!(of("Homs"), None, "three consonants are too few");
        assert_eq!(of("دير الزور"), None, "Latin letters only");
    }
}
