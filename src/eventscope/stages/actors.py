"""Stage actors: who acts (actor1) on whom (actor2), from the dependency parse.

For each mention the trigger's arguments are read off the parse; the phrase
module (`actor_phrases.py`) expands each to its noun phrase and codes it with
`lookup_actor` (`actor_lookup.py`, the dictionary in `data/actors.tsv`).

Verb triggers
- actor1: nsubj; the "by" agent of a passive; a verb without a subject of its
  own borrows it from the verb it is coordinated with or complements ("vowed
  to avenge", "is ready to contribute") or from the noun its clause modifies
  ("militias that attacked");
- actor2, in tiers (the first that finds something wins): the passive subject,
  an object, or the object of against/on/at/into...; the object of to/with when
  the verb's object is a thing ("sent experts to Saudi Arabia"); when the
  object is a thing, what its clause names ("a report accusing the army",
  "threats made by X"), the country where a measure applies ("a curfew in
  Montenegro", as CAMEO coders do) or a target one phrase down ("called for
  revenge against the US"); the subject of a non-finite object clause ("found
  X guilty"); the target of a complement verb ("threatened to break relations
  with Russia").
Noun triggers ("US airstrikes on Iran-backed militias")
- actor1: possessive, compound or adjective modifiers that name a country or
  group, or "by"; when the noun is the object of a light verb ("carried out
  airstrikes"), that verb's subject; actor2: on/against/at/of; "came under
  rocket attack" makes the subject the target.
Everything
- coordination gives a list ("Kata'ib Hezbollah and Kata'ib Sayyid al-Shuhada",
  "US and Russian negotiators"); named members after "including" replace the
  umbrella term; appositions, a title phrase before a name, an earlier mention
  of the same name and a fronted "In Iran," fill a missing country; pronouns
  take the nearest earlier subject of the paragraph that agrees in number and
  person.  Each actor carries its span and a reason naming every rule used.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from eventscope.model import ActorRoles, Mention
from eventscope.stages.actor_dictionary import ActorDictionary, load_dictionary
from eventscope.stages.actor_lookup import lookup_actor
from eventscope.stages.actor_phrases import (
    NOUN_TARGET,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VIA_PREP,
    Found,
    actor_like,
    code_actors,
    noun_phrase,
)
from eventscope.stages.actor_victims import claim_victims
from eventscope.stages.nlp import ParsedArticle

__all__ = ["claim_victims", "lookup_actor", "resolve_actors"]

OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})
TARGET_PREPS = frozenset({"against", "on", "at", "upon", "into", "toward", "towards", "targeting", "onto"})
NOUN_TARGET_PREPS = TARGET_PREPS | frozenset({"of"})  # "the bombing of the embassy"
PARTNER_PREPS = frozenset({"to", "with"})
# Verbs whose subject undergoes the event ("Scores died"): the subject is actor2.
PATIENT_SUBJECT_VERBS = frozenset({"die", "perish", "drown", "succumb", "starve", "suffocate"})
# Verbs whose subject, without an object, is the device ("the bomb exploded", "it went off"): no actor.
DEVICE_SUBJECT_VERBS = frozenset({"explode", "detonate", "go", "blow", "blast", "erupt", "burst"})
# A noun trigger as these verbs' object: the subject underwent the event ("suffered attacks") or
# only speaks of it ("called the explosion an attack", "condemned the bombing"); neither made it.
UNDERGO_VERBS = frozenset({"suffer", "endure", "sustain", "survive", "face", "experience", "repel", "repulse"})
TALK_ABOUT_VERBS = frozenset({
    "see", "witness", "call", "condemn", "deplore", "denounce", "describe", "report", "investigate",
    "mourn", "fear", "recall", "remember", "criticize", "criticise", "discuss", "mention", "deny",
    "blame", "watch", "film", "photograph", "document", "probe", "cover", "prevent", "thwart", "foil"})
SERIES_NOUNS = frozenset({"series", "spate", "wave", "string", "rash", "campaign", "round", "number", "flurry",
                          "barrage", "volley", "salvo", "succession"})
RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})
BLAME_VERBS = frozenset({"blame", "accuse", "hold", "charge", "convict", "arrest", "sentence"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "compound"})


def resolve_actors(parsed: ParsedArticle, mentions: Iterable[Mention],
                   dictionary: ActorDictionary | None = None) -> dict[str, ActorRoles]:
    """actor1/actor2 for every mention, keyed by mention id."""
    dictionary = dictionary or load_dictionary()
    home = _dateline_country(parsed, dictionary)
    return {m.id: _roles(parsed, m, dictionary, home) for m in mentions}


def _dateline_country(parsed: ParsedArticle, dictionary: ActorDictionary) -> tuple[str, str] | None:
    """(ISO3, dateline) when the dateline names a country or its places ("WASHINGTON")."""
    dateline = parsed.article.dateline
    if not dateline:
        return None
    place = lookup_actor(dateline.title() if dateline.isupper() else dateline, dictionary)
    return (place.country, dateline) if place.country and place.country in dictionary.countries else None


def _roles(parsed: ParsedArticle, mention: Mention, dictionary: ActorDictionary,
           home: tuple[str, str] | None = None) -> ActorRoles:
    doc = parsed.doc
    trigger = doc[mention.trigger_token]
    if _is_noun(trigger):
        a1, a2, why = _noun_arguments(trigger)
    else:
        a1, a2, why = _verb_arguments(trigger)
    actor1 = code_actors(doc, a1, dictionary, trigger, agent=True, home=home)
    actor2 = code_actors(doc, a2, dictionary, trigger, home=home)
    return ActorRoles(actor1=actor1, actor2=actor2, reason="; ".join(why))


def _is_noun(trigger: Token) -> bool:
    """A nominal trigger; the tagger sometimes calls "airstrikes" a verb, its relation does not."""
    return trigger.tag_.startswith("NN") or trigger.dep_ in NOMINAL_DEPS


# ---------------------------------------------------------------------------
# Finding argument head tokens.  Each finder returns (token, reason) pairs.


def _verb_arguments(verb: Token) -> tuple[Found, Found, list[str]]:
    a1: Found = []
    patient_subject: Found = []
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and verb.lemma_.lower() in PATIENT_SUBJECT_VERBS:
            patient_subject.append((child, f"nsubj of '{verb.text}', who undergoes it"))
        elif child.dep_ in SUBJECT_DEPS:
            a1.append((child, f"nsubj of '{verb.text}'"))
        elif child.dep_ == "agent":
            a1 += [(p, f"agent 'by' of '{verb.text}'") for p in child.children if p.dep_ == "pobj"]
    why: list[str] = []
    if _device_subject(verb):
        a1 = []  # "the bomb exploded": the subject is the weapon; "a man detonated it" has an object
    if not a1 and not patient_subject:
        a1 = _agent_of_attack_noun(verb)
    if not a1 and not patient_subject:
        a1, inherited = _inherited_subject(verb)
        if inherited:
            why.append(inherited)
    a2 = patient_subject or _verb_targets(verb)
    if not a2:
        # "threatened to break relations with Russia", "is ready to send troops to X":
        # the complement verb's target.
        complements = [c for c in verb.children if c.dep_ == "xcomp"]
        complements += [x for c in verb.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "xcomp"]
        for comp in complements:
            if comp.pos_ in ("VERB", "AUX"):
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
    if len(tier1) > len(objects) and any(_is_weapon(obj) for obj in objects):
        # "detonated the bomb at the base", "fired rockets at the airport": the object is the
        # weapon, the prepositional object is what was hit.
        weapons = {obj.i for obj in objects if _is_weapon(obj)}
        tier1 = [(t, r) for t, r in tier1 if t.i not in weapons]
    light = [obj for obj in objects if not obj.ent_type_ and obj.pos_ == "NOUN"]
    tier2: Found = [
        (p, f"object of '{prep.text}' after '{holder.text}'")
        for holder in [verb, *light] for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in PARTNER_PREPS
        for p in prep.children if p.dep_ == "pobj"]
    if tier2 and all(_is_thing(obj) for obj in objects):
        return tier2
    if tier1 and not all(_is_thing(obj) and not _known_phrase(obj) for obj, _ in tier1):
        return tier1
    # The object is a thing ("a report", "the threats"): look inside and around it.
    inner = _inside_thing(objects) or _place_target(verb, objects) or _deeper_target(verb)
    if inner:
        return inner
    if tier1:
        return tier1
    tier3: Found = [(s, f"subject of the object clause '{c.text}' of '{verb.text}'")
                    for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i
                    and not _finite(c)
                    for s in c.children if s.dep_ in SUBJECT_DEPS and s.i < c.i and verb.i < s.i]
    if tier3:
        return tier3
    return _deeper_target(verb)


def _deeper_target(verb: Token) -> Found:
    """'called for revenge against the US', 'filed a lawsuit in a court against X'."""
    return [(t, f"{VIA_PREP} '{p2.text}' under '{p.text} {pobj.text}' after '{verb.text}'")
            for p in verb.children if p.dep_ == "prep"
            for pobj in p.children if pobj.dep_ == "pobj"
            for p2 in pobj.children if p2.dep_ == "prep" and p2.lower_ in TARGET_PREPS
            for t in p2.children if t.dep_ == "pobj"]


def _inside_thing(objects: list[Token]) -> Found:
    """'a report accusing the army', 'threats made by the US government': the clause
    on the object names whom the event is about."""
    found: Found = []
    for obj in [o for head in objects for o in [head, *head.conjuncts]]:
        for clause in obj.children:
            if clause.dep_ not in ("acl", "relcl"):
                continue
            for arg in clause.children:
                if arg.dep_ in ("dobj", "dative"):
                    found.append((arg, f"object of '{clause.text}', the clause on '{obj.text}'"))
                elif arg.dep_ == "agent":
                    found += [(p, f"agent of '{clause.text}', the clause on '{obj.text}'")
                              for p in arg.children if p.dep_ == "pobj"]
    return found


def _is_weapon(token: Token) -> bool:
    """A weapon or blast with no one named behind it ("the bomb", "explosives", "rockets")."""
    actor = lookup_actor(noun_phrase(token))
    return actor.country is None and actor.affiliation is None and "(instrument " in actor.reason


def _known_phrase(token: Token) -> bool:
    actor = lookup_actor(noun_phrase(token))
    return actor.country is not None or actor.sector is not None


def _place_target(verb: Token, objects: list[Token]) -> Found:
    """'Serbia lifted a curfew in Montenegro', 'protesters demonstrated in Serbia':
    with no actor as object, event coders (CAMEO, the PLOVER GSR) code the country
    where the measure applies as the target.  Only countries and capitals count."""
    found: Found = []
    for holder in [verb, *objects]:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of"):
                continue
            if prep.lower_ == "of" and holder is verb:
                continue
            for pobj in prep.children:
                actor = lookup_actor(noun_phrase(pobj))
                bare_place = actor.sector in (None, "GOV") and "(role " not in actor.reason \
                    and "(title " not in actor.reason
                if pobj.dep_ == "pobj" and actor.country and bare_place and any(
                        f"({kind} " in actor.reason for kind in ("country", "capital")):
                    found.append((pobj, f"place '{prep.text} {pobj.text}' as target of '{verb.text}' (no actor object)"))
    return found[:1]


def _finite(clause: Token) -> bool:
    """'said the army attacked' is a report, not 'found X guilty' / 'convicted X to pay'."""
    if any(c.dep_ == "mark" for c in clause.children):
        return True
    if clause.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in clause.children)


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
                if pobj.dep_ == "pobj" and actor_like(lookup_actor(noun_phrase(pobj)), pobj, reason):
                    return pobj, reason
    return obj, f"dobj of '{verb.text}'"


def _device_subject(verb: Token) -> bool:
    return verb.lemma_.lower() in DEVICE_SUBJECT_VERBS and not any(c.dep_ in OBJECT_DEPS for c in verb.children) \
        and (verb.lemma_.lower() != "go" or any(c.lower_ == "off" for c in verb.children))


def _is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _agent_of_attack_noun(verb: Token) -> Found:
    """'killed in IS attacks', 'wounded in a Taliban ambush': the attack noun's modifier acted."""
    found: Found = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during", "by"):
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.pos_ == "NOUN":
                    a1, _a2, _why = _noun_arguments(noun)
                    # "shot in their home": a pronoun owner counts only if the noun is an attack word.
                    attack_word = "(instrument " in lookup_actor(noun.text).reason
                    found += [(tok, f"{reason}, the attack '{noun.text}' in which '{verb.text}' happened")
                              for tok, reason in a1 if tok.dep_ in ("compound", "amod", "nmod", "poss")
                              and (attack_word or tok.pos_ != "PRON")]
    return found


def _inherited_subject(verb: Token) -> tuple[Found, str]:
    """A verb with no subject: from its coordinated/controlling verb or the noun it modifies."""
    head = verb.head
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if _is_passive(verb) or any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
            return [], ""  # "facilities used by ...", "where the militiamen were killed"
        return [(head, f"noun modified by clause '{verb.text}'")], f"subject of '{verb.text}' from the noun it modifies"
    if any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in verb.children):
        return [], ""  # "five were wounded": a passive without "by" has no known agent
    if verb.dep_ == "pcomp":
        return _gerund_subject(verb)
    current = verb
    for _ in range(3):  # "France is ready to contribute": contribute <- ready <- is
        head = current.head
        # Not through ccomp: "..., the agency reported" did not do what it reports.
        if current.dep_ not in ("conj", "xcomp", "advcl", "acomp") or head is current:
            break
        if any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in head.children) or _device_subject(head):
            break  # "shattered by an explosion, killing 168", "it exploded, killing two": no agent
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                return [(child, f"nsubj of '{head.text}', shared by '{verb.text}' ({current.dep_})")], \
                    f"subject of '{verb.text}' borrowed from '{head.text}'"
        current = head
    return [], ""


def _gerund_subject(verb: Token) -> tuple[Found, str]:
    """A gerund after a preposition does what the clause's subject does ("Australia is engaged
    in torturing", "the men ran up before detonating the bomb"), except that "accused X of
    killing" / "blamed X for killing" name X, the object, as the one who did it."""
    prep = verb.head
    holder = prep.head
    if prep.dep_ != "prep" or prep is holder or holder.pos_ not in ("VERB", "AUX", "ADJ"):
        return [], ""
    if prep.lower_ in ("of", "for"):
        objects = [c for c in holder.children if c.dep_ in OBJECT_DEPS]
        if objects:
            return [(o, f"dobj of '{holder.text}', who is said to have done '{verb.text}'") for o in objects], \
                f"'{verb.text}' done by the object of '{holder.text}'"
    if holder.pos_ == "ADJ" and holder.dep_ in ("acomp", "amod"):
        holder = holder.head  # "is engaged in torturing"
    # A passive subject counts too: "he was killed after attacking a checkpoint" -- he attacked.
    subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    return [(c, f"nsubj of '{holder.text}', shared by '{prep.text} {verb.text}'") for c in subjects], \
        f"subject of '{verb.text}' borrowed from '{holder.text}'" if subjects else ""


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
            a2 += [(p, f"{NOUN_TARGET} '{child.text}' after '{noun.text}'") for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.lower_ in ("targeting", "against"):
            a2 += [(p, f"object of '{child.text}' after '{noun.text}'") for p in child.children if p.dep_ == "dobj"]
        elif child.dep_ == "acl":
            # "attacks carried out by the IRA", "bombings targeted at the military"
            for arg in child.children:
                if arg.dep_ == "agent":
                    a1 += [(p, f"agent of '{child.text}' on '{noun.text}'") for p in arg.children if p.dep_ == "pobj"]
                elif arg.dep_ == "prep" and arg.lower_ in TARGET_PREPS:
                    a2 += [(p, f"{VIA_PREP} '{arg.text}' after '{child.text}' on '{noun.text}'")
                           for p in arg.children if p.dep_ == "pobj"]
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ in ("VERB", "AUX"):
        # "US troops came under rocket attack": the subject is the target.
        a2 += [(c, f"nsubj of '{head.head.text}' that came under '{noun.text}'")
               for c in head.head.children if c.dep_ in SUBJECT_DEPS]
    elif noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in UNDERGO_VERBS:
        # "the republic has suffered bombings": the subject took the attack, did not make it.
        if not a2:
            a2 += [(c, f"nsubj of '{head.text}', who underwent '{noun.text}'")
                   for c in head.children if c.dep_ in SUBJECT_DEPS]
    elif noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in TALK_ABOUT_VERBS:
        pass  # "Macron called the explosion an attack": who speaks of an attack did not make it
    elif noun.dep_ in OBJECT_DEPS and not _has_actor_modifier(a1):
        a1 = [(c, f"nsubj of '{head.text}', whose object is '{noun.text}'")
              for c in head.children if c.dep_ in SUBJECT_DEPS] or a1
        if not a2:
            a2 += [(p, f"object of '{c.text}' after '{head.text}'") for c in head.children
                   if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    elif noun.dep_ in SUBJECT_DEPS and not a2:
        a2 += [(c, f"dobj of '{head.text}' whose subject is '{noun.text}'")
               for c in head.children if c.dep_ in OBJECT_DEPS]
    if not a1:
        a1 = _responsible_for(noun)
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if holder is not None and holder.lemma_.lower() in SERIES_NOUNS and holder.i != noun.i:
        # "launched a series of attacks", "a spate of attacks carried out by X": the
        # series noun stands where the attack noun would.
        outer_a1, outer_a2, _why = _noun_arguments(holder)
        a1 = a1 or [(t, f"{r}, for '{noun.text}'") for t, r in outer_a1 if t.i != noun.i]
        a2 = a2 or [(t, f"{r}, for '{noun.text}'") for t, r in outer_a2 if t.i != noun.i]
    if not a1 and noun.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        why.append(f"no actor modifies '{noun.text}'")
    return a1, a2, why


def _responsible_for(noun: Token) -> Found:
    """'the IRA accepted responsibility for the bombings', 'police blamed the group for the
    attack': who claims or is blamed for an attack made it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return []
    holder = prep.head
    verb = holder.head if holder.lemma_.lower() in RESPONSIBILITY_NOUNS else holder
    if holder.lemma_.lower() in RESPONSIBILITY_NOUNS and verb.pos_ in ("VERB", "AUX"):
        return [(c, f"nsubj of '{verb.text} {holder.text} for {noun.text}'")
                for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if holder.lemma_.lower() in BLAME_VERBS:
        return [(c, f"dobj of '{holder.text}' for '{noun.text}'") for c in holder.children if c.dep_ in OBJECT_DEPS]
    return []


def _has_actor_modifier(found: Found) -> bool:
    return any(tok.pos_ == "PROPN" or tok.dep_ == "poss" for tok, _ in found)


