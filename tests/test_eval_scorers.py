"""Scorers on hand-made predictions whose scores are worked out by hand in each test."""

from __future__ import annotations

import datetime as dt

import pytest

from eventscope.evaluate.records import (
    Dataset,
    GoldActor,
    GoldArgument,
    GoldDate,
    GoldDocument,
    GoldDyad,
    GoldEvent,
    GoldLocation,
    GoldPlace,
    GoldSnippet,
    PredictedArgument,
    PredictedDyad,
    PredictedEvent,
    PredictedLabel,
    PredictedLocation,
)
from eventscope.evaluate.score_events import score_events
from eventscope.evaluate.scorers import classification, score_dyads, score_locations, score_snippets
from eventscope.evaluate.tables import label_table
from eventscope.model import Actor, PlacePrecision, Span

DAY = dt.date(2021, 6, 27)


def test_classification_macro_and_weighted_by_hand() -> None:
    # A: 2 gold, both right -> P 2/3 (one B predicted as A), R 1, F1 0.8; B: 1 gold, 0 right -> F1 0.
    metrics, rows = classification(["A", "A", "B"], ["A", "A", "A"])
    assert metrics["accuracy"] == pytest.approx(2 / 3)
    assert metrics["macro_f1"] == pytest.approx(0.4)
    assert metrics["weighted_f1"] == pytest.approx((0.8 * 2 + 0) / 3)
    assert [r["class"] for r in rows] == ["A", "B"]


def test_dyads_yield_accepts_concede_or_retreat_and_scores_actors() -> None:
    table = label_table("plv.tsv")
    items = [
        GoldDyad("1", "x", "YIELD", table.lookup("YIELD") or frozenset(), None, None,
                 (GoldActor("Iran", "IRN", frozenset({"GOV"})),), (GoldActor("UN", "IGO"),)),
        GoldDyad("2", "x", "ACCUSE", table.lookup("ACCUSE") or frozenset(), None, None),
        GoldDyad("3", "x", "ASSAULT", table.lookup("ASSAULT") or frozenset(), None, None),
        GoldDyad("4", "x", "ASSAULT", table.lookup("ASSAULT") or frozenset(), None, None),
    ]
    preds = [
        PredictedDyad("1", "RETREAT", Actor("Iran", "Iran", "IRN", "GOV"), Actor("UN", "United Nations", "UNO")),
        PredictedDyad("2", "ACCUSE"),
        PredictedDyad("3", "ASSAULT"),
        PredictedDyad("4", None),
    ]
    score = score_dyads(items, preds, table)
    assert score.metrics["plover_accuracy"] == pytest.approx(0.75)
    # ACCUSE 1, YIELD 1, ASSAULT P 1 R 0.5 F1 2/3 -> macro (1 + 1 + 2/3) / 3
    assert score.metrics["plover_macro_f1"] == pytest.approx((2 + 2 / 3) / 3)
    assert score.metrics["actor1_country_accuracy"] == 1.0
    assert score.metrics["actor2_country_accuracy"] == 1.0  # UNO counts as IGO
    assert score.metrics["actor_sector_accuracy"] == 1.0
    assert [e.item_id for e in score.errors] == ["4"]


def test_snippets_weighted_f1_and_none_is_other() -> None:
    table = label_table("case2021.tsv")
    items = [GoldSnippet(str(i), "t", label, table.lookup(label) or frozenset())
             for i, label in enumerate(["PEACE_PROTEST", "PEACE_PROTEST", "OTHER", "ARREST"])]
    preds = [PredictedLabel("0", "Peaceful protest"), PredictedLabel("1", "Arrests"),
             PredictedLabel("2", None), PredictedLabel("3", "Arrests")]
    score = score_snippets(items, preds)
    # Peaceful protest: P 1 R .5 F1 2/3 (support 2); Other: F1 1; Arrests: P .5 R 1 F1 2/3.
    assert score.metrics["acled_sub_type_weighted_f1"] == pytest.approx((2 / 3 * 2 + 1 + 2 / 3) / 4)
    assert score.metrics["acled_sub_type_macro_f1"] == pytest.approx((2 / 3 + 1 + 2 / 3) / 3)
    assert score.metrics["acled_sub_type_accuracy"] == pytest.approx(0.75)


def test_locations_accuracy_precision_recall() -> None:
    text = "Gunmen attacked a market in Kano."
    market = Span(28, 32, "Kano")
    items = [
        GoldLocation("a", text, Span(7, 15, "attacked"), (market,)),
        GoldLocation("b", text, Span(7, 15, "attacked"), ()),
        GoldLocation("c", text, Span(7, 15, "attacked"), (market,)),
        GoldLocation("d", text, Span(7, 15, "attacked"), ()),
    ]
    preds = [PredictedLocation("a", Span(28, 32, "Kano")), PredictedLocation("b", None),
             PredictedLocation("c", None), PredictedLocation("d", Span(28, 32, "Kano"))]
    score = score_locations(items, preds)
    assert score.metrics["event_location_accuracy"] == 0.5
    assert score.metrics["event_location_precision"] == 0.5  # 1 right of 2 predicted places
    assert score.metrics["event_location_recall"] == 0.5  # 1 found of 2 gold places


def _gold(event_id: str, **kw) -> GoldEvent:
    defaults = dict(label="ASSAULT", accepted=frozenset({"ASSAULT"}), date=GoldDate(DAY, DAY), countries=("SYR",))
    return GoldEvent(event_id, **(defaults | kw))


def test_events_one_to_one_with_date_and_country() -> None:
    doc = GoldDocument("d", "text", (_gold("g1"), _gold("g2", countries=("IRQ",))))
    dataset = Dataset("gold", "-", "events", (doc,))
    preds = {"d": [
        PredictedEvent("d", frozenset({"ASSAULT"}), date=DAY, countries=("SYR",), confidence=0.9),
        PredictedEvent("d", frozenset({"ASSAULT"}), date=DAY, countries=("SYR",)),  # duplicate: no second match
        PredictedEvent("d", frozenset({"ASSAULT"}), date=DAY + dt.timedelta(days=1), countries=("IRQ",)),
    ]}
    score = score_events(dataset, preds)
    assert score.metrics["event_precision"] == pytest.approx(1 / 3)
    assert score.metrics["event_recall"] == pytest.approx(0.5)
    assert score.metrics["event_f1"] == pytest.approx(0.4)


def test_event_fields_on_aligned_pairs() -> None:
    place = GoldPlace(names=("Abu Kamal",), admin1="Deir ez Zor", country="SYR", lat=34.45, lon=40.92,
                      precision=PlacePrecision.TOWN)
    gold = _gold("g", place=place, fatalities=(4, 7), actor1=(GoldActor("US", "USA", frozenset({"MIL"})),))
    doc = GoldDocument("d", "text", (gold,))
    pred = PredictedEvent("d", frozenset({"ASSAULT"}), date=DAY, countries=("SYR",), place_name="Al Bukamal",
                          admin1="Deir ez-Zor", lat=34.6, lon=40.8, fatalities=7,
                          actor1=(Actor("US", "United States", "USA", "GOV"),))
    score = score_events(Dataset("acled", "-", "events", (doc,)), {"d": [pred]})
    m = score.metrics
    assert m["date_accuracy"] == 1.0 and m["country_accuracy"] == 1.0
    assert m["admin1_accuracy"] == 1.0  # hyphens and case aside
    assert m["city_accuracy"] == 0.0  # another spelling is not the same name
    assert m["location_accuracy_50km"] == 1.0 and m["location_accuracy_161km"] == 1.0  # about 20 km away
    assert m["fatalities_exact"] == 0.0 and m["fatalities_within_range"] == 1.0
    assert m["actor1_country_accuracy"] == 1.0 and m["actor_sector_accuracy"] == 0.0
    assert m["field_coverage"] == 1.0


def test_optional_gold_core_and_must_not() -> None:
    doc = GoldDocument("d", "t", (_gold("core", core=True), _gold("opt", countries=("IRQ",), optional=True)),
                       must_not=(_gold("bad", date=GoldDate(DAY + dt.timedelta(days=3), DAY + dt.timedelta(days=3))),))
    preds = {"d": [PredictedEvent("d", frozenset({"ASSAULT"}), date=DAY, countries=("SYR",)),
                   PredictedEvent("d", frozenset({"ASSAULT"}), date=DAY + dt.timedelta(days=3), countries=("SYR",))]}
    score = score_events(Dataset("gold", "-", "events", (doc,)), preds)
    assert score.metrics["event_recall"] == 1.0  # the missed optional event is not counted
    assert score.metrics["event_precision"] == 0.5
    assert score.metrics["core_recall"] == 1.0
    assert score.metrics["must_not_violations"] == 1.0


def test_trigger_matching_arguments_and_recall_only() -> None:
    text = "A bomb exploded in Kabul, killing three soldiers."
    sentence = (0, len(text))
    attack = GoldEvent("e1", "conflict.attack.bombing", frozenset({"ASSAULT"}), trigger=Span(7, 15, "exploded"),
                       sentence=sentence, arguments=(GoldArgument("place", ("Kabul",), (Span(19, 24, "Kabul"),)),))
    die = GoldEvent("e2", "life.die", frozenset({"claim:killed", "ASSAULT"}), trigger=Span(26, 33, "killing"),
                    sentence=sentence,
                    arguments=(GoldArgument("target", ("soldiers",), (Span(40, 48, "soldiers"),)),))
    doc = GoldDocument("w", text, (attack, die))
    place = PredictedArgument("place", "Kabul", Span(19, 24, "Kabul"))
    preds = {"w": [
        PredictedEvent("w", frozenset({"ASSAULT"}), trigger=Span(7, 15, "exploded"), arguments=(place,)),
        # the casualty claim's span is the number, not the verb: paired in the same-sentence pass
        PredictedEvent("w", frozenset({"claim:killed"}), trigger=Span(34, 39, "three"),
                       arguments=(place, PredictedArgument("target", "three soldiers", Span(34, 48, "three soldiers")))),
    ]}
    dataset = Dataset("rams", "-", "events", (doc,), unit="trigger", precision_meaningful=False)
    score = score_events(dataset, preds)
    assert "event_precision" not in score.metrics
    assert score.metrics["event_recall"] == 1.0
    assert score.metrics["trigger_pairs_by_sentence"] == 1.0
    assert score.metrics["event_recall_trigger_overlap"] == 0.5
    assert score.metrics["argument_f1_target"] == 1.0
    # place: 2 predicted (one per unit), 1 gold -> P .5 R 1
    assert score.metrics["argument_f1_place"] == pytest.approx(2 / 3)


def test_death_f1_and_muc_text_arguments() -> None:
    gold = _gold("m", death=True, arguments=(GoldArgument("attacker", ("MEMBERS OF SHINING PATH", "SHINING PATH")),))
    quiet = GoldDocument("q", "t", ())
    doc = GoldDocument("m", "t", (gold,))
    preds = {
        "m": [PredictedEvent("m", frozenset({"ASSAULT"}), date=DAY, countries=("PER",), fatalities=2,
                             arguments=(PredictedArgument("attacker", "Shining Path"),))],
        "q": [PredictedEvent("q", frozenset({"ASSAULT"}), fatalities=1)],
    }
    score = score_events(Dataset("muc4", "-", "events", (doc, quiet)), preds)
    assert score.metrics["death_f1"] == pytest.approx(2 / 3)  # P 1/2, R 1
    assert score.metrics["argument_f1_attacker"] == 1.0
    assert score.metrics["country_accuracy"] == 0.0


def test_must_not_text_cue_needs_the_words_in_the_evidence() -> None:
    doc = GoldDocument("d", "t", (), must_not=(GoldEvent("x", "ASSAULT", frozenset({"ASSAULT"}), text_cue="campaign"),))
    strike = PredictedEvent("d", frozenset({"ASSAULT"}), evidence_text="US jets struck depots.")
    campaign = PredictedEvent("d", frozenset({"ASSAULT"}), evidence_text="the start of a wider air Campaign")
    assert score_events(Dataset("gold", "-", "events", (doc,)), {"d": [strike]}).metrics["must_not_violations"] == 0
    assert score_events(Dataset("gold", "-", "events", (doc,)), {"d": [campaign]}).metrics["must_not_violations"] == 1


def test_worst_errors_take_turns_across_kinds() -> None:
    from eventscope.evaluate.records import ErrorRecord, Score
    from eventscope.evaluate.runner import worst_errors

    score = Score(errors=[ErrorRecord(str(i), "spurious event", "-", "x", 2.0) for i in range(30)]
                  + [ErrorRecord("d", "date", "2021", "2020", 1.2)])
    listed = worst_errors(score)
    assert len(listed) == 20 and listed[1].what == "date"


def test_muc_death_counts_figureless_claims_and_skips_arrests() -> None:
    gold = _gold("m", death=True, countries=("PER",))
    doc = GoldDocument("m", "t", (gold,))
    preds = {"m": [PredictedEvent("m", frozenset({"ASSAULT"}), date=DAY, countries=("PER",), died=True),
                   PredictedEvent("m", frozenset({"COERCE"}), date=DAY, countries=("PER",), mode="arrest",
                                  fatalities=3)]}
    scope = frozenset({"ASSAULT", "COERCE"})
    score = score_events(Dataset("muc4", "-", "events", (doc,), scope=scope), preds)
    assert score.metrics["death_f1"] == 1.0  # the arrest is no incident: neither a death nor spurious
    assert score.metrics["event_precision"] == 1.0
    # elsewhere an arrest is an event like any other
    other = score_events(Dataset("gold", "-", "events", (doc,), scope=scope), preds)
    assert other.metrics["event_precision"] == 0.5


def test_muc_incidents_are_recent() -> None:
    """A MUC-4 template is an incident of the two months before the message: an event the article
    recalls from years before is history there, neither a match nor a spurious incident."""
    gold = _gold("m", death=True, countries=("PER",))
    doc = GoldDocument("m", "t", (gold,), published=DAY + dt.timedelta(days=3))
    old = PredictedEvent("m", frozenset({"ASSAULT"}), date=dt.date(1986, 12, 17), countries=("PER",), died=True)
    news = PredictedEvent("m", frozenset({"ASSAULT"}), date=DAY, countries=("PER",), died=True)
    score = score_events(Dataset("muc4", "-", "events", (doc,)), {"m": [news, old]})
    assert score.metrics["event_precision"] == 1.0 and score.metrics["death_f1"] == 1.0
    # elsewhere a recalled event is an event like any other
    assert score_events(Dataset("gold", "-", "events", (doc,)), {"m": [news, old]}).metrics["event_precision"] == 0.5
