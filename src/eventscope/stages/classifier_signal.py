"""The learned signal in detect: PLOVER-type scores from stages/classify.py, when present.

The lexicon stays the first, explainable signal.  The classifier is consulted to
fill a gap or to choose where the lexicon is weak, and every reason records which
signal decided (`reasons["decided_by"]`):

1. no lexicon trigger at all                 -> the classifier's type, if its score >= FILL_MIN
2. lexicon trigger only off the actors' path -> the classifier's type, if its score >= OFFPATH_MIN
   ("elsewhere in the sentence" or "governing" steps of dyad coding)
3. an ambiguous trigger (its lemma has rows of several PLOVER types, and the bare row matched)
                                             -> the classifier picks among those types
4. a strong disagreement (classifier >= OVERRIDE_MIN on one type, < OVERRIDE_MAX_OTHER on the lexicon's)
                                             -> the classifier's type
Rules 3 and 4 leave alone a type the lexicon recoded by modality ("will meet" -> AGREE, see data/recode.tsv).
Otherwise the lexicon's choice stands and the classifier's score is noted in the reason.

When the classifier's type wins, the CAMEO code is the type's default from
data/classifier_defaults.tsv (or the code of a lexicon candidate of that type), so
PLOVER, CAMEO and ACLED still come from one code.  With no classifier (module
missing, model not built) everything returns its input unchanged.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventscope.errors import ConfigError
from eventscope.model import Modality
from eventscope.ontology import cameo_code, legacy_to_plover, read_table
from eventscope.stages.coding import Candidate
from eventscope.stages.lexicon import TriggerMatch, TriggerRule, lemma_of, trigger_rules
from eventscope.stages.modality import modality_of

Scorer = Callable[..., Mapping[str, float]]  # (marked sentence[, its spaCy span]) -> scores

FILL_MIN = 0.30
OFFPATH_MIN = 0.50
OVERRIDE_MIN = 0.90
OVERRIDE_MAX_OTHER = 0.05
SENTENCE_MIN = 0.5  # detect: an ambiguous trigger changes type only on a clear classifier preference
RATIO_BARE = 16.0  # switch when the classifier finds its type this many times likelier than the lexicon's
RATIO_SPECIFIC = 64.0  # ... and for a lexicon row with a required particle/object

_state: dict[str, Scorer | bool | None] = {"scorer": None, "disabled": False, "discovered": False}


def set_scorer(scorer: Scorer | None) -> None:
    """Install a scorer: marked sentence ("<s>X</s> ... <t>Y</t>") -> {PLOVER type: probability}."""
    _state["scorer"] = scorer
    _state["discovered"] = True


def disable() -> None:
    """Use the lexicon alone (for measuring what the classifier adds)."""
    _state["disabled"] = True


def enable() -> None:
    _state["disabled"] = False


def _discover() -> Scorer | None:
    """The PLOVER scorer of stages/classify.py, if that module and its trained model exist.

    classify's `load_classifier().plover_probs(marked, parses=[sentence span])` reuses our
    parse; a missing model (ConfigError) means: lexicon alone, said once in the reasons.
    """
    try:
        classify = importlib.import_module("eventscope.stages.classify")
    except ImportError:
        return None
    loader = getattr(classify, "load_classifier", None)
    if not callable(loader):
        return None
    try:
        clf = loader()
    except ConfigError:
        return None

    def score(marked: str, sent: SpacySpan | None = None) -> Mapping[str, float]:
        return clf.plover_probs([marked], parses=[sent] if sent is not None else None)[0]

    return score


def scorer() -> Scorer | None:
    if _state["disabled"]:
        return None
    if not _state["discovered"]:
        _state["scorer"] = _discover()
        _state["discovered"] = True
    found = _state["scorer"]
    return found if callable(found) else None


@cache
def _defaults() -> dict[str, str]:
    return {row["type"]: row["cameo"] for row in read_table("classifier_defaults.tsv")}


def _normalise(scores: Mapping[str, float]) -> dict[str, float]:
    """Scores keyed by PLOVER 0.8 types; an old label (PLV YIELD) goes to its first current type."""
    out: dict[str, float] = {}
    for label, value in scores.items():
        types = legacy_to_plover("plv", label)
        if types:
            out[types[0]] = out.get(types[0], 0.0) + float(value)
    return out


def mark(sent: SpacySpan, source: SpacySpan | None, target: SpacySpan | None) -> str:
    """The sentence with <s>…</s> and <t>…</t> around the actors, as the classifier was trained."""
    base = sent.start_char
    text = sent.text
    cuts: list[tuple[int, str]] = []
    for span, (open_tag, close_tag) in ((source, ("<s>", "</s>")), (target, ("<t>", "</t>"))):
        if span is not None:
            cuts += [(span.start_char - base, open_tag), (span.end_char - base, close_tag)]
    cuts.sort(key=lambda c: (c[0], not c[1].startswith("</")))
    out, pos = "", 0
    for at, tag in cuts:
        at = max(pos, min(len(text), at))
        out += text[pos:at] + tag
        pos = at
    return out + text[pos:]


def _scores(sent: SpacySpan, source: SpacySpan | None, target: SpacySpan | None) -> dict[str, float]:
    score_fn = scorer()
    if score_fn is None:
        return {}
    marked = mark(sent, source, target)
    takes_parse = len(inspect.signature(score_fn).parameters) >= 2  # one-argument scorers: tests, other models
    return _normalise(score_fn(marked, sent) if takes_parse else score_fn(marked))


def _with_type(base: Candidate | None, plover: str, anchor: Token, alternatives: list[Candidate],
               why: str, score: float) -> Candidate:
    """A candidate of type `plover`: a lexicon candidate of that type if there is one, else the default code."""
    same = [c for c in alternatives if c.plover == plover]
    if same:
        chosen = same[0]
        reasons = dict(chosen.reasons)
    else:
        code = cameo_code(_defaults()[plover])
        token = base.token if base is not None else anchor
        match = base.match if base is not None else None
        reasons = {"plover": f"classifier: {plover} ({score:.2f}) for the marked actors",
                   "cameo": f"{code.code} {code.name} (default code of {plover})",
                   "modality": base.reasons.get("modality", "no cue checked") if base else "no trigger; not checked"}
        if match is None:
            raise LookupError("no lexicon match to anchor the classifier's choice")
        chosen = Candidate(token=token, match=match, cameo=code.code, plover=plover, mode=code.mode,
                           goldstein=code.goldstein,
                           modality=base.modality if base else Modality.OCCURRED,
                           confidence=round(0.4 + 0.5 * score, 3), reasons=reasons)
    reasons["decided_by"] = "classifier"
    reasons["classifier"] = why
    return replace(chosen, reasons=reasons, confidence=round(max(chosen.confidence, 0.4 + 0.5 * score), 3))


def _lemma_types(token: Token) -> set[str]:
    types = set()
    for rule in trigger_rules().get(lemma_of(token), ()):
        if rule.cameo:
            plover = cameo_code(rule.cameo).plover
            if plover:
                types.add(plover)
    return types


def refine_dyad(chosen: Candidate | None, alternatives: list[Candidate], sent: SpacySpan,
                source: SpacySpan, target: SpacySpan) -> Candidate | None:
    scores = _scores(sent, source, target)
    if not scores:
        return chosen
    top, top_p = max(scores.items(), key=lambda kv: kv[1])
    if chosen is None:
        if top_p < FILL_MIN:
            return None
        return _bare(_anchor(sent, source, target), top, top_p)
    mine = scores.get(chosen.plover, 0.0)
    note = f"classifier {top} {top_p:.2f}, lexicon's {chosen.plover} {mine:.2f}"
    off_path = chosen.reasons.get("dyad", "") in ("elsewhere in the sentence", "governing the source and target")
    # A type the lexicon recoded by modality (data/recode.tsv: "will meet" is an intent, AGREE) stands: the
    # classifier reads the act's words, not the will/not/must around them, so its disagreement says little.
    recoded = chosen.plover != cameo_code(chosen.match.rule.cameo or chosen.cameo).plover
    if top != chosen.plover and not (recoded and not off_path):
        if off_path and top_p >= OFFPATH_MIN:
            return _with_type(chosen, top, chosen.token, alternatives, f"lexicon trigger off the path; {note}", top_p)
        ambiguous = len(_lemma_types(chosen.token)) > 1 and chosen.match.rule.specificity == 0
        if ambiguous and top in _lemma_types(chosen.token) | {c.plover for c in alternatives} and top_p > mine:
            return _with_type(chosen, top, chosen.token, alternatives, f"ambiguous trigger; {note}", top_p)
        if top_p >= OVERRIDE_MIN and mine < OVERRIDE_MAX_OTHER:
            return _with_type(chosen, top, chosen.token, alternatives, f"strong disagreement; {note}", top_p)
        ratio = RATIO_SPECIFIC if chosen.match.rule.specificity else RATIO_BARE
        if top_p >= ratio * max(mine, 1e-6):
            return _with_type(chosen, top, chosen.token, alternatives, f"classifier {ratio:g}x surer; {note}", top_p)
    reasons = dict(chosen.reasons)
    reasons["classifier"] = note + ("; agrees" if top == chosen.plover else "; lexicon kept")
    confidence = min(0.97, chosen.confidence + 0.1) if top == chosen.plover else chosen.confidence
    return replace(chosen, reasons=reasons, confidence=round(confidence, 3))


def code_one_actor(sent: SpacySpan, present: SpacySpan, source: SpacySpan | None,
                   target: SpacySpan | None) -> Candidate | None:
    """A sentence that names only one side of the dyad: the classifier decides alone,
    anchored on the verb that governs the named actor."""
    scores = _scores(sent, source, target)
    if not scores:
        return None
    top, top_p = max(scores.items(), key=lambda kv: kv[1])
    if top_p < FILL_MIN:
        return None
    anchor = next((t for t in present.root.ancestors if t.pos_ in ("VERB", "AUX")), sent.root)
    return _bare(anchor, top, top_p)


def _anchor(sent: SpacySpan, source: SpacySpan, target: SpacySpan) -> Token:
    """The word that governs both actors (their lowest common ancestor), else the sentence root."""
    up_s = [source.root, *source.root.ancestors]
    up_t = {t.i for t in [target.root, *target.root.ancestors]}
    common = next((t for t in up_s if t.i in up_t), None)
    return common if common is not None else sent.root


def _bare(anchor: Token, plover: str, score: float) -> Candidate:
    """A candidate for a classifier-only decision: anchored on the governing word, default code."""
    code = cameo_code(_defaults()[plover])
    rule = TriggerRule(lemma=anchor.lemma_.lower(), pos="*", preps=(), objects=(), deps=(), intransitive=False,
                       cameo=code.code, control=False, weak=True, note="classifier only", line=0)
    modality, why = modality_of(anchor)
    reasons = {"plover": f"classifier: {plover} ({score:.2f}); no lexicon trigger between the actors",
               "cameo": f"{code.code} {code.name} (default code of {plover})",
               "modality": why, "decided_by": "classifier"}
    return Candidate(token=anchor, match=TriggerMatch(anchor, rule, ""), cameo=code.code, plover=plover,
                     mode=code.mode, goldstein=code.goldstein, modality=modality,
                     confidence=round(0.3 + 0.5 * score, 3), reasons=reasons)


def refine_sentence(cand: Candidate, sent: SpacySpan) -> Candidate:
    """Sentence-level detect: ask the classifier only for an ambiguous trigger (a bare lexicon row
    of a lemma whose rows carry several PLOVER types, e.g. "strike"), marking the trigger's
    subject as source and its object as target, and let it choose among the lemma's types."""
    types = _lemma_types(cand.token)
    if len(types) < 2 or cand.match.rule.specificity or scorer() is None:
        return cand
    token = cand.token
    subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in token.children if c.dep_ in ("dobj", "attr")), None)
    if obj is None:
        obj = next((g for c in token.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"), None)
    if subj is None or obj is None:
        return cand  # the classifier learned from marked actor pairs; without both it guesses
    source = token.doc[subj.left_edge.i:subj.right_edge.i + 1]
    target = token.doc[obj.left_edge.i:obj.right_edge.i + 1]
    scores = _scores(sent, source, target)
    if not scores:
        return cand
    top, top_p = max(((t, scores.get(t, 0.0)) for t in types), key=lambda kv: kv[1])
    mine = scores.get(cand.plover, 0.0)
    note = f"classifier {top} {top_p:.2f}, lexicon's {cand.plover} {mine:.2f} (among {'/'.join(sorted(types))})"
    if top != cand.plover and top_p >= SENTENCE_MIN and top_p >= 2 * mine:
        code = cameo_code(_defaults()[top])  # the lemma's rows for that type need objects we did not see
        reasons = dict(cand.reasons)
        reasons.update({"plover": reasons["plover"] + f"; ambiguous, classifier chose {top}",
                        "cameo": f"{code.code} {code.name}", "decided_by": "classifier", "classifier": note})
        reasons.pop("mode", None)
        return replace(cand, plover=top, cameo=code.code, mode=code.mode, goldstein=code.goldstein, reasons=reasons)
    reasons = dict(cand.reasons)
    reasons["classifier"] = note + ("; agrees" if top == cand.plover else "; lexicon kept")
    return replace(cand, reasons=reasons)
