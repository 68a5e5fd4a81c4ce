"""Publication dates as news pages and wire copy print them.

Two jobs: `find_dates` spots full calendar dates inside a header line ("Updated
29 June 2021", "SAN SALVADOR, 10 JAN 90 --", "June 29, 2021 14:02 GMT"), and
`parse_date` reads one date given by a caller (`--published`, a JSONL field)
strictly, raising `DateParseError` when it cannot.

Why not dateparser here: it happily reads "Monday" or "now" as a date, which is
right for event dates (the `when` stage) and wrong for deciding whether a header
line *is* a date line.  Only dates with a day, a month and a year count.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

from eventscope.errors import DateParseError
from eventscope.ingest.lexicon import date_labels

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"

_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"
                  r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_DMY = re.compile(rf"(?<!\w)(?P<d>{_DAY})[ -](?:of )?(?P<mon>{_MONTH}),?[ -](?P<y>\d{{4}}|\d{{2}})(?![\w:])",
                  re.IGNORECASE)
_MDY = re.compile(rf"(?<!\w)(?P<mon>{_MONTH}) (?P<d>{_DAY}),? (?P<y>\d{{4}})(?!\w)", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/.])")

# What may surround a date on a date line and still leave it a date line.
_FILLER = re.compile(
    r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?"
    r"|\b(?:at|on|gmt|utc|bst|cet|cest|est|edt|pst|pdt|ast|ist|eet|eest|msk|local time|am|pm)\b"
    r"|[+-]\d{2}:?\d{2}\b|[|·•,:;()\[\]/\-–—]+"
)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    start: int
    end: int


def _year(text: str) -> int:
    # Two-digit years as POSIX strptime reads them: 69-99 -> 1900s, 00-68 -> 2000s ("10 JAN 90").
    value = int(text)
    if len(text) == 2:
        value += 1900 if value >= 69 else 2000
    return value


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def find_dates(text: str) -> list[FoundDate]:
    """Every full calendar date in `text`, in order.  Impossible dates (31 June) are skipped."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], date: dt.date | None) -> None:
        if date is None or any(s < match.end() and match.start() < e for s, e in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(FoundDate(date, match.start(), match.end()))

    for m in _ISO.finditer(text):
        add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])))
    for m in _DMY.finditer(text):
        add(m, _make(_year(m["y"]), _MONTHS[m["mon"].rstrip(".").lower()], _day(m["d"])))
    for m in _MDY.finditer(text):
        add(m, _make(int(m["y"]), _MONTHS[m["mon"].rstrip(".").lower()], _day(m["d"])))
    for m in _NUMERIC.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        # Day-first or month-first is only known when one part cannot be a month.
        if a > 12 >= b:
            add(m, _make(int(m["y"]), b, a))
        elif b > 12 >= a or a == b:
            add(m, _make(int(m["y"]), a, b))
    return sorted(found, key=lambda f: f.start)


@dataclass(frozen=True)
class DateLine:
    """The dates a header line states, by kind ("published" or "updated")."""

    published: tuple[dt.date, ...]
    updated: tuple[dt.date, ...]


def read_date_line(line: str, *, strict: bool = True) -> DateLine | None:
    """The dates of a line that is only dates (with labels, times, weekdays), or None.

    With `strict=False` other words may stay around the dates (a byline with a date);
    the caller decides whether such a line is header material.
    """
    if len(line) > 160:
        return None
    dates = find_dates(line)
    if not dates:
        return None
    published: list[dt.date] = []
    updated: list[dt.date] = []
    residue: list[str] = []
    cursor = 0
    kind = "published"
    for found in dates:
        before = line[cursor:found.start]
        kind = _label_kind(before, kind)
        residue.append(_strip_labels(before))
        (updated if kind == "updated" else published).append(found.date)
        cursor = found.end
    residue.append(_strip_labels(line[cursor:]))
    leftover = _FILLER.sub(" ", " ".join(residue)).strip()
    if strict and leftover:
        return None
    return DateLine(tuple(published), tuple(updated))


def _label_kind(text: str, default: str) -> str:
    """The kind of the last date label in `text` ("Published 28 June | Updated ...")."""
    best, best_pos = default, -1
    for kind, pattern in date_labels():
        for m in pattern.finditer(text):
            if m.start() > best_pos:
                best, best_pos = kind, m.start()
    return best


def _strip_labels(text: str) -> str:
    for _kind, pattern in date_labels():
        text = pattern.sub(" ", text)
    return text


def parse_date(value: str, source: str, field: str | None = None) -> dt.date:
    """Read one date given by a caller; `source` (and `field`) name where it came from in the error.

    Accepts ISO 8601 dates and datetimes, RFC 2822 ("Tue, 29 Jun 2021 10:00:00 GMT")
    and the written forms `find_dates` knows ("29 June 2021", "June 29, 2021").
    """
    text = " ".join(str(value).split())
    where = f"field {field!r}: " if field else ""
    if not text:
        raise DateParseError(source, f"{where}empty date")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}(?:[T ].*)?", text):
        date = _iso(text)
        if date is None:
            raise DateParseError(source, f"{where}not a real date: {text!r} (expected YYYY-MM-DD)")
        return date
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    line = read_date_line(text)
    if line is not None and len(set(line.published + line.updated)) == 1:
        return (line.published + line.updated)[0]
    raise DateParseError(source, f"{where}cannot read date {text!r} (expected YYYY-MM-DD)")


def _iso(text: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    head = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if head is None or len(text) != head.end():
        return None
    return _make(int(head[1]), int(head[2]), int(head[3]))
