//! Text analysis shared by linking and comparison: words with their places in the text, folded
//! for matching; the gazetteer of place names; the framing lexicon; casualty figures and claims
//! with numbers; attributions; content words and names; the registry of real sources. Pure
//! functions over text, no storage.

pub mod attributions;
pub mod candidates;
pub mod claims;
pub mod dates;
pub mod gazetteer;
pub mod lexicon;
pub mod numbers;
pub mod similarity;
pub mod sources;
pub mod terms;
pub mod world;

mod cued;
mod matcher;

pub use gazetteer::Gazetteer;
pub use lexicon::{Lexicon, Setting, TermCategory};

mod words;

pub use words::{
    Token, arabic_article, capitalised, fold_word, is_cyrillic, possessive, skeleton, tokens,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_accents_and_apostrophes() {
        let text = "Dar'a, Ḥimṣ and DEIR ez-Zôr.";
        let folded: Vec<String> = tokens(text).into_iter().map(|t| t.folded).collect();
        assert_eq!(folded, ["dara", "hims", "and", "deir", "ez", "zor"]);
    }

    #[test]
    fn spans_point_at_the_words() {
        let text = "Shells hit Qasr al-Nahr.\nOfficials said";
        let t = tokens(text);
        assert_eq!(t[2].text(text), "Qasr");
        assert_eq!(t[4].text(text), "Nahr");
        assert!(t[0].sentence_start && !t[2].sentence_start && t[5].sentence_start);
    }

    #[test]
    fn initials_do_not_end_a_sentence() {
        let t = tokens("The U.S. Senate voted.");
        assert!(!t[3].sentence_start, "{t:?}");
    }
}
