"""Where an event happened: a locative phrase of its trigger or verb ("in Beijing",
"over the South China Sea"), and the country of a named place."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from detente.document import Document
from detente.kb import KnowledgeBase

_LOCATIVE_PREPS = frozenset({"in", "at", "over", "near", "off", "across", "outside", "inside"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class Places:
    """Reads the places of one article's events."""

    def __init__(self, kb: KnowledgeBase, document: Document) -> None:
        self.kb = kb
        self.document = document

    def location_of(self, token: Token, sent: Span, *, visit: bool = False) -> str | None:
        """The place of a locative phrase ("in Beijing", "over the South China Sea")
        inside the trigger's phrase, on its verb or on a participle adjunct of the verb
        ("attends a meeting ..., sitting at the Great Hall of the People in Beijing");
        a city or region wins over a building ("Beijing", not "the Great Hall"). A visit
        happens where it goes ("trips to Beijing")."""
        preps = [t for t in token.subtree if t.dep_ == "prep"]
        verb = token.head if token.head is not token and token.dep_ != "ROOT" else None
        if verb is not None:
            preps += [c for c in verb.children if c.dep_ == "prep"]
            for adjunct in verb.children:
                if adjunct.dep_ in ("advcl", "acl") and adjunct.tag_ in ("VBG", "VBN"):
                    preps += [c for c in adjunct.children if c.dep_ == "prep"]
        best: tuple[int, int, str] | None = None
        places = _LOCATIVE_PREPS | {"to"} if visit else _LOCATIVE_PREPS
        for prep in preps:
            if prep.lower_ not in places:
                continue
            for place in (t for t in prep.subtree if t.dep_ == "pobj"):
                if place.ent_type_ not in _PLACE_LABELS:
                    continue
                ent = next((e for e in sent.ents if e.start <= place.i < e.end), None)
                if ent is None:
                    continue
                name = strip_article(ent.text)
                if ent.label_ not in ("GPE", "LOC") and (
                    self.kb.capital(place.text) or self.kb.country(place.text)
                ):
                    name = place.text  # "in Beijing" inside a building's name
                    rank = 0
                else:
                    rank = 0 if ent.label_ in ("GPE", "LOC") else 1
                candidate = (rank, abs(place.i - token.i), name)
                if best is None or candidate < best:
                    best = candidate
        return best[2] if best else None

    def location_country(self, location: str | None) -> str | None:
        if not location:
            return None
        country = self.kb.country(location) or self.kb.capital(location)
        return country.iso3 if country else None

    def place_country(self, place: Token) -> str | None:
        """The country of a named place: the whole name ("Northern Ireland" is not
        Ireland), a country, a capital, or a country actor the text made of it."""
        ent = self.document.entity_of(place)
        name = strip_article(ent.text) if ent is not None else place.text
        country = self.kb.country(name) or self.kb.capital(name)
        if country is not None:
            return country.iso3
        owned = self.document.actor_at(place.i)
        if owned is not None and owned.type == "country" and (ent is None or len(ent) == 1):
            return owned.country
        return None


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text).strip()
