"""Containers of articles: RSS/Atom feeds and WARC web archives, read into records.

A reader yields one record per article, the same dicts as a ``.jsonl`` line (``text``
or ``html`` and optional ``title``, ``published``, ``url``, ``outlet``, ``authors``,
``path``), or a ``Failure`` for a part that cannot be read. HTML is kept as it is: the
worker that analyses a record extracts its text. A reader never raises: a broken feed
or archive fails, and what could be read of it before the damage is still yielded.
"""

from __future__ import annotations

import io
import re
import time
import zlib
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit
from urllib.request import url2pathname
from xml.sax import SAXParseException

from detente import errors
from detente.textio import Failure, decode, normalise_newlines, read_bytes

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""Content types of the WARC responses that are read as pages."""

LINKED_SUFFIXES = (".html", ".htm", ".xhtml")
"""A feed entry whose link names a local file with one of these is read from that file."""

_FEED_SNIFF = re.compile(
    rb"^\s*(?:(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)\s*)*<(?:rss|feed|rdf:RDF)[\s>/]", re.S
)
_XML_DECLARED = re.compile(rb"(?:\xef\xbb\xbf)?<\?xml")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_warc(path: Path) -> bool:
    """Whether the file is named as a WARC archive (``.warc`` or ``.warc.gz``)."""
    return path.name.lower().endswith(tuple(WARC_SUFFIXES))


def is_feed(path: Path, head: bytes) -> bool:
    """Whether the file is a feed: ``.rss`` and ``.atom`` always, ``.xml`` only when its
    first bytes (``head``) open an ``rss``, Atom ``feed`` or RSS 1.0 ``rdf:RDF`` element."""
    suffix = path.suffix.lower()
    if suffix not in FEED_SUFFIXES:
        return False
    if suffix != ".xml":
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode()
    return bool(_FEED_SNIFF.match(head.removeprefix(b"\xef\xbb\xbf")))


def read_feed(path: Path, max_bytes: int) -> Iterator[dict[str, Any] | Failure]:
    """A record per entry of an RSS or Atom feed, or why the feed or an entry fails."""
    import feedparser

    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes * 50:
            yield Failure(where, f"feed file over {max_bytes * 50:,} bytes")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(where, f"cannot be read ({exc.strerror})")
        return
    if not data.strip():
        yield Failure(where, "not a readable RSS/Atom feed (the file is empty)")
        return
    try:
        # A file object, never bytes or a name: feedparser opens URLs and file names.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's fallback parser raises many kinds on junk
        yield Failure(where, f"not a readable RSS/Atom feed ({_why(exc, data)})")
        return
    if not parsed.entries:
        if parsed.bozo:
            yield Failure(
                where, f"not a readable RSS/Atom feed ({_why(parsed.bozo_exception, data)})"
            )
        elif not parsed.get("version"):
            yield Failure(where, "not a readable RSS/Atom feed (no RSS or Atom element)")
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry(entry, path, f"{where}#{number}", outlet, max_bytes)
    if isinstance(parsed.get("bozo_exception"), SAXParseException):
        yield Failure(
            where,
            f"the feed's XML is broken ({_why(parsed.bozo_exception, data)}); "
            f"read the {len(parsed.entries)} entries before the break",
        )


def _why(exc: BaseException, data: bytes) -> str:
    if isinstance(exc, SAXParseException):
        # feedparser puts a line with an XML declaration before a document that has none
        line = exc.getLineNumber() - (0 if _XML_DECLARED.match(data) else 1)
        return f"{exc.getMessage()} at line {line}, column {exc.getColumnNumber()}"
    return str(exc) or type(exc).__name__


def _entry(
    entry: Any, feed: Path, where: str, outlet: str | None, max_bytes: int
) -> dict[str, Any] | Failure:
    """One feed entry's record: its linked local HTML file, else its own content."""
    record: dict[str, Any] = {"path": where}
    link = entry.get("link") or ""
    try:
        parts = urlsplit(link)
    except ValueError:  # "http://[gazette.example": a link that is no URL names nothing
        link, parts = "", urlsplit("")
    local = _local_file(parts, feed.parent)
    if local is not None:
        try:
            record["html"], _ = decode(read_bytes(str(local), max_bytes=max_bytes), str(local))
        except errors.DetenteError as exc:
            return Failure.of(where, exc)
    else:
        body = _entry_body(entry)
        if body is None:
            return Failure(where, "the feed entry has no text")
        key, value = body
        record[key] = value
    title = (entry.get("title") or "").strip()
    if title:
        record["title"] = title
    day = entry.get("published_parsed") or entry.get("updated_parsed")
    if day:
        record["published"] = time.strftime("%Y-%m-%d", day)
    if parts.scheme in ("http", "https"):
        record["url"] = link
    if outlet and outlet.strip():
        record["outlet"] = outlet.strip()
    authors = [a["name"] for a in entry.get("authors") or [] if (a.get("name") or "").strip()]
    if authors:
        record["authors"] = authors
    return record


def _local_file(parts: SplitResult, folder: Path) -> Path | None:
    """The existing HTML file a relative or ``file:`` link names, from the feed's folder."""
    if parts.scheme == "file":
        # feedparser makes file:///srv/a.html into file://srv/a.html
        root = "" if parts.netloc in ("", "localhost") else f"/{parts.netloc}"
        name = root + parts.path
    elif parts.scheme or parts.netloc:
        return None
    else:
        name = parts.path
    if not name:
        return None
    local = folder / url2pathname(name)
    try:
        found = local.suffix.lower() in LINKED_SUFFIXES and local.is_file()
    except OSError:  # a name too long for the file system
        return None
    return local if found else None


def _entry_body(entry: Any) -> tuple[str, str] | None:
    """``("html", ...)`` or ``("text", ...)``: the entry's content, else its summary."""
    for detail in [*(entry.get("content") or [])[:1], entry.get("summary_detail")]:
        value = (detail or {}).get("value") or ""
        if value.strip():
            return "text" if detail.get("type") == "text/plain" else "html", value
    return None


def _quiet_iterator_class() -> type:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class DamageRaisingReader(DecompressingBufferedReader):  # type: ignore[misc]
        """warcio's reader, raising on gzip data damaged past a stream's start, where
        warcio writes the error on standard error and reads on as if the record ended."""

        def _decompress(self, data: bytes) -> bytes:
            if self.decompressor and data and self.num_block_read:
                return self.decompressor.decompress(data)
            return super()._decompress(data)

    class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
        """warcio's iterator without its warnings on standard error: damage is reported
        as a failure instead."""

        INC_RECORD = ""

        def __init__(self, fileobj: Any) -> None:
            super().__init__(fileobj)
            self.reader = DamageRaisingReader(self.fh, block_size=self.reader.block_size)

    return QuietArchiveIterator


def read_warc(path: Path, max_bytes: int) -> Iterator[dict[str, Any] | Failure]:
    """A record per HTML page (a ``response`` with status 200) of a WARC archive, plain or
    gzipped, or why a page or the archive fails. Other records are not articles and are
    passed over; a damaged archive yields what came before the damage, then fails."""
    where = str(path)
    try:
        size = path.stat().st_size
        file = path.open("rb")
    except OSError as exc:
        yield Failure(where, f"cannot be read ({exc.strerror})")
        return
    with file:
        count = 0
        if size == 0:
            yield Failure(where, _damaged("the file is empty", count))
            return
        records = _quiet_iterator_class()(file)
        try:
            for record in records:
                if record.format != "warc":
                    yield Failure(where, _damaged("not a WARC file", count))
                    return
                page = _page(record, f"{where}#{count + 1}", max_bytes)
                records.read_to_end()
                cut = _cut_short(record)
                if cut:
                    yield Failure(where, _damaged(cut, count))
                    return
                count += 1
                if page is not None:
                    yield page
        except Exception as exc:  # warcio raises many kinds on damaged input
            yield Failure(where, _damaged(_warcio_reason(exc), count))
            return
        if count == 0:
            yield Failure(where, _damaged("no WARC record in it", count))
        elif records.offset != size:
            yield Failure(where, _damaged("unreadable bytes after the last whole record", count))


def _page(record: Any, where: str, max_bytes: int) -> dict[str, Any] | Failure | None:
    """An HTML response's record, a Failure for a bad one, None for any other record."""
    from warcio.bufferedreaders import ChunkedDataException

    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    header = Message()
    header["Content-Type"] = http.get_header("Content-Type") or ""
    if header.get_content_type() not in HTML_TYPES:
        return None
    try:
        body = record.content_stream().read(max_bytes + 1)
    except ChunkedDataException:
        return Failure(where, "the chunked HTTP body is damaged")
    if len(body) > max_bytes:
        return Failure(where, f"the page is more than the limit of {max_bytes:,} bytes")
    if not body.strip():
        return Failure(where, "the HTML response is empty")
    try:
        text = _html_text(body, header.get_content_charset(), where)
    except errors.DetenteError as exc:
        return Failure.of(where, exc)
    page: dict[str, Any] = {"path": where}
    url = record.rec_headers.get_header("WARC-Target-URI")
    if url:
        page["url"] = url
    crawled = _DAY.match(record.rec_headers.get_header("WARC-Date") or "")
    if crawled:
        page["crawled"] = crawled.group()
    page["html"] = text
    return page


def _html_text(body: bytes, charset: str | None, where: str) -> str:
    """The body decoded with the charset its header gives, else as any input is."""
    if charset:
        try:
            return normalise_newlines(body.decode(charset).removeprefix("\ufeff"))
        except (LookupError, UnicodeDecodeError):
            pass
    text, _ = decode(body, where)
    return text


def _cut_short(record: Any) -> str | None:
    """Why a record that has been read to its end is incomplete, if it is."""
    left = getattr(record.raw_stream, "limit", None)
    if left is None:
        return "a record has no Content-Length"
    if left:
        return "a record ends before its Content-Length"
    return None


def _warcio_reason(exc: Exception) -> str:
    if isinstance(exc, zlib.error):  # "Error -3 while decompressing data: incorrect data check"
        return f"damaged gzip data: {str(exc).rpartition(': ')[2]}"
    message = re.split(r",? first line:", " ".join(str(exc).split()))[0]
    if "non-chunked gzip" in message:
        return "gzipped as one stream, not record by record; `warcio recompress` fixes it"
    if len(message) > 200:
        message = message[:200] + "…"
    return message[:1].lower() + message[1:] if message else type(exc).__name__


def _damaged(reason: str, count: int) -> str:
    records = "record" if count == 1 else "records"
    return f"corrupt or truncated WARC file ({reason}) after {count} {records}"
