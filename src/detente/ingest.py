"""Ingest: inputs found in files, folders and JSON lines, analysed and stored.

Sources: ``.txt``, ``.html``/``.htm`` files; ``.json`` (one record or a list) and
``.jsonl`` files of records with ``text`` or ``html`` and optional ``title``,
``published``, ``url``, ``outlet``, ``authors``; folders, searched recursively; and
``-`` for JSON lines on standard input. A text file named ``YYYY-MM-DD-...`` takes that
date as its publication date. Every input that cannot be read or analysed is
recorded in the store with its reason and the run goes on.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from detente import errors
from detente.pipeline import Analyzer, article_id
from detente.store import Store
from detente.textio import MAX_BYTES, RawArticle, decode, from_html, read_input

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_]")
"""A file named ``2023-06-19-blinken.txt`` was published on 2023-06-19 unless its
HTML says otherwise."""

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl"})


@dataclass(slots=True)
class Summary:
    """What a run did."""

    stored: int = 0
    already: int = 0
    events: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        out = [
            f"articles stored {self.stored}, already stored {self.already}, "
            f"failed or skipped {len(self.failed)}",
            f"events {self.events}, quotes {self.quotes}, in {self.seconds:.1f} s",
        ]
        out += [f"  {source}: {reason}" for source, reason in self.failed]
        return out


@dataclass(frozen=True, slots=True)
class Failure:
    source: str
    reason: str


def discover(sources: Iterable[str]) -> Iterator[str | Path]:
    """The inputs of the sources, in order: files as given, folders' files sorted."""
    for source in sources:
        if source == "-":
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | RECORD_SUFFIXES:
                    yield child
        else:
            yield path


def _record(data: Any, where: str) -> RawArticle:
    if not isinstance(data, dict):
        raise errors.InputError(f"{where}: a record must be a JSON object")
    if isinstance(data.get("html"), str) and data["html"].strip():
        raw = from_html(data["html"], where)
    elif isinstance(data.get("text"), str) and data["text"].strip():
        raw = RawArticle(text=data["text"].replace("\r\n", "\n"))
    else:
        raise errors.EmptyInput(f"{where}: the record has no text or html")
    raw.path = str(data.get("path") or where)
    for name in ("title", "published", "url", "outlet"):
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            setattr(raw, name, value.strip())
    authors = data.get("authors")
    if isinstance(authors, list):
        raw.authors = [str(a) for a in authors]
    return raw


def read_records(text: str, where: str) -> Iterator[RawArticle | Failure]:
    """Records of a ``.json`` or ``.jsonl`` text; a bad line fails alone."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not valid JSON ({exc})")
            return
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, start=1):
            name = f"{where}#{number}"
            try:
                yield _record(item, name)
            except errors.DetenteError as exc:
                yield Failure(name, exc.message)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{where}:{number}"
        try:
            yield _record(json.loads(line), name)
        except json.JSONDecodeError as exc:
            yield Failure(name, f"not valid JSON ({exc.msg})")
        except errors.DetenteError as exc:
            yield Failure(name, exc.message)


def inputs(
    sources: Iterable[str], stdin: TextIO | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[RawArticle | Failure]:
    """Every article of the sources, or the reason it could not be read."""
    for item in discover(sources):
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from read_records(stream.read(), "<stdin>")
            continue
        path = Path(item)
        if path.suffix.lower() in RECORD_SUFFIXES:
            try:
                data = path.read_bytes()
                if len(data) > max_bytes * 50:
                    raise errors.TooLarge(f"{path}: record file over {max_bytes * 50:,} bytes")
                text, _ = decode(data, str(path))
            except errors.DetenteError as exc:
                yield Failure(str(path), exc.message)
                continue
            except OSError as exc:
                yield Failure(str(path), f"cannot read ({exc.strerror})")
                continue
            yield from read_records(text, str(path))
            continue
        try:
            raw = read_input(str(path), max_bytes=max_bytes)
        except errors.DetenteError as exc:
            yield Failure(str(path), exc.message)
            continue
        dated = _FILE_DATE.match(path.name)
        if raw.published is None and dated:
            raw.published = dated.group(1)
        yield raw


def ingest(
    sources: Iterable[str],
    store: Store,
    analyzer: Analyzer,
    *,
    stdin: TextIO | None = None,
    progress: TextIO | None = None,
) -> Summary:
    """Analyse and store every new article of the sources; one transaction each."""
    summary = Summary()
    started = time.perf_counter()

    def fail(source: str, reason: str) -> None:
        summary.failed.append((source, reason))
        store.record_failure(source, reason)

    def prepared() -> Iterator[RawArticle]:
        for item in inputs(sources, stdin):
            if isinstance(item, Failure):
                fail(item.source, item.reason)
                continue
            try:
                raw = analyzer.prepare(item)
            except errors.DetenteError as exc:
                fail(item.path or "<input>", exc.message)
                continue
            if store.has(article_id(raw.text)):
                summary.already += 1
                continue
            yield raw

    for done, article in enumerate(analyzer.analyze_prepared(prepared()), start=1):
        if store.add(article):
            summary.stored += 1
            summary.events += len(article.events)
            summary.quotes += len(article.quotes)
        else:
            summary.already += 1
        if progress is not None:
            rate = done / max(time.perf_counter() - started, 1e-9)
            print(f"\r{done} articles, {rate:.1f}/s", end="", file=progress, flush=True)
    if progress is not None and summary.stored:
        print(file=progress)
    summary.seconds = time.perf_counter() - started
    return summary
