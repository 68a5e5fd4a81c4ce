"""Small readings of the dependency parse that several stages share."""

from __future__ import annotations

from spacy.tokens import Token

MAX_HOPS = 64  # a parse is a tree, but never trust a loop to end on its own
# Determiners that make a noun name something told before ("the attack", "these strikes").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def clause_head(token: Token) -> Token:
    """The verb whose clause holds `token` (the token itself when it is that verb)."""
    current = token
    for _ in range(MAX_HOPS):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current
