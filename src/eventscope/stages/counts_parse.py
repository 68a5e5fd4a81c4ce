"""Read casualty figures off the dependency parse of one sentence (used by the counts stage).

For each casualty word the victims are found by its role in the parse:

    verb_object   "killed four militiamen", "four militiamen were killed", "people killed in"
    verb_subject  "four soldiers died"
    adjective     "8 dead", "left 8 injured", "shot dead", "two wounded soldiers"
    noun          "12 deaths", "the bodies of two men", "the murder of six Jesuits", "no injuries"
    toll          "the death toll rose to 12"
    zero_only     "no casualties" (a figure of zero for killed and injured)

The figure is the victims' number; a singular noun or a name is one person,
a bare plural is a claim without a figure (the text says people died, not
how many).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventscope.model import ClaimKind
from eventscope.stages.numbers import Quantity, number_words, parse_quantity


@dataclass(frozen=True)
class Term:
    """A casualty word's kind and the role its victims play (see `data/casualty_terms.tsv`)."""

    kind: ClaimKind
    role: str


@dataclass(frozen=True)
class Reading:
    """One casualty figure found in a sentence, before its source and event are known."""

    token: Token  # the casualty word
    kind: ClaimKind
    quantity_min: int | None
    quantity_max: int | None
    start: int  # character span covering figure and casualty word
    end: int
    reason: str


_ZERO_WORDS = frozenset({"no", "none", "nobody", "noone", "zero"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself"})


def _upper_case_term(token: Token, terms: Mapping[tuple[str, str], Term]) -> tuple[Term, str] | None:
    """All-capitals wire text (MUC-4) is tagged as proper nouns: strip the inflection by hand."""
    lower = token.lower_
    for stem in (lower, lower[:-2], lower[:-1], lower[:-3], lower[:-3] + "e"):
        if len(stem) > 2 and (found := terms.get((stem, "verb"))) and lower.endswith(("ed", "d", "ing")):
            return found, "verb"
    for stem in (lower, lower[:-1], lower[:-3] + "y"):
        if len(stem) > 2 and (found := terms.get((stem, "noun"))):
            return found, "noun"
    return None


def _term(token: Token, terms: Mapping[tuple[str, str], Term]) -> tuple[Term, str] | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.is_upper and token.pos_ == "PROPN" and lemma == lower:
        return _upper_case_term(token, terms)
    if token.pos_ in ("VERB", "AUX"):
        found = terms.get((lemma, "verb"))
        if found:
            return found, "verb"
        found = terms.get((lower, "adjective"))
        return (found, "adjective") if found else None
    if token.pos_ == "ADJ":
        found = terms.get((lower, "adjective")) or terms.get((lemma, "adjective"))
        if found:
            return found, "adjective"
        found = terms.get((lemma, "verb"))
        return (found, "verb") if found else None
    if token.pos_ in ("NOUN", "PROPN"):
        found = terms.get((lemma, "noun"))
        if found:
            return found, "noun"
        found = terms.get((lower, "adjective"))  # "the dead", "8 wounded" tagged as nouns
        return (found, "adjective") if found else None
    return None


_NOT_FIGURES = frozenset({"a", "an", "no", "none", "nobody", "nil"})


def _is_number(token: Token) -> bool:
    entry = number_words().get(token.lower_)
    return (token.like_num or token.pos_ == "NUM"
            or (entry is not None and token.lower_ not in _NOT_FIGURES
                and entry.kind in ("at_least", "unit", "teen", "ten", "exact")))


def _number_text(token: Token) -> tuple[str, int, int]:
    """The figure phrase around a number token: 'at least seven', 'between 10 and 15', '1,200'."""
    parts = [t for t in token.subtree if t.dep_ in ("quantmod", "advmod", "nummod", "compound", "cc", "conj",
                                                     "prep", "pobj") or t.i == token.i]
    left = min(t.i for t in parts)
    right = token.i
    for t in parts:
        if t.i > token.i and (t.like_num or t.lower_ in ("and", "to", "or", "-")) and t.i == right + 1:
            right = t.i
    doc = token.doc
    while left < token.i and doc[left].dep_ in ("prep",) and doc[left].lower_ not in ("between", "up", "over", "under"):
        left += 1
    text = doc.text[doc[left].idx:doc[right].idx + len(doc[right])]
    return text, doc[left].idx, doc[right].idx + len(doc[right])


def count_of(noun: Token) -> tuple[Quantity | None, int, int, str]:
    """How many people `noun` stands for: (quantity or None when unknown, start, end, why)."""
    start, end = noun.idx, noun.idx + len(noun)
    if noun.lower_ in _ZERO_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return Quantity(0, 0, "'no'"), start, end, "zero"
    parts = [noun, *(c for c in noun.children if c.dep_ == "conj")]
    if len(parts) > 1 and noun.pos_ != "PROPN":  # "himself and 12 others", "a civilian and two soldiers"
        counts = [count_of_one(p) for p in parts]
        if all(c is not None and c.min is not None and c.max is not None for c in counts):
            low = sum(c.min for c in counts if c and c.min is not None)
            high = sum(c.max for c in counts if c and c.max is not None)
            return Quantity(low, high, "sum"), start, max(end, parts[-1].idx + len(parts[-1])), f"sum of {len(parts)} groups"
    if _is_number(noun):
        text, s, e = _number_text(noun)
        quantity = parse_quantity(text)
        if quantity is not None:
            return quantity, s, max(e, end), f"figure '{text}'"
    figures = [c for c in noun.children if c.dep_ in ("nummod", "amod", "quantmod", "compound") and _is_number(c)]
    if figures:
        text, s, e = _number_text(figures[0])
        quantity = parse_quantity(text)
        left = _modifier_before(noun, s, e)
        if left is not None:  # "more than 30": "more" hangs on the noun, not on the figure
            wider = noun.doc.text[left:e]
            quantity, text, s = parse_quantity(wider) or quantity, wider, left
        if quantity is not None:
            return quantity, min(s, start), max(e, end), f"figure '{text}'"
    if noun.pos_ == "PROPN" or noun.lower_ in _PERSON_PRONOUNS:
        total = 1 + sum(1 for c in noun.conjuncts if c.pos_ == "PROPN")
        return Quantity(total, total, "named"), start, end, f"{total} named person(s)"
    if noun.tag_ in ("NN",) and noun.pos_ == "NOUN":
        dets = [c.lower_ for c in noun.children if c.dep_ == "det"]
        if (not dets or dets[0] in ("a", "an", "one", "the", "this", "that")) and _is_person(noun):
            return Quantity(1, 1, "one"), start, end, "a singular noun naming a person: one"
    return None, start, end, "no figure given"


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns that name a person, from `data/person_nouns.tsv`."""
    path = resources.files("eventscope") / "data" / "person_nouns.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_person(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    compounds = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound"]
    return lemma in person_nouns() or any(f"{c} {lemma}" in person_nouns() for c in compounds)


def count_of_one(noun: Token) -> Quantity | None:
    """The count of one conjunct, without summing its own conjuncts."""
    if noun.pos_ == "PROPN" or noun.lower_ in _PERSON_PRONOUNS:
        return Quantity(1, 1, "named")
    figures = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") and _is_number(c)]
    if figures:
        return parse_quantity(_number_text(figures[0])[0])
    if _is_number(noun):
        return parse_quantity(_number_text(noun)[0])
    if noun.tag_ == "NN" and _is_person(noun):
        return Quantity(1, 1, "one")
    return None


def _modifier_before(noun: Token, figure_start: int, figure_end: int) -> int | None:
    """Start of a count modifier ('more than', 'up to') right before a figure, within the noun phrase.

    The parser hangs "more" on the noun and "than 30" on the figure; the
    longest stretch ending at the figure that still reads as a count wins."""
    doc = noun.doc
    for token in doc[noun.left_edge.i:noun.i]:
        if token.idx >= figure_start:
            return None
        if parse_quantity(doc.text[token.idx:figure_end]) is not None:
            return token.idx
    return None


def _of_object(noun: Token) -> Token | None:
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _victims_of_verb(token: Token, role: str) -> Token | None:
    deps = {c.dep_: c for c in token.children}
    if role == "verb_subject":
        return deps.get("nsubj")
    if "nsubjpass" in deps:
        return deps["nsubjpass"]
    if "dobj" in deps:
        return deps["dobj"]
    if token.tag_ == "VBN" and token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return token.head  # "four people killed in ...", "the wounded soldiers"
    if "nsubj" in deps and token.tag_ == "VBN":  # "... and five injured"
        return deps["nsubj"]
    if token.dep_ == "conj":  # "four were killed and eight wounded": a figure of its own first
        return _neighbour_figure(token) or _first_child(token.head, ("nsubjpass", "dobj"))
    return None


def _first_child(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The child with the first of `deps` (in that order of preference)."""
    for dep in deps:
        child = next((c for c in verb.children if c.dep_ == dep), None)
        if child is not None:
            return child
    return None


def _victims_of_adjective(token: Token) -> Token | None:
    figure = next((c for c in token.children if c.dep_ in ("nummod", "nsubj", "npadvmod") and _is_number(c)), None)
    if figure is not None:
        return figure
    if token.dep_ == "amod":
        return token.head
    if token.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "dobj") and token.head.pos_ in ("VERB", "AUX"):
        # "left two dead" (object), "was shot dead" (passive subject), "were wounded" (subject)
        victims = _first_child(token.head, ("nsubjpass", "dobj", "nsubj"))
        return victims if victims is not None and victims.i != token.i else None
    if token.pos_ == "NOUN":
        return token if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) else None
    return None


def _toll_figure(token: Token) -> Token | None:
    """'the death toll rose to 12', 'the toll stands at 12', 'a toll of 12'."""
    holder = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
    for t in holder.subtree:
        if t.i > token.i and t.like_num:
            return t
    return None


def _neighbour_figure(token: Token) -> Token | None:
    """'8 injured' parsed without a link: a number right before the word, nothing but nouns between."""
    for offset in (1, 2, 3):
        if token.i - offset < token.sent.start:
            return None
        left = token.doc[token.i - offset]
        if _is_number(left):
            return left
        if offset == 1 and left.pos_ in ("NOUN", "PRON") and any(
                c.dep_ == "nummod" and _is_number(c) for c in left.children):
            return left  # "... and three others injured"
        if left.pos_ not in ("NOUN", "ADJ", "PROPN") or left.dep_ not in ("compound", "amod"):
            return None
    return None


def read_casualties(sentence: SpacySpan, terms: Mapping[tuple[str, str], Term]) -> list[Reading]:
    readings: list[Reading] = []
    seen: set[tuple[ClaimKind, int]] = set()
    for token in sentence:
        found = _term(token, terms)
        if found is None:
            continue
        term, family = found
        victims: Token | None = None
        if term.role == "toll":
            victims = _toll_figure(token)
        elif family == "verb":
            victims = _victims_of_verb(token, term.role)
        elif family == "adjective":
            victims = _victims_of_adjective(token)
        else:
            figure = next((c for c in token.children if c.dep_ in ("nummod", "amod") and _is_number(c)), None)
            no = any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
            victims = token if no else figure or (_of_object(token) if term.role == "noun" else None)
            if victims is None and term.role == "noun" and token.dep_ in ("oprd", "attr", "xcomp"):
                victims = _first_child(token.head, ("nsubjpass", "nsubj"))  # "were taken hostage"
        if victims is None and family in ("verb", "adjective"):
            victims = _neighbour_figure(token)
        if victims is None and family == "verb" and token.is_upper and token.pos_ == "PROPN":
            # a parse of all-capitals text: the word it is compounded with, else no figure
            victims = token.head if token.dep_ == "compound" and token.head.i > token.i else token
            if victims is token:
                start, end = token.idx, token.idx + len(token)
                readings.append(Reading(token, term.kind, None, None, start, end,
                                        f"{term.kind.value}: '{token.text}', no figure (capitals, no parse)"))
                continue
        if victims is None:
            continue
        quantity, start, end, why = count_of(victims)
        negated = any(c.dep_ == "neg" for c in token.children)
        if negated:
            quantity, why = Quantity(0, 0, "negated"), f"negated '{token.text}'"
        if term.role == "zero_only" and (quantity is None or quantity.max != 0):
            continue
        kinds = [ClaimKind.KILLED, ClaimKind.INJURED] if term.role == "zero_only" else [term.kind]
        lo, hi = (quantity.min, quantity.max) if quantity else (None, None)
        start, end = min(start, token.idx), max(end, token.idx + len(token))
        for kind in kinds:
            if (kind, victims.i) in seen:
                continue
            seen.add((kind, victims.i))
            readings.append(Reading(token, kind, lo, hi, start, end, f"{kind.value}: '{token.text}', {why}"))
    return readings
