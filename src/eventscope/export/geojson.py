"""GeoJSON FeatureCollection: one Feature per event, a Point where the place has coordinates
(GeoJSON order: longitude, latitude), a null geometry otherwise (RFC 7946 allows it), so no
event is silently left out of the file."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventscope.model import Event
from eventscope.store.base import EventMeta


def feature(event: Event, meta: EventMeta | None) -> dict[str, Any]:
    from eventscope.query import flat_row

    place = event.place
    geometry = None
    if place is not None and place.lat is not None and place.lon is not None:
        geometry = {"type": "Point", "coordinates": [place.lon, place.lat]}
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": flat_row(event, meta)}


def write(events: Iterable[tuple[Event, EventMeta | None]], path: Path) -> int:
    features = [feature(e, m) for e, m in events]
    with path.open("w", encoding="utf-8") as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
        handle.write("\n")
    return len(features)
