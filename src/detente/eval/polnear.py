"""Reading the PolNeAR attribution corpus and scoring detente's quotes against it.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates US political news with
attribution relations in brat standoff: a Source span (the speaker, as the text names it),
a Cue span and a Content span, each possibly discontinuous. The corpus is research data
under no licence and is never copied into this repository; it is read from where it lies.

Scoring (:func:`score`) is span-based, micro-averaged over all articles, and reported twice:

* ``quotations``: the gold attributions whose content holds a quotation mark, against the
  predicted quotes of kind ``direct`` or ``mixed``;
* ``all``: every gold attribution against every predicted quote.

A gold attribution is *found* by a predicted quote whose ``[start, end)`` covers at least
half of the gold content characters. The speaker is *right* when the quote's
``speaker_mention``, or any mention of its speaker actor, overlaps the gold Source span.
Gold attributions without a source can be found but never have a right speaker. A predicted
quote is correct when it finds some gold item of the same set with the right speaker; this
is not a one-to-one matching.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import GoldError
from detente.eval.gold import f1, ratio
from detente.model import Article, Quote

__all__ = [
    "QUOTE_KINDS",
    "SPLITS",
    "Attribution",
    "PolnearArticle",
    "format_score",
    "load_split",
    "score",
]

SPLITS = ("train", "dev", "test", "annotator-training")
"""The compartments that have article texts (``parc3-replication`` has none)."""

QUOTE_KINDS = frozenset({"direct", "mixed"})
"""Predicted quote kinds scored against the gold quotations."""

QUOTE_MARKS = ('"', "“", "”")

Piece = tuple[int, int]

_RECORD = re.compile(r"^[TEARMN#*]\d*\t")
_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_IGNORED_TYPES = frozenset({"Discard", "Discuss"})
_TRIGGERS = frozenset({"Attribution", "Attribution-no-source"})


@dataclass(slots=True)
class Attribution:
    """One gold attribution relation; spans are ``(start, end)`` pieces, end exclusive.

    ``source`` is empty for an attribution without an explicit source.
    ``content_text`` is the article text of the content pieces joined by a space; the loader
    fills it in.
    """

    source: list[Piece]
    cue: list[Piece]
    content: list[Piece]
    content_text: str = ""

    @property
    def has_quote_mark(self) -> bool:
        """Whether the content holds a quotation mark: a stand-in for a direct or mixed quote."""
        return any(mark in self.content_text for mark in QUOTE_MARKS)


@dataclass(slots=True)
class PolnearArticle:
    """One article of the corpus with the attributions of one annotator."""

    name: str
    split: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None


# -- reading -------------------------------------------------------------------------------


def _metadata(data: Path, split: str) -> dict[str, tuple[str | None, str | None]]:
    """Article name to (publisher, publication date), from ``metadata.tsv`` when present."""
    path = data / "metadata.tsv"
    if not path.is_file():
        return {}
    out: dict[str, tuple[str | None, str | None]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = (row.get("filename") or "").strip()
            if not name:
                continue
            if name in out and row.get("compartment") != split:
                continue  # a row of this split wins over a row of another
            out[name] = (_value(row.get("publisher")), _value(row.get("publication_date")))
    return out


def _value(cell: str | None) -> str | None:
    cell = (cell or "").strip()
    return None if cell in ("", "None") else cell


def _parse_ann(path: Path, text: str) -> list[Attribution]:
    """The attribution events of one brat ``.ann`` file."""
    spans: dict[str, list[Piece]] = {}
    ignored: set[str] = set()
    events: list[tuple[int, str]] = []
    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read as UTF-8 ({exc})") from None
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not _RECORD.match(line):
            continue  # blank, or the covered text of a span continued across a newline
        if line.startswith("T"):
            match = _TEXT_BOUND.match(line)
            if match is None:
                raise GoldError(f"{path}:{number}: not a brat text-bound line: {line[:80]!r}")
            tid, kind, offsets = match.groups()
            if kind in _IGNORED_TYPES:
                ignored.add(tid)
                continue
            pieces = []
            for pair in offsets.split(";"):
                start, end = (int(n) for n in pair.split())
                if not 0 <= start <= end <= len(text):
                    raise GoldError(
                        f"{path}:{number}: span {start}-{end} is outside the article text "
                        f"({len(text)} characters)"
                    )
                pieces.append((start, end))
            spans[tid] = pieces
        elif line.startswith("E"):
            events.append((number, line))
    out = []
    for number, line in events:
        arguments = line.split("\t", 1)[1] if "\t" in line else ""
        attribution = _event(arguments, spans, ignored)
        if attribution is None:
            continue
        if isinstance(attribution, str):
            raise GoldError(f"{path}:{number}: {attribution}")
        attribution.content_text = " ".join(text[s:e] for s, e in attribution.content)
        out.append(attribution)
    return out


def _event(
    arguments: str, spans: dict[str, list[Piece]], ignored: set[str]
) -> Attribution | str | None:
    """An attribution from an event's arguments; None if it has no content; str on error.

    Arguments naming a Discard or Discuss span are left out.
    """
    source: list[Piece] = []
    cue: list[Piece] = []
    content: list[Piece] = []
    no_source = False
    for argument in arguments.split():
        role, _, tid = argument.partition(":")
        if tid in ignored:
            continue
        if tid not in spans:
            return f"event argument {argument!r} names no known text-bound span"
        role = role.rstrip("0123456789")
        if role in _TRIGGERS:
            no_source = role == "Attribution-no-source"
        elif role == "Source":
            source.extend(spans[tid])
        elif role == "Cue":
            cue.extend(spans[tid])
        elif role == "Content":
            content.extend(spans[tid])
    if not content:
        return None  # an unfinished annotation: nothing to find
    return Attribution(
        source=[] if no_source else sorted(source), cue=sorted(cue), content=sorted(content)
    )


def load_split(root: Path, split: str, limit: int | None = None) -> list[PolnearArticle]:
    """The articles of one split, sorted by name, with one annotator's attributions each.

    ``root`` is the corpus folder holding ``data/``. Where several annotators annotated an
    article, the first ``.ann`` file in sorted order is used. Articles without any ``.ann``
    file are left out. ``limit`` keeps only the first articles.
    """
    root = Path(root)
    data = root / "data"
    if split not in SPLITS:
        raise GoldError(f"PolNeAR split {split!r} is not one of {', '.join(SPLITS)}")
    if not data.is_dir():
        raise GoldError(f"{root}: not the PolNeAR corpus folder (it has no data/ folder)")
    text_dir, ann_dir = data / split / "text", data / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise GoldError(f"{data / split}: no such PolNeAR split (needs text/ and attributions/)")
    annotations: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name, sep, _annotator = ann.stem.rpartition("_")
        if sep:
            annotations.setdefault(name, []).append(ann)
    names = sorted(p.stem for p in text_dir.glob("*.txt") if p.stem in annotations)
    if limit is not None:
        names = names[: max(limit, 0)]
    metadata = _metadata(data, split)
    articles = []
    for name in names:
        path = text_dir / f"{name}.txt"
        try:
            text = path.read_bytes().decode("utf-8")  # no newline translation: offsets hold
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(f"{path}: cannot be read as UTF-8 ({exc})") from None
        publisher, published = metadata.get(name, (None, None))
        articles.append(
            PolnearArticle(
                name=name,
                split=split,
                text=text,
                attributions=_parse_ann(annotations[name][0], text),
                publisher=publisher,
                published=published,
            )
        )
    return articles


# -- scoring -------------------------------------------------------------------------------


def _union(pieces: Iterable[Piece]) -> list[Piece]:
    """Sorted pieces with overlaps merged, so no character is counted twice."""
    out: list[Piece] = []
    for start, end in sorted(pieces):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _covered(pieces: Sequence[Piece], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in pieces)


def _overlaps(a: Iterable[Piece], b: Sequence[Piece]) -> bool:
    return any(min(e1, e2) > max(s1, s2) for s1, e1 in a for s2, e2 in b)


def _speaker_pieces(article: Article, quote: Quote) -> list[Piece]:
    pieces = []
    if quote.speaker_mention is not None:
        pieces.append((quote.speaker_mention.start, quote.speaker_mention.end))
    actor = article.actor(quote.speaker)
    if actor is not None:
        pieces.extend((m.start, m.end) for m in actor.mentions)
    return pieces


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    found: int = 0
    found_with_speaker: int = 0
    predicted: int = 0
    correct_predicted: int = 0

    def add(self, gold: Sequence[Attribution], article: Article, quotes: Sequence[Quote]) -> None:
        contents = [_union(g.content) for g in gold]
        lengths = [sum(end - start for start, end in c) for c in contents]
        speakers = [_speaker_pieces(article, q) for q in quotes]
        found = [False] * len(gold)
        with_speaker = [False] * len(gold)
        correct = [False] * len(quotes)
        for i, attribution in enumerate(gold):
            if not lengths[i]:
                continue
            for j, quote in enumerate(quotes):
                if 2 * _covered(contents[i], quote.start, quote.end) < lengths[i]:
                    continue
                found[i] = True
                if attribution.source and _overlaps(speakers[j], attribution.source):
                    with_speaker[i] = True
                    correct[j] = True
        self.gold += len(gold)
        self.found += sum(found)
        self.found_with_speaker += sum(with_speaker)
        self.predicted += len(quotes)
        self.correct_predicted += sum(correct)

    def result(self) -> dict[str, Any]:
        precision = ratio(self.correct_predicted, self.predicted)
        recall = ratio(self.found_with_speaker, self.gold)
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "found_any": ratio(self.found, self.gold),
            "speaker_accuracy": ratio(self.found_with_speaker, self.found),
            "gold": self.gold,
            "predicted": self.predicted,
            "correct_predicted": self.correct_predicted,
            "found": self.found,
            "found_with_speaker": self.found_with_speaker,
        }


def score(pairs: Iterable[tuple[PolnearArticle, Article]]) -> dict[str, Any]:
    """Micro-averaged scores of analysed articles against their PolNeAR annotations.

    Returns ``{"articles": n, "quotations": {...}, "all": {...}}``; each part holds
    ``precision``, ``recall`` (found with the right speaker), ``f1``, ``found_any`` (recall
    regardless of speaker), ``speaker_accuracy`` (among the gold items found) and the counts
    ``gold``, ``predicted``, ``correct_predicted``, ``found`` and ``found_with_speaker``.
    A ratio with nothing to divide by is None.
    """
    quotations, every = _Tally(), _Tally()
    articles = 0
    for gold, article in pairs:
        if article.text != gold.text:
            raise GoldError(
                f"{gold.name}: the analysed text differs from the corpus text, so their "
                "offsets cannot be compared"
            )
        articles += 1
        quotations.add(
            [a for a in gold.attributions if a.has_quote_mark],
            article,
            [q for q in article.quotes if q.kind in QUOTE_KINDS],
        )
        every.add(gold.attributions, article, article.quotes)
    return {"articles": articles, "quotations": quotations.result(), "all": every.result()}


def format_score(d: dict[str, Any]) -> str:
    """A small table of a :func:`score` result."""

    def pct(value: float | None) -> str:
        return "   n/a" if value is None else f"{100 * value:6.1f}"

    header = f"{'':<18}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'found':>7}{'spk acc':>9}"
    lines = [f"PolNeAR attribution scores over {d['articles']} articles (%)", header]
    for key, label in (("quotations", "quotations"), ("all", "all attributions")):
        part = d[key]
        lines.append(
            f"{label:<18}{part['gold']:>6}{part['predicted']:>6} {pct(part['precision'])}"
            f" {pct(part['recall'])} {pct(part['f1'])} {pct(part['found_any'])}"
            f"   {pct(part['speaker_accuracy'])}"
        )
    return "\n".join(lines)


def quotation_errors(gold: PolnearArticle, article: Article) -> list[str]:
    """Measure (a) of one article as readable lines: annotated quotations missed or given
    the wrong speaker, and predicted direct or mixed quotes that match none."""
    text = gold.text
    quotes = [q for q in article.quotes if q.kind in QUOTE_KINDS]
    matched: set[int] = set()
    lines = []

    def show(start: int, end: int) -> str:
        return repr(" ".join(text[start:end].split())[:80])

    for attribution in (a for a in gold.attributions if a.has_quote_mark):
        content = _union(attribution.content)
        length = sum(end - start for start, end in content)
        if not length:
            continue
        covering = [
            j for j, q in enumerate(quotes) if 2 * _covered(content, q.start, q.end) >= length
        ]
        matched.update(covering)
        source = " ".join(text[s:e] for s, e in attribution.source) or "(no source)"
        if not covering:
            lines.append(f"missed ({source}): {show(content[0][0], content[-1][1])}")
        elif not any(
            attribution.source
            and _overlaps(_speaker_pieces(article, quotes[j]), attribution.source)
            for j in covering
        ):
            said = quotes[covering[0]].speaker_mention
            lines.append(
                f"wrong speaker ({said.text if said else 'none'}, annotated {source}): "
                f"{show(content[0][0], content[-1][1])}"
            )
    for j, quote in enumerate(quotes):
        if j not in matched:
            lines.append(
                f"{quote.kind} quote {quote.id} matches no annotated quotation ({quote.rule}): "
                f"{show(quote.start, quote.end)}"
            )
    return lines
