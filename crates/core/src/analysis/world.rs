//! The world gazetteer: GeoNames' countries and populated places (every place of 15,000 people
//! or more, of 1,000 or more around the wars since 2011, of 500 or more in them; see
//! `assets/geo/README.md`), with their names in Latin, Arabic, Cyrillic and Hebrew scripts,
//! found in texts with a multi-pattern automaton (daachorse) built by `build.rs`.
//!
//! Sixty thousand places named in four scripts include many names that are also ordinary words
//! or people's names ("Obama" is a town in Japan, "Said" a village). A name is kept only as a
//! place a report could mean:
//! - written as a name: capitals in scripts that have them (particles such as "al", "ez", "de"
//!   inside a name aside), and not run across the end of a sentence;
//! - believable where it is: in a country the report is about (its country is named, or two
//!   names of the report are places in it), or a country or a large city (half a million people,
//!   or 15,000 for a name of several words);
//! - a word the report also writes in lower case, or only ever at the start of a sentence, needs
//!   the country context or a million people, and must be the place's own name rather than one
//!   of its other names (GeoNames gives "In" as a name of a Russian village); outside the
//!   report's countries too, only a place's own name or a name in Arabic, Cyrillic or Hebrew
//!   counts ("White House" is also a name of Casablanca);
//! - not part of a longer name: a town next to another capitalised word that is not a place
//!   ("Rick Perry", "Aleppo University", "Abu Bakr"; "Eastern Ghouta" and "Idlib Province" are
//!   places) or after a title, and a name before "said", is a person's or an organisation's,
//!   and so are the word's other occurrences as a person's; a city of a million is taken so
//!   only after a title or before "said" (a dateline runs into the next word); a country or a
//!   region only with a capitalised word after it ("Jordan Times", "France Telecom"), or inside
//!   the name of a source the registry knows ("Agence France-Presse");
//! - not an acronym (a short word in capitals: "IS", "SANA") nor a month or a weekday.
//!
//! A name several places share goes to the one in the report's countries, then the nearest to
//! the report's other places, then the largest.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use daachorse::DoubleArrayAhoCorasick;

use super::Token;

static DATA: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/world.bin"));

static WORLD: LazyLock<Option<World>> = LazyLock::new(|| World::parse(DATA));

/// A single-word name outside the report's countries needs this many people.
const BIG_CITY: u32 = 500_000;
/// A name of several words outside the report's countries needs this many people.
const TOWN: u32 = 15_000;
/// A name the report also uses as an ordinary word needs this many people, outside its countries.
const METROPOLIS: u32 = 1_000_000;
/// Capitalised words that may stand before a place's name without making it part of another
/// name ("Eastern Ghouta", "In Aleppo").
pub(super) const BEFORE_A_PLACE: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "old",
    "new",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "rural",
    "downtown",
    "in",
    "at",
    "on",
    "from",
    "to",
    "near",
    "into",
    "of",
    "the",
    "and",
    "or",
    "outside",
    "inside",
    "across",
    "around",
    "between",
    "via",
    "for",
    "by",
    "with",
    "over",
    "under",
    "toward",
    "towards",
    "against",
    "as",
    "but",
    "while",
    "after",
    "before",
];
/// Capitalised words that may follow a place's name without making it part of another name
/// ("Idlib Province", "Aleppo Countryside"; months and weekdays too: "in Athens Saturday").
const AFTER_A_PLACE: &[&str] = &[
    "province",
    "governorate",
    "region",
    "district",
    "city",
    "county",
    "oblast",
    "state",
    "countryside",
    "area",
    "valley",
    "river",
    "mountains",
    "airport",
    "border",
    "crossing",
    "front",
    "and",
    "or",
    "on",
    "in",
    "at",
    "to",
    "of",
    "the",
    "is",
    "was",
    "has",
    "had",
    "as",
];
/// An office of a place after its name ("Texas Governor Rick Perry", "US President", "Israel
/// Prime Minister", "Scotts Bluff County Sheriff") or its party's member ("The Arizona
/// Republican said"): the place is still the place.
pub(super) const OFFICES: &[&str] = &[
    "governor",
    "gov",
    "sheriff",
    "attorney",
    "senator",
    "sen",
    "mayor",
    "president",
    "prime",
    "premier",
    "minister",
    "lawmaker",
    "lawmakers",
    "congressman",
    "congresswoman",
    "republican",
    "republicans",
    "democrat",
    "democrats",
];
/// A city this large next to another capitalised word is still the city (a dateline,
/// "Damascus Syrian state media said"); only a title or "said" makes it a person.
const CITY_IN_ANY_COMPANY: u32 = 1_000_000;
/// Words after a name that make it a person's ("Perry said").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "stated",
    "tweeted",
    "argued",
    "insisted",
    "explained",
    "noted",
    "warned",
];
/// Titles before a person's name ("Gov. Perry", "President Assad").
pub(super) const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "gov",
    "sen",
    "rep",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "president",
    "governor",
    "senator",
    "minister",
    "general",
    "sheikh",
    "king",
    "prince",
    "queen",
    "judge",
    "mayor",
    "colonel",
    "commander",
    "pope",
    "imam",
    "rev",
    "professor",
    "prof",
    "lord",
    "sir",
];

/// Head words of organisations' names: a place's name before one ("Aleppo University", "Police
/// Command", "Jordan Times", "Syria TV") or after one and "of" ("University of Denver",
/// "National Hospital of Idlib") is part of the organisation's name, whatever the place's size.
const ORGANISATION_WORDS: &[&str] = &[
    "university",
    "college",
    "institute",
    "school",
    "academy",
    "hospital",
    "police",
    "command",
    "council",
    "court",
    "department",
    "ministry",
    "committee",
    "commission",
    "association",
    "agency",
    "times",
    "post",
    "tv",
    "radio",
    "news",
    "herald",
    "tribune",
    "telecom",
    "airlines",
    "airways",
    "bank",
    "company",
    "corporation",
    "club",
    "church",
    "senate",
    "congress",
    "parliament",
    "assembly",
];
/// Whether a folded word is an organisation's head word ("university", "police").
pub(super) fn is_organisation_word(word: &str) -> bool {
    ORGANISATION_WORDS.contains(&word)
}

/// Words before a name that say it is where something is, not who speaks: "Activists in
/// Damascus said" is no person called Damascus.
const LOCATIVE: &[&str] = &[
    "in",
    "near",
    "from",
    "outside",
    "inside",
    "across",
    "around",
    "into",
    "throughout",
    "within",
    "toward",
    "towards",
];

/// Words that may be written in lower case inside a place's name.
pub(super) const PARTICLES: &[&str] = &[
    "al", "el", "al-", "ad", "an", "ar", "as", "ash", "at", "az", "ez", "es", "et", "en", "ed",
    "bin", "ibn", "bani", "beni", "abu", "umm", "de", "del", "della", "di", "da", "do", "dos",
    "du", "des", "la", "le", "les", "los", "las", "van", "von", "der", "den", "am", "im", "an",
    "on", "upon", "of", "the", "and", "sur", "sous", "y", "i", "e", "эль", "эз", "эн", "эр", "эс",
    "эт", "аль", "ас", "ад", "ан", "ар", "аш", "ат", "аз", "ибн", "бен", "де", "ла", "на",
];

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Region,
    Place,
}

/// One place of the world gazetteer.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// ISO 3166-1 alpha-2.
    country: [u8; 2],
    pub kind: PlaceKind,
    pub population: u32,
    lat: i32,
    lon: i32,
    name: (u32, u32),
    /// The pattern of its own name (not of one of its other names).
    primary: u32,
}

impl Place {
    /// The ISO 3166-1 alpha-2 code of its country.
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or_default()
    }
}

/// A place named in a text: which place, and the byte span of the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorldMention {
    pub place: u32,
    pub start: usize,
    pub end: usize,
}

/// The world gazetteer, loaded once.
pub struct World {
    places: Vec<Place>,
    names: &'static str,
    /// For each pattern, where its candidates start in `candidates`.
    offsets: Vec<u32>,
    candidates: Vec<u32>,
    automaton: DoubleArrayAhoCorasick<u32>,
    countries: HashMap<[u8; 2], u32>,
    /// The places of countries whose names are transliterated from Arabic, by the skeletons of
    /// their Latin spellings (see `words::skeleton`).
    skeletons: HashMap<&'static str, Vec<u32>>,
}

/// Reads little-endian `u32`s off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

impl World {
    /// The shipped world gazetteer, loaded on first use (about 20 ms); `None` if the build
    /// compiled none (no `assets/geo/places.tsv`).
    pub fn get() -> Option<&'static World> {
        WORLD.as_ref()
    }

    fn parse(data: &'static [u8]) -> Option<World> {
        let mut r = Reader(data);
        if r.take(4)? != b"TRWG" || r.u32()? != 3 {
            return None;
        }
        let count = r.u32()? as usize;
        let mut places = Vec::with_capacity(count);
        for _ in 0..count {
            let country: [u8; 2] = r.take(2)?.try_into().ok()?;
            let kind = match r.take(1)?[0] {
                0 => PlaceKind::Country,
                1 => PlaceKind::Region,
                _ => PlaceKind::Place,
            };
            places.push(Place {
                country,
                kind,
                population: r.u32()?,
                lat: r.i32()?,
                lon: r.i32()?,
                name: (r.u32()?, r.u32()?),
                primary: r.u32()?,
            });
        }
        let patterns = r.u32()? as usize;
        let offsets = (0..=patterns)
            .map(|_| r.u32())
            .collect::<Option<Vec<u32>>>()?;
        let total = r.u32()? as usize;
        let candidates = (0..total).map(|_| r.u32()).collect::<Option<Vec<u32>>>()?;
        let name_bytes = r.u32()? as usize;
        let names = std::str::from_utf8(r.take(name_bytes)?).ok()?;
        let mut skeletons = HashMap::new();
        for _ in 0..r.u32()? {
            let length = r.u32()? as usize;
            let bones = std::str::from_utf8(r.take(length)?).ok()?;
            let count = r.u32()? as usize;
            let places = (0..count).map(|_| r.u32()).collect::<Option<Vec<u32>>>()?;
            skeletons.insert(bones, places);
        }
        let (automaton, _) = DoubleArrayAhoCorasick::deserialize(r.0).ok()?;
        let countries = places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PlaceKind::Country)
            .map(|(i, p)| (p.country, i as u32))
            .collect();
        Some(World {
            places,
            names,
            offsets,
            candidates,
            automaton,
            countries,
            skeletons,
        })
    }

    /// How many places it holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// A place by its number.
    pub fn place(&self, index: u32) -> Option<&Place> {
        self.places.get(index as usize)
    }

    /// The name a place is shown under (GeoNames' own).
    pub fn name(&self, index: u32) -> &str {
        self.place(index)
            .and_then(|p| {
                self.names
                    .get(p.name.0 as usize..(p.name.0 + p.name.1) as usize)
            })
            .unwrap_or_default()
    }

    /// The English name of the country with this ISO code ("SY" is "Syria").
    pub fn country_name(&self, code: &str) -> Option<&str> {
        let code: [u8; 2] = code.as_bytes().try_into().ok()?;
        self.countries.get(&code).map(|i| self.name(*i))
    }

    /// The places a folded name (words joined by single spaces) may mean.
    fn candidates_of(&self, pattern: u32) -> &[u32] {
        let i = pattern as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.candidates.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The most populous place called `name` (any of its spellings), for a place known by name
    /// only: the hand gazetteer's "Deir ez-Zor" is Dayr az Zawr in Syria.
    pub fn best_by_name(&self, name: &str) -> Option<u32> {
        let folded: Vec<String> = super::tokens(name).into_iter().map(|t| t.folded).collect();
        if folded.is_empty() {
            return None;
        }
        let key = format!(" {} ", folded.join(" "));
        let pattern = self
            .automaton
            .find_overlapping_iter(key.as_bytes())
            .find(|m| m.start() == 0 && m.end() == key.len())?
            .value();
        self.candidates_of(pattern)
            .iter()
            .copied()
            .max_by_key(|&c| self.place(c).map_or((0, 0), rank))
    }

    /// The distance between two places in kilometres (great circle), where both have
    /// coordinates.
    pub fn distance_km(&self, a: u32, b: u32) -> Option<f64> {
        let (a, b) = (self.place(a)?, self.place(b)?);
        let unknown = |p: &Place| p.lat == i32::MIN || p.lon == i32::MIN;
        if unknown(a) || unknown(b) {
            return None;
        }
        let rad = |v: i32| f64::from(v) / 10_000.0 * std::f64::consts::PI / 180.0;
        let (la1, lo1, la2, lo2) = (rad(a.lat), rad(a.lon), rad(b.lat), rad(b.lon));
        let h = ((la2 - la1) / 2.0).sin().powi(2)
            + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
        Some(2.0 * 6_371.0 * h.sqrt().min(1.0).asin())
    }

    /// The places a text names, in order, each at most once per span of words.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<WorldMention> {
        self.find_with_names(text, tokens).0
    }

    /// The places a text names, and the words (first and last) of every name it spells as a
    /// name, taken for a place there or not, where a run of names without commas is cut (see
    /// `cued`): read off one pass of the automaton.
    pub(crate) fn find_with_names(
        &self,
        text: &str,
        tokens: &[Token],
    ) -> (Vec<WorldMention>, Vec<(usize, usize)>) {
        let all = self.spans(text, tokens);
        let names: Vec<(usize, usize)> = all.iter().map(|s| (s.first, s.last)).collect();
        let spans: Vec<Span> = all
            .into_iter()
            .filter(|s| !acronym_or_date(text, tokens, s))
            .collect();
        let lower_elsewhere: foldhash::HashSet<&str> = tokens
            .iter()
            .filter(|t| t.text(text).chars().next().is_some_and(char::is_lowercase))
            .map(|t| t.folded.as_str())
            .collect();
        let not_only_at_sentence_start: foldhash::HashSet<&str> = tokens
            .iter()
            .filter(|t| !t.sentence_start)
            .map(|t| t.folded.as_str())
            .collect();
        let covered = covered_words(tokens.len(), &spans);
        // The signs that a word is a person's name, gathered over the whole text: other
        // occurrences of a word used so are that person too ("Rick Perry" … "Perry"). A word
        // after a place's name makes only that occurrence part of a longer name ("Jordan
        // Times", not every "Jordan").
        let mut people: HashMap<&str, NameSigns> = HashMap::new();
        for s in spans.iter().filter(|s| s.first == s.last) {
            let found = name_signs(text, tokens, s.first, s.last, &covered);
            let sign = people.entry(tokens[s.first].folded.as_str()).or_default();
            sign.person |= found.person;
            sign.before |= found.before;
        }
        let context = self.context_countries(&spans);
        let mut found: Vec<(Span, u32)> = Vec::new();
        for span in &spans {
            let single = span.last == span.first;
            let word = tokens[span.first].folded.as_str();
            // A word the text also writes as an ordinary word, or only ever at a sentence's
            // start, may be no name at all.
            let doubtful = single
                && (lower_elsewhere.contains(word) || !not_only_at_sentence_start.contains(word));
            let here = name_signs(text, tokens, span.first, span.last, &covered);
            let sign = if single {
                let anywhere = people.get(word).copied().unwrap_or_default();
                NameSigns {
                    person: anywhere.person,
                    before: anywhere.before,
                    after: here.after,
                    org: here.org,
                }
            } else {
                // A name of several words is a place's own but inside an organisation's name.
                NameSigns {
                    org: here.org,
                    ..NameSigns::default()
                }
            };
            // An organisation's head word is no place of its own ("University"), nor is a
            // function word a title-case headline capitalises ("Of", a town in Turkey; "Is").
            if single
                && (ORGANISATION_WORDS.contains(&word)
                    || (doubtful && super::terms::is_stopword(word)))
            {
                continue;
            }
            let latin = tokens[span.first]
                .text(text)
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c));
            // A source's name may run on from a headline, where every word is capitalised.
            let in_a_source = (sign.any() || next_to_a_capital(text, tokens, span))
                && in_a_source_name(text, tokens, span);
            let believable = |p: &Place| {
                if in_a_source || sign.rule_out(p) {
                    return false;
                }
                if p.kind != PlaceKind::Place {
                    return !doubtful || p.primary == span.pattern;
                }
                // A name in Arabic, Cyrillic or Hebrew is the place's name in that language,
                // never a translation into English.
                let own_name = p.primary == span.pattern || !latin;
                let in_context = context.contains(&p.country);
                if doubtful {
                    return own_name && (in_context || p.population >= METROPOLIS);
                }
                in_context || (own_name && p.population >= if single { BIG_CITY } else { TOWN })
            };
            let kept: Vec<u32> = self
                .candidates_of(span.pattern)
                .iter()
                .copied()
                .filter(|&c| self.place(c).is_some_and(believable))
                .collect();
            if !kept.is_empty() {
                found.push((*span, self.choose(&kept, &context, &found)));
            }
        }
        // Words a name was taken for are not tried again; words of a name refused may be
        // another place's ("Tal" of "Tal Hamis").
        let kept_spans: Vec<Span> = found.iter().map(|(span, _)| *span).collect();
        let taken = covered_words(tokens.len(), &kept_spans);
        self.transliterations(text, tokens, &taken, &context, &lower_elsewhere, &mut found);
        found.sort_by_key(|(span, _)| span.first);
        let mentions = found
            .into_iter()
            .map(|(span, place)| WorldMention {
                place,
                start: tokens[span.first].start,
                end: tokens[span.last].end,
            })
            .collect();
        (mentions, names)
    }

    /// Places of the report's countries that the report spells in its own transliteration from
    /// Arabic ("Kafranbil", "Kafarbatna"), which no spelling of the gazetteer matches: runs of up
    /// to three capitalised words (articles between them) that no name covers, whose skeleton
    /// (see `words::skeleton`) is that of a place in a country the report is about. The rules
    /// for a name apply: not a word the report also writes in lower case, not part of a longer
    /// name nor a person's.
    fn transliterations(
        &self,
        text: &str,
        tokens: &[Token],
        taken: &[bool],
        context: &HashSet<[u8; 2]>,
        lower_elsewhere: &foldhash::HashSet<&str>,
        found: &mut Vec<(Span, u32)>,
    ) {
        if context.is_empty() || self.skeletons.is_empty() {
            return;
        }
        let capitalised = |t: &Token| super::capitalised(t.text(text));
        let joined = |a: &Token, b: &Token| {
            text.get(a.end..b.start)
                .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-'))
        };
        // First the runs whose skeleton is a place's, then the signs of a longer name, where a
        // neighbouring run that is a place is no sign: reports list villages one after another
        // ("the towns of Arbin, Kafr Batna and Jisrin", commas lost in some archives).
        let mut runs: Vec<(usize, usize, Vec<u32>)> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let start = &tokens[i];
            if taken[i] || !capitalised(start) || super::arabic_article(&start.folded) {
                i += 1;
                continue;
            }
            // The longest run first: "Deir Sharqi" before "Deir".
            let mut chosen = None;
            for len in (1..=3).rev() {
                let last = i + len - 1;
                let Some(run) = tokens.get(i..=last) else {
                    continue;
                };
                let name_like = run.iter().enumerate().all(|(k, t)| {
                    !taken[i + k]
                        && (k == 0 || (joined(&run[k - 1], t) && !t.sentence_start))
                        && (capitalised(t)
                            || (k + 1 < run.len() && super::arabic_article(&t.folded)))
                });
                let span = Span {
                    first: i,
                    last,
                    pattern: u32::MAX,
                };
                if !name_like
                    || (len == 1 && lower_elsewhere.contains(start.folded.as_str()))
                    || acronym_or_date(text, tokens, &span)
                {
                    continue;
                }
                let Some(bones) = super::skeleton(run.iter().map(|t| t.folded.as_str())) else {
                    continue;
                };
                // One word's four consonants are also a given name's ("Mohammad", "mhmd").
                if len == 1 && bones.len() < 5 {
                    continue;
                }
                let kept: Vec<u32> = self
                    .skeletons
                    .get(bones.as_str())
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|&c| {
                        self.place(c).is_some_and(|p| {
                            p.kind == PlaceKind::Place && context.contains(&p.country)
                        })
                    })
                    .collect();
                if !kept.is_empty() {
                    chosen = Some((last, kept));
                    break;
                }
            }
            match chosen {
                Some((last, kept)) => {
                    runs.push((i, last, kept));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        let mut places = taken.to_vec();
        for (first, last, _) in &runs {
            places[*first..=*last].iter_mut().for_each(|p| *p = true);
        }
        for (first, last, kept) in runs {
            if name_signs(text, tokens, first, last, &places).any() {
                continue;
            }
            let place = self.choose(&kept, context, found);
            found.push((
                Span {
                    first,
                    last,
                    pattern: u32::MAX,
                },
                place,
            ));
        }
    }

    /// Of the places a name may mean: the one in the report's countries, then the nearest to
    /// the places already found, then the largest.
    fn choose(&self, candidates: &[u32], context: &HashSet<[u8; 2]>, found: &[(Span, u32)]) -> u32 {
        let nearest = |c: u32| {
            found
                .iter()
                .filter_map(|(_, f)| self.distance_km(c, *f))
                .fold(f64::INFINITY, f64::min)
        };
        candidates
            .iter()
            .copied()
            .min_by(|&a, &b| {
                let (pa, pb) = (&self.places[a as usize], &self.places[b as usize]);
                let out_a = !context.contains(&pa.country);
                let out_b = !context.contains(&pb.country);
                out_a
                    .cmp(&out_b)
                    .then(kind_rank(pb).cmp(&kind_rank(pa)))
                    .then(nearest(a).total_cmp(&nearest(b)))
                    .then(rank(pb).cmp(&rank(pa)))
            })
            .unwrap_or(candidates[0])
    }

    /// The countries a report is about: those it names, and those where two of its names are
    /// places (two different names, not one name twice).
    fn context_countries(&self, spans: &[Span]) -> HashSet<[u8; 2]> {
        let mut named = HashSet::new();
        let mut names_by_country: HashMap<[u8; 2], HashSet<u32>> = HashMap::new();
        for span in spans {
            for &c in self.candidates_of(span.pattern) {
                let Some(p) = self.place(c) else { continue };
                if p.kind == PlaceKind::Country {
                    named.insert(p.country);
                }
                names_by_country
                    .entry(p.country)
                    .or_default()
                    .insert(span.pattern);
            }
        }
        named.extend(
            names_by_country
                .into_iter()
                .filter(|(_, names)| names.len() >= 2)
                .map(|(country, _)| country),
        );
        named
    }

    /// Every span of words that spells a place's name as a name: longest first where spans
    /// overlap, in text order.
    fn spans(&self, text: &str, tokens: &[Token]) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        for form in 0..FORMS {
            self.spans_in_form(text, tokens, form, &mut spans);
        }
        spans.sort_by_key(|s| (s.first, s.last, s.pattern));
        spans.dedup_by_key(|s| (s.first, s.last, s.pattern));
        // Longest first; a span inside a longer one is no place of its own.
        spans.sort_by_key(|s| (std::cmp::Reverse(s.last - s.first), s.first));
        let mut taken = vec![false; tokens.len()];
        spans.retain(|s| {
            if taken[s.first..=s.last].iter().any(|t| *t) {
                return false;
            }
            taken[s.first..=s.last].iter_mut().for_each(|t| *t = true);
            true
        });
        spans.sort_by_key(|s| s.first);
        spans
    }

    /// The spans that spell a name with every word in its `form` (see [`word_form`]).
    fn spans_in_form(&self, text: &str, tokens: &[Token], form: usize, spans: &mut Vec<Span>) {
        let forms: Vec<Option<String>> = tokens.iter().map(|t| word_form(t, text, form)).collect();
        if form > 0 && forms.iter().all(Option::is_none) {
            return;
        }
        // The words, one space around each, and which word starts and ends at each byte of it.
        let mut stream = String::with_capacity(text.len() + 2);
        stream.push(' ');
        let mut word_at: Vec<u32> = Vec::with_capacity(text.len() + 2);
        let mut word_ending: Vec<u32> = Vec::with_capacity(text.len() + 2);
        for (i, (t, other)) in tokens.iter().zip(&forms).enumerate() {
            let start = stream.len() - 1;
            // A word no name can hold ([`written_as_a_name`]: a lower-case word that is no
            // particle) stands as a mark no pattern holds, so the automaton has less to read
            // and nothing to find through it.
            let lower = t.text(text).chars().next().is_some_and(char::is_lowercase);
            if lower && !PARTICLES.contains(&t.folded.as_str()) {
                stream.push('\u{1}');
                stream.push(' ');
                word_at.resize(stream.len() + 1, u32::MAX);
                word_ending.resize(stream.len() + 1, u32::MAX);
                continue;
            }
            stream.push_str(other.as_deref().unwrap_or(&t.folded));
            stream.push(' ');
            word_at.resize(stream.len() + 1, u32::MAX);
            word_ending.resize(stream.len() + 1, u32::MAX);
            word_at[start] = i as u32;
            word_ending[stream.len()] = i as u32;
        }
        let word = |at: &[u32], i: usize| at.get(i).copied().filter(|w| *w != u32::MAX);
        spans.extend(
            self.automaton
                .find_overlapping_iter(stream.as_bytes())
                .filter_map(|m| {
                    let first = word(&word_at, m.start())? as usize;
                    let last = word(&word_ending, m.end())? as usize;
                    written_as_a_name(text, &tokens[first..=last]).then_some(Span {
                        first,
                        last,
                        pattern: m.value(),
                    })
                }),
        );
    }
}

/// How many forms of the words are tried: as written, and three forms of inflected words.
const FORMS: usize = 4;

/// A word in another form than its folded one, where it has one: form 0 is a possessive's
/// name ("Indonesia's"); forms 1 to 3 undo what inflection adds to a name in Russian and
/// Ukrainian ("Харькова", "Донецком", "Москвы") and the conjunctions and prepositions Arabic
/// joins to a word ("وإدلب", "بحلب").
fn word_form(token: &Token, text: &str, form: usize) -> Option<String> {
    let word = token.folded.as_str();
    if form == 0 {
        // Read first and without collecting the word's letters: every word of every text
        // passes here.
        return token
            .is_possessive(text)
            .then(|| word.strip_suffix('s').map(str::to_string))
            .flatten();
    }
    if word.is_ascii() {
        return None;
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let cyrillic = super::is_cyrillic(word);
    let arabic = chars
        .first()
        .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(c));
    match form {
        1 if cyrillic && n >= 4 => Some(chars[..n - 1].iter().collect()),
        1 if arabic && n >= 4 && matches!(chars[0], 'و' | 'ف' | 'ب' | 'ل') => {
            Some(chars[1..].iter().collect())
        }
        2 if cyrillic && n >= 5 => Some(chars[..n - 2].iter().collect()),
        3 if cyrillic && n >= 4 => {
            let mut stem: String = chars[..n - 1].iter().collect();
            stem.push('а');
            Some(stem)
        }
        _ => None,
    }
}

/// A run of words that spells a name: its first and last word, and the name's pattern.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    last: usize,
    pattern: u32,
}

/// Which words of the text some span covers.
fn covered_words(count: usize, spans: &[Span]) -> Vec<bool> {
    let mut covered = vec![false; count];
    for s in spans {
        covered[s.first..=s.last].iter_mut().for_each(|c| *c = true);
    }
    covered
}

/// A short word in capitals ("IS", "SANA", "ME"), a month or a weekday: no place of the world
/// gazetteer (the hand list names the few that are: "US", "UK").
fn acronym_or_date(text: &str, tokens: &[Token], span: &Span) -> bool {
    if span.first != span.last {
        return false;
    }
    let word = tokens[span.first].text(text);
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    ((1..=4).contains(&letters) && capitals == letters)
        || super::dates::is_month_or_weekday(&tokens[span.first].folded)
}

/// Whether the hand list's match of the words from byte `start` to `end` is a place as the
/// text writes it: written as a name (capitals where the script has them), and not part of a
/// longer name (a country or region followed by one, "France Telecom"; a town next to one or
/// after a title, "Aleppo University", "Gov. Perry").
pub(crate) fn written_as_a_place(
    text: &str,
    tokens: &[Token],
    start: usize,
    end: usize,
    broad: bool,
) -> bool {
    let Some(first) = tokens.iter().position(|t| t.start == start) else {
        return true;
    };
    let Some(last) = tokens[first..]
        .iter()
        .position(|t| t.end == end)
        .map(|i| first + i)
    else {
        return true;
    };
    if !written_as_a_name(text, &tokens[first..=last]) {
        return false;
    }
    let signs = name_signs(text, tokens, first, last, &vec![false; tokens.len()]);
    let span = Span {
        first,
        last,
        pattern: u32::MAX,
    };
    if next_to_a_capital(text, tokens, &span) && in_a_source_name(text, tokens, &span) {
        return false;
    }
    if broad {
        !(signs.after || signs.org)
    } else {
        !signs.any()
    }
}

/// What marks words as part of a longer proper name rather than a place.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct NameSigns {
    /// A title before them or "said" after them: a person.
    pub(super) person: bool,
    /// A capitalised word before them (outside the first line, where headlines capitalise
    /// every word) that no place name covers and that may not stand before a place.
    pub(super) before: bool,
    /// Such a word after them ("Aleppo University", "France Telecom", "Abu Bakr").
    pub(super) after: bool,
    /// An organisation's head word around them ("Aleppo University", "University of Denver"),
    /// or "-led" after them ("US-led coalition"): an organisation's name, not a place.
    pub(super) org: bool,
}

impl NameSigns {
    /// Whether these signs make a place of this kind and size part of another name: a country
    /// only by a word after it ("Jordan Times"), a city of a million only as a person.
    fn rule_out(&self, place: &Place) -> bool {
        if self.org {
            return true;
        }
        match place.kind {
            PlaceKind::Country | PlaceKind::Region => self.after,
            PlaceKind::Place if place.population >= CITY_IN_ANY_COMPANY => self.person,
            PlaceKind::Place => self.person || self.before || self.after,
        }
    }

    fn any(&self) -> bool {
        self.person || self.before || self.after || self.org
    }
}

/// The signs that the words `first..=last` are part of a longer proper name.
pub(super) fn name_signs(
    text: &str,
    tokens: &[Token],
    first: usize,
    last: usize,
    covered: &[bool],
) -> NameSigns {
    let headline_end = text.find('\n').unwrap_or(text.len());
    // Initials keep their full stop: "U.S. Supreme Court" runs on as "US Supreme" does.
    let initial = |t: &Token| {
        t.end - t.start == 1 && t.start > 0 && text.get(t.start - 1..t.start) == Some(".")
    };
    let adjacent = |a: &Token, b: &Token| {
        text.get(a.end..b.start).is_some_and(|between| {
            let between = if initial(a) {
                between.strip_prefix('.').unwrap_or(between)
            } else {
                between
            };
            between.chars().all(|c| c == ' ' || c == '\u{a0}')
        })
    };
    let capitalised = |t: &Token| super::capitalised(t.text(text));
    let before = first.checked_sub(1).map(|i| (i, &tokens[i]));
    let after = tokens.get(last + 1).map(|t| (last + 1, t));
    let in_body = tokens[first].start >= headline_end;
    let organisation =
        |t: &Token| capitalised(t) && ORGANISATION_WORDS.contains(&t.folded.as_str());
    let led = text.get(tokens[last].end..).is_some_and(|rest| {
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        rest.len() >= 4 && rest.is_char_boundary(4) && rest[..4].eq_ignore_ascii_case("-led")
    });
    // "in Damascus", "in eastern Ghouta".
    let locative = (first.saturating_sub(2)..first).rev().find_map(|i| {
        let t = &tokens[i];
        let direction = matches!(
            t.folded.as_str(),
            "north"
                | "south"
                | "east"
                | "west"
                | "northern"
                | "southern"
                | "eastern"
                | "western"
                | "central"
                | "rural"
        );
        (!direction).then(|| LOCATIVE.contains(&t.folded.as_str()))
    }) == Some(true);
    NameSigns {
        person: before.is_some_and(|(_, t)| TITLES.contains(&t.folded.as_str()))
            || (!locative && after.is_some_and(|(_, t)| SPEECH.contains(&t.folded.as_str()))),
        org: led
            || after.is_some_and(|(_, t)| adjacent(&tokens[last], t) && organisation(t))
            || (first >= 2 && tokens[first - 1].folded == "of" && organisation(&tokens[first - 2])),
        before: in_body
            && before.is_some_and(|(i, t)| {
                adjacent(t, &tokens[first])
                    && capitalised(t)
                    && !t.sentence_start
                    && !covered[i]
                    && !BEFORE_A_PLACE.contains(&t.folded.as_str())
            }),
        // What follows a possessive is what the place has, not the rest of its name.
        after: in_body
            && !tokens[last].is_possessive(text)
            && after.is_some_and(|(i, t)| {
                adjacent(&tokens[last], t)
                    && capitalised(t)
                    && !t.sentence_start
                    && !covered[i]
                    && !AFTER_A_PLACE.contains(&t.folded.as_str())
                    && !OFFICES.contains(&t.folded.as_str())
                    && !super::dates::is_month_or_weekday(&t.folded)
            }),
    }
}

/// Whether a capitalised word stands right before or after the span's words.
fn next_to_a_capital(text: &str, tokens: &[Token], span: &Span) -> bool {
    let capital_at = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| super::capitalised(t.text(text)))
    };
    (span.first > 0 && capital_at(span.first - 1)) || capital_at(span.last + 1)
}

/// Whether a span is inside the name of a source the registry knows ("Agence France-Presse",
/// "The Jordan Times"): up to three words either side are tried.
fn in_a_source_name(text: &str, tokens: &[Token], span: &Span) -> bool {
    let registry = super::sources::Registry::built_in();
    let from = span.first.saturating_sub(3);
    let to = (span.last + 3).min(tokens.len() - 1);
    let folded: Vec<&str> = tokens[from..=to]
        .iter()
        .map(|t| t.folded.as_str())
        .collect();
    (from..=span.first).any(|a| {
        (span.last..=to).any(|b| {
            (a, b) != (span.first, span.last)
                && text
                    .get(tokens[a].start..tokens[b].end)
                    .is_some_and(|name| {
                        registry
                            .by_words(name, &folded[a - from..=b - from])
                            .is_some()
                    })
        })
    })
}

/// Countries before regions before places.
fn kind_rank(p: &Place) -> u8 {
    match p.kind {
        PlaceKind::Country => 2,
        PlaceKind::Region => 1,
        PlaceKind::Place => 0,
    }
}

/// How a place ranks among namesakes: countries, then regions, then by population.
fn rank(p: &Place) -> (u8, u32) {
    (kind_rank(p), p.population)
}

/// Whether words are written as a place's name: in a script with capitals, the first word
/// capitalised and every other one too but particles ("Deir ez-Zor", "Khan al-Assal"), and
/// nothing but spaces, hyphens and apostrophes between them (not the end of a sentence).
pub(super) fn written_as_a_name(text: &str, words: &[Token]) -> bool {
    for pair in words.windows(2) {
        let between = text.get(pair[0].end..pair[1].start).unwrap_or("?");
        // Initials run on with full stops: "U.S.", "U.K."; so do "St. Louis" and "Ft. Myers".
        let initials = between == "." && pair.iter().all(|w| w.end - w.start == 1);
        let abbreviated = between == ". " && matches!(pair[0].folded.as_str(), "st" | "ft" | "mt");
        if !initials
            && !abbreviated
            && !between
                .chars()
                .all(|c| c == ' ' || c == '-' || c == '\'' || c == '’' || c == '\u{a0}')
        {
            return false;
        }
    }
    let capitalised = |w: &Token| {
        // Scripts without capitals (Arabic, Hebrew) and digits say nothing of case.
        w.text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_lowercase())
    };
    // A name may begin with a particle ("al-Mayadeen") when a word of it is capitalised.
    words.iter().any(capitalised)
        && words
            .iter()
            .all(|w| capitalised(w) || PARTICLES.contains(&w.folded.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    fn world() -> &'static World {
        World::get().expect("the build compiled the world gazetteer")
    }

    fn places(text: &str) -> Vec<(String, String)> {
        let w = world();
        w.find(text, &tokens(text))
            .into_iter()
            .map(|m| {
                let p = w.place(m.place).expect("a place");
                (
                    text[m.start..m.end].to_string(),
                    String::from_utf8_lossy(&p.country).into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn places_of_other_wars_are_found_with_their_countries() {
        let found = places(
            "Shelling hit Kharkiv and Izium overnight, and fighting went on near Bakhmut in \
             eastern Ukraine. In Sudan, the RSF besieged El Fasher.",
        );
        for (name, country) in [
            ("Kharkiv", "UA"),
            ("Izium", "UA"),
            ("Bakhmut", "UA"),
            ("Ukraine", "UA"),
            ("Sudan", "SD"),
            ("El Fasher", "SD"),
        ] {
            assert!(
                found.contains(&(name.to_string(), country.to_string())),
                "{name}: {found:?}"
            );
        }
    }

    #[test]
    fn a_reports_own_transliteration_of_an_arabic_name_is_found() {
        // GeoNames spells them "Kafr Batna" and "Kafranbel".
        let found = places(
            "Regime artillery shelled Kafarbatna in the Damascus countryside and Kafranbil in \
             Idlib, Syria. Abu Mohammad, a resident, said the Americans had left.",
        );
        for name in ["Kafarbatna", "Kafranbil"] {
            assert!(
                found.contains(&(name.to_string(), "SY".to_string())),
                "{name}: {found:?}"
            );
        }
        assert!(
            found
                .iter()
                .all(|(n, _)| n != "Mohammad" && n != "Americans"),
            "{found:?}"
        );
        // Outside a report about an Arab country, no transliteration is guessed.
        assert!(places("Kafarbatna was quiet.").is_empty());
    }

    #[test]
    fn ordinary_words_and_peoples_names_are_not_places() {
        let found = places(
            "Obama said the bill would pass. He said it twice, and the Senate agreed. Mark \
             my words, said the senator from the city.",
        );
        assert!(found.is_empty(), "{found:?}");
        // A title-case headline's function words are no towns, even in a report of the
        // country that has one of that name (Of, in Turkey).
        let found = places(
            "Earthquake Of Magnitude 6 Hits Eastern Turkey\nThe quake struck near Van, in \
             the east of Turkey.",
        );
        assert!(found.iter().all(|(n, _)| n != "Of"), "{found:?}");
        assert!(found.iter().any(|(n, _)| n == "Van"), "{found:?}");
    }

    #[test]
    fn a_shared_name_goes_to_the_country_the_report_is_about() {
        let found = places("In Lebanon, gunmen clashed in Tripoli and near Beirut.");
        assert!(
            found.contains(&("Tripoli".to_string(), "LB".to_string())),
            "{found:?}"
        );
        let found = places("In Libya, militias clashed in Tripoli and near Misrata.");
        assert!(
            found.contains(&("Tripoli".to_string(), "LY".to_string())),
            "{found:?}"
        );
    }

    #[test]
    fn names_in_arabic_and_cyrillic_are_found() {
        let found = places("Обстрел Харькова и Изюма. قصف على حلب وإدلب");
        let countries: Vec<&str> = found.iter().map(|(_, c)| c.as_str()).collect();
        assert!(countries.contains(&"SY"), "{found:?}");
    }

    #[test]
    fn distances_are_in_kilometres() {
        let w = world();
        let (a, b) = (
            w.best_by_name("Mayadin").expect("Mayadin"),
            w.best_by_name("Deir ez-Zor").expect("Deir ez-Zor"),
        );
        let km = w.distance_km(a, b).expect("both have coordinates");
        assert!((35.0..55.0).contains(&km), "{km}");
        assert_eq!(w.country_name("SY"), Some("Syria"));
    }
}
