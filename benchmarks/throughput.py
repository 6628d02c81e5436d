"""Throughput against the floor: the same N articles through every way of running them.

In one run, on the same texts, with the same model and batch size:

1. the tokenizer alone (the floor of reading text with spaCy);
2. a bare ``nlp.pipe`` (tagger, parser, entities: what detente is built on);
3. detente's analysis in this process;
4. detente in 1 and 2 worker processes (the ``--workers`` pool);
5. Dask local clusters of 1 and 2 workers (``--dask local:N``).

Every way is warmed up first (models loaded, caches filled), so the figures compare
steady-state speed, and printed as tokens per second with the ratios the project's
targets are about. Default texts: the PolNeAR articles in ``../shared`` when present,
else the bundled examples repeated.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from detente.ingest import BATCH_SIZE, Job, Worker, analyse_batch, start_worker
from detente.pipeline import AnalyzerSpec, load_model

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


def pool_seconds(batches: list[list[Job]], workers: int) -> float:
    spec = AnalyzerSpec()
    context = get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(spec, None)
    ) as pool:
        list(pool.map(analyse_batch, batches[: 2 * workers]))  # warm-up: every worker loads
        return timed(lambda: list(pool.map(analyse_batch, batches)))


def dask_seconds(batches: list[list[Job]], workers: int) -> float:
    import distributed

    from detente.dask_run import PLUGIN, AnalyzerPlugin, analyse_on_dask

    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(AnalyzerPlugin(AnalyzerSpec(), frozenset()), name=PLUGIN)
        warm = [client.submit(analyse_on_dask, b, pure=False) for b in batches[: 2 * workers]]
        client.gather(warm)

        def run() -> None:
            futures = [client.submit(analyse_on_dask, b, pure=False) for b in batches]
            client.gather(futures)

        return timed(run)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    texts = load_texts(args.articles)
    nlp = load_model()
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    batches = jobs_of(texts)
    worker = Worker(AnalyzerSpec(), None)
    list(nlp.pipe(texts[:16], batch_size=BATCH_SIZE))
    worker.process(batches[0])
    seconds = {
        "tokenizer alone": timed(lambda: list(nlp.tokenizer.pipe(texts))),
        "bare nlp.pipe": timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE))),
        "detente, this process": timed(lambda: [worker.process(b) for b in batches]),
        "detente, 1 process": pool_seconds(batches, 1),
        "detente, 2 processes": pool_seconds(batches, 2),
    }
    if not args.no_dask:
        seconds["Dask, 1 worker"] = dask_seconds(batches, 1)
        seconds["Dask, 2 workers"] = dask_seconds(batches, 2)
    print(f"{len(texts)} articles, {tokens:,} tokens, batch size {BATCH_SIZE}")
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
