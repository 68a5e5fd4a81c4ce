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


def fts_query(text: str) -> str:
    """Each word as a quoted FTS5 string: all must occur, no operator injection."""
    words = [w for w in text.split() if w.strip()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def where_clause(filters: EventFilters) -> tuple[str, list[Any]]:
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
        else:
            clauses.append("(e.acled_type = ? COLLATE NOCASE OR e.acled_sub_type = ? COLLATE NOCASE)")
            params += [value, value]
    if filters.actor:
        value = filters.actor.strip()
        clauses.append("e.id IN (SELECT event_id FROM actors WHERE country = ? OR name_key LIKE ?)")
        params += [value.upper(), "%" + value.casefold().replace("%", "").replace("_", "") + "%"]
    if filters.modality:
        clauses.append("e.modality = ?")
        params.append(filters.modality.lower())
    if filters.text and fts_query(filters.text):
        clauses.append(
            "e.id IN (SELECT v.event_id FROM evidence v WHERE v.id IN "
            "(SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ?))"
        )
        params.append(fts_query(filters.text))
    if not filters.include_recalled:
        clauses.append("e.recalled = 0")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


GROUPS = {"day": "e.date", "type": "e.plover", "country": "e.country"}
