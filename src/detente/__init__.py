"""detente: international news in, trustworthy event data out.

>>> import detente
>>> article = detente.analyze("Chinese President Xi Jinping met ...", published="2023-06-19")
>>> record = article.to_dict()          # the detente/article@1 record
"""

from __future__ import annotations

from functools import lru_cache

from detente.errors import DetenteError
from detente.model import Actor, Article, Event, Quote, Span
from detente.pipeline import DEFAULT_MODEL, Analyzer
from detente.textio import RawArticle

__all__ = [
    "DEFAULT_MODEL",
    "Actor",
    "Analyzer",
    "Article",
    "DetenteError",
    "Event",
    "Quote",
    "RawArticle",
    "Span",
    "analyze",
]
__version__ = "0.1.0"


@lru_cache(maxsize=2)
def _analyzer(model: str, kb_files: tuple[str, ...]) -> Analyzer:
    return Analyzer(model, kb_files=kb_files)


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
    kb_files: tuple[str, ...] = (),
) -> Article:
    """Analyse one article's text. The model loads on first use and is kept for reuse."""
    return _analyzer(model, tuple(kb_files)).analyze(
        RawArticle(text=text), published=published, title=title
    )
