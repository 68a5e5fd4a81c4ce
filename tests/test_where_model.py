"""The linker's scoring models (stages/where_model.py): hand-made trees and weights, no spaCy."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from eventscope.errors import ConfigError
from eventscope.stages.where_model import (
    CONTEXT_PATH,
    WEIGHTS_PATH,
    ContextModel,
    ContextScorer,
    LinkModel,
    TreeModel,
    answer_features,
    context_features,
    context_vectors,
    load_context_model,
    load_link_model,
    pooled,
    read_context_network,
    trees_from_json,
)

# Two stumps: "prep=in" > 0.5 adds 2.0, else -1.0; "path_len" <= 0.25 adds 0.5, else -0.5.
TREES = {
    "kind": "trees", "baseline": -0.25, "threshold": 0.4, "features": ["path_len", "prep=in"],
    "trees": [
        {"feature": [1, -1, -1], "split": [0.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
         "value": [0.0, -1.0, 2.0]},
        {"feature": [0, -1, -1], "split": [0.25, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
         "value": [0.0, 0.5, -0.5]},
    ],
}


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_trees_add_the_leaf_of_every_tree_to_the_baseline() -> None:
    model = trees_from_json(TREES)
    assert isinstance(model, TreeModel) and model.threshold == 0.4
    assert model.probability({"prep=in": 1.0, "path_len": 0.1}) == pytest.approx(sigmoid(-0.25 + 2.0 + 0.5))
    assert model.probability({"prep=in": 1.0, "path_len": 0.9}) == pytest.approx(sigmoid(-0.25 + 2.0 - 0.5))
    # an absent feature is 0.0, as in training; an unknown one is ignored
    assert model.probability({"other": 5.0}) == pytest.approx(sigmoid(-0.25 - 1.0 + 0.5))


def test_logistic_weights_still_load(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"bias": 0.5, "threshold": 0.3, "weights": {"prep=in": 1.5}}), encoding="utf-8")
    model = load_link_model(path)
    assert isinstance(model, LinkModel)
    assert model.probability({"prep=in": 1.0}) == pytest.approx(sigmoid(2.0))


def test_a_broken_weights_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"kind": "trees", "features": []}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.json"):
        load_link_model(path)
    with pytest.raises(ConfigError, match="missing"):
        load_link_model(tmp_path / "absent.json")


def test_the_shipped_model_is_trees_over_named_features() -> None:
    model = load_link_model(WEIGHTS_PATH)
    assert isinstance(model, TreeModel) and 0.0 < model.threshold < 1.0
    assert len(model.roots) >= 100 and "prep_in_trigger_tree" in model.features
    # every split names a feature of the list; a candidate with no features still gets a probability
    assert all(-1 <= f < len(model.features) for f in model.feature)
    assert 0.0 < model.probability({}) < 1.0


def test_pooled_states_average_the_pieces_of_a_span_and_fall_back_to_cls() -> None:
    states = np.arange(12, dtype=np.float32).reshape(4, 3)  # [CLS], "in", "Homs", [SEP]
    offsets = [(0, 0), (0, 2), (3, 7), (0, 0)]
    assert pooled(states, offsets, 0, 7).tolist() == [4.5, 5.5, 6.5]
    assert pooled(states, offsets, 3, 7).tolist() == [6.0, 7.0, 8.0]
    assert pooled(states, offsets, 20, 30).tolist() == [0.0, 1.0, 2.0]  # no piece: [CLS]


def test_context_vectors_hold_candidate_product_and_trigger_per_layer() -> None:
    states = {4: np.eye(3, dtype=np.float32), 6: 2 * np.eye(3, dtype=np.float32)}
    offsets = [(0, 0), (0, 4), (5, 9)]
    vectors = context_vectors(states, offsets, (4, 6), trigger=(0, 4), candidates=[(5, 9)])
    assert vectors.shape == (1, 3 * 2 * 3)
    cand, product, trig = np.split(vectors[0], 3)
    assert cand.tolist() == [0, 0, 1, 0, 0, 2] and trig.tolist() == [0, 1, 0, 0, 2, 0]
    assert product.tolist() == [0] * 6
    assert context_vectors(states, offsets, (4, 6), (0, 4), []).shape == (0, 18)


def test_context_features_give_each_score_and_its_gap_to_the_best() -> None:
    assert context_features([1.5, -0.5]) == [{"emb_score": 1.5, "emb_rank_gap": 0.0},
                                              {"emb_score": -0.5, "emb_rank_gap": -2.0}]
    assert context_features([]) == []


def test_the_shipped_context_model_reads_the_encoder_states_and_the_parse() -> None:
    model = load_context_model(CONTEXT_PATH)
    assert isinstance(model, ContextModel) and 0.0 < model.threshold < 1.0
    width = 3 * 2 * 384
    assert model.context.layers == (4, 6) and model.context.linear.shape == (width,)
    assert model.context.hidden.shape[0] == width and model.context.out.shape == model.context.hidden_bias.shape
    assert "emb_score" in model.trees.features and "prep_in_trigger_tree" in model.trees.features
    assert model.answer is not None and "p1" in model.answer.features  # the answer trees ship with it
    high = model.probability({"emb_score": 4.0, "emb_rank_gap": 0.0})
    low = model.probability({"emb_score": -4.0, "emb_rank_gap": -8.0})
    assert high > low
    # the context trees are averaged with the plain ones, which ignore the context features
    feats = {"prep=in": 1.0, "prep_in_trigger_tree": 1.0, "emb_score": 1.0}
    assert 0.0 < model.blend < 1.0 and isinstance(model.plain, TreeModel)
    assert model.probability(feats) == pytest.approx(
        model.blend * model.trees.probability(feats) + (1 - model.blend) * model.plain.probability(feats))


def test_a_context_file_without_its_regression_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "context.json"
    path.write_text(json.dumps(TREES), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"context\.json"):
        load_context_model(path)


def test_the_linker_uses_the_context_model_only_with_the_classifiers_on() -> None:
    from eventscope.stages import classifier_signal
    from eventscope.stages.where_link import link_model

    try:
        classifier_signal.disable()
        assert isinstance(link_model(), TreeModel)
        classifier_signal.enable()
        assert isinstance(link_model(), ContextModel)
    finally:
        classifier_signal.enable()


def test_the_context_score_is_the_mean_of_the_regression_and_network_logits() -> None:
    scorer = ContextScorer(layers=(4,), linear=np.array([1.0, -1.0], dtype=np.float32),
                           hidden=np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32),
                           hidden_bias=np.array([0.0, -5.0], dtype=np.float32),
                           out=np.array([2.0, 3.0], dtype=np.float32), bias=0.5)
    # regression 3 - 1 = 2; network relu([3, 1 - 5]) . [2, 3] = 6; shared bias 0.5
    assert scorer.scores(np.array([[3.0, 1.0]], dtype=np.float32)) == [pytest.approx((2 + 6 + 0.5) / 2)]


def test_a_context_model_whose_network_file_is_missing_says_which_file(tmp_path: Path) -> None:
    path = tmp_path / "context.json"
    data = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"event_location_context\.npz: event-location network missing"):
        load_context_model(path)


def test_a_bracketed_gloss_never_ranks_above_the_name_it_glosses() -> None:
    from eventscope.stages.where_link import Toponym, ranked

    name, gloss, other = Toponym(3, 4, "GPE"), Toponym(6, 7, "GPE"), Toponym(12, 13, "GPE")
    model = LinkModel(weights={"w": 1.0}, bias=0.0, threshold=0.5)
    candidates = [(name, {"w": 0.2}), (gloss, {"w": 2.0, "in_brackets": 1.0}), (other, {"w": 0.1, "in_brackets": 1.0})]
    order = [t for _, t in ranked(model, candidates)]
    # "Patuakhali district (Barisal)": the gloss takes at most its name's score and ranks after it;
    # a bracketed name far from any other is ranked on its own score
    assert order == [name, gloss, other]
    assert ranked(model, candidates)[1][0] == pytest.approx(ranked(model, candidates)[0][0])


def test_answer_features_describe_how_the_candidates_stand() -> None:
    features = answer_features([0.9, 0.2, 0.4], [0.5, 0.6, 0.0], blend=0.5)
    assert features["p1"] == pytest.approx(0.7) and features["p2"] == pytest.approx(0.4)
    assert features["gap"] == pytest.approx(0.3) and features["n"] == pytest.approx(0.5)
    # what each model gave the best candidate, and that they disagree on which is best
    assert features["pc1"] == pytest.approx(0.9) and features["pp1"] == pytest.approx(0.5)
    assert features["agree"] == 0.0 and features["sum"] == pytest.approx(0.7 + 0.4 + 0.2)
    assert answer_features([0.3], [0.3], blend=0.5)["p2"] == 0.0


def _stump(feature: str, split: float, below: float, above: float, threshold: float = 0.5) -> TreeModel:
    return trees_from_json({"kind": "trees", "baseline": 0.0, "threshold": threshold, "features": [feature],
                            "trees": [{"feature": [0, -1, -1], "split": [split, 0.0, 0.0], "left": [1, 0, 0],
                                       "right": [2, 0, 0], "value": [0.0, below, above]}]})


def test_the_answer_model_decides_whether_the_sentence_names_the_place() -> None:
    # both tree models: the probability is the "prep=in" feature itself, near enough (one stump each)
    trees = _stump("prep=in", 0.5, -2.0, 2.0, threshold=0.6)
    scorer = ContextScorer(layers=(4,), linear=np.zeros(1, dtype=np.float32), hidden=np.zeros((1, 1), dtype=np.float32),
                           hidden_bias=np.zeros(1, dtype=np.float32), out=np.zeros(1, dtype=np.float32), bias=0.0)
    says_yes_on_a_wide_gap = _stump("gap", 0.5, -3.0, 3.0)
    model = ContextModel(trees=trees, context=scorer, plain=trees, blend=0.5, answer=says_yes_on_a_wide_gap)
    strong, weak = {"prep=in": 1.0}, {}
    assert model.cutoff([model.parts(strong), model.parts(weak)], best=0.88) == pytest.approx(0.6)  # answers: the threshold stands
    assert model.cutoff([model.parts(weak), model.parts(weak)], best=0.12) == math.inf  # no gap: no place in this sentence
    # a best candidate under the threshold is taken when the answer model answers
    low_threshold_trees = _stump("prep=in", 0.5, -2.0, 2.0, threshold=0.95)
    model = ContextModel(trees=low_threshold_trees, context=scorer, plain=low_threshold_trees, blend=0.5,
                         answer=says_yes_on_a_wide_gap)
    assert model.cutoff([model.parts(strong), model.parts(weak)], best=0.88) == pytest.approx(0.88)
    # without an answer model, the threshold alone decides
    assert ContextModel(trees=trees, context=scorer, plain=trees, blend=0.5).cutoff([(0.1, 0.1)], best=0.1) == 0.6


def test_the_place_score_reads_the_trigger_states_at_the_end_of_the_vectors() -> None:
    zeros = np.zeros(1, dtype=np.float32)
    scorer = ContextScorer(layers=(4,), linear=np.zeros(3, dtype=np.float32), hidden=np.zeros((3, 1), dtype=np.float32),
                           hidden_bias=zeros, out=zeros, bias=0.0, place=np.array([2.0], dtype=np.float32),
                           place_bias=-1.0)
    # rows of context_vectors: [candidate, product, trigger]; the trigger's part is the same in every row
    vectors = np.array([[5.0, 7.0, 1.5], [9.0, 9.0, 1.5]], dtype=np.float32)
    assert scorer.place_score(vectors) == pytest.approx(2.0 * 1.5 - 1.0)
    assert scorer.place_score(np.zeros((0, 3), dtype=np.float32)) is None  # no candidates
    assert scorer.place_score(vectors, noun_trigger=True) == 0.0  # fitted on verbs: no opinion on a noun
    no_place = ContextScorer(layers=(4,), linear=np.zeros(3, dtype=np.float32), hidden=np.zeros((3, 1), dtype=np.float32),
                             hidden_bias=zeros, out=zeros, bias=0.0)
    assert no_place.place_score(vectors) is None  # a network file from before the score


def test_the_place_score_reaches_the_answer_model_and_only_it() -> None:
    assert context_features([1.0, 0.0], place_score=-2.5)[1] == {"emb_score": 0.0, "emb_rank_gap": -1.0,
                                                                  "trigger_place_score": -2.5}
    assert answer_features([0.9], [0.5], blend=0.5, place_score=-2.5)["place"] == -2.5
    assert "place" not in answer_features([0.9], [0.5], blend=0.5)
    # the answer model says no for a trigger whose sense is placed nowhere, whatever the candidates
    trees = _stump("prep=in", 0.5, -2.0, 2.0, threshold=0.6)
    zeros = np.zeros(1, dtype=np.float32)
    scorer = ContextScorer(layers=(4,), linear=zeros, hidden=np.zeros((1, 1), dtype=np.float32), hidden_bias=zeros,
                           out=zeros, bias=0.0)
    model = ContextModel(trees=trees, context=scorer, plain=trees, blend=0.5, answer=_stump("place", 0.0, -3.0, 3.0))
    strong = [model.parts({"prep=in": 1.0})]
    assert model.cutoff(strong, best=0.88, place_score=1.5) == pytest.approx(0.6)
    assert model.cutoff(strong, best=0.88, place_score=-1.5) == math.inf


def test_the_shipped_context_network_has_its_place_score() -> None:
    model = load_context_model(CONTEXT_PATH)
    assert model.context.place is not None and model.context.place.shape == (2 * 384,)
    assert model.answer is not None and "place" in model.answer.features


def test_a_network_file_from_before_the_place_score_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "network.npz"
    one = np.ones(1, dtype=np.float32)
    np.savez_compressed(path, linear=one, hidden=np.ones((1, 1), dtype=np.float32), hidden_bias=one, out=one,
                        bias=np.float32(0.5))
    scorer = read_context_network(path, (4,))
    assert scorer.place is None and scorer.place_score(np.ones((1, 1), dtype=np.float32)) is None
    np.savez_compressed(path, linear=one, hidden=np.ones((1, 1), dtype=np.float32), hidden_bias=one, out=one,
                        bias=np.float32(0.5), place=np.array([2.0], dtype=np.float32), place_bias=np.float32(-1.0))
    assert read_context_network(path, (4,)).place_score(np.ones((1, 3), dtype=np.float32)) == pytest.approx(1.0)
