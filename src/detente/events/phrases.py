"""The actors a noun phrase names, for the event coder: its head, a nationality or
actor among its modifiers ("a U.S. surveillance plane"), the people of a place
("demonstrators in Lima"), a pronoun's antecedent; and the country an actor of no
known country takes from its own phrase ("King Hassan of Morocco")."""

from __future__ import annotations

from spacy.tokens import Token

from detente.document import OTHER_PRONOUNS, PERSON_PRONOUNS, Document
from detente.events.places import Places
from detente.kb import KnowledgeBase
from detente.model import Actor, Coding

_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


class PhraseActors:
    """Reads the actors of noun phrases in one article."""

    def __init__(self, kb: KnowledgeBase, document: Document, places: Places) -> None:
        self.kb = kb
        self.document = document
        self.places = places
        self.relational = kb.governors("relational")

    def actors_in(
        self, token: Token, *, deep: bool = True, place_is_government: bool = True
    ) -> list[Actor]:
        """The actors a noun phrase names: the two sides of "the two leaders", its head,
        or else a nationality or actor among its modifiers ("a U.S. surveillance
        plane"); conjuncts each count."""
        pair = self.document.pair_of(token)
        if pair is not None:
            return pair
        found: list[Actor] = []
        for head in [token, *self.conjuncts(token)]:
            actor = self.actor_of(head, place_is_government)
            if actor is None:
                # "His Highness Ahmad al-Sabah": the person named in apposition to a
                # style or a description
                actor = next(
                    (
                        named
                        for child in head.children
                        if child.dep_ == "appos"
                        and (named := self.actor_of(child, place_is_government)) is not None
                        and named.type == "person"
                    ),
                    None,
                )
            if actor is None and deep:
                actor = self.modifier_actor(head)
            if actor is not None and actor.country is None and actor.type != "country":
                self.place_from_phrase(actor, head)
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    def place_from_phrase(self, actor: Actor, head: Token) -> None:
        """An actor of no known country takes the one its own phrase gives: an actor
        modifying it ("European Community foreign ministers", "Hezbollah guerrillas")
        or a place after it ("King Hassan of Morocco", "demonstrators in Baghdad",
        "security forces in Guinea"). The actor's coding records the words."""
        lefts = [c for c in head.lefts if c.dep_ in ("compound", "nmod", "amod", "poss")]
        # "Lebanon's new President Elias Hrawi": the possessor sits one level down
        lefts += [g for c in lefts for g in c.lefts if g.dep_ in ("poss", "amod", "compound")]
        for child in lefts:
            if child.dep_ in ("compound", "nmod", "amod", "poss"):
                other = self.document.actor_at(child.i)
                if other is not None and other is not actor and other.country:
                    self.document.set_country(actor, other.country, "event-phrase-modifier", child)
                    return
                nationality = self.kb.nationality(child.text)
                if nationality is not None and not ethnic(head):
                    self.document.set_country(
                        actor, nationality.iso3, "event-phrase-nationality", child
                    )
                    return
        for child in head.rights:
            if child.dep_ == "appos":
                # "Salaheddine Sidhoum, Algeria's leading activist"
                for mark in child.lefts:
                    other = self.document.actor_at(mark.i)
                    if mark.dep_ in ("poss", "amod", "compound") and other and other.country:
                        self.document.set_country(
                            actor, other.country, "event-phrase-apposition", mark
                        )
                        return
                continue
            if child.dep_ != "prep" or child.lower_ not in ("of", "in", "from"):
                continue
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                place = pobj
                if place.ent_type_ not in ("GPE", "LOC"):
                    place = next(
                        (
                            g
                            for p in pobj.children
                            if p.dep_ == "prep" and p.lower_ in ("of", "in")
                            for g in p.children
                            if g.dep_ == "pobj" and g.ent_type_ == "GPE"
                        ),
                        pobj,
                    )
                iso3 = self.places.place_country(place)
                if iso3:
                    self.document.set_country(actor, iso3, "event-phrase-place", place)
                    return

    def conjuncts(self, token: Token) -> list[Token]:
        out: list[Token] = []
        for child in token.children:
            if child.dep_ == "conj":
                out.append(child)
                out.extend(self.conjuncts(child))
        return out

    def actor_of(self, token: Token, place_is_government: bool = True) -> Actor | None:
        owned = self.document.actor_at(token.i)
        if owned is not None and owned.type == "country" and ethnic(token):
            return None  # "ethnic Albanians in Serbia" are no Albanian state
        if owned is not None:
            return owned
        lower = token.lower_
        if lower in PERSON_PRONOUNS or lower in OTHER_PRONOUNS:
            return self.document.antecedent(token)
        if lower in _RELATIVE and token.head.dep_ == "relcl":
            return self.actor_of(token.head.head, place_is_government)
        if token.tag_ in ("NNPS", "NNS") and token.text[:1].isupper():
            people = self.kb.demonym(token.text)
            if people is not None and not ethnic(token):
                return self.document.country_actor(people.iso3, token)
        if place_is_government and token.ent_type_ == "GPE":
            country = self.kb.capital(token.text) or self.document.country(token.text)
            if country is not None:
                return self.document.country_actor(country.iso3, token)
        if self.kb.title(token.text) is not None or self.kb.title(token.lemma_) is not None:
            # "The President instructed ...": the president named before, else the home's
            return self.document.described(token) or self.document.home_body(token)
        return self.document.home_body(token)

    def modifier_actor(self, head: Token, depth: int = 0) -> Actor | None:
        """An actor named inside a phrase whose head is none: a nationality or actor
        modifying it ("a U.S. plane"), or the object of "of", "by" or "from" ("thousands
        of Iraqi Kurds", "a plan by Egypt"). A country is never the others a relational
        noun names ("U.S. partners"); a body's are its members ("NATO allies")."""
        found = self.named_inside(head, depth)
        if found is not None and found.type == "country" and head.lower_ in self.relational:
            return None
        return found

    def named_inside(self, head: Token, depth: int) -> Actor | None:
        if depth > 2:
            return None
        # "their demands", "its troops": a pronoun's things name no actor of their own
        modifiers = [
            c
            for c in head.children
            if c.dep_ in ("compound", "amod", "nmod", "poss") and c.pos_ != "PRON"
        ]
        for child in modifiers:
            if child.i < head.i:
                actor = self.actor_of(child)
                if actor is not None:
                    return actor
                country = self.kb.nationality(child.text) or self.kb.demonym(child.text)
                if country is not None:
                    return self.document.country_actor(country.iso3, child)
                deeper = self.modifier_actor(child, depth + 1)
                if deeper is not None:
                    return deeper
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "by", "from", "in", "throughout"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        actor = self.actor_of(pobj) or self.modifier_actor(pobj, depth + 1)
                        if actor is not None and actor.country is None and actor.type != "country":
                            self.place_from_phrase(actor, pobj)
                        if actor is not None and child.lower_ in ("in", "throughout"):
                            if actor.type != "country" or head.pos_ not in ("NOUN", "PROPN"):
                                continue
                            return self.people_in(head, actor)
                        if actor is not None:
                            return actor
        return None

    def people_in(self, head: Token, country: Actor) -> Actor:
        """ "Ethnic Hungarians in Slovakia", "demonstrators in Lima": people of the
        place, a group actor of its country, not the state itself."""
        name = " ".join(t.text for t in head.lefts if t.dep_ in ("amod", "compound")) or ""
        name = f"{name} {head.text}".strip()
        existing = self.document.find_group(name, country.country)
        if existing is not None:
            return existing
        span = self.document.text_span(head)
        coded = (country.country, Coding("event-phrase-place", span)) if country.country else None
        return self.document.add_group(name, span, [head], country=coded)


def ethnic(head: Token) -> bool:
    """ "ethnic Albanians", "ethnic Serb civilians": a people, not a state's citizens."""
    return any(t.lower_ == "ethnic" for t in head.lefts)
