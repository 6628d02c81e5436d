"""The gold scorer's date and place accuracy and its error categories, on invented gold."""

from __future__ import annotations

from typing import Any

import pytest

from detente.eval.gold import score_article, summary
from detente.model import Actor, Article, Event, Quote, Span

SENTENCE_A = "Lind met Oduya in Nairobi on Monday."
SENTENCE_B = "Kenya later accused Norland of dumping steel."


def _event(eid: str, etype: str, source: str | None, target: str | None, **kw: Any) -> Event:
    sentence = kw.pop("sentence", SENTENCE_A)
    start = 0 if sentence == SENTENCE_A else 40
    return Event(
        eid,
        etype,
        None,
        kw.pop("status", "occurred"),
        None,
        None,
        source,
        target,
        kw.pop("date", None),
        kw.pop("location", None),
        0.0,
        0.8,
        Span(start, start + len(sentence), sentence),
        "test",
    )


def _article(events: list[Event], quotes: list[Quote] | None = None) -> Article:
    actors = [Actor("a1", "person", "Ada Lind", "NLD", "GOV", "Foreign Minister", None)]
    return Article(id="x", text="x" * 100, actors=actors, quotes=quotes or [], events=events)


MEETING = {
    "id": "meeting",
    "types": ["CONSULT"],
    "source": ["NLD", "KEN"],
    "target": ["NLD", "KEN"],
    "status": ["occurred"],
    "contains": "met Oduya in Nairobi",
    "date": "2024-03-04",
    "location": "Nairobi",
}
ACCUSATION = {
    "id": "accuse",
    "types": ["ACCUSE"],
    "source": ["KEN"],
    "target": ["NLD"],
    "status": ["occurred"],
    "contains": "accused Norland of dumping",
}


@pytest.mark.parametrize(
    ("event", "date", "place"),
    [
        (_event("e1", "CONSULT", "NLD", "KEN", date="2024-03-04", location="Nairobi"), 1, 1),
        (_event("e1", "CONSULT", "NLD", "KEN", date="2024-03", location="Nairobi, Kenya"), 0, 1),
        (_event("e1", "CONSULT", "NLD", "KEN", date="2024-03-11", location="Mombasa"), 0, 0),
        (_event("e1", "CONSULT", "NLD", "KEN"), 0, 0),
    ],
)
def test_date_and_place_are_scored_on_matched_events(event: Event, date: int, place: int) -> None:
    figures = summary([score_article("x", _article([event]), {"events": [MEETING]})])
    assert figures["events"]["dates_scored"] == 1 and figures["events"]["places_scored"] == 1
    assert figures["events"]["date"] == date and figures["events"]["place"] == place


def test_a_gold_month_accepts_a_day_of_that_month() -> None:
    gold = {**MEETING, "date": "2024-03"}
    event = _event("e1", "CONSULT", "KEN", "NLD", date="2024-03-04")
    figures = summary([score_article("x", _article([event]), {"events": [gold]})])
    assert figures["events"]["date"] == 1.0


def test_gold_events_without_date_or_place_are_not_counted() -> None:
    event = _event("e1", "ACCUSE", "KEN", "NLD", sentence=SENTENCE_B)
    figures = summary([score_article("x", _article([event]), {"events": [ACCUSATION]})])
    assert figures["events"]["found"] == 1
    assert figures["events"]["dates_scored"] == 0 and figures["events"]["date"] is None


def test_date_is_scored_once_per_gold_event() -> None:
    events = [
        _event("e1", "CONSULT", "NLD", "KEN", date="2024-03-04"),
        _event("e2", "CONSULT", "KEN", "NLD", date="1999"),
    ]
    figures = summary([score_article("x", _article(events), {"events": [MEETING]})])
    assert figures["events"]["dates_scored"] == 1 and figures["events"]["date"] == 1.0


@pytest.mark.parametrize(
    ("events", "category"),
    [
        ([], "events: missed, no event in its sentence"),
        (
            [_event("e1", "SANCTION", "KEN", "NLD", sentence=SENTENCE_B)],
            "events: missed, wrong type",
        ),
        (
            [_event("e1", "ACCUSE", "NLD", "NLD", sentence=SENTENCE_B)],
            "events: missed, wrong source",
        ),
        (
            [_event("e1", "ACCUSE", None, "NLD", sentence=SENTENCE_B)],
            "events: missed, no source country",
        ),
        (
            [_event("e1", "ACCUSE", "KEN", "KEN", sentence=SENTENCE_B)],
            "events: missed, wrong target",
        ),
        (
            [_event("e1", "ACCUSE", "KEN", None, sentence=SENTENCE_B)],
            "events: missed, no target country",
        ),
    ],
)
def test_a_missed_event_gets_the_category_of_what_went_wrong(
    events: list[Event], category: str
) -> None:
    score = score_article("x", _article(events), {"events": [ACCUSATION]})
    assert score.categories[category] == 1
    assert sum(v for k, v in score.categories.values.items() if "missed" in k) == 1


def test_false_events_are_spurious_or_wrong_for_their_sentence() -> None:
    events = [
        _event("e1", "ASSAULT", "KEN", "NLD", sentence=SENTENCE_B),
        _event("e2", "AID", "USA", "KEN", sentence="The weather was fine."),
    ]
    score = score_article("x", _article(events), {"events": [ACCUSATION]})
    assert score.categories["events: wrong for its sentence"] == 1
    assert score.categories["events: spurious event"] == 1


def test_wrong_status_date_and_place_have_categories() -> None:
    event = _event("e1", "CONSULT", "NLD", "KEN", status="planned", location="Mombasa")
    score = score_article("x", _article([event]), {"events": [MEETING]})
    assert score.categories["events: wrong status"] == 1
    assert score.categories["events: no date"] == 1
    assert score.categories["events: wrong place"] == 1


@pytest.mark.parametrize(
    ("speaker", "category_missed", "category_false"),
    [
        (None, "direct quotes: missed (no speaker)", "direct quotes: found with no speaker"),
        ("a2", "direct quotes: missed (wrong speaker)", "direct quotes: found with wrong speaker"),
    ],
)
def test_quote_errors_say_whether_the_speaker_was_missing_or_wrong(
    speaker: str | None, category_missed: str, category_false: str
) -> None:
    article = _article([], [Quote("q1", "direct", "We stand ready.", 0, 10, speaker=speaker)])
    article.actors.append(Actor("a2", "person", "Tom Berg"))
    gold = {"quotes": [{"speaker": "Ada Lind", "kind": "direct", "contains": "stand ready"}]}
    score = score_article("x", article, gold)
    assert score.categories[category_missed] == 1
    assert score.categories[category_false] == 1


def test_person_errors_have_categories() -> None:
    gold = {
        "actors": [
            {"name": "Ada Lind", "country": ["KEN"], "role_contains": "Prime Minister"},
            {"name": "Sam Oduya", "country": ["KEN"]},
        ]
    }
    score = score_article("x", _article([]), gold)
    assert score.categories["persons: wrong country"] == 1
    assert score.categories["persons: wrong role/affiliation"] == 1
    assert score.categories["persons: missed person"] == 1
