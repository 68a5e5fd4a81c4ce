"""The store with the real pipeline: the reference article twice, then a second agency's
version of the same story (tests/fixtures/store/reuters-...): one set of events, with two
articles behind the shared ones, and the rocket attack linked to the airstrikes as a response."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventscope.ingest import read_inputs
from eventscope.pipeline import Pipeline
from eventscope.query import open_store, relations
from eventscope.store import EventFilters
from eventscope.store.ingest import ingest_articles, pipeline_extractor

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.slow
def test_two_agencies_one_set_of_events(tmp_path: Path) -> None:
    store = open_store(tmp_path / "events.db")
    extractor = pipeline_extractor(Pipeline())
    seed = FIXTURES / "seed-us-strikes-syria-2021-06.txt"
    reuters = FIXTURES / "store" / "reuters-us-strikes-syria-2021-06.txt"
    ingest_articles(store, read_inputs([seed]), extractor)
    before = store.dump()
    ingest_articles(store, read_inputs([seed]), extractor)
    assert store.dump() == before  # the same article twice changes nothing
    ingest_articles(store, read_inputs([reuters], published=dt.date(2021, 6, 29)), extractor)

    window = EventFilters(date_from=dt.date(2021, 6, 27), date_to=dt.date(2021, 6, 28), type="ASSAULT")
    events = store.query(window)
    meta = store.meta([e.id for e in events])
    strikes = [e for e in events if e.plover_mode == "aerial"]
    rockets = [e for e in events if e.plover_mode == "heavy-weapons" and e.date.date == dt.date(2021, 6, 28)
               and any(a.country == "USA" for a in e.actor2)]
    assert len(strikes) == 1 and len(strikes[0].articles) == 2, [(e.id, e.articles) for e in strikes]
    assert rockets and len(rockets[0].articles) == 2
    assert meta[strikes[0].id].corroboration >= 2
    assert strikes[0].fatalities is not None and strikes[0].fatalities.best == 4
    linked = {(r.event_id, r.related_event_id, r.kind) for r in relations(store)}
    assert any((rocket.id, strikes[0].id, "response") in linked for rocket in rockets)
