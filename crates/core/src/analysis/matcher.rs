//! Finds phrases (place names, actor names, lexicon terms) in tokenized text, whole words only.

use std::collections::HashMap;

use super::{Token, is_cyrillic, tokens};

/// A phrase compiled for matching.
#[derive(Debug, Clone)]
struct Phrase {
    words: Vec<String>,
    /// Short capitalised names (IS, CF) must be written in capitals: "is" is not Islamic State.
    exact_case: Option<String>,
    target: usize,
}

/// A set of phrases, each pointing at a target (a place, an actor group, a term).
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    by_first_word: HashMap<String, Vec<Phrase>>,
}

/// One match: the target and the byte span of the words matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub target: usize,
    pub start: usize,
    pub end: usize,
}

impl Matcher {
    /// Adds a phrase for `target`. Phrases with no words are ignored.
    pub fn add(&mut self, phrase: &str, target: usize) {
        let words: Vec<String> = tokens(phrase).into_iter().map(|t| t.folded).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let trimmed = phrase.trim();
        let exact_case = (words.len() == 1
            && trimmed.chars().count() <= 4
            && trimmed.chars().all(|c| c.is_uppercase()))
        .then(|| trimmed.to_string());
        let phrase = Phrase {
            words,
            exact_case,
            target,
        };
        for key in stems(&first) {
            let list = self.by_first_word.entry(key).or_default();
            list.push(phrase.clone());
            // Longest phrases first, so "Islamic State of Iraq" wins over "Islamic State".
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
    }

    /// Every match in the text, left to right, longest first where phrases overlap at one start.
    /// Overlapping matches of different targets at the same words are all returned.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut advanced = 1;
            let before = out.len();
            for key in stems(&tokens[i].folded) {
                let Some(phrases) = self.by_first_word.get(key.as_str()) else {
                    continue;
                };
                let mut matched_len = 0;
                for p in phrases {
                    if matched_len > p.words.len() {
                        break;
                    }
                    if !matches_at(p, text, &tokens[i..]) {
                        continue;
                    }
                    matched_len = p.words.len();
                    let found = Match {
                        target: p.target,
                        start: tokens[i].start,
                        end: tokens[i + p.words.len() - 1].end,
                    };
                    if !out[before..].contains(&found) {
                        out.push(found);
                    }
                }
                advanced = advanced.max(matched_len);
            }
            i += advanced.max(1);
        }
        out
    }
}

/// The keys a word is indexed and looked up under: itself, and for Cyrillic words also the word
/// without its last one or two letters, so that case endings (Ракка, Ракке; Мельх, Мельхе) meet.
fn stems(word: &str) -> Vec<String> {
    let mut keys = vec![word.to_string()];
    if is_cyrillic(word) {
        let chars: Vec<char> = word.chars().collect();
        for cut in 1..=2 {
            if chars.len() >= cut + 3 {
                keys.push(chars[..chars.len() - cut].iter().collect());
            }
        }
    }
    keys
}

fn word_matches(written: &str, wanted: &str) -> bool {
    if written == wanted {
        return true;
    }
    if !is_cyrillic(wanted) {
        return false;
    }
    // Cyrillic: the same word but for an ending of at most two letters on either side.
    let common = written
        .chars()
        .zip(wanted.chars())
        .take_while(|(a, b)| a == b)
        .count();
    common >= 3 && written.chars().count() - common <= 2 && wanted.chars().count() - common <= 2
}

fn matches_at(phrase: &Phrase, text: &str, tokens: &[Token]) -> bool {
    if tokens.len() < phrase.words.len() {
        return false;
    }
    let all = phrase
        .words
        .iter()
        .zip(tokens)
        .all(|(w, t)| word_matches(&t.folded, w));
    all && match &phrase.exact_case {
        Some(exact) => tokens[0].text(text) == exact,
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(m: &Matcher, text: &str) -> Vec<(usize, String)> {
        m.find(text, &tokens(text))
            .into_iter()
            .map(|x| (x.target, text[x.start..x.end].to_string()))
            .collect()
    }

    #[test]
    fn spelling_variants_match_whole_words() {
        let mut m = Matcher::default();
        m.add("Deir ez-Zor", 0);
        m.add("Deir Ezzor", 0);
        m.add("IS", 1);
        assert_eq!(
            found(
                &m,
                "Strikes near Deir Ez Zor and DEIR EZZOR; IS claimed it. It is over."
            ),
            vec![
                (0, "Deir Ez Zor".to_string()),
                (0, "DEIR EZZOR".to_string()),
                (1, "IS".to_string())
            ]
        );
        assert!(found(&m, "Deirezzor Deir").is_empty());
    }

    #[test]
    fn cyrillic_names_match_with_case_endings() {
        let mut m = Matcher::default();
        m.add("Дейр-эль-Мельх", 3);
        m.add("Ракка", 4);
        assert_eq!(found(&m, "на рынке в Дейр-эль-Мельхе").len(), 1);
        assert_eq!(found(&m, "бои в Ракке").len(), 1);
    }
}
