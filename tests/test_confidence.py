"""Confidence: each event's cell, and the calibrated value its cell has."""

from __future__ import annotations

import pytest

from detente.events.confidence import calibrated, cells, how, sides
from detente.model import Event, Span


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
