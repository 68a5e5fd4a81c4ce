"""Noun triggers of the actors stage ("US airstrikes on Iran-backed militias", "the IRA's bombing").

actor1: possessive, compound or adjective modifiers that name a country or group, or "by";
the "by" agent of a doing verb whose passive subject the noun is ("were carried out by X");
when the noun is the object of a light verb ("carried out airstrikes"), that verb's subject
(or whoever the verb's clause gives it to); who claims or is blamed for the attack.
actor2: on/against/at/of; "came under rocket attack" makes the subject the target; the
people named on a mass-killing noun ("the Armenian genocide") and the objects of a harm
verb on it ("the massacre, which left 89 people dead").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventscope.stages.actor_clauses import (
    BLAME_VERBS,
    OBJECT_DEPS,
    inherited_subject,
    is_passive,
    reduced_passive,
)
from eventscope.stages.actor_lookup import is_instrument, lookup_actor
from eventscope.stages.actor_phrases import (
    FIRST_SIDE,
    NOUN_TARGET,
    OWNER_VICTIM,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    VIA_PREP,
    Found,
    noun_phrase,
)
from eventscope.stages.counts_figures import is_person
from eventscope.stages.lexicon import SERIES_NOUNS, lemma_of, mode_cues
from eventscope.stages.where_site import site_kinds

# Verbs through which an event noun as subject does harm to the object ("the blast killed five").
DAMAGE_VERBS = frozenset({"hit", "strike", "kill", "injure", "wound", "hurt", "maim", "destroy", "damage", "target",
                          "level", "flatten", "raze", "devastate", "ravage", "rock", "shake", "tear", "rip", "claim",
                          "leave", "wreck", "demolish", "gut", "engulf", "shatter", "pound", "batter",
                          "displace", "trap", "bury", "terrorize", "traumatize"})
# Verbs whose object is what was attacked, never the attacker's own deed ("attacked a meeting").
ASSAIL_VERBS = frozenset({"attack", "raid", "storm", "bomb", "shell", "ambush", "disrupt", "besiege", "assault",
                          "ransack", "loot", "torch", "shoot", "target", "kill", "injure", "wound", "destroy",
                          "damage", "disperse", "tear-gas", "teargas"})
TARGET_PREPS = frozenset({"against", "on", "at", "upon", "into", "toward", "towards", "targeting", "onto"})
NOUN_TARGET_PREPS = TARGET_PREPS | frozenset({"of"})  # "the bombing of the embassy"

# Verbs of doing a deed, whose "by" agent did the deed that is their passive subject ("the attack was
# carried out by X", "the raids were launched by Y").
DOING_VERBS = frozenset({"carry", "conduct", "launch", "stage", "perpetrate", "commit", "mount", "execute",
                         "orchestrate", "mastermind", "plan", "organize", "organise", "unleash", "wage", "order",
                         "direct", "lead", "fire"})
# Verbs whose subject is getting over an attack ("reeling from terror attacks", "recovering from the blast").
RECOVER_VERBS = frozenset({"reel", "recover", "suffer", "escape", "survive"})
# A noun trigger as these verbs' object: the subject underwent the event ("suffered attacks") or
# only speaks of it ("called the explosion an attack", "condemned the bombing"); neither made it.
UNDERGO_VERBS = frozenset({"suffer", "endure", "sustain", "survive", "face", "experience", "repel", "repulse"})
# Phrasal verbs of repelling: "pushed back an attack", "fought off", "fended off", "beat back".
REPEL_PHRASAL = frozenset({"push", "beat", "fight", "fend", "hold", "ward", "drive", "throw"})


def _beats_back(verb: Token) -> bool:
    return verb.lemma_.lower() in REPEL_PHRASAL and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "off") for c in verb.children)


TALK_ABOUT_VERBS = frozenset({
    "record", "register", "count", "tally", "recognize", "recognise", "acknowledge", "commemorate", "cite",
    "flee", "escape", "avoid", "study", "monitor", "track", "follow", "observe", "analyze", "analyse", "research",
    "see", "witness", "call", "condemn", "deplore", "denounce", "describe", "report", "investigate",
    "mourn", "fear", "recall", "remember", "criticize", "criticise", "discuss", "mention", "deny",
    "blame", "watch", "film", "photograph", "document", "probe", "cover", "prevent", "thwart", "foil",
    "say", "confirm", "verify", "dispute", "welcome", "praise", "hail", "applaud", "protest", "lament", "regret",
    "reject", "dismiss", "refute", "rebuff",
    "put", "estimate"})  # "police put the number of wounded at six": who counts them did not wound them


RESPONSIBILITY_NOUNS = frozenset({"responsibility", "credit"})


# Blame verbs whose "in"/"with" names the deed ("implicated in the poisoning", "charged with murder").
PART_IN_VERBS = frozenset({"implicate", "involve", "charge", "suspect", "accuse"})
# Verbs on an event noun whose object was harmed ("the massacre, which left 89 people dead").
HARM_VERBS = frozenset({"leave", "kill", "injure", "wound", "hurt", "maim", "claim", "depose", "oust", "topple",
                        "overthrow", "murder", "assassinate"})
# Nouns of settlements and areas: on an attack noun they say where ("a village raid"), not who.
WHERE_MODIFIER_NOUNS = frozenset({"village", "hamlet", "town", "city", "area", "district", "neighbourhood",
                                  "neighborhood", "region", "province", "border", "suburb", "township"})
# Nouns of a war fought somewhere: a place or people named on them says where ("the Syrian war").
WAR_NOUNS = frozenset({"war", "conflict", "insurgency", "hostility", "warfare", "battle", "combat"})
# Fights told as one noun, whose "with" names the other side ("a gunfight with the kidnappers").
SIDES_NOUNS = frozenset({"clash", "skirmish", "gunfight", "firefight", "shootout", "fighting", "fight",
                         "confrontation", "standoff", "exchange", "gunbattle"})
# Nouns of mass killing: a people named on them is the victim ("the Armenian genocide").
MASS_KILLING_NOUNS = frozenset({"genocide", "holocaust", "massacre", "slaughter", "extermination", "pogrom",
                                "cleansing", "annihilation", "atrocity"})


def _targets_of_verb(verb: Token) -> Found:
    """The objects of on/against/at... on the verb that does a deed noun ("launched raids on Gaza")."""
    return [(p, f"object of '{c.text}' after '{verb.text}'") for c in verb.children
            if c.dep_ == "prep" and c.lower_ in TARGET_PREPS for p in c.children if p.dep_ == "pobj"]


def _weapon_word(token: Token) -> bool:
    """A weapon word of the mode table ("artillery", "drone", "rocket") or a weapon of the actor
    dictionary, not a person who wields one ("sniper", "gunman")."""
    return (token.lemma_.lower() in mode_cues() and not is_person(token)) or is_instrument(lookup_actor(token.text))


def noun_arguments(noun: Token, violent: bool = True) -> tuple[Found, Found, list[str]]:
    a1: Found = []
    a2: Found = []
    why: list[str] = []
    inner = noun
    if noun.dep_ == "compound" and lemma_of(noun.head) in ("victim", "casualty"):
        a2.append((noun.head, f"'{noun.head.text}' of '{noun.text}'"))  # "a rape victim"
    elif noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
        # "the assassination attempt against Maduro", "involved in the coup attempt": the
        # phrase's head stands where the event noun would
        noun = noun.head
    for child in [c for c in inner.children] + ([c for c in noun.children if c.i != inner.i] if noun is not inner else []):
        if child.dep_ == "poss" and lemma_of(inner) in WAR_NOUNS and child.ent_type_ in ("GPE", "LOC"):
            continue  # "Northern Ireland's conflict": where, not who
        if child.dep_ == "poss" and possessive_victim(child, inner):
            a2.append((child, f"{OWNER_VICTIM} '{noun.text}': the person it was done to"))
        elif child.dep_ == "poss":
            a1.append((child, f"possessive of '{noun.text}'"))
        elif child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            if child.i < noun.i and victim_people(child, inner):
                a2.append((child, f"{child.dep_} '{child.text}' of '{noun.text}', the people it was done to"))
            elif child.i < noun.i and lemma_of(inner) in WAR_NOUNS and (
                    child.ent_type_ in ("GPE", "NORP", "LOC") or (child.ent_type_ == "EVENT" and not child.conjuncts
                                                                  and "-" not in doc_words_before(noun))):
                continue  # "the Syrian war", "the Vietnam War": where it is fought, not who fights
            elif child.i < noun.i and child.pos_ == "NOUN" and (
                    child.lemma_.lower() in WHERE_MODIFIER_NOUNS or child.lemma_.lower() in site_kinds()):
                continue  # "a village raid", "the market bombing": where it was done, not who did it
            elif child.i < noun.i and child.pos_ == "NOUN" and _weapon_word(child):
                # "artillery and drone strikes": with what, not who; "a Russian missile strike", "an army
                # drone attack": who wields it modifies the weapon word
                a1 += [(c, f"{c.dep_} '{c.text}' of '{child.text} {noun.text}'") for c in child.children
                       if c.dep_ in ("compound", "amod", "nmod") and c.i < child.i and not _weapon_word(c)
                       and (c.pos_ in ("PROPN", "NOUN") or c.ent_type_ in ("NORP", "GPE", "ORG") or known_phrase(c))]
            elif child.i < noun.i and (child.pos_ != "ADJ" or child.ent_type_ in ("NORP", "GPE", "ORG")
                                       or known_phrase(child)):
                # an adjective names a party only when it is one ("Israeli", "military"), not "fatal"
                a1.append((child, f"{child.dep_} '{child.text}' of '{noun.text}'"))
        elif child.dep_ == "prep" and child.lower_ == "by":
            a1 += [(p, f"'by' after '{noun.text}'") for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ in ("amod", "acl") and child.lower_.endswith("led") and child.lemma_.lower() == "lead":
            # "the United States-led bombing campaign", "a Saudi-led coalition's strikes": the leader acts
            a1 += [(c, f"'{c.text}-{child.text}' {noun.text}") for c in child.children
                   if c.dep_ in ("npadvmod", "compound", "nmod", "nsubj") and c.pos_ in ("PROPN", "NOUN")]
        elif child.dep_ == "prep" and child.lower_ == "between" and lemma_of(inner) in WAR_NOUNS | SIDES_NOUNS:
            # "fighting between ELN rebels and FARC dissidents", "clashes between police and protesters":
            # the sides, the first named as the actor and the others as the side it fought
            for side in (p for p in child.children if p.dep_ == "pobj"):
                a1.append((side, f"{FIRST_SIDE}: '{child.text}' after '{noun.text}'"))
                a2 += [(c, f"the other side: '{child.text}' after '{noun.text}'") for c in side.conjuncts]
        elif child.dep_ == "prep" and child.lower_ == "with" and lemma_of(inner) in WAR_NOUNS | SIDES_NOUNS:
            # "an orchestrated war with Russia", "clashes with police": the other side
            a2 += [(p, f"the other side: '{child.text}' after '{noun.text}'") for p in child.children
                   if p.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ in NOUN_TARGET_PREPS:
            # "a barrage of about 20 rockets": what it was made of is the weapon, no target
            a2 += [(p, f"{NOUN_TARGET} '{child.text}' after '{noun.text}'") for p in child.children if p.dep_ == "pobj"
                   and not (child.lower_ == "of" and is_instrument(lookup_actor(p.text)))]
        elif child.dep_ == "acl" and child.lower_ in ("targeting", "against"):
            a2 += [(p, f"object of '{child.text}' after '{noun.text}'") for p in child.children if p.dep_ == "dobj"]
        elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in HARM_VERBS:
            # "that massacre, which left 89 people dead", "an attack killing five": the harmed
            a2 += [(o, f"dobj of '{child.text}' on '{noun.text}'") for o in child.children if o.dep_ in OBJECT_DEPS]
        elif child.dep_ == "acl" and child.lemma_.lower() in ("blame", "attribute", "pin"):
            # "a drone attack blamed on Houthi rebels", "a bombing attributed to the group": who did it
            a1 += [(p, f"who '{noun.text}' is '{child.text} {arg.text}'") for arg in child.children
                   if arg.dep_ == "prep" and arg.lower_ in ("on", "to") for p in arg.children if p.dep_ == "pobj"]
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
    elif noun.dep_ in OBJECT_DEPS and (head.lemma_.lower() in UNDERGO_VERBS or _beats_back(head)):
        # "the republic has suffered bombings": the subject took the attack, did not make it.
        if not a2:
            a2 += [(c, f"nsubj of '{head.text}', who underwent '{noun.text}'")
                   for c in head.children if c.dep_ in SUBJECT_DEPS]
    elif noun.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_.lower() in RECOVER_VERBS:
        # "Turkey has spent the year reeling from terror attacks": who reels took them
        a2 += [(c, f"nsubj of '{head.head.text}' from '{noun.text}'") for c in head.head.children
               if c.dep_ in SUBJECT_DEPS]
        if not a2:
            a2 += [(t, f"{r}, who '{head.head.text}' from '{noun.text}'") for t, r in inherited_subject(head.head)[0]]
    elif noun.dep_ in OBJECT_DEPS and head.lemma_.lower() == "blame":
        # "the NRA blamed the massacre on X": the NRA did not do it and X was not hit; that X did it is
        # only the blamer's claim (the ACCUSE event of "blamed" records it), so neither side is named
        blamed = [p for c in [*head.children, *noun.children] if c.dep_ == "prep" and c.lower_ == "on"
                  for p in c.children if p.dep_ == "pobj"]
        a1 = []
        a2 = [(t, r) for t, r in a2 if all(t.i != p.i for p in blamed)]
    elif noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in TALK_ABOUT_VERBS:
        pass  # "Macron called the explosion an attack": who speaks of an attack did not make it
    elif noun.dep_ in OBJECT_DEPS and head.lemma_.lower() in ASSAIL_VERBS:
        pass  # "the army attacked a meeting", "troops raided a wedding": who attacks it did not hold it
    elif noun.dep_ in OBJECT_DEPS and not has_actor_modifier(a1, named_only=True):
        # "the Kremlin launched its air strikes": the subject, rather than the pronoun standing for it
        subjects = [(c, f"nsubj of '{head.text}', whose object is '{noun.text}'")
                    for c in head.children if c.dep_ in SUBJECT_DEPS]
        if not subjects and head.pos_ in ("VERB", "AUX") and not is_passive(head):
            # "terrorists modifying drones to launch attacks", "the IRA's decision to carry out attacks"
            inherited, _how = inherited_subject(head)
            subjects = [(t, f"{r}, who '{head.text}' the '{noun.text}'") for t, r in inherited]
        a1 = subjects or a1
        if not a2:
            a2 += _targets_of_verb(head)
    elif noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "result" \
            and head.head.head.lower_ == "as" and head.head.head.head.lemma_.lower() in HARM_VERBS | {"die"}:
        # "40 percent would be injured as a result of a robbery": the harmed are its targets
        harm = head.head.head.head
        a2 += [(c, f"{c.dep_} of '{harm.text}' as a result of '{noun.text}'") for c in harm.children
               if c.dep_ in PASSIVE_SUBJECT_DEPS or (harm.lemma_.lower() == "die" and c.dep_ in SUBJECT_DEPS)]
    elif violent and noun.dep_ == "pobj" and head.lower_ in ("in", "during") \
            and head.head.lemma_.lower() in HARM_VERBS | {"die"}:
        # "al-Muhandis was also killed in the attack", "three died in the blast": the harmed are its targets
        # "planned to kill Erdogan in a coup": the object of an active one
        harm = head.head
        a2 += [(c, f"{c.dep_} of '{harm.text}' in '{noun.text}'") for c in harm.children
               if c.dep_ in PASSIVE_SUBJECT_DEPS or (harm.lemma_.lower() == "die" and c.dep_ in SUBJECT_DEPS)
               or (c.dep_ in OBJECT_DEPS and not is_passive(harm))]
        if reduced_passive(harm) and harm.head.pos_ in ("NOUN", "PROPN") and not any(
                t.pos_ == "VERB" for t in harm.doc[harm.head.i + 1:harm.i]):
            # "Five soldiers killed in an ambush near Gao, officials said": the noun the participle is on
            a2.append((harm.head, f"noun '{harm.head.text}' {harm.text} in '{noun.text}'"))
        if not a1 and harm.lemma_.lower() != "die" and not is_passive(harm):
            # "Israeli troops killed two gunmen during a raid": who harmed them in it carried it out
            a1 += [(c, f"nsubj of '{harm.text}' in '{noun.text}'") for c in harm.children if c.dep_ in SUBJECT_DEPS]
    elif noun.dep_ == "pobj" and head.lower_ == "behind" and head.head.lemma_.lower() in ("be", "stand"):
        # "the Gulen movement is behind this coup attempt": who stands behind it did it
        a1 += [(c, f"nsubj of '{head.head.text} behind' the '{noun.text}'") for c in head.head.children
               if c.dep_ in SUBJECT_DEPS]
    elif noun.dep_ in PASSIVE_SUBJECT_DEPS and head.lemma_.lower() in DOING_VERBS and not has_actor_modifier(
            a1, named_only=True):
        # "the shootings were carried out by self-radicalized terrorists": the agent of the deed's doing
        a1 = [(p, f"agent of '{head.text}', whose passive subject is '{noun.text}'") for c in head.children
              if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"] or a1
        if not a2:
            a2 += _targets_of_verb(head)
    elif noun.dep_ in SUBJECT_DEPS and not a2 and head.lemma_.lower() in DAMAGE_VERBS:
        # "the strike hit the base", "the blast killed five"; not "skirmishes can trigger big wars"
        a2 += [(c, f"dobj of '{head.text}' whose subject is '{noun.text}'")
               for c in head.children if c.dep_ in OBJECT_DEPS]
    # who is blamed for it, accused of it or involved in it did it, before any modifier ("Obama was
    # involved with the Orlando shooting": Orlando is where)
    charged = charged_with(inner)
    a1 = responsible_for(noun) or charged or a1
    # "the rape charge against the officer": the one charged is no target
    a2 = [(t, r) for t, r in a2 if all(t.i != c.i for c, _ in charged)]
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    if holder is not None and holder.lemma_.lower() in SERIES_NOUNS and holder.i != noun.i:
        # "launched a series of attacks", "a spate of attacks carried out by X": the
        # series noun stands where the attack noun would.
        outer_a1, outer_a2, _why = noun_arguments(holder, violent)
        a1 = a1 or [(t, f"{r}, for '{noun.text}'") for t, r in outer_a1 if t.i != noun.i]
        a2 = a2 or [(t, f"{r}, for '{noun.text}'") for t, r in outer_a2 if t.i != noun.i]
    for other in (c for c in noun.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        # "the Armenian genocide – the 1915 massacre of 1.5 million people by Ottoman Turks": the
        # apposition restates the event and may name who did it to whom
        o1, o2, _ = noun_arguments(other, violent)
        a1 = a1 or [(t, f"{r}, apposition of '{noun.text}'") for t, r in o1]
        # the restatement's victims add to a people named on the event ("Armenian" + "1.5 million people")
        a2 += [(t, f"{r}, apposition of '{noun.text}'") for t, r in o2 if all(t.i != x.i for x, _ in a2)]
    if not a1 and noun.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        why.append(f"no actor modifies '{noun.text}'")
    return a1, a2, why


# Nouns of a charge laid for a deed ("a rape charge", "sexual assault charges"), and verbs whose subject
# is the one charged ("is avoiding a rape charge", "faces murder charges").
CHARGE_NOUNS = frozenset({"charge", "allegation", "accusation", "conviction", "indictment"})
FACE_VERBS = frozenset({"face", "avoid", "deny", "fight", "escape", "evade", "dodge", "contest", "beat"})


def charged_with(noun: Token) -> Found:
    """Who is charged with the deed the noun names: "Assange is avoiding a rape charge", "to avoid
    prosecution on sexual assault charges", "charges against the officer", "his murder conviction"."""
    charge = noun.head if noun.dep_ == "compound" else noun
    if lemma_of(charge) not in CHARGE_NOUNS:
        return []
    found: Found = [(c, f"'{c.text}' {charge.text}") for c in charge.children if c.dep_ == "poss"]
    found += [(p, f"{charge.text} against '{p.text}'") for c in charge.children
              if c.dep_ == "prep" and c.lower_ == "against" for p in c.children if p.dep_ == "pobj"]
    token = charge
    for _ in range(4):
        if found or token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            if lemma_of(token) in FACE_VERBS:
                subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
                found = [(c, f"nsubj of '{token.text}' the {charge.text}") for c in subjects] or [
                    (t, f"{r}, who '{token.text}' the {charge.text}") for t, r in inherited_subject(token)[0]]
            break
    return found


def doc_words_before(noun: Token) -> str:
    """The words of the noun's phrase before it ("Iran-Iraq" in "the Iran-Iraq War")."""
    return noun.doc[noun.left_edge.i:noun.i].text


# Nouns of a deed done to one person, whose possessive is that person: "Valencia's murder", "the
# judge's assassination", "Soleimani's killing" -- unless an "of" names the victim ("the regime's
# killing of protesters").
PERSONAL_DEED_NOUNS = frozenset({"murder", "assassination", "killing", "kidnapping", "abduction", "execution",
                                 "beheading", "disappearance", "rape", "torture", "lynching"})


def possessive_victim(owner: Token, noun: Token) -> bool:
    """The possessive of a personal-deed noun is its victim when it names a person, not a group or state."""
    if lemma_of(noun) not in PERSONAL_DEED_NOUNS or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return False
    if owner.pos_ == "PRON" or owner.ent_type_ in ("GPE", "ORG", "NORP", "LOC", "FAC"):
        return False
    return owner.ent_type_ == "PERSON" or owner.pos_ == "PROPN" or is_person(owner)


def victim_people(modifier: Token, noun: Token) -> bool:
    """'the Armenian genocide', 'the Srebrenica massacre of Bosniaks': a people named on a
    mass-killing noun is who was killed, not who killed (CAMEO 202/203 words)."""
    if lemma_of(noun) in MASS_KILLING_NOUNS and (
            modifier.ent_type_ == "NORP" or "(demonym " in (lookup_actor(modifier.text).reason or "")):
        return True  # a demonym the parser swallowed into the event's name ("the Armenian Genocide", FAC)
    return modifier.pos_ == "ADJ" and lookup_actor(modifier.text).sector == "CVL" and modifier.ent_type_ != "NORP"


def responsible_for(noun: Token) -> Found:
    """'the IRA accepted responsibility for the bombings', 'police blamed the group for the
    attack': who claims or is blamed for an attack made it ("charged them with extortion and arson":
    a listed deed counts as the first)."""
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "of", "in", "with"):
        return []
    holder = prep.head
    verb = holder.head if holder.lemma_.lower() in RESPONSIBILITY_NOUNS else holder
    if holder.lemma_.lower() in RESPONSIBILITY_NOUNS and verb.pos_ in ("VERB", "AUX"):
        return [(c, f"nsubj of '{verb.text} {holder.text} for {noun.text}'")
                for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if prep.lower_ in ("in", "with") and holder.lemma_.lower() not in PART_IN_VERBS:
        return []  # "arrested 12 people in the raids" names no one who made the raids
    if holder.lemma_.lower() in BLAME_VERBS:
        found = [(c, f"dobj of '{holder.text}' for '{noun.text}'") for c in holder.children if c.dep_ in OBJECT_DEPS]
        # "Van Dyke was charged with murder in the shooting", "Putin implicated in the poisoning"
        found = found or [(c, f"passive subject of '{holder.text}' {prep.text} '{noun.text}'")
                          for c in holder.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if not found and holder.lemma_.lower() in PART_IN_VERBS:
            # a headline drops "is": "Putin implicated in fatal poisoning" -- the subject is the one implicated
            found = [(c, f"subject of '{holder.text}' {prep.text} '{noun.text}' (headline passive)")
                     for c in holder.children if c.dep_ in SUBJECT_DEPS]
        if not found and holder.dep_ == "acl" and holder.head.pos_ in ("NOUN", "PROPN"):
            # "President Omar Bashir, accused of genocide": the noun the participle describes
            found = [(holder.head, f"'{holder.head.text}' {holder.text} {prep.text} '{noun.text}'")]
        return found
    return []


def has_actor_modifier(found: Found, named_only: bool = False) -> bool:
    """A name or a possessive on the event noun; with `named_only`, a possessive pronoun
    ("its air strikes") does not count: the clause's subject names the actor better."""
    return any(names_someone(tok) or (tok.dep_ == "poss" and not (named_only and tok.pos_ == "PRON"))
               for tok, _ in found)


def names_someone(token: Token) -> bool:
    """A proper name that can be a party ("Taliban", "US"), not a day or an event name ("Bloody Friday")."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("DATE", "TIME", "EVENT", "FAC", "LOC"):
        return False
    return token.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or known_phrase(token)


def known_phrase(token: Token) -> bool:
    actor = lookup_actor(noun_phrase(token))
    return actor.country is not None or actor.sector is not None
