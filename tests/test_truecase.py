"""The truecaser: case restored in upper-case text, offsets never moved."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.model import Article
from eventscope.stages.truecase import (
    Truecaser,
    WordTable,
    dictionary_phrases,
    mostly_upper,
    read_word_table,
    truecase,
)

ENGLISH = frozenset({"guerrillas", "attacked", "the", "town", "of", "on", "they", "said", "killed", "bodies",
                     "were", "found", "in", "may", "a", "bomb", "exploded", "president", "lima",
                     "sector", "capital", "shining", "path", "members", "near", "return", "to", "and", "mayor",
                     "text", "jan", "officials"})


def _is_place(phrase: str, common: bool) -> bool:
    places = {"san miguel": 150_000, "lima": 7_000_000, "sector": 300}
    population = places.get(phrase)
    if population is None:
        return False
    return population >= (1_000_000 if common else 1000)


def _caser() -> Truecaser:
    return Truecaser(
        is_english=lambda w: w in ENGLISH,
        name_phrases={("shining", "path"): "org", ("farc",): "org", ("el", "salvador"): "country"},
        is_place=_is_place,
        words=WordTable(names=frozenset({"november"}), months=frozenset({"may"}),
                        titles=frozenset({"president"}), acronyms=frozenset({"efe"})),
    )


def test_names_places_and_sentence_starts() -> None:
    text = "GUERRILLAS ATTACKED THE TOWN OF SAN MIGUEL ON 9 MAY.  THEY SAID THEY MAY RETURN TO EL SALVADOR."
    out = _caser().apply(text)
    assert out == "Guerrillas attacked the town of San Miguel on 9 May.  They said they may return to El Salvador."


def test_unknown_words_are_names_or_acronyms_and_titles_precede_names() -> None:
    text = "PRESIDENT ALFREDO CRISTIANI SAID SHINING PATH MEMBERS AND FARC KILLED THE MAYOR (EFE) -- FMLN"
    out = _caser().apply(text)
    assert out.startswith("President Alfredo Cristiani said Shining Path members")
    assert "FARC" in out and "(EFE)" in out and out.endswith("FMLN")
    assert "the mayor" in out


def test_common_words_need_a_big_place_and_dotted_acronyms_stay() -> None:
    out = _caser().apply("A BOMB EXPLODED IN THE SECTOR NEAR LIMA, U.S. OFFICIALS SAID")
    assert out == "A bomb exploded in the sector near Lima, U.S. officials said"


def test_paragraph_and_bracket_starts() -> None:
    out = _caser().apply("   LIMA, 10 JAN 90 -- [TEXT] THE BOMB EXPLODED\nNEAR THE TOWN.\n\n   BODIES WERE FOUND")
    assert "[Text] The bomb exploded\nnear the town." in out
    assert out.endswith("Bodies were found")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZİ .,-'\n[]()0123456789\"ß"), max_size=200))
def test_length_and_letters_are_kept(text: str) -> None:
    out = _caser().apply(text)
    assert len(out) == len(text)
    assert out.casefold() == text.casefold() or all(
        a == b or a.lower() == b.lower() or a == b.upper() for a, b in zip(out, text, strict=True))


def test_mostly_upper() -> None:
    assert mostly_upper("GUERRILLAS ATTACKED THE TOWN (Reuters)")
    assert not mostly_upper("Guerrillas attacked the town")
    assert not mostly_upper("1990 -- 42")


def test_the_word_table_and_the_dictionary_names_load() -> None:
    table = read_word_table()
    assert "may" in table.months and "col" in table.titles and "fmln" in table.acronyms
    phrases = dictionary_phrases()
    assert phrases.get(("el", "salvador")) == "country"
    assert ("army",) not in phrases  # a role word, not a name


@pytest.mark.slow
def test_parse_reads_upper_case_text_truecased_with_the_same_offsets(nlp) -> None:
    from eventscope.stages.nlp import parse

    text = "SAN SALVADOR, 16 NOV 89 -- GUERRILLAS KILLED SIX JESUITS IN SAN SALVADOR YESTERDAY."
    parsed = parse(Article(id="m", text=text), nlp)
    assert parsed.article.text == text
    # The parse was made on the truecased copy but reads the article's own words.
    assert parsed.doc.text == text
    assert parsed.sentences[0].text == text
    assert any(e.label_ == "GPE" and e.text == "SAN SALVADOR" for e in parsed.doc.ents)
    killed = next(t for t in parsed.doc if t.text == "KILLED")
    assert killed.pos_ == "VERB" and killed.lemma_ == "kill"
    assert truecase("Mixed case text stays.", nlp) == "Mixed case text stays."
