"""The web API (``detente.web``) through FastAPI's TestClient. Every article is invented."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import httpx
import pytest
from fastapi.testclient import TestClient

from detente.cli import main
from detente.errors import DetenteError
from detente.kb import SECTOR_NAMES
from detente.palette import QUAD_COLOURS
from detente.pipeline import Analyzer
from detente.series import QUAD_CLASSES
from detente.store import Store
from detente.textio import MAX_CHARS, RawArticle
from detente.web import app as web_app
from detente.web import create_app
from detente.web.guards import RateLimit
from detente.web.reads import AnswerCache
from detente.web.schemas import PloverType

STATIC = Path(web_app.__file__).with_name("static")
PAGE_PARTS, LAYOUT = web_app.PAGE_PARTS, web_app.LAYOUT

TALKS = (
    "Norwegian Foreign Minister Ingrid Haugland met Icelandic Foreign Minister Bjarni "
    "Thorsson in Oslo on Tuesday. The two governments agreed to extend their fisheries "
    "accord for five years.\n\n“We have found a fair balance,” Haugland said.\n\n"
    "Sigrid Lunde, a researcher at the Bergen Ocean Institute, said the deal would calm a "
    "long quarrel over mackerel quotas."
)
QUARREL = (
    "Iceland accused Norway of overfishing in the disputed waters near Jan Mayen on "
    "Wednesday. Icelandic Foreign Minister Bjarni Thorsson said Oslo had broken its "
    "promise.\n\n“This is not how neighbours behave,” Thorsson told reporters in Reykjavik. "
    "Norway rejected the accusation on Thursday."
)
VISIT = (
    "Norwegian Prime Minister Lars Bakke visited Reykjavik on Monday and met Icelandic "
    "Prime Minister Katrin Jonsdottir. The two leaders discussed the mackerel dispute and "
    "the melting Arctic ice.\n\n“Our fishermen need certainty,” Jonsdottir said after the "
    "meeting."
)
ARTICLES = [
    ("2024-03-05", "Oslo talks end in a fisheries deal", TALKS),
    ("2024-04-10", "Iceland accuses Norway over mackerel", QUARREL),
    ("2024-05-20", "Bakke in Reykjavik", VISIT),
]
GERMAN = "Der Außenminister traf gestern seinen Amtskollegen aus Norwegen und sprach. " * 5
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Border <b>talks</b>'
HOSTILE = (
    "Kenyan President Amani Odhiambo met Tanzanian President Neema Mwakyusa in Arusha on "
    "Friday. The two leaders agreed to reopen the border crossing at Namanga.\n\n"
    "“<script>window.__pwned=1</script>We will open the gates,” Odhiambo said.\n\n"
    'Protesters outside the hall held signs that read <img src=x onerror="window.__pwned=1"> '
    'and <a href="javascript:window.__pwned=1">javascript link</a>, according to the police.'
)
HOSTILE_INPUT = {
    "text": HOSTILE,
    "title": HOSTILE_TITLE,
    "published": "2024-05-03",
    "url": "javascript:window.__pwned=1",
    "outlet": "<script>alert(1)</script>",
}
LIST_ENDPOINTS = [
    "/api/articles",
    "/api/actors",
    "/api/quotes",
    "/api/events",
    "/api/dyads",
]


def build_store(path: Path, analyzer: Analyzer) -> Path:
    """A store of the invented articles, linked as ``detente ingest`` links it."""
    with Store(path, create=True) as store:
        for published, title, text in ARTICLES:
            store.add(analyzer.analyze(RawArticle(text=text), published=published, title=title))
        store.relink(analyzer.kb)
    return path


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "detente_code"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    detente_code = body["error"]["detente_code"]
    assert detente_code is None or re.fullmatch(r"D\d{3}", detente_code)
    assert body["error"]["message"]
    return str(body["error"]["message"])


@pytest.fixture(scope="module")
def db(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "news.db", analyzer)


@pytest.fixture(scope="module")
def client(db: Path, analyzer: Analyzer) -> Iterator[TestClient]:
    with TestClient(create_app(db, analyzer=analyzer, rate_limit=0)) as test_client:
        yield test_client


@pytest.fixture
def fresh_db(db: Path, tmp_path: Path) -> Path:
    """A copy of the module's store for a test that writes."""
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    return copy


def writer(db: Path, analyzer: Analyzer, **options: Any) -> TestClient:
    return TestClient(create_app(db, analyzer=analyzer, rate_limit=0, **options))


# -- the dashboard's files -----------------------------------------------------------------
PAGES = ["/", "/article", "/actor", "/dyad", "/events", "/quotes", "/analyze", "/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_local_html_with_a_strict_policy(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers
    for asset in re.findall(r'(?:src|href)="([^"]+)"', response.text):
        assert asset.startswith(("/", "data:")), f"{path} loads {asset} from elsewhere"
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200


def test_static_files_build_the_dom_from_data_without_parsing_html() -> None:
    for script in STATIC.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in source, f"{script.name} uses {sink}"
        assert "new Function" not in source
        assert not re.search(r"""from\s+["']https?:""", source), f"{script.name} imports remotely"
    for page in [LAYOUT, *PAGE_PARTS.glob("*.html")]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {page.name}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"event handler attribute in {page.name}"
        assert not re.search(r"\sstyle\s*=", html), f"style attribute in {page.name}"
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(http" not in css


def test_the_dashboards_plover_table_is_the_series_table() -> None:
    source = (STATIC / "plover.js").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\s+([A-Z]+): \"([a-z_]+)\",$", source, re.M))
    assert table == QUAD_CLASSES
    assert set(get_args(PloverType)) == set(QUAD_CLASSES), "the API's list of types"


def test_the_pages_colours_and_sector_names_are_detentes_own(client: TestClient) -> None:
    palette = client.get("/palette.css")
    assert palette.headers["content-type"].startswith("text/css")
    for quad, colour in QUAD_COLOURS.items():
        assert f"--{quad.replace('_', '-')}: {colour};" in palette.text
    style = (STATIC / "style.css").read_text(encoding="utf-8")
    assert not re.search(r"--(verbal|material)-(cooperation|conflict)\s*:", style), "one copy"
    codes = client.get("/codes.js")
    assert codes.headers["content-type"].startswith("text/javascript")
    exported = codes.text.removeprefix("export const SECTOR_NAMES = ").removesuffix(";\n")
    assert json.loads(exported) == SECTOR_NAMES


def test_a_missing_page_is_a_page_to_a_browser(client: TestClient) -> None:
    response = client.get("/<b>gone", headers={"Accept": "text/html,*/*"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "No page at /&lt;b&gt;gone: " in response.text and "<b>gone" not in response.text
    assert client.get("/gone").headers["content-type"] == "application/json"


def test_docs_page_and_openapi_list_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/analyze",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/quotes",
        "/api/events",
        "/api/series",
        "/api/dyads",
        "/api/stats",
    }
    assert spec["paths"]["/api/articles"]["post"]["security"] == [{"token": []}]
    docs = client.get("/docs").text
    assert "swagger" not in docs.lower() and "cdn" not in docs.lower()
    assert client.get("/redoc").status_code == 404


# -- analysis ------------------------------------------------------------------------------
def test_analyze_returns_the_record_detente_analyze_prints(
    client: TestClient, analyzer: Analyzer
) -> None:
    response = client.post("/api/analyze", json={"text": TALKS, "published": "2024-03-05"})
    assert response.status_code == 200
    expected = analyzer.analyze(RawArticle(text=TALKS), published="2024-03-05").to_dict()
    assert response.json() == json.loads(json.dumps(expected))
    assert "text" not in response.json()["article"]
    with_text = client.post(
        "/api/analyze", json={"text": TALKS, "title": "Talks", "include_text": True}
    ).json()
    assert with_text["article"]["text"] == TALKS and with_text["article"]["title"] == "Talks"


def test_analyze_reads_html(client: TestClient) -> None:
    html = (
        "<html><head><title>Fisheries talks</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Fisheries talks</h1><p>{TALKS.replace(chr(10) * 2, '</p><p>')}</p>"
        "</article></body></html>"
    )
    record = client.post("/api/analyze", json={"html": html, "include_text": True}).json()
    assert record["article"]["title"] == "Fisheries talks"
    assert "Home | World" not in record["article"]["text"]
    assert {a["name"] for a in record["actors"]} >= {"Ingrid Haugland", "Bjarni Thorsson"}


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 422, "exactly one of text and html"),
        ({"text": TALKS, "html": "<p>x</p>"}, 422, "exactly one of text and html"),
        ({"text": ""}, 422, "text"),
        ({"text": "   \n  "}, 422, "empty"),
        ({"text": TALKS, "published": "last Tuesday"}, 422, "published"),
        ({"text": TALKS, "colour": "red"}, 422, "colour"),
        ({"html": "<html><body><p>Hi.</p></body></html>"}, 422, "no article"),
        ({"text": GERMAN}, 422, "English"),
        ({"text": "word " * (MAX_CHARS // 5 + 1)}, 413, "1,000,000"),
    ],
)
def test_bad_input_is_refused_with_the_reason(
    client: TestClient, body: dict[str, Any], status: int, words: str
) -> None:
    code = {413: "too_large", 422: "invalid"}[status]
    assert words in assert_error(client.post("/api/analyze", json=body), status, code)


@pytest.mark.parametrize(
    ("body", "detente_code"),
    [({"text": GERMAN}, "D018"), ({"html": "<html><body><p>Hi.</p></body></html>"}, "D017")],
)
def test_errors_detente_raised_carry_its_code(
    client: TestClient, body: dict[str, Any], detente_code: str
) -> None:
    response = client.post("/api/analyze", json=body)
    assert response.json()["error"]["detente_code"] == detente_code
    assert client.get("/api/nothing-here").json()["error"]["detente_code"] is None


def test_events_filter_by_confidence(client: TestClient) -> None:
    every = client.get("/api/events", params={"by": "report"}).json()["items"]
    assert every
    top = max(e["confidence"] for e in every)
    kept = client.get("/api/events", params={"by": "report", "min_confidence": top}).json()
    assert kept["items"] and all(e["confidence"] >= top for e in kept["items"])
    refused = client.get("/api/events", params={"min_confidence": 2})
    assert "min_confidence" in assert_error(refused, 422, "invalid")


def test_a_body_that_is_not_json_is_a_bad_request(client: TestClient) -> None:
    response = client.post(
        "/api/analyze", content=b'{"text": ', headers={"content-type": "application/json"}
    )
    assert "not valid JSON" in assert_error(response, 400, "bad_request")


def test_one_analyzer_built_on_first_use_and_called_from_one_thread(
    db: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []
    threads: set[int] = set()

    class Recording:
        def __init__(self) -> None:
            built.append(1)
            self.kb = analyzer.kb

        def analyze(self, raw: RawArticle, **metadata: str | None) -> Any:
            threads.add(threading.get_ident())
            return analyzer.analyze(raw, **metadata)

    monkeypatch.setattr(web_app, "Analyzer", Recording)
    app = create_app(db, rate_limit=0)
    assert built == []

    async def many() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            posts = [http.post("/api/analyze", json={"text": t}) for _, _, t in ARTICLES * 2]
            reads = [http.get("/api/events") for _ in range(4)]
            return [r.status_code for r in await asyncio.gather(*posts, *reads)]

    assert asyncio.run(many()) == [200] * 10
    assert built == [1] and len(threads) == 1


# -- storing -------------------------------------------------------------------------------
def test_store_an_article_then_again(fresh_db: Path, analyzer: Analyzer) -> None:
    with writer(fresh_db, analyzer) as http:
        body = {"text": HOSTILE, "published": "2024-05-03"}
        first = http.post("/api/articles", json=body)
        assert first.status_code == 201
        stored = first.json()
        assert stored["stored"] is True and stored["events"] >= 1 and stored["quotes"] >= 1
        assert first.headers["location"] == f"/api/articles/{stored['id']}"
        again = http.post("/api/articles", json=body)
        assert again.status_code == 200 and again.json() == {**stored, "stored": False}
        assert http.get("/api/articles").json()["total"] == len(ARTICLES) + 1
        record = http.get(f"/api/articles/{stored['id']}").json()
        assert all(a["canonical_id"] for a in record["actors"]), "the store was relinked"
        assert http.get("/api/actors/person:amani-odhiambo:ken").status_code == 200


def test_a_token_guards_storing(fresh_db: Path, analyzer: Analyzer) -> None:
    body = {"text": VISIT, "published": "2024-05-20"}
    with writer(fresh_db, analyzer, token="s3cret") as http:
        missing = http.post("/api/articles", json=body)
        assert "Authorization: Bearer" in assert_error(missing, 401, "unauthorized")
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = http.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
        assert_error(wrong, 401, "unauthorized")
        assert http.post("/api/analyze", json=body).status_code == 200
        right = http.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
        assert right.status_code == 200, "already stored"


def test_without_a_token_beyond_loopback_storing_is_refused(
    fresh_db: Path, analyzer: Analyzer
) -> None:
    with writer(fresh_db, analyzer, loopback_only=False) as http:
        refused = http.post("/api/articles", json={"text": HOSTILE})
        assert "DETENTE_TOKEN" in assert_error(refused, 403, "forbidden")
        assert http.post("/api/analyze", json={"text": TALKS}).status_code == 200
        assert http.get("/api/articles").json()["total"] == len(ARTICLES)


def test_a_hostile_article_is_stored_and_returned_as_data(
    fresh_db: Path, analyzer: Analyzer
) -> None:
    with writer(fresh_db, analyzer) as http:
        article_id = http.post("/api/articles", json=HOSTILE_INPUT).json()["id"]
        response = http.get(f"/api/articles/{article_id}")
        assert response.headers["content-type"] == "application/json"
        record = response.json()
        assert record["article"]["text"] == HOSTILE
        assert record["article"]["title"] == HOSTILE_TITLE
        assert record["article"]["url"] == HOSTILE_INPUT["url"]
        assert record["article"]["outlet"] == HOSTILE_INPUT["outlet"]
        quote = next(q for q in record["quotes"] if "<script>" in q["text"])
        assert HOSTILE[quote["start"] : quote["end"]] == quote["text"]
        listed = http.get("/api/articles").json()["items"]
        assert HOSTILE_TITLE in {a["title"] for a in listed}


# -- reading -------------------------------------------------------------------------------
def test_a_stored_record_is_rebuilt_from_the_tables(client: TestClient, analyzer: Analyzer) -> None:
    published, title, text = ARTICLES[1]
    original = analyzer.analyze(RawArticle(text=text), published=published, title=title)
    record = client.get(f"/api/articles/{original.id}").json()
    fresh = original.to_dict()
    assert record["article"] == {**fresh["article"], "text": text}
    for mine, theirs in zip(record["actors"], fresh["actors"], strict=True):
        assert mine["canonical_id"]
        assert {**mine, "canonical_id": None} == {**theirs, "canonical_id": None}
    keys = ("id", "kind", "text", "start", "end", "speaker", "cue", "channel", "rule")
    for mine, theirs in zip(record["quotes"], fresh["quotes"], strict=True):
        assert {k: mine[k] for k in keys} == {k: theirs[k] for k in keys}
    for mine, theirs in zip(record["events"], fresh["events"], strict=True):
        assert mine["cluster_id"]
        assert {**mine, "cluster_id": None} == {**theirs, "cluster_id": None}
        if mine["trigger"]:
            assert (
                text[mine["trigger"]["start"] : mine["trigger"]["end"]] == mine["trigger"]["text"]
            )


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_lists_are_pages(client: TestClient, path: str) -> None:
    whole = client.get(path, params={"limit": 500}).json()
    assert set(whole) == {"items", "total", "limit", "offset", "next"}
    assert whole["total"] == len(whole["items"]) >= 1 and whole["next"] is None
    default = client.get(path).json()
    assert default["limit"] == 50 and default["offset"] == 0
    second = client.get(path, params={"limit": 1, "offset": 1}).json()
    assert second["items"] == whole["items"][1:2] and second["total"] == whole["total"]
    if second["next"] is not None:
        third = client.get(path, params={"limit": 1, "cursor": second["next"]}).json()
        assert third["items"] == whole["items"][2:3] and third["total"] is None
    past = client.get(path, params={"offset": whole["total"]}).json()
    assert past["items"] == [] and past["total"] == whole["total"]
    for bad in ({"limit": 501}, {"limit": 0}, {"offset": -1}, {"limit": "ten"}):
        message = assert_error(client.get(path, params=bad), 422, "invalid")
        assert "limit" in message or "offset" in message


def test_actors_and_one_actor(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"country": "isl"}).json()["items"]
    thorsson = next(a for a in actors if a["name"] == "Bjarni Thorsson")
    assert thorsson["articles"] == 2 and thorsson["roles"] == ["Foreign Minister"]
    assert thorsson["variants"] == ["Bjarni Thorsson"]
    named = client.get("/api/actors", params={"name": "haug"}).json()["items"]
    assert [a["name"] for a in named] == ["Ingrid Haugland"]
    detail = client.get(f"/api/actors/{thorsson['id']}").json()
    assert detail["roles"] == ["Foreign Minister"] and detail["articles_total"] == 2
    assert [a["published"] for a in detail["articles"]] == ["2024-03-05", "2024-04-10"]
    assert {q["text"] for q in detail["quotes"]} >= {"This is not how neighbours behave"}
    assert detail["quotes_total"] == len(detail["quotes"])
    consult = next(e for e in detail["events"] if e["type"] == "CONSULT")
    assert consult["side"] == "target" and consult["source_name"] == "Ingrid Haugland"
    # the meeting, and "the two governments agreed" between the same two sides
    assert {c["name"]: c["events"] for c in detail["counterparts"]} == {"Ingrid Haugland": 2}
    limited = client.get(f"/api/actors/{thorsson['id']}", params={"limit": 1}).json()
    assert len(limited["articles"]) == 1 and limited["articles_total"] == 2
    missing = client.get("/api/actors/person:nobody:xxx")
    assert "person:nobody:xxx" in assert_error(missing, 404, "not_found")


def test_quote_search(client: TestClient) -> None:
    found = client.get("/api/quotes", params={"q": "neighbours behave"}).json()
    assert [q["speaker_name"] for q in found["items"]] == ["Bjarni Thorsson"]
    assert found["items"][0]["speaker_id"] == "person:bjarni-thorsson:isl"
    by_speaker = client.get("/api/quotes", params={"speaker": "jonsdottir"}).json()
    assert [q["text"] for q in by_speaker["items"]] == ["Our fishermen need certainty"]
    assert client.get("/api/quotes", params={"q": "zeppelin"}).json()["total"] == 0


def test_event_filters(client: TestClient) -> None:
    def events(**params: str) -> list[dict[str, Any]]:
        response = client.get("/api/events", params={**params, "limit": 500})
        assert response.status_code == 200, response.text
        return list(response.json()["items"])

    dyad = events(dyad="isl-nor", status="occurred")
    assert {(e["source_country"], e["target_country"]) for e in dyad} >= {
        ("NOR", "ISL"),
        ("ISL", "NOR"),
    }
    assert [e["type"] for e in events(type="ACCUSE")] == ["ACCUSE"]
    assert all(e["date"] >= "2024-04" for e in events(since="2024-04"))
    assert all(e["date"][:7] <= "2024-03" for e in events(until="2024-03"))
    assert len(events(by="report")) >= len(events())
    for bad in ({"dyad": "NORWAY"}, {"type": "HUG"}, {"status": "rumoured"}, {"since": "May"}):
        assert_error(client.get("/api/events", params=bad), 422, "invalid")


def test_series_periods_open_their_events(client: TestClient) -> None:
    series = client.get("/api/series", params={"a": "nor", "b": "isl"}).json()
    assert (series["a"], series["b"], series["freq"], series["by"]) == (
        "NOR",
        "ISL",
        "month",
        "cluster",
    )
    both = [r for r in series["items"] if r["direction"] == "both"]
    assert [r["period"] for r in both] == ["2024-03", "2024-04", "2024-05"]
    assert both[0]["verbal_cooperation"] >= 1 and both[1]["verbal_conflict"] >= 1
    for row in both:
        listed = client.get(
            "/api/events",
            params={"dyad": "NOR-ISL", "status": "occurred", "since": row["since"]}
            | {"until": row["until"]},
        ).json()
        assert listed["total"] == row["events"]
    weekly = client.get("/api/series", params={"a": "NOR", "b": "ISL", "freq": "week"}).json()
    first = weekly["items"][0]
    assert first["period"] == first["since"] == "2024-03-04" and first["until"] == "2024-03-10"
    later = client.get("/api/series", params={"a": "NOR", "b": "ISL", "since": "2024-04"})
    assert {r["period"] for r in later.json()["items"]} == {"2024-04", "2024-05"}
    assert_error(client.get("/api/series", params={"a": "NOR"}), 422, "invalid")


def test_dyads_and_stats(client: TestClient) -> None:
    dyads = client.get("/api/dyads").json()["items"]
    assert dyads[0]["a"] == "ISL" and dyads[0]["b"] == "NOR" and dyads[0]["occurred"] >= 3
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(ARTICLES)
    assert stats["canonical_actors"] > 0 and stats["event_clusters"] > 0


# -- errors and limits ---------------------------------------------------------------------
def test_one_error_shape(client: TestClient) -> None:
    assert "/api/nothing" in assert_error(client.get("/api/nothing"), 404, "not_found")
    missing = client.get("/api/articles/0123456789abcdef")
    assert "0123456789abcdef" in assert_error(missing, 404, "not_found")
    assert_error(client.get("/api/articles/not-an-id"), 404, "not_found")
    assert_error(client.get("/static/nothing.js"), 404, "not_found")
    wrong = client.delete("/api/articles")
    assert "DELETE" in assert_error(wrong, 405, "method_not_allowed")
    assert set(wrong.headers["allow"].split(", ")) >= {"GET", "POST"}


NO_ARTICLE = "No article with id '{}': article ids are 16 hex digits, as /api/articles lists them"
TYPES = ", ".join(f"'{t}'" for t in get_args(PloverType)[:-1])


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/articles/xyz", 404, NO_ARTICLE.format("xyz")),
        ("/api/articles/0123456789abcdef", 404, NO_ARTICLE.format("0123456789abcdef")),
        (
            "/api/actors/nobody",
            404,
            "No actor with id 'nobody': actor ids are like person:ingrid-haugland:nor, "
            "as /api/actors lists them",
        ),
        ("/api/nothing", 404, "No endpoint at /api/nothing: /docs lists the API's endpoints"),
        ("/static/nothing.js", 404, "No file at /static/nothing.js"),
        ("/api/articles?limit=0", 422, "limit must be at least 1, not '0'"),
        ("/api/articles?limit=501", 422, "limit must be at most 500, not '501'"),
        (
            "/api/articles?limit=ten&offset=-1",
            422,
            "limit must be a whole number, not 'ten'; offset must be at least 0, not '-1'",
        ),
        (
            "/api/actors?country=US1",
            422,
            "country: 'US1' is not a country code; did you mean USA, RUS, MUS?",
        ),
        (
            f"/api/actors?name={'x' * 201}",
            422,
            "name must be at most 200 characters long, not 201",
        ),
        (
            "/api/events?dyad=NORWAY",
            422,
            "dyad: 'NORWAY' is not two country codes; write AAA-BBB, e.g. USA-CHN",
        ),
        ("/api/events?type=HUG", 422, f"type must be {TYPES} or 'ASSAULT', not 'HUG'"),
        (
            "/api/events?status=rumoured",
            422,
            "status must be 'occurred', 'planned', 'hypothetical' or 'negated', not 'rumoured'",
        ),
        ("/api/events?min_confidence=2", 422, "min_confidence must be at most 1, not '2'"),
        ("/api/events?min_confidence=high", 422, "min_confidence must be a number, not 'high'"),
        ("/api/series?a=NOR", 422, "b is required"),
        (
            "/api/series?a=NOR&b=ISL&freq=day&by=all",
            422,
            "freq must be 'week' or 'month', not 'day'; by must be 'cluster' or 'report', "
            "not 'all'",
        ),
    ],
)
def test_errors_say_in_words_what_is_wrong(
    client: TestClient, path: str, status: int, message: str
) -> None:
    code = {404: "not_found", 422: "invalid"}[status]
    assert assert_error(client.get(path), status, code) == message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "give exactly one of text and html"),
        ({"text": TALKS, "colour": "red"}, "colour is not a field of this request"),
        ({"text": 3}, "text must be text, not 3"),
        ({"text": "x", "include_text": "often"}, "include_text must be true or false, not 'often'"),
        ([], "the request body must be a JSON object"),
    ],
)
def test_bad_bodies_say_in_words_what_is_wrong(client: TestClient, body: Any, message: str) -> None:
    assert assert_error(client.post("/api/analyze", json=body), 422, "invalid") == message


def test_crashes_are_500_in_the_error_shape(
    db: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(web_app.queries, "dyads", broken)
    with TestClient(create_app(db, analyzer=analyzer), raise_server_exceptions=False) as http:
        message = assert_error(http.get("/api/dyads"), 500, "internal")
    assert "fire" not in message


def test_request_size_limit(db: Path, analyzer: Analyzer) -> None:
    with TestClient(create_app(db, analyzer=analyzer, max_body=1000)) as http:
        declared = http.post("/api/analyze", json={"text": "x" * 2000})
        assert "1,000 bytes" in assert_error(declared, 413, "too_large")

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        streamed = http.post(
            "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
        )
        assert "content-length" not in streamed.request.headers
        assert_error(streamed, 413, "too_large")
        assert http.post("/api/analyze", json={"text": TALKS[:300]}).status_code == 200


def test_rate_limit(db: Path, analyzer: Analyzer) -> None:
    with TestClient(create_app(db, analyzer=analyzer, rate_limit=3)) as http:
        assert [http.get("/api/stats").status_code for _ in range(3)] == [200] * 3
        limited = http.get("/api/articles")
        assert "3 requests a minute" in assert_error(limited, 429, "rate_limited")
        assert int(limited.headers["retry-after"]) >= 1
        assert http.get("/").status_code == 200, "the dashboard's own files are not counted"


def test_rate_limit_refills_per_client() -> None:
    async def app(*_: object) -> None:
        return None

    limit = RateLimit(app, per_minute=60)
    assert [limit.take("a", 0.0) for _ in range(60)] == [0] * 60
    assert limit.take("a", 0.0) == 1
    assert limit.take("b", 0.0) == 0, "another client has its own bucket"
    assert limit.take("a", 1.0) == 0, "one request a second comes back"
    assert limit.take("a", 1.0) == 1


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/quotes", {"q": '"; DROP TABLE articles; --'}),
        ("/api/quotes", {"q": "NEAR(fair balance) OR * AND \"'"}),
        ("/api/quotes", {"speaker": "%' OR 1=1 --"}),
        ("/api/actors", {"name": "' OR '1'='1"}),
        ("/api/actors/x' OR '1'='1", {}),
        ("/api/articles/1' OR '1'='1", {}),
        ("/api/events", {"dyad": "ISL-NOR' --"}),
        ("/api/series", {"a": "NOR", "b": "' OR 1=1"}),
    ],
)
def test_sql_in_parameters_is_only_text(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    before = client.get("/api/stats").json()
    response = client.get(path, params=params)
    assert response.status_code in (200, 404, 422)
    if response.status_code == 200 and "items" in response.json():
        assert response.json()["total"] == 0
    assert client.get("/api/stats").json() == before


# -- serve ---------------------------------------------------------------------------------
def test_serve_makes_a_database_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    runs: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append(app))
    typo = tmp_path / "typo.db"
    assert main(["serve", "--db", str(typo)]) == 2
    assert (
        capsys.readouterr().err
        == f"detente: [D051] {typo}: no database here; run detente ingest first\n"
    )
    assert not typo.exists() and runs == []
    assert main(["serve", "--db", str(typo), "--create"]) == 0
    assert typo.exists() and len(runs) == 1


@pytest.mark.parametrize(
    ("options", "workers", "cache_mb"),
    [
        pytest.param([], None, 64, id="one process"),
        pytest.param(["--workers", "1", "--cache-mb", "0"], None, 0, id="no cache"),
        pytest.param(["--workers", "3"], 3, 64, id="three workers"),
        pytest.param(["--workers", "2", "--cache-mb", "8"], 2, 8, id="two workers, 8 MB"),
    ],
)
def test_serve_runs_the_worker_processes_and_cache_asked_for(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    options: list[str],
    workers: int | None,
    cache_mb: int,
) -> None:
    import uvicorn

    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append({"app": app, **kw}))
    monkeypatch.setattr(os, "environ", {**os.environ})  # serve passes settings to workers there
    monkeypatch.delitem(os.environ, web_app.WORKER_ENV, raising=False)
    assert main(["serve", "--db", str(db), *options]) == 0
    run = runs[-1]
    assert run.get("workers") == workers
    if workers is None:
        served = run["app"]
        assert web_app.WORKER_ENV not in os.environ
    else:
        assert run["app"] == "detente.web.app:worker_app" and run["factory"] is True
        served = web_app.worker_app()  # what each worker process builds
    caches = [m.kwargs["max_bytes"] for m in served.user_middleware if m.cls is AnswerCache]
    assert caches == [cache_mb * 2**20]
    with TestClient(served) as http:
        assert http.get("/api/stats").json()["articles"] == len(ARTICLES)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--workers", "0"], "argument --workers: '0' is not a whole number of 1 or more"),
        (["--workers", "two"], "argument --workers: 'two' is not a whole number of 1 or more"),
        (["--cache-mb", "-1"], "argument --cache-mb: '-1' is not a whole number of 0 or more"),
    ],
)
def test_serve_refuses_a_number_of_workers_or_cache_that_is_none(
    capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", *option])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_store_deleted_under_the_server_is_not_made_again(
    fresh_db: Path, analyzer: Analyzer
) -> None:
    with writer(fresh_db, analyzer) as http:
        fresh_db.unlink()
        message = assert_error(http.get("/api/stats"), 503, "unavailable")
        assert message == f"{fresh_db}: no database here; run detente ingest first"
        assert http.get("/api/stats").json()["error"]["detente_code"] == "D051"
    assert not fresh_db.exists()


def test_serve_takes_token_and_rate_limit_from_the_environment(
    db: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append({"app": app, **kw}))
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    monkeypatch.setenv("DETENTE_RATE_LIMIT", "2")
    web_app.serve(db, host="0.0.0.0", port=9999)
    assert runs[-1]["host"] == "0.0.0.0" and runs[-1]["port"] == 9999
    assert runs[-1]["proxy_headers"] is False
    with TestClient(runs[-1]["app"]) as http:
        assert_error(http.post("/api/articles", json={"text": VISIT}), 403, "forbidden")
        http.get("/api/stats")
        assert_error(http.get("/api/stats"), 429, "rate_limited")
    monkeypatch.setenv("DETENTE_TOKEN", "t0ken")
    monkeypatch.setenv("DETENTE_RATE_LIMIT", "0")
    web_app.serve(db)
    assert runs[-1]["host"] == "127.0.0.1" and runs[-1]["port"] == 8000
    with TestClient(runs[-1]["app"]) as http:
        assert_error(http.post("/api/articles", json={"text": VISIT}), 401, "unauthorized")
    monkeypatch.setenv("DETENTE_RATE_LIMIT", "lots")
    with pytest.raises(DetenteError, match="DETENTE_RATE_LIMIT"):
        web_app.serve(db)
