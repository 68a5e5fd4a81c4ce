"""EventFilters -> SQL (WHERE clause and parameters) for the SQLite backend.

Kept apart from `sqlite.py` so the filter semantics can be read in one
place.  Every filter uses an index of `schema.py` or the FTS5 table; free
text is quoted word by word so user input is never FTS5 syntax.
"""

from __future__ import annotations

from typing import Any

from eventscope.store.base import EventFilters

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})


# ACLED's six event types (ACLED codebook); any other ACLED value is a sub-event type.
ACLED_EVENT_TYPES = frozenset({"battles", "explosions/remote violence", "violence against civilians", "protests",
                               "riots", "strategic developments"})


def fts_query(text: str) -> str:
    """Each word as a quoted FTS5 string: all must occur, no operator injection."""
    words = [w for w in text.split() if w.strip()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def select_sql(filters: EventFilters, columns: str = "e.record") -> tuple[str, list[Any]]:
    """SELECT for the filtered events, newest first, with limit/offset.

    Two plans.  When an indexed filter (date, country, admin1, bbox, type)
    narrows the events, SQLite searches that index.  When only actor or text
    filters are given, their matches can be thousands of events: then the
    newest-first walk over the covering (date, id) index, testing each id
    against the matches, stops after `limit` hits instead of sorting them all.
    The page of ids is chosen first and only its records are read.
    """
    indexed = any((filters.date_from, filters.date_to, filters.country, filters.admin1, filters.bbox,
                   filters.type))
    walk = not indexed and bool(filters.actor or filters.text)
    where, params = where_clause(filters, walk=walk)
    if filters.limit is None:
        return f"SELECT {columns} FROM events e{where} ORDER BY e.date DESC, e.id", params
    hint = " INDEXED BY events_date_id" if walk else ""
    inner = f"SELECT e.id FROM events e{hint}{where} ORDER BY e.date DESC, e.id LIMIT ? OFFSET ?"
    return (f"SELECT {columns} FROM events e WHERE e.id IN ({inner}) ORDER BY e.date DESC, e.id",
            [*params, filters.limit, filters.offset])


def where_clause(filters: EventFilters, walk: bool = False) -> tuple[str, list[Any]]:
    """`walk`: write the id tests as `+e.id IN (...)` so SQLite does not drive the query from them."""
    member = "+e.id IN" if walk else "e.id IN"
    clauses: list[str] = []
    params: list[Any] = []
    if filters.date_from:
        clauses.append("e.date >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to:
        clauses.append("e.date <= ?")
        params.append(filters.date_to.isoformat())
    if filters.country:
        clauses.append("e.country = ?")
        params.append(filters.country.upper())
    if filters.admin1:
        clauses.append("e.admin1 = ? COLLATE NOCASE")
        params.append(filters.admin1)
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        clauses.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
        params += [min_lon, max_lon, min_lat, max_lat]
    if filters.type:
        value = filters.type.strip()
        if value.upper() in PLOVER_TYPES:
            clauses.append("e.plover = ?")
            params.append(value.upper())
        elif value.isdigit():
            clauses.append("e.cameo LIKE ?")
            params.append(value + "%")
        elif value.casefold() in ACLED_EVENT_TYPES:
            clauses.append("e.acled_type = ? COLLATE NOCASE")
            params.append(value)
        else:
            clauses.append("e.acled_sub_type = ? COLLATE NOCASE")
            params.append(value)
    if filters.actor:
        value = filters.actor.strip()
        clauses.append(f"{member} (SELECT event_id FROM actors WHERE country = ? UNION SELECT event_id FROM actors "
                       "WHERE name_key IN (SELECT name_key FROM actor_names WHERE name_key LIKE ?))")
        params += [value.upper(), "%" + value.casefold().replace("%", "").replace("_", "") + "%"]
    if filters.modality:
        clauses.append("e.modality = ?")
        params.append(filters.modality.lower())
    if filters.text and fts_query(filters.text):
        clauses.append(
            f"{member} (SELECT v.event_id FROM evidence v WHERE v.id IN "
            "(SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?))"
        )
        params.append(fts_query(filters.text))
    if not filters.include_recalled:
        clauses.append("e.recalled = 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


GROUPS = {"day": "e.date", "type": "e.plover", "country": "e.country"}
