"""Agreement between two annotations of the same articles (``detente-gold/1``).

For each measure the items of annotator A are matched one to one with those of B, and
agreement is the F1 of one side against the other: 2 x matched / (items of A + items of
B). Optional items are left out on both sides. How items match:

- persons: a name or alias of one equals a name or alias of the other (or the same
  person by ``same_person``);
- quotes: same kind, and the two ``contains`` phrases lie in the same quotation (between
  the same pair of quotation marks) for direct quotes, or in the same sentence for
  indirect ones;
- events, whatever their type: some phrase of one (``contains`` or an optional evidence)
  lies in a sentence that holds a phrase of the other, and the sources share a country
  and the targets share one (an empty target list agrees with any).

On matched events, Cohen's kappa measures agreement on type (when the two type lists
share a type that type is both labels, else each side's first type), and the share of
matched pairs agreeing on status, date and place is reported; on matched persons the
share agreeing on country, and on matched quotes the share naming the same speaker.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from detente.eval.gold import FOLD, Counts, as_list, f1, norm, ratio, same_person

MEASURES = ("persons", "direct", "indirect", "events")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "co",
        "inc",
        "ltd",
        "no",
        "u.s",
        "u.k",
        "u.n",
    ]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_QUOTE_MARK = re.compile(r"\"")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text, by end punctuation and line breaks; a
    full stop after an abbreviation or an initial ("Mr.", "U.S.", "R.") ends none."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, 0, match.start())
            before = word.group(1).lower() if word else ""
            if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
                continue
        end = match.start() + (0 if text[match.start()] == "\n" else 1)
        bounds.append((start, end))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _fold_lines(text: str) -> str:
    """``norm`` line by line, keeping the case and the line breaks (sentence ends)."""
    return "\n".join(
        " ".join(unicodedata.normalize("NFKC", line).translate(FOLD).split())
        for line in text.split("\n")
    )


class _Located:
    """Where the phrases of one article lie: their sentence and their quotation."""

    def __init__(self, text: str) -> None:
        folded = _fold_lines(text)
        self.sentences = sentence_bounds(folded)
        self.marks = [m.start() for m in _QUOTE_MARK.finditer(folded)]
        self.text = folded.lower()

    def at(self, phrase: str | None) -> int:
        return self.text.find(norm(phrase)) if phrase else -1

    def sentence(self, phrase: str | None) -> int | None:
        position = self.at(phrase)
        if position < 0:
            return None
        return next(i for i, (_, end) in enumerate(self.sentences) if position <= end)

    def quotation(self, phrase: str | None) -> tuple[int, int] | None:
        """The quotation-mark pair around the phrase; its sentence when there is none."""
        position = self.at(phrase)
        if position < 0:
            return None
        before = [m for m in self.marks if m < position]
        after = [m for m in self.marks if m >= position + len(norm(phrase))]
        if before and after and len(before) % 2 == 1:
            return (before[-1], after[0])
        sentence = self.sentence(phrase)
        return None if sentence is None else (-1, sentence)


def _names(entry: dict[str, Any]) -> list[str]:
    return [n for n in [entry.get("name"), *as_list(entry.get("aliases"))] if n]


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return any(norm(x) == norm(y) or same_person(x, y) for x in _names(a) for y in _names(b))


def _overlap(a: Any, b: Any, *, empty_agrees: bool = False) -> bool:
    left, right = set(as_list(a)), set(as_list(b))
    if empty_agrees and (not left or not right):
        return True
    return bool(left & right)


def _same_speaker(a: str, b: str) -> bool:
    return norm(a) == norm(b) or same_person(a, b) or norm(a) in norm(b) or norm(b) in norm(a)


def _match(
    left: list[dict[str, Any]],
    right: list[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
    prefer: Callable[[dict[str, Any], dict[str, Any]], bool] = lambda a, b: True,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Greedy one-to-one pairs, preferred pairs first."""
    pairs, taken = [], set()
    for preferred_only in (True, False):
        for a in left:
            if any(a is p for p, _ in pairs):
                continue
            for j, b in enumerate(right):
                if j in taken or not same(a, b) or (preferred_only and not prefer(a, b)):
                    continue
                pairs.append((a, b))
                taken.add(j)
                break
    return pairs


def _required(items: Any) -> list[dict[str, Any]]:
    return [i for i in as_list(items) if isinstance(i, dict) and not i.get("optional")]


def _type_labels(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, str]:
    types_a, types_b = as_list(a.get("types")), as_list(b.get("types"))
    shared = [t for t in types_a if t in types_b]
    if shared:
        return shared[0], shared[0]
    return (types_a[0] if types_a else "-"), (types_b[0] if types_b else "-")


def compare(gold_a: dict[str, Any], gold_b: dict[str, Any], text: str) -> dict[str, Any]:
    """Counts of agreement between two annotations of one text, and the event type pairs."""
    where = _Located(text)
    counts = Counts()
    type_pairs: list[tuple[str, str]] = []
    notes: list[str] = []

    def unmatched(
        label: str, left: list[Any], right: list[Any], pairs: list[Any], show: Any
    ) -> None:
        for side, items, index in (("A", left, 0), ("B", right, 1)):
            paired = [p[index] for p in pairs]
            for item in items:
                if not any(item is p for p in paired):
                    notes.append(f"{label} only in {side}: {show(item)}")

    persons_a, persons_b = _required(gold_a.get("actors")), _required(gold_b.get("actors"))
    pairs = _match(persons_a, persons_b, _same_person)
    counts.add("persons_a", len(persons_a))
    counts.add("persons_b", len(persons_b))
    counts.add("persons_matched", len(pairs))
    unmatched("person", persons_a, persons_b, pairs, lambda p: repr(p.get("name")))
    for a, b in pairs:
        if as_list(a.get("country")) or as_list(b.get("country")):
            counts.add("country_total")
            same = _overlap(a.get("country"), b.get("country"))
            counts.add("country_same", same)
            if not same:
                notes.append(
                    f"person {a.get('name')!r}: country A {a.get('country')} B {b.get('country')}"
                )

    for kind in ("direct", "indirect"):
        quotes_a = [q for q in _required(gold_a.get("quotes")) if q.get("kind") == kind]
        quotes_b = [q for q in _required(gold_b.get("quotes")) if q.get("kind") == kind]
        unit = where.quotation if kind == "direct" else where.sentence

        def same_quote(a: dict[str, Any], b: dict[str, Any], unit: Any = unit) -> bool:
            ua, ub = unit(a.get("contains")), unit(b.get("contains"))
            return ua is not None and ua == ub

        pairs = _match(
            quotes_a,
            quotes_b,
            same_quote,
            lambda a, b: _same_speaker(a.get("speaker", ""), b.get("speaker", "")),
        )
        counts.add(f"{kind}_a", len(quotes_a))
        counts.add(f"{kind}_b", len(quotes_b))
        counts.add(f"{kind}_matched", len(pairs))
        counts.add(f"{kind}_speaker_total", len(pairs))
        counts.add(
            f"{kind}_speaker_same",
            sum(_same_speaker(a.get("speaker", ""), b.get("speaker", "")) for a, b in pairs),
        )
        unmatched(
            f"{kind} quote",
            quotes_a,
            quotes_b,
            pairs,
            lambda q: f"({q.get('speaker')}) {q.get('contains')!r}",
        )
        for a, b in pairs:
            if not _same_speaker(a.get("speaker", ""), b.get("speaker", "")):
                notes.append(
                    f"{kind} quote {a.get('contains')!r}: speaker A {a.get('speaker')!r} "
                    f"B {b.get('speaker')!r}"
                )

    def sentences_of(event: dict[str, Any]) -> set[int]:
        phrases = [event.get("contains"), *as_list(event.get("optional_evidence"))]
        return {s for s in (where.sentence(p) for p in phrases) if s is not None}

    def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return (
            bool(sentences_of(a) & sentences_of(b))
            and _overlap(a.get("source"), b.get("source"))
            and _overlap(a.get("target"), b.get("target"), empty_agrees=True)
        )

    events_a, events_b = _required(gold_a.get("events")), _required(gold_b.get("events"))
    pairs = _match(
        events_a,
        events_b,
        same_event,
        lambda a, b: (
            _overlap(a.get("types"), b.get("types"))
            and where.sentence(a.get("contains")) == where.sentence(b.get("contains"))
        ),
    )
    counts.add("events_a", len(events_a))
    counts.add("events_b", len(events_b))
    counts.add("events_matched", len(pairs))
    unmatched("event", events_a, events_b, pairs, _show_event)
    for a, b in pairs:
        labels = _type_labels(a, b)
        type_pairs.append(labels)
        differs = [] if labels[0] == labels[1] else ["type"]
        counts.add("status_total")
        same_status = _overlap(a.get("status"), b.get("status"))
        counts.add("status_same", same_status)
        differs += [] if same_status else ["status"]
        if a.get("date") and b.get("date"):
            counts.add("date_total")
            counts.add("date_same", a["date"] == b["date"])
            differs += [] if a["date"] == b["date"] else ["date"]
        if a.get("location") and b.get("location"):
            counts.add("place_total")
            la, lb = norm(a["location"]), norm(b["location"])
            counts.add("place_same", la in lb or lb in la)
            differs += [] if la in lb or lb in la else ["place"]
        if differs:
            notes.append(
                f"event {', '.join(differs)} differ: A {_show_event(a)} | B {_show_event(b)}"
            )
    return {"counts": counts, "type_pairs": type_pairs, "disagreements": notes}


def _show_event(event: dict[str, Any]) -> str:
    sides = (
        "/".join(map(str, as_list(event.get("source"))))
        + "->"
        + ("/".join(map(str, as_list(event.get("target")))) or "any")
    )
    return (
        f"{'/'.join(as_list(event.get('types')))} {sides} "
        f"{'/'.join(as_list(event.get('status')))} {event.get('date') or '-'} "
        f"{event.get('location') or '-'} {event.get('contains')!r}"
    )


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels on the same items; None without items."""
    pairs = list(pairs)
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[label] * right[label] for label in left) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(comparisons: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The agreement figures over several articles' comparisons."""
    total, type_pairs, articles = Counts(), [], 0
    for comparison in comparisons:
        total.merge(comparison["counts"])
        type_pairs.extend(comparison["type_pairs"])
        articles += 1
    figures: dict[str, Any] = {"articles": articles}
    for measure in MEASURES:
        a, b, matched = total[f"{measure}_a"], total[f"{measure}_b"], total[f"{measure}_matched"]
        figures[measure] = {
            "a": a,
            "b": b,
            "matched": matched,
            "f1": f1(ratio(matched, b), ratio(matched, a)),
        }
    figures["persons"]["country"] = ratio(total["country_same"], total["country_total"])
    for kind in ("direct", "indirect"):
        figures[kind]["speaker"] = ratio(
            total[f"{kind}_speaker_same"], total[f"{kind}_speaker_total"]
        )
    figures["events"].update(
        type_kappa=cohen_kappa(type_pairs),
        type_same=ratio(sum(a == b for a, b in type_pairs), len(type_pairs)),
        status=ratio(total["status_same"], total["status_total"]),
        date=ratio(total["date_same"], total["date_total"]),
        place=ratio(total["place_same"], total["place_total"]),
    )
    return figures


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:.3f}"


def format_agreement(figures: dict[str, Any]) -> str:
    labels = {
        "persons": "persons",
        "direct": "direct quotes",
        "indirect": "indirect quotes",
        "events": "events",
    }
    lines = [f"articles compared: {figures['articles']}"]
    lines.append(f"{'measure':<16} {'A':>5} {'B':>5} {'matched':>7} {'F1':>6}  on matched items")
    for measure, label in labels.items():
        m = figures[measure]
        if measure == "persons":
            extra = f"country {_fmt(m['country'])}"
        elif measure == "events":
            extra = (
                f"type kappa {_fmt(m['type_kappa'])} (same type {_fmt(m['type_same'])}), "
                f"status {_fmt(m['status'])}, date {_fmt(m['date'])}, place {_fmt(m['place'])}"
            )
        else:
            extra = f"speaker {_fmt(m['speaker'])}"
        lines.append(
            f"{label:<16} {m['a']:>5} {m['b']:>5} {m['matched']:>7} {_fmt(m['f1']):>6}  {extra}"
        )
    return "\n".join(lines)
