"""When: phrases that do not date the event beside them -- "since X" after a superlative or an ordinal (a
yardstick), a date inside a group's name ("the 19 April Movement") -- and vague ones ("recently").
Real parses (slow)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from eventscope.model import Article, DatePrecision
from eventscope.stages.nlp import parse
from eventscope.stages.when import resolve_dates
from where_support import mention_at

pytestmark = pytest.mark.slow


def _dates(nlp, text: str, words: list[str]) -> list:
    parsed = parse(Article(id="w", text=text, published=dt.date(1989, 11, 12)), nlp)
    mentions = [mention_at(parsed, word) for word in words]
    found = resolve_dates(parsed, mentions)
    return [found[m.id] for m in mentions]


def test_the_largest_offensive_since_a_year_is_dated_by_its_own_day(nlp) -> None:
    (offensive,) = _dates(nlp, "The rebels launched the most important offensive since 1981 on 11 November.",
                          ["offensive"])
    assert (offensive.date, offensive.precision) == (dt.date(1989, 11, 11), DatePrecision.DAY)
    (killed,) = _dates(nlp, "He is the first party leader killed since 1986.", ["killed"])
    assert killed.date != dt.date(1986, 1, 1)


def test_a_time_in_a_since_clause_after_a_ranking_word_is_a_yardstick(nlp) -> None:
    for text in ("He is the first mayor killed since the president took office in January.",
                 "THIS IS THE FIRST PDC LEADER KILLED SINCE PRESIDENT VINICIO CEREZO ASSUMED POWER IN JANUARY 1986."):
        (killed,) = _dates(nlp, text, ["killed" if "killed" in text else "KILLED"])
        assert killed.phrase is None, killed.reason


def test_a_since_that_opens_a_when_clause_still_dates_it(nlp) -> None:
    (killed,) = _dates(nlp, "It was the first death of a general since 2017, when a colonel was killed by "
                            "mortar fire.", ["killed"])
    # The when-clause happened in 2017; it is no stretch from 2017 to the report.
    assert (killed.date, killed.precision) == (dt.date(2017, 1, 1), DatePrecision.YEAR)


def test_a_count_since_a_month_is_still_a_range(nlp) -> None:
    (attacks,) = _dates(nlp, "There have been at least five drone attacks since April.", ["attacks"])
    assert attacks.precision is DatePrecision.RANGE and attacks.date == dt.date(1989, 4, 1)


def test_recently_is_the_past_month_not_the_day_of_the_report(nlp) -> None:
    attacked, killings = _dates(nlp, "Gunmen recently attacked a checkpoint, and recent killings of elders "
                                     "angered the tribes.", ["attacked", "killings"])
    for found in (attacked, killings):
        assert (found.date, found.date_end, found.precision) == (
            dt.date(1989, 10, 12), dt.date(1989, 11, 12), DatePrecision.RANGE)
    (ambush,) = _dates(nlp, "The most recent ambush took place on 10 November.", ["ambush"])
    assert (ambush.date, ambush.precision) == (dt.date(1989, 11, 10), DatePrecision.DAY)


def test_recent_dates_only_its_own_event(nlp) -> None:
    # "recent attacks" is the past month; the militias "backed by Iran" beside them are not dated by it.
    attacks, backed = _dates(nlp, "Some of the groups involved in recent attacks are militias that are backed by "
                                  "Iran.", ["attacks", "backed"])
    assert attacks.precision is DatePrecision.RANGE and attacks.vague
    assert backed.phrase is None, backed.reason


def test_a_date_in_a_group_name_dates_nothing(nlp) -> None:
    (destroying,) = _dates(nlp, "The crime aimed at destroying the peace process that the government and the "
                                "19 April Movement built.", ["destroying"])
    assert destroying.date != dt.date(1989, 4, 19) and destroying.phrase is None


def test_a_time_ahead_is_no_anchor_for_a_later_past_event(nlp) -> None:
    # "two days later" counts from the bombing the story tells, not from the scheduled trial.
    (killed,) = _dates(nlp, "The bomb exploded on 2 November. His trial is scheduled for 16 December. "
                            "Two days later, police killed his brother.", ["killed"])
    assert (killed.date, killed.precision) == (dt.date(1989, 11, 4), DatePrecision.DAY), killed.reason


def test_a_definite_event_noun_refers_back_to_its_own_kind(nlp) -> None:
    # "the bombings" are the bombing told first, not the gun battle told just before in their paragraph.
    text = ("The bombing of the market on 2 November killed five people.\n\nTwo days later, police killed two "
            "gunmen in a gun battle. A note said the bombings were revenge.")
    parsed = parse(Article(id="w", text=text, published=dt.date(1989, 11, 12)), nlp)
    mentions = [replace(mention_at(parsed, word), plover_mode=mode)
                for word, mode in (("bombing", "explosives"), ("battle", "firearms"), ("bombings", "explosives"))]
    bombings = resolve_dates(parsed, mentions)[mentions[2].id]
    assert bombings.date == dt.date(1989, 11, 2), bombings.reason


def test_what_is_scheduled_for_a_day_lies_ahead(nlp) -> None:
    # "have scheduled": the scheduling is past, the demonstration ahead (not 22 November of last year)
    (demo,) = _dates(nlp, "Unions have scheduled a demonstration in Barcelona for 22 November.", ["demonstration"])
    assert demo.date == dt.date(1989, 11, 22)
