"""A war named in passing is not an event, nor is its toll so far (test_assemble_statistics); a war
with a time or a day's toll of its own is.  Tolls told later join the event told before them, unless
the sides are reversed."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.model import Article

pytestmark = pytest.mark.slow


def _triggers(pipeline, text: str) -> list[str]:
    events = pipeline.extract_one(Article(id="s", text=text, published=dt.date(2023, 6, 15))).events
    return [ev.text.lower() for e in events for ev in e.evidence if ev.field == "trigger"]


@pytest.mark.parametrize(("text", "kept"), [
    ("The group, which monitors the conflict through activists, published a report.", False),
    ("He spoke about the war.", False),
    ("War broke out between the two countries on Monday.", True),
    ("The war in Yemen has killed thousands of people.", False),
    ("The war in Yemen killed 30 people in Taiz on Monday.", True),
    # the day is the meeting's, not the war's
    ("Blinken met his Turkish counterpart in Ankara on Monday to discuss the war in Ukraine.", False),
])
def test_state_nouns(pipeline, text: str, kept: bool) -> None:
    found = any(t in ("war", "conflict") for t in _triggers(pipeline, text))
    assert found == kept, _triggers(pipeline, text)


def test_an_undated_telling_of_a_recalled_bombing_at_the_same_town_joins_it(pipeline) -> None:
    text = ("A court convicted a friend of the suspect in the April 15, 2013, bombing in Boston. "
            "Twin bombs exploded in Boston near the finish line of the marathon, killing three people.")
    events = [e for e in pipeline.extract_one(Article(id="b", text=text, published=dt.date(2014, 7, 21))).events
              if e.plover == "ASSAULT"]
    assert len(events) == 1, [(e.date.date, [ev.text for ev in e.evidence if ev.field == "trigger"]) for e in events]
    assert events[0].date.date == dt.date(2013, 4, 15) and events[0].fatalities and events[0].fatalities.best == 3


@pytest.mark.parametrize(("text", "sub_type"), [
    ("On 3 May 2023, militants attacked a military post in Djibo. Five soldiers were killed.", "Armed clash"),
    ("On 8 May 2023, Islamic State gunmen attacked a concert in Paris, killing 130 people.", "Attack"),
    ("On 20 April 2023, the army and the RSF clashed in Khartoum. 14 people were killed.", "Armed clash"),
])
def test_acled_sub_type_follows_who_was_hit(pipeline, text: str, sub_type: str) -> None:
    events = pipeline.extract_one(Article(id="a", text=text, published=dt.date(2023, 6, 15))).events
    assert sub_type in [e.acled_sub_type for e in events], [(e.acled_sub_type, e.reasons.get("acled")) for e in events]


@pytest.mark.parametrize(("text", "killed"), [
    ("A former minister killed himself in his cell on Monday.", None),
    ("In that aircraft accident, four people were killed. Another person killed himself because he had "
     "a weapon in his hand.", None),
    ("A gunman opened fire at a school in Texas on Monday, killing 19 children, and then shot himself.", 19),
])
def test_a_suicide_told_alone_is_no_event_and_told_with_an_attack_joins_it(pipeline, text, killed) -> None:
    events = pipeline.extract_one(Article(id="s", text=text, published=dt.date(2023, 6, 15))).events
    if killed is None:
        assert events == []
    else:
        assert len(events) == 1 and events[0].fatalities.best == killed


def test_a_campaign_noun_does_not_refer_back_to_an_incident(pipeline) -> None:
    text = ("The bodies of two politicians were found in Cuilapa. They had been shot in the head. The "
            "politician left the country on 13 November, two days after the guerrillas launched their "
            "largest offensive.")
    events = pipeline.extract_one(Article(id="s", text=text, published=dt.date(1990, 1, 13))).events
    shooting = next(e for e in events if any(v.text == "shot" for v in e.evidence if v.field == "trigger"))
    assert all(v.text != "offensive" for v in shooting.evidence if v.field == "trigger")
    assert shooting.date.date != dt.date(1989, 11, 11)


def test_a_deed_under_inquiry_stays_apart_from_the_news(pipeline) -> None:
    text = ("A judge in Medellin, who was investigating the governor's murder, resigned on 16 August. "
            "Justice Valencia's murder last night in Bogota shocked the country. Two men approached "
            "Valencia and began shooting at him.")
    events = pipeline.extract_one(Article(id="s", text=text, published=dt.date(1989, 8, 17))).events
    news = next(e for e in events if any(a.name == "Justice Valencia" for a in e.actor2))
    starts = [v.start for v in news.evidence if v.field == "trigger"]
    assert text.index("murder") not in starts  # the governor's murder is not Valencia's
    assert text.index("shooting") in starts  # the shooting at him is


def test_a_definite_reference_to_an_event_at_another_town_is_another_event(pipeline) -> None:
    text = ("Meanwhile, a boy was injured by shrapnel when terrorists threw a bomb at civil defense members "
            "in Nejapa, north of San Salvador. Referring to the 2 April car bomb explosion perpetrated in "
            "Santa Tecla, the FMLN claimed responsibility for the attack and said that they regret the death "
            "of a civilian.")
    events = pipeline.extract_one(Article(id="s", text=text, published=dt.date(1990, 4, 3))).events
    nejapa = next(e for e in events if e.place is not None and e.place.name == "Nejapa")
    assert all(v.text != "bomb explosion" for v in nejapa.evidence if v.field == "trigger")
    assert nejapa.fatalities is None  # the civilian died in Santa Tecla


def test_a_toll_of_the_other_side_is_another_event(pipeline) -> None:
    # police fired on protesters; "stone-throwing demonstrators" injured police: two sides, two events
    text = ("Kenyan police fired tear gas and live bullets at protesters in Nairobi on Wednesday, killing at least "
            "two people and injuring 30 others, a human rights group said.\n\n"
            "The Interior Ministry said 15 police officers were injured by stone-throwing demonstrators.")
    events = pipeline.extract_one(Article(id="k", text=text, published=dt.date(2024, 6, 27))).events
    police = [e for e in events if any("police" in a.text.lower() for a in e.actor1)]
    assert police and all(c.min != 15 for e in police for c in (e.injuries.claims if e.injuries else ()))
