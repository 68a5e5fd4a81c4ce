"""The spot within a place where an event happened: "stabbed in her home", "a bomb exploded at a
checkpoint", "wounding 13 people on a busy pedestrian street".

The gazetteer says where on the map; the text often also says at what kind of spot, and that phrase
is what ACLED's notes describe and what event-argument annotation (ACE, RAMS, WikiEvents) marks as
the event's place.  A site is a common-noun phrase under a locative preposition of the trigger whose
head is a facility or way noun (`data/site_nouns.tsv`).  It carries no coordinates: it refines the
resolved place (`Place.site`), it does not replace it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from eventscope.model import Span
from eventscope.ontology import read_table

# Prepositions that put an event at a spot.  "On" puts it on a way only ("on the road"): "an attack
# on the embassy" names what was attacked, not where.
SITE_PREPOSITIONS = frozenset({"in", "at", "inside", "outside", "near", "into"})
WAY_PREPOSITIONS = frozenset({"on", "along"})

# Verb forms a trigger's own clause goes on with, whose spot is the event's: "exploded, wounding 13
# people on a busy street".
_CLAUSE_GOES_ON = frozenset({"advcl", "conj", "xcomp"})
# Where a noun trigger stands to the verb its spot may hang from: "carried out an attack at a mosque".
_NOUN_OF_VERB = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})


@cache
def site_kinds() -> dict[str, str]:
    """Site noun lemma -> its kind (dwelling, worship, way, ...), from `data/site_nouns.tsv`."""
    return {row["lemma"].lower(): row["kind"] for row in read_table("site_nouns.tsv")}


def event_site(doc: Doc, trigger: int) -> Span | None:
    """The site phrase tied to the trigger at token `trigger`, or None.  The phrase is the noun with
    what stands before it ("her small wooden shack"), not the places after it ("in a West Bank
    settlement"): those are the gazetteer's."""
    for prep, noun in _locative_objects(doc, trigger):
        if _is_site(prep, noun):
            return _phrase(doc, noun)
    about = _where_antecedent(doc[trigger])
    if about is not None and about.pos_ == "NOUN" and about.lemma_.lower() in site_kinds():
        return _phrase(doc, about)
    return None


def _where_antecedent(token: Token) -> Token | None:
    """The noun a "where" clause of the trigger is about: "the prisons where his regime tortured and
    executed thousands" (the trigger, or the verb it is coordinated with, heads the clause)."""
    clause = token.head if token.dep_ == "conj" else token
    verbs = [clause, *clause.conjuncts]  # the parser may hang "where" on any of them
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for verb in verbs for c in verb.children):
        return clause.head
    return None


def _locative_objects(doc: Doc, trigger: int) -> Iterator[tuple[Token, Token]]:
    """(preposition, its object) pairs that say where the trigger's event was: on the trigger, on the
    verb a noun trigger is the object or subject of, and on the clause the trigger goes on with."""
    token = doc[trigger]
    anchors = [token]
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in _NOUN_OF_VERB and token.head.pos_ in ("VERB", "AUX"):
        anchors.append(token.head)
    anchors += [child for child in token.children if child.dep_ in _CLAUSE_GOES_ON and child.pos_ == "VERB"
                and child.i > token.i]
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ != "prep":
                continue
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is not None:
                yield prep, noun


def _is_site(prep: Token, noun: Token) -> bool:
    kind = site_kinds().get(noun.lemma_.lower()) if noun.pos_ == "NOUN" else None
    if kind is None:
        return False
    word = prep.lower_
    return word in SITE_PREPOSITIONS or (word in WAY_PREPOSITIONS and kind == "way")


def _phrase(doc: Doc, noun: Token) -> Span:
    start = min((t.i for t in noun.subtree if t.i <= noun.i), default=noun.i)
    first, last = doc[start], noun
    end_char = last.idx + len(last.text)
    return Span(first.idx, end_char, doc.text[first.idx:end_char])
