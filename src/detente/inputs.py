"""Inputs: the sources a user names, turned into jobs, one per article.

One table, ``READERS``, says how each kind of file is read; ``detente analyze`` and
``detente ingest`` both read through it, so a new kind of source is one reader and one
row. Sources: ``.txt``, ``.html``/``.htm`` files; ``.json`` (one record or a list) and
``.jsonl`` files of records with ``text`` or ``html`` and optional ``title``,
``published``, ``url``, ``outlet``, ``authors``; RSS/Atom feeds and WARC files (see
``detente.sources``); folders, searched recursively (by ingest); and ``-`` for JSON
lines on standard input (ingest). A text file named ``YYYY-MM-DD-...`` takes that date
as its publication date when ingested.

The Python API reads through it too: ``article_source`` turns what ``detente.analyze``
is given (text, a file's bytes, a path) into one article, and ``read_article`` reads a
file of one article as ``detente analyze`` does.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from detente import errors
from detente.sources import is_feed, read_feed, read_warc
from detente.textio import (
    MAX_BYTES,
    Failure,
    RawArticle,
    decode,
    from_bytes,
    from_html,
    looks_like_html,
    read_bytes,
    read_input,
)

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_]")
"""A file named ``2023-06-19-blinken.txt`` was published on 2023-06-19 unless its
HTML says otherwise."""


def _record_file(path: Path, max_bytes: int) -> Iterator[dict[str, Any] | Failure]:
    try:
        data = path.read_bytes()
        if len(data) > max_bytes * 50:
            raise errors.TooLarge(f"{path}: record file over {max_bytes * 50:,} bytes")
        text, _ = decode(data, str(path))
    except errors.DetenteError as exc:
        yield Failure.of(str(path), exc)
        return
    except OSError as exc:
        yield Failure(str(path), f"cannot be read ({exc.strerror})")
        return
    yield from read_records(text, str(path))


def _feed_file(path: Path, max_bytes: int) -> Iterator[dict[str, Any] | Failure] | None:
    """A feed's records; None for an ``.xml`` file that is no feed (an article)."""
    try:
        with path.open("rb") as file:
            head = file.read(2048)
    except OSError as exc:
        return iter([Failure(str(path), f"cannot be read ({exc.strerror})")])
    if not is_feed(path, head):
        return None
    return read_feed(path, max_bytes)


Reader = Callable[[Path, int], "Iterable[dict[str, Any] | Failure] | None"]

ARTICLE = None
"""The reader of a file that holds one article (``read_input``)."""

READERS: dict[str, Reader | None] = {
    ".txt": ARTICLE,
    ".html": ARTICLE,
    ".htm": ARTICLE,
    ".xhtml": ARTICLE,
    ".json": _record_file,
    ".jsonl": _record_file,
    ".rss": _feed_file,
    ".atom": _feed_file,
    ".xml": _feed_file,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}
"""How each kind of file is read: a reader of records (a container of articles), or
``ARTICLE`` for a file that is one article. A file with another suffix is read as one
article."""


def reader_of(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return ARTICLE


def discover(sources: Iterable[str]) -> Iterator[str | Path]:
    """The inputs of the sources, in order: files as given, folders' files sorted."""
    for source in sources:
        if source == "-":
            yield source
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and any(child.name.lower().endswith(s) for s in READERS):
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


@dataclass(frozen=True, slots=True)
class Job:
    """One article to read and analyse: a file, or a record read from a container."""

    source: str
    path: str | None = None
    record: dict[str, Any] | None = None

    def load(self, max_bytes: int = MAX_BYTES, *, date_from_name: bool = True) -> RawArticle:
        """The job's text and metadata; raises ``InputError`` when there is none. A file
        named ``YYYY-MM-DD-...`` takes that date unless ``date_from_name`` is false."""
        if self.record is not None:
            return _record(self.record, self.source)
        assert self.path is not None
        raw = read_input(self.path, max_bytes=max_bytes)
        dated = _FILE_DATE.match(Path(self.path).name)
        if raw.published is None and dated and date_from_name:
            raw.published = dated.group(1)
        return raw

    def portable(self) -> Job | Failure:
        """The job with the file's content in it, for a worker on another machine."""
        if self.path is None:
            return self
        try:
            data = read_bytes(self.path)
            text, _ = decode(data, self.path)
        except errors.DetenteError as exc:
            return Failure.of(self.source, exc)
        record: dict[str, Any] = {"path": self.path}
        record["html" if looks_like_html(data, self.path) else "text"] = text
        dated = _FILE_DATE.match(Path(self.path).name)
        if dated:
            record["published"] = dated.group(1)
        return Job(self.source, record=record)


def _read_container(path: Path, max_bytes: int) -> Iterator[Job | Failure] | None:
    """The jobs of a record file, feed or web archive; None for a plain article file."""
    reader = reader_of(path)
    items = reader(path, max_bytes) if reader is not None else None
    if items is None:
        return None
    return (
        item if isinstance(item, Failure) else Job(str(item.get("path") or path), record=item)
        for item in items
    )


class UnreadableJSON(ValueError):
    """JSON that Python's reader refuses although it may be well formed."""


def _loads(text: str) -> Any:
    """``json.loads``, raising ``UnreadableJSON`` for what its reader cannot hold: nesting
    deeper than Python's stack, or an integer longer than Python converts."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise UnreadableJSON("nested too deeply") from None
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        limit = sys.get_int_max_str_digits()
        raise UnreadableJSON(f"a number of over {limit:,} digits") from None


def read_records(text: str, where: str) -> Iterator[dict[str, Any] | Failure]:
    """Records of a ``.json`` or ``.jsonl`` text; a bad line fails alone."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            data = _loads(text)
        except ValueError as exc:
            yield Failure(where, f"not valid JSON ({exc})")
            return
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, start=1):
            yield _checked(item, f"{where}#{number}")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{where}:{number}"
        try:
            yield _checked(_loads(line), name)
        except json.JSONDecodeError as exc:
            yield Failure(name, f"not valid JSON ({exc.msg})")
        except UnreadableJSON as exc:
            yield Failure(name, f"not valid JSON ({exc})")


def _checked(item: Any, name: str) -> dict[str, Any] | Failure:
    if not isinstance(item, dict):
        return Failure(name, f"{name}: a record must be a JSON object")
    return {"path": name, **item}


def jobs(
    sources: Iterable[str], stdin: TextIO | None = None, max_bytes: int = MAX_BYTES
) -> Iterator[Job | Failure]:
    """Every article of the sources as a job, or the reason a source cannot be read."""
    for item in discover(sources):
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin
            for record in read_records(stream.read(), "<stdin>"):
                yield record if isinstance(record, Failure) else Job(record["path"], record=record)
            continue
        path = Path(item)
        contained = _read_container(path, max_bytes)
        if contained is None:
            yield Job(str(path), path=str(path))
        else:
            yield from contained


def count_jobs(sources: list[str]) -> int | None:
    """How many articles the sources hold, when that is cheap to know (plain files and
    JSON lines); None when a feed, an archive or standard input is among them."""
    total = 0
    for item in discover(sources):
        if item == "-":
            return None
        path = Path(item)
        reader = reader_of(path)
        if reader is not None and not path.name.lower().endswith(".jsonl"):
            return None
        if reader is not None:
            try:
                with path.open("rb") as file:
                    total += sum(1 for line in file if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def articles_of(path: str, max_bytes: int = MAX_BYTES) -> Iterator[RawArticle | Failure]:
    """The articles of one input named to ``detente analyze``: a file of one article,
    or every record of a record file, feed or web archive; ``-`` is one article's text
    on standard input. What cannot be read is a ``Failure`` and the rest goes on."""
    source = Path(path)
    contained = None if path == "-" or source.is_dir() else _read_container(source, max_bytes)
    if contained is None:
        try:
            yield read_input(path, max_bytes=max_bytes)
        except errors.DetenteError as exc:
            yield Failure.of(path, exc)
        return
    for item in contained:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield item.load(max_bytes, date_from_name=False)
        except errors.DetenteError as exc:
            yield Failure.of(item.source, exc)


FilePath = str | os.PathLike[str]
ArticleSource = str | bytes | bytearray | os.PathLike[str] | RawArticle
"""What the Python API analyses as one article (see ``article_source``)."""
ACCEPTED_SOURCES = (
    "str (an article's text), bytes (a file's content), os.PathLike (a file) or RawArticle"
)
LONGEST_PATH = 4096
"""A string longer than this is never taken for a file's name."""


def article_source(source: object, parameter: str = "text") -> RawArticle:
    """One article from what the Python API is given: a ``str`` is the article's text;
    ``bytes`` are a file's content, decoded and checked as a file's are (HTML is
    extracted); an ``os.PathLike`` is a file, read as ``read_article`` reads it; a
    ``RawArticle`` is taken as it is. A string that is a file's name is refused
    (``InvalidArgument``) rather than analysed as text; another type is an
    ``InvalidType`` (a ``TypeError``) naming the accepted ones."""
    if isinstance(source, RawArticle):
        return source
    if isinstance(source, str):
        if names_a_file(source):
            name = source.strip()
            raise errors.InvalidArgument(
                f"{parameter} {name!r} is a file's name, not an article's text; read the file "
                f"with detente.analyze_file({name!r}) or pass a pathlib.Path"
            )
        return RawArticle(text=source)
    if isinstance(source, bytes | bytearray):
        return from_bytes(bytes(source), "<bytes>")
    if isinstance(source, os.PathLike):
        return read_article(source)
    raise errors.InvalidType(name=parameter, allowed=ACCEPTED_SOURCES, kind=type(source).__name__)


def names_a_file(text: str) -> bool:
    """Whether a string is a file's name rather than an article: one line that names an
    existing file or folder, or that ends in the suffix of an input (``.txt``, ``.html``,
    ``.rss``...) with no space in it or with a folder in front (``news/a b.txt``)."""
    name = text.strip()
    if not name or "\n" in name or len(name) > LONGEST_PATH:
        return False
    if name.lower().endswith(tuple(READERS)) and (
        "/" in name or "\\" in name or not any(c.isspace() for c in name)
    ):
        return True
    try:
        return Path(name).exists()
    except (OSError, ValueError):
        return False


def read_article(path: FilePath, max_bytes: int = MAX_BYTES) -> RawArticle:
    """The one article of a file, read as ``detente analyze`` reads it: the encoding
    decoded, HTML extracted, and the checks (missing, empty, binary, too large). A record
    file, feed or web archive is refused: it holds articles as records."""
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        raise errors.InvalidType(
            name="path", allowed="str or os.PathLike (a file)", kind=type(path).__name__
        )
    file = Path(name)
    if file.is_file() and _read_container(file, max_bytes) is not None:
        raise errors.InputError(
            f"{name}: a record file, feed or web archive holds many articles and "
            f"detente.analyze_file reads one; read it with: detente analyze {name}"
        )
    return read_input(name, max_bytes=max_bytes)
