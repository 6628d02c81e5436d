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

import base64
import datetime as dt
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from detente.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseGone,
    DiskFull,
    InvalidCursor,
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
    ALTER TABLE events ADD COLUMN listed_date TEXT NOT NULL DEFAULT '';
    UPDATE events SET listed_date = coalesce(
        date, (SELECT published FROM articles a WHERE a.id = events.article_id), ''
    );
    DROP INDEX IF EXISTS events_dyad;
    DROP INDEX IF EXISTS events_type;
    CREATE INDEX events_by_date ON events(listed_date, article_id, event_id);
    CREATE INDEX events_by_dyad ON events(
        min(source_country, target_country), max(source_country, target_country),
        listed_date, article_id, event_id,
        source_country, target_country, status, type, intensity, cluster_id
    );
    CREATE INDEX events_by_type ON events(type, listed_date, article_id, event_id, status);
    CREATE INDEX events_by_status ON events(status, listed_date, article_id, event_id);
    CREATE INDEX event_clusters_by_dyad ON event_clusters(
        min(source_country, target_country), max(source_country, target_country),
        first_date, source_country, target_country, type, status
    );
    CREATE INDEX event_clusters_by_type ON event_clusters(type, status, first_date);
    CREATE INDEX event_clusters_by_status ON event_clusters(status, first_date);
    CREATE INDEX event_clusters_by_date ON event_clusters(first_date);
    CREATE INDEX articles_by_date ON articles(published, id);
    CREATE INDEX canonical_actors_by_articles ON canonical_actors(articles DESC, name, id);
    CREATE INDEX canonical_actors_by_country
        ON canonical_actors(country, articles DESC, name, id);
    CREATE VIRTUAL TABLE quote_speakers USING fts5(
        speaker_name, content='quotes', content_rowid='rowid', tokenize='trigram',
        columnsize=0
    );
    INSERT INTO quote_speakers (quote_speakers) VALUES ('rebuild');
    CREATE TRIGGER quote_speakers_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quote_speakers (rowid, speaker_name) VALUES (new.rowid, new.speaker_name);
    END;
    CREATE TRIGGER quote_speakers_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quote_speakers (quote_speakers, rowid, speaker_name)
        VALUES ('delete', old.rowid, old.speaker_name);
    END;
    """,
    """
    CREATE VIRTUAL TABLE quotes_fts_index USING fts5(text, speaker_name, content='');
    INSERT INTO quotes_fts_index (rowid, text, speaker_name)
        SELECT rowid, text, speaker_name FROM quotes_fts;
    DROP TABLE quotes_fts;
    ALTER TABLE quotes_fts_index RENAME TO quotes_fts;
    UPDATE events SET evidence = '' WHERE evidence = (
        SELECT substr(a.text, evidence_start + 1, evidence_end - evidence_start)
        FROM articles a WHERE a.id = events.article_id
    );
    UPDATE quotes SET text = '' WHERE text = (
        SELECT substr(a.text, quotes.start + 1, quotes."end" - quotes.start)
        FROM articles a WHERE a.id = quotes.article_id
    );
    UPDATE mentions SET text = '' WHERE text = (
        SELECT substr(a.text, mentions.start + 1, mentions."end" - mentions.start)
        FROM articles a WHERE a.id = mentions.article_id
    );
    UPDATE actors SET coding = stored_coding(
        coding, (SELECT article_text(a.text) FROM articles a WHERE a.id = actors.article_id)
    );
    UPDATE articles SET text = packed_text(text);
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
"""Schema migrations in order; the database's ``user_version`` counts those applied.

The fourth serves the lists and series (see "Queries at scale" in docs/scaling.md): an
event's ``listed_date`` (its date, else its article's, else ``''``) is the sort key the
lists page by, one index per filter ends with the lists' sort order so a page is one
index range, and ``quote_speakers`` (a trigram index of the speakers' names, kept by
triggers) finds "part of a name" without reading every quote.

The fifth keeps the article's text once, compressed (``packed_text``; SQL reads it with
``article_text(a.text)``): the quotes' full-text index holds no copy of their words
(``content=''``), and a quote's words, an event's evidence, a mention's words and the
words behind an actor's code are read from the article's text when they are the text
between their offsets (stored as ``''``, or without ``text`` in the coding JSON).

The sixth links incrementally (see "Linking at scale" in docs/scaling.md): the linking
keys of actors and events, a queue of the articles not linked yet (``unlinked``), and
every stored article queued, so an upgraded store is linked anew by its next run."""

DATE_SOURCE = (
    "CASE WHEN e.date IS NOT NULL THEN coalesce(e.date_source, 'text') "
    "WHEN a.published IS NOT NULL THEN 'article' END AS date_source"
)
"""Where an event's listed date comes from: ``text``, ``dateline`` or ``article``; an
event with no date of its own is listed at its article's date, and says so."""

EVIDENCE = (
    "coalesce(nullif(e.evidence, ''), "
    "substr(article_text(a.text), e.evidence_start + 1, e.evidence_end - e.evidence_start)) "
    "AS evidence"
)
"""An event's evidence sentence: the article's text between its offsets, unless stored."""

QUOTE_TEXT = (
    "coalesce(nullif(q.text, ''), "
    'substr(article_text(a.text), q.start + 1, q."end" - q.start)) AS text'
)
"""A quote's words: the article's text between its offsets, unless stored (the words of
a quote interrupted by its attribution are not one stretch of the text)."""

CONTAINS = "LIKE ? ESCAPE '\\'"
"""SQL: the column holds the words of ``_contains(words)`` (ASCII letters in either case)."""


def packed_text(text: str | bytes) -> str | bytes:
    """An article's text as the store keeps it: compressed (zlib) when that is shorter,
    as news is (to about half), else as it is. Text already packed stays as it is, so
    the migration that packs is safe to meet a packed row."""
    if isinstance(text, bytes):
        return text
    data = text.encode()
    packed = zlib.compress(data)
    return packed if len(packed) < len(data) else text


@lru_cache(maxsize=256)
def article_text(stored: str | bytes) -> str:
    """An article's text from what ``packed_text`` kept. Registered as the SQL function
    ``article_text`` on every connection of a ``Store``; the rows of one article (its
    events, its quotes) come together, so the last texts read are kept."""
    return zlib.decompress(stored).decode() if isinstance(stored, bytes) else stored


def unless_sliced(words: str, text: str, start: int, end: int) -> str:
    """What the store keeps of ``words`` found at ``start:end`` of ``text``: nothing
    (``''``) when they are that slice of it, as a span's words are; else the words."""
    return "" if text[start:end] == words else words


def sliced(stored: str, text: str, start: int, end: int) -> str:
    """Words kept by ``unless_sliced``, read back."""
    return stored or text[start:end]


def stored_coding(coding: str, text: str) -> str:
    """An actor's coding JSON as the store keeps it: compact, and without the words of
    each code's span when they are the article's text between its offsets."""
    return _compact_coding(json.loads(coding), text)


def _compact_coding(codes: dict[str, dict[str, Any]], text: str) -> str:
    for code in codes.values():
        if "start" in code and code.get("text") == text[code["start"] : code["end"]]:
            del code["text"]
    return json.dumps(codes, separators=(",", ":"))


def coding_record(stored: str, text: str) -> dict[str, Any]:
    """An actor's coding as the record has it, from what ``stored_coding`` kept."""
    codes = json.loads(stored)
    for code in codes.values():
        if "start" in code and "text" not in code:
            code["text"] = text[code["start"] : code["end"]]
    return codes


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


def _connect(path: Path, create: bool, busy_timeout: float, any_thread: bool) -> sqlite3.Connection:
    """A connection to the database at ``path``; without ``create``, one that cannot make
    the file (SQLite's ``mode=rw``)."""
    same_thread = not any_thread
    if create:
        return sqlite3.connect(path, timeout=busy_timeout, check_same_thread=same_thread)
    uri = f"{path.resolve().as_uri()}?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=same_thread)


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

    def __init__(self, path: str | Path, *, create: bool = False, any_thread: bool = False) -> None:
        """``any_thread``: the connection may be closed from another thread than the one
        that opened it (it is still used by one thread at a time)."""
        self.path = Path(path)
        self.busy_timeout = BUSY_TIMEOUT
        try:
            self.db = _connect(self.path, create, self.busy_timeout, any_thread)
        except sqlite3.Error as exc:
            raise self._open_fault(exc, create) from None
        self.db.row_factory = sqlite3.Row
        for function, arguments in ((article_text, 1), (packed_text, 1), (stored_coding, 2)):
            self.db.create_function(function.__name__, arguments, function, deterministic=True)
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

    @property
    def data_version(self) -> int:
        """A number that changes whenever another connection, of this process or another,
        commits to the store (SQLite's ``PRAGMA data_version``)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def same_file(self) -> bool:
        """Whether the file at the store's path is still the one it opened (not deleted
        or replaced by another)."""
        return self._seen is None or self._file_now() is not None

    def _file_now(self) -> os.stat_result | None:
        """The file at the store's path, when it is still the one the store opened."""
        assert self._seen is not None, "a store in memory has no file"
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return None
        same = (now.st_dev, now.st_ino) == (self._seen.st_dev, self._seen.st_ino)
        return now if same else None

    def _check_file(self) -> None:
        """Stop before writing when the file was deleted, replaced or truncated since it
        was opened: SQLite would go on writing to what is no longer the store."""
        if self._seen is None:
            return
        now = self._file_now()
        if now is None:
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
                    packed_text(article.text),
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
                        _compact_coding(
                            {k: c.to_dict() for k, c in actor.coding.items()}, article.text
                        ),
                    ),
                )
                self.db.executemany(
                    "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
                    [
                        (
                            article.id,
                            actor.id,
                            m.start,
                            m.end,
                            unless_sliced(m.text, article.text, m.start, m.end),
                        )
                        for m in actor.mentions
                    ],
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
                        unless_sliced(quote.text, article.text, quote.start, quote.end),
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
                    "date_source, location_country, lat, lon, location_precision, listed_date) "
                    f"VALUES ({', '.join('?' * 24)})",
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
                        unless_sliced(
                            event.evidence.text,
                            article.text,
                            event.evidence.start,
                            event.evidence.end,
                        ),
                        event.rule,
                        event.trigger.text if event.trigger else None,
                        event.date_source,
                        event.location_country,
                        event.lat,
                        event.lon,
                        event.location_precision,
                        listed_date(event.date, article.published),
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

    def page(
        self,
        kind: str,
        filters: Filters | None = None,
        *,
        by: str = "report",
        limit: int | None = None,
        cursor: str | None = None,
        offset: int = 0,
        count: bool = False,
    ) -> Page:
        """A page of one of the lists (``events``, ``quotes``, ``actors``, ``articles``):
        at most ``limit`` rows (all without one) after the row ``cursor`` names (a page's
        ``next``; ``InvalidCursor`` for anything else) and ``offset`` more, read by an
        index range in the list's order. ``count`` also counts the rows the filters
        select; ``by`` is the events' (see ``events``)."""
        filters = filters or Filters()
        after = decode_cursor(kind, cursor) if cursor is not None else None
        fetched = None if limit is None else limit + 1
        sql, args = list_sql(kind, filters, by=by, after=after, limit=fetched, offset=offset)
        rows = [dict(r) for r in self.db.execute(sql, args)]
        keys = [tuple(row.pop(f"_k{i}") for i in range(len(KEY_TYPES[kind]))) for row in rows]
        more = limit is not None and len(rows) > limit
        total = None
        if count:
            total = int(self.db.execute(*count_sql(kind, filters, by=by)).fetchone()[0])
        following = encode_cursor(kind, keys[limit - 1]) if more and limit else None
        return Page(rows[:limit], total, following)

    def articles(self) -> list[dict[str, Any]]:
        """Every article by date, with its numbers of events and quotes."""
        return self.page("articles").items

    def events(self, filters: Filters, by: str = "report") -> list[dict[str, Any]]:
        """Event reports matching the filters; ``by="cluster"`` gives one row per
        real-world event (its first report) with its numbers of reports and articles."""
        return self.page("events", filters, by=by).items

    def country_codes(self) -> set[str]:
        """The country codes of the stored actors and events."""
        rows = self.db.execute(
            "SELECT country FROM actors UNION SELECT source_country FROM events "
            "UNION SELECT target_country FROM events"
        )
        return {code for (code,) in rows if code}

    def actors(self, filters: Filters) -> list[dict[str, Any]]:
        """Canonical actors (one per real actor across articles) matching the filters."""
        return self.page("actors", filters).items

    def quotes(self, filters: Filters) -> list[dict[str, Any]]:
        """Quotes matching the filters, by date."""
        return self.page("quotes", filters).items

    def series_counts(self, filters: Filters, *, freq: str, by: str) -> list[dict[str, Any]]:
        """The occurred events of ``filters.dyad`` counted per period, direction and
        type, with their total intensity (see ``series_sql``)."""
        return [dict(r) for r in self.db.execute(*series_sql(filters, freq=freq, by=by))]

    def unlinked_reports(self, filters: Filters) -> list[dict[str, Any]]:
        """The occurred reports of ``filters.dyad`` that are in no cluster yet (stored
        after the last relink), in date order, each with its ``day``."""
        return [
            {**dict(r), "day": dt.date.fromisoformat(r["day"])}
            for r in self.db.execute(*unlinked_sql(filters))
        ]

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
    "articles": [
        "id",
        "path",
        "url",
        "title",
        "published",
        "outlet",
        "authors",
        "article_text(text)",
    ],
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


def listed_date(date: str | None, published: str | None) -> str:
    """The date an event is listed and paged at: its own, else its article's, else ``''``
    (which sorts first, as an event with neither is listed first)."""
    return next((d for d in (date, published) if d is not None), "")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its rows, the number of rows its filters select (when
    counted) and the cursor of the page after it (None on the last)."""

    items: list[dict[str, Any]]
    total: int | None = None
    next: str | None = None


_TEXT, _NUMBER, _MAYBE_TEXT = (str,), (int,), (str, type(None))
KEY_TYPES: dict[str, tuple[tuple[type, ...], ...]] = {
    "events": (_TEXT, _TEXT, _TEXT),
    "quotes": (_MAYBE_TEXT, _TEXT, _NUMBER, _NUMBER),
    "actors": (_NUMBER, _TEXT, _TEXT),
    "articles": (_MAYBE_TEXT, _TEXT),
    "dyads": (_NUMBER,),
}
"""The sort key of each list, value by value: the types its cursors' values have. The
web API's dyads, an aggregate of a few rows, are paged by position."""


def encode_cursor(kind: str, key: Sequence[Any]) -> str:
    """The cursor of the page after the row of list ``kind`` whose sort key is ``key``:
    opaque to its users, who pass it back as it is (base64 of the list and the key)."""
    data = json.dumps([kind, *key], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str) -> tuple[Any, ...]:
    """The sort key a cursor of list ``kind`` holds; ``InvalidCursor`` for anything that
    no page of that list gave."""
    try:
        data = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        value = json.loads(data.decode())
    except ValueError:  # not base64, UTF-8 or JSON
        value = None
    types = KEY_TYPES[kind]
    if (
        isinstance(value, list)
        and len(value) == len(types) + 1
        and value[0] == kind
        and all(type(v) in allowed for v, allowed in zip(value[1:], types, strict=True))
        and not any(type(v) is int and v < 0 for v in value[1:])  # no key counts below 0
    ):
        return tuple(value[1:])
    raise InvalidCursor(name="cursor", value=cursor)


@dataclass(frozen=True, slots=True)
class _Listing:
    """How a list is read: its columns and the tables they come from (``{filters}``
    stands for the joins of the filters that have an index of their own, full text),
    the table a count reads, and its sort key (ascending; the first value may be NULL)."""

    columns: str
    tables: str
    counted: str
    key: tuple[str, ...]
    ordered: str = ""
    """The tables in the order that reads the rows in the list's order, when no filter
    has an index of its own: the quotes of each article, the articles by date."""
    outer: int = 0
    """How many leading key columns belong to the table ``ordered`` reads first: a
    cursor bounds them too, so a page starts where it should in that table's index."""


_SPEAKER = "LEFT JOIN actors s ON s.article_id = q.article_id AND s.actor_id = q.speaker"
_LISTINGS = {
    "events": _Listing(
        columns="e.article_id, e.event_id, e.cluster_id, coalesce(e.date, a.published) AS date, "
        f"{DATE_SOURCE}, e.type, e.mode, e.status, e.source_country, e.target_country, "
        "src.name AS source_name, tgt.name AS target_name, "
        "src.canonical_id AS source_actor, tgt.canonical_id AS target_actor, e.location, "
        f"e.intensity, e.confidence, e.rule, {EVIDENCE}, "
        "coalesce(c.reports, 1) AS reports, coalesce(c.articles, 1) AS articles",
        tables="events e {filters} JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN event_clusters c ON c.id = e.cluster_id "
        "LEFT JOIN actors src ON src.article_id = e.article_id AND src.actor_id = e.source "
        "LEFT JOIN actors tgt ON tgt.article_id = e.article_id AND tgt.actor_id = e.target",
        counted="events e",
        key=("e.listed_date", "e.article_id", "e.event_id"),
    ),
    "quotes": _Listing(
        columns="q.article_id, q.quote_id, a.published, q.kind, q.speaker_name, "
        f"q.speaker_country, s.canonical_id AS speaker_id, {QUOTE_TEXT}",
        tables=f"quotes q {{filters}} JOIN articles a ON a.id = q.article_id {_SPEAKER}",
        counted="quotes q",
        key=("a.published", "a.id", "q.start", "q.rowid"),
        ordered=f"articles a CROSS JOIN quotes q ON q.article_id = a.id {_SPEAKER}",
        outer=2,
    ),
    "actors": _Listing(
        columns="c.id, c.name, c.type, c.country, c.sector, "
        "(SELECT group_concat(DISTINCT a.role) FROM actors a WHERE a.canonical_id = c.id) "
        "AS roles, c.articles, c.variants",
        tables="canonical_actors c",
        counted="canonical_actors c",
        key=("c.articles", "c.name", "c.id"),
    ),
    "articles": _Listing(
        columns="a.id, a.published, a.title, a.outlet, a.path, a.url, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes",
        tables="articles a",
        counted="articles a",
        key=("a.published", "a.id"),
    ),
}


@dataclass(frozen=True, slots=True)
class _EventColumns:
    """Where the event filters read: an event's columns, or its cluster's (which are
    its first report's)."""

    source: str
    target: str
    type: str
    status: str
    date: str


_REPORT = _EventColumns(
    "e.source_country", "e.target_country", "e.type", "e.status", "e.listed_date"
)
_CLUSTER = _EventColumns(
    "c.source_country", "c.target_country", "c.type", "c.status", "c.first_date"
)

_FIRST_REPORT = (
    "NOT EXISTS (SELECT 1 FROM event_clusters o WHERE o.id = e.cluster_id "
    "AND (o.first_article, o.first_event) != (e.article_id, e.event_id))"
)
"""SQL: the event is the report its cluster is listed by (its first), or in no cluster."""

_AFTER_ANY_DATE = "\uffff"
"""Appended to ``until``: every date that starts with ``until`` sorts before it, so the
test "up to the end of that year, month or day" is one index range."""


def _conditions(kind: str, filters: Filters, by: str) -> tuple[list[str], list[str], list[Any]]:
    """The joins, conditions and arguments that select a list's rows by ``filters``."""
    if kind == "events":
        return [], *_event_conditions(filters, by)
    if kind == "quotes":
        return _quote_conditions(filters)
    if kind == "actors":
        return [], *_actor_conditions(filters)
    return [], [], []


def _event_conditions(
    filters: Filters, by: str, on: _EventColumns = _REPORT
) -> tuple[list[str], list[Any]]:
    """The event filters in SQL, on the columns ``on`` names. The first filter of dyad,
    type and status searches its index; the others are tested on the rows it finds
    (``+``, which keeps SQLite from choosing, unguided, a less selective index)."""
    where: list[str] = []
    args: list[Any] = []
    searched = False
    if filters.dyad:
        where.append(f"min({on.source}, {on.target}) = ? AND max({on.source}, {on.target}) = ?")
        args += sorted(filters.dyad)
        searched = True
    for column, value in ((on.type, filters.type), (on.status, filters.status)):
        if value:
            where.append(f"{'+' if searched else ''}{column} = ?")
            args.append(value.upper() if column == on.type else value.lower())
            searched = True
    if filters.since:
        where.append(f"{on.date} >= ?")
        args.append(filters.since)
    if filters.until:
        where.append(f"{on.date} > '' AND {on.date} < ?")
        args.append(filters.until + _AFTER_ANY_DATE)
    if filters.min_confidence is not None:
        where.append("e.confidence >= ?")
        args.append(filters.min_confidence)
    if by == "cluster":
        where.append(_FIRST_REPORT)
    return where, args


def _quote_conditions(filters: Filters) -> tuple[list[str], list[str], list[Any]]:
    joins, where, args = [], [], []
    if filters.search:
        joins.append("JOIN quotes_fts f ON f.rowid = q.rowid")
        where.append("quotes_fts MATCH ?")
        args.append(_fts_query(filters.search))
    if filters.speaker:
        phrase = _trigram_phrase(filters.speaker)
        if phrase is not None:
            joins.append("JOIN quote_speakers sp ON sp.rowid = q.rowid")
            where.append("quote_speakers MATCH ?")
            args.append(phrase)
        where.append(f"q.speaker_name {CONTAINS}")
        args.append(_contains(filters.speaker))
    return joins, where, args


def _actor_conditions(filters: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    if filters.country:
        where.append("c.country = ?")
        args.append(filters.country.upper())
    if filters.name:
        where.append(f"(c.name {CONTAINS} OR c.variants {CONTAINS})")
        args += [_contains(filters.name)] * 2
    return where, args


def _trigram_phrase(words: str) -> str | None:
    """``words`` as a query of ``quote_speakers``, which finds the names holding them (and
    a few more: it folds case beyond ASCII, so ``LIKE`` has the last word); None when it
    cannot (fewer than three characters, or a control character)."""
    if len(words) < 3 or any(ord(c) < 32 or ord(c) == 127 for c in words):
        return None
    return '"' + words.replace('"', '""') + '"'


def _row(columns: Sequence[str]) -> str:
    return f"({', '.join(columns)})"


def _after(columns: Sequence[str], key: Sequence[Any]) -> tuple[str, list[Any]]:
    """SQL: the row comes after the row whose sort key is ``key``, in the ascending order
    of ``columns`` (a NULL first value sorts first, as in SQLite)."""
    if key[0] is None:
        rest = columns[1:]
        marks = _row(["?"] * len(rest))
        return (
            f"(({columns[0]} IS NULL AND {_row(rest)} > {marks}) OR {columns[0]} IS NOT NULL)",
            list(key[1:]),
        )
    return f"{_row(columns)} > {_row(['?'] * len(columns))}", list(key)


def _paged(sql: str, args: list[Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return sql, args
    return f"{sql} LIMIT ? OFFSET ?", [*args, -1 if limit is None else limit, offset]


def _where(conditions: Sequence[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def list_sql(
    kind: str,
    filters: Filters,
    *,
    by: str = "report",
    after: Sequence[Any] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    """The SQL of a page of list ``kind``: the rows after the sort key ``after`` (from
    the first without one), ``offset`` more skipped, at most ``limit``, in the list's
    order; the key of each row is selected last, as ``_k0``, ``_k1``...

    Each filter has an index that ends with the list's order (see ``MIGRATIONS``), so a
    page is read along one index range and the read stops at ``limit``."""
    listing = _LISTINGS[kind]
    joins, where, args = _conditions(kind, filters, by)
    ordered = bool(listing.ordered) and not joins
    tables = listing.ordered if ordered else listing.tables.format(filters=" ".join(joins))
    keys = ", ".join(f"{column} AS _k{i}" for i, column in enumerate(listing.key))
    select = f"SELECT {listing.columns}, {keys} FROM {tables}"
    if kind == "actors":
        return _actors_sql(select, where, args, after, limit, offset)
    if after is not None:
        if ordered and after[0] is not None:
            outer = listing.key[: listing.outer]
            where = [*where, f"{_row(outer)} >= {_row(['?'] * len(outer))}"]
            args = [*args, *after[: listing.outer]]
        condition, values = _after(listing.key, after)
        where, args = [*where, condition], [*args, *values]
    sql = f"{select}{_where(where)} ORDER BY {', '.join(listing.key)}"
    return _paged(sql, args, limit, offset)


def _actors_sql(
    select: str,
    where: list[str],
    args: list[Any],
    after: Sequence[Any] | None,
    limit: int | None,
    offset: int,
) -> tuple[str, list[Any]]:
    """Actors go by most articles first, then name and id: a key of two directions,
    whose "after" is two index ranges read in turn (the rest of the cursor's number of
    articles, then the smaller numbers)."""
    order = " ORDER BY _k0 DESC, _k1, _k2"
    if after is None:
        return _paged(f"{select}{_where(where)}{order}", args, limit, offset)
    articles, name, identifier = after
    same = _where([*where, "c.articles = ?", "(c.name, c.id) > (?, ?)"])
    fewer = _where([*where, "c.articles < ?"])
    sql = f"{select}{same} UNION ALL {select}{fewer}{order}"
    return _paged(sql, [*args, articles, name, identifier, *args, articles], limit, offset)


def count_sql(kind: str, filters: Filters, *, by: str = "report") -> tuple[str, list[Any]]:
    """The SQL that counts the rows list ``kind`` selects with ``filters``, on the index
    its page reads."""
    if kind == "events" and by == "cluster":
        return _cluster_count_sql(filters)
    joins, where, args = _conditions(kind, filters, by)
    sql = f"SELECT count(*) FROM {_LISTINGS[kind].counted} {' '.join(joins)}{_where(where)}"
    return sql, args


def _cluster_count_sql(filters: Filters) -> tuple[str, list[Any]]:
    """The events listed by cluster, counted on the clusters' own indexes (a cluster
    keeps its first report's type, status, countries and date), and the reports in no
    cluster yet (few, found on the index of their cluster, whatever the filters); a
    confidence reads each cluster's first report."""
    first = ""
    if filters.min_confidence is not None:
        first = " JOIN events e ON e.article_id = c.first_article AND e.event_id = c.first_event"
    clusters, cluster_args = _event_conditions(filters, "report", _CLUSTER)
    unlinked, unlinked_args = _event_conditions(filters, "report")
    sql = (
        f"SELECT (SELECT count(*) FROM event_clusters c{first}{_where(clusters)}) + "
        "(SELECT count(*) FROM events e INDEXED BY events_cluster"
        f"{_where(['e.cluster_id IS NULL', *unlinked])})"
    )
    return sql, [*cluster_args, *unlinked_args]


_DAY = (
    "CASE length(e.listed_date) WHEN 4 THEN e.listed_date || '-01-01' "
    "WHEN 7 THEN e.listed_date || '-01' ELSE substr(e.listed_date, 1, 10) END"
)
"""SQL: the day an event's listed date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) starts
on, as ``linking.parse_day`` reads it."""

PERIODS = {"month": "substr(day, 1, 7)", "week": "date(day, '-6 days', 'weekday 1')"}
"""SQL: the period a day falls in, as ``series.period_of`` names it (a week by its
Monday)."""


def _dated(filters: Filters, *clusters: str) -> tuple[str, list[Any]]:
    """SQL, to follow FROM: the occurred reports of ``filters.dyad`` in its date range
    whose listed date is a real day (and that meet ``clusters``, conditions on their
    cluster), read from the dyad's index."""
    where, args = _event_conditions(filters, "report")
    reports = _where([*where, "+e.status = 'occurred'", *clusters])  # +: the dyad's index
    sql = (
        f"(SELECT {_DAY} AS day, e.listed_date AS date, e.article_id, e.event_id, "
        "e.cluster_id, e.type, e.status, e.intensity, e.source_country, e.target_country "
        f"FROM events e{reports}) WHERE day >= '0001' AND date(day, '+0 days') = day"
    )
    return sql, args


_FIRST_IN_ORDER = "min(date || char(1) || article_id || char(1) || event_id)"
"""SQL: an aggregate that picks its group's first row in date order (SQLite takes the
other columns of a query with one ``min`` from the row that holds it). The order of
listed dates is their days' (for the real days ``_dated`` keeps), and ``char(1)`` sorts
before every character of a date or an id, so this is the order (day, date, article,
event) in which ``series.clusters`` takes a cluster's first report."""


def series_sql(filters: Filters, *, freq: str, by: str) -> tuple[str, list[Any]]:
    """SQL: the occurred events of ``filters.dyad`` counted per period (``freq``),
    direction and type, with their total intensity. By cluster, a cluster counts once,
    at its first report in the date range, and the reports in no cluster yet are left
    out (``unlinked_sql``), to be grouped as linking groups them."""
    if by == "cluster":
        dated, args = _dated(filters, "e.cluster_id IS NOT NULL")
        counted = (
            "(SELECT day, source_country, target_country, type, intensity, "
            f"{_FIRST_IN_ORDER} FROM {dated} GROUP BY cluster_id)"
        )
    else:
        counted, args = _dated(filters)
    sql = (
        f"SELECT {PERIODS[freq]} AS period, source_country, target_country, type, "
        f"count(*) AS events, sum(intensity) AS intensity_total FROM {counted} "
        "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
    )
    return sql, args


def unlinked_sql(filters: Filters) -> tuple[str, list[Any]]:
    """SQL: the occurred reports of ``filters.dyad`` in no cluster, in date order."""
    dated, args = _dated(filters, "e.cluster_id IS NULL")
    return f"SELECT * FROM {dated} ORDER BY date, article_id, event_id", args


EXPORT_TABLES = {
    "articles": "SELECT id, path, url, title, published, outlet, authors, language "
    "FROM articles ORDER BY published, id",
    "actors": "SELECT article_id, actor_id, canonical_id, type, name, country, sector, role, "
    "affiliation FROM actors ORDER BY article_id, actor_id",
    "quotes": f'SELECT q.article_id, q.quote_id, q.kind, {QUOTE_TEXT}, q.start, q."end", '
    "q.speaker, q.speaker_name, q.speaker_country, q.cue, q.channel, q.rule "
    "FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY q.article_id, q.start",
    "events": "SELECT e.article_id, e.event_id, coalesce(e.date, a.published) AS date, "
    f"{DATE_SOURCE}, e.type, "
    "e.mode, e.status, e.source, e.target, e.source_country, e.target_country, e.location, "
    "e.location_country, e.lat, e.lon, e.location_precision, "
    f"e.intensity, e.confidence, e.evidence_start, e.evidence_end, {EVIDENCE}, e.rule, e.trigger, "
    "e.cluster_id FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.article_id, e.event_id",
}
"""The flat tables ``detente export`` writes, one file each."""


def export_rows(store: Store, table: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.db.execute(EXPORT_TABLES[table])]
