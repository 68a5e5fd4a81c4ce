"""ACLED sub-type rules the codebook states in terms of sentence structure, applied after the
ACLED classifier (stages/acled_refine.py), which reads wording, not structure.

ACLED codes an event by its weapon when one is named (a chemical agent anywhere in the act; a
killing told through a rocket hit or an airstrike is that strike); the seizure or recovery of
weapons is "Disrupted weapons use"; people seized by a non-state actor are abducted, by state
forces arrested, and one taken whose fate is unknown has been disappeared; ground handed over
or taken without a fight is a non-violent transfer; demonstrators who occupy a place protest,
and demonstrators who destroy property make a violent demonstration.  Each rule names a verb's
object, subject or clause, never a particular sentence.  Word lists are the codebook's
vocabulary for these sub-types, written by eventscope.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventscope.model import Mention, Modality
from eventscope.ontology import cameo_code
from eventscope.stages.acled_refine import PROTESTER_WORDS, TERRITORY_SUB_TYPES, actor_kinds
from eventscope.stages.lexicon import lemma_of, mode_cue, mode_cues
from eventscope.stages.nlp import ParsedArticle

REMOTE_SUB_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Grenade",
                              "Remote explosive/landmine/IED", "Suicide bomb", "Chemical weapon"})
PLAIN_VIOLENCE = frozenset({"Attack", "Armed clash"})
# Things whose seizure, recovery or defusal ACLED codes as "Disrupted weapons use".
WEAPON_WORDS = frozenset({"weapon", "arm", "arms", "ammunition", "munition", "explosive", "rocket", "missile",
                          "mine", "landmine", "grenade", "rifle", "gun", "firearm", "bomb", "ied", "cache",
                          "launcher", "pistol", "detonator", "mortar", "drone", "uav"})
# A court's acts (CAMEO 173 codes them with arrests): ACLED codes neither sentences nor convictions.
COURT_LEMMAS = frozenset({"sentence", "convict"})
# Agents named by themselves (not "chemical", "toxic": a chemical plant, toxic waste).
CHEMICAL_AGENTS = frozenset({"chlorine", "sarin", "mustard", "vx", "phosgene", "tabun", "soman"})
# Things an agent's word names without any agent used ("the Zaporizhzhia nuclear power plant", "nuclear talks").
NAMED_BY_AGENT = frozenset({"plant", "power", "station", "reactor", "facility", "program", "programme", "deal", "talk",
                            "site", "agency", "energy", "industry", "fuel", "material", "scientist", "test"})
# Riot-control agents: a chemical weapon when used in war ("drones dropped CS on its positions"), not
# when the police use them on a crowd.
RIOT_AGENTS = frozenset({"cs", "chloropicrin", "riot-control"})
# Ground that can be handed over: its transfer is ACLED's "Non-violent transfer of territory".
GROUND_WORDS = frozenset({"base", "town", "city", "village", "territory", "area", "position", "camp", "district",
                          "control", "post", "outpost", "region", "checkpoint", "airport", "garrison", "province"})
FIGHT_WORDS = frozenset({"fight", "fighting", "resistance", "clash", "battle", "shot", "bloodshed", "violence"})
PROTEST_WORDS = frozenset({"protest", "demonstration", "demonstrate", "march", "rally", "sit-in", "strike"})
PROTEST_VERBS = frozenset({"protest", "demonstrate", "riot", "rally", "march"})
DESTRUCTION_SUB_TYPES = frozenset({"Looting/property destruction"})
# Words that tell ground changing hands; without one in its sentence an armed fight takes no territory.
TAKING_LEMMAS = frozenset({"capture", "recapture", "seize", "take", "retake", "overrun", "liberate", "regain",
                           "control", "fall", "occupy", "conquer", "advance", "push", "expel", "drive", "withdraw",
                           "retreat", "enter", "storm", "clear", "territory", "ground"})
# "bandits stormed a school and carried off 73 students": storming is how they got there, the act
# that follows is the event ACLED codes.
ENTRY_VERBS = frozenset({"storm", "raid", "invade", "enter", "break", "breach"})
ACT_SUB_TYPES = frozenset({"Abduction/forced disappearance", "Attack", "Sexual violence", "Mob violence",
                           "Looting/property destruction"})


# Verbs of getting rid of a device on purpose: state forces doing this to explosives disrupt their use; a
# vehicle that "hit a landmine" did not.
DISPOSAL_VERBS = frozenset({"detonate", "destroy", "defuse", "dismantle", "neutralize", "neutralise", "explode",
                            "blow", "disable", "deactivate", "demolish", "remove", "clear", "find", "discover",
                            "recover", "seize", "dispose"})


def _relabel(mention: Mention, label: str, why: str) -> Mention:
    from eventscope.stages.classify import acled_sub_type

    acled_type, sub_type = acled_sub_type(label)
    if sub_type == mention.acled_sub_type:
        return mention
    return replace(mention, acled_type=acled_type, acled_sub_type=sub_type,
                   reasons={**mention.reasons, "acled": f"{sub_type}: {why}", "acled_by": "structure"})


def _linked(doc: Doc, plain: Mention, weapon: Mention) -> bool:
    """The plain act is told through the weapon's: "were killed when a rocket hit" (the weapon's
    verb is an adverbial clause of the act), "killed in an airstrike" (its noun an "in" object)."""
    p, w = doc[plain.trigger_token], doc[weapon.trigger_token]
    if w.head.i == p.i and w.dep_ == "advcl":
        return True
    return w.dep_ == "pobj" and w.head.lower_ in ("in", "during", "by") and w.head.head.i == p.i


def _is_weapon(obj: Token) -> bool:
    """A weapon, or a thing its modifiers arm ("an explosive-laden boat", "a weapons cache")."""
    return lemma_of(obj) in WEAPON_WORDS or any(
        lemma_of(t) in WEAPON_WORDS for t in obj.subtree if t.i < obj.i and t.dep_ in ("compound", "amod", "npadvmod"))


def _direct_objects(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [c for o in objs for c in o.conjuncts]
    objs += [g for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]  # "a cache of weapons", "a quantity of arms"
    return objs


def structural_rules(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """ACLED codes by weapon when one is named (a chemical agent anywhere in the act; a killing told
    through a strike or a blast is that strike); a seizure whose object is weapons is disrupted
    weapons use; demonstrators who destroy property make a violent demonstration."""
    doc = parsed.doc
    chemical = {cue for cue, c in mode_cues().items() if c.mode == "unconventional"}
    def told_as_fact(m: Mention) -> bool:
        return parsed.trigger(m) is not None and m.modality == Modality.OCCURRED

    valid = [m for m in mentions if told_as_fact(m)]
    out = []
    for mention in mentions:
        if not told_as_fact(mention):
            out.append(mention)
            continue
        token = doc[mention.trigger_token]
        objects = _direct_objects(token)
        if mention.plover == "ASSAULT" and mention.acled_sub_type in REMOTE_SUB_TYPES | PLAIN_VIOLENCE:
            # in the act ("shells filled with a mustard agent"), or a named agent anywhere in the
            # sentence ("symptoms of chlorine exposure after shelling")
            agent = next((t for t in token.subtree if lemma_of(t) in chemical
                          and t.head.lemma_.lower() not in NAMED_BY_AGENT), None) or \
                next((t for t in token.sent if t.lower_ in CHEMICAL_AGENTS
                      or (t.lower_ == "chemical" and t.head.lemma_.lower() in ("attack", "weapon", "agent"))), None)
            if agent is None and not _protest_told(token.sent):
                agent = next((t for t in token.sent if t.lower_ in RIOT_AGENTS), None)
            if agent is not None:
                mention = _relabel(mention, "CHEM_WEAP", f"chemical agent '{agent.text}' in the act")
        if mention.plover == "ASSAULT" and mention.acled_sub_type in PLAIN_VIOLENCE and not mention.plover_mode:
            weapon = next((w for w in valid if w.acled_sub_type in REMOTE_SUB_TYPES
                           and w.sentence_index == mention.sentence_index and _linked(doc, mention, w)), None)
            if weapon is not None:
                mention = replace(mention, acled_type=weapon.acled_type, acled_sub_type=weapon.acled_sub_type,
                                  reasons={**mention.reasons, "acled": f"{weapon.acled_sub_type}: told "
                                           f"through '{weapon.trigger.text}'"})
        if mention.plover == "COERCE" or mention.acled_sub_type in DESTRUCTION_SUB_TYPES:
            seized = next((o for o in objects if _is_weapon(o)), None)
            if seized is not None:
                mention = _relabel(mention, "DISR_WEAP", f"weapons seized ('{seized.text}')")
            elif mention.plover_mode == "seize" and mention.acled_sub_type not in TERRITORY_SUB_TYPES:
                mention = _people_seized(parsed, mention, token)
            elif mention.plover_mode == "arrest" and {"non-state", "armed"} <= actor_kinds(parsed, mention):
                # "the attackers rounded up the farmers": armed men who are no state force do not arrest
                mention = _people_seized(parsed, mention, token)
        if mention.plover == "RETREAT" and mention.plover_mode not in ("ceasefire", "release"):
            ground = next((o for o in objects if lemma_of(o) in GROUND_WORDS
                           or o.ent_type_ in ("GPE", "LOC", "FAC")), None)
            if ground is not None:
                mention = _relabel(mention, "NON_VIOL_TERRIT_TRANSFER", f"ground handed over ('{ground.text}')")
        if mention.plover_mode == "aerial" and token.lemma_.lower() == "bomb" and token.pos_ == "VERB" \
                and {"non-state", "armed"} <= actor_kinds(parsed, mention) and not _told_from_the_air(token):
            mention = _bombed_on_the_ground(mention)
        if mention.plover == "ASSAULT" and mention.acled_sub_type in TERRITORY_SUB_TYPES \
                and not any(lemma_of(t) in TAKING_LEMMAS for t in token.sent):
            # "troops repelled an attack on a base": no ground changed hands, whatever the classifier read;
            # a crowd that kills is mob violence, not a battle
            kinds = actor_kinds(parsed, mention)
            mention = _relabel(mention, "MOB_VIOL" if "crowd" in kinds else "VIOL_DEMONSTR" if "protester" in kinds
                               else "ARMED_CLASH", "no ground taken in the sentence")
        if mention.acled_sub_type in TERRITORY_SUB_TYPES and (_without_fight(token) or _handed_over(mention, mentions)):
            mention = _relabel(mention, "NON_VIOL_TERRIT_TRANSFER", "ground taken without fighting")
        if mention.acled_sub_type in TERRITORY_SUB_TYPES and "protester" in actor_kinds(parsed, mention):
            mention = _relabel(mention, "PEACE_PROTEST", "demonstrators occupying a place is a protest")
        if mention.acled_sub_type == "Arrests" and _at_protest(token):
            mention = _relabel(mention, "PROTEST_WITH_INTER", "people arrested at a protest")
        if mention.acled_sub_type == "Remote explosive/landmine/IED" and "state" in actor_kinds(parsed, mention) \
                and token.lemma_.lower() in DISPOSAL_VERBS \
                and any(lemma_of(o) in WEAPON_WORDS | {"device"} for o in objects):
            mention = _relabel(mention, "DISR_WEAP", "state forces destroyed explosives (controlled detonation)")
        if mention.acled_sub_type == "Arrests" and _fate_unknown(token.sent):
            mention = _relabel(mention, "ABDUCT_DISSAP", "taken and fate unknown: a forced disappearance")
        entering = token.lemma_.lower() in ENTRY_VERBS
        seized_people = mention.plover_mode == "seize" and bool(objects) and not any(
            lemma_of(o) in GROUND_WORDS | WEAPON_WORDS for o in objects)
        if entering or seized_people or mention.acled_sub_type == "Abduction/forced disappearance":
            # "seized 13 men and burned them to death": the seizure too is how the act was done
            act = next((m for m in valid if m.acled_sub_type in ACT_SUB_TYPES and m is not mention
                        and _told_with(doc[m.trigger_token], token) and (entering or m.plover == "ASSAULT")
                        and (entering or m.acled_sub_type != "Looting/property destruction")), None)
            if act is not None and act.acled_sub_type != mention.acled_sub_type:
                mention = replace(mention, acled_type=act.acled_type, acled_sub_type=act.acled_sub_type,
                                  reasons={**mention.reasons, "acled": f"{act.acled_sub_type}: "
                                           f"'{token.text}' to '{act.trigger.text}'"})
        if mention.acled_sub_type in DESTRUCTION_SUB_TYPES | {"Peaceful protest"}:
            mention = _protest_violence(doc, mention, valid)
        if mention.acled_sub_type == "Arrests" and token.lemma_.lower() in COURT_LEMMAS:
            mention = replace(mention, acled_type=None, acled_sub_type=None, reasons={
                **mention.reasons, "acled": f"none: a court's '{token.text}', which ACLED does not code as an arrest"})
        out.append(mention)
    return out


def _told_from_the_air(token: Token) -> bool:
    """Another word of the sentence says aircraft or drones ("rebels bombed the base with drones")."""
    return any(t.i != token.i and (cue := mode_cue(t)) is not None and cue.mode in ("aerial", "drone")
               for t in token.sent)


def _bombed_on_the_ground(mention: Mention) -> Mention:
    """"ELN rebels bombed an oil pipeline": "bomb" reads as from the air, but an armed group with
    no aircraft told sets off explosives: CAMEO 183 non-military bombing, ACLED remote explosive."""
    code = cameo_code("183")
    reasons = {**mention.reasons, "mode": "explosives: 'bombed' by an armed non-state group, no aircraft told",
               "cameo": f"{code.code} {code.name} (refined from {mention.cameo})"}
    bombed = replace(mention, cameo=code.code, goldstein=code.goldstein, plover_mode="explosives", reasons=reasons)
    return _relabel(bombed, "REM_EXPLOS", "explosives set off by an armed non-state group")


def _fate_unknown(sentence: Span) -> bool:
    """"his whereabouts remain unknown", "her fate is unknown", "has been missing since"."""
    words = {t.lower_ for t in sentence}
    if words & {"whereabouts", "fate"} and "unknown" in words:
        return True
    return any(t.lower_ == "missing" and t.head.lemma_ in ("remain", "be", "go") for t in sentence)


def _protest_told(sentence: Span) -> bool:
    return any(t.lemma_.lower() in PROTEST_WORDS | PROTESTER_WORDS | {"crowd", "rioter"} for t in sentence)


def _at_protest(token: Token) -> bool:
    """The arrests were made at the protest ("during a rally", "at the march"), or of people the text
    tells gathering there ("detained dozens of women who had gathered on the square to denounce ...").
    Protesters arrested later, or without saying where, are ACLED arrests."""
    if any(c.dep_ == "prep" and c.lower_ in ("during", "at") and any(g.lemma_.lower() in PROTEST_WORDS for g in c.subtree)
           for c in token.children):
        return True
    return any(clause.dep_ in ("relcl", "acl") and clause.lemma_.lower() in GATHERING_VERBS
               and not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
               for obj in _direct_objects(token) for clause in obj.subtree)


# Verbs of people assembling to make their point, told of those arrested.
GATHERING_VERBS = frozenset({"gather", "assemble", "rally", "protest", "demonstrate", "march", "converge"})


def _told_with(act: Token, verb: Token) -> bool:
    """The act is a conjunct of the verb or inside one ("entered Seytenga and went from house to house
    shooting men")."""
    return any(act.i == c.i or act.i in {t.i for t in c.subtree} for c in verb.conjuncts)


def _handed_over(mention: Mention, mentions: list[Mention]) -> bool:
    """The sentence says there was no fighting, or that the ground changed hands under a deal ("entered
    Aghdam as Armenian forces completed their withdrawal under the ceasefire", "elders negotiated the
    handover; no fighting was reported").  A withdrawal alone is not enough: "seized the city after
    government forces withdrew" is ground taken."""
    return any(m.sentence_index == mention.sentence_index and m is not mention and (
        (m.plover == "ASSAULT" and m.modality == Modality.NEGATED)
        or (m.modality == Modality.OCCURRED and (m.plover in ("AGREE", "CONSULT") or m.plover_mode == "ceasefire")))
        for m in mentions)


def _without_fight(token: Token) -> bool:
    """"took over the base without fighting / without resistance"."""
    return any(c.dep_ == "prep" and c.lower_ == "without" and any(g.lemma_.lower() in FIGHT_WORDS for g in c.subtree)
               for c in token.children)


def _people_seized(parsed: ParsedArticle, mention: Mention, token: Token) -> Mention:
    """People seized ("a businessman was seized by armed men") are abducted, or arrested when
    state forces seized them (ACLED: arrests are by state forces, abductions by anyone else)."""
    from eventscope.stages.counts_figures import person_nouns

    people = person_nouns()
    person = next((o for o in _direct_objects(token) if o.lemma_.lower() in people or o.ent_type_ == "PERSON"), None)
    if person is None:
        return mention
    if "state" in actor_kinds(parsed, mention):
        return _relabel(mention, "ARREST", f"state forces seized '{person.text}'")
    return _relabel(mention, "ABDUCT_DISSAP", f"'{person.text}' seized by a non-state actor")


def _protest_violence(doc: Doc, mention: Mention, valid: list[Mention]) -> Mention:
    """Property destroyed by people protesting ("villagers protesting the death ... vandalised",
    "ransacked shops while protesting his arrest"), and the protest told in that clause, are a
    violent demonstration."""
    token = doc[mention.trigger_token]
    if mention.acled_sub_type == "Peaceful protest":
        wreckers = [doc[m.trigger_token] for m in valid if m.acled_sub_type in DESTRUCTION_SUB_TYPES]
        if any(w.i != token.i and token in w.subtree and _protesting(doc, w) for w in wreckers):
            return _relabel(mention, "VIOL_DEMONSTR", "the protesters destroyed property")
        return mention
    if _protesting(doc, token):
        return _relabel(mention, "VIOL_DEMONSTR", "property destroyed by people protesting")
    return mention


def _protesting(doc: Doc, token: Token) -> bool:
    """The act's doer is protesting: a protest verb as its adverbial clause, or as a clause or
    noun modifying its subject; or the subject is a protester word."""
    verbs = [token, *token.conjuncts]  # "ransacked shops and set fire ... while protesting"
    subjects = [c for v in verbs for c in v.children if c.dep_ == "nsubj"]
    clauses = [c for v in verbs for c in v.children if c.dep_ == "advcl"]
    clauses += [c for s in subjects for c in s.subtree if c.dep_ in ("acl", "relcl")]
    if any(c.lemma_.lower() in PROTEST_VERBS for c in clauses):
        return True
    return any(s.lemma_.lower() in PROTESTER_WORDS for s in subjects)
