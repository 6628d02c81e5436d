"""The gold-standard scorer (spec/gold-format.md) and ``detente eval``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main
from detente.eval.gold import norm, same_person, score_article, summary
from detente.model import Actor, Article, Event, Quote, Span


def test_norm_folds_quotes_dashes_space_and_case() -> None:
    assert norm("It’s  a “Blinken–Xi”\nmeeting") == 'it\'s a "blinken-xi" meeting'


@pytest.mark.parametrize(
    ("predicted", "gold", "same"),
    [
        ("Antony Blinken", "Antony Blinken", True),
        ("Blinken", "Antony Blinken", True),
        ("Tony Blinken", "Antony Blinken", False),
        ("Janet Yellen", "Antony Blinken", False),
        ("", "Antony Blinken", False),
    ],
)
def test_same_person(predicted: str, gold: str, same: bool) -> None:
    assert same_person(predicted, gold) is same


def _article() -> Article:
    text = "x" * 200
    actors = [
        Actor("a1", "person", "Ann Lee", "USA", "GOV", "Secretary of Trade", None),
        Actor("a2", "person", "Bo Chan", "CHN", "NGO", "fellow", "Harbor Institute"),
        Actor("a3", "person", "Stray Name"),
        Actor("a4", "group", "experts"),
        Actor("a5", "person", "Robin Hale"),
    ]
    quotes = [
        Quote("q1", "direct", "We will trade more, and soon.", 0, 10, speaker="a1"),
        Quote("q2", "direct", "Nothing changed at all.", 20, 30, speaker="a1"),
        Quote("q3", "indirect", "the deal will fail", 40, 50, speaker="a4"),
    ]
    events = [
        Event(
            "e1",
            "CONSULT",
            "visit",
            "occurred",
            "a1",
            None,
            "USA",
            "CHN",
            None,
            None,
            4.0,
            0.8,
            Span(0, 30, "Ann Lee visited Beijing on Monday."),
            "visit",
        ),
        Event(
            "e2",
            "CONSULT",
            "visit",
            "planned",
            "a1",
            None,
            "USA",
            "CHN",
            None,
            None,
            4.0,
            0.8,
            Span(0, 30, "Ann Lee visited Beijing on Monday."),
            "visit",
        ),
        Event(
            "e3",
            "SANCTION",
            None,
            "occurred",
            None,
            None,
            "USA",
            "CHN",
            None,
            None,
            -6.0,
            0.8,
            Span(40, 60, "Officials imposed sanctions on Beijing."),
            "sanction",
        ),
    ]
    return Article(id="x", text=text, actors=actors, quotes=quotes, events=events)


GOLD = {
    "format": "detente-gold/1",
    "authors": ["Robin Hale"],
    "actors": [
        {
            "name": "Ann Lee",
            "aliases": ["Lee"],
            "country": ["USA"],
            "sector": ["GOV"],
            "role_contains": "Secretary",
        },
        {
            "name": "Bo Chan",
            "country": ["USA"],
            "sector": ["NGO"],
            "affiliation_contains": "Harbor Institute",
        },
        {"name": "Cy Dunn", "country": ["GBR"]},
    ],
    "quotes": [
        {"speaker": "Ann Lee", "kind": "direct", "contains": "We will trade more"},
        {"speaker": "Bo Chan", "kind": "direct", "contains": "Nothing changed"},
        {"speaker": "experts", "kind": "indirect", "contains": "the deal will fail"},
    ],
    "events": [
        {
            "id": "visit",
            "types": ["CONSULT"],
            "source": "USA",
            "target": "CHN",
            "status": "occurred",
            "contains": "visited Beijing",
        },
        {
            "id": "missed",
            "types": ["REJECT"],
            "source": "CHN",
            "target": "USA",
            "status": "occurred",
            "contains": "declined",
        },
    ],
}


def test_score_article_counts_by_the_rules() -> None:
    score = score_article("x", _article(), GOLD)
    figures = summary([score])
    persons = figures["persons"]
    # Ann Lee and Bo Chan found, Cy Dunn missed; Stray Name is false, the author is neutral.
    assert (persons["found"], persons["gold"]) == (2, 3)
    assert persons["precision"] == pytest.approx(2 / 3)
    assert persons["country"] == pytest.approx(1 / 2)
    assert persons["sector"] == 1.0 and persons["role_affiliation"] == 1.0
    direct = figures["direct_quotes"]
    # q1 right; q2 covers Bo Chan's quote with the wrong speaker.
    assert (direct["found"], direct["gold"], direct["precision"]) == (1, 2, 0.5)
    assert figures["indirect_quotes"]["f1"] == 1.0
    events = figures["events"]
    # e1 right, e2 a duplicate of it from the same sentence, e3 matches nothing.
    assert (events["found"], events["gold"], events["duplicates"]) == (1, 2, 1)
    assert events["precision"] == pytest.approx(1 / 3)
    assert events["status"] == 1.0
    assert any("wrong speaker" in e for e in score.errors)
    assert any("person missed: 'Cy Dunn'" in e for e in score.errors)
    assert figures["quotes_without_speaker"] == {"quotes": 3, "without_speaker": 0, "share": 0.0}
    article = _article()
    article.quotes[1].speaker = None
    unknown = summary([score_article("x", article, GOLD)])["quotes_without_speaker"]
    assert (unknown["without_speaker"], unknown["share"]) == (1, pytest.approx(1 / 3))


def test_eval_folder_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "talks.txt").write_text(
        "U.S. Secretary of State Antony Blinken met Chinese President Xi Jinping on Monday.",
        encoding="utf-8",
    )
    gold = {
        "format": "detente-gold/1",
        "article": "talks.txt",
        "published": "2023-06-19",
        "actors": [
            {
                "name": "Antony Blinken",
                "country": ["USA"],
                "sector": ["GOV"],
                "role_contains": "Secretary of State",
            },
            {
                "name": "Xi Jinping",
                "country": ["CHN"],
                "sector": ["GOV"],
                "role_contains": "President",
            },
        ],
        "quotes": [],
        "events": [
            {
                "id": "meet",
                "types": ["CONSULT"],
                "source": "USA",
                "target": "CHN",
                "status": "occurred",
                "contains": "met Chinese President Xi Jinping",
                "date": "2023-06-19",
            }
        ],
    }
    (tmp_path / "talks.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["persons"]["recall"] == 1.0 and figures["persons"]["precision"] == 1.0
    assert figures["persons"]["country"] == 1.0
    assert figures["events"]["recall"] == 1.0 and figures["events"]["precision"] == 1.0
    assert main(["eval", str(tmp_path), "-v"]) == 0
    out = capsys.readouterr().out
    assert "== talks.txt: 0 errors" in out and "persons          found 2/2" in out


def test_eval_of_a_folder_without_gold_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(tmp_path)]) == 2
    assert "no NAME.gold.json" in capsys.readouterr().err
