"""The event-location linker's features (stages/where_link.py) on real parses (spaCy model -> slow).

Checks the cues the linker's trees split on: the relation path from a name to the
trigger, verbs on the way, and whether another verb sits nearer the name.
"""

from __future__ import annotations

import pytest

from eventscope.model import Article
from eventscope.stages.nlp import parse
from eventscope.stages.where_link import sentence_features, sentence_toponyms

pytestmark = pytest.mark.slow


def features_by_name(nlp, text: str, trigger_word: str) -> dict[str, dict[str, float]]:
    doc = parse(Article(id="t", text=text), nlp).doc
    trigger = next(t.i for t in doc if t.text == trigger_word)
    topos = [t for t in sentence_toponyms(doc, doc[trigger].sent) if not (t.start <= trigger < t.end)]
    feats = sentence_features(doc, trigger, topos)
    return {doc[t.start:t.end].text: f for t, f in zip(topos, feats, strict=True)}


def test_a_name_under_the_triggers_preposition_has_a_short_direct_path(nlp) -> None:
    feats = features_by_name(nlp, "Gunmen killed three villagers in Kandahar on Monday.", "killed")
    kandahar = feats["Kandahar"]
    assert kandahar["path=pobj/prep/^"] == 1.0  # up from the name to the trigger, nothing down
    assert kandahar["path_verbs"] == 0.0 and kandahar["closer_verb"] == 0.0
    assert kandahar["path_top=trigger"] == 1.0 and kandahar["in_subtree"] == 1.0


def test_a_name_of_another_clause_has_a_verb_on_the_way_and_nearer(nlp) -> None:
    feats = features_by_name(
        nlp, "Gunmen killed three villagers on Monday, officials who met in Geneva said.", "killed")
    geneva = feats["Geneva"]
    assert geneva["path_verbs"] > 0.0  # "met" (and "said") stand between
    # verb_margin is (tree distance to the nearest other verb - to the trigger), scaled: negative here
    assert geneva["closer_verb"] == 1.0 and geneva["verb_margin"] < 0.0
