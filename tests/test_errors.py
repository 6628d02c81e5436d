"""The error catalogue: coded classes, templates, and the documentation of each code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente import errors

DOCS = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def test_every_code_is_unique_and_documented() -> None:
    documented = dict(re.findall(r"^\| (D\d{3}) \| `(\w+)` \|", DOCS.read_text(), re.M))
    assert documented == {code: name for code, (name, _) in errors.CATALOGUE.items()}


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (errors.NoDatabase(path="news.db"), "news.db: no database here; run detente ingest first"),
        (
            errors.UsageError(option="--workers 0", problem="give at least 1"),
            "--workers 0: give at least 1",
        ),
        (
            errors.InvalidArgument(name="freq", allowed="week or month", value="day"),
            "freq must be week or month, not 'day'",
        ),
        (errors.TooLarge("a.txt: too large"), "a.txt: too large"),
    ],
)
def test_messages_come_from_the_templates(error: errors.DetenteError, message: str) -> None:
    assert error.message == message
    assert str(error) == f"[{error.code}] {message}"


def test_invalid_arguments_are_still_value_errors() -> None:
    with pytest.raises(ValueError, match="D071"):
        from detente.series import series

        series([], "USA", "CHN", freq="day")


def test_no_bare_base_errors_and_no_value_errors_are_raised() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "detente"
    bare = re.compile(r"raise (?:errors\.)?DetenteError\(|raise (?:ValueError|TypeError)\(")
    offenders = [
        f"{path.relative_to(source)}:{number}"
        for path in source.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if bare.search(line)
    ]
    assert offenders == []
