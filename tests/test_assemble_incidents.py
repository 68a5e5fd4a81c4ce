"""assemble: what one incident is -- tallies are not events, a bare toll reports on the incident just
told, a province named first does not glue towns together, a description is not a group's name.

Docs are built by hand (words, lemmas, sentence starts): no model is loaded.
"""

from __future__ import annotations

import datetime as dt

import spacy
from spacy.tokens import Doc

from eventscope.model import (
    Actor,
    Article,
    Claim,
    ClaimKind,
    DatePrecision,
    Mention,
    Place,
    PlacePrecision,
    Sentence,
    Span,
    TimeRef,
)
from eventscope.stages.assemble import assemble
from eventscope.stages.assemble_match import actor_keys
from eventscope.stages.nlp import ParsedArticle

PUBLISHED = dt.date(1990, 1, 10)


def _parsed(sentences: list[list[tuple[str, str]]]) -> ParsedArticle:
    """sentences of (word, lemma) pairs -> a ParsedArticle whose offsets match its text."""
    words, lemmas, starts = [], [], []
    for sentence in sentences:
        for k, (word, lemma) in enumerate(sentence):
            words.append(word)
            lemmas.append(lemma)
            starts.append(k == 0)
    doc = Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, sent_starts=starts)
    text = doc.text
    records = tuple(Sentence(i, s.start_char, s.end_char, text[s.start_char:s.end_char])
                    for i, s in enumerate(doc.sents))
    return ParsedArticle(Article(id="a", text=text, published=PUBLISHED), doc, records)


def _mention(parsed: ParsedArticle, word: str, nth: int = 0) -> Mention:
    token = [t for t in parsed.doc if t.text == word][nth]
    sentence = next(s.index for s in parsed.sentences if s.start <= token.idx < s.end)
    return Mention(id=f"a:{token.i}", article_id="a", sentence_index=sentence,
                   trigger=Span(token.idx, token.idx + len(word), word), trigger_token=token.i,
                   plover="ASSAULT", cameo="190", goldstein=-10.0)


def _phrase(parsed: ParsedArticle, word: str) -> Span:
    start = parsed.article.text.index(word)
    return Span(start, start + len(word), word)


def _killed(n: int) -> Claim:
    return Claim(ClaimKind.KILLED, n, n, reason=f"killed: figure {n}")


def _words(text: str, lemmas: dict[str, str] | None = None) -> list[tuple[str, str]]:
    lemmas = lemmas or {}
    return [(w, lemmas.get(w, w.lower())) for w in text.split()]


def test_a_casualty_tally_over_months_is_not_an_event() -> None:
    parsed = _parsed([_words("Some 1600 Peruvians were murdered during the last quarter of 1989 .",
                             {"murdered": "murder"})])
    mention = _mention(parsed, "murdered")
    quarter = TimeRef(dt.date(1989, 10, 1), dt.date(1989, 12, 31), DatePrecision.RANGE,
                      phrase=_phrase(parsed, "quarter"))
    events = assemble(parsed, [mention], {}, {mention.id: quarter}, {}, {mention.id: (_killed(1600),)})
    assert events == []
    # the same figure on one day is an incident (a massacre), and so is a small figure over months
    day = TimeRef(dt.date(1989, 12, 3), phrase=_phrase(parsed, "quarter"))
    assert len(assemble(parsed, [mention], {}, {mention.id: day}, {}, {mention.id: (_killed(1600),)})) == 1
    assert len(assemble(parsed, [mention], {}, {mention.id: quarter}, {}, {mention.id: (_killed(2),)})) == 1


def test_a_bare_toll_without_time_or_place_joins_the_incident_told_before() -> None:
    parsed = _parsed([
        _words("A bomb exploded in Suba last night .", {"exploded": "explode"}),
        _words("Police said the driver fled .", {"said": "say", "fled": "flee"}),
        _words("Two people were killed and five were wounded .", {"killed": "kill", "wounded": "wound"}),
    ])
    bomb, killed = _mention(parsed, "exploded"), _mention(parsed, "killed")
    suba = Place("Suba", country="COL", precision=PlacePrecision.TOWN, span=_phrase(parsed, "Suba"))
    last_night = TimeRef(dt.date(1990, 1, 9), phrase=_phrase(parsed, "night"))
    events = assemble(parsed, [bomb, killed], {}, {bomb.id: last_night, killed.id: TimeRef(PUBLISHED)},
                      {bomb.id: suba, killed.id: None}, {killed.id: (_killed(2),)})
    assert len(events) == 1
    assert events[0].fatalities is not None and events[0].fatalities.best == 2
    # a toll with a place of its own stands alone
    elsewhere = Place("Cali", country="COL", precision=PlacePrecision.TOWN, span=_phrase(parsed, "driver"))
    events = assemble(parsed, [bomb, killed], {}, {bomb.id: last_night, killed.id: TimeRef(PUBLISHED)},
                      {bomb.id: suba, killed.id: elsewhere}, {killed.id: (_killed(2),)})
    assert len(events) == 2


def test_a_province_named_first_does_not_join_clashes_in_distant_towns() -> None:
    parsed = _parsed([
        _words("Soldiers killed two rebels in Usulutan department .", {"killed": "kill"}),
        _words("Two rebels were killed in a clash in San Agustin .", {"killed": "kill"}),
        _words("A soldier was killed in Zaragoza .", {"killed": "kill"}),
    ])
    first, second, third = (_mention(parsed, "killed", k) for k in range(3))
    today = TimeRef(PUBLISHED, phrase=_phrase(parsed, "Soldiers"))
    province = Place("Usulutan", country="SLV", admin1="Usulutan", precision=PlacePrecision.ADMIN1,
                     span=_phrase(parsed, "Usulutan"))
    agustin = Place("San Agustin", lat=13.43, lon=-88.60, country="SLV", precision=PlacePrecision.TOWN,
                    span=_phrase(parsed, "Agustin"))
    zaragoza = Place("Zaragoza", lat=13.59, lon=-89.29, country="SLV", precision=PlacePrecision.TOWN,
                     span=_phrase(parsed, "Zaragoza"))
    events = assemble(parsed, [first, second, third], {}, dict.fromkeys((first.id, second.id, third.id), today),
                      {first.id: province, second.id: agustin, third.id: zaragoza}, {})
    assert [e.place.name for e in events if e.place] == ["Usulutan", "Zaragoza"]


def test_a_description_in_capitals_is_not_a_group_name() -> None:
    described = Actor(text="THE EXTRADITABLES", name="Colombia criminals", sector="CRM")
    named = Actor(text="Shining Path", name="Shining Path", sector="REB")
    assert actor_keys([described]) == set()
    assert actor_keys([named]) == {"shining path"}
    assert actor_keys([Actor(text="the Extraditables", name="The Extraditables", sector="CRM")]) \
        == {"the extraditables"}

