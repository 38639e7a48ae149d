//! The registry of real sources: news outlets, wires, state media, monitors, ministries,
//! militaries, NGOs and UN offices, with their web domains and other names
//! (`assets/sources.toml`, compiled by hand; names and domains are facts).
//!
//! The import reads it to name a page's outlet from the address the page states ("www.reuters.com"
//! is Reuters), to give one name to an outlet a page calls by another of its names ("AFP",
//! "Agence France-Presse"), and to take a folder named after an outlet as that outlet. Nothing of
//! the sample's invented world is in it: the architecture tests check that.

use foldhash::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::error::{Error, Result};

const BUILT_IN: &str = include_str!("../../../../assets/sources.toml");

/// What kind of source an entry is, as the registry's `kind` names it.
pub const KINDS: &[&str] = &[
    "wire",
    "state media",
    "public broadcaster",
    "broadcaster",
    "newspaper",
    "online",
    "monitor",
    "ministry",
    "military",
    "armed group media",
    "ngo",
    "un",
    "government",
    "agency",
];

/// One source of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Source {
    /// The name English-language reporting uses.
    pub name: String,
    /// One of [`KINDS`].
    pub kind: String,
    /// ISO 3166-1 alpha-2 of its home, or "INT" for international bodies.
    pub country: String,
    /// Registrable domains it publishes under, lower case.
    #[serde(default)]
    pub domains: Vec<String>,
    /// Its other names: abbreviations, former names, names in its own language and script.
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    source: Vec<Source>,
}

/// The sources, found by domain and by any of their names.
#[derive(Debug, Default)]
pub struct Registry {
    sources: Vec<Source>,
    by_domain: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    /// Acronyms that are also common words ("WHO"), found only as written, in capitals.
    by_capitals: HashMap<String, usize>,
}

static BUILT_IN_REGISTRY: LazyLock<Registry> =
    LazyLock::new(|| Registry::parse(BUILT_IN).unwrap_or_default());

impl Registry {
    /// The registry shipped in the program (empty if its file did not parse: a test checks it
    /// does).
    pub fn built_in() -> &'static Registry {
        &BUILT_IN_REGISTRY
    }

    /// A registry from TOML in the shipped file's form. A domain or a name given to two sources
    /// is an error, as is an unknown kind: each must mean one source.
    pub fn parse(toml_text: &str) -> Result<Registry> {
        let file: File = toml::from_str(toml_text)
            .map_err(|e| Error::Invalid(format!("sources registry: {e}")))?;
        let mut registry = Registry::default();
        for (index, source) in file.source.into_iter().enumerate() {
            if !KINDS.contains(&source.kind.as_str()) {
                return Err(Error::Invalid(format!(
                    "sources registry: {} has the unknown kind {:?}",
                    source.name, source.kind
                )));
            }
            for domain in &source.domains {
                let domain = domain.trim().to_lowercase();
                if let Some(other) = registry.by_domain.insert(domain.clone(), index) {
                    return Err(Error::Invalid(format!(
                        "sources registry: {domain} is given to both {} and {}",
                        registry.sources[other].name, source.name
                    )));
                }
            }
            for name in std::iter::once(&source.name).chain(&source.aliases) {
                if is_worded_acronym(name) {
                    registry.by_capitals.insert(name.trim().to_string(), index);
                    continue;
                }
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                match registry.by_name.get(&key) {
                    Some(other) if *other != index => {
                        return Err(Error::Invalid(format!(
                            "sources registry: the name {name:?} is given to both {} and {}",
                            registry.sources[*other].name, source.name
                        )));
                    }
                    _ => {
                        registry.by_name.insert(key, index);
                    }
                }
            }
            registry.sources.push(source);
        }
        Ok(registry)
    }

    /// Every source, in the file's order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source publishing at `host` ("edition.cnn.com", "www.bbc.co.uk"): the host itself,
    /// then each shorter domain it is under.
    pub fn by_host(&self, host: &str) -> Option<&Source> {
        let host = host.trim().trim_end_matches('.').to_lowercase();
        let mut rest = host.as_str();
        loop {
            if let Some(index) = self.by_domain.get(rest) {
                return self.sources.get(*index);
            }
            // Only down to two labels: "co.uk" or "com" is no one's domain.
            let (_, shorter) = rest.split_once('.')?;
            if !shorter.contains('.') {
                return None;
            }
            rest = shorter;
        }
    }

    /// The source with this name or alias, compared by words folded for case and accents, a
    /// leading "The" aside: "the guardian", "The Guardian" and "Guardian" are one.
    pub fn by_name(&self, name: &str) -> Option<&Source> {
        if let Some(i) = self.by_capitals.get(name.trim()) {
            return self.sources.get(*i);
        }
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        self.by_name.get(&key).and_then(|i| self.sources.get(*i))
    }

    /// The source a long name means with one letter mistyped ("Syrian Obervatory for Human
    /// Rights"): one word off by one letter left out, added or changed, the other words as they
    /// are, where only one source's name is so near. Names of fewer than three words or 16
    /// letters are too short to tell a slip from another name.
    pub fn by_name_misspelt(&self, name: &str) -> Option<&Source> {
        let key = name_key(name);
        if key.chars().count() < 16 {
            return None;
        }
        let spaces = key.matches(' ').count();
        if spaces < 2 {
            return None;
        }
        let mut near = self.by_name.iter().filter(|(theirs, _)| {
            theirs.len().abs_diff(key.len()) <= 2
                && theirs.matches(' ').count() == spaces
                && theirs
                    .split(' ')
                    .zip(key.split(' '))
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| one_letter_apart(a, b))
                    .try_fold(0, |n, near| near.then_some(n + 1))
                    == Some(1)
        });
        let (_, first) = near.next()?;
        near.all(|(_, i)| i == first)
            .then(|| self.sources.get(*first))
            .flatten()
    }

    /// [`Self::by_name`] for words of a text already read: `written` as the text has them,
    /// `folded` their folded forms (no second reading of the words).
    pub fn by_words(&self, written: &str, folded: &[&str]) -> Option<&Source> {
        if let Some(i) = self.by_capitals.get(written.trim()) {
            return self.sources.get(*i);
        }
        let key = words_key(folded);
        if key.is_empty() {
            return None;
        }
        self.by_name.get(&key).and_then(|i| self.sources.get(*i))
    }
}

/// Whether two different words are one letter left out, added or changed apart ("obervatory",
/// "observatory"), in words of five letters or more.
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) < 5 || la.abs_diff(lb) > 1 {
        return false;
    }
    let head = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let tail = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    // What is left between the common head and tail is one letter at most on each side.
    head + tail + 1 >= la.max(lb)
}

/// An acronym that spells a common word ("WHO", "IS"): the source only where it is written in
/// capitals, never "who" in a sentence.
fn is_worded_acronym(name: &str) -> bool {
    let name = name.trim();
    name.chars().count() >= 2
        && name.chars().all(|c| c.is_ascii_uppercase())
        && super::terms::is_stopword(&name.to_lowercase())
}

/// A name's words, folded, without a leading "the".
pub(crate) fn name_key(name: &str) -> String {
    let tokens = super::tokens(name);
    let folded: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
    words_key(&folded)
}

/// [`name_key`] of a name's words, already folded: a leading "the" aside, one space between.
fn words_key(folded: &[&str]) -> String {
    let words = match folded.split_first() {
        Some((first, rest)) if *first == "the" && !rest.is_empty() => rest,
        _ => folded,
    };
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
        [[source]]
        name = "The Daily Example"
        kind = "newspaper"
        country = "GB"
        domains = ["example.co.uk", "dailyexample.com"]
        aliases = ["DEx", "Дейли Экзампл"]

        [[source]]
        name = "Example Wire"
        kind = "wire"
        country = "INT"
        domains = ["examplewire.org"]
    "#;

    #[test]
    fn a_long_name_mistyped_by_one_letter_is_the_source_it_means() {
        let registry = Registry::built_in();
        let sohr = |name: &str| registry.by_name_misspelt(name).map(|s| s.name.as_str());
        assert_eq!(
            sohr("Syrian Obervatory for Human Rights"),
            Some("Syrian Observatory for Human Rights")
        );
        assert_eq!(
            sohr("the Syrian Observatroy for Human Rights"),
            None,
            "two letters swapped are two changes"
        );
        // Short names are not guessed at.
        assert_eq!(registry.by_name_misspelt("Reuter"), None);
        assert!(one_letter_apart("obervatory", "observatory"));
        assert!(one_letter_apart("ministry", "ministri"));
        assert!(!one_letter_apart("ministry", "minister"));
        assert!(!one_letter_apart("same", "same!"));
    }

    #[test]
    fn a_host_finds_its_source_through_any_subdomain() {
        let registry = Registry::parse(TWO).expect("parses");
        let name = |host: &str| registry.by_host(host).map(|s| s.name.as_str());
        assert_eq!(name("www.example.co.uk"), Some("The Daily Example"));
        assert_eq!(name("news.World.ExampleWire.org"), Some("Example Wire"));
        assert_eq!(name("dailyexample.com."), Some("The Daily Example"));
        assert_eq!(name("co.uk"), None);
        assert_eq!(name("other.co.uk"), None);
        assert_eq!(name("example.com"), None);
    }

    #[test]
    fn an_acronym_that_spells_a_common_word_is_found_only_in_capitals() {
        let registry = Registry::parse(
            r#"
            [[source]]
            name = "World Health Organization"
            kind = "un"
            country = "INT"
            aliases = ["WHO"]
        "#,
        )
        .expect("parses");
        let name = |n: &str| registry.by_name(n).map(|s| s.name.as_str());
        assert_eq!(name("WHO"), Some("World Health Organization"));
        assert_eq!(name("who"), None);
        assert_eq!(name("Who"), None);
        assert_eq!(
            name("world health organization"),
            Some("World Health Organization")
        );
    }

    #[test]
    fn a_name_or_alias_finds_its_source_whatever_its_case_accents_or_article() {
        let registry = Registry::parse(TWO).expect("parses");
        let name = |n: &str| registry.by_name(n).map(|s| s.name.as_str());
        assert_eq!(name("daily example"), Some("The Daily Example"));
        assert_eq!(name("THE DAILY EXAMPLE"), Some("The Daily Example"));
        assert_eq!(name("dex"), Some("The Daily Example"));
        assert_eq!(name("дейли экзампл"), Some("The Daily Example"));
        assert_eq!(name("Example"), None);
        assert_eq!(name("The"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn a_domain_or_name_given_twice_or_an_unknown_kind_is_refused() {
        let twice = format!(
            "{TWO}\n[[source]]\nname = \"Copy\"\nkind = \"wire\"\ncountry = \"GB\"\ndomains = [\"examplewire.org\"]\n"
        );
        let err = Registry::parse(&twice).expect_err("a domain twice");
        assert!(err.to_string().contains("examplewire.org"), "{err}");
        let named = format!(
            "{TWO}\n[[source]]\nname = \"Other\"\nkind = \"wire\"\ncountry = \"GB\"\naliases = [\"DEX\"]\n"
        );
        assert!(Registry::parse(&named).is_err());
        let kind = "[[source]]\nname = \"X\"\nkind = \"blog\"\ncountry = \"GB\"\n";
        assert!(Registry::parse(kind).is_err());
    }

    #[test]
    fn the_shipped_registry_parses_and_knows_the_big_wires() {
        let registry = Registry::parse(BUILT_IN).expect("assets/sources.toml parses");
        assert!(
            registry.sources().len() > 300,
            "{}",
            registry.sources().len()
        );
        for (host, name) in [
            ("www.reuters.com", "Reuters"),
            ("apnews.com", "Associated Press"),
            ("www.bbc.co.uk", "BBC"),
        ] {
            let found = registry.by_host(host).map(|s| s.name.as_str());
            assert!(
                found.is_some_and(|f| f.starts_with(name)),
                "{host}: {found:?}"
            );
        }
    }
}
