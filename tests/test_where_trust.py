"""Which gazetteer matches the where stage trusts, by the parser's label and the article's country.

Pure functions over hand-made records (no spaCy): the homonym and PERSON guards of stages/where_focus.py.
"""

from __future__ import annotations

from eventscope.gazetteer import GazPlace
from eventscope.model import PlacePrecision
from eventscope.stages.where_focus import Focus, trusted


def town(name: str, country: str, population: int) -> GazPlace:
    return GazPlace(1, 1, name, 0.0, 0.0, country, (), None, population, "city", PlacePrecision.TOWN)


SALVADORAN = Focus(weights={"SLV": 1.0}, lead=frozenset(), dominant="SLV", home=frozenset({"SLV"}))
UNKNOWN = Focus(weights={}, lead=frozenset(), dominant=None)


def test_small_homonym_abroad_is_rejected_once_the_country_is_known() -> None:
    santa_ana_gt = town("Santa Ana", "GTM", 9523)
    assert not trusted(santa_ana_gt, False, SALVADORAN, "GPE")
    assert trusted(santa_ana_gt, False, UNKNOWN, "GPE")  # no country known: a GPE is trusted
    assert trusted(town("Usulutan", "SLV", 51910), False, SALVADORAN, "GPE")
    assert trusted(town("Guatemala City", "GTM", 994938), False, SALVADORAN, "GPE")  # big: not a homonym


def test_person_name_is_a_place_only_as_a_big_city_of_the_article() -> None:
    leigh = town("Leigh", "GBR", 43006)
    assert not trusted(leigh, False, UNKNOWN, "PERSON")
    assert not trusted(leigh, False, Focus(weights={"GBR": 1.0}, lead=frozenset(), dominant="GBR",
                                             home=frozenset({"GBR"})), "PERSON")
    assert trusted(town("San Miguel", "SLV", 247126), False, SALVADORAN, "PERSON")
    assert not trusted(town("Leeds", "GBR", 455123), False, SALVADORAN, "PERSON")  # big, but abroad
