"""ACLED sub-types decided by sentence structure (stages/acled_structure.py): the weapon names the
sub-type, seized weapons and people, ground handed over, protesters who occupy or wreck, and
interventions that hurt protesters (needs the real spaCy model).  Sentences are written for these
tests, in ACLED-note style, and are not from any evaluation set."""

from __future__ import annotations

import pytest

from eventscope.model import Article, Mention
from eventscope.stages.detect import detect
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def sub_types(nlp, text: str) -> dict[str, str | None]:
    mentions: list[Mention] = detect(parse(Article(id="t", text=text), nlp))
    return {m.trigger.text: m.acled_sub_type for m in mentions}


@pytest.mark.parametrize(("text", "trigger", "sub_type"), [
    # a chemical agent anywhere in the act makes it a chemical-weapon event
    ("Government forces fired shells loaded with sarin at the rebel-held suburb.", "fired", "Chemical weapon"),
    # a killing told through a rocket hit is the shelling
    ("Three farmers were killed when a mortar round hit their field.", "killed",
     "Shelling/artillery/missile attack"),
    # seizure of weapons is disrupted weapons use, of a person by gunmen an abduction
    ("Police seized a cache of rifles and grenades in the old market.", "seized", "Disrupted weapons use"),
    ("A teacher was seized by gunmen near the school gate.", "seized", "Abduction/forced disappearance"),
    # ground handed over is a non-violent transfer; a ceasefire is an agreement
    ("The rebels transferred the airport to the national army.", "transferred", "Non-violent transfer of territory"),
    ("A ceasefire between the two militias took effect in the district.", "ceasefire", "Agreement"),
    # arrested at a protest: a protest with intervention
    ("Police arrested fifteen students during a rally outside parliament.", "arrested", "Protest with intervention"),
    # taken by state agents, fate unknown: a forced disappearance
    ("A lawyer was picked up by intelligence agents and his whereabouts remain unknown.", "picked up",
     "Abduction/forced disappearance"),
])
def test_structural_sub_types(nlp, text: str, trigger: str, sub_type: str) -> None:
    found = sub_types(nlp, text)
    assert found.get(trigger) == sub_type, found


def test_protesters_who_vandalise_make_a_violent_demonstration(nlp) -> None:
    found = sub_types(nlp, "Traders protesting the new tax vandalised the customs office.")
    assert found.get("vandalised") == "Violent demonstration", found


def test_a_protester_shot_makes_the_dispersal_excessive_force(nlp) -> None:
    found = sub_types(nlp, "Police dispersed the sit-in and a student was shot dead.")
    assert found.get("dispersed") == "Excessive force against protesters", found


def test_tear_gas_alone_stays_a_protest_with_intervention(nlp) -> None:
    found = sub_types(nlp, "Workers rallied outside the factory; police fired tear gas to disperse them.")
    assert found.get("rallied") == "Protest with intervention", found


def test_arrests_of_protesters_later_stay_arrests(nlp) -> None:
    found = sub_types(nlp, "Police arrested ten activists at their homes after the protest.")
    assert found.get("arrested") == "Arrests", found


def test_riot_control_agents_in_war_are_chemical_weapons(nlp) -> None:
    # CS dropped on soldiers' positions is a chemical weapon; on a crowd of protesters it is not
    war = sub_types(nlp, "The army said enemy drones dropped munitions with CS gas on its positions near the "
                         "river, wounding four soldiers.")
    assert "Chemical weapon" in war.values(), war
    crowd = sub_types(nlp, "Police fired CS gas at protesters outside parliament, wounding three.")
    assert "Chemical weapon" not in crowd.values(), crowd


def test_a_vehicle_that_hit_a_mine_was_hit(nlp) -> None:
    found = sub_types(nlp, "A military truck hit a landmine on the road to the base, killing two soldiers.")
    assert found.get("hit") == "Remote explosive/landmine/IED", found
