"""Places: the gazetteer, and each event's place resolved to a country and coordinates
that feed the target of violence and force."""

from __future__ import annotations

import pytest

from detente.events.plover import plover_records
from detente.kb.gazetteer import CITY, city, fold
from detente.pipeline import Analyzer


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),  # another name of a large city
        ("Kharkiv", "UKR"),
        ("Kraków", "POL"),
        ("Krakow", "POL"),  # without its accent
        ("Damascus", "SYR"),
        ("Springfield", "USA"),  # many share the name: the most populous
        ("Zzyzxville", None),
    ],
)
def test_the_gazetteer(name: str, country: str | None) -> None:
    found = city(name)
    assert (found.country if found else None) == country
    if found is not None:
        assert found.precision == CITY and found.lat is not None and found.lon is not None


def test_fold_ignores_accents_case_and_the() -> None:
    assert fold("The  Hague") == fold("the hague") == "hague"
    assert fold("Kraków") == "krakow"


# text -> (type, source, target, location, location_country, precision)
PLACES = [
    (
        "Russian forces shelled Kharkiv on Tuesday.",
        ("ASSAULT", "RUS", "UKR", "Kharkiv", "UKR", "city"),
    ),
    (
        "Russia launched missiles at Kyiv, killing five people.",
        ("ASSAULT", "RUS", "UKR", "Kyiv", "UKR", "city"),
    ),
    (
        "Demonstrators in Lviv protested against the war.",
        ("PROTEST", "UKR", "UKR", "Lviv", "UKR", "city"),
    ),
    (
        "Norwegian Foreign Minister Ada Lind met Kenyan President Sam Oduya in Nairobi.",
        ("CONSULT", "NOR", "KEN", "Nairobi", "KEN", "city"),
    ),
    (
        "Norway imposed sanctions on Belarus.",
        ("SANCTION", "NOR", "BLR", None, None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_event_places(analyzer: Analyzer, text: str, expected: tuple) -> None:
    (event,) = analyzer.analyze(text).events
    found = (
        event.type,
        event.source_country,
        event.target_country,
        event.location,
        event.location_country,
        event.location_precision,
    )
    assert found == expected
    assert (event.lat is None) == (event.location_precision in (None, "country"))


def test_the_plover_export_carries_the_place(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Russian forces shelled Kharkiv on Tuesday.", published="2024-07-10")
    (record,) = plover_records(article)
    assert record["geolocation"]["country"] == "UKR"
    assert record["geolocation"]["precision"] == "city"
    assert record["dateSource"] == "text"
