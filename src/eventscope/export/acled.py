"""ACLED-style CSV: ACLED's column names, one row per event.

Codes follow ACLED's codebook where our record has the information:
time_precision 1 day / 2 week or range / 3 month or year; geo_precision 1 town
or point / 2 admin2 or region / 3 admin1 or country; inter1/inter2 numeric
actor types from the actor sector (1 state forces, 2 rebel groups, 7
civilians, 8 external forces = state forces acting outside their country).
`region`, `admin2`, `admin3`, `source_scale`, `tags` and `timestamp` are left
empty (not known to the pipeline); `fatalities` is the best (lowest credible)
figure, 0 when none was reported, as ACLED does.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from eventscope.export.countries import country
from eventscope.model import Actor, DatePrecision, Event, PlacePrecision
from eventscope.store.base import EventMeta

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
           "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
           "fatalities", "tags", "timestamp")

_TIME_PRECISION = {DatePrecision.DAY: 1, DatePrecision.WEEK: 2, DatePrecision.RANGE: 2,
                   DatePrecision.MONTH: 3, DatePrecision.YEAR: 3}
_GEO_PRECISION = {PlacePrecision.POINT: 1, PlacePrecision.TOWN: 1, PlacePrecision.ADMIN2: 2,
                  PlacePrecision.REGION: 2, PlacePrecision.ADMIN1: 3, PlacePrecision.COUNTRY: 3}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments"}


def inter_code(actors: tuple[Actor, ...], event_country: str | None) -> int | str:
    if not actors:
        return ""
    actor = actors[0]
    if actor.sector in ("GOV", "MIL", "COP", "JUD", "LEG"):
        return 8 if event_country and actor.country and actor.country != event_country else 1
    return {"REB": 2, "CVL": 7, "REF": 7}.get(actor.sector or "", "")


def row(event: Event, meta: EventMeta | None) -> dict[str, object]:
    place = event.place
    iso3 = place.country if place else None
    info = country(iso3)
    inter1, inter2 = inter_code(event.actor1, iso3), inter_code(event.actor2, iso3)
    date = event.date.date
    return {
        "event_id_cnty": event.id, "event_date": date.isoformat() if date else "",
        "year": date.year if date else "", "time_precision": _TIME_PRECISION[event.date.precision],
        "disorder_type": _DISORDER.get(event.acled_type or "", ""),
        "event_type": event.acled_type or "", "sub_event_type": event.acled_sub_type or "",
        "actor1": event.actor1[0].name if event.actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in event.actor1[1:]),
        "inter1": inter1,
        "actor2": event.actor2[0].name if event.actor2 else "",
        "assoc_actor_2": "; ".join(a.name for a in event.actor2[1:]),
        "inter2": inter2,
        "interaction": "".join(str(c) for c in sorted(c for c in (inter1, inter2) if c != "")),
        "civilian_targeting": "Civilian targeting" if any(a.sector == "CVL" for a in event.actor2) else "",
        "iso": info.isonumeric if info and info.isonumeric else "", "region": "",
        "country": info.name if info else (iso3 or ""), "admin1": (place.admin1 or "") if place else "",
        "admin2": "", "admin3": "", "location": place.name if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": _GEO_PRECISION[place.precision] if place else "",
        "source": "; ".join(event.sources), "source_scale": "",
        "notes": " ".join(ev.text for ev in event.evidence[:3]),
        "fatalities": event.fatalities.best if event.fatalities and event.fatalities.best is not None else 0,
        "tags": "", "timestamp": "",
    }


def write(events: Iterable[tuple[Event, EventMeta | None]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for event, meta in events:
            writer.writerow(row(event, meta))
            n += 1
    return n
