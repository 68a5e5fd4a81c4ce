"""Read casualty figures off the dependency parse of one sentence (used by the counts stage).

For each casualty word the victims are found by its role in the parse:

    verb_object   "killed four militiamen", "four militiamen were killed", "people killed in"
    verb_subject  "four soldiers died"
    adjective     "8 dead", "left 8 injured", "shot dead", "two wounded soldiers"
    noun          "12 deaths", "the bodies of two men", "the murder of six Jesuits", "no injuries",
                  "Fatalities: 2", "fatalities coded as 10"
    noun_implied  as noun, and alone a killing still says someone died ("the massacre", "Diaz' murder")
    toll          "the death toll rose to 12"
    zero_only     "no casualties" (a figure of zero for killed and injured)

The figure is the victims' number (`counts_figures.count_of`); a singular noun
or a name is one person, a bare plural is a claim without a figure (the text
says people died, not how many).  When the parse leaves the object hanging
(all-capitals wire copy), the first noun after a killing verb is taken; a
relative pronoun stands for its antecedent; "two of the dead" is a part of a
toll told elsewhere and no figure of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventscope.model import ClaimKind
from eventscope.stages.counts_figures import (
    ZERO_WORDS,
    count_of,
    is_number,
    is_person,
    of_object,
)
from eventscope.stages.numbers import Quantity


@dataclass(frozen=True)
class Term:
    """A casualty word's kind and the role its victims play (see `data/casualty_terms.tsv`)."""

    kind: ClaimKind
    role: str


@dataclass(frozen=True)
class Reading:
    """One casualty figure found in a sentence, before its source and event are known."""

    token: Token  # the casualty word
    kind: ClaimKind
    quantity_min: int | None
    quantity_max: int | None
    start: int  # character span covering figure and casualty word
    end: int
    reason: str
    victim: str = ""  # lemma of the victims' head noun ("soldier"), empty for a bare figure


# Entity labels that never name a victim: "killing the Esquipulas agreement", "wounded Bogota's pride".
_NOT_PEOPLE = frozenset({"LAW", "EVENT", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "DATE", "TIME",
                         "MONEY", "PERCENT", "LANGUAGE"})
# Objects of a killing verb that are other words, not people, when parsed as a lone common noun.
_VICTIM_DEPS = ("npadvmod", "dep", "attr", "oprd", "appos")


def _upper_case_term(token: Token, terms: Mapping[tuple[str, str], Term]) -> tuple[Term, str] | None:
    """All-capitals wire text (MUC-4) is tagged as proper nouns: strip the inflection by hand."""
    lower = token.lower_
    for stem in (lower, lower[:-2], lower[:-1], lower[:-3], lower[:-3] + "e"):
        if len(stem) > 2 and (found := terms.get((stem, "verb"))) and lower.endswith(("ed", "d", "ing")):
            return found, "verb"
    for stem in (lower, lower[:-1], lower[:-3] + "y"):
        if len(stem) > 2 and (found := terms.get((stem, "noun"))):
            return found, "noun"
    return None


def _term(token: Token, terms: Mapping[tuple[str, str], Term]) -> tuple[Term, str] | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.is_upper and token.pos_ == "PROPN" and lemma == lower:
        return _upper_case_term(token, terms)
    if token.pos_ in ("VERB", "AUX"):
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        found = (particle and terms.get((f"{lemma} {particle}", "verb"))) or terms.get((lemma, "verb"))
        if found:
            return found, "verb"
        found = terms.get((lower, "adjective"))
        return (found, "adjective") if found else None
    if token.pos_ == "ADJ":
        found = terms.get((lower, "adjective")) or terms.get((lemma, "adjective"))
        if found:
            return found, "adjective"
        found = terms.get((lemma, "verb"))
        return (found, "verb") if found else None
    if token.pos_ in ("NOUN", "PROPN"):
        found = terms.get((lemma, "noun"))
        if found:
            return found, "noun"
        found = terms.get((lower, "adjective"))  # "the dead", "8 wounded" tagged as nouns
        return (found, "adjective") if found else None
    return None


def _stranded_range(verb: Token) -> Token | None:
    """"said between 15 and 20 people had died": the parser hangs the ranged subject on "between" under the
    verb of saying; the noun that ends just before the verb (or its auxiliaries) is its subject."""
    start = verb.left_edge.i
    if start == 0:
        return None
    noun = verb.doc[start - 1]
    return noun if noun.dep_ == "pobj" and noun.head.lower_ == "between" and noun.pos_ in ("NOUN", "PROPN") else None


def _victims_of_verb(token: Token, role: str) -> Token | None:
    deps = {c.dep_: c for c in token.children}
    if role == "verb_subject":
        return deps.get("nsubj") or _stranded_range(token)
    if "nsubjpass" in deps:
        # "at least 41 people, most of them worshippers, were killed": the parser may give the verb the
        # apposed partitive as a second passive subject; the one with a figure is the counted one
        return next((c for c in token.children if c.dep_ == "nsubjpass"
                     and any(n.dep_ == "nummod" for n in c.children)), deps["nsubjpass"])
    if "dobj" in deps:
        # ("killing more than 80 people, most of them police officers": the apposed partitive may be a
        # second object; the first is the counted one)
        obj = next(c for c in token.children if c.dep_ == "dobj")
        after = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
        if (after is not None and after.head.i in (token.i, obj.i) and after.dep_ in _VICTIM_DEPS and after.pos_ == "PROPN"
                and after.ent_type_ not in _NOT_PEOPLE and not is_number(obj) and not is_person(obj)):
            return after  # a name the parser split ("KILLED DOLORES HINOSTROZA"): the name is the victim
        return obj
    ranged = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "between" and c.i == token.i + 1
                   for p in c.children if p.dep_ == "pobj"), None)
    if ranged is not None:
        return ranged  # "killed between 10 and 15 people": the parser hangs the object on "between"
    if token.tag_ in ("VBN", "VBD") and token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return token.head  # "four people killed in ...", "the wounded soldiers" (VBD: a tagger slip)
    before = token.doc[token.i - 1] if token.i > 0 else None
    if (token.tag_ in ("VBN", "VBD") and token.dep_ in ("advcl", "ROOT") and "nsubj" not in deps
            and before is not None and before.pos_ == "NOUN" and is_person(before)):
        # "in homage to a union leader killed 13 days ago": a reduced relative the parser took
        # for a clause of its own, with no subject; the person named just before is the victim
        return before
    if "nsubj" in deps and token.tag_ == "VBN":  # "... and five injured"
        return _counted_right_after(token) or deps["nsubj"]
    if token.dep_ == "conj":  # "four were killed and eight wounded": a figure of its own first
        return _neighbour_figure(token) or _first_child(token.head, ("nsubjpass", "dobj"))
    shared = next((c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if shared is not None and "nsubj" not in {c.dep_ for c in shared.children}:
        # "lynched and burned 13 men", "shot and killed two": the coordinated verb's object is shared
        shared_obj = _first_child(shared, ("dobj",))
        if shared_obj is not None:
            return shared_obj
    # All-capitals or long wire sentences sometimes leave the object hanging as another
    # dependent ("MURDERED THIRD PUBLIC ORDER JUDGE MARIA ELENA DIAZ" parsed as npadvmod):
    # the first noun after an active killing verb is still its object.
    hanging = next((c for c in token.rights if c.dep_ in _VICTIM_DEPS and c.pos_ in ("NOUN", "PROPN")), None)
    return hanging or _counted_right_after(token)


# Words between a verb and the figure of its object: "killed at least 17 people", "more than", "some".
_FIGURE_LEAD = frozenset({"at", "least", "more", "than", "about", "some", "around", "nearly", "almost",
                          "over", "up", "to"})


def _counted_right_after(token: Token) -> Token | None:
    """'an airstrike killed at least 17 people, including children, residents said': the parser made
    the counted people the subject of "said".  People counted right after an active killing verb
    with no object of its own are its victims, wherever the parser hung them."""
    if token.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or any(c.dep_ == "auxpass" for c in token.children):
        return None
    i = token.i + 1
    while i < token.sent.end and token.doc[i].lower_ in _FIGURE_LEAD:
        i += 1
    if i >= token.sent.end or not is_number(token.doc[i]):
        return None
    noun = token.doc[i].head
    if noun.i > i and noun.pos_ == "NOUN" and token.doc[i].dep_ == "nummod" and noun.head.i != token.i:
        return noun
    return None


_ALONG = ("along", "together")


def _companions(token: Token, victims: Token) -> Token | None:
    """Others who suffered the same: the object of "along with" / "together with" on the casualty
    word or its victims, when it says they are others ("nine other workers", "two others")."""
    for head in (token, victims):
        # "with" hangs on the casualty word, on its victims, or on "along"/"together" itself
        withs = [c for c in head.children if c.lower_ == "with"]
        withs += [w for c in head.children if c.lower_ in _ALONG for w in c.children if w.lower_ == "with"]
        for with_ in withs:
            if with_.i == 0 or with_.doc[with_.i - 1].lower_ not in _ALONG:
                continue
            obj = next((c for c in with_.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.lower_ == "others" or any(c.lower_ == "other" for c in obj.children)):
                return obj
    return None


def names_no_one(victims: Token) -> bool:
    """A casualty word's 'victims' that are plainly not people: an entity of a non-person kind
    ("killing the Esquipulas agreement") or a lone singular common noun that names no person
    ("killed the bill").  Figures, plurals, pronouns and names are left alone."""
    if victims.ent_type_ in _NOT_PEOPLE:
        return True
    if victims.pos_ != "NOUN" or victims.tag_ != "NN" or is_number(victims) or victims.lower_ in ZERO_WORDS:
        return False
    if any(c.dep_ in ("nummod", "conj") for c in victims.children) or is_person(victims):
        return False
    return victims.lemma_.lower() not in _COLLECTIVE


# Singular nouns that stand for people as a group ("the population", "the crew").
_COLLECTIVE = frozenset({"population", "crew", "family", "group", "unit", "patrol", "team", "squad", "battalion",
                         "platoon", "company", "convoy", "staff", "personnel", "community", "village",
                         "one", "other", "person", "people", "everyone", "someone", "anyone", "nobody"})


def _possessor(noun: Token) -> Token | None:
    """'Lopez Albujar's murder', 'his death': the person the noun is about (not "Sunday's attack")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.ent_type_ in _NOT_PEOPLE:
        return None
    if owner.pos_ == "PROPN" or owner.lower_ in ("his", "her") or is_person(owner):
        return owner
    return None


_STATED_AS = frozenset({"coded", "recorded", "estimated", "put", "set", "given", "reported", "counted"})


def _labelled_figure(token: Token) -> Token | None:
    """A figure given as a label's value: 'Fatalities: 2', 'Deaths - 3', and ACLED's
    'fatalities coded as 10' / 'the toll was estimated at 40'."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text in (":", "-", "=", "\u2013"):
        figure = doc[token.i + 2]
        return figure if is_number(figure) else None
    window = list(doc[token.i + 1:min(len(doc), token.i + 5)])
    for index, word in enumerate(window[:-1]):
        if word.lower_ in _STATED_AS and window[index + 1].lower_ in ("as", "at"):
            return next((t for t in window[index + 2:] if is_number(t)), None)
    return None


_UNREALISED = frozenset({"attempted", "failed", "foiled", "planned", "alleged", "possible", "future", "next",
                         "thwarted", "would-be"})


def _names_a_killing(token: Token) -> bool:
    """'the massacre', 'Valencia's murder': one particular killing told as a fact, not a modifier
    ("murder charges", "assassination attempt") nor one that did not happen ("attempted murder")."""
    if token.dep_ in ("compound", "amod", "nmod") or token.tag_ not in ("NN", "NNP"):
        return False  # plurals are mostly generic ("the killings must stop")
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in token.children):
        return False  # "a massacre", "murder is a crime": no particular killing
    return not any(c.lower_ in _UNREALISED for c in token.children if c.dep_ in ("amod", "compound"))


# What "two of ..." picks out when it is a part of victims already counted: "two of the dead were children".
_TOLD_GROUPS = frozenset({"dead", "killed", "victim", "casualty", "fatality", "body", "wounded", "injured",
                          "those", "them", "these"})


def _part_of_told(victims: Token) -> bool:
    """'two of the dead', 'one of those killed', 'three of them': a part of victims counted
    elsewhere, not a figure of its own (it would pull the lowest figure down)."""
    if not is_number(victims):
        return False
    group = of_object(victims)
    return group is not None and group.lemma_.lower() in _TOLD_GROUPS


def _infinitive(token: Token) -> bool:
    """'plans to kill', 'threatened to murder': an intention, not a report of deaths."""
    return token.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _victim_word(victims: Token) -> str:
    """The noun that says who the victims are: "soldier" for "three soldiers", the antecedent
    for "who"; nothing for a bare figure ("killing 3") or the casualty word itself."""
    if victims.lower_ in ("who", "whom", "that", "which") and victims.head.dep_ == "relcl":
        victims = victims.head.head
    if is_number(victims) or victims.pos_ not in ("NOUN", "PROPN", "PRON"):
        return ""
    return victims.lemma_.lower()


def _first_child(verb: Token, deps: tuple[str, ...]) -> Token | None:
    """The child with the first of `deps` (in that order of preference)."""
    for dep in deps:
        child = next((c for c in verb.children if c.dep_ == dep), None)
        if child is not None:
            return child
    return None


# Nouns a source gives a toll as: "put the death toll at 15", "put the number of injured at 14".
TOLL_NOUNS = frozenset({"toll", "figure", "number", "count", "tally"})


def _victims_of_adjective(token: Token) -> Token | None:
    figure = next((c for c in token.children if c.dep_ in ("nummod", "nsubj", "npadvmod") and is_number(c)), None)
    if figure is not None:
        return figure
    if token.dep_ == "amod":
        return token.head
    if token.dep_ in ("acomp", "oprd", "xcomp", "advmod", "ccomp", "dobj") and token.head.pos_ in ("VERB", "AUX"):
        # "left two dead" (object), "was shot dead" (passive subject), "were wounded" (subject)
        victims = _first_child(token.head, ("nsubjpass", "dobj", "nsubj"))
        return victims if victims is not None and victims.i != token.i else None
    if token.pos_ == "NOUN":
        return token if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) else None
    return None


def _toll_figure(token: Token) -> Token | None:
    """'the death toll rose to 12', 'the toll stands at 12', 'a toll of 12'."""
    holder = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token
    for t in holder.subtree:
        if t.i > token.i and t.like_num:
            return t
    return None


def _neighbour_figure(token: Token) -> Token | None:
    """'8 injured' parsed without a link: a number right before the word, nothing but nouns between."""
    for offset in (1, 2, 3):
        if token.i - offset < token.sent.start:
            return None
        left = token.doc[token.i - offset]
        if is_number(left):
            return left
        if offset == 1 and left.pos_ in ("NOUN", "PRON") and any(
                c.dep_ == "nummod" and is_number(c) for c in left.children):
            return left  # "... and three others injured"
        if left.pos_ not in ("NOUN", "ADJ", "PROPN") or left.dep_ not in ("compound", "amod"):
            return None
    return None


def read_casualties(sentence: SpacySpan, terms: Mapping[tuple[str, str], Term]) -> list[Reading]:
    readings: list[Reading] = []
    seen: set[tuple[ClaimKind, int]] = set()
    for token in sentence:
        found = _term(token, terms)
        if found is None:
            continue
        term, family = found
        victims: Token | None = None
        if term.role == "toll":
            victims = _toll_figure(token)
        elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in TOLL_NOUNS:
            victims = _toll_figure(token.head.head)  # "put the number of injured at 14"
        elif family == "verb":
            victims = _victims_of_verb(token, term.role)
        elif family == "adjective":
            victims = _victims_of_adjective(token)
        else:
            figure = next((c for c in token.children if c.dep_ in ("nummod", "amod") and is_number(c)), None)
            figure = figure or _labelled_figure(token)
            no = any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)
            victims = token if no else figure or (
                (of_object(token) or _possessor(token)) if term.role in ("noun", "noun_implied") else None)
            if victims is None and term.role == "noun" and token.dep_ in ("oprd", "attr", "xcomp"):
                victims = _first_child(token.head, ("nsubjpass", "nsubj"))  # "were taken hostage"
        if victims is None and family in ("verb", "adjective"):
            victims = _neighbour_figure(token) or _labelled_figure(token)
        if victims is None and family == "verb" and token.is_upper and token.pos_ == "PROPN":
            # a parse of all-capitals text: the word it is compounded with, else no figure
            victims = token.head if token.dep_ == "compound" and token.head.i > token.i else token
            if victims is token:
                start, end = token.idx, token.idx + len(token)
                readings.append(Reading(token, term.kind, None, None, start, end,
                                        f"{term.kind.value}: '{token.text}', no figure (capitals, no parse)"))
                continue
        if victims is None and term.role == "noun_implied" and _names_a_killing(token):
            start, end = token.idx, token.idx + len(token)
            readings.append(Reading(token, term.kind, None, None, start, end,
                                    f"{term.kind.value}: '{token.text}' names a killing, no figure given"))
            continue
        if victims is None or (family == "verb" and _infinitive(token)):
            continue
        if victims is not token and term.kind in (ClaimKind.KILLED, ClaimKind.INJURED) and (
                names_no_one(victims) or _part_of_told(victims)):
            continue
        quantity, start, end, why = count_of(victims)
        companions = _companions(token, victims)
        if quantity is not None and quantity.min is not None and companions is not None:
            # "a leader killed along with nine other workers": one act, ten dead
            more, _s, end, _why = count_of(companions)
            if more is not None and more.min is not None:
                high = None if quantity.max is None or more.max is None else quantity.max + more.max
                quantity = Quantity(quantity.min + more.min, high, "with companions")
                why = f"{why} and '{companions.text}' with them"
        negated = any(c.dep_ == "neg" for c in token.children)
        if negated:
            quantity, why = Quantity(0, 0, "negated"), f"negated '{token.text}'"
        if term.role == "zero_only" and (quantity is None or quantity.max != 0):
            continue
        kinds = [ClaimKind.KILLED, ClaimKind.INJURED] if term.role == "zero_only" else [term.kind]
        lo, hi = (quantity.min, quantity.max) if quantity else (None, None)
        start, end = min(start, token.idx), max(end, token.idx + len(token))
        for kind in kinds:
            if (kind, victims.i) in seen:
                continue
            seen.add((kind, victims.i))
            readings.append(Reading(token, kind, lo, hi, start, end, f"{kind.value}: '{token.text}', {why}",
                                    _victim_word(victims)))
    return readings
