"""JSON Lines (one article per line) and JSON (one article, or a list of them).

A record has `text` or `html`, and may have `id`, `url`, `title`, `published`.
`doc_id` is read as `id` and `date` as `published`, so WikiEvents-style files and
simple scraper output load as they are.  A bad line is a `Rejected` naming
`file:line`; the lines around it still come through.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from eventscope.errors import InputError
from eventscope.ingest.dates import parse_date
from eventscope.ingest.html import article_from_html
from eventscope.ingest.records import Rejected
from eventscope.ingest.text import article_from_text
from eventscope.model import Article

_ALIASES = {"doc_id": "id", "date": "published"}


def _field(record: dict[str, Any], name: str, source: str) -> str | None:
    value = record.get(name)
    if value is None:
        for alias, canonical in _ALIASES.items():
            if canonical == name and record.get(alias) is not None:
                value = record[alias]
                name = alias
                break
    if value is None:
        return None
    if isinstance(value, (int, float)) and name in ("id", "doc_id") and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(source, f"field {name!r} must be a string, not {type(value).__name__}")
    return value


def article_from_record(
    record: object, source: str, *, published: dt.date | None = None
) -> Article:
    """One JSON object -> Article.  `published` (the caller's override) wins over the record's."""
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    text = _field(record, "text", source)
    html = _field(record, "html", source)
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputError(source, "record has no 'text' or 'html'")
    stated = _field(record, "published", source)
    record_date = parse_date(stated, source, "published") if stated else None
    common: dict[str, Any] = {
        "url": _field(record, "url", source) or None,
        "title": _field(record, "title", source),
        "published": published or record_date,
        "article_id": _field(record, "id", source) or None,
    }
    if text and text.strip():
        return article_from_text(text, source, **common)
    return article_from_html(html or "", source, **common)


def read_jsonl_lines(
    lines: Iterable[bytes], source: str, *, published: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """Each non-blank line as an Article, or a Rejected naming `source:line`; lazily.

    Lines are decoded one by one, so a feed or a pipe is read as it arrives and one
    undecodable line costs that line only.
    """
    seen = False
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        seen = True
        where = f"{source}:{number}"
        try:
            yield article_from_record(_load_line(raw, where), where, published=published)
        except InputError as exc:
            yield Rejected.from_error(exc)
    if not seen:
        yield Rejected(source, "empty input" if source == "stdin" else "empty file")


def _load_line(raw: bytes, where: str) -> object:
    if b"\x00" in raw:
        raise InputError(where, "binary data (NUL bytes), not JSON")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid utf-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None


def read_jsonl_text(
    content: str, source: str, *, published: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """JSON Lines already in memory (see `read_jsonl_lines`)."""
    lines = (line.encode("utf-8", "surrogatepass") for line in content.splitlines())
    return read_jsonl_lines(lines, source, published=published)


def read_json_text(
    content: str, source: str, *, published: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """A JSON document: one article object, or a list of them (named `source[i]`)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield Rejected(source, f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = f"{source}[{index}]" if isinstance(data, list) else source
        try:
            yield article_from_record(record, where, published=published)
        except InputError as exc:
            yield Rejected.from_error(exc)
