"""The parsed article that the stages share.

A ``Document`` holds the spaCy parse, the text, the sentences and the actors with an
index from each token to the actor (and mention) it names. It is the only place after
the actor stage that adds an actor or sets an actor's codes: the quote and event stages
ask it for the country actor of a nationality word, for a group actor of a speaker
("the ministry said"), or to give an actor the country its phrase names, and each such
code keeps the words behind it. It also holds the one pronoun resolver, so "he" names
the same actor for a quotation and for an event.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from detente.kb import Country, KnowledgeBase, key
from detente.layout import Layout
from detente.model import Actor, Coding, Quote
from detente.model import Span as TextSpan

STATE_SECTORS = frozenset({"GOV", "COP", "MIL", "LEG", "JUD", "SPY"})
"""The sectors of a state's offices and bodies."""

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "me", "my"})
OTHER_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we", "us", "our"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
LINE = re.compile(r"[^\n]*\S[^\n]*")
"""A line of text that is not blank."""
_BY = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,3}(?:by|from)\s+", re.I)
HEADER_LINES = 4
"""How many lines from the top a statement's author is named in."""
FIRST_PERSON = frozenset({"i", "me", "my"})
WE = frozenset({"we", "us", "our"})
NEAREST_WITHIN = 400
"""How far back (in characters) the last resort of the pronoun resolver looks: a
mention further back than a paragraph or so is no antecedent ("I" in a long
transcript is not the last person named a page before)."""
_TEXT_KEY = "detente.text"


def doc_text(doc: Doc) -> str:
    """The document's text, built once: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


class Document:
    """One parsed article and its actors, shared by the actor, quote and event stages."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, layout: Layout) -> None:
        self.doc = doc
        self.kb = kb
        self.text = doc_text(doc)
        self.layout = layout
        self.sentences: list[Span] = list(doc.sents)
        self._sentence_of = [0] * len(doc)
        for number, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self._sentence_of[i] = number
        self._entity_at = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        """The named entity of each token in one; ``Doc.ents`` builds every entity anew."""
        self.actors: list[Actor] = []
        self.quotes: list[Quote] = []
        """The quotations found so far: the quote stage fills it as it goes, so that a
        pronoun after a quotation can name its speaker."""
        self._index: dict[int, tuple[Actor, TextSpan]] = {}
        self._pair_nouns = kb.governors("pair-noun")
        self.home: tuple[str, TextSpan] | None = None
        self.not_countries: set[str] = set()
        """Country names that name something else in this text ("Georgia" of "Dalton,
        Georgia"): the actor finder fills it, the event coder respects it."""
        """The article's home country and its first mention, if one clearly leads
        (``actors.coding.home_country``); state bodies named later take it."""
        self.author: Actor | None = None
        """Who says "I" in the article's own words, if the article says (``_author``)."""

    # -- the parse -----------------------------------------------------------------
    def sentence(self, token: Token) -> Span:
        """The sentence of a token; ``Token.sent`` searches the document every call."""
        return self.sentences[self._sentence_of[token.i]]

    def sentence_number(self, char: int) -> int:
        """The number of the sentence a character offset falls in."""
        token = self.token_at(char)
        return self._sentence_of[token.i] if token is not None else -1

    def entity_of(self, token: Token) -> Span | None:
        """The named entity a token is part of."""
        return self._entity_at.get(token.i)

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def country(self, name: str) -> Country | None:
        """The country a name names in this text (not "Georgia" of "Dalton, Georgia")."""
        found = self.kb.country(name)
        return None if found is None or key(name) in self.not_countries else found

    def text_span(self, token: Token) -> TextSpan:
        return TextSpan(token.idx, token.idx + len(token), token.text)

    # -- actors --------------------------------------------------------------------
    def set_actors(self, actors: list[Actor]) -> None:
        """The actors the actor stage found; every later actor is added through here."""
        self.actors = actors
        self._index = {}
        for actor in actors:
            self._index_mentions(actor, actor.mentions)
        self.author = self._author()

    def _author(self) -> Actor | None:
        """Who says "I" in the article's own words: the person a statement's headline
        is by ("Statement from President Joe Biden on ..."), or the person a header line
        names alone ("Antony J. Blinken, Secretary of State")."""
        lines = [m for m in LINE.finditer(self.text[:2000])][:HEADER_LINES]
        people = [
            (m.start, m.end, a) for a in self.actors if a.type == "person" for m in a.mentions
        ]
        for number, line in enumerate(lines):
            start, end = line.span()
            by = _BY.match(line.group()) if number == 0 else None
            if by is not None:
                found = [p for p in people if start + by.end() <= p[0] < end]
                if found:
                    return min(found, key=lambda p: p[0])[2]
            elif number > 0 and end - start <= 120:
                found = [p for p in people if p[0] == start and self.text[p[1] : p[1] + 1] == ","]
                if found:
                    return found[0][2]
        return None

    def _index_mentions(self, actor: Actor, mentions: list[TextSpan]) -> None:
        for mention in mentions:
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self._index.setdefault(token.i, (actor, mention))

    def actor_at(self, token_index: int) -> Actor | None:
        """The actor a token names, if any."""
        found = self._index.get(token_index)
        return found[0] if found is not None else None

    def mention_at(self, token_index: int) -> tuple[Actor, TextSpan] | None:
        """The actor a token names and the mention it is part of."""
        return self._index.get(token_index)

    def _new_id(self) -> str:
        return f"a{len(self.actors) + 1}"

    def countries_in(self, sent: Span) -> list[tuple[int, Actor]]:
        """The mentions of country actors in a sentence, as (start, actor)."""
        return [
            (mention.start, actor)
            for actor in self.actors
            if actor.type == "country"
            for mention in actor.mentions
            if sent.start_char <= mention.start < sent.end_char
        ]

    def country_actor(self, iso3: str, token: Token) -> Actor:
        """The country actor of a code; made when the text names the country only as a
        place or a nationality word ("trips to Beijing", "a Chinese jet")."""
        for actor in self.actors:
            if actor.type == "country" and actor.country == iso3:
                return actor
        country = self.kb.by_iso3.get(iso3)
        actor = Actor(
            id=self._new_id(),
            type="country",
            name=country.name if country else iso3,
            country=iso3,
            mentions=[self.text_span(token)],
        )
        self.actors.append(actor)
        self._index.setdefault(token.i, (actor, actor.mentions[0]))
        return actor

    def find_group(self, name: str, country: str | None = None) -> Actor | None:
        """The group actor of this name (and this country, when one is given)."""
        wanted = key(name)
        return next(
            (
                a
                for a in self.actors
                if a.type == "group"
                and key(a.name) == wanted
                and (country is None or a.country == country)
            ),
            None,
        )

    def add_group(
        self,
        name: str,
        mention: TextSpan,
        tokens: list[Token],
        *,
        country: tuple[str, Coding] | None = None,
        sector: tuple[str, Coding] | None = None,
    ) -> Actor:
        """A new group actor ("the ministry", "demonstrators in Lima"), named at
        ``mention`` by ``tokens``, with the country and sector the words give."""
        actor = Actor(id=self._new_id(), type="group", name=name, mentions=[mention])
        if country is not None:
            actor.country, actor.coding["country"] = country
        if sector is not None:
            actor.sector, actor.coding["sector"] = sector
        if actor.country is None and self.home is not None and self._state_body(actor, tokens):
            actor.country = self.home[0]
            actor.coding["country"] = Coding("home-country", self.home[1])
        self.actors.append(actor)
        for token in tokens:
            self._index.setdefault(token.i, (actor, mention))
        return actor

    def home_body(self, token: Token) -> Actor | None:
        """ "The Government", "the cabinet", "the President" when no president was
        named before: a body or office of a state named by its head word alone, with
        no word saying whose, is the home country's. None when the article has no home
        or the word names no national state body or office."""
        body = self.kb.org_word(token.text)
        title = self.kb.title(token.text) or self.kb.title(token.lemma_)
        if body is not None and body.national:
            sector = body.sector
        elif title is not None and title.sector:
            sector = title.sector
        else:
            return None
        if (
            self.home is None
            or sector not in STATE_SECTORS
            or token.tag_ not in ("NN", "NNP")
            or any(c.dep_ != "det" for c in token.lefts)
            or any(c.dep_ == "prep" and c.lower_ in ("of", "in") for c in token.rights)
        ):
            return None
        span = self.text_span(token)
        existing = self.find_group(token.text)
        if existing is not None:
            self.add_mention(existing, span)
            return existing
        coding = Coding(f"home-body:{token.lower_}", span)
        country = (title.country, coding) if body is None and title and title.country else None
        return self.add_group(token.text, span, [token], country=country, sector=(sector, coding))

    def _state_body(self, actor: Actor, tokens: list[Token]) -> bool:
        """A group that is an office of a state: a state sector, or named by the
        singular title of one ("The President", "the minister")."""
        if actor.sector in STATE_SECTORS:
            return True
        head = tokens[-1] if tokens else None
        if head is None or head.tag_ not in ("NN", "NNP"):
            return False  # "the ministers" of a coalition are of many states
        title = self.kb.title(head.text) or self.kb.title(head.lemma_)
        return title is not None and title.sector in STATE_SECTORS

    def add_mention(self, actor: Actor, mention: TextSpan) -> None:
        if mention not in actor.mentions:
            actor.mentions.append(mention)
            actor.mentions.sort(key=lambda m: m.start)

    def set_country(self, actor: Actor, iso3: str, rule: str, token: Token) -> None:
        """Give an actor of no known country the one the words at ``token`` name."""
        actor.country = iso3
        actor.coding["country"] = Coding(rule, self.text_span(token))

    # -- descriptions ----------------------------------------------------------------
    def described(self, token: Token) -> Actor | None:
        """ "the senator", "the former official", "The President": the last person
        named before whose role says so; written with a capital, of the home country's
        people when others hold the title too."""
        lowered = token.is_lower or any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        )
        if not lowered or token.tag_ not in ("NN", "NNP"):
            return None
        # "the Prime Minister" is no Deputy Prime Minister, and no other minister
        words = [c.lemma_.lower() for c in token.lefts if c.dep_ == "compound"]
        phrase = " ".join([*words, token.lemma_.lower()])
        word = re.compile(rf"(?<!deputy )(?<!vice )(?<!assistant )\b{re.escape(phrase)}\b")
        last: dict[str, tuple[int, Actor]] = {}
        for actor in self.actors:
            if actor.type != "person" or not actor.role or not word.search(actor.role.lower()):
                continue
            for mention in actor.mentions:
                if mention.end <= token.idx and mention.start > last.get(actor.id, (-1,))[0]:
                    last[actor.id] = (mention.start, actor)
        if not last:
            return None
        home = self.home[0] if self.home else None
        ours = [found for found in last.values() if found[1].country == home]
        if token.text[:1].isupper() and ours and len(ours) < len(last):
            # "The President" of a readout of two presidents' call: the home country's
            return max(ours, key=lambda found: found[0])[1]
        return max(last.values(), key=lambda found: found[0])[1]

    # -- the two sides --------------------------------------------------------------
    def pair_of(self, token: Token) -> list[Actor] | None:
        """The two sides "the two leaders", "both sides", "the two countries" or a bare
        "the leaders" name (see ``sides_named``). None when the words are no such
        phrase or the article has not named two sides."""
        if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() not in self._pair_nouns:
            return None
        words = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet")}
        bare = words == {"the"} and all(c.dep_ in ("det", "punct") for c in token.children)
        if not ({"the", "two"} <= words or "both" in words or bare):
            return None  # "two ministers resigned" names no pair the article set up
        return self.sides_named(token)

    def sides_named(self, token: Token) -> list[Actor] | None:
        """The two sides the article has set up at ``token``: the last two people it
        named, of two different countries, else the last two countries; when it has
        named none before (a readout that opens "The two leaders discussed relations
        between Russia and Israel"), the first two its sentence names after. In the
        order the article named them."""
        sentence = self.sentence(token)
        for wanted in ("person", "country"):
            for mentions, paired in (
                (self._mentions_before(token.idx, wanted), False),
                (self._mentions_after(token.idx, sentence.end_char, wanted), True),
            ):
                chosen: list[tuple[int, Actor]] = []
                for start, actor in mentions:
                    if actor.country and all(actor.country != a.country for _, a in chosen):
                        chosen.append((start, actor))
                    if len(chosen) == 2:
                        pair = sorted(chosen, key=lambda c: c[0])
                        if paired and not self._named_together(pair[0][0], pair[1][0]):
                            break
                        return [a for _, a in pair]
        return None

    def _named_together(self, first: int, second: int) -> bool:
        """Whether two mentions name a pair: coordinated ("between Russia and Israel",
        "Norway and Kenya") or joined by a hyphen ("U.S.-China relations"). Two
        countries of one sentence that play other parts ("condemned Russia's aggression
        against Ukraine") are not "the leaders" of the sentence before them."""
        if self.text[first:second].rstrip(" ").endswith(("-", "–")):
            return True
        right = self.token_at(second)
        if right is None:
            return False
        while right.dep_ in ("compound", "det", "amod") and right.head.i > right.i:
            right = right.head  # "the United [States]"
        return right.dep_ == "conj" and first <= right.head.idx < second

    def _mentions_after(self, at: int, until: int, wanted: str) -> list[tuple[int, Actor]]:
        """(start, actor) of the first mention of each actor of a type between ``at``
        and ``until``, the nearest first."""
        first: dict[str, tuple[int, Actor]] = {}
        for actor in self.actors:
            if actor.type != wanted:
                continue
            starts = [m.start for m in actor.mentions if at <= m.start < until]
            if starts:
                first[actor.id] = (min(starts), actor)
        return sorted(first.values(), key=lambda m: m[0])

    def _mentions_before(self, at: int, wanted: str) -> list[tuple[int, Actor]]:
        """(start, actor) of the last mention of each actor of a type before ``at``,
        the most recent first."""
        last: dict[str, tuple[int, Actor]] = {}
        for actor in self.actors:
            if actor.type != wanted:
                continue
            starts = [m.start for m in actor.mentions if m.end <= at]
            if starts:
                last[actor.id] = (max(starts), actor)
        return sorted(last.values(), key=lambda m: -m[0])

    # -- pronouns ------------------------------------------------------------------
    def antecedent(self, pronoun: Token) -> Actor | None:
        """What a pronoun names: a person for he, she and I, else a country,
        organisation or group. "I" in the article's own words (not in a quotation) is
        its author, when the article names one. Else, in order: the speaker of the
        quotation just before, when it is near (this paragraph or the one before) and
        no other actor of the kind was named since; the subjects, then the other
        mentions, of this sentence and the one before; the last subject of the
        paragraph ("Yellen arrived on Thursday. ... She also met Liu He"); the nearest
        mention before the pronoun, within ``NEAREST_WITHIN`` characters."""
        personal = pronoun.lower_ in PERSON_PRONOUNS
        wanted = ("person",) if personal else ("country", "organization", "group")
        at = pronoun.idx
        if pronoun.lower_ in FIRST_PERSON | WE:
            speaker = self._speaker_quoted_at(at)
            if speaker is not None:
                return speaker  # "our support for Argentina", in the Treasury's words
        if pronoun.lower_ in FIRST_PERSON | WE and self.author is not None and not self._quoted(at):
            return self.author  # "I", and "we" of the author and their government
        nearest = self._nearest_mention(wanted, at)
        speaker = self._last_speaker(wanted, at, nearest)
        if speaker is not None:
            return speaker
        in_sentences = self._sentence_candidate(pronoun, wanted)
        if in_sentences is not None:
            return in_sentences
        subject = self._paragraph_subject(pronoun, wanted)
        if subject is not None:
            return subject
        if nearest is not None and at - nearest[0] <= NEAREST_WITHIN:
            return nearest[1]
        return None

    def _speaker_quoted_at(self, at: int) -> Actor | None:
        """The speaker of the direct quotation a position is in, when it has one."""
        for quote in self.quotes:
            if quote.kind in ("direct", "mixed") and quote.start <= at < quote.end:
                return next((a for a in self.actors if a.id == quote.speaker), None)
        return None

    def _quoted(self, at: int) -> bool:
        return any(q.start <= at < q.end for q in self.quotes if q.kind in ("direct", "mixed"))

    def _nearest_mention(self, wanted: tuple[str, ...], at: int) -> tuple[int, Actor] | None:
        best: tuple[int, Actor] | None = None
        for actor in self.actors:
            if actor.type not in wanted:
                continue
            for mention in actor.mentions:
                if (
                    mention.end <= at
                    and (best is None or mention.start > best[0])
                    and not self._names_a_thing(mention)
                ):
                    best = (mention.start, actor)
        return best

    def _names_a_thing(self, mention: TextSpan) -> bool:
        """A name that only modifies a common noun ("the EastMed signing ceremony") is
        no one a later pronoun can mean."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ == "NOUN"

    def _last_speaker(
        self, wanted: tuple[str, ...], at: int, nearest: tuple[int, Actor] | None
    ) -> Actor | None:
        earlier = [q for q in self.quotes if q.start < at]
        if not earlier:
            return None
        last = max(earlier, key=lambda q: q.start)
        near = self.text.count("\n", last.end, at) <= 2
        actor = next((a for a in self.actors if a.id == last.speaker), None)
        # "X said that ... “…,” she said": a person named after the last quotation is
        # nearer than its speaker
        named_since = nearest is not None and nearest[0] > last.end and nearest[1] is not actor
        if near and actor is not None and actor.type in wanted and not named_since:
            return actor
        return None

    def _paragraph_subject(self, pronoun: Token, wanted: tuple[str, ...]) -> Actor | None:
        paragraph_start = self.text.rfind("\n", 0, pronoun.idx) + 1
        for token in reversed(self.doc[: pronoun.i]):
            if token.idx < paragraph_start:
                break
            actor = self.actor_at(token.i)
            if actor is not None and actor.type in wanted and token.dep_ in _SUBJECTS:
                return actor
        return None

    def _sentence_candidate(self, pronoun: Token, wanted: tuple[str, ...]) -> Actor | None:
        sent = self.sentence(pronoun)
        previous = self.sentence(self.doc[sent.start - 1]) if sent.start > 0 else None
        candidates: list[tuple[int, int, Actor]] = []
        for scope, weight in ((sent, 2), (previous, 1)):
            if scope is None:
                continue
            for token in scope:
                if token.i >= pronoun.i:
                    break
                actor = self.actor_at(token.i)
                if actor is None or actor.type not in wanted:
                    continue
                if token.dep_ in ("compound", "nmod", "amod") and token.head.pos_ == "NOUN":
                    continue  # "the EastMed signing ceremony"
                subjectish = token.dep_ in _SUBJECTS or (
                    token.dep_ == "poss" and token.head.dep_ in _SUBJECTS
                )
                candidates.append((weight * 2 + (2 if subjectish else 0), token.i, actor))
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c[0], c[1]))[2]
