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
from eventscope.stages.lexicon import SERIES_NOUNS
from eventscope.stages.where_link import STREET_PREFIXES, Toponym

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


# Settlement and division nouns, and "place" itself: in a trigger's locative phrase without a name
# ("killed in the same province", "detonated at places thronged with people") they refer to a place
# the text names elsewhere.  Not sites: the gazetteer's place is the same area, not a spot within it.
AREA_NOUNS = frozenset({
    "village", "town", "city", "capital", "province", "governorate", "district", "county", "municipality",
    "region", "area", "zone", "territory", "neighbourhood", "neighborhood", "quarter", "suburb", "outskirts",
    "locality", "countryside", "hamlet", "settlement", "enclave", "country", "republic", "state", "place"})
_AREA_PREPOSITIONS = SITE_PREPOSITIONS | {"throughout", "across", "around"}
# Verbs whose subject is where their object happened: "the province has seen a spate of kidnappings".
WITNESS_VERBS = frozenset({"see", "witness", "experience", "suffer"})


def area_reference(doc: Doc, trigger: int) -> Span | None:
    """The area phrase of the trigger's clause that names no place itself ("in the same province", "in
    the main Catholic areas"), or None.  A phrase holding a name ("in the village of Foo") is the
    linker's to judge: the name, not the noun, is the place."""
    areas = [noun for prep, noun in _locative_objects(doc, trigger) if prep.lower_ in _AREA_PREPOSITIONS]
    token = doc[trigger]
    if token.dep_ == "dobj" and token.head.lemma_.lower() in WITNESS_VERBS:
        # "the republic has seen numerous bombings": the area that saw them is where they were
        areas += [c for c in token.head.children if c.dep_ == "nsubj"]
    for noun in areas:
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in AREA_NOUNS \
                and not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in noun.subtree):
            return _phrase(doc, noun)
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
    event = token
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in SERIES_NOUNS:
        event = token.head.head  # "a wave of shooting broke out in the main Catholic areas": the run's verb
    if event.pos_ in ("NOUN", "PROPN") and event.dep_ in _NOUN_OF_VERB and event.head.pos_ in ("VERB", "AUX"):
        anchors.append(event.head)
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
    kind = _kind(noun)
    if kind is None:
        return False
    word = prep.lower_
    return word in SITE_PREPOSITIONS or (word in WAY_PREPOSITIONS and kind == "way")


def _kind(noun: Token) -> str | None:
    """The site kind of a common noun ("a checkpoint"), or of a name a site noun ends ("Haifa Street",
    "Al-Shifa Hospital") or a street word opens ("Rue Hamra"): a named spot the gazetteer does not
    hold, within the town it names."""
    if noun.pos_ == "NOUN":
        return site_kinds().get(noun.lemma_.lower())
    if noun.pos_ != "PROPN":
        return None
    if (kind := site_kinds().get(noun.lower_)) is not None and any(c.dep_ == "compound" for c in noun.children):
        return kind
    first = _first_word(noun)
    return "way" if first.lower_ in STREET_PREFIXES and first.i < noun.i else None


def _first_word(noun: Token) -> Token:
    """The first word of the noun's phrase, up to the noun ("Rue" of "Rue Victor Hugo", "her" of "her
    small wooden shack")."""
    return noun.doc[min((t.i for t in noun.subtree if t.i <= noun.i), default=noun.i)]


def is_named_site(doc: Doc, topo: Toponym) -> bool:
    """A name that a site noun ends ("Al-Shifa Hospital", "Haifa Street"), a street word opens ("Rue
    Hamra") or a site noun follows ("the Rolando cafe"): a spot, not a town."""
    if topo.end - topo.start >= 2 and (doc[topo.end - 1].lower_ in site_kinds()
                                       or doc[topo.start].lower_ in STREET_PREFIXES):
        return True
    root = doc[topo.start:topo.end].root
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in site_kinds()


def spot_noun(doc: Doc, topo: Toponym) -> Token:
    """The word a named spot's phrase hangs on: the site noun after a name ("cafe" of "the Rolando
    cafe"), else the name's own head word."""
    root = doc[topo.start:topo.end].root
    return root.head if root.dep_ == "compound" and root.head.lemma_.lower() in site_kinds() else root


def _phrase(doc: Doc, noun: Token) -> Span:
    first, last = _first_word(noun), noun
    end_char = last.idx + len(last.text)
    return Span(first.idx, end_char, doc.text[first.idx:end_char])
