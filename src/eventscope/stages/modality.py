"""Did the text say the event happened?  Modality of a trigger from its parse.

Reads the trigger, its auxiliaries and the chain of heads above it (up to the
clause that governs it), and returns the first cue found in this order:

    negated      "did not attack", "no attack", "never fired"
    denied       "denied carrying out the attack"          (a deny verb governs the trigger)
    threatened   "vowed to strike", "threatened to attack"  (a threat verb governs the trigger)
    hypothetical "could", "would", "if ...", "no indication that ... was the start of",
                 "to prevent further attacks", "possible strikes", "facilities used to launch attacks"
    future       "will strike", "plans to attack", "is expected to"
    occurred     none of the above

The verbal act itself (the "vowed" of "vowed to strike") is occurred; only the
event it governs gets the modality.  Cue words live in data/modality.tsv.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from eventscope.model import Modality
from eventscope.ontology import read_table
from eventscope.stages.lexicon import FORCE_ROOTS, trigger_code

# How far up the head chain a governing cue may sit (clause hops).
MAX_HOPS = 6
CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "pobj", "dobj", "conj", "prep", "nsubj",
               "nsubjpass", "attr", "oprd", "appos", "compound", "amod", "nmod", "csubj"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
ANCHOR_PREPS = frozenset({"for", "after", "since", "following", "over", "against", "despite", "before"})
# Adjectives that say how often a kind of event happens ("raids are common"): no one event.
GENERIC_ADJECTIVES = frozenset({"common", "frequent", "rare", "widespread", "routine", "commonplace", "regular",
                                "typical", "endemic", "prevalent", "uncommon", "unusual", "infrequent"})
# Verbs whose "for" names what is wanted, not a reason: "called for a ceasefire", "pushed for talks".
ASKING_FOR_VERBS = frozenset({"call", "push", "press", "appeal", "lobby", "ask", "plead", "campaign", "pray",
                              "hope", "wait", "vote", "clamor", "clamour", "advocate", "petition", "agitate",
                              "demand", "beg", "wish", "yearn", "negotiate", "bargain"})
# Subordinators of a clause that tells when, in the past tense a fact of its own.
TIME_MARKS = frozenset({"before", "after", "when", "while", "until", "once", "as", "since"})
# Verbs that end a deed: what they govern was under way when its doer's own ("stopped its shelling").
CESSATION_VERBS = frozenset({"stop", "halt", "suspend", "end", "cease", "pause", "call off"})


# Nouns of a proposal or an appeal, whose "for" names what is wanted: "a plan for a ceasefire".
ASKING_FOR_NOUNS = frozenset({"plan", "proposal", "call", "appeal", "push", "bid", "demand", "initiative",
                              "roadmap", "blueprint", "framework", "request", "hope", "pressure", "campaign"})


@cache
def _cues() -> dict[str, dict[str, Modality]]:
    table: dict[str, dict[str, Modality]] = {}
    for row in read_table("modality.tsv"):
        table.setdefault(row["kind"], {})[row["cue"]] = Modality(row["modality"])
    return table


def _own_cue(token: Token) -> tuple[Modality, str] | None:
    """Cues attached to the token itself: negation, modal auxiliaries, hedging modifiers."""
    cues = _cues()
    for child in token.children:
        # a condition first: "if the siege is not lifted" states neither a refusal nor a fact
        if child.dep_ == "mark" and cues.get("mark", {}).get(child.lower_) is Modality.HYPOTHETICAL:
            return Modality.HYPOTHETICAL, f"'{child.text}' clause"
    for child in token.children:  # then negation: "will not lift" is a refusal, not a plan
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in cues.get("negdet", {})):
            return Modality.NEGATED, f"negation '{child.text}' on '{token.text}'"
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("aux", "auxpass") and word in cues.get("aux", {}):
            return cues["aux"][word], f"auxiliary '{child.text}'"
        if child.dep_ == "amod" and word in cues.get("modifier", {}):
            return cues["modifier"][word], f"modifier '{child.text}'"
        if child.dep_ == "mark" and word in cues.get("mark", {}):
            return cues["mark"][word], f"'{child.text}' clause"
    return None


# Subjects that name no one: "nobody was hurt", "none of them died" ("no one" is "one" with the determiner "no").
NOBODY_WORDS = frozenset({"nobody", "none", "noone"})
# Nouns for the same thing happening again: what is feared or prevented is the repeat, not the original.
REPEAT_NOUNS = frozenset({"repeat", "repetition", "recurrence", "replay", "rerun"})


def nobody_did_it(token: Token) -> Token | None:
    """The subject of a verb trigger that names no one ("No security officer was killed or injured",
    "nobody claimed the attack"), or None.  A conjunct without a subject of its own shares its
    sibling's.  Only the trigger's own subject counts: "no one was injured in the attack" negates the
    injuring, not the attack."""
    if token.pos_ != "VERB":
        return None
    cues = _cues()
    verb = token
    while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and verb.dep_ == "conj":
        verb = verb.head
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.lower_ in NOBODY_WORDS or any(c.dep_ == "det" and c.lower_ in cues.get("negdet", {})
                                                 for c in subject.children):
            return subject
    return None


def modality_of(token: Token, *, stop: Token | None = None) -> tuple[Modality, str]:
    """Modality of the event whose trigger is `token`, with a short reason.

    `stop` is a governing token at which to stop looking (the dyad coder passes the
    verb it coded, so "X refused to release Y" is not called denied for its own verb).
    """
    cues = _cues()
    own = _own_cue(token)
    if own:
        return _reported_would(token, *own)
    nobody = nobody_did_it(token)
    if nobody is not None:
        return Modality.NEGATED, f"negated subject '{nobody.text}' of '{token.text}'"
    current = token
    speech_above = False
    # After "revenge for the attack" or "since the strike", the event is a reason or a time
    # anchor: a threat or denial above it does not bear on whether it happened.
    # ... and so is an event named by its day ("a commander who had helped plan Thursday's bombing"): that
    # day's event, whatever was planned of it
    anchored = token.pos_ == "NOUN" and any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in token.children) \
        and _deed_of_force(token)
    for _ in range(MAX_HOPS):
        if current.dep_ == "ROOT" or current.head.i == current.i or (stop is not None and current.i == stop.i):
            break
        dep = current.dep_
        head = current.head
        how_often = next((c for c in head.children if c.dep_ == "acomp" and c.lemma_.lower() in GENERIC_ADJECTIVES),
                         None) if dep == "nsubj" and head.lemma_.lower() == "be" else None
        if how_often is not None and current.tag_ in ("NNS", "NNPS") and not any(
                c.dep_ == "det" for c in current.children):
            # "cattle raids and revenge killings are common in the region": a kind of event, not one
            return Modality.HYPOTHETICAL, f"a kind of event: '{head.text} {how_often.text}'"
        if dep not in CLAUSE_DEPS:
            break
        if dep == "ccomp" and current.i < head.i and any(t.text == ";" for t in current.doc[current.i:head.i]):
            break  # "X reported that ...; Damascus denied the allegation": the parse hangs a sentence on the next
        if dep == "nsubj" and current.pos_ in ("NOUN", "PROPN") and head.pos_ in ("VERB", "AUX") \
                and not _happening(head):
            # "vowed that the killings would not go unanswered", "denied that the strike killed civilians":
            # the clause says something of the event; what governs the clause bears on that, not on it
            break
        if dep == "relcl" and _told_as_past(current):
            break  # "the assassins of X, who was murdered yesterday": a past fact about the noun
        if dep == "advcl" and current.tag_ == "VBD" and any(
                c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in current.children):
            break  # "threatening staff ... before police retook the building": a past fact of its own
        if dep == "conj":
            # a conjunct shares its sibling's governor; the sibling's own cues are its business, except
            # the auxiliary a conjunct without its own shares ("would have cost ... and blown up the surplus")
            shared = _shared_auxiliary(current, head)
            if shared is not None:
                # "would have blown up" did not happen, whoever says it; "would attack" is a plan when reported
                perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children)
                return shared if perfect else _reported_would(token, *shared)
            current = head
            continue
        lemma = head.lemma_.lower()
        if dep == "prep" and current.lower_ == "for" and (lemma in ASKING_FOR_VERBS or lemma in ASKING_FOR_NOUNS) \
                and not anchored:
            return Modality.HYPOTHETICAL, f"asked for: '{head.text} for'"
        if dep == "prep" and current.lower_ in ANCHOR_PREPS:
            anchored = True
        if dep == "prep" and current.lower_ == "of" and head.lemma_.lower() in REPEAT_NOUNS:
            anchored = True  # "to prevent a repeat of the Easter Sunday bombings": those happened
        if dep == "dobj" and lemma in CESSATION_VERBS and any(c.dep_ == "poss" for c in current.children):
            # "the army stopped its shelling", "agreed to halt their raids": the deed was under way;
            # "police stopped an attack" was foiled
            anchored = True
        if _purpose_of_a_use(current, head, lemma):
            return cues["purpose"][lemma], f"what '{head.text}' serves for, not one event"
        if lemma == "be" and dep in ("advcl", "xcomp", "ccomp"):
            # "it is easy for them to kill": the parser hangs the infinitive on "is", not on the adjective
            lemma = next((c.lemma_.lower() for c in head.children if c.dep_ == "acomp"), lemma)
        # a governor bears on its complement, not on its subject ("if talks fail": the talks are not refused);
        # a passive subject is what is governed ("protests are planned for Saturday", "the attack was foiled")
        if lemma == "due" and dep == "xcomp" and not anchored:
            return Modality.FUTURE, f"governed by '{head.text} to'"  # "is due to meet", not "due to threats"
        naming = (dep in ("dobj", "oprd") and any(c.dep_ == "oprd" for c in head.children)) or _names_itself(head)
        if lemma in cues.get("governor", {}) and (dep not in SUBJECT_DEPS or dep == "nsubjpass") and not naming:
            # ("called the strike a war crime" names the strike; "called for strikes" asks for them)
            kind = cues["governor"][lemma]
            epistemic = lemma in cues.get("epistemic", {})
            negated = any(c.dep_ in ("neg", "det") and c.lower_ in ("no", "not", "never", "little")
                          for c in head.children)
            # "no indication that ...": an evidence noun hedges only when negated
            if (epistemic and negated) or (not epistemic and not anchored):
                return kind, f"governed by '{head.text}'"
        if lemma in cues.get("speech", {}):
            speech_above = True
        # A modal on the head verb speaks about the predicate, not about its subject ("the strikes
        # should send a message": the strikes happened), unless the predicate is the happening itself
        # ("talks have not taken place", "the attack could happen at any time").
        clause_link = dep in ("xcomp", "ccomp", "advcl", "pcomp", "relcl", "acl")
        if not anchored and (dep not in SUBJECT_DEPS or _happening(head)) and (
                clause_link or head.pos_ in ("VERB", "AUX")):
            found = _own_cue(head)
            if found and found[0] is not Modality.OCCURRED:
                modality, why = found
                if modality is Modality.NEGATED and dep != "xcomp" and dep not in SUBJECT_DEPS:
                    # "did not say that X attacked" leaves the attack's status open
                    modality = Modality.HYPOTHETICAL
                return _reported_would(token, modality, why + f" above '{token.text}'")
        current = head
    if speech_above:
        return Modality.OCCURRED, "reported speech, no negation/hedge cue"
    return Modality.OCCURRED, "no negation/hedge cue"


# Verbs that say an event happened, whose subject is the event ("the talks took place").
HAPPENING_VERBS = frozenset({"happen", "occur", "materialize", "materialise", "proceed", "unfold", "transpire",
                             "erupt", "ensue", "follow", "resume", "begin", "start", "continue", "recur", "spread",
                             "escalate", "intensify", "come", "flare", "rage"})


def _shared_auxiliary(conjunct: Token, sibling: Token) -> tuple[Modality, str] | None:
    """The modal auxiliary of the first verb of a coordination, when the conjunct verb has no auxiliary
    or subject of its own ("the measure would have cost ... and blown up ..."): its modality."""
    cues = _cues()
    if conjunct.pos_ != "VERB" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in conjunct.children):
        return None
    if conjunct.lemma_.lower() in cues.get("governor", {}) or conjunct.lemma_.lower() in cues.get("speech", {}):
        return None  # "said his forces would enter the city and called on troops to surrender": a misplaced conjunct
    aux = cues.get("aux", {})
    modal = next((c for c in sibling.children if c.dep_ == "aux" and c.lower_ in aux
                  and aux[c.lower_] is not Modality.OCCURRED), None)
    if modal is None:
        return None
    return aux[modal.lower_], f"auxiliary '{modal.text}' shared with '{sibling.text}'"


def told_as_happening(token: Token) -> bool:
    """Whether the trigger is the subject of a happening verb ("talks have not taken place"): its
    negation says the event did not happen, not that anyone refused it."""
    return token.dep_ in SUBJECT_DEPS and token.head.i != token.i and _happening(token.head)


def _happening(verb: Token) -> bool:
    """'happened', 'occurred', 'took place', 'went ahead': the verb asserts its subject event."""
    lemma = verb.lemma_.lower()
    if lemma in HAPPENING_VERBS:
        return True
    particles = {c.lower_ for c in verb.children if c.dep_ in ("dobj", "prt", "advmod")}
    return (lemma == "take" and "place" in particles) or (lemma == "go" and "ahead" in particles) \
        or (lemma == "break" and "out" in particles)


def _purpose_of_a_use(clause: Token, head: Token, lemma: str) -> bool:
    """'facilities used by militias to support drone strikes', 'were using the base to launch attacks':
    a "to" clause under a participle or progressive of a use verb, or under a verb of founding in any tense."""
    if lemma not in _cues().get("purpose", {}) or clause.dep_ not in ("xcomp", "advcl"):
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    if lemma in FOUNDING_VERBS:
        return True  # "armed groups that sprang up to fight the army": what they are for, in any tense
    return (head.tag_ == "VBN" and head.dep_ in ("acl", "relcl")) or head.tag_ == "VBG"


# Verbs of a group's coming into being: the "to" clause says what it exists for.
FOUNDING_VERBS = frozenset({"spring", "emerge", "arise", "found", "establish", "create"})


def _deed_of_force(token: Token) -> bool:
    """The word names an assault, a fight or mass violence (CAMEO 18-20): "Thursday's bombing", not
    "Sunday's talks", which a plan may still be about."""
    code = trigger_code(token)
    return code is not None and code.code[:2] in FORCE_ROOTS


def _told_as_past(verb: Token) -> bool:
    """A verb in a past tense of its own: "killed", "was killed", "had been killed"."""
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _reported_would(token: Token, modality: Modality, why: str) -> tuple[Modality, str]:
    """'X said it would release Y' reports a plan (future), not a hypothetical."""
    if "'would'" not in why:
        return modality, why
    speech = _cues().get("speech", {})
    if any(a.lemma_.lower() in speech for a in token.ancestors):
        return Modality.FUTURE, why + " under a reporting verb (a stated plan)"
    return modality, why


def obligation_cue(token: Token) -> Token | None:
    """A 'must'/'should' on the trigger or its clause head, under a reporting verb ("X says Y must Z")."""
    obligations = _cues().get("obligation", {})
    speech = _cues().get("speech", {})
    current = token
    for _ in range(3):
        aux = next((c for c in current.children if c.dep_ == "aux" and c.lower_ in obligations), None)
        if aux is not None:
            return aux if any(a.lemma_.lower() in speech for a in current.ancestors) else None
        if current.dep_ not in ("dobj", "xcomp", "pobj", "prep") or current.head.i == current.i:
            return None
        current = current.head
    return None


REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})


def _names_itself(verb: Token) -> bool:
    """"A group calling itself the Ambazonia Defence Forces claimed the attack": a verb with a reflexive
    object gives a name (the parser may hang the rest of the sentence on it), it governs nothing."""
    return verb.lemma_.lower() == "call" and any(c.dep_ == "dobj" and c.lower_ in REFLEXIVES for c in verb.children)
