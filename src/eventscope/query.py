"""Query the event database: the functions the CLI, the HTTP API and the web page share.

    from eventscope.query import EventFilters, open_store, query_events, get_event

    with open_store(settings.db_path) as store:          # an EventStore (SQLite by default)
        events = query_events(store, EventFilters(country="SYR", type="ASSAULT",
                                                  date_from=date(2021, 6, 1), limit=50))
        event = get_event(store, "seed:9:981")           # Event, or None when no such id
        meta = event_meta(store, [e.id for e in events])  # id -> EventMeta: corroboration,
                                                          # first_reported, relations, claims per article
        counts_by_day(store, filters)                     # [("2021-06-27", 3), ...]
        counts_by_type(store, filters)                    # [("ASSAULT", 12), ...] (PLOVER)
        counts_by_country(store, filters)                 # [("SYR", 9), ...] (ISO3; "" = unknown)
        relations(store, event_id)                        # response/retaliation/escalation links
        event_json(event, meta.get(event.id))             # the JSON shape `events --format json` prints

`EventFilters` (eventscope.store.base) holds every filter: date_from/date_to
(inclusive, on the event date), country (ISO3), admin1, bbox
(min_lon, min_lat, max_lon, max_lat), type (PLOVER type, ACLED event type or
sub-type, or CAMEO code prefix), actor (canonical-name substring or actor
country), modality, text (all words in an evidence sentence, FTS5),
include_recalled, limit/offset.  Results are newest first.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from eventscope.model import Event, to_dict
from eventscope.store.base import EventFilters, EventMeta, EventStore
from eventscope.store.relations import Relation

__all__ = [
    "EventFilters", "counts_by_country", "counts_by_day", "counts_by_type", "event_json", "event_meta",
    "flat_row", "get_event", "open_store", "query_events", "register", "relations",
]


def open_store(path: str | Path) -> EventStore:
    """The default backend (SQLite) at `path`; created and migrated if needed."""
    from eventscope.store.sqlite import SQLiteStore

    return SQLiteStore(path)


def query_events(store: EventStore, filters: EventFilters | None = None) -> list[Event]:
    return store.query(filters or EventFilters())


def get_event(store: EventStore, event_id: str) -> Event | None:
    return store.get_event(event_id)


def event_meta(store: EventStore, event_ids: Sequence[str]) -> dict[str, EventMeta]:
    return store.meta(event_ids)


def relations(store: EventStore, event_id: str | None = None) -> list[Relation]:
    return store.relations(event_id)


def counts_by_day(store: EventStore, filters: EventFilters | None = None) -> list[tuple[str, int]]:
    return store.count(filters or EventFilters(), "day")


def counts_by_type(store: EventStore, filters: EventFilters | None = None) -> list[tuple[str, int]]:
    return store.count(filters or EventFilters(), "type")


def counts_by_country(store: EventStore, filters: EventFilters | None = None) -> list[tuple[str, int]]:
    return store.count(filters or EventFilters(), "country")


def event_json(event: Event, meta: EventMeta | None = None) -> dict[str, Any]:
    """The event record plus what the store knows about it (corroboration, relations)."""
    data = to_dict(event)
    if meta is not None:
        data["n_articles"] = meta.n_articles
        data["corroboration"] = meta.corroboration
        data["first_reported"] = meta.first_reported
        data["relations"] = [r.__dict__ for r in meta.relations]
        data["claims_by_article"] = meta.claims_by_article
    return data


FLAT_COLUMNS = ("id", "date", "date_end", "date_precision", "plover", "plover_mode", "cameo", "goldstein",
                "acled_type", "acled_sub_type", "actor1", "actor1_country", "actor2", "actor2_country",
                "place", "country", "admin1", "lat", "lon", "place_precision", "site", "fatalities", "injuries",
                "abducted", "arrested", "modality", "recalled", "n_articles", "corroboration", "first_reported", "sources")


def flat_row(event: Event, meta: EventMeta | None = None) -> dict[str, Any]:
    """One flat row per event (CSV, Parquet, GeoJSON properties)."""
    place = event.place
    return {
        "id": event.id,
        "date": _iso(event.date.date), "date_end": _iso(event.date.date_end),
        "date_precision": event.date.precision.value,
        "plover": event.plover, "plover_mode": event.plover_mode, "cameo": event.cameo,
        "goldstein": event.goldstein, "acled_type": event.acled_type, "acled_sub_type": event.acled_sub_type,
        "actor1": "; ".join(a.name for a in event.actor1),
        "actor1_country": "; ".join(dict.fromkeys(a.country for a in event.actor1 if a.country)),
        "actor2": "; ".join(a.name for a in event.actor2),
        "actor2_country": "; ".join(dict.fromkeys(a.country for a in event.actor2 if a.country)),
        "place": place.name if place else None, "country": place.country if place else None,
        "admin1": place.admin1 if place else None, "lat": place.lat if place else None,
        "lon": place.lon if place else None, "place_precision": place.precision.value if place else None,
        "site": place.site.text if place and place.site else None,
        "fatalities": event.fatalities.best if event.fatalities else None,
        "injuries": event.injuries.best if event.injuries else None,
        "abducted": event.abducted.best if event.abducted else None,
        "arrested": event.arrested.best if event.arrested else None,
        "modality": event.modality.value, "recalled": event.recalled,
        "n_articles": meta.n_articles if meta else len(event.articles),
        "corroboration": meta.corroboration if meta else None,
        "first_reported": meta.first_reported if meta else None,
        "sources": "; ".join(event.sources),
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------- the `events` command

def filters_from_args(args: argparse.Namespace) -> EventFilters:
    return EventFilters(
        date_from=args.date_from, date_to=args.date_to, country=args.country, admin1=args.admin1,
        bbox=args.bbox, type=args.type, actor=args.actor, modality=args.modality, text=args.text,
        include_recalled=not args.no_recalled, limit=args.limit,
    )


def run_events(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    err = sys.stderr if err is None else err
    from eventscope.config import load_settings

    settings = load_settings(Path(args.config) if args.config else None, db_path=args.db)
    with open_store(settings.db_path) as store:
        events = query_events(store, filters_from_args(args))
        metas = event_meta(store, [e.id for e in events])
    if args.format == "json":
        json.dump([event_json(e, metas.get(e.id)) for e in events], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            writer.writerow(flat_row(event, metas.get(event.id)))
    else:
        write_table(events, metas, out)
    return 0


_TABLE = (("date", 10), ("type", 16), ("acled", 24), ("actor1", 22), ("actor2", 22), ("place", 22),
          ("killed", 6), ("arts", 4), ("id", 30))


def write_table(events: Sequence[Event], metas: dict[str, EventMeta], out: TextIO) -> None:
    out.write("  ".join(name.upper().ljust(width) for name, width in _TABLE).rstrip() + "\n")
    for event in events:
        row = flat_row(event, metas.get(event.id))
        cells = {
            "date": row["date"] or "?", "type": event.plover + (f"/{event.plover_mode}" if event.plover_mode else ""),
            "acled": row["acled_sub_type"] or "-", "actor1": row["actor1"] or "-", "actor2": row["actor2"] or "-",
            "place": (row["place"] or "-") + (f" ({row['country']})" if row["country"] else ""),
            "killed": "-" if row["fatalities"] is None else str(row["fatalities"]),
            "arts": str(row["n_articles"]), "id": event.id,
        }
        out.write("  ".join(_fit(cells[name], width) for name, width in _TABLE).rstrip() + "\n")
    out.write(f"{len(events)} event(s)\n")


def _fit(text: str, width: int) -> str:
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    try:
        parts = [float(p) for p in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or not (parts[0] <= parts[2] and parts[1] <= parts[3]):
        raise argparse.ArgumentTypeError(f"--bbox wants minlon,minlat,maxlon,maxlat, got {value!r}")
    return parts[0], parts[1], parts[2], parts[3]


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter flags `events` and `export` share."""
    parser.add_argument("--db", help="event database file (default: setting db_path)")
    parser.add_argument("--from", dest="date_from", type=parse_date, help="first event date (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=parse_date, help="last event date (YYYY-MM-DD)")
    parser.add_argument("--country", help="ISO3 country code of the event place")
    parser.add_argument("--admin1", help="first-level region of the event place")
    parser.add_argument("--bbox", type=parse_bbox, help="minlon,minlat,maxlon,maxlat")
    parser.add_argument("--type", help="PLOVER type, ACLED event type or sub-type, or CAMEO code prefix")
    parser.add_argument("--actor", help="actor name (substring) or actor country (ISO3)")
    parser.add_argument("--modality", choices=("occurred", "threatened", "denied", "hypothetical", "negated",
                                               "future"))
    parser.add_argument("--text", help="words that must occur in an evidence sentence (full-text search)")
    parser.add_argument("--no-recalled", action="store_true", help="leave out past events an article recalls")
    parser.add_argument("--config", help="TOML config file (default: ./eventscope.toml if present)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eventscope events` to the CLI."""
    parser = subparsers.add_parser(
        "events", help="list events from the event database, filtered",
        description="List stored events, newest first, filtered by date, place, type, actor, modality or text.")
    add_filter_arguments(parser)
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--limit", type=int, default=100, help="most events to print (default 100)")
    parser.set_defaults(handler=run_events)
