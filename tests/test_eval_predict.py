"""Turning pipeline output into predictions: events, mentions plus casualty claims, an events file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from eventscope.evaluate.predict import events_to_predictions, predictions_from_file, triggers_to_predictions
from eventscope.evaluate.records import GoldDocument
from eventscope.model import (
    Actor,
    ActorRoles,
    Claim,
    ClaimKind,
    Count,
    Event,
    Evidence,
    Mention,
    Modality,
    Place,
    Span,
    TimeRef,
    to_dict,
)

TEXT = "Rebels attacked Kano on Monday, killing five people."


def _mention() -> Mention:
    return Mention("a:0:7", "a", 0, Span(7, 15, "attacked"), 1, "ASSAULT", "190", -10.0,
                   acled_sub_type="Attack", confidence=0.8)


def test_mentions_and_claims_become_units() -> None:
    mention = _mention()
    extraction = SimpleNamespace(
        mentions=[mention],
        roles={mention.id: ActorRoles(actor1=(Actor("Rebels", "rebels", span=Span(0, 6, "Rebels")),))},
        places={mention.id: Place("Kano", country="NGA", span=Span(16, 20, "Kano"))},
        claims={mention.id: (Claim(ClaimKind.KILLED, 5, 5, span=Span(32, 44, "killing five")),)},
    )
    units = triggers_to_predictions("a", extraction)
    assert [sorted(u.labels) for u in units] == [["ASSAULT"], ["claim:killed"]]
    assert units[1].trigger == Span(32, 44, "killing five")
    assert {a.role for a in units[1].arguments} == {"attacker", "place"}


def test_actors_read_out_of_one_coordinated_span_are_one_argument() -> None:
    mention = _mention()
    both = Span(0, 29, "Russian and Syrian government")
    extraction = SimpleNamespace(
        mentions=[mention],
        roles={mention.id: ActorRoles(actor1=(Actor("Russian government", "Russia government", span=both),
                                              Actor("Syrian government", "Syria government", span=both)))},
        places={}, claims={})
    [unit] = triggers_to_predictions("a", extraction)
    assert [a.text for a in unit.arguments if a.role == "attacker"] == ["Russian government"]


def _event(modality: Modality = Modality.OCCURRED) -> Event:
    return Event("e1", "ASSAULT", "190", -10.0, TimeRef(dt.date(2021, 6, 28)), modality=modality,
                 place=Place("Kano", lat=12.0, lon=8.5, country="NGA", admin1="Kano"),
                 fatalities=Count(5), evidence=(Evidence("a", 0, 0, len(TEXT), TEXT),))


def test_only_occurred_events_are_predictions() -> None:
    preds = events_to_predictions("a", [_event(), _event(Modality.THREATENED)])
    assert len(preds) == 1
    assert preds[0].countries == ("NGA",) and preds[0].fatalities == 5 and "killing" in preds[0].evidence_text


def test_events_file_matched_by_document_stem(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(to_dict(_event()) | {"article_id": "corpus/kano.txt"}) + "\n", encoding="utf-8")
    doc = GoldDocument("kano-doc", TEXT, aliases=("corpus/kano.txt", "kano.txt", "kano"))
    found = predictions_from_file([doc], path)
    assert list(found) == ["kano-doc"] and found["kano-doc"][0].place_name == "Kano"


@pytest.mark.slow
def test_event_location_predictions_pass_the_trigger_token(nlp, monkeypatch, fixtures_dir: Path) -> None:
    from eventscope.evaluate import predict
    from eventscope.evaluate.records import GoldLocation
    from eventscope.evaluate.scorers import score_locations

    seen: list[str] = []

    def fake_event_location_span(parsed, trigger_token):
        seen.append(parsed.doc[trigger_token].text)
        token = next(t for t in parsed.doc if t.text == "Reshimbagh")
        return Span(token.idx, token.idx + len(token.text), token.text)

    monkeypatch.setattr(predict, "stage_function", lambda modules, name: fake_event_location_span)
    text = "The widow was murdered at her Reshimbagh home."
    items = [GoldLocation("1", text, Span(14, 22, "murdered"), (Span(30, 40, "Reshimbagh"),))]
    preds = predict.predict_locations(items, nlp)
    assert seen == ["murdered"]
    assert score_locations(items, preds).metrics["event_location_accuracy"] == 1.0


def test_a_figureless_killed_claim_is_a_death_but_no_count() -> None:
    from dataclasses import replace

    figureless = Count(None, (Claim(ClaimKind.KILLED, None, None, span=Span(0, 6, "killed")),))
    zero = Count(0, (Claim(ClaimKind.KILLED, 0, 0),))
    died, none_died, counted = events_to_predictions(
        "a", [replace(_event(), fatalities=figureless), replace(_event(), fatalities=zero), _event()])
    assert died.died is True and died.fatalities is None
    assert none_died.died is False
    assert counted.died is True and counted.fatalities == 5 and counted.mode is None


def test_a_toll_of_combatants_only_is_no_death_of_a_target() -> None:
    from dataclasses import replace

    def killed(*sectors: str) -> Count:
        return Count(6, (Claim(ClaimKind.KILLED, 6, 6, victim_sectors=sectors),))

    guerrillas, mixed, police, unsaid = events_to_predictions("a", [
        replace(_event(), fatalities=killed("REB")), replace(_event(), fatalities=killed("MIL", "CVL")),
        replace(_event(), fatalities=killed("COP")), replace(_event(), fatalities=killed())])
    assert guerrillas.died is True and guerrillas.target_died is False and guerrillas.fatalities == 6
    assert mixed.target_died is True and police.target_died is True and unsaid.target_died is True
