"""Incremental linking: a batch links against what is stored, with indexed lookups only,
and the same articles give the same store whatever order and batches they came in, and
after a run killed at any point. The records are built here (no NLP); every name is
invented except public figures the knowledge base knows."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detente import linker
from detente.cli import main
from detente.ingest import ingest
from detente.kb import KnowledgeBase
from detente.linking import cluster_events, link_actors
from detente.model import Actor, Article, Event, Span
from detente.pipeline import Analyzer
from detente.store import MIGRATIONS, Store

PEOPLE = [
    ("Ana Silva", "BRA"),
    ("Ana Silva", "PRT"),
    ("Ana Silva", None),
    ("Silva", None),
    ("Silva", "BRA"),
    ("Maria Okafor", "NGA"),
    ("John Okafor", "GHA"),
    ("Okafor", None),
    ("Okafor", "GHA"),
    ("Maria N. Okafor", None),
    ("Lin Wei", "CHN"),
    ("Lin", "CHN"),
    ("Wei", None),
    ("Jean-Luc Moreau", "FRA"),
    ("Jean Luc Moreau", "FRA"),
    ("Moreau", None),
    ("Putin", None),
    ("Vladimir Putin", "RUS"),
    ("Rosa Vega", "USA"),
    ("Tom Reyes", "USA"),
]
"""Person mentions whose links depend on other articles: a name without a country that
joins its dominant country, one-word names that one or two full names can claim, names
that differ in punctuation only, a person the knowledge base knows."""

OTHERS = [
    ("Foreign Ministry", "organization", None),
    ("Foreign Ministry", "organization", "CHN"),
    ("Andes Policy Forum", "organization", None),
    ("the Andes Policy Forum", "organization", "PER"),
    ("officials", "group", None),
    ("students", "group", "BOL"),
    ("Beijing", "country", "CHN"),
    ("Brazil", "country", "BRA"),
]
DAY = dt.date(2023, 6, 1)


def record(number: int) -> Article:
    """An invented article: people and bodies from the lists above, two events between
    them, and one more in a busy key (the United States consulting China, by the
    country or by one of two named people), so clusters depend on their neighbours."""
    rng = random.Random(number)
    published = None if number % 9 == 4 else DAY + dt.timedelta(days=rng.randrange(12))
    mentions = [(n, "person", c) for n, c in rng.sample(PEOPLE, 3)] + rng.sample(OTHERS, 2)
    mentions += [("United States", "country", "USA"), ("China", "country", "CHN")]
    actors = [
        Actor(id=f"a{i}", type=kind, name=name, country=country, sector=rng.choice(["GOV", None]))
        for i, (name, kind, country) in enumerate(mentions)
    ]
    events = [
        event(
            f"e{i}",
            rng.choice(["CONSULT", "ACCUSE"]),
            rng.choice([a for a in actors[:5]] + [None]),
            rng.choice(actors[:5]),
            date(rng, published),
            status=rng.choice(["occurred", "occurred", "planned"]),
        )
        for i in range(2)
    ]
    speaker = rng.choice([actors[5], *(a for a in actors[:3] if a.country == "USA")])
    busy = published and (published + dt.timedelta(days=rng.choice([0, 0, -1]))).isoformat()
    events.append(event("e9", "CONSULT", speaker, actors[6], busy, source_country="USA"))
    return Article(
        id=f"{number:016x}",
        text=f"invented article {number}",
        published=published.isoformat() if published else None,
        actors=actors,
        events=events,
    )


def date(rng: random.Random, published: dt.date | None) -> str | None:
    if published is None:
        return rng.choice([None, "2023-06-05"])
    shifted = (published + dt.timedelta(days=rng.choice([0, 1, -2, 4]))).isoformat()
    return rng.choice([shifted, shifted, "2023-06", None])


def event(
    identifier: str,
    kind: str,
    source: Actor | None,
    target: Actor,
    when: str | None,
    status: str = "occurred",
    source_country: str | None = None,
) -> Event:
    return Event(
        id=identifier,
        type=kind,
        mode=None,
        status=status,
        source=source.id if source else None,
        target=target.id,
        source_country=source_country or (source.country if source else None),
        target_country=target.country,
        date=when,
        location=None,
        intensity=1.0,
        confidence=0.9,
        evidence=Span(0, 8, "invented"),
        rule="test",
    )


CORPUS = [record(n) for n in range(30)]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def stored(batches: list[list[Article]], kb: KnowledgeBase, path: str = ":memory:") -> Store:
    """A store that took the articles batch by batch, linking after each."""
    store = Store(path, create=True)
    for batch in batches:
        for article in batch:
            store.add(article)
        store.link(kb)
    return store


@pytest.fixture(scope="module")
def expected(kb: KnowledgeBase) -> dict[str, str]:
    with stored([CORPUS], kb) as store:
        return store.digest()


def orders() -> Iterator[Any]:
    shuffled = random.Random(17).sample(CORPUS, len(CORPUS))
    yield pytest.param([[a] for a in reversed(CORPUS)], id="reversed-one-by-one")
    yield pytest.param([shuffled[i : i + 4] for i in range(0, 30, 4)], id="shuffled-by-four")
    yield pytest.param([shuffled[:20], shuffled[20:]], id="shuffled-twenty-then-ten")


@pytest.mark.parametrize("batches", orders())
def test_the_same_articles_in_any_order_and_batches_give_the_same_store(
    batches: list[list[Article]], kb: KnowledgeBase, expected: dict[str, str]
) -> None:
    with stored(batches, kb) as store:
        assert store.digest() == expected
        store.relink(kb)
        assert store.digest() == expected, "the full pass links as the incremental one"


@pytest.fixture(scope="module")
def twelve(kb: KnowledgeBase) -> dict[str, str]:
    with stored([CORPUS[:12]], kb) as store:
        return store.digest()


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(12)), cuts=st.sets(st.integers(1, 11), max_size=5))
def test_any_order_and_batching_links_as_everything_at_once(
    order: list[int], cuts: set[int], kb: KnowledgeBase, twelve: dict[str, str]
) -> None:
    articles = [CORPUS[n] for n in order]
    bounds = [0, *sorted(cuts), len(articles)]
    with stored([articles[a:b] for a, b in itertools.pairwise(bounds)], kb) as store:
        assert store.digest() == twelve


def test_the_store_holds_what_linking_everything_at_once_gives(kb: KnowledgeBase) -> None:
    shuffled = random.Random(3).sample(CORPUS, len(CORPUS))
    with stored([shuffled[i : i + 7] for i in range(0, 30, 7)], kb) as store:
        rows = [dict(r) for r in store.db.execute("SELECT * FROM actors")]
        canonical = link_actors(rows, kb)
        assert {(r["article_id"], r["actor_id"]): r["canonical_id"] for r in rows} == {
            member: actor.id for actor in canonical for member in actor.members
        }
        assert set(map(tuple, store.db.execute("SELECT * FROM canonical_actors"))) == {
            (a.id, a.type, a.name, a.country, a.sector, json.dumps(a.variants), a.articles)
            for a in canonical
        }
        reports = [dict(r) for r in store.db.execute(REPORTS)]
        clusters = cluster_events(reports)
        assert {(r["article_id"], r["event_id"]): r["cluster_id"] for r in reports} == {
            (r["article_id"], r["event_id"]): c.id for c in clusters for r in c.reports
        }
        assert set(
            map(
                tuple,
                store.db.execute(
                    "SELECT id, first_article, first_event, reports, articles FROM event_clusters"
                ),
            )
        ) == {
            (c.id, c.first["article_id"], c.first["event_id"], len(c.reports), c.articles)
            for c in clusters
        }
        assert any(len(c.reports) > 2 for c in clusters), "the corpus has busy clusters"
        assert any(len(a.members) > 4 and a.type == "person" for a in canonical)


@pytest.mark.parametrize(
    ("batches", "expected"),
    [
        pytest.param(
            [[("Okafor", None)], [("Maria Okafor", "NGA")]],
            "person:maria-okafor:nga",
            id="a full name stored later claims a one-word name",
        ),
        pytest.param(
            [[("Okafor", None), ("Maria Okafor", "NGA")], [("John Okafor", "GHA")]],
            "person:okafor",
            id="a second full name that could claim it leaves it alone",
        ),
        pytest.param(
            [[("Okafor", "GHA")], [("Maria Okafor", "NGA")], [("John Okafor", "GHA")]],
            "person:john-okafor:gha",
            id="a one-word name of a country is claimed by that country's full name only",
        ),
        pytest.param(
            [[("Ana Silva", None)], [("Ana Silva", "BRA")] * 3],
            "person:ana-silva:bra",
            id="a name without a country joins the country that holds its mentions",
        ),
        pytest.param(
            [[("Ana Silva", None)], [("Ana Silva", "BRA")] * 3, [("Ana Silva", "PRT")] * 2],
            "person:ana-silva",
            id="and leaves it when that country no longer holds three quarters",
        ),
        pytest.param(
            [[("Lin", "CHN")], [("Lin Wei", "CHN")], [("Wei", None)]],
            "person:lin-wei:chn",
            id="a full name claims one-word names by its first and by its last word",
        ),
    ],
)
def test_a_later_article_moves_the_actors_stored_before_it(
    batches: list[list[tuple[str, str | None]]], expected: str, kb: KnowledgeBase
) -> None:
    numbered = itertools.count()
    articles = [[named(next(numbered), *mention) for mention in batch] for batch in batches]
    with stored(articles, kb) as store:
        first = store.db.execute("SELECT canonical_id FROM actors ORDER BY article_id").fetchone()
        assert first[0] == expected
        with stored([list(itertools.chain(*articles))], kb) as once:
            assert store.digest() == once.digest()


def named(number: int, name: str, country: str | None) -> Article:
    """An article naming one person, who meets China on the article's day."""
    person = Actor(id="a0", type="person", name=name, country=country, sector="GOV")
    china = Actor(id="a1", type="country", name="China", country="CHN")
    day = (DAY + dt.timedelta(days=number)).isoformat()
    return Article(
        id=f"{number:016x}",
        text=f"invented article {number}",
        published=day,
        actors=[person, china],
        events=[event("e0", "CONSULT", person, china, day)],
    )


@pytest.mark.parametrize(
    ("batches", "expected"),
    [
        pytest.param([[3, 6], [2]], [[2, 3], [6]], id="an earlier report moves the next cluster"),
        pytest.param([[2], [6], [3]], [[2, 3], [6]], id="a report between two clusters"),
        pytest.param([[1, 5, 9], [4]], [[1, 4], [5], [9]], id="one move, then as stored"),
        pytest.param([[1, 4, 5, 8], [0]], [[0, 1], [4, 5], [8]], id="the moves run on"),
        pytest.param([[9, 12], [1]], [[1], [9, 12]], id="a report far before moves nothing"),
    ],
)
def test_reports_stored_later_move_the_clusters_after_them(
    batches: list[list[int]], expected: list[list[int]], kb: KnowledgeBase
) -> None:
    articles = [[consulting(day) for day in batch] for batch in batches]
    with stored(articles, kb) as store:
        rows = store.db.execute("SELECT cluster_id, article_id FROM events ORDER BY article_id")
        clusters: dict[str, list[int]] = {}
        for cluster, article in rows:
            clusters.setdefault(cluster, []).append(int(article, 16))
        assert sorted(clusters.values()) == expected


def consulting(day: int) -> Article:
    """An article of day ``day`` in June 2023 (its id is the day): the United States
    consults China."""
    usa = Actor(id="a0", type="country", name="United States", country="USA")
    china = Actor(id="a1", type="country", name="China", country="CHN")
    when = (DAY + dt.timedelta(days=day)).isoformat()
    return Article(
        id=f"{day:016x}",
        text=f"invented article of day {day}",
        published=when,
        actors=[usa, china],
        events=[event("e0", "CONSULT", usa, china, when)],
    )


REPORTS = (
    "SELECT e.article_id, e.event_id, e.type, e.status, e.source_country, e.target_country, "
    "coalesce(e.date, a.published) AS date, e.cluster_id, src.canonical_id AS source_canonical, "
    "tgt.canonical_id AS target_canonical FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN actors src ON src.article_id = e.article_id AND src.actor_id = e.source "
    "LEFT JOIN actors tgt ON tgt.article_id = e.article_id AND tgt.actor_id = e.target"
)


def test_a_run_killed_before_linking_is_linked_by_the_next(
    kb: KnowledgeBase, expected: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "d.db"
    with Store(path, create=True) as store:
        for article in CORPUS[:20]:
            store.add(article)
    with stored([CORPUS[20:]], kb, path=str(path)) as store:
        assert store.digest() == expected


def test_a_run_killed_while_linking_resumes_to_the_same_store(
    kb: KnowledgeBase, expected: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.db"
    monkeypatch.setattr("detente.store.LINK_BATCH", 8)
    written = linker._write_cluster
    calls = {"n": 0}

    def dies_in_the_second_batch(db: sqlite3.Connection, identifier: str) -> None:
        calls["n"] += 1
        if calls["n"] == 40:
            raise KeyboardInterrupt
        written(db, identifier)

    monkeypatch.setattr(linker, "_write_cluster", dies_in_the_second_batch)
    with Store(path, create=True) as store, pytest.raises(KeyboardInterrupt):
        for article in CORPUS:
            store.add(article)
        store.link(kb)
    monkeypatch.setattr(linker, "_write_cluster", written)
    with Store(path) as store:
        linked = store.db.execute("SELECT count(*) FROM unlinked").fetchone()[0]
        assert 0 < linked < len(CORPUS), "the first batch was linked, the second not"
        store.link(kb)
        assert store.digest() == expected


def test_ingest_killed_before_linking_links_when_run_again(
    analyzer: Analyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = tmp_path / "in"
    texts.mkdir()
    (texts / "2023-06-20-talks.txt").write_text(
        "Chilean Foreign Minister Ana Rios met Peruvian Foreign Minister Luis Vega in Lima "
        "on Monday. Chile imposed new sanctions on Bolivia last month.",
        encoding="utf-8",
    )
    with Store(tmp_path / "clean.db", create=True) as clean:
        ingest([str(texts)], clean, analyzer)
        expected = clean.digest()

    def killed(self: Store, kb: KnowledgeBase | None = None) -> tuple[int, int]:
        raise KeyboardInterrupt

    with monkeypatch.context() as patched, Store(tmp_path / "d.db", create=True) as store:
        patched.setattr(Store, "link", killed)
        with pytest.raises(KeyboardInterrupt):
            ingest([str(texts)], store, analyzer)
    with Store(tmp_path / "d.db") as store:
        again = ingest([str(texts)], store, analyzer)
        assert (again.stored, again.already) == (0, 1)
        assert store.digest() == expected


BIG_TABLES = {"articles", "actors", "events", "actor_keys", "actor_key_names"}
BIG_TABLES |= {"canonical_actors", "event_clusters", "a", "e", "src", "tgt", "k", "n"}


def test_linking_a_batch_reads_the_store_by_index_only(kb: KnowledgeBase) -> None:
    with stored([CORPUS[:25]], kb) as store:
        for article in CORPUS[25:]:
            store.add(article)
        statements: list[str] = []
        store.db.set_trace_callback(statements.append)
        store.link(kb)
        store.db.set_trace_callback(None)
        scans = {
            (detail, statement)
            for statement in statements
            if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT"))
            for *_, detail in store.db.execute(f"EXPLAIN QUERY PLAN {statement}")
            if detail.startswith("SCAN ") and detail.split()[1] in BIG_TABLES
        }
        assert len(statements) > 50
        assert not scans


def test_a_store_of_the_previous_schema_is_linked_again(
    kb: KnowledgeBase, tmp_path: Path, before_linking_keys: Callable[[Path, int], None]
) -> None:
    path = tmp_path / "old.db"
    with stored([CORPUS[:5]], kb, path=str(path)) as store:
        expected = store.digest()
    before_linking_keys(path, len(MIGRATIONS) - 1)
    with Store(path) as store:
        assert store.db.execute("SELECT count(*) FROM unlinked").fetchone()[0] == 5
        store.link(kb)
        assert store.digest() == expected


def test_cli_relink(kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "d.db"
    with stored([CORPUS], kb, path=str(path)) as store:
        expected = store.digest()
        counts = store.counts()
        actors, clusters = (
            store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("canonical_actors", "event_clusters")
        )
    assert main(["relink", "--db", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"linked {counts['articles']} articles again: the store holds {actors} actors and "
        f"{clusters} distinct events\n"
    )
    with Store(path) as store:
        assert store.digest() == expected


def test_relinking_a_missing_store_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["relink", "--db", str(tmp_path / "none.db")]) != 0
    assert "none.db" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
