"""The dashboard in a real browser: headless Chromium (Debian's, at /usr/bin/chromium)
driven by Playwright, against the service run by uvicorn on a free loopback port over a
store of invented articles, one of them hostile."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from detente.pipeline import Analyzer
from detente.plot import QUAD_STYLE
from detente.store import Store
from detente.textio import RawArticle
from detente.web import create_app
from test_web_api import HOSTILE_INPUT, HOSTILE_TITLE, VISIT, build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium)",
)
playwright = pytest.importorskip("playwright.sync_api")


class Server:
    """uvicorn in a thread, on a loopback port the system chose."""

    def __init__(self, app: object) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]})

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.socket.close()


@pytest.fixture(scope="module")
def hostile_id(analyzer: Analyzer) -> str:
    raw = RawArticle(text=HOSTILE_INPUT["text"])
    meta = {k: HOSTILE_INPUT[k] for k in ("title", "published", "url", "outlet")}
    return analyzer.analyze(raw, **meta).id


@pytest.fixture(scope="module")
def base_url(
    analyzer: Analyzer, hostile_id: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("browser") / "news.db", analyzer)
    meta = {k: HOSTILE_INPUT[k] for k in ("title", "published", "url", "outlet")}
    with Store(db, create=True) as store:
        store.add(analyzer.analyze(RawArticle(text=HOSTILE_INPUT["text"]), **meta))
        store.relink(analyzer.kb)
    with Server(create_app(db, analyzer=analyzer, rate_limit=0)) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every script error, console error and dialog it produced."""

    def __init__(self, browser: object, base_url: str) -> None:
        self.context = browser.new_context(  # type: ignore[attr-defined]
            base_url=base_url, viewport={"width": 1280, "height": 900}
        )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("dialog", self._dialog)

    def forgive_failed_loads(self) -> None:
        """Drop the console's note of each answer with an error status: the test asked
        for a missing thing on purpose."""
        self.problems = [p for p in self.problems if "Failed to load resource" not in p]

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]


@pytest.fixture
def watched(browser: object, base_url: str) -> Iterator[Watched]:
    page = Watched(browser, base_url)
    page.page.set_default_timeout(10_000)
    yield page
    page.context.close()
    assert page.problems == [] and page.dialogs == []


def test_open_the_dashboard_then_an_article_with_its_highlights(watched: Watched) -> None:
    page = watched.page
    page.goto("/")
    rows = page.locator("#article-list tbody tr")
    rows.first.wait_for()
    assert rows.count() == 4
    page.locator("#stats .stat").nth(4).wait_for()  # drawn from its own request
    assert page.locator("#stats .stat").count() == 5
    page.get_by_role("link", name="Oslo talks end in a fisheries deal").click()
    page.wait_for_url(re.compile(r"/article\?id=[0-9a-f]{16}$"))
    text = page.locator("#text")
    text.locator(".mark").first.wait_for()
    assert page.locator("h1").inner_text() == "Oslo talks end in a fisheries deal"
    actors = [a.inner_text() for a in text.locator(".mark.actor").all()]
    assert {"Ingrid Haugland", "Haugland", "Bjarni Thorsson"} <= set(actors)
    quote = text.locator(".mark.quote", has_text="We have found a fair balance")
    assert re.search(r"\bspk-\d\b", quote.get_attribute("class") or "")
    meeting = text.locator(".mark.event", has_text="met")
    assert "CONSULT (occurred)" in (meeting.get_attribute("title") or "")
    text.locator(".mark.actor", has_text="Bjarni Thorsson").click()
    assert page.url.endswith("#actor-a3")
    record = page.locator("#actor-a3")
    assert record.evaluate("node => node.matches(':target')")
    record.get_by_role("link", name="Bjarni Thorsson").click()
    page.wait_for_url(re.compile(r"/actor\?id=person"))
    page.locator("ul.bars li").first.wait_for()
    assert "Ingrid Haugland" in page.locator("ul.bars").inner_text()
    assert page.locator("h1").inner_text() == "Bjarni Thorsson"


def test_the_lists_page_by_cursor_and_count_once(watched: Watched) -> None:
    page = watched.page
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/api/actors" in r.url else None)
    page.goto("/")
    pager = page.locator("#actors .pager")
    pager.wait_for()
    shown = re.fullmatch(r"1–15 of (\d+)", pager.locator("span").inner_text())
    assert shown is not None and int(shown.group(1)) > 15, "the store has one page of actors"
    total = shown.group(1)
    pager.get_by_role("button", name="Next →").click()
    # the list is drawn anew: its pager may be missing for a moment
    page.wait_for_function(
        "() => (document.querySelector('#actors .pager span')?.textContent ?? '').startsWith('16–')"
    )
    assert re.fullmatch(rf"16–\d+ of {total}", pager.locator("span").inner_text())
    assert "cursor=" in asked[-1] and "offset" not in asked[-1]
    pager.get_by_role("button", name="← Previous").click()
    page.wait_for_function(
        "() => (document.querySelector('#actors .pager span')?.textContent ?? '').startsWith('1–')"
    )
    assert pager.locator("span").inner_text() == f"1–15 of {total}"
    assert "cursor" not in asked[-1] and not any("offset" in url for url in asked)


def test_the_dyad_chart_opens_the_events_of_a_period(watched: Watched) -> None:
    page = watched.page
    page.goto("/dyad?a=NOR&b=ISL")
    bars = page.locator("svg.chart g.period")
    bars.first.wait_for()
    assert [b.get_attribute("data-period") for b in bars.all()] == [
        "2024-03",
        "2024-04",
        "2024-05",
    ]
    assert page.locator("svg.chart rect.bar.verbal_cooperation").count() >= 2
    assert page.locator("svg.chart rect.bar.verbal_conflict").count() >= 1
    bars.nth(1).click()
    heading = page.locator("#period h2")
    heading.wait_for()
    assert heading.inner_text().startswith("NOR – ISL, 2024-04:")
    shown = int(re.search(r": (\d+) event", heading.inner_text()).group(1))  # type: ignore[union-attr]
    assert page.locator("#period tbody tr").count() == shown >= 1
    assert "ACCUSE" in page.locator("#period tbody").inner_text()


def test_search_a_quote_and_open_it_in_its_article(watched: Watched) -> None:
    page = watched.page
    page.goto("/quotes")
    page.get_by_placeholder("words in the quote").fill("neighbours behave")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=neighbours"))
    results = page.locator("ol.quote-results li")
    results.first.wait_for()
    assert results.count() == 1
    assert "This is not how neighbours behave" in results.first.inner_text()
    assert "Bjarni Thorsson" in results.first.inner_text()
    results.first.get_by_role("link", name="in the article").click()
    page.wait_for_url(re.compile(r"#quote-q\d+$"))
    target = page.locator("li.record.target")
    target.wait_for()
    assert "neighbours behave" in target.inner_text()


def test_a_hostile_article_runs_no_script(watched: Watched, hostile_id: str) -> None:
    page = watched.page
    for path in (
        f"/article?id={hostile_id}",
        "/",
        "/quotes?q=gates",
        "/actor?id=person:amani-odhiambo:ken",
        "/events?dyad=KEN-TZA",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.locator("main img, main script, main iframe").count() == 0, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
    page.goto(f"/article?id={hostile_id}")
    page.locator("#text .mark").first.wait_for()
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    body = page.locator("#text").inner_text()
    assert "<script>window.__pwned=1</script>" in body
    assert '<img src=x onerror="window.__pwned=1">' in body
    assert page.get_by_role("link", name="source").count() == 0, "a javascript: url is no link"
    scripted = page.locator("#text .mark.quote", has_text="<script>")
    assert scripted.count() >= 1
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_paste_an_article_see_it_analysed_and_store_it(watched: Watched) -> None:
    page = watched.page
    page.goto("/analyze")
    page.locator("textarea").fill(VISIT)
    page.get_by_label("published").fill("2024-05-20")
    page.get_by_role("button", name="Analyse").click()
    result = page.locator("#result #text")
    result.locator(".mark.actor").first.wait_for()
    assert "Lars Bakke" in [a.inner_text() for a in result.locator(".mark.actor").all()]
    quoted = "".join(q.inner_text() for q in result.locator(".mark.quote").all())
    assert "Our fishermen need certainty" in quoted
    page.get_by_role("button", name="Store it").click()
    status = page.locator("#status a")
    status.wait_for()
    assert page.locator("#status").inner_text().startswith("Already stored: ")


def test_the_api_page_lists_the_endpoints(watched: Watched) -> None:
    page = watched.page
    page.goto("/docs")
    sections = page.locator("section.endpoint")
    sections.first.wait_for()
    assert sections.count() == 11
    assert "/api/series" in page.locator("#endpoints").inner_text()


NO_ARTICLE = "No article with id '{}': article ids are 16 hex digits, as /api/articles lists them"


@pytest.mark.parametrize("article_id", ["xyz", "0123456789abcdef"])
def test_an_unknown_article_says_so_in_words(watched: Watched, article_id: str) -> None:
    page = watched.page
    page.goto(f"/article?id={article_id}")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == NO_ARTICLE.format(article_id)
    watched.forgive_failed_loads()


def test_an_unknown_page_is_a_page_that_says_so(watched: Watched) -> None:
    page = watched.page
    response = page.goto("/nothing-here")
    assert response is not None and response.status == 404
    assert page.get_by_role("alert").inner_text() == (
        "No page at /nothing-here: the dashboard's pages are in the menu above"
    )
    assert page.get_by_role("link", name="Articles").count() >= 1
    watched.forgive_failed_loads()


def test_actor_tags_say_what_each_code_is(watched: Watched) -> None:
    page = watched.page
    page.goto("/actor?id=person:bjarni-thorsson:isl")
    tags = page.locator("header .badge")
    tags.first.wait_for()
    assert [t.inner_text() for t in tags.all()] == ["person", "country: ISL", "sector: government"]
    page.locator("ul.plain a").first.click()
    record = page.locator("li.record[id^=actor-]", has_text="Bjarni Thorsson").first
    record.wait_for()
    labels = [t.inner_text() for t in record.locator(".badge").all()]
    assert labels == ["person", "country: ISL", "sector: government"]


PLACEHOLDER_AND_ROOM = """input => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = style.font;
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return [context.measureText(input.placeholder).width, input.clientWidth - padding];
}"""
"""The width of an input's placeholder in its font, and the width it has for text."""


def test_every_placeholder_fits_its_field(watched: Watched) -> None:
    page = watched.page
    for path in ("/", "/dyad", "/events", "/quotes", "/analyze"):
        page.goto(path)
        for field in page.locator("main input[placeholder]").all():
            text, room = field.evaluate(PLACEHOLDER_AND_ROOM)
            name = f"{path} {field.get_attribute('name')}"
            assert text <= room, f"{name}: a placeholder of {text:.0f} px in {room:.0f} px"


def chart_of(watched: Watched, counts: list[tuple[str, int, int, int, int]]) -> object:
    """The dyad page's chart of NOR and ISL drawn from these counts per month (verbal and
    material cooperation, verbal and material conflict), answered in place of the
    store's."""
    quads = list(QUAD_STYLE)
    items = [
        {"period": month, "direction": "both", "since": month, "until": month}
        | dict(zip(quads, numbers, strict=True))
        | {"events": sum(numbers), "intensity_total": 0.0, "intensity_mean": None}
        for month, *numbers in counts
    ]
    series = {"a": "NOR", "b": "ISL", "freq": "month", "by": "cluster", "items": items}
    page = watched.page
    page.unroute("**/api/series?*")
    page.route("**/api/series?*", lambda route: route.fulfill(json=series | {"total": len(items)}))
    page.goto("/dyad?a=NOR&b=ISL")
    page.locator("svg.chart g.period").first.wait_for()
    return page


def test_the_chart_has_the_png_charts_colours(watched: Watched) -> None:
    page = chart_of(watched, [("2024-03", 2, 1, 1, 1)])
    for quad, (_, colour) in QUAD_STYLE.items():
        rgb = "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
        swatch = page.locator(f".legend .swatch.{quad}")  # type: ignore[attr-defined]
        assert swatch.evaluate("node => getComputedStyle(node).backgroundColor") == rgb, quad
        bar = page.locator(f"svg.chart rect.bar.{quad}")  # type: ignore[attr-defined]
        assert bar.evaluate("node => getComputedStyle(node).fill") == rgb, quad


def test_the_chart_axis_ends_at_its_outermost_labels(watched: Watched) -> None:
    for most in (1, 4, 5, 7, 13):
        page = chart_of(watched, [("2024-03", most, 0, 1, 0), ("2024-04", 0, 1, 0, most)])
        ticks = page.locator("svg.chart .grid line").all()  # type: ignore[attr-defined]
        heights = sorted(float(line.get_attribute("y1") or "nan") for line in ticks)
        plot = page.locator("svg.chart rect.hit").first  # type: ignore[attr-defined]
        top = float(plot.get_attribute("y") or "nan")
        bottom = top + float(plot.get_attribute("height") or "nan")
        assert (heights[0], heights[-1]) == pytest.approx((top, bottom)), f"{most} events"
