"""The SQLite backend: one file, WAL journal, FTS5 over evidence sentences.

One writer: every write runs in one `BEGIN IMMEDIATE` transaction per
article, so a crash (even `kill -9`) loses at most the article in flight
and a rerun skips what is stored (same id and content hash).  Readers may
open the same file at the same time (WAL).

How an article is added (`add_article`):
  1. skip it if stored with the same content hash; if its content changed,
     take its old reports out first (`remove_article`);
  2. MinHash it and look up near-duplicates through the stored LSH bands;
  3. for each of its events, find stored events of the same type whose date
     window overlaps (and country agrees; an index range, `_candidates`), ask `linking.merge_decision`, and give each article
     event its best candidate (one report per article per event);
  4. rebuild every touched event from its reports (`linking.merge_events`)
     and its index rows (evidence + FTS, claims, actors);
  5. recompute the relations of every touched event in both directions
     (candidates: events sharing an actor name or country whose span starts
     near this one's, through `actors (name_key|country, span_start)`).
The article's body text and sentence offsets go to `article_texts`, for the
web page's article view (`article`).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eventscope.errors import StoreError
from eventscope.model import Article, Event, PlacePrecision, Sentence
from eventscope.store import codec, dedup, linking, schema, sqlite_read, sqlquery
from eventscope.store import relations as rel
from eventscope.store.base import (
    AddResult,
    EventFilters,
    EventMeta,
    EventStore,
    Failure,
    MapPoints,
    StoredArticle,
)
from eventscope.store.linking import DEFAULT_RULES, LinkingRules
from eventscope.store.relations import Relation

# How far (degrees of latitude and longitude) a stored event across a border is looked at as a candidate: a
# region's point ("the Iraq-Syria border") lies within this of the towns it spans.
REGION_NEIGHBOUR_DEGREES = 2.0


class SQLiteStore(EventStore):
    def __init__(self, path: str | Path, *, rules: LinkingRules = DEFAULT_RULES) -> None:
        self.path = str(path)
        self.rules = rules
        self._lock = threading.Lock()
        try:
            self.con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
            self.con.execute("PRAGMA busy_timeout=10000")
            schema.migrate(self.con, self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the event database ({exc})") from None

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------ writing

    def is_stored(self, article: Article) -> bool:
        return self.status(article) is not None

    def status(self, article: Article) -> str | None:
        """'ok' or 'failed' when this id is stored with this content, else None."""
        row = self.con.execute("SELECT content_hash, status FROM articles WHERE id = ?",
                               (article.id,)).fetchone()
        return row[1] if row is not None and row[0] == dedup.content_hash(article) else None

    def add_article(self, article: Article, events: Sequence[Event],
                    sentences: Iterable[Sentence] = ()) -> AddResult:
        with self._lock, schema.transaction(self.con):
            if self.status(article) == "ok":
                return AddResult(article.id, skipped=True)
            self._remove(article.id)  # changed content, or a failure retried
            near = self._insert_article(article, "ok", None, len(events))
            sentences = list(sentences)
            sentence_text = {s.index: s.text for s in sentences}
            self.con.execute("INSERT INTO article_texts (article_id, text, sentences) VALUES (?, ?, ?)",
                             (article.id, article.text,
                              json.dumps([[s.index, s.start, s.end] for s in sentences], separators=(",", ":"))))
            placed = self._place_events(article, events, near, sentence_text)
            touched = [event_id for event_id, _ in placed]
            for event_id in touched:
                self._rebuild(event_id, added_from=article.id)
            before = self.con.execute("SELECT count(*) FROM relations").fetchone()[0]
            self._relink(touched)
            n_rel = self.con.execute("SELECT count(*) FROM relations").fetchone()[0] - before
            duplicate_of = self.con.execute(
                "SELECT duplicate_of FROM articles WHERE id = ?", (article.id,)).fetchone()[0]
            return AddResult(
                article.id,
                new_events=tuple(e for e, new in placed if new),
                merged_events=tuple(e for e, new in placed if not new),
                duplicate_of=duplicate_of, relations=n_rel,
            )

    def add_failure(self, article: Article | None, article_id: str, source: str, reason: str) -> None:
        stub = article or Article(id=article_id, text="", source=source)
        with self._lock, schema.transaction(self.con):
            row = self.con.execute("SELECT status FROM articles WHERE id = ?", (article_id,)).fetchone()
            if article is not None and self.is_stored(article):
                return  # already recorded: a rerun changes nothing
            if article is None and row is not None:
                return  # an unreadable input has no content to compare; keep what is there
            self._remove(article_id)
            self._insert_article(stub, "failed", reason, 0, index=False)

    def remove_article(self, article_id: str) -> None:
        with self._lock, schema.transaction(self.con):
            self._remove(article_id)

    def _insert_article(self, article: Article, status: str, reason: str | None, n_events: int,
                        index: bool = True) -> set[str]:
        """Insert the article row (+ LSH bands); return the ids of its near-duplicates."""
        seq = self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
        near: dict[str, int] = {}
        blob = None
        if index and dedup.shingles(article.text):
            values = dedup.signature(article.text)
            blob = dedup.to_blob(values)
            keys = dedup.band_keys(values)
            marks = ",".join("?" * len(keys))
            for other, other_blob, other_seq in self.con.execute(
                f"SELECT DISTINCT a.id, a.minhash, a.seq FROM lsh_bands b JOIN articles a ON a.id = b.article_id "
                f"WHERE b.band IN ({marks})", keys):
                if dedup.jaccard(values, dedup.from_blob(other_blob)) >= dedup.NEAR_DUPLICATE_JACCARD:
                    near[other] = other_seq
            self.con.executemany("INSERT INTO lsh_bands (band, article_id) VALUES (?, ?)",
                                 [(k, article.id) for k in keys])
        duplicate_of = min(near, key=near.__getitem__) if near else None
        self.con.execute(
            "INSERT INTO articles (id, seq, url, title, published, source, agencies, content_hash, minhash,"
            " duplicate_of, status, reason, n_events) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.id, seq, article.url, article.title,
             article.published.isoformat() if article.published else None, article.source,
             json.dumps(list(article.agencies)), dedup.content_hash(article), blob, duplicate_of,
             status, reason, n_events))
        return set(near)

    def _place_events(self, article: Article, events: Sequence[Event], near: set[str],
                      sentence_text: dict[int, str]) -> list[tuple[str, bool]]:
        """Decide for each article event: merge into which stored event, or new."""
        seq = self.con.execute("SELECT seq FROM articles WHERE id = ?", (article.id,)).fetchone()[0]
        options: list[tuple[float, int, str, str]] = []
        members: list[Event] = []
        for i, event in enumerate(events):
            member = _as_member(event, article)
            members.append(member)
            for old_id, old, old_articles in self._candidates(member):
                if article.id in old_articles:
                    continue
                decision = linking.merge_decision(member, old, near_duplicate=bool(near & old_articles),
                                                  rules=self.rules)
                if decision.merge:
                    options.append((decision.score, i, old_id, decision.reason))
        options.sort(key=lambda o: (-o[0], o[1], o[2]))
        target: dict[int, tuple[str, str]] = {}
        taken: set[str] = set()
        for _score, i, old_id, reason in options:
            if i not in target and old_id not in taken:
                target[i] = (old_id, reason)
                taken.add(old_id)
        placed = []
        for i, member in enumerate(members):
            event_id, reason = target.get(i, (member.id, "first report"))
            used = {ev.sentence_index for ev in member.evidence if ev.article_id == article.id}
            try:
                self.con.execute(
                    "INSERT INTO event_articles (event_id, member_id, article_id, seq, member, reason, sentences)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (event_id, member.id, article.id, seq, codec.encode(member), reason,
                     json.dumps({str(k): v for k, v in sorted(sentence_text.items()) if k in used})))
            except sqlite3.IntegrityError:
                raise StoreError(f"article {article.id}: event id {member.id} is already stored") from None
            placed.append((event_id, i not in target))
        return placed

    def _candidates(self, event: Event) -> list[tuple[str, Event, set[str]]]:
        """Stored events `linking.merge_decision` could merge `event` into: an index range, not a scan.

        Same PLOVER type and modality, span within the widest date tolerance,
        and, when the event has a country, the same country or none, or one across a border within
        REGION_NEIGHBOUR_DEGREES (differing countries never merge, unless one place is a region that
        may span both).  The span's start is bounded from below by the
        longest stored span (`span_days`), so the search is a narrow range of
        `events_candidates(_country)` whatever the store's size.
        """
        interval = linking.date_interval(event)
        if interval is None:
            return []
        pad = dt.timedelta(days=max(self.rules.date_tolerance_days.values()))
        lo, hi = interval[0] - pad, interval[1] + pad
        window = ((lo - dt.timedelta(days=self._longest_span())).isoformat(), hi.isoformat(), lo.isoformat())
        # A region ("the Iraq-Syria border") may lie in more than its one country: search all.
        regional = event.place is not None and event.place.precision is PlacePrecision.REGION
        country = event.place.country if event.place and not regional else None
        head = (event.plover, event.modality.value)
        if country:
            ids = ("SELECT id FROM events INDEXED BY events_candidates_country WHERE plover = ? AND modality = ? "
                   "AND country = ? AND span_start BETWEEN ? AND ? AND span_end >= ? UNION ALL "
                   "SELECT id FROM events INDEXED BY events_candidates_country WHERE plover = ? AND modality = ? "
                   "AND country IS NULL AND span_start BETWEEN ? AND ? AND span_end >= ?")
            params: tuple[Any, ...] = (*head, country, *window, *head, *window)
            if event.place is not None and event.place.lat is not None and event.place.lon is not None:
                # a stored region across the border ("the Iraq-Syria border", filed under Iraq) near a town
                # of this event's country ("Albu Kamal", Syria): the merge rule decides (a region may span both)
                ids += (" UNION ALL SELECT id FROM events INDEXED BY events_candidates WHERE plover = ? AND "
                        "modality = ? AND span_start BETWEEN ? AND ? AND span_end >= ? AND country != ? "
                        "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
                lat, lon = event.place.lat, event.place.lon
                reach = REGION_NEIGHBOUR_DEGREES
                params += (*head, *window, country, lat - reach, lat + reach, lon - reach, lon + reach)
        else:
            ids = ("SELECT id FROM events INDEXED BY events_candidates WHERE plover = ? AND modality = ? "
                   "AND span_start BETWEEN ? AND ? AND span_end >= ?")
            params = (*head, *window)
        rows = self.con.execute(
            "SELECT e.id, e.record, group_concat(m.article_id, char(31)) FROM events e "
            f"JOIN event_articles m ON m.event_id = e.id WHERE e.id IN ({ids}) GROUP BY e.id ORDER BY e.id",
            params).fetchall()
        return [(event_id, codec.decode(record), set(arts.split("\x1f"))) for event_id, record, arts in rows]

    def _longest_span(self) -> int:
        """Days of the longest stored event span (one seek on `events_span_days`)."""
        return int(self.con.execute("SELECT coalesce(max(span_days), 0) FROM events").fetchone()[0])

    def _remove(self, article_id: str) -> None:
        touched = [r[0] for r in self.con.execute(
            "SELECT DISTINCT event_id FROM event_articles WHERE article_id = ?", (article_id,))]
        self.con.execute("DELETE FROM event_articles WHERE article_id = ?", (article_id,))
        self.con.execute("DELETE FROM lsh_bands WHERE article_id = ?", (article_id,))
        self.con.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self.con.execute("DELETE FROM article_texts WHERE article_id = ?", (article_id,))
        self.con.execute("UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?", (article_id,))
        for event_id in touched:
            self._rebuild(event_id)
        self._relink(touched)

    def _rebuild(self, event_id: str, added_from: str | None = None) -> None:
        """Recompute one merged event and its index rows from its reports.

        `added_from`: the only change is a new report from this article, so the
        evidence and claim rows of the other reports stay as they are (they are
        per report); otherwise every row of the event is rewritten.
        """
        if added_from is None:
            self.con.execute("INSERT INTO evidence_fts (evidence_fts, rowid, sentence) "
                             "SELECT 'delete', min(id), sentence FROM evidence WHERE event_id = ? "
                             "GROUP BY article_id, sentence_index", (event_id,))
            self.con.execute("DELETE FROM evidence WHERE event_id = ?", (event_id,))
            self.con.execute("DELETE FROM claims WHERE event_id = ?", (event_id,))
        self.con.execute("DELETE FROM actors WHERE event_id = ?", (event_id,))
        self.con.execute("DELETE FROM events WHERE id = ?", (event_id,))
        rows = self.con.execute(
            "SELECT m.member, m.reason, m.article_id, m.sentences, a.published, coalesce(a.duplicate_of, a.id) "
            "FROM event_articles m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ? "
            "ORDER BY m.seq, m.member_id", (event_id,)).fetchall()
        if not rows:
            return
        members = [(codec.decode(r[0]), r[1]) for r in rows]
        merged = linking.merge_events(members)
        if merged.id != event_id:  # the first report left: keep the row id the others point to
            merged = _replace_id(merged, event_id)
        published = sorted(r[4] for r in rows if r[4])
        self._write_event(merged, len({r[2] for r in rows}), len({r[5] for r in rows}),
                          published[0] if published else None)
        for (member, _why), row in zip(members, rows, strict=True):
            if added_from is not None and row[2] != added_from:
                continue
            sentences = {int(k): v for k, v in json.loads(row[3]).items()}
            self._write_member_rows(event_id, row[2], member, sentences)

    def _write_event(self, event: Event, n_articles: int, corroboration: int, first: str | None) -> None:
        interval = linking.date_interval(event)
        place = event.place
        self.con.execute(
            "INSERT INTO events (id, record, date, date_end, date_precision, country, admin1, lat, lon, plover,"
            " cameo, acled_type, acled_sub_type, modality, recalled, fatalities_best, n_articles,"
            " corroboration, first_reported, span_start, span_end, span_days)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (event.id, codec.encode(event), _iso(event.date.date), _iso(event.date.date_end),
             event.date.precision.value, place.country if place else None, place.admin1 if place else None,
             place.lat if place else None, place.lon if place else None, event.plover, event.cameo,
             event.acled_type, event.acled_sub_type, event.modality.value, int(event.recalled),
             event.fatalities.best if event.fatalities else None, n_articles, corroboration, first,
             _iso(interval[0]) if interval else None, _iso(interval[1]) if interval else None,
             (interval[1] - interval[0]).days if interval else None))
        self.con.executemany("INSERT OR IGNORE INTO actor_names (name_key) VALUES (?)",
                             [((a.name or a.text).casefold(),) for a in (*event.actor1, *event.actor2)])
        for role in ("actor1", "actor2"):
            self.con.executemany(
                "INSERT INTO actors (event_id, role, name, name_key, country, sector, span_start)"
                " VALUES (?,?,?,?,?,?,?)",
                [(event.id, role, a.name, (a.name or a.text).casefold(), a.country, a.sector,
                  _iso(interval[0]) if interval else None)
                 for a in getattr(event, role)])

    def _write_member_rows(self, event_id: str, article_id: str, member: Event,
                           sentences: dict[int, str]) -> None:
        first_id = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM evidence").fetchone()[0]
        self.con.executemany(
            "INSERT INTO evidence (event_id, article_id, sentence_index, start, end, field, text, sentence)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(event_id, ev.article_id, ev.sentence_index, ev.start, ev.end, ev.field, ev.text,
              sentences.get(ev.sentence_index, ev.text)) for ev in member.evidence])
        # one FTS row per sentence (a sentence backs several fields); `_rebuild` deletes with the same grouping
        self.con.execute(
            "INSERT INTO evidence_fts (rowid, sentence) SELECT min(id), sentence FROM evidence "
            "WHERE event_id = ? AND id >= ? GROUP BY article_id, sentence_index", (event_id, first_id))
        for _kind, count in member.counts:
            self.con.executemany(
                "INSERT INTO claims (event_id, article_id, kind, min, max, source, sentence_index, text)"
                " VALUES (?,?,?,?,?,?,?,?)",
                [(event_id, article_id, c.kind.value, c.min, c.max, c.source, c.sentence_index,
                  c.span.text if c.span else None) for c in count.claims])

    def _relink(self, event_ids: Sequence[str]) -> int:
        """Recompute the relations of these events with every event near them in time."""
        hostile = sorted(rel.HOSTILE)
        total = 0
        for event_id in dict.fromkeys(event_ids):
            self.con.execute("DELETE FROM relations WHERE event_id = ? OR related_event_id = ?",
                             (event_id, event_id))
            event = self.get_event(event_id)
            interval = linking.date_interval(event) if event else None
            if event is None or interval is None or event.plover not in rel.HOSTILE:
                continue
            pad = dt.timedelta(days=self._relation_window())
            names = sorted({(a.name or a.text).casefold() for a in (*event.actor1, *event.actor2)})
            countries = sorted({a.country for a in (*event.actor1, *event.actor2) if a.country})
            if not names and not countries:
                continue  # every relation rule needs an actor in common
            # events sharing an actor name or country whose span starts in the window: two index ranges
            lo, hi = (interval[0] - pad).isoformat(), (interval[1] + pad).isoformat()
            floor = (interval[0] - pad - dt.timedelta(days=self._longest_span())).isoformat()
            rows = self.con.execute(
                "SELECT id, record FROM events WHERE id IN ("
                f"SELECT event_id FROM actors INDEXED BY actors_name_span WHERE name_key IN ({','.join('?' * len(names))}) "
                "AND span_start BETWEEN ? AND ? UNION SELECT event_id FROM actors INDEXED BY actors_country_span "
                f"WHERE country IN ({','.join('?' * len(countries))}) AND span_start BETWEEN ? AND ?) "
                # unary + keeps SQLite from driving this from (plover, span_start): that range starts at the
                # store's first day; the actor ranges above are the narrow ones
                f"AND +plover IN ({','.join('?' * len(hostile))}) AND +span_start <= ? AND +span_end >= ? AND id != ? "
                "ORDER BY id",
                (*names, floor, hi, *countries, floor, hi, *hostile, hi, lo, event_id))
            mine = self._cue_context(event_id)
            found: list[Relation] = []
            for other_id, record in rows.fetchall():
                other = codec.decode(record)
                found += rel.relate(event, other, mine, self.rules)
                found += rel.relate(other, event, functools.partial(self._cue_context, other_id), self.rules)
            cur = self.con.executemany(
                "INSERT OR IGNORE INTO relations (event_id, related_event_id, kind, evidence, reason)"
                " VALUES (?,?,?,?,?)",
                [(r.event_id, r.related_event_id, r.kind, r.evidence, r.reason) for r in found])
            total += max(cur.rowcount, 0)
        return total

    def _relation_window(self) -> int:
        r = self.rules
        return max(r.cue_window_days, r.strike_back_days, r.escalation_days)

    def _cue_context(self, event_id: str) -> list[tuple[str, list[str]]]:
        """(sentence, trigger texts in it) for the sentences that hold the event itself."""
        by_sentence: dict[str, list[str]] = {}
        for text, sentence in self.con.execute(
                "SELECT text, sentence FROM evidence WHERE event_id = ? AND field IN ('event', 'trigger') "
                "ORDER BY article_id, sentence_index, start", (event_id,)):
            triggers = by_sentence.setdefault(sentence or text, [])
            if text and text != sentence:
                triggers.append(text)
        return [(sentence, triggers or [sentence]) for sentence, triggers in by_sentence.items()]

    # ------------------------------------------------------------ reading

    def get_event(self, event_id: str) -> Event | None:
        row = self.con.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        return codec.decode(row[0]) if row else None

    def query(self, filters: EventFilters) -> list[Event]:
        sql, params = sqlquery.select_sql(filters)
        return [codec.decode(r[0]) for r in self.con.execute(sql, params)]

    def count(self, filters: EventFilters, by: str) -> list[tuple[str, int]]:
        if by not in sqlquery.GROUPS:
            raise StoreError(f"count by {by!r}: use one of {', '.join(sqlquery.GROUPS)}")
        where, params = sqlquery.where_clause(filters)
        column = sqlquery.GROUPS[by]
        sql = f"SELECT {column}, count(*) FROM events e{where} GROUP BY {column} ORDER BY {column}"
        return [(r[0] or "", r[1]) for r in self.con.execute(sql, params)]

    def meta(self, event_ids: Sequence[str]) -> dict[str, EventMeta]:
        return sqlite_read.meta(self.con, event_ids)

    def relations(self, event_id: str | None = None) -> list[Relation]:
        return sqlite_read.relations(self.con, event_id)

    def failures(self) -> list[Failure]:
        return sqlite_read.failures(self.con)

    def stats(self) -> dict[str, int]:
        return sqlite_read.stats(self.con)

    def articles(self, limit: int, offset: int = 0, status: str | None = None) -> tuple[int, list[StoredArticle]]:
        return sqlite_read.articles(self.con, limit, offset, status)

    def article(self, article_id: str) -> StoredArticle | None:
        return sqlite_read.article(self.con, article_id)

    def points(self, filters: EventFilters, limit: int) -> MapPoints:
        return sqlite_read.points(self.con, filters, limit)

    def dump(self) -> dict[str, list[Any]]:
        return sqlite_read.dump(self.con)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _as_member(event: Event, article: Article) -> Event:
    """An article's event as a report: names its article and the article's agencies."""
    import dataclasses

    return dataclasses.replace(
        event,
        articles=tuple(dict.fromkeys((*event.articles, article.id))),
        sources=tuple(dict.fromkeys((*event.sources, *article.agencies))),
    )


def _replace_id(event: Event, event_id: str) -> Event:
    import dataclasses

    return dataclasses.replace(event, id=event_id)
