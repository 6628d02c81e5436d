"""Event dates: the reference date (publication, dateline, date line), what each event
takes and where it comes from (`date_source`), and datelines that are not actors."""

from __future__ import annotations

import pytest

from detente.events.dating import reference_date
from detente.layout import analyse_layout
from detente.pipeline import Analyzer


@pytest.mark.parametrize(
    ("text", "dateline", "date"),
    [
        (
            "Title\n\nKYIV, July 8, 2024 — Russia fired missiles.",
            "KYIV, July 8, 2024 — ",
            "July 8, 2024",
        ),
        ("NEW YORK, Feb 26 - Brazil's committee met.", "NEW YORK, Feb 26 - ", "Feb 26"),
        ("BRUSSELS — The European Union imposed sanctions.", "BRUSSELS — ", None),
        ("BRUSSELS (Reuters) - The EU said.", "BRUSSELS (Reuters) - ", None),
        ("Brussels, March 3 - The EU said.", "Brussels, March 3 - ", "March 3"),
        # no dateline: a sentence, a dash inside a sentence, a title-case word without a date
        ("Biden met Xi in Bali. WASHINGTON - no.", None, None),
        ("US Says Pacts Should Spur Trade - analysts", None, None),
        ("Talks - the next round\n\nThe ministers met.", None, None),
    ],
)
def test_datelines(text: str, dateline: str | None, date: str | None) -> None:
    layout = analyse_layout(text)
    assert (text[slice(*layout.dateline)] if layout.dateline else None) == dateline
    assert (text[slice(*layout.dateline_date)] if layout.dateline_date else None) == date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Talks\n\nThe ministers met.", "2024-03-05", ("2024-03-05", "article", False)),
        ("KYIV, July 8, 2024 — Russia fired.", None, ("2024-07-08", "dateline", False)),
        ("KYIV, July 8, 2024 — Russia fired.", "2024-07-10", ("2024-07-10", "article", True)),
        ("KYIV, July 8 — Russia fired.", "2024-07-08", ("2024-07-08", "article", False)),
        # a year-less dateline falls in the article's year, even a day after it
        ("ROME, March 3 - Italy said.", "1987-03-02", ("1987-03-02", "article", True)),
        ("ROME, Dec 30 - Italy said.", "1988-01-02", ("1988-01-02", "article", True)),
        ("KYIV, July 8 — Russia fired.", None, (None, None, False)),
        (
            "Collapse\n\nFriday, January 4, 2019\n\nA building fell.",
            None,
            ("2019-01-04", "article", False),
        ),
        ("The ministers met.", None, (None, None, False)),
    ],
)
def test_the_reference_date(
    text: str, published: str | None, expected: tuple[str | None, str | None, bool]
) -> None:
    found = reference_date(text, analyse_layout(text), published)
    assert (found.value, found.source, found.warning is not None) == expected


# (text, published, [(type, status, date, date_source), ...])
EVENT_DATES = [
    # a time expression of the sentence
    ("Norway imposed sanctions on Belarus on Monday.", "2024-07-10",
     [("SANCTION", "occurred", "2024-07-08", "text")]),
    # no time of its own, reported as current: the article's date
    ("Norway imposed sanctions on Belarus.", "2024-07-10",
     [("SANCTION", "occurred", "2024-07-10", "article")]),
    # the dateline's date when there is no article date
    ("OSLO, July 8, 2024 — Norway imposed sanctions on Belarus.", None,
     [("SANCTION", "occurred", "2024-07-08", "dateline")]),
    # background keeps no date it does not have
    ("Norway had previously imposed sanctions on Belarus.", "2024-07-10",
     [("SANCTION", "occurred", None, None)]),
    ("Norway has long imposed sanctions on Belarus.", "2024-07-10",
     [("SANCTION", "occurred", None, None)]),
    # a planned action does not take the date of the verb that governs it
    ("Iran and Iraq agreed on Saturday to resume talks.", "2024-07-10",
     [("AGREE", "occurred", "2024-07-06", "text"), ("CONSULT", "planned", None, None)]),
    # week-days: into the past for what happened, into the future for what is planned
    ("Norway will impose sanctions on Belarus on Monday.", "2024-07-10",
     [("SANCTION", "planned", "2024-07-15", "text")]),
    ("Norway imposed sanctions on Belarus on Wednesday.", "2024-07-10",
     [("SANCTION", "occurred", "2024-07-10", "text")]),
    # nothing to resolve against: no date
    ("Norway imposed sanctions on Belarus.", None, [("SANCTION", "occurred", None, None)]),
    # a later year in the sentence dates what is to come, not what happened
    ("Norway imposed sanctions on Belarus that last until 2030.", "2024-07-10",
     [("SANCTION", "occurred", "2024-07-10", "article")]),
    ("Norway imposed sanctions on Belarus in 2019.", "2024-07-10",
     [("SANCTION", "occurred", "2019", "text")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "expected"), EVENT_DATES)
def test_event_dates(
    analyzer: Analyzer,
    text: str,
    published: str | None,
    expected: list[tuple[str, str, str | None, str | None]],
) -> None:
    events = analyzer.analyze(text, published=published).events
    assert [(e.type, e.status, e.date, e.date_source) for e in events] == expected


def test_a_dateline_is_no_actor_and_no_source(analyzer: Analyzer) -> None:
    article = analyzer.analyze("BRUSSELS — The European Union imposed sanctions on Iran.")
    assert "BEL" not in {a.country for a in article.actors}
    assert [(e.source_country, e.target_country) for e in article.events] == [("IGO", "IRN")]


def test_the_article_takes_the_reference_date_when_it_has_none(analyzer: Analyzer) -> None:
    article = analyzer.analyze("OSLO, July 8, 2024 — Norway imposed sanctions on Belarus.")
    assert article.published == "2024-07-08"
    assert article.to_dict()["events"][0]["date_source"] == "dateline"
