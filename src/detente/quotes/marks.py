"""Pairing quotation marks, robust to the marks news text really has.

Curly marks say which way they face; straight ``"`` marks are read from the characters
around them. A quotation may run over paragraphs when each new paragraph opens with a
mark and only the last one closes. Marks that pair with nothing are reported, never
fatal: the longest consistent pairing is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
_BEFORE_OPENING = frozenset(" \t\n([{—–-/:")
_MARK = re.compile('[“„«”»"]')


@dataclass(slots=True)
class QuotedSpan:
    """One quotation between marks, within one paragraph.

    ``start``/``end`` enclose the words without the marks. ``chain`` numbers the
    quotations that form one quotation over several paragraphs; ``closed`` is False for
    a paragraph that the quotation runs past without a closing mark.
    """

    open_at: int
    close_at: int
    start: int
    end: int
    chain: int
    closed: bool = True


@dataclass(slots=True)
class Pairing:
    spans: list[QuotedSpan] = field(default_factory=list)
    stray: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Marks:
    """The quoted spans of one article, and their extents with the marks included."""

    spans: list[QuotedSpan]
    marked: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> Marks:
        spans = pair_marks(text).spans
        return cls(spans, [(s.open_at, s.close_at + 1) for s in spans])


def _direction(text: str, i: int) -> str:
    char = text[i]
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if char in OPENING:
        # “ typed for ” ("...here,“ said"): read from its place, like a straight mark.
        if char == "“" and before in ",.!?" and after.isspace():
            return "either"
        return "open"
    if char in CLOSING:
        # ” typed for “ at the start of a paragraph ("”Fear. I am afraid ...").
        if char == "”" and before in "\n" and not after.isspace():
            return "either"
        return "close"
    if before in _BEFORE_OPENING and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
    return starts


def pair_marks(text: str) -> Pairing:
    """Pair the double quotation marks of a text into quoted spans."""
    result = Pairing()
    marks = [m.start() for m in _MARK.finditer(text)]
    if not marks:
        return result
    line_of = {}
    line = 0
    starts = _paragraph_starts(text)
    for i in marks:
        while line + 1 < len(starts) and starts[line + 1] <= i:
            line += 1
        line_of[i] = line
    chain = 0
    nested = 0  # marks of the other style inside the open quotation ("... “Equal Justice” ...")
    open_at: int | None = None
    pieces: list[QuotedSpan] = []  # paragraphs of the quotation open now, not yet closed

    def at_paragraph_start(i: int) -> bool:
        return not text[starts[line_of[i]] : i].strip()

    def drop_open() -> None:
        nonlocal open_at, pieces, nested
        nested = 0
        if open_at is not None:
            result.stray.append(pieces[0].open_at if pieces else open_at)
        open_at, pieces = None, []

    for i in marks:
        direction = _direction(text, i)
        if open_at is not None and line_of[i] != line_of[open_at]:
            # The quotation reached the end of its paragraph without closing: it goes on
            # only if this paragraph opens with a new mark.
            if direction != "close" and at_paragraph_start(i) and line_of[i] > line_of[open_at]:
                end = (
                    starts[line_of[open_at] + 1] - 1
                    if line_of[open_at] + 1 < len(starts)
                    else len(text)
                )
                pieces.append(
                    QuotedSpan(
                        open_at, end, open_at + 1, _trim_end(text, open_at + 1, end), chain, False
                    )
                )
                open_at = i
                continue
            drop_open()
        if open_at is not None and (text[i] == STRAIGHT) != (text[open_at] == STRAIGHT):
            # A quotation inside a quotation, marked in the other style.
            if direction == "open" or (direction == "either" and nested == 0):
                nested += 1
                continue
            if nested > 0:
                nested -= 1
                continue
        if direction == "open" or (direction == "either" and open_at is None):
            if open_at is not None:
                drop_open()
            open_at = i
            continue
        if open_at is None:
            result.stray.append(i)
            continue
        result.spans.extend(pieces)
        result.spans.append(QuotedSpan(open_at, i, open_at + 1, i, chain))
        chain += 1
        open_at, pieces = None, []
    drop_open()
    result.spans = [s for s in result.spans if text[s.start : s.end].strip()]
    result.spans.sort(key=lambda s: s.start)
    return result


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
