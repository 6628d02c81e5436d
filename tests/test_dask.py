"""Ingest on a Dask cluster: the same store as one process, and a worker killed mid-run.
Every article here is invented."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from detente.ingest import ingest  # noqa: E402
from detente.pipeline import Analyzer, AnalyzerSpec  # noqa: E402
from detente.store import Store, count_articles  # noqa: E402
from test_ingest import article  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask-corpus")
    for number in range(40):
        (folder / f"2023-04-{1 + number % 28:02d}-report-{number:02d}.txt").write_text(
            article(number), encoding="utf-8"
        )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


@pytest.fixture(scope="module")
def expected(analyzer: Analyzer, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    with Store(tmp_path_factory.mktemp("one") / "one.db", create=True) as store:
        ingest([str(corpus)], store, analyzer)
        return store.digest()


@pytest.fixture
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


def test_a_local_cluster_stores_what_one_process_does(
    corpus: Path, expected: dict, tmp_path: Path
) -> None:
    with Store(tmp_path / "dask.db", create=True) as store:
        summary = ingest([str(corpus)], store, AnalyzerSpec(), dask="local:2")
        assert store.digest() == expected
    assert (summary.stored, summary.workers, len(summary.failed)) == (40, 2, 1)


def test_a_worker_killed_mid_run_loses_no_article(
    cluster: object, corpus: Path, expected: dict, tmp_path: Path
) -> None:
    path = tmp_path / "dask.db"
    client = distributed.Client(cluster)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed = threading.Event()

    def kill_when_half_stored() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if count_articles(path) >= 12:
                os.kill(victim, signal.SIGKILL)
                killed.set()
                return
            time.sleep(0.05)

    watcher = threading.Thread(target=kill_when_half_stored, daemon=True)
    watcher.start()
    with Store(path, create=True) as store:
        address = cluster.scheduler_address  # type: ignore[attr-defined]
        summary = ingest([str(corpus)], store, AnalyzerSpec(), dask=address)
        watcher.join()
        assert killed.is_set(), "the run ended before a worker could be killed"
        assert store.digest() == expected
    assert summary.stored == 40
    client.close()


def test_a_bad_address_is_a_clear_error(corpus: Path, tmp_path: Path) -> None:
    from detente.errors import DetenteError

    with (
        Store(tmp_path / "d.db", create=True) as store,
        pytest.raises(DetenteError, match="local:N"),
    ):
        ingest([str(corpus)], store, AnalyzerSpec(), dask="local:none")
