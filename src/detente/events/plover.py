"""PLOVER export: detente's events as PLOVER records.

detente keeps a planned event's own type and marks it ``status: planned``; PLOVER folds
announced cooperation (meetings, support, cooperation, aid, concessions, releases,
withdrawals) into AGREE ("X will visit Y" is an AGREE) and announced coercion (sanctions,
coercion, attacks) into THREATEN, as its CAMEO table does (03x and 13x); ``plover.tsv``
says which type folds into which (``planned_fold``, ``threat_mode``). The export applies
that folding and keeps detente's type in ``detenteType``.
Negated and hypothetical events are not events in PLOVER and are left out.
"""

from __future__ import annotations

from typing import Any

from detente.kb import KnowledgeBase
from detente.kb.ontology import PLOVER
from detente.model import Actor, Article, Event

EXPORTED_STATUSES = frozenset({"occurred", "planned"})


def fold(event_type: str, mode: str | None, status: str) -> tuple[str, str | None]:
    """PLOVER's type and mode for detente's: a planned cooperative event is an AGREE
    (no mode), a planned sanction, coercion or assault a THREATEN (the threat's content
    as mode); everything else keeps its type and mode."""
    known = PLOVER.get(event_type)
    if status != "planned" or known is None or known.planned_fold is None:
        return event_type, mode
    folded = known.planned_fold
    return folded, known.threat_mode if folded == "THREATEN" else None


def plover_type(event: Event) -> str:
    return fold(event.type, event.mode, event.status)[0]


def plover_mode(event: Event) -> str | None:
    return fold(event.type, event.mode, event.status)[1]


def _party(actor: Actor | None, country: str | None) -> list[dict[str, Any]]:
    if actor is None and country is None:
        return []
    return [
        {
            "actorText": actor.mentions[0].text if actor and actor.mentions else None,
            "name": actor.name if actor else None,
            "code": country,
            "sector": actor.sector if actor else None,
        }
    ]


def geolocation(
    name: str | None,
    country: str | None,
    lat: float | None,
    lon: float | None,
    precision: str | None,
) -> dict[str, Any] | None:
    """A PLOVER record's place: its name, country, coordinates and their precision."""
    if name is None:
        return None
    return {"name": name, "country": country, "lat": lat, "lon": lon, "precision": precision}


def plover_records(article: Article, kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    """One PLOVER record per exported event of the article. With a knowledge base, a
    folded event takes the intensity of its PLOVER type (a planned visit is an AGREE,
    +2.5, not a visit, +4)."""
    records = []
    for event in article.events:
        if event.status not in EXPORTED_STATUSES:
            continue
        event_type = plover_type(event)
        intensity = event.intensity
        if kb is not None and event_type != event.type:
            intensity = kb.intensity(event_type, plover_mode(event))
        records.append(
            {
                "id": f"{article.id}-{event.id}",
                "date": event.date or article.published,
                "dateSource": event.date_source or ("article" if article.published else None),
                "geolocation": geolocation(
                    event.location,
                    event.location_country,
                    event.lat,
                    event.lon,
                    event.location_precision,
                ),
                "event": event_type,
                "mode": plover_mode(event),
                "detenteType": event.type,
                "status": event.status,
                "actor": _party(article.actor(event.source), event.source_country),
                "recipient": _party(article.actor(event.target), event.target_country),
                "eventText": event.trigger.text if event.trigger else None,
                "text": event.evidence.text,
                "textOffsets": {"start": event.evidence.start, "end": event.evidence.end},
                "location": event.location,
                "intensity": intensity,
                "confidence": event.confidence,
                "rule": event.rule,
                "articleId": article.id,
                "url": article.url,
                "published": article.published,
            }
        )
    return records
