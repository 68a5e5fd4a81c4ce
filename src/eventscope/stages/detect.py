"""Stage detect: event triggers in each sentence, coded once in CAMEO, PLOVER and ACLED.

How one mention is coded, step by step (each step writes a reason; the per-token coding is
stages/coding.py, the lexicon matcher stages/lexicon.py, modality stages/modality.py, the
classifier hook stages/classifier_signal.py, the actor-pair coder stages/dyad.py):

1. trigger   a token whose lemma (+ required particle/object) is in data/triggers.tsv;
             the most specific row wins ("call for revenge" beats "call for").
2. cameo     the row's CAMEO code; for a generic attack (180/190/1823) a weapon word on
             the trigger or its dependents (data/modes.tsv) picks the specific code
             ("rocket attack" -> 194, "drone killed" -> 195 + drone).
3. plover    PLOVER type, mode and Goldstein come from that CAMEO code (ontology.cameo_code);
             the weapon word's mode overrides the code's default mode when it is more precise.
4. acled     from (PLOVER type, mode, CAMEO, target cue) in data/acled.tsv.
5. modality  stages/modality.py (negation, denial, threat, hedges, future).
6. recode    data/recode.tsv: a future cooperative act is an intent (AGREE), a refused one a
             rejection (REJECT), "X says Y must ..." a demand (REQUEST).
7. classify  when stages/classify.py and its model are present, its scores can pick between the
             lexicon's types for an ambiguous trigger; `reasons["decided_by"]` names the signal.

Over-generation guards: speech verbs are not in the lexicon; tokens inside names
("Popular Mobilization Forces") and noun modifiers ("attack damage") are skipped, except
violence words, which name an event there too ("homicide rate", "assassination attempt",
"slain soldiers"; not "combat troops", "attack helicopter", see NOT_EVENT_HEADS); a noun
that restates the event of a governing verb or noun in the same sentence ("killed in the
airstrikes", "carried out airstrikes", "each strike hit") is merged into one mention —
the more specific of the two (a weapon mode beats none) is kept and the other is named
in `reasons["merged"]`.  Mentions of the same event across sentences are left to assemble.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventscope.model import Mention, Modality, Span
from eventscope.stages import acled_refine, classifier_signal, dyad
from eventscope.stages.coding import (
    Candidate,
    code_token,
    common_word_opening_sentence,
    is_name_word,
    to_mention,
)
from eventscope.stages.lexicon import ANSWER_NOUNS, is_weapon_mode, lemma_of
from eventscope.stages.modality import nobody_did_it
from eventscope.stages.nlp import ParsedArticle

__all__ = ["Candidate", "code_dyad", "code_token", "detect"]

# Dependencies through which a noun restates its governor's event ("killed in the strike").
RESTATE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "acl", "relcl", "appos", "oprd", "xcomp",
                          "compound", "amod"})
# Verbs that report a casualty of an attack rather than name it ("killed in the airstrike").
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "die", "hurt", "maim"})
RESTATE_PREPS = frozenset({"in", "during", "by", "with", "under", "from", "of", "to", "on"})
COPULAS = frozenset({"be", "remain", "become"})


# Nouns that a violence word in a compound describes rather than names an event of: a unit, a
# vehicle or weapon built for it, a place, or a person known by an event the story tells elsewhere
# ("combat troops", "attack helicopter", "war zone", "bombing suspect", "a drone combat exercise", "war
# crimes", "kidnapping gangs").
NOT_EVENT_HEADS = frozenset({
    "troop", "force", "unit", "brigade", "battalion", "squad", "team", "soldier", "pilot", "mission", "role",
    "helicopter", "aircraft", "plane", "jet", "drone", "ship", "vessel", "boat", "submarine", "vehicle", "tank",
    "dog", "rifle", "weapon", "gear", "boot", "uniform", "zone", "experience", "readiness", "capability",
    "game", "film", "movie", "video", "book", "novel", "story", "memorial", "museum", "veteran", "hero",
    "correspondent", "reporter", "photographer", "college", "chest", "room", "cabinet", "footing", "flag",
    "center", "centre", "camp", "chamber", "cell", "facility", "device", "technique", "method", "tactic",
    "suspect", "mastermind", "plotter", "witness", "survivor", "exercise", "drill", "training", "manoeuvre",
    "maneuver", "simulation", "gang", "ring", "syndicate", "network", "crime", "siren", "shelter",
})


def _is_trigger_position(token: Token) -> bool:
    """Skip words that are names or modifiers rather than events ("Iran-backed", "attack helicopter").
    A violence noun as a compound ("homicide rate", "assassination attempt", "rape victim") and a
    violence adjective ("slain soldiers") still name an event; `_modifier_allowed` checks the code."""
    if token.ent_iob_ in ("B", "I") and is_name_word(token):
        return False
    if token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN"):
        return token.pos_ == "NOUN" and lemma_of(token.head) not in NOT_EVENT_HEADS
    if token.i > 0 and token.nbor(-1).text == "-" and token.pos_ == "VERB":
        return False  # "Iran-backed", "state-sanctioned": a participle describing a noun
    if token.dep_ == "pobj" and token.head.lower_ == "of" and lemma_of(token.head.head) == "prisoner":
        return False  # "prisoners of war": a kind of captive, no war told
    return not (token.ent_type_ in ("ORG", "PERSON", "WORK_OF_ART", "LAW") and token.pos_ != "VERB"
                and not common_word_opening_sentence(token))


# Nouns for installations, firms and rules: a participle on one says what it is for ("facilities
# supporting Ukraine's military-industrial complex", "a law banning protests"), not a deed someone did.
FUNCTION_HEADS = frozenset({"facility", "infrastructure", "site", "plant", "factory", "enterprise", "company",
                            "firm", "industry", "depot", "warehouse", "network", "system", "program",
                            "programme", "project", "law", "legislation", "bill", "policy", "rule", "regulation"})


# Participles that say where a group stands, not what it did ("an armed group opposed to military rule",
# "militias backed by Iran", "fighters loyal to the army"): a relation, told as a state.
STANCE_PARTICIPLES = frozenset({"oppose", "back", "support", "ally", "align", "affiliate", "link", "tie",
                                "sponsor", "arm", "fund", "equip"})


def _modifier_allowed(cand: Candidate) -> bool:
    """A modifier is a trigger only for violence: a compound noun coded ASSAULT, an adjective or
    participle by a row written for that position (pos A), or a verb form of an ASSAULT row.  A
    participle saying what an installation or a rule is for is none (FUNCTION_HEADS)."""
    token = cand.token
    if token.dep_ == "acl" and token.tag_ == "VBG" and lemma_of(token.head) in FUNCTION_HEADS:
        return False
    if token.dep_ == "acl" and token.tag_ == "VBN" and lemma_of(token) in STANCE_PARTICIPLES \
            and not any(c.dep_ == "npadvmod" or c.ent_type_ in ("DATE", "TIME") for c in token.subtree):
        return False  # "backed by Iran", but "the militia armed on Monday by ..." is told
    if token.dep_ == "compound":
        return cand.plover == "ASSAULT"
    if token.dep_ == "amod":
        return cand.plover == "ASSAULT" and (cand.match.rule.pos == "A" or token.tag_ == "VBN")
    return True


def _restates(child: Token, head: Token, same_code: bool = False) -> bool:
    """True when `child` is a dependent of `head` that names the same happening.

    Through a preposition only "in/by/with/during/..." restate ("killed in the strike");
    "retaliation for the attack" names another event, unless both words carry the same
    CAMEO code ("called for revenge").
    """
    if child.head.i == head.i and child.dep_ in RESTATE_DEPS:
        return True
    if (child.dep_ == "nsubj" and head.dep_ == "attr" and child.head.i == head.head.i
            and lemma_of(child.head) in COPULAS and lemma_of(head) not in ANSWER_NOUNS):
        # "the deadliest attack remains the June 2021 massacre in Solhan": one happening ("those strikes
        # were retaliation for a rocket attack" tells a link the relations stage reads, and stays two words)
        return True
    if (child.dep_ == "relcl" and lemma_of(child) in CASUALTY_VERBS and child.head.dep_ == "pobj"
            and child.head.head.head.i == head.i and head.pos_ == "NOUN" and child.head.ent_type_ not in ("PERSON", "NORP")
            and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in child.children)):
        return True  # "the truck bombing at Mogadishu's Zoobe junction that killed 500": the parser's junction killed no one
    if child.head.i == head.i and child.dep_ == "advcl" and child.tag_ == "VBG":
        return True  # "two bombs exploded, killing three people": the killing is the explosion's result
    if (child.dep_ == "conj" and child.tag_ == "VBG" and child.head.dep_ == "advcl"
            and child.head.tag_ == "VBG" and child.head.head.i == head.i):
        return True  # "... killing three and injuring 260"
    return (child.dep_ == "pobj" and child.head.head.i == head.i and child.head.dep_ in ("prep", "agent")
            and (same_code or child.head.lower_ in RESTATE_PREPS))


def _better(a: Candidate, b: Candidate) -> Candidate:
    """The more informative of two mentions of one happening: a weapon mode, then specificity."""
    def score(c: Candidate) -> tuple[int, int, int]:
        return (int(c.mode is not None), c.match.rule.specificity, int(c.token.pos_ == "VERB"))
    # a modifier restating its noun ("deadly blast", "terror attack") leaves the noun the trigger
    if a.token.dep_ in ("amod", "compound") and a.token.head.i == b.token.i:
        return b
    if b.token.dep_ in ("amod", "compound") and b.token.head.i == a.token.i:
        return a
    # "the strike hit the village, destroying a monastery": what an attack's result clause says it did
    # to one target (an act mode: destroy, abduct) does not recode the attack
    # ("raided a village, killing several residents, torching homes and carrying off 20 people" too)
    for deed, result in ((a, b), (b, a)):
        clause = result.token
        while clause.dep_ == "conj" and clause.tag_ == "VBG" and clause.head.tag_ == "VBG" and clause.head.i != clause.i:
            clause = clause.head
        if (clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.head.i == deed.token.i
                and result.token.tag_ == "VBG" and deed.plover == "ASSAULT" and result.mode is not None
                and not is_weapon_mode(result.mode)):
            return deed
    # "killed in a battle": the casualty is the counts stage's claim; the attack noun names the event
    if lemma_of(a.token) in CASUALTY_VERBS and b.token.pos_ == "NOUN" and lemma_of(b.token) not in CASUALTY_VERBS:
        return b
    if lemma_of(b.token) in CASUALTY_VERBS and a.token.pos_ == "NOUN" and lemma_of(a.token) not in CASUALTY_VERBS:
        return a
    return a if score(a) >= score(b) else b


def _raid_of_arrest(raid: Candidate, arrest: Candidate) -> bool:
    """"security forces arrested 14 suspects in raids in Hodan": the raid is how the arrest was made (ACLED
    codes it as the arrest), not an attack of its own; the parser hangs "in raids" on the verb or on
    its object."""
    if lemma_of(raid.token) != "raid" or raid.token.pos_ != "NOUN" or raid.plover != "ASSAULT" \
            or arrest.mode != "arrest" or raid.token.dep_ != "pobj" or raid.token.head.lower_ not in ("in", "during"):
        return False
    holder = raid.token.head.head
    return holder.i == arrest.token.i or (holder.dep_ in ("dobj", "nsubjpass") and holder.head.i == arrest.token.i)


def _merge_restatements(candidates: list[Candidate]) -> list[Candidate]:
    kept = list(candidates)
    changed = True
    while changed:
        changed = False
        for a in kept:
            for b in kept:
                if a is not b and _raid_of_arrest(b, a):
                    reasons = dict(a.reasons)
                    reasons["merged"] = (reasons.get("merged", "") + f" '{b.token.text}' (the raid it was made in)").strip()
                    kept = [replace(a, reasons=reasons) if c is a else c for c in kept if c is not b]
                    changed = True
                    break
                if a is b or not _restates(b.token, a.token, a.cameo == b.cameo):
                    continue
                if a.plover != b.plover:
                    # "went on strike": the noun is the object a's own row asked for, so it is part
                    # of a's trigger, whatever type the noun alone would have had
                    # (a verb complement, "vowed to strike", stays its own mention with its own modality)
                    if (lemma_of(b.token) in a.match.evidence.split() and not b.match.rule.specificity
                            and b.token.pos_ in ("NOUN", "PROPN")):
                        reasons = dict(a.reasons)
                        reasons["merged"] = (reasons.get("merged", "") + f" '{b.token.text}'").strip()
                        kept = [replace(a, reasons=reasons) if c is a else c for c in kept if c is not b]
                        changed = True
                        break
                    continue
                winner = _better(a, b)
                loser = b if winner is a else a
                reasons = dict(winner.reasons)
                reasons["merged"] = (reasons.get("merged", "") + f" '{loser.token.text}'").strip()
                modality = winner.modality if winner.modality is not Modality.OCCURRED else a.modality
                if winner is b and b.token.dep_ in ("nsubj", "nsubjpass") and any(
                        c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in a.token.children):
                    # "a bomb attack on Monday could have killed dozens": a modal perfect says what did not
                    # follow from the subject event, not that the event did not happen
                    modality = winner.modality
                if lemma_of(loser.token) in CASUALTY_VERBS and nobody_did_it(loser.token) is not None:
                    # "no one was injured in the attack": no one was hurt, the attack happened
                    modality = winner.modality
                modes = tuple(dict.fromkeys(m for m in (*winner.merged_modes, loser.mode, *loser.merged_modes)
                                            if m is not None and m != winner.mode))
                merged = replace(winner, reasons=reasons, modality=modality, merged_modes=modes,
                                 confidence=min(0.95, max(a.confidence, b.confidence) + 0.05))
                kept = [merged if c is winner else c for c in kept if c is not loser]
                changed = True
                break
            if changed:
                break
    return kept


def _sentence_candidates(sent: SpacySpan) -> list[Candidate]:
    found = []
    for token in sent:
        if not _is_trigger_position(token):
            continue
        cand = code_token(token)
        if cand is not None and _modifier_allowed(cand):
            found.append(classifier_signal.refine_sentence(cand, sent))
    # a weak trigger ("ordered ...") gives way to an event in its own subtree ("ordered the release")
    found = [c for c in found if not c.match.rule.weak
             or not any(o is not c and o.token.i in {t.i for t in c.token.subtree} for o in found)]
    return _merge_restatements(found)


def detect(parsed: ParsedArticle) -> list[Mention]:
    """Every event mention in the article, in text order, with modality (only OCCURRED is material)."""
    mentions: list[Mention] = []
    for index, sent in enumerate(parsed.doc.sents):
        for cand in sorted(_sentence_candidates(sent), key=lambda c: c.token.i):
            mentions.append(to_mention(parsed, index, cand))
    return acled_refine.refine_acled(parsed, mentions)


def code_dyad(parsed: ParsedArticle, source: Span | None, target: Span | None) -> Mention | None:
    """The event coded between two actor spans of one sentence (PLV / PLOVER GSR task)."""
    return dyad.code_dyad(parsed, source, target)
