"""Train the PLOVER classifier on PLV_train and write src/eventscope/data/models/.

    python scripts/train_classifiers.py [--plv ../shared/bench/plv/PLV_train.tsv] [--cv]

--cv first reports 5-fold stratified cross-validation (seed 13) per view and for the
ensemble, with a per-class table.  Artifacts (no pickles):

  plover_model.npz   coefficients and intercepts of the three logistic regressions
                     (float16), the CAMEO-name prototype embeddings and their PLOVER types
  plover_vocab.json  classes, dependency-feature names, TF-IDF vocabularies and idf weights

Everything the classifier sees at run time comes from the same feature code
(`EventClassifier.views_of`), so training and inference cannot drift apart.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventscope.ontology import read_table  # noqa: E402
from eventscope.stages import classify as C  # noqa: E402
from eventscope.stages.classify_features import replace_actors  # noqa: E402

SEED = 13
C_BY_VIEW = {"sparse": 10.0, "sent": 10.0, "tokens": 3.0}  # chosen by 5-fold CV on PLV_train
# CAMEO root -> PLV label: PLV follows CAMEO's 20 roots (bench/MANIFEST.md); root 01 has no PLV label.
ROOT_TO_PLV = {"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
               "08": "YIELD", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
               "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
               "19": "ASSAULT", "20": "ASSAULT"}


def read_plv(path: Path) -> tuple[list[str], np.ndarray]:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [r["marked_sentence"] for r in rows], np.array([r["gold_root"] for r in rows])


class Featurizer:
    """Builds the three views for a training fold, fitting vocabularies on that fold only."""

    def __init__(self, clf: C.EventClassifier, marked: list[str]) -> None:
        self.clf = clf
        self.marked = marked
        self.replaced = [replace_actors(m) for m in marked]
        dense = clf.dense_views(marked)
        self.rels = dense["relations"]
        self.sent, self.tokens = dense["sent"], dense["tokens"]

    def fit_sparse(self, idx: np.ndarray) -> dict[str, object]:
        feats = sorted({f for i in idx for f in self.rels[i].features})
        word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, dtype=np.float32)
        texts = [self.replaced[i] for i in idx]
        word.fit(texts)
        char.fit(texts)

        def spec(v: TfidfVectorizer, analyzer: str, ngrams: tuple[int, int]) -> dict[str, object]:
            vocab = sorted(v.vocabulary_, key=v.vocabulary_.get)
            return {"analyzer": analyzer, "ngram_range": list(ngrams), "vocabulary": vocab,
                    "idf": [round(float(x), 6) for x in v.idf_]}

        return {"dep_features": feats, "word": spec(word, "word", (1, 2)), "char": spec(char, "char_wb", (2, 5))}

    def sparse(self, vocab: dict[str, object], idx: np.ndarray) -> csr_matrix:
        index = {f: i for i, f in enumerate(vocab["dep_features"])}  # type: ignore[arg-type]
        rows, cols = [], []
        for r, i in enumerate(idx):
            for c in sorted({index[f] for f in self.rels[i].features if f in index}):
                rows.append(r)
                cols.append(c)
        dep = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(idx), len(index)))
        texts = [self.replaced[i] for i in idx]
        word, char = C._tfidf(vocab["word"]), C._tfidf(vocab["char"])  # type: ignore[arg-type]
        return hstack([dep, word.transform(texts), char.transform(texts)]).tocsr()


def fit(x: object, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=SEED).fit(x, y)


def cross_validate(fz: Featurizer, y: np.ndarray) -> None:
    classes = np.array(sorted(set(y)))
    logp = {v: np.zeros((len(y), len(classes))) for v in C_BY_VIEW}
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=SEED).split(fz.marked, y):
        vocab = fz.fit_sparse(tr)
        data = {"sparse": (fz.sparse(vocab, tr), fz.sparse(vocab, te)),
                "sent": (fz.sent[tr], fz.sent[te]), "tokens": (fz.tokens[tr], fz.tokens[te])}
        for view, (xtr, xte) in data.items():
            logp[view][te] = fit(xtr, y[tr], C_BY_VIEW[view]).predict_log_proba(xte)
    for name, lp in [*logp.items(), ("ensemble", sum(logp.values()))]:
        pred = classes[np.asarray(lp).argmax(axis=1)]
        print(f"cv {name:9s} macro-F1 {f1_score(y, pred, average='macro'):.3f}  accuracy {accuracy_score(y, pred):.3f}")
    print(classification_report(y, pred, digits=3))


def cameo_prototypes(clf: C.EventClassifier) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """CAMEO event names (data/cameo.tsv) embedded; their PLV label and PLOVER 0.8 type."""
    rows = [r for r in read_table("cameo.tsv") if r["code"][:2] in ROOT_TO_PLV]
    emb = clf.encoder.encode([r["name"].lower() for r in rows])
    return emb, np.array([r["plover"] or ROOT_TO_PLV[r["code"][:2]] for r in rows]), [r["code"] for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plv", type=Path, default=ROOT.parent / "shared/bench/plv/PLV_train.tsv")
    ap.add_argument("--out", type=Path, default=ROOT / "src/eventscope/data/models")
    ap.add_argument("--cv", action="store_true", help="report 5-fold CV before training")
    args = ap.parse_args()
    marked, y = read_plv(args.plv)
    t0 = time.time()
    # A classifier shell without trained views: views_of needs only the encoder, parser and prototypes.
    clf = C.EventClassifier.__new__(C.EventClassifier)
    clf.encoder = C.load_encoder()
    clf._nlp = None
    protos, proto_types, codes = cameo_prototypes(clf)
    clf.cameo_protos = protos.astype(np.float16).astype(np.float32)  # as stored
    fz = Featurizer(clf, marked)
    print(f"features for {len(marked)} sentences in {time.time() - t0:.0f} s", flush=True)
    if args.cv:
        cross_validate(fz, y)
    everything = np.arange(len(y))
    vocab = fz.fit_sparse(everything)
    arrays: dict[str, np.ndarray] = {}
    for view, x in (("sparse", fz.sparse(vocab, everything)), ("sent", fz.sent), ("tokens", fz.tokens)):
        model = fit(x, y, C_BY_VIEW[view])
        arrays[f"{view}_coef"] = model.coef_.astype(np.float16)
        arrays[f"{view}_intercept"] = model.intercept_.astype(np.float64)
        classes = [str(c) for c in model.classes_]
    arrays["cameo_protos"] = protos.astype(np.float16)
    arrays["cameo_plover"] = proto_types
    arrays["cameo_codes"] = np.array(codes)
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "plover_model.npz", **arrays)
    vocab["classes"] = classes
    vocab["trained_on"] = f"{args.plv.name}: {len(y)} rows; seed {SEED}; C {C_BY_VIEW}"
    (args.out / "plover_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    for name in C.MODEL_FILES:
        print(f"wrote {args.out / name} ({(args.out / name).stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
