"""Ingest: inputs found in files, folders, feeds, web archives and JSON lines, analysed
in parallel and stored.

The sources and how each kind is read are ``detente.inputs``; the analysis of a batch
is ``detente.work``. Every input that cannot be read or analysed is recorded in the
store with its reason and the run goes on.

The work is split into jobs (a file to read, or a record already read from a container)
that worker processes read, check and analyse in batches; the main process writes each
article to the store in its own transaction, in input order, and links the new articles'
actors and events to those stored at the end (``Store.link``).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from detente import errors
from detente.inputs import Job, count_jobs, jobs
from detente.pipeline import Analyzer, AnalyzerSpec
from detente.store import Store
from detente.textio import Failure
from detente.work import Already, Outcome, Skip, Worker, analyse_batch, start_worker

if TYPE_CHECKING:
    from detente.export import PartitionStore

BATCH_SIZE = 8
"""Jobs sent to a worker at a time (parsed together with ``nlp.pipe``)."""


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
    stopped: bool = False
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = (self.stored + self.already) / self.seconds if self.seconds else 0.0
        out = [
            f"articles stored {self.stored}, already stored {self.already}, "
            f"skipped {len(self.skipped)}, failed {len(self.failed)}",
            f"events {self.events}, quotes {self.quotes}; " + self._linking(),
            f"{self.seconds:.1f} s, {rate:.1f} articles/s, {self.workers} worker(s)",
        ]
        if self.skipped:
            out.append("skipped:")
            out += [f"  {source}: {reason}" for source, reason in self.skipped]
        if self.failed:
            out.append("failed:")
            out += [f"  {source}: {reason}" for source, reason in self.failed]
        return out

    def _linking(self) -> str:
        if self.stopped:
            return "the run stopped before linking actors and events across articles"
        if self.linked:
            return (
                f"store now holds {self.canonical_actors} actors and "
                f"{self.event_clusters} distinct events"
            )
        return "written as Parquet partitions (not linked across articles)"

    def note(self, failure: Failure, skipped: bool) -> None:
        reason = failure.reason.removeprefix(f"{failure.source}: ")
        (self.skipped if skipped else self.failed).append((failure.source, reason))


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
    summary: Summary | None = None,
) -> Summary:
    """Analyse and store every new article of the sources; one transaction each.

    ``workers`` > 1 analyses in that many processes, and ``dask`` (a scheduler address
    or ``local:N``) on a Dask cluster; both need an ``AnalyzerSpec``, which each worker
    builds once. ``progress`` draws a progress bar with the rate and the time left on
    standard error. ``store`` may be a ``PartitionStore`` (``--out DIR``): Parquet
    partitions instead of a database.

    A store that cannot be written fails before any work. A fault of the store during
    the run (``StoreError``: a full disk, the database deleted) stops it, every article
    stored before kept; ``summary``, when given, is filled as the run goes, so that the
    caller knows what was done when it stops (``stopped`` is then true).
    """
    sources = list(sources)
    summary = summary if summary is not None else Summary()
    summary.workers = workers
    started = time.perf_counter()
    failures: list[Failure] = []
    if isinstance(store, Store):
        store.check_writable()

    def only_jobs() -> Iterator[Job]:
        for item in jobs(sources, stdin):
            if isinstance(item, Failure):
                failures.append(item)
            else:
                yield item

    batches = _batches(only_jobs(), BATCH_SIZE)
    known = frozenset() if isinstance(store, Store) else frozenset(store.ids())
    try:
        with ExitStack() as stack:
            if isinstance(analyzer, Analyzer):
                if workers > 1 or dask:
                    raise errors.InvalidArgument(
                        name="analyzer",
                        allowed="an AnalyzerSpec when several workers run (each builds its own)",
                        value=type(analyzer).__name__,
                    )
                worker = stack.enter_context(Worker(analyzer, store.path, known))
                results = _in_process(batches, worker)
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
                worker = stack.enter_context(Worker(analyzer, store.path, known))
                results = _in_process(batches, worker)
            _write(store, summary, results, failures, sources, progress)
        store.link(_kb_of(analyzer))
        if isinstance(store, Store):
            summary.canonical_actors, summary.event_clusters = store.link_counts()
    except errors.StoreError:
        summary.stopped = True
        raise
    finally:
        summary.seconds = time.perf_counter() - started
    summary.linked = isinstance(store, Store)
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
