"""Build ``src/detente/kb/data/confidence.tsv``: for each cell of events (see
``detente.events.confidence``), the share that matched an annotated event on the
devnews dev split. Develop-only data: the test split is never read.

    python scripts/calibrate_confidence.py [../shared/corpora/devnews]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from detente.eval.devnews import check_corpus, default_gold_dir, gold_articles
from detente.eval.gold import _event_matches, as_list, load_gold
from detente.events.confidence import cells
from detente.pipeline import Analyzer
from detente.textio import read_input

OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "kb" / "data" / "confidence.tsv"
PULL = 5
"""How many events' worth of weight a cell's parent estimate carries."""
SHOWN = 3
"""Cells with fewer events than this are left out (their parent speaks for them)."""


def parent(cell: str) -> str | None:
    kind, *rest = cell.split("|")
    if cell == "*":
        return None
    if kind != "*":
        return "|".join([kind, *rest[:-1]]) if len(rest) == 2 else f"*|{rest[0]}"
    return f"*|{rest[0]}" if len(rest) == 2 else "*"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpora/devnews", type=Path)
    args = parser.parse_args()
    check_corpus(args.corpus)
    analyzer = Analyzer(min_event_confidence=0)
    seen, right = Counter(), Counter()
    for item in gold_articles(default_gold_dir(), args.corpus, "dev"):
        gold = load_gold(item.gold_path)
        article = analyzer.analyze(read_input(str(item.text_path)), published=gold.get("published"))
        entries = as_list(gold.get("events"))
        for event in article.events:
            matched = [e for e in entries if _event_matches(event, e)]
            if matched and all(e.get("optional") for e in matched):
                continue  # neither right nor wrong
            for cell in cells(event):
                seen[cell] += 1
                right[cell] += bool(matched)
    estimate: dict[str, float] = {}
    for cell in sorted(seen, key=lambda c: c.count("|") + (c[0] != "*")):
        above = parent(cell)
        prior = estimate[above] if above else 0.5
        estimate[cell] = (right[cell] + PULL * prior) / (seen[cell] + PULL)
    with OUT.open("w", encoding="utf-8") as handle:
        handle.write(
            "# The share of events of each cell that matched an annotated event on the\n"
            "# devnews dev split, drawn towards the cell above for small cells; built by\n"
            "# scripts/calibrate_confidence.py. See detente.events.confidence.\n"
            "cell\tevents\tright\tconfidence\n"
        )
        for cell in sorted(estimate):
            if seen[cell] >= SHOWN or cell == "*":
                handle.write(f"{cell}\t{seen[cell]}\t{right[cell]}\t{estimate[cell]:.3f}\n")
    print(f"{len(estimate)} cells from {seen['*']} events ({right['*']} right) -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
