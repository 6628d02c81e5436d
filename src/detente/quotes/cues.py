"""Cues of saying and the words around a quotation, shared by the direct and indirect
readers: where a paragraph and a clause begin, which token is a verb of saying, who
its subject is, and the channel ("on Twitter", "in a statement")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from detente.document import Document
from detente.kb import KnowledgeBase
from detente.model import Quote

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CHANNEL_PREPS = frozenset({"on", "in", "at", "during", "via", "to"})
SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bRep)"
    r"(?<!\bSen)(?<!\bGov)(?<!\bGen)(?<!\bLt)(?<!\bCol)(?<!\bNo)(?<!\bU\.S)(?<!\bvs)"
    r"[.!?](?:[”\"’)]*)\s(?!\s*[a-z])"
)
"""A sentence end: not the period of an initial ("Vann R. Newkirk") or a title ("Mr."),
nor one that lower-case words go on from ("Jo Lind (R-Fla.) said")."""


@dataclass(slots=True)
class Attribution:
    """The cue of saying and the speaker's token of one quotation, and the rule."""

    cue: Token | None
    speaker: Token | None
    cue_before: bool
    rule: str = ""


class Cues:
    """Cues of saying and clause bounds in one article."""

    def __init__(self, kb: KnowledgeBase, document: Document) -> None:
        self.kb = kb
        self.document = document
        self.doc = document.doc
        self.text = document.text

    def paragraph_bounds(self, at: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end

    def has_verb(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)

    def ends_with_cue(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            return False
        tokens = [t for t in span if not t.is_punct and not t.is_space]
        # "X said that “...”" is a reported clause holding a quotation: the indirect
        # reading takes it, as a mixed quotation of the whole clause.
        return bool(tokens) and self.is_cue(tokens[-1])

    def is_cue(self, token: Token) -> bool:
        if token.dep_ in ("amod", "compound") and not self.opens_inverted_frame(token):
            return False  # "the administration's stated efforts"
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            return self.kb.cue(token.lemma_, "verb") is not None
        return False

    def opens_inverted_frame(self, token: Token) -> bool:
        """ "Said Jo Lind: “...”": a capitalised verb of saying opening its sentence before
        the speaker's name (the parser reads it as part of the name)."""
        if not token.text[0].isupper() or not token.tag_.startswith("VB"):
            return False
        previous = self.doc[token.i - 1] if token.i else None
        if previous is not None and not (previous.is_space or previous.text in '.!?”"'):
            return False
        return token.head.pos_ == "PROPN" or token.head.lower_ in PRONOUNS

    def cue_in(self, start: int, end: int, *, last: bool) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        tokens = list(span)
        if last:
            tokens.reverse()
        for token in tokens:
            if self.is_cue(token):
                return token
            if self.is_according(token):
                return token
        return None

    def is_according(self, token: Token) -> bool:
        """The "according" of "according to X"."""
        return (
            token.lower_ == "according"
            and token.i + 1 < len(self.doc)
            and self.doc[token.i + 1].lower_ == "to"
        )

    def subject_of(self, cue: Token, outside: tuple[int, int] | None = None) -> Token | None:
        """Who says: the cue's subject, or its governor's ("..., declaring that ...").

        A subject inside ``outside`` (the quotation itself) is never the speaker.
        """
        if cue.lower_ == "according":
            to = self.doc[cue.i + 1]
            return next((c for c in to.children if c.dep_ == "pobj"), None)

        def allowed(t: Token) -> bool:
            return outside is None or not (outside[0] <= t.idx < outside[1])

        token: Token | None = cue
        for _ in range(3):
            if token is None or not allowed(token):
                break
            if token.dep_ == "relcl":
                # "officials who said ...": the noun the clause describes; "a meeting
                # that showed ...": no speaker.
                relative = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
                if relative is not None and relative.lower_ == "who":
                    return token.head
                if relative is not None and relative.lower_ in ("that", "which"):
                    return None
            subjects = [
                c
                for c in token.children
                if c.dep_ in _SUBJECTS
                and c.lower_ not in ("that", "which", "this", "what")
                and allowed(c)
            ]
            if subjects:
                # Two subjects are a misparse ("In Salem, New Hampshire, Jo Lind went"):
                # the one nearest the verb is its subject, unless a preposition governs
                # it ("an official working with [the ministry] told ...").
                governed = [
                    c
                    for c in subjects
                    if c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].pos_ == "ADP"
                ]
                if len(governed) < len(subjects):
                    subjects = [c for c in subjects if c not in governed]
                return min(subjects, key=lambda c: abs(c.i - token.i))
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            token = token.head if token.head is not token else None
        return None

    def clause_start(self, open_at: int) -> int:
        para_start, _ = self.paragraph_bounds(open_at)
        head = self.text[para_start:open_at]
        ends = list(SENTENCE_END.finditer(head))
        start = para_start + (ends[-1].end() if ends else 0)
        while start < open_at and self.text[start].isspace():
            start += 1
        return start

    def make_quote(self, kind: str, start: int, end: int) -> Quote:
        while end > start and self.text[end - 1] in " ,\n":
            end -= 1
        return Quote(id="", kind=kind, text=self.text[start:end], start=start, end=end)

    def channel(self, cue: Token) -> str | None:
        """ "on Twitter", "in an interview with CNN", "in a statement"."""
        for prep in cue.children:
            if prep.dep_ != "prep" or prep.lower_ not in _CHANNEL_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            org = self.document.mention_at(obj.i)
            is_platform = org is not None and org[0].type == "organization"
            if is_platform or self.kb.cue(obj.lemma_, "noun") is not None:
                phrase = self.doc[obj.left_edge.i : obj.right_edge.i + 1]
                words = [t for t in phrase if t.lower_ not in ("a", "an", "the")]
                if words:
                    return self.text[words[0].idx : words[-1].idx + len(words[-1])]
        return None
