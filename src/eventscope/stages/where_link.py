"""Which toponym an event happened at: candidates in the sentence, scored from the parse.

A sentence often names several places ("Iraq's military condemned the strikes
in Syria"); the event's place is the one tied to the trigger, usually through
a locative preposition ("in", "near", "at", "outside", "along") in the
trigger's subtree, possibly through a place noun ("in the town of X", "on the
outskirts of X").  Rather than hand-weighting those cues, a fitted model
scores each candidate from dependency features (path length to the trigger,
preposition, entity label, grammatical role, and how it ranks against the
sentence's other candidates), plus how MiniLM reads the candidate beside the
trigger; the model (boosted trees, stages/where_model.py) was fitted on the
event-location dev file by `scripts/train_event_location.py` (fixed seed) and lives
in data/event_location_context.json (data/event_location_weights.json without the
MiniLM classifiers).  If no candidate scores above the model's threshold, the
sentence gives no place for the event.

Candidates are spaCy entities of place-like labels plus runs of proper nouns
the small model left untagged (it often tags a village as PERSON or ORG); the
model learns how far to trust each label.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventscope.errors import ConfigError
from eventscope.gazetteer import Gazetteer
from eventscope.model import Span
from eventscope.stages.when_patterns import MONTHS, WEEKDAYS
from eventscope.stages.where_model import (
    PLACE_SCORE,
    WEIGHTS_PATH,
    ContextModel,
    ContextScorer,
    LinkModel,
    TreeModel,
    context_features,
    context_vectors,
    load_context_model,
    load_link_model,
    noun_trigger,
)

__all__ = ["NAME_PARTICLES", "WEIGHTS_PATH", "LinkModel", "Toponym", "TreeModel", "best_toponym", "candidate_features",
           "governing_preposition", "link_model", "load_link_model", "named_after", "ranked", "ranked_with_cutoff",
           "read_candidates", "sentence_features", "sentence_toponyms"]

CANDIDATE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP"})
LOCATIVE_PREPS = ("in", "at", "near", "outside", "along", "across", "inside", "on", "from", "to", "into",
                  "throughout", "around", "of", "by", "between", "off", "within", "towards", "over", "for",
                  "against", "with", "north", "south", "east", "west", "through", "beyond")
# Nouns that carry a place on to an "of" ("the town of X", "outskirts of X"); from reading the dev file's
# phrasing, the common English words for settlements, divisions and parts of places.
PLACE_NOUNS = frozenset({
    "town", "city", "village", "province", "district", "region", "area", "outskirts", "suburb", "suburbs",
    "neighborhood", "neighbourhood", "capital", "state", "county", "governorate", "camp", "countryside",
    "part", "parts", "center", "centre", "heart", "streets", "street", "border", "municipality", "port",
    "island", "valley", "villages", "towns", "cities", "areas", "regions", "provinces", "districts",
    "hamlet", "settlement", "enclave", "quarter", "locality", "department", "municipio",
    "vicinity", "environs", "edge", "entrance", "west", "east", "north", "south", "territory", "side", "sides"})
_CLIMB = frozenset({"compound", "pobj", "appos", "conj", "amod", "nmod", "poss", "npadvmod", "dobj", "nummod",
                    "case", "cc", "punct"})


@dataclass(frozen=True)
class Toponym:
    """A candidate place name: token range [start, end) in the Doc and its label."""

    start: int
    end: int
    label: str  # a spaCy entity label, or PROPN for an untagged proper-noun run

    def span(self, doc: Doc) -> Span:
        piece = doc[self.start:self.end]
        return Span(start=piece.start_char, end=piece.end_char, text=piece.text)


def sentence_toponyms(doc: Doc, sent: SpacySpan) -> list[Toponym]:
    """Entities with place-like labels, plus untagged proper-noun runs, in one sentence."""
    found = [Toponym(e.start, e.end, e.label_) for e in sent.ents if e.label_ in CANDIDATE_LABELS]
    # the proper nouns of a misread entity, and a name inside a time entity ("a state of emergency in Amhara",
    # "Verrettes before dawn" tagged TIME), are read like untagged names
    taken = {i for e in sent.ents for i in range(e.start, e.end)
             if not (e.label_ in _MISREAD_LABELS and doc[i].pos_ == "PROPN")
             and not (e.label_ in ("DATE", "TIME") and _name_word(doc[i]))}
    i = sent.start
    while i < sent.end:
        if doc[i].pos_ == "PROPN" and i not in taken and doc[i].text[:1].isupper():
            j = i
            while j < sent.end and doc[j].pos_ == "PROPN" and j not in taken:
                j += 1
            found.append(Toponym(i, j, "PROPN"))
            i = j
        else:
            i += 1
    found = [_border_of_people(doc, with_street(doc, t)) for t in (_before_bracket(doc, t) for t in found)]
    return _join_hyphenated(doc, sent, sorted(found, key=lambda t: t.start))


def _before_bracket(doc: Doc, toponym: Toponym) -> Toponym:
    """'Bamako (Bamako' tagged as one name: ACLED writes the town and its province in brackets, and
    the small model sometimes runs an entity into the bracket; the name ends before it."""
    cut = next((i for i in range(toponym.start + 1, toponym.end) if doc[i].text in ("(", "[")), None)
    return Toponym(toponym.start, cut, toponym.label) if cut is not None else toponym


# Words of a date or time written without digits ("last summer", "this morning").  A holiday's name
# ("during Ramadan") stays a candidate, which neither the gazetteer nor the linker takes as a place.
_TIME_WORDS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days", "today", "yesterday",
                         "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "weekend", "decade",
                         "century", "season", "summer", "winter", "spring", "autumn", "fall", "hour", "hours",
                         "minute", "minutes", "ago", "last", "next", "this", "that", "earlier", "later", "recent",
                         "past", "the", "a", "early", "late", "mid"})


# Labels the small model puts on place names ("attacks on Aleppo for the ninth day" WORK_OF_ART, "the
# battle for Manbij" PRODUCT): on the event-location file 49 all-proper-noun PRODUCT entities overlap a
# labelled location (103 do not), LANGUAGE 13 (21), WORK_OF_ART 5 (50).  Their proper nouns are read
# like untagged proper-noun runs.
_MISREAD_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "LANGUAGE"})


def _name_word(token: Token) -> bool:
    """A proper noun that is no part of a date or time: no digit, no time word, month or weekday.  The
    small model tags such names DATE or TIME; they are read like any untagged proper-noun run."""
    return (token.pos_ == "PROPN" and not any(ch.isdigit() for ch in token.text) and token.lower_ not in _TIME_WORDS
            and token.lower_.rstrip(".") not in MONTHS and token.lower_ not in WEEKDAYS)


def _border_of_people(doc: Doc, toponym: Toponym) -> Toponym:
    """'the Syrian border': a people's adjective before "border" names a place (read by where_focus's
    border phrases), so it is a location, not a group of people."""
    after = doc[toponym.end] if toponym.end < len(doc) else None
    if toponym.label == "NORP" and after is not None and after.lower_ in ("border", "frontier"):
        return Toponym(toponym.start, toponym.end, "LOC")
    return toponym


# Nouns that make a name a street's: "Victor Hugo street" is no town Victor Hugo, "Haifa Street" in
# Baghdad is not Haifa.  A street is a place of its own that the gazetteer does not hold.
STREET_NOUNS = frozenset({"street", "avenue", "road", "boulevard", "lane", "highway", "st", "st.", "ave", "rd"})


def with_street(doc: Doc, toponym: Toponym) -> Toponym:
    """The toponym with the street noun after it, when there is one ("Victor Hugo" + "street")."""
    after = doc[toponym.end] if toponym.end < len(doc) else None
    if after is not None and after.lower_ in STREET_NOUNS and after.pos_ in ("NOUN", "PROPN"):
        return Toponym(toponym.start, toponym.end + 1, toponym.label)
    return toponym


# Words that open a street's name in French, Spanish and Malay: "Rue Victor Hugo", "Calle del Correo".
STREET_PREFIXES = frozenset({"rue", "calle", "avenida", "carrera", "jalan"})


def is_street(doc: Doc, toponym: Toponym) -> bool:
    return toponym.end - toponym.start > 1 and (doc[toponym.end - 1].lower_ in STREET_NOUNS
                                                 or doc[toponym.start].lower_ in STREET_PREFIXES)


# Lower-case particles inside transliterated and Romance place names ("Deir ez-Zor", "Dasht-e-Barchi",
# "Ras al Ain", "Bab el Hawa", "San José de Bocay"): the parser's name often ends before them, the
# place's name does not.  Used here for hyphenated runs and by where_focus for spaced ones.
NAME_PARTICLES = frozenset({"al", "el", "ez", "es", "ed", "ad", "ar", "as", "ash", "an", "az", "at", "er", "ul",
                            "e", "i", "ech", "et", "ibn", "bin", "abu", "um", "umm",
                            "de", "del", "da", "do", "dos", "das", "du", "la", "le"})


def named_after(event: SpacySpan) -> Toponym | None:
    """The proper nouns an event's name starts with, before its head ("the Vietnam War", "the 1989
    Tiananmen Square Massacre"): the parser tags the whole name EVENT, so the place it is named after
    would otherwise be no candidate.  Only a single name: "the Iran-Iraq War" names two sides."""
    head = event.root
    street = with_street(event.doc, Toponym(event.start, event.end, "FAC"))
    if is_street(event.doc, street):
        return street  # "On Victor Hugo street", the name tagged EVENT: the street is the place
    words = [t for t in event if t.i < head.i and t.pos_ == "PROPN"]
    if not words or any(t.text in ("-", "–", "and") for t in event[: head.i - event.start]):
        return None
    start, end = words[0].i, words[-1].i + 1
    if end - start != len(words):
        return None  # not one run of names
    return Toponym(start, end, "PROPN")


def _join_hyphenated(doc: Doc, sent: SpacySpan, toponyms: list[Toponym]) -> list[Toponym]:
    """Toponyms grown over the hyphenated particles the tokenizer splits off: "Deir ez-Zor" (found as
    "Deir" and "Zor"), "Dasht-e-Barchi" (found as "Dasht").  Only through a lower-case particle, so
    "Iraq-Syria border" stays two names."""
    def hyphen_run(k: int) -> int:
        """End of the "-e-Barchi" / " ez-Zor" run that continues a name ending at token k, else k."""
        if k >= sent.end:
            return k
        attached = doc[k - 1].whitespace_ == "" and doc[k].text == "-"
        spaced = doc[k].lower_ in NAME_PARTICLES and doc[k].text.islower() and doc[k].whitespace_ == ""
        if not (attached or spaced):
            return k
        j = k + 1
        while j < sent.end and doc[j - 1].whitespace_ == "" and (doc[j].text == "-" or doc[j].is_alpha):
            j += 1
        run = doc[k:j]
        has_particle = any(t.lower_ in NAME_PARTICLES and t.text.islower() for t in doc[k - 1:j])
        return j if has_particle and run[-1].is_alpha and run[-1].text[:1].isupper() else k

    grown: list[Toponym] = []
    for topo in toponyms:
        if grown and topo.start < grown[-1].end:
            continue  # swallowed by the name before it
        end = hyphen_run(topo.end)
        grown.append(Toponym(topo.start, end, topo.label) if end > topo.end else topo)
    return grown


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 60:
        chain.append(chain[-1].head)
    return chain


def governing_preposition(root: Token) -> tuple[str, bool, Token | None]:
    """The preposition a toponym hangs from, whether a place noun relays it, and what the preposition attaches to."""
    token, via_place_noun = root, False
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return "", via_place_noun, None
        if (token.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "agent")) or head.dep_ == "prep":
            prep = head.lower_
            if prep in ("of", "with") and head.head.lemma_.lower() in PLACE_NOUNS and head.head.i != head.i:
                via_place_noun = True
                token = head.head
                continue
            return prep, via_place_noun, head.head
        if token.dep_ not in _CLIMB:
            return "", via_place_noun, None
        if head.lemma_.lower() in PLACE_NOUNS:
            via_place_noun = True
        token = head
    return "", via_place_noun, None


def candidate_features(doc: Doc, trigger: int, topo: Toponym, n_candidates: int,
                       gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Features of one (trigger, toponym) pair; names are stable, the weights file refers to them.

    With a gazetteer, whether the name is a known place (and what kind) is a feature too: the
    small spaCy model tags many villages PERSON or ORG, and many ORGs are no place at all.
    """
    verb = doc[trigger]
    root = doc[topo.start:topo.end].root
    up_chain, verb_chain = _ancestors(root), _ancestors(verb)
    verb_ids = {t.i: n for n, t in enumerate(verb_chain)}
    up = down = 30
    for n, t in enumerate(up_chain):
        if t.i in verb_ids:
            up, down = n, verb_ids[t.i]
            break
    prep, via_noun, attach = governing_preposition(root)
    feats: dict[str, float] = {
        f"label={topo.label}": 1.0,
        f"dep={root.dep_}": 1.0,
        "in_subtree": float(down == 0),
        "path_up": min(up, 10) / 10,
        "path_down": min(down, 10) / 10,
        "path_len": min(up + down, 12) / 12,
        "before_trigger": float(topo.end <= trigger),
        "linear_dist": min(abs(root.i - trigger), 40) / 40,
        "via_place_noun": float(via_noun),
        "single_candidate": float(n_candidates == 1),
        "possessive": float(topo.end < len(doc) and doc[topo.end].tag_ == "POS"),
        "followed_by_noun": float(topo.end < len(doc) and doc[topo.end].pos_ in ("NOUN", "PROPN")
                                  and doc[topo.end].tag_ != "POS"),
        "sentence_start": float(topo.start == doc[topo.start].sent.start),
        # an upper-case name in mixed-case text is an acronym (ISIS, SAA), rarely a place; in an
        # all-caps wire (MUC) every name is upper case and the cue says nothing
        "all_caps": float(doc[topo.start:topo.end].text.isupper() and not _caps_sentence(verb.sent.text)),
        f"trigger={verb.lemma_.lower()}": 1.0,
        "trigger_passive": float(any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)),
        "trigger_is_noun": float(verb.pos_ in ("NOUN", "PROPN")),
        "many_candidates": min(n_candidates, 6) / 6,
        f"trigger_dep={verb.dep_}": 1.0,
        # "in Patuakhali district (Barisal)": a bracketed name glosses the one before it
        "in_brackets": float(topo.start > 0 and doc[topo.start - 1].text in ("(", "[")),
        "same_clause": float(_clause_of(root).i == _clause_of(verb).i),
    }
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        feats[f"subject_ent={subject.ent_type_ or subject.pos_}"] = 1.0
    if prep:
        feats[f"prep={prep if prep in LOCATIVE_PREPS else 'other'}"] = 1.0
        if attach is not None:
            feats["prep_on_trigger"] = float(attach.i == trigger)
            feats["prep_in_trigger_tree"] = float(attach.i in {t.i for t in verb.subtree})
            feats[f"prep={prep if prep in LOCATIVE_PREPS else 'other'}&on_trigger_tree"] = feats["prep_in_trigger_tree"]
    else:
        feats["prep=none"] = 1.0
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.i == trigger:
        feats["subject_of_trigger"] = 1.0
    if prep and feats.get("prep_in_trigger_tree"):
        feats[f"label={topo.label}&prep_in_trigger_tree"] = 1.0
    if gazetteer is not None:
        kind, population = gazetteer_kind(gazetteer, doc[topo.start:topo.end].text)
        feats[f"gaz={kind}"] = 1.0
        feats["gaz_population"] = math.log10(population + 1) / 7
        feats[f"gaz={kind}&label={topo.label}"] = 1.0
    return feats


def _clause_of(token: Token) -> Token:
    """The nearest verb at or above a token (its clause), or the sentence root."""
    for _ in range(40):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def sentence_features(doc: Doc, trigger: int, toponyms: list[Toponym],
                      gazetteer: Gazetteer | None = None, context: ContextScorer | None = None) -> list[dict[str, float]]:
    """Features of every candidate of one trigger, each with how it compares to the others.

    A candidate scored alone cannot tell it is the nearest place to the trigger, or the
    container of a more specific one ("Manigram in Rupandehi district": the event is at
    Manigram); the ranks and nesting flags added here say so.  With a `context` scorer, how
    MiniLM reads each candidate beside the trigger is added (stages/where_model.py)."""
    feats = [candidate_features(doc, trigger, t, len(toponyms), gazetteer) for t in toponyms]
    if not feats:
        return feats
    if context is not None:
        vectors = sentence_vectors(doc, trigger, toponyms, context.layers)
        place = context.place_score(vectors, noun_trigger=noun_trigger(feats))
        for f, extra in zip(feats, context_features(context.scores(vectors), place), strict=True):
            f.update(extra)
    roots = [doc[t.start:t.end].root for t in toponyms]
    owner = {i: n for n, t in enumerate(toponyms) for i in range(t.start, t.end)}
    paths = [f["path_len"] for f in feats]
    dists = [f["linear_dist"] for f in feats]
    pops = [f.get("gaz_population", 0.0) for f in feats]
    locative = [n for n, f in enumerate(feats)
                if f.get("prep_in_trigger_tree") and any(f.get(f"prep={p}") for p in _CORE_PREPS)]
    for n, f in enumerate(feats):
        f[f"path_rank={min(sorted(set(paths)).index(paths[n]), 2)}"] = 1.0
        f[f"dist_rank={min(sorted(dists).index(dists[n]), 2)}"] = 1.0
        f["path_gap"] = paths[n] - min(paths)
        f["first_locative"] = float(bool(locative) and locative[0] == n)
        f["locative_rank"] = float(locative.index(n)) / 3 if n in locative else 1.0
        # nesting: the candidate hangs from another one ("X in Y", "X, Y", "outskirts of X in Y")
        head = roots[n].head
        for _ in range(4):
            if head.i in owner and owner[head.i] != n:
                f["inside_other"] = 1.0  # n is the container (Y)
                feats[owner[head.i]]["has_container"] = 1.0
                break
            if head.head.i == head.i:
                break
            head = head.head
        f["smallest_pop"] = float(pops[n] > 0 and pops[n] == min(p for p in pops if p > 0))
        f["country_among_others"] = float(len(toponyms) > 1 and "gaz=country" in f)
    return feats


_CORE_PREPS = ("in", "at", "near", "outside", "inside", "along", "across", "throughout", "around", "within", "on")


def sentence_vectors(doc: Doc, trigger: int, toponyms: list[Toponym], layers: tuple[int, ...]) -> np.ndarray:
    """`where_model.context_vectors` of the candidates, from the encoder's reading of the trigger's sentence."""
    from eventscope.stages.encoder import load_encoder

    sent = doc[trigger].sent
    base = sent.start_char
    states, offsets = load_encoder().token_states([sent.text], layers=layers)[0]
    verb = doc[trigger]
    spans = [(span.start - base, span.end - base) for span in (t.span(doc) for t in toponyms)]
    return context_vectors(states, offsets, layers, (verb.idx - base, verb.idx + len(verb.text) - base), spans)


def link_model(doc: Doc | None = None) -> LinkModel | TreeModel | ContextModel:
    """The context model when the MiniLM classifiers are on and installed, else the plain trees.

    An upper-case article (wire copy, MUC-4) gets the plain trees too: the context model is fitted
    on mixed-case sentences, and on MUC-4 it lowered city accuracy from 0.772 to 0.679 (0.714 at a
    lower threshold), where on mixed-case text it raised event-location and RAMS place figures."""
    from eventscope.stages import classifier_signal
    from eventscope.stages.truecase import doc_upper

    if classifier_signal.scorer() is None or (doc is not None and doc_upper(doc)):
        return load_link_model()
    try:
        return load_context_model()
    except ConfigError:
        return load_link_model()


def gazetteer_kind(gazetteer: Gazetteer, text: str) -> tuple[str, int]:
    """What the gazetteer makes of a name: its best entry's kind and population, or ('none', 0)."""
    cands = [c for c in gazetteer.candidates(text) if c.level < 2]
    if not cands:
        return "none", 0
    best = gazetteer.rank(tuple(cands))[0][1].place
    kind = "city" if best.kind == "capital" else best.kind
    return kind, best.population


def _caps_sentence(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def read_candidates(doc: Doc, trigger: int, toponyms: list[Toponym], model: LinkModel | TreeModel | ContextModel,
                    gazetteer: Gazetteer | None = None) -> list[tuple[Toponym, dict[str, float]]]:
    """The trigger's candidates (its own words left out), each with the features `model` reads."""
    toponyms = [t for t in toponyms if not (t.start <= trigger < t.end)]
    context = model.context if isinstance(model, ContextModel) else None
    return list(zip(toponyms, sentence_features(doc, trigger, toponyms, gazetteer, context), strict=True))


def ranked(model: LinkModel | TreeModel | ContextModel,
           candidates: list[tuple[Toponym, dict[str, float]]]) -> list[tuple[float, Toponym]]:
    """Each candidate's probability under `model`, best first.  A model gives features it was not
    fitted on no weight, so the plain trees rank what was read for the context model as they rank
    the parse features alone."""
    return _in_order([model.probability(f) for _, f in candidates], candidates)


def _in_order(probabilities: list[float],
              candidates: list[tuple[Toponym, dict[str, float]]]) -> list[tuple[float, Toponym]]:
    scored = [(p, t) for p, (t, _) in zip(probabilities, candidates, strict=True)]
    glossed = _bracket_glosses(candidates)
    by_toponym = {t: p for p, t in scored}
    # "in Patuakhali district (Barisal)": the bracketed name glosses the one before it (its division,
    # another spelling), so it never ranks above it; the event is at the glossed name
    scored = [(min(p, by_toponym[glossed[t]]) if t in glossed else p, t) for p, t in scored]
    scored.sort(key=lambda item: (-item[0], item[1].start))
    return scored


def _bracket_glosses(candidates: list[tuple[Toponym, dict[str, float]]]) -> dict[Toponym, Toponym]:
    """Each bracketed gloss and the name it glosses: a candidate in brackets right after another
    candidate, with at most one word between them ("Patuakhali district (Barisal)", "Sana (Sanaa)")."""
    return {after: before for (before, _), (after, feats) in itertools.pairwise(candidates)
            if feats.get("in_brackets") and 1 <= after.start - before.end <= 2}


def ranked_with_cutoff(model: LinkModel | TreeModel | ContextModel, candidates: list[tuple[Toponym, dict[str, float]]]
                       ) -> tuple[list[tuple[float, Toponym]], float]:
    """`ranked`, and the probability a candidate must reach to be the event's place in this
    sentence: the model's threshold, or what the context model's answer model makes of the
    sentence.  Each tree model is walked once per candidate for both."""
    if not isinstance(model, ContextModel):
        return ranked(model, candidates), model.threshold
    parts = [model.parts(f) for _, f in candidates]
    scored = _in_order([model.mixed(p) for p in parts], candidates)
    if not scored:
        return scored, model.threshold
    return scored, model.cutoff(parts, scored[0][0], candidates[0][1].get(PLACE_SCORE))


def best_toponym(doc: Doc, trigger: int, toponyms: list[Toponym] | None = None,
                 model: LinkModel | TreeModel | ContextModel | None = None,
                 gazetteer: Gazetteer | None = None) -> tuple[float, Toponym] | None:
    """The candidate the event happened at, or None when none clears the sentence's cutoff
    (`ranked_with_cutoff`)."""
    model = model or link_model(doc)
    if toponyms is None:
        toponyms = sentence_toponyms(doc, doc[trigger].sent)
    scored, cutoff = ranked_with_cutoff(model, read_candidates(doc, trigger, toponyms, model, gazetteer))
    if scored and scored[0][0] >= cutoff:
        return scored[0]
    return None
