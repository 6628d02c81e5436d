"""What people give detente (dates, country codes, dyads, words to match) is checked the
same way at every door: the command line, the Python API and the HTTP API answer the same
mistake with the same coded error. Every article here is invented."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import detente
from detente import errors
from detente.cli import main
from detente.pipeline import Analyzer
from detente.store import Filters, Store
from detente.validation import Countries, calendar_date
from detente.web import create_app
from test_web_api import TALKS, build_store

FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD"


# -- the validators --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["2024", "2024-02", "2024-02-29", "2000-02-29", "2023-12-31", "2023-04-30", "0001-01-01"],
)
def test_real_calendar_dates_are_taken_as_given(value: str) -> None:
    assert calendar_date("since", value) == value


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2023-02-29", "February 2023 has 28 days"),
        ("1900-02-29", "February 1900 has 28 days"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("2024-04-31", "April 2024 has 30 days"),
        ("2024-13-45", "there is no month 13"),
        ("2023-13", "there is no month 13"),
        ("2023-99", "there is no month 99"),
        ("2023-00", "there is no month 00"),
        ("2023-00-10", "there is no month 00"),
        ("2024-01-00", "there is no day 00"),
        ("0000", "there is no year 0000"),
        ("May", FORMS),
        ("", FORMS),
        ("2024-1-5", FORMS),
        ("2024/01/05", FORMS),
        ("20240105", FORMS),
        (" 2024", FORMS),
        ("2024-01-05T10:00", FORMS),
        ("２０２４", FORMS),
        (2024, f"{FORMS} as a string"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(value: Any, problem: str) -> None:
    with pytest.raises(errors.InvalidDate) as raised:
        calendar_date("since", value)
    assert raised.value.message == f"since: {value!r} is not a date: {problem}"
    assert isinstance(raised.value, errors.InvalidArgument) and isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("value", "stored", "code"),
    [
        ("USA", (), "USA"),
        ("isl", (), "ISL"),
        ("XKX", (), "XKX"),
        ("IGO", (), "IGO"),  # international bodies: the knowledge base codes them so
        ("ESH", (), "ESH"),  # named by an organisation of the knowledge base
        ("qqq", ("QQQ",), "QQQ"),  # added by a user's --kb when the store was filled
    ],
)
def test_known_country_codes_are_taken_in_capitals(
    value: str, stored: tuple[str, ...], code: str
) -> None:
    assert Countries(lambda: stored).code("country", value) == code


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("USS", "did you mean USA, SSD, RUS?"),
        ("XXX", "did you mean XKX?"),
        ("Norway", "did you mean NOR?"),
        ("UK", "did you mean GBR?"),
        ("YYY", "give a three-letter ISO 3166 code such as USA or CHN"),
        ("ısl", "did you mean ISL, SLV, SLE?"),
        ("", "give a three-letter ISO 3166 code such as USA or CHN"),
    ],
)
def test_unknown_country_codes_are_refused_with_the_nearest(value: str, hint: str) -> None:
    with pytest.raises(errors.UnknownCountry) as raised:
        Countries().code("series", value)
    assert raised.value.message == f"series: {value!r} is not a country code; {hint}"
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize(
    ("value", "pair"),
    [("USA-CHN", ("USA", "CHN")), ("isl-nor", ("ISL", "NOR")), ("usa_chn", ("USA", "CHN"))],
)
def test_dyads_are_two_known_codes(value: str, pair: tuple[str, str]) -> None:
    assert Countries().dyad("dyad", value) == pair


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("USA", errors.InvalidDyad, "'USA' is not two country codes; write AAA-BBB, e.g. USA-CHN"),
        ("USA-CHN-RUS", errors.InvalidDyad, "'USA-CHN-RUS' is not two country codes;"),
        ("", errors.InvalidDyad, "'' is not two country codes;"),
        ("NORWAY-CHN", errors.UnknownCountry, "'NORWAY' is not a country code; did you mean NOR?"),
        ("USA-", errors.UnknownCountry, "'' is not a country code;"),
    ],
)
def test_other_dyads_are_refused(
    value: str, error: type[errors.DetenteError], message: str
) -> None:
    with pytest.raises(error) as raised:
        Countries().dyad("dyad", value)
    assert raised.value.message.startswith(f"dyad: {message}")


# -- the same mistake at every door ------------------------------------------------------------
@pytest.fixture(scope="module")
def db(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web tests' store (Norway and Iceland, March to May 2024), with three quotes
    whose speakers' names hold the characters LIKE reads as wildcards."""
    path = build_store(tmp_path_factory.mktemp("validation") / "news.db", analyzer)
    with sqlite3.connect(path) as connection:
        article = connection.execute("SELECT id FROM articles ORDER BY id").fetchone()[0]
        for number, speaker in enumerate(["50% Club", "500 Club", "Al_Amin", "Al Amin", "A\\B"]):
            connection.execute(
                'INSERT INTO quotes (article_id, quote_id, kind, text, start, "end", '
                "speaker_name) VALUES (?, ?, 'direct', 'Words.', 0, 1, ?)",
                (article, f"wildcard-{number}", speaker),
            )
    connection.close()
    return path


@pytest.fixture(scope="module")
def client(db: Path, analyzer: Analyzer) -> Iterator[TestClient]:
    with TestClient(create_app(db, analyzer=analyzer, rate_limit=0)) as test_client:
        yield test_client


def cli_error(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The code and the message of the one line the command prints for a refused call
    (``detente: [D072] MESSAGE``)."""
    status = main(args)
    out, err = capsys.readouterr()
    assert status == 2, err
    line = re.fullmatch(r"detente: \[(D\d{3})\] (.+)\n", err)
    assert out == "" and line, err
    return line[1], line[2]


def http_error(response: Any) -> tuple[str, str]:
    """The code and the message of a refused request (422, the service's error shape)."""
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid"
    return error["detente_code"], error["message"]


def test_an_impossible_published_date_is_refused_at_every_door(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], analyzer: Analyzer, client: TestClient
) -> None:
    message = "published: '2024-13-45' is not a date: there is no month 13"
    article = tmp_path / "talks.txt"
    article.write_text(TALKS, encoding="utf-8")
    assert cli_error(["analyze", str(article), "--published", "2024-13-45"], capsys) == (
        "D072",
        message,
    )
    for call in (
        lambda: detente.analyze(TALKS, published="2024-13-45"),
        lambda: analyzer.analyze(TALKS, published="2024-13-45"),
    ):
        with pytest.raises(ValueError) as raised:
            call()
        assert isinstance(raised.value, errors.InvalidDate)
        assert raised.value.message == message and raised.value.code == "D072"
    for path in ("/api/analyze", "/api/articles"):
        response = client.post(path, json={"text": TALKS, "published": "2024-13-45"})
        assert http_error(response) == ("D072", message)


def test_an_impossible_date_in_a_record_fails_that_record_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tmp_path / "news.jsonl"
    lines = [{"text": TALKS, "published": "2024-02-30"}, {"text": TALKS, "published": "2024-02"}]
    records.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert main(["analyze", str(records), "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["article"]["published"] for line in out.splitlines()] == ["2024-02"]
    assert f"{records}:1: published: '2024-02-30' is not a date: February 2024 has 29 days" in err


MISTAKES = [
    pytest.param(
        ["events", "--since", "2023-13"],
        ("/api/events", {"since": "2023-13"}),
        ("D072", "since: '2023-13' is not a date: there is no month 13"),
        id="events-since-month-13",
    ),
    pytest.param(
        ["events", "--until", "2023-02-29"],
        ("/api/events", {"until": "2023-02-29"}),
        ("D072", "until: '2023-02-29' is not a date: February 2023 has 28 days"),
        id="events-until-not-a-leap-year",
    ),
    pytest.param(
        ["events", "--since", "May"],
        ("/api/events", {"since": "May"}),
        ("D072", f"since: 'May' is not a date: {FORMS}"),
        id="events-since-a-word",
    ),
    pytest.param(
        ["series", "NOR", "ISL", "--since", "2023-99"],
        ("/api/series", {"a": "NOR", "b": "ISL", "since": "2023-99"}),
        ("D072", "since: '2023-99' is not a date: there is no month 99"),
        id="series-since-month-99",
    ),
    pytest.param(
        ["series", "XXX", "YYY"],
        ("/api/series", {"a": "XXX", "b": "YYY"}),
        ("D073", "series: 'XXX' is not a country code; did you mean XKX?"),
        id="series-unknown-codes",
    ),
    pytest.param(
        ["series", "NOR", "Iceland"],
        ("/api/series", {"a": "NOR", "b": "Iceland"}),
        ("D073", "series: 'Iceland' is not a country code; did you mean ISL?"),
        id="series-a-country-name",
    ),
    pytest.param(
        ["events", "--dyad", "USS-CHN"],
        ("/api/events", {"dyad": "USS-CHN"}),
        ("D073", "dyad: 'USS' is not a country code; did you mean USA, SSD, RUS?"),
        id="events-dyad-unknown-code",
    ),
    pytest.param(
        ["events", "--dyad", "USA"],
        ("/api/events", {"dyad": "USA"}),
        ("D074", "dyad: 'USA' is not two country codes; write AAA-BBB, e.g. USA-CHN"),
        id="events-dyad-one-code",
    ),
    pytest.param(
        ["actors", "--country", "Norway"],
        ("/api/actors", {"country": "Norway"}),
        ("D073", "country: 'Norway' is not a country code; did you mean NOR?"),
        id="actors-country-name",
    ),
]


@pytest.mark.parametrize(("args", "request_", "error"), MISTAKES)
def test_the_same_mistake_is_the_same_error_on_the_command_line_and_over_http(
    args: list[str],
    request_: tuple[str, dict[str, str]],
    error: tuple[str, str],
    db: Path,
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, message = error
    assert cli_error([*args, "--db", str(db)], capsys) == (code, message)
    path, params = request_
    assert http_error(client.get(path, params=params)) == (code, message)


def test_filters_refuse_impossible_dates_in_python() -> None:
    with pytest.raises(errors.InvalidDate, match=r"since: '2023-13' is not a date"):
        Filters(since="2023-13")
    with pytest.raises(ValueError, match=r"\[D072\] until: '2024-02-30'"):
        Filters(until="2024-02-30")


def test_good_values_still_find_what_they_name(
    db: Path, client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    events = client.get("/api/events", params={"dyad": "nor_isl", "since": "2024-04"}).json()
    assert events["total"] >= 1 and all(e["date"] >= "2024-04" for e in events["items"])
    assert main(["series", "nor", "isl", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["series", "USA", "CHN", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [], "a known dyad with no events: nothing"


# -- words matched with LIKE ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("speaker", "found"),
    [
        ("%", ["50% Club"]),
        ("_", ["Al_Amin"]),
        ("\\", ["A\\B"]),
        ("0%", ["50% Club"]),
        ("l_A", ["Al_Amin"]),
        ("al am", ["Al Amin"]),
        ("jonsdottir", ["Katrin Jonsdottir"]),
    ],
)
def test_a_speaker_is_matched_letter_for_letter(
    speaker: str, found: list[str], db: Path, client: TestClient
) -> None:
    with Store(db) as store:
        assert sorted({q["speaker_name"] for q in store.quotes(Filters(speaker=speaker))}) == found
    items = client.get("/api/quotes", params={"speaker": speaker, "limit": 500}).json()["items"]
    assert sorted({q["speaker_name"] for q in items}) == found


def test_wildcards_are_letters_on_the_command_line(
    db: Path, capsys: pytest.CaptureFixture[str], client: TestClient
) -> None:
    assert client.get("/api/quotes").json()["total"] > 1
    assert main(["quotes", "--db", str(db), "--speaker", "%", "--format", "json"]) == 0
    assert [q["speaker_name"] for q in json.loads(capsys.readouterr().out)] == ["50% Club"]
    assert main(["actors", "--db", str(db), "--name", "%", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert client.get("/api/actors", params={"name": "_"}).json()["total"] == 0
