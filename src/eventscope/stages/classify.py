"""Trained event-type classifiers: PLOVER type of a marked actor pair, ACLED sub-type of a snippet.

Public API (stable; detect and evaluate call it):

    clf = load_classifier()                       # cached; loads data/models/* and MiniLM once
    clf.plover_probs(["<s>Iran</s> condemned <t>the strikes</t>."])
        -> [{"ACCUSE": 0.91, "REJECT": 0.02, ...}]   # 16 PLOVER 0.8 types, sums to 1
    clf.plv_probs([...])                          # the same in PLV's 15 labels (YIELD = CONCEDE + RETREAT)
    clf.acled_probs(["On 3 May, militants fired mortars at ..."])
        -> [{"ART_MISS_ATTACK": 0.64, ...}]         # 25 CASE 2021 labels, sums to 1
    acled_sub_type("ART_MISS_ATTACK") -> ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    plover_scores(marked) -> dict                 # one sentence; the hook classifier_signal discovers

Input to the PLOVER classifier is a sentence marked like PLV: `<s>source</s>` and
`<t>target</t>`; either marker pair may be missing.  `parses` (optional, one per
sentence) is a spaCy Doc or Span whose text is the sentence *without* markers;
detect passes its sentence Span so nothing is parsed twice, otherwise the
classifier parses with the spaCy model given to it (default: the project's).

The PLOVER model: three logistic regressions over the views of
`classify_features.py` plus an RBF SVM over the token view, trained on PLV_train
by `scripts/train_classifiers.py`, combined by the geometric mean of their
probabilities (5-fold CV on PLV_train, seed 13: macro-F1 0.837, accuracy 0.860;
the best single view scores 0.822 / 0.848).  The SVM's one-vs-one decisions are
turned into scores as scikit-learn's "ovr" decision function does, then into
probabilities by a softmax with a fixed scale (SVM_SCALE, chosen in CV).
It predicts PLV's 15 labels; YIELD is split into CONCEDE and RETREAT by the
clause's similarity to the CAMEO event names of each (PLOVER 0.8 puts CAMEO 080-083
under CONCEDE and 084-087 under RETREAT; see data/plover_legacy.tsv).

The ACLED model (`classify_acled.py`) has no training data: it scores snippets
against descriptions and cue words we wrote from ACLED's definitions.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventscope.errors import ConfigError
from eventscope.stages.classify_acled import AcledScorer, acled_sub_type
from eventscope.stages.classify_features import (
    TOKEN_LAYERS,
    Relation,
    relation,
    replace_actors,
    sparse_features,
    strip_markers,
    token_view,
)
from eventscope.stages.encoder import SentenceEncoder, load_encoder

__all__ = [
    "PLOVER_TYPES",
    "PLV_LABELS",
    "EventClassifier",
    "acled_sub_type",
    "load_classifier",
    "plover_scores",
]

PLV_LABELS = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE",
              "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD")
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODEL_FILES = ("plover_model.npz", "plover_vocab.json")
YIELD_SHARPNESS = 20.0  # softmax scale on cosine differences when splitting YIELD
LINEAR_VIEWS = ("sparse", "sent", "tokens")
SVM_SCALE = 2.0  # softmax(SVM_SCALE * ovr decision); 1 and 4 scored lower in 5-fold CV


def models_dir() -> Path:
    return Path(str(resources.files("eventscope.data") / "models"))


@dataclass(frozen=True)
class Linear:
    """A multinomial logistic regression: softmax(X @ coef.T + intercept)."""

    coef: np.ndarray
    intercept: np.ndarray

    def log_probs(self, x: Any) -> np.ndarray:
        return _log_softmax(np.asarray(x @ self.coef.T) + self.intercept)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


@dataclass(frozen=True)
class RbfSvm:
    """A one-vs-one RBF SVM on a PCA projection, evaluated with numpy (no pickles).

    Arrays follow scikit-learn's SVC layout: support vectors grouped by class
    (`n_support` per class), `dual_coef` (n_classes - 1, n_sv), one intercept per
    class pair (i < j).  The training script checks this against SVC itself.
    """

    pca_mean: np.ndarray
    pca_components: np.ndarray
    support: np.ndarray
    dual_coef: np.ndarray
    intercept: np.ndarray
    n_support: np.ndarray
    gamma: float

    def project(self, x: np.ndarray) -> np.ndarray:
        """PCA coordinates, rounded to float16 as the support vectors were when trained."""
        z = (np.asarray(x, dtype=np.float32) - self.pca_mean) @ self.pca_components.T
        return z.astype(np.float16).astype(np.float64)

    def ovr_decision(self, x: np.ndarray) -> np.ndarray:
        z = self.project(x)
        sv = self.support.astype(np.float64)
        sq = (z**2).sum(axis=1)[:, None] + (sv**2).sum(axis=1)[None, :] - 2.0 * z @ sv.T
        kernel = np.exp(-self.gamma * np.maximum(sq, 0.0))
        n = len(self.n_support)
        bounds = np.concatenate([[0], np.cumsum(self.n_support)])
        votes = np.zeros((len(z), n))
        confidence = np.zeros((len(z), n))
        pair = 0
        for i in range(n):
            for j in range(i + 1, n):
                si, sj = slice(bounds[i], bounds[i + 1]), slice(bounds[j], bounds[j + 1])
                dec = (kernel[:, si] @ self.dual_coef[j - 1, si] + kernel[:, sj] @ self.dual_coef[i, sj]
                       + self.intercept[pair])
                votes[:, i] += dec >= 0
                votes[:, j] += dec < 0
                confidence[:, i] += dec
                confidence[:, j] -= dec
                pair += 1
        return votes + confidence / (3.0 * (np.abs(confidence) + 1.0))

    def log_probs(self, x: np.ndarray) -> np.ndarray:
        return _log_softmax(SVM_SCALE * self.ovr_decision(x))

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str = "svm_") -> RbfSvm:
        return cls(arrays[f"{prefix}pca_mean"].astype(np.float32),
                   arrays[f"{prefix}pca_components"].astype(np.float32),
                   arrays[f"{prefix}support"], arrays[f"{prefix}dual_coef"].astype(np.float64),
                   arrays[f"{prefix}intercept"].astype(np.float64), arrays[f"{prefix}n_support"],
                   float(arrays[f"{prefix}gamma"]))


def _tfidf(spec: dict[str, Any]) -> TfidfVectorizer:
    """A TF-IDF vectoriser rebuilt from its vocabulary and idf weights (no pickles)."""
    vocab = {term: i for i, term in enumerate(spec["vocabulary"])}
    vec = TfidfVectorizer(analyzer=spec["analyzer"], ngram_range=tuple(spec["ngram_range"]),
                          sublinear_tf=True, vocabulary=vocab, dtype=np.float32)
    vec.idf_ = np.asarray(spec["idf"], dtype=np.float64)
    return vec


class EventClassifier:
    """The PLOVER ensemble and the ACLED scorer.  Build with `load_classifier()`."""

    def __init__(self, folder: Path | None = None, encoder: SentenceEncoder | None = None,
                 nlp: Language | None = None) -> None:
        folder = folder or models_dir()
        for name in MODEL_FILES:
            if not (folder / name).is_file():
                raise ConfigError(f"{folder / name}: classifier model missing; run scripts/train_classifiers.py")
        try:
            arrays = dict(np.load(folder / "plover_model.npz"))
            vocab = json.loads((folder / "plover_vocab.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ConfigError(f"{folder}: cannot read the classifier model ({e})") from e
        self.classes = tuple(vocab["classes"])
        if set(self.classes) != set(PLV_LABELS):
            raise ConfigError(f"{folder / 'plover_vocab.json'}: classes {self.classes} are not PLV's labels")
        self.views = {v: Linear(arrays[f"{v}_coef"].astype(np.float32), arrays[f"{v}_intercept"])
                      for v in LINEAR_VIEWS}
        try:
            self.svm = RbfSvm.from_arrays(arrays)
        except KeyError as e:
            raise ConfigError(f"{folder / 'plover_model.npz'}: SVM array {e} missing; rerun scripts/train_classifiers.py") from e
        self.dep_index = {f: i for i, f in enumerate(vocab["dep_features"])}
        self.word_vec = _tfidf(vocab["word"])
        self.char_vec = _tfidf(vocab["char"])
        self.cameo_protos = arrays["cameo_protos"].astype(np.float32)
        self.cameo_plover = arrays["cameo_plover"]
        self.encoder = encoder or load_encoder()
        self._nlp = nlp
        self.acled = AcledScorer(self.encoder)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from eventscope.config import load_settings
            from eventscope.stages.nlp import load_model

            self._nlp = load_model(load_settings().spacy_model)
        return self._nlp

    # -- PLOVER -----------------------------------------------------------------------------------

    def _relations(self, marked: Sequence[str], parses: Sequence[Doc | Span] | None) -> tuple[list[str], list[Relation]]:
        plain, spans = [], []
        for m in marked:
            text, src, tgt = strip_markers(m)
            plain.append(text)
            spans.append((src, tgt))
        if parses is None:
            parses = list(self.nlp.pipe(plain))
        elif len(parses) != len(marked):
            raise ValueError(f"plv_probs: {len(parses)} parses for {len(marked)} sentences")
        return plain, [relation(p, s, t) for p, (s, t) in zip(parses, spans, strict=True)]

    def _sparse(self, marked: Sequence[str], rels: Sequence[Relation]) -> csr_matrix:
        rows, cols = [], []
        for r, rel in enumerate(rels):
            for c in sorted({self.dep_index[f] for f in sparse_features(rel) if f in self.dep_index}):
                rows.append(r)
                cols.append(c)
        dep = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                         shape=(len(rels), len(self.dep_index)))
        replaced = [replace_actors(m) for m in marked]
        return hstack([dep, self.word_vec.transform(replaced), self.char_vec.transform(replaced)]).tocsr()

    def dense_views(self, marked: Sequence[str], parses: Sequence[Doc | Span] | None = None) -> dict[str, Any]:
        """The MiniLM views ("sent", "tokens"), the clause embeddings and the relations."""
        plain, rels = self._relations(marked, parses)
        states = self.encoder.token_states(plain, layers=TOKEN_LAYERS)
        tokens = np.stack([token_view(layers, offsets, rel) for (layers, offsets), rel in zip(states, rels, strict=True)])
        sentence = self.encoder.encode(plain)  # cached by token_states: no second pass
        clause = self.encoder.encode([rel.clause for rel in rels])
        sent = np.hstack([clause, sentence, clause @ self.cameo_protos.T])
        return {"sent": sent, "tokens": tokens, "clause": clause, "relations": rels}

    def views_of(self, marked: Sequence[str], parses: Sequence[Doc | Span] | None = None) -> dict[str, Any]:
        """The three feature matrices the logistic regressions read, plus the clause embeddings."""
        views = self.dense_views(marked, parses)
        views["sparse"] = self._sparse(marked, views["relations"])
        return views

    def _plv_matrix(self, marked: Sequence[str], parses: Sequence[Doc | Span] | None) -> tuple[np.ndarray, np.ndarray]:
        views = self.views_of(marked, parses)
        # The geometric mean of the four models' probabilities: the same argmax as their product,
        # but not over-confident (the product of sharp softmaxes is nearly one-hot).
        logps = [self.views[v].log_probs(views[v]) for v in LINEAR_VIEWS] + [self.svm.log_probs(views["tokens"])]
        logp = np.mean(logps, axis=0)
        logp = logp - logp.max(axis=1, keepdims=True)
        probs = np.exp(logp)
        return probs / probs.sum(axis=1, keepdims=True), views["clause"]

    def plv_probs(self, marked: Sequence[str], parses: Sequence[Doc | Span] | None = None) -> list[dict[str, float]]:
        """PLV's 15 labels (YIELD kept whole) per marked sentence."""
        if not marked:
            return []
        probs, _ = self._plv_matrix(marked, parses)
        return [dict(zip(self.classes, map(float, row), strict=True)) for row in probs]

    def plover_probs(self, marked: Sequence[str], parses: Sequence[Doc | Span] | None = None) -> list[dict[str, float]]:
        """PLOVER 0.8's 16 types per marked sentence; PLV's YIELD is shared out to CONCEDE and RETREAT."""
        if not marked:
            return []
        probs, clause = self._plv_matrix(marked, parses)
        concede = self._concede_share(clause)
        out = []
        for row, share in zip(probs, map(float, concede), strict=True):
            scores = {t: 0.0 for t in PLOVER_TYPES}
            for label, p in zip(self.classes, row, strict=True):
                if label == "YIELD":
                    scores["CONCEDE"] += float(p) * share
                    scores["RETREAT"] += float(p) * (1.0 - share)
                else:
                    scores[label] += float(p)
            out.append(scores)
        return out

    def _concede_share(self, clause: np.ndarray) -> np.ndarray:
        sims = clause @ self.cameo_protos.T
        best_c = sims[:, self.cameo_plover == "CONCEDE"].max(axis=1)
        best_r = sims[:, self.cameo_plover == "RETREAT"].max(axis=1)
        return 1.0 / (1.0 + np.exp(-YIELD_SHARPNESS * (best_c - best_r)))

    # -- ACLED ------------------------------------------------------------------------------------

    def acled_probs(self, snippets: Sequence[str]) -> list[dict[str, float]]:
        """The 25 CASE 2021 task 2 labels per snippet (see data/acled_case_labels.tsv)."""
        return self.acled.probs(snippets)


@functools.cache
def load_classifier() -> EventClassifier:
    """The process-wide classifier (MiniLM + models load once, ~1 s)."""
    return EventClassifier()


def plover_scores(marked: str) -> dict[str, float]:
    """One marked sentence -> PLOVER 0.8 type probabilities (the hook detect's classifier_signal finds)."""
    return load_classifier().plover_probs([marked])[0]
