"""Evaluation: scoring detente against hand annotations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from detente.errors import DetenteError, GoldError
from detente.eval.gold import ArticleScore, load_gold, score_article
from detente.pipeline import Analyzer
from detente.textio import read_input

__all__ = ["evaluate_folder", "gold_pairs"]


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(article, gold file) pairs of a folder, in name order."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder of articles and NAME.gold.json files")
    pairs = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        gold = load_gold(gold_path)
        named = gold.get("article")
        candidates = [folder / named] if named else []
        candidates += [folder / f"{stem}{ext}" for ext in (".txt", ".html", ".htm")]
        article = next((c for c in candidates if c.is_file()), None)
        if article is None:
            raise GoldError(
                f"{gold_path}: its article ({named or stem + '.txt'}) is not in {folder}"
            )
        pairs.append((article, gold_path))
    if not pairs:
        raise GoldError(f"{folder}: holds no NAME.gold.json files to score against")
    return pairs


def evaluate_folder(folder: Path, analyzer: Analyzer) -> Iterator[ArticleScore]:
    """Analyse and score every annotated article of a folder."""
    for article_path, gold_path in gold_pairs(folder):
        gold = load_gold(gold_path)
        try:
            raw = read_input(str(article_path))
            article = analyzer.analyze(raw, published=gold.get("published"))
        except DetenteError as exc:
            score = ArticleScore(article_path.name)
            score.errors.append(f"not analysed: {exc.message}")
            yield score
            continue
        yield score_article(article_path.name, article, gold)
