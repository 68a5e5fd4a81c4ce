"""Date arithmetic and the table of time-phrase patterns used by `when_expr`.

Each pattern maps a regular expression to a handler that turns the match into
a resolver: a function of (reference date, past tense?) giving a TimeRef.  The
rules each handler applies are written in its docstring or comment, so the
choice (say, "in July" read in June with past tense is last July) can be read
and changed in one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from eventscope.model import DatePrecision, TimeRef
from eventscope.stages.numbers import parse_number

P = DatePrecision
MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name} | {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
MONTHS = {k.lower(): v for k, v in MONTHS.items()}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
FULL_MONTH_RE = "|".join(name.lower() for name in calendar.month_name if name)
WEEKDAY_RE = "|".join(WEEKDAYS)
AMOUNT_RE = r"\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several|the"
UNIT_RE = r"day|week|month|year|hour|night"


# ---------------------------------------------------------------- dates


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _year(text: str, reference: dt.date | None) -> int:
    year = int(text.lstrip("'"))
    if year >= 100:
        return year
    if reference is None:
        return 2000 + year if year < 50 else 1900 + year
    guess = reference.year // 100 * 100 + year
    return guess - 100 if guess > reference.year + 1 else guess


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest(candidates: list[dt.date], reference: dt.date, past: bool) -> dt.date | None:
    """The latest candidate not after the reference (past) or the earliest not before it."""
    if past:
        ok = [c for c in candidates if c <= reference]
        return max(ok) if ok else None
    ok = [c for c in candidates if c >= reference]
    return min(ok) if ok else None


def _ref(day: dt.date | None, precision: DatePrecision, reason: str, end: dt.date | None = None) -> TimeRef:
    return TimeRef(date=day, date_end=end, precision=precision, reason=reason)


# ---------------------------------------------------------------- pattern handlers
# Each handler gets the match and returns (kind, resolver) or None to reject it.

Resolver = Callable[[dt.date | None, bool], TimeRef | None]


def _iso(m: re.Match[str]) -> Resolver | None:
    day = _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return (lambda ref, past: _ref(day, P.DAY, "explicit date")) if day else None


def _numeric(m: re.Match[str]) -> Resolver | None:
    first, second = int(m[1]), int(m[2])
    # Day first (the international order) unless that cannot be a date.
    day, month = (second, first) if first <= 12 < second else (first, second)
    return lambda ref, past: (
        _ref(d, P.DAY, "explicit numeric date, day first")
        if (d := _safe_date(_year(m[3], ref), month, day)) else None
    )


_WEEKDAY_BEFORE = re.compile(rf"\b({WEEKDAY_RE}),?\s+(?:the\s+)?$", re.IGNORECASE)


def _weekday_before(m: re.Match[str]) -> int | None:
    """The weekday named just before a day and month ("Wednesday, Nov. 12"), 0 = Monday."""
    found = _WEEKDAY_BEFORE.search(m.string[max(0, m.start() - 16):m.start()])
    return WEEKDAYS[found[1].lower()] if found else None


def _day_month(day_text: str, month_text: str, year_text: str | None, weekday: int | None = None) -> Resolver:
    month, day = MONTHS[month_text.lower().rstrip(".")], int(day_text)
    if year_text:
        return lambda ref, past: (
            _ref(d, P.DAY, "explicit date") if (d := _safe_date(_year(year_text, ref), month, day)) else None
        )

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        if ref is None:
            return None
        options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if 1 <= y <= 9999 and (d := _safe_date(y, month, day))]
        # "Wednesday, Nov. 12": the year whose Nov. 12 is a Wednesday, whatever the tense says
        fitting = [d for d in options if d.weekday() == weekday]
        if weekday is not None and len(fitting) == 1:
            return _ref(fitting[0], P.DAY, "day and month; the year in which it falls on the weekday named")
        chosen = _nearest(options, ref, past) if options else None
        return _ref(chosen, P.DAY, "day and month; year from the reference date") if chosen else None

    return resolve


def _dmy(m: re.Match[str]) -> Resolver | None:
    return _day_month(m[1], m[2], m[3], _weekday_before(m))


def _mdy(m: re.Match[str]) -> Resolver | None:
    return _day_month(m[2], m[1], m[3], _weekday_before(m))


def _day_range(first_text: str, last_text: str, month_text: str, year_text: str | None) -> Resolver | None:
    """ "3-5 May", "between 3 and 5 May 2021", "May 3 to 5": the last day is read like a day and month
    (its year from the reference when none is written), the first day in the same month."""
    first, last = int(first_text), int(last_text)
    if not 1 <= first < last <= 31:
        return None
    end_of = _day_month(last_text, month_text, year_text)

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        end = end_of(ref, past)
        if end is None or end.date is None:
            return None
        return _ref(end.date.replace(day=first), P.RANGE, f"days {first} to {last} of the month", end.date)

    return resolve


def _dmy_range(m: re.Match[str]) -> Resolver | None:
    return _day_range(m[1] or m[2], m[3], m[4], m[5])  # "between 3 and 5 May" or "3-5 May"


def _mdy_range(m: re.Match[str]) -> Resolver | None:
    return _day_range(m[2], m[3], m[1], m[4])


def _month_year(m: re.Match[str]) -> Resolver | None:
    month = MONTHS[m[1].lower().rstrip(".")]
    return lambda ref, past: _ref(dt.date(_year(m[2], ref), month, 1), P.MONTH, "month and year")


def _bare_month(m: re.Match[str]) -> Resolver | None:
    prefix, month = (m[1] or "").lower(), MONTHS[m[3].lower()]
    if month in (3, 5) and not (prefix or m[2]):
        return None  # "may" and "march" are also a verb and a noun

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        if ref is None:
            return None
        this_month = _month_start(ref)
        options = [dt.date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1) if 1 <= y <= 9999]
        if m[4]:  # "in August last year", "in March this year"
            year = ref.year + {"last": -1, "this": 0, "next": 1}[m[4].lower()]
            return _ref(dt.date(year, month, 1), P.MONTH, f"month name; {m[3]} of {m[4].lower()} year")
        if prefix == "last":
            chosen = max((o for o in options if o < this_month), default=None)
        elif prefix == "next":
            chosen = min((o for o in options if o > this_month), default=None)
        else:
            chosen = _nearest(options, this_month, past)
        if chosen is None:
            return None
        return _ref(chosen, P.MONTH, f"month name; {'latest' if past else 'next'} {m[3]} from the reference")

    return resolve


# "BY 1800, WE HAD INFLICTED ...": a military report's clock time, not a year, when no year that old fits.
CLOCK_NOT_YEAR_AFTER = 150


def _bare_year(m: re.Match[str]) -> Resolver | None:
    year = int(m[1])
    clock = m[0].lower().startswith("by") and int(m[1][:2]) < 24 and int(m[1][2:]) < 60

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        if clock and ref is not None and year < ref.year - CLOCK_NOT_YEAR_AFTER:
            return None
        return _ref(dt.date(year, 1, 1), P.YEAR, "year", dt.date(year, 12, 31))
    return resolve


_DECADE_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}


def _decades(m: re.Match[str]) -> Resolver | None:
    """'in the 1990s', 'in the late 1980s', 'in the 1980s and 1990s': the years they span, as a range.
    Without it "whose insurgency left tens of thousands dead in the 1980s and 1990s" took the day of
    the report."""
    first, last = int(m[2]), int(m[4] or m[2])
    if last < first:
        return None
    start = first + _DECADE_PART.get((m[1] or "").lower(), (0, 9))[0]
    end_part = m[3] if m[4] else m[1]
    end = last + _DECADE_PART.get((end_part or "").lower(), (0, 9))[1]
    return lambda ref, past: _ref(dt.date(start, 1, 1), P.RANGE, f"'{m[0]}': the years {start}-{end}",
                                  dt.date(end, 12, 31))


# Words that make a weekday the name of a day in a calendar or in history ("the Easter Sunday bombings",
# "Bloody Sunday in Derry", "Black Friday"): no weekday counted from the story's date.
_NAMED_DAY_BEFORE = re.compile(r"\b(?:Easter|Palm|Good|Ash|Holy|Maundy|Shrove|Bloody|Black|Super)\s+$")


def _weekday(m: re.Match[str]) -> Resolver | None:
    prefix, target = (m[1] or "").lower(), WEEKDAYS[m[2].lower()]
    if not prefix and _NAMED_DAY_BEFORE.search(m.string[max(0, m.start() - 12):m.start()]):
        return None

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        if ref is None:
            return None
        backward = prefix not in ("next", "coming") and (past or prefix in ("last", "past"))
        if backward:
            delta = (ref.weekday() - target) % 7
            delta = 7 if delta == 0 and prefix in ("last", "past") else delta
            day = ref - dt.timedelta(days=delta)
            why = "weekday; latest such day on or before the reference date"
        else:
            delta = (target - ref.weekday()) % 7
            delta = 7 if delta == 0 and prefix in ("next", "coming") else delta
            day = ref + dt.timedelta(days=delta)
            why = "weekday; next such day on or after the reference date (future)"
        return _ref(day, P.DAY, why)

    return resolve


_DEICTIC_DAYS = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
                 "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                 "earlier today": 0, "earlier in the day": 0, "tomorrow": 1}


def _deictic(m: re.Match[str]) -> Resolver | None:
    offset = _DEICTIC_DAYS[re.sub(r"\s+", " ", m[1].lower())]
    return lambda ref, past: (
        _ref(ref + dt.timedelta(days=offset), P.DAY, f"'{m[1]}' relative to the reference date") if ref else None
    )


def _overnight(m: re.Match[str]) -> Resolver | None:
    """'overnight' in a report: the night before it was written, from the day before to the day itself."""
    return lambda ref, past: (_ref(ref - dt.timedelta(days=1), P.RANGE, "'overnight': the night before the "
                                   "reference date", ref) if ref else None)


def _this_unit(m: re.Match[str]) -> Resolver | None:
    which = m[2].lower()
    return unit_resolver((m[1] or "").lower(), "this" if which == "the" else which, m[3].lower(), m[0])


def _recent(m: re.Match[str]) -> Resolver | None:
    """'in recent days' is the past week, 'in recent weeks' the past month, 'in recent months' the past year,
    'in recent years' the past five years."""
    if m[1].lower() == "years":
        return lambda ref, past: (_ref(_add_months(ref, -60), P.RANGE, f"'{m[0]}': the past five years", ref)
                                  if ref else None)
    unit = {"days": "week", "weeks": "month", "months": "year"}[m[1].lower()]
    return unit_resolver("", "past", unit, m[0])


def _past_span(m: re.Match[str]) -> Resolver | None:
    """'over the past decade', 'in the last two decades', 'over the past three years': a stretch that ends
    at the reference, as long as it says."""
    count = amount_of(m[1]) if m[1] else 1
    unit = (m[2] or m[3]).lower().rstrip("s")
    if count is None:
        return None
    months = count * {"decade": 120, "year": 12, "month": 1}[unit]
    return lambda ref, past: (_ref(_add_months(ref, -months), P.RANGE, f"'{m[0]}': the {count} {unit}(s) before "
                                   "the report", ref) if ref else None)


def _recently(m: re.Match[str]) -> Resolver | None:
    """'recently', 'recent attacks': some time in the past month, not the day of the report."""
    return lambda ref, past: (_ref(ref - dt.timedelta(days=31), P.RANGE, f"'{m[0]}': some time in the past month",
                                   ref) if ref else None)


def unit_resolver(edge: str, which: str, unit: str, label: str) -> Resolver:
    """'this week', 'last month', 'earlier this year', 'the past week', 'last weekend'."""
    step = {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}[which]
    if which == "past" and unit != "weekend":
        days = {"week": 7, "month": 31, "year": 365}[unit]
        return lambda ref, past: (_ref(ref - dt.timedelta(days=days), P.RANGE, f"the past {unit}", ref)
                                  if ref else None)

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        if ref is None:
            return None
        if unit in ("week", "weekend"):
            monday, sunday = _week_of(ref + dt.timedelta(days=7 * step))
            if unit == "weekend":
                saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7) if step <= 0 and past else monday + dt.timedelta(days=5)
                return _ref(saturday, P.RANGE, f"{which} weekend", saturday + dt.timedelta(days=1))
            start, end, precision = monday, sunday, P.WEEK
        elif unit == "month":
            start = _add_months(_month_start(ref), step)
            end, precision = _add_months(start, 1) - dt.timedelta(days=1), P.MONTH
        else:
            start, end, precision = dt.date(ref.year + step, 1, 1), dt.date(ref.year + step, 12, 31), P.YEAR
        if step == 0 and edge in ("earlier", "early"):
            end = min(end, ref)
        elif step == 0 and edge in ("later", "late"):
            start = max(start, ref)
        if past and end > ref and start <= ref:
            end = ref
        return _ref(start, precision, f"'{label}' relative to the reference date", end)

    return resolve


def _ago(m: re.Match[str]) -> Resolver | None:
    amount, unit = amount_of(m[1]), m[2].lower()
    if amount is None:
        return None

    def resolve(ref: dt.date | None, past: bool) -> TimeRef | None:
        return shift(_ref(ref, P.DAY, ""), -amount, unit, f"'{m[0]}' before the reference date") if ref else None

    return resolve


def amount_of(text: str) -> int | None:
    text = text.lower()
    if text == "the":
        return 1
    return parse_number(text) if not text.startswith(("a few", "several")) else 3


def shift(anchor: TimeRef, amount: int, unit: str, reason: str) -> TimeRef | None:
    """Move a time by `amount` units; precision becomes the coarser of the anchor's and the unit's."""
    if anchor.date is None:
        return None
    day = anchor.date
    if unit in ("day", "night"):
        day, precision = day + dt.timedelta(days=amount), P.DAY
    elif unit == "hour":
        day, precision = day + dt.timedelta(days=int(amount / 24)), P.DAY
    elif unit == "week":
        day = _week_of(day + dt.timedelta(days=7 * amount))[0]
        precision = P.WEEK
    elif unit == "month":
        day, precision = _add_months(day, amount), P.MONTH
    else:
        day, precision = dt.date(day.year + amount, 1, 1), P.YEAR
    order = [P.DAY, P.WEEK, P.MONTH, P.YEAR]
    if anchor.precision in order and order.index(anchor.precision) > order.index(precision):
        precision = anchor.precision
        day = align(day, precision)
    end = _week_of(day)[1] if precision == P.WEEK else None
    if precision == P.YEAR:
        end = dt.date(day.year, 12, 31)
    return TimeRef(date=day, date_end=end, precision=precision, reason=reason)


def align(day: dt.date, precision: DatePrecision) -> dt.date:
    if precision == P.MONTH:
        return _month_start(day)
    if precision == P.YEAR:
        return dt.date(day.year, 1, 1)
    return _week_of(day)[0] if precision == P.WEEK else day


# ---------------------------------------------------------------- the pattern table

FLAGS = re.IGNORECASE
PATTERNS: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], Resolver | None]]] = [
    ("absolute", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), _iso),
    ("absolute", re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b"), _numeric),
    ("relative", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})\b\.?(?:,?\s+(\d{{4}}|'?\d{{2}}(?![\d,])))?", FLAGS), _dmy),
    ("relative", re.compile(rf"\b({MONTH_RE})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(\d{{4}})\b)?", FLAGS), _mdy),
    ("relative", re.compile(rf"\b(?:between\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+and|(?:from\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until|through))\s*(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?", FLAGS),
     _dmy_range),
    ("relative", re.compile(rf"\b({MONTH_RE})\b\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|until|through)\s*(\d{{1,2}})(?:st|nd|rd|th)?\b(?![:\d])(?:,?\s+(\d{{4}})\b)?", FLAGS),
     _mdy_range),
    ("absolute", re.compile(rf"\b({MONTH_RE})\b\.?,?\s+(?:of\s+)?(\d{{4}})\b", FLAGS), _month_year),
    ("relative", re.compile(rf"\b(?:(in|during|until|till|through|on|by|from|of|last|this|next|earlier|later)[\s-]+)?(?:(early|mid|late)[\s-]+)?({FULL_MONTH_RE})\b(?!\s+\d)(?:,?\s+(last|this|next)\s+year\b)?", FLAGS), _bare_month),
    ("absolute", re.compile(r"(?:\b(?:in|during|by|until|of|early|mid|late|throughout)[\s-]+|(?<=since\s))(1[89]\d{2}|20\d{2})\b(?![-/]\d)", FLAGS), _bare_year),
    ("absolute", re.compile(r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1[89]\d0|20[0-2]0)'?s\b(?:\s+(?:and|to|through|until|into)\s+(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1[89]\d0|20[0-2]0)'?s\b)?", FLAGS),
     _decades),
    ("relative", re.compile(rf"\b(?:(last|this|next|on|past|coming|early|late)\s+)?({WEEKDAY_RE})(?:'s|’s)?(?:\s+(?:night|morning|afternoon|evening))?\b", FLAGS), _weekday),
    ("relative", re.compile(r"\b(the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|earlier\s+today|earlier\s+in\s+the\s+day)\b", FLAGS), _deictic),
    # "overnight" alone; next to a day ("Sunday overnight", "overnight into Monday") the day dates it
    ("relative", re.compile(rf"(?<!day\s)\bovernight\b(?!\s+(?:on\s+|into\s+|to\s+)?(?:{WEEKDAY_RE}))", FLAGS), _overnight),
    ("relative", re.compile(r"\b(?:(earlier|later|early|late)\s+)?(?:in\s+)?(this|last|next|past|previous|coming)\s+(week|weekend|month|year)\b", FLAGS), _this_unit),
    ("relative", re.compile(r"\b(earlier|later)\s+in\s+(the)\s+(week|month|year)\b", FLAGS), _this_unit),
    ("relative", re.compile(r"\b(?:over|in|during|for)\s+the\s+(?:past|last)\s+(?:(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(decades|years|months)|(decade))\b", FLAGS), _past_span),
    ("relative", re.compile(r"\b(?:in\s+)?(?:the\s+)?(?:recent|past|last)\s+(?:few\s+)?(days|weeks|months|years)\b", FLAGS), _recent),
    ("vague", re.compile(r"\b(?:(?:most|more|very|only|until|till)\s+)?recent(?:ly)?\b", FLAGS), _recently),
    ("relative", re.compile(rf"\b({AMOUNT_RE})\s+({UNIT_RE})s?\s+ago\b", FLAGS), _ago),
]
OFFSET_RE = re.compile(rf"\b({AMOUNT_RE}|hours|minutes|moments|days)\s+(?:({UNIT_RE})s?\s+)?(after|before|earlier|later|previously|prior)\b", FLAGS)
NEIGHBOUR_RE = re.compile(rf"\bthe\s+(previous|next|following|preceding)\s+({UNIT_RE}|morning|afternoon|evening)\b", FLAGS)
THAT_RE = re.compile(rf"\b(?:(earlier|later)\s+)?(?:that|the\s+same)\s+({UNIT_RE}|morning|afternoon|evening)\b", FLAGS)
# "In November that year", "in March of the same year", "on Dec. 20 of that year": a month (and
# day) of the year told before.
MONTH_OF_THAT_YEAR_RE = re.compile(
    rf"\b(?:(?:in|on)\s+)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?({MONTH_RE})\.?\s+"
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+)?(?:that|the\s+same)\s+year\b", FLAGS)
SINCE_RE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?$", FLAGS)
SINCE_THEN_RE = re.compile(r"\b(?:ever\s+)?since\s+(?:then|that\s+(?:time|day|date))\b", FLAGS)
OVER_WEEKEND_RE = re.compile(r"\b(?:over|during|at|on)\s+the\s+weekend\b", FLAGS)
