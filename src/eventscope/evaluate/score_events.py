"""Scoring documents with gold events: detection P/R/F1, per-field accuracy, arguments, deaths.

* Detection: pairs from `matching` (type/date/country, or triggers).  Optional
  gold events (MUC-4) count only when found; `core` events give `core_recall`;
  a prediction matching a `must_not` event is a violation.
* Per-field accuracy is over gold events paired with a same-type prediction by
  the MUC-style alignment (`matching.align_fields`); `field_coverage` says what
  share of gold events had a counterpart, so a high accuracy on few pairs shows.
* Arguments (attacker, target, place): a predicted argument fills a gold one when
  its head word lies in a gold span (`matching.argument_matches`), each gold
  argument filled once (the other conjuncts inside a coordinated gold span are
  part of it: `_rest_of_coordination`); on the detection pairs for trigger data,
  on the aligned pairs for event data; a gold argument of a missed
  event is a miss, predicted arguments of spurious events are not counted
  (event precision already charges for those).
* `death_f1`: gold events where someone died against predictions with a
  non-zero killed claim (a figure-less "were killed" counts), paired by the alignment;
  where gold deaths are of human targets (MUC-4, `Dataset.deaths_of_targets`), a
  prediction's toll of combatants only does not count.
* MUC-4 incidents: predictions in custody or protest modes (arrests, curfews,
  demonstrations) are not incidents and are left out (`NOT_INCIDENT_MODES`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from eventscope.evaluate.matching import (
    align_fields,
    argument_matches,
    date_agrees,
    event_compatible,
    haversine_km,
    head_span,
    match,
    match_triggers,
    place_name_agrees,
    text_matches,
)
from eventscope.evaluate.records import (
    Dataset,
    ErrorRecord,
    GoldArgument,
    GoldDocument,
    GoldEvent,
    PredictedEvent,
    Score,
)
from eventscope.evaluate.scorers import classification, prf
from eventscope.evaluate.tables import fold, same_country, sector_matches
from eventscope.model import PlacePrecision, Span

ROLES = ("attacker", "target", "place")
_CITY_PRECISIONS = {None, PlacePrecision.POINT, PlacePrecision.TOWN, PlacePrecision.ADMIN2}
_POINT_PRECISIONS = {None, PlacePrecision.POINT, PlacePrecision.TOWN}


def describe_gold(event: GoldEvent) -> str:
    parts = [event.label]
    if event.date:
        parts.append(event.date.text or event.date.start.isoformat())
    if event.countries:
        parts.append("/".join(event.countries))
    if event.place and event.place.names:
        parts.append(event.place.names[0])
    if event.trigger:
        parts.append(f"'{_short(event.trigger.text)}'")
    return " ".join(parts)


def describe_pred(pred: PredictedEvent) -> str:
    if pred.describe:
        return pred.describe
    parts = [pred.label]
    if pred.trigger is None or pred.date or pred.countries:
        parts += [pred.date.isoformat() if pred.date else "?", "/".join(pred.countries) or "?"]
    if pred.place_name:
        parts.append(pred.place_name)
    if pred.trigger:
        parts.append(f"'{_short(pred.trigger.text)}'")
    return " ".join(parts)


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _Tally:
    """Counters for one run; `ratio` turns a hit/total pair into a metric."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def add(self, name: str, ok: bool) -> None:
        self.hits[name] += ok
        self.total[name] += 1


def _arguments_hit(gold_args: Sequence[GoldArgument], pred: PredictedEvent, role: str) -> tuple[int, int]:
    """(matched, predicted) arguments of one role for one pair, one-to-one, greedy.  A predicted
    conjunct inside a coordinated gold span that another conjunct filled is part of that argument,
    not an extra one (see `_rest_of_coordination`)."""
    predicted = [a for a in pred.arguments if a.role == role]
    free = list(gold_args)
    filled: list[tuple[Span, Span]] = []  # (gold span, predicted span) of the span-matched ones
    unmatched: list[Span | None] = []
    hits = 0
    for argument in predicted:
        for k, gold in enumerate(free):
            if gold.spans and argument.span is not None:
                ok = argument_matches(gold.spans, argument.span)
            else:
                ok = text_matches(gold.texts, argument.text)
            if ok:
                hits += 1
                free.pop(k)
                if argument.span is not None:
                    filled += [(g, argument.span) for g in gold.spans if argument_matches([g], argument.span)]
                break
        else:
            unmatched.append(argument.span)
    return hits, len(predicted) - sum(1 for span in unmatched if _rest_of_coordination(span, filled))


_COORDINATOR = re.compile(r"\s(?:and|or)\s|,|&")


def _rest_of_coordination(span: Span | None, filled: Sequence[tuple[Span, Span]]) -> bool:
    """Whether a predicted argument is another conjunct of a gold phrase already filled: it lies
    (by its head word, `matching.head_span`) inside a coordinated gold span ("United States and
    France") and does not overlap the conjunct that filled it.  eventscope lists coordinated actors
    one by one (["United States", "France"]), where RAMS and WikiEvents mark the coordination as one
    span; a repeat of the same words ("168 people", "people") still counts as an extra argument."""
    if span is None:
        return False
    head = head_span(span)
    return any(gold.start <= head.start and head.end <= gold.end and not first.overlaps(span)
               and _COORDINATOR.search(gold.text) for gold, first in filled)


def _died(pred: PredictedEvent, of_target: bool = False) -> bool:
    """A death: the prediction says so (any non-zero killed claim, figure or not; with `of_target`,
    one not of combatants only), else a positive figure."""
    if of_target and pred.target_died is not None:
        return pred.target_died
    return pred.died if pred.died is not None else bool(pred.fatalities)


# Event data whose gold events are incidents of violence (MUC-4: attacks, bombings, arson, kidnappings,
# robberies by armed groups) and not custody or administrative measures: the PLOVER modes of an
# in-scope type that no incident type covers.  An arrest, a curfew or a ban is COERCE in PLOVER but
# never a MUC-4 template, so these predictions are left out rather than counted as spurious incidents.
NOT_INCIDENT_MODES: dict[str, frozenset[tuple[str, str | None]]] = {
    "muc4": frozenset({("COERCE", "arrest"), ("COERCE", "restrict"), ("COERCE", "curfew"), ("COERCE", None),
                       ("COERCE", "ban"), ("COERCE", "deport"), ("COERCE", "censor"),
                       ("PROTEST", "demo"), ("PROTEST", "boycott"), ("PROTEST", "hunger"),
                       ("PROTEST", "obstruct"), ("PROTEST", "riot"), ("PROTEST", None),
                       ("ASSAULT", "crowd-control")}),
}


# Event data whose incidents must be recent: a MUC-4 template is a terrorist incident of the two months
# before the message (MUC-3/4 task definition; of the 118 dated TST3 templates one is older).  An
# event the article recalls from longer ago ("Guillermo Cano was murdered on 17 December 1986") is
# history there, not a spurious incident.
RECENT_DAYS: dict[str, int] = {"muc4": 61}


def is_incident(dataset_name: str, pred: PredictedEvent, published: dt.date | None = None) -> bool:
    """Whether a prediction can stand for one of the dataset's gold events (see NOT_INCIDENT_MODES and
    RECENT_DAYS; `published` is the article's date)."""
    recent = RECENT_DAYS.get(dataset_name)
    last = pred.date_end or pred.date
    if recent is not None and published is not None and last is not None and (published - last).days > recent:
        return False
    excluded = NOT_INCIDENT_MODES.get(dataset_name)
    if not excluded:
        return True
    return not all((label, pred.mode) in excluded for label in pred.labels)


def _is_claim(pred: PredictedEvent) -> bool:
    return all(label.startswith("claim:") for label in pred.labels)


def score_events(dataset: Dataset, predictions: Mapping[str, Sequence[PredictedEvent]],
                 label_of_pred: Callable[[PredictedEvent], str] | None = None,
                 class_of_gold: Callable[[GoldEvent], str] | None = None) -> Score:
    """Score one dataset.  A casualty-claim unit (trigger data) can find a death or injury, but an
    unmatched claim is not an extra prediction: it is an attribute of a mention counted on its own."""
    label_of_pred = label_of_pred or (lambda p: p.label)
    class_of_gold = class_of_gold or (lambda g: g.label)
    score = Score()
    tally = _Tally()
    tp = n_gold = n_pred = second_pass = 0
    core_found = core_total = violations = aligned = alignable = 0
    class_rows: dict[str, Counter[str]] = defaultdict(Counter)
    arg_counts: dict[str, Counter[str]] = {role: Counter() for role in ROLES}
    death: Counter[str] = Counter()
    sub_gold: list[str] = []
    sub_pred: list[str] = []
    for doc in dataset.items:
        if not isinstance(doc, GoldDocument):
            continue
        preds = [p for p in predictions.get(doc.id, ())
                 if (not dataset.scope or p.labels & dataset.scope) and is_incident(dataset.name, p, doc.published)]
        golds = list(doc.events)
        if dataset.unit == "trigger":
            pairs, extra = match_triggers(golds, preds)
            second_pass += extra
        else:
            pairs = match(golds, preds, event_compatible)
        matched_gold = {g: p for g, p in pairs}
        matched_pred = {p for _, p in pairs}
        for i, gold in enumerate(golds):
            found = i in matched_gold
            if gold.optional and not found:
                continue
            n_gold += 1
            tp += found
            class_rows[class_of_gold(gold)]["support"] += 1
            if gold.core:
                core_total += 1
                core_found += found
            if not found:
                score.errors.append(ErrorRecord(doc.id, "missed event", describe_gold(gold), "-",
                                                2.0 if gold.core else 1.5))
        for j, pred in enumerate(preds):
            if j not in matched_pred and _is_claim(pred):
                continue
            n_pred += 1
            label = (class_of_gold(golds[next(g for g, p in pairs if p == j)]) if j in matched_pred
                     else label_of_pred(pred))
            class_rows[label]["predicted"] += 1
            class_rows[label]["correct"] += j in matched_pred
            if j not in matched_pred:
                score.errors.append(ErrorRecord(doc.id, "spurious event", "-", describe_pred(pred),
                                                1.0 + pred.confidence))
            for bad in doc.must_not:
                if event_compatible(bad, pred) and fold(bad.text_cue) in fold(pred.evidence_text):
                    violations += 1
                    score.errors.append(ErrorRecord(doc.id, "must-not event output", describe_gold(bad),
                                                    describe_pred(pred), 3.0))
        # Per-field accuracy and arguments on aligned pairs (event data) or detection pairs (triggers).
        scored = [g for g in golds if not g.optional]
        if dataset.unit == "trigger":
            field_pairs = [(g, p) for g, p in pairs]
        else:
            field_pairs = align_fields(scored, preds)
            alignable += len(scored)
            aligned += len(field_pairs)
            for g, p in field_pairs:
                _fields(doc.id, scored[g], preds[p], tally, score.errors)
        gold_list = golds if dataset.unit == "trigger" else scored
        paired = dict(field_pairs)
        for g_index, gold in enumerate(gold_list):
            if gold.optional and g_index not in paired:
                continue
            counterpart = preds[paired[g_index]] if g_index in paired else None
            for role in ROLES:
                if gold.roles is not None and role not in gold.roles:
                    continue  # the type has no such role (KAIROS injuries have no place)
                gold_args = [a for a in gold.arguments if a.role == role]
                hits, predicted = _arguments_hit(gold_args, counterpart, role) if counterpart else (0, 0)
                arg_counts[role]["tp"] += hits
                arg_counts[role]["pred"] += predicted
                arg_counts[role]["gold"] += len(gold_args)
            if gold.acled_sub_type:
                sub_gold.append(gold.acled_sub_type)
                sub_pred.append((counterpart.acled_sub_type if counterpart else None) or "(none)")
        if any(g.death is not None for g in golds) or dataset.name == "muc4":
            death["gold"] += sum(1 for g in scored if g.death)
            death["pred"] += sum(1 for p in preds if _died(p, dataset.deaths_of_targets))
            death["tp"] += sum(1 for g, p in field_pairs
                               if scored[g].death and _died(preds[p], dataset.deaths_of_targets))
    precision, recall, f1 = prf(tp, n_pred, n_gold)
    if dataset.precision_meaningful:
        score.metrics.update(event_precision=precision, event_recall=recall, event_f1=f1)
        score.support.update(event_precision=n_pred, event_recall=n_gold, event_f1=n_gold)
    else:
        score.metrics["event_recall"] = recall
        score.support["event_recall"] = n_gold
    if dataset.unit == "trigger":
        # How much the same-sentence pass adds: recall with overlapping triggers only, for comparison.
        score.metrics["trigger_pairs_by_sentence"] = float(second_pass)
        score.metrics["event_recall_trigger_overlap"] = (tp - second_pass) / n_gold if n_gold else 0.0
    if core_total:
        score.metrics["core_recall"] = core_found / core_total
        score.support["core_recall"] = core_total
    if any(doc.must_not for doc in dataset.items if isinstance(doc, GoldDocument)):
        score.metrics["must_not_violations"] = float(violations)
    if alignable:
        score.metrics["field_coverage"] = aligned / alignable
        score.support["field_coverage"] = alignable
    for name, total in tally.total.items():
        score.metrics[name] = tally.hits[name] / total
        score.support[name] = total
    for role in ROLES:
        counts = arg_counts[role]
        if counts["gold"]:
            a_p, a_r, a_f = prf(counts["tp"], counts["pred"], counts["gold"])
            score.metrics.update({f"argument_precision_{role}": a_p, f"argument_recall_{role}": a_r,
                                  f"argument_f1_{role}": a_f})
            score.support[f"argument_f1_{role}"] = counts["gold"]
    if death["gold"] or death["pred"]:
        score.metrics["death_f1"] = prf(death["tp"], death["pred"], death["gold"])[2]
        score.support["death_f1"] = death["gold"]
    if sub_gold:
        metrics, _rows = classification(sub_gold, sub_pred)
        score.metrics["acled_sub_type_weighted_f1"] = metrics["weighted_f1"]
        score.metrics["acled_sub_type_macro_f1"] = metrics["macro_f1"]
        score.support["acled_sub_type_weighted_f1"] = score.support["acled_sub_type_macro_f1"] = len(sub_gold)
    for label in sorted(class_rows):
        row = class_rows[label]
        c_p, c_r, c_f = prf(row["correct"], row["predicted"], row["support"])
        score.per_class.append({"class": label, "support": row["support"], "predicted": row["predicted"],
                                "precision": round(c_p, 4), "recall": round(c_r, 4), "f1": round(c_f, 4)})
    return score


@functools.cache
def _gazetteer() -> Any:
    from eventscope.config import load_settings
    from eventscope.stages.where import load_gazetteer

    return load_gazetteer(load_settings())


def admin1_agrees(gold: str, pred: str | None, countries: Sequence[str]) -> bool:
    """Spellings differ between datasets ("Barisal" / "Barishal Division", "Ninawa" /
    "Ninewa"): equal after folding, or one first-level division in the gazetteer."""
    if not pred:
        return False
    if fold(pred) == fold(gold):
        return True
    country = countries[0] if len(countries) == 1 else None
    return bool(_gazetteer().same_admin1(gold, pred, country))


def _fields(doc_id: str, gold: GoldEvent, pred: PredictedEvent, tally: _Tally, errors: list[ErrorRecord]) -> None:
    """Per-field checks on one aligned pair; a field the gold event does not label is skipped."""

    def check(name: str, ok: bool, gold_text: str, pred_text: str, severity: float = 1.0) -> None:
        tally.add(name, ok)
        if not ok:
            errors.append(ErrorRecord(doc_id, name.removesuffix("_accuracy"), gold_text, pred_text, severity))

    if gold.date is not None:
        ok = date_agrees(gold, pred)
        days = abs((pred.date - gold.date.start).days) if pred.date else 365
        check("date_accuracy", ok, gold.date.text or gold.date.start.isoformat(),
              pred.date.isoformat() if pred.date else "(none)", 1.0 + min(days, 3650) / 365)
    if gold.countries:
        check("country_accuracy", any(same_country(g, p) for g in gold.countries for p in pred.countries),
              "/".join(gold.countries), "/".join(pred.countries) or "(none)", 1.5)
    place = gold.place
    if place is not None:
        if place.admin1:
            check("admin1_accuracy", admin1_agrees(place.admin1, pred.admin1, gold.countries),
                  place.admin1, pred.admin1 or "(none)")
        if place.names and place.precision in _CITY_PRECISIONS:
            check("city_accuracy", place_name_agrees(gold, pred), " / ".join(place.names), pred.place_name or "(none)")
        if place.lat is not None and place.lon is not None and place.precision in _POINT_PRECISIONS:
            distance = (haversine_km(place.lat, place.lon, pred.lat, pred.lon)
                        if pred.lat is not None and pred.lon is not None else None)
            check("location_accuracy_50km", distance is not None and distance <= 50,
                  f"{place.names[0] if place.names else ''} ({place.lat:.3f}, {place.lon:.3f})",
                  f"{pred.place_name} ({distance:.0f} km off)" if distance is not None else "(no coordinates)",
                  1.0 + min(distance or 2000.0, 2000.0) / 500)
            # Mordecai reports accuracy within 161 km (100 miles); kept for comparison.
            tally.add("location_accuracy_161km", distance is not None and distance <= 161)
    if gold.fatalities is not None:
        low, high = gold.fatalities
        best = pred.fatalities or 0  # no casualty claim means none reported
        check("fatalities_exact", best == low, f"{low}" if low == high else f"{low}-{high}", str(best))
        tally.add("fatalities_within_range", low <= best <= high)
    for role, golds, preds in (("actor1", gold.actor1, pred.actor1), ("actor2", gold.actor2, pred.actor2)):
        for actor in golds:
            if actor.country:
                check(f"{role}_country_accuracy", any(same_country(actor.country, p.country) for p in preds),
                      f"{actor.text}: {actor.country}", ", ".join(f"{p.name}: {p.country}" for p in preds) or "(none)")
            if actor.sectors:
                check("actor_sector_accuracy", any(sector_matches(actor.sectors, p.sector) for p in preds),
                      f"{actor.text}: {'|'.join(sorted(actor.sectors))}",
                      ", ".join(f"{p.name}: {p.sector}" for p in preds) or "(none)", 0.8)
