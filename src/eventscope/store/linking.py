"""Linking across articles: when two reports are one event, and how events relate.

Merge rule (`merge_decision`), every condition stated so a user can check it:

* type: same PLOVER type and same modality; when both carry an ACLED
  sub-type or a PLOVER mode, those agree too (an airstrike and the artillery
  reply of the next day are both ASSAULT but not one event);
* date: the two date intervals (a day; a week; the whole month or year for
  month/year precision; `date`..`date_end` for a range) lie at most
  `date_tolerance_days[precision]` apart (day 1, week 3, month/year 0, range 1);
* place: countries, when both known, are equal; when both places are finer
  than admin1 and have coordinates, they are within `max_km` (50 km) or share
  admin1; when both admin1 are known they are equal;
* actors: per role (actor1 with actor1, actor2 with actor2), when both sides
  are known they share a canonical name or a country;
* and at least one positive sign beyond type and date: the place agrees, an
  actor overlaps, or the two articles are near-duplicates (`dedup`).

Among several candidates the one with most agreeing signs (then closest date)
wins, and one article contributes at most one report to an event.

Relations between events (response, retaliation, escalation) live in `relations.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from eventscope.gazetteer import distance_km
from eventscope.model import Actor, Count, DatePrecision, Event, Place, PlacePrecision

T = TypeVar("T")

_FINE_PLACES = frozenset({PlacePrecision.POINT, PlacePrecision.TOWN, PlacePrecision.ADMIN2})
_PRECISION_RANK = {DatePrecision.DAY: 0, DatePrecision.WEEK: 1, DatePrecision.MONTH: 2,
                   DatePrecision.RANGE: 3, DatePrecision.YEAR: 4}
_PLACE_RANK = {p: i for i, p in enumerate(PlacePrecision)}



@dataclass(frozen=True)
class LinkingRules:
    """The stated tolerances.  Defaults are what the module docstring says."""

    date_tolerance_days: dict[str, int] = field(default_factory=lambda: {
        "day": 1, "week": 3, "month": 0, "year": 0, "range": 1})
    max_km: float = 50.0
    strike_back_days: int = 7
    cue_window_days: int = 30
    escalation_days: int = 14


DEFAULT_RULES = LinkingRules()


# ----------------------------------------------------------------- dates

def date_interval(event: Event) -> tuple[dt.date, dt.date] | None:
    """The days an event may have happened on, from its date and precision."""
    return event.date.interval()


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


# ----------------------------------------------------------------- places

def place_distance_km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return distance_km(a.lat, a.lon, b.lat, b.lon)


def place_agreement(a: Place | None, b: Place | None, rules: LinkingRules) -> tuple[bool | None, str]:
    """True = agree, False = contradict, None = cannot tell; with the reason."""
    if a is None or b is None:
        return None, "place unknown on one side"
    if a.country and b.country and a.country != b.country:
        if PlacePrecision.REGION in (a.precision, b.precision):
            return None, f"a region may span both countries ({a.country}, {b.country})"
        return False, f"countries differ ({a.country} vs {b.country})"
    km = place_distance_km(a, b)
    if a.precision in _FINE_PLACES and b.precision in _FINE_PLACES and km is not None:
        if km <= rules.max_km:
            return True, f"places {km:.0f} km apart (<= {rules.max_km:.0f} km)"
        if a.admin1 and a.admin1 == b.admin1:
            return True, f"same admin1 {a.admin1} ({km:.0f} km apart)"
        return False, f"places {km:.0f} km apart (> {rules.max_km:.0f} km) in different admin1"
    if a.admin1 and b.admin1:
        if a.admin1 == b.admin1:
            return True, f"same admin1 {a.admin1}"
        return False, f"admin1 differ ({a.admin1} vs {b.admin1})"
    if a.country and a.country == b.country:
        return True, f"same country {a.country}"
    return None, "place too coarse to compare"


# ----------------------------------------------------------------- actors

def actor_keys(actors: Sequence[Actor]) -> set[str]:
    """Canonical names (case-folded) and countries of resolved actors: what an overlap is
    judged on.  An unresolved phrase ("those", "the group") neither agrees nor disagrees."""
    actors = [a for a in actors if a.country or a.sector]
    keys = {f"name:{a.name.casefold()}" for a in actors if a.name}
    keys |= {f"country:{a.country}" for a in actors if a.country}
    return keys


def overlap(a: Sequence[Actor], b: Sequence[Actor]) -> bool | None:
    """True/False when both sides are known, None when either is empty."""
    ka, kb = actor_keys(a), actor_keys(b)
    if not ka or not kb:
        return None
    return bool(ka & kb)


def _shared(a: Sequence[Actor], b: Sequence[Actor]) -> str:
    return ", ".join(sorted(k.split(":", 1)[1] for k in actor_keys(a) & actor_keys(b)))


# ----------------------------------------------------------------- merging

@dataclass(frozen=True)
class MergeDecision:
    merge: bool
    score: float
    reason: str


def merge_decision(new: Event, old: Event, *, near_duplicate: bool = False,
                   rules: LinkingRules = DEFAULT_RULES) -> MergeDecision:
    """Are `new` (one article's event) and `old` (a stored event) the same happening?"""
    no = MergeDecision(False, 0.0, "")
    if new.plover != old.plover or new.modality != old.modality:
        return MergeDecision(False, 0.0, "PLOVER type or modality differ")
    for name in ("acled_sub_type", "plover_mode"):
        a, b = getattr(new, name), getattr(old, name)
        if a and b and a != b:
            return MergeDecision(False, 0.0, f"{name} differs ({a} vs {b})")
    ia, ib = date_interval(new), date_interval(old)
    if ia is None or ib is None:
        return MergeDecision(False, 0.0, "date unknown")
    tolerance = max(rules.date_tolerance_days.get(new.date.precision.value, 0),
                    rules.date_tolerance_days.get(old.date.precision.value, 0))
    gap = _gap_days(ia, ib)
    if gap > tolerance:
        return no
    signs = [f"same type {new.plover}", f"dates {gap} day(s) apart (tolerance {tolerance})"]
    positive = 0
    place_ok, place_reason = place_agreement(new.place, old.place, rules)
    if place_ok is False:
        return MergeDecision(False, 0.0, place_reason)
    if place_ok:
        positive += 1
    signs.append(place_reason)
    for role in ("actor1", "actor2"):
        agree = overlap(getattr(new, role), getattr(old, role))
        if agree is False and role == "actor1":  # reports describe targets differently; who acted must agree
            return MergeDecision(False, 0.0, f"{role} differ")
        if agree:
            positive += 1
            signs.append(f"{role} overlap ({_shared(getattr(new, role), getattr(old, role))})")
    if near_duplicate:
        positive += 1
        signs.append("articles are near-duplicates")
    if positive == 0:
        return MergeDecision(False, 0.0, "no place, actor or near-duplicate agreement")
    return MergeDecision(True, positive + 1.0 / (1 + gap), "; ".join(signs))


def merge_events(members: Sequence[tuple[Event, str]]) -> Event:
    """One event from its reports, in ingest order: `(article-level event, merge reason)`.

    The first report gives the id and the codes; the date and place come from
    the most precise report; actors, claims, evidence, sources and articles
    are the union of all reports; the best fatality figure is the lowest
    best figure (ACLED's lowest credible count).
    """
    if not members:
        raise ValueError("merge_events needs at least one report")
    events = [event for event, _ in members]
    first = events[0]
    dated = [e for e in events if e.date.date is not None] or [first]
    best_date = min(dated, key=lambda e: _PRECISION_RANK[e.date.precision]).date
    places = [e.place for e in events if e.place is not None]
    place = min(places, key=lambda p: (p.lat is None, _PLACE_RANK[p.precision])) if places else None
    reasons = dict(first.reasons)
    if len(members) > 1:
        reasons["merge"] = " | ".join(f"{e.id}: {why}" for e, why in members[1:])
    else:
        reasons["merge"] = "one report; nothing merged"
    return Event(
        id=first.id, plover=first.plover, cameo=first.cameo, goldstein=first.goldstein,
        date=best_date,
        plover_mode=_first(e.plover_mode for e in events),
        acled_type=_first(e.acled_type for e in events),
        acled_sub_type=_first(e.acled_sub_type for e in events),
        actor1=_union_actors(e.actor1 for e in events),
        actor2=_union_actors(e.actor2 for e in events),
        place=place,
        fatalities=_merge_counts([e.fatalities for e in events]),
        injuries=_merge_counts([e.injuries for e in events]),
        abducted=_merge_counts([e.abducted for e in events]),
        arrested=_merge_counts([e.arrested for e in events]),
        modality=first.modality,
        recalled=all(e.recalled for e in events),
        confidence=max(e.confidence for e in events),
        evidence=_union(ev for e in events for ev in e.evidence),
        sources=_union(s for e in events for s in e.sources),
        articles=_union(a for e in events for a in e.articles),
        mention_ids=_union(m for e in events for m in e.mention_ids),
        reasons=reasons,
    )


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _union(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))


def _union_actors(groups: Iterable[tuple[Actor, ...]]) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for group in groups:
        for actor in group:
            seen.setdefault((actor.name or actor.text).casefold(), actor)
    return tuple(seen.values())


def _merge_counts(counts: Sequence[Count | None]) -> Count | None:
    present = [c for c in counts if c is not None]
    if not present:
        return None
    bests = [c.best for c in present if c.best is not None]
    return Count(best=min(bests) if bests else None,
                 claims=_union(cl for c in present for cl in c.claims))
