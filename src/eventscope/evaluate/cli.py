"""The `eval` and `bench` commands; `register(subparsers)` adds both to the argparse CLI.

Expected failures are `EventscopeError`s: `eventscope.cli.main` prints them as
one line on stderr and exits 2.  Progress goes to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from eventscope.evaluate.runner import LOADERS


def _progress(err: TextIO, label: str) -> Callable[[int, int], None]:
    """A one-line counter on stderr, refreshed at most twice a second."""
    state = {"last": 0.0, "start": 0.0}

    def show(count: int, total: int) -> None:
        now = time.perf_counter()
        if not state["start"]:  # the clock starts at the first item, after models and data are loaded
            state["start"] = now - 1e-3
        if count < total and now - state["last"] < 0.5:
            return
        state["last"] = now
        rate = count / max(now - state["start"], 1e-9)
        err.write(f"\r{label}: {count}/{total} ({rate:.1f}/s)")
        if count >= total:
            err.write("\n")
        err.flush()

    return show


def run_eval(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from eventscope.evaluate.report import print_eval
    from eventscope.evaluate.runner import evaluate

    show = None if args.quiet else _progress(err, f"eval {args.dataset}")
    result = evaluate(args.dataset, Path(args.path), limit=args.limit,
                      predictions_path=Path(args.predictions) if args.predictions else None, progress=show)
    if args.json:
        json.dump(result.to_json(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        print_eval(result, out)
    return 0


def run_bench(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    from eventscope.evaluate.bench import bench
    from eventscope.evaluate.report import print_bench

    show = None if args.quiet else _progress(err, "bench")
    report = bench([Path(p) for p in args.paths], n=args.n, progress=show)
    if args.json:
        json.dump(report, out, indent=2)
        out.write("\n")
    else:
        print_bench(report, out)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="score eventscope (or a coded dataset) against labeled data",
        description="Score against a labeled dataset. Datasets: " + ", ".join(LOADERS) + ".",
    )
    parser.add_argument("path", help="the dataset file or folder")
    parser.add_argument("--dataset", required=True, choices=list(LOADERS), help="the file format")
    parser.add_argument("--json", action="store_true", help="print JSON: dataset, n, seconds, metrics, …")
    parser.add_argument("--limit", type=int, help="score only the first N items (quick checks)")
    parser.add_argument("--predictions", help="score events from this JSONL file (eventscope extract "
                                              "--format jsonl) instead of running the pipeline")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(handler=run_eval)

    parser = subparsers.add_parser(
        "bench", help="time eventscope against spaCy's parse alone",
        description="Articles/s, words/s, peak RSS, seconds per stage, and spaCy's parse alone on the same texts.",
    )
    parser.add_argument("paths", nargs="+", help="article files or folders")
    parser.add_argument("--n", type=int, help="time only the first N articles")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(handler=run_bench)
