"""Small readings of the dependency parse that several stages share."""

from __future__ import annotations

from spacy.tokens import Token

MAX_HOPS = 64  # a parse is a tree, but never trust a loop to end on its own
# Determiners that make a noun name something told before ("the attack", "these strikes").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Nouns for a state of affairs rather than a happening: "the Syrian conflict", "the war between Israel and
# Hezbollah" is no incident a toll or a date belongs to.
STATE_NOUNS = frozenset({"war", "conflict", "insurgency", "hostility", "warfare", "rebellion", "crisis"})


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


def tree_distance(a: Token, b: Token) -> int:
    """Dependency arcs between two tokens through their lowest common head (99 when unconnected)."""
    up_a = [a.i, *(t.i for t in a.ancestors)]
    up_b = [b.i, *(t.i for t in b.ancestors)]
    common = set(up_a) & set(up_b)
    if not common:
        return 99
    return min(up_a.index(c) + up_b.index(c) for c in common)


# Ordinals that rank a victim in a series: "the fifth reporter killed in the country this year".
SERIES_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                             "tenth", "latest", "last"})


def counts_in_a_series(token: Token) -> bool:
    """A participle that ranks its victim among others ("the fifth reporter killed this year", "the
    third journalist murdered"): it counts a series, it tells no event and no new victim."""
    if token.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in token.children):
        return False
    nouns = [token.head] if token.dep_ in ("acl", "amod") else []
    nouns += [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.dep_ == "amod" and c.lower_ in SERIES_ORDINALS for noun in nouns for c in noun.children)


def present_perfect(verb: Token) -> bool:
    """'has killed', 'have attacked': a sum of every day up to now."""
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def present_tense(verb: Token) -> bool:
    """'remains active', 'is accused by authorities', 'are fighting': the clause tells how things stand now."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return verb.tag_ in ("VBZ", "VBP")
    return any(c.tag_ in ("VBZ", "VBP") and c.lemma_.lower() in ("be", "do") for c in auxes) \
        and not any(c.tag_ == "MD" for c in auxes)


# Subordinators of a clause that tells another event as the time the main one is set against.
ANCHOR_MARKS = frozenset({"after", "before", "since", "following", "until"})


def relative_clause_noun(verb: Token) -> Token | None:
    """The noun a relative clause with "which"/"that" as subject hangs on, for its verb or a verb joined to
    it ("the bombing, which killed six people and wounded 81": the bombing, for both)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    if verb.dep_ != "relcl" or not any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in verb.children):
        return None
    noun = verb.head
    while (noun.pos_ == "PROPN" or noun.ent_type_ in ("GPE", "LOC", "FAC")) and noun.dep_ == "pobj" \
            and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "the bombing on Istanbul's Istiklal Avenue, which killed six": the parser's avenue
    return noun if noun.pos_ == "NOUN" else None
