"""Country and sector codes for actors, each with the rule and the words behind it.

Unknown beats wrong: a code is given only when the text says it (a nationality word in
a title, the home country of a known affiliation, a group the person is listed in) or
the knowledge base knows it. A country named as a subject ("a China expert") or inside
another organisation's name ("German Marshall Fund") is not a nationality.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from detente.actors.finding import Cluster, Found
from detente.actors.roles import (
    Finding,
    RoleInfo,
    appositive_after,
    appositive_head_role,
    as_role,
    copula_role,
    country_after,
    former_applies,
    membership_country,
    outlet_after,
    title_before,
)
from detente.document import STATE_SECTORS, Document, doc_text
from detente.kb import Country, KnowledgeBase, Organization, OrgWord, key
from detente.kb.gazetteer import city
from detente.model import Actor, Coding
from detente.model import Span as TextSpan

Codes = dict[str, tuple[str, Coding]]

_ABROAD_ROLE = re.compile(r"\b(ambassador|envoy|consul|advis[eo]r to)\b", re.IGNORECASE)
_HEAD_OF = re.compile(r"\b(president|chair(?:man|woman)?|head|director)\b", re.IGNORECASE)
HOME_LEAD = 2
"""How many times the runner-up's mentions the home country needs (``home_country``)."""
HOME_MENTIONS = 2
"""The fewest sentences naming actors of one country that make it an article's home."""
PLACE_WITHIN = 600
"""How far back (in characters) a state body named only by its kind looks for its place:
about a paragraph."""

_QUESTION_TO = re.compile(r"\bquestion(?:s)? (?:will )?(?:go(?:es)?|comes?) to\s+$", re.I)
_BASED = re.compile(r"^(?P<place>[A-Z][\w.]*(?:[ -][A-Z][\w.]*)*)-based$")


def _coding(doc_text: str, finding: Finding) -> Coding:
    return Coding(
        finding.rule, TextSpan(finding.start, finding.end, doc_text[finding.start : finding.end])
    )


def _first(values: list[tuple[str, Coding] | None]) -> tuple[str, Coding] | None:
    return next((v for v in values if v is not None), None)


def one_style_of_roles(kb: KnowledgeBase, roles: list[str]) -> list[str]:
    """The offices of a person, each once and without its country ("South Korean
    President" is a President of KOR): of a title and a longer form holding it, the
    longer only when it is a title itself ("Secretary of State", not "Authority
    President")."""
    offices: list[str] = []
    for role in roles:
        words = role.split()

        def national(phrase: str) -> bool:
            return bool(kb.demonym(phrase) or kb.nationality(phrase))

        # "Former US President", "South Korean President": the country goes in country,
        # not in the role
        drop = set()
        for i in range(len(words) - 1):
            if i + 2 < len(words) and national(f"{words[i]} {words[i + 1]}"):
                drop.update((i, i + 1))
            elif national(words[i]):
                drop.add(i)
        words = [w for i, w in enumerate(words) if i not in drop]
        office = " ".join(words)
        if office.lower() not in (o.lower() for o in offices):
            offices.append(office)

    def inside(short: str, long: str) -> bool:
        return short != long and f" {short.lower()} " in f" {long.lower()} "

    kept = []
    for office in offices:
        longer = [o for o in offices if inside(office, o)]
        if any(kb.title(o) is not None for o in longer):
            continue  # "Secretary" of "Secretary of State"
        shorter = [o for o in offices if inside(o, office)]
        if shorter and kb.title(office) is None:
            continue  # "Authority President" of "President"
        kept.append(office)
    return kept


def code_person(
    kb: KnowledgeBase,
    text: str,
    roles: list[RoleInfo],
    codes: Codes,
    membership: list[tuple[str, Coding]],
    known_orgs: dict[str, dict[str, str]],
) -> None:
    """Role, affiliation, country and sector of a person from all their mentions."""
    role_texts: list[str] = []
    for info in roles:
        for finding in info.roles:
            if finding.value not in role_texts:
                role_texts.append(finding.value)
                if "role" not in codes:
                    codes["role"] = ("", _coding(text, finding))
    if role_texts:
        codes["role"] = ("; ".join(one_style_of_roles(kb, role_texts)), codes["role"][1])
    affiliation = next((i for i in roles if i.affiliation is not None), None)
    if affiliation is not None and affiliation.affiliation is not None:
        codes["affiliation"] = (
            affiliation.affiliation.value,
            _coding(text, affiliation.affiliation),
        )

    def nationality(*rule_prefixes: str) -> tuple[str, Coding] | None:
        for info in roles:
            if info.nationality and info.nationality[1].rule.startswith(rule_prefixes):
                return info.nationality[0].iso3, _coding(text, info.nationality[1])
        return None

    def affiliation_code(field_name: str) -> tuple[str, Coding] | None:
        for info in roles:
            if info.affiliation is None:
                continue
            value = _org_code(kb, info.affiliation_org, info.affiliation.value, field_name)
            value = value or known_orgs.get(key(info.affiliation.value), {}).get(field_name)
            if value:
                return value, Coding(f"affiliation-{field_name}", _span(text, info.affiliation))
        return None

    envoy = any(_ABROAD_ROLE.search(f.value) for info in roles for f in info.roles)

    def role_org_code(field_name: str) -> tuple[str, Coding] | None:
        for info in roles:
            for org, finding in info.role_orgs:
                value = org.country if field_name == "country" else org.sector
                if value == "IGO" and envoy:
                    continue  # a "UN Ambassador" serves a state at the UN
                if value:
                    return value, Coding(f"role-organization-{field_name}", _span(text, finding))
        return None

    def default_country() -> tuple[str, Coding] | None:
        for info in roles:
            if info.default_country:
                return info.default_country[0], _coding(text, info.default_country[1])
        return None

    country = _first(
        [
            nationality("title"),
            nationality("appositive", "copula", "name-of-country"),
            affiliation_code("country"),
            role_org_code("country"),
            membership[0] if membership else None,
            default_country(),
        ]
    )
    if country is not None:
        codes["country"] = country

    def former() -> tuple[str, Coding] | None:
        for info in roles:
            if former_applies(info) and info.roles:
                return "ELI", Coding("former-official", _span(text, info.roles[-1]))
        return None

    def sector_of(attribute: str) -> tuple[str, Coding] | None:
        for info in roles:
            finding = getattr(info, attribute)
            if finding is not None:
                return finding.value, _coding(text, finding)
        return None

    def role_word_sector() -> tuple[str, Coding] | None:
        """ "Foreign Ministry spokesman", "Government commissioner": the kind of body a
        role names, when no title or organisation gave a sector."""
        for info in roles:
            for finding in info.roles:
                head = head_word(kb, finding.value)
                if head is not None and head.sector:
                    return head.sector, Coding("role-body", _span(text, finding))
        return None

    sector = _first(
        [
            former(),
            sector_of("body_sector"),
            sector_of("title_sector"),
            affiliation_code("sector"),
            sector_of("role_sector"),
            role_org_code("sector"),
            role_word_sector(),
        ]
    )
    body_sector = role_org_code("sector")
    if (
        sector is not None
        and sector[0] == "GOV"
        and codes.get("country", ("",))[0] == "IGO"
        and any(_HEAD_OF.search(f.value) for info in roles for f in info.roles)
        and body_sector is not None
    ):
        sector = body_sector  # "European Commission President": an IGO's head
    if sector is not None:
        codes["sector"] = sector


def _span(text: str, finding: Finding) -> TextSpan:
    return TextSpan(finding.start, finding.end, text[finding.start : finding.end])


def _org_code(
    kb: KnowledgeBase, org: Organization | None, name: str, field_name: str
) -> str | None:
    if org is not None:
        return org.country if field_name == "country" else org.sector
    country, sector = name_codes(kb, name)
    return country if field_name == "country" else sector


def head_word(kb: KnowledgeBase, name: str) -> OrgWord | None:
    """The last capitalised organisation word of a name ("Ministry" of "Ministry of
    Defence", "Foreign Ministry" of "Chinese Foreign Ministry")."""
    words = name.split()
    head = None
    for i in range(len(words)):
        for n in (3, 2, 1):
            word = kb.org_word(" ".join(words[i : i + n]))
            if word is not None and words[i][:1].isupper():
                head = word
                break
    return head


def name_codes(kb: KnowledgeBase, name: str) -> tuple[str | None, str | None]:
    """Country and sector an unknown organisation's own name implies.

    The sector comes from its head word ("University" EDU, "Ministry" GOV); the country
    only from a nationality word before a head that belongs to a state ("Chinese Foreign
    Ministry"), or from "of <country>" after one ("Ministry of Defence of Japan").
    """
    words = name.split()
    head = head_word(kb, name)
    sector = head.sector or None if head is not None else None
    country = None
    if head is not None and head.national:
        nationality = kb.nationality(words[0]) if words else None
        if nationality is not None:
            country = nationality.iso3
        elif " of " in name:
            owner = kb.country(name.rsplit(" of ", 1)[1])
            country = owner.iso3 if owner else None
    if country is None and len(words) > 1 and (head is None or head.national):
        named = kb.country(words[0])  # "Iran Air", "China Daily"
        country = named.iso3 if named else None
    return country, sector


def possessive_country(kb: KnowledgeBase, doc: Doc, start_char: int) -> Country | None:
    """The country that owns a name: "Iran's" of "Iran's Foreign Ministry"."""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or span.start < 2:
        return None
    marker, owner = doc[span.start - 1], doc[span.start - 2]
    if marker.lower_ not in ("'s", "’s") or owner.ent_type_ != "GPE":
        return None
    return kb.country(owner.text)


def code_organization(
    kb: KnowledgeBase,
    doc: Doc,
    name: str,
    org: Organization | None,
    mentions: list[tuple[int, int]],
    codes: Codes,
) -> None:
    text = doc_text(doc)
    first = min(mentions)
    first_span = TextSpan(first[0], first[1], text[first[0] : first[1]])
    if org is not None:
        if org.country:
            codes["country"] = (org.country, Coding("kb-organization", first_span))
        if org.sector:
            codes["sector"] = (org.sector, Coding("kb-organization", first_span))
        return
    country, sector = name_codes(kb, name)
    if country:
        codes["country"] = (country, Coding("name-nationality", first_span))
    for start, end in sorted(mentions):
        owner = possessive_country(kb, doc, start)
        if owner is not None and "country" not in codes:
            span = TextSpan(start, end, text[start:end])
            codes["country"] = (owner.iso3, Coding("possessive-country", span))
    if sector:
        codes["sector"] = (sector, Coding("name-head-word", first_span))
    for _, end in sorted(mentions):
        described = org_appositive(kb, doc, end)
        if described is None:
            continue
        a_country, a_sector, span = described
        if a_country and "country" not in codes:
            codes["country"] = (a_country, Coding("organization-appositive", span))
        if a_sector and "sector" not in codes:
            codes["sector"] = (a_sector, Coding("organization-appositive", span))


def org_appositive(
    kb: KnowledgeBase, doc: Doc, end_char: int
) -> tuple[str | None, str | None, TextSpan] | None:
    """ "X, a conservative foreign-policy group": what the description says of X."""
    text = doc_text(doc)
    rest = text[end_char : end_char + 120]
    match = re.match(r",\s+(?:a|an)\s+([^,.;:()“”\"]+)", rest)
    if not match:
        return None
    phrase = match.group(1).strip()
    words = phrase.split()
    start = end_char + match.start(1)
    span = TextSpan(start, start + len(phrase), phrase)
    sector = None
    for i in range(len(words)):
        for n in (2, 1):
            word = kb.org_word(" ".join(words[i : i + n]))
            if word is not None:
                sector = word.sector or sector
    country = None
    for word in words:
        based = _BASED.match(word)
        place = based.group("place") if based else None
        # "a Paris-based group", "a French group", "a Washington think tank".
        found = (
            (kb.country(place) or kb.capital(place))
            if place
            else (kb.demonym(word) or (kb.capital(word) if word[:1].isupper() else None))
        )
        if found is not None:
            country = found.iso3
            break
    if sector is None and country is None:
        return None
    return country, sector, span


def code_group(kb: KnowledgeBase, doc: Doc, mentions: list[tuple[int, int]], codes: Codes) -> None:
    text = doc_text(doc)
    for start, end in sorted(mentions):
        span = TextSpan(start, end, text[start:end])
        words = text[start:end].split()
        for word in words[:-1]:
            found = kb.nationality(word) or kb.country(word)
            if found is not None and "country" not in codes:
                codes["country"] = (found.iso3, Coding("group-nationality", span))
        if "sector" not in codes:
            for word in [*words[:-1], words[-1]]:
                _, sector = kb.group_noun(word)
                if sector:
                    codes["sector"] = (sector, Coding(f"group-noun:{word.lower()}", span))
                    break


class ActorCoder:
    """Codes the clusters of one article: roles, affiliation, country and sector, each
    with the words behind it (``Coding``)."""

    def __init__(self, kb: KnowledgeBase, document: Document, found: Found) -> None:
        self.kb = kb
        self.doc = document.doc
        self.text = document.text
        self.found = found
        self.name_tokens: frozenset[int] = frozenset()

    def code(self) -> None:
        self.name_tokens = frozenset(
            i
            for cluster in self.found.persons.values()
            for start, end in cluster.mentions
            for i in range(*self.token_bounds(start, end))
        )
        known_orgs: dict[str, dict[str, str]] = {}
        for cluster in self.found.orgs.values():
            code_organization(
                self.kb, self.doc, cluster.name, cluster.org, cluster.mentions, cluster.codes
            )
            values = {field_name: code[0] for field_name, code in cluster.codes.items()}
            for start, end in cluster.mentions:
                known_orgs[key(self.text[start:end])] = values
        for cluster in self.found.persons.values():
            cluster.roles = [self.roles_at(s, e) for s, e in sorted(cluster.mentions)]
            code_person(
                self.kb,
                self.text,
                cluster.roles,
                cluster.codes,
                self.membership(cluster),
                known_orgs,
            )
            self.known_person(cluster)
        self.coordinated_nationality()
        for cluster in self.found.countries.values():
            assert cluster.country is not None
            first = min(cluster.mentions)
            span = TextSpan(first[0], first[1], self.text[first[0] : first[1]])
            cluster.codes["country"] = (cluster.country.iso3, Coding("country-name", span))
        for cluster in self.found.groups.values():
            code_group(self.kb, self.doc, cluster.mentions, cluster.codes)

    def coordinated_nationality(self) -> None:
        """Titled people listed after one whose title gives a nationality share it:
        "British Chancellor Nigel Lawson, Foreign Secretary Geoffrey Howe and ..." makes
        Howe British too. Only a person with a title of their own and no country."""
        owner: dict[int, Cluster] = {}
        for cluster in self.found.persons.values():
            for start, end in cluster.mentions:
                owner[self.token_bounds(start, end)[1] - 1] = cluster
        for cluster in self.found.persons.values():
            if "country" in cluster.codes or "role" not in cluster.codes:
                continue
            for start, end in sorted(cluster.mentions):
                head = self.doc[self.token_bounds(start, end)[1] - 1]
                first = head
                while first.dep_ == "conj" and first.head is not first:
                    first = first.head
                if first is head:
                    continue
                # the nearest titled person before it in the list: "Israeli prime minister
                # A and energy minister B, Greek prime minister C and energy minister D"
                listed = [first, *(t for t in first.subtree if t.dep_ == "conj")]
                for before in sorted((t for t in listed if t.i < head.i), key=lambda t: -t.i):
                    leader = owner.get(before.i)
                    code = leader.codes.get("country") if leader is not None else None
                    if code is not None and code[1].rule.startswith("title-"):
                        span = code[1].span
                        cluster.codes["country"] = (code[0], Coding("coordinated-title", span))
                        break
                if "country" in cluster.codes:
                    break

    def code_by_possessors(self, document: Document) -> None:
        """Whose title it is gives a country the text does not: "his farm minister
        Ignaze Kiechle" after "Chancellor Helmut Kohl of West Germany", "Putin's
        spokesman Dmitry Peskov". The possessor is resolved by the document (pronouns as
        everywhere else); runs once the document holds the actors."""
        for cluster in self.found.persons.values():
            if "country" in cluster.codes or not cluster.mentions:
                continue
            for info in cluster.roles:
                if info.possessor is None:
                    continue
                token = info.possessor
                owner = document.actor_at(token.i)
                if owner is None and token.lower_ in ("his", "her", "their", "its"):
                    owner = document.antecedent(token)
                actor = document.actor_at(self.token_bounds(*min(cluster.mentions))[0])
                if owner is not None and owner.country and actor is not None and owner is not actor:
                    document.set_country(actor, owner.country, "title-possessor", token)
                    break

    def code_groups_by_place(self, document: Document) -> None:
        """A state body named only by its kind ("police", "the authorities",
        "senators") belongs to the place the text was last at: the nearest country, or
        city of the gazetteer, named before it within ``PLACE_WITHIN`` characters ("in
        Christchurch ... Police arrested the accused")."""
        places = self.places_named(document)
        for actor in document.actors:
            if actor.type != "group" or actor.country or actor.sector not in STATE_SECTORS:
                continue
            first = actor.mentions[0]
            before = [p for p in places if first.start - PLACE_WITHIN < p[0] < first.start]
            if before:
                start, end, iso3 = before[-1]
                span = TextSpan(start, end, self.text[start:end])
                actor.country = iso3
                actor.coding["country"] = Coding("nearest-place", span)

    def code_questioners(self, document: Document) -> None:
        """In a briefing's transcript, a person the moderator gives the next question to
        ("Our next question will go to Ben Geman") is a journalist."""
        for actor in document.actors:
            if actor.type != "person" or actor.sector is not None:
                continue
            for mention in actor.mentions:
                before = self.text[max(0, mention.start - 60) : mention.start]
                called = _QUESTION_TO.search(before)
                if called is not None:
                    actor.sector = "JRN"
                    start = max(0, mention.start - 60) + called.start()
                    span = TextSpan(start, mention.end, self.text[start : mention.end])
                    actor.coding["sector"] = Coding("questioner", span)
                    break

    def code_by_home_country(self, document: Document) -> None:
        """An office the text gives no country belongs to the article's home country
        (``home_country``): "Interior Minister Boris Gryzlov" in a story about Russia,
        "the Senate" in one about the Philippines: state offices and bodies (a
        minister, a judge, a ministry, the police) and people of no office, only when
        one country clearly leads the article; the document keeps the home for the
        actors later stages add."""
        document.home = home_country(document)
        if document.home is None:
            return
        iso3, span = document.home
        for actor in document.actors:
            if actor.country is not None or not self.domestic(actor):
                continue
            if actor.sector in STATE_SECTORS:
                actor.country = iso3
                actor.coding["country"] = Coding("home-country", span)
            elif actor.type == "person":
                # most people a story about one country names and places nowhere else
                # are its own ("union leader Ann Reid" in a story about Britain)
                actor.country = iso3
                actor.coding["country"] = Coding("home-country-person", span)

    def domestic(self, actor: Actor) -> bool:
        """Whether an office with no country is likely the home country's own: not a
        diplomat's (an ambassador or an adviser to someone serves one country among
        others), not an organisation whose kind of body is as often international ("the
        Commission", "the Office")."""
        if actor.type == "person":
            return not (actor.role and _ABROAD_ROLE.search(actor.role))
        if actor.type == "organization":
            head = head_word(self.kb, actor.name)
            return head is not None and head.national
        return True

    def places_named(self, document: Document) -> list[tuple[int, int, str]]:
        """(start, end, country) of the countries and cities the text names, in order."""
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC"):
                continue
            if key(ent.text) in document.not_countries:
                continue  # "Georgia" of "Dalton, Georgia"
            country = self.kb.country(ent.text) or self.kb.capital(ent.text)
            iso3 = country.iso3 if country else None
            if iso3 is None and self.kb.demonym(ent.text) is None:
                place = city(ent.text)
                iso3 = place.country if place else None
            if iso3 is not None:
                found.append((ent.start_char, ent.end_char, iso3))
        return found

    def known_person(self, cluster: Cluster) -> None:
        """A public figure the text names without a nationality ("President Bush" is
        not enough, "Vladimir Putin" is) takes country and sector from the knowledge
        base; what the text says always wins."""
        if "country" in cluster.codes and "sector" in cluster.codes:
            return
        for start, end in sorted(cluster.mentions, key=lambda m: m[0] - m[1]):
            person = self.kb.person(self.text[start:end]) or self.kb.person(cluster.name)
            if person is None:
                continue
            span = TextSpan(start, end, self.text[start:end])
            if "country" not in cluster.codes:
                cluster.codes["country"] = (person.country, Coding("known-person", span))
            if "sector" not in cluster.codes and person.sector:
                cluster.codes["sector"] = (person.sector, Coding("known-person", span))
            return

    def token_bounds(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        assert span is not None
        return span.start, span.end

    def roles_at(self, start: int, end: int) -> RoleInfo:
        first, last = self.token_bounds(start, end)
        sentence = self.doc[first].sent
        info = title_before(self.kb, self.doc, first, sentence.start, self.name_tokens)
        for more in (
            appositive_after(self.kb, self.doc, last, sentence),
            copula_role(self.kb, self.doc, last),
            appositive_head_role(self.kb, self.doc, last),
            as_role(self.kb, self.doc, last),
            country_after(self.kb, self.doc, last, sentence),
            outlet_after(self.kb, self.doc, last, sentence),
        ):
            if more is not None:
                merge_roles(info, more)
        return info

    def membership(self, cluster: Cluster) -> list[tuple[str, Coding]]:
        found = []
        for start, end in cluster.mentions:
            first, _ = self.token_bounds(start, end)
            finding = membership_country(self.kb, self.doc, first, self.doc[first].sent)
            if finding is not None:
                span = TextSpan(finding.start, finding.end, self.text[finding.start : finding.end])
                found.append((finding.value, Coding(finding.rule, span)))
        return found


def home_country(document: Document) -> tuple[str, TextSpan] | None:
    """The country an article is about, with its first mention: the one whose actors
    (the country itself, its people and bodies) the text mentions most, at least
    ``HOME_MENTIONS`` times in as many sentences, and ``HOME_LEAD`` times as often as
    any other. None when no country leads so clearly (a meeting of two states, a story
    of many) or the text never comes back to it (a single sentence)."""
    counts: dict[str, int] = {}
    sentences: dict[str, set[int]] = {}
    first: dict[str, TextSpan] = {}
    for actor in document.actors:
        if actor.country is None or actor.country == "IGO" or not actor.mentions:
            continue
        counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
        sentences.setdefault(actor.country, set()).update(
            document.sentence_number(m.start) for m in actor.mentions
        )
        mention = actor.mentions[0]
        if actor.country not in first or mention.start < first[actor.country].start:
            first[actor.country] = mention
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or len(sentences[ranked[0][0]]) < HOME_MENTIONS:
        return None
    filed_at_home = ranked[0][0] == dateline_country(document)
    if len(ranked) > 1 and not filed_at_home and ranked[0][1] < HOME_LEAD * ranked[1][1]:
        return None
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0], first[ranked[0][0]]


def dateline_country(document: Document) -> str | None:
    """The country of the place a story was filed from ("WASHINGTON, Oct 19 -"): when
    it is also the country the story names most, that country is its home even without
    a clear lead ("Trade Representative Clayton Yeutter" of a Washington story about
    American, Canadian and Israeli pacts is American)."""
    span = document.layout.dateline_place
    if span is None:
        return None
    words = document.text[span[0] : span[1]].split(",")[0].strip().title()
    country = document.kb.capital(words) or document.kb.country(words)
    if country is not None:
        return country.iso3
    place = city(words)
    return place.country if place else None


def assemble(found: Found, text: str) -> list[Actor]:
    """The actors of the clusters, numbered in the order of first mention."""
    clusters = [c for c in found.all() if c.mentions]
    clusters.sort(key=lambda c: (min(c.mentions), c.type))
    actors = []
    for number, cluster in enumerate(clusters, start=1):
        mentions = [TextSpan(s, e, text[s:e]) for s, e in sorted(cluster.mentions)]
        codes = cluster.codes
        actors.append(
            Actor(
                id=f"a{number}",
                type=cluster.type,
                name=cluster.name,
                country=codes["country"][0] if "country" in codes else None,
                sector=codes["sector"][0] if "sector" in codes else None,
                role=codes["role"][0] if "role" in codes else None,
                affiliation=codes["affiliation"][0] if "affiliation" in codes else None,
                mentions=mentions,
                coding={k: v[1] for k, v in codes.items()},
            )
        )
    return actors


def merge_roles(info: RoleInfo, more: RoleInfo) -> None:
    """Add what an appositive says to what the title said."""
    info.roles.extend(more.roles)
    info.affiliation = info.affiliation or more.affiliation
    info.affiliation_org = info.affiliation_org or more.affiliation_org
    info.nationality = info.nationality or more.nationality
    info.role_sector = info.role_sector or more.role_sector
    info.body_sector = info.body_sector or more.body_sector
    info.default_country = info.default_country or more.default_country
    info.possessor = info.possessor or more.possessor
    info.role_orgs.extend(more.role_orgs)
    info.former = info.former or more.former
