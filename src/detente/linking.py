"""Linking across articles: one canonical actor per real actor, one cluster per real event.

Both are pure functions of what the store holds, recomputed at the end of every ingest:
the same articles give the same ids whatever order they were stored in, and a run
killed half-way and started again links exactly as a clean run.

Canonical actors. Names are compared folded (case, accents, full stops, middle
initials). A person the knowledge base knows ("Putin", "Vladimir V. Putin") takes its
name there. A full name is one actor per country; a name without a country joins the
actor of that name in the country that holds most (three quarters) of its mentions
with a country. A one-word name
("Blinken", "Xi") joins the one full name of the same country (or of any country, when
the mention has none) that starts or ends with that word; when two full names could
claim it, it stays apart. Actors of two countries never merge, and a name with a
country never joins one without. A group ("officials") or a state body ("Foreign
Ministry") without a country stays an actor of its own article: nothing says whose it
is. Countries are one actor per ISO code. The id says what the
actor is (``person:antony-blinken:usa``), so it is stable across runs and readable.

Event clusters. Reports of one real-world event share the PLOVER type, the status, the
dyad (the actors' countries, else the canonical actors), and dates at most
``CLUSTER_DAYS`` after the cluster's first report; two reports whose named people or
organisations differ on the same side (Blinken meeting Wang, Yellen meeting He) are two
events. A cluster keeps its first report, its number of reports and its number of
distinct articles.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


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


def _make_id(kind: str, folded: str, country: str | None) -> str:
    if kind == "country":
        return f"country:{folded}"
    base = f"{kind}:{slug(folded)}"
    return f"{base}:{country.lower()}" if country else base


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return min(counted, key=lambda v: (-counted[v], -len(v), v))


def link_actors(
    rows: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None
) -> list[CanonicalActor]:
    """Canonical actors of article actors (dicts with ``article_id``, ``actor_id``,
    ``type``, ``name``, ``country``, ``sector``), sorted by id."""
    groups: dict[tuple[str, str, str | None], list[dict[str, Any]]] = defaultdict(list)
    single_word: list[dict[str, Any]] = []
    for row in rows:
        kind, name, country = row["type"], row["name"], row.get("country")
        if kind == "country" and country:
            groups[("country", country.casefold(), country)].append(row)
            continue
        if kind == "person":
            known = kb.person(name) if kb is not None else None
            folded = fold_person(known.name if known else name)
            country = country or (known.country if known else None)
            if len(folded.split()) == 1:
                single_word.append({**row, "_folded": folded, "_country": country})
                continue
        else:
            known_org = kb.organization(name) if kb is not None else None
            folded = fold(known_org.name if known_org else name)
            if country is None and known_org is None and _needs_a_country(kind, name, kb):
                folded = f"{folded} {row['article_id']}"  # whose "Foreign Ministry"?
        groups[(kind, folded, country)].append(row)
    _merge_countryless(groups)
    by_word: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for group in groups:
        words = group[1].split()
        if group[0] == "person" and len(words) > 1:
            for word in {words[0], words[-1]}:
                by_word[word].append(group)
    for row in single_word:
        groups[_claim(by_word[row["_folded"]], row)].append(row)
    by_id: dict[str, tuple[str, str | None, list[dict[str, Any]]]] = {}
    for (kind, folded, country), members in groups.items():
        identifier = _make_id(kind, folded, country)
        if identifier in by_id:  # names that differ only in punctuation
            by_id[identifier][2].extend(members)
        else:
            by_id[identifier] = (kind, country, list(members))
    out = [
        CanonicalActor(
            id=identifier,
            type=kind,
            name=_display_name(kind, members, kb),
            country=country,
            sector=_most_common(m.get("sector") for m in members),
            variants=sorted({m["name"] for m in members}),
            members=sorted((m["article_id"], m["actor_id"]) for m in members),
        )
        for identifier, (kind, country, members) in by_id.items()
    ]
    return sorted(out, key=lambda a: a.id)


def _needs_a_country(kind: str, name: str, kb: KnowledgeBase | None) -> bool:
    """A group ("officials") or a state body ("Foreign Ministry") without a country is a
    different actor in every article: nothing says whose it is."""
    if kind == "group":
        return True
    head = head_word(kb, name) if kb is not None else None
    return head is not None and head.sector in STATE_SECTORS


def _display_name(kind: str, members: list[dict[str, Any]], kb: KnowledgeBase | None) -> str:
    names = [m["name"] for m in members]
    if kind == "country" and kb is not None:
        known_country = kb.by_iso3.get(members[0]["country"])
        if known_country is not None:
            return known_country.name
    if kind == "person" and kb is not None:
        for name in names:
            known = kb.person(name)
            if known is not None:
                return known.name
    longest = max(len(n.split()) for n in names)
    return _most_common(n for n in names if len(n.split()) == longest) or names[0]


def _merge_countryless(groups: dict[tuple[str, str, str | None], list[dict[str, Any]]]) -> None:
    """A name with no country joins the same-named actor that has one, when one country
    holds at least ``DOMINANT_SHARE`` of that name's mentions with a country."""
    with_country: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for (kind, folded, country), members in groups.items():
        if country is not None:
            with_country[(kind, folded)][country] = len(members)
    for kind, folded, country in list(groups):
        counts = with_country.get((kind, folded))
        if country is not None or not counts:
            continue
        best = min(counts, key=lambda c: (-counts[c], c))
        if counts[best] >= DOMINANT_SHARE * sum(counts.values()):
            groups[(kind, folded, best)].extend(groups.pop((kind, folded, None)))


def _claim(
    candidates: list[tuple[str, str, str | None]], row: dict[str, Any]
) -> tuple[str, str, str | None]:
    """The full-name group a one-word person name belongs to (one of the groups whose
    first or last word it is), else a group of its own."""
    country = row["_country"]
    claims = [g for g in candidates if country is None or g[2] == country]
    if len(claims) == 1:
        return claims[0]
    return ("person", row["_folded"], country)


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


def _side(report: dict[str, Any], side: str) -> tuple[str | None, str | None]:
    """The dyad key of one side (country, else canonical actor) and, for people and
    organisations, the canonical actor that must agree within a cluster."""
    country = report.get(f"{side}_country")
    actor = report.get(f"{side}_canonical")
    named = actor if actor and not actor.startswith("country:") else None
    return (country or actor), named


def cluster_events(reports: Iterable[dict[str, Any]]) -> list[EventCluster]:
    """Group event reports (dicts with ``article_id``, ``event_id``, ``type``, ``status``,
    ``date``, countries and optional canonical actors) into clusters, in date order."""
    dated, undated = [], []
    for report in reports:
        day = parse_day(report.get("date"))
        (dated if day is not None else undated).append({**report, "_day": day})
    dated.sort(key=lambda r: (r["_day"], r["article_id"], r["event_id"]))
    clusters: list[EventCluster] = []
    open_clusters: dict[tuple[Any, ...], list[EventCluster]] = defaultdict(list)
    for report in dated:
        (source, source_named), (target, target_named) = (
            _side(report, "source"),
            _side(report, "target"),
        )
        if source is None and target is None:
            clusters.append(_new_cluster(report))
            continue
        key = (report["type"], report["status"], source, target)
        found = None
        for cluster in open_clusters[key]:
            if (report["_day"] - cluster.first["_day"]).days > CLUSTER_DAYS:
                continue
            if _agrees(cluster, "source", source_named) and _agrees(
                cluster, "target", target_named
            ):
                found = cluster
                break
        if found is None:
            found = _new_cluster(report)
            clusters.append(found)
            open_clusters[key].append(found)
        else:
            found.reports.append(report)
    clusters += [_new_cluster(r) for r in undated]
    return clusters


def _agrees(cluster: EventCluster, side: str, named: str | None) -> bool:
    if named is None:
        return True
    others = {_side(r, side)[1] for r in cluster.reports} - {None}
    return not others or others == {named}


def _new_cluster(report: dict[str, Any]) -> EventCluster:
    digest = hashlib.sha1(f"{report['article_id']}/{report['event_id']}".encode()).hexdigest()
    return EventCluster(id=f"c{digest[:12]}", first=report, reports=[report])
