"""Rules found by reading eventscope's output on wire stories it had never seen (Indonesia's Papua and Peru's
coca valleys; session of 2026-11-28, afternoon).  The stories were written for this purpose by a helper
session; the texts here are written for the tests in the same style."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.model import DatePrecision
from story_support import extract as _extract
from story_support import mention_of as _mention

pytestmark = pytest.mark.slow


def test_decades_date_a_recalled_insurgency_and_a_present_clause_takes_none_of_them(pipeline) -> None:
    text = ("Rebels ambushed an army convoy near the border on Sunday, the military said.\n\n"
            "The movement, whose insurgency left tens of thousands dead in the 1980s and 1990s, was largely "
            "crushed in 2009. A splinter group remains active in the north and is accused by the army of "
            "smuggling weapons.")
    ex = _extract(pipeline, text, dt.date(2023, 5, 10))
    insurgency = ex.dates[_mention(ex, "insurgency").id]
    assert (insurgency.date, insurgency.date_end, insurgency.precision) == (
        dt.date(1980, 1, 1), dt.date(1999, 12, 31), DatePrecision.RANGE)
    assert ex.dates[_mention(ex, "accused").id].date.year == 2023


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("in the late 1990s", 1996, 1999),
    ("in the mid-2000s", 2003, 2006),
    ("from the 1960s to the early 1970s", 1960, 1973),
])
def test_decade_phrases_span_their_years(pipeline, phrase: str, start: int, end: int) -> None:
    ex = _extract(pipeline, f"Government troops massacred villagers in the region {phrase}.", dt.date(2023, 5, 10))
    got = ex.dates[_mention(ex, "massacred").id]
    assert (got.date, got.date_end) == (dt.date(start, 1, 1), dt.date(end, 12, 31))


@pytest.mark.parametrize(("text", "published", "trigger", "wrong"), [
    # where a spokesman's command sits is not where the rebels opened fire
    ("A spokesman for the military command in Jayapura said rebels opened fire on an army post on Monday.",
     dt.date(2024, 4, 17), "opened", ("Jayapura", "IDN")),
    # the hospital the wounded were flown to is no place for the next paragraph
    ("Rebels attacked an army post in Papua on Monday, killing a soldier, the military said. The wounded "
     "soldier was flown by helicopter to a hospital in Timika.\n\n"
     "The rebels said in a statement that they had seized an assault rifle.",
     dt.date(2024, 4, 17), "seized", ("Timika", "IDN")),
    # a village of a story about two countries is no namesake in a third: "Kirni" is also an alternate name
    # of Kearny, New Jersey
    ("India and Pakistan traded fire across the frontier in Kashmir on Tuesday, officials said.\n\n"
     "An Indian army spokesman said Pakistani troops fired mortar shells that killed a woman in the "
     "village of Kirni. Pakistan's military said Indian troops wounded two civilians in Pakistan.",
     dt.date(2020, 6, 10), "killed", ("Kearny", "USA")),
    # where the wounded were treated: a health centre is a hospital
    ("Rebels shelled the town of Bunagana on Sunday, the army said.\n\n"
     "A civil society leader said dozens were wounded, many of whom were treated at a health centre in Kisoro.",
     dt.date(2022, 6, 16), "wounded", ("Kisoro", "UGA")),
    # with no country dominating, the countries the article names still vouch for its towns: "Bunagana" is no
    # skeleton of Binangonan in the Philippines
    ("Congo accused Rwanda of backing the rebels, and Uganda said soldiers had crossed its border.\n\n"
     "Rebel shells struck the town of Bunagana, killing four civilians, Congolese officials said. Rwanda and "
     "Uganda said they were not involved.",
     dt.date(2022, 6, 16), "struck", ("Binangonan", "PHL")),
    # the town a speaking church body is named after is its seat, not where the killings were
    ("MAPUTO, Mozambique (AP) — Insurgents attacked a village in Mozambique's northern Cabo Delgado province "
     "over the weekend, beheading several men, police said Tuesday.\n\nThe police commander told reporters "
     "that 12 civilians were killed in the attack late Saturday. The Catholic diocese of Pemba, citing "
     "survivors, said at least 20 people were killed, five of them beheaded.",
     dt.date(2020, 10, 27), "beheaded", ("Pemba", "MOZ")),
])
def test_a_place_that_belongs_to_something_else_is_not_the_event_s(pipeline, text: str, published: dt.date,
                                                                  trigger: str, wrong: tuple[str, str]) -> None:
    place = (ex := _extract(pipeline, text, published)).places[_mention(ex, trigger).id]
    assert place is None or (place.name, place.country) != wrong


def test_in_the_nationality_s_capital_places_the_rally_in_that_capital(pipeline) -> None:
    text = ("Armenia and Azerbaijan traded blame on Wednesday over a shooting on their border.\n\n"
            "Azerbaijan said Armenian units had fired on its positions in the Kalbajar district.\n\n"
            "In the Armenian capital, several hundred opposition supporters rallied outside parliament on "
            "Wednesday evening.")
    ex = _extract(pipeline, text, dt.date(2021, 8, 19))
    assert ex.places[_mention(ex, "rallied").id].name == "Yerevan"


def test_a_province_named_with_its_country_is_the_finer_answer(pipeline) -> None:
    text = ("Fighters from a FARC dissident group attacked a police station with explosives and rifle fire in "
            "Colombia's southwestern Cauca department before dawn on Tuesday, killing two officers, authorities "
            "said.")
    ex = _extract(pipeline, text, dt.date(2024, 4, 10))
    assert ex.places[_mention(ex, "attacked").id].name == "Cauca"
