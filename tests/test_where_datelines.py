"""Where: wire datelines and reports filed from abroad, and the names of places the gazetteer lacks.

`local_name` is a pure function; the dateline and focus tests build a ParsedArticle (the focus ones parse
with the real model, so they are slow) over the tiny fixture gazetteer.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from eventscope.gazetteer import Gazetteer
from eventscope.model import Article, PlacePrecision
from eventscope.stages.nlp import ParsedArticle, parse
from eventscope.stages.where import resolve_places
from eventscope.stages.where_focus import article_focus, dateline_place, local_name
from where_support import mention_at


def _unparsed(text: str, dateline: str | None = None) -> ParsedArticle:
    # dateline_place reads only the article: no parse, no sentences
    return ParsedArticle(Article(id="d", text=text, dateline=dateline), spacy.blank("en")(text), ())


def test_local_names_lose_their_article_and_kind_word() -> None:
    assert local_name("THE NATIVIDAD CANTON") == "NATIVIDAD"
    assert local_name("the Zacamil neighborhood") == "Zacamil"
    assert local_name("Soacha municipality") == "Soacha"
    assert local_name("canton of San Jose") == "San Jose"
    assert local_name("LA PENA") == "LA PENA"  # a Spanish article is part of the name
    assert local_name("The Village") == "Village"  # never empty


def test_a_placeless_dateline_gives_its_bracketed_country(tiny_gazetteer: Gazetteer) -> None:
    parsed = _unparsed("NO CITY (EL SALVADOR), 29 SEP 89 -- [COMMUNIQUE] The front reiterates its offer.",
                       dateline="NO CITY")
    found = dateline_place(parsed, tiny_gazetteer)
    assert found is not None and found[0].kind == "country" and found[0].country == "SLV"
    # a dateline city is still read as before, and an unknown one with no country gives nothing
    city = dateline_place(_unparsed("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- Text."), tiny_gazetteer)
    assert city is not None and city[0].name == "San Salvador"
    assert dateline_place(_unparsed("CLANDESTINE, 3 JAN 90 (RADIO VENCEREMOS) -- Text.",
                                    dateline="CLANDESTINE"), tiny_gazetteer) is None


def test_an_ingested_dateline_with_its_country_gives_the_city(tiny_gazetteer: Gazetteer) -> None:
    """Ingest splits "BEIRUT, Lebanon (Reuters) -" into Article.dateline "BEIRUT, Lebanon": the city in
    that country, not nothing (the focus then fell to any country the body named)."""
    found = dateline_place(_unparsed("Israeli strikes hit the south.", dateline="BEIRUT, Lebanon"), tiny_gazetteer)
    assert found is not None and (found[0].name, found[0].country) == ("Beirut", "LBN")
    # a city the gazetteer lacks gives its country
    found = dateline_place(_unparsed("Text.", dateline="ZURU, Lebanon"), tiny_gazetteer)
    assert found is not None and found[0].kind == "country" and found[0].country == "LBN"


@pytest.mark.slow
def test_a_report_filed_abroad_is_about_the_country_it_names(nlp, tiny_gazetteer: Gazetteer) -> None:
    text = ("PARIS, 12 JUL 89 (AFP) -- Soldiers killed two peasants in El Salvador on Monday.\n\n"
            "The army has attacked villages in El Salvador again, the committee said.")
    parsed = parse(Article(id="f", text=text, published=dt.date(1989, 7, 12), dateline="PARIS"), nlp)
    focus = article_focus(parsed, tiny_gazetteer)
    assert focus.foreign_dateline and focus.home == frozenset({"SLV"})
    mention = mention_at(parsed, "attacked")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.country == "SLV"
    # once the body comes back to France (a French word will do), the dateline is home again
    echoed = text + "\n\nFrench officials condemned the killings in Paris."
    parsed = parse(Article(id="g", text=echoed, published=dt.date(1989, 7, 12), dateline="PARIS"), nlp)
    focus = article_focus(parsed, tiny_gazetteer)
    assert not focus.foreign_dateline and "FRA" in focus.home


@pytest.mark.slow
def test_a_borrowed_country_narrows_to_the_only_town_the_article_names(nlp, tiny_gazetteer: Gazetteer) -> None:
    text = ("CLANDESTINE, 16 NOV 89 (RADIO VENCEREMOS) -- The front condemns the massacre of eight people "
            "by Salvadoran soldiers.\n\nNo more barbaric actions in San Salvador.")
    parsed = parse(Article(id="h", text=text, published=dt.date(1989, 11, 16), dateline="CLANDESTINE"), nlp)
    mention = mention_at(parsed, "massacre")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name == "San Salvador" and place.precision is PlacePrecision.TOWN
    assert place.span is None and place.reason.startswith("borrowed: ")


@pytest.mark.slow
def test_a_neighbourhood_the_gazetteer_lacks_is_geocoded_to_the_dateline_town(nlp, tiny_gazetteer: Gazetteer) -> None:
    text = "SAN SALVADOR, 12 NOV 89 (ACAN-EFE) -- A BOMB EXPLODED AT THE POLICE GARRISON IN THE ZACAMIL NEIGHBORHOOD."
    parsed = parse(Article(id="z", text=text, published=dt.date(1989, 11, 12)), nlp)
    mention = mention_at(parsed, "EXPLODED")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name == "San Salvador" and place.lat is not None
    assert place.span is not None and place.span.text.startswith("ZACAMIL")  # the text that placed it
    assert "neighbourhood" in place.reason
    # a name the text does not call a neighbourhood stays a local place without coordinates
    plain = text.replace("IN THE ZACAMIL NEIGHBORHOOD", "IN ZACAMIL")
    parsed = parse(Article(id="y", text=plain, published=dt.date(1989, 11, 12)), nlp)
    mention = mention_at(parsed, "EXPLODED")
    place = resolve_places(parsed, [mention], tiny_gazetteer)[mention.id]
    assert place is not None and place.name != "San Salvador"
