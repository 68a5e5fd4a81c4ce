"""Time phrases: find them in text and resolve them against a reference date.

The when stage decides which phrase belongs to which event; this module only
knows phrases.  Every phrase is one of four kinds, by what it needs:

    absolute   "16 NOV 89", "2021-06-27", "January 2020"    nothing
    relative   "Monday", "last year", "in February"          the reference (publication) date
    anaphoric  "earlier that month", "two days later",       an earlier time in the text
               "since then"
    offset     "one day after", "two weeks before"           the time of the other clause

The common forms are handled here so that the precision is right ("in
February" is a month, not February 29th); dateparser, with RELATIVE_BASE and
PREFER_DATES_FROM=past, is only a fallback for forms these patterns miss.
Past tense never resolves to a date after the reference: the tense decides
which way an ambiguous phrase ("Monday", "in February") points.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from eventscope.model import DatePrecision, Span, TimeRef
from eventscope.stages.when_patterns import (
    FLAGS,
    MONTH_OF_THAT_YEAR_RE,
    MONTH_RE,
    MONTHS,
    NEIGHBOUR_RE,
    OFFSET_RE,
    OVER_WEEKEND_RE,
    PATTERNS,
    SINCE_RE,
    SINCE_THEN_RE,
    THAT_RE,
    align,
    amount_of,
    shift,
    unit_resolver,
)

P = DatePrecision
FUTURE_WORDS = ("next", "coming", "tomorrow", "later this")


@dataclass(frozen=True)
class TimeExpression:
    """A time phrase found in a text: offsets into that text and how to resolve it."""

    start: int
    end: int
    text: str
    kind: str  # absolute | relative | vague ("recently": used when nothing else dates it) | anaphoric | offset
    since: bool = False  # "since April": a range from the phrase to the reference
    amount: int = 0  # offset and anaphoric shifts: "two days later" -> 2
    unit: str = "day"
    direction: str = ""  # after | before | later | earlier | same
    day: int = 0  # "Dec. 20 of that year": the day of the month, with unit "month of year"
    resolver: Callable[[dt.date | None, bool], TimeRef | None] | None = field(default=None, compare=False)


# An offset that is a length of time ("for several hours before ...") or that ties two deeds of one
# clause together ("... before withdrawing") dates nothing.
DURATION_BEFORE_RE = re.compile(r"\bfor\s+$", re.IGNORECASE)
GERUND_AFTER_RE = re.compile(r"\s+\w+ing\b", re.IGNORECASE)


def find_expressions(text: str) -> list[TimeExpression]:
    """Every time phrase in `text`, left to right, longest first where they overlap."""
    found: list[TimeExpression] = []
    for kind, pattern, handler in PATTERNS:
        for m in pattern.finditer(text):
            resolver = handler(m)
            if resolver is not None:
                start = m.start()
                since = SINCE_RE.search(text[max(0, start - 16):start])
                if since:
                    start -= len(since[0])
                found.append(TimeExpression(start, m.end(), text[start:m.end()], kind, since=since is not None,
                                            resolver=resolver))
    for m in OVER_WEEKEND_RE.finditer(text):
        found.append(TimeExpression(m.start(), m.end(), m[0], "relative",
                                    resolver=unit_resolver("", "last", "weekend", m[0])))
    for m in OFFSET_RE.finditer(text):
        amount_text, unit, direction = m[1].lower(), (m[2] or "").lower(), m[3].lower()
        if not unit and amount_text not in ("hours", "minutes", "moments", "days"):
            continue
        if DURATION_BEFORE_RE.search(text[max(0, m.start() - 5):m.start()]) or GERUND_AFTER_RE.match(text, m.end()):
            continue  # "fought for several hours before withdrawing": how long, not when
        amount = 0 if amount_text in ("hours", "minutes", "moments") else amount_of(amount_text)
        if amount_text == "days":
            amount, unit = 2, "day"
        if amount is None:
            continue
        kind = "offset" if direction in ("after", "before") else "anaphoric"
        direction = {"previously": "earlier", "prior": "earlier"}.get(direction, direction)
        found.append(TimeExpression(m.start(), m.end(), m[0], kind, amount=amount, unit=unit or "day",
                                    direction=direction))
    for m in NEIGHBOUR_RE.finditer(text):
        direction = "earlier" if m[1].lower() in ("previous", "preceding") else "later"
        # "the following afternoon": a part of the next day
        unit = "day" if m[2].lower() in ("morning", "afternoon", "evening") else m[2].lower()
        found.append(TimeExpression(m.start(), m.end(), m[0], "anaphoric", amount=1, unit=unit,
                                    direction=direction))
    for m in THAT_RE.finditer(text):
        unit = m[2].lower() if m[2].lower() in ("week", "month", "year") else "day"
        found.append(TimeExpression(m.start(), m.end(), m[0], "anaphoric", unit=unit, direction="same"))
    for m in MONTH_OF_THAT_YEAR_RE.finditer(text):
        day = int(m[1] or m[3] or 0)
        found.append(TimeExpression(m.start(), m.end(), m[0], "anaphoric", amount=MONTHS[m[2].lower().rstrip(".")],
                                    unit="month of year", direction="same", day=day if day <= 31 else 0))
    for m in SINCE_THEN_RE.finditer(text):
        # "More than 600 Palestinians have been killed since then": from the time told before to now, whatever
        # its precision ("was taken to the United States in July ... Since then"); "since that day" a day's
        day = re.search(r"\b(?:day|date)\b", m[0], re.IGNORECASE) is not None
        found.append(TimeExpression(m.start(), m.end(), m[0], "anaphoric", unit="day" if day else "time",
                                    direction="same", since=True))
    return _non_overlapping(found)


def _non_overlapping(found: list[TimeExpression]) -> list[TimeExpression]:
    chosen: list[TimeExpression] = []
    for expr in sorted(found, key=lambda e: (-(e.end - e.start), e.start)):
        if all(expr.end <= c.start or expr.start >= c.end for c in chosen):
            chosen.append(expr)
    return sorted(chosen, key=lambda e: e.start)


def is_future_phrase(expr: TimeExpression) -> bool:
    return expr.text.lower().startswith(FUTURE_WORDS) or "tomorrow" in expr.text.lower()


def resolve(expr: TimeExpression, reference: dt.date | None, *, past: bool = True,
            anchor: TimeRef | None = None, sign: int = 0, base: int = 0) -> TimeRef | None:
    """Resolve one found phrase; `anchor` serves anaphoric and offset phrases, `sign` the offset's side.

    None when the phrase cannot be placed (no reference, no anchor, or a date
    outside the calendar, e.g. "next year" in 9999)."""
    try:
        return _resolve(expr, reference, past, anchor, sign, base)
    except (ValueError, OverflowError):
        return None


def _resolve(expr: TimeExpression, reference: dt.date | None, past: bool,
             anchor: TimeRef | None, sign: int, base: int) -> TimeRef | None:
    past = past and not is_future_phrase(expr)
    phrase = Span(base + expr.start, base + expr.end, expr.text)
    if expr.kind in ("anaphoric", "offset"):
        if anchor is None or anchor.date is None:
            return None
        if expr.unit == "month of year":  # "In November that year", "on Dec. 20 of that year"
            result: TimeRef | None = TimeRef(dt.date(anchor.date.year, expr.amount, expr.day or 1), None,
                                             P.DAY if expr.day else P.MONTH,
                                             reason=f"'{expr.text}': a date in the year mentioned before")
        elif expr.direction == "same":
            day = align(anchor.date, {"month": P.MONTH, "year": P.YEAR, "week": P.WEEK}.get(expr.unit, P.DAY))
            precision = {"month": P.MONTH, "year": P.YEAR, "week": P.WEEK}.get(expr.unit, anchor.precision)
            result = TimeRef(day, None, precision, reason=f"'{expr.text}': the time mentioned before")
        else:
            step = sign or (1 if expr.direction == "later" else -1)
            result = shift(anchor, step * expr.amount, expr.unit, f"'{expr.text}' from {anchor.date.isoformat()}")
        if result is not None and result.date and past and reference and result.date > reference:
            return None  # "two days later" past the publication date cannot be in the past tense
    else:
        result = expr.resolver(reference, past) if expr.resolver else None
    if result is None or result.date is None:
        return None
    if expr.since:
        end = reference if reference and reference > result.date else None
        result = TimeRef(result.date, end, P.RANGE, reason=f"since {result.date.isoformat()}: {result.reason}")
    return replace(result, phrase=phrase, vague=expr.kind == "vague")


# dateparser reads "the 3rd" as March: hand it only text with a month name, a year or a numeric date.
_DATEISH = re.compile(rf"\b(?:{MONTH_RE})\b|\b(?:1[89]|20)\d\d\b|\d[/.-]\d", FLAGS)


def dateparser_fallback(text: str, reference: dt.date | None, past: bool = True) -> TimeRef | None:
    """dateparser for forms the patterns miss; only for text with a month name, a year or a numeric date."""
    if not _DATEISH.search(text) or re.fullmatch(r"\W*\d+\W*", text) or len(text) > 60:
        return None
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past" if past else "future", "RETURN_AS_TIMEZONE_AWARE": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime(reference.year, reference.month, reference.day)  # type: ignore[assignment]
    else:
        settings["REQUIRE_PARTS"] = ["year"]  # type: ignore[assignment]
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data.date_obj is None:
        return None
    precision = {"day": P.DAY, "week": P.WEEK, "month": P.MONTH, "year": P.YEAR}.get(data.period or "day", P.DAY)
    day = align(data.date_obj.date(), precision)
    if past and reference is not None and day > reference:
        return None
    return TimeRef(day, None, precision, reason="dateparser fallback")


def resolve_phrase(text: str, reference: dt.date | None, *, past: bool = True) -> TimeRef | None:
    """The date of one phrase on its own ("last year", "two days after Monday", "16 NOV 89")."""
    found = find_expressions(text)
    standalone = [e for e in found if e.kind in ("absolute", "relative", "vague")]
    for expr in found:
        if expr.kind == "offset":  # "two days after Monday": the anchor follows in the phrase
            anchors = [a for a in standalone if a.start >= expr.end]
            anchor = resolve(anchors[0], reference, past=past) if anchors else None
            sign = 1 if expr.direction == "after" else -1
            result = resolve(expr, reference, past=past, anchor=anchor, sign=sign)
            if result is not None:
                return replace(result, phrase=Span(expr.start, anchors[0].end, text[expr.start:anchors[0].end]))
    for expr in standalone:
        result = resolve(expr, reference, past=past)
        if result is not None:
            return result
    result = dateparser_fallback(text, reference, past)
    return replace(result, phrase=Span(0, len(text), text)) if result else None
