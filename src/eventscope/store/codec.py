"""JSON <-> Event for the store, with a cache of decoded records.

The store decodes the same stored records again and again while merging and
linking; `model.from_dict` builds each record anew, so the last decoded
records are kept by their JSON text.  The conversion itself is
`model.to_dict` / `model.from_dict`.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from eventscope.model import Event, from_dict, to_dict

_CACHE_SIZE = 50_000
_cache: OrderedDict[str, Event] = OrderedDict()


def encode(event: Event) -> str:
    text = json.dumps(to_dict(event), sort_keys=True, ensure_ascii=False)
    _remember(text, event)
    return text


def decode(text: str) -> Event:
    event = _cache.get(text)
    if event is None:
        event = from_dict(Event, json.loads(text))
        _remember(text, event)
    else:
        _cache.move_to_end(text)
    return event


def _remember(text: str, event: Event) -> None:
    _cache[text] = event
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
