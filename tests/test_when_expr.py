"""Time phrases on their own (no spaCy model): resolve_expression, datelines, properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.model import DatePrecision, TimeRef
from eventscope.stages.when import parse_dateline_date, resolve_expression
from eventscope.stages.when_expr import find_expressions, resolve

PHRASES = Path(__file__).parent / "fixtures" / "when" / "phrases.tsv"


def _rows() -> list[tuple[str, ...]]:
    lines = PHRASES.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("phrase", "reference", "tense", "date", "date_end", "precision"), _rows())
def test_phrase_table(phrase: str, reference: str, tense: str, date: str, date_end: str, precision: str) -> None:
    got = resolve_expression(phrase, dt.date.fromisoformat(reference), past=tense == "past")
    assert got is not None, phrase
    assert got.date == dt.date.fromisoformat(date), (phrase, got)
    assert got.precision == DatePrecision(precision), (phrase, got)
    if date_end:
        assert got.date_end == dt.date.fromisoformat(date_end), (phrase, got)
    assert got.phrase is not None and got.phrase.text in phrase
    assert got.reason


def test_phrase_span_points_into_the_text() -> None:
    text = "came under rocket attack Monday, with no casualties"
    got = resolve_expression(text, dt.date(2021, 6, 29))
    assert got is not None and got.phrase is not None
    assert text[got.phrase.start:got.phrase.end] == "Monday"


@pytest.mark.parametrize("text", ["you may go", "a march on the capital", "the attack", "", "12 people", "on the 3rd",
                                  "the Easter Sunday bombings", "Bloody Sunday in Derry"])
def test_no_time_phrase_gives_none(text: str) -> None:
    assert resolve_expression(text, dt.date(2021, 6, 29)) is None


def test_explicit_date_needs_no_reference() -> None:
    from eventscope.stages.when_expr import resolve_phrase

    got = resolve_phrase("on 16 NOV 89", None)
    assert got is not None and got.date == dt.date(1989, 11, 16)
    assert resolve_phrase("Monday", None) is None  # relative: nothing to resolve against


@pytest.mark.parametrize(("text", "expected"), [
    ("SAN SALVADOR, 16 NOV 89 (RADIO VENCEREMOS) -- [TEXT] THE FMLN ...", dt.date(1989, 11, 16)),
    ("MEXICO CITY (MEXICO), 12 JAN 90 (DPA) -- [TEXT] SALVADORAN", dt.date(1990, 1, 12)),
    ("BAGHDAD, June 27, 2021 (Reuters) - Two rockets", dt.date(2021, 6, 27)),
    ("SAN SALVADOR, NO DATE (RADIO CADENA YSU) -- [INTERVIEW]", None),
    ("WASHINGTON: US troops in eastern Syria came under rocket attack Monday", None),
])
def test_dateline_date(text: str, expected: dt.date | None) -> None:
    assert parse_dateline_date(text) == expected


def test_that_month_and_offsets_are_found_but_need_an_anchor() -> None:
    kinds = {e.text: e.kind for e in find_expressions("a rocket attack earlier that month, two days later, one day after")}
    assert kinds == {"earlier that month": "anaphoric", "two days later": "anaphoric", "one day after": "offset"}


_RELATIVE = st.sampled_from([
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "last Friday",
    "yesterday", "last night", "today", "earlier this month", "last week", "a week ago", "last year",
    "in February", "in December", "in mid-March", "since April", "earlier this year", "3 days ago",
    "two weeks ago", "this week", "this month", "this year", "on 5 May", "March 3", "over the weekend",
    "on the weekend", "overnight",
    "the past week", "a month ago", "later this month",
])


@settings(max_examples=300, deadline=None)
@given(phrase=_RELATIVE, reference=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_past_never_resolves_after_the_reference(phrase: str, reference: dt.date) -> None:
    got = resolve_expression(phrase, reference, past=True)
    assert got is not None and got.date is not None
    assert got.date <= reference
    if got.date_end is not None:
        assert got.date <= got.date_end


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80), reference=st.dates())
def test_any_text_resolves_or_gives_none(text: str, reference: dt.date) -> None:
    got = resolve_expression(text, reference)
    assert got is None or got.reason


def test_by_a_clock_time_is_not_an_old_year() -> None:
    # military reports give times as four digits: "BY 1800, WE HAD INFLICTED 10 CASUALTIES"
    assert resolve_expression("BY 1800, WE HAD INFLICTED 10 ENEMY CASUALTIES", dt.date(1989, 8, 10)) is None
    by_2000 = resolve_expression("by 2000 the party had grown", dt.date(2021, 6, 29))
    assert by_2000 is not None and by_2000.date == dt.date(2000, 1, 1)
    founded = resolve_expression("the town was founded in 1800", dt.date(2021, 6, 29))
    assert founded is not None and founded.date == dt.date(1800, 1, 1)


def test_on_the_weekend_is_the_last_weekend() -> None:
    got = resolve_expression("on the weekend", dt.date(2021, 6, 29), past=True)  # a Tuesday
    assert got is not None and (got.date, got.date_end) == (dt.date(2021, 6, 26), dt.date(2021, 6, 27))


def test_overnight_is_the_night_before_the_report() -> None:
    got = resolve_expression("overnight", dt.date(2021, 6, 29), past=True)
    assert got is not None and (got.date, got.date_end) == (dt.date(2021, 6, 28), dt.date(2021, 6, 29))
    assert resolve_expression("overnight Sunday", dt.date(2021, 6, 29), past=True).date == dt.date(2021, 6, 27)


@pytest.mark.parametrize("text", [
    "Gunmen fought troops for several hours before withdrawing.",
    "They held the checkpoint two days before retreating.",
])
def test_a_duration_or_a_tie_between_two_deeds_is_no_offset(text: str) -> None:
    assert [e for e in find_expressions(text) if e.kind == "offset"] == []


def test_an_offset_before_an_event_noun_is_kept() -> None:
    found = find_expressions("The strike came two days before the vote.")
    assert [e.text for e in found if e.kind == "offset"] == ["two days before"]


def test_a_month_of_that_year_is_one_phrase() -> None:
    found = find_expressions("In November that year, security forces shot dead protesters")
    assert [(e.text, e.kind, e.amount) for e in found] == [("In November that year", "anaphoric", 11)]


@pytest.mark.parametrize("text, month, day", [
    ("the president resigned on Dec. 20 of that year.", 12, 20),
    ("On 5 March that year, rebels seized the airport.", 3, 5),
    ("in March of the same year the talks failed", 3, 0),
])
def test_a_day_of_that_year_keeps_its_day(text: str, month: int, day: int) -> None:
    found = [e for e in find_expressions(text) if e.unit == "month of year"]
    assert [(e.amount, e.day) for e in found] == [(month, day)]
    anchor = TimeRef(dt.date(2001, 6, 1), None, DatePrecision.MONTH)
    resolved = resolve(found[0], dt.date(2024, 5, 3), anchor=anchor)
    assert resolved is not None and resolved.date == dt.date(2001, month, day or 1)
    assert resolved.precision == (DatePrecision.DAY if day else DatePrecision.MONTH)


def test_a_dateline_without_a_year_is_the_dateline_not_a_phrase() -> None:
    from eventscope.stages.when import _DATELINE

    match = _DATELINE.match("BOGOTA, March 8 (Reuters) - Rebels abducted three surveyors on Thursday")
    assert match is not None and match.group(0) == "BOGOTA, March 8"
    assert _DATELINE.match("KYIV, Ukraine (AP) — Russian drones struck") is None
