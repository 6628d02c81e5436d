"""Every file of the devnews gold set (gold/devnews) is valid against its text.

The texts live in ../shared/corpora/devnews; the checks that need them skip with a
reason when it is absent (a user's clone has no ../shared).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from detente.eval.devnews import FOLDERS, country_codes, read_split, sha256_of, validate_gold
from detente.textio import read_input

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "devnews"
ANNOTATORS = GOLD / "annotators"
CORPUS = ROOT.parent / "shared" / "corpora" / "devnews"
QUOTA = {"whitehouse": 25, "statedept": 20, "kremlin": 20, "wikinews": 20, "reuters1987": 15}


def _gold_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.gold.json"))


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _selection() -> list[dict[str, str]]:
    with (GOLD / "selection.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_the_selection_holds_the_quota_of_each_folder() -> None:
    selected = [row for row in _selection() if row["status"] == "selected"]
    assert Counter(row["folder"] for row in selected) == QUOTA
    skipped = [row for row in _selection() if row["status"] == "skipped"]
    assert all(row["reason"] for row in skipped)


def test_every_selected_article_has_one_gold_file_and_no_other_exists() -> None:
    selected = {row["file"] for row in _selection() if row["status"] == "selected"}
    annotated = [_load(path)["article"] for path in _gold_files(GOLD)]
    assert len(annotated) == len(set(annotated))
    assert set(annotated) == selected


def test_the_split_is_sixty_dev_and_forty_test_and_covers_every_file() -> None:
    split = read_split(GOLD)
    assert set(split) == {path.name for path in _gold_files(GOLD)}
    assert Counter(split.values()) == {"dev": 60, "test": 40}


def test_twenty_articles_have_two_independent_annotations() -> None:
    first, second = _gold_files(ANNOTATORS / "A"), _gold_files(ANNOTATORS / "B")
    assert [p.name for p in first] == [p.name for p in second]
    folders = Counter(_load(p)["article"].split("/")[0] for p in second)
    assert folders == dict.fromkeys(FOLDERS, 4)
    assert {_load(p)["annotator"] for p in first} == {"A"}
    assert {_load(p)["annotator"] for p in second} == {"B"}


GOLD_FILES = [
    *_gold_files(GOLD),
    *_gold_files(ANNOTATORS / "A"),
    *_gold_files(ANNOTATORS / "B"),
]


@pytest.fixture(scope="module")
def codes() -> frozenset[str]:
    return country_codes()


@pytest.mark.shared
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_gold_file_is_valid_against_its_text(path: Path, codes: frozenset[str]) -> None:
    if not (CORPUS / "manifest.tsv").is_file():
        pytest.skip(f"the devnews corpus is not at {CORPUS} (a user's clone has no ../shared)")
    gold = _load(path)
    text_path = CORPUS / gold["article"]
    assert text_path.is_file(), f"{gold['article']} is not in the corpus"
    text = read_input(str(text_path)).text
    problems = validate_gold(gold, text, countries=codes, text_sha256=sha256_of(text_path))
    assert problems == []
