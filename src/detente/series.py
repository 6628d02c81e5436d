"""Dyad series: how a pair of countries moves between cooperation and conflict.

Events that occurred between countries A and B (either direction) are counted per
period in PLOVER's four quad classes, with the mean and total intensity. Reports of one
real-world event are counted once by default: the store's event clusters (see
``detente.linking``), each dated by its first report.

``store_series`` counts a store's events in SQL (GROUP BY period, direction and type,
on the dyad's index); ``series`` counts event rows in Python, and is the reference the
SQL is tested against.
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
from detente.store import Filters, Store

__all__ = ["QUADS", "QUAD_CLASSES", "period_of", "series", "store_series"]


def period_of(day: dt.date, freq: str) -> str:
    if freq == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday.isoformat()
    return day.strftime("%Y-%m")


@dataclass(slots=True)
class Cell:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUADS, 0))
    events: int = 0
    intensity_total: float = 0

    def add(self, quad: str, events: int, intensity_total: float) -> None:
        self.counts[quad] += events
        self.events += events
        self.intensity_total += intensity_total

    def row(self) -> dict[str, Any]:
        mean = self.intensity_total / self.events if self.events else None
        return {
            **self.counts,
            "events": self.events,
            "intensity_total": round(self.intensity_total, 2),
            "intensity_mean": round(mean, 2) if mean is not None else None,
        }


Cells = dict[tuple[str, str], Cell]


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
    """Per period, counts by quad class and intensity for A to B, B to A and both, from
    event rows (``Store.events``) in Python."""
    _check(freq)
    events = []
    for row in rows:
        day = parse_day(row.get("date"))
        pair = {row.get("source_country"), row.get("target_country")}
        if day is None or pair != {first, second} or row.get("status") != "occurred":
            continue
        events.append({**row, "day": day})
    if by == "cluster":
        events = clusters(events)
    cells: Cells = defaultdict(Cell)
    for event in events:
        _add(cells, {**event, "period": period_of(event["day"], freq)}, 1, event["intensity"])
    return _table(cells, first, second)


def store_series(
    store: Store,
    first: str,
    second: str,
    freq: str = "month",
    by: str = "cluster",
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """``series`` of the store's events between ``since`` and ``until``, counted by SQL
    aggregates (``Store.series_counts``); by cluster, the reports stored since the last
    relink are grouped as linking would group them, as ``series`` groups them."""
    _check(freq)
    filters = Filters(dyad=(first, second), since=since, until=until)
    cells: Cells = defaultdict(Cell)
    for row in store.series_counts(filters, freq=freq, by=by):
        _add(cells, row, row["events"], row["intensity_total"])
    if by == "cluster":
        for event in clusters(store.unlinked_reports(filters)):
            _add(cells, {**event, "period": period_of(event["day"], freq)}, 1, event["intensity"])
    return _table(cells, first, second)


def _check(freq: str) -> None:
    if freq not in ("week", "month"):
        raise InvalidArgument(name="freq", allowed="week or month", value=freq)


def _add(cells: Cells, counted: dict[str, Any], events: int, intensity_total: float) -> None:
    """Count ``events`` of ``counted``'s type, period and direction, and both ways."""
    quad = QUAD_CLASSES[counted["type"]]
    direction = f"{counted['source_country']}->{counted['target_country']}"
    for way in (direction, "both"):
        cells[(counted["period"], way)].add(quad, events, intensity_total)


def _table(cells: Cells, first: str, second: str) -> list[dict[str, Any]]:
    directions = (f"{first}->{second}", f"{second}->{first}", "both")
    out = []
    for period in sorted({p for p, _ in cells}):
        for direction in directions:
            cell = cells.get((period, direction), Cell())
            out.append({"period": period, "direction": direction, **cell.row()})
    return out
