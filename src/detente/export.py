"""Exports: the store's articles, actors, quotes and events as files other tools read.

``jsonl``, ``csv`` and ``parquet`` write one file per table (``articles``, ``actors``,
``quotes``, ``events``); ``plover`` writes ``events.plover.jsonl``, PLOVER records of the
occurred and planned events (see ``detente.events.plover``).

Each file is written under a temporary name and renamed once whole, so a fault of the disk
(``DiskFull``, ``NotWritable``: coded errors naming the file) leaves no half file and an
earlier export's file as it was.

Parquet files have a fixed schema whatever their rows: each column's type comes from its
SQLite declaration (TEXT is string, INTEGER int64, REAL float64, all nullable), and the
articles' ``authors`` (JSON text in the store) is a list of strings. Rows are streamed
from the database in record batches, so memory stays bounded on large stores.
"""

from __future__ import annotations

import csv
import errno
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from detente.errors import DiskFull, InvalidArgument, NotWritable, StoreError
from detente.events.plover import fold, geolocation
from detente.kb import KnowledgeBase
from detente.model import Article
from detente.store import EXPORT_TABLES, Store, export_rows, why_not_writable

FORMATS = ("jsonl", "csv", "parquet", "plover")

PARTITION_ARTICLES = 64
"""Articles per Parquet partition written by ``PartitionStore``."""

PARQUET_BATCH = 10_000
"""Rows per record batch (and row group) of a Parquet file."""

_ARROW_TYPES = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
_JSON_LISTS = {("articles", "authors")}
"""Columns stored as JSON text lists, exported as ``list<string>``."""


def _write_fault(path: Path, exc: OSError) -> StoreError:
    """The file system's error as the coded one that names the file and the cause."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(path=path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        cause = why_not_writable(path, otherwise=exc.strerror or "permission denied")
        return NotWritable(path=path, cause=cause)
    return StoreError(f"{path}: cannot be written ({exc.strerror or exc})")


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_fault(folder, exc) from None


@contextmanager
def _written(path: Path) -> Iterator[Path]:
    """A temporary file to write that becomes ``path`` once written whole."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    except OSError as exc:
        raise _write_fault(path, exc) from None
    finally:
        with suppress(OSError):
            partial.unlink(missing_ok=True)


def export(store: Store, out: Path, fmt: str, kb: KnowledgeBase | None = None) -> list[Path]:
    """Write the export files into ``out`` (created if needed); returns their paths."""
    if fmt not in FORMATS:
        raise InvalidArgument(name="format", allowed=f"one of {', '.join(FORMATS)}", value=fmt)
    _make_folder(out)
    if fmt == "plover":
        return [_plover(store, out / "events.plover.jsonl", kb)]
    if fmt == "parquet":
        return [_parquet(store, table, out / f"{table}.parquet") for table in EXPORT_TABLES]
    written = []
    for table in EXPORT_TABLES:
        rows = export_rows(store, table)
        path = out / f"{table}.{fmt}"
        with _written(path) as partial, partial.open("w", encoding="utf-8", newline="") as handle:
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


def _parquet_schema(store: Store, table: str) -> pa.Schema:
    """The Arrow schema of an export table, from the columns' SQLite declarations."""
    declared = {
        row["name"]: row["type"].upper()
        for row in store.db.execute("SELECT name, type FROM pragma_table_info(?)", (table,))
    }
    fields = []
    for column in _columns(store, table):
        if (table, column) in _JSON_LISTS:
            fields.append(pa.field(column, pa.list_(pa.string())))
        else:
            fields.append(pa.field(column, _ARROW_TYPES[declared[column]]))
    return pa.schema(fields)


def _parquet(store: Store, table: str, path: Path) -> Path:
    schema = _parquet_schema(store, table)
    lists = [(table, name) in _JSON_LISTS for name in schema.names]
    cursor = store.db.execute(EXPORT_TABLES[table])
    with _written(path) as partial, pq.ParquetWriter(partial, schema) as writer:
        while rows := cursor.fetchmany(PARQUET_BATCH):
            columns = [list(values) for values in zip(*rows, strict=True)]
            for index, is_list in enumerate(lists):
                if is_list:
                    columns[index] = [json.loads(value) for value in columns[index]]
            writer.write_batch(pa.record_batch(columns, schema=schema))
    return path


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
    with _written(path) as partial, partial.open("w", encoding="utf-8") as handle:
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
                "dateSource": event["date_source"],
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
                "geolocation": geolocation(
                    event["location"],
                    event["location_country"],
                    event["lat"],
                    event["lon"],
                    event["location_precision"],
                ),
                "intensity": intensity,
                "confidence": event["confidence"],
                "rule": event["rule"],
                "articleId": article,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


class PartitionStore:
    """Where ``detente ingest --out DIR`` writes instead of a database: Parquet
    partitions ``DIR/<table>/part-<id>.parquet`` (articles, actors, quotes, events) of
    ``PARTITION_ARTICLES`` articles each, with the same schemas as ``export``, for a
    store that lives elsewhere (a data lake, Spark, DuckDB). Each partition is written to
    a temporary name and renamed, so a killed run or a full disk leaves no half file, and
    is named after its first article, so a run started again writes only what is missing
    and duplicates nothing. Linking across articles is the store's job and is not done
    here."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = None
        self._pending: list[Article] = []
        self._written = self.ids()

    def ids(self) -> set[str]:
        """The ids of the articles already in the partitions."""
        found: set[str] = set()
        for part in sorted((self.out / "articles").glob("part-*.parquet")):
            found.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
        return found

    def add(self, article: Article) -> bool:
        if article.id in self._written:
            return False
        self._written.add(article.id)
        self._pending.append(article)
        if len(self._pending) >= PARTITION_ARTICLES:
            self.flush()
        return True

    def record_failure(self, source: str, reason: str) -> None:
        """Failures are listed in the run's summary; partitions hold articles only."""

    def flush(self) -> None:
        if not self._pending:
            return
        name = f"part-{self._pending[0].id}.parquet"
        with Store(":memory:", create=True) as batch:
            for article in self._pending:
                batch.add(article)
            for table in EXPORT_TABLES:
                folder = self.out / table
                _make_folder(folder)
                _parquet(batch, table, folder / name)
        self._pending = []

    def link(self, kb: KnowledgeBase | None = None) -> int:
        """Writes what is pending; the partitions are not linked (0 articles linked)."""
        self.flush()
        return 0
