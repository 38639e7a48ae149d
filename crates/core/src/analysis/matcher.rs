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
    /// Looked up once per word of every text matched: a fast, fixed hash.
    by_first_word: HashMap<String, Vec<Phrase>, foldhash::fast::FixedState>,
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
            let before = out.len();
            let mut advanced = 1;
            // The word and its possessive's stem, looked up as they are (nothing allocated);
            // Cyrillic words under their case stems too.
            for form in forms(&tokens[i], text) {
                if is_cyrillic(form) {
                    for key in stems(form) {
                        advanced =
                            advanced.max(self.match_at(&key, text, tokens, i, before, &mut out));
                    }
                } else {
                    advanced = advanced.max(self.match_at(form, text, tokens, i, before, &mut out));
                }
            }
            i += advanced;
        }
        out
    }

    /// The phrases starting with `key` that match at token `i`, longest first, added to `out`
    /// (once each since `before`); how many words the longest spans.
    fn match_at(
        &self,
        key: &str,
        text: &str,
        tokens: &[Token],
        i: usize,
        before: usize,
        out: &mut Vec<Match>,
    ) -> usize {
        let Some(phrases) = self.by_first_word.get(key) else {
            return 0;
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
        matched_len
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

/// Whether a written word is the wanted one. Cyrillic words take case endings: the wanted word
/// without a final vowel, ь or й is its stem, and the written word is that stem and at most two
/// letters more (three after a stem of five letters: "исламского"). So Ракке and Ракку are
/// Ракка, but ракет is not, nor мост Мосул.
fn word_matches(written: &str, wanted: &str) -> bool {
    if written == wanted {
        return true;
    }
    if !is_cyrillic(wanted) {
        return false;
    }
    let stem = wanted
        .strip_suffix([
            'а', 'я', 'о', 'е', 'ё', 'и', 'ы', 'у', 'ю', 'ь', 'й', 'і', 'ї', 'є',
        ])
        .unwrap_or(wanted);
    let stem_letters = stem.chars().count();
    let extra = if stem_letters >= 5 { 3 } else { 2 };
    stem_letters >= 3
        && written
            .strip_prefix(stem)
            .is_some_and(|rest| rest.chars().count() <= extra)
}

/// The folded word, and for a possessive the word without its "s".
fn forms<'t>(token: &'t Token, text: &str) -> impl Iterator<Item = &'t str> {
    // A possessive ("Syria's") names what the word would name alone.
    let stem = token
        .is_possessive(text)
        .then(|| token.folded.strip_suffix('s'))
        .flatten();
    std::iter::once(token.folded.as_str()).chain(stem)
}

fn matches_at(phrase: &Phrase, text: &str, tokens: &[Token]) -> bool {
    if tokens.len() < phrase.words.len() {
        return false;
    }
    let all = phrase
        .words
        .iter()
        .zip(tokens)
        .all(|(w, t)| forms(t, text).any(|form| word_matches(form, w)));
    // "GOP’s" is "GOP" written as a possessive.
    all && match &phrase.exact_case {
        Some(exact) => {
            let written = tokens[0].text(text);
            written == exact
                || (tokens[0].is_possessive(text)
                    && written
                        .strip_suffix("'s")
                        .or_else(|| written.strip_suffix("’s"))
                        .or_else(|| written.strip_suffix('s'))
                        == Some(exact.as_str()))
        }
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
        // A stem and an ending, not any word that begins alike.
        assert!(found(&m, "удар ракет").is_empty());
        m.add("Мосул", 5);
        assert_eq!(found(&m, "под Мосулом").len(), 1);
        assert!(found(&m, "через мост").is_empty());
        m.add("Исламское государство", 6);
        assert_eq!(found(&m, "боевики Исламского государства").len(), 1);
    }

    #[test]
    fn a_possessive_names_what_the_name_does() {
        let mut m = Matcher::default();
        m.add("Syria", 0);
        m.add("Deir ez-Zor", 1);
        assert_eq!(
            found(&m, "Syria's army held Deir ez-Zor's airport."),
            vec![(0, "Syria's".to_string()), (1, "Deir ez-Zor's".to_string())]
        );
    }
}
