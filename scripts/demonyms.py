#!/usr/bin/env python3
"""Writes assets/geo/demonyms.tsv: each country's ISO code, name and demonym ("GR Greece Greek"),
from the `countryinfo` package (MIT licence). Triangulate reads it to name the forces, police and government of a report's
country when the report calls them only "troops", "police" or "the government".

    pip install countryinfo && python3 scripts/demonyms.py
"""
import os

import countryinfo

rows = {}
for c in countryinfo.all_countries():
    try:
        code = (c.iso() or {}).get("alpha2")
        demonym = (c.demonym() or "").split(",")[0].split(" or ")[0].strip()
        name = c.name()
        people = c.population() or 0
    except Exception:
        continue
    # England, Scotland and Wales share GB with the United Kingdom: the most populous is the
    # country the code names.
    if code and demonym and len(code) == 2 and people >= rows.get(code.upper(), ("", "", -1))[2]:
        rows[code.upper()] = (str(name).title(), demonym, people)

# Where news English names a country's people, forces and government otherwise than the package
# ("Saudi forces", "the Saudi government"), checked by hand.
USAGE = {"SA": "Saudi"}
for code, demonym in USAGE.items():
    if code in rows:
        name, _, people = rows[code]
        rows[code] = (name, demonym, people)

out = os.path.join(os.path.dirname(__file__), "..", "assets", "geo", "demonyms.tsv")
with open(out, "w", encoding="utf-8") as f:
    f.write("# Country code, country, demonym. From the countryinfo package (MIT), by scripts/demonyms.py.\n")
    for code in sorted(rows):
        name, demonym, _ = rows[code]
        f.write(f"{code}\t{name}\t{demonym}\n")
print(len(rows), "countries")
