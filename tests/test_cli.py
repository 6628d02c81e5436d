"""End-to-end tests through the ``detente`` command."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from detente.cli import build_parser, main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXT = (
    "Chinese Foreign Minister Wang Yi met U.S. Secretary of State Antony Blinken in Beijing "
    "on Monday. Blinken later spoke to reporters."
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json_record_follows_the_schema(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        [
            "analyze",
            str(article_file),
            "--format",
            "json",
            "--published",
            "2023-06-19",
            "--title",
            "Talks",
        ],
        capsys,
    )
    assert code == 0, err
    record = json.loads(out)
    assert record["schema"] == "detente/article@1"
    assert set(record) == {"schema", "article", "actors", "quotes", "events"}
    meta = record["article"]
    assert meta["published"] == "2023-06-19" and meta["title"] == "Talks"
    assert meta["path"] == str(article_file) and meta["language"] == "en"
    assert len(meta["id"]) == 16 and "text" not in meta
    assert record["quotes"] == []
    assert record["events"], "the talks are an event"
    for event in record["events"]:
        assert {
            "id",
            "type",
            "mode",
            "status",
            "source",
            "target",
            "source_country",
            "target_country",
            "date",
            "location",
            "intensity",
            "confidence",
            "evidence",
            "rule",
        } <= set(event)
        evidence = event["evidence"]
        assert TEXT[evidence["start"] : evidence["end"]] == evidence["text"]
    for actor in record["actors"]:
        assert {
            "id",
            "type",
            "name",
            "country",
            "sector",
            "role",
            "affiliation",
            "mentions",
        } <= set(actor)
        for mention in actor["mentions"]:
            assert TEXT[mention["start"] : mention["end"]] == mention["text"]


def test_plover_format(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["analyze", str(article_file), "--format", "plover"], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(
        {"event", "actor", "recipient", "textOffsets"} <= set(r) for r in records
    )


def test_include_text(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", str(article_file), "--format", "json", "--include-text"], capsys)
    assert code == 0
    assert json.loads(out)["article"]["text"] == TEXT


def test_jsonl_keeps_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = []
    for number in range(3):
        path = tmp_path / f"a{number}.txt"
        path.write_text(f"Article {number}. {TEXT}", encoding="utf-8")
        paths.append(str(path))
    code, out, _ = run(["analyze", *paths, "--format", "jsonl"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["path"] for r in records] == paths


def test_table_is_readable(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", str(article_file)], capsys)
    assert code == 0
    assert (
        "ACTORS" in out and "Antony Blinken" in out and "QUOTES (0)" in out and "EVENTS (1)" in out
    )


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    code, out, _ = run(["analyze", "-", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["article"]["path"] is None


def test_bad_inputs_fail_alone_and_are_listed(
    tmp_path: Path, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    invalid = tmp_path / "latin.txt"
    invalid.write_bytes(("Le ministre a déclaré que la réunion était utile. " * 6).encode("cp1252"))
    no_article = tmp_path / "nav.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    inputs = [
        str(p)
        for p in (
            empty,
            article_file,
            binary,
            no_article,
            big,
            tmp_path,
            tmp_path / "gone.txt",
            invalid,
        )
    ]
    code, out, err = run(["analyze", *inputs, "--format", "jsonl"], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["article"]["path"] for r in records] == [str(article_file)]
    assert "7 of 8 inputs failed" in err
    for reason in (
        "empty",
        "binary",
        "no article text",
        "more than the limit",
        "is a directory",
        "no such file",
        "does not look like English",
    ):
        assert reason in err, reason
    assert "Traceback" not in err
    assert "not valid UTF-8; decoded as" in err


def test_bad_date_is_a_clear_error(article_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["analyze", str(article_file), "--published", "yesterday"], capsys)
    assert code == 2
    assert err == (
        "detente: [D072] published: 'yesterday' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD\n"
    )


def test_missing_model_is_a_clear_error(
    article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["analyze", str(article_file), "--model", "no_such_model_xx"], capsys)
    assert code == 2
    assert "not installed" in err and "Traceback" not in err


def test_user_knowledge_base_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = tmp_path / "mine.yaml"
    kb.write_text(
        "organizations:\n"
        "  - {name: Quarry Foundation, aliases: [QF], country: CAN, sector: NGO,"
        " kind: think_tank}\n"
    )
    article = tmp_path / "a.txt"
    article.write_text("It is risky, said Dana Whitlock, a fellow at the Quarry Foundation.")
    code, out, err = run(["analyze", str(article), "--format", "json", "--kb", str(kb)], capsys)
    assert code == 0, err
    actors = {a["name"]: a for a in json.loads(out)["actors"]}
    assert actors["Dana Whitlock"]["country"] == "CAN"
    assert actors["Quarry Foundation"]["sector"] == "NGO"


def test_bad_knowledge_base_file(
    tmp_path: Path, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = tmp_path / "bad.tsv"
    kb.write_text("what\tever\nx\ty\n")
    code, _, err = run(["analyze", str(article_file), "--kb", str(kb)], capsys)
    assert code == 2
    assert "bad.tsv" in err and "header" in err


def test_examples_run_through_the_installed_command() -> None:
    command = Path(sys.executable).with_name("detente")
    result = subprocess.run(
        [
            str(command),
            "analyze",
            *sorted(str(p) for p in EXAMPLES.glob("*.txt")),
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(list(EXAMPLES.glob("*.txt"))) >= 2
    assert all(r["actors"] for r in records)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["analyze", "a.txt", "--max-bytes", "10", "b.txt"],
            {"paths": ["a.txt", "b.txt"], "max_bytes": 10},
        ),
        (
            ["analyze", "--format", "jsonl", "a.txt", "-", "--kb", "k.tsv", "b.txt"],
            {"paths": ["a.txt", "-", "b.txt"], "format": "jsonl", "kb": ["k.tsv"]},
        ),
        (
            ["ingest", "a/", "--workers", "1", "feed.rss", "--db", "x.db", "c.warc"],
            {"sources": ["a/", "feed.rss", "c.warc"], "workers": 1, "db": "x.db"},
        ),
        (
            ["eval", "agreement", "A", "--json", "B", "--corpus", "texts"],
            {"target": ["agreement", "A", "B"], "json": True, "corpus": Path("texts")},
        ),
        (
            ["eval", "devnews", "--split", "test", "corpus"],
            {"target": ["devnews", "corpus"], "split": "test"},
        ),
        (
            ["series", "USA", "--freq", "week", "CHN", "--db", "x.db"],
            {"first": "USA", "second": "CHN", "freq": "week", "db": "x.db"},
        ),
    ],
)
def test_options_may_stand_anywhere_among_the_paths(
    argv: list[str], expected: dict[str, object]
) -> None:
    args = build_parser().parse_args(argv)
    assert {name: getattr(args, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["analyze", "--format", "jsonl"], "the following arguments are required: PATH"),
        (["analyze", "a.txt", "--bogus", "b.txt"], "unrecognized arguments: --bogus"),
        (["analyze", "a.txt", "--max-bytes"], "expected one argument"),
        (["ingest", "--db", "x.db"], "the following arguments are required: SOURCE"),
    ],
)
def test_a_wrong_command_line_is_still_refused(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_an_option_between_paths_applies_to_every_path(
    tmp_path: Path, article_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second = tmp_path / "second.txt"
    second.write_text(TEXT, encoding="utf-8")
    code, out, err = run(["analyze", str(article_file), "--max-bytes", "10", str(second)], capsys)
    assert code == 1 and out == ""
    assert "2 of 2 inputs failed" in err
    assert err.count("more than the limit") == 4
    assert err.count("detente: [D015] ") == 2, "a file over the limit is TooLarge, as alone"


TITLE_KB = "title\tsector\tcountry\nforeign policy chief\tGOV\t\n"
TITLED = {
    "before": "EU foreign policy chief Anna Berg said on Monday that the bloc would send "
    "observers to the border.",
    "opening": "Foreign policy chief Anna Berg said on Monday that the bloc would send "
    "observers to the border.",
    "apposition": "The EU's foreign policy chief, Anna Berg, said on Monday that the bloc "
    "would send observers to the border.",
    "after": "Anna Berg, the EU's foreign policy chief, said on Monday that the bloc would "
    "send observers to the border.",
    "as": "Anna Berg served as foreign policy chief until March, the bloc said on Monday.",
}


@pytest.fixture(scope="module")
def titled_records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The records of the TITLED texts, analysed with a --kb file that adds the title."""
    folder = tmp_path_factory.mktemp("titled")
    kb = folder / "titles.tsv"
    kb.write_text(TITLE_KB, encoding="utf-8")
    paths = []
    for name, text in TITLED.items():
        paths.append(folder / f"{name}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["analyze", *map(str, paths), "--kb", str(kb), "--format", "jsonl"])
    assert code == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return {Path(r["article"]["path"]).stem: r for r in records}


@pytest.mark.parametrize(
    ("name", "role", "country"),
    [
        ("before", "EU foreign policy chief", "IGO"),
        ("opening", "Foreign policy chief", None),  # not Foreign Policy, the US magazine
        ("apposition", "foreign policy chief", "IGO"),
        ("after", "EU's foreign policy chief", "IGO"),
        ("as", "foreign policy chief", None),
    ],
)
def test_a_title_from_the_users_knowledge_base_gives_the_role(
    titled_records: dict[str, dict[str, Any]], name: str, role: str, country: str | None
) -> None:
    berg = next(a for a in titled_records[name]["actors"] if a["name"] == "Anna Berg")
    assert (berg["role"], berg["sector"], berg["country"]) == (role, "GOV", country)
    assert berg["coding"]["sector"]["rule"].endswith(":foreign policy chief")
