"""ACLED sub-event type of a notes-style snippet, without labelled training data.

No ACLED-labelled text may be used for training here, so the scorer is zero-shot:

    score(label) = SIM_SCALE * max cosine(snippet, each description of the label)
                 + sum of the weights of the label's cue patterns found in the snippet

then a softmax.  Descriptions (`data/acled_case_labels.tsv`) and cues
(`data/acled_cues.tsv`) are our own wording of ACLED's sub-type definitions, so a
reader can see and extend why a label wins.  Embeddings are MiniLM
(`encoder.py`); descriptions are encoded once per process.

CASE 2021 also has "unseen" types outside ACLED's taxonomy (ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER: `UNSEEN_LABELS`), scored the same zero-shot
way from their descriptions.  They have no ACLED name (`-` in the table), so
`acled_sub_type` refuses them and no caller can write one into an ACLED field.
`probs(..., unseen=False)`, the default, is the softmax over the 25 ACLED labels
only (exactly what it was before the unseen rows existed); with `unseen=True` all
28 labels compete, which is how a flood or a factory fire is told from an attack.
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

__all__ = ["ALL_LABELS", "CASE_LABELS", "UNSEEN_LABELS", "AcledScorer", "acled_sub_type", "case_labels"]

SIM_SCALE = 10.0  # one cosine point is worth a strong cue word's weight of ~10
NOT_ACLED = "-"  # acled_type / acled_sub_type of a CASE type outside ACLED's taxonomy


@dataclass(frozen=True)
class CaseLabel:
    label: str
    acled_type: str
    acled_sub_type: str
    descriptions: tuple[str, ...]

    @property
    def in_acled(self) -> bool:
        return self.acled_sub_type != NOT_ACLED


@functools.cache
def case_labels() -> tuple[CaseLabel, ...]:
    """The CASE 2021 task 2 labels, in file order: the 25 with ACLED names, then the unseen ones."""
    rows = []
    for row in read_table("acled_case_labels.tsv"):
        descriptions = tuple(d.strip() for d in row["descriptions"].split("|") if d.strip())
        if not descriptions:
            raise ConfigError(f"acled_case_labels.tsv: label {row['label']} has no description")
        label = CaseLabel(row["label"], row["acled_type"], row["acled_sub_type"], descriptions)
        if (label.acled_type == NOT_ACLED) != (label.acled_sub_type == NOT_ACLED):
            raise ConfigError(f"acled_case_labels.tsv: label {label.label}: acled_type and acled_sub_type "
                              f"must both be ACLED names or both '{NOT_ACLED}'")
        rows.append(label)
    return tuple(rows)


ALL_LABELS = tuple(c.label for c in case_labels())  # the scorer's columns
CASE_LABELS = tuple(c.label for c in case_labels() if c.in_acled)  # the 25 with ACLED names
UNSEEN_LABELS = tuple(c.label for c in case_labels() if not c.in_acled)


def acled_sub_type(label: str) -> tuple[str, str]:
    """CASE label (e.g. AIR_STRIKE) -> (ACLED event type, ACLED sub-event type).  KeyError for a
    label that is not in the table or has no ACLED name (the unseen types)."""
    for c in case_labels():
        if c.label == label and c.in_acled:
            return c.acled_type, c.acled_sub_type
    raise KeyError(f"acled_case_labels.tsv: no CASE label {label!r} with an ACLED sub-type")


@functools.cache
def _cues() -> tuple[tuple[str, float, re.Pattern[str]], ...]:
    out = []
    for row in read_table("acled_cues.tsv"):
        if row["label"] not in ALL_LABELS:
            raise ConfigError(f"acled_cues.tsv: unknown label {row['label']!r}")
        try:
            out.append((row["label"], float(row["weight"]), re.compile(row["pattern"], re.IGNORECASE)))
        except (ValueError, re.error) as e:
            raise ConfigError(f"acled_cues.tsv: label {row['label']}: bad weight or pattern ({e})") from e
    return tuple(out)


class AcledScorer:
    """Scores snippets against the CASE labels (see module docstring)."""

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
        scores = np.zeros(len(ALL_LABELS), dtype=np.float64)
        index = {label: i for i, label in enumerate(ALL_LABELS)}
        for label, weight, pattern in _cues():
            if pattern.search(snippet):
                scores[index[label]] += weight
        return scores

    def scores(self, snippets: Sequence[str]) -> np.ndarray:
        """(n, len(ALL_LABELS)) raw scores before the softmax."""
        protos, owners = self._prototypes()
        sims = self.encoder.encode(list(snippets)) @ protos.T
        best = np.full((len(snippets), len(ALL_LABELS)), -1.0)
        for j, owner in enumerate(owners):
            best[:, owner] = np.maximum(best[:, owner], sims[:, j])
        cues = np.stack([self.cue_scores(s) for s in snippets]) if snippets else best * 0
        return SIM_SCALE * best + cues

    def probs(self, snippets: Sequence[str], unseen: bool = False) -> list[dict[str, float]]:
        """Per snippet, the softmax over the 25 ACLED labels, or over all labels with `unseen`."""
        if not snippets:
            return []
        labels = ALL_LABELS if unseen else CASE_LABELS
        z = self.scores(snippets)[:, [ALL_LABELS.index(label) for label in labels]]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        return [dict(zip(labels, map(float, row), strict=True)) for row in p]
