"""Bring annotators' gold files into the devnews gold set, and keep its split.

python scripts/devnews_gold.py add FILE.gold.json ... [--corpus DIR]
    checks each file against its text, fills in the text's SHA-256, and writes it to
    gold/devnews/ under its own name; a new name gets a split by the hash rule of
    detente.eval.devnews.split_of_added and is appended to split.tsv.
python scripts/devnews_gold.py split
    rewrites split.tsv for the whole set by detente.eval.devnews.split_by_hash (what
    made the split of the first 100; never run it on a set that has been reported on).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from detente.errors import DetenteError
from detente.eval.devnews import (
    country_codes,
    default_gold_dir,
    read_split,
    sha256_of,
    split_by_hash,
    split_of_added,
    validate_gold,
)
from detente.textio import read_input


def write_split(gold_dir: Path, split: dict[str, str]) -> None:
    with (gold_dir / "split.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("gold", "split"))
        writer.writerows(sorted(split.items()))


def add(files: list[Path], corpus: Path, gold_dir: Path, target: Path) -> int:
    codes = country_codes()
    split = read_split(gold_dir) if (gold_dir / "split.tsv").is_file() else {}
    target.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = corpus / str(gold.get("article") or "")
        try:
            text = read_input(str(text_path)).text
        except DetenteError as exc:
            print(f"{path}: cannot read its text: {exc.message}", file=sys.stderr)
            failed += 1
            continue
        gold["sha256"] = sha256_of(text_path)
        problems = validate_gold(gold, text, countries=codes)
        if problems:
            failed += 1
            for problem in problems:
                print(f"{path}: {problem}", file=sys.stderr)
            continue
        ordered = {"format": gold.pop("format"), "article": gold.pop("article")}
        ordered["sha256"] = gold.pop("sha256")
        ordered.update(gold)
        (target / path.name).write_text(
            json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", "utf-8"
        )
        if target == gold_dir:
            split.setdefault(path.name, split_of_added(path.name))
    if target == gold_dir:
        write_split(gold_dir, split)
    print(f"{len(files) - failed} added to {target}, {failed} failed")
    return 1 if failed else 0


def resplit(gold_dir: Path) -> int:
    folder_of = {}
    for path in gold_dir.glob("*.gold.json"):
        article = json.loads(path.read_text(encoding="utf-8")).get("article") or ""
        folder_of[path.name] = article.split("/", 1)[0]
    split = split_by_hash(folder_of, folder_of)
    write_split(gold_dir, split)
    dev = sum(1 for v in split.values() if v == "dev")
    print(f"{dev} dev, {len(split) - dev} test -> {gold_dir / 'split.tsv'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    adding = sub.add_parser("add")
    adding.add_argument("files", nargs="+", type=Path)
    adding.add_argument("--corpus", type=Path, default=Path("../shared/corpora/devnews"))
    adding.add_argument("--to", type=Path, help="the folder to write to (default gold/devnews)")
    sub.add_parser("split")
    args = parser.parse_args()
    gold_dir = default_gold_dir()
    if args.command == "add":
        target = args.to.resolve() if args.to else gold_dir
        return add(args.files, args.corpus, gold_dir, target)
    return resplit(gold_dir)


if __name__ == "__main__":
    sys.exit(main())
