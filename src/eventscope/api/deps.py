"""What every route shares: the store (one connection, used under a lock) and the filter parameters.

Why a lock: the SQLite backend holds one connection that FastAPI's thread
pool would otherwise use from several threads at once; reads are short, so
serialising them costs little and keeps cursors from interleaving.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Annotated

from fastapi import HTTPException, Query, Request

from eventscope.store.base import EventFilters, EventStore

MODALITIES = ("occurred", "threatened", "denied", "hypothetical", "negated", "future")
MAX_PAGE = 1000


class StoreAccess:
    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.lock = threading.RLock()

    @contextmanager
    def use(self) -> Iterator[EventStore]:
        with self.lock:
            yield self.store


def store_access(request: Request) -> StoreAccess:
    access: StoreAccess = request.app.state.store_access
    return access


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not (parts[0] <= parts[2] and parts[1] <= parts[3]):
        raise HTTPException(422, f"bbox wants min_lon,min_lat,max_lon,max_lat, got {value!r}")
    return parts


def event_filters(
    date_from: Annotated[dt.date | None, Query(alias="from", description="first event date")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="last event date")] = None,
    country: Annotated[str | None, Query(min_length=3, max_length=3, description="ISO3 of the place")] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat")] = None,
    type: Annotated[str | None, Query(max_length=100, description="PLOVER type, ACLED (sub-)type or CAMEO prefix")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor name substring or ISO3")] = None,
    modality: Annotated[str | None, Query(pattern="^(" + "|".join(MODALITIES) + ")$")] = None,
    text: Annotated[str | None, Query(max_length=500, description="words in an evidence sentence")] = None,
    recalled: Annotated[bool, Query(description="include past events an article recalls")] = True,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EventFilters:
    """The filters of `eventscope events`, as query parameters."""
    return EventFilters(date_from=date_from, date_to=date_to, country=country, admin1=admin1,
                        bbox=parse_bbox(bbox), type=type or None, actor=actor or None, modality=modality,
                        text=text or None, include_recalled=recalled, limit=limit, offset=offset)


def unpaged(filters: EventFilters) -> EventFilters:
    return replace(filters, limit=None, offset=0)
