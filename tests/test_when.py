"""The when stage on parsed text: which phrase belongs to which mention (needs the spaCy model)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.model import Article, DatePrecision, Mention, Span, TimeRef
from eventscope.stages.nlp import ParsedArticle, parse
from eventscope.stages.when import NO_DATE, resolve_dates

pytestmark = pytest.mark.slow
PUBLISHED = dt.date(2021, 6, 29)


def seed_article(seed_text: str) -> Article:
    """The reference article as ingest gives it: body from the dateline on, one paragraph per line."""
    body = seed_text[seed_text.index("WASHINGTON:"):]
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    return Article(id="seed", text="\n\n".join(paragraphs), published=PUBLISHED)


def mention_at(parsed: ParsedArticle, word: str, inside: str, plover: str = "ASSAULT") -> Mention:
    """A hand-built mention on the first token `word` of the first sentence containing `inside`."""
    sentence = next(s for s in parsed.sentences if inside in s.text.replace("\xa0", " "))
    token = next(t for t in parsed.doc if t.text == word and sentence.start <= t.idx < sentence.end)
    return Mention(id=f"{parsed.article.id}:{sentence.index}:{token.idx}", article_id=parsed.article.id,
                   sentence_index=sentence.index, trigger=Span(token.idx, token.idx + len(token), token.text),
                   trigger_token=token.i, plover=plover, cameo="190", goldstein=-10.0)


@pytest.fixture(scope="module")
def seed(nlp, seed_text: str) -> ParsedArticle:
    return parse(seed_article(seed_text), nlp)


def _dates(parsed: ParsedArticle, *specs: tuple[str, str]) -> list[TimeRef]:
    mentions = [mention_at(parsed, word, inside) for word, inside in specs]
    result = resolve_dates(parsed, mentions)
    assert set(result) == {m.id for m in mentions}
    return [result[m.id] for m in mentions]


def test_reference_article_dates(seed: ParsedArticle) -> None:
    rocket, airstrikes, soleimani, february, february_attack, drones, sunday = _dates(
        seed,
        ("attack", "came under rocket attack Monday"),
        ("airstrikes", "came under rocket attack Monday"),
        ("killed", "US-directed drone killed"),
        ("launched", "In February, the US launched"),
        ("attack", "earlier that month"),
        ("attacks", "since April"),
        ("strikes", "Sunday's strikes mark"),
    )
    assert (rocket.date, rocket.precision) == (dt.date(2021, 6, 28), DatePrecision.DAY)
    assert rocket.phrase is not None and rocket.phrase.text == "Monday"
    assert (airstrikes.date, airstrikes.precision) == (dt.date(2021, 6, 27), DatePrecision.DAY)
    assert airstrikes.phrase is not None and airstrikes.phrase.text == "one day after"
    assert (soleimani.date, soleimani.precision) == (dt.date(2020, 1, 1), DatePrecision.YEAR)
    assert soleimani.date_end == dt.date(2020, 12, 31)
    assert (february.date, february.precision) == (dt.date(2021, 2, 1), DatePrecision.MONTH)
    assert (february_attack.date, february_attack.precision) == (dt.date(2021, 2, 1), DatePrecision.MONTH)
    assert (drones.date, drones.date_end, drones.precision) == (dt.date(2021, 4, 1), PUBLISHED, DatePrecision.RANGE)
    assert sunday.date == dt.date(2021, 6, 27)
    for ref in (rocket, airstrikes, soleimani, february, february_attack, drones, sunday):
        assert ref.phrase is not None and ref.reason
        assert seed.article.text[ref.phrase.start:ref.phrase.end] == ref.phrase.text


def test_killed_in_the_airstrikes_takes_the_airstrikes_date(seed: ParsedArticle) -> None:
    airstrikes, killed = _dates(seed, ("airstrikes", "came under rocket attack Monday"),
                                ("killed", "Two Iraqi militia officials"))
    assert killed.date == airstrikes.date == dt.date(2021, 6, 27)
    assert "airstrikes" in killed.reason


def test_speech_date_is_used_for_the_reported_attack(seed: ParsedArticle) -> None:
    (attacked,) = _dates(seed, ("attacked", "7:44 p.m."))
    assert attacked.date == dt.date(2021, 6, 28)
    assert "report" in attacked.reason


def test_inherits_from_previous_sentence_in_paragraph(seed: ParsedArticle) -> None:
    soleimani, muhandis = _dates(seed, ("killed", "US-directed drone killed"), ("killed", "al-Muhandis was also"))
    assert muhandis.date == soleimani.date == dt.date(2020, 1, 1)
    assert "inherited" in muhandis.reason


def test_fallback_to_publication_date_says_so(seed: ParsedArticle) -> None:
    (condemned,) = _dates(seed, ("condemned", "Iraq's military condemned the US airstrikes"))
    assert condemned.date == PUBLISHED and condemned.phrase is None
    assert condemned.reason == "publication date; no time phrase"


def _one(nlp, text: str, word: str, published: dt.date | None = PUBLISHED) -> TimeRef:
    parsed = parse(Article(id="t", text=text, published=published), nlp)
    mention = mention_at(parsed, word, word)
    return resolve_dates(parsed, [mention])[mention.id]


@pytest.mark.parametrize(("text", "word", "date", "precision"), [
    ("In February, the US launched airstrikes against facilities in Syria.", "launched",
     dt.date(2021, 2, 1), DatePrecision.MONTH),
    ("A bomb exploded in the market two days later, police said last week.", "exploded", None, None),
    ("Gunmen killed two policemen on Sunday, the ministry said on Monday.", "killed",
     dt.date(2021, 6, 27), DatePrecision.DAY),
    ("The ministers will meet next week to discuss the ceasefire.", "meet",
     dt.date(2021, 7, 5), DatePrecision.WEEK),
    ("Rebels attacked the town a week ago.", "attacked", dt.date(2021, 6, 21), DatePrecision.WEEK),
    ("The army said it shelled rebel positions yesterday.", "shelled", dt.date(2021, 6, 28), DatePrecision.DAY),
    ("Protesters marched in the capital on 16 March 2021.", "marched", dt.date(2021, 3, 16), DatePrecision.DAY),
    # a year that modifies the event noun dates it
    ("The junta, which took power in a 2020 coup, has struggled.", "coup", dt.date(2020, 1, 1), DatePrecision.YEAR),
])
def test_hand_written_sentences(nlp, text: str, word: str, date: dt.date | None, precision) -> None:
    got = _one(nlp, text, word)
    if date is None:  # an anaphoric phrase with nothing before it: the report date is the bound
        assert got.date == dt.date(2021, 6, 21) and "report" in got.reason
    else:
        assert (got.date, got.precision) == (date, precision)


def test_weekday_past_tense_is_not_after_publication(nlp) -> None:
    got = _one(nlp, "Gunmen attacked a checkpoint on Wednesday.", "attacked")
    assert got.date == dt.date(2021, 6, 23)


def test_without_publication_date_only_explicit_dates(nlp) -> None:
    explicit = _one(nlp, "Rebels attacked the town on 12 March 2020.", "attacked", published=None)
    assert explicit.date == dt.date(2020, 3, 12)
    relative = _one(nlp, "Rebels attacked the town on Monday.", "attacked", published=None)
    assert relative.date is None and relative.reason == NO_DATE


def test_muc_style_dateline(nlp, fixtures_dir: Path) -> None:
    text = (fixtures_dir / "when" / "muc_style.txt").read_text(encoding="utf-8")
    parsed = parse(Article(id="muc", text=text), nlp)
    bomb = mention_at(parsed, "EXPLODED", "A BOMB")
    ambush = mention_at(parsed, "AMBUSHED", "AMBUSHED")
    killed = mention_at(parsed, "KILLED", "TWO SOLDIERS")
    judge = mention_at(parsed, "MURDERED", "JUDGE")
    got = resolve_dates(parsed, [bomb, ambush, killed, judge])
    assert got[bomb.id].date == dt.date(1990, 1, 9)  # LAST NIGHT, against the dateline's 10 JAN 90
    assert got[ambush.id].date == dt.date(1990, 1, 2)
    assert got[killed.id].date == dt.date(1990, 1, 2)  # inherited within the paragraph
    assert got[judge.id].date == dt.date(1990, 1, 10)
    assert got[judge.id].reason == "dateline date; no time phrase"


def test_mention_with_a_bad_token_index_still_gets_a_date(nlp) -> None:
    parsed = parse(Article(id="t", text="Nothing happened.", published=PUBLISHED), nlp)
    odd = Mention(id="t:0:0", article_id="t", sentence_index=0, trigger=Span(0, 7, "Nothing"),
                  trigger_token=999, plover="ASSAULT", cameo="190", goldstein=-10.0)
    assert resolve_dates(parsed, [odd])[odd.id].date == PUBLISHED


def test_definite_noun_takes_the_date_of_the_event_told_before(seed: ParsedArticle) -> None:
    first, again = _dates(seed, ("airstrikes", "came under rocket attack Monday"),
                          ("airstrikes", "Iraq's military condemned the US airstrikes"))
    assert again.date == first.date == dt.date(2021, 6, 27)
    assert "refers back" in again.reason


def test_quoted_last_night_is_read_from_the_day_it_was_said(seed: ParsedArticle) -> None:
    (strikes,) = _dates(seed, ("strikes", "the message sent by the strikes last night"))
    assert strikes.date == dt.date(2021, 6, 27)  # Blinken spoke on Monday 28 June
    assert "inside a quote" in strikes.reason


def test_quote_with_its_own_speech_date(nlp) -> None:
    text = "“We struck their depots last night,” the commander said on Monday."
    got = _one(nlp, text, "struck", published=dt.date(2021, 6, 30))
    assert got.date == dt.date(2021, 6, 27)


def test_two_events_one_sentence_one_day_before(nlp) -> None:
    text = "Militants shelled the base on Friday, a day after soldiers raided their camp."
    shelled = _one(nlp, text, "shelled")
    raided = _one(nlp, text, "raided")
    assert shelled.date == dt.date(2021, 6, 25)
    assert raided.date == dt.date(2021, 6, 24)


def test_until_is_an_end_bound_not_the_event_date(nlp) -> None:
    text = "The road will stay closed until 30 May because it was blown up today."
    got = _one(nlp, text, "blown")
    assert got.date == PUBLISHED


_PHRASES = ["on Monday", "last year", "yesterday", "in February", "since April", "two days later",
            "one day after", "earlier that month", "last week", "on 12 March", "today", "a week ago", ""]


@settings(max_examples=30, deadline=None)
@given(first=st.sampled_from(_PHRASES), second=st.sampled_from(_PHRASES),
       published=st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_past_tense_events_never_dated_after_publication(nlp, first: str, second: str, published: dt.date) -> None:
    text = f"Rebels attacked the town {first}. Soldiers killed three fighters {second}, officials said."
    parsed = parse(Article(id="t", text=text, published=published), nlp)
    mentions = [mention_at(parsed, "attacked", "Rebels"), mention_at(parsed, "killed", "Soldiers")]
    for ref in resolve_dates(parsed, mentions).values():
        assert ref.date is not None and ref.date <= published
        assert ref.date_end is None or ref.date <= ref.date_end


def test_subject_naming_an_earlier_event(seed: ParsedArticle) -> None:
    first, hit = _dates(seed, ("airstrikes", "came under rocket attack Monday"),
                        ("hit", "each strike hit its intended target"))
    assert hit.date == first.date == dt.date(2021, 6, 27)  # not Monday, the day McNulty spoke


def test_a_paragraph_keeps_the_time_it_opens_with(nlp) -> None:
    # no event is coded in the first sentence, yet its fronted date frames the next one
    text = "On 8 June 2023, the convoy reached Odesa. A rocket struck the port, wounding nine."
    got = _one(nlp, text, "struck", published=dt.date(2023, 6, 15))
    assert (got.date, got.precision) == (dt.date(2023, 6, 8), DatePrecision.DAY)
    assert "opens with" in got.reason
    # a time that is not fronted does not frame the paragraph
    text = "The convoy reached Odesa on 8 June 2023. A rocket struck the port, wounding nine."
    assert _one(nlp, text, "struck", published=dt.date(2023, 6, 15)).date == dt.date(2023, 6, 15)


@pytest.mark.parametrize(("text", "word"), [("The 2000 soldiers attacked the town.", "attacked"),
                                            ("Some 1999 protesters marched.", "marched")])
def test_a_count_before_people_is_no_year(nlp, text: str, word: str) -> None:
    assert _one(nlp, text, word).reason == "publication date; no time phrase"


def test_an_offset_never_counts_from_a_stretch(nlp) -> None:
    """"in recent months" is no day that "two days after" could count from: Friday is."""
    text = ("A bomber blew himself up outside a police station on Friday. The Taliban have stepped up attacks in "
            "recent months. The blast came two days after gunmen ambushed a police patrol.")
    parsed = parse(Article(id="t", text=text, published=dt.date(2024, 8, 3)), nlp)
    mention = mention_at(parsed, "ambushed", "gunmen ambushed")
    assert resolve_dates(parsed, [mention])[mention.id].date == dt.date(2024, 7, 31)


def test_a_clause_on_another_noun_does_not_date_the_event(nlp) -> None:
    # "since April 2023" dates the war the relative clause tells of, not the denial
    text = ("The Rapid Support Forces, which have been at war with Sudan's army since April 2023, denied "
            "responsibility for the attack.")
    parsed = parse(Article(id="t", text=text, published=PUBLISHED), nlp)
    denied = mention_at(parsed, "denied", "denied", plover="REJECT")
    war = mention_at(parsed, "war", "war")
    dates = resolve_dates(parsed, [denied, war])
    assert dates[war.id].date == dt.date(2023, 4, 1)
    assert dates[denied.id].date == PUBLISHED, dates[denied.id]


def test_a_condition_or_deadline_does_not_date_the_threat(nlp) -> None:
    # "by Friday" is the ransom's deadline, not when the kidnappers threatened
    text = "The kidnappers have threatened to kill the children unless a ransom is paid by Friday."
    parsed = parse(Article(id="t", text=text, published=PUBLISHED), nlp)
    threatened = mention_at(parsed, "threatened", "threatened", plover="THREATEN")
    kill = mention_at(parsed, "kill", "kill")
    dates = resolve_dates(parsed, [threatened, kill])
    assert dates[threatened.id].date == PUBLISHED and dates[kill.id].date == PUBLISHED, dates


def test_the_attack_of_the_next_paragraph_is_the_leads(nlp) -> None:
    # no weapon word, yet "the attack" whose responsibility is claimed is the lead's bombing
    text = ("A suicide bomber struck worshippers outside a mosque in Mazar-e-Sharif on Friday, killing 31.\n\n"
            "The Islamic State group's affiliate claimed responsibility for the attack in a statement.")
    parsed = parse(Article(id="t", text=text, published=dt.date(2024, 3, 9)), nlp)
    struck = replace(mention_at(parsed, "struck", "suicide bomber"), plover_mode="suicide-attack")
    attack = mention_at(parsed, "attack", "claimed responsibility")
    dates = resolve_dates(parsed, [struck, attack])
    assert dates[attack.id].date == dt.date(2024, 3, 8), dates[attack.id]
