"""An event's status: occurred, planned, hypothetical or negated, from the trigger's
own markers (negation, modals, future auxiliaries, conditions) and from the verbs that
govern it ("plan to visit", "hope for talks", "avoid a clash"); the governing words are
classes of ``governors.tsv``."""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.triggers import is_light, word_forms
from detente.kb import KnowledgeBase, Trigger
from detente.kb.ontology import types_where

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "ca", "'d"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
_TEMPORAL_PREPS = frozenset({"after", "before", "since", "during", "following", "until"})
_COOPERATIVE = types_where(direction="cooperation")


class StatusReader:
    """Reads the status of events; built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.light = kb.governors("light")
        self.planned = kb.governors("planned")
        self.hypothetical = kb.governors("hypothetical")
        self.infinitive_only = kb.governors("infinitive-only")
        self.negating = kb.governors("negating")
        self.planned_modifiers = kb.governors("planned-modifier")
        self.hypothetical_modifiers = kb.governors("hypothetical-modifier")
        self.claims = kb.governors("claim")

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
            if self.claimed(node):
                return "hypothetical"
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
                    if not attached and not is_light(head, self.light):
                        break
            elif dep == "pcomp" and head.dep_ == "prep":
                # "looks forward to welcoming", "committed to meeting"; "after meeting"
                # is a background event of its own
                if head.lower_ in _TEMPORAL_PREPS:
                    break
                verdict = self.governed_status(head.head, via_object=True)
                if verdict is not None:
                    return verdict
                break
            elif dep == "ccomp":
                if lemma in ("hope", "fear", "expect", "want", "wish"):
                    return "planned" if lemma == "expect" else "hypothetical"
                break
            elif dep == "xcomp":
                verdict = self.governed_status(head, via_object=False)
                if verdict is not None:
                    return verdict
            elif dep == "acl" and node is token and head.pos_ == "NOUN" and _infinitive(node):
                # "their desire to strengthen ties", "its readiness to help": a wish,
                # plan or readiness told of, not the act ("the decision to resume aid"
                # is the act decided)
                verdict = self.governed_status(head, via_object=False)
                if verdict is not None:
                    return verdict
                break
            elif dep != "conj":
                break
            node = head
        return "occurred"

    def claimed(self, node: Token) -> bool:
        """Whether ``node`` is the content of a claim or a denial: the clause of
        "denied that ...", the "of"/"for" complement of "accused X of ...", the object
        of "allegations of ..." (plover.md rule 8)."""
        dep, head = node.dep_, node.head
        if dep in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in ("of", "for"):
            return head.head.lemma_.lower() in self.claims
        if dep in ("ccomp", "xcomp"):
            return head.lemma_.lower() in self.claims
        return False

    def governed_status(self, head: Token, *, via_object: bool) -> str | None:
        """The status a governing verb gives: "plan to visit", "plan a visit", "hope
        for talks"; "set up a group" and "announced sanctions" are no plans."""
        forms = word_forms(head)
        if forms & self.negating:
            return "negated"
        phrasal = {
            f"{form} {c.lower_}"
            for form in forms
            for c in head.children
            if c.dep_ in ("prt", "advmod")
        }  # "look forward (to meeting)"
        if phrasal & self.planned:
            return "planned"
        if phrasal & self.hypothetical:
            return "hypothetical"
        if via_object and forms & self.infinitive_only:
            return None
        if forms & self.planned:
            return "planned"
        if forms & self.hypothetical:
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
                if lower in self.planned_modifiers:
                    return "planned"
                if lower in self.hypothetical_modifiers:
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

    def is_refusal(self, token: Token, event_type: str) -> bool:
        """ "will not", "would not", "won't" before a cooperative action: a refusal."""
        if event_type not in _COOPERATIVE:
            return False
        node = token if token.pos_ in ("VERB", "AUX") else token.head
        auxiliaries = {c.lower_ for c in node.children if c.dep_ == "aux"}
        negated = any(c.dep_ == "neg" for c in node.children)
        return negated and bool(auxiliaries & {"will", "would", "wo", "shall", "can", "ca"})


def _infinitive(verb: Token) -> bool:
    """Whether a verb is a "to" infinitive ("to strengthen")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
