"""The documentation leads somewhere: every relative link of the Markdown files names a
file of the repository, and its ``#anchor`` a heading of that file; a document named in
code (`record.md`) exists too, unless it lies in ``../shared``, the corpora a clone
does not have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from detente.pipeline import Analyzer

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted(
    [*ROOT.glob("*.md"), *ROOT.glob("docs/*.md"), *ROOT.glob("*/README.md")],
    key=lambda path: path.relative_to(ROOT),
)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
NAMED_DOCUMENT = re.compile(r"`([\w./-]+\.md)`")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)
OUTSIDE = ("http://", "https://", "mailto:")


def slug(heading: str) -> str:
    """A heading's anchor as GitHub writes it: lower case, punctuation dropped, spaces
    to hyphens."""
    text = heading.replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def prose(path: Path) -> str:
    """The file without its code blocks, where a bracket is no link."""
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return "\n".join(line for line in text.splitlines() if not line.startswith("    "))


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in HEADING.findall(prose(path))}


def broken_links(document: Path) -> list[str]:
    broken = []
    for target in LINK.findall(prose(document)):
        if target.startswith(OUTSIDE):
            continue
        file, _, anchor = target.partition("#")
        linked = (document.parent / file).resolve() if file else document
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {linked.name}")
    return broken


def missing_documents(document: Path) -> list[str]:
    return [
        name
        for name in NAMED_DOCUMENT.findall(prose(document))
        if not name.startswith("../shared/")
        and not (document.parent / name).exists()
        and not (ROOT / name).exists()
    ]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_leads_somewhere(document: Path) -> None:
    assert broken_links(document) == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_document_named_exists(document: Path) -> None:
    assert missing_documents(document) == []


@pytest.mark.parametrize(
    ("markdown", "broken"),
    [
        ("See [the record](record.md).", []),
        ("See [the actors](record.md#actors).", []),
        ("See [this page](#the-page).", []),
        ("See [a site](https://example.org/missing.md).", []),
        ("See [nothing](nowhere.md).", ["nowhere.md: no such file"]),
        ("See [no part](record.md#no-such-part).", ["record.md#no-such-part: no heading"]),
        ("```\n[not a link](nowhere.md)\n```", []),
        ("    [not a link](nowhere.md)", []),
    ],
)
def test_the_link_check_itself(tmp_path: Path, markdown: str, broken: list[str]) -> None:
    (tmp_path / "record.md").write_text("# The record\n\n## Actors\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(f"# The page\n\n{markdown}\n", encoding="utf-8")
    found = broken_links(page)
    assert len(found) == len(broken)
    assert all(f.startswith(b) for f, b in zip(found, broken, strict=True))


@pytest.mark.parametrize(
    ("markdown", "missing"),
    [
        ("Codes of `record.md`.", []),
        ("Codes of `../shared/spec/plover.md`.", []),
        ("Codes of `spec/article-json.md`.", ["spec/article-json.md"]),
    ],
)
def test_the_named_document_check_itself(tmp_path: Path, markdown: str, missing: list[str]) -> None:
    (tmp_path / "record.md").write_text("# The record\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(markdown, encoding="utf-8")
    assert missing_documents(page) == missing


def section(path: Path, heading: str) -> str:
    """The text of a ``## heading`` up to the next heading of that level."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"## {heading}")
    following = text.find("\n## ", start + 1)
    return text[start : following if following > 0 else len(text)]


def shown_output(text: str, command: str) -> list[str]:
    """The lines an indented code block shows after ``$ command``, without the elisions."""
    lines = text.splitlines()
    at = lines.index(f"    $ {command}")
    shown = []
    for line in lines[at + 1 :]:
        if (line.strip() and not line.startswith("    ")) or line.startswith("    $"):
            break
        if line.strip() not in ("", "..."):
            shown.append(line[4:].rstrip())
    return shown


TOUR = section(ROOT / "README.md", "A short tour")


def test_the_tour_uses_only_what_ships() -> None:
    assert "../shared" not in TOUR
    named = re.findall(r"examples/[\w.-]+", TOUR)
    assert named and [n for n in named if not (ROOT / n).exists()] == []


def test_the_tours_first_output_is_what_detente_prints(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detente.report import render_table
    from detente.textio import read_input

    path = "examples/2023-11-15-biden-xi-woodside.txt"
    monkeypatch.chdir(ROOT)
    printed = render_table(analyzer.analyze(read_input(path))).splitlines()
    shown = shown_output(TOUR, f"detente analyze {path}")
    assert len(shown) >= 15
    assert [line for line in shown if line not in printed] == []
