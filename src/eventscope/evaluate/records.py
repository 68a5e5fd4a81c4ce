"""Gold and predicted records shared by every dataset loader and scorer.

Each loader turns one file format into these records, so the scorers never see
a dataset's own layout.  Labels are mapped to eventscope's ontology by the
tables in `evaluate/labels/` (see `tables.py`): a gold item keeps its label in
the dataset's own terms (`label`, for per-class tables) and the set of
eventscope labels that count as a correct answer (`accepted`).

Predicted records (`PredictedEvent`, `PredictedDyad` ...) are what the scorers
compare against; `predict.py` builds them from the pipeline, and tests build
them by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from eventscope.model import Actor, PlacePrecision, Span

Kind = Literal["events", "dyads", "snippets", "locations"]


@dataclass(frozen=True)
class GoldDate:
    """A gold date as an interval [start, end] (a day, a month, a range, "on or before X")."""

    start: dt.date
    end: dt.date
    precision: str = "day"  # day, week, month, year, range
    text: str = ""

    def contains(self, day: dt.date, tolerance_days: int = 0) -> bool:
        slack = dt.timedelta(days=tolerance_days)
        return self.start - slack <= day <= self.end + slack


@dataclass(frozen=True)
class GoldPlace:
    """Where a gold event happened; every field is optional."""

    names: tuple[str, ...] = ()  # city/town (or finer) names that count as the right "city"
    admin1: str | None = None
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None


@dataclass(frozen=True)
class GoldActor:
    text: str
    country: str | None = None  # ISO3 or IGO code, already normalised by `tables.normalise_country`
    sectors: frozenset[str] = frozenset()  # accepted PLOVER/CAMEO sector codes (empty = not labeled)
    span: Span | None = None


@dataclass(frozen=True)
class GoldArgument:
    """One argument filler: alternative strings (MUC "X / Y") and/or spans (with coreferent mentions)."""

    role: str  # attacker, target, place (or a role no metric scores)
    texts: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class GoldEvent:
    id: str
    label: str  # the dataset's own type label
    accepted: frozenset[str]  # eventscope labels that count as this type
    trigger: Span | None = None
    sentence: tuple[int, int] | None = None  # character range of the trigger's sentence
    date: GoldDate | None = None
    date_tolerance_days: int = 0
    countries: tuple[str, ...] = ()
    place: GoldPlace | None = None
    actor1: tuple[GoldActor, ...] = ()
    actor2: tuple[GoldActor, ...] = ()
    fatalities: tuple[int, int] | None = None  # (min, max)
    death: bool | None = None  # a human target died (MUC-4)
    acled_sub_type: str | None = None
    arguments: tuple[GoldArgument, ...] = ()
    roles: frozenset[str] | None = None  # scored roles the dataset's type has (None = all)
    core: bool = False
    recalled: bool = False
    optional: bool = False  # MUC-4 "(OPTIONAL)" templates: no penalty when missed
    text_cue: str = ""  # must_not entries: words the offending event's evidence would contain


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    events: tuple[GoldEvent, ...] = ()
    published: dt.date | None = None
    title: str = ""
    dateline: str | None = None
    relevant: bool = True  # MUC-4 marks irrelevant articles with "*"
    must_not: tuple[GoldEvent, ...] = ()
    aliases: tuple[str, ...] = ()  # other ids a prediction file may use for this document
    source: str = ""  # file:line, for error messages


@dataclass(frozen=True)
class GoldDyad:
    """A sentence with a marked source and target actor and the type of the event between them."""

    id: str
    text: str
    label: str
    accepted: frozenset[str]
    source_span: Span | None
    target_span: Span | None
    source_actors: tuple[GoldActor, ...] = ()
    target_actors: tuple[GoldActor, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class GoldSnippet:
    """A text with one class label (CASE 2021 task 2: an ACLED sub-event type)."""

    id: str
    text: str
    label: str
    accepted: frozenset[str]
    source: str = ""


@dataclass(frozen=True)
class GoldLocation:
    """A sentence, an event trigger, and the spans naming where that event happened (none = no place)."""

    id: str
    text: str
    trigger: Span
    locations: tuple[Span, ...]
    source: str = ""


GoldItem = GoldDocument | GoldDyad | GoldSnippet | GoldLocation


@dataclass(frozen=True)
class Dataset:
    """Everything a loader read: the items, how to score them, and the label table used."""

    name: str
    path: str
    kind: Kind
    items: tuple[GoldItem, ...]
    scope: frozenset[str] = frozenset()  # eventscope labels this dataset scores (others are ignored)
    unit: Literal["event", "trigger"] = "event"  # events matched on type/date/country, or on trigger spans
    precision_meaningful: bool = True  # RAMS labels one event per window: report recall only
    labels_note: str = ""  # which table mapped the labels
    deaths_of_targets: bool = False  # gold `death` counts human targets only (MUC-4), not any death (ACLED)


# ------------------------------------------------------------------ predictions

@dataclass(frozen=True)
class PredictedArgument:
    role: str  # attacker, target, place
    text: str
    span: Span | None = None


@dataclass(frozen=True)
class PredictedEvent:
    """One predicted event (or, for trigger-level datasets, one mention or casualty claim)."""

    doc_id: str
    labels: frozenset[str]  # PLOVER type; "claim:killed"/"claim:injured" for a casualty claim
    date: dt.date | None = None
    date_end: dt.date | None = None
    countries: tuple[str, ...] = ()
    place_name: str | None = None
    place_text: str | None = None  # the place as the text writes it ("Antigua" for Antigua Guatemala)
    site_text: str | None = None  # the spot within the place ("the Central American University")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    actor1: tuple[Actor, ...] = ()
    actor2: tuple[Actor, ...] = ()
    fatalities: int | None = None
    died: bool | None = None  # a killed claim that is not zero, figure or not; None = use fatalities
    target_died: bool | None = None  # such a claim of non-combatants or unsaid victims; None = use died
    mode: str | None = None  # PLOVER mode ("arrest", "abduct" ...), to tell incidents from custody
    acled_sub_type: str | None = None
    trigger: Span | None = None
    arguments: tuple[PredictedArgument, ...] = ()
    confidence: float = 0.5
    evidence_text: str = ""  # the supporting sentences, for `must_not` text cues
    describe: str = ""  # one line for error listings

    @property
    def label(self) -> str:
        return ",".join(sorted(self.labels))


@dataclass(frozen=True)
class PredictedDyad:
    item_id: str
    label: str | None  # eventscope PLOVER type, None = no event coded
    source_actor: Actor | None = None
    target_actor: Actor | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class PredictedLabel:
    item_id: str
    label: str | None  # e.g. an ACLED sub-event type; None = nothing found
    confidence: float = 0.5


@dataclass(frozen=True)
class PredictedLocation:
    item_id: str
    span: Span | None  # None = "this event has no place in the sentence"


@dataclass
class ErrorRecord:
    """One scoring error, ranked by `severity` for the "worst errors" listing."""

    item_id: str
    what: str
    gold: str
    predicted: str
    severity: float = 1.0


@dataclass
class Score:
    """Metrics (name -> value), per-class rows and the errors, as the scorers return them."""

    metrics: dict[str, float] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)  # metric name -> how many items it is over
    per_class: list[dict[str, object]] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
