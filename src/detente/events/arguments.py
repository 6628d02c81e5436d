"""The sides of an event: its source (the subject, the possessor of a nominal event,
the agent of a passive, the subject of the verb that governs a nominal event) and its
target (the object, or the prepositional complement the lexicon names: "sanctions on",
"visit to"). Control and failure constructions change who acts ("X refused to meet
Y"); a counterpart named in the sentence stands in for a target the syntax lacks."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from detente.document import Document
from detente.events.lexicon import Candidate, is_light, required_child, satisfied
from detente.events.phrases import PhraseActors
from detente.kb import KnowledgeBase, Trigger
from detente.kb.ontology import types_where
from detente.model import Actor

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"dobj", "obj", "dative"})
_FIRST_PERSON = frozenset({"i", "we"})
_CONFLICTUAL = types_where(direction="conflict")
_CONFLICT_PREPS = ("against", "on", "at")
_COOPERATION_PREPS = ("with", "to", "for")
_DEFAULT_TARGET_PREPS = ("with", "to", "on", "against")
_TOPIC_VERBS = frozenset({"discuss", "review", "examine", "debate", "address"})
"""Verbs of talks whose object is what is talked about ("discussed Russia's war"), not a
party ("negotiated the Iran deal" was negotiated with Iran)."""
_HARMFUL = types_where(harmful=True)
_CONFLICT = types_where(direction="conflict")
_INWARD = types_where(untargeted="domestic")
_JOINT_TYPES = frozenset({"AGREE", "COOPERATE"})
"""Types two coordinated subjects do together, with no other side: "The United States
and Canada committed to ..." is an agreement between them."""


class Arguments:
    """Reads the sources and targets of one article's event triggers."""

    def __init__(
        self,
        kb: KnowledgeBase,
        document: Document,
        phrases: PhraseActors,
        quoted: list[tuple[int, int]],
    ) -> None:
        self.kb = kb
        self.document = document
        self.text = document.text
        self.phrases = phrases
        self.quoted = quoted
        self.light = kb.governors("light")
        self.no_comment = kb.governors("no-comment")
        self.anonymity = kb.governors("anonymity")
        self.instruments = kb.governors("instrument")

    def arguments(self, entry: Trigger, token: Token) -> Iterator[Candidate]:
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
        if not sources and "reciprocal" in entry.flags and self.in_headline(token):
            # "Meeting with permanent members of the Security Council": the home's
            sources, how = self.principal(), "home"
        absorbed: list[Token] = []
        required = required_child(entry, token) if entry.requires else None
        if required is not None:
            absorbed.append(required)
            if not targets:
                targets = self.prep_targets(required, entry.preps or _DEFAULT_TARGET_PREPS)
        if entry.type == "REQUEST" and token.pos_ == "VERB":
            # "instructed X to fly and organise the investigation": what is asked for is
            # the request's content (its PLOVER mode), no event of its own
            for clause in token.children:
                if clause.dep_ in ("xcomp", "ccomp"):
                    absorbed.extend(clause.subtree)
        if entry.type == "COOPERATE" and token.pos_ == "VERB":
            # "will work together to fight malaria", "will coordinate to defend our
            # airspace": the purpose is what they cooperate on
            for clause in token.children:
                if clause.dep_ in ("advcl", "xcomp") and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
                ):
                    absorbed.extend(clause.subtree)
        if entry.type == "REQUEST" and any(
            c.dep_ == "xcomp"
            and c.lemma_.lower() in self.anonymity
            and any(g.dep_ == "auxpass" for g in c.children)
            for c in token.children
        ):
            return  # "who asked not to be named" asks for no action of anyone
        if "control" in entry.flags:
            if entry.type == "REJECT" and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in self.no_comment for c in token.children
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
        if "reciprocal" in entry.flags and not targets and self.they_subject(token):
            # a readout's "They discussed ...": the two sides the article set up
            sides = self.document.sides_named(token)
            if sides is not None:
                sources, how = sides, "subject"
        if "joint-subject" in entry.flags and (
            len(sources) < 2 or how == "pronoun" or self.they_subject(token)
        ):
            # "Kenya and Uganda will work to ..." is joint work; "Kenya will work" none,
            # and "they all work" is no one named
            return
        among = (
            "reciprocal" in entry.flags
            and not targets
            and len(sources) == 1
            and self.members_subject(token)
        )
        if among:
            # "NATO ambassadors met in emergency session": the members among themselves
            targets = list(sources)
        joint = entry.type in _JOINT_TYPES and len(sources) == 2
        if (("reciprocal" in entry.flags and len(sources) >= 2) or joint) and not targets:
            # "X and Y met", "The two countries committed to ...": between the two
            targets = [sources[1]]
            sources = sources[:1]
        if "hosted" in entry.flags and sources and any(t is not None for t in targets):
            # "X hosted Y", "X welcomed Y": the visitor is the source (plover.md)
            sources, targets = [t for t in targets if t is not None], sources
            how = "object"
        if not targets and token.pos_ == "VERB":
            # "opened fire to disperse demonstrators": the purpose's object
            for clause in token.children:
                infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
                if clause.dep_ in ("advcl", "xcomp") and infinitive:
                    for obj in clause.children:
                        if obj.dep_ in _OBJECTS:
                            targets.extend(
                                t for t in self.phrases.actors_in(obj) if t not in sources
                            )
        confidence = 0.55 + (0.15 if how in ("subject", "possessor", "agent") else 0.05)
        rule = f"lexicon:{entry.id}" + ("+among" if among else "")
        quoted = self.in_quote(token.idx)
        if targets:
            confidence += 0.1
        elif sources and not quoted:
            counterpart = self.counterpart(
                token,
                sources,
                topical=entry.type == "CONSULT",
                adversaries=entry.type not in _CONFLICT,
            )
            if counterpart is not None:
                targets = [counterpart]
                rule += "+counterpart"
        if quoted and (how == "pronoun" or not targets):
            # inside a quotation, "we" and "they" and actions without a named target
            # are the speaker's commentary, not reports of events
            return
        if how == "pronoun" and not targets and self.first_person_subject(token):
            # "I want to thank you", "we asked": a speaker's words about themselves
            # with no named other side are commentary, in quotation marks or in a
            # transcript's turn
            return
        yield Candidate(
            trigger=entry,
            token=token,
            sources=sources,
            targets=targets or [None],
            rule=rule,
            confidence=confidence - (0.15 if quoted else 0.0),
            absorbed=absorbed,
            conditional=self.has_unless(token),
        )

    def they_subject(self, token: Token) -> bool:
        """Whether the trigger's own subject is "they"."""
        return any(c.dep_ in _SUBJECTS and c.lower_ == "they" for c in token.children)

    def in_headline(self, token: Token) -> bool:
        """Whether a word stands in the article's headline: a first sentence that is
        the whole first line ("Meeting with permanent members of the Security Council")."""
        first = self.document.sentences[0]
        line_end = self.text.find("\n")
        return (
            first.start <= token.i < first.end
            and line_end != -1
            and not self.text[first.end_char : line_end].strip()
            and bool(self.text[line_end:].strip())
        )

    def principal(self) -> list[Actor]:
        """Whose meeting a headline with no subject reports: the article's home country
        ("Meeting with ..." on a page about Russia is Russia's), as its first-named
        country, else its first-named person or body of that country. None without a
        home."""
        if self.document.home is None:
            return []
        iso3 = self.document.home[0]
        own = [a for a in self.document.actors if a.country == iso3 and a.mentions]
        own.sort(key=lambda a: (a.type != "country", a.type != "person", a.mentions[0].start))
        return own[:1]

    def members_subject(self, verb: Token) -> bool:
        """Whether a verb's own subject is a plural of people of one body, nothing
        coordinated: "NATO ambassadors met", "Kenyan officials talked" (not "the
        leaders", who are the two sides an article sets up)."""
        if verb.pos_ != "VERB":
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            subject is None
            or subject.tag_ != "NNS"
            or any(c.dep_ == "conj" for c in subject.children)
        ):
            return False
        if self.document.pair_of(subject) is not None:
            return False
        kb = self.kb
        if not (kb.title(subject.lemma_) or kb.group_noun(subject.lemma_)[0]):
            return False
        # the body or nation is named on the plural: "Officials discussed ..." of a
        # meeting of many states are no one body's
        return any(
            c.dep_ in ("compound", "amod", "nmod") and self.phrases.actors_in(c, deep=False)
            for c in subject.children
        )

    def first_person_subject(self, token: Token) -> bool:
        """Whether the subject the trigger takes (its own, or that of the verb it
        completes) is "I" or "we"."""
        node = token
        for _ in range(4):
            subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
            if subject is not None:
                return subject.lower_ in _FIRST_PERSON
            if node.dep_ not in ("xcomp", "conj", "advcl", "dobj", "pobj", "prep"):
                return False
            node = node.head
        return False

    def instrument_subject(self, verb: Token) -> bool:
        """ "A roadside bombing killed two soldiers": the subject is an event or a
        weapon, not an actor; the perpetrator is unsaid."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or self.document.actor_at(subject.i) is not None:
            return False
        lemma = subject.lemma_.lower()
        return lemma in self.instruments or bool(self.kb.triggers(lemma, "NOUN"))

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

    def counterpart(
        self,
        token: Token,
        sources: list[Actor],
        *,
        topical: bool = False,
        adversaries: bool = False,
    ) -> Actor | None:
        """The other side of an action whose sentence names no target syntactically:
        the country named nearest the trigger in its sentence, other than the sources'
        ("a joint working group ... U.S.-China relations"); a co-subject is no other
        side ("Norway and Kenya criticised ..."); with ``adversaries``, neither is the
        author of a conflict the sentence names ("support ... against threats from Iran")."""
        sent = self.document.sentence(token)
        own = {source.country for source in sources}
        lowest, highest = self.reported_clause(token)
        topics = self.topics(token) if topical else []
        best: tuple[int, Actor] | None = None
        for start, actor in self.document.countries_in(sent):
            if actor.country in own or not lowest <= start < highest:
                continue
            if any(low <= start < high for low, high in topics):
                continue  # "spoke with X to discuss Russia's war": Russia is a topic
            if adversaries and self.conflict_author(start):
                continue
            if self.of_others(start):
                continue  # "Norwegian partners" are others than Norway
            before = self.text[max(sent.start_char, start - 7) : start]
            if before.lower().strip() == "ethnic":
                continue  # "ethnic Albanians" name no Albanian state
            distance = abs(start - token.idx)
            if best is None or distance < best[0]:
                best = (distance, actor)
        return best[1] if best else None

    def of_others(self, start: int) -> bool:
        """Whether the country mentioned at ``start`` modifies a relational noun
        ("U.S. partners", "China's neighbours"), which names others than itself."""
        mention = self.document.token_at(start)
        return (
            mention is not None
            and mention.dep_ in ("poss", "amod", "compound", "nmod")
            and mention.head.lower_ in self.phrases.relational
        )

    def conflict_author(self, start: int) -> bool:
        """Whether the country mentioned at ``start`` is the author of a conflict a noun
        names: "threats from Iran", "attacks by Russia", "Russia's aggression"."""
        mention = self.document.token_at(start)
        if mention is None:
            return False
        if mention.dep_ in ("poss", "amod", "compound", "nmod"):
            noun = mention.head
        elif mention.dep_ == "pobj" and mention.head.lower_ in ("from", "by"):
            noun = mention.head.head
        else:
            return False
        return any(e.type in _CONFLICT for e in self.kb.triggers(noun.lemma_, "NOUN"))

    @staticmethod
    def topics(token: Token) -> list[tuple[int, int]]:
        """The characters of what talks are about: the object of "discussed" (see
        ``_TOPIC_VERBS``), the phrase after "on", "about" or "over"."""
        spans = []
        # "held talks on Somalia's debt": the "on" of the talks the verb holds
        heads = [token, *(c for c in token.children if c.dep_ in _OBJECTS)]
        for head in heads:
            for child in head.children:
                topic = (child.dep_ in _OBJECTS and head.lemma_.lower() in _TOPIC_VERBS) or (
                    child.dep_ == "prep" and child.lower_ in ("on", "about", "over", "regarding")
                )
                if topic:
                    spans.append(
                        (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
                    )
        return spans

    def speaks(self, verb: Token) -> bool:
        """Whether a verb is a speech act ("condemned", "praised"): its object is what
        is spoken of."""
        return any("speech" in e.flags for e in self.kb.triggers(verb.lemma_, "VERB"))

    def reported_clause(self, token: Token) -> tuple[int, int]:
        """The characters of the reported clause a trigger stands in ("The South Korean
        military said [North Korea fired two missiles]"), else of its sentence: whoever
        reports an action is not its other side, nor who condemns it ("condemned [the
        attack by Ugandan troops on the post]"). An accuser is: "Bolivia accused Chile
        of closing the border" is aimed at Bolivia."""
        for node in (token, *token.ancestors):
            judged = node.dep_ in _OBJECTS and self.speaks(node.head)
            if node.dep_ == "ccomp" or judged:
                return node.left_edge.idx, node.right_edge.idx + len(node.right_edge)
        sent = token.sent
        return sent.start_char, sent.end_char

    def verb_sources(self, verb: Token) -> tuple[list[Actor], str]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    found = self.actors_of_objects(child)
                    if found:
                        return found, "agent"
            return [], "none"
        subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
        for child in subjects:
            # "Assistant to the President ... Jake Sullivan spoke": the parser may give
            # the title and the name a subject each; the one naming an actor is it
            found = self.phrases.actors_in(child)
            if found:
                return found, "pronoun" if child.pos_ == "PRON" else "subject"
        if subjects:
            return [], "none"
        for child in verb.lefts:
            if child.dep_ in ("compound", "nmod") and child.pos_ in ("NOUN", "PROPN"):
                found = self.phrases.actors_in(child)
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
                found = self.phrases.actors_in(head)
                if found:
                    return found, "subject"
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                if owner is not None and owner.pos_ == "PRON":
                    # "their desire to strengthen ...", "its readiness to help": the
                    # owner of the wish does what is wished
                    found = self.phrases.actors_in(owner)
                    if found:
                        return found, "pronoun"
                # "issued a declaration demanding ...": the issuer demands
                return self.governing_subject(head)
            if dep not in ("xcomp", "conj", "advcl", "pcomp", "pobj", "prep", "relcl", "acl"):
                break
            if dep == "relcl":
                found = self.phrases.actors_in(head)
                return (found, "subject") if found else ([], "none")
            came_through = node
            node = head
            if node.pos_ in ("VERB", "AUX", "ADJ") or any(c.dep_ == "nsubj" for c in node.children):
                accused = dep == "prep" and came_through.lower_ in ("of", "for")
                if any(c.dep_ == "dobj" for c in node.children) and (dep == "xcomp" or accused):
                    # "X urged Y to V", "X accused Y of V-ing": Y does V
                    obj = next(c for c in node.children if c.dep_ == "dobj")
                    found = self.phrases.actors_in(obj)
                    if found:
                        return found, "object-control"
                for child in node.children:
                    if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and dep == "xcomp"):
                        found = self.phrases.actors_in(child)
                        if found:
                            return found, "pronoun" if child.pos_ == "PRON" else "inherited"
        return [], "none"

    def verb_targets(self, entry: Trigger, verb: Token) -> list[Actor | None]:
        if entry.type == "ACCUSE" and not self.prep_targets(verb, entry.preps):
            # "attributed the bombing to X" names whom it blames; "condemned the attack"
            # blames its perpetrator
            blamed = self.perpetrators(verb)
            if blamed is not None:
                return blamed
        targets: list[Actor | None] = []
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        for child in verb.children:
            is_object = child.dep_ in _OBJECTS or (passive and child.dep_ == "nsubjpass")
            if is_object and entry.object == "target":
                targets.extend(self.phrases.actors_in(child))
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
        if not targets and entry.object == "theme" and entry.type != "CONSULT":
            # "demanded the withdrawal of Serbian forces", "a U.N. presence": the
            # side the demanded thing belongs to; what is discussed ("the situation in
            # Gaza") is a topic, not a side
            for child in verb.children:
                if child.dep_ in _OBJECTS and self.document.actor_at(child.i) is None:
                    found = self.phrases.modifier_actor(child)
                    if found is not None:
                        targets.append(found)
        return targets

    def perpetrators(self, verb: Token) -> list[Actor | None] | None:
        """Who an accusation blames when its object is an act of force: "condemned
        Uganda's invasion of Rwanda" blames Uganda, "condemned the attack on the
        Ugandan embassy" an attacker it does not name (``[None]``), never the victim.
        None when the object is no such act, or an act a state does to its own people
        ("condemned the arrests of Cuban protesters"), whose victims' state is blamed."""
        for child in verb.children:
            if child.dep_ not in _OBJECTS or child.pos_ != "NOUN":
                continue
            acts = [e for e in self.kb.triggers(child.lemma_, "NOUN") if e.type in _HARMFUL]
            if acts:
                sources, _ = self.noun_sources(child, acts[0])
                if sources:
                    return list(sources)
                return None if acts[0].type in _INWARD else [None]
        return None

    def noun_sources(self, noun: Token, entry: Trigger) -> tuple[list[Actor], str]:
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.phrases.actors_in(child)
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
                found = self.phrases.actors_in(child, deep=False)
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
                if not is_light(head, self.light):
                    return [], "none"
                found = self.verb_sources(head)
                if not found[0] and node.dep_ == "prep":
                    # "Serb forces were engaged in ethnic cleansing"
                    subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
                    if subject is not None and self.phrases.actors_in(subject):
                        return self.phrases.actors_in(subject), "subject"
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
        sent = self.document.sentence(token)
        for candidate in reversed(list(sent[: token.i - sent.start])):
            if candidate.dep_ in ("nsubj", "nsubjpass"):
                found = self.phrases.actors_in(candidate)
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
            elif child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in preps for m in child.children
            ):
                # "spoke with Abbas to convey ...", parsed as a clause "with Abbas to
                # convey": the clause's subject is the object of "with"
                for subject in child.children:
                    if subject.dep_ == "nsubj":
                        found.extend(self.phrases.actors_in(subject))
        return found

    def embedded_targets(self, verb: Token) -> list[Actor | None]:
        """The target of the action a control verb governs ("refused to meet Y"), or
        the subject of a clause a demand is about ("demanded that Y withdraw", "called
        for Y to increase spending")."""
        if verb.dep_ == "ccomp" or (
            verb.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ == "for" for m in verb.children)
        ):
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    found = self.phrases.actors_in(child)
                    if found:
                        return list(found)
        for entry in self.kb.triggers(verb.lemma_, "VERB"):
            if satisfied(entry, verb):
                return self.verb_targets(entry, verb)
        found: list[Actor | None] = []
        for child in verb.children:
            if child.dep_ in _OBJECTS:
                found.extend(self.phrases.actors_in(child))
                for inner in child.children:
                    if inner.dep_ == "prep" and inner.lower_ in _DEFAULT_TARGET_PREPS:
                        found.extend(self.actors_of_objects(inner, place_is_government=True))
        return found

    def actors_of_objects(self, prep: Token, place_is_government: bool = False) -> list[Actor]:
        found: list[Actor] = []
        for child in prep.children:
            if child.dep_ in ("pobj", "pcomp", "dobj"):
                found.extend(self.phrases.actors_in(child, place_is_government=place_is_government))
        return found
