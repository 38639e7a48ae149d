//! Names a library's reports give that its lexicon does not know: the name of an organisation
//! cited as a source ("the Riverside Monitoring Team said") or standing before a conflict verb
//! ("the Rapid Response Brigade attacked"), which matches no party, no source, no place and no
//! source of the registry. The Lexicon view offers them to add as a party or a source, or to
//! ignore.

use std::collections::{HashMap, HashSet};

use super::attributions::attributions;
use super::sources::Registry;
use super::{Gazetteer, Lexicon, Token, tokens};

/// A name not in the lexicon, with how often and in how many reports it is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlistedName {
    pub name: String,
    pub mentions: usize,
    pub reports: usize,
    /// Whether a report cites it as a source (else it stands before a conflict verb).
    pub cited: bool,
}

/// Words that make a run of capitalised words an organisation's name.
const ORGANISATION_WORDS: &[&str] = &[
    "army",
    "front",
    "brigade",
    "brigades",
    "forces",
    "force",
    "movement",
    "group",
    "battalion",
    "battalions",
    "division",
    "council",
    "party",
    "corps",
    "legion",
    "militia",
    "team",
    "network",
    "organisation",
    "organization",
    "union",
    "alliance",
    "committee",
    "observatory",
    "ministry",
    "agency",
    "office",
    "centre",
    "center",
    "guard",
    "command",
    "regiment",
    "coalition",
    "authority",
    "directorate",
    "service",
    "institute",
    "monitor",
    "foundation",
];

/// Verbs a party's name stands before in conflict reporting.
const CONFLICT_VERBS: &[&str] = &[
    "attacked",
    "killed",
    "claimed",
    "seized",
    "captured",
    "shelled",
    "fired",
    "launched",
    "ambushed",
    "stormed",
    "bombed",
    "struck",
    "targeted",
    "took",
    "advanced",
    "withdrew",
    "clashed",
    "fought",
    "executed",
    "abducted",
    "kidnapped",
];

/// Words that may stand inside an organisation's name in lower case.
const INSIDE_A_NAME: &[&str] = &["of", "for", "the", "and", "al", "el", "de"];

/// The names the texts give that the lexicon, the registry of sources and the gazetteer do not
/// know and `ignored` does not hold, most reports first; at most `limit`.
pub fn unlisted_names<'t>(
    texts: impl IntoIterator<Item = &'t str>,
    lexicon: &Lexicon,
    gazetteer: &Gazetteer,
    ignored: &[String],
    limit: usize,
) -> Vec<UnlistedName> {
    let registry = Registry::built_in();
    let ignored: HashSet<String> = ignored.iter().map(|n| n.to_lowercase()).collect();
    let known = |name: &str| {
        lexicon.actor_named(name).is_some()
            || lexicon.source_name(name).is_some()
            || registry.by_name(name).is_some()
            || gazetteer.canonical(name).is_some()
            || ignored.contains(&name.to_lowercase())
    };
    // By name: mentions, the reports (their order in `texts`), and whether one cites it.
    let mut found: HashMap<String, (usize, HashSet<usize>, bool)> = HashMap::new();
    for (report, text) in texts.into_iter().enumerate() {
        let words = tokens(text);
        let cited = attributions(text, &words, lexicon)
            .into_iter()
            .map(|a| (a.source, true));
        let acting = acting_names(text, &words).into_iter().map(|n| (n, false));
        for (name, as_source) in cited.chain(acting) {
            let name = trimmed(&name);
            if !organisation_name(&name) || known(&name) {
                continue;
            }
            let entry = found.entry(name).or_default();
            entry.0 += 1;
            entry.1.insert(report);
            entry.2 |= as_source;
        }
    }
    // A name one report gives once is too often a phrase the rules misread; two reports that
    // give it make a candidate worth the analyst's look.
    let mut out: Vec<UnlistedName> = found
        .into_iter()
        .filter(|(_, (_, reports, _))| reports.len() >= MIN_REPORTS)
        .map(|(name, (mentions, reports, cited))| UnlistedName {
            name,
            mentions,
            reports: reports.len(),
            cited,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.reports, b.mentions)
            .cmp(&(a.reports, a.mentions))
            .then_with(|| a.name.cmp(&b.name))
    });
    out.truncate(limit);
    out
}

/// How many reports must give a name for it to be offered.
const MIN_REPORTS: usize = 2;

/// Titles that begin a person's name inside a longer phrase ("… Coalition President Terry
/// Smith"): the name ends before them.
const TITLES: &[&str] = &[
    "president",
    "vice-president",
    "director",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "head",
    "leader",
    "minister",
    "secretary",
    "chairman",
    "chair",
    "deputy",
];

/// A found name without what is not the organisation's: words before an inner "the" ("Earlier
/// Tuesday the Observatory" is the Observatory), and a title and the person after it
/// ("Coalition President Terry Smith" is the Coalition).
fn trimmed(name: &str) -> String {
    let name = name.rsplit_once(" the ").map_or(name, |(_, after)| after);
    let words: Vec<&str> = name.split_whitespace().collect();
    let end = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, w)| *i + 1 < words.len() && TITLES.contains(&w.to_lowercase().as_str()))
        .map_or(words.len(), |(i, _)| i);
    words[..end].join(" ")
}

/// Whether a name reads as an organisation's: two words or more, capitalised but for a few
/// small words, one of them an organisation word ("Riverside Monitoring Team").
fn organisation_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= 8
        && words
            .iter()
            .all(|w| super::capitalised(w) || INSIDE_A_NAME.contains(&w.to_lowercase().as_str()))
        && words
            .iter()
            .any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Runs of capitalised words (small words inside allowed) that end at most two words before a
/// conflict verb: "the Rapid Response Brigade attacked", "Desert Hawks Brigade fighters seized".
fn acting_names(text: &str, words: &[Token]) -> Vec<String> {
    let capitalised = |t: &Token| super::capitalised(t.text(text));
    let mut out = Vec::new();
    for (v, verb) in words.iter().enumerate() {
        if !CONFLICT_VERBS.contains(&verb.folded.as_str()) {
            continue;
        }
        // The name's last word: a capitalised word at most two before the verb.
        let Some(last) = (v.saturating_sub(3)..v)
            .rev()
            .find(|&i| capitalised(&words[i]))
        else {
            continue;
        };
        let mut first = last;
        while first > 0 {
            let before = &words[first - 1];
            let inside = INSIDE_A_NAME.contains(&before.folded.as_str())
                && first >= 2
                && capitalised(&words[first - 2]);
            if (capitalised(before) && !before.sentence_start) || inside {
                first -= 1;
            } else {
                if capitalised(before) && before.sentence_start {
                    first -= 1;
                }
                break;
            }
        }
        // "The Desert Hawks Brigade" at a sentence's start is the Desert Hawks Brigade.
        if words[first].folded == "the" && first < last {
            first += 1;
        }
        if let Some(name) = text.get(words[first].start..words[last].end) {
            out.push(name.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_the_lexicon_does_not_know_is_offered_with_its_counts() {
        let texts = [
            "The Riverside Monitoring Team said the convoy was hit by drones. Islamic State \
             claimed the attack.",
            "According to the Riverside Monitoring Team, two tanks were lost. The Desert Hawks \
             Brigade attacked the village at dawn.",
            "Witnesses said the Desert Hawks Brigade seized the crossing. The Riverside \
             Monitoring Team said so too.",
        ];
        let found = unlisted_names(
            texts.iter().copied(),
            &Lexicon::built_in(),
            &Gazetteer::built_in(),
            &[],
            10,
        );
        let team = found
            .iter()
            .find(|n| n.name == "Riverside Monitoring Team")
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!((team.mentions, team.reports, team.cited), (3, 3, true));
        let hawks = found
            .iter()
            .find(|n| n.name == "Desert Hawks Brigade")
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!((hawks.reports, hawks.cited), (2, false));
        // Known parties, ordinary speakers and people are no candidates.
        assert!(
            !found
                .iter()
                .any(|n| n.name.contains("Islamic State") || n.name == "Witnesses"),
            "{found:?}"
        );
        // An ignored name is not offered again.
        let again = unlisted_names(
            texts.iter().copied(),
            &Lexicon::built_in(),
            &Gazetteer::built_in(),
            &["Desert Hawks Brigade".to_string()],
            10,
        );
        assert!(!again.iter().any(|n| n.name == "Desert Hawks Brigade"));
    }

    #[test]
    fn a_found_name_loses_what_is_not_the_organisations() {
        assert_eq!(
            trimmed("Earlier Tuesday the Riverside Observatory"),
            "Riverside Observatory"
        );
        assert_eq!(
            trimmed("Riverside Monitoring Team President Jane Example"),
            "Riverside Monitoring Team"
        );
        assert_eq!(
            trimmed("Chief Rabbinate Council"),
            "Chief Rabbinate Council"
        );
    }
}
