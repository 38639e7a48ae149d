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

use super::{Lexicon, Token, capitalised, fold_word};

/// A source a report cites, with the span of the words that cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source's name, normalised: "Syrian Observatory for Human Rights", "military source".
    /// A person who speaks for an organisation is the organisation's ("Observatory chief Rami
    /// Abdel Rahman" is the Syrian Observatory for Human Rights).
    pub source: String,
    /// The person speaking, where the report names one: "Rami Abdel Rahman".
    #[serde(default)]
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// Words for an office held in an organisation, before the holder's name ("Observatory chief
/// Rami Abdel Rahman", "US President Donald Trump", "Its spokesman John Kirby").
fn is_office(word: &str) -> bool {
    matches!(
        word,
        "chief"
            | "head"
            | "director"
            | "founder"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "president"
            | "minister"
            | "secretary"
            | "chairman"
            | "chairwoman"
            | "commander"
            | "ambassador"
            | "envoy"
            | "official"
            | "coordinator"
            | "leader"
            | "member"
            | "negotiator"
            | "representative"
            | "general"
            | "colonel"
            | "activist"
            | "governor"
            | "mayor"
            | "senator"
            | "congressman"
            | "congresswoman"
            | "sen"
            | "rep"
            | "lawmaker"
    )
}

/// Whether the words `a..=b` name an organisation rather than a place or a country: a source the
/// lexicon or the registry knows, an acronym ("FSA"), or capitalised words with an organisation's
/// word in them ("Observatory", "Defence Ministry").
fn names_an_organisation(
    text: &str,
    tokens: &[Token],
    a: usize,
    b: usize,
    lexicon: &Lexicon,
) -> bool {
    let phrase = &text[tokens[a].start..tokens[b].end];
    let acronym = a == b && {
        let w = tokens[a].text(text);
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
    };
    acronym
        || lexicon.source_name(phrase).is_some()
        || super::sources::Registry::built_in()
            .by_name(phrase)
            .is_some()
        || tokens[a..=b].iter().any(|t| {
            is_organisation_word(&t.folded)
                || (t.is_possessive(text)
                    && t.folded.strip_suffix('s').is_some_and(is_organisation_word))
        })
}

/// Words that make capitalised words an organisation's name ("Observatory", "Defence
/// Ministry", "Free Syrian Army").
fn is_organisation_word(word: &str) -> bool {
    matches!(
        word,
        "observatory"
            | "ministry"
            | "agency"
            | "network"
            | "council"
            | "coalition"
            | "committee"
            | "office"
            | "army"
            | "forces"
            | "government"
            | "organisation"
            | "organization"
            | "group"
            | "brigade"
            | "front"
            | "command"
            | "institute"
            | "department"
            | "centre"
            | "center"
            | "union"
            | "nations"
            | "house"
            | "defence"
            | "defense"
            | "monitor"
            | "watch"
            | "tv"
            | "television"
            | "university"
    )
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
            | "say"
            | "quoted"
            | "reiterated"
            | "stressed"
            | "emphasised"
            | "emphasized"
            | "lamented"
            | "suggested"
            | "refuted"
            | "accuses"
            | "asserted"
            | "affirmed"
            | "disclosed"
            | "revealed"
            | "indicated"
            | "argued"
            | "admitted"
            | "mentioned"
            | "maintained"
            | "replied"
            | "cautioned"
            | "vowed"
            | "informed"
            | "contended"
            | "described"
            | "describes"
            | "telling"
            | "concluded"
            | "remarked"
            | "touts"
            | "touted"
            | "insist"
            | "insists"
            | "argue"
            | "argues"
            | "deny"
            | "allege"
            | "alleges"
            | "confirm"
            | "admit"
            | "admits"
            | "acknowledge"
            | "acknowledges"
            | "maintain"
            | "maintains"
            | "denies"
            | "confirms"
            | "announces"
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
            | "whose"
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
            | "like"
            | "anyone"
            | "anybody"
            | "everyone"
            | "everybody"
            | "nobody"
            | "someone"
            | "somebody"
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
            | "again"
            | "still"
            | "already"
            | "since"
            | "always"
            | "not"
            | "could"
            | "would"
            | "did"
            | "does"
            | "can"
            | "cannot"
            | "will"
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

/// Ranks and titles written out before a name ("Colonel Haitham Afisi", "Sheikh Mohammed Reda
/// Hatem"): the source is the person.
fn is_rank(word: &str) -> bool {
    matches!(
        word,
        "sheikh"
            | "shaikh"
            | "colonel"
            | "general"
            | "brigadier"
            | "lieutenant"
            | "major"
            | "captain"
            | "sergeant"
            | "admiral"
            | "doctor"
            | "professor"
            | "imam"
            | "father"
            | "mister"
            | "representative"
            | "senator"
            | "congressman"
            | "congresswoman"
            | "governor"
            | "judge"
            | "speaker"
    )
}

/// A rank, a title or an office before a person's name ("Colonel", "Dr", "spokesman").
fn is_held(word: &str) -> bool {
    is_rank(word) || is_title(word) || is_office(word)
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
            | "earlier"
            | "later"
            | "meanwhile"
    )
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "they" | "it" | "we" | "i" | "он" | "она"
    )
}

/// Whether the gap between two tokens keeps them in one phrase: spaces and hyphens, or the full
/// stop of a title ("Dr. Barakat") or an initial ("U.S.-led").
fn joins(text: &str, tokens: &[Token], left: usize) -> bool {
    let gap = text
        .get(tokens[left].end..tokens[left + 1].start)
        .unwrap_or("");
    gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
        || ((gap.trim() == "." || gap == ".-")
            && (is_title(&tokens[left].folded) || is_initial(tokens[left].text(text))))
}

/// A single capital letter, as an initial is written before its full stop ("Elijah E.
/// Cummings", "U.N.").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// The speaker phrase ending at token `end` (inclusive), walking back: (first token, last token).
/// A phrase begins at its article ("strikes the Observatory said" is the Observatory's); a name
/// ending in a capital runs back over capitalised words only ("out of service Abdel Rahman
/// said"), or over "a doctor in" before a place; a phrase in lower case stops at a preposition
/// ("the province of Latakia local residents"). Texts that lost their commas need all three.
fn phrase_before(text: &str, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
    let mut named = capitalised(tokens[end].text(text));
    let mut first = None;
    let mut j = end;
    loop {
        let word = tokens[j].folded.as_str();
        // "WHO said", "IS said": an organisation in capitals, not a relative pronoun or a verb.
        let organisation = {
            let w = tokens[j].text(text);
            w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
        };
        // "On 2 July IS said", "On Saturday French Foreign Minister Laurent Fabius said": a date
        // is no part of the speaker.
        let date = j < end && super::dates::is_month_or_weekday(word);
        if date || (!organisation && (ends_phrase(word) || is_reporting_verb(word))) {
            break;
        }
        // "a truce between the government and insurgent groups diplomats say" (its commas
        // lost): a plural noun before the speaker's ends another phrase; it qualifies nothing.
        if j < end && !named && is_plural_speaker_noun(word) && is_speaker_noun(&tokens[end].folded)
        {
            break;
        }
        if j < end {
            let lower = !capitalised(tokens[j].text(text));
            let preposition = is_preposition(word);
            let joiner = matches!(word, "of" | "for" | "al" | "el" | "bin" | "ibn" | "de");
            // "a doctor in Douma said", "a doctor living in Douma said": the speaker is before
            // the place.
            let speaker_before = preposition
                && j > 0
                && (is_speaker_noun(&tokens[j - 1].folded)
                    || (j > 1
                        && is_placing_participle(&tokens[j - 1].folded)
                        && is_speaker_noun(&tokens[j - 2].folded)));
            // "Residents and the Observatory said": two speakers.
            // "sources in the city and the Syrian Observatory … said": a speaker placed by a
            // place before the "and" is a speaker too.
            let placed_before = |k: usize| {
                (k.saturating_sub(3)..k)
                    .any(|m| placed_at(tokens, m) && (m - 1..k).all(|w| joins(text, tokens, w)))
            };
            let and_another = word == "and"
                && j > 0
                && (capitalised(tokens[j - 1].text(text))
                    || is_speaker_noun(&tokens[j - 1].folded)
                    || placed_before(j - 1));
            // "Observatory chief Rami Abdel Rahman": the office and whose it is; "UN special
            // envoy": a word qualifying the office after a name.
            let office = is_office(word)
                || (is_office(&tokens[j + 1].folded)
                    && j > 0
                    && capitalised(tokens[j - 1].text(text))
                    && !is_preposition(word));
            if named
                && lower
                && !joiner
                && !is_leading_filler(word)
                && !speaker_before
                && !and_another
                && !office
            {
                // "A senior Syrian security source told": a description in lower case keeps
                // the words that qualify it, back to its article.
                if let Some(k) = modifiers_back_to_article(text, tokens, j, end) {
                    first = Some(k);
                }
                // "Activists in rural Idlib said", "a doctor in eastern Ghouta said": the
                // speaker is before the place and the words that place it.
                let placed = (j.saturating_sub(2)..=j).rev().find(|&m| {
                    placed_at(tokens, m)
                        && (m + 1..=j).all(|w| {
                            !capitalised(tokens[w].text(text))
                                && !ends_phrase(&tokens[w].folded)
                                && !is_reporting_verb(&tokens[w].folded)
                                && !is_speaker_noun(&tokens[w].folded)
                        })
                        && (m - 1..j).all(|w| joins(text, tokens, w))
                });
                if let Some(m) = placed {
                    first = Some(m - 1);
                    if m >= 2 && matches!(tokens[m - 2].folded.as_str(), "a" | "an" | "the") {
                        first = Some(m - 2);
                    }
                }
                break;
            }
            if !named && preposition && !speaker_before {
                break;
            }
            // Past "in" of "a doctor in Douma", the phrase is the doctor's, in lower case; a
            // name before a lower-case head is walked as a name ("the Syrian Observatory for
            // Human Rights monitoring group").
            if speaker_before {
                named = false;
            } else if !lower {
                named = true;
            }
        }
        first = Some(j);
        // An article starts the phrase, unless it follows "and" (a second speaker) or a
        // preposition ("a doctor at the hospital").
        if j < end
            && matches!(word, "the" | "a" | "an")
            && !(j > 0 && (tokens[j - 1].folded == "and" || is_preposition(&tokens[j - 1].folded)))
        {
            // "Mustafa Sultan a local activist in the area confirmed" (its commas lost): the
            // person the description is of.
            if word != "the"
                && !named
                && let Some(a) = (j.saturating_sub(3)..j.saturating_sub(1)).find(|&a| {
                    (a..j).all(|w| joins(text, tokens, w))
                        && is_person_name(text, tokens, a, j - 1)
                        && super::sources::Registry::built_in()
                            .by_name(&text[tokens[a].start..tokens[j - 1].end])
                            .is_none()
                })
            {
                return Some((a, j - 1));
            }
            break;
        }
        if tokens[j].sentence_start || j == 0 || end - j >= 7 || !joins(text, tokens, j - 1) {
            break;
        }
        j -= 1;
    }
    // "on the province of Latakia local residents have reported": a place after a preposition
    // belongs to what comes before; the speaker follows it.
    let first = first?;
    if first < end && is_preposition(&tokens[first].folded) {
        let after = (first + 1..=end).find(|&k| !capitalised(tokens[k].text(text)))?;
        return (after <= end && is_speaker_noun(&tokens[end].folded)).then_some((after, end));
    }
    Some((first, end))
}

/// Where the name of the holder of the office at token `k` begins, in a phrase ending at `b`:
/// right after the office ("spokesman John Kirby"), or after the place or body the office is
/// for ("envoy for Syria Staffan de Mistura", "ambassador to the UN Matthew Rycroft").
fn holder_after_office(text: &str, tokens: &[Token], k: usize, b: usize) -> Option<usize> {
    if is_person_name(text, tokens, k + 1, b) {
        return Some(k + 1);
    }
    if !matches!(tokens.get(k + 1)?.folded.as_str(), "for" | "of" | "to") {
        return None;
    }
    (k + 3..b).find(|&m| {
        let before = tokens[m - 1].text(text);
        let body = names_a_country(before)
            || (before.chars().count() >= 2 && before.chars().all(char::is_uppercase))
            || is_organisation_word(&tokens[m - 1].folded);
        body && !names_a_country(tokens[m].text(text))
            && is_person_name(text, tokens, m, b)
            && !(m..=b).any(|j| is_organisation_word(&tokens[j].folded))
    })
}

/// The government a country's name, or a large city's standing for its capital, names as a
/// speaker ("Russia has said", "Damascus refuted"): the registry's government of that country
/// where it has one, else the demonym's ("French government").
fn government_of_place(name: &str) -> Option<String> {
    let world = super::world::World::get()?;
    // "SANA" is no Sana'a, nor "White House" another name of a city: a place by its own name,
    // not a source's.
    if name.chars().all(|c| !c.is_lowercase())
        || super::sources::Registry::built_in().by_name(name).is_some()
    {
        return None;
    }
    let index = world.best_by_name(name)?;
    if name_words(world.name(index)) != name_words(name) {
        return None;
    }
    let place = world.place(index)?;
    let large_city = place.kind == super::world::PlaceKind::Place && place.population >= 500_000;
    if !(place.kind == super::world::PlaceKind::Country || large_city) {
        return None;
    }
    let code = place.country_code();
    let country = world.country_name(code)?;
    let demonym = super::lexicon::demonym_of(code)?;
    let names = [
        format!("Government of {country}"),
        format!("{country} government"),
        format!("{demonym} government"),
    ];
    let registry = super::sources::Registry::built_in();
    Some(
        names
            .iter()
            .find_map(|n| {
                registry
                    .by_name(n)
                    .filter(|s| s.country == code)
                    .map(|s| s.name.clone())
            })
            .unwrap_or_else(|| format!("{demonym} government")),
    )
}

/// A body named by its country's possessive, the apostrophe lost or not, in lower case
/// ("Russias military", "Syria's opposition"): the demonym's ("Russian military").
fn of_a_country(text: &str, tokens: &[Token], a: usize, b: usize) -> Option<String> {
    let first = &tokens[a];
    if a >= b
        || !first.is_possessive(text)
        || tokens[a + 1..=b]
            .iter()
            .any(|t| capitalised(t.text(text)) && !t.text(text).chars().all(char::is_uppercase))
    {
        return None;
    }
    let code = super::lexicon::country_of_word(first.folded.strip_suffix('s')?)?;
    let demonym = super::lexicon::demonym_of(code)?;
    Some(format!(
        "{demonym} {}",
        &text[tokens[a + 1].start..tokens[b].end]
    ))
}

/// A source a headline names without a reporting verb, as tokens (first, last).
enum Headline {
    /// Named at the headline's end, as some outlets credit it: "Blast kills six Syrian state
    /// TV", "Strike kills 15 in Idlib Monitor".
    Credit(usize, usize),
    /// Named before a colon that opens the headline: "Karimov: talks will go on".
    Speaker(usize, usize),
}

/// The source a text's headline (its first line, where a body follows) names without a verb:
/// a source the lexicon or the registry knows, or a description of one ("Monitor"), closing
/// the headline after a word that is not a preposition; or a person or organisation before a
/// colon that opens it, who the body names again.
fn headline_source(text: &str, tokens: &[Token], lexicon: &Lexicon) -> Option<Headline> {
    let title_end = text.find('\n')?;
    // A headline, not a first paragraph: short, without a closing full stop.
    let title = text[..title_end].trim_end();
    if title_end > 200 || title.ends_with('.') || text[title_end..].trim().is_empty() {
        return None;
    }
    let n = tokens.iter().take_while(|t| t.end <= title_end).count();
    if n < 3 {
        return None;
    }
    let registry = super::sources::Registry::built_in();
    let named = lexicon.find_sources(&text[..title_end], &tokens[..n]);
    let last = n - 1;
    for first in last.saturating_sub(4)..=last {
        if first < 2 || !capitalised(tokens[first].text(text)) {
            continue;
        }
        let before = &tokens[first - 1];
        let plain = (first - 1..last).all(|j| {
            text.get(tokens[j].end..tokens[j + 1].start)
                .is_some_and(|g| g == " ")
        });
        if !plain
            || is_preposition(&before.folded)
            || is_leading_filler(&before.folded)
            || is_reporting_verb(&before.folded)
        {
            continue;
        }
        let name = &text[tokens[first].start..tokens[last].end];
        let known = registry.by_name(name).is_some()
            || named
                .iter()
                .any(|(s, e, _)| *s == tokens[first].start && *e == tokens[last].end)
            || (first == last && description_fits(&tokens[first].folded).is_some());
        if known {
            return Some(Headline::Credit(first, last));
        }
    }
    let colon = (0..n.min(4)).find(|&j| {
        tokens
            .get(j + 1)
            .and_then(|next| text.get(tokens[j].end..next.start))
            .is_some_and(|g| g.trim_start().starts_with(':'))
    })?;
    let all_capitalised = (0..=colon).all(|j| capitalised(tokens[j].text(text)));
    let name = &text[tokens[0].start..tokens[colon].end];
    let place = super::world::World::get().is_some_and(|w| w.best_by_name(name).is_some());
    let again = tokens[n..]
        .iter()
        .any(|t| t.folded == tokens[colon].folded && capitalised(t.text(text)));
    (all_capitalised && !place && again).then_some(Headline::Speaker(0, colon))
}

/// The organisation named nearest before token `at`, within about two sentences: a name the
/// lexicon or the registry knows, or capitalised words with an organisation's word in them.
fn organisation_named_before(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    at: usize,
) -> Option<String> {
    let registry = super::sources::Registry::built_in();
    let mut k = at;
    // Names inside a quotation are what is said, not who says it.
    let mut quotes = 0;
    while k > at.saturating_sub(50) {
        k -= 1;
        quotes += text
            .get(tokens[k].end..tokens[k + 1].start)
            .unwrap_or_default()
            .chars()
            .filter(|c| matches!(c, '"' | '“' | '”'))
            .count();
        if quotes % 2 == 1 || !capitalised(tokens[k].text(text)) {
            continue;
        }
        let Some((first, last)) = capitalised_span(text, tokens, k) else {
            continue;
        };
        // The longest name the lexicon or the registry knows that ends the run ("US blames
        // Damascus The White House" is the White House), else the run after its article.
        let words = |f: usize| &text[tokens[f].start..tokens[last].end];
        if let Some(f) = (first..=last).find(|&f| {
            lexicon.source_name(words(f)).is_some() || registry.by_name(words(f)).is_some()
        }) {
            return Some(words(f).to_string());
        }
        let first = (first..last)
            .rev()
            .find(|&f| tokens[f].folded == "the")
            .map_or(first, |f| f + 1);
        if first < last
            && names_an_organisation(text, tokens, first, last, lexicon)
            && !is_person_name(text, tokens, first, last)
        {
            return Some(words(first).to_string());
        }
        k = first.min(k);
    }
    None
}

/// "A representative of the Syrian Armed Forces", "a spokesman for the Observatory", "a Russian
/// Defence Ministry spokesman": an office named with its organisation but no holder speaks for
/// the organisation (first, last).
fn office_without_holder(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    a: usize,
    b: usize,
) -> Option<(usize, usize)> {
    if a < b
        && is_office(&tokens[a].folded)
        && matches!(tokens[a + 1].folded.as_str(), "of" | "for")
    {
        let first = (a + 2..=b).find(|&j| !is_leading_filler(&tokens[j].folded))?;
        return (capitalised(tokens[first].text(text))
            && names_an_organisation(text, tokens, first, b, lexicon))
        .then_some((first, b));
    }
    if a < b && is_office(&tokens[b].folded) && capitalised(tokens[b - 1].text(text)) {
        let first = (a..b).find(|&f| names_an_organisation(text, tokens, f, b - 1, lexicon))?;
        return Some((first, b - 1));
    }
    None
}

/// "a statement issued by the brigade", "a report released Saturday by the Commission": where
/// the phrase ending at `last` is a statement or report, the one it is by (first, last).
fn statement_by(text: &str, tokens: &[Token], last: usize) -> Option<(usize, usize)> {
    if !matches!(
        tokens[last].folded.as_str(),
        "statement" | "report" | "communique" | "bulletin" | "announcement"
    ) {
        return None;
    }
    let by = (last + 1..(last + 5).min(tokens.len()))
        .take_while(|&j| !tokens[j].sentence_start)
        .find(|&j| matches!(tokens[j].folded.as_str(), "by" | "from"))?;
    let (first, end) = phrase_after(text, tokens, by + 1)?;
    let first = (first..=end)
        .find(|&j| !is_leading_filler(&tokens[j].folded))
        .unwrap_or(first);
    (first <= end).then_some((first, end))
}

/// Participles that place a speaker ("a doctor living in Douma", "activists based in Idlib").
fn is_placing_participle(word: &str) -> bool {
    matches!(
        word,
        "living" | "based" | "working" | "stationed" | "staying" | "sheltering" | "trapped"
    )
}

/// A speaker noun then the preposition at token `m` that places it ("sources in the city",
/// "activists in rural Idlib").
fn placed_at(tokens: &[Token], m: usize) -> bool {
    m > 0 && is_preposition(&tokens[m].folded) && is_speaker_noun(&tokens[m - 1].folded)
}

/// A plural noun of speakers ("activists", "diplomats"; not "witness" or "news").
fn is_plural_speaker_noun(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && is_speaker_noun(word)
}

/// "A senior Syrian security source": where a description walked back from its lower-case head
/// `end` meets a lower-case word `j` right before a capitalised one, the words back to the
/// description's article ("a", "an", "the", "another") within three words, when they qualify it
/// (no preposition, clause word or verb among them).
fn modifiers_back_to_article(text: &str, tokens: &[Token], j: usize, end: usize) -> Option<usize> {
    if capitalised(tokens[end].text(text))
        || !is_speaker_noun(&tokens[end].folded)
        || !tokens.get(j + 1).is_some_and(|t| capitalised(t.text(text)))
    {
        return None;
    }
    let mut k = j;
    loop {
        let t = &tokens[k];
        let word = t.folded.as_str();
        if matches!(word, "a" | "an" | "the" | "another") {
            return (k < j).then_some(k);
        }
        let qualifies = !capitalised(t.text(text))
            && !is_preposition(word)
            && !ends_phrase(word)
            && !is_reporting_verb(word)
            && !is_between_speaker_and_verb(word)
            && !word.chars().any(|c| c.is_ascii_digit());
        if !qualifies || t.sentence_start || k == 0 || j - k >= 3 || !joins(text, tokens, k - 1) {
            return None;
        }
        k -= 1;
    }
}

/// Prepositions that end a lower-case speaker phrase walking back.
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "on"
            | "at"
            | "from"
            | "by"
            | "with"
            | "near"
            | "for"
            | "into"
            | "over"
            | "inside"
            | "outside"
            | "within"
    )
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
        // "said Sheikh Mohammed Reda Hatem a religious leader": the name, not its description.
        // "according to the observatory the airstrikes …": a description's head, then the
        // clause's own subject.
        if j > start + 1
            && matches!(t.folded.as_str(), "a" | "an" | "the")
            && (capitalised(tokens[j - 1].text(text)) || is_speaker_noun(&tokens[j - 1].folded))
        {
            break;
        }
        // "said the Observatory adding that …": a participle's clause follows the name.
        if j > start
            && t.folded.ends_with("ing")
            && !capitalised(t.text(text))
            && capitalised(tokens[j - 1].text(text))
        {
            break;
        }
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
        // "the National Coalition for Syrian Revolution and Opposition Forces": one name.
        let in_a_name = j > from
            && j < last
            && capitalised(tokens[j - 1].text(text))
            && capitalised(tokens[j + 1].text(text))
            && (from..j).any(|k| matches!(tokens[k].folded.as_str(), "of" | "for"));
        // "Local and media sources": one description with two qualifiers.
        let qualifiers = j == from + 1
            && (!is_speaker_noun(&tokens[from].folded) || !tokens[from].folded.ends_with('s'))
            && tokens[last].folded.ends_with('s')
            && j < last
            && is_speaker_noun(&tokens[last].folded)
            && !matches!(tokens[j + 1].folded.as_str(), "the" | "a" | "an");
        if in_a_name || qualifiers {
            continue;
        }
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
            while a <= b
                && (is_leading_filler(&tokens[a].folded)
                    || is_title(&tokens[a].folded)
                    || (a < b
                        && is_rank(&tokens[a].folded)
                        && capitalised(tokens[a + 1].text(text))))
            {
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
                        | "coalition"
                        | "group"
                        | "organisation"
                        | "organization"
                        | "party"
                        | "movement"
                        | "institute"
                        | "university"
                        | "department"
                        | "commission"
                        | "brigade"
                        | "division"
                        | "battalion"
                        | "authority"
                        | "service"
                        | "house"
                        | "society"
                )
        })
}

/// Nouns that can head a speaker phrase written in lower case ("local sources", "a doctor at
/// the hospital", "regime media"). Capitalised phrases (names, organisations) need no list.
fn is_speaker_noun(word: &str) -> bool {
    // "witness" is singular already.
    let singular = if word.ends_with("ss") {
        word
    } else {
        word.strip_suffix('s').unwrap_or(word)
    };
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
            | "familie"
            | "family"
            | "relative"
            | "villager"
            | "local"
            | "trader"
            | "farmer"
            | "medic"
            | "volunteer"
            | "correspondent"
            | "reporter"
            | "journalist"
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
            | "opposition"
            | "watchdog"
            | "staff"
            | "coordinator"
            | "organizer"
            | "organiser"
            | "regime"
            | "document"
            | "president"
            | "premier"
            | "ambassador"
            | "envoy"
            | "secretary"
            | "prosecutor"
            | "investigator"
            | "lawyer"
            | "attorney"
            | "judge"
            | "senator"
            | "congressman"
            | "congresswoman"
            | "lawmaker"
            | "center"
            | "centre"
            | "brigade"
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
    if a < b && tokens[a].is_possessive(text) && !capitalised(tokens[a].text(text)) {
        a += 1;
    }
    if let Some(k) = (a..b).find(|&k| tokens[k].is_possessive(text))
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
    // "military officials in the provincial capital", "a doctor living in Douma": a description
    // keeps where its speaker is, which is what tells one such speaker from another; other words
    // before a place are cut ("Defence Ministry in Mansuriya" is a name).
    let mut head = b;
    if let Some(k) = (a + 1..=b).find(|&k| {
        matches!(
            tokens[k].folded.as_str(),
            "in" | "at" | "from" | "near" | "on" | "inside" | "outside"
        )
    }) {
        let named = (a..k)
            .any(|j| capitalised(tokens[j].text(text)) && !(j == a && tokens[j].sentence_start));
        let described = is_speaker_noun(&tokens[k - 1].folded)
            || (k > a + 1
                && is_placing_participle(&tokens[k - 1].folded)
                && is_speaker_noun(&tokens[k - 2].folded));
        if !named && !described && k > a {
            b = k - 1;
        }
        if described {
            head = k - 1;
        }
    }
    // "the HNC statement", "a US intelligence report": whose statement or report it is.
    if b > a
        && matches!(
            tokens[b].folded.as_str(),
            "statement" | "statements" | "report" | "bulletin" | "communique"
        )
        && (a..b).any(|k| capitalised(tokens[k].text(text)) && !tokens[k].sentence_start)
    {
        b -= 1;
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
    // "an AFP correspondent", "SANA reporter in Aleppo": the outlet they report for.
    if let Some(k) = (a + 1..=b).find(|&k| {
        matches!(
            tokens[k].folded.as_str(),
            "correspondent" | "correspondents" | "reporter" | "reporters" | "journalist"
        )
    }) && (a..k).all(|j| capitalised(tokens[j].text(text)))
    {
        b = k - 1;
    }
    // "the Syrian Observatory for Human Rights monitoring group": the name, without the
    // description that follows it.
    if let Some(k) = (a..b).rev().find(|&k| capitalised(tokens[k].text(text))) {
        let tail: Vec<&str> = tokens[k + 1..=b]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        // "the pro-government al-Watan newspaper said": the outlet, by its name.
        let outlet_kind = matches!(
            tail.as_slice(),
            ["newspaper" | "daily" | "weekly" | "magazine" | "website"] | ["news", "website"]
        );
        if !tail.is_empty()
            && tokens[k + 1..=b].iter().all(|t| !capitalised(t.text(text)))
            && tail.iter().all(|w| *w != "it")
            && (description_fits(&tail.join(" ")).is_some() || outlet_kind)
        {
            b = k;
        }
    }
    let words = &tokens[a..=b];
    // "a monitoring group", "the monitoring organisation": a description, not a verb.
    let description = description_fits(
        &words
            .iter()
            .map(|t| t.folded.as_str())
            .filter(|w| !is_leading_filler(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
    .is_some();
    // Where the speaker is may have any words ("inside the training camp").
    let verb_like = !description
        && words[..=(head.min(b) - a)]
            .iter()
            .enumerate()
            .any(|(n, t)| {
                let w = t.text(text);
                let compound = n > 0
                    && text
                        .get(tokens[a + n - 1].end..t.start)
                        .is_some_and(|g| g == "-" || g == ".-");
                !capitalised(w)
                    && !compound
                    && !is_placing_participle(&t.folded)
                    && (t.folded.ends_with("ed") || t.folded.ends_with("ing"))
            });
    // A count ("six", "12"), but not an acronym that spells one ("UN").
    let number = words.iter().any(|t| {
        t.folded.chars().all(|c| c.is_ascii_digit())
            || (super::numbers::word_value(&t.folded).is_some()
                && !t.text(text).chars().all(char::is_uppercase))
    });
    let head = &tokens[head.min(b)];
    let head_ok = capitalised(head.text(text))
        || is_speaker_noun(&head.folded)
        || words.iter().any(|t| capitalised(t.text(text)));
    let negated = matches!(tokens[a].folded.as_str(), "no" | "none" | "nobody");
    // "Tuesday's reports", "on Friday": a day says nothing.
    let a_day = super::dates::is_month_or_weekday(head.folded.trim_end_matches('s'))
        || super::dates::is_month_or_weekday(&head.folded);
    if a_day {
        return None;
    }
    (!verb_like && !number && head_ok && !negated && !is_pronoun(&tokens[a].folded))
        .then_some((a, b))
}

/// The body a person named at token `end` holds an office of, given after a comma: ", the
/// president of the National Organization for Women", ", a spokesman for the Defence
/// Ministry". A body only: ", the communications director for Rep. X" is a person's aide.
fn office_body_after(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    end: usize,
) -> Option<(usize, usize)> {
    let comma = tokens.get(end + 1).is_some_and(|next| {
        text.get(tokens[end].end..next.start)
            .is_some_and(|g| g.trim() == ",")
    });
    if !comma {
        return None;
    }
    let mut k = end + 1;
    if tokens
        .get(k)
        .is_some_and(|t| matches!(t.folded.as_str(), "the" | "a" | "an" | "its"))
    {
        k += 1;
    }
    // The office: up to three words in lower case, one of them an office's.
    let from = k;
    while tokens.get(k).is_some_and(|t| {
        !capitalised(t.text(text)) && !matches!(t.folded.as_str(), "of" | "for" | "at")
    }) && k - from < 3
    {
        k += 1;
    }
    if k == from || !(from..k).any(|j| is_office(&tokens[j].folded)) {
        return None;
    }
    if !tokens
        .get(k)
        .is_some_and(|t| matches!(t.folded.as_str(), "of" | "for" | "at"))
        || k + 1 >= tokens.len()
        || !(from..=k).all(|j| joins(text, tokens, j))
    {
        return None;
    }
    k += 1;
    if tokens.get(k).is_some_and(|t| t.folded == "the") {
        k += 1;
    }
    let (a, b) = phrase_after(text, tokens, k)?;
    (capitalised(tokens[a].text(text))
        && !is_person_name(text, tokens, a, b)
        && names_an_organisation(text, tokens, a, b, lexicon))
    .then_some((a, b))
}

/// "Karim Haddad, a resident," ending at token `end`: the name before a description set off by
/// commas.
fn appositive_name(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    end: usize,
) -> Option<(usize, usize)> {
    // The description runs back from `end` to a comma and starts with an article or the like
    // ("a resident", "an opposition group based outside the country"), within one sentence.
    let first = (end.saturating_sub(14)..=end).rev().find(|&j| {
        j >= 2
            && is_leading_filler(&tokens[j].folded)
            && !capitalised(tokens[j].text(text))
            && text
                .get(tokens[j - 1].end..tokens[j].start)
                .is_some_and(|g| g.trim() == ",")
            && !tokens[j..=end].iter().any(|t| t.sentence_start)
    })?;
    phrase_before(text, tokens, first - 1).filter(|&(a, b)| {
        is_person_name(text, tokens, a, b)
            || (capitalised(tokens[b].text(text))
                && names_an_organisation(text, tokens, a, b, lexicon))
    })
}

/// Whether a name is only a country's name or its demonym ("US", "U.S.", "French", "Syria's").
fn names_a_country(name: &str) -> bool {
    let words = name_words(name);
    let joined = words.join(" ");
    matches!(joined.as_str(), "us" | "u s" | "uk" | "u k")
        || (words.len() == 1
            && super::lexicon::country_of_word(words[0].trim_end_matches("'s")).is_some())
}

/// Whether tokens `a..=b` are one capitalised word that ended a person's name earlier in the
/// text ("Fabius" after "Laurent Fabius").
fn surname_named_before(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    a == b
        && capitalised(tokens[a].text(text))
        && (1..a)
            .any(|k| tokens[k].folded == tokens[a].folded && is_person_name(text, tokens, k - 1, k))
}

/// The words of a name, folded, for comparing a short mention with a fuller one.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(fold_word)
        .filter(|w| !is_leading_filler(w))
        .collect()
}

/// Whom "he" or "she" at token `at` stands for: the person named nearest before it, within
/// about three sentences, where that is nearer than the last speaker (`last_speaker`): "…
/// Representative Elijah Cummings, the top Democrat, … “…,” he said". A name the lexicon, the
/// registry or the world gazetteer knows as a party, a source or a place is no person.
fn nearest_person(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    at: usize,
    last_speaker: Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    let floor = at
        .saturating_sub(60)
        .max(last_speaker.map_or(0, |(_, b)| b + 1));
    let registry = super::sources::Registry::built_in();
    let world = super::world::World::get();
    let mut k = at;
    while k > floor {
        k -= 1;
        if !capitalised(tokens[k].text(text)) || tokens[k].sentence_start {
            continue;
        }
        let Some(first) = (k.saturating_sub(3)..k).find(|&a| {
            a >= floor
                && (a..=k).all(|j| !tokens[j].sentence_start || j == a)
                && (a..k).all(|j| joins(text, tokens, j))
                && is_person_name(text, tokens, a, k)
        }) else {
            continue;
        };
        let mut a = first;
        while a < k && is_held(&tokens[a].folded) {
            a += 1;
        }
        // Introduced as a person: by a rank, title or office ("Representative Elijah E.
        // Cummings"), or with a description after a comma ("Jama Nayef, a vet").
        let introduced = a > first
            || (first > 0 && is_office(&tokens[first - 1].folded))
            || text.get(tokens[k].end..).is_some_and(|rest| {
                rest.starts_with(',')
                    && rest[1..]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
            });
        // Not inside a quotation that ends before the pronoun ("“The Easter Egg Roll with my
        // kids,” he said").
        let between = text
            .get(tokens[k].end..tokens[at].start)
            .unwrap_or_default();
        let quoted = between
            .chars()
            .filter(|c| matches!(c, '“' | '”' | '"'))
            .count()
            % 2
            == 1;
        let name = &text[tokens[a].start..tokens[k].end];
        // "Committee on Oversight and Government Reform, she …": a body's name is no person's.
        let known = (a..=k).any(|j| is_organisation_word(&tokens[j].folded))
            || lexicon.actor_named(name).is_some()
            || lexicon.source_name(name).is_some()
            || registry.by_name(name).is_some()
            || world.is_some_and(|w| w.best_by_name(name).is_some());
        // A possessor modifies what follows it ("Syrian leader Bashar al-Assad's forces"), and a
        // name after a preposition is the object of its sentence ("strikes against Syrian leader
        // Bashar al-Assad"): neither is who the sentence is about.
        let possessor = tokens[k].is_possessive(text);
        let mut s = first;
        while s > 0
            && !tokens[s].sentence_start
            && (is_office(&tokens[s - 1].folded) || capitalised(tokens[s - 1].text(text)))
        {
            s -= 1;
        }
        let object = s > 0
            && !tokens[s].sentence_start
            && (is_preposition(&tokens[s - 1].folded)
                || matches!(tokens[s - 1].folded.as_str(), "against" | "to" | "about"));
        // A name alone is a person where a title or rank stands before it ("Prince Saud", "Mr.
        // Shulman").
        let named = a < k || (a == k && a > first);
        if named && introduced && !quoted && !known && !possessor && !object {
            return Some((a, k));
        }
        k = first;
    }
    // "he" or "she" is a person: not the organisation cited last ("The Syrian American Medical
    // Society … said …  she said").
    // "the Aleppo University Hashim told …  he said": the person named after the body.
    last_speaker.and_then(|(x, y)| {
        let body = (x..=y)
            .rev()
            .find(|&j| is_organisation_word(&tokens[j].folded) || tokens[j].folded == "society");
        match body {
            None => Some((x, y)),
            Some(j)
                if j < y
                    && y - j <= 3
                    && (j + 1..=y).all(|t| capitalised(tokens[t].text(text))) =>
            {
                Some((j + 1, y))
            }
            Some(_) => None,
        }
    })
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
            // A surname of a person named before is one person whatever its ending ("said
            // Fabius", "Amos said").
            let singular = !tokens[b].folded.ends_with('s')
                || tokens[b].folded.ends_with("ss")
                || surname_named_before(text, tokens, a, b);
            if is_person_name(text, tokens, a, b) || singular {
                people.push((a, b));
            }
            let words = |a: usize, b: usize| {
                let written = text[tokens[a].start..tokens[b].end]
                    .trim_end_matches("'s")
                    .trim_end_matches("’s");
                // "AFPs reporter": AFP's, the apostrophe lost.
                let word = tokens[b].text(text);
                if tokens[b].bare_possessive
                    && word.len() > 2
                    && word[..word.len() - 1].chars().all(char::is_uppercase)
                {
                    written.strip_suffix('s').unwrap_or(written).to_string()
                } else {
                    written.to_string()
                }
            };
            // "Representative Darrell Issa of California": the person, not the state.
            let b = (a + 2..b)
                .rev()
                .find(|&k| {
                    tokens[k].folded == "of"
                        && is_person_name(text, tokens, a.max(k.saturating_sub(4)), k - 1)
                        && (k + 1..=b).all(|j| {
                            capitalised(tokens[j].text(text)) && !is_held(&tokens[j].folded)
                        })
                })
                .map_or(b, |k| k - 1);
            // "Observatory chief Rami Abdel Rahman": the person speaks for the organisation
            // named before the office; "US President Donald Trump" speaks as himself.
            // "UN special envoy for Syria Staffan de Mistura": the holder's name after the
            // place or body the office is for.
            let office = (a..b).rev().find_map(|k| {
                is_office(&tokens[k].folded)
                    .then(|| holder_after_office(text, tokens, k, b))
                    .flatten()
                    .map(|h| (k, h))
            });
            // "Rami Abdul Rahman head of the monitor group": the person speaks for the
            // organisation after the office.
            let office_of = (a + 2..b).find(|&m| {
                is_office(&tokens[m].folded)
                    && tokens[m + 1].folded == "of"
                    && is_person_name(text, tokens, a, m - 1)
                    // "Deputy Chief of Staff Colonel Haitham Afisi": an office of an office.
                    && !(m + 2..=b).any(|j| is_held(&tokens[j].folded))
            });
            let (source, speaker) = match (office_of, office) {
                (Some(m), _) => {
                    let org_first = (m + 2..=b)
                        .find(|&j| !is_leading_filler(&tokens[j].folded))
                        .unwrap_or(b);
                    people.push((a, m - 1));
                    (words(org_first, b), Some(words(a, m - 1)))
                }
                (None, Some((k, holder))) => {
                    let person = words(holder, b);
                    // The organisation is the longest name before the office, its qualifiers
                    // aside ("UN special envoy"; "YouTube UN envoy" is the UN's).
                    let org = (a..k)
                        .rev()
                        .find(|&j| {
                            capitalised(tokens[j].text(text))
                                || is_organisation_word(
                                    tokens[j]
                                        .folded
                                        .strip_suffix('s')
                                        .unwrap_or(&tokens[j].folded),
                                )
                                || is_organisation_word(&tokens[j].folded)
                        })
                        .and_then(|last| {
                            let first = (a..=last).find(|&f| {
                                !is_leading_filler(&tokens[f].folded)
                                    && names_an_organisation(text, tokens, f, last, lexicon)
                            })?;
                            // "the Observatorys founder": the name without its possessive.
                            let name = words(first, last);
                            Some(if tokens[last].bare_possessive {
                                name.strip_suffix('s').map_or(name.clone(), str::to_string)
                            } else {
                                name
                            })
                        });
                    // "Its spokesman John Kirby": the organisation named last before.
                    let its = a > 0
                        && matches!(tokens[a - 1].folded.as_str(), "its" | "their")
                        && (a..k).all(|j| !capitalised(tokens[j].text(text)));
                    // "Spokesman Sean Spicer said": a spokesperson speaks for an organisation,
                    // the one named last before when the phrase names none.
                    let spokesperson = matches!(
                        tokens[k].folded.as_str(),
                        "spokesman" | "spokeswoman" | "spokesperson"
                    ) && (a..k)
                        .all(|j| !capitalised(tokens[j].text(text)) || j == a);
                    let org = org.or_else(|| {
                        (its || spokesperson)
                            .then(|| organisation_named_before(text, tokens, lexicon, a))
                            .flatten()
                    });
                    people.push((holder, b));
                    // "US President Barack Obama", "French Foreign Minister Laurent Fabius":
                    // a country's office holder speaks as themselves.
                    let org = org.filter(|o| !names_a_country(o));
                    (org.unwrap_or_else(|| person.clone()), Some(person))
                }
                (None, None) => {
                    let name = words(a, b);
                    // "in Syria has said", "inside Syria and says": a place after a
                    // preposition is where, not who.
                    let placed = (0..a)
                        .rev()
                        .find(|&j| !is_leading_filler(&tokens[j].folded))
                        .is_some_and(|j| {
                            is_preposition(&tokens[j].folded)
                                || matches!(tokens[j].folded.as_str(), "inside" | "outside")
                        });
                    // "Mr. Jordan said" is a person.
                    let titled = a > 0 && is_held(&tokens[a - 1].folded);
                    if let Some(government) =
                        (!titled).then(|| government_of_place(&name)).flatten()
                    {
                        if placed {
                            continue;
                        }
                        (government, None)
                    } else if let Some(body) = of_a_country(text, tokens, a, b) {
                        (body, None)
                    } else if let Some(person) = person_in_span(text, tokens, a, b) {
                        // "House Speaker John Boehner": the person after the title.
                        (person.clone(), Some(person))
                    } else if let Some((f, l)) = office_without_holder(text, tokens, lexicon, a, b)
                    {
                        (words(f, l), None)
                    } else {
                        let person = is_person_name(text, tokens, a, b).then(|| name.clone());
                        (name, person)
                    }
                }
            };
            // A speaker resolved from a pronoun was named earlier: the span is the pronoun's.
            let remote = tokens[b].end < span.0;
            out.push(Attribution {
                source,
                speaker,
                start: if remote {
                    span.0
                } else {
                    span.0.min(tokens[a].start)
                },
                end: span.1.max(if remote { span.1 } else { tokens[b].end }),
            });
        }
    };
    // A headline's source: "Blast kills six Syrian state TV", "Karimov: talks will go on".
    match headline_source(text, tokens, lexicon) {
        Some(Headline::Credit(a, b)) => {
            let name = &text[tokens[a].start..tokens[b].end];
            out.push(Attribution {
                // "… hits 43 Monitor": the monitor the report names (a description).
                source: if description_fits(&name.to_lowercase()).is_some() {
                    name.to_lowercase()
                } else {
                    name.to_string()
                },
                speaker: None,
                start: tokens[a].start,
                end: tokens[b].end,
            });
        }
        Some(Headline::Speaker(a, b)) => {
            push(
                &mut out,
                &mut people,
                a,
                b,
                (tokens[a].start, tokens[b].end),
            );
        }
        None => {}
    }
    let headline_speaker = out.len();
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
            // "according to a statement released Saturday by the Revolution Commission": whose
            // statement it is.
            let (first, last) = statement_by(text, tokens, last).unwrap_or((first, last));
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
        // "Reuters quoted the US State Department as saying": the one quoted.
        if matches!(word, "quoted" | "cited")
            && let Some((first, last)) = tokens
                .get(i + 1)
                .and_then(|_| phrase_after(text, tokens, i + 1))
            && tokens.get(last + 1).is_some_and(|t| t.folded == "as")
            && tokens
                .get(last + 2)
                .is_some_and(|t| matches!(t.folded.as_str(), "saying" | "telling"))
        {
            push(
                &mut out,
                &mut people,
                first,
                last,
                (tokens[first].start, tokens[last + 2].end),
            );
            // The one who quoted is a source too ("Reuters quoted …"): read on.
        }
        // "the Russian military was quoted as saying by local media": the one quoted, before the
        // passive verb (the outlet after "by" is read on as a source of its own where cited).
        if matches!(word, "quoted" | "cited")
            && i >= 2
            && matches!(tokens[i - 1].folded.as_str(), "was" | "were" | "is" | "are")
            && tokens.get(i + 1).is_some_and(|t| t.folded == "as")
            && tokens
                .get(i + 2)
                .is_some_and(|t| matches!(t.folded.as_str(), "saying" | "telling"))
            && joins(text, tokens, i - 2)
            && joins(text, tokens, i - 1)
            && let Some((first, last)) = phrase_before(text, tokens, i - 2)
            && clean_speaker(text, tokens, first, last).is_some()
        {
            push(
                &mut out,
                &mut people,
                first,
                last,
                (tokens[first].start, tokens[i + 2].end),
            );
            i += 3;
            continue;
        }
        // "The source pointed out that …": a verb of two words.
        let pointed_out = word == "pointed" && tokens.get(i + 1).is_some_and(|t| t.folded == "out");
        // "The ministry issued a statement saying …", "The Atlantic Wire ran a story": what a
        // source puts out is its own.
        let put_out = matches!(word, "issued" | "released" | "published" | "ran")
            && tokens[i + 1..(i + 3).min(tokens.len())].iter().any(|t| {
                matches!(
                    t.folded.as_str(),
                    "statement" | "story" | "report" | "article" | "communique" | "bulletin"
                )
            });
        // "“… to a man,” Ms. O'Neill continued": after a quotation, going on is saying.
        let continued = word == "continued"
            && (i.saturating_sub(4)..i).any(|k| {
                text.get(tokens[k].end..tokens[k + 1].start)
                    .is_some_and(|g| g.contains(['”', '"']))
            });
        // "The Observatory put the death toll at 23." All of these are verbs read from more
        // than their one word.
        let verb_of_words = pointed_out
            || put_out
            || continued
            || (matches!(word, "put" | "puts" | "estimated" | "raised")
                && tokens[i + 1..(i + 5).min(tokens.len())].iter().any(|t| {
                    matches!(
                        t.folded.as_str(),
                        "toll" | "figure" | "number" | "tally" | "count" | "total"
                    )
                }));
        // "An AFP correspondent in the village saw bodies": what a reporter saw is theirs.
        if word == "saw"
            && let Some(r) = (i.saturating_sub(10)..i).rev().find(|&r| {
                matches!(
                    tokens[r].folded.as_str(),
                    "correspondent" | "reporter" | "journalist" | "photographer"
                ) && !tokens[r + 1..=i].iter().any(|t| t.sentence_start)
            })
            && let Some((first, last)) = phrase_before(text, tokens, r)
        {
            push(
                &mut out,
                &mut people,
                first,
                last,
                (tokens[first].start, tokens[i].end),
            );
            i += 1;
            continue;
        }
        // "Video footage posted showed…", "insurgents posted images": what is posted is a
        // source's words only where they are given ("posted that…", "posted: “…”").
        let posted_words = word != "posted"
            || tokens[i + 1..(i + 7).min(tokens.len())]
                .iter()
                .any(|t| t.folded == "that")
            || text
                .get(tokens[i].end..tokens.get(i + 1).map_or(text.len(), |t| t.start))
                .is_some_and(|g| g.contains([':', '"', '“']));
        if !(is_reporting_verb(word) || verb_of_words) || i == 0 || !posted_words {
            i += 1;
            continue;
        }
        // Inverted: "“…,” said Adnan Rifai, the governor" — the verb right after a quote or comma.
        let gap_before = text.get(tokens[i - 1].end..tokens[i].start).unwrap_or("");
        // "a self-declared caliphate": the second half of a compound is no verb; "the reports
        // about …", "the claims could …": after a determiner the word is a noun.
        // "a series of claims", "according to reports": after a preposition too.
        let determiner = matches!(
            tokens[i - 1].folded.as_str(),
            "the"
                | "a"
                | "an"
                | "these"
                | "those"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "of"
                | "in"
                | "on"
                | "from"
                | "about"
                | "for"
                | "to"
        );
        if gap_before == "-" || (determiner && joins(text, tokens, i - 1)) {
            i += 1;
            continue;
        }
        // "Karim Haddad, a resident, told…" is not inverted: the comma closes a description of
        // the speaker before it.
        // "A spokesman for the SDF, Rezan Dalil, said…": the name just before the comma.
        let name_before = (gap_before.trim() == ",")
            .then(|| phrase_before(text, tokens, i - 1))
            .flatten()
            .filter(|&(a, b)| is_person_name(text, tokens, a, b))
            .or_else(|| {
                (gap_before.trim() == ",")
                    .then(|| appositive_name(text, tokens, lexicon, i - 1))
                    .flatten()
            });
        let description_before = name_before.is_some();
        // "… said the Observatory which tracks the war", "… added the Observatory.": inverted
        // though the comma is lost (some archives drop them), where the words after the verb are
        // a speaker that ends its sentence or a relative clause, not the subject of what is said.
        // "… said observatory head Rami Abdel Rahman.": an office and its holder's name need
        // no article.
        let inverted_without_comma = word != "told"
            && tokens.get(i + 1).is_some()
            && phrase_after(text, tokens, i + 1).is_some_and(|(a, b)| {
                let article = matches!(tokens[a].folded.as_str(), "the" | "a" | "an");
                let office_holder = (a..b).any(|k| {
                    is_office(&tokens[k].folded) && is_person_name(text, tokens, k + 1, b)
                });
                // "… said Jama Nayef, a vet", "… said Fabius, whose country…": a person's name,
                // or the surname of one the report named before.
                let person =
                    is_person_name(text, tokens, a, b) || surname_named_before(text, tokens, a, b);
                let apposition = person
                    && tokens
                        .get(b + 1)
                        .is_some_and(|n| matches!(n.folded.as_str(), "a" | "an" | "whose"));
                let head_ok = is_speaker_noun(&tokens[b].folded)
                    || (a..=b).any(|k| capitalised(tokens[k].text(text)));
                let ends = tokens.get(b + 1).is_none_or(|n| {
                    n.sentence_start
                        || matches!(
                            n.folded.as_str(),
                            "which"
                                | "who"
                                | "that"
                                | "according"
                                | "adding"
                                | "saying"
                                | "noting"
                                | "citing"
                                | "referring"
                        )
                });
                let sentence_end = tokens.get(b + 1).is_none_or(|n| n.sentence_start);
                head_ok
                    && (((article || office_holder) && ends)
                        || (person && (sentence_end || apposition)))
            });
        let inverted = gap_before.contains(['"', '”', '“', '»'])
            || (gap_before.trim() == "," && !description_before && word != "told")
            || inverted_without_comma;
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
                // "said Terry O'Neill, the president of the National Organization for Women":
                // the body the person speaks for, with the person speaking.
                if is_person_name(text, tokens, name.0, name.1)
                    && let Some((a, b)) = office_body_after(text, tokens, lexicon, name.1)
                {
                    out.push(Attribution {
                        source: text[tokens[a].start..tokens[b].end].to_string(),
                        speaker: Some(text[tokens[name.0].start..tokens[name.1].end].to_string()),
                        start: tokens[i].start,
                        end: tokens[last].end,
                    });
                    people.push(name);
                    i = last + 1;
                    continue;
                }
                if pronoun {
                    if let Some((a, b)) =
                        nearest_person(text, tokens, lexicon, name.0, people.last().copied())
                    {
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
        // "X said", "X has also said", "X on Monday said": the speaker before the verb.
        let mut end = i - 1;
        // "The Organisation for the Prohibition of Chemical Weapons (OPCW) said": the name
        // before its acronym in brackets.
        if end >= 2
            && tokens[end].text(text).chars().all(|c| c.is_uppercase())
            && text
                .get(tokens[end].end..tokens[i].start)
                .is_some_and(|g| g.trim() == ")")
            && text
                .get(tokens[end - 1].end..tokens[end].start)
                .is_some_and(|g| g.trim() == "(")
            && capitalised(tokens[end - 1].text(text))
        {
            end -= 1;
        }
        // "House Speaker John Boehner (R-Ohio) admitted": a short aside in brackets between a
        // name and the verb.
        let mut aside = false;
        if text
            .get(tokens[end].end..tokens[i].start)
            .is_some_and(|g| g.trim() == ")")
            && let Some(open) = (end.saturating_sub(3)..=end).rev().find(|&k| {
                k >= 2
                    && text
                        .get(tokens[k - 1].end..tokens[k].start)
                        .is_some_and(|g| g.trim() == "(")
            })
            && capitalised(tokens[open - 1].text(text))
            && end - open < 3
        {
            end = open - 1;
            aside = true;
        }
        loop {
            let w = tokens[end].folded.as_str();
            let when = super::dates::is_month_or_weekday(w)
                || matches!(w, "today" | "yesterday" | "tonight")
                // "Syria last September said"
                || (matches!(w, "last" | "this" | "next")
                    && tokens.get(end + 1).is_some_and(|t| {
                        super::dates::is_month_or_weekday(&t.folded)
                            || matches!(t.folded.as_str(), "week" | "month" | "year")
                    }))
                || (matches!(w, "week" | "month" | "year")
                    && end > 0
                    && matches!(tokens[end - 1].folded.as_str(), "last" | "this" | "next"))
                // "Reporters Without Borders recently reported", "Hollande directly blamed"
                || (w.len() > 4 && w.ends_with("ly") && !capitalised(tokens[end].text(text)))
                || (w == "on"
                    && tokens
                        .get(end + 1)
                        .is_some_and(|t| super::dates::is_month_or_weekday(&t.folded)));
            if end == 0 || !(is_between_speaker_and_verb(w) || when) {
                break;
            }
            end -= 1;
        }
        // "… relies on sources inside Syria and says": a second verb of the subject before.
        if matches!(tokens[end].folded.as_str(), "and" | "but" | "or") {
            i += 1;
            continue;
        }
        let bracketed = end + 2 == i
            && text
                .get(tokens[end].end..tokens[end + 1].start)
                .is_some_and(|g| g.trim() == "(");
        let joined = bracketed
            || aside
            || ((end..i - 1).all(|j| joins(text, tokens, j)) && joins(text, tokens, i - 1));
        // "the Syrian regime which denied…": the speaker before "which".
        if end > 0
            && matches!(tokens[end].folded.as_str(), "which" | "who")
            && !tokens[end].sentence_start
            && tokens[end].text(text) != "WHO"
            && matches!(
                word,
                "said"
                    | "says"
                    | "denied"
                    | "confirmed"
                    | "reported"
                    | "insist"
                    | "insists"
                    | "insisted"
                    | "argued"
                    | "argue"
                    | "warned"
                    | "stated"
                    | "announced"
            )
        {
            end -= 1;
        }
        // "Residents who fled the village years ago told…": the speaker before "who".
        // "… on the table he added": a pronoun right before the verb is the speaker, whatever
        // words without a comma stand before it.
        let it = ((tokens[end].folded == "it"
            && matches!(word, "said" | "says" | "added" | "reported" | "stated"))
            || matches!(tokens[end].folded.as_str(), "he" | "she" | "он" | "она"))
        .then_some((end, end));
        // Where the verb's sentence starts: the speaker is after it.
        let sentence = (0..=end)
            .rev()
            .find(|&j| tokens[j].sentence_start)
            .unwrap_or(0);
        // "The coalition which launched an air war against IS in Syria last September said":
        // the speaker is before the relative pronoun the clause begins with.
        let before_relative = |first: usize| {
            let who = (sentence.max(end.saturating_sub(10))..first.min(end + 1))
                .rev()
                .find(|&j| matches!(tokens[j].folded.as_str(), "who" | "which" | "that"))
                .or_else(|| (first > 0 && tokens[first - 1].folded == "who").then(|| first - 1))?;
            let (a, b) = phrase_before(text, tokens, who.checked_sub(1)?)?;
            clean_speaker(text, tokens, a, b).map(|_| (a, b))
        };
        // "… on the city of Khan-Shaikhoun Rudskoi said" (commas lost): the surname of a person
        // cited before, after capitalised words that are not the given names they were cited
        // with ("Sergei Rudskoi"): a place, then him.
        let cited_surname = |first: usize, last: usize| {
            last > 0
                && capitalised(tokens[last].text(text))
                && !is_organisation_word(&tokens[last].folded)
                && people.iter().any(|&(a, b)| {
                    a < b
                        && b < first
                        && tokens[b].folded == tokens[last].folded
                        && tokens[b - 1].folded != tokens[last - 1].folded
                        && is_person_name(text, tokens, a, b)
                })
        };
        let speaker = match it.or_else(|| phrase_before(text, tokens, end)) {
            Some((first, last)) if first < last && cited_surname(first, last) => Some((last, last)),
            None if cited_surname(end, end) => Some((end, end)),
            found => found,
        };
        let speaker = speaker.and_then(|(first, last)| {
            // "who spoke to our correspondent condemned…": the one spoken to is not the speaker;
            // "which the United States says came from…" names the one who says.
            // "with a Syrian army source telling Sputnik that …" is the source's.
            let relative = first > 0
                && (matches!(tokens[first - 1].folded.as_str(), "to" | "told")
                    || (tokens[first - 1].folded == "with" && !word.ends_with("ing"))
                    || (matches!(tokens[first - 1].folded.as_str(), "who" | "which")
                        && !matches!(tokens[first].folded.as_str(), "the" | "a" | "an")
                        && !capitalised(tokens[first].text(text))
                        && !is_speaker_noun(&tokens[last].folded)));
            let pronoun = first == last && is_pronoun(&tokens[first].folded);
            // "A friend who drives between Idlib and Sarmada told me": a relative clause
            // runs, with no comma, from the speaker to the verb; the places are not the
            // speaker.
            let clause_before = (first.saturating_sub(8)..first).rev().any(|j| {
                tokens[j].folded == "who"
                    && !tokens[j + 1..=first].iter().any(|t| t.sentence_start)
                    && (j..first).all(|k| joins(text, tokens, k))
            });
            // "The coalition which launched an air war against IS in Syria last September
            // said": words after a preposition are the clause's, the speaker is before it.
            let after_preposition = first > 0
                && !tokens[first].sentence_start
                && is_preposition(&tokens[first - 1].folded)
                && capitalised(tokens[first].text(text))
                && !names_an_organisation(text, tokens, first, last, lexicon);
            if pronoun
                || (!relative
                    && !clause_before
                    && !after_preposition
                    && clean_speaker(text, tokens, first, last).is_some())
            {
                return Some((first, last));
            }
            before_relative(first)
        });
        // "The Syrian Coalition an opposition group based outside the country said" (commas
        // lost): a body or a person, then a description of it, then the verb.
        let speaker = speaker.or_else(|| {
            let article = (sentence.max(end.saturating_sub(12)) + 1..=end)
                .rev()
                .find(|&j| {
                    matches!(tokens[j].folded.as_str(), "a" | "an")
                        && capitalised(tokens[j - 1].text(text))
                        && joins(text, tokens, j - 1)
                })?;
            if tokens[article..=end]
                .iter()
                .any(|t| is_reporting_verb(&t.folded) || is_pronoun(&t.folded))
            {
                return None;
            }
            phrase_before(text, tokens, article - 1).filter(|&(a, b)| {
                is_person_name(text, tokens, a, b)
                    || (capitalised(tokens[a].text(text))
                        && names_an_organisation(text, tokens, a, b, lexicon))
            })
        });
        if joined && let Some((first, last)) = speaker {
            if first == last && is_pronoun(&tokens[first].folded) {
                if tokens[first].folded == "it" {
                    // "it said": an organisation the report names (resolved in `normalise`).
                    out.push(Attribution {
                        source: "it".to_string(),
                        speaker: None,
                        start: tokens[first].start,
                        end: tokens[i].end,
                    });
                } else if matches!(tokens[first].folded.as_str(), "he" | "she" | "он" | "она")
                    && let Some((a, b)) =
                        nearest_person(text, tokens, lexicon, first, people.last().copied())
                {
                    push(
                        &mut out,
                        &mut people,
                        a,
                        b,
                        (tokens[first].start, tokens[i].end),
                    );
                } else if tokens[first].folded == "they"
                    && let Some((a, b)) = group_before(text, tokens, first)
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
    // "Karimov: talks will go on" is Karimov's where the body cites Karimov too ("Karimov
    // said"); else the words before the colon are a place or a topic.
    if let Some(Headline::Speaker(_, b)) = headline_source(text, tokens, lexicon)
        && headline_speaker > 0
        && !out[headline_speaker..].iter().any(|a| {
            let surname = &tokens[b].folded;
            name_words(&a.source).contains(surname)
                || a.speaker
                    .as_deref()
                    .is_some_and(|s| name_words(s).contains(surname))
        })
    {
        out.remove(headline_speaker - 1);
    }
    normalise(&mut out, text, tokens, lexicon);
    // "it said" where the report names no organisation it could be; "the center said" where it
    // names no center.
    out.retain(|a| a.source != "it" && !unresolved_kind(&a.source));
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
    capitalised_span(text, tokens, end)
        .map(|(first, end)| text[tokens[first].start..tokens[end].end].to_string())
}

/// The tokens of [`capitalised_run`]: (first, last).
fn capitalised_span(text: &str, tokens: &[Token], end: usize) -> Option<(usize, usize)> {
    if !capitalised(tokens[end].text(text)) {
        return None;
    }
    let mut first = end;
    while first > 0 && joins(text, tokens, first - 1) {
        let prev = &tokens[first - 1];
        let connector = matches!(prev.folded.as_str(), "of" | "for" | "al" | "el" | "and");
        // "Damascus The White House": an article starts a name, whatever its case.
        let article = matches!(prev.folded.as_str(), "the" | "a" | "an");
        if !(capitalised(prev.text(text)) || connector) || article || tokens[first].sentence_start {
            break;
        }
        first -= 1;
    }
    while first < end
        && (!capitalised(tokens[first].text(text)) || is_leading_filler(&tokens[first].folded))
    {
        first += 1;
    }
    (first < end).then_some((first, end))
}

/// The person a run of capitalised words names, without the ranks and offices before the name
/// and the place after it: "Darrell Issa" of "Representative Darrell Issa of California";
/// `None` where the run is no person's name so written.
fn person_in_span(text: &str, tokens: &[Token], first: usize, last: usize) -> Option<String> {
    // The name starts after the last rank, title or office ("U.S. District Judge Robert L.
    // Wilkins"), before any "of".
    let until = (first..=last)
        .find(|&k| tokens[k].folded == "of")
        .unwrap_or(last + 1);
    let a = (first..until)
        .rev()
        .find(|&j| is_held(&tokens[j].folded))
        .map_or(first, |j| j + 1);
    if a >= last {
        return None;
    }
    let b = (a + 1..=last)
        .find(|&k| tokens[k].folded == "of")
        .map_or(last, |k| k - 1);
    ((a, b) != (first, last) && is_person_name(text, tokens, a, b))
        .then(|| text[tokens[a].start..tokens[b].end].to_string())
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
    // A name cited with a personal title ("Mr. Romney said") is a person's.
    let at = tokens.partition_point(|t| t.start < before);
    let title = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| matches!(t.folded.as_str(), "mr" | "mrs" | "ms" | "dr" | "miss"))
    };
    let titled =
        title(at) || (at > 0 && at < tokens.len() && title(at - 1) && joins(text, tokens, at - 1));
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
        if let Some((first, last)) = capitalised_span(text, tokens, end) {
            let person = person_in_span(text, tokens, first, last);
            // "Mr. Romney" is a person: a headline's "Challenge for Romney" is no fuller name.
            if titled && person.is_none() && !is_person_name(text, tokens, first, last) {
                continue;
            }
            let run =
                person.unwrap_or_else(|| text[tokens[first].start..tokens[last].end].to_string());
            // "the Syrian Coalition Anas Alabdah": a body, then the person; the person's name
            // is the fuller one.
            let run = body_then_person(&run).map_or(run, |(_, person)| person);
            let theirs = name_words(&run);
            if theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w)) {
                return Some(run);
            }
        }
    }
    None
}

/// The source the lexicon knows, named anywhere in the report, whose name has every word of a
/// short capitalised one ("Observatory" when the report names the Syrian Observatory for Human
/// Rights), where only one does.
fn known_fuller(short: &str, named_in_text: &[(usize, usize, &str)]) -> Option<String> {
    let words = name_words(short);
    if words.is_empty() || words.len() > 2 || !capitalised(short) {
        return None;
    }
    let mut fitting = named_in_text
        .iter()
        .map(|(_, _, name)| *name)
        .filter(|name| {
            let theirs = name_words(name);
            theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w))
        });
    let first = fitting.next()?;
    fitting.all(|n| n == first).then(|| first.to_string())
}

/// Names through the lexicon's sources, then short later mentions to fuller earlier ones.
fn normalise(found: &mut [Attribution], text: &str, tokens: &[Token], lexicon: &Lexicon) {
    let defined = acronyms(text, tokens);
    let named_in_text = lexicon.find_sources(text, tokens);
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, t) in tokens.iter().enumerate() {
        positions.entry(t.folded.as_str()).or_default().push(k);
    }
    for a in found.iter_mut() {
        a.source = speaking_body(&a.source);
        // "Pathologist at the Aleppo University Hashim told", "the Syrian Coalition Anas
        // Alabdah explained" (commas lost): a person named after a body. A body the lexicon or
        // the registry knows is the source, the person speaking for it; else the person speaks
        // for themself.
        if let Some((body, person)) = body_then_person(&a.source) {
            let known = lexicon.source_name(&body).is_some()
                || lexicon.actor_named(&body).is_some()
                || super::sources::Registry::built_in()
                    .by_name(&body)
                    .is_some();
            a.speaker = Some(person.clone());
            a.source = if known { body } else { person };
        }
        if let Some((_, full)) = defined.iter().find(|(acr, _)| *acr == a.source) {
            a.source = full.clone();
        } else if let Some(full) = fuller_in_text(text, tokens, &positions, &a.source, a.start) {
            a.source = full;
        } else if let Some(full) = known_fuller(&a.source, &named_in_text) {
            // "Observatory chief …" before the report names the Syrian Observatory in full.
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
        } else if capitalised(&a.source)
            && let Some(known) = super::sources::Registry::built_in().by_name_misspelt(&a.source)
        {
            a.source = known.name.clone();
        } else if !capitalised(&a.source)
            && let Some(known) = described_source(&a.source)
        {
            // "the global chemical arms watchdog said": a body known by what it is.
            a.source = known;
        }
    }
    ministries_of_their_country(found, text);
    resolve_descriptions(found, &named_in_text, lexicon);
    speakers_keep_their_organisation(found);
    // Each source's words once, updated when a source is replaced by a fuller one.
    let mut words_of: Vec<Vec<String>> = found.iter().map(|a| name_words(&a.source)).collect();
    for k in 0..found.len() {
        let words = &words_of[k];
        if words.is_empty() {
            continue;
        }
        let fuller = (0..k).rev().find(|&e| {
            let theirs = &words_of[e];
            theirs.len() > words.len() && words.iter().all(|w| theirs.contains(w))
        });
        if let Some(e) = fuller {
            found[k].source = found[e].source.clone();
            words_of[k] = words_of[e].clone();
        }
    }
    back_references(found, text, tokens);
    keep_name_suffixes(found, text, tokens);
}

/// "Jesse Jackson Jr.": a person's name keeps the suffix the report gives it.
fn keep_name_suffixes(found: &mut [Attribution], text: &str, tokens: &[Token]) {
    let suffixed: Vec<(String, &str)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.folded.as_str(), "jr" | "sr") && capitalised(t.text(text)))
        .filter_map(|(k, t)| {
            let first = (k.saturating_sub(4)..k).find(|&a| {
                (a..k).all(|w| joins(text, tokens, w) && capitalised(tokens[w].text(text)))
            })?;
            let suffix = if t.folded == "jr" { "Jr." } else { "Sr." };
            Some((
                text[tokens[first].start..tokens[k - 1].end].to_string(),
                suffix,
            ))
        })
        .collect();
    if suffixed.is_empty() {
        return;
    }
    for a in found.iter_mut() {
        for name in std::iter::once(&mut a.source).chain(a.speaker.as_mut()) {
            // The run before the suffix is the name, or ends with it after a title
            // ("Representative Jesse Jackson Jr.").
            let named = |n: &str| {
                n.strip_suffix(name.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
            };
            if name.split_whitespace().count() >= 2
                && let Some((_, suffix)) = suffixed.iter().find(|(n, _)| named(n))
            {
                name.push(' ');
                name.push_str(suffix);
            }
        }
    }
}

/// The registry's source a description in lower case names, its first qualifiers aside ("global
/// chemical arms watchdog" is the OPCW's "chemical arms watchdog"), where the words left are
/// two or more.
fn described_source(description: &str) -> Option<String> {
    let words: Vec<&str> = description.split_whitespace().collect();
    let registry = super::sources::Registry::built_in();
    (0..words.len().saturating_sub(1))
        .find_map(|k| registry.by_name(&words[k..].join(" ")))
        .map(|s| s.name.clone())
}

/// A capitalised run that is a body's name and then a person's ("Aleppo University Hashim",
/// "Syrian Coalition Anas Alabdah"): the two, split after the body's last organisation word.
fn body_then_person(source: &str) -> Option<(String, String)> {
    let mut words: Vec<&str> = source.split_whitespace().collect();
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.remove(0);
    }
    if !words.iter().all(|w| capitalised(w)) {
        return None;
    }
    let k = words
        .iter()
        .rposition(|w| is_organisation_word(&fold_word(w)))?;
    let person = &words[k + 1..];
    (k >= 1
        && (1..=3).contains(&person.len())
        && person.iter().all(|w| {
            let folded = fold_word(w);
            w.chars().filter(|c| c.is_lowercase()).count() >= 2
                && !is_held(&folded)
                && !names_a_country(w)
                && !super::terms::is_stopword(&folded)
        }))
    .then(|| (words[..=k].join(" "), person.join(" ")))
}

/// The body a source's words name when they name its people or its possession: "Members of the
/// Security Council" and "officials with the Democratic National Committee" speak for the
/// body; "AFPs reporter" (an apostrophe lost) is AFP's, and "the FSAs special forces" the FSA's.
fn speaking_body(source: &str) -> String {
    let words: Vec<&str> = source.split_whitespace().collect();
    if let [people, link, rest @ ..] = words.as_slice() {
        let body = match rest {
            ["the", body @ ..] => body,
            body => body,
        };
        let people = people.to_lowercase();
        if matches!(
            people.as_str(),
            "member" | "members" | "official" | "officials" | "representative" | "representatives"
        ) && matches!(*link, "of" | "with" | "from" | "at")
            && !body.is_empty()
            && body
                .iter()
                .all(|w| capitalised(w) || matches!(*w, "of" | "for" | "and"))
            && body.last().is_some_and(|w| capitalised(w))
        {
            return body.join(" ");
        }
    }
    // An acronym's possessive without its apostrophe: "AFPs" reporter, "the FSAs special forces".
    if let Some((first, rest)) = words.split_first()
        && let Some(acronym) = first.strip_suffix('s')
        && acronym.chars().count() >= 2
        && acronym.chars().all(|c| c.is_ascii_uppercase())
    {
        return std::iter::once(acronym)
            .chain(rest.iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
    }
    source.to_string()
}

/// "The colonel said", "the center said": a speaker named again by a rank, office or kind of
/// body is the one cited shortly before whose citing words have it ("Colonel Haitham Afisi
/// said", "the Russian center for reconciliation said").
fn back_references(found: &mut [Attribution], text: &str, tokens: &[Token]) {
    for k in 0..found.len() {
        if capitalised(&found[k].source) {
            continue;
        }
        let words = name_words(&found[k].source);
        let Some(head) = words.last() else {
            continue;
        };
        let by_role = is_held(head)
            || matches!(
                head.as_str(),
                "center" | "centre" | "network" | "brigade" | "division" | "channel" | "team"
            );
        if words.len() > 2 || !by_role {
            continue;
        }
        let earlier = found[..k]
            .iter()
            .rev()
            .take(8)
            .find(|e| {
                let cited = name_words(text.get(e.start..e.end).unwrap_or_default());
                e.source != found[k].source && cited.contains(head)
            })
            .map(|e| (e.source.clone(), e.speaker.clone()));
        if let Some((source, speaker)) = earlier {
            found[k].source = source;
            found[k].speaker = speaker;
        } else if words.len() == 1
            && is_office(head)
            && let Some(person) = titled_before(text, tokens, head, found[k].start)
        {
            // "President Barack Obama met his cabinet. … the president said": the person the
            // report gave that office before, by the fullest name it cites them by ("President
            // Obama" when "Barack Obama" said something too).
            let mine = name_words(&person);
            let person = found
                .iter()
                .map(|a| &a.source)
                .filter(|s| capitalised(s))
                .find(|s| {
                    let theirs = name_words(s);
                    theirs.len() > mine.len() && mine.iter().all(|w| theirs.contains(w))
                })
                .cloned()
                .unwrap_or(person);
            found[k].speaker = Some(person.clone());
            found[k].source = person;
        }
    }
}

/// The people "they" are, in "… The Syrian activists had no information. They claimed …": the
/// nearest phrase before `they` headed by a plural noun of speakers, within two sentences.
fn group_before(text: &str, tokens: &[Token], they: usize) -> Option<(usize, usize)> {
    let mut sentences = 0;
    for j in (they.saturating_sub(60)..they).rev() {
        if tokens[j + 1].sentence_start {
            sentences += 1;
            if sentences > 2 {
                return None;
            }
        }
        let word = tokens[j].folded.as_str();
        let head = is_plural_speaker_noun(word)
            && !tokens
                .get(j + 1)
                .is_some_and(|t| is_speaker_noun(&t.folded) && joins(text, tokens, j));
        if head
            && let Some((a, b)) = phrase_before(text, tokens, j)
            && clean_speaker(text, tokens, a, b).is_some()
        {
            return Some((a, b));
        }
    }
    None
}

/// The person the text before `before` last names with the office `head` in front of the name
/// ("President Barack Obama", "U.S. Ambassador Samantha Power"), when there is one.
fn titled_before(text: &str, tokens: &[Token], head: &str, before: usize) -> Option<String> {
    let end = tokens.partition_point(|t| t.start < before);
    (0..end).rev().find_map(|j| {
        if tokens[j].folded != head || !capitalised(tokens[j].text(text)) {
            return None;
        }
        let a = j + 1;
        if a >= end {
            return None;
        }
        let mut b = a;
        while b + 1 < end
            && b + 1 - a < 4
            && capitalised(tokens[b + 1].text(text))
            && joins(text, tokens, b)
        {
            b += 1;
        }
        // "President Obama": a surname alone, when it is no body's or country's name.
        let surname = b == a
            && tokens[a]
                .text(text)
                .chars()
                .filter(|c| c.is_lowercase())
                .count()
                >= 2
            && !is_organisation_word(&tokens[a].folded)
            && !names_a_country(tokens[a].text(text));
        if !(b < end
            && joins(text, tokens, j)
            && (surname || (b > a && is_person_name(text, tokens, a, b))))
        {
            return None;
        }
        Some(text[tokens[a].start..tokens[b].end].to_string())
    })
}

/// A body or an office named by its kind alone that the report gives no name for ("the center
/// said" where no center is named, "the president said" where no president is): it says nothing
/// of who spoke, so it is no source. Descriptions of people who are sources by what they are
/// ("officials", "a resident") are not of this kind.
fn unresolved_kind(source: &str) -> bool {
    let word = source.strip_prefix("ex-").unwrap_or(source);
    !source.contains(' ')
        && (kind_of_body(word).is_some()
            || matches!(
                word,
                "president"
                    | "premier"
                    | "ambassador"
                    | "envoy"
                    | "secretary"
                    | "senator"
                    | "congressman"
                    | "congresswoman"
            ))
}

/// A ministry a report names by its office and a country it gives beside it ("the defense
/// ministry in Moscow", "the Turkish Foreign Ministry", "Russias Ministry of Defence") is that
/// country's ministry in the registry of real sources ("Russian Ministry of Defence"). Without
/// such a country the ministry stays as written (see [`of_home_country`]).
fn ministries_of_their_country(found: &mut [Attribution], text: &str) {
    let registry = super::sources::Registry::built_in();
    for a in found.iter_mut() {
        if registry.by_name(&a.source).is_some() {
            continue;
        }
        let words = name_words(&a.source);
        if !words.iter().any(|w| w == "ministry") {
            continue;
        }
        // A country's word in the name; "Syrias" is Syria's where apostrophes are lost.
        let mut country: Option<String> = words
            .iter()
            .filter(|w| !matches!(w.as_str(), "ministry" | "of" | "affairs"))
            .find_map(|w| {
                super::lexicon::country_of_word(w)
                    .or_else(|| super::lexicon::country_of_word(w.strip_suffix('s')?))
            })
            .map(str::to_string);
        // "… the defense ministry in Moscow said": a place right after the name.
        if country.is_none() {
            let after = &text[a.start.min(text.len())..a.end.min(text.len())];
            if let Some(rest) = after.to_lowercase().find(" in ").map(|i| &after[i + 4..]) {
                let place: String = rest
                    .split_whitespace()
                    .take_while(|w| super::capitalised(w))
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(world) = super::world::World::get()
                    && let Some(index) = world.best_by_name(&place)
                {
                    country = world.place(index).map(|p| p.country_code().to_string());
                }
            }
        }
        if let Some(known) = country.and_then(|c| countrys_ministry(&words, &c)) {
            a.source = known;
        }
    }
}

/// The registry's ministry of `country` ("RU") for an office named by `words` ("defence
/// ministry", "ministry of foreign affairs").
fn countrys_ministry(words: &[String], country: &str) -> Option<String> {
    const OFFICES: &[&[&str]] = &[
        &["defence", "defense"],
        &["foreign"],
        &["interior"],
        &["health"],
    ];
    let keywords = OFFICES
        .iter()
        .find(|names| words.iter().any(|w| names.contains(&w.as_str())))?;
    super::sources::Registry::built_in()
        .sources()
        .iter()
        .find(|s| {
            s.kind == "ministry"
                && s.country == country
                && name_words(&s.name)
                    .iter()
                    .any(|w| keywords.contains(&w.as_str()))
        })
        .map(|s| s.name.clone())
}

/// State bodies a report cites without saying whose ("the army said", "state television
/// reported", "the foreign ministry said"), and that no organisation the report names answers,
/// are its home country's (the one whose places it names most: [`super::Setting`]): "Syrian
/// army", "Syrian state television", the registry's ministry. A report with no home leaves them
/// as written.
pub fn of_home_country(found: &mut [Attribution], lexicon: &Lexicon, home: Option<&str>) {
    const STATE_BODIES: &[&str] = &[
        "army",
        "military",
        "government",
        "police",
        "state television",
        "state tv",
        "state media",
        "state run television",
        "state run media",
        "state run tv",
        "state news agency",
        "official news agency",
        "defence ministry",
        "defense ministry",
        "foreign ministry",
        "interior ministry",
        "health ministry",
        "civil defence",
        "civil defense",
    ];
    let Some(home) = home else {
        return;
    };
    let Some(demonym) = super::lexicon::demonym_of(home) else {
        return;
    };
    let registry = super::sources::Registry::built_in();
    for a in found.iter_mut() {
        let words = name_words(&a.source);
        let mut body = words
            .iter()
            .filter(|w| !is_leading_filler(w))
            .cloned()
            .collect::<Vec<_>>();
        // "Civil defense teams said": the body its people work for.
        let people = body.len() > 2
            && matches!(
                body.last().map(String::as_str),
                Some("teams" | "team" | "workers" | "volunteers" | "members" | "personnel")
            );
        if people {
            body.pop();
        }
        if !STATE_BODIES.contains(&body.join(" ").as_str()) {
            continue;
        }
        if let Some(ministry) = countrys_ministry(&body, home) {
            a.source = ministry;
            continue;
        }
        // "the state news agency": the home country's state agency in the registry (SANA).
        if body.last().is_some_and(|w| w == "agency")
            && let Some(agency) = registry.sources().iter().find(|s| {
                s.country == home
                    && matches!(s.kind.as_str(), "state media" | "agency")
                    && std::iter::once(&s.name).chain(&s.aliases).any(|n| {
                        name_words(n).ends_with(&["news".to_string(), "agency".to_string()])
                    })
            })
        {
            a.source = agency.name.clone();
            continue;
        }
        // As the report writes it, articles aside: "State TV" is "Syrian state TV" (the registry
        // knows it as Syrian state television).
        let mut written: Vec<&str> = a
            .source
            .split_whitespace()
            .filter(|w| !is_leading_filler(&fold_word(w)))
            .collect();
        if people {
            written.pop();
        }
        let written = written
            .iter()
            .map(|w| {
                if w.chars().all(|c| c.is_uppercase()) {
                    w.to_string()
                } else {
                    w.to_lowercase()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        let named = format!("{demonym} {written}");
        a.source = lexicon
            .source_name(&named)
            .or_else(|| lexicon.actor_named(&named))
            .or_else(|| registry.by_name(&named).map(|s| s.name.as_str()))
            .map_or(named.clone(), str::to_string);
    }
}

/// A person the report names as speaking for an organisation ("Observatory chief Rami Abdel
/// Rahman told AFP") speaks for it wherever the same report names them again, in full or by
/// part of the name ("Abdel Rahman said", "Afisi told al-Araby"): the organisation is the
/// source, the person its speaker. The nearest such mention before counts, else the nearest
/// after; a name two organisations' speakers share is left alone.
fn speakers_keep_their_organisation(found: &mut [Attribution]) {
    let spokespeople: Vec<(usize, Vec<String>, String, String)> = found
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let speaker = a.speaker.as_ref()?;
            // An organisation's name holds no word of its speaker's ("Syria's Deputy Prime
            // Minister Qadri Jamil" is the person with a title, not an organisation).
            let person = name_words(speaker);
            let source = name_words(&a.source);
            (!person.iter().any(|w| source.contains(w)))
                .then(|| (i, name_words(speaker), a.source.clone(), speaker.clone()))
        })
        .collect();
    if spokespeople.is_empty() {
        return;
    }
    for (k, a) in found.iter_mut().enumerate() {
        // The source's words within a spokesperson's name: the person again, named by
        // themselves (an organisation's name is no part of a person's).
        let words = name_words(&a.source);
        // A surname at least: one word of a person's name, capitalised, not a description.
        if words.is_empty() || !capitalised(&a.source) {
            continue;
        }
        let theirs: Vec<&(usize, Vec<String>, String, String)> = spokespeople
            .iter()
            .filter(|(_, name, _, _)| {
                name.len() >= words.len() && words.iter().all(|w| name.contains(w))
            })
            .collect();
        let organisations: std::collections::HashSet<&str> =
            theirs.iter().map(|(_, _, org, _)| org.as_str()).collect();
        if organisations.len() != 1 {
            continue;
        }
        let nearest = theirs
            .iter()
            .filter(|(i, ..)| *i < k)
            .max_by_key(|(i, ..)| *i)
            .or_else(|| theirs.iter().min_by_key(|(i, ..)| *i));
        if let Some((_, _, organisation, speaker)) = nearest {
            a.source = organisation.clone();
            a.speaker = Some(speaker.clone());
        }
    }
}

/// What an organisation described rather than named may be ("the monitor", "the ministry",
/// "it"), by the words that describe it: words its name or its kind in the registry of real
/// sources should have, or none where any organisation fits.
fn description_fits(description: &str) -> Option<&'static [&'static str]> {
    const MONITOR: &[&str] = &[
        "observatory",
        "monitor",
        "network",
        "watch",
        "rights",
        "monitor",
    ];
    Some(match description {
        "monitor"
        | "observatory"
        | "monitoring group"
        | "monitor group"
        | "war monitor"
        | "the monitor"
        | "watchdog"
        | "rights group"
        | "human rights group"
        | "monitoring organisation"
        | "monitoring organization"
        | "human rights organisation"
        | "human rights organization"
        | "organisation"
        | "organization" => MONITOR,
        "ministry" | "defence ministry" | "defense ministry" | "foreign ministry" => &["ministry"],
        "agency" | "news agency" | "state news agency" => &["agency", "wire"],
        "group" | "it" => &[],
        _ => return None,
    })
}

/// A body named again by its kind alone ("the coalition said", "the center said", "the TV
/// network said"): the words the name it stands for has.
fn kind_of_body(description: &str) -> Option<&'static [&'static str]> {
    Some(match description {
        "coalition" => &["coalition"],
        "center" | "centre" => &["center", "centre"],
        "brigade" => &["brigade"],
        "council" => &["council"],
        "committee" => &["committee"],
        "commission" => &["commission"],
        "general staff" | "staff" => &["staff"],
        "network" | "tv network" | "channel" | "tv channel" => {
            &["tv", "channel", "television", "network"]
        }
        _ => return None,
    })
}

/// Organisations a report describes or refers to rather than names ("a monitor said", "the
/// group added", "it said") are the organisation the same report names that fits the
/// description: the nearest cited before, else the nearest cited after, else the nearest source
/// the lexicon knows named anywhere in the report ("a monitor said. The Britain-based Syrian
/// Observatory … tracks the war").
fn resolve_descriptions(
    found: &mut [Attribution],
    named_in_text: &[(usize, usize, &str)],
    lexicon: &Lexicon,
) {
    let registry = super::sources::Registry::built_in();
    let fits = |name: &str, wanted: &[&str]| {
        // Its names, the registry's other names too ("SANA" is the Syrian Arab News Agency).
        let known = registry.by_name(name);
        let folded = std::iter::once(name)
            .chain(
                known
                    .iter()
                    .flat_map(|s| s.aliases.iter().map(String::as_str)),
            )
            .map(|n| name_words(n).join(" "))
            .collect::<Vec<_>>()
            .join(" ");
        let kind = known.map(|s| s.kind.to_lowercase()).unwrap_or_default();
        wanted.is_empty()
            || wanted
                .iter()
                .any(|w| folded.contains(w) || kind.contains(w))
    };
    // An organisation: capitalised, not one person's name, not itself a description.
    let organisation = |a: &Attribution| {
        let words: Vec<&str> = a.source.split_whitespace().collect();
        capitalised(&a.source)
            && description_fits(&name_words(&a.source).join(" ")).is_none()
            && (words.len() == 1
                || lexicon.source_name(&a.source).is_some()
                || registry.by_name(&a.source).is_some()
                || words.iter().any(|w| is_organisation_word(&fold_word(w))))
    };
    for k in 0..found.len() {
        // A description is written in lower case: "the Defence Ministry" is a name.
        if capitalised(&found[k].source) {
            continue;
        }
        let description = name_words(&found[k].source).join(" ");
        let Some(wanted) = description_fits(&description).or_else(|| kind_of_body(&description))
        else {
            continue;
        };
        let at = found[k].start;
        let before = found[..k]
            .iter()
            .rev()
            .find(|a| organisation(a) && fits(&a.source, wanted))
            .map(|a| a.source.clone());
        let after = || {
            found[k + 1..]
                .iter()
                .find(|a| organisation(a) && fits(&a.source, wanted))
                .map(|a| a.source.clone())
        };
        let mentioned = || {
            named_in_text
                .iter()
                .filter(|(_, _, name)| fits(name, wanted))
                .min_by_key(|(start, _, _)| start.abs_diff(at))
                .map(|(_, _, name)| name.to_string())
        };
        if let Some(name) = before.or_else(after).or_else(mentioned) {
            found[k].source = name;
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
    fn an_office_named_again_is_the_person_who_holds_it() {
        assert_eq!(
            sources(
                "President Barack Obama met his cabinet on Monday. \"We have work to do,\" the \
                 president said."
            ),
            ["Barack Obama"]
        );
        // Nothing says who the president or the center is: no source.
        assert!(sources("\"We will go on,\" the president said.").is_empty());
        assert!(sources("\"In all 40 people were killed,\" the center said.").is_empty());
        assert_eq!(
            sources("\"This must stop,\" the UN official concluded."),
            ["United Nations"]
        );
    }

    #[test]
    fn a_description_and_an_inverted_name_end_where_the_clause_begins() {
        let observatory = "Syrian Observatory for Human Rights";
        assert_eq!(
            sources(
                "Nine died, the Syrian Observatory for Human Rights said. According to the \
                 observatory the airstrikes killed five."
            ),
            [observatory, observatory]
        );
        assert_eq!(
            sources(
                "Nine died, the Syrian Observatory for Human Rights said. \"He was driving,\" \
                 said the Observatory adding that the passenger was hurt."
            ),
            [observatory, observatory]
        );
    }

    #[test]
    fn speakers_placed_by_a_place_with_its_qualifier_keep_both() {
        assert_eq!(
            sources("Activists in rural Idlib said that three aircraft struck the town."),
            ["Activists in rural Idlib"]
        );
        assert_eq!(
            sources("The Syrian opposition in exile said in a statement that it would go."),
            ["Syrian opposition in exile"]
        );
    }

    #[test]
    fn a_name_keeps_its_suffix_and_a_titled_name_its_person() {
        assert_eq!(
            sources("Jesse Jackson Jr. was sentenced. \"I let everybody down,\" Jackson said."),
            ["Jesse Jackson Jr."]
        );
        // A headline's "Challenge for Romney" is no fuller name for "Mr. Romney".
        assert_eq!(
            sources("A Challenge for Romney\n\nIt is hard, Mr. Romney said in a statement."),
            ["Romney"]
        );
    }

    #[test]
    fn a_body_speaks_for_its_members_and_an_outlet_by_its_name() {
        assert_eq!(
            sources("Members of the Security Council reiterated their call for a truce."),
            ["UN Security Council"]
        );
        assert_eq!(
            sources("The pro-government al-Watan newspaper said on Monday that troops advanced."),
            ["Al-Watan"]
        );
        assert_eq!(
            sources("AFPs reporter in Rashidin saw several bodies."),
            ["Agence France-Presse"]
        );
    }

    #[test]
    fn commas_lost_between_a_name_and_its_description_or_two_phrases() {
        assert_eq!(
            sources("Mustafa Sultan a local activist in the area confirmed the toll."),
            ["Mustafa Sultan"]
        );
        assert_eq!(
            sources("It ended a truce with disparate insurgent groups diplomats say."),
            ["diplomats"]
        );
        assert_eq!(
            sources("The British-based Syrian Obervatory for Human Rights said nine died."),
            ["Syrian Observatory for Human Rights"]
        );
    }

    #[test]
    fn a_person_named_after_a_body_speaks_for_it_or_for_themself() {
        // A body nothing knows: the person speaks for themself, and "he" is the person.
        assert_eq!(
            sources_and_speakers(
                "Pathologist at the Aleppo University Hashim told reporters the militants used \
                 gas. \"My house was also hit\" he said."
            ),
            [
                ("Hashim".to_string(), Some("Hashim".to_string())),
                ("Hashim".to_string(), None)
            ]
        );
        assert_eq!(
            body_then_person("Syrian Coalition Anas Alabdah"),
            Some(("Syrian Coalition".to_string(), "Anas Alabdah".to_string()))
        );
        // No person after the body, or a title: no split.
        assert_eq!(
            body_then_person("Syrian Observatory for Human Rights"),
            None
        );
        assert_eq!(body_then_person("Syrian Coalition President"), None);
    }

    #[test]
    fn what_a_source_would_not_say_is_still_theirs() {
        assert_eq!(
            sources("The opposition coordinators have confirmed the deaths on their pages."),
            ["opposition coordinators"]
        );
        assert_eq!(
            sources(
                "Nine died, the Syrian Observatory for Human Rights said. The monitor could not \
                 confirm the nature of the gas."
            ),
            [
                "Syrian Observatory for Human Rights",
                "Syrian Observatory for Human Rights"
            ]
        );
    }

    #[test]
    fn a_body_known_by_what_it_is_and_a_source_telling() {
        assert_eq!(
            sources("The global chemical arms watchdog said it was seriously concerned."),
            ["OPCW"]
        );
        assert_eq!(
            sources("Damascus refuted it, with a Syrian army source telling Sputnik it was false."),
            ["Syrian government forces", "Syrian army source"]
        );
    }

    #[test]
    fn a_person_with_an_office_of_a_body_after_a_comma_speaks_for_it() {
        assert_eq!(
            sources_and_speakers(
                "“It is sexist,” said Terry O'Neill, the president of the National Organization \
                 for Women."
            ),
            [(
                "National Organization for Women".to_string(),
                Some("Terry O'Neill".to_string())
            )]
        );
        // An aide to a person is the aide.
        assert_eq!(
            sources_and_speakers(
                "“We are sorry,” said Elizabeth Lauten, the communications director for Rep. \
                 Stephen Fincher."
            )[0]
            .0,
            "Elizabeth Lauten"
        );
    }

    #[test]
    fn a_surname_after_a_place_and_a_staff_named_by_its_kind() {
        let text = "The Russian General Staff said no jets flew. Col. Gen. Sergei Rudskoi said at a \
                    briefing the strike hit a depot. There was no aviation over the city of \
                    Khan-Shaikhoun Rudskoi said. We warn against such steps the general staff \
                    said.";
        assert_eq!(
            sources(text),
            [
                "Russian General Staff",
                "Sergei Rudskoi",
                "Sergei Rudskoi",
                "Russian General Staff"
            ]
        );
    }

    #[test]
    fn a_name_with_initials_before_a_hyphen_is_one_name() {
        assert_eq!(
            sources(
                "Dozens were wounded. The U.S.-led coalition which launched an air war against IS \
                 in Syria last September said it had carried out strikes."
            ),
            ["US-led coalition"]
        );
    }

    proptest::proptest! {
        /// Sentences made of the words the rules turn on, in any order and with any of the
        /// punctuation archives keep or lose: never a panic, every span inside the text, and
        /// every attribution naming a source.
        #[test]
        fn any_run_of_the_rules_words_reads_without_failing(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "the", "a", "The", "President", "president", "Barack", "Obama", "said",
                    "told", "they", "They", "he", "she", "it", "who", "which", "of", "for",
                    "Syrian", "Observatory", "Coalition", "Aleppo", "University", "Hashim",
                    "Jr.", "Mr.", "U.S.-led", "coalition", "center", "staff", "activists",
                    "in", "rural", "Idlib", "not", "could", "confirm", "pointed", "out",
                    "telling", "with", "like", ",", ".", "\u{201c}", "\u{201d}", "-",
                    "members", "AFPs", "reports", "claims", "watchdog", "chemical", "Rudskoi",
                    "Sergei", "Khan-Shaikhoun", "teams", "Civil", "defense", "anyone",
                    "(R-Ohio)", "(", ")", "an", "group", "issued", "statement", "continued",
                ]),
                0..40,
            )
        ) {
            let text = words.join(" ");
            for a in attributions(&text, &tokens(&text), &Lexicon::built_in()) {
                proptest::prop_assert!(a.start <= a.end && a.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(a.start) && text.is_char_boundary(a.end));
                proptest::prop_assert!(!a.source.trim().is_empty(), "{a:?} in {text:?}");
            }
        }
    }

    #[test]
    fn what_a_source_puts_out_and_goes_on_saying_is_theirs() {
        assert_eq!(
            sources("The FSAs special forces seventh division also issued a statement on it."),
            ["FSA special forces seventh division"]
        );
        assert_eq!(
            sources("The Example Wire ran a story about that cover."),
            ["Example Wire"]
        );
        assert_eq!(
            sources("“It is simple,” Ms. Roe continued. “Ask the question.”"),
            ["Roe"]
        );
        // Fighting that continued says nothing.
        assert!(sources("The fighting continued into the night.").is_empty());
    }

    #[test]
    fn a_body_then_its_description_without_commas_speaks() {
        let coalition = "Syrian National Coalition";
        assert_eq!(
            sources(
                "The Syrian Coalition an opposition group based outside the country said regime \
                 planes carried out the strike. It said the planes fired missiles."
            ),
            [coalition, coalition]
        );
        // A description after a lower-case word is no apposition.
        assert!(sources("The town an hour away said nothing.").is_empty());
    }

    #[test]
    fn a_short_aside_in_brackets_stands_between_a_name_and_its_verb() {
        assert_eq!(
            sources("House Speaker John Boehner (R-Ohio) admitted there is a chance."),
            ["John Boehner"]
        );
    }

    #[test]
    fn a_placed_speaker_and_another_both_speak() {
        assert_eq!(
            sources(
                "It was a double bombing but sources in the city and the Syrian Observatory for \
                 Human Rights said it was a truck."
            ),
            ["sources in the city", "Syrian Observatory for Human Rights"]
        );
    }

    #[test]
    fn they_are_the_group_named_just_before() {
        assert_eq!(
            sources(
                "The Syrian activists had no information on the agent used. They claimed the \
                 attack was an airstrike."
            ),
            ["Syrian activists"]
        );
        // Nothing plural of speakers before: no source.
        assert!(sources("The roads were closed. They claimed the town.").is_empty());
    }

    #[test]
    fn a_word_after_a_determiner_is_a_noun_not_a_verb() {
        assert!(sources("I have seen the reports about the use of sarin.").is_empty());
        assert!(sources("The scroll made a series of claims about the attack.").is_empty());
        // No one is a source, and "like" ends a speaker's phrase.
        assert!(sources("“Can anyone really say that with a straight face?”").is_empty());
        assert_eq!(
            sources(
                "Mr. Romney said in a statement, citing former Missouri senators like John Ashcroft."
            ),
            ["Romney", "former Missouri senators"]
        );
        assert!(sources("Still the claims could muddy the debate.").is_empty());
        assert_eq!(
            sources("Residents allege that the market was closed on Tuesday."),
            ["Residents"]
        );
    }

    #[test]
    fn two_word_verbs_count_and_halves_of_compounds_do_not() {
        assert_eq!(
            sources("The source pointed out that three other people were hurt."),
            ["source"]
        );
        assert!(sources("The group once ruled a self-declared caliphate.").is_empty());
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
    fn a_person_named_for_an_organisation_speaks_for_it_when_named_again() {
        let text = "Twelve died, the Syrian Observatory for Human Rights said. Observatory \
                    chief Rami Abdel Rahman told Meridian Wire the toll would rise. The strikes \
                    hit two clinics, Abdel Rahman said.";
        let found = attributions(text, &tokens(text), &Lexicon::built_in());
        let second = found
            .iter()
            .find(|a| a.start > text.find("clinics").unwrap_or_default())
            .expect("the last attribution");
        assert_eq!(second.source, "Syrian Observatory for Human Rights");
        assert_eq!(second.speaker.as_deref(), Some("Rami Abdel Rahman"));
    }

    #[test]
    fn a_ministry_with_its_country_beside_it_is_that_countrys() {
        assert_eq!(
            sources(
                "Forty fighters were killed, the defense ministry in Moscow said. The Turkish \
                 Foreign Ministry condemned the strike. The health ministry said 3 were hurt."
            ),
            [
                "Russian Ministry of Defence",
                "Turkish Ministry of Foreign Affairs",
                "health ministry"
            ]
        );
    }

    #[test]
    fn a_name_with_its_acronym_or_a_description_after_it_and_an_outlets_reporter_are_sources() {
        assert_eq!(
            sources(
                "The Syrian Observatory for Human Rights monitoring group said 9 died. The \
                 Organisation for the Prohibition of Chemical Weapons (OPCW) said it was \
                 concerned. The WHO said it was likely. SANA reporter in Aleppo said 6 civilians \
                 were killed. Moscow's Defense Ministry said the jets hit depots."
            ),
            [
                "Syrian Observatory for Human Rights",
                "OPCW",
                "World Health Organization",
                "Syrian Arab News Agency (SANA)",
                "Russian Defence Ministry"
            ]
        );
    }

    #[test]
    fn a_countrys_office_holder_speaks_as_themselves() {
        assert_eq!(
            sources(
                "In September US President Barack Obama announced his decision. French Foreign \
                 Minister Laurent Fabius said talks would go on. On 2 July IS said it held the town."
            ),
            ["Barack Obama", "Laurent Fabius", "Islamic State"]
        );
    }

    #[test]
    fn a_state_body_cited_without_its_country_is_the_reports_home_countrys() {
        let text = "State TV said two people were wounded. The army denied it. The state news \
                    agency said troops advanced. The foreign ministry said talks would go on. \
                    Civil defense teams said the toll rose.";
        let mut found = attributions(text, &tokens(text), &Lexicon::built_in());
        of_home_country(&mut found, &Lexicon::built_in(), Some("SY"));
        let sources: Vec<&str> = found.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(sources[0], "Syrian state television");
        assert_eq!(sources[2], "SANA");
        assert_eq!(sources[3], "Syrian foreign ministry");
        assert_eq!(sources[4], "Syria Civil Defence");
        let mut abroad = attributions(text, &tokens(text), &Lexicon::built_in());
        of_home_country(&mut abroad, &Lexicon::built_in(), None);
        assert_eq!(abroad[0].source, "State TV", "no home, no country");
    }

    #[test]
    fn he_is_the_person_introduced_nearest_before_not_a_name_in_a_quote() {
        let text = "“We will rebuild,” said Representative Karim Idris of Lakeview. \
                    Representative Salma J. Haddad, the committee's senior member, disagreed. \
                    “The Harbour Bridge Fund is empty,” she said. As a student, Judge Omar \
                    Nasser wrote on water rights. Nasser said the case would go on.";
        let found = attributions(text, &tokens(text), &Lexicon::built_in());
        let sources: Vec<&str> = found.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "Karim Idris",
                "Salma J. Haddad",
                "Omar Nasser",
                "Omar Nasser"
            ]
        );
    }

    #[test]
    fn a_person_head_of_an_organisation_and_one_quoted_as_saying_are_sources() {
        let text = "Fighting went on near the city, the Syrian Observatory for Human Rights said. \
                    Rami Abdul Rahman head of the monitor group said the army responded. Meridian \
                    Wire quoted the State Department as saying it was looking into the reports.";
        let found = attributions(text, &tokens(text), &Lexicon::built_in());
        let second = &found[1];
        assert_eq!(second.source, "Syrian Observatory for Human Rights");
        assert_eq!(second.speaker.as_deref(), Some("Rami Abdul Rahman"));
        let sources: Vec<&str> = found.iter().map(|a| a.source.as_str()).collect();
        assert!(sources.contains(&"US Department of State"), "{sources:?}");
        assert!(sources.contains(&"Meridian Wire"), "{sources:?}");
    }

    #[test]
    fn an_organisation_described_between_commas_and_one_which_denied_are_sources() {
        assert_eq!(
            sources(
                "The Syrian Coalition, an opposition group based outside the country, said the \
                 planes fired missiles. Many pointed at the Syrian Observatory for Human Rights \
                 which denied any part in the attack."
            ),
            [
                "Syrian National Coalition",
                "Syrian Observatory for Human Rights"
            ]
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
    fn a_person_speaking_for_an_organisation_is_the_organisations_source() {
        let text = "Ten died, Observatory chief Rami Abdel Rahman told AFP. The Syrian \
                    Observatory for Human Rights tracks the war.";
        let found = attributions(text, &tokens(text), &Lexicon::built_in());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].source, "Syrian Observatory for Human Rights");
        assert_eq!(found[0].speaker.as_deref(), Some("Rami Abdel Rahman"));
    }

    #[test]
    fn a_described_organisation_and_it_are_the_organisation_the_report_names() {
        assert_eq!(
            sources(
                "Nine died in the strike a monitor said. The Britain-based Syrian Observatory \
                 for Human Rights relies on sources on the ground. Later it said four more died."
            ),
            [
                "Syrian Observatory for Human Rights",
                "Syrian Observatory for Human Rights"
            ]
        );
    }

    #[test]
    fn a_text_without_commas_keeps_the_speaker_apart_from_what_comes_before() {
        // Some archives drop the commas: the phrase starts at its article, and a name does not
        // run back into lower-case words or days.
        assert_eq!(
            sources(
                "Strikes hit hospitals in Idlib on Thursday the Syrian Observatory for Human \
                 Rights said. The hospital was put out of service Abdel Rahman said. Officials \
                 on Friday said more would come."
            ),
            [
                "Syrian Observatory for Human Rights",
                "Abdel Rahman",
                "Officials"
            ]
        );
    }

    #[test]
    fn an_office_or_a_state_after_a_name_is_not_the_name() {
        let text = "French Foreign Minister Laurent Fabius said talks would go on. Representative \
                    Darrell Issa of California said so too.";
        let found = attributions(text, &tokens(text), &Lexicon::built_in());
        let speakers: Vec<Option<&str>> = found.iter().map(|a| a.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [Some("Laurent Fabius"), Some("Darrell Issa")],
            "{found:?}"
        );
    }

    fn sources_and_speakers(text: &str) -> Vec<(String, Option<String>)> {
        attributions(text, &tokens(text), &Lexicon::built_in())
            .into_iter()
            .map(|a| (a.source, a.speaker))
            .collect()
    }

    #[test]
    fn a_description_keeps_its_qualifiers_and_where_its_speaker_is() {
        assert_eq!(
            sources(
                "Shells hit the market. A senior Qadiri security source told Meridian Wire that \
                 nine died. A doctor living in Kafr Nasra said the clinic was full. Media \
                 activists from Tell Amar told the wire the roads were cut. The source said \
                 more shells fell. Another Qadiri source inside the depot told reporters it \
                 burned. Fires spread during a raid on the district of Kafr Nasra local \
                 residents have reported."
            ),
            [
                "senior Qadiri security source",
                "doctor living in Kafr Nasra",
                "Media activists from Tell Amar",
                "senior Qadiri security source",
                "Qadiri source inside the depot",
                "local residents"
            ]
        );
    }

    #[test]
    fn a_speaker_named_again_by_rank_or_kind_is_the_one_named_before() {
        assert_eq!(
            sources_and_speakers(
                "Former Deputy Chief of Staff Colonel Karim Nasser said the group had split. \
                 The colonel said it had lost support."
            ),
            [
                ("Karim Nasser".to_string(), Some("Karim Nasser".to_string())),
                ("Karim Nasser".to_string(), Some("Karim Nasser".to_string()))
            ]
        );
    }

    #[test]
    fn an_office_holder_speaks_for_the_body_before_the_office_or_the_one_named_last() {
        let found = sources_and_speakers(
            "Talks stalled. UN special envoy for Syria Lena Marsh said the attack was horrific. \
             The Meridian Relief Agency condemned the strike. Its spokesman Omar Haddad said \
             the convoy was hit. A spokesman for the Meridian Relief Agency said two drivers \
             died. The White House condemned the attack. Spokesman Idris Kamal said more would \
             follow.",
        );
        let named =
            |source: &str, speaker: Option<&str>| (source.to_string(), speaker.map(str::to_string));
        assert_eq!(found[0], named("United Nations", Some("Lena Marsh")));
        assert_eq!(
            found[2],
            named("Meridian Relief Agency", Some("Omar Haddad"))
        );
        assert_eq!(found[3], named("Meridian Relief Agency", None));
        assert_eq!(found[5], named("White House", Some("Idris Kamal")));
    }

    #[test]
    fn a_country_or_its_capital_speaking_is_its_government_a_place_after_a_preposition_none() {
        assert_eq!(
            sources(
                "Russia has said the gas leaked from a depot. The strike, which the United \
                 States says came from the air, killed nine. Damascus refuted the claims. An \
                 inquiry into abuses in Syria has previously said more. Russias military denied \
                 it. The Observatory relies on sources inside Syria and says it counts every \
                 death."
            ),
            [
                "Government of Russia",
                "United States government",
                "Syrian government forces",
                "Russian Defence Ministry"
            ]
        );
    }

    #[test]
    fn a_headline_names_its_source_at_its_end_or_before_a_colon() {
        assert_eq!(
            sources("Blast kills six in Aleppo Syrian state TV\nA blast hit the market.")
                .first()
                .map(String::as_str),
            Some("Syrian state television")
        );
        assert_eq!(
            sources(
                "Strike kills 15 in Idlib Monitor\nNine died, the Syrian Observatory for Human \
                 Rights said."
            ),
            [
                "Syrian Observatory for Human Rights",
                "Syrian Observatory for Human Rights"
            ]
        );
        assert_eq!(
            sources("Karim Idris: talks will go on\nThe talks resume today, Karim Idris said."),
            ["Karim Idris", "Karim Idris"]
        );
        assert_eq!(
            sources("Kafr Nasra: a week of shelling\nShells fell, witnesses said."),
            ["witnesses"]
        );
        assert_eq!(
            sources("Shells fell on the town, a military source told QNB.\nThe roads closed."),
            ["military source"]
        );
    }

    #[test]
    fn a_correspondent_who_saw_is_their_outlet_and_a_name_keeps_its_and() {
        let afp = crate::analysis::sources::Registry::built_in()
            .by_name("AFP")
            .map(|s| s.name.clone());
        assert_eq!(
            sources(
                "An AFP correspondent in the village saw three bodies. Meanwhile the National \
                 Coalition for Syrian Revolution and Opposition Forces said the attack killed \
                 more."
            ),
            [
                afp.unwrap_or_default(),
                // Whole, not cut at its "and": the lexicon knows it by its short name.
                "Syrian National Coalition".to_string()
            ]
        );
    }

    #[test]
    fn an_office_holder_after_the_verb_needs_no_article() {
        assert_eq!(
            sources_and_speakers(
                "Nine died, the Syrian Observatory for Human Rights said. Fighters are near the \
                 dam said observatory head Karim Saleh."
            )[1],
            (
                "Syrian Observatory for Human Rights".to_string(),
                Some("Karim Saleh".to_string())
            )
        );
    }

    #[test]
    fn a_witness_one_after_which_and_whose_statement_are_sources() {
        assert_eq!(
            sources(
                "The streets emptied a witness said. Fires spread in a district which locals \
                 have warned is unsafe. Ten died according to a statement released Saturday by \
                 the Tell Amar Relief Committee."
            ),
            ["witness", "locals", "Tell Amar Relief Committee"]
        );
    }

    #[test]
    fn a_title_before_a_name_qualifiers_joined_by_and_and_a_posted_picture() {
        assert_eq!(
            sources(
                "House Speaker Karim Idris admitted the vote was close. Local and media sources \
                 said the roads were cut. Video footage posted showed fires. Fighters posted \
                 images online."
            ),
            ["Karim Idris", "Local and media sources"]
        );
    }

    #[test]
    fn a_name_after_the_verb_ending_its_sentence_or_described_is_the_speaker() {
        assert_eq!(
            sources(
                "We will not leave said Karim Nasser a baker from Tell Amar. Federal prosecutors \
                 say Nasser, who left in May, owes taxes. Minister Omar Haddad arrived. This is \
                 a trap said Haddad whose party backs the plan."
            ),
            ["Karim Nasser", "Federal prosecutors", "Omar Haddad"]
        );
    }

    #[test]
    fn a_passive_report_has_no_source() {
        assert!(sources("Five people were reported killed and it is said to be worse.").is_empty());
    }
}
