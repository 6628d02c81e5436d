"""Exports: the store's articles, actors, quotes and events as files other tools read.

``jsonl`` and ``csv`` write one file per table (``articles``, ``actors``, ``quotes``,
``events``); ``plover`` writes ``events.plover.jsonl``, PLOVER records of the occurred
and planned events (see ``detente.events.plover``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from detente.events.plover import fold
from detente.kb import KnowledgeBase
from detente.store import EXPORT_TABLES, Store, export_rows

FORMATS = ("jsonl", "csv", "plover")


def export(store: Store, out: Path, fmt: str, kb: KnowledgeBase | None = None) -> list[Path]:
    """Write the export files into ``out`` (created if needed); returns their paths."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "plover":
        return [_plover(store, out / "events.plover.jsonl", kb)]
    written = []
    for table in EXPORT_TABLES:
        rows = export_rows(store, table)
        path = out / f"{table}.{fmt}"
        with path.open("w", encoding="utf-8", newline="") as handle:
            if fmt == "jsonl":
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                columns = list(rows[0]) if rows else _columns(store, table)
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
        written.append(path)
    return written


def _columns(store: Store, table: str) -> list[str]:
    cursor = store.db.execute(EXPORT_TABLES[table] + " LIMIT 0")
    return [c[0] for c in cursor.description]


def _party(actor: dict[str, object] | None, code: str | None) -> list[dict[str, object]]:
    if actor is None and code is None:
        return []
    return [
        {
            "name": actor["name"] if actor else None,
            "code": code,
            "sector": actor["sector"] if actor else None,
        }
    ]


def _plover(store: Store, path: Path, kb: KnowledgeBase | None) -> Path:
    actors = {(r["article_id"], r["actor_id"]): r for r in export_rows(store, "actors")}
    with path.open("w", encoding="utf-8") as handle:
        for event in export_rows(store, "events"):
            if event["status"] not in ("occurred", "planned"):
                continue
            event_type, mode = fold(event["type"], event["mode"], event["status"])
            intensity = event["intensity"]
            if kb is not None and event_type != event["type"]:
                intensity = kb.intensity(event_type, mode)
            article = event["article_id"]
            record = {
                "id": f"{article}-{event['event_id']}",
                "date": event["date"],
                "event": event_type,
                "mode": mode,
                "detenteType": event["type"],
                "status": event["status"],
                "actor": _party(actors.get((article, event["source"])), event["source_country"]),
                "recipient": _party(
                    actors.get((article, event["target"])), event["target_country"]
                ),
                "eventText": event["trigger"],
                "text": event["evidence"],
                "textOffsets": {"start": event["evidence_start"], "end": event["evidence_end"]},
                "location": event["location"],
                "intensity": intensity,
                "confidence": event["confidence"],
                "rule": event["rule"],
                "articleId": article,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
