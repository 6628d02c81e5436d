"""The PLOVER event coder: triggers from the lexicon, arguments from the parse.

For every sentence, each word that is a trigger in the knowledge base (``triggers.tsv``)
yields at most one event per source and target: the source is the actor who acts (the
subject, the possessor of a nominal event, the agent of a passive, the subject of the
verb that governs a nominal event), the target the object or the prepositional
complement the lexicon names ("sanctions on", "visit to"). Control and failure
constructions change who acts ("X refused to meet Y", "X was unable to get Y to agree").
Status comes from negation, modals, future markers, conditionals and the verbs that
govern the trigger (``status_of``); dates from ``detente.events.dates``; the place from
a locative phrase. Every event keeps its sentence, the rule that fired and a confidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from detente.actors.roles import doc_text
from detente.events.dates import TimeExpression, find_time_expressions
from detente.kb import KnowledgeBase, Trigger
from detente.model import Actor, Coding, Event, Quote
from detente.model import Span as TextSpan

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"dobj", "obj", "dative"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my"})
_OTHER_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we", "us", "our"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "ca", "'d"})
_PLANNED_HEADS = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "intend",
        "prepare",
        "set",
        "aim",
        "decide",
        "arrange",
        "due",
        "slate",
        "announce",
        "agree",
        "promise",
        "pledge",
        "vow",
        "commit",
        "going",
    }
)
_HYPOTHETICAL_HEADS = frozenset(
    {
        "hope",
        "want",
        "seek",
        "try",
        "attempt",
        "wish",
        "consider",
        "urge",
        "ask",
        "call",
        "demand",
        "fear",
        "propose",
        "suggest",
        "push",
        "press",
        "threaten",
        "refuse",
        "decline",
        "fail",
        "unable",
        "able",
        "likely",
        "possible",
        "willing",
        "ready",
        "need",
        "encourage",
        "convince",
        "persuade",
        "get",
        "allow",
        "permit",
        "warn",
        "insist",
        "offer",
        "look",
        "weigh",
        "mull",
        "discuss",
        "explore",
    }
)
_XCOMP_ONLY_HEADS = frozenset({"set", "due", "going", "announce", "agree", "get", "look"})
_NEGATING_HEADS = frozenset({"avoid", "deny", "rule", "stop", "prevent", "without"})
_PLANNED_MODIFIERS = frozenset(
    {"upcoming", "planned", "scheduled", "forthcoming", "next", "future", "expected"}
)
_HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "proposed", "hypothetical"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_FAILURE_HEADS = frozenset({"unable", "fail"})
_CAUSATIVE = frozenset({"get", "persuade", "convince", "push", "press", "force", "pressure"})
_LIGHT_VERBS = frozenset(
    [
        "have",
        "hold",
        "declare",
        "reimpose",
        "extend",
        "make",
        "pay",
        "conduct",
        "launch",
        "impose",
        "levy",
        "take",
        "host",
        "join",
        "attend",
        "carry",
        "stage",
        "begin",
        "start",
        "resume",
        "continue",
        "complete",
        "undertake",
        "mount",
        "wage",
        "issue",
        "file",
        "lodge",
        "level",
        "announce",
        "order",
        "sign",
        "reach",
        "extend",
        "offer",
        "provide",
        "send",
        "give",
        "deliver",
        "approve",
        "introduce",
        "slap",
        "tighten",
        "expand",
        "renew",
        "plan",
        "schedule",
        "arrange",
        "organize",
        "organise",
        "open",
        "set",
        "seek",
        "engage",
        "participate",
        "convene",
        "co-host",
        "lead",
        "grant",
        "deploy",
        "station",
        "perform",
        "observe",
        "enter",
        "conclude",
        "finalize",
        "agree",
        "ramp",
        "step",
        "boost",
        "increase",
        "intensify",
        "escalate",
        "bolster",
        "strengthen",
        "scale",
        "involve",
        "remain",
        "stay",
        "put",
        "place",
        "keep",
    ]
)
"""Verbs whose subject is the actor of the nominal event they govern ("X imposed
sanctions", "X held talks"); "X cheered the trip" says nothing of who travelled."""
_REQUIRED_LINKS = frozenset(
    {"dobj", "prt", "prep", "pobj", "compound", "amod", "xcomp", "agent", "dative", "acomp"}
)
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_NO_COMMENT = frozenset(
    {"comment", "say", "elaborate", "confirm", "disclose", "answer", "speculate", "specify"}
)
_HARMFUL = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
_THREAT_MODES = {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "restrict"}
_INSTRUMENTS = frozenset(
    [
        "bomb",
        "explosion",
        "blast",
        "mine",
        "shell",
        "rocket",
        "missile",
        "device",
        "grenade",
        "fire",
        "gunfire",
        "landmine",
        "minefield",
        "car-bomb",
        "drone",
    ]
)
_CONFLICTUAL = frozenset(
    {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
_CONFLICT_PREPS = ("against", "on", "at")
_COOPERATION_PREPS = ("with", "to", "for")
_TEMPORAL_PREPS = frozenset({"after", "before", "since", "during", "following", "until"})
_MATERIAL = frozenset({"ASSAULT", "MOBILIZE", "AID", "RETREAT", "SANCTION"})
_DOMESTIC = frozenset({"PROTEST", "COERCE", "CONCEDE"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "IGO"})
_LOCATIVE_PREPS = frozenset({"in", "at", "over", "near", "off", "across", "outside", "inside"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DEFAULT_TARGET_PREPS = ("with", "to", "on", "against")


@dataclass(slots=True)
class _Candidate:
    trigger: Trigger
    token: Token
    sources: list[Actor]
    targets: list[Actor | None]
    rule: str
    confidence: float
    status: str | None = None
    conditional: bool = False
    absorbed: list[Token] = field(default_factory=list)


class EventFinder:
    """Codes the events of a parsed article. Build once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(
        self,
        doc: Doc,
        actors: list[Actor],
        quotes: list[Quote] | None = None,
        published: str | None = None,
        skip: list[tuple[int, int]] | None = None,
    ) -> list[Event]:
        return _Run(self.kb, doc, actors, quotes or [], published, skip or []).events()


def _published_date(published: str | None) -> dt.date | None:
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(*parts[:3])
    except ValueError:
        return None


class _Run:
    def __init__(
        self,
        kb: KnowledgeBase,
        doc: Doc,
        actors: list[Actor],
        quotes: list[Quote],
        published: str | None,
        skip: list[tuple[int, int]],
    ) -> None:
        self.kb = kb
        self.doc = doc
        self.text = doc_text(doc)
        self.actors = actors
        self.published = _published_date(published)
        self.skip = skip
        self.quoted = [(q.start, q.end) for q in quotes if q.kind in ("direct", "mixed")]
        self.owner: dict[int, Actor] = {}
        for actor in actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.owner.setdefault(token.i, actor)
        self.times: dict[tuple[int, str], list[TimeExpression]] = {}
        self.sentences = list(doc.sents)
        self.sentence_index = [0] * len(doc)
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_index[i] = number

    # -- the pass over sentences -------------------------------------------------------
    def sentence(self, token: Token) -> Span:
        """The sentence of a token; ``Token.sent`` searches the document every call."""
        return self.sentences[self.sentence_index[token.i]]

    def entity_of(self, token: Token) -> Span | None:
        """The named entity a token is part of; ``Doc.ents`` builds every entity."""
        if not token.ent_type_:
            return None
        sent = self.sentence(token)
        return next((e for e in sent.ents if e.start <= token.i < e.end), None)

    def events(self) -> list[Event]:
        events: list[Event] = []
        for sent in self.sentences:
            events.extend(self.sentence_events(sent))
        for number, event in enumerate(events, start=1):
            event.id = f"e{number}"
        return events

    def sentence_events(self, sent: Span) -> list[Event]:
        """The events of one sentence, once per type and pair of sides: "trade
        restrictions and sanctions on X" is one SANCTION, and an event without a target
        is dropped when the same type and source has one in the sentence."""
        candidates = list(self.candidates(sent))
        absorbed = {t.i for c in candidates for t in c.absorbed}
        triggers = {c.token.i for c in candidates}
        absorbed.update(c.token.i for c in candidates if self.purpose_of(c, triggers))
        found: dict[tuple[str, str | None, str | None], Event] = {}
        for cand in candidates:
            if cand.token.i in absorbed:
                continue
            for event in self.build(cand, sent):
                side = event.source_country or event.source
                other = event.target_country or event.target
                found.setdefault((event.type, side, other), event)
        return [
            event
            for (event_type, side, other), event in found.items()
            if other is not None
            or not any(t == event_type and s == side and o for t, s, o in found)
        ]

    def purpose_of(self, cand: _Candidate, triggers: set[int]) -> bool:
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

    def candidates(self, sent: Span) -> Iterator[_Candidate]:
        kb = self.kb
        for token in sent:
            if token.pos_ not in ("VERB", "NOUN", "ADJ", "AUX"):
                continue
            if self.is_skipped(token.idx):
                continue
            pos = "VERB" if token.pos_ == "AUX" else token.pos_
            entries = kb.triggers(token.lemma_, pos)
            if not entries and pos == "NOUN" and token.tag_ == "NNS":
                entries = kb.triggers(token.text.lower(), pos)
            elif not entries and pos == "VERB":
                # the lemmatiser errs ("staged" -> "stag", "hopes" -> "hop")
                forms = sorted(_word_forms(token) - {token.lemma_.lower()}, key=len)
                entries = next((kb.triggers(f, pos) for f in forms if kb.triggers(f, pos)), [])
            entry = next((e for e in entries if self.satisfied(e, token)), None)
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
            yield from self.arguments(self.threat_of_intent(entry, token), token)

    def threat_of_intent(self, entry: Trigger, token: Token) -> Trigger:
        """A promise or readiness to do harm is a threat: "vowed to fight", "is
        prepared to impose martial law" are THREATEN, not AGREE."""
        if entry.type != "AGREE" or "control" not in entry.flags:
            return entry
        for inner in token.children:
            if inner.dep_ != "xcomp":
                continue
            actions = [(inner, "VERB")]
            if _is_light(inner):
                actions += [(c, "NOUN") for c in inner.children if c.dep_ == "dobj"]
            possible = [
                (harm, word) for word, pos in actions for harm in self.kb.triggers(word.lemma_, pos)
            ]
            for harm, word in possible:
                if harm.type in _HARMFUL and self.satisfied(harm, word):
                    mode = _THREAT_MODES.get(harm.type)
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

    def must_construction(self, token: Token) -> _Candidate | None:
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
            targets = self.actors_in(subject)
            if token.pos_ == "NOUN":
                sources, _ = self.governing_subject(token)
            else:
                sources, _ = self.verb_sources(token)
            if not targets or not sources:
                continue
            trigger = Trigger(
                id="request.must",
                lemma=token.lemma_.lower(),
                pos=token.pos_,
                type="REQUEST",
                mode=None,
                requires=(),
                object="",
                preps=(),
                flags=frozenset({"speech"}),
            )
            return _Candidate(
                trigger=trigger,
                token=token,
                sources=sources,
                targets=list(targets),
                rule="pattern:must",
                confidence=0.65,
                status="occurred",
                absorbed=[t for t in clause.subtree],
            )
        return None

    def is_skipped(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.skip)

    def satisfied(self, entry: Trigger, token: Token) -> bool:
        if not entry.requires:
            return True
        return self.required_child(entry, token) is not None

    def required_child(self, entry: Trigger, token: Token) -> Token | None:
        """The dependent that makes a multi-word entry ("halt talks", "call off",
        "provide tons of aid"): within three steps down object, particle and
        preposition links."""
        frontier = [token]
        for _ in range(3):
            deeper: list[Token] = []
            for node in frontier:
                for child in node.children:
                    if child.dep_ not in _REQUIRED_LINKS:
                        continue
                    if child.lemma_.lower() in entry.requires or child.lower_ in entry.requires:
                        return child
                    deeper.append(child)
            frontier = deeper
        return None

    # -- arguments ---------------------------------------------------------------------
    def arguments(self, entry: Trigger, token: Token) -> Iterator[_Candidate]:
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "xcomp", "amod"):
            head = token.head
            sources, how = self.verb_sources(head) if head.pos_ in ("VERB", "AUX") else ([], "")
            targets = self.prep_targets(token, entry.preps)
        elif entry.pos == "VERB" or token.pos_ == "VERB":
            sources, how = self.verb_sources(token)
            targets = self.verb_targets(entry, token)
        else:
            sources, how = self.noun_sources(token, entry)
            targets = self.noun_targets(entry, token)
        absorbed: list[Token] = []
        required = self.required_child(entry, token) if entry.requires else None
        if required is not None:
            absorbed.append(required)
            if not targets:
                targets = self.prep_targets(required, entry.preps or _DEFAULT_TARGET_PREPS)
        if "control" in entry.flags:
            if entry.type == "REJECT" and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in _NO_COMMENT for c in token.children
            ):
                return  # "declined to comment" is no refusal of anything
            governed = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "acl", "advcl")]
            absorbed.extend(governed)
            for inner in governed:
                if not targets:
                    targets = self.embedded_targets(inner)
        if any(t in sources for t in targets):
            # "Syria offered its troops to Lebanon": the source's own things are no target
            targets = [t for t in targets if t not in sources]
            if not targets:
                targets = [t for t in self.prep_targets(token, entry.preps) if t not in sources]
        if "reciprocal" in entry.flags and len(sources) >= 2 and not targets:
            targets = [sources[1]]
            sources = sources[:1]
        if not targets and token.pos_ == "VERB":
            # "opened fire to disperse demonstrators": the purpose's object
            for clause in token.children:
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
                if clause.dep_ in ("advcl", "xcomp") and infinitive:
                    for obj in clause.children:
                        if obj.dep_ in _OBJECTS:
                            targets.extend(t for t in self.actors_in(obj) if t not in sources)
        confidence = 0.55 + (0.15 if how in ("subject", "possessor", "agent") else 0.05)
        rule = f"lexicon:{entry.id}"
        quoted = self.in_quote(token.idx)
        if targets:
            confidence += 0.1
        elif sources and not quoted:
            counterpart = self.counterpart(token, sources[0])
            if counterpart is not None:
                targets = [counterpart]
                rule += "+counterpart"
        if quoted and (how == "pronoun" or not targets):
            # inside a quotation, "we" and "they" and actions without a named target
            # are the speaker's commentary, not reports of events
            return
        yield _Candidate(
            trigger=entry,
            token=token,
            sources=sources,
            targets=targets or [None],
            rule=rule,
            confidence=confidence - (0.15 if quoted else 0.0),
            absorbed=absorbed,
            conditional=self.has_unless(token),
        )

    def instrument_subject(self, verb: Token) -> bool:
        """ "A roadside bombing killed two soldiers": the subject is an event or a
        weapon, not an actor; the perpetrator is unsaid."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i in self.owner:
            return False
        lemma = subject.lemma_.lower()
        return lemma in _INSTRUMENTS or bool(self.kb.triggers(lemma, "NOUN"))

    def has_unless(self, token: Token) -> bool:
        """Whether the trigger's clause carries an "unless" condition."""
        node = token
        for _ in range(3):
            for child in node.children:
                if child.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ == "unless" for g in child.children
                ):
                    return True
            if node.dep_ not in ("xcomp", "dobj", "conj") or node.head is node:
                break
            node = node.head
        return False

    def in_quote(self, at: int) -> bool:
        return any(start <= at < end for start, end in self.quoted)

    def counterpart(self, token: Token, source: Actor) -> Actor | None:
        """The other side of an action whose sentence names no target syntactically:
        the country named nearest the trigger in its sentence, other than the source's
        ("a joint working group ... U.S.-China relations")."""
        sent = self.sentence(token)
        best: tuple[int, Actor] | None = None
        for start, actor in self.countries_in(sent):
            if actor.country == source.country:
                continue
            before = self.text[max(sent.start_char, start - 7) : start]
            if before.lower().strip() == "ethnic":
                continue  # "ethnic Albanians" name no Albanian state
            distance = abs(start - token.idx)
            if best is None or distance < best[0]:
                best = (distance, actor)
        return best[1] if best else None

    def countries_in(self, sent: Span) -> list[tuple[int, Actor]]:
        """The mentions of country actors in a sentence, as (start, actor)."""
        return [
            (mention.start, actor)
            for actor in self.actors
            if actor.type == "country"
            for mention in actor.mentions
            if sent.start_char <= mention.start < sent.end_char
        ]

    def verb_sources(self, verb: Token) -> tuple[list[Actor], str]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    found = self.actors_of_objects(child)
                    if found:
                        return found, "agent"
            return [], "none"
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                found = self.actors_in(child)
                if found:
                    return found, "pronoun" if child.pos_ == "PRON" else "subject"
                return [], "none"
        for child in verb.lefts:
            if child.dep_ in ("compound", "nmod") and child.pos_ in ("NOUN", "PROPN"):
                found = self.actors_in(child)
                if found:
                    return found, "subject"
        return self.inherited_subject(verb)

    def inherited_subject(self, verb: Token) -> tuple[list[Actor], str]:
        """The subject of a verb with none of its own: the subject of the verb it
        completes ("X agreed to visit"), of the clause it joins ("X met Y and signed"),
        or the noun a participle modifies ("a jet buzzing a plane")."""
        node = verb
        for _ in range(7):
            dep, head = node.dep_, node.head
            if head is node:
                break
            if dep in ("acl",) and head.pos_ in ("NOUN", "PROPN", "PRON"):
                found = self.actors_in(head)
                if found:
                    return found, "subject"
                # "issued a declaration demanding ...": the issuer demands
                return self.governing_subject(head)
            if dep not in ("xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "relcl", "acl"):
                break
            if dep == "relcl":
                found = self.actors_in(head)
                return (found, "subject") if found else ([], "none")
            came_through = node
            node = head
            if node.pos_ in ("VERB", "AUX", "ADJ") or any(c.dep_ == "nsubj" for c in node.children):
                accused = dep == "prep" and came_through.lower_ in ("of", "for")
                if any(c.dep_ == "dobj" for c in node.children) and (dep == "xcomp" or accused):
                    # "X urged Y to V", "X accused Y of V-ing": Y does V
                    obj = next(c for c in node.children if c.dep_ == "dobj")
                    found = self.actors_in(obj)
                    if found:
                        return found, "object-control"
                for child in node.children:
                    if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and dep == "xcomp"):
                        found = self.actors_in(child)
                        if found:
                            return found, "pronoun" if child.pos_ == "PRON" else "inherited"
        return [], "none"

    def verb_targets(self, entry: Trigger, verb: Token) -> list[Actor | None]:
        targets: list[Actor | None] = []
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for child in verb.children:
            is_object = child.dep_ in _OBJECTS or (passive and child.dep_ == "nsubjpass")
            if is_object and entry.object == "target":
                targets.extend(self.actors_in(child))
        if not targets:
            targets.extend(self.prep_targets(verb, entry.preps))
        if not targets and entry.object == "theme":
            for child in verb.children:
                if child.dep_ in _OBJECTS:
                    targets.extend(self.prep_targets(child, entry.preps or ("to", "for")))
        if not targets:
            # "threatened further action against Russia": the object's own target
            preps = _CONFLICT_PREPS if entry.type in _CONFLICTUAL else _COOPERATION_PREPS
            for child in verb.children:
                if child.dep_ in _OBJECTS:
                    targets.extend(t for t in self.prep_targets(child, preps) if t is not None)
        if not targets and entry.object == "theme":
            # "demanded the withdrawal of Serbian forces", "a U.N. presence": the
            # side the demanded thing belongs to
            for child in verb.children:
                if child.dep_ in _OBJECTS and child.i not in self.owner:
                    found = self.modifier_actor(child)
                    if found is not None:
                        targets.append(found)
        return targets

    def noun_sources(self, noun: Token, entry: Trigger) -> tuple[list[Actor], str]:
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.actors_in(child)
                if found:
                    return found, "possessor"
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                found = self.actors_of_objects(child)
                if found:
                    return found, "agent"
        for child in noun.lefts:
            if entry.type == "CONSULT":
                break  # "an APEC summit", "a U.S.-China meeting" name no host
            if child.dep_ in ("amod", "compound", "nmod"):
                found = self.actors_in(child, deep=False)
                if found:
                    return found, "modifier"
        return self.governing_subject(noun)

    def governing_subject(self, noun: Token) -> tuple[list[Actor], str]:
        """The actor of a nominal event: the subject of the light verb it is the object
        of ("X imposed sanctions", "X held talks", "X attends a meeting with Y", "X will
        provide tons of aid")."""
        node = noun
        for _ in range(4):
            while node.dep_ in ("conj", "compound") and node.head is not node:
                node = node.head  # "a mediation effort": the effort's verb
            head = node.head
            if node.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
                node, head = head, head.head
            elif node.dep_ not in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
                return [], "none"
            if head.pos_ in ("VERB", "AUX"):
                if not _is_light(head):
                    return [], "none"
                found = self.verb_sources(head)
                if not found[0] and node.dep_ == "prep":
                    # "Serb forces were engaged in ethnic cleansing"
                    subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                    if subject is not None and self.actors_in(subject):
                        return self.actors_in(subject), "subject"
                return found
            if node.dep_ == "dobj":
                return self.nearest_subject_before(noun)
            if head.pos_ not in ("NOUN", "PROPN", "NUM"):
                return [], "none"
            node = head
        return [], "none"

    def nearest_subject_before(self, token: Token) -> tuple[list[Actor], str]:
        """When the parse has lost the verb of an object ("levies" taken for a noun),
        the subject nearest before it in the sentence."""
        sent = self.sentence(token)
        for candidate in reversed(list(sent[: token.i - sent.start])):
            if candidate.dep_ in ("nsubj", "nsubjpass"):
                found = self.actors_in(candidate)
                if found:
                    return found, "nearest-subject"
        return [], "none"

    def noun_targets(self, entry: Trigger, noun: Token) -> list[Actor | None]:
        targets: list[Actor | None] = list(self.prep_targets(noun, entry.preps))
        conjoined = [c for c in noun.children if c.dep_ == "conj"]
        if noun.dep_ == "conj":
            conjoined.insert(0, noun.head)
        for other in conjoined:
            if not targets:
                targets = list(self.prep_targets(other, entry.preps))
        head = noun.head
        if not targets and noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "ADP"):
            verb = head.head if head.pos_ == "ADP" else head
            if verb.pos_ in ("VERB", "AUX"):
                targets = [t for t in self.prep_targets(verb, entry.preps) if t is not None]
        if not targets:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "between":
                    found = self.actors_of_objects(child)
                    if len(found) >= 2:
                        return list(found)
        return targets

    def prep_targets(self, head: Token, preps: tuple[str, ...]) -> list[Actor | None]:
        found: list[Actor | None] = []
        for child in head.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in preps:
                found.extend(self.actors_of_objects(child, place_is_government=True))
        return found

    def embedded_targets(self, verb: Token) -> list[Actor | None]:
        """The target of the action a control verb governs ("refused to meet Y"), or
        the subject of a clause a demand is about ("demanded that Y withdraw")."""
        if verb.dep_ == "ccomp":
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    found = self.actors_in(child)
                    if found:
                        return list(found)
        for entry in self.kb.triggers(verb.lemma_, "VERB"):
            if self.satisfied(entry, verb):
                return self.verb_targets(entry, verb)
        found: list[Actor | None] = []
        for child in verb.children:
            if child.dep_ in _OBJECTS:
                found.extend(self.actors_in(child))
                for inner in child.children:
                    if inner.dep_ == "prep" and inner.lower_ in _DEFAULT_TARGET_PREPS:
                        found.extend(self.actors_of_objects(inner, place_is_government=True))
        return found

    def failure_construction(self, token: Token) -> _Candidate | None:
        """ "X was unable to get Y to agree to Z" / "X failed to persuade Y to V":
        a REJECT by Y of X."""
        if token.lemma_.lower() not in _FAILURE_HEADS:
            return None
        for xcomp in token.children:
            if xcomp.dep_ != "xcomp" or xcomp.lemma_.lower() not in _CAUSATIVE:
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
            refusers = self.actors_in(persuaded)
            if token.pos_ == "ADJ":
                subject_verb = token.head if token.dep_ in ("acomp", "xcomp") else token
            else:
                subject_verb = token
            askers, _ = self.verb_sources(subject_verb)
            if not refusers or not askers:
                continue
            trigger = Trigger(
                id="reject.failed-to-get",
                lemma=token.lemma_.lower(),
                pos=token.pos_,
                type="REJECT",
                mode=None,
                requires=(),
                object="",
                preps=(),
                flags=frozenset(),
            )
            absorbed = [t for t in xcomp.subtree if t.i != xcomp.i]
            return _Candidate(
                trigger=trigger,
                token=token,
                sources=refusers,
                targets=list(askers),
                rule="pattern:failed-to-get",
                confidence=0.7,
                status="occurred",
                absorbed=absorbed,
            )
        return None

    # -- actors ------------------------------------------------------------------------
    def actors_of_objects(self, prep: Token, place_is_government: bool = False) -> list[Actor]:
        found: list[Actor] = []
        for child in prep.children:
            if child.dep_ in ("pobj", "pcomp", "dobj"):
                found.extend(self.actors_in(child, place_is_government=place_is_government))
        return found

    def actors_in(
        self, token: Token, *, deep: bool = True, place_is_government: bool = True
    ) -> list[Actor]:
        """The actors a noun phrase names: its head, or else a nationality or actor
        among its modifiers ("a U.S. surveillance plane"); conjuncts each count."""
        found: list[Actor] = []
        for head in [token, *self.conjuncts(token)]:
            actor = self.actor_of(head, place_is_government)
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
                other = self.owner.get(child.i)
                if other is not None and other is not actor and other.country:
                    self.set_country(actor, other.country, "phrase-modifier", child)
                    return
                nationality = self.kb.nationality(child.text)
                if nationality is not None and not _ethnic(head):
                    self.set_country(actor, nationality.iso3, "phrase-nationality", child)
                    return
        for child in head.rights:
            if child.dep_ == "appos":
                # "Salaheddine Sidhoum, Algeria's leading activist"
                for mark in child.lefts:
                    other = self.owner.get(mark.i)
                    if mark.dep_ in ("poss", "amod", "compound") and other and other.country:
                        self.set_country(actor, other.country, "phrase-apposition", mark)
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
                iso3 = self.place_country(place)
                if iso3:
                    self.set_country(actor, iso3, "phrase-place", place)
                    return

    def location_country(self, location: str | None) -> str | None:
        if not location:
            return None
        country = self.kb.country(location) or self.kb.capital(location)
        return country.iso3 if country else None

    def place_country(self, place: Token) -> str | None:
        """The country of a named place: the whole name ("Northern Ireland" is not
        Ireland), a country, a capital, or a country actor the text made of it."""
        ent = self.entity_of(place)
        name = _strip_article(ent.text) if ent is not None else place.text
        country = self.kb.country(name) or self.kb.capital(name)
        if country is not None:
            return country.iso3
        owned = self.owner.get(place.i)
        if owned is not None and owned.type == "country" and (ent is None or len(ent) == 1):
            return owned.country
        return None

    def set_country(self, actor: Actor, iso3: str, rule: str, token: Token) -> None:
        actor.country = iso3
        span = TextSpan(token.idx, token.idx + len(token), token.text)
        actor.coding["country"] = Coding(f"event-{rule}", span)

    def conjuncts(self, token: Token) -> list[Token]:
        out: list[Token] = []
        for child in token.children:
            if child.dep_ == "conj":
                out.append(child)
                out.extend(self.conjuncts(child))
        return out

    def actor_of(self, token: Token, place_is_government: bool = True) -> Actor | None:
        owned = self.owner.get(token.i)
        if owned is not None and owned.type == "country" and _ethnic(token):
            return None  # "ethnic Albanians in Serbia" are no Albanian state
        if owned is not None:
            return owned
        lower = token.lower_
        if lower in _PERSON_PRONOUNS or lower in _OTHER_PRONOUNS:
            return self.antecedent(token)
        if lower in _RELATIVE and token.head.dep_ == "relcl":
            return self.actor_of(token.head.head, place_is_government)
        if token.tag_ in ("NNPS", "NNS") and token.text[:1].isupper():
            people = self.kb.demonym(token.text)
            if people is not None and not _ethnic(token):
                return self.country_actor(people.iso3, token)
        if place_is_government and token.ent_type_ == "GPE":
            country = self.kb.capital(token.text) or self.kb.country(token.text)
            if country is not None:
                return self.country_actor(country.iso3, token)
        return None

    def modifier_actor(self, head: Token, depth: int = 0) -> Actor | None:
        """An actor named inside a phrase whose head is none: a nationality or actor
        modifying it ("a U.S. plane"), or the object of "of", "by" or "from" ("thousands
        of Iraqi Kurds", "a plan by Egypt")."""
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
                    return self.country_actor(country.iso3, child)
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
        span = TextSpan(head.idx, head.idx + len(head), head.text)
        for actor in self.actors:
            if actor.type == "group" and actor.name == name and actor.country == country.country:
                return actor
        group = Actor(id=f"a{len(self.actors) + 1}", type="group", name=name, mentions=[span])
        self.actors.append(group)
        self.owner.setdefault(head.i, group)
        if country.country:
            self.set_country(group, country.country, "phrase-place", head)
        return group

    def country_actor(self, iso3: str, token: Token) -> Actor:
        """The country actor for a code, made when the text names it only as a place or
        a nationality word ("trips to Beijing", "a Chinese jet")."""
        span = TextSpan(token.idx, token.idx + len(token), token.text)
        for actor in self.actors:
            if actor.type == "country" and actor.country == iso3:
                return actor
        country = self.kb.by_iso3.get(iso3)
        actor = Actor(
            id=f"a{len(self.actors) + 1}",
            type="country",
            name=country.name if country else iso3,
            country=iso3,
            mentions=[span],
        )
        self.actors.append(actor)
        self.owner.setdefault(token.i, actor)
        return actor

    def antecedent(self, pronoun: Token) -> Actor | None:
        """What a pronoun names: a person for he and she, else a country, organisation
        or group; the subject of the sentence (or of the one before) first, then the
        nearest mention before it."""
        personal = pronoun.lower_ in _PERSON_PRONOUNS
        wanted = ("person",) if personal else ("country", "organization", "group")
        sent = self.sentence(pronoun)
        candidates: list[tuple[int, int, Actor]] = []
        previous = self.sentence(self.doc[sent.start - 1]) if sent.start > 0 else None
        for scope, weight in ((sent, 2), (previous, 1)):
            if scope is None:
                continue
            for token in scope:
                if token.i >= pronoun.i:
                    break
                actor = self.owner.get(token.i)
                if actor is None or actor.type not in wanted:
                    continue
                subjectish = token.dep_ in _SUBJECTS or (
                    token.dep_ == "poss" and token.head.dep_ in _SUBJECTS
                )
                candidates.append((weight * 2 + (2 if subjectish else 0), token.i, actor))
        if candidates:
            return max(candidates, key=lambda c: (c[0], c[1]))[2]
        return None

    # -- building the record -----------------------------------------------------------
    def build(self, cand: _Candidate, sent: Span) -> Iterator[Event]:
        sources: list[Actor | None] = list(cand.sources)
        if not sources:
            passive = any(c.dep_ == "auxpass" for c in cand.token.children)
            anchored = any(t is not None and t.country for t in cand.targets)
            if not (passive or self.instrument_subject(cand.token)) or not anchored:
                return  # no actor: a generic statement, not an event
            # "Three soldiers were killed by a roadside bomb": the agent is unsaid, the
            # victim anchors the event
            sources = [None]
        token, entry = cand.token, cand.trigger
        status = cand.status or self.status_of(token, entry)
        start, end = self.evidence_bounds(sent, token)
        evidence = TextSpan(start, end, self.text[start:end])
        date = self.date_of(sent, token, status)
        location = self.location_of(token, sent, visit=entry.mode == "visit")
        confidence = round(cand.confidence, 2)
        for source in sources:
            event_type, mode, rule = self.recoded(entry, source, cand, sent)
            source_country = source.country if source is not None else None
            if source is None:
                rule += "+no-source"
                confidence = round(confidence - 0.2, 2)
            elif source_country is None:
                guess = self.only_country(sent)
                if guess is not None:
                    source_country = guess
                    rule += "+sentence-country"
            if status == "negated" and self.is_refusal(token, event_type):
                # "X would not meet the demands": a refusal, which happened
                event_type, mode, status = "REJECT", None, "occurred"
                rule += "+refusal"
            for target in cand.targets:
                if target is source:
                    target = None
                target_country = target.country if target is not None else None
                if target is not None and target_country is None:
                    target_country = self.only_country(sent)
                if target is None and event_type in _DOMESTIC and source_country:
                    # a protest or a crackdown with no named target is aimed at, or
                    # made by, the authorities of the place it happens in, else of the
                    # source's own country
                    target_country = self.location_country(location) or source_country
                    rule += "+domestic"
                elif target is None and event_type in _MATERIAL:
                    # an attack or a deployment with no named target: the country of
                    # the place it happens in, when the sentence names one
                    target_country = self.location_country(location)
                    if target_country is not None:
                        rule += "+place"
                if (
                    target is not None
                    and target.country == source_country
                    and source is not None
                    and (source.type == target.type == "country" or mode == "visit")
                ):
                    continue
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
                    intensity=self.kb.intensity(event_type, mode),
                    confidence=confidence,
                    evidence=evidence,
                    rule=rule,
                    trigger=TextSpan(token.idx, token.idx + len(token), token.text),
                )

    def is_refusal(self, token: Token, event_type: str) -> bool:
        """ "will not", "would not", "won't" before a cooperative action: a refusal."""
        if event_type not in _COOPERATIVE:
            return False
        node = token if token.pos_ in ("VERB", "AUX") else token.head
        auxiliaries = {c.lower_ for c in node.children if c.dep_ == "aux"}
        negated = any(c.dep_ == "neg" for c in node.children)
        return negated and bool(auxiliaries & {"will", "would", "wo", "shall", "can", "ca"})

    def only_country(self, sent: Span) -> str | None:
        """The one country a sentence names, if it names exactly one: the best guess
        for a source the text gives no nationality ("Lt. Gen. X resigned to allow
        Haiti's first democratic elections")."""
        found = {actor.country for _, actor in self.countries_in(sent)}
        return found.pop() if len(found) == 1 else None

    def recoded(
        self, entry: Trigger, source: Actor | None, cand: _Candidate, sent: Span
    ) -> tuple[str, str | None, str]:
        """Two rules on top of the lexicon. A protest by a state (named as a country or
        capital) or its officials is diplomatic: a boycott is a REJECT, any other protest
        an ACCUSE; civilians' protests stay PROTEST. An action announced with an
        "unless" condition is a THREATEN ("will withdraw its troops unless ...")."""
        rule = cand.rule
        if cand.conditional and entry.type not in ("THREATEN", "REQUEST"):
            return "THREATEN", None, rule + "+unless"
        if entry.type != "PROTEST" or source is None:
            return entry.type, entry.mode, rule
        state = source.sector in _STATE_SECTORS or (
            source.type == "country"
            and any(
                sent.start_char <= m.start < sent.end_char
                and (self.kb.country(m.text) or self.kb.capital(m.text))
                for m in source.mentions
            )
        )
        if not state:
            return entry.type, entry.mode, rule
        if entry.mode == "boycott":
            return "REJECT", None, rule + "+by-state"
        return "ACCUSE", "disapprove", rule + "+by-state"

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

    def status_of(self, token: Token, entry: Trigger) -> str:
        """occurred, planned, hypothetical or negated: the trigger's own markers, then
        those of the verbs it completes or is the object of, nearest first. A nominal
        event inherits from its light verb ("did not hold talks") but not from a verb
        that only comments on it ("the trip will have staying power")."""
        node = token
        for _ in range(8):
            found = self.markers(node, token, entry)
            if found is not None:
                return found
            dep, head = node.dep_, node.head
            if head is node:
                break
            lemma = head.lemma_.lower()
            if node.pos_ in ("NOUN", "PROPN"):
                attached = dep == "pobj" and head.dep_ == "prep"
                if attached and head.lower_ in _TEMPORAL_PREPS:
                    break  # "after a visit to Taiwan": a background event of its own
                if attached:
                    head = head.head
                    lemma = head.lemma_.lower()
                elif dep not in ("dobj", "nsubjpass", "attr", "oprd", "conj"):
                    break
                if dep != "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
                    verdict = self.governed_status(head, via_object=True)
                    if verdict is not None:
                        return verdict
                    if not attached and not _is_light(head):
                        break
            elif dep == "ccomp":
                if lemma in ("hope", "fear", "expect", "want", "wish"):
                    return "planned" if lemma == "expect" else "hypothetical"
                break
            elif dep == "xcomp":
                verdict = self.governed_status(head, via_object=False)
                if verdict is not None:
                    return verdict
            elif dep != "conj":
                break
            node = head
        return "occurred"

    def governed_status(self, head: Token, *, via_object: bool) -> str | None:
        """The status a governing verb gives: "plan to visit", "plan a visit", "hope
        for talks"; "set up a group" and "announced sanctions" are no plans."""
        forms = _word_forms(head)
        if forms & _NEGATING_HEADS:
            return "negated"
        if via_object and forms & _XCOMP_ONLY_HEADS:
            return None
        if forms & _PLANNED_HEADS:
            return "planned"
        if forms & _HYPOTHETICAL_HEADS:
            return "hypothetical"
        return None

    def markers(self, node: Token, trigger: Token, entry: Trigger) -> str | None:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in node.children):
            return "occurred" if entry.type == "REJECT" and node is trigger else "negated"
        for child in node.children:
            lower = child.lower_
            if child.dep_ == "aux" and lower in _FUTURE_AUX:
                return "planned"
            if child.dep_ == "aux" and lower in ("would", "'d") and self.reported_future(node):
                return "planned"
            if child.dep_ == "aux" and lower in _MODAL_AUX:
                return "hypothetical"
            if child.dep_ == "mark" and lower in _CONDITIONAL_MARKS:
                return "hypothetical"
            if child.dep_ in ("amod", "compound") and node.pos_ == "NOUN":
                if lower in _PLANNED_MODIFIERS:
                    return "planned"
                if lower in _HYPOTHETICAL_MODIFIERS:
                    return "hypothetical"
        if node.dep_ == "xcomp" and node.head.lemma_.lower() == "go" and node.head.tag_ == "VBG":
            return "planned"
        return None

    def reported_future(self, clause: Token) -> bool:
        """ "X said it would withdraw": the reported "will" of a speech verb, not a
        condition (unless an "if" or "unless" clause makes it one)."""
        if clause.dep_ != "ccomp" or self.kb.cue(clause.head.lemma_, "verb") is None:
            return False
        return not any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL_MARKS for m in c.children)
            for c in clause.children
        )

    def date_of(self, sent: Span, token: Token, status: str) -> str | None:
        # a bare month is read forward for an event still to come, backward otherwise
        hint = "future" if status in ("planned", "hypothetical") else "past"
        expressions = self.times.get((sent.start, hint))
        if expressions is None:
            expressions = find_time_expressions(sent.text, self.published, tense_hint=hint)
            self.times[(sent.start, hint)] = expressions
        if not expressions:
            return None
        offset = token.idx - sent.start_char
        best = min(
            expressions,
            key=lambda e: min(abs(e.start - offset), abs(e.end - offset)),
        )
        return best.value

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
                name = _strip_article(ent.text)
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


def _ethnic(head: Token) -> bool:
    """ "ethnic Albanians", "ethnic Serb civilians": a people, not a state's citizens."""
    return any(t.lower_ == "ethnic" for t in head.lefts)


def _is_light(verb: Token) -> bool:
    return bool(_word_forms(verb) & _LIGHT_VERBS)


def _word_forms(token: Token) -> set[str]:
    """The lemma and plain inflection-stripped forms of a word: the lemmatiser makes
    "hopes" into "hop", so the text's own forms are checked too."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for suffix in ("s", "es", "d", "ed", "ing"):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.add(lower[: -len(suffix)])
    if lower.endswith("ing") and len(lower) > 5:
        forms.add(lower[:-3] + "e")  # "staging" -> "stage"
    return forms


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text).strip()
