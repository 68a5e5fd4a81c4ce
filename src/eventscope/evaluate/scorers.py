"""Scorers for labeled items: dyads (PLV, PLOVER GSR), snippets (CASE 2021) and event locations.

Each scorer is a pure function of gold records and predicted records and
returns a `Score`; tests feed them hand-made predictions whose scores are known.
Macro and weighted F1 are over the classes present in the gold data (as
scikit-learn's `labels=` does), so a prediction outside them costs recall but
adds no class of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from eventscope.evaluate.records import (
    ErrorRecord,
    GoldDyad,
    GoldLocation,
    GoldSnippet,
    PredictedDyad,
    PredictedLabel,
    PredictedLocation,
    Score,
)
from eventscope.evaluate.tables import LabelTable, same_country, sector_matches


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def classification(gold: Sequence[str], predicted: Sequence[str]) -> tuple[dict[str, float], list[dict[str, object]]]:
    """accuracy, macro_f1, weighted_f1 and per-class rows over the gold classes."""
    classes = sorted(set(gold))
    support = Counter(gold)
    predicted_count = Counter(predicted)
    correct = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    rows: list[dict[str, object]] = []
    macro = weighted = 0.0
    for label in classes:
        precision, recall, f1 = prf(correct[label], predicted_count[label], support[label])
        rows.append({"class": label, "support": support[label], "predicted": predicted_count[label],
                     "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)})
        macro += f1
        weighted += f1 * support[label]
    n = len(gold)
    metrics = {
        "accuracy": sum(correct.values()) / n if n else 0.0,
        "macro_f1": macro / len(classes) if classes else 0.0,
        "weighted_f1": weighted / n if n else 0.0,
    }
    return metrics, rows


def _by_id(predictions: Sequence, key: str = "item_id") -> dict[str, object]:
    return {getattr(p, key): p for p in predictions}


def score_dyads(items: Sequence[GoldDyad], predictions: Sequence[PredictedDyad], table: LabelTable) -> Score:
    """PLOVER type of the event between the marked actors, plus actor country and sector where labeled."""
    by_id = _by_id(predictions)
    gold_labels, pred_labels = [], []
    errors: list[ErrorRecord] = []
    country_hits = {"actor1": [0, 0], "actor2": [0, 0]}
    sector_hits = [0, 0]
    for item in items:
        pred = by_id.get(item.id)
        label = pred.label if isinstance(pred, PredictedDyad) else None
        shown = item.label if label in item.accepted else table.dataset_label_for(label)
        gold_labels.append(item.label)
        pred_labels.append(shown)
        if shown != item.label:
            confidence = pred.confidence if isinstance(pred, PredictedDyad) else 0.5
            errors.append(ErrorRecord(item.id, "type", item.label, shown, 1.0 + confidence))
        for role, golds, actor in (("actor1", item.source_actors, getattr(pred, "source_actor", None)),
                                   ("actor2", item.target_actors, getattr(pred, "target_actor", None))):
            if not golds:
                continue
            gold = golds[0]
            if gold.country:
                ok = actor is not None and same_country(gold.country, actor.country)
                country_hits[role][0] += ok
                country_hits[role][1] += 1
                if not ok:
                    errors.append(ErrorRecord(item.id, f"{role} country", f"{gold.text}: {gold.country}",
                                              f"{getattr(actor, 'country', None)}", 0.8))
            if gold.sectors:
                ok = actor is not None and sector_matches(gold.sectors, actor.sector)
                sector_hits[0] += ok
                sector_hits[1] += 1
                if not ok:
                    errors.append(ErrorRecord(item.id, f"{role} sector", f"{gold.text}: {'|'.join(gold.sectors)}",
                                              f"{getattr(actor, 'sector', None)}", 0.6))
    metrics, rows = classification(gold_labels, pred_labels)
    score = Score(per_class=rows, errors=errors)
    score.metrics["plover_accuracy"] = metrics["accuracy"]
    score.metrics["plover_macro_f1"] = metrics["macro_f1"]
    score.metrics["plover_weighted_f1"] = metrics["weighted_f1"]
    score.support.update(plover_accuracy=len(items), plover_macro_f1=len(items), plover_weighted_f1=len(items))
    for role, (hits, total) in country_hits.items():
        if total:
            score.metrics[f"{role}_country_accuracy"] = hits / total
            score.support[f"{role}_country_accuracy"] = total
    if sector_hits[1]:
        score.metrics["actor_sector_accuracy"] = sector_hits[0] / sector_hits[1]
        score.support["actor_sector_accuracy"] = sector_hits[1]
    return score


def score_snippets(items: Sequence[GoldSnippet], predictions: Sequence[PredictedLabel],
                   none_label: str = "Other") -> Score:
    """ACLED sub-event type per snippet; a snippet with no coded event counts as `none_label`."""
    by_id = _by_id(predictions)
    gold_labels, pred_labels, errors = [], [], []
    for item in items:
        pred = by_id.get(item.id)
        label = (pred.label if isinstance(pred, PredictedLabel) else None) or none_label
        gold = next(iter(sorted(item.accepted)))
        gold_labels.append(gold)
        shown = gold if label in item.accepted else label
        pred_labels.append(shown)
        if shown != gold:
            errors.append(ErrorRecord(item.id, "acled sub-type", gold, shown,
                                      1.0 + (pred.confidence if isinstance(pred, PredictedLabel) else 0.0)))
    metrics, rows = classification(gold_labels, pred_labels)
    score = Score(per_class=rows, errors=errors)
    score.metrics["acled_sub_type_weighted_f1"] = metrics["weighted_f1"]
    score.metrics["acled_sub_type_macro_f1"] = metrics["macro_f1"]
    score.metrics["acled_sub_type_accuracy"] = metrics["accuracy"]
    for name in score.metrics:
        score.support[name] = len(items)
    return score


def score_locations(items: Sequence[GoldLocation], predictions: Sequence[PredictedLocation]) -> Score:
    """Right when the predicted span overlaps a gold LOCATION, or both say "no place"."""
    by_id = _by_id(predictions)
    correct = found = predicted_some = gold_some = 0
    errors = []
    rows: Counter[str] = Counter()
    for item in items:
        pred = by_id.get(item.id)
        span = pred.span if isinstance(pred, PredictedLocation) else None
        hit = span is not None and any(span.overlaps(g) for g in item.locations)
        ok = hit or (span is None and not item.locations)
        correct += ok
        found += hit
        predicted_some += span is not None
        gold_some += bool(item.locations)
        kind = "with place" if item.locations else "no place"
        rows[f"{kind}:n"] += 1
        rows[f"{kind}:ok"] += ok
        if not ok:
            gold_text = " | ".join(g.text for g in item.locations) or "(none)"
            errors.append(ErrorRecord(item.id, f"place of '{item.trigger.text}'", gold_text,
                                      span.text if span else "(none)", 1.0 + bool(span and item.locations)))
    precision, recall, f1 = prf(found, predicted_some, gold_some)
    score = Score(errors=errors)
    score.metrics.update(event_location_accuracy=correct / len(items) if items else 0.0,
                         event_location_precision=precision, event_location_recall=recall,
                         event_location_f1=f1)
    score.support.update(event_location_accuracy=len(items), event_location_precision=predicted_some,
                         event_location_recall=gold_some, event_location_f1=gold_some)
    for kind in ("with place", "no place"):
        n = rows[f"{kind}:n"]
        if n:
            score.per_class.append({"class": kind, "support": n, "accuracy": round(rows[f"{kind}:ok"] / n, 4)})
    return score
