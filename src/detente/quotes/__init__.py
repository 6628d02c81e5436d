"""Quotations: direct, mixed and indirect, each with its speaker resolved to an actor.

Direct quotations come from paired quotation marks (``marks``); the attribution is the
cue of saying next to them ("... ,” said X", "X wrote: “...”", "“...” —X", "according
to X"). A quotation with no cue of its own continues the speaker of the quotation just
before it, in the same or the previous paragraph. A quoted fragment inside someone's
reported clause is a mixed quotation; a fragment nobody is said to have said (a scare
quote, a title) is not a quotation. Indirect quotations are clauses reported by a verb
of saying ("X said that ...") or sourced with "according to X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from detente.actors.roles import doc_text
from detente.kb import KnowledgeBase, key
from detente.model import Actor, Coding, Quote
from detente.model import Span as TextSpan
from detente.quotes.marks import QuotedSpan, pair_marks

_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_INDIRECT_KINDS = frozenset({"speech", "writing", "source", "belief", "evidence"})
_CHANNEL_PREPS = frozenset({"on", "in", "at", "during", "via", "to"})
_DASH_ATTRIBUTION = re.compile(r"^[ \t\xa0]*[—–―]+[ \t\xa0]*(?=\S)")
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bRep)"
    r"(?<!\bSen)(?<!\bGov)(?<!\bGen)(?<!\bLt)(?<!\bCol)(?<!\bNo)(?<!\bU\.S)(?<!\bvs)"
    r"[.!?](?:[”\"’)]*)\s(?!\s*[a-z])"
)
"""A sentence end: not the period of an initial ("Vann R. Newkirk") or a title ("Mr."),
nor one that lower-case words go on from ("Jo Lind (R-Fla.) said")."""
_STRIP_DETERMINERS = frozenset(
    {"the", "a", "an", "some", "several", "many", "other", "two", "three"}
)


@dataclass(slots=True)
class _Attribution:
    cue: Token | None
    speaker: Token | None
    cue_before: bool
    rule: str = ""


class QuoteFinder:
    """Finds the quotations of one parsed article and resolves their speakers."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, doc: Doc, actors: list[Actor]) -> list[Quote]:
        return _Run(self.kb, doc, actors).quotes()


class _Run:
    def __init__(self, kb: KnowledgeBase, doc: Doc, actors: list[Actor]) -> None:
        self.kb = kb
        self.doc = doc
        self.text = doc_text(doc)
        self.actors = actors
        self.owner: dict[int, tuple[Actor, TextSpan]] = {}
        for actor in actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.owner.setdefault(token.i, (actor, mention))
        self.results: list[Quote] = []
        self.spans: list[QuotedSpan] = []

    # -- direct and mixed ------------------------------------------------------------
    def quotes(self) -> list[Quote]:
        pairing = pair_marks(self.text)
        spans = self.spans = pairing.spans
        by_chain: dict[int, list[QuotedSpan]] = {}
        for span in spans:
            by_chain.setdefault(span.chain, []).append(span)
        previous: Quote | None = None
        previous_line = -10
        for chain in sorted(by_chain, key=lambda c: by_chain[c][0].start):
            pieces = by_chain[chain]
            found = next(
                (a for a in (self.attribution(p) for p in pieces) if a.cue is not None), None
            )
            first = pieces[0]
            line = self.text.count("\n", 0, first.open_at)
            for piece in pieces:
                if self.results and self.results[-1].start <= piece.open_at < self.results[-1].end:
                    continue  # quoted inside the clause of the quotation before
                quote = self.direct_quote(piece, found, previous, line - previous_line)
                if quote is not None:
                    self.results.append(quote)
                    previous = quote
                    previous_line = self.text.count("\n", 0, piece.open_at)
        self.results = self.merge_parts(self.results)
        self.marked = [(s.open_at, s.close_at + 1) for s in spans]
        quoted = [(q.start, q.end) for q in self.results]
        self.indirect_quotes(quoted)
        self.results.sort(key=lambda q: q.start)
        for number, quote in enumerate(self.results, start=1):
            quote.id = f"q{number}"
        return self.results

    def merge_parts(self, quotes: list[Quote]) -> list[Quote]:
        """One quotation in several parts: "“A,” he said. “B.”", or a paragraph that
        continues the speaker. The parts keep their own spans; ``text`` joins them."""
        merged: list[Quote] = []
        for quote in sorted(quotes, key=lambda q: q.start):
            last = merged[-1] if merged else None
            continues = last is not None and (
                quote.cue_span is None or quote.cue_span == last.cue_span
            )
            if last is not None and continues and quote.speaker == last.speaker:
                last.parts = [*(last.parts or [(last.start, last.end)]), (quote.start, quote.end)]
                last.end = quote.end
                last.text = " … ".join(self.text[s:e] for s, e in last.parts)
                continue
            merged.append(quote)
        return merged

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def paragraph_bounds(self, at: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        return start, len(self.text) if end < 0 else end

    def attribution(self, piece: QuotedSpan) -> _Attribution:
        """The cue and speaker next to one quoted span, after it first, then before it."""
        para_start, para_end = self.paragraph_bounds(piece.open_at)
        if not piece.closed:
            return self.attribution_before(piece, para_start)
        resumed = self.interrupted(piece, para_start)
        if resumed is not None:
            return resumed
        if self.governed_by_earlier_cue(piece):
            return _Attribution(None, None, False)  # the reported-clause reading takes it
        if self.ends_with_cue(self.clause_start(piece.open_at), piece.open_at):
            # "Jo Lind said “it is over” every time ...": the cue right before the mark
            # is the attribution, whatever cue the rest of the sentence holds.
            before = self.attribution_before(piece, para_start)
            if before.cue is not None:
                return before
        # After: up to the next opening mark or the end of the sentence.
        after_end = para_end
        next_open = self.text.find("“", piece.close_at + 1, para_end)
        if next_open >= 0:
            after_end = next_open
        tail = self.text[piece.close_at + 1 : after_end]
        dash = _DASH_ATTRIBUTION.match(tail)
        if dash:
            speaker = self.token_at(piece.close_at + 1 + dash.end())
            if speaker is not None and speaker.i in self.owner:
                return _Attribution(speaker, speaker, False, "dash-attribution")
        stop = _SENTENCE_END.search(tail)
        window_end = piece.close_at + 1 + (stop.start() + 1 if stop else len(tail))
        # A quotation that closes its sentence with a full stop (“... unhinged.”) has
        # no attribution after it: news puts a comma there when one follows.
        ends_sentence = self.text[piece.start : piece.end].rstrip().endswith(".")
        found = None if ends_sentence else self.cue_in(piece.close_at + 1, window_end, last=False)
        if found is not None:
            speaker = self.subject_of(found, (piece.open_at, piece.close_at)) or self.nearest_name(
                piece.close_at + 1, window_end, found, after_quote=True
            )
            return _Attribution(found, speaker, False, "cue-after")
        return self.attribution_before(piece, para_start)

    def interrupted(self, piece: QuotedSpan, para_start: int) -> _Attribution | None:
        """ "“A,” Jo Lind said on Monday, “but B.”", "“A,” she said, and still “B”": the
        attribution between two parts of one quotation, the first ending in a comma."""
        head = self.text[para_start : piece.open_at]
        close = max(head.rfind("”"), head.rfind('"'))
        if close <= 0:
            return None
        close += para_start
        if self.text[close - 1] != "," and self.text[close + 1 : close + 2] != ",":
            return None
        between = self.text[close + 1 : piece.open_at]
        if re.search(r"[“”\"\n:;]", between) or _SENTENCE_END.search(between + " "):
            return None
        cue = self.cue_in(close + 1, piece.open_at, last=False)
        if cue is None or cue.lower_ == "according":
            return None
        # Only the speaker's words before the cue: "“A,” but also what she calls “B”"
        # is one sentence quoting twice.
        span = self.doc.char_span(close + 1, cue.idx, alignment_mode="contract")
        words = [t for t in span or () if not t.is_punct and not t.is_space]
        if words and (
            words[0].pos_ in ("CCONJ", "SCONJ") or any(t.pos_ in ("VERB", "AUX") for t in words)
        ):
            return None
        speaker = self.subject_of(cue, (piece.open_at, piece.close_at)) or self.nearest_name(
            close + 1, piece.open_at, cue
        )
        if speaker is None or speaker.idx <= close:
            return None
        return _Attribution(cue, speaker, True, "interrupted-quotation")

    def governed_by_earlier_cue(self, piece: QuotedSpan) -> bool:
        """ "Clinton says rival Sanders took money and “there's nothing wrong with
        that”": the quotation sits inside a clause that a cue before it reports."""
        inside = self.token_at(piece.start)
        if inside is None:
            return False
        para_start, _ = self.paragraph_bounds(piece.open_at)
        for ancestor in inside.ancestors:
            if ancestor.idx < para_start:
                break
            if ancestor.idx < piece.open_at and self.is_cue(ancestor):
                between = self.text[ancestor.idx + len(ancestor) : piece.open_at]
                if between.rstrip().endswith(",") and not self.has_verb(
                    ancestor.idx + len(ancestor), piece.open_at
                ):
                    return False  # "telling Reuters, “...”": an addressee, then the words
                return bool(re.search(r"[^\W\d_]{2,}", between)) and not re.search(
                    r"[:“”\"\n]", between
                )
        return False

    def attribution_before(self, piece: QuotedSpan, para_start: int) -> _Attribution:
        """ "X said: “...”", "X said, “...”": a cue ending the words before the mark.

        A quotation that opens its paragraph may be introduced by the paragraph before,
        when that ends in a colon ("He told the rally:" and the speech below it)."""
        head = self.text[para_start : piece.open_at]
        if not head.strip() and para_start > 0:
            previous_end = len(self.text[:para_start].rstrip())
            if previous_end and self.text[previous_end - 1] == ":":
                para_start, _ = self.paragraph_bounds(previous_end - 1)
                head = self.text[para_start : piece.open_at]
        ends = list(_SENTENCE_END.finditer(head))
        window_start = para_start + (ends[-1].end() if ends else 0)
        before = self.text[window_start : piece.open_at].rstrip()
        if before and (before[-1] in ":," or self.ends_with_cue(window_start, piece.open_at)):
            found = self.cue_in(window_start, piece.open_at, last=True)
            if found is not None:
                speaker = self.subject_of(
                    found, (piece.open_at, piece.close_at)
                ) or self.nearest_name(window_start, piece.open_at, found)
                return _Attribution(found, speaker, True, "cue-before")
            if before[-1] == ":":
                return self.colon_introduction(window_start, piece)
        return _Attribution(None, None, False)

    def colon_introduction(self, start: int, piece: QuotedSpan) -> _Attribution:
        """ "She then addressed the supporters: “...”": a clause whose subject names a
        person or a group, ending in a colon, introduces that actor's words."""
        span = self.doc.char_span(start, piece.open_at, alignment_mode="contract")
        if span is None:
            return _Attribution(None, None, False)
        verbs = [t for t in span if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj")]
        for verb in reversed(verbs):
            subject = self.subject_of(verb, (piece.open_at, piece.close_at))
            if subject is None:
                continue
            owned = self.owner.get(subject.i)
            if (owned is not None and owned[0].type in ("person", "group")) or (
                subject.lower_ in ("he", "she", "they")
            ):
                return _Attribution(verb, subject, True, "colon-introduction")
        return _Attribution(None, None, False)

    def has_verb(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)

    def nearest_name(
        self, start: int, end: int, cue: Token, *, after_quote: bool = False
    ) -> Token | None:
        """When the parse gives the cue no subject: the actor named nearest the cue in
        the attribution window, else the nearest proper noun or personal pronoun."""
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return None
        candidates = [t for t in span if t.i != cue.i and t.i in self.owner]
        candidates = [t for t in candidates if self.owner[t.i][0].type != "country"] or candidates
        if not candidates:
            candidates = [t for t in span if t.pos_ == "PROPN" or t.lower_ in ("he", "she", "they")]
        if not candidates:
            return None
        if after_quote:
            # "“...,” Jo Lind, 58, told the Daily Herald": after a quotation, a name
            # before the cue is its subject; the one after it may be the addressee.
            before = [t for t in candidates if t.i < cue.i]
            people = [
                t for t in before if t.i in self.owner and self.owner[t.i][0].type == "person"
            ]
            if people or before:
                return min(people or before, key=lambda t: t.i)
        return min(candidates, key=lambda t: abs(t.i - cue.i))

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
        return token.head.pos_ == "PROPN" or token.head.lower_ in _PRONOUNS

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
                # the one nearest the verb is its subject.
                return min(subjects, key=lambda c: abs(c.i - token.i))
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            token = token.head if token.head is not token else None
        return None

    def direct_quote(
        self,
        piece: QuotedSpan,
        found: _Attribution | None,
        previous: Quote | None,
        lines_since_previous: int,
    ) -> Quote | None:
        text = self.text
        if is_title(text[piece.start : piece.end]):
            return None  # “New Day”, “Broad City”: a name of a work, not someone's words
        own = self.attribution(piece) if found is None else found
        if own.cue is None:
            # No cue: a continuation of the last speaker, or not a quotation at all.
            words = len(text[piece.start : piece.end].split())
            para_start, _ = self.paragraph_bounds(piece.open_at)
            opens_sentence = not text[para_start : piece.open_at].strip() or bool(
                re.search(r"[.!?][”\"’]?\s*$", text[para_start : piece.open_at])
            )
            if previous is None or lines_since_previous > 2:
                return None
            if previous.speaker is None and previous.speaker_mention is None:
                return None
            if not opens_sentence or words < 3:
                return None
            quote = self.make_quote("direct", piece.start, piece.end)
            quote.speaker, quote.speaker_text = previous.speaker, previous.speaker_text
            quote.speaker_mention = previous.speaker_mention
            quote.rule = "continuation"
            return quote
        kind, start = "direct", piece.start
        end = piece.end
        if not own.cue_before:
            clause_start = self.clause_start(piece.open_at)
            if len(re.findall(r"[^\W\d_]+", text[clause_start : piece.open_at])) >= 2:
                kind, start = "mixed", clause_start
                # The reported clause runs on past the closing mark up to its
                # attribution: "... “arbitrarily detained” by Britain since 2010, a
                # panel said".
                end = max(piece.close_at + 1, self.attribution_start(piece, own))
        elif own.cue is not None and own.cue.idx < piece.open_at:
            # "X says no matter what ..., “...”": reported words lead into the quotation.
            cue_end = own.cue.idx + len(own.cue)
            lead = re.sub(r"^\s*(?:that\b|to\b)?", "", text[cue_end : piece.open_at])
            # A clause of its own, not a channel or addressee ("wrote on Twitter:"), and
            # not an earlier part of the same quotation.
            if (
                not lead.rstrip().endswith(":")
                and not re.search(r"[“”\"\n]", lead)
                and self.has_verb(piece.open_at - len(lead), piece.open_at)
            ):
                lead_start = piece.open_at - len(lead)
                while lead_start < piece.open_at and not text[lead_start].isalnum():
                    lead_start += 1
                kind, start, end = "mixed", lead_start, piece.close_at + 1
        if own.cue_before and piece.closed:
            # "said “the wind is at our backs” despite his loss": the reported clause
            # goes on after the closing mark to the end of its sentence.
            rest = self.clause_rest(piece.close_at + 1)
            if rest > piece.close_at + 1:
                if kind == "direct":
                    kind, start = "mixed", piece.open_at
                end = rest
        quote = self.make_quote(kind, start, end)
        self.attach(quote, own)
        if kind == "mixed" and quote.speaker is None:
            return None  # a title or a scare quote near a verb of saying
        return quote

    def clause_rest(self, after: int) -> int:
        """The end of a sentence that goes on in lower case after a closing mark."""
        following = self.text[after : after + 2].lstrip(" ")
        if not following or not following[0].islower():
            return after
        token = self.token_at(after + len(self.text[after:]) - len(self.text[after:].lstrip()))
        if token is None:
            return after
        sentence_end = token.sent.end_char
        _, para_end = self.paragraph_bounds(after)
        end = min(sentence_end, para_end)
        # Further quoted words in the same clause belong to it ("says “A” because “B”"),
        # unless a cue of their own comes first ("... and Jo Lind said “B”").
        for span in self.spans:
            if not after <= span.open_at < end:
                continue
            if self.cue_in(after, span.open_at, last=False) is not None:
                end = span.open_at
                break
            end = max(end, min(span.close_at + 1, para_end))
        while end > after and not self.text[end - 1].isalnum() and self.text[end - 1] not in '”"':
            end -= 1
        return end

    def attribution_start(self, piece: QuotedSpan, own: _Attribution) -> int:
        """Where the words of attribution after a quotation begin."""
        marks = [t for t in (own.cue, own.speaker) if t is not None and t.idx > piece.close_at]
        if not marks:
            return piece.close_at + 1
        first = min(marks, key=lambda t: t.i)
        if own.speaker is not None and own.speaker.idx > piece.close_at:
            first = min(first, own.speaker.left_edge, key=lambda t: t.i)
        end = first.idx
        while end > piece.close_at + 1 and self.text[end - 1] in " ,—–\n":
            end -= 1
        return end

    def clause_start(self, open_at: int) -> int:
        para_start, _ = self.paragraph_bounds(open_at)
        head = self.text[para_start:open_at]
        ends = list(_SENTENCE_END.finditer(head))
        start = para_start + (ends[-1].end() if ends else 0)
        while start < open_at and self.text[start].isspace():
            start += 1
        return start

    def make_quote(self, kind: str, start: int, end: int) -> Quote:
        while end > start and self.text[end - 1] in " ,\n":
            end -= 1
        return Quote(id="", kind=kind, text=self.text[start:end], start=start, end=end)

    def attach(self, quote: Quote, attribution: _Attribution) -> None:
        quote.rule = attribution.rule
        cue = attribution.cue
        if cue is not None:
            cue_end = cue.idx + len(cue)
            if cue.lower_ == "according":
                to = self.doc[cue.i + 1]
                cue_end = to.idx + len(to)
            quote.cue = self.text[cue.idx : cue_end]
            quote.cue_span = (cue.idx, cue_end)
            quote.channel = self.channel(cue)
        speaker = attribution.speaker
        if speaker is None:
            return
        actor, mention = self.resolve(speaker, quote.start)
        quote.speaker_mention = mention
        if actor is not None:
            quote.speaker, quote.speaker_text = actor.id, actor.name

    def channel(self, cue: Token) -> str | None:
        """ "on Twitter", "in an interview with CNN", "in a statement"."""
        for prep in cue.children:
            if prep.dep_ != "prep" or prep.lower_ not in _CHANNEL_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            org = self.owner.get(obj.i)
            is_platform = org is not None and org[0].type == "organization"
            if is_platform or self.kb.cue(obj.lemma_, "noun") is not None:
                phrase = self.doc[obj.left_edge.i : obj.right_edge.i + 1]
                words = [t for t in phrase if t.lower_ not in ("a", "an", "the")]
                if words:
                    return self.text[words[0].idx : words[-1].idx + len(words[-1])]
        return None

    # -- speakers --------------------------------------------------------------------
    def resolve(self, token: Token, before: int) -> tuple[Actor | None, TextSpan]:
        """The actor a speaker's words name, and those words."""
        owned = self.owner.get(token.i)
        if owned is not None:
            return owned
        phrase = self.noun_phrase(token)
        mention = TextSpan(phrase[0], phrase[1], self.text[phrase[0] : phrase[1]])
        lower = _POSSESSIVES.get(token.lower_, token.lower_)
        if lower in _PRONOUNS:
            return self.antecedent(lower, token.idx), mention
        described = self.described_person(token, token.idx)
        if described is not None:
            return described, mention
        return self.new_group(token, phrase), mention

    def noun_phrase(self, token: Token) -> tuple[int, int]:
        left = token.left_edge
        while left.i < token.i and left.is_punct:
            left = self.doc[left.i + 1]
        return left.idx, token.idx + len(token)

    def antecedent(self, pronoun: str, at: int) -> Actor | None:
        """Who a pronoun names: the speaker of the quotation just before, when it is in
        this paragraph or the one before and of the right kind (a person for he, she and
        I); else the nearest actor of the right kind mentioned before it."""
        wanted = (
            ("person",) if pronoun in ("he", "she", "i") else ("group", "organization", "country")
        )
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            if actor.type not in wanted:
                continue
            for mention in actor.mentions:
                if mention.end <= at and (best is None or mention.start > best[0]):
                    best = (mention.start, actor)
        earlier = [q for q in self.results if q.start < at]
        if earlier:
            last = max(earlier, key=lambda q: q.start)
            near = self.text.count("\n", last.end, at) <= 2
            actor = next((a for a in self.actors if a.id == last.speaker), None)
            # "X said that ... “…,” she said": a person named after the last quotation
            # is nearer than its speaker
            named_since = best is not None and best[0] > last.end and best[1] is not actor
            if near and actor is not None and actor.type in wanted and not named_since:
                return actor
        return best[1] if best else None

    def described_person(self, token: Token, at: int) -> Actor | None:
        """ "the senator", "the former official": the last person whose role says so."""
        if not token.is_lower or token.tag_ not in ("NN", "NNP"):
            return None
        word = re.compile(rf"\b{re.escape(token.lemma_.lower())}\b")
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            if actor.type != "person" or not actor.role or not word.search(actor.role.lower()):
                continue
            for mention in actor.mentions:
                if mention.end <= at and (best is None or mention.start > best[0]):
                    best = (mention.start, actor)
        return best[1] if best else None

    def new_group(self, token: Token, phrase: tuple[int, int]) -> Actor | None:
        """A speaker that is no actor yet ("the ministry", "sources") becomes a group.

        Only nouns that name people or bodies qualify: group nouns, organisation words
        and titles ("the spokesman"); "her book" says nothing.
        """
        kb = self.kb
        if token.pos_ not in ("NOUN", "PROPN") or not (
            kb.group_noun(token.text)[0]
            or kb.org_word(token.text)
            or kb.title(token.text)
            or kb.title(token.lemma_)
            or token.ent_type_ == "NORP"
        ):
            return None
        words = [
            t
            for t in self.doc[
                self.doc.char_span(*phrase, alignment_mode="expand").start : token.i + 1
            ]
            if t.lower_ not in _STRIP_DETERMINERS and not t.is_punct
        ]
        if not words:
            return None
        name = " ".join(t.text for t in words)
        existing = next(
            (a for a in self.actors if a.type == "group" and key(a.name) == key(name)), None
        )
        span = TextSpan(phrase[0], phrase[1], self.text[phrase[0] : phrase[1]])
        if existing is not None:
            if span not in existing.mentions:
                existing.mentions.append(span)
                existing.mentions.sort(key=lambda m: m.start)
            return existing
        actor = Actor(id=f"a{len(self.actors) + 1}", type="group", name=name, mentions=[span])
        for word in words[:-1]:
            country = self.kb.nationality(word.text) or self.kb.country(word.text)
            if country is not None:
                actor.country = country.iso3
                actor.coding["country"] = Coding("group-nationality", span)
                break
        _, sector = self.kb.group_noun(token.text)
        if sector:
            actor.sector = sector
            actor.coding["sector"] = Coding(f"group-noun:{token.lower_}", span)
        self.actors.append(actor)
        for t in words:
            self.owner.setdefault(t.i, (actor, span))
        return actor

    # -- indirect --------------------------------------------------------------------
    def indirect_quotes(self, quoted: list[tuple[int, int]]) -> None:
        def inside_quote(start: int, end: int) -> bool:
            return any(s < end and start < e for s, e in quoted)

        def inside_marks(at: int) -> bool:
            return any(s < at < e for s, e in self.marked)

        for sentence in self.doc.sents:
            noun_clauses = {t.i: c for t in sentence if (c := self.noun_clause(t)) is not None}
            # Nouns of saying first: "noted his warning that ..." is his warning.
            for token in sorted(sentence, key=lambda t: t.i not in noun_clauses):
                content: tuple[int, int] | None = None
                rule = "according-to"
                if self.is_according(token):
                    content = self.according_content(token, sentence)
                elif token.i in noun_clauses:
                    # "her remark that “there's a special place ...”"
                    content, rule = noun_clauses[token.i], "noun-cue"
                elif self.is_cue(token):
                    cue = self.kb.cue(token.lemma_, "verb")
                    if cue is None:
                        continue
                    clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
                    if clause is not None and clause.i < token.i and self.governed_quote(token):
                        # "...: Jo Lind called it “a mistake.”": the quoted words the verb
                        # governs, not a clause the parser hung on it from before.
                        clause = None
                    if clause is not None and cue.kind in _INDIRECT_KINDS:
                        content, rule = self.clause_span(clause), "reported-clause"
                    elif token.dep_ == "parataxis" and cue.kind in _INDIRECT_KINDS:
                        # "The test, North Korea said, was its biggest": the clause around.
                        content, rule = self.clause_around(token), "parenthetical-cue"
                    else:
                        # "criticized the law as a “crazy system”": quoted words in what
                        # the verb governs make a mixed quotation whatever its frame.
                        content, rule = self.governed_quote(token), "governed-quotation"
                        if content is None and cue.direction in ("object", "either"):
                            content, rule = self.complement(token), "object-complement"
                if (
                    content is None
                    or inside_quote(*content)
                    or inside_quote(token.idx, token.idx + 1)
                    or inside_marks(token.idx)  # quoted words are the speaker's, not a cue
                ):
                    continue
                speaker = self.possessor(token) if rule == "noun-cue" else self.subject_of(token)
                if speaker is None:
                    continue
                # A quoted fragment inside the reported clause makes it a mixed quotation.
                kind = "indirect"
                if any(content[0] < e and s < content[1] + 2 for s, e in self.marked):
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
                            for s, e in self.marked
                            if content[0] <= s < content[1]
                            or (s < content[0] and not self.text[s + 1 : content[0]].strip())
                        ),
                        default=0,
                    )
                    content = (content[0], max(closing, self.include_closing_mark(content[1])))
                quote = self.make_quote(kind, *content)
                if quote.start < token.idx < quote.end:
                    self.cut_out(quote, token)
                # "called it “absurd”": two words are enough when one of them is quoted.
                if len(quote.text.split()) < (2 if kind == "mixed" else 3):
                    continue
                self.attach(quote, _Attribution(token, speaker, True, rule))
                # A reported clause names its source even when no actor stands behind
                # the words ("the ad argues that “...”"); other frames need an actor.
                if quote.speaker is None and quote.kind == "mixed" and rule != "reported-clause":
                    continue
                self.results.append(quote)
                quoted.append((quote.start, quote.end))

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

    def complement(self, verb: Token) -> tuple[int, int] | None:
        """What a verb of saying with an object says: "called for new sanctions".

        Not for a passive ("they are expected to follow"): its subject says nothing.
        """
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return None
        kept = [
            c
            for c in verb.rights
            if c.dep_ in ("dobj", "xcomp", "prep", "attr", "oprd", "dative")
            and not (c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "during", "after"))
        ]
        if not kept:
            return None
        tokens = [t for c in kept for t in c.subtree if not t.is_space]
        tokens.sort(key=lambda t: t.i)
        while tokens and tokens[-1].is_punct:
            tokens = tokens[:-1]
        if len(tokens) < 3:
            return None
        return tokens[0].idx, tokens[-1].idx + len(tokens[-1])

    def governed_quote(self, verb: Token) -> tuple[int, int] | None:
        """The words a verb of saying governs after it, up to the quotation they hold."""
        right: list[Token] = []
        for child in verb.rights:
            right.extend(t for t in child.subtree if not t.is_space)
            if not right:
                continue
            start = right[0].idx
            end = child.right_edge.idx + len(child.right_edge)
            if any(start <= s and e <= end + 2 for s, e in self.marked):
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
        """The rest of the sentence, around "according to X"."""
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


_TITLE_SMALL_WORDS = frozenset(
    {"of", "the", "and", "a", "an", "in", "on", "with", "for", "to", "&"}
)


def is_title(fragment: str) -> bool:
    """Whether quoted words read as the name of a work or show ("Sunday Morning Futures"):
    a few words, every one capitalised but the small ones, no sentence punctuation."""
    stripped = fragment.strip().rstrip(",")
    words = re.findall(r"[^\W\d_][\w’'&-]*", stripped)
    if not words or len(words) > 6 or re.search(r"[.!?]", stripped):
        return False
    return (
        all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)
        and words[0][0].isupper()
    )
