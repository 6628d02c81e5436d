"""The devnews gold set's checks, split and `detente eval devnews`, on invented texts."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from detente.cli import main
from detente.eval.devnews import split_by_hash, split_of_added, validate_gold

TEXT = (
    "Dutch and Kenyan ministers meet\n\n"
    "Dutch Foreign Minister Ada Lind met Kenyan President Sam Oduya "
    "in Nairobi on Monday. “We stand ready to trade,” Lind said.\n"
)
CODES = {"NLD", "KEN", "USA"}


def _gold(**changes: Any) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "format": "detente-gold/1",
        "article": "wire/2024-03-05-norland-kenya.txt",
        "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
        "published": "2024-03-05",
        "actors": [
            {
                "name": "Ada Lind",
                "aliases": ["Lind"],
                "country": ["NLD"],
                "sector": ["GOV"],
                "role_contains": "Foreign Minister",
            },
            {"name": "Sam Oduya", "country": ["KEN"], "sector": ["GOV"]},
        ],
        "quotes": [{"speaker": "Ada Lind", "kind": "direct", "contains": "We stand ready"}],
        "events": [
            {
                "id": "meeting",
                "types": ["CONSULT"],
                "source": ["NLD"],
                "target": ["KEN"],
                "status": ["occurred"],
                "contains": "met Kenyan President Sam Oduya",
                "date": "2024-03-04",
                "location": "Nairobi",
            }
        ],
    }
    gold.update(changes)
    return gold


def test_a_valid_gold_file_has_no_problems() -> None:
    gold = _gold()
    assert validate_gold(gold, TEXT, countries=CODES, text_sha256=gold["sha256"]) == []


def _event(**changes: Any) -> dict[str, Any]:
    return {**_gold()["events"][0], **changes}


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"format": "detente-gold/0"}, "format"),
        ({"sha256": "0" * 64}, "sha256"),
        ({"published": "2024-13-45"}, "published"),
        ({"actors": [{"name": "Ada Lindt"}]}, "does not occur"),
        ({"actors": [{"name": "Ada Lind", "country": ["NL"]}]}, "'NL' is not a valid code"),
        ({"actors": [{"name": "Ada Lind", "sector": ["MINISTER"]}]}, "not a valid code"),
        ({"actors": [{"name": "Ada Lind", "nationality": "NLD"}]}, "unknown field"),
        ({"quotes": [{"speaker": "Ada Lind", "kind": "said", "contains": "We stand"}]}, "kind"),
        ({"quotes": [{"kind": "direct", "contains": "We stand"}]}, "needs a speaker"),
        ({"quotes": [{"speaker": "X", "kind": "direct", "contains": "We sit"}]}, "does not occur"),
        ({"events": [_event(types=["MEET"])]}, "'MEET' is not a valid code"),
        ({"events": [_event(types=[])]}, "at least one type"),
        ({"events": [_event(source=[])]}, "needs a source"),
        ({"events": [_event(target=["KENYA"])]}, "'KENYA' is not a valid code"),
        ({"events": [_event(status=["done"])]}, "'done' is not a valid code"),
        ({"events": [_event(date="2024-02-30")]}, "is not YYYY"),
        ({"events": [_event(date="March 2024")]}, "is not YYYY"),
        ({"events": [_event(location="")]}, "location"),
        ({"events": [_event(optional_evidence=["signed a pact"])]}, "does not occur"),
        ({"events": [_event(), _event()]}, "an id of its own"),
    ],
)
def test_validation_names_each_problem(changes: dict[str, Any], problem: str) -> None:
    gold = _gold(**changes)
    problems = validate_gold(gold, TEXT, countries=CODES, text_sha256=_gold()["sha256"])
    assert any(problem in p for p in problems), problems


def test_null_and_igo_are_valid_sides_and_empty_target_accepts_any() -> None:
    gold = _gold(events=[_event(source=[None, "IGO"], target=[])])
    assert validate_gold(gold, TEXT, countries=CODES) == []


def test_phrases_match_across_quote_styles_dashes_and_case() -> None:
    gold = _gold(quotes=[{"speaker": "Ada Lind", "kind": "direct", "contains": '"we STAND ready'}])
    assert validate_gold(gold, TEXT, countries=CODES) == []


def test_split_by_hash_is_stable_and_keeps_the_share_in_each_folder() -> None:
    names = [f"{folder}-{i}.gold.json" for folder in ("a", "b") for i in range(10)]
    folder_of = {n: n.split("-")[0] for n in names}
    first = split_by_hash(names, folder_of, 0.6)
    assert first == split_by_hash(list(reversed(names)), folder_of, 0.6)
    for folder in ("a", "b"):
        parts = [first[n] for n in names if folder_of[n] == folder]
        assert parts.count("dev") == 6 and parts.count("test") == 4


def _corpus(tmp_path: Path, gold: dict[str, Any]) -> tuple[Path, Path]:
    corpus, gold_dir = tmp_path / "devnews", tmp_path / "gold"
    (corpus / "wire").mkdir(parents=True)
    gold_dir.mkdir()
    (corpus / "manifest.tsv").write_text("file\tpublished\n", encoding="utf-8")
    (corpus / gold["article"]).write_text(TEXT, encoding="utf-8")
    (gold_dir / "norland-kenya.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (gold_dir / "split.tsv").write_text(
        "gold\tsplit\nnorland-kenya.gold.json\tdev\n", encoding="utf-8"
    )
    return corpus, gold_dir


def test_eval_devnews_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, gold_dir = _corpus(tmp_path, _gold())
    args = ["eval", "devnews", str(corpus), "--gold", str(gold_dir)]
    assert main([*args, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 1 and figures["split"] == "dev"
    assert figures["persons"]["found"] == 2
    assert figures["events"]["recall"] == 1.0
    assert set(figures["by_folder"]) == {"wire"}
    assert main([*args, "--by-folder", "-v"]) == 0
    out = capsys.readouterr().out
    assert "devnews dev: 1 articles (wire 1)" in out
    assert "== wire/norland-kenya" in out and "errors by category:" in out
    assert out.count("\nwire ") == 1
    assert main([*args, "--split", "test"]) == 2
    assert "no gold files in the test split" in capsys.readouterr().err


def test_eval_devnews_does_not_score_a_changed_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, gold_dir = _corpus(tmp_path, _gold(sha256="0" * 64))
    assert main(["eval", "devnews", str(corpus), "--gold", str(gold_dir)]) == 1
    captured = capsys.readouterr()
    assert "changed since it was annotated" in captured.err
    assert "not scored" in captured.out


def test_eval_devnews_without_the_corpus_says_so_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "devnews", str(tmp_path / "absent")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the devnews corpus is not there" in err


@pytest.mark.parametrize("name", ["wire-a.gold.json", "kremlin-b.gold.json", "x.gold.json"])
def test_an_added_gold_file_always_gets_the_same_split(name: str) -> None:
    assert split_of_added(name) == split_of_added(name) in ("dev", "test")


def test_added_gold_files_go_to_dev_about_sixty_percent_of_the_time() -> None:
    parts = [split_of_added(f"article-{i}.gold.json") for i in range(2000)]
    assert 0.55 < parts.count("dev") / len(parts) < 0.65
