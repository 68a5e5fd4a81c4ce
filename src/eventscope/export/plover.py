"""PLOVER/POLECAT-style JSON lines: one event per line, field names of the PLOVER manual's
"Data Fields" chapter (id, date, enddate, actor, recipient, event, mode, event_loc,
event_text, quad_code, event_scale, link, cite_info, coder, comment).

Entities carry `code` (country), `sector`, `entity_text` and `identifier_text`
(canonical name); the location object uses Mordecai's field names with
resolution 5 sub-city .. 1 country.  Fields PLOVER does not name (cameo,
acled, size, modality, corroboration) are added, as the manual allows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventscope.model import Actor, Event, PlacePrecision
from eventscope.store.base import EventMeta

_RESOLUTION = {PlacePrecision.POINT: 5, PlacePrecision.TOWN: 4, PlacePrecision.ADMIN2: 3,
               PlacePrecision.ADMIN1: 2, PlacePrecision.REGION: 1, PlacePrecision.COUNTRY: 1}


def quad_code(cameo: str) -> int | None:
    """CAMEO root 01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal conflict, 15-20 material."""
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def entity(actor: Actor) -> dict[str, Any]:
    return {"code": actor.country, "sector": actor.sector, "entity_text": actor.text,
            "identifier_text": actor.name, "affiliation": actor.affiliation}


def record(event: Event, meta: EventMeta | None) -> dict[str, Any]:
    place = event.place
    return {
        "id": event.id,
        "date": event.date.date.isoformat() if event.date.date else None,
        "enddate": event.date.date_end.isoformat() if event.date.date_end else None,
        "date_precision": event.date.precision.value,
        "actor": [entity(a) for a in event.actor1],
        "recipient": [entity(a) for a in event.actor2],
        "event": [event.plover],
        "mode": [event.plover_mode] if event.plover_mode else [],
        "context": [],
        "event_loc": None if place is None else {
            "extracted_place": place.span.text if place.span else place.name, "resolved_place": place.name,
            "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon, "province": place.admin1,
            "country_code": place.country, "resolution": _RESOLUTION[place.precision]},
        "event_text": [ev.text for ev in event.evidence],
        "quad_code": quad_code(event.cameo),
        "event_scale": event.goldstein,
        "cameo": event.cameo,
        "acled": {"event_type": event.acled_type, "sub_event_type": event.acled_sub_type},
        "size": {"dead": event.fatalities.best if event.fatalities else None,
                 "injured": event.injuries.best if event.injuries else None},
        "modality": event.modality.value,
        "recalled": event.recalled,
        "link": [r.related_event_id if r.event_id == event.id else r.event_id for r in meta.relations]
        if meta else [],
        "cite_info": [{"url": url} for url in meta.urls] if meta else [],
        "articles": list(event.articles),
        "corroboration": meta.corroboration if meta else None,
        "first_reported": meta.first_reported if meta else None,
        "coder": "eventscope",
        "comment": event.reasons.get("merge", ""),
    }


def write(events: Iterable[tuple[Event, EventMeta | None]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as handle:
        for event, meta in events:
            handle.write(json.dumps(record(event, meta), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
