"""Roles and affiliations: titles before a name and appositives after it.

"U.S. Secretary of State Antony Blinken" gives a nationality (U.S.) and a role
(Secretary of State); "Bonnie Glaser, a China expert at the German Marshall Fund" gives
a role (China expert) and an affiliation (German Marshall Fund). Each finding keeps the
character span it came from, so the codes derived from it can be traced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from detente.document import doc_text
from detente.kb import Country, KnowledgeBase, Organization, Title, key

# Lower-case words that may sit inside a title before a name.
_UN = re.compile(r"\b(?:UN|U\.N\.|United Nations)\b")
_TITLE_GLUE = frozenset({"of", "and", "to", "for", "the", "&"})
_TITLE_MODIFIERS = frozenset(
    {"former", "acting", "then", "deputy", "vice", "chief", "senior", "top", "interim", "ex"}
)
_HONORIFICS = frozenset(
    {"mr.", "mrs.", "ms.", "miss", "mr", "mrs", "ms", "sir", "dame", "lord", "dr", "dr."}
)
_APPOSITIVE_OPENERS = frozenset(
    {"a", "an", "the", "former", "then", "now", "also", "currently", "one", "another"}
)
_APPOSITIVE_STOPS = frozenset(
    {",", ".", ";", ":", "—", "–", "?", "!", '"', "“", "”", "who", "which", "whose", "said", "says"}
)
# Prepositions linking a role to the organisation it is held at.
_AFFILIATION_PREPS = frozenset({"at", "of", "with", "for", "on", "from", "to", "in"})
# Prepositions that end the organisation part ("... official during the Obama administration").
_CUT_PREPS = frozenset(
    {"during", "under", "since", "until", "before", "after", "between", "who", "when", "in", "on"}
)
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "his", "her", "their"})
_FORMER_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "IGO", "PTY"})


@dataclass(slots=True)
class Finding:
    """A value read off the text, with the character span that supports it."""

    value: str
    start: int
    end: int
    rule: str


@dataclass(slots=True)
class RoleInfo:
    """What the words around one mention say about a person."""

    roles: list[Finding] = field(default_factory=list)
    affiliation: Finding | None = None
    affiliation_org: Organization | None = None
    nationality: tuple[Country, Finding] | None = None
    title_sector: Finding | None = None
    role_sector: Finding | None = None
    default_country: tuple[str, Finding] | None = None
    role_orgs: list[tuple[Organization, Finding]] = field(default_factory=list)
    former: bool = False
    possessor: Token | None = None
    """Whose title it is, when no country says it: "his" of "his farm minister", "Putin"
    of "Putin's spokesman"."""
    body_sector: Finding | None = None
    """The sector of the body a title names after it: LAB for "general secretary of the
    rail union", whatever the title alone would suggest."""


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})


def longest_title(kb: KnowledgeBase, tokens: list[Token]) -> tuple[Title, int, int] | None:
    """The longest title phrase among the tokens, as (title, first, last+1) indices."""
    best: tuple[Title, int, int] | None = None
    words = [t.text for t in tokens]
    for i in range(len(words)):
        for n in range(min(kb.max_title_words, len(words) - i), 0, -1):
            found = kb.title(" ".join(words[i : i + n])) or kb.title(_as_written(tokens[i : i + n]))
            if found is not None:
                if best is None or n > best[2] - best[1]:
                    best = (found, i, i + n)
                break
    return best


def title_ending_at(kb: KnowledgeBase, head: Token) -> tuple[Title, int] | None:
    """The longest title that a noun ends, and the character where it starts: "chief"
    ends "foreign policy chief", "spokesman" is one; a plural by its lemma ("ministers")."""
    doc = head.doc
    for first in range(max(head.left_edge.i, head.i + 1 - kb.max_title_words), head.i):
        if doc[first].lower_ in _DETERMINERS:
            continue  # "the army chief": the title starts after "the"
        found = kb.title(_as_written(list(doc[first : head.i + 1])))
        if found is not None:
            return found, doc[first].idx
    found = kb.title(head.text) or kb.title(head.lemma_)
    return (found, head.idx) if found is not None else None


def _as_written(tokens: list[Token]) -> str:
    """Words as the text writes them: "Secretary-General" is one title, not "General"."""
    return "".join(t.text_with_ws for t in tokens).strip()


def _is_title_token(kb: KnowledgeBase, token: Token) -> bool:
    lower = token.lower_
    if kb.title(token.text) is not None or lower in _TITLE_MODIFIERS or lower in _HONORIFICS:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is not None and kb.title(f"{token.text} {following.text}") is not None:
        return True  # the first word of a title of two ("trade representative")
    if token.ent_type_ in ("NORP", "GPE", "ORG") or kb.nationality(token.text) is not None:
        return True
    return token.is_title and not token.is_sent_start and not token.is_stop and token.is_alpha


def title_before(
    kb: KnowledgeBase, doc: Doc, start: int, floor: int, names: frozenset[int] = frozenset()
) -> RoleInfo:
    """Read the title in front of the name that starts at token ``start``.

    ``names`` holds the indices of tokens that belong to other people's names, where a
    title cannot reach ("Blinken and Foreign Minister Qin Gang").
    """
    info = RoleInfo()
    j = start
    while j > floor:
        token = doc[j - 1]
        if token.text in ("-", "–") and not token.whitespace_ and j < start:
            j -= 1  # "Secretary-General"
            continue
        if token.lower_ in _TITLE_GLUE and j < start:
            if token.lower_ in ("for", "to") and longest_title(kb, list(doc[j:start])):
                break  # "a spokesman for [President] Joe Biden": his title ends here
            j -= 1
            continue
        portfolio = (  # "energy minister", "Transport Minister", "First Minister"
            token.pos_ in ("NOUN", "PROPN", "ADJ")
            and token.dep_ in ("compound", "amod")
            and j < start
            and token.ent_type_ not in ("PERSON", "GPE", "NORP")
            and kb.nationality(token.text) is None
            and (kb.title(token.head.text) is not None or j <= token.head.i < start)
        )
        if not portfolio and (
            not _is_title_token(kb, token)
            or token.i in names
            or (token.ent_type_ == "PERSON" and kb.title(token.text) is None)
        ):
            break
        if j < start and doc[j].lower_ in ("of", "by") and kb.cue(token.lemma_.lower(), "noun"):
            break  # "Readout of [National Security Advisor] ...": a heading's kind
        j -= 1
        if token.is_sent_start:
            break
    while j < start and doc[j].lower_ in _TITLE_GLUE:
        j += 1
    tokens = list(doc[j:start])
    if not tokens:
        return info
    found = longest_title(kb, tokens)
    if found is None:
        return info
    title, _, title_end = found
    # Nationality words at the front ("U.S.", "Chinese"), and "China's" before it all.
    k = 0
    while k < len(tokens):
        # "Saudi Arabian", "South Korean": a nationality of two words
        pair = tokens[k : k + 2] if k + 2 < len(tokens) else []
        width = 2 if pair and kb.nationality(" ".join(t.text for t in pair)) else 1
        words = tokens[k : k + width]
        country = kb.nationality(" ".join(t.text for t in words))
        if country is None:
            break
        if info.nationality is None:
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            info.nationality = (country, Finding(country.iso3, start, end, "title-nationality"))
        k += width
    if info.nationality is None and j >= 2 and doc[j - 1].lower_ in ("'s", "’s"):
        owner = doc[j - 2]
        country = kb.country(owner.text) or kb.nationality(owner.text)
        if country is not None and owner.ent_type_ == "GPE":
            info.nationality = (
                country,
                Finding(
                    country.iso3, owner.idx, owner.idx + len(owner), "title-possessive-country"
                ),
            )
        elif owner.pos_ == "PROPN":
            info.possessor = owner
    if info.nationality is None:
        # "his farm minister": words of the title's phrase between it and "his"
        before = j - 1
        while before > floor and j - before <= 3 and doc[before].dep_ in ("compound", "amod"):
            before -= 1
        if before >= 0 and doc[before].lower_ in _POSSESSIVE_PRONOUNS:
            info.possessor = doc[before]
    role_tokens = tokens[k:]
    while role_tokens and role_tokens[0].lower_ in _DETERMINERS | _HONORIFICS:
        role_tokens = role_tokens[1:]
    # An honorific alone ("Mr.") is not a role.
    if not role_tokens or title_end <= k:
        return info
    first, last = role_tokens[0], role_tokens[-1]
    role_start, role_end = first.idx, last.idx + len(last)
    info.roles.append(Finding(doc_text(doc)[role_start:role_end], role_start, role_end, "title"))
    info.former = any(t.lower_ in ("former", "ex") for t in role_tokens)
    if title.sector:
        info.title_sector = Finding(title.sector, role_start, role_end, f"title:{title.title}")
    if title.country:
        info.default_country = (
            title.country,
            Finding(title.country, role_start, role_end, f"title-country:{title.title}"),
        )
    _orgs_in(kb, role_tokens, info)
    return info


def known_org(kb: KnowledgeBase, name: str, doc: Doc) -> Organization | None:
    """The knowledge base's organisation of a name. A UN body named without "UN" ("the
    Security Council"), in a text that never names the United Nations, is the body of
    that name of a country the text names ("Russian Security Council"), or else of the
    one country whose known bodies and public figures the text names ("the State Duma",
    "Sergei Ivanov"): a Kremlin page need not say "Russia"."""
    org = kb.organization(name)
    if org is None or not org.name.startswith("UN ") or _UN.search(name):
        return org
    text = doc_text(doc)
    if _UN.search(text):
        return org
    named = [c for c in kb.by_iso3.values() if any(w in text for w in (c.name, *c.demonyms[:1]))]
    if not named:
        known = _countries_of_known_names(kb, doc)
        named = [kb.by_iso3[iso3] for iso3 in known] if len(known) == 1 else []
    for country in named:
        for word in (country.name, *country.demonyms[:1]):
            national = kb.organization(f"{word} {name}") or kb.organization(
                f"{name} of {country.name}"
            )
            if national is not None and national.country == country.iso3:
                return national
    return org


def _countries_of_known_names(kb: KnowledgeBase, doc: Doc) -> set[str]:
    """The countries of the organisations and public figures the knowledge base knows
    among a text's named entities (not international bodies)."""
    cached = doc.user_data.get("countries-of-known-names")
    if cached is None:
        cached = set()
        for entity in doc.ents:
            if entity.label_ not in ("ORG", "PERSON", "FAC"):
                continue
            known = kb.organization(entity.text) or kb.person(entity.text)
            if known is not None and known.country and known.country != "IGO":
                cached.add(known.country)
        doc.user_data["countries-of-known-names"] = cached
    return cached


def _orgs_in(kb: KnowledgeBase, tokens: list[Token], info: RoleInfo) -> None:
    """Known organisations named inside a role ("former State Department official")."""
    words = [t.text for t in tokens]
    i = 0
    while i < len(words):
        for n in range(min(kb.max_org_words, len(words) - i), 0, -1):
            org = known_org(kb, " ".join(words[i : i + n]), tokens[0].doc)
            if (
                org is not None
                and tokens[i].text[:1].isupper()
                and _cased_as_named(org, words[i : i + n])
            ):
                start, end = tokens[i].idx, tokens[i + n - 1].idx + len(tokens[i + n - 1])
                info.role_orgs.append((org, Finding(org.name, start, end, "role-organization")))
                i += n - 1
                break
        i += 1


def _cased_as_named(org: Organization, words: list[str]) -> bool:
    """Whether words write an organisation's name with the capitals it has: "Foreign
    Policy" is the magazine, the "Foreign policy" of "Foreign policy chief" is not. The
    first word is left out (a sentence may capitalise it), and so is an organisation
    the words name another way (a country's own "Security Council")."""
    for form in (org.name, *org.aliases):
        named = form.split()
        if len(named) == len(words) and key(form) == key(" ".join(words)):
            return all(
                word[:1].isupper() or not name[:1].isupper()
                for name, word in zip(named[1:], words[1:], strict=True)
            )
    return True


def country_after(kb: KnowledgeBase, doc: Doc, end: int, sentence: Span) -> RoleInfo | None:
    """Read "NAME of COUNTRY" after a name ending at token ``end``: "President Sam
    Oduya of Kenya", "Prime Minister Ada Lind of Norway". A city is no nationality."""
    if end + 1 >= sentence.end or doc[end].lower_ != "of":
        return None
    words = []
    for token in doc[end + 1 : min(sentence.end, end + 6)]:
        if token.is_punct or not (token.is_title or token.lower_ in ("the", "of", "and")):
            break
        words.append(token)
    while words and words[-1].lower_ in ("the", "of", "and"):
        words.pop()
    if not words:
        return None
    text = " ".join(t.text for t in words)
    if words[0].lower_ == "the":
        text = text.split(" ", 1)[-1] if len(words) > 1 else ""
    country = kb.country(text)
    if country is None:
        return None
    info = RoleInfo()
    start, stop = words[0].idx, words[-1].idx + len(words[-1])
    info.nationality = (country, Finding(country.iso3, start, stop, "name-of-country"))
    return info


def outlet_after(kb: KnowledgeBase, doc: Doc, end: int, sentence: Span) -> RoleInfo | None:
    """Read "NAME with/from OUTLET" or "NAME, OUTLET." after a name ending at token
    ``end``, as reporters introduce themselves: "this is Ada Lind with Axios", "Sam
    Oduya from the Financial Times", "this is Greg Glover, Local 3 News". Only a news
    outlet: one the knowledge base knows, or after a comma a capitalised name that ends
    the clause and whose head word names an outlet ("News", "Times"); "met with the
    ministry" is no affiliation."""
    if end + 1 >= sentence.end or doc[end].lower_ not in ("with", "from", ","):
        return None
    comma = doc[end].text == ","
    words = [t for t in doc[end + 1 : min(sentence.end, end + 1 + kb.max_org_words + 1)]]
    if words and words[0].lower_ == "the":
        words = words[1:]
    for n in range(len(words), 0, -1):
        part = words[:n]
        if not part[0].text[:1].isupper():
            return None
        name = " ".join(t.text for t in part)
        org = known_org(kb, name, doc)
        after = doc[part[-1].i + 1] if part[-1].i + 1 < len(doc) else None
        closes = after is None or after.text in (".", ",", ";", ":") or after.is_space
        if comma and not closes:
            continue
        named = comma and org is None and all(t.text[:1].isupper() or t.is_digit for t in part)
        word = kb.org_word(part[-1].text) if named else None
        if named and word is not None and word.sector == "JRN":
            start, stop = part[0].idx, part[-1].idx + len(part[-1])
            info = RoleInfo()
            info.affiliation = Finding(doc_text(doc)[start:stop], start, stop, "outlet-affiliation")
            return info
        if org is not None and org.sector == "JRN":
            start, stop = part[0].idx, part[-1].idx + len(part[-1])
            info = RoleInfo()
            info.affiliation = Finding(doc_text(doc)[start:stop], start, stop, "outlet-affiliation")
            info.affiliation_org = org
            return info
    return None


def appositive_after(kb: KnowledgeBase, doc: Doc, end: int, sentence: Span) -> RoleInfo | None:
    """Read "NAME, a role at an organisation" after a name ending at token ``end``."""
    if end + 1 >= sentence.end or doc[end].text != ",":
        return None
    opener = doc[end + 1]
    if opener.text.rstrip(".").lower() in ("jr", "sr"):
        return None  # "Joseph R. Biden, Jr.": part of the name, no appositive
    determined = opener.lower_ in _APPOSITIVE_OPENERS or (
        opener.ent_type_ == "NORP" and kb.nationality(opener.text) is not None
    )
    if not determined and opener.pos_ not in ("NOUN", "ADJ", "PROPN"):
        return None
    tokens: list[Token] = []
    depth = 0
    for token in doc[end + 1 : sentence.end]:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and (
            token.text in _APPOSITIVE_STOPS
            or token.lower_ in _APPOSITIVE_STOPS
            or (token.is_space and "\n" in token.text)
        ):
            break
        tokens.append(token)
    if not tokens or len(tokens) > 40:
        return None
    if _next_in_a_list(tokens):
        return None
    if not determined and longest_title(kb, tokens) is None:
        return None  # "Blinken, second from the left": no role word, no appositive
    info = RoleInfo()
    for part in _split_roles(tokens):
        _read_role_part(kb, doc, part, info)
    return info if info.roles else None


def _next_in_a_list(tokens: list[Token]) -> bool:
    """ "..., Greek prime minister Kyriakos Mitsotakis and ...": after the comma comes
    the next person of a list (a title and a name, no article or preposition between),
    not a role of the name before."""
    name_at = next((i for i, t in enumerate(tokens) if t.ent_type_ == "PERSON"), None)
    if not name_at:
        return False
    return not any(t.pos_ in ("DET", "ADP", "PRON") for t in tokens[:name_at])


def _split_roles(tokens: list[Token]) -> list[list[Token]]:
    """Split "a professor at X and former Y official" into its two roles."""
    parts: list[list[Token]] = [[]]
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            token.lower_ == "and"
            and not token.ent_type_
            and nxt is not None
            and (nxt.lower_ in _APPOSITIVE_OPENERS or nxt.lower_ in _TITLE_MODIFIERS)
        ):
            parts.append([])
            continue
        parts[-1].append(token)
    return [p for p in parts if p]


def _starts_organization(kb: KnowledgeBase, tokens: list[Token]) -> bool:
    """Whether a preposition's object opens with an organisation's name."""
    words = [t for t in tokens if not t.is_punct]
    while words and not words[0].text[:1].isupper():
        if not (words[0].lower_ in _DETERMINERS or words[0].pos_ == "ADJ"):
            return False
        words = words[1:]
    if not words:
        return False
    if words[0].ent_type_ in ("ORG", "FAC"):
        return True
    texts = [t.text for t in words[: kb.max_org_words]]
    return any(kb.organization(" ".join(texts[:n])) for n in range(len(texts), 0, -1))


def _role_split(kb: KnowledgeBase, tokens: list[Token]) -> int:
    """Where the role ends and the organisation begins.

    The first preposition whose object is an organisation wins ("director of the Asia
    program at the Crestview Institute"); else the first preposition; a temporal one
    ("during", "since") ends the role in any case.
    """
    preps: list[int] = []
    cut = len(tokens)
    for i, token in enumerate(tokens):
        if i == 0 or token.ent_type_:
            continue
        if token.lower_ in _AFFILIATION_PREPS:
            words = [t.text for t in tokens[: i + 2]]
            if any(kb.title(" ".join(words[a:])) for a in range(i)):
                continue  # "secretary of state" is one title, not a role at "State"
            preps.append(i)
        elif token.lower_ in _CUT_PREPS:
            cut = i
            break
    for i in preps:
        if _starts_organization(kb, tokens[i + 1 : cut]):
            return i
    return preps[0] if preps else cut


def _read_role_part(
    kb: KnowledgeBase, doc: Doc, tokens: list[Token], info: RoleInfo, rule: str = "appositive"
) -> None:
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].lower_ == "new"):
        tokens = tokens[1:]  # "the new Sultan"
    if not tokens:
        return
    split = _role_split(kb, tokens)
    role_tokens = tokens[:split]
    # A nationality word before the role word ("a Ukrainian diplomat", "the first U.S.
    # secretary of state"); a country's name there is a subject ("a China expert").
    found = longest_title(kb, role_tokens)
    head_at = found[1] if found else len(role_tokens)
    for candidate in role_tokens[:head_at] or role_tokens[:1]:
        country = kb.nationality(candidate.text)
        if country is not None and info.nationality is None:
            end = candidate.idx + len(candidate)
            info.nationality = (
                country,
                Finding(country.iso3, candidate.idx, end, f"{rule}-nationality"),
            )
            break
    if (
        info.nationality is None
        and len(role_tokens) > 2
        and role_tokens[1].lower_ in ("'s", "’s")
        and role_tokens[0].ent_type_ == "GPE"
    ):
        owner = role_tokens[0]
        country = kb.country(owner.text)
        if country is not None:
            end = owner.idx + len(owner)
            info.nationality = (
                country,
                Finding(country.iso3, owner.idx, end, f"{rule}-possessive-country"),
            )
    if info.nationality is None:
        # "Diplomatic Advisor to the French President": the country of the office served
        for word in tokens[split:]:
            country = kb.nationality(word.text)
            served = kb.title(word.head.text)
            if country is not None and served is not None:
                found_at = Finding(country.iso3, word.idx, word.idx + len(word), f"{rule}-served")
                info.nationality = (country, found_at)
                if served.sector and info.role_sector is None:
                    at = Finding(served.sector, word.idx, word.head.idx + len(word.head), "served")
                    info.role_sector = at  # an adviser to a head of state is in government
                break
    if role_tokens:
        start, end = role_tokens[0].idx, role_tokens[-1].idx + len(role_tokens[-1])
        info.roles.append(Finding(doc_text(doc)[start:end], start, end, rule))
        if found is not None and found[0].sector and info.role_sector is None:
            info.role_sector = Finding(found[0].sector, start, end, f"role:{found[0].title}")
        if found is not None and found[0].country and info.default_country is None:
            title = found[0]
            at = Finding(title.country, start, end, f"title-country:{title.title}")
            info.default_country = (title.country, at)
        if any(t.lower_ in ("former", "ex") for t in role_tokens):
            info.former = True
        if found is not None:
            info.body_sector = body_of_title(kb, role_tokens[found[2] - 1])
        _orgs_in(kb, role_tokens, info)
    if split < len(tokens) and tokens[split].lower_ in _AFFILIATION_PREPS:
        _read_affiliation(kb, doc, tokens[split + 1 :], info)


def copula_role(kb: KnowledgeBase, doc: Doc, name_end: int) -> RoleInfo | None:
    """Read "NAME was the first U.S. secretary of state ..." as a role."""
    head = doc[name_end - 1]
    verb = head.head
    if head.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    attribute = next((c for c in verb.children if c.dep_ == "attr"), None)
    if attribute is None:
        return None
    skip = {
        t.i
        for child in attribute.children
        if child.dep_ in ("acl", "relcl", "advcl")
        for t in child.subtree
    }
    tokens = [t for t in attribute.subtree if t.i not in skip and not t.is_punct]
    if longest_title(kb, tokens) is None:
        return None
    info = RoleInfo()
    _read_role_part(kb, doc, tokens, info, rule="copula")
    return info if info.roles else None


def as_role(kb: KnowledgeBase, doc: Doc, name_end: int) -> RoleInfo | None:
    """Read "NAME was sworn in as the new Sultan of Oman", "NAME served as ambassador to
    Kenya" as a role: a title after "as" on the verb the name is the subject of."""
    head = doc[name_end - 1]
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for prep in head.head.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if noun is None or title_ending_at(kb, noun) is None:
            continue
        skip = {t.i for c in noun.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
        tokens = [t for t in noun.subtree if t.i not in skip and not t.is_punct]
        info = RoleInfo()
        _read_role_part(kb, doc, tokens, info, rule="as")
        return info if info.roles else None
    return None


_BODY_PREPS = frozenset({"of", "for", "at"})


def body_of_title(kb: KnowledgeBase, title: Token) -> Finding | None:
    """The sector of the body a title word names after it ("general secretary of the rail
    union", "spokeswoman for the army"): the head noun of its "of"/"for"/"at" object is an
    organisation word written in lower case. A named body ("of the Russian Federation",
    "of the North Atlantic Treaty Organization") is the affiliation's to code, and a body
    with an adjective ("the central bank") is another kind than its head word alone
    says: neither gives a sector here."""
    for prep in title.children:
        if prep.dep_ != "prep" or prep.lower_ not in _BODY_PREPS:
            continue
        body = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if body is None or not body.is_lower or any(c.dep_ == "amod" for c in body.children):
            return None
        word = kb.org_word(body.lemma_)
        if word is None or not word.sector:
            return None
        return Finding(word.sector, body.idx, body.idx + len(body), f"title-body:{body.lower_}")
    return None


def appositive_head_role(kb: KnowledgeBase, doc: Doc, name_end: int) -> RoleInfo | None:
    """Read "his spokesman Stephane Dujarric", "the French president's spokeswoman,
    Claire Dubois," as a role: the name stands in apposition to a title noun. The
    office is the title; a nationality in front of it or of its possessor is the
    country ("French president's")."""
    name = doc[name_end - 1]
    holder = name.head
    if name.dep_ != "appos" or holder.pos_ != "NOUN":
        return None
    counterpart = holder.lemma_.lower() == "counterpart"  # "his Peruvian counterpart, X"
    found = title_ending_at(kb, holder)
    if found is None and not counterpart:
        return None
    info = RoleInfo()
    start, end = holder.idx, holder.idx + len(holder)
    portfolio = [  # "his farm minister, X"
        c
        for c in holder.lefts
        if c.dep_ in ("compound", "amod")
        and c.ent_type_ not in ("PERSON", "GPE", "NORP")
        and kb.nationality(c.text) is None
    ]
    if portfolio:
        start = portfolio[0].idx
    if found is not None:
        start = min(start, found[1])  # "foreign policy chief": the whole title
    if not counterpart:
        info.roles.append(Finding(doc_text(doc)[start:end], start, end, "appositive-head"))
    title = found[0] if found is not None else None
    if title is not None and title.sector:
        info.role_sector = Finding(title.sector, start, end, f"role:{title.title}")
    if title is not None:
        info.body_sector = body_of_title(kb, holder)
    possessor = next((c for c in holder.children if c.dep_ == "poss"), None)
    words = [*holder.lefts, *(possessor.lefts if possessor is not None else [])]
    for word in words:
        country = kb.nationality(word.text) or (
            kb.country(word.text) if word.ent_type_ == "GPE" else None
        )
        if country is not None:
            at = Finding(country.iso3, word.idx, word.idx + len(word), "appositive-head-country")
            info.nationality = (country, at)
            break
    if info.nationality is None and possessor is not None:
        info.possessor = possessor  # "his spokesman": whose title it is
    return info


def _read_affiliation(kb: KnowledgeBase, doc: Doc, tokens: list[Token], info: RoleInfo) -> None:
    if info.affiliation is not None:
        return
    # The organisation's own noun phrase ends at the first preposition outside a name.
    head_end = len(tokens)
    for i, token in enumerate(tokens):
        if (
            token.lower_ in _AFFILIATION_PREPS or token.lower_ in _CUT_PREPS
        ) and not token.ent_type_:
            head_end = i
            break
    words = [t.text for t in tokens]
    for i in range(head_end):
        for n in range(min(kb.max_org_words, len(words) - i), 0, -1):
            org = known_org(kb, " ".join(words[i : i + n]), doc)
            if org is not None and tokens[i].text[:1].isupper():
                start, end = tokens[i].idx, tokens[i + n - 1].idx + len(tokens[i + n - 1])
                info.affiliation = Finding(
                    doc_text(doc)[start:end], start, end, "appositive-affiliation"
                )
                info.affiliation_org = org
                return
    head = tokens[:head_end]
    while head and not head[0].text[:1].isupper():
        head = head[1:]
    if not head:
        return
    start, end = head[0].idx, head[-1].idx + len(head[-1])
    named = doc_text(doc)[start:end]
    country = kb.country(named)
    if country is not None:
        # "Sultan of Oman" is Omani; "ambassador to Kenya" serves another country
        before = doc[head[0].i - 1] if head[0].i > 0 else None
        if before is not None and before.lower_ == "of" and info.nationality is None:
            info.nationality = (country, Finding(country.iso3, start, end, "name-of-country"))
        return
    info.affiliation = Finding(named, start, end, "appositive-affiliation")


def membership_country(kb: KnowledgeBase, doc: Doc, start: int, sentence: Span) -> Finding | None:
    """The nationality of a group a name is listed in: "U.S. officials, including X, Y"."""
    j = start - 1
    while j >= sentence.start:
        token = doc[j]
        if token.lower_ in ("including", "like") or (
            token.lower_ == "as" and j > sentence.start and doc[j - 1].lower_ == "such"
        ):
            break
        if token.text in (",", "and") or token.ent_type_ == "PERSON" or _is_title_token(kb, token):
            j -= 1
            continue
        return None
    else:
        return None
    k = j - (2 if doc[j].lower_ == "as" else 1)
    while k >= sentence.start and doc[k].text == ",":
        k -= 1
    if k < sentence.start:
        return None
    head = doc[k]
    if not kb.group_noun(head.text)[0]:
        return None
    for token in head.lefts:
        country = kb.nationality(token.text)
        if country is not None:
            return Finding(country.iso3, token.idx, token.idx + len(token), "group-membership")
    return None


def former_applies(info: RoleInfo) -> bool:
    sector = info.title_sector or info.role_sector
    return info.former and (sector is None or sector.value in _FORMER_SECTORS)
