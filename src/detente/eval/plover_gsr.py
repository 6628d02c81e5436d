"""Scoring the event coder against the PLOVER gold-standard records (PLOVER-GSR).

The GSR file (``PLOVER_GSR_CAMEO.json``, Open Event Data Alliance, CC BY-SA 4.0) holds
322 sentences, each coded with one event by the PLOVER authors in an early draft of the
ontology. It is read from where it lies and never copied into this repository. Old
labels are mapped to the current 16 types (``OLD_LABELS``).

Each sentence is analysed alone. Reported per sentence and micro-averaged:

* *type recall*: some predicted event has the gold type, as detente codes it or as the
  PLOVER export does (a planned CONSULT, SUPPORT, COOPERATE or AID is an AGREE: the GSR
  is coded in PLOVER, which folds them);
* *triple accuracy*: some predicted event has the gold type, a source country among the
  gold source codes and a target country among the gold target codes (any target when
  the gold record has none);
* *extra events per sentence*: predicted events beyond the one that matches the gold
  type (all of them when none does);
* a confusion table: for each gold type, the types predicted instead (``none`` when the
  sentence got no event).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.errors import GoldError
from detente.eval.gold import ratio
from detente.events.plover import plover_type
from detente.model import Article, Event

GSR_FILE = "PLOVER_GSR_CAMEO.json"

OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""The early-draft labels of the GSR and their current PLOVER types."""


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]
    published: str | None


def load_records(root: Path) -> list[GoldRecord]:
    """The coded sentences of the GSR file in ``root`` (the folder or the file)."""
    path = root / GSR_FILE if root.is_dir() else root
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the PLOVER-GSR file ({exc})") from None
    if not isinstance(data, list):
        raise GoldError(f"{path}: expected a JSON array of records")
    records = []
    for item in data:
        if not isinstance(item, dict) or not item.get("text") or not item.get("event"):
            continue
        label = str(item["event"]).upper()
        records.append(
            GoldRecord(
                id=str(item.get("id")),
                text=str(item["text"]),
                type=OLD_LABELS.get(label, label),
                sources=_codes(item.get("source")),
                targets=_codes(item.get("target")),
                published=str(item["date"])[:10] if item.get("date") else None,
            )
        )
    if not records:
        raise GoldError(f"{path}: no coded sentences found")
    return records


def _codes(parties: Any) -> frozenset[str]:
    """The country codes of a record's source or target list (a few records hold a
    stray string there instead of a list: no codes)."""
    if not isinstance(parties, list):
        return frozenset()
    return frozenset(str(p["code"]) for p in parties if isinstance(p, dict) and p.get("code"))


def _types(event: Event) -> set[str]:
    """An event's detente type and its PLOVER type (a planned meeting is an AGREE)."""
    return {event.type, plover_type(event)}


def judge(gold: GoldRecord, article: Article) -> dict[str, Any]:
    """How the events predicted for one sentence compare with its gold record."""
    events = article.events
    typed = [e for e in events if gold.type in _types(e)]
    triple = any(
        e.source_country in gold.sources and (not gold.targets or e.target_country in gold.targets)
        for e in typed
    )
    predicted = gold.type if typed else (events[0].type if events else "none")
    return {
        "id": gold.id,
        "gold": gold.type,
        "predicted": predicted,
        "type_found": bool(typed),
        "triple": triple,
        "extra": len(events) - (1 if typed else 0),
        "events": [
            f"{e.type} {e.source_country}->{e.target_country} [{e.status}] ({e.rule})"
            for e in events
        ],
        "gold_triple": f"{gold.type} {'/'.join(sorted(gold.sources))}->"
        f"{'/'.join(sorted(gold.targets)) or '*'}",
        "text": gold.text,
    }


def score(judgements: Iterable[dict[str, Any]]) -> dict[str, Any]:
    rows = list(judgements)
    n = len(rows)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        confusion[row["gold"]][row["predicted"]] += 1
    by_type = {
        gold_type: {
            "sentences": sum(counts.values()),
            "type_recall": ratio(counts[gold_type], sum(counts.values())),
            "predicted": dict(counts.most_common()),
        }
        for gold_type, counts in sorted(confusion.items())
    }
    return {
        "sentences": n,
        "type_recall": ratio(sum(r["type_found"] for r in rows), n),
        "triple_accuracy": ratio(sum(r["triple"] for r in rows), n),
        "extra_per_sentence": ratio(sum(r["extra"] for r in rows), n),
        "by_type": by_type,
    }


def format_score(figures: dict[str, Any]) -> str:
    def fmt(value: float | None) -> str:
        return "  n/a" if value is None else f"{value:.3f}"

    lines = [
        f"sentences          {figures['sentences']}",
        f"type recall        {fmt(figures['type_recall'])}",
        f"triple accuracy    {fmt(figures['triple_accuracy'])}",
        f"extra events/sent  {fmt(figures['extra_per_sentence'])}",
        "",
        f"{'gold type':<11} {'n':>4} {'recall':>7}  predicted instead",
    ]
    for gold_type, row in figures["by_type"].items():
        others = ", ".join(f"{t} {c}" for t, c in row["predicted"].items() if t != gold_type)
        lines.append(
            f"{gold_type:<11} {row['sentences']:>4} {fmt(row['type_recall']):>7}  {others}"
        )
    return "\n".join(lines)
