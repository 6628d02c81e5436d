"""Direct and mixed quotations: paired quotation marks and the cue of saying next to
them ("... ,” said X", "X wrote: “...”", "“...” —X", "according to X").

A quotation with no cue of its own continues the speaker of the quotation just before
it, in the same or the previous paragraph. A quoted fragment inside someone's reported
clause is a mixed quotation; a fragment nobody is said to have said (a scare quote, a
title) is not a quotation.
"""

from __future__ import annotations

import re

from detente.model import Quote
from detente.quotes.cues import SENTENCE_END, Attribution
from detente.quotes.marks import QuotedSpan
from detente.quotes.reader import QuoteReader

_DASH_ATTRIBUTION = re.compile(r"^[ \t\xa0]*[—–―]+[ \t\xa0]*(?=\S)")
_TITLE_SMALL_WORDS = frozenset(
    {"of", "the", "and", "a", "an", "in", "on", "with", "for", "to", "&"}
)


class DirectQuotes(QuoteReader):
    """Finds the direct and mixed quotations of one article."""

    def find(self) -> None:
        """Add the article's direct and mixed quotations to ``document.quotes``."""
        by_chain: dict[int, list[QuotedSpan]] = {}
        for span in self.marks.spans:
            by_chain.setdefault(span.chain, []).append(span)
        found_so_far = self.document.quotes
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
                if found_so_far and found_so_far[-1].start <= piece.open_at < found_so_far[-1].end:
                    continue  # quoted inside the clause of the quotation before
                quote = self.direct_quote(piece, found, previous, line - previous_line)
                if quote is not None:
                    found_so_far.append(quote)
                    previous = quote
                    previous_line = self.text.count("\n", 0, piece.open_at)
        self.document.quotes = self.merge_parts(found_so_far)

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

    def attribution(self, piece: QuotedSpan) -> Attribution:
        """The cue and speaker next to one quoted span, after it first, then before it."""
        para_start, para_end = self.cues.paragraph_bounds(piece.open_at)
        if not piece.closed:
            return self.attribution_before(piece, para_start)
        resumed = self.interrupted(piece, para_start)
        if resumed is not None:
            return resumed
        if self.governed_by_earlier_cue(piece):
            return Attribution(None, None, False)  # the reported-clause reading takes it
        if self.cues.ends_with_cue(self.cues.clause_start(piece.open_at), piece.open_at):
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
            speaker = self.document.token_at(piece.close_at + 1 + dash.end())
            if speaker is not None and self.document.mention_at(speaker.i) is not None:
                return Attribution(speaker, speaker, False, "dash-attribution")
        stop = SENTENCE_END.search(tail)
        window_end = piece.close_at + 1 + (stop.start() + 1 if stop else len(tail))
        # A quotation that closes its sentence with a full stop (“... unhinged.”) has
        # no attribution after it: news puts a comma there when one follows.
        ends_sentence = self.text[piece.start : piece.end].rstrip().endswith(".")
        found = (
            None if ends_sentence else self.cues.cue_in(piece.close_at + 1, window_end, last=False)
        )
        if found is not None:
            speaker = self.cues.subject_of(
                found, (piece.open_at, piece.close_at)
            ) or self.speakers.nearest_name(piece.close_at + 1, window_end, found, after_quote=True)
            return Attribution(found, speaker, False, "cue-after")
        return self.attribution_before(piece, para_start)

    def interrupted(self, piece: QuotedSpan, para_start: int) -> Attribution | None:
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
        if re.search(r"[“”\"\n:;]", between) or SENTENCE_END.search(between + " "):
            return None
        cue = self.cues.cue_in(close + 1, piece.open_at, last=False)
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
        speaker = self.cues.subject_of(
            cue, (piece.open_at, piece.close_at)
        ) or self.speakers.nearest_name(close + 1, piece.open_at, cue)
        if speaker is None or speaker.idx <= close:
            return None
        return Attribution(cue, speaker, True, "interrupted-quotation")

    def governed_by_earlier_cue(self, piece: QuotedSpan) -> bool:
        """ "Clinton says rival Sanders took money and “there's nothing wrong with
        that”": the quotation sits inside a clause that a cue before it reports."""
        inside = self.document.token_at(piece.start)
        if inside is None:
            return False
        para_start, _ = self.cues.paragraph_bounds(piece.open_at)
        for ancestor in inside.ancestors:
            if ancestor.idx < para_start:
                break
            if ancestor.idx < piece.open_at and self.cues.is_cue(ancestor):
                between = self.text[ancestor.idx + len(ancestor) : piece.open_at]
                if between.rstrip().endswith(",") and not self.cues.has_verb(
                    ancestor.idx + len(ancestor), piece.open_at
                ):
                    return False  # "telling Reuters, “...”": an addressee, then the words
                return bool(re.search(r"[^\W\d_]{2,}", between)) and not re.search(
                    r"[:“”\"\n]", between
                )
        return False

    def attribution_before(self, piece: QuotedSpan, para_start: int) -> Attribution:
        """ "X said: “...”", "X said, “...”": a cue ending the words before the mark.

        A quotation that opens its paragraph may be introduced by the paragraph before,
        when that ends in a colon ("He told the rally:" and the speech below it)."""
        head = self.text[para_start : piece.open_at]
        if not head.strip() and para_start > 0:
            previous_end = len(self.text[:para_start].rstrip())
            if previous_end and self.text[previous_end - 1] == ":":
                para_start, _ = self.cues.paragraph_bounds(previous_end - 1)
                head = self.text[para_start : piece.open_at]
        ends = list(SENTENCE_END.finditer(head))
        window_start = para_start + (ends[-1].end() if ends else 0)
        before = self.text[window_start : piece.open_at].rstrip()
        if before and (before[-1] in ":," or self.cues.ends_with_cue(window_start, piece.open_at)):
            found = self.cues.cue_in(window_start, piece.open_at, last=True)
            if found is not None:
                speaker = self.cues.subject_of(
                    found, (piece.open_at, piece.close_at)
                ) or self.speakers.nearest_name(window_start, piece.open_at, found)
                return Attribution(found, speaker, True, "cue-before")
            if before[-1] == ":":
                return self.colon_introduction(window_start, piece)
        return Attribution(None, None, False)

    def colon_introduction(self, start: int, piece: QuotedSpan) -> Attribution:
        """ "She then addressed the supporters: “...”": a clause whose subject names a
        person or a group, ending in a colon, introduces that actor's words."""
        span = self.doc.char_span(start, piece.open_at, alignment_mode="contract")
        if span is None:
            return Attribution(None, None, False)
        verbs = [t for t in span if t.pos_ == "VERB" and t.dep_ in ("ROOT", "conj")]
        for verb in reversed(verbs):
            subject = self.cues.subject_of(verb, (piece.open_at, piece.close_at))
            if subject is None:
                continue
            owned = self.document.mention_at(subject.i)
            if (owned is not None and owned[0].type in ("person", "group")) or (
                subject.lower_ in ("he", "she", "they")
            ):
                return Attribution(verb, subject, True, "colon-introduction")
        return Attribution(None, None, False)

    def direct_quote(
        self,
        piece: QuotedSpan,
        found: Attribution | None,
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
            para_start, _ = self.cues.paragraph_bounds(piece.open_at)
            opens_sentence = not text[para_start : piece.open_at].strip() or bool(
                re.search(r"[.!?][”\"’]?\s*$", text[para_start : piece.open_at])
            )
            if previous is None or lines_since_previous > 2:
                return None
            if previous.speaker is None and previous.speaker_mention is None:
                return None
            if not opens_sentence or words < 3:
                return None
            quote = self.cues.make_quote("direct", piece.start, piece.end)
            quote.speaker, quote.speaker_text = previous.speaker, previous.speaker_text
            quote.speaker_mention = previous.speaker_mention
            quote.rule = "continuation"
            return quote
        kind, start = "direct", piece.start
        end = piece.end
        if not own.cue_before:
            clause_start = self.cues.clause_start(piece.open_at)
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
                and self.cues.has_verb(piece.open_at - len(lead), piece.open_at)
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
        quote = self.cues.make_quote(kind, start, end)
        self.speakers.attach(quote, own)
        if kind == "mixed" and quote.speaker is None:
            return None  # a title or a scare quote near a verb of saying
        return quote

    def clause_rest(self, after: int) -> int:
        """The end of a sentence that goes on in lower case after a closing mark."""
        following = self.text[after : after + 2].lstrip(" ")
        if not following or not following[0].islower():
            return after
        token = self.document.token_at(
            after + len(self.text[after:]) - len(self.text[after:].lstrip())
        )
        if token is None:
            return after
        sentence_end = token.sent.end_char
        _, para_end = self.cues.paragraph_bounds(after)
        end = min(sentence_end, para_end)
        # Further quoted words in the same clause belong to it ("says “A” because “B”"),
        # unless a cue of their own comes first ("... and Jo Lind said “B”").
        for span in self.marks.spans:
            if not after <= span.open_at < end:
                continue
            if self.cues.cue_in(after, span.open_at, last=False) is not None:
                end = span.open_at
                break
            end = max(end, min(span.close_at + 1, para_end))
        while end > after and not self.text[end - 1].isalnum() and self.text[end - 1] not in '”"':
            end -= 1
        return end

    def attribution_start(self, piece: QuotedSpan, own: Attribution) -> int:
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
