"""Which date an event gets, and what it was resolved against.

The **reference date** of an article is its publication date (``--published``, the
HTML metadata, a record's field), else the date of its dateline ("KYIV, July 8, 2024
—"), else a line near the top that is only a date ("Friday, January 4, 2019"). Relative
time words ("today", "on Tuesday") are resolved against it, and a dateline that
disagrees with the publication date is reported as a warning.

An event takes the time expression of its sentence that belongs to it, with
``date_source`` "text". A planned or hypothetical action does not take the time of the
verb that governs it: in "agreed on Saturday to resume talks" Saturday is the date of
the agreement, and the talks have none. An event that occurred, is reported as current
and has no time of its own takes the reference date, with ``date_source`` "dateline" or
"article"; background (past perfect, "previously", "since") keeps no date it does not
have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from detente.events.dates import FUTURE, PAST, TimeExpression, find_time_expressions
from detente.layout import Layout

TEXT, DATELINE, ARTICLE = "text", "dateline", "article"
_BACKGROUND_ADVERBS = frozenset(
    {"previously", "formerly", "earlier", "once", "originally", "long", "already", "ago"}
)


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    """The date relative time words are resolved against, and where it came from."""

    value: str | None = None
    source: str | None = None
    warning: str | None = None

    @property
    def day(self) -> dt.date | None:
        return as_date(self.value)


def as_date(value: str | None) -> dt.date | None:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string as a date (its first day)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts[:3])
    except ValueError:
        return None


def _date_in(text: str, published: dt.date | None) -> str | None:
    """The date a dateline or date line gives: a year-less day falls in the year of
    the publication date it stands beside, before or after it."""
    found = find_time_expressions(text, published)
    return found[0].value if found else None


def reference_date(text: str, layout: Layout, published: str | None) -> ReferenceDate:
    """The article's reference date: the publication date, else the dateline's, else a
    date line's; with a warning when the dateline and the publication date disagree."""
    dateline = text[slice(*layout.dateline_date)] if layout.dateline_date else None
    if published:
        warning = None
        if dateline:
            said = _date_in(dateline, as_date(published))
            if said and not (said.startswith(published) or published.startswith(said)):
                warning = (
                    f"the dateline says {dateline!r} ({said}), the article date is {published}"
                )
        return ReferenceDate(published, ARTICLE, warning)
    if dateline:
        said = _date_in(dateline, None)
        if said and len(said) == 10:
            return ReferenceDate(said, DATELINE)
    if layout.date_line:
        said = _date_in(text[slice(*layout.date_line)], None)
        if said:
            return ReferenceDate(said, ARTICLE)
    return ReferenceDate()


class EventDates:
    """The dates of one article's events."""

    def __init__(self, reference: ReferenceDate) -> None:
        self.reference = reference
        self.published = reference.day
        self.times: dict[tuple[int, str], list[TimeExpression]] = {}

    def expressions(self, sent: Span, status: str) -> list[TimeExpression]:
        # a bare month or a weekday is read forward for an event still to come, backward
        # otherwise
        hint = FUTURE if status in ("planned", "hypothetical") else PAST
        found = self.times.get((sent.start, hint))
        if found is None:
            found = find_time_expressions(sent.text, self.published, tense_hint=hint)
            self.times[(sent.start, hint)] = found
        return found

    def after_reference(self, value: str) -> bool:
        """Whether a date lies after the article's reference date: no date of what has
        happened ("signed the pipeline deal, to be finished by 2025")."""
        return self.reference.value is not None and _later(value, self.reference.value)

    def date_of(self, sent: Span, token: Token, status: str) -> tuple[str | None, str | None]:
        """The event's date and its ``date_source``, or (None, None)."""
        own = [
            e
            for e in self.expressions(sent, status)
            if e.value
            and not _of_a_governing_verb(sent, e, token, status)
            and not (status == "occurred" and self.after_reference(e.value))
        ]
        if own:
            offset = token.idx - sent.start_char
            best = min(own, key=lambda e: min(abs(e.start - offset), abs(e.end - offset)))
            return best.value, TEXT
        if status == "occurred" and self.reference.value and not _background(token):
            return self.reference.value, self.reference.source
        return None, None


def _later(value: str, reference: str) -> bool:
    """Whether a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) begins after the
    reference date ends, compared at the coarser of the two precisions."""
    width = min(len(value), len(reference))
    return value[:width] > reference[:width]


def _clause_verb(token: Token) -> Token:
    node = token
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head is node:
            return node
        node = node.head
    return node


def _of_a_governing_verb(sent: Span, expression: TimeExpression, token: Token, status: str) -> bool:
    """Whether a time expression dates the verb that governs a planned or hypothetical
    action rather than the action ("agreed on Saturday to resume talks")."""
    if status not in ("planned", "hypothetical"):
        return False
    where = sent.char_span(expression.start, expression.end, alignment_mode="expand")
    if where is None or not len(where):
        return False
    dated = _clause_verb(where.root)
    action = _clause_verb(token)
    return dated is not action and dated in action.ancestors


def _background(token: Token) -> bool:
    """Whether the action is told as background: a past perfect ("had committed"), or an
    adverb such as "previously" or "long" on its verb."""
    verb = _clause_verb(token)
    children = list(verb.children)
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in children):
        return True
    return any(
        c.dep_ in ("advmod", "npadvmod") and c.lower_ in _BACKGROUND_ADVERBS for c in children
    )
