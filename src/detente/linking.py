"""Linking across articles: one canonical actor per real actor, one cluster per real event.

The rules here say what links to what, as a function of the set of stored articles and
nothing else: the same articles give the same ids whatever order they were stored in
and however they were batched, and a run killed half-way and started again links
exactly as a clean run. ``link_actors`` and ``cluster_events`` apply them to everything
at once; the store applies the same rules incrementally (``detente.linker``), looking up
only what a new batch can join.

Canonical actors. Every article actor has a key (``actor_key``): its type, its name
compared folded (case, accents, full stops, middle initials) and its country. A person
the knowledge base knows ("Putin", "Vladimir V. Putin") takes its name there. A full
name is one actor per country; a name without a country joins the actor of that name
in the country that holds most (three quarters) of its mentions with a country. A
one-word name ("Blinken", "Xi") joins the one full name of the same country (or of any
country, when the mention has none) that starts or ends with that word; when two full
names could claim it, it stays apart. Actors of two countries never merge, and a name
with a country never joins one without. A group ("officials") or a state body ("Foreign
Ministry") without a country stays an actor of its own article: nothing says whose it
is. Countries are one actor per ISO code. The id says what the actor is
(``person:antony-blinken:usa``), so it is stable across runs and readable. Its display
name, sector and variants come from the number of its article actors of each name and
sector (``describe``).

Event clusters. Reports of one real-world event share the PLOVER type, the status, the
dyad (the actors' countries, else the canonical actors), and dates at most
``CLUSTER_DAYS`` after the cluster's first report; two reports whose named people or
organisations differ on the same side (Blinken meeting Wang, Yellen meeting He) are two
events. Reports are taken in date order (then article and event id) and each joins the
first open cluster it fits (``Timeline``). A cluster's id is its first report's, and it
keeps its number of reports and of distinct articles.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from detente.actors.coding import head_word
from detente.document import STATE_SECTORS
from detente.kb import KnowledgeBase

CLUSTER_DAYS = 3
"""Reports dated at most this many days after a cluster's first report can join it."""

DOMINANT_SHARE = 0.75
"""A name without a country joins the country that holds this share of its mentions."""

_NOT_WORD = re.compile(r"[^\w\s'-]+")
_INITIAL = re.compile(r"^\w$")


def fold(name: str) -> str:
    """A name's comparison form: no accents, case, full stops or leading article."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NOT_WORD.sub(" ", text.replace("’", "'")).casefold()
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def fold_person(name: str) -> str:
    """A person's comparison form also drops middle initials ("Antony J. Blinken")."""
    words = fold(name).split()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return " ".join(words)


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


@dataclass(frozen=True, slots=True, order=True)
class ActorKey:
    """What linking compares of an article actor: its type, its folded name (followed by
    its article's id for a group or state body of no known country) and its country
    ("" for none). Article actors of one key are always one canonical actor."""

    type: str
    name: str
    country: str = ""

    @property
    def claims(self) -> bool:
        """A one-word person name ("Blinken"), which joins the one full name it can be."""
        return self.type == "person" and len(self.name.split()) == 1

    @property
    def edge_words(self) -> tuple[str, str] | None:
        """The first and last words of a full person name: one-word names claim it by them."""
        words = self.name.split()
        if self.type == "person" and len(words) > 1:
            return words[0], words[-1]
        return None


Group = tuple[str, str, str | None]
"""Type, name and country (once a name without one has joined its dominant country):
the keys of one group are one canonical actor, whose id ``group_id`` makes."""


def actor_key(row: dict[str, Any], kb: KnowledgeBase | None) -> ActorKey:
    """The key of an article actor (a dict with ``article_id``, ``type``, ``name``,
    ``country``)."""
    kind, name, country = row["type"], row["name"], row.get("country")
    if kind == "country" and country:
        return ActorKey("country", country.casefold(), country)
    if kind == "person":
        known = kb.person(name) if kb is not None else None
        folded = fold_person(known.name if known else name)
        return ActorKey("person", folded, country or (known.country if known else None) or "")
    known_org = kb.organization(name) if kb is not None else None
    folded = fold(known_org.name if known_org else name)
    if country is None and known_org is None and _needs_a_country(kind, name, kb):
        folded = f"{folded} {row['article_id']}"  # whose "Foreign Ministry"?
    return ActorKey(kind, folded, country or "")


class KeyIndex(Protocol):
    """The keys linking looks up: held in memory (``KeysInMemory``), or in SQL for a
    store."""

    def countries(self, kind: str, name: str) -> dict[str, int]:
        """The number of article actors under each key of this type and name, by
        country ("" for none)."""
        ...

    def claimants(self, word: str, country: str) -> set[str]:
        """The full person names (folded) whose first or last word is ``word``, with a
        key of ``country`` when it is not "", or at least two of them when there are
        more: enough to tell whether exactly one can claim the word."""
        ...


class KeysInMemory:
    def __init__(self, keys: Iterable[ActorKey]) -> None:
        self._counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self._names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for key in keys:
            self._counts[(key.type, key.name)][key.country] += 1
            for word in key.edge_words or ():
                self._names[(word, "")].add(key.name)
                self._names[(word, key.country)].add(key.name)

    def countries(self, kind: str, name: str) -> dict[str, int]:
        return dict(self._counts.get((kind, name), {}))

    def claimants(self, word: str, country: str) -> set[str]:
        return set(self._names.get((word, country), ()))


class Resolver:
    """The group (and so the canonical actor) of each key, from an index of the keys."""

    def __init__(self, index: KeyIndex) -> None:
        self.index = index
        self._counts: dict[tuple[str, str], dict[str, int]] = {}

    def group(self, key: ActorKey) -> Group:
        if key.claims:
            return self._claimed(key)
        return key.type, key.name, self._country(key.type, key.name, key.country)

    def canonical_id(self, key: ActorKey) -> str:
        return group_id(*self.group(key))

    def _country(self, kind: str, name: str, country: str) -> str | None:
        """A key's own country; for a key without one, the country that holds at least
        ``DOMINANT_SHARE`` of the name's article actors with a country, if one does."""
        if country:
            return country
        counts = {c: n for c, n in self._countries(kind, name).items() if c}
        if not counts:
            return None
        best = min(counts, key=lambda c: (-counts[c], c))
        return best if counts[best] >= DOMINANT_SHARE * sum(counts.values()) else None

    def _claimed(self, key: ActorKey) -> Group:
        """The one full-name group a one-word person name belongs to (one whose first or
        last word it is, of its country when it has one), else a group of its own. A
        group of a country always has a key of that country (a name without one only
        joins a country it has), and each full name is at least one group, so only a
        word that one full name alone can claim needs that name's groups."""
        names = self.index.claimants(key.name, key.country)
        if len(names) == 1:
            (name,) = names
            if key.country:
                return "person", name, key.country
            countries = {self._country("person", name, c) for c in self._countries("person", name)}
            if len(countries) == 1:
                return "person", name, countries.pop()
        return "person", key.name, key.country or None

    def _countries(self, kind: str, name: str) -> dict[str, int]:
        if (kind, name) not in self._counts:
            self._counts[(kind, name)] = self.index.countries(kind, name)
        return self._counts[(kind, name)]


@dataclass(slots=True)
class CanonicalActor:
    """One real actor across the corpus and the article actors that name it."""

    id: str
    type: str
    name: str
    country: str | None
    sector: str | None
    variants: list[str]
    members: list[tuple[str, str]] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len({article for article, _ in self.members})


def group_id(kind: str, folded: str, country: str | None) -> str:
    if kind == "country":
        return f"country:{folded}"
    base = f"{kind}:{slug(folded)}"
    return f"{base}:{country.lower()}" if country else base


def _by_frequency(counted: Counter[str]) -> list[str]:
    """Non-empty values, the most common first (then the longest, then alphabetical)."""
    return sorted((v for v in counted if v), key=lambda v: (-counted[v], -len(v), v))


def _most_common(counted: Counter[str]) -> str | None:
    return next(iter(_by_frequency(counted)), None)


def link_actors(
    rows: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None
) -> list[CanonicalActor]:
    """Canonical actors of article actors (dicts with ``article_id``, ``actor_id``,
    ``type``, ``name``, ``country``, ``sector``), sorted by id."""
    keyed = [(row, actor_key(row, kb)) for row in rows]
    resolver = Resolver(KeysInMemory(key for _, key in keyed))
    groups: dict[str, Group] = {}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row, key in keyed:
        group = resolver.group(key)
        identifier = group_id(*group)
        groups[identifier] = group
        members[identifier].append(row)
    out = []
    for identifier, (kind, _, country) in groups.items():
        tallies = Counter((m["name"], m.get("sector")) for m in members[identifier])
        name, sector, variants = describe(kind, country, tallies, kb)
        out.append(
            CanonicalActor(
                id=identifier,
                type=kind,
                name=name,
                country=country,
                sector=sector,
                variants=variants,
                members=sorted((m["article_id"], m["actor_id"]) for m in members[identifier]),
            )
        )
    return sorted(out, key=lambda a: a.id)


def describe(
    kind: str,
    country: str | None,
    tallies: Counter[tuple[str, str | None]],
    kb: KnowledgeBase | None,
) -> tuple[str, str | None, list[str]]:
    """A canonical actor's display name, sector and name variants, from its number of
    article actors of each name and sector."""
    names: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for (name, sector), count in tallies.items():
        names[name] += count
        if sector:
            sectors[sector] += count
    return _display_name(kind, country, names, kb), _most_common(sectors), sorted(names)


def _needs_a_country(kind: str, name: str, kb: KnowledgeBase | None) -> bool:
    """A group ("officials") or a state body ("Foreign Ministry") without a country is a
    different actor in every article: nothing says whose it is."""
    if kind == "group":
        return True
    head = head_word(kb, name) if kb is not None else None
    return head is not None and head.sector in STATE_SECTORS


def _display_name(
    kind: str, country: str | None, names: Counter[str], kb: KnowledgeBase | None
) -> str:
    """The knowledge base's name of a country or of a person it knows (the most common
    name it knows), else the most common of the names with the most words."""
    if kind == "country" and kb is not None and country:
        known_country = kb.by_iso3.get(country)
        if known_country is not None:
            return known_country.name
    if kind == "person" and kb is not None:
        for name in _by_frequency(names):
            known = kb.person(name)
            if known is not None:
                return known.name
    longest = max(len(n.split()) for n in names)
    fullest = Counter({n: c for n, c in names.items() if len(n.split()) == longest})
    return _most_common(fullest) or min(names)


@dataclass(slots=True)
class EventCluster:
    """The reports of one real-world event."""

    id: str
    first: dict[str, Any]
    reports: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len({r["article_id"] for r in self.reports})


def parse_day(value: str | None) -> dt.date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as a date (the first day of the period)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return dt.date(*numbers[:3])
    except (ValueError, TypeError):
        return None


def report_day(report: dict[str, Any]) -> int | None:
    """A report's day (``date``) as a day number, None when it has no date."""
    day = parse_day(report.get("date"))
    return day.toordinal() if day is not None else None


def _side(country: str | None, actor: str | None) -> tuple[str | None, str | None]:
    """The dyad key of one side (country, else canonical actor) and, for people and
    organisations, the canonical actor that must agree within a cluster."""
    named = actor if actor and not actor.startswith("country:") else None
    return (country or actor), named


ClusterKey = tuple[str, str, str | None, str | None]
"""Type, status and the dyad's two sides: what the reports of one cluster share."""


def cluster_id(article_id: str, event_id: str) -> str:
    """The id of the cluster a report is the first of."""
    digest = hashlib.sha1(f"{article_id}/{event_id}".encode()).hexdigest()
    return f"c{digest[:12]}"


@dataclass(frozen=True, slots=True)
class Report:
    """What clustering reads of a report: its key, its place in date order (day number,
    article, event), the people or organisations it names on each side (canonical
    ids), and, for a stored report, the cluster it is stored in."""

    key: ClusterKey
    position: tuple[int, str, str]
    named: tuple[str | None, str | None]
    cluster: str | None = None

    @property
    def own(self) -> str:
        """The id of the cluster this report would start."""
        return cluster_id(*self.position[1:])


def placed(report: dict[str, Any], cluster: str | None = None) -> Report | None:
    """A report (a dict with ``article_id``, ``event_id``, ``type``, ``status``, ``date``,
    countries and optional canonical actors) as clustering reads it; None when it has no
    date or no side, and so is an event of its own."""
    day = report_day(report)
    if day is None:
        return None
    return place(
        report["type"],
        report["status"],
        (day, report["article_id"], report["event_id"]),
        (report.get("source_country"), report.get("source_canonical")),
        (report.get("target_country"), report.get("target_canonical")),
        cluster,
    )


def place(
    kind: str,
    status: str,
    position: tuple[int, str, str],
    source: tuple[str | None, str | None],
    target: tuple[str | None, str | None],
    cluster: str | None = None,
) -> Report | None:
    """A dated report from its type, status, place and sides (country and canonical
    actor of each); None when it has no side."""
    (source_side, source_named), (target_side, target_named) = _side(*source), _side(*target)
    if source_side is None and target_side is None:
        return None
    return Report(
        key=(kind, status, source_side, target_side),
        position=position,
        named=(source_named, target_named),
        cluster=cluster,
    )


@dataclass(slots=True)
class OpenCluster:
    id: str
    day: int
    named: list[str | None]


class Timeline:
    """The clusters of one key that reports can still join, as reports come in order:
    a report joins the first (oldest) cluster whose first report is at most
    ``CLUSTER_DAYS`` older and names no other person or organisation on either side,
    else it starts a cluster."""

    def __init__(self) -> None:
        self.open: list[OpenCluster] = []

    def copy(self) -> Timeline:
        twin = Timeline()
        twin.open = [OpenCluster(c.id, c.day, list(c.named)) for c in self.open]
        return twin

    def join(self, report: Report) -> str:
        """The cluster the report joins (or starts)."""
        self.close(report.position[0])
        for cluster in self.open:
            if all(_agree(had, new) for had, new in zip(cluster.named, report.named, strict=True)):
                _name(cluster, report)
                return cluster.id
        self.open.append(OpenCluster(report.own, report.position[0], list(report.named)))
        return report.own

    def follow(self, report: Report) -> None:
        """Take a stored report into the cluster it is stored in (nothing to keep when
        that cluster is closed)."""
        self.close(report.position[0])
        if report.cluster == report.own:
            self.open.append(OpenCluster(report.own, report.position[0], list(report.named)))
            return
        for cluster in self.open:
            if cluster.id == report.cluster:
                _name(cluster, report)

    def close(self, day: int) -> None:
        """Drop the clusters no report of this day or later can join."""
        self.open = [c for c in self.open if day - c.day <= CLUSTER_DAYS]

    def state(self) -> list[tuple[str, list[str | None]]]:
        """What decides where the next reports go."""
        return [(c.id, c.named) for c in self.open]


def _agree(had: str | None, new: str | None) -> bool:
    return had is None or new is None or had == new


def _name(cluster: OpenCluster, report: Report) -> None:
    cluster.named = [had or new for had, new in zip(cluster.named, report.named, strict=True)]


def cluster_events(reports: Iterable[dict[str, Any]]) -> list[EventCluster]:
    """Group event reports (dicts as ``placed`` reads them) into clusters, in date order."""
    dated, undated = [], []
    for report in reports:
        (dated if report_day(report) is not None else undated).append(report)
    dated.sort(key=lambda r: (report_day(r), r["article_id"], r["event_id"]))
    clusters: dict[str, EventCluster] = {}
    timelines: dict[ClusterKey, Timeline] = defaultdict(Timeline)
    for report in [*dated, *undated]:
        place = placed(report)
        if place is None:
            chosen = cluster_id(report["article_id"], report["event_id"])
        else:
            chosen = timelines[place.key].join(place)
        if chosen in clusters:
            clusters[chosen].reports.append(report)
        else:
            clusters[chosen] = EventCluster(id=chosen, first=report, reports=[report])
    return list(clusters.values())
