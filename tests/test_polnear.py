"""The PolNeAR reader and scorer, on small synthetic articles written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.errors import GoldError
from detente.eval.polnear import (
    Attribution,
    PolnearArticle,
    format_score,
    load_split,
    score,
)
from detente.model import Actor, Article, Quote, Span

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "polnear"

METADATA_HEADER = (
    "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\t"
    "trump_count\tclinton_count\tcredit\twire\n"
)

# A made-up article: a title line, then two paragraphs.
ALPHA = (
    "Mayor opens bridge\n"
    "\n"
    '"It is a fine day," the mayor said, "and the river is calm."\n'
    "\n"
    "Critics warned the toll would rise. It was reported that traffic fell.\n"
)
BETA = "Short note\n\nThe council said it would meet again.\n"


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _write_corpus(root: Path, files: dict[str, str], metadata: str | None = None) -> Path:
    for name, content in files.items():
        path = root / "data" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    if metadata is not None:
        (root / "data" / "metadata.tsv").write_text(METADATA_HEADER + metadata, encoding="utf-8")
    return root


def _alpha_ann() -> str:
    q1 = _span(ALPHA, '"It is a fine day,"')
    q2 = _span(ALPHA, '"and the river is calm."')
    source = _span(ALPHA, "the mayor")
    cue = _span(ALPHA, "said")
    critics = _span(ALPHA, "Critics")
    warned = _span(ALPHA, "warned")
    toll = _span(ALPHA, "the toll would rise")
    reported = _span(ALPHA, "It was reported")
    traffic = _span(ALPHA, "that traffic fell")
    # a span across the paragraph break: its covered text continues on the next .ann lines,
    # one of which starts with a capital T and one with a capital E
    across = (q2[0], critics[1])
    return (
        f"T1\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t"
        '"It is a fine day," "and the river is calm."\n'
        f"T2\tSource {source[0]} {source[1]}\tthe mayor\n"
        f"T3\tCue {cue[0]} {cue[1]}\tsaid\n"
        f"T4\tAttribution {cue[0]} {cue[1]}\tsaid\n"
        "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1\n"
        f"T5\tSource {critics[0]} {critics[1]}\tCritics\n"
        f"T6\tCue {warned[0]} {warned[1]}\twarned\n"
        f"T7\tContent {toll[0]} {toll[1]}\tthe toll would rise\n"
        f"T8\tAttribution {warned[0]} {warned[1]}\twarned\n"
        f'T9\tDiscuss {across[0]} {across[1]}\t"and the river is calm."\n'
        "\n"
        "The next line is covered text too\n"
        "Even this one\n"
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n"
        f"T10\tCue {reported[0]} {reported[1]}\tIt was reported\n"
        f"T11\tContent {traffic[0]} {traffic[1]}\tthat traffic fell\n"
        f"T12\tAttribution-no-source {reported[0]} {reported[1]}\tIt was reported\n"
        "E3\tAttribution-no-source:T12 Cue:T10 Content:T11\n"
        "#1\tAnnotatorNotes T12\ta note\n"
    )


def _beta_ann() -> str:
    source = _span(BETA, "The council")
    cue = _span(BETA, "said")
    first = _span(BETA, "it would")
    second = _span(BETA, "meet again")
    return (
        f"T1\tSource {source[0]} {source[1]}\tThe council\n"
        f"T2\tCue {cue[0]} {cue[1]}\tsaid\n"
        f"T3\tContent {first[0]} {first[1]}\tit would\n"
        f"T4\tContent {second[0]} {second[1]}\tmeet again\n"
        f"T5\tAttribution {cue[0]} {cue[1]}\tsaid\n"
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4\n"
        # an unfinished event with no content is left out
        "E2\tAttribution-no-source:T5 \n"
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _write_corpus(
        tmp_path / "polnear",
        {
            "test/text/zeta_beta.txt": BETA,
            "test/text/alpha.txt": ALPHA,
            "test/text/unannotated.txt": BETA,
            "test/attributions/alpha_1a2b.ann": _alpha_ann(),
            "test/attributions/zeta_beta_bbbb.ann": "E1\tAttribution-no-source:T5 \n",
            "test/attributions/zeta_beta_aaaa.ann": _beta_ann(),
            "dev/text/alpha.txt": ALPHA,
            "dev/attributions/alpha_1a2b.ann": "",
        },
        metadata=(
            "test\talpha\t14\t1a2b\tdaily-planet\t2016-10-12\tA. Writer\tMayor\t0\t0\tNone\tNone\n"
            "test\tzeta_beta\t0\taaaa|bbbb\tNone\tNone\tNone\tShort\t0\t0\tNone\tNone\n"
            "dev\talpha\t3\t1a2b\tother-paper\t2016-01-01\tB\tMayor\t0\t0\tNone\tNone\n"
        ),
    )


def test_load_split_reads_articles_sorted_with_metadata(corpus: Path) -> None:
    articles = load_split(corpus, "test")
    assert [a.name for a in articles] == ["alpha", "zeta_beta"]  # unannotated left out
    alpha, beta = articles
    assert alpha.split == "test"
    assert alpha.text == ALPHA
    assert (alpha.publisher, alpha.published) == ("daily-planet", "2016-10-12")
    assert (beta.publisher, beta.published) == (None, None)
    assert [a.name for a in load_split(corpus, "test", limit=1)] == ["alpha"]
    dev = load_split(corpus, "dev")
    assert dev[0].publisher == "other-paper"
    assert dev[0].attributions == []


def test_discontinuous_spans_and_continuation_lines(corpus: Path) -> None:
    alpha = load_split(corpus, "test")[0]
    assert len(alpha.attributions) == 3
    quote, warned, _ = alpha.attributions
    assert quote.content == [
        _span(ALPHA, '"It is a fine day,"'),
        _span(ALPHA, '"and the river is calm."'),
    ]
    assert quote.source == [_span(ALPHA, "the mayor")]
    assert quote.cue == [_span(ALPHA, "said")]
    assert quote.has_quote_mark
    # the event after the continuation lines is read, and the Discuss span is ignored
    assert warned.source == [_span(ALPHA, "Critics")]
    assert warned.content == [_span(ALPHA, "the toll would rise")]
    assert not warned.has_quote_mark


def test_no_source_attribution(corpus: Path) -> None:
    reported = load_split(corpus, "test")[0].attributions[2]
    assert reported.source == []
    assert reported.cue == [_span(ALPHA, "It was reported")]
    assert reported.content == [_span(ALPHA, "that traffic fell")]


def test_content2_adds_pieces_and_first_annotator_wins(corpus: Path) -> None:
    beta = load_split(corpus, "test")[1]
    # annotator aaaa sorts before bbbb; its unfinished second event is dropped
    assert len(beta.attributions) == 1
    (attribution,) = beta.attributions
    assert attribution.content == [_span(BETA, "it would"), _span(BETA, "meet again")]
    assert attribution.content_text == "it would meet again"
    assert attribution.source == [_span(BETA, "The council")]


def test_has_quote_mark_kinds() -> None:
    for mark in ('"', "“", "”"):
        assert Attribution([], [], [(0, 3)], content_text=f"a{mark}b").has_quote_mark
    assert not Attribution([], [], [(0, 3)], content_text="a'b").has_quote_mark


def test_load_split_errors(tmp_path: Path, corpus: Path) -> None:
    with pytest.raises(GoldError, match="no data/ folder"):
        load_split(tmp_path / "nowhere", "test")
    with pytest.raises(GoldError, match="no such PolNeAR split"):
        load_split(corpus, "train")
    with pytest.raises(GoldError, match="not one of"):
        load_split(corpus, "parc3-replication")
    broken = _write_corpus(
        tmp_path / "broken",
        {
            "test/text/a.txt": "Some words here.\n",
            "test/attributions/a_0000.ann": "E1\tAttribution:T1 Content:T2\n",
        },
    )
    with pytest.raises(GoldError, match=r"a_0000\.ann:1: .*T1"):
        load_split(broken, "test")
    outside = _write_corpus(
        tmp_path / "outside",
        {"test/text/a.txt": "Short.\n", "test/attributions/a_0000.ann": "T1\tCue 2 99\tx\n"},
    )
    with pytest.raises(GoldError, match="outside the article text"):
        load_split(outside, "test")


# -- scoring -------------------------------------------------------------------------------

TEXT = (
    'Ann Lee spoke first. "We will build the road next year," she said. '
    "Bo Chan said the plan was too costly. "
    'Officials said it was "a serious risk" for the city.'
)


def _gold(*attributions: Attribution) -> PolnearArticle:
    return PolnearArticle("synthetic", "test", TEXT, list(attributions), None, None)


def _attribution(content: str, source: str | None) -> Attribution:
    piece = _span(TEXT, content)
    return Attribution(
        source=[_span(TEXT, source)] if source else [],
        cue=[],
        content=[piece],
        content_text=TEXT[piece[0] : piece[1]],
    )


def _quote(
    content: str | tuple[int, int],
    kind: str = "direct",
    mention: str | None = None,
    speaker: str | None = None,
) -> Quote:
    start, end = _span(TEXT, content) if isinstance(content, str) else content
    span = Span(*_span(TEXT, mention), mention) if mention else None
    return Quote(
        id=f"q{start}",
        kind=kind,
        text=TEXT[start:end],
        start=start,
        end=end,
        speaker=speaker,
        speaker_mention=span,
    )


ROAD = '"We will build the road next year,"'


def _predicted(*quotes: Quote, actors: list[Actor] | None = None) -> Article:
    return Article(id="synthetic", text=TEXT, actors=actors or [], quotes=list(quotes))


def test_found_at_exactly_half_and_not_below() -> None:
    start = TEXT.index(ROAD)
    content = (start, start + 20)
    gold = _gold(Attribution([_span(TEXT, "she")], [], [content], content_text='"'))
    at_half = _quote((start + 10, start + 40), mention="she")
    below = _quote((start + 11, start + 40), mention="she")
    assert score([(gold, _predicted(at_half))])["quotations"]["found"] == 1
    result = score([(gold, _predicted(below))])["quotations"]
    assert result["found"] == 0
    assert result["found_any"] == 0.0
    assert result["speaker_accuracy"] is None
    assert result["precision"] == 0.0


def test_speaker_right_via_speaker_mention() -> None:
    gold = _gold(_attribution(ROAD, "she"))
    result = score([(gold, _predicted(_quote(ROAD, mention="she")))])
    assert result["articles"] == 1
    quotations = result["quotations"]
    assert quotations["gold"] == quotations["predicted"] == quotations["correct_predicted"] == 1
    assert quotations["precision"] == quotations["recall"] == quotations["f1"] == 1.0
    assert quotations["speaker_accuracy"] == 1.0


def test_speaker_right_via_another_mention_of_the_actor() -> None:
    gold = _gold(_attribution(ROAD, "she"))
    ann = Actor("a1", "person", "Ann Lee", mentions=[Span(*_span(TEXT, "Ann Lee"), "Ann Lee")])
    she = Span(*_span(TEXT, "she"), "she")
    # the quote names "Ann Lee" as its mention, but the actor's other mention is the source
    wrong_mention = _quote(ROAD, mention="Ann Lee", speaker="a1")
    quotations = score([(gold, _predicted(wrong_mention, actors=[ann]))])["quotations"]
    assert quotations["found"] == 1
    assert quotations["found_with_speaker"] == 0
    assert quotations["speaker_accuracy"] == 0.0
    ann.mentions.append(she)
    quotations = score([(gold, _predicted(wrong_mention, actors=[ann]))])["quotations"]
    assert quotations["found_with_speaker"] == 1
    assert quotations["recall"] == 1.0


def test_precision_counts_a_false_prediction() -> None:
    gold = _gold(_attribution(ROAD, "she"), _attribution('"a serious risk"', "Officials"))
    right = _quote(ROAD, mention="she")
    false = _quote("Ann Lee spoke first.", mention="Ann Lee")
    quotations = score([(gold, _predicted(right, false))])["quotations"]
    assert quotations["predicted"] == 2
    assert quotations["correct_predicted"] == 1
    assert quotations["precision"] == 0.5
    assert quotations["recall"] == 0.5
    assert quotations["f1"] == pytest.approx(0.5)
    assert quotations["found_any"] == 0.5


def test_kind_filter_for_quotations_but_not_for_all() -> None:
    gold = _gold(
        _attribution(ROAD, "she"),
        _attribution("the plan was too costly", "Bo Chan"),
        _attribution('it was "a serious risk" for the city', "Officials"),
    )
    predicted = _predicted(
        _quote(ROAD, kind="indirect", mention="she"),
        _quote("the plan was too costly", kind="indirect", mention="Bo Chan"),
        _quote('it was "a serious risk" for the city', kind="mixed", mention="Officials"),
    )
    result = score([(gold, predicted)])
    quotations, every = result["quotations"], result["all"]
    assert (quotations["gold"], quotations["predicted"]) == (2, 1)
    assert quotations["correct_predicted"] == 1
    assert quotations["recall"] == 0.5
    assert (every["gold"], every["predicted"], every["correct_predicted"]) == (3, 3, 3)
    assert every["precision"] == every["recall"] == 1.0


def test_no_source_gold_can_be_found_but_never_with_speaker() -> None:
    gold = _gold(_attribution(ROAD, None))
    quotations = score([(gold, _predicted(_quote(ROAD, mention="she")))])["quotations"]
    assert quotations["gold"] == 1
    assert quotations["found_any"] == 1.0
    assert quotations["recall"] == 0.0
    assert quotations["correct_predicted"] == 0
    assert quotations["f1"] == 0.0


def test_discontinuous_gold_content_counts_its_pieces() -> None:
    first, second = _span(TEXT, '"We will'), _span(TEXT, 'next year,"')
    gold = _gold(Attribution([_span(TEXT, "she")], [], [first, second], content_text='"'))
    # covering the first piece and the gap is less than half of the gold characters
    partial = _quote((first[0], second[0]), mention="she")
    assert score([(gold, _predicted(partial))])["quotations"]["found"] == 0
    whole = _quote((first[0], second[1]), mention="she")
    assert score([(gold, _predicted(whole))])["quotations"]["found"] == 1


def test_micro_average_over_articles_and_empty_input() -> None:
    gold = _gold(_attribution(ROAD, "she"))
    pairs = [(gold, _predicted(_quote(ROAD, mention="she"))), (gold, _predicted())]
    result = score(pairs)
    assert result["articles"] == 2
    assert result["quotations"]["recall"] == 0.5
    assert result["quotations"]["precision"] == 1.0
    empty = score([])
    assert empty["articles"] == 0
    assert empty["all"]["precision"] is None
    assert empty["all"]["f1"] is None


def test_text_mismatch_is_refused() -> None:
    other = Article(id="x", text=TEXT + " more")
    with pytest.raises(GoldError, match="differs"):
        score([(_gold(), other)])


def test_format_score_table() -> None:
    gold = _gold(_attribution(ROAD, "she"))
    table = format_score(score([(gold, _predicted(_quote(ROAD, mention="she")))]))
    lines = table.splitlines()
    assert "1 articles" in lines[0]
    assert lines[2].startswith("quotations")
    assert "100.0" in lines[2]
    assert lines[3].startswith("all attributions")
    assert "n/a" in format_score(score([]))


@pytest.mark.shared
def test_real_polnear_test_split() -> None:
    if not (POLNEAR / "data" / "test").is_dir():
        pytest.skip(f"the PolNeAR corpus is not at {POLNEAR} (a user's clone has no ../shared)")
    articles = load_split(POLNEAR, "test")
    assert len(articles) == 84
    total = sum(len(a.attributions) for a in articles)
    assert 1_900 <= total <= 2_300
    quotations = sum(att.has_quote_mark for a in articles for att in a.attributions)
    assert 0.2 * total < quotations < 0.45 * total
    assert all(a.publisher and a.published for a in articles)


def test_eval_polnear_through_the_cli(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from detente.cli import main

    assert main(["eval", "polnear", str(corpus), "--split", "test", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["split"] == "test" and figures["articles"] == 2
    assert figures["quotations"]["gold"] >= 1
    assert main(["eval", "polnear", str(corpus), "--split", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_quotation_errors_list_misses_wrong_speakers_and_false_quotes() -> None:
    from detente.eval.polnear import quotation_errors

    gold = _gold(
        _attribution(ROAD, "she"),
        _attribution('it was "a serious risk"', "Officials"),
    )
    article = _predicted(
        _quote(ROAD, mention="Ann Lee"),
        _quote("Bo Chan said the plan", kind="mixed", mention="Bo Chan"),
    )
    errors = quotation_errors(gold, article)
    assert len(errors) == 3
    assert errors[0].startswith("wrong speaker (Ann Lee, annotated she)")
    assert errors[1].startswith("missed (Officials)")
    assert "matches no annotated quotation" in errors[2]
