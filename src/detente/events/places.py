"""Where an event happened: a locative phrase of its trigger or verb ("in Beijing",
"over the South China Sea"), and the place resolved to its country and coordinates
(countries and capitals from the knowledge base, other cities from the gazetteer,
``kb.gazetteer``). An attack or a deployment also happens where it is aimed ("strikes
on Kharkiv")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from detente.document import Document
from detente.kb import KnowledgeBase
from detente.kb.gazetteer import CITY, COUNTRY, Place, city

_LOCATIVE_PREPS = frozenset({"in", "at", "over", "near", "off", "across", "outside", "inside"})
_AIMED_PREPS = frozenset({"on", "against", "into", "toward", "towards"})
AIMED_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
"""Physical actions, which happen where they are aimed ("strikes on Kharkiv", "troops
into Donetsk"); sanctions "on Belarus" are not in Belarus."""
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class Places:
    """Reads the places of one article's events."""

    def __init__(self, kb: KnowledgeBase, document: Document) -> None:
        self.kb = kb
        self.document = document

    def resolve(self, name: str | None) -> Place | None:
        """A place name's country and coordinates: a country, a capital, a seat of
        government (at its capital: "the White House" is in Washington), or a city."""
        if not name:
            return None
        country = self.document.country(name)
        if country is not None:
            return Place(name, country.iso3, None, None, COUNTRY)
        org = self.kb.organization(strip_article(name))
        if org is not None and org.kind == "seat" and org.country in self.kb.by_iso3:
            capitals = self.kb.by_iso3[org.country].capitals
            found = city(capitals[0]) if capitals else None
            lat, lon = (found.lat, found.lon) if found else (None, None)
            return Place(name, org.country, lat, lon, CITY)
        capital = self.kb.capital(name)
        found = city(name)
        if capital is not None:
            lat, lon = (found.lat, found.lon) if found else (None, None)
            return Place(name, capital.iso3, lat, lon, CITY)
        return found

    def location_of(
        self, token: Token, sent: Span, *, visit: bool = False, aimed: bool = False
    ) -> str | None:
        """The place of a locative phrase ("in Beijing", "over the South China Sea")
        inside the trigger's phrase, on its verb or on a participle adjunct of the verb
        ("attends a meeting ..., sitting at the Great Hall of the People in Beijing");
        a city or region wins over a building ("Beijing", not "the Great Hall"). A visit
        happens where it goes ("trips to Beijing"), an attack where it is aimed. A place
        the entity recogniser missed counts when the gazetteer knows it ("in Kharkiv")."""
        preps = [t for t in token.subtree if t.dep_ == "prep"]
        verb = token.head if token.head is not token and token.dep_ != "ROOT" else None
        if verb is not None:
            preps += [c for c in verb.children if c.dep_ == "prep"]
            for adjunct in verb.children:
                if adjunct.dep_ in ("advcl", "acl") and adjunct.tag_ in ("VBG", "VBN"):
                    preps += [c for c in adjunct.children if c.dep_ == "prep"]
        best: tuple[int, int, str] | None = None
        if aimed:
            # "shelled Kharkiv": the place attacked is where it happened
            for obj in (c for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
                if obj.pos_ == "PROPN" and self.document.actor_at(obj.i) is None:
                    found = self.resolve(obj.text)
                    if found is not None and found.precision == CITY:
                        best = (0, abs(obj.i - token.i), obj.text)
        places = _LOCATIVE_PREPS | ({"to"} if visit else set()) | (_AIMED_PREPS if aimed else set())
        for prep in preps:
            if prep.lower_ not in places:
                continue
            for place in (t for t in prep.subtree if t.dep_ == "pobj"):
                seat = self.seat_of_government(place)
                if seat is not None:
                    # "welcomed the minister to the White House": the building is the place
                    candidate = (1, abs(place.i - token.i), seat)
                    best = candidate if best is None or candidate < best else best
                    continue
                if place.ent_type_ not in _PLACE_LABELS:
                    if place.pos_ == "PROPN" and not place.ent_type_ and self.resolve(place.text):
                        candidate = (1, abs(place.i - token.i), place.text)
                        best = candidate if best is None or candidate < best else best
                    continue
                ent = self.document.entity_of(place)
                if ent is None:
                    continue
                name = strip_article(ent.text)
                if ent.label_ not in ("GPE", "LOC") and (
                    self.kb.capital(place.text) or self.document.country(place.text)
                ):
                    name = place.text  # "in Beijing" inside a building's name
                    rank = 0
                else:
                    rank = 0 if ent.label_ in ("GPE", "LOC") else 1
                candidate = (rank, abs(place.i - token.i), name)
                if best is None or candidate < best:
                    best = candidate
        return best[2] if best else None

    def seat_of_government(self, place: Token) -> str | None:
        """The name of a seat of government ("the White House", "the Kremlin") a word is
        part of: an organisation by name, a building by place."""
        ent = self.document.entity_of(place)
        if ent is None or ent.label_ != "ORG":
            return None
        name = strip_article(ent.text)
        org = self.kb.organization(name)
        return name if org is not None and org.kind == "seat" else None

    def location_country(self, location: str | None) -> str | None:
        place = self.resolve(location)
        return place.country if place else None

    def place_country(self, place: Token) -> str | None:
        """The country of a named place: the whole name ("Northern Ireland" is not
        Ireland), a country, a capital, a country actor the text made of it, or a city
        of the gazetteer."""
        ent = self.document.entity_of(place)
        name = strip_article(ent.text) if ent is not None else place.text
        country = self.document.country(name) or self.kb.capital(name)
        if country is not None:
            return country.iso3
        owned = self.document.actor_at(place.i)
        if owned is not None and owned.type == "country" and (ent is None or len(ent) == 1):
            return owned.country
        if owned is None and (ent is None or ent.label_ in ("GPE", "LOC")):
            found = city(name)  # "demonstrators in Kharkiv"
            return found.country if found else None
        return None


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text).strip()
