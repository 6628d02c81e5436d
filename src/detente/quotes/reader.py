"""What the direct and the indirect quotation readers share."""

from __future__ import annotations

from detente.document import Document
from detente.kb import KnowledgeBase
from detente.quotes.cues import Cues
from detente.quotes.marks import Marks
from detente.quotes.speakers import Speakers


class QuoteReader:
    """A reader of one article's quotations: the article, its cues of saying, its
    speakers and its quotation marks."""

    def __init__(
        self,
        kb: KnowledgeBase,
        document: Document,
        cues: Cues,
        speakers: Speakers,
        marks: Marks,
    ) -> None:
        self.kb = kb
        self.document = document
        self.doc = document.doc
        self.text = document.text
        self.cues = cues
        self.speakers = speakers
        self.marks = marks
