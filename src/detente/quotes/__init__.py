"""Quotations: direct, mixed and indirect, each with its speaker resolved to an actor.

``marks`` pairs the quotation marks; ``direct`` reads the quotations between them and
their attributions; ``indirect`` the clauses reported by a verb or noun of saying;
``cues`` the verbs of saying and clause bounds both use; ``speakers`` resolves who
speaks, through the ``Document`` (which also adds a group actor for a speaker that is
none yet).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from detente.document import STATE_SECTORS, Document
from detente.kb import KnowledgeBase
from detente.model import Quote
from detente.quotes.cues import Cues
from detente.quotes.direct import DirectQuotes
from detente.quotes.indirect import IndirectQuotes
from detente.quotes.marks import Marks
from detente.quotes.speakers import Speakers

__all__ = ["QuoteFinder"]

_ABROAD_OFFICE = re.compile(
    r"\b(?:foreign|defen[cs]e|war|ambassador|envoy|consul|diplomat|secretary of state)",
    re.IGNORECASE,
)
"""Offices whose work is other countries: what their holder says of a country is no sign
of their own."""


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
        speak_for_their_subject(document)
        return document.quotes


def speak_for_their_subject(document: Document) -> None:
    """An official of no known country who reports what a country does or thinks speaks
    for it: "Brazil is not happy with the committee, Finance Minister X said" makes X
    Brazil's (rule ``speaks-for-subject``). Only a state office (a minister, not an
    analyst) whose work is not other countries (a foreign or defence minister, a
    diplomat: "Russia is a threat, Foreign Minister X said" says nothing of X's country),
    only a country as the reported clause's subject, and only where nothing else gave
    the speaker a country."""
    actors = {a.id: a for a in document.actors}
    for quote in document.quotes:
        speaker = actors.get(quote.speaker or "")
        if (
            quote.kind != "indirect"
            or speaker is None
            or speaker.type != "person"
            or speaker.country is not None
            or speaker.sector not in STATE_SECTORS
            or _ABROAD_OFFICE.search(speaker.role or "")
        ):
            continue
        subject = _clause_subject(document, quote.start, quote.end)
        named = document.actor_at(subject.i) if subject is not None else None
        if named is not None and named.type == "country" and named.country not in (None, "IGO"):
            document.set_country(speaker, named.country, "speaks-for-subject", subject)


def _clause_subject(document: Document, start: int, end: int) -> Token | None:
    """The subject of a reported clause's main verb (the verb whose head lies outside
    the clause)."""
    span = document.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    root = next((t for t in span if not (span.start <= t.head.i < span.end) or t.head == t), None)
    if root is None:
        return None
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
