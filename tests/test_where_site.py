"""Stage where: the spot within a place that the event's clause names ("in her home", "at a
checkpoint"), kept on the place as `site` and given as the place argument (real parses -> slow)."""

from __future__ import annotations

import pytest

from eventscope.evaluate.predict import triggers_to_predictions
from eventscope.gazetteer import Gazetteer
from eventscope.model import Article
from eventscope.pipeline import Extraction
from eventscope.stages.nlp import parse
from eventscope.stages.where import resolve_places
from eventscope.stages.where_site import area_reference, event_site
from where_support import mention_at

pytestmark = pytest.mark.slow


def site_text(nlp, text: str, word: str) -> str | None:
    parsed = parse(Article(id="s", text=text), nlp)
    site = event_site(parsed.doc, mention_at(parsed, word).trigger_token)
    return site.text if site else None


def test_a_facility_under_a_locative_preposition_is_the_site(nlp) -> None:
    text = "A girl was stabbed to death by an attacker on Thursday in her home in a West Bank settlement."
    assert site_text(nlp, text, "stabbed") == "her home"
    assert site_text(nlp, "The men smashed into her small wooden shack on March 30.", "smashed") == \
        "her small wooden shack"


def test_the_clause_the_trigger_goes_on_with_and_the_verb_of_a_noun_trigger(nlp) -> None:
    text = "The bomb exploded on Friday, wounding 13 people on a busy pedestrian street in Lyon."
    assert site_text(nlp, text, "exploded") == "a busy pedestrian street"
    assert site_text(nlp, "Gunmen carried out an attack at a mosque in Kabul.", "attack") == "a mosque"


def test_a_spot_that_is_the_places_own_name_is_no_site(nlp, tiny_gazetteer: Gazetteer) -> None:
    parsed = parse(Article(id="s6", text="A car bomb exploded at the Mosul airport on Monday."), nlp)
    mention = mention_at(parsed, "exploded")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name == "Mosul" and place.span.text == "Mosul airport"
    assert place.site is None


def test_a_spot_in_an_article_that_names_no_place_is_all_there_is(nlp, tiny_gazetteer: Gazetteer) -> None:
    parsed = parse(Article(id="s5", text="They opted to detonate the bomb at the base of the tomb."), nlp)
    mention = mention_at(parsed, "detonate")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name == "the base" and place.site is not None
    assert place.lat is None and place.country is None and place.span is None
    assert "no coordinates" in place.reason


def test_the_noun_a_where_clause_is_about_is_the_site(nlp) -> None:
    text = "He toured the prisons where the regime tortured and executed thousands of people."
    assert site_text(nlp, text, "executed") == "the prisons"
    assert site_text(nlp, text, "tortured") == "the prisons"


def test_what_is_attacked_and_settlements_are_no_site(nlp) -> None:
    # "on" names the target of an attack unless it is a way; a town or province is the gazetteer's
    assert site_text(nlp, "Militants launched an attack on the embassy.", "attack") is None
    assert site_text(nlp, "Three people were killed in the same province.", "killed") is None
    assert site_text(nlp, "Three people were killed in Kabul.", "killed") is None


def test_the_site_rides_on_the_place_and_is_the_place_argument(nlp, tiny_gazetteer: Gazetteer) -> None:
    text = "A car bomb exploded at a checkpoint in Mosul on Monday."
    parsed = parse(Article(id="s2", text=text), nlp)
    mention = mention_at(parsed, "exploded")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name == "Mosul" and place.site is not None
    assert place.site.text == "a checkpoint" and place.span is not None and place.span.text == "Mosul"
    extraction = Extraction(parsed, [mention], {}, {}, {mention.id: place}, {}, [])
    [predicted] = triggers_to_predictions("s2", extraction)
    assert [(a.role, a.text) for a in predicted.arguments] == [("place", "a checkpoint")]



def test_a_borrowed_place_keeps_the_words_its_clause_refers_to_it_by(nlp, tiny_gazetteer: Gazetteer) -> None:
    # "the same province" names no place, but it is where the text says the killing was: the evidence
    # and the place argument, while the map point stays the place borrowed from the sentence before
    text = "A car bomb exploded in Kirkuk on Monday. Two policemen were killed in the same province on Tuesday."
    parsed = parse(Article(id="s9", text=text), nlp)
    bomb, killing = mention_at(parsed, "exploded"), mention_at(parsed, "killed")
    places = resolve_places(parsed, [bomb, killing], tiny_gazetteer)
    place = places[killing.id]
    assert place is not None and place.name == "Kirkuk" and place.span is None
    assert place.reference is not None and place.reference.text == "the same province"
    assert places[bomb.id] is not None and places[bomb.id].reference is None  # named: its span says where
    extraction = Extraction(parsed, [killing], {}, {}, {killing.id: place}, {}, [])
    [predicted] = triggers_to_predictions("s9", extraction)
    assert [(a.role, a.text) for a in predicted.arguments] == [("place", "the same province")]


@pytest.mark.parametrize(("text", "word", "reference"), [
    ("Bombs were detonated at places thronged with shoppers.", "detonated", "places"),
    ("Just after 11.30pm a wave of shooting broke out in the main Catholic areas.", "shooting",
     "the main Catholic areas"),
    ("The republic has seen numerous bombings targeted at the military.", "bombings", "The republic"),
    ("Two soldiers were killed in the same province.", "killed", "the same province"),
    ("Two soldiers were killed in the village of Tal Afar.", "killed", None),  # the name is the place
    ("Two soldiers were killed in a clash.", "killed", None),
])
def test_an_area_noun_of_the_triggers_clause_refers_to_a_place(nlp, text: str, word: str,
                                                               reference: str | None) -> None:
    parsed = parse(Article(id="s10", text=text), nlp)
    found = area_reference(parsed.doc, mention_at(parsed, word).trigger_token)
    assert (found.text if found else None) == reference


@pytest.mark.parametrize(("text", "word", "site"), [
    ("A car bomb exploded on Haifa Street in Baghdad on Monday.", "exploded", "Haifa Street"),
    ("A suicide bomber blew himself up on Rue Hamra in Beirut.", "blew", "Rue Hamra"),
    ("A bomb exploded at Al-Shifa Hospital in Damascus.", "exploded", "Al-Shifa Hospital"),
])
def test_a_named_spot_is_the_site_within_the_town_named_with_it(nlp, tiny_gazetteer: Gazetteer, text: str,
                                                                 word: str, site: str) -> None:
    parsed = parse(Article(id="s7", text=text), nlp)
    mention = mention_at(parsed, word)
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.site is not None and place.site.text == site
    assert place.lat is not None and place.name in ("Baghdad", "Beirut", "Damascus"), place


def test_a_named_spot_with_no_town_named_is_the_place(nlp, tiny_gazetteer: Gazetteer) -> None:
    parsed = parse(Article(id="s8", text="A bomb exploded at Al-Shifa Hospital on Monday."), nlp)
    mention = mention_at(parsed, "exploded")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name == "Al-Shifa Hospital" and place.lat is None
