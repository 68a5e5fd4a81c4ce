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

The default model (data/event_location_context.json) adds what the parse cannot say: a
score of how MiniLM reads the candidate next to the trigger (`ContextScorer`, a small
network whose weights are in data/models/event_location_context.npz), fed to the trees as
two more features, and averages those trees with the plain ones; whether the sentence
places the event at all is the answer trees' call, which also read how likely the trigger's
sense is one that happens somewhere (`ContextScorer.place_score`).  Without
the encoder (classifiers switched off or not installed), and on upper-case articles, the
plain trees of data/event_location_weights.json are used alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventscope.errors import ConfigError

WEIGHTS_PATH = Path(__file__).resolve().parent.parent / "data" / "event_location_weights.json"
CONTEXT_PATH = Path(__file__).resolve().parent.parent / "data" / "event_location_context.json"
# The context network's arrays, beside the context model's JSON (which names this file under "network").
CONTEXT_NETWORK_NAME = "models/event_location_context.npz"


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


def pooled(states: np.ndarray, offsets: Sequence[tuple[int, int]], start: int, end: int) -> np.ndarray:
    """Mean state of the word pieces inside characters [start, end); [CLS]'s when none is."""
    rows = [i for i, (a, b) in enumerate(offsets) if b > a and a < end and start < b]
    return states[rows].mean(axis=0) if rows else states[0]


def context_vectors(states: dict[int, np.ndarray], offsets: Sequence[tuple[int, int]], layers: Sequence[int],
                    trigger: tuple[int, int], candidates: Sequence[tuple[int, int]]) -> np.ndarray:
    """(len(candidates), 3 * len(layers) * 384): per candidate its pooled states, their product
    with the trigger's, and the trigger's, each over `layers` (character spans in the encoded text)."""
    def across_layers(start: int, end: int) -> np.ndarray:
        return np.concatenate([pooled(states[layer], offsets, start, end) for layer in layers])

    trig = across_layers(*trigger)
    rows = [np.concatenate([cand, trig * cand, trig]) for cand in (across_layers(*span) for span in candidates)]
    return np.asarray(rows, dtype=np.float32).reshape(len(candidates), 3 * trig.size)


@dataclass(frozen=True)
class ContextScorer:
    """How MiniLM reads the candidate with the trigger, as a logit over `context_vectors`: the mean
    of a logistic regression and a network with one hidden layer (ReLU), each fitted alone by
    scripts/train_event_location.py.  Grouped-CV accuracy on the accepted rows: regression alone
    0.859, network alone 0.864, their mean 0.866."""

    layers: tuple[int, ...]
    linear: np.ndarray  # (len(vector),): the regression's weights
    hidden: np.ndarray  # (len(vector), units)
    hidden_bias: np.ndarray  # (units,)
    out: np.ndarray  # (units,)
    bias: float  # the regression's bias plus the network's output bias
    place: np.ndarray | None = None  # (len(layers) * 384,): `place_score`'s weights over the trigger's states
    place_bias: float = 0.0

    def scores(self, vectors: np.ndarray) -> list[float]:
        hidden = np.maximum(vectors @ self.hidden + self.hidden_bias, 0.0)
        return [float(z) / 2 for z in hidden @ self.out + vectors @ self.linear + self.bias]

    def place_score(self, vectors: np.ndarray, noun_trigger: bool = False) -> float | None:
        """How likely, as a logit, the trigger is an event the sentence places at all, read from its
        own MiniLM states (the last part of each `context_vectors` row) by a logistic regression.

        The parse cannot tell the senses of one verb apart: "fighters were captured in Mosul" has
        its place, "Australia captured four gold medals in Athens" and "oil prices shot up in London"
        have none in the event-location gold.  The answer model reads this score beside the
        candidates' probabilities (`answer_features`).  None without candidates, or for a network
        file written before the score existed.

        A trigger the parser tags as a noun gets 0.0, no opinion either way: the regression was
        fitted on verbs (the event-location file labels VERB spans), and on the nouns of RAMS and
        WikiEvents ("the war with Russia", "those conflicts") it gave high scores to events the
        sentence does not place."""
        if self.place is None or not len(vectors):
            return None
        if noun_trigger:
            return 0.0
        return float(vectors[0, -len(self.place):] @ self.place + self.place_bias)


def read_context_network(path: Path, layers: tuple[int, ...]) -> ContextScorer:
    """The network's arrays from an .npz written by scripts/train_event_location.py."""
    try:
        with np.load(path) as arrays:
            place = arrays["place"].astype(np.float32) if "place" in arrays else None
            return ContextScorer(layers=layers, linear=arrays["linear"].astype(np.float32),
                                 hidden=arrays["hidden"].astype(np.float32),
                                 hidden_bias=arrays["hidden_bias"].astype(np.float32),
                                 out=arrays["out"].astype(np.float32), bias=float(arrays["bias"]),
                                 place=place, place_bias=float(arrays["place_bias"]) if place is not None else 0.0)
    except FileNotFoundError:
        raise ConfigError(f"{path}: event-location network missing (run scripts/train_event_location.py)") from None
    except (KeyError, ValueError, OSError) as exc:
        raise ConfigError(f"{path}: event-location network unreadable ({exc})") from None


def noun_trigger(features: Sequence[dict[str, float]]) -> bool:
    """Whether a sentence's candidates say the parser read the trigger as a noun (feature `trigger_is_noun`,
    the same on every candidate): its `ContextScorer.place_score` is then 0.0.  98 of the event-location
    file's 8,998 sentences with candidates."""
    return bool(features) and features[0].get("trigger_is_noun") == 1.0


# The name under which each candidate's features carry the sentence's `ContextScorer.place_score`.  The
# trees were fitted without it and read no name they were not fitted on; the answer model reads it.
PLACE_SCORE = "trigger_place_score"


def context_features(scores: Sequence[float], place_score: float | None = None) -> list[dict[str, float]]:
    """The two features the context model's trees read: the score, and its gap to the sentence's best;
    with the trigger's `place_score`, that too, under PLACE_SCORE, for the answer model."""
    best = max(scores, default=0.0)
    place = {} if place_score is None else {PLACE_SCORE: place_score}
    return [{"emb_score": score, "emb_rank_gap": score - best, **place} for score in scores]


def answer_features(context_probs: Sequence[float], plain_probs: Sequence[float], blend: float,
                    place_score: float | None = None) -> dict[str, float]:
    """What the answer model reads of one sentence's candidates: the best averaged probability, the
    runner-up and the gap between them, how many candidates there are, what each of the two tree
    models gave the best one and whether they agree on it, the sum over all, and (when the context
    network has one) how likely the trigger is an event the sentence places (`ContextScorer.place_score`)."""
    probs = [blend * c + (1.0 - blend) * p for c, p in zip(context_probs, plain_probs, strict=True)]
    best = int(np.argmax(probs))
    ordered = sorted(probs, reverse=True)
    second = ordered[1] if len(ordered) > 1 else 0.0
    place = {} if place_score is None else {"place": place_score}
    return {"p1": ordered[0], "p2": second, "gap": ordered[0] - second, "n": min(len(probs), 6) / 6,
            "pc1": float(context_probs[best]), "pp1": float(plain_probs[best]),
            "agree": float(int(np.argmax(context_probs)) == int(np.argmax(plain_probs))), "sum": float(sum(probs)),
            **place}


@dataclass(frozen=True)
class ContextModel:
    """Trees over the parse features plus `context_features`, averaged with the plain trees
    (`blend` is the context trees' weight): the average beat either alone in cross-validation,
    and the parse keeps its say where MiniLM misreads a long sentence.

    Whether the sentence names the event's place at all is the `answer` model's call, when there
    is one: small trees over `answer_features`, fitted on out-of-fold probabilities.  One
    threshold on the best candidate's probability ignores how the sentence's candidates stand
    against each other (a close runner-up, the two models disagreeing); in grouped CV the answer
    model took accuracy from 0.833 to 0.841 on all rows, 0.867 to 0.869 on the accepted ones,
    and reading the trigger's place score as well from 0.842 to 0.847 and 0.871 to 0.873 (a
    quicker stacked CV, scripts/measure_event_location_answer_cv.py)."""

    trees: TreeModel
    context: ContextScorer
    plain: LinkModel | TreeModel
    blend: float
    answer: TreeModel | None = None

    @property
    def threshold(self) -> float:
        return self.trees.threshold  # fitted for the average, not for the context trees alone

    def parts(self, feats: dict[str, float]) -> tuple[float, float]:
        """(context trees, plain trees) probability of one candidate."""
        return self.trees.probability(feats), self.plain.probability(feats)

    def mixed(self, parts: tuple[float, float]) -> float:
        context, plain = parts
        return self.blend * context + (1.0 - self.blend) * plain

    def probability(self, feats: dict[str, float]) -> float:
        return self.mixed(self.parts(feats))

    def cutoff(self, parts: Sequence[tuple[float, float]], best: float, place_score: float | None = None) -> float:
        """The probability a candidate of this sentence must reach, given each candidate's `parts`,
        `best`, the highest as ranked, and the trigger's `place_score`: the threshold, or, with an
        answer model, at most `best` (it answers) or above every candidate (it does not)."""
        if self.answer is None or not parts:
            return self.threshold
        context, plain = [c for c, _ in parts], [p for _, p in parts]
        features = answer_features(context, plain, self.blend, place_score)
        if self.answer.probability(features) >= self.answer.threshold:
            return min(self.threshold, best)
        return math.inf


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: event-location weights missing (run scripts/train_event_location.py)") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: event-location weights unreadable ({exc})") from None


@lru_cache(maxsize=2)
def load_link_model(path: Path = WEIGHTS_PATH) -> LinkModel | TreeModel:
    data = _read(path)
    try:
        if data.get("kind") == "trees":
            return trees_from_json(data)
        return LinkModel(weights=dict(data["weights"]), bias=float(data["bias"]), threshold=float(data["threshold"]))
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise ConfigError(f"{path}: event-location weights unreadable ({exc})") from None


@lru_cache(maxsize=2)
def load_context_model(path: Path = CONTEXT_PATH, plain: Path = WEIGHTS_PATH) -> ContextModel:
    data = _read(path)
    try:
        context = data["context"]
        return ContextModel(trees=trees_from_json(data),
                            context=read_context_network(path.parent / context["network"],
                                                         tuple(int(n) for n in context["layers"])),
                            plain=load_link_model(plain), blend=float(context["blend"]),
                            answer=trees_from_json(data["answer"]) if "answer" in data else None)
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise ConfigError(f"{path}: event-location weights unreadable ({exc})") from None
