"""Victims of a casualty claim: whom "killing 168 people" or "Tamerlan was killed" names.

The counts stage reads the figure and the casualty word of each claim; when the
claim is scored or shown as a death/injury event of its own, its victims are the
people it counts, not what the attack hit.  The phrase is coded like any actor
(`actor_phrases.code_actors`: pronouns followed, conjuncts split).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from eventscope.model import Actor, Claim, Span
from eventscope.stages.actor_dictionary import ActorDictionary, load_dictionary
from eventscope.stages.actor_lookup import lookup_actor
from eventscope.stages.actor_phrases import code_actors
from eventscope.stages.nlp import ParsedArticle

__all__ = ["claim_victims"]

# Words that name the harm, not who suffered it ("13 deaths", "a death toll of 11").
CASUALTY_NOUNS = frozenset({"death", "casualty", "injury", "toll", "fatality", "wound"})


def claim_victims(parsed: ParsedArticle, claim: Claim,
                  dictionary: ActorDictionary | None = None) -> tuple[Actor, ...]:
    """Who a casualty claim says was killed or hurt: the top noun phrase inside the claim's
    span ("killing 168 people" -> "168 people", "Tamerlan was killed" -> "Tamerlan").

    A claim of an attack is its own death/injury event whose victims are the counted
    people, not the attack's target ("a bomb at the market killed five": the market
    was attacked, five died).  A bare figure ("the 130 injured") is kept as written.
    """
    if claim.span is None:
        return ()
    dictionary = dictionary or load_dictionary()
    doc = parsed.doc
    region = doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")
    if region is None:
        return ()
    inside = {t.i for t in region}
    nominals = [t for t in region if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
                and t.lemma_.lower() not in CASUALTY_NOUNS]
    heads = [_of_object(t, inside) for t in nominals if not _under_nominal(t, inside)]
    victims: list[Actor] = []
    for head in heads:
        why = f"victims of the casualty claim '{claim.span.text}'"
        if head.pos_ == "NUM" or head.ent_type_ in ("CARDINAL", "QUANTITY"):
            start, end = head.left_edge.i, head.right_edge.i + 1
            text = doc[start:end].text
            span = Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), text)
            victims.append(dataclasses.replace(lookup_actor(text, dictionary, span=span),
                                               reason=f"{why}; a figure standing for people"))
        else:
            victims += code_actors(doc, [(head, why)], dictionary, head)
    return tuple(victims)


def _of_object(noun: Token, inside: set[int]) -> Token:
    """'the slaying of seven demonstrators': the people are under 'of', not the event noun."""
    if noun.pos_ != "NOUN" or any(c.dep_ == "nummod" for c in noun.children):
        return noun
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            found = next((p for p in prep.children if p.dep_ == "pobj" and p.i in inside), None)
            if found is not None:
                return found
    return noun


def _under_nominal(token: Token, inside: set[int]) -> bool:
    """Whether a noun above `token` inside the claim holds it ("168" under "people")."""
    head = token.head
    while head.i != token.i and head.i in inside:
        if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and head.lemma_.lower() not in CASUALTY_NOUNS:
            return True
        token, head = head, head.head
    return False
