"""Reading side of the SQLite backend: event metadata, relations, failures, counts, the canonical dump.

Plain functions over a connection, so `sqlite.py` keeps to the writing logic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from eventscope.store.base import EventMeta, Failure
from eventscope.store.relations import Relation


def meta(con: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, EventMeta]:
    out = {}
    for event_id in event_ids:
        row = con.execute("SELECT n_articles, corroboration, first_reported FROM events WHERE id = ?",
                          (event_id,)).fetchone()
        if row is None:
            continue
        claims: dict[str, list[dict[str, Any]]] = {}
        for art, kind, lo, hi, source, sent in con.execute(
                "SELECT article_id, kind, min, max, source, sentence_index FROM claims WHERE event_id = ?"
                " ORDER BY rowid", (event_id,)):
            claims.setdefault(art, []).append(
                {"kind": kind, "min": lo, "max": hi, "source": source, "sentence_index": sent})
        urls = tuple(r[0] for r in con.execute(
            "SELECT DISTINCT a.url, a.seq FROM event_articles m JOIN articles a ON a.id = m.article_id "
            "WHERE m.event_id = ? AND a.url IS NOT NULL ORDER BY a.seq", (event_id,)))
        out[event_id] = EventMeta(n_articles=row[0], corroboration=row[1], first_reported=row[2],
                                  relations=tuple(relations(con, event_id)), urls=urls,
                                  claims_by_article=claims)
    return out

def relations(con: sqlite3.Connection, event_id: str | None = None) -> list[Relation]:
    sql = "SELECT event_id, related_event_id, kind, evidence, reason FROM relations"
    params: tuple[str, ...] = ()
    if event_id is not None:
        sql += " WHERE event_id = ? OR related_event_id = ?"
        params = (event_id, event_id)
    return [Relation(*r) for r in con.execute(sql + " ORDER BY event_id, related_event_id, kind", params)]

def failures(con: sqlite3.Connection) -> list[Failure]:
    return [Failure(*r) for r in con.execute(
        "SELECT id, coalesce(source, ''), coalesce(reason, '') FROM articles WHERE status = 'failed' "
        "ORDER BY seq")]

def stats(con: sqlite3.Connection) -> dict[str, int]:
    one = con.execute
    return {
        "articles": one("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0],
        "failed": one("SELECT count(*) FROM articles WHERE status = 'failed'").fetchone()[0],
        "events": one("SELECT count(*) FROM events").fetchone()[0],
        "relations": one("SELECT count(*) FROM relations").fetchone()[0],
    }

def dump(con: sqlite3.Connection) -> dict[str, list[Any]]:
    tables = {
        "articles": "SELECT id, seq, url, title, published, source, agencies, content_hash, hex(minhash),"
                    " duplicate_of, status, reason, n_events FROM articles",
        "lsh_bands": "SELECT band, article_id FROM lsh_bands",
        "events": "SELECT * FROM events",
        "event_articles": "SELECT * FROM event_articles",
        "evidence": "SELECT event_id, article_id, sentence_index, start, end, field, text, sentence FROM evidence",
        "claims": "SELECT * FROM claims",
        "actors": "SELECT * FROM actors",
        "actor_names": "SELECT * FROM actor_names",
        "relations": "SELECT * FROM relations",
        "fts": "SELECT v.event_id, v.sentence_index FROM evidence_fts f JOIN evidence v ON v.id = f.rowid",
    }
    return {name: sorted((list(r) for r in con.execute(sql)), key=repr) for name, sql in tables.items()}


