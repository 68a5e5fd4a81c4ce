"""Clause-level helpers of the actors stage: passives, who does a subjectless verb, result clauses.

A verb or event noun often names its actor only through another word: the verb it is
coordinated with or complements ("vowed to avenge"), the noun its clause modifies
("militants who attacked", "the six soldiers killed"), the owner of a plan ("the IRA's
decision to carry out"), or the object of a call ("called on Muslims to kill").  These rules
are shared by verb triggers (`actors.py`) and noun triggers (`actor_nouns.py`).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventscope.stages.actor_lookup import lookup_actor
from eventscope.stages.actor_phrases import MODIFIED_BY_CLAUSE, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, Found
from eventscope.stages.syntax import clause_head

OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})

# Verbs whose subject, without an object, is the device ("the bomb exploded", "it went off"): no actor.
DEVICE_SUBJECT_VERBS = frozenset({"explode", "detonate", "go", "blow", "blast", "erupt", "burst"})
# Verbs whose object is a device, so a pronoun object ("detonating them", "defused it") is no victim.
DEVICE_OBJECT_VERBS = frozenset({"detonate", "defuse", "plant", "explode", "throw", "hurl", "lob", "fire",
                                 "launch", "drop", "set"})
# Verbs whose infinitive is done by their subject even with an object ("promised them to attack").
SUBJECT_CONTROL_VERBS = frozenset({"promise", "vow", "threaten", "pledge", "swear"})
# Verbs whose object is the instrument, not a doer: "were using the facilities to launch attacks".
INSTRUMENT_VERBS = frozenset({"use", "employ", "utilize", "utilise", "exploit"})
# Verbs a result clause ("..., killing three") is wrongly hung on by the parser, whose subject did not do
# it: speakers ("the police said"), searchers and believers ("police are hunting a suspect ...").
NOT_AGENT_VERBS = frozenset({
    "say", "tell", "report", "add", "state", "announce", "confirm", "claim", "write", "tweet", "note", "explain",
    "hunt", "search", "seek", "look", "investigate", "believe", "think", "suspect", "fear", "know", "hope"})


def device_subject(verb: Token) -> bool:
    return verb.lemma_.lower() in DEVICE_SUBJECT_VERBS and not any(c.dep_ in OBJECT_DEPS for c in verb.children) \
        and (verb.lemma_.lower() != "go" or any(c.lower_ == "off" for c in verb.children))


def is_passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


# Nouns of settlements and areas, on which a participle is a misparse ("hamlets, firing into the air").
_PLACE_HEADS = frozenset({"village", "villages", "hamlet", "hamlets", "town", "towns", "city", "area", "areas",
                          "district", "districts", "neighbourhood", "neighborhood", "camp", "region", "province"})


def _is_place_noun(token: Token) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in _PLACE_HEADS or token.lower_ in _PLACE_HEADS


def _clause_told_before(verb: Token) -> Token | None:
    """The last clause with a subject of its own between the noun a participle hangs on and the
    participle, if any."""
    clauses = [t for t in verb.doc[verb.head.i + 1:verb.i] if t.pos_ == "VERB" and t.dep_ in ("relcl", "advcl")
               and any(c.dep_ in SUBJECT_DEPS for c in t.children)]
    return clauses[-1] if clauses else None


def inherited_subject(verb: Token) -> tuple[Found, str]:
    """A verb with no subject: from its coordinated/controlling verb or the noun it modifies."""
    head = verb.head
    if passive_complement(verb):
        return [], ""  # "20 people reported kidnapped", "were found killed": the subject underwent it
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if is_passive(verb) or reduced_passive(verb) or any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
            return [], ""  # "facilities used by ...", "where the militiamen were killed"
        owner = owner_of_plan(verb)
        if owner:
            return owner, f"subject of '{verb.text}' from the owner of '{head.text}'"
        if verb.tag_ == "VBG" and _is_place_noun(head):
            # "went from house to house in Yandoto and two nearby hamlets, firing into the air": a place
            # does not fire; the participle tells what the clause's subject did there
            clause = clause_head(head)
            subjects = [(c, f"nsubj of '{clause.text}', whose participle '{verb.text}' the parser hung on "
                            f"the place '{head.text}'") for c in clause.children if c.dep_ in SUBJECT_DEPS]
            return subjects, f"subject of '{verb.text}' from the clause around the place it hangs on"
        told = _clause_told_before(verb) if verb.tag_ == "VBG" and head.pos_ == "NOUN" and not head.ent_type_ \
            and lookup_actor(head.text).sector is None else None
        if told is not None:
            # "the scene of the deadliest crackdown, when police opened fire on oil workers, killing at
            # least 14": the parser hung the participle on "scene"; it goes on from the clause before it
            return [(c, f"nsubj of '{told.text}', the clause the participle '{verb.text}' goes on from")
                    for c in told.children if c.dep_ in SUBJECT_DEPS], \
                f"subject of '{verb.text}' from the clause told just before it"
        return [(head, f"{MODIFIED_BY_CLAUSE} '{verb.text}'")], f"subject of '{verb.text}' from the noun it modifies"
    if any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in verb.children):
        return [], ""  # "five were wounded": a passive without "by" has no known agent
    if verb.dep_ == "pcomp":
        return gerund_subject(verb)
    if verb.tag_ == "VBN" and verb.i > 0 and verb.doc[verb.i - 1].tag_ == "CD":
        return [], ""  # "received six bodies and 11 wounded": a count of the wounded, no one's deed
    current = verb
    for _ in range(4):  # "France is ready to contribute": contribute <- ready <- is
        head = current.head
        if current.dep_ == "conj" and current.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            # "took back areas with siege tactics, bombarding ...": a participle the parser joined to
            # a noun is an adverbial of that noun's clause
            verb_of_noun = clause_head(head)
            head = verb_of_noun if verb_of_noun.pos_ in ("VERB", "AUX") else head
        # Not through ccomp: "..., the agency reported" did not do what it reports.
        if current.dep_ not in ("conj", "xcomp", "advcl", "acomp") or head is current:
            break
        if current.dep_ == "advcl" and head.lemma_.lower() in NOT_AGENT_VERBS:
            break  # "the device detonated, killing three," the police said: the parser hangs it on "said"
        if any(c.dep_ in ("auxpass", *PASSIVE_SUBJECT_DEPS) for c in head.children) or device_subject(head):
            break  # "shattered by an explosion, killing 168", "it exploded, killing two": no agent
        controller = object_controller(current, head)
        if controller:
            return controller, f"subject of '{verb.text}' is the object of '{head.text}'"
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                return [(child, f"nsubj of '{head.text}', shared by '{verb.text}' ({current.dep_})")], \
                    f"subject of '{verb.text}' borrowed from '{head.text}'"
        if head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN"):
            # "armed groups that are trying to overthrow the government ... and battle one another"
            found, how = inherited_subject(head)
            return found, how and f"subject of '{verb.text}' borrowed from '{head.text}': {how}"
        current = head
    return [], ""


def passive_complement(verb: Token) -> bool:
    """A past participle complementing a verb ("reported kidnapped", "found killed", "remained
    missing"): passive, its controller is who underwent the event."""
    return verb.dep_ == "xcomp" and is_passive(verb) and verb.head.pos_ in ("VERB", "AUX")


def object_controller(clause: Token, head: Token) -> Found:
    """'called on Russian Muslims to kill', 'urged the militias to attack', 'ordered troops to fire':
    an infinitive after a verb's object is done by that object, not by the verb's subject."""
    if clause.dep_ != "xcomp" or head.lemma_.lower() in SUBJECT_CONTROL_VERBS | INSTRUMENT_VERBS:
        return []
    found = [(c, f"dobj of '{head.text}', who is to '{clause.text}'") for c in head.children
             if c.dep_ in ("dobj", "dative") and c.i < clause.i]
    found += [(p, f"object of '{head.text} {c.text}', who is to '{clause.text}'") for c in head.children
              if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < clause.i
              for p in c.children if p.dep_ == "pobj"]
    return found


def reduced_passive(verb: Token) -> bool:
    """'the six service members killed in the attack': a participle modifying a noun without a
    relative word or subject of its own is passive; the noun underwent the event."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and verb.i > verb.head.i and not any(
        c.dep_ in (*SUBJECT_DEPS, "aux", "dobj") for c in verb.children)


def owner_of_plan(verb: Token) -> Found:
    """'the IRA's decision to carry out the attacks', 'Russia's bid to seize the port': whoever owns
    the plan does the act."""
    head = verb.head
    if verb.dep_ != "acl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    owners = [(c, f"possessive of '{head.text}', whose '{verb.text}' it is") for c in head.children if c.dep_ == "poss"]
    if not owners and head.dep_ == "dobj" and head.head.lemma_.lower() in PLAN_HOLDING_VERBS:
        holder = head.head  # "he has the right to assault", "the army took the decision to attack"
        owners = [(c, f"nsubj of '{holder.text}', whose '{head.text}' to '{verb.text}' it is")
                  for c in holder.children if c.dep_ in SUBJECT_DEPS]
    return owners


# Verbs whose subject holds the plan, right or order named by their object ("has the right to",
# "took the decision to", "announced plans to"); others ("criticised the decision to") do not.
PLAN_HOLDING_VERBS = frozenset({"have", "make", "take", "reach", "announce", "adopt", "unveil"})


# Verbs that hold someone to account for a deed: their object (or, as a participle, the noun
# they modify) is who did it ("blamed X for the attack", "a man accused of stabbing three people").
BLAME_VERBS = frozenset({"blame", "accuse", "hold", "charge", "convict", "arrest", "sentence", "indict", "prosecute",
                         "try", "suspect", "implicate", "involve", "jail", "punish", "fine", "detain", "execute"})


def gerund_subject(verb: Token) -> tuple[Found, str]:
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
        if holder.dep_ == "acl" and holder.lemma_.lower() in BLAME_VERBS and holder.head.pos_ in ("NOUN", "PROPN"):
            # "a man accused of stabbing three people", "the group suspected of carrying out the attack"
            return [(holder.head, f"'{holder.head.text}' {holder.text} of '{verb.text}'")], \
                f"'{verb.text}' done by the one '{holder.text}'"
    if holder.pos_ == "ADJ" and holder.dep_ in ("acomp", "amod"):
        holder = holder.head  # "is engaged in torturing"
    # A passive subject counts too: "he was killed after attacking a checkpoint" -- he attacked.
    subjects = [c for c in holder.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
    if not subjects and holder.pos_ in ("VERB", "AUX"):
        # "some of these guys run up to the enemy and hug them before detonating the bomb": the verb
        # the gerund hangs on has its subject through its own conjunct
        found, how = inherited_subject(holder)
        if found:
            return found, f"subject of '{verb.text}' borrowed from '{holder.text}': {how}"
    return [(c, f"nsubj of '{holder.text}', shared by '{prep.text} {verb.text}'") for c in subjects], \
        f"subject of '{verb.text}' borrowed from '{holder.text}'" if subjects else ""
