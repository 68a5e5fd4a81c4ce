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
"""

from __future__ import annotations

import functools
from dataclasses import replace
from importlib import resources

from eventscope.errors import ConfigError
from eventscope.model import Mention
from eventscope.stages import classifier_signal
from eventscope.stages.coding import target_cue
from eventscope.stages.nlp import ParsedArticle

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
        table[(fields[0], fields[1])] = tuple(fields[2].split())
    return table


# Sub-types that say who was hit: ACLED's "Attack" family is violence against civilians,
# an armed clash is between armed groups.  The parse's target word settles that, not the text's tone.
NOT_FOR_TARGET = {
    "armed": frozenset({"ATTACK", "SEX_VIOL", "ABDUCT_DISSAP", "FORCE_AGAINST_PROTEST", "MOB_VIOL"}),
    "civilian": frozenset({"ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}),
    "protester": frozenset({"ARMED_CLASH", "ATTACK"}),
}


def allowed_for(mention: Mention, target: str | None = None) -> tuple[str, ...]:
    table = allowed_labels()
    allowed = table.get((mention.plover, mention.plover_mode or "*")) or table.get((mention.plover, "*"), ())
    banned = NOT_FOR_TARGET.get(target or "", frozenset())
    return tuple(label for label in allowed if label not in banned)


def _target(parsed: ParsedArticle, mention: Mention) -> str | None:
    if not 0 <= mention.trigger_token < len(parsed.doc):
        return None
    cue = target_cue(parsed.doc[mention.trigger_token])
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


def refine_acled(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    from eventscope.stages.classify import acled_sub_type, load_classifier

    if classifier_signal.scorer() is None:  # classifiers switched off (setting) or not installed
        return mentions

    todo = [(i, m, allowed_for(m, _target(parsed, m))) for i, m in enumerate(mentions)]
    todo = [(i, m, allowed) for i, m, allowed in todo if len(allowed) > 1 or
            (len(allowed) == 1 and m.acled_sub_type != acled_sub_type(allowed[0])[1])]
    if not todo:
        return mentions
    contexts = [_context(parsed, m) for _, m, _ in todo]
    unique = list(dict.fromkeys(contexts))
    probs = dict(zip(unique, load_classifier().acled_probs(unique), strict=True))
    refined = list(mentions)
    for (index, mention, allowed), context in zip(todo, contexts, strict=True):
        scores = {label: probs[context][label] for label in allowed}
        total = sum(scores.values()) or 1.0
        label, best = max(scores.items(), key=lambda item: item[1])
        share = best / total
        if len(allowed) > 1 and share < CONFIDENT:
            continue
        acled_type, sub_type = acled_sub_type(label)
        if sub_type == mention.acled_sub_type:
            continue
        reasons = dict(mention.reasons)
        reasons["acled"] = (f"classifier: {sub_type} ({share:.2f} of the {len(allowed)} sub-types "
                            f"{mention.plover}/{mention.plover_mode or '-'} allows); table said "
                            f"{mention.acled_sub_type or 'none'}")
        refined[index] = replace(mention, acled_type=acled_type, acled_sub_type=sub_type, reasons=reasons)
    return refined
