"""Stage counts: killed / injured / abducted / arrested figures, who claims them, which event they belong to.

A claim is read from the parse around a casualty word listed in
`data/casualty_terms.tsv` ("killed", "wounded", "dead", "deaths", "death toll"):
the victims are its object, its passive subject, the noun it modifies or its
"of" phrase, and the figure is their number ("at least seven Iraqi
militiamen"), read by `numbers.parse_quantity`.  "No casualties" and "no one
was hurt" are claims of zero.

A question asserts no death ("Why are we killing priests?"), nor does an
intention ("vowed to kill"), nor an object that is no one ("killed the
agreement").  Figures for different groups in one account add up ("Three
soldiers were killed.  Seven militants died." -> 10, as ACLED codes a whole
toll), and a figure for a group inside a larger toll for anyone ("two rebels"
of "eight people") is marked as a part, so it cannot become the best figure.

The source is the speaker of the verb of saying that governs the casualty
clause ("Two Iraqi militia officials told The Associated Press that ..."), or
the object of "according to".  Conflicting claims are all kept; ACLED's rule
picks the best figure (`best_figure`).

A claim goes to the mention that governs it in the parse, else to the event it
names ("killed in the airstrikes" -> the airstrikes mentioned earlier), else to
the nearest violent event before it, and the reason says which; such a guess
carries "unlinked:" in its reason so that assembly can weigh it.  No claim is
dropped while the article has a mention to hold it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventscope.errors import ConfigError
from eventscope.model import Claim, ClaimKind, Mention, Span
from eventscope.stages.actor_lookup import lookup_actor
from eventscope.stages.counts_parse import TOLL_NOUNS, Reading, Term, read_casualties
from eventscope.stages.nlp import ParsedArticle, paragraph_numbers
from eventscope.stages.syntax import ANCHOR_MARKS, STATE_NOUNS, clause_head, counts_in_a_series
from eventscope.stages.where_link import PLACE_NOUNS

__all__ = ["PART_OF_TOLL", "UNLINKED", "best_figure", "casualty_terms", "extract_claims", "victim_sectors"]

# Markers in a claim's reason that assembly weighs: a claim attached by proximity only, and a
# figure for part of the victims of a larger toll told in the same article.
UNLINKED = "unlinked:"
PART_OF_TOLL = "part of a larger toll:"

VIOLENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})
_NEW_EVENT_WORDS = frozenset({"another", "other", "separate", "new", "fresh", "further", "second", "different"})
_LINK_PREPS = frozenset({"in", "during", "from", "by", "after", "under"})
# Subjects that name no one: a claim they make is credited to the last named speaker.
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "both", "each", "all",
                       "one", "some", "others", "who"})


@lru_cache(maxsize=1)
def casualty_terms() -> dict[tuple[str, str], Term]:
    """(lemma, family) -> Term, from `data/casualty_terms.tsv`; family is verb, adjective or noun."""
    path = resources.files("eventscope") / "data" / "casualty_terms.tsv"
    families = {"verb_object": "verb", "verb_subject": "verb", "adjective": "adjective",
                "noun": "noun", "noun_implied": "noun", "toll": "noun", "zero_only": "noun"}
    table: dict[tuple[str, str], Term] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 3 or parts[2] not in families:
            raise ConfigError(f"data/casualty_terms.tsv:{lineno}: expected 'lemma<TAB>kind<TAB>role'")
        try:
            kind = ClaimKind(parts[1])
        except ValueError:
            raise ConfigError(f"data/casualty_terms.tsv:{lineno}: unknown kind {parts[1]!r}") from None
        table[(parts[0].lower(), families[parts[2]])] = Term(kind, parts[2])
    return table


def victim_sectors(victim: str) -> tuple[str, ...]:
    """The sector of the victims' head noun from the actor dictionary ("soldier" -> MIL,
    "guerrilla" -> REB, "policeman" -> COP), so a toll can tell combat losses from other deaths."""
    if not victim:
        return ()
    sector = lookup_actor(victim).sector
    return (sector,) if sector else ()


def best_figure(claims: Iterable[Claim]) -> int | None:
    """ACLED's rule: the lowest credible figure.  A claim's figure is its min ("at least
    seven" -> 7), or its max when it has no min ("up to 20" -> 20)."""
    lows = [c.min if c.min is not None else c.max for c in claims]
    known = [v for v in lows if v is not None]
    return min(known) if known else None


def extract_claims(parsed: ParsedArticle, mentions: list[Mention]) -> dict[str, tuple[Claim, ...]]:
    """Claims per mention id (mentions without claims are left out)."""
    doc = parsed.doc
    ordered = sorted((m if 0 <= m.sentence_index < len(parsed.sentences)
                      else replace(m, sentence_index=parsed.sentence_of_token(m.trigger_token).index)
                      for m in mentions if parsed.trigger(m) is not None),
                     key=lambda m: (m.sentence_index, m.trigger.start))
    paragraphs = paragraph_numbers(parsed)
    out: dict[str, list[Claim]] = {}
    last_source: dict[int, str] = {}  # paragraph -> last named source, for "they said"
    victims: dict[Claim, tuple[str, int]] = {}  # claim -> (who its victims are, paragraph)
    for sentence in parsed.sentences:
        span = parsed.span_of(sentence)
        if span is None or _is_question(sentence.text):
            continue  # "Why are we killing priests?", "Have those killed been identified?" claim nothing
        para = paragraphs[sentence.index]
        for reading in read_casualties(span, casualty_terms()):
            if counts_in_a_series(reading.token):
                continue  # "the fifth reporter killed this year": a rank, no new victim
            if _written_on_a_sign(reading.token):
                continue  # 'placards reading "Douentza is dying"': a slogan, no report
            source, source_why = _source(reading.token, span, (reading.start, reading.end))
            if source and source.lower() in _PRONOUNS:
                source, source_why = last_source.get(para), f"'{source}' read as the last named source"
            elif source:
                last_source[para] = source
            mention, link_why = _attach(reading, sentence.index, ordered, paragraphs, doc)
            if mention is None:
                continue  # the article has no mention at all to hold the claim
            reason = "; ".join(r for r in (reading.reason, source_why, link_why) if r)
            claim = Claim(kind=reading.kind, min=reading.quantity_min, max=reading.quantity_max,
                          source=source, span=Span(reading.start, reading.end, doc.text[reading.start:reading.end]),
                          sentence_index=sentence.index, reason=reason,
                          victim_sectors=victim_sectors(reading.victim))
            held = out.setdefault(mention.id, [])
            adds = "'also'" if _adds_victims(reading.token) else "'more'" if _counts_more(doc, reading) else ""
            if _time_anchor(reading.token):
                pass  # "a week after Israel killed a senior commander": another event's toll, no addition
            elif _says_more(doc, reading) and any(prev.kind is claim.kind and prev.sentence_index == sentence.index
                                                  and prev.min is not None for told in out.values() for prev in told):
                continue  # "put the toll at seven, saying three more bodies had been found": the toll has them
            elif adds:
                if not any(prev.kind is claim.kind for prev in held):
                    # "Israeli forces killed three gunmen ... a boy was also killed": the first figure
                    # may sit on another mention of the same account, which assembly joins
                    latest = _latest_claim(out, victims, para, _of_kind(claim.kind))
                    held = out[latest[0]] if latest else held
                claim = _add_to_previous(held, claim, adds, any_source=True)
            elif (other := _other_side(out, claim, reading.victim, para, victims)) is not None:
                # another group's toll in the same account: it adds to the event that holds the first
                holder, other_victim = other
                held = out[holder]
                claim = _add_to_previous(held, claim, f"other victims ({other_victim} and {reading.victim})")
            if claim not in held:
                held.append(claim)
                victims[claim] = (reading.victim, para)
        speaker = _last_speaker(span)
        if speaker is not None:
            last_source[para] = speaker
    _mark_parts(out, victims)
    return {key: tuple(value) for key, value in out.items()}


def _mark_parts(out: dict[str, list[Claim]], victims: dict[Claim, tuple[str, int]]) -> None:
    """Mark figures for a named group ("two rebels were killed") when the same event or paragraph
    also gives a whole toll at least as large for anyone ("at least eight people, including soldiers,
    rebels and civilians, were killed"): a part, not a rival figure for the lowest-credible rule, unless
    another named source gives the whole.  A toll of another event elsewhere ("a car bomb that killed 12 last month") is no whole of it."""
    totals = [(c.kind, c.min, victims[c][1], holder, c.source) for holder, held in out.items() for c in held
              if c.min is not None and victims.get(c, ("", 0))[0] in _WHOLE]
    for holder, held in out.items():
        for index, claim in enumerate(held):
            victim, para = victims.get(claim, ("", -1))
            if claim.min is None or victim in _ANYONE:
                continue
            # (a whole told by another named source is a rival count: "media said 7 civilians were killed,
            # while a resistance group said 9 people died")
            whole = [low for kind, low, where, owner, source in totals if kind is claim.kind
                     and (where == para or owner == holder) and low is not None and low >= claim.min
                     and (source is None or claim.source is None or source == claim.source)]
            if whole:
                held[index] = replace(claim, reason=f"{claim.reason}; {PART_OF_TOLL} {min(whole)} in all")


# Things people carry or paint words on, whose words are a slogan, not a report.
_SIGN_NOUNS = frozenset({"placard", "banner", "sign", "poster", "slogan", "graffiti", "board", "shirt", "t-shirt",
                         "flag", "chant", "billboard", "leaflet", "pamphlet"})


def _written_on_a_sign(token: Token) -> bool:
    """The casualty word is in the words a placard or banner reads or says ("placards reading 'X is
    dying'", "a banner that said 'Stop killing us'")."""
    for verb in token.ancestors:
        if verb.lemma_.lower() in ("read", "say") and verb.dep_ in ("acl", "relcl"):
            return verb.head.lemma_.lower() in _SIGN_NOUNS
    return False


def _time_anchor(token: Token) -> bool:
    """'..., a week after Israel killed a senior commander': the toll of a clause that only says when
    the main event happened belongs to the earlier event, not to a sum with the main one."""
    clause = clause_head(token)
    if clause.dep_ == "pcomp":  # "after killing a commander"
        return clause.head.lower_ in ANCHOR_MARKS
    # (a clause with "after" of its own may be the parser's root: "abducted 15 children early Saturday,
    # residents said, two days after more than 280 students were kidnapped")
    return (clause.dep_ == "advcl" and any(c.dep_ in ("mark", "prep") and c.lower_ in ANCHOR_MARKS
                                           for c in clause.children)) \
        or (clause.dep_ == "ROOT" and any(c.dep_ == "mark" and c.lower_ in ANCHOR_MARKS and c.i > clause.sent.start
                                          for c in clause.children))


def _is_question(text: str) -> bool:
    return text.rstrip(" \n\"'”)]").endswith("?")


def _adds_victims(token: Token) -> bool:
    """'X was also killed': more victims of the same event, not a rival figure."""
    return any(c.dep_ == "advmod" and c.lower_ in ("also", "too", "additionally") for c in token.children)


def _more_words(doc: Doc, reading: Reading) -> list[Token]:
    """The "more"/"additional"/"further" of a reading that add to a figure, not "more than 600"."""
    span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
    return [t for t in span or () if t.lower_ in ("more", "additional", "further")
            and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "than")]


def _counts_more(doc: Doc, reading: Reading) -> bool:
    """'Two more people died in hospital', 'three additional bodies': more victims of the same account;
    not 'more than 600 Palestinians', a bound on one figure."""
    return any(t.dep_ == "amod" and (t.head.like_num or t.head.pos_ == "NUM") for t in _more_words(doc, reading))


def _says_more(doc: Doc, reading: Reading) -> bool:
    """'three more bodies', 'two additional victims': the figure adds to another, whatever the parser
    hung "more" on; so do the dead counted among the wounded ("three of the wounded had died overnight")."""
    span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
    among_wounded = any(t.lower_ == "of" and t.dep_ == "prep" and any(
        o.dep_ == "pobj" and {o.lemma_.lower(), o.lower_} & _WOUNDED_WORDS for o in t.children) for t in span or ())
    return bool(_more_words(doc, reading)) or (reading.kind is ClaimKind.KILLED and among_wounded)


_WOUNDED_WORDS = frozenset({"wounded", "injured", "injury", "casualty"})


# Victim nouns that may cover anyone: a second figure for them restates or rivals the first.
_ANYONE = frozenset({"", "people", "person", "individual", "victim", "casualty", "fatality", "body", "dead",
                     "corpse", "he", "she", "they", "them", "who", "one", "many"})
_WHOLE = frozenset({"people", "person", "individual", "victim", "casualty", "fatality"})  # "eight people": anyone


def _other_side(out: dict[str, list[Claim]], claim: Claim, victim: str, para: int,
                victims: dict[Claim, tuple[str, int]]) -> tuple[str, str] | None:
    """(mention id, victims) of the latest claim of the same kind and source in this paragraph,
    when its victims and this claim's are different groups ("Three soldiers were killed.  Seven
    militants died."): figures for different groups add up; for the same group, or one that may
    be anyone ("people"), they rival each other and are kept apart."""
    if claim.min is None or victim in _ANYONE:
        return None
    latest = _latest_claim(out, victims, para, lambda prev: prev.kind is claim.kind and prev.source == claim.source
                           and prev.min is not None)
    if latest is None:
        return None
    prev_victim = victims[latest[1]][0]
    if prev_victim in _ANYONE or (prev_victim == victim and victim != "other"):
        return None
    return latest[0], prev_victim


def _of_kind(kind: ClaimKind) -> Callable[[Claim], bool]:
    return lambda prev: prev.kind is kind


def _latest_claim(out: dict[str, list[Claim]], victims: dict[Claim, tuple[str, int]], para: int,
                  fits: Callable[[Claim], bool]) -> tuple[str, Claim] | None:
    """(mention id, claim) of the latest claim told in paragraph `para` that `fits`."""
    latest: tuple[str, Claim] | None = None
    for mention_id, held in out.items():
        for prev in held:
            if fits(prev) and victims.get(prev, ("", -1))[1] == para and (
                    latest is None or (prev.sentence_index or 0) >= (latest[1].sentence_index or 0)):
                latest = (mention_id, prev)
    return latest


def _add_to_previous(held: list[Claim], claim: Claim, why: str = "'also'", *, any_source: bool = False) -> Claim:
    """Fold `claim` into the latest claim of its kind and source on the same event (removed from `held`).

    With `any_source`, a claim that says it adds victims ("a boy was also killed", told by another
    source than the first figure) folds into the latest claim of its kind when none has its source:
    the two sources together tell the total, and neither figure alone is a rival to it."""
    if claim.min is None:
        return claim
    same = [i for i, prev in enumerate(held) if prev.kind is claim.kind and prev.min is not None
            and prev.source == claim.source]
    other = [i for i, prev in enumerate(held) if prev.kind is claim.kind and prev.min is not None
             ] if any_source and not same else []
    for index in (same or other)[-1:]:
        prev = held.pop(index)
        high = prev.max + claim.max if prev.max is not None and claim.max is not None else None
        source = prev.source if prev.source == claim.source else " and ".join(
            s for s in (prev.source, claim.source) if s) or None
        sectors = tuple(dict.fromkeys(prev.victim_sectors + claim.victim_sectors)) if (
            prev.victim_sectors and claim.victim_sectors) else ()
        return Claim(kind=claim.kind, min=(prev.min or 0) + claim.min, max=high, source=source,
                     span=prev.span, sentence_index=prev.sentence_index,
                     reason=f"{prev.reason}; plus {claim.min} more in sentence {claim.sentence_index} ({why})",
                     victim_sectors=sectors)
    return claim


# ---------------------------------------------------------------- the source of a claim


def _speech_lemmas() -> frozenset[str]:
    from eventscope.stages.when import speech_lemmas

    return speech_lemmas()


# "put the death toll at 15", "raised the toll to 20": verbs by which a source gives a toll.
TOLL_GIVING_VERBS = frozenset({"put", "place", "raise", "set", "give", "revise", "bring", "update", "lower"})


def _source(token: Token, sentence: SpacySpan, figure: tuple[int, int] = (0, 0)) -> tuple[str | None, str]:
    """(speaker, why): the subject of the verb of saying over the claim, or 'according to X'.  The
    counted people themselves (characters `figure`) are never the speaker, however the parser hung
    them ("killed at least 17 people, including children, residents said": "people" as subject)."""
    speech = _speech_lemmas()
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in TOLL_GIVING_VERBS and ancestor.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in TOLL_NOUNS for c in ancestor.children):
            # "The White Helmets put the death toll at 15": who puts the toll at a figure claims it
            speaker = _subject(ancestor)
            if speaker is not None:
                return _phrase(speaker), f"source: subject of '{ancestor.text}' the toll"
        if ancestor.lemma_.lower() in speech and ancestor.pos_ in ("VERB", "AUX"):
            speaker = _subject(ancestor, outside=token)
            if speaker is not None and figure[0] <= speaker.idx < figure[1]:
                return None, ""
            if speaker is not None and token not in speaker.subtree:  # "no fatalities reported": no speaker
                channel = next((c for c in ancestor.children if c.dep_ in ("dobj", "dative")), None)
                why = f"source: subject of '{ancestor.text}'"
                if ancestor.lemma_.lower() == "tell" and channel is not None:
                    why += f", via {_phrase(channel, bare=True)}"
                return _phrase(speaker), why
    for candidate in sentence:
        if candidate.lower_ == "according":
            to = next((c for c in candidate.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return _phrase(obj), "source: 'according to'"
    root = sentence.root
    if root.lemma_.lower() in speech and token.i != root.i:
        speaker = _subject(root)
        if speaker is not None and token not in speaker.subtree:
            return _phrase(speaker), f"source: subject of '{root.text}' (quote)"
    return None, ""


def _last_speaker(sentence: SpacySpan) -> str | None:
    """The last named subject of a verb of saying in the sentence, for a later "he said"."""
    speech = _speech_lemmas()
    speaker = None
    for token in sentence:
        if token.lemma_.lower() in speech and token.pos_ in ("VERB", "AUX"):
            subject = _subject(token)
            if subject is not None and subject.lower_ not in _PRONOUNS:
                speaker = _phrase(subject)
    return speaker


def _subject(verb: Token, outside: Token | None = None) -> Token | None:
    """The verb's subject; with `outside`, one that does not hold that token ("An air strike killed
    26 people ..., a hospital official told Reuters": the parser gave "told" both as subjects)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"
                    and (outside is None or outside not in c.subtree)), None)
    if subject is None:  # "it was reported by X"
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return subject


_DROP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis"})


def _phrase(head: Token, *, bare: bool = False) -> str:
    """The noun phrase of `head` without appositions and relative clauses, leading article dropped.

    A role noun with a name in apposition gives the name ("a Pentagon
    spokeswoman, Navy Cmdr. Jessica McNulty" -> "Navy Cmdr. Jessica McNulty")."""
    name = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if name is not None and head.pos_ == "NOUN":
        return _phrase(name)
    dropped: set[int] = set()
    people = [e for e in head.doc.ents if e.label_ == "PERSON" and head.left_edge.i <= e.start and e.end <= head.right_edge.i + 1]
    if people and head.pos_ == "NOUN":
        return people[-1].text  # "a spokesman for ..., Col. Wayne Marotto" -> the name
    for child in head.children:
        if child.dep_ in _DROP or (bare and child.dep_ == "prep"):
            dropped |= {t.i for t in child.subtree}
    kept = {t.i for t in head.subtree} - dropped
    left = right = head.i
    while left - 1 in kept:
        left -= 1
    while right + 1 in kept:
        right += 1
    tokens = [t for t in head.doc[left:right + 1]]
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return head.text
    return head.doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


# ---------------------------------------------------------------- which mention a claim belongs to




def _cause_noun(token: Token, *, own_only: bool = False) -> Token | None:
    """'killed in the airstrikes' -> airstrikes (also for the verb the casualty word hangs on, unless
    `own_only`)."""
    for holder in (token,) if own_only else (token, token.head):
        for prep in (c for c in holder.children if c.dep_ in ("prep", "agent") and c.lower_ in _LINK_PREPS):
            noun = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if noun is not None and not _names_a_place(noun):
                return noun
    return None


def _names_a_place(noun: Token) -> bool:
    """'In the Kharkiv region, a missile hit ...': where it happened, not what caused the deaths."""
    return noun.lower_ in PLACE_NOUNS or noun.ent_type_ in ("GPE", "LOC")


def _lemma_match(a: str, b: str) -> bool:
    return a == b or (len(b) > 4 and a.endswith(b)) or (len(a) > 4 and b.endswith(a))


def _told_deed(trigger: Token) -> bool:
    """A verb that tells a deed of its sentence, not one inside a description of someone ("a group that
    monitors the Syrian conflict")."""
    return trigger.pos_ == "VERB" and not any(t.dep_ in ("relcl", "acl", "appos") for t in (trigger, *trigger.ancestors))


def _modifiers_clash(cause: Token, trigger: Token) -> bool:
    """Both words say whose or what kind, and differently: "killed by Israeli fire" is not the "rocket fire"
    told before, nor "Israeli airstrikes" the "US airstrikes"; a bare "the strikes" may be either."""
    def words(token: Token) -> set[str]:
        return {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < token.i
                and c.pos_ in ("PROPN", "NOUN", "ADJ")}
    own, other = words(cause), words(trigger)
    return bool(own and other and not own & other)


def _by_cause(cause: Token, sentence: int, here: list[Mention], mentions: list[Mention],
              paragraphs: list[int], doc: Doc) -> tuple[Mention, str] | None:
    """'killed in the airstrikes': the mention that noun names, nearest first.

    Order: the noun itself when it is a mention here and not definite; an
    earlier mention with its lemma in the paragraph; for a definite noun ("the
    attack"), the last violent event of the paragraph; the first mention with
    its lemma anywhere before (exact lemma before "strikes" ~ "airstrikes"); the
    noun itself."""
    lemma = cause.lemma_.lower()
    same = [m for m in here if m.trigger_token == cause.i]
    if not same and any(c.lower_ in _NEW_EVENT_WORDS for c in cause.children if c.dep_ in ("det", "amod")):
        return None  # "murdered in another attack": not the attack told before
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "those", "these", "that", "this") for c in cause.children)
    if same and not definite:
        return same[0], f"attached to '{same[0].trigger.text}', named as the cause"
    before = [m for m in mentions if m.sentence_index < sentence]
    # ... and those told earlier in this sentence ("its fighters had attacked the outpost but said three
    # of its members were killed in the fighting")
    in_para = [m for m in before if paragraphs[m.sentence_index] == paragraphs[sentence]] + sorted(
        (m for m in here if m.trigger_token < cause.i and _told_deed(doc[m.trigger_token])),
        key=lambda m: m.trigger_token)
    named = f"named as '{cause.text}'"
    matches = [m for m in in_para if _lemma_match(doc[m.trigger_token].lemma_.lower(), lemma)
               and not _modifiers_clash(cause, doc[m.trigger_token])]
    if matches:
        return matches[-1], f"attached to '{matches[-1].trigger.text}' (sentence {matches[-1].sentence_index}), {named}"
    violent = [m for m in in_para if m.plover in VIOLENT]
    if definite and violent:
        return violent[-1], f"attached to '{violent[-1].trigger.text}' (sentence {violent[-1].sentence_index}), the event of the paragraph {named}"
    # Across paragraphs the first mention wins: the lead introduces the event later text refers back to.
    for exact in (True, False):
        matches = [m for m in before if (doc[m.trigger_token].lemma_.lower() == lemma) == exact
                   and _lemma_match(doc[m.trigger_token].lemma_.lower(), lemma)
                   and not _modifiers_clash(cause, doc[m.trigger_token])]
        violent = [m for m in matches if m.plover in VIOLENT] or matches
        if violent:
            pick = violent[0]
            return pick, f"attached to '{pick.trigger.text}' (sentence {pick.sentence_index}), {named}"
    if same:
        return same[0], f"attached to '{same[0].trigger.text}', named as the cause"
    return None


def _attach(reading: Reading, sentence: int, mentions: list[Mention], paragraphs: list[int],
            doc: Doc) -> tuple[Mention | None, str]:
    if not mentions:
        return None, ""
    token = reading.token
    here = [m for m in mentions if m.sentence_index == sentence]
    # "During the battle to retake the city, a gunship destroyed a hospital, killing 42 people": the deed
    # the casualty clause hangs on is told here; a cause named on that deed's clause is its setting
    on_a_deed = token.dep_ in ("advcl", "conj") and any(m.trigger_token == token.head.i for m in here)
    cause = _cause_noun(token, own_only=on_a_deed)
    if cause is not None:
        picked = _by_cause(cause, sentence, here, mentions, paragraphs, doc)
        if picked is not None:
            return picked
    if here:
        ancestors = [token.i, *(a.i for a in token.ancestors)]
        clause = clause_head(token)
        clause_line = {clause.i, *(a.i for a in clause.ancestors)}

        def rank(m: Mention) -> tuple[int, int, int]:
            trigger = doc[m.trigger_token]
            if m.trigger_token in ancestors:
                tier = 0
            elif clause_head(trigger).i == clause.i:
                tier = 1
            elif clause_head(trigger).i in clause_line or clause.i in {a.i for a in trigger.ancestors}:
                tier = 2
            else:
                tier = 3
            return (m.plover not in VIOLENT, tier, abs(m.trigger_token - token.i))

        pick = min(here, key=rank)
        tier = rank(pick)[1]
        how = ("governs the figure", "shares its clause", "in a linked clause", "in the same sentence")[tier]
        # "counted at least 15 bodies, and that dozens of homes had been burned", "the agency, which evacuated
        # the wounded, put the toll at eight": the dead are no toll of a burning or a rescue that does not
        # govern them; they are the attack's told before
        if not (tier >= 2 and reading.kind in (ClaimKind.KILLED, ClaimKind.INJURED)
                and (pick.plover_mode == "destroy" or pick.plover not in VIOLENT)):
            return pick, f"attached to '{pick.trigger.text}' ({how})"
    before = [m for m in mentions if m.sentence_index < sentence]
    para = [m for m in before if paragraphs[m.sentence_index] == paragraphs[sentence]]
    pools = [(para, "earlier in the paragraph"), (before, "earlier in the article")]
    if reading.kind in (ClaimKind.KILLED, ClaimKind.INJURED):
        # "... violence broke out during a campaign rally.  Hospital sources put the death toll at 15": the
        # dead are the fighting's, told in the paragraph or the one before, not the rally's
        last = [m for m in before if paragraphs[sentence] - paragraphs[m.sentence_index] <= 1]
        pools.insert(0, ([m for m in last if m.plover == "ASSAULT"], "told just before"))
    for pool, where in pools:
        violent = [m for m in pool if m.plover in VIOLENT]
        # ("... since a ceasefire ended the war.  Three rockets were intercepted and no one was hurt": the
        # rockets' toll, not the war's; a war is no incident an unlinked figure belongs to)
        incidents = [m for m in violent if doc[m.trigger_token].lemma_.lower() not in STATE_NOUNS]
        if violent:
            pick = (incidents or violent)[-1]
            return pick, f"unlinked: no event in its sentence; attached to the nearest violent event {where} ('{pick.trigger.text}')"
    pick = min(mentions, key=lambda m: (m.plover not in VIOLENT, abs(m.sentence_index - sentence)))
    return pick, f"unlinked: no event governs it; attached to the nearest candidate '{pick.trigger.text}'"
