"""`/api/stats`: event counts by day, type and country, and the timeline (day x type)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends

from eventscope.api.auth import require_read
from eventscope.api.deps import StoreAccess, event_filters, store_access, unpaged
from eventscope.query import counts_by_country, counts_by_day, counts_by_type
from eventscope.store.base import EventFilters

router = APIRouter(prefix="/api/stats", tags=["stats"], dependencies=[Depends(require_read)])

Filters = Annotated[EventFilters, Depends(event_filters)]
Access = Annotated[StoreAccess, Depends(store_access)]
COUNTERS = {"day": counts_by_day, "type": counts_by_type, "country": counts_by_country}


@router.get("/counts", summary="Event counts grouped by day, type (PLOVER) or country (ISO3)")
def counts(filters: Filters, access: Access, by: Literal["day", "type", "country"] = "day") -> dict[str, Any]:
    with access.use() as store:
        rows = COUNTERS[by](store, unpaged(filters))
    return {"by": by, "total": sum(n for _k, n in rows), "counts": [{"key": k, "count": n} for k, n in rows]}


@router.get("/timeline", summary="Events per day for each PLOVER type (the page's timeline)")
def timeline(filters: Filters, access: Access) -> dict[str, Any]:
    """One series per type: a count by day under each type filter (at most 16 queries, all indexed)."""
    base = unpaged(filters)
    with access.use() as store:
        types = [t for t, _n in counts_by_type(store, base) if t]
        series = {t: dict(counts_by_day(store, replace(base, type=t))) for t in types}
    days = sorted({d for per_day in series.values() for d in per_day if d})
    return {"days": days, "series": [{"type": t, "counts": [series[t].get(d, 0) for d in days]} for t in types]}
