"""The PLOVER event coder: for every sentence, the triggers of the lexicon and their
sides become events, each with its status, date, place, the sentence it came from, the
rule that fired and a confidence.

The rooms: ``triggers`` finds the triggers and the constructions that report an event
without one; ``arguments`` reads the source and target; ``phrases`` the actors noun
phrases name; ``status`` the status; ``dates`` the time expressions; ``places`` the
place; this module builds the records (``EventFinder``); ``plover`` exports them as
PLOVER records.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from detente.document import Document
from detente.events.arguments import Arguments
from detente.events.confidence import MIN_CONFIDENCE, calibrated
from detente.events.dating import ARTICLE, EventDates, ReferenceDate
from detente.events.lexicon import Candidate
from detente.events.phrases import PhraseActors
from detente.events.places import AIMED_TYPES, Places
from detente.events.status import StatusReader
from detente.events.triggers import TriggerMatcher
from detente.kb import KnowledgeBase, Trigger
from detente.kb.ontology import types_where
from detente.model import Actor, Event
from detente.model import Span as TextSpan

_MATERIAL = types_where(untargeted="place")
_DOMESTIC = types_where(untargeted="domestic")
_HARMFUL = types_where(harmful=True)
_ARMED_SECTORS = frozenset({"MIL", "REB", "SPY", "COP"})
"""Force, coercion, sanctions and mobilisation by a state named as such, or by armed men,
are reported whatever their confidence: "North Korea fired two missiles" has no target,
and is news. By a politician they are mostly figures of speech ("Trump attacked ...")."""
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "IGO"})


class EventFinder:
    """Codes the events of a parsed article. Build once per knowledge base."""

    def __init__(self, kb: KnowledgeBase, min_confidence: float = MIN_CONFIDENCE) -> None:
        self.kb = kb
        self.status = StatusReader(kb)
        self.min_confidence = min_confidence

    def __call__(
        self,
        document: Document,
        reference: ReferenceDate | str | None = None,
        skip: list[tuple[int, int]] | None = None,
    ) -> list[Event]:
        """The article's events; ``reference`` is its reference date (see
        ``events.dating``), or just the publication date."""
        if not isinstance(reference, ReferenceDate):
            reference = ReferenceDate(reference, ARTICLE if reference else None)
        kb = self.kb
        quoted = [(q.start, q.end) for q in document.quotes if q.kind in ("direct", "mixed")]
        places = Places(kb, document)
        phrases = PhraseActors(kb, document, places)
        arguments = Arguments(kb, document, phrases, quoted)
        triggers = TriggerMatcher(kb, document, arguments, phrases, skip or [])
        records = _Records(kb, document, triggers, arguments, places, self.status, reference)
        events: list[Event] = []
        for sent in document.sentences:
            events.extend(records.sentence_events(sent))
        for event in events:
            event.confidence = calibrated(event)
        armed = {a.id for a in document.actors if a.type == "country" or a.sector in _ARMED_SECTORS}
        reported = [
            e
            for e in events
            if e.confidence >= self.min_confidence or (e.type in _HARMFUL and e.source in armed)
        ]
        for number, event in enumerate(reported, start=1):
            event.id = f"e{number}"
        return reported


class _Records:
    """Turns the candidates of one article's sentences into event records."""

    def __init__(
        self,
        kb: KnowledgeBase,
        document: Document,
        triggers: TriggerMatcher,
        arguments: Arguments,
        places: Places,
        status: StatusReader,
        reference: ReferenceDate,
    ) -> None:
        self.kb = kb
        self.document = document
        self.text = document.text
        self.triggers = triggers
        self.arguments = arguments
        self.places = places
        self.status = status
        self.dates = EventDates(reference)
        self.contests = kb.governors("contest")
        self.questions = kb.governors("question")
        self.verbal_attacks = kb.governors("verbal-attack")
        self.physical = kb.governors("instrument") | kb.governors("harm")

    def sentence_events(self, sent: Span) -> list[Event]:
        """The events of one sentence, once per type and pair of sides: "trade
        restrictions and sanctions on X" is one SANCTION, and an event without a target,
        or with a target of no known country, is dropped when the same type and source
        has one (with a country) in the sentence."""
        if is_question(sent):
            return []
        candidates = list(self.triggers.candidates(sent))
        absorbed = {t.i for c in candidates for t in c.absorbed}
        triggers = {c.token.i for c in candidates}
        absorbed.update(c.token.i for c in candidates if self.triggers.purpose_of(c, triggers))
        found: dict[tuple[str, str | None, str | None], Event] = {}
        for cand in candidates:
            if cand.token.i in absorbed:
                continue
            for event in self.build(cand, sent):
                side = event.source_country or event.source
                other = event.target_country or event.target
                found.setdefault((event.type, side, other), event)
        countries = {(t, s) for (t, s, _), event in found.items() if event.target_country}
        return [
            event
            for (event_type, side, other), event in found.items()
            if event.target_country is not None
            or (other is not None and (event_type, side) not in countries)
            or not any(t == event_type and s == side and o for t, s, o in found)
        ]

    def build(self, cand: Candidate, sent: Span) -> Iterator[Event]:
        token, entry = cand.token, cand.trigger
        location = self.places.location_of(
            token, sent, visit=entry.mode == "visit", aimed=entry.type in AIMED_TYPES
        )
        place = self.places.resolve(location)
        sources: list[Actor | None] = list(cand.sources)
        # "protests against the restrictions in Tehran": people of the place protest
        public = not sources and token.pos_ == "NOUN" and entry.type == "PROTEST"
        public = public and place is not None and place.country is not None
        # "a demonstration that we can build": a proof ("a demonstration of thousands"
        # is one)
        public = public and not any(
            c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" for m in c.children)
            for c in token.children
        )
        if not sources:
            passive = any(c.dep_ == "auxpass" for c in cand.token.children)
            anchored = public or any(t is not None and t.country for t in cand.targets)
            unsaid = public or (
                passive
                or self.arguments.instrument_subject(cand.token)
                or (
                    cand.token.pos_ == "NOUN"
                    and cand.trigger.type in _HARMFUL
                    and self.spoken_of(cand.token)
                )
            )
            if not unsaid or not anchored:
                return  # no actor: a generic statement, not an event
            # "Three soldiers were killed by a roadside bomb", "the attack on the
            # Ugandan embassy": the agent is unsaid, the victim anchors the event
            sources = [None]
        status = cand.status or self.status.status_of(token, entry)
        start, end = self.evidence_bounds(sent, token)
        evidence = TextSpan(start, end, self.text[start:end])
        date, date_source = self.dates.date_of(sent, token, status)
        confidence = round(cand.confidence, 2)
        for source in sources:
            recoding = self.recoded(entry, source, cand, sent)
            if recoding is None:
                continue
            event_type, mode, rule = recoding
            source_country = source.country if source is not None else None
            if source is None:
                rule += "+no-source"
                confidence = round(confidence - 0.2, 2)
                if public and place is not None:
                    source_country = place.country
                    rule += "+place"
            elif source_country is None:
                guess = self.only_country(sent)
                if guess is not None:
                    source_country = guess
                    rule += "+sentence-country"
                elif event_type in _DOMESTIC and place is not None and source.type == "group":
                    # "thousands of protesters marched in London": people of the place
                    source_country = place.country
                    rule += "+place"
            if status == "negated" and self.status.is_refusal(token, event_type):
                # "X would not meet the demands": a refusal, which happened
                event_type, mode, status = "REJECT", None, "occurred"
                rule += "+refusal"
            among = "+among" in cand.rule
            for target in cand.targets:
                if target is source and not among:
                    target = None
                target_country = target.country if target is not None else None
                event_rule = rule  # each target's own: "+place" of one is not another's
                if target is not None and target_country is None:
                    if event_type in _MATERIAL and place is not None:
                        # "killing five people" in a strike on Kyiv: people of Ukraine
                        target_country = place.country
                        event_rule += "+place"
                    else:
                        target_country = self.only_country(sent)
                if target is None and event_type in _DOMESTIC and source_country:
                    # a protest or a crackdown with no named target is aimed at, or
                    # made by, the authorities of the place it happens in, else of the
                    # source's own country
                    target_country = place.country if place else source_country
                    event_rule += "+domestic"
                elif target is None and (event_type in _MATERIAL or mode == "visit"):
                    # an attack or a deployment with no named target: the country of
                    # the place it happens in, when the sentence names one; a visit to
                    # a city is a visit to its country ("a two-day visit to Bonn")
                    target_country = place.country if place else None
                    if target_country is not None:
                        event_rule += "+place"
                if (
                    target is not None
                    and target.country == source_country
                    and source is not None
                    and (source.type == target.type == "country" or mode == "visit")
                    and not among
                ):
                    continue
                if source_country is None and target_country is None and said_by_pronoun(token):
                    continue  # "They support us": talk of unnamed people, no dyad to code
                yield Event(
                    id="",
                    type=event_type,
                    mode=mode,
                    status=status,
                    source=source.id if source is not None else None,
                    target=target.id if target else None,
                    source_country=source_country,
                    target_country=target_country,
                    date=date,
                    location=location,
                    location_country=place.country if place else None,
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    location_precision=place.precision if place else None,
                    intensity=self.kb.intensity(event_type, mode),
                    confidence=confidence,
                    evidence=evidence,
                    rule=event_rule,
                    trigger=TextSpan(token.idx, token.idx + len(token), token.text),
                    date_source=date_source,
                )

    def spoken_of(self, noun: Token) -> bool:
        """Whether a noun of force names the act by itself ("the attack on the embassy
        killed two", "condemned the attack"), not as the object of a verb whose subject
        would do it ("was prepared to impose a curfew")."""
        if noun.dep_ in ("dobj", "obj", "dative"):
            return self.arguments.speaks(noun.head)
        return True

    def only_country(self, sent: Span) -> str | None:
        """The one country a sentence names, if it names exactly one: the best guess
        for a source the text gives no nationality ("Lt. Gen. X resigned to allow
        Haiti's first democratic elections")."""
        found = {actor.country for _, actor in self.document.countries_in(sent)}
        return found.pop() if len(found) == 1 else None

    def recoded(
        self, entry: Trigger, source: Actor | None, cand: Candidate, sent: Span
    ) -> tuple[str, str | None, str] | None:
        """Rules on top of the lexicon. Words of violence between people, with no weapon
        or harm in the sentence, are politics: "Christie attacked Rubio", "fired at
        Trump" are an ACCUSE, "Clinton is beating Trump" no event at all. A protest by a
        state (named as a country or capital) or its officials is diplomatic: a boycott
        is a REJECT, any other protest an ACCUSE; civilians' protests stay PROTEST. An
        action announced with an "unless" condition is a THREATEN ("will withdraw its
        troops unless ..."). None: no event."""
        rule = cand.rule
        if entry.type == "REQUEST" and self.is_question(cand.token):
            return None
        if entry.type == "ASSAULT" and self.between_people(source, cand, sent):
            lemma = cand.token.lemma_.lower()
            if lemma in self.contests:
                return None
            if lemma in self.verbal_attacks:
                return "ACCUSE", "disapprove", rule + "+verbal"
        if cand.conditional and entry.type not in ("THREATEN", "REQUEST"):
            return "THREATEN", None, rule + "+unless"
        if entry.type != "PROTEST" or source is None:
            return entry.type, entry.mode, rule
        state = source.sector in _STATE_SECTORS or (
            source.type == "country"
            and any(
                sent.start_char <= m.start < sent.end_char
                and (self.document.country(m.text) or self.kb.capital(m.text))
                for m in source.mentions
            )
        )
        if not state:
            return entry.type, entry.mode, rule
        if entry.mode == "boycott":
            return "REJECT", None, rule + "+by-state"
        return "ACCUSE", "disapprove", rule + "+by-state"

    def is_question(self, token: Token) -> bool:
        """ "asked whether ...", "when asked", "asked a question": a question, which is
        no request; a request needs something asked for ("asked for help", "asked Y
        to V")."""
        if token.lemma_.lower() not in self.questions:
            return False
        children = list(token.children)
        if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in children):
            return False  # "was asked to withdraw", "asked for help": requests
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
            return True
        if token.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in children):
            return True  # "when asked about ...", "asked by reporters"
        for child in children:
            if child.dep_ in ("ccomp", "advcl", "dobj", "xcomp") and any(
                g.lower_ in ("whether", "if", "why", "how", "what", "who", "when", "where")
                for g in child.subtree
                if g.i < child.i or g.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr")
            ):
                return True
            if child.dep_ == "dobj" and child.lemma_.lower() in ("question", "questions"):
                return True
        return False

    def between_people(self, source: Actor | None, cand: Candidate, sent: Span) -> bool:
        """Whether an action is between named people only, in a sentence with no
        weapon and no harm done."""
        targets = [t for t in cand.targets if t is not None]
        if source is None or source.type != "person" or not targets:
            return False
        if any(t.type != "person" for t in targets):
            return False
        return not any(t.lemma_.lower() in self.physical for t in sent if t.i != cand.token.i)

    def evidence_bounds(self, sent: Span, token: Token) -> tuple[int, int]:
        start = sent.start_char
        end = sent.end_char
        text = self.text
        before = text.rfind("\n\n", start, token.idx)
        if before != -1:
            start = before + 2
        after = text.find("\n\n", token.idx, end)
        if after != -1:
            end = after
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


_PEOPLE_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she"})


def said_by_pronoun(token: Token) -> bool:
    """Whether a trigger's subject is a pronoun for people ("I support it", "They
    supported me"): with no country on either side, a speaker's talk of themselves and
    the people around them, not an event. "It" stands for an organisation as often
    ("the front said it will return the weapons") and is not one of them."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _PEOPLE_PRONOUNS for c in token.children
    )


def is_question(sent: Span) -> bool:
    """Whether a sentence asks rather than tells ("Does the government still endorse the
    plan?"): an interviewer's question reports no event."""
    words = [t for t in sent if not (t.is_space or t.is_quote or t.lower_ in (")", "]"))]
    return bool(words) and words[-1].text == "?"
