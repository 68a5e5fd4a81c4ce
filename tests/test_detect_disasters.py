"""Disasters are not political violence: a flood or a factory blast that "killed" people keeps its
PLOVER coding but gets no ACLED violence sub-type, while an attack that merely mentions a flood
stays an attack; CASE's unseen types label a snippet but never reach an ACLED field.
Sentences written for these tests (needs the real spaCy model and MiniLM)."""

from __future__ import annotations

import pytest

from eventscope.evaluate.predict import predict_snippets
from eventscope.evaluate.records import GoldSnippet
from eventscope.model import Article, Mention
from eventscope.pipeline import Pipeline
from eventscope.stages.acled_refine import UNSEEN_CONFIDENT, VIOLENCE_TYPES, snippet_sub_type
from eventscope.stages.classify_acled import CASE_LABELS, UNSEEN_LABELS, acled_sub_type, case_labels
from eventscope.stages.detect import detect
from eventscope.stages.nlp import parse


def mentions(nlp, text: str) -> list[Mention]:
    return detect(parse(Article(id="t", text=text), nlp))


def test_unseen_types_have_no_acled_name() -> None:
    assert set(UNSEEN_LABELS) == {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"}
    assert len(CASE_LABELS) == 25 and not set(UNSEEN_LABELS) & set(CASE_LABELS)
    acled_names = {c.acled_sub_type for c in case_labels() if c.in_acled}
    assert not acled_names & set(UNSEEN_LABELS)
    with pytest.raises(KeyError):
        acled_sub_type("MAN_MADE_DISASTER")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Torrential rain caused flooding that killed 31 people across the southern districts on Friday.",
    "Nine people were killed when a mudslide buried their houses after a week of heavy rain.",
    "A huge explosion at a fertiliser plant killed 14 workers and damaged homes nearby.",
    "A blaze that started in the basement of a shopping centre killed 22 people.",
    "A fire tore through a crowded market in the old city overnight, killing nine traders.",
])
def test_a_disaster_that_killed_gets_no_acled_violence_sub_type(nlp, text: str) -> None:
    found = mentions(nlp, text)
    assert found, "expected the killing to be detected"
    violent = [m for m in found if m.acled_type in VIOLENCE_TYPES]
    assert not violent, [(m.trigger.text, m.acled_sub_type) for m in violent]
    dropped = [m for m in found if "disaster" in m.reasons.get("acled", "")]
    assert dropped and all(m.acled_sub_type is None for m in dropped)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "sub_types"), [
    ("Armed bandits attacked families displaced by the floods, killing four of them.",
     {"Attack", "Armed clash"}),
    ("A roadside bomb struck a police truck on the highway, killing three officers.",
     {"Remote explosive/landmine/IED"}),
])
def test_violence_with_a_perpetrator_or_a_weapon_stays_acled(nlp, text: str, sub_types: set[str]) -> None:
    found = [m.acled_sub_type for m in mentions(nlp, text)]
    assert set(found) & sub_types, found


@pytest.mark.slow
def test_a_disaster_snippet_is_labelled_even_over_a_violence_trigger(nlp, tiny_gazetteer) -> None:
    snippets = [
        GoldSnippet("train", "On 3 May 2021, in Sindh, a passenger train derailed near Ghotki, killing 41 people.",
                    "MAN_MADE_DISASTER", frozenset({"MAN_MADE_DISASTER"})),
        GoldSnippet("storm", "A tropical storm lashed the coast overnight and killed 17 fishermen, officials said.",
                    "NATURAL_DISASTER", frozenset({"NATURAL_DISASTER"})),
        GoldSnippet("attack", "Gunmen killed four aid workers distributing food to flood victims in the district.",
                    "ATTACK", frozenset({"Attack"})),
    ]
    got = predict_snippets(snippets, Pipeline(nlp_model=nlp, gazetteer=tiny_gazetteer))
    assert [p.label for p in got] == ["MAN_MADE_DISASTER", "NATURAL_DISASTER", "Attack"]
    found = snippet_sub_type(snippets[0].text)
    assert found is not None and found[:2] == (None, "MAN_MADE_DISASTER") and found[2] >= UNSEEN_CONFIDENT


@pytest.mark.slow
def test_organised_crime_yields_to_acled_violence() -> None:
    crime = ("Prosecutors said the cartel laundered drug money through car dealerships and smuggled "
             "cocaine hidden in fruit shipments.")
    found = snippet_sub_type(crime)
    assert found is not None and found[1] == "ORG_CRIME"
    ambush = "Cartel gunmen ambushed a family's car on the highway, killing five people."
    assert (snippet_sub_type(ambush, "Attack") or (None, "Attack"))[1] != "ORG_CRIME"
