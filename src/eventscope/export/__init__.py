"""Exports of the event database to the formats users already work with.

    acled    ACLED-style CSV (ACLED's column names)
    plover   PLOVER/POLECAT-style JSON lines
    cameo    CAMEO/GDELT-style TSV (GDELT 1.0 column names)
    geojson  GeoJSON FeatureCollection
    parquet  Parquet (pyarrow)

Each writer is `write(pairs, path) -> count` over `(Event, EventMeta)` pairs;
`export_events` selects the events with the same filters as `eventscope events`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from eventscope.errors import StoreError
from eventscope.export import acled, cameo, geojson, parquet, plover
from eventscope.model import Event
from eventscope.store.base import EventFilters, EventMeta, EventStore

WRITERS: dict[str, Callable[[Iterable[tuple[Event, EventMeta | None]], Path], int]] = {
    "acled": acled.write, "plover": plover.write, "cameo": cameo.write,
    "geojson": geojson.write, "parquet": parquet.write,
}
_BATCH = 500


def _pairs(store: EventStore, events: list[Event]) -> Iterator[tuple[Event, EventMeta | None]]:
    for start in range(0, len(events), _BATCH):
        chunk = events[start:start + _BATCH]
        metas = store.meta([e.id for e in chunk])
        for event in chunk:
            yield event, metas.get(event.id)


def export_events(store: EventStore, fmt: str, path: Path, filters: EventFilters | None = None) -> int:
    """Write the events matching `filters` (all by default) to `path`; return how many."""
    if fmt not in WRITERS:
        raise StoreError(f"export format {fmt!r}: use one of {', '.join(WRITERS)}")
    from dataclasses import replace

    events = store.query(replace(filters or EventFilters(), limit=None))
    return WRITERS[fmt](_pairs(store, events), path)


def run_export(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out  # looked up per call, so callers and tests can redirect
    err = sys.stderr if err is None else err
    from eventscope.config import load_settings
    from eventscope.query import filters_from_args, open_store

    settings = load_settings(Path(args.config) if args.config else None, db_path=args.db)
    with open_store(settings.db_path) as store:
        n = export_events(store, args.format, Path(args.output), filters_from_args(args))
    err.write(f"exported {n} event(s) to {args.output} ({args.format})\n")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eventscope export` to the CLI."""
    from eventscope.query import add_filter_arguments

    parser = subparsers.add_parser(
        "export", help="export events to ACLED CSV, PLOVER JSON, CAMEO/GDELT TSV, GeoJSON or Parquet",
        description="Write stored events (all, or those matching the filters) in another tool's format.")
    parser.add_argument("--format", required=True, choices=tuple(WRITERS))
    parser.add_argument("-o", "--output", required=True, help="file to write")
    add_filter_arguments(parser)
    parser.set_defaults(handler=run_export, limit=None)
