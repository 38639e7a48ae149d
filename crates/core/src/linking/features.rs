//! What the same-incident scorer knows of one article, computed once and stored with the
//! article's MinHash signature: its date, places (through the gazetteer), actors (through the
//! lexicon), casualty figures, names and content words, the words and names weighed by their
//! rarity in the library when the article was linked.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::claims::{self, ClaimKind, Scope};
use crate::analysis::numbers::Role;
use crate::analysis::{Gazetteer, Lexicon, terms, tokens};

/// The version of the extractor. Stored features of another version are computed again; bump it
/// whenever what is extracted changes.
pub const VERSION: i64 = 5;

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
    /// Whether the date was stated (by the page's metadata, its address, a dateline or an
    /// analyst) rather than found in the running text, where it may be another day's.
    pub date_stated: bool,
    /// Places named, under their gazetteer names, most named first.
    pub places: Vec<String>,
    /// Actor groups named, most named first.
    pub actors: Vec<String>,
    /// Casualty figures, distinct.
    pub figures: Vec<(Role, u32)>,
    /// Years the text names (1900 to 2099), most named first: what an undated report says of
    /// its time ("the 2008 earthquake", "in March 2011").
    pub years: Vec<u16>,
    /// Names (capitalised words inside sentences), folded, with counts, most frequent first.
    pub names: Vec<(String, u32)>,
    /// Each name's weight: its inverse document frequency in the library when the article was
    /// linked (filled by [`Weights::weigh`]).
    pub name_weights: Vec<f32>,
    /// Content words as [`term_key`]s with counts (title words count twice), most frequent
    /// first. Only while the article is being linked: what is stored is [`Features::vector`].
    #[serde(skip)]
    pub terms: Vec<(u32, u32)>,
    /// TF-IDF of the content words over the library when the article was linked, sorted by key,
    /// unit length (filled by [`Weights::weigh`]).
    pub vector: Vec<(u32, f32)>,
}

impl Features {
    /// The date as days, for distances.
    pub fn day(&self) -> Option<i64> {
        let date = self.date.as_deref()?;
        let d = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
        Some(d.signed_duration_since(chrono::NaiveDate::MIN).num_days())
    }

    /// The compact form stored in the library.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Reads the stored form; `None` when it does not parse (written by another build).
    pub fn from_bytes(bytes: &[u8]) -> Option<Features> {
        postcard::from_bytes(bytes).ok()
    }
}

/// The key a content word is counted under: 32 bits of its hash (two words of one library
/// sharing a key weigh as one, which shifts a similarity by a hair).
pub fn term_key(word: &str) -> u32 {
    xxhash_rust::xxh3::xxh3_64(word.as_bytes()) as u32
}

/// The key a name is counted under, apart from the words' ([`term_key`]).
pub fn name_key(name: &str) -> u32 {
    xxhash_rust::xxh3::xxh3_64_with_seed(name.as_bytes(), 1) as u32
}

/// Inverse document frequency, smoothed.
pub fn idf(articles: usize, df: u32) -> f64 {
    ((articles as f64 + 1.0) / (f64::from(df) + 1.0)).ln() + 1.0
}

/// Document frequencies that weigh words and names: over the library and the articles being
/// linked.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    pub articles: usize,
    pub term_df: foldhash::HashMap<u32, u32>,
    pub name_df: foldhash::HashMap<u32, u32>,
}

impl Weights {
    /// Document frequencies within a set of articles (their [`Features::terms`] and names).
    pub fn of(features: &[Features]) -> Weights {
        let mut w = Weights {
            articles: features.len(),
            ..Weights::default()
        };
        for f in features {
            w.count(f);
        }
        w
    }

    /// Counts one more article.
    pub fn count(&mut self, f: &Features) {
        for (t, _) in &f.terms {
            *self.term_df.entry(*t).or_default() += 1;
        }
        for (n, _) in &f.names {
            *self.name_df.entry(name_key(n)).or_default() += 1;
        }
    }

    /// Fills an article's vector and name weights from its counts.
    pub fn weigh(&self, f: &mut Features) {
        let mut v: Vec<(u32, f32)> = f
            .terms
            .iter()
            .map(|(t, tf)| {
                let df = self.term_df.get(t).copied().unwrap_or(1);
                let weight = (1.0 + f64::from(*tf).ln()) * idf(self.articles, df);
                (*t, weight as f32)
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.sort_unstable_by_key(|(t, _)| *t);
        f.vector = v;
        // The counts are done with once weighed: what is stored is the vector.
        f.terms = Vec::new();
        f.name_weights = f
            .names
            .iter()
            .map(|(n, _)| {
                let df = self.name_df.get(&name_key(n)).copied().unwrap_or(1);
                idf(self.articles, df) as f32
            })
            .collect();
    }
}

/// Counts sorted most frequent first (ties by key), cut to `max`.
fn top<K: Ord>(counts: impl IntoIterator<Item = (K, u32)>, max: usize) -> Vec<(K, u32)> {
    let mut v: Vec<(K, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(max);
    v
}

/// Names, the heaviest first: each mention adds its weight (ties in name order).
fn weighed(mentions: impl Iterator<Item = (String, u32)>) -> Vec<String> {
    let mut weights: HashMap<String, u32> = HashMap::new();
    for (place, weight) in mentions {
        *weights.entry(place).or_default() += weight;
    }
    top(weights, usize::MAX)
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}

/// The report's lead, as byte offsets of its body: its first paragraph, at most its first
/// [`LEAD_BYTES`] bytes (a text with no paragraphs is one), after a dateline ("DAMASCUS —",
/// "Aleppo, Syria (Reuters) -"), which says where the reporter files from, not where the event
/// happened.
fn lead_span(body: &str) -> (usize, usize) {
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let head = rest.get(..rest.len().min(100)).unwrap_or(rest);
    let dateline = [" — ", " – ", " - ", "— ", "– "]
        .iter()
        .filter_map(|dash| head.find(dash).map(|at| at + dash.len()))
        .min()
        .filter(|&end| {
            let before = &rest[..end];
            !before.contains(". ") && before.split_whitespace().count() <= 8
        })
        .unwrap_or(0);
    let from = start + dateline;
    let paragraph = body[from..].find("\n\n").map_or(body.len(), |i| from + i);
    let mut end = paragraph.min(from + LEAD_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    (from, end)
}

/// The longest lead [`lead_span`] takes: about the first two sentences of a wire report.
const LEAD_BYTES: usize = 400;

/// Names, the most often named first: [`weighed`] with every mention weighing one.
fn ranked(mentions: impl Iterator<Item = String>) -> Vec<String> {
    weighed(mentions.map(|m| (m, 1)))
}

/// Whether a headline capitalises its words as titles do: most of its words of four letters or
/// more begin with a capital.
fn title_case(title: &str, tokens: &[crate::analysis::Token]) -> bool {
    let long: Vec<&str> = tokens
        .iter()
        .map(|t| t.text(title))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && capitalised * 10 >= long.len() * 7
}

/// Extracts the features of an article (words and names counted, not yet weighed).
pub fn extract(
    title: &str,
    body: &str,
    published: Option<&str>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Features {
    let body_tokens = tokens(body);
    let title_tokens = tokens(title);
    let mut found_places = gazetteer.find(title, &title_tokens);
    let title_places = found_places.len();
    found_places.extend(gazetteer.find(body, &body_tokens));
    // The countries the report is about: a party's generic words are its only there.
    let setting = crate::analysis::Setting::of(found_places.iter().filter_map(|p| p.country()));
    // Where the report's own text says it happened weighs most: the headline, then the lead; a
    // dateline names where the reporter files from, and weighs as any other mention.
    let (in_title, lead) = (title_places, lead_span(body));
    let places = weighed(
        found_places
            .into_iter()
            .enumerate()
            // A country or a region places no incident: every report of a war names it.
            .filter(|(_, m)| !m.broad)
            .map(|(i, m)| {
                let weight = if i < in_title {
                    3
                } else if lead.0 <= m.start && m.end <= lead.1 {
                    2
                } else {
                    1
                };
                (m.place, weight)
            }),
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
    let mut words: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
    for (tokens, times) in [(&body_tokens, 1), (&title_tokens, 2)] {
        terms::for_each_content_word(tokens, |w| {
            *words.entry(term_key(w)).or_default() += times;
        });
    }
    let mut names = terms::names(body, &body_tokens);
    // A headline in title case ("Calling The Senate GOP's Bluff: Multiple Bills Likely") says
    // nothing of names by its capitals.
    if !title_case(title, &title_tokens) {
        for (w, n) in terms::names(title, &title_tokens) {
            *names.entry(w).or_default() += n;
        }
    }
    let mut years: HashMap<u16, u32> = HashMap::new();
    for t in body_tokens.iter().chain(&title_tokens) {
        if let Ok(year) = t.folded.parse::<u16>()
            && (1900..2100).contains(&year)
            && t.folded.len() == 4
        {
            *years.entry(year).or_default() += 1;
        }
    }
    Features {
        title: title.to_string(),
        date: published.and_then(|p| p.get(..10)).map(str::to_string),
        date_stated: false,
        places,
        actors,
        figures,
        years: top(years, 3).into_iter().map(|(y, _)| y).collect(),
        names: top(names, MAX_NAMES),
        name_weights: Vec::new(),
        terms: top(words, MAX_TERMS),
        vector: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_a_report_says_it_happened_comes_before_its_dateline() {
        let f = extract(
            "Car bomb kills 5 in Deir ez-Zor",
            "DAMASCUS — A car bomb exploded in a market in Deir ez-Zor on Monday, killing five \
             people, a monitor said.\n\nOfficials in Damascus condemned the attack. The \
             government in Damascus said it would send aid from Damascus.",
            Some("2017-11-24"),
            &crate::library::world::sample_gazetteer(),
            &crate::library::world::sample_lexicon(),
        );
        // Damascus is named four times, Deir ez-Zor twice: in the headline and the lead.
        assert_eq!(f.places.first().map(String::as_str), Some("Deir ez-Zor"));
        assert!(f.places.iter().any(|p| p == "Damascus"), "{:?}", f.places);
    }

    #[test]
    fn the_lead_starts_after_a_dateline_and_ends_with_its_paragraph() {
        let body = "ALEPPO, Syria (Reuters) - Shells hit the old city.\n\nMore later.";
        let (s, e) = lead_span(body);
        assert_eq!(&body[s..e], "Shells hit the old city.");
        let plain = "Shells hit the old city on Monday. More later - much more.";
        let (s, e) = lead_span(plain);
        assert_eq!(
            &plain[s..e],
            plain,
            "a dash after a sentence is no dateline"
        );
    }

    #[test]
    fn features_fold_places_actors_and_figures() {
        let mut f = extract(
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
        assert!(f.terms.iter().any(|(w, _)| *w == term_key("market")));
        assert!(f.day().is_some());

        Weights::of(std::slice::from_ref(&f)).weigh(&mut f);
        let norm: f32 = f.vector.iter().map(|(_, w)| w * w).sum();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        assert_eq!(f.name_weights.len(), f.names.len());
        // What is stored reads back as it was, without the counts only linking needs.
        let back = Features::from_bytes(&f.to_bytes()).unwrap();
        assert_eq!(back.vector, f.vector);
        assert_eq!(back.places, f.places);
        assert!(back.terms.is_empty());
    }
}
