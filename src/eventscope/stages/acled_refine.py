"""ACLED sub-type for violent and protest mentions: the lexicon's decision, refined.

The trigger lexicon fixes PLOVER type, mode and CAMEO code (stages/coding.py) and
its table (data/acled.tsv) gives a first ACLED sub-type.  What the table cannot
see is the context ACLED codes by: who the victims are (civilians: Attack;
armed men: Armed clash; party activists with sticks: Mob violence), whether the
police intervened in a protest.  The ACLED classifier (stages/classify_acled.py)
reads that context from the mention's sentence and its neighbours; it may only
choose among the sub-types `data/acled_allowed.tsv` allows for the mention's
PLOVER type and mode, so an airstrike stays an Air/drone strike and the three
ontologies never disagree.  When the classifier is not confident the table's
sub-type stays, and the reason says which signal decided.

Disasters are not political violence.  "Floods killed 40", "a fire at the factory killed
15 workers" fire the same triggers as an attack, and nothing about who was hit tells them
apart, so the classifier, with CASE's two disaster types competing against the 25 ACLED
labels (`classify_acled.UNSEEN_LABELS`), reads each violent mention's sentence: when a
disaster reaches UNSEEN_CONFIDENT and no violent mention of the sentence has a perpetrator
(a known actor as subject or agent, `_perpetrator`), the mention keeps its PLOVER/CAMEO
coding (PLOVER has no disaster type and the lexicon's decision is not ours to undo) but
loses its ACLED type and sub-type, with the reason in `reasons["acled"]`.  This is the least invasive choice:
the mention stays material and keeps its casualty claims (a flood's dead are real), while
no ACLED export, table or map calls it an Attack.  The unseen types never reach an ACLED
field: they have no ACLED name (`classify_acled.acled_sub_type` refuses them); only the
snippet label (`snippet_sub_type`, CASE 2021 evaluation) can be one.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from importlib import resources

from spacy.tokens import Token

from eventscope.errors import ConfigError
from eventscope.model import Mention, Modality
from eventscope.ontology import ARMED_SECTORS, STATE_SECTORS
from eventscope.stages import classifier_signal
from eventscope.stages.coding import target_cue
from eventscope.stages.nlp import ParsedArticle, paragraph_numbers

CONFIDENT = 0.40  # classifier probability (within the allowed labels) needed to override the table
CONTEXT_SENTENCES = 1  # sentences on each side, within the paragraph, read with the mention's own
CONTEXT_MAX_WORDS = 70  # a longer window falls back to the sentence alone: encoding cost grows with length


@functools.cache
def allowed_labels() -> dict[tuple[str, str], tuple[str, ...]]:
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    text = resources.files("eventscope.data").joinpath("acled_allowed.tsv").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    for number, line in enumerate(rows[1:], 2):
        fields = line.split("\t")
        if len(fields) != 3:
            raise ConfigError(f"acled_allowed.tsv: row {number}: expected plover, mode, allowed")
        table[(fields[0], fields[1])] = tuple(label for label in fields[2].split() if label != "-")
    return table


# Sub-types that say who was hit: ACLED's "Attack" family is violence against civilians,
# an armed clash is between armed groups.  The parse's target word settles that, not the text's tone.
NOT_FOR_TARGET = {
    "armed": frozenset({"ATTACK", "SEX_VIOL", "ABDUCT_DISSAP", "FORCE_AGAINST_PROTEST", "MOB_VIOL"}),
    "civilian": frozenset({"ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}),
    "protester": frozenset({"ARMED_CLASH", "ATTACK"}),
}


# ... and who acted (the trigger's subject, by the actor dictionary's sector): territory taken by
# state forces is "Government regains territory", by anyone else "Non-state actor overtakes
# territory"; demonstrators who turn violent are a violent demonstration, not a battle or a riot;
# violence by a crowd or villagers is mob violence, not a battle or an attack (ACLED's definitions).
PROTESTER_WORDS = frozenset({"protester", "protestor", "demonstrator", "marcher"})
COLLECTIVE_WORDS = frozenset({"group", "gang", "band", "number", "dozen", "hundred", "score", "thousand"})
CROWD_WORDS = frozenset({"mob", "crowd", "villager", "resident", "youth", "local", "rioter", "throng"})
NOT_FOR_ACTOR = {
    "state": frozenset({"NON_STATE_ACTOR_OVERTAKES_TER"}),
    "non-state": frozenset({"GOV_REGAINS_TERIT"}),
    "protester": frozenset({"ARMED_CLASH", "ATTACK", "MOB_VIOL"}),
    "crowd": frozenset({"ARMED_CLASH", "ATTACK"}),
    # an organised armed force (army, rebels, police, a paramilitary) is no mob and no demonstration
    "armed": frozenset({"MOB_VIOL", "VIOL_DEMONSTR"}),
}
TERRITORY_LABELS = ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER")
TERRITORY_SUB_TYPES = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


# Intent to cooperate (CAMEO 03x) told by a word of promising, or recoded from a future act ("vowed to
# eliminate terrorism", "talks were postponed"): a stated position, which ACLED codes no event for.
# "Agreed to a ceasefire" (also 03x) is an ACLED agreement.
INTENT_CAMEO = "03"
PROMISE_LEMMAS = frozenset({"vow", "pledge", "promise", "swear", "intend", "plan", "offer", "hope", "expect"})


def _only_intent(parsed: ParsedArticle, mention: Mention) -> bool:
    """A stated intent, which ACLED does not record ("will release the hostages"); one two sides agreed on
    ("agreed on a prisoner swap") is an agreement, which it does."""
    token = parsed.trigger(mention)
    if mention.reasons.get("modality", "").startswith(("governed by 'agree", "governed by 'Agree")):
        return False
    return mention.cameo.startswith(INTENT_CAMEO) and (
        "stated position" in mention.reasons.get("plover", "")
        or (token is not None and token.lemma_.lower() in PROMISE_LEMMAS))


# CAMEO codes of harm done to people (abduct 181, assault 182, assassinate 185-186), never to property.
PEOPLE_HARM_CODES = ("181", "182", "185", "186")


def allowed_for(mention: Mention, target: str | None = None, actor: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The sub-types the table allows the mention's PLOVER type and mode, less those its target and
    actor rule out."""
    table = allowed_labels()
    own = (mention.plover, mention.plover_mode or "*")
    allowed = table[own] if own in table else table.get((mention.plover, "*"), ())
    if mention.acled_sub_type in TERRITORY_SUB_TYPES:  # taking ground: who took it decides which
        allowed = TERRITORY_LABELS
    banned = set(NOT_FOR_TARGET.get(target or "", frozenset()))
    if mention.cameo.startswith(PEOPLE_HARM_CODES):
        banned.add("PROPERTY_DISTRUCT")  # an abduction, beating, killing or assassination harms people
    for kind in actor:
        banned |= NOT_FOR_ACTOR[kind]
    return tuple(label for label in allowed if label not in banned)


def doers(trigger: Token) -> list[Token]:
    """Who did it, by the parse: the passive agents, then the subjects; with neither, the subject
    of the verb a conjunct or an adverbial clause shares ("residents attacked shops and clashed",
    "a crowd set upon him, beating him")."""
    heads = [g for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    heads += [c for c in trigger.children if c.dep_ == "nsubj"]
    verb = trigger
    while not heads and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        verb = verb.head  # "pulled them from a vehicle, stoned them and burned them alive": up the chain
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
    return heads


def actor_kinds(parsed: ParsedArticle, mention: Mention) -> frozenset[str]:
    """What the trigger's grammatical subject (or passive agent) is: "state" or "non-state", and
    "armed" for an organised armed force, by the actor dictionary's sector; "protester" or "crowd"
    by its head noun.
    Empty when there is no subject or nothing is known of it."""
    from eventscope.stages.actor_lookup import lookup_actor

    trigger = parsed.trigger(mention)
    if trigger is None:
        return frozenset()
    heads = doers(trigger)
    if not heads and trigger.dep_ == "acl" and trigger.tag_ == "VBG":  # "a crowd ..., beating him"
        heads = [trigger.head]
    if not heads:
        return frozenset()
    head = heads[0]
    if head.lemma_.lower() in COLLECTIVE_WORDS:  # "groups of youths": the members say who acted
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), head)
    if head.lemma_.lower() in PROTESTER_WORDS:
        return frozenset({"protester"})
    if head.lemma_.lower() in CROWD_WORDS:  # a crowd, villagers, residents: their violence is mob violence
        return frozenset({"non-state", "crowd"})
    sector = lookup_actor(parsed.doc[head.left_edge.i:head.i + 1].text).sector
    if sector is None:
        return frozenset()
    return frozenset({"state" if sector in STATE_SECTORS else "non-state"} | ({"armed"} if sector in ARMED_SECTORS else set()))


def _target(parsed: ParsedArticle, mention: Mention) -> str | None:
    token = parsed.trigger(mention)
    cue = target_cue(token) if token is not None else None
    return cue[0] if cue else None


def _context(parsed: ParsedArticle, mention: Mention) -> str:
    """The mention's sentence with its neighbours in the same paragraph (no blank line between)."""
    sentences = parsed.sentences
    text = parsed.article.text
    first = last = mention.sentence_index
    while first > 0 and mention.sentence_index - first < CONTEXT_SENTENCES \
            and "\n\n" not in text[sentences[first - 1].end:sentences[first].start]:
        first -= 1
    while last + 1 < len(sentences) and last - mention.sentence_index < CONTEXT_SENTENCES \
            and "\n\n" not in text[sentences[last].end:sentences[last + 1].start]:
        last += 1
    window = " ".join(s.text.strip() for s in sentences[first:last + 1])
    if len(window.split()) > CONTEXT_MAX_WORDS:
        return sentences[mention.sentence_index].text.strip()
    return window


# A protest the police broke up, tear-gassed or arrested people at is ACLED's "Protest with
# intervention"; the intervention is told as its own mention in the same or the next sentence.
INTERVENTION_MODES = frozenset({"crowd-control", "arrest"})
FORCE = "Excessive force against protesters"
# Words of a protester hurt (not of "fired tear gas"): they make the intervention excessive force.
HARM_STEMS = ("kill", "shot", "shoot", "wound", "injur", "beat", "murder", "stab", "hack")
INTERVENTION_SUB_TYPES = frozenset({FORCE, "Protest with intervention", "Arrests"})


def _with_interventions(mentions: list[Mention]) -> list[Mention]:
    interventions = [m for m in mentions if m.plover != "PROTEST" and m.modality == Modality.OCCURRED
                     and (m.plover_mode in INTERVENTION_MODES or m.acled_sub_type in INTERVENTION_SUB_TYPES)]
    out = []
    for mention in mentions:
        force = next((m for m in mentions if m is not mention and m.modality == Modality.OCCURRED
                      and m.trigger.text.lower().startswith(HARM_STEMS) and (
                          (m.acled_sub_type == FORCE and 0 <= m.sentence_index - mention.sentence_index <= 1)
                          or (m.acled_sub_type == "Attack" and m.sentence_index == mention.sentence_index
                              and mention.acled_sub_type == "Protest with intervention"))), None)
        if force is not None and (mention.acled_sub_type == "Protest with intervention" or (
                mention.acled_sub_type == "Peaceful protest")):
            # a protester (or anyone, where the police broke the protest up) killed or shot: the
            # intervention was excessive force (ACLED's rule)
            reasons = {**mention.reasons, "acled": f"{FORCE}: '{force.trigger.text}' at the protest"}
            out.append(replace(mention, acled_type="Protests", acled_sub_type=FORCE, reasons=reasons))
            continue
        near = next((m for m in interventions if 0 <= m.sentence_index - mention.sentence_index <= 1), None)
        if mention.acled_sub_type == "Peaceful protest" and near is not None:
            reasons = {**mention.reasons, "acled": f"Protest with intervention: '{near.trigger.text}' "
                                                   f"({near.acled_sub_type or near.plover_mode}) at the protest"}
            mention = replace(mention, acled_type="Protests", acled_sub_type="Protest with intervention",
                              reasons=reasons)
        out.append(mention)
    return out


def refine_acled(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """The classifier's choice among the allowed sub-types, then the codebook's structural rules
    (the weapon names the sub-type, seized weapons, protesters who destroy property), then the
    protests that met an intervention; last, violence that was a disaster loses its ACLED coding."""
    from eventscope.stages.acled_structure import structural_rules

    return _not_disasters(parsed, _with_interventions(structural_rules(parsed, _classifier_refined(parsed, mentions))))


# ACLED's political-violence types: what a disaster's "killed", "exploded", "burned" is mistaken for.
VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DISASTER_LABELS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER")
# Probability (all CASE labels competing) at which a type outside ACLED counts: a disaster takes the ACLED
# coding off a violent mention here, and any unseen type labels a snippet (snippet_sub_type).  One number
# for both, measured on tests/fixtures/eval/case2021_written_{a..i}: at 0.40 no ACLED snippet of a..h
# changes label, every unseen-type snippet of i is found, and 0.50 missed a market fire at 0.46.
UNSEEN_CONFIDENT = 0.40


def _perpetrator(parsed: ParsedArticle, mention: Mention, triggers: set[int]) -> bool:
    """Someone did it: the trigger's subject or passive agent (or, for "who killed", the noun the
    clause describes; for "..., killing six", the main verb's subject) is a known actor that is not
    itself an event word of the trigger lexicon ("an explosion killed", "a fire ..., killing" name
    no one)."""
    from eventscope.stages.actor_lookup import lookup_actor
    from eventscope.stages.lexicon import lemma_of, trigger_rules

    token = parsed.trigger(mention)
    if token is None:
        return False
    for subject in doers(token):
        if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
            subject = token.head
        if subject.i in triggers or lemma_of(subject) in trigger_rules():
            continue  # an event word ("the fire", "an explosion") names no one, though the dictionary may
        if lookup_actor(parsed.doc[subject.left_edge.i:subject.i + 1].text).sector is not None:
            return True
    return False


def _not_disasters(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """Mentions coded as ACLED violence whose sentence the classifier reads as a natural or
    man-made disaster lose their ACLED type and sub-type (see the module docstring), unless a
    violent mention of that sentence has a perpetrator: a disaster has none, and "bandits attacked
    people fleeing the floods" is an attack that mentions a flood."""
    from eventscope.stages.classify import load_classifier

    violent = [i for i, m in enumerate(mentions) if m.acled_type in VIOLENCE_TYPES
               and 0 <= m.sentence_index < len(parsed.sentences)]
    if not violent or classifier_signal.scorer() is None:
        return mentions
    triggers = {m.trigger_token for m in mentions}
    perpetrated = {mentions[i].sentence_index for i in violent if _perpetrator(parsed, mentions[i], triggers)}
    # Only sentences without a perpetrator can be disasters: the encoder runs on those alone.
    violent = [i for i in violent if mentions[i].sentence_index not in perpetrated]
    texts = [parsed.sentences[mentions[i].sentence_index].text.strip() for i in violent]
    unique = list(dict.fromkeys(texts))
    probs = dict(zip(unique, load_classifier().acled.probs(unique, unseen=True), strict=True))
    out = list(mentions)
    for index, text in zip(violent, texts, strict=True):
        label = max(DISASTER_LABELS, key=lambda name: probs[text][name])
        p = probs[text][label]
        if p < UNSEEN_CONFIDENT:
            continue
        mention = mentions[index]
        reasons = {**mention.reasons, "acled": (
            f"none: the sentence reads as a {label.lower().replace('_', ' ').replace('man made', 'man-made')} "
            f"({p:.2f}), which ACLED does "
            f"not code; was {mention.acled_sub_type}")}
        out[index] = replace(mention, acled_type=None, acled_sub_type=None, reasons=reasons)
    return out


def _near_a_protest(sentence: int, protests: set[int], paragraphs: list[int]) -> bool:
    """A protest is told in this sentence or the one before or after it, in the same paragraph."""
    return any(abs(p - sentence) <= 1 and 0 <= p < len(paragraphs) and 0 <= sentence < len(paragraphs)
               and paragraphs[p] == paragraphs[sentence] for p in protests)


def _classifier_refined(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    from eventscope.stages.classify import acled_sub_type, load_classifier

    if classifier_signal.scorer() is None:  # classifiers switched off (setting) or not installed
        return mentions

    # (index, mention, what its target is, what its actor is, the sub-types those allow)
    known = [(i, m, target, kinds, allowed_for(m, target, kinds)) for i, m in enumerate(mentions)
             if not _only_intent(parsed, m)
             for target, kinds in [(_target(parsed, m), actor_kinds(parsed, m))]]
    todo = [(i, m, target, kinds, allowed) for i, m, target, kinds, allowed in known if len(allowed) > 1 or
            (len(allowed) == 1 and m.acled_sub_type != acled_sub_type(allowed[0])[1])]
    if not todo:
        return mentions
    contexts = [_context(parsed, m) for _, m, _, _, _ in todo]
    unique = list(dict.fromkeys(contexts))
    probs = dict(zip(unique, load_classifier().acled_probs(unique), strict=True))
    refined = list(mentions)
    protests = {m.sentence_index for m in mentions if m.plover == "PROTEST"}
    paragraphs = paragraph_numbers(parsed)
    for (index, mention, target, kinds, allowed), context in zip(todo, contexts, strict=True):
        scores = {label: probs[context][label] for label in allowed}
        total = sum(scores.values()) or 1.0
        if (len(scores) > 1 and target != "protester"
                and not _near_a_protest(mention.sentence_index, protests, paragraphs)):
            # Force against protesters needs protesters: the target says so, or a protest is told in the
            # sentence or next to it ("gang members opened fire on a crowd", no protest told, is no such
            # force).  Its share still counts in the total: leaving it out must not make the rest surer.
            scores.pop("FORCE_AGAINST_PROTEST", None)
            if "protester" not in kinds:
                # likewise a violent demonstration needs demonstrators: a crowd that lynches, with no
                # protest told, is mob violence
                scores.pop("VIOL_DEMONSTR", None)
        if mention.plover == "PROTEST" and len(scores) > 1 and not _met_by_force(parsed, mention, mentions):
            # an intervention needs someone who intervened: "staged a sit-in ... before dispersing in the
            # evening" is peaceful (its share still counts in the total, as above)
            scores.pop("PROTEST_WITH_INTER", None)
            scores.pop("FORCE_AGAINST_PROTEST", None)
        label, best = max(scores.items(), key=lambda item: item[1])
        share = best / total
        own_allowed = any(acled_sub_type(a)[1] == mention.acled_sub_type for a in allowed)
        if len(allowed) > 1 and share < CONFIDENT and own_allowed:
            continue  # unsure, and the table's sub-type fits what is known of actor and target
        acled_type, sub_type = acled_sub_type(label)
        if sub_type == mention.acled_sub_type:
            continue
        reasons = dict(mention.reasons)
        reasons["acled"] = (f"classifier: {sub_type} ({share:.2f} of the {len(allowed)} sub-types "
                            f"{mention.plover}/{mention.plover_mode or '-'} allows); table said "
                            f"{mention.acled_sub_type or 'none'}")
        refined[index] = replace(mention, acled_type=acled_type, acled_sub_type=sub_type, reasons=reasons)
    return refined


# Words for those who break up a protest.
FORCE_WORDS = frozenset({"police", "policeman", "officer", "soldier", "troop", "army", "security", "force",
                         "gendarme", "gendarmerie", "guard", "militia", "authority"})


def _met_by_force(parsed: ParsedArticle, mention: Mention, mentions: list[Mention]) -> bool:
    """The protest's sentence or the next tells an act of force or arrest, or names those who use it."""
    if any(m.plover in ("ASSAULT", "COERCE") and 0 <= m.sentence_index - mention.sentence_index <= 1
           for m in mentions if m is not mention):
        return True
    return any(t.lemma_.lower() in FORCE_WORDS for s in parsed.sentences[mention.sentence_index:mention.sentence_index + 2]
               for t in parsed.span_of(s) or ())


SNIPPET_CONFIDENT = 0.30  # classifier probability needed to label a text no trigger was found in
# The classifier overrides the main event's sub-type only when it is this sure of another label...
SNIPPET_OVERRIDE = 0.80
# ... and gives the event's own sub-type no more than this (the lexicon coded a side event).
SNIPPET_DISAGREE = 0.02


def snippet_sub_type(text: str, event_sub_type: str | None = None) -> tuple[str | None, str, float] | None:
    """(ACLED type, sub-type, probability) of a short report, from the classifier over all 25
    sub-types; None to keep `event_sub_type` (the sub-type of the report's main event, if any).

    First the CASE types outside ACLED: one that reaches UNSEEN_CONFIDENT with all labels
    competing is the label, returned as (None, "NATURAL_DISASTER", p): no ACLED type, and the
    CASE name as the sub-type (evaluate/labels/case2021.tsv maps it to itself), unless the main
    event is ACLED violence (VIOLENCE_TYPES: a cartel's ambush is an Attack).  A flood that
    "killed 20" has no such event: the pipeline already took the ACLED coding off a violent
    mention whose sentence reads as a disaster and names no perpetrator (`_not_disasters`).
    Otherwise, over the 25 ACLED labels:

    With no event, the classifier's label counts when its probability reaches SNIPPET_CONFIDENT:
    the lexicon knows the usual wordings, the classifier's descriptions catch the rest ("women
    were assaulted", "the group named a new leader").  With an event, the classifier overrides it
    only when it is very sure of another label and gives the event's reading almost no chance
    (the two were measured on our written CASE-style sets: see docs/evaluation.md)."""
    from eventscope.stages.classify import acled_sub_type, load_classifier
    from eventscope.stages.classify_acled import CASE_LABELS, UNSEEN_LABELS

    if classifier_signal.scorer() is None:
        return None
    every = load_classifier().acled.probs([text], unseen=True)[0]
    unseen = max(UNSEEN_LABELS, key=lambda name: every[name])
    if every[unseen] >= UNSEEN_CONFIDENT and _acled_type(event_sub_type) not in VIOLENCE_TYPES:
        return None, unseen, every[unseen]
    acled_total = sum(p for name, p in every.items() if name in CASE_LABELS) or 1.0
    probs = {name: p / acled_total for name, p in every.items() if name in CASE_LABELS}  # = the 25-way softmax
    label, best = max(probs.items(), key=lambda item: item[1])
    if event_sub_type == "Disrupted weapons use":
        return None  # the weapons' names read as their use; the seizing verb the lexicon found says otherwise
    if event_sub_type is None:
        keep = best < SNIPPET_CONFIDENT
    else:
        own = max((p for name, p in probs.items() if acled_sub_type(name)[1] == event_sub_type), default=0.0)
        keep = best < SNIPPET_OVERRIDE or own > SNIPPET_DISAGREE
    if keep:
        return None
    acled_type, sub_type = acled_sub_type(label)
    if {sub_type, event_sub_type} == TERRITORY_SUB_TYPES:
        return None  # who took the ground (state or not) is the actor rules' call; wording cannot tell
    return acled_type, sub_type, best


def _acled_type(sub_type: str | None) -> str | None:
    from eventscope.stages.classify_acled import case_labels

    return next((c.acled_type for c in case_labels() if c.in_acled and c.acled_sub_type == sub_type), None)
