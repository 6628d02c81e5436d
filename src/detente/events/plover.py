"""PLOVER export: detente's events as PLOVER records.

detente keeps a planned event's own type and marks it ``status: planned``; PLOVER folds
planned consultations, support, cooperation and aid into AGREE ("X will visit Y" is an
AGREE). The export applies that folding and keeps detente's type in ``detenteType``.
Negated and hypothetical events are not events in PLOVER and are left out.
"""

from __future__ import annotations

from typing import Any

from detente.model import Actor, Article, Event

FOLDED_WHEN_PLANNED = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
EXPORTED_STATUSES = frozenset({"occurred", "planned"})


def plover_type(event: Event) -> str:
    """The PLOVER event type: planned CONSULT/SUPPORT/COOPERATE/AID become AGREE."""
    if event.status == "planned" and event.type in FOLDED_WHEN_PLANNED:
        return "AGREE"
    return event.type


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


def plover_records(article: Article) -> list[dict[str, Any]]:
    """One PLOVER record per exported event of the article."""
    records = []
    for event in article.events:
        if event.status not in EXPORTED_STATUSES:
            continue
        event_type = plover_type(event)
        records.append(
            {
                "id": f"{article.id}-{event.id}",
                "date": event.date or article.published,
                "event": event_type,
                "mode": event.mode if event_type == event.type else None,
                "detenteType": event.type,
                "status": event.status,
                "actor": _party(article.actor(event.source), event.source_country),
                "recipient": _party(article.actor(event.target), event.target_country),
                "eventText": event.trigger.text if event.trigger else None,
                "text": event.evidence.text,
                "textOffsets": {"start": event.evidence.start, "end": event.evidence.end},
                "location": event.location,
                "intensity": event.intensity,
                "confidence": event.confidence,
                "rule": event.rule,
                "articleId": article.id,
                "url": article.url,
                "published": article.published,
            }
        )
    return records
