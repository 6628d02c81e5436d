"""The PLOVER ontology, read once from ``kb/data/plover.tsv``.

Every part of detente that knows a fact about PLOVER's event types (their modes, quad
classes, intensities, how the export folds an announced event, what a threat to do
them is) takes it from here, so the facts live in one table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from detente.errors import KnowledgeBaseError

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
DIRECTIONS = ("cooperation", "conflict", "neutral")
UNTARGETED = ("place", "domestic", "-")


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type and what detente does with it."""

    name: str
    quad: str
    direction: str
    intensity: float
    modes: MappingProxyType[str, float | None]
    planned_fold: str | None
    threat_mode: str | None
    harmful: bool
    untargeted: str | None

    def mode_intensity(self, mode: str | None) -> float:
        found = self.modes.get(mode) if mode else None
        return self.intensity if found is None else found


def _optional(value: str) -> str | None:
    return None if value in ("", "-") else value


def _read(text: str) -> dict[str, EventType]:
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    types: dict[str, dict[str, object]] = {}
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        name, mode = row["type"], row["mode"]
        if not mode:
            if row["quad"] not in QUADS or row["direction"] not in DIRECTIONS:
                raise KnowledgeBaseError(f"plover.tsv: {name} has a bad quad or direction")
            if row["untargeted"] not in UNTARGETED:
                raise KnowledgeBaseError(f"plover.tsv: {name} has a bad untargeted value")
            types[name] = {
                "name": name,
                "quad": row["quad"],
                "direction": row["direction"],
                "intensity": float(row["intensity"]),
                "modes": {},
                "planned_fold": _optional(row["planned_fold"]),
                "threat_mode": _optional(row["threat_mode"]),
                "harmful": row["harmful"] == "yes",
                "untargeted": _optional(row["untargeted"]),
            }
            continue
        if name not in types:
            raise KnowledgeBaseError(f"plover.tsv: mode {mode!r} comes before its type {name}")
        modes = types[name]["modes"]
        assert isinstance(modes, dict)
        modes[mode] = float(row["intensity"]) if row["intensity"] else None
    return {
        name: EventType(**{**fields, "modes": MappingProxyType(fields["modes"])})  # type: ignore[arg-type]
        for name, fields in types.items()
    }


PLOVER: MappingProxyType[str, EventType] = MappingProxyType(
    _read((resources.files("detente.kb") / "data" / "plover.tsv").read_text(encoding="utf-8"))
)
"""The 16 PLOVER event types by name, in the ontology's order."""

EVENT_TYPES: dict[str, tuple[str, ...]] = {name: tuple(t.modes) for name, t in PLOVER.items()}
"""Each event type's modes."""

QUAD_CLASSES: dict[str, str] = {name: t.quad for name, t in PLOVER.items()}


def types_where(**wanted: object) -> frozenset[str]:
    """The names of the types whose fields have the given values."""
    return frozenset(
        name
        for name, t in PLOVER.items()
        if all(getattr(t, field) == value for field, value in wanted.items())
    )
