"""The devnews gold set: hand annotations of real news kept in ``gold/devnews``.

Each ``NAME.gold.json`` names its text by its path under the devnews corpus
(``../shared/corpora/devnews``) and by the text's SHA-256, so a changed text is found
before it is scored. ``split.tsv`` assigns every gold file to ``dev`` or ``test``.
``validate_gold`` checks one gold file against its text; the scorer is ``eval.gold``.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.errors import DetenteError, GoldError, InvalidDate
from detente.eval.gold import (
    GOLD_FORMAT,
    ArticleScore,
    Counts,
    as_list,
    load_gold,
    norm,
    score_article,
    summary,
)
from detente.kb import EVENT_TYPES, SECTORS, KnowledgeBase
from detente.pipeline import Analyzer
from detente.textio import read_input
from detente.validation import calendar_date

FOLDERS = ("whitehouse", "statedept", "kremlin", "wikinews", "reuters1987")
SPLITS = ("dev", "test", "all")
STATUSES = ("occurred", "planned", "hypothetical", "negated")
QUOTE_KINDS = ("direct", "indirect")
_ACTOR_KEYS = {
    "name",
    "aliases",
    "country",
    "sector",
    "role_contains",
    "affiliation_contains",
    "optional",
    "note",
}
_QUOTE_KEYS = {"speaker", "kind", "contains", "optional", "note"}
_EVENT_KEYS = {
    "id",
    "types",
    "source",
    "target",
    "status",
    "contains",
    "optional_evidence",
    "date",
    "location",
    "optional",
    "note",
}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold file of the set and the text it annotates."""

    gold_path: Path
    text_path: Path
    folder: str
    split: str


def default_gold_dir() -> Path:
    """``gold/devnews`` of the source checkout this module runs from, else of the current
    folder (the gold set is part of the repository, not of the installed package)."""
    checkout = Path(__file__).resolve().parents[3] / "gold" / "devnews"
    return checkout if checkout.is_dir() else Path("gold/devnews")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_split(gold_dir: Path) -> dict[str, str]:
    """gold file name -> ``dev`` or ``test``, from ``split.tsv``."""
    path = gold_dir / "split.tsv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read the split ({exc.strerror or exc})") from None
    split = {row.get("gold", ""): row.get("split", "") for row in rows}
    bad = sorted(name for name, value in split.items() if value not in ("dev", "test"))
    if bad:
        raise GoldError(f"{path}: {bad[0]} has no split of dev or test")
    return split


def gold_articles(gold_dir: Path, corpus: Path, split: str = "all") -> list[GoldArticle]:
    """The gold files of one split, each with its text, in name order."""
    if split not in SPLITS:
        raise GoldError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    assigned = read_split(gold_dir)
    articles = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        part = assigned.get(gold_path.name)
        if part is None:
            raise GoldError(f"{gold_path}: not listed in {gold_dir / 'split.tsv'}")
        if split != "all" and part != split:
            continue
        gold = load_gold(gold_path)
        relative = str(gold.get("article") or "")
        folder = relative.split("/", 1)[0]
        articles.append(GoldArticle(gold_path, corpus / relative, folder, part))
    return articles


DEV_SHARE = 0.6


def _name_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def split_by_hash(
    names: Iterable[str], folder_of: dict[str, str], dev_share: float = DEV_SHARE
) -> dict[str, str]:
    """Assign ``dev``/``test`` per folder by the SHA-256 of each gold file's name: within a
    folder, the names with the lowest hashes make up ``dev_share`` of it (rounded). This
    made the split of the first 100 articles."""
    by_folder: dict[str, list[str]] = {}
    for name in names:
        by_folder.setdefault(folder_of[name], []).append(name)
    assigned = {}
    for members in by_folder.values():
        ranked = sorted(members, key=_name_hash)
        cut = round(len(ranked) * dev_share)
        assigned.update({name: "dev" if i < cut else "test" for i, name in enumerate(ranked)})
    return assigned


def split_of_added(name: str, dev_share: float = DEV_SHARE) -> str:
    """The split of a gold file added after the first 100: ``dev`` when the first eight
    hex digits of its name's SHA-256, as a fraction of 16**8, fall below ``dev_share``.
    Earlier assignments never change."""
    return "dev" if int(_name_hash(name)[:8], 16) / 16**8 < dev_share else "test"


def validate_gold(
    gold: dict[str, Any], text: str, *, countries: Iterable[str], text_sha256: str | None = None
) -> list[str]:
    """Every problem of one gold file against its text, as readable lines (none: valid)."""
    problems: list[str] = []
    codes = set(countries) | {"IGO"}
    folded = norm(text)

    def occurs(where: str, phrase: Any) -> None:
        if not isinstance(phrase, str) or not phrase.strip():
            problems.append(f"{where}: needs a non-empty phrase of the text")
        elif norm(phrase) not in folded:
            problems.append(f"{where}: {phrase!r} does not occur in the text")

    def unknown_keys(where: str, item: dict[str, Any], allowed: set[str]) -> None:
        extra = sorted(set(item) - allowed)
        if extra:
            problems.append(f"{where}: unknown field(s) {', '.join(extra)}")

    def codes_of(where: str, values: Any, valid: set[str], *, null: bool = False) -> None:
        for value in as_list(values):
            if value is None and null:
                continue
            if value not in valid:
                problems.append(f"{where}: {value!r} is not a valid code")

    if gold.get("format") != GOLD_FORMAT:
        problems.append(f"format: must be {GOLD_FORMAT!r}")
    if text_sha256 is not None and gold.get("sha256") != text_sha256:
        problems.append("sha256: does not match the text (the text changed, or a typo)")
    published = gold.get("published")
    if published is not None and not _valid_date(published):
        problems.append(f"published: {published!r} is not a date YYYY[-MM[-DD]]")
    for i, actor in enumerate(as_list(gold.get("actors"))):
        where = f"actors[{i}] {actor.get('name')!r}" if isinstance(actor, dict) else f"actors[{i}]"
        if not isinstance(actor, dict):
            problems.append(f"{where}: must be an object")
            continue
        unknown_keys(where, actor, _ACTOR_KEYS)
        for name in [actor.get("name"), *as_list(actor.get("aliases"))]:
            occurs(f"{where} name", name)
        codes_of(f"{where} country", actor.get("country"), codes, null=True)
        codes_of(f"{where} sector", actor.get("sector"), set(SECTORS), null=True)
    for i, quote in enumerate(as_list(gold.get("quotes"))):
        where = f"quotes[{i}]"
        if not isinstance(quote, dict):
            problems.append(f"{where}: must be an object")
            continue
        unknown_keys(where, quote, _QUOTE_KEYS)
        if quote.get("kind") not in QUOTE_KINDS:
            problems.append(f"{where}: kind must be one of {', '.join(QUOTE_KINDS)}")
        if not isinstance(quote.get("speaker"), str) or not quote["speaker"].strip():
            problems.append(f"{where}: needs a speaker")
        occurs(f"{where} contains", quote.get("contains"))
    ids: set[str] = set()
    for i, event in enumerate(as_list(gold.get("events"))):
        where = f"events[{i}] {event.get('id')!r}" if isinstance(event, dict) else f"events[{i}]"
        if not isinstance(event, dict):
            problems.append(f"{where}: must be an object")
            continue
        unknown_keys(where, event, _EVENT_KEYS)
        if not event.get("id") or event["id"] in ids:
            problems.append(f"{where}: needs an id of its own")
        ids.add(event.get("id"))
        if not as_list(event.get("types")):
            problems.append(f"{where}: needs at least one type")
        codes_of(f"{where} types", event.get("types"), set(EVENT_TYPES))
        if not as_list(event.get("source")):
            problems.append(f"{where}: needs a source (null for an unknown country)")
        codes_of(f"{where} source", event.get("source"), codes, null=True)
        codes_of(f"{where} target", event.get("target"), codes, null=True)
        if not as_list(event.get("status")):
            problems.append(f"{where}: needs a status")
        codes_of(f"{where} status", event.get("status"), set(STATUSES))
        occurs(f"{where} contains", event.get("contains"))
        for phrase in as_list(event.get("optional_evidence")):
            occurs(f"{where} optional_evidence", phrase)
        date = event.get("date")
        if date is not None and not _valid_date(date):
            problems.append(f"{where}: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        location = event.get("location")
        if location is not None and (not isinstance(location, str) or not location.strip()):
            problems.append(f"{where}: location must be a place name or absent")
    return problems


def _valid_date(value: Any) -> bool:
    try:
        calendar_date("date", value)
    except InvalidDate:
        return False
    return True


def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-3 codes the knowledge base knows."""
    return frozenset(KnowledgeBase.default().by_iso3)


def check_corpus(corpus: Path) -> None:
    """Raise a one-line error when the devnews corpus is not at ``corpus``."""
    if not (corpus / "manifest.tsv").is_file():
        raise GoldError(
            f"{corpus}: the devnews corpus is not there (no manifest.tsv); pass its folder, "
            "for example ../shared/corpora/devnews"
        )


def evaluate_devnews(
    articles: list[GoldArticle], analyzer: Analyzer, *, progress: bool = False
) -> list[ArticleScore]:
    """Analyse and score every gold article. A text that is missing or changed since it was
    annotated is not scored: its score holds one ``not scored`` error and no counts."""
    scores = []
    for number, item in enumerate(articles, start=1):
        gold = load_gold(item.gold_path)
        name = item.gold_path.name[: -len(".gold.json")]
        problem = _text_problem(item, gold)
        if problem is None:
            try:
                raw = read_input(str(item.text_path))
                article = analyzer.analyze(raw, published=gold.get("published"))
            except DetenteError as exc:
                problem = f"not analysed: {exc.message}"
        if problem is not None:
            score = ArticleScore(name, folder=item.folder)
            score.error("not scored", problem)
        else:
            score = score_article(name, article, gold)
            score.folder = item.folder
        scores.append(score)
        if progress:
            print(f"\r{number}/{len(articles)} articles", end="", file=sys.stderr)
    if progress:
        print(file=sys.stderr)
    return scores


def _text_problem(item: GoldArticle, gold: dict[str, Any]) -> str | None:
    if not item.text_path.is_file():
        return f"not scored: its text {item.text_path} is missing"
    if gold.get("sha256") != sha256_of(item.text_path):
        return f"not scored: {item.text_path} changed since it was annotated (SHA-256 differs)"
    return None


def by_folder(scores: list[ArticleScore]) -> dict[str, dict[str, Any]]:
    """The summary of each folder, in the set's folder order."""
    folders = [f for f in FOLDERS if any(s.folder == f for s in scores)]
    folders += sorted({s.folder for s in scores} - set(folders))
    return {f: summary(s for s in scores if s.folder == f) for f in folders}


def error_categories(scores: Iterable[ArticleScore]) -> dict[str, int]:
    """How many errors of each category, most frequent first within each measure."""
    total = Counts()
    for score in scores:
        total.merge(score.categories)
    return dict(sorted(total.values.items(), key=lambda kv: (kv[0].split(":")[0], -kv[1])))


def _cell(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def format_by_folder(folders: dict[str, dict[str, Any]]) -> str:
    """One line per folder: F1 of each measure and the accuracies on what was found."""
    head = (
        f"{'folder':<12} {'n':>3}  {'persons':>7} {'country':>7}  {'direct':>6} {'indir':>6}  "
        f"{'ev P':>5} {'ev R':>5} {'ev F1':>5} {'status':>6} {'date':>5} {'place':>5}"
    )
    lines = [head]
    for folder, f in folders.items():
        e = f["events"]
        lines.append(
            f"{folder:<12} {f['articles']:>3}  {_cell(f['persons']['f1']):>7} "
            f"{_cell(f['persons']['country']):>7}  {_cell(f['direct_quotes']['f1']):>6} "
            f"{_cell(f['indirect_quotes']['f1']):>6}  {_cell(e['precision'])} "
            f"{_cell(e['recall'])} {_cell(e['f1'])} {_cell(e['status']):>6} "
            f"{_cell(e['date'])} {_cell(e['place'])}"
        )
    return "\n".join(lines)


def format_categories(categories: dict[str, int]) -> str:
    width = max((len(c) for c in categories), default=10)
    return "\n".join(f"  {name:<{width}}  {count:>5}" for name, count in categories.items())
