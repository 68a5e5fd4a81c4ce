"""resolve_actors on parsed sentences: who acts on whom, from the dependency parse.

Mentions are built by hand (trigger_token = the trigger word's index) so these
tests do not depend on the detect stage.
"""

from __future__ import annotations

import pytest

from actor_support import roles_at
from eventscope.model import Actor, ActorRoles, Article, Mention, Span
from eventscope.stages.actors import resolve_actors
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def _roles(nlp, text: str, trigger: str, occurrence: int = 0) -> ActorRoles:
    return roles_at(nlp, text, trigger, occurrence)


def _codes(actors: tuple[Actor, ...]) -> list[tuple[str | None, str | None]]:
    return [(a.country, a.sector) for a in actors]


def test_possessive_subject_and_compound_object(nlp) -> None:
    roles = _roles(nlp, "Iraq's military condemned the US airstrikes.", "condemned")
    assert _codes(roles.actor1) == [("IRQ", "MIL")]
    assert _codes(roles.actor2) == [("USA", "MIL")]
    assert roles.actor1[0].reason.startswith("nsubj of 'condemned'")
    assert roles.actor1[0].span == Span(0, 15, "Iraq's military")


def test_passive_with_agent(nlp) -> None:
    roles = _roles(nlp, "US forces in Syria were attacked by multiple rockets.", "attacked")
    assert _codes(roles.actor2) == [("USA", "MIL")]
    assert roles.actor2[0].reason.startswith("passive subject of 'attacked'")
    assert roles.actor1 == ()  # rockets are the weapon, not an actor


def test_members_after_including_resolve_with_affiliation(nlp) -> None:
    text = ("The Pentagon said the facilities were used by Iran-backed militia factions, "
            "including Kata’ib Hezbollah and Kata’ib Sayyid al-Shuhada.")
    roles = _roles(nlp, text, "used")
    names = [(a.name, a.country, a.affiliation) for a in roles.actor1]
    assert names == [("Kata'ib Hezbollah", "IRQ", "IRN"), ("Kata'ib Sayyid al-Shuhada", "IRQ", "IRN")]
    assert all("including" in a.reason for a in roles.actor1)


def test_fronted_country_and_object(nlp) -> None:
    text = ("In Iran, foreign ministry spokesman Saeed Khatibzadeh accused the US of creating "
            "instability in the region.")
    roles = _roles(nlp, text, "accused")
    assert _codes(roles.actor1) == [("IRN", "GOV")]
    assert [a.country for a in roles.actor2] == ["USA"]


def test_fronted_country_for_an_unlisted_spokesman(nlp) -> None:
    text = "In Iran, foreign ministry spokesman Ali Rahimpour accused the US of creating instability."
    roles = _roles(nlp, text, "accused")
    assert _codes(roles.actor1) == [("IRN", "GOV")]
    assert "fronted 'In Iran'" in roles.actor1[0].reason


def test_noun_trigger_modifier_and_target(nlp) -> None:
    roles = _roles(nlp, "Israeli airstrikes on Gaza killed 12 people.", "airstrikes")
    assert _codes(roles.actor1) == [("ISR", "MIL")]
    assert [a.country for a in roles.actor2] == ["PSE"]


def test_noun_trigger_object_of_light_verb(nlp) -> None:
    text = "US Air Force planes carried out airstrikes against militia facilities near the border."
    roles = _roles(nlp, text, "airstrikes")
    assert _codes(roles.actor1) == [("USA", "MIL")]


def test_came_under_attack_makes_the_subject_the_target(nlp) -> None:
    roles = _roles(nlp, "US troops in eastern Syria came under rocket attack Monday.", "attack")
    assert _codes(roles.actor2) == [("USA", "MIL")]
    assert roles.actor1 == ()  # "rocket" is not an actor


def test_coordinated_subjects_are_one_list(nlp) -> None:
    text = "Kata'ib Hezbollah and Kata'ib Sayyid al-Shuhada vowed revenge against the United States."
    roles = _roles(nlp, text, "vowed")
    assert [a.name for a in roles.actor1] == ["Kata'ib Hezbollah", "Kata'ib Sayyid al-Shuhada"]
    assert [a.country for a in roles.actor2] == ["USA"]


def test_pronoun_takes_nearest_earlier_subject(nlp) -> None:
    roles = _roles(nlp, "Blinken spoke to reporters in Rome. He warned Iran.", "warned")
    assert [a.name for a in roles.actor1] == ["Antony Blinken"]
    assert "pronoun 'He'" in roles.actor1[0].reason
    assert [a.country for a in roles.actor2] == ["IRN"]


def test_object_pronoun_is_not_its_own_clauses_subject(nlp) -> None:
    # "him" cannot be the soldiers who beat him, nor plural: the man of the main clause
    roles = _roles(nlp, "An elderly man died after soldiers beat him.", "beat")
    assert [a.name for a in roles.actor1] == ["soldiers"]
    assert "pronoun 'him' -> nearest earlier subject 'elderly man'" in roles.actor2[0].reason


def test_possessive_pronoun_reaches_through_a_relative_who(nlp) -> None:
    text = "Terrorists who secured weapons for their mass slaughter were never stopped."
    roles = _roles(nlp, text, "slaughter")
    assert [a.name for a in roles.actor1] == ["Terrorists"]
    assert roles.actor1[0].text == "their"  # the span stays where the text says it


def test_holder_of_a_right_or_decision_does_the_act(nlp) -> None:
    assert [a.text for a in _roles(nlp, "The army took the decision to attack the town.", "attack").actor1] == ["army"]
    assert _roles(nlp, "Critics condemned the decision to attack the town.", "attack").actor1 == ()


def test_clausal_subject_is_no_actor(nlp) -> None:
    text = ("He said Russia was intent on allowing the killing to continue and that what was needed from "
            "Moscow was \u201c less talk and more action from them to stop the slaughter. \u201d")
    roles = _roles(nlp, text, "stop")
    assert all("needed" not in a.text for a in roles.actor1)


def test_participle_joined_to_a_noun_borrows_its_clauses_subject(nlp) -> None:
    text = ("The government has taken back a number of areas with siege tactics, bombarding and "
            "starving people until they agree to leave.")
    roles = _roles(nlp, text, "bombarding")
    assert [a.text for a in roles.actor1] == ["government"]


def test_a_participle_after_the_noun_is_outside_its_phrase(nlp) -> None:
    # "strapped to their bodies, similar to ... Paris'": no country and no victim in the bomb's clause
    text = ("All three attackers opened fire and then detonated explosives strapped to their bodies, "
            "similar to the mass shootings at Paris' Bataclan concert hall in November.")
    assert _roles(nlp, text, "detonated").actor2 == ()


def test_a_town_a_relative_clause_hangs_on_is_no_attacker(nlp) -> None:
    # the parser hangs "which killed 13" on Aleppo and tags Aleppo LANGUAGE: the gazetteer's place is no actor
    assert _roles(nlp, "A bomb hit the cafe in Aleppo, which killed 13 people.", "killed").actor1 == ()


def test_apposition_fills_the_country(nlp) -> None:
    text = "A spokesman, Kenyan army Col. Paul Njuguna, said the rebels attacked the base."
    roles = _roles(nlp, text, "said")
    assert _codes(roles.actor1) == [("KEN", "MIL")]


def test_relative_clause_subject(nlp) -> None:
    text = "The police arrested Somali militants who attacked the hotel."
    roles = _roles(nlp, text, "attacked")
    assert _codes(roles.actor1) == [("SOM", "REB")]


def test_sponsor_and_target_of_xcomp(nlp) -> None:
    text = "Pakistan threatened to break off relations with India."
    roles = _roles(nlp, text, "threatened")
    assert [a.country for a in roles.actor1] == ["PAK"]
    assert [a.country for a in roles.actor2] == ["IND"]


def test_dates_and_media_are_not_targets(nlp) -> None:
    roles = _roles(nlp, "The colonel wrote on Twitter on Monday that the base was safe.", "wrote")
    assert roles.actor2 == ()


def test_coordinated_modifiers_give_two_actors(nlp) -> None:
    roles = _roles(nlp, "U.S. and Russian negotiators met in Geneva.", "met")
    assert _codes(roles.actor1) == [("USA", "GOV"), ("RUS", "GOV")]


def test_name_mentioned_earlier_with_a_title(nlp) -> None:
    text = ("A spokesman for the Kenyan army, Col. Paul Njuguna, said the base was safe. "
            "Njuguna later denied the report.")
    roles = _roles(nlp, text, "denied")
    assert _codes(roles.actor1) == [("KEN", "MIL")]
    assert "earlier mention" in roles.actor1[0].reason


def test_clause_on_a_thing_object_names_the_target(nlp) -> None:
    text = "Amnesty International published a report accusing the Nigerian army of abuses."
    roles = _roles(nlp, text, "published")
    assert [a.country for a in roles.actor2] == ["NGA"]


def test_place_of_a_measure_is_the_target_when_no_actor_is(nlp) -> None:
    roles = _roles(nlp, "Serbia lifted a night curfew in Montenegro.", "lifted")
    assert [a.country for a in roles.actor2] == ["MNE"]
    assert "place" in roles.actor2[0].reason


def test_where_is_not_who_for_the_agent(nlp) -> None:
    text = "An unknown group in Iraq wounded a US service member."
    roles = _roles(nlp, text, "wounded")
    assert [a.country for a in roles.actor1] == [None]
    assert "says where, not who" in (roles.actor1[0].unknown_reason or "")
    assert _codes(roles.actor2) == [("USA", "MIL")]


def test_dateline_gives_a_state_organ_its_country(nlp) -> None:
    parsed = parse(Article(id="d", text="The Education Department fined the university.", dateline="WASHINGTON"), nlp)
    token = next(t for t in parsed.doc if t.text == "fined")
    mention = Mention(id="m", article_id="d", sentence_index=0, trigger=Span(token.idx, token.idx + 5, "fined"),
                      trigger_token=token.i, plover="X", cameo="", goldstein=0.0)
    actor = resolve_actors(parsed, [mention])["m"].actor1[0]
    assert (actor.country, actor.sector) == ("USA", "GOV")
    assert "dateline 'WASHINGTON'" in actor.reason


def test_weapon_with_a_country_is_an_actor_without_is_not(nlp) -> None:
    assert _roles(nlp, "A roadside bomb killed two soldiers.", "killed").actor1 == ()
    roles = _roles(nlp, "A US drone killed two militants.", "killed")
    assert _codes(roles.actor1) == [("USA", "MIL")]


def test_subject_of_die_is_the_victim(nlp) -> None:
    roles = _roles(nlp, "Two Afghan soldiers died in the blast.", "died")
    assert roles.actor1 == ()
    assert _codes(roles.actor2) == [("AFG", "MIL")]
