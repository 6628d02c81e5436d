"""Linking across articles: canonical actors and event clusters. All names are invented
except public figures the knowledge base knows."""

from __future__ import annotations

from typing import Any

from detente.kb import KnowledgeBase
from detente.linking import cluster_events, fold_person, link_actors


def actor(article: str, name: str, country: str | None, kind: str = "person") -> dict[str, Any]:
    return {
        "article_id": article,
        "actor_id": f"{kind[0]}-{name}",
        "type": kind,
        "name": name,
        "country": country,
        "sector": "GOV" if kind == "person" else None,
    }


def by_member(canonical: list[Any]) -> dict[tuple[str, str], str]:
    return {member: c.id for c in canonical for member in c.members}


def test_name_variants_of_one_person_are_one_actor() -> None:
    rows = [
        actor("a1", "Maria Okafor", "NGA"),
        actor("a2", "Maria N. Okafor", "NGA"),
        actor("a3", "Okafor", None),
        actor("a4", "MARÍA OKAFOR", None),
    ]
    canonical = link_actors(rows)
    assert len(canonical) == 1
    only = canonical[0]
    assert only.id == "person:maria-okafor:nga"
    assert only.name == "Maria N. Okafor" or only.name == "Maria Okafor"
    assert only.articles == 4
    assert set(only.variants) == {"Maria Okafor", "Maria N. Okafor", "Okafor", "MARÍA OKAFOR"}


def test_a_surname_two_people_share_stays_apart() -> None:
    rows = [
        actor("a1", "Maria Okafor", "NGA"),
        actor("a2", "John Okafor", "GHA"),
        actor("a3", "Okafor", None),
        actor("a4", "Okafor", "GHA"),
    ]
    ids = by_member(link_actors(rows))
    assert ids[("a3", "p-Okafor")] == "person:okafor"
    assert ids[("a4", "p-Okafor")] == "person:john-okafor:gha"


def test_the_same_name_in_two_countries_is_two_actors() -> None:
    rows = [actor("a1", "Ana Silva", "BRA"), actor("a2", "Ana Silva", "PRT")]
    assert len(link_actors(rows)) == 2
    rows += [actor("a3", "Ana Silva", None)]
    assert len(link_actors(rows)) == 3, "no country holds most of the name's mentions"
    rows += [actor(f"b{n}", "Ana Silva", "BRA") for n in range(3)]
    ids = by_member(link_actors(rows))
    assert ids[("a3", "p-Ana Silva")] == "person:ana-silva:bra"
    assert fold_person("Ana  M. Silva") == "ana silva"


def test_known_people_take_the_knowledge_base_name() -> None:
    kb = KnowledgeBase.default()
    rows = [actor("a1", "Putin", None), actor("a2", "Vladimir Putin", "RUS")]
    canonical = link_actors(rows, kb)
    assert [(c.id, c.name, c.country) for c in canonical] == [
        ("person:vladimir-putin:rus", "Vladimir Putin", "RUS")
    ]


def test_countries_and_organisations() -> None:
    rows = [
        actor("a1", "China", "CHN", "country"),
        actor("a2", "Beijing", "CHN", "country"),
        actor("a1", "the Andes Policy Forum", None, "organization"),
        actor("a2", "Andes Policy Forum", None, "organization"),
    ]
    ids = sorted(c.id for c in link_actors(rows))
    assert ids == ["country:chn", "organization:andes-policy-forum"]


def test_ids_do_not_depend_on_order() -> None:
    rows = [
        actor("a1", "Maria Okafor", "NGA"),
        actor("a2", "Okafor", None),
        actor("a3", "Lin Wei", "CHN"),
        actor("a4", "Lin", "CHN"),
    ]
    first = [(c.id, c.members) for c in link_actors(rows)]
    assert first == [(c.id, c.members) for c in link_actors(list(reversed(rows)))]


def report(article: str, event: str, date: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "article_id": article,
        "event_id": event,
        "type": "CONSULT",
        "status": "occurred",
        "date": date,
        "source_country": "USA",
        "target_country": "CHN",
        **extra,
    }


def test_reports_of_one_event_form_one_cluster() -> None:
    clusters = cluster_events(
        [
            report("b", "e1", "2023-06-19"),
            report("a", "e1", "2023-06-18"),
            report("c", "e2", "2023-06-21"),
            report("d", "e1", "2023-06-25"),
            report("e", "e1", "2023-06-19", status="planned"),
            report("f", "e1", None),
        ]
    )
    sizes = sorted((c.first["article_id"], len(c.reports), c.articles) for c in clusters)
    assert sizes == [("a", 3, 3), ("d", 1, 1), ("e", 1, 1), ("f", 1, 1)]


def test_different_people_on_one_side_are_different_events() -> None:
    clusters = cluster_events(
        [
            report("a", "e1", "2023-07-07", source_canonical="person:janet-yellen:usa"),
            report("b", "e1", "2023-07-08", source_canonical="person:gina-raimondo:usa"),
            report("c", "e1", "2023-07-08", source_canonical="country:usa"),
        ]
    )
    assert sorted(len(c.reports) for c in clusters) == [1, 2]


def test_cluster_ids_are_stable() -> None:
    reports = [report("a", "e1", "2023-06-18"), report("b", "e1", "2023-06-19")]
    assert [c.id for c in cluster_events(reports)] == [
        c.id for c in cluster_events(list(reversed(reports)))
    ]


def test_names_that_differ_only_in_punctuation_are_one_actor() -> None:
    rows = [actor("a1", "Jean-Luc Moreau", "FRA"), actor("a2", "Jean Luc Moreau", "FRA")]
    assert [len(c.members) for c in link_actors(rows)] == [2]


def test_a_state_body_or_group_without_a_country_is_no_one_across_articles() -> None:
    kb = KnowledgeBase.default()
    rows = [
        actor("a1", "Foreign Ministry", None, "organization"),
        actor("a2", "Foreign Ministry", None, "organization"),
        actor("a1", "officials", None, "group"),
        actor("a2", "officials", None, "group"),
        actor("a3", "Foreign Ministry", "IRN", "organization"),
        actor("a4", "Foreign Ministry", "CHN", "organization"),
    ]
    canonical = link_actors(rows, kb)
    assert all(c.articles == 1 for c in canonical)
    assert len(canonical) == 6


def test_a_name_with_a_country_never_joins_one_without() -> None:
    rows = [actor("a1", "Maria Okafor", None), actor("a2", "Okafor", "NGA")]
    ids = by_member(link_actors(rows))
    assert ids[("a2", "p-Okafor")] != ids[("a1", "p-Maria Okafor")]
