"""What detente adds to the parse: analysis time over a bare ``nlp.pipe`` of the same text.

Both run in one process on the same loaded model, interleaved round by round, and the
figure is the ratio of the medians, so machine load affects both sides alike.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from detente.document import Document
from detente.layout import analyse_layout
from detente.pipeline import Analyzer, load_model
from detente.textio import read_input

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "blinken-beijing-2023.txt"
PUBLISHED = "2023-06-20"


def default_inputs() -> list[Path]:
    if SEED.is_file():
        return [SEED]
    return sorted((ROOT / "examples").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    files = args.files or default_inputs()
    texts = [read_input(str(f)).text for f in files]
    nlp = load_model()
    analyzer = Analyzer(nlp)
    for _ in range(3):  # warm-up: caches, lazy imports
        list(nlp.pipe(texts))
        [analyzer.analyze(t) for t in texts]
    bare, full, actors, quotes, events = [], [], [], [], []
    docs = list(nlp.pipe(texts))
    for _ in range(args.rounds):
        start = time.perf_counter()
        list(nlp.pipe(texts))
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        for text in texts:
            analyzer.analyze(text, published=PUBLISHED)
        full.append(time.perf_counter() - start)
        # The stages alone, on parses made once (a fresh Doc keeps no cached text).
        documents = []
        start = time.perf_counter()
        for doc, text in zip(docs, texts, strict=True):
            doc.user_data.clear()
            document = Document(doc, analyzer.kb, analyse_layout(text))
            analyzer.find_actors(document)
            documents.append(document)
        actors.append(time.perf_counter() - start)
        start = time.perf_counter()
        for document in documents:
            analyzer.find_quotes(document)
        quotes.append(time.perf_counter() - start)
        start = time.perf_counter()
        for document in documents:
            analyzer.find_events(document, PUBLISHED)
        events.append(time.perf_counter() - start)
    chars = sum(len(t) for t in texts)
    b, f = statistics.median(bare), statistics.median(full)
    a, q = statistics.median(actors), statistics.median(quotes)
    e = statistics.median(events)
    print(f"inputs: {', '.join(str(p) for p in files)} ({chars:,} characters)")
    print(f"bare nlp.pipe      median {b * 1000:8.1f} ms")
    print(f"detente analyze    median {f * 1000:8.1f} ms")
    print(f"ratio analyze / nlp.pipe: {f / b:.3f}  ({args.rounds} interleaved rounds)")
    print(f"actor stage  median {a * 1000:8.1f} ms  = {a / f:.1%} of the analysis")
    print(f"quote stage  median {q * 1000:8.1f} ms  = {q / f:.1%} of the analysis")
    print(f"event stage  median {e * 1000:8.1f} ms  = {e / f:.1%} of the analysis")


if __name__ == "__main__":
    main()
