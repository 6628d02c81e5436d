"""One table of readers for `analyze` and `ingest` (detente.inputs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.test_sources import RSS, crawl, write, write_warc

from detente.cli import main
from detente.inputs import ARTICLE, articles_of, discover, read_records, reader_of
from detente.textio import Failure, RawArticle


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "article"),
        ("a.HTML", "article"),
        ("page.htm", "article"),
        ("notes.md", "article"),
        ("records.jsonl", "records"),
        ("records.json", "records"),
        ("news.rss", "feed"),
        ("news.atom", "feed"),
        ("news.xml", "feed"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
    ],
)
def test_every_suffix_has_one_reader(name: str, kind: str) -> None:
    reader = reader_of(Path(name))
    found = "article" if reader is ARTICLE else reader.__name__
    assert (
        found
        == {
            "article": "article",
            "records": "_record_file",
            "feed": "_feed_file",
            "warc": "read_warc",
        }[kind]
    )


def test_folders_yield_the_files_the_table_can_read(tmp_path: Path) -> None:
    for name in ("b.txt", "a.rss", "c.warc.gz", "d.png", "e.jsonl"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in discover([str(tmp_path)])] == [
        "a.rss",
        "b.txt",
        "c.warc.gz",
        "e.jsonl",
    ]


def test_articles_of_a_feed_are_its_entries(tmp_path: Path) -> None:
    items = list(articles_of(str(write(tmp_path / "gazette.rss", RSS))))
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    assert items[0].title == "Grain deal in Vessa" and items[0].published == "2024-03-05"


def test_articles_of_a_bad_record_fail_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "A text."}), "{not json", json.dumps({"title": "no text"})]
    items = list(articles_of(str(write(tmp_path / "r.jsonl", "\n".join(lines)))))
    assert isinstance(items[0], RawArticle)
    assert [type(i) for i in items[1:]] == [Failure, Failure]


def test_a_file_named_by_date_keeps_no_date_in_analyze(tmp_path: Path) -> None:
    path = write(tmp_path / "2024-03-05-talks.txt", "Talks were held.")
    (raw,) = articles_of(str(path))
    assert isinstance(raw, RawArticle) and raw.published is None


def test_analyze_reads_a_feed_and_a_warc(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write(tmp_path / "gazette.rss", RSS)
    warc = write_warc(tmp_path / "crawl.warc.gz", True, crawl)
    code = main(["analyze", str(feed), str(warc), "--format", "jsonl"])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    titles = [r["article"]["title"] for r in records]
    assert "Grain deal in Vessa" in titles and "Grain deal" in titles
    assert len(records) >= 5
    # the crawl holds pages with no article text: each fails alone, the rest is analysed
    assert code == 1 and "inputs failed" in captured.err


UNREADABLE_JSON = [
    # name, content, reason
    ("deep.json", "[" * 100_000, "nested too deeply"),
    ("deep.json", "[" * 5_000 + "]" * 5_000, "nested too deeply"),
    ("deep.jsonl", '{"a": ' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
    (
        "long.jsonl",
        '{"text": "A text.", "n": ' + "9" * 5_000 + "}",
        "a number of over 4,300 digits",
    ),
    ("long.json", "[" + "1" * 5_000 + "]", "a number of over 4,300 digits"),
]


@pytest.mark.parametrize(("name", "content", "reason"), UNREADABLE_JSON)
def test_json_that_python_cannot_read_fails_with_a_reason(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    (item,) = articles_of(str(write(tmp_path / name, content)))
    assert isinstance(item, Failure) and f"not valid JSON ({reason})" in item.reason


@pytest.mark.parametrize(("name", "content", "reason"), UNREADABLE_JSON)
def test_json_lines_on_standard_input_that_python_cannot_read_fail(
    name: str, content: str, reason: str
) -> None:
    (item,) = read_records(content, "<stdin>")
    assert isinstance(item, Failure) and f"not valid JSON ({reason})" in item.reason
