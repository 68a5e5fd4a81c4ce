"""Measure the web page's first view with 50,000 events in the store.

    python scripts/bench_web.py [--events 50000] [--db /tmp/eventscope-bench.db] [--rebuild]

1. Fills an SQLite store with synthetic events through the public store
   interface (`SQLiteStore.add_article`, 10 events per article), once; later
   runs reuse the file unless --rebuild.
2. Serves `create_app` on a free localhost port (uvicorn, in this process).
3. Times each API call the first view makes, then loads the page in Debian's
   headless Chromium (Playwright) and times navigation -> list, map points and
   timeline drawn (`body[data-ready]`), a redraw of all map points, a filter
   change and opening one event's panel.

Synthetic events: 16 PLOVER types (ASSAULT most common), places jittered
around 30 capitals of the Middle East and Africa, dates over ten years (about 14 a day,
the rate of a busy conflict-event dataset),
fatalities for most assaults, actors from a pool of 400 names; article
sentences of words drawn at random (`--template-text`: one fixed sentence
form, as the first version had, which makes the fill measure the
near-duplicate check).  Fixed seed, so runs compare.  The fill reports wall
and CPU seconds and the CPU ingest rate of the first and last 5,000 events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from eventscope.api import create_app
from eventscope.config import Settings
from eventscope.model import (
    Actor,
    Article,
    Claim,
    ClaimKind,
    Count,
    Event,
    Evidence,
    Place,
    Sentence,
    TimeRef,
)
from eventscope.store.sqlite import SQLiteStore

PLACES = [("SYR", 33.51, 36.29), ("IRQ", 33.31, 44.36), ("YEM", 15.35, 44.21), ("LBY", 32.89, 13.19),
          ("SOM", 2.04, 45.34), ("NGA", 9.06, 7.49), ("MLI", 12.64, -8.0), ("SDN", 15.5, 32.56),
          ("SSD", 4.85, 31.58), ("COD", -4.32, 15.31), ("ETH", 9.03, 38.74), ("AFG", 34.53, 69.17),
          ("PAK", 33.69, 73.06), ("ISR", 31.77, 35.21), ("PSE", 31.9, 35.2), ("LBN", 33.89, 35.5),
          ("EGY", 30.04, 31.24), ("TUR", 39.93, 32.86), ("IRN", 35.69, 51.42), ("SAU", 24.69, 46.72),
          ("BFA", 12.37, -1.52), ("NER", 13.51, 2.11), ("TCD", 12.13, 15.06), ("CAF", 4.39, 18.56),
          ("MOZ", -25.97, 32.57), ("CMR", 3.85, 11.5), ("KEN", -1.29, 36.82), ("DZA", 36.75, 3.06),
          ("TUN", 36.81, 10.18), ("JOR", 31.95, 35.93)]
TYPES = [("ASSAULT", "190", -10.0, 30), ("PROTEST", "141", -6.5, 12), ("ACCUSE", "112", -2.0, 10),
         ("THREATEN", "138", -7.0, 8), ("COERCE", "170", -7.0, 6), ("MOBILIZE", "150", -7.2, 5),
         ("CONSULT", "040", 1.0, 6), ("AGREE", "057", 8.0, 3), ("SUPPORT", "051", 3.4, 4),
         ("REQUEST", "020", 3.0, 4), ("REJECT", "120", -4.0, 4), ("COOPERATE", "061", 6.4, 3),
         ("AID", "070", 7.0, 2), ("SANCTION", "163", -8.0, 3), ("RETREAT", "087", 9.0, 2), ("CONCEDE", "081", 5.0, 2)]
PER_ARTICLE = 10


def sentence_text(article: int, i: int, words: random.Random | None) -> str:
    """One sentence of a synthetic article.  `words`: eight words drawn from a 5,000-word vocabulary, so
    distinct articles share few 3-shingles (as distinct news stories do); None: the fixed template of the
    first version of this script, which makes every article a near-duplicate candidate (LSH band) of
    every other, so the fill then measures the near-duplicate check, not the event store."""
    if words is None:
        return f"Sentence {i} of synthetic article {article} about clashes."
    return f"Sentence {i} of article {article}: " + " ".join(f"w{words.randrange(5000)}" for _ in range(8)) + "."


def synthetic_articles(n_events: int, years: int = 10, seed: int = 7, template_text: bool = False):
    rng = random.Random(seed)
    words = None if template_text else random.Random(seed + 1)  # own stream: the events stay the same
    # No actor countries: the store links hostile events that share an actor name or country within 30 days,
    # and 30 shared countries would make every fill step compare hundreds of events (a store cost, not a page
    # cost); 400 names keep the links realistic and the fill in minutes.
    actors = [Actor(text=f"Group {i}", name=f"Group {i}", sector=rng.choice(["MIL", "GOV", "REB", "CVL"]))
              for i in range(400)]
    weights = [t[3] for t in TYPES]
    start = dt.date(2022 - years, 1, 1)
    for a in range(n_events // PER_ARTICLE):
        published = start + dt.timedelta(days=rng.randrange(years * 365))
        article_id = f"bench{a:06d}"
        lines = [sentence_text(a, i, words) for i in range(PER_ARTICLE)]
        text = " ".join(lines)
        article = Article(id=article_id, text=text, title=f"Synthetic {a}", published=published,
                          source="bench", agencies=("AP",))
        sentences, events = [], []
        pos = 0
        for i in range(PER_ARTICLE):
            sentence = lines[i]
            sentences.append(Sentence(i, pos, pos + len(sentence), sentence))
            plover, cameo, goldstein, _w = rng.choices(TYPES, weights)[0]
            iso3, lat, lon = rng.choice(PLACES)
            killed = rng.choice([None, None, 0, 1, 2, 3, 5, 8, 13, 40]) if plover == "ASSAULT" else None
            fatalities = None if killed is None else Count(killed, (Claim(ClaimKind.KILLED, killed, killed, "officials",
                                                                          sentence_index=i),))
            events.append(Event(
                id=f"{article_id}:{i}:{pos}", plover=plover, cameo=cameo, goldstein=goldstein,
                date=TimeRef(published - dt.timedelta(days=rng.randrange(3))),
                actor1=(rng.choice(actors),), actor2=(rng.choice(actors),),
                place=Place(f"place near {iso3}", round(lat + rng.gauss(0, 1.2), 4), round(lon + rng.gauss(0, 1.2), 4),
                            iso3), fatalities=fatalities,
                evidence=(Evidence(article_id, i, pos, pos + len(sentence), sentence),), articles=(article_id,)))
            pos += len(sentence) + 1
        yield article, events, sentences


def fill(db: Path, n_events: int, years: int, template_text: bool = False) -> dict[str, float]:
    """Fill the store; wall and CPU seconds, and the rate (events/s, CPU) of the first and last 5,000 events."""
    start, cpu = time.perf_counter(), time.process_time()
    marks: dict[int, float] = {}
    window = min(5000, n_events // 2)
    with SQLiteStore(db) as store:
        for k, (article, events, sentences) in enumerate(synthetic_articles(n_events, years,
                                                                            template_text=template_text), 1):
            store.add_article(article, events, sentences)
            done = k * PER_ARTICLE
            if done in (window, n_events - window, n_events):
                marks[done] = time.process_time() - cpu
            if k % 500 == 0:
                print(f"  {done} events stored, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    out = {"fill_seconds": round(time.perf_counter() - start, 1), "fill_cpu_seconds": round(time.process_time() - cpu, 1)}
    if len(marks) == 3:
        out[f"fill_first_{window}_events_per_cpu_s"] = round(window / marks[window], 1)
        out[f"fill_last_{window}_events_per_cpu_s"] = round(window / (marks[n_events] - marks[n_events - window]), 1)
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def time_get(client: httpx.Client, url: str, repeat: int = 3) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        response.raise_for_status()
        times.append(time.perf_counter() - t)
        size = len(response.content)
    return statistics.median(times), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventscope-bench-50k.db"))
    parser.add_argument("--years", type=int, default=10, help="the events' dates span this many years")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--template-text", action="store_true",
                        help="the first version's article text (every article a near-duplicate candidate)")
    args = parser.parse_args()
    results: dict[str, object] = {"events": args.events}
    if args.rebuild or not args.db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        results.update(fill(args.db, args.events, args.years, args.template_text))
    store = SQLiteStore(args.db)
    results["stored_events"] = store.stats()["events"]
    app = create_app(Settings(db_path=args.db), store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            api = {}
            for name, url in [("events_page", "/api/events?limit=50"), ("points", "/api/events/points"),
                              ("timeline", "/api/stats/timeline"), ("counts_country", "/api/stats/counts?by=country"),
                              ("counts_type", "/api/stats/counts?by=type"),
                              ("events_page_filtered", "/api/events?limit=50&country=SYR&type=ASSAULT")]:
                seconds, size = time_get(client, url)
                api[name] = {"ms": round(seconds * 1000, 1), "bytes": size}
            first = client.get("/api/events?limit=1").json()["items"][0]["id"]
            seconds, _size = time_get(client, f"/api/events/{first}")
            api["one_event"] = {"ms": round(seconds * 1000, 1)}
            results["api"] = api
        results["browser"] = browser_timings(base)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
    print(json.dumps(results, indent=2))
    return 0


def browser_timings(base: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        return {}
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run"]
    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=flags)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        loads = []
        for _ in range(3):
            page.goto(base + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=60_000)
            loads.append(page.evaluate("() => performance.now()"))
        out["first_view_ms_median_of_3"] = round(statistics.median(loads), 0)
        out["first_view_ms_runs"] = [round(x) for x in loads]  # type: ignore[assignment]
        out["points_redraw_ms"] = round(page.evaluate(
            "() => { const t = performance.now(); window.eventscopeMap.points._redraw(); return performance.now() - t; }"), 1)
        t = time.perf_counter()
        page.select_option("#f-country", "SYR")
        page.wait_for_function("() => document.querySelector('#list-count').textContent.includes('of ') "
                               "&& !document.body.classList.contains('loading')")
        out["filter_country_ms"] = round((time.perf_counter() - t) * 1000, 0)
        t = time.perf_counter()
        page.locator(".event-item").first.click()
        page.wait_for_selector("#panel .fields")
        out["open_event_panel_ms"] = round((time.perf_counter() - t) * 1000, 0)
        page.screenshot(path="test-results/bench-50k.png")
        browser.close()
    return out


if __name__ == "__main__":
    sys.exit(main())
