//! Synthetic libraries for benchmarks and scale tests: any number of articles, outlets, incidents
//! and ratings, generated deterministically from a seed and written through the importer's own
//! write path (so the articles, full-text index and texts look exactly as an import leaves them).
//!
//! The text is not English but has English's shape where it matters to the program: words drawn
//! from a 30,000-word vocabulary with a Zipf distribution (a few very common words, a long tail of
//! rare ones), sentences and paragraphs, a place name of two words in each title and body, dates
//! over one year, a few undated articles, several languages, outlets of very different sizes.

use rayon::prelude::*;
use rusqlite::params;

use super::store::{self, NewArticle};
use super::{Library, clock};
use crate::error::{Error, Result};
use crate::jobs::Progress;
use crate::model::Id;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSpec {
    pub articles: usize,
    pub outlets: usize,
    pub incidents: usize,
    /// Mean words per article (each has between half and one and a half times this).
    pub words: usize,
    pub seed: u64,
}

impl Default for SynthSpec {
    fn default() -> Self {
        SynthSpec {
            articles: 10_000,
            outlets: 360,
            incidents: 1_000,
            words: 250,
            seed: 1,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SynthSummary {
    pub articles: usize,
    pub outlets: usize,
    pub incidents: usize,
    pub ratings: usize,
}

/// Articles generated and stored per transaction.
const CHUNK: usize = 5_000;
const VOCABULARY: usize = 30_000;
const PLACES: usize = 2_000;
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "that",
    "on",
    "was",
    "for",
    "with",
    "by",
    "at",
    "were",
    "from",
    "as",
    "is",
    "it",
    "had",
    "have",
    "after",
    "an",
    "their",
    "its",
    "are",
    "been",
    "who",
    "not",
    "they",
    "which",
    "this",
    "near",
    "also",
    "killed",
    "forces",
    "people",
    "city",
    "according",
    "officials",
    "reported",
    "attack",
    "area",
    "local",
    "sources",
    "government",
];
const SYLLABLES: &[&str] = &[
    "ka", "ri", "to", "ven", "mar", "sol", "dun", "pel", "zor", "ash", "bel", "cor", "dra", "fen",
    "gal", "hul", "ist", "jor", "kel", "lam", "mon", "nar", "osk", "pra", "quel", "ros", "sta",
    "tur", "ulm", "vas", "wen", "yar", "zeb", "eth", "ik", "om",
];
const OUTLET_KINDS: &[&str] = &[
    "Herald",
    "Times",
    "Daily",
    "News",
    "Monitor",
    "Post",
    "Observer",
    "Agency",
    "Today",
    "Wire",
    "Gazette",
    "Tribune",
    "Review",
    "Report",
    "Voice",
    "Journal",
    "Chronicle",
    "Courier",
];
const LANGUAGES: &[(&str, u64)] = &[("en", 85), ("ru", 8), ("ar", 4), ("fr", 3)];
const GRADES: &[&str] = &["A", "B", "C", "D", "E", "F"];
const ANALYSTS: &[&str] = &["analyst-a", "analyst-b", "analyst-c"];

/// A small, fast, deterministic generator (SplitMix64); the same seed gives the same library.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A rank below `n` with probability falling as 1/rank (Zipf, exponent 1).
    fn zipf(&mut self, n: usize) -> usize {
        let r = ((n as f64).ln() * self.unit()).exp() as usize;
        r.saturating_sub(1).min(n - 1)
    }
}

/// The generator's word lists, made once per run.
struct Words {
    vocabulary: Vec<String>,
    places: Vec<String>,
}

impl Words {
    fn new(seed: u64) -> Words {
        let mut vocabulary: Vec<String> = FUNCTION_WORDS.iter().map(|w| w.to_string()).collect();
        let mut seen: std::collections::HashSet<String> = vocabulary.iter().cloned().collect();
        let mut rng = Rng::new(seed, u64::MAX);
        while vocabulary.len() < VOCABULARY {
            let syllables = 1 + rng.below(3) + usize::from(vocabulary.len() > 2_000);
            let word: String = (0..syllables)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect();
            if seen.insert(word.clone()) {
                vocabulary.push(word);
            }
        }
        let places = (0..PLACES)
            .map(|i| {
                let a = &vocabulary[2_000 + (i * 7) % 20_000];
                let b = &vocabulary[5_000 + (i * 13) % 20_000];
                format!("{} {}", capitalise(a), capitalise(b))
            })
            .collect();
        Words { vocabulary, places }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        &self.vocabulary[rng.zipf(self.vocabulary.len())]
    }
}

/// The words of the library generated with `seed`, the most frequent first: what benchmarks
/// search for, knowing how common each is.
pub fn vocabulary(seed: u64) -> Vec<String> {
    Words::new(seed).vocabulary
}

/// Place name `i` of the library generated with `seed` (0 is the most mentioned).
pub fn place(seed: u64, i: usize) -> String {
    Words::new(seed).places[i % PLACES].clone()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The name of outlet `i`: a capitalised word and a kind, unique by construction.
fn outlet_name(words: &Words, i: usize) -> String {
    let word = &words.vocabulary[1_000 + i % 25_000];
    let kind = OUTLET_KINDS[i % OUTLET_KINDS.len()];
    if i < 25_000 {
        format!("{} {kind}", capitalise(word))
    } else {
        format!("{} {kind} {}", capitalise(word), i / 25_000)
    }
}

/// The date of a day of 2025 (`day` below 365).
fn date_of(day: usize) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    (start + chrono::Days::new(day as u64))
        .format("%Y-%m-%d")
        .to_string()
}

/// Article `index` of the library generated from `spec`.
fn article(words: &Words, spec: &SynthSpec, index: usize) -> NewArticle {
    let mut rng = Rng::new(spec.seed, index as u64);
    let place = &words.places[rng.zipf(PLACES)];
    let outlet = outlet_name(words, rng.zipf(spec.outlets.max(1)));
    let count = spec.words / 2 + rng.below(spec.words.max(1));
    let killed = 1 + rng.below(60);

    let mut title = capitalise(words.word(&mut rng));
    for _ in 0..3 + rng.below(5) {
        title.push(' ');
        title.push_str(words.word(&mut rng));
    }
    title.push_str(" in ");
    title.push_str(place);

    let mut body = String::with_capacity(count * 7);
    body.push_str(&format!("{killed} people were killed in {place}, "));
    let mut in_sentence = 6;
    let mut in_paragraph = 0;
    for n in 0..count {
        let word = words.word(&mut rng);
        if in_sentence == 0 {
            body.push_str(&capitalise(word));
        } else {
            body.push_str(word);
        }
        in_sentence += 1;
        in_paragraph += 1;
        if n == count / 2 {
            body.push_str(" in ");
            body.push_str(place);
        }
        if in_sentence > 8 + rng.below(12) {
            body.push('.');
            in_sentence = 0;
            if in_paragraph > 60 {
                body.push_str("\n\n");
                in_paragraph = 0;
                continue;
            }
        }
        body.push(' ');
    }
    let body = body.trim_end().trim_end_matches('.').to_string() + ".";

    let published = (rng.below(100) >= 3).then(|| date_of(rng.below(365)));
    let language = {
        let mut pick = rng.below(100) as u64;
        LANGUAGES
            .iter()
            .find(|(_, share)| {
                let here = pick < *share;
                pick = pick.saturating_sub(*share);
                here
            })
            .map_or("en", |(code, _)| code)
    };
    let hash = blake3::hash(body.as_bytes()).to_hex().to_string();
    NewArticle {
        outlet,
        outlet_is_guess: false,
        title,
        full_text: body.clone(),
        word_count: crate::text::word_count(&body),
        body,
        raw: None,
        removed: Vec::new(),
        kept: Vec::new(),
        source_path: format!("synthetic/{index:08}.txt"),
        content_hash: format!("synthetic-{}-{index}", spec.seed),
        text_hash: hash,
        date_source: published.as_ref().map(|_| "metadata"),
        title_source: Some("metadata"),
        outlet_source: Some("metadata"),
        published,
        url: None,
        author: None,
        language: Some(language.to_string()),
        encoding: Some("UTF-8".into()),
        format: "txt",
    }
}

impl Library {
    /// Fills an empty library with a synthetic one: `spec.outlets` outlets (all created, the
    /// articles spread over them by a Zipf law), `spec.articles` articles, `spec.incidents`
    /// incidents of 2 to 8 articles, and ratings by three analysts for about 60% of the outlets.
    /// Each chunk is one transaction; cancel stops between chunks.
    pub fn generate_synthetic(
        &mut self,
        spec: &SynthSpec,
        progress: &Progress,
    ) -> Result<SynthSummary> {
        let existing: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        if existing > 0 {
            return Err(Error::Invalid(format!(
                "{} already holds {existing} articles; synthetic articles go only into an empty library",
                self.path.display()
            )));
        }
        let words = Words::new(spec.seed);
        let mut summary = SynthSummary::default();
        progress.set_total((spec.articles + spec.incidents) as u64);
        progress.set_stage("Creating outlets");
        let tx = self.conn.transaction()?;
        let mut outlet_ids = Vec::with_capacity(spec.outlets);
        for i in 0..spec.outlets.max(1) {
            outlet_ids.push(store::resolve_outlet(&tx, &outlet_name(&words, i), false)?);
        }
        tx.commit()?;
        summary.outlets = outlet_ids.len();

        let batch = self.start_batch(&["synthetic".to_string()])?;
        progress.set_stage("Writing articles");
        let mut ids: Vec<Id> = Vec::with_capacity(spec.articles);
        for start in (0..spec.articles).step_by(CHUNK) {
            if progress.is_cancelled() {
                break;
            }
            let end = (start + CHUNK).min(spec.articles);
            let chunk: Vec<NewArticle> = (start..end)
                .into_par_iter()
                .map(|i| article(&words, spec, i))
                .collect();
            let outcome = self.store_chunk(batch, &chunk, &[])?;
            ids.extend(outcome.stored.iter().map(|(_, id)| *id));
            progress.advance((end - start) as u64);
        }
        summary.articles = ids.len();
        self.finish_batch(batch, "finished", ids.len())?;

        progress.set_stage("Linking incidents");
        let mut rng = Rng::new(spec.seed, u64::MAX - 1);
        for start in (0..spec.incidents).step_by(CHUNK) {
            if progress.is_cancelled() || ids.len() < 2 {
                break;
            }
            let end = (start + CHUNK).min(spec.incidents);
            let tx = self.conn.transaction()?;
            {
                let mut incident = tx.prepare_cached(
                    "INSERT INTO incidents(title, date, place, summary, created_at)
                     VALUES (?1, ?2, ?3, '', ?4)",
                )?;
                let mut member = tx.prepare_cached(
                    "INSERT OR IGNORE INTO incident_articles(incident_id, article_id, linked_by, reason,
                                                             linked_at)
                     VALUES (?1, ?2, 'synthetic', '', ?3)",
                )?;
                for _ in start..end {
                    let place = &words.places[rng.zipf(PLACES)];
                    let date = date_of(rng.below(365));
                    let at = clock::now();
                    incident.execute(params![format!("Shelling in {place}"), date, place, at])?;
                    let id = tx.last_insert_rowid();
                    for _ in 0..2 + rng.below(7) {
                        member.execute(params![id, ids[rng.below(ids.len())], at])?;
                    }
                    summary.incidents += 1;
                }
            }
            tx.commit()?;
            progress.advance((end - start) as u64);
        }

        progress.set_stage("Rating outlets");
        let tx = self.conn.transaction()?;
        {
            let mut rate = tx.prepare_cached(
                "INSERT INTO ratings(outlet_id, analyst, grade, rationale, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for &outlet in &outlet_ids {
                if rng.below(10) >= 6 {
                    continue;
                }
                for analyst in &ANALYSTS[..1 + rng.below(ANALYSTS.len())] {
                    let grade = GRADES[rng.below(GRADES.len())];
                    rate.execute(params![
                        outlet,
                        analyst,
                        grade,
                        "synthetic rating",
                        clock::now()
                    ])?;
                    summary.ratings += 1;
                }
            }
        }
        tx.commit()?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let spec = SynthSpec::default();
        let (a, b) = (Words::new(1), Words::new(1));
        for i in [0, 1, 999] {
            assert_eq!(article(&a, &spec, i).body, article(&b, &spec, i).body);
        }
        assert_ne!(article(&a, &spec, 0).body, article(&a, &spec, 1).body);
    }

    #[test]
    fn articles_have_about_the_words_asked_for() {
        let spec = SynthSpec {
            words: 200,
            ..SynthSpec::default()
        };
        let words = Words::new(1);
        let counts: Vec<usize> = (0..200)
            .map(|i| article(&words, &spec, i).word_count)
            .collect();
        let mean = counts.iter().sum::<usize>() / counts.len();
        assert!((170..=240).contains(&mean), "mean {mean}");
        assert!(counts.iter().all(|&c| (100..=320).contains(&c)));
    }

    #[test]
    fn common_words_are_common_and_rare_words_rare() {
        let mut rng = Rng::new(7, 0);
        let mut hits = [0usize; 2];
        for _ in 0..100_000 {
            match rng.zipf(VOCABULARY) {
                0 => hits[0] += 1,
                r if r > 20_000 => hits[1] += 1,
                _ => {}
            }
        }
        assert!(hits[0] > 5_000, "the first word drawn {} times", hits[0]);
        assert!(hits[1] < 5_000, "the rare third drawn {} times", hits[1]);
    }
}
