"""The ``detente`` command. Each subcommand is a thin wrapper over library functions."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from detente import __version__, errors
from detente.events.confidence import MIN_CONFIDENCE
from detente.pipeline import DEFAULT_MODEL, Analyzer, AnalyzerSpec, check_model
from detente.textio import MAX_BYTES, Failure, RawArticle, read_input
from detente.validation import Countries, calendar_date

if TYPE_CHECKING:
    from detente.kb import KnowledgeBase
    from detente.store import Filters

log = logging.getLogger("detente")


def _config(path: str | None) -> dict[str, Any]:
    """Settings from ``--config FILE`` or ``$DETENTE_CONFIG`` (YAML: model, kb)."""
    path = path or os.environ.get("DETENTE_CONFIG")
    if not path:
        return {}
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise errors.ConfigError(
            where=path, problem=f"cannot read the config file ({exc})"
        ) from None
    if not isinstance(data, dict):
        raise errors.ConfigError(
            where=path, problem="the config file must be a mapping (model:, kb:)"
        )
    return data


def _analyzer_spec(args: argparse.Namespace) -> AnalyzerSpec:
    """How to build the analyser, from the options and the config file: ``model``,
    ``kb`` and ``min_event_confidence``."""
    config = _config(args.config)
    floor = args.min_event_confidence
    if floor is None:
        floor = config.get("min_event_confidence", MIN_CONFIDENCE)
        try:
            floor = _confidence(str(floor))
        except argparse.ArgumentTypeError as exc:
            raise errors.ConfigError(
                where=args.config or os.environ.get("DETENTE_CONFIG"),
                problem=f"min_event_confidence: {exc}",
            ) from None
    return AnalyzerSpec(
        args.model or config.get("model") or DEFAULT_MODEL,
        tuple([*(config.get("kb") or []), *(args.kb or [])]),
        floor,
    )


def _analyzer(args: argparse.Namespace) -> Analyzer:
    return _analyzer_spec(args).build()


def _analysis(parser: argparse.ArgumentParser) -> None:
    """The options of the commands that analyse articles."""
    parser.add_argument(
        "--min-event-confidence",
        type=_confidence,
        metavar="X",
        help="report only events of calibrated confidence X or more (default "
        f"{MIN_CONFIDENCE}, or min_event_confidence: in the config; 0 reports every event)",
    )
    _common(parser)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", help=f"installed spaCy English pipeline (default {DEFAULT_MODEL})"
    )
    parser.add_argument(
        "--kb",
        action="append",
        metavar="FILE",
        help="extra knowledge-base entries (YAML or TSV); repeatable",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="YAML settings (model, kb, min_event_confidence); or $DETENTE_CONFIG",
    )


class CommandParser(argparse.ArgumentParser):
    """The parser of one subcommand: its options may stand anywhere among its paths
    (``detente analyze a.txt --max-bytes 10 b.txt``). argparse's intermixed parsing
    does this but refuses a parser that holds subcommands, so each subcommand's parser
    uses it rather than the top-level one."""

    _intermixing = False

    def parse_known_args(
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixing:  # the intermixed parse's own two passes (Python < 3.13)
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="detente",
        description="Turn international news into event data: actors, quotes, PLOVER events.",
    )
    parser.add_argument("--version", action="version", version=f"detente {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=CommandParser
    )

    analyze = sub.add_parser(
        "analyze", help="analyse articles (text or HTML files, or - for stdin)"
    )
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="files to analyse; - reads stdin")
    analyze.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "plover"),
        default="table",
        help="table (default), the article record as json or jsonl, or PLOVER event "
        "records, one JSON object per line",
    )
    analyze.add_argument("--published", metavar="YYYY-MM-DD", help="the article's date")
    analyze.add_argument("--title", help="the article's title")
    analyze.add_argument(
        "--include-text", action="store_true", help="put article.text in the record"
    )
    analyze.add_argument("--max-bytes", type=int, default=MAX_BYTES, help=argparse.SUPPRESS)
    _analysis(analyze)
    analyze.set_defaults(run=run_analyze)

    evaluate = sub.add_parser(
        "eval",
        help="score detente against hand annotations",
        description="detente eval DIR: articles with NAME.gold.json beside them. "
        "detente eval devnews [DIR]: the devnews gold set (gold/devnews) against its texts "
        "in DIR (default ../shared/corpora/devnews). "
        "detente eval agreement DIR_A DIR_B: agreement between two annotators' gold files "
        "of the same devnews texts. "
        "detente eval polnear DIR: the PolNeAR corpus folder (the one holding data/). "
        "detente eval plover-gsr DIR: the folder holding PLOVER_GSR_CAMEO.json.",
    )
    evaluate.add_argument(
        "target", nargs="+", metavar="[KIND] DIR", help="[devnews|agreement|polnear|plover-gsr] DIR"
    )
    evaluate.add_argument(
        "--split", default="dev", help="devnews: dev, test or all; PolNeAR: train, dev or test"
    )
    evaluate.add_argument(
        "--by-folder", action="store_true", help="devnews: the figures of each source folder"
    )
    evaluate.add_argument(
        "--gold", metavar="DIR", type=Path, help="devnews: the gold folder (default gold/devnews)"
    )
    evaluate.add_argument(
        "--corpus",
        metavar="DIR",
        type=Path,
        default=Path("../shared/corpora/devnews"),
        help="agreement: the folder of the texts (default ../shared/corpora/devnews)",
    )
    evaluate.add_argument("--limit", type=int, help="score only the first N articles")
    evaluate.add_argument(
        "-v", "--verbose", action="store_true", help="list every error per article"
    )
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    _analysis(evaluate)
    evaluate.set_defaults(run=run_eval)

    ingest = sub.add_parser(
        "ingest",
        help="analyse files, folders, feeds, web archives or JSON lines into a database",
        description="Sources: .txt/.html files, .json/.jsonl records (text or html, title, "
        "published, url, outlet, authors), RSS/Atom feeds (.rss, .atom, .xml), WARC files "
        "(.warc, .warc.gz), folders (recursive), - for JSON lines on stdin. The same "
        "article twice is stored once; non-English inputs are skipped; failed inputs are "
        "recorded and listed. A run that is stopped can simply be started again.",
    )
    ingest.add_argument("sources", nargs="+", metavar="SOURCE")
    ingest.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes analysing articles (default: all cores)",
    )
    ingest.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="analyse on a Dask cluster: a scheduler (tcp://host:8786) or local:N for N "
        "local worker processes (pip install 'detente[dask]')",
    )
    ingest.add_argument(
        "--out",
        metavar="DIR",
        help="write Parquet partitions (DIR/articles, actors, quotes, events) instead of "
        "a database, for a store that lives elsewhere",
    )
    ingest.add_argument(
        "--no-progress", action="store_true", help="no progress bar (the default off a terminal)"
    )
    _db(ingest)
    _analysis(ingest)
    ingest.set_defaults(run=run_ingest)

    for name, helptext in (
        ("events", "list stored events"),
        ("actors", "list stored actors, one per real actor across articles"),
        ("quotes", "list stored quotes"),
        ("articles", "list stored articles"),
    ):
        query = sub.add_parser(
            name,
            help=helptext,
            description=f"{helptext[0].upper()}{helptext[1:]}. --limit N prints a page of N "
            "rows and, when more follow, the --cursor of the next page on stderr.",
        )
        _db(query)
        query.add_argument("--format", choices=("table", "csv", "json"), default="table")
        query.add_argument(
            "--limit", type=_positive, metavar="N", help="at most N rows (default: all)"
        )
        query.add_argument(
            "--cursor", metavar="CURSOR", help="start after the page that printed this cursor"
        )
        if name == "events":
            query.add_argument("--dyad", metavar="AAA-BBB", help="both directions, e.g. USA-CHN")
            query.add_argument("--type", help="PLOVER type, e.g. REJECT")
            query.add_argument("--status", help="occurred, planned, hypothetical, negated")
            query.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
            query.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
            query.add_argument(
                "--by",
                choices=("cluster", "report"),
                default="cluster",
                help="one row per real-world event (default, with its number of reports) "
                "or one per report",
            )
            query.add_argument(
                "--min-confidence",
                type=_confidence,
                metavar="P",
                help="only events at least this confident, from 0 to 1 (see docs/events.md)",
            )
        if name == "actors":
            query.add_argument("--country", help="ISO code, e.g. CHN")
            query.add_argument("--name", help="part of the name")
        if name == "quotes":
            query.add_argument("--speaker", help="part of the speaker's name")
            query.add_argument("--search", metavar="WORDS", help="words in the quote")
        query.set_defaults(run=run_query, table=name)

    series = sub.add_parser(
        "series",
        help="a dyad's cooperation and conflict over time, from the store",
        description="Occurred events between countries A and B per period, counted in "
        "PLOVER's four quad classes with mean and total intensity, A to B, B to A and "
        "both. Reports of one event (same type and dyad, dates within 3 days) count "
        "once unless --by report. --plot FILE.png or FILE.svg draws the series.",
    )
    series.add_argument("first", metavar="A", help="ISO code, e.g. USA")
    series.add_argument("second", metavar="B", help="ISO code, e.g. CHN")
    series.add_argument("--freq", choices=("week", "month"), default="month")
    series.add_argument("--by", choices=("cluster", "report"), default="cluster")
    series.add_argument("--format", choices=("table", "csv", "json"), default="table")
    series.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    series.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    series.add_argument("--plot", metavar="FILE", help="also draw the series (.png or .svg)")
    _db(series)
    series.set_defaults(run=run_series)

    export = sub.add_parser(
        "export",
        help="write the store's articles, actors, quotes and events as JSONL, CSV, Parquet "
        "or PLOVER",
    )
    export.add_argument("--format", choices=("jsonl", "csv", "parquet", "plover"), default="jsonl")
    export.add_argument("--out", metavar="DIR", required=True, help="folder for the files")
    _db(export)
    _common(export)
    export.set_defaults(run=run_export)

    relink = sub.add_parser(
        "relink",
        help="link every stored article again, from nothing: canonical actors and clusters",
        description="Each ingest links its new articles to those stored, with the same "
        "result whatever order and batches they came in. Relink after changing the "
        "knowledge base (--kb, or kb: in the config) so that it names every article's "
        "actors. A relink that is stopped goes on at the next relink or ingest.",
    )
    _db(relink)
    _common(relink)
    relink.set_defaults(run=run_relink)
    serve = sub.add_parser(
        "serve",
        help="the web API and dashboard over a store",
        description="An HTTP API (OpenAPI at /docs) and a dashboard over the store. Writes "
        "need DETENTE_TOKEN unless the server listens on loopback only; "
        "DETENTE_RATE_LIMIT sets requests per minute per client (default 120). "
        "See docs/web.md.",
    )
    _db(serve)
    serve.add_argument(
        "--create",
        action="store_true",
        help="make an empty database at --db when there is none (else that is an error)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="processes answering requests (default 1); each keeps its own answers and "
        "counts the rate limit on its own",
    )
    serve.add_argument(
        "--cache-mb",
        type=_whole,
        metavar="MB",
        help="answers each process keeps while the store is unchanged, in MB (default 64; 0: none)",
    )
    serve.set_defaults(run=run_serve)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    from detente.store import default_path
    from detente.web import serve
    from detente.web.reads import CACHE_BYTES

    serve(
        default_path(args.db),
        host=args.host,
        port=args.port,
        create=args.create,
        workers=args.workers,
        cache_bytes=CACHE_BYTES if args.cache_mb is None else args.cache_mb * 2**20,
    )
    return 0


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return number


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _whole(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 0 or more")
    return int(value)


def _db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help="SQLite database (default $DETENTE_DB or ./detente.db)"
    )


def run_analyze(args: argparse.Namespace) -> int:
    from detente.inputs import articles_of

    if args.published is not None:
        calendar_date("published", args.published)
    analyzer = _analyzer(args)
    failures: list[str] = []
    read = 0

    def inputs() -> Iterator[RawArticle]:
        nonlocal read
        for path in args.paths:
            for item in articles_of(path, max_bytes=args.max_bytes):
                read += 1
                try:
                    if isinstance(item, Failure):
                        reason = item.reason.removeprefix(f"{item.source}: ")
                        raise errors.coded(item.code, f"{item.source}: {reason}")
                    for warning in item.warnings:
                        print(f"detente: warning: {warning}", file=sys.stderr)
                    raw = analyzer.prepare(item, published=args.published, title=args.title)
                except errors.DetenteError as exc:
                    failures.append(exc.message)
                    print(f"detente: {exc}", file=sys.stderr)
                    continue
                yield raw

    records = []
    for article in analyzer.analyze_prepared(inputs()):
        if args.format == "table":
            print(render(article))
            print()
        elif args.format == "plover":
            from detente.events.plover import plover_records

            for record in plover_records(article, analyzer.kb):
                print(json.dumps(record, ensure_ascii=False))
        elif args.format == "jsonl":
            print(json.dumps(article.to_dict(include_text=args.include_text), ensure_ascii=False))
        else:
            records.append(article.to_dict(include_text=args.include_text))
        sys.stdout.flush()
    if args.format == "json" and records:
        payload = records[0] if read == 1 else records
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if failures:
        print(f"detente: {len(failures)} of {read} inputs failed:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


def render(article: Any) -> str:
    from detente.report import render_table

    return render_table(article)


def run_eval(args: argparse.Namespace) -> int:
    from detente.eval import evaluate_folder
    from detente.eval.gold import format_summary, summary

    kinds = ("devnews", "agreement", "polnear", "plover-gsr")
    if args.target[0] == "agreement" and len(args.target) == 3:
        return run_eval_agreement(args, Path(args.target[1]), Path(args.target[2]))
    if args.target[0] == "devnews" and len(args.target) <= 2:
        return run_eval_devnews(args, Path(args.target[1]) if len(args.target) == 2 else None)
    if len(args.target) == 2 and args.target[0] == "polnear":
        return run_eval_polnear(args, Path(args.target[1]))
    if len(args.target) == 2 and args.target[0] == "plover-gsr":
        return run_eval_plover_gsr(args, Path(args.target[1]))
    if len(args.target) != 1:
        raise errors.UsageError(
            option="eval",
            problem=f"takes DIR, or KIND DIR with KIND one of {', '.join(kinds)}; "
            f"got {args.target}",
        )
    analyzer = _analyzer(args)
    scores = list(evaluate_folder(Path(args.target[0]), analyzer))
    figures = summary(scores)
    if args.json:
        figures["errors"] = {s.name: s.errors for s in scores}
        print(json.dumps(figures, indent=2))
        return 0
    if args.verbose:
        for score in scores:
            print(f"== {score.name}: {len(score.errors)} errors")
            for error in score.errors:
                print(f"  {error}")
        print()
    print(format_summary(figures))
    return 0


def run_eval_devnews(args: argparse.Namespace, corpus: Path | None) -> int:
    from detente.eval import devnews
    from detente.eval.gold import format_summary, summary

    corpus = corpus or Path("../shared/corpora/devnews")
    devnews.check_corpus(corpus)
    gold_dir = args.gold or devnews.default_gold_dir()
    articles = devnews.gold_articles(gold_dir, corpus, args.split)
    if not articles:
        raise errors.GoldError(f"{gold_dir}: no gold files in the {args.split} split")
    analyzer = _analyzer(args)
    started = time.perf_counter()
    scores = devnews.evaluate_devnews(articles, analyzer, progress=sys.stderr.isatty())
    figures = summary(scores)
    figures["split"] = args.split
    figures["seconds"] = round(time.perf_counter() - started, 1)
    figures["by_folder"] = devnews.by_folder(scores)
    figures["error_categories"] = devnews.error_categories(scores)
    unscored = [s for s in scores if s.categories["not scored"]]
    for score in unscored:
        print(f"detente: {score.name}: {score.errors[0]}", file=sys.stderr)
    if args.json:
        figures["errors"] = {s.name: s.errors for s in scores}
        print(json.dumps(figures, indent=2))
        return 1 if unscored else 0
    if args.verbose:
        for score in scores:
            print(f"== {score.folder}/{score.name}: {len(score.errors)} errors")
            for error in score.errors:
                print(f"  {error}")
        print()
    counts = ", ".join(f"{f} {v['articles']}" for f, v in figures["by_folder"].items())
    print(f"devnews {args.split}: {len(scores)} articles ({counts}) in {figures['seconds']} s")
    print(format_summary(figures))
    if args.by_folder:
        print()
        print(devnews.format_by_folder(figures["by_folder"]))
    print()
    print("errors by category:")
    print(devnews.format_categories(figures["error_categories"]))
    return 1 if unscored else 0


def run_eval_agreement(args: argparse.Namespace, left: Path, right: Path) -> int:
    from detente.eval.agreement import agreement, compare, format_agreement
    from detente.eval.devnews import check_corpus
    from detente.eval.gold import load_gold

    check_corpus(args.corpus)
    names = sorted(p.name for p in left.glob("*.gold.json"))
    shared = [n for n in names if (right / n).is_file()]
    if not shared:
        raise errors.GoldError(f"{left} and {right} share no NAME.gold.json files to compare")
    comparisons = []
    for name in shared:
        gold_a, gold_b = load_gold(left / name), load_gold(right / name)
        text_path = args.corpus / str(gold_a.get("article") or "")
        try:
            text = read_input(str(text_path)).text
        except errors.DetenteError as exc:
            raise errors.GoldError(f"{left / name}: cannot read its text ({exc.message})") from None
        comparisons.append(compare(gold_a, gold_b, text))
    figures = agreement(comparisons)
    if args.json:
        figures["disagreements"] = {
            n: c["disagreements"] for n, c in zip(shared, comparisons, strict=True)
        }
        print(json.dumps(figures, indent=2))
        return 0
    if args.verbose:
        for name, comparison in zip(shared, comparisons, strict=True):
            print(f"== {name}: {len(comparison['disagreements'])} disagreements")
            for note in comparison["disagreements"]:
                print(f"  {note}")
        print()
    print(format_agreement(figures))
    return 0


def run_eval_polnear(args: argparse.Namespace, root: Path) -> int:
    from detente.eval.polnear import format_score, load_split, quotation_errors, score

    articles = load_split(root, args.split, args.limit)
    analyzer = _analyzer(args)
    raws = (RawArticle(text=a.text, published=a.published, path=a.name) for a in articles)
    results = []
    started = time.perf_counter()
    for number, (gold, article) in enumerate(
        zip(articles, analyzer.analyze_prepared(raws), strict=True), start=1
    ):
        results.append((gold, article))
        if sys.stderr.isatty():
            print(f"\r{number}/{len(articles)} articles", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    figures = score(results)
    figures["split"] = args.split
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        if args.verbose:
            for gold, article in results:
                errors = quotation_errors(gold, article)
                print(f"== {gold.name}: {len(errors)} quotation errors")
                for error in errors:
                    print(f"  {error}")
            print()
        print(f"PolNeAR {args.split}: {len(articles)} articles in {figures['seconds']} s")
        print(format_score(figures))
    return 0


def run_eval_plover_gsr(args: argparse.Namespace, root: Path) -> int:
    from detente.eval.plover_gsr import format_score, judge, load_records, score

    records = load_records(root)[: args.limit]
    analyzer = _analyzer(args)
    raws = (RawArticle(text=r.text, published=r.published, path=r.id) for r in records)
    started = time.perf_counter()
    judgements = []
    for number, (gold, article) in enumerate(
        zip(records, analyzer.analyze_prepared(raws), strict=True), start=1
    ):
        judgements.append(judge(gold, article))
        if sys.stderr.isatty():
            print(f"\r{number}/{len(records)} sentences", end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    figures = score(judgements)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        figures["sentences_scored"] = judgements
        print(json.dumps(figures, indent=2))
        return 0
    if args.verbose:
        for row in judgements:
            if row["triple"] and row["extra"] == 0:
                continue
            mark = "TYPE" if not row["type_found"] else ("ARGS" if not row["triple"] else "EXTRA")
            print(f"== {row['id']} {mark}: gold {row['gold_triple']}")
            print(f"   {row['text']}")
            for event in row["events"]:
                print(f"   -> {event}")
        print()
    print(f"PLOVER-GSR: {figures['sentences']} sentences in {figures['seconds']} s")
    print(format_score(figures))
    return 0


def run_ingest(args: argparse.Namespace) -> int:
    from detente.ingest import Summary, default_workers, ingest
    from detente.store import Store, default_path

    spec = _analyzer_spec(args)
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        raise errors.UsageError(option=f"--workers {workers}", problem="give at least 1")
    check_model(spec.model)
    progress = sys.stderr.isatty() and not args.no_progress
    if args.out:
        from detente.export import PartitionStore

        target: Any = contextlib.nullcontext(PartitionStore(Path(args.out)))
    else:
        target = Store(default_path(args.db), create=True)
    summary = Summary()
    with target as store:
        analyzer = spec.build() if workers == 1 and not args.dask else spec
        try:
            ingest(
                args.sources,
                store,
                analyzer,
                workers=workers,
                dask=args.dask,
                progress=progress,
                summary=summary,
            )
        except errors.StoreError:
            if summary.stopped:
                for line in summary.lines():
                    print(line)
            raise
        except KeyboardInterrupt:
            print(
                "interrupted: every article stored so far is kept; run the same command "
                "again to go on",
                file=sys.stderr,
            )
            return 130
    for line in summary.lines():
        print(line)
    return 1 if summary.failed and not summary.stored and not summary.already else 0


QUERY_COLUMNS = {
    "events": [
        "date",
        "type",
        "status",
        "source_country",
        "target_country",
        "source_name",
        "target_name",
        "location",
        "intensity",
        "evidence",
    ],
    "actors": ["id", "name", "type", "country", "sector", "roles", "articles"],
    "quotes": ["published", "kind", "speaker_name", "speaker_country", "text"],
    "articles": ["id", "published", "title", "outlet", "events", "quotes", "path"],
}


def run_query(args: argparse.Namespace) -> int:
    from detente.store import Store, default_path

    path = default_path(args.db)
    with Store(path) as store:
        filters = _filters(args, Countries(store.country_codes))
        by = getattr(args, "by", "report")
        page = store.page(args.table, filters, by=by, limit=args.limit, cursor=args.cursor)
    columns = QUERY_COLUMNS[args.table]
    if args.table == "events" and args.by == "cluster":
        columns = [*columns[:-1], "reports", "articles", columns[-1]]
    print_rows(page.items, columns, args.format)
    if page.next is not None:
        print(f"next page: --cursor {page.next}", file=sys.stderr)
    return 0


def _filters(args: argparse.Namespace, countries: Countries) -> Filters:
    """The filters of a query command's options, its dates and country codes checked."""
    from detente.store import Filters

    dyad, country = getattr(args, "dyad", None), getattr(args, "country", None)
    return Filters(
        dyad=countries.dyad("dyad", dyad) if dyad is not None else None,
        type=getattr(args, "type", None),
        status=getattr(args, "status", None),
        since=getattr(args, "since", None),
        until=getattr(args, "until", None),
        country=countries.code("country", country) if country is not None else None,
        name=getattr(args, "name", None),
        speaker=getattr(args, "speaker", None),
        min_confidence=getattr(args, "min_confidence", None),
        search=getattr(args, "search", None),
    )


def run_series(args: argparse.Namespace) -> int:
    from detente.series import QUADS, store_series
    from detente.store import Store, default_path

    path = default_path(args.db)
    if args.plot and Path(args.plot).suffix.lower() not in (".png", ".svg"):
        raise errors.UsageError(
            option=f"--plot {args.plot}", problem="name the chart FILE.png or FILE.svg"
        )
    with Store(path) as store:
        countries = Countries(store.country_codes)
        first, second = countries.code("series", args.first), countries.code("series", args.second)
        table = store_series(
            store, first, second, args.freq, args.by, since=args.since, until=args.until
        )
    columns = ["period", "direction", *QUADS, "events", "intensity_mean", "intensity_total"]
    print_rows(table, columns, args.format)
    if args.plot:
        from detente.plot import plot_series

        written = plot_series(table, first, second, Path(args.plot), freq=args.freq, by=args.by)
        print(f"chart written to {written}", file=sys.stderr)
    return 0


def _knowledge_base(args: argparse.Namespace) -> KnowledgeBase:
    """The knowledge base with the entries of the config's ``kb:`` and of ``--kb``."""
    from detente.kb import KnowledgeBase

    config = _config(args.config)
    return KnowledgeBase.default([*(config.get("kb") or []), *(args.kb or [])])


def run_export(args: argparse.Namespace) -> int:
    from detente.export import export
    from detente.store import Store, default_path

    with Store(default_path(args.db)) as store:
        written = export(store, Path(args.out), args.format, _knowledge_base(args))
    for file in written:
        print(file)
    return 0


def run_relink(args: argparse.Namespace) -> int:
    from detente.store import Store, default_path

    with Store(default_path(args.db)) as store:
        linked = store.relink(_knowledge_base(args))
        actors, clusters = store.link_counts()
    print(
        f"linked {linked} articles again: the store holds {actors} actors and "
        f"{clusters} distinct events"
    )
    return 0


def print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    import csv

    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else columns)
        writer.writeheader()
        writer.writerows(rows)
        return
    from detente.report import table

    print(table(rows, columns))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="detente: %(levelname)s: %(message)s")
    try:
        return int(args.run(args))
    except errors.DetenteError as exc:
        print(f"detente: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("detente: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
