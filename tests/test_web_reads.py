"""How the service reads the store (``detente.web.reads``): a connection per thread, kept
between requests, and the cache of answers that holds only while the store is unchanged.
Every article is invented."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from detente.pipeline import Analyzer
from detente.store import Store
from detente.web import app as web_app
from detente.web import create_app
from detente.web.reads import AnswerCache, Readers
from test_web_api import build_store

OK = (200, b'{"ok":true}')
TALKS = (
    "Chilean Foreign Minister Camila Rojas met Peruvian Foreign Minister Diego Salas in "
    "Lima on Monday. The two governments signed an accord on shared water rights."
)


class FakeApp:
    """An ASGI app that answers each request with the status and body given for its path,
    counting the requests it answered; ``during`` runs while it answers."""

    def __init__(self, answers: dict[str, tuple[int, bytes]], during: Callable[[], None]) -> None:
        self.answers, self.during, self.calls = answers, during, 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        await asyncio.sleep(0)
        self.during()
        status, body = self.answers.get(scope["path"], OK)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": body})


def http(path: str, method: str = "GET", query: bytes = b"") -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "query_string": query}


async def ask(cache: AnswerCache, scope: dict[str, Any]) -> bytes:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    await cache(scope, receive, send)
    return b"".join(m.get("body", b"") for m in sent)


Step = tuple[dict[str, Any], Hashable | None]
"""A request and the store's version when it arrives."""
GET_EVENTS = http("/api/events", query=b"dyad=USA-CHN")


@pytest.mark.parametrize(
    ("steps", "calls", "max_bytes"),
    [
        pytest.param([(GET_EVENTS, 1), (GET_EVENTS, 1)], 1, 1000, id="unchanged: kept"),
        pytest.param([(GET_EVENTS, 1), (GET_EVENTS, 2)], 2, 1000, id="store changed"),
        pytest.param(
            [(GET_EVENTS, 1), (GET_EVENTS, 2), (GET_EVENTS, 1)], 3, 1000, id="changed and back"
        ),
        pytest.param([(GET_EVENTS, None), (GET_EVENTS, None)], 2, 1000, id="store unreadable"),
        pytest.param(
            [(GET_EVENTS, 1), (http("/api/events", query=b"dyad=USA-RUS"), 1)],
            2,
            1000,
            id="another query",
        ),
        pytest.param(
            [(http("/api/articles", "POST"), 1), (http("/api/articles", "POST"), 1)],
            2,
            1000,
            id="a write",
        ),
        pytest.param([(http("/events"), 1), (http("/events"), 1)], 2, 1000, id="not the API"),
        pytest.param(
            [(http("/api/actors/x"), 1), (http("/api/actors/x"), 1)], 2, 1000, id="not found"
        ),
        pytest.param([(GET_EVENTS, 1), (GET_EVENTS, 1)], 2, 0, id="no cache"),
        pytest.param([(GET_EVENTS, 1), (GET_EVENTS, 1)], 2, 80, id="larger than an eighth"),
        pytest.param(
            [(http(f"/api/{n}"), 1) for n in range(9)] + [(http("/api/0"), 1)],
            10,
            8 * len(OK[1]),
            id="least recently used dropped",
        ),
        pytest.param(
            [(http(f"/api/{n}"), 1) for n in range(9)] + [(http("/api/8"), 1)],
            9,
            8 * len(OK[1]),
            id="most recently used kept",
        ),
    ],
)
def test_an_answer_is_served_again_only_while_the_store_is_unchanged(
    steps: list[Step], calls: int, max_bytes: int
) -> None:
    version: list[Hashable | None] = [None]
    app = FakeApp({"/api/actors/x": (404, b"{}")}, during=lambda: None)
    cache = AnswerCache(app, version=lambda: version[0], max_bytes=max_bytes)

    async def run() -> None:
        for scope, now in steps:
            version[0] = now
            assert await ask(cache, scope) == app.answers.get(scope["path"], OK)[1]

    asyncio.run(run())
    assert app.calls == calls


def test_an_answer_made_while_the_store_changed_is_not_kept() -> None:
    version = [1]
    app = FakeApp({}, during=lambda: version.__setitem__(0, 2))
    cache = AnswerCache(app, version=lambda: version[0], max_bytes=1000)

    async def run() -> None:
        await ask(cache, GET_EVENTS)  # made at 1, the store at 2 by its end
        app.during = lambda: None
        await ask(cache, GET_EVENTS)  # made at 2
        await ask(cache, GET_EVENTS)

    asyncio.run(run())
    assert app.calls == 2


@pytest.mark.parametrize(
    ("answers", "calls"),
    [
        pytest.param({}, 1, id="made once for all"),
        pytest.param({"/api/events": (503, b"{}")}, 5, id="a failure is not shared"),
    ],
)
def test_requests_for_an_answer_being_made_wait_for_it(
    answers: dict[str, tuple[int, bytes]], calls: int
) -> None:
    app = FakeApp(answers, during=lambda: None)
    cache = AnswerCache(app, version=lambda: 1, max_bytes=1000)

    async def run() -> list[bytes]:
        return await asyncio.gather(*(ask(cache, GET_EVENTS) for _ in range(5)))

    bodies = asyncio.run(run())
    assert app.calls == calls
    assert bodies == [answers.get("/api/events", OK)[1]] * 5


# -- the service over a real store -----------------------------------------------------------
@pytest.fixture
def db(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    built = tmp_path_factory.getbasetemp() / "reads-store.db"
    if not built.exists():
        build_store(built, analyzer)
    copy = tmp_path / "news.db"
    shutil.copy(built, copy)
    return copy


def failure_here(db: Path) -> None:
    with Store(db) as store:
        store.record_failure("feed.xml", "not English")


def failure_in_another_process(db: Path) -> None:
    code = (
        "import sys; from detente.store import Store; "
        "Store(sys.argv[1]).record_failure('feed.xml', 'not English')"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True)


def posted(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": TALKS, "published": "2024-06-01"})
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("change", "counted"),
    [
        pytest.param(lambda db, client: failure_here(db), "failures", id="this process"),
        pytest.param(
            lambda db, client: failure_in_another_process(db), "failures", id="another process"
        ),
        pytest.param(lambda db, client: posted(client), "articles", id="through the API"),
    ],
)
def test_a_change_to_the_store_is_seen_by_the_next_request(
    db: Path,
    analyzer: Analyzer,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path, TestClient], None],
    counted: str,
) -> None:
    made: list[int] = []
    counts = web_app.queries.counts
    monkeypatch.setattr(web_app.queries, "counts", lambda store: made.append(1) or counts(store))
    with TestClient(create_app(db, analyzer=analyzer, rate_limit=0)) as client:
        before = client.get("/api/stats").json()
        assert client.get("/api/stats").json() == before
        assert len(made) == 1  # the second answer was the first's
        change(db, client)
        after = client.get("/api/stats").json()
    assert after[counted] == before[counted] + 1
    assert len(made) == 2


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("/api/events?dyad=CHL-PER", lambda body: len(body["items"])),
        ("/api/series?a=CHL&b=PER", lambda body: sum(row["events"] for row in body["items"])),
    ],
)
def test_an_article_stored_through_the_api_is_in_the_next_answer(
    db: Path, analyzer: Analyzer, path: str, found: Callable[[dict[str, Any]], int]
) -> None:
    with TestClient(create_app(db, analyzer=analyzer, rate_limit=0)) as client:
        assert found(client.get(path).json()) == found(client.get(path).json()) == 0
        posted(client)
        assert found(client.get(path).json()) > 0


# -- the connections ----------------------------------------------------------------------
def test_each_thread_keeps_its_connection_until_the_file_is_replaced(
    db: Path, tmp_path: Path
) -> None:
    readers = Readers(db)
    first = readers.store()
    assert readers.store() is first
    version = readers.version()
    assert readers.version() == version
    elsewhere: list[Store] = []
    thread = threading.Thread(target=lambda: elsewhere.append(readers.store()))
    thread.start()
    thread.join()
    assert elsewhere[0] is not first
    other = tmp_path / "other.db"
    Store(other, create=True).close()
    other.replace(db)
    again = readers.store()
    assert again is not first and again.counts()["articles"] == 0
    assert readers.version() != version
    readers.close()
    with pytest.raises(Exception, match="closed"):
        again.db.execute("SELECT 1")
