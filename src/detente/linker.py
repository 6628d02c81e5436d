"""Linking a store incrementally: a batch of new articles joins the canonical actors and
event clusters already stored, and only what the batch can change is read and written.

``Store.add`` queues each new article in the table ``unlinked``; ``Store.link`` takes the
queue in batches, each linked in one transaction by ``link_batch``, so a run killed at
any point leaves every article either linked or queued.

Actors. Each article actor's key (``linking.actor_key``) is a row of ``actor_keys``,
with its number of article actors and its canonical actor, and ``actor_key_names``
counts the names and sectors under each key. The keys whose canonical actor a batch can
change are those of its own types and names, and, for people, the one-word names that
could claim its full names or be its one-word names: they alone are resolved again
(``linking.Resolver`` over indexed lookups), and only the keys whose canonical actor
changed move their article actors.

Events. Each report's cluster key (type, status, dyad) is stored as a 64-bit hash in
``events.link_key`` and its day number in ``events.link_day``. Where a report goes
depends on the reports of its key before it (``linking.Timeline``), so the batch's
reports, and the stored reports whose actors moved, are placed by replaying their key's
timeline from each change, starting from the stored clusters open then, until the
replay's open clusters are again the stored ones. A report dated after everything of its
key replays only itself.

The result is what linking every article at once gives (``linking.link_actors``,
``linking.cluster_events``), whatever the order and the batches.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from detente.kb import KnowledgeBase
from detente.linking import (
    CLUSTER_DAYS,
    ActorKey,
    ClusterKey,
    Group,
    Report,
    Resolver,
    Timeline,
    actor_key,
    cluster_id,
    describe,
    group_id,
    place,
    placed,
    report_day,
)

LINK_BATCH = 1000
"""Articles linked in one transaction."""

Member = tuple[str, str]
"""An article actor or a report: article id and actor or event id."""

Position = tuple[int, str, str]
"""A report's place in its key's timeline: day number, article id, event id."""

_IN_BATCH = "IN (SELECT value FROM json_each(?))"
"""SQL: the column's value is one of a JSON list's (one parameter for any number)."""

_REPORTS = (
    "SELECT e.article_id, e.event_id, e.type, e.status, e.source, e.target, "
    "e.source_country, e.target_country, coalesce(e.date, a.published) AS date, "
    "e.cluster_id, src.canonical_id AS source_canonical, tgt.canonical_id AS target_canonical "
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN actors src ON src.article_id = e.article_id AND src.actor_id = e.source "
    "LEFT JOIN actors tgt ON tgt.article_id = e.article_id AND tgt.actor_id = e.target "
)
"""Reports as clustering reads them (``linking.placed``), with their stored cluster."""


def link_batch(db: sqlite3.Connection, articles: list[str], kb: KnowledgeBase | None) -> None:
    """Link queued articles against the linked ones, in the caller's transaction."""
    batch = json.dumps(articles)
    actors = _link_actors(db, batch, kb)
    events = _place_events(db, set(articles), actors.moves)
    actors.write(db, kb)
    events.write(db)
    db.execute(f"DELETE FROM unlinked WHERE article_id {_IN_BATCH}", (batch,))


def forget(db: sqlite3.Connection) -> None:
    """Forget every link and queue every article, in the caller's transaction."""
    for statement in (
        "DELETE FROM canonical_actors",
        "DELETE FROM event_clusters",
        "DELETE FROM actor_key_names",
        "DELETE FROM actor_keys",
        "UPDATE actors SET key_id = NULL, canonical_id = NULL",
        "UPDATE events SET link_key = NULL, link_day = NULL, cluster_id = NULL",
        "INSERT OR IGNORE INTO unlinked SELECT id FROM articles",
    ):
        db.execute(statement)


# -- actors ----------------------------------------------------------------------------
@dataclass(slots=True)
class _ActorChanges:
    """What a batch changes of the canonical actors: the article actors that move (from
    none, for the batch's own), with their new canonical actor; the canonical actors to
    write again; the groups of those that may be new; and the articles each gains (or
    loses, when negative)."""

    moves: dict[Member, str] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)
    groups: dict[str, Group] = field(default_factory=dict)
    articles: Counter[str] = field(default_factory=Counter)

    def write(self, db: sqlite3.Connection, kb: KnowledgeBase | None) -> None:
        db.executemany(
            "UPDATE actors SET canonical_id = ? WHERE article_id = ? AND actor_id = ?",
            [(canonical, *member) for member, canonical in self.moves.items()],
        )
        for identifier in sorted(self.touched):
            self._write_canonical(db, identifier, kb)

    def _write_canonical(
        self, db: sqlite3.Connection, identifier: str, kb: KnowledgeBase | None
    ) -> None:
        rows = db.execute(
            "SELECT n.name, n.sector, sum(n.members) FROM actor_keys k "
            "JOIN actor_key_names n ON n.key_id = k.id WHERE k.canonical_id = ? "
            "GROUP BY n.name, n.sector",
            (identifier,),
        )
        tallies = Counter({(name, sector or None): count for name, sector, count in rows})
        if not tallies:
            db.execute("DELETE FROM canonical_actors WHERE id = ?", (identifier,))
            return
        stored = db.execute(
            "SELECT type, country, articles FROM canonical_actors WHERE id = ?", (identifier,)
        ).fetchone()
        if stored is None:
            kind, _, country = self.groups[identifier]
            articles = 0
        else:
            kind, country, articles = stored
        name, sector, variants = describe(kind, country, tallies, kb)
        db.execute(
            "INSERT OR REPLACE INTO canonical_actors VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                identifier,
                kind,
                name,
                country,
                sector,
                json.dumps(variants),
                articles + self.articles[identifier],
            ),
        )


class _StoredKeys:
    """``linking.KeyIndex`` over the table ``actor_keys``."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def countries(self, kind: str, name: str) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT country, members FROM actor_keys WHERE type = ? AND name = ?", (kind, name)
        )
        return dict(rows.fetchall())

    def claimants(self, word: str, country: str) -> set[str]:
        names: set[str] = set()
        of_country = " AND country = ?" if country else ""
        for column in ("first_word", "last_word"):
            rows = self.db.execute(
                f"SELECT DISTINCT name FROM actor_keys WHERE {column} = ?{of_country} LIMIT 2",
                (word, country) if country else (word,),
            )
            names.update(name for (name,) in rows)
        return names


def _link_actors(db: sqlite3.Connection, batch: str, kb: KnowledgeBase | None) -> _ActorChanges:
    """Count the batch's article actors under their keys, resolve the keys the batch can
    change, and move the article actors of each key whose canonical actor changed."""
    rows = db.execute(
        "SELECT article_id, actor_id, type, name, country, sector FROM actors "
        f"WHERE article_id {_IN_BATCH}",
        (batch,),
    ).fetchall()
    keyed = [((r["article_id"], r["actor_id"]), dict(r), actor_key(dict(r), kb)) for r in rows]
    counted = _count_keys(db, keyed)
    db.executemany(
        "UPDATE actors SET key_id = ? WHERE article_id = ? AND actor_id = ?",
        [(counted[key][0], *member) for member, _, key in keyed],
    )
    changes = _ActorChanges()
    resolver = Resolver(_StoredKeys(db))
    canonical: dict[ActorKey, str] = {}
    for key_id, key, old in _keys_to_resolve(db, counted):
        group = resolver.group(key)
        canonical[key] = new = group_id(*group)
        if new == old:
            continue
        db.execute("UPDATE actor_keys SET canonical_id = ? WHERE id = ?", (new, key_id))
        changes.groups[new] = group
        changes.touched |= {new, old} - {""}
        members = db.execute("SELECT article_id, actor_id FROM actors WHERE key_id = ?", (key_id,))
        changes.moves.update({(article, actor): new for article, actor in members})
    for member, _, key in keyed:
        changes.moves[member] = canonical[key]
        changes.touched.add(canonical[key])
    changes.articles = _articles_gained(db, changes.moves)
    return changes


def _count_keys(
    db: sqlite3.Connection, keyed: list[tuple[Member, dict[str, Any], ActorKey]]
) -> dict[ActorKey, tuple[int, str]]:
    """Count the batch's article actors under their keys, and their names and sectors;
    the id and stored canonical actor of each key ("" for a key new to the store)."""
    ids = {}
    for key, count in Counter(key for _, _, key in keyed).items():
        first, last = key.edge_words or (None, None)
        ids[key] = db.execute(
            "INSERT INTO actor_keys (type, name, country, first_word, last_word, members, "
            "canonical_id) VALUES (?, ?, ?, ?, ?, ?, '') ON CONFLICT (type, name, country) "
            "DO UPDATE SET members = members + excluded.members RETURNING id, canonical_id",
            (key.type, key.name, key.country, first, last, count),
        ).fetchone()
    names = Counter((ids[key][0], row["name"], row["sector"] or "") for _, row, key in keyed)
    db.executemany(
        "INSERT INTO actor_key_names VALUES (?, ?, ?, ?) ON CONFLICT (key_id, name, sector) "
        "DO UPDATE SET members = members + excluded.members",
        [(*name, count) for name, count in names.items()],
    )
    return ids


def _keys_to_resolve(
    db: sqlite3.Connection, batch: dict[ActorKey, tuple[int, str]]
) -> Iterator[tuple[int, ActorKey, str]]:
    """The keys whose canonical actor the batch can change, with their id and stored
    canonical actor ("" for a new key). A key with a country is its own group unless it
    is a one-word person name, so these are: the batch's keys; the key without a
    country of each of their names, which follows the counts by country; and the one-word
    person names that can claim a full name of the batch by its first or last word:
    without a country (the name's counts matter), and of the full name's country when
    the batch is the first to give the name that country."""
    wanted: dict[ActorKey, tuple[int, str] | None] = dict(batch)
    for key, (_, stored) in batch.items():
        wanted.setdefault(ActorKey(key.type, key.name), None)
        for word in key.edge_words or ():
            wanted.setdefault(ActorKey("person", word), None)
            if key.country and not stored:
                wanted.setdefault(ActorKey("person", word, key.country), None)
    for key, known in sorted(wanted.items()):
        if known is None:
            known = db.execute(
                "SELECT id, canonical_id FROM actor_keys WHERE type = ? AND name = ? "
                "AND country = ?",
                (key.type, key.name, key.country),
            ).fetchone()
        if known is not None:
            yield known[0], key, known[1]


def _articles_gained(db: sqlite3.Connection, moves: dict[Member, str]) -> Counter[str]:
    """For each canonical actor, the articles it names once the moves are made less those
    it named before, over the articles of the moved article actors."""
    gained: Counter[str] = Counter()
    articles = json.dumps(sorted({article for article, _ in moves}))
    rows = db.execute(
        "SELECT article_id, actor_id, canonical_id FROM actors "
        f"WHERE article_id {_IN_BATCH} ORDER BY article_id",
        (articles,),
    )
    for article, members in groupby(rows, key=lambda row: row[0]):
        both = [
            (canonical, moves.get((article, actor), canonical)) for _, actor, canonical in members
        ]
        before = {old for old, _ in both if old}
        after = {new for _, new in both if new}
        gained.update(after - before)
        gained.subtract(before - after)
    return gained


# -- events ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=1 << 16)
def key_hash(key: ClusterKey) -> int:
    """A cluster key as the 64-bit number stored in ``events.link_key``."""
    digest = hashlib.blake2b(json.dumps(key).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(slots=True)
class _EventChanges:
    """Where the batch's reports and the reports whose actors moved now are (key, day),
    the cluster of every report whose cluster changed, and the clusters to write again."""

    placements: dict[Member, tuple[int | None, int | None]] = field(default_factory=dict)
    clusters: dict[Member, str] = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)

    def write(self, db: sqlite3.Connection) -> None:
        db.executemany(
            "UPDATE events SET link_key = ?, link_day = ?, cluster_id = ? "
            "WHERE article_id = ? AND event_id = ?",
            [(*placement, self.clusters[r], *r) for r, placement in self.placements.items()],
        )
        db.executemany(
            "UPDATE events SET cluster_id = ? WHERE article_id = ? AND event_id = ?",
            [(c, *r) for r, c in self.clusters.items() if r not in self.placements],
        )
        for identifier in sorted(self.touched):
            _write_cluster(db, identifier)


def _place_events(
    db: sqlite3.Connection, batch: set[str], moves: dict[Member, str]
) -> _EventChanges:
    """Cluster the batch's reports and those whose actors moved (read before the moves
    are written, so the store still holds the clusters as they were)."""
    changes = _EventChanges()
    removed: dict[ClusterKey, list[Report]] = defaultdict(list)
    inserted: dict[ClusterKey, list[Report]] = defaultdict(list)
    articles = json.dumps(sorted(batch | {article for article, _ in moves}))
    for row in db.execute(_REPORTS + f"WHERE e.article_id {_IN_BATCH}", (articles,)):
        report = dict(row)
        member = (report["article_id"], report["event_id"])
        source = moves.get((member[0], report["source"]))
        target = moves.get((member[0], report["target"]))
        linked = member[0] not in batch
        if linked and source is None and target is None:
            continue
        now = {
            **report,
            "source_canonical": source or report["source_canonical"],
            "target_canonical": target or report["target_canonical"],
        }
        new, old = placed(now), placed(report, report["cluster_id"]) if linked else None
        changes.placements[member] = (key_hash(new.key) if new else None, report_day(now))
        if linked:
            changes.clusters[member] = report["cluster_id"]
            changes.touched.add(report["cluster_id"])
        if new is not None and old is not None and (new.key, new.named) == (old.key, old.named):
            continue
        if old is not None:
            removed[old.key].append(old)
        if new is not None:
            inserted[new.key].append(new)
        else:
            changes.clusters[member] = cluster_id(*member)
            changes.touched.add(changes.clusters[member])
    for key in sorted(removed.keys() | inserted.keys(), key=key_hash):
        for report, chosen in _replay(db, key, removed[key], inserted[key]):
            changes.clusters[report.position[1:]] = chosen
            changes.touched |= {chosen, report.cluster} - {None}
    return changes


def _replay(
    db: sqlite3.Connection, key: ClusterKey, removed: list[Report], inserted: list[Report]
) -> Iterator[tuple[Report, str]]:
    """Place a key's reports again from each change (a report removed or inserted), from
    the stored clusters open then, until the replay's open clusters are the stored ones
    again; each report whose cluster is new or changed, with its cluster."""
    history = _History(db, key)
    gone = {report.position for report in removed}
    arriving = sorted(inserted, key=lambda report: report.position)
    changed = gone | {report.position for report in arriving}
    changes = sorted(changed)
    at = 0
    while at < len(changes):
        start = changes[at]
        before, after = history.around(start)
        stored = Timeline()
        for report in before:
            stored.follow(report)
        replayed = stored.copy()
        at = len(changes)
        news = [report for report in arriving if report.position >= start]
        for position, old, new in _merged(after, news, gone):
            if position not in changed:
                stored.close(position[0])
                replayed.close(position[0])
                if stored.state() == replayed.state():
                    at = bisect.bisect_right(changes, position)
                    break
            if old is not None:
                stored.follow(old)
            if new is not None:
                chosen = replayed.join(new)
                if chosen != new.cluster:
                    yield new, chosen


def _merged(
    stored: Iterable[Report], arriving: list[Report], gone: set[Position]
) -> Iterator[tuple[Position, Report | None, Report | None]]:
    """Each place of a key's timeline in order, with its report as stored (or None) and as
    it is now (or None)."""
    incoming = iter(arriving)
    coming = next(incoming, None)
    for old in stored:
        while coming is not None and coming.position < old.position:
            yield coming.position, None, coming
            coming = next(incoming, None)
        if coming is not None and coming.position == old.position:
            yield old.position, old, coming
            coming = next(incoming, None)
        else:
            yield old.position, old, None if old.position in gone else old
    while coming is not None:
        yield coming.position, None, coming
        coming = next(incoming, None)


class _History:
    """The stored reports of one key, read by ranges of days as the replay needs them."""

    def __init__(self, db: sqlite3.Connection, key: ClusterKey) -> None:
        self.db = db
        self.key = key
        self.hash = key_hash(key)

    def around(self, start: Position) -> tuple[list[Report], Iterator[Report]]:
        """The stored reports that can be in a cluster still open at ``start``, and those
        from ``start`` on, read as the replay goes on."""
        near = self._read(start[0] - CLUSTER_DAYS, start[0] + CLUSTER_DAYS)
        before = [report for report in near if report.position < start]
        return before, self._after([report for report in near if report.position >= start], start)

    def _after(self, near: list[Report], start: Position) -> Iterator[Report]:
        yield from near
        day, span = start[0] + CLUSTER_DAYS + 1, 2 * (CLUSTER_DAYS + 1)
        while True:
            (day,) = self.db.execute(
                "SELECT min(link_day) FROM events WHERE link_key = ? AND link_day >= ?",
                (self.hash, day),
            ).fetchone()
            if day is None:
                return
            yield from self._read(day, day + span - 1)
            day, span = day + span, span * 2

    def _read(self, first: int, last: int) -> list[Report]:
        rows = self.db.execute(
            "SELECT e.type, e.status, e.link_day, e.article_id, e.event_id, e.source_country, "
            "src.canonical_id, e.target_country, tgt.canonical_id, e.cluster_id FROM events e "
            "LEFT JOIN actors src ON src.article_id = e.article_id AND src.actor_id = e.source "
            "LEFT JOIN actors tgt ON tgt.article_id = e.article_id AND tgt.actor_id = e.target "
            "WHERE e.link_key = ? AND e.link_day BETWEEN ? AND ?",
            (self.hash, first, last),
        )
        reports = [
            place(kind, status, (day, article, event), (country, source), (other, target), cluster)
            for kind, status, day, article, event, country, source, other, target, cluster in rows
        ]
        return sorted(
            (r for r in reports if r is not None and r.key == self.key),
            key=lambda report: report.position,
        )


def _write_cluster(db: sqlite3.Connection, identifier: str) -> None:
    """Write a cluster's row again from its reports (its first report is its earliest)."""
    first = db.execute(
        _REPORTS + "WHERE e.cluster_id = ? ORDER BY e.link_day, e.article_id, e.event_id LIMIT 1",
        (identifier,),
    ).fetchone()
    if first is None:
        db.execute("DELETE FROM event_clusters WHERE id = ?", (identifier,))
        return
    reports, articles = db.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM events WHERE cluster_id = ?",
        (identifier,),
    ).fetchone()
    db.execute(
        "INSERT OR REPLACE INTO event_clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            identifier,
            first["type"],
            first["status"],
            first["source_country"],
            first["target_country"],
            first["source_canonical"],
            first["target_canonical"],
            first["date"],
            first["article_id"],
            first["event_id"],
            reports,
            articles,
        ),
    )
