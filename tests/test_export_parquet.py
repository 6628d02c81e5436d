"""Parquet export: one file per table, typed columns, nulls kept. Every article is invented."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detente import export as export_module
from detente.export import export
from detente.pipeline import Analyzer
from detente.store import EXPORT_TABLES, Store
from detente.textio import RawArticle

TALKS = (
    "Chilean Foreign Minister Ana Rios met Peruvian Foreign Minister Luis Vega in Lima on "
    "Monday. Chile imposed new sanctions on Bolivia last month.\n\n"
    "“We want a calm border,” said Marta Quiroga, an analyst at the Andes Policy Forum."
)
PROTEST = (
    "Thousands of Bolivian students protested in La Paz on Friday against the new fuel "
    "prices. Bolivia accused Chile of closing the border crossing at Tambo Quemado."
)
TABLES = ("articles", "actors", "quotes", "events")
TYPES = {
    "articles": {"id": pa.string(), "url": pa.string(), "authors": pa.list_(pa.string())},
    "actors": {"article_id": pa.string(), "canonical_id": pa.string(), "country": pa.string()},
    "quotes": {"text": pa.string(), "start": pa.int64(), "end": pa.int64()},
    "events": {
        "date": pa.string(),
        "intensity": pa.float64(),
        "confidence": pa.float64(),
        "evidence_start": pa.int64(),
        "evidence_end": pa.int64(),
        "cluster_id": pa.string(),
    },
}


def raw_articles() -> list[RawArticle]:
    return [
        RawArticle(
            text=TALKS,
            title="Talks in Lima",
            published="2023-06-20",
            url="https://news.example/talks",
            authors=["Rosa Díaz", "Tom Reyes"],
        ),
        RawArticle(text=PROTEST, published="2023-07-01"),
    ]


@pytest.fixture
def store(analyzer: Analyzer, tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "d.db", create=True) as db:
        for raw in raw_articles():
            db.add(analyzer.analyze(raw))
        db.relink()
        yield db


def columns(store: Store, table: str) -> list[str]:
    cursor = store.db.execute(EXPORT_TABLES[table] + " LIMIT 0")
    return [c[0] for c in cursor.description]


def test_one_file_per_table_with_the_store_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = export(store, out, "parquet")
    assert written == [out / f"{table}.parquet" for table in TABLES]
    counts = store.counts()
    for table in TABLES:
        read = pq.read_table(out / f"{table}.parquet")
        assert read.num_rows == counts[table] > 0, table
        assert read.column_names == columns(store, table)
        for name, kind in TYPES[table].items():
            assert read.schema.field(name).type == kind, (table, name)
            assert read.schema.field(name).nullable


def test_values_and_nulls_survive(store: Store, tmp_path: Path) -> None:
    export(store, tmp_path, "parquet")
    articles = {r["id"]: r for r in pq.read_table(tmp_path / "articles.parquet").to_pylist()}
    by_title = {r["title"]: r for r in articles.values()}
    assert by_title["Talks in Lima"]["authors"] == ["Rosa Díaz", "Tom Reyes"]
    assert by_title["Talks in Lima"]["url"] == "https://news.example/talks"
    protest = by_title[None]
    assert protest["authors"] == [] and protest["url"] is None and protest["outlet"] is None
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    stored = [dict(r) for r in store.db.execute(EXPORT_TABLES["events"])]
    assert events == stored
    assert any(e["mode"] is None for e in events)


def test_rows_are_written_in_batches(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "PARQUET_BATCH", 2)
    export(store, tmp_path, "parquet")
    actors = pq.ParquetFile(tmp_path / "actors.parquet")
    assert actors.metadata.num_rows == store.counts()["actors"] > 2
    assert actors.metadata.num_row_groups == -(-actors.metadata.num_rows // 2)
    stored = [dict(r) for r in store.db.execute(EXPORT_TABLES["actors"])]
    assert actors.read().to_pylist() == stored


def test_an_empty_store_gives_empty_files_with_their_schemas(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db", create=True) as empty:
        export(empty, tmp_path / "out", "parquet")
        for table in TABLES:
            read = pq.read_table(tmp_path / "out" / f"{table}.parquet")
            assert read.num_rows == 0
            assert read.column_names == columns(empty, table)
            for name, kind in TYPES[table].items():
                assert read.schema.field(name).type == kind


def test_pandas_reads_it(store: Store, tmp_path: Path) -> None:
    pandas = pytest.importorskip("pandas")
    export(store, tmp_path, "parquet")
    frame = pandas.read_parquet(tmp_path / "events.parquet")
    assert len(frame) == store.counts()["events"]
    assert str(frame["intensity"].dtype) == "float64"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover"])
def test_other_formats_still_work(store: Store, tmp_path: Path, fmt: str) -> None:
    written = export(store, tmp_path / fmt, fmt)
    assert written and all(path.stat().st_size > 0 for path in written)


def test_an_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parquet"):
        export(store, tmp_path, "xlsx")


def test_the_cli_offers_every_export_format() -> None:
    from detente.cli import build_parser
    from detente.export import FORMATS

    export = build_parser()._subparsers._group_actions[0].choices["export"]  # type: ignore[union-attr]
    [action] = [a for a in export._actions if a.dest == "format"]
    assert tuple(action.choices) == FORMATS


@pytest.mark.parametrize("layout", ["export", "partitions"])
def test_duckdb_reads_the_export_and_the_ingest_partitions(
    store: Store,
    analyzer: Analyzer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    layout: str,
) -> None:
    """``detente export --format parquet`` and ``ingest --out`` partitions (here one
    article each, so a table is several files) read back in DuckDB as the store's rows."""
    duckdb = pytest.importorskip("duckdb")
    if layout == "export":
        export(store, tmp_path, "parquet")
        files = {table: str(tmp_path / f"{table}.parquet") for table in TABLES}
    else:
        monkeypatch.setattr(export_module, "PARTITION_ARTICLES", 1)
        partitions = export_module.PartitionStore(tmp_path)
        for raw in raw_articles():
            partitions.add(analyzer.analyze(raw))
        partitions.flush()
        assert len(list((tmp_path / "events").glob("*.parquet"))) == 2
        files = {table: str(tmp_path / table / "*.parquet") for table in TABLES}
    db = duckdb.connect()
    counts = store.counts()
    for table in TABLES:
        read = db.execute("SELECT count(*) FROM read_parquet(?)", [files[table]]).fetchone()
        assert read == (counts[table],), table
    columns = "article_id, event_id, date, type, status, source_country, target_country, evidence"
    stored = store.db.execute(
        f"SELECT {columns} FROM ({EXPORT_TABLES['events']}) ORDER BY article_id, event_id"
    ).fetchall()
    read = db.execute(
        f"SELECT {columns} FROM read_parquet(?) ORDER BY article_id, event_id", [files["events"]]
    ).fetchall()
    assert read == [tuple(row) for row in stored]
    authors = db.execute(
        "SELECT authors FROM read_parquet(?) WHERE url IS NOT NULL", [files["articles"]]
    ).fetchall()
    assert authors == [(["Rosa Díaz", "Tom Reyes"],)]
