"""Relations between stored events: response, retaliation, escalation.

Each relation points from the later event to the earlier one.  Rules, with
their stated windows (`LinkingRules`):

* by text — a sentence holding one of the later event's triggers says it
  answers something (`cue`): "<trigger> ... in response to / in retaliation
  for / in reply to / as revenge for <object>" with the trigger outside the
  object, or "responded / retaliated / struck back / returned fire ...
  <trigger>"; retaliation when the cue says retaliate/revenge/avenge, else
  response.  The earlier event started at most `cue_window_days` (30)
  before, and the dyads cross (later.actor2 ~ earlier.actor1 or
  later.actor1 ~ earlier.actor2);
* by dyad — the reversed dyad strikes back 1..`strike_back_days` (7) days
  later: later.actor2 ~ earlier.actor1 and later.actor1 ~ earlier.actor2.
  An attacker with neither a country nor a sector ("multiple rockets", or
  none at all) counts as unknown, and then the target having been the
  earlier attacker is enough;
* escalation — the same dyad (either direction) within `escalation_days`
  (14), the later event more severe (lower Goldstein score, or as low with
  more fatalities).  Pairwise links; per dyad they form its escalation chain.

Both events must have occurred and be material conflict (`HOSTILE`:
ASSAULT, COERCE).  "~" is `linking.overlap`: a shared canonical name or
country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eventscope.model import Event, Modality
from eventscope.ontology import HOSTILE_TYPES
from eventscope.store.linking import DEFAULT_RULES, LinkingRules, date_interval, overlap

HOSTILE = HOSTILE_TYPES

# Cues that take the answered event as object: the event's trigger comes before the cue
# ("the strikes were launched in response to the attacks").
_OBJECT_CUE = re.compile(
    r"\b(in response to|(?:a |as a |in )?response to|in retaliation (?:for|against)|retaliation (?:for|against)|"
    r"in reply to|in answer to|(?:as|in) revenge for|to avenge)\s+((?:\S+\s+){0,5}\S+)", re.IGNORECASE)
# Verbs whose answer follows them ("responded in self-defense with artillery fire").
_VERB_CUE = re.compile(r"\b(respond(?:ed|s|ing)?|retaliat(?:ed|es|ing)|(?:hit|struck|strike|fired) back|"
                       r"returned fire)\b", re.IGNORECASE)
_VERB_REACH = 80  # characters between a cue verb and the trigger it introduces
Context = Sequence[tuple[str, Sequence[str]]]  # (sentence, the event's trigger texts in it)


@dataclass(frozen=True)
class Relation:
    event_id: str  # the later event
    related_event_id: str  # the earlier one
    kind: str  # response | retaliation | escalation
    evidence: str
    reason: str


def context_from_evidence(event: Event) -> list[tuple[str, list[str]]]:
    """(sentence, triggers) from the record alone: the longest span per sentence stands for it."""
    by_sentence: dict[tuple[str, int], list[str]] = {}
    for ev in event.evidence:
        if ev.field in ("event", "trigger"):
            by_sentence.setdefault((ev.article_id, ev.sentence_index), []).append(ev.text)
    out = []
    for texts in by_sentence.values():
        sentence = max(texts, key=len)
        out.append((sentence, [t for t in texts if t != sentence] or [sentence]))
    return out


def cue(context: Context) -> tuple[str | None, str]:
    """('retaliation' | 'response' | None, the sentence) for the event these sentences describe.

    An object cue counts when one of the event's triggers stands before it and
    outside its object; a cue verb counts when a trigger follows it within
    `_VERB_REACH` characters.  A trigger whose place is unknown (the sentence
    itself stands for it) accepts any cue.  Bare nouns ("vowed revenge",
    "called for retaliation") do not count: they announce, not report, an answer.
    """
    for sentence, triggers in context:
        spots = [(sentence.find(t), t) for t in triggers if t and t != sentence and t in sentence]
        for m in _OBJECT_CUE.finditer(sentence):
            if not spots or any(at < m.start() and t not in m.group(2) for at, t in spots):
                return _kind(m.group(1)), sentence
        for m in _VERB_CUE.finditer(sentence):
            if not spots or any(at + len(t) >= m.end() and at <= m.end() + _VERB_REACH for at, t in spots):
                return _kind(m.group(1)), sentence
    return None, ""


def _kind(cue_text: str) -> str:
    return "retaliation" if re.search(r"retaliat|revenge|aveng", cue_text, re.IGNORECASE) else "response"


def relate(later: Event, earlier: Event, later_context: Context | Callable[[], Context] = (),
           rules: LinkingRules = DEFAULT_RULES) -> list[Relation]:
    """The relations from `later` to `earlier`.

    `later_context` are the later event's (sentence, triggers) pairs, or a
    function returning them, called only once a pair passes the cheap checks.
    """
    if later.id == earlier.id or later.plover not in HOSTILE or earlier.plover not in HOSTILE:
        return []
    if later.modality != Modality.OCCURRED or earlier.modality != Modality.OCCURRED:
        return []
    il, ie = date_interval(later), date_interval(earlier)
    if il is None or ie is None or il[0] < ie[0]:
        return []
    days = (il[0] - ie[0]).days
    if (il[0] - ie[1]).days > max(rules.cue_window_days, rules.strike_back_days, rules.escalation_days):
        return []
    crossed = overlap(later.actor2, earlier.actor1) or overlap(later.actor1, earlier.actor2)
    same = overlap(later.actor1, earlier.actor1) and overlap(later.actor2, earlier.actor2)
    if not crossed and not same:
        return []
    context = list(later_context() if callable(later_context) else later_context) or \
        context_from_evidence(later)
    first_sentence = context[0][0] if context else ""
    out: list[Relation] = []
    cue_kind, cue_sentence = cue(context)
    if cue_kind and crossed and (il[0] - ie[1]).days <= rules.cue_window_days:
        out.append(Relation(later.id, earlier.id, cue_kind, cue_sentence,
                            f"text cue ({cue_kind}) and crossed dyad, {days} day(s) later"))
    elif 1 <= days <= rules.strike_back_days and overlap(later.actor2, earlier.actor1):
        known = [a for a in later.actor1 if a.country or a.sector]
        attacker = overlap(known, earlier.actor2) if known else None
        if attacker or not known:
            who = "reversed dyad" if attacker else "its target struck first (attacker unknown)"
            out.append(Relation(later.id, earlier.id, "response", first_sentence,
                                f"{who}: strikes back {days} day(s) later (<= {rules.strike_back_days})"))
    reversed_ = overlap(later.actor1, earlier.actor2) and overlap(later.actor2, earlier.actor1)
    if (same or reversed_) and 1 <= days <= rules.escalation_days and _more_severe(later, earlier):
        out.append(Relation(later.id, earlier.id, "escalation", first_sentence,
                            f"same dyad, more severe {days} day(s) later "
                            f"(Goldstein {later.goldstein} vs {earlier.goldstein})"))
    return out


def _more_severe(later: Event, earlier: Event) -> bool:
    if later.goldstein < earlier.goldstein:
        return True
    if later.goldstein == earlier.goldstein:
        a = later.fatalities.best if later.fatalities else None
        b = earlier.fatalities.best if earlier.fatalities else None
        return a is not None and b is not None and a > b
    return False
