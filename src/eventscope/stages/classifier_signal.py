"""The learned signal in detect: scores from stages/classify.py, when that module is present.

The lexicon stays the first, explainable signal.  The classifier is consulted only
to choose among candidates or to fill a gap, and every reason says which signal
decided.  If classify.py is missing or its model is not built, both functions return
their input unchanged (the lexicon alone).
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from eventscope.stages.coding import Candidate


def refine_sentence(cand: Candidate, sent: SpacySpan) -> Candidate:
    return cand


def refine_dyad(chosen: Candidate | None, alternatives: list[Candidate], sent: SpacySpan,
                source: SpacySpan, target: SpacySpan) -> Candidate | None:
    return chosen


_DISABLED = False


def disable() -> None:
    """Use the lexicon alone (for measuring what the classifier adds)."""
    global _DISABLED
    _DISABLED = True
