"""An event's confidence: how often events like it were right on hand-annotated news.

Each event falls in cells from the most specific to the least: its type, which sides
have a country (``both``, ``same`` for a self-dyad, ``source``, ``target``, ``none``) and
how the coder found its sides (the rule's suffix: ``direct``, ``counterpart``,
``sentence-country``, ``no-source``, ``place``, ...); then type and sides; then sides and
how; then sides. ``kb/data/confidence.tsv`` holds, for every cell seen often enough, the
share of such events that matched an annotated event on the devnews dev split, each
cell's estimate drawn towards the one above it when it has few events. It is built by
``scripts/calibrate_confidence.py``; the confidence of an event is the value of its
most specific cell in the table.

An event below ``MIN_CONFIDENCE`` is not reported: events of its kind were right less
than one time in ten on annotated news (a side with no country, a trigger read without
its arguments). ``Analyzer(min_event_confidence=0)`` and ``--min-event-confidence 0``
report every event.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from detente.model import Event

MIN_CONFIDENCE = 0.1
"""The confidence below which the analysis does not report an event (see above)."""

HOW = (
    "no-source",
    "sentence-country",
    "counterpart",
    "place",
    "domestic",
    "verbal",
    "unless",
    "by-state",
    "refusal",
)
"""Rule suffixes that say how an event's sides were found, the first present wins."""


def sides(event: Event) -> str:
    source, target = event.source_country, event.target_country
    if source and target:
        return "same" if source == target else "both"
    return "source" if source else ("target" if target else "none")


def how(event: Event) -> str:
    parts = set(event.rule.split("+")[1:])
    return next((h for h in HOW if h in parts), "direct")


def cells(event: Event) -> list[str]:
    """The event's cells, the most specific first."""
    kind, side, found = event.type, sides(event), how(event)
    return [f"{kind}|{side}|{found}", f"{kind}|{side}", f"*|{side}|{found}", f"*|{side}", "*"]


@cache
def _table() -> dict[str, float]:
    text = (resources.files("detente.kb") / "data" / "confidence.tsv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["cell"]: float(row["confidence"]) for row in csv.DictReader(rows, delimiter="\t")}


def calibrated(event: Event) -> float:
    """The confidence of an event: its most specific cell's value in the table."""
    table = _table()
    for cell in cells(event):
        if cell in table:
            return table[cell]
    return event.confidence
