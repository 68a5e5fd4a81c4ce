"""Stage where: a place not named in the event's own sentence is borrowed and marked so; places the
gazetteer lacks; the nationality fallback; the event noun that names its place (real parses -> slow)."""

from __future__ import annotations

import dataclasses

import pytest

from eventscope.gazetteer import Gazetteer
from eventscope.model import Actor, ActorRoles, Article, PlacePrecision, Span
from eventscope.stages.nlp import ParsedArticle, parse
from eventscope.stages.where import BORROWED, _put_somewhere, resolve_places
from where_support import mention_at

pytestmark = pytest.mark.slow


@pytest.fixture
def gaz(tiny_gazetteer: Gazetteer) -> Gazetteer:
    return tiny_gazetteer


def place_of(parsed: ParsedArticle, gaz: Gazetteer, word: str):
    mention = mention_at(parsed, word)
    return resolve_places(parsed, [mention], gaz)[mention.id]


def test_follow_up_sentence_borrows_the_place_without_a_span(nlp, gaz: Gazetteer) -> None:
    text = "A car bomb exploded in Mosul on Monday. Two policemen were killed."
    parsed = parse(Article(id="b1", text=text), nlp)
    own = place_of(parsed, gaz, "exploded")
    assert own.name == "Mosul" and own.span is not None and own.span.text == "Mosul"
    follow = place_of(parsed, gaz, "killed")
    assert follow.name == "Mosul" and follow.span is None
    assert follow.reason.startswith(BORROWED) and "'Mosul'" in follow.reason


def test_an_earlier_sentence_of_the_paragraph_gives_the_scene(nlp, gaz: Gazetteer) -> None:
    text = ("Unidentified men placed three devices at the entrance of the mayor's home in Soyapango. "
            "Two of the devices exploded.")
    parsed = parse(Article(id="b2", text=text), nlp)
    place = place_of(parsed, gaz, "exploded")
    assert place.name == "Soyapango" and place.span is None and place.reason.startswith(BORROWED)


def test_the_event_noun_names_its_place(nlp, gaz: Gazetteer) -> None:
    parsed = parse(Article(id="b3", text="Officials still argue about the Mosul bombing."), nlp)
    place = place_of(parsed, gaz, "bombing")
    assert place is not None and place.name == "Mosul" and place.span.text == "Mosul"
    assert "names its place" in place.reason


def test_nationality_words_give_the_country_when_no_place_is_named(nlp, gaz: Gazetteer) -> None:
    text = ("The Salvadoran army massacred peasants, the rebels said. Salvadoran soldiers fired on the "
            "crowd, and the Salvadoran government denied it.")
    parsed = parse(Article(id="b4", text=text), nlp)
    place = place_of(parsed, gaz, "massacred")
    assert (place.country, place.precision) == ("SLV", PlacePrecision.COUNTRY)
    assert place.span is None and "nationality" in place.reason


def test_a_town_abroad_of_an_unnamed_country_is_read_as_a_local_place(nlp, gaz: Gazetteer) -> None:
    # The article is about Lebanon (dateline).  The gazetteer knows several towns "Santa Ana", none in
    # Lebanon and none in a country the article names: the name is kept as a local place the
    # gazetteer lacks, in the article's country, with no coordinates rather than wrong ones.
    text = "BEIRUT, 3 JAN 90 -- Gunmen attacked the village of Santa Ana on Tuesday."
    parsed = parse(Article(id="b5", text=text, dateline="BEIRUT"), nlp)
    place = place_of(parsed, gaz, "attacked")
    assert place is not None and place.country == "LBN" and place.lat is None
    assert place.span is not None and place.span.text == "Santa Ana" and "gazetteer" in place.reason


def test_an_event_named_after_a_place_is_placed_there(nlp, gaz: Gazetteer) -> None:
    # the parser tags "the Iraq War" EVENT as a whole; the war's name still says where it was fought
    parsed = parse(Article(id="b6", text="He served two tours during the Iraq War."), nlp)
    place = place_of(parsed, gaz, "War")
    assert place is not None and place.country == "IRQ" and place.span is not None


def test_an_event_named_after_a_spot_the_gazetteer_lacks_is_placed_there(nlp, gaz: Gazetteer) -> None:
    text = "He called the 1989 Tiananmen Square Massacre a riot."
    place = place_of(parse(Article(id="b6b", text=text), nlp), gaz, "Massacre")
    assert place is not None and place.span is not None and place.span.text == "Tiananmen Square"
    assert "not in the gazetteer" in place.reason
    # a lone name is not enough: the parser's labels on unknown names are too often people's names
    text = "He called the Zorblatt massacre a riot."
    place = place_of(parse(Article(id="b6d", text=text), nlp), gaz, "massacre")
    assert place is None or place.span is None


def test_the_place_fought_over_is_where_the_battle_is(nlp, gaz: Gazetteer) -> None:
    text = "Ministers will meet in Paris next week, in the midst of the battle for Syria."
    place = place_of(parse(Article(id="b6c", text=text), nlp), gaz, "battle")
    assert place is not None and place.country == "SYR" and place.span is not None


@pytest.mark.parametrize(("sentence", "trigger"), [
    # a place of the event compared with is not this event's
    ("Gunmen opened fire and then detonated explosives, similar to the bombings in Paris in November.",
     "detonated"),
    # a town that names an accord is no event's place
    ("Jets kept bombing the town for the sake of the Paris process.", "bombing"),
    # nor where someone spoke, nor the landmark a distance is measured from
    ("The minister said in Paris that jets had bombed the town.", "bombed"),
    ("Gunmen attacked the town, located 40 km east of Paris, on Tuesday.", "attacked"),
])
def test_a_town_named_for_another_reason_leaves_the_event_where_the_story_put_it(
        nlp, gaz: Gazetteer, sentence: str, trigger: str) -> None:
    parsed = parse(Article(id="b6e", text=f"A car bomb exploded in Mosul on Monday. {sentence}"), nlp)
    mentions = [mention_at(parsed, "exploded"), mention_at(parsed, trigger)]
    place = resolve_places(parsed, mentions, gaz)[mentions[1].id]
    assert place is not None and place.name == "Mosul"


def test_the_compared_event_keeps_its_own_place(nlp, gaz: Gazetteer) -> None:
    text = "Gunmen opened fire and then detonated explosives, similar to the bombings in Paris in November."
    assert place_of(parse(Article(id="b6f", text=text), nlp), gaz, "bombings").name == "Paris"


def test_only_a_name_that_puts_something_there_is_the_leads_place_in_this_sentence(nlp) -> None:
    # the fallback takes the lead's place named in the event's own sentence as this event's only when
    # the sentence puts something there
    doc = parse(Article(id="b6h", text="Fans skirmish ahead of the match in Marseille. Action is needed "
                                       "from Moscow to stop the slaughter."), nlp).doc
    marseille, moscow = (next(Span(e.start_char, e.end_char, e.text) for e in doc.ents if e.text == name)
                         for name in ("Marseille", "Moscow"))
    assert _put_somewhere(doc, marseille) and not _put_somewhere(doc, moscow)


def test_the_place_that_recorded_a_tally_is_its_place(nlp, gaz: Gazetteer) -> None:
    parsed = parse(Article(id="b7", text="In comparison, Paris recorded 47 homicides for all of 2015."), nlp)
    place = place_of(parsed, gaz, "homicides")
    assert place is not None and place.name == "Paris" and "names its place" in place.reason


def test_the_place_span_takes_in_the_place_noun_its_name_modifies(nlp, gaz: Gazetteer) -> None:
    parsed = parse(Article(id="b8", text="A bomb exploded at the Damascus bus station on Monday."), nlp)
    place = place_of(parsed, gaz, "exploded")
    assert place is not None and place.name == "Damascus" and place.span.text == "Damascus bus station"
    # a name that modifies no place noun keeps its own span
    parsed = parse(Article(id="b9", text="A bomb exploded in Damascus on Monday."), nlp)
    assert place_of(parsed, gaz, "exploded").span.text == "Damascus"


def test_a_country_named_in_passing_lends_no_place_to_the_next_sentence(nlp, gaz: Gazetteer) -> None:
    # A Salvadoran report: the talks abroad (Mexico) are no scene for the murder told next in the paragraph;
    # the dateline's country places it.  (Iraq in the seed article, named about as often as Syria and
    # Iran, still lends the Baghdad airport: tests/golden.)
    text = ("SAN SALVADOR, 3 JAN 90 -- Rebels attacked an army post in San Salvador. Troops shelled rebel "
            "positions in El Salvador. The negotiators met in Mexico. Unidentified men killed a judge.")
    parsed = parse(Article(id="b8", text=text, dateline="SAN SALVADOR"), nlp)
    mentions = [mention_at(parsed, word) for word in ("attacked", "shelled", "met", "killed")]
    places = resolve_places(parsed, mentions, gaz)
    assert places[mentions[2].id] is not None and places[mentions[2].id].country == "MEX"
    killed = places[mentions[3].id]
    assert killed is not None and killed.country == "SLV", killed


def test_a_seat_of_government_is_its_capital(nlp, gaz: Gazetteer) -> None:
    # GeoNames gives "White House" as another name of Casablanca, and streets are no towns: the news means
    # Washington and London (data/actor_countries.tsv, capitals and metonyms)
    for text, word, capital, iso3 in [
        ("Hundreds of protesters rallied outside the White House on Monday.", "rallied", "Washington", "USA"),
        ("Protesters gathered outside Downing Street on Monday.", "gathered", "London", "GBR"),
    ]:
        place = place_of(parse(Article(id="b9", text=text), nlp), gaz, word)
        assert place is not None and (place.name, place.country) == (capital, iso3), place
        assert "stands for" in place.reason


def test_a_statement_with_no_place_of_its_own_is_put_in_its_speakers_country(nlp, gaz: Gazetteer) -> None:
    # the condemnation is said in Iraq, not at the scene of the strikes it is about
    text = "US aircraft struck militia sites in Syria on Sunday. Iraq's military condemned the strikes."
    parsed = parse(Article(id="b10", text=text), nlp)
    struck = mention_at(parsed, "struck")
    condemned = dataclasses.replace(mention_at(parsed, "condemned"), plover="ACCUSE", cameo="111")
    iraq = ActorRoles(actor1=(Actor(text="Iraq's military", name="Iraq military", country="IRQ", sector="MIL"),))
    places = resolve_places(parsed, [struck, condemned], gaz, {condemned.id: iraq})
    assert places[struck.id] is not None and places[struck.id].country == "SYR"
    said = places[condemned.id]
    assert said is not None and said.country == "IRQ" and "speaker's country" in said.reason
    # without roles (or for an attack) the scene is borrowed as before
    assert resolve_places(parsed, [struck, condemned], gaz)[condemned.id].country == "SYR"


def test_a_country_on_the_event_noun_gives_way_to_the_place_it_hit(nlp, gaz: Gazetteer) -> None:
    """"An Iraq airstrike on a market in Mosul": a country on the noun is often whose strike it was;
    the town the linker finds is where it hit.  With no other place, the country still names it."""
    parsed = parse(Article(id="b9", text="An Iraq airstrike on a market in Mosul killed five people."), nlp)
    assert place_of(parsed, gaz, "airstrike").name == "Mosul"
    parsed = parse(Article(id="b10", text="Officials still argue about the Syria airstrike."), nlp)
    place = place_of(parsed, gaz, "airstrike")
    assert place.country == "SYR" and "names its place" in place.reason


def test_the_lead_names_its_own_place_over_the_dateline(nlp, gaz: Gazetteer) -> None:
    """"Clashes between rival militias in the Libyan capital killed 27 people": the lead's own words
    place it, with their span (the dateline is only where the report was filed)."""
    text = ("Clashes between rival militias in the Libyan capital killed 27 people over two days, the ministry "
            "said. The fighting erupted after one group detained a commander at Mitiga airport.")
    parsed = parse(Article(id="b11", text=text, dateline="TRIPOLI, Libya"), nlp)
    place = place_of(parsed, gaz, "Clashes")
    assert place is not None and place.name == "Tripoli" and place.span is not None, place
