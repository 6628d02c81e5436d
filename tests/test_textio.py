"""Reading inputs: decoding, HTML extraction and the bad-input errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente import errors
from detente.textio import decode, from_bytes, read_input

ARTICLE_HTML = (
    "<html><head><title>Talks resume</title>"
    '<meta name="author" content="Jane Roe">'
    '<meta property="article:published_time" content="2023-06-20"></head>'
    "<body><nav>Home | World</nav><article><h1>Talks resume</h1>"
    + "<p>Officials from both countries met in Geneva on Monday to discuss trade. </p>" * 6
    + "</article><footer>Contact us</footer></body></html>"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"Hello\r\nworld\rand more", "Hello\nworld\nand more"),
        ("caf\u00e9 \u201cquoted\u201d".encode(), "caf\u00e9 \u201cquoted\u201d"),
        (b"\xef\xbb\xbfwith a byte-order mark", "with a byte-order mark"),
        ("utf-16 text".encode("utf-16"), "utf-16 text"),
    ],
)
def test_decode_keeps_text_and_normalises_line_endings(data: bytes, expected: str) -> None:
    text, warnings = decode(data, "x.txt")
    assert text == expected
    assert warnings == []


def test_decode_falls_back_to_detected_encoding_with_a_warning() -> None:
    data = ("Le ministre a déclaré que la réunion était très importante. " * 5).encode("cp1252")
    text, warnings = decode(data, "latin.txt")
    assert "déclaré" in text
    assert len(warnings) == 1 and "not valid UTF-8" in warnings[0]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", errors.EmptyInput),
        (b"   \n\t  ", errors.EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, errors.BinaryInput),
        (bytes(range(1, 32)) * 200, errors.BinaryInput),
    ],
)
def test_decode_refuses_empty_and_binary(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode(data, "bad")


def test_html_gives_main_text_and_metadata() -> None:
    raw = from_bytes(ARTICLE_HTML.encode(), "page.html")
    assert "met in Geneva" in raw.text
    assert "Contact us" not in raw.text
    assert raw.title == "Talks resume"
    assert raw.published == "2023-06-20"
    assert raw.authors == ["Jane Roe"]


def test_html_without_article_is_an_error() -> None:
    with pytest.raises(errors.NoArticleText, match="no article text"):
        from_bytes(b"<html><body><nav></nav></body></html>", "empty.html")


def test_read_input_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(errors.MissingInput, match=r"nope\.txt: no such file"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(errors.NotAFile, match="is a directory"):
        read_input(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 1000)
    with pytest.raises(errors.TooLarge, match=r"big\.txt"):
        read_input(str(big), max_bytes=1000)


def test_text_longer_than_one_article_is_refused() -> None:
    with pytest.raises(errors.TooLarge, match="more than one article"):
        from_bytes(b"word " * 100, "long.txt", max_chars=100)


HEADLINES = [
    (
        "Norway and Kenya sign trade pact\n\nOSLO - Norway and Kenya signed a pact.",
        "Norway and Kenya sign trade pact",
    ),
    ("\n\n  Talks resume in Nairobi  \n\nThe talks resumed on Monday.", "Talks resume in Nairobi"),
    # no blank line after the first line: no headline
    ("Norway and Kenya signed a pact on Monday.\nThe talks were long.", None),
    # a single paragraph: no headline
    ("Norway and Kenya signed a pact on Monday.", None),
    # a first paragraph too long to be a headline
    (" ".join(["word"] * 40) + "\n\nMore text follows here.", None),
    # a byline is the authors, not the headline
    ("By Ana Ruiz and Tom Berg, Reuters\n\nOSLO - Norway signed a pact.", None),
    ("BY ANA RUIZ\n\nOSLO - Norway signed a pact.", None),
    # a headline that begins with "By" is still one
    ("By Monday, talks resume\n\nOSLO - The talks resume.", "By Monday, talks resume"),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_a_plain_texts_headline_is_its_first_line(text: str, expected: str | None) -> None:
    from detente.textio import headline

    assert headline(text) == expected


def test_a_txt_file_has_its_headline_as_title(tmp_path) -> None:
    from detente.pipeline import DEFAULT_MODEL, Analyzer
    from detente.textio import read_input

    path = tmp_path / "pact.txt"
    path.write_text("Norway and Kenya sign trade pact\n\nOSLO - Norway signed a pact with Kenya.\n")
    article = Analyzer(DEFAULT_MODEL).analyze(read_input(str(path)))
    assert article.title == "Norway and Kenya sign trade pact"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a byline on the first line is the authors, not the headline
        (
            "By Mara Ellison, a staff writer at the Harbor Ledger\n\n"
            "Norway signed a trade pact with Kenya on Monday.",
            None,
        ),
        (
            "Norway and Kenya sign trade pact\n\nBy Mara Ellison\n\n"
            "Norway signed a trade pact with Kenya on Monday.",
            "Norway and Kenya sign trade pact",
        ),
    ],
)
def test_a_byline_is_no_title(analyzer, text: str, title: str | None) -> None:
    assert analyzer.analyze(text).title == title
