"""Ingest on a Dask cluster: the same jobs and the same results, on many machines.

``detente ingest --dask ADDRESS`` (a scheduler, ``tcp://host:8786``) or ``--dask
local:N`` (a local cluster of N single-threaded worker processes). Inputs are found by
the main process and sent out in batches; each worker loads the pipeline once (a worker
plugin) and returns each batch's records, which the main process writes to the store in
input order, exactly as ``--workers`` does. A worker that dies takes no article with it:
the scheduler runs its batches again on another worker; a batch that kills
``MAX_TRIES`` workers is recorded as failed and the run goes on.

For a remote cluster the main process reads each file and sends its text, so workers
need no shared file system; a local cluster reads the files itself.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from detente import errors

try:
    import dask
    import distributed
except ImportError:  # an optional extra
    raise errors.DaskError(
        address="ADDRESS", problem="needs Dask's distributed scheduler: pip install 'detente[dask]'"
    ) from None

from detente.inputs import Job
from detente.pipeline import AnalyzerSpec
from detente.textio import Failure
from detente.work import Outcome, Worker

PLUGIN = "detente-analyzer"
MAX_TRIES = 3
"""Workers a batch may take down before it is recorded as failed."""


class AnalyzerPlugin(distributed.WorkerPlugin):
    """Builds one ``Worker`` (the pipeline, loaded once) on every Dask worker, including
    workers that join or restart later. ``known`` holds the ids already stored, so that
    workers skip those articles without analysing them."""

    name = PLUGIN

    def __init__(self, spec: AnalyzerSpec, known: frozenset[str]) -> None:
        self.spec = spec
        self.known = known
        self.worker: Worker | None = None

    def setup(self, worker: Any) -> None:
        self.worker = Worker(self.spec, db=None, known=self.known)

    def teardown(self, worker: Any) -> None:
        self.worker = None


def analyse_on_dask(batch: list[Job]) -> list[Outcome]:
    """A Dask task: one batch through the worker's pipeline."""
    plugin = distributed.get_worker().plugins[PLUGIN]
    assert plugin.worker is not None, "the detente plugin did not start on this worker"
    return plugin.worker.process(batch)


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A client of the scheduler at ``address``, or of a new ``local:N`` cluster that
    is shut down with the client."""
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if not address.startswith("local:"):
        try:
            client = distributed.Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise errors.DaskError(
                address=address, problem=f"cannot reach the scheduler ({exc})"
            ) from None
        with client:
            yield client
        return
    try:
        workers = int(address.removeprefix("local:"))
    except ValueError:
        workers = 0
    if workers < 1:
        raise errors.DaskError(address=repr(address), problem="write local:N with N at least 1")
    with dask.config.set({"distributed.scheduler.allowed-failures": MAX_TRIES - 1}):
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.WARNING,
        )
    with cluster, distributed.Client(cluster) as client:
        yield client


def on_dask(
    batches: Iterator[list[Job]],
    client: Any,
    spec: AnalyzerSpec,
    known: frozenset[str],
    *,
    portable: bool,
) -> Iterator[list[Outcome]]:
    """Each batch's outcomes, in input order, with a bounded number of batches in
    flight (two per worker thread)."""
    client.register_plugin(AnalyzerPlugin(spec, known), name=PLUGIN)
    window = 2 * max(1, sum(client.nthreads().values()))
    pending: deque[tuple[list[Job], Any]] = deque()
    for number, batch in enumerate(batches):
        early: list[Outcome] = []
        if portable:
            sent = []
            for job in batch:
                moved = job.portable()
                (early if isinstance(moved, Failure) else sent).append(moved)
            batch = sent
        future = client.submit(analyse_on_dask, batch, key=f"detente-batch-{number}", pure=False)
        pending.append((batch, (early, future)))
        if len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(item: tuple[list[Job], Any]) -> list[Outcome]:
    batch, (early, future) = item
    try:
        return [*early, *future.result()]
    except distributed.KilledWorker:
        reason = f"the batch took down {MAX_TRIES} Dask workers; not analysed"
        return [*early, *(Failure(job.source, reason) for job in batch)]
