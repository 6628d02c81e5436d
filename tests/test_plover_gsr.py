"""``detente eval plover-gsr``: reading the GSR file, judging and scoring sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main
from detente.errors import GoldError
from detente.eval.plover_gsr import format_score, judge, load_records, score
from detente.model import Article, Event, Span

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "plover-gsr"


def _record(number: int, event: str, text: str, target: str | None = "PER") -> dict:
    record = {
        "id": f"T-{number}",
        "date": "2000-01-01",
        "event": event,
        "text": text,
        "source": [{"actorText": "Chile", "code": "CHL", "sector": "GOV"}],
    }
    if target:
        record["target"] = [{"actorText": "Peru", "code": target}]
    return record


@pytest.fixture
def gsr_file(tmp_path: Path) -> Path:
    records = [
        {"id": "DOC-0001", "text": "about this file"},
        _record(1, "DISAPPROVE", "Chile criticised Peru on Monday."),
        _record(2, "CONSULT", "Chile's foreign minister visited Peru."),
        _record(3, "PROTEST", "Students in Chile demonstrated on Friday.", target=None),
    ]
    records[3]["target"] = "diplomatic"  # a few real records hold a stray string here
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(records))
    return tmp_path


def _event(event_type: str, source: str | None, target: str | None) -> Event:
    return Event(
        id="e1",
        type=event_type,
        mode=None,
        status="occurred",
        source=None,
        target=None,
        source_country=source,
        target_country=target,
        date=None,
        location=None,
        intensity=0.0,
        confidence=0.7,
        evidence=Span(0, 1, "x"),
        rule="test",
    )


def test_old_labels_are_mapped_and_documentation_skipped(gsr_file: Path) -> None:
    records = load_records(gsr_file)
    assert [r.type for r in records] == ["ACCUSE", "CONSULT", "PROTEST"]
    assert records[0].sources == {"CHL"} and records[0].targets == {"PER"}
    assert records[2].targets == frozenset()


def test_judge_and_score(gsr_file: Path) -> None:
    records = load_records(gsr_file)
    articles = [Article(id=str(i), text=r.text) for i, r in enumerate(records)]
    articles[0].events = [_event("ACCUSE", "CHL", "PER"), _event("REJECT", "CHL", "PER")]
    articles[1].events = [_event("CONSULT", "CHL", "BOL")]
    figures = score(judge(r, a) for r, a in zip(records, articles, strict=True))
    assert figures["type_recall"] == pytest.approx(2 / 3)
    assert figures["triple_accuracy"] == pytest.approx(1 / 3)
    assert figures["extra_per_sentence"] == pytest.approx(1 / 3)
    assert figures["by_type"]["PROTEST"]["predicted"] == {"none": 1}
    assert "triple accuracy" in format_score(figures)


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text("{not json")
    with pytest.raises(GoldError, match="cannot read"):
        load_records(tmp_path)


def test_cli_on_a_small_file(gsr_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "plover-gsr", str(gsr_file), "-v"]) == 0
    out = capsys.readouterr().out
    assert "type recall" in out and "sentences          3" in out


@pytest.mark.skipif(not GSR.is_dir(), reason="../shared/corpora/plover-gsr is absent")
@pytest.mark.parametrize(
    ("floor", "type_recall"),
    [
        # the rules alone: every event the coder reads
        ("0", 0.75),
        # as reported: the events of low calibrated confidence left out cost the type
        # recall of sentences whose sides the coder cannot name, never the triples
        ("0.1", 0.70),
    ],
)
def test_real_gsr_meets_the_bars(
    floor: str, type_recall: float, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "plover-gsr", str(GSR), "--json", "--min-event-confidence", floor]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["sentences"] == 322
    assert figures["type_recall"] >= type_recall
    assert figures["triple_accuracy"] >= 0.55
    assert figures["extra_per_sentence"] <= 0.5
