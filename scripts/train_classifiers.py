"""Train the PLOVER classifier on PLV_train and write src/eventscope/data/models/.

    python scripts/train_classifiers.py [--plv ../shared/bench/plv/PLV_train.tsv] [--cv]

--cv first reports 5-fold stratified cross-validation (seed 13) per model and for the
ensemble, with a per-class table (about 4 minutes on one core).  Artifacts (no pickles):

  plover_model.npz   coefficients and intercepts of the three logistic regressions
                     (float16); the token-view SVM: PCA mean and components (float16),
                     support vectors in PCA space (float16), dual coefficients,
                     intercepts, class sizes, gamma; the CAMEO-name prototype
                     embeddings and their PLOVER types
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
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import SVC

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventscope.ontology import read_table  # noqa: E402
from eventscope.stages import classify as C  # noqa: E402
from eventscope.stages.classify_features import CAMEO_ROOT_TO_PLV as ROOT_TO_PLV  # noqa: E402
from eventscope.stages.classify_features import replace_actors, sparse_features  # noqa: E402

SEED = 13
C_BY_VIEW = {"sparse": 10.0, "sent": 10.0, "tokens": 3.0}  # chosen by 5-fold CV on PLV_train
# Token-view SVM: C 3/10/30 and PCA 256/none all within 0.003 macro-F1 in CV; PCA keeps the artifact small.
SVM_C = 10.0
SVM_PCA = 256


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
        feats = sorted({f for i in idx for f in sparse_features(self.rels[i])})
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
            for c in sorted({index[f] for f in sparse_features(self.rels[i]) if f in index}):
                rows.append(r)
                cols.append(c)
        dep = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(idx), len(index)))
        texts = [self.replaced[i] for i in idx]
        word, char = C._tfidf(vocab["word"]), C._tfidf(vocab["char"])  # type: ignore[arg-type]
        return hstack([dep, word.transform(texts), char.transform(texts)]).tocsr()


def fit(x: object, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=SEED).fit(x, y)


def fit_svm(tokens: np.ndarray, y: np.ndarray) -> tuple[C.RbfSvm, SVC]:
    """PCA (components stored as float16) + RBF SVM on float16-rounded coordinates, as stored."""
    mean = tokens.mean(axis=0).astype(np.float32)
    comps = PCA(SVM_PCA, random_state=SEED).fit(tokens).components_.astype(np.float16).astype(np.float32)
    z = ((tokens - mean) @ comps.T).astype(np.float16).astype(np.float64)
    svc = SVC(C=SVM_C, kernel="rbf", gamma="scale", class_weight="balanced", random_state=SEED).fit(z, y)
    model = C.RbfSvm(mean, comps, svc.support_vectors_.astype(np.float16), svc.dual_coef_.astype(np.float64),
                     svc.intercept_.astype(np.float64), svc.n_support_.astype(np.int32), float(svc._gamma))
    gap = float(np.abs(model.ovr_decision(tokens) - svc.decision_function(z)).max())
    if gap > 1e-3:
        raise RuntimeError(f"numpy SVM differs from scikit-learn's by {gap:.2g}")
    return model, svc


def cross_validate(fz: Featurizer, y: np.ndarray) -> None:
    classes = np.array(sorted(set(y)))
    logp = {v: np.zeros((len(y), len(classes))) for v in [*C_BY_VIEW, "svm"]}
    for tr, te in StratifiedKFold(5, shuffle=True, random_state=SEED).split(fz.marked, y):
        vocab = fz.fit_sparse(tr)
        data = {"sparse": (fz.sparse(vocab, tr), fz.sparse(vocab, te)),
                "sent": (fz.sent[tr], fz.sent[te]), "tokens": (fz.tokens[tr], fz.tokens[te])}
        for view, (xtr, xte) in data.items():
            logp[view][te] = fit(xtr, y[tr], C_BY_VIEW[view]).predict_log_proba(xte)
        logp["svm"][te] = fit_svm(fz.tokens[tr], y[tr])[0].log_probs(fz.tokens[te])
    for name, lp in [*logp.items(), ("ensemble", sum(logp.values()))]:
        pred = classes[np.asarray(lp).argmax(axis=1)]
        print(f"cv {name:9s} macro-F1 {f1_score(y, pred, average='macro'):.3f}  accuracy {accuracy_score(y, pred):.3f}")
    print(classification_report(y, pred, digits=3))


def cameo_prototypes(clf: C.EventClassifier) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """CAMEO event names (data/cameo.tsv) embedded; their PLV label and PLOVER 0.8 type."""
    rows = [r for r in read_table("cameo.tsv") if r["code"][:2] in ROOT_TO_PLV]
    emb = clf.encoder.encode([r["name"].lower() for r in rows])
    return emb, np.array([r["plover"] or ROOT_TO_PLV[r["code"][:2]] for r in rows]), [r["code"] for r in rows]


def write_model(fz: Featurizer, y: np.ndarray, rows: np.ndarray, out: Path,
                cameo: tuple[np.ndarray, np.ndarray, list[str]], note: str) -> None:
    """Fit every model on `rows` and write the two artifacts into `out` (also used for per-fold models)."""
    vocab = fz.fit_sparse(rows)
    arrays: dict[str, np.ndarray] = {}
    for view, x in (("sparse", fz.sparse(vocab, rows)), ("sent", fz.sent[rows]), ("tokens", fz.tokens[rows])):
        model = fit(x, y[rows], C_BY_VIEW[view])
        arrays[f"{view}_coef"] = model.coef_.astype(np.float16)
        arrays[f"{view}_intercept"] = model.intercept_.astype(np.float64)
        classes = [str(c) for c in model.classes_]
    svm, _ = fit_svm(fz.tokens[rows], y[rows])
    arrays.update({"svm_pca_mean": svm.pca_mean, "svm_pca_components": svm.pca_components.astype(np.float16),
                   "svm_support": svm.support, "svm_dual_coef": svm.dual_coef.astype(np.float32),
                   "svm_intercept": svm.intercept, "svm_n_support": svm.n_support,
                   "svm_gamma": np.array(svm.gamma)})
    protos, proto_types, codes = cameo
    arrays["cameo_protos"] = protos.astype(np.float16)
    arrays["cameo_plover"] = proto_types
    arrays["cameo_codes"] = np.array(codes)
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "plover_model.npz", **arrays)
    vocab["classes"] = classes
    vocab["trained_on"] = note
    (out / "plover_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")


def write_fold_models(fz: Featurizer, y: np.ndarray, out: Path, cameo: tuple[np.ndarray, np.ndarray, list[str]]) -> None:
    held_out = []
    for k, (tr, te) in enumerate(StratifiedKFold(5, shuffle=True, random_state=SEED).split(fz.marked, y)):
        write_model(fz, y, tr, out / f"fold{k}", cameo, f"fold {k} of 5 (seed {SEED})")
        held_out.append([int(i) for i in te])
    (out / "folds.json").write_text(json.dumps(held_out), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plv", type=Path, default=ROOT.parent / "shared/bench/plv/PLV_train.tsv")
    ap.add_argument("--out", type=Path, default=ROOT / "src/eventscope/data/models")
    ap.add_argument("--cv", action="store_true", help="report 5-fold CV before training")
    ap.add_argument("--fold-models", type=Path, help="also write each CV fold's model to DIR/fold<k>/ "
                    "(with DIR/folds.json: the held-out rows), to score the eval path out of fold")
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
    if args.fold_models:
        write_fold_models(fz, y, args.fold_models, (protos, proto_types, codes))
    write_model(fz, y, np.arange(len(y)), args.out, (protos, proto_types, codes),
                f"{args.plv.name}: {len(y)} rows; seed {SEED}; C {C_BY_VIEW}; SVM C {SVM_C} on PCA {SVM_PCA}")
    for name in C.MODEL_FILES:
        print(f"wrote {args.out / name} ({(args.out / name).stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
