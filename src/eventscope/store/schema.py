"""The SQLite schema, versioned, with migrations registered as functions.

Why registered functions and not one CREATE script: a database written by an
older release must be brought up to date in place, step by step, without
losing what it holds.  Each step is a function `(connection) -> None` that
`@migration(n)` registers; `migrate` runs every step newer than the version
recorded in `schema_version`, each in its own transaction, and refuses a
database newer than this code knows.

Tables (version 1):

    articles        one row per article seen: metadata, content hash, MinHash
                    signature, status ok/failed (+ reason), near-duplicate of
    lsh_bands       LSH band keys of each article's MinHash (near-duplicate lookup)
    events          the merged event: JSON record + indexed columns for filters
    event_articles  which article events (JSON, as extracted) make up each event
    evidence        supporting spans with their sentence; `evidence_fts` indexes
                    each sentence once per event and article (FTS5, external
                    content, rowid = the lowest evidence.id of that sentence)
    claims          casualty claims per event and article (who says how many)
    actors          actor names/countries per event and role (actor filter);
                    actor_names holds the distinct names
    relations       response / retaliation / escalation links between events

Version 2 (`_indexed_candidates_and_article_text`): candidate-lookup indexes
(`events.span_days`, `actors.span_start`), `article_texts` (body text and
sentence offsets), the map-points covering index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from eventscope.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register `fn` as the step that brings the schema to `version`."""

    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise StoreError(f"schema migration {version} registered twice")
        MIGRATIONS[version] = fn
        return fn

    return register


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error.

    The connection runs in autocommit mode (isolation_level=None) so that DDL
    is transactional too and nothing commits behind our back.
    """
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def latest_version() -> int:
    return max(MIGRATIONS)


def current_version(con: sqlite3.Connection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: sqlite3.Connection, path: str = "") -> int:
    """Apply every pending migration; return the version the database is now at."""
    version = current_version(con)
    if version > latest_version():
        raise StoreError(
            f"{path or 'database'}: schema version {version} is newer than this eventscope "
            f"understands ({latest_version()}); upgrade eventscope"
        )
    for step in sorted(v for v in MIGRATIONS if v > version):
        with transaction(con):  # one transaction per step: a failed step leaves the previous version intact
            MIGRATIONS[step](con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", (step,))
        version = step
    return version


@migration(1)
def _initial(con: sqlite3.Connection) -> None:
    for statement in _V1:
        con.execute(statement)


_V1 = [
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,          -- ingest order; merges replay in this order
        url TEXT, title TEXT, published TEXT, source TEXT, agencies TEXT,
        content_hash TEXT NOT NULL,
        minhash BLOB,                         -- datasketch MinHash hash values (uint64)
        duplicate_of TEXT,                    -- earliest near-duplicate article, if any
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        reason TEXT,                          -- why it failed
        n_events INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX articles_hash ON articles (content_hash)",
    "CREATE INDEX articles_status ON articles (status)",
    "CREATE TABLE lsh_bands (band TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id))",
    "CREATE INDEX lsh_bands_article ON lsh_bands (article_id)",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        record TEXT NOT NULL,                 -- the merged Event as JSON (model.to_dict)
        date TEXT, date_end TEXT, date_precision TEXT,
        country TEXT, admin1 TEXT, lat REAL, lon REAL,
        plover TEXT, cameo TEXT, acled_type TEXT, acled_sub_type TEXT,
        modality TEXT, recalled INTEGER, fatalities_best INTEGER,
        n_articles INTEGER NOT NULL, corroboration INTEGER NOT NULL,
        first_reported TEXT,
        span_start TEXT, span_end TEXT        -- days the event may have happened on (linking.date_interval)
    )""",
    "CREATE INDEX events_date_id ON events (date, id)",  # covering: newest-first walks (sqlquery.select_sql)
    "CREATE INDEX events_country_date ON events (country, date)",
    "CREATE INDEX events_admin1 ON events (admin1 COLLATE NOCASE, date)",
    "CREATE INDEX events_plover_date ON events (plover, date)",
    "CREATE INDEX events_acled ON events (acled_sub_type COLLATE NOCASE, date)",
    "CREATE INDEX events_acled_type ON events (acled_type COLLATE NOCASE, date)",
    "CREATE INDEX events_plover_span ON events (plover, span_start)",
    "CREATE INDEX events_lon_lat ON events (lon, lat)",
    """CREATE TABLE event_articles (
        event_id TEXT NOT NULL,
        member_id TEXT NOT NULL,              -- the article-level event id, as extracted
        article_id TEXT NOT NULL,
        seq INTEGER NOT NULL,                 -- article seq: members merge in this order
        member TEXT NOT NULL,                 -- the article-level Event as JSON
        reason TEXT NOT NULL,                 -- why it was merged into this event
        sentences TEXT NOT NULL,              -- JSON {sentence index: text} behind its evidence
        PRIMARY KEY (event_id, member_id)
    )""",
    "CREATE INDEX event_articles_article ON event_articles (article_id)",
    "CREATE UNIQUE INDEX event_articles_member ON event_articles (member_id)",
    """CREATE TABLE evidence (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL, article_id TEXT NOT NULL, sentence_index INTEGER,
        start INTEGER, end INTEGER, field TEXT, text TEXT, sentence TEXT
    )""",
    "CREATE INDEX evidence_event ON evidence (event_id)",
    "CREATE VIRTUAL TABLE evidence_fts USING fts5 (sentence, content='evidence', content_rowid='id')",
    """CREATE TABLE claims (
        event_id TEXT NOT NULL, article_id TEXT, kind TEXT NOT NULL,
        min INTEGER, max INTEGER, source TEXT, sentence_index INTEGER, text TEXT
    )""",
    "CREATE INDEX claims_event ON claims (event_id)",
    """CREATE TABLE actors (
        event_id TEXT NOT NULL, role TEXT NOT NULL, name TEXT, name_key TEXT,
        country TEXT, sector TEXT
    )""",
    "CREATE INDEX actors_event ON actors (event_id)",
    "CREATE INDEX actors_name ON actors (name_key)",
    "CREATE INDEX actors_country ON actors (country)",
    # distinct actor names, so a substring filter scans names, not every actor row
    "CREATE TABLE actor_names (name_key TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TABLE relations (
        event_id TEXT NOT NULL,               -- the later event (the response)
        related_event_id TEXT NOT NULL,       -- the earlier event it answers / escalates
        kind TEXT NOT NULL CHECK (kind IN ('response', 'retaliation', 'escalation')),
        evidence TEXT, reason TEXT NOT NULL,
        PRIMARY KEY (event_id, related_event_id, kind)
    )""",
    "CREATE INDEX relations_related ON relations (related_event_id)",
]


@migration(2)
def _indexed_candidates_and_article_text(con: sqlite3.Connection) -> None:
    """Version 2: indexed merge/relation candidate lookups, article body text, map-points index.

    * `events.span_days` (span_end - span_start, in days) with an index, so the
      longest stored span bounds a candidate search from below (`max(span_days)`
      is one index seek) and the lookups become narrow index ranges;
    * `events_candidates` / `events_candidates_country`: PLOVER type + modality
      (+ country) + span start, covering span_end, for `SQLiteStore._candidates`;
    * `actors.span_start` (the event's) with name/country indexes on it, for the
      relation lookup (`SQLiteStore._relink`): same actor, near in time;
    * `articles_duplicate_of`: removing an article clears `duplicate_of` links;
    * `article_texts`: each stored article's body text and its sentence offsets
      (JSON [[start, end], ...] by sentence index), for the web page's article view;
    * `events_points`: covering index for the map points (date, id, lat, lon, type, fatalities).
    """
    for statement in _V2:
        con.execute(statement)


_V2 = [
    "ALTER TABLE events ADD COLUMN span_days INTEGER",
    "UPDATE events SET span_days = CAST(julianday(span_end) - julianday(span_start) AS INTEGER) "
    "WHERE span_start IS NOT NULL",
    "CREATE INDEX events_span_days ON events (span_days)",
    "CREATE INDEX events_candidates ON events (plover, modality, span_start, span_end)",
    "CREATE INDEX events_candidates_country ON events (plover, modality, country, span_start, span_end)",
    "ALTER TABLE actors ADD COLUMN span_start TEXT",
    "UPDATE actors SET span_start = (SELECT e.span_start FROM events e WHERE e.id = actors.event_id)",
    "CREATE INDEX actors_name_span ON actors (name_key, span_start)",
    "CREATE INDEX actors_country_span ON actors (country, span_start)",
    "CREATE INDEX articles_duplicate_of ON articles (duplicate_of)",
    """CREATE TABLE article_texts (
        article_id TEXT PRIMARY KEY,
        text TEXT NOT NULL,                   -- the article body (Article.text), offsets as in Evidence
        sentences TEXT NOT NULL               -- JSON [[start, end], ...] by sentence index
    )""",
    "CREATE INDEX events_points ON events (date, id, lat, lon, plover, fatalities_best)",
]
