"""The values people give detente, checked the same way wherever they come in.

The command line, the Python API and the HTTP API pass every date, country code and dyad
a person gives through these checks, so one mistake is one coded error at every door: a
date is a real calendar date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
(``calendar_date``), and a country code is one the knowledge base or the store knows,
else the message names the nearest (``Countries``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache

from detente import errors
from detente.kb import KnowledgeBase

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_DATE_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
"""ASCII digits only: ``\\d`` would take other scripts' digits too."""


def calendar_date(name: str, value: object) -> str:
    """``value`` itself when it is a real calendar date written YYYY, YYYY-MM or
    YYYY-MM-DD; else ``InvalidDate`` naming ``name`` and what is wrong."""
    problem: str | None
    if not isinstance(value, str):
        problem = f"write {DATE_FORMS} as a string"
    elif _DATE_SHAPE.fullmatch(value):
        problem = _calendar_problem(*value.split("-"))
        if problem is None:
            return value
    else:
        problem = f"write {DATE_FORMS}"
    raise errors.InvalidDate(name=name, value=value, problem=problem)


def _calendar_problem(year: str, month: str = "01", day: str = "01") -> str | None:
    """What keeps these digits from being a day of the calendar, or None."""
    if int(year) < dt.MINYEAR:
        return f"there is no year {year}"
    if not 1 <= int(month) <= 12:
        return f"there is no month {month}"
    if int(day) < 1:
        return f"there is no day {day}"
    days = calendar.monthrange(int(year), int(month))[1]
    if int(day) > days:
        return f"{calendar.month_name[int(month)]} {year} has {days} days"
    return None


@lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    """The shipped knowledge base, built once and only read."""
    return KnowledgeBase.default()


@lru_cache(maxsize=1)
def _shipped_codes() -> frozenset[str]:
    return _shipped().country_codes()


class Countries:
    """The country codes a person may name: the shipped knowledge base's, and those a
    store holds (a user's ``--kb`` may have added some when it was filled). ``stored``
    gives the store's codes; it is asked only for a code the knowledge base lacks."""

    def __init__(self, stored: Callable[[], Iterable[str]] = tuple) -> None:
        self._stored = stored

    def code(self, name: str, value: str) -> str:
        """``value`` in capitals when it is a known code; else ``UnknownCountry`` naming
        ``name`` and the nearest known codes."""
        code = value.upper()
        if value.isascii() and code in _shipped_codes():
            return code
        known = _shipped_codes() | set(self._stored())
        if value.isascii() and code in known:
            return code
        raise errors.UnknownCountry(name=name, value=value, hint=_nearest(value, known))

    def dyad(self, name: str, value: str) -> tuple[str, str]:
        """The two codes of ``AAA-BBB`` (or ``AAA_BBB``), each a known code."""
        parts = value.replace("_", "-").split("-")
        if len(parts) != 2:
            raise errors.InvalidDyad(name=name, value=value)
        return self.code(name, parts[0]), self.code(name, parts[1])


def _nearest(value: str, known: Collection[str]) -> str:
    """A hint for an unknown code: the code of the country the value names ("Norway":
    NOR), else the codes spelled most like it."""
    named = _shipped().country(value)
    if named is not None:
        return f"did you mean {named.iso3}?"
    nearest = difflib.get_close_matches(value.upper(), sorted(known), n=3, cutoff=0.6)
    if not nearest:
        return "give a three-letter ISO 3166 code such as USA or CHN"
    return f"did you mean {', '.join(nearest)}?"
