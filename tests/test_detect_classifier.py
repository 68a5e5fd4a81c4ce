"""How detect combines the lexicon with a classifier's scores (a fake scorer stands in for classify.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventscope.model import Article, Span
from eventscope.stages import classifier_signal
from eventscope.stages.detect import code_dyad
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


@pytest.fixture
def fake_scores() -> Iterator[dict[str, float]]:
    scores: dict[str, float] = {}
    classifier_signal.set_scorer(lambda marked: dict(scores))
    yield scores
    classifier_signal.set_scorer(None)
    classifier_signal._state["discovered"] = False


def _dyad(nlp, text: str, source: str, target: str):
    parsed = parse(Article(id="c", text=text), nlp)
    s, t = text.index(source), text.index(target)
    return code_dyad(parsed, Span(s, s + len(source), source), Span(t, t + len(target), target))


def test_mark_puts_tags_around_actors(nlp) -> None:
    doc = nlp("Iran condemned the strikes by Israel.")
    sent = next(iter(doc.sents))
    assert classifier_signal.mark(sent, doc[0:1], doc[5:6]) == "<s>Iran</s> condemned the strikes by <t>Israel</t>."


def test_lexicon_kept_when_classifier_agrees(nlp, fake_scores) -> None:
    fake_scores.update({"ACCUSE": 0.8, "REJECT": 0.2})
    m = _dyad(nlp, "Iran condemned Israel on Monday.", "Iran", "Israel")
    assert m is not None and m.plover == "ACCUSE"
    assert m.reasons["decided_by"] == "lexicon" and "agrees" in m.reasons["classifier"]


def test_classifier_fills_a_gap(nlp, fake_scores) -> None:
    fake_scores.update({"COOPERATE": 0.7, "AID": 0.3})
    m = _dyad(nlp, "France shared its radar images with Chad.", "France", "Chad")
    assert m is not None and m.plover == "COOPERATE" and m.cameo == "060"
    assert m.reasons["decided_by"] == "classifier"


def test_classifier_overrides_only_when_sure(nlp, fake_scores) -> None:
    fake_scores.update({"SUPPORT": 0.6, "ASSAULT": 0.4})
    m = _dyad(nlp, "Rebels attacked the army base.", "Rebels", "the army base")
    assert m is not None and m.plover == "ASSAULT" and m.reasons["decided_by"] == "lexicon"
    fake_scores.clear()
    fake_scores.update({"SUPPORT": 0.95, "ASSAULT": 0.01})
    m = _dyad(nlp, "Rebels attacked the army base.", "Rebels", "the army base")
    assert m is not None and m.plover == "SUPPORT" and m.reasons["decided_by"] == "classifier"


def test_plv_names_are_normalised(nlp, fake_scores) -> None:
    fake_scores.update({"YIELD": 0.9})
    m = _dyad(nlp, "The junta and the monks were in the news.", "The junta", "the monks")
    assert m is not None and m.plover == "CONCEDE"


def test_modality_recode_is_not_overridden(nlp, fake_scores) -> None:
    # "will meet" is the intent to meet (AGREE, CAMEO 036); a classifier sure of CONSULT reads only the verb
    fake_scores.update({"CONSULT": 0.97, "AGREE": 0.01})
    m = _dyad(nlp, "Putin will meet Erdogan in Ankara next week.", "Putin", "Erdogan")
    assert m is not None and m.plover == "AGREE" and m.cameo == "036"
    assert "lexicon kept" in m.reasons["classifier"]
