"""Parquet (pyarrow): the flat columns of `query.flat_row` with explicit types, plus
`record`, the full event as JSON, so nothing is lost for a Spark or pandas user."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventscope.model import Event, to_dict
from eventscope.store.base import EventMeta

_FLOAT = {"goldstein", "lat", "lon"}
_INT = {"fatalities", "injuries", "abducted", "arrested", "n_articles", "corroboration"}
_BOOL = {"recalled"}


def schema() -> pa.Schema:
    from eventscope.query import FLAT_COLUMNS

    fields = []
    for name in FLAT_COLUMNS:
        kind = pa.float64() if name in _FLOAT else pa.int64() if name in _INT else \
            pa.bool_() if name in _BOOL else pa.string()
        fields.append(pa.field(name, kind))
    return pa.schema([*fields, pa.field("record", pa.string())])


def write(events: Iterable[tuple[Event, EventMeta | None]], path: Path) -> int:
    from eventscope.query import flat_row

    rows = []
    for event, meta in events:
        row = flat_row(event, meta)
        row["record"] = json.dumps(to_dict(event), ensure_ascii=False, sort_keys=True)
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=schema())
    pq.write_table(table, path)
    return len(rows)
