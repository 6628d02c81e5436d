"""Speakers: the actor a quotation's attribution names, and the cue it hangs on.

A name or mention already an actor is that actor; a pronoun is resolved by the
``Document``; "the senator" is the last person whose role says so; any other noun that
names people or a body ("the ministry", "sources") becomes a group actor.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from detente.document import Document
from detente.kb import KnowledgeBase
from detente.model import Actor, Coding, Quote
from detente.model import Span as TextSpan
from detente.quotes.cues import PRONOUNS, Attribution, Cues

_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}
_STRIP_DETERMINERS = frozenset(
    {"the", "a", "an", "some", "several", "many", "other", "two", "three"}
)


_DOCUMENT_NOUNS = frozenset(
    {
        "statement",
        "message",
        "letter",
        "communique",
        "communiqué",
        "release",
        "readout",
        "declaration",
        "report",
        "note",
        "decree",
        "notice",
    }
)
"""Words for a text that speaks for its author ("the Treasury statement said")."""


class Speakers:
    """Resolves the speakers of one article's quotations to actors."""

    def __init__(self, kb: KnowledgeBase, document: Document, cues: Cues) -> None:
        self.kb = kb
        self.document = document
        self.doc = document.doc
        self.text = document.text
        self.cues = cues

    def attach(self, quote: Quote, attribution: Attribution) -> None:
        quote.rule = attribution.rule
        cue = attribution.cue
        if cue is not None:
            cue_end = cue.idx + len(cue)
            if cue.lower_ == "according":
                to = self.doc[cue.i + 1]
                cue_end = to.idx + len(to)
            quote.cue = self.text[cue.idx : cue_end]
            quote.cue_span = (cue.idx, cue_end)
            quote.channel = self.cues.channel(cue)
        speaker = attribution.speaker
        if speaker is None:
            return
        actor, mention = self.resolve(speaker, quote.start)
        quote.speaker_mention = mention
        if actor is not None:
            quote.speaker, quote.speaker_text = actor.id, actor.name

    def resolve(self, token: Token, before: int) -> tuple[Actor | None, TextSpan]:
        """The actor a speaker's words name, and those words: the person a title stands
        in apposition to ("his spokesman Stephane Dujarric told", "US Ambassador to Japan
        Mark Ellery alleged") rather than the title."""
        owned = self.document.mention_at(token.i)
        if owned is not None:
            return owned
        for named in (c for c in token.children if c.dep_ == "appos"):
            owned = self.document.mention_at(named.i)
            if owned is not None and (
                owned[0].type == "person" or (owned[0].type == "organization" and token.is_lower)
            ):
                return owned  # "the airline Lufthansa said"
        phrase = self.noun_phrase(token)
        mention = TextSpan(phrase[0], phrase[1], self.text[phrase[0] : phrase[1]])
        lower = _POSSESSIVES.get(token.lower_, token.lower_)
        if lower in PRONOUNS:
            return self.document.antecedent(token), mention
        described = self.document.described(token)
        if described is not None:
            return described, mention
        if token.lemma_.lower() in _DOCUMENT_NOUNS:
            # "the Treasury statement said", "Putin's message said": whose it is
            owners = [c for c in token.children if c.dep_ in ("compound", "poss")] + [
                o for p in token.children if p.lower_ == "by" for o in p.children
            ]  # "the Treasury statement", "its report", "a statement by the spokesperson"
            for owner in owners:
                owned = self.document.mention_at(owner.i)
                if owned is not None:
                    return owned[0], mention
                if owner.lower_ in PRONOUNS:
                    return self.document.antecedent(owner), mention
            if any(c.lower_ == "the" for c in token.children):
                # "the one-page statement noted": the statement last quoted, whose owner
                # was named ("the Treasury statement said")
                return self.earlier_document(token, before), mention
            return None, mention
        return self.new_group(token, phrase), mention

    def earlier_document(self, noun: Token, before: int) -> Actor | None:
        """The speaker of the last quotation before ``before`` attributed to a
        document of the same kind ("statement") whose owner the text named."""
        word = re.compile(rf"\b{re.escape(noun.lemma_.lower())}s?\b")
        for quote in reversed(self.document.quotes):
            mention = quote.speaker_mention
            if quote.start >= before or mention is None or quote.speaker is None:
                continue
            if word.search(mention.text.lower()):
                return next((a for a in self.document.actors if a.id == quote.speaker), None)
        return None

    def noun_phrase(self, token: Token) -> tuple[int, int]:
        left = token.left_edge
        while left.i < token.i and left.is_punct:
            left = self.doc[left.i + 1]
        return left.idx, token.idx + len(token)

    def new_group(self, token: Token, phrase: tuple[int, int]) -> Actor | None:
        """A speaker that is no actor yet ("the ministry", "sources") becomes a group.

        Only nouns that name people or bodies qualify: group nouns, organisation words
        and titles ("the spokesman"); "her book" says nothing.
        """
        kb = self.kb
        if token.pos_ not in ("NOUN", "PROPN") or not (
            kb.group_noun(token.text)[0]
            or kb.org_word(token.text)
            or kb.title(token.text)
            or kb.title(token.lemma_)
            or token.ent_type_ == "NORP"
        ):
            return None
        words = [
            t
            for t in self.doc[
                self.doc.char_span(*phrase, alignment_mode="expand").start : token.i + 1
            ]
            if t.lower_ not in _STRIP_DETERMINERS and not t.is_punct
        ]
        if not words:
            return None
        name = "".join(t.text if t.text in ("'s", "’s") else f" {t.text}" for t in words).strip()
        span = TextSpan(phrase[0], phrase[1], self.text[phrase[0] : phrase[1]])
        existing = self.document.find_group(name)
        if existing is not None:
            self.document.add_mention(existing, span)
            return existing
        country = None
        for i, word in enumerate(words[:-1]):
            pair = f"{word.text} {words[i + 1].text}" if i + 2 < len(words) else None
            found = (
                (pair and (self.kb.nationality(pair) or self.kb.country(pair)))  # "South Korean"
                or self.kb.nationality(word.text)
                or self.kb.country(word.text)
            )
            if found is not None:
                country = (found.iso3, Coding("group-nationality", span))
                break
        _, sector_code = self.kb.group_noun(token.text)
        sector = (sector_code, Coding(f"group-noun:{token.lower_}", span)) if sector_code else None
        body = self.kb.org_word(token.text)
        if sector is None and body is not None and body.national:
            # "the ministry said": a state's body, the home country's unless words say whose
            sector = (body.sector, Coding(f"org-word:{token.lower_}", span))
        return self.document.add_group(name, span, words, country=country, sector=sector)

    def nearest_name(
        self, start: int, end: int, cue: Token, *, after_quote: bool = False
    ) -> Token | None:
        """When the parse gives the cue no subject: the actor named nearest the cue in
        the attribution window, else the nearest proper noun or personal pronoun."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        candidates = [t for t in span if t.i != cue.i and self.document.mention_at(t.i) is not None]
        candidates = [
            t for t in candidates if self.document.actor_at(t.i).type != "country"
        ] or candidates
        if not candidates:
            candidates = [t for t in span if t.pos_ == "PROPN" or t.lower_ in ("he", "she", "they")]
        if not candidates:
            return None
        if after_quote:
            # "“...,” Jo Lind, 58, told the Daily Herald": after a quotation, a name
            # before the cue is its subject; the one after it may be the addressee.
            before = [t for t in candidates if t.i < cue.i]
            people = [
                t
                for t in before
                if self.document.mention_at(t.i) is not None
                and self.document.actor_at(t.i).type == "person"
            ]
            if people or before:
                return min(people or before, key=lambda t: t.i)
        return min(candidates, key=lambda t: abs(t.i - cue.i))
