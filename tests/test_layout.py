"""Bylines, photo captions and credit lines."""

from __future__ import annotations

import pytest

from detente.layout import analyse_layout


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (
            "By Robin Hale, a diplomacy reporter at Example Weekly,\n\nand Chris Lam, a reporter "
            "at Example Weekly.\n\nThe story begins here.",
            ["Robin Hale", "Chris Lam"],
        ),
        ("By Jane Doe and John Roe\nThe story.", ["Jane Doe", "John Roe"]),
        ("BY JANE DOE AND JOHN ROE\n\nThe story.", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, Associated Press\n\nThe story.", ["Jane Doe"]),
        ("Headline here\nBy Ana María de la Cruz\nThe story.", ["Ana María de la Cruz"]),
        # Sentences that start with "By" are not bylines.
        ("By Monday, Russian Forces had moved.", []),
        ("By the end of the week, talks had stalled.", []),
        ("The story has no byline at all.", []),
    ],
)
def test_byline_authors(text: str, authors: list[str]) -> None:
    layout = analyse_layout(text)
    assert layout.authors == authors
    if authors:
        assert layout.byline is not None
        assert "story" not in text[slice(*layout.byline)]
    else:
        assert layout.byline is None


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        (
            "Leaders meet in Geneva on June 19. JANE ROE/POOL/AFP VIA GETTY IMAGES",
            "JANE ROE/POOL/AFP VIA GETTY IMAGES",
        ),
        ("Protesters gather in Kyiv. KEVIN SMITH/REUTERS", "KEVIN SMITH/REUTERS"),
        (
            "A man walks past. (Photo by Jane Doe/AFP via Getty Images)",
            "(Photo by Jane Doe/AFP via Getty Images)",
        ),
        ("Photo: Jane Doe/Reuters", "Photo: Jane Doe/Reuters"),
        ("Leaders meet in Paris. Jane Doe/AFP via Getty Images", "Jane Doe/AFP via Getty Images"),
    ],
)
def test_credit_lines(text: str, credit: str) -> None:
    layout = analyse_layout(text)
    assert [text[s:e] for s, e in layout.credits] == [credit]
    assert layout.captions == [(0, len(text))]


@pytest.mark.parametrize(
    "text",
    [
        "THE U.S. AND CHINA ARE TALKING AGAIN",
        "The talks, officials said, were 'useful'/'frank'.",
        "Relations between the U.S. and China improved in 2023.",
    ],
)
def test_no_credit_in_ordinary_text(text: str) -> None:
    assert analyse_layout(text).credits == []
