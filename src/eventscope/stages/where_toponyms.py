"""Toponym candidates of a sentence: NER entities in mixed-case text, gazetteer n-grams in all-caps text.

Why two ways: spaCy's small English model finds places in ordinary text but is
blind in all-caps wire copy (MUC-4: "A BOMB EXPLODED IN USULUTAN"); there word
n-grams are looked up in the gazetteer instead, with guards against the many
English words and surnames that are also some town's name.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventscope.gazetteer import Gazetteer, GazPlace
from eventscope.stages.nlp import english_words
from eventscope.stages.truecase import doc_upper
from eventscope.stages.where_link import Toponym, sentence_toponyms


def _plausible_caps_place(place: GazPlace, n_words: int, common: bool) -> bool:
    """In upper-case text any word can look like a name; keep only matches a reader would take as places."""
    if place.kind in ("country", "region", "compass") or (place.kind == "admin1" and not common):
        return True
    if n_words > 1:
        return place.population >= 1000
    return place.population >= (1_000_000 if common else 20_000)


def _gazetteer_toponyms(doc: Doc, gazetteer: Gazetteer, start: int, end: int,
                        words: frozenset[str] = frozenset()) -> list[Toponym]:
    """Toponyms found by looking word n-grams up, for upper-case text where NER is blind.

    Only exact or article-folded keys count here (no consonant skeletons: "ATTACK"
    and "Attock" share one), and single common English words need a big place.
    """
    found, i = [], start
    while i < end:
        hit = None
        for width in (4, 3, 2, 1):
            j = i + width
            if j > end or not all(t.is_alpha or t.text in "-'." for t in doc[i:j]):
                continue
            if width == 1 and (len(doc[i]) < 4 or doc[i].is_stop):
                continue
            cands = tuple(c for c in gazetteer.candidates(doc[i:j].text) if c.level < 2)
            ranked = gazetteer.rank(cands)
            place = ranked[0][1].place if ranked else None
            common = all(t.lower_ in words for t in doc[i:j])
            if place is not None and _plausible_caps_place(place, width, common):
                hit = Toponym(i, j, "GPE")
                break
        if hit:
            found.append(hit)
            i = hit.end
        else:
            i += 1
    return found


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def blind_caps(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are upper case text the parser read as it stands, blind to names.

    The nlp stage parses a truecased copy of a mostly upper-case article (stages/truecase.py)
    and hands over the parse with the article's own words: its entities and tags are then
    nearly as good as in mixed case, and only an upper-case passage of an otherwise
    mixed-case article is read blind.
    """
    return is_caps(doc[start:end].text) and not doc_upper(doc)


def toponyms_of(doc: Doc, sent_start: int, sent_end: int, gazetteer: Gazetteer) -> list[Toponym]:
    sent = doc[sent_start:sent_end]
    if blind_caps(doc, sent_start, sent_end):
        return _gazetteer_toponyms(doc, gazetteer, sent_start, sent_end, english_words())
    return [_with_word_before(doc, _across_line_break(doc, topo, sent_end, gazetteer), sent_start, gazetteer)
            for topo in sentence_toponyms(doc, sent)
            if not _indefinite_noun(doc, topo) and not _seat_of_an_outfit(doc, topo)]


def _with_word_before(doc: Doc, topo: Toponym, sent_start: int, gazetteer: Gazetteer) -> Toponym:
    """A name the parser cut after its first word ("near Finote Selam" read as "Selam", which the gazetteer
    takes for Salem): the capitalised word before it joins when the gazetteer knows the whole name as
    spelled."""
    before = topo.start - 1
    if before < sent_start or not doc[before].text[:1].isupper() or doc[before].pos_ != "PROPN":
        return topo
    whole = doc[before:topo.end].text
    if any(c.level == 0 for c in gazetteer.candidates(whole)):
        return Toponym(before, topo.end, topo.label)
    return topo


def _seat_of_an_outfit(doc: Doc, topo: Toponym) -> bool:
    """"Oslo-based Iran Human Rights", "a London based monitor": where a body has its office, which is
    no place of what it reports."""
    after = doc[topo.end:topo.end + 2]
    words = [t.lower_ for t in after if t.text != "-"]
    return bool(words) and words[0] == "based"


def _indefinite_noun(doc: Doc, topo: Toponym) -> bool:
    """"in A CAR" (all-caps wire copy), "a Palestinian was shot": a name right after "a" or "an" that
    heads its own noun phrase is a thing or a person, not a place.  "a Mogadishu hotel" (the name
    modifies a noun) and "a Gaza street" (the candidate runs to its place noun) stay.  On the
    event-location file no candidate of this shape is a labelled location."""
    if topo.start == 0 or doc[topo.start - 1].lower_ not in ("a", "an"):
        return False
    root = doc[topo.start:topo.end].root
    return root.dep_ not in ("compound", "amod", "nmod", "npadvmod", "poss") and root.text[:1].isupper()


def _across_line_break(doc: Doc, topo: Toponym, sent_end: int, gazetteer: Gazetteer) -> Toponym:
    """A name and a line break: wire copy wraps names ("IN SANTA\nTECLA"), captions start a new line
    after one ("deployed in Rio\nTorch procession").  The name runs on over the break when the
    gazetteer knows the whole; otherwise it ends there."""
    end = topo.end
    while end > topo.start + 1 and doc[end - 1].is_space:
        end -= 1  # the parser's "SANTA\n"
    inner = next((t.i for t in doc[topo.start:end] if t.is_space), None)
    if inner is not None:  # "Rio\nTorch"
        return Toponym(topo.start, end if _known(doc, topo.start, end, gazetteer) else inner, topo.label)
    after = end
    if after + 1 < sent_end and doc[after].is_space and doc[after].text.count("\n") == 1:
        run = after + 1
        while run < sent_end and doc[run].pos_ == "PROPN" and doc[run].text[:1].isupper():
            run += 1
        if run > after + 1 and _known(doc, topo.start, run, gazetteer):
            return Toponym(topo.start, run, topo.label)
    return Toponym(topo.start, end, topo.label)


def _known(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> bool:
    return bool(gazetteer.candidates(doc[start:end].text))
