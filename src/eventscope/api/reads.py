"""Reads the API needs beyond `eventscope.query`: map points, articles, event counts.

Thin adapters from `EventStore` methods (`points`, `articles`, `article`) to
the JSON shapes the API returns, so any backend serves the page.

Why map points bypass `query_events`: the map shows every matching event at
once; decoding 50,000 JSON records per request is seconds, reading four
indexed columns is milliseconds (`EventStore.points`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from eventscope.store.base import EventFilters, EventStore, MapPoints, StoredArticle

MAX_POINTS = 100_000  # the map's ceiling; the page says when a filter would show more
Points = MapPoints  # the name this module used before the store had `points`


def count_events(store: EventStore, filters: EventFilters) -> int:
    """How many events match, ignoring limit/offset (for pagination)."""
    return sum(n for _key, n in store.count(filters, "type"))


def map_points(store: EventStore, filters: EventFilters, limit: int = MAX_POINTS) -> MapPoints:
    return store.points(filters, limit)


def _metadata(article: StoredArticle) -> dict[str, Any]:
    data = {f.name: getattr(article, f.name) for f in dataclasses.fields(article)
            if f.name not in ("text", "sentences", "events")}
    data["agencies"] = list(article.agencies)
    return data


def list_articles(store: EventStore, limit: int, offset: int,
                  status: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    total, rows = store.articles(limit, offset, status)
    return total, [_metadata(a) for a in rows]


def get_article(store: EventStore, article_id: str) -> dict[str, Any] | None:
    """Article metadata, its body `text` (None when stored before the store kept it), its sentences
    (index, start, end, text; offsets into `text`, -1 without it) and its event ids."""
    article = store.article(article_id)
    if article is None:
        return None
    data = _metadata(article)
    data["text"] = article.text
    data["sentences"] = [{"index": s.index, "start": s.start, "end": s.end, "text": s.text}
                         for s in article.sentences]
    data["events"] = list(article.events)
    return data
