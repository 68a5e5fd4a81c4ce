"""The SQLite event store: schema, idempotent adds, merging across agencies, relations, failures."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from eventscope.errors import StoreError
from eventscope.model import Article, Claim, ClaimKind, Count, Span
from eventscope.store import schema
from eventscope.store.base import EventFilters
from eventscope.store.sqlite import SQLiteStore
from test_store_helpers import (
    evidence,
    line_sentences,
    make_event,
    reference_article,
    reference_events,
    reuters_article,
    reuters_events,
)


@pytest.fixture
def store(tmp_path: Path):
    with SQLiteStore(tmp_path / "events.db") as s:
        yield s


def add_reference(store: SQLiteStore):
    a = reference_article()
    return store.add_article(a, reference_events(a), line_sentences(a.text))


def add_reuters(store: SQLiteStore):
    b = reuters_article()
    return store.add_article(b, reuters_events(b), line_sentences(b.text))


def find(store: SQLiteStore, phrase: str):
    (event,) = [e for e in store.query(EventFilters(limit=None)) if any(phrase in ev.text for ev in e.evidence)]
    return event


def test_new_database_is_at_latest_schema_version_and_in_wal_mode(store: SQLiteStore) -> None:
    assert schema.current_version(store.con) == schema.latest_version()
    assert store.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_version (version) VALUES (999)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        SQLiteStore(path)


def test_migrations_run_in_order_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.db"
    SQLiteStore(path).close()
    ran: list[int] = []
    nxt = schema.latest_version() + 1
    monkeypatch.setitem(schema.MIGRATIONS, nxt, lambda con: (ran.append(nxt), con.execute("CREATE TABLE extra (x)")))
    SQLiteStore(path).close()
    SQLiteStore(path).close()
    assert ran == [nxt]
    con = sqlite3.connect(path)
    assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")] == [*range(1, nxt + 1)]
    con.close()


def test_reference_article_twice_changes_nothing(store: SQLiteStore) -> None:
    first = add_reference(store)
    assert len(first.new_events) == 6 and not first.skipped
    before = store.dump()
    second = add_reference(store)
    assert second.skipped
    assert store.dump() == before


def test_second_agency_gives_one_set_of_events_with_two_articles_behind_shared_ones(store: SQLiteStore) -> None:
    add_reference(store)
    result = add_reuters(store)
    add_reference(store)  # and the reference again: still nothing new
    assert len(result.merged_events) == 4 and len(result.new_events) == 1
    events = store.query(EventFilters(limit=None))
    assert len(events) == 7  # 6 from the reference + Kadhimi's phone call, only in the second report
    airstrikes = find(store, "carried out airstrikes near the Iraq-Syria border")
    assert set(airstrikes.articles) == {"seed-2021-06-29", "reuters-2021-06-28"}
    assert "reuters-2021-06-28" in airstrikes.reasons["merge"] and "places 0 km apart" in airstrikes.reasons["merge"]
    assert {"AP", "AFP", "Reuters"} <= set(airstrikes.sources)
    # both casualty claims kept; the best figure is the lowest (ACLED)
    assert sorted(c.min for c in airstrikes.fatalities.claims) == [4, 5]
    assert airstrikes.fatalities.best == 4
    meta = store.meta([airstrikes.id])[airstrikes.id]
    assert (meta.n_articles, meta.corroboration, meta.first_reported) == (2, 2, "2021-06-28")
    assert set(meta.claims_by_article) == {"seed-2021-06-29", "reuters-2021-06-28"}
    # the rocket attack and the artillery reply merge with their own counterparts, not with each other
    rockets = find(store, "came under rocket attack")
    artillery = find(store, "responded in self-defense with artillery fire")
    assert len(rockets.articles) == 2 and len(artillery.articles) == 2
    assert rockets.id != artillery.id
    # the recalled Soleimani strike has a single report
    soleimani = find(store, "Qassem Soleimani")
    assert soleimani.articles == ("seed-2021-06-29",) and soleimani.recalled


def test_order_of_agencies_does_not_change_what_is_merged(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as one, SQLiteStore(tmp_path / "b.db") as two:
        add_reference(one)
        add_reuters(one)
        add_reuters(two)
        add_reference(two)
        def shape(s: SQLiteStore):
            return sorted(tuple(sorted(e.articles)) for e in s.query(EventFilters(limit=None)))
        assert shape(one) == shape(two)


def test_rocket_attack_is_linked_to_the_airstrikes_as_a_response(store: SQLiteStore) -> None:
    add_reference(store)
    airstrikes = find(store, "carried out airstrikes near the Iraq-Syria border")
    rockets = find(store, "came under rocket attack")
    links = [(r.event_id, r.related_event_id, r.kind) for r in store.relations(rockets.id)]
    assert (rockets.id, airstrikes.id, "response") in links
    artillery = find(store, "responded in self-defense with artillery fire")
    reply = [r for r in store.relations(artillery.id) if r.related_event_id == rockets.id]
    assert reply and reply[0].kind == "response" and "responded" in reply[0].evidence


def test_relations_survive_the_second_agency(store: SQLiteStore) -> None:
    add_reuters(store)
    add_reference(store)
    airstrikes = find(store, "U.S. F-15 and F-16 jets struck")
    rockets = find(store, "Several rockets were fired")
    assert any(r.event_id == rockets.id and r.related_event_id == airstrikes.id and r.kind == "response"
               for r in store.relations())


def test_fts_finds_events_by_evidence_sentence(store: SQLiteStore) -> None:
    add_reference(store)
    hits = store.query(EventFilters(text="artillery fire"))
    assert [e.id for e in hits] == [find(store, "responded in self-defense").id]
    assert store.query(EventFilters(text='"OR artillery')) == []  # quotes in user text are not syntax


def test_failed_article_is_recorded_with_reason_and_not_duplicated(store: SQLiteStore) -> None:
    bad = Article(id="bad-1", text="garbled", source="in.jsonl:3")
    store.add_failure(bad, bad.id, bad.source, "stage detect failed")
    store.add_failure(bad, bad.id, bad.source, "stage detect failed")
    store.add_failure(None, "in.jsonl:9", "in.jsonl:9", "not valid JSON")
    assert [(f.article_id, f.reason) for f in store.failures()] == [
        ("bad-1", "stage detect failed"), ("in.jsonl:9", "not valid JSON")]
    assert store.status(bad) == "failed"
    store.add_article(bad, [])  # a retry that works replaces the failure
    assert store.failures()[0].article_id == "in.jsonl:9" and store.status(bad) == "ok"


def test_changed_article_replaces_its_old_reports(store: SQLiteStore) -> None:
    add_reference(store)
    add_reuters(store)
    b = reuters_article()
    changed = dataclasses.replace(b, text=b.text + "\nCorrection appended.")
    store.add_article(changed, reuters_events(b)[:1], line_sentences(b.text))
    rockets = find(store, "came under rocket attack")
    assert set(rockets.articles) == {"seed-2021-06-29", "reuters-2021-06-28"}
    airstrikes = find(store, "carried out airstrikes near the Iraq-Syria border")
    assert airstrikes.articles == ("seed-2021-06-29",) and airstrikes.fatalities.best == 4
    store.con.execute("INSERT INTO evidence_fts (evidence_fts, rank) VALUES ('integrity-check', 1)")  # raises if off
    assert store.query(EventFilters(text="F-16 jets struck")) == []  # the dropped report left the index


def test_removing_the_first_report_keeps_the_event_id(store: SQLiteStore) -> None:
    add_reference(store)
    add_reuters(store)
    airstrikes = find(store, "carried out airstrikes near the Iraq-Syria border")
    store.remove_article("seed-2021-06-29")
    kept = store.get_event(airstrikes.id)
    assert kept is not None and kept.articles == ("reuters-2021-06-28",)
    assert store.get_event("seed-2021-06-29:32:6308") is None  # only the reference reported it
    assert store.stats()["events"] == 5


def test_near_duplicate_copy_does_not_add_corroboration(store: SQLiteStore) -> None:
    add_reference(store)
    a = reference_article()
    copy = dataclasses.replace(a, id="syndicated-copy", text=a.text.replace("WASHINGTON:", "WASHINGTON (AP):"),
                               published=a.published, agencies=("AP",))
    result = store.add_article(copy, reference_events(copy), line_sentences(copy.text))
    assert result.duplicate_of == "seed-2021-06-29"
    events = store.query(EventFilters(limit=None))
    assert len(events) == 6
    metas = store.meta([e.id for e in events])
    assert all(m.n_articles == 2 and m.corroboration == 1 for m in metas.values())


def test_same_event_id_from_two_articles_is_refused(store: SQLiteStore) -> None:
    a = reference_article()
    add_reference(store)
    other = dataclasses.replace(a, id="other", text="A different text entirely about something else.")
    with pytest.raises(StoreError, match="already stored"):
        store.add_article(other, reference_events(a)[:1])
    assert store.stats()["articles"] == 1  # the transaction rolled back


def test_abducted_and_arrested_figures_are_kept_with_their_claims(store: SQLiteStore) -> None:
    a = reference_article()
    ev = evidence(a, "came under rocket attack")
    span = Span(ev.start, ev.end, ev.text)
    taken = Count(best=3, claims=(Claim(ClaimKind.ABDUCTED, 3, None, "police", span, ev.sentence_index),))
    held = Count(best=12, claims=(Claim(ClaimKind.ARRESTED, 12, 12, None, span, ev.sentence_index),))
    event = make_event(a, "came under rocket attack", abducted=taken, arrested=held)
    store.add_article(a, [event], line_sentences(a.text))
    (stored,) = store.query(EventFilters(limit=None))
    assert stored.abducted == taken and stored.arrested == held
    assert [kind for kind, _ in stored.counts] == [ClaimKind.ABDUCTED, ClaimKind.ARRESTED]
    kinds = sorted(c["kind"] for claims in store.meta([stored.id])[stored.id].claims_by_article.values() for c in claims)
    assert kinds == ["abducted", "arrested"]
