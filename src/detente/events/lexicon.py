"""Matching the trigger lexicon (``triggers.tsv``): a multi-word entry's required
dependent ("halt" + "talks"), the text's own forms of a word (the lemmatiser errs), and
the ``Candidate`` a matched trigger becomes before its events are built."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from detente.kb import Trigger
from detente.model import Actor

_REQUIRED_LINKS = frozenset(
    {
        "dobj",
        "prt",
        "prep",
        "pobj",
        "compound",
        "amod",
        "xcomp",
        "agent",
        "dative",
        "acomp",
        "advmod",
    }
)


@dataclass(slots=True)
class Candidate:
    """A trigger of one sentence with its sides, before it becomes events."""

    trigger: Trigger
    token: Token
    sources: list[Actor]
    targets: list[Actor | None]
    rule: str
    confidence: float
    status: str | None = None
    conditional: bool = False
    absorbed: list[Token] = field(default_factory=list)


def satisfied(entry: Trigger, token: Token) -> bool:
    """Whether a trigger entry's required dependent, if it has one, is there."""
    if not entry.requires:
        return True
    return required_child(entry, token) is not None


def required_child(entry: Trigger, token: Token) -> Token | None:
    """The dependent that makes a multi-word entry ("halt talks", "call off",
    "provide tons of aid"): within three steps down object, particle and
    preposition links."""
    frontier = [token]
    for _ in range(3):
        deeper: list[Token] = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in ("advcl", "ccomp") and node is token:
                    # "called for NATO members to increase ...": the parser hangs "for"
                    # on the clause it introduces
                    mark = next((m for m in child.children if m.dep_ == "mark"), None)
                    if mark is not None and mark.lower_ in entry.requires:
                        return mark
                if child.dep_ not in _REQUIRED_LINKS:
                    continue
                if child.lemma_.lower() in entry.requires or child.lower_ in entry.requires:
                    return child
                deeper.append(child)
        frontier = deeper
    return None


def is_light(verb: Token, light_verbs: frozenset[str]) -> bool:
    """Whether a verb's subject is the actor of the nominal event it governs ("X imposed
    sanctions", "X held talks", "X looks forward to talks"): a word or phrasal verb of
    class ``light`` of ``governors.tsv``."""
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    forms = word_forms(verb)
    return bool((forms | {f"{f} {p}" for f in forms for p in particles}) & light_verbs)


def word_forms(token: Token) -> set[str]:
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
