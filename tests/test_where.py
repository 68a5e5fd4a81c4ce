"""Stage where: the place each event happened at, on real parses (spaCy model -> slow).

Uses the tiny fixture gazetteer (conftest `tiny_gazetteer`, built once per session), so the
ranking and fallbacks are tested without the 30-s full build.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.gazetteer import Gazetteer, distance_km
from eventscope.model import Article, PlacePrecision
from eventscope.stages.nlp import ParsedArticle, parse
from eventscope.stages.where import event_location_span, resolve_places
from where_support import mention_at

pytestmark = pytest.mark.slow


@pytest.fixture
def gaz(tiny_gazetteer: Gazetteer) -> Gazetteer:
    return tiny_gazetteer


@pytest.fixture(scope="module")
def reference(nlp, seed_text: str) -> ParsedArticle:
    # ingest joins paragraphs with a blank line; the fixture has one paragraph per line
    body = "\n\n".join(line for line in seed_text[seed_text.index("WASHINGTON:"):].splitlines() if line.strip())
    article = Article(id="seed", text=body, title="US troops in Syria attacked after airstrikes on militias",
                      published=dt.date(2021, 6, 29), dateline="WASHINGTON")
    return parse(article, nlp)


def test_reference_airstrikes_are_near_the_iraq_syria_border(reference: ParsedArticle, gaz: Gazetteer) -> None:
    mention = mention_at(reference, "airstrikes")
    place = resolve_places(reference, [mention], gaz)[mention.id]
    assert place is not None and place.precision is PlacePrecision.REGION
    assert place.country in ("SYR", "IRQ") and "border" in place.span.text
    assert place.reason


def test_reference_rocket_attack_is_in_eastern_syria(reference: ParsedArticle, gaz: Gazetteer) -> None:
    mention = mention_at(reference, "attack")
    place = resolve_places(reference, [mention], gaz)[mention.id]
    assert (place.country, place.precision) == ("SYR", PlacePrecision.REGION)
    assert place.span.text == "eastern Syria"


def test_reference_soleimani_strike_is_near_baghdad_airport(reference: ParsedArticle, gaz: Gazetteer) -> None:
    mention = mention_at(reference, "killed Iranian")
    assert "Soleimani" in reference.sentences[mention.sentence_index].text
    place = resolve_places(reference, [mention], gaz)[mention.id]
    assert place.country == "IRQ" and place.admin1 == "Baghdad"
    assert distance_km(place.lat, place.lon, 33.262, 44.235) < 25


def test_washington_dateline_does_not_place_the_syria_strikes(reference: ParsedArticle, gaz: Gazetteer) -> None:
    # "...at least seven Iraqi militiamen were killed in the airstrikes." names no place itself
    mention = mention_at(reference, "killed", nth=1)
    place = resolve_places(reference, [mention], gaz)[mention.id]
    assert place is not None and place.country != "USA"
    assert "dateline" not in place.reason.split(";")[0]


def test_tripoli_in_a_lebanon_story_is_lebanon(nlp, gaz: Gazetteer) -> None:
    text = ("Lebanese troops deployed in the north of Lebanon on Sunday. Clashes broke out in Tripoli "
            "overnight between rival gunmen, killing three people, Lebanon's army said.")
    parsed = parse(Article(id="leb", text=text), nlp)
    mention = mention_at(parsed, "killing")
    place = resolve_places(parsed, [mention], gaz)[mention.id]
    assert (place.name, place.country) == ("Tripoli", "LBN")


def test_country_name_in_text_is_the_country(nlp, gaz: Gazetteer) -> None:
    parsed = parse(Article(id="cn", text="Protesters marched in China on Monday."), nlp)
    mention = mention_at(parsed, "marched")
    place = resolve_places(parsed, [mention], gaz)[mention.id]
    assert (place.country, place.precision) == ("CHN", PlacePrecision.COUNTRY)


def test_upper_case_muc_text(nlp, gaz: Gazetteer) -> None:
    text = ("SAN SALVADOR, 3 JAN 90 (RADIO CADENA NACIONAL) -- [TEXT] A BOMB EXPLODED TODAY IN A BUS "
            "TERMINAL IN USULUTAN, KILLING TWO PEASANTS, THE ARMED FORCES REPORTED.")
    parsed = parse(Article(id="muc", text=text), nlp)
    mention = mention_at(parsed, "EXPLODED")
    place = resolve_places(parsed, [mention], gaz)[mention.id]
    assert (place.name, place.country) == ("Usulután", "SLV")


def test_event_location_span_picks_the_event_place(nlp, gaz: Gazetteer) -> None:
    text = "Officials in Baghdad said a car bomb exploded in Mosul on Monday."
    parsed = parse(Article(id="el", text=text), nlp)
    span = event_location_span(parsed, mention_at(parsed, "exploded").trigger_token, gaz)
    assert span is not None and span.text == "Mosul"
    assert text[span.start:span.end] == "Mosul"


def test_a_verb_in_a_sense_that_happens_nowhere_gets_no_place(nlp, gaz: Gazetteer) -> None:
    # the same verb and the same place phrase: the trigger's own MiniLM states tell a golfer's title
    # from a kidnapping (where_model.ContextScorer.place_score, read by the answer model)
    for text, place in (("The veteran golfer captured his third major title at Augusta in April.", None),
                        ("Rebels captured two aid workers near Augusta in April.", "Augusta"),
                        ("The young striker captured the scoring title in Madrid last season.", None),
                        ("Government troops captured a rebel commander in Goma on Friday.", "Goma")):
        parsed = parse(Article(id="sense", text=text), nlp)
        trigger = next(t.i for t in parsed.doc if t.text == "captured")
        span = event_location_span(parsed, trigger, gaz)
        assert (span.text if span else None) == place, text


def test_acled_style_note_gives_the_admin1_name(nlp, gaz: Gazetteer) -> None:
    text = ("On 1 January 2010, in Patuakhali district (Barisal), two people were killed when supporters "
            "of rival parties clashed.")
    parsed = parse(Article(id="acled", text=text), nlp)
    mention = mention_at(parsed, "clashed")
    place = resolve_places(parsed, [mention], gaz)[mention.id]
    assert (place.name, place.country, place.admin1) == ("Patuakhali", "BGD", "Barisal")
    assert place.precision is PlacePrecision.TOWN


def test_no_place_rather_than_a_wrong_one(nlp, gaz: Gazetteer) -> None:
    parsed = parse(Article(id="none", text="The minister condemned the attack in a statement."), nlp)
    mention = mention_at(parsed, "attack")
    assert resolve_places(parsed, [mention], gaz)[mention.id] is None
    assert event_location_span(parsed, mention.trigger_token, gaz) is None


def test_where_a_speaking_report_came_from_does_not_name_the_place_of_what_it_tells(nlp, gaz: Gazetteer) -> None:
    # the meeting was at Stormont Castle; the bombings the statement tells of were not
    text = ("A statement after a two-hour emergency meeting at Stormont Castle said that ministers had "
            "considered the IRA's bombing outrages.")
    parsed = parse(Article(id="said", text=text), nlp)
    meeting, bombing = mention_at(parsed, "meeting"), mention_at(parsed, "bombing")
    places = resolve_places(parsed, [meeting, bombing], gaz)
    assert places[meeting.id] is not None and places[meeting.id].span.text == "Stormont Castle"
    assert places[bombing.id] is None or places[bombing.id].span is None
    # a speaker placed in a town is no report: "police in Baghdad said" still lends its town
    parsed = parse(Article(id="said2", text="Police in Baghdad said that a bomb exploded on Monday."), nlp)
    bomb = mention_at(parsed, "exploded")
    assert resolve_places(parsed, [bomb], gaz)[bomb.id].name == "Baghdad"


def test_no_mentions_no_places(nlp, gaz: Gazetteer) -> None:
    parsed = parse(Article(id="empty", text="Nothing happened in Baghdad."), nlp)
    assert resolve_places(parsed, [], gaz) == {}


def test_deaths_in_an_attack_are_where_the_attack_was(nlp, gaz: Gazetteer) -> None:
    text = ("In April, more than two dozen Syrian pro-regime fighters were killed in IS attacks in Badia "
            "al-Sukhnah and Badia al-Sham, prompting Russian airstrikes.")
    parsed = parse(Article(id="within", text=text), nlp)
    killed, attacks = mention_at(parsed, "killed"), mention_at(parsed, "attacks")
    places = resolve_places(parsed, [killed, attacks], gaz)
    assert places[attacks.id] is not None and places[attacks.id].name == "Badia al-Sukhnah"
    assert places[killed.id] is not None and places[killed.id].name == "Badia al-Sukhnah"
    # the linker may tie the place to "killed" itself; if it does not, the deaths read the attacks'
    from eventscope.stages.where import _event_it_happened_in

    triggers = {killed.trigger_token, attacks.trigger_token}
    assert _event_it_happened_in(parsed.doc, killed.trigger_token, triggers) == attacks.trigger_token


def test_a_name_the_text_calls_a_city_is_a_place_whatever_its_entity_label(nlp, gaz: Gazetteer) -> None:
    from eventscope.stages.where import _label_in_text
    from eventscope.stages.where_link import sentence_toponyms

    text = "A bomb exploded in a mosque in the Pakistani city of Shikarpur, Ali Khan said."
    parsed = parse(Article(id="city-of", text=text), nlp)
    doc = parsed.doc
    labels = {doc[t.start:t.end].text: _label_in_text(doc, t) for t in sentence_toponyms(doc, next(iter(doc.sents)))}
    # "city of" makes Shikarpur a place (the small model may tag it PERSON); a person stays a person
    assert labels["Shikarpur"] == "LOC"
    assert labels.get("Ali Khan", "PERSON") != "LOC"


@pytest.mark.parametrize("text", ["A CAR BOMB EXPLODED IN WESTERN BAGHDAD ON MONDAY.",
                                  "A car bomb exploded in Western Baghdad on Monday."])
def test_a_compass_word_inside_a_name_is_read_off_it(nlp, gaz: Gazetteer, text: str) -> None:
    """"WESTERN BAGHDAD" tagged as one name is Baghdad, not an unknown place."""
    parsed = parse(Article(id="c", text=text), nlp)
    mention = mention_at(parsed, "EXPLODED" if text.isupper() else "exploded")
    place = resolve_places(parsed, [mention], gaz)[mention.id]
    assert place is not None and (place.name, place.country) == ("Baghdad", "IRQ")
