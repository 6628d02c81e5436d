"""The historical office holders (``kb/data/officeholders.tsv``): a leader named in old
news without a nationality gets a country and a sector, an ambiguous surname gets none,
and the table agrees with ``persons.tsv`` and ``countries.tsv``."""

from __future__ import annotations

from importlib import resources

import pytest

from detente.kb import KnowledgeBase, key
from detente.pipeline import Analyzer

PERSON_FILES = ("persons.tsv", "officeholders.tsv")


def person_rows(file: str) -> list[dict[str, str]]:
    """The rows of a shipped persons table, by column name."""
    lines = (resources.files("detente.kb") / "data" / file).read_text(encoding="utf-8")
    header, *rows = [line for line in lines.splitlines() if line and not line.startswith("#")]
    columns = header.split("\t")
    return [dict(zip(columns, row.split("\t"), strict=True)) for row in rows]


def spellings(row: dict[str, str]) -> list[str]:
    return [row["name"], *(alias for alias in row["aliases"].split("|") if alias)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


@pytest.mark.parametrize(
    ("mention", "name", "country", "sector"),
    [
        ("Francisco Franco", "Francisco Franco", "ESP", "GOV"),
        ("Caetano", "Marcello Caetano", "PRT", "GOV"),
        ("Drees", "Willem Drees", "NLD", "GOV"),
        ("Paul-Henri Spaak", "Paul-Henri Spaak", "BEL", "GOV"),
        ("Kreisky", "Bruno Kreisky", "AUT", "GOV"),
        ("Micheline Calmy-Rey", "Micheline Calmy-Rey", "CHE", "GOV"),
        ("Eamon de Valera", "Eamon de Valera", "IRL", "GOV"),
        ("Olof Palme", "Olof Palme", "SWE", "GOV"),
        ("Einar Gerhardsen", "Einar Gerhardsen", "NOR", "GOV"),
        ("Poul Schlüter", "Poul Schlueter", "DNK", "GOV"),
        ("Kekkonen", "Urho Kekkonen", "FIN", "GOV"),
        ("Archbishop Makarios", "Archbishop Makarios III", "CYP", "GOV"),
        ("Konstantinos Karamanlis", "Konstantinos Karamanlis", "GRC", "GOV"),
        ("Jaruzelski", "Wojciech Jaruzelski", "POL", "GOV"),
        ("Dubček", "Alexander Dubcek", "CZE", "GOV"),
        ("Mikulas Dzurinda", "Mikulas Dzurinda", "SVK", "GOV"),
        ("János Kádár", "Janos Kadar", "HUN", "GOV"),
        ("Ceausescu", "Nicolae Ceausescu", "ROU", "GOV"),
        ("Marshal Tito", "Josip Broz Tito", "SRB", "GOV"),
        ("Mykola Azarov", "Mykola Azarov", "UKR", "GOV"),
        ("Golda Meir", "Golda Meir", "ISR", "GOV"),
        ("Mossadegh", "Mohammad Mosaddegh", "IRN", "GOV"),
        ("Abd al-Karim Qasim", "Abd al-Karim Qasim", "IRQ", "GOV"),
        ("Farouk al-Sharaa", "Farouk al-Sharaa", "SYR", "GOV"),
        ("Nasser", "Gamal Abdel Nasser", "EGY", "GOV"),
        ("Wasfi al-Tal", "Wasfi al-Tal", "JOR", "GOV"),
        ("Camille Chamoun", "Camille Chamoun", "LBN", "GOV"),
        ("Ahmad Shukeiri", "Ahmad Shukeiri", "PSE", "GOV"),
        ("Sheikh Jaber al-Ahmad", "Jaber al-Ahmad al-Jaber al-Sabah", "KWT", "GOV"),
        ("Yusuf bin Alawi", "Yusuf bin Alawi bin Abdullah", "OMN", "GOV"),
        ("Zulfikar Ali Bhutto", "Zulfikar Ali Bhutto", "PAK", "GOV"),
        ("Najibullah", "Mohammad Najibullah", "AFG", "GOV"),
        ("Sheikh Mujib", "Sheikh Mujibur Rahman", "BGD", "GOV"),
        ("Sirimavo Bandaranaike", "Sirimavo Bandaranaike", "LKA", "GOV"),
        ("Ferdinand Marcos", "Ferdinand Marcos", "PHL", "GOV"),
        ("Ngo Dinh Diem", "Ngo Dinh Diem", "VNM", "GOV"),
        ("Abhisit", "Abhisit Vejjajiva", "THA", "GOV"),
        ("Tunku Abdul Rahman", "Tunku Abdul Rahman", "MYS", "GOV"),
        ("S. R. Nathan", "S. R. Nathan", "SGP", "GOV"),
        ("Ne Win", "Ne Win", "MMR", "GOV"),
        ("Pak Pong Ju", "Pak Pong Ju", "PRK", "GOV"),
        ("Chiang Ching-kuo", "Chiang Ching-kuo", "TWN", "GOV"),
        ("Gowon", "Yakubu Gowon", "NGA", "GOV"),
        ("Jomo Kenyatta", "Jomo Kenyatta", "KEN", "GOV"),
        ("Haile Selassie", "Haile Selassie", "ETH", "GOV"),
        ("Buyoya", "Pierre Buyoya", "BDI", "GOV"),
        ("Gregoire Kayibanda", "Gregoire Kayibanda", "RWA", "GOV"),
        ("Lumumba", "Patrice Lumumba", "COD", "GOV"),
        ("Ian Smith", "Ian Smith", "ZWE", "GOV"),
        ("King Idris", "King Idris", "LBY", "GOV"),
        ("Boumediene", "Houari Boumediene", "DZA", "GOV"),
        ("King Mohammed V", "King Mohammed V", "MAR", "GOV"),
        ("Fulgencio Batista", "Fulgencio Batista", "CUB", "GOV"),
        ("Rafael Caldera", "Rafael Caldera", "VEN", "GOV"),
        ("Belisario Betancur", "Belisario Betancur", "COL", "GOV"),
        ("Allende", "Salvador Allende", "CHL", "GOV"),
        ("Fernando Belaúnde Terry", "Fernando Belaunde Terry", "PER", "GOV"),
        ("Muldoon", "Robert Muldoon", "NZL", "GOV"),
        ("Manfred Wörner", "Manfred Woerner", "IGO", "IGO"),
        ("Joseph Luns", "Joseph Luns", "IGO", "IGO"),
        ("Ricardo Alarcon", "Ricardo Alarcon", "CUB", "LEG"),
    ],
)
def test_a_historical_leader_has_a_country_and_sector(
    kb: KnowledgeBase, mention: str, name: str, country: str, sector: str
) -> None:
    found = kb.person(mention)
    assert found is not None, mention
    assert (found.name, found.country, found.sector) == (name, country, sector)


@pytest.mark.parametrize(
    "surname",
    [
        # two listed people, or a listed person and another common bearer, share them
        "Marcos",
        "Aquino",
        "Karamanlis",
        "Papandreou",
        "Kyprianou",
        "Bhutto",
        "Gemayel",
        "Karami",
        "Salam",
        "Atassi",
        "Arif",
        "Zahedi",
        "Senanayake",
        "Bandaranaike",
        "Premadasa",
        "Romulo",
        "Roxas",
        "Pastrana",
        "Frei",
        "Lleras",
        "Eyskens",
        "Nagy",
        "Svoboda",
        "Papadopoulos",
        "Franco",
        "Batista",
        "Soares",
        "Begin",
        "Meir",
        "Amin",
        "Khan",
        "Rahman",
        "Kim",
        "Lee",
        "Nguyen",
        "Rasmussen",
    ],
)
def test_an_ambiguous_surname_is_nobody(kb: KnowledgeBase, surname: str) -> None:
    assert kb.person(surname) is None


def surnames(row: dict[str, str]) -> set[str]:
    """A person's surnames: the compound ones the row lists as aliases ("Gonzalez Videla"
    of "Gabriel Gonzalez Videla"), else the last word of each spelling of the name."""
    names = spellings(row)
    compound = {a for a in names[1:] if " " in a and any(n.endswith(f" {a}") for n in names)}
    if compound:
        return {key(a) for a in compound}
    return {key(n.split()[-1]) for n in names if " " in n}


def test_a_surname_alias_is_no_other_country_s_person_s_surname() -> None:
    countries_by_surname: dict[str, set[str]] = {}
    for file in PERSON_FILES:
        for row in person_rows(file):
            for surname in surnames(row):
                countries_by_surname.setdefault(surname, set()).add(row["country"])
    clashes = [
        (row["name"], alias)
        for row in person_rows("officeholders.tsv")
        for alias in spellings(row)[1:]
        if " " not in alias and countries_by_surname.get(key(alias), set()) - {row["country"]}
    ]
    assert clashes == []


@pytest.mark.parametrize("file", PERSON_FILES)
def test_every_country_code_is_known(kb: KnowledgeBase, file: str) -> None:
    unknown = {
        (row["name"], row["country"])
        for row in person_rows(file)
        if row["country"] != "IGO" and row["country"] not in kb.by_iso3
    }
    assert unknown == set()


def test_no_name_or_alias_names_two_rows() -> None:
    owners: dict[str, list[str]] = {}
    for file in PERSON_FILES:
        for row in person_rows(file):
            for spelling in {key(s) for s in spellings(row)}:
                owners.setdefault(spelling, []).append(f"{file}: {row['name']}")
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Deposed leader Ferdinand Marcos said on Monday he would return.",
            {"Ferdinand Marcos": ("PHL", "GOV")},
        ),
        (
            "Ceausescu said the talks with Jaruzelski went well.",
            {"Ceausescu": ("ROU", "GOV"), "Jaruzelski": ("POL", "GOV")},
        ),
        (
            "Chancellor Kreisky met Tito on Friday.",
            {"Kreisky": ("AUT", "GOV"), "Tito": ("SRB", "GOV")},
        ),
    ],
)
def test_old_news_names_leaders_of_their_countries(
    analyzer: Analyzer, text: str, expected: dict[str, tuple[str, str]]
) -> None:
    article = analyzer.analyze(text)
    people = {a.name: (a.country, a.sector) for a in article.actors if a.type == "person"}
    assert people == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # a name listed with its "Jr." is that person, not the father of the same name
        ("Ferdinand Marcos Jr.", "Ferdinand Marcos Jr."),
        ("Ferdinand Marcos", "Ferdinand Marcos"),
        # a "Jr." the table does not list is dropped to find the person
        ("Joseph R. Biden, Jr.", "Joe Biden"),
    ],
)
def test_a_generational_suffix_tells_father_and_son_apart(
    kb: KnowledgeBase, name: str, expected: str
) -> None:
    person = kb.person(name)
    assert person is not None and person.name == expected
