"""The web service: an HTTP API for programs and a dashboard for people, over one store.

``create_app`` builds the FastAPI application and ``serve`` runs it with uvicorn
(``detente serve``). Reads use one connection to the store per thread FastAPI runs
endpoints on, kept between requests, and their answers are kept while the store is
unchanged (``detente.web.reads``). The
one ``Analyzer`` is built on first use and runs on one thread of its own, so spaCy is
never called twice at once and a queue of analyses never takes the threads the reads
run on; the articles posted to be stored are written, and linked to the stored ones, on
one writer thread. Every error, whatever raised it, is ``{"error": {"status", "code",
"message"}}``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import json
import logging
import os
import re
import textwrap
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from html import escape
from http import HTTPStatus
from pathlib import Path
from string import Template
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, Query, Request, Response, Security
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.routing import Route

from detente import __version__, errors
from detente.model import Article
from detente.pipeline import DEFAULT_MODEL, Analyzer, check_model
from detente.series import store_series
from detente.store import Filters, Store
from detente.textio import MAX_CHARS, RawArticle, from_html, normalise_newlines
from detente.validation import Countries
from detente.web import messages, queries
from detente.web.assets import ASSETS
from detente.web.guards import BodyLimit, RateLimit, SecurityHeaders, error_response
from detente.web.reads import CACHE_BYTES, AnswerCache, Readers
from detente.web.schemas import (
    ARTICLE_ID_PATTERN,
    COUNTRY_PATTERN,
    DATE,
    DATE_PATTERN,
    DYAD_PATTERN,
    ActorDetail,
    ActorRow,
    AnalyzeInput,
    ArticleInput,
    ArticleRow,
    Counts,
    DyadRow,
    ErrorResponse,
    EventRow,
    Page,
    PloverType,
    QuoteRow,
    Record,
    Series,
    Status,
    Stored,
    StoredRecord,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

TOKEN_ENV = "DETENTE_TOKEN"
RATE_LIMIT_ENV = "DETENTE_RATE_LIMIT"
WORKER_ENV = "DETENTE_SERVE_WORKER"
"""How ``serve`` passes the store and its settings to worker processes it starts."""
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
STATIC = Path(__file__).with_name("static")
PAGE_PARTS = Path(__file__).with_name("pages")
LAYOUT = Path(__file__).with_name("layout.html")
PAGES = {
    "/": ("index", "Articles"),
    "/article": ("article", "Article"),
    "/actor": ("actor", "Actor"),
    "/dyad": ("dyad", "Dyad"),
    "/events": ("events", "Events"),
    "/quotes": ("quotes", "Quotes"),
    "/analyze": ("analyze", "Analyse"),
    "/docs": ("docs", "API"),
}
"""Dashboard pages: each is ``layout.html`` (head, navigation) around the ``<main>`` of
``pages/NAME.html``, with ``static/NAME.js`` reading the API."""

NOT_FOUND_PAGE = Template("""<h1>Not found</h1>
<p class="error" role="alert">$message</p>
""")
"""The ``<main>`` of the page a browser gets for a path that is no page."""

MAX_LIMIT = 500


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorResponse, "description": HTTPStatus(s).phrase} for s in statuses}


def _shaped(pattern: str, description: str) -> Any:
    """A query parameter that ``detente.validation`` checks; ``pattern`` only describes
    its shape (see ``schemas.DATE``)."""
    return Query(description=description, json_schema_extra={"pattern": pattern})


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50,
    offset: Annotated[
        int,
        Query(
            ge=0,
            le=10**9,
            description="items to skip (after the cursor, if any); slower than a cursor "
            "for deep pages, since the skipped items are read",
        ),
    ] = 0,
    cursor: Annotated[
        str | None,
        Query(
            max_length=1000,
            description="start after the page that answered this: its next, as it was",
        ),
    ] = None,
    total: Annotated[
        bool,
        Query(
            description="count the items the filters select (on a request without cursor); "
            "the count reads the filter's whole index range, so false answers sooner"
        ),
    ] = True,
) -> queries.PageRequest:
    """``limit``, ``offset``, ``cursor`` and ``total`` of a list endpoint."""
    return queries.PageRequest(limit, offset, cursor, count=total and cursor is None)


Paging = Annotated[queries.PageRequest, Depends(paging)]

BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description=f"the server's {TOKEN_ENV}; needed to store articles",
)


class Workers:
    """The analysis thread, with the app's one Analyzer, and the store's writer thread.

    spaCy must never analyse two texts at once: every analysis runs on the one analysis
    thread, in arrival order, while reads go on in FastAPI's thread pool. Each thread
    starts on first use and stops when the app shuts down, finishing the job in hand
    (the writer finishes its queue too); an app started again starts new ones."""

    def __init__(self, db: Path, analyzer: Analyzer | None) -> None:
        self.db = db
        self._analyzer = analyzer
        self._threads: dict[str, ThreadPoolExecutor] = {}

    async def analyze(self, body: ArticleInput) -> Article:
        return await self._run("analysis", self._analyze, body)

    async def store(self, article: Article) -> bool:
        """Store the article and link it to the stored ones; False when it was already there."""
        return await self._run("writer", self._store, article)

    def close(self) -> None:
        threads, self._threads = self._threads, {}
        for name, thread in threads.items():
            thread.shutdown(wait=True, cancel_futures=name == "analysis")

    async def _run(self, name: str, job: Callable[[Any], T], argument: Any) -> T:
        if name not in self._threads:
            self._threads[name] = ThreadPoolExecutor(1, thread_name_prefix=f"detente-{name}")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads[name], job, argument)

    def _analyze(self, body: ArticleInput) -> Article:
        if self._analyzer is None:
            self._analyzer = Analyzer()
        if body.html is not None:
            raw = from_html(body.html, "<html>")
        else:
            raw = RawArticle(text=normalise_newlines(body.text or ""))
        if len(raw.text) > MAX_CHARS:
            raise errors.TooLarge(
                f"{len(raw.text):,} characters of text is more than one article "
                f"(limit {MAX_CHARS:,}); split it into articles"
            )
        return self._analyzer.analyze(
            raw, published=body.published, title=body.title, url=body.url, outlet=body.outlet
        )

    def _store(self, article: Article) -> bool:
        assert self._analyzer is not None, "an article is analysed before it is stored"
        with Store(self.db) as store:
            if not store.add(article):
                return False
            store.link(self._analyzer.kb)
        return True


def _status_of(exc: errors.DetenteError) -> int:
    if isinstance(exc, errors.TooLarge):
        return 413
    if isinstance(exc, errors.InvalidArgument):
        return 422
    if type(exc) is errors.InputError:
        return 400
    if isinstance(exc, errors.InputError):
        return 422
    if isinstance(exc, errors.StoreError):
        return 503
    return 500


def _default_message(status: int, request: Request, headers: dict[str, str] | None) -> str:
    if status == 404:
        return messages.nothing_at(request.url.path)
    if status == 405:
        allowed = (headers or {}).get("Allow", "")
        return f"{request.method} is not allowed on {request.url.path}; allowed: {allowed}"
    return HTTPStatus(status).phrase


def _allowed(request: Request) -> str:
    """Every method some route takes at this path (Starlette names only the first's)."""
    path = request.url.path
    methods = {
        method
        for route in request.app.routes
        if isinstance(route, Route) and route.methods and route.path_regex.match(path)
        for method in route.methods
    }
    return ", ".join(sorted(methods))


def _period_bounds(period: str, freq: str) -> dict[str, str]:
    """The ``since`` and ``until`` that select a series period's events."""
    if freq == "month":
        return {"since": period, "until": period}
    monday = dt.date.fromisoformat(period)
    return {"since": period, "until": (monday + dt.timedelta(days=6)).isoformat()}


def create_app(
    db: Path,
    *,
    create: bool = False,
    token: str | None = None,
    loopback_only: bool = True,
    max_body: int = 2_000_000,
    rate_limit: int = 120,
    analyzer: Analyzer | None = None,
    cache_bytes: int = CACHE_BYTES,
) -> FastAPI:
    """The service over the store at ``db``; ``NoDatabase`` when there is none, unless
    ``create`` makes an empty one.

    ``token``: the bearer token writes need; with none, writes are open when the server
    listens on the loopback interface only (``loopback_only``) and refused otherwise.
    ``max_body``: the largest request body in bytes. ``rate_limit``: API requests per
    minute per client address (0: no limit). ``analyzer``: used instead of building one on
    first use. ``cache_bytes``: the API answers kept while the store is unchanged, in bytes
    (0: none; see ``reads.AnswerCache``).
    """
    Store(db, create=create).close()
    workers = Workers(db, analyzer)
    readers = Readers(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        workers.close()
        readers.close()

    app = FastAPI(
        title="detente",
        version=__version__,
        summary="News articles as event data: actors, quotations and PLOVER events.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        responses=_errors(400, 413, 422, 429, 500),
    )
    app.add_middleware(AnswerCache, version=readers.version, max_bytes=cache_bytes)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(RateLimit, per_minute=rate_limit)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    layout = Template(LAYOUT.read_text(encoding="utf-8"))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 405 and (allowed := _allowed(request)):
            headers = {**(headers or {}), "Allow": allowed}
        message = exc.detail
        if message == HTTPStatus(exc.status_code).phrase:
            message = _default_message(exc.status_code, request, headers)
        if exc.status_code == 404 and _wants_page(request):
            return HTMLResponse(_not_found_page(layout, str(message)), 404)
        return error_response(exc.status_code, str(message), headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = exc.errors()
        if any(p.get("type") == "json_invalid" for p in problems):
            return error_response(400, "the request body is not valid JSON")
        return error_response(422, messages.invalid_request(problems))

    @app.exception_handler(errors.DetenteError)
    async def detente_error(_: Request, exc: errors.DetenteError) -> JSONResponse:
        return error_response(_status_of(exc), exc.message, detente_code=exc.code)

    @app.exception_handler(Exception)
    async def crash(_: Request, exc: Exception) -> JSONResponse:
        log.error("internal error: %r", exc, exc_info=exc)
        return error_response(500, "internal error; the server's log has the details")

    async def may_write(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
    ) -> None:
        if token is None:
            if loopback_only:
                return
            raise HTTPException(
                403,
                "storing articles is turned off: this server is reachable beyond this "
                f"machine and has no token; set {TOKEN_ENV} and send it as "
                "Authorization: Bearer <token>",
            )
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(
                401,
                f"a valid token is needed: send Authorization: Bearer <{TOKEN_ENV}>",
                headers={"WWW-Authenticate": "Bearer"},
            )

    @app.post(
        "/api/analyze",
        response_model=Record,
        summary="Analyse an article; the record, as detente analyze --format json prints it",
        tags=["analysis"],
    )
    async def analyze(body: AnalyzeInput) -> JSONResponse:
        article = await workers.analyze(body)
        return JSONResponse(article.to_dict(include_text=body.include_text))

    @app.post(
        "/api/articles",
        status_code=201,
        response_model=Stored,
        summary="Analyse an article and store it: 201 when new, 200 when already stored",
        tags=["articles"],
        dependencies=[Depends(may_write)],
        responses={200: {"model": Stored, "description": "already stored"}, **_errors(401, 403)},
    )
    async def add_article(body: ArticleInput, response: Response) -> dict[str, Any]:
        article = await workers.analyze(body)
        new = await workers.store(article)
        response.status_code = 201 if new else 200
        response.headers["Location"] = f"/api/articles/{article.id}"
        return {
            "id": article.id,
            "stored": new,
            "actors": len(article.actors),
            "quotes": len(article.quotes),
            "events": len(article.events),
        }

    @app.get(
        "/api/articles",
        response_model=Page[ArticleRow],
        summary="Stored articles, by date",
        tags=["articles"],
    )
    def list_articles(page: Paging) -> dict[str, Any]:
        return queries.page(readers.store(), "articles", page)

    @app.get(
        "/api/articles/{article_id}",
        response_model=StoredRecord,
        summary="A stored article's record, with its text, rebuilt from the store",
        tags=["articles"],
        responses=_errors(404),
    )
    def get_article(
        article_id: Annotated[str, PathParam(description="16 hex digits")],
    ) -> JSONResponse:
        record = None
        if re.fullmatch(ARTICLE_ID_PATTERN, article_id):
            record = queries.article_record(readers.store().db, article_id)
        if record is None:
            raise HTTPException(404, messages.no_article(article_id))
        return JSONResponse(record)

    @app.get(
        "/api/actors",
        response_model=Page[ActorRow],
        summary="Canonical actors (one per real actor across articles), most articles first",
        tags=["actors"],
    )
    def list_actors(
        page: Paging,
        country: Annotated[str | None, _shaped(COUNTRY_PATTERN, "ISO code, e.g. CHN")] = None,
        name: Annotated[str | None, Query(max_length=200, description="part of a name")] = None,
    ) -> dict[str, Any]:
        store = readers.store()
        if country is not None:
            country = Countries(store.country_codes).code("country", country)
        result = queries.page(store, "actors", page, Filters(country=country, name=name))
        roles = queries.roles(store.db, [r["id"] for r in result["items"]])
        result["items"] = [
            {**r, "roles": roles[r["id"]], "variants": json.loads(r["variants"])}
            for r in result["items"]
        ]
        return result

    @app.get(
        "/api/actors/{actor_id}",
        response_model=ActorDetail,
        summary="One canonical actor: variants, roles, articles, quotes, events, counterparts",
        tags=["actors"],
        responses=_errors(404),
    )
    def get_actor(
        actor_id: Annotated[str, PathParam(max_length=300)],
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per list")] = 50,
    ) -> dict[str, Any]:
        detail = queries.actor_detail(readers.store().db, actor_id, limit)
        if detail is None:
            raise HTTPException(404, messages.no_actor(actor_id))
        return detail

    @app.get(
        "/api/quotes",
        response_model=Page[QuoteRow],
        summary="Quotes, by date; full-text search on their words",
        tags=["quotes"],
    )
    def list_quotes(
        page: Paging,
        speaker: Annotated[
            str | None, Query(max_length=200, description="part of the speaker's name")
        ] = None,
        q: Annotated[str | None, Query(max_length=500, description="words in the quote")] = None,
    ) -> dict[str, Any]:
        filters = Filters(speaker=speaker, search=q)
        return queries.page(readers.store(), "quotes", page, filters)

    @app.get(
        "/api/events",
        response_model=Page[EventRow],
        summary="Events: one per real-world event (by=cluster) or one per report",
        tags=["events"],
    )
    def list_events(
        page: Paging,
        dyad: Annotated[str | None, _shaped(DYAD_PATTERN, "AAA-BBB, both directions")] = None,
        type_: Annotated[PloverType | None, Query(alias="type")] = None,
        status: Status | None = None,
        since: Annotated[str | None, _shaped(DATE_PATTERN, DATE)] = None,
        until: Annotated[str | None, _shaped(DATE_PATTERN, DATE)] = None,
        by: Literal["cluster", "report"] = "cluster",
        min_confidence: Annotated[
            float | None,
            Query(ge=0, le=1, description="only events at least this confident (0 to 1)"),
        ] = None,
    ) -> dict[str, Any]:
        store = readers.store()
        pair = Countries(store.country_codes).dyad("dyad", dyad) if dyad is not None else None
        filters = Filters(
            dyad=pair,
            type=type_,
            status=status,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )
        return queries.page(store, "events", page, filters, by=by)

    @app.get(
        "/api/series",
        response_model=Series,
        summary="Cooperation and conflict between two countries, per period",
        tags=["events"],
    )
    def get_series(
        a: Annotated[str, _shaped(COUNTRY_PATTERN, "ISO code, e.g. USA")],
        b: Annotated[str, _shaped(COUNTRY_PATTERN, "ISO code, e.g. CHN")],
        freq: Literal["week", "month"] = "month",
        by: Literal["cluster", "report"] = "cluster",
        since: Annotated[str | None, _shaped(DATE_PATTERN, DATE)] = None,
        until: Annotated[str | None, _shaped(DATE_PATTERN, DATE)] = None,
    ) -> dict[str, Any]:
        store = readers.store()
        countries = Countries(store.country_codes)
        first, second = countries.code("series", a), countries.code("series", b)
        rows = store_series(store, first, second, freq, by, since=since, until=until)
        items = [{**row, **_period_bounds(row["period"], freq)} for row in rows]
        return {
            "a": first,
            "b": second,
            "freq": freq,
            "by": by,
            "items": items,
            "total": len(items),
        }

    @app.get(
        "/api/dyads",
        response_model=Page[DyadRow],
        summary="Pairs of countries with events between them, the busiest first",
        tags=["events"],
    )
    def list_dyads(page: Paging) -> dict[str, Any]:
        return queries.dyads(readers.store().db, page)

    @app.get("/api/stats", response_model=Counts, summary="What the store holds", tags=["store"])
    def stats() -> dict[str, int]:
        store = readers.store()
        return {**store.counts(), **queries.counts(store.db)}

    files = {path: (media_type, make()) for path, (media_type, make) in ASSETS.items()}
    for path, (name, title) in PAGES.items():
        main = (PAGE_PARTS / f"{name}.html").read_text(encoding="utf-8")
        files[path] = ("text/html", _layout_page(layout, name, title, main, script=True))
    for path, (media_type, content) in files.items():
        answer = _fixed(content, media_type)
        app.add_api_route(path, answer, methods=["GET"], include_in_schema=False)
    return app


def _layout_page(layout: Template, name: str, title: str, main: str, script: bool = False) -> str:
    """A page of the dashboard: ``main`` in the layout, with ``static/NAME.js`` when
    ``script``."""
    tag = f'<script type="module" src="/static/{name}.js"></script>' if script else ""
    main = textwrap.indent(main, "    ")
    return layout.substitute(name=name, title=title, main=main, script=tag)


def _not_found_page(layout: Template, message: str) -> str:
    main = NOT_FOUND_PAGE.substitute(message=escape(message))
    return _layout_page(layout, "not-found", "Not found", main)


def _wants_page(request: Request) -> bool:
    """Whether a missing path was asked for by a browser as a dashboard page."""
    path = request.url.path
    accepted = request.headers.get("accept", "")
    return "text/html" in accepted and not path.startswith(("/api/", "/static/"))


def _fixed(content: str, media_type: str) -> Callable[[], Response]:
    def answer() -> Response:
        return Response(content, media_type=media_type)

    return answer


def rate_limit_from_env(default: int = 120) -> int:
    """``$DETENTE_RATE_LIMIT`` (requests per minute per client; 0 for none), else the
    default."""
    value = os.environ.get(RATE_LIMIT_ENV, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise errors.ConfigError(
            where=f"{RATE_LIMIT_ENV}={value!r}",
            problem="give a number of requests per minute (0: no limit)",
        )
    return int(value)


def serve(
    db: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    create: bool = False,
    workers: int = 1,
    cache_bytes: int = CACHE_BYTES,
) -> None:
    """Run the service until interrupted, over the store at ``db`` (made empty when missing
    only with ``create``), in ``workers`` processes that share the port, each keeping at
    most ``cache_bytes`` of answers. The token is ``$DETENTE_TOKEN``; the rate limit
    ``$DETENTE_RATE_LIMIT``, counted by each worker. Client addresses are the
    connections' own (``X-Forwarded-For`` is not trusted)."""
    import uvicorn

    token = os.environ.get(TOKEN_ENV) or None
    loopback = host in LOOPBACK_HOSTS
    if not loopback and token is None:
        log.warning(
            "listening on %s without %s: storing articles is refused until it is set",
            host,
            TOKEN_ENV,
        )
    check_model(DEFAULT_MODEL)
    app = create_app(
        db,
        create=create,
        token=token,
        loopback_only=loopback,
        rate_limit=rate_limit_from_env(),
        cache_bytes=cache_bytes,
    )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "proxy_headers": False,
        "server_header": False,
    }
    if workers == 1:
        uvicorn.run(app, **options)
        return
    settings = {"db": str(db.resolve()), "loopback_only": loopback, "cache_bytes": cache_bytes}
    os.environ[WORKER_ENV] = json.dumps(settings)
    uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, **options)


def worker_app() -> FastAPI:
    """The service in one worker process of ``serve`` with several: over the store and
    with the settings that ``serve`` gave in ``$DETENTE_SERVE_WORKER``."""
    settings = json.loads(os.environ[WORKER_ENV])
    return create_app(
        Path(settings["db"]),
        token=os.environ.get(TOKEN_ENV) or None,
        loopback_only=settings["loopback_only"],
        rate_limit=rate_limit_from_env(),
        cache_bytes=settings["cache_bytes"],
    )
