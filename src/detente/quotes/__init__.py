"""Quotations: direct, mixed and indirect, each with its speaker resolved to an actor.

``marks`` pairs the quotation marks; ``direct`` reads the quotations between them and
their attributions; ``indirect`` the clauses reported by a verb or noun of saying;
``cues`` the verbs of saying and clause bounds both use; ``speakers`` resolves who
speaks, through the ``Document`` (which also adds a group actor for a speaker that is
none yet).
"""

from __future__ import annotations

from detente.document import Document
from detente.kb import KnowledgeBase
from detente.model import Quote
from detente.quotes.cues import Cues
from detente.quotes.direct import DirectQuotes
from detente.quotes.indirect import IndirectQuotes
from detente.quotes.marks import Marks
from detente.quotes.speakers import Speakers

__all__ = ["QuoteFinder"]


class QuoteFinder:
    """Finds the quotations of one parsed article and resolves their speakers."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, document: Document) -> list[Quote]:
        kb = self.kb
        marks = Marks.of(document.text)
        cues = Cues(kb, document)
        speakers = Speakers(kb, document, cues)
        document.quotes = []
        DirectQuotes(kb, document, cues, speakers, marks).find()
        quoted = [(q.start, q.end) for q in document.quotes]
        IndirectQuotes(kb, document, cues, speakers, marks).find(quoted)
        document.quotes.sort(key=lambda q: q.start)
        for number, quote in enumerate(document.quotes, start=1):
            quote.id = f"q{number}"
        return document.quotes
