"""How many people a noun phrase stands for: the figure half of reading casualties.

`count_of` turns the victims a casualty word points at into a range: a figure
("at least seven militiamen", "a civilian and two soldiers"), a name or a
singular person noun (one), a relative pronoun (its antecedent), or nothing (a
bare plural: people died, the text does not say how many).  Kept apart from
`counts_parse`, which finds the victims in the parse, so each stays small.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from eventscope.stages.numbers import Quantity, number_words, parse_quantity

ZERO_WORDS = frozenset({"no", "none", "nobody", "noone", "zero"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself", "his"})
_RELATIVES = frozenset({"who", "whom", "that", "which"})

_NOT_FIGURES = frozenset({"a", "an", "no", "none", "nobody", "nil"})


def is_number(token: Token) -> bool:
    entry = number_words().get(token.lower_)
    return (token.like_num or token.pos_ == "NUM"
            or (entry is not None and token.lower_ not in _NOT_FIGURES
                and entry.kind in ("at_least", "unit", "teen", "ten", "exact")))


def number_text(token: Token) -> tuple[str, int, int]:
    """The figure phrase around a number token: 'at least seven', 'between 10 and 15', '1,200'."""
    # "more" of "more than 20" is the figure's amod when the figure stands in a coordination
    parts = [t for t in token.subtree if t.dep_ in ("quantmod", "advmod", "nummod", "compound", "cc", "conj",
                                                     "prep", "pobj") or t.i == token.i
             or (t.dep_ == "amod" and t.head.i == token.i and t.i < token.i)]
    left = min(t.i for t in parts)
    right = token.i
    for t in parts:
        # "two dozen": a multiplier word after the figure is part of it
        if t.i > token.i and (t.like_num or t.lower_ in ("and", "to", "or", "-", "dozen", "score")) and t.i == right + 1:
            right = t.i
    doc = token.doc
    while left < token.i and doc[left].dep_ in ("prep",) and doc[left].lower_ not in ("between", "up", "over", "under"):
        left += 1
    text = doc.text[doc[left].idx:doc[right].idx + len(doc[right])]
    return text, doc[left].idx, doc[right].idx + len(doc[right])


def count_of(noun: Token) -> tuple[Quantity | None, int, int, str]:
    """How many people `noun` stands for: (quantity or None when unknown, start, end, why)."""
    start, end = noun.idx, noun.idx + len(noun)
    if noun.lower_ in _RELATIVES and noun.head.dep_ == "relcl" and noun.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
        # "the minister, who was murdered": the victims are the relative clause's antecedent
        quantity, _s, _e, why = count_of(noun.head.head)
        return quantity, start, end, f"{why} (antecedent of '{noun.text}')"
    if noun.lower_ in ZERO_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return Quantity(0, 0, "'no'"), start, end, "zero"
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "NUM") \
            and is_number(noun.head.head) and not any(is_number(c) for c in noun.children):
        # "dozens of fighters killed": the count is the word the "of" hangs on
        quantity, s, e, why = count_of(noun.head.head)
        if quantity is not None:
            return quantity, min(s, start), max(e, end), f"{why} of '{noun.text}'"
    parts = [noun, *(c for c in noun.children if c.dep_ == "conj")]
    if len(parts) > 1 and noun.pos_ != "PROPN":  # "himself and 12 others", "a civilian and two soldiers"
        counts = [count_of_one(p) for p in parts]
        if all(c is not None and c.min is not None for c in counts):
            low = sum(c.min for c in counts if c and c.min is not None)
            # "seven soldiers and more than 20 militants": at least 28, no upper bound
            high = sum(c.max for c in counts if c and c.max is not None) \
                if all(c is not None and c.max is not None for c in counts) else None
            return Quantity(low, high, "sum"), min(start, noun.left_edge.idx), \
                max(end, parts[-1].idx + len(parts[-1])), f"sum of {len(parts)} groups"
    if is_number(noun):
        text, s, e = number_text(noun)
        quantity = parse_quantity(text)
        if quantity is not None:
            return quantity, s, max(e, end), f"figure '{text}'"
    figures = [c for c in noun.children if c.dep_ in ("nummod", "amod", "quantmod", "compound") and is_number(c)]
    if figures:
        text, s, e = number_text(figures[0])
        quantity = parse_quantity(text)
        left = _modifier_before(noun, s, e)
        if left is not None:  # "more than 30": "more" hangs on the noun, not on the figure
            wider = noun.doc.text[left:e]
            quantity, text, s = parse_quantity(wider) or quantity, wider, left
        if quantity is not None:
            return quantity, min(s, start), max(e, end), f"figure '{text}'"
    if (noun.pos_ == "PROPN" and noun.tag_ != "NNPS") or noun.lower_ in PERSON_PRONOUNS or (
            noun.ent_type_ == "PERSON" and noun.tag_ != "NNS"):  # a name the tagger read as a common noun
        total = 1 + sum(1 for c in noun.conjuncts if c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
        return Quantity(total, total, "named"), start, end, f"{total} named person(s)"
    role = next((c for c in noun.children if c.dep_ == "appos" and c.tag_ == "NN" and is_person(c)), None)
    if role is not None and not is_person(noun):  # "Barillas, former ambassador", not "soldiers, a patrol"
        return Quantity(1, 1, "one"), start, end, f"one person, the '{role.text}'"  # "X, the mayor of Y, ..."
    if noun.tag_ in ("NN",) and noun.pos_ == "NOUN":
        dets = [c.lower_ for c in noun.children if c.dep_ == "det"]
        if (not dets or dets[0] in ("a", "an", "one", "the", "this", "that")) and is_person(noun):
            return Quantity(1, 1, "one"), start, end, "a singular noun naming a person: one"
    return None, start, end, "no figure given"


@lru_cache(maxsize=1)
def person_nouns() -> frozenset[str]:
    """Nouns that name a person, from `data/person_nouns.tsv`."""
    path = resources.files("eventscope") / "data" / "person_nouns.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_person(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    compounds = [c.lemma_.lower() for c in noun.children if c.dep_ == "compound"]
    return lemma in person_nouns() or any(f"{c} {lemma}" in person_nouns() for c in compounds)


def count_of_one(noun: Token) -> Quantity | None:
    """The count of one conjunct, without summing its own conjuncts."""
    if noun.pos_ == "PROPN" and noun.text.isupper() and len(noun.text) > 1:
        return None  # "9 soldiers and VDP": an acronym names a force, not one person
    if noun.pos_ == "PROPN" or noun.lower_ in PERSON_PRONOUNS:
        return Quantity(1, 1, "named")
    figures = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") and is_number(c)]
    if figures:
        return parse_quantity(number_text(figures[0])[0])
    if is_number(noun):
        return parse_quantity(number_text(noun)[0])
    if noun.tag_ == "NN" and is_person(noun):
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


def of_object(noun: Token) -> Token | None:
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
