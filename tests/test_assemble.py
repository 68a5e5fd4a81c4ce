"""assemble: merging mentions, keeping claims apart, recalled and dropped modalities."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
import spacy

from eventscope.model import (
    Actor,
    ActorRoles,
    Article,
    Claim,
    ClaimKind,
    DatePrecision,
    Mention,
    Modality,
    Place,
    PlacePrecision,
    Sentence,
    Span,
    TimeRef,
)
from eventscope.stages.assemble import assemble, best_figure, date_interval
from eventscope.stages.nlp import ParsedArticle

TEXT = (
    "US airstrikes hit militia sites on Sunday. "
    "Militia officials said the strikes killed four. "
    "A monitor said at least seven died in the strikes. "
    "Last year a drone strike killed a general. "
    "There was no sign of a wider campaign."
)


def _parsed() -> ParsedArticle:
    article = Article(id="a1", text=TEXT, published=dt.date(2021, 6, 29), agencies=("AP",))
    doc = spacy.blank("en")(TEXT)
    sentences, start = [], 0
    for index, chunk in enumerate(TEXT.split(". ")):
        end = start + len(chunk) + (1 if not chunk.endswith(".") else 0)
        sentences.append(Sentence(index, start, end, TEXT[start:end]))
        start = end + 1
    return ParsedArticle(article=article, doc=doc, sentences=tuple(sentences))


def _mention(word: str, sentence: int, *, plover="ASSAULT", mode="aerial", modality=Modality.OCCURRED) -> Mention:
    start = TEXT.index(word)
    return Mention(
        id=f"a1:{sentence}:{start}", article_id="a1", sentence_index=sentence,
        trigger=Span(start, start + len(word), word), trigger_token=0,
        plover=plover, plover_mode=mode, cameo="195", goldstein=-10.0, modality=modality, confidence=0.8,
    )


US = Actor(text="US", name="United States", country="USA", sector="MIL")


def test_mentions_of_one_strike_merge_and_keep_both_claims():
    parsed = _parsed()
    first, second = _mention("airstrikes", 0), _mention("strikes killed", 1)
    third = _mention("strikes.", 2)
    sunday = TimeRef(dt.date(2021, 6, 27), precision=DatePrecision.DAY, phrase=Span(34, 40, "Sunday"))
    fallback = TimeRef(dt.date(2021, 6, 29), reason="publication date; no time phrase")
    claims = {
        second.id: (Claim(ClaimKind.KILLED, 4, 4, source="Militia officials", span=Span(79, 89, "killed four")),),
        third.id: (Claim(ClaimKind.KILLED, 7, None, source="A monitor"),),
    }
    events = assemble(
        parsed, [first, second, third],
        roles={first.id: ActorRoles(actor1=(US,))},
        dates={first.id: sunday, second.id: fallback, third.id: fallback},
        places={first.id: Place("Syria", country="SYR", precision=PlacePrecision.COUNTRY)},
        claims=claims,
    )
    assert len(events) == 1
    event = events[0]
    assert event.date.date == dt.date(2021, 6, 27)
    assert event.fatalities is not None and event.fatalities.best == 4
    assert {c.source for c in event.fatalities.claims} == {"Militia officials", "A monitor"}
    assert event.sources[0] == "AP" and "A monitor" in event.sources
    assert event.actor1 == (US,)
    assert len(event.mention_ids) == 3
    assert {e.field for e in event.evidence} >= {"event", "trigger", "date", "claim:killed"}
    assert not event.recalled


def test_recalled_event_stays_apart_and_hypothetical_is_dropped():
    parsed = _parsed()
    strike, old = _mention("airstrikes", 0), _mention("drone strike", 3, mode="drone")
    campaign = _mention("campaign", 4, modality=Modality.HYPOTHETICAL)
    last_year = TimeRef(dt.date(2020, 1, 1), precision=DatePrecision.YEAR, phrase=Span(0, 9, "Last year"))
    sunday = TimeRef(dt.date(2021, 6, 27), phrase=Span(34, 40, "Sunday"))
    events = assemble(parsed, [strike, old, campaign], roles={}, dates={strike.id: sunday, old.id: last_year},
                      places={}, claims={})
    assert len(events) == 2
    recalled = [e for e in events if e.recalled]
    assert len(recalled) == 1 and recalled[0].date.precision is DatePrecision.YEAR


SUNDAY = TimeRef(dt.date(2021, 6, 27), phrase=Span(34, 40, "Sunday"))


def _apart_then_joined(other_date: TimeRef, places: dict[str, Place]) -> tuple[int, list]:
    """Sunday's strikes and a drone strike dated `other_date`: the events with no actors named, and
    with the same attacker named on both."""
    parsed = _parsed()
    strike, other = _mention("airstrikes", 0, mode=None), _mention("drone strike", 3, mode=None)
    dates = {strike.id: SUNDAY, other.id: other_date}
    where = {strike.id: places["strike"], other.id: places["other"]}
    apart = assemble(parsed, [strike, other], roles={}, dates=dates, places=where, claims={})
    same_attacker = {strike.id: ActorRoles(actor1=(US,)), other.id: ActorRoles(actor1=(US,))}
    return len(apart), assemble(parsed, [strike, other], roles=same_attacker, dates=dates, places=where, claims={})


SYRIA = Place("Syria", country="SYR", precision=PlacePrecision.COUNTRY)
IRAQ = Place("Iraq", country="IRQ", precision=PlacePrecision.COUNTRY)


@pytest.mark.parametrize("stretch", [
    # "recently" (the past month holds Sunday), and "this month" set against a day
    TimeRef(dt.date(2021, 5, 29), dt.date(2021, 6, 29), DatePrecision.RANGE, phrase=Span(0, 9, "recently")),
    TimeRef(dt.date(2021, 6, 1), dt.date(2021, 6, 29), DatePrecision.MONTH, phrase=Span(0, 9, "this month")),
])
def test_a_stretch_does_not_join_a_dated_event_without_evidence(stretch: TimeRef):
    # "Sunday's strikes" in Syria and a strike in Iraq within the stretch share no actor: two events.
    # With the same attacker they are one.
    apart, joined = _apart_then_joined(stretch, {"strike": SYRIA, "other": IRAQ})
    assert apart == 2
    assert len(joined) == 1 and joined[0].date.date == dt.date(2021, 6, 27)


def test_earlier_sets_an_event_apart_from_the_one_told():
    # "Earlier on Sunday, a drone strike ...": at the same place, in the same paragraph, on the same day,
    # yet another event, unless the same actors
    earlier = TimeRef(dt.date(2021, 6, 27), phrase=Span(0, 17, "Earlier on Sunday"))
    apart, joined = _apart_then_joined(earlier, {"strike": SYRIA, "other": SYRIA})
    assert apart == 2 and len(joined) == 1


def test_the_side_hit_in_one_event_attacking_is_another_event():
    # No names, only words: the strikes hit "Shiite militias"; an attack by "militias" that
    # day is their reply, not the same strikes.
    parsed = _parsed()
    strike, reply = _mention("airstrikes", 0, mode=None), _mention("drone strike", 3, mode=None)
    sunday = TimeRef(dt.date(2021, 6, 27), phrase=Span(34, 40, "Sunday"))
    militias = Actor(text="mostly Shiite militias", name="mostly Shiite militias")
    roles = {strike.id: ActorRoles(actor1=(US,), actor2=(militias,)),
             reply.id: ActorRoles(actor1=(Actor(text="militias", name="militias"),))}
    events = assemble(parsed, [strike, reply], roles=roles, dates={strike.id: sunday, reply.id: sunday},
                      places={}, claims={})
    assert len(events) == 2


def test_an_unnamed_group_is_of_the_country_it_acts_in():
    # ICEWS and ACLED code "two civilians" killed in Ariha as Syrian; a named group keeps its own.
    parsed = _parsed()
    strike = _mention("airstrikes", 0)
    civilians = Actor(text="two civilians", name="two civilians", sector="CVL",
                      reason="sector CVL from 'civilians' (role actors.tsv:400)",
                      unknown_reason="country: no country word or known name in 'two civilians'")
    isis = Actor(text="Islamic State", name="Islamic State", sector="REB", reason="sector REB (org actors.tsv:9)")
    roles = {strike.id: ActorRoles(actor1=(isis,), actor2=(civilians,))}
    sunday = {strike.id: TimeRef(dt.date(2021, 6, 27), phrase=Span(34, 40, "Sunday"))}
    ariha = Place("Ariha", country="SYR", precision=PlacePrecision.TOWN, span=Span(20, 25, "Ariha"))
    (event,) = assemble(parsed, [strike], roles=roles, dates=sunday, places={strike.id: ariha}, claims={})
    assert [a.country for a in event.actor2] == ["SYR"] and event.actor2[0].unknown_reason is None
    assert "event's place 'Ariha'" in event.actor2[0].reason
    assert event.actor1[0].country is None  # a named group: its country is the dictionary's
    borrowed = replace(ariha, span=None)  # a place the sentence does not name says nothing of who
    (event,) = assemble(parsed, [strike], roles=roles, dates=sunday, places={strike.id: borrowed}, claims={})
    assert event.actor2[0].country is None


def test_stable_ids_across_runs():
    parsed = _parsed()
    mention = _mention("airstrikes", 0)
    one = assemble(parsed, [mention], {}, {}, {}, {})
    two = assemble(parsed, [mention], {}, {}, {}, {})
    assert one[0].id == two[0].id


def test_best_figure_is_lowest_credible():
    claims = [Claim(ClaimKind.KILLED, 7, None), Claim(ClaimKind.KILLED, 4, 4), Claim(ClaimKind.KILLED, None, 20)]
    assert best_figure(claims) == 4
    assert best_figure([]) is None


def test_month_interval_covers_whole_month():
    ref = TimeRef(dt.date(2021, 2, 1), precision=DatePrecision.MONTH)
    assert date_interval(ref) == (dt.date(2021, 2, 1), dt.date(2021, 2, 28))


KILLING = (
    "Gunmen killed Danilo Barillas in the capital today. "
    "They shot him down with machinegun fire near his home. "
    "Police said the killers fled in a car. "
    "In March rebels murdered a judge in the north. "
    "Unknown men later fired on a bus in the south."
)
TODAY = TimeRef(dt.date(1989, 8, 1), phrase=Span(46, 51, "today"))
UNDATED = TimeRef(dt.date(1989, 8, 1), reason="publication date; no time phrase")
CAPITAL = Place("Guatemala City", 14.64, -90.51, "GTM", precision=PlacePrecision.TOWN, span=Span(36, 43, "capital"))


def _killing_article() -> ParsedArticle:
    article = Article(id="k1", text=KILLING, published=dt.date(1989, 8, 1))
    sentences, start = [], 0
    for index, chunk in enumerate(KILLING.split(". ")):
        end = start + len(chunk) + (0 if chunk.endswith(".") else 1)
        sentences.append(Sentence(index, start, end, KILLING[start:end]))
        start = end + 1
    return ParsedArticle(article=article, doc=spacy.blank("en")(KILLING), sentences=tuple(sentences))


def _at(word: str, sentence: int, mode: str | None = None) -> Mention:
    start = KILLING.index(word)
    return Mention(id=f"k1:{sentence}:{start}", article_id="k1", sentence_index=sentence,
                   trigger=Span(start, start + len(word), word), trigger_token=0, plover="ASSAULT",
                   plover_mode=mode, cameo="180", goldstein=-9.0)


def _victim(text: str) -> ActorRoles:
    return ActorRoles(actor2=(Actor(text=text, name=text),))


def test_undated_mention_of_the_same_victim_joins_the_dated_one():
    """'killed Danilo Barillas today' and 'shot him down' (no date of its own, another mode):
    the shared victim says it is one killing."""
    parsed = _killing_article()
    killed, shot = _at("killed", 0), _at("shot", 1, mode="firearms")
    events = assemble(parsed, [killed, shot], roles={killed.id: _victim("Danilo Barillas"),
                                                     shot.id: _victim("Barillas")},
                      dates={killed.id: TODAY, shot.id: UNDATED}, places={killed.id: CAPITAL, shot.id: None},
                      claims={})
    assert len(events) == 1 and events[0].date.date == dt.date(1989, 8, 1)


def test_undated_next_sentence_joins_only_at_the_same_place():
    parsed = _killing_article()
    killed, shot = _at("killed", 0), _at("shot", 1, mode="firearms")
    south = Place("Escuintla", 14.3, -90.78, "GTM", precision=PlacePrecision.TOWN, span=Span(230, 235, "south"))
    merged = assemble(parsed, [killed, shot], roles={}, dates={killed.id: TODAY, shot.id: UNDATED},
                      places={killed.id: CAPITAL, shot.id: CAPITAL}, claims={})
    assert len(merged) == 1  # the very next sentence, the same town
    apart = assemble(parsed, [killed, shot], roles={}, dates={killed.id: TODAY, shot.id: UNDATED},
                     places={killed.id: CAPITAL, shot.id: south}, claims={})
    assert len(apart) == 2  # the next sentence, but another town


def test_undated_mention_does_not_join_a_recalled_event_by_proximity():
    """A mention without a date is news; the sentence after a recalled murder is not that murder
    unless the actors say so."""
    parsed = _killing_article()
    murdered, fired = _at("murdered", 3), _at("fired", 4, mode="firearms")
    march = TimeRef(dt.date(1989, 3, 1), precision=DatePrecision.MONTH, phrase=Span(150, 158, "In March"))
    events = assemble(parsed, [murdered, fired], roles={}, dates={murdered.id: march, fired.id: UNDATED},
                      places={}, claims={})
    assert len(events) == 2 and sum(e.recalled for e in events) == 1


def test_same_day_events_in_towns_far_apart_stay_apart():
    """'A bomb exploded in San Juan Bautista today ... a woman was murdered in Huamaguilla':
    two towns 40+ km apart (or a town the gazetteer lacks, by another name) are two scenes."""
    parsed = _killing_article()
    killed, murdered = _at("killed", 0), _at("murdered", 3)
    today_too = TimeRef(dt.date(1989, 8, 1), phrase=Span(150, 158, "In March"))
    far = Place("Escuintla", 14.3, -90.78, "GTM", precision=PlacePrecision.TOWN, span=Span(180, 185, "north"))
    unknown = Place("Huamaguilla", None, None, "GTM", precision=PlacePrecision.TOWN, span=Span(180, 185, "north"))
    near = Place("Mixco", 14.63, -90.61, "GTM", precision=PlacePrecision.TOWN, span=Span(180, 185, "north"))
    for other, expected in ((far, 2), (unknown, 2), (near, 1)):
        events = assemble(parsed, [killed, murdered], roles={}, dates={killed.id: TODAY, murdered.id: today_too},
                          places={killed.id: CAPITAL, murdered.id: other}, claims={})
        assert len(events) == expected, other.name


def test_the_report_day_bounds_a_day_told_later():
    """"killed 17, residents said Tuesday ... The strike hit a school on Monday": the report's day is
    an upper bound, so Monday's strike is the one reported, and its own day is the event's date."""
    from eventscope.stages.assemble_match import dates_agree

    reported = TimeRef(dt.date(2021, 6, 29), phrase=Span(0, 7, "Tuesday"), report_bound=True)
    monday = TimeRef(dt.date(2021, 6, 28), phrase=Span(0, 6, "Monday"))
    assert dates_agree(reported, monday) and dates_agree(monday, reported)
    assert not dates_agree(reported, TimeRef(dt.date(2021, 6, 30), phrase=Span(0, 9, "Wednesday")))
    assert not dates_agree(reported, TimeRef(dt.date(2021, 6, 1), phrase=Span(0, 6, "June 1")))
    parsed = _parsed()
    strike, other = _mention("airstrikes", 0, mode=None), _mention("drone strike", 3, mode=None)
    events = assemble(parsed, [strike, other], roles={}, dates={strike.id: reported, other.id: monday},
                      places={strike.id: SYRIA, other.id: SYRIA}, claims={})
    assert len(events) == 1 and events[0].date.date == dt.date(2021, 6, 28)


def test_a_state_and_its_civilians_are_different_actors():
    """"A mob accused him" and "the prime minister condemned the killing": one country, two sides."""
    from eventscope.stages.assemble_match import actors_agree

    mob = Actor(text="A mob", name="Pakistan civilians", country="PAK", sector="CVL")
    premier = Actor(text="Prime Minister", name="Shehbaz Sharif", country="PAK", sector="GOV")
    army = Actor(text="the army", name="Pakistan military", country="PAK", sector="MIL")
    state = Actor(text="Pakistan", name="Pakistan", country="PAK")
    assert not actors_agree((mob,), (premier,))
    assert actors_agree((army,), (premier,)) and actors_agree((state,), (mob,))
