"""JSON <-> Event for the store, fast, with a cache of decoded records.

Why not only `model.from_dict`: it calls `typing.get_type_hints` for every
nested record, about 5 ms per event, and the store decodes the same stored
records again and again while merging and linking (profiled: 90% of ingest
time).  This decoder follows the same rules as `model._convert` with the
type hints computed once per class, and keeps the last decoded records by
their JSON text.  `tests/test_store_codec.py` checks it agrees with
`model.from_dict` and `encode` with `model.to_dict`.  (If model.py caches
its hints one day, this can go.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from collections import OrderedDict
from functools import cache
from typing import Any

from eventscope.model import Event

_CACHE_SIZE = 50_000
_cache: OrderedDict[str, Event] = OrderedDict()


def encode(event: Event) -> str:
    text = json.dumps(_plain(event), sort_keys=True, ensure_ascii=False)
    _remember(text, event)
    return text


def decode(text: str) -> Event:
    event = _cache.get(text)
    if event is None:
        event = typing.cast(Event, _convert(Event, json.loads(text)))
        _remember(text, event)
    else:
        _cache.move_to_end(text)
    return event


def _remember(text: str, event: Event) -> None:
    _cache[text] = event
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)


@cache
def _hints(tp: type) -> dict[str, Any]:
    return typing.get_type_hints(tp)


@cache
def _fields(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))


def _plain(record: Any) -> Any:
    """`model.to_dict` with the field names looked up once per class."""
    if isinstance(record, (str, int, float, bool)) or record is None:
        if isinstance(record, enum.Enum):
            return record.value
        return record
    if isinstance(record, (list, tuple)):
        return [_plain(item) for item in record]
    if isinstance(record, dict):
        return {key: _plain(value) for key, value in record.items()}
    if isinstance(record, dt.date):
        return record.isoformat()
    if isinstance(record, enum.Enum):
        return record.value
    return {name: _plain(getattr(record, name)) for name in _fields(type(record))}


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(options[0], value)
    if origin is tuple:
        item_type = typing.get_args(tp)[0]
        return tuple(_convert(item_type, v) for v in value)
    if origin is dict:
        return dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{name: _convert(hints[name], value[name]) for name in _fields(tp) if name in value})
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is float:
        return float(value)
    return value
