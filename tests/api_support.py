"""Helpers for the API, web and report tests: a store holding the reference article's events.

The events come from `fixtures/api/seed_store.json` (built by
`scripts/make_api_seed.py`: real ingest and sentence split, events coded by
hand), so these tests do not depend on every pipeline stage being finished.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from eventscope.api import create_app
from eventscope.config import Settings
from eventscope.model import Article, Event, Evidence, Place, Sentence, TimeRef, from_dict
from eventscope.store.ingest import Extracted
from eventscope.store.sqlite import SQLiteStore

TOKEN = "test-token-123"
SEED = Path(__file__).resolve().parent / "fixtures" / "api" / "seed_store.json"


def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return data


def seed_records() -> tuple[Article, list[Event], list[Sentence]]:
    data = seed_data()
    return (from_dict(Article, data["article"]), [from_dict(Event, e) for e in data["events"]],
            [from_dict(Sentence, s) for s in data["sentences"]])


def seeded_store(path: Path) -> SQLiteStore:
    article, events, sentences = seed_records()
    store = SQLiteStore(path)
    store.add_article(article, events, sentences)
    return store


def event_id_by_trigger(phrase: str) -> str:
    """The id of the seed event whose first evidence contains `phrase`."""
    for event in seed_data()["events"]:
        if phrase in event["evidence"][0]["text"]:
            return str(event["id"])
    raise KeyError(phrase)


def fake_extractor(articles: Iterable[Article]) -> Iterator[Extracted]:
    """One PROTEST event per article, on its first sentence: the API's job is storing, not extracting."""
    for article in articles:
        first = article.text.split(". ")[0]
        sentence = Sentence(0, 0, len(first), first)
        event = Event(id=f"{article.id}:0:0", plover="PROTEST", cameo="141", goldstein=-6.5,
                      date=TimeRef(article.published), place=Place("Baghdad", 33.34, 44.40, "IRQ"),
                      evidence=(Evidence(article.id, 0, 0, len(first), first),), articles=(article.id,))
        yield Extracted(article, [event], [sentence])


def client_for(store: SQLiteStore, **settings: object) -> TestClient:
    """A test client over `store` with the write token TOKEN and the fake extractor."""
    values: dict[str, object] = {"db_path": Path(store.path), "api_token": TOKEN, **settings}
    return TestClient(create_app(Settings(**values), store, extractor=fake_extractor))  # type: ignore[arg-type]
