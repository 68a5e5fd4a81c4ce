"""The PLOVER and ACLED classifiers: marker handling, the shipped model, hand-written fixtures."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from eventscope.stages.classify import (
    PLOVER_TYPES,
    PLV_LABELS,
    RbfSvm,
    load_classifier,
    models_dir,
    plover_scores,
)
from eventscope.stages.classify_acled import CASE_LABELS, acled_sub_type
from eventscope.stages.classify_features import (
    Relation,
    relation,
    replace_actors,
    sparse_features,
    strip_markers,
)


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def clf():
    return load_classifier()


def test_strip_markers_spans():
    text, src, tgt = strip_markers("<s>Iran</s> condemned <t>the strikes</t>.")
    assert text == "Iran condemned the strikes."
    assert text[src[0]:src[1]] == "Iran"
    assert text[tgt[0]:tgt[1]] == "the strikes"


def test_strip_markers_missing_and_repeated():
    assert strip_markers("No markers here.") == ("No markers here.", None, None)
    text, src, tgt = strip_markers("<t>Ukraine</t> got aid from <s>the US</s> and <t>Ukraine</t> thanked it.")
    assert text == "Ukraine got aid from the US and Ukraine thanked it."
    assert tgt == (0, 7)  # the first target counts
    assert text[src[0]:src[1]] == "the US"


def test_replace_actors():
    assert replace_actors("<s>A</s> hit <t>B</t>.").split() == ["SRCX", "hit", "TGTX", "."]


@pytest.mark.slow
def test_relation_finds_predicate_and_clause(nlp):
    text, src, tgt = strip_markers("Yesterday <s>the army</s> did not release <t>the prisoners</t> as promised.")
    rel = relation(nlp(text), src, tgt)
    assert rel.predicate == "release"
    assert "NEG" in rel.features
    assert "LMP=YIELD" in rel.features  # detect's lexicon: releasing people is CAMEO 0841 (YIELD)
    assert rel.clause.startswith("SRC") and "release TGT" in rel.clause
    assert text[rel.pred_chars[0][0]:rel.pred_chars[0][1]] == "release"


def test_sparse_features_add_lexicon_types():
    rel = Relation(("P=condemn", "L=condemn", "P=condemn|NEG", "W=unknownword"), "SRC condemn TGT", "condemn",
                   ((0, 7),), (), (0, 7))
    feats = sparse_features(rel)
    assert feats[:4] == rel.features
    assert "LXP=ACCUSE" in feats and "LXL=ACCUSE" in feats
    assert not any(f.startswith("LXW=") for f in feats)  # a word the lexicon does not know adds nothing


def test_rbf_svm_matches_scikit_learn():
    from sklearn.svm import SVC

    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 5))
    y = np.repeat(["A", "B", "C"], 20)
    x[y == "B"] += 2.0
    svc = SVC(C=3.0, gamma="scale", class_weight="balanced").fit(x, y)
    svm = RbfSvm(np.zeros(5, np.float32), np.eye(5, dtype=np.float32), svc.support_vectors_,
                 svc.dual_coef_, svc.intercept_, svc.n_support_, float(svc._gamma))
    z = x.astype(np.float16).astype(np.float64)  # RbfSvm rounds its PCA coordinates to float16
    assert np.allclose(svm.ovr_decision(x), svc.decision_function(z), atol=1e-6)
    assert np.allclose(np.exp(svm.log_probs(x)).sum(axis=1), 1.0)


def test_artifacts_small_and_complete():
    folder = models_dir()
    sizes = {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}
    assert {"plover_model.npz", "plover_vocab.json"} <= set(sizes)
    assert sum(sizes.values()) < 5_000_000
    vocab = json.loads((folder / "plover_vocab.json").read_text(encoding="utf-8"))
    assert sorted(vocab["classes"]) == sorted(PLV_LABELS)
    assert "seed 13" in vocab["trained_on"]


@pytest.mark.slow
def test_plover_probs_are_distributions(clf):
    out = clf.plover_probs(["<s>Police</s> arrested <t>two journalists</t>.", "Protesters rallied downtown."])
    assert len(out) == 2
    for probs in out:
        assert set(probs) == set(PLOVER_TYPES)
        assert sum(probs.values()) == pytest.approx(1.0, abs=1e-6)
        assert all(isinstance(v, float) for v in probs.values())
    plv = clf.plv_probs(["<s>The rebels</s> released <t>twenty hostages</t>."])[0]
    assert set(plv) == set(PLV_LABELS)
    assert max(plv, key=plv.get) == "YIELD"
    assert clf.plover_probs([]) == []


@pytest.mark.slow
def test_plover_hand_written_sentences(clf, fixtures_dir, nlp):
    rows = _tsv(fixtures_dir / "classify" / "plover_sentences.tsv")
    marked = [r["marked"] for r in rows]
    got = clf.plover_probs(marked)
    right = sum(max(p, key=p.get) == r["label"] for p, r in zip(got, rows, strict=True))
    assert right >= len(rows) - 1
    # Passing the caller's parse gives the same answer as parsing inside.
    parses = [nlp(strip_markers(m)[0]) for m in marked[:3]]
    again = clf.plover_probs(marked[:3], parses=parses)
    assert all(np.isclose(a[k], b[k]) for a, b in zip(got[:3], again, strict=True) for k in a)


@pytest.mark.slow
def test_plover_scores_hook():
    scores = plover_scores("<s>Iran's foreign ministry</s> accused <t>Washington</t> of aggression.")
    assert max(scores, key=scores.get) == "ACCUSE"


def test_case_labels_map_to_acled():
    assert len(CASE_LABELS) == 25
    assert acled_sub_type("AIR_STRIKE") == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_sub_type("MOB_VIOL") == ("Riots", "Mob violence")
    with pytest.raises(KeyError):
        acled_sub_type("NATURAL_DISASTER")


@pytest.mark.slow
def test_acled_hand_written_snippets(clf, fixtures_dir):
    # Written by us in ACLED-notes style, one or more per label: a regression check, not an accuracy claim.
    rows = _tsv(fixtures_dir / "classify" / "acled_snippets.tsv")
    got = clf.acled_probs([r["snippet"] for r in rows])
    assert all(set(p) == set(CASE_LABELS) for p in got)
    right = sum(max(p, key=p.get) == r["label"] for p, r in zip(got, rows, strict=True))
    assert right >= len(rows) - 2


@pytest.mark.slow
def test_acled_case_samples(clf, shared_dir):
    folder = shared_dir / "bench" / "case2021-task2"
    texts = [line.split("\t", 1)[1] for line in (folder / "sample_input.txt").read_text().splitlines() if line]
    gold = [line.split("\t")[1] for line in (folder / "sample_output.txt").read_text().splitlines() if line]
    got = [max(p, key=p.get) for p in clf.acled_probs(texts)]
    assert sum(g == p for g, p in zip(gold, got, strict=True)) >= 3
