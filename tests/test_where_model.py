"""The linker's scoring models (stages/where_model.py): hand-made trees and weights, no spaCy."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.stages.where_model import WEIGHTS_PATH, LinkModel, TreeModel, load_link_model, trees_from_json

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
