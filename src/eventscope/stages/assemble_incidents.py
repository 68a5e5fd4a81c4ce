"""What one incident is, beyond "nothing disagrees" (assemble_match): a casualty tally over a period,
over many places of a country, or of a war so far, is a statistic, not an event; so are deaths in an
accident and a suicide told alone; a bare toll ("two people were killed as a result") with no time or
place of its own reports on the incident told before it; a cause another act answers ("in response to
the attacks"), "other attacks" and a deed under inquiry ("investigating the governor's murder") are
not the event the story tells.  Split from assemble, which applies these rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Token

from eventscope.model import Claim, ClaimKind, Mention, Place, TimeRef
from eventscope.stages.actors import REFLEXIVE_PRONOUNS
from eventscope.stages.assemble_match import is_weak_date
from eventscope.stages.counts_figures import count_of
from eventscope.stages.lexicon import ANSWER_NOUNS
from eventscope.stages.nlp import ParsedArticle
from eventscope.stages.syntax import (
    DEFINITE_DETERMINERS,
    STATE_NOUNS,
    clause_head,
    counts_in_a_series,
    present_perfect,
)

__all__ = [
    "ANOTHER_WORDS",
    "ANSWER_NOUNS",
    "CAMPAIGN_NOUNS",
    "STATE_NOUNS",
    "TALLY_DAYS",
    "TALLY_MIN",
    "TOLL_REACH",
    "countrywide_sentences",
    "generic_series",
    "is_accident",
    "is_answered",
    "is_bare_toll",
    "is_habitual",
    "is_inquired",
    "is_running_total",
    "is_self_inflicted",
    "is_tally",
    "is_toll_word",
    "names_a_kind",
    "names_another",
    "told_in_passing",
    "toll_sentences",
    "trigger_lemma_in",
]


def trigger_lemma_in(parsed: ParsedArticle, mention: Mention, words: frozenset[str]) -> bool:
    token = parsed.trigger(mention)
    return token is not None and token.lemma_.lower() in words


# Words that only report a toll: "two people were killed and five wounded as a result".
TOLL_WORDS = frozenset({"kill", "die", "dead", "wound", "injure", "hurt"})
KILLING_VERBS = frozenset({"murder", "slay", "massacre", "execute", "behead"})
# How many sentences after an incident's last mention a bare toll still reports on it.
TOLL_REACH = 8


def is_bare_toll(parsed: ParsedArticle, mention: Mention, date: TimeRef, place: Place | None,
                 claims: tuple[Claim, ...], doer: bool = False) -> bool:
    """A mention that only reports casualties ("TWO PEOPLE WERE KILLED AND FIVE OTHERS WERE WOUNDED AS
    A RESULT"), with no time or place of its own: the toll of the incident the story last told, not
    an incident of its own.  A named place or time, or no figure, and it stands alone; the day of a report
    ("a security source told AFP on Wednesday that 77 people had been killed") is no time of its own, when
    the toll names no `doer` ("the military said on Tuesday it had killed 70 extremists" may be a clash of
    its own)."""
    if not (is_weak_date(date) or (date.report_bound and not doer)) or (place is not None and place.span is not None):
        return False
    if not any(c.kind in (ClaimKind.KILLED, ClaimKind.INJURED) and c.min for c in claims):
        return False
    token = parsed.trigger(mention)
    if token is not None and token.dep_ == "pobj" and token.head.dep_ == "prep" and not any(
            c.dep_ in ("det", "poss") for c in token.children):
        token = token.head.head  # "had died in combat": the toll verb the bare noun hangs from
    if token is None:
        return False
    # "said nine civilians had been murdered": a killing verb in the passive, by no one named, reports a toll
    passive = any(c.dep_ == "auxpass" for c in token.children) and not any(c.dep_ == "agent" for c in token.children)
    return token.lemma_.lower() in TOLL_WORDS or (passive and token.lemma_.lower() in KILLING_VERBS)


# Words that tell an accident: "in that aircraft accident, four people were killed", "killed when the plane
# crashed".  Deaths in an accident are no political violence (ACLED codes none, nor MUC-4), unless someone
# did it: an attacker of the death itself, or another attack told in the sentence ("hit by a missile, the
# helicopter crashed, killing ten").
ACCIDENT_WORDS = frozenset({"accident", "accidents", "crash", "crashes", "crashed", "crashing", "collision",
                            "collisions", "collided", "derailed", "derailment", "capsized", "mishap"})


def is_toll_word(token: Token) -> bool:
    """'killed', 'died', 'wounded' (upper-case copy is not always lemmatised: 'KILLED')."""
    word = token.lemma_.lower()
    return word in TOLL_WORDS or word.removesuffix("ed") in TOLL_WORDS or word.removesuffix("d") in TOLL_WORDS


def is_accident(parsed: ParsedArticle, mention: Mention, has_attacker: bool,
                sentence_mentions: Sequence[Mention]) -> bool:
    """A toll word ("killed", "died") whose clause, or a clause it hangs from, tells an accident, with no
    attacker and no other act of violence in the sentence."""
    token = parsed.trigger(mention)
    if has_attacker or token is None or not is_toll_word(token):
        return False
    if any(m.plover == mention.plover and m.id != mention.id and (other := parsed.trigger(m)) is not None
           and not is_toll_word(other) for m in sentence_mentions):
        return False
    clause = clause_head(token)
    nearby = [*clause.subtree, *token.ancestors]
    return any(t.lower_ in ACCIDENT_WORDS for t in nearby)


# Verbs of a death or wound someone gives himself: "another person killed himself", "shot herself".  A
# suicide is no political violence (ACLED and MUC-4 code none); told with an attack ("the gunman then
# killed himself") it is a death of that incident, and joins it.  Not "blew himself up" (a suicide
# attack) nor "set himself on fire" (a protest).
SELF_HARM_VERBS = frozenset({"kill", "shoot", "hang", "stab", "poison", "wound", "injure"})


def is_self_inflicted(parsed: ParsedArticle, mention: Mention) -> bool:
    """The trigger is a self-harm verb whose object is its own subject ("killed himself")."""
    token = parsed.trigger(mention)
    return token is not None and token.lemma_.lower() in SELF_HARM_VERBS and any(
        c.dep_ in ("dobj", "obj") and c.lower_ in REFLEXIVE_PRONOUNS for c in token.children)


# Verbs of looking into a deed after it was done: "the judge who was investigating the governor's murder".
INQUIRY_VERBS = frozenset({"investigate", "probe", "examine", "solve", "prosecute", "try", "inquire", "review"})


def is_inquired(parsed: ParsedArticle, mention: Mention) -> bool:
    """The event noun is what an inquiry is about ("investigating the governor of Antioquia's murder",
    the parser's "of" chain climbed): a deed done before, not the news the story tells."""
    token = parsed.trigger(mention)
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            return False
        if head.pos_ in ("VERB", "AUX"):
            return token.dep_ in ("dobj", "obj") and head.lemma_.lower() in INQUIRY_VERBS
        if not (token.dep_ in ("pobj", "dobj", "poss", "compound", "prep") and head.pos_ in ("NOUN", "PROPN", "ADP")):
            return False
        token = head
    return False


# Words that count the dead or hurt of a whole period ("some 1,600 Peruvians were murdered during the
# last quarter of 1989", "4,600 victims last year"): the mention is a statistic when its time covers at
# least TALLY_DAYS and it counts at least TALLY_MIN people.  ACLED and MUC-4 code incidents, not
# tallies; a named victim or a smaller figure over a long time is more likely one recalled incident.
TALLY_WORDS = frozenset({"kill", "murder", "die", "dead", "death", "casualty", "victim", "wound", "injure",
                         "assassinate", "massacre"})
TALLY_DAYS = 28
CAMPAIGN_DAYS = 9  # a count "since" a day over a week ago (nine days, both ends counted) sums many events
TALLY_MIN = 20


def is_tally(parsed: ParsedArticle, mention: Mention, date: TimeRef, claims: tuple[Claim, ...]) -> bool:
    """A casualty count over a month or more, told by a casualty word alone: a statistic, not an event.
    "Recently" puts one event somewhere in the past month; it counts nothing over it."""
    if date.vague or not _over_a_month(date):
        return False
    if not any(c.kind in (ClaimKind.KILLED, ClaimKind.INJURED) and (c.min or 0) >= TALLY_MIN for c in claims):
        return False
    token = parsed.trigger(mention)
    return token is not None and token.lemma_.lower() in TALLY_WORDS and not _one_cause(token)


def _one_cause(token: Token) -> bool:
    """The toll has one named cause or occasion: "in 2017, a truck bomb killed more than 500 people", "were killed in
    the attack in January".  A singular noun with a determiner is one thing that happened, not a sum;
    "violence", "the war" and "bombings" sum a stretch of days."""
    if any(c.dep_ == "advmod" and c.lower_ == "when" for c in token.children):
        return True  # "memories of October last year, when gunmen killed at least 115 people": one occasion
    causes = [c for c in token.children if c.dep_ == "nsubj" and token.lemma_.lower() != "die"]
    causes += [g for c in token.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("in", "by"))
               for g in c.children if g.dep_ == "pobj"]
    if token.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in token.children):
        causes += _phrase_nouns(token.head)  # "the June 2021 massacre in Solhan, where gunmen killed 132 people"
    # "killed in the territory (the West Bank) since then": a place the toll is counted over, no cause
    return any(c.lemma_.lower() not in CAMPAIGN_NOUNS | AREA_NOUNS and c.ent_type_ not in ("GPE", "LOC", "FAC")
               and ((c.tag_ in ("NN", "NNP") and any(d.dep_ == "det" and d.lower_ in ("a", "an", "the", "this", "that")
                                                       for d in c.children))
                    or (c.tag_ in ("NNS", "NNPS") and any(d.lower_ in SET_WORDS for d in c.children)))
               for c in causes)


# Words that make a plural one occasion: "twin car bombs", "a double suicide bombing".
SET_WORDS = frozenset({"twin", "double", "triple", "simultaneous", "coordinated"})


def _phrase_nouns(noun: Token) -> list[Token]:
    """The noun a "where" clause hangs on and the nouns whose prepositional phrases lead to it ("the
    massacre in Solhan, in Yagha province, where ..."): what the clause tells more of."""
    found = [noun]
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
        found.append(noun)
    return found


def ranks_in_a_series(parsed: ParsedArticle, mention: Mention) -> bool:
    """"making him the fifth reporter killed in the country this year": a statistic about the event
    the sentence tells, not another event (see syntax.counts_in_a_series)."""
    token = parsed.trigger(mention)
    return token is not None and counts_in_a_series(token)


# Nouns for a war or a campaign as a whole: a state of affairs, not one happening (also assemble's test for
# a mention that only names a war).
CAMPAIGN_NOUNS = STATE_NOUNS | {"offensive", "campaign", "violence", "uprising", "revolution"}


def is_running_total(parsed: ParsedArticle, mention: Mention, large_tolls: frozenset[int]) -> bool:
    """A war's or a campaign's toll so far ("the war has killed more than 400,000 people", "the offensive
    has already resulted in 139 dead"): the present perfect sums every day of it.  The sentence must
    count at least TALLY_MIN people (`large_tolls`, from `toll_sentences`): "the fighting has killed
    three" is more likely one clash.  The war's own mention goes with its toll."""
    token = parsed.trigger(mention)
    if mention.sentence_index not in large_tolls or token is None:
        return False
    verb = clause_head(token.head if token.dep_ == "amod" else token)  # "313 wounded": the figure's clause
    noun = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if noun is not None and noun.lower_ == "it":
        noun = _campaign_before(noun)  # "The war erupted in April 2023 ... It has killed tens of thousands"
    told = [verb] if noun is not None and noun.lemma_.lower() in CAMPAIGN_NOUNS else []
    if token.lemma_.lower() in CAMPAIGN_NOUNS:  # "an insurgency that has killed thousands"
        told += [c for c in token.children if c.dep_ == "relcl"]
    return any(present_perfect(v) for v in told)


def _campaign_before(pronoun: Token) -> Token | None:
    """The war or campaign an "it" subject stands for: the subject of the sentence before, when it names one."""
    sentence = pronoun.sent
    if sentence.start == 0:
        return None
    before = pronoun.doc[sentence.start - 1].sent
    return next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in CAMPAIGN_NOUNS), None)


def _over_a_month(date: TimeRef) -> bool:
    """A time of its own (not inherited) covering TALLY_DAYS or more."""
    return _covers(date, TALLY_DAYS)


def _covers(date: TimeRef, days: int) -> bool:
    """A time of its own (not inherited) covering `days` days or more, both ends counted."""
    interval = date.interval()
    return interval is not None and not is_weak_date(date) and (interval[1] - interval[0]).days + 1 >= days


def counts_a_campaign(parsed: ParsedArticle, mention: Mention, date: TimeRef) -> bool:
    """A present-perfect deed done to many over more than a week ("the Houthis have attacked more than
    100 merchant vessels since November 2023", "the government has arrested more than 2,000 people since
    the July 28 vote", "has carried out dozens of attacks in recent years"), or going on all that time
    ("have been fighting al-Shabab since 2011"): a campaign so far, not one event.  "Rebels have attacked
    the town since Monday" is one."""
    token = parsed.trigger(mention)
    if token is None:
        return False
    verb = token if token.pos_ == "VERB" else clause_head(token)
    if not present_perfect(verb) or not _covers(date, CAMPAIGN_DAYS):
        return False
    if token.pos_ == "VERB" and token.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ == "been"
                                                            for c in token.children):
        return True  # "Kenyan troops have been fighting al-Shabab since 2011": a war going on, no one event
    if token.pos_ == "VERB":  # deeds done to many: the object counts the people
        count, least = next((count_of(c)[0] for c in token.children if c.dep_ in ("dobj", "obj")), None), TALLY_MIN
    else:  # "the group has carried out dozens of attacks in recent years": counted deeds, none told
        counted = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else token
        count, least = (count_of(counted)[0] if token.tag_ in ("NNS", "NNPS") else None), 2
    return count is not None and (count.min or 0) >= least


# A toll told for many places of a country at once: "killed during clashes over the weekend in various
# points of the country", "185 casualties in six of the country's 14 departments", "across the country".
# ACLED codes each place and day as its own event and would not code such a sum; MUC-4 neither.  Only
# spreads over the country count: "attacked several villages in Kidal, killing 30" is one event.
SPREAD_NOUNS = frozenset({"point", "part", "place", "area", "department", "province", "region", "state",
                          "town", "city", "village", "district", "municipality", "location", "locality"})
SPREAD_WORDS = frozenset({"various", "several", "different", "many", "numerous", "multiple"})
COUNTRY_NOUNS = frozenset({"country", "nation"})
AREA_NOUNS = SPREAD_NOUNS | COUNTRY_NOUNS | frozenset({"territory", "enclave", "strip", "zone", "capital"})


def toll_sentences(claims: Mapping[str, tuple[Claim, ...]], mentions: Sequence[Mention],
                   at_least: int = 1) -> frozenset[int]:
    """The sentences that count at least `at_least` killed or injured, for any of their mentions."""
    by_id = {m.id: m.sentence_index for m in mentions}
    return frozenset(by_id[mention_id] for mention_id, found in claims.items() if mention_id in by_id
                     and any(c.kind in (ClaimKind.KILLED, ClaimKind.INJURED) and (c.min or 0) >= at_least
                             for c in found))


def countrywide_sentences(parsed: ParsedArticle, tolls: frozenset[int],
                          claims: Mapping[str, tuple[Claim, ...]]) -> dict[int, frozenset[int]]:
    """The sentences among `tolls` (from `toll_sentences`) that give their casualty figure for many
    places of the country at once, each with the tokens of the clause that does: every mention there
    is part of the sum ("fighting", "killing").  A coordinated clause with no casualty figure of its
    own tells an event of its own ("Police fired tear gas at students in the capital, and at least 19
    people were killed in clashes across the country"); one with a figure gives a rival count of the
    same sum ("... but the army claims it only sustained 48 casualties in those clashes")."""
    figures = [c.span.start for held in claims.values() for c in held if c.span is not None]
    out: dict[int, frozenset[int]] = {}
    for n in tolls:
        if 0 <= n < len(parsed.sentences) and (marker := _spread_over_country(parsed, n)) is not None:
            clause = marker
            while clause.dep_ != "ROOT" and clause.head.i != clause.i and not _coordinated_clause(clause):
                clause = clause.head
            apart = {t.i for c in clause.children if _coordinated_clause(c) and not any(
                c.left_edge.idx <= at <= c.right_edge.idx for at in figures) for t in c.subtree}
            out[n] = frozenset(t.i for t in clause.subtree if t.i not in apart)
    return out


def _coordinated_clause(token: Token) -> bool:
    return token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.head.pos_ in ("VERB", "AUX")


def _spread_over_country(parsed: ParsedArticle, n: int) -> Token | None:
    """The word that spreads the sentence's toll over the country ("across", "points"), if any."""
    sentence = parsed.sentences[n]
    for token in parsed.span_of(sentence) or ():
        if token.lower_ in ("across", "throughout") and any(
                child.dep_ == "pobj" and child.lemma_.lower() in COUNTRY_NOUNS for child in token.children):
            return token
        if token.lemma_.lower() in SPREAD_NOUNS and token.tag_ == "NNS" and _of_the_country(token) and (
                any(child.lower_ in SPREAD_WORDS for child in token.children)
                or (token.head.lower_ == "of" and token.head.head.like_num)):
            return token
    return None


def _of_the_country(places: Token) -> bool:
    """ "points of the country", "the country's 14 departments"."""
    for child in places.children:
        if child.dep_ == "poss" and child.lemma_.lower() in COUNTRY_NOUNS:
            return True
        if child.lower_ == "of" and any(g.dep_ == "pobj" and g.lemma_.lower() in COUNTRY_NOUNS
                                        for g in child.children):
            return True
    return False


_ANSWER_REACH = 4  # heads up from the trigger to the answer noun


# Verbs and nouns of protest, whose object is what was protested ("to protest the killing of community
# leaders", "protests over the arrest of ...").
PROTEST_WORDS = frozenset({"protest", "demonstrate", "demonstration", "rally", "march"})


def is_answered(parsed: ParsedArticle, mention: Mention) -> bool:
    """The mention is what another act of its sentence answers ("in response to the attacks"), or what a
    protest was against ("blocked the highway to protest the killing of community leaders")."""
    token = parsed.trigger(mention)
    if token is None:
        return False
    protested = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("over", "against") else token.head
    if token.dep_ in ("dobj", "pobj") and protested.lemma_.lower() in PROTEST_WORDS:
        return True
    for _ in range(_ANSWER_REACH):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in ANSWER_NOUNS:
            return True
    return False


# Words that set a noun trigger apart from the event told: "other attacks", "another bombing",
# "previous attacks", "earlier raids".  With "the" ("the other attack", DEFINITE_DETERMINERS) the event
# was told before.
ANOTHER_WORDS = frozenset({"other", "another", "previous", "earlier", "prior", "past", "similar", "former"})


def names_another(parsed: ParsedArticle, mention: Mention) -> bool:
    """An indefinite noun trigger set apart from the event told ("other attacks", "another bombing")."""
    token = parsed.trigger(mention)
    if token is None or token.pos_ != "NOUN":
        return False
    words = {c.lower_ for c in token.children if c.dep_ in ("amod", "det")}
    definite = any(c.lower_ in DEFINITE_DETERMINERS or c.dep_ == "poss" for c in token.children)
    return bool(words & ANOTHER_WORDS) and not definite


# Verbs that set the story's news after an earlier deed: "The violence comes weeks after soldiers killed ...",
# and what such a verb has for subject then: the news itself, by a word for a happening or "it"/"this"
# ("The enemy came in large numbers after the explosion" is no such framing).
COMES_AFTER_VERBS = frozenset({"come", "follow"})
NEWS_WORDS = frozenset({"it", "this", "that", "violence", "unrest", "bloodshed", "fighting", "attack", "attacks",
                        "assault", "strike", "strikes", "raid", "bombing", "killing", "killings", "clash", "clashes",
                        "ambush", "abduction", "kidnapping", "incident", "move", "decision", "announcement",
                        "news", "escalation", "offensive", "operation", "protest", "protests", "climbdown"})


def came_before(parsed: ParsedArticle, mention: Mention) -> bool:
    """The trigger lies in the "after" clause of "comes/follows (weeks) after ...": the deed the news is
    set after, told in passing, is not one of the news' events ("The violence comes weeks after
    residents accused soldiers of killing around 70 civilians")."""
    token = parsed.trigger(mention)
    if token is None:
        return False
    for inner in (token, *token.ancestors):
        head = inner.head
        if head.i == inner.i:
            return False
        after = (inner.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "after" for c in inner.children)) \
            or (inner.dep_ in ("pobj", "pcomp") and head.lower_ == "after")
        if after:
            verb = head if inner.dep_ == "advcl" else head.head
            return verb.lemma_.lower() in COMES_AFTER_VERBS and any(
                c.dep_ == "nsubj" and c.lower_ in NEWS_WORDS for c in verb.children)
    return False


def introduces_new(parsed: ParsedArticle, mention: Mention) -> bool:
    """A singular noun trigger with "a"/"an", the object of a verb or preposition: the story brings in an
    event it has not told ("... said they had repelled an RSF ground assault"), not one told before."""
    token = parsed.trigger(mention)
    if token is None or token.pos_ != "NOUN" or token.tag_ != "NN" or token.dep_ not in ("dobj", "pobj"):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)


def generic_series(parsed: ParsedArticle, mention: Mention) -> bool:
    """A plural noun trigger ("other attacks"): many events named at once."""
    token = parsed.trigger(mention)
    return token is not None and token.tag_ in ("NNS", "NNPS")


# Verbs whose habitual object is a kind of deed ("a rights group that tracks arrests and killings"), and
# nouns that count a kind of deed as a trend ("the rising number of air attacks", "a surge in attacks").
TRACKING_VERBS = frozenset({"track", "monitor", "document", "record", "count", "tally", "catalogue", "catalog",
                            "log", "study", "research", "investigate"})
# Words of a deed done at intervals, over weeks ("near-nightly raids"); not of one that goes on for a while
# ("continual explosions and shooting" on the day of an offensive is that day's event).
HOW_OFTEN_WORDS = frozenset({"nightly", "daily", "weekly", "monthly", "regular", "frequent", "routine", "periodic",
                             "recurrent", "recurring"})
TREND_VERBS = frozenset({"surge", "rise", "increase", "soar", "spike", "mount", "grow", "escalate", "decline", "drop",
                         "fall", "decrease", "double", "triple", "jump", "climb"})
TREND_NOUNS = frozenset({"number", "rise", "increase", "surge", "spike", "upsurge", "escalation", "decline",
                         "drop", "decrease", "fall", "wave", "frequency", "rate", "trend",
                         # ... and nouns that make a deed one of many ("the latest in a string of air attacks")
                         "string", "series", "spate", "rash", "succession", "flurry"})


def names_a_kind(parsed: ParsedArticle, mention: Mention) -> bool:
    """A bare plural noun trigger that names a kind of deed, not deeds the story tells: a routine ("near-
    nightly raids"), the habitual object of a tracking verb ("a group that tracks arrests and killings")
    a trend's count ("alarmed by the rising number of air attacks", "the latest in a string of air attacks") or
    a trend's subject ("militant attacks have surged").  With a determiner, a figure or an owner it is told ("the attacks")."""
    token = parsed.trigger(mention)
    if token is None or token.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in token.children):
        return False
    if any(c.dep_ == "amod" and c.lower_ in HOW_OFTEN_WORDS for c in token.children):
        return True  # "has carried out near-nightly raids", "daily attacks": a routine, no one event
    first = token
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head  # "tracks arrests and killings": the coordination's place is its first noun's
    head = first.head
    if first.dep_ in ("dobj", "obj"):
        return head.lemma_.lower() in TRACKING_VERBS and head.tag_ in ("VBZ", "VBP", "VBG")
    if first.dep_ == "nsubj" and head.lemma_.lower() in TREND_VERBS:
        return True  # "militant attacks have surged since 2021": a trend of a kind of deed
    return first.dep_ == "pobj" and head.lower_ in ("of", "in") and head.head.lemma_.lower() in TREND_NOUNS


# Subordinators of a clause that sets another happening beside the main one.
CONTRAST_MARKS = frozenset({"while", "whereas", "whilst", "meanwhile"})


def contrast_clause(parsed: ParsedArticle, mention: Mention) -> int:
    """The token index of the "while" clause the trigger is told in, -1 outside one: "police clashed with
    riders in Kisumu, while a roadside bomb killed two officers near the border" tells two events."""
    token = parsed.trigger(mention)
    # the trigger heads the clause, which has a subject of its own and follows a comma: "kidnapped ... by
    # armed men while on his way to the airport" is the time of one deed, not a second one beside it
    if token is None or token.dep_ != "advcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return -1
    mark = next((c for c in token.children if c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS), None)
    return token.i if mark is not None and mark.i > 0 and token.doc[mark.i - 1].text == "," else -1


# Verbs of leaving the scene; words that tie the leaving to the deed before it.
LEAVE_VERBS = frozenset({"withdraw", "retreat", "pull", "flee", "leave", "escape"})
_TIED_MARKS = frozenset({"before", "after", "as", "when", "until"})


def leaves_the_scene(parsed: ParsedArticle, mention: Mention, here: list[Mention]) -> bool:
    """Attackers leaving after their attack, told in the attack's sentence ("the gunbattle lasted two hours
    before the attackers withdrew", "fought for several hours before withdrawing"): part of the attack,
    no retreat of its own."""
    token = parsed.trigger(mention)
    if token is None or mention.plover != "RETREAT" or token.lemma_.lower() not in LEAVE_VERBS:
        return False
    tied = (token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIED_MARKS for c in token.children)) \
        or (token.dep_ == "pcomp" and token.head.lower_ in _TIED_MARKS)
    return tied and any(m.plover == "ASSAULT" and m.id != mention.id for m in here)


# Verbs of leaving a place because of what happens there ("families who had fled fighting").
FLIGHT_VERBS = frozenset({"flee", "escape", "displace", "uproot"})


def names_what_was_fled(parsed: ParsedArticle, mention: Mention) -> bool:
    """A bare noun trigger for what people fled ("families who had fled fighting in nearby areas",
    "displaced by violence"): the reason they left, not an event the story tells."""
    token = parsed.trigger(mention)
    if token is None or token.pos_ != "NOUN" or any(c.dep_ in ("det", "poss", "nummod") for c in token.children):
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("from", "by"):
        head = head.head
    return token.dep_ in ("dobj", "pobj") and head.pos_ == "VERB" and head.lemma_.lower() in FLIGHT_VERBS


# Adverbs that make a present-tense verb a habit ("bandits often kidnap villagers for ransom").
HABIT_ADVERBS = frozenset({"often", "usually", "regularly", "frequently", "routinely", "sometimes", "typically",
                           "generally", "commonly", "occasionally", "repeatedly", "habitually", "long", "increasingly"})


def is_habitual(parsed: ParsedArticle, mention: Mention) -> bool:
    """'Gangs, known locally as bandits, often kidnap villagers for ransom': what someone does as a rule,
    told in the present with an adverb of frequency, is background, no event; so is what has been done
    again and again ("villagers have repeatedly been killed by military airstrikes since the coup", "the
    gangs have for years terrorized farming communities, kidnapping for ransom", "has long been the scene
    of deadly attacks"); so is a deed in the plural that someone "continues to" do."""
    token = parsed.trigger(mention)
    if token is None:
        return False
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head  # "drone strikes" named by its first word
    verb = token
    if token.pos_ == "NOUN" and token.dep_ == "dobj":  # "have repeatedly carried out raids"
        verb = token.head
    elif token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.dep_ in ("agent", "prep"):
        verb = token.head.head  # "have repeatedly been killed by airstrikes"
    while verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "conj", "attr") and verb.head.i != verb.i:
        # "have repeatedly accused troops and auxiliaries of summary executions"; "the province has long
        # been the scene of deadly attacks"
        verb = verb.head
    while verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i:
        verb = verb.head  # "have for years terrorized villages, kidnapping for ransom"
    if token.tag_ == "NNS" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("continue", "keep") \
            and verb.head.tag_ in ("VBP", "VBZ"):
        return True  # "was pushed out of Mogadishu in 2011 but continues to carry out deadly bombings"
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    present = verb.tag_ in ("VBP", "VBZ") or (verb.tag_ == "VBN" and present_perfect(verb)) or any(
        a.lower_ in ("have", "has") and a.tag_ in ("VBP", "VBZ") for a in auxes)
    cues = [*verb.children, *(c for a in auxes for c in a.children)]  # the parser may hang "for years" on "have"
    return present and any((c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS) or _for_years(c) for c in cues)


def _for_years(token: Token) -> bool:
    """'for years', 'for decades': a stretch over which something has been done again and again."""
    return token.dep_ == "prep" and token.lower_ == "for" and any(
        c.dep_ == "pobj" and c.lower_ in ("years", "decades", "months") for c in token.children)


def told_in_passing(parsed: ParsedArticle, mention: Mention, date: TimeRef, claims: tuple[Claim, ...]) -> bool:
    """No figure of its own and no time of its own: named, not told ("in response to the attacks by
    militias", "other attacks"), unlike "a rocket attack earlier that month that killed one contractor"."""
    return not any(c.min for c in claims) and not _own_time(parsed, mention, date)


def _own_time(parsed: ParsedArticle, mention: Mention, date: TimeRef) -> bool:
    """The mention's date comes from a phrase inside its own phrase ("a rocket attack earlier that month")."""
    token = parsed.trigger(mention)
    if date.phrase is None or token is None:
        return False
    span = parsed.doc.char_span(date.phrase.start, date.phrase.end, alignment_mode="expand")
    inside = {t.i for t in token.subtree}
    return span is not None and all(t.i in inside for t in span)
