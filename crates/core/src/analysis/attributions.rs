//! Attributions: who a report says its information comes from. "according to the Syrian
//! Observatory for Human Rights", "Moscow's Defense Ministry said", "a Syrian military source told
//! AFP", "“…,” said Adnan Rifai, the governor", "he said" after a named speaker.
//!
//! Found from reporting verbs and the noun phrase next to them, by rules over tokens: what news
//! writing uses to attribute is a small closed set of constructions, and the phrase next to the
//! verb is the speaker. Names are then normalised: through the lexicon's sources (SOHR = Syrian
//! Observatory for Human Rights), and a short later mention ("the Observatory", "the source") to
//! the fuller one the same report used before.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Lexicon, Token, capitalised, fold_word, possessive};

/// A source a report cites, with the span of the words that cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source's name, normalised: "Syrian Observatory for Human Rights", "military source".
    pub source: String,
    pub start: usize,
    pub end: usize,
}

/// Verbs that attribute what comes before or after them to a speaker.
fn is_reporting_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "told"
            | "tells"
            | "reported"
            | "reports"
            | "announced"
            | "claimed"
            | "claims"
            | "stated"
            | "confirmed"
            | "added"
            | "warned"
            | "insisted"
            | "denied"
            | "alleged"
            | "wrote"
            | "tweeted"
            | "posted"
            | "noted"
            | "notes"
            | "explained"
            | "declared"
            | "estimated"
            | "acknowledged"
            | "documented"
            | "blamed"
            | "accused"
            | "dismissed"
            | "condemned"
            | "сообщил"
            | "сообщила"
            | "сообщили"
            | "сообщает"
            | "заявил"
            | "заявила"
            | "заявили"
            | "передает"
            | "рассказал"
            | "рассказали"
    )
}

/// Words a speaker's noun phrase never contains: clause words and verbs of being.
fn ends_phrase(word: &str) -> bool {
    matches!(
        word,
        "that"
            | "which"
            | "who"
            | "whom"
            | "when"
            | "while"
            | "as"
            | "because"
            | "but"
            | "or"
            | "if"
            | "after"
            | "before"
            | "where"
            | "it"
            | "was"
            | "were"
            | "is"
            | "are"
            | "been"
            | "be"
            | "not"
            | "could"
            | "would"
            | "will"
            | "did"
            | "do"
            | "than"
            | "what"
            | "also"
            | "then"
            | "so"
            | "to"
            | "said"
            | "told"
            | "has"
            | "have"
            | "had"
            | "reached"
            | "speaking"
            | "quoted"
            | "cited"
            | "и"
            | "что"
    )
}

/// Words that may stand between a speaker and the verb: "the ministry has said", "police later
/// said".
fn is_between_speaker_and_verb(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "earlier"
            | "previously"
            | "separately"
            | "further"
            | "repeatedly"
            | "publicly"
            | "officially"
            | "reportedly"
            | "allegedly"
            | "then"
            | "however"
    )
}

/// Titles before a name, written with a full stop ("Dr. Yusuf Barakat").
fn is_title(word: &str) -> bool {
    matches!(
        word,
        "dr" | "mr"
            | "mrs"
            | "ms"
            | "gen"
            | "col"
            | "lt"
            | "maj"
            | "capt"
            | "sgt"
            | "prof"
            | "sen"
            | "rep"
            | "brig"
            | "st"
    )
}

fn is_leading_filler(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "several"
            | "some"
            | "many"
            | "other"
            | "another"
            | "both"
            | "various"
            | "unnamed"
            | "anonymous"
    )
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "they" | "it" | "we" | "i" | "он" | "она"
    )
}

/// Whether the gap between two tokens keeps them in one phrase: spaces and hyphens, or the full
/// stop of a title ("Dr. Barakat").
fn joins(text: &str, tokens: &[Token], left: usize) -> bool {
    let gap = text
        .get(tokens[left].end..tokens[left + 1].start)
        .unwrap_or("");
    gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
        || (gap.trim() == "." && is_title(&tokens[left].folded))
}

/// The speaker phrase ending at token `end` (inclusive), walking back: (first token, last token).
fn phrase_before(text: &str, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut first = None;
    let mut j = end;
    loop {
        let word = tokens[j].folded.as_str();
        if ends_phrase(word) || is_reporting_verb(word) {
            break;
        }
        first = Some(j);
        if tokens[j].sentence_start || j == 0 || end - j >= 7 || !joins(text, tokens, j - 1) {
            break;
        }
        j -= 1;
    }
    first.map(|f| (f, end))
}

/// The speaker phrase starting at token `start`, walking forward.
fn phrase_after(text: &str, tokens: &[Token], start: usize) -> Option<(usize, usize)> {
    let mut last = None;
    let mut j = start;
    while j < tokens.len() {
        let t = &tokens[j];
        if (j > start && t.sentence_start && !is_title(&tokens[j - 1].folded))
            || ends_phrase(&t.folded)
            || is_reporting_verb(&t.folded)
            || j - start >= 9
        {
            break;
        }
        // "of" and "for" continue a name ("Ministry of Defence", "Observatory for Human
        // Rights"); other lower-case prepositions end it.
        let is_preposition = matches!(
            t.folded.as_str(),
            "in" | "on" | "at" | "by" | "from" | "with" | "about" | "during"
        );
        let capital_follows = tokens.get(j + 1).is_some_and(|n| capitalised(n.text(text)));
        if is_preposition
            || (matches!(t.folded.as_str(), "of" | "for") && !capital_follows)
            || (j > start && t.folded.ends_with("ed") && !capitalised(t.text(text)))
        {
            break;
        }
        last = Some(j);
        if j + 1 >= tokens.len() || !joins(text, tokens, j) {
            break;
        }
        j += 1;
    }
    last.map(|l| (start, l))
}

/// A speaker phrase cleaned for naming: without leading articles, numbers and titles, and with
/// "and" splitting two speakers ("Residents and the Observatory").
fn speaker_names(text: &str, tokens: &[Token], first: usize, last: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut from = first;
    for (j, t) in tokens.iter().enumerate().take(last + 1).skip(first) {
        if t.folded == "and" || t.folded == "и" {
            if j > from {
                parts.push((from, j - 1));
            }
            from = j + 1;
        }
    }
    if from <= last {
        parts.push((from, last));
    }
    parts
        .into_iter()
        .filter_map(|(mut a, b)| {
            while a <= b && (is_leading_filler(&tokens[a].folded) || is_title(&tokens[a].folded)) {
                a += 1;
            }
            (a <= b).then_some((a, b))
        })
        .filter(|(a, b)| text.get(tokens[*a].start..tokens[*b].end).is_some())
        .collect()
}

/// Whether a phrase reads as a person's name: two to four capitalised words, none of them an
/// organisation word.
fn is_person_name(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    let n = last + 1 - first;
    (2..=5).contains(&n)
        && capitalised(tokens[first].text(text))
        && tokens[first..=last].iter().all(|t| {
            (capitalised(t.text(text))
                || matches!(
                    t.folded.as_str(),
                    "al" | "el" | "bin" | "ibn" | "de" | "van" | "von"
                ))
                && !matches!(
                    t.folded.as_str(),
                    "ministry"
                        | "observatory"
                        | "office"
                        | "agency"
                        | "army"
                        | "forces"
                        | "news"
                        | "council"
                        | "committee"
                        | "front"
                        | "state"
                        | "nations"
                        | "union"
                        | "command"
                        | "network"
                        | "wire"
                        | "tv"
                )
        })
}

/// Nouns that can head a speaker phrase written in lower case ("local sources", "a doctor at
/// the hospital", "regime media"). Capitalised phrases (names, organisations) need no list.
fn is_speaker_noun(word: &str) -> bool {
    let singular = word.strip_suffix('s').unwrap_or(word);
    matches!(
        singular,
        "source"
            | "official"
            | "resident"
            | "witness"
            | "witnesse"
            | "activist"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokesmen"
            | "ministry"
            | "agency"
            | "media"
            | "television"
            | "tv"
            | "observatory"
            | "council"
            | "doctor"
            | "officer"
            | "commander"
            | "governor"
            | "minister"
            | "police"
            | "army"
            | "military"
            | "government"
            | "authoritie"
            | "authority"
            | "statement"
            | "report"
            | "familie"
            | "family"
            | "relative"
            | "villager"
            | "trader"
            | "farmer"
            | "medic"
            | "volunteer"
            | "correspondent"
            | "monitor"
            | "group"
            | "observer"
            | "mukhtar"
            | "soldier"
            | "survivor"
            | "friend"
            | "paramedic"
            | "nurse"
            | "rescuer"
            | "worker"
            | "analyst"
            | "expert"
            | "diplomat"
            | "leader"
            | "mayor"
            | "chief"
            | "head"
            | "director"
            | "representative"
            | "coalition"
            | "office"
            | "channel"
            | "outlet"
            | "network"
            | "website"
            | "account"
            | "broadcaster"
            | "newspaper"
            | "daily"
            | "station"
            | "committee"
            | "organisation"
            | "organization"
            | "ngo"
            | "charity"
            | "hospital"
            | "team"
            | "people"
            | "men"
            | "man"
            | "woman"
            | "women"
            | "mother"
            | "father"
            | "brother"
            | "sister"
            | "son"
            | "daughter"
            | "owner"
            | "shopkeeper"
            | "stallholder"
            | "driver"
            | "teacher"
            | "student"
            | "elder"
            | "sheikh"
            | "imam"
            | "fighter"
            | "militant"
            | "rebel"
            | "insurgent"
            | "general"
            | "colonel"
            | "captain"
            | "mukhtars"
    ) || word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// A speaker phrase trimmed to the speaker, or `None` when it cannot be one ("six", "by", "the
/// bombardment", "shelled the town"). Drops "Britain-based", a lower-case possessor ("the
/// group's Amaq news agency"), and what follows a possessor that names the speaker's own people
/// ("the Observatory's sources" is the Observatory).
fn clean_speaker(
    text: &str,
    tokens: &[Token],
    mut a: usize,
    mut b: usize,
) -> Option<(usize, usize)> {
    // "Britain-based", "UK-based"
    while a < b
        && tokens[a + 1].folded == "based"
        && text.get(tokens[a].end..tokens[a + 1].start) == Some("-")
    {
        a += 2;
    }
    while a <= b && is_leading_filler(&tokens[a].folded) {
        a += 1;
    }
    if a > b {
        return None;
    }
    if a < b && possessive(tokens[a].text(text)) && !capitalised(tokens[a].text(text)) {
        a += 1;
    }
    if let Some(k) = (a..b).find(|&k| possessive(tokens[k].text(text)))
        && tokens[k + 1..=b].iter().all(|t| {
            matches!(
                t.folded.as_str(),
                "sources"
                    | "source"
                    | "network"
                    | "contacts"
                    | "correspondents"
                    | "correspondent"
                    | "monitors"
                    | "team"
                    | "documentation"
                    | "records"
            )
        })
    {
        b = k;
    }
    if matches!(
        tokens[a].folded.as_str(),
        "in" | "on" | "at" | "by" | "from" | "with" | "during" | "for" | "of" | "to"
    ) {
        return None;
    }
    // "military officials in the provincial capital", "a doctor at the hospital": the speaker is
    // the noun before the place (but "Defence Ministry in Mansuriya" is a name).
    if let Some(k) = (a + 1..=b).find(|&k| {
        matches!(
            tokens[k].folded.as_str(),
            "in" | "at" | "from" | "near" | "on" | "inside" | "outside"
        )
    }) {
        let named = (a..k)
            .any(|j| capitalised(tokens[j].text(text)) && !(j == a && tokens[j].sentence_start));
        if !named && k > a {
            b = k - 1;
        }
    }
    // "SNFD sources": the organisation.
    if b > a
        && matches!(
            tokens[b].folded.as_str(),
            "sources" | "source" | "network" | "contacts"
        )
        && tokens[b - 1].text(text).chars().all(char::is_uppercase)
    {
        b -= 1;
    }
    let words = &tokens[a..=b];
    let verb_like = words.iter().enumerate().any(|(n, t)| {
        let w = t.text(text);
        let compound = n > 0 && text.get(tokens[a + n - 1].end..t.start) == Some("-");
        !capitalised(w) && !compound && (t.folded.ends_with("ed") || t.folded.ends_with("ing"))
    });
    let number = words.iter().any(|t| {
        t.folded.chars().all(|c| c.is_ascii_digit())
            || super::numbers::word_value(&t.folded).is_some()
    });
    let head = &tokens[b];
    let head_ok = capitalised(head.text(text))
        || is_speaker_noun(&head.folded)
        || words.iter().any(|t| capitalised(t.text(text)));
    let negated = matches!(tokens[a].folded.as_str(), "no" | "none" | "nobody");
    (!verb_like && !number && head_ok && !negated && !is_pronoun(&tokens[a].folded))
        .then_some((a, b))
}

/// "Karim Haddad, a resident," ending at token `end`: the name before a description set off by
/// commas.
fn appositive_name(text: &str, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
    let (first, _) = phrase_before(text, tokens, end)?;
    let describes = is_leading_filler(&tokens[first].folded)
        && !capitalised(tokens[first].text(text))
        && first >= 2
        && text
            .get(tokens[first - 1].end..tokens[first].start)
            .is_some_and(|g| g.trim() == ",");
    if !describes {
        return None;
    }
    phrase_before(text, tokens, first - 1).filter(|&(a, b)| is_person_name(text, tokens, a, b))
}

/// The words of a name, folded, for comparing a short mention with a fuller one.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .filter(|w| !is_leading_filler(w))
        .collect()
}

/// The attributions in a text, in order.
pub fn attributions(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Vec<Attribution> {
    let mut people: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Attribution> = Vec::new();
    let push = |out: &mut Vec<Attribution>,
                people: &mut Vec<(usize, usize)>,
                first: usize,
                last: usize,
                span: (usize, usize)| {
        for (a, b) in speaker_names(text, tokens, first, last) {
            let Some((a, b)) = clean_speaker(text, tokens, a, b) else {
                continue;
            };
            // "he said" goes to the last person named, or to a singular speaker ("a military
            // source told…, he added").
            let singular = !tokens[b].folded.ends_with('s') || tokens[b].folded.ends_with("ss");
            if is_person_name(text, tokens, a, b) || singular {
                people.push((a, b));
            }
            let source = text[tokens[a].start..tokens[b].end]
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_string();
            // A speaker resolved from a pronoun was named earlier: the span is the pronoun's.
            let remote = tokens[b].end < span.0;
            out.push(Attribution {
                source,
                start: if remote {
                    span.0
                } else {
                    span.0.min(tokens[a].start)
                },
                end: span.1.max(if remote { span.1 } else { tokens[b].end }),
            });
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let word = tokens[i].folded.as_str();
        // "according to X", "citing X", "по данным X", "по словам X".
        let lead = match word {
            "according" if tokens.get(i + 1).is_some_and(|t| t.folded == "to") => Some(2),
            "citing" | "quoting" => Some(1),
            "по" if tokens.get(i + 1).is_some_and(|t| {
                matches!(t.folded.as_str(), "данным" | "словам" | "информации")
            }) =>
            {
                Some(2)
            }
            _ => None,
        };
        if let Some(skip) = lead
            && let Some((first, last)) = tokens
                .get(i + skip)
                .and_then(|_| phrase_after(text, tokens, i + skip))
        {
            push(
                &mut out,
                &mut people,
                first,
                last,
                (tokens[i].start, tokens[last].end),
            );
            i = last + 1;
            continue;
        }
        // "The Observatory put the death toll at 23."
        let puts_a_figure = matches!(word, "put" | "puts" | "estimated" | "raised")
            && tokens[i + 1..(i + 5).min(tokens.len())].iter().any(|t| {
                matches!(
                    t.folded.as_str(),
                    "toll" | "figure" | "number" | "tally" | "count" | "total"
                )
            });
        if !(is_reporting_verb(word) || puts_a_figure) || i == 0 {
            i += 1;
            continue;
        }
        // Inverted: "“…,” said Adnan Rifai, the governor" — the verb right after a quote or comma.
        let gap_before = text.get(tokens[i - 1].end..tokens[i].start).unwrap_or("");
        // "Karim Haddad, a resident, told…" is not inverted: the comma closes a description of
        // the speaker before it.
        // "A spokesman for the SDF, Rezan Dalil, said…": the name just before the comma.
        let name_before = (gap_before.trim() == ",")
            .then(|| phrase_before(text, tokens, i - 1))
            .flatten()
            .filter(|&(a, b)| is_person_name(text, tokens, a, b))
            .or_else(|| {
                (gap_before.trim() == ",")
                    .then(|| appositive_name(text, tokens, i - 1))
                    .flatten()
            });
        let description_before = name_before.is_some();
        let inverted = gap_before.contains(['"', '”', '“', '»'])
            || (gap_before.trim() == "," && !description_before && word != "told");
        if description_before {
            if let Some((a, b)) = name_before {
                push(
                    &mut out,
                    &mut people,
                    a,
                    b,
                    (tokens[a].start, tokens[i].end),
                );
            }
            i += 1;
            continue;
        }
        if inverted {
            if let Some((first, mut last)) = tokens
                .get(i + 1)
                .and_then(|_| phrase_after(text, tokens, i + 1))
            {
                let mut name = (first, last);
                // "said the governor of Wadi Sarrab, Adnan Rifai": the name after the comma.
                if let Some(next) = tokens.get(last + 1)
                    && text
                        .get(tokens[last].end..next.start)
                        .is_some_and(|g| g.trim() == ",")
                    && let Some((a, b)) = phrase_after(text, tokens, last + 1)
                    && is_person_name(text, tokens, a, b)
                    && !is_person_name(text, tokens, first, last)
                {
                    name = (a, b);
                    last = b;
                }
                let pronoun = name.0 == name.1 && is_pronoun(&tokens[name.0].folded);
                if pronoun {
                    if let Some(&(a, b)) = people.last() {
                        push(
                            &mut out,
                            &mut people,
                            a,
                            b,
                            (tokens[i].start, tokens[i].end.max(tokens[name.1].end)),
                        );
                    }
                } else {
                    push(
                        &mut out,
                        &mut people,
                        name.0,
                        name.1,
                        (tokens[i].start, tokens[last].end),
                    );
                }
                i = last + 1;
                continue;
            }
            i += 1;
            continue;
        }
        // "X said", "X has also said": the speaker before the verb.
        let mut end = i - 1;
        while end > 0 && is_between_speaker_and_verb(&tokens[end].folded) {
            end -= 1;
        }
        let joined = (end..i - 1).all(|j| joins(text, tokens, j)) && joins(text, tokens, i - 1);
        // "Residents who fled the village years ago told…": the speaker before "who".
        let speaker = phrase_before(text, tokens, end).and_then(|(first, last)| {
            // "who spoke to our correspondent condemned…": the one spoken to is not the speaker.
            let relative = first > 0
                && matches!(
                    tokens[first - 1].folded.as_str(),
                    "who" | "which" | "to" | "told" | "with"
                );
            let pronoun = first == last && is_pronoun(&tokens[first].folded);
            if pronoun || (!relative && clean_speaker(text, tokens, first, last).is_some()) {
                return Some((first, last));
            }
            let sentence = (0..=end)
                .rev()
                .find(|&j| tokens[j].sentence_start)
                .unwrap_or(0);
            let who = (sentence.max(end.saturating_sub(10))..first.min(end + 1))
                .rev()
                .find(|&j| matches!(tokens[j].folded.as_str(), "who" | "which" | "that"))
                .or_else(|| (first > 0 && tokens[first - 1].folded == "who").then(|| first - 1))?;
            let (a, b) = phrase_before(text, tokens, who.checked_sub(1)?)?;
            clean_speaker(text, tokens, a, b).map(|_| (a, b))
        });
        if joined && let Some((first, last)) = speaker {
            if first == last && is_pronoun(&tokens[first].folded) {
                if matches!(tokens[first].folded.as_str(), "he" | "she" | "он" | "она")
                    && let Some(&(a, b)) = people.last()
                {
                    push(
                        &mut out,
                        &mut people,
                        a,
                        b,
                        (tokens[first].start, tokens[i].end),
                    );
                }
            } else {
                push(
                    &mut out,
                    &mut people,
                    first,
                    last,
                    (tokens[first].start, tokens[i].end),
                );
            }
        }
        i += 1;
    }
    normalise(&mut out, text, tokens, lexicon);
    out
}

/// Acronyms a text defines: "the Syrian Network for Field Documentation (SNFD)" → SNFD.
fn acronyms(text: &str, tokens: &[Token]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let word = t.text(text);
        let defined = k > 0
            && (2..=6).contains(&word.chars().count())
            && word.chars().all(|c| c.is_uppercase())
            && text.get(..t.start).is_some_and(|b| b.ends_with('('));
        if !defined {
            continue;
        }
        if let Some(full) = capitalised_run(text, tokens, k - 1) {
            out.push((word.to_string(), full));
        }
    }
    out
}

/// The run of capitalised words (joined by "of", "for", "and", "al") ending at token `end`.
fn capitalised_run(text: &str, tokens: &[Token], end: usize) -> Option<String> {
    if !capitalised(tokens[end].text(text)) {
        return None;
    }
    let mut first = end;
    while first > 0 && joins(text, tokens, first - 1) {
        let prev = &tokens[first - 1];
        let connector = matches!(prev.folded.as_str(), "of" | "for" | "al" | "el" | "and");
        if !(capitalised(prev.text(text)) || connector) || tokens[first].sentence_start {
            break;
        }
        first -= 1;
    }
    while first < end
        && (!capitalised(tokens[first].text(text)) || is_leading_filler(&tokens[first].folded))
    {
        first += 1;
    }
    (first < end).then(|| text[tokens[first].start..tokens[end].end].to_string())
}

/// The fuller name an earlier part of the text gives a short one: "the Observatory" after "the
/// Syrian Observatory for Human Rights" was named.
fn fuller_in_text(
    text: &str,
    tokens: &[Token],
    positions: &HashMap<&str, Vec<usize>>,
    short: &str,
    before: usize,
) -> Option<String> {
    let words = name_words(short);
    let last = words.last()?;
    if words.len() > 2 || !capitalised(short) {
        return None;
    }
    for &k in positions
        .get(last.as_str())
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if tokens[k].start >= before {
            break;
        }
        // Extend forward over "for Human Rights", "of Defence".
        let mut end = k;
        while end + 2 < tokens.len()
            && matches!(tokens[end + 1].folded.as_str(), "for" | "of")
            && capitalised(tokens[end + 2].text(text))
            && joins(text, tokens, end)
            && joins(text, tokens, end + 1)
        {
            end += 2;
            while end + 1 < tokens.len()
                && joins(text, tokens, end)
                && capitalised(tokens[end + 1].text(text))
            {
                end += 1;
            }
        }
        if let Some(run) = capitalised_run(text, tokens, end) {
            let theirs = name_words(&run);
            if theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w)) {
                return Some(run);
            }
        }
    }
    None
}

/// Names through the lexicon's sources, then short later mentions to fuller earlier ones.
fn normalise(found: &mut [Attribution], text: &str, tokens: &[Token], lexicon: &Lexicon) {
    let defined = acronyms(text, tokens);
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, t) in tokens.iter().enumerate() {
        positions.entry(t.folded.as_str()).or_default().push(k);
    }
    for a in found.iter_mut() {
        if let Some((_, full)) = defined.iter().find(|(acr, _)| *acr == a.source) {
            a.source = full.clone();
        } else if let Some(full) = fuller_in_text(text, tokens, &positions, &a.source, a.start) {
            a.source = full;
        }
        // "the Ministry of Defence" and "the Defence Ministry" are one name.
        if let Some(rest) = a.source.strip_prefix("Ministry of ")
            && !rest.is_empty()
            && rest.split_whitespace().count() <= 2
        {
            a.source = format!("{rest} Ministry");
        }
        // The library's lexicon first (the analyst edits it), then the registry of real
        // sources ("AFP" and "Agence France-Presse" are one source).
        if let Some(name) = lexicon.source_name(&a.source) {
            a.source = name.to_string();
        } else if let Some(group) = lexicon.actor_named(&a.source) {
            a.source = group.to_string();
        } else if let Some(known) = super::sources::Registry::built_in().by_name(&a.source) {
            a.source = known.name.clone();
        }
    }
    for k in 0..found.len() {
        let words = name_words(&found[k].source);
        if words.is_empty() {
            continue;
        }
        let fuller = found[..k].iter().rev().find(|earlier| {
            let theirs = name_words(&earlier.source);
            theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w))
        });
        if let Some(fuller) = fuller {
            found[k].source = fuller.source.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    fn sources(text: &str) -> Vec<String> {
        attributions(text, &tokens(text), &Lexicon::built_in())
            .into_iter()
            .map(|a| a.source)
            .collect()
    }

    #[test]
    fn according_to_names_the_source() {
        assert_eq!(
            sources(
                "Nine were killed, according to the Syrian Observatory for Human Rights. \
                 The Observatory said most were civilians."
            ),
            [
                "Syrian Observatory for Human Rights",
                "Syrian Observatory for Human Rights"
            ]
        );
    }

    #[test]
    fn the_speaker_before_a_reporting_verb_is_the_source() {
        assert_eq!(
            sources(
                "Moscow's Defense Ministry said the jets hit depots. A Syrian military source \
                 told AFP that 7 soldiers died."
            ),
            ["Russian Defence Ministry", "Syrian military source"]
        );
    }

    #[test]
    fn inverted_quotes_and_pronouns_name_the_person() {
        assert_eq!(
            sources(
                "“They target markets,” said the governor of Wadi Sarrab, Adnan Rifai. \
                 “We will rebuild,” he said."
            ),
            ["Adnan Rifai", "Adnan Rifai"]
        );
        assert_eq!(
            sources("Karim Haddad, a resident, told our correspondent the shells came at dusk."),
            ["Karim Haddad"]
        );
    }

    #[test]
    fn two_speakers_joined_by_and_are_two_sources() {
        assert_eq!(
            sources("Residents and the Observatory said the fire came from the ridge."),
            ["Residents", "Observatory"]
        );
    }

    #[test]
    fn a_passive_report_has_no_source() {
        assert!(sources("Five people were reported killed and it is said to be worse.").is_empty());
    }
}
