"""Dates lent by other events (used by the when stage when a mention's sentence has no phrase).

Each function returns the TimeRef of another event with a reason that says
where it came from, or None.  The order in which the when stage tries them is
written in `when.py`'s docstring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventscope.model import Mention, Modality, TimeRef
from eventscope.ontology import modes_agree
from eventscope.stages.actor_nouns import TALK_ABOUT_VERBS
from eventscope.stages.lexicon import FORCE_ROOTS, match_trigger
from eventscope.stages.syntax import relative_clause_noun

_LINK_PREPS = frozenset({"in", "during", "from", "by", "under", "since"})
_DEFINITE = frozenset({"the", "those", "these", "this", "that", "each"})


def matching(lemma: str, candidates: list[tuple[Mention, TimeRef]], doc: Doc,
             nearest: bool) -> tuple[Mention, TimeRef] | None:
    """The candidate whose trigger has `lemma` (exact before suffix: "airstrikes" ~ "strikes").

    Within a paragraph the nearest wins; across the article the first, since a
    news lead introduces the event that later definite mentions refer back to."""
    for exact in (True, False):
        hits = [(m, t) for m, t in candidates
                if (_stem(doc[m.trigger_token].lemma_.lower()) == _stem(lemma) if exact
                    else _suffix_match(doc[m.trigger_token].lemma_.lower(), lemma))]
        if hits:
            return hits[-1] if nearest else hits[0]
    return None


def _stem(word: str) -> str:
    """'bombings', 'bombing' and 'bomb' alike (the parser lemmatises an event noun either way)."""
    for suffix in ("ings", "ing", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _suffix_match(a: str, b: str) -> bool:
    return a != b and ((len(b) > 4 and a.endswith(b)) or (len(a) > 4 and b.endswith(a)))


def linked(trigger: Token, earlier: list[tuple[Mention, TimeRef]], doc: Doc, *, nearest: bool) -> TimeRef | None:
    """'killed in the airstrikes': the date of the airstrikes mentioned before."""
    for prep in (c for c in trigger.children if c.dep_ in ("prep", "agent") and c.lower_ in _LINK_PREPS):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            if not nearest and noun.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in noun.children):
                continue  # "killed in demonstrations against the cost of living in 2023": others, not those told
            hit = matching(noun.lemma_.lower(), earlier, doc, nearest)
            if hit is not None:
                why = hit[1].reason.split("; ")[0]
                return replace(hit[1], reason=f"{why}; date of the '{noun.text}' in sentence {hit[0].sentence_index}")
    return None


# Words that name an event of a type without saying how it was done.
_BARE_NAMES = frozenset({"attack", "assault", "incident", "raid", "ambush", "massacre", "killing", "killings"})


def same_event(trigger: Token, mention: Mention, earlier: list[tuple[Mention, TimeRef]], doc: Doc,
               paragraph: list[int]) -> TimeRef | None:
    """'the strikes', 'those attacks', 'each strike hit ...', or the same multi-word trigger
    again: an event already told (the nearest such in the paragraph, else the first in the article)."""
    noun = trigger
    if trigger.pos_ in ("VERB", "AUX"):  # "each strike hit its target": the subject names the event
        noun = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"), trigger)
        if noun is trigger and (named := relative_clause_noun(trigger)) is not None:
            noun = named  # "the strikes, which hit areas around Kobani": the strikes told before
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
    repeated = noun is trigger and " " in mention.trigger.text.strip()
    if noun.pos_ != "NOUN" or not (definite or repeated):
        return None
    if mention.modality is Modality.OCCURRED:
        # "the failures that allowed the attack" is the attack that happened, not the offensive vowed
        # in the sentence before
        earlier = [(m, t) for m, t in earlier if m.modality is Modality.OCCURRED]
    if not definite:
        text = mention.trigger.text.lower()
        earlier = [(m, t) for m, t in earlier if m.trigger.text.lower() == text]
    near = [(m, t) for m, t in earlier if paragraph[m.sentence_index] == paragraph[mention.sentence_index]]
    if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in TALK_ABOUT_VERBS:
        # "neutralised 15 terrorists ..., without mentioning the attack on the market": what a sentence
        # talks about is not the deed it tells
        near = [(m, t) for m, t in near if m.sentence_index != mention.sentence_index]
    # "... a drone killed Soleimani.  Al-Muhandis was also killed in the attack": within the paragraph
    # a definite event noun names the latest event of its type even when that one was told by a verb
    # (of a compatible mode: "the bombings" after a gun battle are not the gun battle)
    same_type = [(m, t) for m, t in near if _same_type(m, mention)]
    # ... and across paragraphs, the lead's event of its type and weapon ("A suicide bomber blew himself
    # up ... [next paragraph] The blast in the Bannu district came two days after ...")
    # ("The Islamic State claimed responsibility for the attack": a bare "the attack" names it too)
    armed = definite and noun is trigger and (mention.plover_mode is not None or noun.lemma_.lower() in _BARE_NAMES)
    lead = [(m, t) for m, t in earlier if m.plover_mode and _same_type(m, mention)][:1] if armed else []
    # "... since November 2019, when protests swept the country. Amnesty said 321 people were killed in
    # that crackdown": a demonstrative points at what was just told, whatever word told it
    pointed = [(m, t) for m, t in near if m.sentence_index < mention.sentence_index] \
        if any(c.dep_ == "det" and c.lower_ in ("that", "those") for c in noun.children) else []
    # "Fano fighters overran a police station ...  Four police officers were killed in the attack": a bare
    # name for an attack names the latest deed of force told before it in the paragraph (CAMEO 18-20:
    # assault, fight, mass violence), whatever type the deed was coded
    forced = [(m, t) for m, t in near if m.sentence_index < mention.sentence_index and m.cameo[:2] in FORCE_ROOTS] \
        if definite and noun.lemma_.lower() in _BARE_NAMES else []
    hit = (matching(noun.lemma_.lower(), near, doc, nearest=True)
           or (same_type[-1] if same_type and definite else None)
           or (forced[-1] if forced else None)
           or (pointed[-1] if pointed else None)
           or matching(noun.lemma_.lower(), earlier, doc, nearest=False)
           or (lead[0] if lead and _in_lead_sentence(lead[0][0], paragraph) else None)
           or (_same_subject(noun, earlier, doc) if definite and noun is not trigger else None))
    if hit is None:
        return None
    why = hit[1].reason.split("; ")[0]
    return replace(hit[1], reason=f"{why}; '{noun.text}' refers back to sentence {hit[0].sentence_index}")


def _in_lead_sentence(told: Mention, paragraph: list[int]) -> bool:
    """The mention is in the story's first sentence, or the first of the paragraph after a headline."""
    index = told.sentence_index
    return index == 0 or (paragraph[index] == 1 and paragraph[index - 1] == 0 and index == 1)


def _same_subject(noun: Token, earlier: list[tuple[Mention, TimeRef]], doc: Doc) -> tuple[Mention, TimeRef] | None:
    """'A Russian ballistic missile slammed into an apartment block late Sunday ... The missile struck the
    city's Oleksandrivskyi district just before 11 p.m.': the first event whose subject is the same thing."""
    lemma = noun.lemma_.lower()
    return next(((m, t) for m, t in earlier if any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() == lemma for c in doc[m.trigger_token].children)), None)


def lead_told_on(trigger: Token, mention: Mention, earlier: list[tuple[Mention, TimeRef]],
                 paragraph: list[int], speech: frozenset[str],
                 times: Sequence[tuple[int, tuple[dt.date | None, dt.date | None] | None]] = ()
                 ) -> TimeRef | None:
    """'M23 rebels shelled the outskirts of Goma on Saturday ... [next paragraph] Bombs struck a camp in
    Mugunga': the paragraphs after the lead tell the lead's event in detail until the story names another
    time, so a deed of the lead's type told there as a main clause's verb in the past, with no time of its
    own, happened on the lead's day (its weapon may be told in other words: shells are "bombs" to a
    witness).  `times`: (sentence, (start, end)) of the article's time phrases for deeds, in reading order."""
    if not earlier or trigger.tag_ not in ("VBD", "VBN") or not _main_clause(trigger, speech):
        return None
    # the lead sentence may tell more than one deed ("overran a market town ..., killing dozens")
    lead, date = next(((m, d) for m, d in earlier if m.sentence_index == earlier[0][0].sentence_index
                       and m.plover == mention.plover), earlier[0])
    if paragraph[lead.sentence_index] != paragraph[0] or paragraph[mention.sentence_index] <= paragraph[0]:
        return None
    # a lead that tells deeds of two days ("late Tuesday ... responded early Wednesday") has no one day
    moved_on = next((sentence for sentence, when in times
                     if sentence >= lead.sentence_index and when != (date.date, date.date_end)), None)
    if paragraph[mention.sentence_index] != paragraph[0] + 1 and (
            (moved_on is None and not times) or (moved_on is not None and mention.sentence_index >= moved_on)):
        return None  # a later paragraph, after the story moved on to another time
    if lead.plover != mention.plover or date.date is None or date.vague or (
            date.date_end is not None and (date.date_end - date.date).days > 1):
        return None  # a day, or a night ("overnight"), not a stretch
    why = date.reason.split("; ")[0]
    return replace(date, reason=f"{why}; the lead's event, told in detail after the lead")


def _main_clause(verb: Token, speech: frozenset[str]) -> bool:
    """The verb tells its sentence's own news: the root, a root's conjunct, or what a root verb of saying
    reports ("Bombs struck a camp, said a spokesman"; "put the toll at 17 and said dozens were wounded").  A deed in a clause under a noun ("two attacks,
    the worst one in which 60 people were killed") is one the sentence sets apart."""
    if verb.dep_ == "ROOT":
        return True
    head = verb.head
    if verb.dep_ in ("conj", "dep") and head.i != verb.i:  # "dep": a conjunct the parser left unlabelled
        return _main_clause(head, speech)  # "surrounded the market and opened fire, an official said"
    if verb.dep_ == "advcl" and head.i != verb.i and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark")
                                                         for c in verb.children):
        # "The vehicle was travelling toward Bure when it was struck": the when-clause is the news
        return match_trigger(head) is None and _main_clause(head, speech)
    return verb.dep_ == "ccomp" and head.lemma_.lower() in speech and head.i != verb.i and _main_clause(head, speech)


def _same_type(told: Mention, mention: Mention) -> bool:
    """The same PLOVER type, with modes that do not tell different deeds."""
    return told.plover == mention.plover and modes_agree(told.plover_mode, mention.plover_mode)


# Subordinators of a clause that says what would or will be, not when its governing event happened.
CONDITION_MARKS = frozenset({"if", "unless", "until", "once", "lest"})


def told_apart(token: Token, trigger: Token) -> bool:
    """`token` sits in a clause that tells something else than `trigger`'s event, and `trigger` outside
    it: a relative or participle clause on some noun ("the RSF, which have been at war since April 2023,
    denied ..."), or a condition or deadline ("threatened to kill them unless a ransom is paid by
    Friday").  Its date is not the trigger's."""
    for clause in (token, *token.ancestors):
        if clause.dep_ == "acl" and clause.tag_ == "VBG" and match_trigger(clause) is None:
            continue  # "kidnapped two engineers working for a contractor ... on Thursday": a state takes no day
        if clause.dep_ in ("relcl", "acl") or (clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children)):
            return trigger.i not in {t.i for t in clause.subtree}
    return False


def same_sentence(mention: Mention, ordered: list[Mention],
                  own: dict[str, tuple[TimeRef | None, TimeRef | None]], doc: Doc) -> TimeRef | None:
    """Another event of the same sentence dated by a phrase: one sentence, one time frame.  A vague
    phrase ("recent attacks") dates only its own event, and so does one in a clause told apart (`told_apart`)."""
    trigger = doc[mention.trigger_token]
    others = [m for m in ordered if m.sentence_index == mention.sentence_index and m.id != mention.id
              and (date := own[m.id][0]) is not None and not date.vague
              and not told_apart(doc[m.trigger_token], trigger) and not _on_its_noun(date, doc, m)]
    if not others:
        return None
    other = min(others, key=lambda m: abs(m.trigger_token - mention.trigger_token))
    date = own[other.id][0]
    if date is None:
        return None
    why = date.reason.split("; ")[0]
    return replace(date, reason=f"{why}; date of '{other.trigger.text}' in the same sentence")


def _on_its_noun(date: TimeRef, doc: Doc, mention: Mention) -> bool:
    """The date is written on the event noun itself ("a 2020 coup", "a July 7, 1990, rally"): it dates that
    noun only, not the sentence."""
    if date.phrase is None:
        return False
    words = doc.char_span(date.phrase.start, date.phrase.end, alignment_mode="expand")
    return words is not None and words.root.head.i == mention.trigger_token \
        and words.root.dep_ in ("nmod", "compound", "nummod", "amod", "npadvmod")


def inherit(sentence: int, paragraph: list[int], dated: dict[int, TimeRef],
            how: str = "inherited from the event in sentence {n}") -> TimeRef | None:
    """The time of the nearest earlier sentence of the same paragraph that has one in `dated`."""
    for earlier in range(sentence - 1, -1, -1):
        if paragraph[earlier] != paragraph[sentence]:
            return None
        if earlier in dated:
            source = dated[earlier]
            if source.vague:
                return None  # "recently" dates its own event; the next sentence goes back to no date
            why = source.reason.split("; ")[0]
            return replace(source, reason=f"{why}; {how.format(n=earlier)}")
    return None
