"""Stage actors: who acts (actor1) on whom (actor2), from the dependency parse.

For each mention the trigger's arguments are read off the parse, expanded to
their noun phrase and coded with `lookup_actor` (the dictionary lookup in
`actor_lookup.py`).  The rules, in the order they are tried:

- verb triggers: nsubj -> actor1; dobj, or the object of against/on/at/upon/
  into/toward -> actor2; passives swap: nsubjpass -> actor2, the "by" agent ->
  actor1; a verb with no subject of its own borrows it from the verb it is
  coordinated with, the verb it complements ("vowed to avenge") or the noun its
  clause modifies ("militias that attacked", "facilities used by militias");
- noun triggers ("US airstrikes on Iran-backed militias"): possessive, compound
  or adjective modifiers that name a country or group -> actor1, "by" -> actor1,
  on/against/at/targeting -> actor2; a noun trigger that is the object of a
  light verb ("carried out airstrikes") takes that verb's subject; "came under
  rocket attack" makes the subject the target;
- coordination ("Kata'ib Hezbollah and Kata'ib Sayyid al-Shuhada") gives a list;
  members named after "including"/"such as" replace the umbrella term;
- appositions ("a spokesman ..., Col. Wayne Marotto") fill what the head lacks;
- pronouns fall back to the nearest earlier subject in the same paragraph;
- a state organ with no country ("foreign ministry spokesman") takes the
  country of a fronted "In Iran," attached to the trigger.
Every actor carries its span and a reason naming the rule.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from eventscope.model import Actor, ActorRoles, Mention, Span
from eventscope.stages.actor_dictionary import ActorDictionary, load_dictionary
from eventscope.stages.actor_lookup import lookup_actor
from eventscope.stages.nlp import ParsedArticle

__all__ = ["lookup_actor", "resolve_actors"]

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})
TARGET_PREPS = frozenset({"against", "on", "at", "upon", "into", "toward", "towards", "targeting", "onto"})
NOUN_TARGET_PREPS = TARGET_PREPS | frozenset({"of"})  # "the bombing of the embassy"
PARTNER_PREPS = frozenset({"to", "with"})
MEMBER_PREPS = frozenset({"including", "like"})
# Children that are not part of an actor's own noun phrase.
NP_EXCLUDE = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "who", "which", "that", "i", "you"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
MAX_SENTENCES_BACK = 3
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "compound"})
HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})
TIME_ENTITIES = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT"})
# Marks an argument found through a preposition: kept only if the dictionary knows it.
VIA_PREP = "object of"


def resolve_actors(parsed: ParsedArticle, mentions: Iterable[Mention],
                   dictionary: ActorDictionary | None = None) -> dict[str, ActorRoles]:
    """actor1/actor2 for every mention, keyed by mention id."""
    dictionary = dictionary or load_dictionary()
    return {m.id: _roles(parsed, m, dictionary) for m in mentions}


def _roles(parsed: ParsedArticle, mention: Mention, dictionary: ActorDictionary) -> ActorRoles:
    doc = parsed.doc
    trigger = doc[mention.trigger_token]
    if _is_noun(trigger):
        a1, a2, why = _noun_arguments(trigger)
    else:
        a1, a2, why = _verb_arguments(trigger)
    actor1 = _code_all(doc, a1, dictionary, trigger)
    actor2 = _code_all(doc, a2, dictionary, trigger)
    return ActorRoles(actor1=actor1, actor2=actor2, reason="; ".join(why))


def _is_noun(trigger: Token) -> bool:
    """A nominal trigger; the tagger sometimes calls "airstrikes" a verb, its relation does not."""
    return trigger.tag_.startswith("NN") or trigger.dep_ in NOMINAL_DEPS


# ---------------------------------------------------------------------------
# Finding argument head tokens.  Each finder returns (token, reason) pairs.

Found = list[tuple[Token, str]]


def _verb_arguments(verb: Token) -> tuple[Found, Found, list[str]]:
    a1: Found = []
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            a1.append((child, f"nsubj of '{verb.text}'"))
        elif child.dep_ == "agent":
            a1 += [(p, f"agent 'by' of '{verb.text}'") for p in child.children if p.dep_ == "pobj"]
    why: list[str] = []
    if not a1:
        a1, inherited = _inherited_subject(verb)
        if inherited:
            why.append(inherited)
    a2 = _verb_targets(verb)
    if not a2:
        # "threatened to break relations with Russia": the complement verb's target.
        for comp in verb.children:
            if comp.dep_ == "xcomp" and comp.pos_ in ("VERB", "AUX"):
                a2 = [(t, f"{r}, complement of '{verb.text}'") for t, r in _verb_targets(comp)]
                if a2:
                    break
    if not a2 and verb.dep_ in ("acl", "relcl") and _is_passive(verb):
        a2.append((verb.head, f"noun modified by passive '{verb.text}'"))
    return a1, a2, why


def _verb_targets(verb: Token) -> Found:
    """actor2 candidates in tiers; the first tier that finds anything wins.

    1. passive subject, dative, an object, or the object of against/on/at/into...
    2. the object of to/with ("sent experts to Saudi Arabia", "talks with Russia"),
       directly or under the object ("halted aid to Serbia");
    3. the subject of an object clause ("found Barbarin guilty", "convicted the
       bank to pay") -- the small model parses object control this way;
    4. a target one phrase down ("called for revenge against the US").
    Tier 2 and 4 prepositional objects are kept only if they look like actors
    (see `_code_one`).
    """
    tier1: Found = []
    objects: list[Token] = []
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            tier1.append((child, f"passive subject of '{verb.text}'"))
        elif child.dep_ in OBJECT_DEPS or child.dep_ == "oprd":
            objects.append(child)
            tier1.append(_through_light_object(child, verb))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            tier1 += [(p, f"object of '{child.text}' after '{verb.text}'") for p in child.children if p.dep_ == "pobj"]
    light = [obj for obj in objects if not obj.ent_type_ and obj.pos_ == "NOUN"]
    tier2: Found = [
        (p, f"object of '{prep.text}' after '{holder.text}'")
        for holder in [verb, *light] for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in PARTNER_PREPS
        for p in prep.children if p.dep_ == "pobj"]
    if tier2 and all(_is_thing(obj) for obj in objects):
        return tier2
    if tier1:
        return tier1
    tier3: Found = [(s, f"subject of the object clause '{c.text}' of '{verb.text}'")
                    for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
                    and not any(m.dep_ == "mark" for m in c.children)
                    for s in c.children if s.dep_ in SUBJECT_DEPS and s.i < c.i and verb.i < s.i]
    if tier3:
        return tier3
    return [(t, f"object of '{p2.text}' under '{p.text} {pobj.text}' after '{verb.text}'")
            for p in verb.children if p.dep_ == "prep"
            for pobj in p.children if pobj.dep_ == "pobj"
            for p2 in pobj.children if p2.dep_ == "prep" and p2.lower_ in TARGET_PREPS
            for t in p2.children if t.dep_ == "pobj"]


def _is_thing(obj: Token) -> bool:
    """An object that is not an actor ("aid", "relations"): no name, no entity, not plural people."""
    return obj.pos_ == "NOUN" and not obj.ent_type_ and not any(
        c.dep_ in ("poss", "compound", "amod") and (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN")
        for c in obj.children)


def _through_light_object(obj: Token, verb: Token) -> tuple[Token, str]:
    """'carried out airstrikes against X': the target is X, not the strikes --
    unless X is not an actor ("comments on farm seizures")."""
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS:
            for pobj in prep.children:
                reason = f"{VIA_PREP} '{prep.text}' under dobj '{obj.text}' of '{verb.text}'"
                if pobj.dep_ == "pobj" and _actor_like(lookup_actor(_np(pobj)), pobj, reason):
                    return pobj, reason
    return obj, f"dobj of '{verb.text}'"


def _is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _inherited_subject(verb: Token) -> tuple[Found, str]:
    """A verb with no subject: from its coordinated/controlling verb or the noun it modifies."""
    head = verb.head
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.dep_ == "acl" and _is_passive(verb):
            return [], ""
        return [(head, f"noun modified by clause '{verb.text}'")], f"subject of '{verb.text}' from the noun it modifies"
    current = verb
    for _ in range(3):  # "France is ready to contribute": contribute <- ready <- is
        head = current.head
        if current.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "acomp") or head is current:
            break
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                return [(child, f"nsubj of '{head.text}', shared by '{verb.text}' ({current.dep_})")], \
                    f"subject of '{verb.text}' borrowed from '{head.text}'"
        current = head
    return [], ""


def _noun_arguments(noun: Token) -> tuple[Found, Found, list[str]]:
    a1: Found = []
    a2: Found = []
    why: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss":
            a1.append((child, f"possessive of '{noun.text}'"))
        elif child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            if child.i < noun.i:
                a1.append((child, f"{child.dep_} '{child.text}' of '{noun.text}'"))
        elif child.dep_ == "prep" and child.lower_ == "by":
            a1 += [(p, f"'by' after '{noun.text}'") for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS:
            a2 += [(p, f"object of '{child.text}' after '{noun.text}'") for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.lower_ in ("targeting", "against"):
            a2 += [(p, f"object of '{child.text}' after '{noun.text}'") for p in child.children if p.dep_ == "dobj"]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
        # "US troops came under rocket attack": the subject is the target.
        a2 += [(c, f"nsubj of '{head.head.text}' that came under '{noun.text}'")
               for c in head.head.children if c.dep_ in SUBJECT_DEPS]
    elif noun.dep_ in OBJECT_DEPS and not _has_actor_modifier(a1):
        a1 = [(c, f"nsubj of '{head.text}', whose object is '{noun.text}'")
              for c in head.children if c.dep_ in SUBJECT_DEPS] or a1
        if not a2:
            a2 += [(p, f"object of '{c.text}' after '{head.text}'") for c in head.children
                   if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    elif noun.dep_ in SUBJECT_DEPS and not a2:
        a2 += [(c, f"dobj of '{head.text}' whose subject is '{noun.text}'")
               for c in head.children if c.dep_ in OBJECT_DEPS]
    if not a1 and noun.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        why.append(f"no actor modifies '{noun.text}'")
    return a1, a2, why


def _has_actor_modifier(found: Found) -> bool:
    return any(tok.pos_ == "PROPN" or tok.dep_ == "poss" for tok, _ in found)


# ---------------------------------------------------------------------------
# Turning head tokens into coded actors.


def _code_all(doc: Doc, found: Found, dictionary: ActorDictionary, trigger: Token) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    seen: set[tuple[int, int]] = set()
    for token, reason in found:
        for member, member_reason in _members(token, reason):
            actor = _code_one(doc, member, member_reason, dictionary, trigger)
            if actor is None or actor.span is None:
                continue
            key = (actor.span.start, actor.span.end)
            if key not in seen:
                seen.add(key)
                actors.append(actor)
    return tuple(actors)


def _members(token: Token, reason: str) -> list[tuple[Token, str]]:
    """The token and its conjuncts; named members after 'including' replace the umbrella."""
    heads = [token] + [c for c in token.conjuncts if c.i > token.i]
    result = []
    for i, head in enumerate(heads):
        why = reason if i == 0 else f"{reason}, coordinated with '{token.text}'"
        named = [p for c in head.children if c.dep_ == "prep" and c.lower_ in MEMBER_PREPS
                 for p in c.children if p.dep_ == "pobj" and p.pos_ == "PROPN"]
        if named:
            umbrella = _np(head)
            for member in named:
                for part in [member, *member.conjuncts]:
                    result.append((part, f"{why}; member named after 'including' in '{umbrella}'"))
        else:
            result.append((head, why))
    return result


def _code_one(doc: Doc, token: Token, reason: str, dictionary: ActorDictionary,
              trigger: Token) -> Actor | None:
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        reason = f"{reason}; relative '{token.text}' -> '{token.head.head.text}'"
        token = token.head.head  # "militants who attacked": the noun the clause modifies
    elif token.lower_ in PRONOUNS and token.pos_ == "PRON":
        antecedent = _antecedent(doc, token)
        if antecedent is None:
            return None
        reason = f"{reason}; pronoun '{token.text}' -> nearest earlier subject '{antecedent.text}'"
        token = antecedent
    if token.ent_type_ in TIME_ENTITIES:
        return None
    start, end = _np_bounds(token)
    if token.dep_ in MODIFIER_DEPS and token.head.i == trigger.i:
        end = trigger.i + 1  # "Israeli airstrikes": code the modifier with the noun it modifies
    span_text = doc[start:end].text
    span = Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), span_text)
    actor = lookup_actor(span_text, dictionary, span=span)
    actor = _with_apposition(actor, token, dictionary)
    actor = _with_locative(actor, trigger, dictionary)
    if token.dep_ in MODIFIER_DEPS and not _known(actor):
        return None  # "rocket attack": the rocket is not an actor
    if reason.startswith(VIA_PREP) and not _actor_like(actor, token, reason):
        return None  # "wrote on Twitter", "on Monday": not actors
    return dataclasses.replace(actor, reason=f"{reason}; {actor.reason}" if actor.reason else reason)


def _known(actor: Actor) -> bool:
    """The dictionary recognised a country or a named group in it (not merely a role word)."""
    return actor.country is not None or actor.affiliation is not None or "org " in actor.reason \
        or "igo " in actor.reason or "person " in actor.reason


def _actor_like(actor: Actor, token: Token, reason: str) -> bool:
    """A prepositional object is an actor if the dictionary knows it, it has a role word,
    or the parser calls it a person/organisation/place -- except after 'on', which
    introduces dates and media ("on Twitter") as often as targets."""
    if _known(actor):
        return True
    if reason.startswith(f"{VIA_PREP} 'on'"):
        return False
    return actor.sector is not None or token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _np_bounds(head: Token) -> tuple[int, int]:
    """The head's noun phrase without clauses, appositions, conjuncts or leading determiners."""
    excluded = {t.i for c in head.children if _outside_np(c) for t in c.subtree}
    allowed = {t.i for t in head.subtree} - excluded
    start = end = head.i
    while start - 1 in allowed:
        start -= 1
    while end + 1 in allowed:
        end += 1
    doc = head.doc
    while start < head.i and (doc[start].dep_ in ("det", "punct", "cc", "predet") or doc[start].is_punct):
        start += 1
    while end > head.i and doc[end].is_punct:
        end -= 1
    return start, end + 1


def _outside_np(child: Token) -> bool:
    if child.dep_ == "punct":
        return child.text not in HYPHENS  # keep "al-Shuhada" whole
    if child.dep_ in NP_EXCLUDE:
        return True
    if child.dep_ == "prep":
        if child.lower_ in MEMBER_PREPS:
            return True
        return any(p.ent_type_ in TIME_ENTITIES for p in child.children if p.dep_ == "pobj")
    return child.dep_ == "npadvmod" and child.ent_type_ in TIME_ENTITIES


def _np(head: Token) -> str:
    start, end = _np_bounds(head)
    return head.doc[start:end].text


def _with_apposition(actor: Actor, head: Token, dictionary: ActorDictionary) -> Actor:
    """'a spokesman for the mission, Col. Wayne Marotto': the apposition fills gaps."""
    if actor.country and _strong_sector(actor):
        return actor
    for child in head.children:
        if child.dep_ != "appos":
            continue
        other = lookup_actor(_np(child), dictionary)
        country = actor.country or other.country
        sector = other.sector if _strong_sector(other) and not _strong_sector(actor) else actor.sector
        sector = sector or other.sector
        if (country, sector) != (actor.country, actor.sector):
            note = f"apposition '{_np(child)}' gives {other.country or '-'}/{other.sector or '-'}"
            return dataclasses.replace(actor, country=country, sector=sector,
                                       reason=f"{actor.reason}; {note}", unknown_reason=None
                                       if country and sector else actor.unknown_reason)
    return actor


def _strong_sector(actor: Actor) -> bool:
    """The sector came from a name or an organisation noun, not from "spokesman"."""
    return any(f"sector {actor.sector} from '" in part and f"({kind} " in part
               for part in actor.reason.split("; ") for kind in ("role", "org", "igo", "person"))


def _with_locative(actor: Actor, trigger: Token, dictionary: ActorDictionary) -> Actor:
    """'In Iran, foreign ministry spokesman X accused ...': a state organ takes that country."""
    if actor.country or actor.sector not in STATE_SECTORS:
        return actor
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < verb.i:
            for pobj in prep.children:
                place = lookup_actor(pobj.text, dictionary)
                if place.country and pobj.ent_type_ in ("GPE", "LOC", "NORP", ""):
                    return dataclasses.replace(
                        actor, country=place.country, unknown_reason=None,
                        reason=f"{actor.reason}; country {place.country} from fronted 'In {pobj.text}'")
    return actor


def _antecedent(doc: Doc, pronoun: Token) -> Token | None:
    """Nearest earlier non-pronoun subject in this sentence or up to three before it (same paragraph)."""
    sentence_starts = [s.start for s in doc.sents]
    current = max(i for i, s in enumerate(sentence_starts) if s <= pronoun.i)
    floor = sentence_starts[max(0, current - MAX_SENTENCES_BACK)]
    plural = pronoun.lower_ == "they"
    for i in range(pronoun.i - 1, floor - 1, -1):
        candidate = doc[i]
        if "\n\n" in candidate.text_with_ws and i < pronoun.i - 1:
            break  # paragraph boundary
        if candidate.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or candidate.pos_ == "PRON":
            continue
        is_plural = candidate.tag_ in ("NNS", "NNPS")
        if pronoun.lower_ in ("he", "she") and is_plural:
            continue
        if plural and not is_plural and candidate.pos_ != "PROPN":
            continue
        return candidate
    return None
