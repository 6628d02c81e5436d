"""Finding actors: persons, organisations, countries and groups, each with all its
mentions.

The parser's entities are the starting point; document-level evidence repairs them.
Once "Antony Blinken" is a person, every "Blinken" in the article is that person,
whatever label the parser gave it; "Twitter" is a platform wherever it stands; a
compound such as "Blinken-Xi" is two people; a title word ("State" in "Secretary of
State", "Councilor") is never an actor of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from detente.actors.roles import RoleInfo, appositive_after, known_org
from detente.document import HEADER_LINES, LINE, Document
from detente.kb import Country, KnowledgeBase, Organization, key
from detente.kb.gazetteer import city
from detente.model import Coding
from detente.model import Span as TextSpan

_SKIP_LABELS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE", "LAW"}
)
_LEADING_DROP = frozenset({"the", "a", "an", "The", "A", "An"})
_GENERATIONS = frozenset({"jr", "sr"})
"""Generational suffixes, written "Jr." or "Sr.", that end a name."""
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_HONORIFICS = frozenset(
    {
        "mr.",
        "mrs.",
        "ms.",
        "mr",
        "mrs",
        "ms",
        "dr",
        "dr.",
        "his",
        "her",
        "majesty",
        "highness",
        "excellency",
    }
)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "ben", "bint", "ould"})
_PATRONYMIC = frozenset({"bin", "bint", "ibn"})
"""Words that join a given name to a father's ("Haitham bin Tariq"): one name."""
_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
_CITY_COMMA = re.compile(r"([A-Z][\w'-]*(?: [A-Z][\w'-]*)?),\s*$")
KNOWN_NAME_CUT = 2
"""How many words of a known public figure's name the parser may leave off its end."""
SIGNATURE_TITLE_WORDS = 10
"""The most words the title of a signature line ("Antony J. Blinken, Secretary of State")
has."""
_SIGNED = re.compile(r"\s*([A-Z][\w'’-]+(?: (?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}), (.+)$")
_HYPHENS = re.compile(r"\s*[-–—]\s*")
_CAPITALISED_COMPOUND = re.compile(r"(?<![\w.])[A-Z][\w.]*(?:[-–][A-Z][\w.]*)+(?![\w-])")


@dataclass(slots=True)
class Cluster:
    """An actor under construction."""

    type: str
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    org: Organization | None = None
    country: Country | None = None
    roles: list[RoleInfo] = field(default_factory=list)
    codes: dict[str, tuple[str, Coding]] = field(default_factory=dict)

    def add(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))


@dataclass(slots=True)
class Found:
    """The clusters of one article, by type, keyed by their normalised names."""

    persons: dict[str, Cluster]
    orgs: dict[str, Cluster]
    countries: dict[str, Cluster]
    groups: dict[str, Cluster]

    def all(self) -> list[Cluster]:
        return [
            c
            for group in (self.persons, self.orgs, self.countries, self.groups)
            for c in group.values()
        ]


class MentionFinder:
    """Finds the actors of one article and every mention of each, as clusters."""

    def __init__(self, kb: KnowledgeBase, document: Document) -> None:
        self.kb = kb
        self.document = document
        self.doc = document.doc
        self.text = document.text
        self.locative = kb.governors("locative")
        self.no_actor = kb.governors("no-actor")
        self.quantifiers = kb.governors("quantifier")
        self.blocked = document.layout.no_actor_spans()
        self._blocked_starts = [s for s, _ in self.blocked]
        self.taken: list[tuple[int, int]] = []
        self.entities: list[Span] = list(document.doc.ents)
        self.persons: dict[str, Cluster] = {}
        self.orgs: dict[str, Cluster] = {}
        self.countries: dict[str, Cluster] = {}
        self.groups: dict[str, Cluster] = {}
        self.acronyms: dict[str, str] = {}
        self.given_only: dict[tuple[str, ...], list[str]] = {}
        self._lower_words: set[str] | None = None

    # -- helpers ---------------------------------------------------------------------
    def is_blocked(self, start: int, end: int) -> bool:
        i = bisect_right(self._blocked_starts, start) - 1
        return any(s < end and start < e for s, e in self.blocked[max(0, i) : i + 2])

    def is_taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def trimmed(self, span: Span) -> tuple[int, int] | None:
        """Token bounds of an entity without articles, possessives and stray punctuation."""
        start, end = span.start, span.end
        while start < end and (self.doc[start].text in _LEADING_DROP or self.doc[start].is_punct):
            start += 1
        while end > start and (
            self.doc[end - 1].text in _POSSESSIVE
            or self.doc[end - 1].is_punct
            or self.doc[end - 1].pos_ == "ADP"
        ):
            end -= 1
        return (start, end) if end > start else None

    def char_span(self, start_token: int, end_token: int) -> tuple[int, int]:
        last = self.doc[end_token - 1]
        return self.doc[start_token].idx, last.idx + len(last)

    # -- the stages ------------------------------------------------------------------
    def find(self) -> Found:
        ents = [
            piece
            for e in self.doc.ents
            if e.label_ not in _SKIP_LABELS and not self.heading_words(e)
            for split in self.split_org_and_name(e)
            for piece in _split_at_newlines(split)
        ]
        self.entities = ents
        self.find_persons(ents)
        for ent in ents:
            self.classify_entity(ent)
        self.find_country_compounds()
        self.find_unlabelled_countries()
        self.drop_state_homonyms()
        self.find_groups()
        return Found(self.persons, self.orgs, self.countries, self.groups)

    def find_persons(self, ents: list[Span]) -> None:
        """Seed person names from the parser, then find every mention of each name."""
        seeds: list[tuple[str, ...]] = []
        named_until = 0
        person_at = {e.start: e for e in ents if e.label_ == "PERSON"}
        for ent in ents:
            if ent.label_ != "PERSON" and not self.mislabelled_person(ent):
                continue
            if ent.start < named_until:
                continue  # "Tariq Al Said" of "Haitham bin Tariq Al Said": already named
            bounds = self.person_bounds(ent)
            if bounds is None:
                continue
            named_until = bounds[1]
            tokens = self.doc[bounds[0] : bounds[1]]
            pieces = [t for t in tokens if t.text not in "-–"]
            spaced = any(t.whitespace_ for t in tokens[:-1] if t.text not in "-–")
            if (
                any(t.text in "-–" for t in tokens)
                and all(t.is_title for t in pieces)
                and not spaced
                and pieces[0].lower_ not in _NAME_PARTICLES  # "Al-Eryani" is one name
            ):
                # "Blinken-Xi": each part is a name of its own.
                parts = [(t.text,) for t in pieces]
            else:
                # "Tsai Ing-wen": a hyphen inside a given name keeps it one word
                parts = [_joined_words(tokens)]
            partner = person_at.get(bounds[1] + 1)
            if (
                len(tokens) == 1
                and bounds[1] < len(self.doc)
                and self.doc[bounds[1]].lower_ == "and"
                and partner is not None
                and len(partner) >= 2
                and self.is_given_name(tokens[0], ents)
            ):
                # "Vladimir and Lyudmila Putin": the given name shares the surname
                parts = [(tokens[0].text, *_joined_words(partner)[1:])]
            seeds.extend(p for p in parts if p not in seeds)
        seeds.extend(s for s in self.signed_names() if s not in seeds)
        full = [w for w in seeds if len(w) > 1]
        # Cluster: full names first, each with its own surface forms.
        forms: dict[tuple[str, ...], list[str]] = {}
        for words in full:
            cluster_key = self.person_key(words, full)
            cluster = self.persons.setdefault(cluster_key, Cluster("person", " ".join(words)))
            if len(words) > len(cluster.name.split()):
                cluster.name = " ".join(words)
            forms.setdefault(words, []).append(cluster_key)
        surnames: dict[str, list[str]] = {}
        given: dict[str, list[str]] = {}
        for words in full:
            cluster_key = self.person_key(words, full)
            surname = _surname(words)
            if cluster_key not in surnames.setdefault(surname, []):
                surnames[surname].append(cluster_key)
            if cluster_key not in given.setdefault(words[0], []):
                given[words[0]].append(cluster_key)
        folded = {w.casefold(): w for w in surnames}
        for words in seeds:
            if len(words) != 1:
                continue
            word = words[0]
            if word not in surnames and word.casefold() in folded:
                # "BLINKEN:" of a transcript, "Al-Eryani" opening a sentence
                forms[words] = surnames[folded[word.casefold()]]
            elif word in surnames:
                forms[words] = surnames[word]
            elif len(given.get(word, [])) == 1:
                forms[words] = given[word]
            else:
                self.persons.setdefault(word, Cluster("person", word))
                forms[words] = [word]
        for word, keys in surnames.items():
            if (word,) not in forms and not self.is_place_word(word):
                forms[(word,)] = keys
        # A given name alone ("Xi" of "Xi Jinping") only where the parser calls it a name.
        self.given_only = {
            (word,): keys
            for word, keys in given.items()
            if len(keys) == 1 and (word,) not in forms and not self.is_place_word(word)
        }
        forms.update(self.given_only)
        self.match_person_forms(forms)

    def named_as_organization(self, start: int) -> bool:
        """A name after a common noun of organisation ("the daily Kathimerini", "the
        airline Lufthansa") names that organisation, not a person."""
        before = self.doc[start - 1] if start > 0 else None
        return (
            before is not None
            and before.is_lower
            and before.pos_ in ("NOUN", "ADV", "ADJ")  # the parser calls "daily" an adverb
            and self.kb.org_word(before.text) is not None
            and self.kb.title(before.text) is None
        )

    def signed_names(self) -> list[tuple[str, ...]]:
        """A statement's signature line, near the top: "Antony J. Blinken, Secretary of
        State" names a person whether or not the parser saw one."""
        found = []
        for line in list(LINE.finditer(self.text[:2000]))[:HEADER_LINES]:
            signed = _SIGNED.match(line.group())
            if signed is not None and self.is_signature_title(signed.group(2)):
                found.append(tuple(signed.group(1).split()))
        return found

    def is_signature_title(self, text: str) -> bool:
        """The rest of a signature line is a title and nothing more: "Secretary of State",
        not "Secretary General of the Staff, said today that ..." (a sentence whose
        subject has a title in apposition)."""
        return (
            "," not in text
            and len(text.split()) <= SIGNATURE_TITLE_WORDS
            and self.starts_with_title(text)
        )

    def starts_with_title(self, text: str) -> bool:
        words = text.split()
        return any(
            self.kb.title(" ".join(words[:n])) is not None
            for n in range(min(len(words), self.kb.max_title_words), 0, -1)
        )

    def mislabelled_person(self, ent: Span) -> bool:
        """A person the parser tags as an organisation or place: a public figure
        ("Guterres"), or a name a title stands in apposition to ("Gáspár Maróth, the
        Hungarian Government commissioner")."""
        kb, text = self.kb, ent.text
        if ent.label_ not in ("ORG", "GPE", "NORP") or (
            kb.organization(text) or kb.country(text) or kb.demonym(text) or kb.capital(text)
        ):
            return False
        if kb.person(text) is not None:
            return True
        if ent.label_ == "ORG" and self.titled_name(ent):
            return True
        opener = self.doc[ent.end + 1] if ent.end + 1 < len(self.doc) else None
        if ent.label_ != "ORG" or opener is None or opener.lower_ not in ("the", "a", "an"):
            return False
        described = appositive_after(kb, self.doc, ent.end, ent.sent)
        return (
            described is not None
            and described.affiliation is None
            and any(kb.title(w) for f in described.roles for w in f.value.split())
        )

    def titled_name(self, ent: Span) -> bool:
        """ "Spokesperson Ned Price" tagged as an organisation: a title, then two or three
        capitalised words none of which names a body."""
        title = next((n for n in (2, 1) if self.kb.title(ent[:n].text) is not None), 0)
        rest = ent[title:]
        return (
            title > 0
            and 2 <= len(rest) <= 3
            and all(t.is_alpha and t.is_title for t in rest)
            and not any(self.kb.org_word(t.text) or self.kb.country(t.text) for t in rest)
        )

    def person_key(self, words: tuple[str, ...], full: list[tuple[str, ...]]) -> str:
        """Full names that share first and last name are one person ("John F. Kennedy",
        "JOSEPH R. BIDEN JR." of a signature, "J. Blinken" of "Antony J. Blinken"), and
        a family name that opens with its particle is the one full name it ends ("bin
        Salman" of "Khalid bin Salman")."""
        first, last = _name_ends(words)
        if words[0].lower() in _NAME_PARTICLES and len(words) >= 2:
            owners = [o for o in full if len(o) > len(words) and o[-len(words) :] == words]
            if len(owners) == 1:
                return " ".join(owners[0])
        for other in full:
            other_first, other_last = _name_ends(other)
            if other_last != last:
                continue
            initial = first.endswith(".") and len(first) == 2
            if other_first == first or (
                initial and any(w.lower().startswith(first[0]) for w in other[:-1])
            ):
                return " ".join(other)
        return " ".join(words)

    def is_place_word(self, word: str) -> bool:
        kb = self.kb
        return bool(kb.country(word) or kb.capital(word) or kb.demonym(word))

    def heading_words(self, ent: Span) -> bool:
        """ "Readout of National Security Advisor", "Statement by the Press Secretary":
        a document's kind and whose it is, which the parser took for an organisation."""
        return (
            ent.label_ == "ORG"
            and len(ent) > 2
            and self.kb.cue(ent[0].lemma_.lower(), "noun") is not None
            and ent[1].lower_ in ("of", "by", "from", "on")
        )

    def split_org_and_name(self, ent: Span) -> list[Span]:
        """An organisation the parser ran into the name after it ("Speaker of [the State
        Duma Sergei Naryshkin]"): after "TITLE of", the known organisation, then the
        person, when two or three capitalised words follow its name."""
        if ent.label_ != "ORG" or ent.start < 2:
            return [ent]
        before = self.doc[ent.start - 2 : ent.start]
        if before[1].lower_ != "of" or self.kb.title(before[0].text) is None:
            return [ent]  # only after "TITLE of": "Bank of America Merrill Lynch" is one
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        for cut in range(ent.end - 2, start, -1):
            rest = self.doc[cut : ent.end]
            if len(rest) > 3 or not all(t.is_alpha and t.is_title for t in rest):
                break
            if self.kb.org_word(rest[-1].text) is not None:
                break
            if self.kb.organization(self.doc[start:cut].text) is not None:
                return [
                    Span(self.doc, ent.start, cut, "ORG"),
                    Span(self.doc, cut, ent.end, "PERSON"),
                ]
        return [ent]

    def named_as_city(self, word: str) -> bool:
        """Whether the text writes a word as a city with its state or country after it
        ("Dalton, Georgia") anywhere, and the gazetteer knows the city."""
        if city(word) is None:
            return False
        return re.search(rf"\b{re.escape(word)}, [A-Z][a-z]", self.text) is not None

    def is_given_name(self, word: Token, ents: list[Span]) -> bool:
        """Whether a word is a given name in this text: it opens a longer name
        elsewhere ("Vladimir Putin") and never ends one, and is no public figure's
        surname ("Biden and Xi Jinping" are two people)."""
        if self.kb.person(word.text) is not None:
            return False
        names = [e for e in ents if e.label_ == "PERSON" and len(e) >= 2]
        opens = any(e[0].text == word.text for e in names)
        ends = any(e[-1].text == word.text for e in names)
        return opens and not ends

    def person_bounds(self, ent: Span) -> tuple[int, int] | None:
        bounds = self.trimmed(ent)
        if bounds is None:
            return None
        start, end = bounds
        doc, kb = self.doc, self.kb
        # A given name the parser left out ("Secretary of State Antony [J. Blinken]").
        while (
            start > 0
            and self.left_out_name_word(doc[start - 1])
            and kb.title(doc[start - 1 : start + 1].text) is None  # "State [Councilor]"
            and not (start > 1 and doc[start - 2].pos_ == "ADP")  # "for Defence [Ben Wallace]"
        ):
            start -= 1
        # A public figure's full name the parser cut short ("[Lee Hsien] Loong").
        end = next(
            (
                end + more
                for more in range(KNOWN_NAME_CUT, 0, -1)
                if end + more <= len(doc)
                and all(t.is_alpha for t in doc[end : end + more])
                and kb.person(doc[start : end + more].text)
            ),
            end,
        )
        # "His Majesty Haitham [bin Tariq Al Said]": the father's name the parser split off
        while end + 1 < len(doc) and doc[end].lower_ in _PATRONYMIC and doc[end + 1].is_title:
            end += 2
            while end < len(doc) and doc[end].is_title and doc[end].ent_type_ == "PERSON":
                end += 1
        # "Blinken’s Meeting with ...": a headline's possessive ends the name.
        end = next((t.i for t in doc[start:end] if t.text in _POSSESSIVE), end)
        # Titles and nationalities the parser swept into the name ("President Xi",
        # "Rep. Krishnamoorthi", "Crown Prince Mohammed", "Jordanian King Abdullah II").
        while start < end and (width := self.title_width(start, end)):
            start += width
        if start >= end:
            return None
        if kb.org_word(doc[end - 1].text) is not None and kb.title(doc[end - 1].text) is None:
            return None  # "Védelmi Ipari Kft": a company
        if end - start > 1 and kb.title(doc[end - 1].text) is not None:
            return None  # "NSC Spokesperson": no name ends in a title
        if (
            start > 0
            and doc[start - 1].lower_ in _PLACE_PREPOSITIONS
            and not (end < len(doc) and doc[end].text in _POSSESSIVE)
        ):
            return None  # "in Kaspiysk": a place the parser took for a name
        if self.common_words(doc[start:end]):
            return None  # "Joint Statement", "Weather", "QUESTION"
        if end - start == 1 and self.named_as_city(doc[start].text):
            return None  # "Dalton" of a text that says "Dalton, Georgia": a city
        line_start = doc[start].idx == 0 or self.text[: doc[start].idx].rstrip(" \t").endswith("\n")
        if line_start and kb.cue(doc[end - 1].lemma_.lower(), "noun") is not None:
            return None  # a heading's "Joint Statement", "Remarks": words, not a name
        if self.named_as_organization(start):
            return None  # "Greek daily Kathimerini"
        words = [t for t in doc[start:end] if t.is_alpha]
        if not words or not any(t.text[:1].isupper() for t in words):
            return None
        if any(ch.isdigit() for ch in doc[start:end].text):
            return None  # "Sismik 1", "COVID-19 Tools-Accelerator": a ship, a programme
        text = doc[start:end].text
        if text.lower() in self.no_actor:
            return None
        if all(kb.title(t.text) is not None for t in words) or kb.title(text) is not None:
            return None  # "Councilor"
        if kb.organization(text) or kb.country(text) or kb.demonym(text) or kb.capital(text):
            return None  # "Twitter", "Chinese", "Kyiv": not people
        if self.is_blocked(*self.char_span(start, end)):
            return None
        if (
            end < len(doc)
            and doc[end - 1].lower_ in _GENERATIONS
            and doc[end].text == "."
            and not doc[end - 1].whitespace_
        ):
            end += 1  # "JOSEPH R. BIDEN JR." at a sentence's end: the period is the name's
        return start, end

    def common_words(self, name: Span) -> bool:
        """Every word of the name is written in lower case elsewhere in the text: common
        words in a heading or in capitals, not a name."""
        if self._lower_words is None:
            self._lower_words = set(_LOWER_WORD.findall(self.text))
        words = [t for t in name if t.is_alpha]
        return bool(words) and all(t.lower_ in self._lower_words for t in words)

    def left_out_name_word(self, token: Token) -> bool:
        return (
            token.pos_ == "PROPN"
            and token.is_title
            and token.is_alpha
            and not token.ent_type_
            and token.whitespace_ != ""
            and self.kb.title(token.text) is None
            and not self.is_place_word(token.text)
        )

    def title_width(self, start: int, end: int) -> int:
        """How many words at ``start`` are a title, an honorific or a nationality, or end
        a title begun before it ("[Chancellor of the] Exchequer", "[Minister-]Elect")."""
        doc, kb = self.doc, self.kb
        if start > 0 and doc[start - 1].text in ("-", "–") and not doc[start - 1].whitespace_:
            return 1
        end_char = doc[start].idx + len(doc[start])
        for k in range(1, min(kb.max_title_words, start + 1)):
            if kb.title(self.text[doc[start - k].idx : end_char]) is not None:
                return 1
        for n in range(min(kb.max_title_words, end - start - 1), 0, -1):
            if kb.title(doc[start : start + n].text) is not None:
                return n
        word = doc[start]
        if word.lower_ in _HONORIFICS:
            return 1
        if end - start > 2 and (kb.demonym(word.text) or kb.country(word.text)):
            return 1
        return 0

    def match_person_forms(self, forms: dict[tuple[str, ...], list[str]]) -> None:
        """Every occurrence of a person's name form in the text is a mention of them."""
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for words in sorted(forms, key=len, reverse=True):
            # "al-Eryani" is three tokens, the first "al"
            by_first.setdefault(_HYPHENS.split(words[0])[0], []).append(words)
        doc = self.doc
        last_seen: dict[str, int] = {}
        i = 0
        while i < len(doc):
            token = doc[i]
            candidates = by_first.get(token.text)
            if not candidates or not (token.text[:1].isupper() or token.lower_ in _NAME_PARTICLES):
                i += 1
                continue
            for words in candidates:
                n = _tokens_spelling(doc, i, words)
                if n == 0:
                    continue
                start, end = self.char_span(i, i + n)
                if self.is_blocked(start, end) or self.inside_larger_name(i, i + n):
                    break
                if words in self.given_only and token.pos_ != "PROPN":
                    break
                keys = forms[words]
                chosen = max(keys, key=lambda k: last_seen.get(k, -1)) if len(keys) > 1 else keys[0]
                self.persons[chosen].add(start, end)
                if n > 1 or chosen == words[0]:
                    last_seen[chosen] = i
                self.taken.append((start, end))
                i += n - 1
                break
            i += 1

    def inside_larger_name(self, start: int, end: int) -> bool:
        """A name inside an organisation's name ("Wilson Center") is not the person."""
        token = self.doc[start]
        if not token.ent_type_ or token.ent_type_ == "PERSON":
            return False
        for ent in self.entities:
            if ent.start <= start and end <= ent.end and (ent.end - ent.start) > (end - start):
                text = ent.text
                return bool(self.kb.organization(text) or self.org_words_in(ent))
        return False

    def org_words_in(self, span: Span) -> bool:
        return any(self.kb.org_word(t.text) and t.text[:1].isupper() for t in span)

    def classify_entity(self, ent: Span) -> None:
        bounds = self.trimmed(ent)
        if bounds is None:
            return
        start, end = self.char_span(*bounds)
        if self.is_blocked(start, end) or self.is_taken(start, end):
            return
        text = self.text[start:end]
        kb = self.kb
        if text.lower() in self.no_actor:
            return  # "Indo-Pacific", "COVID-19"
        if self.split_compound(text, start):
            return
        org = known_org(kb, text, self.doc) or (
            kb.organization(self.acronyms[text]) if text in self.acronyms else None
        )
        if org is not None and _acronym_case_differs(org, text):
            org = None  # "Ola" the person is not "OLA" the Oromo Liberation Army
        if org is not None and (ent.label_ != "GPE" or org.kind == "seat"):
            self.add_org(org.name, start, end, org)
            return
        country = kb.country(text)
        if country is None and ent.label_ == "NORP":
            country = kb.demonym(text)
        if country is not None:
            self.add_country(country, start, end)
            return
        if ent.label_ == "GPE":
            capital = kb.capital(text)
            if capital is not None and self.stands_for_government(bounds[0]):
                self.add_country(capital, start, end)
            return
        if ent.label_ in ("PERSON", "ORG") and self.named_as_organization(bounds[0]):
            self.add_described_org(text, start, end, bounds[0] - 1)
            return
        if ent.label_ == "PERSON" or ent.label_ == "NORP":
            return
        if ent.label_ in ("LOC", "FAC") and not self.org_words_in(self.doc[bounds[0] : bounds[1]]):
            return
        if ent.label_ not in ("ORG", "FAC", "LOC"):
            return
        if self.is_title_fragment(bounds[0], bounds[1]):
            return
        self.add_org(text, start, end, None)
        self.note_acronym(bounds[1], text)

    def split_compound(self, text: str, start: int) -> bool:
        """ "U.S.-China" names two countries; each part becomes a mention of its own."""
        if not _HYPHENS.search(text):
            return False
        parts = []
        offset = 0
        for piece in _HYPHENS.split(text):
            at = text.index(piece, offset)
            offset = at + len(piece)
            country = self.kb.country(piece) or self.kb.demonym(piece)
            if country is None:
                return False
            parts.append((country, start + at, start + at + len(piece)))
        if len(parts) < 2:
            return False
        for country, s, e in parts:
            self.add_country(country, s, e)
        return True

    def find_country_compounds(self) -> None:
        """Hyphenated country pairs the parser did not tag ("U.S.-China relations")."""
        for match in _CAPITALISED_COMPOUND.finditer(self.text):
            start, end = match.span()
            if not self.is_taken(start, end) and not self.is_blocked(start, end):
                self.split_compound(match.group(), start)

    def find_unlabelled_countries(self) -> None:
        """Country names the entity recogniser missed ("Chile imposed sanctions"): a
        capitalised run of words that is a country's name or alias, outside any name."""
        doc, kb = self.doc, self.kb
        i = 0
        while i < len(doc):
            token = doc[i]
            if token.ent_type_ or not token.text[:1].isupper() or token.pos_ != "PROPN":
                i += 1
                continue
            found = None
            for length in range(min(4, len(doc) - i), 0, -1):
                words = doc[i : i + length]
                if any(t.ent_type_ for t in words):
                    continue
                country = kb.country(words.text)
                if country is not None:
                    found = (country, length)
                    break
            if found is None:
                i += 1
                continue
            country, length = found
            start, end = self.char_span(i, i + length)
            if not self.is_taken(start, end) and not self.is_blocked(start, end):
                self.add_country(country, start, end)
            i += length

    def stands_for_government(self, token_index: int) -> bool:
        """ "sanctions on Beijing" is the government; "trips to Beijing" is the city."""
        j = token_index - 1
        while j >= 0 and self.doc[j].lower_ in ("the", "back"):
            j -= 1
        return not (j >= 0 and self.doc[j].lower_ in self.locative)

    def is_title_fragment(self, start: int, end: int) -> bool:
        """ "State" in "Secretary of State", "Treasury" in "Treasury Secretary"."""
        doc, kb = self.doc, self.kb
        words = [t.text for t in doc[start:end]]
        text = " ".join(words)
        lo, hi = max(0, start - 3), min(len(doc), end + 3)
        for i in range(lo, start + 1):
            for j in range(end, hi + 1):
                phrase = " ".join(t.text for t in doc[i:j])
                if phrase != text and kb.title(phrase) is not None:
                    return True
        nxt = doc[end] if end < len(doc) else None
        return bool(
            len(words) == 1
            and nxt is not None
            and kb.title(nxt.text)
            and nxt.ent_type_ != "ORG"
            and end + 1 < len(doc)
            and doc[end + 1].ent_type_ == "PERSON"
        )

    def note_acronym(self, end_token: int, name: str) -> None:
        """ "the Chinese Communist Party (CCP)": later "CCP" is the same organisation."""
        doc = self.doc
        if (
            end_token + 2 < len(doc)
            and doc[end_token].text == "("
            and doc[end_token + 2].text == ")"
        ):
            acronym = doc[end_token + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 8:
                self.acronyms[acronym] = name

    def add_org(self, name: str, start: int, end: int, org: Organization | None) -> None:
        cluster_key = key(org.name if org else self.acronyms.get(name, name))
        cluster = self.orgs.setdefault(
            cluster_key, Cluster("organization", org.name if org else name, org=org)
        )
        cluster.add(start, end)
        self.taken.append((start, end))

    def add_described_org(self, name: str, start: int, end: int, noun_at: int) -> None:
        """An organisation named after its kind ("Greek daily Kathimerini"): the sector of
        the kind, the country of a nationality before it."""
        self.add_org(name, start, end, None)
        cluster = self.orgs[key(self.acronyms.get(name, name))]
        noun = self.doc[noun_at]
        said = TextSpan(noun.idx, end, self.text[noun.idx : end])
        org_word = self.kb.org_word(noun.text)
        if org_word is not None and org_word.sector:
            cluster.codes.setdefault("sector", (org_word.sector, Coding("kind-noun", said)))
        before = self.doc[noun_at - 1] if noun_at > 0 else None
        nationality = self.kb.nationality(before.text) if before is not None else None
        if nationality is not None:
            cluster.codes.setdefault(
                "country", (nationality.iso3, Coding("kind-nationality", said))
            )

    def drop_state_homonyms(self) -> None:
        """A country's name after a city of another country ("Dalton, Georgia") names a
        state or province there: none of that name's mentions is the country."""
        for iso3, cluster in list(self.countries.items()):
            for start, _ in cluster.mentions:
                before = _CITY_COMMA.search(self.text[max(0, start - 40) : start])
                place = city(before.group(1)) if before else None
                if place is not None and place.country != iso3:
                    del self.countries[iso3]
                    self.taken = [s for s in self.taken if s not in cluster.mentions]
                    self.document.not_countries.update(
                        key(self.text[s:e]) for s, e in cluster.mentions
                    )
                    break

    def add_country(self, country: Country, start: int, end: int) -> None:
        cluster = self.countries.setdefault(
            country.iso3, Cluster("country", country.name, country=country)
        )
        cluster.add(start, end)
        self.taken.append((start, end))

    def find_groups(self) -> None:
        """Plural nouns naming groups of people: "Chinese officials", "some experts"."""
        kb, doc = self.kb, self.doc
        for token in doc:
            if token.tag_ not in ("NNS", "NNPS") or token.ent_type_ or _in_hyphenated(token):
                continue
            if not kb.group_noun(token.text)[0]:
                continue
            first = token.i
            while first > 0 and self.is_group_modifier(doc[first - 1], token):
                first -= 1
            while first < token.i and doc[first].text in "-–":
                first += 1
            start, end = self.char_span(first, token.i + 1)
            if self.is_blocked(start, end):
                continue
            name = self.text[start:end]
            cluster = self.groups.setdefault(key(name), Cluster("group", name))
            cluster.add(start, end)

    def is_group_modifier(self, token: Token, head: Token) -> bool:
        """Words that belong in a group's name: "U.S.", "Biden administration", "foreign-policy"."""
        if token.i >= head.i or not (head.left_edge.i <= token.i):
            return False
        if token.tag_ == "POS" or token.lower_ in self.quantifiers:
            return False
        if _in_hyphenated(token):
            return True
        if token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            return True
        return token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("compound", "nmod")


def _split_at_newlines(ent: Span) -> list[Span]:
    """An entity never runs over a line break ("the Harbor Ledger\n\nU.S.")."""
    pieces, start = [], ent.start
    for token in ent:
        if token.is_space and "\n" in token.text:
            if token.i > start:
                pieces.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if start < ent.end:
        pieces.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return pieces


def _acronym_case_differs(org: Organization, text: str) -> bool:
    """Whether the text matches the organisation only through an acronym written in
    another case."""
    folded = key(text)
    if key(org.name) == folded:
        return False
    same = [a for a in org.aliases if key(a) == folded]
    return bool(same) and all(a.isupper() and a != text for a in same)


def _name_ends(words: tuple[str, ...]) -> tuple[str, str]:
    """A name's first and last word, folded, without a generational suffix."""
    return words[0].lower(), _surname(words).lower()


def _surname(words: tuple[str, ...]) -> str:
    """A name's last word before any generational suffix: "Biden" of "Joseph R. Biden
    Jr."; a two-word name keeps its last word ("Charles III")."""
    end = len(words)
    while end > 2 and words[end - 1].lower().rstrip(".") in _SUFFIXES:
        end -= 1
    return words[end - 1]


def _joined_words(tokens: Span) -> tuple[str, ...]:
    """The words of a name, tokens written without a space between them joined."""
    words: list[str] = []
    glued = False
    for token in tokens:
        if glued and words:
            words[-1] += token.text
        else:
            words.append(token.text)
        glued = not token.whitespace_
    return tuple(words)


def _tokens_spelling(doc: Doc, start: int, words: tuple[str, ...]) -> int:
    """How many tokens from ``start`` spell the name's words (a word written with a
    hyphen is several tokens: "al-Eryani", and so may be one with its period: "JR."); 0
    when they do not."""
    if tuple(t.text for t in doc[start : start + len(words)]) == words:
        return len(words)
    glued = sum(w.count("-") + w.count("–") + w.endswith(".") for w in words)
    for n in range(len(words) + 1, len(words) + 2 * glued + 1):
        if _joined_words(doc[start : start + n]) == words:
            return n
    return 0


def _in_hyphenated(token: Token) -> bool:
    """Part of a hyphenated word written without spaces ("people-to-people", "foreign-policy")."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text in "-–" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text in "-–" and not token.whitespace_
    return bool(before or after or (token.text in "-–" and not token.whitespace_))
