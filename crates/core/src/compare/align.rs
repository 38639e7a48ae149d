//! Sentence alignment across reports: which sentences two or more reports share (syndicated wire
//! text, a quote every outlet carried) and which only one report has — what the others omit.
//!
//! Sentences are compared on their content words (folded, stopwords out, numbers kept). Two
//! sentences are the same passage when they share at least four content words and those cover
//! three quarters of the shorter sentence: a rewritten lead that keeps the facts and most words
//! counts, a sentence that only shares the place name and the toll does not. Candidate pairs come
//! from an inverted index of the sentences' rarer words (a word found in most sentences of the
//! comparison is no key), so the work grows with what is shared, not with the square of the
//! sentences; each candidate's overlap is then counted exactly.

use std::collections::HashMap;

use crate::analysis::Token;
use crate::analysis::terms::is_stopword;

/// A sentence's span in its report's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
}

/// A body's sentences: each span, and the range of its tokens.
pub type Sentences = Vec<(SentenceSpan, std::ops::Range<usize>)>;

/// A report ready to align: its tokens and its sentences.
pub type Prepared = (Vec<Token>, Sentences);

/// Sentences need this many content words to be called shared or unique; shorter ones ("Share
/// this", a dateline) are neither.
pub const MIN_WORDS: usize = 4;

/// The sentences of a body, from its tokens: each runs from a sentence-starting word to the end
/// of the last word before the next one, taking the closing punctuation with it.
pub fn sentences(text: &str, tokens: &[Token]) -> Sentences {
    let mut out = Vec::new();
    let mut first = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || tokens[i].sentence_start {
            // Take an opening quote or bracket with the sentence.
            let mut start = tokens[first].start;
            let before = &text[..start];
            let lead: usize = before
                .chars()
                .rev()
                .take_while(|c| matches!(c, '"' | '“' | '‘' | '«' | '('))
                .map(char::len_utf8)
                .sum();
            start -= lead;
            let mut end = tokens[i - 1].end;
            // Take the full stop and a closing quote, not the space or line break after.
            let rest = &text[end..];
            let tail: usize = rest
                .chars()
                .take_while(|c| matches!(c, '.' | '!' | '?' | '"' | '”' | '’' | '»' | ')'))
                .map(char::len_utf8)
                .sum();
            end += tail;
            out.push((SentenceSpan { start, end }, first..i));
            first = i;
        }
    }
    out
}

/// For each report, for each sentence: the other reports that share it.
pub fn align(reports: &[Prepared]) -> Vec<Vec<Vec<usize>>> {
    // Content words of every sentence, as word ids.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut words: Vec<Vec<Vec<u32>>> = Vec::with_capacity(reports.len());
    for (tokens, sents) in reports {
        let mut per = Vec::with_capacity(sents.len());
        for (_, range) in sents {
            let mut w: Vec<u32> = tokens[range.clone()]
                .iter()
                .filter(|t| t.folded.chars().count() > 1 && !is_stopword(&t.folded))
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t.folded.as_str()).or_insert(next)
                })
                .collect();
            w.sort_unstable();
            w.dedup();
            per.push(w);
        }
        words.push(per);
    }
    // Every sentence gets a number, in report order, so that counts live in one array.
    let mut first_of: Vec<usize> = Vec::with_capacity(words.len() + 1);
    let mut where_: Vec<(usize, usize)> = Vec::new();
    for (r, per) in words.iter().enumerate() {
        first_of.push(where_.len());
        where_.extend((0..per.len()).map(|s| (r, s)));
    }
    first_of.push(where_.len());
    // Inverted index: word id → sentences (by number, ascending).
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ids.len()];
    for (g, &(r, s)) in where_.iter().enumerate() {
        let w = &words[r][s];
        if w.len() < MIN_WORDS {
            continue;
        }
        for &id in w {
            postings[id as usize].push(g as u32);
        }
    }
    let mut shared: Vec<Vec<Vec<usize>>> = words
        .iter()
        .map(|per| vec![Vec::new(); per.len()])
        .collect();
    let mut seen: Vec<bool> = vec![false; where_.len()];
    let common_cap = (where_.len() / 10).max(50);
    let mut touched: Vec<u32> = Vec::new();
    for (r, per) in words.iter().enumerate() {
        // Only later reports: each pair of sentences is counted once.
        let later = first_of[r + 1] as u32;
        for (s, w) in per.iter().enumerate() {
            if w.len() < MIN_WORDS {
                continue;
            }
            // Candidates come through the sentence's rarer words (a word in most sentences of
            // the comparison finds everything and says nothing); the overlap is then counted
            // exactly on the two word lists.
            let mut keys: Vec<u32> = w
                .iter()
                .copied()
                .filter(|&id| postings[id as usize].len() <= common_cap)
                .collect();
            if keys.len() < 2 {
                keys = w.clone();
                keys.sort_by_key(|&id| postings[id as usize].len());
                keys.truncate(2);
            }
            for id in keys {
                let list = &postings[id as usize];
                let from = list.partition_point(|&g| g < later);
                for &g in &list[from..] {
                    if !seen[g as usize] {
                        seen[g as usize] = true;
                        touched.push(g);
                    }
                }
            }
            for g in touched.drain(..) {
                seen[g as usize] = false;
                let (r2, s2) = where_[g as usize];
                let common = intersection(w, &words[r2][s2]);
                let other = words[r2][s2].len();
                if common >= MIN_WORDS && common * 4 >= 3 * w.len().min(other) {
                    if !shared[r][s].contains(&r2) {
                        shared[r][s].push(r2);
                    }
                    if !shared[r2][s2].contains(&r) {
                        shared[r2][s2].push(r);
                    }
                }
            }
        }
    }
    for per in &mut shared {
        for with in per {
            with.sort_unstable();
        }
    }
    shared
}

/// The size of the intersection of two sorted lists.
fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many content words a sentence has (to tell a real sentence from a fragment).
pub fn content_word_count(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .filter(|t| t.folded.chars().count() > 1 && !is_stopword(&t.folded))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    fn prepared(text: &str) -> Prepared {
        let t = tokens(text);
        let s = sentences(text, &t);
        (t, s)
    }

    #[test]
    fn sentences_keep_their_full_stop() {
        let text = "Shells fell on the market. “We ran,” she said.\nNo more.";
        let (_, s) = prepared(text);
        let spans: Vec<&str> = s.iter().map(|(x, _)| &text[x.start..x.end]).collect();
        assert_eq!(
            spans,
            [
                "Shells fell on the market.",
                "“We ran,” she said.",
                "No more."
            ]
        );
    }

    #[test]
    fn a_syndicated_sentence_is_shared_and_a_new_one_is_not() {
        let a = "Artillery shells hit the crowded market of Qasr al-Nahr on Friday evening. \
                 The ministry denied it.";
        let b = "Officials wept. Artillery shells hit the crowded market in Qasr al-Nahr on \
                 Friday evening, residents said.";
        let c = "A football match ended two all in the capital on Saturday afternoon.";
        let shared = align(&[prepared(a), prepared(b), prepared(c)]);
        assert_eq!(shared[0][0], [1]);
        assert_eq!(shared[1][1], [0]);
        assert!(shared[0][1].is_empty() && shared[2][0].is_empty());
    }
}
