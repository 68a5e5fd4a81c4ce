"""Count phrases and ACLED's best figure (no spaCy model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.model import Claim, ClaimKind
from eventscope.stages.counts import best_figure
from eventscope.stages.numbers import parse_number, parse_quantity


@pytest.mark.parametrize(("text", "low", "high"), [
    ("4", 4, 4), ("1,200", 1200, 1200), ("four", 4, 4), ("twenty-one", 21, 21), ("a dozen", 12, 12),
    ("dozens", 12, None), ("hundreds", 100, None), ("scores", 20, None), ("tens", 10, None),
    ("at least seven", 7, None), ("more than 100", 101, None), ("up to 20", None, 20),
    ("as many as 20", None, 20), ("between 10 and 15", 10, 15), ("10-15", 10, 15), ("seven or eight", 7, 8),
    ("two hundred and five", 205, 205), ("about 12", 12, 12), ("no", 0, 0), ("several", 3, None),
    ("two dozen", 24, 24), ("1.5 million", 1_500_000, 1_500_000),
])
def test_quantities(text: str, low: int | None, high: int | None) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert (quantity.min, quantity.max) == (low, high)


@pytest.mark.parametrize("text", ["", "soldiers", "at least", "the", "15 - 10", "x" * 200])
def test_not_a_quantity(text: str) -> None:
    assert parse_quantity(text) is None


def test_parse_number_is_exact_only() -> None:
    assert parse_number("seven") == 7
    assert parse_number("at least seven") is None


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_number_parsing_never_crashes(text: str) -> None:
    quantity = parse_quantity(text)
    if quantity is not None:
        assert quantity.min is None or quantity.min >= 0
        assert quantity.min is None or quantity.max is None or quantity.min <= quantity.max


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_digits_round_trip(value: int) -> None:
    assert parse_number(str(value)) == value
    assert parse_number(f"{value:,}") == value


def _claim(low: int | None, high: int | None) -> Claim:
    return Claim(kind=ClaimKind.KILLED, min=low, max=high)


def test_best_figure_is_the_lowest_credible() -> None:
    assert best_figure([_claim(4, 4), _claim(7, None)]) == 4  # the reference article's two claims
    assert best_figure([_claim(None, 20)]) == 20
    assert best_figure([_claim(None, None)]) is None
    assert best_figure([]) is None
    assert best_figure([_claim(0, 0), _claim(3, 3)]) == 0


def test_data_tables_load() -> None:
    from eventscope.stages.counts import casualty_terms
    from eventscope.stages.counts_figures import person_nouns
    from eventscope.stages.numbers import number_words
    from eventscope.stages.when import speech_lemmas

    terms = casualty_terms()
    assert terms[("kill", "verb")].kind is ClaimKind.KILLED
    assert terms[("wounded", "adjective")].kind is ClaimKind.INJURED
    assert terms[("casualty", "noun")].role == "zero_only"
    assert number_words()["dozens"].value == 12 and number_words()["hundreds"].value == 100
    assert {"say", "tell", "report"} <= speech_lemmas()
    assert {"soldier", "civilian", "service member"} <= person_nouns()
