"""Ingest: inputs found in files, folders, feeds, web archives and JSON lines, analysed
in parallel and stored.

Sources: ``.txt``, ``.html``/``.htm`` files; ``.json`` (one record or a list) and
``.jsonl`` files of records with ``text`` or ``html`` and optional ``title``,
``published``, ``url``, ``outlet``, ``authors``; RSS/Atom feeds and WARC files (see
``detente.sources``); folders, searched recursively; and ``-`` for JSON lines on
standard input. A text file named ``YYYY-MM-DD-...`` takes that date as its publication
date. Every input that cannot be read or analysed is recorded in the store with its
reason and the run goes on.

The work is split into jobs (a file to read, or a record already read from a container)
that worker processes read, check and analyse in batches; the main process writes each
article to the store in its own transaction, in input order, and links actors and
events across articles at the end (``Store.relink``).
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import re
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from detente import errors
from detente.model import Article
from detente.pipeline import Analyzer, AnalyzerSpec, article_id
from detente.sources import WARC_SUFFIXES, is_feed, is_warc, read_feed, read_warc
from detente.store import Store

if TYPE_CHECKING:
    from detente.export import PartitionStore
from detente.textio import (
    MAX_BYTES,
    Failure,
    RawArticle,
    decode,
    from_html,
    looks_like_html,
    read_bytes,
    read_input,
)

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_]")
"""A file named ``2023-06-19-blinken.txt`` was published on 2023-06-19 unless its
HTML says otherwise."""

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl"})
CONTAINER_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".gz", *WARC_SUFFIXES})

BATCH_SIZE = 8
"""Jobs sent to a worker at a time (parsed together with ``nlp.pipe``)."""

SKIPPED = (errors.NotEnglish, errors.NoArticleText)
"""Inputs that hold no English article are skipped, not failed."""


@dataclass(slots=True)
class Summary:
    """What a run did."""

    stored: int = 0
    already: int = 0
    events: int = 0
    quotes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    canonical_actors: int = 0
    event_clusters: int = 0
    workers: int = 1
    linked: bool = True
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = (self.stored + self.already) / self.seconds if self.seconds else 0.0
        out = [
            f"articles stored {self.stored}, already stored {self.already}, "
            f"skipped {len(self.skipped)}, failed {len(self.failed)}",
            f"events {self.events}, quotes {self.quotes}; "
            + (
                f"store now holds {self.canonical_actors} actors and "
                f"{self.event_clusters} distinct events"
                if self.linked
                else "written as Parquet partitions (not linked across articles)"
            ),
            f"{self.seconds:.1f} s, {rate:.1f} articles/s, {self.workers} worker(s)",
        ]
        if self.skipped:
            out.append("skipped:")
            out += [f"  {source}: {reason}" for source, reason in self.skipped]
        if self.failed:
            out.append("failed:")
            out += [f"  {source}: {reason}" for source, reason in self.failed]
        return out

    def note(self, failure: Failure, skipped: bool) -> None:
        reason = failure.reason.removeprefix(f"{failure.source}: ")
        (self.skipped if skipped else self.failed).append((failure.source, reason))


def discover(sources: Iterable[str]) -> Iterator[str | Path]:
    """The inputs of the sources, in order: files as given, folders' files sorted."""
    wanted = TEXT_SUFFIXES | RECORD_SUFFIXES | CONTAINER_SUFFIXES
    for source in sources:
        if source == "-":
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in wanted:
                    yield child
        else:
            yield path


def _record(data: Any, where: str) -> RawArticle:
    if not isinstance(data, dict):
        raise errors.InputError(f"{where}: a record must be a JSON object")
    if isinstance(data.get("html"), str) and data["html"].strip():
        raw = from_html(data["html"], where)
    elif isinstance(data.get("text"), str) and data["text"].strip():
        raw = RawArticle(text=data["text"].replace("\r\n", "\n"))
    else:
        raise errors.EmptyInput(f"{where}: the record has no text or html")
    raw.path = str(data.get("path") or where)
    for name in ("title", "published", "url", "outlet"):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            setattr(raw, name, value.strip())
    authors = data.get("authors")
    if isinstance(authors, list):
        raw.authors = [str(a) for a in authors]
    return raw


@dataclass(frozen=True, slots=True)
class Job:
    """One article to read and analyse: a file, or a record read from a container."""

    source: str
    path: str | None = None
    record: dict[str, Any] | None = None

    def load(self, max_bytes: int = MAX_BYTES) -> RawArticle:
        """The job's text and metadata; raises ``InputError`` when there is none."""
        if self.record is not None:
            return _record(self.record, self.source)
        assert self.path is not None
        raw = read_input(self.path, max_bytes=max_bytes)
        dated = _FILE_DATE.match(Path(self.path).name)
        if raw.published is None and dated:
            raw.published = dated.group(1)
        return raw

    def portable(self) -> Job | Failure:
        """The job with the file's content in it, for a worker on another machine."""
        if self.path is None:
            return self
        try:
            data = read_bytes(self.path)
            text, _ = decode(data, self.path)
        except errors.DetenteError as exc:
            return Failure(self.source, exc.message)
        record: dict[str, Any] = {"path": self.path}
        record["html" if looks_like_html(data, self.path) else "text"] = text
        dated = _FILE_DATE.match(Path(self.path).name)
        if dated:
            record["published"] = dated.group(1)
        return Job(self.source, record=record)


def _read_container(path: Path, max_bytes: int) -> Iterator[Job | Failure] | None:
    """The jobs of a record file, feed or web archive; None for a plain article file."""
    suffix = path.suffix.lower()
    if is_warc(path):
        items: Iterable[dict[str, Any] | Failure] = read_warc(path, max_bytes)
    elif suffix in RECORD_SUFFIXES:
        items = _record_file(path, max_bytes)
    elif suffix in CONTAINER_SUFFIXES:
        try:
            with path.open("rb") as file:
                head = file.read(2048)
        except OSError as exc:
            return iter([Failure(str(path), f"cannot be read ({exc.strerror})")])
        if not is_feed(path, head):
            return None
        items = read_feed(path, max_bytes)
    else:
        return None
    return (
        item if isinstance(item, Failure) else Job(str(item.get("path") or path), record=item)
        for item in items
    )


def _record_file(path: Path, max_bytes: int) -> Iterator[dict[str, Any] | Failure]:
    try:
        data = path.read_bytes()
        if len(data) > max_bytes * 50:
            raise errors.TooLarge(f"{path}: record file over {max_bytes * 50:,} bytes")
        text, _ = decode(data, str(path))
    except errors.DetenteError as exc:
        yield Failure(str(path), exc.message)
        return
    except OSError as exc:
        yield Failure(str(path), f"cannot be read ({exc.strerror})")
        return
    yield from read_records(text, str(path))


def read_records(text: str, where: str) -> Iterator[dict[str, Any] | Failure]:
    """Records of a ``.json`` or ``.jsonl`` text; a bad line fails alone."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not valid JSON ({exc})")
            return
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, start=1):
            yield _checked(item, f"{where}#{number}")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{where}:{number}"
        try:
            yield _checked(json.loads(line), name)
        except json.JSONDecodeError as exc:
            yield Failure(name, f"not valid JSON ({exc.msg})")


def _checked(item: Any, name: str) -> dict[str, Any] | Failure:
    if not isinstance(item, dict):
        return Failure(name, f"{name}: a record must be a JSON object")
    return {"path": name, **item}


def jobs(
    sources: Iterable[str], stdin: TextIO | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Job | Failure]:
    """Every article of the sources as a job, or the reason a source cannot be read."""
    for item in discover(sources):
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            for record in read_records(stream.read(), "<stdin>"):
                yield record if isinstance(record, Failure) else Job(record["path"], record=record)
            continue
        path = Path(item)
        contained = _read_container(path, max_bytes)
        if contained is None:
            yield Job(str(path), path=str(path))
        else:
            yield from contained


def count_jobs(sources: list[str]) -> int | None:
    """How many articles the sources hold, when that is cheap to know (plain files and
    JSON lines); None when a feed, an archive or standard input is among them."""
    total = 0
    for item in discover(sources):
        if item == "-":
            return None
        path = Path(item)
        suffix = path.suffix.lower()
        if suffix in CONTAINER_SUFFIXES or is_warc(path):
            return None
        if suffix == ".jsonl":
            try:
                with path.open("rb") as file:
                    total += sum(1 for line in file if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


@dataclass(frozen=True, slots=True)
class Already:
    """A job whose article is in the store already."""

    source: str


Outcome = Article | Failure | Already
"""What a worker makes of one job (a ``Skip`` is a ``Failure`` that is no fault)."""


@dataclass(frozen=True, slots=True)
class Skip(Failure):
    """An input with no English article in it: skipped, not failed."""


class Worker:
    """Reads, checks and analyses jobs: one per process, the pipeline loaded once."""

    def __init__(
        self,
        analyzer: Analyzer | AnalyzerSpec,
        db: Path | None,
        known: frozenset[str] = frozenset(),
    ) -> None:
        self.analyzer = analyzer.build() if isinstance(analyzer, AnalyzerSpec) else analyzer
        self.db = db
        self.known = known
        self._reader: sqlite3.Connection | None = None

    def stored(self, identifier: str) -> bool:
        """Whether the store has the article: the ids known at the start, else a
        read-only look at the database (the writer is another process)."""
        if identifier in self.known:
            return True
        if self.db is None or not self.db.exists():
            return False
        if self._reader is None:
            self._reader = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            found = self._reader.execute(
                "SELECT 1 FROM articles WHERE id = ?", (identifier,)
            ).fetchone()
        except sqlite3.Error:
            return False
        return found is not None

    def process(self, batch: list[Job]) -> list[Outcome]:
        """Each job's article, or why there is none, in the order of the jobs."""
        outcomes: list[Outcome | None] = [None] * len(batch)
        ready: list[tuple[int, RawArticle]] = []
        for index, job in enumerate(batch):
            try:
                raw = self.analyzer.prepare(job.load())
            except SKIPPED as exc:
                outcomes[index] = Skip(job.source, exc.message)
                continue
            except errors.DetenteError as exc:
                outcomes[index] = Failure(job.source, exc.message)
                continue
            if self.stored(article_id(raw.text)):
                outcomes[index] = Already(job.source)
                continue
            ready.append((index, raw))
        # Strings spaCy learns from a batch are freed after it (spaCy's memory zones),
        # so a worker's memory stays flat however many articles it reads.
        with self.analyzer.nlp.memory_zone():
            analysed = list(self.analyzer.analyze_prepared(raw for _, raw in ready))
        for (index, _), article in zip(ready, analysed, strict=True):
            outcomes[index] = article
        return [o for o in outcomes if o is not None]


_WORKER: Worker | None = None


def start_worker(
    analyzer: AnalyzerSpec,
    db: Path | None,
    known: frozenset[str] = frozenset(),
    parent: int | None = None,
) -> None:
    """Set up a worker process: its pipeline, and a watch on the ``parent`` process so
    that a worker never outlives a run that was killed."""
    global _WORKER
    _WORKER = Worker(analyzer, db, known)
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            continue


def analyse_batch(batch: list[Job]) -> list[Outcome]:
    assert _WORKER is not None, "the worker process was not initialised"
    return _WORKER.process(batch)


def _batches(items: Iterator[Job | Failure], size: int) -> Iterator[list[Job | Failure]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _in_process(batches: Iterator[list[Job]], worker: Worker) -> Iterator[list[Outcome]]:
    for batch in batches:
        yield worker.process(batch)


def _in_pool(
    batches: Iterator[list[Job]],
    spec: AnalyzerSpec,
    db: Path | None,
    known: frozenset[str],
    workers: int,
) -> Iterator[list[Outcome]]:
    """Batches analysed by ``workers`` processes, results in input order, with at most
    two batches per worker in flight so memory stays flat on any corpus size."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=start_worker,
        initargs=(spec, db, known, os.getpid()),
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for batch in batches:
            pending.append(pool.submit(analyse_batch, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def ingest(
    sources: Iterable[str],
    store: Store | PartitionStore,
    analyzer: Analyzer | AnalyzerSpec,
    *,
    workers: int = 1,
    dask: str | None = None,
    stdin: TextIO | None = None,
    progress: bool = False,
) -> Summary:
    """Analyse and store every new article of the sources; one transaction each.

    ``workers`` > 1 analyses in that many processes, and ``dask`` (a scheduler address
    or ``local:N``) on a Dask cluster; both need an ``AnalyzerSpec``, which each worker
    builds once. ``progress`` draws a progress bar with the rate and the time left on
    standard error. ``store`` may be a ``PartitionStore`` (``--out DIR``): Parquet
    partitions instead of a database.
    """
    sources = list(sources)
    summary = Summary(workers=workers)
    started = time.perf_counter()
    failures: list[Failure] = []

    def only_jobs() -> Iterator[Job]:
        for item in jobs(sources, stdin):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                yield item

    batches = _batches(only_jobs(), BATCH_SIZE)
    known = frozenset() if isinstance(store, Store) else frozenset(store.ids())
    with ExitStack() as stack:
        if isinstance(analyzer, Analyzer):
            if workers > 1 or dask:
                raise TypeError("several workers need an AnalyzerSpec, which each worker builds")
            results = _in_process(batches, Worker(analyzer, store.path, known))
        elif dask:
            from detente.dask_run import connect, on_dask

            client = stack.enter_context(connect(dask))
            summary.workers = len(client.nthreads())
            known = frozenset(store.ids())  # remote workers cannot read the store
            portable = not dask.startswith("local:")
            results = on_dask(batches, client, analyzer, known, portable=portable)
        elif workers > 1:
            results = _in_pool(batches, analyzer, store.path, known, workers)
        else:
            results = _in_process(batches, Worker(analyzer, store.path, known))
        _write(store, summary, results, failures, sources, progress)
    summary.canonical_actors, summary.event_clusters = store.relink(_kb_of(analyzer))
    summary.linked = isinstance(store, Store)
    summary.seconds = time.perf_counter() - started
    return summary


def _write(
    store: Store | PartitionStore,
    summary: Summary,
    results: Iterator[list[Outcome]],
    failures: list[Failure],
    sources: list[str],
    progress: bool,
) -> None:
    """Store the outcomes as they come, with the failures met while finding inputs."""
    from tqdm import tqdm

    total = count_jobs(sources) if progress else None
    bar = tqdm(
        total=total, unit="article", disable=not progress, file=sys.stderr, dynamic_ncols=True
    )
    with bar:
        for outcomes in results:
            for failure in failures:
                _fail(store, summary, failure)
                bar.update()
            failures.clear()
            for outcome in outcomes:
                _keep(store, summary, outcome)
                bar.update()
        for failure in failures:
            _fail(store, summary, failure)


def _kb_of(analyzer: Analyzer | AnalyzerSpec) -> Any:
    from detente.kb import KnowledgeBase

    if isinstance(analyzer, Analyzer):
        return analyzer.kb
    return KnowledgeBase.default(analyzer.kb_files)


def _fail(store: Store | PartitionStore, summary: Summary, failure: Failure) -> None:
    summary.note(failure, skipped=isinstance(failure, Skip))
    store.record_failure(failure.source, failure.reason)


def _keep(store: Store | PartitionStore, summary: Summary, outcome: Outcome) -> None:
    if isinstance(outcome, Failure):
        _fail(store, summary, outcome)
    elif isinstance(outcome, Already) or not store.add(outcome):
        summary.already += 1
    else:
        summary.stored += 1
        summary.events += len(outcome.events)
        summary.quotes += len(outcome.quotes)
