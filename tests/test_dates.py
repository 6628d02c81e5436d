"""Time expressions resolved against the article date (detente.events.dates)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from detente.events.dates import TimeExpression, find_time_expressions

WEDNESDAY = dt.date(2023, 6, 21)
"""The default publication date: Wednesday 21 June 2023."""


def only(text: str, published: dt.date | None, hint: str | None = None) -> TimeExpression:
    found = find_time_expressions(text, published, tense_hint=hint)
    assert len(found) == 1, found
    expression = found[0]
    assert text[expression.start : expression.end] == expression.text
    return expression


def summary(expression: TimeExpression) -> tuple[str, str | None, str, str, str]:
    return (
        expression.text,
        expression.value,
        expression.precision,
        expression.direction,
        expression.rule,
    )


ABSOLUTE = [
    (
        "The envoys signed the accord on June 19, 2023.",
        ("June 19, 2023", "2023-06-19", "day", "absolute", "date.month-day-year"),
    ),
    (
        "The ceasefire began on 19 June 2023 near the border.",
        ("19 June 2023", "2023-06-19", "day", "absolute", "date.day-month-year"),
    ),
    (
        "Rebels seized the port on Jan. 10, 2020, officials said.",
        ("Jan. 10, 2020", "2020-01-10", "day", "absolute", "date.month-day-year"),
    ),
    (
        "The treaty lapsed on Sept. 3rd, 2021.",
        ("Sept. 3rd, 2021", "2021-09-03", "day", "absolute", "date.month-day-year"),
    ),
    (
        "Talks collapsed on Monday, June 19, 2023, in Vienna.",
        ("Monday, June 19, 2023", "2023-06-19", "day", "absolute", "date.month-day-year"),
    ),
    (
        "The embargo took effect on the 4th of March 2021.",
        ("4th of March 2021", "2021-03-04", "day", "absolute", "date.day-month-year"),
    ),
    (
        "The report was dated 2023-06-19 by the ministry.",
        ("2023-06-19", "2023-06-19", "day", "absolute", "date.iso"),
    ),
    (
        "A memo dated 6/19/2023 was leaked to reporters.",
        ("6/19/2023", "2023-06-19", "day", "absolute", "date.us-numeric"),
    ),
    (
        "Parliament dissolved in June 2023 after a vote.",
        ("June 2023", "2023-06", "month", "absolute", "date.month-year"),
    ),
    (
        "Troops withdrew in March of 2022.",
        ("March of 2022", "2022-03", "month", "absolute", "date.month-year"),
    ),
    (
        "Protests erupted in May 2021 across the region.",
        ("May 2021", "2021-05", "month", "absolute", "date.month-year"),
    ),
    (
        "Elections were held in late October 2020.",
        ("late October 2020", "2020-10", "month", "absolute", "date.month-year"),
    ),
    (
        "The blockade started in 2019 and never ended.",
        ("2019", "2019", "year", "absolute", "date.year"),
    ),
    (
        "The two states have been at odds since 2019.",
        ("2019", "2019", "year", "absolute", "date.year"),
    ),
    (
        "The pipeline deal was struck in early 2022.",
        ("early 2022", "2022", "year", "absolute", "date.year"),
    ),
    (
        "Inflation peaked in mid-2022, the bank said.",
        ("mid-2022", "2022", "year", "absolute", "date.year"),
    ),
    (
        "The cabinet fell at the end of 2018.",
        ("the end of 2018", "2018", "year", "absolute", "date.year"),
    ),
    (
        "Fighting resumed in the summer of 2019.",
        ("the summer of 2019", "2019", "year", "absolute", "date.season-year"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE)
@pytest.mark.parametrize("published", [WEDNESDAY, None])
def test_absolute_dates_keep_their_own_year(
    text: str, expected: tuple[str, str, str, str, str], published: dt.date | None
) -> None:
    assert summary(only(text, published)) == expected


RELATIVE = [
    # day words
    ("The minister resigned today.", ("today", "2023-06-21", "day", "present", "date.today")),
    ("Rockets hit the city tonight.", ("tonight", "2023-06-21", "day", "present", "date.today")),
    (
        "Yesterday the council voted to expel the envoy.",
        ("Yesterday", "2023-06-20", "day", "past", "date.yesterday"),
    ),
    (
        "Shelling continued last night near the dam.",
        ("last night", "2023-06-20", "day", "past", "date.yesterday"),
    ),
    (
        "The delegation will land tomorrow.",
        ("tomorrow", "2023-06-22", "day", "future", "date.tomorrow"),
    ),
    # weekdays (published on a Wednesday)
    (
        "The foreign ministers met on Monday.",
        ("Monday", "2023-06-19", "day", "past", "date.weekday"),
    ),
    ("Sunday's vote was peaceful.", ("Sunday", "2023-06-18", "day", "past", "date.weekday")),
    (
        "Officials met on Wednesday to review the truce.",
        ("Wednesday", "2023-06-21", "day", "present", "date.weekday"),
    ),
    (
        "The talks ended last Wednesday.",
        ("last Wednesday", "2023-06-14", "day", "past", "date.last-weekday"),
    ),
    (
        "Aid convoys leave next Friday.",
        ("next Friday", "2023-06-23", "day", "future", "date.next-weekday"),
    ),
    # weeks and weekends: month of the Monday / Saturday
    (
        "Border guards clashed last week.",
        ("last week", "2023-06", "month", "past", "date.last-week"),
    ),
    (
        "The army mobilised earlier this week.",
        ("earlier this week", "2023-06", "month", "past", "date.this-week"),
    ),
    (
        "The court rules this week on the appeal.",
        ("this week", "2023-06", "month", "present", "date.this-week"),
    ),
    (
        "The summit opens next week in Oslo.",
        ("next week", "2023-06", "month", "future", "date.next-week"),
    ),
    (
        "Militants attacked a depot over the weekend.",
        ("the weekend", "2023-06", "month", "past", "date.weekend"),
    ),
    (
        "Hundreds marched this weekend in the capital.",
        ("this weekend", "2023-06", "month", "past", "date.weekend"),
    ),
    (
        "Strikes halted traffic last weekend.",
        ("last weekend", "2023-06", "month", "past", "date.last-weekend"),
    ),
    (
        "Observers arrive next weekend.",
        ("next weekend", "2023-06", "month", "future", "date.next-weekend"),
    ),
    # months
    (
        "The sanctions were imposed last month.",
        ("last month", "2023-05", "month", "past", "date.last-month"),
    ),
    (
        "Exports fell this month, the ministry said.",
        ("this month", "2023-06", "month", "present", "date.this-month"),
    ),
    (
        "The embassy reopens next month.",
        ("next month", "2023-07", "month", "future", "date.next-month"),
    ),
    (
        "The rebels agreed earlier this month to a pause.",
        ("earlier this month", "2023-06", "month", "past", "date.this-month"),
    ),
    (
        "A vote is due later this month.",
        ("later this month", "2023-06", "month", "future", "date.this-month"),
    ),
    # years
    (
        "The alliance expanded last year.",
        ("last year", "2022", "year", "past", "date.last-year"),
    ),
    (
        "Growth will slow this year, the fund warned.",
        ("this year", "2023", "year", "present", "date.this-year"),
    ),
    (
        "Elections are expected next year.",
        ("next year", "2024", "year", "future", "date.next-year"),
    ),
    (
        "The regime jailed the editor earlier this year.",
        ("earlier this year", "2023", "year", "past", "date.this-year"),
    ),
    (
        "A new round of talks is planned later this year.",
        ("later this year", "2023", "year", "future", "date.this-year"),
    ),
    (
        "The mine was nationalised late last year.",
        ("late last year", "2022", "year", "past", "date.last-year"),
    ),
    (
        "Reforms take effect early next year.",
        ("early next year", "2024", "year", "future", "date.next-year"),
    ),
    (
        "The bank collapsed at the end of last year.",
        ("the end of last year", "2022", "year", "past", "date.last-year"),
    ),
    # "ago": days -> day, weeks and months -> month, years and decades -> year
    (
        "The envoy was expelled two days ago.",
        ("two days ago", "2023-06-19", "day", "past", "date.days-ago"),
    ),
    (
        "The quake struck 10 days ago.",
        ("10 days ago", "2023-06-11", "day", "past", "date.days-ago"),
    ),
    (
        "The militia took the town three weeks ago.",
        ("three weeks ago", "2023-05", "month", "past", "date.weeks-ago"),
    ),
    (
        "Talks broke down six months ago.",
        ("six months ago", "2022-12", "month", "past", "date.months-ago"),
    ),
    (
        "The dam was finished two years ago.",
        ("two years ago", "2021", "year", "past", "date.years-ago"),
    ),
    (
        "A similar treaty failed a decade ago.",
        ("a decade ago", "2013", "year", "past", "date.decades-ago"),
    ),
    (
        "The rebels surrendered a few days ago.",
        ("a few days ago", None, "day", "past", "date.days-ago"),
    ),
    # month-day without a year: the article's year, or the previous one beyond ~2 months
    (
        "The presidents spoke on June 19 by phone.",
        ("June 19", "2023-06-19", "day", "past", "date.month-day"),
    ),
    (
        "The navy will hold drills on July 4.",
        ("July 4", "2023-07-04", "day", "future", "date.month-day"),
    ),
    (
        "The border will be sealed on Aug. 10, a report said.",
        ("Aug. 10", "2023-08-10", "day", "future", "date.month-day"),
    ),
    (
        "The border was sealed on Aug. 30, a report said.",
        ("Aug. 30", "2022-08-30", "day", "past", "date.month-day"),
    ),
    (
        "The accord was signed on Sept. 5 in Doha.",
        ("Sept. 5", "2022-09-05", "day", "past", "date.month-day"),
    ),
    (
        "Rebels shelled the airport on 12 December.",
        ("12 December", "2022-12-12", "day", "past", "date.day-month"),
    ),
    (
        "Voters go to the polls May 28 in the runoff.",
        ("May 28", "2023-05-28", "day", "past", "date.month-day"),
    ),
    # bare months: the article's year (later months are future)
    (
        "A summit is planned in November.",
        ("November", "2023-11", "month", "future", "date.month"),
    ),
    (
        "The offensive began in February.",
        ("February", "2023-02", "month", "past", "date.month"),
    ),
    (
        "Prices rose sharply in June.",
        ("June", "2023-06", "month", "present", "date.month"),
    ),
    (
        "The parliament sat until March.",
        ("March", "2023-03", "month", "past", "date.month"),
    ),
    (
        "The truce has held since May.",
        ("May", "2023-05", "month", "past", "date.month"),
    ),
    ("Fighting flared in mid-June.", ("mid-June", "2023-06", "month", "present", "date.month")),
    (
        "Ministers will meet in early October.",
        ("early October", "2023-10", "month", "future", "date.month"),
    ),
    (
        "The ban was lifted last June.",
        ("last June", "2022-06", "month", "past", "date.last-month-name"),
    ),
    (
        "The election was held last May.",
        ("last May", "2023-05", "month", "past", "date.last-month-name"),
    ),
    (
        "Elections are due next March.",
        ("next March", "2024-03", "month", "future", "date.next-month-name"),
    ),
    (
        "The forum returns this September.",
        ("this September", "2023-09", "month", "future", "date.this-month-name"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE)
def test_relative_expressions_resolve_against_the_article_date(
    text: str, expected: tuple[str, str | None, str, str, str]
) -> None:
    assert summary(only(text, WEDNESDAY)) == expected


HINTED = [
    # bare month later than the publication month
    ("The summit took place in November.", None, "2023-11"),
    ("The summit took place in November.", "past", "2022-11"),
    ("The summit will take place in November.", "future", "2023-11"),
    # bare month earlier than the publication month
    ("Talks resume in January.", None, "2023-01"),
    ("Talks resumed in January.", "past", "2023-01"),
    ("Talks resume in January.", "future", "2024-01"),
    # month-day without a year
    ("The border was sealed on Aug. 10.", "past", "2022-08-10"),
    ("The border will be sealed on Aug. 30.", "future", "2023-08-30"),
    ("The accord will be signed on June 1.", "future", "2024-06-01"),
    ("The accord was signed on June 1.", "past", "2023-06-01"),
    # weekdays: most recent (past) or next (future), the same day either way
    ("The ministers met on Monday.", "past", "2023-06-19"),
    ("The ministers meet on Monday.", "future", "2023-06-26"),
    ("The ministers meet on Wednesday.", "future", "2023-06-21"),
    ("The ministers met on Wednesday.", "past", "2023-06-21"),
]


@pytest.mark.parametrize(("text", "hint", "value"), HINTED)
def test_tense_hint_breaks_ties(text: str, hint: str | None, value: str) -> None:
    assert only(text, WEDNESDAY, hint).value == value


WEEK_AND_WEEKEND = [
    # published Monday 3 July 2023: the weekend just before falls on 1-2 July
    ("Riots broke out over the weekend.", dt.date(2023, 7, 3), None, "2023-07", "past"),
    # published Tuesday 1 August 2023: Saturday 29 July
    ("Riots broke out over the weekend.", dt.date(2023, 8, 1), None, "2023-07", "past"),
    # published Sunday 2 July 2023: this very weekend
    ("Riots broke out this weekend.", dt.date(2023, 7, 2), None, "2023-07", "present"),
    # published Sunday 2 July 2023: "last weekend" is 24-25 June
    ("Riots broke out last weekend.", dt.date(2023, 7, 2), None, "2023-06", "past"),
    # published Thursday 29 June 2023, future: Saturday 1 July
    ("Rallies are planned this weekend.", dt.date(2023, 6, 29), "future", "2023-07", "future"),
    # published Saturday 30 September 2023: next weekend starts 7 October
    ("Rallies are planned next weekend.", dt.date(2023, 9, 30), None, "2023-10", "future"),
    # published Wednesday 2 August 2023: last week's Monday is 24 July
    ("The army advanced last week.", dt.date(2023, 8, 2), None, "2023-07", "past"),
    # published Thursday 31 August 2023: next week's Monday is 4 September
    ("The army will advance next week.", dt.date(2023, 8, 31), None, "2023-09", "future"),
    # published Wednesday 1 March 2023: this week's Monday is 27 February
    ("The army advanced this week.", dt.date(2023, 3, 1), None, "2023-02", "present"),
]


@pytest.mark.parametrize(("text", "published", "hint", "value", "direction"), WEEK_AND_WEEKEND)
def test_weeks_and_weekends_resolve_to_the_month_of_their_first_day(
    text: str, published: dt.date, hint: str | None, value: str, direction: str
) -> None:
    expression = only(text, published, hint)
    assert (expression.value, expression.precision, expression.direction) == (
        value,
        "month",
        direction,
    )


WEEKDAYS = [
    # published Monday 19 June 2023
    ("The vote was held on Monday.", dt.date(2023, 6, 19), "2023-06-19"),
    ("The vote was held on Saturday.", dt.date(2023, 6, 19), "2023-06-17"),
    ("The vote was held last Monday.", dt.date(2023, 6, 19), "2023-06-12"),
    ("The vote is next Monday.", dt.date(2023, 6, 19), "2023-06-26"),
    # published Saturday 1 July 2023, across a month boundary
    ("The vote was held on Thursday.", dt.date(2023, 7, 1), "2023-06-29"),
]


@pytest.mark.parametrize(("text", "published", "value"), WEEKDAYS)
def test_weekdays_resolve_to_a_day(text: str, published: dt.date, value: str) -> None:
    expression = only(text, published)
    assert (expression.value, expression.precision) == (value, "day")


NOT_DATES = [
    "Washington may stumble if the talks fail.",
    "Thousands of protesters march on the capital every week.",
    "The alliance sent 2,000 troops to the border.",
    "About 1,500 people fled the shelling.",
    "The ministers will meet at 5 p.m. in Geneva.",
    "The reactor will be finished in five years.",
    "The two sides have fought for five years.",
    "The region has been unstable for the past decade.",
    "Prices have doubled over the last year.",
    "The army will need the next month to regroup.",
    "The fleet sent 2000 troops to the strait.",
    "The 2019 election was disputed.",
    "The embassy moved in the 1990s.",
    "Analysts say it may take months.",
    "The envoy spoke to May about the deal.",
    "A memo dated 2/30/2023 was a forgery.",
    "The talks resumed the weekend of the vote.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_time_expressions(text, WEDNESDAY) == []


UNDATED = [
    ("The ministers met on Monday.", "Monday", "day", "past", None),
    ("The ministers meet on Monday.", "Monday", "day", "future", "future"),
    ("The envoy left yesterday.", "yesterday", "day", "past", None),
    ("The envoy arrives tomorrow.", "tomorrow", "day", "future", None),
    ("The sanctions were imposed last month.", "last month", "month", "past", None),
    ("Elections are expected next year.", "next year", "year", "future", None),
    ("Growth will slow this year.", "this year", "year", "present", None),
    ("The envoy was expelled two days ago.", "two days ago", "day", "past", None),
    ("Riots broke out over the weekend.", "the weekend", "month", "past", None),
    ("The presidents spoke on June 19.", "June 19", "day", "past", None),
    ("A summit is planned in November.", "November", "month", "future", "future"),
    ("The ban was lifted last June.", "last June", "month", "past", None),
]


@pytest.mark.parametrize(("text", "span", "precision", "direction", "hint"), UNDATED)
def test_relative_expressions_without_an_article_date_have_no_value(
    text: str, span: str, precision: str, direction: str, hint: str | None
) -> None:
    expression = only(text, None, hint)
    assert (expression.text, expression.value, expression.precision, expression.direction) == (
        span,
        None,
        precision,
        direction,
    )


def test_several_expressions_sorted_without_overlap() -> None:
    text = (
        "Since 2019 the two sides have met in June 2023, on Monday, June 19, 2023, "
        "and again yesterday; a new round is due next month."
    )
    found = find_time_expressions(text, WEDNESDAY)
    assert [(e.text, e.value) for e in found] == [
        ("2019", "2019"),
        ("June 2023", "2023-06"),
        ("Monday, June 19, 2023", "2023-06-19"),
        ("yesterday", "2023-06-20"),
        ("next month", "2023-07"),
    ]
    assert all(text[e.start : e.end] == e.text for e in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_a_datetime_is_read_as_its_date() -> None:
    expression = only("The envoy left yesterday.", dt.datetime(2023, 6, 21, 23, 30))
    assert expression.value == "2023-06-20"


def test_an_unknown_tense_hint_is_refused() -> None:
    with pytest.raises(ValueError, match="tense_hint"):
        find_time_expressions("in June", WEDNESDAY, tense_hint="present")
