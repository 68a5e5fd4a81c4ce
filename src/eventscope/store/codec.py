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
from collections.abc import Callable
from functools import cache
from typing import Any

from eventscope.model import Event

_CACHE_SIZE = 50_000
_cache: OrderedDict[str, Event] = OrderedDict()


def encode(event: Event) -> str:
    text = json.dumps(_encoder(Event)(event), sort_keys=True, ensure_ascii=False)
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
def _fields(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))


def _plain(record: Any) -> Any:
    """`model.to_dict` with the field names looked up once per class."""
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, (str, int, float, bool)) or record is None:
        return record
    if isinstance(record, (list, tuple)):
        return [_plain(item) for item in record]
    if isinstance(record, dict):
        return {key: _plain(value) for key, value in record.items()}
    if isinstance(record, dt.date):
        return record.isoformat()
    cls: Any = type(record)
    return {name: _plain(getattr(record, name)) for name in _fields(cls)}


Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


@cache
def _encoder(tp: Any) -> Converter:
    """A function turning a `tp` value into JSON data, built once per type (what `_plain` does, faster)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _encoder(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        item = _encoder(typing.get_args(tp)[0])
        return lambda v: [item(x) for x in v]
    if origin is dict:
        return _plain
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        plan = [(name, _encoder(hints[name])) for name in _fields(tp)]
        return lambda v: {name: enc(getattr(v, name)) for name, enc in plan}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda v: v.value
    if tp is dt.date:
        return lambda v: v.isoformat()
    if tp in (str, int, float, bool):
        return _identity
    return _plain


def _convert(tp: Any, value: Any) -> Any:
    return _converter(tp)(value)


@cache
def _converter(tp: Any) -> Converter:
    """A function turning JSON data into `tp`, built once per type (the rules of `model._convert`)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        item = _converter(typing.get_args(tp)[0])
        return lambda v: None if v is None else tuple(item(x) for x in v)
    if origin is dict:
        return lambda v: None if v is None else dict(v)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        plan = [(name, _converter(hints[name])) for name in _fields(tp)]

        def build(v: Any) -> Any:
            if v is None:
                return None
            return tp(**{name: conv(v[name]) for name, conv in plan if name in v})

        return build
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda v: None if v is None else tp(v)
    if tp is dt.date:
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if tp is float:
        return lambda v: None if v is None else float(v)
    return lambda v: v
