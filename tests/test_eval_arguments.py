"""Argument scoring on trigger data: head-word matching, spanless places, victims of casualty claims."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from eventscope.evaluate.matching import argument_matches, head_span
from eventscope.evaluate.predict import triggers_to_predictions
from eventscope.evaluate.records import (
    Dataset,
    GoldArgument,
    GoldDocument,
    GoldEvent,
    PredictedArgument,
    PredictedEvent,
)
from eventscope.evaluate.score_events import _arguments_hit, score_events
from eventscope.evaluate.tables import label_table, type_roles
from eventscope.model import Actor, ActorRoles, Article, Claim, ClaimKind, Mention, Place, Span
from eventscope.stages.nlp import parse


def _span(text: str, start: int = 0) -> Span:
    return Span(start, start + len(text), text)


@pytest.mark.parametrize(("phrase", "head"), [
    ("the families of the six service members", "families"),
    ("168 people", "people"),
    ("Iraq's military", "military"),
    ("the Murrah Federal Building in Oklahoma City", "Building"),
    ("Tamerlan Tsarnaev, 26,", "Tsarnaev"),
    ("IS", "IS"),
])
def test_head_word_of_a_phrase(phrase: str, head: str) -> None:
    found = head_span(_span(phrase, 10))
    assert found.text == head
    assert phrase[found.start - 10:found.end - 10] == head


def test_a_long_phrase_that_only_contains_the_gold_argument_does_not_match() -> None:
    text = "the families of the six service members"
    members = Span(32, 39, "members")
    assert text[members.start:members.end] == "members"
    assert not argument_matches([members], _span(text))
    assert argument_matches([members], _span("six service members", 20))


def test_each_gold_argument_is_filled_once() -> None:
    gold = [GoldArgument("target", ("people",), (Span(20, 26, "people"),))]
    pred = PredictedEvent("d", frozenset({"ASSAULT"}), arguments=(
        PredictedArgument("target", "168 people", Span(16, 26, "168 people")),
        PredictedArgument("target", "people", Span(20, 26, "people"))))
    assert _arguments_hit(gold, pred, "target") == (1, 2)


def test_conjuncts_of_one_coordinated_gold_argument_are_one_argument() -> None:
    # "airstrikes by the United States and France": eventscope lists the two, the gold marks one span
    text = "airstrikes by the United States and France"
    gold = [GoldArgument("attacker", ("United States and France",), (Span(18, 42, text[18:42]),))]
    pred = PredictedEvent("d", frozenset({"ASSAULT"}), arguments=(
        PredictedArgument("attacker", "France", Span(36, 42, "France")),
        PredictedArgument("attacker", "United States", Span(18, 31, "United States"))))
    assert _arguments_hit(gold, pred, "attacker") == (1, 1)
    # a conjunct outside the gold phrase, or one not coordinated in the gold, still counts extra
    lone = [GoldArgument("attacker", ("United States",), (Span(18, 31, "United States"),))]
    assert _arguments_hit(lone, pred, "attacker") == (1, 2)


def test_a_thousands_comma_does_not_end_the_head() -> None:
    assert head_span(Span(33, 47, "2,839 soldiers")).text == "soldiers"


def _mention() -> Mention:
    return Mention("a:0:7", "a", 0, Span(7, 15, "attacked"), 1, "ASSAULT", "190", -10.0, confidence=0.8)


def test_a_place_without_a_span_is_no_place_argument() -> None:
    mention = _mention()
    extraction = SimpleNamespace(mentions=[mention], roles={}, claims={},
                                 places={mention.id: Place("Nigeria", country="NGA")})
    (unit,) = triggers_to_predictions("a", extraction)
    assert unit.arguments == ()


@pytest.mark.slow
def test_a_casualty_claim_unit_targets_its_victims(nlp) -> None:
    text = "Rebels attacked the market on Monday, killing five traders."
    parsed = parse(Article(id="a", text=text), nlp)
    mention = _mention()
    claimed = "killing five traders"
    start = text.index(claimed)
    extraction = SimpleNamespace(
        parsed=parsed, mentions=[mention],
        roles={mention.id: ActorRoles(actor1=(Actor("Rebels", "rebels", span=_span("Rebels")),),
                                      actor2=(Actor("the market", "market", span=Span(16, 26, "the market")),))},
        places={}, claims={mention.id: (Claim(ClaimKind.KILLED, 5, 5, span=Span(start, start + len(claimed), claimed)),)})
    attack, claim = triggers_to_predictions("a", extraction)
    assert [a.text for a in attack.arguments if a.role == "target"] == ["the market"]
    assert [a.text for a in claim.arguments if a.role == "target"] == ["five traders"]
    assert [a.text for a in claim.arguments if a.role == "attacker"] == ["Rebels"]


def test_a_role_the_gold_type_lacks_is_not_scored() -> None:
    # KAIROS gives Life.Injure no Place (WikiEvents meta.json): the injury unit's place is neither a
    # hit nor an extra; the attack in the same sentence is scored on its place as usual.
    assert type_roles("wikievents", "Life.Injure.Unspecified") == frozenset({"attacker", "target"})
    assert type_roles("wikievents", "Conflict.Attack.DetonateExplode") == frozenset({"attacker", "target", "place"})
    assert type_roles("rams", "life.injure.illegal") is None
    text = "A bomb exploded in Lyon, wounding 13 people."
    blast, wounding, lyon = Span(7, 15, "exploded"), Span(25, 33, "wounding"), Span(19, 23, "Lyon")
    attack = GoldEvent("g1", "Conflict.Attack.DetonateExplode", frozenset({"ASSAULT"}), trigger=blast,
                       arguments=(GoldArgument("place", ("Lyon",), (lyon,)),),
                       roles=type_roles("wikievents", "Conflict.Attack.DetonateExplode"))
    injury = GoldEvent("g2", "Life.Injure.Unspecified", frozenset({"claim:injured"}), trigger=wounding,
                       roles=type_roles("wikievents", "Life.Injure.Unspecified"))
    place = (PredictedArgument("place", "Lyon", lyon),)
    preds = {"d": [PredictedEvent("d", frozenset({"ASSAULT"}), trigger=blast, arguments=place),
                   PredictedEvent("d", frozenset({"claim:injured"}), trigger=wounding, arguments=place)]}

    def place_precision(*events: GoldEvent) -> float:
        dataset = Dataset("wikievents", "-", "events", (GoldDocument("d", text, events),),
                          scope=frozenset({"ASSAULT", "claim:injured"}), unit="trigger")
        metrics = score_events(dataset, preds).metrics
        assert metrics["event_recall"] == 1.0
        return metrics["argument_precision_place"]

    assert place_precision(attack, injury) == 1.0
    # an injury type with a place role (RAMS has one) counts the injury unit's place as an extra
    assert place_precision(attack, replace(injury, roles=None)) == 0.5


@pytest.mark.slow
def test_an_invasion_is_scored_against_the_rams_invade_type(pipeline) -> None:
    # eventscope codes an invasion as occupying territory (CAMEO 192, PLOVER COERCE); RAMS files it under
    # conflict.attack.invade, whose row in labels/rams.tsv accepts that coding as well as an attack.
    text = "His family fled Smyrna when Turks invaded this borderland in 1920."
    extraction = pipeline.extract_one(Article(id="d", text=text))
    units = triggers_to_predictions("d", extraction)
    (invasion,) = [u for u in units if u.trigger is not None and u.trigger.text == "invaded"]
    assert invasion.labels == frozenset({"COERCE"})
    start = text.index("invaded")
    turks = text.index("Turks")
    gold = GoldEvent("g", "conflict.attack.invade", label_table("rams.tsv", hierarchical=True).lookup(
        "conflict.attack.invade") or frozenset(), trigger=Span(start, start + 7, "invaded"),
        arguments=(GoldArgument("attacker", ("Turks",), (Span(turks, turks + 5, "Turks"),)),))
    dataset = Dataset("rams", "-", "events", (GoldDocument("d", text, (gold,)),),
                      scope=label_table("rams.tsv", hierarchical=True).scope, unit="trigger",
                      precision_meaningful=False)
    metrics = score_events(dataset, {"d": units}).metrics
    assert metrics["event_recall"] == 1.0
    assert metrics["argument_recall_attacker"] == 1.0
