"""Merge and relation rules on hand-made events: each stated tolerance, both sides of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from eventscope.model import (
    Actor,
    DatePrecision,
    Event,
    Evidence,
    Modality,
    Place,
    PlacePrecision,
    TimeRef,
    from_dict,
    to_dict,
)
from eventscope.store import codec, dedup
from eventscope.store.linking import (
    DEFAULT_RULES,
    date_interval,
    merge_decision,
    merge_events,
    place_agreement,
)
from eventscope.store.relations import cue, relate
from test_store_helpers import (
    ABU_KAMAL,
    AL_OMAR,
    BAGHDAD,
    KH,
    MILITIA,
    US_FORCES,
    USA,
    day,
    reference_article,
)


def strike(id_: str = "a:1:0", **changes) -> Event:
    base = Event(id=id_, plover="ASSAULT", cameo="195", goldstein=-10.0, date=day("2021-06-27"),
                 acled_sub_type="Air/drone strike", actor1=(USA,), actor2=(KH,), place=ABU_KAMAL,
                 evidence=(Evidence(id_.split(":")[0], 1, 0, 10, "US airstrikes hit militia sites"),))
    return dataclasses.replace(base, **changes)


def test_date_interval_follows_precision() -> None:
    assert date_interval(strike(date=TimeRef(dt.date(2021, 6, 10), precision=DatePrecision.MONTH))) == (
        dt.date(2021, 6, 1), dt.date(2021, 6, 30))
    assert date_interval(strike(date=TimeRef(dt.date(2021, 6, 10), precision=DatePrecision.YEAR)))[1] == \
        dt.date(2021, 12, 31)
    assert date_interval(strike(date=TimeRef(None))) is None


def test_same_strike_reported_twice_merges_with_reasons() -> None:
    decision = merge_decision(strike("b:2:0"), strike())
    assert decision.merge
    assert "actor1 overlap" in decision.reason and "km apart" in decision.reason


def test_day_tolerance_is_one_day() -> None:
    assert merge_decision(strike("b:1:0", date=day("2021-06-28")), strike()).merge
    assert not merge_decision(strike("b:1:0", date=day("2021-06-29")), strike()).merge


def test_month_precision_report_merges_with_a_day_in_that_month_only() -> None:
    june = TimeRef(dt.date(2021, 6, 1), precision=DatePrecision.MONTH)
    assert merge_decision(strike("b:1:0", date=june), strike()).merge
    july = TimeRef(dt.date(2021, 7, 1), precision=DatePrecision.MONTH)
    assert not merge_decision(strike("b:1:0", date=july), strike()).merge


def test_different_types_subtypes_modalities_never_merge() -> None:
    assert not merge_decision(strike("b:1:0", plover="COERCE"), strike()).merge
    assert not merge_decision(strike("b:1:0", acled_sub_type="Shelling/artillery/missile attack"), strike()).merge
    assert not merge_decision(strike("b:1:0", modality=Modality.THREATENED), strike()).merge


def test_places_within_50_km_or_same_admin1_merge_farther_do_not() -> None:
    near = Place("Hasrat", lat=34.60, lon=40.90, country="SYR", admin1="Other", precision=PlacePrecision.TOWN)
    assert place_agreement(near, ABU_KAMAL, DEFAULT_RULES)[0] is True  # ~17 km
    far_same_admin1 = dataclasses.replace(AL_OMAR, precision=PlacePrecision.TOWN)
    assert place_agreement(far_same_admin1, ABU_KAMAL, DEFAULT_RULES)[0] is True  # ~75 km, same admin1
    far = Place("Raqqa", lat=35.95, lon=39.01, country="SYR", admin1="Raqqa", precision=PlacePrecision.TOWN)
    assert place_agreement(far, ABU_KAMAL, DEFAULT_RULES)[0] is False
    assert not merge_decision(strike("b:1:0", place=far), strike()).merge
    assert not merge_decision(strike("b:1:0", place=BAGHDAD), strike()).merge  # another country


def test_actors_disjoint_in_a_role_block_a_merge() -> None:
    other = Actor(text="Turkish army", name="Turkish army", country="TUR", sector="MIL")
    assert not merge_decision(strike("b:1:0", actor1=(other,)), strike()).merge
    # unknown on one side is not a contradiction
    assert merge_decision(strike("b:1:0", actor1=()), strike()).merge


def test_type_and_date_alone_merge_only_for_near_duplicate_articles() -> None:
    bare_new, bare_old = strike("b:1:0", actor1=(), actor2=(), place=None), strike(actor1=(), actor2=(), place=None)
    assert not merge_decision(bare_new, bare_old).merge
    assert merge_decision(bare_new, bare_old, near_duplicate=True).merge


def test_merged_event_keeps_first_id_most_precise_date_and_every_claim() -> None:
    vague = strike(date=TimeRef(dt.date(2021, 6, 1), precision=DatePrecision.MONTH), place=None, sources=("AP",),
                   articles=("a",))
    precise = strike("b:1:0", sources=("Reuters",), articles=("b",))
    merged = merge_events([(vague, "first report"), (precise, "same type")])
    assert merged.id == "a:1:0" and merged.date.precision == DatePrecision.DAY
    assert merged.place == ABU_KAMAL and merged.articles == ("a", "b") and merged.sources == ("AP", "Reuters")
    assert merged.reasons["merge"].startswith("b:1:0: same type")


def test_reversed_dyad_striking_back_next_day_is_a_response() -> None:
    rockets = strike("a:2:0", date=day("2021-06-28"), acled_sub_type=None, actor1=(MILITIA,), actor2=(US_FORCES,),
                     place=AL_OMAR)
    (relation,) = relate(rockets, strike())
    assert relation.kind == "response" and "reversed dyad" in relation.reason


def test_unknown_attacker_striking_the_earlier_attacker_is_a_response() -> None:
    rockets = strike("a:2:0", date=day("2021-06-28"), actor1=(), actor2=(US_FORCES,))
    assert [r.kind for r in relate(rockets, strike())] == ["response"]


def test_strike_back_window_is_seven_days_without_a_cue() -> None:
    late = strike("a:2:0", date=day("2021-07-05"), actor1=(MILITIA,), actor2=(US_FORCES,))
    assert relate(late, strike()) == []
    context = [("The militias fired rockets in retaliation for the US strikes.", ["fired rockets"])]
    assert [r.kind for r in relate(late, strike(), context)] == ["retaliation"]


def test_no_relation_backwards_in_time_or_for_verbal_events() -> None:
    earlier = strike("a:2:0", date=day("2021-06-26"), actor1=(MILITIA,), actor2=(US_FORCES,))
    assert relate(earlier, strike()) == []
    condemn = strike("a:3:0", plover="ACCUSE", date=day("2021-06-28"), actor1=(MILITIA,), actor2=(USA,))
    assert relate(condemn, strike()) == []


def test_escalation_needs_the_same_dyad_and_more_severity() -> None:
    small = strike("a:1:0", goldstein=-9.0)
    bigger = strike("a:5:0", date=day("2021-07-01"), goldstein=-10.0)
    assert [r.kind for r in relate(bigger, small)] == ["escalation"]
    assert relate(small, bigger) == []


def test_near_duplicate_signature_and_jaccard() -> None:
    a = reference_article()
    sig = dedup.signature(a.text)
    copy = dedup.signature(a.text.replace("WASHINGTON:", "WASHINGTON (AP):"))
    other = dedup.signature("A completely different story about a football match in Madrid on Saturday.")
    assert dedup.jaccard(sig, copy) >= dedup.NEAR_DUPLICATE_JACCARD
    assert dedup.jaccard(sig, other) < 0.2
    assert set(dedup.band_keys(sig)) & set(dedup.band_keys(copy))
    assert (dedup.from_blob(dedup.to_blob(sig)) == sig).all()


def test_codec_agrees_with_model_from_dict() -> None:
    event = strike(fatalities=None, place=Place("x", country="SYR", precision=PlacePrecision.COUNTRY))
    text = codec.encode(event)
    codec._cache.clear()
    assert codec.decode(text) == event == from_dict(Event, to_dict(event))
    assert json.loads(text) == to_dict(event)


def test_cue_counts_for_the_answer_not_for_what_is_answered() -> None:
    kirby = "Kirby said the airstrikes were launched in response to the attacks by militias."
    assert cue([(kirby, ["airstrikes"])])[0] == "response"
    assert cue([(kirby, ["attacks"])])[0] is None
    revenge = "The militia factions vowed revenge for the attack and said they would target US forces."
    assert cue([(revenge, ["attack"])])[0] is None
    reply = "US forces in Syria responded in self-defense with artillery fire at the rocket-launching positions."
    assert cue([(reply, ["artillery fire"])])[0] == "response"
    assert cue([("Rockets hit the base on Monday.", ["Rockets"])])[0] is None
    called = "Iraq's military condemned the US airstrikes, and the militia groups called for revenge against the US."
    assert cue([(called, ["US airstrikes"])])[0] is None  # a call for revenge is not an answer
    pentagon = "The Pentagon said those strikes were retaliation for a rocket attack in Iraq earlier that month."
    assert cue([(pentagon, ["strikes"])])[0] == "retaliation"
    assert cue([(pentagon, ["rocket attack"])])[0] is None


def test_attacker_without_country_or_sector_counts_as_unknown() -> None:
    rockets = strike("a:2:0", date=day("2021-06-28"), actor1=(Actor(text="multiple rockets", name="multiple rockets"),),
                     actor2=(US_FORCES,))
    assert [r.kind for r in relate(rockets, strike())] == ["response"]
