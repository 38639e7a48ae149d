//! Compiles the shipped world gazetteer (`assets/geo/places.tsv`, GeoNames data converted by
//! `scripts/geonames_gazetteer.py`) into the tables `analysis::world` reads: the places, and a
//! multi-pattern automaton (daachorse) over every name folded as texts are folded when matched.
//!
//! Building the automaton over some 280,000 names takes about a second and a few hundred MB; the
//! program loads the result in milliseconds. The layout of `world.bin` (little-endian):
//!
//! ```text
//! magic "TRWG" u32 version
//! u32 places; per place: [u8; 2] country, u8 feature (0 country, 1 region, 2 place),
//!     u32 population, i32 lat ×10⁴, i32 lon ×10⁴ (i32::MIN: unknown), u32 name offset, u32 name length,
//!     u32 the pattern of its own name (u32::MAX: none)
//! u32 patterns; (patterns + 1) × u32 offsets into the candidates; u32 candidates; candidates × u32 place
//! u32 bytes of names, the names (UTF-8)
//! u32 skeletons; per skeleton: u32 length, its bytes, u32 places, places × u32 place
//! the serialized automaton: values are pattern numbers
//! ```
//!
//! The skeletons (`words::skeleton`) are those of the Latin spellings of places in countries
//! whose names are transliterated from Arabic, so that a report's own transliteration
//! ("Kafranbil") meets the gazetteer's ("Kafr Nabl").

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

#[path = "src/analysis/words.rs"]
#[allow(dead_code)]
mod words;

const VERSION: u32 = 3;
/// Countries whose place names reports transliterate from Arabic, each in its own way.
const ARABIC_NAMES: &[&str] = &[
    "SY", "IQ", "LB", "JO", "PS", "YE", "LY", "SD", "EG", "SA", "AE", "OM", "KW", "QA", "BH", "DZ",
    "TN", "MA", "MR",
];
/// Names of more words than this are not matched (no real place name is longer).
const MAX_WORDS: usize = 6;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let source = Path::new(&manifest).join("../../assets/geo/places.tsv");
    println!("cargo::rerun-if-changed={}", source.display());
    println!("cargo::rerun-if-changed=src/analysis/words.rs");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("world.bin");
    let text = std::fs::read_to_string(&source).unwrap_or_default();

    let mut places = Vec::new();
    let mut primary_keys: Vec<Option<String>> = Vec::new();
    let mut names = String::new();
    let mut patterns: HashMap<String, Vec<u32>> = HashMap::new();
    let mut skeletons: HashMap<String, Vec<u32>> = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [
            _,
            name,
            country,
            _,
            feature,
            population,
            lat,
            lon,
            alternates,
        ] = fields[..]
        else {
            continue;
        };
        let index = places.len() as u32;
        let coordinate = |v: &str| {
            v.parse::<f64>()
                .map_or(i32::MIN, |d| (d * 10_000.0).round() as i32)
        };
        let mut code = [b' '; 2];
        for (slot, byte) in code.iter_mut().zip(country.bytes()) {
            *slot = byte;
        }
        places.push((
            code,
            match feature {
                "PCL" => 0u8,
                "ADM1" => 1,
                _ => 2,
            },
            population.parse::<u32>().unwrap_or(0),
            coordinate(lat),
            coordinate(lon),
            names.len() as u32,
            name.len() as u32,
        ));
        names.push_str(name);
        primary_keys.push(None);
        for (n, spelling) in std::iter::once(name)
            .chain(alternates.split('|'))
            .enumerate()
        {
            let folded: Vec<String> = words::tokens(spelling)
                .into_iter()
                .map(|t| t.folded)
                .collect();
            if folded.is_empty()
                || folded.len() > MAX_WORDS
                || folded.iter().all(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                continue;
            }
            if ARABIC_NAMES.contains(&country)
                && let Some(bones) = words::skeleton(folded.iter().map(String::as_str))
            {
                let list = skeletons.entry(bones).or_default();
                if list.last() != Some(&index) {
                    list.push(index);
                }
            }
            let key = format!(" {} ", folded.join(" "));
            if n == 0 {
                primary_keys[index as usize] = Some(key.clone());
            }
            let list = patterns.entry(key).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }

    // Patterns in a fixed order, so that the output is the same from one build to the next.
    let mut keys: Vec<(String, Vec<u32>)> = patterns.into_iter().collect();
    keys.sort();
    let pattern_of: HashMap<&str, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (key.as_str(), i as u32))
        .collect();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(b"TRWG");
    bytes.extend_from_slice(&VERSION.to_le_bytes());
    bytes.extend_from_slice(&(places.len() as u32).to_le_bytes());
    for ((country, feature, population, lat, lon, offset, length), primary) in
        places.iter().zip(&primary_keys)
    {
        bytes.extend_from_slice(country);
        bytes.push(*feature);
        bytes.extend_from_slice(&population.to_le_bytes());
        bytes.extend_from_slice(&lat.to_le_bytes());
        bytes.extend_from_slice(&lon.to_le_bytes());
        bytes.extend_from_slice(&offset.to_le_bytes());
        bytes.extend_from_slice(&length.to_le_bytes());
        let primary = primary
            .as_deref()
            .and_then(|key| pattern_of.get(key))
            .copied()
            .unwrap_or(u32::MAX);
        bytes.extend_from_slice(&primary.to_le_bytes());
    }
    bytes.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    let mut at = 0u32;
    for (_, candidates) in &keys {
        bytes.extend_from_slice(&at.to_le_bytes());
        at += candidates.len() as u32;
    }
    bytes.extend_from_slice(&at.to_le_bytes());
    bytes.extend_from_slice(&at.to_le_bytes());
    for (_, candidates) in &keys {
        for place in candidates {
            bytes.extend_from_slice(&place.to_le_bytes());
        }
    }
    bytes.extend_from_slice(&(names.len() as u32).to_le_bytes());
    bytes.extend_from_slice(names.as_bytes());
    let mut skeletons: Vec<(String, Vec<u32>)> = skeletons.into_iter().collect();
    skeletons.sort();
    bytes.extend_from_slice(&(skeletons.len() as u32).to_le_bytes());
    for (bones, places) in &skeletons {
        bytes.extend_from_slice(&(bones.len() as u32).to_le_bytes());
        bytes.extend_from_slice(bones.as_bytes());
        bytes.extend_from_slice(&(places.len() as u32).to_le_bytes());
        for place in places {
            bytes.extend_from_slice(&place.to_le_bytes());
        }
    }
    if !keys.is_empty() {
        let automaton: daachorse::DoubleArrayAhoCorasick<u32> =
            daachorse::DoubleArrayAhoCorasickBuilder::new()
                .build_with_values(
                    keys.iter()
                        .enumerate()
                        .map(|(i, (key, _))| (key.as_bytes(), i as u32)),
                )
                .expect("the place names make an automaton");
        bytes.extend_from_slice(&automaton.serialize());
    }
    std::fs::File::create(&out)
        .and_then(|mut f| f.write_all(&bytes))
        .expect("OUT_DIR is writable");
}
