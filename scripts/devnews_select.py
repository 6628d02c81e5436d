"""Draw the devnews gold articles: a seeded random order per folder, the first N kept.

Writes ``gold/devnews/selection.tsv``, and ``gold/devnews/double.txt``: the 20 articles
(4 of each folder, drawn from the selection with the same seed) that a second annotator
annotates independently. An article is skipped only when it holds no actor
at all; such skips are listed by hand in ``gold/devnews/skipped.tsv`` (columns ``file``
and ``reason``) and the next article in the folder's order takes the place.

    python scripts/devnews_select.py [../shared/corpora/devnews]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from pathlib import Path

SEED = "detente devnews gold 1"
QUOTA = {"whitehouse": 25, "statedept": 20, "kremlin": 20, "wikinews": 20, "reuters1987": 15}
DOUBLE_PER_FOLDER = 4
GOLD = Path(__file__).resolve().parents[1] / "gold" / "devnews"


def folder_order(corpus: Path, folder: str) -> list[str]:
    """The folder's files (relative to the corpus) in the seeded random order."""
    files = sorted(f"{folder}/{p.name}" for p in (corpus / folder).iterdir() if p.is_file())
    random.Random(f"{SEED}:{folder}").shuffle(files)
    return files


def read_skips(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["reason"] for row in csv.DictReader(handle, delimiter="\t")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpora/devnews", type=Path)
    args = parser.parse_args()
    if not (args.corpus / "manifest.tsv").is_file():
        print(f"{args.corpus}: not the devnews corpus (no manifest.tsv)", file=sys.stderr)
        return 2
    skips = read_skips(GOLD / "skipped.tsv")
    rows = []
    for folder, quota in QUOTA.items():
        kept = 0
        for rank, name in enumerate(folder_order(args.corpus, folder), start=1):
            if kept == quota:
                break
            digest = hashlib.sha256((args.corpus / name).read_bytes()).hexdigest()
            if name in skips:
                rows.append((folder, rank, name, digest, "skipped", skips[name]))
                continue
            rows.append((folder, rank, name, digest, "selected", ""))
            kept += 1
    with (GOLD / "selection.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("folder", "rank", "file", "sha256", "status", "reason"))
        writer.writerows(rows)
    double = []
    for folder in QUOTA:
        chosen = sorted(row[2] for row in rows if row[0] == folder and row[4] == "selected")
        double += random.Random(f"{SEED}:double:{folder}").sample(chosen, DOUBLE_PER_FOLDER)
    (GOLD / "double.txt").write_text("".join(f"{name}\n" for name in sorted(double)), "utf-8")
    selected = sum(1 for row in rows if row[4] == "selected")
    print(f"{selected} selected, {len(rows) - selected} skipped -> {GOLD / 'selection.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
