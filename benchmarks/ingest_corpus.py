"""Ingest a corpus with N workers: articles per second, peak memory, and the kill check.

Runs ``detente ingest`` as a separate process three times on the same inputs: a clean
run (timed, its process tree's resident memory sampled), a run killed with SIGKILL when
about half the articles are stored, and that run started again. The killed-and-resumed
store must have the same content as the clean one (``Store.digest``).

Default inputs: the PolNeAR texts in ``../shared/corpora/polnear/data/*/text/`` when
present, else ``examples/``.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from detente.store import Store, count_articles
from procmem import PeakSampler

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear" / "data"


def default_sources() -> list[str]:
    folders = sorted(POLNEAR.glob("*/text"))
    return [str(f) for f in folders] if folders else [str(ROOT / "examples")]


def command(sources: list[str], db: Path, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "detente",
        "ingest",
        *sources,
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--no-progress",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sources", nargs="*")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-kill", action="store_true", help="only the clean run")
    parser.add_argument("--keep", metavar="DIR", help="keep the databases in DIR")
    args = parser.parse_args()
    sources = args.sources or default_sources()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        clean = folder / "clean.db"
        started = time.perf_counter()
        child = subprocess.Popen(
            command(sources, clean, args.workers), stdout=subprocess.PIPE, text=True
        )
        with PeakSampler(child.pid) as sampler:
            out, _ = child.communicate()
        seconds = time.perf_counter() - started
        print(out.rstrip())
        total = count_articles(clean)
        print(
            f"\nclean run: {total} articles in {seconds:.1f} s = {total / seconds:.2f} "
            f"articles/s with {args.workers} workers (model loading included); "
            f"peak resident memory {sampler.peak:.0f} MiB (all processes)"
        )
        if args.no_kill:
            return
        killed = folder / "killed.db"
        child = subprocess.Popen(command(sources, killed, args.workers), stdout=subprocess.DEVNULL)
        while child.poll() is None and count_articles(killed) < total // 2:
            time.sleep(0.2)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        at_kill = count_articles(killed)
        subprocess.run(
            command(sources, killed, args.workers), check=True, stdout=subprocess.DEVNULL
        )
        with Store(clean) as a, Store(killed) as b:
            same = a.digest() == b.digest()
            print(
                f"killed with SIGKILL at {at_kill} articles, started again: "
                f"{count_articles(killed)} articles; same content as the clean run: {same}"
            )
            if not same:
                print(f"  clean   {a.digest()}\n  resumed {b.digest()}")


if __name__ == "__main__":
    main()
