"""Property-based passes over the analysis and the readers, bounded to a few seconds
each; ``benchmarks/fuzz.py`` runs the same properties for as long as asked.

The analysis, on English text broken by stray quotation marks, control characters,
other scripts, blank lines and sentences of thousands of characters without a stop,
either refuses the input with a coded ``DetenteError`` or returns a record whose every
offset lies within the text, with ``text[start:end]`` equal to the span's text. The
readers of feeds, web archives and record files, on random and damaged bytes, never
let an exception escape: what cannot be read is a failure, with its reason.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.errors import DetenteError
from detente.inputs import articles_of, jobs, read_records
from detente.model import Article
from detente.pipeline import Analyzer
from detente.textio import Failure, RawArticle

SENTENCES = [
    "Chinese Foreign Minister Wang Yi met U.S. Secretary of State Antony Blinken in "
    "Beijing on Monday.",
    '"We will not accept this," said Lena Okafor, a senior fellow at the Meridian Policy '
    "Institute, a Washington think tank.",
    "The United States imposed new sanctions on Russia last week, officials said.",
    "Kenya's president, Sam Oduya, said the talks with Ethiopia would resume in Nairobi.",
    "According to the ministry, the two sides agreed to restore military communications.",
    "By Mara Ellison, a staff writer at the Harbor Ledger",
    "WASHINGTON (Reuters) - Protesters gathered outside the embassy on Tuesday.",
    "He warned that China would respond to any provocation.",
    "Russian forces shelled the city of Kharkiv overnight, Ukraine's military said.",
    "The European Union's foreign policy chief, Anna Berg, called for a ceasefire.",
]
FRAGMENTS = ["said", "that", "the", "and", "of", "in", "to", "he said", "she told reporters"]
QUOTE_MARKS = ['"', "“", "”", "‘", "’", "«", "»", "„", "'", "‹", "›", "「", "」"]
CONTROLS = [chr(c) for c in (*range(0, 10), *range(11, 32), 0x7F, 0x85)] + [
    "\u200b",
    "\u200e",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u0301",
]
OTHER_SCRIPTS = ["Москва", "北京", "القاهرة", "Αθήνα", "שלום", "नई दिल्ली", "São Paulo", "🇺🇸", "😀"]
LONG_WORDS = ["the", "talks", "minister", "said", "Beijing", "sanctions", "and", "of", "Blinken"]

long_sentence = st.builds(
    lambda words, length: " ".join(words * length)[:length],
    st.lists(st.sampled_from(LONG_WORDS), min_size=3, max_size=8),
    st.integers(min_value=500, max_value=4000),
)
"""A sentence of hundreds to thousands of characters without a stop."""

piece = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(SENTENCES),  # twice: the English must outweigh the noise
    st.sampled_from(FRAGMENTS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(CONTROLS),
    st.sampled_from(OTHER_SCRIPTS),
    st.sampled_from(["\n", "\n\n", "\n\n\n", " \n \n"]),
    st.text(max_size=12),
)


@st.composite
def noisy_articles(draw: st.DrawFn) -> str:
    """English sentences and noise, joined by spaces, nothing or line breaks, with at
    most one sentence without a stop somewhere among them."""
    pieces = draw(st.lists(piece, min_size=1, max_size=30))
    if draw(st.booleans()):
        pieces.insert(draw(st.integers(0, len(pieces))), draw(long_sentence))
    joins = draw(st.lists(st.sampled_from([" ", " ", "", "\n"]), min_size=len(pieces)))
    return "".join(p + j for p, j in zip(pieces, joins, strict=False))


def spans(article: Article) -> Iterator[tuple[str, int, int, str | None]]:
    """Every offset of the record: what it is, start, end, and the text it claims."""
    for actor in article.actors:
        for mention in actor.mentions:
            yield f"{actor.id} mention", mention.start, mention.end, mention.text
        for code, coding in actor.coding.items():
            if coding.span is not None:
                span = coding.span
                yield f"{actor.id} coding {code}", span.start, span.end, span.text
    for quote in article.quotes:
        if quote.parts:
            # a quotation in several parts: its text joins the parts' words
            yield quote.id, quote.start, quote.end, None
            assert quote.text == " … ".join(article.text[s:e] for s, e in quote.parts)
        else:
            yield quote.id, quote.start, quote.end, quote.text
        for start, end in quote.parts:
            yield f"{quote.id} part", start, end, None
        if quote.cue_span is not None:
            yield f"{quote.id} cue", *quote.cue_span, None
        if quote.speaker_mention is not None:
            mention = quote.speaker_mention
            yield f"{quote.id} speaker", mention.start, mention.end, mention.text
    for event in article.events:
        evidence = event.evidence
        yield f"{event.id} evidence", evidence.start, evidence.end, evidence.text
        if event.trigger is not None:
            trigger = event.trigger
            yield f"{event.id} trigger", trigger.start, trigger.end, trigger.text


def misplaced(article: Article) -> list[str]:
    """The offsets of the record that fall outside the text or name other words."""
    text = article.text
    wrong = []
    for what, start, end, claimed in spans(article):
        if not 0 <= start <= end <= len(text):
            wrong.append(f"{what}: {start}..{end} outside 0..{len(text)}")
        elif claimed is not None and text[start:end] != claimed:
            wrong.append(f"{what}: {text[start:end]!r} is not {claimed!r}")
    return wrong


def check_analysis(analyzer: Analyzer, text: str) -> None:
    """The property: a coded refusal, or a record whose offsets all hold."""
    try:
        article = analyzer.analyze(text)
    except DetenteError:
        return
    assert misplaced(article) == []


ANALYSING = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
READING = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


@ANALYSING
@given(text=noisy_articles())
def test_noisy_text_is_refused_or_analysed_with_true_offsets(analyzer: Analyzer, text: str) -> None:
    check_analysis(analyzer, text)


def test_the_offset_check_itself() -> None:
    from detente.model import Actor, Span

    article = Article(id="x", text="Wang Yi met Blinken.")
    article.actors = [
        Actor("a1", "person", "Wang Yi", mentions=[Span(0, 7, "Wang Yi")]),
        Actor("a2", "person", "Blinken", mentions=[Span(12, 19, "Blinke"), Span(12, 40, "")]),
    ]
    assert misplaced(article) == [
        "a2 mention: 'Blinken' is not 'Blinke'",
        "a2 mention: 12..40 outside 0..20",
    ]


STORY = SENTENCES[0] + " " + SENTENCES[2]
PAGE = f"<html><head><title>Talks</title></head><body><article><p>{STORY}</p></article></body>"
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Lakes Courier</title><link>https://courier.example/</link>
<item><title>Talks in Beijing</title><link>https://courier.example/a</link>
<pubDate>Tue, 07 Mar 2023 09:00:00 GMT</pubDate><author>ruth@courier.example (Ruth Njeri)</author>
<content:encoded><![CDATA[{PAGE}]]></content:encoded></item>
<item><title>Sanctions</title><link>page.html</link><description>{STORY}</description></item>
</channel></rss>""".encode()
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>The Vessa Gazette</title>
<entry><title>Talks</title><link href="https://gazette.example/a"/>
<updated>2023-03-07T09:00:00Z</updated><author><name>Ada Finch</name></author>
<content type="html">{STORY}</content></entry>
<entry><title>Plain</title><summary type="text">{STORY}</summary></entry></feed>""".encode()
RECORDS = json.dumps(
    [{"text": STORY, "title": "Talks", "published": "2023-03-07", "authors": ["Ada Finch"]}]
).encode()
JSON_LINES = (
    json.dumps({"html": PAGE, "url": "https://courier.example/a"})
    + "\n"
    + json.dumps({"text": STORY, "outlet": "The Lakes Courier"})
    + "\n"
).encode()


def web_archive(gzipped: bool) -> bytes:
    """Two pages and a picture, in a WARC."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for uri, kind, body in (
        ("https://courier.example/a", "text/html; charset=utf-8", PAGE.encode()),
        ("https://courier.example/b", "text/html; charset=ISO-8859-1", PAGE.encode("latin-1")),
        ("https://courier.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


SEEDS = {
    ".rss": RSS,
    ".atom": ATOM,
    ".xml": RSS,
    ".warc": web_archive(gzipped=False),
    ".warc.gz": web_archive(gzipped=True),
    ".json": RECORDS,
    ".jsonl": JSON_LINES,
}
"""A whole, readable file of each kind a reader of containers reads."""


RUNS = [b"[", b'{"a":', b"9", b"<a>", b"<!--", b"&#x", b"\x00", b"\r\n"]
"""Bytes whose long runs strain a parser: nesting, digits, entities, line ends."""


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes with one to four cuts, overwritten, inserted or deleted stretches, or
    long runs of one thing."""
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "overwrite", "insert", "delete", "run"]))
        if edit == "cut":
            data = data[:at]
        elif edit == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
        elif edit == "run":
            data = (
                data[:at]
                + draw(st.sampled_from(RUNS)) * draw(st.sampled_from([3, 300, 3_000, 30_000]))
                + data[at:]
            )
        else:
            noise = draw(st.binary(min_size=1, max_size=16))
            data = data[:at] + noise + data[at + (len(noise) if edit == "overwrite" else 0) :]
    return data


@st.composite
def container_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A suffix of a container and bytes for it: damaged, random, or another kind's."""
    suffix = draw(st.sampled_from(sorted(SEEDS)))
    data = draw(
        st.one_of(
            damaged(SEEDS[suffix]),
            st.binary(max_size=512),
            st.sampled_from(sorted(SEEDS.values())),
        )
    )
    return suffix, data


def check_reader(folder: Path, suffix: str, data: bytes) -> None:
    """The property: reading a container as ``analyze`` and ``ingest`` do yields articles
    and failures, and raises nothing."""
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    for item in articles_of(str(path)):
        assert isinstance(item, RawArticle | Failure)
    for job in jobs([str(path)]):
        if not isinstance(job, Failure):
            with contextlib.suppress(DetenteError):
                job.load()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("containers")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")  # a feed entry's local link
    return folder


@READING
@given(file=container_files())
def test_damaged_containers_fail_with_a_reason(folder: Path, file: tuple[str, bytes]) -> None:
    check_reader(folder, *file)


@READING
@given(text=st.text(max_size=300))
def test_json_lines_on_standard_input_fail_with_a_reason(text: str) -> None:
    assert all(isinstance(r, dict | Failure) for r in read_records(text, "<stdin>"))
