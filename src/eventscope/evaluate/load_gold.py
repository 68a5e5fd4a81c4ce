"""Loader for eventscope's own gold format (DESIGN.md, "Gold files and scoring").

PATH is one file or a folder of `*.json`/`*.jsonl` files.  A file holds one
document object, a list of them, `{"documents": [...]}`, or one object per line.
A document's text is `text`, or the file `document` names, read relative to the
gold file's folder, its parent (a bench file's `corpus/…`), then `../shared/`.
In `must_not`, an entry's `text` is a cue: only a prediction of that type whose
evidence contains the words violates it (dates and countries still apply when given).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventscope.errors import DatasetError
from eventscope.evaluate.dates import parse_iso_interval, widen
from eventscope.evaluate.records import Dataset, GoldActor, GoldDocument, GoldEvent, GoldPlace
from eventscope.evaluate.tables import normalise_country


def _records(path: Path) -> list[tuple[str, dict]]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(str(path), f"not UTF-8 text ({exc.reason})") from None
    try:
        data: Any = json.loads(raw)
        if isinstance(data, dict):
            data = data.get("documents", [data])
        if not isinstance(data, list):
            raise DatasetError(str(path), "expected a document object or a list of them")
        return [(f"{path}: document {i + 1}", d) for i, d in enumerate(data)]
    except json.JSONDecodeError as whole_error:
        out = []
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append((f"{path}:{number}", json.loads(line)))
            except json.JSONDecodeError:
                raise DatasetError(str(path), f"line {whole_error.lineno}: not valid JSON ({whole_error.msg})") from None
        return out


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v.get("name") or v.get("text")) if isinstance(v, dict) else str(v) for v in value]


def _count(value: Any, where: str, key: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return (value, value)
    if isinstance(value, dict) and ("min" in value or "max" in value):
        low = value.get("min", value.get("max"))
        high = value.get("max", low)
        if isinstance(low, int) and isinstance(high, int):
            return (low, high)
    raise DatasetError(where, f"{key}: expected a number or {{\"min\": n, \"max\": m}}")


def _event(data: Any, where: str, index: int, doc_id: str) -> GoldEvent:
    if not isinstance(data, dict):
        raise DatasetError(where, f"event {index + 1} is not an object")
    label = str(data.get("plover") or data.get("type") or "").strip().upper()
    if not label:
        raise DatasetError(where, f"event {index + 1}: no plover type")
    date = None
    if data.get("date"):
        try:
            date = parse_iso_interval(str(data["date"]))
        except ValueError as exc:
            raise DatasetError(where, f"event {index + 1}: date: {exc}") from None
        if data.get("date_precision"):
            date = widen(date, str(data["date_precision"]))
    countries = tuple(normalise_country(c) or str(c).upper() for c in _names(data.get("countries")))
    place_data: dict[str, Any] = data["place"] if isinstance(data.get("place"), dict) else {}
    place_name = place_data.get("name") or (data.get("place") if isinstance(data.get("place"), str) else None)
    place = GoldPlace(names=(place_name,) if place_name else (), admin1=place_data.get("admin1") or data.get("admin1"),
                      country=countries[0] if countries else None,
                      lat=place_data.get("lat", data.get("lat")), lon=place_data.get("lon", data.get("lon")))

    def actors(key: str) -> tuple[GoldActor, ...]:
        country = normalise_country(data.get(f"{key}_country")) or data.get(f"{key}_country")
        sector = data.get(f"{key}_sector")
        sectors = frozenset({str(sector)}) if sector else frozenset()
        names = _names(data.get(key)) or ([""] if country or sectors else [])
        return tuple(GoldActor(n, country, sectors) for n in names)

    return GoldEvent(
        f"{doc_id}#{index + 1}", label, frozenset({label}), date=date,
        date_tolerance_days=int(data.get("date_tolerance_days") or 0), countries=countries, place=place,
        actor1=actors("actor1"), actor2=actors("actor2"),
        fatalities=_count(data.get("fatalities"), where, "fatalities"),
        acled_sub_type=data.get("acled_sub_type"), core=bool(data.get("core")), recalled=bool(data.get("recalled")),
        text_cue=str(data.get("text") or ""),
    )


def _text(record: dict, path: Path, where: str) -> str:
    if isinstance(record.get("text"), str) and record["text"].strip():
        return record["text"]
    document = record.get("document")
    if not document:
        raise DatasetError(where, "document has neither text nor a document path")
    for base in (path.parent, path.parent.parent, Path.cwd().parent / "shared"):
        candidate = base / str(document)
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise DatasetError(where, f"document {document!r} not found beside the gold file or in ../shared")


def load_gold(path: Path) -> Dataset:
    if path.is_dir():
        # a folder of NAME.gold.json files beside other JSON (tests/golden keeps output snapshots there)
        # is read through its gold files only
        files = sorted(path.glob("*.gold.json")) or sorted([*path.glob("*.json"), *path.glob("*.jsonl")])
    else:
        files = [path]
    if not files:
        raise DatasetError(str(path), "no *.json or *.jsonl gold files")
    docs: list[GoldDocument] = []
    for file in files:
        for where, record in _records(file):
            if not isinstance(record, dict):
                raise DatasetError(where, "document is not a JSON object")
            document = str(record.get("document") or "")
            doc_id = str(record.get("id") or Path(document).stem or where)
            published = None
            if record.get("published"):
                try:
                    published = parse_iso_interval(str(record["published"])[:10]).start
                except ValueError as exc:
                    raise DatasetError(where, f"published: {exc}") from None
            events = record.get("events") or []
            must_not = record.get("must_not") or []
            if not isinstance(events, list) or not isinstance(must_not, list):
                raise DatasetError(where, "events and must_not must be lists")
            aliases = tuple(a for a in {document, Path(document).name, Path(document).stem} if a)
            docs.append(GoldDocument(
                doc_id, _text(record, file, where),
                tuple(_event(e, where, i, doc_id) for i, e in enumerate(events)),
                published=published, title=str(record.get("title") or ""),
                must_not=tuple(_event(e, where, i, doc_id + "!") for i, e in enumerate(must_not)),
                aliases=aliases, source=where,
            ))
    return Dataset("gold", str(path), "events", tuple(docs), scope=frozenset(), labels_note="PLOVER types as written")
