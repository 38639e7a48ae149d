//! The framing lexicon: actor groups with all their names, and loaded words, euphemisms and
//! hedges. The built-in lexicon is `assets/lexicon.toml` (the words and sources, which a library
//! may edit) with the packs of `assets/lexicon/`: one file per conflict with its parties, each
//! with the names that are theirs anywhere, the generic words ("the army", "regime") that are
//! theirs only in a report about that conflict, and the labels the other side uses for them.

use std::collections::HashSet;

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
    "aircraft",
    "helicopters",
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
];

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
                let military = tokens
                    .get(end)
                    .is_some_and(|next| MILITARY_WORDS.contains(&next.folded.as_str()));
                if spelled && military {
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
        self.find_actors_in(text, tokens, &HashSet::new())
    }

    /// The actor groups named in a report about `countries` (ISO codes: where its places are):
    /// an actor's generic words are its only where its conflict is one of them, and a name two
    /// packs' actors share goes to the one of the report's conflict where one is.
    pub fn find_actors_in(
        &self,
        text: &str,
        tokens: &[Token],
        countries: &HashSet<String>,
    ) -> Vec<LexiconMention> {
        let in_context = |g: &Group| g.countries.iter().any(|c| countries.contains(c));
        let named = self.actor_matcher.find(text, tokens);
        // A generic word inside a longer name ("army" in "Syrian army") is that name's; at the
        // same words as another party's name, the report's conflict decides (below).
        let generic: Vec<_> = self
            .generic_matcher
            .find(text, tokens)
            .into_iter()
            .filter(|m| self.actors.get(m.target).is_some_and(in_context))
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
        all.iter()
            .filter(|m| {
                // Of actors named at the same words, those of the report's conflict, if any is.
                let Some(group) = self.actors.get(m.target) else {
                    return false;
                };
                in_context(group)
                    || !all.iter().any(|o| {
                        (o.start, o.end) == (m.start, m.end)
                            && o.target != m.target
                            && self.actors.get(o.target).is_some_and(in_context)
                    })
            })
            .filter_map(|m| {
                Some(LexiconMention {
                    group: self.actors.get(m.target)?.name.clone(),
                    start: m.start,
                    end: m.end,
                })
            })
            .collect()
    }
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
            let countries: HashSet<String> = countries.iter().map(|c| c.to_string()).collect();
            l.find_actors_in(text, &tokens(text), &countries)
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
            let countries: HashSet<String> = countries.iter().map(|c| c.to_string()).collect();
            l.find_actors_in(text, &tokens(text), &countries)
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
