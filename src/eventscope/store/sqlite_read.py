"""Reading side of the SQLite backend: event metadata, relations, failures, counts, articles, map
points, the canonical dump.

Plain functions over a connection, so `sqlite.py` keeps to the writing logic.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from eventscope.model import Sentence
from eventscope.store import sqlquery
from eventscope.store.base import EventFilters, EventMeta, Failure, MapPoints, StoredArticle
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
        "article_texts": "SELECT * FROM article_texts",
        "fts": "SELECT v.event_id, v.sentence_index FROM evidence_fts f JOIN evidence v ON v.id = f.rowid",
    }
    return {name: sorted((list(r) for r in con.execute(sql)), key=repr) for name, sql in tables.items()}


_ARTICLE_COLUMNS = "id, url, title, published, source, agencies, status, reason, n_events, duplicate_of"


def _stored_article(row: Sequence[Any]) -> StoredArticle:
    return StoredArticle(id=row[0], url=row[1], title=row[2], published=row[3], source=row[4],
                         agencies=tuple(json.loads(row[5] or "[]")), status=row[6], reason=row[7],
                         n_events=row[8], duplicate_of=row[9])


def articles(con: sqlite3.Connection, limit: int, offset: int = 0,
             status: str | None = None) -> tuple[int, list[StoredArticle]]:
    where, params = ("", []) if status is None else (" WHERE status = ?", [status])
    total = con.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0]
    rows = con.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                       [*params, limit, offset]).fetchall()
    return total, [_stored_article(r) for r in rows]


def article(con: sqlite3.Connection, article_id: str) -> StoredArticle | None:
    """Metadata + body text and sentence offsets (`article_texts`) + event ids.

    Articles stored before `article_texts` existed fall back to the sentences
    kept behind their events' evidence (offsets -1, text None).
    """
    import dataclasses

    row = con.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    kept: dict[int, str] = {}
    events: list[str] = []
    for event_id, blob in con.execute(
            "SELECT event_id, sentences FROM event_articles WHERE article_id = ? ORDER BY member_id", (article_id,)):
        events.append(event_id)
        kept.update({int(k): v for k, v in json.loads(blob).items()})
    body = con.execute("SELECT text, sentences FROM article_texts WHERE article_id = ?", (article_id,)).fetchone()
    if body is not None:
        text = body[0]
        sentences = tuple(Sentence(i, start, end, text[start:end]) for i, start, end in json.loads(body[1]))
    else:
        text = None
        sentences = tuple(Sentence(i, -1, -1, kept[i]) for i in sorted(kept))
    return dataclasses.replace(_stored_article(row), text=text, sentences=sentences,
                               events=tuple(dict.fromkeys(events)))


def points(con: sqlite3.Connection, filters: EventFilters, limit: int) -> MapPoints:
    """Four indexed columns per located event; `events_points` covers the unfiltered newest-first walk."""
    where, params = sqlquery.where_clause(filters)
    located = "e.lat IS NOT NULL AND e.lon IS NOT NULL"
    where = f"{where} AND {located}" if where else f" WHERE {located}"
    rows = con.execute(
        f"SELECT e.id, e.lat, e.lon, e.plover, e.fatalities_best, e.date FROM events e{where} "
        "ORDER BY e.date DESC, e.id LIMIT ?", [*params, limit + 1]).fetchall()
    truncated = len(rows) > limit
    rows = rows[:limit]
    return MapPoints(ids=[r[0] for r in rows], lat=[round(r[1], 4) for r in rows],
                     lon=[round(r[2], 4) for r in rows], type=[r[3] or "" for r in rows],
                     fatalities=[r[4] for r in rows], date=[r[5] for r in rows], truncated=truncated)
