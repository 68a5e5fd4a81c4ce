"""Code one trigger token: lexicon match -> CAMEO -> PLOVER type/mode, Goldstein, modality; and
turn the result into a Mention with its ACLED type.  Shared by detect (every sentence) and
dyad (the event between two marked actors)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from eventscope.model import Mention, Modality, Span
from eventscope.ontology import CameoCode, acled_for, cameo_code, read_table
from eventscope.stages.lexicon import (
    TriggerMatch,
    find_mode,
    is_weapon_mode,
    lemma_of,
    match_trigger,
    mode_priority,
)
from eventscope.stages.modality import modality_of, obligation_cue, told_as_happening
from eventscope.stages.nlp import ParsedArticle, english_words

# CAMEO codes that say "violence" without saying how; a weapon word picks the specific code.
GENERIC_ASSAULT = frozenset({"18", "180", "19", "190", "1823", "20", "200", "183"})
NUMERIC_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
NAME_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"})


def is_name_word(token: Token) -> bool:
    """A word of a name ("Operation Iron Sword", "Hamas"), which no trigger is, unless it is a common word
    the parser took for a name (`common_word_opening_sentence`)."""
    return token.ent_type_ in NAME_ENTITIES and token.pos_ == "PROPN" and not common_word_opening_sentence(token)


def common_word_opening_sentence(token: Token) -> bool:
    """A capitalised common word that opens its sentence after a quote or a line break, which the parser
    took for a one-word name ('"  Shootings in Belfast had continued" -> PERSON)."""
    if token.ent_iob_ != "B" or (token.i + 1 < len(token.doc) and token.nbor(1).ent_iob_ == "I"):
        return False
    before = token.doc[token.sent.start:token.i]
    if not len(before) or any(not (t.is_punct or t.is_space) for t in before):
        return False  # at a plain sentence start the parser reads capitals well enough
    word = token.lower_
    return word in english_words() or (word.endswith("s") and word[:-1] in english_words())


@dataclass(frozen=True)
class Candidate:
    """One coded trigger before it becomes a Mention."""

    token: Token
    match: TriggerMatch
    cameo: str
    plover: str
    mode: str | None
    goldstein: float
    modality: Modality
    confidence: float
    reasons: dict[str, str]
    merged_modes: tuple[str, ...] = ()  # the modes of restatements merged into it ("torching" in a raid)


@cache
def _target_words() -> dict[str, str]:
    return {row["cue"]: row["target"] for row in read_table("target_words.tsv")}


@cache
def _recode_table() -> tuple[tuple[str, str, str, str], ...]:
    rows = [(r["modality"], r["cameo_prefix"], r["cameo"], r["why"]) for r in read_table("recode.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


def _recode(key: str, code: str) -> tuple[CameoCode, str] | None:
    """data/recode.tsv: a future cooperative act -> intent; a negated one -> rejection; "must" -> demand."""
    for when, prefix, target, why in _recode_table():
        if when == key and code.startswith(prefix):
            return cameo_code(target), why
    return None


def target_cue(token: Token) -> tuple[str, str] | None:
    """(civilian | protester | armed, word) when the trigger's object or passive subject says who was hit."""
    words = _target_words()
    for child in token.subtree:
        if child.dep_ in ("dobj", "pobj", "nsubjpass") and lemma_of(child) in words \
                and child.ent_type_ not in NUMERIC_ENTITIES:  # "on 5 March" is a date, not a march
            return words[lemma_of(child)], child.text
    return None


def code_token(token: Token, *, stop: Token | None = None, announced_as_threat: bool = False) -> Candidate | None:
    """Code `token` as an event trigger, or None when the lexicon has no event for it.

    `announced_as_threat`: code a conflictual act announced with will/would as a threat
    (the dyad coder's convention, see data/recode.tsv); detect keeps it as a future act.
    """
    if is_name_word(token):
        return None
    if token.ent_type_ in NUMERIC_ENTITIES:
        return None  # "1 March 2019" is a date, not a march
    match = match_trigger(token)
    if match is None or match.rule.cameo is None:
        return None
    rule = match.rule
    code = cameo_code(match.rule.cameo)
    reasons = {"plover": f"trigger '{token.text}' (lexicon: {rule.describe()} -> {code.code} {code.name})"}
    mode = code.mode
    cameo = code.code
    if code.plover == "ASSAULT":
        cue = find_mode(token)
        if cue is not None:
            found, cue_token = cue
            # a weapon word refines a generic attack, or a weapon code whose own cue is weaker
            # ("suicide bomber blew himself up": suicide-attack beats the explosives of "blow up")
            if cameo in GENERIC_ASSAULT or (is_weapon_mode(mode) and (
                    found.priority > mode_priority(mode) or _is_what_was_used(cue_token, token))):
                cameo, mode = found.cameo, found.mode
            elif mode is None:
                mode = found.mode
            where = "trigger" if cue_token.i == token.i else f"{cue_token.dep_} '{cue_token.text}'"
            reasons["mode"] = f"weapon word {where} -> {found.mode}"
        elif mode:
            reasons["mode"] = f"default mode of CAMEO {cameo}"
    elif mode:
        reasons["mode"] = f"mode of CAMEO {cameo}"
    final = cameo_code(cameo)
    if final.plover is None:
        return None
    reasons["cameo"] = f"{final.code} {final.name}" + (f" (refined from {code.code})" if final.code != code.code else "")
    modality, why = modality_of(token, stop=stop)
    obligation = obligation_cue(token) if modality is Modality.HYPOTHETICAL else None
    recoded = None if told_as_happening(token) else _recode(
        "obligation" if obligation is not None else modality.value, final.code)
    if recoded is None and announced_as_threat and modality is Modality.FUTURE and "auxiliary" in why:
        recoded = _recode("announced", final.code)
    if recoded is not None:
        # "will release" is an intent (AGREE); "will not release", "failed to agree" a refusal (REJECT)
        kind = f"'{obligation.text}'" if obligation is not None else modality.value
        reasons["cameo"] = f"{recoded[0].code} {recoded[0].name} ({kind} '{token.text}': {recoded[1]})"
        reasons["plover"] += f"; {kind}, so coded as the stated position -> {recoded[0].plover}"
        why += "; the stated position itself occurred"
        final, mode, modality = recoded[0], recoded[0].mode, Modality.OCCURRED
    reasons["modality"] = why
    reasons["decided_by"] = "lexicon"
    confidence = 0.6 + 0.15 * min(rule.specificity, 1) + (0.05 if token.pos_ == "VERB" else 0.0)
    if final.plover == "ASSAULT" and mode:
        confidence += 0.1
    plover = final.plover or code.plover or ""  # recode targets are always PLOVER events
    return Candidate(token=token, match=match, cameo=final.code, plover=plover, mode=mode,
                     goldstein=final.goldstein, modality=modality, confidence=min(confidence, 0.95),
                     reasons=reasons)


def _is_what_was_used(cue: Token, trigger: Token) -> bool:
    """The weapon word is the trigger's object, what was fired or used ("police fired tear gas"): it
    says how, over the trigger's own default ("fire" is small arms)."""
    noun = cue.head if cue.dep_ in ("compound", "amod") else cue
    return noun.dep_ == "dobj" and noun.head.i == trigger.i


def _trigger_span(token: Token) -> tuple[int, int]:
    """Trigger characters: the head plus its particle and noun modifiers ("rocket attack", "called for")."""
    start, end = token.idx, token.idx + len(token.text)
    for child in token.children:
        if child.dep_ in ("prt",) or (child.dep_ == "compound" and child.i == token.i - 1):
            start = min(start, child.idx)
            end = max(end, child.idx + len(child.text))
    return start, end


# Verbs of throwing by hand, and the fire bombs that are thrown without being grenades.
HAND_THROWN = frozenset({"lob", "hurl", "toss", "throw"})
_FIRE_BOMBS = frozenset({"molotov", "cocktail", "petrol", "gasoline", "firebomb"})


def to_mention(parsed: ParsedArticle, sentence_index: int, cand: Candidate) -> Mention:
    start, end = _trigger_span(cand.token)
    text = parsed.article.text[start:end]
    acled = None
    reasons = dict(cand.reasons)
    if cand.plover in ("ASSAULT", "PROTEST", "COERCE", "AGREE", "SUPPORT", "RETREAT", "MOBILIZE"):
        target = target_cue(cand.token)
        cues = [lemma_of(t) for t in cand.token.subtree] + [lemma_of(cand.token)]
        if lemma_of(cand.token) in HAND_THROWN and _FIRE_BOMBS.isdisjoint(cues):
            cues.append("grenade")  # "lobbed an explosive at a picket": thrown by hand, ACLED's grenade
        acled = acled_for(cand.plover, cand.mode, cand.cameo, target=target[0] if target else None, cues=cues)
        if acled is not None:
            reasons["acled"] = acled.why + (f" (target '{target[1]}')" if target else "")
    article_id = parsed.article.id
    return Mention(
        id=f"{article_id}:{sentence_index}:{start}", article_id=article_id, sentence_index=sentence_index,
        trigger=Span(start, end, text), trigger_token=cand.token.i, plover=cand.plover, cameo=cand.cameo,
        goldstein=cand.goldstein, plover_mode=cand.mode, merged_modes=cand.merged_modes,
        acled_type=acled.event_type if acled else None, acled_sub_type=acled.sub_event_type if acled else None,
        modality=cand.modality, confidence=round(cand.confidence, 3), reasons=reasons)


