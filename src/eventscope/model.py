"""Typed records that flow between the pipeline stages.

Every record is a frozen dataclass that serialises to JSON and back without
loss (`to_dict` / `from_dict`).  Character offsets are always relative to
`Article.text`, so any field can be traced back to the sentence behind it.

Flow (see DESIGN.md):

    Article --nlp--> ParsedArticle --detect--> Mention
      Mention --actors--> ActorRoles      (per mention id)
      Mention --when-->   TimeRef         (per mention id)
      Mention --where-->  Place           (per mention id)
      Mention --counts--> Claim           (per mention id)
      all of the above --assemble--> Event
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar


class Modality(enum.StrEnum):
    """Whether the text says the event happened.  Only OCCURRED is material."""

    OCCURRED = "occurred"
    THREATENED = "threatened"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"
    FUTURE = "future"


class DatePrecision(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class PlacePrecision(enum.StrEnum):
    """One scale for GDELT Geo_Type, ACLED geo_precision and PLOVER resolution."""

    POINT = "point"
    TOWN = "town"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    REGION = "region"
    COUNTRY = "country"


class ClaimKind(enum.StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    ABDUCTED = "abducted"
    ARRESTED = "arrested"


@dataclass(frozen=True)
class Span:
    """A stretch of `Article.text`: [start, end) character offsets and the text."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        """The two stretches share at least one character."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One news story after ingest: clean body text plus metadata.

    `text` is the body only (paragraphs joined by a blank line); the title is
    kept apart so a repeated headline is not coded twice.
    """

    id: str
    text: str
    title: str = ""
    url: str | None = None
    published: dt.date | None = None
    updated: dt.date | None = None
    dateline: str | None = None  # place named in the dateline, e.g. "WASHINGTON"
    agencies: tuple[str, ...] = ()  # news agencies credited, e.g. ("AP", "AFP")
    source: str = ""  # where it came from: a path, "stdin", "file.jsonl:12"

    @property
    def reference_date(self) -> dt.date | None:
        """The date relative expressions resolve against."""
        return self.published or self.updated


@dataclass(frozen=True)
class Mention:
    """One event trigger in one sentence, coded in every ontology at once.

    The PLOVER/CAMEO/ACLED codes come from a single decision (the CAMEO code),
    so the three ontologies cannot disagree.
    """

    id: str  # "{article_id}:{sentence_index}:{trigger.start}"
    article_id: str
    sentence_index: int
    trigger: Span
    trigger_token: int  # index of the trigger's head token in the parsed Doc
    plover: str
    cameo: str
    goldstein: float
    plover_mode: str | None = None
    acled_type: str | None = None
    acled_sub_type: str | None = None
    modality: Modality = Modality.OCCURRED
    confidence: float = 0.5
    reasons: dict[str, str] = field(default_factory=dict)  # field name -> why
    # modes of the restatements merged into this trigger ("raided ..., torching homes": arson), which
    # later mentions of the same deed may match
    merged_modes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """An actor as coded: `unknown_reason` says why country or sector is missing."""

    text: str  # surface text in the article
    name: str  # canonical name, e.g. "Kata'ib Hezbollah"
    country: str | None = None  # ISO3 or IGO code (UNO, NATO, EUR ...)
    sector: str | None = None  # GOV, MIL, REB, CVL, ... (PLOVER/CAMEO agent codes)
    affiliation: str | None = None  # e.g. "IRN" for an Iran-backed militia
    span: Span | None = None
    reason: str = ""
    unknown_reason: str | None = None


@dataclass(frozen=True)
class ActorRoles:
    """Who acts (actor1) on whom (actor2); lists keep compound actors together."""

    actor1: tuple[Actor, ...] = ()
    actor2: tuple[Actor, ...] = ()
    reason: str = ""


STRETCH_DAYS = 14  # a time longer than two weeks ("recently", "since April") dates no one event


@dataclass(frozen=True)
class TimeRef:
    """A date or interval with its precision and the phrase it came from."""

    date: dt.date | None
    date_end: dt.date | None = None
    precision: DatePrecision = DatePrecision.DAY
    phrase: Span | None = None
    reason: str = ""
    vague: bool = False  # "recently": somewhere in the interval, which bounds no count or tally
    # the day of the report ("..., residents said Tuesday"): the event happened on it or shortly before
    report_bound: bool = False

    def interval(self) -> tuple[dt.date, dt.date] | None:
        """The days it covers: a month or year is the whole calendar unit; a week, a
        range or a day runs from `date` to `date_end` (a week without one: 7 days)."""
        if self.date is None:
            return None
        start = self.date
        if self.precision is DatePrecision.MONTH:
            start = start.replace(day=1)
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        elif self.precision is DatePrecision.YEAR:
            start, end = start.replace(month=1, day=1), start.replace(month=12, day=31)
        elif self.precision is DatePrecision.WEEK:
            end = self.date_end or start + dt.timedelta(days=6)
        else:
            end = self.date_end or start
        return start, max(start, end)

    def spans_weeks(self) -> bool:
        """Covers more than STRETCH_DAYS ("this month", "in 2017", "in recent months"): a stretch that
        many events fall in, not the day of one."""
        interval = self.interval()
        return interval is not None and (interval[1] - interval[0]).days > STRETCH_DAYS


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    precision: PlacePrecision = PlacePrecision.TOWN
    geonameid: int | None = None
    span: Span | None = None
    reason: str = ""
    # The spot within this place that the event's own clause names ("her home", "a checkpoint"); no
    # coordinates of its own (stages/where_site.py).
    site: Span | None = None
    # The common-noun phrase by which the event's own clause refers to a place the text names elsewhere
    # ("killed in the same province", "detonated at places"): set only on a borrowed place (`span` None),
    # as the words that say where, for the evidence and the place argument (stages/where_site.py).
    reference: Span | None = None


@dataclass(frozen=True)
class Claim:
    """One casualty figure as one source states it."""

    kind: ClaimKind
    min: int | None
    max: int | None
    source: str | None = None  # who says so, e.g. "Syrian Observatory for Human Rights"
    span: Span | None = None
    sentence_index: int | None = None
    reason: str = ""
    # Sectors of the people it counts ("MIL" for "three soldiers"); empty when the text does not say
    # who they were, or when one of the groups it adds up is unsaid.
    victim_sectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Count:
    """Best figure (ACLED: the lowest credible one) plus every claim."""

    best: int | None
    claims: tuple[Claim, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A supporting span: which article, which sentence, which characters, for which field."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    field: str = "event"


@dataclass(frozen=True)
class Event:
    """What a user gets: one happening, coded, dated, placed, with its evidence."""

    id: str
    plover: str
    cameo: str
    goldstein: float
    date: TimeRef
    plover_mode: str | None = None
    acled_type: str | None = None
    acled_sub_type: str | None = None
    actor1: tuple[Actor, ...] = ()
    actor2: tuple[Actor, ...] = ()
    place: Place | None = None
    fatalities: Count | None = None
    injuries: Count | None = None
    abducted: Count | None = None
    arrested: Count | None = None
    modality: Modality = Modality.OCCURRED
    recalled: bool = False  # a past event the article recalls, not the news itself
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()  # agencies and quoted sources
    articles: tuple[str, ...] = ()  # ids of every article that reports it
    mention_ids: tuple[str, ...] = ()
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def countries(self) -> tuple[str, ...]:
        return (self.place.country,) if self.place and self.place.country else ()

    @property
    def counts(self) -> tuple[tuple[ClaimKind, Count], ...]:
        """The figures the event has, by kind: killed, injured, abducted, arrested."""
        pairs = ((ClaimKind.KILLED, self.fatalities), (ClaimKind.INJURED, self.injuries),
                 (ClaimKind.ABDUCTED, self.abducted), (ClaimKind.ARRESTED, self.arrested))
        return tuple((kind, count) for kind, count in pairs if count is not None)


# --------------------------------------------------------------------------
# JSON round trip.  Dates become ISO strings, enums their values, tuples lists.
# Each record type gets an encoder and a decoder built once from its type hints
# (resolving hints is slow; the store encodes and decodes on every ingest).

Converter = Callable[[Any], Any]
R = TypeVar("R")


def to_dict(record: Any) -> Any:
    """Turn a record (or a list/dict of records) into plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return _encoder(type(record))(record)
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, dt.date):
        return record.isoformat()
    if isinstance(record, (list, tuple)):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


def from_dict(cls: type[R], data: Any) -> R:
    """Rebuild a record of type `cls` from `to_dict` output."""
    return typing.cast(R, _decoder(typing.cast(Any, cls))(data))


def _identity(value: Any) -> Any:
    return value


def _optional(inner: Converter) -> Converter:
    return lambda value: None if value is None else inner(value)


@functools.cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


@functools.cache
def _encoder(tp: Any) -> Converter:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _optional(_encoder(next(a for a in typing.get_args(tp) if a is not type(None))))
    if origin is tuple:
        item = _encoder(typing.get_args(tp)[0])
        return lambda value: [item(x) for x in value]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        plan = [(name, _encoder(hint)) for name, hint in _field_types(tp)]
        return lambda value: {name: encode(getattr(value, name)) for name, encode in plan}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda value: value.value
    if tp is dt.date:
        return lambda value: value.isoformat()
    if tp in (str, int, float, bool):
        return _identity
    return to_dict  # dict[str, str] and anything untyped: walk it


@functools.cache
def _decoder(tp: Any) -> Converter:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
    if origin is tuple:
        item = _decoder(typing.get_args(tp)[0])
        return _optional(lambda value: tuple(item(x) for x in value))
    if origin is dict:
        return _optional(dict)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        plan = [(name, _decoder(hint)) for name, hint in _field_types(tp)]
        return _optional(lambda value: tp(**{name: decode(value[name]) for name, decode in plan if name in value}))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _optional(tp)
    if tp is dt.date:
        return _optional(dt.date.fromisoformat)
    if tp is float:
        return _optional(float)
    return _identity
