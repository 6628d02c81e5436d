"""The SQL the web service needs beyond ``Store``'s own queries.

A page of a list as the API answers it (``Store.page``), an article's record rebuilt
from the store's tables, one canonical actor with what is tied to it, the roles of a
page of canonical actors, the dyads, and the numbers of rows. Every value that comes
from a request is bound as a parameter; the only SQL built from pieces is a list of
``?`` placeholders.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from detente.store import (
    DATE_SOURCE,
    EVIDENCE,
    QUOTE_TEXT,
    Filters,
    Page,
    Store,
    article_text,
    coding_record,
    decode_cursor,
    encode_cursor,
    sliced,
)

_EVENT_COLUMNS = (
    "e.article_id, e.event_id, e.cluster_id, coalesce(e.date, a.published) AS date, "
    f"{DATE_SOURCE}, e.type, "
    "e.status, e.source_country, e.target_country, src.name AS source_name, "
    "tgt.name AS target_name, src.canonical_id AS source_actor, "
    f"tgt.canonical_id AS target_actor, e.intensity, {EVIDENCE}"
)
_EVENT_JOINS = (
    "JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN actors src ON src.article_id = e.article_id AND src.actor_id = e.source "
    "LEFT JOIN actors tgt ON tgt.article_id = e.article_id AND tgt.actor_id = e.target"
)
_BY_NUMBER = "CAST(substr({column}, 2) AS INTEGER)"
"""Article-local ids (``a2``, ``a10``) in number order."""


@dataclass(frozen=True, slots=True)
class PageRequest:
    """What a list request asks for: ``limit`` items after ``cursor`` (a page's
    ``next``, or the start) and ``offset`` more, and whether to ``count`` them all."""

    limit: int
    offset: int
    cursor: str | None
    count: bool


def page(
    store: Store,
    kind: str,
    request: PageRequest,
    filters: Filters | None = None,
    by: str = "report",
) -> dict[str, Any]:
    """A page of one of the store's lists, read in SQL along an index, as the API
    answers it."""
    result = store.page(
        kind,
        filters,
        by=by,
        limit=request.limit,
        cursor=request.cursor,
        offset=request.offset,
        count=request.count,
    )
    return _answer(result, request)


def _answer(result: Page, request: PageRequest) -> dict[str, Any]:
    return {
        "items": result.items,
        "total": result.total,
        "limit": request.limit,
        "offset": request.offset,
        "next": result.next,
    }


def counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = ("canonical_actors", "event_clusters")
    return {t: int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}


def article_record(db: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """The ``detente/article@1`` record of a stored article, with its text, each actor's
    canonical id and each event's cluster id; None when there is no such article."""
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    text = article_text(row["text"])
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in db.execute(
        'SELECT actor_id, start, "end", text FROM mentions WHERE article_id = ? ORDER BY start',
        (article_id,),
    ):
        mentions.setdefault(m["actor_id"], []).append(
            {
                "start": m["start"],
                "end": m["end"],
                "text": sliced(m["text"], text, m["start"], m["end"]),
            }
        )
    actors = [
        {
            "id": a["actor_id"],
            "type": a["type"],
            "name": a["name"],
            "country": a["country"],
            "sector": a["sector"],
            "role": a["role"],
            "affiliation": a["affiliation"],
            "mentions": mentions.get(a["actor_id"], []),
            "coding": coding_record(a["coding"], text),
            "canonical_id": a["canonical_id"],
        }
        for a in db.execute(
            "SELECT * FROM actors WHERE article_id = ? ORDER BY "
            + _BY_NUMBER.format(column="actor_id"),
            (article_id,),
        )
    ]
    quotes = [
        {
            "id": q["quote_id"],
            "kind": q["kind"],
            "text": sliced(q["text"], text, q["start"], q["end"]),
            "start": q["start"],
            "end": q["end"],
            "parts": [{"start": q["start"], "end": q["end"]}],
            "speaker": q["speaker"],
            "speaker_text": q["speaker_name"],
            "speaker_mention": None,
            "cue": q["cue"],
            "cue_span": None,
            "channel": q["channel"],
            "rule": q["rule"],
        }
        for q in db.execute(
            "SELECT * FROM quotes WHERE article_id = ? ORDER BY start", (article_id,)
        )
    ]
    events = [
        {
            "id": e["event_id"],
            "type": e["type"],
            "mode": e["mode"],
            "status": e["status"],
            "source": e["source"],
            "target": e["target"],
            "source_country": e["source_country"],
            "target_country": e["target_country"],
            "date": e["date"],
            "date_source": e["date_source"],
            "location": e["location"],
            "location_country": e["location_country"],
            "lat": e["lat"],
            "lon": e["lon"],
            "location_precision": e["location_precision"],
            "intensity": e["intensity"],
            "confidence": e["confidence"],
            "evidence": {
                "start": e["evidence_start"],
                "end": e["evidence_end"],
                "text": evidence,
            },
            "rule": e["rule"],
            "trigger": trigger_span(e["evidence_start"], evidence, e["trigger"]),
            "cluster_id": e["cluster_id"],
        }
        for e in db.execute(
            "SELECT * FROM events WHERE article_id = ? ORDER BY "
            + _BY_NUMBER.format(column="event_id"),
            (article_id,),
        )
        for evidence in [sliced(e["evidence"], text, e["evidence_start"], e["evidence_end"])]
    ]
    return {
        "schema": "detente/article@1",
        "article": {
            "id": row["id"],
            "title": row["title"],
            "published": row["published"],
            "outlet": row["outlet"],
            "url": row["url"],
            "path": row["path"],
            "authors": json.loads(row["authors"]),
            "language": row["language"],
            "text": text,
        },
        "actors": actors,
        "quotes": quotes,
        "events": events,
    }


def trigger_span(evidence_start: int, evidence: str, trigger: str | None) -> dict[str, Any] | None:
    """The trigger word's span: the store keeps its text, so it is found in the evidence
    sentence (as a whole word when it can be)."""
    if not trigger:
        return None
    found = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", evidence)
    at = found.start() if found else evidence.find(trigger)
    if at < 0:
        return None
    start = evidence_start + at
    return {"start": start, "end": start + len(trigger), "text": trigger}


def roles(db: sqlite3.Connection, actor_ids: list[str]) -> dict[str, list[str]]:
    """The distinct roles the article actors of each canonical actor hold."""
    if not actor_ids:
        return {}
    marks = ", ".join("?" * len(actor_ids))
    out: dict[str, list[str]] = {i: [] for i in actor_ids}
    for row in db.execute(
        f"SELECT DISTINCT canonical_id, role FROM actors WHERE canonical_id IN ({marks}) "
        "AND role IS NOT NULL ORDER BY canonical_id, role",
        actor_ids,
    ):
        out[row["canonical_id"]].append(row["role"])
    return out


def actor_detail(db: sqlite3.Connection, actor_id: str, limit: int) -> dict[str, Any] | None:
    """One canonical actor: its variants, roles and affiliations, the articles that name
    it, its quotes, the events it is a side of (``limit`` of each, with their totals) and
    its counterparts, the canonical actors on the other side of those events."""
    row = db.execute("SELECT * FROM canonical_actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    members = "SELECT article_id, actor_id FROM actors WHERE canonical_id = ?"
    articles = [
        dict(r)
        for r in db.execute(
            "SELECT ar.id, ar.title, ar.path, ar.published, a.actor_id, a.role, "
            "(SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id "
            "AND m.actor_id = a.actor_id) AS mentions "
            "FROM actors a JOIN articles ar ON ar.id = a.article_id WHERE a.canonical_id = ? "
            "ORDER BY ar.published, ar.id, a.actor_id",
            (actor_id,),
        )
    ]
    quote_sql = (
        f"FROM quotes q JOIN ({members}) s ON s.article_id = q.article_id "
        "AND s.actor_id = q.speaker JOIN articles a ON a.id = q.article_id"
    )
    quotes = [
        dict(r)
        for r in db.execute(
            f"SELECT q.article_id, q.quote_id, a.published, q.kind, {QUOTE_TEXT} {quote_sql} "
            "ORDER BY a.published, q.article_id, q.start LIMIT ?",
            (actor_id, limit),
        )
    ]
    quotes_total = db.execute(f"SELECT count(*) {quote_sql}", (actor_id,)).fetchone()[0]
    event_sql = (
        f"FROM events e JOIN ({members}) m ON m.article_id = e.article_id "
        f"AND (e.source = m.actor_id OR e.target = m.actor_id) {_EVENT_JOINS}"
    )
    events = [
        {**dict(r), "side": _side(r, actor_id)}
        for r in db.execute(
            f"SELECT DISTINCT {_EVENT_COLUMNS} {event_sql} "
            "ORDER BY date, e.article_id, e.event_id LIMIT ?",
            (actor_id, limit),
        )
    ]
    events_total = db.execute(
        f"SELECT count(*) FROM (SELECT DISTINCT e.article_id, e.event_id {event_sql})",
        (actor_id,),
    ).fetchone()[0]
    counterparts = [
        dict(r)
        for r in db.execute(
            "SELECT c.id, c.name, c.type, c.country, count(*) AS events FROM ("
            "SELECT DISTINCT e.article_id, e.event_id, CASE WHEN src.canonical_id = ? "
            f"THEN tgt.canonical_id ELSE src.canonical_id END AS other {event_sql}"
            ") x JOIN canonical_actors c ON c.id = x.other WHERE c.id != ? "
            "GROUP BY c.id ORDER BY events DESC, c.name",
            (actor_id, actor_id, actor_id),
        )
    ]
    affiliations = [
        r[0]
        for r in db.execute(
            "SELECT DISTINCT affiliation FROM actors WHERE canonical_id = ? "
            "AND affiliation IS NOT NULL ORDER BY affiliation",
            (actor_id,),
        )
    ]
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "country": row["country"],
        "sector": row["sector"],
        "variants": json.loads(row["variants"]),
        "roles": roles(db, [actor_id])[actor_id],
        "affiliations": affiliations,
        "articles": articles[:limit],
        "articles_total": len(articles),
        "quotes": quotes,
        "quotes_total": quotes_total,
        "events": events,
        "events_total": events_total,
        "counterparts": counterparts,
    }


def _side(row: sqlite3.Row, actor_id: str) -> str:
    source, target = row["source_actor"] == actor_id, row["target_actor"] == actor_id
    return "both" if source and target else ("source" if source else "target")


def dyads(db: sqlite3.Connection, request: PageRequest) -> dict[str, Any]:
    """A page of the pairs of different countries with events between them, the busiest
    first: an aggregate of every event into a few rows, paged by position."""
    start = request.offset
    if request.cursor is not None:
        start += decode_cursor("dyads", request.cursor)[0]
    rows = _dyads(db)
    end = start + request.limit
    following = encode_cursor("dyads", [end]) if end < len(rows) else None
    total = len(rows) if request.count else None
    return _answer(Page(rows[start:end], total, following), request)


def _dyads(db: sqlite3.Connection) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in db.execute(
            "SELECT min(source_country, target_country) AS a, "
            "max(source_country, target_country) AS b, count(*) AS events, "
            "sum(status = 'occurred') AS occurred FROM events "
            "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
            "AND source_country != target_country GROUP BY 1, 2 ORDER BY events DESC, a, b"
        )
    ]
