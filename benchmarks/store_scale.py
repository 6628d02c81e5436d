"""A store of years of news, without NLP: write, link, query, serve and export at scale.

Synthetic but realistic records: the articles detente produced for real texts (the
bundled examples, analysed once and cached; or ``--records FILE``, JSON lines written by
``detente analyze --include-text --format jsonl``), each copy re-dated at random over ten
years (2016-2025, its events' dates moved with it) and given other actors: the
countries of each copy are drawn from a pool where a few are much busier than the rest,
as in the news (weight 1/rank), and its people get names drawn the same way from 100,000
invented names. Articles go into the store through ``Store.add``, one transaction each,
as ``detente ingest`` writes them.

The store grows in ``--steps`` (cumulative). At each step, the articles up to the step
less one batch are written and the store linked (the "catch-up"); then a batch of 1,000
articles dated in the last week of the ten years (a day's news) is written and linked:
that last link is the cost of linking a batch. Then, through the HTTP API in this
process (no server): the first and a deep page (half-way, by ``offset``, and the next one
by its ``cursor`` where the API gives one) of ``/api/events?dyad=``, the
ten-year monthly ``/api/series``, a full-text search of quotes; the database's size per
article and the space each table and index takes (SQLite's ``dbstat``); the peak
resident memory of this process. Then ``detente serve`` over the store, in its own
process (``--workers``), under ``--clients`` concurrent clients reading ``/api/events``
and ``/api/series`` (half each) for ``--seconds``: requests per second and p95
latencies, as it runs by default, then with no answer kept (``--cache-mb 0``), the cost
of every request when the store changes between them.
Last, the store is exported (``detente export --format parquet``) and the new articles
are written as ``ingest --out`` partitions; DuckDB computes the dyad's monthly series
(by report) over each, and the result is checked against the store's own.

    .venv/bin/python benchmarks/store_scale.py [--steps 2000,10000] [--records FILE]
        [--keep DIR] [--json FILE] [--clients 50] [--seconds 20] [--workers 1] [--no-serve]
        [--no-parquet] [--link-up-to N]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from detente.errors import InputError
from detente.export import PartitionStore, export
from detente.kb import KnowledgeBase
from detente.kb.ontology import QUAD_CLASSES, QUADS
from detente.model import Actor, Article, Event
from detente.store import Store
from procmem import PeakSampler

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CACHE = Path(tempfile.gettempdir()) / "detente-store-scale"
BATCH = 1000
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = (dt.date(2026, 1, 1) - FIRST_DAY).days
BATCH_DAYS = 7
"""The measured batch is dated in the last week of the ten years: a day's news."""
BUSY_COUNTRIES = ("USA", "CHN", "RUS", "UKR", "GBR", "FRA", "DEU", "IND", "JPN", "ISR", "IRN")
"""The busiest countries of the pool, in order; the rest follow in the knowledge base's."""
DYAD = ("USA", "CHN")
PAGE = 50
ROUNDS = 5
"""Each query is run once to warm the cache, then this many times: the median counts."""
PEOPLE = 100_000
FIRST_NAMES = [
    f"{a}{b}".capitalize()
    for a in ("ka", "le", "mi", "no", "ra", "si")
    for b in ("ran", "lia", "mon", "tor", "vel", "dis", "na", "ko", "ren", "sa")
]
LAST_NAMES = [
    f"{a}{b}{c}".capitalize()
    for a in ("bar", "cor", "dal", "fen", "gor", "hal", "kir", "lom", "mar", "nor")
    for b in ("a", "e", "i", "o", "u")
    for c in ("nd", "ssen", "vic", "ley", "ton", "rez", "ski", "moto", "ra", "lli")
]
"""60 first names and 500 surnames: 30,000 pairs; a person's rank past that gets a
numbered surname, so every rank is a different name."""


@dataclass
class Step:
    """What one step measured; seconds unless said."""

    articles: int
    write_rate: float = 0.0
    write_cpu_ms: float = 0.0
    """CPU milliseconds per article written (this process; the machine may be shared)."""
    link_catch_up: float | None = None
    link_batch: float | None = None
    link_batch_cpu: float | None = None
    link_peak_mib: float | None = None
    events_first_ms: float = 0.0
    events_deep_ms: float = 0.0
    events_deep_offset: int = 0
    events_cursor_ms: float | None = None
    events_total: int = 0
    series_ms: float = 0.0
    series_report_ms: float = 0.0
    quotes_ms: float = 0.0
    quotes_total: int = 0
    bytes_per_article: float = 0.0
    peak_mib: float = 0.0
    space: dict[str, int] = field(default_factory=dict)
    load: dict[str, Any] = field(default_factory=dict)
    """``detente serve`` under load as it runs by default (answers kept while the store is
    unchanged)."""
    load_uncached: dict[str, Any] = field(default_factory=dict)
    """The same load with no answer kept (``--cache-mb 0``): what every request costs,
    as when the store changes between requests."""
    parquet: dict[str, Any] = field(default_factory=dict)


# -- the records ------------------------------------------------------------------------
def template_records(records: Path | None) -> list[Article]:
    """The articles to copy: ``records`` when given, else the examples, analysed once
    and cached."""
    if records is None:
        records = CACHE / "examples.jsonl"
        if not records.exists():
            analyse_examples(records)
    articles = []
    with records.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                articles.append(Article.from_dict(json.loads(line)))
            except (InputError, json.JSONDecodeError) as exc:
                raise SystemExit(f"{records}:{number}: {getattr(exc, 'message', exc)}") from None
    if not articles:
        raise SystemExit(f"{records}: no records")
    return articles


def analyse_examples(out: Path) -> None:
    from detente.pipeline import Analyzer
    from detente.textio import RawArticle

    print(f"analysing the examples once (cached in {out})", file=sys.stderr)
    analyzer = Analyzer()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for path in sorted(EXAMPLES.glob("*.txt")):
            raw = RawArticle(text=path.read_text(encoding="utf-8"), path=path.name)
            article = analyzer.analyze(raw, published=path.name[:10])
            handle.write(json.dumps(article.to_dict(include_text=True), ensure_ascii=False))
            handle.write("\n")
    partial.replace(out)


class Zipf:
    """Ranks drawn with weight 1/(rank+1)."""

    def __init__(self, size: int) -> None:
        total, self.cumulative = 0.0, []
        for rank in range(size):
            total += 1 / (rank + 1)
            self.cumulative.append(total)

    def draw(self, rng: random.Random) -> int:
        return bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])

    def distinct(self, rng: random.Random, count: int) -> list[int]:
        found: list[int] = []
        while len(found) < count:
            rank = self.draw(rng)
            if rank not in found:
                found.append(rank)
        return found


def person_name(rank: int, words: int) -> str:
    first = FIRST_NAMES[rank % len(FIRST_NAMES)]
    last = LAST_NAMES[(rank // len(FIRST_NAMES)) % len(LAST_NAMES)]
    turn = rank // (len(FIRST_NAMES) * len(LAST_NAMES))
    if turn:
        last += f"-{turn}"
    return f"{first} {last}" if words > 1 else last


def shifted(value: str | None, days: int) -> str | None:
    """A date of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` moved by ``days``, in its shape."""
    if not value:
        return value
    parts = value[:10].split("-")
    try:
        day = dt.date(*[int(p) for p in parts], *[1] * (3 - len(parts)))
    except (TypeError, ValueError):
        return value
    moved = day + dt.timedelta(days=days)
    return moved.isoformat()[: len(value[:10])]


class Synthesis:
    """Article number N of the synthetic corpus, the same on every run."""

    def __init__(self, templates: list[Article], kb: KnowledgeBase, seed: int = 17) -> None:
        self.templates, self.seed = templates, seed
        rest = sorted(code for code in kb.by_iso3 if code not in BUSY_COUNTRIES)
        self.pool = [*BUSY_COUNTRIES, *rest]
        self.names = {code: kb.by_iso3[code].name for code in self.pool}
        self.countries = Zipf(len(self.pool))
        self.people = Zipf(PEOPLE)
        self.search = search_word(templates)

    def article(self, number: int, day: dt.date) -> Article:
        rng = random.Random(f"{self.seed}/{number}")
        template = self.templates[number % len(self.templates)]
        codes = _country_order(template)
        mapping = dict(
            zip(
                codes, (self.pool[r] for r in self.countries.distinct(rng, len(codes))), strict=True
            )
        )
        published = dt.date.fromisoformat(template.published[:10]) if template.published else day
        days = (day - published).days
        digest = hashlib.blake2b(f"{template.id}/{number}".encode(), digest_size=8)
        return replace(
            template,
            id=digest.hexdigest(),
            published=day.isoformat(),
            path=f"synthetic/{number}.txt",
            actors=[self._actor(actor, mapping, rng) for actor in template.actors],
            events=[self._event(event, mapping, days) for event in template.events],
        )

    def _actor(self, actor: Actor, mapping: dict[str, str], rng: random.Random) -> Actor:
        country = mapping.get(actor.country or "", actor.country)
        name = actor.name
        if actor.type == "country" and country:
            name = self.names[country]
        elif actor.type == "person":
            name = person_name(self.people.draw(rng), len(actor.name.split()))
        return replace(actor, name=name, country=country)

    @staticmethod
    def _event(event: Event, mapping: dict[str, str], days: int) -> Event:
        return replace(
            event,
            source_country=mapping.get(event.source_country or "", event.source_country),
            target_country=mapping.get(event.target_country or "", event.target_country),
            location_country=mapping.get(event.location_country or "", event.location_country),
            date=shifted(event.date, days),
        )

    def stream(self, start: int, stop: int, first_day: int, days: int) -> Iterator[Article]:
        for number in range(start, stop):
            day = random.Random(f"{self.seed}/day/{number}").randrange(days)
            yield self.article(number, FIRST_DAY + dt.timedelta(days=first_day + day))


def _country_order(article: Article) -> list[str]:
    """The article's country codes, the most named first."""
    named: dict[str, int] = {}
    codes = [a.country for a in article.actors] + [
        code
        for e in article.events
        for code in (e.source_country, e.target_country, e.location_country)
    ]
    for code in codes:
        if code:
            named[code] = named.get(code, 0) + 1
    return sorted(named, key=lambda c: (-named[c], c))


@dataclass(frozen=True)
class Segment:
    """Articles ``start`` to ``stop`` (numbers), dated from ``first_day`` over ``days``."""

    start: int
    stop: int
    first_day: int
    days: int

    def articles(self, synthesis: Synthesis) -> Iterator[Article]:
        return synthesis.stream(self.start, self.stop, self.first_day, self.days)


def segments(done: int, target: int) -> tuple[Segment, Segment]:
    """The bulk of a step (dated over ten years) and its batch (the last week)."""
    batch_start = max(done, target - BATCH)
    return (
        Segment(done, batch_start, 0, DAYS),
        Segment(batch_start, target, DAYS - BATCH_DAYS, BATCH_DAYS),
    )


# -- measuring ---------------------------------------------------------------------------
def timed(job: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = job()
    return time.perf_counter() - started, result


def write(store: Store, articles: Iterator[Article]) -> tuple[int, float, float]:
    """Articles written, seconds and CPU seconds."""
    count, started, cpu = 0, time.perf_counter(), time.process_time()
    for article in articles:
        count += store.add(article)
    return count, time.perf_counter() - started, time.process_time() - cpu


def link(store: Store, kb: KnowledgeBase) -> tuple[float, float, float]:
    """Seconds and CPU seconds to link the articles stored since the last link (as
    ``detente ingest`` does at the end of a run), and the peak resident memory meanwhile
    (MiB)."""
    cpu = time.process_time()
    with PeakSampler(os.getpid()) as memory:
        seconds, _ = timed(lambda: store.link(kb))
    return seconds, time.process_time() - cpu, memory.peak


def median_ms(job: Callable[[], Any]) -> tuple[float, Any]:
    result = job()
    times = []
    for _ in range(ROUNDS):
        seconds, result = timed(job)
        times.append(seconds)
    return 1000 * statistics.median(times), result


def api_get(client: Any, path: str) -> dict[str, Any]:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"GET {path}: HTTP {response.status_code} {response.text[:300]}")
    return response.json()


def query(db: Path, step: Step, search: str) -> None:
    """The API's hot reads, in this process (FastAPI's test client: no network), each
    computed anew (no answer kept between runs)."""
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    dyad = "-".join(DYAD)
    events = f"/api/events?dyad={dyad}&limit={PAGE}"
    with TestClient(create_app(db, rate_limit=0, cache_bytes=0)) as client:
        step.events_first_ms, first = median_ms(lambda: api_get(client, events))
        step.events_total = first["total"]
        step.events_deep_offset = step.events_total // 2
        deep = f"{events}&offset={step.events_deep_offset}"
        step.events_deep_ms, page = median_ms(lambda: api_get(client, deep))
        if page.get("next"):
            after = f"{events}&{urlencode({'cursor': page['next']})}"
            step.events_cursor_ms, _ = median_ms(lambda: api_get(client, after))
        series = f"/api/series?a={DYAD[0]}&b={DYAD[1]}&freq=month"
        step.series_ms, _ = median_ms(lambda: api_get(client, series))
        step.series_report_ms, _ = median_ms(lambda: api_get(client, f"{series}&by=report"))
        quotes = f"/api/quotes?q={search}&limit={PAGE}"
        step.quotes_ms, found = median_ms(lambda: api_get(client, quotes))
        step.quotes_total = found["total"]


def store_series(db: Path) -> dict[str, dict[str, Any]]:
    """The store's monthly series of the dyad by report, both directions, per period."""
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    path = f"/api/series?a={DYAD[0]}&b={DYAD[1]}&freq=month&by=report"
    with TestClient(create_app(db, rate_limit=0, cache_bytes=0)) as client:
        items = api_get(client, path)["items"]
    return {row["period"]: row for row in items if row["direction"] == "both"}


def search_word(templates: list[Article]) -> str:
    """The most frequent word of seven letters or more in the quotes."""
    counted: dict[str, int] = {}
    for article in templates:
        for quote in article.quotes:
            for word in quote.text.lower().split():
                word = word.strip(".,;:!?\"'“”‘’()")
                if len(word) >= 7 and word.isalpha():
                    counted[word] = counted.get(word, 0) + 1
    return min(counted, key=lambda w: (-counted[w], w)) if counted else "said"


def space(db: Path) -> dict[str, int]:
    """Bytes of each table and index (SQLite's ``dbstat``), the largest first."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    return {name: int(size) for name, size in rows}


def size_on_disk(store: Store) -> int:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path.stat().st_size


def serve_load(
    db: Path, clients: int, seconds: float, workers: int, cache_bytes: int | None
) -> dict[str, Any]:
    """``detente serve`` over the store in its own process (``workers`` processes, keeping
    ``cache_bytes`` of answers; its default when None), ``clients`` concurrent clients
    reading events and series: requests per second and latencies per endpoint."""
    import asyncio

    from load_test import free_port, percentile, run_load, start_server, wait_until_up

    dyad = "-".join(DYAD)
    requests = [
        ("GET", f"/api/events?dyad={dyad}&limit={PAGE}", None),
        ("GET", f"/api/series?a={DYAD[0]}&b={DYAD[1]}&freq=month", None),
    ]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(db, port, db.with_name("server.log"), workers, cache_bytes)
    try:
        wait_until_up(url, server)
        with PeakSampler(server.pid) as memory:
            tallies, window, unfinished = asyncio.run(run_load(url, clients, seconds, requests))
    finally:
        server.terminate()
        server.wait(timeout=60)
    out: dict[str, Any] = {"clients": clients, "workers": workers, "seconds": round(window, 1)}
    out["unfinished"] = unfinished
    out["server_peak_mib"] = round(memory.peak)
    for name, tally in sorted(tallies.items()):
        done = tally.seconds
        out[name.split()[1]] = {
            "done": len(done),
            "per_second": round(len(done) / window, 1),
            "errors": sum(tally.errors.values()),
            "p50_ms": round(1000 * percentile(done, 0.5)) if done else None,
            "p95_ms": round(1000 * percentile(done, 0.95)) if done else None,
        }
    return out


# -- Parquet and DuckDB ------------------------------------------------------------------
QUAD_CASE = "CASE type " + " ".join(f"WHEN '{t}' THEN '{q}'" for t, q in QUAD_CLASSES.items())
DUCKDB_SERIES = f"""
SELECT CASE WHEN length(date) = 4 THEN date || '-01' ELSE substr(date, 1, 7) END AS period,
       {", ".join(f"count(*) FILTER (WHERE quad = '{q}') AS {q}" for q in QUADS)},
       count(*) AS events, round(sum(intensity), 2) AS intensity_total
FROM (SELECT *, {QUAD_CASE} END AS quad FROM read_parquet($files))
WHERE status = 'occurred' AND date IS NOT NULL
  AND ((source_country = $a AND target_country = $b)
       OR (source_country = $b AND target_country = $a))
GROUP BY period ORDER BY period
"""
"""The dyad's monthly series by report (both directions) in DuckDB, as ``/api/series``
counts it with ``by=report``."""


def duckdb_series(files: str) -> tuple[float, dict[str, dict[str, Any]]]:
    """Milliseconds (median) of the series in DuckDB over ``files``, and the series."""
    import duckdb

    connection = duckdb.connect()
    parameters = {"files": files, "a": DYAD[0], "b": DYAD[1]}
    ms, rows = median_ms(lambda: connection.execute(DUCKDB_SERIES, parameters).fetchall())
    names = ["period", *QUADS, "events", "intensity_total"]
    return ms, {row[0]: dict(zip(names, row, strict=True)) for row in rows}


def agrees(ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]) -> bool:
    keys = [*QUADS, "events"]
    busy = {period for period, row in ours.items() if row["events"]}
    if busy != set(theirs):
        return False
    return all(
        [ours[p][k] for k in keys] == [theirs[p][k] for k in keys]
        and abs(ours[p]["intensity_total"] - theirs[p]["intensity_total"]) < 0.011
        for p in busy
    )


def parquet(store: Store, folder: Path, synthesis: Synthesis, new: list[Segment]) -> dict:
    """Export the store, add the step's articles to the ``ingest --out`` partitions, and
    compute the dyad's series in DuckDB over each, checked against the store's."""
    exported = folder / "export"
    export_seconds, _ = timed(lambda: export(store, exported, "parquet"))
    partitions = PartitionStore(folder / "partitions")
    added = sum(segment.stop - segment.start for segment in new)

    def write_partitions() -> None:
        for segment in new:
            for article in segment.articles(synthesis):
                partitions.add(article)
        partitions.flush()

    partition_seconds, _ = timed(write_partitions)
    ours = store_series(store.path)
    out: dict[str, Any] = {
        "export_s": round(export_seconds, 1),
        "partitions_rate": round(added / partition_seconds),
    }
    for name, files in (
        ("export", str(exported / "events.parquet")),
        ("partitions", str(folder / "partitions" / "events" / "*.parquet")),
    ):
        ms, theirs = duckdb_series(files)
        out[f"duckdb_{name}_ms"] = round(ms)
        out[f"duckdb_{name}_agrees"] = agrees(ours, theirs)
    return out


# -- the run -------------------------------------------------------------------------------
def run_step(
    store: Store, step: Step, done: int, synthesis: Synthesis, kb: KnowledgeBase, link_up_to: int
) -> tuple[Segment, Segment]:
    bulk, batch = segments(done, step.articles)
    linking = step.articles <= link_up_to
    with PeakSampler(os.getpid()) as memory:
        written, seconds, cpu = write(store, bulk.articles(synthesis))
        if linking:
            step.link_catch_up, _, catch_up_peak = link(store, kb)
        more, batch_seconds, batch_cpu = write(store, batch.articles(synthesis))
        step.write_rate = (written + more) / (seconds + batch_seconds)
        step.write_cpu_ms = 1000 * (cpu + batch_cpu) / (written + more)
        if linking:
            step.link_batch, step.link_batch_cpu, batch_peak = link(store, kb)
            step.link_peak_mib = max(catch_up_peak, batch_peak)
        step.bytes_per_article = size_on_disk(store) / step.articles
        query(store.path, step, synthesis.search)
    step.peak_mib = memory.peak
    return bulk, batch


def print_step(step: Step) -> None:
    cursor = (
        f", the next by its cursor {step.events_cursor_ms:.0f} ms"
        if step.events_cursor_ms is not None
        else ""
    )
    link = (
        f"link: catch-up {step.link_catch_up:.2f} s, 1k batch {step.link_batch:.2f} s "
        f"({step.link_batch_cpu:.2f} s CPU; peak {step.link_peak_mib:.0f} MiB)"
        if step.link_batch is not None
        else "link: skipped (--link-up-to)"
    )
    print(
        f"{step.articles:,} articles: write {step.write_rate:,.0f} articles/s "
        f"({step.write_cpu_ms:.2f} ms CPU each); {link}; "
        f"{step.bytes_per_article:,.0f} bytes/article; peak RSS {step.peak_mib:,.0f} MiB",
        flush=True,
    )
    print(
        f"  events --dyad {'-'.join(DYAD)} ({step.events_total:,}): first page "
        f"{step.events_first_ms:.0f} ms, page at offset {step.events_deep_offset:,} "
        f"{step.events_deep_ms:.0f} ms{cursor}; series by cluster {step.series_ms:.0f} ms, "
        f"by report {step.series_report_ms:.0f} ms; quotes search ({step.quotes_total:,} found) "
        f"{step.quotes_ms:.0f} ms",
        flush=True,
    )


def print_space(step: Step) -> None:
    total = sum(step.space.values())
    print(f"  space at {step.articles:,} articles (dbstat), bytes per article:")
    for name, size in step.space.items():
        if size / total >= 0.005:
            print(f"    {name:<32} {size / step.articles:>9,.0f}  {size / total:>5.1%}")


def p95_cell(load: dict[str, Any], path: str) -> str:
    """A p95 latency in ms; when no request finished in the window, more than it."""
    if not load:
        return "-"
    p95 = load.get(path, {}).get("p95_ms")
    return str(p95) if p95 is not None else f">{1000 * load['seconds']:.0f}"


def print_table(steps: list[Step]) -> None:
    header = (
        f"{'articles':>10} {'write/s':>8} {'link 1k s':>9} {'page 1 ms':>9} {'deep ms':>8} "
        f"{'series ms':>9} {'quotes ms':>9} {'B/article':>9} {'RSS MiB':>8}"
        f" {'events p95':>10} {'series p95':>10} {'uncached':>11}"
    )
    print()
    print(header)
    print("-" * len(header))
    for s in steps:
        link = f"{s.link_batch:.2f}" if s.link_batch is not None else "-"
        p95 = [p95_cell(s.load, path) for path in ("/api/events", "/api/series")]
        cold = "/".join(p95_cell(s.load_uncached, path) for path in ("/api/events", "/api/series"))
        print(
            f"{s.articles:>10,} {s.write_rate:>8,.0f} {link:>9} {s.events_first_ms:>9.0f} "
            f"{s.events_deep_ms:>8.0f} {s.series_ms:>9.0f} {s.quotes_ms:>9.0f} "
            f"{s.bytes_per_article:>9,.0f} {s.peak_mib:>8,.0f} {p95[0]:>10} {p95[1]:>10} "
            f"{cold:>11}"
        )


def parse_steps(text: str) -> list[int]:
    try:
        steps = [int(part.replace("_", "")) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give article counts, e.g. 10000,100000"
        ) from None
    if any(b <= a for a, b in pairwise(steps)) or steps[0] < BATCH:
        raise argparse.ArgumentTypeError(f"{text!r}: give growing counts of at least {BATCH}")
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--steps",
        type=parse_steps,
        default=parse_steps("2000,10000"),
        help="store sizes in articles, comma-separated (2000,10000); e.g. 10000,100000,1000000",
    )
    parser.add_argument("--records", type=Path, help="JSON lines of article records with text")
    parser.add_argument("--keep", type=Path, help="build the store in this new folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each load (20)")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes of detente serve under load (1)"
    )
    parser.add_argument("--no-serve", action="store_true", help="skip the load on detente serve")
    parser.add_argument("--no-parquet", action="store_true", help="skip Parquet and DuckDB")
    parser.add_argument(
        "--link-up-to",
        type=int,
        default=sys.maxsize,
        help="link only stores of at most this many articles (linking may not fit in memory)",
    )
    args = parser.parse_args()
    if args.keep is not None and args.keep.exists():
        parser.error(f"--keep {args.keep}: give a folder that does not exist yet")
    kb = KnowledgeBase.default()
    synthesis = Synthesis(template_records(args.records), kb)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="detente-scale-"))
    folder.mkdir(parents=True, exist_ok=args.keep is None)
    print(
        f"{len(synthesis.templates)} template articles; steps {args.steps}; store in {folder}; "
        f"quotes searched for {synthesis.search!r}; commit {commit()}; {os.cpu_count()} CPUs",
        flush=True,
    )
    steps: list[Step] = []
    try:
        with Store(folder / "scale.db", create=True) as store:
            done = 0
            for target in args.steps:
                step = Step(target)
                new = run_step(store, step, done, synthesis, kb, args.link_up_to)
                step.space = space(store.path)
                print_step(step)
                print_space(step)
                if not args.no_serve:
                    load = partial(serve_load, store.path, args.clients, args.seconds, args.workers)
                    step.load = load(None)
                    print(f"  serve, {args.clients} clients: {json.dumps(step.load)}", flush=True)
                    step.load_uncached = load(0)
                    print(f"  serve, no cache: {json.dumps(step.load_uncached)}", flush=True)
                if not args.no_parquet:
                    step.parquet = parquet(store, folder, synthesis, list(new))
                    print(f"  parquet: {json.dumps(step.parquet)}", flush=True)
                steps.append(step)
                done = target
                if args.json:
                    args.json.write_text(json.dumps([asdict(s) for s in steps], indent=1) + "\n")
        print_table(steps)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


def commit() -> str:
    """The commit of the code measured (with + when the tree has changes), else ?."""
    import subprocess

    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty=+"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
    return head


if __name__ == "__main__":
    sys.exit(main())
