"""Dyad series: how a pair of countries moves between cooperation and conflict.

Events that occurred between countries A and B (either direction) are counted per
period in PLOVER's four quad classes, with the mean and total intensity. Reports of one
real-world event are counted once by default: the store's event clusters (see
``detente.linking``), each dated by its first report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from detente.errors import InvalidArgument
from detente.kb.ontology import QUAD_CLASSES, QUADS
from detente.linking import cluster_events, parse_day

__all__ = ["QUADS", "QUAD_CLASSES", "period_of", "series"]


def period_of(day: dt.date, freq: str) -> str:
    if freq == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday.isoformat()
    return day.strftime("%Y-%m")


@dataclass(slots=True)
class Cell:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    intensities: list[float] = field(default_factory=list)

    def add(self, quad: str, intensity: float) -> None:
        self.counts[quad] += 1
        self.intensities.append(intensity)

    def row(self) -> dict[str, Any]:
        total = sum(self.intensities)
        mean = total / len(self.intensities) if self.intensities else None
        return {
            **self.counts,
            "events": len(self.intensities),
            "intensity_total": round(total, 2),
            "intensity_mean": round(mean, 2) if mean is not None else None,
        }


def clusters(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per real-world event, dated by its first report: the store's cluster
    when the events are linked, else the reports grouped as ``cluster_events`` does."""
    first_of: dict[str, dict[str, Any]] = {}
    unlinked = []
    for number, event in enumerate(sorted(events, key=lambda e: e["day"])):
        if event.get("cluster_id"):
            first_of.setdefault(event["cluster_id"], event)
        else:
            unlinked.append({"article_id": "", **event, "event_id": f"{number:09d}"})
    return [*first_of.values(), *(c.first for c in cluster_events(unlinked))]


def series(
    rows: Iterable[dict[str, Any]],
    first: str,
    second: str,
    freq: str = "month",
    by: str = "cluster",
) -> list[dict[str, Any]]:
    """Per period, counts by quad class and intensity for A to B, B to A and both."""
    if freq not in ("week", "month"):
        raise InvalidArgument(name="freq", allowed="week or month", value=freq)
    events = []
    for row in rows:
        day = parse_day(row.get("date"))
        pair = {row.get("source_country"), row.get("target_country")}
        if day is None or pair != {first, second} or row.get("status") != "occurred":
            continue
        events.append({**row, "day": day})
    if by == "cluster":
        events = clusters(events)
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for event in events:
        period = period_of(event["day"], freq)
        quad = QUAD_CLASSES[event["type"]]
        direction = f"{event['source_country']}->{event['target_country']}"
        cells[(period, direction)].add(quad, event["intensity"])
        cells[(period, "both")].add(quad, event["intensity"])
    directions = (f"{first}->{second}", f"{second}->{first}", "both")
    out = []
    for period in sorted({p for p, _ in cells}):
        for direction in directions:
            cell = cells.get((period, direction), Cell())
            out.append({"period": period, "direction": direction, **cell.row()})
    return out
