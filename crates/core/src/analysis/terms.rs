//! Content words (for TF-IDF similarity) and names (capitalised words inside sentences).

use std::collections::HashMap;

use super::Token;

/// Words too common to say what a text is about.
pub fn is_stopword(word: &str) -> bool {
    const EN: &[&str] = &[
        "the",
        "and",
        "for",
        "that",
        "with",
        "was",
        "were",
        "are",
        "his",
        "her",
        "its",
        "their",
        "they",
        "this",
        "these",
        "those",
        "from",
        "said",
        "says",
        "say",
        "has",
        "have",
        "had",
        "not",
        "but",
        "who",
        "which",
        "what",
        "when",
        "where",
        "will",
        "would",
        "could",
        "should",
        "been",
        "being",
        "there",
        "than",
        "then",
        "them",
        "him",
        "she",
        "all",
        "any",
        "also",
        "after",
        "before",
        "about",
        "into",
        "over",
        "under",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "our",
        "out",
        "one",
        "two",
        "can",
        "did",
        "does",
        "just",
        "very",
        "may",
        "might",
        "must",
        "told",
        "because",
        "while",
        "during",
        "since",
        "until",
        "between",
        "against",
        "through",
        "both",
        "each",
        "few",
        "many",
        "much",
        "own",
        "same",
        "upon",
        "you",
        "your",
        "yours",
        "we",
        "us",
        "he",
        "it",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "as",
        "an",
        "a",
        "is",
        "be",
        "or",
        "if",
        "so",
        "no",
        "do",
        "up",
        "off",
        "new",
        "now",
        "how",
        "why",
        "yet",
        "per",
        "via",
        "mr",
        "mrs",
        "ms",
        "according",
        "reported",
        "report",
        "reports",
        "news",
        "including",
        "still",
        "like",
        "even",
        "another",
        "made",
        "make",
        "among",
        "around",
        "without",
        "within",
        "people",
        "year",
        "years",
        "time",
        "week",
        "day",
        "days",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "statement",
        "added",
        "later",
        "earlier",
    ];
    const RU: &[&str] = &[
        "и",
        "в",
        "во",
        "не",
        "что",
        "он",
        "на",
        "я",
        "с",
        "со",
        "как",
        "а",
        "то",
        "все",
        "она",
        "так",
        "его",
        "но",
        "да",
        "ты",
        "к",
        "у",
        "же",
        "вы",
        "за",
        "бы",
        "по",
        "только",
        "ее",
        "мне",
        "было",
        "вот",
        "от",
        "меня",
        "еще",
        "ещё",
        "нет",
        "о",
        "из",
        "ему",
        "для",
        "при",
        "это",
        "этот",
        "этого",
        "были",
        "был",
        "была",
        "также",
        "который",
        "которые",
        "после",
    ];
    static SET: std::sync::OnceLock<foldhash::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| EN.iter().chain(RU).copied().collect())
        .contains(word)
}

/// The content words of a text with their counts: folded, three letters or more, no stopwords,
/// no numbers.
pub fn content_words(tokens: &[Token]) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for_each_content_word(tokens, |w| *counts.entry(w.to_string()).or_default() += 1);
    counts
}

/// Calls `f` with each content word, stemmed, as [`content_words`] counts them, without
/// allocating.
pub fn for_each_content_word(tokens: &[Token], mut f: impl FnMut(&str)) {
    for t in tokens {
        let w = t.folded.as_str();
        if w.chars().count() < 3 || w.chars().all(|c| c.is_numeric()) || is_stopword(w) {
            continue;
        }
        f(stem(w));
    }
}

/// A light English plural stem, so "strikes" and "strike" count as one word.
fn stem(word: &str) -> &str {
    if word.len() > 4 && word.ends_with('s') && !word.ends_with("ss") && word.is_ascii() {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Names: capitalised words that do not start a sentence (so "Bachmann" and "Newsweek" but not
/// "The"), folded, with counts.
pub fn names(text: &str, tokens: &[Token]) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for t in tokens.iter().filter(|t| !t.sentence_start) {
        let written = t.text(text);
        if !super::capitalised(written)
            || written.chars().count() < 3
            || is_stopword(&t.folded)
            || written.chars().all(|c| c.is_uppercase()) && written.chars().count() > 6
        {
            continue;
        }
        *counts.entry(t.folded.clone()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    #[test]
    fn content_words_skip_stopwords_and_numbers() {
        let text = "The strikes hit the market; 19 strike victims were named.";
        let words = content_words(&tokens(text));
        assert_eq!(words.get("strike"), Some(&2));
        assert!(!words.contains_key("the") && !words.contains_key("19"));
    }

    #[test]
    fn names_are_capitalised_words_inside_sentences() {
        let text =
            "The magazine Newsweek put Bachmann on its cover. Critics said Bachmann looked odd.";
        let names = names(text, &tokens(text));
        assert_eq!(names.get("bachmann"), Some(&2));
        assert_eq!(names.get("newsweek"), Some(&1));
        assert!(!names.contains_key("the") && !names.contains_key("critics"));
    }
}
