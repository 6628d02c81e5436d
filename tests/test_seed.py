"""The example article (../shared/seed), end to end; skipped when ../shared is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.eval import evaluate_folder
from detente.eval.gold import summary
from detente.pipeline import Analyzer
from detente.textio import read_input


@pytest.fixture(scope="module")
def figures(analyzer: Analyzer, seed_dir: Path) -> dict:
    return summary(evaluate_folder(seed_dir, analyzer))


def test_persons_meet_the_bar(figures: dict) -> None:
    persons = figures["persons"]
    assert persons["found"] >= 13 and persons["gold"] == 14
    assert persons["precision"] >= 0.85
    assert persons["country"] >= 0.93
    assert persons["sector"] >= 0.85
    assert persons["role_affiliation"] >= 0.85


def test_authors_and_credits(analyzer: Analyzer, seed_dir: Path) -> None:
    article = analyzer.analyze(read_input(str(seed_dir / "blinken-beijing-2023.txt")))
    assert article.authors == ["Robbie Gramer", "Christina Lu"]
    names = {a.name.lower() for a in article.actors}
    assert not any("millis" in n or "getty" in n for n in names)
    assert "robbie gramer" not in names


def test_quotes_meet_the_bar(figures: dict) -> None:
    direct = figures["direct_quotes"]
    assert direct["found"] == direct["gold"] == 17
    assert direct["precision"] >= 0.95 and direct["recall"] >= 0.95
    assert figures["indirect_quotes"]["f1"] >= 0.75


def test_events_meet_the_bar(figures: dict) -> None:
    events = figures["events"]
    assert events["precision"] >= 0.80 and events["recall"] >= 0.80
    assert events["status"] >= 0.85
    assert events["duplicates"] == 0


def test_failed_persuasion_is_a_refusal_by_china(analyzer: Analyzer, seed_dir: Path) -> None:
    article = analyzer.analyze(read_input(str(seed_dir / "blinken-beijing-2023.txt")))
    refusals = [
        e for e in article.events if e.type == "REJECT" and "unable to get China" in e.evidence.text
    ]
    assert [(e.source_country, e.target_country, e.status) for e in refusals] == [
        ("CHN", "USA", "occurred")
    ]
