"""The event-location linker's scoring model, read from data/event_location_weights.json.

Two kinds, both fitted by scripts/train_event_location.py on the event-location dev file:
- "logistic": one weight per feature name plus a bias.
- "trees" (the default fit): gradient-boosted regression trees (scikit-learn's
  HistGradientBoostingClassifier, exported node by node).  Trees learn the
  interactions a logistic model cannot ("in X" matters when it hangs from the
  trigger; a country matters when no town is named) and gave about five points
  more cross-validated accuracy.  They are walked here in plain Python, so
  scoring needs neither scikit-learn nor a pickle.

Feature values absent from a candidate's dict are 0.0, as in training (DictVectorizer).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventscope.errors import ConfigError

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "event_location_weights.json"


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class LinkModel:
    """Logistic scoring: bias + sum of weight * value."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        return _sigmoid(self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items()))


@dataclass(frozen=True)
class TreeModel:
    """Boosted trees stored as flat node lists; a leaf has feature -1 and its value in `value`.

    Node n of tree t goes to `left[n]` when the feature's value is <= `split[n]`, else
    to `right[n]`; `roots` gives each tree's first node in the flat lists."""

    features: tuple[str, ...]
    feature: tuple[int, ...]
    split: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    roots: tuple[int, ...]
    baseline: float
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        names, feature, split, left, right, value = (self.features, self.feature, self.split, self.left,
                                                     self.right, self.value)
        x = [feats.get(name, 0.0) for name in names]
        z = self.baseline
        for node in self.roots:
            f = feature[node]
            while f >= 0:
                node = left[node] if x[f] <= split[node] else right[node]
                f = feature[node]
            z += value[node]
        return _sigmoid(z)


def trees_from_json(data: dict) -> TreeModel:
    feature: list[int] = []
    split: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    for tree in data["trees"]:
        offset = len(feature)
        roots.append(offset)
        for f, s, lo, hi, v in zip(tree["feature"], tree["split"], tree["left"], tree["right"], tree["value"],
                                   strict=True):
            feature.append(int(f))
            split.append(float(s))
            left.append(int(lo) + offset)
            right.append(int(hi) + offset)
            value.append(float(v))
    return TreeModel(features=tuple(data["features"]), feature=tuple(feature), split=tuple(split),
                     left=tuple(left), right=tuple(right), value=tuple(value), roots=tuple(roots),
                     baseline=float(data["baseline"]), threshold=float(data["threshold"]))


@lru_cache(maxsize=2)
def load_link_model(path: Path = WEIGHTS_PATH) -> LinkModel | TreeModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") == "trees":
            return trees_from_json(data)
        return LinkModel(weights=dict(data["weights"]), bias=float(data["bias"]), threshold=float(data["threshold"]))
    except FileNotFoundError:
        raise ConfigError(f"{path}: event-location weights missing (run scripts/train_event_location.py)") from None
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise ConfigError(f"{path}: event-location weights unreadable ({exc})") from None
