"""Features for the PLOVER classifier: what links the marked source and target.

Training (`scripts/train_classifiers.py`) and inference (`classify.py`) both call
these functions, so a sentence is seen the same way in both.  Three views, each
feeding its own logistic regression (the ensemble is in `classify.py`):

* sparse  -- dependency facts about the predicate that governs both actors
             (its lemma, negation, modal, xcomp/ccomp, the preposition before the
             target, the words on the path between the actors), the PLV types the
             trigger lexicon (data/triggers.tsv) gives those words (every row of the
             lemma, and the row detect's matcher picks on the predicate and path
             words) -- a prior for verbs the training data never saw (+0.07 macro-F1
             for this view in CV) --
             plus TF-IDF word and character n-grams of the sentence with the actors
             replaced by SRCX/TGTX;
* sent    -- MiniLM embeddings of the whole sentence and of a reduced clause
             ("SRC has condemned TGT"), and the clause's cosine to every CAMEO
             event name (a prior that covers verbs the training data never saw);
* tokens  -- MiniLM's contextual states (layers 4 and 6) of the predicate word,
             of the path words and of the text between the actors, plus the
             sentence mean: the verb *in context*, which separates "launched an
             investigation" from "launched an attack".

Markers follow PLV: `<s>…</s>` around the source, `<t>…</t>` around the target;
either may be missing (then the predicate of the other stands in for it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from eventscope.stages.lexicon import match_trigger, trigger_rules

__all__ = ["CAMEO_ROOT_TO_PLV", "Relation", "relation", "replace_actors", "sparse_features", "strip_markers",
           "token_view"]

_MARK = re.compile(r"<(/?)([st])>")
# Word pieces pooled from these layers; 4 and 6 together beat either alone in 5-fold CV.
TOKEN_LAYERS = (4, 6)
TOKEN_PARTS = ("pred", "path", "between")
# CAMEO root -> PLV label: PLV follows CAMEO's 20 roots (bench/MANIFEST.md); root 01 has no PLV label.
CAMEO_ROOT_TO_PLV = {"02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
                     "07": "AID", "08": "YIELD", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
                     "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
                     "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}
# Relation features whose value is a lemma the lexicon may know: predicate, governing word, path word, complement.
_LEXICON_KINDS = ("P", "L", "W", "X")


def strip_markers(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """Plain text and the character spans of the first source and first target."""
    spans: dict[str, tuple[int, int] | int] = {}
    out: list[str] = []
    pos = 0
    pieces = re.split(r"(</?[st]>)", marked)
    for piece in pieces:
        m = _MARK.fullmatch(piece)
        if m is None:
            out.append(piece)
            pos += len(piece)
            continue
        closing, key = m.group(1), m.group(2)
        opened = spans.get(key)
        if not closing and opened is None:
            spans[key] = pos
        elif closing and isinstance(opened, int):
            spans[key] = (opened, pos)
    src, tgt = spans.get("s"), spans.get("t")
    return (
        "".join(out),
        src if isinstance(src, tuple) else None,
        tgt if isinstance(tgt, tuple) else None,
    )


def replace_actors(marked: str) -> str:
    """The sentence with every marked actor replaced by a placeholder word (for TF-IDF)."""
    text = re.sub(r"<s>.*?</s>", " SRCX ", marked)
    text = re.sub(r"<t>.*?</t>", " TGTX ", text)
    return _MARK.sub("", text)


@dataclass(frozen=True)
class Relation:
    """What the parse says about the marked pair; character spans are relative to the sentence."""

    features: tuple[str, ...]
    clause: str
    predicate: str
    pred_chars: tuple[tuple[int, int], ...]
    path_chars: tuple[tuple[int, int], ...]
    between: tuple[int, int]


def _span_tokens(sent: Span, base: int, span: tuple[int, int] | None) -> list[Token]:
    if span is None:
        return []
    a, b = span
    toks = [t for t in sent if a <= t.idx - base < b]
    if not toks:  # markers inside a token: take the nearest token
        toks = [min(sent, key=lambda t: abs(t.idx - base - a))]
    return toks


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])


def _verb_of(tok: Token) -> Token:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _chain(tok: Token) -> list[Token]:
    out = [tok]
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def relation(sent: Span | Doc, src: tuple[int, int] | None, tgt: tuple[int, int] | None) -> Relation:
    """Dependency facts about the predicate linking source and target (spans relative to `sent`)."""
    span = sent[:] if isinstance(sent, Doc) else sent
    base = span.start_char
    s_toks, t_toks = _span_tokens(span, base, src), _span_tokens(span, base, tgt)
    s_ids, t_ids = {t.i for t in s_toks}, {t.i for t in t_toks}
    root = span.root
    s = _head(s_toks) if s_toks else None
    t = _head(t_toks) if t_toks else None
    if s is None and t is None:
        s = t = root
    s = s if s is not None else _verb_of(t)  # type: ignore[arg-type]
    t = t if t is not None else _verb_of(s)
    s_up, t_up = _chain(s), _chain(t)
    t_idx = [x.i for x in t_up]
    lca = next((x for x in s_up if x.i in t_idx), s_up[-1])
    path = s_up[: s_up.index(lca) + 1] + (t_up[: t_idx.index(lca.i)] if lca.i in t_idx else [])
    inside = s_ids | t_ids
    path_in = [x for x in path if x.i not in inside]
    pred = _verb_of(lca)
    p = pred.lemma_.lower()
    feats = [f"P={p}", f"L={lca.lemma_.lower()}"]
    if any(c.dep_ == "neg" for c in (*pred.children, *lca.children)):
        feats += ["NEG", f"P={p}|NEG"]
    for c in pred.children:
        if c.dep_ == "aux" and c.tag_ == "MD":
            feats.append(f"MD={c.lemma_.lower()}")
        elif c.dep_ == "prt":
            feats.append(f"PRT={p}_{c.lemma_.lower()}")
        elif c.dep_ in ("xcomp", "ccomp"):
            feats += [f"X={c.lemma_.lower()}", f"PX={p}_{c.lemma_.lower()}"]
    feats += [f"W={x.lemma_.lower()}" for x in path_in]
    feats += [f"SD={s.dep_}", f"TD={t.dep_}", f"PS={p}_{s.dep_}", f"PT={p}_{t.dep_}"]
    if t.head.dep_ == "prep" or t.head.pos_ == "ADP":
        feats.append(f"TP={t.head.lemma_.lower()}")
    if s.head.pos_ == "ADP":
        feats.append(f"SP={s.head.lemma_.lower()}")
    feats += _matched_types([pred, *path_in])
    keep = {x.i for x in path_in} | {pred.i}
    for x in [*path_in, pred]:
        for c in x.children:
            if c.i in inside:
                continue
            if c.dep_ in ("neg", "aux", "auxpass", "prt", "xcomp", "dobj", "acomp", "prep"):
                keep.add(c.i)
            if c.dep_ in ("xcomp", "dobj", "prep"):
                keep.update(cc.i for cc in c.children if cc.dep_ in ("dobj", "pobj", "prep", "aux"))
    words: list[str] = []
    for tok in span:
        word = "SRC" if tok.i in s_ids else "TGT" if tok.i in t_ids else tok.text if tok.i in keep else None
        if word is not None and not (word in ("SRC", "TGT") and words and words[-1] == word):
            words.append(word)
    marked = [c for c in (src, tgt) if c is not None]
    between = (min(a for a, _ in marked), max(b for _, b in marked)) if marked else (0, len(span.text))

    def chars(toks: Sequence[Token]) -> tuple[tuple[int, int], ...]:
        return tuple(sorted((x.idx - base, x.idx - base + len(x)) for x in toks))

    return Relation(tuple(feats), " ".join(words), p, chars([pred]), chars(path_in), between)


def _pool(states: np.ndarray, offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> np.ndarray | None:
    sel = [j for j, (a, b) in enumerate(offsets) if b > a and any(a < e and b > s for s, e in spans)]
    return states[sel].mean(axis=0) if sel else None


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def token_view(layers: dict[int, np.ndarray], offsets: Sequence[tuple[int, int]], rel: Relation) -> np.ndarray:
    """Unit-normed pooled states: for each layer, predicate, path, between; then layer 6's mean."""
    parts: list[np.ndarray] = []
    for layer in TOKEN_LAYERS:
        states = layers[layer]
        mean = states.mean(axis=0)
        spans = {"pred": rel.pred_chars, "path": rel.path_chars, "between": (rel.between,)}
        for part in TOKEN_PARTS:
            pooled = _pool(states, offsets, spans[part])
            parts.append(_unit(mean if pooled is None else pooled))
    parts.append(_unit(layers[TOKEN_LAYERS[-1]].mean(axis=0)))
    return np.concatenate(parts).astype(np.float32)


def _matched_types(tokens: Sequence[Token]) -> list[str]:
    """PLV labels of the lexicon rules detect itself would match on these tokens (required dependents
    checked, so "released a statement" is not YIELD); "LMPX" marks a rule with requirements."""
    feats: set[str] = set()
    for tok in tokens:
        found = match_trigger(tok)
        code = found.rule.cameo if found is not None else None
        if code and code[:2] in CAMEO_ROOT_TO_PLV:
            feats.add(f"LMP={CAMEO_ROOT_TO_PLV[code[:2]]}")
            if found is not None and found.rule.specificity:
                feats.add(f"LMPX={CAMEO_ROOT_TO_PLV[code[:2]]}")
    return sorted(feats)


def _lexicon_types(lemma: str) -> list[str]:
    """PLV labels of every trigger-lexicon row of this lemma (any pos, any required dependent)."""
    codes = {rule.cameo for rule in trigger_rules().get(lemma, ()) if rule.cameo}
    return sorted({CAMEO_ROOT_TO_PLV[c[:2]] for c in codes if c[:2] in CAMEO_ROOT_TO_PLV})


def sparse_features(rel: Relation) -> tuple[str, ...]:
    """The relation's dependency features plus "LX<kind>=<PLV label>" for each lexicon type of its words."""
    extra: set[str] = set()
    for feat in rel.features:
        kind, _, value = feat.partition("=")
        if kind in _LEXICON_KINDS and "|" not in value:
            extra.update(f"LX{kind}={label}" for label in _lexicon_types(value))
    return rel.features + tuple(sorted(extra))
