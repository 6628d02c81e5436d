"""Memory of a streaming ingest: peak resident memory at 200, 1,000 and 2,000 articles.

Writes N distinct articles (the PolNeAR texts in ``../shared`` when present, else the
examples; repeats get a numbered closing line so that each is a new article) to one
JSON-lines file, runs ``detente ingest`` on it in a separate process with the given
workers, and samples the resident memory of that process and all its workers while
watching how many articles the store holds. Prints the peak up to each checkpoint.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from detente.store import count_articles
from procmem import tree_rss_mib

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear" / "data"
CHECKPOINTS = (200, 1000, 2000)


def write_corpus(path: Path, count: int) -> None:
    files = sorted(POLNEAR.glob("*/text/*.txt")) or sorted((ROOT / "examples").glob("*.txt"))
    texts = list(dict.fromkeys(f.read_text(encoding="utf-8") for f in files))
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = texts[number % len(texts)]
            if number >= len(texts):
                text += f"\n\n(Copy {number // len(texts)} of this report.)"
            out.write(json.dumps({"text": text}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    checkpoints = [c for c in CHECKPOINTS if c <= args.articles] or [args.articles]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus.jsonl", Path(tmp) / "memory.db"
        write_corpus(corpus, args.articles)
        command = [
            sys.executable,
            "-m",
            "detente",
            "ingest",
            str(corpus),
            "--db",
            str(db),
            "--workers",
            str(args.workers),
            "--no-progress",
        ]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        peak, at = 0.0, {}
        while child.poll() is None:
            peak = max(peak, tree_rss_mib(child.pid))
            done = count_articles(db)
            for checkpoint in checkpoints:
                if checkpoint not in at and done >= checkpoint:
                    at[checkpoint] = peak
            time.sleep(0.2)
        out = child.stdout.read() if child.stdout else ""
        print(out.rstrip())
        seconds = time.perf_counter() - started
    print(f"\n{args.articles} articles, {args.workers} workers, {seconds:.0f} s")
    for checkpoint in checkpoints:
        print(
            f"  peak resident memory up to {checkpoint:>5} articles: "
            f"{at.get(checkpoint, peak):7.0f} MiB"
        )
    print(f"  peak over the whole run, with linking the store at the end: {peak:7.0f} MiB")
    first, last = at.get(checkpoints[0], peak), at.get(checkpoints[-1], peak)
    print(
        f"  growth from {checkpoints[0]} to {checkpoints[-1]}: {last / first - 1:+.1%} "
        "(target within 10%; and below 1,536 MiB with 2 workers)"
    )


if __name__ == "__main__":
    main()
