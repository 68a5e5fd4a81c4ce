"""assemble: merging mentions, keeping claims apart, recalled and dropped modalities."""

from __future__ import annotations

import datetime as dt

import spacy

from eventscope.model import (
    Actor,
    ActorRoles,
    Article,
    Claim,
    ClaimKind,
    DatePrecision,
    Mention,
    Modality,
    Place,
    PlacePrecision,
    Sentence,
    Span,
    TimeRef,
)
from eventscope.stages.assemble import assemble, best_figure, date_interval
from eventscope.stages.nlp import ParsedArticle

TEXT = (
    "US airstrikes hit militia sites on Sunday. "
    "Militia officials said the strikes killed four. "
    "A monitor said at least seven died in the strikes. "
    "Last year a drone strike killed a general. "
    "There was no sign of a wider campaign."
)


def _parsed() -> ParsedArticle:
    article = Article(id="a1", text=TEXT, published=dt.date(2021, 6, 29), agencies=("AP",))
    doc = spacy.blank("en")(TEXT)
    sentences, start = [], 0
    for index, chunk in enumerate(TEXT.split(". ")):
        end = start + len(chunk) + (1 if not chunk.endswith(".") else 0)
        sentences.append(Sentence(index, start, end, TEXT[start:end]))
        start = end + 1
    return ParsedArticle(article=article, doc=doc, sentences=tuple(sentences))


def _mention(word: str, sentence: int, *, plover="ASSAULT", mode="aerial", modality=Modality.OCCURRED) -> Mention:
    start = TEXT.index(word)
    return Mention(
        id=f"a1:{sentence}:{start}", article_id="a1", sentence_index=sentence,
        trigger=Span(start, start + len(word), word), trigger_token=0,
        plover=plover, plover_mode=mode, cameo="195", goldstein=-10.0, modality=modality, confidence=0.8,
    )


US = Actor(text="US", name="United States", country="USA", sector="MIL")


def test_mentions_of_one_strike_merge_and_keep_both_claims():
    parsed = _parsed()
    first, second = _mention("airstrikes", 0), _mention("strikes killed", 1)
    third = _mention("strikes.", 2)
    sunday = TimeRef(dt.date(2021, 6, 27), precision=DatePrecision.DAY, phrase=Span(34, 40, "Sunday"))
    fallback = TimeRef(dt.date(2021, 6, 29), reason="publication date; no time phrase")
    claims = {
        second.id: (Claim(ClaimKind.KILLED, 4, 4, source="Militia officials", span=Span(79, 89, "killed four")),),
        third.id: (Claim(ClaimKind.KILLED, 7, None, source="A monitor"),),
    }
    events = assemble(
        parsed, [first, second, third],
        roles={first.id: ActorRoles(actor1=(US,))},
        dates={first.id: sunday, second.id: fallback, third.id: fallback},
        places={first.id: Place("Syria", country="SYR", precision=PlacePrecision.COUNTRY)},
        claims=claims,
    )
    assert len(events) == 1
    event = events[0]
    assert event.date.date == dt.date(2021, 6, 27)
    assert event.fatalities is not None and event.fatalities.best == 4
    assert {c.source for c in event.fatalities.claims} == {"Militia officials", "A monitor"}
    assert event.sources[0] == "AP" and "A monitor" in event.sources
    assert event.actor1 == (US,)
    assert len(event.mention_ids) == 3
    assert {e.field for e in event.evidence} >= {"event", "trigger", "date", "claim:killed"}
    assert not event.recalled


def test_recalled_event_stays_apart_and_hypothetical_is_dropped():
    parsed = _parsed()
    strike, old = _mention("airstrikes", 0), _mention("drone strike", 3, mode="drone")
    campaign = _mention("campaign", 4, modality=Modality.HYPOTHETICAL)
    last_year = TimeRef(dt.date(2020, 1, 1), precision=DatePrecision.YEAR, phrase=Span(0, 9, "Last year"))
    sunday = TimeRef(dt.date(2021, 6, 27), phrase=Span(34, 40, "Sunday"))
    events = assemble(parsed, [strike, old, campaign], roles={}, dates={strike.id: sunday, old.id: last_year},
                      places={}, claims={})
    assert len(events) == 2
    recalled = [e for e in events if e.recalled]
    assert len(recalled) == 1 and recalled[0].date.precision is DatePrecision.YEAR


def test_stable_ids_across_runs():
    parsed = _parsed()
    mention = _mention("airstrikes", 0)
    one = assemble(parsed, [mention], {}, {}, {}, {})
    two = assemble(parsed, [mention], {}, {}, {}, {})
    assert one[0].id == two[0].id


def test_best_figure_is_lowest_credible():
    claims = [Claim(ClaimKind.KILLED, 7, None), Claim(ClaimKind.KILLED, 4, 4), Claim(ClaimKind.KILLED, None, 20)]
    assert best_figure(claims) == 4
    assert best_figure([]) is None


def test_month_interval_covers_whole_month():
    ref = TimeRef(dt.date(2021, 2, 1), precision=DatePrecision.MONTH)
    assert date_interval(ref) == (dt.date(2021, 2, 1), dt.date(2021, 2, 28))
