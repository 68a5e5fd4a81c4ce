"""Reading the date notations of the datasets into `GoldDate` intervals.

ACLED exports write one date several ways depending on the tool that saved the
CSV ("27 June 2021", "2021-06-27", "27/06/2021", "06/27/2021"); MUC-4 keys write
"16 NOV 89", ranges "11 NOV 89 - 12 NOV 89" and "on or before" as "- 02 NOV 89".
Each reader raises ValueError; the loaders turn that into a DatasetError that
names the file and line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from eventscope.evaluate.records import GoldDate

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

# How far back "on or before X" (MUC-4 "- X") reaches: MUC-4 reports cover recent incidents, so a
# month is generous without accepting any date at all.
BEFORE_WINDOW_DAYS = 31


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:  # two-digit years: MUC-4 covers 1988-1990; "00" etc. are 2000s
        year += 1900 if year >= 50 else 2000
    return year


def _month(text: str) -> int:
    month = _MONTHS.get(text.casefold().rstrip("."))
    if month is None:
        raise ValueError(f"unknown month {text!r}")
    return month


def parse_day(text: str) -> dt.date:
    """One calendar day in any of the notations the datasets use."""
    value = text.strip()
    if not value:
        raise ValueError("empty date")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", value):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]+\.?)[ ,-]+(\d{2}|\d{4})", value):
        return dt.date(_year(m[3]), _month(m[2]), int(m[1]))
    if m := re.fullmatch(r"([A-Za-z]+\.?) (\d{1,2}),? (\d{4})", value):
        return dt.date(int(m[3]), _month(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", value):
        first, second, year = int(m[1]), int(m[2]), _year(m[3])
        # ACLED's own tools write day first; a second number above 12 can only be a day (US order).
        if second > 12 >= first:
            return dt.date(year, first, second)
        return dt.date(year, second, first)
    raise ValueError(f"unreadable date {text!r}")


def parse_iso_interval(text: str) -> GoldDate:
    """"2021-06-27" (day), "2021-06" (month), "2021" (year), or "2021-06-01/2021-06-30" (range)."""
    value = text.strip()
    if "/" in value and re.fullmatch(r"[\d-]+/[\d-]+", value):
        start_text, end_text = value.split("/", 1)
        return GoldDate(parse_iso_interval(start_text).start, parse_iso_interval(end_text).end,
                        "range", value)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
        year, month = int(m[1]), int(m[2])
        last = calendar.monthrange(year, month)[1]
        return GoldDate(dt.date(year, month, 1), dt.date(year, month, last), "month", value)
    if re.fullmatch(r"\d{4}", value):
        year = int(value)
        return GoldDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", value)
    day = parse_day(value)
    return GoldDate(day, day, "day", value)


def widen(date: GoldDate, precision: str) -> GoldDate:
    """Stretch a day to the week/month/year it stands for (a gold file's `date_precision`)."""
    start = date.start
    if precision == "month":
        last = calendar.monthrange(start.year, start.month)[1]
        return GoldDate(start.replace(day=1), start.replace(day=last), "month", date.text)
    if precision == "year":
        return GoldDate(dt.date(start.year, 1, 1), dt.date(start.year, 12, 31), "year", date.text)
    if precision == "week":
        monday = start - dt.timedelta(days=start.weekday())
        return GoldDate(monday, monday + dt.timedelta(days=6), "week", date.text)
    return date


def parse_muc_date(text: str) -> GoldDate | None:
    """A MUC-4 INCIDENT: DATE fill; None for "-" (no date given)."""
    value = text.strip().lstrip("?").strip()
    if value in ("", "-"):
        return None
    if value.startswith("-"):
        end = parse_day(value[1:].strip())
        return GoldDate(end - dt.timedelta(days=BEFORE_WINDOW_DAYS), end, "range", text.strip())
    if " - " in value:
        start_text, end_text = value.split(" - ", 1)
        return GoldDate(parse_day(start_text), parse_day(end_text), "range", text.strip())
    day = parse_day(value)
    return GoldDate(day, day, "day", text.strip())
