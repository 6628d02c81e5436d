"""Reading inputs: bytes to text, HTML to main text and metadata, and the bad-input checks.

Plain text keeps every character except line endings (``\\r\\n`` and ``\\r`` become
``\\n``) and a leading byte-order mark, so offsets into ``RawArticle.text`` are offsets
into what the user gave us.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from detente import errors
from detente.layout import find_byline

log = logging.getLogger(__name__)

MAX_BYTES = 20_000_000
"""Inputs larger than this are refused before they are read (``--max-bytes``)."""

MAX_CHARS = 1_000_000
"""Article text longer than this is refused: it is not one article (spaCy's own limit)."""

MIN_WORDS = 10
"""An HTML page whose main text has fewer words than this holds no article."""

_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
HEADLINE_CHARS = 200
HEADLINE_WORDS = 30
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(slots=True)
class RawArticle:
    """Text and metadata of one input, before analysis."""

    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    path: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, and why; a batch records it and goes on. ``code``
    is the coded error's (``D015`` for a file over the size limit)."""

    source: str
    reason: str
    code: str = errors.InputError.code

    @classmethod
    def of(cls, source: str, exc: errors.DetenteError) -> Failure:
        return cls(source, exc.message, exc.code)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 first, else the detected encoding (with a warning)."""
    warnings: list[str] = []
    if not data.strip():
        raise errors.EmptyInput(f"{name}: the input is empty")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:65536] and not utf16:
        raise errors.BinaryInput(f"{name}: this looks like a binary file, not text or HTML")
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise errors.UndecodableInput(
                f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start}) and no other "
                "text encoding fits; convert it to UTF-8"
            ) from None
        text = str(best)
        warnings.append(f"{name}: not valid UTF-8; decoded as {best.encoding}")
    control = len(_CONTROL.findall(text[:100_000]))
    if control > max(8, len(text[:100_000]) // 100):
        raise errors.BinaryInput(f"{name}: this looks like a binary file, not text or HTML")
    return normalise_newlines(text), warnings


def looks_like_html(data: bytes, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_SNIFF.match(data[:4096]))


def from_html(html: str, name: str) -> RawArticle:
    """The main text and metadata of an HTML page (trafilatura)."""
    import trafilatura

    if not _HTML_SNIFF.match(html[:4096].encode("utf-8", "replace")):
        html = f"<html><body><article>{html}</article></body></html>"  # a fragment
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile markup
        raise errors.NoArticleText(f"{name}: the HTML could not be read ({exc})") from None
    text = normalise_newlines(getattr(doc, "text", None) or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise errors.NoArticleText(f"{name}: the HTML page holds no article text")
    authors = [a.strip() for a in re.split(r";|\band\b", doc.author or "") if a.strip()]
    return RawArticle(
        text=text,
        title=doc.title or None,
        published=doc.date or None,
        outlet=doc.sitename or None,
        url=doc.url or None,
        authors=authors,
    )


def headline(text: str) -> str | None:
    """A plain text's first line, when a blank line follows it and it is short enough to
    be a headline ("Norway and Kenya sign trade pact\n\nOSLO - ...") and is no byline
    ("By Ana Ruiz, Reuters")."""
    first, _, rest = text.lstrip().partition("\n")
    if not rest.strip() or rest.split("\n", 1)[0].strip():
        return None
    first = first.strip()
    if not first or len(first) > HEADLINE_CHARS or len(first.split()) > HEADLINE_WORDS:
        return None
    _, byline = find_byline(first)
    return None if byline else first


def from_bytes(data: bytes, name: str, *, max_chars: int = MAX_CHARS) -> RawArticle:
    """One input's bytes to a RawArticle, HTML or plain text."""
    text, warnings = decode(data, name)
    raw = from_html(text, name) if looks_like_html(data, name) else RawArticle(text=text)
    if not raw.text.strip():
        raise errors.EmptyInput(f"{name}: the input holds only white space")
    check_length(raw.text, name, max_chars)
    raw.warnings.extend(warnings)
    return raw


def check_length(text: str, name: str, max_chars: int = MAX_CHARS) -> None:
    """Refuse text longer than one article can be (``TooLarge``)."""
    if len(text) > max_chars:
        raise errors.TooLarge(
            f"{name}: {len(text):,} characters of text is more than one article "
            f"(limit {max_chars:,}); split it into articles"
        )


def read_bytes(path: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, after the checks: it exists, is a file and is not too large."""
    file = Path(path)
    try:
        if file.is_dir():
            raise errors.NotAFile(f"{path}: is a directory; name the files in it")
        if not file.exists():
            raise errors.MissingInput(f"{path}: no such file")
        size = file.stat().st_size
        if size > max_bytes:
            raise errors.TooLarge(
                f"{path}: {size:,} bytes is more than the limit of {max_bytes:,} "
                "(--max-bytes); this is not one article"
            )
        return file.read_bytes()
    except OSError as exc:
        raise errors.InputError(f"{path}: cannot be read ({exc.strerror})") from None


def read_input(path: str, *, max_bytes: int = MAX_BYTES, max_chars: int = MAX_CHARS) -> RawArticle:
    """Read one input named on the command line (``-`` is standard input)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        name = path
        data = read_bytes(path, max_bytes=max_bytes)
    if len(data) > max_bytes:
        raise errors.TooLarge(f"{name}: more than the limit of {max_bytes:,} bytes (--max-bytes)")
    raw = from_bytes(data, name, max_chars=max_chars)
    raw.path = None if path == "-" else path
    return raw
