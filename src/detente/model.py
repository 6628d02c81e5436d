"""The article record (`detente/article@1`) as typed dataclasses.

The field names and meanings follow ``spec/article-json.md``; ``to_dict`` produces the
public JSON shape. Offsets are character offsets into ``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from detente.errors import InputError
from detente.html import Markup, article_html

SCHEMA = "detente/article@1"
REPR_TEXT = 48
"""Text in a repr is cut to this many characters: a repr says what a record is, the
record itself has the rest."""


def _short(text: str) -> str:
    """A text for a repr, quoted, cut to ``REPR_TEXT`` characters."""
    return repr(text if len(text) <= REPR_TEXT else text[: REPR_TEXT - 1] + "…")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(start=data["start"], end=data["end"], text=data["text"])

    def __repr__(self) -> str:
        return f"<Span {self.start}:{self.end} {_short(self.text)}>"


@dataclass(frozen=True, slots=True)
class Coding:
    """Why an actor got one of its codes: the rule that fired and the words behind it."""

    rule: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule}
        if self.span is not None:
            out.update(self.span.to_dict())
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Coding:
        span = Span.from_dict(data) if "start" in data else None
        return cls(rule=data["rule"], span=span)

    def __repr__(self) -> str:
        where = f" {self.span.start}:{self.span.end} {_short(self.span.text)}" if self.span else ""
        return f"<Coding {self.rule}{where}>"


@dataclass(slots=True)
class Actor:
    """A person, organisation, country or group, with every mention of it."""

    id: str
    type: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    coding: dict[str, Coding] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [m.to_dict() for m in self.mentions],
            "coding": {key: c.to_dict() for key, c in sorted(self.coding.items())},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            type=data["type"],
            name=data["name"],
            country=data.get("country"),
            sector=data.get("sector"),
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            mentions=[Span.from_dict(m) for m in data.get("mentions", [])],
            coding={key: Coding.from_dict(c) for key, c in data.get("coding", {}).items()},
        )

    def __repr__(self) -> str:
        codes = [c for c in (self.country, self.sector) if c]
        role = [_short(self.role)] if self.role else []
        words = " ".join([self.id, self.type, _short(self.name), *codes, *role])
        return f"<Actor {words}, {_count(len(self.mentions), 'mention')}>"


@dataclass(slots=True)
class Quote:
    id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_mention: Span | None = None
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    channel: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        parts = self.parts or [(self.start, self.end)]
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "parts": [{"start": s, "end": e} for s, e in parts],
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue,
            "cue_span": (
                {"start": self.cue_span[0], "end": self.cue_span[1]} if self.cue_span else None
            ),
            "channel": self.channel,
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        mention, cue = data.get("speaker_mention"), data.get("cue_span")
        return cls(
            id=data["id"],
            kind=data["kind"],
            text=data["text"],
            start=data["start"],
            end=data["end"],
            speaker=data.get("speaker"),
            speaker_text=data.get("speaker_text"),
            speaker_mention=Span.from_dict(mention) if mention else None,
            cue=data.get("cue"),
            cue_span=(cue["start"], cue["end"]) if cue else None,
            channel=data.get("channel"),
            parts=[(p["start"], p["end"]) for p in data.get("parts", [])],
            rule=data.get("rule"),
        )

    def __repr__(self) -> str:
        speaker = f"by {_short(self.speaker_text)}" if self.speaker_text else "unattributed"
        where = f"{self.start}:{self.end}"
        return f"<Quote {self.id} {self.kind} {where} {speaker}: {_short(self.text)}>"


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    status: str
    source: str | None
    target: str | None
    source_country: str | None
    target_country: str | None
    date: str | None
    location: str | None
    intensity: float
    confidence: float
    evidence: Span
    rule: str
    trigger: Span | None = None
    date_source: str | None = None
    """Where ``date`` comes from: ``text`` (a time expression of the evidence),
    ``dateline`` or ``article`` (the reference date, for an event reported as current
    with no time of its own); None when there is no date."""
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    location_precision: str | None = None
    """``city``, ``region`` or ``country``: what ``location`` names, and how precise
    ``lat`` and ``lon`` are (none for a country)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "status": self.status,
            "source": self.source,
            "target": self.target,
            "source_country": self.source_country,
            "target_country": self.target_country,
            "date": self.date,
            "date_source": self.date_source,
            "location": self.location,
            "location_country": self.location_country,
            "lat": self.lat,
            "lon": self.lon,
            "location_precision": self.location_precision,
            "intensity": self.intensity,
            "confidence": self.confidence,
            "evidence": self.evidence.to_dict(),
            "rule": self.rule,
            "trigger": self.trigger.to_dict() if self.trigger else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        trigger = data.get("trigger")
        return cls(
            id=data["id"],
            type=data["type"],
            mode=data.get("mode"),
            status=data["status"],
            source=data.get("source"),
            target=data.get("target"),
            source_country=data.get("source_country"),
            target_country=data.get("target_country"),
            date=data.get("date"),
            location=data.get("location"),
            intensity=data["intensity"],
            confidence=data["confidence"],
            evidence=Span.from_dict(data["evidence"]),
            rule=data["rule"],
            trigger=Span.from_dict(trigger) if trigger else None,
            date_source=data.get("date_source"),
            location_country=data.get("location_country"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            location_precision=data.get("location_precision"),
        )

    def __repr__(self) -> str:
        kind = f"{self.type}/{self.mode}" if self.mode else self.type
        sides = f"{_side(self.source, self.source_country)} → "
        sides += _side(self.target, self.target_country)
        when = [self.date] if self.date else []
        where = [f"in {self.location}"] if self.location else []
        words = " ".join([self.id, kind, self.status, sides, *when, *where])
        said = self.trigger or self.evidence
        return f"<Event {words}: {_short(said.text)}>"


def _side(actor_id: str | None, country: str | None) -> str:
    """An event's source or target in a repr: the actor's id and country, as known."""
    if actor_id and country:
        return f"{actor_id} ({country})"
    return actor_id or country or "?"


@dataclass(slots=True)
class Article:
    """One analysed article: metadata, actors, quotes and events."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str = "en"
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def actor(self, actor_id: str | None) -> Actor | None:
        """The actor with this id, or None."""
        if actor_id is None:
            return None
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "path": self.path,
            "authors": list(self.authors),
            "language": self.language,
        }
        if include_text:
            meta["text"] = self.text
        return {
            "schema": SCHEMA,
            "article": meta,
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Article:
        """The article of a ``detente/article@1`` record written with its text
        (``to_dict(include_text=True)``, ``detente analyze --include-text``);
        ``InputError`` for any other record."""
        meta = record.get("article") if isinstance(record, dict) else None
        if not isinstance(meta, dict) or record.get("schema") != SCHEMA or "text" not in meta:
            raise InputError(f"not a {SCHEMA} record with its text")
        try:
            return cls._from_record(meta, record)
        except (KeyError, TypeError, AttributeError) as exc:
            raise InputError(
                f"a {SCHEMA} record with a missing or malformed field ({exc})"
            ) from None

    @classmethod
    def _from_record(cls, meta: dict[str, Any], record: dict[str, Any]) -> Article:
        return cls(
            id=meta["id"],
            text=meta["text"],
            title=meta.get("title"),
            published=meta.get("published"),
            outlet=meta.get("outlet"),
            url=meta.get("url"),
            path=meta.get("path"),
            authors=list(meta.get("authors", [])),
            language=meta.get("language", "en"),
            actors=[Actor.from_dict(a) for a in record.get("actors", [])],
            quotes=[Quote.from_dict(q) for q in record.get("quotes", [])],
            events=[Event.from_dict(e) for e in record.get("events", [])],
        )

    def __repr__(self) -> str:
        title = _short(self.title) if self.title else "(no title)"
        counts = [
            _count(len(self.actors), "actor"),
            _count(len(self.quotes), "quote"),
            _count(len(self.events), "event"),
        ]
        if self.warnings:
            counts.append(_count(len(self.warnings), "warning"))
        date = self.published or "undated"
        return f"<Article {self.id} {title} {date}: {', '.join(counts)}>"

    def _repr_html_(self) -> Markup:
        """The article as the dashboard's article page shows it (for notebooks)."""
        return article_html(self.to_dict(include_text=True))
