"""Reads the API needs beyond `eventscope.query`: map points, articles, stored sentences.

Why here and not in the store: `EventStore` has no method for listing
articles or for the few columns a map needs, and the store is another
engineer's module.  These functions read the SQLite backend's tables
(documented in `store/schema.py`) read-only and reuse its filter SQL
(`store.sqlquery.where_clause`), so filters mean the same everywhere.  A
backend without a `con` gets a clear `StoreError`.  They should move into
`EventStore` once it grows `articles()` and `points()` methods.

Why map points bypass `query_events`: the map shows every matching event at
once; decoding 50,000 JSON records per request is seconds, reading four
indexed columns is milliseconds.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from eventscope.errors import StoreError
from eventscope.store import sqlquery
from eventscope.store.base import EventFilters, EventStore

MAX_POINTS = 100_000  # the map's ceiling; the page says when a filter would show more


def _con(store: EventStore) -> sqlite3.Connection:
    con = getattr(store, "con", None)
    if not isinstance(con, sqlite3.Connection):
        raise StoreError(f"{type(store).__name__}: this read needs the SQLite backend")
    return con


def count_events(store: EventStore, filters: EventFilters) -> int:
    """How many events match, ignoring limit/offset (for pagination)."""
    return sum(n for _key, n in store.count(filters, "type"))


@dataclass(frozen=True)
class Points:
    """Columnar map points: parallel lists, so 50,000 points stay a small JSON."""

    ids: list[str]
    lat: list[float]
    lon: list[float]
    type: list[str]
    fatalities: list[int | None]
    date: list[str | None]
    truncated: bool


def map_points(store: EventStore, filters: EventFilters, limit: int = MAX_POINTS) -> Points:
    where, params = sqlquery.where_clause(filters)
    located = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    where = f"{where} AND {located}" if where else f" WHERE {located}"
    rows = _con(store).execute(
        f"SELECT e.id, e.lat, e.lon, e.plover, e.fatalities_best, e.date FROM events e{where} "
        "ORDER BY e.date DESC, e.id LIMIT ?", [*params, limit + 1]).fetchall()
    truncated = len(rows) > limit
    rows = rows[:limit]
    return Points(ids=[r[0] for r in rows], lat=[round(r[1], 4) for r in rows],
                  lon=[round(r[2], 4) for r in rows], type=[r[3] or "" for r in rows],
                  fatalities=[r[4] for r in rows], date=[r[5] for r in rows], truncated=truncated)


ARTICLE_COLUMNS = ("id", "url", "title", "published", "source", "agencies", "status", "reason", "n_events",
                   "duplicate_of")


def _article_row(row: tuple[Any, ...]) -> dict[str, Any]:
    data = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    data["agencies"] = json.loads(data["agencies"] or "[]")
    return data


def list_articles(store: EventStore, limit: int, offset: int, status: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    con = _con(store)
    where, params = ("", []) if status is None else (" WHERE status = ?", [status])
    total = con.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0]
    rows = con.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    return total, [_article_row(r) for r in rows]


def get_article(store: EventStore, article_id: str) -> dict[str, Any] | None:
    """Article metadata, the sentences the store keeps of it (index -> text), and its event ids.

    The store keeps the sentences behind each event's evidence, not the whole
    text; the page shows these in order with gaps marked.
    """
    con = _con(store)
    row = con.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    data = _article_row(row)
    sentences: dict[int, str] = {}
    events: list[str] = []
    for event_id, blob in con.execute(
            "SELECT event_id, sentences FROM event_articles WHERE article_id = ? ORDER BY member_id", (article_id,)):
        events.append(event_id)
        sentences.update({int(k): v for k, v in json.loads(blob).items()})
    data["sentences"] = [{"index": i, "text": sentences[i]} for i in sorted(sentences)]
    data["events"] = list(dict.fromkeys(events))
    return data
