"""ACLED sub-types the way ACLED's codebook draws the lines: strategic developments (bases, defused
bombs, territory), the act beating the weapon (gunmen who abduct), who took ground, protests the
police broke up, and which event a short snippet reports (needs the real spaCy model)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.evaluate.predict import main_event
from eventscope.model import Article, Mention
from eventscope.pipeline import Pipeline
from eventscope.stages.acled_refine import TERRITORY_SUB_TYPES
from eventscope.stages.detect import detect
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def sub_types(nlp, text: str) -> dict[str, str | None]:
    mentions: list[Mention] = detect(parse(Article(id="t", text=text), nlp))
    return {m.trigger.text: m.acled_sub_type for m in mentions}


@pytest.mark.parametrize(("text", "trigger", "sub_type"), [
    ("Armed men from the militia raped three women in the village.", "raped", "Sexual violence"),
    ("Unidentified gunmen abducted two aid workers on the road.", "abducted", "Abduction/forced disappearance"),
    ("Security forces defused a roadside bomb planted on the highway.", "defused", "Disrupted weapons use"),
    ("The Taliban established a new base in the district.", "established", "Headquarters or base established"),
    ("The army recaptured the town of Bartella from the Islamic State.", "recaptured", "Government regains territory"),
    ("The Taliban seized Sheberghan after government forces fled.", "seized", "Non-state actor overtakes territory"),
    ("Militants lobbed a grenade into a market.", "lobbed", "Grenade"),
    # found on a blind set written without the labels' keywords (case2021_written_l)
    ("Suspected militants hurled an explosive at a police post in Anantnag.", "hurled", "Grenade"),
    ("An army drone released munitions over a crowded market in Tawila, killing nine.", "released", "Air/drone strike"),
    ("Gunmen stormed a boarding school in Zamfara and marched 40 pupils into the forest.", "marched",
     "Abduction/forced disappearance"),
    ("Two armed movements announced that they were dissolving into a single coalition.", "dissolving",
     "Change to group/activity"),
    ("Clan elders signed a reconciliation document in Galkayo to end the feud.", "signed", "Agreement"),
    ("The jihadists announced a blockade of Menaka, warning traders to stay away.", "blockade", "Other"),
    ("Government troops entered the town of Kutum after days of fighting in which the rebels were pushed out.",
     "entered", "Government regains territory"),
    ("Rebel fighters entered the district centre after elders negotiated the handover; no fighting was reported.",
     "entered", "Non-violent transfer of territory"),
    ("Rebel fighters seized the district centre after government forces withdrew.", "seized",
     "Non-state actor overtakes territory"),
    ("Police detained dozens of women who had gathered on the square to denounce the election.", "detained",
     "Protest with intervention"),
    # no one intervened: the classifier reads "dispersing" as an intervention
    ("Traders in Peshawar shut their shops and staged a sit-in outside the press club on 2 May 2023 over inflated "
     "electricity bills, chanting slogans against the power company before dispersing in the evening.", "staged",
     "Peaceful protest"),
    ("An opposition group reported that government forces fired shells containing chlorine at rebel positions; "
     "the government denied the allegation.", "fired", "Chemical weapon"),
    # an armed group's own changes: new formations, recruits, leaders, moves
    ("The rebels announced the creation of a new military council.", "creation", "Change to group/activity"),
    ("The militia recruited hundreds of fighters in the north.", "recruited", "Change to group/activity"),
    ("The group appointed a new commander.", "appointed", "Change to group/activity"),
    ("The insurgents split into small groups and moved to the forests.", "split", "Change to group/activity"),
    ("Al Shabaab opened a new base in Jilib.", "opened", "Headquarters or base established"),
    # ordinary news is no armed group's change
    ("The company opened a new office in Lagos.", "opened", None),
    # armed men who are no state force do not arrest: they abduct
    ("The attackers rounded up the farmers working in rice fields near the village.", "rounded up",
     "Abduction/forced disappearance"),
    ("Mexican drug agents have arrested a U.S. citizen for possession of cocaine.", "arrested", "Arrests"),
    # ACLED codes no sanctions (the classifier had read the crackdown they punish as arrests)
    ("The United States imposed sanctions on three Iranian officials it accused of involvement in the "
     "crackdown on protesters.", "imposed", None),
    # an armed group with no aircraft told bombs with explosives, not from the air
    ("Rebels bombed an oil pipeline in the northeast.", "bombed", "Remote explosive/landmine/IED"),
    ("Government warplanes bombed rebel positions in the northeast.", "bombed", "Air/drone strike"),
    ("Rebels bombed the base with drones.", "bombed", "Air/drone strike"),
    # drones brought down are weapons disrupted
    ("US forces destroyed three Houthi drones over the Red Sea.", "destroyed", "Disrupted weapons use"),
    # ACLED codes no curfew (the classifier had read the protest around it)
    ("Protesters clashed with police, and the government imposed a nationwide curfew.", "imposed", None),
    # ACLED codes no court sentence as an arrest
    ("A Russian court sentenced a U.S. journalist to 16 years in prison.", "sentenced", None),
    # a promise is no ACLED agreement
    ("The prime minister vowed to eliminate terrorism.", "vowed", None),
    # force against protesters needs protesters: a gang shooting into a crowd is an attack
    ("Gang members opened fire on a crowd in the capital on Sunday, killing at least 12 people.", "opened", "Attack"),
])
def test_strategic_and_act_sub_types(nlp, text: str, trigger: str, sub_type: str) -> None:
    assert sub_types(nlp, text).get(trigger) == sub_type, sub_types(nlp, text)


def test_a_fight_that_takes_no_ground_takes_no_territory(nlp) -> None:
    # the classifier read a repelled attack on a base as the government regaining territory
    pipeline = Pipeline(nlp_model=nlp)
    events = pipeline.extract_one(Article(id="r", text=(
        "MAIDUGURI, Nigeria (AP) - Suspected Boko Haram fighters killed at least 15 farmers in northeast Nigeria's "
        "Borno state on Saturday, residents and a militia leader said. The attackers rounded up the farmers working "
        "in rice fields near the village of Zabarmari and slit their throats, said Babakura Kolo, a leader of a "
        "government-backed militia. Six other farmers were missing and feared abducted.\n\n"
        "The military said troops repelled an attack on a base in Damboa on Sunday, killing 10 insurgents."),
        published=dt.date(2020, 11, 30))).events
    assert events and not {e.acled_sub_type for e in events} & TERRITORY_SUB_TYPES
    found = sub_types(nlp, "The army recaptured the town of Bartella from the Islamic State.")
    assert found.get("recaptured") == "Government regains territory", found


def test_a_court_is_no_armed_group(nlp) -> None:
    # a court is not among the state forces of the sector table, nor armed: what it orders is no abduction
    found = sub_types(nlp, "The district court sentenced a man to prison for blasphemy.")
    assert found.get("sentenced") != "Abduction/forced disappearance", found


def test_a_protest_the_police_dispersed_is_a_protest_with_intervention(nlp) -> None:
    found = sub_types(nlp, "Protesters rallied against the government; police fired tear gas to disperse them.")
    assert found.get("rallied") == "Protest with intervention", found


def test_a_peaceful_protest_stays_peaceful(nlp) -> None:
    found = sub_types(nlp, "Teachers marched peacefully through the capital to demand higher pay.")
    assert found.get("marched") == "Peaceful protest", found


def test_the_snippet_event_is_the_main_clause(nlp, tiny_gazetteer) -> None:
    pipeline = Pipeline(nlp_model=nlp, gazetteer=tiny_gazetteer)
    extraction = pipeline.extract_one(Article(id="s", text=(
        "On 5 December 2019, security forces shot dead several protesters demonstrating against a fuel price hike.")))
    chosen = main_event(extraction)
    assert chosen is not None and chosen.acled_sub_type == "Excessive force against protesters"


def test_a_crowd_beating_a_man_is_mob_violence(nlp) -> None:
    found = sub_types(nlp, "A crowd of villagers beat a man accused of theft until he died.")
    assert found.get("beat") == "Mob violence", found


def test_an_armed_force_is_no_mob(nlp) -> None:
    # the classifier read a paramilitary's attack on a market as mob violence
    found = sub_types(nlp, "Sudan's paramilitary Rapid Support Forces attacked a market in El Fasher on Sunday, "
                           "killing at least 20 people, according to local activists.")
    assert found.get("attacked") not in ("Mob violence", "Violent demonstration"), found


def test_a_beating_never_takes_ground(nlp) -> None:
    # the classifier read "put bags over her head" as a territory event
    found = sub_types(nlp, "The men put bags over her head, beating and kicking them while demanding repayment.")
    assert found.get("beating") == "Attack", found


def test_the_classifier_never_swaps_who_took_the_ground() -> None:
    from eventscope.stages.acled_refine import snippet_sub_type

    # the wording says "regained"; that the SDF is no state is the actor rules' finding
    text = "On 2 May 2018, in Deir ez-Zor, the SDF regained control of several villages from IS."
    assert snippet_sub_type(text, "Non-state actor overtakes territory") is None


def test_a_snippet_without_a_trigger_is_read_by_the_classifier() -> None:
    from eventscope.stages.acled_refine import snippet_sub_type

    found = snippet_sub_type("Warplanes of the air force hit rebel positions near the town.")
    assert found is not None and found[1] == "Air/drone strike"


def test_a_past_relative_clause_keeps_its_own_modality(nlp) -> None:
    mentions = detect(parse(Article(id="t", text=(
        "Police began a dragnet aimed at uncovering the assassins of the former minister, "
        "who was murdered in a terrorist attack yesterday.")), nlp))
    murdered = next(m for m in mentions if m.trigger.text == "murdered")
    assert murdered.modality.value == "occurred", murdered.reasons


def test_verbally_attacked_is_criticism(nlp) -> None:
    mentions = detect(parse(Article(id="t", text="The opposition verbally attacked the government."), nlp))
    assert [m.plover for m in mentions if m.trigger.text == "attacked"] == ["ACCUSE"]


def test_the_classifier_keeps_an_event_reading_it_does_not_rule_out() -> None:
    from eventscope.stages.acled_refine import snippet_sub_type

    text = "Warplanes of the air force hit rebel positions near the town."
    assert snippet_sub_type(text, "Air/drone strike") is None


def test_a_cause_told_in_a_by_phrase_is_not_the_snippet_event(nlp, tiny_gazetteer) -> None:
    # "angered by the police shooting": the shooting caused the riot the snippet reports
    pipeline = Pipeline(nlp_model=nlp, gazetteer=tiny_gazetteer)
    extraction = pipeline.extract_one(Article(id="s", text=(
        "In the suburb, youths angered by the police shooting of a teenager set cars alight and threw "
        "stones at police on the night of 3 May 2023.")))
    chosen = main_event(extraction)
    assert chosen is not None and chosen.acled_sub_type == "Violent demonstration"


def test_a_crowd_that_seizes_and_kills_is_mob_violence(nlp) -> None:
    # the seizure is how the lynching was done; a killing is never property destruction
    found = sub_types(nlp, "A vigilante crowd seized two suspected thieves from a police post and burned "
                           "them to death on Tuesday.")
    assert found.get("seized") == "Mob violence", found
    assert found.get("burned") == "Mob violence", found


def test_positions_attacked_are_military_not_a_stance(nlp) -> None:
    found = sub_types(nlp, "Government troops attacked rebel positions near the town on Sunday.")
    assert found.get("attacked") == "Armed clash", found
