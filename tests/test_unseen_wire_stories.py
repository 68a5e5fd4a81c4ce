"""Rules found by reading eventscope's output on wire stories it had never seen (session of 2026-11-27):
what a story's second paragraph tells, what a monitor tracks, who an attack is blamed on, a camp near a
town, and the finer town a later sentence names."""

from __future__ import annotations

import datetime as dt

import pytest

from actor_support import roles_at
from eventscope.model import Article, PlacePrecision

pytestmark = pytest.mark.slow


def _events(pipeline, text: str, published: dt.date = dt.date(2024, 2, 11)):
    return pipeline.extract_one(Article(id="w", text=text, published=published)).events


def _triggers(event) -> list[str]:
    return [ev.text for ev in event.evidence if ev.field == "trigger"]


def _texts(actors) -> list[str]:
    return [a.text for a in actors]


def test_two_subjects_of_one_verb_keep_the_nearer(nlp) -> None:
    # the parser hangs "act" on "slaughtered" as a second subject
    text = ("The most recent Islamic act of war, in which self-professed Islamic State jihadi Omar Mir "
            "Seddique Mateen slaughtered 49 people and injured scores of others at a gay nightclub in "
            "Orlando, Fla., should be a game changer.")
    roles = roles_at(nlp, text, "slaughtered", 0, plover="ASSAULT", cameo="190", goldstein=-10.0)
    assert _texts(roles.actor1) == ["self-professed Islamic State jihadi Omar Mir Seddique Mateen"]


def test_who_attacks_a_meeting_did_not_hold_it(nlp) -> None:
    text = 'He said the army had attacked a meeting of "terrorists".'
    roles = roles_at(nlp, text, "meeting", 0, plover="CONSULT", cameo="040", goldstein=1.0)
    assert "army" not in _texts(roles.actor1)


def test_an_attack_blamed_on_a_group_was_done_by_it(nlp) -> None:
    text = "A drone attack blamed on Houthi rebels killed three soldiers at a military base on Monday."
    roles = roles_at(nlp, text, "attack", 0, plover="ASSAULT", cameo="195", goldstein=-10.0)
    assert _texts(roles.actor1) == ["Houthi rebels"]
    assert "Houthi rebels" not in _texts(roles.actor2)


def test_what_a_monitor_tracks_is_no_event(pipeline) -> None:
    text = ("Security forces have killed more than 4,000 civilians, according to the Assistance Association "
            "for Political Prisoners, a rights group that tracks arrests and killings.")
    triggers = [t for e in _events(pipeline, text) for t in _triggers(e)]
    assert "arrests" not in triggers and "killings" not in triggers


def test_a_trend_of_attacks_is_no_event(pipeline) -> None:
    text = "The United Nations said it was deeply alarmed by the rising number of air attacks."
    triggers = [t for e in _events(pipeline, text) for t in _triggers(e)]
    assert not any("attacks" in t for t in triggers)


def test_the_paragraph_after_the_lead_tells_the_leads_day(pipeline) -> None:
    text = ("GOMA, Congo (Reuters) - M23 rebels shelled the outskirts of Goma on Saturday, killing six "
            "civilians, a local official said.\n\n"
            "Bombs struck a camp for displaced people in Mugunga, west of the city, said a spokesman for "
            "the provincial government.")
    assaults = [e for e in _events(pipeline, text) if e.plover == "ASSAULT"]
    struck = [e for e in assaults if "struck" in _triggers(e)]
    assert struck and struck[0].date.date == dt.date(2024, 2, 10), [(e.date, _triggers(e)) for e in assaults]


def test_a_paragraph_after_the_story_named_another_time_keeps_its_own_day(pipeline) -> None:
    # the paragraphs after the lead tell it in detail only until the story moves on to another time
    text = ("GOMA, Congo (Reuters) - M23 rebels shelled the outskirts of Goma on Saturday, killing six "
            "civilians, a local official said.\n\n"
            "The rebels seized the town of Rubaya in February, the army said.\n\n"
            "Bombs struck a camp for displaced people in Mugunga.")
    struck = [e for e in _events(pipeline, text) if "struck" in _triggers(e)]
    assert struck and struck[0].date.date != dt.date(2024, 2, 10)


def test_a_camp_the_gazetteer_lacks_is_placed_at_the_town_it_is_near(pipeline) -> None:
    text = ("A drone struck a barracks at the Al-Alam camp near the city of Ataq in Yemen on Monday, "
            "killing three soldiers.")
    event = next(e for e in _events(pipeline, text, dt.date(2023, 3, 14)) if e.plover == "ASSAULT")
    assert event.place is not None and event.place.name == "Ataq" and event.place.lat is not None


def test_a_town_named_later_refines_the_leads_province(pipeline) -> None:
    text = ("Gunmen killed a community leader and his son in Colombia's southwestern Cauca province on "
            "Wednesday, authorities said.\n\n"
            "The attackers opened fire on the two men outside their home in the rural municipality of "
            "Suarez late Wednesday, the governor's office said.")
    event = next(e for e in _events(pipeline, text, dt.date(2024, 5, 10)) if e.plover == "ASSAULT")
    assert event.place is not None and event.place.precision == PlacePrecision.TOWN
    assert event.place.admin1 == "Cauca"


def test_a_compass_part_of_a_slanted_country_lies_inside_it() -> None:
    from eventscope.gazetteer_build import _compass_rows

    # A country slanting from south-west to north-east: its box's north-west corner holds no city.
    points = [(20.0 + i * 0.5, 60.0 + i * 0.5 + d, 1000) for i in range(30) for d in (-1.0, 0.0, 1.0)]
    rows = {r.name.split()[0]: r for r in _compass_rows("Slantia", "SLA", {"Slantia"}, points, 1)}
    north_west = rows["northwestern"]
    nearest = min(abs(north_west.lat - p[0]) + abs(north_west.lon - p[1]) for p in points)
    assert nearest < 1.0, (north_west.lat, north_west.lon)


def test_a_figure_after_at_is_no_place(pipeline) -> None:
    text = ("The Rapid Support Forces stormed Wad al-Noura village on Wednesday with heavy weapons. "
            "Sudan's Sovereign Council put the death toll at 104, including 35 children.\n\n"
            "The RSF said in a statement that its forces had clashed with army troops near the village, "
            "and denied targeting civilians.")
    places = [e.place.name for e in _events(pipeline, text) if e.place is not None]
    assert "104" not in places


def test_a_routine_of_raids_is_no_event(pipeline) -> None:
    text = "Israel has carried out near-nightly raids in the West Bank since the war began in October."
    triggers = [t for e in _events(pipeline, text, dt.date(2024, 7, 2)) for t in _triggers(e)]
    assert "raids" not in triggers


def test_what_bandits_often_do_is_no_event(pipeline) -> None:
    text = "Gangs, known locally as bandits, often kidnap villagers and schoolchildren for ransom in Nigeria."
    assert not [e for e in _events(pipeline, text, dt.date(2024, 3, 11)) if e.plover == "ASSAULT"]


def test_who_says_or_confirms_an_attack_did_not_make_it(nlp) -> None:
    text = "Kaduna state police spokesman Mansir Hassan confirmed the attack on Monday."
    roles = roles_at(nlp, text, "attack", 0, plover="ASSAULT", cameo="181", goldstein=-9.0)
    assert roles.actor1 == ()


def test_more_than_a_figure_adds_no_victims(pipeline) -> None:
    text = ("Hamas-led fighters attacked southern Israel on Oct. 7, 2023, killing about 1,200 people. "
            "More than 600 Palestinians have been killed in the West Bank since then, according to the "
            "Health Ministry.")
    for event in _events(pipeline, text, dt.date(2024, 7, 2)):
        assert event.fatalities is None or event.fatalities.best in (None, 1200), event.fatalities


def test_since_then_counts_from_the_time_told_before() -> None:
    from eventscope.model import DatePrecision, TimeRef
    from eventscope.stages.when_expr import find_expressions, resolve

    expr = next(e for e in find_expressions("More than 600 have been killed since then.") if "since" in e.text)
    anchor = TimeRef(dt.date(2023, 10, 7), None, DatePrecision.DAY)
    found = resolve(expr, dt.date(2024, 7, 2), past=True, anchor=anchor)
    assert found is not None and (found.date, found.date_end) == (dt.date(2023, 10, 7), dt.date(2024, 7, 2))


def test_an_attack_across_a_country_stays_at_the_country(pipeline) -> None:
    text = ("KYIV, Ukraine — Russian missiles and drones struck energy infrastructure across Ukraine "
            "overnight, killing at least five people, officials said on Saturday.")
    event = next(e for e in _events(pipeline, text, dt.date(2024, 4, 27)) if e.plover == "ASSAULT")
    assert event.place is not None and event.place.precision == PlacePrecision.COUNTRY


def test_the_mention_that_says_how_codes_the_event(pipeline) -> None:
    text = ("MOGADISHU, Somalia (Reuters) - At least 32 people were killed when al Shabaab militants attacked "
            "a beach hotel in Mogadishu on Friday night, police said on Saturday.\n\n"
            "A suicide bomber blew himself up at the entrance of the Beach View hotel before gunmen stormed "
            "the building, a police spokesman told reporters.")
    events = [e for e in _events(pipeline, text, dt.date(2024, 8, 3)) if e.plover == "ASSAULT"]
    lead = next(e for e in events if e.fatalities and e.fatalities.best == 32)
    assert lead.plover_mode == "suicide-attack" and lead.acled_sub_type == "Suicide bomb", \
        [(e.cameo, e.acled_sub_type, _triggers(e)) for e in events]
    assert lead.place is not None and lead.place.name == "Mogadishu"


MALI_MARKET = ("Suspected jihadists killed at least 20 civilians in an attack on a weekly market in central Mali's "
               "Mopti region on Sunday, local officials said on Tuesday.\n\n"
               "Gunmen on motorcycles surrounded the market in the village of Boni around midday and opened fire, "
               "a local elected official told AFP.\n\n"
               "The army said in a statement on Monday that it had neutralised about 15 terrorists in an air "
               "operation near Boni the same day, without mentioning the attack on the market.")


def test_one_massacre_told_in_three_paragraphs_is_one_event(pipeline) -> None:
    assaults = [e for e in _events(pipeline, MALI_MARKET, dt.date(2024, 3, 12))
                if e.plover == "ASSAULT" and any(t in ("attack", "opened") for t in _triggers(e))]
    assert len(assaults) == 1, [(e.date.date, _triggers(e)) for e in assaults]
    event = assaults[0]
    assert event.date.date == dt.date(2024, 3, 10)
    assert event.acled_sub_type == "Attack" and event.fatalities is not None and event.fatalities.best == 20


def test_the_day_an_attack_is_talked_about_is_not_its_day(pipeline) -> None:
    extraction = pipeline.extract_one(Article(id="m", text=MALI_MARKET, published=dt.date(2024, 3, 12)))
    talked = [m for m in extraction.mentions if m.trigger.text == "attack" and m.sentence_index > 0]
    assert talked and extraction.dates[talked[-1].id].date == dt.date(2024, 3, 10), extraction.dates[talked[-1].id]


def test_a_month_of_last_year() -> None:
    from eventscope.stages.when_expr import find_expressions, resolve

    expr = next(e for e in find_expressions("declared a state of emergency in August last year after"))
    found = resolve(expr, dt.date(2024, 9, 13), past=True)
    assert found is not None and found.date == dt.date(2023, 8, 1)


def test_a_town_named_with_its_province_is_the_place(pipeline) -> None:
    text = ("Ethiopian federal forces and Fano militiamen clashed for a third day in the Amhara region town of "
            "Debre Markos, residents said Friday.")
    event = next(e for e in _events(pipeline, text, dt.date(2024, 9, 13)) if e.plover == "ASSAULT")
    assert event.place is not None and event.place.precision == PlacePrecision.TOWN, event.place


def test_a_village_the_parser_calls_a_person_is_still_a_village(pipeline) -> None:
    text = "Gunmen kidnapped at least 87 people from Kajuru village in Nigeria's northwestern Kaduna state on Sunday."
    event = next(e for e in _events(pipeline, text, dt.date(2024, 3, 11)) if e.plover == "ASSAULT")
    assert event.place is not None and event.place.name == "Kajuru"


def test_a_story_filed_from_the_capital_keeps_the_leads_province(pipeline) -> None:
    text = ("ADDIS ABABA, Ethiopia (AP) — Ethiopian federal forces and Fano militiamen clashed for a third day "
            "in the Amhara region, residents said Friday.\n\n"
            "An official said federal troops had arrested scores of young men suspected of supporting the militia.")
    arrests = next(e for e in _events(pipeline, text, dt.date(2024, 9, 13)) if e.plover == "COERCE")
    assert arrests.place is not None and arrests.place.name == "Amhara", arrests.place


def test_an_agreement_is_dated_when_made_not_when_its_talks_are_due(pipeline) -> None:
    text = ("The two sides agreed to resume military-to-military talks and to hold a new round of "
            "consultations on climate change next month, according to a joint statement.")
    agreed = next(e for e in _events(pipeline, text, dt.date(2024, 4, 27)) if e.plover == "AGREE")
    assert agreed.date.date is not None and agreed.date.date <= dt.date(2024, 4, 27), agreed.date


def test_arrests_counted_since_an_event_weeks_ago_are_a_campaign(pipeline) -> None:
    text = ("Security forces arrested 35 people during protests in the western state of Zulia on Tuesday. "
            "The government has arrested more than 2,000 people since the July 28 vote, according to "
            "official figures.")
    arrests = [e for e in _events(pipeline, text, dt.date(2024, 8, 14)) if e.plover == "COERCE"]
    assert not any("2,000" in a.text for e in arrests for a in e.actor2), [[a.text for a in e.actor2] for e in arrests]


def test_who_rejects_accusations_did_not_make_them(nlp) -> None:
    text = "Wang rejected the accusations and said China had never provided lethal aid to either side."
    roles = roles_at(nlp, text, "accusations", 0, plover="ACCUSE", cameo="112", goldstein=-2.0)
    assert "Wang" not in _texts(roles.actor1)


def test_a_named_spot_in_no_named_town_is_the_site_of_the_storys_town(pipeline) -> None:
    text = ("MOGADISHU, Somalia (Reuters) - At least 32 people were killed when al Shabaab militants attacked "
            "a beach hotel in Mogadishu on Friday night, police said on Saturday.\n\n"
            "A suicide bomber blew himself up near the Beach View hotel at Lido beach, police said.")
    extraction = pipeline.extract_one(Article(id="s", text=text, published=dt.date(2024, 8, 3)))
    blast = next(m for m in extraction.mentions if m.trigger.text.startswith("blew"))
    place = extraction.places[blast.id]
    assert place is not None and place.name == "Mogadishu" and place.site is not None
    assert "Beach View" in place.site.text


def test_a_vehicle_that_hits_a_landmine_did_not_disrupt_it(pipeline) -> None:
    text = "On 11 July 2022, in Tillaberi, a military vehicle hit a landmine near Tera, killing 2 soldiers."
    event = next(e for e in _events(pipeline, text) if e.plover == "ASSAULT")
    assert event.acled_sub_type == "Remote explosive/landmine/IED", event.reasons


def test_a_controlled_detonation_read_off_the_sentence_stands_in_a_snippet(pipeline) -> None:
    from eventscope.evaluate.predict import predict_snippets
    from eventscope.evaluate.records import GoldSnippet

    text = ("On 17 June 2021, in Borno, soldiers found and detonated an improvised explosive device planted on "
            "the Maiduguri-Damboa road.")
    [label] = predict_snippets([GoldSnippet(id="1", text=text, label="DISR_WEAP", accepted=frozenset())], pipeline)
    assert label.label == "Disrupted weapons use", label


def test_a_recruitment_rally_is_no_protest(pipeline) -> None:
    text = ("Al Shabaab militants held a recruitment rally in Middle Juba on 21 August 2021, enlisting dozens of "
            "young men into the group.")
    events = _events(pipeline, text)
    assert not any(e.plover == "PROTEST" for e in events)
    assert any(e.acled_sub_type == "Change to group/activity" for e in events)


def test_a_toll_told_alone_goes_to_the_fighting_not_the_rally(pipeline) -> None:
    text = ("Police in Kano said on Sunday they had arrested 47 suspects after a clash between rival political "
            "thugs left at least 12 people dead in the state capital on Saturday.\n\n"
            "A police spokesman said the violence broke out during a campaign rally. Hospital sources put the "
            "death toll at 15.")
    events = _events(pipeline, text, dt.date(2024, 2, 19))
    rally = [e for e in events if e.plover == "PROTEST"]
    assert all(e.fatalities is None for e in rally)
    clash = next(e for e in events if e.plover == "ASSAULT")
    assert clash.fatalities is not None and {c.min for c in clash.fatalities.claims} >= {12, 15}


def test_what_an_attack_could_have_done_leaves_it_happened(nlp) -> None:
    from eventscope.stages.detect import detect
    from eventscope.stages.nlp import parse

    for text, expected in (("A bomb attack on Monday could have killed dozens, police said.", "occurred"),
                           ("An attack could kill thousands.", "hypothetical")):
        mentions = detect(parse(Article(id="c", text=text), nlp))
        attack = next(m for m in mentions if "attack" in m.trigger.text)
        assert attack.modality.value == expected, (text, attack.modality)


KENYA_AMBUSH = ("Al-Shabab extremists ambushed a police convoy in northeastern Kenya's Mandera county on Wednesday, "
                "killing at least four officers, a police report said.\n\n"
                "The attackers detonated an explosive device as the vehicles passed near Elwak town, then opened "
                "fire, according to the report.\n\n"
                "Kenyan troops have been fighting al-Shabab in Somalia since 2011 as part of an African Union "
                "force. The group has carried out dozens of attacks in Kenya's border regions in recent years.")


def test_the_details_of_an_ambush_join_it(pipeline) -> None:
    events = [e for e in _events(pipeline, KENYA_AMBUSH, dt.date(2024, 5, 23)) if e.plover == "ASSAULT"]
    ambush = next(e for e in events if "ambushed" in _triggers(e))
    assert {"detonated", "opened"} <= set(_triggers(ambush)) or all(
        e.date.date == dt.date(2024, 5, 22) for e in events if {"detonated", "opened"} & set(_triggers(e)))


def test_a_war_going_on_and_a_count_of_attacks_are_no_events(pipeline) -> None:
    triggers = [t for e in _events(pipeline, KENYA_AMBUSH, dt.date(2024, 5, 23)) for t in _triggers(e)]
    assert "fighting" not in triggers and "attacks" not in triggers


def test_recent_years_are_years() -> None:
    from eventscope.stages.when_expr import find_expressions, resolve

    expr = next(e for e in find_expressions("dozens of attacks in recent years"))
    found = resolve(expr, dt.date(2024, 5, 23), past=True)
    assert found is not None and found.date is not None and found.date.year <= 2020


def test_a_prisoner_exchange_is_an_agreement_and_no_war(pipeline) -> None:
    text = ("Russia and Ukraine exchanged 95 prisoners of war each on Friday in a swap mediated by the United "
            "Arab Emirates, officials from both countries said.")
    events = _events(pipeline, text, dt.date(2024, 8, 24))
    assert not any(e.plover == "ASSAULT" for e in events), [(e.plover, _triggers(e)) for e in events]
    swap = next(e for e in events if e.plover == "RETREAT")
    assert swap.plover_mode == "release" and swap.acled_sub_type == "Agreement"


def test_sides_that_agree_on_a_swap_make_an_agreement(pipeline) -> None:
    text = "On 6 January 2021, in Yemen, the Houthis and the government agreed on a prisoner swap under UN supervision."
    events = _events(pipeline, text)
    assert any(e.acled_sub_type == "Agreement" for e in events), [(e.plover, e.acled_sub_type) for e in events]


def test_supporters_and_critics_of_a_leader_are_not_the_leader() -> None:
    from eventscope.stages.actor_lookup import lookup_actor

    for text, country in (("hundreds of supporters of jailed former Prime Minister Imran Khan", "PAK"),
                          ("critics of President Putin", "RUS")):
        actor = lookup_actor(text)
        assert actor.sector != "GOV" and "Khan" not in actor.name and "Putin" not in actor.name, actor
        assert actor.country == country
