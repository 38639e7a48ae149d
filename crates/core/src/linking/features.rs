//! What the same-incident scorer knows of one article, computed once and stored with the
//! article's near-copy band keys: its date, places (through the gazetteer), actors (through the
//! lexicon), casualty figures, names and content words.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::claims::{self, ClaimKind, Scope};
use crate::analysis::numbers::Role;
use crate::analysis::{Gazetteer, Lexicon, terms, tokens};

/// The version of the extractor. Stored features of another version are computed again; bump it
/// whenever what is extracted changes.
pub const VERSION: i64 = 4;

/// Content words kept per article (the most frequent).
const MAX_TERMS: usize = 150;
/// Names kept per article.
const MAX_NAMES: usize = 30;

/// One article's features.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Features {
    pub title: String,
    /// YYYY-MM-DD.
    pub date: Option<String>,
    /// Places named, under their gazetteer names, most named first.
    pub places: Vec<String>,
    /// Actor groups named, most named first.
    pub actors: Vec<String>,
    /// Casualty figures, distinct.
    pub figures: Vec<(Role, u32)>,
    /// Names (capitalised words inside sentences), folded, with counts.
    pub names: Vec<(String, u32)>,
    /// Content words (title words count twice), with counts.
    pub terms: Vec<(String, u32)>,
}

impl Features {
    /// The date as days, for distances.
    pub fn day(&self) -> Option<i64> {
        let date = self.date.as_deref()?;
        let d = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
        Some(d.signed_duration_since(chrono::NaiveDate::MIN).num_days())
    }
}

/// Counts sorted most frequent first (ties by word), cut to `max`.
fn top(counts: HashMap<String, u32>, max: usize) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(max);
    v
}

fn ranked(mentions: impl Iterator<Item = String>) -> Vec<String> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for m in mentions {
        *counts.entry(m).or_default() += 1;
    }
    top(counts, usize::MAX)
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}

/// Extracts the features of an article.
pub fn extract(
    title: &str,
    body: &str,
    published: Option<&str>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Features {
    let body_tokens = tokens(body);
    let title_tokens = tokens(title);
    let found_places: Vec<_> = gazetteer
        .find(title, &title_tokens)
        .into_iter()
        .chain(gazetteer.find(body, &body_tokens))
        .collect();
    // The countries the report is about: a party's generic words are its only there.
    let setting = crate::analysis::Setting::of(found_places.iter().filter_map(|p| p.country()));
    let places = ranked(
        found_places
            .into_iter()
            // A country or a region places no incident: every report of a war names it.
            .filter(|m| !m.broad)
            .map(|m| m.place),
    );
    let actors = ranked(
        lexicon
            .find_actors_in(title, &title_tokens, &setting)
            .into_iter()
            .chain(lexicon.find_actors_in(body, &body_tokens, &setting))
            // "The rebels" and "police" say who only in the report's context: evidence that two
            // reports share a party rests on the names themselves.
            .filter(|m| !m.referred)
            .map(|m| m.group),
    );
    // An incident's own casualty figures: not a war's or a month's total, not "dozens".
    let mut figures: Vec<(Role, u32)> = claims::claims(body, &body_tokens)
        .into_iter()
        .chain(claims::claims(title, &title_tokens))
        .filter(|c| {
            c.scope == Scope::Incident
                && !matches!(
                    c.qualifier.as_deref(),
                    Some("dozens" | "hundreds" | "thousands")
                )
        })
        .filter_map(|c| {
            let role = match c.kind {
                ClaimKind::Killed => Role::Killed,
                ClaimKind::Wounded => Role::Wounded,
                ClaimKind::Captured => Role::Captured,
                _ => return None,
            };
            Some((role, u32::try_from(c.number).ok()?))
        })
        .collect();
    figures.sort_unstable();
    figures.dedup();
    let mut words = terms::content_words(&body_tokens);
    for (w, n) in terms::content_words(&title_tokens) {
        *words.entry(w).or_default() += 2 * n;
    }
    let mut names = terms::names(body, &body_tokens);
    for (w, n) in terms::names(title, &title_tokens) {
        *names.entry(w).or_default() += n;
    }
    Features {
        title: title.to_string(),
        date: published.and_then(|p| p.get(..10)).map(str::to_string),
        places,
        actors,
        figures,
        names: top(names, MAX_NAMES),
        terms: top(words, MAX_TERMS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_fold_places_actors_and_figures() {
        let f = extract(
            "Daesh shells Deir Ezzor market",
            "Shelling by ISIS killed 35 people in Dayr az-Zawr on Monday, wounding 12.",
            Some("2017-11-24T10:00:00Z"),
            &crate::library::world::sample_gazetteer(),
            &crate::library::world::sample_lexicon(),
        );
        assert_eq!(f.date.as_deref(), Some("2017-11-24"));
        assert_eq!(f.places, ["Deir ez-Zor"]);
        assert_eq!(f.actors, ["Islamic State"]);
        assert_eq!(f.figures, [(Role::Killed, 35), (Role::Wounded, 12)]);
        assert!(f.terms.iter().any(|(w, _)| w == "market"));
        assert!(f.day().is_some());
    }
}
