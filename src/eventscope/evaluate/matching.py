"""How a predicted event is paired with a gold one (DESIGN.md, "Gold files and scoring").

Event-level data: a prediction matches a gold event when the type agrees, its
date falls inside the gold date's interval (widened by `date_tolerance_days`)
and a country agrees; a criterion the gold event does not label is not checked.
Trigger-level data (RAMS, WikiEvents): the type agrees and the trigger spans
overlap; a second pass then pairs what is left within one sentence, because
eventscope codes "a bomb exploded, killing three" as one attack with a casualty
claim, not as three triggers.  Pairing is one-to-one, maximising the number of
pairs (Hungarian algorithm), ties broken by the prediction's confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from eventscope.evaluate.records import GoldEvent, PredictedEvent
from eventscope.evaluate.tables import fold, same_country
from eventscope.gazetteer import distance_km
from eventscope.model import Span

haversine_km = distance_km  # the gazetteer's great-circle distance, named as the scorers use it


def type_agrees(gold: GoldEvent, pred: PredictedEvent) -> bool:
    return bool(gold.accepted & pred.labels)


def date_agrees(gold: GoldEvent, pred: PredictedEvent) -> bool:
    if gold.date is None:
        return True
    return pred.date is not None and gold.date.contains(pred.date, gold.date_tolerance_days)


def country_agrees(gold: GoldEvent, pred: PredictedEvent) -> bool:
    if not gold.countries:
        return True
    return any(same_country(g, p) for g in gold.countries for p in pred.countries)


def event_compatible(gold: GoldEvent, pred: PredictedEvent) -> bool:
    return type_agrees(gold, pred) and date_agrees(gold, pred) and country_agrees(gold, pred)


def overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.overlaps(b)


# Where a noun phrase's head has ended: a preposition, a relative word, a comma (not one grouping a
# number's thousands, "2,839 soldiers"), a dash or a bracket.
# A spaced hyphen before a lower-case content word is a detokenised compound ("12-year - old victim"),
# not a dash ("Ahmed - a doctor", "police - who said").
_AFTER_HEAD = re.compile(r"\s(?:of|in|at|on|from|for|with|near|by|who|whom|which|that|whose|where|including)\s"
                         r"|,(?!\d{3})|;|\s[\u2013\u2014(]"
                         r"|\s-(?!\s+(?!(?:a|an|the|who|whom|which|that|he|she|they|it|his|her|their)\b)[a-z])")
_WORD = re.compile(r"[\w'\u2019.&-]*\w")


def head_span(span: Span) -> Span:
    """The head word of an argument phrase, without a parse: the last word before the first
    preposition, relative word, comma or bracket ("the families of the victims" -> "families",
    "168 people" -> "people").  Scoring by head, as RAMS and WikiEvents results are usually
    reported, keeps a long phrase from matching a gold argument it merely contains."""
    cut = _AFTER_HEAD.search(span.text)
    front = span.text[:cut.start()] if cut else span.text
    words = list(_WORD.finditer(front))
    if not words:
        return span
    last = words[-1]
    return Span(span.start + last.start(), span.start + last.end(), last.group())


def argument_matches(gold_spans: Sequence[Span], predicted: Span) -> bool:
    """A predicted argument fills a gold one when its head word lies in a gold span (any
    coreferent mention of the gold entity)."""
    head = head_span(predicted)
    return any(overlaps(gold, head) for gold in gold_spans)


def trigger_overlaps(gold: GoldEvent, pred: PredictedEvent) -> bool:
    return type_agrees(gold, pred) and overlaps(gold.trigger, pred.trigger)


def same_sentence(gold: GoldEvent, pred: PredictedEvent) -> bool:
    if gold.sentence is None or pred.trigger is None or not type_agrees(gold, pred):
        return False
    start, end = gold.sentence
    return start <= pred.trigger.start < end


def match(golds: Sequence[GoldEvent], preds: Sequence[PredictedEvent],
          compatible: Callable[[GoldEvent, PredictedEvent], bool],
          taken_gold: set[int] | None = None, taken_pred: set[int] | None = None) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of compatible items, as many as possible."""
    taken_gold, taken_pred = taken_gold or set(), taken_pred or set()
    g_idx = [i for i in range(len(golds)) if i not in taken_gold]
    p_idx = [j for j in range(len(preds)) if j not in taken_pred]
    if not g_idx or not p_idx:
        return []
    weight = np.zeros((len(g_idx), len(p_idx)))
    for a, i in enumerate(g_idx):
        for b, j in enumerate(p_idx):
            if compatible(golds[i], preds[j]):
                weight[a, b] = 1.0 + 0.001 * preds[j].confidence
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(g_idx[a], p_idx[b]) for a, b in zip(rows, cols, strict=True) if weight[a, b] > 0]


def match_triggers(golds: Sequence[GoldEvent], preds: Sequence[PredictedEvent]) -> tuple[list[tuple[int, int]], int]:
    """Trigger overlap first, then same sentence; returns the pairs and how many came from pass two."""
    first = match(golds, preds, trigger_overlaps)
    second = match(golds, preds, same_sentence, {g for g, _ in first}, {p for _, p in first})
    return first + second, len(second)


def align_fields(golds: Sequence[GoldEvent], preds: Sequence[PredictedEvent]) -> list[tuple[int, int]]:
    """MUC-style template mapping for per-field accuracy: pair each gold event with a prediction of an
    agreeing type, preferring the one that agrees most (date, country, place), one-to-one, within one
    document.  A gold event with no prediction of its type is a detection miss, not a field error."""
    if not golds or not preds:
        return []
    weight = np.zeros((len(golds), len(preds)))
    for i, gold in enumerate(golds):
        for j, pred in enumerate(preds):
            if not type_agrees(gold, pred):
                continue
            score = (gold.date is not None and date_agrees(gold, pred)) * 2.0
            score += (bool(gold.countries) and country_agrees(gold, pred)) * 1.0
            score += place_name_agrees(gold, pred) * 1.0
            weight[i, j] = 1.0 + score + 0.001 * pred.confidence
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(a, b) for a, b in zip(rows.tolist(), cols.tolist(), strict=True) if weight[a, b] > 0]


def place_name_agrees(gold: GoldEvent, pred: PredictedEvent) -> bool:
    """The gazetteer's name of the predicted place, its name as the text writes it, or the spot within
    it that the text names, is a gold name (the gazetteer says "Antigua Guatemala" where the text and
    the gold say "Antigua"; MUC-4 fills the location's last slot with a building where the text names
    one: "EL SALVADOR: CENTRAL AMERICAN UNIVERSITY (UNIVERSITY)")."""
    if gold.place is None or not gold.place.names or not pred.place_name:
        return False
    predicted = {fold(pred.place_name)} | ({fold(pred.place_text)} if pred.place_text else set())
    if pred.site_text:
        predicted.add(_LEADING_ARTICLE.sub("", fold(pred.site_text)))
    return any(fold(name) in predicted for name in gold.place.names)


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")


def text_matches(gold_texts: Sequence[str], predicted: str) -> bool:
    """MUC-style string fill match: one contains the other, case and accents aside."""
    p = f" {fold(predicted)} "
    if not p.strip():
        return False
    return any((g := f" {fold(t)} ").strip() and (g in p or p in g) for t in gold_texts)
