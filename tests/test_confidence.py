"""Confidence: each event's cell, and the calibrated value its cell has."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main
from detente.events.confidence import MIN_CONFIDENCE, calibrated, cells, how, sides
from detente.model import Event, Span
from detente.pipeline import Analyzer


def _event(source: str | None, target: str | None, rule: str, kind: str = "ACCUSE") -> Event:
    return Event(
        "e1", kind, None, "occurred", None, None, source, target, None, None, -3.0, 0.5,
        Span(0, 4, "Text"), rule,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("source", "target", "rule", "expected_sides", "expected_how"),
    [
        ("USA", "CHN", "lexicon:accuse.accuse", "both", "direct"),
        ("USA", "USA", "lexicon:accuse.accuse+sentence-country", "same", "sentence-country"),
        ("USA", None, "lexicon:accuse.accuse+counterpart", "source", "counterpart"),
        (None, "CHN", "lexicon:assault.kill+no-source+place", "target", "no-source"),
        (None, None, "pattern:must", "none", "direct"),
    ],
)
def test_cells(
    source: str | None, target: str | None, rule: str, expected_sides: str, expected_how: str
) -> None:
    event = _event(source, target, rule)
    assert (sides(event), how(event)) == (expected_sides, expected_how)
    assert cells(event) == [
        f"ACCUSE|{expected_sides}|{expected_how}",
        f"ACCUSE|{expected_sides}",
        f"*|{expected_sides}|{expected_how}",
        f"*|{expected_sides}",
        "*",
    ]


def test_an_event_with_both_sides_is_more_confident_than_one_with_none() -> None:
    both = calibrated(_event("USA", "CHN", "lexicon:accuse.accuse"))
    none = calibrated(_event(None, None, "lexicon:accuse.accuse"))
    assert 0 <= none < both <= 1


def test_a_type_never_seen_takes_its_sides_cell() -> None:
    odd = _event("USA", "CHN", "lexicon:x", kind="NOSUCHTYPE")
    assert calibrated(odd) == calibrated(_event("USA", "CHN", "lexicon:y", kind="OTHERTYPE"))


@pytest.mark.parametrize(
    ("text", "floor", "expected"),
    [
        # both sides named: reported whatever the floor
        ("Kenya accused Uganda of smuggling on Monday.", None, [("ACCUSE", "KEN", "UGA")]),
        ("Kenya accused Uganda of smuggling on Monday.", 0.0, [("ACCUSE", "KEN", "UGA")]),
        # no side has a country: events of this kind were almost never right on annotated
        # news, so they are left out unless every event is asked for
        ("Tom Berg attacked Ada Lind with a knife, wounding her.", None, []),
        ("Tom Berg attacked Ada Lind with a knife, wounding her.", 0.0, [("ASSAULT", None, None)]),
        # force used by a state named as such is reported whatever its confidence...
        (
            "The South Korean military said North Korea fired two missiles.",
            None,
            [("ASSAULT", "PRK", None)],
        ),
        # ...a politician's "attack" is mostly a figure of speech, and keeps the floor
        ("Kenyan senator Ada Lind attacked the plan on Monday.", None, []),
    ],
)
def test_event_confidence_floor(
    analyzer: Analyzer, text: str, floor: float | None, expected: list[tuple[str, ...]]
) -> None:
    if floor is not None:
        analyzer = Analyzer(analyzer.nlp, kb=analyzer.kb, min_event_confidence=floor)
    events = analyzer.analyze(text, published="2023-06-20").events
    assert [(e.type, e.source_country, e.target_country) for e in events] == expected
    assert [e.id for e in events] == [f"e{n}" for n in range(1, len(events) + 1)]
    assert all(e.confidence >= MIN_CONFIDENCE or e.type == "ASSAULT" for e in events) or not floor


def test_the_floor_is_an_option_of_every_command_that_analyses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Tom Berg attacked Ada Lind with a knife, wounding her.\n", "utf-8")
    assert main(["analyze", str(article), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["events"] == []
    assert main(["analyze", str(article), "--format", "json", "--min-event-confidence", "0"]) == 0
    assert [e["type"] for e in json.loads(capsys.readouterr().out)["events"]] == ["ASSAULT"]
    config = tmp_path / "detente.yaml"
    config.write_text("min_event_confidence: 0\n", "utf-8")
    assert main(["analyze", str(article), "--format", "json", "--config", str(config)]) == 0
    assert len(json.loads(capsys.readouterr().out)["events"]) == 1
    config.write_text("min_event_confidence: lots\n", "utf-8")
    assert main(["analyze", str(article), "--config", str(config)]) == 2
    assert "[D060]" in capsys.readouterr().err
