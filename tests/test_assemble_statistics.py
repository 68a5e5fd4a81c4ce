"""assemble on parsed text: a toll summed over the whole country, or a war's toll so far, is a
statistic and gives no event; one clash, one town or one day with the same words still does.  Deaths
in an accident are no event either, unless an attack is told with them; nor is a cause told in passing
("in response to the attacks by militias") or other attacks named in passing."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.model import Article, Event
from eventscope.stages import counts, detect, when
from eventscope.stages.assemble import assemble
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def _events(nlp, text: str) -> list[Event]:
    parsed = parse(Article(id="s", text=text, published=dt.date(2021, 6, 29)), nlp)
    mentions = detect.detect(parsed)
    assert mentions, f"no mention detected in {text!r}"
    return assemble(parsed, mentions, {}, when.resolve_dates(parsed, mentions), {},
                    counts.extract_claims(parsed, mentions))


@pytest.mark.parametrize("text", [
    "At least eight people were killed during clashes between the army and guerrillas over the past "
    "weekend in various points of the country.",
    "Guerrilla groups reported 185 casualties, including 11 killed, during clashes in six of the "
    "country's 14 departments.",
    "Fighting raged across the country on Monday, killing 40 people.",
])
def test_a_toll_over_many_places_of_the_country_is_no_event(nlp, text: str) -> None:
    assert _events(nlp, text) == []


def test_another_clause_of_a_countrywide_toll_tells_its_own_event(nlp) -> None:
    text = ("Police fired tear gas and rubber bullets at students protesting job quotas in the capital on "
            "Thursday, and at least 19 people were killed in clashes across the country, local media said.")
    events = _events(nlp, text)
    assert {e.plover for e in events} >= {"ASSAULT", "PROTEST"}, [(e.plover, e.mention_ids) for e in events]
    assert all("clashes" not in e.reasons.get("merge", "") for e in events)  # the summed clashes stay out


@pytest.mark.parametrize("text", [
    "The war in Syria has killed more than 400,000 people since 2011.",
    "The offensive launched by the rebels on 11 November has already resulted in 139 dead and 313 wounded, "
    "government sources reported today.",
    "The conflict has left 13,000 people dead, the UN said on Monday.",
    "The junta has struggled to contain an insurgency that has killed thousands of people.",
    # a campaign's count so far: many things over more than a month
    "The Houthis have attacked more than 100 merchant vessels since November 2020.",
])
def test_a_wars_toll_so_far_is_no_event(nlp, text: str) -> None:
    assert _events(nlp, text) == []


@pytest.mark.parametrize("text", [
    "More than 500 people were killed in Mogadishu in 2017.",
    "Violence killed 500 people in Mogadishu in 2017.",
])
def test_a_toll_over_a_year_with_no_one_cause_is_no_event(nlp, text: str) -> None:
    assert _events(nlp, text) == []


def test_a_victim_ranked_in_a_series_is_no_second_event(nlp) -> None:
    text = ("Gunmen shot and killed a journalist in Guerrero on Wednesday, prosecutors said, making him the "
            "fifth reporter killed in the country this year.")
    events = _events(nlp, text)
    assert len(events) == 1 and events[0].fatalities is not None and events[0].fatalities.best == 1


@pytest.mark.parametrize(("text", "killed"), [
    ("Militants attacked several villages in Kidal on Monday, killing 30 people.", 30),
    ("The fighting has killed 25 people in Aleppo since Monday.", 25),  # no war or campaign as subject
    ("The war has killed 400,000 people, and on Monday a bomb killed five people in Homs.", 5),
    ("Two soldiers were killed in Usulutan on Sunday.", 2),
    # a toll over a year with one named cause is one attack, not a statistic
    ("In 2017, a truck bomb in Mogadishu killed more than 500 people.", 501),
    ("A gunman killed 58 people in Las Vegas in 2017.", 58),
    # many things attacked over days, not a month: still one event
    ("Rebels have attacked 30 villages since Monday, killing 25 people.", 25),
])
def test_one_place_or_one_attack_is_still_an_event(nlp, text: str, killed: int) -> None:
    events = _events(nlp, text)
    assert [e.fatalities.best if e.fatalities else None for e in events] == [killed]


@pytest.mark.parametrize("text", [
    "In that aircraft accident, four people were killed. Three of the crewmen were killed instantly.",
    "Four soldiers were killed when their helicopter crashed in Helmand on Monday.",
])
def test_deaths_in_an_accident_are_no_event(nlp, text: str) -> None:
    assert _events(nlp, text) == []


def test_an_attack_told_with_the_crash_is_still_an_event(nlp) -> None:
    events = _events(nlp, "Militants fired a missile at a helicopter, which crashed, killing ten soldiers.")
    assert events and events[0].plover == "ASSAULT"


def test_a_cause_told_in_passing_is_no_event_of_its_own(nlp) -> None:
    events = _events(nlp, "US jets struck militia depots in Syria on Sunday in response to the attacks by militias.")
    assert len(events) == 1
    assert [v.text for v in events[0].evidence if v.field == "trigger"] == ["struck"]


def test_a_cause_with_its_own_time_and_toll_stays_apart_from_the_answer(nlp) -> None:
    events = _events(nlp, "In February, US jets struck militia depots in Syria in retaliation for a rocket "
                          "attack in Iraq earlier that month that killed one civilian contractor.")
    assert len(events) == 2
    attack = next(e for e in events if e.fatalities is not None)
    assert attack.fatalities.best == 1 and "struck" not in [v.text for v in attack.evidence]


def test_other_attacks_named_in_passing_are_neither_this_event_nor_one_of_their_own(nlp) -> None:
    events = _events(nlp, "Gunmen killed the mayor of Cali on Monday. The police say the suspect has taken "
                          "part in other attacks against soldiers.")
    assert len(events) == 1
    assert "attacks" not in [v.text for v in events[0].evidence if v.field == "trigger"]
