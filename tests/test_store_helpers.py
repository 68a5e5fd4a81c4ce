"""Hand-made records for the store tests (no pipeline stage needed), and their own checks.

`reference_reports()` codes the reference article and a second agency's
rewrite of the same story (tests/fixtures/store/) the way the pipeline is
meant to: the June 27, 2021 airstrikes, the June 28 rocket attack and the
US artillery reply, Iraq's condemnation, the militias' threat, and (in the
reference article only) the recalled January 2020 drone strike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.model import (
    Actor,
    Article,
    Claim,
    ClaimKind,
    Count,
    DatePrecision,
    Event,
    Evidence,
    Modality,
    Place,
    PlacePrecision,
    Sentence,
    Span,
    TimeRef,
    from_dict,
    to_dict,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"

USA = Actor(text="US Air Force", name="United States", country="USA", sector="MIL")
US_FORCES = Actor(text="US forces", name="US forces", country="USA", sector="MIL")
KH = Actor(text="Kata'ib Hezbollah", name="Kata'ib Hezbollah", country="IRQ", sector="REB", affiliation="IRN")
MILITIA = Actor(text="Iran-backed militias", name="Iran-backed militias", country="IRQ", sector="REB",
                affiliation="IRN")
IRAQ_MIL = Actor(text="Iraq's military", name="Iraqi military", country="IRQ", sector="MIL")
ABU_KAMAL = Place(name="Abu Kamal", lat=34.4506, lon=40.9171, country="SYR", admin1="Deir ez-Zor",
                  precision=PlacePrecision.TOWN)
AL_OMAR = Place(name="al-Omar oil field", lat=35.07, lon=40.68, country="SYR", admin1="Deir ez-Zor",
                precision=PlacePrecision.POINT)
EASTERN_SYRIA = Place(name="eastern Syria", country="SYR", precision=PlacePrecision.REGION)
BAGHDAD = Place(name="Baghdad", lat=33.34, lon=44.40, country="IRQ", admin1="Baghdad", precision=PlacePrecision.TOWN)


def line_sentences(text: str) -> tuple[Sentence, ...]:
    """Fixture sentences: one per non-empty line (good enough for hand-made evidence)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Sentence(index=len(out), start=pos, end=pos + len(line), text=line))
        pos += len(line) + 1
    return tuple(out)


def evidence(article: Article, phrase: str, field: str = "event") -> Evidence:
    """Evidence for the first sentence that contains `phrase`."""
    for sentence in line_sentences(article.text):
        at = sentence.text.find(phrase)
        if at >= 0:
            start = sentence.start + at
            return Evidence(article.id, sentence.index, start, start + len(phrase), phrase, field)
    raise LookupError(f"{phrase!r} not in article {article.id}")


def day(iso: str, precision: DatePrecision = DatePrecision.DAY) -> TimeRef:
    return TimeRef(date=dt.date.fromisoformat(iso), precision=precision)


def make_event(article: Article, phrase: str, plover: str = "ASSAULT", *, cameo: str = "195",
               goldstein: float = -10.0, date: TimeRef | None = None, **fields) -> Event:
    ev = evidence(article, phrase)
    return Event(id=f"{article.id}:{ev.sentence_index}:{ev.start}", plover=plover, cameo=cameo,
                 goldstein=goldstein, date=date or day("2021-06-27"), evidence=(ev,),
                 mention_ids=(f"{article.id}:{ev.sentence_index}:{ev.start}",), **fields)


def killed(article: Article, phrase: str, low: int, high: int | None, source: str) -> Count:
    ev = evidence(article, phrase)
    claim = Claim(ClaimKind.KILLED, low, high, source, Span(ev.start, ev.end, phrase), ev.sentence_index)
    return Count(best=low, claims=(claim,))


def reference_article() -> Article:
    text = (FIXTURES / "seed-us-strikes-syria-2021-06.txt").read_text(encoding="utf-8")
    return Article(id="seed-2021-06-29", text=text, title="US troops in Syria attacked after airstrikes on militias",
                   published=dt.date(2021, 6, 29), agencies=("AP", "AFP"), source="seed.txt")


def reuters_article() -> Article:
    text = (FIXTURES / "store" / "reuters-us-strikes-syria-2021-06.txt").read_text(encoding="utf-8")
    return Article(id="reuters-2021-06-28", text=text, title=text.split("\n")[0],
                   published=dt.date(2021, 6, 28), agencies=("Reuters",), source="reuters.txt")


def reference_events(a: Article) -> list[Event]:
    return [
        make_event(a, "carried out airstrikes near the Iraq-Syria border", plover_mode="aerial",
                   acled_type="Explosions/Remote violence", acled_sub_type="Air/drone strike",
                   actor1=(USA,), actor2=(KH,), place=ABU_KAMAL, date=day("2021-06-27"),
                   fatalities=killed(a, "four militiamen were killed", 4, 4, "Iraqi militia officials")),
        make_event(a, "came under rocket attack", acled_type="Explosions/Remote violence",
                   acled_sub_type="Shelling/artillery/missile attack", actor2=(US_FORCES,),
                   place=EASTERN_SYRIA, date=day("2021-06-28")),
        make_event(a, "responded in self-defense with artillery fire", plover_mode="artillery",
                   acled_type="Explosions/Remote violence", acled_sub_type="Shelling/artillery/missile attack",
                   actor1=(US_FORCES,), actor2=(MILITIA,), place=EASTERN_SYRIA, date=day("2021-06-28")),
        make_event(a, "Iraq's military condemned the US", "ACCUSE", cameo="111", goldstein=-2.0,
                   actor1=(IRAQ_MIL,), actor2=(USA,), place=BAGHDAD, date=day("2021-06-28")),
        make_event(a, "vowed revenge for the attack", "THREATEN", cameo="138", goldstein=-7.0,
                   actor1=(MILITIA,), actor2=(USA,), date=day("2021-06-28"), modality=Modality.OCCURRED),
        make_event(a, "a US-directed drone killed Iranian Gen. Qassem Soleimani", plover_mode="drone",
                   acled_type="Explosions/Remote violence", acled_sub_type="Air/drone strike",
                   actor1=(USA,), actor2=(Actor(text="Qassem Soleimani", name="Qassem Soleimani",
                                                country="IRN", sector="MIL"),),
                   place=BAGHDAD, date=day("2020-01-03"), recalled=True),
    ]


def reuters_events(a: Article) -> list[Event]:
    return [
        make_event(a, "Several rockets were fired at U.S. forces", acled_type="Explosions/Remote violence",
                   acled_sub_type="Shelling/artillery/missile attack", actor2=(US_FORCES,), place=AL_OMAR,
                   date=day("2021-06-28")),
        make_event(a, "U.S. forces returned fire", plover_mode="artillery",
                   acled_type="Explosions/Remote violence", acled_sub_type="Shelling/artillery/missile attack",
                   actor1=(US_FORCES,), actor2=(MILITIA,), place=AL_OMAR, date=day("2021-06-28")),
        make_event(a, "U.S. F-15 and F-16 jets struck two sites in Syria", plover_mode="aerial",
                   acled_type="Explosions/Remote violence", acled_sub_type="Air/drone strike",
                   actor1=(USA,), actor2=(KH, Actor(text="Kata'ib Sayyid al-Shuhada",
                                                  name="Kata'ib Sayyid al-Shuhada", country="IRQ")),
                   place=ABU_KAMAL, date=day("2021-06-27"),
                   fatalities=killed(a, "at least five fighters were killed", 5, None,
                                     "Syrian Observatory for Human Rights")),
        make_event(a, "Iraq's military condemned the strikes", "ACCUSE", cameo="111", goldstein=-2.0,
                   actor1=(IRAQ_MIL,), actor2=(USA,), date=day("2021-06-28")),
        make_event(a, "discussed the attacks with U.S. officials", "CONSULT", cameo="040", goldstein=1.0,
                   actor1=(Actor(text="Mustafa al-Kadhimi", name="Mustafa al-Kadhimi", country="IRQ",
                                 sector="GOV"),), actor2=(USA,), date=day("2021-06-28")),
    ]


# ------------------------------------------------------------------ checks of the helpers themselves

def test_reference_events_carry_evidence_from_their_article() -> None:
    a = reference_article()
    for event in reference_events(a):
        (ev,) = event.evidence
        assert a.text[ev.start:ev.end] == ev.text


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.text(min_size=1, max_size=30))
def test_event_records_round_trip_through_json(best: int, name: str) -> None:
    a = reference_article()
    event = reference_events(a)[0]
    changed = Event(**{**event.__dict__, "fatalities": Count(best=best),
                       "actor1": (Actor(text=name, name=name),)})
    assert from_dict(Event, to_dict(changed)) == changed
