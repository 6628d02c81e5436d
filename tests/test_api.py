"""The Python API as a notebook user meets it: what ``detente.analyze`` and
``detente.analyze_file`` take and refuse, short reprs, the article drawn as HTML, and
the public names of the package."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import detente
from detente import errors
from detente.html import STYLESHEET
from detente.model import Actor, Article, Coding, Event, Quote, Span
from detente.palette import palette_css
from detente.pipeline import shared_analyzer

ARTICLE = (
    "Kenya and Norway sign trade pact\n\n"
    "NAIROBI, June 19, 2023 - Kenyan President William Ruto met Norwegian Prime Minister "
    'Jonas Gahr Støre in Nairobi on Monday. "We will deepen our partnership," Ruto said.\n'
)
HTML_PAGE = (
    "<!doctype html><html><head><title>Kenya and Norway sign trade pact</title></head>"
    f"<body><article><h1>Kenya and Norway sign trade pact</h1><p>{ARTICLE[34:]}</p>"
    "</article></body></html>"
)


class FilePath(os.PathLike[str]):
    """A path type of the user's own: anything with ``__fspath__`` names a file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


@pytest.fixture(scope="module", autouse=True)
def _one_model() -> None:
    """The tests share the session's analyzer: the model loads once per process."""
    shared_analyzer()


def _file(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "make_input",
    [
        pytest.param(lambda tmp: ARTICLE, id="str text"),
        pytest.param(lambda tmp: ARTICLE.encode("utf-8"), id="utf-8 bytes"),
        pytest.param(lambda tmp: ARTICLE.encode("utf-8-sig"), id="utf-8 bytes with a BOM"),
        pytest.param(lambda tmp: ARTICLE.encode("utf-16"), id="utf-16 bytes"),
        pytest.param(lambda tmp: bytearray(ARTICLE.encode("utf-8")), id="bytearray"),
        pytest.param(lambda tmp: HTML_PAGE.encode("utf-8"), id="HTML bytes"),
        pytest.param(lambda tmp: _file(tmp, "a.txt", ARTICLE), id="Path to a .txt file"),
        pytest.param(lambda tmp: _file(tmp, "a.html", HTML_PAGE), id="Path to an .html file"),
        pytest.param(lambda tmp: FilePath(_file(tmp, "a.txt", ARTICLE)), id="os.PathLike"),
        pytest.param(lambda tmp: detente.RawArticle(text=ARTICLE), id="RawArticle"),
    ],
)
def test_analyze_takes_text_bytes_and_paths(make_input: Any, tmp_path: Path) -> None:
    article = detente.analyze(make_input(tmp_path))
    assert "Jonas Gahr Støre" in article.text
    assert {"William Ruto", "Jonas Gahr Støre"} <= {a.name for a in article.actors}
    assert article.events
    assert article.title == "Kenya and Norway sign trade pact"


@pytest.mark.parametrize(
    "make_path",
    [
        pytest.param(lambda tmp: str(_file(tmp, "a.txt", ARTICLE)), id="str"),
        pytest.param(lambda tmp: _file(tmp, "a.html", HTML_PAGE), id="Path to HTML"),
        pytest.param(lambda tmp: FilePath(_file(tmp, "a.txt", ARTICLE)), id="os.PathLike"),
    ],
)
def test_analyze_file_reads_the_file_as_detente_analyze_does(
    make_path: Any, tmp_path: Path
) -> None:
    path = make_path(tmp_path)
    article = detente.analyze_file(path, published="2023-06-20")
    assert {"William Ruto", "Jonas Gahr Støre"} <= {a.name for a in article.actors}
    assert article.path == os.fspath(path)
    assert article.published == "2023-06-20"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "latin-1"])
def test_bytes_are_decoded_as_a_file_of_them_is(encoding: str, tmp_path: Path) -> None:
    data = ("\ufeff" if encoding == "utf-16-be" else "") + ARTICLE
    content = data.encode(encoding)
    from_bytes = detente.analyze(content)
    from_file = detente.analyze_file(_file(tmp_path, "a.txt", content))
    assert from_bytes.text == from_file.text
    assert from_bytes.to_dict()["actors"] == from_file.to_dict()["actors"]
    assert [w.split(": ", 1)[1] for w in from_bytes.warnings] == [
        w.split(": ", 1)[1] for w in from_file.warnings
    ]


ACCEPTED = r"str \(an article's text\), bytes \(a file's content\), os\.PathLike \(a file\)"


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (None, "NoneType"),
        (42, "int"),
        (4.2, "float"),
        (["text"], "list"),
        ({"text": ARTICLE}, "dict"),
        (memoryview(b"text"), "memoryview"),
    ],
)
def test_analyze_refuses_other_types_with_a_type_error_naming_the_accepted_ones(
    value: Any, kind: str
) -> None:
    with pytest.raises(TypeError, match=rf"^\[D075\] text must be {ACCEPTED}.*, not {kind}$"):
        detente.analyze(value)


@pytest.mark.parametrize(("value", "kind"), [(None, "NoneType"), (42, "int"), (b"a.txt", "bytes")])
def test_analyze_file_refuses_what_is_no_path(value: Any, kind: str) -> None:
    with pytest.raises(
        TypeError, match=rf"^\[D075\] path must be str or os\.PathLike \(a file\), not {kind}$"
    ):
        detente.analyze_file(value)


@pytest.mark.parametrize(
    "make_text",
    [
        pytest.param(lambda tmp: str(_file(tmp, "a.txt", ARTICLE)), id="an existing file"),
        pytest.param(lambda tmp: str(_file(tmp, "notes", ARTICLE)), id="a file with no suffix"),
        pytest.param(lambda tmp: "news/2023-06-19-kenya.txt", id="a missing .txt"),
        pytest.param(lambda tmp: "C:\\news\\Kenya.HTML", id="a Windows path"),
        pytest.param(lambda tmp: "  feeds/world.rss\n", id="a feed, padded"),
        pytest.param(lambda tmp: "crawl.warc.gz", id="a web archive"),
    ],
)
def test_a_string_that_names_a_file_is_refused_with_the_way_to_read_it(
    make_text: Any, tmp_path: Path
) -> None:
    text = make_text(tmp_path)
    with pytest.raises(errors.InvalidArgument, match=r"^\[D071\] text .* is a file's name") as err:
        detente.analyze(text)
    assert f"detente.analyze_file({text.strip()!r})" in str(err.value)
    assert isinstance(err.value, ValueError)


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan President William Ruto met Norwegian Prime Minister Jonas Gahr Støre.",
        "Ruto signed the pact.txt",
        "a.txt\nRuto met Støre in Nairobi on Monday.",
    ],
)
def test_text_that_is_not_a_file_name_is_analysed(text: str) -> None:
    assert detente.analyze(text).text == text


@pytest.mark.parametrize(
    ("make_input", "error", "message"),
    [
        pytest.param(lambda tmp: b"", errors.EmptyInput, "<bytes>: the input is empty", id="b''"),
        pytest.param(lambda tmp: b" \n", errors.EmptyInput, "<bytes>: the input is", id="blank"),
        pytest.param(
            lambda tmp: b"\x00\x01\x02PK" * 50,
            errors.BinaryInput,
            "<bytes>: this looks like a",
            id="binary bytes",
        ),
        pytest.param(
            lambda tmp: "word " * 200_001,
            errors.TooLarge,
            "<text>: 1,000,005 characters",
            id="str over a million characters",
        ),
        pytest.param(
            lambda tmp: tmp / "missing.txt",
            errors.MissingInput,
            "missing.txt: no such file",
            id="missing file",
        ),
        pytest.param(lambda tmp: tmp, errors.NotAFile, "is a directory", id="folder"),
        pytest.param(
            lambda tmp: _file(tmp, "empty.txt", b""),
            errors.EmptyInput,
            "empty.txt: the input",
            id="empty file",
        ),
        pytest.param(
            lambda tmp: _file(tmp, "many.jsonl", '{"text": "a"}\n{"text": "b"}\n'),
            errors.InputError,
            "many.jsonl: a record file, feed or web archive holds many articles",
            id="record file",
        ),
    ],
)
def test_what_cannot_be_read_is_the_coded_error_the_cli_gives(
    make_input: Any, error: type[errors.DetenteError], message: str, tmp_path: Path
) -> None:
    with pytest.raises(error) as err:
        detente.analyze(make_input(tmp_path))
    assert message in err.value.message


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (ARTICLE.encode("utf-16"), None),
        (detente.RawArticle(text=ARTICLE), None),
        (None, errors.InvalidType),
        ("feeds/world.rss", errors.InvalidArgument),
    ],
)
def test_an_analyzer_takes_what_analyze_takes(source: Any, error: type | None) -> None:
    if error is None:
        assert shared_analyzer().analyze(source).text == ARTICLE
    else:
        with pytest.raises(error):
            shared_analyzer().analyze(source)


def _article(
    text: str = ARTICLE * 40, title: str | None = "Kenya and Norway sign trade pact"
) -> Article:
    mention = Span(49, 61, "William Ruto")
    evidence = Span(24, 160, text[24:160])
    return Article(
        id="0123456789abcdef",
        text=text,
        title=title,
        published="2023-06-19",
        actors=[
            Actor(
                "a1",
                "person",
                "William Ruto",
                "KEN",
                "GOV",
                "President",
                mentions=[mention] * 30,
                coding={"country": Coding("title-country", Span(24, 30, "Kenyan"))},
            ),
            Actor("a2", "person", "Jonas Gahr Støre", "NOR", "GOV", "Prime Minister"),
        ],
        quotes=[
            Quote("q1", "direct", "We will deepen our partnership," * 20, 160, 190, "a1", "Ruto")
        ],
        events=[
            Event(
                "e1",
                "CONSULT",
                None,
                "occurred",
                "a1",
                "a2",
                "KEN",
                "NOR",
                "2023-06-19",
                "Nairobi",
                2.5,
                0.8,
                evidence,
                "lexicon:meet.v",
                Span(62, 65, "met"),
            )
        ],
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            _article(),
            "<Article 0123456789abcdef 'Kenya and Norway sign trade pact' 2023-06-19: "
            "2 actors, 1 quote, 1 event>",
        ),
        (
            _article(title=None),
            "<Article 0123456789abcdef (no title) 2023-06-19: 2 actors, 1 quote, 1 event>",
        ),
        (_article().actors[0], "<Actor a1 person 'William Ruto' KEN GOV 'President', 30 mentions>"),
        (
            _article().actors[1],
            "<Actor a2 person 'Jonas Gahr Støre' NOR GOV 'Prime Minister', 0 mentions>",
        ),
        (
            _article().quotes[0],
            "<Quote q1 direct 160:190 by 'Ruto': "
            "'We will deepen our partnership,We will deepen o…'>",
        ),
        (
            _article().events[0],
            "<Event e1 CONSULT occurred a1 (KEN) → a2 (NOR) 2023-06-19 in Nairobi: 'met'>",
        ),
        (Span(49, 61, "William Ruto"), "<Span 49:61 'William Ruto'>"),
        (Coding("title-country", Span(24, 30, "Kenyan")), "<Coding title-country 24:30 'Kenyan'>"),
    ],
)
def test_reprs_are_short_and_say_what_the_record_holds(value: Any, expected: str) -> None:
    assert repr(value) == expected
    assert len(repr(value)) < 300


def test_an_analysed_articles_repr_is_short_and_its_lists_readable() -> None:
    article = detente.analyze(ARTICLE * 30)
    assert len(repr(article)) < 300
    assert re.fullmatch(
        r"<Article [0-9a-f]{16} 'Kenya and Norway sign trade pact' 2023-06-19: "
        r"\d+ actors, \d+ quotes?, \d+ events?>",
        repr(article),
    )
    assert all(len(repr(item)) < 300 for item in article.actors + article.quotes + article.events)


def test_the_record_is_unchanged_by_the_reprs() -> None:
    record = _article().to_dict()
    assert record["actors"][0]["mentions"][0] == {"start": 49, "end": 61, "text": "William Ruto"}
    assert record["events"][0]["trigger"] == {"start": 62, "end": 65, "text": "met"}
    assert set(record) == {"schema", "article", "actors", "quotes", "events"}


class _Page(HTMLParser):
    """The tags and attributes of rendered HTML, and the article text as pieces, each with
    the classes of the mark around it (None for plain text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.pieces: list[tuple[str | None, str]] = []
        self._in_text = 0
        self._mark: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if self._in_text:
            self._in_text += 1
            self._mark = dict(attrs).get("class")
        elif ("class", "article-text") in attrs:
            self._in_text = 1

    def handle_endtag(self, tag: str) -> None:
        if self._in_text:
            self._in_text -= 1
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.pieces.append((self._mark, data))

    @property
    def text(self) -> str:
        return "".join(data for _, data in self.pieces)


def _page(article: Article) -> _Page:
    page = _Page()
    page.feed(article._repr_html_())
    page.close()
    return page


HOSTILE = '<script>alert(\'x\')</script> & "quoted" <b onmouseover="alert(1)">Ruto</b> &amp;'
SAFE_TAGS = {
    "div",
    "header",
    "h1",
    "h2",
    "p",
    "a",
    "span",
    "section",
    "aside",
    "ol",
    "li",
    "strong",
    "blockquote",
}


def _event(event_id: str, kind: str, status: str, trigger: Span, text: str) -> Event:
    """An event of the hostile article, its evidence the whole text."""
    evidence = Span(0, len(text), text)
    return Event(event_id, kind, None, status, None, None, None, None, None, None, -9.0, 0.5,
                 evidence, "r", trigger)  # fmt: skip


def _hostile_article() -> Article:
    """Hostile strings in every field the view shows; spans that overlap, that touch both
    ends of the text, and one that runs past it."""
    text = HOSTILE + " met " + HOSTILE
    end = len(text)
    evil = HOSTILE.replace("'x'", "'y'")
    threat = _event("e1", evil, evil, Span(10, 30, text[10:30]), text)
    threat.mode, threat.source, threat.target, threat.source_country = evil, "a1", evil, evil
    threat.date, threat.location, threat.rule = evil, evil, evil
    return Article(
        id="0123456789abcdef",
        text=text,
        title=evil,
        url="javascript:alert(1)",
        authors=[evil],
        outlet=evil,
        actors=[
            Actor("a1", "person", evil, evil, role=evil, mentions=[Span(0, 20, text[:20])]),
            Actor(evil, "group", "x", mentions=[Span(end - 10, end, text[-10:])]),
        ],
        quotes=[
            Quote("q1", evil, text[5:40], 5, 40, "a1", evil, cue=evil, parts=[(5, 15), (18, 40)]),
            Quote("q2", "direct", text, 0, end),
        ],
        events=[
            threat,
            _event("e2", "ASSAULT", "planned", Span(end - 3, end, text[-3:]), text),
            _event("e3", "ASSAULT", "occurred", Span(end - 2, end + 5, "out of range"), text),
        ],
    )


def test_the_html_view_shows_the_text_whole_and_makes_no_markup_of_it() -> None:
    article = _hostile_article()
    rendered = article._repr_html_()
    page = _page(article)
    assert page.text == article.text
    assert set(page.tags) <= SAFE_TAGS
    assert "<script" not in rendered.lower()
    assert "<b " not in rendered
    assert all(not name.startswith("on") for name, _ in page.attributes)
    assert ("href", "javascript:alert(1)") not in page.attributes
    assert rendered.count("&lt;script&gt;") >= 2


def test_the_html_view_marks_overlapping_spans_and_spans_at_the_edges() -> None:
    article = _hostile_article()
    text, end = article.text, len(article.text)
    event = "event quad-unknown"
    expected = [
        ("mark quote spk-1 actor", text[0:5]),
        ("mark quote spk-0 actor", text[5:10]),
        (f"mark quote spk-0 actor {event}", text[10:15]),
        (f"mark quote spk-1 actor {event}", text[15:18]),
        (f"mark quote spk-0 actor {event}", text[18:20]),
        (f"mark quote spk-0 {event}", text[20:30]),
        ("mark quote spk-0", text[30:40]),
        ("mark quote spk-1", text[40 : end - 10]),
        ("mark quote spk-1 actor", text[end - 10 : end - 3]),
        ("mark quote spk-1 actor event quad-material-conflict", text[end - 3 :]),
    ]
    found = [
        ((classes or "").partition(" status-")[0], data) for classes, data in _page(article).pieces
    ]
    assert found == expected


def test_an_empty_article_draws_an_empty_view() -> None:
    article = Article(id="0123456789abcdef", text="")
    rendered = article._repr_html_()
    assert _page(article).pieces == []
    assert "Article 0123456789abcdef" in rendered
    assert "0 actors · 0 quotes · 0 events" in rendered


def test_the_html_view_uses_the_dashboards_colours_inline() -> None:
    css = palette_css() + STYLESHEET.read_text(encoding="utf-8")
    conflict = re.search(r"--material-conflict:\s*([^;]+);", css)
    speaker = re.search(r"\.spk-0\s*\{\s*background:\s*([^;]+);", css)
    assert conflict and speaker
    article = _hostile_article()
    rendered = article._repr_html_()
    assert "style=" in rendered and "class=" in rendered
    marks = dict(re.findall(r'<a class="(mark [^"]*)"[^>]* style="([^"]*)"', rendered))
    assert (
        conflict.group(1)
        in marks["mark quote spk-1 actor event quad-material-conflict status-planned"]
    )
    assert f"background: {speaker.group(1)}" in marks["mark quote spk-0"]
    assert "var(--" not in rendered


PUBLIC = [
    "DEFAULT_MODEL",
    "Actor",
    "Analyzer",
    "Article",
    "Coding",
    "DetenteError",
    "Event",
    "Quote",
    "RawArticle",
    "Span",
    "analyze",
    "analyze_file",
]


def test_all_is_the_public_surface() -> None:
    assert detente.__all__ == PUBLIC
    assert all(hasattr(detente, name) for name in detente.__all__)


def test_the_namespace_leaks_no_helpers() -> None:
    leaked = [
        name
        for name, value in vars(detente).items()
        if not name.startswith("_") and name not in detente.__all__ and type(value) is not type(os)
    ]
    assert leaked == []


def test_dir_shows_the_public_names_and_dunders_only() -> None:
    shown = dir(detente)
    assert [name for name in shown if not name.startswith("__")] == sorted(PUBLIC)
    assert "__version__" in shown and "__doc__" in shown


def test_a_record_with_its_text_reads_back_as_the_same_article() -> None:
    article = detente.analyze(ARTICLE, published="2023-06-19")
    record = article.to_dict(include_text=True)
    again = Article.from_dict(record)
    assert again.to_dict(include_text=True) == record
    assert again.text == article.text


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ({"schema": "detente/article@1", "article": {"id": "x"}}, "record with its text"),
        ({"schema": "other@1", "article": {"id": "x", "text": "t"}}, "record with its text"),
        (["not", "a", "record"], "record with its text"),
        ({"schema": "detente/article@1", "article": {"text": "t"}}, "missing or malformed"),
        (
            {"schema": "detente/article@1", "article": {"id": "x", "text": "t"}, "actors": [{}]},
            "missing or malformed",
        ),
    ],
)
def test_a_record_that_is_no_article_with_its_text_is_refused(record: Any, words: str) -> None:
    with pytest.raises(errors.InputError, match=words):
        Article.from_dict(record)
