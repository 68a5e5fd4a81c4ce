"""`/api/events`: list (filtered, paginated), one event in full, and map points."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from eventscope.api import reads
from eventscope.api.auth import require_read
from eventscope.api.deps import StoreAccess, event_filters, store_access, unpaged
from eventscope.api.views import event_detail, event_row
from eventscope.query import get_event, query_events
from eventscope.store.base import EventFilters

router = APIRouter(prefix="/api/events", tags=["events"], dependencies=[Depends(require_read)])

Filters = Annotated[EventFilters, Depends(event_filters)]
Access = Annotated[StoreAccess, Depends(store_access)]


@router.get("", summary="List events, newest first")
def list_events(filters: Filters, access: Access) -> dict[str, Any]:
    """Events matching the filters (the same as `eventscope events`), one page at a time.

    `total` counts every match; fetch the next page with `offset + limit`.
    """
    with access.use() as store:
        events = query_events(store, filters)
        total = reads.count_events(store, unpaged(filters))
    return {"total": total, "limit": filters.limit, "offset": filters.offset,
            "items": [event_row(e) for e in events]}


@router.get("/points", summary="Map points for every matching event")
def points(filters: Filters, access: Access,
           max_points: Annotated[int, Query(ge=1, le=reads.MAX_POINTS)] = reads.MAX_POINTS) -> Response:
    """Columnar arrays (id, lat, lon, type, fatalities, date) of located events; limit/offset ignored.

    Serialised with `json.dumps` directly: FastAPI's generic encoder walks every
    list item and costs more than the query for 50,000 points.
    """
    with access.use() as store:
        found = reads.map_points(store, unpaged(filters), max_points)
    body = {"count": len(found.ids), "truncated": found.truncated, "id": found.ids, "lat": found.lat,
            "lon": found.lon, "type": found.type, "fatalities": found.fatalities, "date": found.date}
    return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")


@router.get("/{event_id}", summary="One event with evidence, claims, articles and linked events")
def one_event(event_id: str, access: Access) -> dict[str, Any]:
    with access.use() as store:
        event = get_event(store, event_id)
        if event is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return event_detail(store, event)
