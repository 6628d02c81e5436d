"""Throughput against the floor: the same N articles through every way of running them.

In one run, on the same texts, with the same model and batch size:

1. the tokenizer alone (the floor of reading text with spaCy);
2. a bare ``nlp.pipe`` (tagger, parser, entities: what detente is built on);
3. detente's analysis in this process;
4. detente in 1 and 2 worker processes (the ``--workers`` pool);
5. Dask local clusters of 1 and 2 workers (``--dask local:N``).

Every way is warmed up first (models loaded, caches filled), so the figures compare
steady-state speed; the ways being compared take turns over several rounds and the
median is kept, so the machine's load falls on all alike. Printed as tokens per second,
with the ratios the project's targets are about. Default texts: the PolNeAR articles
in ``../shared`` when present, else the bundled examples repeated.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from detente.ingest import BATCH_SIZE
from detente.inputs import Job
from detente.pipeline import AnalyzerSpec, load_model
from detente.work import Worker, analyse_batch, start_worker

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear" / "data"


def load_texts(limit: int) -> list[str]:
    files = sorted(POLNEAR.glob("*/text/*.txt")) or sorted((ROOT / "examples").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    while len(texts) < limit:
        texts += texts
    return texts[:limit]


def jobs_of(texts: list[str]) -> list[list[Job]]:
    jobs = [Job(f"text-{n}", record={"text": t}) for n, t in enumerate(texts)]
    return [jobs[i : i + BATCH_SIZE] for i in range(0, len(jobs), BATCH_SIZE)]


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


@contextmanager
def process_pool(workers: int, batches: list[list[Job]]) -> Iterator[Callable[[], object]]:
    """A warmed-up pool of detente worker processes and a run of every batch on it."""
    context = get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(AnalyzerSpec(), None)
    ) as pool:
        list(pool.map(analyse_batch, batches[: 2 * workers]))
        yield lambda: list(pool.map(analyse_batch, batches))


@contextmanager
def dask_cluster(workers: int, batches: list[list[Job]]) -> Iterator[Callable[[], object]]:
    """A warmed-up Dask local cluster with the detente plugin, and a run of every batch."""
    import distributed

    from detente.dask_run import PLUGIN, AnalyzerPlugin, analyse_on_dask

    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(AnalyzerPlugin(AnalyzerSpec(), frozenset()), name=PLUGIN)
        client.gather([client.submit(analyse_on_dask, b, pure=False) for b in batches[:4]])
        yield lambda: client.gather(
            [client.submit(analyse_on_dask, b, pure=False) for b in batches]
        )


def interleaved(runs: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The median time of each run over ``rounds`` rounds, the runs taking turns, so that
    a change in the machine's load falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            times[name].append(timed(run))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    texts = load_texts(args.articles)
    nlp = load_model()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    batches = jobs_of(texts)
    worker = Worker(AnalyzerSpec(), None)
    list(nlp.pipe(texts[:16], batch_size=BATCH_SIZE))
    worker.process(batches[0])
    seconds = interleaved(
        {
            "tokenizer alone": lambda: list(nlp.tokenizer.pipe(texts)),
            "bare nlp.pipe": lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)),
            "detente, this process": lambda: [worker.process(b) for b in batches],
        },
        args.rounds,
    )
    with process_pool(1, batches) as one, process_pool(2, batches) as two:
        seconds |= interleaved(
            {"detente, 1 process": one, "detente, 2 processes": two}, args.rounds
        )
    if not args.no_dask:
        with dask_cluster(1, batches) as one, dask_cluster(2, batches) as two:
            seconds |= interleaved({"Dask, 1 worker": one, "Dask, 2 workers": two}, args.rounds)
    print(
        f"{len(texts)} articles, {tokens:,} tokens, batch size {BATCH_SIZE}, "
        f"median of {args.rounds} interleaved rounds"
    )
    for name, value in seconds.items():
        print(f"  {name:24} {value:8.1f} s  {tokens / value:10,.0f} tokens/s")
    print("ratios (speed):")
    pipe = seconds["bare nlp.pipe"]
    print(
        f"  detente / bare nlp.pipe          {pipe / seconds['detente, this process']:.2f}"
        "  (target >= 0.85)"
    )
    one, two = seconds["detente, 1 process"], seconds["detente, 2 processes"]
    print(f"  2 processes / 1 process          {one / two:.2f}  (target >= 1.7)")
    if not args.no_dask:
        one, two = seconds["Dask, 1 worker"], seconds["Dask, 2 workers"]
        print(f"  Dask 2 workers / 1 worker        {one / two:.2f}  (target >= 1.6)")


if __name__ == "__main__":
    main()
