"""`eventscope events` filters and the importable query functions."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from eventscope import query
from eventscope.store.base import EventFilters
from eventscope.store.sqlite import SQLiteStore
from test_store_helpers import (
    line_sentences,
    reference_article,
    reference_events,
    reuters_article,
    reuters_events,
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("q") / "events.db"
    with SQLiteStore(path) as store:
        for article, events in ((reference_article(), reference_events), (reuters_article(), reuters_events)):
            store.add_article(article, events(article), line_sentences(article.text))
    return path


@pytest.fixture
def store(db: Path):
    with query.open_store(db) as s:
        yield s


def ids(events) -> set[str]:
    return {e.id for e in events}


def test_no_filter_lists_all_newest_first(store) -> None:
    events = query.query_events(store)
    assert len(events) == 7
    dates = [e.date.date for e in events]
    assert dates == sorted(dates, reverse=True)


def test_date_range(store) -> None:
    events = query.query_events(store, EventFilters(date_from=dt.date(2021, 6, 27), date_to=dt.date(2021, 6, 27)))
    assert [e.plover for e in events] == ["ASSAULT"] and events[0].acled_sub_type == "Air/drone strike"
    assert len(query.query_events(store, EventFilters(date_to=dt.date(2020, 12, 31)))) == 1  # Soleimani


def test_country_admin1_and_bbox(store) -> None:
    syria = query.query_events(store, EventFilters(country="syr"))
    assert len(syria) == 3 and all(e.place.country == "SYR" for e in syria)
    assert ids(query.query_events(store, EventFilters(admin1="deir ez-zor"))) <= ids(syria)
    box = query.query_events(store, EventFilters(bbox=(40.0, 34.0, 41.5, 35.5)))  # around Abu Kamal / al-Omar
    assert box and all(40.0 <= e.place.lon <= 41.5 for e in box)
    assert query.query_events(store, EventFilters(bbox=(0.0, 0.0, 1.0, 1.0))) == []


def test_type_accepts_plover_acled_and_cameo(store) -> None:
    assert {e.plover for e in query.query_events(store, EventFilters(type="accuse"))} == {"ACCUSE"}
    strikes = query.query_events(store, EventFilters(type="Air/drone strike"))
    assert len(strikes) == 2  # the June 27 strikes and the recalled 2020 drone strike
    assert len(query.query_events(store, EventFilters(type="Explosions/Remote violence"))) == 4
    assert {e.cameo for e in query.query_events(store, EventFilters(type="13"))} == {"138"}


def test_actor_by_name_or_country(store) -> None:
    kh = query.query_events(store, EventFilters(actor="hezbollah"))
    assert len(kh) == 1 and kh[0].acled_sub_type == "Air/drone strike"
    assert len(query.query_events(store, EventFilters(actor="IRN"))) == 1  # Soleimani
    assert query.query_events(store, EventFilters(actor="nobody at all")) == []


def test_modality_text_and_recalled(store) -> None:
    assert len(query.query_events(store, EventFilters(modality="occurred"))) == 7
    assert query.query_events(store, EventFilters(modality="threatened")) == []
    hits = query.query_events(store, EventFilters(text="rockets"))
    assert hits and all(e.plover == "ASSAULT" for e in hits)
    assert len(query.query_events(store, EventFilters(include_recalled=False))) == 6


def test_limit_and_offset(store) -> None:
    page1 = query.query_events(store, EventFilters(limit=3))
    page2 = query.query_events(store, EventFilters(limit=3, offset=3))
    assert len(page1) == 3 and not ids(page1) & ids(page2)


def test_counts(store) -> None:
    assert dict(query.counts_by_type(store))["ASSAULT"] == 4
    assert dict(query.counts_by_country(store)) == {"": 2, "IRQ": 2, "SYR": 3}  # "" = no place
    assert dict(query.counts_by_day(store))["2021-06-28"] == 5


def test_get_event_meta_and_relations(store) -> None:
    rockets = query.query_events(store, EventFilters(text="rocket attack Monday"))[0]
    assert query.get_event(store, rockets.id) == rockets
    assert query.get_event(store, "no-such-id") is None
    meta = query.event_meta(store, [rockets.id])[rockets.id]
    data = query.event_json(rockets, meta)
    assert data["corroboration"] == 2 and any(r["kind"] == "response" for r in data["relations"])


def test_filtered_query_uses_an_index(store) -> None:
    from eventscope.store import sqlquery

    where, params = sqlquery.where_clause(EventFilters(country="SYR", date_from=dt.date(2021, 1, 1)))
    plan = " ".join(str(r) for r in store.con.execute(f"EXPLAIN QUERY PLAN SELECT id FROM events e{where}", params))
    assert "USING INDEX" in plan


def run_cli(db: Path, *argv: str) -> str:
    parser = argparse.ArgumentParser()
    query.register(parser.add_subparsers())
    args = parser.parse_args(["events", "--db", str(db), *argv])
    out = io.StringIO()
    assert args.handler(args, out=out) == 0
    return out.getvalue()


def test_events_command_formats(db: Path) -> None:
    table = run_cli(db, "--country", "SYR")
    assert table.splitlines()[0].startswith("DATE") and table.rstrip().endswith("3 event(s)")
    data = json.loads(run_cli(db, "--format", "json", "--type", "ASSAULT", "--from", "2021-06-27"))
    assert len(data) == 3 and all("corroboration" in d for d in data)
    rows = list(csv.DictReader(io.StringIO(run_cli(db, "--format", "csv", "--limit", "2"))))
    assert len(rows) == 2 and set(query.FLAT_COLUMNS) == set(rows[0])


def test_bad_bbox_is_a_usage_error(db: Path) -> None:
    with pytest.raises(SystemExit):
        run_cli(db, "--bbox", "1,2,3")
