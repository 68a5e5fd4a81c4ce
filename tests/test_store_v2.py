"""Schema version 2: indexed candidate lookups, article body text, the store's article/points reads."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from eventscope.model import Article, Event, Place, PlacePrecision
from eventscope.store import schema
from eventscope.store.base import EventFilters
from eventscope.store.sqlite import SQLiteStore
from test_store_helpers import line_sentences, reference_article, reference_events
from test_store_linking import strike


def test_article_text_and_offsets_are_stored_returned_and_removed(tmp_path: Path) -> None:
    a = reference_article()
    with SQLiteStore(tmp_path / "e.db") as store:
        store.add_article(a, reference_events(a), line_sentences(a.text))
        got = store.article(a.id)
        assert got is not None and got.text == a.text
        assert [(s.index, s.start, s.end) for s in got.sentences] == [
            (s.index, s.start, s.end) for s in line_sentences(a.text)]
        assert all(a.text[s.start:s.end] == s.text for s in got.sentences)
        # evidence offsets point into the stored text
        for event_id in got.events:
            event = store.get_event(event_id)
            assert event is not None
            for ev in event.evidence:
                assert got.text[ev.start:ev.end] == ev.text
        total, rows = store.articles(10)
        assert total == 1 and rows[0].id == a.id and rows[0].text is None and rows[0].agencies == a.agencies
        assert store.article("nope") is None
        store.remove_article(a.id)
        assert store.con.execute("SELECT count(*) FROM article_texts").fetchone()[0] == 0


def test_points_are_located_events_newest_first(tmp_path: Path) -> None:
    a = reference_article()
    with SQLiteStore(tmp_path / "e.db") as store:
        store.add_article(a, reference_events(a), line_sentences(a.text))
        points = store.points(EventFilters(), 100)
        located = [e for e in store.query(EventFilters(limit=None)) if e.place and e.place.lat is not None]
        assert sorted(points.ids) == sorted(e.id for e in located) and not points.truncated
        assert points.date == sorted(points.date, reverse=True)
        assert store.points(EventFilters(), 1).truncated


def test_version_1_database_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    con = sqlite3.connect(path, isolation_level=None)
    schema.current_version(con)
    with schema.transaction(con):
        schema.MIGRATIONS[1](con)
        con.execute("INSERT INTO schema_version (version) VALUES (1)")
        con.execute("INSERT INTO articles (id, seq, content_hash, status, agencies) VALUES ('old', 1, 'h', 'ok', '[]')")
        con.execute("INSERT INTO events (id, record, plover, modality, n_articles, corroboration, span_start, span_end)"
                    " VALUES ('e1', '{}', 'ASSAULT', 'occurred', 1, 1, '2021-01-01', '2021-12-31')")
        con.execute("INSERT INTO actors (event_id, role, name_key) VALUES ('e1', 'actor1', 'x')")
        con.execute("INSERT INTO event_articles VALUES ('e1', 'old:1', 'old', 1, '{}', 'first report', ?)",
                    (json.dumps({"3": "An old sentence."}),))
    con.close()
    with SQLiteStore(path) as store:
        assert schema.current_version(store.con) == schema.latest_version()
        assert store.con.execute("SELECT span_days FROM events").fetchone()[0] == 364
        assert store.con.execute("SELECT span_start FROM actors").fetchone()[0] == "2021-01-01"
        old = store.article("old")
        assert old is not None and old.text is None
        assert [(s.index, s.start, s.text) for s in old.sentences] == [(3, -1, "An old sentence.")]


def _add(store: SQLiteStore, event: Event, n: int, prefix: str = "old") -> None:
    """Write `n` copies of an event straight through the row writers (no merging)."""
    with schema.transaction(store.con):
        for i in range(n):
            copy = dataclasses.replace(event, id=f"{prefix}{i}")
            store._write_event(copy, 1, 1, None)
            store.con.execute("INSERT INTO event_articles VALUES (?, ?, ?, ?, '{}', 'first report', '{}')",
                              (copy.id, copy.id + ":m", f"art-{copy.id}", i + 1))


def test_candidates_are_narrowed_by_country_and_date() -> None:
    syria = strike("new:1:0")
    iraq = Place("Baghdad", 33.3, 44.4, "IRQ", "Baghdad", PlacePrecision.TOWN)
    with SQLiteStore(":memory:") as store:
        _add(store, strike(), 1, "same")  # same country and day: a candidate
        _add(store, dataclasses.replace(strike(), place=None), 1, "noplace")  # no place: still a candidate
        _add(store, dataclasses.replace(strike(), place=iraq), 1, "iraq")  # another country: never merges
        _add(store, dataclasses.replace(strike(), date=strike().date.__class__(
            strike().date.date.replace(year=2020))), 1, "lastyear")  # a year earlier
        _add(store, dataclasses.replace(strike(), plover="PROTEST"), 1, "protest")  # another type
        assert sorted(c[0] for c in store._candidates(syria)) == ["noplace0", "same0"]
        no_country = dataclasses.replace(syria, place=None)
        assert sorted(c[0] for c in store._candidates(no_country)) == ["iraq0", "noplace0", "same0"]


def _steps(store: SQLiteStore, event: Event) -> int:
    """SQLite VM steps (in units of 100) of one merge-candidate lookup and one relation lookup."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    _add(store, event, 1, "new")
    store.con.set_progress_handler(tick, 100)
    store._candidates(event)
    with schema.transaction(store.con):
        store._relink(["new0"])
    store.con.set_progress_handler(None, 100)
    return count[0]


def test_candidate_lookup_cost_does_not_grow_with_older_events() -> None:
    """1,000 vs 50 same-type, same-country, same-actor events years earlier: the lookups do the same work."""
    old = strike(date=dataclasses.replace(strike().date, date=strike().date.date.replace(year=2015)))
    costs = []
    for n in (50, 1000):
        with SQLiteStore(":memory:") as store:
            _add(store, old, n)
            costs.append(_steps(store, strike("new:1:0")))
    assert costs[1] <= costs[0] + 2


def test_old_article_lookup_stays_article_shaped() -> None:
    a = Article(id="x", text="One. Two.")
    with SQLiteStore(":memory:") as store:
        store.add_article(a, [], line_sentences(a.text))
        got = store.article("x")
        assert got is not None and got.text == "One. Two." and got.events == ()
