"""Actors: persons, organisations, countries and groups, each with all its mentions,
roles, affiliation, country and sector.

``finding`` finds the actors and their mentions; ``roles`` reads the titles and
descriptions around a mention; ``coding`` gives each actor its codes and the words
behind them, and numbers the actors. Later stages add actors only through the
``Document``.
"""

from __future__ import annotations

from detente.actors.coding import ActorCoder, assemble
from detente.actors.finding import MentionFinder
from detente.document import Document
from detente.kb import KnowledgeBase
from detente.model import Actor

__all__ = ["ActorFinder"]


class ActorFinder:
    """Finds and codes the actors of one parsed article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, document: Document) -> list[Actor]:
        """Find and code the actors, and give them to the document."""
        found = MentionFinder(self.kb, document).find()
        coder = ActorCoder(self.kb, document, found)
        coder.code()
        document.set_actors(assemble(found, document.text))
        coder.code_by_possessors(document)
        coder.code_groups_by_place(document)
        coder.code_by_home_country(document)
        coder.code_questioners(document)
        return document.actors
