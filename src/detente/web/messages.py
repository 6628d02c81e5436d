"""The service's messages for a request it cannot answer, said as a person would: what
was asked for, what is wrong with it and what is accepted instead. One line per bad
parameter, named as the caller wrote it (``limit``, not ``query.limit``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from detente.errors import DetenteError
from detente.web.schemas import ARTICLE_ID_PATTERN, COUNTRY_PATTERN, DATE_PATTERN, DYAD_PATTERN

PATTERN_MEANINGS = {
    COUNTRY_PATTERN: "a three-letter country code such as USA",
    DYAD_PATTERN: "two three-letter country codes joined by a hyphen, such as USA-CHN",
    DATE_PATTERN: "a date: YYYY, YYYY-MM or YYYY-MM-DD",
    ARTICLE_ID_PATTERN: "16 hex digits",
}
"""What each pattern a parameter must match means, for the message that it did not."""

_ACCEPTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
}
"""What a parameter of a type takes, by the validation problem of a value of another."""

_LONGEST_VALUE = 60
_ACTOR_ID_EXAMPLE = "person:ingrid-haugland:nor"


def no_article(article_id: str) -> str:
    return (
        f"No article with id {_shown(article_id)}: article ids are "
        f"{PATTERN_MEANINGS[ARTICLE_ID_PATTERN]}, as /api/articles lists them"
    )


def no_actor(actor_id: str) -> str:
    return (
        f"No actor with id {_shown(actor_id)}: actor ids are like {_ACTOR_ID_EXAMPLE}, "
        "as /api/actors lists them"
    )


def nothing_at(path: str) -> str:
    """The message of a path that no endpoint, file or page answers."""
    if path.startswith("/api/"):
        return f"No endpoint at {path}: /docs lists the API's endpoints"
    if path.startswith("/static/"):
        return f"No file at {path}"
    return f"No page at {path}: the dashboard's pages are in the menu above"


def invalid_request(problems: Iterable[Mapping[str, Any]]) -> str:
    """One sentence per parameter with a problem (its first), joined by ``; ``.
    ``problems`` are pydantic's, as ``RequestValidationError.errors()`` gives them."""
    first: dict[str, str] = {}
    for problem in problems:
        name = _name(problem.get("loc", ()))
        first.setdefault(name, _sentence(name, problem))
    return "; ".join(first.values())


def _name(location: Iterable[Any]) -> str:
    """``query.limit`` is ``limit``; ``body`` alone is the request body."""
    parts = [str(part) for part in location]
    return ".".join(parts[1:]) if len(parts) > 1 else "the request body"


def _sentence(name: str, problem: Mapping[str, Any]) -> str:
    kind = problem.get("type", "")
    context = problem.get("ctx") or {}
    value = problem.get("input")
    if kind == "missing":
        return f"{name} is required"
    if kind == "extra_forbidden":
        return f"{name} is not a field of this request"
    if kind in ("model_attributes_type", "dict_type", "model_type"):
        return f"{name} must be a JSON object"
    if kind == "value_error":
        error = context.get("error")
        return error.message if isinstance(error, DetenteError) else f"{name}: {error}"
    if kind == "string_too_long":
        return f"{name} must be at most {context['max_length']} characters long, not {len(value)}"
    accepted = _accepted(kind, context)
    if accepted is None:
        return f"{name}: {problem.get('msg', 'not accepted')}"
    return f"{name} must be {accepted}, not {_shown(value)}"


def _accepted(kind: str, context: Mapping[str, Any]) -> str | None:
    """What the parameter takes, from the kind of problem and its context."""
    if kind == "string_pattern_mismatch":
        pattern = str(context.get("pattern", ""))
        return PATTERN_MEANINGS.get(pattern, f"text matching {pattern}")
    if kind in ("literal_error", "enum"):
        return str(context.get("expected"))
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "less_than_equal": ("at most", "le"),
        "greater_than": ("more than", "gt"),
        "less_than": ("less than", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        bound = context[key]
        return f"{words} {int(bound) if float(bound).is_integer() else bound}"
    return _ACCEPTED.get(kind)


def _shown(value: object) -> str:
    """A value as the message quotes it, cut short when long."""
    text = repr(value)
    return text if len(text) <= _LONGEST_VALUE else text[: _LONGEST_VALUE - 1] + "…"
