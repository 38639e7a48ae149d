//! The framing lexicon: actor groups with all their names, and loaded words, euphemisms and
//! hedges. The built-in lexicon is `assets/lexicon.toml` (the words and sources, which a library
//! may edit) with the packs of `assets/lexicon/`: one file per conflict with its parties, each
//! with the names that are theirs anywhere, the generic words ("the army", "regime") that are
//! theirs only in a report about that conflict, and the labels the other side uses for them.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use super::Token;
use super::matcher::Matcher;
use crate::error::{Error, Result};

/// The lexicon shipped with the program, as text: what "Reset to default" puts back.
pub const DEFAULT_LEXICON: &str = include_str!("../../../../assets/lexicon.toml");

/// The shipped packs, one file per conflict.
static PACKS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../assets/lexicon");

/// A pack as written: the conflict, and its parties.
#[derive(Deserialize)]
struct PackFile {
    pack: PackHeader,
    #[serde(default)]
    actor: Vec<PackActor>,
    #[serde(default)]
    words: PackWords,
}

#[derive(Deserialize)]
struct PackHeader {
    name: String,
    #[serde(default)]
    countries: Vec<String>,
}

#[derive(Deserialize)]
struct PackActor {
    name: String,
    #[serde(default)]
    side: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    tag: Option<String>,
}

#[derive(Deserialize, Default)]
struct PackWords {
    #[serde(default)]
    loaded: Vec<String>,
    #[serde(default)]
    euphemism: Vec<String>,
}

/// Words after a demonym that make it stand for a country's armed forces.
const MILITARY_WORDS: &[&str] = &[
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "air",
    "raid",
    "raids",
    "jets",
    "warplanes",
    "planes",
    "plane",
    "aircraft",
    "helicopters",
    "helicopter",
    "pilots",
    "pilot",
    "airmen",
    "aircrafts",
    "warplane",
    "bombers",
    "drones",
    "drone",
    "forces",
    "troops",
    "troop",
    "soldiers",
    "soldier",
    "army",
    "military",
    "navy",
    "artillery",
    "shelling",
    "shells",
    "bombardment",
    "bombing",
    "bombings",
    "missiles",
    "missile",
    "rockets",
    "tanks",
    "units",
    "offensive",
    "attack",
    "attacks",
    "operation",
    "operations",
    "gunfire",
    "fire",
    "fighter",
    "fighters",
    "commandos",
    "paratroopers",
    "marines",
    "warships",
    "gunships",
    "patrol",
    "patrols",
    "positions",
    "bases",
    "base",
    "ally",
];

/// Words that stand for a party the report names by its own name elsewhere ("the rebels" after
/// "Syrian rebels"), by the kind of party they can stand for. Where the report names none, the
/// forces, police or government of the country the report is about ("police" in a report of
/// Athens is the Greek police).
const REFERRING: &[(Referent, &[&str])] = &[
    (
        Referent::Opposition,
        &[
            "rebels",
            "rebel groups",
            "rebel group",
            "rebel fighters",
            "insurgents",
            "opposition",
            "opposition fighter",
            "opposition fighters",
            "opposition groups",
            "opposition group",
            "opposition factions",
            "opposition fractions",
            "armed opposition",
            "armed opponents",
            "opponents",
            "militant opposition groups",
            "factions",
            "fractions",
        ],
    ),
    (
        Referent::ArmedGroup,
        &[
            "militants",
            "militant groups",
            "militant group",
            "gunmen",
            "jihadists",
            "jihadist group",
            "jihadist groups",
            "islamists",
            "islamist militants",
            "islamist militant groups",
            "extremists",
            "extremist group",
            "extremist groups",
            "terrorists",
            "terrorist group",
            "terrorist groups",
            "terrorist organization",
            "terrorist organizations",
            "terrorist organisation",
            "terrorist organisations",
            "takfiri terrorists",
            "armed groups",
            "armed men",
        ],
    ),
    (
        Referent::Militia,
        &["militia", "militias", "militiamen", "paramilitaries"],
    ),
    (
        Referent::Loyalist,
        &[
            "pro-government militia",
            "pro-government militias",
            "pro-government forces",
            "pro-government fighters",
            "loyalist militia",
            "loyalist militias",
            "loyalist forces",
            "loyalists",
            "pro-regime forces",
            "pro-regime militias",
        ],
    ),
    (
        Referent::StateForces,
        &[
            "troops",
            "troop force",
            "soldiers",
            "army",
            "military",
            "forces",
            "air force",
            "air forces",
            "servicemen",
            "military units",
            "national military units",
        ],
    ),
    (
        Referent::Police,
        &[
            "police",
            "riot police",
            "policemen",
            "police officers",
            "riot squads",
        ],
    ),
    (Referent::Government, &["government"]),
    (Referent::Party, &["party"]),
];

/// Words of unrest or war, in a report where bare "police" are its home country's police as a
/// side ("riot police fired tear gas at protesters"), not investigators of a crime or rescuers
/// after an earthquake.
const UNREST: &[&str] = &[
    "riot",
    "riots",
    "rioters",
    "rioting",
    "protest",
    "protests",
    "protesters",
    "protestors",
    "demonstrators",
    "demonstration",
    "demonstrations",
    "clashes",
    "clashed",
    "unrest",
    "crackdown",
    "curfew",
    "tear",
    "teargas",
    "uprising",
    "insurgents",
    "militants",
    "rebels",
    "airstrike",
    "airstrikes",
    "shelling",
];

/// What a referring word can stand for (see [`REFERRING`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Referent {
    Opposition,
    ArmedGroup,
    Militia,
    /// Forces fighting for a government that are not its army ("pro-government militias").
    Loyalist,
    StateForces,
    Police,
    Government,
    Party,
}

impl Referent {
    /// The kinds of party (a pack's `kind`) the word may stand for.
    fn kinds(self) -> &'static [&'static str] {
        match self {
            Referent::Opposition => &["armed group", "political party"],
            Referent::ArmedGroup => &["armed group", "militia"],
            Referent::Militia => &["militia"],
            Referent::Loyalist => &["state forces", "militia"],
            Referent::StateForces => &["state forces", "foreign forces"],
            Referent::Police => &["police"],
            Referent::Government => &["government", "state forces"],
            Referent::Party => &["political party"],
        }
    }

    /// The kind of party of a country it stands for, and the party's name where the lexicon has
    /// none: "Greek police". Only forces, police and a government belong to a country.
    fn of_country(self, demonym: &str) -> Option<(&'static str, String)> {
        match self {
            Referent::StateForces => Some(("state forces", format!("{demonym} forces"))),
            Referent::Police => Some(("police", format!("{demonym} police"))),
            Referent::Government => Some(("government", format!("{demonym} government"))),
            _ => None,
        }
    }

    /// What a word after a demonym makes the demonym stand for: "Greek police", "Turkish
    /// government", "Indonesian air force".
    fn after_demonym(word: &str) -> Option<Referent> {
        match word {
            "police" | "policemen" | "riot" => Some(Referent::Police),
            // A bare "ministry" is any ministry ("the Egyptian ministry" of communications);
            // "foreign ministry" and "defence ministry" say whose.
            "government" | "regime" | "authorities" | "administration" | "cabinet" | "foreign"
            | "intelligence" => Some(Referent::Government),
            "defence" | "defense" => Some(Referent::StateForces),
            w if MILITARY_WORDS.contains(&w) => Some(Referent::StateForces),
            _ => None,
        }
    }
}

/// A country of `assets/geo/demonyms.tsv`: its ISO code, name and demonym.
struct Country {
    code: &'static str,
    name: &'static str,
    demonym: &'static str,
}

/// The countries with their demonyms ("GR", "Greece", "Greek").
static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    include_str!("../../../../assets/geo/demonyms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            Some(Country {
                code: fields.next()?,
                name: fields.next()?,
                demonym: fields.next()?,
            })
        })
        .collect()
});

/// The country whose code, folded name or folded demonym is `key`.
fn country(by: impl Fn(&Country) -> bool) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| by(c))
}

/// The ISO code of the country whose demonym or name is the word `folded` ("russian", "syria").
pub(crate) fn country_of_word(folded: &str) -> Option<&'static str> {
    COUNTRY_WORDS
        .get(folded)?
        .iter()
        .find(|w| w.words.len() == 1)
        .and_then(|w| COUNTRIES.get(w.country))
        .map(|c| c.code)
}

/// The demonym of the country whose ISO code is `code` ("SY": "Syrian").
pub(crate) fn demonym_of(code: &str) -> Option<&'static str> {
    country(|c| c.code.eq_ignore_ascii_case(code)).map(|c| c.demonym)
}

/// A country's demonym or name, folded, as [`COUNTRY_WORDS`] indexes it.
struct CountryWord {
    /// The country's index in [`COUNTRIES`].
    country: usize,
    words: Vec<String>,
    demonym: bool,
}

/// Folded demonyms and country names by their first folded word, for finding them in a text.
static COUNTRY_WORDS: LazyLock<HashMap<String, Vec<CountryWord>>> = LazyLock::new(|| {
    let mut index: HashMap<String, Vec<CountryWord>> = HashMap::new();
    for (i, c) in COUNTRIES.iter().enumerate() {
        for (written, demonym) in [(c.demonym, true), (c.name, false)] {
            let words: Vec<String> = super::tokens(written)
                .into_iter()
                .map(|t| t.folded)
                .collect();
            if let Some(first) = words.first() {
                index.entry(first.clone()).or_default().push(CountryWord {
                    country: i,
                    words,
                    demonym,
                });
            }
        }
    }
    index
});

/// Where a report is: the countries its places are in, and the one it names most, its home.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setting {
    pub countries: HashSet<String>,
    pub home: Option<String>,
}

impl Setting {
    /// From the country of each place the report names, once per mention: the home is the
    /// country named most, at least twice, where no other is named as often (one place found
    /// by mistake makes no home).
    pub fn of(countries: impl IntoIterator<Item = String>) -> Setting {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for c in countries {
            *counts.entry(c).or_default() += 1;
        }
        let most = counts.values().copied().max().unwrap_or(0).max(2);
        let mut top = counts.iter().filter(|(_, n)| **n == most);
        let home = match (top.next(), top.next()) {
            (Some((c, _)), None) => Some(c.clone()),
            _ => None,
        };
        Setting {
            countries: counts.into_keys().collect(),
            home,
        }
    }

    /// The countries alone, with no home.
    pub fn countries(countries: &[&str]) -> Setting {
        Setting {
            countries: countries.iter().map(|c| c.to_string()).collect(),
            home: None,
        }
    }
}

/// A generic word without a leading "the": "the army" and "army" are one generic word, and
/// without the article one pack's "the army" does not hide another's "army" at the same words.
fn without_article(word: &str) -> &str {
    word.strip_prefix("the ")
        .or_else(|| word.strip_prefix("The "))
        .unwrap_or(word)
}

/// The comment written above a lexicon's `[packs]` table.
const PACKS_COMMENT: &str = "# Shipped packs this library does not read.";

/// The packs a lexicon's text leaves out (its `[packs] off` list); none where it does not read.
pub fn packs_off(text: &str) -> Vec<String> {
    toml::from_str::<File>(text)
        .map(|f| f.packs.off)
        .unwrap_or_default()
}

/// The lexicon's text with `off` as the packs it leaves out: its `[packs]` table, if it has
/// one, is taken out and written again at the end (no table where no pack is left out); the rest
/// of the text stays as written.
pub fn with_packs_off(text: &str, off: &[String]) -> String {
    with_table(text, "packs", PACKS_COMMENT, "off", off)
}

/// The comment written above a lexicon's `[ignore]` table.
const IGNORE_COMMENT: &str = "# Names not to offer again as candidates.";

/// The lexicon's text with `name` among the names not offered again as candidates.
pub fn with_ignored(text: &str, name: &str) -> String {
    let mut names = toml::from_str::<File>(text)
        .map(|f| f.ignore.names)
        .unwrap_or_default();
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
    with_table(text, "ignore", IGNORE_COMMENT, "names", &names)
}

/// The lexicon's text with `name` added as a party (`actor`) or a source, known by that name.
pub fn with_entry(text: &str, table: &str, name: &str) -> String {
    let quoted = quote(name);
    format!(
        "{}\n\n[[{table}]]\nname = {quoted}\nterms = [{quoted}]\n",
        text.trim_end()
    )
}

/// A TOML string.
fn quote(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The text with its `[table]` (and the comment above it) taken out and, where `values` is not
/// empty, written again at the end as `key = [values]`; the rest stays as written.
fn with_table(text: &str, table: &str, comment: &str, key: &str, values: &[String]) -> String {
    let header = format!("[{table}]");
    let mut kept = String::with_capacity(text.len());
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            inside = trimmed == header;
        }
        if !inside && trimmed != comment {
            kept.push_str(line);
        }
    }
    let mut out = kept.trim_end().to_string();
    out.push('\n');
    if !values.is_empty() {
        let quoted: Vec<String> = values.iter().map(|v| quote(v)).collect();
        out.push_str(&format!(
            "\n{comment}\n{header}\n{key} = [{}]\n",
            quoted.join(", ")
        ));
    }
    out
}

/// The name of each shipped pack with its countries, for the Lexicon view.
pub fn shipped_packs() -> Vec<(String, Vec<String>)> {
    packs()
        .into_iter()
        .map(|p| (p.pack.name, p.pack.countries))
        .collect()
}

/// The shipped packs, parsed, in file-name order; a pack that does not parse is left out (a
/// test checks that each does).
fn packs() -> Vec<PackFile> {
    let mut files: Vec<_> = PACKS
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort_by_key(|f| f.path());
    files
        .into_iter()
        .filter_map(|f| toml::from_str(f.contents_utf8()?).ok())
        .collect()
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    actor: Vec<Group>,
    #[serde(default)]
    loaded: Terms,
    #[serde(default)]
    euphemism: Terms,
    #[serde(default)]
    hedge: Terms,
    #[serde(default)]
    generic: Terms,
    #[serde(default)]
    source: Vec<Group>,
    #[serde(default)]
    packs: PackChoice,
    #[serde(default)]
    ignore: Ignored,
}

/// Names the analyst chose not to be offered again as candidates (`[ignore] names = [...]`).
#[derive(Deserialize, Default)]
struct Ignored {
    #[serde(default)]
    names: Vec<String>,
}

/// Which shipped packs a library leaves out (`[packs] off = ["Myanmar"]`).
#[derive(Deserialize, Default)]
struct PackChoice {
    #[serde(default)]
    off: Vec<String>,
}

#[derive(Deserialize, Default)]
struct Terms {
    #[serde(default)]
    terms: Vec<String>,
}

/// An actor and every name outlets use for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Group {
    pub name: String,
    pub terms: Vec<String>,
    /// Generic words that name it only in a report about its conflict ("the army").
    #[serde(default)]
    pub generic: Vec<String>,
    /// What the other side's media call it ("Kyiv regime"): its names, and loaded words.
    #[serde(default)]
    pub labels: Vec<String>,
    /// The countries of its conflict (its pack's), where it comes from a pack.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Adjectives that stand for it before a military word ("Russian" in "Russian strikes").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Its pack, its side and its kind ("state forces", "armed group"…), where given.
    #[serde(default)]
    pub pack: Option<String>,
    #[serde(default)]
    pub side: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    /// The letter a party–state tag gives its members ("R" in "Sen. John McCain, R-Ariz.").
    #[serde(default)]
    pub tag: Option<String>,
}

/// A category of words that colour a report.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TermCategory {
    /// Words that judge rather than describe: thugs, liberated, massacre.
    Loaded,
    /// Words that soften: neutralised, collateral damage.
    Euphemism,
    /// Words that distance the outlet from a claim: reportedly, allegedly.
    Hedge,
    /// Labels that name no particular group: terrorists, militants, rebels.
    Generic,
}

impl TermCategory {
    /// The word shown in tables and legends.
    pub fn label(self) -> &'static str {
        match self {
            TermCategory::Loaded => "loaded",
            TermCategory::Euphemism => "euphemism",
            TermCategory::Hedge => "hedge",
            TermCategory::Generic => "generic label",
        }
    }
}

/// A lexicon term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMention {
    pub category: TermCategory,
    pub start: usize,
    pub end: usize,
}

/// A lexicon entry found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconMention {
    /// The actor group's name, or the category ("loaded", "euphemism", "hedge").
    pub group: String,
    pub start: usize,
    pub end: usize,
    /// Whether the words name the party only by the report's context: a word such as "the
    /// rebels" for a party the report names elsewhere, or "police" for its country's police.
    pub referred: bool,
}

/// The lexicon, ready to find in texts.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub actors: Vec<Group>,
    pub loaded: Vec<String>,
    pub euphemisms: Vec<String>,
    pub hedges: Vec<String>,
    /// Labels that name no particular group ("terrorists", "militants").
    pub generic: Vec<String>,
    /// Sources and their other names ("SOHR" is the Syrian Observatory for Human Rights).
    pub sources: Vec<Group>,
    /// Names not to offer again as candidates for the lexicon.
    pub ignored: Vec<String>,
    actor_matcher: Matcher,
    /// The actors' generic words, each pointing at its actor.
    generic_matcher: Matcher,
    /// The words of [`REFERRING`], each pointing at its entry.
    referring_matcher: Matcher,
    /// The actors' demonyms by their first folded word: (actor, the demonym's folded words).
    demonym_index: std::collections::HashMap<String, Vec<(usize, Vec<String>)>>,
    term_matcher: Matcher,
    source_matcher: Matcher,
}

const CATEGORIES: [TermCategory; 4] = [
    TermCategory::Loaded,
    TermCategory::Euphemism,
    TermCategory::Hedge,
    TermCategory::Generic,
];

impl Lexicon {
    /// The built-in lexicon: the shipped words and sources, with every shipped pack.
    pub fn built_in() -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON).unwrap_or_default()
    }

    /// A lexicon from TOML text (the shipped `assets/lexicon.toml` or a library's edited copy),
    /// with the shipped packs added: an actor the text names as a pack does takes the pack's
    /// names too.
    pub fn parse(text: &str) -> Result<Lexicon> {
        Lexicon::parse_with(text, packs())
    }

    /// A lexicon from TOML text alone, without the packs.
    pub fn parse_alone(text: &str) -> Result<Lexicon> {
        Lexicon::parse_with(text, Vec::new())
    }

    fn parse_with(text: &str, packs: Vec<PackFile>) -> Result<Lexicon> {
        let mut file: File =
            toml::from_str(text).map_err(|e| Error::Invalid(format!("lexicon: {e}")))?;
        let off = std::mem::take(&mut file.packs.off);
        for pack in packs.into_iter().filter(|p| !off.contains(&p.pack.name)) {
            for actor in pack.actor {
                let group = Group {
                    name: actor.name,
                    terms: actor.terms,
                    generic: actor.generic,
                    labels: actor.labels,
                    demonyms: actor.demonyms,
                    countries: pack.pack.countries.clone(),
                    pack: Some(pack.pack.name.clone()),
                    side: actor.side,
                    kind: actor.kind,
                    tag: actor.tag,
                };
                match file.actor.iter_mut().find(|g| g.name == group.name) {
                    Some(known) => {
                        for term in group.terms {
                            if !known.terms.contains(&term) {
                                known.terms.push(term);
                            }
                        }
                        known.generic.extend(group.generic);
                        known.labels.extend(group.labels);
                        known.demonyms.extend(group.demonyms);
                        known.countries = group.countries;
                        known.pack = group.pack;
                        known.side = known.side.take().or(group.side);
                        known.kind = known.kind.take().or(group.kind);
                        known.tag = known.tag.take().or(group.tag);
                    }
                    None => file.actor.push(group),
                }
            }
            file.loaded.terms.extend(pack.words.loaded);
            file.euphemism.terms.extend(pack.words.euphemism);
        }
        let mut actor_matcher = Matcher::default();
        let mut generic_matcher = Matcher::default();
        let mut demonym_index: std::collections::HashMap<String, Vec<(usize, Vec<String>)>> =
            std::collections::HashMap::new();
        for (i, group) in file.actor.iter().enumerate() {
            for demonym in &group.demonyms {
                let words: Vec<String> = super::tokens(demonym)
                    .into_iter()
                    .map(|t| t.folded)
                    .collect();
                if let Some(first) = words.first() {
                    demonym_index
                        .entry(first.clone())
                        .or_default()
                        .push((i, words));
                }
            }
        }
        for (i, group) in file.actor.iter().enumerate() {
            actor_matcher.add(&group.name, i);
            for term in group.terms.iter().chain(&group.labels) {
                actor_matcher.add(term, i);
            }
            for word in &group.generic {
                generic_matcher.add(without_article(word), i);
            }
        }
        // The labels are loaded words wherever they are found; the actors' generic words are
        // generic labels where the report's context does not give them to their actor.
        let labels: Vec<String> = file.actor.iter().flat_map(|g| g.labels.clone()).collect();
        let generic_words: Vec<String> =
            file.actor.iter().flat_map(|g| g.generic.clone()).collect();
        let mut term_matcher = Matcher::default();
        let lists = [
            &file.loaded.terms,
            &file.euphemism.terms,
            &file.hedge.terms,
            &file.generic.terms,
        ];
        for (i, list) in lists.into_iter().enumerate() {
            for term in list {
                term_matcher.add(term, i);
            }
        }
        for label in &labels {
            term_matcher.add(label, 0);
        }
        // As written: a bare "military" is no label, "the military" is.
        for word in &generic_words {
            term_matcher.add(word, 3);
        }
        let mut referring_matcher = Matcher::default();
        for (i, (_, words)) in REFERRING.iter().enumerate() {
            for word in *words {
                referring_matcher.add(word, i);
            }
        }
        let mut source_matcher = Matcher::default();
        for (i, group) in file.source.iter().enumerate() {
            source_matcher.add(&group.name, i);
            for term in &group.terms {
                source_matcher.add(term, i);
            }
        }
        Ok(Lexicon {
            actors: file.actor,
            loaded: file.loaded.terms,
            euphemisms: file.euphemism.terms,
            hedges: file.hedge.terms,
            generic: file.generic.terms,
            sources: file.source,
            ignored: file.ignore.names,
            actor_matcher,
            generic_matcher,
            referring_matcher,
            demonym_index,
            term_matcher,
            source_matcher,
        })
    }

    /// Loaded words, euphemisms, hedges and generic labels in a text, left to right. Where two
    /// terms start at one word, the longer wins.
    pub fn find_terms(&self, text: &str, tokens: &[Token]) -> Vec<TermMention> {
        let mut out: Vec<TermMention> = Vec::new();
        for m in self.term_matcher.find(text, tokens) {
            let Some(&category) = CATEGORIES.get(m.target) else {
                continue;
            };
            if out.last().is_some_and(|prev| prev.end > m.start) {
                continue;
            }
            out.push(TermMention {
                category,
                start: m.start,
                end: m.end,
            });
        }
        out
    }

    /// Whether a phrase holds a party's name or generic word ("Nusra Front members", "heavily
    /// Republican").
    pub fn names_a_party(&self, phrase: &str) -> bool {
        self.names_a_party_in(phrase, &super::tokens(phrase))
    }

    /// [`Self::names_a_party`] for the words `tokens` of `text`, already read (no copy, no
    /// second reading).
    pub fn names_a_party_in(&self, text: &str, tokens: &[super::Token]) -> bool {
        !self.actor_matcher.find(text, tokens).is_empty()
            || !self.generic_matcher.find(text, tokens).is_empty()
    }

    /// The actor group whose name `phrase` is, in full ("HTS" → "Hayat Tahrir al-Sham").
    pub fn actor_named(&self, phrase: &str) -> Option<&str> {
        let tokens = super::tokens(phrase);
        let (first, last) = (tokens.first()?, tokens.last()?);
        self.actor_matcher
            .find(phrase, &tokens)
            .into_iter()
            .find(|m| m.start == first.start && m.end == last.end)
            .and_then(|m| self.actors.get(m.target))
            .map(|g| g.name.as_str())
    }

    /// The lexicon's name for a source named in `phrase` ("SOHR" → "Syrian Observatory for
    /// Human Rights"), when the phrase names one of its sources.
    pub fn source_name(&self, phrase: &str) -> Option<&str> {
        let tokens = super::tokens(phrase);
        self.source_matcher
            .find(phrase, &tokens)
            .first()
            .and_then(|m| self.sources.get(m.target))
            .map(|g| g.name.as_str())
    }

    /// The sources the lexicon knows that a text names, wherever it names them (not only where
    /// it cites them): (start, end, the lexicon's name), in text order.
    pub fn find_sources(&self, text: &str, tokens: &[Token]) -> Vec<(usize, usize, &str)> {
        self.source_matcher
            .find(text, tokens)
            .into_iter()
            .filter_map(|m| Some((m.start, m.end, self.sources.get(m.target)?.name.as_str())))
            .collect()
    }

    /// Where an actor's demonym, capitalised, stands before a military word ("Russian strikes",
    /// "U.S. troops"): the demonym's words, for each actor it may stand for.
    fn demonym_matches(&self, text: &str, tokens: &[Token]) -> Vec<super::matcher::Match> {
        let mut out = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let Some(entries) = self.demonym_index.get(&t.folded) else {
                continue;
            };
            if !super::capitalised(t.text(text)) {
                continue;
            }
            for (target, words) in entries {
                let end = i + words.len();
                let spelled = tokens
                    .get(i..end)
                    .is_some_and(|run| run.iter().zip(words).all(|(t, w)| t.folded == *w));
                // "Syrian Mi-25 helicopter", "Israeli F-16 jets": a model between them.
                let after = model_designation(text, tokens, end).unwrap_or(end);
                let military = tokens
                    .get(after)
                    .is_some_and(|next| MILITARY_WORDS.contains(&next.folded.as_str()));
                if spelled && (military || predicated(text, tokens, i)) {
                    out.push(super::matcher::Match {
                        target: *target,
                        start: t.start,
                        end: tokens[end - 1].end,
                    });
                }
            }
        }
        out
    }

    /// The actor groups named in a text, each mention with its span, with no context: generic
    /// words are nobody's.
    pub fn find_actors(&self, text: &str, tokens: &[Token]) -> Vec<LexiconMention> {
        self.find_actors_in(text, tokens, &Setting::default())
    }

    /// The actor groups named in a report set in `setting` (the countries of its places): an
    /// actor's generic words are its only where its conflict is one of them, and a name two
    /// packs' actors share goes to the one of the report's conflict where one is. Words that
    /// only refer to a party ("the rebels", "police") are the party's the report names nearby,
    /// or its home country's (see [`REFERRING`]); left to right.
    pub fn find_actors_in(
        &self,
        text: &str,
        tokens: &[Token],
        setting: &Setting,
    ) -> Vec<LexiconMention> {
        let countries = &setting.countries;
        let in_context = |g: &Group| g.countries.iter().any(|c| countries.contains(c));
        let named: Vec<_> = self
            .actor_matcher
            .find(text, tokens)
            .into_iter()
            .filter(|m| !inside_an_arabic_name(text, m.start, m.end))
            .collect();
        // A generic word inside a longer name ("army" in "Syrian army") is that name's; at the
        // same words as another party's name, the report's conflict decides (below).
        let generic: Vec<_> = self
            .generic_matcher
            .find(text, tokens)
            .into_iter()
            .filter(|m| self.actors.get(m.target).is_some_and(in_context))
            // "Militants" and "terrorists" stand for a party named nearby first (see
            // `referred`); the party whose generic words they are only where none is.
            .filter(|m| !deferred(text.get(m.start..m.end).unwrap_or_default()))
            // "Israel's army" is Israel's, whatever the report's conflict.
            .filter(|m| !after_a_country(text, tokens, m.start))
            .filter(|m| {
                !named.iter().any(|n| {
                    n.start < m.end && m.start < n.end && (n.start, n.end) != (m.start, m.end)
                })
            })
            .collect();
        // A demonym that stands for several packs' forces, none of the report's conflict,
        // stands for the first pack's ("American strikes" in a report of no listed war).
        let mut demonyms: Vec<_> = self
            .demonym_matches(text, tokens)
            .into_iter()
            .filter(|m| !named.iter().any(|n| n.start < m.end && m.start < n.end))
            .collect();
        let placed: Vec<(usize, usize)> = demonyms
            .iter()
            .filter(|m| self.actors.get(m.target).is_some_and(in_context))
            .map(|m| (m.start, m.end))
            .collect();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        demonyms.retain(|m| {
            let span = (m.start, m.end);
            placed.contains(&span) || seen.insert(span)
        });
        let all: Vec<_> = named.into_iter().chain(generic).chain(demonyms).collect();
        let mut found: Vec<LexiconMention> = all
            .iter()
            .filter(|m| {
                // Of actors named at the same words, those of the report's home country, if any
                // is, else those of the report's conflicts, if any is.
                let Some(group) = self.actors.get(m.target) else {
                    return false;
                };
                let at_home = |g: &Group| {
                    setting
                        .home
                        .as_ref()
                        .is_some_and(|h| g.countries.contains(h))
                };
                let rival = |better: &dyn Fn(&Group) -> bool| {
                    all.iter().any(|o| {
                        (o.start, o.end) == (m.start, m.end)
                            && o.target != m.target
                            && self.actors.get(o.target).is_some_and(better)
                    })
                };
                if at_home(group) {
                    return true;
                }
                if in_context(group) {
                    return !rival(&at_home);
                }
                !rival(&in_context)
            })
            .filter_map(|m| {
                Some(LexiconMention {
                    group: self.actors.get(m.target)?.name.clone(),
                    start: m.start,
                    end: m.end,
                    referred: false,
                })
            })
            .collect();
        let by_country = self.country_parties(text, tokens, setting, &found);
        found.extend(by_country);
        let tagged = self.tagged(text, tokens, setting);
        found.extend(tagged);
        found.sort_by_key(|m| (m.start, m.end));
        let referred = self.referred(text, tokens, setting, &found);
        found.extend(referred);
        found.sort_by_key(|m| (m.start, m.end));
        found
    }

    /// The words of a report that refer to a party without naming it (see [`REFERRING`]), each
    /// given to a party of its kind (see [`Lexicon::antecedent`]) or, where the report names
    /// none, its home country's. A word that is part of a name ("IS fighters"), of a compound
    /// ("government-held") or that qualifies the noun after it ("police chief", "military
    /// capabilities") refers to no one.
    fn referred(
        &self,
        text: &str,
        tokens: &[Token],
        setting: &Setting,
        named: &[LexiconMention],
    ) -> Vec<LexiconMention> {
        let mut out: Vec<LexiconMention> = Vec::new();
        // Police are a side only in unrest or war; elsewhere they investigate or rescue.
        let unrest = tokens.iter().any(|t| UNREST.contains(&t.folded.as_str()));
        for m in self.referring_matcher.find(text, tokens) {
            let Some((referent, _)) = REFERRING.get(m.target) else {
                continue;
            };
            let overlaps = named.iter().any(|n| n.start < m.end && m.start < n.end)
                || out.last().is_some_and(|prev| prev.end > m.start);
            let after_a_name = named.iter().any(|n| {
                n.end <= m.start
                    && text
                        .get(n.end..m.start)
                        .is_some_and(|gap| gap.trim().is_empty())
            });
            // A party's word qualifies what follows and is still the party's: "party chairman",
            // "the party's candidate".
            let hyphenated = text.get(..m.start).is_some_and(|t| t.ends_with('-'))
                || text.get(m.end..).is_some_and(|t| t.starts_with('-'));
            let alone = (*referent == Referent::Party && !hyphenated)
                || stands_alone(text, tokens, m.start, m.end);
            if overlaps || after_a_name || !alone {
                continue;
            }
            // "Party" in "Likud Party", "Police" in "Aleppo Police Command": a name's word.
            let first = tokens.partition_point(|t| t.start < m.start);
            let last = tokens
                .partition_point(|t| t.start < m.end)
                .saturating_sub(1);
            if in_a_name(text, tokens, first, last) {
                continue;
            }
            let word = text.get(m.start..m.end).unwrap_or_default();
            // "The air forces of Syria": the country's.
            let next = tokens.partition_point(|t| t.start < m.end);
            let of_a_country = tokens
                .get(next)
                .filter(|t| t.folded == "of")
                .and_then(|_| country_named_at(text, tokens, next + 1))
                .and_then(|(c, _)| self.country_party(c, *referent, setting))
                .map(|(name, _)| name);
            // Loyalists fight for the report's own government, wherever others are named.
            let loyal = (*referent == Referent::Loyalist)
                .then(|| self.home_party(setting, Referent::StateForces))
                .flatten();
            let group = of_a_country
                .or(loyal)
                .or_else(|| self.antecedent(named, setting, *referent, word, m.start))
                .or_else(|| self.conflicts_own(named, setting, *referent, word, m.start))
                .or_else(|| {
                    (*referent != Referent::Police || unrest)
                        .then(|| self.home_party(setting, *referent))
                        .flatten()
                });
            if let Some(group) = group {
                out.push(LexiconMention {
                    group,
                    start: m.start,
                    end: m.end,
                    referred: true,
                });
            }
        }
        out
    }

    /// The party a referring word at byte `at` stands for, of the kinds it can stand for: the
    /// one the report names whose own names use the word ("rebels" for "Syrian rebels"), else
    /// the nearest named before it, else the nearest after it. "Rebels" and "the opposition"
    /// name many factions: they stand only for a party whose names use the word, one the report
    /// names or else the only such party of the report's conflict (of the likeliest kind).
    fn antecedent(
        &self,
        named: &[LexiconMention],
        setting: &Setting,
        referent: Referent,
        word: &str,
        at: usize,
    ) -> Option<String> {
        let kinds = referent.kinds();
        let group_of = |name: &str| self.actors.iter().find(|g| g.name == name);
        let of_kind = |g: &Group| g.kind.as_deref().is_some_and(|k| kinds.contains(&k));
        // The phrase's telling words, singular: "rebel" of "rebel groups", "opposition" of
        // "opposition fractions".
        const PLAIN: &[&str] = &[
            "group", "faction", "fraction", "fighter", "armed", "militant",
        ];
        let heads: Vec<String> = word
            .split_whitespace()
            .map(|w| {
                let w = super::fold_word(w);
                w.strip_suffix('s').map_or(w.clone(), str::to_string)
            })
            .filter(|w| !PLAIN.contains(&w.as_str()))
            .collect();
        let names_use_the_word = |g: &Group| {
            std::iter::once(&g.name)
                .chain(&g.terms)
                .flat_map(|n| n.split_whitespace())
                .any(|w| {
                    let w = super::fold_word(w);
                    heads.iter().any(|h| w.starts_with(h.as_str()))
                })
        };
        // Nearest first: those before the word, back from it, then those after it; a party
        // named paragraphs away is not what a word refers to.
        let ordered: Vec<&Group> = named
            .iter()
            .filter(|m| m.end <= at && at - m.end <= ANTECEDENT_BEFORE)
            .rev()
            .chain(
                named
                    .iter()
                    .filter(|m| m.start > at && m.start - at <= ANTECEDENT_AFTER),
            )
            .filter_map(|m| group_of(&m.group))
            .filter(|g| of_kind(g))
            .collect();
        if let Some(g) = ordered.iter().find(|g| names_use_the_word(g)) {
            return Some(g.name.clone());
        }
        // "The party" is the one the report is about: the party it names most, the nearest of
        // those named as often.
        if referent == Referent::Party {
            let times = |g: &Group| named.iter().filter(|m| m.group == g.name).count();
            let most = ordered.iter().map(|g| times(g)).max()?;
            return ordered
                .iter()
                .find(|g| times(g) == most)
                .map(|g| g.name.clone());
        }
        match referent {
            Referent::Opposition => {}
            // "Militants" and "terrorists" are what outlets call one side or the other: the word
            // is a party's only where the report names no other it could be.
            Referent::ArmedGroup | Referent::Militia => {
                let first = ordered.first()?;
                return ordered
                    .iter()
                    .all(|g| g.name == first.name)
                    .then(|| first.name.clone());
            }
            // Forces, police, a government: the one named nearby; of several, the report's own
            // country's, else the nearest.
            _ => {
                let first = ordered.first()?;
                if ordered.iter().any(|g| g.name != first.name)
                    && let Some(home) = self.home_party(setting, referent)
                    && ordered.iter().any(|g| g.name == home)
                {
                    return Some(home);
                }
                return Some(first.name.clone());
            }
        }
        let of_the_conflict = |kind: &str| -> Vec<&Group> {
            self.actors
                .iter()
                .filter(|g| {
                    g.kind.as_deref() == Some(kind)
                        && g.countries.iter().any(|c| setting.countries.contains(c))
                        && names_use_the_word(g)
                })
                .collect()
        };
        kinds
            .iter()
            .map(|kind| of_the_conflict(kind))
            .find(|found| !found.is_empty())
            .and_then(|found| match found.as_slice() {
                [only] => Some(only.name.clone()),
                _ => None,
            })
    }

    /// The party of the report's conflict whose generic words hold a word that refers to an
    /// armed group ("terrorists" and "militants" are what Syrian and Russian state media call
    /// the armed opposition), where the report names no party of that kind within reach of it.
    fn conflicts_own(
        &self,
        named: &[LexiconMention],
        setting: &Setting,
        referent: Referent,
        word: &str,
        at: usize,
    ) -> Option<String> {
        if !deferred(word) {
            return None;
        }
        // "The opponents", "these factions": the opposition as a whole, whichever of its groups
        // the report names.
        let kinds: &[&str] = if referent == Referent::Opposition {
            &[]
        } else {
            referent.kinds()
        };
        let of_kind = |name: &str| {
            self.actors
                .iter()
                .any(|g| g.name == name && g.kind.as_deref().is_some_and(|k| kinds.contains(&k)))
        };
        let nearby = named.iter().any(|m| {
            let near = (m.end <= at && at - m.end <= ANTECEDENT_BEFORE)
                || (m.start > at && m.start - at <= ANTECEDENT_AFTER);
            near && of_kind(&m.group)
        });
        if nearby {
            return None;
        }
        let folded = folded_phrase(word);
        let owners: Vec<&Group> = self
            .actors
            .iter()
            .filter(|g| g.countries.iter().any(|c| setting.countries.contains(c)))
            .filter(|g| {
                g.generic
                    .iter()
                    .any(|w| folded_phrase(without_article(w)) == folded)
            })
            .collect();
        let at_home = owners.iter().find(|g| {
            setting
                .home
                .as_ref()
                .is_some_and(|h| g.countries.contains(h))
        });
        at_home.or(owners.first()).map(|g| g.name.clone())
    }

    /// The parties of party–state tags: "R" in "Sen. John McCain, R-Ariz." and "(D-N.Y.)",
    /// the party whose pack gives it that letter, in a report set in the pack's countries.
    fn tagged(&self, text: &str, tokens: &[Token], setting: &Setting) -> Vec<LexiconMention> {
        let mut out = Vec::new();
        for t in tokens {
            let letter = t.text(text);
            if letter.len() != 1 || text.get(t.end..t.end + 1) != Some("-") {
                continue;
            }
            let opened = text
                .get(..t.start)
                .and_then(|b| b.trim_end().chars().next_back())
                .is_some_and(|c| c == '(' || c == ',');
            let state = text
                .get(t.end + 1..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase);
            if !opened || !state {
                continue;
            }
            let Some(group) = self.actors.iter().find(|g| {
                g.tag.as_deref() == Some(letter)
                    && g.countries.iter().any(|c| setting.countries.contains(c))
            }) else {
                continue;
            };
            out.push(LexiconMention {
                group: group.name.clone(),
                start: t.start,
                end: t.end,
                referred: false,
            });
        }
        out
    }

    /// The party of the report's home country a referring word stands for where the report
    /// names none (see [`Lexicon::country_party`]).
    fn home_party(&self, setting: &Setting, referent: Referent) -> Option<String> {
        let home = setting.home.as_deref()?;
        self.country_party(country(|c| c.code == home)?, referent, setting)
            .map(|(name, _)| name)
    }

    /// A country's forces, police or government, and whether the lexicon lists it: the
    /// lexicon's party of that kind which the country's demonym stands for or whose name has the
    /// demonym or the country's name ("Government of Russia"), else one named after the country
    /// ("Greek police").
    fn country_party(
        &self,
        country: &Country,
        referent: Referent,
        setting: &Setting,
    ) -> Option<(String, bool)> {
        let (kind, name) = referent.of_country(country.demonym)?;
        let has_word = |name: &str, word: &str| {
            let words: Vec<&str> = word.split_whitespace().collect();
            name.split_whitespace()
                .collect::<Vec<_>>()
                .windows(words.len().max(1))
                .any(|w| w == words.as_slice())
        };
        let of_country = |g: &&Group| {
            g.demonyms.iter().any(|d| d == country.demonym)
                || has_word(&g.name, country.demonym)
                || has_word(&g.name, country.name)
        };
        // Of several (Russia's forces in the Syria and the Russia–Ukraine packs), the one of the
        // report's home country's pack, then of its conflicts', then the first.
        let best = |fits: &dyn Fn(&Group) -> bool| {
            self.actors
                .iter()
                .filter(of_country)
                .filter(|g| fits(g))
                .rev()
                .max_by_key(|g| {
                    let home = setting
                        .home
                        .as_ref()
                        .is_some_and(|h| g.countries.contains(h));
                    let context = g.countries.iter().any(|c| setting.countries.contains(c));
                    (home, context)
                })
        };
        let of_kinds = |g: &Group| {
            g.kind
                .as_deref()
                .is_some_and(|k| referent.kinds().contains(&k))
        };
        let listed = if referent == Referent::StateForces {
            best(&of_kinds)
        } else {
            // "The government" of a country whose pack has no government party is its forces'
            // ("Syrian government forces").
            best(&|g: &Group| g.kind.as_deref() == Some(kind)).or_else(|| {
                best(&|g: &Group| g.countries.iter().any(|c| c == country.code) && of_kinds(g))
            })
        };
        Some(match listed {
            Some(g) => (g.name.clone(), true),
            None => (name, false),
        })
    }

    /// Parties a report names by their country: a demonym before a military, police or
    /// government word ("Indonesian air force", "Greek police", "Turkish government", "Russian
    /// and Syrian warplanes"), or a country's possessive before one ("Israel's army"). Words
    /// `taken` by another name are left alone. A party the lexicon does not list is named after
    /// the country, and is `referred` (see [`LexiconMention::referred`]).
    fn country_parties(
        &self,
        text: &str,
        tokens: &[Token],
        setting: &Setting,
        taken: &[LexiconMention],
    ) -> Vec<LexiconMention> {
        let mut out = Vec::new();
        for i in 0..tokens.len() {
            let Some((country, demonym, next)) = country_at(text, tokens, i) else {
                continue;
            };
            // "Russian and Syrian warplanes": the word after the second demonym says for both.
            let mut word = next;
            if demonym
                && tokens
                    .get(next)
                    .is_some_and(|t| matches!(t.folded.as_str(), "and" | "or"))
                && let Some((_, true, after)) = country_at(text, tokens, next + 1)
            {
                word = after;
            }
            let Some(referent) = tokens
                .get(word)
                .and_then(|t| Referent::after_demonym(&t.folded))
            else {
                continue;
            };
            let Some((group, listed)) = self.country_party(country, referent, setting) else {
                continue;
            };
            // "Greek police" and "Israel's army" whole; "Russian" of "Russian strikes" alone,
            // as the lexicon's demonyms are.
            let last = if demonym && referent == Referent::StateForces {
                next - 1
            } else {
                word
            };
            let (start, end) = (tokens[i].start, tokens[last].end);
            if taken.iter().any(|m| m.start < end && start < m.end) {
                continue;
            }
            out.push(LexiconMention {
                group,
                start,
                end,
                referred: !listed,
            });
        }
        out
    }
}

/// The country whose demonym ("Greek", capitalised) or possessive name ("Greece's", "Israels")
/// the words at token `i` are: the country, whether it is the demonym, and the token after.
fn country_at(text: &str, tokens: &[Token], i: usize) -> Option<(&'static Country, bool, usize)> {
    let first = tokens.get(i)?;
    if !super::capitalised(first.text(text)) {
        return None;
    }
    fn stem<'t>(t: &'t Token, text: &str) -> Option<&'t str> {
        t.is_possessive(text)
            .then(|| t.folded.strip_suffix('s'))
            .flatten()
    }
    [Some(first.folded.as_str()), stem(first, text)]
        .into_iter()
        .flatten()
        .filter_map(|k| COUNTRY_WORDS.get(k))
        .flatten()
        .find_map(|w| {
            let end = i + w.words.len();
            let run = tokens.get(i..end)?;
            let last = run.len() - 1;
            let spelled = run.iter().enumerate().all(|(k, t)| {
                t.folded == w.words[k]
                    || (!w.demonym && k == last && stem(t, text) == Some(w.words[k].as_str()))
            });
            // A country's name stands for its party only as a possessive; a demonym as written.
            let possessive = !w.demonym && run[last].is_possessive(text);
            (spelled && (w.demonym || possessive))
                .then(|| Some((COUNTRIES.get(w.country)?, w.demonym, end)))
                .flatten()
        })
}

/// How far before a referring word (in bytes, about two paragraphs) the party it stands for
/// may be named, and how far after it.
const ANTECEDENT_BEFORE: usize = 1_200;
const ANTECEDENT_AFTER: usize = 400;

/// Whether the words `first..=last` are part of a longer name: a capitalised word just before
/// them ("Likud Party", "National Guard troops"), or, capitalised themselves, one just after
/// ("Police Command"); words in capitals throughout are no such name's.
fn in_a_name(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) else {
        return false;
    };
    let name_word = |t: &Token| {
        let w = t.text(text);
        super::capitalised(w) && w.chars().any(char::is_lowercase)
    };
    let adjacent = |x: &Token, y: &Token| {
        text.get(x.end..y.start)
            .is_some_and(|gap| gap.chars().all(|c| c == ' '))
    };
    // "National Guard troops" are the Guard's, whatever case the word after the name takes.
    let before = first
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|p| name_word(p) && !p.sentence_start && adjacent(p, a));
    let after = tokens
        .get(last + 1)
        .is_some_and(|n| name_word(b) && name_word(n) && !n.sentence_start && adjacent(b, n));
    before || after
}

/// The country whose name (not a possessive) the words at token `i` are, and the token after:
/// "Syria" in "the air forces of Syria".
fn country_named_at(text: &str, tokens: &[Token], i: usize) -> Option<(&'static Country, usize)> {
    let first = tokens.get(i)?;
    if !super::capitalised(first.text(text)) {
        return None;
    }
    COUNTRY_WORDS
        .get(&first.folded)?
        .iter()
        .filter(|w| !w.demonym)
        .find_map(|w| {
            let end = i + w.words.len();
            let run = tokens.get(i..end)?;
            run.iter()
                .zip(&w.words)
                .all(|(t, word)| t.folded == *word)
                .then(|| Some((COUNTRIES.get(w.country)?, end)))
                .flatten()
        })
}

/// Whether the demonym at token `i` is said of a strike, a jet or a force before it: "the raid
/// was Syrian or Russian", "jets also believed to be Russian".
fn predicated(text: &str, tokens: &[Token], i: usize) -> bool {
    // Back over "Syrian or" to the verb.
    let mut at = i;
    while at >= 2
        && tokens[at - 1].folded == "or"
        && super::capitalised(tokens[at - 2].text(text))
        && COUNTRY_WORDS.contains_key(&tokens[at - 2].folded)
    {
        at -= 2;
    }
    let Some(verb) = at.checked_sub(1).map(|v| &tokens[v]) else {
        return false;
    };
    if !matches!(verb.folded.as_str(), "be" | "was" | "were" | "is" | "are") {
        return false;
    }
    let from = at.saturating_sub(7);
    tokens[from..at - 1]
        .iter()
        .rev()
        .take_while(|t| !t.sentence_start)
        .chain(tokens[from..at].iter().filter(|t| t.sentence_start).take(1))
        .any(|t| MILITARY_WORDS.contains(&t.folded.as_str()))
}

/// The word after an aircraft's or a weapon's model written at token `i` ("Mi-25", "F-16",
/// "Su-24M"): a short capitalised word, a hyphen and a word that starts with a digit.
fn model_designation(text: &str, tokens: &[Token], i: usize) -> Option<usize> {
    let (letters, number) = (tokens.get(i)?, tokens.get(i + 1)?);
    let short = letters.text(text).chars().count() <= 3 && super::capitalised(letters.text(text));
    let hyphen = text.get(letters.end..number.start) == Some("-");
    let digit = number.text(text).starts_with(|c: char| c.is_ascii_digit());
    (short && hyphen && digit).then_some(i + 2)
}

/// Words folded and joined by single spaces: "Terrorist  organizations" is "terrorist
/// organizations".
fn folded_phrase(phrase: &str) -> String {
    super::tokens(phrase)
        .into_iter()
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a word refers to an armed group, a militia or the opposition ([`REFERRING`]): such a
/// word is a party's generic word only where the report names no party it could stand for.
fn deferred(word: &str) -> bool {
    let folded = folded_phrase(word);
    REFERRING.iter().any(|(referent, words)| {
        matches!(
            referent,
            Referent::Opposition | Referent::ArmedGroup | Referent::Militia
        ) && words.contains(&folded.as_str())
    })
}

/// Whether the words at byte `start` follow a country's demonym or possessive name.
fn after_a_country(text: &str, tokens: &[Token], start: usize) -> bool {
    let at = tokens.partition_point(|t| t.start < start);
    (at.saturating_sub(3)..at)
        .any(|i| country_at(text, tokens, i).is_some_and(|(_, _, next)| next == at))
}

/// Whether a one-word name at `start..end` is part of a longer Arabic name joined by an article:
/// "Fatah" in "Jaish al-Fatah", "Fateh" in "Fateh al-Sham".
fn inside_an_arabic_name(text: &str, start: usize, end: usize) -> bool {
    const ARTICLES: [&str; 6] = ["al-", "el-", "ad-", "ar-", "as-", "ash-"];
    let word = text.get(start..end).unwrap_or_default();
    if word.contains(char::is_whitespace) || word.contains('-') {
        return false;
    }
    let mut before: Vec<char> = text
        .get(..start)
        .unwrap_or_default()
        .chars()
        .rev()
        .take(4)
        .collect();
    before.reverse();
    let before = String::from_iter(before).to_lowercase();
    let after: String = text
        .get(end..)
        .unwrap_or_default()
        .chars()
        .take(6)
        .collect();
    let after = after.to_lowercase();
    ARTICLES.iter().any(|a| before.ends_with(a))
        || ARTICLES
            .iter()
            .any(|a| after.strip_prefix(' ').is_some_and(|r| r.starts_with(a)))
}

/// Words after a referring word that let it stand alone ("the police said", "troops in the
/// north"), rather than qualify the noun after it ("police chief"): verbs of speech and action
/// and function words. Words ending in "ed" or "ing" pass too.
const AFTER_A_REFERENCE: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tell",
    "claim",
    "claims",
    "have",
    "has",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "did",
    "do",
    "does",
    "also",
    "and",
    "or",
    "but",
    "to",
    "in",
    "on",
    "at",
    "of",
    "from",
    "with",
    "for",
    "by",
    "who",
    "which",
    "that",
    "as",
    "after",
    "before",
    "near",
    "into",
    "against",
    "than",
    "then",
    "not",
    "there",
    "here",
    "now",
    "still",
    "already",
    "while",
    "when",
    "where",
    "during",
    "under",
    "over",
    "across",
    "around",
    "along",
    "inside",
    "outside",
    "since",
    "until",
    "within",
    "without",
    "about",
    "through",
    "reportedly",
    "allegedly",
    "control",
    "controls",
    "hold",
    "holds",
    "attack",
    "attacks",
    "fight",
    "fights",
    "use",
    "uses",
    "take",
    "takes",
    "took",
    "launch",
    "launches",
    "continue",
    "continues",
    "advance",
    "advances",
    "deny",
    "denies",
    "accuse",
    "accuses",
    "enter",
    "enters",
    "seize",
    "seizes",
    "shell",
    "shells",
    "target",
    "targets",
    "kill",
    "kills",
    "fire",
    "fires",
    "storm",
    "move",
    "moves",
    "withdraw",
    "withdrew",
    "arrive",
    "arrives",
    "remain",
    "remains",
    "began",
    "begin",
    "tried",
    "try",
    "want",
    "wants",
    "seek",
    "seeks",
    "plan",
    "plans",
    "deploy",
    "arrest",
    "arrests",
    "detain",
    "detains",
    "struck",
    "strike",
    "hit",
    "hits",
    "left",
    "won",
    "lost",
    "ran",
    "fled",
    "met",
    "made",
    "gave",
    "sent",
    "brought",
    "kept",
    "held",
    "blamed",
    "declined",
    "refused",
    "stormed",
    "shot",
];

/// Whether the words at `start..end` stand alone as a reference to a party: not joined by a
/// hyphen to another word, and followed by punctuation, the end, or a word of
/// [`AFTER_A_REFERENCE`] (a word that qualifies what follows names no one).
fn stands_alone(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    // A label in quotation marks names no one: "labels rebel groups as "terrorists"".
    let quote = |c: Option<char>| matches!(c, Some('"' | '“' | '”' | '\''));
    if quote(before) && quote(after) {
        return false;
    }
    // "Aleppo, SANA-Terrorist organizations fired": an agency's dateline, no compound.
    let dateline = before == Some('-')
        && text
            .get(..start - 1)
            .and_then(|t| t.split(|c: char| !c.is_alphanumeric()).next_back())
            .is_some_and(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_uppercase()))
        && text.get(start..end).is_some_and(super::capitalised);
    if (before == Some('-') && !dateline) || after == Some('-') {
        return false;
    }
    let Some(next) = tokens.get(tokens.partition_point(|t| t.start < end)) else {
        return true;
    };
    let gap = text.get(end..next.start).unwrap_or_default();
    if !gap.chars().all(char::is_whitespace) {
        return true;
    }
    let word = next.folded.as_str();
    // A plural before a noun is a possessive whose apostrophe is lost ("terrorists rocket
    // shells"): plurals do not qualify nouns.
    let plural = text
        .get(start..end)
        .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss"));
    plural
        || AFTER_A_REFERENCE.contains(&word)
        || (word.len() > 4 && (word.ends_with("ed") || word.ends_with("ing")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    #[test]
    fn the_built_in_file_parses() {
        let l = Lexicon::parse(DEFAULT_LEXICON).expect("assets/lexicon.toml parses");
        assert!(l.actors.iter().any(|g| g.name == "Islamic State"));
        assert!(l.loaded.contains(&"thugs".to_string()));
        assert!(l.hedges.contains(&"reportedly".to_string()));
        assert!(l.generic.contains(&"militants".to_string()));
        assert!(l.sources.iter().any(|g| g.name.contains("SANA")));
    }

    #[test]
    fn terms_are_found_by_category() {
        let l = Lexicon::built_in();
        let text = "The thugs were reportedly neutralized by the army, militants said.";
        let found: Vec<(TermCategory, &str)> = l
            .find_terms(text, &tokens(text))
            .into_iter()
            .map(|m| (m.category, &text[m.start..m.end]))
            .collect();
        assert_eq!(
            found,
            [
                (TermCategory::Loaded, "thugs"),
                (TermCategory::Hedge, "reportedly"),
                (TermCategory::Euphemism, "neutralized"),
                // A party's generic word is a generic label where nothing gives it to the party.
                (TermCategory::Generic, "the army"),
                (TermCategory::Generic, "militants"),
            ]
        );
    }

    #[test]
    fn a_generic_word_is_a_party_only_in_a_report_of_its_conflict() {
        let l = Lexicon::built_in();
        let actors = |text: &str, countries: &[&str]| -> Vec<String> {
            l.find_actors_in(text, &tokens(text), &Setting::countries(countries))
                .into_iter()
                .map(|m| m.group)
                .collect()
        };
        let text = "Regime forces shelled the town, and the army sent reinforcements.";
        assert!(actors(text, &[]).is_empty(), "no context, no party");
        assert!(actors(text, &["UA"]).is_empty(), "another war's context");
        let syria = actors(text, &["SY"]);
        assert_eq!(syria.len(), 2, "{syria:?}");
        assert!(
            syria.iter().all(|g| g == "Syrian government forces"),
            "{syria:?}"
        );
        // A name two conflicts' parties share goes to the report's conflict.
        let sna = |countries: &[&str]| actors("The SNA took the town.", countries);
        assert!(
            sna(&["SO"]).iter().all(|g| g.contains("Somali")),
            "{:?}",
            sna(&["SO"])
        );
        assert!(
            sna(&["SY"]).iter().all(|g| !g.contains("Somali")),
            "{:?}",
            sna(&["SY"])
        );
        // A name of its own is the party's anywhere.
        assert_eq!(actors("Daesh claimed it.", &[]), ["Islamic State"]);
    }

    #[test]
    fn a_demonym_before_a_military_word_stands_for_the_army() {
        let l = Lexicon::built_in();
        let actors = |text: &str, countries: &[&str]| -> Vec<(String, String)> {
            l.find_actors_in(text, &tokens(text), &Setting::countries(countries))
                .into_iter()
                .map(|m| (text[m.start..m.end].to_string(), m.group))
                .collect()
        };
        let found = actors(
            "Russian drones struck Idlib, and U.S. commandos moved north.",
            &["SY"],
        );
        assert!(
            found.contains(&("Russian".to_string(), "Russian forces".to_string())),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, g)| t == "U.S" && g.starts_with("US forces")),
            "{found:?}"
        );
        let found = actors("Russian drones struck Kharkiv.", &["UA"]);
        assert_eq!(
            found,
            [("Russian".to_string(), "Russian Armed Forces".to_string())]
        );
        // An adjective before anything else is no army.
        assert!(actors("The Russian president said so.", &["UA"]).is_empty());
        assert!(
            actors("russian commandos", &["UA"]).is_empty(),
            "a demonym is capitalised"
        );
    }

    /// The parties found in `text` set in `setting`, as (words, party, referred).
    fn parties(text: &str, setting: &Setting) -> Vec<(String, String, bool)> {
        Lexicon::built_in()
            .find_actors_in(text, &tokens(text), setting)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.group, m.referred))
            .collect()
    }

    fn home(code: &str) -> Setting {
        Setting::of([code.to_string(), code.to_string()])
    }

    #[test]
    fn a_word_that_refers_to_a_party_named_nearby_is_that_party() {
        let found = parties(
            "Syrian rebels shelled the town. The rebels said the army had withdrawn.",
            &home("SY"),
        );
        assert!(
            found.contains(&(
                "rebels".to_string(),
                "Syrian armed opposition".to_string(),
                true
            )),
            "{found:?}"
        );
        // "Militants" after Islamic State is Islamic State, nearest first.
        let found = parties(
            "Islamic State claimed the attack. Militants stormed the base.",
            &Setting::default(),
        );
        assert!(
            found.contains(&("Militants".to_string(), "Islamic State".to_string(), true)),
            "{found:?}"
        );
        // Part of a name, a compound or a qualifier, the word refers to no one.
        for text in [
            "Islamic State fighters stormed the base, and the Likud Party said so.",
            "Islamic State held the government-held town; the police chief spoke.",
        ] {
            let referred: Vec<_> = parties(text, &home("IL"))
                .into_iter()
                .filter(|(_, _, referred)| *referred)
                .collect();
            assert!(referred.is_empty(), "{text}: {referred:?}");
        }
    }

    #[test]
    fn terrorists_are_the_armed_opposition_only_where_no_group_is_named_near_them() {
        let found = parties(
            "Terrorists fired rocket shells on Aleppo, and militants shelled the city again.",
            &home("SY"),
        );
        let groups: Vec<&str> = found.iter().map(|(_, g, _)| g.as_str()).collect();
        assert_eq!(
            groups,
            ["Syrian armed opposition", "Syrian armed opposition"],
            "{found:?}"
        );
        let found = parties(
            "Islamic State fighters attacked Palmyra. The militants seized the citadel.",
            &home("SY"),
        );
        assert!(
            found.iter().all(|(_, g, _)| g != "Syrian armed opposition"),
            "{found:?}"
        );
        // A label in quotation marks refers to no one; outside Syria the words are nobody's.
        let found = parties("The government calls them \"terrorists\".", &home("SY"));
        assert!(found.iter().all(|(w, _, _)| w != "terrorists"), "{found:?}");
        assert!(parties("Terrorists fired rockets.", &home("FR")).is_empty());
    }

    #[test]
    fn party_state_tags_and_the_party_a_report_is_about() {
        let setting = home("US");
        let found = parties(
            "Republicans pressed RNC chairman Steele, and Democrats joined. Sen. John McCain, \
             R-Ariz., said the party chairman must apologise. Republicans agreed; no third-party \
             run was planned.",
            &setting,
        );
        assert!(
            found.contains(&("R".to_string(), "Republican Party".to_string(), false)),
            "{found:?}"
        );
        assert!(
            found.contains(&("party".to_string(), "Republican Party".to_string(), true)),
            "{found:?}"
        );
        assert_eq!(
            found.iter().filter(|(w, _, _)| w == "party").count(),
            1,
            "{found:?}"
        );
    }

    #[test]
    fn a_demonym_said_of_a_strike_or_before_a_model_stands_for_the_army() {
        let found = parties(
            "They flew a Syrian Mi-25 helicopter. It was unclear whether the raid was Syrian or \
             Russian.",
            &home("SY"),
        );
        let groups: Vec<&str> = found.iter().map(|(_, g, _)| g.as_str()).collect();
        assert_eq!(
            groups,
            [
                "Syrian government forces",
                "Syrian government forces",
                "Russian forces"
            ],
            "{found:?}"
        );
    }

    #[test]
    fn police_are_a_side_only_in_unrest() {
        assert!(
            parties(
                "Police say two people were killed in Athens. Officers are investigating.",
                &home("GR")
            )
            .is_empty()
        );
    }

    #[test]
    fn police_forces_and_government_with_no_party_named_are_the_home_countrys() {
        let found = parties(
            "Police fired tear gas in Athens, and the government said calm had returned.",
            &home("GR"),
        );
        assert_eq!(
            found,
            [
                ("Police".to_string(), "Greek police".to_string(), true),
                (
                    "government".to_string(),
                    "Greek government".to_string(),
                    true
                ),
            ]
        );
        // No home, no party: a generic label.
        assert!(parties("Police fired tear gas.", &Setting::default()).is_empty());
    }

    #[test]
    fn a_country_named_before_its_forces_or_government_says_whose_they_are() {
        let found = parties(
            "Israel's army struck, Turkish government officials said, as Russian and Syrian \
             warplanes bombed the air base.",
            &home("SY"),
        );
        let group = |words: &str| {
            found
                .iter()
                .find(|(w, _, _)| w == words)
                .map(|(_, g, _)| g.as_str())
        };
        assert_eq!(
            group("Israel's army"),
            Some("Israel Defense Forces"),
            "{found:?}"
        );
        assert_eq!(group("Turkish government"), Some("Turkish government"));
        // Russia's forces of the Syria pack in a report of Syria.
        assert_eq!(group("Russian"), Some("Russian forces"), "{found:?}");
        assert_eq!(group("Syrian"), Some("Syrian government forces"));
    }

    #[test]
    fn a_name_inside_a_longer_arabic_name_is_not_that_party() {
        let found = parties("A judge at Jaish al-Fatah spoke.", &home("SY"));
        assert!(found.iter().all(|(_, g, _)| g != "Fatah"), "{found:?}");
        assert!(
            found.iter().any(|(_, g, _)| g == "Jaish al-Fatah"),
            "{found:?}"
        );
    }

    #[test]
    fn a_library_may_leave_packs_out_and_take_them_back() {
        let text = with_packs_off(
            DEFAULT_LEXICON,
            &["Myanmar".to_string(), "Syria".to_string()],
        );
        assert_eq!(packs_off(&text), ["Myanmar", "Syria"]);
        let l = Lexicon::parse(&text).expect("reads");
        assert!(!l.actors.iter().any(|g| g.pack.as_deref() == Some("Syria")));
        assert!(l.actors.iter().any(|g| g.pack.as_deref() == Some("Iraq")));
        // Taking them back leaves the text as it was.
        let back = with_packs_off(&text, &[]);
        assert_eq!(back.trim_end(), DEFAULT_LEXICON.trim_end());
        assert!(packs_off(&back).is_empty());
        // A table after [packs] stays.
        let later = format!("{text}\n[hedge]\nterms = [\"reportedly\"]\n");
        let again = with_packs_off(&later, &["Iraq".to_string()]);
        assert!(
            again.contains("[hedge]") && again.contains("off = [\"Iraq\"]"),
            "{again}"
        );
        assert!(!again.contains("\"Myanmar\""), "{again}");
    }

    #[test]
    fn every_shipped_pack_parses() {
        let files = PACKS
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
            .count();
        assert!(files >= 10, "{files} packs");
        assert_eq!(packs().len(), files, "a pack does not parse");
        let l = Lexicon::built_in();
        for (pack, _) in shipped_packs() {
            assert!(
                l.actors
                    .iter()
                    .any(|g| g.pack.as_deref() == Some(pack.as_str())),
                "{pack} has no actor"
            );
        }
    }

    #[test]
    fn a_sources_other_names_lead_to_its_name() {
        let l = Lexicon::built_in();
        assert_eq!(
            l.source_name("the UK-based SOHR"),
            Some("Syrian Observatory for Human Rights")
        );
        assert_eq!(l.source_name("local sources"), None);
    }

    #[test]
    fn an_actors_names_fold_into_its_group() {
        let l = Lexicon::built_in();
        let text = "Daesh fighters and ISIS said it is over; IS claimed the attack.";
        let groups: Vec<String> = l
            .find_actors(text, &tokens(text))
            .into_iter()
            .map(|m| m.group)
            .collect();
        assert_eq!(groups, ["Islamic State", "Islamic State", "Islamic State"]);
    }
}
