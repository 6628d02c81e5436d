"""Article furniture that is not the story: the byline, photo captions and credit lines.

Authors in a byline are metadata, not actors; credit lines ("LEAH MILLIS/POOL/AFP VIA
GETTY IMAGES") never become actors. A caption's own words stay in the text, since the
facts it states (who met whom, where, when) are evidence later stages may use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_BYLINE_START = re.compile(r"(?i)^\s*by\s+(?=\S)")
_BYLINE_CONTINUES = re.compile(r"(?i)^\s*(?:and|&)\s+(?=[A-Z])")
_CAP = "[A-ZÀ-ÖØ-Þ]"
_NAME_PART = rf"{_CAP}(?:[^\W\d_]|['’.-])*"
_NAME = rf"{_NAME_PART}(?:[ \t]+(?:{_NAME_PART}|de|da|di|del|van|von|der|al|bin|la|le))+"
# A name follows "By", "and", "&" or a comma; a comma followed by "a"/"an"/"the" opens a
# description of the author, not another author.
_AUTHOR = re.compile(rf"(?:^\s*[Bb][Yy]\s+|\band\s+|&\s*|,\s+)(?P<name>{_NAME})")
_UPPER_WORD = r"(?!AND\b)[A-Z][A-Z'’.-]+"
_UPPER_AUTHOR = re.compile(
    rf"(?:^\s*BY\s+|\bAND\s+|,\s+)(?P<name>{_UPPER_WORD}(?:[ \t]+{_UPPER_WORD})+)"
)
# Words that make a byline entry an outlet or a job, not a person ("Associated Press").
_NOT_A_PERSON = re.compile(
    r"(?i)\b(?:press|news|times|post|journal|agency|reuters|bloomberg|staff|service|wire|"
    r"network|media|correspondent|reporter|editor|writer|desk|bureau|contributor)\b"
)

_AGENCY = (
    r"(?:GETTY\s+IMAGES|AFP|AP|REUTERS|EPA|POOL|SHUTTERSTOCK|BLOOMBERG|XINHUA|"
    r"ANADOLU|SIPA|ALAMY|CORBIS|NURPHOTO|TASS|KYODO|YONHAP|UPI|DPA|ANSA)"
)
# An all-capitals credit at the end of a line: names and agencies joined by slashes
# ("LEAH MILLIS/POOL/AFP VIA GETTY IMAGES", "KEVIN LAMARQUE/REUTERS").
_CAPS_WORD = r"[A-Z][A-Z'’.&-]*"
_CAPS_RUN = rf"{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD})*"
_AFTER_SENTENCE = r"(?:(?<=^)|(?<=[.!?”\"')]\s)|(?<=[.!?”\"')]\s\s))"
_CAPS_CREDIT = re.compile(
    rf"{_AFTER_SENTENCE}(?P<credit>(?:{_CAPS_RUN}[ \t]*/[ \t]*)+{_CAPS_RUN}"
    rf"|{_CAPS_RUN}[ \t]+VIA[ \t]+{_AGENCY})[ \t]*$",
    re.M,
)
# Mixed-case credits: "Photo: Jane Doe/Reuters", "(Photo by Jane Doe/AFP via Getty Images)".
_LABELLED_CREDIT = re.compile(
    r"(?P<credit>\(?\b(?:Photo(?:graph)?|Image|Picture|Credit|Illustration|Video)s?"
    r"(?:\s+by|\s*:)\s+[^\n()]{2,120}?\)?)[ \t]*$",
    re.M,
)
_SLASH_CREDIT = re.compile(
    rf"{_AFTER_SENTENCE}(?P<credit>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,3}}/[\w.'’ /-]*?"
    r"(?:Getty Images|AFP|Reuters|AP|EPA|Shutterstock|Bloomberg|Pool|Xinhua)"
    r"(?:\s+via\s+Getty Images)?)[ \t]*$",
    re.M,
)


_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_MONTH = (
    rf"(?:{_MONTH_WORD}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH_WORD}(?:\s+\d{{4}})?)"
)
_AGENCY_TAG = r"(?:\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|TASS|Interfax|Kyodo|Yonhap)\)\s*)?"
_DATELINE = re.compile(
    # "KYIV, July 8, 2024 —", "NEW YORK, Feb 26 - ", "BRUSSELS (Reuters) -", and a place
    # in title case only with a date: "Brussels, March 3 -"
    rf"(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:,\s+[A-Z][A-Za-z.]+)?"
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)*(?=,\s+{_DAY_MONTH}))"
    rf"(?:,\s+(?P<date>{_DAY_MONTH}))?\s*{_AGENCY_TAG}[-—–]{{1,2}}[ \t]+(?=\S)"
)
_DATE_LINE = re.compile(
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<date>{_DAY_MONTH})\s*"
)
_HEAD_LINES = 8
"""How many lines from the top a dateline or a date line may stand."""


@dataclass(slots=True)
class Layout:
    """Where the byline, captions, credits and the dateline are, as character spans."""

    authors: list[str] = field(default_factory=list)
    byline: tuple[int, int] | None = None
    captions: list[tuple[int, int]] = field(default_factory=list)
    credits: list[tuple[int, int]] = field(default_factory=list)
    dateline: tuple[int, int] | None = None
    """The whole dateline ("KYIV, July 8, 2024 —"): where the story was filed."""
    dateline_date: tuple[int, int] | None = None
    """The date in the dateline, if it has one."""
    dateline_place: tuple[int, int] | None = None
    """The place the dateline names ("KYIV")."""
    date_line: tuple[int, int] | None = None
    """A line near the top that is only a date ("Friday, January 4, 2019")."""

    def no_actor_spans(self) -> list[tuple[int, int]]:
        """Spans whose words must never become actors: the byline, the credits and the
        dateline (plover.md rule 9)."""
        spans = list(self.credits)
        if self.byline:
            spans.append(self.byline)
        if self.dateline:
            spans.append(self.dateline)
        return sorted(spans)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the blocks of text separated by blank lines."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _title_case(name: str) -> str:
    return " ".join(part.capitalize() if part.isupper() else part for part in name.split())


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def find_byline(text: str) -> tuple[list[str], tuple[int, int] | None]:
    """Authors and span of a "By ..." byline among the first lines of the text.

    A byline may run on over following lines that start with "and" ("By A, a reporter
    at X,\n\nand B, ...").
    """
    lines = _lines(text[:3000])
    for index, (start, end) in enumerate(lines[:6]):
        if not _BYLINE_START.match(text[start:end]) or end - start > 300:
            continue
        byline_end = end
        for next_start, next_end in lines[index + 1 : index + 3]:
            if (
                not _BYLINE_CONTINUES.match(text[next_start:next_end])
                or next_end - next_start > 300
            ):
                break
            byline_end = next_end
        body = text[start:byline_end]
        letters = [c for c in body if c.isalpha()]
        upper = sum(c.isupper() for c in letters) > 0.8 * len(letters)
        pattern = _UPPER_AUTHOR if upper else _AUTHOR
        if not pattern.match(body):
            continue  # "By Monday, ..." opens a sentence, not a byline
        authors: list[str] = []
        for match in pattern.finditer(body):
            name = _title_case(match.group("name").strip(" .,"))
            if name not in authors and not _NOT_A_PERSON.search(name):
                authors.append(name)
        if authors:
            return authors, (start, byline_end)
    return [], None


def find_credits(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for pattern in (_CAPS_CREDIT, _LABELLED_CREDIT, _SLASH_CREDIT):
        for match in pattern.finditer(text):
            start, end = match.span("credit")
            if not any(s < end and start < e for s, e in found):
                found.append((start, end))
    return sorted(found)


def find_dateline(text: str) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """The dateline opening one of the first lines, and the date in it."""
    for start, end in _lines(text[:3000])[:_HEAD_LINES]:
        match = _DATELINE.match(text, start, end)
        if match is None:
            continue
        date = match.span("date") if match.group("date") else None
        return (match.start(), match.end()), date
    return None


def find_date_line(text: str) -> tuple[int, int] | None:
    """A line near the top that holds nothing but a date."""
    for start, end in _lines(text[:3000])[:_HEAD_LINES]:
        match = _DATE_LINE.fullmatch(text, start, end)
        if match is not None and match.group("date")[-4:].isdigit():
            return match.span("date")
    return None


def analyse_layout(text: str) -> Layout:
    """Find the byline, the credit lines and the captions they belong to, the dateline
    and a date line."""
    paras = paragraphs(text)
    authors, byline = find_byline(text)
    credits = find_credits(text)
    captions = [
        (start, end)
        for start, end in paras
        if any(start <= c_start < end for c_start, _ in credits)
    ]
    found = find_dateline(text)
    place = None
    if found is not None:
        match = _DATELINE.match(text, found[0][0])
        place = match.span("place") if match is not None else None
    return Layout(
        authors=authors,
        byline=byline,
        captions=captions,
        credits=credits,
        dateline=found[0] if found else None,
        dateline_date=found[1] if found else None,
        dateline_place=place,
        date_line=find_date_line(text),
    )
