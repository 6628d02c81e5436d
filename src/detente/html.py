"""An article record as HTML: the dashboard's article page, without a server.

``article_html(record)`` draws what the dashboard's ``web/static/render.js`` draws for one
record (``Article.to_dict(include_text=True)``), with the same class names: the heading,
a legend, the text with actor mentions, quote parts and event triggers highlighted, and
the lists of events, quotes and actors. ``Article._repr_html_`` shows it in a notebook.

A notebook has none of the dashboard's stylesheet, and a ``<style>`` block would restyle
the whole notebook, so each element carries in its ``style`` the declarations that the
dashboard's own ``web/static/style.css`` gives its tag and classes: one stylesheet, so the
colours of the two views cannot drift apart.

The record's strings are text, never markup: ``element`` escapes every string that is not
``Markup`` built here, in content and attributes alike, and an address becomes a link
only when it is ``http`` or ``https``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from detente.kb.ontology import QUAD_CLASSES
from detente.palette import palette_css

STYLESHEET = Path(__file__).with_name("web") / "static" / "style.css"
SPEAKER_COLOURS = 8
"""Quotes take the colours ``spk-0`` to ``spk-7`` by speaker, in order, as on the dashboard."""

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_AT_RULE = re.compile(r"@[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SELECTOR = re.compile(r"([a-z][a-z0-9]*)?((?:\.[\w-]+)*)")
_VARIABLE = re.compile(r"var\((--[\w-]+)\)")

Record = dict[str, Any]


class Markup(str):
    """HTML built here; any other string put into an element is text and is escaped."""


@dataclass(frozen=True, slots=True)
class _Rule:
    tag: str | None
    classes: frozenset[str]
    declarations: tuple[str, ...]


def _declarations(body: str) -> tuple[str, ...]:
    return tuple(" ".join(d.split()) for d in body.split(";") if d.strip())


@cache
def _rules() -> tuple[_Rule, ...]:
    """The stylesheet's rules whose selector is a tag and classes (``li.record``,
    ``.mark.event``), least specific first, their ``:root`` variables (the palette's
    too) filled in. Rules
    under ``@media`` and selectors of states, children or attributes are left out."""
    stylesheet = palette_css() + STYLESHEET.read_text(encoding="utf-8")
    css = _AT_RULE.sub("", _COMMENT.sub("", stylesheet))
    variables: dict[str, str] = {}
    found: list[_Rule] = []
    for selectors, body in _RULE.findall(css):
        for selector in (s.strip() for s in selectors.split(",")):
            match = _SELECTOR.fullmatch(selector)
            if selector == ":root":
                for declaration in _declarations(body):
                    name, _, value = declaration.partition(":")
                    variables[name.strip()] = value.strip()
            elif selector and match:
                classes = frozenset(match[2].split(".")[1:])
                found.append(_Rule(match[1], classes, _declarations(body)))

    def filled(declaration: str) -> str:
        return _VARIABLE.sub(lambda m: variables.get(m[1], m[0]), declaration)

    found.sort(key=lambda rule: (len(rule.classes), rule.tag is not None))
    return tuple(_Rule(r.tag, r.classes, tuple(filled(d) for d in r.declarations)) for r in found)


@lru_cache(maxsize=1024)
def style(tag: str, classes: frozenset[str]) -> str:
    """The declarations the dashboard's stylesheet gives an element: for each property the
    one that wins the cascade, in the order they win."""
    winners: dict[str, str] = {}
    for rule in _rules():
        if rule.tag in (None, tag) and rule.classes <= classes:
            for declaration in rule.declarations:
                name = declaration.split(":", 1)[0].strip()
                winners.pop(name, None)
                winners[name] = declaration
    return "; ".join(winners.values())


def _content(children: Iterable[Any]) -> Iterable[str]:
    for child in children:
        if child is None:
            continue
        if isinstance(child, Markup):
            yield child
        elif isinstance(child, str):
            yield html.escape(child)
        else:
            yield from _content(child)


def element(
    tag: str, attributes: dict[str, str | None], *children: Any, styled_as: str | None = None
) -> Markup:
    """``<tag>`` with its attributes, the stylesheet's look for its tag (or ``styled_as``)
    and classes, and its children: ``Markup``, text, or lists of them."""
    classes = frozenset((attributes.get("class") or "").split())
    look = style(styled_as or tag, classes)
    pairs = {**attributes, "style": look or None}
    text = "".join(
        f' {name}="{html.escape(value)}"' for name, value in pairs.items() if value is not None
    )
    return Markup(f"<{tag}{text}>{''.join(_content(children))}</{tag}>")


def _quad_class(event_type: str) -> str:
    return "quad-" + QUAD_CLASSES.get(event_type, "unknown").replace("_", "-")


def _speaker_key(quote: Record) -> str:
    return quote.get("speaker") or f"?{quote.get('speaker_text') or ''}"


def _speaker_colours(record: Record) -> Callable[[Record], int]:
    colours: dict[str, int] = {}
    for quote in record["quotes"]:
        colours.setdefault(_speaker_key(quote), len(colours) % SPEAKER_COLOURS)
    return lambda quote: colours[_speaker_key(quote)]


def _describe_actor(actor: Record) -> str:
    codes = ", ".join(c for c in (actor["type"], actor.get("country"), actor.get("sector")) if c)
    role = f" — {actor['role']}" if actor.get("role") else ""
    return f"{actor['name']} ({codes}){role}"


def _event_sides(event: Record, actors: dict[str, Record]) -> str:
    def name(actor_id: str | None, country: str | None) -> str:
        actor = actors.get(actor_id or "")
        return actor["name"] if actor else country or "?"

    source = name(event.get("source"), event.get("source_country"))
    return f"{source} → {name(event.get('target'), event.get('target_country'))}"


def _describe_event(event: Record, actors: dict[str, Record]) -> str:
    mode = f"/{event['mode']}" if event.get("mode") else ""
    when = f", {event['date']}" if event.get("date") else ""
    sides = _event_sides(event, actors)
    return f"{event['type']}{mode} ({event['status']}): {sides}{when}"


_KINDS = ("actor", "quote", "event")


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str
    item: Record


def _marks(record: Record) -> list[_Mark]:
    """Every highlighted stretch of the text: actor mentions, quote parts, event triggers."""
    found = [
        _Mark(m["start"], m["end"], "actor", actor)
        for actor in record["actors"]
        for m in actor["mentions"]
    ]
    for quote in record["quotes"]:
        parts = quote.get("parts") or [quote]
        found.extend(_Mark(p["start"], p["end"], "quote", quote) for p in parts)
    found.extend(
        _Mark(e["trigger"]["start"], e["trigger"]["end"], "event", e)
        for e in record["events"]
        if e.get("trigger")
    )
    return found


def _piece(
    text: str, marks: list[_Mark], colour_of: Callable[[Record], int], context: _Context
) -> Markup | str:
    """One stretch of text between span boundaries, in a link for the marks covering it."""
    if not marks:
        return text
    actor, quote, event = (next((m.item for m in marks if m.kind == k), None) for k in _KINDS)
    classes, titles = ["mark"], []
    if quote is not None:
        classes += ["quote", f"spk-{colour_of(quote)}"]
        speaker = quote.get("speaker_text") or "unknown"
        titles.append(f"Quote {quote['id']} ({quote['kind']}) by {speaker}")
    if actor is not None:
        classes.append("actor")
        titles.append(f"Actor {actor['id']}: {_describe_actor(actor)}")
    if event is not None:
        classes += ["event", _quad_class(event["type"]), f"status-{event['status']}"]
        titles.append(f"Event {event['id']}: {_describe_event(event, context.actors)}")
    kind, item = next(
        (kind, item)
        for kind, item in (("event", event), ("actor", actor), ("quote", quote))
        if item is not None
    )
    attributes = {
        "class": " ".join(classes),
        "href": f"#{context.anchor(kind, item)}",
        "title": "\n".join(titles),
    }
    return element("a", attributes, text)


@dataclass(frozen=True, slots=True)
class _Context:
    """What every part of one article's view needs: its actors by id, and anchor names
    unique to the article (a notebook may show several)."""

    article_id: str
    actors: dict[str, Record]

    def anchor(self, kind: str, item: Record) -> str:
        return f"detente-{self.article_id}-{kind}-{item['id']}"


def _highlighted_text(
    record: Record, colour_of: Callable[[Record], int], context: _Context
) -> Markup:
    text = record["article"].get("text") or ""
    marks = [m for m in _marks(record) if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    pieces = [
        _piece(
            text[start:end],
            [m for m in marks if m.start <= start and m.end >= end],
            colour_of,
            context,
        )
        for start, end in pairwise(cuts)
    ]
    return element("div", {"class": "article-text"}, pieces)


def _badge(value: str | None, extra: str = "") -> Markup | None:
    return element("span", {"class": f"badge {extra}".strip()}, value) if value else None


def _actor_list(record: Record, context: _Context) -> Markup:
    items = []
    for actor in record["actors"]:
        details = [actor.get("role"), actor.get("affiliation")]
        items.append(
            element(
                "li",
                {"id": context.anchor("actor", actor), "class": "record"},
                element("span", {"class": "rid"}, actor["id"]),
                " ",
                element("strong", {}, actor["name"]),
                " ",
                [_badge(actor.get(key)) for key in ("type", "country", "sector")],
                " ",
                element("span", {"class": "muted"}, f"{len(actor['mentions'])}×"),
                element("div", {"class": "muted small"}, " · ".join(d for d in details if d))
                if any(details)
                else None,
            )
        )
    return element("ol", {"class": "records"}, items)


def _quote_list(record: Record, colour_of: Callable[[Record], int], context: _Context) -> Markup:
    items = [
        element(
            "li",
            {"id": context.anchor("quote", quote), "class": "record"},
            element("span", {"class": f"swatch spk-{colour_of(quote)}"}),
            element("span", {"class": "rid"}, quote["id"]),
            " ",
            element("strong", {}, quote.get("speaker_text") or "unknown speaker"),
            " ",
            _badge(quote["kind"]),
            element("span", {"class": "muted small"}, f" {quote['cue']}")
            if quote.get("cue")
            else None,
            element("blockquote", {}, quote["text"]),
        )
        for quote in record["quotes"]
    ]
    return element("ol", {"class": "records"}, items)


def _event_list(record: Record, context: _Context) -> Markup:
    items = [
        element(
            "li",
            {"id": context.anchor("event", event), "class": "record"},
            element("span", {"class": "rid"}, event["id"]),
            " ",
            element("span", {"class": f"type {_quad_class(event['type'])}"}, event["type"]),
            " ",
            _badge(event["status"], f"status-{event['status']}"),
            " ",
            _event_sides(event, context.actors),
            [
                element("span", {"class": "muted"}, f" · {event[key]}")
                for key in ("date", "location")
                if event.get(key)
            ],
            element("div", {"class": "muted small"}, event["evidence"]["text"]),
        )
        for event in record["events"]
    ]
    return element("ol", {"class": "records"}, items)


def _legend(record: Record, colour_of: Callable[[Record], int]) -> Markup:
    speakers: dict[str, int] = {}
    for quote in record["quotes"]:
        speakers.setdefault(quote.get("speaker_text") or "unknown speaker", colour_of(quote))

    def mark(classes: str, label: str) -> Markup:
        return element("span", {"class": f"mark {classes}"}, label)

    cooperation = "event quad-verbal-cooperation"
    return element(
        "div",
        {"class": "legend"},
        element("span", {}, mark("actor", "Actor")),
        element(
            "span",
            {},
            mark(cooperation, "cooperation"),
            " / ",
            mark("event quad-verbal-conflict", "conflict"),
            " event",
        ),
        element(
            "span",
            {},
            mark(f"{cooperation} status-planned", "planned"),
            " ",
            mark(f"{cooperation} status-negated", "negated"),
        ),
        [element("span", {}, mark(f"quote spk-{c}", name)) for name, c in speakers.items()],
    )


def article_name(meta: Record) -> str:
    """A title, else the file it came from, else its id."""
    if meta.get("title"):
        return str(meta["title"])
    if meta.get("path"):
        return re.split(r"[\\/]", str(meta["path"]))[-1]
    return f"Article {meta['id']}"


def safe_url(value: str | None) -> str | None:
    """An outside address only when it is http(s): an article's own url may be anything."""
    if not value:
        return None
    try:
        scheme = urlsplit(value).scheme
    except ValueError:
        return None
    return value if scheme in ("http", "https") else None


def _header(record: Record) -> Markup:
    meta = record["article"]
    authors = meta.get("authors") or []
    details = [
        meta.get("published"),
        meta.get("outlet"),
        f"by {', '.join(authors)}" if authors else None,
        f"id {meta['id']}",
    ]
    url = safe_url(meta.get("url"))
    link = element("a", {"href": url, "rel": "noopener noreferrer nofollow"}, "source")
    counts = (
        f"{len(record['actors'])} actors · {len(record['quotes'])} quotes · "
        f"{len(record['events'])} events"
    )
    return element(
        "header",
        {"class": "article-head"},
        element("h1", {}, article_name(meta)),
        element(
            "p",
            {"class": "muted"},
            " · ".join(d for d in details if d),
            [" · ", link] if url else None,
        ),
        element("p", {"class": "counts"}, counts),
    )


def article_html(record: Record) -> Markup:
    """The record (with its text) as the dashboard's article page draws it."""
    colour_of = _speaker_colours(record)
    context = _Context(str(record["article"]["id"]), {a["id"]: a for a in record["actors"]})
    records = element(
        "aside",
        {"class": "records-column"},
        element("h2", {}, f"Events ({len(record['events'])})"),
        _event_list(record, context),
        element("h2", {}, f"Quotes ({len(record['quotes'])})"),
        _quote_list(record, colour_of, context),
        element("h2", {}, f"Actors ({len(record['actors'])})"),
        _actor_list(record, context),
    )
    return element(
        "div",
        {"class": "detente-article"},
        _header(record),
        _legend(record, colour_of),
        element(
            "div",
            {"class": "article-grid"},
            element(
                "section", {"class": "text-column"}, _highlighted_text(record, colour_of, context)
            ),
            records,
        ),
        styled_as="body",
    )
