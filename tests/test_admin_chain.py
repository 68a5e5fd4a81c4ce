"""Administrative chains in ACLED-style notes ("Djibo (Djibo, Soum, Sahel)"), on the real gazetteer."""

from __future__ import annotations

import pytest

from eventscope.config import load_settings
from eventscope.gazetteer import Gazetteer
from eventscope.model import Article, Mention, Place, PlacePrecision, Sentence, Span
from eventscope.stages.admin_chain import chain_places, refine_places
from eventscope.stages.nlp import ParsedArticle
from eventscope.stages.where import load_gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(load_settings())


@pytest.mark.parametrize(("text", "name", "country", "precision"), [
    ("JNIM militants attacked a military post in Djibo (Djibo, Soum, Sahel).", "Djibo", "BFA", PlacePrecision.TOWN),
    ("Houthi forces shelled Taizz city (Al Qahirah, Taizz).", "Taizz", "YEM", PlacePrecision.TOWN),
    ("Russian forces shelled Bakhmut (Bakhmutskyi, Donetsk).", "Bakhmut", "UKR", PlacePrecision.TOWN),
    ("Separatists kidnapped two teachers in Bamenda (Mezam, Nord-Ouest).", "Bamenda", "CMR", PlacePrecision.TOWN),
    ("Gunmen clashed with police in Zamora (Zamora, Michoacan de Ocampo).", "Zamora", "MEX", PlacePrecision.TOWN),
    ("Clashes were reported in a village (Bakhmutskyi, Donetsk).", "Donetsk", "UKR", PlacePrecision.ADMIN1),
])
def test_chain_resolves_inside_its_division(gaz: Gazetteer, text: str, name: str, country: str,
                                            precision: PlacePrecision) -> None:
    (chain,) = chain_places(text, gaz)
    assert chain.place.country == country and chain.place.precision is precision
    assert chain.place.span is not None and chain.place.span.text == name
    assert text[chain.place.span.start:chain.place.span.end] == name


@pytest.mark.parametrize("text", [
    "MEXICO CITY (MEXICO), 12 JAN 90 -- Police said ...",  # a country, not a division
    "Officials in Baghdad (Reuters) said ...",  # an agency
    "People gathered at the main square (central) of Burgos.",  # a translator's note
    "The Islamic State (IS) claimed the attack.",
])
def test_brackets_that_are_not_chains(gaz: Gazetteer, text: str) -> None:
    assert chain_places(text, gaz) == []


def _note(text: str) -> ParsedArticle:
    article = Article(id="n", text=text)
    return ParsedArticle(article=article, doc=None, sentences=(Sentence(0, 0, len(text), text),))  # type: ignore[arg-type]


def _mention(text: str, word: str) -> Mention:
    at = text.index(word)
    return Mention(id=f"n:0:{at}", article_id="n", sentence_index=0, trigger=Span(at, at + len(word), word),
                   trigger_token=0, plover="ASSAULT", cameo="190", goldstein=-10.0)


def test_refine_replaces_missing_foreign_or_coarser_places_only(gaz: Gazetteer) -> None:
    text = "On 11 January 2023, Houthi forces shelled Taizz city (Al Qahirah, Taizz). A child was killed."
    parsed, shelled = _note(text), _mention(text, "shelled")
    cairo = Place("Cairo", 30.06, 31.25, "EGY", "Cairo", PlacePrecision.TOWN)
    for before in (None, cairo, Place("Yemen", 15.5, 47.5, "YEM", precision=PlacePrecision.COUNTRY)):
        refined = refine_places(parsed, [shelled], {shelled.id: before}, gaz)[shelled.id]
        assert refined is not None and refined.country == "YEM" and refined.precision is PlacePrecision.TOWN
    inside = Place("Taiz", 13.58, 44.02, "YEM", "Taizz", PlacePrecision.TOWN, reason="where stage")
    assert refine_places(parsed, [shelled], {shelled.id: inside}, gaz)[shelled.id] is inside


def test_town_comma_division_picks_the_town_inside_it(tiny_gazetteer) -> None:
    from eventscope.stages.admin_chain import comma_places

    found = comma_places("Two people were shot dead in Paris, Texas, on Sunday.", tiny_gazetteer)
    assert [(c.place.name, c.place.country) for c in found] == [("Paris", "USA")]
    assert comma_places("Airstrikes hit Aleppo, Idlib and Hama.", tiny_gazetteer) == []


def test_a_state_named_like_a_country_still_places_its_town(tiny_gazetteer) -> None:
    from eventscope.stages.admin_chain import comma_places

    # Georgia is a country too, but it has no Rome: the US state's town is meant
    found = comma_places("A gunman killed two people in Rome, Georgia, on Monday.", tiny_gazetteer)
    assert [(c.place.name, c.place.country, c.place.admin1) for c in found] == [("Rome", "USA", "Georgia")]
    # the country's own town is the country's: no US state reading
    assert comma_places("A bomb exploded in Batumi, Georgia, on Monday.", tiny_gazetteer) == []


@pytest.mark.slow
def test_a_town_division_pair_corrects_only_its_own_name(nlp, tiny_gazetteer) -> None:
    from eventscope.pipeline import Pipeline

    pipeline = Pipeline(nlp_model=nlp, gazetteer=tiny_gazetteer)
    extraction = pipeline.extract_one(Article(id="v", text=(
        "A veteran from Paris, Texas, recalled the battle in Baghdad, where insurgents killed his friends in 2004.")))
    countries = {e.place.country for e in extraction.events if e.place is not None}
    assert "USA" not in countries, countries
