"""Code the event between two given actor spans (PLV, PLOVER GSR: "<s>X</s> … <t>Y</t>").

The event between a source and a target is the trigger on the dependency path
between their heads, or the word that governs both.  Order of preference:

1. lexicon triggers on the path (including the lowest common ancestor); when several,
   the topmost wins, because a governing verb decides what the clause does
   ("agreed to release" is AGREE, "refused to release" REJECT, "demanded the release" REQUEST);
2. objects and complements of path words that the lexicon knows ("launched an attack on Y");
3. triggers above the common ancestor (a few hops: "Y was said to have been freed by X");
4. the nearest lexicon trigger anywhere in the sentence (low confidence).

When stages/classify.py is available, classifier_signal.refine_dyad may replace the lexicon's
choice; the reason names the signal that decided.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventscope.model import Mention, Span
from eventscope.stages import classifier_signal
from eventscope.stages.coding import Candidate, code_token, to_mention
from eventscope.stages.nlp import ParsedArticle

ABOVE_HOPS = 3
# Contacts that mostly carry another act: "called X to congratulate him", "visited Y to sign".
VEHICLE_CODES = frozenset({"041", "042", "043", "040", "073", "074"})


def _head_of(parsed: ParsedArticle, span: Span) -> SpacySpan | None:
    return parsed.doc.char_span(span.start, span.end, alignment_mode="expand")


def _path(a: Token, b: Token) -> tuple[list[Token], Token | None]:
    """Tokens on the tree path from a to b (both excluded) and their lowest common ancestor."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return up_a[1:] + up_b[1:], None
    path = up_a[1:up_a.index(common)] + up_b[1:up_b.index(common)]
    if common.i not in (a.i, b.i):
        path.append(common)
    return path, common


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _best(cands: list[Candidate]) -> Candidate | None:
    if not cands:
        return None
    strong = [c for c in cands if not c.match.rule.weak]
    cands = strong or cands
    # topmost first; among equals, a rule with required dependents, then a verb
    return min(cands, key=lambda c: (_depth(c.token), -c.match.rule.specificity, c.token.pos_ != "VERB"))


def code_dyad(parsed: ParsedArticle, source: Span | None, target: Span | None) -> Mention | None:
    s_span = _head_of(parsed, source) if source is not None else None
    t_span = _head_of(parsed, target) if target is not None else None
    if s_span is None or t_span is None:
        # Only one actor is named: no path between actors to read, so the classifier
        # (trained on such rows too) codes the sentence with that one actor marked.
        present = s_span if s_span is not None else t_span
        if present is None:
            return None
        return _code_one_actor(parsed, present, s_span, t_span)
    inside = {t.i for t in s_span} | {t.i for t in t_span}
    path, common = _path(s_span.root, t_span.root)
    # the sentence(s) holding both actors (a mis-split sentence must not cut the dyad in two)
    first, last = sorted((s_span.root.sent, t_span.root.sent), key=lambda x: x.start)
    sent = parsed.doc[first.start:max(first.end, last.end)]
    sentence_index = next(i for i, s in enumerate(parsed.doc.sents) if s.start == sent.start)

    def coded(tokens: list[Token], step: str) -> list[tuple[Candidate, str]]:
        out = []
        for tok in tokens:
            if tok.i in inside:
                continue
            cand = code_token(tok, announced_as_threat=True)
            if cand is not None:
                out.append((cand, step))
        return out

    steps: list[list[tuple[Candidate, str]]] = []
    steps.append(coded(path, "on the path between source and target"))
    attached = [c for t in path for c in t.children
                if c.dep_ in ("dobj", "xcomp", "attr", "oprd", "ccomp", "pobj", "nsubjpass") and c not in path]
    steps.append(coded(attached, "object of a path word"))
    above = list(common.ancestors)[:ABOVE_HOPS] if common is not None else []
    steps.append(coded(above, "governing the source and target"))
    steps.append(coded(list(sent), "elsewhere in the sentence"))
    chosen: Candidate | None = None
    how = ""
    alternatives: list[Candidate] = []
    for step_index, found in enumerate(steps):
        if found:
            cands = [c for c, _ in found]
            if step_index == 3:
                anchor = common if common is not None else s_span.root
                chosen = min(cands, key=lambda c: abs(c.token.i - anchor.i))
            else:
                chosen = _best(cands)
            how = found[0][1] if chosen is None else next(s for c, s in found if c is chosen)
            alternatives = [c for c in cands if c is not chosen]
            if step_index == 3:
                chosen = _with_confidence(chosen, 0.35)
            break
    if chosen is not None and chosen.cameo in VEHICLE_CODES:
        purpose = _purpose(chosen.token, inside)
        if purpose is not None:
            reasons = dict(purpose.reasons)
            reasons["dyad"] = f"purpose of '{chosen.token.text}' ({chosen.cameo}), which only carries it"
            chosen = replace(purpose, reasons=reasons)
    chosen = classifier_signal.refine_dyad(chosen, alternatives, sent, s_span, t_span)
    if chosen is None:
        return None
    reasons = dict(chosen.reasons)
    reasons.setdefault("dyad", how)
    return to_mention(parsed, sentence_index, _with_reasons(chosen, reasons))


def _purpose(token: Token, inside: set[int]) -> Candidate | None:
    """The act a phone call or visit was made for: its "to ..." complement or purpose clause."""
    for child in token.children:
        if child.dep_ in ("xcomp", "advcl") and child.i not in inside:
            cand = code_token(child)
            if cand is not None:
                return cand
            for grandchild in child.children:  # "to express his support": the noun carries the act
                if grandchild.dep_ == "dobj":
                    cand = code_token(grandchild) or code_token(child)
                    if cand is not None:
                        return cand
    return None


def _with_confidence(cand: Candidate | None, value: float) -> Candidate | None:
    if cand is None:
        return None
    return replace(cand, confidence=min(cand.confidence, value))


def _with_reasons(cand: Candidate, reasons: dict[str, str]) -> Candidate:
    return replace(cand, reasons=reasons)


def _code_one_actor(parsed: ParsedArticle, present: SpacySpan, source: SpacySpan | None,
                    target: SpacySpan | None) -> Mention | None:
    sent = present.root.sent
    sentence_index = next(i for i, x in enumerate(parsed.doc.sents) if x.start == sent.start)
    chosen = classifier_signal.code_one_actor(sent, present, source, target)
    if chosen is None:
        return None
    return to_mention(parsed, sentence_index, chosen)
