"""The PLOVER table (kb/data/plover.tsv) and the word classes (kb/data/governors.tsv):
one source for every fact, and the things derived from it agree with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from detente.errors import KnowledgeBaseError
from detente.events.plover import fold
from detente.kb import GOVERNOR_CLASSES, KnowledgeBase
from detente.kb.ontology import EVENT_TYPES, PLOVER, QUAD_CLASSES, QUADS, types_where
from detente.pipeline import Analyzer

SPEC = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "plover.md"


def test_the_table_holds_the_sixteen_types_in_order() -> None:
    assert list(PLOVER) == [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]  # fmt: skip
    assert set(QUAD_CLASSES.values()) == set(QUADS)
    assert EVENT_TYPES["CONSULT"] == ("visit", "third-party", "multilateral", "phone")


@pytest.mark.shared
def test_the_table_agrees_with_the_spec() -> None:
    if not SPEC.is_file():
        pytest.skip(f"the spec is not at {SPEC} (a user's clone has no ../shared)")
    rows = [line for line in SPEC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells[0] not in PLOVER:
            continue
        modes = [m.strip() for m in cells[2].split(",")] if cells[2] != "—" else []
        assert list(EVENT_TYPES[cells[0]]) == modes, cells[0]
        assert PLOVER[cells[0]].intensity == float(cells[3].split()[0].replace("+", ""))


@pytest.mark.parametrize(
    ("event_type", "mode", "status", "folded"),
    [
        ("CONSULT", "visit", "planned", ("AGREE", None)),
        ("AID", None, "planned", ("AGREE", None)),
        ("SANCTION", None, "planned", ("THREATEN", "restrict")),
        ("ASSAULT", "aerial", "planned", ("THREATEN", "violence")),
        ("MOBILIZE", "troops", "planned", ("MOBILIZE", "troops")),
        ("ACCUSE", None, "planned", ("ACCUSE", None)),
        ("CONSULT", "visit", "occurred", ("CONSULT", "visit")),
    ],
)
def test_the_export_folds_by_the_table(
    event_type: str, mode: str | None, status: str, folded: tuple[str, str | None]
) -> None:
    assert fold(event_type, mode, status) == folded


def test_classes_of_types_come_from_the_table() -> None:
    assert types_where(harmful=True) == {"SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert types_where(untargeted="domestic") == {"CONCEDE", "PROTEST", "COERCE"}
    assert "REQUEST" not in types_where(direction="conflict") | types_where(direction="cooperation")


def test_intensities_come_from_the_table_and_a_user_table_wins(tmp_path: Path) -> None:
    kb = KnowledgeBase.default()
    assert kb.intensity("CONSULT", "visit") == 4.0
    assert kb.intensity("RETREAT", "release") == 6.5  # a mode without its own value
    mine = tmp_path / "mine.tsv"
    mine.write_text("type\tmode\tintensity\nCONSULT\tvisit\t3\n", encoding="utf-8")
    assert KnowledgeBase.default([mine]).intensity("CONSULT", "visit") == 3.0


def test_every_word_class_is_shipped() -> None:
    kb = KnowledgeBase.default()
    assert all(kb.governors(c) for c in GOVERNOR_CLASSES)
    assert {"hold", "impose"} <= kb.governors("light")


def test_a_user_word_changes_the_reading(analyzer: Analyzer, tmp_path: Path) -> None:
    text = "Norway aspires to impose sanctions on Belarus."
    assert [e.status for e in analyzer.analyze(text).events] == ["occurred"]
    mine = tmp_path / "mine.yaml"
    mine.write_text("governors:\n  - word: aspire\n    class: hypothetical\n", "utf-8")
    extended = Analyzer(analyzer.nlp, kb_files=[mine])
    assert [e.status for e in extended.analyze(text).events] == ["hypothetical"]


def test_an_unknown_word_class_is_a_clear_error(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("word\tclass\nponder\tdreamy\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="unknown word class 'dreamy'"):
        KnowledgeBase.default([mine])


def test_dask_run_does_not_import_ingest() -> None:
    code = "import sys, detente.dask_run; sys.exit(1 if 'detente.ingest' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
