"""Finding event triggers in a sentence: words of the trigger lexicon, and the
constructions that report an event without one ("X said Y must Z" is a REQUEST; "X
was unable to get Y to agree" a REJECT by Y); a promise to do harm is a threat."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from detente.document import Document
from detente.events.arguments import Arguments
from detente.events.lexicon import Candidate, is_light, satisfied, word_forms
from detente.events.phrases import PhraseActors
from detente.kb import KnowledgeBase, Trigger
from detente.kb.ontology import PLOVER, types_where

_HARMFUL = types_where(harmful=True)


class TriggerMatcher:
    """Finds the trigger candidates of one article's sentences."""

    def __init__(
        self,
        kb: KnowledgeBase,
        document: Document,
        arguments: Arguments,
        phrases: PhraseActors,
        skip: list[tuple[int, int]],
    ) -> None:
        self.kb = kb
        self.document = document
        self.arguments = arguments
        self.phrases = phrases
        self.skip = skip
        self.light = kb.governors("light")
        self.failure_heads = kb.governors("failure")
        self.causative = kb.governors("causative")

    def candidates(self, sent: Span) -> Iterator[Candidate]:
        kb = self.kb
        for token in sent:
            opening_noun = self.opening_noun(token, sent)
            if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX") and opening_noun is None:
                continue
            if self.is_skipped(token.idx):
                continue
            pos = "VERB" if token.pos_ == "AUX" else token.pos_
            entries = kb.triggers(token.lemma_, pos)
            if opening_noun is not None:
                pos, entries = "NOUN", kb.triggers(opening_noun, "NOUN")
            elif not entries and pos == "NOUN" and token.tag_ == "NNS":
                entries = kb.triggers(token.text.lower(), pos)
            elif not entries and pos == "VERB":
                # the lemmatiser errs ("staged" -> "stag", "hopes" -> "hop")
                forms = sorted(word_forms(token) - {token.lemma_.lower()}, key=len)
                entries = next((kb.triggers(f, pos) for f in forms if kb.triggers(f, pos)), [])
            entry = next(
                (e for e in entries if satisfied(e, token) and self.object_fits(e, token)), None
            )
            if pos == "VERB" or pos == "NOUN":
                demand = self.must_construction(token)
                if demand is not None:
                    yield demand
                    continue
            if entry is None:
                failure = self.failure_construction(token)
                if failure is not None:
                    yield failure
                continue
            yield from self.arguments.arguments(self.threat_of_intent(entry, token), token)

    def object_fits(self, entry: Trigger, token: Token) -> bool:
        """A ``person-object`` entry needs a direct object that names a person:
        "welcomed President Oduya" is a visit, "welcomed the decision" is not. An
        ``actor-object`` entry reports its event only of people: "met the
        minister" is a meeting, "met the challenge" none; "released two hostages" a
        release, "released a statement" or "a press release" none. The object (a verb's
        direct object, a noun's compound or "of" object), when there is one, must name
        an actor or people."""
        if "standing" in entry.flags and token.pos_ == "NOUN" and not self.acted_on(token):
            return False
        if "person-object" in entry.flags:
            objects = [c for c in token.children if c.dep_ == "dobj"]
            return bool(objects) and all(self.names_person(o) for o in objects)
        if "actor-object" not in entry.flags:
            return True
        if token.pos_ == "VERB":
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        else:
            objects = [c for c in token.children if c.dep_ == "compound"] + [
                g
                for c in token.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        return all(self.names_people(o) for o in objects)

    @staticmethod
    def acted_on(noun: Token) -> bool:
        """Whether a noun is what a verb acts on: its object or passive subject, or the
        object of its preposition ("signed a pact", "the deal was reached", "agreed on
        a deal"), through coordination."""
        while noun.dep_ == "conj" and noun.head is not noun:
            noun = noun.head
        if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            return noun.head.pos_ in ("VERB", "AUX")
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            return noun.head.head.pos_ == "VERB"
        return False

    def names_person(self, token: Token) -> bool:
        """Whether a word names a person or people, not a state or a body: a person
        or group actor, a named person, a title, a delegation."""
        actor = self.document.actor_at(token.i)
        if actor is not None:
            return actor.type in ("person", "group")
        if token.ent_type_ == "PERSON" or token.lower_ in ("him", "her", "them"):
            return True
        kb = self.kb
        return bool(kb.title(token.text) or kb.title(token.lemma_) or kb.group_noun(token.text)[0])

    def opening_noun(self, token: Token, sent: Span) -> str | None:
        """The lemma of a common noun the tagger took for a name because it opens its
        sentence ("Tributes were paid by ...", tagged a proper noun, even a place): a
        capitalised first word that names no person and no actor. None for any other
        word."""
        if (
            token.i != sent.start
            or token.pos_ != "PROPN"
            or token.ent_type_ == "PERSON"
            or self.document.actor_at(token.i) is not None
        ):
            return None
        word = token.lower_
        if token.tag_ == "NNPS" and word.endswith("s") and not self.kb.triggers(word, "NOUN"):
            word = word[:-1]
        return word

    def names_people(self, token: Token) -> bool:
        """Whether a word names an actor or people: a known actor, a named person,
        group, organisation or place, a pronoun, a title or a noun of people."""
        if self.document.actor_at(token.i) is not None or token.pos_ in ("PRON", "PROPN"):
            return True
        if token.ent_type_ in ("PERSON", "NORP", "ORG", "GPE"):
            return True
        kb = self.kb
        return bool(
            kb.group_noun(token.text)[0]
            or kb.group_noun(token.lemma_)[0]
            or kb.title(token.text)
            or kb.title(token.lemma_)
            or self.names_state_body(token)
        )

    def names_state_body(self, token: Token) -> bool:
        """Whether a noun names a kind of state body ("the new government of Libya",
        "the ministry"), not a thing or a medium ("a press release")."""
        kind = self.kb.org_word(token.lemma_)
        return kind is not None and kind.national

    def purpose_of(self, cand: Candidate, triggers: set[int]) -> bool:
        """Whether a demand only states the purpose of another event of its sentence:
        "began a hunger strike to demand ...", "blocked roads demanding ...". One
        reported action, one event."""
        if cand.trigger.type != "REQUEST":
            return False
        node = cand.token
        while node.dep_ in ("conj", "dobj", "pobj", "prep") and node.head is not node:
            node = node.head
        if node.dep_ not in ("advcl", "xcomp", "acl"):
            return False
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if not (infinitive or node.tag_ == "VBG"):
            return False
        head = node.head
        governing = {head.i} | {c.i for c in head.children if c.dep_ in ("dobj", "attr")}
        return bool(governing & triggers)

    def threat_of_intent(self, entry: Trigger, token: Token) -> Trigger:
        """A promise or readiness to do harm is a threat: "vowed to fight", "is
        prepared to impose martial law" are THREATEN, not AGREE."""
        if entry.type != "AGREE" or "control" not in entry.flags:
            return entry
        for inner in token.children:
            if inner.dep_ != "xcomp":
                continue
            actions = [(inner, "VERB")]
            if is_light(inner, self.light):
                actions += [(c, "NOUN") for c in inner.children if c.dep_ == "dobj"]
            possible = [
                (harm, word) for word, pos in actions for harm in self.kb.triggers(word.lemma_, pos)
            ]
            for harm, word in possible:
                if harm.type in _HARMFUL and satisfied(harm, word):
                    mode = PLOVER[harm.type].threat_mode
                    return Trigger(
                        id=f"{entry.id}+{harm.id}",
                        lemma=entry.lemma,
                        pos=entry.pos,
                        type="THREATEN",
                        mode=mode,
                        requires=entry.requires,
                        object=entry.object,
                        preps=harm.preps or entry.preps,
                        flags=entry.flags,
                    )
        return entry

    def must_construction(self, token: Token) -> Candidate | None:
        """ "X said (or declared, or issued a reminder) that Y must Z": a REQUEST by X
        of Y, the demand put as an obligation."""
        if self.kb.cue(token.lemma_, token.pos_.lower()) is None:
            return None
        for clause in token.children:
            if clause.dep_ not in ("ccomp", "acl"):
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "must" for c in clause.children):
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            targets = self.phrases.actors_in(subject)
            if token.pos_ == "NOUN":
                sources, _ = self.arguments.governing_subject(token)
            else:
                sources, _ = self.arguments.verb_sources(token)
            if not targets or not sources:
                continue
            return Candidate(
                trigger=pattern_trigger("request.must", token, "REQUEST", {"speech"}),
                token=token,
                sources=sources,
                targets=list(targets),
                rule="pattern:must",
                confidence=0.65,
                status="occurred",
                absorbed=[t for t in clause.subtree],
            )
        return None

    def failure_construction(self, token: Token) -> Candidate | None:
        """ "X was unable to get Y to agree to Z" / "X failed to persuade Y to V":
        a REJECT by Y of X."""
        if token.lemma_.lower() not in self.failure_heads:
            return None
        for xcomp in token.children:
            if xcomp.dep_ != "xcomp" or xcomp.lemma_.lower() not in self.causative:
                continue
            persuaded = next(
                (c for c in xcomp.children if c.dep_ in ("dobj", "nsubj", "ccomp")), None
            )
            if persuaded is None:
                continue
            if persuaded.dep_ == "ccomp":
                persuaded = next((c for c in persuaded.children if c.dep_ == "nsubj"), None)
                if persuaded is None:
                    continue
            refusers = self.phrases.actors_in(persuaded)
            if token.pos_ == "ADJ":
                subject_verb = token.head if token.dep_ in ("acomp", "xcomp") else token
            else:
                subject_verb = token
            askers, _ = self.arguments.verb_sources(subject_verb)
            if not refusers or not askers:
                continue
            absorbed = [t for t in xcomp.subtree if t.i != xcomp.i]
            return Candidate(
                trigger=pattern_trigger("reject.failed-to-get", token, "REJECT"),
                token=token,
                sources=refusers,
                targets=list(askers),
                rule="pattern:failed-to-get",
                confidence=0.7,
                status="occurred",
                absorbed=absorbed,
            )
        return None

    def is_skipped(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.skip)


def pattern_trigger(
    rule: str, token: Token, event_type: str, flags: set[str] | None = None
) -> Trigger:
    """The lexicon entry a construction stands in for: its type at the word it hangs on."""
    return Trigger(
        id=rule,
        lemma=token.lemma_.lower(),
        pos=token.pos_,
        type=event_type,
        mode=None,
        requires=(),
        object="",
        preps=(),
        flags=frozenset(flags or ()),
    )
