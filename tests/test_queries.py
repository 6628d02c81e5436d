"""Queries in SQL: keyset pages and their cursors, the indexes the hot queries search,
the migration that makes them, and dyad series counted by SQL aggregates. Every record
here is invented and written straight into a store: no NLP."""

from __future__ import annotations

import base64
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from detente.cli import main
from detente.errors import InvalidCursor
from detente.model import Actor, Article, Event, Quote, Span
from detente.series import series, store_series
from detente.store import (
    MIGRATIONS,
    Filters,
    Store,
    article_text,
    count_sql,
    list_sql,
    series_sql,
)
from detente.web import create_app

TEXT = "Officials met. " * 20


def _event(
    eid: str, kind: str, sides: str, date: str | None, intensity: float, **more: Any
) -> Event:
    """An event of ``kind`` from the first country of ``sides`` (``USA>CHN``) to the second."""
    source, target = sides.split(">")
    return Event(
        id=eid,
        type=kind,
        mode=None,
        status=more.get("status", "occurred"),
        source=more.get("source"),
        target=more.get("target"),
        source_country=source or None,
        target_country=target or None,
        date=date,
        location=None,
        intensity=intensity,
        confidence=more.get("confidence", 0.8),
        evidence=Span(0, 14, TEXT[:14]),
        rule="invented",
    )


def _quote(qid: str, start: int, speaker: str | None, said: str, text: str) -> Quote:
    return Quote(qid, "direct", text, start, start + 10, speaker=speaker, speaker_text=said)


def _article(number: int, published: str | None, events: list[Event], **more: Any) -> Article:
    return Article(
        id=f"{number:016x}",
        text=TEXT,
        title=f"Article {number}",
        published=published,
        actors=more.get("actors", []),
        quotes=more.get("quotes", []),
        events=events,
    )


BLINKEN = Actor("a1", "person", "Antony Blinken", "USA", "GOV")
WANG = Actor("a2", "person", "Wang Yi", "CHN", "GOV")
ODD = Actor("a3", "person", "Ana 100%_Real", "NOR")
ARTICLES = [
    _article(
        1,
        "2023-06-19",
        [
            _event("e1", "CONSULT", "USA>CHN", "2023-06-19", 1.0, source="a1", target="a2"),
            _event("e2", "SANCTION", "USA>CHN", "2023-06-20", -6.0),
            _event("e3", "ACCUSE", "CHN>USA", None, -2.0, confidence=0.4),
            _event("e4", "CONSULT", "NOR>ISL", "2023-06", 1.0, status="planned"),
        ],
        actors=[BLINKEN, WANG],
        quotes=[
            _quote("q1", 40, "a1", "Blinken", "We want calm relations."),
            _quote("q2", 10, None, "an official", "Calm is needed."),
        ],
    ),
    _article(
        2,
        "2023-06-20",
        [
            _event("e1", "CONSULT", "USA>CHN", "2023-06-19", 1.5, source="a1", target="a2"),
            _event("e2", "SANCTION", "USA>CHN", "2023-06-21", -5.5),
            _event("e3", "AID", "CHN>RUS", "2023", 6.5),
            _event("e4", "ASSAULT", "RUS>USA", "2023-06-20", -9.0, status="negated"),
            _event("e10", "CONSULT", "CHN>USA", "2023-06-20", 1.0),
        ],
        actors=[BLINKEN, WANG],
        quotes=[_quote("q1", 5, "a2", "Wang", "Sanctions will not work.")],
    ),
    _article(
        3,
        None,
        [
            _event("e1", "ACCUSE", "USA>CHN", None, -2.0),
            _event("e2", "CONSULT", "CHN>USA", "2023-02-30", 1.0),
            _event("e3", "REJECT", "USA>RUS", "2023-06-25", -4.0),
        ],
        actors=[ODD],
        quotes=[_quote("q1", 0, "a3", "Ana", "No calm at all.")],
    ),
    _article(
        4,
        "2023-07-01",
        [
            _event("e1", "THREATEN", "CHN>USA", "2023-07", -4.5),
            _event("e2", "COOPERATE", "USA>CHN", "2023-07-01", 4.0, confidence=0.95),
            _event("e3", "PROTEST", "USA>", "2023-07-01", -3.0),
        ],
        actors=[WANG],
        quotes=[_quote("q1", 0, None, None, "Unattributed calm words.")],
    ),
    _article(
        5,
        "2023-07-01",
        [
            _event("e1", "COOPERATE", "USA>CHN", "2023-07-02", 4.5),
            _event("e2", "SANCTION", "CHN>USA", "2023-07-03", -6.0),
        ],
        actors=[Actor("a1", "person", "Blinken", "USA")],
        quotes=[_quote("q1", 20, "a1", "Blinken", "Calm and firm.")],
    ),
    _article(
        6,
        "2022-12-31",
        [
            _event("e1", "CONSULT", "USA>CHN", "2023-01-01", 2.5),
            _event("e2", "ACCUSE", "CHN>USA", "2022-12", -2.0),
            _event("e3", "AID", "USA>CHN", "2023-01-02", 5.0),
        ],
    ),
    _article(7, "2024-02-29", [_event("e1", "SANCTION", "USA>CHN", "2024-02-29", -6.0)]),
    _article(10, "2023-06-02", [_event("e1", "CONSULT", "NOR>ISL", "2023-06-01", 1.0)]),
    _article(11, "2023-06-03", [_event("e1", "CONSULT", "NOR>ISL", "2023-06", 2.5)]),
]
"""Articles 10 and 11 report one consultation on the same day, one dated by its month:
linking makes article 10's report the first, and a series counts article 11's, the
first in date order ("2023-06" before "2023-06-01")."""
UNLINKED = [
    _article(
        8,
        "2023-06-21",
        [
            _event("e1", "SANCTION", "USA>CHN", "2023-06-21", -5.0),
            _event("e2", "CONSULT", "CHN>USA", "2023-06-22", 1.0),
        ],
    ),
    _article(
        9,
        "2023-06-22",
        [
            _event("e1", "SANCTION", "USA>CHN", "2023-06-22", -6.5),
            _event("e2", "CONSULT", "CHN>USA", "2023-06-30", 2.0),
        ],
    ),
]
"""Stored after the last relink: events without a cluster, as in a store whose run was
stopped before linking."""


def _fill(store: Store) -> Store:
    for article in ARTICLES:
        store.add(article)
    store.relink()
    for article in UNLINKED:
        store.add(article)
    return store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("queries") / "news.db"
    with Store(path, create=True) as store:
        _fill(store)
    return path


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


# -- the lists, as they must read ------------------------------------------------------


def _listed(article: Article, event: Event) -> str:
    return next((d for d in (event.date, article.published) if d is not None), "")


def _first_reports(store: Store) -> set[tuple[str, str]]:
    """The reports each event list ``by=cluster`` shows: a cluster's first, or unlinked."""
    rows = store.db.execute(
        "SELECT e.article_id, e.event_id FROM events e LEFT JOIN event_clusters c "
        "ON c.id = e.cluster_id WHERE c.id IS NULL "
        "OR (c.first_article = e.article_id AND c.first_event = e.event_id)"
    )
    return {(a, e) for a, e in rows}


def _selects(filters: Filters, article: Article, e: Event) -> bool:
    """Whether the event filters select an event, as the lists have always read them."""
    listed = _listed(article, e)
    sides = (e.source_country, e.target_country)
    return all(
        [
            not filters.dyad or (None not in sides and set(sides) == set(filters.dyad)),
            not filters.type or e.type == filters.type.upper(),
            not filters.status or e.status == filters.status,
            not filters.since or listed >= filters.since,
            not filters.until or (listed != "" and listed[: len(filters.until)] <= filters.until),
            filters.min_confidence is None or e.confidence >= filters.min_confidence,
        ]
    )


def expected_events(store: Store, filters: Filters, by: str) -> list[tuple[str, str]]:
    firsts = _first_reports(store)
    selected = [
        (_listed(article, e), article.id, e.id)
        for article in ARTICLES + UNLINKED
        for e in article.events
        if _selects(filters, article, e) and (by == "report" or (article.id, e.id) in firsts)
    ]
    return [(article, event) for _, article, event in sorted(selected)]


def expected_quotes(filters: Filters) -> list[tuple[str, str]]:
    out = []
    written = 0
    for article in ARTICLES + UNLINKED:
        names = {a.id: a.name for a in article.actors}
        for q in article.quotes:
            written += 1
            speaker = names.get(q.speaker or "", q.speaker_text) or ""
            if filters.speaker and filters.speaker.lower() not in speaker.lower():
                continue
            if filters.search and filters.search.lower() not in q.text.lower():
                continue
            dated = (article.published is not None, article.published or "")
            out.append((dated, article.id, q.start, written, q.id))
    return [(article, quote) for _, article, _, _, quote in sorted(out)]


def expected_actors(store: Store, filters: Filters) -> list[str]:
    rows = [dict(r) for r in store.db.execute("SELECT * FROM canonical_actors")]
    kept = [
        r
        for r in rows
        if (not filters.country or r["country"] == filters.country.upper())
        and (
            not filters.name
            or filters.name.lower() in r["name"].lower()
            or filters.name.lower() in r["variants"].lower()
        )
    ]
    return [r["id"] for r in sorted(kept, key=lambda r: (-r["articles"], r["name"], r["id"]))]


def expected_articles() -> list[str]:
    stored = ARTICLES + UNLINKED
    return [
        a.id
        for a in sorted(stored, key=lambda a: (a.published is not None, a.published or "", a.id))
    ]


def _ids(kind: str, rows: list[dict[str, Any]]) -> list[Any]:
    if kind == "events":
        return [(r["article_id"], r["event_id"]) for r in rows]
    if kind == "quotes":
        return [(r["article_id"], r["quote_id"]) for r in rows]
    return [r["id"] for r in rows]


LISTS = [
    pytest.param("events", Filters(), "report", id="events"),
    pytest.param("events", Filters(), "cluster", id="events-by-cluster"),
    pytest.param("events", Filters(dyad=("CHN", "USA")), "report", id="events-dyad"),
    pytest.param("events", Filters(dyad=("USA", "CHN")), "cluster", id="events-dyad-by-cluster"),
    pytest.param("events", Filters(type="consult"), "report", id="events-type"),
    pytest.param("events", Filters(status="planned"), "report", id="events-status"),
    pytest.param(
        "events", Filters(type="SANCTION", status="occurred"), "cluster", id="events-type-status"
    ),
    pytest.param("events", Filters(since="2023-06-20", until="2023-07"), "report", id="range"),
    pytest.param("events", Filters(until="2023"), "report", id="events-until-a-year"),
    pytest.param(
        "events",
        Filters(dyad=("USA", "CHN"), since="2023-06", until="2023-06-20"),
        "report",
        id="events-dyad-range",
    ),
    pytest.param("events", Filters(min_confidence=0.9), "report", id="events-confident"),
    pytest.param("events", Filters(dyad=("NOR", "NOR")), "report", id="events-dyad-none"),
    pytest.param("quotes", Filters(), "report", id="quotes"),
    pytest.param("quotes", Filters(speaker="blinken"), "report", id="quotes-speaker"),
    pytest.param("quotes", Filters(speaker="%_r"), "report", id="quotes-speaker-wildcards"),
    pytest.param("quotes", Filters(speaker="an"), "report", id="quotes-speaker-short"),
    pytest.param("quotes", Filters(search="calm"), "report", id="quotes-search"),
    pytest.param("quotes", Filters(search="calm", speaker="Blinken"), "report", id="both"),
    pytest.param("actors", Filters(), "report", id="actors"),
    pytest.param("actors", Filters(country="usa"), "report", id="actors-country"),
    pytest.param("actors", Filters(name="wang"), "report", id="actors-name"),
    pytest.param("articles", Filters(), "report", id="articles"),
]


def expected(store: Store, kind: str, filters: Filters, by: str) -> list[Any]:
    if kind == "events":
        return expected_events(store, filters, by)
    if kind == "quotes":
        return expected_quotes(filters)
    if kind == "actors":
        return expected_actors(store, filters)
    return expected_articles()


@pytest.mark.parametrize(("kind", "filters", "by"), LISTS)
def test_a_list_reads_in_its_order_and_counts_its_rows(
    store: Store, kind: str, filters: Filters, by: str
) -> None:
    whole = store.page(kind, filters, by=by, count=True)
    assert _ids(kind, whole.items) == expected(store, kind, filters, by)
    assert whole.total == len(whole.items) and whole.next is None


@pytest.mark.parametrize("limit", [1, 2, 5])
@pytest.mark.parametrize(("kind", "filters", "by"), LISTS)
def test_pages_followed_by_their_cursors_make_the_whole_list(
    store: Store, kind: str, filters: Filters, by: str, limit: int
) -> None:
    whole = store.page(kind, filters, by=by).items
    pages, cursor = [], None
    while True:
        page = store.page(kind, filters, by=by, limit=limit, cursor=cursor)
        assert len(page.items) <= limit and page.total is None
        pages.append(page.items)
        cursor = page.next
        if cursor is None:
            break
    assert [row for items in pages for row in items] == whole
    assert all(len(items) == limit for items in pages[:-1])


@pytest.mark.parametrize(("kind", "filters", "by"), LISTS)
def test_offset_still_pages_and_counts_from_a_cursor(
    store: Store, kind: str, filters: Filters, by: str
) -> None:
    whole = store.page(kind, filters, by=by).items
    assert store.page(kind, filters, by=by, limit=2, offset=1).items == whole[1:3]
    first = store.page(kind, filters, by=by, limit=1)
    if first.next is not None:
        after = store.page(kind, filters, by=by, limit=2, offset=1, cursor=first.next)
        assert after.items == whole[2:4]


def test_the_old_list_methods_return_the_whole_lists(store: Store) -> None:
    assert (
        store.events(Filters(dyad=("USA", "CHN")))
        == store.page("events", Filters(dyad=("USA", "CHN"))).items
    )
    assert store.quotes(Filters()) == store.page("quotes").items
    assert (
        store.actors(Filters(country="CHN")) == store.page("actors", Filters(country="CHN")).items
    )
    assert store.articles() == store.page("articles").items


def _token(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("kind", "cursor"),
    [
        pytest.param("events", "", id="empty"),
        pytest.param("events", "not a cursor!", id="not-base64"),
        pytest.param("events", _token("text")[:-2] + "@@", id="broken-base64"),
        pytest.param("events", base64.urlsafe_b64encode(b"\xff\xfe").decode(), id="not-utf8"),
        pytest.param("events", _token({"events": 1}), id="not-a-list"),
        pytest.param("events", _token(["quotes", None, "x", 1, 2]), id="another-lists"),
        pytest.param("events", _token(["events", "2023", "x"]), id="too-short"),
        pytest.param("events", _token(["events", "2023", "x", "e1", "e2"]), id="too-long"),
        pytest.param("events", _token(["events", None, "x", "e1"]), id="null-date"),
        pytest.param("actors", _token(["actors", True, "x", "y"]), id="boolean-count"),
        pytest.param("actors", _token(["actors", "2", "x", "y"]), id="text-count"),
        pytest.param("quotes", _token(["quotes", None, "x", 1.5, 2]), id="fraction"),
        pytest.param("articles", _token(["articles", 3, "x"]), id="number-date"),
        pytest.param("quotes", _token(["quotes", None, "x", -1, 2]), id="negative"),
    ],
)
def test_a_cursor_that_is_no_cursor_of_the_list_is_refused(
    store: Store, kind: str, cursor: str
) -> None:
    with pytest.raises(InvalidCursor) as refused:
        store.page(kind, limit=1, cursor=cursor)
    assert refused.value.code == "D076"
    assert refused.value.message == (
        f"cursor: {cursor!r} is not a cursor of this list; pass the next cursor that a "
        "page of the same list gave"
    )


# -- the migration ---------------------------------------------------------------------


def test_an_older_store_is_migrated_to_the_same_lists(db: Path, tmp_path: Path) -> None:
    """A store written before the query indexes (schema 3) reads the same once opened."""
    old = tmp_path / "old.db"
    raw = sqlite3.connect(old)
    for script in MIGRATIONS[:3]:
        raw.executescript(script)
    raw.execute("PRAGMA user_version = 3")
    raw.execute("ATTACH DATABASE ? AS new", (str(db),))
    tables = ("articles", "actors", "mentions", "quotes", "canonical_actors", "event_clusters")
    for table in (*tables, "events"):
        columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
        listed = ", ".join(f'"{c}"' for c in columns)
        raw.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM new.{table}")
    raw.create_function("article_text", 1, article_text)
    raw.execute(
        "INSERT INTO quotes_fts (rowid, text, speaker_name) "
        "SELECT q.rowid, coalesce(nullif(q.text, ''), "
        'substr(article_text(a.text), q.start + 1, q."end" - q.start)), '
        "q.speaker_name FROM new.quotes q JOIN new.articles a ON a.id = q.article_id"
    )
    raw.commit()
    raw.close()
    linked = tmp_path / "linked.db"
    shutil.copy(db, linked)
    with Store(old) as migrated, Store(linked) as fresh:
        assert migrated.version == len(MIGRATIONS)
        # an upgraded store links every article anew, as the fresh one does once linked
        migrated.link()
        fresh.link()
        assert migrated.digest() == fresh.digest()
        for kind, filters, by in [p.values for p in LISTS]:
            assert (
                migrated.page(kind, filters, by=by).items == fresh.page(kind, filters, by=by).items
            )


def test_the_speakers_index_follows_the_quotes_written_and_deleted(tmp_path: Path) -> None:
    with _fill(Store(tmp_path / "d.db", create=True)) as store:
        assert [q["quote_id"] for q in store.quotes(Filters(speaker="Wang Yi"))] == ["q1"]
        with store.db:
            store.db.execute("DELETE FROM articles WHERE id = ?", (ARTICLES[1].id,))
        found = "SELECT rowid FROM quote_speakers WHERE quote_speakers MATCH '\"Wang Yi\"'"
        assert store.db.execute(found).fetchall() == []


# -- the plans of the hot queries ------------------------------------------------------

KEY = {
    "events": ("2023-06-19", f"{1:016x}", "e1"),
    "quotes": ("2023-06-19", f"{1:016x}", 10, 2),
    "actors": (1, "Wang Yi", "person:wang-yi:chn"),
    "articles": ("2023-06-19", f"{1:016x}"),
}


def _plan(store: Store, sql: str, args: list[Any]) -> list[str]:
    return [row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", args)]


def _reading(plan: list[str], reads: str) -> list[str]:
    """The lines of ``plan`` that read as ``reads`` says (an index, a table)."""
    return [line for line in plan if line == reads or line.startswith(f"{reads} ")]


PAGES = [
    (
        "events",
        Filters(dyad=("USA", "CHN")),
        "cluster",
        False,
        "SEARCH e USING INDEX events_by_dyad",
    ),
    ("events", Filters(dyad=("USA", "CHN")), "report", True, "SEARCH e USING INDEX events_by_dyad"),
    ("events", Filters(type="SANCTION"), "report", True, "SEARCH e USING INDEX events_by_type"),
    (
        "events",
        Filters(type="SANCTION", status="occurred"),
        "cluster",
        False,
        "SEARCH e USING INDEX events_by_type",
    ),
    ("events", Filters(status="negated"), "report", False, "SEARCH e USING INDEX events_by_status"),
    (
        "events",
        Filters(since="2023-06", until="2023-07"),
        "report",
        False,
        "SEARCH e USING INDEX events_by_date",
    ),
    ("events", Filters(), "cluster", False, "SCAN e USING INDEX events_by_date"),
    ("events", Filters(), "cluster", True, "SEARCH e USING INDEX events_by_date"),
    ("events", Filters(min_confidence=0.9), "report", True, "SEARCH e USING INDEX events_by_date"),
    ("quotes", Filters(), "report", False, "SCAN a USING INDEX articles_by_date"),
    ("quotes", Filters(), "report", True, "SEARCH a USING INDEX articles_by_date"),
    (
        "quotes",
        Filters(speaker="Wa"),
        "report",
        True,
        "SEARCH a USING INDEX articles_by_date",
    ),
    ("quotes", Filters(speaker="Blinken"), "report", True, "SCAN sp VIRTUAL TABLE INDEX"),
    ("quotes", Filters(search="calm"), "report", False, "SCAN f VIRTUAL TABLE INDEX"),
    ("actors", Filters(), "report", False, "SCAN c USING INDEX canonical_actors_by_articles"),
    ("actors", Filters(), "report", True, "SEARCH c USING INDEX canonical_actors_by_articles"),
    (
        "actors",
        Filters(country="USA"),
        "report",
        False,
        "SEARCH c USING INDEX canonical_actors_by_country",
    ),
    (
        "actors",
        Filters(country="USA"),
        "report",
        True,
        "SEARCH c USING INDEX canonical_actors_by_country",
    ),
    ("articles", Filters(), "report", False, "SCAN a USING INDEX articles_by_date"),
    ("articles", Filters(), "report", True, "SEARCH a USING INDEX articles_by_date"),
]
"""The hot pages and the index each reads: a filtered page, and a page after a cursor,
search an index range; an unfiltered first page walks an index in the list's order."""


@pytest.mark.parametrize(("kind", "filters", "by", "after", "reads"), PAGES)
def test_a_page_reads_an_index_in_the_lists_order(
    store: Store, kind: str, filters: Filters, by: str, after: bool, reads: str
) -> None:
    sql, args = list_sql(kind, filters, by=by, after=KEY[kind] if after else None, limit=50)
    plan = _plan(store, sql, args)
    assert _reading(plan, reads), plan
    scans = [line for line in plan if line.startswith("SCAN") and "VIRTUAL TABLE" not in line]
    assert scans in ([], _reading(plan, reads)), plan
    if not (filters.search or filters.speaker == "Blinken"):
        assert not [line for line in plan if "TEMP B-TREE FOR ORDER BY" in line], plan


COUNTS = [
    (
        "events",
        Filters(dyad=("USA", "CHN")),
        "report",
        "SEARCH e USING COVERING INDEX events_by_dyad",
    ),
    (
        "events",
        Filters(dyad=("USA", "CHN"), since="2023", status="occurred"),
        "cluster",
        "SEARCH c USING COVERING INDEX event_clusters_by_dyad",
    ),
    (
        "events",
        Filters(type="AID", status="occurred", until="2023-07"),
        "report",
        "SEARCH e USING COVERING INDEX events_by_type",
    ),
    (
        "events",
        Filters(type="AID", status="occurred"),
        "cluster",
        "SEARCH c USING COVERING INDEX event_clusters_by_type",
    ),
    (
        "events",
        Filters(status="planned"),
        "cluster",
        "SEARCH c USING COVERING INDEX event_clusters_by_status",
    ),
    (
        "events",
        Filters(since="2023-06"),
        "cluster",
        "SEARCH c USING COVERING INDEX event_clusters_by_date",
    ),
    ("events", Filters(since="2023-06"), "report", "SEARCH e USING COVERING INDEX events_by_date"),
    ("quotes", Filters(speaker="Blinken"), "report", "SCAN sp VIRTUAL TABLE INDEX"),
    (
        "actors",
        Filters(country="CHN"),
        "report",
        "SEARCH c USING COVERING INDEX canonical_actors_by_country",
    ),
]
"""The hot counts and the index each counts on, without reading a table's rows."""


@pytest.mark.parametrize(("kind", "filters", "by", "searches"), COUNTS)
def test_a_total_is_counted_on_an_index(
    store: Store, kind: str, filters: Filters, by: str, searches: str
) -> None:
    plan = _plan(store, *count_sql(kind, filters, by=by))
    assert _reading(plan, searches), plan
    scans = [line for line in plan if line.startswith("SCAN") and "VIRTUAL TABLE" not in line]
    assert scans in ([], ["SCAN CONSTANT ROW"]), plan
    if by == "cluster":  # and the reports not linked yet, on the index of their cluster
        assert _reading(plan, "SEARCH e USING INDEX events_cluster"), plan


@pytest.mark.parametrize("by", ["cluster", "report"])
@pytest.mark.parametrize("freq", ["week", "month"])
def test_a_series_searches_the_dyad_index(store: Store, freq: str, by: str) -> None:
    filters = Filters(dyad=("USA", "CHN"), since="2023")
    plan = _plan(store, *series_sql(filters, freq=freq, by=by))
    assert _reading(plan, "SEARCH e USING COVERING INDEX events_by_dyad"), plan
    assert not [line for line in plan if line.startswith("SCAN e")], plan


# -- series ------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["cluster", "report"])
@pytest.mark.parametrize("freq", ["week", "month"])
@pytest.mark.parametrize(
    ("first", "second", "since", "until"),
    [
        ("USA", "CHN", None, None),
        ("CHN", "USA", "2023-06-20", None),
        ("USA", "CHN", None, "2023-06"),
        ("USA", "CHN", "2023", "2023"),
        ("RUS", "CHN", None, None),
        ("USA", "RUS", None, None),
        ("NOR", "ISL", None, None),
        ("USA", "USA", None, None),
    ],
)
def test_the_series_in_sql_is_the_series_in_python(
    store: Store, first: str, second: str, freq: str, by: str, since: str | None, until: str | None
) -> None:
    rows = store.events(Filters(dyad=(first, second), since=since, until=until))
    in_python = series(rows, first, second, freq=freq, by=by)
    in_sql = store_series(store, first, second, freq=freq, by=by, since=since, until=until)
    assert in_sql == in_python


def test_a_series_counts_unlinked_reports_as_linking_would(store: Store) -> None:
    """The reports stored after the last relink are grouped as ``cluster_events`` does:
    the two sanctions of 21 and 22 June are one event, the consultations of 22 and 30
    June two."""
    june = {
        r["direction"]: r
        for r in store_series(store, "USA", "CHN", by="cluster")
        if r["period"] == "2023-06"
    }
    assert june["USA->CHN"]["material_conflict"] == 2  # the linked cluster, and the new one
    assert june["CHN->USA"]["verbal_cooperation"] == 3  # 20 June, 22 June, 30 June


# -- the command line and the web API ----------------------------------------------------


def test_cli_lists_page_with_limit_and_cursor(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["events", "--db", str(db), "--dyad", "USA-CHN", "--format", "json"]
    assert main([*base]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert main([*base, "--limit", "3"]) == 0
    captured = capsys.readouterr()
    first = json.loads(captured.out)
    assert first == whole[:3]
    (hint,) = captured.err.splitlines()
    assert hint.startswith("next page: --cursor ")
    assert main([*base, "--cursor", hint.split()[-1]]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == whole[3:] and captured.err == ""


@pytest.mark.parametrize("limit", ["0", "-3", "ten", "2.5"])
def test_cli_refuses_a_limit_that_is_no_count_of_rows(
    db: Path, limit: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["articles", "--db", str(db), "--limit", limit])
    assert f"argument --limit: {limit!r} is not a whole number of 1 or more" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("kind", ["events", "quotes", "actors", "articles"])
def test_cli_refuses_a_cursor_of_another_list(
    db: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = "articles" if kind == "events" else "events"
    assert main([other, "--db", str(db), "--limit", "1"]) == 0
    cursor = capsys.readouterr().err.split()[-1]
    assert main([kind, "--db", str(db), "--cursor", cursor]) == 2
    assert capsys.readouterr().err == (
        f"detente: [D076] cursor: {cursor!r} is not a cursor of this list; pass the next cursor "
        "that a page of the same list gave\n"
    )


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"dyad": "USA-CHN"}),
        ("/api/events", {"by": "report"}),
        ("/api/quotes", {"q": "calm"}),
        ("/api/actors", {}),
        ("/api/articles", {}),
        ("/api/dyads", {}),
    ],
)
def test_api_pages_by_cursor(db: Path, path: str, params: dict[str, str]) -> None:
    with TestClient(create_app(db, rate_limit=0)) as http:
        whole = http.get(path, params={**params, "limit": 500}).json()
        assert whole["next"] is None and whole["total"] == len(whole["items"]) >= 2
        items, cursor = [], None
        while True:
            page = http.get(
                path, params={**params, "limit": 1, **({"cursor": cursor} if cursor else {})}
            ).json()
            assert page["total"] == (whole["total"] if cursor is None else None)
            items += page["items"]
            cursor = page["next"]
            if cursor is None:
                break
        assert items == whole["items"]
        uncounted = http.get(path, params={**params, "limit": 500, "total": "false"}).json()
        assert uncounted == {**whole, "total": None}
        for cursor in ("nonsense", _token([path.split("/")[-1], -1])):
            refused = http.get(path, params={**params, "cursor": cursor})
            assert refused.status_code == 422
            assert refused.json()["error"]["detente_code"] == "D076"
