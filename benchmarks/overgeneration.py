"""Over-generation on news with few international events: events per article and the
share of violent and coercive types (ASSAULT, COERCE, SANCTION) on PolNeAR's test split
(US political news, 2016), and a seeded random sample of events to check by hand.

    python benchmarks/overgeneration.py [../shared/corpora/polnear] [--sample 50]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from detente.eval.polnear import load_split
from detente.pipeline import Analyzer
from detente.textio import RawArticle

HARD = ("ASSAULT", "COERCE", "SANCTION")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="../shared/corpora/polnear", type=Path)
    parser.add_argument("--split", default="test")
    parser.add_argument("--sample", type=int, default=0, help="print N random events")
    args = parser.parse_args()
    if not (args.corpus / "data").is_dir():
        print(f"{args.corpus}: the PolNeAR corpus is not there", file=sys.stderr)
        return 2
    articles = load_split(args.corpus, args.split)
    analyzer = Analyzer()
    raws = (RawArticle(text=a.text, published=a.published, path=a.name) for a in articles)
    events = []
    for article in analyzer.analyze_prepared(raws):
        events.extend((article.path, e) for e in article.events)
    types = Counter(e.type for _, e in events)
    hard = sum(types[t] for t in HARD)
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {len(events)} events, "
        f"{len(events) / len(articles):.2f} per article"
    )
    print(
        f"ASSAULT {types['ASSAULT']}, COERCE {types['COERCE']}, SANCTION "
        f"{types['SANCTION']}: {hard / len(events):.1%} of events"
    )
    print("by type: " + ", ".join(f"{t} {n}" for t, n in types.most_common()))
    if args.sample:
        for path, event in random.Random(20261203).sample(events, min(args.sample, len(events))):
            print(
                f"\n{path} {event.type} {event.status} {event.source_country}->"
                f"{event.target_country} [{event.rule}]\n    {event.evidence.text[:300]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
