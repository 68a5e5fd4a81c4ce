"""Measure lexicon + classifier dyad coding on PLV_train without the classifier having seen the sentence.

The shipped classifier is trained on all of PLV_train, so scoring the combination on
PLV_train with it would flatter the classifier.  This script rebuilds the classifier's
out-of-fold probabilities with the same features, folds and seed as
scripts/train_classifiers.py --cv, installs them as the scorer of
stages/classifier_signal.py, and runs scripts/measure_dyad.py's loop.

Usage: python scripts/measure_dyad_cv.py [PLV_TSV] [--errors N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"scripts/{name}.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def out_of_fold(path: Path) -> dict[str, dict[str, float]]:
    """marked sentence -> PLV label probabilities from a model that did not train on it."""
    train = _load("train_classifiers")
    C = train.C
    marked, y = train.read_plv(path)
    clf = C.EventClassifier.__new__(C.EventClassifier)
    clf.encoder = C.load_encoder()
    clf._nlp = None
    protos, _, _ = train.cameo_prototypes(clf)
    clf.cameo_protos = protos.astype(np.float16).astype(np.float32)
    fz = train.Featurizer(clf, marked)
    classes = np.array(sorted(set(y)))
    logp = np.zeros((len(y), len(classes)))
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=train.SEED).split(marked, y):
        vocab = fz.fit_sparse(tr)
        data = {"sparse": (fz.sparse(vocab, tr), fz.sparse(vocab, te)),
                "sent": (fz.sent[tr], fz.sent[te]), "tokens": (fz.tokens[tr], fz.tokens[te])}
        for view, (xtr, xte) in data.items():
            logp[te] += train.fit(xtr, y[tr], train.C_BY_VIEW[view]).predict_log_proba(xte)
        logp[te] += train.fit_svm(fz.tokens[tr], y[tr])[0].log_probs(fz.tokens[te])
    logp /= 4  # the geometric mean of the four models, as EventClassifier combines them
    logp -= logp.max(axis=1, keepdims=True)
    probs = np.exp(logp)
    probs /= probs.sum(axis=1, keepdims=True)
    return {m: dict(zip(classes.tolist(), map(float, row), strict=True)) for m, row in zip(marked, probs, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path,
                        default=ROOT.parent / "shared" / "bench" / "plv" / "PLV_train.tsv")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--cache", type=Path, help="JSON file to keep the out-of-fold probabilities in (reused if present)")
    args = parser.parse_args()
    if args.cache and args.cache.is_file():
        oof = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        oof = out_of_fold(args.path)
        if args.cache:
            args.cache.write_text(json.dumps(oof), encoding="utf-8")
    gold = dict(zip(*_load("train_classifiers").read_plv(args.path), strict=True))
    labels = [gold[m] for m in oof]
    guesses = [max(p, key=p.get) for p in oof.values()]
    from sklearn.metrics import accuracy_score, f1_score

    print(f"classifier alone (out of fold): accuracy={accuracy_score(labels, guesses):.3f} "
          f"macro_f1={f1_score(labels, guesses, average='macro'):.3f}")
    from eventscope.stages import classifier_signal

    measure = _load("measure_dyad")
    classifier_signal.set_scorer(measure.lookup_scorer(oof))
    sys.argv = ["measure_dyad.py", str(args.path), "--errors", str(args.errors)]
    measure.main()


if __name__ == "__main__":
    main()
