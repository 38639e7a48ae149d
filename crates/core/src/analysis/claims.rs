//! Claims with numbers: "at least 19 civilians killed", "150-200 fighters", "dozens wounded",
//! "40 square kilometres captured". Each claim has the number (a range's two ends), what it
//! counts, who is counted as the text names them, the qualifier and its span in the text.
//!
//! Rules over tokens rather than a parser: the number's kind comes from the nearest word that
//! names an outcome (killed, wounded, captured, missing, displaced, destroyed) in the same
//! sentence, checked against the noun the number counts ("3 tanks" can be destroyed, not killed;
//! "20 rockets" are munitions whatever they did). Numbers that count nothing we know (dates,
//! times, ages, distances, money, percentages) are left out.

use serde::{Deserialize, Serialize};

use super::Token;
use super::numbers::{
    Role, is_month, is_unit, number_at, qualifier_before, role_of, word_distance,
};

/// What a claim counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Killed,
    Wounded,
    Captured,
    Missing,
    Displaced,
    Destroyed,
    Area,
    Forces,
    Munitions,
    People,
}

impl ClaimKind {
    /// Every kind, in the order tables list them.
    pub const ALL: [ClaimKind; 10] = [
        ClaimKind::Killed,
        ClaimKind::Wounded,
        ClaimKind::Captured,
        ClaimKind::Missing,
        ClaimKind::Displaced,
        ClaimKind::Destroyed,
        ClaimKind::Area,
        ClaimKind::Forces,
        ClaimKind::Munitions,
        ClaimKind::People,
    ];

    /// The word shown in tables: "killed", "destroyed", "area".
    pub fn label(self) -> &'static str {
        match self {
            ClaimKind::Killed => "killed",
            ClaimKind::Wounded => "wounded",
            ClaimKind::Captured => "captured",
            ClaimKind::Missing => "missing",
            ClaimKind::Displaced => "displaced",
            ClaimKind::Destroyed => "destroyed",
            ClaimKind::Area => "area",
            ClaimKind::Forces => "forces",
            ClaimKind::Munitions => "munitions",
            ClaimKind::People => "people",
        }
    }

    /// The kind named by a label, as `label` writes it.
    pub fn from_label(label: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.label() == label)
    }

    /// Casualty kinds: the ones a reader compares first across reports.
    pub fn is_casualty(self) -> bool {
        matches!(
            self,
            ClaimKind::Killed | ClaimKind::Wounded | ClaimKind::Captured | ClaimKind::Missing
        )
    }
}

/// A number a text claims, and what it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The value; a range's low end ("150-200" → 150); "dozens" → 24, "hundreds" → 200.
    pub number: u64,
    /// A range's high end.
    pub high: Option<u64>,
    /// "at least", "more than", "up to", "about", "nearly", "over", "fewer than", or the vague
    /// quantity itself ("dozens", "hundreds", "thousands").
    pub qualifier: Option<String>,
    /// Who or what is counted, as the text names it ("Russian soldiers", "civilians").
    pub who: Option<String>,
    /// Byte span of the qualifier, number and what it counts.
    pub start: usize,
    pub end: usize,
    /// Whether it counts one incident or a total over a period or a war.
    #[serde(default)]
    pub scope: Scope,
}

/// What a count covers: one incident ("the strike killed 12"), or a total over a period or a war
/// ("since 2011", "so far this year", "bringing the toll to"). A total is never an incident's
/// figure: linking and corroboration leave it out, Compare shows it as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Incident,
    Cumulative,
}

impl Claim {
    /// How the text bounds the number ("no more than 150-200" is at most 200).
    pub fn bound(&self) -> super::numbers::Bound {
        super::numbers::Bound::of(self.qualifier.as_deref())
    }
}

/// The part of a population a count is of, when it is one: "6 children" killed are not "6"
/// killed, and two reports giving "4 women" and "4 citizens" do not give the same figure. `None`
/// for a whole count ("19 people", "23 civilians", "22 soldiers"). Read from the last word of
/// what is counted.
pub fn part_counted(what: &str) -> Option<&'static str> {
    let last = what.split_whitespace().last()?.to_lowercase();
    Some(match last.as_str() {
        "children" | "child" | "infants" | "infant" | "boys" | "girls" | "minors" | "kids"
        | "детей" => "children",
        "women" | "woman" | "женщин" => "women",
        "men" | "man" | "мужчин" => "men",
        _ => return None,
    })
}

/// Who a count is of, as far as comparing two reports' figures needs: the part of a population
/// ("children", "women", "men"), "combatants" (soldiers, fighters, militants) or "civilians"
/// (civilians, residents, worshippers), or `None` when the words say neither ("19 people", or
/// nothing). "4 soldiers killed" and "4 civilians killed" are different figures.
pub fn population_counted(what: &str) -> Option<&'static str> {
    if let Some(part) = part_counted(what) {
        return Some(part);
    }
    let last = what.split_whitespace().last()?.to_lowercase();
    match noun_of(&last)? {
        Noun::Armed => Some("combatants"),
        Noun::Person => match last.as_str() {
            "civilians" | "civilian" | "residents" | "villagers" | "worshippers" | "students"
            | "pupils" | "workers" | "citizens" | "families" | "family" | "shoppers"
            | "passengers" | "patients" | "farmers" | "teachers" | "journalists" | "medics"
            | "doctors" | "nurses" | "inhabitants" | "мирных" | "жителей" => {
                Some("civilians")
            }
            _ => None,
        },
        _ => None,
    }
}

/// What a noun counted by a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Noun {
    /// Armed people: soldiers, fighters, militants.
    Armed,
    /// Other people: civilians, children, residents.
    Person,
    /// Things that can be destroyed: tanks, buildings.
    Object,
    /// Shells, rockets, air strikes.
    Munition,
    /// Square kilometres, hectares.
    Area,
    /// Towns, villages, districts: places hit or held are no count of the event.
    Place,
}

fn noun_of(word: &str) -> Option<Noun> {
    Some(match word {
        "soldiers"
        | "soldier"
        | "troops"
        | "fighters"
        | "fighter"
        | "militants"
        | "militant"
        | "gunmen"
        | "gunman"
        | "personnel"
        | "servicemen"
        | "serviceman"
        | "terrorists"
        | "terrorist"
        | "insurgents"
        | "insurgent"
        | "rebels"
        | "rebel"
        | "jihadists"
        | "jihadist"
        | "recruits"
        | "conscripts"
        | "mercenaries"
        | "guards"
        | "policemen"
        | "officers"
        | "officer"
        | "commanders"
        | "commander"
        | "militiamen"
        | "paratroopers"
        | "marines"
        | "pilots"
        | "troopers"
        | "combatants"
        | "attackers"
        | "extremists"
        | "военных"
        | "военнослужащих"
        | "боевиков"
        | "боевика"
        | "солдат" => Noun::Armed,
        "people" | "persons" | "person" | "civilians" | "civilian" | "children" | "child"
        | "women" | "woman" | "men" | "man" | "members" | "residents" | "villagers"
        | "worshippers" | "students" | "pupils" | "workers" | "others" | "citizens" | "family"
        | "families" | "staff" | "medics" | "doctors" | "journalists" | "hostages"
        | "prisoners" | "detainees" | "passengers" | "shoppers" | "infants" | "boys" | "girls"
        | "adults" | "volunteers" | "protesters" | "demonstrators" | "refugees" | "teachers"
        | "farmers" | "drivers" | "nurses" | "patients" | "individuals" | "inhabitants"
        | "heroes" | "martyrs" | "victims" | "mourners" | "survivors" | "wounded" | "activists"
        | "natives" | "evacuees" | "человек" | "мирных" | "жителей" | "детей" => {
            Noun::Person
        }
        "vehicles" | "vehicle" | "tanks" | "tank" | "trucks" | "truck" | "cars" | "car"
        | "buildings" | "building" | "homes" | "houses" | "house" | "shops" | "apartments"
        | "schools" | "hospitals" | "bridges" | "helicopters" | "jets" | "pickups" | "apcs"
        | "checkpoints" | "positions" | "launchers" | "depots" | "warehouses" | "boats"
        | "mosques" | "churches" | "bulldozers" | "artillery" | "howitzers" | "stalls" | "bmps"
        | "humvees" | "aircraft" | "планов" | "танков" | "единиц" | "зданий" => {
            Noun::Object
        }
        "shells" | "shell" | "rockets" | "rocket" | "missiles" | "missile" | "mortars"
        | "rounds" | "strikes" | "airstrikes" | "raids" | "raid" | "sorties" | "bombs"
        | "grenades" | "projectiles" | "munitions" | "drones" | "salvoes" | "salvos"
        | "barrels" | "attacks" | "ударов" | "ракет" | "снарядов" => {
            Noun::Munition
        }
        "km²" | "km2" | "hectares" | "acres" | "sq" | "square" | "км²" | "гектаров" => {
            Noun::Area
        }
        "towns" | "villages" | "cities" | "areas" | "neighbourhoods" | "neighborhoods"
        | "districts" | "provinces" | "regions" | "countries" | "fronts" | "sides" => Noun::Place,
        _ => return None,
    })
}

/// Outcome words beyond the casualty roles linking uses.
fn outcome_of(word: &str) -> Option<ClaimKind> {
    if let Some(role) = role_of(word) {
        return Some(match role {
            Role::Killed => ClaimKind::Killed,
            Role::Wounded => ClaimKind::Wounded,
            Role::Captured => ClaimKind::Captured,
        });
    }
    Some(match word {
        "missing" | "unaccounted" | "disappeared" | "пропали" | "пропавших" => {
            ClaimKind::Missing
        }
        "displaced"
        | "fled"
        | "flee"
        | "fleeing"
        | "evacuated"
        | "homeless"
        | "uprooted"
        | "refugees"
        | "evacuees"
        | "беженцев"
        | "эвакуированы" => ClaimKind::Displaced,
        "destroyed"
        | "destroy"
        | "destroys"
        | "destroying"
        | "damaged"
        | "damaging"
        | "razed"
        | "burned"
        | "burnt"
        | "flattened"
        | "demolished"
        | "уничтожены"
        | "уничтожили"
        | "разрушены" => ClaimKind::Destroyed,
        "seized" | "taken" | "surrendered" | "captives" | "пленных" => ClaimKind::Captured,
        "fatally" | "buried" | "eliminated" | "eliminating" | "neutralized" | "neutralised"
        | "neutralizing" | "neutralising" | "slain" | "perished" => ClaimKind::Killed,
        "recaptured" | "rearrested" | "apprehended" => ClaimKind::Captured,
        // "ISIS also lost 15 fighters": people lost are killed (things lost, destroyed).
        "lost" | "losing" => ClaimKind::Killed,
        _ => return None,
    })
}

/// A vague quantity word: its value and the word itself as qualifier.
fn vague_value(word: &str) -> Option<u64> {
    match word {
        "dozens" => Some(24),
        "hundreds" => Some(200),
        "thousands" => Some(2000),
        _ => None,
    }
}

/// The number at token `i`: (value, high end, tokens used, qualifier it implies).
fn quantity_at(
    text: &str,
    tokens: &[Token],
    i: usize,
) -> Option<(u64, Option<u64>, usize, Option<&'static str>)> {
    let word = tokens[i].folded.as_str();
    if let Some(v) = vague_value(word) {
        let q = match word {
            "dozens" => "dozens",
            "hundreds" => "hundreds",
            _ => "thousands",
        };
        return Some((v, None, 1, Some(q)));
    }
    // "a dozen", "a hundred"
    if word == "a"
        && let Some(next) = tokens.get(i + 1)
        && matches!(next.folded.as_str(), "dozen" | "hundred")
    {
        let v = if next.folded == "dozen" { 12 } else { 100 };
        return Some((v, None, 2, None));
    }
    let (value, used) = number_at(text, tokens, i)?;
    let value = u64::from(value);
    let last = i + used - 1;
    // A range: "150-200", "150 to 200", "between 20 and 30".
    let between = i > 0 && tokens[i - 1].folded == "between";
    if let Some(next) = tokens.get(last + 1) {
        let gap = text.get(tokens[last].end..next.start).unwrap_or("");
        let dash = matches!(gap.trim(), "-" | "–" | "—");
        let joined =
            (gap.trim().is_empty() && next.folded == "to") || (between && next.folded == "and");
        if dash && let Some((high, more)) = number_at(text, tokens, last + 1) {
            let high = u64::from(high);
            if high > value {
                return Some((value, Some(high), used + more, None));
            }
        }
        if joined
            && tokens.get(last + 2).is_some()
            && let Some((high, more)) = number_at(text, tokens, last + 2)
        {
            let high = u64::from(high);
            if high > value {
                return Some((value, Some(high), used + 1 + more, None));
            }
        }
    }
    Some((value, None, used, None))
}

/// Whether a number is not a count: a year, a time, an age, money, a percentage, a distance.
fn is_not_a_count(text: &str, tokens: &[Token], i: usize, last: usize, value: u64) -> bool {
    let t = &tokens[i];
    let next = tokens.get(last + 1).map_or("", |t| t.folded.as_str());
    let after_next = tokens.get(last + 2).map_or("", |t| t.folded.as_str());
    // The word before, in the same sentence ("... in October. 14 died" is no date).
    let prev = i
        .checked_sub(1)
        .filter(|_| !t.sentence_start)
        .map_or("", |p| tokens[p].folded.as_str());
    let before = text.get(..t.start).unwrap_or("");
    let after = text.get(tokens[last].end..).unwrap_or("");
    let year = t.folded.len() == 4 && (1900..=2100).contains(&value);
    let time = before.ends_with(':')
        || after.starts_with(':')
        || (matches!(next, "p" | "a") && after_next == "m")
        || next == "oclock";
    let money = before.trim_end().ends_with(['$', '€', '£'])
        || matches!(
            next,
            "dollars" | "euros" | "pounds" | "million" | "billion" | "usd" | "eur"
        );
    let percent = after.trim_start().starts_with('%') || next == "percent" || next == "per";
    let age = next == "year" && after_next == "old";
    let area = next == "square" || noun_of(next) == Some(Noun::Area);
    // "470,000 may have died": the verb, not the month.
    let modal_may = next == "may"
        && matches!(
            after_next,
            "have" | "be" | "not" | "also" | "still" | "never" | "well" | "die" | "rise"
        );
    year || time
        || money
        || percent
        || age
        || (is_unit(next) && !area)
        || (is_month(next) && !modal_may)
        || is_month(prev)
        || matches!(
            prev,
            "no" | "number" | "resolution" | "route" | "highway" | "page"
        )
        || value > 10_000_000
}

/// The words after a number that name what it counts ("Russian soldiers", "pro-government
/// forces"): up to four words joined by spaces or hyphens, ending at the first word that cannot
/// be part of a noun phrase. Returns the index of the last word and its noun class.
fn counted_phrase(text: &str, tokens: &[Token], from: usize) -> Option<(usize, Noun)> {
    // "four of their vehicles", "dozens of terrorists", "13 of them": the noun after "of".
    if tokens.get(from).is_some_and(|t| t.folded == "of") {
        let mut at = from + 1;
        if tokens.get(at).is_some_and(|t| {
            matches!(
                t.folded.as_str(),
                "the" | "their" | "its" | "his" | "our" | "them" | "whom" | "those"
            )
        }) {
            at += 1;
        }
        return counted_phrase(text, tokens, at).filter(|_| at > from);
    }
    let mut best = None;
    for j in from..(from + 4).min(tokens.len()) {
        let t = &tokens[j];
        if j > from {
            let gap = text.get(tokens[j - 1].end..t.start).unwrap_or("");
            if !gap.chars().all(|c| c == ' ' || c == '-') || t.sentence_start {
                break;
            }
        }
        if let Some(noun) = noun_of(&t.folded) {
            best = Some((j, noun));
            // "square kilometres": the unit continues the phrase.
            if noun != Noun::Area {
                break;
            }
            continue;
        }
        if best.is_some()
            || super::terms::is_stopword(&t.folded)
            || outcome_of(&t.folded).is_some()
            || t.folded.chars().all(|c| c.is_ascii_digit())
            || super::numbers::word_value(&t.folded).is_some()
            || matches!(
                t.folded.as_str(),
                "more" | "of" | "in" | "on" | "at" | "were"
            )
        {
            break;
        }
    }
    // "square kilometres", "square miles": the unit word ends the phrase.
    if let Some((j, Noun::Area)) = best
        && tokens[j].folded == "square"
        && tokens.get(j + 1).is_some()
    {
        return Some((j + 1, Noun::Area));
    }
    best
}

/// The kind a list announces for its items: "the dead are:" followed by "- eleven SDF
/// fighters", "- Children: 6". `Some` when token `at` is on a bulleted line under a line that
/// ends in a colon and names an outcome.
fn list_kind(text: &str, tokens: &[Token], at: usize) -> Option<ClaimKind> {
    let line_start = text[..tokens[at].start].rfind('\n').map_or(0, |i| i + 1);
    let lead = text[line_start..tokens[at].start].trim_start();
    if !lead.starts_with(['-', '*', '•', '–']) {
        return None;
    }
    // The announcing line: the nearest line above that is not itself a list item.
    let mut end = line_start.checked_sub(1)?;
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim();
        let bulleted = line.starts_with(['-', '*', '•', '–']);
        if !line.is_empty() && !bulleted {
            if !line.ends_with(':') {
                return None;
            }
            return tokens
                .iter()
                .filter(|t| t.start >= start && t.end <= end)
                .find_map(|t| outcome_of(&t.folded));
        }
        end = start.checked_sub(1)?;
    }
}

/// The claims with numbers in a text, in order, each with its scope (see [`Scope`]).
pub fn claims(text: &str, tokens: &[Token]) -> Vec<Claim> {
    let (mut out, readings) = counts(text, tokens);
    mark_totals(text, tokens, &mut out);
    // "865 people killed since the strikes began, including 50 civilians": a total's parts are
    // totals too.
    for k in 1..out.len() {
        if readings[k].part_of_last && out[k - 1].scope == Scope::Cumulative {
            out[k].scope = Scope::Cumulative;
        }
    }
    out
}

/// Words that make the count they stand by a total, each read as a run of folded words; those
/// marked `true` bound the count that follows them ("bringing the toll to 300"), the others the
/// nearest count in their sentence either way ("400 so far", "since 2011, 400,000").
const TOTAL_CUES: &[(&str, bool)] = &[
    ("bringing the", true),
    ("brings the", true),
    ("bringing its", true),
    ("raising the", true),
    ("raises the", true),
    ("in total", false),
    ("until now", false),
    ("up to now", false),
    ("thus far", false),
    ("so far", false),
    ("to date", false),
    ("overall", false),
    ("altogether", false),
    ("cumulative", false),
    ("this year", false),
    ("this month", false),
    ("last year", false),
    ("last month", false),
    ("past year", false),
    ("past month", false),
    ("past months", false),
    ("past years", false),
    ("recent months", false),
    ("recent weeks", false),
    ("recent years", false),
    ("final months", false),
    ("last months", false),
    ("past weeks", false),
    ("over the past", false),
    ("during the past", false),
    ("in the past", false),
    ("every day", false),
    ("each day", false),
    ("per day", false),
    ("a day", false),
    ("daily", false),
    ("a month", false),
    ("per month", false),
    ("each month", false),
    ("monthly", false),
    ("a year", false),
    ("annually", false),
    ("since the start", false),
    ("since the beginning", false),
    ("since the outbreak", false),
    ("since the war", false),
    ("since the conflict", false),
    ("since the uprising", false),
    ("since the revolution", false),
    ("war has", false),
    ("war that has", false),
    ("war which has", false),
    ("conflict has", false),
    ("conflict that has", false),
    ("conflict which has", false),
    ("war has killed", false),
    ("month war", false),
    ("day war", false),
    ("year war", false),
    ("years of war", false),
    ("year conflict", false),
    ("years of conflict", false),
    ("home to", false),
    ("wars", false),
    ("au total", false),
    ("depuis le debut", false),
    ("en total", false),
    ("desde el inicio", false),
    ("с начала", false),
    ("за год", false),
    ("منذ بداية", false),
];

/// [`TOTAL_CUES`] as words, by their first word.
type CueIndex = std::collections::HashMap<&'static str, Vec<(Vec<&'static str>, bool)>>;
static CUES_BY_FIRST_WORD: std::sync::LazyLock<CueIndex> = std::sync::LazyLock::new(|| {
    let mut by_first = CueIndex::new();
    for (cue, forward) in TOTAL_CUES {
        let words: Vec<&str> = cue.split(' ').collect();
        if let Some(first) = words.first() {
            by_first.entry(first).or_default().push((words, *forward));
        }
    }
    by_first
});

/// Words that make a count near them a total: where they start, how many tokens they span (the
/// numbers among them, "since 2011", count nothing), and which counts they may mark.
#[derive(Debug, Clone, Copy)]
struct Cue {
    at: usize,
    len: usize,
    reach: Reach,
}

/// Which counts a cue of a total may mark: the nearest either side, the next one, or the
/// nearest before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Either,
    Following,
    Preceding,
}

/// Whether a token is a year ("2014").
fn is_year(t: Option<&Token>) -> bool {
    t.is_some_and(|t| {
        t.folded.len() == 4
            && t.folded
                .parse::<u32>()
                .is_ok_and(|y| (1900..=2100).contains(&y))
    })
}

/// "since 2011", "since March" at token `i`: a period that began before the incident.
fn since_cue(tokens: &[Token], i: usize, cues: &mut Vec<Cue>) {
    let period =
        tokens.get(i + 1).is_some_and(|t| is_month(&t.folded)) || is_year(tokens.get(i + 1));
    if period {
        cues.push(Cue {
            at: i,
            len: 2,
            reach: Reach::Either,
        });
    }
}

/// A period named by its dates at token `i`: years ("in 2014 and 2015", "between 2012 and
/// 2014", "from 2013 to 2015") or a month without its day ("killed in August", "in August
/// 2016"), which bounds the counts before it; "on 12 August", "in August 12" are days.
fn period_cue(tokens: &[Token], i: usize, cues: &mut Vec<Cue>) {
    if !matches!(
        tokens[i].folded.as_str(),
        "in" | "during" | "throughout" | "between" | "from"
    ) {
        return;
    }
    let years = is_year(tokens.get(i + 1))
        && (is_year(tokens.get(i + 2))
            || (tokens
                .get(i + 2)
                .is_some_and(|t| matches!(t.folded.as_str(), "and" | "to"))
                && is_year(tokens.get(i + 3))));
    if years {
        cues.push(Cue {
            at: i,
            len: 4,
            reach: Reach::Either,
        });
        return;
    }
    let month = tokens
        .get(i + 1)
        .is_some_and(|t| is_month(&t.folded) && t.folded != "may" && t.folded.len() > 3);
    let day_after = tokens
        .get(i + 2)
        .is_some_and(|t| t.folded.len() <= 2 && t.folded.chars().all(|c| c.is_ascii_digit()));
    if month && !day_after && matches!(tokens[i].folded.as_str(), "in" | "during" | "throughout") {
        cues.push(Cue {
            at: i,
            len: 2 + usize::from(is_year(tokens.get(i + 2))),
            reach: Reach::Preceding,
        });
    }
}

/// Whether the words of a sentence before token `n` name one event ("a suicide blast killed six
/// in April"): its count is that event's, whatever month it is dated by.
fn one_event_before(tokens: &[Token], sentence: usize, n: usize) -> bool {
    (sentence..n).any(|j| {
        matches!(tokens[j].folded.as_str(), "a" | "an")
            && tokens[j + 1..(j + 4).min(n)].iter().any(|t| {
                matches!(
                    t.folded.as_str(),
                    "blast"
                        | "bombing"
                        | "bomb"
                        | "attack"
                        | "strike"
                        | "airstrike"
                        | "raid"
                        | "explosion"
                        | "ambush"
                        | "bomber"
                        | "shelling"
                        | "massacre"
                )
            })
    })
}

/// Killed or wounded counts this large are a war's or a period's, not an incident's.
const WAR_SIZED: u64 = 10_000;

/// Marks the claims that are totals over a period or a war (see [`Scope`]): by a cue in their
/// sentence (the nearest count to it, or the next one after a forward cue), "since" and a year or
/// a month, or a size no incident has.
fn mark_totals(text: &str, tokens: &[Token], claims: &mut [Claim]) {
    if claims.is_empty() {
        return;
    }
    // Every number of the text, claim or not: a cue is the nearest number's, and marks it only
    // when that number is a claim's ("this month" by a date's number marks nothing).
    let mut numbers = Vec::new();
    // The numbers that give a period's length ("over the past three days", "24 hours"): they
    // count no one, and a cue beside them marks the count it reaches past them.
    let mut lengths = Vec::new();
    let mut j = 0;
    while j < tokens.len() {
        match number_at(text, tokens, j) {
            Some((_, used)) => {
                numbers.push(j);
                if tokens
                    .get(j + used)
                    .is_some_and(|t| is_time_unit(&t.folded))
                {
                    lengths.push(j);
                }
                j += used;
            }
            None => j += 1,
        }
    }
    let token_at = |byte: usize| tokens.partition_point(|t| t.start < byte);
    // Each claim's number as a token index: the first number at or after its start, within it.
    let at: Vec<usize> = claims
        .iter()
        .map(|c| {
            let from = token_at(c.start);
            let first = numbers.partition_point(|&n| n < from);
            numbers
                .get(first)
                .copied()
                .filter(|&n| tokens[n].start < c.end)
                .unwrap_or_else(|| token_at(c.end))
        })
        .collect();
    let mut sentences = Vec::with_capacity(tokens.len());
    let mut current = 0;
    for (j, t) in tokens.iter().enumerate() {
        if t.sentence_start {
            current = j;
        }
        sentences.push(current);
    }
    let sentence_of = |i: usize| sentences.get(i).copied().unwrap_or(0);
    let mut cues: Vec<Cue> = Vec::new();
    for i in 0..tokens.len() {
        if tokens[i].folded == "since" {
            since_cue(tokens, i, &mut cues);
        }
        period_cue(tokens, i, &mut cues);
        length_cue(text, tokens, i, &mut cues);
        several_events_cue(tokens, i, &mut cues);
        let Some(starting) = CUES_BY_FIRST_WORD.get(tokens[i].folded.as_str()) else {
            continue;
        };
        for (words, forward) in starting {
            // "a year ago", "a day after the strike": a moment, not a period.
            let a_moment = words.len() == 2
                && words[0] == "a"
                && tokens.get(i + 2).is_some_and(|t| {
                    matches!(
                        t.folded.as_str(),
                        "ago" | "after" | "before" | "earlier" | "later"
                    )
                });
            if !a_moment
                && tokens
                    .get(i..i + words.len())
                    .is_some_and(|run| run.iter().zip(words).all(|(t, w)| t.folded == *w))
                // "over the past 24 hours": a day's report (asked only of a cue's words).
                && !a_day_at(text, tokens, i + words.len())
            {
                cues.push(Cue {
                    at: i,
                    len: words.len(),
                    reach: if *forward {
                        Reach::Following
                    } else {
                        Reach::Either
                    },
                });
                break;
            }
        }
    }
    for Cue {
        at: cue,
        len,
        reach,
    } in cues
    {
        let sentence = sentence_of(cue);
        // "the deadliest since January, when a strike killed 11": a clause of its own between
        // the cue and the number tells of another moment.
        let clause_between = |n: usize| {
            let (lo, hi) = (cue.min(n), cue.max(n));
            tokens[lo + 1..hi].iter().any(|t| {
                matches!(
                    t.folded.as_str(),
                    "when" | "where" | "after" | "which" | "who" | "before"
                )
            })
        };
        // A cue after its number is in the number's clause: "killed 400 since 2011", not "12
        // were killed, the deadliest since January".
        let comma_between = |n: usize| {
            n < cue
                && text
                    .get(tokens[n].end..tokens[cue].start)
                    .is_some_and(|gap| gap.contains([',', ';']))
        };
        let nearest = numbers
            .iter()
            .copied()
            .filter(|&n| {
                sentence_of(n) == sentence
                    && !(cue..cue + len).contains(&n)
                    && match reach {
                        Reach::Either => true,
                        Reach::Following => n > cue,
                        Reach::Preceding => n < cue && !one_event_before(tokens, sentence, n),
                    }
            })
            // "Syria's 30-month war", "over the past three days": the number of the period's
            // own length counts nothing.
            .filter(|&n| !(n + 1 == cue && is_unit(&tokens[cue].folded)))
            .filter(|n| lengths.binary_search(n).is_err())
            // "the Six-Day War of 1967": the period's year is the cue's.
            .filter(|&n| {
                !(n == cue + len + 1
                    && matches!(word_before_number(tokens, n), "of" | "in")
                    && is_year(tokens.get(n)))
            })
            .filter(|&n| !clause_between(n) && !comma_between(n))
            .min_by_key(|&n| n.abs_diff(cue));
        if let Some(k) = nearest.and_then(|n| at.iter().position(|&a| a == n)) {
            claims[k].scope = Scope::Cumulative;
            // "killed at least nine civilians and injured 200 during the final months": the
            // counts joined to the one a cue marks are of the same period.
            for (from, step) in [(k, 1_isize), (k, -1)] {
                let mut k = from;
                while let Some(next) = k.checked_add_signed(step).filter(|&n| n < claims.len()) {
                    let (a, b) = (k.min(next), k.max(next));
                    if !joined(text, tokens, &claims[a], &claims[b]) {
                        break;
                    }
                    claims[next].scope = Scope::Cumulative;
                    k = next;
                }
            }
        }
    }
    for k in 0..claims.len() {
        let c = &claims[k];
        let war_sized =
            matches!(c.kind, ClaimKind::Killed | ClaimKind::Wounded) && c.number >= WAR_SIZED;
        if war_sized || standing(tokens, c, at[k]) {
            claims[k].scope = Scope::Cumulative;
        }
    }
}

/// Words of time that a number before them makes a period's length ("three days").
fn is_time_unit(word: &str) -> bool {
    matches!(
        word,
        "hours"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "hour"
            | "day"
            | "week"
            | "month"
            | "year"
    )
}

/// A day's length at token `k` ("24 hours", "48 hours", "one day"): the period a day's
/// report covers, which makes no total ("killed in strikes over the past 24 hours").
fn a_day_at(text: &str, tokens: &[Token], k: usize) -> bool {
    k < tokens.len()
        && number_at(text, tokens, k).is_some_and(|(value, used)| {
            tokens
                .get(k + used)
                .is_some_and(|t| match t.folded.as_str() {
                    "hours" | "hour" => value <= 48,
                    "day" | "days" => value <= 1,
                    _ => false,
                })
        })
}

/// "in the last three days", "over the past two weeks", at token `i` ("last" or "past"): a
/// period, whose length counts no one. A day's ("the past 24 hours") is not.
fn length_cue(text: &str, tokens: &[Token], i: usize, cues: &mut Vec<Cue>) {
    if !matches!(tokens[i].folded.as_str(), "last" | "past") || a_day_at(text, tokens, i + 1) {
        return;
    }
    let Some((_, used)) = tokens
        .get(i + 1)
        .and_then(|_| number_at(text, tokens, i + 1))
    else {
        return;
    };
    if tokens
        .get(i + 1 + used)
        .is_some_and(|t| is_time_unit(&t.folded))
    {
        cues.push(Cue {
            at: i,
            len: used + 2,
            reach: Reach::Either,
        });
    }
}

/// Strikes "across" a province or "on various areas", at token `i`: the count beside them is
/// of several events, not one.
fn several_events_cue(tokens: &[Token], i: usize, cues: &mut Vec<Cue>) {
    if !matches!(
        tokens[i].folded.as_str(),
        "strikes"
            | "airstrikes"
            | "raids"
            | "attacks"
            | "bombardments"
            | "bombings"
            | "shellings"
            | "explosions"
            | "blasts"
    ) {
        return;
    }
    let word = |k: usize| tokens.get(k).map_or("", |t| t.folded.as_str());
    let across = word(i + 1) == "across";
    let various = matches!(word(i + 1), "on" | "in" | "against")
        && matches!(
            word(i + 2),
            "various" | "several" | "multiple" | "different" | "separate" | "other"
        );
    if across || various {
        cues.push(Cue {
            at: i,
            len: 1,
            reach: Reach::Either,
        });
    }
}

/// Whether two claims of one sentence are joined as counts of one event ("killed nine and
/// injured 200", "23 journalists … as well as the death of at least 58", "nine people including
/// five children"): a few words with a conjunction and no clause or stop between them, and both
/// counts of people harmed.
fn joined(text: &str, tokens: &[Token], a: &Claim, b: &Claim) -> bool {
    let harmed = |c: &Claim| {
        matches!(
            c.kind,
            ClaimKind::Killed | ClaimKind::Wounded | ClaimKind::Captured | ClaimKind::Missing
        )
    };
    if !harmed(a) || !harmed(b) || a.end > b.start {
        return false;
    }
    let Some(gap) = text.get(a.end..b.start) else {
        return false;
    };
    if gap.contains(['.', ';', ',', ':', '\n', '(', '"', '“']) {
        return false;
    }
    let from = tokens.partition_point(|t| t.start < a.end);
    let to = tokens.partition_point(|t| t.start < b.start);
    let words = &tokens[from..to];
    words.len() <= 8
        && !words.iter().any(|t| t.sentence_start)
        && words
            .iter()
            .any(|t| matches!(t.folded.as_str(), "and" | "including" | "plus" | "well"))
        && !words.iter().any(|t| {
            matches!(
                t.folded.as_str(),
                "when" | "where" | "after" | "which" | "who" | "before" | "while" | "but" | "said"
            )
        })
}

/// A standing number rather than an event's: a force a group "commands", "has" or "numbers"
/// ("which command some 90000 fighters"), or land that "is under" someone's control ("510
/// square kilometres of the Golan are under Syrian control").
fn standing(tokens: &[Token], c: &Claim, number: usize) -> bool {
    match c.kind {
        ClaimKind::Forces => {
            let mut k = number;
            while k > 0 {
                k -= 1;
                let w = tokens[k].folded.as_str();
                if matches!(
                    w,
                    "some"
                        | "about"
                        | "around"
                        | "nearly"
                        | "over"
                        | "than"
                        | "more"
                        | "least"
                        | "at"
                        | "an"
                        | "estimated"
                        | "up"
                        | "to"
                        | "roughly"
                        | "approximately"
                ) {
                    continue;
                }
                return matches!(
                    w,
                    "command"
                        | "commands"
                        | "numbers"
                        | "numbering"
                        | "boasts"
                        | "comprises"
                        | "fields"
                        | "has"
                        | "have"
                );
            }
            false
        }
        ClaimKind::Area => {
            let after = tokens.partition_point(|t| t.start < c.end);
            let sentence_end = tokens[after..]
                .iter()
                .position(|t| t.sentence_start)
                .map_or(tokens.len(), |p| after + p);
            let words = &tokens[after..sentence_end.min(after + 10)];
            words.windows(2).any(|w| {
                matches!(w[0].folded.as_str(), "are" | "is" | "remain" | "remains")
                    && w[1].folded == "under"
            })
        }
        _ => false,
    }
}

/// The folded word before token `at`, or "".
fn word_before_number(tokens: &[Token], at: usize) -> &str {
    at.checked_sub(1)
        .and_then(|i| tokens.get(i))
        .map_or("", |t| t.folded.as_str())
}

/// Whether a count of `noun` can have the outcome `kind`: "3 tanks" can be destroyed, not
/// killed; people are not destroyed (people destroyed are read as killed before this is asked).
fn fits(noun: Option<Noun>, kind: ClaimKind) -> bool {
    match noun {
        Some(Noun::Object) => matches!(kind, ClaimKind::Destroyed | ClaimKind::Captured),
        Some(Noun::Armed | Noun::Person) | None => kind != ClaimKind::Destroyed,
        Some(Noun::Munition | Noun::Area | Noun::Place) => false,
    }
}

/// Forms of "to be" and "to have", and modals, that make the verb after them a passive or a
/// perfect ("were killed", "may have died").
fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "were"
            | "was"
            | "have"
            | "has"
            | "had"
            | "been"
            | "being"
            | "are"
            | "is"
            | "be"
            | "may"
            | "might"
            | "could"
            | "would"
            | "will"
    )
}

/// An adverb that may stand between an auxiliary and its verb ("were also killed", "have
/// reportedly been wounded"); not a negation.
fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "also" | "all" | "both" | "later" | "then" | "each" | "since" | "just" | "now"
    ) || (word.len() > 4 && word.ends_with("ly") && noun_of(word).is_none())
}

/// Whether the word at `j` follows an auxiliary, across adverbs: "were killed", "were also
/// killed", "have reportedly been wounded".
fn after_auxiliary(tokens: &[Token], floor: usize, j: usize) -> bool {
    (floor..j)
        .rev()
        .map(|k| tokens[k].folded.as_str())
        .find(|w| !is_adverb(w))
        .is_some_and(is_auxiliary)
}

/// How a count's kind was read, for the counts that share a verb with the next one.
#[derive(Clone, Copy)]
struct Reading {
    noun: Option<Noun>,
    /// The kind is the outcome a verb after the count names ("60 fighters were killed").
    verb_after: bool,
    /// A part of the count before it: "including 50 civilians", "among them six children".
    part_of_last: bool,
}

/// Whether the words between two counts join them as parts of one subject: "120 fighters and
/// 60 mercenaries were killed", "80 fighters including nine foreigners were killed", "six
/// civilians including a young girl and two children died". A few words that open with a
/// conjunction or "including", with no verb or clause among them.
fn joins_counts(gap: &str) -> bool {
    let words: Vec<String> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(super::fold_word)
        .collect();
    // The first count's noun may run on past the word read as its noun ("rebel fighters").
    let Some(opening) = words.iter().position(|w| {
        matches!(
            w.as_str(),
            "and" | "or" | "including" | "incl" | "among" | "mostly" | "mainly" | "plus" | "as"
        )
    }) else {
        return false;
    };
    let opens = words[..opening]
        .iter()
        .all(|w| matches!(noun_of(w), Some(Noun::Armed | Noun::Person)));
    let no_verb = words.iter().skip(opening + 1).all(|w| {
        !is_auxiliary(w)
            && outcome_of(w).is_none()
            && !w.ends_with("ed")
            && !w.ends_with("ing")
            && !matches!(
                w.as_str(),
                "who" | "which" | "that" | "when" | "where" | "after" | "while" | "but" | "said"
            )
    });
    opens && no_verb && words.len() <= 6
}

/// "Some 120 fighters and 60 mercenaries were killed": a count whose kind only its noun gave
/// (forces, people) takes the kind of the count joined to it when a verb after that one gives
/// it, and the kind fits its noun. From the last count back, so that a list of three shares
/// its verb.
fn share_verbs(text: &str, tokens: &[Token], out: &mut [Claim], readings: &mut [Reading]) {
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (next, reading) = (out[k + 1].kind, readings[k + 1]);
        if !matches!(out[k].kind, ClaimKind::Forces | ClaimKind::People)
            || !reading.verb_after
            || !fits(readings[k].noun, next)
        {
            continue;
        }
        let Some(gap) = text.get(out[k].end..out[k + 1].start) else {
            continue;
        };
        let between = tokens.partition_point(|t| t.start < out[k].end)
            ..tokens.partition_point(|t| t.start <= out[k + 1].start);
        let same_sentence = !tokens[between].iter().any(|t| t.sentence_start);
        if same_sentence && joins_counts(gap) {
            out[k].kind = next;
            readings[k].verb_after = true;
        }
    }
}

/// "Three civilians, including a boy, died when…", "13 fighters from the six villages were
/// among the dead": the sentence's verb, further on from token `from`, when it says what
/// happened to them (not "killing", whose object comes after it). It stops at a clause's end and
/// at another count, but not at one the words before make a reference ("the six villages") nor,
/// after "were among", at the count the dead are part of ("were among at least 22 killed").
fn verb_further_on(
    text: &str,
    tokens: &[Token],
    from: usize,
    sentence_end: usize,
    outcome: impl Fn(&str) -> Option<ClaimKind>,
) -> Option<ClaimKind> {
    let mut among = false;
    for j in from..sentence_end {
        let clause_ends = text
            .get(tokens[j - 1].end..tokens[j].start)
            .is_some_and(|gap| gap.contains([';', ':']));
        if clause_ends {
            return None;
        }
        let w = tokens[j].folded.as_str();
        let prev = tokens[j - 1].folded.as_str();
        let another_count = quantity_at(text, tokens, j).is_some()
            && tokens.get(j + 1).is_none_or(|t| t.folded != "year");
        let reference = matches!(prev, "the" | "these" | "those" | "its" | "their");
        if another_count && !among && !reference {
            return None;
        }
        if w == "among" && after_auxiliary(tokens, from, j) {
            among = true;
            continue;
        }
        let intransitive = matches!(w, "died" | "perished" | "dead" | "missing");
        if let Some(k) = outcome(w)
            && (intransitive || among || after_auxiliary(tokens, from, j))
        {
            return Some(k);
        }
    }
    None
}

/// The counts of a text, in order, as incidents' (`claims` marks the totals).
fn counts(text: &str, tokens: &[Token]) -> (Vec<Claim>, Vec<Reading>) {
    let mut out: Vec<Claim> = Vec::new();
    let mut readings: Vec<Reading> = Vec::new();
    let mut sentence = 0;
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].sentence_start {
            sentence = i;
        }
        let Some((number, high, used, vague)) = quantity_at(text, tokens, i) else {
            i += 1;
            continue;
        };
        let last = i + used - 1;
        if vague.is_none() && is_not_a_count(text, tokens, i, last, number) {
            i += used;
            continue;
        }
        let sentence_end = (last + 1..tokens.len())
            .find(|&j| tokens[j].sentence_start)
            .unwrap_or(tokens.len());
        let counted = counted_phrase(text, tokens, last + 1);
        let noun = counted.map(|(_, n)| n);

        let qualifier = qualifier_before(tokens, i).map(|q| match q.as_str() {
            "around" | "some" | "approximately" | "roughly" => "about".to_string(),
            "almost" => "nearly".to_string(),
            _ => q,
        });
        let skipped = qualifier.as_deref().map_or(0, |q| q.split(' ').count());
        let first = i - skipped.min(i);

        // The nearest outcome word in the sentence: up to six words after, or three before (not
        // counting the qualifier); a word across "and" or a comma is further away.
        let distance = |from: usize, to: usize| word_distance(text, tokens, from, to);
        let fits = |kind: ClaimKind| fits(noun, kind);
        // "Destroyed more than 50 terrorists": people destroyed are killed; tanks lost, destroyed.
        let outcome_of = |word: &str| {
            outcome_of(word).map(|k| match (k, noun) {
                (ClaimKind::Destroyed, Some(Noun::Armed | Noun::Person)) => ClaimKind::Killed,
                (ClaimKind::Killed, Some(Noun::Object)) if matches!(word, "lost" | "losing") => {
                    ClaimKind::Destroyed
                }
                _ => k,
            })
        };
        // The clause ends at a semicolon or colon.
        let clause_end = (last + 1..sentence_end)
            .find(|&j| {
                text.get(tokens[j - 1].end..tokens[j].start)
                    .is_some_and(|gap| gap.contains([';', ':']))
            })
            .unwrap_or(sentence_end);
        // Each outcome found with its distance and whether it stands after the number.
        let after = (last + 1..(last + 9).min(clause_end)).find_map(|j| {
            outcome_of(&tokens[j].folded)
                .filter(|k| fits(*k))
                .map(|k| (distance(last, j), k, true))
        });
        let before = (first.saturating_sub(3).max(sentence)..first)
            .rev()
            .find_map(|j| {
                outcome_of(&tokens[j].folded)
                    .filter(|k| fits(*k))
                    .map(|k| (distance(j, i).saturating_sub(skipped), k, false))
            });
        // "the toll this month rose to 300", "put the toll at 23", "the toll of the bombing hits
        // 43": a toll named further back.
        let toll = || {
            matches!(
                word_before_number(tokens, first),
                "to" | "at"
                    | "hits"
                    | "hit"
                    | "reaches"
                    | "reached"
                    | "tops"
                    | "topped"
                    | "exceeds"
                    | "exceeded"
                    | "passes"
                    | "passed"
                    | "surpasses"
                    | "surpassed"
            )
            .then(|| {
                (first.saturating_sub(9).max(sentence)..first)
                    .rev()
                    .find(|&j| tokens[j].folded == "toll")
                    .map(|_| (6, ClaimKind::Killed, false))
            })
            .flatten()
        };
        // "58 others were injured", "58 others injured": the verb right after the counted words
        // is theirs, whatever stands before the number ("8 persons killed 58 others injured").
        // Not a verb in -ing: "killing 8 persons injuring 55" injures the 55, not the 8.
        let right_after = counted.map_or(last, |(j, _)| j);
        let passive_after = after.filter(|(_, k, _)| {
            (right_after + 1..(right_after + 5).min(clause_end)).any(|j| {
                outcome_of(&tokens[j].folded) == Some(*k)
                    && !tokens[j].folded.ends_with("ing")
                    && tokens[right_after + 1..j]
                        .iter()
                        .all(|t| is_auxiliary(&t.folded) || is_adverb(&t.folded))
            })
        });
        // A toll named back is what the number before it counts, whatever word stands between
        // ("the toll among evacuees hits 43").
        let before_or_toll = toll().or(before);
        let outcome = match (passive_after, after, before_or_toll) {
            (Some(a), _, _) => Some(a),
            (None, Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
            (None, a, b) => a.or(b),
        }
        .filter(|(d, _, _)| *d <= 8);
        // "23 killed, among them six children and four women", "including 15 fighters, 11
        // soldiers and five civilians": the parts take the whole's kind.
        let word_before = |k: usize| {
            first
                .checked_sub(k)
                .map_or("", |j| tokens[j].folded.as_str())
        };
        let introduced = matches!(word_before(1), "including" | "incl")
            || matches!(
                (word_before(2), word_before(1)),
                ("among" | "of", "them" | "whom")
            );
        let in_sentence =
            |c: &&Claim| c.start >= tokens[sentence].start && c.end <= tokens[first].start;
        let part_of_last = introduced && out.last().is_some_and(|c| in_sentence(&c));
        let inherited = out
            .last()
            .filter(in_sentence)
            .filter(|c| {
                introduced
                    || text.get(c.end..tokens[first].start).is_some_and(|gap| {
                        let rest = gap.trim_matches(|ch: char| !ch.is_alphanumeric());
                        rest.is_empty() || rest == "and" || rest == "or"
                    })
            })
            .map(|c| c.kind)
            .or_else(|| list_kind(text, tokens, first));
        let outcome = outcome.or_else(|| {
            if !matches!(noun, Some(Noun::Armed | Noun::Person | Noun::Object)) {
                return None;
            }
            verb_further_on(text, tokens, last + 1, sentence_end, |w| {
                outcome_of(w).filter(|k| fits(*k))
            })
            .map(|k| (8, k, true))
        });
        let kind = match noun {
            Some(Noun::Munition) => Some(ClaimKind::Munitions),
            Some(Noun::Area) => Some(ClaimKind::Area),
            _ => match (inherited.filter(|k| fits(*k)), outcome) {
                // "killed 12, and 30 were wounded": an outcome right by the number wins; and
                // any outcome over a whole that only its noun gave a kind ("80 fighters
                // including nine foreigners were killed").
                (Some(inherited), Some((d, k, _)))
                    if d <= 3 || matches!(inherited, ClaimKind::Forces | ClaimKind::People) =>
                {
                    Some(k)
                }
                (Some(k), _) => Some(k),
                (None, Some((_, k, _))) => Some(k),
                (None, None) => match noun {
                    Some(Noun::Armed) => Some(ClaimKind::Forces),
                    // "the 48 victims", "60 martyrs": the dead.
                    Some(Noun::Person)
                        if counted.is_some_and(|(j, _)| {
                            matches!(
                                tokens[j].folded.as_str(),
                                "victims" | "martyrs" | "bodies" | "dead"
                            )
                        }) =>
                    {
                        Some(ClaimKind::Killed)
                    }
                    Some(Noun::Person) => Some(ClaimKind::People),
                    _ => None,
                },
            },
        };
        // "a town of about 60,000 people": a population, not a count of the event.
        let population = first >= 2
            && tokens[first - 1].folded == "of"
            && matches!(
                tokens[first - 2].folded.as_str(),
                "town"
                    | "city"
                    | "village"
                    | "population"
                    | "province"
                    | "district"
                    | "country"
                    | "region"
                    | "home"
                    | "camp"
            );
        if population {
            i += used;
            continue;
        }
        // "one of the", "one" alone: a word, not a count; but "killing one of its commanders"
        // counts the one the verb right before names.
        let verb_right_before = before.is_some_and(|(d, _, _)| d <= 1);
        let lone_one = number == 1
            && (noun.is_none()
                || (tokens.get(last + 1).is_some_and(|t| t.folded == "of") && !verb_right_before));
        if let Some(kind) = kind.filter(|_| !lone_one) {
            let end = counted.map_or(tokens[last].end, |(j, _)| tokens[j].end);
            let who = counted
                .filter(|(_, n)| matches!(n, Noun::Armed | Noun::Person))
                .map(|(j, _)| text[tokens[last + 1].start..tokens[j].end].to_string());
            out.push(Claim {
                kind,
                number,
                high,
                qualifier: vague.map(str::to_string).or(qualifier),
                who,
                start: tokens[first].start,
                end,
                scope: Scope::Incident,
            });
            readings.push(Reading {
                noun,
                verb_after: outcome.is_some_and(|(_, k, after)| after && k == kind),
                part_of_last,
            });
        }
        i += used;
    }
    share_verbs(text, tokens, &mut out, &mut readings);
    (out, readings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    /// (kind, number, high end, qualifier, who)
    type Found = (ClaimKind, u64, Option<u64>, Option<String>, Option<String>);

    fn found(text: &str) -> Vec<Found> {
        claims(text, &tokens(text))
            .into_iter()
            .map(|c| (c.kind, c.number, c.high, c.qualifier, c.who))
            .collect()
    }

    fn kinds_and_numbers(text: &str) -> Vec<(ClaimKind, u64)> {
        claims(text, &tokens(text))
            .into_iter()
            .map(|c| (c.kind, c.number))
            .collect()
    }

    #[test]
    fn a_casualty_claim_has_its_number_qualifier_and_who() {
        assert_eq!(
            found("Shelling killed at least nine pro-government fighters on Friday."),
            vec![(
                ClaimKind::Killed,
                9,
                None,
                Some("at least".into()),
                Some("pro-government fighters".into())
            )]
        );
        assert_eq!(
            found("Seven Russian soldiers were wounded."),
            vec![(
                ClaimKind::Wounded,
                7,
                None,
                None,
                Some("Russian soldiers".into())
            )]
        );
    }

    #[test]
    fn ranges_and_vague_quantities_are_numbers() {
        assert_eq!(
            found("Between 150-200 militants attacked; dozens were wounded."),
            vec![
                (
                    ClaimKind::Forces,
                    150,
                    Some(200),
                    None,
                    Some("militants".into())
                ),
                (ClaimKind::Wounded, 24, None, Some("dozens".into()), None),
            ]
        );
        assert_eq!(
            kinds_and_numbers("between 20 and 30 people were killed"),
            vec![(ClaimKind::Killed, 20)]
        );
        assert_eq!(
            found("nearly a dozen civilians died"),
            vec![(
                ClaimKind::Killed,
                12,
                None,
                Some("nearly".into()),
                Some("civilians".into())
            )]
        );
    }

    #[test]
    fn things_destroyed_munitions_and_area_are_claims_too() {
        assert_eq!(
            kinds_and_numbers(
                "The army destroyed 3 tanks and killed 12 soldiers after firing 40 rockets, \
                 and took control of 40 square kilometres."
            ),
            vec![
                (ClaimKind::Destroyed, 3),
                (ClaimKind::Killed, 12),
                (ClaimKind::Munitions, 40),
                (ClaimKind::Area, 40)
            ]
        );
    }

    #[test]
    fn a_part_takes_the_kind_of_the_whole() {
        assert_eq!(
            kinds_and_numbers("The monitor put the toll at 23, including six children."),
            vec![(ClaimKind::Killed, 23), (ClaimKind::Killed, 6)]
        );
    }

    #[test]
    fn numbers_in_words_are_read_in_the_languages_imported() {
        assert_eq!(
            found("Seventeen people were killed, among them seven pro-government militiamen."),
            vec![
                (ClaimKind::Killed, 17, None, None, Some("people".into())),
                (
                    ClaimKind::Killed,
                    7,
                    None,
                    None,
                    Some("pro-government militiamen".into())
                ),
            ]
        );
        assert_eq!(
            kinds_and_numbers("One hundred and fifty civilians were wounded."),
            vec![(ClaimKind::Wounded, 150)]
        );
        assert_eq!(
            kinds_and_numbers("On compte dix-sept morts et quatre-vingts blessés."),
            vec![(ClaimKind::Killed, 17), (ClaimKind::Wounded, 80)]
        );
        assert_eq!(
            kinds_and_numbers("Hubo treinta y dos muertos."),
            vec![(ClaimKind::Killed, 32)]
        );
        assert_eq!(
            kinds_and_numbers("Погибли двадцать три человека."),
            vec![(ClaimKind::Killed, 23)]
        );
        assert_eq!(
            kinds_and_numbers("قتل ١٢ مدنيا وأصيب خمسة عشر"),
            vec![(ClaimKind::Killed, 12), (ClaimKind::Wounded, 15)]
        );
        // "UN" is no one, "Sept" no seven.
        assert!(kinds_and_numbers("UN staff left on Sept 5.").is_empty());
    }

    #[test]
    fn bounds_keep_their_meaning() {
        let bound = |text: &str| {
            claims(text, &tokens(text))
                .into_iter()
                .map(|c| (c.number, c.high, c.bound()))
                .collect::<Vec<_>>()
        };
        use crate::analysis::numbers::Bound;
        assert_eq!(
            bound("No more than 150-200 militants attacked."),
            [(150, Some(200), Bound::AtMost)]
        );
        assert_eq!(
            bound("Over 450 people were killed."),
            [(450, None, Bound::MoreThan)]
        );
        assert_eq!(
            bound("At least 12 people were killed."),
            [(12, None, Bound::AtLeast)]
        );
    }

    #[test]
    fn people_destroyed_or_liquidated_are_killed_and_materiel_is_destroyed() {
        assert_eq!(
            kinds_and_numbers(
                "The army destroyed more than 50 terrorists. Another 12 militants were \
                 liquidated. Troops destroyed 5 tanks and 42 pickups."
            ),
            vec![
                (ClaimKind::Killed, 50),
                (ClaimKind::Killed, 12),
                (ClaimKind::Destroyed, 5),
                (ClaimKind::Destroyed, 42)
            ]
        );
    }

    #[test]
    fn counts_joined_by_and_or_including_share_the_verb_after_them() {
        assert_eq!(
            kinds_and_numbers("Some 70 rebel fighters and 25 foreign volunteers were killed."),
            [(ClaimKind::Killed, 70), (ClaimKind::Killed, 25)]
        );
        assert_eq!(
            kinds_and_numbers(
                "Up to 40 militants including five natives of the border region were destroyed."
            ),
            [(ClaimKind::Killed, 40), (ClaimKind::Killed, 5)]
        );
        assert_eq!(
            kinds_and_numbers("Nine civilians including a girl and three old men were wounded."),
            [(ClaimKind::Wounded, 9), (ClaimKind::Wounded, 3)]
        );
        // The count the words before make a reference ("the two villages") does not end the
        // clause; "were among" reaches the dead they are part of.
        assert_eq!(
            kinds_and_numbers(
                "Four women and 11 fighters from the two villages were among the dead."
            ),
            [(ClaimKind::Killed, 4), (ClaimKind::Killed, 11)]
        );
        assert_eq!(
            kinds_and_numbers(
                "Three farmers including a boy were among at least 17 people killed in the shelling."
            ),
            [(ClaimKind::Killed, 3), (ClaimKind::Killed, 17)]
        );
        // Not across a verb of their own, nor to a kind their noun cannot have.
        assert_eq!(
            kinds_and_numbers("Seven fighters attacked the post and 3 civilians were killed."),
            [(ClaimKind::Forces, 7), (ClaimKind::Killed, 3)]
        );
        assert_eq!(
            kinds_and_numbers("The army sent 300 troops and 40 tanks were destroyed."),
            [(ClaimKind::Forces, 300), (ClaimKind::Destroyed, 40)]
        );
    }

    #[test]
    fn a_verb_before_the_count_governs_it() {
        assert_eq!(
            kinds_and_numbers(
                "Rockets hit the market killing 6 people injuring more than 30 others."
            ),
            [(ClaimKind::Killed, 6), (ClaimKind::Wounded, 30)]
        );
        assert_eq!(
            kinds_and_numbers("A video shows the murder of 3 local activists."),
            [(ClaimKind::Killed, 3)]
        );
        assert_eq!(
            kinds_and_numbers("Militants execute 12 gunmen. Troops destroy over 14 insurgents."),
            [(ClaimKind::Killed, 12), (ClaimKind::Killed, 14)]
        );
        assert_eq!(
            kinds_and_numbers("Soldiers ambushed the convoy killing one of its commanders."),
            [(ClaimKind::Killed, 1)]
        );
        assert!(kinds_and_numbers("One of the officers spoke to reporters.").is_empty());
    }

    #[test]
    fn a_toll_that_hits_or_reaches_a_number_is_of_the_dead() {
        assert_eq!(
            kinds_and_numbers("The toll of the bombing among evacuees hits 43."),
            [(ClaimKind::Killed, 43)]
        );
        assert_eq!(
            kinds_and_numbers("The death toll from the flooding reached 27 on Monday."),
            [(ClaimKind::Killed, 27)]
        );
    }

    #[test]
    fn an_adverb_between_auxiliary_and_verb_keeps_the_passive() {
        assert_eq!(
            kinds_and_numbers("Later two nurses from the clinic in the village were also killed."),
            [(ClaimKind::Killed, 2)]
        );
        assert_eq!(
            kinds_and_numbers("Five guards were reportedly wounded."),
            [(ClaimKind::Wounded, 5)]
        );
        assert_eq!(
            kinds_and_numbers("Around 900 evacuees from the towns were stranded."),
            [(ClaimKind::Displaced, 900)]
        );
    }

    /// Each claim's number and scope.
    fn scopes(text: &str) -> Vec<(u64, Scope)> {
        claims(text, &tokens(text))
            .into_iter()
            .map(|c| (c.number, c.scope))
            .collect()
    }

    #[test]
    fn totals_over_a_period_or_a_war_are_not_the_incidents() {
        assert_eq!(
            scopes(
                "The strike killed 12 people, bringing the toll this month to 300. The war \
                 has killed more than 470,000 people since 2011."
            ),
            [
                (12, Scope::Incident),
                (300, Scope::Cumulative),
                (470_000, Scope::Cumulative)
            ]
        );
        assert_eq!(
            scopes("So far this year, 3,000 civilians have died. On Friday 4 were killed."),
            [(3000, Scope::Cumulative), (4, Scope::Incident)]
        );
        // Another moment is another incident, not a total.
        assert_eq!(
            scopes(
                "A year ago 12 people were killed there, the deadliest since January, when 11 died."
            ),
            [(12, Scope::Incident), (11, Scope::Incident)]
        );
    }

    #[test]
    fn several_days_several_strikes_and_standing_numbers_are_totals() {
        // A period's length counts no one, and the count it bounds is a total; a day's is not.
        assert_eq!(
            scopes(
                "At least 135 civilians have been killed in air strikes on the province over \
                 the past three days. Some 120 fighters were killed in strikes over the past 24 \
                 hours."
            ),
            [(135, Scope::Cumulative), (120, Scope::Incident)]
        );
        // Strikes across a province or on various areas are several events.
        assert_eq!(
            scopes(
                "Ten people died in the strike on the hospital. They were among 19 people killed \
                 as a result of strikes across the province. A further nine people including \
                 five children were killed in strikes on various other areas."
            ),
            [
                (10, Scope::Incident),
                (19, Scope::Cumulative),
                (9, Scope::Cumulative),
                (5, Scope::Cumulative)
            ]
        );
        // The counts joined to a total are of its period.
        assert_eq!(
            scopes(
                "The attacks killed at least nine civilians and injured 200 during the final \
                 months of the battle."
            ),
            [(9, Scope::Cumulative), (200, Scope::Cumulative)]
        );
        // A force a group commands and land held are standing numbers; a war long ago bounds
        // what it took.
        assert_eq!(
            scopes(
                "The camp is used by the militia, which commands some 90000 fighters. Israel \
                 seized 1200 square kilometres of the plateau in the Six-Day War of 1967. Around \
                 510 square kilometres are under Syrian control. The army sent 300 soldiers."
            ),
            [
                (90_000, Scope::Cumulative),
                (1200, Scope::Cumulative),
                (510, Scope::Cumulative),
                (300, Scope::Incident)
            ]
        );
    }

    #[test]
    fn a_period_named_by_its_dates_or_its_length_makes_a_total() {
        assert_eq!(
            scopes("Inspectors tied the army to at least four gas attacks in 2016 and 2017."),
            [(4, Scope::Cumulative)]
        );
        assert_eq!(
            scopes("Some 90 civilians were killed and 400 got injured in October shelling."),
            [(90, Scope::Cumulative), (400, Scope::Cumulative)]
        );
        // One event dated by its month is still one incident; a day is no period.
        assert_eq!(
            scopes("A car bomb killed nine guards in October. 14 died in October 3 fighting."),
            [(9, Scope::Incident), (14, Scope::Incident)]
        );
        // The number of the period's own length counts nothing.
        assert_eq!(
            scopes("The group counted 31 medics killed in the country's 40-month war."),
            [(31, Scope::Cumulative)]
        );
        assert_eq!(
            scopes("Until now 70 farmers have been detained."),
            [(70, Scope::Cumulative)]
        );
    }

    #[test]
    fn the_parts_of_a_total_are_totals() {
        assert_eq!(
            scopes("Since 2019 some 640 people were killed including 45 children."),
            [(640, Scope::Cumulative), (45, Scope::Cumulative)]
        );
        assert_eq!(
            scopes("The raid killed 12 people including 4 children."),
            [(12, Scope::Incident), (4, Scope::Incident)]
        );
    }

    #[test]
    fn may_before_a_verb_is_no_month_and_attacks_are_counted() {
        assert_eq!(
            kinds_and_numbers("Estimates say 81,000 may have died. Three attacks used gas."),
            [(ClaimKind::Killed, 81_000), (ClaimKind::Munitions, 3)]
        );
        // The month stays a date.
        assert!(kinds_and_numbers("Talks resume on 12 May in the capital.").is_empty());
    }

    #[test]
    fn ages_times_money_percentages_and_distances_are_not_claims() {
        assert!(
            found(
                "A 12-year-old boy was hit at 6 p.m. on 14 March 2025, 12 km north of the \
                 town; bread costs $3 and 40% of homes lack power. One of the shops burned."
            )
            .is_empty()
        );
    }
}
