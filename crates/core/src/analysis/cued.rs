//! Places a report itself calls places, whether or not any gazetteer knows them: the quarters,
//! streets and villages that GeoNames leaves out ("al-Jamilia neighbourhood", "the village of
//! Deir Sharqi", "Babeska, a village in Idlib", "Castello Road", "Mount Cook"), and the states of
//! US party–state tags ("R-Ariz."). The words around the name say what it is; the name's other
//! occurrences in the same report, written as a name, are that place too ("In Bener Meriah"
//! after "Bener Meriah district").
//!
//! English grammar, not a list of places: the nouns that head a place's name, the "of" after
//! them, the apposition "X, a village". A name is a capitalised run of words (particles such as
//! "al" inside it); a run of names without commas ("the towns of Arbin Kafarbatna and Jisreen",
//! as some archives keep them) is cut where a gazetteer name begins or ends and is otherwise
//! kept whole, since no rule can tell where one unknown name ends and the next begins.

use foldhash::HashSet;

use super::Token;
use std::sync::LazyLock;

use super::Lexicon;
use super::world::{BEFORE_A_PLACE, NameSigns, OFFICES, PARTICLES, TITLES, name_signs};

/// The shipped parties, whose names are no places ("the area of Islamic State control").
static PARTIES: LazyLock<Lexicon> = LazyLock::new(Lexicon::built_in);

/// Whether the words name a party or hold one's name ("Nusra Front", "Republican district").
fn names_a_party(text: &str, words: &[Token]) -> bool {
    !words.is_empty() && PARTIES.names_a_party_in(text, words)
}

/// Nouns after a name that say it is a place ("al-Jamilia neighborhood", "Hadar town",
/// "Bener Meriah district"), or before "of" and one or more names ("the towns of A, B and C").
const PLACE_NOUNS: &[&str] = &[
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "district",
    "districts",
    "subdistrict",
    "neighborhood",
    "neighborhoods",
    "neighbourhood",
    "neighbourhoods",
    "quarter",
    "quarters",
    "suburb",
    "suburbs",
    "area",
    "areas",
    "region",
    "province",
    "governorate",
    "county",
    "regency",
    "municipality",
    "camp",
    "island",
    "hamlet",
    "hamlets",
];
/// Words before "of" that say what follows is a place, though they name none themselves
/// ("the outskirts of Tal Hamis").
const AROUND_NOUNS: &[&str] = &[
    "outskirts",
    "vicinity",
    "countryside",
    "entrances",
    "entrance",
];
/// Nouns that are a place's own name's last word when capitalised ("Castello Road",
/// "Roosevelt Boulevard", "Tasman Glacier", "Mt Cook Village"), or that head one in lower case
/// ("al-Kallasa street", "Alkastanaa roundabout").
const STREET_NOUNS: &[&str] = &[
    "street",
    "road",
    "boulevard",
    "avenue",
    "square",
    "park",
    "roundabout",
    "highway",
    "lane",
    "glacier",
    "village",
];
/// Nouns for places too broad to place an incident (see `PlaceMention::broad`).
const BROAD_NOUNS: &[&str] = &[
    "district",
    "districts",
    "subdistrict",
    "area",
    "areas",
    "region",
    "province",
    "governorate",
    "county",
    "regency",
    "countryside",
];
/// Nouns that can stand in apposition after a settlement's name ("Babeska, a village in Idlib").
const SETTLEMENT_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "district",
    "neighborhood",
    "neighbourhood",
    "suburb",
    "hamlet",
];
/// Words that begin a name of a mountain, lake or valley ("Mount Cook", "Mt Cook", "Jabal
/// al-Zawiya").
const FEATURE_WORDS: &[&str] = &[
    "mount", "mt", "lake", "cape", "jabal", "jebel", "jabel", "wadi",
];
/// Capitalised words that say who or what a place is, not which: "the Kurdish town", "the
/// Alawite village", "the Old City", "the Olympic village".
const NOT_A_NAME: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "one",
    "each",
    "every",
    "another",
    "same",
    "which",
    "what",
    "some",
    "any",
    "no",
    "all",
    "both",
    "kurdish",
    "arab",
    "christian",
    "alawite",
    "druze",
    "sunni",
    "shiite",
    "shia",
    "yazidi",
    "turkmen",
    "assyrian",
    "bedouin",
    "jewish",
    "muslim",
    "latino",
    "hispanic",
    "black",
    "white",
    "asian",
    "african",
    "border",
    "frontier",
    "olympic",
    "old",
    "new",
    "industrial",
    "rebel",
    "opposition",
    "government",
    "regime",
    "capital",
    "home",
    "refugee",
    "military",
    "residential",
    "besieged",
    "nearby",
];
/// The states of US party–state tags as the AP abbreviates them ("R-Ariz.", "D-N.Y."), by the
/// state's name.
const AP_STATES: &[(&str, &str)] = &[
    ("Ala.", "Alabama"),
    ("Ariz.", "Arizona"),
    ("Ark.", "Arkansas"),
    ("Calif.", "California"),
    ("Colo.", "Colorado"),
    ("Conn.", "Connecticut"),
    ("Del.", "Delaware"),
    ("Fla.", "Florida"),
    ("Ga.", "Georgia"),
    ("Ill.", "Illinois"),
    ("Ind.", "Indiana"),
    ("Kan.", "Kansas"),
    ("Kans.", "Kansas"),
    ("Ky.", "Kentucky"),
    ("La.", "Louisiana"),
    ("Md.", "Maryland"),
    ("Mass.", "Massachusetts"),
    ("Mich.", "Michigan"),
    ("Minn.", "Minnesota"),
    ("Miss.", "Mississippi"),
    ("Mo.", "Missouri"),
    ("Mont.", "Montana"),
    ("Neb.", "Nebraska"),
    ("Nebr.", "Nebraska"),
    ("Nev.", "Nevada"),
    ("N.H.", "New Hampshire"),
    ("N.J.", "New Jersey"),
    ("N.M.", "New Mexico"),
    ("N.Y.", "New York"),
    ("N.C.", "North Carolina"),
    ("N.D.", "North Dakota"),
    ("Okla.", "Oklahoma"),
    ("Ore.", "Oregon"),
    ("Pa.", "Pennsylvania"),
    ("R.I.", "Rhode Island"),
    ("S.C.", "South Carolina"),
    ("S.D.", "South Dakota"),
    ("Tenn.", "Tennessee"),
    ("Tex.", "Texas"),
    ("Vt.", "Vermont"),
    ("Va.", "Virginia"),
    ("Wash.", "Washington"),
    ("W.Va.", "West Virginia"),
    ("Wis.", "Wisconsin"),
    ("Wyo.", "Wyoming"),
];
/// Words after a street's name in lower case that end the phrase ("on al-Neel street in").
const FOLLOWERS: &[&str] = &[
    "in",
    "on",
    "at",
    "near",
    "of",
    "and",
    "or",
    "to",
    "from",
    "where",
    "which",
    "that",
    "was",
    "is",
    "were",
    "are",
    "area",
    "neighbourhood",
    "neighborhood",
    "district",
    "also",
    "has",
    "had",
    "have",
    "after",
    "before",
    "when",
    "while",
    "during",
    "for",
    "as",
    "with",
    "by",
];
/// Ordinals, which number districts and courts rather than name places ("the Third District").
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];
/// At most this many words make one name.
const LONGEST_NAME: usize = 4;
/// A run of names without commas may be this long before it is cut.
const LONGEST_RUN: usize = 8;

/// A place the report calls a place: its words, whether it is a region or an area rather than a
/// town, and, for a state of a party–state tag, its name and country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cued {
    pub first: usize,
    pub last: usize,
    pub broad: bool,
    /// The state a tag's abbreviation stands for ("Arizona" for "Ariz.").
    pub state: Option<&'static str>,
}

/// The places the words around them call places, in text order. `taken` marks the words of
/// places already found; `names` are the spans (first and last word) of every gazetteer name in
/// the text, found or not, where a run of names is cut.
pub(crate) fn places(
    text: &str,
    tokens: &[Token],
    taken: &[bool],
    names: &[(usize, usize)],
) -> Vec<Cued> {
    let headline_end = text.find('\n').unwrap_or(text.len());
    let lower_elsewhere: HashSet<&str> = tokens
        .iter()
        .filter(|t| t.text(text).chars().next().is_some_and(char::is_lowercase))
        .map(|t| t.folded.as_str())
        .collect();
    let name_word = |i: usize| {
        let Some(t) = tokens.get(i) else {
            return false;
        };
        !taken[i]
            && (super::capitalised(t.text(text)) || particle(&t.folded))
            && t.text(text).chars().any(char::is_alphabetic)
    };
    let joined = |a: usize, b: usize| {
        text.get(tokens[a].end..tokens[b].start).is_some_and(|gap| {
            !gap.is_empty()
                && gap
                    .chars()
                    .all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '\u{a0}'))
        })
    };
    let mut runs: Vec<Cued> = Vec::new();
    let push = |first: usize, last: usize, broad: bool, runs: &mut Vec<Cued>| {
        runs.push(Cued {
            first,
            last,
            broad,
            state: None,
        });
    };
    // The name that ends at word `end`, back to at most `LONGEST_NAME` words.
    let back_from = |end: usize| -> Option<usize> {
        if !name_word(end) {
            return None;
        }
        let mut first = end;
        let goes_on = |first: usize| {
            first > 0
                && !tokens[first].sentence_start
                && name_word(first - 1)
                && joined(first - 1, first)
        };
        while end - first + 1 < LONGEST_NAME && goes_on(first) {
            first -= 1;
        }
        // A longer run of capitalised words is a title or an organisation's name ("Rocky
        // Mountain High Intensity Drug Trafficking Area").
        (!goes_on(first)).then_some(first)
    };
    // The names that follow word `start`, one after another: "A, B and C", "A B and C".
    // A plural noun ("the towns of") lists names, a run of them where commas are lost; a
    // singular one names one place.
    let list_from = |start: usize, runs: &mut Vec<Cued>, broad: bool, plural: bool| {
        let mut i = start;
        while i < tokens.len() {
            if taken[i] {
                // A place already known in the list ("… Kafranbil and Saraqeb"): its words, up
                // to the first gap that is not a space or a hyphen.
                i += 1;
                while i < tokens.len() && taken[i] && joined(i - 1, i) {
                    i += 1;
                }
            } else {
                if !name_word(i) || tokens[i].sentence_start {
                    break;
                }
                let mut last = i;
                while last + 1 < tokens.len()
                    && last + 1 - i < LONGEST_RUN
                    && name_word(last + 1)
                    && !tokens[last + 1].sentence_start
                    && text
                        .get(tokens[last].end..tokens[last + 1].start)
                        .is_some_and(|gap| {
                            gap.chars()
                                .all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '\u{a0}'))
                        })
                {
                    // What follows a possessive is what the place has ("Lakewood's Medal").
                    if tokens[last].is_possessive(text) {
                        break;
                    }
                    last += 1;
                }
                runs.push(Cued {
                    first: i,
                    last,
                    broad,
                    state: None,
                });
                i = last + 1;
            }
            let Some(next) = tokens.get(i) else { break };
            let gap = text.get(tokens[i - 1].end..next.start).unwrap_or_default();
            if matches!(next.folded.as_str(), "and" | "or") {
                i += 1;
            } else if gap.trim() != ","
                && !(plural && gap.trim().is_empty() && taken[i - 1] && !next.sentence_start)
            {
                // After a known place, a name may follow without a comma ("… Kafranbil").
                break;
            }
        }
    };
    for (k, t) in tokens.iter().enumerate() {
        let noun = t.folded.as_str();
        let capital = super::capitalised(t.text(text));
        let in_headline = t.start < headline_end;
        // "the villages of A, B and C", "the outskirts of A".
        if (PLACE_NOUNS.contains(&noun) || AROUND_NOUNS.contains(&noun))
            && !capital
            && tokens.get(k + 1).is_some_and(|o| o.folded == "of")
        {
            let plural = noun.ends_with('s') && noun != "outskirts";
            list_from(k + 2, &mut runs, BROAD_NOUNS.contains(&noun), plural);
            continue;
        }
        // "Mount Cook", "Mt Cook".
        if FEATURE_WORDS.contains(&noun) && capital && !taken[k] {
            let mut last = k;
            while last + 1 < tokens.len()
                && last - k < LONGEST_NAME
                && name_word(last + 1)
                && super::capitalised(tokens[last + 1].text(text))
                && (joined(last, last + 1)
                    || text.get(tokens[last].end..tokens[last + 1].start) == Some(". "))
            {
                last += 1;
            }
            if last > k {
                push(k, last, false, &mut runs);
            }
            continue;
        }
        // "X neighborhood", "Castello Road", "Babeska, a village in Idlib".
        if !(PLACE_NOUNS.contains(&noun) || STREET_NOUNS.contains(&noun)) || k == 0 {
            continue;
        }
        // "Ancient City of Aleppo", "Wall Street Journal", "Kings County Hospital": the noun
        // is a longer name's own word; "Several Villages" is a headline's.
        let next = tokens.get(k + 1);
        let runs_on = next.is_some_and(|o| {
            o.folded == "of"
                || (super::capitalised(o.text(text))
                    && !o.sentence_start
                    && joined(k, k + 1)
                    && !OFFICES.contains(&o.folded.as_str()))
        });
        if capital && (in_headline || runs_on || (noun.ends_with('s') && noun != "regency")) {
            continue;
        }
        // A street in lower case is one before a preposition or a stop: "on al-Neel street in",
        // not "the Bloods street gang".
        if !capital
            && STREET_NOUNS.contains(&noun)
            && !PLACE_NOUNS.contains(&noun)
            && next.is_some_and(|o| {
                let word = o.folded.as_str();
                text.get(t.end..o.start)
                    .is_some_and(|gap| gap.trim().is_empty())
                    && !FOLLOWERS.contains(&word)
                    && !word.ends_with("ing")
                    && !word.ends_with("ed")
            })
        {
            continue;
        }
        let apposition = SETTLEMENT_NOUNS.contains(&noun)
            && !capital
            && matches!(tokens[k - 1].folded.as_str(), "a" | "an")
            && k >= 2;
        let end = if apposition {
            let gap = text
                .get(tokens[k - 2].end..tokens[k - 1].start)
                .unwrap_or_default();
            if gap.trim() != "," && gap.trim() != "" {
                continue;
            }
            k - 2
        } else if capital && STREET_NOUNS.contains(&noun) && !taken[k] {
            k
        } else {
            k - 1
        };
        if !apposition && end + 1 == k && !joined(end, k) {
            continue;
        }
        if end == k {
            // The noun is the name's own word: the name is the words before it and the noun.
            let Some(first) = back_from(k - 1).filter(|_| joined(k - 1, k)) else {
                continue;
            };
            push(first, k, false, &mut runs);
            continue;
        }
        if let Some(first) = back_from(end) {
            push(first, end, BROAD_NOUNS.contains(&noun), &mut runs);
        }
    }
    runs.extend(state_tags(text, tokens, taken));
    // Cut runs where a gazetteer name begins or ends, and leave what no name can be.
    let mut pieces: Vec<Cued> = Vec::new();
    for run in runs {
        if run.state.is_some() {
            pieces.push(run);
            continue;
        }
        // A name of one or two words ("Deir Sharqi", "Urum al Kubra") is whole, whatever
        // gazetteer names its words also spell; a longer run is a list without commas.
        let capitals = tokens[run.first..=run.last]
            .iter()
            .filter(|t| super::capitalised(t.text(text)))
            .count();
        let whole = [(run.first, run.last)];
        let parts = if capitals <= 2 {
            whole.to_vec()
        } else {
            cut(run.first, run.last, names)
        };
        for (first, last) in parts {
            let Some((first, last)) = trimmed(text, tokens, first, last) else {
                continue;
            };
            if !a_name(text, tokens, first, last, &lower_elsewhere) {
                continue;
            }
            pieces.push(Cued {
                first,
                last,
                ..run.clone()
            });
        }
    }
    pieces.sort_by_key(|c| (c.first, std::cmp::Reverse(c.last)));
    let mut kept: Vec<Cued> = Vec::new();
    for piece in pieces {
        if kept.last().is_some_and(|k| k.last >= piece.first) {
            continue;
        }
        kept.push(piece);
    }
    let more = elsewhere(text, tokens, taken, &kept);
    kept.extend(more);
    kept.sort_by_key(|c| c.first);
    kept
}

/// A particle inside a name ("al", "ez", "de"), not an English word that joins two names.
fn particle(folded: &str) -> bool {
    PARTICLES.contains(&folded)
        && !matches!(
            folded,
            "and" | "of" | "the" | "on" | "upon" | "y" | "i" | "e"
        )
}

/// The pieces of a run of words cut where a gazetteer name begins and after it ends.
fn cut(first: usize, last: usize, names: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<usize> = names
        .iter()
        .flat_map(|&(a, b)| [a, b + 1])
        .filter(|&c| c > first && c <= last)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = first;
    for c in cuts {
        out.push((start, c - 1));
        start = c;
    }
    out.push((start, last));
    out
}

/// The words without what may stand before a name ("The", "In") or a particle left at an end.
fn trimmed(text: &str, tokens: &[Token], first: usize, last: usize) -> Option<(usize, usize)> {
    let (mut first, mut last) = (first, last);
    let skip = |t: &Token| {
        NOT_A_NAME.contains(&t.folded.as_str()) || BEFORE_A_PLACE.contains(&t.folded.as_str())
    };
    while first <= last && skip(&tokens[first]) {
        first += 1;
    }
    while last > first && PARTICLES.contains(&tokens[last].folded.as_str()) {
        last -= 1;
    }
    let has_a_capital = tokens
        .get(first..=last)?
        .iter()
        .any(|t| super::capitalised(t.text(text)));
    has_a_capital.then_some((first, last))
}

/// Whether the words may be a place's name: not a demonym, a country's word, an organisation's
/// head word, a month or an acronym, nor one word the report also writes in lower case.
fn a_name(
    text: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    lower_elsewhere: &HashSet<&str>,
) -> bool {
    let words = &tokens[first..=last];
    // No word of it says who or what rather than where: a demonym, a country ("Syrian Idlib",
    // "Syrias"), a title ("President Donald Trump"), an organisation's word ("Lake Tribune"),
    // a date ("Monitor AFP Thursday"), an ordinal, an acronym.
    let street = STREET_NOUNS.contains(&words[words.len() - 1].folded.as_str());
    let not_a_name_word = |t: &Token| {
        let word = t.folded.as_str();
        let written = t.text(text);
        let stem = word.strip_suffix('s').unwrap_or(word);
        let acronym = written.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && written
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        (NOT_A_NAME.contains(&word) && super::capitalised(written))
            || super::lexicon::country_of_word(word).is_some()
            || super::lexicon::country_of_word(stem).is_some()
            // "Sheikh Maqsoud" and "Imam" are also places' words.
            || (TITLES.contains(&word) && !matches!(word, "sheikh" | "imam"))
            // "Church Avenue", "Second Avenue": a street's name may hold them.
            || (!street && super::world::is_organisation_word(word))
            || (words.len() == 1 && ORDINALS.contains(&word))
            || super::dates::is_month_or_weekday(word)
            || acronym
    };
    if words.iter().any(not_a_name_word) || names_a_party(text, words) {
        return false;
    }
    if let [only] = words {
        let word = only.folded.as_str();
        let written = only.text(text);
        let letters = written.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = written.chars().filter(|c| c.is_uppercase()).count();
        return !(lower_elsewhere.contains(word)
            || super::lexicon::country_of_word(word).is_some()
            || super::dates::is_month_or_weekday(word)
            || super::world::is_organisation_word(word)
            || capitals == letters
            || letters < 3);
    }
    true
}

/// The states of party–state tags: "R-Ariz.", "(D-N.Y.)", "R-Idaho".
fn state_tags(text: &str, tokens: &[Token], taken: &[bool]) -> Vec<Cued> {
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if !matches!(t.text(text), "R" | "D" | "I") || text.get(t.end..t.end + 1) != Some("-") {
            continue;
        }
        let opened = text
            .get(..t.start)
            .and_then(|b| b.trim_end().chars().next_back())
            .is_some_and(|c| c == '(' || c == ',');
        if !opened {
            continue;
        }
        let rest = &text[t.end + 1..];
        let state_text = rest
            .split([',', ')', ';'])
            .next()
            .unwrap_or_default()
            .trim_end();
        let Some(&(_, state)) = AP_STATES
            .iter()
            .find(|(abbreviation, name)| state_text == *abbreviation || state_text == *name)
        else {
            continue;
        };
        let end = t.end + 1 + state_text.len();
        let last = tokens.partition_point(|w| w.end <= end).saturating_sub(1);
        if last <= k || taken[k + 1..=last].iter().any(|t| *t) {
            continue;
        }
        out.push(Cued {
            first: k + 1,
            last,
            broad: true,
            state: Some(state),
        });
    }
    out
}

/// Whether two spellings are one but for the case of the first letter ("al-Zobdani" at a
/// sentence's start is "Al-Zobdani"; "SANA" is not "Sana").
fn same_writing(a: &str, b: &str) -> bool {
    let mut a = a.chars();
    let mut b = b.chars();
    match (a.next(), b.next()) {
        (Some(x), Some(y)) => x.to_lowercase().eq(y.to_lowercase()) && a.as_str() == b.as_str(),
        _ => false,
    }
}

/// Other occurrences of the names `found`, written as a name and no part of a longer one.
fn elsewhere(text: &str, tokens: &[Token], taken: &[bool], found: &[Cued]) -> Vec<Cued> {
    let mut covered = taken.to_vec();
    for c in found {
        covered[c.first..=c.last].iter_mut().for_each(|w| *w = true);
    }
    let mut out: Vec<Cued> = Vec::new();
    for c in found.iter().filter(|c| c.state.is_none()) {
        let words: Vec<&str> = tokens[c.first..=c.last]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        let n = words.len();
        for i in 0..tokens.len().saturating_sub(n - 1) {
            let span = i..i + n;
            let written = &text[tokens[c.first].start..tokens[c.last].end];
            if covered[span.clone()].iter().any(|w| *w)
                || !tokens[span.clone()]
                    .iter()
                    .zip(&words)
                    .all(|(t, w)| t.folded == *w)
                || !same_writing(&text[tokens[i].start..tokens[i + n - 1].end], written)
                || !super::world::written_as_a_name(text, &tokens[span.clone()])
            {
                continue;
            }
            let NameSigns {
                person,
                before,
                after,
                org,
            } = name_signs(text, tokens, i, i + n - 1, &covered);
            if person || before || after || org {
                continue;
            }
            covered[span].iter_mut().for_each(|w| *w = true);
            out.push(Cued {
                first: i,
                last: i + n - 1,
                ..c.clone()
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    fn named(text: &str) -> Vec<String> {
        let words = tokens(text);
        places(text, &words, &vec![false; words.len()], &[])
            .into_iter()
            .map(|c| text[words[c.first].start..words[c.last].end].to_string())
            .collect()
    }

    #[test]
    fn a_name_the_report_calls_a_neighbourhood_street_or_village_is_a_place() {
        let found = named(
            "Headline\nShells hit al-Jamilia neighborhood and the Castello Road. Babeska, a \
             village in the north, was hit, and so was the village of Deir Sharqi.",
        );
        assert_eq!(
            found,
            ["al-Jamilia", "Castello Road", "Babeska", "Deir Sharqi"]
        );
    }

    #[test]
    fn a_list_of_villages_is_each_a_place_and_a_name_once_called_one_is_one_again() {
        let found = named(
            "Headline\nJets hit the towns of Arbin, Zamalka and Hazza. Later, in Zamalka, \
             residents counted the dead.",
        );
        assert_eq!(found, ["Arbin", "Zamalka", "Hazza", "Zamalka"]);
    }

    #[test]
    fn who_a_place_belongs_to_is_no_name() {
        let found = named(
            "Headline\nThe Kurdish town was quiet; the Alawite village too. The Olympic village \
             opened. Egyptian town councils met.",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_party_a_title_an_organisation_or_a_number_is_no_place() {
        let found = named(
            "Headline\nHe lived in an area of Islamic State control. He left the city of Homs. \
             President Donald Trump spoke. She died at Kings County Hospital. He ran in the \
             Third District, as The Wall Street Journal said.",
        );
        // Homs is the one place, and the list after "the city of" ends with its sentence.
        assert_eq!(found, ["Homs"]);
    }

    #[test]
    fn the_state_of_a_party_state_tag_is_a_place() {
        let found =
            named("Headline\nSen. John McCain, R-Ariz., and Rep. Jeff Duncan (R-S.C.) spoke.");
        assert_eq!(found, ["Ariz", "S.C"]);
    }
}
