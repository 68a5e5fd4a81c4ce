"""The event database: storage interface, SQLite backend, deduplication and linking.

    base.py        EventStore (the interface), EventFilters, AddResult, EventMeta, Failure,
                   StoredArticle, MapPoints
    schema.py      tables and registered migrations (schema_version)
    sqlite.py      SQLiteStore: one file, WAL, one transaction per article (+ sqlite_read.py, sqlquery.py)
    dedup.py       near-duplicate articles: MinHash signatures, LSH band keys
    linking.py     when two reports are one event (merge_decision, merge_events)
    relations.py   response / retaliation / escalation between events
    codec.py       fast Event <-> JSON for stored records
    ingest.py      the `eventscope ingest` command

Query functions for the CLI, API and web page are in `eventscope.query`.
"""

from eventscope.store.base import (
    AddResult,
    EventFilters,
    EventMeta,
    EventStore,
    Failure,
    MapPoints,
    StoredArticle,
)

__all__ = ["AddResult", "EventFilters", "EventMeta", "EventStore", "Failure", "MapPoints", "StoredArticle"]
