"""City agreement: the gazetteer's name of the predicted place, the place as the text writes it, or the spot within it."""

from __future__ import annotations

from eventscope.evaluate.matching import place_name_agrees
from eventscope.evaluate.records import GoldEvent, GoldPlace, PredictedEvent

GOLD = GoldEvent("g", "ATTACK", frozenset({"ASSAULT"}), place=GoldPlace(names=("ANTIGUA",)))


def test_the_text_spelling_counts() -> None:
    pred = PredictedEvent("d", frozenset({"ASSAULT"}), place_name="Antigua Guatemala", place_text="ANTIGUA")
    assert place_name_agrees(GOLD, pred)


def test_another_place_does_not() -> None:
    pred = PredictedEvent("d", frozenset({"ASSAULT"}), place_name="Guatemala City", place_text="GUATEMALA")
    assert not place_name_agrees(GOLD, pred)
    assert not place_name_agrees(GOLD, PredictedEvent("d", frozenset({"ASSAULT"})))


def test_the_spot_within_the_place_counts_without_its_article() -> None:
    gold = GoldEvent("g", "ATTACK", frozenset({"ASSAULT"}), place=GoldPlace(names=("CENTRAL AMERICAN UNIVERSITY",)))
    pred = PredictedEvent("d", frozenset({"ASSAULT"}), place_name="El Salvador", place_text="EL SALVADOR",
                          site_text="THE CENTRAL AMERICAN UNIVERSITY")
    assert place_name_agrees(gold, pred)
    other = PredictedEvent("d", frozenset({"ASSAULT"}), place_name="El Salvador", site_text="the national university")
    assert not place_name_agrees(gold, other)
