"""Event records as the API shows them: a compact row for lists, a full record for one event.

The full record is `query.event_json` (the same JSON `eventscope events
--format json` prints) plus the articles behind the event with the sentences
the store keeps, and the linked events with the direction of each link, so
the page needs one request to draw the event panel.
"""

from __future__ import annotations

from typing import Any

from eventscope.api import reads
from eventscope.model import Event
from eventscope.query import event_json, event_meta, get_event
from eventscope.store.base import EventStore


def event_row(event: Event) -> dict[str, Any]:
    """What a list or a table needs; `GET /api/events/{id}` has the rest."""
    place = event.place
    return {
        "id": event.id,
        "date": event.date.date.isoformat() if event.date.date else None,
        "date_end": event.date.date_end.isoformat() if event.date.date_end else None,
        "date_precision": event.date.precision.value,
        "plover": event.plover, "plover_mode": event.plover_mode,
        "cameo": event.cameo, "goldstein": event.goldstein,
        "acled_type": event.acled_type, "acled_sub_type": event.acled_sub_type,
        "actor1": [a.name or a.text for a in event.actor1],
        "actor2": [a.name or a.text for a in event.actor2],
        "place": None if place is None else {"name": place.name, "lat": place.lat, "lon": place.lon,
                                             "country": place.country, "admin1": place.admin1,
                                             "precision": place.precision.value,
                                             "site": place.site.text if place.site else None},
        "fatalities": event.fatalities.best if event.fatalities else None,
        "injuries": event.injuries.best if event.injuries else None,
        "abducted": event.abducted.best if event.abducted else None,
        "arrested": event.arrested.best if event.arrested else None,
        "modality": event.modality.value, "recalled": event.recalled,
        "n_claims": sum(len(count.claims) for _kind, count in event.counts),
    }


def event_detail(store: EventStore, event: Event) -> dict[str, Any]:
    meta = event_meta(store, [event.id]).get(event.id)
    data = event_json(event, meta)
    articles = []
    for article_id in event.articles:
        article = reads.get_article(store, article_id)
        if article is not None:
            articles.append(article)
    data["article_records"] = articles
    linked = []
    for relation in meta.relations if meta else ():
        later = relation.event_id == event.id
        other_id = relation.related_event_id if later else relation.event_id
        other = get_event(store, other_id)
        linked.append({
            "kind": relation.kind,
            # "answers": this event responds to the other one; "answered_by": the other responds to this
            "direction": "answers" if later else "answered_by",
            "reason": relation.reason, "evidence": relation.evidence,
            "event": event_row(other) if other else {"id": other_id},
        })
    data["linked"] = linked
    return data
