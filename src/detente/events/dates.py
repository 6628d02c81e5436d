"""Time expressions in a sentence, resolved against the article's publication date.

``find_time_expressions(text, published)`` returns every date-like expression in
``text``, sorted by position and non-overlapping (where two patterns overlap, the longer
match wins). Each one carries an ISO value at the precision the text gives: ``"2023"``
(year), ``"2023-06"`` (month) or ``"2023-06-19"`` (day). Past background events keep
their own dates: "in 2019" is 2019, whatever the article's date.

Absolute expressions carry their own year ("June 19, 2023", "19 June 2023",
"2023-06-19", "6/19/2023" in US order, "June 2023", "early 2022", "in 2019", "the
summer of 2019") and resolve even when the article date is unknown; their direction
is ``"absolute"``. Every other expression is resolved against the article date, and
its direction (``"past"``, ``"present"`` or ``"future"``) says where its value lies
relative to that date. With ``published=None`` such expressions are still found, with
value ``None`` and the direction their words imply ("yesterday" past, "next month"
future, "this year" present; otherwise ``tense_hint``, else past).

Resolution policy (``tense_hint`` is ``"past"``, ``"future"`` or ``None``, the tense
of the sentence if the caller knows it; it only breaks the ties named here):

* A bare month ("in November", "until March", "mid-June") is in the article's year,
  so a month later than the publication month is future; with ``tense_hint="past"``
  such a month is the previous year's, and with ``tense_hint="future"`` a month
  earlier than the publication month is the next year's. "last June" is the most
  recent June before the publication month, "next June" the first one after it.
* A month and day without a year ("on June 19", "19 June") is in the article's year
  unless that falls more than 62 days after the publication date, in which case it is
  the previous year's (news reports past events). ``tense_hint="past"`` moves any
  date after publication to the previous year; ``tense_hint="future"`` moves any
  date before publication to the next year.
* A weekday ("Monday", "on Monday", "this Monday") is the most recent such day on or
  before the publication date (the publication day itself if it is that weekday);
  with ``tense_hint="future"`` the first such day on or after it. "last Monday" is
  strictly before, "next Monday" strictly after.
* A weekend resolves to the month of its Saturday, at month precision (a two-day
  span is not one day). "over the weekend", "the weekend" and "this weekend" are the
  weekend of the publication date when it falls on Saturday or Sunday; otherwise the
  weekend just before it, or with ``tense_hint="future"`` the one just after.
  "last weekend" is the latest weekend that ended before the publication date;
  "next weekend" the first one that starts after it.
* Weeks resolve to the month of their Monday at month precision ("last week",
  "earlier this week", "next week").
* "last/this/next month" and "earlier/later this month" are months; "last/this/next
  year", "earlier this year", "late last year" are years.
* "N days ago" is a day; "N weeks ago" and "N months ago" are months; "N years ago"
  and "N decades ago" are years. A vague count ("a few days ago") has value ``None``.

Not dates: durations ("for five years", "in five years", "the past decade", "over the
last year"), numbers that are not years ("2,000 troops", "1,500"), clock times
("at 5 p.m."). A capitalised month name is needed, and "May" or "March" with neither
a day nor a year is a month only after "in", "on", "since", "until", "till",
"during", "early", "late", "mid-", "the end of", "last", "next" or "this" ("Washington may
stumble", "protesters march" are not dates). Other month names without a day or year
need one of those words or a preposition of time ("before", "after", "by", "from",
"through", "for", "to"). A year without a month needs such a preposition or "early",
"late" or "mid-" ("in 2019", "since 2019", "mid-2022"); "the 2019 election" is
not read as a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from detente.errors import InvalidArgument

__all__ = ["TimeExpression", "find_time_expressions"]

PAST = "past"
FUTURE = "future"
PRESENT = "present"
ABSOLUTE = "absolute"
YEAR = "year"
MONTH = "month"
DAY = "day"

_MONTH_DAY_WINDOW = dt.timedelta(days=62)
"""How far after publication a year-less month-day may fall and stay in that year."""


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: its place in the text and its resolved value."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str
    direction: str
    rule: str


@dataclass(frozen=True)
class _Context:
    published: dt.date | None
    hint: str | None


@dataclass(frozen=True)
class _Resolution:
    when: dt.date | None
    precision: str
    direction: str
    rule: str


_Resolver = Callable[[re.Match[str], _Context], _Resolution | None]

# --- vocabulary ----------------------------------------------------------------------

_FULL_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS: dict[str, int] = {name: i for i, name in enumerate(_FULL_MONTHS, start=1)}
_MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_AMBIGUOUS_MONTHS = frozenset({"may", "march"})
_STRICT_TRIGGERS = frozenset({"in", "on", "since", "until", "till", "during"})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
}
_VAGUE_NUMBERS = ("a couple of", "a few", "several", "some", "many")

# --- pattern fragments ---------------------------------------------------------------

_ABBREVIATIONS = "Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_MON = rf"(?P<mon>(?:{'|'.join(_FULL_MONTHS)})\b|(?:{_ABBREVIATIONS})(?:\.|\b))"
_WD_NAMES = "|".join(_WEEKDAYS)
_WD_PREFIX = rf"(?:(?:{_WD_NAMES}),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>(?:19|20)\d\d)\b(?![.,]\d|-\d|%)"
_MOD = r"(?P<mod>(?:early|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)\s+|mid-?\s*)"
_REL_MOD = (
    r"(?P<mod>(?:earlier|later|early|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)"
    r"\s+|mid-?\s*)"
)
_NOT_THE = r"(?<!\bthe\s)"
_UNITS_AFTER_NUMBER = (
    r"troops|soldiers|people|civilians|refugees|migrants|dollars|euros|tons|tonnes|"
    r"km|kilometers|kilometres|miles|members|deaths|cases|votes|seats"
)
_NUMBER_WORDS = "|".join(
    [re.escape(v).replace(r"\ ", r"\s+") for v in _VAGUE_NUMBERS]
    + sorted(_NUMBERS, key=len, reverse=True)
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_ISO = _compile(
    r"\b(?P<x>(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>[0-3]\d))\b(?!-\d)"
)
_US_NUMERIC = _compile(
    r"(?<![\d/])(?P<x>(?P<mnum>1[0-2]|0?[1-9])/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d))"
    r"\b(?!/\d)"
)
_MONTH_DAY_YEAR = _compile(rf"\b(?P<x>{_WD_PREFIX}{_MON}\s+{_DAY},?\s+{_YEAR})")
_DAY_MONTH_YEAR = _compile(
    rf"(?<![\d,.])\b(?P<x>{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR})"
)
_MONTH_YEAR = _compile(rf"\b(?P<x>{_MOD}?{_MON},?\s+(?:of\s+)?{_YEAR})")
_MONTH_DAY = _compile(rf"\b(?P<x>{_WD_PREFIX}{_MON}\s+{_DAY})(?![.,]\d|\s*%)")
_DAY_MONTH = _compile(rf"(?<![\d,.])\b(?P<x>{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MON})")
_BARE_MONTH = _compile(
    r"\b(?:(?P<trig>in|on|since|until|till|during|before|after|by|from|through|for|to)\s+)?"
    rf"(?P<x>{_MOD}?{_MON})"
)
_REL_MONTH_NAME = _compile(rf"{_NOT_THE}\b(?P<x>(?P<rel>last|next|this)\s+{_MON})")
_BARE_YEAR = _compile(
    r"\b(?:(?P<trig>in|since|until|till|during|before|after|by|from|through|for)\s+)?"
    rf"(?P<x>{_MOD}?{_YEAR})(?!\s+(?:{_UNITS_AFTER_NUMBER})\b)"
)
_SEASON_YEAR = _compile(
    rf"\b(?P<x>(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR})"
)
_TODAY = _compile(r"\b(?P<x>today|tonight|this\s+(?:morning|afternoon|evening))\b")
_YESTERDAY = _compile(r"\b(?P<x>yesterday|last\s+night)\b")
_TOMORROW = _compile(r"\b(?P<x>tomorrow)\b")
_PERIOD = _compile(
    rf"{_NOT_THE}\b(?P<x>{_REL_MOD}?(?P<rel>last|this|next)\s+(?P<unit>week|month|year))\b"
)
_WEEKEND = _compile(
    rf"{_NOT_THE}\b(?P<x>(?:(?P<rel>last|this|next)|the)\s+weekend)\b"
    r"(?!\s+(?:of|before|after)\b)"
)
_WEEKDAY = _compile(rf"{_NOT_THE}\b(?P<x>(?:(?P<rel>last|this|next)\s+)?(?P<wd>{_WD_NAMES}))\b")
_AGO = _compile(
    rf"\b(?P<x>(?P<n>\d{{1,3}}|{_NUMBER_WORDS})\s+(?P<unit>day|week|month|year|decade)s?"
    r"\s+ago)\b"
)

# --- date arithmetic -----------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_start(year: int, month: int, shift: int = 0) -> dt.date:
    index = year * 12 + month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def _bounds(when: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == YEAR:
        return dt.date(when.year, 1, 1), dt.date(when.year, 12, 31)
    if precision == MONTH:
        first = _month_start(when.year, when.month)
        return first, _month_start(when.year, when.month, 1) - dt.timedelta(days=1)
    return when, when


def _relation(when: dt.date, precision: str, published: dt.date) -> str:
    first, last = _bounds(when, precision)
    if last < published:
        return PAST
    if first > published:
        return FUTURE
    return PRESENT


def _iso(when: dt.date, precision: str) -> str:
    if precision == YEAR:
        return f"{when.year:04d}"
    if precision == MONTH:
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()


def _month_number(match: re.Match[str]) -> int | None:
    """The month of a named-month match, or None if the name is not capitalised."""
    name = match.group("mon")
    if not name[0].isupper():
        return None
    return _MONTHS[name.rstrip(".").lower()]


def _fallback(ctx: _Context, default: str = PAST) -> str:
    return ctx.hint or default


# --- resolvers -----------------------------------------------------------------------


def _absolute_day(rule: str) -> _Resolver:
    def resolve(match: re.Match[str], ctx: _Context) -> _Resolution | None:
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _month_number(match)
        if month is None:
            return None
        when = _safe_date(int(match.group("year")), month, int(match.group("day")))
        return None if when is None else _Resolution(when, DAY, ABSOLUTE, rule)

    return resolve


def _month_year(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    month = _month_number(match)
    if month is None:
        return None
    return _Resolution(
        dt.date(int(match.group("year")), month, 1), MONTH, ABSOLUTE, "date.month-year"
    )


def _bare_year(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    if match.group("trig") is None and match.group("mod") is None:
        return None
    return _Resolution(dt.date(int(match.group("year")), 1, 1), YEAR, ABSOLUTE, "date.year")


def _season_year(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    return _Resolution(dt.date(int(match.group("year")), 1, 1), YEAR, ABSOLUTE, "date.season-year")


def _month_day(rule: str) -> _Resolver:
    def resolve(match: re.Match[str], ctx: _Context) -> _Resolution | None:
        month = _month_number(match)
        day = int(match.group("day"))
        if month is None or _safe_date(2000, month, day) is None:
            return None
        published = ctx.published
        if published is None:
            return _Resolution(None, DAY, _fallback(ctx), rule)
        year = published.year
        # Compare with a stand-in for 29 February in a common year.
        candidate = _safe_date(year, month, day) or dt.date(year, 2, 28)
        if ctx.hint == PAST:
            year -= int(candidate > published)
        elif ctx.hint == FUTURE:
            year += int(candidate < published)
        elif candidate > published + _MONTH_DAY_WINDOW:
            year -= 1
        when = _safe_date(year, month, day)
        if when is None:
            return _Resolution(None, DAY, _fallback(ctx), rule)
        return _Resolution(when, DAY, _relation(when, DAY, published), rule)

    return resolve


def _bare_month(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    month = _month_number(match)
    if month is None:
        return None
    trigger = (match.group("trig") or "").lower()
    if match.group("mod") is None:
        if not trigger:
            return None
        if match.group("mon").lower() in _AMBIGUOUS_MONTHS and trigger not in _STRICT_TRIGGERS:
            return None
    published = ctx.published
    if published is None:
        return _Resolution(None, MONTH, _fallback(ctx), "date.month")
    year = published.year
    if month > published.month and ctx.hint == PAST:
        year -= 1
    elif month < published.month and ctx.hint == FUTURE:
        year += 1
    when = dt.date(year, month, 1)
    return _Resolution(when, MONTH, _relation(when, MONTH, published), "date.month")


def _relative_month_name(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    month = _month_number(match)
    if month is None:
        return None
    rel = match.group("rel").lower()
    rule = f"date.{rel}-month-name"
    published = ctx.published
    if published is None:
        intrinsic = {"last": PAST, "next": FUTURE}.get(rel) or _fallback(ctx, PRESENT)
        return _Resolution(None, MONTH, intrinsic, rule)
    year = published.year
    if rel == "last" and month >= published.month:
        year -= 1
    elif rel == "next" and month <= published.month:
        year += 1
    when = dt.date(year, month, 1)
    return _Resolution(when, MONTH, _relation(when, MONTH, published), rule)


def _day_word(offset: int, direction: str, rule: str) -> _Resolver:
    def resolve(match: re.Match[str], ctx: _Context) -> _Resolution | None:
        if ctx.published is None:
            return _Resolution(None, DAY, direction, rule)
        return _Resolution(ctx.published + dt.timedelta(days=offset), DAY, direction, rule)

    return resolve


def _period(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    rel = match.group("rel").lower()
    unit = match.group("unit").lower()
    mod = (match.group("mod") or "").strip().lower()
    rule = f"date.{rel}-{unit}"
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    if rel == "this":
        direction = {"earlier": PAST, "later": FUTURE}.get(mod, PRESENT)
    else:
        direction = PAST if shift < 0 else FUTURE
    published = ctx.published
    precision = YEAR if unit == YEAR else MONTH
    if published is None:
        return _Resolution(None, precision, direction, rule)
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        when = monday + dt.timedelta(weeks=shift)
    elif unit == MONTH:
        when = _month_start(published.year, published.month, shift)
    else:
        when = dt.date(published.year + shift, 1, 1)
    return _Resolution(when, precision, direction, rule)


def _weekend(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    rel = (match.group("rel") or "").lower()
    rule = {"last": "date.last-weekend", "next": "date.next-weekend"}.get(rel, "date.weekend")
    published = ctx.published
    if published is None:
        intrinsic = {"last": PAST, "next": FUTURE}.get(rel) or _fallback(ctx)
        return _Resolution(None, MONTH, intrinsic, rule)
    weekday = published.weekday()
    on_weekend = weekday >= 5
    saturday_before = published - dt.timedelta(days=(weekday - 5) % 7)
    if rel == "last":
        saturday = saturday_before - dt.timedelta(weeks=1 if on_weekend else 0)
    elif rel == "next":
        saturday = published + dt.timedelta(days=(5 - weekday) % 7 or 7)
    elif on_weekend:
        saturday = saturday_before
    elif ctx.hint == FUTURE:
        saturday = published + dt.timedelta(days=5 - weekday)
    else:
        saturday = saturday_before
    sunday = saturday + dt.timedelta(days=1)
    if sunday < published:
        direction = PAST
    elif saturday > published:
        direction = FUTURE
    else:
        direction = PRESENT
    return _Resolution(saturday, MONTH, direction, rule)


def _weekday(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    name = match.group("wd")
    if not name[0].isupper():
        return None
    rel = (match.group("rel") or "").lower()
    rule = {"last": "date.last-weekday", "next": "date.next-weekday"}.get(rel, "date.weekday")
    published = ctx.published
    if published is None:
        intrinsic = {"last": PAST, "next": FUTURE}.get(rel) or _fallback(ctx)
        return _Resolution(None, DAY, intrinsic, rule)
    target = _WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if rel == "last":
        when = published - dt.timedelta(days=back or 7)
    elif rel == "next":
        when = published + dt.timedelta(days=ahead or 7)
    elif ctx.hint == FUTURE:
        when = published + dt.timedelta(days=ahead)
    else:
        when = published - dt.timedelta(days=back)
    return _Resolution(when, DAY, _relation(when, DAY, published), rule)


def _ago(match: re.Match[str], ctx: _Context) -> _Resolution | None:
    unit = match.group("unit").lower()
    rule = f"date.{unit}s-ago"
    precision = {"day": DAY, "week": MONTH, "month": MONTH}.get(unit, YEAR)
    raw = " ".join(match.group("n").lower().split())
    count = int(raw) if raw.isdigit() else _NUMBERS.get(raw)
    published = ctx.published
    if published is None or count is None:
        return _Resolution(None, precision, PAST, rule)
    if unit == DAY:
        when = published - dt.timedelta(days=count)
    elif unit == "week":
        when = published - dt.timedelta(weeks=count)
    elif unit == MONTH:
        when = _month_start(published.year, published.month, -count)
    else:
        when = dt.date(published.year - count * (10 if unit == "decade" else 1), 1, 1)
    return _Resolution(when, precision, PAST, rule)


_RULES: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (_ISO, _absolute_day("date.iso")),
    (_US_NUMERIC, _absolute_day("date.us-numeric")),
    (_MONTH_DAY_YEAR, _absolute_day("date.month-day-year")),
    (_DAY_MONTH_YEAR, _absolute_day("date.day-month-year")),
    (_MONTH_YEAR, _month_year),
    (_SEASON_YEAR, _season_year),
    (_MONTH_DAY, _month_day("date.month-day")),
    (_DAY_MONTH, _month_day("date.day-month")),
    (_REL_MONTH_NAME, _relative_month_name),
    (_BARE_MONTH, _bare_month),
    (_BARE_YEAR, _bare_year),
    (_AGO, _ago),
    (_PERIOD, _period),
    (_WEEKEND, _weekend),
    (_WEEKDAY, _weekday),
    (_TODAY, _day_word(0, PRESENT, "date.today")),
    (_YESTERDAY, _day_word(-1, PAST, "date.yesterday")),
    (_TOMORROW, _day_word(1, FUTURE, "date.tomorrow")),
)
"""Patterns in order of preference when two matches of the same length overlap."""


def find_time_expressions(
    text: str, published: dt.date | None, *, tense_hint: str | None = None
) -> list[TimeExpression]:
    """The time expressions in ``text``, resolved against the ``published`` date.

    ``tense_hint`` ("past" or "future") is the tense of the sentence when known; it only
    decides between readings of a bare month, a month-day without a year, a weekday and
    "this weekend" (see the module docstring). Results are sorted by start offset and do
    not overlap.
    """
    if tense_hint not in (None, PAST, FUTURE):
        raise InvalidArgument(
            name="tense_hint", allowed="'past', 'future' or None", value=tense_hint
        )
    if isinstance(published, dt.datetime):
        published = published.date()
    ctx = _Context(published, tense_hint)
    candidates: list[tuple[int, int, int, _Resolution]] = []
    for order, (pattern, resolve) in enumerate(_RULES):
        for match in pattern.finditer(text):
            resolution = resolve(match, ctx)
            if resolution is not None:
                candidates.append((match.start("x"), match.end("x"), order, resolution))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    chosen: list[tuple[int, int, int, _Resolution]] = []
    for candidate in candidates:
        start, end = candidate[0], candidate[1]
        if all(end <= other[0] or start >= other[1] for other in chosen):
            chosen.append(candidate)
    chosen.sort(key=lambda c: c[0])
    return [
        TimeExpression(
            start=start,
            end=end,
            text=text[start:end],
            value=None if res.when is None else _iso(res.when, res.precision),
            precision=res.precision,
            direction=res.direction,
            rule=res.rule,
        )
        for start, end, _, res in chosen
    ]
