"""Measure the event store: query latency over 100,000 synthetic events, and ingest overhead.

    python scripts/bench_store.py query  [--events 100000] [--db PATH]
    python scripts/bench_store.py ingest [--articles 100] [--rams PATH]
    python scripts/bench_store.py fill   [--events 50000] [--window 5000] [--no-countries]

query:  builds a database of synthetic merged events (written straight through
        the backend's row writers, no pipeline), then times filtered
        `query_events` / `counts_by_day` calls (median of 20 runs, decode cache
        cleared before each run, limit 100 as the CLI's default).
ingest: the same articles (the first N RAMS dev windows from ../shared/bench,
        one article per window) through `Pipeline.extract_many` alone and
        through `ingest_articles` (pipeline + store, new database each time),
        interleaved (extract, ingest, extract, ingest, extract); throughput
        ratio = median extract time / median ingest time.  Also the store's
        own time: `add_article` over the extractions already made (best of 3).
fill:   `add_article` of synthetic articles (10 events each, `synthetic_event`:
        8 countries, actors with countries, dates over ten years) into a new
        database; prints the ingest rate (events/s, CPU and wall clock) of the first
        and the last `--window` events.  Flat rates = candidate lookups that do
        not grow with the store.  Articles arrive in date order over ten years
        (constant events per day, as a news stream); `--random-dates` dates them
        at random instead, so the last events land among 10x more neighbours
        (merge and relation work per event grows with that density, not with
        the store's size).  `--no-countries` drops the actor countries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
    TimeRef,
)
from eventscope.query import counts_by_day, query_events
from eventscope.store import codec, schema
from eventscope.store.base import EventFilters
from eventscope.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
# CPU time of this process: the machine is shared (load 7+ on 2 cores), so wall time swings 2-3x
# between runs while CPU time stays put.  `--wall` measures wall-clock time instead.
CLOCK = time.process_time
COUNTRIES = {"SYR": (35.0, 38.5, ["Aleppo", "Idlib", "Deir ez-Zor", "Raqqa", "Homs"]),
             "IRQ": (33.3, 44.4, ["Baghdad", "Nineveh", "Anbar", "Erbil", "Basra"]),
             "AFG": (34.5, 69.2, ["Kabul", "Kandahar", "Helmand", "Herat"]),
             "NGA": (9.1, 7.4, ["Borno", "Kaduna", "Lagos", "Zamfara"]),
             "UKR": (49.0, 32.0, ["Donetsk", "Luhansk", "Kharkiv", "Kyiv"]),
             "MLI": (17.6, -4.0, ["Mopti", "Gao", "Timbuktu"]), "SOM": (5.2, 46.2, ["Banaadir", "Lower Shabelle"]),
             "YEM": (15.5, 48.5, ["Sanaa", "Marib", "Taiz", "Hodeidah"])}
ACTORS = [("Kata'ib Hezbollah", "IRQ", "REB"), ("United States military", "USA", "MIL"), ("Taliban", "AFG", "REB"),
          ("Boko Haram", "NGA", "REB"), ("Syrian army", "SYR", "MIL"), ("Russian army", "RUS", "MIL"),
          ("al-Shabaab", "SOM", "REB"), ("Houthis", "YEM", "REB"), ("Islamic State", "IRQ", "REB"),
          ("civilians", None, "CVL"), ("police", None, "COP"), ("protesters", None, "CVL")]
TYPES = [("ASSAULT", "195", -10.0, "Explosions/Remote violence", "Air/drone strike"),
         ("ASSAULT", "190", -10.0, "Battles", "Armed clash"),
         ("PROTEST", "141", -6.5, "Protests", "Peaceful protest"),
         ("COERCE", "173", -5.0, "Strategic developments", "Arrests"),
         ("ACCUSE", "111", -2.0, None, None), ("CONSULT", "040", 1.0, None, None)]
# Evidence sentences: one topical word among many others, so a text query hits a realistic share.
TOPICAL = ["rocket", "attack", "airstrike", "convoy", "checkpoint", "market", "village", "base", "drone",
           "shelling", "protest", "talks"]
FILLER = [f"w{n}" for n in range(3000)]


def synthetic_event(i: int, rng: random.Random) -> Event:
    iso3, (lat, lon, regions) = rng.choice(sorted(COUNTRIES.items()))
    plover, cameo, goldstein, acled_type, sub = rng.choice(TYPES)
    a1, a2 = rng.sample(ACTORS, 2)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    words = [rng.choice(TOPICAL), *rng.sample(FILLER, 12)]
    rng.shuffle(words)
    sentence = f"Report {i}: " + " ".join(words) + f" in {rng.choice(regions)}."
    dead = rng.choice([None, None, 0, 1, 3, 12])
    fatalities = None if dead is None else Count(dead, (Claim(ClaimKind.KILLED, dead, dead, "officials"),))
    return Event(
        id=f"syn{i:07d}", plover=plover, cameo=cameo, goldstein=goldstein,
        date=TimeRef(date, precision=DatePrecision.DAY), acled_type=acled_type, acled_sub_type=sub,
        actor1=(Actor(a1[0], a1[0], a1[1], a1[2]),), actor2=(Actor(a2[0], a2[0], a2[1], a2[2]),),
        place=Place(rng.choice(regions), lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2), iso3,
                    rng.choice(regions), PlacePrecision.TOWN),
        fatalities=fatalities, modality=rng.choice([Modality.OCCURRED] * 8 + [Modality.THREATENED]),
        evidence=(Evidence(f"art{i}", 0, 0, len(sentence), sentence),), articles=(f"art{i}",),
    )


def build_query_db(path: Path, n: int) -> None:
    rng = random.Random(42)
    with SQLiteStore(path) as store, schema.transaction(store.con):
        for i in range(n):
            event = synthetic_event(i, rng)
            store._write_event(event, 1, 1, event.date.date.isoformat() if event.date.date else None)
            store._write_member_rows(event.id, event.articles[0], event, {0: event.evidence[0].text})


QUERIES = {
    "country + month": EventFilters(country="SYR", date_from=dt.date(2021, 6, 1), date_to=dt.date(2021, 6, 30)),
    "type + bbox": EventFilters(type="ASSAULT", bbox=(36.0, 33.0, 41.0, 37.0)),
    "ACLED sub-type + year": EventFilters(type="Air/drone strike", date_from=dt.date(2020, 1, 1),
                                          date_to=dt.date(2020, 12, 31)),
    "actor name": EventFilters(actor="hezbollah"),
    "actor name + country + year": EventFilters(actor="taliban", country="AFG", date_from=dt.date(2019, 1, 1),
                                                date_to=dt.date(2019, 12, 31)),
    "full text, one word (1 in 12)": EventFilters(text="rocket"),
    "full text, two words": EventFilters(text="convoy w17"),
    "admin1 + modality": EventFilters(admin1="Borno", modality="threatened"),
    "no filter (newest 100)": EventFilters(),
}


def time_ms(fn) -> float:
    runs = []
    for _ in range(20):
        codec._cache.clear()
        start = CLOCK()
        fn()
        runs.append((CLOCK() - start) * 1000)
    return statistics.median(runs)


def bench_query(args: argparse.Namespace) -> None:
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    if not path.exists():
        start = CLOCK()
        build_query_db(path, args.events)
        print(f"built {args.events} synthetic events in {CLOCK() - start:.0f} s: {path}")
    with SQLiteStore(path) as store:
        total = store.stats()["events"]
        print(f"{total} events; median of 20 runs, ms (limit 100, results decoded to Event)")
        for name, filters in QUERIES.items():
            n = len(query_events(store, filters))
            print(f"  {name:32s} {time_ms(lambda f=filters: query_events(store, f)):7.1f} ms  ({n} events)")
        syr = EventFilters(country="SYR")
        print(f"  {'counts_by_day, country':32s} {time_ms(lambda: counts_by_day(store, syr)):7.1f} ms")


def rams_articles(path: Path, n: int) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            text = " ".join(" ".join(tokens) for tokens in doc["sentences"])
            articles.append(Article(id=doc["doc_key"], text=text, url=doc.get("source_url"),
                                    published=dt.date(2016, 6, 15), source=f"rams:{len(articles) + 1}"))
            if len(articles) == n:
                break
    return articles


def bench_ingest(args: argparse.Namespace) -> None:
    from eventscope.config import Settings
    from eventscope.pipeline import Pipeline
    from eventscope.store.ingest import ingest_articles, pipeline_extractor

    articles = rams_articles(Path(args.rams), args.articles)
    pipeline = Pipeline(Settings())
    list(pipeline.extract_many(articles[:4]))  # warm up: model, gazetteer, caches

    def extract_only() -> tuple[float, list]:
        start = CLOCK()
        done = list(pipeline.extract_many(articles))
        return CLOCK() - start, done

    # interleaved runs (extract, ingest, extract, ingest, extract): the machine is shared and noisy
    extract_times, ingest_times, store_times = [], [], []
    extractions: list = []
    report = None
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat + 1):
            seconds, extractions = extract_only()
            extract_times.append(seconds)
            if run == args.repeat:
                break
            with SQLiteStore(Path(tmp) / f"ingest{run}.db") as store:
                start = CLOCK()
                report = ingest_articles(store, articles, pipeline_extractor(pipeline))
                ingest_times.append(CLOCK() - start)
        for run in range(3):  # the store's own share: add_article over extractions already made
            with SQLiteStore(Path(tmp) / f"store-only{run}.db") as store:
                start = CLOCK()
                for ex in extractions:
                    store.add_article(ex.article, ex.events, ex.parsed.sentences)
                store_times.append(CLOCK() - start)
    n = len(articles)
    t_extract, t_ingest, t_store = (statistics.median(extract_times), statistics.median(ingest_times),
                                    min(store_times))
    print(f"{n} RAMS articles, {sum(len(e.events) for e in extractions)} events; {report.summary() if report else ''}")
    print(f"  extract alone  {n / t_extract:6.2f} articles/s  (median of {', '.join(f'{t:.1f}' for t in extract_times)} s)")
    print(f"  ingest         {n / t_ingest:6.2f} articles/s  (median of {', '.join(f'{t:.1f}' for t in ingest_times)} s)")
    print(f"  ratio ingest/extract throughput: {t_extract / t_ingest:.1%}")
    print(f"  store alone    {t_store / n * 1000:6.1f} ms/article (best of 3) = {t_store / t_extract:.1%} of extract "
          f"time -> expected ratio {t_extract / (t_extract + t_store):.1%}")


def synthetic_article(a: int, rng: random.Random, countries: bool = True,
                      day: dt.date | None = None) -> tuple[Article, list[Event], list]:
    """One article of 10 synthetic events, each with its own evidence sentence; `day`: events dated
    0-2 days before it (else `synthetic_event`'s random date)."""
    import dataclasses

    from eventscope.model import Sentence

    article_id = f"fill{a:06d}"
    events, sentences, pos = [], [], 0
    for k in range(10):
        event = synthetic_event(a * 10 + k, rng)
        if not countries:
            event = dataclasses.replace(event, actor1=tuple(dataclasses.replace(x, country=None) for x in event.actor1),
                                        actor2=tuple(dataclasses.replace(x, country=None) for x in event.actor2))
        if day is not None:
            event = dataclasses.replace(event, date=TimeRef(day - dt.timedelta(days=rng.randrange(3)),
                                                            precision=DatePrecision.DAY))
        text = event.evidence[0].text
        sentences.append(Sentence(k, pos, pos + len(text), text))
        events.append(dataclasses.replace(
            event, id=f"{article_id}:{k}", articles=(article_id,),
            evidence=(Evidence(article_id, k, pos, pos + len(text), text),)))
        pos += len(text) + 1
    body = " ".join(s.text for s in sentences)
    return Article(id=article_id, text=body, title=f"Fill {a}", published=dt.date(2020, 1, 1),
                   source="bench"), events, sentences


def bench_fill(args: argparse.Namespace) -> None:
    rng = random.Random(11)
    window = args.window
    path = Path(tempfile.mkdtemp()) / "fill.db"
    marks: dict[int, tuple[float, float]] = {}  # events stored -> (CPU, wall) seconds since start
    start = (time.process_time(), time.perf_counter())
    with SQLiteStore(path) as store:
        for a in range(args.events // 10):
            # a news stream: article dates advance over ten years, so the events per day stay the same
            day = None if args.random_dates else dt.date(2015, 1, 1) + dt.timedelta(days=a * 36500 // args.events)
            article, events, sentences = synthetic_article(a, rng, countries=not args.no_countries, day=day)
            store.add_article(article, events, sentences)
            done = (a + 1) * 10
            if done in (window, args.events - window, args.events):
                marks[done] = (time.process_time() - start[0], time.perf_counter() - start[1])
                print(f"  {done} events stored, {marks[done][1]:.0f} s", file=sys.stderr, flush=True)
        stats = store.stats()
    print(f"{args.events} synthetic events ({'no ' if args.no_countries else ''}actor countries, "
          f"{'random' if args.random_dates else 'stream'} dates) in {marks[args.events][1]:.0f} s wall, "
          f"{marks[args.events][0]:.0f} s CPU; {stats['events']} stored events, {stats['relations']} relations")
    for k, clock in enumerate(("CPU", "wall")):
        first = window / marks[window][k]
        last = window / (marks[args.events][k] - marks[args.events - window][k])
        print(f"  {clock:4s} first {window}: {first:7.1f} events/s   last {window}: {last:7.1f} events/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    q = sub.add_parser("query")
    q.add_argument("--events", type=int, default=100_000)
    q.add_argument("--db", help="reuse (or create) this database")
    i = sub.add_parser("ingest")
    i.add_argument("--articles", type=int, default=100)
    i.add_argument("--repeat", type=int, default=2, help="ingest runs (extract runs one more)")
    i.add_argument("--rams", default=str(ROOT.parent / "shared" / "bench" / "rams" / "dev.jsonlines"))
    f = sub.add_parser("fill")
    f.add_argument("--events", type=int, default=50_000)
    f.add_argument("--window", type=int, default=5_000)
    f.add_argument("--no-countries", action="store_true")
    f.add_argument("--random-dates", action="store_true",
                   help="dates at random over ten years (events per day grow as the store fills)")
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args(argv)
    if args.wall:
        global CLOCK
        CLOCK = time.perf_counter
    {"query": bench_query, "ingest": bench_ingest, "fill": bench_fill}[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
