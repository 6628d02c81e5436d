"""Indirect quotations: clauses reported by a verb or noun of saying ("X said that
...", "his warning that ...") or sourced with "according to X"; a quoted fragment
inside one makes it a mixed quotation."""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.model import Quote
from detente.quotes.cues import Attribution
from detente.quotes.reader import QuoteReader

_INDIRECT_KINDS = frozenset({"speech", "writing", "source", "belief", "evidence"})
_OWN_VOICE = frozenset({"i", "we", "you"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_WH_WORDS = frozenset({"who", "what", "how", "why", "where", "when", "which", "whether", "if"})


class IndirectQuotes(QuoteReader):
    """Finds the indirect (and mixed) quotations of reported clauses in one article."""

    def find(self, quoted: list[tuple[int, int]]) -> None:
        """Add the reported clauses outside ``quoted`` to ``document.quotes``."""

        def inside_quote(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in quoted)

        def inside_marks(at: int) -> bool:
            return any(s < at < e for s, e in self.marks.marked)

        for sentence in self.doc.sents:
            noun_clauses = {t.i: c for t in sentence if (c := self.noun_clause(t)) is not None}
            # Nouns of saying first: "noted his warning that ..." is his warning.
            for token in sorted(sentence, key=lambda t: t.i not in noun_clauses):
                content: tuple[int, int] | None = None
                cue = None
                rule = "according-to"
                if self.cues.is_according(token):
                    content = self.according_content(token, sentence)
                elif token.i in noun_clauses:
                    # "her remark that “there's a special place ...”"
                    content, rule = noun_clauses[token.i], "noun-cue"
                elif self.cues.is_cue(token):
                    cue = self.kb.cue(token.lemma_, "verb")
                    if cue is None:
                        continue
                    clause = next(
                        (c for c in token.children if c.dep_ == "ccomp"), None
                    ) or self.channel_clause(token)
                    if clause is not None and clause.i < token.i and self.governed_quote(token):
                        # "...: Jo Lind called it “a mistake.”": the quoted words the verb
                        # governs, not a clause the parser hung on it from before.
                        clause = None
                    if clause is not None and not self.reports_words(clause, cue.kind, token):
                        clause = None
                    if clause is not None and cue.kind in _INDIRECT_KINDS:
                        content, rule = self.clause_span(clause), "reported-clause"
                    elif token.dep_ == "parataxis" and cue.kind in _INDIRECT_KINDS:
                        # "The test, North Korea said, was its biggest": the clause around.
                        content, rule = self.clause_around(token), "parenthetical-cue"
                    else:
                        # "criticized the law as a “crazy system”": quoted words in what
                        # the verb governs make a mixed quotation whatever its frame. A
                        # bare object ("announced a freeze", "thanked Congress") reports
                        # no words: it may be an event, never a quote.
                        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
                        content, rule = (
                            (
                                None
                                if passive
                                else self.governed_quote(token)  # "is known as “...”"
                            ),
                            "governed-quotation",
                        )
                if (
                    content is None
                    or inside_quote(*content)
                    or inside_quote(token.idx, token.idx + 1)
                    or inside_marks(token.idx)  # quoted words are the speaker's, not a cue
                ):
                    continue
                speaker = (
                    self.possessor(token) if rule == "noun-cue" else self.cues.subject_of(token)
                )
                if speaker is None:
                    continue
                if cue is not None and cue.kind == "belief" and speaker.lower_ in _OWN_VOICE:
                    # "I think ...", "you know ...": a speaker's own opinion is their
                    # text, not words attributed to anyone.
                    continue
                if speaker.lower_ in ("i", "we") and token.tag_ != "VBD":
                    # "I assure you that ...", "I would like to say that ...": saying it
                    # now is the text itself; "I told my mother that ..." reports words.
                    continue
                # A quoted fragment inside the reported clause makes it a mixed quotation.
                kind = "indirect"
                if any(content[0] < e and s < content[1] + 2 for s, e in self.marks.marked):
                    kind = "mixed"
                    # Reported words between the cue and the clause belong to it ("says
                    # no matter what the council does, “...”").
                    if rule == "reported-clause" and token.idx < content[0]:
                        lead = list(self.doc[token.i + 1 : clause.left_edge.i])
                        while lead and lead[-1].is_punct:
                            lead.pop()  # the mark opening the clause's quotation
                        words = [t for t in lead if not t.is_punct and t.lower_ != "that"]
                        if words and not any(t.text in '“”"' for t in lead):
                            content = (words[0].idx, content[1])
                    # A quotation opened inside the clause runs to its closing mark.
                    closing = max(
                        (
                            e
                            for s, e in self.marks.marked
                            if content[0] <= s < content[1]
                            or (s < content[0] and not self.text[s + 1 : content[0]].strip())
                        ),
                        default=0,
                    )
                    content = (content[0], max(closing, self.include_closing_mark(content[1])))
                quote = self.cues.make_quote(kind, *content)
                if quote.start < token.idx < quote.end:
                    self.cut_out(quote, token)
                # "called it “absurd”": two words are enough when one of them is quoted.
                if len(quote.text.split()) < (2 if kind == "mixed" else 3):
                    continue
                self.speakers.attach(quote, Attribution(token, speaker, True, rule))
                # A reported clause names its source even when no actor stands behind
                # the words ("the ad argues that “...”"); other frames need an actor.
                if quote.speaker is None and quote.kind == "mixed" and rule != "reported-clause":
                    continue
                self.document.quotes.append(quote)
                quoted.append((quote.start, quote.end))

    def reports_words(self, clause: Token, kind: str, cue: Token) -> bool:
        """Whether a verb's clause is something said: a finite clause ("said the talks
        would resume"), not a small or infinitive clause ("found it easy to leave",
        "expect me to come back"); for a verb of knowing or showing, not a question
        ("know who she is") nor a participle of a thing ("..., showing that ...")."""
        finite = clause.tag_ in _FINITE or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in clause.children
        )
        if not finite:
            return False
        if kind in ("belief", "evidence") and clause.left_edge.lower_ in _WH_WORDS:
            return False
        return not (kind == "evidence" and cue.tag_ == "VBG")

    def noun_clause(self, noun: Token) -> tuple[int, int] | None:
        """The "that" clause of a noun of saying with a possessor ("his warning that ...")."""
        if noun.pos_ != "NOUN" or self.kb.cue(noun.lemma_, "noun") is None:
            return None
        if self.possessor(noun) is None:
            return None
        for child in noun.rights:
            if child.dep_ in ("acl", "ccomp") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children
            ):
                return self.clause_span(child)
        return None

    def channel_clause(self, verb: Token) -> Token | None:
        """The "that" clause the parser hung on the channel between a verb and its
        clause: "said in a statement that the border would stay closed"."""
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or self.kb.cue(noun.lemma_, "noun") is None:
                    continue
                for child in noun.rights:
                    if child.dep_ in ("acl", "ccomp") and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in child.children
                    ):
                        return child
        return None

    def possessor(self, noun: Token) -> Token | None:
        return next((c for c in noun.children if c.dep_ == "poss"), None)

    def cut_out(self, quote: Quote, cue: Token) -> None:
        """Leave a parenthetical attribution ("North Korea said") out of the quotation."""
        subtree = list(cue.subtree)
        left, right = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
        before_end = left
        while before_end > quote.start and self.text[before_end - 1] in " ,—–":
            before_end -= 1
        after_start = right
        while after_start < quote.end and self.text[after_start] in " ,—–":
            after_start += 1
        quote.parts = [(quote.start, before_end), (after_start, quote.end)]
        quote.text = " … ".join(self.text[s:e] for s, e in quote.parts)

    def clause_around(self, cue: Token) -> tuple[int, int] | None:
        """The clause a parenthetical cue sits in, without the cue's own words."""
        own = {t.i for t in cue.subtree}
        return _extent([t for t in cue.head.subtree if t.i not in own and not t.is_space])

    def governed_quote(self, verb: Token) -> tuple[int, int] | None:
        """The words a verb of saying governs after it, up to the quotation they hold."""
        right: list[Token] = []
        for child in verb.rights:
            right.extend(t for t in child.subtree if not t.is_space)
            if not right:
                continue
            start = right[0].idx
            end = child.right_edge.idx + len(child.right_edge)
            if any(start <= s and e <= end + 2 for s, e in self.marks.marked):
                while right and right[0].is_punct:
                    right = right[1:]
                while right and right[-1].is_punct and right[-1].text not in '”"':
                    right = right[:-1]
                return (right[0].idx, right[-1].idx + len(right[-1])) if right else None
        return None

    def include_closing_mark(self, end: int) -> int:
        """Extend a clause over the closing mark it ends in (“...”)."""
        for i, char in enumerate(self.text[end : end + 3]):
            if char in '”"':
                return end + i + 1
            if not (char in ".,;!?" or char.isspace()):
                break
        return end

    def clause_span(self, clause: Token) -> tuple[int, int]:
        tokens = [t for t in clause.subtree if not t.is_space]
        while tokens and (tokens[0].is_punct or tokens[0].lower_ == "that"):
            tokens = tokens[1:]
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if not tokens:
            return clause.idx, clause.idx
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])

    def according_content(self, according: Token, sentence: Span) -> tuple[int, int] | None:
        """The rest of the sentence, around "according to X"; none for "according to
        which" (a relative clause's, not a source's)."""
        to = self.doc[according.i + 1] if according.i + 1 < len(self.doc) else None
        if to is not None and any(c.lower_ in ("which", "whom") for c in to.children):
            return None
        phrase = list(according.subtree)
        first, last = phrase[0].i, phrase[-1].i
        before = [t for t in self.doc[sentence.start : first] if not t.is_space]
        after = [t for t in self.doc[last + 1 : sentence.end] if not t.is_space]
        return _extent(before if len(before) >= len(after) else after)


def _extent(tokens: list[Token], minimum: int = 3) -> tuple[int, int] | None:
    """Character extent of tokens without punctuation at either end; None when short."""
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) < minimum:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])
