"""The storage interface every backend implements, and the values it trades in.

Why an interface: SQLite is the default (one file, no server), but a team
will want PostgreSQL; the ingest command, the query functions, the exports
and the HTTP API talk only to `EventStore`, so a second backend is one new
module.  A store has one writer; each `add_article` is one transaction.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventscope.model import Article, Event, Sentence
from eventscope.store.relations import Relation


@dataclass(frozen=True)
class EventFilters:
    """What `eventscope events` and the API filter on; None/empty = no filter.

    date_from / date_to bound the event date (inclusive); bbox is
    (min_lon, min_lat, max_lon, max_lat); type is a PLOVER type, an ACLED
    event type or sub-type, or a CAMEO code prefix; actor matches a canonical
    name (substring, case-insensitive) or an actor country (ISO3); text is a
    full-text query over the evidence sentences (all words must occur).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    type: str | None = None
    actor: str | None = None
    modality: str | None = None
    text: str | None = None
    include_recalled: bool = True
    limit: int | None = 100
    offset: int = 0


@dataclass(frozen=True)
class AddResult:
    """What one `add_article` did."""

    article_id: str
    skipped: bool = False  # already stored with the same content
    new_events: tuple[str, ...] = ()
    merged_events: tuple[str, ...] = ()  # existing events this article now corroborates
    duplicate_of: str | None = None  # earliest near-duplicate article already stored
    relations: int = 0


@dataclass(frozen=True)
class Failure:
    article_id: str
    source: str
    reason: str


@dataclass(frozen=True)
class EventMeta:
    """Store-side facts about a merged event that the Event record has no field for."""

    n_articles: int
    corroboration: int  # independent articles: near-duplicates count once
    first_reported: str | None  # earliest publication date among its articles
    relations: tuple[Relation, ...] = ()
    urls: tuple[str, ...] = ()  # of its articles, in ingest order (those that have one)
    claims_by_article: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store holds it: metadata, and (from `EventStore.article`) text and events.

    `text` is the body the evidence offsets point into, `sentences` its
    sentences with offsets.  An article stored before the store kept body
    text (schema version 1) has `text` None and only the sentences behind its
    events' evidence, with offsets -1.
    """

    id: str
    url: str | None
    title: str | None
    published: str | None
    source: str | None
    agencies: tuple[str, ...]
    status: str  # ok | failed
    reason: str | None
    n_events: int
    duplicate_of: str | None
    text: str | None = None
    sentences: tuple[Sentence, ...] = ()
    events: tuple[str, ...] = ()  # ids of the merged events it reports, in member order


@dataclass(frozen=True)
class MapPoints:
    """Columnar map points (newest first): parallel lists, so 50,000 points stay a small JSON."""

    ids: list[str]
    lat: list[float]
    lon: list[float]
    type: list[str]
    fatalities: list[int | None]
    date: list[str | None]
    truncated: bool  # more located events match than the limit


class EventStore(abc.ABC):
    """A database of merged events.  Use as a context manager; `close` when done."""

    @abc.abstractmethod
    def is_stored(self, article: Article) -> bool:
        """True if this article id is stored with the same content (ok or failed)."""

    @abc.abstractmethod
    def status(self, article: Article) -> str | None:
        """'ok' or 'failed' when this article id is stored with this content, else None."""

    @abc.abstractmethod
    def add_article(self, article: Article, events: Sequence[Event],
                    sentences: Iterable[Sentence] = ()) -> AddResult:
        """Store one article and its events, merging and linking them, in one transaction."""

    @abc.abstractmethod
    def add_failure(self, article: Article | None, article_id: str, source: str, reason: str) -> None:
        """Record an article that could not be read or extracted, with the reason."""

    @abc.abstractmethod
    def remove_article(self, article_id: str) -> None:
        """Take an article's reports out of every event (events left empty are deleted)."""

    @abc.abstractmethod
    def get_event(self, event_id: str) -> Event | None:
        """The merged event, or None when no event has this id."""

    @abc.abstractmethod
    def query(self, filters: EventFilters) -> list[Event]:
        """Events matching the filters, newest first."""

    @abc.abstractmethod
    def count(self, filters: EventFilters, by: str) -> list[tuple[str, int]]:
        """Event counts grouped by 'day', 'type' or 'country'."""

    @abc.abstractmethod
    def meta(self, event_ids: Sequence[str]) -> dict[str, EventMeta]:
        """Corroboration, first report and relations of each event."""

    @abc.abstractmethod
    def relations(self, event_id: str | None = None) -> list[Relation]:
        """Relations touching an event (both directions), or all of them."""

    @abc.abstractmethod
    def failures(self) -> list[Failure]:
        """Every article recorded as failed, in ingest order."""

    @abc.abstractmethod
    def articles(self, limit: int, offset: int = 0, status: str | None = None) -> tuple[int, list[StoredArticle]]:
        """(how many match, one page of them latest ingested first); metadata only; status 'ok'/'failed'/None."""

    @abc.abstractmethod
    def article(self, article_id: str) -> StoredArticle | None:
        """One article with its body text, sentences (with offsets) and event ids, or None."""

    @abc.abstractmethod
    def points(self, filters: EventFilters, limit: int) -> MapPoints:
        """Located events matching the filters (limit/offset ignored), newest first, at most `limit`."""

    @abc.abstractmethod
    def dump(self) -> dict[str, list[Any]]:
        """Every table as sorted plain rows: equal dumps mean equal databases."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
