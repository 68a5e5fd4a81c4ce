"""CAMEO/GDELT-style TSV: GDELT 1.0 event-table column names, with a header row.

Actor codes are country + sector (e.g. USAMIL) as CAMEO builds them;
ActionGeo_CountryCode is FIPS 10-4 as in GDELT; ActionGeo_Type is 1 country,
5 first-level region, 4 a place below it (GDELT's "world" codes; US-specific
codes 2/3 are not used).  GLOBALEVENTID is our event id (a string, not
GDELT's integer); NumArticles counts articles, NumSources independent ones
(near-duplicates once), NumMentions evidence spans; AvgTone is left empty.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from eventscope.export.countries import country
from eventscope.export.plover import quad_code
from eventscope.model import Actor, Event, PlacePrecision
from eventscope.store.base import EventMeta

COLUMNS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
           "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
           "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
           "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
           "NumMentions", "NumSources", "NumArticles", "AvgTone",
           "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
           "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


def _actor(actors: tuple[Actor, ...]) -> tuple[str, str, str, str]:
    if not actors:
        return "", "", "", ""
    a = actors[0]
    return (a.country or "") + (a.sector or ""), a.name.upper(), a.country or "", a.sector or ""


def row(event: Event, meta: EventMeta | None) -> list[object]:
    date = event.date.date
    place = event.place
    info = country(place.country if place else None)
    geo_type: int | str = ""
    if place is not None:
        geo_type = 1 if place.precision in (PlacePrecision.COUNTRY, PlacePrecision.REGION) else \
            5 if place.precision == PlacePrecision.ADMIN1 else 4
    first = meta.first_reported.replace("-", "") if meta and meta.first_reported else ""
    return [
        event.id, date.strftime("%Y%m%d") if date else "", date.strftime("%Y%m") if date else "",
        date.year if date else "",
        f"{date.year + (date.timetuple().tm_yday - 1) / 365:.4f}" if date else "",
        *_actor(event.actor1), *_actor(event.actor2),
        0 if event.recalled else 1, event.cameo, event.cameo[:3], event.cameo[:2],
        quad_code(event.cameo) or "", event.goldstein,
        len(event.evidence), meta.corroboration if meta else "", meta.n_articles if meta else len(event.articles), "",
        geo_type, ", ".join(p for p in ((place.name, place.admin1, info.name if info else place.country)
                                        if place else ()) if p),
        info.fips if info else "", (place.admin1 or "") if place else "",
        place.lat if place and place.lat is not None else "", place.lon if place and place.lon is not None else "",
        place.geonameid if place and place.geonameid else "", first, meta.urls[0] if meta and meta.urls else "",
    ]


def write(events: Iterable[tuple[Event, EventMeta | None]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        for event, meta in events:
            writer.writerow(row(event, meta))
            n += 1
    return n
