"""The Document: the one index from tokens to actors, the one place later stages add
actors or set their codes, and the one pronoun resolver, on small hand-built inputs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from detente.document import Document
from detente.kb import KnowledgeBase
from detente.layout import analyse_layout
from detente.model import Actor, Coding, Quote
from detente.model import Span as TextSpan

SRC = Path(__file__).resolve().parents[1] / "src" / "detente"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def _doc(words: list[str], deps: list[str] | None = None, heads: list[int] | None = None) -> Doc:
    """A hand-built parse: words, and optionally their dependency labels and heads."""
    vocab = spacy.blank("en").vocab
    spaces = [True] * len(words)
    spaces[-1] = False
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        deps=deps or ["dep"] * len(words),
        heads=heads or list(range(len(words))),
        sent_starts=[i == 0 or words[i - 1] == "." for i in range(len(words))],
    )


def _mention(doc: Doc, i: int, j: int) -> TextSpan:
    span = doc[i:j]
    return TextSpan(span.start_char, span.end_char, span.text)


def _document(kb: KnowledgeBase, doc: Doc, actors: list[Actor]) -> Document:
    document = Document(doc, kb, analyse_layout(doc.text))
    document.set_actors(actors)
    return document


def test_every_token_of_a_mention_names_its_actor(kb: KnowledgeBase) -> None:
    doc = _doc(["Ann", "Lee", "met", "Bo", "."])
    ann = Actor("a1", "person", "Ann Lee", mentions=[_mention(doc, 0, 2)])
    document = _document(kb, doc, [ann])
    assert document.actor_at(0) is ann and document.actor_at(1) is ann
    assert document.actor_at(2) is None
    assert document.mention_at(1) == (ann, ann.mentions[0])


def test_country_actor_is_made_once_and_indexed(kb: KnowledgeBase) -> None:
    doc = _doc(["a", "Chinese", "jet", "near", "a", "Chinese", "ship", "."])
    document = _document(kb, doc, [])
    first = document.country_actor("CHN", doc[1])
    second = document.country_actor("CHN", doc[5])
    assert first is second and first.id == "a1" and first.name == "China"
    assert document.actor_at(1) is first
    assert [a.id for a in document.actors] == ["a1"]


def test_groups_are_added_with_their_coding_and_found_again(kb: KnowledgeBase) -> None:
    doc = _doc(["the", "Kenyan", "ministry", "said", "."])
    document = _document(kb, doc, [])
    span = _mention(doc, 0, 3)
    group = document.add_group(
        "Kenyan ministry",
        span,
        [doc[1], doc[2]],
        country=("KEN", Coding("group-nationality", span)),
        sector=("GOV", Coding("group-noun:ministry", span)),
    )
    assert (group.id, group.type, group.country, group.sector) == ("a1", "group", "KEN", "GOV")
    assert group.coding["country"].rule == "group-nationality"
    assert document.actor_at(2) is group and document.actor_at(0) is None
    assert document.find_group("kenyan ministry") is group
    assert document.find_group("Kenyan ministry", "KEN") is group
    assert document.find_group("Kenyan ministry", "UGA") is None
    assert document.find_group("officials") is None


def test_set_country_keeps_the_words_behind_it(kb: KnowledgeBase) -> None:
    doc = _doc(["guerrillas", "in", "Peru", "."])
    guerrillas = Actor("a1", "group", "guerrillas", mentions=[_mention(doc, 0, 1)])
    document = _document(kb, doc, [guerrillas])
    document.set_country(guerrillas, "PER", "event-phrase-place", doc[2])
    assert guerrillas.country == "PER"
    assert guerrillas.coding["country"] == Coding("event-phrase-place", _mention(doc, 2, 3))


def test_add_mention_keeps_mentions_sorted_and_unique(kb: KnowledgeBase) -> None:
    doc = _doc(["officials", "said", "officials", "."])
    late, early = _mention(doc, 2, 3), _mention(doc, 0, 1)
    officials = Actor("a1", "group", "officials", mentions=[late])
    document = _document(kb, doc, [officials])
    document.add_mention(officials, early)
    document.add_mention(officials, early)
    assert officials.mentions == [early, late]


# "Ann Lee met Bo Chan . She left ." with Ann Lee the subject of the first sentence.
WORDS = ["Ann", "Lee", "met", "Bo", "Chan", ".", "She", "left", "."]
DEPS = ["compound", "nsubj", "ROOT", "compound", "dobj", "punct", "nsubj", "ROOT", "punct"]
HEADS = [1, 2, 2, 4, 2, 2, 7, 7, 7]


def _people(doc: Doc) -> tuple[Actor, Actor]:
    ann = Actor("a1", "person", "Ann Lee", mentions=[_mention(doc, 0, 2)])
    bo = Actor("a2", "person", "Bo Chan", mentions=[_mention(doc, 3, 5)])
    return ann, bo


def test_a_pronoun_names_the_subject_before_the_nearest_mention(kb: KnowledgeBase) -> None:
    doc = _doc(WORDS, DEPS, HEADS)
    ann, bo = _people(doc)
    document = _document(kb, doc, [ann, bo])
    assert document.antecedent(doc[6]) is ann


def test_a_pronoun_after_a_quotation_names_its_speaker(kb: KnowledgeBase) -> None:
    doc = _doc(WORDS, DEPS, HEADS)
    ann, bo = _people(doc)
    document = _document(kb, doc, [ann, bo])
    document.quotes = [Quote("q1", "direct", "met", doc[2].idx, doc[2].idx + 3, speaker="a2")]
    # Bo Chan spoke last and nobody was named since: "she" is Bo Chan.
    assert document.antecedent(doc[6]) is bo


@pytest.mark.parametrize(("pronoun", "found"), [("It", None), ("He", "a1")])
def test_a_pronoun_names_only_actors_of_its_kind(
    kb: KnowledgeBase, pronoun: str, found: str | None
) -> None:
    doc = _doc([*WORDS[:6], pronoun, *WORDS[7:]], DEPS, HEADS)
    ann, bo = _people(doc)
    document = _document(kb, doc, [ann, bo])
    actor = document.antecedent(doc[6])
    assert (actor.id if actor else None) == found


def test_a_pronoun_with_nobody_before_it_names_nobody(kb: KnowledgeBase) -> None:
    doc = _doc(["She", "left", "."], ["nsubj", "ROOT", "punct"], [1, 1, 1])
    assert _document(kb, doc, []).antecedent(doc[0]) is None


def test_only_the_actor_stage_and_the_document_construct_actors() -> None:
    makers = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Actor":
                makers.add(path.relative_to(SRC).as_posix())
    allowed = {p for p in makers if p.startswith("actors/")} | {"document.py"}
    assert makers <= allowed, f"Actor(...) constructed outside actors/ and document.py: {makers}"


@pytest.mark.parametrize(("filler", "found"), [(10, "a1"), (120, None)])
def test_the_last_resort_looks_back_one_paragraph_or_so(
    kb: KnowledgeBase, filler: int, found: str | None
) -> None:
    words = ["Ann", "Lee", "spoke", ".", "\n", *["word"] * filler, ".", "\n", "She", "left", "."]
    doc = _doc(words)
    ann = Actor("a1", "person", "Ann Lee", mentions=[_mention(doc, 0, 2)])
    actor = _document(kb, doc, [ann]).antecedent(doc[len(words) - 3])
    assert (actor.id if actor else None) == found
