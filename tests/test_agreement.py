"""Agreement between two annotators (`detente eval agreement`), on invented annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detente.cli import main
from detente.eval.agreement import agreement, cohen_kappa, compare, sentence_bounds

TEXT = (
    "Kenya and Norway sign pact\n\n"
    "Kenyan President Sam Oduya met Norwegian Prime Minister Ola Berg in Oslo on Monday. "
    "“We are partners,” Oduya said. Mr. Berg said Norway would send grain. "
    "Kenya later accused Uganda of closing the border.\n"
)


def _gold(actors: list[Any], quotes: list[Any], events: list[Any]) -> dict[str, Any]:
    return {"format": "detente-gold/1", "actors": actors, "quotes": quotes, "events": events}


def _event(eid: str, types: list[str], source: list[str], target: list[str], contains: str):
    return {"id": eid, "types": types, "source": source, "target": target,
            "status": ["occurred"], "contains": contains}  # fmt: skip


A = _gold(
    [{"name": "Sam Oduya", "aliases": ["Oduya"], "country": ["KEN"]}, {"name": "Ola Berg"}],
    [
        {"speaker": "Sam Oduya", "kind": "direct", "contains": "We are partners"},
        {"speaker": "Ola Berg", "kind": "indirect", "contains": "Norway would send grain"},
    ],
    [
        _event("meet", ["CONSULT"], ["KEN", "NOR"], ["KEN", "NOR"], "met Norwegian Prime"),
        _event("grain", ["AID"], ["NOR"], ["KEN"], "would send grain"),
        _event("accuse", ["ACCUSE"], ["KEN"], ["UGA"], "accused Uganda"),
    ],
)
B = _gold(
    [{"name": "Oduya", "country": ["KEN"]}, {"name": "Berg"}, {"name": "Ann Moe"}],
    [
        {"speaker": "Oduya", "kind": "direct", "contains": "partners"},
        {"speaker": "Berg", "kind": "indirect", "contains": "send grain"},
    ],
    [
        _event("m", ["CONSULT"], ["NOR"], ["KEN"], "Oduya met Norwegian"),
        _event("g", ["AGREE"], ["NOR"], ["KEN"], "Norway would send"),
        _event("x", ["ACCUSE"], ["KEN"], ["UGA"], "Kenya and Norway sign pact"),
    ],
)


def test_sentences_end_at_punctuation_and_line_breaks_but_not_abbreviations() -> None:
    text = "Headline\nMr. Berg met Ms. Moe in the U.S. today. They talked."
    pieces = [text[s:e] for s, e in sentence_bounds(text)]
    assert pieces == ["Headline", "Mr. Berg met Ms. Moe in the U.S. today.", "They talked."]


def test_compare_matches_items_of_two_annotators() -> None:
    figures = agreement([compare(A, B, TEXT)])
    assert figures["persons"]["matched"] == 2 and figures["persons"]["b"] == 3
    assert figures["persons"]["f1"] == pytest.approx(2 * 2 / 5)
    assert figures["persons"]["country"] == 1.0
    assert figures["direct"]["f1"] == 1.0 and figures["direct"]["speaker"] == 1.0
    assert figures["indirect"]["f1"] == 1.0
    # meet and grain match (grain with another type); accuse sits in another sentence.
    assert figures["events"]["matched"] == 2
    assert figures["events"]["f1"] == pytest.approx(2 / 3)
    assert figures["events"]["type_same"] == 0.5


def test_optional_items_are_left_out_on_both_sides() -> None:
    left = _gold([{"name": "Ola Berg", "optional": True}], [], [])
    right = _gold([], [], [])
    figures = agreement([compare(left, right, TEXT)])
    assert figures["persons"]["a"] == 0 and figures["persons"]["f1"] is None


@pytest.mark.parametrize(
    ("pairs", "kappa"),
    [
        ([("A", "A"), ("B", "B")], 1.0),
        ([("A", "B"), ("B", "A")], -1.0),
        ([("A", "A"), ("A", "A")], 1.0),
        ([("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")], 0.5),
        ([], None),
    ],
)
def test_cohen_kappa(pairs: list[tuple[str, str]], kappa: float | None) -> None:
    assert cohen_kappa(pairs) == (None if kappa is None else pytest.approx(kappa))


def test_eval_agreement_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "devnews"
    (corpus / "wire").mkdir(parents=True)
    (corpus / "manifest.tsv").write_text("file\n", encoding="utf-8")
    (corpus / "wire" / "pact.txt").write_text(TEXT, encoding="utf-8")
    for label, gold in (("a", A), ("b", B)):
        (tmp_path / label).mkdir()
        gold = {**gold, "article": "wire/pact.txt"}
        (tmp_path / label / "pact.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    args = ["eval", "agreement", str(tmp_path / "a"), str(tmp_path / "b")]
    assert main([*args, "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "articles compared: 1" in out and "type kappa" in out
    assert main([*args, "--corpus", str(tmp_path / "nowhere")]) == 2
