"""The store: analysed articles in SQLite, one transaction per article.

The database holds articles, actors and their mentions, quotes (with an FTS5 index on
their text and speaker), events with their evidence, and the inputs that were skipped
or failed with the reason. An article's id is the hash of its text, so storing the same
article twice changes nothing, and a run killed half-way loses only the article it was
writing. Each new article waits in the table ``unlinked`` until ``link`` links it to the
stored ones (canonical actors, event clusters; ``detente.linker``). The schema is
versioned (``PRAGMA user_version``) and upgraded by the migrations in ``MIGRATIONS`` when
an older database is opened.

Only a store opened with ``create=True`` (``detente ingest``, ``serve --create``) makes a
database file; every other opening of a missing one is ``NoDatabase``. The faults SQLite
meets (a read-only file, folder or file system, a full disk, another process writing)
are translated here into coded ``StoreError``s, and a file deleted, replaced or truncated
under a run is caught before the next write, which SQLite would otherwise make to a
file that is no longer the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from detente.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseGone,
    DiskFull,
    NoDatabase,
    NotWritable,
    StoreError,
)
from detente.kb import KnowledgeBase
from detente.linker import LINK_BATCH, forget, link_batch
from detente.model import Article
from detente.validation import calendar_date

DEFAULT_DB = "detente.db"
IN_MEMORY = Path(":memory:")

BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write transaction to end before giving
up with ``DatabaseBusy``."""

MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, path TEXT, url TEXT, title TEXT, published TEXT,
        outlet TEXT, authors TEXT NOT NULL, language TEXT NOT NULL, text TEXT NOT NULL,
        added TEXT NOT NULL
    );
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
        sector TEXT, role TEXT, affiliation TEXT, coding TEXT NOT NULL,
        PRIMARY KEY (article_id, actor_id)
    );
    CREATE TABLE mentions (
        article_id TEXT NOT NULL, actor_id TEXT NOT NULL, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, text TEXT NOT NULL,
        FOREIGN KEY (article_id, actor_id) REFERENCES actors(article_id, actor_id)
            ON DELETE CASCADE
    );
    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, speaker TEXT, speaker_name TEXT,
        speaker_country TEXT, cue TEXT, channel TEXT, rule TEXT,
        UNIQUE (article_id, quote_id)
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, status TEXT NOT NULL,
        source TEXT, target TEXT, source_country TEXT, target_country TEXT,
        date TEXT, location TEXT, intensity REAL NOT NULL, confidence REAL NOT NULL,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        evidence TEXT NOT NULL, rule TEXT NOT NULL, trigger TEXT,
        PRIMARY KEY (article_id, event_id)
    );
    CREATE INDEX events_dyad ON events(source_country, target_country, date);
    CREATE INDEX events_type ON events(type, status);
    CREATE TABLE failures (
        source TEXT NOT NULL, reason TEXT NOT NULL, recorded TEXT NOT NULL,
        PRIMARY KEY (source, reason)
    );
    """,
    """
    ALTER TABLE actors ADD COLUMN canonical_id TEXT;
    CREATE INDEX actors_canonical ON actors(canonical_id);
    CREATE TABLE canonical_actors (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
        sector TEXT, variants TEXT NOT NULL, articles INTEGER NOT NULL
    );
    ALTER TABLE events ADD COLUMN cluster_id TEXT;
    CREATE INDEX events_cluster ON events(cluster_id);
    CREATE TABLE event_clusters (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, status TEXT NOT NULL,
        source_country TEXT, target_country TEXT, source_actor TEXT, target_actor TEXT,
        first_date TEXT, first_article TEXT NOT NULL, first_event TEXT NOT NULL,
        reports INTEGER NOT NULL, articles INTEGER NOT NULL
    );
    """,
    """
    ALTER TABLE events ADD COLUMN date_source TEXT;
    ALTER TABLE events ADD COLUMN location_country TEXT;
    ALTER TABLE events ADD COLUMN lat REAL;
    ALTER TABLE events ADD COLUMN lon REAL;
    ALTER TABLE events ADD COLUMN location_precision TEXT;
    """,
    """
    CREATE TABLE unlinked (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE TABLE actor_keys (
        id INTEGER PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,
        country TEXT NOT NULL, first_word TEXT, last_word TEXT, members INTEGER NOT NULL,
        canonical_id TEXT NOT NULL, UNIQUE (type, name, country)
    );
    CREATE INDEX actor_keys_first_word ON actor_keys(first_word, country)
        WHERE first_word IS NOT NULL;
    CREATE INDEX actor_keys_last_word ON actor_keys(last_word, country)
        WHERE last_word IS NOT NULL;
    CREATE INDEX actor_keys_canonical ON actor_keys(canonical_id);
    CREATE TABLE actor_key_names (
        key_id INTEGER NOT NULL REFERENCES actor_keys(id), name TEXT NOT NULL,
        sector TEXT NOT NULL, members INTEGER NOT NULL, PRIMARY KEY (key_id, name, sector)
    ) WITHOUT ROWID;
    ALTER TABLE actors ADD COLUMN key_id INTEGER;
    CREATE INDEX actors_key ON actors(key_id);
    ALTER TABLE events ADD COLUMN link_key INTEGER;
    ALTER TABLE events ADD COLUMN link_day INTEGER;
    CREATE INDEX events_link ON events(link_key, link_day) WHERE link_key IS NOT NULL;
    DELETE FROM canonical_actors;
    DELETE FROM event_clusters;
    UPDATE actors SET canonical_id = NULL;
    UPDATE events SET cluster_id = NULL;
    INSERT INTO unlinked SELECT id FROM articles;
    """,
]
"""Schema migrations in order; the database's ``user_version`` counts those applied."""

DATE_SOURCE = (
    "CASE WHEN e.date IS NOT NULL THEN coalesce(e.date_source, 'text') "
    "WHEN a.published IS NOT NULL THEN 'article' END AS date_source"
)
"""Where an event's listed date comes from: ``text``, ``dateline`` or ``article``; an
event with no date of its own is listed at its article's date, and says so."""

CONTAINS = "LIKE ? ESCAPE '\\'"
"""SQL: the column holds the words of ``_contains(words)`` (ASCII letters in either case)."""


def default_path(path: str | None = None) -> Path:
    """``--db``, else ``$DETENTE_DB``, else ``./detente.db``."""
    return Path(path or os.environ.get("DETENTE_DB") or DEFAULT_DB)


def count_articles(path: str | Path) -> int:
    """The number of articles in a store, read without locking or creating it, so another
    process can watch a run in progress; 0 when there is no readable store yet."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


@dataclass(frozen=True, slots=True)
class Filters:
    """Query filters; empty fields filter nothing. ``since`` and ``until`` are real
    calendar dates (``InvalidDate`` otherwise); ``name`` and ``speaker`` match as
    written, ``%`` and ``_`` included."""

    dyad: tuple[str, str] | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    name: str | None = None
    speaker: str | None = None
    search: str | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                calendar_date(name, value)


def why_not_writable(path: Path, otherwise: str) -> str:
    """Why this process's user may not write the file at ``path``, as a phrase; else
    ``otherwise``."""
    try:
        read_only_mount = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return otherwise
    if read_only_mount:
        return "the file system is mounted read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only for this user"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only for this user"
    return otherwise


def _connect(path: Path, create: bool, busy_timeout: float) -> sqlite3.Connection:
    """A connection to the database at ``path``; without ``create``, one that cannot make
    the file (SQLite's ``mode=rw``)."""
    if create:
        return sqlite3.connect(path, timeout=busy_timeout)
    uri = f"{path.resolve().as_uri()}?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout)


def _no_space(path: Path) -> bool:
    """Whether the file system of ``path`` has no free block: SQLite reports a full disk
    met while sizing its -shm file as an I/O error."""
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


class Store:
    """An SQLite database of analysed articles, at a path where one exists, or made
    there with ``create=True``."""

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        self.busy_timeout = BUSY_TIMEOUT
        try:
            self.db = _connect(self.path, create, self.busy_timeout)
        except sqlite3.Error as exc:
            raise self._open_fault(exc, create) from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.Error as exc:
            self.db.close()
            raise self._open_fault(exc, create) from None
        self._seen = None if self.path == IN_MEMORY else os.stat(self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------
    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _open_fault(self, exc: sqlite3.Error, create: bool) -> StoreError:
        if not create and not self.path.exists():
            return NoDatabase(path=self.path)
        code = _primary_code(exc)
        if code == sqlite3.SQLITE_NOTADB:
            return StoreError(f"{self.path}: not a detente database ({exc})")
        if code == sqlite3.SQLITE_CANTOPEN:
            cause = why_not_writable(self.path, otherwise="")
            if cause:
                return NotWritable(path=self.path, cause=cause)
            return StoreError(f"{self.path}: cannot open the database ({exc})")
        return self._fault(exc)

    def _fault(self, exc: sqlite3.Error) -> StoreError:
        """SQLite's error as the coded one that names the file and the cause."""
        code = _primary_code(exc)
        if code == sqlite3.SQLITE_READONLY:
            cause = why_not_writable(self.path, otherwise="SQLite may only read it")
            return NotWritable(path=self.path, cause=cause)
        if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _no_space(self.path)):
            return DiskFull(path=self.path)
        if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return DatabaseBusy(path=self.path, seconds=self.busy_timeout)
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return DatabaseDamaged(path=self.path, problem=f"the database is damaged ({exc})")
        return StoreError(f"{self.path}: {exc}")

    def _check_file(self) -> None:
        """Stop before writing when the file was deleted, replaced or truncated since it
        was opened: SQLite would go on writing to what is no longer the store."""
        if self._seen is None:
            return
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            raise DatabaseGone(path=self.path) from None
        if (now.st_dev, now.st_ino) != (self._seen.st_dev, self._seen.st_ino):
            raise DatabaseGone(path=self.path)
        if now.st_size < self._seen.st_size:
            raise DatabaseDamaged(path=self.path, problem="the database was truncated while in use")
        self._seen = now

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction, after checking the file is still the store; it is
        rolled back whole on a fault, which is raised as a coded ``StoreError``."""
        self._check_file()
        try:
            with self.db:
                yield
        except sqlite3.Error as exc:
            raise self._fault(exc) from None

    def check_writable(self) -> None:
        """Fail now, before any work, when the store cannot be written: read-only for this
        user, a full disk, or another process writing for longer than ``busy_timeout``."""
        with self._writing():
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(f"PRAGMA user_version = {self.version}")

    def migrate(self) -> None:
        version = self.version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this detente "
                f"({len(MIGRATIONS)}); upgrade detente"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db:
                self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number};")

    # -- writing -----------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def ids(self) -> set[str]:
        """The ids of the stored articles."""
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

    def add(self, article: Article) -> bool:
        """Store an article and everything found in it; False if it was already there."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        names = {a.id: a for a in article.actors}
        with self._writing():
            if self.has(article.id):
                return False
            self.db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.path,
                    article.url,
                    article.title,
                    article.published,
                    article.outlet,
                    json.dumps(article.authors, ensure_ascii=False),
                    article.language,
                    article.text,
                    now,
                ),
            )
            self.db.execute("INSERT INTO unlinked VALUES (?)", (article.id,))
            for actor in article.actors:
                self.db.execute(
                    "INSERT INTO actors (article_id, actor_id, type, name, country, sector, "
                    "role, affiliation, coding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        actor.id,
                        actor.type,
                        actor.name,
                        actor.country,
                        actor.sector,
                        actor.role,
                        actor.affiliation,
                        json.dumps({k: c.to_dict() for k, c in actor.coding.items()}),
                    ),
                )
                self.db.executemany(
                    "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
                    [(article.id, actor.id, m.start, m.end, m.text) for m in actor.mentions],
                )
            for quote in article.quotes:
                speaker = names.get(quote.speaker or "")
                cursor = self.db.execute(
                    'INSERT INTO quotes (article_id, quote_id, kind, text, start, "end", '
                    "speaker, speaker_name, speaker_country, cue, channel, rule) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        quote.id,
                        quote.kind,
                        quote.text,
                        quote.start,
                        quote.end,
                        quote.speaker,
                        speaker.name if speaker else quote.speaker_text,
                        speaker.country if speaker else None,
                        quote.cue,
                        quote.channel,
                        quote.rule,
                    ),
                )
                self.db.execute(
                    "INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (?, ?, ?)",
                    (cursor.lastrowid, quote.text, speaker.name if speaker else ""),
                )
            for event in article.events:
                self.db.execute(
                    "INSERT INTO events (article_id, event_id, type, mode, status, source, "
                    "target, source_country, target_country, date, location, intensity, "
                    'confidence, evidence_start, evidence_end, evidence, rule, "trigger", '
                    "date_source, location_country, lat, lon, location_precision) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        event.id,
                        event.type,
                        event.mode,
                        event.status,
                        event.source,
                        event.target,
                        event.source_country,
                        event.target_country,
                        event.date,
                        event.location,
                        event.intensity,
                        event.confidence,
                        event.evidence.start,
                        event.evidence.end,
                        event.evidence.text,
                        event.rule,
                        event.trigger.text if event.trigger else None,
                        event.date_source,
                        event.location_country,
                        event.lat,
                        event.lon,
                        event.location_precision,
                    ),
                )
        return True

    def link(self, kb: KnowledgeBase | None = None) -> int:
        """Link the articles stored since the last link (canonical actors, event
        clusters) against those linked, ``LINK_BATCH`` articles per transaction; returns
        the number of articles linked. The cost grows with the articles linked, not with
        the store, and the result is the same whatever the order and batches the
        articles came in (``detente.linker``)."""
        linked = 0
        while True:
            with self._writing():
                self.db.execute("BEGIN IMMEDIATE")  # one linker at a time reads the state
                batch = [
                    article
                    for (article,) in self.db.execute(
                        "SELECT article_id FROM unlinked ORDER BY article_id LIMIT ?",
                        (LINK_BATCH,),
                    )
                ]
                if batch:
                    link_batch(self.db, batch, kb)
            linked += len(batch)
            if len(batch) < LINK_BATCH:
                return linked

    def relink(self, kb: KnowledgeBase | None = None) -> int:
        """Forget every link and link every article again (``detente relink``): needed
        only when the knowledge base that names actors changed. A run stopped half-way
        goes on at the next ``link``. Returns the number of articles linked."""
        with self._writing():
            forget(self.db)
        return self.link(kb)

    def link_counts(self) -> tuple[int, int]:
        """The numbers of canonical actors and of event clusters (distinct events)."""
        tables = ("canonical_actors", "event_clusters")
        actors, clusters = (
            self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables
        )
        return actors, clusters

    def record_failure(self, source: str, reason: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._writing():
            self.db.execute(
                "INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", (source, reason, now)
            )

    # -- reading -----------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        tables = ("articles", "actors", "quotes", "events", "failures")
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def articles(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT a.id, a.published, a.title, a.outlet, a.path, a.url, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
            "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes "
            "FROM articles a ORDER BY a.published, a.id"
        )
        return [dict(r) for r in rows]

    def events(self, filters: Filters, by: str = "report") -> list[dict[str, Any]]:
        """Event reports matching the filters; ``by="cluster"`` gives one row per
        real-world event (its first report) with its numbers of reports and articles."""
        where, args = [], []
        if filters.dyad:
            first, second = filters.dyad
            where.append(
                "((e.source_country = ? AND e.target_country = ?) "
                "OR (e.source_country = ? AND e.target_country = ?))"
            )
            args += [first, second, second, first]
        for column, value in (("type", filters.type), ("status", filters.status)):
            if value:
                where.append(f"e.{column} = ?")
                args.append(value.upper() if column == "type" else value.lower())
        if filters.since:
            where.append("coalesce(e.date, a.published) >= ?")
            args.append(filters.since)
        if filters.until:
            where.append("substr(coalesce(e.date, a.published), 1, ?) <= ?")
            args += [len(filters.until), filters.until]
        if filters.min_confidence is not None:
            where.append("e.confidence >= ?")
            args.append(filters.min_confidence)
        if by == "cluster":
            where.append(
                "(c.id IS NULL OR (c.first_article = e.article_id AND c.first_event = e.event_id))"
            )
        sql = (
            "SELECT e.article_id, e.event_id, e.cluster_id, coalesce(e.date, a.published) AS date, "
            f"{DATE_SOURCE}, e.type, e.mode, e.status, e.source_country, e.target_country, "
            "src.name AS source_name, tgt.name AS target_name, "
            "src.canonical_id AS source_actor, tgt.canonical_id AS target_actor, e.location, "
            "e.intensity, e.confidence, e.rule, e.evidence, "
            "coalesce(c.reports, 1) AS reports, coalesce(c.articles, 1) AS articles "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN event_clusters c ON c.id = e.cluster_id "
            "LEFT JOIN actors src ON src.article_id = e.article_id AND src.actor_id = e.source "
            "LEFT JOIN actors tgt ON tgt.article_id = e.article_id AND tgt.actor_id = e.target"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date, e.article_id, e.event_id"
        return [dict(r) for r in self.db.execute(sql, args)]

    def country_codes(self) -> set[str]:
        """The country codes of the stored actors and events."""
        rows = self.db.execute(
            "SELECT country FROM actors UNION SELECT source_country FROM events "
            "UNION SELECT target_country FROM events"
        )
        return {code for (code,) in rows if code}

    def actors(self, filters: Filters) -> list[dict[str, Any]]:
        """Canonical actors (one per real actor across articles) matching the filters."""
        where, args = [], []
        if filters.country:
            where.append("c.country = ?")
            args.append(filters.country.upper())
        if filters.name:
            where.append(f"(c.name {CONTAINS} OR c.variants {CONTAINS})")
            args += [_contains(filters.name)] * 2
        sql = (
            "SELECT c.id, c.name, c.type, c.country, c.sector, "
            "group_concat(DISTINCT a.role) AS roles, c.articles, c.variants "
            "FROM canonical_actors c JOIN actors a ON a.canonical_id = c.id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY c.id ORDER BY c.articles DESC, c.name"
        return [dict(r) for r in self.db.execute(sql, args)]

    def quotes(self, filters: Filters) -> list[dict[str, Any]]:
        where, args = [], []
        sql = (
            "SELECT q.article_id, q.quote_id, a.published, q.kind, q.speaker_name, "
            "q.speaker_country, s.canonical_id AS speaker_id, q.text FROM quotes q "
            "JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN actors s ON s.article_id = q.article_id AND s.actor_id = q.speaker"
        )
        if filters.search:
            sql += " JOIN quotes_fts f ON f.rowid = q.rowid"
            where.append("quotes_fts MATCH ?")
            args.append(_fts_query(filters.search))
        if filters.speaker:
            where.append(f"q.speaker_name {CONTAINS}")
            args.append(_contains(filters.speaker))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.published, q.article_id, q.start"
        return [dict(r) for r in self.db.execute(sql, args)]

    def digest(self) -> dict[str, str]:
        """A hash of each table's content, without the times rows were written or
        SQLite's row numbers: two stores of the same articles have the same digests."""
        out = {}
        for table, columns in _CONTENT_COLUMNS.items():
            rows = self.db.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(columns)}"
            )
            digest = hashlib.sha256()
            for row in rows:
                digest.update(json.dumps(list(row), ensure_ascii=False).encode())
            out[table] = digest.hexdigest()[:16]
        return out

    def failures(self) -> Iterator[tuple[str, str]]:
        for row in self.db.execute("SELECT source, reason FROM failures ORDER BY recorded"):
            yield row["source"], row["reason"]


_CONTENT_COLUMNS = {
    "articles": ["id", "path", "url", "title", "published", "outlet", "authors", "text"],
    "actors": ["article_id", "actor_id", "canonical_id", "type", "name", "country", "coding"],
    "mentions": ["article_id", "actor_id", "start", '"end"'],
    "quotes": ["article_id", "quote_id", "kind", "start", '"end"', "speaker", "speaker_name"],
    "events": [
        "article_id",
        "event_id",
        "cluster_id",
        "link_key",
        "link_day",
        "type",
        "status",
        "source",
        "target",
    ],
    "actor_keys": ["type", "name", "country", "members", "canonical_id"],
    "canonical_actors": ["id", "type", "name", "country", "sector", "variants", "articles"],
    "event_clusters": ["id", "first_article", "first_event", "reports", "articles"],
    "failures": ["source", "reason"],
}
"""The columns that make two stores the same (``Store.digest``)."""


def _contains(words: str) -> str:
    """The LIKE pattern of a column holding ``words`` as written: the wildcards ``%``
    and ``_`` in them, and the escape character, match only themselves."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_query(words: str) -> str:
    """Words as an FTS5 query of quoted terms, so user text is never FTS syntax; control
    characters (a NUL ends SQLite's reading of the query) are spaces."""
    words = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in words)
    terms = [w.replace('"', '""') for w in words.split() if w.strip()]
    return " ".join(f'"{t}"' for t in terms) or '""'


EXPORT_TABLES = {
    "articles": "SELECT id, path, url, title, published, outlet, authors, language "
    "FROM articles ORDER BY published, id",
    "actors": "SELECT article_id, actor_id, canonical_id, type, name, country, sector, role, "
    "affiliation FROM actors ORDER BY article_id, actor_id",
    "quotes": 'SELECT article_id, quote_id, kind, text, start, "end", speaker, speaker_name, '
    "speaker_country, cue, channel, rule FROM quotes ORDER BY article_id, start",
    "events": "SELECT e.article_id, e.event_id, coalesce(e.date, a.published) AS date, "
    f"{DATE_SOURCE}, e.type, "
    "e.mode, e.status, e.source, e.target, e.source_country, e.target_country, e.location, "
    "e.location_country, e.lat, e.lon, e.location_precision, "
    "e.intensity, e.confidence, e.evidence_start, e.evidence_end, e.evidence, e.rule, e.trigger, "
    "e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.article_id, e.event_id",
}
"""The flat tables ``detente export`` writes, one file each."""


def export_rows(store: Store, table: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.db.execute(EXPORT_TABLES[table])]
