"""The worker side of a run: reading, checking and analysing jobs in batches, in this
process, in a pool of processes, or on a Dask worker (``detente.dask_run``)."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from detente import errors
from detente.inputs import Job
from detente.model import Article
from detente.pipeline import Analyzer, AnalyzerSpec, article_id
from detente.textio import Failure, RawArticle

SKIPPED = (errors.NotEnglish, errors.NoArticleText)
"""Inputs that hold no English article are skipped, not failed."""


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

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the look at the database, so that the writer, closing last, checkpoints
        it and removes its -wal and -shm files."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None

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
                outcomes[index] = Failure.of(job.source, exc)
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
