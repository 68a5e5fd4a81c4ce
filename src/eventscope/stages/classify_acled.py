"""ACLED sub-event type of a notes-style snippet, without labelled training data.

No ACLED-labelled text may be used for training here, so the scorer is zero-shot:

    score(label) = SIM_SCALE * max cosine(snippet, each description of the label)
                 + sum of the weights of the label's cue patterns found in the snippet

then a softmax.  Descriptions (`data/acled_case_labels.tsv`) and cues
(`data/acled_cues.tsv`) are our own wording of ACLED's sub-type definitions, so a
reader can see and extend why a label wins.  Embeddings are MiniLM
(`encoder.py`); descriptions are encoded once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from eventscope.errors import ConfigError
from eventscope.ontology import read_table
from eventscope.stages.encoder import SentenceEncoder

__all__ = ["CASE_LABELS", "AcledScorer", "acled_sub_type", "case_labels"]

SIM_SCALE = 10.0  # one cosine point is worth a strong cue word's weight of ~10


@dataclass(frozen=True)
class CaseLabel:
    label: str
    acled_type: str
    acled_sub_type: str
    descriptions: tuple[str, ...]


@functools.cache
def case_labels() -> tuple[CaseLabel, ...]:
    """The 25 CASE 2021 task 2 labels with their ACLED names, in file order."""
    rows = []
    for row in read_table("acled_case_labels.tsv"):
        descriptions = tuple(d.strip() for d in row["descriptions"].split("|") if d.strip())
        if not descriptions:
            raise ConfigError(f"acled_case_labels.tsv: label {row['label']} has no description")
        rows.append(CaseLabel(row["label"], row["acled_type"], row["acled_sub_type"], descriptions))
    return tuple(rows)


CASE_LABELS = tuple(c.label for c in case_labels())


def acled_sub_type(label: str) -> tuple[str, str]:
    """CASE label (e.g. AIR_STRIKE) -> (ACLED event type, ACLED sub-event type)."""
    for c in case_labels():
        if c.label == label:
            return c.acled_type, c.acled_sub_type
    raise KeyError(f"acled_case_labels.tsv: no CASE label {label!r}")


@functools.cache
def _cues() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    out = []
    for row in read_table("acled_cues.tsv"):
        if row["label"] not in CASE_LABELS:
            raise ConfigError(f"acled_cues.tsv: unknown label {row['label']!r}")
        try:
            out.append((row["label"], float(row["weight"]), re.compile(row["pattern"], re.IGNORECASE)))
        except (ValueError, re.error) as e:
            raise ConfigError(f"acled_cues.tsv: label {row['label']}: bad weight or pattern ({e})") from e
    return tuple(out)


class AcledScorer:
    """Scores snippets against the 25 CASE labels (see module docstring)."""

    def __init__(self, encoder: SentenceEncoder) -> None:
        self.encoder = encoder
        self._protos: tuple[np.ndarray, np.ndarray] | None = None

    def _prototypes(self) -> tuple[np.ndarray, np.ndarray]:
        if self._protos is None:
            owners, texts = [], []
            for i, c in enumerate(case_labels()):
                for d in c.descriptions:
                    owners.append(i)
                    texts.append(d)
            self._protos = (self.encoder.encode(texts), np.asarray(owners))
        return self._protos

    def cue_scores(self, snippet: str) -> np.ndarray:
        scores = np.zeros(len(CASE_LABELS), dtype=np.float64)
        index = {label: i for i, label in enumerate(CASE_LABELS)}
        for label, weight, pattern in _cues():
            if pattern.search(snippet):
                scores[index[label]] += weight
        return scores

    def scores(self, snippets: Sequence[str]) -> np.ndarray:
        """(n, 25) raw scores before the softmax."""
        protos, owners = self._prototypes()
        sims = self.encoder.encode(list(snippets)) @ protos.T
        best = np.full((len(snippets), len(CASE_LABELS)), -1.0)
        for j, owner in enumerate(owners):
            best[:, owner] = np.maximum(best[:, owner], sims[:, j])
        cues = np.stack([self.cue_scores(s) for s in snippets]) if snippets else best * 0
        return SIM_SCALE * best + cues

    def probs(self, snippets: Sequence[str]) -> list[dict[str, float]]:
        if not snippets:
            return []
        z = self.scores(snippets)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return [dict(zip(CASE_LABELS, map(float, row), strict=True)) for row in p]
