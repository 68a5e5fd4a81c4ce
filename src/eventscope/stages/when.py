"""Stage when: the date of each event mention, with its precision and the phrase behind it.

Phrases are found and resolved by `when_expr`; this module decides which
phrase belongs to which mention.  The fallback chain, step by step:

1. A phrase in the trigger's own clause, or modifying a noun trigger ("came
   under rocket attack Monday", "In February, the US launched airstrikes",
   "Sunday's strikes"), then one in a clause that governs it, then anywhere in
   the sentence; an end bound ("until 30 May") only last.  Why: a sentence can
   hold two events with two dates ("X on Monday, one day after Y"), and the
   parse says which date modifies which verb.  A "when" clause takes the time
   just before it ("seized on Thursday morning, when gunmen stormed ...").
2. The event named as the cause, within the paragraph ("killed in the
   airstrikes"): the nearest earlier mention whose trigger has that lemma.
3. An event told before ("the strikes", "those attacks", "each strike hit",
   the same multi-word trigger again): the nearest earlier mention with that
   lemma in the paragraph, else the first in the article, because a news lead
   introduces the event that later definite mentions refer back to.
4. Another event of the same sentence that has a phrase of its own.
5. A date on a speech verb that governs the trigger ("wrote on Twitter Monday
   that ... were attacked"): the report's date, an upper bound for the event's.
6. The date of the previous event in the same paragraph: news paragraphs keep
   talking about the same happening until they name a new time.  A sentence
   lends its main clause's time, else the day its main "said" names, else a
   time of a clause about a participant ("who seized power in 2022"); a deed
   that did not happen lends none.
7. The time an earlier sentence of the paragraph opens with ("On 8 June 2023,
   forces shelled Odesa. The strike injured 9."), even if no event was coded
   there: a fronted time adverbial frames what follows; so does the time of a
   sentence with no event that dates the unrest as a whole ("The violence
   turned deadly on Tuesday. Police said eight people were killed ...").
8. The lead's event, for a deed of its type told in the past as a main clause
   with no time in the paragraphs after the lead, until the story names
   another time ("M23 shelled Goma on Saturday ... Bombs struck a camp in
   Mugunga"): those paragraphs tell the lead in detail.  The other deeds of a
   sentence given the lead's day this way take it too ("... were killed when
   security forces fired").
9. The event named as the cause anywhere earlier in the article.
10. The dateline's date ("SAN SALVADOR, 16 NOV 89 (RADIO ...) --").
11. The publication date, with a reason saying it is a fallback.

Phrases inside quotation marks are relative to when the words were spoken
when a nearby verb of saying has a date ("... the strikes last night,"
Blinken said, after "speaking to reporters in Rome on Monday").
Tense: a phrase governed by "will"/"shall" points forward, anything else
points back, so past tense never resolves to a date after the reference.
A weekday equal to the reference's weekday means the reference day itself
(news written on a Tuesday says "Tuesday" for that day).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from eventscope.model import DatePrecision, Mention, Modality, TimeRef
from eventscope.stages.actor_nouns import TALK_ABOUT_VERBS
from eventscope.stages.lexicon import REPORT_NOUNS, match_trigger, trigger_code
from eventscope.stages.nlp import ParsedArticle, opening_match, paragraph_numbers
from eventscope.stages.syntax import (
    DEFINITE_DETERMINERS,
    clause_head,
    present_perfect,
    present_tense,
    tree_distance,
)
from eventscope.stages.when_borrow import (
    inherit,
    lead_told_on,
    linked,
    matching,
    same_event,
    same_sentence,
    told_apart,
)
from eventscope.stages.when_expr import (
    TimeExpression,
    dateparser_fallback,
    find_expressions,
    resolve,
    resolve_phrase,
)
from eventscope.stages.when_patterns import MONTHS, WEEKDAY_RE

__all__ = ["parse_dateline_date", "resolve_dates", "resolve_expression"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_DATELINE = re.compile(
    r"^\s*[A-Z][^\n,]{1,60}?,\s*(?:\([^)\n]*\)\s*,?\s*)?"
    r"(\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?=\s*\([^)\n]{1,40}\)))\b"  # "BOGOTA, March 8 (Reuters) -": no year
)
NO_DATE = "no publication date and no date in text"


def _dateline_end(text: str) -> int:
    """Where the dateline ends, at the text's start or after a headline ("Mexico reels after cartel
    ambush ...\n\nMEXICO CITY, Oct 16 (Reuters) - ..."); 0 if none."""
    return opening_match(_DATELINE, text)[1]


def resolve_expression(text: str, reference: dt.date, *, past: bool = True) -> TimeRef | None:
    """The date of a single phrase ("last year", "Monday", "16 NOV 89") against `reference`."""
    return resolve_phrase(text, reference, past=past)


def parse_dateline_date(text: str) -> dt.date | None:
    """The date in a wire dateline at the start of `text`: 'LIMA, 10 JAN 90 (EFE) --' -> 1990-01-10."""
    match = _DATELINE.match(text or "")
    if not match or re.fullmatch(r"[A-Za-z]{3,9}\.?\s+\d{1,2}", match.group(1)):
        return None  # "BAMAKO, Feb 15 (Reuters)": no year, and "15" is no year either
    found = resolve_phrase(match.group(1), None)
    return found.date if found else None


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    """Verbs of saying, from `data/speech_verbs.tsv` (shared with the counts stage)."""
    path = resources.files("eventscope") / "data" / "speech_verbs.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class _Found:
    """A time phrase placed in the parse."""

    expr: TimeExpression  # offsets relative to the sentence
    base: int  # the sentence's start in the article
    sentence: int
    head: int  # token index of the phrase's syntactic head
    tokens: frozenset[int]
    clause: int  # token index of the verb whose clause holds the phrase
    past: bool
    resolved: TimeRef | None  # None for offsets, which depend on the mention
    bound: bool = False  # "until 30 MAY": the end of a state, not when something happened


def resolve_dates(parsed: ParsedArticle, mentions: list[Mention]) -> dict[str, TimeRef]:
    """One TimeRef per mention id; never raises on odd text, never leaves a mention out."""
    article, doc = parsed.article, parsed.doc
    dateline_day = parse_dateline_date(article.dateline or "") or parse_dateline_date(article.text[:300])
    reference = article.reference_date or dateline_day
    paragraph = paragraph_numbers(parsed)
    found = _find_all(parsed, reference, paragraph)
    groups = _sentence_groups(parsed)
    # Mentions with a usable trigger, their sentence index checked against the parse.
    ordered = sorted((replace(m, sentence_index=_sentence_index(parsed, m))
                      for m in mentions if parsed.trigger(m) is not None),
                     key=lambda m: (m.sentence_index, m.trigger.start))
    results = {m.id: _fallback(reference, dateline_day) for m in mentions}
    # Pass 1: the phrase of each mention's own sentence (and a governing speech verb's date).
    own: dict[str, tuple[TimeRef | None, TimeRef | None]] = {}
    told: list[tuple[Mention, TimeRef]] = []  # mentions of earlier sentences dated by a phrase of their own
    pending: list[tuple[Mention, TimeRef]] = []  # ... and of the sentence being read
    for mention in ordered:
        if pending and pending[-1][0].sentence_index != mention.sentence_index:
            told += pending
            pending = []
        trigger = doc[mention.trigger_token]
        own[mention.id] = _from_sentence(trigger, groups[mention.sentence_index], found, reference, told)
        if (date := own[mention.id][0]) is not None:
            pending.append((mention, date))
    frames = _opening_frames(parsed, found, {m.sentence_index for m in ordered})
    # the times the story names for deeds, in reading order ("said Saturday" is the report's day)
    times = sorted(((item.sentence, (item.resolved.date, item.resolved.date_end) if item.resolved is not None
                     else None) for item in found if item.expr.kind != "vague"
                    and doc[item.clause].lemma_.lower() not in speech_lemmas()), key=lambda pair: pair[0])
    # Pass 2: the fallback chain, in reading order, so earlier events can lend their dates.
    dated: dict[int, TimeRef] = {}  # sentence index -> a date taken from text for an event there
    # ... for an event told only in a clause about a participant ("Traore, who seized power in a coup
    # in September 2022, vowed on Monday ..."): the sentence's story is its main clause, so the next
    # sentence goes on from the main clause's time, or the day its saying verb names, before this one.
    # (What did not happen, "would not return to the massacres", dates nothing after it.)
    described: dict[int, TimeRef] = {}
    spoken = _main_speech_days(parsed, found)
    framed: dict[int, TimeRef] = {}  # sentence index -> the lead's day, lent to a deed there
    earlier: list[tuple[Mention, TimeRef]] = []  # mentions dated from text so far
    # (sentence, whether in `described` rather than `dated`) whose date there is that of an event named again
    referred_only: set[tuple[int, bool]] = set()
    for mention in ordered:
        trigger = doc[mention.trigger_token]
        sentence = mention.sentence_index
        phrase, speech = own[mention.id]
        near = [(m, t) for m, t in earlier if paragraph[m.sentence_index] == paragraph[sentence]]
        # "the attack on the market", named again beside another deed of its sentence ("neutralised 15
        # terrorists ..., without mentioning the attack"): the attack told before, before the sentence's deed
        definite = _definite_noun(trigger)
        if definite and phrase is not None and _answered_for(trigger):
            phrase = None  # "detained five suspects on Thursday in connection with the bombing": the bombing's own day
        lead_day = lead_told_on(trigger, mention, earlier, paragraph, speech_lemmas(), times)
        # the event itself, told before: "killed in the strikes", "the strikes", "killed in the airstrikes"
        referred_back = (
            linked(trigger, near, doc, nearest=True),
            same_event(trigger, mention, earlier, doc, paragraph),
            linked(trigger, earlier, doc, nearest=False) if definite else None,
        )
        last_resort = linked(trigger, earlier, doc, nearest=False)
        up_to_now = _up_to_now(trigger, reference)
        borrowed = (
            *referred_back,
            same_sentence(mention, ordered, own, doc),
            speech,
            inherited := up_to_now(inherit(sentence, paragraph, {**described, **spoken, **dated})),
            # a paragraph that opened with a time stays in it, even when no event was coded there
            up_to_now(inherit(sentence, paragraph, frames, "the time sentence {n} opens with")),
            lead_day,
            # "... were killed when security forces fired": the lead's day, given to the sentence's main
            # deed, is its clauses' too (a date lent by an event referred back to is not)
            framed.get(sentence) if _told_in_step(trigger) else None,
            last_resort,
        )
        # A date lent by another event must not carry a future date into a past-tense event.
        future_ok = mention.modality is Modality.FUTURE or reference is None
        chosen = phrase or next((b for b in borrowed if b is not None and (
            future_ok or b.date is None or reference is None or b.date <= reference)), None)
        if chosen is not None and chosen is lead_day:
            framed.setdefault(sentence, chosen)
        # an event referred back to ("in the strikes", "the attack came after ...") is the event its report
        # bounded ("the US-British strikes" of a headline): still no later than the report's day
        same_deed = any(chosen is b for b in (*referred_back, last_resort) if b is not None)
        if chosen is not None and chosen is not speech and chosen.report_bound and not same_deed \
                and not (chosen is inherited and inherited is not None and _tells_a_toll(trigger)):
            # the report's day bounds only what its own "said" governs; lent on, it is a plain day (but a toll
            # told on from a report, "... said in a statement on Tuesday.  A security source told AFP that 30
            # were killed", is no more dated than the report was)
            chosen = replace(chosen, report_bound=False)
        if chosen is not None:
            if mention.modality is Modality.OCCURRED:
                participant = _describes_a_participant(trigger)
                told_here = described if participant else dated
                if chosen is phrase and (sentence, participant) in referred_only:
                    # "The attack came days after the U.S. military carried out an airstrike on Sunday": the
                    # sentence goes on from the deed it dates itself, not the one it names again
                    del told_here[sentence]
                    referred_only.discard((sentence, participant))
                if sentence not in told_here and same_deed:
                    referred_only.add((sentence, participant))
                told_here.setdefault(sentence, chosen)
            earlier.append((mention, chosen))
            results[mention.id] = chosen
    return results


# How long before the report a time must end for a present-perfect deed not to take it from another sentence.
UP_TO_NOW_DAYS = 31


def _up_to_now(trigger: Token, reference: dt.date | None) -> Callable[[TimeRef | None], TimeRef | None]:
    """For a deed told in the present perfect ("Rights groups have accused the army of abuses") or the
    present ("A faction ... remains active and is accused by authorities of protecting drug traffickers"),
    a filter that drops a time lent by another sentence that ended long before the report ("seized power
    in August 2020", "left tens of thousands dead in the 1980s and 1990s"): such a clause reaches up to
    now and never takes a finished past time."""
    clause = clause_head(trigger)
    now = present_perfect(clause) or present_tense(clause)

    def keep(lent: TimeRef | None) -> TimeRef | None:
        if lent is None or not now or reference is None or lent.date is None:
            return lent
        last = lent.date_end or lent.date
        return None if (reference - last).days > UP_TO_NOW_DAYS else lent
    return keep


def _tells_a_toll(trigger: Token) -> bool:
    """A casualty word ("were killed", "wounded"): a toll, which says nothing of when on its own."""
    return trigger.lemma_.lower() in ("kill", "die", "wound", "injure", "dead", "death")


def _describes_a_participant(trigger: Token) -> bool:
    """The trigger lies in a relative clause, participle or apposition on a noun: it tells something
    about one of the sentence's parties, not what the sentence reports."""
    token = trigger
    while token.head.i != token.i:
        if token.dep_ in ("relcl", "acl", "appos") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        token = token.head
    return False


_REPORT_DAY = re.compile(rf"\b(?:{WEEKDAY_RE}|yesterday|today)\b", re.IGNORECASE)


def _main_speech_days(parsed: ParsedArticle, found: list[_Found]) -> dict[int, TimeRef]:
    """Sentence index -> the day its main saying verb names ("... said at his news conference on
    Tuesday that ..."), as a plain day: what the next sentence adds was told then."""
    doc = parsed.doc
    out: dict[int, TimeRef] = {}
    for item in found:
        verb = doc[item.clause]
        # (a day told relative to the report, "said Tuesday": "announced a lockdown from Sept. 30" is the
        # lockdown's day, not the announcing's; nor an end bound, nor a saying denied: "No group had
        # claimed responsibility by Sunday")
        if item.resolved is not None and _REPORT_DAY.search(item.expr.text) and verb.dep_ == "ROOT" \
                and item.resolved.precision is DatePrecision.DAY and item.resolved.date_end is None \
                and verb.lemma_.lower() in speech_lemmas() and not item.bound \
                and not any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in verb.subtree if c.i < verb.i):
            out.setdefault(item.sentence, replace(item.resolved, report_bound=False))
    return out


# Nouns for a spell of unrest as a whole: "The violence turned deadly on Tuesday." dates what follows.
UNREST_NOUNS = frozenset({"violence", "unrest", "bloodshed", "chaos", "turmoil", "mayhem", "crisis", "situation",
                          "day", "night"})


def _dates_the_unrest(verb: Token) -> bool:
    """The clause's subject is the unrest as a whole, and the clause is its sentence's main one."""
    return verb.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in UNREST_NOUNS
                                       for c in verb.children)


_FRAME_MAX_OFFSET = 3  # a fronted time adverbial starts within the sentence's first three tokens


def _told_in_step(trigger: Token) -> bool:
    """A verb told in the sentence's own time: not a noun ("families who had fled fighting") nor a
    past perfect, which steps back from it."""
    return trigger.pos_ == "VERB" and not any(c.dep_ == "aux" and c.lower_ == "had" for c in trigger.children)


def _opening_frames(parsed: ParsedArticle, found: list[_Found], with_events: set[int]) -> dict[int, TimeRef]:
    """Sentence -> the time phrase it opens with ("On 8 June 2023, ...", "On Monday, ..."), if any, or
    the time of a sentence with no event of its own that dates the unrest as a whole ("The violence
    turned deadly on Tuesday.")."""
    frames: dict[int, TimeRef] = {}
    for item in found:
        if item.sentence in frames or item.bound or item.expr.kind == "vague" or item.resolved is None \
                or item.resolved.date is None:
            continue
        sentence = parsed.sentences[item.sentence]
        first = parsed.span_of(sentence)
        if first is not None and (min(item.tokens) - first.start < _FRAME_MAX_OFFSET
                                  or (item.sentence not in with_events and _dates_the_unrest(parsed.doc[item.clause]))):
            frames[item.sentence] = item.resolved
    return frames


def _fallback(reference: dt.date | None, dateline_day: dt.date | None) -> TimeRef:
    if dateline_day is not None:
        return TimeRef(dateline_day, None, DatePrecision.DAY, reason="dateline date; no time phrase")
    if reference is not None:
        return TimeRef(reference, None, DatePrecision.DAY, reason="publication date; no time phrase")
    return TimeRef(None, None, DatePrecision.DAY, reason=NO_DATE)


def _sentence_index(parsed: ParsedArticle, mention: Mention) -> int:
    if 0 <= mention.sentence_index < len(parsed.sentences):
        return mention.sentence_index
    return parsed.sentence_of_token(mention.trigger_token).index


_TERMINAL = re.compile(r"""[.!?]["'”’)\]]*\s*$""")


def _sentence_groups(parsed: ParsedArticle) -> list[frozenset[int]]:
    """Per sentence, the sentences that form one real sentence with it.

    The parser sometimes splits a sentence at brackets or dashes ("... WHICH
    OCCURRED YESTERDAY [18 AUGUST]."); a piece that does not end in terminal
    punctuation is read together with the piece that follows it."""
    groups: list[frozenset[int]] = []
    current: list[int] = []
    for sentence in parsed.sentences:
        current.append(sentence.index)
        if _TERMINAL.search(sentence.text) or len(current) >= 4:
            groups.extend([frozenset(current)] * len(current))
            current = []
    if current:
        groups.extend([frozenset(current)] * len(current))
    return groups


# ---------------------------------------------------------------- placing phrases in the parse




# Verbs that put their time ahead: "his sentencing is scheduled for October 16", "the vote is slated for
# Friday", "talks are expected to resume on Monday".
_SCHEDULE_LEMMAS = frozenset({"schedule", "slate", "expect", "plan"})


def _is_future(clause: Token) -> bool:
    if any(child.dep_ == "aux" and child.lower_ in _FUTURE_AUX for child in clause.children):
        return True
    governor = clause.head if clause.dep_ == "xcomp" else clause
    if governor.lemma_.lower() not in _SCHEDULE_LEMMAS:
        return False
    # "the vote is slated for Friday"; "unions have scheduled a demonstration for 22 November"
    return (governor.tag_ in ("VBN", "JJ") and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be"
                                                    for c in governor.children)) \
        or any(c.dep_ == "dobj" for c in governor.children)


# Verbs whose object is a deed still to come ("called for a larger demonstration on Friday").
_CALL_LEMMAS = frozenset({"call", "appeal", "urge", "announce", "propose", "plan", "schedule", "organise", "organize"})


def _dates_a_deed_called_for(root: Token) -> bool:
    """The phrase modifies a noun that a verb calls for or announces ("called for a larger demonstration
    on Friday", "announced a strike on Monday"): the day of that deed to come, read forward."""
    prep = root if root.dep_ == "prep" else root.head  # the phrase "on Friday" or its "Friday"
    if (root.dep_ not in ("pobj", "prep")) or prep.dep_ != "prep":
        return False
    head = prep.head
    if head.pos_ == "VERB" and head.lemma_.lower() in _CALL_LEMMAS and any(
            c.dep_ == "prep" and c.lower_ == "for" and c.right_edge.i == prep.i - 1 for c in head.children):
        return True  # "called for a large rally on Saturday", the day hung on the verb right after the rally
    if head.pos_ != "NOUN":
        return False
    noun = head
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else noun.head
    return noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and verb.lemma_.lower() in _CALL_LEMMAS


# An end bound: "until 30 May", "continued into the early hours of Monday", "lasted through Tuesday".
_INTO_HOURS = r"into\s+the\s+(?:early\s+|small\s+|wee\s+)?hours\s+of"
_BOUND = re.compile(rf"\b(?:until|till|pending|through|{_INTO_HOURS}|into)\s+$", re.IGNORECASE)
_INTO_NIGHT = re.compile(rf"\b{_INTO_HOURS}\s+$", re.IGNORECASE)
_QUOTE_WINDOW = 6  # sentences back to look for the date of the words quoted


def _find_all(parsed: ParsedArticle, reference: dt.date | None, paragraph: list[int]) -> list[_Found]:
    """Every time phrase of the article, resolved in reading order ("that month" needs what came before).

    Within a sentence, phrases outside quotation marks go first, so that a
    quote's "last night" can be read against the date its speaker spoke."""
    doc, text = parsed.doc, parsed.article.text
    placed: list[_Found] = []
    previous: TimeRef | None = None
    previous_day: TimeRef | None = None  # "the following day" counts from the last day told, not "this year"
    spoken: list[tuple[int, dt.date]] = []  # (sentence, date) of verbs of saying with a day date
    dateline_end = _dateline_end(text)  # the dateline's date is the fallback, not a phrase
    starts: dict[int, int] = {}
    for sentence in parsed.sentences:
        starts.setdefault(paragraph[sentence.index], sentence.start)
    for sentence in parsed.sentences:
        exprs = find_expressions(sentence.text)
        exprs += _entity_fallbacks(doc, sentence.start, sentence.end, exprs, reference)
        exprs += _year_modifiers(doc, sentence.start, sentence.end, exprs, reference)
        para_start = starts[paragraph[sentence.index]]
        quoted = {id(e): _in_quote(text, para_start, sentence.start + e.start) for e in exprs}
        for expr in sorted(exprs, key=lambda e: (quoted[id(e)], e.start)):
            in_quote = quoted[id(expr)]
            if sentence.start + expr.start < dateline_end:
                continue
            span = doc.char_span(sentence.start + expr.start, sentence.start + expr.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if _names_a_group(text, span.end_char):
                continue  # "the 19 April Movement [M-19]": a date in a group's name dates nothing
            if not expr.since and _in_ranked_since_clause(doc, span.start):
                continue  # "the first leader killed since Cerezo took office in January 1986": a yardstick
            if expr.since and _comparison_frame(doc, span.start):
                if not re.match(r"\s*,?\s*when\b", text[span.end_char:span.end_char + 12], re.IGNORECASE):
                    continue  # "the most important offensive since 1981": a yardstick, not the event's time
                # "the first such death since 2017, when a general was killed": the phrase dates only
                # the when-clause, and that happened in 2017, not over the years since.
                expr = replace(expr, since=False)
            if not expr.since and _since_named_event(span.root):
                expr = replace(expr, since=True)  # "since the July 28 vote": from that day to now
            clause = clause_head(span.root)
            past = not (_is_future(clause) or _dates_a_deed_called_for(span.root))
            resolved = None
            if expr.kind != "offset":
                base_date, why = reference, ""
                recent = [d for i, d in spoken if sentence.index - i <= _QUOTE_WINDOW]
                if in_quote and recent and expr.kind in ("relative", "vague"):
                    base_date, why = recent[-1], f"; inside a quote, read from the day it was said ({recent[-1]})"
                anchor = previous_day if expr.kind == "anaphoric" and expr.unit == "day" and previous_day else previous
                resolved = resolve(expr, base_date, past=past, anchor=anchor, base=sentence.start)
                if resolved is not None and why:
                    resolved = replace(resolved, reason=resolved.reason + why)
                # "Recently" is no time that "that week" could point back to, nor is a time ahead
                # ("sentencing is scheduled for October 16. Days later, he was killed" counts from the story).
                if expr.kind != "vague" and past and not _is_stretch(resolved) and not _dates_a_report(clause):
                    previous = resolved or previous
                    if resolved is not None and resolved.precision == DatePrecision.DAY:
                        previous_day = resolved
                if (resolved is not None and resolved.date is not None and resolved.precision == DatePrecision.DAY
                        and not in_quote and clause.lemma_.lower() in speech_lemmas()):
                    spoken.append((sentence.index, resolved.date))
            before = sentence.text[max(0, expr.start - 32):expr.start]
            bound = bool(_BOUND.search(before))
            if resolved is not None and resolved.date is not None and resolved.precision == DatePrecision.DAY \
                    and _INTO_NIGHT.search(before):
                # "fighting continued into the early hours of Monday": it began the day before
                resolved = replace(resolved, date=resolved.date - dt.timedelta(days=1), date_end=resolved.date,
                                   precision=DatePrecision.RANGE,
                                   reason=f"{resolved.reason}; went on into that day from the one before")
            placed.append(_Found(expr, sentence.start, sentence.index, span.root.i,
                                 frozenset(t.i for t in span), clause.i, past, resolved, bound))
    return sorted(_nights_before_the_saying(doc, placed), key=lambda f: (f.sentence, f.expr.start))


_NIGHT = re.compile(r"^(?:overnight|last night)$", re.IGNORECASE)


def _nights_before_the_saying(doc: Doc, placed: list[_Found]) -> list[_Found]:
    """"killed dozens in an overnight attack ..., civil society leaders said on Monday": the night is the one
    before the day its sentence's report was made, not the one before the article was written."""
    out = []
    for item in placed:
        if item.resolved is not None and _NIGHT.match(item.expr.text.strip()):
            said = next((f.resolved.date for f in placed if f.sentence == item.sentence and f is not item
                         and f.resolved is not None and f.resolved.date is not None
                         and f.resolved.precision == DatePrecision.DAY
                         and doc[f.clause].lemma_.lower() in speech_lemmas()), None)
            again = resolve(item.expr, said, past=item.past, base=item.base) if said is not None else None
            if again is not None:
                item = replace(item, resolved=replace(
                    again, reason=f"{again.reason}; read from the day its sentence's report was made ({said})"))
        out.append(item)
    return out


def _since_named_event(token: Token) -> bool:
    """The date names an event that "since" counts from: "since the July 28 vote", "since the Oct. 7
    attack" (the date modifies the noun under "since"; "since October" is read by the pattern itself)."""
    for _ in range(3):
        if token.dep_ not in ("compound", "nmod", "amod", "nummod", "npadvmod", "poss") or token.head.i == token.i:
            break
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ == "since" and token.pos_ == "NOUN"


# Nouns after a date that make it part of a group's name ("the 19 April Movement", "the 26th of July
# Movement", "the 15 May Organization", "the 6 April Youth Movement"; "the 9 de Abril Front").
_GROUP_NOUNS = re.compile(r"\s*(?:\w+\s+)?(?:movement|front|organi[sz]ation|brigade|command|commandos?|"
                          r"battalion|group|party)\b", re.IGNORECASE)


def _names_a_group(text: str, end: int) -> bool:
    """Whether the date phrase ending at `end` runs into a group's name: the next word or the one after
    is a group noun written with a capital ("19 APRIL MOVEMENT", "6 April Youth Movement")."""
    match = _GROUP_NOUNS.match(text, end)
    return match is not None and match.group(0).strip()[:1].isupper()


# Words that make "since X" a comparison: "the first PDC leader killed since 1986", "the largest
# offensive since 1981" say nothing about when this event happened, only what it is measured against.
_RANKING_WORDS = frozenset({"first", "second", "third", "last", "only", "most"})
_COMPARISON_REACH = 10  # tokens back from "since" to the ranking word, within the sentence


def _comparison_frame(doc: Doc, since_start: int) -> bool:
    """Whether the "since ..." phrase starting at token `since_start` follows a superlative or an
    ordinal in its sentence.  (A phrase followed by "when ..." still dates the clause it introduces:
    "the first death since 2017, when a general was killed" -- the caller keeps those.)"""
    sent_start = doc[since_start].sent.start
    for token in doc[max(sent_start, since_start - _COMPARISON_REACH):since_start]:
        if token.i > 0 and doc[token.i - 1].lower_ == "at":
            continue  # "at least five drone attacks since April" counts; it does not rank
        if token.tag_ in ("JJS", "RBS") or token.lower_ in _RANKING_WORDS:
            return True
    return False


_SINCE_CLAUSE_REACH = 8  # tokens from "since" to a time phrase inside the clause it opens


def _in_ranked_since_clause(doc: Doc, start: int) -> bool:
    """Whether the phrase starting at token `start` sits in a "since ..." clause after a superlative or
    an ordinal ("the first PDC leader killed since Cerezo assumed power in January 1986"): the clause
    is the yardstick, its time not the event's.  Read along the words (no comma between), since
    upper-case copy parses the clause badly."""
    sent_start = doc[start].sent.start
    verb = False  # "since" must open a clause ("since Cerezo took office"), not name a time ("since 1981")
    for token in reversed(doc[max(sent_start, start - _SINCE_CLAUSE_REACH):start]):
        if token.is_punct and token.text != "-":
            return False
        if token.lower_ == "since":
            return verb and _comparison_frame(doc, token.i)
        verb = verb or token.tag_.startswith("VB")
    return False


def _in_quote(text: str, paragraph_start: int, position: int) -> bool:
    """Whether `position` is inside quotation marks opened in its paragraph.

    Straight quotes open before a letter and close after one, so mixed pairs
    such as "one-way” still balance."""
    inside = False
    for i in range(paragraph_start, position):
        char = text[i]
        if char == "“":
            inside = True
        elif char == "”":
            inside = False
        elif char == '"':
            following = text[i + 1:i + 2]
            inside = bool(following) and following.isalnum()
    return inside


def _constant(result: TimeRef) -> Callable[[dt.date | None, bool], TimeRef | None]:
    def resolver(reference: dt.date | None, past: bool) -> TimeRef | None:
        return result

    return resolver


def _entity_fallbacks(doc: Doc, start: int, end: int, exprs: list[TimeExpression],
                      reference: dt.date | None) -> list[TimeExpression]:
    """DATE entities the patterns missed, read by dateparser (only those with a digit or a month)."""
    extra: list[TimeExpression] = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.start_char < start or ent.end_char > end:
            continue
        s, e = ent.start_char - start, ent.end_char - start
        if any(not (e <= x.start or s >= x.end) for x in exprs):
            continue
        result = dateparser_fallback(ent.text, reference)
        if result is not None:
            extra.append(TimeExpression(s, e, ent.text, "absolute", resolver=_constant(result)))
    return extra


def _is_stretch(ref: TimeRef | None) -> bool:
    """A range of weeks or more ("in recent months"): nothing that "two days after" could count from."""
    return ref is not None and ref.precision == DatePrecision.RANGE and ref.spans_weeks()


def _year_modifiers(doc: Doc, start: int, end: int, exprs: list[TimeExpression],
                    reference: dt.date | None) -> list[TimeExpression]:
    """A year that modifies an event noun dates it: "took power in a 2020 coup", "since the 2014 war".
    Only before an event noun: "the 2000 soldiers" counts people."""
    extra: list[TimeExpression] = []
    span = doc.char_span(start, end, alignment_mode="expand")
    for token in span if span is not None else ():
        if not (_year_on_a_noun(token) and token.head.i > token.i and match_trigger(token.head)):
            continue
        if any(t.lower_.rstrip(".") in MONTHS for t in doc[max(0, token.i - 3):token.i]):
            continue  # "after April 15, 2013, bombing": the year of a whole date
        year = int(token.text)
        s = token.idx - start
        if (reference is not None and year > reference.year) or any(x.start <= s < x.end for x in exprs):
            continue
        result = TimeRef(date=dt.date(year, 1, 1), date_end=dt.date(year, 12, 31), precision=DatePrecision.YEAR,
                         reason="year naming the event")
        extra.append(TimeExpression(s, s + len(token.text), token.text, "absolute", resolver=_constant(result)))
    return extra


def _year_on_a_noun(token: Token) -> bool:
    """A year that modifies a noun ("a 2020 coup", "the 2000 soldiers")."""
    return bool(_YEAR.fullmatch(token.text)) and token.dep_ in ("nummod", "compound", "amod", "npadvmod") \
        and token.head.pos_ == "NOUN"


def _deed_of_a_party(clause: Token, trigger: Token) -> bool:
    """The clause is a past deed told of one of the trigger's parties ("two militants were killed by soldiers
    who intercepted a group ... on Tuesday night", "killed by gunmen who stormed the village on Monday"):
    the same incident, told from the other side, so its time is the trigger's."""
    clause = next((c for c in (clause, *clause.ancestors) if c.dep_ == "relcl"), clause)
    if clause.dep_ != "relcl" or clause.tag_ not in ("VBD", "VBN"):
        return False
    party = clause.head
    governor = party.head.head if party.dep_ == "pobj" and party.head.dep_ == "agent" else party.head
    return governor.i == trigger.i and party.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def _names_year_of_another(head: Token, trigger: Token) -> bool:
    """The phrase is a year or a date modifying another event noun than the trigger ("a 2020 coup", "the
    anniversary of a July 7, 1990, rally")."""
    on_a_noun = _year_on_a_noun(head) or (head.dep_ in ("nmod", "compound") and head.head.pos_ == "NOUN"
                                         and head.ent_type_ == "DATE" and head.head.ent_type_ != "DATE"
                                         and match_trigger(head.head) is not None)
    return on_a_noun and head.head.i != trigger.i


_YEAR = re.compile(r"(?:19|20)\d\d")


# ---------------------------------------------------------------- choosing a phrase for a mention


def _ancestors(token: Token) -> list[int]:
    return [token.i, *(a.i for a in token.ancestors)]


def _dates_a_report(clause: Token) -> bool:
    """"JNIM claimed the raid in a message circulated Wednesday. The army struck back the following day":
    the following day is the raid's, not the message's: the day a report (`REPORT_NOUNS`) came out is not a
    time the story goes on from.  A participle on a report noun dates the report."""
    return clause.dep_ == "acl" and clause.tag_ == "VBN" and clause.head.lemma_.lower() in REPORT_NOUNS


def _issues_the_trigger(clause: Token, trigger: Token) -> bool:
    """The participle dates the report the trigger verb was said in ("in a statement issued on Monday, the
    government condemned the attack"): saying it and issuing the report were one act.  (A noun trigger
    the parser hangs the report on, "claimed the raid in a message circulated Wednesday", was not said.)"""
    report = clause.head
    return _dates_a_report(clause) and trigger.pos_ == "VERB" and report.dep_ == "pobj" \
        and report.head.head.i == trigger.i


def _another_nouns_clause(clause: Token, trigger: Token) -> bool:
    """"claimed the raid in a message circulated Wednesday": a phrase in the trigger's subtree whose
    participle clause modifies another noun dates that noun (the message), not the event.  (A relative
    clause may be the parser's misplaced one on the event: "the assassination of six Jesuits and their
    two maids, which took place on 16 November".)"""
    return clause.dep_ == "acl" and clause.head.i != trigger.i and clause.i != trigger.i


def _from_sentence(trigger: Token, sentences: frozenset[int], found: list[_Found],
                   reference: dt.date | None, told: list[tuple[Mention, TimeRef]] | None = None,
                   ) -> tuple[TimeRef | None, TimeRef | None]:
    """(date from the trigger's sentence, report date of a governing speech verb).  `told`: the
    events of earlier sentences with their own dates, which "a day after the ambush" counts from."""
    doc = trigger.doc
    clause = clause_head(trigger)
    subtree = {t.i for t in trigger.subtree}
    clause_line = set(_ancestors(clause))
    ranked: list[tuple[int, int, int, _Found]] = []
    speech: list[tuple[int, _Found]] = []
    in_sentence = [f for f in found if f.sentence in sentences]
    told_at = _time_before_when(clause, in_sentence)
    if told_at is not None and told_at.resolved is not None and not told_at.expr.since:
        # "students seized on Thursday morning, when gunmen stormed the school": the time the "when"
        # clause follows is its time, wherever the parser hung the clause
        pinned = told_at.resolved
        return replace(pinned, reason=f"{pinned.reason}; the time its 'when' clause follows"), None
    for item in in_sentence:
        head = doc[item.head]
        verb = doc[item.clause]
        said = verb.lemma_.lower() in speech_lemmas() and item.clause != trigger.i
        if verb.dep_ in ("relcl", "acl") and verb.head.i == trigger.i and verb.lemma_.lower() in TALK_ABOUT_VERBS:
            continue  # "an assault that the prime minister on Tuesday called an attack on the state": the calling's day
        # Own clause; or, for a noun trigger, anything that modifies it ("Sunday's strikes").
        # A verb's subtree also holds clauses of other events ("who seized it in 2019"): not tier 0.
        if (item.clause == clause.i and not said) or (item.tokens & subtree and trigger.i != clause.i
                                                        and not _another_nouns_clause(verb, trigger)):
            tier = 0
        elif said and (item.clause in clause_line or verb.sent.start != trigger.sent.start):
            # (a headline grouped with its lead: "..., witnesses said Wednesday" is the report's day there too)
            speech.append((tree_distance(trigger, head), item))
            continue
        elif _when_clause_of(verb, clause):
            tier = 0  # "gendarmes killed when jihadists stormed a school early Tuesday": the same time
        elif _issues_the_trigger(verb, trigger):
            tier = 0  # "in a statement issued on Monday evening, the government condemned ...": the same time
        elif item.clause in clause_line:  # a clause that governs the trigger's; embedded ones rank lower
            tier = 1
        else:
            tier = 2
        if item.expr.kind == "vague" and tier:
            continue  # "recent attacks" dates those attacks, not "militias that are backed by Iran" beside them
        if tier == 2 and told_apart(verb, trigger) and not (
                _deed_of_a_party(verb, trigger) and item.resolved is not None
                and item.resolved.precision in (DatePrecision.DAY, DatePrecision.RANGE)):
            continue  # "the RSF, which have been at war since April 2023, denied ...": the war's date
        if _names_year_of_another(head, trigger):
            continue  # "fighting army rule since the 2021 coup": the year is the coup's
        # An end bound ("until 30 May") or a vague phrase ("recently") dates an event only when nothing else does.
        tier += 3 if item.bound or item.expr.kind == "vague" else 0
        ranked.append((tier, tree_distance(trigger, head), abs(head.i - trigger.i), item))
    # "this tragic murder": a definite event noun refers back to an event told before, whose date the
    # chain finds (step 3); a phrase of another clause of the sentence ("... who voted on 11 March") is not
    # its date
    anaphoric = _definite_noun(trigger)
    # "The army said on Monday ... without mentioning the attack on the market", "condemned the attack on
    # Tuesday": the day is the talking's; the attack talked about keeps the date it was told with
    talked_about = anaphoric and trigger.dep_ in ("dobj", "obj") and trigger.head.lemma_.lower() in TALK_ABOUT_VERBS
    for tier, _dist, _gap, item in sorted(ranked, key=lambda r: r[:3]):
        if anaphoric and tier % 3 == 2:
            continue
        if talked_about and not item.tokens & subtree:
            continue
        result = item.resolved if item.expr.kind != "offset" else _resolve_offset(item, trigger, found, reference,
                                                                                    told or [])
        if result is not None and item.expr.since and _in_its_when_clause(trigger, item):
            # "run by the interim administration since August 2024, when Hasina fled": the flight is of August
            result = resolve(replace(item.expr, since=False), reference, past=item.past, base=item.base) or result
        if result is not None and trigger.tag_ == "VBD" and reference is not None and result.date is not None \
                and result.date > reference:
            continue  # "the two sides agreed to hold talks next month": a past deed takes no date ahead
        if result is not None:
            where = ("in the trigger's clause", "in a linked clause", "elsewhere in the sentence")[tier % 3]
            return replace(result, reason=f"{result.reason}; phrase {where}"), None
    for _dist, item in sorted(speech, key=lambda s: s[0]):
        if item.resolved is not None:
            return None, replace(item.resolved, reason=f"{item.resolved.reason}; date of the report (upper bound)",
                                 report_bound=True)
    return None, None


def _when_clause_of(verb: Token, clause: Token) -> bool:
    """`verb` heads a "when" clause of `clause`: what it tells happened at the same time."""
    return verb.dep_ == "advcl" and verb.head.i == clause.i and verb.i > clause.i and any(
        c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in verb.children)


def _time_before_when(clause: Token, found: list[_Found]) -> _Found | None:
    """The time phrase just before the "when" that opens the clause (", when" may stand between)."""
    when = next((c for c in clause.children if c.lower_ == "when" and c.dep_ == "advmod" and c.i < clause.i), None)
    if when is None:
        return None
    before = when.i - 1
    while before >= clause.sent.start and clause.doc[before].is_punct:
        before -= 1
    return next((f for f in found if before in f.tokens and f.expr.kind != "vague"), None)


# What a deed is answered for with: "arrested ... in connection with the bombing", "charged over the attack",
# "claimed responsibility for the raid".
_ANSWERING_VERBS = frozenset({"arrest", "detain", "charge", "convict", "sentence", "jail", "prosecute", "try",
                              "question", "hold", "blame", "accuse", "indict"})
_LINK_NOUNS = frozenset({"connection", "link", "relation"})
_ANSWERING_NOUNS = _LINK_NOUNS | {"responsibility", "charge", "arrest"}


def _answered_for(noun: Token) -> bool:
    """The event noun is what someone is held to account for in its sentence, a deed of its own time."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("with", "for", "over"):
        return False
    holder = noun.head.head
    if noun.head.lower_ == "with":
        return holder.lemma_.lower() in _LINK_NOUNS
    return (holder.pos_ == "VERB" and holder.lemma_.lower() in _ANSWERING_VERBS) \
        or (holder.pos_ == "NOUN" and holder.lemma_.lower() in _ANSWERING_NOUNS)


def _definite_noun(trigger: Token) -> bool:
    """A noun trigger with a definite determiner ("the attack", "this tragic murder"): an event told before."""
    return trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in trigger.children)


def _in_its_when_clause(trigger: Token, item: _Found) -> bool:
    """The trigger is in a "when" clause on the phrase's own words ("since August 2024, when ..."), one
    that opens between the phrase and the trigger."""
    return any(clause.dep_ == "relcl" and clause.head.i in item.tokens and min(item.tokens) <= clause.i <= trigger.i
               and any(c.lower_ == "when" for c in clause.children) for clause in (trigger, *trigger.ancestors))


_UNCOUNTED = frozenset({"days", "weeks", "months", "hours", "several", "few", "some", "a few"})


def _uncounted(expr: TimeExpression) -> bool:
    """'days after', 'several days before': an offset that gives no count of its own."""
    words = expr.text.lower().split()
    return bool(words) and (words[0] in _UNCOUNTED or " ".join(words[:2]) in _UNCOUNTED)


def _last_of_its_type(trigger: Token, told: list[tuple[Mention, TimeRef]]) -> tuple[Mention, TimeRef] | None:
    """The last event told before with the PLOVER type the trigger's word has ("the attack" for "the bombing")."""
    code = trigger_code(trigger)
    if code is None or code.plover is None:
        return None
    return next((pair for pair in reversed(told) if pair[0].plover == code.plover
                 and pair[0].trigger_token < trigger.i), None)


def _resolve_offset(item: _Found, trigger: Token, found: list[_Found],
                    reference: dt.date | None, told: list[tuple[Mention, TimeRef]]) -> TimeRef | None:
    """'X, one day after Y': Y = X - 1 when the trigger is in Y's clause, X = Y + 1 otherwise.  Y is a
    time of the sentence, else an event told before that the phrase names ("a day after the ambush"),
    else the last time told."""
    doc = trigger.doc
    marker = doc[max(item.tokens)]
    if marker.lower_ not in ("after", "before"):
        return None
    governed = marker.head if marker.dep_ == "mark" else marker
    complement = {t.i for t in governed.subtree} - item.tokens
    inside = trigger.i in complement
    later = item.expr.direction == "after"
    sign = (-1 if later else 1) if inside else (1 if later else -1)
    if not inside and trigger.dep_ in ("nsubj", "nsubjpass") and _definite_noun(trigger) \
            and (again := matching(trigger.lemma_.lower(), told, doc, nearest=True)) is not None:
        # "The attack came a day after two soldiers were seized": the attack told before, on its own day;
        # the phrase dates the other event from it
        return replace(again[1], reason=f"{again[1].reason}; '{trigger.text}', told before, which "
                                        f"'{item.expr.text}' sets another event from")
    if inside and trigger.pos_ == "NOUN" and (
            again := matching(trigger.lemma_.lower(), told, doc, nearest=True)) is not None:
        # "A day after the raid, settlers attacked ...": "the raid" is the raid told before, on its day
        return replace(again[1], reason=f"{again[1].reason}; the event '{item.expr.text} the {trigger.text}' "
                                        "names, told before")
    if inside and trigger.pos_ == "NOUN" and _definite_noun(trigger) \
            and (again := _last_of_its_type(trigger, told)) is not None:
        # "detained 46 people the day after the attack", the Nov. 13 bombing told before: that event's day
        return replace(again[1], reason=f"{again[1].reason}; the event '{item.expr.text} the {trigger.text}' "
                                        f"names, told before as '{again[0].trigger.text}'")
    others = [f for f in found if f.sentence == item.sentence and f.resolved is not None
              and (f.head in complement) != inside]
    if inside and _uncounted(item.expr):
        # "killed nine militants in a battle, days after gunmen ambushed a patrol, officials said Friday": the
        # report's day bounds the battle, and "days" counts back from no day the text gives
        others = [f for f in others if doc[f.clause].lemma_.lower() not in speech_lemmas()]
    if inside:
        # "The strike came two days after Fano fighters ambushed a convoy": the day the phrase counts from
        # is that of the event the main clause's subject names, told before
        main = governed.head
        named = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
                 and _definite_noun(c)] if main.i != governed.i else []
    else:
        named = [doc[i] for i in sorted(complement) if doc[i].pos_ == "NOUN"]
    event = next((hit for noun in named if (hit := matching(noun.lemma_.lower(), told, doc, nearest=True))), None)
    if others:
        # the trigger inside ("..., a day after it signed a pact"): X's time is one of the clause the phrase
        # hangs on ("Lithuania said on Wednesday it was expelling ..."), before one in a clause beside it
        # ("balloons that shut the airport last month")
        above = {t.i for t in governed.ancestors} if inside else set()
        anchor = min(others, key=lambda f: (f.clause not in above, abs(f.head - item.head))).resolved
    elif event is not None:
        anchor = event[1]
    else:
        earlier = [f for f in found if f.resolved is not None and not _is_stretch(f.resolved)
                   and (f.sentence, f.head) < (item.sentence, item.head)]
        anchor = earlier[-1].resolved if earlier else None
    return resolve(item.expr, reference, past=item.past, anchor=anchor, sign=sign, base=item.base)
