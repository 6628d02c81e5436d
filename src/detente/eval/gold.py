"""Scoring analysed articles against hand annotations (``detente-gold/1``).

The rules are those of ``spec/gold-format.md``: persons (found, precision, and the
country, sector and role/affiliation of those found), direct quotes, indirect quotes
and events, each micro-averaged over all articles of a folder.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from detente.errors import GoldError
from detente.model import Article

GOLD_FORMAT = "detente-gold/1"
FOLD = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"}
)


def norm(text: str | None) -> str:
    """NFKC, straight quotes, hyphens for dashes, collapsed white space, lower case."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).translate(FOLD).split()).lower()


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def same_person(predicted: str, gold: str) -> bool:
    """Same full name, or same last name without a conflicting first name."""
    p, g = norm(predicted).split(), norm(gold).split()
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] != g[-1]:
        return False
    return len(p) == 1 or len(g) == 1 or p[0] == g[0]


@dataclass(slots=True)
class Counts:
    """Counts that add up across articles."""

    values: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, amount: int = 1) -> None:
        self.values[name] = self.values.get(name, 0) + amount

    def __getitem__(self, name: str) -> int:
        return self.values.get(name, 0)

    def merge(self, other: Counts) -> None:
        for name, amount in other.values.items():
            self.add(name, amount)


@dataclass(slots=True)
class ArticleScore:
    """The counts, errors and error categories of one scored article."""

    name: str
    counts: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)
    categories: Counts = field(default_factory=Counts)
    folder: str = ""

    def error(self, category: str, message: str) -> None:
        """Record one error under its category ("events: wrong type", ...)."""
        self.categories.add(category)
        self.errors.append(f"[{category}] {message}")


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the gold file ({exc})") from None
    if not isinstance(gold, dict) or gold.get("format") != GOLD_FORMAT:
        raise GoldError(f"{path}: not a {GOLD_FORMAT} file (its 'format' field must say so)")
    return gold


def score_article(name: str, article: Article, gold: dict[str, Any]) -> ArticleScore:
    score = ArticleScore(name)
    _score_persons(article, gold, score)
    _score_quotes(article, gold, score, "direct")
    _score_quotes(article, gold, score, "indirect")
    for quote in article.quotes:
        score.counts.add("quotes_total")
        if quote.speaker is None:
            score.counts.add("quotes_unattributed")
    _score_events(article, gold, score)
    return score


def _matches_name(actor_name: str, entry: dict[str, Any]) -> bool:
    names = [entry.get("name", ""), *as_list(entry.get("aliases"))]
    return any(norm(actor_name) == norm(n) for n in names if n)


def _score_persons(article: Article, gold: dict[str, Any], score: ArticleScore) -> None:
    c = score.counts
    entries = list(as_list(gold.get("actors")))
    entries += [{"name": a, "optional": True} for a in as_list(gold.get("authors"))]
    taken: set[int] = set()
    for actor in (a for a in article.actors if a.type == "person"):
        index = next((i for i, e in enumerate(entries) if _matches_name(actor.name, e)), None)
        if index is None:
            c.add("persons_false")
            score.error(
                "persons: spurious person", f"{actor.name!r} is not a person of the annotation"
            )
            continue
        if index in taken:
            c.add("persons_false")
            score.error(
                "persons: second actor for one person",
                f"{actor.name!r} is a second actor for the same person",
            )
            continue
        taken.add(index)
        entry = entries[index]
        if entry.get("optional"):
            continue
        c.add("persons_true")
        c.add("persons_found")
        for attribute in ("country", "sector"):
            wanted = as_list(entry.get(attribute))
            if not wanted:
                continue
            c.add(f"{attribute}_total")
            value = getattr(actor, attribute)
            if value in wanted:
                c.add(f"{attribute}_right")
            else:
                kind = "missing" if value is None else "wrong"
                score.error(
                    f"persons: {kind} {attribute}",
                    f"{actor.name} is {value}, annotation says {wanted}",
                )
        wanted_text = [entry.get("role_contains"), entry.get("affiliation_contains")]
        wanted_text = [w for w in wanted_text if w]
        if wanted_text:
            c.add("role_total")
            have = norm(f"{actor.role or ''} {actor.affiliation or ''}")
            if all(norm(w) in have for w in wanted_text):
                c.add("role_right")
            else:
                kind = "missing" if not have else "wrong"
                score.error(
                    f"persons: {kind} role/affiliation",
                    f"{actor.name} has role {actor.role!r}, affiliation "
                    f"{actor.affiliation!r}; annotation wants {wanted_text}",
                )
    for index, entry in enumerate(entries):
        if not entry.get("optional"):
            c.add("persons_gold")
            if index not in taken:
                score.error("persons: missed person", f"person missed: {entry.get('name')!r}")


def _speaker_name(article: Article, speaker: str | None, speaker_text: str | None) -> str:
    actor = article.actor(speaker)
    return actor.name if actor is not None else (speaker_text or "")


def _speaker_right(kind: str, predicted: str, gold_speaker: str) -> bool:
    if kind == "indirect":
        return bool(gold_speaker) and (
            norm(gold_speaker) in norm(predicted) or same_person(predicted, gold_speaker)
        )
    return same_person(predicted, gold_speaker)


def _score_quotes(article: Article, gold: dict[str, Any], score: ArticleScore, kind: str) -> None:
    c = score.counts
    kinds = ("direct", "mixed") if kind == "direct" else ("indirect",)
    entries = [q for q in as_list(gold.get("quotes")) if q.get("kind") == kind]
    optional = [q for q in as_list(gold.get("quotes")) if q.get("optional")]
    found: set[int] = set()
    # gold index -> how the predictions covering it went wrong ("no speaker", "wrong speaker")
    covered_wrongly: dict[int, str] = {}
    for quote in (q for q in article.quotes if q.kind in kinds):
        text = norm(quote.text)
        speaker = _speaker_name(article, quote.speaker, quote.speaker_text)
        covered = [i for i, g in enumerate(entries) if norm(g.get("contains")) in text]
        right = [i for i in covered if _speaker_right(kind, speaker, entries[i].get("speaker", ""))]
        required = [i for i in right if not entries[i].get("optional")]
        if required:
            c.add(f"{kind}_true")
            found.update(required)
        elif right or any(norm(g.get("contains")) in text for g in optional):
            continue  # an optional item: neither right nor wrong
        elif covered:
            c.add(f"{kind}_false")
            how = "wrong speaker" if speaker else "no speaker"
            for i in covered:
                covered_wrongly.setdefault(i, how)
            score.error(
                f"{kind} quotes: found with {how}",
                f"{kind} quote {quote.id} ({speaker or 'no speaker'}) names the wrong speaker: "
                f"{quote.text[:70]!r}",
            )
        else:
            c.add(f"{kind}_false")
            score.error(
                f"{kind} quotes: spurious quote",
                f"{kind} quote {quote.id} ({speaker or 'no speaker'}) covers no annotated "
                f"quote: {quote.text[:70]!r}",
            )
    for i, entry in enumerate(entries):
        if entry.get("optional"):
            continue
        c.add(f"{kind}_gold")
        if i in found:
            c.add(f"{kind}_found")
            continue
        how = covered_wrongly.get(i)
        category = (
            f"{kind} quotes: missed quote" if how is None else f"{kind} quotes: missed ({how})"
        )
        score.error(
            category, f"{kind} quote missed ({entry.get('speaker')}): {entry.get('contains')!r}"
        )


def _phrases(entry: dict[str, Any]) -> list[str]:
    return [norm(p) for p in [entry.get("contains"), *as_list(entry.get("optional_evidence"))] if p]


def _in_sentence(event: Any, entry: dict[str, Any]) -> bool:
    evidence = norm(event.evidence.text)
    return any(p in evidence for p in _phrases(entry))


def _event_matches(event: Any, entry: dict[str, Any]) -> bool:
    if event.type not in as_list(entry.get("types")):
        return False
    if event.source_country not in as_list(entry.get("source")):
        return False
    targets = as_list(entry.get("target"))
    if targets and event.target_country not in targets:
        return False
    return _in_sentence(event, entry)


def _best_entry(
    event: Any,
    candidates: list[int],
    entries: list[dict[str, Any]],
    seen: set[tuple[int, int, str | None, str | None]],
) -> int:
    """The annotated event a prediction stands for when its sentence reports several:
    one it does not duplicate, then the one whose phrase lies nearest its trigger."""
    evidence = norm(event.evidence.text)
    trigger = getattr(event, "trigger", None)
    at = trigger.start - event.evidence.start if trigger is not None else 0

    def rank(index: int) -> tuple[bool, int]:
        taken = (index, event.evidence.start, event.source_country, event.target_country)
        phrase = norm(entries[index].get("contains") or "")
        position = evidence.find(phrase) if phrase else -1
        distance = abs(position - at) if position >= 0 else len(evidence)
        return (taken in seen, distance)

    return min(candidates, key=rank)


def _why_missed(entry: dict[str, Any], events: list[Any]) -> str:
    """The category of a missed gold event, from the predictions in its sentences."""
    here = [e for e in events if _in_sentence(e, entry)]
    if not here:
        return "events: missed, no event in its sentence"
    typed = [e for e in here if e.type in as_list(entry.get("types"))]
    if not typed:
        return "events: missed, wrong type"
    sources = as_list(entry.get("source"))
    sourced = [e for e in typed if e.source_country in sources]
    if not sourced:
        return (
            "events: missed, no source country"
            if all(e.source_country is None for e in typed)
            else "events: missed, wrong source"
        )
    if all(e.target_country is None for e in sourced):
        return "events: missed, no target country"
    return "events: missed, wrong target"


def _score_date_and_place(event: Any, entry: dict[str, Any], score: ArticleScore) -> None:
    c, name = score.counts, entry.get("id")
    wanted_date = entry.get("date")
    if wanted_date:
        c.add("date_total")
        if event.date and str(event.date).startswith(str(wanted_date)):
            c.add("date_right")
        else:
            kind = "no date" if not event.date else "wrong date"
            score.error(
                f"events: {kind}", f"date: {name} is {event.date}, annotation says {wanted_date}"
            )
    wanted_place = norm(entry.get("location"))
    if wanted_place:
        c.add("place_total")
        place = norm(event.location)
        if place and (wanted_place in place or place in wanted_place):
            c.add("place_right")
        else:
            kind = "no place" if not place else "wrong place"
            score.error(
                f"events: {kind}",
                f"place: {name} is {event.location}, annotation says {entry.get('location')}",
            )


CONFIDENCE_BINS = (0.0, 0.2, 0.4, 0.6, 0.8)
"""The lower bounds of the confidence bins of the reliability table."""


def _reliability(c: Counts, event: Any, *, right: bool) -> None:
    """Count a scored event in its confidence bin, for the reliability table."""
    low = max(b for b in CONFIDENCE_BINS if event.confidence >= b or b == 0.0)
    c.add(f"conf{low:.1f}_total")
    c.add(f"conf{low:.1f}_right", int(right))


def _score_events(article: Article, gold: dict[str, Any], score: ArticleScore) -> None:
    c = score.counts
    entries = as_list(gold.get("events"))
    found: set[int] = set()
    seen: set[tuple[int, int, str | None, str | None]] = set()
    for event in article.events:
        matches = [i for i, e in enumerate(entries) if _event_matches(event, e)]
        required = [i for i in matches if not entries[i].get("optional")]
        if not matches:
            c.add("events_false")
            _reliability(c, event, right=False)
            beside = any(_in_sentence(event, e) for e in entries)
            score.error(
                "events: wrong for its sentence" if beside else "events: spurious event",
                f"event {event.id} {event.type} {event.source_country}->{event.target_country} "
                f"matches no annotated event: {event.evidence.text[:70]!r}",
            )
            continue
        if not required:
            continue
        index = _best_entry(event, required, entries, seen)
        duplicate_key = (index, event.evidence.start, event.source_country, event.target_country)
        if duplicate_key in seen:
            c.add("events_false")
            c.add("events_duplicate")
            _reliability(c, event, right=False)
            score.error(
                "events: duplicate",
                f"event {event.id} duplicates {entries[index].get('id')} from one sentence",
            )
            continue
        seen.add(duplicate_key)
        c.add("events_true")
        _reliability(c, event, right=True)
        c.add("status_total")
        if event.status in as_list(entries[index].get("status")):
            c.add("status_right")
        else:
            score.error(
                "events: wrong status",
                f"status: {entries[index].get('id')} is {event.status}, annotation says "
                f"{entries[index].get('status')}",
            )
        if index not in found:
            _score_date_and_place(event, entries[index], score)
        found.add(index)
    for i, entry in enumerate(entries):
        if entry.get("optional"):
            continue
        c.add("events_gold")
        if i in found:
            c.add("events_found")
        else:
            score.error(
                _why_missed(entry, article.events),
                f"event missed: {entry.get('id')} ({'/'.join(as_list(entry.get('types')))} "
                f"{'/'.join(map(str, as_list(entry.get('source'))))}->"
                f"{'/'.join(map(str, as_list(entry.get('target')))) or 'any'}): "
                f"{entry.get('contains')!r}",
            )


def summary(scores: Iterable[ArticleScore]) -> dict[str, Any]:
    """The micro-averaged figures over all scored articles."""
    total = Counts()
    articles = 0
    for score in scores:
        total.merge(score.counts)
        articles += 1

    def prf(kind: str) -> dict[str, Any]:
        p = ratio(total[f"{kind}_true"], total[f"{kind}_true"] + total[f"{kind}_false"])
        r = ratio(total[f"{kind}_found"], total[f"{kind}_gold"])
        return {
            "precision": p,
            "recall": r,
            "f1": f1(p, r),
            "predicted": total[f"{kind}_true"] + total[f"{kind}_false"],
            "gold": total[f"{kind}_gold"],
            "found": total[f"{kind}_found"],
        }

    persons = prf("persons")
    persons.update(
        country=ratio(total["country_right"], total["country_total"]),
        sector=ratio(total["sector_right"], total["sector_total"]),
        role_affiliation=ratio(total["role_right"], total["role_total"]),
    )
    events = prf("events")
    events.update(
        status=ratio(total["status_right"], total["status_total"]),
        duplicates=total["events_duplicate"],
        date=ratio(total["date_right"], total["date_total"]),
        dates_scored=total["date_total"],
        place=ratio(total["place_right"], total["place_total"]),
        places_scored=total["place_total"],
        reliability=[
            {
                "from": low,
                "events": total[f"conf{low:.1f}_total"],
                "precision": ratio(total[f"conf{low:.1f}_right"], total[f"conf{low:.1f}_total"]),
            }
            for low in CONFIDENCE_BINS
        ],
    )
    return {
        "articles": articles,
        "persons": persons,
        "direct_quotes": prf("direct"),
        "indirect_quotes": prf("indirect"),
        "quotes_without_speaker": {
            "quotes": total["quotes_total"],
            "without_speaker": total["quotes_unattributed"],
            "share": ratio(total["quotes_unattributed"], total["quotes_total"]),
        },
        "events": events,
    }


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def format_summary(figures: dict[str, Any]) -> str:
    p = figures["persons"]
    lines = [
        f"articles scored: {figures['articles']}",
        f"persons          found {p['found']}/{p['gold']}  recall {_fmt(p['recall'])}  "
        f"precision {_fmt(p['precision'])}  F1 {_fmt(p['f1'])}",
        f"  of those found country {_fmt(p['country'])}  sector {_fmt(p['sector'])}  "
        f"role/affiliation {_fmt(p['role_affiliation'])}",
    ]
    for label, name in (("direct quotes", "direct_quotes"), ("indirect quotes", "indirect_quotes")):
        q = figures[name]
        lines.append(
            f"{label:<16} found {q['found']}/{q['gold']}  P {_fmt(q['precision'])}  "
            f"R {_fmt(q['recall'])}  F1 {_fmt(q['f1'])}  ({q['predicted']} predicted)"
        )
    unknown = figures.get("quotes_without_speaker")
    if unknown and unknown["quotes"]:
        lines.append(
            f"  speaker unknown {unknown['without_speaker']} of {unknown['quotes']} quotes "
            f"({_fmt(unknown['share'])})"
        )
    e = figures["events"]
    lines.append(
        f"events           found {e['found']}/{e['gold']}  P {_fmt(e['precision'])}  "
        f"R {_fmt(e['recall'])}  F1 {_fmt(e['f1'])}  status {_fmt(e['status'])}  "
        f"duplicates {e['duplicates']}  ({e['predicted']} predicted)"
    )
    if any(b["events"] for b in e.get("reliability", [])):
        lines.append(
            "  by confidence   "
            + "  ".join(
                f"{b['from']:.1f}+ {_fmt(b['precision'])} ({b['events']})" for b in e["reliability"]
            )
        )
    if e.get("dates_scored") or e.get("places_scored"):
        lines.append(
            f"  of those found date {_fmt(e['date'])} (of {e['dates_scored']})  "
            f"place {_fmt(e['place'])} (of {e['places_scored']})"
        )
    return "\n".join(lines)
